// Checks on the bundled geodata itself: what a briefing relies on.
#include <gtest/gtest.h>

#include <ogr_geometry.h>

#include <set>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/vector_reader.hpp"

using namespace briefmap::data;

namespace {

const Basemap& basemap() {
  static const Basemap b = loadBasemap(findGeodataDir());
  return b;
}

const Feature* country(const BasemapLevel& level, const std::string& name) {
  for (const auto& f : level.countries.features)
    if (f.properties.value("name", std::string()) == name) return &f;
  return nullptr;
}

bool contains(const Geometry& g, LonLat p) {
  for (const auto& poly : g.polygons) {
    OGRPolygon ogr;
    for (const auto& ring : poly.rings) {
      OGRLinearRing r;
      for (const auto& q : ring) r.addPoint(q.lon, q.lat);
      r.closeRings();
      ogr.addRing(&r);
    }
    OGRPoint point(p.lon, p.lat);
    if (ogr.Contains(&point)) return true;
  }
  return false;
}

}  // namespace

TEST(BundledBasemap, HasThreeLevelsWithCountriesCoastlineAndBorders) {
  ASSERT_EQ(basemap().levels.size(), 3u);
  for (const auto& level : basemap().levels) {
    EXPECT_GT(level.countries.features.size(), 10u) << level.scaleDenominatorMillions;
    EXPECT_GT(level.coastline.vertexCount(), 100u) << level.scaleDenominatorMillions;
    EXPECT_GT(level.borders.vertexCount(), 100u) << level.scaleDenominatorMillions;
  }
}

TEST(BundledBasemap, CrimeaIsPartOfUkraineAtEveryLevel) {
  constexpr LonLat kSimferopol{34.1, 44.95};
  constexpr LonLat kSevastopol{33.52, 44.61};
  for (const auto& level : basemap().levels) {
    const Feature* ukraine = country(level, "Ukraine");
    const Feature* russia = country(level, "Russia");
    ASSERT_NE(ukraine, nullptr) << level.scaleDenominatorMillions;
    ASSERT_NE(russia, nullptr) << level.scaleDenominatorMillions;
    EXPECT_TRUE(contains(ukraine->geometry, kSimferopol)) << "1:" << level.scaleDenominatorMillions << "m";
    EXPECT_FALSE(contains(russia->geometry, kSimferopol)) << "1:" << level.scaleDenominatorMillions << "m";
    if (level.scaleDenominatorMillions != 110) {  // at 1:110m Sevastopol's bay is coarser than the coast
      EXPECT_TRUE(contains(ukraine->geometry, kSevastopol)) << "1:" << level.scaleDenominatorMillions << "m";
    }
  }
}

TEST(BundledBasemap, NoBorderLineAcrossThePerekopIsthmus) {
  for (const auto& level : basemap().levels) {
    for (const auto& f : level.borders.features)
      for (const auto& line : f.geometry.lines)
        for (const auto& p : line)
          EXPECT_FALSE(p.lon > 33.6 && p.lon < 34.0 && p.lat > 45.9 && p.lat < 46.2)
              << "border vertex at " << p.lon << "," << p.lat << " in 1:" << level.scaleDenominatorMillions << "m";
  }
}

TEST(BundledPlaces, CoverWhatBriefingsNameWithSourcesAndRanks) {
  const auto& places = basemap().places;
  std::set<std::string> names;
  for (const auto& p : places) {
    names.insert(p.name);
    EXPECT_FALSE(p.source.empty()) << p.name;
    EXPECT_GE(p.rank, 1) << p.name;
    EXPECT_LE(p.rank, 4) << p.name;
    EXPECT_GT(p.where.lon, 4) << p.name;
    EXPECT_LT(p.where.lon, 60) << p.name;
  }
  for (const char* required : {"Kyiv", "Odesa", "Chornomorsk", "Izmail", "Constanța", "Warsaw", "Bucharest",
                               "Zaporizhzhia NPP", "Bosporus", "Dardanelles"}) {
    EXPECT_TRUE(names.count(required)) << required;
  }
}
