#include "briefmap/data/resources.hpp"

#include <cstdlib>
#include <string>
#include <vector>

#include "briefmap/data/vector_reader.hpp"

#ifndef BRIEFMAP_SOURCE_DIR
#define BRIEFMAP_SOURCE_DIR "."
#endif

namespace briefmap::data {
namespace {

std::filesystem::path executableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

// Looks for `probe` below each candidate root and returns the first root that has it.
std::filesystem::path findBundled(const char* envVar, const char* folder, const std::filesystem::path& probe) {
  std::vector<std::filesystem::path> roots;
  if (const char* env = std::getenv(envVar); env && *env) roots.emplace_back(env);
  if (auto exe = executableDir(); !exe.empty()) roots.push_back(exe / "../share/briefmap" / folder);
  roots.push_back(std::filesystem::path(BRIEFMAP_SOURCE_DIR) / folder);
  std::error_code ec;
  for (const auto& root : roots) {
    if (std::filesystem::exists(root / probe, ec)) return std::filesystem::weakly_canonical(root, ec);
  }
  std::string tried;
  for (const auto& root : roots) tried += "\n  " + (root / probe).string();
  throw DataError(std::string("cannot find the bundled ") + folder + " file " + probe.string() + "; looked for:" +
                  tried + "\nSet " + envVar + " to the " + folder + " folder.");
}

}  // namespace

std::filesystem::path findGeodataDir() { return findBundled("BRIEFMAP_DATA_DIR", "geodata", "basemap.gpkg"); }

std::filesystem::path findAssetFile(const std::filesystem::path& relative) {
  return findBundled("BRIEFMAP_ASSETS_DIR", "assets", relative) / relative;
}

}  // namespace briefmap::data
