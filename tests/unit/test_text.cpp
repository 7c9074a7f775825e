// Text machinery: SDF glyph atlas, UTF-8 layout and label placement (no GL).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "briefmap/data/resources.hpp"
#include "briefmap/render/frame_layout.hpp"
#include "briefmap/render/glyph_atlas.hpp"
#include "briefmap/render/label_placer.hpp"
#include "briefmap/render/text_layout.hpp"
#include "briefmap/render/vector_export.hpp"

#include "../scratch_dir.hpp"

namespace br = briefmap::render;

namespace {

std::filesystem::path regularFont() { return briefmap::data::findAssetFile("fonts/DejaVuSans.ttf"); }
std::filesystem::path boldFont() { return briefmap::data::findAssetFile("fonts/DejaVuSans-Bold.ttf"); }

// The atlas the renderer uses: rasterised at build time and linked in (a fresh one takes about a second).
const br::GlyphAtlas& atlas() { return br::GlyphAtlas::embedded(); }

std::uint8_t texel(const br::GlyphAtlas& a, int x, int y) {
  return a.pixels()[static_cast<std::size_t>(y) * static_cast<std::size_t>(a.width()) + static_cast<std::size_t>(x)];
}

bool sameMetrics(const br::GlyphMetrics& a, const br::GlyphMetrics& b) {
  return a.advance == b.advance && a.bearingX == b.bearingX && a.bearingY == b.bearingY && a.width == b.width &&
         a.height == b.height && a.u0 == b.u0 && a.v0 == b.v0 && a.u1 == b.u1 && a.v1 == b.v1;
}

bool sameAtlas(const br::GlyphAtlas& a, const br::GlyphAtlas& b) {
  if (a.width() != b.width() || a.height() != b.height() || a.pixels() != b.pixels() ||
      a.glyphCount() != b.glyphCount() || a.ascender() != b.ascender() || a.descender() != b.descender() ||
      a.lineHeight() != b.lineHeight() || a.spread() != b.spread() || a.basePixelSize() != b.basePixelSize()) {
    return false;
  }
  for (char32_t cp : br::GlyphAtlas::defaultCodepoints()) {
    const br::GlyphMetrics* ga = a.glyph(cp);
    const br::GlyphMetrics* gb = b.glyph(cp);
    if ((ga == nullptr) != (gb == nullptr) || (ga != nullptr && !sameMetrics(*ga, *gb))) return false;
    if (a.kerning(U'A', cp) != b.kerning(U'A', cp) || a.kerning(cp, U'o') != b.kerning(cp, U'o')) return false;
  }
  return sameMetrics(a.glyphOrFallback(0x1F600), b.glyphOrFallback(0x1F600));
}

std::filesystem::path scratchFile(const std::string& name) {
  std::filesystem::path file = briefmap::test_support::processScratchDir() / name;
  std::filesystem::remove(file);
  return file;
}

std::string encodeUtf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------- atlas

TEST(GlyphAtlas, CoversBriefingCharacters) {
  const std::u32string text = br::decodeUtf8(
      "Київ Львів Ґ є ї і Constanța Łask Çanakkale — ‘’ “” • – Ț ț Ș ș ą ł ę ń ó ś ź ż ğ ş ı İ ő ű č ř š ž "
      "Chișinău ΑΒΓ αβγ ° × → ← ↑ ▲ ● ■ ★ ₴ € № �");
  for (char32_t cp : text) EXPECT_NE(atlas().glyph(cp), nullptr) << "U+" << std::hex << static_cast<unsigned>(cp);
  EXPECT_GT(atlas().glyphCount(), 900u);
}

TEST(GlyphAtlas, MissingGlyphFallsBack) {
  ASSERT_EQ(atlas().glyph(0x1F600), nullptr);  // DejaVu Sans has no emoji
  const br::GlyphMetrics& fallback = atlas().glyphOrFallback(0x1F600);
  ASSERT_NE(atlas().glyph(0xFFFD), nullptr);
  EXPECT_TRUE(sameMetrics(fallback, *atlas().glyph(0xFFFD)));
  EXPECT_GT(fallback.width, 0.f);
  EXPECT_GT(fallback.advance, 0.f);
  EXPECT_EQ(&atlas().glyphOrFallback(U'Ї'), atlas().glyph(U'Ї'));
}

TEST(GlyphAtlas, TextureAndMetricsAreConsistent) {
  const br::GlyphAtlas& a = atlas();
  ASSERT_GT(a.width(), 0);
  EXPECT_EQ(a.width() & (a.width() - 1), 0) << "width must be a power of two";
  EXPECT_EQ(a.pixels().size(), static_cast<std::size_t>(a.width()) * static_cast<std::size_t>(a.height()));
  EXPECT_GE(a.basePixelSize(), 24.f);  // smaller and the field gets too coarse for 40 px labels
  EXPECT_GE(a.spread(), a.basePixelSize() / 8.f) << "too little spread for a 2 px halo on 16 px text";
  EXPECT_GT(a.ascender(), 0.f);
  EXPECT_LT(a.descender(), 0.f);
  EXPECT_NEAR(a.lineHeight(), a.ascender() - a.descender(), 0.05f * a.basePixelSize());
  for (char32_t cp : br::GlyphAtlas::defaultCodepoints()) {
    const br::GlyphMetrics* g = a.glyph(cp);
    if (g == nullptr) continue;
    ASSERT_GE(g->u0, 0.f);
    ASSERT_LE(g->u1, 1.f);
    ASSERT_GE(g->v0, 0.f);
    ASSERT_LE(g->v1, 1.f);
    // Texture coordinates span exactly the bitmap, in whole texels.
    ASSERT_NEAR((g->u1 - g->u0) * static_cast<float>(a.width()), g->width, 1e-3f);
    ASSERT_NEAR((g->v1 - g->v0) * static_cast<float>(a.height()), g->height, 1e-3f);
  }
  const br::GlyphMetrics* space = a.glyph(U' ');
  ASSERT_NE(space, nullptr);
  EXPECT_EQ(space->width, 0.f);
  EXPECT_GT(space->advance, 0.f);
  // The bitmap of 'I' spans the cap height plus the spread padding above and below.
  const br::GlyphMetrics* capI = a.glyph(U'I');
  ASSERT_NE(capI, nullptr);
  EXPECT_NEAR(capI->bearingY - a.spread(), 0.729f * a.basePixelSize(), 1.5f);  // DejaVu cap height 1493/2048 em
  EXPECT_NEAR(capI->height - 2 * a.spread(), 0.729f * a.basePixelSize(), 1.5f);
}

TEST(GlyphAtlas, DistanceFieldFollowsTheDocumentedConvention) {
  const br::GlyphAtlas& a = atlas();
  const br::GlyphMetrics* capI = a.glyph(U'I');
  ASSERT_NE(capI, nullptr);
  const int x0 = static_cast<int>(std::lround(capI->u0 * static_cast<float>(a.width())));
  const int y0 = static_cast<int>(std::lround(capI->v0 * static_cast<float>(a.height())));
  const int w = static_cast<int>(capI->width), h = static_cast<int>(capI->height);
  const int cy = y0 + h / 2;
  EXPECT_GT(texel(a, x0 + w / 2, cy), br::GlyphAtlas::kEdgeValue);  // inside the stem
  EXPECT_LT(texel(a, x0, y0), br::GlyphAtlas::kEdgeValue);           // bitmap corner: outside
  EXPECT_LT(texel(a, 0, 0), 128);                                   // atlas corner and gaps: far outside
  EXPECT_LT(texel(a, a.width() - 1, a.height() - 1), 128);
  if (x0 + w < a.width()) {
    EXPECT_EQ(texel(a, x0 + w, cy), 0);  // the 1-px gap right of the glyph
  }
  // Across the left edge of the stem the value rises by 128 / spread per pixel.
  std::vector<double> xs, vs;
  for (int x = x0; x < x0 + w / 2; ++x) {
    const int v = texel(a, x, cy);
    if (v > 16 && v < 216) {
      xs.push_back(x);
      vs.push_back(v);
    }
  }
  ASSERT_GE(xs.size(), 4u);
  const double n = static_cast<double>(xs.size());
  double sx = 0, sv = 0, sxx = 0, sxv = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    sx += xs[i];
    sv += vs[i];
    sxx += xs[i] * xs[i];
    sxv += xs[i] * vs[i];
  }
  const double slope = (n * sxv - sx * sv) / (n * sxx - sx * sx);
  EXPECT_NEAR(slope, 128.0 / a.spread(), 0.1 * 128.0 / a.spread());
  // The outline lies one spread (the padding) inside the bitmap, give or take the sub-pixel part of the
  // glyph's left bearing (texel i is centred at i + 0.5).
  const double edgeX = (128.0 - (sv - slope * sx) / n) / slope - x0;
  EXPECT_NEAR(edgeX, a.spread(), 0.75);
}

TEST(GlyphAtlas, KerningComesFromTheFont) {
  // DejaVu Sans kerns A/V and T/o in its 'kern' table.
  EXPECT_LT(atlas().kerning(U'A', U'V'), 0.f);
  EXPECT_LT(atlas().kerning(U'T', U'o'), 0.f);
  EXPECT_EQ(atlas().kerning(U'I', U'I'), 0.f);
  EXPECT_EQ(atlas().kerning(0x1F600, U'A'), 0.f);
}

TEST(GlyphAtlas, UnreadableFontThrowsNamingTheFile) {
  const std::filesystem::path missing = regularFont().parent_path() / "NoSuchFont.ttf";
  try {
    (void)br::GlyphAtlas::fromFontFile(missing);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("NoSuchFont.ttf"), std::string::npos) << e.what();
  }
  const std::filesystem::path notAFont = scratchFile("not_a_font.ttf");
  std::ofstream(notAFont) << "this is not a font";
  try {
    (void)br::GlyphAtlas::fromFontFile(notAFont);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not_a_font.ttf"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)br::GlyphAtlas::fromFontFile(regularFont(), 0.f), std::invalid_argument);
  EXPECT_THROW((void)br::GlyphAtlas::fromFontFile(regularFont(), 32.f, 100), std::invalid_argument);
}

TEST(GlyphAtlas, RasterisingTheFontGivesTheEmbeddedAtlas) {
  // The build step and the library agree (same font, same defaults, same bytes), which also shows the
  // multi-threaded rasterisation is deterministic.
  const br::GlyphAtlas fresh = br::GlyphAtlas::fromFontFile(regularFont());
  EXPECT_EQ(fresh.serialize(), atlas().serialize());
  EXPECT_TRUE(sameAtlas(fresh, atlas()));
}

TEST(GlyphAtlas, SerialisationRoundTripsAndRefusesMalformedData) {
  const std::vector<std::uint8_t> bytes = atlas().serialize();
  EXPECT_TRUE(sameAtlas(br::GlyphAtlas::deserialize(bytes.data(), bytes.size()), atlas()));
  EXPECT_THROW((void)br::GlyphAtlas::deserialize(bytes.data(), bytes.size() / 2), std::runtime_error);
  const std::vector<std::uint8_t> junk(64, 0x5a);
  EXPECT_THROW((void)br::GlyphAtlas::deserialize(junk.data(), junk.size()), std::runtime_error);
}

TEST(GlyphAtlas, BoldFontLoads) {
  const br::GlyphAtlas bold = br::GlyphAtlas::fromFontFile(boldFont(), 16.f, 4);
  EXPECT_NE(bold.glyph(U'Ї'), nullptr);
  EXPECT_NE(bold.glyph(U'Ș'), nullptr);
}

// --------------------------------------------------------------------------------------------- layout

TEST(Utf8, DecodesValidText) {
  EXPECT_EQ(br::decodeUtf8("Київ"), U"Київ");
  EXPECT_EQ(br::decodeUtf8("Constanța — ‘x’"), U"Constanța — ‘x’");
  EXPECT_EQ(br::decodeUtf8("\xF0\x9F\x98\x80"), std::u32string(1, char32_t{0x1F600}));
  EXPECT_EQ(br::decodeUtf8(""), U"");
}

TEST(Utf8, ReplacesInvalidSequencesLikeUnicodeRecommends) {
  const std::u32string r(1, char32_t{0xFFFD});
  EXPECT_EQ(br::decodeUtf8("\xff\xfe"), r + r);
  EXPECT_EQ(br::decodeUtf8("\xd0"), r);                   // truncated 2-byte
  EXPECT_EQ(br::decodeUtf8("Ки\xd0"), U"Ки" + r);
  EXPECT_EQ(br::decodeUtf8("\xe2\x80"), r);               // truncated 3-byte: one replacement
  EXPECT_EQ(br::decodeUtf8("\xc0\xaf"), r + r);           // overlong '/', 2 bytes
  EXPECT_EQ(br::decodeUtf8("\xe0\x80\xaf"), r + r + r);   // overlong '/', 3 bytes
  EXPECT_EQ(br::decodeUtf8("\xf0\x80\x80\xaf"), r + r + r + r);  // overlong '/', 4 bytes
  EXPECT_EQ(br::decodeUtf8("\xed\xa0\x80"), r + r + r);   // surrogate U+D800
  EXPECT_EQ(br::decodeUtf8("\xf4\x90\x80\x80"), r + r + r + r);  // above U+10FFFF
  // The example of Unicode 15 table 3-8.
  EXPECT_EQ(br::decodeUtf8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
            U"a" + r + r + r + U"b" + r + U"c" + r + r + U"d");
}

TEST(Utf8, RoundTripsAndSurvivesRandomBytes) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::uint32_t> anyCp(0, 0x10FFFF);
  std::u32string expected;
  std::string encoded;
  while (expected.size() < 5000) {
    const char32_t cp = anyCp(rng);
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    expected += cp;
    encoded += encodeUtf8(cp);
  }
  EXPECT_EQ(br::decodeUtf8(encoded), expected);

  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes(rng() % 24, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    const std::u32string decoded = br::decodeUtf8(bytes);
    ASSERT_LE(decoded.size(), bytes.size());
    for (char32_t cp : decoded) ASSERT_TRUE(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
    const br::TextRun run = br::layoutText(atlas(), bytes, 14.f);
    for (const br::GlyphQuad& q : run.quads) ASSERT_TRUE(std::isfinite(q.x0) && std::isfinite(q.y1));
  }
}

TEST(TextLayout, EmptyStringIsEmpty) {
  const br::TextRun run = br::layoutText(atlas(), "", 16.f);
  EXPECT_EQ(run.width, 0.f);
  EXPECT_TRUE(run.quads.empty());
  EXPECT_EQ(run.ascent, 0.f);
  EXPECT_EQ(run.descent, 0.f);
  EXPECT_EQ(br::layoutText(atlas(), "Kyiv", 0.f).width, 0.f);
  EXPECT_EQ(br::layoutText(atlas(), "Kyiv", std::nanf("")).width, 0.f);
}

TEST(TextLayout, WidthGrowsWithText) {
  const float one = br::layoutText(atlas(), "Київ", 16.f).width;
  const float two = br::layoutText(atlas(), "Київ Львів", 16.f).width;
  const float three = br::layoutText(atlas(), "Київ Львів Харків", 16.f).width;
  EXPECT_GT(one, 0.f);
  EXPECT_GT(two, one);
  EXPECT_GT(three, two);
  EXPECT_EQ(br::layoutText(atlas(), "Київ", 16.f).quads.size(), 4u);
  EXPECT_EQ(br::layoutText(atlas(), "Київ Львів", 16.f).quads.size(), 9u);  // the space has no quad
}

TEST(TextLayout, KerningTightensPairs) {
  const float px = 32.f;
  const float scale = px / atlas().basePixelSize();
  const float a = atlas().glyph(U'A')->advance * scale;
  const float v = atlas().glyph(U'V')->advance * scale;
  const float av = br::layoutText(atlas(), "AV", px).width;
  EXPECT_LE(av, a + v + 1e-4f);
  if (atlas().kerning(U'A', U'V') != 0.f) {
    EXPECT_NEAR(av, a + v + atlas().kerning(U'A', U'V') * scale, 1e-3f);
    EXPECT_LT(av, a + v);
  }
}

TEST(TextLayout, ScalesLinearlyWithPixelSize) {
  const std::string text = "Київ, Constanța — AV ▲ 12°";
  const br::TextRun small = br::layoutText(atlas(), text, 12.f);
  const br::TextRun big = br::layoutText(atlas(), text, 36.f);
  ASSERT_EQ(small.quads.size(), big.quads.size());
  EXPECT_NEAR(big.width, 3.f * small.width, 1e-3f);
  EXPECT_NEAR(big.ascent, 3.f * small.ascent, 1e-3f);
  EXPECT_NEAR(big.descent, 3.f * small.descent, 1e-3f);
  for (std::size_t i = 0; i < small.quads.size(); ++i) {
    const br::GlyphQuad& s = small.quads[i];
    const br::GlyphQuad& b = big.quads[i];
    EXPECT_NEAR(b.x0, 3.f * s.x0, 1e-3f);
    EXPECT_NEAR(b.y0, 3.f * s.y0, 1e-3f);
    EXPECT_NEAR(b.x1, 3.f * s.x1, 1e-3f);
    EXPECT_NEAR(b.y1, 3.f * s.y1, 1e-3f);
    EXPECT_EQ(b.u0, s.u0);
    EXPECT_EQ(b.v1, s.v1);
  }
}

TEST(TextLayout, OriginIsTheBaselineLeft) {
  const float px = 20.f;
  const float scale = px / atlas().basePixelSize();
  const br::TextRun run = br::layoutText(atlas(), "Ig", px);
  ASSERT_EQ(run.quads.size(), 2u);
  const br::GlyphMetrics& capI = *atlas().glyph(U'I');
  EXPECT_NEAR(run.quads[0].x0, capI.bearingX * scale, 1e-4f);
  EXPECT_NEAR(run.quads[0].y0, -capI.bearingY * scale, 1e-4f);
  EXPECT_LT(run.quads[0].y0, 0.f);  // above the baseline: negative y
  // Ink extents: cap height above, the descender of 'g' below (DejaVu: 0.729 em and ~0.2 em).
  EXPECT_NEAR(run.ascent, 0.729f * px, 1.5f * scale + 0.01f);
  EXPECT_GT(run.descent, 0.15f * px);
  EXPECT_LT(run.descent, 0.30f * px);
  EXPECT_EQ(br::layoutText(atlas(), "HT", px).descent, 0.f);  // flat bottoms (round ones overshoot)
}

TEST(TextLayout, InvalidUtf8BecomesFallbackQuads) {
  const br::GlyphMetrics& fallback = atlas().glyphOrFallback(0xFFFD);
  for (const char* bad : {"\xff\xfe", "\xd0", "\xe2\x80", "\xf0\x9f\x98\x80"}) {  // last: valid but missing
    const br::TextRun run = br::layoutText(atlas(), bad, 16.f);
    ASSERT_FALSE(run.quads.empty()) << bad;
    for (const br::GlyphQuad& q : run.quads) {
      EXPECT_EQ(q.u0, fallback.u0);
      EXPECT_EQ(q.v0, fallback.v0);
    }
    EXPECT_GT(run.width, 0.f);
  }
  EXPECT_EQ(br::layoutText(atlas(), "\xff\xfe", 16.f).quads.size(), 2u);
}

TEST(TextLayout, InvisibleFormatCharactersAreSkipped) {
  const br::TextRun plain = br::layoutText(atlas(), "AB", 16.f);
  const br::TextRun marked = br::layoutText(atlas(), "A\u200BB\u200E\n", 16.f);
  EXPECT_EQ(marked.quads.size(), plain.quads.size());
  EXPECT_FLOAT_EQ(marked.width, plain.width);
  EXPECT_FLOAT_EQ(br::layoutText(atlas(), "A\tB", 16.f).width, br::layoutText(atlas(), "A B", 16.f).width);
}

// --------------------------------------------------------------------------------------------- labels

namespace {

br::LabelRequest label(float x, float y, float width, int rank = 1, float radius = 3.f) {
  br::LabelRequest r{};
  r.x = x;
  r.y = y;
  r.textWidth = width;
  r.ascent = 10.f;
  r.descent = 3.f;
  r.symbolRadius = radius;
  r.rank = rank;
  return r;
}

br::LabelPlacerOptions viewport(float w = 800.f, float h = 600.f) {
  br::LabelPlacerOptions o{};
  o.viewportW = w;
  o.viewportH = h;
  return o;
}

const br::PlacedLabel* find(const std::vector<br::PlacedLabel>& placed, std::size_t request) {
  for (const br::PlacedLabel& p : placed) {
    if (p.request == request) return &p;
  }
  return nullptr;
}

}  // namespace

TEST(LabelPlacer, RectOverlapExcludesTouching) {
  const br::ScreenRect a{0, 0, 10, 10};
  EXPECT_TRUE(a.overlaps({5, 5, 15, 15}));
  EXPECT_TRUE(a.overlaps({2, 2, 3, 3}));
  EXPECT_FALSE(a.overlaps({10, 0, 20, 10}));
  EXPECT_FALSE(a.overlaps({0, 10, 10, 20}));
  EXPECT_FALSE(a.overlaps({11, 11, 20, 20}));
}

TEST(LabelPlacer, PrefersTheRightWithTextCentredOnThePoint) {
  const std::vector<br::LabelRequest> requests{label(100, 100, 50)};
  const br::LabelPlacerOptions options = viewport();
  const auto placed = br::placeLabels(requests, {}, options);
  ASSERT_EQ(placed.size(), 1u);
  const br::PlacedLabel& p = placed[0];
  EXPECT_EQ(p.anchor, br::LabelAnchor::Right);
  EXPECT_FLOAT_EQ(p.originX, 100 + 3 + options.gap);
  EXPECT_FLOAT_EQ((p.box.y0 + p.box.y1) / 2, 100.f);
  EXPECT_FLOAT_EQ(p.box.y0, p.originY - 10.f);
  EXPECT_FLOAT_EQ(p.box.y1, p.originY + 3.f);
  EXPECT_FLOAT_EQ(p.box.x1 - p.box.x0, 50.f);
}

TEST(LabelPlacer, AMajorPlaceOnALineIsLabelledAcrossItRatherThanLost) {
  // A line through the point and a cross of lines around it: every position is crossed. A minor place is dropped;
  // a place that may cross lines (Kherson on the line of contact) is labelled at its first position that only a
  // line crosses, and still never over another label.
  const std::vector<br::ScreenSegment> lines{{0, 100, 400, 100}, {100, 0, 100, 400}, {0, 80, 400, 120}, {0, 120, 400, 80}};
  br::LabelRequest minor = label(100, 100, 50, 3);
  EXPECT_TRUE(br::placeLabels(std::vector{minor}, {}, lines, viewport()).empty());
  br::LabelRequest major = label(100, 100, 50, 2);
  major.mayCrossLines = true;
  const auto placed = br::placeLabels(std::vector{major}, {}, lines, viewport());
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Right);
  const std::vector<br::ScreenRect> taken{{104, 80, 300, 120}};  // another label's box on the right
  const auto beside = br::placeLabels(std::vector{major}, taken, lines, viewport());
  ASSERT_EQ(beside.size(), 1u);
  EXPECT_NE(beside[0].anchor, br::LabelAnchor::Right);
  EXPECT_FALSE(beside[0].box.overlaps(taken[0]));
}

TEST(LabelPlacer, HigherRankWinsTheSameSpot) {
  // Listed first but less important: the rank-1 label must still get the preferred position.
  br::LabelRequest minor = label(200, 200, 60, 3);
  br::LabelRequest major = label(200, 200, 60, 1);
  const std::vector<br::LabelRequest> requests{minor, major};
  const auto placed = br::placeLabels(requests, {}, viewport());
  ASSERT_FALSE(placed.empty());
  EXPECT_EQ(placed[0].request, 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Right);
  const br::PlacedLabel* loser = find(placed, 0);
  if (loser != nullptr) {
    EXPECT_NE(loser->anchor, br::LabelAnchor::Right);
  }

  // For centre-only labels at the same point there is a single spot: only rank 1 gets it.
  minor.allowCenter = major.allowCenter = true;
  minor.symbolRadius = major.symbolRadius = 0.f;  // area labels have no symbol
  const std::vector<br::LabelRequest> areas{minor, major};
  const auto placedAreas = br::placeLabels(areas, {}, viewport());
  ASSERT_EQ(placedAreas.size(), 1u);
  EXPECT_EQ(placedAreas[0].request, 1u);
}

TEST(LabelPlacer, EqualRanksKeepInputOrder) {
  const std::vector<br::LabelRequest> requests{label(300, 300, 40, 2), label(300, 300, 40, 2)};
  const auto placed = br::placeLabels(requests, {}, viewport());
  ASSERT_EQ(placed.size(), 2u);
  EXPECT_EQ(placed[0].request, 0u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Right);
  EXPECT_EQ(placed[1].anchor, br::LabelAnchor::Left);
}

TEST(LabelPlacer, BlockedOnTheRightGoesLeftThenAboveThenBelow) {
  const br::LabelPlacerOptions options = viewport();
  const std::vector<br::LabelRequest> requests{label(400, 300, 80)};
  const std::vector<br::ScreenRect> right{{420, 280, 600, 320}};
  auto placed = br::placeLabels(requests, right, options);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Left);
  EXPECT_FLOAT_EQ(placed[0].box.x1, 400 - 3 - options.gap);

  // Thin bars through the point's height block Left and Right but leave room above and below.
  const std::vector<br::ScreenRect> sides{{200, 297, 390, 303}, {410, 297, 600, 303}};
  placed = br::placeLabels(requests, sides, options);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Above);
  EXPECT_FLOAT_EQ(placed[0].box.y1, 300 - 3 - options.gap);
  EXPECT_FLOAT_EQ((placed[0].box.x0 + placed[0].box.x1) / 2, 400.f);

  const std::vector<br::ScreenRect> allButBelow{{200, 200, 600, 296}, {200, 296, 390, 303}, {410, 296, 600, 303}};
  placed = br::placeLabels(requests, allButBelow, options);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Below);
  EXPECT_FLOAT_EQ(placed[0].box.y0, 300 + 3 + options.gap);

  const std::vector<br::ScreenRect> everywhere{{200, 200, 600, 400}};
  EXPECT_TRUE(br::placeLabels(requests, everywhere, options).empty());
}

TEST(LabelPlacer, ViewportEdgeAndOtherSymbolsBlock) {
  // Near the right edge the label flips left.
  std::vector<br::LabelRequest> requests{label(780, 300, 60)};
  auto placed = br::placeLabels(requests, {}, viewport());
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Left);

  // Another place's symbol right of the point blocks the right; the label's own symbol never does.
  requests = {label(100, 100, 60, 1, 3.f), label(130, 100, 10, 5, 6.f)};
  requests[1].textWidth = 0;  // symbol only, no text
  placed = br::placeLabels(requests, {}, viewport());
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].request, 0u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Left);
}

TEST(LabelPlacer, CenterOnlyLabelsAreCentred) {
  br::LabelRequest area = label(400, 300, 120, 1, 0.f);
  area.allowCenter = true;
  const std::vector<br::LabelRequest> requests{area};
  auto placed = br::placeLabels(requests, {}, viewport());
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, br::LabelAnchor::Center);
  EXPECT_FLOAT_EQ((placed[0].box.x0 + placed[0].box.x1) / 2, 400.f);
  EXPECT_FLOAT_EQ((placed[0].box.y0 + placed[0].box.y1) / 2, 300.f);
  EXPECT_FLOAT_EQ(placed[0].originX, 340.f);

  // Blocked in the centre, it is dropped rather than moved to the side.
  const std::vector<br::ScreenRect> block{{395, 295, 405, 305}};
  EXPECT_TRUE(br::placeLabels(requests, block, viewport()).empty());
}

TEST(LabelPlacer, SkipsDegenerateInput) {
  std::vector<br::LabelRequest> requests{label(std::nanf(""), 10, 30), label(100, 100, 0), label(100, 100, 30)};
  requests[1].textWidth = 0;
  const auto placed = br::placeLabels(requests, {}, viewport());
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].request, 2u);
  EXPECT_TRUE(br::placeLabels(requests, {}, viewport(0, 600)).empty());
}

// Range-ring outlines cross the whole map (the backstop's rings through "Powidz Air Base"): the layout keeps
// labels off a drawn outline kept as an obstacle as it keeps them off option lines, and only while it is drawn.
TEST(LabelPlacer, RangeRingOutlinesAreObstaclesWhileDrawn) {
  namespace geo = briefmap::geo;
  auto ring = std::make_shared<br::SceneGroup>();
  std::vector<geo::MapXY> outline;
  for (int i = 0; i <= 360; ++i)
    outline.push_back({400 + 100 * std::cos(i * M_PI / 180), 300 + 100 * std::sin(i * M_PI / 180)});
  ring->obstacleOutlines.push_back(outline);
  auto base = std::make_shared<br::SceneGroup>();
  base->points.push_back({488, 300});  // just inside the ring's eastern edge: its label on the right would cross it
  base->labels.push_back({"Powidz Air Base", {488, 300}, 3, "point", 0, {}});

  br::FrameSnapshot frame;
  frame.view = {{400, 300}, 1.0};
  frame.widthPx = 800;
  frame.heightPx = 600;
  frame.showScaleBar = frame.showAttribution = false;
  br::LayerDraw rings;
  rings.id = "option/us_backstop/bases/derived";
  rings.group = ring;
  rings.style.strokeWidth = 1.6f;
  rings.style.labelColour = br::Rgba{};
  br::LayerDraw bases;
  bases.id = "option/us_backstop/bases/stated";
  bases.group = base;
  bases.style.labelColour = br::Rgba::hex(0x0072b2);
  frame.layers = {rings, bases};

  auto placedLabel = [&](const br::FrameSnapshot& f) {
    const auto layout = br::layoutFrame(f, atlas());
    EXPECT_EQ(layout.labels.size(), 1u);
    const auto& t = layout.labels.at(0);
    return br::ScreenRect{t.x, t.y - t.run.ascent, t.x + t.run.width, t.y + t.run.descent};
  };
  const auto obstacles = br::lineObstacles(frame);
  EXPECT_GT(obstacles.size(), 300u);
  const br::ScreenRect box = placedLabel(frame);
  for (const auto& s : obstacles) EXPECT_FALSE(s.crosses(box)) << "the ring crosses the label";
  EXPECT_LT(box.x1, 488.f) << "the label should have moved off the ring, to the left of its point";

  // A ring tight around the point crosses every position: the label crosses it rather than disappear.
  std::vector<geo::MapXY> tight;
  for (int i = 0; i <= 360; ++i) tight.push_back({488 + 14 * std::cos(i * M_PI / 180), 300 + 14 * std::sin(i * M_PI / 180)});
  ring->obstacleOutlines = {tight};
  placedLabel(frame);

  // Not drawn (no outline), not an obstacle: the label takes its first choice, on the right, across the ring.
  ring->obstacleOutlines = {outline};
  frame.layers[0].style.strokeWidth = 0;
  EXPECT_TRUE(br::lineObstacles(frame).empty());
  EXPECT_GT(placedLabel(frame).x0, 488.f);
}

TEST(LabelPlacer, RandomInputsNeverCollide) {
  std::mt19937 rng(20240229);
  std::uniform_real_distribution<float> unit(0.f, 1.f);
  for (int trial = 0; trial < 40; ++trial) {
    br::LabelPlacerOptions options = viewport(300.f + 900.f * unit(rng), 200.f + 700.f * unit(rng));
    options.padding = 3.f * unit(rng);
    options.gap = 4.f * unit(rng);
    options.edgeMargin = 4.f * unit(rng);
    std::vector<br::LabelRequest> requests(20 + rng() % 400);
    for (br::LabelRequest& r : requests) {
      // Some points lie off-screen, as they do when the map is panned.
      r = label(-50.f + (options.viewportW + 100.f) * unit(rng), -50.f + (options.viewportH + 100.f) * unit(rng),
                10.f + 150.f * unit(rng), 1 + static_cast<int>(rng() % 5), 6.f * unit(rng));
      r.ascent = 6.f + 14.f * unit(rng);
      r.descent = 5.f * unit(rng);
      r.allowCenter = rng() % 10 == 0;
    }
    std::vector<br::ScreenRect> reserved;
    for (int i = 0; i < 3; ++i) {
      const float x = options.viewportW * unit(rng), y = options.viewportH * unit(rng);
      reserved.push_back({x, y, x + 120.f * unit(rng), y + 60.f * unit(rng)});
    }
    const auto placed = br::placeLabels(requests, reserved, options);
    ASSERT_FALSE(placed.empty());
    EXPECT_EQ(placed, br::placeLabels(requests, reserved, options)) << "not deterministic";

    std::vector<bool> seen(requests.size(), false);
    const float slack = 1e-3f;  // float rounding of the padded comparison
    for (std::size_t i = 0; i < placed.size(); ++i) {
      const br::PlacedLabel& p = placed[i];
      const br::LabelRequest& r = requests[p.request];
      ASSERT_FALSE(seen[p.request]) << "placed twice";
      seen[p.request] = true;
      if (i > 0) {
        ASSERT_LE(requests[placed[i - 1].request].rank, r.rank) << "not in rank order";
      }
      ASSERT_GE(p.box.x0, options.edgeMargin - slack);
      ASSERT_GE(p.box.y0, options.edgeMargin - slack);
      ASSERT_LE(p.box.x1, options.viewportW - options.edgeMargin + slack);
      ASSERT_LE(p.box.y1, options.viewportH - options.edgeMargin + slack);
      ASSERT_NEAR(p.box.x1 - p.box.x0, r.textWidth, 1e-3f);
      ASSERT_NEAR(p.box.y0, p.originY - r.ascent, 1e-3f);
      ASSERT_NEAR(p.box.x0, p.originX, 1e-3f);
      ASSERT_EQ(p.anchor == br::LabelAnchor::Center, r.allowCenter);
      const br::ScreenRect padded{p.box.x0 - options.padding + slack, p.box.y0 - options.padding + slack,
                                  p.box.x1 + options.padding - slack, p.box.y1 + options.padding - slack};
      for (const br::ScreenRect& res : reserved) ASSERT_FALSE(padded.overlaps(res));
      for (std::size_t j = 0; j < requests.size(); ++j) {
        const br::LabelRequest& o = requests[j];
        if (j == p.request || o.symbolRadius <= 0.f) continue;
        const br::ScreenRect symbol{o.x - o.symbolRadius, o.y - o.symbolRadius, o.x + o.symbolRadius,
                                    o.y + o.symbolRadius};
        ASSERT_FALSE(padded.overlaps(symbol)) << "label " << p.request << " covers the symbol of " << j;
      }
      for (std::size_t k = 0; k < i; ++k) ASSERT_FALSE(padded.overlaps(placed[k].box)) << i << " vs " << k;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// wrapText: titles and subtitles never run off the image.

TEST(WrapText, BreaksAtSpacesAndKeepsEveryLineInsideTheWidth) {
  const std::string text = "Range rings of 1,170 km from Rzeszów-Jasionka and Romanian bases cover most of Ukraine";
  const float maxWidth = 300;
  const auto lines = br::wrapText(atlas(), text, 18, maxWidth, 10);
  ASSERT_GE(lines.size(), 2u);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_LE(br::layoutText(atlas(), l, 18).width, maxWidth) << l;
    joined += (joined.empty() ? "" : " ") + l;
  }
  EXPECT_EQ(joined, text);  // nothing lost when there are lines enough
}

TEST(WrapText, TooManyLinesEndInAnEllipsis) {
  const std::string text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
  const auto lines = br::wrapText(atlas(), text, 18, 120, 2);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines.back().substr(lines.back().size() - 3), "\u2026");
  for (const auto& l : lines) EXPECT_LE(br::layoutText(atlas(), l, 18).width, 120.f) << l;
}

TEST(WrapText, AWordWiderThanTheLineIsCut) {
  const auto lines = br::wrapText(atlas(), "Dnipropetrovskoblastadministration", 30, 150, 3);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_LE(br::layoutText(atlas(), lines[0], 30).width, 150.f);
  EXPECT_EQ(lines[0].substr(lines[0].size() - 3), "\u2026");
  EXPECT_TRUE(br::wrapText(atlas(), "", 30, 150, 3).empty());
  EXPECT_TRUE(br::wrapText(atlas(), "text", 30, 0, 3).empty());
}

// Source footnotes in the corner of exports: a long citation wraps onto more lines and stays whole (it was
// cut to one line ending in "…"), every line inside the image.
TEST(FrameLayout, ALongSourceFootnoteWrapsAndIsComplete) {
  br::FrameSnapshot f;
  f.widthPx = 1280;
  f.heightPx = 720;
  f.pixelRatio = 1;
  f.showAttribution = false;
  f.showScaleBar = false;
  const std::string footnote =
      "Reuters, 'European officials sketch a reassurance force of 25,000 to 30,000 troops stationed away from the "
      "contact line, with air policing from Poland and Romania and a maritime component in the Black Sea', "
      "2 September 2025, https://www.reuters.com/world/europe/reassurance-force-plans-2025-09-02/";
  f.furniture.sources = {"Short source, 1 August 2025", footnote};
  const br::FrameLayout layout = br::layoutFrame(f, br::GlyphAtlas::embedded());
  std::string shown;
  for (const auto& t : layout.furnitureText) {
    EXPECT_EQ(t.text.find("\u2026"), std::string::npos) << "cut: " << t.text;
    EXPECT_GE(t.x, 0) << t.text;
    EXPECT_LE(t.x + t.run.width, f.widthPx + 0.5f) << t.text;
    shown += (shown.empty() ? "" : " ") + t.text;
  }
  EXPECT_NE(shown.find("[1] Short source, 1 August 2025"), std::string::npos) << shown;
  EXPECT_NE(shown.find("[2] " + footnote), std::string::npos) << shown;
  int footnoteLines = 0;
  for (const auto& t : layout.furnitureText)
    if (footnote.find(t.text) != std::string::npos || t.text.rfind("[2]", 0) == 0) ++footnoteLines;
  EXPECT_GE(footnoteLines, 2) << "the long footnote should take more than one line";
}

// Presenter notes (PDF): wrapping measured by the PDF's own font keeps every word and every line in the width.
TEST(WrapTextToWidth, KeepsEveryWordAndBreaksOverlongWords) {
  const auto widthOf = [](const std::string& s) { return static_cast<double>(br::decodeUtf8(s).size()); };
  const std::string notes = "Sources: the five reports of August–September 2025.\nSecond paragraph here\n\n";
  const auto lines = br::wrapTextToWidth(notes, 20, widthOf);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_LE(widthOf(l), 20) << l;
    joined += (joined.empty() ? "" : " ") + l;
  }
  EXPECT_EQ(joined, "Sources: the five reports of August–September 2025. Second paragraph here");
  EXPECT_EQ(lines.back(), "here") << "no trailing empty lines";
  const auto broken = br::wrapTextToWidth("ÄÖÜ-abcdefghijklmnopqrstuvwxyz", 10, widthOf);
  ASSERT_EQ(broken.size(), 3u);
  EXPECT_EQ(broken[0], "ÄÖÜ-abcdef");  // cut between characters, never inside one
  EXPECT_TRUE(br::wrapTextToWidth("", 10, widthOf).empty());
}
