#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"

namespace briefmap::data {

enum class VectorFormat { GeoJSON, GPKG, KML };

/// "GeoJSON", "GPKG" or "KML" (any case); throws DataError naming the accepted values otherwise.
VectorFormat vectorFormatFromName(const std::string& name);
const char* extensionOf(VectorFormat format);  ///< ".geojson", ".gpkg", ".kml"

/// One layer to write and how it should look in viewers that read OGR styles (KML in Google Earth).
struct OutputLayer {
  const Layer* layer = nullptr;
  std::string name;         ///< layer name in the file
  std::string strokeColour = "#000000";  ///< "#RRGGBB"
  std::string fillColour = "#00000040";  ///< "#RRGGBBAA"
  double strokeWidthPx = 2;
};

/// Writes the layers, in WGS84 lon/lat with every property (objects and arrays as JSON), to one file
/// (GPKG, KML: one layer or folder each) or one file per layer in `target` as a folder (GeoJSON).
/// Each file is written under a temporary name and renamed into place when complete.
/// Returns the files written. Throws WriteError naming the file on failure.
std::vector<std::filesystem::path> writeVectorLayers(const std::filesystem::path& target, VectorFormat format,
                                                     const std::vector<OutputLayer>& layers,
                                                     const std::string& fileStem = "briefmap-layers");

}  // namespace briefmap::data

namespace briefmap::data {

/// Writes layers to one file whose format follows its extension (.geojson/.json: one layer only; .gpkg;
/// .kml), under a temporary name renamed into place when complete. Throws WriteError naming the file.
void writeVectorFile(const std::filesystem::path& file, const std::vector<OutputLayer>& layers);
/// The same in the format given, whatever the file's extension.
void writeVectorFile(const std::filesystem::path& file, VectorFormat format, const std::vector<OutputLayer>& layers);

}  // namespace briefmap::data
