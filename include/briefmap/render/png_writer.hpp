#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace briefmap::render {

struct PngOptions {
  int compressionLevel = -1;  ///< zlib level; -1 = the chosen fast default
  bool keepAlpha = false;     ///< false: write RGB (maps are opaque; a quarter less to compress)
  std::vector<std::pair<std::string, std::string>> textChunks;  ///< tEXt key/value (attribution, software)
};

/// Encodes RGBA8 pixels (row 0 = top, unless flipRows) to PNG and writes the file atomically.
/// Throws data::WriteError naming the file.
void writePng(const std::filesystem::path& path, const std::uint8_t* rgba, int width, int height, bool flipRows,
              const PngOptions& options = {});

/// The same encoding, into memory.
std::vector<std::uint8_t> encodePng(const std::uint8_t* rgba, int width, int height, bool flipRows,
                                    const PngOptions& options = {});

}  // namespace briefmap::render
