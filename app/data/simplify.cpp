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
      OGRPolygon ogr;
      for (const auto& ring : poly.rings) ogr.addRingDirectly(toOgrRing(ring).release());
      // Plain Douglas–Peucker: several times faster than the topology-preserving variant, and the
      // tessellator resolves the rare self-crossing it may leave (all of it under half a pixel).
      std::unique_ptr<OGRGeometry> simple(ogr.Simplify(toleranceDeg));
      appendOgrPolygons(simple.get(), s.geometry.polygons);
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
