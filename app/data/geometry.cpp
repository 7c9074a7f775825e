#include "briefmap/data/geometry.hpp"
#include "briefmap/data/layer.hpp"

namespace briefmap::data {

geo::LonLatBox Geometry::bounds() const {
  geo::LonLatBox box;
  for (const auto& poly : polygons)
    for (const auto& ring : poly.rings)
      for (const auto& p : ring) box.add(p.lon, p.lat);
  for (const auto& line : lines)
    for (const auto& p : line) box.add(p.lon, p.lat);
  for (const auto& p : points) box.add(p.lon, p.lat);
  return box;
}

size_t Geometry::vertexCount() const {
  size_t n = points.size();
  for (const auto& poly : polygons)
    for (const auto& ring : poly.rings) n += ring.size();
  for (const auto& line : lines) n += line.size();
  return n;
}

geo::LonLatBox Layer::bounds() const {
  geo::LonLatBox box;
  for (const auto& f : features) box.add(f.geometry.bounds());
  return box;
}

size_t Layer::vertexCount() const {
  size_t n = 0;
  for (const auto& f : features) n += f.geometry.vertexCount();
  return n;
}

}  // namespace briefmap::data
