#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"

namespace briefmap::data {

/// A file the user asked for cannot be used; what() names the file and says what is wrong.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Configures GDAL once per process so that no input can make it touch the network or write
/// beside the user's files (remote schemas, external entities, /vsicurl/, CRS by URL, sidecars).
/// Safe to call many times and from any thread.
void configureGdalOffline();

/// What a read produced besides the layers: things the user should know but that did not stop it.
struct ReadReport {
  std::vector<std::string> warnings;  ///< e.g. "3 features without geometry skipped"
};

/// Reads every vector layer of a file with one of the allowed drivers (GeoJSON, GPKG, ESRI Shapefile,
/// KML/LIBKML, FlatGeobuf, GML, GPX, CSV with geometry, TopoJSON) and transforms it to WGS84 lon/lat.
/// A layer without a CRS is taken to be WGS84 when its extent fits lon/lat, and reported.
/// Throws DataError naming the file on anything unreadable (missing, empty, not geodata, broken).
/// With keepWithoutGeometry, features with no geometry are kept (attribute-only records such as a country's
/// stance) and an empty file is not an error.
std::vector<Layer> readVectorFile(const std::filesystem::path& path, ReadReport* report = nullptr,
                                  bool keepWithoutGeometry = false);

/// Reads one named layer of a file (used for the bundled basemap); with `within`, only the features whose
/// extent meets that lon/lat box (the driver's spatial index does the work). Throws DataError.
Layer readVectorLayer(const std::filesystem::path& path, const std::string& layerName,
                      const geo::LonLatBox* within = nullptr);

/// Reads several named layers of one file, opening it once (each GeoPackage open runs a dozen SQL queries).
/// Same rules as readVectorLayer; the result is in the order of `layerNames`. With `extents`, also each
/// layer's recorded extent (a GeoPackage keeps it in gpkg_contents: no feature is read for it).
std::vector<Layer> readVectorLayers(const std::filesystem::path& path, const std::vector<std::string>& layerNames,
                                    const geo::LonLatBox* within = nullptr,
                                    std::vector<geo::LonLatBox>* extents = nullptr);

/// How many network requests GDAL attempted and briefmap refused (for the offline test).
int blockedNetworkRequests();

/// The names of the drivers that readVectorFile allows.
const std::vector<std::string>& allowedVectorDrivers();

}  // namespace briefmap::data
