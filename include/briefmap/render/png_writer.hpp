#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace briefmap::render {

struct PngOptions {
  int compressionLevel = -1;  ///< libdeflate level 0–12; -1 = the chosen fast default (1)
  bool keepAlpha = false;     ///< false: write RGB, alpha dropped, not composited (maps are opaque; a quarter less)
  /// Large images are compressed in two parts at once (see png_writer.cpp); false: on the calling thread only,
  /// for callers that keep the other core busy themselves.
  bool useSecondCore = true;
  /// Key/value text chunks (attribution, software): keys 1–79 printable Latin-1 characters; values in UTF-8,
  /// written as tEXt when ASCII and as iTXt otherwise.
  std::vector<std::pair<std::string, std::string>> textChunks;
};

/// Encodes RGBA8 pixels (width*height*4 bytes, row 0 = top, unless flipRows) to PNG and writes the file
/// atomically (data::AtomicFile). Throws data::WriteError naming the file, std::invalid_argument on a bad
/// size, level or text key. Thread-safe; ~40 ms on two cores (~60 ms on one) and ~0.6 MB for a 3840x2160 map.
void writePng(const std::filesystem::path& path, const std::uint8_t* rgba, int width, int height, bool flipRows,
              const PngOptions& options = {});

/// The same encoding, into memory. Throws std::invalid_argument like writePng.
std::vector<std::uint8_t> encodePng(const std::uint8_t* rgba, int width, int height, bool flipRows,
                                    const PngOptions& options = {});

}  // namespace briefmap::render
