// A full disk must never cost the user the file they had: every output format, cut off at many byte counts.
// RLIMIT_FSIZE (prlimit) makes writes past N bytes fail with EFBIG, as they fail with ENOSPC on a full disk,
// through the real write path, without root or a small filesystem. SIGXFSZ is ignored so the write fails
// instead of killing the process.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using briefmap::clitest::CommandResult;
using briefmap::clitest::readFile;
using briefmap::clitest::run;
using briefmap::clitest::runShell;
using briefmap::clitest::tempDir;

namespace {

CommandResult runWithFileSizeLimit(long long bytes, const std::string& args) {
  return runShell("trap '' XFSZ; exec prlimit --fsize=" + std::to_string(bytes) + " -- '" + BRIEFMAP_EXE + "' " + args);
}

std::map<std::string, std::string> folderContents(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files[e.path().filename().string()] = readFile(e.path());
  return files;
}

// Byte counts at which to cut the output off: nothing, the first block, inside headers, half, the last byte.
std::vector<long long> cutPoints(long long size, int extra) {
  std::set<long long> points = {0, 1, 100, 4096, size / 2, size - 1};
  for (int i = 1; i <= extra; ++i) points.insert(size * i / (extra + 1));
  std::vector<long long> result;
  for (long long p : points)
    if (p >= 0 && p < size) result.push_back(p);
  return result;
}

// Writes the output once without a limit, then again cut off at each byte count: every failed run must exit
// non-zero naming the file, and leave the folder exactly as the good run left it (no temporary, no change).
void expectFullDiskKeepsThePreviousFiles(const std::string& name, const fs::path& dir, const std::string& args,
                                         const std::string& named, int extraCuts = 0) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  const CommandResult good = run(args);
  ASSERT_EQ(good.exitCode, 0) << name << ": " << good.output;
  const auto before = folderContents(dir);
  ASSERT_FALSE(before.empty()) << name << " wrote nothing";
  long long largest = 0;
  for (const auto& [file, bytes] : before) largest = std::max<long long>(largest, static_cast<long long>(bytes.size()));
  for (long long cut : cutPoints(largest, extraCuts)) {
    const CommandResult r = runWithFileSizeLimit(cut, args);
    EXPECT_NE(r.exitCode, 0) << name << " cut at " << cut << " bytes reported success: " << r.output;
    EXPECT_NE(r.output.find(named), std::string::npos) << name << " cut at " << cut << ": the message does not name "
                                                       << named << ": " << r.output;
    const auto after = folderContents(dir);
    EXPECT_EQ(after.size(), before.size()) << name << " cut at " << cut << " left a file behind";
    for (const auto& [file, bytes] : before) {
      const auto it = after.find(file);
      ASSERT_NE(it, after.end()) << name << " cut at " << cut << " removed " << file;
      EXPECT_TRUE(it->second == bytes) << name << " cut at " << cut << " changed " << file << " (" << bytes.size()
                                       << " -> " << it->second.size() << " bytes)";
    }
  }
}

}  // namespace

TEST(CliFullDisk, EveryExportFormatKeepsThePreviousFile) {
  for (const std::string ext : {"png", "tif", "pdf", "svg", "geojson", "gpkg", "kml"}) {
    const auto dir = tempDir() / ("full-export-" + ext);
    const auto out = dir / ("map." + ext);
    expectFullDiskKeepsThePreviousFiles("export ." + ext, dir,
                                        "export -q --size 480x270 --preset guarantee_stack --timestamp T --out '" +
                                            out.string() + "'",
                                        out.string());
  }
}

TEST(CliFullDisk, ExportLayersKeepsThePreviousFilesInEveryFormat) {
  for (const std::string format : {"GeoJSON", "GPKG", "KML"}) {
    const auto dir = tempDir() / ("full-layers-" + format);
    expectFullDiskKeepsThePreviousFiles("export-layers " + format, dir,
                                        "export-layers --out '" + dir.string() + "' --format " + format, dir.string());
  }
}

TEST(CliFullDisk, ExtractKeepsThePreviousCandidatesAtManyByteCounts) {
  const auto dir = tempDir() / "full-extract";
  const auto out = dir / "candidates.geojson";
  const std::string sources = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/sources/";
  expectFullDiskKeepsThePreviousFiles("extract", dir,
                                      "extract --out '" + out.string() + "' '" + sources + "002_6b673b353e26679b.txt' '" +
                                          sources + "004_b6150cb3f91aed60.txt'",
                                      out.string(), /*extraCuts=*/24);
}

TEST(CliFullDisk, WorldFileKeepsThePreviousOnes) {
  const auto dir = tempDir() / "full-worldfile";
  const auto out = dir / "map.png";
  expectFullDiskKeepsThePreviousFiles("export --world-file", dir,
                                      "export -q --size 320x180 --world-file --timestamp T --out '" + out.string() + "'",
                                      "map.p");
}
