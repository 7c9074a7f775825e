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
  MapCrs m_crs;
  std::unique_ptr<Handles> m_handles;
};

}  // namespace briefmap::geo
