// libFuzzer: the vector reader on any bytes, as each of the formats a user may open. The first byte chooses the
// extension (so the driver GDAL is allowed to pick); the rest is the file. A DataError is the expected outcome
// for nearly every input; a crash, a sanitizer report or a hang (libFuzzer's -timeout) is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "briefmap/data/vector_reader.hpp"

namespace {

const char* const kExtensions[] = {".geojson", ".json", ".kml", ".gpkg", ".csv", ".gpx", ".gml", ".sqlite",
                                   ".mif", ".dxf", ".gmt", ".jml", ".xml", ".osm", ".fgb", ".tab"};

const std::filesystem::path& folder() {
  static const std::filesystem::path dir = [] {
    // Under $TMPDIR, which run_fuzzer.sh points at its own folder and removes afterwards.
    std::string name = (std::filesystem::temp_directory_path() / "briefmap-fuzz-reader.XXXXXX").string();
    return mkdtemp(name.data()) ? std::filesystem::path(name) : std::filesystem::temp_directory_path();
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* extension = kExtensions[data[0] % (sizeof kExtensions / sizeof *kExtensions)];
  const auto path = folder() / (std::string("input") + extension);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  briefmap::data::ReadOptions options;
  // Small limits keep one input cheap; the limits themselves are part of what is tested.
  options.limits.maxFeatures = 20'000;
  options.limits.maxVertices = 200'000;
  options.limits.maxFeatureVertices = 50'000;
  options.limits.maxFields = 200;
  options.limits.maxSqlSeconds = 1;
  try {
    briefmap::data::ReadReport report;
    briefmap::data::readVectorFile(path, &report, (data[0] & 0x80) != 0, options);
  } catch (const briefmap::data::DataError&) {
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return 0;
}
