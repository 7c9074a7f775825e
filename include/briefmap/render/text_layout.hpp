#pragma once
// Single-line UTF-8 text layout against a GlyphAtlas: codepoints in, textured quads out. GL-free.
// No shaping beyond pair kerning: fine for the Latin, Cyrillic and Greek place names of a briefing map.
#include <string>
#include <string_view>
#include <vector>

#include "briefmap/render/glyph_atlas.hpp"

namespace briefmap::render {

/// One glyph's screen quad: pixels, y down, relative to the run's origin; texture coordinates into the atlas.
struct GlyphQuad {
  float x0, y0, x1, y1;
  float u0, v0, u1, v1;
};

struct TextRun {
  std::vector<GlyphQuad> quads;  ///< in text order; quads include the SDF padding around each glyph's ink
  float width = 0;    ///< advance width in pixels
  float ascent = 0;   ///< pixels above the baseline reached by the glyphs' ink (not the font's ascender)
  float descent = 0;  ///< pixels below the baseline reached by the ink (positive)
};

/// Lays out one line of UTF-8 text at `pixelSize` (em size) with its origin at the left end of the baseline
/// (so quads above the baseline have negative y). Invalid UTF-8 becomes U+FFFD / fallback glyph, never UB.
/// Control, bidi and zero-width format characters are skipped; a tab counts as a space. Thread-safe.
TextRun layoutText(const GlyphAtlas& atlas, std::string_view utf8, float pixelSize);

/// Breaks text into lines no wider than maxWidth pixels at pixelSize, at spaces, keeping at most maxLines
/// lines. What does not fit (a too-long word, lines beyond maxLines) is cut and ends in an ellipsis, so the
/// result never runs wider than maxWidth. Empty text gives no lines.
std::vector<std::string> wrapText(const GlyphAtlas& atlas, std::string_view utf8, float pixelSize, float maxWidth,
                                  int maxLines);

/// Decodes UTF-8, replacing invalid sequences with U+FFFD (one per maximal ill-formed subpart, as
/// Unicode recommends); rejects overlong forms, surrogates and codepoints above U+10FFFF.
std::u32string decodeUtf8(std::string_view utf8);

}  // namespace briefmap::render
