// The real executable, as a user runs it, with no display (SDL's offscreen driver).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "image_compare.hpp"

namespace fs = std::filesystem;

namespace {

struct CommandResult {
  int exitCode = -1;
  std::string output;  ///< stdout and stderr together
};

CommandResult run(const std::string& args) {
  const std::string command = std::string("'") + BRIEFMAP_EXE + "' " + args + " 2>&1";
  CommandResult r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

fs::path tempDir() {
  const auto dir = fs::temp_directory_path() / ("briefmap-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(Cli, ExportWritesAPngOfTheRequestedSizeThatIsNotBlank) {
  const auto out = tempDir() / "map.png";
  const CommandResult r = run("export --out '" + out.string() + "' --size 1280x720");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto image = briefmap::imagetest::readPng(out.string());
  EXPECT_EQ(image.width, 1280);
  EXPECT_EQ(image.height, 720);
  EXPECT_GT(briefmap::imagetest::nonBackgroundShare(image), 0.3) << "mostly one colour: is the map missing?";
}

TEST(Cli, ExportWithBboxCrsAndAFile) {
  const auto out = tempDir() / "crimea.png";
  const std::string fixture = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/overlay.geojson";
  const CommandResult r = run("export -o '" + out.string() + "' --size 640x480 --bbox 32,44,37,47 --crs EPSG:3035 '" + fixture + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(briefmap::imagetest::readPng(out.string()).width, 640);
}

TEST(Cli, BadFlagsGiveUsageAndNonZeroExit) {
  CommandResult r = run("export --out x.png --size 12by7");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--size"), std::string::npos) << r.output;
  r = run("export --out x.png --bbox 40,50,30,45");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--bbox"), std::string::npos) << r.output;
  r = run("export --size 100x100");  // --out is required
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--out"), std::string::npos) << r.output;
  r = run("--no-such-flag");
  EXPECT_NE(r.exitCode, 0);
  r = run("export --out x.png --crs EPSG:999999");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("999999"), std::string::npos) << r.output;
}

TEST(Cli, UnreadableInputNamesTheFileAndWritesNothing) {
  const auto dir = tempDir();
  const auto bad = dir / "broken.geojson";
  std::ofstream(bad) << "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":";
  const auto out = dir / "never.png";
  const CommandResult r = run("export --out '" + out.string() + "' --size 320x200 '" + bad.string() + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("broken.geojson"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, MissingOutputFolderIsAClearError) {
  const CommandResult r = run("export --out /nonexistent-folder/x.png --size 320x200");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("/nonexistent-folder"), std::string::npos) << r.output;
}

TEST(Cli, ExistingFileIsReplacedWholeAndNoTemporaryFileIsLeft) {
  const auto dir = tempDir() / "replace";
  fs::create_directories(dir);
  const auto out = dir / "map.png";
  std::ofstream(out) << "old contents";
  const CommandResult r = run("export --out '" + out.string() + "' --size 320x200");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(briefmap::imagetest::readPng(out.string()).width, 320);
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(Smoke, WindowRunsFramesHeadlessAndQuitsCleanly) {
  const auto shot = tempDir() / "window.png";
  const std::string fixture = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/overlay.geojson";
  const CommandResult r = run("--quit-after-frames 5 --screenshot '" + shot.string() + "' '" + fixture + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto image = briefmap::imagetest::readPng(shot.string());
  EXPECT_GT(image.width, 0);
  EXPECT_GT(briefmap::imagetest::nonBackgroundShare(image), 0.3);
}

TEST(Cli, VersionAndHelp) {
  CommandResult r = run("--version");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.output.find("briefmap"), std::string::npos);
  r = run("export --help");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.output.find("--bbox"), std::string::npos);
}
