#pragma once
// Derived geometry for options: buffer zones around lines, range rings, geodesic routes, areas, coverage.
//
// Everything here is in WGS84 lon/lat (data::Geometry) and measured on the WGS84 ellipsoid with PROJ;
// polygon operations go to GEOS through OGR. Two readings of an edge meet in this module:
//   - polygon edges are straight in lon/lat, as GeoJSON, OGR and GEOS take them (our own rings and bands
//     have vertices a few kilometres apart, so this and the geodesic reading differ by centimetres);
//   - line segments given by the caller (front lines, routes) are geodesics.
// All functions throw std::runtime_error naming the function and the fault for impossible input
// (too few points, non-finite or out-of-range coordinates); they are reentrant and may run on any thread.
#include <vector>

#include "briefmap/data/geometry.hpp"
#include "briefmap/geo/coords.hpp"

namespace briefmap::options {

/// Band of ±halfWidthKm around a WGS84 polyline with geodesic segments, round caps and joins. Computed in a
/// local azimuthal equidistant projection centred on the line (so metres are metres), buffered with GEOS
/// through OGR, returned to WGS84. Lines over 1000 km are buffered in pieces in their own local projections
/// and unioned. halfWidthKm <= 0 gives an empty geometry; above 500 km, or a band over a pole, throws.
data::Geometry bufferLine(const data::LineString& line, double halfWidthKm);

/// Geodesic circle: `points` vertices at radiusKm from the centre along evenly spaced azimuths (PROJ
/// geod_direct). Rings across the antimeridian are cut there; rings around a pole are closed along it.
/// radiusKm <= 0 gives an empty geometry; at least 3 points.
data::Geometry geodesicRing(geo::LonLat centre, double radiusKm, int points = 256);

/// The waypoints joined along geodesics, with vertices at most maxSegmentKm apart (PROJ
/// geod_inverseline/geod_position). Waypoints are kept exactly; repeated waypoints appear once.
data::LineString densifyGeodesic(const data::LineString& waypoints, double maxSegmentKm = 10);

/// Geodesic area of the polygons in square metres, holes subtracted (PROJ geod_polygonarea). Overlapping
/// polygons count twice: pass unionOf({g}) for the area covered.
double geodesicArea(const data::Geometry& polygons);

/// Union of polygon geometries (GEOS), invalid input repaired first. Polygon parts only in the result.
data::Geometry unionOf(const std::vector<data::Geometry>& parts);
/// Intersection of two polygon geometries (GEOS), invalid input repaired first. Polygon parts only.
data::Geometry intersectionOf(const data::Geometry& a, const data::Geometry& b);

/// Share (0..1) of `territory`'s geodesic area covered by the union of `cover`. Throws if the territory
/// has no area.
double coverageShare(const data::Geometry& territory, const std::vector<data::Geometry>& cover);

/// Splits `territory` (polygons) by `line` (geodesic segments, crossing its boundary) and returns the parts
/// that contain any of the seed points (GEOS polygonize of the noded boundary + line; parts kept whole where
/// the line does not reach). Empty when no part contains a seed.
data::Geometry sideOfLine(const data::Geometry& territory, const data::LineString& line,
                          const std::vector<geo::LonLat>& seeds);

/// Shortest geodesic distance in metres from a point to a polyline with geodesic segments (for tests and
/// the inspector). A single-point line gives the distance to that point.
double geodesicDistanceToLine(geo::LonLat point, const data::LineString& line);

}  // namespace briefmap::options
