#include <algorithm>
#include <future>
#include <unordered_map>
#include <cmath>
#include <limits>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/layer.hpp"
#include "briefmap/data/simplify.hpp"
#include "briefmap/render/scene.hpp"
#include "briefmap/render/tessellator.hpp"

namespace briefmap::render {
namespace {

using geo::MapXY;

// Miters longer than this many half-widths are clamped: very sharp coastline spikes would
// otherwise throw long slivers across the map.
constexpr double kMaxMiterScale = LineVertex::kMaxMiterScale;

// A miter component in [-kMaxMiterScale, kMaxMiterScale] as a signed normalised short (GL_SHORT, normalised).
std::int16_t miterShort(double component) {
  return static_cast<std::int16_t>(std::lround(std::clamp(component / kMaxMiterScale, -1.0, 1.0) * 32767));
}

bool finitePoint(const MapXY& p) { return std::isfinite(p.x) && std::isfinite(p.y); }

std::vector<MapXY> project(std::span<const geo::LonLat> in, const geo::Projection& projection) {
  std::vector<MapXY> out(in.size());
  projection.forward(in, out);
  return out;
}

// Drops unprojectable points and consecutive duplicates, which have no direction.
std::vector<MapXY> cleaned(std::vector<MapXY> pts) {
  std::vector<MapXY> out;
  out.reserve(pts.size());
  for (const auto& p : pts) {
    if (!finitePoint(p)) continue;
    if (!out.empty() && std::abs(out.back().x - p.x) < 1e-6 && std::abs(out.back().y - p.y) < 1e-6) continue;
    out.push_back(p);
  }
  return out;
}

// Map coordinates beyond this distance from the CRS's origin (half the Earth's circumference) are no map of
// anything: a ring that reaches past it (a polygon around a pole in a conic projection) is cut there.
constexpr double kMapLimitMetres = 2.0e7;

MapXY unitNormal(const MapXY& a, const MapXY& b) {
  double dx = b.x - a.x, dy = b.y - a.y;
  double len = std::hypot(dx, dy);
  if (len == 0) return {0, 0};
  return {-dy / len, dx / len};
}

// Keeps the part of a convex polygon on one side of an axis-aligned line (Sutherland–Hodgman step).
std::vector<MapXY> clipConvex(const std::vector<MapXY>& poly, bool alongX, double at, bool keepBelow) {
  std::vector<MapXY> out;
  auto coord = [&](const MapXY& p) { return alongX ? p.x : p.y; };
  auto inside = [&](const MapXY& p) { return keepBelow ? coord(p) <= at : coord(p) >= at; };
  for (size_t i = 0; i < poly.size(); ++i) {
    const MapXY& a = poly[i];
    const MapXY& b = poly[(i + 1) % poly.size()];
    if (inside(a)) out.push_back(a);
    if (inside(a) != inside(b)) {
      const double t = (at - coord(a)) / (coord(b) - coord(a));
      out.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
    }
  }
  return out;
}

bool withinMapLimit(const std::vector<MapXY>& ring) {
  return std::all_of(ring.begin(), ring.end(), [](const MapXY& p) {
    return std::abs(p.x) <= kMapLimitMetres && std::abs(p.y) <= kMapLimitMetres;
  });
}

std::vector<MapXY> cutToMapLimit(std::vector<MapXY> ring) {
  for (bool alongX : {true, false}) {
    ring = clipConvex(ring, alongX, kMapLimitMetres, true);
    ring = clipConvex(ring, alongX, -kMapLimitMetres, false);
  }
  return ring;
}

// Cuts a triangle along the grid lines it crosses. GLU's triangles are often long slivers across a
// whole country; a software rasteriser pays for every screen tile a triangle's box touches, so
// bounding triangles to grid cells makes fills several times cheaper (and culling finer).
// A triangle larger than kMaxCutsPerAxis cells is cut on a coarser grid (a multiple of the cell), so the pieces of
// one triangle stay bounded: a whole-world polygon reaching towards a pole in a conic projection spans tens of
// thousands of kilometres, and cutting it at 100 km made tens of millions of pieces (issue 15).
constexpr double kMaxCutsPerAxis = 16;

// Returns whether the triangle was kept whole (its corners are then the last three of `out`).
bool splitByGrid(const MapXY& a, const MapXY& b, const MapXY& c, double cell, std::vector<MapXY>& out) {
  const double span = std::max({std::abs(a.x - b.x), std::abs(b.x - c.x), std::abs(a.x - c.x), std::abs(a.y - b.y),
                                std::abs(b.y - c.y), std::abs(a.y - c.y)});
  if (span > kMaxCutsPerAxis * cell) cell *= std::ceil(span / (kMaxCutsPerAxis * cell));
  // Most triangles lie within one cell: kept as they are, without the pieces' allocations below (five per triangle,
  // a tenth of a big layer's preparation). The test is the loop's own: no grid line below the far side.
  auto crossed = [cell](double p, double q, double r) {
    return (std::floor(std::min({p, q, r}) / cell) + 1) * cell < std::max({p, q, r});
  };
  if (!crossed(a.x, b.x, c.x) && !crossed(a.y, b.y, c.y)) {
    out.insert(out.end(), {a, b, c});
    return true;
  }
  std::vector<std::vector<MapXY>> pieces = {{a, b, c}};
  for (bool alongX : {true, false}) {
    std::vector<std::vector<MapXY>> next;
    for (auto& piece : pieces) {
      double lo = std::numeric_limits<double>::infinity(), hi = -lo;
      for (const auto& p : piece) {
        lo = std::min(lo, alongX ? p.x : p.y);
        hi = std::max(hi, alongX ? p.x : p.y);
      }
      std::vector<MapXY> rest = std::move(piece);
      for (double line = (std::floor(lo / cell) + 1) * cell; line < hi && rest.size() >= 3; line += cell) {
        auto below = clipConvex(rest, alongX, line, true);
        if (below.size() >= 3) next.push_back(std::move(below));
        rest = clipConvex(rest, alongX, line, false);
      }
      if (rest.size() >= 3) next.push_back(std::move(rest));
    }
    pieces = std::move(next);
  }
  for (const auto& piece : pieces) {
    for (size_t i = 1; i + 1 < piece.size(); ++i) out.insert(out.end(), {piece[0], piece[i], piece[i + 1]});
  }
  return false;
}

// Fill triangles as the builder collects them: three corners each, with where a corner came from, so that the
// triangles of one polygon share their vertices in the mesh (a vertex is 12 bytes, and a big layer's band held a
// gigabyte of corners, as much again in llvmpipe).
struct FillTriangles {
  static constexpr std::uint32_t kOwnCorner = 0xFFFFFFFFu;  ///< a piece of a cut triangle: a vertex of its own
  std::vector<MapXY> corners;
  std::vector<std::uint32_t> cornerIds;  ///< per corner: its vertex in the polygon's tessellation, or kOwnCorner
  std::vector<std::uint32_t> colours;    ///< per triangle
  std::vector<std::uint32_t> polygons;   ///< per triangle: the ordinal of its polygon (ids are the polygon's own)
};

// Appends triangles grouped by grid cell, one draw range per cell. A polygon's triangles in one cell stay together
// (the sort is stable), so its corners with the same id become one vertex.
void appendFill(const FillTriangles& triangles, double cell, FillMesh& fill) {
  struct Tri {
    std::int64_t key;
    size_t first;
  };
  const std::vector<MapXY>& corners = triangles.corners;
  std::vector<Tri> order;
  order.reserve(corners.size() / 3);
  for (size_t t = 0; t + 2 < corners.size(); t += 3) {
    const double cx = (corners[t].x + corners[t + 1].x + corners[t + 2].x) / 3;
    const double cy = (corners[t].y + corners[t + 1].y + corners[t + 2].y) / 3;
    const auto ix = static_cast<std::int64_t>(std::floor(cx / cell)), iy = static_cast<std::int64_t>(std::floor(cy / cell));
    order.push_back({(iy << 32) ^ (ix & 0xFFFFFFFF), t});
  }
  std::stable_sort(order.begin(), order.end(), [](const Tri& x, const Tri& y) { return x.key < y.key; });
  // The vertex each corner id of the current polygon became: valid where its stamp is the polygon's run.
  std::vector<std::uint32_t> vertexOf, stampOf;
  std::uint32_t run = 0;
  std::uint32_t currentPolygon = 0;
  DrawRange range;
  std::int64_t currentKey = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || order[i].key != currentKey || range.indexCount >= 3 * 4096) {
      if (range.indexCount) fill.ranges.push_back(range);
      range = DrawRange{};
      range.firstIndex = static_cast<std::uint32_t>(fill.indices.size());
      currentKey = order[i].key;
    }
    const size_t t = order[i].first / 3;
    if (i == 0 || triangles.polygons[t] != currentPolygon) {
      currentPolygon = triangles.polygons[t];
      ++run;
    }
    for (size_t k = 0; k < 3; ++k) {
      const MapXY& v = corners[order[i].first + k];
      const std::uint32_t id = triangles.cornerIds[order[i].first + k];
      range.bounds.add(v.x, v.y);
      if (id != FillTriangles::kOwnCorner) {
        if (id >= vertexOf.size()) {
          vertexOf.resize(id + 1);
          stampOf.resize(id + 1, 0);
        }
        if (stampOf[id] == run) {
          fill.indices.push_back(vertexOf[id]);
          continue;
        }
        stampOf[id] = run;
        vertexOf[id] = static_cast<std::uint32_t>(fill.colours.size());
      }
      fill.indices.push_back(static_cast<std::uint32_t>(fill.colours.size()));
      fill.positions.push_back(static_cast<float>(v.x));
      fill.positions.push_back(static_cast<float>(v.y));
      fill.colours.push_back(triangles.colours[t]);
    }
    range.indexCount += 3;
  }
  if (range.indexCount) fill.ranges.push_back(range);
}

// Points in runs of at most 4096 with their boxes. Past kSortPointsAbove points (a user's event database) they are
// first sorted by grid cell, so each run covers one cell and a view draws only the runs it meets; fewer keep the
// order of their file, which decides which symbol lies on top.
constexpr size_t kSortPointsAbove = 4096;

std::pair<double, double> cellOf(const MapXY& p, double cell) { return {std::floor(p.y / cell), std::floor(p.x / cell)}; }

void rangePoints(double cell, SceneGroup& group) {
  auto& points = group.points;
  if (points.size() > kSortPointsAbove) {
    // Sorted through an order of indices, so that the shapes follow their points.
    std::vector<std::uint32_t> order(points.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return cellOf(points[a], cell) < cellOf(points[b], cell);
    });
    std::vector<MapXY> sorted(points.size());
    for (size_t i = 0; i < order.size(); ++i) sorted[i] = points[order[i]];
    points = std::move(sorted);
    if (!group.pointShapes.empty()) {
      std::vector<SymbolShape> shapes(order.size());
      for (size_t i = 0; i < order.size(); ++i) shapes[i] = group.pointShapes[order[i]];
      group.pointShapes = std::move(shapes);
    }
  }
  DrawRange range;
  for (size_t i = 0; i < points.size(); ++i) {
    const bool newCell = points.size() > kSortPointsAbove && range.indexCount > 0 &&
                         cellOf(points[i], cell) != cellOf(points[i - 1], cell);
    if (range.indexCount >= 4096 || newCell) {
      group.pointRanges.push_back(range);
      range = DrawRange{};
    }
    if (range.indexCount == 0) range.firstIndex = static_cast<std::uint32_t>(i);
    ++range.indexCount;
    range.bounds.add(points[i].x, points[i].y);
  }
  if (range.indexCount) group.pointRanges.push_back(range);
}

}  // namespace

size_t LineMesh::triangleCount() const {
  size_t count = 0;
  for (const auto& r : ranges) count += r.indexCount > 3 ? r.indexCount - 3 : 0;  // a strip of n indices, its end
  return count;
}

std::vector<std::uint32_t> LineMesh::triangleList() const {
  std::vector<std::uint32_t> list;
  for (const auto& r : ranges)
    for (std::uint32_t i = r.firstIndex; i + 3 < r.firstIndex + r.indexCount; ++i)
      list.insert(list.end(), {indices[i], indices[i + 1], indices[i + 2]});
  return list;
}

size_t SceneGroup::triangleCount() const {
  size_t count = fill.indices.size() / 3 + lines.triangleCount();
  for (const auto& part : parts) count += part->triangleCount();
  return count;
}

size_t SceneGroup::meshBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  size_t total = bytes(fill.positions) + bytes(fill.colours) + bytes(fill.indices) + bytes(fill.ranges) +
                 bytes(lines.vertices) + bytes(lines.indices) + bytes(lines.ranges) + bytes(points) +
                 bytes(pointShapes) + bytes(pointRanges);
  for (const auto& part : parts) total += part->meshBytes();
  return total;
}

size_t SceneGroup::pointCount() const {
  size_t count = points.size();
  for (const auto& part : parts) count += part->pointCount();
  return count;
}

void appendPolyline(std::span<const MapXY> input, bool closed, LineMesh& mesh, std::uint32_t maxVerticesPerRange) {
  std::vector<MapXY> pts(input.begin(), input.end());
  if (closed && pts.size() >= 3) pts.push_back(pts.front());
  const size_t n = pts.size();
  if (n < 2) return;
  maxVerticesPerRange = std::max<std::uint32_t>(maxVerticesPerRange, 2);

  auto joinAt = [&](size_t i) -> std::pair<MapXY, double> {
    // Returns the miter direction and its length in half-widths.
    const bool hasPrev = i > 0 || closed;
    const bool hasNext = i + 1 < n || closed;
    const size_t prev = i > 0 ? i - 1 : n - 2;  // closed: the point before the (repeated) first one
    const size_t next = i + 1 < n ? i + 1 : 1;
    MapXY nPrev = hasPrev ? unitNormal(pts[prev], pts[i]) : MapXY{};
    MapXY nNext = hasNext ? unitNormal(pts[i], pts[next]) : MapXY{};
    if (!hasPrev) return {nNext, 1.0};
    if (!hasNext) return {nPrev, 1.0};
    MapXY sum{nPrev.x + nNext.x, nPrev.y + nNext.y};
    double len = std::hypot(sum.x, sum.y);
    if (len < 1e-9) return {nPrev, 1.0};  // a hairpin: no sensible miter
    MapXY miter{sum.x / len, sum.y / len};
    double cosHalf = miter.x * nPrev.x + miter.y * nPrev.y;
    double scale = cosHalf > 1e-6 ? std::min(1.0 / cosHalf, kMaxMiterScale) : kMaxMiterScale;
    return {miter, scale};
  };

  // Distance along the line at each point, so dashes run on across chunks.
  std::vector<double> along(n, 0.0);
  for (size_t i = 1; i < n; ++i) along[i] = along[i - 1] + std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);

  // Chunks share their end point with the next chunk's start so the line stays continuous.
  for (size_t start = 0; start + 1 < n; start += maxVerticesPerRange - 1) {
    const size_t end = std::min(n, start + maxVerticesPerRange);
    DrawRange range;
    range.firstIndex = static_cast<std::uint32_t>(mesh.indices.size());
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());  // even: sides are parities
    for (size_t i = start; i < end; ++i) {
      auto [miter, scale] = joinAt(i);
      const LineVertex v{static_cast<float>(pts[i].x), static_cast<float>(pts[i].y), miterShort(miter.x * scale),
                         miterShort(miter.y * scale), static_cast<float>(along[i])};
      mesh.vertices.insert(mesh.vertices.end(), {v, v});  // the + side, then the - side
      range.bounds.add(pts[i].x, pts[i].y);
    }
    for (std::uint32_t k = 0; k < 2 * (end - start); ++k) mesh.indices.push_back(base + k);
    mesh.indices.push_back(LineMesh::kStripEnd);
    range.indexCount = static_cast<std::uint32_t>(mesh.indices.size()) - range.firstIndex;
    mesh.ranges.push_back(range);
  }
}

std::shared_ptr<SceneGroup> buildSceneGroup(const data::Layer& layer, const geo::Projection& projection,
                                            const BuildOptions& options) {
  auto group = std::make_shared<SceneGroup>();
  group->id = layer.id;
  TriangleMesh tri;
  FillTriangles triangles;  // every fill triangle, cut to the grid
  std::uint32_t polygonOrdinal = 0;
  std::vector<std::vector<MapXY>> rings;
  for (const auto& feature : layer.features) {
    const auto& g = feature.geometry;
    const std::uint32_t colour = options.fillColour ? options.fillColour(feature) : 0xFFFFFFFFu;
    for (const auto& poly : g.polygons) {
      rings.clear();
      for (const auto& ring : poly.rings) {
        auto projected = cleaned(project(ring, projection));
        if (projected.size() >= 3 && !withinMapLimit(projected)) projected = cutToMapLimit(projected);
        if (projected.size() >= 3) rings.push_back(std::move(projected));
      }
      if (rings.empty()) continue;
      geo::MapBox extent;
      for (const auto& r : rings)
        for (const auto& p : r) extent.add(p.x, p.y);
      group->bounds.add(extent);
      if (options.fillPolygons) {
        tri.vertices.clear();
        tri.indices.clear();
        if (tessellatePolygon(rings, tri)) {
          if (std::max(extent.width(), extent.height()) > options.improveShapesAboveMetres) improveTriangleShapes(tri);
          ++polygonOrdinal;
          for (size_t i = 0; i + 2 < tri.indices.size(); i += 3) {
            const size_t before = triangles.corners.size();
            if (splitByGrid(tri.vertices[tri.indices[i]], tri.vertices[tri.indices[i + 1]],
                            tri.vertices[tri.indices[i + 2]], options.fillCellMetres, triangles.corners))
              triangles.cornerIds.insert(triangles.cornerIds.end(), &tri.indices[i], &tri.indices[i] + 3);
            else
              triangles.cornerIds.resize(triangles.corners.size(), FillTriangles::kOwnCorner);
            const size_t added = (triangles.corners.size() - before) / 3;
            triangles.colours.insert(triangles.colours.end(), added, colour);
            triangles.polygons.insert(triangles.polygons.end(), added, polygonOrdinal);
          }
        }
      }
      if (options.outlinePolygons) {
        for (const auto& r : rings) appendPolyline(r, true, group->lines, options.maxLineVerticesPerRange);
      }
      if (options.outlinesAsObstacles) {
        for (const auto& r : rings) {
          group->obstacleOutlines.push_back(r);
          group->obstacleOutlines.back().push_back(r.front());  // closed
        }
      }
    }
    for (const auto& line : g.lines) {
      auto projected = cleaned(project(line, projection));
      for (const auto& p : projected) group->bounds.add(p.x, p.y);
      appendPolyline(projected, false, group->lines, options.maxLineVerticesPerRange);
    }
    if (!g.points.empty()) {
      const SymbolShape shape = options.pointShape ? options.pointShape(feature) : SymbolShape::Circle;
      for (const auto& p : project(g.points, projection)) {
        if (!finitePoint(p)) continue;
        group->points.push_back(p);
        if (options.pointShape) group->pointShapes.push_back(shape);
        group->bounds.add(p.x, p.y);
      }
    }
  }
  appendFill(triangles, options.fillCellMetres, group->fill);
  rangePoints(options.fillCellMetres, *group);
  // Grown by doubling, the meshes hold up to twice what they use: a prepared band is kept (and a big one is a
  // gigabyte), so it keeps only what it uses.
  group->fill.positions.shrink_to_fit();
  group->lines.vertices.shrink_to_fit();
  for (auto* v : {&group->fill.colours, &group->fill.indices, &group->lines.indices}) v->shrink_to_fit();
  group->fill.ranges.shrink_to_fit();
  group->lines.ranges.shrink_to_fit();
  group->points.shrink_to_fit();

  if (!options.labelProperty.empty()) {
    for (const auto& feature : layer.features) {
      const std::string text = feature.properties.value(options.labelProperty, std::string());
      if (text.empty()) continue;
      const auto& g = feature.geometry;
      geo::LonLat at;
      double areaDeg2 = 0;
      std::string kind = "point";
      if (!g.points.empty()) {
        at = g.points.front();
      } else if (!g.lines.empty()) {
        const auto& line = g.lines.front();
        at = line[line.size() / 2];
        kind = "line";
      } else if (data::areaLabelPoint(g, at, areaDeg2)) {
        kind = "area";
      } else {
        continue;
      }
      const MapXY p = projection.forward(at);
      if (!finitePoint(p)) continue;
      group->labels.push_back({text, p, 1, kind, std::sqrt(areaDeg2 * 111000.0 * 71000.0), {}});
      if (kind == "line") group->labels.back().path = cleaned(project(g.lines.front(), projection));
    }
  }
  return group;
}

std::shared_ptr<const SceneGroup> joinSceneGroups(std::vector<std::shared_ptr<const SceneGroup>> given) {
  // Flat: a part that is itself joined (a batch prepared on several threads) gives its parts, and its own meshes
  // (none when join made it) as one more part, so the renderer draws one level.
  std::vector<std::shared_ptr<const SceneGroup>> parts;
  for (auto& part : given) {
    if (!part) continue;
    if (part->parts.empty()) {
      parts.push_back(std::move(part));
      continue;
    }
    if (!part->fill.empty() || !part->lines.empty() || !part->points.empty()) {
      auto own = std::make_shared<SceneGroup>(*part);
      own->parts.clear();
      parts.push_back(std::move(own));
    }
    parts.insert(parts.end(), part->parts.begin(), part->parts.end());
  }
  if (parts.size() == 1) return std::move(parts.front());
  auto joined = std::make_shared<SceneGroup>();
  for (auto& part : parts) {
    if (joined->id.empty()) joined->id = part->id;
    joined->labels.insert(joined->labels.end(), part->labels.begin(), part->labels.end());
    joined->obstacleOutlines.insert(joined->obstacleOutlines.end(), part->obstacleOutlines.begin(),
                                    part->obstacleOutlines.end());
    if (!part->bounds.empty()) {
      joined->bounds.add(part->bounds.minX, part->bounds.minY);
      joined->bounds.add(part->bounds.maxX, part->bounds.maxY);
    }
  }
  joined->parts = std::move(parts);
  return joined;
}

std::shared_ptr<SceneGroup> buildGraticule(const geo::LonLatBox& box, double stepDeg, const geo::Projection& projection) {
  data::Layer layer;
  layer.id = "graticule";
  constexpr double kDensifyDeg = 0.25;
  auto snap = [&](double v, bool up) { return (up ? std::ceil(v / stepDeg) : std::floor(v / stepDeg)) * stepDeg; };
  for (double lon = snap(box.minX, true); lon <= box.maxX + 1e-9; lon += stepDeg) {
    data::Feature f;
    data::LineString line;
    for (double lat = box.minY; lat <= box.maxY + 1e-9; lat += kDensifyDeg) line.push_back({lon, lat});
    f.geometry.lines.push_back(std::move(line));
    layer.features.push_back(std::move(f));
  }
  for (double lat = snap(box.minY, true); lat <= box.maxY + 1e-9; lat += stepDeg) {
    data::Feature f;
    data::LineString line;
    for (double lon = box.minX; lon <= box.maxX + 1e-9; lon += kDensifyDeg) line.push_back({lon, lat});
    f.geometry.lines.push_back(std::move(line));
    layer.features.push_back(std::move(f));
  }
  BuildOptions options;
  options.fillPolygons = false;
  return buildSceneGroup(layer, projection, options);
}

const std::vector<DetailBand>& basemapDetailBands() {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // Above ~4 km per pixel a view can reach past the 1:50m extract (lon -15..75), so the world-wide
  // 1:110m takes over there.
  static const std::vector<DetailBand> kBands = {
      {10, 0, 150},       {10, 150, 300},     {10, 300, 600},   {10, 600, 1200},
      {10, 1200, 2500},   {50, 2500, 4000},   {110, 4000, 12000}, {110, 12000, kInf},
  };
  return kBands;
}

int riverLevelsFor(const DetailBand& band) {
  // At 4 km per pixel and beyond even the major rivers would be a tangle over the countries.
  if (band.maxMetresPerPixel <= 300) return 4;
  if (band.maxMetresPerPixel <= 600) return 3;
  if (band.maxMetresPerPixel <= 1200) return 2;
  if (band.maxMetresPerPixel <= 4000) return 1;
  return 0;
}

double minLakeAreaKm2For(const DetailBand& band) {
  const double sideKm = 3 * band.maxMetresPerPixel / 1000;
  return sideKm * sideKm;
}

size_t detailBandFor(double metresPerPixel) {
  const auto& bands = basemapDetailBands();
  for (size_t i = 0; i < bands.size(); ++i)
    if (metresPerPixel < bands[i].maxMetresPerPixel) return i;
  return bands.size() - 1;
}

namespace {
// A level's own layer, or, when it has features beyond its extract box, both in `storage`.
const data::Layer& withBeyond(const data::Layer& own, const data::Layer& beyond, data::Layer& storage) {
  if (beyond.features.empty()) return own;
  storage = own;
  storage.features.insert(storage.features.end(), beyond.features.begin(), beyond.features.end());
  return storage;
}
}  // namespace

BasemapScene buildBasemapScene(const data::Basemap& basemap, const geo::Projection& projection,
                               const std::vector<size_t>& bandIndices, const MapStyle& style) {
  BasemapScene scene;
  scene.crs = projection.crs();
  BuildOptions fillOnly;
  fillOnly.outlinePolygons = false;
  const std::uint32_t land = style.land.packed(), focus = style.landFocus.packed();
  fillOnly.fillColour = [land, focus](const data::Feature& f) {
    auto it = f.properties.find("name");
    return (it != f.properties.end() && it->is_string() && it->get<std::string>() == "Ukraine") ? focus : land;
  };
  BuildOptions linesOnly;
  linesOnly.fillPolygons = false;
  const auto& bands = basemapDetailBands();
  for (size_t i = 0; i < bands.size(); ++i) {
    if (!bandIndices.empty() && std::find(bandIndices.begin(), bandIndices.end(), i) == bandIndices.end()) continue;
    const DetailBand& band = bands[i];
    auto level = std::find_if(basemap.levels.begin(), basemap.levels.end(), [&](const data::BasemapLevel& l) {
      return l.scaleDenominatorMillions == band.scaleDenominatorMillions;
    });
    if (level == basemap.levels.end()) continue;
    // Tolerance in degrees of latitude: conservative in longitude, where a degree is shorter.
    const double toleranceDeg = band.toleranceMetres() / 111320.0;
    auto prepare = [&](const data::Layer& layer, const BuildOptions& options) {
      return toleranceDeg > 0 ? buildSceneGroup(data::simplifyLayer(layer, toleranceDeg), projection, options)
                              : buildSceneGroup(layer, projection, options);
    };
    // Grid cells of ~1024 pixels at the band's finest scale: culling without many more triangles.
    BuildOptions fills = fillOnly;
    fills.fillCellMetres = std::max(1024 * band.minMetresPerPixel, 100000.0);
    BasemapLevelScene out;
    out.band = band;
    // Fills on a second thread (tessellation dominates), lines here: the machine has two cores. The
    // projection is not thread-safe, so the fill thread gets its own (a clone, made here).
    // Past the level's extract box, the coarser levels' features (see BasemapLevel): drawn with it.
    data::Layer countryStorage, coastStorage, borderStorage;
    const data::Layer& countryLayer = withBeyond(level->countries, level->countriesBeyond, countryStorage);
    auto countries = std::async(std::launch::async, [&, own = projection.clone()] {
      return toleranceDeg > 0 ? buildSceneGroup(data::simplifyLayer(countryLayer, toleranceDeg), own, fills)
                              : buildSceneGroup(countryLayer, own, fills);
    });
    out.coastline = prepare(withBeyond(level->coastline, level->coastlineBeyond, coastStorage), linesOnly);
    out.borders = prepare(withBeyond(level->borders, level->bordersBeyond, borderStorage), linesOnly);
    // Inland water: rivers by importance and lakes by size, what the band's scale can show.
    data::Layer rivers, lakes, formerLakes;
    rivers.id = basemap.rivers.id;
    lakes.id = basemap.lakes.id;
    formerLakes.id = basemap.lakes.id + "/drained";
    const int riverLevels = riverLevelsFor(band);
    for (const auto& f : basemap.rivers.features)
      if (f.properties.value("level", 99) <= riverLevels) rivers.features.push_back(f);
    const double minLakeKm2 = minLakeAreaKm2For(band);
    for (const auto& f : basemap.lakes.features) {
      if (f.properties.value("area_km2", 0.0) < minLakeKm2) continue;
      (f.properties.value("drained", 0) ? formerLakes : lakes).features.push_back(f);
    }
    BuildOptions lakeFill = linesOnly;
    lakeFill.fillPolygons = true;
    const std::uint32_t water = style.sea.packed();
    lakeFill.fillColour = [water](const data::Feature&) { return water; };
    lakeFill.fillCellMetres = fills.fillCellMetres;
    out.lakes = prepare(lakes, lakeFill);
    out.formerLakes = prepare(formerLakes, linesOnly);
    out.rivers = prepare(rivers, linesOnly);
    out.countries = countries.get();
    if (scene.bounds.empty()) scene.bounds = out.countries->bounds;
    scene.levels.push_back(std::move(out));
  }
  auto places = std::make_shared<std::vector<ScenePlace>>();
  for (const auto& p : basemap.places) {
    MapXY at = projection.forward(p.where);
    if (!finitePoint(at)) continue;
    places->push_back({p.name, at, p.rank, p.kind});
  }
  scene.places = std::move(places);

  // Country names from the finest level loaded, placed inside each country's largest polygon. A country the
  // level's box cuts (France at 1:10m) has its part beyond the box from a coarser level: one label for both.
  auto countries = std::make_shared<std::vector<ScenePlace>>();
  if (!basemap.levels.empty()) {
    const auto& front = basemap.levels.front();
    std::vector<std::pair<std::string, data::Geometry>> named;
    std::unordered_map<std::string, size_t> index;
    for (const data::Layer* layer : {&front.countries, &front.countriesBeyond})
      for (const auto& f : layer->features) {
        const std::string name = f.properties.value("name", std::string());
        if (name.empty()) continue;
        auto [it, added] = index.try_emplace(name, named.size());
        if (added) named.emplace_back(name, data::Geometry{});
        auto& polygons = named[it->second].second.polygons;
        polygons.insert(polygons.end(), f.geometry.polygons.begin(), f.geometry.polygons.end());
      }
    for (const auto& [name, geometry] : named) {
      geo::LonLat at;
      double areaDeg2 = 0;
      if (!data::areaLabelPoint(geometry, at, areaDeg2)) continue;
      const MapXY p = projection.forward(at);
      if (!finitePoint(p)) continue;
      std::string upper;
      for (char c : name) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      // A degree of latitude is ~111 km; at 50°N a degree of longitude ~71 km: ~8000 km² per square degree.
      const double sizeMetres = std::sqrt(areaDeg2 * 111000.0 * 71000.0);
      countries->push_back({upper, p, 2, "country", sizeMetres});
    }
  }
  scene.countryLabels = std::move(countries);
  geo::LonLatBox graticuleBox;
  graticuleBox.add(-10, 30);
  graticuleBox.add(70, 70);
  scene.graticule = buildGraticule(graticuleBox, 5.0, projection);
  return scene;
}

}  // namespace briefmap::render
