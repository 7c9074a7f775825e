#include "briefmap/render/tessellator.hpp"

#include <GL/glu.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>
#include <deque>
#include <memory>

namespace briefmap::render {
namespace {

// State shared with GLU's C callbacks through the polygon data pointer.
struct TessState {
  TriangleMesh* mesh = nullptr;
  std::uint32_t base = 0;        // index of the first vertex this polygon added
  std::deque<GLdouble[3]> coords;  // GLU keeps pointers to these until gluTessEndPolygon: deque never moves them
  std::deque<std::uint32_t> ids;
  bool failed = false;
};

void onVertex(void* vertexData, void* polygonData) {
  auto* state = static_cast<TessState*>(polygonData);
  state->mesh->indices.push_back(*static_cast<std::uint32_t*>(vertexData));
}

// Registering an edge-flag callback makes GLU emit independent triangles only (no fans or strips).
void onEdgeFlag(GLboolean, void*) {}

void onCombine(GLdouble coords[3], void*[4], GLfloat[4], void** outData, void* polygonData) {
  auto* state = static_cast<TessState*>(polygonData);
  state->mesh->vertices.push_back({coords[0], coords[1]});
  state->ids.push_back(static_cast<std::uint32_t>(state->mesh->vertices.size() - 1));
  *outData = &state->ids.back();
}

void onError(GLenum, void* polygonData) { static_cast<TessState*>(polygonData)->failed = true; }

struct TessDeleter {
  void operator()(GLUtesselator* t) const { gluDeleteTess(t); }
};

}  // namespace

double TriangleMesh::area() const {
  double sum = 0;
  for (size_t i = 0; i + 2 < indices.size(); i += 3) {
    const auto& a = vertices[indices[i]];
    const auto& b = vertices[indices[i + 1]];
    const auto& c = vertices[indices[i + 2]];
    sum += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
  }
  return sum;
}

bool tessellatePolygon(std::span<const std::vector<geo::MapXY>> rings, TriangleMesh& out) {
  // One tessellator per thread: creating one costs little next to a polygon, but reusing it is free.
  thread_local std::unique_ptr<GLUtesselator, TessDeleter> tess = [] {
    std::unique_ptr<GLUtesselator, TessDeleter> t(gluNewTess());
    gluTessCallback(t.get(), GLU_TESS_VERTEX_DATA, reinterpret_cast<_GLUfuncptr>(&onVertex));
    gluTessCallback(t.get(), GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<_GLUfuncptr>(&onEdgeFlag));
    gluTessCallback(t.get(), GLU_TESS_COMBINE_DATA, reinterpret_cast<_GLUfuncptr>(&onCombine));
    gluTessCallback(t.get(), GLU_TESS_ERROR_DATA, reinterpret_cast<_GLUfuncptr>(&onError));
    gluTessProperty(t.get(), GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
    gluTessNormal(t.get(), 0, 0, 1);
    return t;
  }();

  TessState state;
  state.mesh = &out;
  const size_t firstIndex = out.indices.size();
  const size_t firstVertex = out.vertices.size();
  gluTessBeginPolygon(tess.get(), &state);
  for (const auto& ring : rings) {
    if (ring.size() < 3) continue;
    gluTessBeginContour(tess.get());
    for (const auto& p : ring) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      out.vertices.push_back(p);
      state.ids.push_back(static_cast<std::uint32_t>(out.vertices.size() - 1));
      auto& c = state.coords.emplace_back();
      c[0] = p.x;
      c[1] = p.y;
      c[2] = 0;
      gluTessVertex(tess.get(), c, &state.ids.back());
    }
    gluTessEndContour(tess.get());
  }
  gluTessEndPolygon(tess.get());
  if (state.failed || (out.indices.size() - firstIndex) % 3 != 0) {
    out.indices.resize(firstIndex);
    out.vertices.resize(firstVertex);
    return false;
  }
  return true;
}

namespace {

double orient(const geo::MapXY& a, const geo::MapXY& b, const geo::MapXY& c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

// > 0 when d lies inside the circle through the counter-clockwise triangle a, b, c.
double inCircle(const geo::MapXY& a, const geo::MapXY& b, const geo::MapXY& c, const geo::MapXY& d) {
  // Relative to d: map coordinates are large, the determinant's products would lose digits.
  const double ax = a.x - d.x, ay = a.y - d.y, bx = b.x - d.x, by = b.y - d.y, cx = c.x - d.x, cy = c.y - d.y;
  return (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay) +
         (cx * cx + cy * cy) * (ax * by - bx * ay);
}

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b) {
  return a < b ? (std::uint64_t(a) << 32 | b) : (std::uint64_t(b) << 32 | a);
}

// Each edge -> the (up to two) triangles that have it, in one array (open addressing, linear probing). A
// std::unordered_map allocated a node per edge of every polygon: with its frees, a tenth of the preparation of a layer
// of 20,000 small polygons. No key is all ones: that needs a vertex index of 2^32 - 1.
class EdgeOwners {
 public:
  using Owners = std::array<std::int64_t, 2>;
  explicit EdgeOwners(size_t edges) {
    while ((size_t{1} << m_bits) < edges * 2) ++m_bits;  // at most half full
    m_slots.assign(size_t{1} << m_bits, Slot{});
  }
  Owners* find(std::uint64_t key) {
    for (size_t i = home(key);; i = next(i)) {
      if (m_slots[i].key == key) return &m_slots[i].owners;
      if (m_slots[i].key == kEmpty) return nullptr;
    }
  }
  Owners& at(std::uint64_t key) {  ///< found, or added with no owner
    if (Owners* found = find(key)) return *found;
    // Kept at most half full, so a probe always ends: bad input (a triangle with a repeated vertex) may add edges.
    if ((m_used + 1) * 2 > m_slots.size()) {
      std::vector<Slot> old = std::move(m_slots);
      m_slots.assign(old.size() * 2, Slot{});
      ++m_bits;
      for (const auto& s : old)
        if (s.key != kEmpty) slotFor(s.key) = s;
    }
    ++m_used;
    Slot& slot = slotFor(key);
    slot.key = key;
    return slot.owners;
  }
  void erase(std::uint64_t key) {
    size_t hole = home(key);
    while (m_slots[hole].key != key) {
      if (m_slots[hole].key == kEmpty) return;
      hole = next(hole);
    }
    // Backward shift: a later entry whose probe passed the hole moves into it, so no search stops short.
    for (size_t j = next(hole); m_slots[j].key != kEmpty; j = next(j)) {
      const size_t h = home(m_slots[j].key);
      const bool reachesHole = hole < j ? (h <= hole || h > j) : (h <= hole && h > j);
      if (!reachesHole) continue;
      m_slots[hole] = m_slots[j];
      hole = j;
    }
    m_slots[hole] = Slot{};
    --m_used;
  }
  template <class F>
  void forEach(F&& f) const {
    for (const auto& s : m_slots)
      if (s.key != kEmpty) f(s.key, s.owners);
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  struct Slot {
    std::uint64_t key = kEmpty;
    Owners owners{-1, -1};
  };
  size_t home(std::uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - m_bits)); }
  size_t next(size_t i) const { return (i + 1) & ((size_t{1} << m_bits) - 1); }
  Slot& slotFor(std::uint64_t key) {  ///< the key's slot, or the empty one where it goes
    size_t i = home(key);
    while (m_slots[i].key != key && m_slots[i].key != kEmpty) i = next(i);
    return m_slots[i];
  }
  unsigned m_bits = 4;
  size_t m_used = 0;
  std::vector<Slot> m_slots;
};

}  // namespace

size_t improveTriangleShapes(TriangleMesh& mesh, size_t firstIndex) {
  auto& idx = mesh.indices;
  const auto& v = mesh.vertices;
  const size_t first = firstIndex / 3, count = (idx.size() - firstIndex) / 3;
  if (count < 2) return 0;
  // Counter-clockwise everywhere, so the flip tests need no sign cases.
  for (size_t t = first; t < first + count; ++t) {
    std::uint32_t* tri = &idx[t * 3];
    if (orient(v[tri[0]], v[tri[1]], v[tri[2]]) < 0) std::swap(tri[1], tri[2]);
  }
  EdgeOwners owners(count * 3);
  auto addOwner = [&](std::uint32_t a, std::uint32_t b, std::int64_t t) {
    auto& o = owners.at(edgeKey(a, b));
    (o[0] < 0 ? o[0] : o[1]) = t;
  };
  auto replaceOwner = [&](std::uint32_t a, std::uint32_t b, std::int64_t from, std::int64_t to) {
    auto& o = owners.at(edgeKey(a, b));
    (o[0] == from ? o[0] : o[1]) = to;
  };
  for (size_t t = first; t < first + count; ++t) {
    const std::uint32_t* tri = &idx[t * 3];
    for (int e = 0; e < 3; ++e) addOwner(tri[e], tri[(e + 1) % 3], static_cast<std::int64_t>(t));
  }
  std::vector<std::uint64_t> queue;
  owners.forEach([&](std::uint64_t key, const EdgeOwners::Owners& o) {
    if (o[1] >= 0) queue.push_back(key);
  });
  std::sort(queue.begin(), queue.end());  // deterministic order

  size_t flips = 0;
  const size_t budget = count * 16;  // Lawson flipping terminates; the budget only guards bad input
  while (!queue.empty() && flips < budget) {
    const std::uint64_t key = queue.back();
    queue.pop_back();
    const EdgeOwners::Owners* shared = owners.find(key);
    if (!shared || (*shared)[1] < 0) continue;
    const std::int64_t t1 = (*shared)[0], t2 = (*shared)[1];
    std::uint32_t* p = &idx[static_cast<size_t>(t1) * 3];
    std::uint32_t* q = &idx[static_cast<size_t>(t2) * 3];
    // Rotate t1 to (a, b, c) with the shared edge a-b; t2 is then (b, a, d).
    const auto ka = static_cast<std::uint32_t>(key >> 32), kb = static_cast<std::uint32_t>(key & 0xFFFFFFFF);
    int r = 0;
    while (r < 3 && !((p[r] == ka && p[(r + 1) % 3] == kb) || (p[r] == kb && p[(r + 1) % 3] == ka))) ++r;
    if (r == 3) continue;
    const std::uint32_t a = p[r], b = p[(r + 1) % 3], c = p[(r + 2) % 3];
    std::uint32_t d = q[0] ^ q[1] ^ q[2] ^ a ^ b;  // the vertex of t2 that is neither a nor b
    if (!((q[0] == a || q[0] == b) + (q[1] == a || q[1] == b) + (q[2] == a || q[2] == b) == 2)) continue;
    if (d == c) continue;
    if (inCircle(v[a], v[b], v[c], v[d]) <= 0) continue;
    // Only a convex quad a, d, b, c can take the other diagonal.
    if (orient(v[a], v[d], v[c]) <= 0 || orient(v[d], v[b], v[c]) <= 0) continue;
    p[0] = a, p[1] = d, p[2] = c;  // t1 = (a, d, c)
    q[0] = d, q[1] = b, q[2] = c;  // t2 = (d, b, c)
    owners.erase(key);
    owners.at(edgeKey(c, d)) = {t1, t2};
    replaceOwner(a, d, t2, t1);  // a-d moved from t2 to t1
    replaceOwner(b, c, t1, t2);  // b-c moved from t1 to t2
    for (std::uint64_t e : {edgeKey(a, d), edgeKey(d, b), edgeKey(b, c), edgeKey(c, a)}) queue.push_back(e);
    ++flips;
  }
  return flips;
}

}  // namespace briefmap::render
