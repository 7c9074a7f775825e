#pragma once
// Where the bundled files are: geodata/ (maps, gazetteer, documents) and assets/ (fonts).
#include <filesystem>

namespace briefmap::data {

/// The folder holding the bundled data: $BRIEFMAP_DATA_DIR, else next to the executable
/// (../share/briefmap/geodata), else the source tree's geodata/. Throws DataError when none exists.
std::filesystem::path findGeodataDir();

/// A file below assets/ ($BRIEFMAP_ASSETS_DIR, ../share/briefmap/assets next to the executable, or the
/// source tree's assets/). Throws DataError naming the places it looked in.
std::filesystem::path findAssetFile(const std::filesystem::path& relative);

}  // namespace briefmap::data
