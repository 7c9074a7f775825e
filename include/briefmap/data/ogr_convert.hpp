#pragma once
// Between briefmap's geometry (WGS84 lon/lat, rings without the closing vertex) and OGR's, for the code
// that hands work to GEOS through OGR. Only core and options code include this (it pulls in GDAL).
#include <memory>
#include <vector>

#include <ogr_geometry.h>

#include "briefmap/data/geometry.hpp"

namespace briefmap::data {

std::unique_ptr<OGRLinearRing> toOgrRing(const Ring& ring);  ///< closed, as OGR wants it
std::unique_ptr<OGRPolygon> toOgrPolygon(const Polygon& polygon);
std::unique_ptr<OGRLineString> toOgrLine(const LineString& line);
Ring fromOgrRing(const OGRLinearRing* ring);  ///< closing vertex dropped
/// Appends the polygon parts of any OGR geometry (GEOS results may carry stray lines and points).
void appendOgrPolygons(const OGRGeometry* geometry, std::vector<Polygon>& out);
/// Appends the line parts of any OGR geometry.
void appendOgrLines(const OGRGeometry* geometry, std::vector<LineString>& out);

/// The simplest OGR geometry that holds all parts (a single part stays single); null for an empty one.
std::unique_ptr<OGRGeometry> toOgrGeometry(const Geometry& geometry);
/// Appends any OGR geometry's parts (curves made linear, rings without the closing vertex).
void appendOgrGeometry(const OGRGeometry* geometry, Geometry& out);

}  // namespace briefmap::data
