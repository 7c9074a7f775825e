// The real executable, as a user runs it, with no display (SDL's offscreen driver).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <fstream>

#include <nlohmann/json.hpp>

#include "image_compare.hpp"

namespace fs = std::filesystem;

namespace {

struct CommandResult {
  int exitCode = -1;
  std::string output;  ///< stdout and stderr together
};

// Any shell command, stdout and stderr together.
CommandResult runShell(const std::string& commandLine) {
  const std::string command = commandLine + " 2>&1";
  CommandResult r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The briefmap executable with these arguments.
CommandResult run(const std::string& args) { return runShell(std::string("'") + BRIEFMAP_EXE + "' " + args); }

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

TEST(Smoke, SourcesPanelOpensAFolderOfDocuments) {
  const auto plain = tempDir() / "no-sources.png";
  const auto shot = tempDir() / "sources.png";
  const std::string folder = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/sources";
  ASSERT_EQ(run("--quit-after-frames 5 --screenshot '" + plain.string() + "'").exitCode, 0);
  CommandResult r = run("--quit-after-frames 5 --sources '" + folder + "' --screenshot '" +
                        shot.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("Sources:"), std::string::npos) << r.output;  // errors are printed at exit
  const auto c = briefmap::imagetest::compareImages(briefmap::imagetest::readPng(shot.string()),
                                                    briefmap::imagetest::readPng(plain.string()), 8);
  EXPECT_GT(c.differingShare, 0.1) << "the Sources panel and its candidates changed almost nothing";
  // A folder that does not exist: the window stays up and says so.
  r = run("--quit-after-frames 3 --sources /nonexistent/briefmap-docs");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("Sources: /nonexistent/briefmap-docs does not exist"), std::string::npos) << r.output;
}

TEST(Cli, VersionAndHelp) {
  CommandResult r = run("--version");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.output.find("briefmap"), std::string::npos);
  r = run("export --help");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.output.find("--bbox"), std::string::npos);
}

TEST(Cli, ExportLayersWritesEveryOptionLayerWithProvenanceInEachFormat) {
  const auto dir = tempDir() / "layers";
  fs::remove_all(dir);
  for (const char* format : {"GPKG", "KML", "GeoJSON"}) {
    const CommandResult r = run(std::string("export-layers -q --out '") + dir.string() + "' --format " + format +
                                " --param buffer_zone.width_km=30");
    ASSERT_EQ(r.exitCode, 0) << format << ": " << r.output;
  }
  // Read back with GDAL's own command-line tool, as an analyst would (ogrinfo lists layers and fields).
  const auto gpkg = dir / "briefmap-options.gpkg";
  ASSERT_TRUE(fs::exists(gpkg));
  const std::string listing = runShell("ogrinfo -ro -al -so '" + gpkg.string() + "'").output;
  for (const char* expected : {"buffer_zone__contact_line", "us_backstop__bases", "black_sea__routes", "sources",
                               "placement", "option", "width_km", "radius_km"}) {
    EXPECT_NE(listing.find(expected), std::string::npos) << "ogrinfo does not list " << expected << "\n" << listing;
  }
  EXPECT_TRUE(fs::exists(dir / "briefmap-options.kml"));
  EXPECT_TRUE(fs::exists(dir / "buffer_zone__contact_line.geojson"));
  std::ifstream kml(dir / "briefmap-options.kml");
  std::stringstream k;
  k << kml.rdbuf();
  EXPECT_NE(k.str().find("<Style"), std::string::npos) << "KML without styles shows grey in Google Earth";
}

TEST(Cli, ExportLayersRejectsUnknownParametersAndFormats) {
  CommandResult r = run("export-layers --out /tmp/x --param no_such.width_km=3");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("no_such"), std::string::npos) << r.output;
  r = run("export-layers --out /tmp/x --format SHP");
  EXPECT_NE(r.exitCode, 0);
}

TEST(Cli, ExportWithAPresetDrawsTheOptions) {
  const auto plain = tempDir() / "plain.png";
  const auto withOptions = tempDir() / "options.png";
  ASSERT_EQ(run("export -q --out '" + plain.string() + "' --size 640x400").exitCode, 0);
  const CommandResult r = run("export -q --out '" + withOptions.string() + "' --size 640x400 --preset guarantee_stack");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto a = briefmap::imagetest::readPng(plain.string());
  const auto b = briefmap::imagetest::readPng(withOptions.string());
  const auto c = briefmap::imagetest::compareImages(b, a, 8);
  EXPECT_GT(c.differingShare, 0.02) << "the options changed almost nothing";
  EXPECT_NE(run("export --out x.png --preset nope").exitCode, 0);
}

namespace {
std::string shell(const std::string& command) { return runShell(command).output; }
}  // namespace

TEST(Cli, GeoTiffIsPlacedWhereQgisWouldPutIt) {
  const auto tif = tempDir() / "kyiv.tif";
  ASSERT_EQ(run("export -q --out '" + tif.string() + "' --size 800x600 --bbox 29,49.5,32,51.5").exitCode, 0);
  const std::string info = shell("gdalinfo '" + tif.string() + "'");
  EXPECT_NE(info.find("Lambert Conic Conformal"), std::string::npos) << info;
  EXPECT_NE(info.find("Origin = "), std::string::npos) << "no geotransform:\n" << info;
  // GDAL's own answer for where Kyiv (GeoNames 30.5238 E, 50.45466 N) falls in the image: the renderer drew
  // Kyiv's capital symbol (#333333) there, so the colour at that pixel is the symbol's.
  const std::string where = shell("gdallocationinfo -wgs84 '" + tif.string() + "' 30.5238 50.45466");
  int px = -1, py = -1, value = -1;
  ASSERT_EQ(std::sscanf(where.c_str() + where.find("Location:"), "Location: (%dP,%dL)", &px, &py), 2) << where;
  ASSERT_NE(where.find("Value:"), std::string::npos) << where;
  std::sscanf(where.c_str() + where.find("Value:"), "Value: %d", &value);
  EXPECT_NEAR(px, 400, 20);
  EXPECT_NEAR(py, 300, 40);
  EXPECT_LT(value, 90) << "no dark capital symbol at Kyiv's georeferenced pixel (" << px << "," << py << ")";
}

TEST(Cli, PngWorldFileMatchesTheGeoTiff) {
  const auto png = tempDir() / "world.png";
  const auto tif = tempDir() / "world.tif";
  ASSERT_EQ(run("export -q --world-file --out '" + png.string() + "' --size 640x400 --bbox 22,44,41,53").exitCode, 0);
  ASSERT_EQ(run("export -q --out '" + tif.string() + "' --size 640x400 --bbox 22,44,41,53").exitCode, 0);
  auto pgw = png;
  pgw.replace_extension(".pgw");
  ASSERT_TRUE(fs::exists(pgw));
  std::ifstream in(pgw);
  double a, d, b, e, c, f;
  in >> a >> d >> b >> e >> c >> f;
  const std::string info = shell("gdalinfo '" + tif.string() + "'");
  double ox = 0, oy = 0;
  ASSERT_EQ(std::sscanf(info.c_str() + info.find("Origin = "), "Origin = (%lf,%lf)", &ox, &oy), 2);
  EXPECT_NEAR(c - a / 2, ox, 1e-3);  // the world file names the centre of the top-left pixel
  EXPECT_NEAR(f - e / 2, oy, 1e-3);
  EXPECT_LT(e, 0);
  EXPECT_TRUE(fs::exists(png.parent_path() / "world.prj"));
}

TEST(Cli, UnknownOutputExtensionIsRefused) {
  const CommandResult r = run("export --out /tmp/x.bmp --size 100x100");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find(".tif"), std::string::npos) << r.output;
}

namespace {

// Runs the executable without a shell and returns its exit code and peak resident memory (kB, from wait4).
int runMeasured(const std::vector<std::string>& args, long& peakKb) {
  std::vector<char*> argv;
  std::string exe = BRIEFMAP_EXE;
  argv.push_back(exe.data());
  std::vector<std::string> copies = args;
  for (auto& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(child, &status, 0, &usage);
  peakKb = usage.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json readJson(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

}  // namespace

TEST(CliExtract, WritesCandidatesWithProvenanceForTheBundledDocuments) {
  const auto out = tempDir() / "candidates.geojson";
  const std::string sources = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/sources/";
  const CommandResult r = run("extract --out '" + out.string() + "' '" + sources + "002_6b673b353e26679b.txt' '" +
                              sources + "003_e20a5417f9e49821.txt'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto json = readJson(out);
  ASSERT_GT(json["features"].size(), 20u);
  std::ifstream docIn(sources + "002_6b673b353e26679b.txt", std::ios::binary);
  const std::string doc002((std::istreambuf_iterator<char>(docIn)), std::istreambuf_iterator<char>());
  bool sawBlackSeaInDoc002 = false;
  for (const auto& f : json["features"]) {
    const auto& p = f["properties"];
    for (const char* key : {"doc", "quote", "start", "end", "place", "option", "relevance", "quantities", "placement"})
      EXPECT_TRUE(p.contains(key)) << key;
    EXPECT_EQ(f["geometry"]["type"], "Point");
    if (p["doc"] == "002_6b673b353e26679b.txt") {
      const size_t start = p["start"], end = p["end"];
      EXPECT_EQ(doc002.substr(start, end - start), p["quote"].get<std::string>());
      if (p["place"] == "Black Sea" && p["troops_max"] == 30000) sawBlackSeaInDoc002 = true;
    }
  }
  EXPECT_TRUE(sawBlackSeaInDoc002) << "the 'under 30,000 strong … Black Sea trade routes' sentence";
  // Deterministic: a second run writes the same bytes.
  const auto again = tempDir() / "again.geojson";
  ASSERT_EQ(run("extract -q --out '" + again.string() + "' '" + sources + "002_6b673b353e26679b.txt' '" + sources +
                "003_e20a5417f9e49821.txt'").exitCode, 0);
  std::ifstream a(out, std::ios::binary), b(again, std::ios::binary);
  EXPECT_TRUE(std::equal(std::istreambuf_iterator<char>(a), {}, std::istreambuf_iterator<char>(b), {}));
}

TEST(CliExtract, BadInputNamesTheFileExitsNonZeroAndWritesNothing) {
  const auto dir = tempDir() / "extract-bad";
  fs::create_directories(dir);
  const auto out = dir / "candidates.geojson";
  const std::string good = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/sources/002_6b673b353e26679b.txt";
  CommandResult r = run("extract --out '" + out.string() + "' '" + good + "' '" + (dir / "missing.txt").string() + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("missing.txt"), std::string::npos) << r.output;
  const auto binary = dir / "photo.txt";
  {
    std::ofstream f(binary, std::ios::binary);
    f.write("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  }
  r = run("extract --out '" + out.string() + "' '" + binary.string() + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("photo.txt"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("binary"), std::string::npos) << r.output;
  r = run("extract --out '" + (dir / "no-folder" / "c.geojson").string() + "' '" + good + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("no-folder"), std::string::npos) << r.output;
  r = run("extract --out '" + out.string() + "'");  // no documents
  EXPECT_NE(r.exitCode, 0);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "only photo.txt";
  fs::remove_all(dir);
}

// A 50 MB document: unrelated noise with one relevant report at the end. It is handled, gives the report's
// candidates and nothing from the noise, and the process holds the text once (peak memory well under twice it).
TEST(CliExtract, FiftyMegabyteDocumentIsHandledInBoundedMemory) {
  const auto dir = tempDir() / "extract-big";
  fs::create_directories(dir);
  const auto big = dir / "big.txt";
  const std::string sources = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/sources/";
  std::ifstream reportIn(sources + "002_6b673b353e26679b.txt", std::ios::binary);
  const std::string report((std::istreambuf_iterator<char>(reportIn)), std::istreambuf_iterator<char>());
  const size_t target = 50u * 1000 * 1000;
  {
    std::ofstream f(big, std::ios::binary);
    const char* words[] = {"the", "market", "rose", "on", "Tuesday", "while", "rain", "fell", "over", "the", "harbour",
                           "and", "players", "trained", "for", "Sunday's", "final", "<div>", "</div>", "&amp;", "42"};
    uint32_t seed = 12345;
    std::string line;
    size_t written = 0;
    while (written + report.size() < target) {
      line.clear();
      for (int w = 0; w < 18; ++w) {
        seed = seed * 1664525u + 1013904223u;
        line += words[(seed >> 16) % (sizeof words / sizeof *words)];
        line += (w % 9 == 8) ? ". " : " ";
      }
      line += "\n";
      f << line;
      written += line.size();
    }
    f << report;
  }
  const auto out = dir / "big.geojson";
  const auto reference = dir / "report.geojson";
  long peakKb = 0, referenceKb = 0;
  ASSERT_EQ(runMeasured({"extract", "-q", "--out", reference.string(), sources + "002_6b673b353e26679b.txt"}, referenceKb), 0);
  ASSERT_EQ(runMeasured({"extract", "-q", "--out", out.string(), big.string()}, peakKb), 0);
  const auto bigJson = readJson(out), referenceJson = readJson(reference);
  EXPECT_EQ(bigJson["features"].size(), referenceJson["features"].size());
  const double fileMb = static_cast<double>(fs::file_size(big)) / 1e6;
  const double extraMb = (peakKb - referenceKb) / 1024.0;
  std::printf("  %.0f MB document: peak memory %.0f MB above the small document's %.0f MB\n", fileMb, extraMb,
              referenceKb / 1024.0);
  EXPECT_LT(extraMb, 1.5 * fileMb) << "the document should be held about once";
  fs::remove_all(dir);
}
