#pragma once
// Geodesics on the WGS84 ellipsoid (GeographicLib's C implementation, shipped inside PROJ).
#include "briefmap/geo/coords.hpp"

struct geod_geodesic;

namespace briefmap::geo {

struct GeodesicLine {
  double distanceM = 0.0;   ///< metres along the ellipsoid
  double azimuthStart = 0;  ///< degrees clockwise from north at the start point
  double azimuthEnd = 0;    ///< degrees clockwise from north at the end point
};

/// The WGS84 ellipsoid for GeographicLib's C functions (geod_*), for code that needs them directly.
const struct geod_geodesic& wgs84Geodesic();

/// Inverse problem: distance and azimuths between two points.
GeodesicLine geodesicInverse(LonLat a, LonLat b);
/// Distance in metres between two points on WGS84.
double geodesicDistance(LonLat a, LonLat b);
/// Direct problem: the point reached from `start` going `distanceM` metres at `azimuthDeg`.
LonLat geodesicDestination(LonLat start, double azimuthDeg, double distanceM);

}  // namespace briefmap::geo
