#include <gtest/gtest.h>

#include <random>

#include "briefmap/data/resources.hpp"
#include "briefmap/render/glyph_atlas.hpp"
#include "briefmap/render/label_placer.hpp"
#include "briefmap/render/text_layout.hpp"

using namespace briefmap::render;

namespace {
const GlyphAtlas& atlas() { return GlyphAtlas::embedded(); }
}  // namespace

TEST(GlyphAtlas, EmbeddedAtlasCoversLatinCyrillicAndPunctuation) {
  for (char32_t c : std::u32string(U"Київ Львів Ґ є ї і Constanța Łask Çanakkale Chișinău — ‘’°")) {
    EXPECT_NE(atlas().glyph(c), nullptr) << "U+" << std::hex << static_cast<unsigned>(c);
  }
  EXPECT_EQ(atlas().glyph(U'\U0001F600'), nullptr);
  EXPECT_GT(atlas().glyphOrFallback(U'\U0001F600').width, 0.f);  // a visible replacement, not nothing
}

TEST(GlyphAtlas, DistanceFieldIsInsideInGlyphsAndOutsideBetweenThem) {
  const GlyphMetrics* l = atlas().glyph(U'l');
  ASSERT_NE(l, nullptr);
  const int cx = static_cast<int>((l->u0 + l->u1) * 0.5f * atlas().width());
  const int cy = static_cast<int>((l->v0 + l->v1) * 0.5f * atlas().height());
  EXPECT_GT(atlas().pixels()[static_cast<size_t>(cy) * atlas().width() + cx], GlyphAtlas::kEdgeValue);
  EXPECT_LT(atlas().pixels()[0], GlyphAtlas::kEdgeValue);  // the corner is gap, far outside any glyph
}

TEST(GlyphAtlas, RasterisingTheFontGivesTheEmbeddedAtlas) {
  // The build step and the library agree: same font, same defaults, same bytes.
  const auto fresh = GlyphAtlas::fromFontFile(briefmap::data::findAssetFile("fonts/DejaVuSans.ttf"));
  EXPECT_EQ(fresh.serialize(), atlas().serialize());
}

TEST(GlyphAtlas, MalformedSerialisedDataIsRefused) {
  const auto bytes = atlas().serialize();
  EXPECT_THROW(GlyphAtlas::deserialize(bytes.data(), bytes.size() / 2), std::runtime_error);
  std::vector<std::uint8_t> junk(64, 0x5a);
  EXPECT_THROW(GlyphAtlas::deserialize(junk.data(), junk.size()), std::runtime_error);
}

TEST(TextLayout, WidthGrowsWithTextAndScalesWithSize) {
  const TextRun a = layoutText(atlas(), "Kyiv", 13);
  const TextRun b = layoutText(atlas(), "Kyiv Oblast", 13);
  const TextRun c = layoutText(atlas(), "Kyiv", 26);
  EXPECT_GT(b.width, a.width);
  EXPECT_NEAR(c.width, 2 * a.width, 1e-3);
  ASSERT_EQ(a.quads.size(), c.quads.size());
  EXPECT_NEAR(c.quads[0].x1 - c.quads[0].x0, 2 * (a.quads[0].x1 - a.quads[0].x0), 1e-3);
  EXPECT_EQ(layoutText(atlas(), "", 13).width, 0.f);
}

TEST(TextLayout, KerningNeverWidensAPair) {
  const float pair = layoutText(atlas(), "AV", 20).width;
  const float apart = layoutText(atlas(), "A", 20).width + layoutText(atlas(), "V", 20).width;
  EXPECT_LE(pair, apart + 1e-3);
}

TEST(TextLayout, InvalidUtf8BecomesReplacementGlyphsNotACrash) {
  const std::u32string decoded = decodeUtf8("a\xff\xfe" "b\xe2\x82");
  EXPECT_EQ(decoded.front(), U'a');
  EXPECT_NE(decoded.find(U'\uFFFD'), std::u32string::npos);
  const TextRun run = layoutText(atlas(), "\xff\xfe\xe2\x82", 13);
  EXPECT_GT(run.width, 0.f);
}

TEST(LabelPlacer, RandomLabelsNeverOverlapEachOtherFurnitureOrTheEdge) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> x(0, 800), y(0, 600), w(20, 120);
  std::uniform_int_distribution<int> rank(1, 4);
  const std::vector<ScreenRect> reserved = {{600, 560, 800, 600}, {0, 0, 300, 40}};
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 300; ++i) {
      LabelRequest r;
      r.x = x(rng);
      r.y = y(rng);
      r.textWidth = w(rng);
      r.ascent = 10;
      r.descent = 3;
      r.symbolRadius = 3;
      r.rank = rank(rng);
      requests.push_back(r);
    }
    LabelPlacerOptions options{800, 600};
    const auto placed = placeLabels(requests, reserved, options);
    ASSERT_FALSE(placed.empty());
    for (size_t i = 0; i < placed.size(); ++i) {
      const auto& a = placed[i].box;
      EXPECT_GE(a.x0, 0);
      EXPECT_GE(a.y0, 0);
      EXPECT_LE(a.x1, 800);
      EXPECT_LE(a.y1, 600);
      for (const auto& r : reserved) EXPECT_FALSE(a.overlaps(r));
      for (size_t j = i + 1; j < placed.size(); ++j) EXPECT_FALSE(a.overlaps(placed[j].box)) << i << " " << j;
    }
  }
}

TEST(LabelPlacer, HigherRankWinsAndBlockedLabelsMoveLeft) {
  LabelRequest minor{100, 100, 60, 10, 3, 3, 3, false};
  LabelRequest major{100, 100, 60, 10, 3, 3, 1, false};
  LabelPlacerOptions options{400, 300};
  std::vector<LabelRequest> both = {minor, major};
  auto placed = placeLabels(both, {}, options);
  ASSERT_FALSE(placed.empty());
  EXPECT_EQ(placed.front().request, 1u);  // the rank-1 label is placed first
  EXPECT_EQ(placed.front().anchor, LabelAnchor::Right);

  // Furniture just right of the point: the label goes to the left.
  std::vector<LabelRequest> one = {minor};
  const std::vector<ScreenRect> wall = {{104, 80, 200, 120}};
  placed = placeLabels(one, wall, options);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, LabelAnchor::Left);
  EXPECT_LT(placed[0].box.x1, 100);
}

TEST(LabelPlacer, AreaLabelsAreCentred) {
  LabelRequest country{200, 150, 80, 10, 3, 0, 2, true};
  LabelPlacerOptions options{400, 300};
  std::vector<LabelRequest> one = {country};
  const auto placed = placeLabels(one, {}, options);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].anchor, LabelAnchor::Center);
  EXPECT_NEAR((placed[0].box.x0 + placed[0].box.x1) / 2, 200, 1e-3);
}
