#include "briefmap/render/label_placer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace briefmap::render {
namespace {

constexpr float kCellPx = 32.f;        // about two label heights: a query touches only a few cells
constexpr float kMaxCells = 262144.f;  // keeps the index small even for huge export viewports

// Uniform grid over the viewport; every obstacle is listed in each cell its rectangle touches. Cell
// indices are clamped, so an obstacle or query straddling the edge still meets in the border cells.
class ObstacleGrid {
 public:
  ObstacleGrid(float width, float height) {
    m_cell = std::max(kCellPx, std::sqrt(width * height / kMaxCells));
    m_cols = std::max(1, static_cast<int>(std::ceil(width / m_cell)));
    m_rows = std::max(1, static_cast<int>(std::ceil(height / m_cell)));
    m_cells.resize(static_cast<std::size_t>(m_cols) * static_cast<std::size_t>(m_rows));
    m_cellSegments.resize(m_cells.size());
  }

  /// `owner` is the request whose own symbol this is, so its label may ignore it; kNoOwner otherwise.
  void insert(const ScreenRect& rect, std::size_t owner) {
    const auto index = static_cast<std::uint32_t>(m_rects.size());
    m_rects.push_back(rect);
    m_owners.push_back(owner);
    forEachCell(rect, [&](std::size_t cell) {
      m_cells[cell].push_back(index);
      return false;
    });
  }

  void insert(const ScreenSegment& segment) {
    const auto index = static_cast<std::uint32_t>(m_segments.size());
    m_segments.push_back(segment);
    const ScreenRect bounds{std::min(segment.x0, segment.x1), std::min(segment.y0, segment.y1),
                            std::max(segment.x0, segment.x1), std::max(segment.y0, segment.y1)};
    forEachCell(bounds, [&](std::size_t cell) {
      if (segment.crosses(cellRect(cell))) m_cellSegments[cell].push_back(index);
      return false;
    });
  }

  bool collides(const ScreenRect& rect, std::size_t self, bool withLines = true) const {
    return forEachCell(rect, [&](std::size_t cell) {
      return std::any_of(m_cells[cell].begin(), m_cells[cell].end(),
                         [&](std::uint32_t i) { return m_owners[i] != self && m_rects[i].overlaps(rect); }) ||
             (withLines && std::any_of(m_cellSegments[cell].begin(), m_cellSegments[cell].end(),
                                       [&](std::uint32_t i) { return m_segments[i].crosses(rect); }));
    });
  }

  static constexpr std::size_t kNoOwner = static_cast<std::size_t>(-1);

 private:
  // A border cell reaches to infinity, as clampedCell sends everything beyond the edge to it.
  ScreenRect cellRect(std::size_t cell) const {
    const int cx = static_cast<int>(cell % static_cast<std::size_t>(m_cols));
    const int cy = static_cast<int>(cell / static_cast<std::size_t>(m_cols));
    constexpr float kFar = 1e30f;
    return {cx == 0 ? -kFar : cx * m_cell, cy == 0 ? -kFar : cy * m_cell, cx == m_cols - 1 ? kFar : (cx + 1) * m_cell,
            cy == m_rows - 1 ? kFar : (cy + 1) * m_cell};
  }

  int clampedCell(float v, int count) const {
    const float c = std::floor(v / m_cell);
    if (!(c > 0.f)) return 0;  // also catches NaN
    return c >= static_cast<float>(count - 1) ? count - 1 : static_cast<int>(c);
  }

  // Calls fn with the index of each cell touched by rect until it returns true; returns whether it did.
  template <typename Fn>
  bool forEachCell(const ScreenRect& rect, Fn&& fn) const {
    const int cx0 = clampedCell(rect.x0, m_cols), cx1 = clampedCell(rect.x1, m_cols);
    const int cy0 = clampedCell(rect.y0, m_rows), cy1 = clampedCell(rect.y1, m_rows);
    for (int cy = cy0; cy <= cy1; ++cy) {
      for (int cx = cx0; cx <= cx1; ++cx) {
        if (fn(static_cast<std::size_t>(cy) * static_cast<std::size_t>(m_cols) + static_cast<std::size_t>(cx))) return true;
      }
    }
    return false;
  }

  float m_cell = kCellPx;
  int m_cols = 1;
  int m_rows = 1;
  std::vector<std::vector<std::uint32_t>> m_cells;
  std::vector<ScreenRect> m_rects;
  std::vector<std::size_t> m_owners;
  std::vector<std::vector<std::uint32_t>> m_cellSegments;
  std::vector<ScreenSegment> m_segments;
};

bool finite(float v) { return std::isfinite(v); }

bool isPlaceable(const LabelRequest& r) {
  return finite(r.x) && finite(r.y) && finite(r.textWidth) && finite(r.ascent) && finite(r.descent) &&
         finite(r.symbolRadius) && r.textWidth > 0.f && r.ascent + r.descent > 0.f;
}

struct Candidate {
  LabelAnchor anchor;
  float originX, originY;
};

// Right/Left centre the text's ink vertically on the point; Above/Below centre it horizontally and
// keep `gap` between the symbol's edge and the nearest side of the text box.
Candidate candidate(const LabelRequest& r, LabelAnchor anchor, float gap) {
  const float radius = std::max(0.f, r.symbolRadius);
  const float middleBaseline = r.y + (r.ascent - r.descent) * 0.5f;
  switch (anchor) {
    case LabelAnchor::Right: return {anchor, r.x + radius + gap, middleBaseline};
    case LabelAnchor::Left: return {anchor, r.x - radius - gap - r.textWidth, middleBaseline};
    case LabelAnchor::Above: return {anchor, r.x - r.textWidth * 0.5f, r.y - radius - gap - r.descent};
    case LabelAnchor::Below: return {anchor, r.x - r.textWidth * 0.5f, r.y + radius + gap + r.ascent};
    case LabelAnchor::Center: break;
  }
  return {LabelAnchor::Center, r.x - r.textWidth * 0.5f, middleBaseline};
}

ScreenRect expanded(const ScreenRect& r, float by) { return {r.x0 - by, r.y0 - by, r.x1 + by, r.y1 + by}; }

}  // namespace

// Liang–Barsky: clip the segment's parameter range to each slab of the rectangle; it meets the
// rectangle when something of [0, 1] is left.
bool ScreenSegment::crosses(const ScreenRect& r) const {
  float t0 = 0.f, t1 = 1.f;
  const float dx = x1 - x0, dy = y1 - y0;
  auto clip = [&](float p, float q) {
    if (p == 0.f) return q >= 0.f;  // parallel to this edge: inside its slab or not at all
    const float t = q / p;
    if (p < 0.f) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
    return t0 <= t1;
  };
  return clip(-dx, x0 - r.x0) && clip(dx, r.x1 - x0) && clip(-dy, y0 - r.y0) && clip(dy, r.y1 - y0);
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const ScreenRect> reserved,
                                     const LabelPlacerOptions& options) {
  return placeLabels(requests, reserved, {}, options);
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const ScreenRect> reserved,
                                     std::span<const ScreenSegment> lines, const LabelPlacerOptions& options) {
  std::vector<PlacedLabel> placed;
  const float w = options.viewportW, h = options.viewportH;
  if (!(w > 0.f && h > 0.f && finite(w) && finite(h))) return placed;
  const float padding = finite(options.padding) ? std::max(0.f, options.padding) : 0.f;
  const float gap = finite(options.gap) ? std::max(0.f, options.gap) : 0.f;
  const float margin = finite(options.edgeMargin) ? options.edgeMargin : 0.f;
  const float spacing = finite(options.labelSpacing) ? std::max(0.f, options.labelSpacing) : 0.f;
  const ScreenRect inside{margin, margin, w - margin, h - margin};

  // Obstacles that cannot reach any padded label box inside the viewport stay out of the index, so
  // symbols of off-screen places cost nothing.
  const ScreenRect reach = expanded(inside, padding + 1.f);
  ObstacleGrid grid(w, h);
  for (const ScreenRect& r : reserved) {
    if (r.overlaps(reach)) grid.insert(r, ObstacleGrid::kNoOwner);
  }
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const LabelRequest& r = requests[i];
    if (!(r.symbolRadius > 0.f) || !finite(r.symbolRadius) || !finite(r.x) || !finite(r.y)) continue;
    const ScreenRect square{r.x - r.symbolRadius, r.y - r.symbolRadius, r.x + r.symbolRadius, r.y + r.symbolRadius};
    if (square.overlaps(reach)) grid.insert(square, i);
  }
  for (const ScreenSegment& s : lines) {
    if (!finite(s.x0) || !finite(s.y0) || !finite(s.x1) || !finite(s.y1)) continue;
    if (s.crosses(reach)) grid.insert(s);
  }

  std::vector<std::size_t> order(requests.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return requests[a].rank < requests[b].rank; });

  static constexpr std::array kPointAnchors{LabelAnchor::Right, LabelAnchor::Left, LabelAnchor::Above,
                                            LabelAnchor::Below};
  static constexpr std::array kAreaAnchors{LabelAnchor::Center};
  for (std::size_t index : order) {
    const LabelRequest& r = requests[index];
    if (!isPlaceable(r)) continue;
    const std::span<const LabelAnchor> anchors =
        r.allowCenter ? std::span<const LabelAnchor>(kAreaAnchors) : std::span<const LabelAnchor>(kPointAnchors);
    // A line label may stand at any of its points; a point or area label at its one point.
    LabelRequest at = r;
    at.alternatives.clear();
    bool done = false;
    // First clear of lines too; then, for a label that may cross them, clear of everything but lines.
    for (const bool avoidLines : {true, false}) {
      if (!avoidLines && !r.mayCrossLines) break;
      for (std::size_t point = 0; point <= r.alternatives.size() && !done; ++point) {
        at.x = point == 0 ? r.x : r.alternatives[point - 1][0];
        at.y = point == 0 ? r.y : r.alternatives[point - 1][1];
        if (!finite(at.x) || !finite(at.y)) continue;
        for (LabelAnchor anchor : anchors) {
          const Candidate c = candidate(at, anchor, gap);
          const ScreenRect box{c.originX, c.originY - r.ascent, c.originX + r.textWidth, c.originY + r.descent};
          if (box.x0 < inside.x0 || box.y0 < inside.y0 || box.x1 > inside.x1 || box.y1 > inside.y1) continue;
          if (grid.collides(expanded(box, padding), index, avoidLines)) continue;
          grid.insert(expanded(box, spacing), ObstacleGrid::kNoOwner);
          placed.push_back({index, c.anchor, c.originX, c.originY, box});
          done = true;
          break;
        }
      }
      if (done) break;
    }
  }
  return placed;
}

}  // namespace briefmap::render
