#include "briefmap/data/simplify.hpp"
#include "briefmap/data/ogr_convert.hpp"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <unordered_set>

namespace briefmap::data {

namespace {

// Plain Douglas–Peucker ring by ring. GEOS's polygon simplifier also repairs the result with a buffer(0),
// which doubled the time for the same points; the tessellator resolves the rare self-crossing a simplified
// ring may have (all of it under half a pixel). False when the ring is smaller than the tolerance.
bool simplifyRing(const Ring& ring, double toleranceDeg, Ring& out) {
  OGRLineString line;
  line.setNumPoints(static_cast<int>(ring.size() + 1));
  for (size_t i = 0; i <= ring.size(); ++i) {
    const LonLat& p = ring[i % ring.size()];
    line.setPoint(static_cast<int>(i), p.lon, p.lat);
  }
  std::unique_ptr<OGRGeometry> reduced(line.Simplify(toleranceDeg));
  const OGRLineString* kept =
      reduced && wkbFlatten(reduced->getGeometryType()) == wkbLineString ? reduced->toLineString() : nullptr;
  if (!kept || kept->getNumPoints() < 4) return false;
  out.clear();
  out.reserve(static_cast<size_t>(kept->getNumPoints() - 1));
  for (int i = 0; i + 1 < kept->getNumPoints(); ++i) out.push_back({kept->getX(i), kept->getY(i)});
  return true;
}

void simplifyPolygon(const Polygon& poly, double toleranceDeg, std::vector<Polygon>& out) {
  Polygon simple;
  for (size_t k = 0; k < poly.rings.size(); ++k) {
    Ring kept;
    if (!simplifyRing(poly.rings[k], toleranceDeg, kept)) {  // smaller than the tolerance: gone (an island with its lakes)
      if (k == 0) return;
      continue;
    }
    simple.rings.push_back(std::move(kept));
  }
  if (!simple.rings.empty()) out.push_back(std::move(simple));
}

void simplifyLine(const LineString& line, double toleranceDeg, std::vector<LineString>& out) {
  OGRLineString ogr;
  ogr.setNumPoints(static_cast<int>(line.size()));
  for (size_t i = 0; i < line.size(); ++i) ogr.setPoint(static_cast<int>(i), line[i].lon, line[i].lat);
  std::unique_ptr<OGRGeometry> simple(ogr.Simplify(toleranceDeg));
  appendOgrLines(simple.get(), out);
}

// One edge of a rectangle clip (Sutherland–Hodgman): keeps the side of x = at (or y = at) given by keepBelow.
Ring clipRingAt(const Ring& ring, bool alongLon, double at, bool keepBelow) {
  Ring out;
  auto coord = [&](const LonLat& p) { return alongLon ? p.lon : p.lat; };
  auto inside = [&](const LonLat& p) { return keepBelow ? coord(p) <= at : coord(p) >= at; };
  for (size_t i = 0; i < ring.size(); ++i) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[(i + 1) % ring.size()];
    if (inside(a)) out.push_back(a);
    if (inside(a) != inside(b)) {
      const double t = (at - coord(a)) / (coord(b) - coord(a));
      out.push_back({a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)});
    }
  }
  return out;
}

// The ring cut to the box. A concave ring may keep zero-width spurs along the box's edge where it left and came
// back: they have no area, and the tessellator's odd winding rule draws nothing for them.
Ring clipRing(const Ring& ring, const geo::LonLatBox& box) {
  Ring r = clipRingAt(ring, true, box.minX, false);
  r = clipRingAt(r, true, box.maxX, true);
  r = clipRingAt(r, false, box.minY, false);
  return clipRingAt(r, false, box.maxY, true);
}

// The runs of a line whose segments meet the box (a segment half in is kept whole: the renderer culls the rest).
void clipLine(const LineString& line, const geo::LonLatBox& box, std::vector<LineString>& out) {
  LineString run;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    geo::LonLatBox segment;
    segment.add(line[i].lon, line[i].lat);
    segment.add(line[i + 1].lon, line[i + 1].lat);
    if (segment.intersects(box)) {
      if (run.empty()) run.push_back(line[i]);
      run.push_back(line[i + 1]);
    } else if (!run.empty()) {
      out.push_back(std::move(run));
      run.clear();
    }
  }
  if (run.size() >= 2) out.push_back(std::move(run));
}

bool boxInside(const geo::LonLatBox& inner, const geo::LonLatBox& outer) {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

}  // namespace

Layer simplifyLayer(const Layer& layer, double toleranceDeg) {
  Layer out;
  out.id = layer.id;
  out.name = layer.name;
  out.source = layer.source;
  out.features.reserve(layer.features.size());
  for (const auto& f : layer.features) {
    Feature s;
    s.properties = f.properties;
    s.geometry.points = f.geometry.points;
    for (const auto& poly : f.geometry.polygons) simplifyPolygon(poly, toleranceDeg, s.geometry.polygons);
    for (const auto& line : f.geometry.lines) simplifyLine(line, toleranceDeg, s.geometry.lines);
    if (!s.geometry.empty()) out.features.push_back(std::move(s));
  }
  return out;
}

Layer geometryForScale(const Layer& layer, double toleranceDeg, const geo::LonLatBox* within, ScalePrepareStats* stats) {
  return geometryForScale(layer, layer.features, toleranceDeg, within, stats);
}

Layer geometryForScale(const Layer& layer, std::span<const Feature> features, double toleranceDeg,
                       const geo::LonLatBox* within, ScalePrepareStats* stats) {
  Layer out;
  out.id = layer.id;
  out.name = layer.name;
  out.source = layer.source;
  ScalePrepareStats counted;
  // All of it in one feature: the scene needs neither attributes nor feature boundaries, and 200,000 features of
  // one point each cost 200,000 allocations here and as many projection calls in the scene builder.
  Geometry& kept = out.features.emplace_back().geometry;
  // Points closer than the tolerance draw as the same symbol: one is kept, by cell of the tolerance.
  std::unordered_set<std::uint64_t> occupiedCells;
  auto firstInCell = [&](const LonLat& p) {
    if (toleranceDeg <= 0) return true;
    const auto ix = static_cast<std::int64_t>(std::floor(p.lon / toleranceDeg));
    const auto iy = static_cast<std::int64_t>(std::floor(p.lat / toleranceDeg));
    return occupiedCells.insert((static_cast<std::uint64_t>(iy) << 32) ^ static_cast<std::uint32_t>(ix)).second;
  };
  for (const auto& f : features) {
    const geo::LonLatBox bounds = f.geometry.bounds();
    if (bounds.empty()) continue;
    if (within && !bounds.intersects(*within)) {
      ++counted.featuresOutside;
      continue;
    }
    ++counted.featuresPrepared;
    const bool cut = within && !boxInside(bounds, *within);
    for (const auto& p : f.geometry.points)
      if ((!within || within->contains(p.lon, p.lat)) && firstInCell(p)) kept.points.push_back(p);
    for (const auto& poly : f.geometry.polygons) {
      const Polygon* source = &poly;
      Polygon clipped;
      if (cut) {
        for (const auto& ring : poly.rings) {
          Ring r = clipRing(ring, *within);
          if (r.size() >= 3) clipped.rings.push_back(std::move(r));
          else if (clipped.rings.empty()) break;  // the outer ring is outside: so are its holes
        }
        if (clipped.rings.empty()) continue;
        source = &clipped;
      }
      if (toleranceDeg > 0) simplifyPolygon(*source, toleranceDeg, kept.polygons);
      else kept.polygons.push_back(*source);
    }
    for (const auto& line : f.geometry.lines) {
      std::vector<LineString> parts;
      if (cut) clipLine(line, *within, parts);
      else parts.push_back(line);
      for (const auto& part : parts) {
        if (toleranceDeg > 0) simplifyLine(part, toleranceDeg, kept.lines);
        else kept.lines.push_back(part);
      }
    }
  }
  if (kept.empty()) out.features.clear();
  if (stats) *stats = counted;
  return out;
}

bool areaLabelPoint(const Geometry& geometry, LonLat& at, double& areaDeg2) {
  double bestArea = 0;
  bool found = false;
  for (const auto& poly : geometry.polygons) {
    OGRPolygon ogr;
    for (const auto& ring : poly.rings) ogr.addRingDirectly(toOgrRing(ring).release());
    const double area = ogr.get_Area();
    if (area <= bestArea) continue;
    // The C API is the one backed by GEOS (OGRPolygon::PointOnSurface(OGRPoint*) is not, in GDAL 3.6).
    OGRGeometryH inside = OGR_G_PointOnSurface(OGRGeometry::ToHandle(&ogr));
    if (!inside) continue;
    bestArea = area;
    at = {OGR_G_GetX(inside, 0), OGR_G_GetY(inside, 0)};
    OGR_G_DestroyGeometry(inside);
    found = true;
  }
  areaDeg2 = bestArea;
  return found;
}

}  // namespace briefmap::data
