#include "briefmap/session/measure.hpp"

#include <geodesic.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace briefmap::session {
namespace {

// 1234567.8 -> "1,234,567.8" with `decimals` decimals.
std::string grouped(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string s = text;
  const size_t point = s.find('.');
  const size_t intEnd = point == std::string::npos ? s.size() : point;
  std::string out;
  for (size_t i = 0; i < intEnd; ++i) {
    if (i > 0 && (intEnd - i) % 3 == 0 && s[i - 1] != '-') out += ',';
    out += s[i];
  }
  return out + s.substr(intEnd);
}

}  // namespace

double pathLengthMetres(std::span<const geo::LonLat> path) {
  double total = 0;
  for (size_t i = 1; i < path.size(); ++i) total += geo::geodesicDistance(path[i - 1], path[i]);
  return total;
}

double polygonAreaSquareMetres(std::span<const geo::LonLat> ring) {
  if (ring.size() < 3) return 0;
  // PROJ's geod_polygonarea takes latitudes and longitudes as separate arrays (latitude first in its calls).
  std::vector<double> lats, lons;
  for (const auto& p : ring) {
    lats.push_back(p.lat);
    lons.push_back(p.lon);
  }
  double area = 0, perimeter = 0;
  geod_polygonarea(&geo::wgs84Geodesic(), lats.data(), lons.data(), static_cast<int>(ring.size()), &area, &perimeter);
  return std::abs(area);
}

std::string formatDistance(double metres) {
  const double km = metres / 1000.0, nmi = metres / kMetresPerNauticalMile;
  return grouped(km, km < 1000 ? 1 : 0) + " km · " + grouped(nmi, nmi < 1000 ? 1 : 0) + " nmi";
}

std::string formatArea(double squareMetres) {
  const double km2 = squareMetres / 1e6, nmi2 = squareMetres / (kMetresPerNauticalMile * kMetresPerNauticalMile);
  return grouped(km2, km2 < 100 ? 1 : 0) + " km² · " + grouped(nmi2, nmi2 < 100 ? 1 : 0) + " nmi²";
}

}  // namespace briefmap::session
