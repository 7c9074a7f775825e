#pragma once
// A signed-distance-field glyph atlas rasterised once at start-up with FreeType's SDF renderer.
// GL-free: the renderer uploads pixels() as an R8 texture and thresholds it in the text shader.
//
// SDF convention (what the shader needs): a texel value v encodes the signed distance
//   d = (v - 128) / 128 * spread()   in atlas pixels at basePixelSize(), positive inside the glyph.
// So 128 (0.5 after normalisation) is the outline, one unit of the 0..255 range is spread()/128 atlas
// pixels, and a text drawn at P pixels sees one atlas pixel as P / basePixelSize() screen pixels.
// Values saturate at 0 and 255, i.e. `spread()` atlas pixels outside and inside the outline.
//
// Building is slow (FreeType's SDF renderer takes ~1.5 ms per glyph at 32 px, ~3 ms at 48 px; about
// 0.8 s for the default ranges at 32 px on two cores), so the application uses embedded(), made at build time.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <unordered_map>
#include <vector>

namespace briefmap::render {

/// Metrics of one glyph, all in atlas pixels at the atlas base size.
struct GlyphMetrics {
  float advance = 0;                  ///< pen advance (unhinted, fractional)
  float bearingX = 0, bearingY = 0;   ///< bitmap top-left relative to the pen on the baseline, y up
  float width = 0, height = 0;        ///< bitmap size including the SDF spread padding (0 for blanks)
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;  ///< texture coordinates in [0,1]; v0 = top row of the glyph
};

class GlyphAtlas {
 public:
  /// Texel value on the glyph outline; larger values are inside.
  static constexpr std::uint8_t kEdgeValue = 128;

  /// Rasterises the glyphs of the default Unicode ranges (see defaultCodepoints()) from a TTF/OTF file
  /// as a signed distance field. Throws std::runtime_error naming the font file when it cannot be read.
  /// Deterministic: the same font and arguments give byte-identical pixels and metrics.
  static GlyphAtlas fromFontFile(const std::filesystem::path& font, float basePixelSize = 32.f, int spreadPx = 6);
  /// The label atlas rasterised from assets/fonts/DejaVuSans.ttf at build time and linked into the
  /// binary (FreeType's SDF rendering of ~1000 glyphs takes seconds; start-up must not).
  static const GlyphAtlas& embedded();
  /// A compact binary form (little-endian), and back; deserialize throws std::runtime_error when malformed.
  std::vector<std::uint8_t> serialize() const;
  static GlyphAtlas deserialize(const std::uint8_t* data, std::size_t size);

  /// The codepoints fromFontFile() tries to include, ascending (those the font lacks are skipped).
  static std::vector<char32_t> defaultCodepoints();

  int width() const { return m_width; }    ///< texels; a power of two
  int height() const { return m_height; }  ///< texels
  const std::vector<std::uint8_t>& pixels() const { return m_pixels; }  ///< R8, row 0 = top; 128 = glyph edge, larger = inside
  float basePixelSize() const { return m_basePixelSize; }  ///< em size, in pixels, the glyphs were rasterised at
  float spread() const { return m_spread; }  ///< atlas pixels of distance that value 0 (or 255) stands for
  float ascender() const { return m_ascender; }      ///< base-size pixels above the baseline (positive)
  float descender() const { return m_descender; }    ///< base-size pixels, below the baseline (negative)
  float lineHeight() const { return m_lineHeight; }  ///< base-size pixels between baselines
  std::size_t glyphCount() const { return m_glyphs.size(); }  ///< glyphs in the atlas, fallback included

  const GlyphMetrics* glyph(char32_t codepoint) const;  ///< nullptr when absent
  const GlyphMetrics& glyphOrFallback(char32_t codepoint) const;  ///< U+FFFD, else '?', else the font's box
  float kerning(char32_t left, char32_t right) const;   ///< base-size pixels, 0 when the font has none

 private:
  GlyphAtlas() = default;
  struct Builder;  // the FreeType plumbing lives in the .cpp

  int m_width = 0;
  int m_height = 0;
  std::vector<std::uint8_t> m_pixels;
  float m_basePixelSize = 0;
  float m_spread = 0;
  float m_ascender = 0;
  float m_descender = 0;
  float m_lineHeight = 0;
  std::unordered_map<char32_t, GlyphMetrics> m_glyphs;
  GlyphMetrics m_fallback;
  std::unordered_map<std::uint64_t, float> m_kerning;  ///< key: left << 32 | right
};

}  // namespace briefmap::render
