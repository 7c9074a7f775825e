#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "briefmap/data/layer.hpp"
#include "briefmap/render/scene.hpp"
#include "briefmap/render/tessellator.hpp"

using namespace briefmap;
using geo::MapXY;

namespace {
double ringArea(const std::vector<MapXY>& r) {
  // Shoelace formula relative to the first vertex: map coordinates are large, products would lose digits.
  double a = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const MapXY p{r[i].x - r[0].x, r[i].y - r[0].y};
    const MapXY q{r[(i + 1) % r.size()].x - r[0].x, r[(i + 1) % r.size()].y - r[0].y};
    a += p.x * q.y - q.x * p.y;
  }
  return std::abs(a) / 2;
}

// A simple star-shaped ring of n vertices around `centre`, each at a random distance in [minRadius, maxRadius].
std::vector<MapXY> randomStarRing(std::mt19937& rng, int n, double minRadius, double maxRadius, MapXY centre) {
  std::uniform_real_distribution<double> radius(minRadius, maxRadius);
  std::vector<MapXY> ring;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n, r = radius(rng);
    ring.push_back({centre.x + r * std::cos(a), centre.y + r * std::sin(a)});
  }
  return ring;
}
}  // namespace

TEST(Tessellator, SquareWithHoleHasTheRightArea) {
  std::vector<std::vector<MapXY>> rings = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{3, 3}, {7, 3}, {7, 7}, {3, 7}}};
  render::TriangleMesh mesh;
  ASSERT_TRUE(render::tessellatePolygon(rings, mesh));
  EXPECT_EQ(mesh.indices.size() % 3, 0u);
  EXPECT_NEAR(mesh.area(), 84.0, 1e-9);
}

TEST(Tessellator, AreaIsPreservedForRandomStarPolygons) {
  // Invariant over many inputs: the triangles cover exactly the polygon (simple star-shaped rings).
  std::mt19937 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    const std::vector<MapXY> ring = randomStarRing(rng, 3 + trial % 60, 20.0, 100.0, {1e6, 2e6});
    std::vector<std::vector<MapXY>> rings = {ring};
    render::TriangleMesh mesh;
    ASSERT_TRUE(render::tessellatePolygon(rings, mesh));
    EXPECT_NEAR(mesh.area(), ringArea(ring), ringArea(ring) * 1e-9) << "trial " << trial;
  }
}

TEST(Tessellator, SelfIntersectingBowTieIsResolvedWithNewVertices) {
  std::vector<std::vector<MapXY>> rings = {{{0, 0}, {10, 10}, {10, 0}, {0, 10}}};
  render::TriangleMesh mesh;
  ASSERT_TRUE(render::tessellatePolygon(rings, mesh));
  EXPECT_GT(mesh.vertices.size(), 4u);  // the crossing point was added by the combine callback
  EXPECT_NEAR(mesh.area(), 50.0, 1e-9);  // two triangles of 25 each
}

TEST(LineExtrusion, StripHasTwoVerticesPerPointAndUnitNormalsOnStraightLines) {
  render::LineMesh mesh;
  std::vector<MapXY> line = {{0, 0}, {100, 0}, {200, 0}};
  render::appendPolyline(line, false, mesh, 256);
  ASSERT_EQ(mesh.vertices.size(), 3u * 2u);
  // One strip: both sides of each point in turn, then its end; two triangles a segment.
  EXPECT_EQ(mesh.indices, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, render::LineMesh::kStripEnd}));
  EXPECT_EQ(mesh.triangleCount(), 2u * 2u);
  EXPECT_EQ(mesh.triangleList(), (std::vector<std::uint32_t>{0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5}));
  for (size_t v = 0; v < 6; ++v) {
    const MapXY miter = mesh.vertices[v].miter();
    EXPECT_NEAR(std::hypot(miter.x, miter.y), 1.0, 1e-4);  // a straight line's miter is its unit normal
    EXPECT_NEAR(miter.x, 0.0, 1e-4);
    EXPECT_EQ(mesh.vertices[v].x, mesh.vertices[v - v % 2].x);  // both sides of one point
  }
}

TEST(LineExtrusion, RightAngleMiterIsSqrtTwoLong) {
  render::LineMesh mesh;
  std::vector<MapXY> line = {{0, 0}, {100, 0}, {100, 100}};
  render::appendPolyline(line, false, mesh, 256);
  const MapXY corner = mesh.vertices[2].miter();
  EXPECT_NEAR(std::hypot(corner.x, corner.y), std::sqrt(2.0), 1e-4);
}

TEST(LineExtrusion, LongLinesAreSplitIntoCullableRangesThatShareEndPoints) {
  render::LineMesh mesh;
  std::vector<MapXY> line;
  for (int i = 0; i < 1000; ++i) line.push_back({i * 10.0, std::sin(i * 0.1) * 50});
  render::appendPolyline(line, false, mesh, 100);
  ASSERT_GE(mesh.ranges.size(), 10u);
  size_t segments = 0;
  for (const auto& r : mesh.ranges) segments += (r.indexCount - 1) / 2 - 1;  // two indices a point, then the end
  EXPECT_EQ(segments, line.size() - 1);  // every segment drawn exactly once
  EXPECT_EQ(mesh.ranges.front().bounds.minX, 0.0);
  EXPECT_EQ(mesh.ranges.back().bounds.maxX, 9990.0);
}

TEST(Tessellator, EdgeFlippingKeepsAreaAndBoundaryAndRemovesSlivers) {
  // A long thin comb: GLU's sweep makes slivers across it.
  std::vector<MapXY> ring;
  for (int i = 0; i <= 40; ++i) ring.push_back({i * 100.0, (i % 2) * 5.0});
  for (int i = 40; i >= 0; --i) ring.push_back({i * 100.0, 400.0 + (i % 2) * 5.0});
  std::vector<std::vector<MapXY>> rings = {ring};
  render::TriangleMesh mesh;
  ASSERT_TRUE(render::tessellatePolygon(rings, mesh));
  const double areaBefore = mesh.area();
  auto boundaryEdges = [](const render::TriangleMesh& m) {
    std::map<std::pair<uint32_t, uint32_t>, int> count;
    for (size_t i = 0; i < m.indices.size(); i += 3)
      for (int e = 0; e < 3; ++e) {
        auto a = m.indices[i + e], b = m.indices[i + (e + 1) % 3];
        ++count[{std::min(a, b), std::max(a, b)}];
      }
    std::set<std::pair<uint32_t, uint32_t>> boundary;
    for (const auto& [edge, n] : count)
      if (n == 1) boundary.insert(edge);
    return boundary;
  };
  auto worstAngle = [](const render::TriangleMesh& m) {
    double worst = 180;
    for (size_t i = 0; i < m.indices.size(); i += 3)
      for (int k = 0; k < 3; ++k) {
        const MapXY& a = m.vertices[m.indices[i + k]];
        const MapXY& b = m.vertices[m.indices[i + (k + 1) % 3]];
        const MapXY& c = m.vertices[m.indices[i + (k + 2) % 3]];
        const double ang = std::abs(std::atan2((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x),
                                               (b.x - a.x) * (c.x - a.x) + (b.y - a.y) * (c.y - a.y)));
        worst = std::min(worst, ang * 180 / M_PI);
      }
    return worst;
  };
  const auto boundaryBefore = boundaryEdges(mesh);
  const double worstBefore = worstAngle(mesh);
  const size_t flips = render::improveTriangleShapes(mesh);
  EXPECT_GT(flips, 0u);
  EXPECT_NEAR(mesh.area(), areaBefore, areaBefore * 1e-12);
  EXPECT_EQ(boundaryEdges(mesh), boundaryBefore);  // the polygon's own edges are kept
  EXPECT_GT(worstAngle(mesh), worstBefore);        // the thinnest triangle got fatter
}

// After the flips every inner edge is locally Delaunay: the vertex across it lies outside the circle of the triangle
// on this side, unless the two triangles make a concave quad (no flip possible there). A big polygon (hundreds of
// edges in the table, entries erased and added with each flip) must converge like a small one.
TEST(Tessellator, EdgeFlippingLeavesEveryInnerEdgeLocallyDelaunay) {
  std::mt19937 rng(7);
  for (int n : {12, 97, 640}) {
    std::vector<std::vector<MapXY>> rings = {randomStarRing(rng, n, 200.0, 1000.0, {3e6, 5e6})};
    render::TriangleMesh mesh;
    ASSERT_TRUE(render::tessellatePolygon(rings, mesh));
    const double areaBefore = mesh.area();
    render::improveTriangleShapes(mesh);
    EXPECT_NEAR(mesh.area(), areaBefore, areaBefore * 1e-9) << n;
    const auto& v = mesh.vertices;
    auto orient = [&](uint32_t a, uint32_t b, uint32_t c) {
      return (v[b].x - v[a].x) * (v[c].y - v[a].y) - (v[b].y - v[a].y) * (v[c].x - v[a].x);
    };
    // Each edge -> the vertices across it (the third vertex of each triangle that has it).
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> across;
    for (size_t i = 0; i < mesh.indices.size(); i += 3)
      for (int e = 0; e < 3; ++e) {
        const uint32_t a = mesh.indices[i + e], b = mesh.indices[i + (e + 1) % 3], c = mesh.indices[i + (e + 2) % 3];
        across[{std::min(a, b), std::max(a, b)}].push_back(c);
      }
    size_t inner = 0;
    for (const auto& [edge, thirds] : across) {
      ASSERT_LE(thirds.size(), 2u) << n;
      if (thirds.size() < 2) continue;
      ++inner;
      auto [a, b] = edge;
      uint32_t c = thirds[0], d = thirds[1];
      if (orient(a, b, c) < 0) std::swap(c, d);  // c to the left of a->b, d to the right
      if (orient(a, d, c) <= 0 || orient(d, b, c) <= 0) continue;  // concave quad: no other diagonal
      // In-circle determinant of d against (a, b, c), relative to d; scaled by the circle's size for a tolerance.
      const double ax = v[a].x - v[d].x, ay = v[a].y - v[d].y, bx = v[b].x - v[d].x, by = v[b].y - v[d].y,
                   cx = v[c].x - v[d].x, cy = v[c].y - v[d].y;
      const double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay) +
                         (cx * cx + cy * cy) * (ax * by - bx * ay);
      const double scale = std::pow(std::max({std::hypot(ax, ay), std::hypot(bx, by), std::hypot(cx, cy)}), 4);
      EXPECT_LE(det, 1e-9 * scale) << "n " << n << ", edge " << a << "-" << b;
    }
    EXPECT_EQ(inner, static_cast<size_t>(n - 3)) << n;  // a simple n-gon's triangulation has n - 3 inner edges
  }
}

// Whole-world polygons (time-zone-like strips from pole to pole) in the conic map CRS: the parts near the south
// pole land tens of thousands of kilometres away. They are cut where no map reaches, and a large triangle is cut on
// a coarser grid, so the scene stays bounded (issue 15: tens of millions of pieces and std::bad_alloc before).
TEST(SceneBuilder, WholeWorldStripsGiveABoundedScene) {
  briefmap::data::Layer world;
  for (int s = 0; s < 24; ++s) {
    const double west = -180 + 15 * s, east = west + 15;
    briefmap::data::Ring ring;
    for (double lat = -90; lat <= 90; lat += 0.5) ring.push_back({west, lat});
    for (double lat = 90; lat >= -90; lat -= 0.5) ring.push_back({east, lat});
    briefmap::data::Feature f;
    f.geometry.polygons.push_back({{ring}});
    world.features.push_back(f);
  }
  const briefmap::geo::Projection projection(briefmap::geo::knownMapCrs().front());
  const auto scene = briefmap::render::buildSceneGroup(world, projection);
  EXPECT_GT(scene->fill.indices.size(), 0u);
  EXPECT_LT(scene->triangleCount(), 2'000'000u);
  EXPECT_LE(scene->bounds.maxX, 2.0e7 + 1);
  EXPECT_GE(scene->bounds.minY, -2.0e7 - 1);
}

// Triangles that repeat a vertex (no tessellator should give them, but a mesh may hold them) add edges the table was
// not sized for: the flips still end, and change no area.
TEST(Tessellator, EdgeFlippingEndsOnTrianglesThatRepeatAVertex) {
  render::TriangleMesh mesh;
  for (int i = 0; i < 40; ++i) mesh.vertices.push_back({i * 10.0, (i % 3) * 7.0});
  mesh.indices = {0, 1, 2, 2, 1, 3};
  for (std::uint32_t i = 0; i + 1 < 40; ++i) mesh.indices.insert(mesh.indices.end(), {i, i, i + 1});
  for (std::uint32_t i = 0; i + 2 < 40; ++i) mesh.indices.insert(mesh.indices.end(), {i, i + 2, i});
  const double areaBefore = mesh.area();
  render::improveTriangleShapes(mesh);
  EXPECT_NEAR(mesh.area(), areaBefore, 1e-9);
}

// The flips are skipped for a polygon no wider than BuildOptions::improveShapesAboveMetres (a few pixels at the band's
// scale): it covers the same ground with GLU's triangles; a wider one still gets the flips' fatter triangles.
TEST(SceneBuilder, SmallPolygonsKeepTheirTrianglesAndLargeOnesAreImproved) {
  briefmap::data::Ring comb;  // about 28 km by 4 km: a long thin comb, whose GLU triangles are slivers
  for (int i = 0; i <= 40; ++i) comb.push_back({30.0 + i * 0.01, 50.0 + (i % 2) * 0.0005});
  for (int i = 40; i >= 0; --i) comb.push_back({30.0 + i * 0.01, 50.04 + (i % 2) * 0.0005});
  briefmap::data::Layer layer;
  briefmap::data::Feature f;
  f.geometry.polygons.push_back({{comb}});
  layer.features.push_back(f);
  const briefmap::geo::Projection projection(briefmap::geo::knownMapCrs().front());
  auto fillOf = [&](double aboveMetres) {
    briefmap::render::BuildOptions options;
    options.improveShapesAboveMetres = aboveMetres;
    return briefmap::render::buildSceneGroup(layer, projection, options)->fill;
  };
  // The area covered, and the mean of each triangle's smallest angle (the grid cut adds a few thin pieces to both).
  auto areaAndMeanSmallestAngle = [](const briefmap::render::FillMesh& fill) {
    double area = 0, sumSmallest = 0;
    for (size_t i = 0; i + 2 < fill.indices.size(); i += 3) {
      std::array<MapXY, 3> p;
      for (int k = 0; k < 3; ++k) p[k] = {fill.positions[fill.indices[i + k] * 2], fill.positions[fill.indices[i + k] * 2 + 1]};
      area += std::abs((p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y)) / 2;
      double smallest = 180;
      for (int k = 0; k < 3; ++k) {
        const MapXY &a = p[k], &b = p[(k + 1) % 3], &c = p[(k + 2) % 3];
        const double ang = std::abs(std::atan2((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x),
                                               (b.x - a.x) * (c.x - a.x) + (b.y - a.y) * (c.y - a.y)));
        smallest = std::min(smallest, ang * 180 / M_PI);
      }
      sumSmallest += smallest;
    }
    return std::pair{area, sumSmallest / static_cast<double>(fill.indices.size() / 3)};
  };
  // Each triangle's corners in order: the triangles drawn (a polygon's triangles share their vertices, so the
  // vertices alone are the same whichever way the polygon is cut into triangles).
  auto cornersOf = [](const briefmap::render::FillMesh& fill) {
    std::vector<float> corners;
    for (const auto i : fill.indices) corners.insert(corners.end(), {fill.positions[i * 2], fill.positions[i * 2 + 1]});
    return corners;
  };
  const auto kept = fillOf(50'000);     // narrower than 50 km: GLU's triangles
  const auto flipped = fillOf(10'000);  // wider than 10 km: flipped
  const auto [keptArea, keptAngle] = areaAndMeanSmallestAngle(kept);
  const auto [flippedArea, flippedAngle] = areaAndMeanSmallestAngle(flipped);
  EXPECT_GT(keptArea, 1e7);
  EXPECT_NEAR(flippedArea, keptArea, keptArea * 1e-6);
  EXPECT_NE(cornersOf(flipped), cornersOf(kept));  // the flips changed the triangles...
  EXPECT_GT(flippedAngle, keptAngle);            // ...to fatter ones
  EXPECT_EQ(cornersOf(fillOf(0)), cornersOf(flipped));  // 0: every polygon is flipped (the default)
  EXPECT_EQ(cornersOf(fillOf(1e9)), cornersOf(kept));   // any size above the polygon's keeps GLU's
}

// A polygon's fill triangles share its vertices: a band of a big layer held three vertices a triangle (a gigabyte for
// ten million), and llvmpipe keeps a copy. The triangles and their area are those of the tessellation all the same,
// for a polygon in one grid cell and for one the grid cuts.
TEST(SceneBuilder, APolygonsFillTrianglesShareItsVertices) {
  std::mt19937 rng(7);
  briefmap::data::Layer layer;
  // About 12 km across, 100 and 50 km west of the map's origin (31° E): the first straddles a 100 km grid line.
  for (const double lon : {29.6, 30.3}) {
    briefmap::data::Ring ring;
    for (const auto& p : randomStarRing(rng, 48, 0.04, 0.1, {lon, 50.0})) ring.push_back({p.x, p.y});
    briefmap::data::Feature f;
    f.geometry.polygons.push_back({{ring}});
    layer.features.push_back(f);
  }
  const briefmap::geo::Projection projection(briefmap::geo::knownMapCrs().front());
  for (const double cell : {1e9, 100'000.0}) {  // no cut, then the default grid
    SCOPED_TRACE(cell);
    briefmap::render::BuildOptions options;
    options.fillCellMetres = cell;
    const auto fill = briefmap::render::buildSceneGroup(layer, projection, options)->fill;
    const size_t vertices = fill.positions.size() / 2, triangles = fill.indices.size() / 3;
    ASSERT_EQ(fill.colours.size(), vertices);
    double area = 0;
    for (size_t i = 0; i + 2 < fill.indices.size(); i += 3) {
      ASSERT_LT(*std::max_element(&fill.indices[i], &fill.indices[i] + 3), vertices);
      std::vector<MapXY> t;
      for (int k = 0; k < 3; ++k)
        t.push_back({fill.positions[fill.indices[i + k] * 2], fill.positions[fill.indices[i + k] * 2 + 1]});
      area += ringArea(t);
    }
    double expected = 0;
    for (const auto& f : layer.features) {
      std::vector<MapXY> projected;
      for (const auto& p : f.geometry.polygons.front().rings.front()) projected.push_back(projection.forward(p));
      expected += ringArea(projected);
    }
    EXPECT_NEAR(area, expected, expected * 1e-4);
    if (cell > 1e8) {
      EXPECT_EQ(vertices, 96u);        // the rings' vertices, once each
      EXPECT_EQ(triangles, 2u * 46u);  // n - 2 a simple polygon
    } else {
      EXPECT_GT(triangles, 2u * 46u);  // the cut made pieces of the first...
      // ...whose corners are their own, while the second polygon's triangles still share its 48 vertices
      EXPECT_LE(vertices, 48 + 3 * (triangles - 46));
    }
  }
}

namespace {
// Every triangle of a mesh as its three corners (sorted), whatever the order of the mesh: the drawn set.
template <typename Positions>
std::multiset<std::array<std::pair<float, float>, 3>> triangleSet(const Positions& at, const std::vector<std::uint32_t>& indices) {
  std::multiset<std::array<std::pair<float, float>, 3>> out;
  for (size_t i = 0; i + 2 < indices.size(); i += 3) {
    std::array<std::pair<float, float>, 3> t = {at(indices[i]), at(indices[i + 1]), at(indices[i + 2])};
    std::sort(t.begin(), t.end());
    out.insert(t);
  }
  return out;
}
}  // namespace

// A big user's layer is prepared in parts on several threads (or batch by batch as it is read) and joined: the joined
// group's parts draw the same triangles, lines and points as the layer built in one piece, nothing copied.
TEST(SceneBuilder, PartsJoinedDrawWhatTheWholeLayerDraws) {
  std::mt19937 random(7);
  auto unit = [&] { return static_cast<double>(random()) / 4294967296.0; };
  briefmap::data::Layer layer;
  for (int n = 0; n < 300; ++n) {
    briefmap::data::Feature f;
    const double lon = 24 + 12 * unit(), lat = 45 + 8 * unit(), r = 0.05 + 0.6 * unit();
    briefmap::data::Ring ring;
    for (int i = 0; i < 40; ++i) {
      const double a = 2 * M_PI * i / 40, rr = r * (i % 2 ? 0.6 : 1.0);
      ring.push_back({lon + rr * std::cos(a), lat + rr * std::sin(a)});
    }
    f.geometry.polygons.push_back({{ring}});
    if (n % 3 == 0) f.geometry.points.push_back({lon, lat});
    layer.features.push_back(f);
  }
  for (int n = 0; n < 5000; ++n) {  // past the count at which points are sorted by cell
    briefmap::data::Feature f;
    f.geometry.points.push_back({20 + 20 * unit(), 44 + 10 * unit()});
    layer.features.push_back(f);
  }
  const briefmap::geo::Projection projection(briefmap::geo::knownMapCrs().front());
  const auto whole = briefmap::render::buildSceneGroup(layer, projection);
  std::vector<std::shared_ptr<const briefmap::render::SceneGroup>> parts;
  for (auto [first, last] : {std::pair<size_t, size_t>{0, 150}, {150, 2000}, {2000, layer.features.size()}}) {
    briefmap::data::Layer part;
    part.features.assign(layer.features.begin() + first, layer.features.begin() + last);
    parts.push_back(briefmap::render::buildSceneGroup(part, projection));
  }
  const auto joined = briefmap::render::joinSceneGroups({parts[0], nullptr, parts[1], parts[2]});
  ASSERT_EQ(joined->parts.size(), 3u);
  for (size_t i = 0; i < parts.size(); ++i) EXPECT_EQ(joined->parts[i], parts[i]) << "part " << i << " copied";
  EXPECT_TRUE(joined->fill.empty() && joined->lines.empty() && joined->points.empty());
  EXPECT_EQ(joined->triangleCount(), whole->triangleCount());
  EXPECT_EQ(joined->pointCount(), whole->pointCount());
  using Triangles = std::multiset<std::array<std::pair<float, float>, 3>>;
  Triangles fills, lines;
  std::vector<std::pair<double, double>> points;
  for (const auto& g : joined->parts) {
    const Triangles f = triangleSet([&g](std::uint32_t v) { return std::pair{g->fill.positions[2 * v], g->fill.positions[2 * v + 1]}; },
                                    g->fill.indices);
    const Triangles l = triangleSet(
        [&g](std::uint32_t v) {
          const auto& p = g->lines.vertices[v];  // position moved along its miter by its side
          const float side = briefmap::render::LineVertex::sideOf(v);
          return std::pair{p.x + side * static_cast<float>(p.miter().x), p.y + side * static_cast<float>(p.miter().y)};
        },
        g->lines.triangleList());
    fills.insert(f.begin(), f.end());
    lines.insert(l.begin(), l.end());
    for (const auto& q : g->points) points.emplace_back(q.x, q.y);
  }
  const Triangles wholeFills = triangleSet(
      [&](std::uint32_t v) { return std::pair{whole->fill.positions[2 * v], whole->fill.positions[2 * v + 1]}; },
      whole->fill.indices);
  const Triangles wholeLines = triangleSet(
      [&](std::uint32_t v) {
        const auto& p = whole->lines.vertices[v];
        const float side = briefmap::render::LineVertex::sideOf(v);
        return std::pair{p.x + side * static_cast<float>(p.miter().x), p.y + side * static_cast<float>(p.miter().y)};
      },
      whole->lines.triangleList());
  EXPECT_EQ(fills, wholeFills);
  EXPECT_EQ(lines, wholeLines);
  std::vector<std::pair<double, double>> wholePoints;
  for (const auto& q : whole->points) wholePoints.emplace_back(q.x, q.y);
  std::sort(points.begin(), points.end());
  std::sort(wholePoints.begin(), wholePoints.end());
  EXPECT_EQ(points, wholePoints);
  EXPECT_EQ(joined->bounds.minX, whole->bounds.minX);
  EXPECT_EQ(joined->bounds.maxY, whole->bounds.maxY);
  // A joined part gives its parts: one level, drawn as such.
  const auto nested = briefmap::render::joinSceneGroups({briefmap::render::joinSceneGroups({parts[0], parts[1]}), parts[2]});
  ASSERT_EQ(nested->parts.size(), 3u);
  for (const auto& part : nested->parts) EXPECT_TRUE(part->parts.empty());
  EXPECT_EQ(nested->triangleCount(), whole->triangleCount());
  // One part is the group itself; no part, an empty group.
  EXPECT_EQ(briefmap::render::joinSceneGroups({nullptr, parts[1]}), parts[1]);
  EXPECT_EQ(briefmap::render::joinSceneGroups({})->triangleCount(), 0u);
}

// Each point keeps its own symbol shape through the sort by grid cell (past 4,096 points) and a join of parts,
// and a layer built with outlinesAsObstacles keeps each ring closed for the label placer.
TEST(SceneBuilder, PointShapesFollowTheirPointsAndOutlinesAreKept) {
  namespace br = briefmap::render;
  std::mt19937 random(11);
  auto unit = [&] { return static_cast<double>(random()) / 4294967296.0; };
  briefmap::data::Layer layer;
  for (int n = 0; n < 6000; ++n) {
    briefmap::data::Feature f;
    f.geometry.points.push_back({20 + 20 * unit(), 44 + 10 * unit()});
    f.properties = {{"shape", 1 + n % 4}};
    layer.features.push_back(f);
  }
  briefmap::data::Feature ring;
  ring.geometry.polygons.push_back({{{{30, 48}, {32, 48}, {32, 50}, {30, 50}, {30, 48}}}});
  layer.features.push_back(ring);
  br::BuildOptions options;
  options.pointShape = [](const briefmap::data::Feature& f) { return static_cast<br::SymbolShape>(f.properties.value("shape", 1)); };
  options.outlinesAsObstacles = true;
  const briefmap::geo::Projection projection(briefmap::geo::knownMapCrs().front());
  // The shape a point should have, by where it is.
  std::map<std::pair<double, double>, br::SymbolShape> expected;
  for (const auto& f : layer.features)
    if (!f.geometry.points.empty()) {
      const auto p = projection.forward(f.geometry.points.front());
      expected[{p.x, p.y}] = static_cast<br::SymbolShape>(f.properties.value("shape", 1));
    }
  auto check = [&](const br::SceneGroup& g) {
    ASSERT_EQ(g.pointShapes.size(), g.points.size());
    for (size_t i = 0; i < g.points.size(); ++i)
      ASSERT_EQ(g.pointShapes[i], expected.at({g.points[i].x, g.points[i].y})) << "point " << i;
  };
  const auto whole = br::buildSceneGroup(layer, projection, options);
  check(*whole);
  ASSERT_EQ(whole->obstacleOutlines.size(), 1u);
  EXPECT_GE(whole->obstacleOutlines.front().size(), 5u);
  EXPECT_EQ(whole->obstacleOutlines.front().front().x, whole->obstacleOutlines.front().back().x);
  // Joined parts keep their points' shapes; the outlines are the joined group's, for the label placer.
  briefmap::data::Layer first, second;
  first.features.assign(layer.features.begin(), layer.features.begin() + 3000);
  second.features.assign(layer.features.begin() + 3000, layer.features.end());
  const auto joined = br::joinSceneGroups({br::buildSceneGroup(first, projection, options), br::buildSceneGroup(second, projection, options)});
  ASSERT_EQ(joined->parts.size(), 2u);
  for (const auto& part : joined->parts) check(*part);
  EXPECT_EQ(joined->obstacleOutlines.size(), 1u);
}
