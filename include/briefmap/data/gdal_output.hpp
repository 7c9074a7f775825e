#pragma once
#include <filesystem>
#include <functional>
#include <string>

namespace briefmap::data {

/// Writes a file that GDAL makes (GeoTIFF, GeoJSON, KML, GeoPackage) without trusting GDAL's own file writes:
/// `create(memoryPath)` makes and closes a dataset at a GDAL in-memory path ending in `extension`; its bytes then
/// go to `target` through AtomicFile, which checks every write, the flush, fsync and close before the rename.
/// GDAL 3.6 does not report a failed write or close of a GeoJSON, KML or GeoTIFF file, so writing them on disk
/// directly left a truncated file in place of the previous one on a full disk. A GDAL error while creating,
/// or any failed write, throws WriteError naming `target`; the previous file then stays as it was.
/// Any thread; the in-memory name is unique per call.
void writeThroughGdalMemory(const std::filesystem::path& target, const std::string& extension,
                            const std::function<void(const std::string& memoryPath)>& create);

}  // namespace briefmap::data
