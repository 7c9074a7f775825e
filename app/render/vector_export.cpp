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
#include <functional>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/render/renderer.hpp"

namespace briefmap::render {
namespace {

// Fixed metadata: cairo would otherwise stamp the current time and the file would differ on every run.
void setPdfMetadata(cairo_surface_t* surface, const VectorExportOptions& options) {
  const std::string date = options.date.empty() ? "2000-01-01T00:00:00Z" : options.date;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "briefmap");
  if (!options.title.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, options.title.c_str());
}

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
  // A group is drawn with its parts (SceneGroup::parts), all fills before any line, as the renderer does.
  void fill(const std::shared_ptr<const SceneGroup>& g, float opacity, Rgba tint) {
    if (!g) return;
    fillMesh(g, opacity, tint);
    for (const auto& part : g->parts) fillMesh(part, opacity, tint);
  }
  void lines(const std::shared_ptr<const SceneGroup>& g, Rgba colour, float widthCss, float opacity, bool dashed) {
    if (!g) return;
    lineMesh(g, colour, widthCss, opacity, dashed);
    for (const auto& part : g->parts) lineMesh(part, colour, widthCss, opacity, dashed);
  }

  void fillMesh(const std::shared_ptr<const SceneGroup>& g, float opacity, Rgba tint) {
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
  void lineMesh(const std::shared_ptr<const SceneGroup>& g, Rgba colour, float widthCss, float opacity, bool dashed) {
    if (!g || g->lines.empty() || widthCss <= 0) return;
    for (const auto& r : g->lines.ranges) {
      if (!r.bounds.intersects(m_view) || r.indexCount < 5) continue;  // a strip: two a point, then its end
      const std::uint32_t base = g->lines.indices[r.firstIndex];
      const std::uint32_t points = (r.indexCount - 1) / 2;
      for (std::uint32_t k = 0; k < points; ++k) {
        const LineVertex& v = g->lines.vertices[base + 2 * k];
        const double x = sx(v.x), y = sy(v.y);
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

  // A point symbol as shape.frag draws it: the edge of strokeWidth lies inside the outline. A triangle's corners
  // move inwards by twice the edge's half width (its inradius is half its circumradius), a diamond's by √2 times.
  void symbol(LayoutShape::Kind kind, double x, double y, double halfSize, Rgba fill, Rgba stroke, double strokeWidth) {
    const double inset = strokeWidth > 0 ? strokeWidth / 2 : 0;
    switch (kind) {
      case LayoutShape::Kind::Circle: circle(x, y, halfSize, fill, stroke, strokeWidth); return;
      case LayoutShape::Kind::Square: {
        const double h = std::max(0.0, halfSize - inset);
        cairo_rectangle(m_cr, x - h, y - h, 2 * h, 2 * h);
        break;
      }
      case LayoutShape::Kind::Triangle: {
        const double r = std::max(0.0, kTriangleCircumradius * halfSize - 2 * inset);
        cairo_move_to(m_cr, x, y - r);
        cairo_line_to(m_cr, x + r * std::sqrt(3.0) / 2, y + r / 2);
        cairo_line_to(m_cr, x - r * std::sqrt(3.0) / 2, y + r / 2);
        cairo_close_path(m_cr);
        break;
      }
      case LayoutShape::Kind::Diamond: {
        const double r = std::max(0.0, kDiamondHalfDiagonal * halfSize - std::sqrt(2.0) * inset);
        cairo_move_to(m_cr, x, y - r);
        cairo_line_to(m_cr, x + r, y);
        cairo_line_to(m_cr, x, y + r);
        cairo_line_to(m_cr, x - r, y);
        cairo_close_path(m_cr);
        break;
      }
      case LayoutShape::Kind::Rect:
      case LayoutShape::Kind::Polygon: return;  // not symbols
    }
    setColour(m_cr, fill);
    if (strokeWidth > 0) {
      cairo_fill_preserve(m_cr);
      cairo_set_line_width(m_cr, strokeWidth);
      cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_MITER);
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
      auto symbols = [&](const SceneGroup& g) {
        for (size_t i = 0; i < g.points.size(); ++i) {
          const auto& p = g.points[i];
          if (!m_view.contains(p.x, p.y)) continue;
          const auto kind = layoutKindOf(i < g.pointShapes.size() ? g.pointShapes[i] : SymbolShape::Circle);
          symbol(kind, sx(p.x), sy(p.y), r, pointFill, edge, (st.hollowPoints ? 2.2f : 1.2f) * m_pr);
        }
      };
      symbols(*layer.group);
      for (const auto& part : layer.group->parts) symbols(*part);
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
        case LayoutShape::Kind::Circle:
        case LayoutShape::Kind::Square:
        case LayoutShape::Kind::Triangle:
        case LayoutShape::Kind::Diamond: symbol(sh.kind, sh.cx, sh.cy, sh.halfSize, sh.fill, sh.stroke, sh.strokeWidth); break;
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

// The whole frame into the current user space, one unit a frame pixel, clipped to the frame.
void paintFrame(cairo_t* c, const FrameSnapshot& frame, const FrameLayout& layout, cairo_font_face_t* font) {
  cairo_rectangle(c, 0, 0, frame.widthPx, frame.heightPx);
  cairo_clip(c);
  setColour(c, frame.style.sea.withAlpha(1));
  cairo_paint(c);
  Painter painter(c, frame, font);
  painter.mapLayers();
  painter.shapes(layout.symbols);
  painter.texts(layout.labels);
  painter.shapes(layout.furniture);
  painter.texts(layout.furnitureText);
}

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
    setPdfMetadata(surface.get(), options);
  } else {
    cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
  }
  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    cairo_t* c = cr.get();
    cairo_scale(c, pointsPerPixel, pointsPerPixel);
    paintFrame(c, frame, layout, font.get());
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

std::vector<std::string> wrapTextToWidth(const std::string& text, double maxWidth,
                                  const std::function<double(const std::string&)>& widthOf) {
  std::vector<std::string> lines;
  // A word wider than the whole line is cut between characters (UTF-8 sequences kept whole).
  const auto splitLongWord = [&](std::string word) {
    while (!word.empty() && widthOf(word) > maxWidth) {
      size_t cut = 0;
      for (size_t i = 1; i <= word.size(); ++i) {
        if (i < word.size() && (static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) continue;  // inside a character
        if (widthOf(word.substr(0, i)) > maxWidth) break;
        cut = i;
      }
      if (cut == 0) {  // not even one character fits: one character a line
        cut = 1;
        while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
      }
      lines.push_back(word.substr(0, cut));
      word.erase(0, cut);
    }
    return word;
  };
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string paragraph = text.substr(start, end - start);
    std::string line;
    size_t at = 0;
    while (at < paragraph.size()) {
      const size_t wordStart = paragraph.find_first_not_of(" \t\r", at);
      if (wordStart == std::string::npos) break;
      const size_t wordEnd = std::min(paragraph.find_first_of(" \t\r", wordStart), paragraph.size());
      const std::string word = paragraph.substr(wordStart, wordEnd - wordStart);
      at = wordEnd;
      const std::string joined = line.empty() ? word : line + " " + word;
      if (widthOf(joined) <= maxWidth) {
        line = joined;
        continue;
      }
      if (!line.empty()) lines.push_back(line);
      line = splitLongWord(word);
    }
    lines.push_back(line);  // an empty paragraph stays an empty line
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

namespace {

// A4 landscape in points: the map top left at the slide's aspect, number, title and caption beside it, the
// notes under both across the page (continued on further pages when they are long).
constexpr double kPageW = 841.89, kPageH = 595.28, kMargin = 36;
constexpr double kMapW = 500, kColumnGap = 22;
constexpr double kTitleSize = 18, kNotesSize = 11, kSmallSize = 9, kLineGap = 1.35;

}  // namespace

struct NotesPdfWriter::Impl {
  std::unique_ptr<cairo_font_face_t, FontFaceDeleter> font;
  Sink sink;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface;
  std::unique_ptr<cairo_t, ContextDeleter> cr;
  Impl(const std::filesystem::path& path, const VectorExportOptions& options)
      : font(loadFont(options.fontFile)),
        sink(path),
        surface(cairo_pdf_surface_create_for_stream(&Sink::write, &sink, kPageW, kPageH)) {
    setPdfMetadata(surface.get(), options);
    cr.reset(cairo_create(surface.get()));
  }
  void check() const {
    if (!sink.error.empty()) throw data::WriteError(sink.error);
    const cairo_status_t status = cairo_status(cr.get());
    if (status != CAIRO_STATUS_SUCCESS)
      throw data::WriteError("cannot write " + sink.file.target().string() + ": " + cairo_status_to_string(status));
  }
};

NotesPdfWriter::NotesPdfWriter(const std::filesystem::path& path, const VectorExportOptions& options)
    : m_impl(std::make_unique<Impl>(path, options)) {}
NotesPdfWriter::~NotesPdfWriter() = default;

void NotesPdfWriter::addPage(const NotesPage& page) {
  cairo_t* c = m_impl->cr.get();
  cairo_set_font_face(c, m_impl->font.get());
  const auto widthAt = [c](double size) {
    return [c, size](const std::string& text) {
      cairo_set_font_size(c, size);
      cairo_text_extents_t e;
      cairo_text_extents(c, text.c_str(), &e);
      return e.x_advance;
    };
  };
  const auto textAt = [c](double x, double y, double size, Rgba colour, const std::string& text) {
    cairo_set_font_size(c, size);
    setColour(c, colour);
    cairo_move_to(c, x, y);
    cairo_show_text(c, text.c_str());
  };
  const Rgba ink = Rgba::hex(0x1a1a1a), grey = Rgba::hex(0x666666);
  const std::string number = "Slide " + std::to_string(page.number) + " of " + std::to_string(page.count);

  // The map, scaled into its box at the frame's own aspect, with a hairline frame.
  const double mapH = page.frame.widthPx > 0 ? kMapW * page.frame.heightPx / page.frame.widthPx : 0;
  const double mapX = kMargin, mapY = kMargin;
  if (page.frame.widthPx > 0 && page.frame.heightPx > 0) {
    cairo_save(c);
    cairo_translate(c, mapX, mapY);
    const double k = kMapW / page.frame.widthPx;
    cairo_scale(c, k, k);
    paintFrame(c, page.frame, page.layout, m_impl->font.get());
    cairo_restore(c);
    cairo_set_font_face(c, m_impl->font.get());  // the painter leaves its own font state behind
    cairo_rectangle(c, mapX, mapY, kMapW, mapH);
    cairo_set_line_width(c, 0.5);
    setColour(c, grey);
    cairo_stroke(c);
  }

  // The right column: number, title, caption, then the notes, flowing under the map and onto more pages.
  const double columnX = mapX + kMapW + kColumnGap, columnW = kPageW - kMargin - columnX;
  double y = kMargin + kSmallSize;
  textAt(columnX, y, kSmallSize, grey, number);
  y += kSmallSize * kLineGap + 6;
  for (const auto& line : wrapTextToWidth(page.title, columnW, widthAt(kTitleSize))) {
    y += kTitleSize;
    textAt(columnX, y, kTitleSize, ink, line);
    y += kTitleSize * (kLineGap - 1);
  }
  if (!page.caption.empty()) {
    y += 6;
    for (const auto& line : wrapTextToWidth(page.caption, columnW, widthAt(kNotesSize))) {
      y += kNotesSize;
      textAt(columnX, y, kNotesSize, grey, line);
      y += kNotesSize * (kLineGap - 1);
    }
  }
  const bool hasNotes = page.notes.find_first_not_of(" \t\r\n") != std::string::npos;
  const std::string notes = hasNotes ? page.notes : "(This slide has no notes.)";
  const Rgba notesColour = hasNotes ? ink : grey;
  // The notes under the map and the title, across the page, onto continuation pages when they are long.
  const double notesW = kPageW - 2 * kMargin;
  y = std::max(y, mapY + mapH) + 18;
  for (const auto& line : wrapTextToWidth(notes, notesW, widthAt(kNotesSize))) {
    if (y + kNotesSize > kPageH - kMargin) {
      cairo_show_page(c);
      y = kMargin + kSmallSize;
      textAt(kMargin, y, kSmallSize, grey, number + " (notes continued)");
      y += kSmallSize * kLineGap + 6;
    }
    y += kNotesSize;
    textAt(kMargin, y, kNotesSize, notesColour, line);
    y += kNotesSize * (kLineGap - 1);
  }
  cairo_show_page(c);
  m_impl->check();
}

void NotesPdfWriter::commit() {
  m_impl->cr.reset();
  cairo_surface_finish(m_impl->surface.get());
  const cairo_status_t status = cairo_surface_status(m_impl->surface.get());
  if (!m_impl->sink.error.empty()) throw data::WriteError(m_impl->sink.error);
  if (status != CAIRO_STATUS_SUCCESS)
    throw data::WriteError("cannot write " + m_impl->sink.file.target().string() + ": " + cairo_status_to_string(status));
  m_impl->sink.file.commit();
}

}  // namespace briefmap::render
