// The option layers resolved on the real data: bands as wide as the parameter, rings at their radius,
// routes at sea through both straits, the occupied side plausible.
#include <gtest/gtest.h>

#include <ogr_geometry.h>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/ogr_convert.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/geo/geodesic.hpp"
#include "briefmap/options/derived.hpp"
#include "briefmap/options/resolve.hpp"

using namespace briefmap;

namespace {

const options::OptionCatalog& catalog() {
  static const auto c = options::loadOptionCatalog(data::findGeodataDir() / "options");
  return c;
}

const data::Basemap& basemap() {
  static const auto b = data::loadBasemap(data::findGeodataDir(), {10});
  return b;
}

const data::Layer& countries() { return basemap().levels.front().countries; }

std::vector<options::ResolvedLayer> resolve(const std::string& id, options::ParameterValues values = {}) {
  const auto* option = catalog().find(id);
  EXPECT_NE(option, nullptr) << id;
  if (!option) return {};
  auto all = options::defaultParameters(*option);
  for (const auto& [k, v] : values) all[k] = v;
  return options::resolveOption(*option, all, countries());
}

const options::ResolvedLayer* layer(const std::vector<options::ResolvedLayer>& layers, const std::string& id) {
  for (const auto& l : layers)
    if (l.layerId == id) return &l;
  return nullptr;
}

const data::Feature* feature(const std::vector<data::Feature>& fs, const char* key) {
  for (const auto& f : fs)
    if (f.properties.contains(key)) return &f;
  return nullptr;
}

bool polygonsContain(const data::Geometry& g, geo::LonLat p) {
  for (const auto& poly : g.polygons) {
    OGRPoint point(p.lon, p.lat);
    if (data::toOgrPolygon(poly)->Contains(&point)) return true;
  }
  return false;
}

geo::LonLat place(const std::string& name) {
  for (const auto& p : basemap().places)
    if (p.name == name) return p.where;
  ADD_FAILURE() << "no place " << name;
  return {};
}

}  // namespace

TEST(OptionGeometry, EveryOptionResolvesWithItsDefaults) {
  for (const auto& option : catalog().options) {
    EXPECT_NO_THROW(options::resolveOption(option, options::defaultParameters(option), countries())) << option.id;
  }
}

TEST(OptionGeometry, BufferBandIsAsWideAsTheParameterEitherSideOfTheContactLine) {
  for (double width : {10.0, 20.0, 50.0}) {
    const auto layers = resolve("buffer_zone", {{"width_km", width}});
    const auto* contact = layer(layers, "contact_line");
    ASSERT_NE(contact, nullptr);
    const data::Feature* band = feature(contact->derived.features, "width_km");
    ASSERT_NE(band, nullptr);
    const data::Feature* line = nullptr;
    for (const auto& f : contact->inferred.features)
      if (!f.geometry.lines.empty()) line = &f;
    ASSERT_NE(line, nullptr);
    size_t checked = 0;
    for (const auto& poly : band->geometry.polygons) {
      const auto& ring = poly.rings.front();
      for (size_t i = 0; i < ring.size(); i += std::max<size_t>(1, ring.size() / 300)) {
        const double d = options::geodesicDistanceToLine(ring[i], line->geometry.lines.front()) / 1000.0;
        EXPECT_NEAR(d, width, width * 0.01) << "at " << ring[i].lon << "," << ring[i].lat;
        ++checked;
      }
    }
    EXPECT_GT(checked, 100u);
  }
  // Area grows with the width.
  double previous = 0;
  for (double width : {5.0, 20.0, 40.0}) {
    const auto layers = resolve("buffer_zone", {{"width_km", width}});
    const double area = options::geodesicArea(feature(layer(layers, "contact_line")->derived.features, "width_km")->geometry);
    EXPECT_GT(area, previous * 1.5);
    previous = area;
  }
}

TEST(OptionGeometry, RangeRingsAreAtTheirRadiusAndCoverMoreOfUkraineAsTheyGrow) {
  double previous = -1;
  for (double radius : {200.0, 500.0, 900.0, 1400.0}) {
    const auto layers = resolve("us_backstop", {{"radius_km", radius}});
    const auto* bases = layer(layers, "bases");
    ASSERT_NE(bases, nullptr);
    ASSERT_FALSE(bases->derived.features.empty());
    for (const auto& ring : bases->derived.features) {
      const auto& centre = [&]() -> geo::LonLat {
        const std::string from = ring.properties.value("derived_from", std::string());
        for (const data::Layer* part : {&bases->inferred, &bases->stated})
          for (const auto& f : part->features)
            if (f.properties.value("name", std::string()) == from && !f.geometry.points.empty()) return f.geometry.points[0];
        ADD_FAILURE() << "ring without its base";
        return {};
      }();
      for (const auto& p : ring.geometry.polygons.front().rings.front())
        EXPECT_NEAR(geo::geodesicDistance(centre, p) / 1000.0, radius, radius * 0.001);
    }
    const double share = bases->derived.features.front().properties.value("coverage_of_ukraine", -1.0);
    EXPECT_GE(share, 0.0);
    EXPECT_LE(share, 1.0);
    EXPECT_GE(share, previous) << "coverage fell as the radius grew to " << radius;
    previous = share;
  }
  EXPECT_GT(previous, 0.5);  // 1,400 km from bases in Poland and Romania reaches most of Ukraine
}

TEST(OptionGeometry, TradeRouteStaysAtSeaAndPassesBothStraits) {
  const auto layers = resolve("black_sea");
  const auto* routes = layer(layers, "routes");
  ASSERT_NE(routes, nullptr);
  ASSERT_FALSE(routes->derived.features.empty());
  // Land: every country polygon of the 1:10m extract, unioned by GEOS.
  std::vector<data::Geometry> land;
  for (const auto& c : countries().features) land.push_back(c.geometry);
  const data::Geometry allLand = options::unionOf(land);
  bool throughBothStraits = false;
  for (const auto& route : routes->derived.features) {
    for (const auto& line : route.geometry.lines) {
      ASSERT_GE(line.size(), 2u);
      // Points within 15 km of either end are in port; everything else must be at sea.
      for (const auto& p : line) {
        if (geo::geodesicDistance(p, line.front()) < 15000 || geo::geodesicDistance(p, line.back()) < 15000) continue;
        EXPECT_FALSE(polygonsContain(allLand, p)) << "route point on land at " << p.lon << "," << p.lat;
      }
      // Feeder legs from the other ports join the main route; the main route runs through both straits.
      throughBothStraits = throughBothStraits || (options::geodesicDistanceToLine(place("Bosporus"), line) < 5000.0 &&
                                                  options::geodesicDistanceToLine(place("Dardanelles"), line) < 5000.0);
    }
  }
  EXPECT_TRUE(throughBothStraits) << "no route passes within 5 km of both the Bosporus and the Dardanelles";
}

TEST(OptionGeometry, OccupiedSideIsAPlausibleShareOfUkraineAndHoldsCrimeaAndDonetsk) {
  const auto layers = resolve("buffer_zone");
  const auto* occupied = layer(layers, "occupied");
  ASSERT_NE(occupied, nullptr);
  const data::Feature* area = feature(occupied->derived.features, "share_of_ukraine");
  ASSERT_NE(area, nullptr);
  const double share = area->properties["share_of_ukraine"].get<double>();
  // The documents: Russia holds "20 per cent or more of Ukrainian territory"; an approximate line by
  // settlements should land near that.
  EXPECT_GT(share, 0.15);
  EXPECT_LT(share, 0.25);
  auto contains = [&](geo::LonLat p) { return polygonsContain(area->geometry, p); };
  EXPECT_TRUE(contains(place("Simferopol")));
  EXPECT_TRUE(contains(place("Donetsk")));
  EXPECT_FALSE(contains(place("Kyiv")));
  EXPECT_FALSE(contains(place("Zaporizhzhia")));
}

TEST(OptionGeometry, AirportsAppearStageByStageFromWestToEast) {
  size_t previous = 0;
  double previousEastmost = -180;
  for (double stage : {1.0, 2.0, 3.0, 4.0}) {
    const auto layers = resolve("air_policing", {{"stage", stage}});
    const auto* airports = layer(layers, "airports");
    ASSERT_NE(airports, nullptr);
    size_t count = 0;
    double eastmost = -180;
    for (const data::Layer* part : {&airports->stated, &airports->inferred})
      for (const auto& f : part->features) {
        ++count;
        EXPECT_LE(f.properties.value("stage", 0.0), stage);
        if (!f.geometry.points.empty()) eastmost = std::max(eastmost, f.geometry.points[0].lon);
      }
    EXPECT_GT(count, previous) << "stage " << stage << " opens no new airport";
    EXPECT_GE(eastmost, previousEastmost);
    previous = count;
    previousEastmost = eastmost;
  }
}
