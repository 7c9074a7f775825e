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

TEST(BundledBasemap, HasRiversByLevelAndLakesWithTheDniproReservoirs) {
  const Basemap& b = basemap();
  std::set<int> levels;
  for (const auto& f : b.rivers.features) {
    levels.insert(f.properties.value("level", -1));
    EXPECT_FALSE(f.geometry.lines.empty());
  }
  EXPECT_EQ(levels, (std::set<int>{1, 2, 3, 4}));
  EXPECT_GT(b.rivers.features.size(), 1000u);
  // Midpoints of two GeoNames towns on opposite sides of each reservoir (geodata/gazetteer_region.csv):
  // Kyiv reservoir: Dymer 50.78579 N 30.30357 E and Litky 50.70897 N 30.74867 E;
  // Kakhovka reservoir: Nikopol 47.56826 N 34.39126 E and Enerhodar 47.49048 N 34.66199 E.
  const LonLat kyivReservoir{(30.30357 + 30.74867) / 2, (50.78579 + 50.70897) / 2};
  const LonLat kakhovkaReservoir{(34.39126 + 34.66199) / 2, (47.56826 + 47.49048) / 2};
  int kyiv = 0, kakhovka = 0;
  for (const auto& f : b.lakes.features) {
    const bool drained = f.properties.value("drained", 0) != 0;
    if (contains(f.geometry, kyivReservoir)) {
      ++kyiv;
      EXPECT_FALSE(drained);
      EXPECT_GT(f.properties.value("area_km2", 0.0), 500.0);
    }
    if (contains(f.geometry, kakhovkaReservoir)) {
      ++kakhovka;
      EXPECT_TRUE(drained) << "drained in 2023; GSHHG (2017) still has it";
    }
  }
  EXPECT_EQ(kyiv, 1);
  EXPECT_EQ(kakhovka, 1);
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

TEST(BasemapData, PastTheTenMetreBoxTheCoarserLevelsFillIn) {
  // A view from Ireland to the Urals reaches past the 1:10m box (lon 4…60, lat 33…63): its level carries
  // the 1:50m (and past that box the 1:110m) features outside the box, cut at the box edge; the level's own
  // layers stay the pure extract.
  briefmap::geo::LonLatBox view;
  view.add(-11, 40);
  view.add(42, 66);
  const Basemap b = loadBasemap(findGeodataDir(), {10}, &view);
  ASSERT_EQ(b.levels.size(), 1u);
  const BasemapLevel& level = b.levels[0];
  EXPECT_DOUBLE_EQ(level.extract.minX, 4);
  EXPECT_DOUBLE_EQ(level.extract.minY, 33);
  EXPECT_DOUBLE_EQ(level.extract.maxX, 60);
  EXPECT_DOUBLE_EQ(level.extract.maxY, 63);
  std::set<std::string> beyond;
  for (const auto& f : level.countriesBeyond.features) beyond.insert(f.properties.value("name", std::string()));
  for (const char* name : {"Spain", "United Kingdom", "Ireland", "France", "Norway", "Portugal"})
    EXPECT_TRUE(beyond.count(name)) << name << " is missing beyond the box";
  EXPECT_FALSE(beyond.count("Ukraine")) << "Ukraine lies inside the box";
  constexpr double kEdge = 1e-9;
  auto outsideBox = [&](LonLat p) {
    return p.lon <= level.extract.minX + kEdge || p.lon >= level.extract.maxX - kEdge ||
           p.lat <= level.extract.minY + kEdge || p.lat >= level.extract.maxY - kEdge;
  };
  for (const Layer* layer : {&level.countriesBeyond, &level.coastlineBeyond, &level.bordersBeyond}) {
    EXPECT_FALSE(layer->features.empty()) << layer->id;
    for (const auto& f : layer->features) {
      for (const auto& poly : f.geometry.polygons)
        for (const auto& ring : poly.rings)
          for (const auto& p : ring) ASSERT_TRUE(outsideBox(p)) << layer->id << " has a vertex inside the box";
      for (const auto& line : f.geometry.lines) {
        for (size_t i = 0; i + 1 < line.size(); ++i) {  // every segment's middle is outside too
          const LonLat mid{(line[i].lon + line[i + 1].lon) / 2, (line[i].lat + line[i + 1].lat) / 2};
          ASSERT_TRUE(outsideBox(mid)) << layer->id << " runs inside the box";
        }
      }
    }
  }
  for (const auto& f : level.countries.features) EXPECT_TRUE(level.extract.contains(f.geometry.bounds().minX, f.geometry.bounds().minY));

  // A view inside the box needs nothing more.
  briefmap::geo::LonLatBox home;
  home.add(17, 43);
  home.add(42, 54.5);
  const Basemap inside = loadBasemap(findGeodataDir(), {10}, &home);
  EXPECT_TRUE(inside.levels[0].countriesBeyond.features.empty());
  EXPECT_TRUE(inside.levels[0].coastlineBeyond.features.empty());
}
