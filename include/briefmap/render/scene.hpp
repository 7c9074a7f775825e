#pragma once
// The prepared scene: geometry projected into the map CRS once, tessellated and extruded,
// ready to be uploaded to the GPU. Built off the UI thread; immutable once published.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "briefmap/geo/coords.hpp"
#include "briefmap/geo/projection.hpp"
#include "briefmap/render/style.hpp"

namespace briefmap::data {
struct Layer;
struct Feature;
struct Basemap;
}  // namespace briefmap::data

namespace briefmap::render {

/// A run of indices drawn together, with the map-space box it covers (for culling to the view).
struct DrawRange {
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  geo::MapBox bounds;
};

/// Filled triangles: 2 floats per vertex (map metres) and a packed RGBA colour per vertex (0xAABBGGRR),
/// so one mesh can carry a choropleth.
struct FillMesh {
  std::vector<float> positions;
  std::vector<std::uint32_t> colours;
  std::vector<std::uint32_t> indices;
  std::vector<DrawRange> ranges;
  bool empty() const { return indices.empty(); }
};

/// One side of a line's point, 16 bytes (a big layer's outlines are most of its band, held twice with llvmpipe's copy):
/// position (map metres), the miter (the unit normal scaled by 1/cos of half the join angle, at most kMaxMiterScale)
/// as signed shorts normalised to kMaxMiterScale, and the distance along the line in map metres (for dashes). Its side
/// is its index's parity (vertices come in pairs: +1 even, -1 odd), as the vertex shader reads it from gl_VertexID.
struct LineVertex {
  static constexpr double kMaxMiterScale = 3.0;  ///< longer miters are clamped: sharp spikes would throw slivers
  float x = 0, y = 0;
  std::int16_t miterX = 0, miterY = 0;
  float along = 0;
  geo::MapXY miter() const { return {miterX * kMaxMiterScale / 32767, miterY * kMaxMiterScale / 32767}; }
  static float sideOf(std::uint32_t index) { return index % 2 == 0 ? 1.f : -1.f; }
  bool operator==(const LineVertex&) const = default;
};
static_assert(sizeof(LineVertex) == 16);

/// Lines as triangle strips of quads, extruded in the vertex shader so width is in screen pixels at any zoom.
/// Each range is one strip (both sides of each point in turn) ended by kStripEnd, drawn with primitive restart, so
/// contiguous ranges draw in one call: two indices a point where triangles took six a segment (a big layer's outlines
/// are most of its band).
struct LineMesh {
  static constexpr std::uint32_t kStripEnd = 0xFFFFFFFFu;  ///< the primitive restart index
  std::vector<LineVertex> vertices;  ///< in pairs, both sides of a point
  std::vector<std::uint32_t> indices;
  std::vector<DrawRange> ranges;
  bool empty() const { return indices.empty(); }
  size_t triangleCount() const;
  /// The strips' triangles as a list of three indices each (for checks and tools: what the strips draw).
  std::vector<std::uint32_t> triangleList() const;
};

/// A named place (or a feature's label) projected into the map CRS.
struct ScenePlace {
  std::string name;
  geo::MapXY at;
  int rank = 4;
  std::string kind;          ///< as in the gazetteer, or "country" for area labels
  double sizeMetres = 0;     ///< areas: square root of the area, to label them only where they are big enough
  std::vector<geo::MapXY> path;  ///< lines: the whole line, so its label can stand anywhere along it and keep off it
};

/// Everything drawn for one layer: polygon fills, lines (including polygon outlines), points, and the
/// labels of its features (when the layer is labelled).
struct SceneGroup {
  std::string id;
  FillMesh fill;
  LineMesh lines;
  std::vector<geo::MapXY> points;
  /// The symbol of each point, parallel to `points`; empty when every point is a circle.
  std::vector<SymbolShape> pointShapes;
  /// Runs of `points` (firstIndex, indexCount count points) with their boxes, for culling to the view; a layer of
  /// many points has them sorted by grid cell so that a run covers a small area.
  std::vector<DrawRange> pointRanges;
  std::vector<ScenePlace> labels;
  /// Polygon outlines that labels keep off as they keep off option lines (range rings); see BuildOptions.
  std::vector<std::vector<geo::MapXY>> obstacleOutlines;
  geo::MapBox bounds;
  /// Groups prepared apart (a big layer's runs of features, on several threads or batch by batch as its file was
  /// read), drawn as part of this one: the fills of the group and then of each part, then the lines likewise, then the
  /// points, so the picture is that of one group holding them all. Kept as they were made rather than copied into
  /// one: a 10-million-vertex layer's band is a gigabyte, and the parts shown while it was read are already uploaded.
  /// Parts have no parts of their own; their labels and obstacle outlines are copied into this group.
  std::vector<std::shared_ptr<const SceneGroup>> parts;
  /// Triangles of the group and its parts.
  size_t triangleCount() const;
  /// Points of the group and its parts.
  size_t pointCount() const;
  /// Bytes its meshes and points take with its parts' (what keeping it costs; llvmpipe holds as much again once it is
  /// uploaded).
  size_t meshBytes() const;
};


/// A range of scales served by one Natural Earth level simplified to under a pixel at the finest scale of the range.
struct DetailBand {
  int scaleDenominatorMillions = 10;  ///< Natural Earth 1:10m, 1:50m or 1:110m
  double minMetresPerPixel = 0;       ///< physical pixels
  double maxMetresPerPixel = 0;
  double toleranceMetres() const { return 0.8 * minMetresPerPixel; }  ///< under one pixel at every scale of the band
};

/// The bands briefmap uses, finest first: level of detail so a frame draws what the screen can show.
const std::vector<DetailBand>& basemapDetailBands();
/// Index of the band for a scale (metres per physical pixel).
size_t detailBandFor(double metresPerPixel);

/// The basemap prepared for one detail band.
struct BasemapLevelScene {
  DetailBand band;
  std::shared_ptr<const SceneGroup> countries;
  std::shared_ptr<const SceneGroup> coastline;
  std::shared_ptr<const SceneGroup> borders;
  /// Inland water for the band's scale: lakes (filled with the sea colour, shores as lines), the former
  /// Kakhovka reservoir (shore lines only) and the rivers of the levels the scale can show.
  std::shared_ptr<const SceneGroup> lakes, formerLakes, rivers;
};

/// GSHHG river levels drawn in a band: 1 … this (1 permanent major … 4 minor; 0: none): the Dnipro, Danube
/// and Dniester at the overview scales, smaller rivers as the view closes in.
int riverLevelsFor(const DetailBand& band);
/// Smallest lake area drawn in a band, km²: about 3 × 3 pixels at the band's coarsest scale.
double minLakeAreaKm2For(const DetailBand& band);

/// The basemap in one CRS: the prepared detail bands (finest first), places and a graticule.
struct BasemapScene {
  geo::MapCrs crs;
  std::vector<BasemapLevelScene> levels;
  std::shared_ptr<const std::vector<ScenePlace>> places;
  std::shared_ptr<const std::vector<ScenePlace>> countryLabels;  ///< names drawn inside the countries
  std::shared_ptr<const SceneGroup> graticule;
  geo::MapBox bounds;  ///< of the finest level's countries
};

/// Options for building groups.
struct BuildOptions {
  bool outlinePolygons = true;   ///< also emit polygon rings as lines
  bool fillPolygons = true;
  /// Per-feature fill colour (packed 0xAABBGGRR); white when unset, tinted by the layer style.
  std::function<std::uint32_t(const data::Feature&)> fillColour;
  /// Label each feature with this property (points at the point, lines at their middle, areas inside).
  std::string labelProperty;
  /// Keep the polygons' rings in `obstacleOutlines`: outlines drawn across the map (range rings) that no label
  /// should be crossed by.
  bool outlinesAsObstacles = false;
  /// Per-feature point symbol; every point a circle when unset.
  std::function<SymbolShape(const data::Feature&)> pointShape;
  std::uint32_t maxLineVerticesPerRange = 256;    ///< split long lines so culling helps
  double fillCellMetres = 100000;  ///< fill triangles are cut to a grid of this size (and culled per cell)
  /// The Lawson flips (improveTriangleShapes) only for polygons wider or taller than this (0: every polygon). A
  /// polygon of a few pixels keeps its slivers inside one of llvmpipe's 64-pixel tiles, where they cost nothing more
  /// to draw; the flips were a seventh of the preparation of 20,000 small polygons.
  double improveShapesAboveMetres = 0;
};

/// Projects and prepares one data layer. Points outside the CRS's domain are dropped.
std::shared_ptr<SceneGroup> buildSceneGroup(const data::Layer& layer, const geo::Projection& projection,
                                            const BuildOptions& options = {});

/// One group of several built with the same options from parts of one layer (on several threads, or batch by batch
/// as a file is read), without copying their meshes: the result holds them as its `parts` (a single part is returned
/// as it is), with their bounds, labels and obstacle outlines. Null parts are skipped; a joined part gives its parts
/// (the result is one level deep).
std::shared_ptr<const SceneGroup> joinSceneGroups(std::vector<std::shared_ptr<const SceneGroup>> parts);

/// Projects and prepares the bundled basemap for the listed detail bands (indices into
/// basemapDetailBands(); empty = all), so coarse bands can be shown while fine ones are prepared and an
/// export prepares only what it draws. Bands whose Natural Earth level is not loaded are skipped.
/// Countries are filled with the style's land colours (Ukraine with landFocus).
BasemapScene buildBasemapScene(const data::Basemap& basemap, const geo::Projection& projection,
                               const std::vector<size_t>& bands = {}, const MapStyle& style = defaultMapStyle());

/// Graticule lines every `stepDeg` degrees over the box, densified so they curve correctly.
std::shared_ptr<SceneGroup> buildGraticule(const geo::LonLatBox& box, double stepDeg, const geo::Projection& projection);

/// Extrudes one polyline (map metres) into `mesh` as a single range-split strip with miter joins.
void appendPolyline(std::span<const geo::MapXY> points, bool closed, LineMesh& mesh, std::uint32_t maxVerticesPerRange);

}  // namespace briefmap::render
