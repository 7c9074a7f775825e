#pragma once
// The immutable description of one frame. The host builds it from the model; the renderer reads
// nothing else, so the window, the headless export and the render tests draw the same thing.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "briefmap/geo/coords.hpp"
#include "briefmap/render/scene.hpp"
#include "briefmap/render/style.hpp"

namespace briefmap::render {

/// Where the map is looked at: centre and scale in the map CRS.
struct View {
  geo::MapXY centre;
  double metresPerPixel = 1000.0;  ///< map metres per physical pixel of the target
};

/// A basemap component drawn at the level of detail that suits the scale.
enum class BasemapPart { Countries, Coastline, Borders, Graticule, Places };

/// One entry of the draw order: either a basemap part or a prepared layer.
struct LayerDraw {
  std::string id;
  bool isBasemap = false;
  BasemapPart part = BasemapPart::Countries;
  std::shared_ptr<const SceneGroup> group;  ///< for non-basemap layers
  LayerStyle style;
  float opacity = 1.f;
  /// A part of a file still being read (drawn as it arrives): the window's layer cache draws the layers up to the last
  /// such part into its picture and those over them on top, so that each new part is drawn alone.
  bool partOfALoad = false;
};

/// One row of the map legend.
struct LegendEntry {
  enum class Symbol { Fill, Line, DashedLine, Point, HollowPoint, Heading };
  Symbol symbol = Symbol::Fill;
  Rgba colour;
  std::string label;
  SymbolShape shape = SymbolShape::Circle;  ///< Point and HollowPoint: the symbol the map draws
};

/// Switchable map furniture beyond scale bar, attribution and legend (those keep their own fields).
/// Texts are UTF-8; an empty text is not drawn.
struct MapFurniture {
  std::string title;       ///< top-left panel, large; empty = not drawn
  std::string subtitle;    ///< under the title (a slide's one-line caption); empty = not drawn
  bool northArrow = false;
  float northAngleDeg = 0;  ///< where true north points at the map centre: degrees clockwise from image up
  std::vector<std::string> sources;  ///< footnotes: the documents behind the visible features
  std::string timestamp;   ///< e.g. "Exported 2026-11-22 14:05 UTC"; empty = not drawn
  std::string caveat;      ///< classification/caveat banner text, top and bottom centre; empty = none
  bool operator==(const MapFurniture&) const = default;
};

struct FrameSnapshot {
  View view;
  int widthPx = 0;
  int heightPx = 0;
  float pixelRatio = 1.f;  ///< physical pixels per CSS pixel: scales line widths, symbols and text
  std::shared_ptr<const BasemapScene> basemap;
  std::vector<LayerDraw> layers;  ///< bottom first; only visible layers
  MapStyle style;
  bool showScaleBar = true;
  bool showAttribution = true;
  double groundMetresPerPixel = 0;  ///< true ground distance per pixel at the centre (scale bar); 0 = use view
  std::string attribution;          ///< credit line drawn on the map
  std::vector<LegendEntry> legend;  ///< drawn top right when not empty
  MapFurniture furniture;
  std::vector<std::array<float, 4>> occluded;  ///< target pixels covered by panels: no labels there
  /// Interactive frames: keep the map layers in a texture larger than the view and reuse it while only
  /// the centre moves by whole pixels (labels and furniture are still drawn every frame).
  bool useLayerCache = false;
  /// A frame of an animation (a slide's fly-to): drawn one detail band coarser and without labels, which
  /// would jitter from frame to frame anyway; the landing frame has them all.
  bool inMotion = false;
};

}  // namespace briefmap::render

namespace briefmap::render {

/// Screen pixel (y down, origin top-left of a widthPx × heightPx target) to map metres.
inline geo::MapXY screenToMap(const View& v, int widthPx, int heightPx, geo::ScreenPx p) {
  return {v.centre.x + (p.x - widthPx * 0.5) * v.metresPerPixel, v.centre.y - (p.y - heightPx * 0.5) * v.metresPerPixel};
}

/// Map metres to screen pixel (y down).
inline geo::ScreenPx mapToScreen(const View& v, int widthPx, int heightPx, geo::MapXY m) {
  return {(m.x - v.centre.x) / v.metresPerPixel + widthPx * 0.5, heightPx * 0.5 - (m.y - v.centre.y) / v.metresPerPixel};
}

/// The view that shows the whole box (map metres) inside the target with a margin (share of each side).
View fitView(const geo::MapBox& box, int widthPx, int heightPx, double margin = 0.03);

/// Pixel ratio of an output `heightPx` high: lines, symbols and text in proportion to its height (1080 px = 1),
/// between 1 and 8, so a 4K export is the 1080p map, sharper. The one rule for exports, slides and presenting.
float outputPixelRatio(int heightPx);

}  // namespace briefmap::render
