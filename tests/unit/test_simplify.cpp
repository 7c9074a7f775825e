// Level-of-detail simplification: Douglas–Peucker ring by ring, as the basemap bands use it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/simplify.hpp"

using namespace briefmap::data;

namespace {

double distanceToSegment(LonLat p, LonLat a, LonLat b) {
  const double dx = b.lon - a.lon, dy = b.lat - a.lat;
  const double len2 = dx * dx + dy * dy;
  const double t = len2 > 0 ? std::clamp(((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / len2, 0.0, 1.0) : 0.0;
  return std::hypot(p.lon - (a.lon + t * dx), p.lat - (a.lat + t * dy));
}

double distanceToRing(LonLat p, const Ring& ring) {
  double best = INFINITY;
  for (size_t i = 0; i < ring.size(); ++i) best = std::min(best, distanceToSegment(p, ring[i], ring[(i + 1) % ring.size()]));
  return best;
}

// A wiggly ring around (cx, cy): a circle of radius r with a sawtooth of amplitude `wiggle`.
Ring wiggly(double cx, double cy, double r, double wiggle, int n = 400) {
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n;
    const double rr = r + ((i % 2) ? wiggle : -wiggle);
    ring.push_back({cx + rr * std::cos(a), cy + rr * std::sin(a)});
  }
  return ring;
}

Layer layerOf(Polygon polygon) {
  Layer layer;
  Feature f;
  f.geometry.polygons.push_back(std::move(polygon));
  f.properties["name"] = "test";
  layer.features.push_back(std::move(f));
  return layer;
}

}  // namespace

TEST(Simplify, KeepsASubsetOfVerticesWithinTheTolerance) {
  Polygon p;
  p.rings = {wiggly(30, 50, 2.0, 0.001), wiggly(30, 50, 0.5, 0.001)};  // a shell and a hole
  const double tolerance = 0.01;
  const Layer out = simplifyLayer(layerOf(p), tolerance);
  ASSERT_EQ(out.features.size(), 1u);
  ASSERT_EQ(out.features[0].geometry.polygons.size(), 1u);
  const Polygon& s = out.features[0].geometry.polygons[0];
  ASSERT_EQ(s.rings.size(), 2u) << "the hole is far larger than the tolerance: kept";
  EXPECT_EQ(out.features[0].properties.value("name", ""), "test");
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_LT(s.rings[k].size(), p.rings[k].size() / 2) << "ring " << k << " was not simplified";
    EXPECT_GE(s.rings[k].size(), 3u);
    for (const LonLat& v : s.rings[k])  // Douglas–Peucker only drops vertices
      EXPECT_NE(std::find(p.rings[k].begin(), p.rings[k].end(), v), p.rings[k].end());
    for (const LonLat& v : p.rings[k])  // and none it drops is farther than the tolerance
      EXPECT_LE(distanceToRing(v, s.rings[k]), tolerance * (1 + 1e-9));
  }
}

TEST(Simplify, PartsSmallerThanTheToleranceAreDropped) {
  Polygon island;  // a shell under the tolerance takes its hole with it
  island.rings = {wiggly(10, 10, 0.001, 0.0001, 40), wiggly(10, 10, 0.0005, 0.0001, 40)};
  EXPECT_TRUE(simplifyLayer(layerOf(island), 0.01).features.empty());

  Polygon lake;  // a hole under the tolerance goes, the shell stays
  lake.rings = {wiggly(10, 10, 1.0, 0.0, 40), wiggly(10, 10, 0.001, 0.0001, 40)};
  const Layer out = simplifyLayer(layerOf(lake), 0.01);
  ASSERT_EQ(out.features.size(), 1u);
  ASSERT_EQ(out.features[0].geometry.polygons.size(), 1u);
  EXPECT_EQ(out.features[0].geometry.polygons[0].rings.size(), 1u);
}

TEST(Simplify, UkraineAtTheCoarsestTenMetreBandKeepsItsArea) {
  // The 1:10m level at the 1200–2500 m/px band's tolerance (0.8 px = 960 m): the outline keeps its area
  // to within half a percent, with far fewer vertices.
  const Basemap b = loadBasemap(findGeodataDir(), {10});
  const Feature* ukraine = nullptr;
  for (const auto& f : b.levels[0].countries.features)
    if (f.properties.value("name", std::string()) == "Ukraine") ukraine = &f;
  ASSERT_NE(ukraine, nullptr);
  Layer one;
  one.features.push_back(*ukraine);
  const Layer out = simplifyLayer(one, 960.0 / 111320.0);
  ASSERT_EQ(out.features.size(), 1u);
  auto area = [](const Geometry& g, size_t& vertices) {
    double sum = 0;
    vertices = 0;
    for (const auto& poly : g.polygons)
      for (size_t k = 0; k < poly.rings.size(); ++k) {
        const Ring& r = poly.rings[k];
        vertices += r.size();
        double twice = 0;
        for (size_t i = 0; i < r.size(); ++i) {
          const LonLat& a = r[i];
          const LonLat& c = r[(i + 1) % r.size()];
          twice += a.lon * c.lat - c.lon * a.lat;
        }
        sum += (k == 0 ? 1 : -1) * std::abs(twice) / 2;
      }
    return sum;
  };
  size_t before = 0, after = 0;
  const double a0 = area(ukraine->geometry, before), a1 = area(out.features[0].geometry, after);
  EXPECT_NEAR(a1 / a0, 1.0, 0.005);
  EXPECT_LT(after, before / 2);
}

namespace {

Feature polygonFeature(Ring ring) {
  Feature f;
  f.geometry.polygons.push_back(Polygon{{std::move(ring)}});
  return f;
}

}  // namespace

// A user's layer prepared for a view: what lies outside is not prepared (counted), what crosses the edge is cut
// to the box, what lies inside is kept (simplified).
TEST(GeometryForScale, FeaturesOutsideTheViewAreNotPreparedAndCrossingOnesAreCut) {
  Layer layer;
  layer.features.push_back(polygonFeature(wiggly(30, 48, 1.0, 0.01)));   // inside
  layer.features.push_back(polygonFeature(wiggly(80, 20, 1.0, 0.01)));   // far away
  layer.features.push_back(polygonFeature(wiggly(-40, -30, 1.0, 0.01)));  // far away
  layer.features.push_back(polygonFeature(wiggly(35, 48, 3.0, 0.01)));   // across the east edge
  Feature point;
  point.geometry.points = {{31, 47}, {120, 10}};
  layer.features.push_back(point);
  briefmap::geo::LonLatBox view;
  view.add(25, 44);
  view.add(35, 52);
  ScalePrepareStats stats;
  const Layer prepared = geometryForScale(layer, 0.05, &view, &stats);
  EXPECT_EQ(stats.featuresPrepared, 3u);
  EXPECT_EQ(stats.featuresOutside, 2u);
  ASSERT_EQ(prepared.features.size(), 1u);  // geometry only, in one feature: the scene needs no attributes
  const Geometry& g = prepared.features.front().geometry;
  EXPECT_TRUE(prepared.features.front().properties.empty());
  ASSERT_EQ(g.polygons.size(), 2u);
  EXPECT_NEAR(g.bounds().maxX, 35.0, 1e-9);  // the crossing polygon, cut at the edge
  EXPECT_GE(g.bounds().minX, view.minX);
  EXPECT_EQ(g.points.size(), 1u);  // the point outside the view is left out
  EXPECT_LT(g.polygons[0].rings[0].size(), layer.features[0].geometry.polygons[0].rings[0].size());  // simplified
}

// Points closer than the tolerance draw as one symbol: one is kept; without a tolerance all are.
TEST(GeometryForScale, PointsWithinTheToleranceAreThinnedToOne) {
  Layer layer;
  for (int i = 0; i < 100; ++i) {
    Feature f;
    f.geometry.points.push_back({30.0 + 1e-5 * i, 48.0});
    layer.features.push_back(f);
  }
  Feature far;
  far.geometry.points.push_back({31.0, 48.0});
  layer.features.push_back(far);
  size_t kept = 0;
  for (const auto& f : geometryForScale(layer, 0.01).features) kept += f.geometry.points.size();
  EXPECT_EQ(kept, 2u);
  kept = 0;
  for (const auto& f : geometryForScale(layer, 0).features) kept += f.geometry.points.size();
  EXPECT_EQ(kept, 101u);
}
