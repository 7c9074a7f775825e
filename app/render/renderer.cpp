#include "briefmap/render/renderer.hpp"

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <unordered_map>

#include "briefmap/data/freed_memory.hpp"
#include "briefmap/render/frame_layout.hpp"
#include "briefmap/render/glyph_atlas.hpp"
#include "briefmap/render/label_placer.hpp"
#include "briefmap/render/text_layout.hpp"

namespace briefmap::render {
namespace {

// Vertex of a screen-space shape (see shaders/shape.vert).
struct ShapeVertex {
  float x, y, localX, localY;
  std::uint32_t fill, stroke;
  float shape, halfSize, strokeWidth;
};

// Vertex of a text glyph quad (see shaders/text.vert).
struct TextVertex {
  float x, y, u, v;
  std::uint32_t colour, halo;
  float sdfPerPixel, haloSdf;
};

// Shape ids of shape.frag; the point symbols (SymbolShape) share them.
enum ShapeKind { kRect = 0, kCircle = 1, kSquare = 2, kTriangle = 3, kDiamond = 4 };

struct GpuGroup {
  std::weak_ptr<const SceneGroup> owner;
  size_t bytes = 0;  ///< uploaded: what the driver holds a copy of
  GlVertexArray fillVao, lineVao, pointVao;
  GlBuffer fillPositions, fillColours, fillIndices, lineVertices, lineIndices, pointCorners, pointCentres,
      pointShapes;
};

// The two triangles of a symbol's quad, as corners of the square (-1, -1) … (1, 1).
constexpr float kQuadCorners[] = {-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1};

// Enables vertex attribute `index`: floats as they are, bytes normalised to 0..1 (packed colours).
void attribute(GLuint index, GLint components, GLenum type, GLsizei stride, size_t offset) {
  glEnableVertexAttribArray(index);
  glVertexAttribPointer(index, components, type, type == GL_UNSIGNED_BYTE ? GL_TRUE : GL_FALSE, stride,
                        reinterpret_cast<void*>(offset));
}

template <typename T>
void upload(GLenum target, const GlBuffer& buffer, const std::vector<T>& data, GLenum usage = GL_STATIC_DRAW) {
  glBindBuffer(target, buffer.id());
  glBufferData(target, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.data(), usage);
}

GpuGroup uploadGroup(const std::shared_ptr<const SceneGroup>& group) {
  GpuGroup gpu;
  gpu.owner = group;
  gpu.bytes = (group->fill.positions.size() + group->fill.colours.size() + group->fill.indices.size()) * 4 +
              group->lines.vertices.size() * sizeof(LineVertex) + group->lines.indices.size() * 4 +
              group->points.size() * 3 * sizeof(float);
  if (!group->fill.empty()) {
    gpu.fillVao = makeVertexArray();
    glBindVertexArray(gpu.fillVao.id());
    gpu.fillPositions = makeBuffer();
    upload(GL_ARRAY_BUFFER, gpu.fillPositions, group->fill.positions);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    gpu.fillColours = makeBuffer();
    upload(GL_ARRAY_BUFFER, gpu.fillColours, group->fill.colours);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, 0, nullptr);
    gpu.fillIndices = makeBuffer();
    upload(GL_ELEMENT_ARRAY_BUFFER, gpu.fillIndices, group->fill.indices);
  }
  if (!group->lines.empty()) {
    gpu.lineVao = makeVertexArray();
    glBindVertexArray(gpu.lineVao.id());
    gpu.lineVertices = makeBuffer();
    upload(GL_ARRAY_BUFFER, gpu.lineVertices, group->lines.vertices);
    constexpr GLsizei stride = sizeof(LineVertex);
    attribute(0, 2, GL_FLOAT, stride, offsetof(LineVertex, x));
    glEnableVertexAttribArray(1);  // signed shorts normalised to -1..1, of kMaxMiterScale
    glVertexAttribPointer(1, 2, GL_SHORT, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(LineVertex, miterX)));
    attribute(2, 1, GL_FLOAT, stride, offsetof(LineVertex, along));
    gpu.lineIndices = makeBuffer();
    upload(GL_ELEMENT_ARRAY_BUFFER, gpu.lineIndices, group->lines.indices);
  }
  if (!group->points.empty()) {
    // Instanced symbols: the points are uploaded once, in map metres (floats: a few centimetres at these extents).
    gpu.pointVao = makeVertexArray();
    glBindVertexArray(gpu.pointVao.id());
    gpu.pointCorners = makeBuffer();
    glBindBuffer(GL_ARRAY_BUFFER, gpu.pointCorners.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof kQuadCorners, kQuadCorners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    std::vector<float> centres;
    centres.reserve(group->points.size() * 2);
    for (const auto& p : group->points) centres.insert(centres.end(), {static_cast<float>(p.x), static_cast<float>(p.y)});
    gpu.pointCentres = makeBuffer();
    upload(GL_ARRAY_BUFFER, gpu.pointCentres, centres);
    glEnableVertexAttribArray(1);
    glVertexAttribDivisor(1, 1);
    // Each point's shape id as a byte per instance (a float to the shader, not normalised).
    std::vector<std::uint8_t> shapes(group->points.size(), static_cast<std::uint8_t>(SymbolShape::Circle));
    for (size_t i = 0; i < group->pointShapes.size() && i < shapes.size(); ++i)
      shapes[i] = static_cast<std::uint8_t>(group->pointShapes[i]);
    gpu.pointShapes = makeBuffer();
    upload(GL_ARRAY_BUFFER, gpu.pointShapes, shapes);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_UNSIGNED_BYTE, GL_FALSE, 0, nullptr);
    glVertexAttribDivisor(2, 1);
  }
  glBindVertexArray(0);
  return gpu;
}

// The ranges of a mesh that touch the view, as glMultiDrawElements arguments.
struct VisibleRanges {
  std::vector<GLsizei> counts;
  std::vector<const void*> offsets;
  size_t indices = 0;
  size_t strips = 0;  // ranges, each a strip ended by its restart index (lines)
  /// Contiguous ranges are merged into runs of at most `maxRunIndices` (a range longer than that stays whole), so a
  /// frame can wait for the driver between runs (Renderer::setTrianglesInFlight).
  void collect(const std::vector<DrawRange>& ranges, const geo::MapBox& view, size_t maxRunIndices) {
    counts.clear();
    offsets.clear();
    indices = 0;
    strips = 0;
    for (const auto& r : ranges) {
      if (!r.bounds.intersects(view)) continue;
      // Merge with the previous range when contiguous: fewer, larger draws.
      const auto offset = static_cast<size_t>(r.firstIndex) * sizeof(std::uint32_t);
      if (!counts.empty() &&
          reinterpret_cast<size_t>(offsets.back()) + static_cast<size_t>(counts.back()) * sizeof(std::uint32_t) == offset &&
          static_cast<size_t>(counts.back()) + r.indexCount <= maxRunIndices) {
        counts.back() += static_cast<GLsizei>(r.indexCount);
      } else {
        counts.push_back(static_cast<GLsizei>(r.indexCount));
        offsets.push_back(reinterpret_cast<const void*>(offset));
      }
      indices += r.indexCount;
      ++strips;
    }
  }
};

void pushQuad(std::vector<ShapeVertex>& out, float cx, float cy, float halfW, float halfH, Rgba fill, Rgba stroke,
              ShapeKind kind, float halfSize, float strokeWidth) {
  const std::uint32_t f = fill.packed(), s = stroke.packed();
  const float k = static_cast<float>(kind);
  auto v = [&](float dx, float dy) { return ShapeVertex{cx + dx, cy + dy, dx, dy, f, s, k, halfSize, strokeWidth}; };
  const ShapeVertex a = v(-halfW, -halfH), b = v(halfW, -halfH), c = v(halfW, halfH), d = v(-halfW, halfH);
  out.insert(out.end(), {a, b, c, a, c, d});
}


}  // namespace

const BasemapLevelScene* chooseBasemapLevel(const BasemapScene& basemap, double metresPerPixel) {
  // The band that contains the scale; failing that (still being prepared), the nearest prepared one.
  const BasemapLevelScene* best = nullptr;
  double bestDistance = 0;
  for (const auto& level : basemap.levels) {
    const auto& b = level.band;
    double distance = 0;
    if (metresPerPixel < b.minMetresPerPixel) distance = std::log(b.minMetresPerPixel / metresPerPixel);
    else if (metresPerPixel >= b.maxMetresPerPixel) distance = std::log(metresPerPixel / b.maxMetresPerPixel) + 1e-9;
    if (!best || distance < bestDistance) {
      best = &level;
      bestDistance = distance;
    }
  }
  return best;
}

double niceScaleBarLength(double maxMetres) {
  if (!(maxMetres > 0)) return 0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
  for (double step : {5.0, 2.0, 1.0}) {
    if (step * magnitude <= maxMetres) return step * magnitude;
  }
  return magnitude;
}

// One picture of the layer cache: a texture the size of the view and its margins, and its framebuffer.
struct CachePicture {
  GlTexture texture;
  GlFramebuffer fbo;
  explicit operator bool() const { return static_cast<bool>(fbo); }
  /// A new texture of that size; false (and empty) when the driver cannot draw into it.
  bool make(int width, int height) {
    texture = makeTexture();
    glBindTexture(GL_TEXTURE_2D, texture.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    fbo = GlFramebuffer(id);
    glBindFramebuffer(GL_FRAMEBUFFER, id);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.id(), 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) return true;
    *this = CachePicture{};
    return false;
  }
};

// A run of layers drawn into a transparent picture (premultiplied, as everything is drawn), with what decides it.
struct CachedRun {
  CachePicture picture;
  std::string prefix;                 ///< the basemap's groups when a basemap layer lies among the layers
  std::vector<std::string> leafKeys;  ///< each group drawn, in drawing order
  // What the keys' addresses name. An address alone can come back: a scene freed and a new one allocated at
  // the same place gave the same key, and the cache showed the old scene's pixels until the next pan.
  std::vector<std::weak_ptr<const void>> drawnFrom;
  bool used() const { return !leafKeys.empty(); }
};

bool allAlive(const std::vector<std::weak_ptr<const void>>& sources) {
  return std::none_of(sources.begin(), sources.end(), [](const auto& w) { return w.expired(); });
}

// The map layers drawn once into textures larger than the view, reused while the user pans.
// On llvmpipe, filling a country layer costs far more than drawing one textured rectangle.
// In pictures that change apart: `under` holds the basemap layers that come first (opaque: the sea and all); `heavy`
// the layers after them up to the last one of many triangles (a user's big file), `light` those over it (options,
// drawings); `shown` is the three composited, which frames copy. A basemap that changes under a big file (the view's
// finer band arriving in the window's first second) redraws the basemap, an option switched on or off over it redraws
// the options, and each composites, where one picture drew the file's two million triangles again.
struct LayerCache {
  CachePicture under, shown;
  CachedRun heavy, light;
  int width = 0, height = 0;
  geo::MapXY centre;
  // What decides the content except the centre: the view (scale, size, style) for all; the basemap's groups drawn and
  // the first basemap layers' keys for `under`; each run's own (see CachedRun).
  std::string viewKey, underKey;
  std::vector<std::weak_ptr<const void>> underFrom;
  bool composited() const { return heavy.used() || light.used(); }  ///< frames copy `shown`, else `under`
  double lastMetresPerPixel = 0;  // of the previous frame: while the scale changes, drawing direct is cheaper
};

struct Renderer::Impl {
  GlProgram fillProgram, lineProgram, shapeProgram, textProgram, symbolProgram, compositeProgram;
  LayerCache cache;
  GlVertexArray shapeVao, textVao;
  GlBuffer shapeBuffer, textBuffer;
  GlTexture atlasTexture;
  const GlyphAtlas& atlas;
  std::unordered_map<const SceneGroup*, GpuGroup> groups;
  FrameStats stats;
  VisibleRanges visible;
  std::unique_ptr<OffscreenTarget> keptTarget;

  Impl() : atlas(GlyphAtlas::embedded()) {
    fillProgram = compileProgram("fill");
    lineProgram = compileProgram("line");
    shapeProgram = compileProgram("shape");
    textProgram = compileProgram("text");
    symbolProgram = compileProgram("symbol", "shape");
    compositeProgram = compileProgram("composite");

    shapeVao = makeVertexArray();
    shapeBuffer = makeBuffer();
    glBindVertexArray(shapeVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, shapeBuffer.id());
    constexpr GLsizei ss = sizeof(ShapeVertex);
    attribute(0, 2, GL_FLOAT, ss, offsetof(ShapeVertex, x));
    attribute(1, 2, GL_FLOAT, ss, offsetof(ShapeVertex, localX));
    attribute(2, 4, GL_UNSIGNED_BYTE, ss, offsetof(ShapeVertex, fill));
    attribute(3, 4, GL_UNSIGNED_BYTE, ss, offsetof(ShapeVertex, stroke));
    attribute(4, 3, GL_FLOAT, ss, offsetof(ShapeVertex, shape));

    textVao = makeVertexArray();
    textBuffer = makeBuffer();
    glBindVertexArray(textVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, textBuffer.id());
    constexpr GLsizei ts = sizeof(TextVertex);
    attribute(0, 2, GL_FLOAT, ts, offsetof(TextVertex, x));
    attribute(1, 2, GL_FLOAT, ts, offsetof(TextVertex, u));
    attribute(2, 4, GL_UNSIGNED_BYTE, ts, offsetof(TextVertex, colour));
    attribute(3, 4, GL_UNSIGNED_BYTE, ts, offsetof(TextVertex, halo));
    attribute(4, 2, GL_FLOAT, ts, offsetof(TextVertex, sdfPerPixel));
    glBindVertexArray(0);

    atlasTexture = makeTexture();
    glBindTexture(GL_TEXTURE_2D, atlasTexture.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas.width(), atlas.height(), 0, GL_RED, GL_UNSIGNED_BYTE,
                 atlas.pixels().data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }

  GpuGroup& gpuFor(const std::shared_ptr<const SceneGroup>& group) {
    auto it = groups.find(group.get());
    if (it != groups.end() && !it->second.owner.expired()) return it->second;
    if (it != groups.end()) groups.erase(it);  // same address, new group: the old one is gone
    return groups.emplace(group.get(), uploadGroup(group)).first->second;
  }

  // llvmpipe bins a frame's triangles into scenes and keeps every scene it has had to make, with its memory: when
  // drawing outruns rasterising (a layer of millions of triangles at 4K), dozens queue up and the process keeps
  // gigabytes after the frame (the 10M bench file: +2 GB over its first 4K redraw). So at most two batches of
  // trianglesInFlight are in the driver's hands: one being drawn while the previous is rasterised.
  size_t trianglesInFlight = 250'000;
  size_t trianglesSinceFence = 0;
  GLsync previousBatch = nullptr;
  void submitted(size_t triangles) {
    trianglesSinceFence += triangles;
    if (trianglesInFlight == 0 || trianglesSinceFence < trianglesInFlight) return;
    trianglesSinceFence = 0;
    GLsync batch = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (previousBatch) {
      glClientWaitSync(previousBatch, GL_SYNC_FLUSH_COMMANDS_BIT, GL_TIMEOUT_IGNORED);
      glDeleteSync(previousBatch);
      ++stats.batchesWaitedFor;
    }
    previousBatch = batch;
  }
  /// The most indices one merged run of ranges takes: a batch's worth (`indicesPerTriangle`: 3 for triangles, about
  /// 1 for strips); unbounded when the frame never waits.
  size_t maxRunIndices(size_t indicesPerTriangle) const {
    return trianglesInFlight ? trianglesInFlight * indicesPerTriangle : std::numeric_limits<size_t>::max();
  }
  /// The visible runs as multi-draws of at most the triangles left before the next wait.
  void drawVisibleInBatches(GLenum mode, size_t indicesPerTriangle) {
    const size_t runs = visible.counts.size();
    for (size_t first = 0; first < runs;) {
      const size_t left = trianglesInFlight ? trianglesInFlight - trianglesSinceFence : std::numeric_limits<size_t>::max();
      size_t last = first, triangles = 0;
      while (last < runs) {
        const size_t more = static_cast<size_t>(visible.counts[last]) / indicesPerTriangle;
        if (last > first && triangles + more > left) break;
        triangles += more;
        ++last;
      }
      glMultiDrawElements(mode, visible.counts.data() + first, GL_UNSIGNED_INT, visible.offsets.data() + first,
                          static_cast<GLsizei>(last - first));
      stats.drawCalls += 1;
      submitted(triangles);
      first = last;
    }
  }
  void endBatches() {
    if (previousBatch) glDeleteSync(previousBatch);
    previousBatch = nullptr;
    trianglesSinceFence = 0;
  }

  void purgeUnusedGroups() {
    size_t released = 0;
    for (auto it = groups.begin(); it != groups.end();) {
      if (!it->second.owner.expired()) {
        ++it;
        continue;
      }
      released += it->second.bytes;
      it = groups.erase(it);
    }
    // A band of a big layer gone (its meshes and the driver's copy of them): the memory back to the system, else the
    // allocator keeps it for the process (data::releaseFreedMemory).
    constexpr size_t kReleaseAbove = size_t{64} << 20;
    if (released >= kReleaseAbove) {
      glFinish();  // the driver frees a buffer once no queued drawing reads it
      data::releaseFreedMemory();
    }
  }

  void setViewUniforms(GLuint program, const FrameSnapshot& f) {
    const auto& v = f.view;
    glUniform2f(glGetUniformLocation(program, "u_centre"), static_cast<float>(v.centre.x),
                static_cast<float>(v.centre.y));
    glUniform2f(glGetUniformLocation(program, "u_scale"), static_cast<float>(2.0 / (f.widthPx * v.metresPerPixel)),
                static_cast<float>(2.0 / (f.heightPx * v.metresPerPixel)));
  }

  // A group is drawn with its parts (SceneGroup::parts): its fills, then its parts' fills, and so on for lines and
  // points, the order of one group holding them all.
  void drawFill(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                float opacity, Rgba tint = Rgba{1, 1, 1, 1}) {
    if (!group) return;
    drawFillMesh(group, f, viewBox, opacity, tint);
    for (const auto& part : group->parts) drawFillMesh(part, f, viewBox, opacity, tint);
  }
  void drawLines(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                 Rgba colour, float widthCss, float opacity, bool dashed = false) {
    if (!group) return;
    drawLineMesh(group, f, viewBox, colour, widthCss, opacity, dashed);
    for (const auto& part : group->parts) drawLineMesh(part, f, viewBox, colour, widthCss, opacity, dashed);
  }
  void drawPoints(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                  float radiusPx, Rgba fill, Rgba edge, float edgeWidthPx, float margin) {
    if (!group) return;
    drawPointRuns(group, f, viewBox, radiusPx, fill, edge, edgeWidthPx, margin);
    for (const auto& part : group->parts) drawPointRuns(part, f, viewBox, radiusPx, fill, edge, edgeWidthPx, margin);
  }

  void drawFillMesh(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                    float opacity, Rgba tint) {
    if (!group || group->fill.empty()) return;
    GpuGroup& gpu = gpuFor(group);
    visible.collect(group->fill.ranges, viewBox, maxRunIndices(3));
    if (visible.counts.empty()) return;
    glUseProgram(fillProgram.id());
    setViewUniforms(fillProgram.id(), f);
    glUniform1f(glGetUniformLocation(fillProgram.id(), "u_opacity"), opacity);
    glUniform3f(glGetUniformLocation(fillProgram.id(), "u_tint"), tint.r, tint.g, tint.b);
    glBindVertexArray(gpu.fillVao.id());
    drawVisibleInBatches(GL_TRIANGLES, 3);
    stats.triangles += visible.indices / 3;
  }

  void drawLineMesh(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                    Rgba colour, float widthCss, float opacity, bool dashed) {
    if (!group || group->lines.empty() || widthCss <= 0) return;
    GpuGroup& gpu = gpuFor(group);
    visible.collect(group->lines.ranges, viewBox, maxRunIndices(1));
    if (visible.counts.empty()) return;
    const GLuint p = lineProgram.id();
    glUseProgram(p);
    setViewUniforms(p, f);
    glUniform1f(glGetUniformLocation(p, "u_metresPerPixel"), static_cast<float>(f.view.metresPerPixel));
    glUniform1f(glGetUniformLocation(p, "u_halfWidthPx"), widthCss * f.pixelRatio * 0.5f);
    glUniform1f(glGetUniformLocation(p, "u_maxMiter"), static_cast<float>(LineVertex::kMaxMiterScale));
    glUniform4f(glGetUniformLocation(p, "u_colour"), colour.r, colour.g, colour.b, colour.a * opacity);
    const float pr = std::max(0.25f, f.pixelRatio);
    glUniform2f(glGetUniformLocation(p, "u_dashPx"), dashed ? 7.f * pr : 0.f, dashed ? 5.f * pr : 0.f);
    glBindVertexArray(gpu.lineVao.id());
    glEnable(GL_PRIMITIVE_RESTART);
    glPrimitiveRestartIndex(LineMesh::kStripEnd);
    drawVisibleInBatches(GL_TRIANGLE_STRIP, 1);  // a strip's triangles: about one an index (two a point)
    glDisable(GL_PRIMITIVE_RESTART);
    stats.triangles += visible.indices - 3 * visible.strips;  // n - 2 a strip of n, each with its restart index
  }

  // A layer's points as instanced symbols (each its own shape), only the runs that meet the view.
  void drawPointRuns(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                     float radiusPx, Rgba fill, Rgba edge, float edgeWidthPx, float margin) {
    if (!group || group->points.empty()) return;
    GpuGroup& gpu = gpuFor(group);
    const GLuint p = symbolProgram.id();
    glUseProgram(p);
    setViewUniforms(p, f);
    // Circles only (no shape given: a user's layer) reach no further than their radius: a quad of 11 px instead of
    // 13.4 for a 4 px dot, a third fewer fragments for 200,000 of them (their edge fades out within the margin).
    const float symbolReach = group->pointShapes.empty() ? 1.f : kSymbolReach;
    glUniform2f(glGetUniformLocation(p, "u_viewport"), float(f.widthPx), float(f.heightPx));
    glUniform1f(glGetUniformLocation(p, "u_halfQuadPx"), radiusPx * symbolReach + margin);
    glUniform4f(glGetUniformLocation(p, "u_fill"), fill.r, fill.g, fill.b, fill.a);
    glUniform4f(glGetUniformLocation(p, "u_stroke"), edge.r, edge.g, edge.b, edge.a);
    glUniform2f(glGetUniformLocation(p, "u_sizes"), radiusPx, edgeWidthPx);
    glBindVertexArray(gpu.pointVao.id());
    // A symbol reaches past its point: the view grown by the quad's half size.
    geo::MapBox grown = viewBox;
    const double reach = (radiusPx * symbolReach + margin) * f.view.metresPerPixel;
    grown.add(viewBox.minX - reach, viewBox.minY - reach);
    grown.add(viewBox.maxX + reach, viewBox.maxY + reach);
    auto drawInstances = [&](std::uint32_t first, std::uint32_t count) {
      // GL 3.3 has no base instance: the run starts where the attributes point.
      glBindBuffer(GL_ARRAY_BUFFER, gpu.pointCentres.id());
      glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 0, reinterpret_cast<void*>(size_t{first} * 2 * sizeof(float)));
      glBindBuffer(GL_ARRAY_BUFFER, gpu.pointShapes.id());
      glVertexAttribPointer(2, 1, GL_UNSIGNED_BYTE, GL_FALSE, 0, reinterpret_cast<void*>(size_t{first}));
      glDrawArraysInstanced(GL_TRIANGLES, 0, 6, static_cast<GLsizei>(count));
      stats.drawCalls += 1;
      stats.triangles += 2 * size_t{count};
      submitted(2 * size_t{count});
    };
    auto drawRun = [&](std::uint32_t first, std::uint32_t count) {
      const std::uint32_t most = trianglesInFlight ? static_cast<std::uint32_t>(std::max<size_t>(1, trianglesInFlight / 2))
                                                   : count;
      for (std::uint32_t done = 0; done < count; done += std::min(most, count - done))
        drawInstances(first + done, std::min(most, count - done));
    };
    if (group->pointRanges.empty()) {
      drawRun(0, static_cast<std::uint32_t>(group->points.size()));
      return;
    }
    // Contiguous visible runs are drawn together.
    std::uint32_t first = 0, count = 0;
    for (const auto& r : group->pointRanges) {
      if (!r.bounds.intersects(grown)) continue;
      if (count && first + count == r.firstIndex) {
        count += r.indexCount;
        continue;
      }
      if (count) drawRun(first, count);
      first = r.firstIndex;
      count = r.indexCount;
    }
    if (count) drawRun(first, count);
  }

  void drawShapes(const std::vector<ShapeVertex>& shapes, const FrameSnapshot& f) { drawShapes(shapes, f.widthPx, f.heightPx); }
  void drawShapes(const std::vector<ShapeVertex>& shapes, int viewportW, int viewportH) {
    if (shapes.empty()) return;
    glUseProgram(shapeProgram.id());
    glUniform2f(glGetUniformLocation(shapeProgram.id(), "u_viewport"), float(viewportW), float(viewportH));
    glBindVertexArray(shapeVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, shapeBuffer.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(shapes.size() * sizeof(ShapeVertex)), shapes.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(shapes.size()));
    stats.drawCalls += 1;
    stats.triangles += shapes.size() / 3;
  }

  void drawText(const std::vector<TextVertex>& glyphs, int viewportW, int viewportH) {
    if (glyphs.empty()) return;
    glUseProgram(textProgram.id());
    glUniform2f(glGetUniformLocation(textProgram.id(), "u_viewport"), float(viewportW), float(viewportH));
    glUniform1i(glGetUniformLocation(textProgram.id(), "u_atlas"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, atlasTexture.id());
    glBindVertexArray(textVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, textBuffer.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(glyphs.size() * sizeof(TextVertex)), glyphs.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(glyphs.size()));
    stats.drawCalls += 1;
    stats.triangles += glyphs.size() / 3;
  }

  // Appends the glyph quads of a laid-out run at a baseline origin.
  void pushText(std::vector<TextVertex>& out, const TextRun& run, float originX, float originY, float pixelSize,
                Rgba colour, Rgba halo, float haloPx) {
    // One unit of the 0..1 distance field spans 2*spread atlas pixels; one screen pixel is
    // basePixelSize/pixelSize atlas pixels.
    const float sdfPerPixel = atlas.basePixelSize() / (pixelSize * 2.f * atlas.spread());
    const float haloSdf = std::min(0.45f, haloPx * sdfPerPixel);
    const std::uint32_t c = colour.packed(), h = halo.packed();
    for (const auto& q : run.quads) {
      auto v = [&](float x, float y, float u, float w) {
        return TextVertex{originX + x, originY + y, u, w, c, h, sdfPerPixel, haloSdf};
      };
      const TextVertex a = v(q.x0, q.y0, q.u0, q.v0), b = v(q.x1, q.y0, q.u1, q.v0), cc = v(q.x1, q.y1, q.u1, q.v1),
                       d = v(q.x0, q.y1, q.u0, q.v1);
      out.insert(out.end(), {a, b, cc, a, cc, d});
    }
  }

  void render(const FrameSnapshot& f, RenderTarget& target);
  void renderTile(const FrameSnapshot& f, const FrameLayout& layout, RenderTarget& target, int offsetX, int offsetY);
  void beginFrame(const FrameSnapshot& f, RenderTarget& target);

  // Draws a display list with the whole image's pixel (offsetX, offsetY) at the target's top-left corner.
  void drawLayout(const FrameLayout& layout, int viewportW, int viewportH, float offsetX, float offsetY) {
    std::vector<ShapeVertex> shapes;
    auto shapesOf = [&](const std::vector<LayoutShape>& list) {
      shapes.clear();
      for (const auto& sh : list) {
        if (sh.kind == LayoutShape::Kind::Polygon) {
          // A convex polygon as a fan of plain (rectangle-mode) triangles.
          const std::uint32_t c = sh.fill.packed();
          auto v = [&](const std::array<float, 2>& p) {
            return ShapeVertex{p[0] - offsetX, p[1] - offsetY, 0, 0, c, c, float(kRect), 0, 0};
          };
          for (size_t i = 2; i < sh.points.size(); ++i)
            shapes.insert(shapes.end(), {v(sh.points[0]), v(sh.points[i - 1]), v(sh.points[i])});
          continue;
        }
        const ShapeKind kind = sh.kind == LayoutShape::Kind::Circle     ? kCircle
                               : sh.kind == LayoutShape::Kind::Square   ? kSquare
                               : sh.kind == LayoutShape::Kind::Triangle ? kTriangle
                               : sh.kind == LayoutShape::Kind::Diamond  ? kDiamond
                                                                        : kRect;
        pushQuad(shapes, sh.cx - offsetX, sh.cy - offsetY, sh.halfW, sh.halfH, sh.fill, sh.stroke, kind, sh.halfSize,
                 sh.strokeWidth);
      }
      return shapes;
    };
    std::vector<TextVertex> glyphs;
    auto glyphsOf = [&](const std::vector<LayoutText>& list) {
      glyphs.clear();
      for (const auto& t : list)
        pushText(glyphs, t.run, t.x - offsetX, t.y - offsetY, t.size, t.colour, t.halo, t.haloPx);
      return glyphs;
    };
    drawShapes(shapesOf(layout.symbols), viewportW, viewportH);
    drawText(glyphsOf(layout.labels), viewportW, viewportH);
    drawShapes(shapesOf(layout.furniture), viewportW, viewportH);
    drawText(glyphsOf(layout.furnitureText), viewportW, viewportH);
    stats.labelsPlaced = layout.labelsPlaced;
  }
  void drawMapLayers(const FrameSnapshot& f, const BasemapLevelScene* level, bool& drawPlaces, float& placesOpacity);
  bool drawLayersThroughCache(const FrameSnapshot& f, const BasemapLevelScene* level, RenderTarget& target,
                              bool& drawPlaces, float& placesOpacity);
};

void Renderer::Impl::drawMapLayers(const FrameSnapshot& f, const BasemapLevelScene* level, bool& drawPlaces,
                                   float& placesOpacity) {
  const MapStyle& style = f.style;
  const float pr = std::max(0.25f, f.pixelRatio);
  const geo::MapBox viewBox = viewBoxOf(f);
  for (const auto& layer : f.layers) {
    if (layer.isBasemap) {
      if (!f.basemap) continue;
      switch (layer.part) {
        case BasemapPart::Countries:
          if (level) {
            drawFill(level->countries, f, viewBox, layer.opacity);
            // Inland water goes with the land it lies in, under coastline, borders and every overlay.
            drawFill(level->lakes, f, viewBox, layer.opacity);
            drawLines(level->lakes, f, viewBox, style.river, style.riverWidth, layer.opacity);
            drawLines(level->formerLakes, f, viewBox, style.river, style.riverWidth, layer.opacity, true);
            drawLines(level->rivers, f, viewBox, style.river, style.riverWidth, layer.opacity);
          }
          break;
        case BasemapPart::Coastline:
          if (level) drawLines(level->coastline, f, viewBox, style.coastline, style.coastlineWidth, layer.opacity);
          break;
        case BasemapPart::Borders:
          if (level) drawLines(level->borders, f, viewBox, style.border, style.borderWidth, layer.opacity);
          break;
        case BasemapPart::Graticule:
          drawLines(f.basemap->graticule, f, viewBox, style.graticule, style.graticuleWidth, layer.opacity);
          break;
        case BasemapPart::Places:
          drawPlaces = true;
          placesOpacity = layer.opacity;
          break;
      }
      continue;
    }
    if (!layer.group) continue;
    drawFill(layer.group, f, viewBox, layer.opacity * layer.style.fill.a, layer.style.fill);
    drawLines(layer.group, f, viewBox, layer.style.stroke, layer.style.strokeWidth, layer.opacity, layer.style.dashed);
    if (layer.group->pointCount() > 0) {
      const float r = layer.style.pointRadius * pr;
      // Inferred placements: a hollow ring in the layer colour; stated ones: a filled dot with a white edge.
      const Rgba fill = layer.style.hollowPoints ? Rgba::hex(0xffffff, 0.9f * layer.opacity)
                                                 : layer.style.point.withAlpha(layer.opacity);
      const Rgba edge = layer.style.hollowPoints ? layer.style.point.withAlpha(layer.opacity)
                                                 : Rgba::hex(0xffffff, layer.opacity);
      const float edgeWidth = (layer.style.hollowPoints ? 2.2f : 1.2f) * pr;
      drawPoints(layer.group, f, viewBox, r, fill, edge, edgeWidth, 1.5f * pr);
    }
  }
}

bool Renderer::Impl::drawLayersThroughCache(const FrameSnapshot& f, const BasemapLevelScene* level,
                                            RenderTarget& target, bool& drawPlaces, float& placesOpacity) {
  // Keys: all that changes the cached pixels except where the view is centred. A layer's part of them names the groups
  // its pixels come from (a joined group's parts, not the join), so that a layer made whole from the parts shown
  // while its file was read keys as those parts did, and the picture drawn from them is kept.
  // The basemap keys by what is drawn of it (the view's level's groups, the graticule), not by its scene: a scene
  // that adds a band shares the others' groups, and a view whose band was there keeps its picture.
  std::vector<std::shared_ptr<const void>> basemapDrawn;
  if (level)
    for (const auto* g : {&level->countries, &level->coastline, &level->borders, &level->lakes, &level->formerLakes,
                          &level->rivers})
      if (*g) basemapDrawn.push_back(*g);
  if (f.basemap && f.basemap->graticule) basemapDrawn.push_back(f.basemap->graticule);
  std::string basemapKey, viewKey;
  {
    char buf[160];
    for (const auto& g : basemapDrawn) {
      std::snprintf(buf, sizeof buf, "%p|", g.get());
      basemapKey += buf;
    }
    // The style too: presentation mode switches to the high-contrast theme at the same view.
    std::snprintf(buf, sizeof buf, "%.9g|%d|%d|%.3f|%08x%08x%08x%08x%.2f%.2f%.2f|", f.view.metresPerPixel,
                  f.widthPx, f.heightPx, f.pixelRatio, f.style.sea.packed(), f.style.border.packed(),
                  f.style.coastline.packed(), f.style.river.packed(), f.style.borderWidth, f.style.coastlineWidth,
                  f.style.riverWidth);
    viewKey = buf;
  }
  std::vector<std::string> leafKeys;             // every layer's, in drawing order
  std::vector<size_t> layerEnds;                 // the number of leaf keys up to and with each layer
  std::vector<std::shared_ptr<const void>> sources;  // the groups they name
  std::vector<size_t> sourceEnds;                    // the number of them up to and with each layer
  for (const auto& l : f.layers) {
    char buf[200];
    auto addLeaf = [&](const void* group) {
      std::snprintf(buf, sizeof buf, "%s:%p:%.3f:%08x:%08x:%08x:%.2f:%.2f:%d%d|", l.isBasemap ? l.id.c_str() : "",
                    group, l.opacity, l.style.fill.packed(), l.style.stroke.packed(), l.style.point.packed(),
                    l.style.strokeWidth, l.style.pointRadius, l.style.dashed, l.style.hollowPoints);
      leafKeys.emplace_back(buf);
    };
    if (!l.group || l.group->parts.empty()) {
      addLeaf(l.group.get());
      if (l.group) sources.emplace_back(l.group);
    } else {
      const SceneGroup& g = *l.group;
      if (!g.fill.empty() || !g.lines.empty() || !g.points.empty()) {  // its own meshes, drawn before its parts'
        addLeaf(&g);
        sources.emplace_back(l.group);
      }
      for (const auto& part : g.parts) {
        addLeaf(part.get());
        sources.emplace_back(part);
      }
    }
    layerEnds.push_back(leafKeys.size());
    sourceEnds.push_back(sources.size());
  }
  // The cache holds the layers up to the last part of a file being read: what lies over them (options, drawings)
  // is drawn over the cached picture meanwhile, so each new part is drawn alone onto it, under them.
  size_t cachedLayers = f.layers.size();
  for (size_t i = f.layers.size(); i-- > 0;)
    if (f.layers[i].partOfALoad) {
      cachedLayers = i + 1;
      break;
    }
  // `under` holds the basemap layers before any other; `heavy` the cached layers after them up to the last one of many
  // triangles (if any), `light` the rest of the cached ones.
  size_t underLayers = 0;
  while (underLayers < cachedLayers && f.layers[underLayers].isBasemap) ++underLayers;
  // Past this many triangles (points count two) a layer costs a frame's worth to draw on llvmpipe (~15 ms). A file
  // being read counts as heavy from its first part, so that the split does not move as its parts come in (each move
  // drew what the light picture held again).
  constexpr size_t kHeavyTriangles = 100'000;
  size_t heavyEnd = underLayers;
  for (size_t i = underLayers; i < cachedLayers; ++i) {
    const auto& g = f.layers[i].group;
    if (f.layers[i].partOfALoad || (g && g->triangleCount() + 2 * g->pointCount() >= kHeavyTriangles)) heavyEnd = i + 1;
  }
  const size_t underLeaves = underLayers ? layerEnds[underLayers - 1] : 0;
  const size_t underSources = underLayers ? sourceEnds[underLayers - 1] : 0;
  std::string underKey = basemapKey;
  for (size_t i = 0; i < underLeaves; ++i) underKey += leafKeys[i];

  const double mpp = f.view.metresPerPixel;
  const int margin = std::max(128, std::max(f.widthPx, f.heightPx) / 8);
  double dxPx = (f.view.centre.x - cache.centre.x) / mpp, dyPx = (f.view.centre.y - cache.centre.y) / mpp;
  const bool placed = cache.under && viewKey == cache.viewKey && std::abs(dxPx) <= margin &&
                      std::abs(dyPx) <= margin && std::abs(dxPx - std::round(dxPx)) < 1e-3 &&
                      std::abs(dyPx - std::round(dyPx)) < 1e-3;
  const int w = f.widthPx + 2 * margin, h = f.heightPx + 2 * margin;
  if (!placed) {
    if (w > OffscreenTarget::maxSize() || h > OffscreenTarget::maxSize()) return false;
    if (w != cache.width || h != cache.height || !cache.under) {
      cache.heavy.picture = CachePicture{};
      cache.light.picture = CachePicture{};
      cache.shown = CachePicture{};
      if (!cache.under.make(w, h)) {
        cache = LayerCache{};
        target.bind();
        return false;
      }
      cache.width = w;
      cache.height = h;
    }
    cache.centre = f.view.centre;
    cache.viewKey = viewKey;
    // Drawn around this very centre: nothing to shift. (The offset above was from the old cache's centre;
    // using it here drew the map layers that far from their labels on the first frame after a redraw.)
    dxPx = dyPx = 0;
  }
  auto bind = [&](const CachePicture& picture) {
    glBindFramebuffer(GL_FRAMEBUFFER, picture.fbo.id());
    glViewport(0, 0, cache.width, cache.height);
    glDisable(GL_SCISSOR_TEST);
  };
  auto layersOf = [&](size_t first, size_t last) {
    FrameSnapshot big = f;
    big.widthPx = cache.width;
    big.heightPx = cache.height;
    big.view.centre = cache.centre;
    big.layers.assign(f.layers.begin() + static_cast<std::ptrdiff_t>(first), f.layers.begin() + static_cast<std::ptrdiff_t>(last));
    return big;
  };
  bool placesUnused = false;
  float opacityUnused = 1.f;
  bool changed = false;
  if (!(placed && underKey == cache.underKey && allAlive(cache.underFrom))) {
    bind(cache.under);
    // Opaque sea, exactly as a direct frame starts, so the copy needs no blending.
    glClearColor(f.style.sea.r, f.style.sea.g, f.style.sea.b, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    drawMapLayers(layersOf(0, underLayers), level, placesUnused, opacityUnused);
    cache.underKey = underKey;
    cache.underFrom.assign(basemapDrawn.begin(), basemapDrawn.end());
    cache.underFrom.insert(cache.underFrom.end(), sources.begin(), sources.begin() + static_cast<std::ptrdiff_t>(underSources));
    changed = true;
  }
  size_t drawnOver = cachedLayers;  // the first layer drawn over the cached picture
  // Brings the run of layers [first, last) up to date in `run`. The groups it holds may be this frame's first ones of
  // the run with more after them (the parts of a file being read, the last of them in the layer it made whole, or what
  // lay over them once it is read): only those are drawn onto it, in order. The last run may hold more than the frame
  // caches (a file being read again): what it holds past them is not drawn again.
  auto update = [&](CachedRun& run, size_t first, size_t last, bool lastRun) {
    // A basemap layer among them (moved over a file) keys them by the basemap too; places are not drawn here.
    const bool withBasemap = std::any_of(f.layers.begin() + static_cast<std::ptrdiff_t>(first),
                                         f.layers.begin() + static_cast<std::ptrdiff_t>(last),
                                         [](const LayerDraw& l) { return l.isBasemap && l.part != BasemapPart::Places; });
    const std::string prefix = withBasemap ? basemapKey : std::string();
    const size_t firstLeaf = first ? layerEnds[first - 1] : 0, firstSource = first ? sourceEnds[first - 1] : 0;
    auto remember = [&](size_t layers) {
      const size_t leaves = std::max(layers ? layerEnds[layers - 1] : 0, firstLeaf);
      const size_t held = std::max(layers ? sourceEnds[layers - 1] : 0, firstSource);
      run.prefix = prefix;
      run.leafKeys.assign(leafKeys.begin() + static_cast<std::ptrdiff_t>(firstLeaf),
                          leafKeys.begin() + static_cast<std::ptrdiff_t>(leaves));
      run.drawnFrom.clear();
      if (withBasemap) run.drawnFrom.insert(run.drawnFrom.end(), basemapDrawn.begin(), basemapDrawn.end());
      run.drawnFrom.insert(run.drawnFrom.end(), sources.begin() + static_cast<std::ptrdiff_t>(firstSource),
                           sources.begin() + static_cast<std::ptrdiff_t>(held));
    };
    const size_t leavesToHold = last ? layerEnds[last - 1] : 0;
    bool serves = placed && run.picture && run.used() && prefix == run.prefix && allAlive(run.drawnFrom) &&
                  firstLeaf + run.leafKeys.size() <= leafKeys.size() &&
                  std::equal(run.leafKeys.begin(), run.leafKeys.end(),
                             leafKeys.begin() + static_cast<std::ptrdiff_t>(firstLeaf));
    // The layer it ends in (`partly`: with that many of its groups; 0: it ends between layers).
    const size_t heldLeaves = firstLeaf + run.leafKeys.size();
    size_t endLayer = first;
    while (endLayer < layerEnds.size() && layerEnds[endLayer] <= heldLeaves) ++endLayer;
    const size_t partly = endLayer < layerEnds.size() ? heldLeaves - (endLayer ? layerEnds[endLayer - 1] : 0) : 0;
    if (partly && endLayer >= last) serves = false;  // a layer drawn over it would be drawn in part twice
    if (heldLeaves > leavesToHold && !lastRun) serves = false;  // it holds the next run's layers
    if (serves && heldLeaves < leavesToHold) {
      FrameSnapshot added = layersOf(endLayer, last);
      if (partly) {
        // The groups of that layer not yet drawn: its parts past those held (its own meshes, if any, come first).
        const SceneGroup& whole = *f.layers[endLayer].group;
        const bool own = !whole.fill.empty() || !whole.lines.empty() || !whole.points.empty();
        auto rest = std::make_shared<SceneGroup>();
        rest->bounds = whole.bounds;
        rest->parts.assign(whole.parts.begin() + static_cast<std::ptrdiff_t>(partly - (own ? 1 : 0)), whole.parts.end());
        added.layers.front().group = std::move(rest);
      }
      bind(run.picture);
      drawMapLayers(added, level, placesUnused, opacityUnused);
      remember(last);
      changed = true;
    } else if (serves) {
      if (lastRun) drawnOver = endLayer;  // it holds more than it would be filled with now: those are drawn already
    } else if (first < last) {
      if (!run.picture && !run.picture.make(w, h)) return false;
      bind(run.picture);
      glClearColor(0, 0, 0, 0);  // transparent, premultiplied
      glClear(GL_COLOR_BUFFER_BIT);
      drawMapLayers(layersOf(first, last), level, placesUnused, opacityUnused);
      remember(last);
      changed = true;
    } else {
      if (run.used()) changed = true;  // what it held is gone from the picture
      remember(first);
      run.picture = CachePicture{};  // nothing in it: its texture goes
    }
    return true;
  };
  if (!update(cache.heavy, underLayers, heavyEnd, false) || !update(cache.light, heavyEnd, cachedLayers, true)) {
    cache = LayerCache{};
    target.bind();
    return false;
  }
  if (!cache.composited()) {
    cache.shown = CachePicture{};
  } else if (changed) {
    if (!cache.shown && !cache.shown.make(w, h)) {
      cache = LayerCache{};
      target.bind();
      return false;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, cache.under.fbo.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, cache.shown.fbo.id());
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, cache.width, cache.height, 0, 0, cache.width, cache.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    bind(cache.shown);
    glUseProgram(compositeProgram.id());
    glUniform1i(glGetUniformLocation(compositeProgram.id(), "u_picture"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(shapeVao.id());  // a core profile draws only with a vertex array bound; none is read
    for (const CachedRun* run : {&cache.heavy, &cache.light}) {
      if (!run->used()) continue;
      glBindTexture(GL_TEXTURE_2D, run->picture.texture.id());
      glDrawArrays(GL_TRIANGLES, 0, 3);
      stats.drawCalls += 1;
    }
    stats.drawCalls += 1;
  }
  for (const auto& l : f.layers)
    if (l.isBasemap && l.part == BasemapPart::Places) {
      drawPlaces = true;
      placesOpacity = l.opacity;
    }
  // Copy the part under the view: whole pixels, so the copy is exact and cheap.
  const int srcX = (cache.width - f.widthPx) / 2 + static_cast<int>(std::lround(dxPx));
  const int srcY = (cache.height - f.heightPx) / 2 + static_cast<int>(std::lround(dyPx));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, (cache.composited() ? cache.shown : cache.under).fbo.id());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target.framebuffer());
  glDisable(GL_SCISSOR_TEST);
  const int ox = target.originX(), oy = target.originY();
  glBlitFramebuffer(srcX, srcY, srcX + f.widthPx, srcY + f.heightPx, ox, oy, ox + f.widthPx, oy + f.heightPx,
                    GL_COLOR_BUFFER_BIT, GL_NEAREST);
  target.bind();
  stats.drawCalls += 1;
  if (drawnOver < f.layers.size()) {
    FrameSnapshot over = f;
    over.layers.assign(f.layers.begin() + static_cast<std::ptrdiff_t>(drawnOver), f.layers.end());
    drawMapLayers(over, level, placesUnused, opacityUnused);
  }
  return true;
}

void Renderer::Impl::beginFrame(const FrameSnapshot& f, RenderTarget& target) {
  stats = {};
  // Groups let go since the last frame (a band replaced by the view's new one) are deleted before this frame uploads
  // anything: else the driver held the old band's copy and the new one's at once.
  purgeUnusedGroups();
  target.bind();
  glClearColor(f.style.sea.r, f.style.sea.g, f.style.sea.b, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied alpha everywhere
}

void Renderer::Impl::render(const FrameSnapshot& f, RenderTarget& target) {
  beginFrame(f, target);
  if (f.widthPx <= 0 || f.heightPx <= 0) return;
  const double mpp = f.view.metresPerPixel;
  // In motion the eye cannot follow fine coastlines; a coarser band keeps the fly-to smooth.
  constexpr double kMotionCoarsening = 2.5;
  const BasemapLevelScene* level =
      f.basemap ? chooseBasemapLevel(*f.basemap, f.inMotion ? mpp * kMotionCoarsening : mpp) : nullptr;
  if (level) {
    stats.basemapLevel = level->band.scaleDenominatorMillions;
    stats.basemapToleranceM = level->band.toleranceMetres();
  }
  bool drawPlaces = false;
  float placesOpacity = 1.f;
  // While the scale changes every frame (zooming), a cache would be redrawn every frame at a larger size.
  const bool scaleSteady = f.view.metresPerPixel == cache.lastMetresPerPixel;
  cache.lastMetresPerPixel = f.view.metresPerPixel;
  if (!f.useLayerCache || !scaleSteady || !drawLayersThroughCache(f, level, target, drawPlaces, placesOpacity)) {
    drawMapLayers(f, level, drawPlaces, placesOpacity);
  }
  drawLayout(layoutFrame(f, atlas), f.widthPx, f.heightPx, 0, 0);
  glBindVertexArray(0);
  endBatches();
  purgeUnusedGroups();
}

void Renderer::Impl::renderTile(const FrameSnapshot& f, const FrameLayout& layout, RenderTarget& target, int offsetX,
                                int offsetY) {
  // The tile is a frame of its own size centred where it sits in the whole image, so map geometry lands on
  // exactly the pixels it has in the whole image; the display list is shifted by the same whole pixels.
  FrameSnapshot tile = f;
  tile.widthPx = target.width();
  tile.heightPx = target.height();
  tile.view.centre = screenToMap(f.view, f.widthPx, f.heightPx,
                                 {offsetX + tile.widthPx * 0.5, offsetY + tile.heightPx * 0.5});
  tile.useLayerCache = false;
  beginFrame(tile, target);
  if (f.widthPx <= 0 || f.heightPx <= 0) return;
  const BasemapLevelScene* level = f.basemap ? chooseBasemapLevel(*f.basemap, f.view.metresPerPixel) : nullptr;
  if (level) {
    stats.basemapLevel = level->band.scaleDenominatorMillions;
    stats.basemapToleranceM = level->band.toleranceMetres();
  }
  bool drawPlaces = false;
  float placesOpacity = 1.f;
  drawMapLayers(tile, level, drawPlaces, placesOpacity);
  drawLayout(layout, tile.widthPx, tile.heightPx, static_cast<float>(offsetX), static_cast<float>(offsetY));
  glBindVertexArray(0);
  endBatches();
  purgeUnusedGroups();
}

Renderer::Renderer() : m_impl(std::make_unique<Impl>()) {}
Renderer::~Renderer() = default;
void Renderer::render(const FrameSnapshot& frame, RenderTarget& target) { m_impl->render(frame, target); }
void Renderer::renderTile(const FrameSnapshot& frame, const FrameLayout& layout, RenderTarget& target, int offsetX,
                          int offsetY) {
  m_impl->renderTile(frame, layout, target, offsetX, offsetY);
}
OffscreenTarget& Renderer::offscreenTarget(int width, int height) {
  auto& kept = m_impl->keptTarget;
  if (!kept || kept->width() != width || kept->height() != height) {
    kept.reset();  // the old one's memory first
    kept = std::make_unique<OffscreenTarget>(width, height, 1);
  }
  return *kept;
}

const GlyphAtlas& Renderer::atlas() const { return m_impl->atlas; }
const FrameStats& Renderer::lastStats() const { return m_impl->stats; }
void Renderer::setTrianglesInFlight(size_t triangles) { m_impl->trianglesInFlight = triangles; }

void Renderer::clear(RenderTarget& target, Rgba colour) {
  target.bind();
  glClearColor(colour.r, colour.g, colour.b, colour.a);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace briefmap::render
