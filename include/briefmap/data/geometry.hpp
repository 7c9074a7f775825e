#pragma once
// Geometry as the renderer and the option maths need it: every OGR geometry type
// (including collections and multi-geometries) flattens into polygons, lines and points.
#include <vector>

#include "briefmap/geo/coords.hpp"

namespace briefmap::data {

using geo::LonLat;
using Ring = std::vector<LonLat>;  ///< closed ring, closing point NOT repeated

struct Polygon {
  std::vector<Ring> rings;  ///< rings[0] is the outer ring, the rest are holes
};

using LineString = std::vector<LonLat>;

/// All parts of one feature's geometry, in WGS84 lon/lat.
struct Geometry {
  std::vector<Polygon> polygons;
  std::vector<LineString> lines;
  std::vector<LonLat> points;

  bool empty() const { return polygons.empty() && lines.empty() && points.empty(); }
  geo::LonLatBox bounds() const;
  size_t vertexCount() const;
};

}  // namespace briefmap::data
