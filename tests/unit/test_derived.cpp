#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <utility>

#include "briefmap/geo/geodesic.hpp"
#include "briefmap/options/derived.hpp"

using namespace briefmap;
using briefmap::geo::LonLat;
using briefmap::options::bufferLine;
using briefmap::options::coverageShare;
using briefmap::options::densifyGeodesic;
using briefmap::options::geodesicArea;
using briefmap::options::geodesicDistanceToLine;
using briefmap::options::geodesicRing;
using briefmap::options::intersectionOf;
using briefmap::options::sideOfLine;
using briefmap::options::unionOf;

namespace {

constexpr double kPi = std::numbers::pi;
// WGS84 authalic radius: the sphere with the ellipsoid's surface area.
constexpr double kAuthalicRadius = 6371007.2;

// A contact line across eastern and southern Ukraine, 518 km.
const data::LineString kContactLine{{37.6, 49.7}, {37.8, 48.5}, {36.3, 47.7}, {33.4, 46.8}};
// From the Polish border to the Caspian, 1 943 km: buffered in pieces.
const data::LineString kLongLine{{23.5, 50.5}, {30.5, 50.4}, {36.2, 50.0}, {40.0, 47.5}, {44.5, 46.3}, {47.5, 45.0}};

double lineLength(const data::LineString& line) {
  double total = 0;
  for (size_t i = 1; i < line.size(); ++i) total += geo::geodesicDistance(line[i - 1], line[i]);
  return total;
}

// Points spread evenly (in lon/lat, along the straight edges) over every ring of the geometry.
std::vector<LonLat> samplesOnRings(const data::Geometry& g, int perRingAtLeast) {
  std::vector<LonLat> out;
  for (const auto& poly : g.polygons) {
    for (const auto& ring : poly.rings) {
      double perimeter = 0;
      for (size_t i = 0; i < ring.size(); ++i) {
        const LonLat a = ring[i], b = ring[(i + 1) % ring.size()];
        perimeter += std::hypot(b.lon - a.lon, b.lat - a.lat);
      }
      const double step = perimeter / perRingAtLeast;
      double carry = 0;
      for (size_t i = 0; i < ring.size(); ++i) {
        const LonLat a = ring[i], b = ring[(i + 1) % ring.size()];
        const double len = std::hypot(b.lon - a.lon, b.lat - a.lat);
        // Every vertex, every edge's middle (where a chord sags most), and evenly spaced points between.
        out.push_back(a);
        out.push_back({(a.lon + b.lon) / 2, (a.lat + b.lat) / 2});
        for (double t = step - carry; t < len; t += step)
          out.push_back({a.lon + (b.lon - a.lon) * t / len, a.lat + (b.lat - a.lat) * t / len});
        carry = std::fmod(carry + len, step);
      }
    }
  }
  return out;
}

bool contains(const data::Geometry& g, LonLat p) {
  const OGRPoint at(p.lon, p.lat);
  for (const auto& poly : g.polygons) {
    OGRPolygon ogr;
    for (const auto& ring : poly.rings) {
      auto r = std::make_unique<OGRLinearRing>();
      for (const auto& q : ring) r->addPoint(q.lon, q.lat);
      r->addPoint(ring.front().lon, ring.front().lat);
      ogr.addRingDirectly(r.release());
    }
    if (ogr.Contains(&at)) return true;
  }
  return false;
}

// The point halfway along the line and the line's azimuth there.
std::pair<LonLat, double> middleOf(const data::LineString& line) {
  const double half = lineLength(line) / 2;
  double along = 0;
  for (size_t i = 1; i < line.size(); ++i) {
    const auto leg = geo::geodesicInverse(line[i - 1], line[i]);
    if (along + leg.distanceM >= half) {
      const LonLat at = geo::geodesicDestination(line[i - 1], leg.azimuthStart, half - along);
      return {at, geo::geodesicInverse(at, line[i]).azimuthStart};
    }
    along += leg.distanceM;
  }
  return {line.back(), 0};
}

// Closed form on the authalic sphere: the area between two parallels and two meridians.
double sphereBoxArea(double lon0, double lat0, double lon1, double lat1) {
  const double r = kAuthalicRadius;
  return r * r * (lon1 - lon0) * kPi / 180 * (std::sin(lat1 * kPi / 180) - std::sin(lat0 * kPi / 180));
}

// Closed form on the WGS84 ellipsoid (authalic latitude integral): the same rectangle, exact.
double ellipsoidBoxArea(double lon0, double lat0, double lon1, double lat1) {
  const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f), e = std::sqrt(e2);
  auto q = [&](double latDeg) {
    const double s = std::sin(latDeg * kPi / 180);
    return s / (1 - e2 * s * s) + std::log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return a * a * (1 - e2) / 2 * (lon1 - lon0) * kPi / 180 * (q(lat1) - q(lat0));
}

data::Geometry box(double lon0, double lat0, double lon1, double lat1) {
  data::Geometry g;
  g.polygons.push_back({{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}}}});
  return g;
}

// Worst relative error of the band's outline against the width, over samples on every ring.
double worstWidthError(const data::Geometry& band, const data::LineString& line, double widthKm, size_t* samples) {
  const auto points = samplesOnRings(band, 400);
  *samples = points.size();
  double worst = 0;
  for (const auto& p : points) {
    const double d = geodesicDistanceToLine(p, line);
    worst = std::max(worst, std::abs(d - widthKm * 1000) / (widthKm * 1000));
  }
  return worst;
}

}  // namespace

// --- bufferLine ------------------------------------------------------------------------------------------

TEST(BufferLine, OutlineIsAtTheWidthEverywhereIncludingCaps) {
  for (const double w : {5.0, 20.0, 50.0}) {
    const auto band = bufferLine(kContactLine, w);
    ASSERT_FALSE(band.polygons.empty());
    size_t samples = 0;
    const double worst = worstWidthError(band, kContactLine, w, &samples);
    EXPECT_GE(samples, 200u);
    EXPECT_LT(worst, 0.01) << "width " << w << " km";
    std::printf("[ measured ] band ±%g km: %zu samples on the outline, worst width error %.4f %%\n", w, samples,
                worst * 100);
  }
}

TEST(BufferLine, HoldsPointsJustInsideAndNotJustOutside) {
  const auto [middle, azimuth] = middleOf(kContactLine);
  for (const double w : {5.0, 20.0, 50.0}) {
    const auto band = bufferLine(kContactLine, w);
    for (const double side : {90.0, -90.0}) {
      EXPECT_TRUE(contains(band, geo::geodesicDestination(middle, azimuth + side, 0.9 * w * 1000))) << w << " " << side;
      EXPECT_FALSE(contains(band, geo::geodesicDestination(middle, azimuth + side, 1.1 * w * 1000)))
          << w << " " << side;
    }
  }
}

TEST(BufferLine, AreaIsTwiceWidthTimesLengthPlusTheCaps) {
  const double length = lineLength(kContactLine);
  double previous = 0;
  for (const double w : {5.0, 20.0, 50.0}) {
    const double wm = w * 1000;
    const double area = geodesicArea(bufferLine(kContactLine, w));
    const double expected = 2 * wm * length + kPi * wm * wm;
    EXPECT_GT(area, previous);
    EXPECT_NEAR(area / expected, 1.0, 0.02) << "width " << w << " km";
    std::printf("[ measured ] band ±%g km over %.1f km: area %.1f km², 2wL + πw² = %.1f km², off by %.3f %%\n", w,
                length / 1000, area / 1e6, expected / 1e6, (area / expected - 1) * 100);
    previous = area;
  }
}

TEST(BufferLine, LongLineIsBufferedInPiecesAndStaysAtTheWidth) {
  const double length = lineLength(kLongLine);
  ASSERT_GT(length, 1'500'000);
  const auto band = bufferLine(kLongLine, 20);
  size_t samples = 0;
  const double worst = worstWidthError(band, kLongLine, 20, &samples);
  EXPECT_LT(worst, 0.01);
  // One piece of band, no seams left between the pieces.
  EXPECT_EQ(band.polygons.size(), 1u);
  EXPECT_EQ(band.polygons.front().rings.size(), 1u);
  const double area = geodesicArea(band);
  EXPECT_NEAR(area / (2 * 20e3 * length + kPi * 20e3 * 20e3), 1.0, 0.02);
  std::printf("[ measured ] band ±20 km over %.0f km: %zu samples, worst width error %.4f %%\n", length / 1000, samples,
              worst * 100);
}

TEST(BufferLine, WidestBandStaysAtTheWidth) {
  // 500 km is the widest band: its outline reaches 1 000 km from the centre of a piece's projection.
  size_t samples = 0;
  const double worst = worstWidthError(bufferLine(kLongLine, 500), kLongLine, 500, &samples);
  EXPECT_LT(worst, 0.01);
  std::printf("[ measured ] band ±500 km over the long line: %zu samples, worst width error %.4f %%\n", samples,
              worst * 100);
}

TEST(BufferLine, ZeroOrNegativeWidthIsEmpty) {
  EXPECT_TRUE(bufferLine(kContactLine, 0).empty());
  EXPECT_TRUE(bufferLine(kContactLine, -3).empty());
}

TEST(BufferLine, RejectsImpossibleInput) {
  EXPECT_THROW(bufferLine({{30, 50}}, 10), std::runtime_error);
  EXPECT_THROW(bufferLine({}, 10), std::runtime_error);
  EXPECT_THROW(bufferLine({{30, 50}, {std::numeric_limits<double>::quiet_NaN(), 50}}, 10), std::runtime_error);
  EXPECT_THROW(bufferLine({{30, 50}, {31, 95}}, 10), std::runtime_error);
  EXPECT_THROW(bufferLine(kContactLine, std::numeric_limits<double>::infinity()), std::runtime_error);
  EXPECT_THROW(bufferLine(kContactLine, 5000), std::runtime_error);
  // A band over a pole has no lon/lat outline.
  EXPECT_THROW(bufferLine({{0, 85}, {180, 85}}, 100), std::runtime_error);
}

TEST(BufferLine, RepeatedPointIsACircle) {
  const auto disc = bufferLine({{30, 50}, {30, 50}}, 10);
  ASSERT_EQ(disc.polygons.size(), 1u);
  for (const auto& p : disc.polygons.front().rings.front()) EXPECT_NEAR(geo::geodesicDistance({30, 50}, p), 10'000, 10);
}

TEST(BufferLine, AcrossTheAntimeridianIsCutIntoBothSides) {
  const data::LineString line{{179.5, 60}, {-179.5, 60.2}};
  const auto band = bufferLine(line, 20);
  ASSERT_EQ(band.polygons.size(), 2u);
  for (const auto& poly : band.polygons) {
    data::Geometry one;
    one.polygons.push_back(poly);
    const auto b = one.bounds();
    EXPECT_GE(b.minX, -180);
    EXPECT_LE(b.maxX, 180);
    EXPECT_LT(b.width(), 10);
  }
  // Ring outline at the width, away from the cut.
  for (const auto& p : samplesOnRings(band, 200)) {
    if (std::abs(std::abs(p.lon) - 180) < 1e-9) continue;
    EXPECT_NEAR(geodesicDistanceToLine(p, line), 20'000, 200);
  }
}

// --- geodesicRing ----------------------------------------------------------------------------------------

TEST(GeodesicRing, EveryVertexIsAtTheRadius) {
  const LonLat kyiv{30.5238, 50.45466};
  for (const double r : {10.0, 500.0, 3000.0}) {
    const auto ring = geodesicRing(kyiv, r);
    ASSERT_EQ(ring.polygons.size(), 1u);
    ASSERT_EQ(ring.polygons.front().rings.front().size(), 256u);
    double worst = 0;
    for (const auto& p : ring.polygons.front().rings.front())
      worst = std::max(worst, std::abs(geo::geodesicDistance(kyiv, p) - r * 1000) / (r * 1000));
    EXPECT_LT(worst, 0.001) << r;
    std::printf("[ measured ] ring %g km: worst radius error %.2e\n", r, worst);
  }
}

TEST(GeodesicRing, AreaIsTheSphericalCap) {
  const LonLat kyiv{30.5238, 50.45466};
  for (const double r : {10.0, 500.0, 3000.0}) {
    const double area = geodesicArea(geodesicRing(kyiv, r));
    const double cap = 2 * kPi * kAuthalicRadius * kAuthalicRadius * (1 - std::cos(r * 1000 / kAuthalicRadius));
    EXPECT_NEAR(area / cap, 1.0, 0.005) << r;
    std::printf("[ measured ] ring %g km: area %.6g km², spherical cap %.6g km², off by %.3f %%\n", r, area / 1e6,
                cap / 1e6, (area / cap - 1) * 100);
  }
}

TEST(GeodesicRing, RoundAPoleIsClosedAlongThePole) {
  // 5 500 km from Kyiv reaches past the North Pole (4 400 km away).
  const LonLat kyiv{30.5238, 50.45466};
  const auto ring = geodesicRing(kyiv, 5500);
  ASSERT_FALSE(ring.polygons.empty());
  EXPECT_TRUE(contains(ring, {0, 89.9}));
  EXPECT_TRUE(contains(ring, {-150, 89.9}));
  EXPECT_TRUE(contains(ring, kyiv));
  EXPECT_FALSE(contains(ring, {-150, 0}));
  const double cap = 2 * kPi * kAuthalicRadius * kAuthalicRadius * (1 - std::cos(5500e3 / kAuthalicRadius));
  EXPECT_NEAR(geodesicArea(ring) / cap, 1.0, 0.005);
}

TEST(GeodesicRing, RoundBothPolesLeavesTheSmallCircleOut) {
  const LonLat kyiv{30.5238, 50.45466};
  const auto ring = geodesicRing(kyiv, 17000);
  EXPECT_TRUE(contains(ring, {0, 89.9}));
  EXPECT_TRUE(contains(ring, {0, -89.9}));
  EXPECT_FALSE(contains(ring, {30.5238 - 180, -50.45466}));  // the antipode
  const double cap = 2 * kPi * kAuthalicRadius * kAuthalicRadius * (1 - std::cos(17000e3 / kAuthalicRadius));
  EXPECT_NEAR(geodesicArea(ring) / cap, 1.0, 0.005);
}

TEST(GeodesicRing, AcrossTheAntimeridian) {
  const auto ring = geodesicRing({179, -17}, 300);
  ASSERT_EQ(ring.polygons.size(), 2u);
  const double cap = 2 * kPi * kAuthalicRadius * kAuthalicRadius * (1 - std::cos(300e3 / kAuthalicRadius));
  EXPECT_NEAR(geodesicArea(ring) / cap, 1.0, 0.005);
}

TEST(GeodesicRing, RejectsImpossibleInput) {
  EXPECT_TRUE(geodesicRing({30, 50}, 0).empty());
  EXPECT_THROW(geodesicRing({30, 50}, 100, 2), std::runtime_error);
  EXPECT_THROW(geodesicRing({30, std::numeric_limits<double>::infinity()}, 100), std::runtime_error);
  EXPECT_THROW(geodesicRing({30, 50}, std::numeric_limits<double>::quiet_NaN()), std::runtime_error);
  EXPECT_THROW(geodesicRing({30, 50}, 25000), std::runtime_error);
}

// --- densifyGeodesic -------------------------------------------------------------------------------------

TEST(DensifyGeodesic, PointsAreCloseAndOnTheGeodesic) {
  const data::LineString waypoints{{30.5238, 50.45466}, {21.01178, 52.22977}, {-0.1276, 51.5072}, {-74.006, 40.7128}};
  for (const double step : {10.0, 3.7, 250.0}) {
    const auto dense = densifyGeodesic(waypoints, step);
    EXPECT_EQ(dense.front(), waypoints.front());
    EXPECT_EQ(dense.back(), waypoints.back());
    double worstStep = 0;
    for (size_t i = 1; i < dense.size(); ++i)
      worstStep = std::max(worstStep, geo::geodesicDistance(dense[i - 1], dense[i]));
    EXPECT_LE(worstStep, step * 1000 + 1e-6);

    // Walk the legs: every point between two waypoints lies on their geodesic.
    size_t leg = 0;
    double worstOff = 0;
    for (const auto& p : dense) {
      if (p == waypoints[leg + 1] && leg + 2 < waypoints.size()) {
        ++leg;
        continue;
      }
      const LonLat a = waypoints[leg], b = waypoints[leg + 1];
      worstOff = std::max(
          worstOff, std::abs(geo::geodesicDistance(a, p) + geo::geodesicDistance(p, b) - geo::geodesicDistance(a, b)));
    }
    EXPECT_LT(worstOff, 1.0);
    for (const auto& w : waypoints) EXPECT_NE(std::find(dense.begin(), dense.end(), w), dense.end());
  }
}

TEST(DensifyGeodesic, RejectsImpossibleInput) {
  EXPECT_THROW(densifyGeodesic({{30, 50}}, 10), std::runtime_error);
  EXPECT_THROW(densifyGeodesic({{30, 50}, {31, 50}}, 0), std::runtime_error);
  EXPECT_THROW(densifyGeodesic({{30, 50}, {31, 50}}, -1), std::runtime_error);
  EXPECT_THROW(densifyGeodesic({{30, 50}, {150, -50}}, 1e-6), std::runtime_error);
  EXPECT_EQ(densifyGeodesic({{30, 50}, {30, 50}}, 10).size(), 1u);
}

// --- geodesicArea ----------------------------------------------------------------------------------------

TEST(GeodesicArea, DegreeBoxAtTheEquatorMatchesTheClosedForm) {
  const double area = geodesicArea(box(0, 0, 1, 1));
  EXPECT_NEAR(area / 1e6, 12308, 1);
  // The sphere of equal surface bulges less at the equator than the ellipsoid: 0.45 % more area there.
  const double sphere = sphereBoxArea(0, 0, 1, 1);
  EXPECT_NEAR(area / sphere, 1.0, 0.005);
  const double ellipsoid = ellipsoidBoxArea(0, 0, 1, 1);
  EXPECT_NEAR(area / ellipsoid, 1.0, 1e-5);
  std::printf(
      "[ measured ] 1°×1° box at the equator: %.2f km²; sphere closed form %.2f km² (off by %.3f %%); "
      "ellipsoid closed form %.2f km² (off by %.5f %%)\n",
      area / 1e6, sphere / 1e6, (area / sphere - 1) * 100, ellipsoid / 1e6, (area / ellipsoid - 1) * 100);
}

TEST(GeodesicArea, BoxesOverUkraineWithLongEdgesMatchTheClosedForm) {
  // Edges are straight in lon/lat, as for GEOS: a 16° edge along 52° N is a parallel, not a geodesic.
  const double area = geodesicArea(box(22, 44, 40, 52));
  EXPECT_NEAR(area / sphereBoxArea(22, 44, 40, 52), 1.0, 0.005);
  const double expected = ellipsoidBoxArea(22, 44, 40, 52);
  EXPECT_NEAR(area / expected, 1.0, 1e-5);
  std::printf("[ measured ] 18°×8° box over Ukraine: off by %.5f %% from the ellipsoid closed form\n",
              (area / expected - 1) * 100);
}

TEST(GeodesicArea, HolesAreSubtractedAndOrientationDoesNotMatter) {
  data::Geometry g = box(30, 48, 32, 50);
  const double outer = geodesicArea(g);
  // The hole is given clockwise, the outer ring counter-clockwise; the other way round must give the same.
  g.polygons.front().rings.push_back({{30.5, 48.5}, {30.5, 49.5}, {31.5, 49.5}, {31.5, 48.5}});
  const double withHole = geodesicArea(g);
  const double hole = geodesicArea(box(30.5, 48.5, 31.5, 49.5));
  EXPECT_NEAR(withHole, outer - hole, 1.0);
  std::reverse(g.polygons.front().rings[0].begin(), g.polygons.front().rings[0].end());
  EXPECT_NEAR(geodesicArea(g), outer - hole, 1.0);
  EXPECT_NEAR(hole / ellipsoidBoxArea(30.5, 48.5, 31.5, 49.5), 1.0, 1e-5);
  EXPECT_NEAR(withHole / (ellipsoidBoxArea(30, 48, 32, 50) - ellipsoidBoxArea(30.5, 48.5, 31.5, 49.5)), 1.0, 1e-5);
}

TEST(GeodesicArea, RejectsImpossibleInput) {
  data::Geometry g;
  g.polygons.push_back({{{{30, 50}, {31, 50}}}});
  EXPECT_THROW(geodesicArea(g), std::runtime_error);
  g.polygons.front().rings.front().push_back({std::numeric_limits<double>::quiet_NaN(), 50});
  EXPECT_THROW(geodesicArea(g), std::runtime_error);
  EXPECT_EQ(geodesicArea(data::Geometry{}), 0.0);
}

// --- unionOf / intersectionOf ----------------------------------------------------------------------------

TEST(Overlay, UnionAndIntersectionOfOverlappingBoxes) {
  const auto a = box(30, 48, 32, 50);
  const auto b = box(31, 49, 33, 51);
  const auto u = unionOf({a, b});
  const auto i = intersectionOf(a, b);
  ASSERT_EQ(u.polygons.size(), 1u);
  ASSERT_EQ(i.polygons.size(), 1u);
  // Inclusion–exclusion on the ellipsoid.
  EXPECT_NEAR(geodesicArea(u) + geodesicArea(i), geodesicArea(a) + geodesicArea(b), 1e3);
  EXPECT_NEAR(geodesicArea(i) / geodesicArea(box(31, 49, 32, 50)), 1.0, 1e-9);
  EXPECT_TRUE(intersectionOf(a, box(40, 40, 41, 41)).empty());
  EXPECT_TRUE(unionOf({}).empty());
}

TEST(Overlay, InvalidInputIsRepaired) {
  // A bow tie (self-crossing ring) becomes two triangles; a polygon overlapping itself counts once.
  data::Geometry bowTie;
  bowTie.polygons.push_back({{{{30, 48}, {32, 50}, {32, 48}, {30, 50}}}});
  const auto fixed = unionOf({bowTie});
  EXPECT_EQ(fixed.polygons.size(), 2u);
  EXPECT_GT(geodesicArea(fixed), 0);
  data::Geometry twice = box(30, 48, 32, 50);
  twice.polygons.push_back(twice.polygons.front());
  EXPECT_NEAR(geodesicArea(unionOf({twice})), geodesicArea(box(30, 48, 32, 50)), 1e3);
  EXPECT_NEAR(geodesicArea(intersectionOf(twice, box(31, 48, 33, 50))), geodesicArea(box(31, 48, 32, 50)), 1e3);
}

// --- coverageShare ---------------------------------------------------------------------------------------

TEST(CoverageShare, NothingAllAndMonotonic) {
  const auto territory = box(24, 46, 38, 52);
  EXPECT_EQ(coverageShare(territory, {}), 0.0);
  EXPECT_DOUBLE_EQ(coverageShare(territory, {geodesicRing({31, 49}, 10'000)}), 1.0);
  // A ring centred in the Black Sea, outside the territory.
  double previous = 0;
  for (double r = 100; r <= 2000; r += 100) {
    const double share = coverageShare(territory, {geodesicRing({34, 43.5}, r)});
    EXPECT_GE(share, previous) << r;
    EXPECT_GE(share, 0.0);
    EXPECT_LE(share, 1.0);
    previous = share;
  }
  EXPECT_GT(previous, 0.9);
}

TEST(CoverageShare, HalfCoverIsHalfTheArea) {
  const auto territory = box(30, 48, 32, 50);
  const double share = coverageShare(territory, {box(31, 40, 40, 60), box(35, 40, 45, 60)});
  EXPECT_NEAR(share, 0.5, 1e-3);  // the meridian at 31° splits the box into equal halves
  EXPECT_THROW(coverageShare(data::Geometry{}, {territory}), std::runtime_error);
}

// --- sideOfLine ------------------------------------------------------------------------------------------

TEST(SideOfLine, SquareSplitByALineGivesTheSeedsHalf) {
  const auto square = box(30, 48, 32, 50);
  // A meridian through the square, running out past both sides.
  const data::LineString line{{31, 47.5}, {31, 50.5}};
  const auto west = sideOfLine(square, line, {{30.5, 49}});
  const auto east = sideOfLine(square, line, {{31.5, 49}});
  ASSERT_EQ(west.polygons.size(), 1u);
  ASSERT_EQ(east.polygons.size(), 1u);
  EXPECT_TRUE(contains(west, {30.5, 49}));
  EXPECT_FALSE(contains(west, {31.5, 49}));
  EXPECT_TRUE(contains(east, {31.5, 49}));
  const double whole = geodesicArea(square);
  EXPECT_NEAR(geodesicArea(west) + geodesicArea(east), whole, whole * 1e-9);
  EXPECT_NEAR(geodesicArea(west), whole / 2, whole * 1e-6);
  // Both seeds: the whole square back.
  EXPECT_NEAR(geodesicArea(sideOfLine(square, line, {{30.5, 49}, {31.5, 49}})), whole, whole * 1e-9);
  // A seed outside: nothing.
  EXPECT_TRUE(sideOfLine(square, line, {{35, 49}}).empty());
  EXPECT_TRUE(sideOfLine(square, line, {}).empty());
}

TEST(SideOfLine, BentLineAndAPartTheLineDoesNotReach) {
  // Two squares; the bent line only crosses the first, which it cuts into two; the second stays whole.
  data::Geometry territory = box(30, 48, 32, 50);
  territory.polygons.push_back(box(34, 48, 36, 50).polygons.front());
  const data::LineString line{{29.5, 49.2}, {31, 48.8}, {32.5, 49.6}};
  const auto south = sideOfLine(territory, line, {{31, 48.2}, {35, 49}});
  EXPECT_EQ(south.polygons.size(), 2u);
  EXPECT_TRUE(contains(south, {35, 49}));
  EXPECT_TRUE(contains(south, {31, 48.2}));
  EXPECT_FALSE(contains(south, {31, 49.8}));
  const auto north = sideOfLine(territory, line, {{31, 49.8}});
  const double whole = geodesicArea(box(30, 48, 32, 50));
  EXPECT_NEAR(geodesicArea(north) + geodesicArea(south) - geodesicArea(box(34, 48, 36, 50)), whole, whole * 1e-9);
}

TEST(SideOfLine, RejectsImpossibleInput) {
  EXPECT_THROW(sideOfLine(box(30, 48, 32, 50), {{31, 47}}, {{30.5, 49}}), std::runtime_error);
  EXPECT_THROW(sideOfLine(box(30, 48, 32, 50), {{31, 47}, {31, 51}}, {{30.5, std::nan("")}}), std::runtime_error);
}

// --- geodesicDistanceToLine ------------------------------------------------------------------------------

TEST(GeodesicDistanceToLine, KnownAnswers) {
  // On a meridian, the nearest point is at the same latitude, and the distance is along the parallel's
  // geodesic to it; beyond the ends it is the distance to the end.
  const data::LineString meridian{{30, 45}, {30, 55}};
  const LonLat p{31, 50};
  const double toFoot = geo::geodesicDistance(p, {30, 50});
  EXPECT_LE(geodesicDistanceToLine(p, meridian), toFoot + 1e-6);
  EXPECT_NEAR(geodesicDistanceToLine(p, meridian), toFoot, 50.0);  // the foot sits a few metres off 50° N
  EXPECT_NEAR(geodesicDistanceToLine({30, 56}, meridian), geo::geodesicDistance({30, 56}, {30, 55}), 1e-6);
  EXPECT_NEAR(geodesicDistanceToLine({30, 50}, meridian), 0, 1e-6);
  // Points placed at a known distance square to a geodesic come back at that distance.
  const auto leg = geo::geodesicInverse({24, 50}, {38, 48});
  for (const double at : {100e3, 500e3, 900e3}) {
    const LonLat foot = geo::geodesicDestination({24, 50}, leg.azimuthStart, at);
    const double azimuth = geo::geodesicInverse(foot, {38, 48}).azimuthStart;
    for (const double d : {1e3, 20e3, 300e3}) {
      EXPECT_NEAR(geodesicDistanceToLine(geo::geodesicDestination(foot, azimuth + 90, d), {{24, 50}, {38, 48}}), d,
                  1e-3);
      EXPECT_NEAR(geodesicDistanceToLine(geo::geodesicDestination(foot, azimuth - 90, d), {{24, 50}, {38, 48}}), d,
                  1e-3);
    }
  }
  EXPECT_THROW(geodesicDistanceToLine(p, {}), std::runtime_error);
}
