#pragma once
// Layout separated from drawing: everything a frame places in screen space (map furniture, place symbols,
// labels) computed once, GL-free, into a display list. The OpenGL renderer draws it (whole, or one tile of
// a larger image at an offset) and the vector backend draws the same list, so the window, tiled PNG
// exports and PDF/SVG put every label and panel in the same place.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "briefmap/render/frame.hpp"
#include "briefmap/render/glyph_atlas.hpp"
#include "briefmap/render/label_placer.hpp"
#include "briefmap/render/text_layout.hpp"

namespace briefmap::render {

/// A screen-space shape in target pixels (y down, origin top-left of the whole image).
struct LayoutShape {
  enum class Kind { Rect, Circle, Square, Triangle, Diamond, Polygon };
  Kind kind = Kind::Rect;
  float cx = 0, cy = 0, halfW = 0, halfH = 0;  ///< the quad; a Rect fills it exactly
  float halfSize = 0, strokeWidth = 0;          ///< Circle: radius, Square: half side, Triangle/Diamond: as a
                                                ///< point symbol of that radius (style.hpp); edge width; pixels
  Rgba fill, stroke;
  std::vector<std::array<float, 2>> points;     ///< Polygon only: convex, in order
};

/// One line of text at a baseline-left origin.
struct LayoutText {
  std::string text;  ///< UTF-8 (the vector backend writes it as text)
  TextRun run;       ///< the same text laid out against the label atlas (the GL renderer draws these quads)
  float x = 0, y = 0;
  float size = 0;    ///< em size, pixels
  Rgba colour;
  Rgba halo;         ///< alpha 0 = none
  float haloPx = 0;
};

/// The display list of one frame, bottom first: symbols, labels, then furniture panels and their text.
struct FrameLayout {
  int widthPx = 0, heightPx = 0;
  std::vector<LayoutShape> symbols;
  std::vector<LayoutText> labels;
  std::vector<LayoutShape> furniture;
  std::vector<LayoutText> furnitureText;
  std::vector<ScreenRect> furnitureBoxes;  ///< every furniture panel (labels keep clear of them)
  std::size_t labelsPlaced = 0;            ///< basemap place and country labels placed
};

/// Places furniture and labels for the whole frame. Deterministic: the same frame gives the same list.
FrameLayout layoutFrame(const FrameSnapshot& frame, const GlyphAtlas& atlas);

/// Places of this rank or more important (capitals, major cities, the plants that options name) are drawn larger,
/// and are labelled across an option's line when no clear position is left, instead of being dropped.
inline constexpr int kMajorPlaceRank = 2;

/// What labels keep off, in target pixels: the option lines (contact line, routes, heavy-lift) and, with
/// `withOutlines`, the outlines kept as obstacles (range rings) of the layers that draw them, the pieces that
/// meet the target. A label with no position clear of the outlines may cross one (never an option line).
std::vector<ScreenSegment> lineObstacles(const FrameSnapshot& frame, bool withOutlines = true);

/// The display-list shape that draws a point symbol.
LayoutShape::Kind layoutKindOf(SymbolShape shape);

/// WCAG contrast ratio of two colours (1 to 21), from their relative luminance; alpha ignored. The layout
/// gives every label at least 4.5:1 against its halo, option labels 7:1.
float contrastRatio(Rgba a, Rgba b);

/// The map box (metres) a frame shows, with a margin of the widest line's half width.
geo::MapBox viewBoxOf(const FrameSnapshot& frame);

}  // namespace briefmap::render
