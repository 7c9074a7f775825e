#include "briefmap/render/text_layout.hpp"

#include "briefmap/data/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace briefmap::render {
namespace {

constexpr char32_t kReplacementChar = 0xFFFD;

// Characters with no visible form that would otherwise draw the fallback glyph: C0/C1 controls,
// zero-width and bidi formatting marks (common in copied place names), the byte order mark.
bool isInvisibleFormat(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF;
}

}  // namespace

std::u32string decodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = s[i];
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    // Length and the allowed range of the second byte (Unicode table 3-7); the range excludes
    // overlong forms, surrogates and values above U+10FFFF.
    int length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      out.push_back(kReplacementChar);  // stray continuation byte, C0/C1 lead or F5..FF
      ++i;
      continue;
    }
    char32_t cp = b & (0xFF >> (length + 1));
    int consumed = 1;
    for (; consumed < length; ++consumed) {
      if (i + static_cast<std::size_t>(consumed) >= n) break;
      const unsigned char c = s[i + static_cast<std::size_t>(consumed)];
      const unsigned char min = consumed == 1 ? lo : 0x80;
      const unsigned char max = consumed == 1 ? hi : 0xBF;
      if (c < min || c > max) break;
      cp = (cp << 6) | (c & 0x3F);
    }
    // A truncated or broken sequence is one replacement; the offending byte starts the next one.
    out.push_back(consumed == length ? cp : kReplacementChar);
    i += static_cast<std::size_t>(consumed);
  }
  return out;
}

TextRun layoutText(const GlyphAtlas& atlas, std::string_view utf8, float pixelSize) {
  TextRun run;
  if (!(pixelSize > 0.f) || !std::isfinite(pixelSize) || atlas.basePixelSize() <= 0.f) return run;
  const float scale = pixelSize / atlas.basePixelSize();
  // Bitmaps carry `spread` pixels of padding around the ink on every side.
  const float pad = atlas.spread();
  const std::u32string text = decodeUtf8(utf8);
  run.quads.reserve(text.size());
  float pen = 0.f;
  char32_t previous = 0;
  bool hasPrevious = false;
  float inkTop = 0.f, inkBottom = 0.f;  // base-size pixels, y up
  for (char32_t cp : text) {
    if (cp == U'\t') cp = U' ';
    if (isInvisibleFormat(cp)) continue;
    const GlyphMetrics& g = atlas.glyphOrFallback(cp);
    if (hasPrevious) pen += atlas.kerning(previous, cp) * scale;
    if (g.width > 0.f && g.height > 0.f) {
      GlyphQuad q;
      q.x0 = pen + g.bearingX * scale;
      q.y0 = -g.bearingY * scale;
      q.x1 = q.x0 + g.width * scale;
      q.y1 = q.y0 + g.height * scale;
      q.u0 = g.u0;
      q.v0 = g.v0;
      q.u1 = g.u1;
      q.v1 = g.v1;
      run.quads.push_back(q);
      inkTop = std::max(inkTop, g.bearingY - pad);
      inkBottom = std::min(inkBottom, g.bearingY - g.height + pad);
    }
    pen += g.advance * scale;
    previous = cp;
    hasPrevious = true;
  }
  run.width = pen;
  run.ascent = inkTop * scale;
  run.descent = -inkBottom * scale;
  return run;
}

namespace {


struct Wrapper {
  const GlyphAtlas& atlas;
  float size, maxWidth;
  float width(std::u32string_view s) const { return layoutText(atlas, data::encodeUtf8(s), size).width; }
  static std::u32string trimmed(std::u32string s) {
    while (!s.empty() && s.back() == U' ') s.pop_back();
    return s;
  }
  // The longest prefix that fits with an ellipsis after it (binary search: width grows with length).
  std::u32string ellipsize(const std::u32string& s) const {
    size_t lo = 0, hi = s.size();
    while (lo < hi) {
      const size_t mid = (lo + hi + 1) / 2;
      if (width(trimmed(s.substr(0, mid)) + U"\u2026") <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    std::u32string out = trimmed(s.substr(0, lo)) + U"\u2026";
    return width(out) <= maxWidth ? out : std::u32string{};
  }
};

}  // namespace

std::vector<std::string> wrapText(const GlyphAtlas& atlas, std::string_view utf8, float pixelSize, float maxWidth,
                                  int maxLines) {
  std::vector<std::string> result;
  if (maxLines <= 0 || !(maxWidth > 0) || !(pixelSize > 0)) return result;
  const Wrapper w{atlas, pixelSize, maxWidth};
  std::vector<std::u32string> words;
  std::u32string current;
  for (char32_t cp : decodeUtf8(utf8)) {
    if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(cp);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  std::vector<std::u32string> lines;
  std::u32string line;
  for (const auto& word : words) {
    const std::u32string candidate = line.empty() ? word : line + U" " + word;
    if (w.width(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    line = word;
    if (w.width(line) > maxWidth) {  // one word wider than the line: cut it
      lines.push_back(w.ellipsize(line));
      line.clear();
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  if (static_cast<int>(lines.size()) > maxLines) {
    lines.resize(static_cast<size_t>(maxLines));
    // Text was dropped: say so on the last line kept.
    std::u32string& last = lines.back();
    if (last.empty() || last.back() != U'\u2026') last = w.ellipsize(last);
  }
  for (const auto& l : lines)
    if (!l.empty()) result.push_back(data::encodeUtf8(l));
  return result;
}

}  // namespace briefmap::render
