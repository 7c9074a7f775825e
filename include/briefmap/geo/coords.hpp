#pragma once
// Coordinate spaces, each its own type so that a lat/lon swap or a metres/pixels mix-up fails to compile.
//   LonLat   — WGS84 geographic degrees, longitude first (OAMS_TRADITIONAL_GIS_ORDER).
//   MapXY    — projected map coordinates in metres, in the current map CRS.
//   ScreenPx — pixels in a render target, origin top-left, y down.
#include <algorithm>
#include <limits>

namespace briefmap::geo {

struct LonLat {
  double lon = 0.0;  ///< degrees east
  double lat = 0.0;  ///< degrees north
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

struct MapXY {
  double x = 0.0;  ///< metres east in the map CRS
  double y = 0.0;  ///< metres north in the map CRS
  friend bool operator==(const MapXY&, const MapXY&) = default;
};

struct ScreenPx {
  double x = 0.0;  ///< pixels right of the left edge
  double y = 0.0;  ///< pixels below the top edge
};

/// Axis-aligned box in any 2-D space; empty until something is added.
template <typename Point>
struct Box {
  double minX = std::numeric_limits<double>::infinity();
  double minY = std::numeric_limits<double>::infinity();
  double maxX = -std::numeric_limits<double>::infinity();
  double maxY = -std::numeric_limits<double>::infinity();

  bool empty() const { return minX > maxX || minY > maxY; }
  double width() const { return empty() ? 0.0 : maxX - minX; }
  double height() const { return empty() ? 0.0 : maxY - minY; }
  void add(double x, double y) {
    minX = std::min(minX, x); minY = std::min(minY, y);
    maxX = std::max(maxX, x); maxY = std::max(maxY, y);
  }
  void add(const Box& o) {
    if (o.empty()) return;
    add(o.minX, o.minY); add(o.maxX, o.maxY);
  }
  bool intersects(const Box& o) const {
    return !empty() && !o.empty() && minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY;
  }
  bool contains(double x, double y) const { return x >= minX && x <= maxX && y >= minY && y <= maxY; }
};

struct LonLatBoxTag {};
struct MapBoxTag {};
using LonLatBox = Box<LonLatBoxTag>;  ///< degrees: X = lon, Y = lat
using MapBox = Box<MapBoxTag>;        ///< metres in the map CRS

}  // namespace briefmap::geo
