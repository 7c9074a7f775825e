#pragma once
// Greedy point/area/line label placement with collision avoidance, in screen pixels (y down). GL-free.
#include <array>
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

/// A straight piece of a line drawn on the map, in screen pixels: labels keep off it.
struct ScreenSegment {
  float x0, y0, x1, y1;
  /// True when the segment passes through the rectangle's interior or touches it.
  bool crosses(const ScreenRect& r) const;
};

enum class LabelAnchor { Right, Left, Above, Below, Center };

struct LabelRequest {
  float x, y;                        ///< the point being labelled, screen pixels
  float textWidth, ascent, descent;  ///< from layoutText at the final size
  float symbolRadius = 0;            ///< keep this much clear around the point (its symbol)
  int rank = 1;                      ///< 1 = most important; lower rank numbers are placed first
  bool allowCenter = false;          ///< for area labels (country names): place centred on the point only
  /// Line labels: further points along the line, tried in order after (x, y) with the same anchors.
  std::vector<std::array<float, 2>> alternatives;
  /// When every position is crossed by a line, take the first one that only a line crosses rather than drop
  /// the label (and its symbol): for the places a map cannot lose, such as a city on the line of contact.
  bool mayCrossLines = false;
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
  /// Extra clearance between two labels (on top of padding), so that neighbours on one baseline never
  /// read as one line of text.
  float labelSpacing = 0;
};

/// Places labels greedily by rank (ties keep input order): for each request, tries Right, Left, Above, Below
/// (or Center only when allowCenter), rejects a position whose box (padded) overlaps an already placed box,
/// a reserved rectangle (map furniture: title, legend, scale bar, attribution), another request's symbol circle
/// (approximated by its bounding square), or leaves the viewport. Returns the placed labels in placement order
/// (rank, then input order); the origin is the baseline-left point to pass to the text drawing.
/// Requests with a non-finite position or an empty or non-finite text box are skipped. Deterministic; O(n log n) with a uniform grid index.
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const ScreenRect> reserved,
                                     const LabelPlacerOptions& options);
/// The same, keeping every label box (padded) off the `lines` drawn on the map as well.
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const ScreenRect> reserved,
                                     std::span<const ScreenSegment> lines, const LabelPlacerOptions& options);

}  // namespace briefmap::render
