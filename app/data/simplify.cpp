#include "briefmap/data/simplify.hpp"
#include "briefmap/data/ogr_convert.hpp"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <memory>

namespace briefmap::data {

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
      // Plain Douglas–Peucker ring by ring. GEOS's polygon simplifier also repairs the result with a
      // buffer(0), which doubled the time for the same points; the tessellator resolves the rare
      // self-crossing a simplified ring may have (all of it under half a pixel).
      Polygon simple;
      for (size_t k = 0; k < poly.rings.size(); ++k) {
        const Ring& ring = poly.rings[k];
        OGRLineString line;
        line.setNumPoints(static_cast<int>(ring.size() + 1));
        for (size_t i = 0; i <= ring.size(); ++i) {
          const LonLat& p = ring[i % ring.size()];
          line.setPoint(static_cast<int>(i), p.lon, p.lat);
        }
        std::unique_ptr<OGRGeometry> reduced(line.Simplify(toleranceDeg));
        const OGRLineString* kept =
            reduced && wkbFlatten(reduced->getGeometryType()) == wkbLineString ? reduced->toLineString() : nullptr;
        if (!kept || kept->getNumPoints() < 4) {  // smaller than the tolerance: gone (an island with its lakes)
          if (k == 0) break;
          continue;
        }
        Ring& out = simple.rings.emplace_back();
        out.reserve(static_cast<size_t>(kept->getNumPoints() - 1));
        for (int i = 0; i + 1 < kept->getNumPoints(); ++i) out.push_back({kept->getX(i), kept->getY(i)});
      }
      if (!simple.rings.empty()) s.geometry.polygons.push_back(std::move(simple));
    }
    for (const auto& line : f.geometry.lines) {
      OGRLineString ogr;
      ogr.setNumPoints(static_cast<int>(line.size()));
      for (size_t i = 0; i < line.size(); ++i) ogr.setPoint(static_cast<int>(i), line[i].lon, line[i].lat);
      std::unique_ptr<OGRGeometry> simple(ogr.Simplify(toleranceDeg));
      appendOgrLines(simple.get(), s.geometry.lines);
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
