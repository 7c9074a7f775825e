#pragma once
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "briefmap/geo/coords.hpp"

namespace briefmap::geo {

/// Thrown when a CRS definition cannot be understood or a transformation cannot be built.
class ProjectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A map CRS that briefmap offers in its menus and on the command line.
struct MapCrs {
  std::string id;          ///< short name used on the command line and in files ("lcc-ukraine", "EPSG:3035", …)
  std::string label;       ///< human-readable name for menus
  std::string definition;  ///< anything PROJ accepts: PROJ string, EPSG code, WKT
  /// WGS84 lon/lat (degrees) -> map x east, y north as a PROJ pipeline, where it is known to be what PROJ's
  /// own search from EPSG:4326 picks (a pure conversion on the WGS84 ellipsoid); empty: PROJ searches its
  /// database, 5–25 ms per projection. Tests check the two give the same coordinates.
  std::string pipeline;
};

/// The CRSs offered by default; the first is the default map CRS (DESIGN.md).
const std::vector<MapCrs>& knownMapCrs();
/// Finds a known CRS by id, or treats the text as a PROJ/EPSG definition of its own.
MapCrs mapCrsFromText(const std::string& idOrDefinition);

/// WGS84 lon/lat <-> map CRS transformation (PROJ). Owns its own PJ_CONTEXT, so one
/// instance may be used by one thread at a time; make one per thread for parallel work.
class Projection {
 public:
  /// Throws ProjectionError naming the definition when PROJ cannot build it.
  explicit Projection(const MapCrs& crs);
  ~Projection();
  Projection(Projection&&) noexcept;
  Projection& operator=(Projection&&) noexcept;
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  /// Azimuthal equidistant on the WGS84 ellipsoid centred at `centre` (local metric work: geodesic buffers),
  /// built from its pipeline (~0.1 ms instead of 4–12 ms for the search).
  static Projection azimuthalEquidistant(LonLat centre);

  /// The same transformation in a context of its own, for another thread. Cheap (~0.1 ms) where building
  /// one from its definition costs 8–25 ms (PROJ looks the operation up in its database). Not thread-safe
  /// against use of this instance: clone on the thread that owns it, then hand the clone over.
  Projection clone() const;

  const MapCrs& crs() const { return m_crs; }
  /// WKT of the map CRS, for georeferenced output.
  std::string wkt() const;

  /// Forward projection; returns NaN coordinates where the point has no image in the CRS.
  MapXY forward(LonLat p) const;
  /// Inverse projection; returns NaN coordinates where it fails.
  LonLat inverse(MapXY p) const;
  /// Projects many points at once (much faster than one by one); NaN where it fails.
  void forward(std::span<const LonLat> in, std::span<MapXY> out) const;

 private:
  struct Handles;
  Projection(MapCrs crs, std::unique_ptr<Handles> handles);
  MapCrs m_crs;
  std::unique_ptr<Handles> m_handles;
};

}  // namespace briefmap::geo
