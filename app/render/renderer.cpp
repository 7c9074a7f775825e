#include "briefmap/render/renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

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

enum ShapeKind { kRect = 0, kCircle = 1, kSquare = 2 };

struct GpuGroup {
  std::weak_ptr<const SceneGroup> owner;
  GlVertexArray fillVao, lineVao;
  GlBuffer fillPositions, fillColours, fillIndices, lineVertices, lineIndices;
};

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
    constexpr GLsizei stride = LineMesh::kFloatsPerVertex * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(4 * sizeof(float)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(5 * sizeof(float)));
    gpu.lineIndices = makeBuffer();
    upload(GL_ELEMENT_ARRAY_BUFFER, gpu.lineIndices, group->lines.indices);
  }
  glBindVertexArray(0);
  return gpu;
}

// The ranges of a mesh that touch the view, as glMultiDrawElements arguments.
struct VisibleRanges {
  std::vector<GLsizei> counts;
  std::vector<const void*> offsets;
  size_t indices = 0;
  void collect(const std::vector<DrawRange>& ranges, const geo::MapBox& view) {
    counts.clear();
    offsets.clear();
    indices = 0;
    for (const auto& r : ranges) {
      if (!r.bounds.intersects(view)) continue;
      // Merge with the previous range when contiguous: fewer, larger draws.
      const auto offset = static_cast<size_t>(r.firstIndex) * sizeof(std::uint32_t);
      if (!counts.empty() &&
          reinterpret_cast<size_t>(offsets.back()) + static_cast<size_t>(counts.back()) * sizeof(std::uint32_t) == offset) {
        counts.back() += static_cast<GLsizei>(r.indexCount);
      } else {
        counts.push_back(static_cast<GLsizei>(r.indexCount));
        offsets.push_back(reinterpret_cast<const void*>(offset));
      }
      indices += r.indexCount;
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

void pushRect(std::vector<ShapeVertex>& out, const ScreenRect& r, Rgba fill) {
  pushQuad(out, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2, (r.x1 - r.x0) / 2, (r.y1 - r.y0) / 2, fill, fill, kRect, 0, 0);
}

std::string formatDistance(double metres) {
  char buf[32];
  if (metres >= 1000) std::snprintf(buf, sizeof buf, "%g km", metres / 1000.0);
  else std::snprintf(buf, sizeof buf, "%g m", metres);
  return buf;
}

int maxRankFor(double metresPerCssPixel) {
  if (metresPerCssPixel > 6000) return 1;
  if (metresPerCssPixel > 2200) return 2;
  if (metresPerCssPixel > 900) return 3;
  return 4;
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

// The map layers drawn once into a texture larger than the view, reused while the user pans.
// On llvmpipe, filling a country layer costs far more than drawing one textured rectangle.
struct LayerCache {
  GlTexture texture;
  GlFramebuffer fbo;
  int width = 0, height = 0;
  geo::MapXY centre;
  std::string key;  // everything that decides the content except the centre
  double lastMetresPerPixel = 0;  // of the previous frame: while the scale changes, drawing direct is cheaper
};

struct Renderer::Impl {
  GlProgram fillProgram, lineProgram, shapeProgram, textProgram;
  LayerCache cache;
  GlVertexArray shapeVao, textVao;
  GlBuffer shapeBuffer, textBuffer;
  GlTexture atlasTexture;
  const GlyphAtlas& atlas;
  std::unordered_map<const SceneGroup*, GpuGroup> groups;
  FrameStats stats;
  VisibleRanges visible;

  Impl() : atlas(GlyphAtlas::embedded()) {
    fillProgram = compileProgram("fill");
    lineProgram = compileProgram("line");
    shapeProgram = compileProgram("shape");
    textProgram = compileProgram("text");

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

  void purgeUnusedGroups() {
    for (auto it = groups.begin(); it != groups.end();) {
      if (it->second.owner.expired()) it = groups.erase(it);
      else ++it;
    }
  }

  void setViewUniforms(GLuint program, const FrameSnapshot& f) {
    const auto& v = f.view;
    glUniform2f(glGetUniformLocation(program, "u_centre"), static_cast<float>(v.centre.x),
                static_cast<float>(v.centre.y));
    glUniform2f(glGetUniformLocation(program, "u_scale"), static_cast<float>(2.0 / (f.widthPx * v.metresPerPixel)),
                static_cast<float>(2.0 / (f.heightPx * v.metresPerPixel)));
  }

  void drawFill(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                float opacity, Rgba tint = Rgba{1, 1, 1, 1}) {
    if (!group || group->fill.empty()) return;
    GpuGroup& gpu = gpuFor(group);
    visible.collect(group->fill.ranges, viewBox);
    if (visible.counts.empty()) return;
    glUseProgram(fillProgram.id());
    setViewUniforms(fillProgram.id(), f);
    glUniform1f(glGetUniformLocation(fillProgram.id(), "u_opacity"), opacity);
    glUniform3f(glGetUniformLocation(fillProgram.id(), "u_tint"), tint.r, tint.g, tint.b);
    glBindVertexArray(gpu.fillVao.id());
    glMultiDrawElements(GL_TRIANGLES, visible.counts.data(), GL_UNSIGNED_INT, visible.offsets.data(),
                        static_cast<GLsizei>(visible.counts.size()));
    stats.drawCalls += 1;
    stats.triangles += visible.indices / 3;
  }

  void drawLines(const std::shared_ptr<const SceneGroup>& group, const FrameSnapshot& f, const geo::MapBox& viewBox,
                 Rgba colour, float widthCss, float opacity, bool dashed = false) {
    if (!group || group->lines.empty() || widthCss <= 0) return;
    GpuGroup& gpu = gpuFor(group);
    visible.collect(group->lines.ranges, viewBox);
    if (visible.counts.empty()) return;
    const GLuint p = lineProgram.id();
    glUseProgram(p);
    setViewUniforms(p, f);
    glUniform1f(glGetUniformLocation(p, "u_metresPerPixel"), static_cast<float>(f.view.metresPerPixel));
    glUniform1f(glGetUniformLocation(p, "u_halfWidthPx"), widthCss * f.pixelRatio * 0.5f);
    glUniform4f(glGetUniformLocation(p, "u_colour"), colour.r, colour.g, colour.b, colour.a * opacity);
    const float pr = std::max(0.25f, f.pixelRatio);
    glUniform2f(glGetUniformLocation(p, "u_dashPx"), dashed ? 7.f * pr : 0.f, dashed ? 5.f * pr : 0.f);
    glBindVertexArray(gpu.lineVao.id());
    glMultiDrawElements(GL_TRIANGLES, visible.counts.data(), GL_UNSIGNED_INT, visible.offsets.data(),
                        static_cast<GLsizei>(visible.counts.size()));
    stats.drawCalls += 1;
    stats.triangles += visible.indices / 3;
  }

  void drawShapes(const std::vector<ShapeVertex>& shapes, const FrameSnapshot& f) {
    if (shapes.empty()) return;
    glUseProgram(shapeProgram.id());
    glUniform2f(glGetUniformLocation(shapeProgram.id(), "u_viewport"), float(f.widthPx), float(f.heightPx));
    glBindVertexArray(shapeVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, shapeBuffer.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(shapes.size() * sizeof(ShapeVertex)), shapes.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(shapes.size()));
    stats.drawCalls += 1;
    stats.triangles += shapes.size() / 3;
  }

  void drawText(const std::vector<TextVertex>& glyphs, const FrameSnapshot& f) {
    if (glyphs.empty()) return;
    glUseProgram(textProgram.id());
    glUniform2f(glGetUniformLocation(textProgram.id(), "u_viewport"), float(f.widthPx), float(f.heightPx));
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
  void drawMapLayers(const FrameSnapshot& f, const BasemapLevelScene* level, bool& drawPlaces, float& placesOpacity);
  bool drawLayersThroughCache(const FrameSnapshot& f, const BasemapLevelScene* level, RenderTarget& target,
                              bool& drawPlaces, float& placesOpacity);
  static geo::MapBox viewBoxOf(const FrameSnapshot& f);
};

geo::MapBox Renderer::Impl::viewBoxOf(const FrameSnapshot& f) {
  const double mpp = f.view.metresPerPixel;
  geo::MapBox box;
  const double margin = 8 * mpp;  // the widest line's half width, so nothing pops at the edges
  box.add(f.view.centre.x - f.widthPx * 0.5 * mpp - margin, f.view.centre.y - f.heightPx * 0.5 * mpp - margin);
  box.add(f.view.centre.x + f.widthPx * 0.5 * mpp + margin, f.view.centre.y + f.heightPx * 0.5 * mpp + margin);
  return box;
}

void Renderer::Impl::drawMapLayers(const FrameSnapshot& f, const BasemapLevelScene* level, bool& drawPlaces,
                                   float& placesOpacity) {
  const MapStyle& style = f.style;
  const double mpp = f.view.metresPerPixel;
  const float pr = std::max(0.25f, f.pixelRatio);
  const geo::MapBox viewBox = viewBoxOf(f);
  for (const auto& layer : f.layers) {
    if (layer.isBasemap) {
      if (!f.basemap) continue;
      switch (layer.part) {
        case BasemapPart::Countries:
          if (level) drawFill(level->countries, f, viewBox, layer.opacity);
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
    if (!layer.group->points.empty()) {
      std::vector<ShapeVertex> points;
      const float r = layer.style.pointRadius * pr;
      // Inferred placements: a hollow ring in the layer colour; stated ones: a filled dot with a white edge.
      const Rgba fill = layer.style.hollowPoints ? Rgba::hex(0xffffff, 0.9f * layer.opacity)
                                                 : layer.style.point.withAlpha(layer.opacity);
      const Rgba edge = layer.style.hollowPoints ? layer.style.point.withAlpha(layer.opacity)
                                                 : Rgba::hex(0xffffff, layer.opacity);
      const float edgeWidth = (layer.style.hollowPoints ? 2.2f : 1.2f) * pr;
      for (const auto& p : layer.group->points) {
        if (!viewBox.contains(p.x, p.y)) continue;
        const float sx = static_cast<float>((p.x - f.view.centre.x) / mpp + f.widthPx * 0.5);
        const float sy = static_cast<float>(f.heightPx * 0.5 - (p.y - f.view.centre.y) / mpp);
        pushQuad(points, sx, sy, r + 1.5f * pr, r + 1.5f * pr, fill, edge, kCircle, r, edgeWidth);
      }
      drawShapes(points, f);
    }
  }
}

bool Renderer::Impl::drawLayersThroughCache(const FrameSnapshot& f, const BasemapLevelScene* level,
                                            RenderTarget& target, bool& drawPlaces, float& placesOpacity) {
  // Key: all that changes the cached pixels except where the view is centred.
  std::string key;
  {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%p|%p|%.9g|%d|%d|%.3f|", static_cast<const void*>(f.basemap.get()),
                  static_cast<const void*>(level), f.view.metresPerPixel, f.widthPx, f.heightPx, f.pixelRatio);
    key = buf;
    for (const auto& l : f.layers) {
      std::snprintf(buf, sizeof buf, "%s:%p:%.3f:%08x:%08x:%08x:%.2f:%d%d|", l.id.c_str(),
                    static_cast<const void*>(l.group.get()), l.opacity, l.style.fill.packed(), l.style.stroke.packed(),
                    l.style.point.packed(), l.style.strokeWidth, l.style.dashed, l.style.hollowPoints);
      key += buf;
    }
  }
  const double mpp = f.view.metresPerPixel;
  const int margin = std::max(128, std::max(f.widthPx, f.heightPx) / 8);
  const double dxPx = (f.view.centre.x - cache.centre.x) / mpp, dyPx = (f.view.centre.y - cache.centre.y) / mpp;
  const bool reusable = key == cache.key && std::abs(dxPx) <= margin && std::abs(dyPx) <= margin &&
                        std::abs(dxPx - std::round(dxPx)) < 1e-3 && std::abs(dyPx - std::round(dyPx)) < 1e-3;
  if (!reusable) {
    const int w = f.widthPx + 2 * margin, h = f.heightPx + 2 * margin;
    if (w > OffscreenTarget::maxSize() || h > OffscreenTarget::maxSize()) return false;
    if (w != cache.width || h != cache.height || !cache.fbo) {
      cache.texture = makeTexture();
      glBindTexture(GL_TEXTURE_2D, cache.texture.id());
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
      GLuint fbo = 0;
      glGenFramebuffers(1, &fbo);
      cache.fbo = GlFramebuffer(fbo);
      glBindFramebuffer(GL_FRAMEBUFFER, fbo);
      glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, cache.texture.id(), 0);
      if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        cache = LayerCache{};
        target.bind();
        return false;
      }
      cache.width = w;
      cache.height = h;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, cache.fbo.id());
    glViewport(0, 0, w, h);
    glDisable(GL_SCISSOR_TEST);
    // Opaque sea, exactly as a direct frame starts, so the copy needs no blending.
    glClearColor(f.style.sea.r, f.style.sea.g, f.style.sea.b, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    FrameSnapshot big = f;
    big.widthPx = w;
    big.heightPx = h;
    drawMapLayers(big, level, drawPlaces, placesOpacity);
    cache.centre = f.view.centre;
    cache.key = key;
  } else {
    for (const auto& l : f.layers)
      if (l.isBasemap && l.part == BasemapPart::Places) {
        drawPlaces = true;
        placesOpacity = l.opacity;
      }
  }
  // Copy the part under the view: whole pixels, so the copy is exact and cheap.
  const int srcX = (cache.width - f.widthPx) / 2 + static_cast<int>(std::lround(dxPx));
  const int srcY = (cache.height - f.heightPx) / 2 + static_cast<int>(std::lround(dyPx));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, cache.fbo.id());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target.framebuffer());
  glDisable(GL_SCISSOR_TEST);
  const int ox = target.originX(), oy = target.originY();
  glBlitFramebuffer(srcX, srcY, srcX + f.widthPx, srcY + f.heightPx, ox, oy, ox + f.widthPx, oy + f.heightPx,
                    GL_COLOR_BUFFER_BIT, GL_NEAREST);
  target.bind();
  stats.drawCalls += 1;
  return true;
}

void Renderer::Impl::render(const FrameSnapshot& f, RenderTarget& target) {
  stats = {};
  target.bind();
  const MapStyle& style = f.style;
  glClearColor(style.sea.r, style.sea.g, style.sea.b, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (f.widthPx <= 0 || f.heightPx <= 0) return;
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied alpha everywhere

  const double mpp = f.view.metresPerPixel;
  const float pr = std::max(0.25f, f.pixelRatio);
  const geo::MapBox viewBox = viewBoxOf(f);
  const BasemapLevelScene* level = f.basemap ? chooseBasemapLevel(*f.basemap, mpp) : nullptr;
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

  // Map furniture first, so labels can keep clear of it.
  std::vector<ShapeVertex> furniture;
  std::vector<TextVertex> furnitureText;
  std::vector<ScreenRect> reserved;
  for (const auto& r : f.occluded) reserved.push_back({r[0], r[1], r[2], r[3]});
  const float pad = 6 * pr;
  if (f.showAttribution && !f.attribution.empty()) {
    const float size = style.furnitureTextSize * pr;
    TextRun run = layoutText(atlas, f.attribution, size);
    const float x1 = f.widthPx - pad, y1 = f.heightPx - pad;
    ScreenRect box{x1 - run.width - 2 * pad, y1 - run.ascent - run.descent - pad, x1, y1};
    pushRect(furniture, box, style.furniturePanel);
    pushText(furnitureText, run, box.x0 + pad, box.y1 - pad / 2 - run.descent, size, style.furnitureText,
             Rgba{1, 1, 1, 0}, 0);
    reserved.push_back(box);
  }
  if (f.showScaleBar) {
    const double ground = f.groundMetresPerPixel > 0 ? f.groundMetresPerPixel : mpp;
    const double metres = niceScaleBarLength(120 * pr * ground);
    if (metres > 0) {
      const float lengthPx = static_cast<float>(metres / ground);
      const float size = style.furnitureTextSize * pr;
      TextRun run = layoutText(atlas, formatDistance(metres), size);
      const float barH = 4 * pr;
      const float boxH = barH + run.ascent + run.descent + 2 * pr + 2 * pad;
      const float boxW = lengthPx + 2 * pad + run.width * 0.5f + pad;
      // Bottom left; above the attribution when a narrow image leaves no room beside it.
      float bottom = f.heightPx - pad;
      if (!reserved.empty() && reserved.front().x0 < pad + boxW + pad) bottom = reserved.front().y0 - pad;
      const float x0 = pad + pad, yBar = bottom - pad - barH;
      ScreenRect box{pad, bottom - boxH, pad + boxW, bottom};
      pushRect(furniture, box, style.furniturePanel);
      pushRect(furniture, {x0 - pr, yBar - pr, x0 + lengthPx + pr, yBar + barH + pr}, style.furnitureText);
      pushRect(furniture, {x0 + lengthPx / 2, yBar, x0 + lengthPx, yBar + barH}, Rgba::hex(0xffffff));
      pushText(furnitureText, run, x0 + lengthPx - run.width / 2, yBar - 3 * pr - run.descent, size,
               style.furnitureText, Rgba{1, 1, 1, 0}, 0);
      pushText(furnitureText, layoutText(atlas, "0", size), x0 - 3 * pr, yBar - 3 * pr - run.descent, size,
               style.furnitureText, Rgba{1, 1, 1, 0}, 0);
      reserved.push_back(box);
    }
  }

  // Legend, top right: what the visible option layers mean. Measured first, so the title keeps clear of it.
  const float legendSize = style.furnitureTextSize * 1.1f * pr;
  const float legendRowH = legendSize * 1.45f, swatchW = 22 * pr, gapX = 6 * pr;
  std::vector<TextRun> legendRuns;
  float legendW = 0;
  for (const auto& e : f.legend) {
    const bool heading = e.symbol == LegendEntry::Symbol::Heading;
    legendRuns.push_back(layoutText(atlas, e.label, heading ? legendSize * 1.05f : legendSize));
    legendW = std::max(legendW, legendRuns.back().width + (heading ? 0 : swatchW + gapX) + 2 * pad);
  }
  float legendTop = pad;

  // Title and subtitle, top left on a panel: large enough to read on a wall screen. They wrap (title two
  // lines, subtitle three) and end in an ellipsis rather than run off the image or under the legend; when the
  // legend leaves too little room beside them, the legend moves below.
  if (!f.furniture.title.empty() || !f.furniture.subtitle.empty()) {
    const float full = f.widthPx - 2 * pad;
    float avail = f.legend.empty() ? full : full - legendW - pad;
    const bool legendBelow = !f.legend.empty() && avail < 0.45f * full;
    if (legendBelow) avail = full;
    const float inner = avail - 2 * pad;
    struct Line {
      TextRun run;
      float size;
      Rgba colour;
    };
    std::vector<Line> lines;
    auto addLines = [&](const std::string& text, float size, int maxLines, Rgba colour) {
      if (text.empty() || inner <= 0) return;
      for (const auto& l : wrapText(atlas, text, size, inner, maxLines)) lines.push_back({layoutText(atlas, l, size), size, colour});
    };
    addLines(f.furniture.title, style.titleSize * pr, 2, style.titleText);
    addLines(f.furniture.subtitle, style.subtitleSize * pr, 3, style.subtitleText);
    if (!lines.empty()) {
      const float em = 1.f / atlas.basePixelSize();
      float textW = 0, textH = 0;
      for (const auto& l : lines) {
        textW = std::max(textW, l.run.width);
        textH += atlas.lineHeight() * em * l.size;
      }
      ScreenRect box{pad, pad, pad + textW + 2 * pad, pad + textH + 1.2f * pad};
      pushRect(furniture, box, style.furniturePanel.withAlpha(0.88f));
      float y = box.y0 + 0.6f * pad;
      for (const auto& l : lines) {
        pushText(furnitureText, l.run, box.x0 + pad, y + atlas.ascender() * em * l.size, l.size, l.colour,
                 Rgba{1, 1, 1, 0}, 0);
        y += atlas.lineHeight() * em * l.size;
      }
      reserved.push_back(box);
      if (legendBelow) legendTop = box.y1 + pad;
    }
  }

  if (!f.legend.empty()) {
    const float size = legendSize, rowH = legendRowH;
    const std::vector<TextRun>& runs = legendRuns;
    const float w = legendW, h = rowH * f.legend.size() + pad;
    ScreenRect box{f.widthPx - pad - w, legendTop, f.widthPx - pad, legendTop + h};
    pushRect(furniture, box, style.furniturePanel.withAlpha(0.88f));
    float y = box.y0 + pad * 0.5f;
    for (size_t i = 0; i < f.legend.size(); ++i) {
      const auto& e = f.legend[i];
      const float mid = y + rowH * 0.5f;
      float x = box.x0 + pad;
      using S = LegendEntry::Symbol;
      switch (e.symbol) {
        case S::Fill:
          pushRect(furniture, {x, mid - 5 * pr, x + swatchW, mid + 5 * pr}, e.colour.withAlpha(std::max(0.35f, e.colour.a)));
          break;
        case S::Line: pushRect(furniture, {x, mid - 1.2f * pr, x + swatchW, mid + 1.2f * pr}, e.colour.withAlpha(1)); break;
        case S::DashedLine:
          for (float dx = 0; dx < swatchW; dx += 9 * pr)
            pushRect(furniture, {x + dx, mid - 1.2f * pr, x + std::min(swatchW, dx + 6 * pr), mid + 1.2f * pr}, e.colour.withAlpha(1));
          break;
        case S::Point:
          pushQuad(furniture, x + swatchW / 2, mid, 6 * pr, 6 * pr, e.colour.withAlpha(1), Rgba::hex(0xffffff), kCircle, 4.5f * pr, 1.2f * pr);
          break;
        case S::HollowPoint:
          pushQuad(furniture, x + swatchW / 2, mid, 6 * pr, 6 * pr, Rgba::hex(0xffffff), e.colour.withAlpha(1), kCircle, 4.5f * pr, 2.f * pr);
          break;
        case S::Heading: break;
      }
      if (e.symbol != S::Heading) x += swatchW + gapX;
      pushText(furnitureText, runs[i], x, mid + (runs[i].ascent - runs[i].descent) * 0.5f,
               e.symbol == S::Heading ? size * 1.05f : size,
               e.symbol == S::Heading ? Rgba::hex(0x000000) : style.furnitureText, Rgba{1, 1, 1, 0}, 0);
      y += rowH;
    }
    reserved.push_back(box);
  }

  std::vector<ShapeVertex> symbols;
  std::vector<TextVertex> labels;
  // Labels of option features come first: they are what the briefing is about.
  struct FeatureLabel {
    const ScenePlace* place;
    TextRun run;
    float size, x, y;
    Rgba colour;
  };
  std::vector<FeatureLabel> featureLabels;
  std::vector<LabelRequest> featureRequests;
  for (const auto& layer : f.layers) {
    if (layer.isBasemap || !layer.group || layer.style.labelColour.a <= 0) continue;
    for (const auto& place : layer.group->labels) {
      if (!viewBox.contains(place.at.x, place.at.y)) continue;
      const float size = style.labelSize * pr;
      FeatureLabel fl{&place, layoutText(atlas, place.name, size), size,
                      static_cast<float>((place.at.x - f.view.centre.x) / mpp + f.widthPx * 0.5),
                      static_cast<float>(f.heightPx * 0.5 - (place.at.y - f.view.centre.y) / mpp),
                      layer.style.labelColour.withAlpha(layer.opacity)};
      if (place.kind == "area" && place.sizeMetres / mpp < 1.5 * fl.run.width) continue;
      LabelRequest r;
      r.x = fl.x;
      r.y = fl.y;
      r.textWidth = fl.run.width;
      r.ascent = fl.run.ascent;
      r.descent = fl.run.descent;
      r.symbolRadius = place.kind == "point" ? (layer.style.pointRadius + 2) * pr : 0;
      r.rank = 0;
      r.allowCenter = place.kind == "area";
      featureRequests.push_back(r);
      featureLabels.push_back(std::move(fl));
    }
  }
  if (!featureRequests.empty()) {
    LabelPlacerOptions options;
    options.viewportW = static_cast<float>(f.widthPx);
    options.viewportH = static_cast<float>(f.heightPx);
    options.padding = 2 * pr;
    options.gap = 3 * pr;
    for (const auto& p : placeLabels(featureRequests, reserved, options)) {
      const FeatureLabel& fl = featureLabels[p.request];
      pushText(labels, fl.run, p.originX, p.originY, fl.size, fl.colour, style.labelHalo, 1.8f * pr);
      reserved.push_back(p.box);  // places keep clear of option labels
    }
  }
  // A place that an option feature stands on is labelled once, by the feature.
  std::vector<std::pair<float, float>> featureAnchors;
  for (const auto& fl : featureLabels)
    if (fl.place->kind == "point") featureAnchors.emplace_back(fl.x, fl.y);
  if (drawPlaces && f.basemap && f.basemap->places) {
    const int maxRank = maxRankFor(mpp * pr);  // metres per CSS pixel decides what is legible
    struct Candidate {
      const ScenePlace* place;
      TextRun run;
      float size, x, y, radius;
    };
    std::vector<Candidate> candidates;
    std::vector<LabelRequest> requests;
    for (const auto& place : *f.basemap->places) {
      if (place.rank > maxRank || !viewBox.contains(place.at.x, place.at.y)) continue;
      {
        const float px = static_cast<float>((place.at.x - f.view.centre.x) / mpp + f.widthPx * 0.5);
        const float py = static_cast<float>(f.heightPx * 0.5 - (place.at.y - f.view.centre.y) / mpp);
        bool taken = false;
        for (const auto& [ax, ay] : featureAnchors) taken = taken || std::hypot(ax - px, ay - py) < 4 * pr;
        if (taken) continue;
      }
      const float size = (place.rank <= 2 ? style.labelSizeMajor : style.labelSize) * pr;
      Candidate c{&place, layoutText(atlas, place.name, size), size,
                  static_cast<float>((place.at.x - f.view.centre.x) / mpp + f.widthPx * 0.5),
                  static_cast<float>(f.heightPx * 0.5 - (place.at.y - f.view.centre.y) / mpp),
                  (place.kind == "capital" ? 4.f : 3.f) * pr};
      if (place.kind == "strait") c.radius = 0;
      LabelRequest r;
      r.x = c.x;
      r.y = c.y;
      r.textWidth = c.run.width;
      r.ascent = c.run.ascent;
      r.descent = c.run.descent;
      r.symbolRadius = c.radius;
      r.rank = place.rank;
      r.allowCenter = place.kind == "strait";
      requests.push_back(r);
      candidates.push_back(std::move(c));
    }
    // Country names: only where the country is much wider on screen than its name.
    if (f.basemap->countryLabels) {
      for (const auto& country : *f.basemap->countryLabels) {
        if (!viewBox.contains(country.at.x, country.at.y)) continue;
        const float size = style.countryLabelSize * pr;
        Candidate c{&country, layoutText(atlas, country.name, size), size,
                    static_cast<float>((country.at.x - f.view.centre.x) / mpp + f.widthPx * 0.5),
                    static_cast<float>(f.heightPx * 0.5 - (country.at.y - f.view.centre.y) / mpp), 0};
        if (country.sizeMetres / mpp < 2.5 * c.run.width) continue;
        LabelRequest r;
        r.x = c.x;
        r.y = c.y;
        r.textWidth = c.run.width;
        r.ascent = c.run.ascent;
        r.descent = c.run.descent;
        r.rank = country.rank;
        r.allowCenter = true;
        requests.push_back(r);
        candidates.push_back(std::move(c));
      }
    }
    LabelPlacerOptions options;
    options.viewportW = static_cast<float>(f.widthPx);
    options.viewportH = static_cast<float>(f.heightPx);
    options.padding = 2 * pr;
    options.gap = 3 * pr;
    const auto placed = placeLabels(requests, reserved, options);
    stats.labelsPlaced = placed.size();
    for (const auto& p : placed) {
      const Candidate& c = candidates[p.request];
      const std::string& kind = c.place->kind;
      Rgba fill = style.placeSymbol, text = style.label;
      if (kind == "nuclear_plant") fill = Rgba::hex(0xe0a800);
      if (kind == "port") fill = Rgba::hex(0x2f6690);
      if (kind == "strait") text = Rgba::hex(0x2f5f86);
      if (kind == "country") text = style.countryLabel;
      if (c.radius > 0) {
        const ShapeKind shape = (kind == "capital" || kind == "air_base" || kind == "nuclear_plant") ? kSquare : kCircle;
        const float r = c.radius;
        pushQuad(symbols, c.x, c.y, r + 1.5f * pr, r + 1.5f * pr, fill.withAlpha(placesOpacity),
                 style.placeSymbolStroke.withAlpha(placesOpacity), shape, r, kind == "capital" ? 1.6f * pr : 1.1f * pr);
      }
      const Rgba halo = kind == "country" ? style.land.withAlpha(0.85f) : style.labelHalo;
      pushText(labels, c.run, p.originX, p.originY, c.size, text.withAlpha(placesOpacity),
               halo.withAlpha(halo.a * placesOpacity), 1.6f * pr);
    }
  }
  drawShapes(symbols, f);
  drawText(labels, f);
  drawShapes(furniture, f);
  drawText(furnitureText, f);
  glBindVertexArray(0);
  purgeUnusedGroups();
}

Renderer::Renderer() : m_impl(std::make_unique<Impl>()) {}
Renderer::~Renderer() = default;
void Renderer::render(const FrameSnapshot& frame, RenderTarget& target) { m_impl->render(frame, target); }
const FrameStats& Renderer::lastStats() const { return m_impl->stats; }

void Renderer::clear(RenderTarget& target, Rgba colour) {
  target.bind();
  glClearColor(colour.r, colour.g, colour.b, colour.a);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace briefmap::render
