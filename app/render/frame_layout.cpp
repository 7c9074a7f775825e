#include "briefmap/render/frame_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "briefmap/render/renderer.hpp"

namespace briefmap::render {
namespace {

// What the label placer needs to know of one label: where its point is, the text's box, the symbol to avoid.
LabelRequest labelRequest(float x, float y, const TextRun& run, float symbolRadius, int rank, bool allowCenter) {
  LabelRequest r;
  r.x = x;
  r.y = y;
  r.textWidth = run.width;
  r.ascent = run.ascent;
  r.descent = run.descent;
  r.symbolRadius = symbolRadius;
  r.rank = rank;
  r.allowCenter = allowCenter;
  return r;
}


// WCAG relative luminance and contrast ratio.
float luminance(Rgba c) {
  auto linear = [](float v) { return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f); };
  return 0.2126f * linear(c.r) + 0.7152f * linear(c.g) + 0.0722f * linear(c.b);
}

}  // namespace

LayoutShape::Kind layoutKindOf(SymbolShape shape) {
  switch (shape) {
    case SymbolShape::Square: return LayoutShape::Kind::Square;
    case SymbolShape::Triangle: return LayoutShape::Kind::Triangle;
    case SymbolShape::Diamond: return LayoutShape::Kind::Diamond;
    case SymbolShape::Circle: break;
  }
  return LayoutShape::Kind::Circle;
}

float contrastRatio(Rgba a, Rgba b) {
  const float la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

namespace {

// The text darkened, keeping its hue, until it stands out from its halo by `ratio`: the halo parts the
// text from whatever fill lies beneath (occupied red, a range wash, the sea), so the pair reads on any fill.
Rgba legibleOn(Rgba text, Rgba halo, float ratio) {
  for (int i = 0; i < 60 && contrastRatio(text, halo) < ratio; ++i) text = {text.r * 0.9f, text.g * 0.9f, text.b * 0.9f, text.a};
  return text;
}

constexpr float kOptionLabelContrast = 7.f;  // WCAG AAA for body text: read from the back of a room
constexpr float kPlaceLabelContrast = 4.5f;  // WCAG AA: country names stay quieter than the places

// Points at these shares of a line's length on screen, middle first: where its label may stand.
std::vector<std::array<float, 2>> pointsAlong(const std::vector<std::array<float, 2>>& line) {
  std::vector<float> cumulative{0.f};
  for (size_t i = 1; i < line.size(); ++i)
    cumulative.push_back(cumulative.back() + std::hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]));
  std::vector<std::array<float, 2>> points;
  if (line.size() < 2 || !(cumulative.back() > 0)) return points;
  for (float share : {0.5f, 0.4f, 0.6f, 0.3f, 0.7f, 0.2f, 0.8f, 0.12f, 0.88f, 0.05f, 0.95f}) {
    const float at = share * cumulative.back();
    const size_t i = std::min(line.size() - 1, static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), at) - cumulative.begin()));
    const float length = cumulative[i] - cumulative[i - 1];
    const float t = length > 0 ? (at - cumulative[i - 1]) / length : 0.f;
    points.push_back({line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])});
  }
  return points;
}

using Kind = LayoutShape::Kind;
constexpr Rgba kNoHalo{1, 1, 1, 0};

void pushQuad(std::vector<LayoutShape>& out, float cx, float cy, float halfW, float halfH, Rgba fill, Rgba stroke,
              Kind kind, float halfSize, float strokeWidth) {
  LayoutShape s;
  s.kind = kind;
  s.cx = cx;
  s.cy = cy;
  s.halfW = halfW;
  s.halfH = halfH;
  s.fill = fill;
  s.stroke = stroke;
  s.halfSize = halfSize;
  s.strokeWidth = strokeWidth;
  out.push_back(std::move(s));
}

void pushRect(std::vector<LayoutShape>& out, const ScreenRect& r, Rgba fill) {
  pushQuad(out, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2, (r.x1 - r.x0) / 2, (r.y1 - r.y0) / 2, fill, fill, Kind::Rect, 0, 0);
}

void pushPolygon(std::vector<LayoutShape>& out, std::vector<std::array<float, 2>> points, Rgba fill) {
  LayoutShape s;
  s.kind = Kind::Polygon;
  s.fill = s.stroke = fill;
  s.points = std::move(points);
  out.push_back(std::move(s));
}

void pushText(std::vector<LayoutText>& out, std::string text, TextRun run, float x, float y, float size, Rgba colour,
              Rgba halo = kNoHalo, float haloPx = 0) {
  out.push_back({std::move(text), std::move(run), x, y, size, colour, halo, haloPx});
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

// Builds one frame's layout; members keep the shared sizes so each furniture piece stays short.
struct Layouter {
  const FrameSnapshot& f;
  const GlyphAtlas& atlas;
  const MapStyle& style;
  FrameLayout out;
  std::vector<ScreenRect> reserved;
  float pr, pad, em;
  float top, bottom;  // the map area between the caveat banners

  Layouter(const FrameSnapshot& frame, const GlyphAtlas& a)
      : f(frame), atlas(a), style(frame.style), pr(std::max(0.25f, frame.pixelRatio)), pad(6 * pr),
        em(1.f / a.basePixelSize()), top(0), bottom(static_cast<float>(frame.heightPx)) {
    out.widthPx = f.widthPx;
    out.heightPx = f.heightPx;
    for (const auto& r : f.occluded) reserved.push_back({r[0], r[1], r[2], r[3]});
  }

  // Outside the map area, or on a panel already placed.
  bool clashes(const ScreenRect& box) const {
    if (box.x0 < 0 || box.x1 > f.widthPx || box.y0 < top || box.y1 > bottom) return true;
    for (const auto& r : out.furnitureBoxes)
      if (box.overlaps(r)) return true;
    return false;
  }

  // Whether the box covers an option's point or crosses one of its labelled lines: the map's subject.
  bool coversSubject(const ScreenRect& box) const {
    for (const auto& layer : f.layers) {
      if (layer.isBasemap || !layer.group || layer.id.rfind("option/", 0) != 0) continue;
      for (const auto& p : layer.group->points) {
        const float x = screenX(p), y = screenY(p);
        if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) return true;
      }
      for (const auto& place : layer.group->labels)
        for (size_t i = 1; i < place.path.size(); ++i)
          if (ScreenSegment{screenX(place.path[i - 1]), screenY(place.path[i - 1]), screenX(place.path[i]), screenY(place.path[i])}
                  .crosses(box))
            return true;
    }
    return false;
  }

  float lineHeight(float size) const { return atlas.lineHeight() * em * size; }
  float ascender(float size) const { return atlas.ascender() * em * size; }

  void panel(const ScreenRect& box, float alpha = 0.f) {
    pushRect(out.furniture, box, alpha > 0 ? style.furniturePanel.withAlpha(alpha) : style.furniturePanel);
    reserved.push_back(box);
    out.furnitureBoxes.push_back(box);
  }

  // Classification banners across the top and bottom edges, text centred; the rest of the map sits between.
  void caveat() {
    if (f.furniture.caveat.empty()) return;
    const float size = style.caveatSize * pr;
    const auto lines = wrapText(atlas, f.furniture.caveat, size, f.widthPx - 2 * pad, 1);
    if (lines.empty()) return;
    const TextRun run = layoutText(atlas, lines[0], size);
    const float h = lineHeight(size) + pad;
    for (float y0 : {0.f, f.heightPx - h}) {
      const ScreenRect band{0, y0, static_cast<float>(f.widthPx), y0 + h};
      pushRect(out.furniture, band, style.caveatBanner);
      reserved.push_back(band);
      out.furnitureBoxes.push_back(band);
      pushText(out.furnitureText, lines[0], run, (f.widthPx - run.width) / 2, y0 + pad / 2 + ascender(size), size,
               style.caveatText);
    }
    top = h;
    bottom = f.heightPx - h;
  }

  // Bottom right: the documents behind the visible features as numbered footnotes, the export time and the
  // data credits, in one panel so the corner reads as "where this came from".
  ScreenRect credits() {
    const float size = style.furnitureTextSize * pr;
    // As wide as the credit line (when the image is), else half the image; footnotes wrap onto more lines.
    const float creditW = f.showAttribution ? layoutText(atlas, f.attribution, size).width + 2 * pad : 0.f;
    const float maxW = std::min(f.widthPx - 2 * pad, std::max({0.5f * f.widthPx, 420 * pr, creditW})) - 2 * pad;
    std::vector<std::string> lines;
    std::vector<std::string> tail;  // the time and the credit, under the footnotes
    for (const std::string* text : {&f.furniture.timestamp, f.showAttribution ? &f.attribution : nullptr}) {
      if (!text || text->empty() || maxW <= 0) continue;
      const auto wrapped = wrapText(atlas, *text, size, maxW, 2);
      tail.insert(tail.end(), wrapped.begin(), wrapped.end());
    }
    if (!f.furniture.sources.empty() && maxW > 0) {
      // A footnote is a citation: cut short it names nothing, so each wraps whole onto as many lines as it needs.
      // The corner takes at most 40 % of the map's height; footnotes that do not fit whole are counted instead.
      constexpr size_t kMaxSources = 8;
      constexpr int kMaxLinesPerSource = 12;
      const int budget = static_cast<int>(0.4f * (bottom - top) / lineHeight(size)) - static_cast<int>(tail.size()) - 1;
      std::vector<std::string> notes;
      size_t shown = 0;
      for (; shown < f.furniture.sources.size() && shown < kMaxSources; ++shown) {
        const auto wrapped = wrapText(atlas, "[" + std::to_string(shown + 1) + "] " + f.furniture.sources[shown], size,
                                      maxW, kMaxLinesPerSource);
        const bool last = shown + 1 == f.furniture.sources.size();
        if (static_cast<int>(notes.size() + wrapped.size()) + (last ? 0 : 1) > budget && shown > 0) break;
        notes.insert(notes.end(), wrapped.begin(), wrapped.end());
      }
      lines.push_back("Sources:");
      lines.insert(lines.end(), notes.begin(), notes.end());
      if (f.furniture.sources.size() > shown)
        lines.push_back("… and " + std::to_string(f.furniture.sources.size() - shown) + " more");
    }
    lines.insert(lines.end(), tail.begin(), tail.end());
    if (lines.empty()) return {};
    std::vector<TextRun> runs;
    float w = 0;
    for (const auto& l : lines) {
      runs.push_back(layoutText(atlas, l, size));
      w = std::max(w, runs.back().width);
    }
    const float x1 = f.widthPx - pad, y1 = bottom - pad;
    if (lines.size() == 1) {  // the credit line alone: a panel as tight as the text's ink
      const TextRun& run = runs[0];
      const ScreenRect box{x1 - run.width - 2 * pad, y1 - run.ascent - run.descent - pad, x1, y1};
      panel(box);
      pushText(out.furnitureText, lines[0], run, box.x0 + pad, box.y1 - pad / 2 - run.descent, size, style.furnitureText);
      return box;
    }
    const float rowH = lineHeight(size);
    const ScreenRect box{x1 - w - 2 * pad, y1 - rowH * lines.size() - pad, x1, y1};
    panel(box);
    float y = box.y0 + pad / 2;
    for (size_t i = 0; i < lines.size(); ++i) {
      pushText(out.furnitureText, lines[i], runs[i], box.x0 + pad, y + ascender(size), size, style.furnitureText);
      y += rowH;
    }
    return box;
  }

  // Bottom left: scale bar (true ground distance at the centre) with the north arrow above it.
  void scaleBarAndNorthArrow(const ScreenRect& creditsBox) {
    float base = bottom - pad;
    ScreenRect barBox{};
    if (f.showScaleBar) {
      const double mpp = f.view.metresPerPixel;
      const double ground = f.groundMetresPerPixel > 0 ? f.groundMetresPerPixel : mpp;
      const double metres = niceScaleBarLength(120 * pr * ground);
      if (metres > 0) {
        const float lengthPx = static_cast<float>(metres / ground);
        const float size = style.furnitureTextSize * pr;
        const std::string label = formatDistance(metres);
        const TextRun run = layoutText(atlas, label, size);
        const float barH = 4 * pr;
        const float boxH = barH + run.ascent + run.descent + 2 * pr + 2 * pad;
        const float boxW = lengthPx + 2 * pad + run.width * 0.5f + pad;
        // Above the credits when a narrow image leaves no room beside them.
        if (creditsBox.x1 > creditsBox.x0 && creditsBox.x0 < pad + boxW + pad) base = creditsBox.y0 - pad;
        const float x0 = pad + pad, yBar = base - pad - barH;
        const ScreenRect box{pad, base - boxH, pad + boxW, base};
        panel(box);
        barBox = box;
        pushRect(out.furniture, {x0 - pr, yBar - pr, x0 + lengthPx + pr, yBar + barH + pr}, style.furnitureText);
        pushRect(out.furniture, {x0 + lengthPx / 2, yBar, x0 + lengthPx, yBar + barH}, Rgba::hex(0xffffff));
        const float baseline = yBar - 3 * pr - run.descent;
        pushText(out.furnitureText, label, run, x0 + lengthPx - run.width / 2, baseline, size, style.furnitureText);
        pushText(out.furnitureText, "0", layoutText(atlas, "0", size), x0 - 3 * pr, baseline, size, style.furnitureText);
      }
    } else if (creditsBox.x1 > creditsBox.x0 && creditsBox.x0 < pad + style.northArrowSize * pr + pad) {
      base = creditsBox.y0 - pad;
    }
    if (!f.furniture.northArrow) return;
    // An arrowhead split down its axis (dark and light halves) pointing to true north, "N" beyond the tip.
    // Beside the scale bar when there is room, else above it; left out when the image has no room at all.
    const float side = style.northArrowSize * pr;
    ScreenRect box{pad, base - side, pad + side, base};
    if (barBox.x1 > barBox.x0) {
      box = {barBox.x1 + pad, barBox.y1 - side, barBox.x1 + pad + side, barBox.y1};
      if (clashes(box)) box = {pad, barBox.y0 - pad - side, pad + side, barBox.y0 - pad};
    }
    if (clashes(box)) return;
    panel(box);
    const float cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2 + 0.06f * side;
    const double a = f.furniture.northAngleDeg * M_PI / 180.0;
    const float s = static_cast<float>(std::sin(a)), c = static_cast<float>(std::cos(a));
    // (right, up) in the arrow's frame to screen pixels (y down).
    auto at = [&](float right, float up) -> std::array<float, 2> {
      return {cx + right * c + up * s, cy + right * s - up * c};
    };
    const float len = 0.25f * side, half = 0.13f * side;
    const auto tip = at(0, len), notch = at(0, -0.45f * len), left = at(-half, -len), right = at(half, -len);
    pushPolygon(out.furniture, {tip, left, notch}, style.furnitureText);
    pushPolygon(out.furniture, {tip, notch, right}, Rgba::hex(0x9a9a9a));
    const float size = style.furnitureTextSize * 1.15f * pr;
    TextRun n = layoutText(atlas, "N", size);
    const auto p = at(0, len + 0.16f * side);
    pushText(out.furnitureText, "N", n, p[0] - n.width / 2, p[1] + (n.ascent - n.descent) / 2, size, style.furnitureText);
  }

  // Top left title and subtitle; top right legend (measured first so the title keeps clear of it).
  void titleAndLegend() {
    // The legend shrinks (to 60 %) rather than cover the map's subject: type enlarged for the room (`+` while
    // presenting) made it cover the end of the contact line.
    float legendScale = 1.f;
    float legendSize = 0, rowH = 0, swatchW = 0, gapX = 0, legendW = 0;
    std::vector<TextRun> runs;
    for (float scale : {1.f, 0.85f, 0.72f, 0.6f}) {
      legendScale = scale;
      legendSize = style.furnitureTextSize * 1.1f * pr * scale;
      rowH = legendSize * 1.45f, swatchW = 22 * pr * scale, gapX = 6 * pr * scale;
      runs.clear();
      legendW = 0;
      for (const auto& e : f.legend) {
        const bool heading = e.symbol == LegendEntry::Symbol::Heading;
        runs.push_back(layoutText(atlas, e.label, heading ? legendSize * 1.05f : legendSize));
        legendW = std::max(legendW, runs.back().width + (heading ? 0 : swatchW + gapX) + 2 * pad);
      }
      const ScreenRect corner{f.widthPx - pad - legendW, top + pad, f.widthPx - pad, top + pad + rowH * f.legend.size() + pad};
      if (!coversSubject(corner)) break;
    }
    const float ls = legendScale * pr;  // legend swatches' own scale
    float legendTop = top + pad;

    // Large enough to read on a wall screen. The title wraps to two lines and the subtitle to three, ending
    // in an ellipsis rather than running off the image or under the legend; when the legend leaves too little
    // room beside them, the legend moves below.
    if (!f.furniture.title.empty() || !f.furniture.subtitle.empty()) {
      const float full = f.widthPx - 2 * pad;
      float avail = f.legend.empty() ? full : full - legendW - pad;
      // A caption is read in one line when the image is wide enough for it: the legend moves below rather than
      // break it (a slide's caption at the wall screen's size is wider than the room beside the legend).
      auto captionLines = [&](float width) {
        return f.furniture.subtitle.empty() || width <= 2 * pad
                   ? size_t{0}
                   : wrapText(atlas, f.furniture.subtitle, style.subtitleSize * pr, width - 2 * pad, 3).size();
      };
      const bool captionBroken = !f.legend.empty() && captionLines(avail) > 1 && captionLines(full) == 1;
      const bool legendBelow = !f.legend.empty() && (avail < 0.45f * full || captionBroken);
      if (legendBelow) avail = full;
      const float inner = avail - 2 * pad;
      struct Line {
        std::string text;
        float size;
        Rgba colour;
      };
      std::vector<Line> lines;
      auto addLines = [&](const std::string& text, float size, int maxLines, Rgba colour) {
        if (text.empty() || inner <= 0) return;
        for (auto& l : wrapText(atlas, text, size, inner, maxLines)) lines.push_back({std::move(l), size, colour});
      };
      // Fewer lines (subtitle first) until the panel clears the furniture below it.
      ScreenRect box{};
      for (int cut = 0; cut <= 4; ++cut) {
        lines.clear();
        addLines(f.furniture.title, style.titleSize * pr, std::min(2, 5 - cut), style.titleText);
        addLines(f.furniture.subtitle, style.subtitleSize * pr, std::max(0, 3 - cut), style.subtitleText);
        float textW = 0, textH = 0;
        for (const auto& l : lines) {
          textW = std::max(textW, layoutText(atlas, l.text, l.size).width);
          textH += lineHeight(l.size);
        }
        box = {pad, top + pad, pad + textW + 2 * pad, top + pad + textH + 1.2f * pad};
        if (lines.empty() || !clashes(box)) break;
      }
      if (!lines.empty() && !clashes(box)) {
        panel(box, 0.88f);
        float y = box.y0 + 0.6f * pad;
        for (const auto& l : lines) {
          pushText(out.furnitureText, l.text, layoutText(atlas, l.text, l.size), box.x0 + pad, y + ascender(l.size),
                   l.size, l.colour);
          y += lineHeight(l.size);
        }
        if (legendBelow) legendTop = box.y1 + pad;
      }
    }
    if (f.legend.empty()) return;
    // As many rows as fit above the furniture below; the rest summed up in a last row.
    size_t rows = f.legend.size();
    auto boxFor = [&](size_t n) {
      return ScreenRect{f.widthPx - pad - legendW, legendTop, f.widthPx - pad, legendTop + rowH * n + pad};
    };
    while (rows > 0 && clashes(boxFor(rows))) --rows;
    if (rows == 0 || (rows < 2 && rows < f.legend.size())) return;  // a summary row alone says nothing
    const size_t shown = rows == f.legend.size() ? rows : rows - 1;
    const ScreenRect box = boxFor(rows);
    panel(box, 0.88f);
    float y = box.y0 + pad * 0.5f;
    auto& shapes = out.furniture;
    for (size_t i = 0; i < shown; ++i) {
      const auto& e = f.legend[i];
      const float mid = y + rowH * 0.5f;
      float x = box.x0 + pad;
      using S = LegendEntry::Symbol;
      switch (e.symbol) {
        case S::Fill:
          pushRect(shapes, {x, mid - 5 * ls, x + swatchW, mid + 5 * ls}, e.colour.withAlpha(std::max(0.35f, e.colour.a)));
          break;
        case S::Line: pushRect(shapes, {x, mid - 1.2f * ls, x + swatchW, mid + 1.2f * ls}, e.colour.withAlpha(1)); break;
        case S::DashedLine:
          for (float dx = 0; dx < swatchW; dx += 9 * ls)
            pushRect(shapes, {x + dx, mid - 1.2f * ls, x + std::min(swatchW, dx + 6 * ls), mid + 1.2f * ls}, e.colour.withAlpha(1));
          break;
        case S::Point:
          pushQuad(shapes, x + swatchW / 2, mid, 7 * ls, 7 * ls, e.colour.withAlpha(1), Rgba::hex(0xffffff),
                   layoutKindOf(e.shape), 4.5f * ls, 1.2f * ls);
          break;
        case S::HollowPoint:
          pushQuad(shapes, x + swatchW / 2, mid, 7 * ls, 7 * ls, Rgba::hex(0xffffff), e.colour.withAlpha(1),
                   layoutKindOf(e.shape), 4.5f * ls, 2.f * ls);
          break;
        case S::Heading: break;
      }
      if (e.symbol != S::Heading) x += swatchW + gapX;
      const bool heading = e.symbol == S::Heading;
      pushText(out.furnitureText, e.label, runs[i], x, mid + (runs[i].ascent - runs[i].descent) * 0.5f,
               heading ? legendSize * 1.05f : legendSize, heading ? Rgba::hex(0x000000) : style.furnitureText);
      y += rowH;
    }
    if (shown < f.legend.size()) {
      const std::string more = "\u2026 and " + std::to_string(f.legend.size() - shown) + " more";
      const TextRun run = layoutText(atlas, more, legendSize);
      pushText(out.furnitureText, more, run, box.x0 + pad, y + rowH * 0.5f + (run.ascent - run.descent) * 0.5f, legendSize,
               style.furnitureText);
    }
  }

  float screenX(const geo::MapXY& p) const {
    return static_cast<float>((p.x - f.view.centre.x) / f.view.metresPerPixel + f.widthPx * 0.5);
  }
  float screenY(const geo::MapXY& p) const {
    return static_cast<float>(f.heightPx * 0.5 - (p.y - f.view.centre.y) / f.view.metresPerPixel);
  }

  void labels() {
    const double mpp = f.view.metresPerPixel;
    const geo::MapBox viewBox = viewBoxOf(f);
    bool drawPlaces = false;
    float placesOpacity = 1.f;
    for (const auto& l : f.layers)
      if (l.isBasemap && l.part == BasemapPart::Places) {
        drawPlaces = true;
        placesOpacity = l.opacity;
      }
    LabelPlacerOptions options;
    options.viewportW = static_cast<float>(f.widthPx);
    options.viewportH = static_cast<float>(f.heightPx);
    options.padding = 2 * pr;
    options.gap = 3 * pr;
    options.labelSpacing = 0.4f * style.labelSize * pr;  // neighbours on one baseline must not read as one text

    // The option lines and ring outlines on screen: no label may cross them, except that a label with no
    // place clear of the rings (the backstop's five rings leave little room) crosses one rather than disappear.
    const std::vector<ScreenSegment> lines = lineObstacles(f), hardLines = lineObstacles(f, false);
    auto place = [&](const std::vector<LabelRequest>& requests) {
      auto placed = placeLabels(requests, reserved, lines, options);
      if (hardLines.size() == lines.size() || placed.size() == requests.size()) return placed;
      std::vector<bool> done(requests.size(), false);
      for (const auto& p : placed) done[p.request] = true;
      std::vector<ScreenRect> taken = reserved;
      for (const auto& p : placed)
        taken.push_back({p.box.x0 - options.labelSpacing, p.box.y0 - options.labelSpacing,
                         p.box.x1 + options.labelSpacing, p.box.y1 + options.labelSpacing});
      for (const auto& r : requests)
        if (r.symbolRadius > 0) taken.push_back({r.x - r.symbolRadius, r.y - r.symbolRadius, r.x + r.symbolRadius, r.y + r.symbolRadius});
      std::vector<LabelRequest> rest;
      std::vector<size_t> restIndex;
      for (size_t i = 0; i < requests.size(); ++i)
        if (!done[i]) {
          rest.push_back(requests[i]);
          restIndex.push_back(i);
        }
      for (auto p : placeLabels(rest, taken, hardLines, options)) {
        p.request = restIndex[p.request];
        placed.push_back(p);
      }
      return placed;
    };

    // Labels of option features come first: they are what the briefing is about.
    struct FeatureLabel {
      const ScenePlace* place;
      TextRun run;
      float size, x, y;
      Rgba colour;
    };
    std::vector<FeatureLabel> featureLabels;
    std::vector<LabelRequest> featureRequests;
    const Rgba optionHalo = style.labelHalo.withAlpha(1.f);
    for (const auto& layer : f.layers) {
      if (layer.isBasemap || !layer.group || layer.style.labelColour.a <= 0) continue;
      for (const auto& place : layer.group->labels) {
        const bool line = place.kind == "line" && place.path.size() >= 2;
        if (!line && !viewBox.contains(place.at.x, place.at.y)) continue;
        const float size = style.labelSize * pr;
        FeatureLabel fl{&place, layoutText(atlas, place.name, size), size, screenX(place.at), screenY(place.at),
                        legibleOn(layer.style.labelColour, optionHalo, kOptionLabelContrast).withAlpha(layer.opacity)};
        if (place.kind == "area" && place.sizeMetres / mpp < 1.5 * fl.run.width) continue;
        // One place, one label: an accepted candidate on a position of its option names the same place.
        const bool repeated = std::any_of(featureLabels.begin(), featureLabels.end(), [&](const FeatureLabel& o) {
          return o.place->name == place.name && std::hypot(o.x - fl.x, o.y - fl.y) < 6 * pr;
        });
        if (repeated) continue;
        float radius = place.kind == "point" ? (layer.style.pointRadius + 2) * pr : 0;
        std::vector<std::array<float, 2>> along;
        if (line) {
          std::vector<std::array<float, 2>> onScreen;
          for (const auto& p : place.path) onScreen.push_back({screenX(p), screenY(p)});
          along = pointsAlong(onScreen);
          if (along.empty()) continue;
          fl.x = along.front()[0];
          fl.y = along.front()[1];
          along.erase(along.begin());
          radius = layer.style.strokeWidth * 0.5f * pr;
        }
        featureRequests.push_back(labelRequest(fl.x, fl.y, fl.run, radius, 0, place.kind == "area"));
        featureRequests.back().alternatives = std::move(along);
        featureLabels.push_back(std::move(fl));
      }
    }
    if (!featureRequests.empty()) {
      for (const auto& p : place(featureRequests)) {
        const FeatureLabel& fl = featureLabels[p.request];
        pushText(out.labels, fl.place->name, fl.run, p.originX, p.originY, fl.size, fl.colour, optionHalo, 2.2f * pr);
        // Places keep clear of option labels, by the spacing between labels.
        reserved.push_back({p.box.x0 - options.labelSpacing, p.box.y0 - options.labelSpacing,
                            p.box.x1 + options.labelSpacing, p.box.y1 + options.labelSpacing});
      }
    }
    // A place that an option feature stands on is labelled once, by the feature.
    std::vector<std::pair<float, float>> featureAnchors;
    for (const auto& fl : featureLabels)
      if (fl.place->kind == "point") featureAnchors.emplace_back(fl.x, fl.y);
    if (!drawPlaces || !f.basemap || !f.basemap->places) return;
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
      const float px = screenX(place.at), py = screenY(place.at);
      bool taken = false;
      for (const auto& [ax, ay] : featureAnchors) taken = taken || std::hypot(ax - px, ay - py) < 4 * pr;
      if (taken) continue;
      const float size = (place.rank <= kMajorPlaceRank ? style.labelSizeMajor : style.labelSize) * pr;
      Candidate c{&place, layoutText(atlas, place.name, size), size, px, py, (place.kind == "capital" ? 4.f : 3.f) * pr};
      if (place.kind == "strait") c.radius = 0;
      requests.push_back(labelRequest(c.x, c.y, c.run, c.radius, place.rank, place.kind == "strait"));
      // A major place on an option's line (Kherson on the line of contact) is labelled across it rather than
      // lost with its symbol; its opaque halo keeps it legible over the line.
      requests.back().mayCrossLines = place.rank <= kMajorPlaceRank;
      candidates.push_back(std::move(c));
    }
    // Country names: only where the country is much wider on screen than its name.
    if (f.basemap->countryLabels) {
      for (const auto& country : *f.basemap->countryLabels) {
        if (!viewBox.contains(country.at.x, country.at.y)) continue;
        const float size = style.countryLabelSize * pr;
        Candidate c{&country, layoutText(atlas, country.name, size), size, screenX(country.at), screenY(country.at), 0};
        if (country.sizeMetres / mpp < 2.5 * c.run.width) continue;
        requests.push_back(labelRequest(c.x, c.y, c.run, 0, country.rank, true));
        candidates.push_back(std::move(c));
      }
    }
    const auto placed = place(requests);
    out.labelsPlaced = placed.size();
    for (const auto& p : placed) {
      const Candidate& c = candidates[p.request];
      const std::string& kind = c.place->kind;
      Rgba fill = style.placeSymbol, text = style.label;
      if (kind == "nuclear_plant") fill = Rgba::hex(0xe0a800);
      if (kind == "port") fill = Rgba::hex(0x2f6690);
      if (kind == "strait") text = Rgba::hex(0x2f5f86);
      if (kind == "country") text = style.countryLabel;
      if (c.radius > 0) {
        const Kind shape = (kind == "capital" || kind == "air_base" || kind == "nuclear_plant") ? Kind::Square : Kind::Circle;
        const float r = c.radius;
        pushQuad(out.symbols, c.x, c.y, r + 1.5f * pr, r + 1.5f * pr, fill.withAlpha(placesOpacity),
                 style.placeSymbolStroke.withAlpha(placesOpacity), shape, r, kind == "capital" ? 1.6f * pr : 1.1f * pr);
      }
      const Rgba halo = kind == "country" ? style.land.withAlpha(0.85f) : style.labelHalo;
      text = legibleOn(text, halo.withAlpha(1.f), kPlaceLabelContrast);
      pushText(out.labels, c.place->name, c.run, p.originX, p.originY, c.size, text.withAlpha(placesOpacity),
               halo.withAlpha(halo.a * placesOpacity), 1.6f * pr);
    }
  }
};

}  // namespace

std::vector<ScreenSegment> lineObstacles(const FrameSnapshot& f, bool withOutlines) {
  const double mpp = f.view.metresPerPixel;
  auto onScreen = [&](const geo::MapXY& a, const geo::MapXY& b) {
    return ScreenSegment{static_cast<float>((a.x - f.view.centre.x) / mpp + f.widthPx * 0.5),
                         static_cast<float>(f.heightPx * 0.5 - (a.y - f.view.centre.y) / mpp),
                         static_cast<float>((b.x - f.view.centre.x) / mpp + f.widthPx * 0.5),
                         static_cast<float>(f.heightPx * 0.5 - (b.y - f.view.centre.y) / mpp)};
  };
  const ScreenRect target{0, 0, static_cast<float>(f.widthPx), static_cast<float>(f.heightPx)};
  std::vector<ScreenSegment> lines;
  for (const auto& layer : f.layers) {
    if (layer.isBasemap || !layer.group) continue;
    for (const auto& place : layer.group->labels)
      for (size_t i = 1; i < place.path.size(); ++i) lines.push_back(onScreen(place.path[i - 1], place.path[i]));
    // Outlines only where they are drawn; a ring has hundreds of pieces, most of them off the target.
    if (!withOutlines || layer.style.strokeWidth <= 0 || layer.opacity <= 0) continue;
    for (const auto& outline : layer.group->obstacleOutlines)
      for (size_t i = 1; i < outline.size(); ++i) {
        const ScreenSegment s = onScreen(outline[i - 1], outline[i]);
        if (s.crosses(target)) lines.push_back(s);
      }
  }
  return lines;
}

geo::MapBox viewBoxOf(const FrameSnapshot& f) {
  const double mpp = f.view.metresPerPixel;
  geo::MapBox box;
  const double margin = 8 * mpp;  // the widest line's half width, so nothing pops at the edges
  box.add(f.view.centre.x - f.widthPx * 0.5 * mpp - margin, f.view.centre.y - f.heightPx * 0.5 * mpp - margin);
  box.add(f.view.centre.x + f.widthPx * 0.5 * mpp + margin, f.view.centre.y + f.heightPx * 0.5 * mpp + margin);
  return box;
}

FrameLayout layoutFrame(const FrameSnapshot& frame, const GlyphAtlas& atlas) {
  Layouter l(frame, atlas);
  if (frame.widthPx <= 0 || frame.heightPx <= 0) return std::move(l.out);
  // Furniture first, so labels can keep clear of it.
  l.caveat();
  const ScreenRect creditsBox = l.credits();
  l.scaleBarAndNorthArrow(creditsBox);
  l.titleAndLegend();
  if (!frame.inMotion) l.labels();
  return std::move(l.out);
}

}  // namespace briefmap::render
