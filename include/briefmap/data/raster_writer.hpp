#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

namespace briefmap::data {

/// Where a north-up image sits in its CRS: GDAL's geotransform (x0, pixel width, 0, y0, 0, -pixel height),
/// with (x0, y0) the outer corner of the top-left pixel.
using GeoTransform = std::array<double, 6>;

/// Writes an RGB GeoTIFF (DEFLATE, tiled) of RGBA8 pixels (row 0 = bottom when flipRows) with the CRS as
/// WKT and the geotransform, so QGIS places it; written under a temporary name and renamed into place.
/// Throws WriteError naming the file.
void writeGeoTiff(const std::filesystem::path& path, const std::uint8_t* rgba, int width, int height, bool flipRows,
                  const GeoTransform& transform, const std::string& crsWkt);

/// Writes an ESRI world file (six lines: pixel size, rotation terms, centre of the top-left pixel) atomically.
void writeWorldFile(const std::filesystem::path& path, const GeoTransform& transform);

}  // namespace briefmap::data
