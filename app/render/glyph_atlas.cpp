#include "briefmap/render/glyph_atlas.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

namespace briefmap::render {
namespace {

constexpr char32_t kReplacementChar = 0xFFFD;
constexpr int kGapPx = 1;            // zero texels between glyphs so bilinear sampling never bleeds a neighbour in
constexpr int kMaxThreads = 8;
constexpr int kMinGlyphsPerThread = 64;  // below this, opening another FT_Face costs more than it saves
constexpr int kMaxTextureSide = 16384;   // what deserialize() accepts and GL drivers commonly allow

struct FtLibraryDeleter {
  void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FtFaceDeleter {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FtLibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;
using FtFacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;

[[noreturn]] void fail(const std::filesystem::path& font, const std::string& what, FT_Error error = 0) {
  std::string message = "glyph atlas: " + what + " for font '" + font.string() + "'";
  if (error != 0) message += " (FreeType error " + std::to_string(error) + ")";
  throw std::runtime_error(message);
}

std::vector<std::uint8_t> readFontBytes(const std::filesystem::path& font) {
  std::ifstream in(font, std::ios::binary);
  if (!in) fail(font, "cannot open file");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || bytes.empty()) fail(font, "cannot read file");
  return bytes;
}

// One FreeType library + face at the atlas size. Each worker thread owns one: FreeType objects are not
// thread-safe, but separate libraries over the same read-only font bytes are.
struct FtSession {
  FtLibraryPtr lib;
  FtFacePtr face;
};

FtSession openFace(const std::filesystem::path& font, const std::vector<std::uint8_t>& bytes, FT_F26Dot6 size26,
                   int spreadPx) {
  FtSession s;
  FT_Library rawLib = nullptr;
  if (FT_Error err = FT_Init_FreeType(&rawLib)) fail(font, "cannot initialise FreeType", err);
  s.lib.reset(rawLib);
  // Glyphs go through the bitmap SDF renderer ("bsdf", see rasterise()); "sdf" is set too so the spread
  // is right whichever of FreeType's two SDF renderers handles a glyph.
  const FT_UInt spread = static_cast<FT_UInt>(spreadPx);
  for (const char* module : {"bsdf", "sdf"}) {
    if (FT_Error err = FT_Property_Set(s.lib.get(), module, "spread", &spread)) fail(font, "cannot set SDF spread", err);
  }
  FT_Face rawFace = nullptr;
  if (FT_Error err = FT_New_Memory_Face(s.lib.get(), bytes.data(), static_cast<FT_Long>(bytes.size()), 0, &rawFace)) {
    fail(font, "cannot read font file", err);
  }
  s.face.reset(rawFace);
  if (!FT_IS_SCALABLE(s.face.get())) fail(font, "font has no outlines");
  // 26.6 fixed point at 72 dpi: one point is one pixel, and fractional base sizes are kept.
  if (FT_Error err = FT_Set_Char_Size(s.face.get(), 0, size26, 72, 72)) fail(font, "cannot set pixel size", err);
  return s;
}

// One rendered glyph before packing; shared by every codepoint that maps to the same glyph index.
struct RasterGlyph {
  FT_UInt index = 0;
  float advance = 0;
  int left = 0, top = 0;  // bitmap_left / bitmap_top: top-left of the bitmap from the pen, y up
  int width = 0, rows = 0;
  std::vector<std::uint8_t> sdf;  // width * rows, row 0 = top
  int atlasX = 0, atlasY = 0;
};

// Renders the glyph to an anti-aliased bitmap first and then to FT_RENDER_MODE_SDF, which makes FreeType
// use its bitmap SDF renderer ("bsdf") instead of the outline one ("sdf"). Measured on DejaVu Sans at
// 48 px / spread 8: the outline renderer punches holes where composite glyphs overlap their parts
// (Ç ç Ş ş ą ę Ų ų Ơ: 27 glyphs, 222 texels on the wrong side of the edge, worse with its "overlaps"
// option), is 2.5x slower (7.5 vs 3.0 ms per glyph), while "bsdf" stays within 0.05 px (mean) of the
// outline field on clean glyphs and has no wrong-side texels.
void rasterise(const std::filesystem::path& font, FT_Face face, RasterGlyph& g) {
  // Unhinted: the distance field is scaled to every display size, so hinting for the base size would distort it.
  if (FT_Error err = FT_Load_Glyph(face, g.index, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) {
    fail(font, "cannot load glyph " + std::to_string(g.index), err);
  }
  FT_GlyphSlot slot = face->glyph;
  g.advance = static_cast<float>(slot->linearHoriAdvance) / 65536.f;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE || slot->outline.n_contours <= 0) return;  // blank glyph
  if (FT_Error err = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)) {
    fail(font, "cannot rasterise glyph " + std::to_string(g.index), err);
  }
  if (slot->bitmap.width == 0 || slot->bitmap.rows == 0) return;  // degenerate outline, nothing to see
  if (FT_Error err = FT_Render_Glyph(slot, FT_RENDER_MODE_SDF)) {
    fail(font, "cannot render SDF of glyph " + std::to_string(g.index), err);
  }
  const FT_Bitmap& bmp = slot->bitmap;
  g.left = slot->bitmap_left;
  g.top = slot->bitmap_top;
  g.width = static_cast<int>(bmp.width);
  g.rows = static_cast<int>(bmp.rows);
  g.sdf.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.rows));
  for (int y = 0; y < g.rows; ++y) {
    // pitch may be negative (bottom-up bitmaps); buffer + y * pitch is row y from the top either way.
    const std::uint8_t* src = bmp.buffer + static_cast<std::ptrdiff_t>(y) * bmp.pitch;
    std::memcpy(g.sdf.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width), src,
                static_cast<std::size_t>(g.width));
  }
}

// Renders all glyphs on up to hardware_concurrency() threads pulling from one counter. Each glyph's field
// depends only on the glyph, so the result is the same whatever the thread count or scheduling.
void rasteriseAll(const std::filesystem::path& font, const std::vector<std::uint8_t>& bytes, FT_F26Dot6 size26,
                  int spreadPx, FT_Face mainFace, std::vector<RasterGlyph>& glyphs) {
  const int hw = static_cast<int>(std::thread::hardware_concurrency());
  const int byWork = static_cast<int>(glyphs.size()) / kMinGlyphsPerThread;
  const int threads = std::clamp(std::min(hw, byWork), 1, kMaxThreads);
  std::atomic<std::size_t> next{0};
  auto work = [&](FT_Face face) {
    for (std::size_t i = next++; i < glyphs.size(); i = next++) rasterise(font, face, glyphs[i]);
  };
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) {
    try {
      pool.emplace_back([&, t] {
        try {
          FtSession session = openFace(font, bytes, size26, spreadPx);
          work(session.face.get());
        } catch (...) {
          errors[static_cast<std::size_t>(t)] = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      break;  // no more threads: the ones running (and this one) still take every glyph
    }
  }
  try {
    work(mainFace);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void appendRange(std::vector<char32_t>& out, char32_t first, char32_t last) {
  for (char32_t c = first; c <= last; ++c) out.push_back(c);
}

std::uint16_t readU16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

// FT_Get_Kerning cannot enumerate pairs, and asking it for all ~10^6 codepoint pairs would dominate
// start-up. So the pair list comes from the legacy 'kern' table (format 0 subtables, the only kind
// FT_Get_Kerning reads) and each value from FT_Get_Kerning, so the numbers are exactly FreeType's.
// GPOS-only kerning is not seen, as by FT_Get_Kerning.
std::vector<std::pair<FT_UInt, FT_UInt>> kernPairs(FT_Face face) {
  std::vector<std::pair<FT_UInt, FT_UInt>> pairs;
  if (!FT_HAS_KERNING(face) || !FT_IS_SFNT(face)) return pairs;
  FT_ULong length = 0;
  if (FT_Load_Sfnt_Table(face, TTAG_kern, 0, nullptr, &length) != 0 || length < 4) return pairs;
  std::vector<std::uint8_t> table(length);
  if (FT_Load_Sfnt_Table(face, TTAG_kern, 0, table.data(), &length) != 0) return pairs;
  const std::uint8_t* p = table.data();
  const std::uint8_t* end = p + length;
  if (readU16(p) != 0) return pairs;  // Apple's version-1 table: FT_Get_Kerning ignores it as well
  const int subtables = readU16(p + 2);
  p += 4;
  for (int s = 0; s < subtables && end - p >= 6; ++s) {
    const std::uint16_t subLength = readU16(p + 2);
    const std::uint16_t coverage = readU16(p + 4);
    const std::uint8_t* body = p + 6;
    // The 16-bit length overflows in big tables; trust nPairs but never read past the table.
    const bool horizontalFormat0 = (coverage >> 8) == 0 && (coverage & 0x1) != 0;
    if (horizontalFormat0 && end - body >= 8) {
      const std::size_t count = std::min<std::size_t>(readU16(body), static_cast<std::size_t>(end - body - 8) / 6);
      const std::uint8_t* pair = body + 8;
      for (std::size_t i = 0; i < count; ++i, pair += 6) pairs.emplace_back(readU16(pair), readU16(pair + 2));
    }
    if (subLength < 6) break;
    p += subLength;
  }
  return pairs;
}

FT_F26Dot6 toSize26(float basePixelSize) { return static_cast<FT_F26Dot6>(std::lround(basePixelSize * 64.f)); }

void checkArguments(float basePixelSize, int spreadPx) {
  if (!(basePixelSize >= 4.f && basePixelSize <= 256.f)) {
    throw std::invalid_argument("glyph atlas: base pixel size must be in [4, 256]");
  }
  // FreeType's SDF renderers accept spreads of 2..32 pixels.
  if (spreadPx < 2 || spreadPx > 32) throw std::invalid_argument("glyph atlas: spread must be in [2, 32] pixels");
}

}  // namespace

struct GlyphAtlas::Builder {
  static GlyphAtlas build(const std::filesystem::path& font, const std::vector<std::uint8_t>& bytes,
                          float basePixelSize, int spreadPx);
};

std::vector<char32_t> GlyphAtlas::defaultCodepoints() {
  std::vector<char32_t> cps;
  appendRange(cps, 0x20, 0x7E);      // Basic Latin
  appendRange(cps, 0xA0, 0xFF);      // Latin-1 Supplement (° ×)
  appendRange(cps, 0x100, 0x24F);    // Latin Extended-A and -B (Ș ș Ț ț ą ł ę ğ ş ı İ ő ű č ř š ž)
  appendRange(cps, 0x300, 0x36F);    // combining marks: decomposed (NFD) names still get their accents
  appendRange(cps, 0x370, 0x3FF);    // Greek and Coptic
  appendRange(cps, 0x400, 0x4FF);    // Cyrillic (Ґ ґ Є є І і Ї ї)
  appendRange(cps, 0x2000, 0x206F);  // General Punctuation (— – ‘ ’ “ ” • …)
  // Symbols used on briefing maps: currency (€ ₴), numero, arrows, shapes, stars; U+FFFD for bad input.
  for (char32_t c : {0x20AC, 0x20B4, 0x2116, 0x2190, 0x2191, 0x2192, 0x2193, 0x25A0, 0x25A1, 0x25B2, 0x25B3,
                     0x25BC, 0x25C6, 0x25CB, 0x25CF, 0x2605, 0x2606, 0xFFFD}) {
    cps.push_back(c);
  }
  std::sort(cps.begin(), cps.end());
  cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
  return cps;
}

GlyphAtlas GlyphAtlas::fromFontFile(const std::filesystem::path& font, float basePixelSize, int spreadPx) {
  checkArguments(basePixelSize, spreadPx);
  return Builder::build(font, readFontBytes(font), basePixelSize, spreadPx);
}

GlyphAtlas GlyphAtlas::Builder::build(const std::filesystem::path& font, const std::vector<std::uint8_t>& bytes,
                                      float basePixelSize, int spreadPx) {
  const FT_F26Dot6 size26 = toSize26(basePixelSize);
  FtSession session = openFace(font, bytes, size26, spreadPx);
  FT_Face face = session.face.get();

  GlyphAtlas atlas;
  atlas.m_basePixelSize = static_cast<float>(size26) / 64.f;
  atlas.m_spread = static_cast<float>(spreadPx);
  // Unrounded design metrics: FreeType's size metrics are rounded to whole pixels, which would not scale.
  const float unitsToPx = atlas.m_basePixelSize / static_cast<float>(face->units_per_EM);
  atlas.m_ascender = static_cast<float>(face->ascender) * unitsToPx;
  atlas.m_descender = static_cast<float>(face->descender) * unitsToPx;
  atlas.m_lineHeight = static_cast<float>(face->height) * unitsToPx;

  // Codepoints to glyph indices. The fallback has its own slot so it exists even when the font has
  // neither U+FFFD nor '?' (glyph 0 is then the font's "missing" box).
  std::vector<std::pair<char32_t, FT_UInt>> wanted;
  for (char32_t cp : defaultCodepoints()) {
    if (FT_UInt index = FT_Get_Char_Index(face, cp)) wanted.emplace_back(cp, index);
  }
  FT_UInt fallbackIndex = FT_Get_Char_Index(face, kReplacementChar);
  if (fallbackIndex == 0) fallbackIndex = FT_Get_Char_Index(face, U'?');

  // Each distinct glyph is rendered once (NBSP and space, or look-alikes across scripts, may share one).
  std::vector<RasterGlyph> rasters;
  std::map<FT_UInt, std::size_t> slotOf;  // ordered, so nothing below depends on hashing
  auto addRaster = [&](FT_UInt index) {
    if (slotOf.emplace(index, rasters.size()).second) rasters.push_back(RasterGlyph{index});
  };
  for (const auto& [cp, index] : wanted) addRaster(index);
  addRaster(fallbackIndex);
  rasteriseAll(font, bytes, size26, spreadPx, face, rasters);

  // Shelf packing, tallest first (ties: wider first, then codepoint order), into the smallest power-of-two
  // width whose square holds all glyphs.
  std::vector<RasterGlyph*> order;
  std::size_t area = 0;
  for (RasterGlyph& g : rasters) {
    if (g.width == 0 || g.rows == 0) continue;
    order.push_back(&g);
    area += static_cast<std::size_t>(g.width + kGapPx) * static_cast<std::size_t>(g.rows + kGapPx);
  }
  std::stable_sort(order.begin(), order.end(), [](const RasterGlyph* a, const RasterGlyph* b) {
    return a->rows != b->rows ? a->rows > b->rows : a->width > b->width;
  });
  int widest = 1;
  for (const RasterGlyph* g : order) widest = std::max(widest, g->width + 2 * kGapPx);
  int texWidth = 64;
  while (static_cast<std::size_t>(texWidth) * static_cast<std::size_t>(texWidth) < area || texWidth < widest) {
    texWidth *= 2;
  }
  int penX = kGapPx, penY = kGapPx, shelfHeight = 0;
  for (RasterGlyph* g : order) {
    if (penX + g->width + kGapPx > texWidth) {
      penY += shelfHeight + kGapPx;
      penX = kGapPx;
      shelfHeight = 0;
    }
    g->atlasX = penX;
    g->atlasY = penY;
    penX += g->width + kGapPx;
    shelfHeight = std::max(shelfHeight, g->rows);
  }
  const int texHeight = penY + shelfHeight + kGapPx;
  if (texHeight > kMaxTextureSide) fail(font, "glyph atlas would exceed " + std::to_string(kMaxTextureSide) + " px");

  atlas.m_width = texWidth;
  atlas.m_height = texHeight;
  atlas.m_pixels.assign(static_cast<std::size_t>(texWidth) * static_cast<std::size_t>(texHeight), 0);
  for (const RasterGlyph* g : order) {
    for (int y = 0; y < g->rows; ++y) {
      std::memcpy(atlas.m_pixels.data() + static_cast<std::size_t>(g->atlasY + y) * static_cast<std::size_t>(texWidth) +
                      static_cast<std::size_t>(g->atlasX),
                  g->sdf.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(g->width),
                  static_cast<std::size_t>(g->width));
    }
  }

  auto metricsOf = [&](FT_UInt index) {
    const RasterGlyph& g = rasters[slotOf.at(index)];
    GlyphMetrics m;
    m.advance = g.advance;
    m.bearingX = static_cast<float>(g.left);
    m.bearingY = static_cast<float>(g.top);
    m.width = static_cast<float>(g.width);
    m.height = static_cast<float>(g.rows);
    m.u0 = static_cast<float>(g.atlasX) / static_cast<float>(texWidth);
    m.v0 = static_cast<float>(g.atlasY) / static_cast<float>(texHeight);
    m.u1 = static_cast<float>(g.atlasX + g.width) / static_cast<float>(texWidth);
    m.v1 = static_cast<float>(g.atlasY + g.rows) / static_cast<float>(texHeight);
    return m;
  };
  atlas.m_glyphs.reserve(wanted.size());
  for (const auto& [cp, index] : wanted) atlas.m_glyphs.emplace(cp, metricsOf(index));
  atlas.m_fallback = metricsOf(fallbackIndex);

  // Kerning, expanded from glyph pairs to the codepoints in the atlas.
  std::multimap<FT_UInt, char32_t> codepointsOf;
  for (const auto& [cp, index] : wanted) codepointsOf.emplace(index, cp);
  for (const auto& [leftIndex, rightIndex] : kernPairs(face)) {
    const auto lefts = codepointsOf.equal_range(leftIndex);
    if (lefts.first == lefts.second) continue;
    const auto rights = codepointsOf.equal_range(rightIndex);
    if (rights.first == rights.second) continue;
    FT_Vector kern{};
    if (FT_Get_Kerning(face, leftIndex, rightIndex, FT_KERNING_UNSCALED, &kern) != 0 || kern.x == 0) continue;
    const float value = static_cast<float>(kern.x) * unitsToPx;
    for (auto l = lefts.first; l != lefts.second; ++l) {
      for (auto r = rights.first; r != rights.second; ++r) {
        atlas.m_kerning[static_cast<std::uint64_t>(l->second) << 32 | r->second] = value;
      }
    }
  }
  return atlas;
}

const GlyphMetrics* GlyphAtlas::glyph(char32_t codepoint) const {
  auto it = m_glyphs.find(codepoint);
  return it == m_glyphs.end() ? nullptr : &it->second;
}

const GlyphMetrics& GlyphAtlas::glyphOrFallback(char32_t codepoint) const {
  const GlyphMetrics* g = glyph(codepoint);
  return g != nullptr ? *g : m_fallback;
}

float GlyphAtlas::kerning(char32_t left, char32_t right) const {
  if (m_kerning.empty()) return 0.f;
  auto it = m_kerning.find(static_cast<std::uint64_t>(left) << 32 | right);
  return it == m_kerning.end() ? 0.f : it->second;
}

}  // namespace briefmap::render
