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

/// Flips interior edges (Lawson) until every pair of neighbouring triangles is locally Delaunay, keeping
/// the polygon's own edges: the same area, far fewer slivers. GLU's sweep leaves long thin triangles,
/// and a software rasteriser fills a sliver's pixels several times slower than a fat triangle's.
/// Works on triangles appended from `firstIndex` on. Returns the number of flips.
size_t improveTriangleShapes(TriangleMesh& mesh, size_t firstIndex = 0);

}  // namespace briefmap::render
