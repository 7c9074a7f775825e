#include "briefmap/geo/geodesic.hpp"

#include <geodesic.h>

namespace briefmap::geo {
const geod_geodesic& wgs84Geodesic() {
  static const geod_geodesic g = [] {
    geod_geodesic init{};
    geod_init(&init, 6378137.0, 1.0 / 298.257223563);
    return init;
  }();
  return g;
}

namespace {
const geod_geodesic& wgs84() { return wgs84Geodesic(); }
}  // namespace

GeodesicLine geodesicInverse(LonLat a, LonLat b) {
  GeodesicLine line;
  // GeographicLib takes latitude before longitude.
  geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &line.distanceM, &line.azimuthStart, &line.azimuthEnd);
  return line;
}

double geodesicDistance(LonLat a, LonLat b) { return geodesicInverse(a, b).distanceM; }

LonLat geodesicDestination(LonLat start, double azimuthDeg, double distanceM) {
  double lat = 0, lon = 0, azi = 0;
  geod_direct(&wgs84(), start.lat, start.lon, azimuthDeg, distanceM, &lat, &lon, &azi);
  return {lon, lat};
}

}  // namespace briefmap::geo
