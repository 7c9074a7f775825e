#include "briefmap/data/simplify.hpp"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <memory>

namespace briefmap::data {
namespace {

std::unique_ptr<OGRLinearRing> toOgrRing(const Ring& ring) {
  auto r = std::make_unique<OGRLinearRing>();
  r->setNumPoints(static_cast<int>(ring.size()) + 1);
  for (size_t i = 0; i < ring.size(); ++i) r->setPoint(static_cast<int>(i), ring[i].lon, ring[i].lat);
  if (!ring.empty()) r->setPoint(static_cast<int>(ring.size()), ring.front().lon, ring.front().lat);
  return r;
}

Ring fromOgrRing(const OGRLinearRing* r) {
  Ring out;
  const int n = r->getNumPoints();
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back({r->getX(i), r->getY(i)});
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}

void appendPolygons(const OGRGeometry* g, std::vector<Polygon>& out) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    Polygon p;
    for (const auto* ring : *g->toPolygon()) {
      Ring r = fromOgrRing(ring);
      if (r.size() >= 3) p.rings.push_back(std::move(r));
      else if (p.rings.empty()) return;
    }
    if (!p.rings.empty()) out.push_back(std::move(p));
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) appendPolygons(part, out);
  }
}

void appendLines(const OGRGeometry* g, std::vector<LineString>& out) {
  if (!g || g->IsEmpty()) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbLineString) {
    const auto* l = g->toLineString();
    LineString line;
    for (int i = 0; i < l->getNumPoints(); ++i) line.push_back({l->getX(i), l->getY(i)});
    if (line.size() >= 2) out.push_back(std::move(line));
  } else if (type == wkbMultiLineString || type == wkbGeometryCollection) {
    for (const auto* part : *g->toGeometryCollection()) appendLines(part, out);
  }
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
    for (const auto& poly : f.geometry.polygons) {
      OGRPolygon ogr;
      for (const auto& ring : poly.rings) ogr.addRingDirectly(toOgrRing(ring).release());
      // Plain Douglas–Peucker: several times faster than the topology-preserving variant, and the
      // tessellator resolves the rare self-crossing it may leave (all of it under half a pixel).
      std::unique_ptr<OGRGeometry> simple(ogr.Simplify(toleranceDeg));
      appendPolygons(simple.get(), s.geometry.polygons);
    }
    for (const auto& line : f.geometry.lines) {
      OGRLineString ogr;
      ogr.setNumPoints(static_cast<int>(line.size()));
      for (size_t i = 0; i < line.size(); ++i) ogr.setPoint(static_cast<int>(i), line[i].lon, line[i].lat);
      std::unique_ptr<OGRGeometry> simple(ogr.Simplify(toleranceDeg));
      appendLines(simple.get(), s.geometry.lines);
    }
    if (!s.geometry.empty()) out.features.push_back(std::move(s));
  }
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
