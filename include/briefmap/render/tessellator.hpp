#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "briefmap/geo/coords.hpp"

namespace briefmap::render {

/// Triangles covering a polygon with holes: vertices in map metres and an index list (3 per triangle).
struct TriangleMesh {
  std::vector<geo::MapXY> vertices;
  std::vector<std::uint32_t> indices;
  double area() const;  ///< sum of triangle areas, square metres
};

/// Tessellates rings (outer ring first, then holes; any orientation; closing vertex not repeated)
/// with GLU's tessellator and the odd winding rule, appending to `out`. Self-intersections are
/// resolved by GLU (new vertices are added). Needs no GL context. Returns false if GLU reported an error.
bool tessellatePolygon(std::span<const std::vector<geo::MapXY>> rings, TriangleMesh& out);

}  // namespace briefmap::render
