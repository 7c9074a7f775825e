#include "briefmap/render/tessellator.hpp"

#include <GL/glu.h>

#include <cmath>
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

}  // namespace briefmap::render
