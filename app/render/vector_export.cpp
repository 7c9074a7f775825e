// Why cairo: GDAL's PDF writer draws OGR features with OGR style strings, which has no place for our
// furniture (panels, legend swatches, scale bar, north arrow) or for labels placed by our own collision
// avoidance; cairo draws exactly the display list the GL renderer draws, embeds the font as a subset with
// text as text in PDF, and is a Debian package (libcairo2-dev) every Linux desktop already carries.
#include "briefmap/render/vector_export.hpp"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/render/renderer.hpp"

namespace briefmap::render {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct FontFaceDeleter {
  void operator()(cairo_font_face_t* f) const { cairo_font_face_destroy(f); }
};

// The FreeType face behind a cairo font face; cairo may keep the face in its caches after we let go,
// so the FT_Face is released by cairo's own destroy notification, and the library lives with the process.
FT_Library freetype() {
  static FT_Library library = [] {
    FT_Library l = nullptr;
    if (FT_Init_FreeType(&l) != 0) throw std::runtime_error("cannot initialise FreeType");
    return l;
  }();
  return library;
}

std::unique_ptr<cairo_font_face_t, FontFaceDeleter> loadFont(const std::filesystem::path& file) {
  FT_Face face = nullptr;
  if (FT_New_Face(freetype(), file.c_str(), 0, &face) != 0)
    throw std::runtime_error(file.string() + ": cannot read the font");
  cairo_font_face_t* cf = cairo_ft_font_face_create_for_ft_face(face, 0);
  static const cairo_user_data_key_t kKey{};
  if (cairo_font_face_set_user_data(cf, &kKey, face, [](void* p) { FT_Done_Face(static_cast<FT_Face>(p)); }) !=
      CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(cf);
    FT_Done_Face(face);
    throw std::runtime_error("cannot attach the font to cairo");
  }
  return std::unique_ptr<cairo_font_face_t, FontFaceDeleter>(cf);
}

// cairo writes through this into an AtomicFile; a failed write is reported back as a cairo status (no C++
// exception may cross cairo's C frames) and rethrown once cairo returns.
struct Sink {
  data::AtomicFile file;
  std::string error;
  explicit Sink(const std::filesystem::path& path) : file(path) {}
  static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
    auto* sink = static_cast<Sink*>(closure);
    try {
      sink->file.write(std::as_bytes(std::span(data, length)));
      return CAIRO_STATUS_SUCCESS;
    } catch (const std::exception& e) {
      if (sink->error.empty()) sink->error = e.what();
      return CAIRO_STATUS_WRITE_ERROR;
    }
  }
};

void setColour(cairo_t* cr, Rgba c, float opacity = 1.f) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * opacity); }

Rgba unpack(std::uint32_t p) {
  return {(p & 0xFF) / 255.f, ((p >> 8) & 0xFF) / 255.f, ((p >> 16) & 0xFF) / 255.f, ((p >> 24) & 0xFF) / 255.f};
}

class Painter {
 public:
  Painter(cairo_t* cr, const FrameSnapshot& f, cairo_font_face_t* font)
      : m_cr(cr), m_f(f), m_font(font), m_view(viewBoxOf(f)), m_pr(std::max(0.25f, f.pixelRatio)) {}

  double sx(double x) const { return (x - m_f.view.centre.x) / m_f.view.metresPerPixel + m_f.widthPx * 0.5; }
  double sy(double y) const { return m_f.heightPx * 0.5 - (y - m_f.view.centre.y) / m_f.view.metresPerPixel; }

  // Triangles of one colour in one path with the non-zero rule: viewers fill the union, so the
  // tessellation leaves no hairline seams as separately filled triangles would.
  void fill(const std::shared_ptr<const SceneGroup>& g, float opacity, Rgba tint) {
    if (!g || g->fill.empty()) return;
    std::map<std::uint32_t, std::vector<std::uint32_t>> byColour;  // ordered: deterministic output
    for (const auto& r : g->fill.ranges) {
      if (!r.bounds.intersects(m_view)) continue;
      for (std::uint32_t i = r.firstIndex; i + 2 < r.firstIndex + r.indexCount; i += 3)
        byColour[g->fill.colours[g->fill.indices[i]]].push_back(i);
    }
    cairo_set_fill_rule(m_cr, CAIRO_FILL_RULE_WINDING);
    for (const auto& [packed, triangles] : byColour) {
      const Rgba c = unpack(packed);
      for (std::uint32_t i : triangles) {
        for (int k = 0; k < 3; ++k) {
          const std::uint32_t v = g->fill.indices[i + static_cast<std::uint32_t>(k)];
          const double x = sx(g->fill.positions[2 * v]), y = sy(g->fill.positions[2 * v + 1]);
          if (k == 0) cairo_move_to(m_cr, x, y);
          else cairo_line_to(m_cr, x, y);
        }
        cairo_close_path(m_cr);
      }
      cairo_set_source_rgba(m_cr, c.r * tint.r, c.g * tint.g, c.b * tint.b, c.a * opacity);
      cairo_fill(m_cr);
    }
  }

  // Each line range is one chunk of a polyline: vertex pairs (both sides) at consecutive points.
  void lines(const std::shared_ptr<const SceneGroup>& g, Rgba colour, float widthCss, float opacity, bool dashed) {
    if (!g || g->lines.empty() || widthCss <= 0) return;
    constexpr int kF = LineMesh::kFloatsPerVertex;
    for (const auto& r : g->lines.ranges) {
      if (!r.bounds.intersects(m_view) || r.indexCount < 6) continue;
      const std::uint32_t base = g->lines.indices[r.firstIndex];
      const std::uint32_t points = r.indexCount / 6 + 1;
      for (std::uint32_t k = 0; k < points; ++k) {
        const size_t v = static_cast<size_t>(base + 2 * k) * kF;
        const double x = sx(g->lines.vertices[v]), y = sy(g->lines.vertices[v + 1]);
        if (k == 0) cairo_move_to(m_cr, x, y);
        else cairo_line_to(m_cr, x, y);
      }
    }
    cairo_set_line_width(m_cr, widthCss * m_pr);
    cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_BUTT);
    const double dash[2] = {7.0 * m_pr, 5.0 * m_pr};
    cairo_set_dash(m_cr, dash, dashed ? 2 : 0, 0);
    setColour(m_cr, colour, opacity);
    cairo_stroke(m_cr);
    cairo_set_dash(m_cr, nullptr, 0, 0);
  }

  void circle(double x, double y, double radius, Rgba fill, Rgba stroke, double strokeWidth) {
    // As the shape shader: the ring of strokeWidth lies inside the radius.
    const double r = strokeWidth > 0 ? std::max(0.0, radius - strokeWidth / 2) : radius;
    cairo_new_sub_path(m_cr);
    cairo_arc(m_cr, x, y, r, 0, 2 * M_PI);
    setColour(m_cr, fill);
    if (strokeWidth > 0) {
      cairo_fill_preserve(m_cr);
      cairo_set_line_width(m_cr, strokeWidth);
      setColour(m_cr, stroke);
      cairo_stroke(m_cr);
    } else {
      cairo_fill(m_cr);
    }
  }

  void mapLayers() {
    const BasemapLevelScene* level = m_f.basemap ? chooseBasemapLevel(*m_f.basemap, m_f.view.metresPerPixel) : nullptr;
    const MapStyle& s = m_f.style;
    for (const auto& layer : m_f.layers) {
      if (layer.isBasemap) {
        if (!m_f.basemap) continue;
        switch (layer.part) {
          case BasemapPart::Countries:
            if (level) {
              fill(level->countries, layer.opacity, Rgba{1, 1, 1, 1});
              fill(level->lakes, layer.opacity, Rgba{1, 1, 1, 1});
              lines(level->lakes, s.river, s.riverWidth, layer.opacity, false);
              lines(level->formerLakes, s.river, s.riverWidth, layer.opacity, true);
              lines(level->rivers, s.river, s.riverWidth, layer.opacity, false);
            }
            break;
          case BasemapPart::Coastline: if (level) lines(level->coastline, s.coastline, s.coastlineWidth, layer.opacity, false); break;
          case BasemapPart::Borders: if (level) lines(level->borders, s.border, s.borderWidth, layer.opacity, false); break;
          case BasemapPart::Graticule: lines(m_f.basemap->graticule, s.graticule, s.graticuleWidth, layer.opacity, false); break;
          case BasemapPart::Places: break;  // symbols and labels come with the layout
        }
        continue;
      }
      if (!layer.group) continue;
      const LayerStyle& st = layer.style;
      fill(layer.group, layer.opacity * st.fill.a, st.fill);
      lines(layer.group, st.stroke, st.strokeWidth, layer.opacity, st.dashed);
      const float r = st.pointRadius * m_pr;
      const Rgba pointFill = st.hollowPoints ? Rgba::hex(0xffffff, 0.9f * layer.opacity) : st.point.withAlpha(layer.opacity);
      const Rgba edge = st.hollowPoints ? st.point.withAlpha(layer.opacity) : Rgba::hex(0xffffff, layer.opacity);
      for (const auto& p : layer.group->points) {
        if (!m_view.contains(p.x, p.y)) continue;
        circle(sx(p.x), sy(p.y), r, pointFill, edge, (st.hollowPoints ? 2.2f : 1.2f) * m_pr);
      }
    }
  }

  void shapes(const std::vector<LayoutShape>& list) {
    for (const auto& sh : list) {
      switch (sh.kind) {
        case LayoutShape::Kind::Rect:
          cairo_rectangle(m_cr, sh.cx - sh.halfW, sh.cy - sh.halfH, 2 * sh.halfW, 2 * sh.halfH);
          setColour(m_cr, sh.fill);
          cairo_fill(m_cr);
          break;
        case LayoutShape::Kind::Circle: circle(sh.cx, sh.cy, sh.halfSize, sh.fill, sh.stroke, sh.strokeWidth); break;
        case LayoutShape::Kind::Square: {
          const double h = sh.strokeWidth > 0 ? sh.halfSize - sh.strokeWidth / 2 : sh.halfSize;
          cairo_rectangle(m_cr, sh.cx - h, sh.cy - h, 2 * h, 2 * h);
          setColour(m_cr, sh.fill);
          if (sh.strokeWidth > 0) {
            cairo_fill_preserve(m_cr);
            cairo_set_line_width(m_cr, sh.strokeWidth);
            setColour(m_cr, sh.stroke);
            cairo_stroke(m_cr);
          } else {
            cairo_fill(m_cr);
          }
          break;
        }
        case LayoutShape::Kind::Polygon:
          for (size_t i = 0; i < sh.points.size(); ++i) {
            if (i == 0) cairo_move_to(m_cr, sh.points[i][0], sh.points[i][1]);
            else cairo_line_to(m_cr, sh.points[i][0], sh.points[i][1]);
          }
          cairo_close_path(m_cr);
          setColour(m_cr, sh.fill);
          cairo_fill(m_cr);
          break;
      }
    }
  }

  // Halo as an outline stroked under the text, then the text itself as text (selectable in the PDF).
  void texts(const std::vector<LayoutText>& list) {
    cairo_set_font_face(m_cr, m_font);
    for (const auto& t : list) {
      if (t.text.empty()) continue;
      cairo_set_font_size(m_cr, t.size);
      if (t.halo.a > 0 && t.haloPx > 0) {
        cairo_move_to(m_cr, t.x, t.y);
        cairo_text_path(m_cr, t.text.c_str());
        cairo_set_line_width(m_cr, 2 * t.haloPx);
        cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
        setColour(m_cr, t.halo);
        cairo_stroke(m_cr);
      }
      cairo_move_to(m_cr, t.x, t.y);
      setColour(m_cr, t.colour);
      cairo_show_text(m_cr, t.text.c_str());
    }
  }

 private:
  cairo_t* m_cr;
  const FrameSnapshot& m_f;
  cairo_font_face_t* m_font;
  geo::MapBox m_view;
  float m_pr;
};

}  // namespace

void writeVectorMap(const std::filesystem::path& path, VectorFormat format, const FrameSnapshot& frame,
                    const FrameLayout& layout, const VectorExportOptions& options) {
  if (frame.widthPx <= 0 || frame.heightPx <= 0) throw std::invalid_argument("empty frame");
  auto font = loadFont(options.fontFile);
  Sink sink(path);
  // CSS pixels at 96 dpi: a 1920x1080 frame at pixel ratio 1 is a 20 x 11.25 inch page.
  const double pointsPerPixel = 0.75 / std::max(0.25f, frame.pixelRatio);
  const double pageW = frame.widthPx * pointsPerPixel, pageH = frame.heightPx * pointsPerPixel;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      format == VectorFormat::Pdf ? cairo_pdf_surface_create_for_stream(&Sink::write, &sink, pageW, pageH)
                                  : cairo_svg_surface_create_for_stream(&Sink::write, &sink, pageW, pageH));
  if (format == VectorFormat::Pdf) {
    // Fixed metadata: cairo would otherwise stamp the current time and the file would differ on every run.
    const std::string date = options.date.empty() ? "2000-01-01T00:00:00Z" : options.date;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "briefmap");
    if (!options.title.empty())
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, options.title.c_str());
  } else {
    cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
  }
  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    cairo_t* c = cr.get();
    cairo_scale(c, pointsPerPixel, pointsPerPixel);
    cairo_rectangle(c, 0, 0, frame.widthPx, frame.heightPx);
    cairo_clip(c);
    setColour(c, frame.style.sea.withAlpha(1));
    cairo_paint(c);
    Painter painter(c, frame, font.get());
    painter.mapLayers();
    painter.shapes(layout.symbols);
    painter.texts(layout.labels);
    painter.shapes(layout.furniture);
    painter.texts(layout.furnitureText);
    if (cairo_status(c) != CAIRO_STATUS_SUCCESS)
      throw data::WriteError("cannot write " + path.string() + ": " + cairo_status_to_string(cairo_status(c)));
  }
  cairo_surface_finish(surface.get());
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS || !sink.error.empty())
    throw data::WriteError(!sink.error.empty() ? sink.error
                                               : "cannot write " + path.string() + ": " + cairo_status_to_string(status));
  sink.file.commit();
}

}  // namespace briefmap::render
