#pragma once
// Greedy point/area label placement with collision avoidance, in screen pixels (y down). GL-free.
#include <cstddef>
#include <span>
#include <vector>

namespace briefmap::render {

/// Axis-aligned rectangle in screen pixels, y down; x0 <= x1, y0 <= y1.
struct ScreenRect {
  float x0, y0, x1, y1;
  /// True when the interiors intersect; rectangles that only touch do not overlap.
  bool overlaps(const ScreenRect& other) const {
    return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
  }
  bool operator==(const ScreenRect&) const = default;
};

enum class LabelAnchor { Right, Left, Above, Below, Center };

struct LabelRequest {
  float x, y;                        ///< the point being labelled, screen pixels
  float textWidth, ascent, descent;  ///< from layoutText at the final size
  float symbolRadius = 0;            ///< keep this much clear around the point (its symbol)
  int rank = 1;                      ///< 1 = most important; lower rank numbers are placed first
  bool allowCenter = false;          ///< for area labels (country names): place centred on the point only
};

struct PlacedLabel {
  std::size_t request;  ///< index into the requests span
  LabelAnchor anchor;
  float originX, originY;  ///< baseline-left point to pass to the text drawing
  ScreenRect box;          ///< the text's box (width x ascent+descent), without padding
  bool operator==(const PlacedLabel&) const = default;
};

struct LabelPlacerOptions {
  float viewportW, viewportH;  ///< screen pixels
  float padding = 2;           ///< minimum clearance between a label box and anything else
  float gap = 3;               ///< distance between a symbol's edge and its label
  float edgeMargin = 2;        ///< label boxes keep this far from the viewport edges
};

/// Places labels greedily by rank (ties keep input order): for each request, tries Right, Left, Above, Below
/// (or Center only when allowCenter), rejects a position whose box (padded) overlaps an already placed box,
/// a reserved rectangle (map furniture: title, legend, scale bar, attribution), another request's symbol circle
/// (approximated by its bounding square), or leaves the viewport. Returns the placed labels in placement order
/// (rank, then input order); the origin is the baseline-left point to pass to the text drawing.
/// Requests with a non-finite position or an empty or non-finite text box are skipped. Deterministic; O(n log n) with a uniform grid index.
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const ScreenRect> reserved,
                                     const LabelPlacerOptions& options);

}  // namespace briefmap::render
