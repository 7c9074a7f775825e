#pragma once
// The measure tool without a window: geodesic length of a clicked path and area of the polygon it encloses,
// on WGS84 with the same PROJ geodesic object the options' rings and buffers use (geo::wgs84Geodesic).
#include <span>
#include <string>

#include "briefmap/geo/geodesic.hpp"

namespace briefmap::session {

/// Sum of the geodesic lengths of the path's segments, metres. 0 for fewer than two points.
double pathLengthMetres(std::span<const geo::LonLat> path);
/// Geodesic area of the polygon through the points (closed back to the first), square metres, whichever
/// way round it was clicked. 0 for fewer than three points.
double polygonAreaSquareMetres(std::span<const geo::LonLat> ring);

inline constexpr double kMetresPerNauticalMile = 1852.0;  ///< international nautical mile (exact)

/// "1,234.5 km · 666.6 nmi" (one decimal under 1,000 km, none above).
std::string formatDistance(double metres);
/// "603,550 km² · 175,970 nmi²".
std::string formatArea(double squareMetres);

}  // namespace briefmap::session
