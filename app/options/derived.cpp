#include "briefmap/options/derived.hpp"
#include "briefmap/data/ogr_convert.hpp"

#include <cpl_error.h>
#include <geodesic.h>
#include <ogr_api.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <string>

#include "briefmap/geo/geodesic.hpp"
#include "briefmap/geo/projection.hpp"

namespace briefmap::options {
namespace {

using data::Geometry;
using data::LineString;
using data::Polygon;
using data::Ring;
using geo::LonLat;
using geo::MapXY;
using OgrPtr = std::unique_ptr<OGRGeometry>;

// Lines are divided every 5 km before they are projected for a band: the straight chord in the local
// projection then stays within centimetres of the geodesic, and the band's edges stay short enough that
// reading them as straight in lon/lat afterwards costs centimetres too.
constexpr double kBandStepKm = 5;
// Pieces of at most 1000 km keep every band vertex within ρ = 500 km + width of its projection's centre,
// where the azimuthal equidistant projection stretches distances across the radius by at most (ρ/R)²/6:
// 0.12 % at 50 km width, well inside the 1 % a band may be off.
constexpr double kPieceKm = 1000;
// At 500 km of half-width that stretch reaches 0.4 %; wider bands are range rings, not zones.
constexpr double kMaxHalfWidthKm = 500;
// 32 segments per quarter circle: the chords of the caps and joins come within 1 - cos(π/128) = 0.03 %
// of the width.
constexpr int kQuadrantSegments = 32;
// Lines for sideOfLine are divided along their geodesics like bands.
constexpr double kSideStepKm = 5;
// Polygon edges are divided into steps of at most 0.1° before geod_polygonarea, so the area is that of
// the lon/lat-straight edges GEOS works with; a 0.1° chord is within about a metre of its geodesic.
constexpr double kAreaStepDeg = 0.1;
// Half a meridian is 20 003.93 km: a larger ring would have no meaning.
constexpr double kMaxRadiusKm = 20000;
constexpr size_t kMaxVertices = 10'000'000;

const geod_geodesic& wgs84() { return geo::wgs84Geodesic(); }

// ---------------------------------------------------------------------------------------------------------
// Input checks

[[noreturn]] void fail(const char* fn, const std::string& what) {
  throw std::runtime_error(std::string(fn) + ": " + what);
}

std::string describe(LonLat p) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%.6g, %.6g)", p.lon, p.lat);
  return buf;
}

std::string km(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g km", value);
  return buf;
}

void checkPoint(const char* fn, LonLat p, const char* what) {
  if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) fail(fn, std::string("non-finite coordinate in ") + what);
  if (std::abs(p.lat) > 90) fail(fn, std::string("latitude out of range in ") + what + " at " + describe(p));
  // [-360, 360] admits the 0..360 convention some files use; anything beyond is a unit mistake.
  if (std::abs(p.lon) > 360) fail(fn, std::string("longitude out of range in ") + what + " at " + describe(p));
}

void checkLine(const char* fn, const LineString& line, size_t minPoints = 2) {
  if (line.size() < minPoints) {
    fail(fn, "a line needs at least " + std::to_string(minPoints) + " point" + (minPoints > 1 ? "s" : "") + ", got " +
                 std::to_string(line.size()));
  }
  for (const auto& p : line) checkPoint(fn, p, "the line");
}

void checkPolygons(const char* fn, const Geometry& g) {
  for (const auto& poly : g.polygons) {
    if (poly.rings.empty()) fail(fn, "a polygon has no rings");
    for (const auto& ring : poly.rings) {
      if (ring.size() < 3) fail(fn, "a polygon ring has " + std::to_string(ring.size()) + " points; it needs 3");
      for (const auto& p : ring) checkPoint(fn, p, "a polygon");
    }
  }
}

// GEOS failures reach us as a null result plus a CPLError; keep them off stderr and put the message into
// the exception instead. The handler stack and the last error are per thread in GDAL.
class QuietGdalErrors {
 public:
  QuietGdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdalErrors() { CPLPopErrorHandler(); }
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

OgrPtr checked(OGRGeometry* g, const char* fn, const char* operation) {
  if (!g) {
    const char* msg = CPLGetLastErrorMsg();
    fail(fn, std::string("GEOS ") + operation + " failed" + (msg && *msg ? std::string(": ") + msg : std::string()));
  }
  return OgrPtr(g);
}

void requireGeos(const char* fn) {
  static const bool have = OGRGeometryFactory::haveGEOS();
  if (!have) fail(fn, "GDAL was built without GEOS");
}

// ---------------------------------------------------------------------------------------------------------
// data::Geometry <-> OGR (same layout as data/simplify.cpp: rings closed for OGR, open for us)

using data::fromOgrRing;
using data::toOgrLine;
using data::toOgrPolygon;
using data::toOgrRing;
void appendPolygons(const OGRGeometry* g, std::vector<Polygon>& out) { data::appendOgrPolygons(g, out); }

Geometry polygonsOf(const OGRGeometry* g) {
  Geometry out;
  appendPolygons(g, out.polygons);
  return out;
}

void addPolygonParts(const OGRGeometry* g, OGRMultiPolygon& into) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    into.addGeometry(g);
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) addPolygonParts(part, into);
  }
}

void addLineParts(const OGRGeometry* g, OGRMultiLineString& into) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbLineString) {
    into.addGeometry(g);
  } else if (type == wkbMultiLineString || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) addLineParts(part, into);
  }
}

// Natural Earth and hand-drawn polygons are not always valid, and GEOS overlays need valid input.
// MakeValid keeps every bit of area (it splits a bow tie into two triangles); Buffer(0) is the fallback
// for the rare input MakeValid rejects.
void addValid(const OGRPolygon& poly, OGRMultiPolygon& into, const char* fn) {
  if (poly.IsValid()) {
    into.addGeometry(&poly);
    return;
  }
  OgrPtr fixed(poly.MakeValid());
  if (!fixed) fixed = checked(poly.Buffer(0), fn, "repair of an invalid polygon");
  addPolygonParts(fixed.get(), into);
}

// Unary union (GEOS cascaded union) of valid polygons; dissolves overlaps, so the result is one valid
// multipolygon that the overlay operations accept.
OgrPtr dissolve(const OGRMultiPolygon& polygons, const char* fn) {
  if (polygons.IsEmpty()) return std::make_unique<OGRMultiPolygon>();
  if (polygons.getNumGeometries() == 1) return OgrPtr(polygons.clone());
  return checked(polygons.UnionCascaded(), fn, "union");
}

// Valid, dissolved OGR form of a geometry's polygon parts.
OgrPtr validPolygons(const Geometry& g, const char* fn) {
  checkPolygons(fn, g);
  OGRMultiPolygon all;
  for (const auto& poly : g.polygons) addValid(*toOgrPolygon(poly), all, fn);
  return dissolve(all, fn);
}

OgrPtr unionOfOgr(const std::vector<const OGRGeometry*>& parts, const char* fn) {
  OGRMultiPolygon all;
  for (const auto* part : parts) addPolygonParts(part, all);
  return dissolve(all, fn);
}

// ---------------------------------------------------------------------------------------------------------
// Longitude wrapping. A ring computed on the ellipsoid (a range ring, a band returned from its projection)
// comes back with longitudes in [-180, 180], so a ring across the antimeridian jumps by 360° and a ring
// around a pole never closes in lon/lat. We make the longitudes continuous, close pole rings along the pole,
// and cut what lies outside [-180, 180] back into it with GEOS.

// Makes consecutive longitudes differ by at most 180°; returns how many times the ring goes round the
// polar axis (0 for a ring that encloses no pole, ±1 for one that encloses one pole).
int unwrapRing(Ring& ring) {
  if (ring.empty()) return 0;
  double previous = ring.front().lon;
  for (size_t i = 1; i < ring.size(); ++i) {
    double step = ring[i].lon - previous;
    previous = ring[i].lon;
    step -= 360.0 * std::round(step / 360.0);
    ring[i].lon = ring[i - 1].lon + step;
  }
  double closing = ring.front().lon - previous;
  closing -= 360.0 * std::round(closing / 360.0);
  return static_cast<int>(std::lround((ring.back().lon + closing - ring.front().lon) / 360.0));
}

geo::LonLatBox ringBounds(const Ring& ring) {
  geo::LonLatBox box;
  for (const auto& p : ring) box.add(p.lon, p.lat);
  return box;
}

std::unique_ptr<OGRPolygon> lonLatBox(double minLon, double minLat, double maxLon, double maxLat) {
  return toOgrPolygon(Polygon{{Ring{{minLon, minLat}, {maxLon, minLat}, {maxLon, maxLat}, {minLon, maxLat}}}});
}

void shiftLongitudes(Geometry& g, double by) {
  for (auto& poly : g.polygons)
    for (auto& ring : poly.rings)
      for (auto& p : ring) p.lon += by;
}

// A polygon with continuous longitudes (possibly beyond ±180°, at most 360° wide) as valid polygons
// within [-180, 180].
OgrPtr wrapToWorld(const Polygon& unwrapped, const char* fn) {
  const auto box = ringBounds(unwrapped.rings.front());
  OGRMultiPolygon valid;
  addValid(*toOgrPolygon(unwrapped), valid, fn);
  if (box.minX >= -180 && box.maxX <= 180) return dissolve(valid, fn);
  OGRMultiPolygon pieces;
  for (int k = -1; k <= 1; ++k) {
    const auto window = lonLatBox(-180.0 + 360.0 * k, -90, 180.0 + 360.0 * k, 90);
    if (!window->Intersects(&valid)) continue;
    OgrPtr part = checked(valid.Intersection(window.get()), fn, "intersection");
    Geometry shifted = polygonsOf(part.get());
    shiftLongitudes(shifted, -360.0 * k);
    for (const auto& poly : shifted.polygons) addValid(*toOgrPolygon(poly), pieces, fn);
  }
  // The two halves of a pole cap meet along a meridian; the union makes them one polygon again.
  return dissolve(pieces, fn);
}

// ---------------------------------------------------------------------------------------------------------
// Bands

std::vector<LineString> splitByLength(const LineString& line, double maxM) {
  std::vector<LineString> pieces;
  LineString current{line.front()};
  double length = 0;
  for (size_t i = 1; i < line.size(); ++i) {
    const double step = geo::geodesicDistance(line[i - 1], line[i]);
    if (length + step > maxM && current.size() >= 2) {
      pieces.push_back(std::move(current));
      current = {line[i - 1]};
      length = 0;
    }
    current.push_back(line[i]);
    length += step;
  }
  pieces.push_back(std::move(current));
  return pieces;
}

// The vertex halfway along the line: every vertex is then at most half the line's length from it.
LonLat middleVertex(const LineString& line) {
  std::vector<double> along(line.size(), 0.0);
  for (size_t i = 1; i < line.size(); ++i) along[i] = along[i - 1] + geo::geodesicDistance(line[i - 1], line[i]);
  const double half = along.back() / 2;
  const auto it = std::lower_bound(along.begin(), along.end(), half);
  return line[static_cast<size_t>(it - along.begin())];
}

void collectPolygons(const OGRGeometry* g, std::vector<const OGRPolygon*>& out) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    out.push_back(g->toPolygon());
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) collectPolygons(part, out);
  }
}

// One piece (a densified line of at most kPieceKm) buffered in its own azimuthal equidistant projection.
OgrPtr bufferPiece(const LineString& piece, double widthM, const char* fn) {
  const auto aeqd = geo::Projection::azimuthalEquidistant(middleVertex(piece));
  std::vector<MapXY> xy(piece.size());
  aeqd.forward(piece, xy);
  for (size_t i = 0; i < xy.size(); ++i) {
    if (!std::isfinite(xy[i].x) || !std::isfinite(xy[i].y)) fail(fn, "PROJ cannot project " + describe(piece[i]));
  }
  OgrPtr band;
  if (piece.size() == 1) {
    const OGRPoint at(xy[0].x, xy[0].y);
    band = checked(at.Buffer(widthM, kQuadrantSegments), fn, "buffer");
  } else {
    OGRLineString projected;
    projected.setNumPoints(static_cast<int>(xy.size()));
    for (size_t i = 0; i < xy.size(); ++i) projected.setPoint(static_cast<int>(i), xy[i].x, xy[i].y);
    band = checked(projected.Buffer(widthM, kQuadrantSegments), fn, "buffer");
  }

  // A band over a pole has no lon/lat outline that GEOS could work with.
  for (const double poleLat : {90.0, -90.0}) {
    const MapXY pole = aeqd.forward(LonLat{0, poleLat});
    if (!std::isfinite(pole.x) || !std::isfinite(pole.y)) continue;
    const OGRPoint at(pole.x, pole.y);
    if (band->Intersects(&at)) fail(fn, "the band would cover a pole, which lon/lat polygons cannot show");
  }

  std::vector<const OGRPolygon*> metric;
  collectPolygons(band.get(), metric);
  std::vector<OgrPtr> owned;
  std::vector<const OGRGeometry*> parts;
  for (const OGRPolygon* poly : metric) {
    Polygon back;
    for (const OGRLinearRing* ring : *poly) {
      Ring r;
      const int n = ring->getNumPoints() - 1;  // OGR repeats the first point at the end
      r.reserve(static_cast<size_t>(std::max(n, 0)));
      for (int i = 0; i < n; ++i) {
        const LonLat q = aeqd.inverse(MapXY{ring->getX(i), ring->getY(i)});
        if (!std::isfinite(q.lon) || !std::isfinite(q.lat)) fail(fn, "PROJ cannot return the band to WGS84");
        r.push_back(q);
      }
      if (r.size() < 3) continue;
      if (unwrapRing(r) != 0) fail(fn, "the band would cover a pole, which lon/lat polygons cannot show");
      back.rings.push_back(std::move(r));
    }
    if (back.rings.empty()) continue;
    // Holes unwrap on their own; move each next to the outer ring it lies in.
    const auto outer = ringBounds(back.rings.front());
    const double mid = (outer.minX + outer.maxX) / 2;
    for (size_t i = 1; i < back.rings.size(); ++i) {
      const double shift = 360.0 * std::round((mid - back.rings[i].front().lon) / 360.0);
      for (auto& p : back.rings[i]) p.lon += shift;
    }
    owned.push_back(wrapToWorld(back, fn));
    parts.push_back(owned.back().get());
  }
  return unionOfOgr(parts, fn);
}

// ---------------------------------------------------------------------------------------------------------
// Areas

// Area of one ring with lon/lat-straight edges, as a positive number below half the ellipsoid.
double ringArea(const Ring& ring) {
  std::vector<double> lats;
  std::vector<double> lons;
  lats.reserve(ring.size());
  lons.reserve(ring.size());
  for (size_t i = 0; i < ring.size(); ++i) {
    const LonLat a = ring[i];
    const LonLat b = ring[(i + 1) % ring.size()];
    const double span = std::max(std::abs(b.lon - a.lon), std::abs(b.lat - a.lat));
    const int steps = std::max(1, static_cast<int>(std::ceil(span / kAreaStepDeg)));
    for (int j = 0; j < steps; ++j) {
      const double t = static_cast<double>(j) / steps;
      lons.push_back(a.lon + (b.lon - a.lon) * t);
      lats.push_back(a.lat + (b.lat - a.lat) * t);
    }
  }
  double area = 0;
  double perimeter = 0;
  geod_polygonarea(&wgs84(), lats.data(), lons.data(), static_cast<int>(lats.size()), &area, &perimeter);
  return std::abs(area);
}

double polygonArea(const Polygon& poly) {
  double area = ringArea(poly.rings.front());
  for (size_t i = 1; i < poly.rings.size(); ++i) area -= ringArea(poly.rings[i]);
  return area;
}

// ---------------------------------------------------------------------------------------------------------
// Distance to a geodesic segment

constexpr double kMeanRadius = 6371008.8;

double distanceToSegment(LonLat p, LonLat a, LonLat b) {
  geod_geodesicline line{};
  geod_inverseline(&line, &wgs84(), a.lat, a.lon, b.lat, b.lon,
                   GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_AZIMUTH | GEOD_DISTANCE_IN);
  const double length = line.s13;
  if (!(length > 0)) return geo::geodesicDistance(p, a);

  struct Foot {
    double s, distance, theta;  // along the segment; to p; angle between segment and the way to p (rad)
  };
  auto footAt = [&](double s) {
    double lat = 0, lon = 0, aziLine = 0;
    geod_position(&line, s, &lat, &lon, &aziLine);
    double d = 0, aziToP = 0, azi2 = 0;
    geod_inverse(&wgs84(), lat, lon, p.lat, p.lon, &d, &aziToP, &azi2);
    return Foot{s, d, (aziToP - aziLine) * std::numbers::pi / 180.0};
  };

  // Coarse samples find the basin; on any arc shorter than half a great circle the distance to a point has
  // at most one minimum inside, so the refinement from the best sample finds the nearest point.
  constexpr int kSamples = 8;
  Foot best = footAt(0);
  for (int i = 1; i <= kSamples; ++i) {
    const Foot f = footAt(length * i / kSamples);
    if (f.distance < best.distance) best = f;
  }
  // Newton-like steps with the spherical right triangle: tan(Δs/R) = tan(d/R)·cos θ. Each step stays in
  // the segment; a step that does not bring p closer is halved.
  for (int iteration = 0; iteration < 60 && best.distance > 0; ++iteration) {
    const double ratio = best.distance / kMeanRadius;
    double step = ratio < 1.5 ? kMeanRadius * std::atan(std::tan(ratio) * std::cos(best.theta))
                              : best.distance * std::cos(best.theta);
    bool improved = false;
    for (int halving = 0; halving < 30; ++halving) {
      const double s = std::clamp(best.s + step, 0.0, length);
      if (std::abs(s - best.s) < 1e-4) break;
      const Foot f = footAt(s);
      if (f.distance < best.distance) {
        best = f;
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return best.distance;
}

}  // namespace

// =========================================================================================================

// Bands are buffered in metres, not degrees: each piece of the line is projected into an azimuthal
// equidistant projection centred on it, where distances from the centre are true and distances across are
// stretched by (ρ/R)²/6, 0.12 % at 550 km from it. GEOS buffers the projected line with round caps and joins;
// the band goes back to lon/lat vertex by vertex. Pieces of long lines overlap at their ends (each has a
// round cap there) and are unioned in lon/lat.
Geometry bufferLine(const LineString& line, double halfWidthKm) {
  constexpr const char* kFn = "bufferLine";
  checkLine(kFn, line);
  if (!std::isfinite(halfWidthKm)) fail(kFn, "the half-width is not a finite number");
  if (halfWidthKm <= 0) return {};
  if (halfWidthKm > kMaxHalfWidthKm) {
    fail(kFn, "a half-width of " + km(halfWidthKm) + " is over the 500 km a local projection keeps true to 0.4 %");
  }
  requireGeos(kFn);
  QuietGdalErrors quiet;

  LineString distinct;
  for (const auto& p : line)
    if (distinct.empty() || !(distinct.back() == p)) distinct.push_back(p);
  const LineString dense = distinct.size() >= 2 ? densifyGeodesic(distinct, kBandStepKm) : distinct;

  std::vector<OgrPtr> bands;
  std::vector<const OGRGeometry*> parts;
  for (const auto& piece : splitByLength(dense, kPieceKm * 1000)) {
    bands.push_back(bufferPiece(piece, halfWidthKm * 1000, kFn));
    parts.push_back(bands.back().get());
  }
  if (bands.size() == 1) return polygonsOf(bands.front().get());
  OgrPtr all = unionOfOgr(parts, kFn);
  return polygonsOf(all.get());
}

// The ring's vertices come from geod_direct, so each is exactly at the radius. Across the antimeridian
// the ring is cut into the two sides; around one pole it is closed along the pole; a ring so large that
// it encloses both poles is the world with the small remaining circle cut out.
Geometry geodesicRing(LonLat centre, double radiusKm, int points) {
  constexpr const char* kFn = "geodesicRing";
  checkPoint(kFn, centre, "the centre");
  if (!std::isfinite(radiusKm)) fail(kFn, "the radius is not a finite number");
  if (radiusKm <= 0) return {};
  if (radiusKm > kMaxRadiusKm) fail(kFn, "a radius of " + km(radiusKm) + " reaches past the antipode");
  if (points < 3) fail(kFn, "a ring needs at least 3 points, got " + std::to_string(points));
  if (static_cast<size_t>(points) > kMaxVertices) fail(kFn, "too many points: " + std::to_string(points));

  Ring ring(static_cast<size_t>(points));
  for (int i = 0; i < points; ++i) {
    double lat = 0, lon = 0, azi = 0;
    geod_direct(&wgs84(), centre.lat, centre.lon, 360.0 * i / points, radiusKm * 1000, &lat, &lon, &azi);
    ring[static_cast<size_t>(i)] = {lon, lat};
  }
  const int turns = unwrapRing(ring);
  // Enclosing both poles takes a radius over a quarter meridian (10 002 km), so below 10 000 km a ring
  // that does not go round the axis holds its centre; if it also stays in [-180, 180] it needs no GEOS.
  if (turns == 0 && radiusKm < 10000) {
    const auto box = ringBounds(ring);
    if (box.minX >= -180 && box.maxX <= 180) {
      Geometry out;
      out.polygons.push_back(Polygon{{std::move(ring)}});
      return out;
    }
  }

  requireGeos(kFn);
  QuietGdalErrors quiet;
  if (turns != 0) {
    // One pole inside: the nearer one. Close the ring along that pole so that it spans 360° of longitude.
    const double poleLat =
        geo::geodesicDistance(centre, {0, 90}) <= geo::geodesicDistance(centre, {0, -90}) ? 90.0 : -90.0;
    const LonLat first = ring.front();
    const double endLon = first.lon + 360.0 * turns;
    ring.push_back({endLon, first.lat});
    ring.push_back({endLon, poleLat});
    ring.push_back({first.lon, poleLat});
    OgrPtr cap = wrapToWorld(Polygon{{std::move(ring)}}, kFn);
    return polygonsOf(cap.get());
  }

  OGRPolygon planar;
  planar.addRingDirectly(toOgrRing(ring).release());
  bool holdsCentre = false;
  const double centreLon = std::remainder(centre.lon, 360.0);
  for (int k = -1; k <= 1 && !holdsCentre; ++k) {
    const OGRPoint at(centreLon + 360.0 * k, centre.lat);
    holdsCentre = planar.Intersects(&at);
  }
  OgrPtr disk = wrapToWorld(Polygon{{std::move(ring)}}, kFn);
  if (holdsCentre) return polygonsOf(disk.get());
  // Both poles inside: what the ring leaves out is the small circle round the antipode.
  const auto world = lonLatBox(-180, -90, 180, 90);
  OgrPtr rest = checked(world->Difference(disk.get()), kFn, "difference");
  return polygonsOf(rest.get());
}

LineString densifyGeodesic(const LineString& waypoints, double maxSegmentKm) {
  constexpr const char* kFn = "densifyGeodesic";
  checkLine(kFn, waypoints);
  if (!std::isfinite(maxSegmentKm) || maxSegmentKm <= 0) fail(kFn, "the segment length must be a positive number");
  const double maxM = maxSegmentKm * 1000;
  LineString out{waypoints.front()};
  for (size_t i = 1; i < waypoints.size(); ++i) {
    const LonLat a = waypoints[i - 1];
    const LonLat b = waypoints[i];
    if (a == b) continue;
    geod_geodesicline line{};
    geod_inverseline(&line, &wgs84(), a.lat, a.lon, b.lat, b.lon, GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_DISTANCE_IN);
    const double steps = std::ceil(line.s13 / maxM);
    if (steps + static_cast<double>(out.size()) > static_cast<double>(kMaxVertices)) {
      fail(kFn, "dividing the line every " + km(maxSegmentKm) + " would make over 10 million points");
    }
    const int n = std::max(1, static_cast<int>(steps));
    for (int j = 1; j < n; ++j) {
      double lat = 0, lon = 0;
      geod_position(&line, line.s13 * j / n, &lat, &lon, nullptr);
      out.push_back({lon, lat});
    }
    out.push_back(b);  // the waypoint itself, not a recomputed copy of it
  }
  return out;
}

// Rings wider than 180° of longitude (pole caps, the world minus a hole) can hold more than half the
// ellipsoid, where geod_polygonarea's answer is ambiguous; they are cut into 90° sectors first.
double geodesicArea(const Geometry& polygons) {
  constexpr const char* kFn = "geodesicArea";
  checkPolygons(kFn, polygons);
  double total = 0;
  for (const auto& poly : polygons.polygons) {
    const auto box = ringBounds(poly.rings.front());
    if (box.maxX - box.minX < 180) {
      total += polygonArea(poly);
      continue;
    }
    requireGeos(kFn);
    QuietGdalErrors quiet;
    OGRMultiPolygon valid;
    addValid(*toOgrPolygon(poly), valid, kFn);
    for (double west = std::floor(box.minX / 90) * 90; west < box.maxX; west += 90) {
      const auto sector = lonLatBox(west, -90, west + 90, 90);
      OgrPtr part = checked(valid.Intersection(sector.get()), kFn, "intersection");
      for (const auto& piece : polygonsOf(part.get()).polygons) total += polygonArea(piece);
    }
  }
  return total;
}

Geometry unionOf(const std::vector<Geometry>& parts) {
  constexpr const char* kFn = "unionOf";
  requireGeos(kFn);
  QuietGdalErrors quiet;
  OGRMultiPolygon all;
  for (const auto& part : parts) {
    checkPolygons(kFn, part);
    for (const auto& poly : part.polygons) addValid(*toOgrPolygon(poly), all, kFn);
  }
  OgrPtr merged = dissolve(all, kFn);
  return polygonsOf(merged.get());
}

Geometry intersectionOf(const Geometry& a, const Geometry& b) {
  constexpr const char* kFn = "intersectionOf";
  requireGeos(kFn);
  QuietGdalErrors quiet;
  OgrPtr ga = validPolygons(a, kFn);
  OgrPtr gb = validPolygons(b, kFn);
  if (ga->IsEmpty() || gb->IsEmpty()) return {};
  OgrPtr both = checked(ga->Intersection(gb.get()), kFn, "intersection");
  return polygonsOf(both.get());
}

double coverageShare(const Geometry& territory, const std::vector<Geometry>& cover) {
  constexpr const char* kFn = "coverageShare";
  requireGeos(kFn);
  QuietGdalErrors quiet;
  // The territory is dissolved first so that overlapping parts count once, in both areas.
  OgrPtr land = validPolygons(territory, kFn);
  const double landArea = geodesicArea(polygonsOf(land.get()));
  if (!(landArea > 0)) fail(kFn, "the territory has no area");
  OGRMultiPolygon all;
  for (const auto& part : cover) {
    checkPolygons(kFn, part);
    for (const auto& poly : part.polygons) addValid(*toOgrPolygon(poly), all, kFn);
  }
  if (all.IsEmpty()) return 0;
  OgrPtr covered = dissolve(all, kFn);
  OgrPtr inside = checked(land->Intersection(covered.get()), kFn, "intersection");
  return std::clamp(geodesicArea(polygonsOf(inside.get())) / landArea, 0.0, 1.0);
}

// The territory's rings and the line are noded together (a GEOS union of the linework) and polygonized:
// every face is a piece of the territory, of a hole, or a pocket between the line and the outside of the
// boundary. Faces whose interior point lies in the territory are its parts; those holding a seed are kept.
Geometry sideOfLine(const Geometry& territory, const LineString& line, const std::vector<LonLat>& seeds) {
  constexpr const char* kFn = "sideOfLine";
  checkLine(kFn, line);
  for (const auto& s : seeds) checkPoint(kFn, s, "a seed");
  requireGeos(kFn);
  QuietGdalErrors quiet;
  OgrPtr land = validPolygons(territory, kFn);
  if (land->IsEmpty() || seeds.empty()) return {};

  OGRMultiLineString edges;
  for (const auto& poly : polygonsOf(land.get()).polygons) {
    for (const auto& ring : poly.rings) {
      LineString closed = ring;
      closed.push_back(ring.front());
      edges.addGeometryDirectly(toOgrLine(closed).release());
    }
  }
  LineString distinct;
  for (const auto& p : line)
    if (distinct.empty() || !(distinct.back() == p)) distinct.push_back(p);
  if (distinct.size() >= 2) edges.addGeometryDirectly(toOgrLine(densifyGeodesic(distinct, kSideStepKm)).release());

  // Union with one of its own points nodes the linework: every crossing becomes a vertex of both lines.
  const OGRPoint anchor(line.front().lon, line.front().lat);
  OgrPtr noded = checked(edges.Union(&anchor), kFn, "noding");
  // OGR's Polygonize takes a collection of line strings only.
  OGRMultiLineString linework;
  addLineParts(noded.get(), linework);
  OgrPtr faces = checked(linework.Polygonize(), kFn, "polygonize");

  OGRMultiPolygon chosen;
  for (const auto& face : polygonsOf(faces.get()).polygons) {
    const auto ogrFace = toOgrPolygon(face);
    // The C API's PointOnSurface is the GEOS one (see data/simplify.cpp).
    OGRGeometryH inside = OGR_G_PointOnSurface(OGRGeometry::ToHandle(ogrFace.get()));
    if (!inside) continue;
    const bool ofTerritory = land->Intersects(OGRGeometry::FromHandle(inside));
    OGR_G_DestroyGeometry(inside);
    if (!ofTerritory) continue;
    for (const auto& s : seeds) {
      const OGRPoint seed(s.lon, s.lat);
      if (ogrFace->Intersects(&seed)) {
        chosen.addGeometry(ogrFace.get());
        break;
      }
    }
  }
  OgrPtr side = dissolve(chosen, kFn);
  return polygonsOf(side.get());
}

double geodesicDistanceToLine(LonLat point, const LineString& line) {
  constexpr const char* kFn = "geodesicDistanceToLine";
  checkPoint(kFn, point, "the point");
  checkLine(kFn, line, 1);
  if (line.size() == 1) return geo::geodesicDistance(point, line.front());
  double best = std::numeric_limits<double>::infinity();
  for (size_t i = 1; i < line.size(); ++i) best = std::min(best, distanceToSegment(point, line[i - 1], line[i]));
  return best;
}

}  // namespace briefmap::options
