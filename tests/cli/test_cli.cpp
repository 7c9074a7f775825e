// The real executable, as a user runs it, with no display (SDL's offscreen driver).
#include <gtest/gtest.h>

#include <chrono>
#include <pty.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <fstream>

#include <nlohmann/json.hpp>
#include <array>
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "briefmap/render/style.hpp"
#include <regex>

#include "cli_support.hpp"
#include "image_compare.hpp"

namespace fs = std::filesystem;

using briefmap::clitest::CommandResult;
using briefmap::clitest::readFile;
using briefmap::clitest::run;
using briefmap::clitest::runShell;
using briefmap::clitest::tempDir;
using briefmap::clitest::freshConfigHome;
using briefmap::clitest::runWithConfig;
using briefmap::clitest::XvfbServer;

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

namespace {

double meanLuminance(const briefmap::imagetest::Image& image, int x0, int y0, int x1, int y1) {
  double sum = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const auto* p = &image.rgba[(static_cast<size_t>(y) * image.width + x) * 4];
      sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    }
  return sum / ((x1 - x0) * (y1 - y0));
}

briefmap::imagetest::Image region(const briefmap::imagetest::Image& image, int x0, int y0, int x1, int y1) {
  briefmap::imagetest::Image out;
  out.width = x1 - x0;
  out.height = y1 - y0;
  for (int y = y0; y < y1; ++y)
    out.rgba.insert(out.rgba.end(), &image.rgba[(static_cast<size_t>(y) * image.width + x0) * 4],
                    &image.rgba[(static_cast<size_t>(y) * image.width + x1) * 4]);
  return out;
}

}  // namespace

// File → Export snapshot with "Framed area" in the real window: the frame dims what the export leaves out,
// and dragging it moves the frame, not the map (the same drag without the frame pans the map).
TEST(Smoke, ExportFrameIsDrawnAndDraggingItDoesNotPanTheMap) {
  const auto dir = tempDir();
  const std::string drag = " --drag 800,480,800,680";  // inside the first frame, 200 px down
  auto shoot = [&](const std::string& name, const std::string& args) {
    const auto shot = dir / name;
    const CommandResult r = run("--quit-after-frames 5 " + args + " --screenshot '" + shot.string() + "'");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return briefmap::imagetest::readPng(shot.string());
  };
  // Tab hides the docked panels, so the map spans the window as the coordinates below assume.
  const std::string window = " --window-size 1600x960 --key Tab";
  const auto plain = shoot("export-window.png", "--export-dialog window" + window);
  const auto framed = shoot("export-framed-dragged.png", "--export-dialog framed" + window + drag);
  const auto panned = shoot("export-window-dragged.png", "--export-dialog window" + window + drag);
  ASSERT_EQ(plain.width, 1600);
  ASSERT_EQ(plain.height, 960);
  // Above the moved frame (map, right of the dialog, left of the legend): dimmed.
  EXPECT_LT(meanLuminance(framed, 900, 60, 1100, 200), 0.8 * meanLuminance(plain, 900, 60, 1100, 200));
  // Inside the frame the map is where it was: the drag did not pan it ...
  const auto inside = [](const briefmap::imagetest::Image& im) { return region(im, 900, 500, 1100, 700); };
  EXPECT_LT(briefmap::imagetest::compareImages(inside(framed), inside(plain), 8).differingShare, 0.01);
  // ... while the same drag on the map without the frame does.
  EXPECT_GT(briefmap::imagetest::compareImages(inside(panned), inside(plain), 8).differingShare, 0.05);
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
    // Under AddressSanitizer freed memory stays resident in its quarantine (256 MB by default), which would
    // count every sentence ever analysed; the peak measured here is what the program holds at once.
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string options = std::string(asan ? asan : "") + (asan && *asan ? ":" : "") + "quarantine_size_mb=0";
    setenv("ASAN_OPTIONS", options.c_str(), 1);
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
    // Facts (troop numbers in a sentence without a place) have no place and no geometry; the rest are points.
    const bool fact = p.contains("kind") && p["kind"] == "fact";
    for (const char* key : {"doc", "quote", "start", "end", "option", "relevance", "quantities"})
      EXPECT_TRUE(p.contains(key)) << key;
    for (const char* key : {"place", "placement"}) EXPECT_EQ(p.contains(key), !fact) << key;
    if (fact) EXPECT_TRUE(f["geometry"].is_null());
    else EXPECT_EQ(f["geometry"]["type"], "Point");
    if (p["doc"] == "002_6b673b353e26679b.txt") {
      const size_t start = p["start"], end = p["end"];
      EXPECT_EQ(doc002.substr(start, end - start), p["quote"].get<std::string>());
      // const operator[] on a missing key is undefined (an assertion in Debug): ask first.
      if (p["place"] == "Black Sea" && p.contains("troops_max") && p["troops_max"] == 30000) sawBlackSeaInDoc002 = true;
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

// --explain says why each sentence gave candidates or not: one tab-separated line per sentence weighed.
TEST(CliExtract, ExplainPrintsEverySentenceWeighedWithItsRelevanceAndCues) {
  const auto dir = tempDir();
  const auto doc = dir / "report.txt";
  {
    std::ofstream out(doc, std::ios::binary);
    out << "Europe plans a reassurance force for Ukraine after the war.\n"
           "The weather in Lisbon was fine.\n"
           "The force could number 25,000 troops.\n";
  }
  const CommandResult r = run("extract -q --explain --out '" + (dir / "c.geojson").string() + "' '" + doc.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    rows.push_back(fields);
  }
  ASSERT_EQ(rows.size(), 3u) << r.output;
  for (const auto& row : rows) ASSERT_EQ(row.size(), 8u) << r.output;
  EXPECT_EQ(rows[0][0], "report.txt");
  EXPECT_EQ(rows[0][1], "0");
  EXPECT_EQ(rows[0][3], "candidates");
  EXPECT_EQ(rows[0][4], "reassurance_force");
  EXPECT_NE(rows[0][5].find("reassurance force"), std::string::npos);
  EXPECT_NE(rows[0][6].find("Ukraine"), std::string::npos);
  EXPECT_EQ(rows[1][3], "-") << "a sentence about the weather gives no candidate";
  EXPECT_NE(rows[1][6].find("Lisbon"), std::string::npos);
  EXPECT_NE(rows[2][6].find("[25,000 troops (troops)]"), std::string::npos);
}

// --relevance-features prints what tools/train_relevance.py learns from: for each sentence the model weighs in a report
// about the arrangements, its document, offset, places and features, the rules' score among them.
TEST(CliExtract, RelevanceFeaturesPrintsEachWeighedSentenceWithItsFeatures) {
  const auto dir = tempDir();
  const std::string report = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/extract/devset/reports/411_globelink-news.txt";
  const CommandResult r = run("extract -q --relevance-features --out '" + (dir / "c.geojson").string() + "' '" + report + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::istringstream lines(r.output);
  size_t rows = 0;
  bool sawParisAndLondon = false;
  for (std::string line; std::getline(lines, line); ++rows) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    ASSERT_EQ(fields.size(), 4u) << line;
    EXPECT_EQ(fields[0], "411_globelink-news.txt");
    EXPECT_EQ(fields[3].rfind("rel", 0), 0u) << "the rules' score comes first: " << fields[3];
    EXPECT_NE(fields[3].find(" w="), std::string::npos) << fields[3];
    if (fields[2] == "Paris, London") {
      sawParisAndLondon = true;
      EXPECT_NE(fields[3].find(" place=paris"), std::string::npos) << fields[3];
      EXPECT_NE(fields[3].find(" b=managed_from"), std::string::npos) << fields[3];
    }
  }
  EXPECT_GT(rows, 5u);
  EXPECT_TRUE(sawParisAndLondon) << r.output;
}

// The opening of a long sentence is cut at 160 bytes, never inside a UTF-8 sequence (round 9: a reader of the lines
// in Python stopped at "Mo\xc8" of "Moșteanu").
TEST(CliExtract, ExplainCutsTheOpeningAtACharacterBoundary) {
  const auto dir = tempDir();
  const auto doc = dir / "long.txt";
  std::string sentence = "Europe plans a reassurance force for Ukraine after the war";
  sentence += std::string(158 - sentence.size(), 'a');
  sentence += "\xE2\x80\x94\xE2\x80\x94 Mo\xC8\x99teanu agreed.\n";  // "—— Moșteanu": the first dash spans bytes 158-160
  std::ofstream(doc, std::ios::binary) << sentence;
  const CommandResult r = run("extract -q --explain --out '" + (dir / "c.geojson").string() + "' '" + doc.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const size_t tab = r.output.rfind('\t');
  ASSERT_NE(tab, std::string::npos) << r.output;
  std::string opening = r.output.substr(tab + 1);
  if (!opening.empty() && opening.back() == '\n') opening.pop_back();
  EXPECT_EQ(opening, sentence.substr(0, 158)) << "cut before the dash, not inside it";
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

// A 50 MB document: one relevant report, then unrelated noise. It is handled, gives the report's candidates and
// nothing from the noise, and the process holds the text once (peak memory well under twice it). (The report comes
// first since round 26: behind 50 MB of noise it would not open the document, which would then not be one about the
// arrangements, and the rules alone, not the learned relevance, would read it.)
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
    f << report << "\n";
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

// A hostile list (round 30): each troop number of a sentence naming no place is a fact carrying the sentence's 4 kB
// quote, so 5 MB of "troop levels from 9 to 8 troops," held 4.7 GB before the findings of a document were bounded
// (kMaxFindingsPerDocument); now the extraction stops taking them there and says so, in bounded memory.
TEST(CliExtract, AListOfThousandsOfTroopNumbersIsCutWithAWarningInBoundedMemory) {
  const auto dir = tempDir() / "extract-list";
  fs::create_directories(dir);
  const auto list = dir / "list.txt";
  {
    std::ofstream f(list, std::ios::binary);
    f << "A peacekeeping force for Ukraine. ";
    for (int i = 0; i < 150000; ++i) f << "troop levels from 9 to 8 troops, ";
    f << ".\n";
  }
  const auto out = dir / "list.geojson";
  const std::string sources = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/sources/";
  long peakKb = 0, referenceKb = 0;
  ASSERT_EQ(runMeasured({"extract", "-q", "--out", (dir / "report.geojson").string(), sources + "002_6b673b353e26679b.txt"},
                        referenceKb), 0);
  ASSERT_EQ(runMeasured({"extract", "-q", "--out", out.string(), list.string()}, peakKb), 0);
  const double aboveMb = (peakKb - referenceKb) / 1024.0;
  std::printf("  5 MB list of troop numbers: peak memory %.0f MB above a report's\n", aboveMb);
  EXPECT_LT(aboveMb, 600);
  const auto json = readJson(out);
  EXPECT_GT(json["features"].size(), 19000u);
  EXPECT_LE(json["features"].size(), 20000u + 300u);  // the last sentence's findings are taken whole
  // The message names the document and says what was left out.
  const CommandResult r = run("extract -q --out '" + out.string() + "' '" + list.string() + "'");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("list.txt: more than 20000 candidates, facts or sentences with findings: nothing after byte"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("split the document"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

// Whole-world data (issue 15): 24 strips from pole to pole and a hex grid over the world, written by the bench
// generator. Exported at the home view, over the whole world and in Web Mercator, each in bounded memory: before,
// polygons reaching a pole were cut on a 100 km grid into tens of millions of pieces (7.5 GB, or std::bad_alloc).
TEST(CliExport, WholeWorldLayerExportsInBoundedMemory) {
  const auto dir = tempDir() / "world";
  fs::create_directories(dir);
  const CommandResult made =
      runShell(std::string("'") + BRIEFMAP_MAKE_BENCH_LAYERS + "' --world-only --out '" + dir.string() + "'");
  ASSERT_EQ(made.exitCode, 0) << made.output;
  const std::string world = (dir / "world_strips.geojson").string(), png = (dir / "world.png").string();
  long basemapKb = 0;
  ASSERT_EQ(runMeasured({"export", "-q", "--out", png, "--size", "1920x1080"}, basemapKb), 0);
  const std::vector<std::vector<std::string>> cases = {
      {world}, {"--bbox", "-180,-85,180,85", world}, {"--crs", "EPSG:3857", "--bbox", "-180,-85,180,85", world}};
  for (const auto& extra : cases) {
    std::vector<std::string> args = {"export", "-q", "--out", png, "--size", "1920x1080"};
    args.insert(args.end(), extra.begin(), extra.end());
    long peakKb = 0;
    ASSERT_EQ(runMeasured(args, peakKb), 0) << extra.front();
    const double aboveMb = (peakKb - basemapKb) / 1024.0;
    std::printf("  world layer, %s: peak %.0f MB, %.0f MB above the basemap alone\n", extra.front().c_str(),
                peakKb / 1024.0, aboveMb);
    std::fflush(stdout);  // before the next fork, which would print what is buffered again
    EXPECT_LT(aboveMb, 500) << extra.front();
    // Drawn, not left out: the whole world in the conic CRS is a small square (cut 20,000 km from its origin).
    EXPECT_GT(briefmap::imagetest::nonBackgroundShare(briefmap::imagetest::readPng(png)), 0.01) << extra.front();
  }
  fs::remove_all(dir);
}

namespace {
// Words separated by single spaces: pdftotext breaks lines where the PDF wrapped them.
std::string collapseSpaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}
}  // namespace

// Rehearsal notes: every slide's notes in the PDF's text, complete (a long note wraps and runs onto a further
// page), and a slide without notes says so.
TEST(CliPresent, NotesPdfHoldsEverySlidesNotes) {
  const std::string source = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  auto doc = nlohmann::json::parse(readFile(source));
  std::string longNote;
  for (int i = 0; i < 220; ++i) longNote += "rehearsal" + std::to_string(i) + " ";
  longNote += "Last-word-of-the-long-note.";
  doc["slides"][6]["notes"] = longNote;  // "Air policing": no notes in the bundled briefing
  const auto briefing = tempDir() / "notes-briefing.json";
  std::ofstream(briefing) << doc.dump(2);
  const auto pdf = tempDir() / "notes.pdf";
  fs::remove(pdf);
  const CommandResult r = run("present --briefing '" + briefing.string() + "' --notes '" + pdf.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  ASSERT_TRUE(fs::exists(pdf)) << r.output;
  std::string text = collapseSpaces(shell("pdftotext '" + pdf.string() + "' -"));
  // A long note runs onto a continuation page under its header; the note itself must still be whole.
  const std::string continued = "Slide 7 of 8 (notes continued) ";
  ASSERT_NE(text.find(continued), std::string::npos) << text;
  text.erase(text.find(continued), continued.size());
  int withoutNotes = 0;
  for (const auto& slide : doc.at("slides")) {
    const std::string title = slide.at("title").get<std::string>();
    const std::string notes = collapseSpaces(slide.value("notes", ""));
    EXPECT_NE(text.find(collapseSpaces(title)), std::string::npos) << "no title '" << title << "'";
    if (notes.empty() || notes == " ") ++withoutNotes;
    else EXPECT_NE(text.find(notes), std::string::npos) << "the notes of '" << title << "' are missing or cut:\n" << text;
  }
  ASSERT_GE(withoutNotes, 1);
  size_t said = 0;
  for (size_t at = text.find("(This slide has no notes.)"); at != std::string::npos;
       at = text.find("(This slide has no notes.)", at + 1))
    ++said;
  EXPECT_EQ(said, static_cast<size_t>(withoutNotes));
  // One page per slide, and one more for the long note.
  const std::string info = shell("pdfinfo '" + pdf.string() + "'");
  std::smatch pages;
  ASSERT_TRUE(std::regex_search(info, pages, std::regex(R"(Pages:\s+(\d+))"))) << info;
  EXPECT_EQ(std::stoul(pages[1]), doc.at("slides").size() + 1) << info;
  // A folder that does not exist: an error naming it, nothing written.
  const CommandResult bad = run("present --briefing '" + briefing.string() + "' --notes '" + (tempDir() / "no-such" / "n.pdf").string() + "'");
  EXPECT_EQ(bad.exitCode, 1) << bad.output;
  EXPECT_NE(bad.output.find("no-such"), std::string::npos) << bad.output;
}

// Rehearsal without a screen: every slide of the example briefing as presentation mode draws it.
TEST(CliPresent, ExportSlidesWritesEverySlide) {
  const auto dir = tempDir() / "slides";
  fs::remove_all(dir);
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  const CommandResult r = run("present --briefing '" + briefing + "' --export-slides '" + dir.string() + "' --size 960x540");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("slide-08.png"), std::string::npos) << r.output;
  std::vector<briefmap::imagetest::Image> slides;
  for (int i = 1; i <= 8; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "slide-%02d.png", i);
    ASSERT_TRUE(fs::exists(dir / name)) << name;
    slides.push_back(briefmap::imagetest::readPng((dir / name).string()));
    EXPECT_EQ(slides.back().width, 960);
    EXPECT_EQ(slides.back().height, 540);
    EXPECT_GT(briefmap::imagetest::nonBackgroundShare(slides.back()), 0.3) << name;
  }
  EXPECT_FALSE(fs::exists(dir / "slide-09.png"));
  // The 20 km and the 50 km buffer-zone slides share a view and differ only in the zone.
  const auto c = briefmap::imagetest::compareImages(slides[3], slides[4], 24);
  EXPECT_GT(c.differingShare, 0.02);
}

TEST(CliPresent, ABrokenBriefingIsAClearErrorAndWritesNothing) {
  const auto dir = tempDir() / "broken-slides";
  fs::remove_all(dir);
  const auto file = tempDir() / "broken.json";
  std::ofstream(file) << "{\"slides\": [ {\"title\": \"cut off";
  CommandResult r = run("present --briefing '" + file.string() + "' --export-slides '" + dir.string() + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("not valid JSON"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir));
  r = run("present --briefing '" + (tempDir() / "missing.json").string() + "' --export-slides '" + dir.string() + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("missing.json"), std::string::npos) << r.output;
  r = run("present --briefing '" + file.string() + "' --export-slides '" + dir.string() + "' --size 0x10");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("--size"), std::string::npos) << r.output;
}

// The window in presentation mode, driven by the keys a clicker sends, then left with Esc.
TEST(Smoke, PresentationModeWithClickerKeys) {
  const auto shot = tempDir() / "presenting.png";
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  const CommandResult r = run("--briefing '" + briefing +
                              "' --key F5 --key PageDown --key PageDown --key B --key B --key PageUp --quit-after-frames 5"
                              " --screenshot '" + shot.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto image = briefmap::imagetest::readPng(shot.string());
  EXPECT_GT(briefmap::imagetest::nonBackgroundShare(image), 0.3);
}

// F5 from the window: the slide was framed for the window's map area and the window went full screen after,
// so the first slide showed about 25 % more than it defines. Through the real window: the view at the end
// must show the slide's extent exactly in one direction (and no less in the other), at the full-screen size.
TEST(Smoke, FirstSlideAfterF5IsFramedAsDefined) {
  const auto dump = tempDir() / "f5-view.json";
  const auto layout = tempDir() / "f5-layout.json";
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  const CommandResult r = run("--window-size 900x700 --briefing '" + briefing + "' --key F5 --quit-after-frames 5 --dump-view '" +
                              dump.string() + "' --dump-layout '" + layout.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto view = nlohmann::json::parse(readFile(dump));
  ASSERT_TRUE(view.at("presenting").get<bool>()) << view.dump();
  // The map is the whole window, and the window is no longer the 900×700 it started as.
  const auto window = nlohmann::json::parse(readFile(layout)).at("window");
  EXPECT_EQ(view.at("viewport").at("w").get<int>(), window.at("w").get<int>()) << view.dump();
  EXPECT_EQ(view.at("viewport").at("h").get<int>(), window.at("h").get<int>()) << view.dump();
  EXPECT_NE(window.at("w").get<int>(), 900) << "the window did not go full screen";
  const double shownW = view.at("view").at("width_km").get<double>(), shownH = view.at("view").at("height_km").get<double>();
  const double slideW = view.at("slide").at("width_km").get<double>(), slideH = view.at("slide").at("height_km").get<double>();
  EXPECT_EQ(view.at("slide").at("index").get<int>(), 0);
  EXPECT_GE(shownW, slideW * 0.999) << view.dump();
  EXPECT_GE(shownH, slideH * 0.999) << view.dump();
  EXPECT_NEAR(std::min(shownW / slideW, shownH / slideH), 1.0, 0.002) << view.dump();
  EXPECT_NEAR(view.at("view").at("centre_lon").get<double>(), view.at("slide").at("centre_lon").get<double>(), 1e-6);
  EXPECT_NEAR(view.at("view").at("centre_lat").get<double>(), view.at("slide").at("centre_lat").get<double>(), 1e-6);
}

// ---------------------------------------------------------------------------------------------------
// Snapshot export: formats, furniture, vector output, tiles, failures, reproducibility.

namespace {


// Every Flate stream of a PDF, inflated: cairo compresses page content, so operators are counted in these.
std::string inflatedPdfStreams(const std::string& pdf) {
  std::string out;
  for (size_t at = pdf.find("stream"); at != std::string::npos; at = pdf.find("stream", at + 6)) {
    if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) continue;
    size_t begin = at + 6;
    if (pdf[begin] == '\r') ++begin;
    if (pdf[begin] == '\n') ++begin;
    const size_t end = pdf.find("endstream", begin);
    if (end == std::string::npos) break;
    z_stream z{};
    if (inflateInit(&z) != Z_OK) break;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pdf.data() + begin));
    z.avail_in = static_cast<uInt>(end - begin);
    char buffer[65536];
    int status = Z_OK;
    while (status == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      status = inflate(&z, Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    out += '\n';
    at = end;
  }
  return out;
}

// How many times a PDF operator occurs in content streams: a whitespace-separated token, or one glued to a
// string or array operand ("[<0102>]TJ").
size_t countOperator(const std::string& content, const std::string& op) {
  size_t n = 0;
  std::istringstream tokens(content);
  for (std::string t; tokens >> t;) {
    if (t == op) ++n;
    else if (t.size() > op.size() && t.compare(t.size() - op.size(), op.size(), op) == 0 &&
             std::string(")]>").find(t[t.size() - op.size() - 1]) != std::string::npos)
      ++n;
  }
  return n;
}

const std::string kFixedTime = "SOURCE_DATE_EPOCH=1700000000 ";  // 2023-11-14 22:13:20 UTC

}  // namespace

TEST(Cli, PdfHasTitleAndLabelsAsTextAndTheMapAsPaths) {
  const auto pdf = tempDir() / "map.pdf";
  const CommandResult r = runShell(kFixedTime + "'" + BRIEFMAP_EXE + "' export -q --out '" + pdf.string() +
                                   "' --size 1920x1080 --preset guarantee_stack --title 'Security guarantees for Ukraine'"
                                   " --subtitle 'Options under negotiation' --caveat 'UNCLASSIFIED'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string text = shell("pdftotext '" + pdf.string() + "' -");
  for (const char* expected : {"Security guarantees for Ukraine", "Options under negotiation", "UNCLASSIFIED", "Kyiv",
                               "Odesa", "Warsaw", "Sources:", "Exported 2023-11-14 22:13 UTC", "Natural Earth",
                               "US backstop", "Occupied side"})
    EXPECT_NE(text.find(expected), std::string::npos) << "no text '" << expected << "' in the PDF:\n" << text;
  const std::string bytes = readFile(pdf);
  EXPECT_EQ(bytes.find("/Subtype /Image"), std::string::npos) << "the map was embedded as a picture";
  EXPECT_NE(bytes.find("DejaVuSans"), std::string::npos) << "the label font is not embedded";
  const std::string content = inflatedPdfStreams(bytes);
  // Borders, coastlines and the contact line are polylines of thousands of vertices; country fills are paths.
  EXPECT_GT(countOperator(content, "l"), 20000u);
  EXPECT_GT(countOperator(content, "m"), 1000u);
  EXPECT_GT(countOperator(content, "S"), 10u);     // strokes (lines)
  EXPECT_GT(countOperator(content, "Tj") + countOperator(content, "TJ"), 50u);  // text shown as text
}

TEST(Cli, SvgAndFormatFlag) {
  const auto svg = tempDir() / "map.svg";
  CommandResult r = run("export -q --out '" + svg.string() + "' --size 800x500 --options buffer_zone");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string s = readFile(svg);
  EXPECT_NE(s.find("<svg"), std::string::npos);
  size_t paths = 0;
  for (size_t at = s.find("<path"); at != std::string::npos; at = s.find("<path", at + 1)) ++paths;
  EXPECT_GT(paths, 100u);
  // --format wins over the extension.
  const auto odd = tempDir() / "map.out";
  r = run("export -q --format pdf --out '" + odd.string() + "' --size 400x300");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(readFile(odd).substr(0, 5), "%PDF-");
  r = run("export --format bmp --out '" + odd.string() + "' --size 400x300");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("--format"), std::string::npos) << r.output;
}

TEST(Cli, FurnitureSwitchesChangeWhatIsDrawn) {
  const auto on = tempDir() / "on.pdf";
  const auto off = tempDir() / "off.pdf";
  const std::string common = "' --size 1280x720 --options us_backstop";
  ASSERT_EQ(runShell(kFixedTime + "'" + BRIEFMAP_EXE + "' export -q --out '" + on.string() + common).exitCode, 0);
  ASSERT_EQ(runShell(kFixedTime + "'" + BRIEFMAP_EXE + "' export -q --out '" + off.string() + common +
                     " --no-legend --no-scale-bar --no-north-arrow --no-sources --no-timestamp --no-attribution")
                .exitCode,
            0);
  const std::string a = shell("pdftotext '" + on.string() + "' -"), b = shell("pdftotext '" + off.string() + "' -");
  for (const char* furniture : {"Sources:", "Exported 2023-11-14", "Natural Earth", "km", "US backstop (air", "N\n"}) {
    EXPECT_NE(a.find(furniture), std::string::npos) << furniture << " missing by default:\n" << a;
    EXPECT_EQ(b.find(furniture), std::string::npos) << furniture << " drawn although switched off:\n" << b;
  }
  EXPECT_NE(b.find("Rzeszów-Jasionka"), std::string::npos) << "labels belong to the map, not the furniture";
}

TEST(Cli, LayerDataByExtensionCarriesProvenance) {
  const auto dir = tempDir() / "data";
  fs::create_directories(dir);
  for (const char* name : {"v.gpkg", "v.kml", "v.geojson"}) {
    const CommandResult r = run("export -q --out '" + (dir / name).string() + "' --options buffer_zone,us_backstop");
    ASSERT_EQ(r.exitCode, 0) << name << ": " << r.output;
    const std::string info = shell("ogrinfo -ro -al '" + (dir / name).string() + "'");
    for (const char* field : {"option", "placement", "sources", "buffer_zone", "us_backstop", "derived"})
      EXPECT_NE(info.find(field), std::string::npos) << name << " lacks " << field;
  }
  EXPECT_NE(readFile(dir / "v.kml").find("<Style"), std::string::npos);
  const CommandResult r = run("export --out '" + (dir / "none.gpkg").string() + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("no option layer is visible"), std::string::npos) << r.output;
}

TEST(Cli, ReproducibleExportsAreByteIdentical) {
  for (const char* ext : {".png", ".pdf", ".tif"}) {
    const auto a = tempDir() / (std::string("same-a") + ext);
    const auto b = tempDir() / (std::string("same-b") + ext);
    for (const auto& out : {a, b}) {
      const CommandResult r = runShell(kFixedTime + "'" + BRIEFMAP_EXE + "' export -q --out '" + out.string() +
                                       "' --size 960x540 --preset guarantee_stack --title Same");
      ASSERT_EQ(r.exitCode, 0) << r.output;
    }
    EXPECT_EQ(readFile(a), readFile(b)) << ext << ": two runs with nothing changed differ";
  }
}

TEST(Cli, BadSizesAreRefusedWithAClearMessage) {
  for (const char* size : {"0x100", "8x8", "40000x100", "20000x20000"}) {
    const CommandResult r = run(std::string("export --out /tmp/never.png --size ") + size);
    EXPECT_EQ(r.exitCode, 2) << size;
    EXPECT_NE(r.output.find("--size"), std::string::npos) << size << ": " << r.output;
  }
}

TEST(Cli, UnwritableFolderIsAClearErrorAndLeavesNothing) {
  // /proc refuses new files even to root.
  CommandResult r = run("export --out /proc/briefmap-map.png --size 320x200");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("/proc/briefmap-map.png"), std::string::npos) << r.output;
  r = run("export --out /proc/briefmap-map.pdf --size 320x200");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("/proc/briefmap-map.pdf"), std::string::npos) << r.output;
  if (::geteuid() != 0) {  // permissions do not bind root
    const auto dir = tempDir() / "readonly";
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
    r = run("export --out '" + (dir / "x.png").string() + "' --size 320x200");
    fs::permissions(dir, fs::perms::owner_all);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(fs::is_empty(dir));
  }
}

TEST(Cli, InterruptedExportLeavesTheOldFileAndNoTemporary) {
  const auto dir = tempDir() / "interrupt";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto out = dir / "big.png";
  std::ofstream(out) << "old contents";
  // An 8K export takes seconds: stop it part way with SIGTERM, as Ctrl+C or a closing terminal would.
  const CommandResult r = runShell("'" + std::string(BRIEFMAP_EXE) + "' export -q --out '" + out.string() +
                                   "' --size 7680x4320 --preset guarantee_stack & pid=$!; sleep 0.7; kill -TERM $pid;"
                                   " wait $pid; echo exit=$?");
  EXPECT_NE(r.output.find("exit=143"), std::string::npos) << "not interrupted as planned: " << r.output;
  EXPECT_EQ(readFile(out), "old contents");
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "a temporary file was left behind";
}

namespace {
// A GeoJSON of `count` points: ~70 bytes each, so that GDAL's open and the read take seconds at 400,000.
fs::path writeBigGeoJson(const fs::path& file, int count) {
  std::FILE* out = std::fopen(file.c_str(), "w");
  std::fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", out);
  for (int i = 0; i < count; ++i)
    std::fprintf(out, "%s{\"type\":\"Feature\",\"properties\":{\"n\":%d},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}}\n",
                 i ? "," : "", i, 22.0 + (i % 1000) * 0.018, 44.0 + (i / 1000) * 0.02);
  std::fputs("]}\n", out);
  std::fclose(out);
  return file;
}
}  // namespace

// Ctrl+C while a user's file is read: the read stops ("cancelled", naming the file), nothing is written, the old
// output stays. Run on a terminal (a pty), which also shows the progress line: the signal is sent once it appears,
// while GDAL is still opening the file, so the read is cancelled at its next progress call.
TEST(Cli, CtrlCWhileReadingAFileCancelsTheReadAndLeavesTheOldOutput) {
  const auto dir = tempDir() / "cancel-read";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto big = writeBigGeoJson(dir / "big.geojson", 400'000);
  const auto out = dir / "out.png";
  std::ofstream(out) << "old contents";
  const std::string config = freshConfigHome().string();
  int terminal = -1;
  const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  ASSERT_GE(pid, 0) << "no pty";
  if (pid == 0) {
    ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
    ::execl(BRIEFMAP_EXE, "briefmap", "export", big.c_str(), "-o", out.c_str(), "--size", "320x200",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string output;
  bool interrupted = false;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(terminal, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child is gone
    output.append(buffer, static_cast<size_t>(n));
    if (!interrupted && output.find("Reading big.geojson") != std::string::npos) {
      ::kill(pid, SIGINT);
      interrupted = true;
    }
  }
  ::close(terminal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(interrupted) << "no progress line on the terminal: " << output;
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_EQ(WEXITSTATUS(status), 130) << output;
  EXPECT_NE(output.find(big.string() + ": cancelled; nothing written"), std::string::npos) << output;
  EXPECT_EQ(readFile(out), "old contents");
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u) << "something was written beside the input and the old output";
}

TEST(Cli, NoProgressLineWhenStderrIsNotATerminal) {
  const auto out = tempDir() / "quiet-progress.png";
  const std::string fixture = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/overlay.geojson";
  const CommandResult r = run("export -o '" + out.string() + "' --size 320x200 '" + fixture + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("Reading"), std::string::npos) << r.output;
}

// Every headless command ends on SIGTERM (SDL and the GL driver's threads once swallowed it in the slide export).
TEST(Cli, EveryHeadlessCommandEndsOnSigterm) {
  const auto dir = tempDir() / "sigterm";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string exe = "'" + std::string(BRIEFMAP_EXE) + "'";
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  for (const std::string& command :
       {exe + " present --briefing '" + briefing + "' --export-slides '" + (dir / "slides").string() + "' --size 7680x4320",
        exe + " export -q --briefing '" + briefing + "' --all-slides --formats png --size 7680x4320 --out '" +
            (dir / "batch").string() + "'"}) {
    const auto started = std::chrono::steady_clock::now();
    const CommandResult r = runShell(command + " >/dev/null & pid=$!; sleep 1.5; kill -TERM $pid; wait $pid; echo exit=$?");
    EXPECT_NE(r.output.find("exit=143"), std::string::npos) << command << ": " << r.output;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20)) << command;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
}

TEST(Cli, AnExportKilledOutrightIsCleanedUpByTheNextOne) {
  // SIGKILL cannot be handled: the temporary stays until the next export of the same file removes it.
  const auto dir = tempDir() / "killed";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto out = dir / "big.tif";
  std::ofstream(out) << "old contents";
  const std::string exe = std::string(BRIEFMAP_EXE);
  const CommandResult r = runShell("cd '" + dir.string() + "' && { '" + exe + "' export -q --out big.tif --size 7680x4320 & pid=$!;"
                                   " for i in $(seq 2000); do ls big.tif.tmp-* >/dev/null 2>&1 && break; sleep 0.005; done;"
                                   " kill -KILL $pid; wait $pid; echo exit=$?; ls; }");
  ASSERT_NE(r.output.find("exit=137"), std::string::npos) << "not killed while writing: " << r.output;
  ASSERT_NE(r.output.find("big.tif.tmp-"), std::string::npos) << "no temporary was left to clean: " << r.output;
  EXPECT_EQ(readFile(out), "old contents");
  ASSERT_EQ(run("export -q --out '" + out.string() + "' --size 640x360").exitCode, 0);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"big.tif"}) << "the killed export's temporary is still there";
}

TEST(Cli, TiledEightKEqualsOnePieceAndMatchesFourK) {
  const auto tiled = tempDir() / "8k-tiled.png";
  const auto whole = tempDir() / "8k-whole.png";
  const auto fourK = tempDir() / "4k.png";
  const std::string common = "' --preset guarantee_stack --title 'Tiles' --timestamp 'Exported then'";
  ASSERT_EQ(run("export -q --size 7680x4320 --out '" + tiled.string() + common).exitCode, 0);  // 4096 tiles: 2x2
  ASSERT_EQ(run("export -q --size 7680x4320 --max-tile 8192 --out '" + whole.string() + common).exitCode, 0);
  ASSERT_EQ(run("export -q --size 3840x2160 --out '" + fourK.string() + common).exitCode, 0);
  const auto a = briefmap::imagetest::readPng(tiled.string());
  const auto b = briefmap::imagetest::readPng(whole.string());
  const auto c = briefmap::imagetest::compareImages(a, b, 8);
  ASSERT_TRUE(c.sameSize);
  EXPECT_LT(c.differingShare, 0.0002) << "tiles differ from the one-piece render";
  // The 4K export is the same map at half the scale: downsampled 8K agrees with it (same extent, labels and
  // furniture in the same places relative to the map).
  const auto k4 = briefmap::imagetest::readPng(fourK.string());
  const auto d = briefmap::imagetest::compareImages(briefmap::imagetest::halve(a), k4, 48);
  EXPECT_LT(d.differingShare, 0.03) << "the 8K export is not the 4K map at twice the resolution";
}

TEST(Cli, BatchExportsEverySlideInEveryFormatReproducibly) {
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  const auto first = tempDir() / "batch-1";
  const auto second = tempDir() / "batch-2";
  fs::remove_all(first);
  fs::remove_all(second);
  for (const auto& dir : {first, second}) {
    const CommandResult r = run("export -q --briefing '" + briefing + "' --all-slides --out '" + dir.string() +
                                "' --formats png,pdf,geotiff --size 640x360");
    ASSERT_EQ(r.exitCode, 0) << r.output;
  }
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(first)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  ASSERT_GE(names.size(), 3u * 8);
  EXPECT_EQ(names.size() % 3, 0u);
  EXPECT_EQ(names.front(), "slide-01.pdf");
  for (const auto& name : names)
    EXPECT_EQ(readFile(first / name), readFile(second / name)) << name << " differs between two runs";
  const std::string text = shell("pdftotext '" + (first / "slide-01.pdf").string() + "' -");
  EXPECT_NE(text.find("Briefing of "), std::string::npos) << text;
  EXPECT_NE(shell("gdalinfo '" + (first / "slide-02.tif").string() + "'").find("Origin = "), std::string::npos);
  const CommandResult bad = run("export --briefing '" + briefing + "' --slides 99 --out '" + first.string() + "'");
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.output.find("no slide 99"), std::string::npos) << bad.output;
}

// Facts (numbers and statements without a place) travel with the layers, so a colleague who opens the data in
// QGIS or Google Earth has them: a table without geometry in GeoPackage, null-geometry features in GeoJSON,
// ExtendedData in KML.
// export-layers (of the bundled options, or of a workspace with `extraArgs`) writes the facts in every format.
static void expectFactsInExportedLayers(const fs::path& dir, const std::string& extraArgs) {
  fs::remove_all(dir);
  for (const char* format : {"GPKG", "KML", "GeoJSON"})
    ASSERT_EQ(run(std::string("export-layers -q ") + extraArgs + " --out '" + dir.string() + "' --format " + format).exitCode, 0)
        << format;

  const auto concepts = readJson(dir / "force_concepts__facts.geojson");
  bool zelenskyy = false, peacekeeping = false, tripwire = false, observer = false;
  for (const auto& f : concepts.at("features")) {
    EXPECT_TRUE(f.at("geometry").is_null());
    const auto& p = f.at("properties");
    const std::string text = p.at("text");
    auto sources = p.at("sources");
    if (sources.is_string()) sources = nlohmann::json::parse(sources.get<std::string>());
    ASSERT_FALSE(sources.empty()) << text;
    EXPECT_FALSE(sources.at(0).at("quote").get<std::string>().empty()) << text;
    if (text.rfind("Zelenskyy called for", 0) == 0) {
      zelenskyy = true;
      EXPECT_EQ(p.at("troops_min"), 100000);
      EXPECT_EQ(p.at("troops_max"), 150000);
    }
    peacekeeping = peacekeeping || text.rfind("Peacekeeping force", 0) == 0;
    tripwire = tripwire || text.rfind("Tripwire force", 0) == 0;
    observer = observer || text.rfind("Observer force", 0) == 0;
  }
  EXPECT_TRUE(zelenskyy && peacekeeping && tripwire && observer);
  const auto sizes = readJson(dir / "reassurance_force__facts.geojson");
  bool likely = false;
  for (const auto& f : sizes.at("features"))
    likely = likely || (f["properties"].value("troops_min", 0) == 15000 && f["properties"].value("troops_max", 0) == 20000);
  EXPECT_TRUE(likely) << "the reported 15,000-20,000 is missing";

  // GeoPackage: a table without geometry that ogrinfo lists with its fields.
  const std::string gpkg = runShell("ogrinfo -ro -so '" + (dir / "briefmap-options.gpkg").string() + "' force_concepts__facts").output;
  EXPECT_NE(gpkg.find("Geometry: None"), std::string::npos) << gpkg;
  EXPECT_NE(gpkg.find("troops_min"), std::string::npos) << gpkg;
  // KML: the numbers as ExtendedData of the facts' placemarks.
  const std::string kml = readFile(dir / "briefmap-options.kml");
  EXPECT_NE(kml.find("force_concepts__facts"), std::string::npos);
  EXPECT_NE(kml.find("<SimpleData name=\"troops_min\">100000</SimpleData>"), std::string::npos);
}

TEST(Cli, ExportLayersCarriesTheFactsWithTheirNumbersAndQuotes) { expectFactsInExportedLayers(tempDir() / "facts", ""); }

TEST(Cli, ExportLayersOfAFreshWorkspaceCarriesTheSameFacts) {
  const auto dir = tempDir() / "workspace-facts";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string workspace = (dir / "w.gpkg").string();
  ASSERT_EQ(run("workspace create -q '" + workspace + "'").exitCode, 0);
  expectFactsInExportedLayers(dir / "out", "--workspace '" + workspace + "'");
}

// ---------------------------------------------------------------------------------------------------
// The window on a real X server at a laptop's 1366×768: the trial of issue 14, repeated.

namespace {

struct Box {
  double x, y, w, h;
  bool contains(double px, double py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  bool overlaps(const Box& o) const { return x < o.x + o.w - 0.5 && o.x < x + w - 0.5 && y < o.y + o.h - 0.5 && o.y < y + h - 0.5; }
};

Box boxOf(const nlohmann::json& j) { return {j.at("x").get<double>(), j.at("y").get<double>(), j.at("w").get<double>(), j.at("h").get<double>()}; }

}  // namespace

// Issue 14's first problem, in the real window at 1366×768: on the three-tier preset a click on the Rivne NPP or
// Kyiv reassurance-force marker opened "Rzeszów-Jasionka: 1,170 km" (the range wash of another option), and
// with air policing on the airport markers could never be inspected under the no-fly polygon. A click where the
// window draws a marker inspects that marker, and the map highlights it. Marker positions come from the
// window's own view (the dump), not from numbers written here.
TEST(Smoke, AClickOnAMarkerInspectsThatMarkerAndHighlightsIt) {
  struct Case {
    const char* preset;
    const char* option;
    const char* layer;
    std::vector<std::string> names;  // empty: the layer's first point in view
  };
  const Case cases[] = {{"guarantee_stack", "reassurance_force", "positions", {"Rivne NPP", "Kyiv"}},
                        {"sea_and_air", "air_policing", "airports", {}}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.preset);
    const auto dir = tempDir() / (std::string("pick-") + c.preset);
    fs::create_directories(dir);
    const std::string common = "--window-size 1366x768 --preset " + std::string(c.preset) + " --quit-after-frames 5";
    CommandResult r = runWithConfig(freshConfigHome(), common + " --dump-view '" + (dir / "view.json").string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto view = nlohmann::json::parse(readFile(dir / "view.json"));
    std::vector<nlohmann::json> targets;
    for (const auto& p : view.at("option_points")) {
      if (p.at("option") != c.option || p.at("layer") != c.layer) continue;
      const std::string name = p.at("name");
      if (c.names.empty() ? targets.empty()
                          : std::find(c.names.begin(), c.names.end(), name) != c.names.end())
        targets.push_back(p);
    }
    ASSERT_EQ(targets.size(), c.names.empty() ? 1u : c.names.size()) << view.at("option_points").dump();
    for (const auto& t : targets) {
      const std::string name = t.at("name");
      SCOPED_TRACE(name);
      const auto dump = dir / "picked.json";
      fs::remove(dump);
      char click[64];
      std::snprintf(click, sizeof click, "%.0f,%.0f", t.at("x").get<double>(), t.at("y").get<double>());
      r = runWithConfig(freshConfigHome(), common + " --click " + click + " --dump-view '" + dump.string() + "'");
      ASSERT_EQ(r.exitCode, 0) << r.output;
      const auto picked = nlohmann::json::parse(readFile(dump));
      ASSERT_TRUE(picked.contains("selection")) << "the click at " << click << " selected nothing";
      const auto& selection = picked.at("selection");
      EXPECT_EQ(selection.at("option"), c.option) << selection.dump();
      EXPECT_EQ(selection.at("layer"), c.layer) << selection.dump();
      EXPECT_EQ(selection.at("name"), name) << selection.dump();
      EXPECT_TRUE(selection.at("highlighted").get<bool>()) << "the selected marker is not highlighted on the map";
    }
  }
}

// Fails while the menu or status bar is off screen, a panel covers the map's centre or another panel, the
// map is squeezed, or a first start opens more than two panels: at UI scale 1 and 2.
TEST(Smoke, PanelsRespectTheMapOnA1366x768Display) {
  XvfbServer x("1366x768x24");
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not installed";
  const std::string environment = "DISPLAY=" + x.display() + " SDL_VIDEODRIVER=x11";
  for (const char* scale : {"1", "2"}) {
    SCOPED_TRACE(std::string("UI scale ") + scale);
    const auto shot = tempDir() / (std::string("laptop-scale") + scale + ".png");
    const auto dump = tempDir() / (std::string("laptop-scale") + scale + ".json");
    const CommandResult r = runWithConfig(freshConfigHome(),
                                          std::string("--quit-after-frames 5 --ui-scale ") + scale + " --screenshot '" +
                                              shot.string() + "' --dump-layout '" + dump.string() + "'",
                                          environment);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto layout = nlohmann::json::parse(readFile(dump));
    // The whole window, bars included, on the 1366×768 screen.
    const Box window = boxOf(layout.at("window"));
    EXPECT_GE(window.x, 0);
    EXPECT_GE(window.y, 0);
    EXPECT_LE(window.x + window.w, 1366) << layout.dump();
    EXPECT_LE(window.y + window.h, 768) << layout.dump();
    const Box menu = boxOf(layout.at("menu_bar")), status = boxOf(layout.at("status_bar"));
    EXPECT_GT(menu.h, 0);
    EXPECT_GT(status.h, 0);
    EXPECT_LE(window.y + status.y + status.h, 768);  // the status bar's bottom edge on screen
    // The map between the docked columns: its centre free, at least a third of the width.
    const Box map = boxOf(layout.at("map"));
    EXPECT_GE(map.w, window.w / 3) << layout.dump();
    const double cx = map.x + map.w / 2, cy = map.y + map.h / 2;
    const double wx = window.w / 2, wy = window.h / 2;  // and the window's centre
    int open = 0;
    std::vector<Box> panels;
    for (const auto& p : layout.at("panels")) {
      const Box b = boxOf(p);
      EXPECT_FALSE(b.contains(cx, cy)) << p.dump();
      EXPECT_FALSE(b.contains(wx, wy)) << p.dump();
      EXPECT_FALSE(b.overlaps(map)) << p.dump();
      EXPECT_GE(b.y, menu.y + menu.h - 0.5) << p.dump();
      EXPECT_LE(b.y + b.h, status.y + 0.5) << p.dump();
      for (const auto& other : panels) EXPECT_FALSE(b.overlaps(other)) << p.dump();
      panels.push_back(b);
      if (!p.at("collapsed").get<bool>()) ++open;
    }
    EXPECT_LE(open, 2) << "a first start opens at most Options and Briefing";
    for (const auto& f : layout.at("floating")) EXPECT_FALSE(boxOf(f).contains(cx, cy)) << f.dump();
    // The picture: as large as the window, the status bar drawn along its bottom.
    const auto image = briefmap::imagetest::readPng(shot.string());
    EXPECT_EQ(image.width, static_cast<int>(window.w));
    EXPECT_EQ(image.height, static_cast<int>(window.h));
  }
}

namespace {

/// Frames as the X server shows them (XGetImage of the root window, as a screen recorder reads them), taken
/// on a thread of their own for as long as the application runs. Every `kStep`-th pixel, RGB.
class XFrameGrabber {
 public:
  static constexpr int kStep = 6;
  struct Frame {
    int w = 0, h = 0;  ///< in samples
    std::vector<std::uint8_t> rgb;
    std::array<int, 3> at(int x, int y) const {  // screen pixels
      const size_t o = (static_cast<size_t>(y / kStep) * w + x / kStep) * 3;
      return {rgb[o], rgb[o + 1], rgb[o + 2]};
    }
  };
  /// `inspect` (optional) sees every full frame on the grabbing thread.
  explicit XFrameGrabber(const std::string& display, std::function<void(XImage&)> inspect = {}) {
    m_thread = std::thread([this, display, inspect] {
      ::Display* d = XOpenDisplay(display.c_str());
      if (!d) return;
      const ::Window root = DefaultRootWindow(d);
      XWindowAttributes a{};
      XGetWindowAttributes(d, root, &a);
      while (!m_stop) {
        XImage* image = XGetImage(d, root, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
        if (!image) break;
        if (inspect) inspect(*image);
        Frame f;
        f.w = a.width / kStep;
        f.h = a.height / kStep;
        f.rgb.reserve(static_cast<size_t>(f.w) * f.h * 3);
        for (int y = 0; y < f.h; ++y)
          for (int x = 0; x < f.w; ++x) {
            const unsigned long p = XGetPixel(image, x * kStep, y * kStep);
            f.rgb.insert(f.rgb.end(), {static_cast<std::uint8_t>((p & image->red_mask) >> 16),
                                       static_cast<std::uint8_t>((p & image->green_mask) >> 8),
                                       static_cast<std::uint8_t>(p & image->blue_mask)});
          }
        XDestroyImage(image);
        if (m_frames.empty() || m_frames.back().rgb != f.rgb) m_frames.push_back(std::move(f));
      }
      XCloseDisplay(d);
    });
  }
  /// Stops grabbing; the distinct frames seen, in order.
  std::vector<Frame> finish() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    return std::move(m_frames);
  }
  ~XFrameGrabber() { finish(); }

 private:
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::vector<Frame> m_frames;
};

int colourDistance(const std::array<int, 3>& a, const std::array<int, 3>& b) {
  return std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
}

}  // namespace

// Issue 14's start-up artefacts, seen through the X server: the options are read before the basemap, and for
// half a second their range washes and the occupied area stood as magenta and red blocks over an empty sea;
// a dock column with no panel yet kept black (stale) pixels. Every frame the server shows must be either the
// plain sea of a map still loading, or the map where the finished map (the window's own last frame) has land:
// the finished map's colours there, or the bare land of a basemap whose options are not read yet (on a busy
// machine the basemap can come first: CI saw it once); and no frame with the menu bar drawn may hold a black block.
TEST(Smoke, StartShowsNoOverlaysOverAnEmptySeaThroughTheXServer) {
  XvfbServer x("1280x720x24");
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not installed";
  const auto shot = tempDir() / "xstart.png", dump = tempDir() / "xstart.json";
  XFrameGrabber grabber(x.display());
  const CommandResult r = runWithConfig(freshConfigHome(),
                                        "--window-size 1280x720 --quit-after-frames 20 --screenshot '" + shot.string() +
                                            "' --dump-layout '" + dump.string() + "'",
                                        "DISPLAY=" + x.display() + " SDL_VIDEODRIVER=x11");
  const auto frames = grabber.finish();
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto layout = nlohmann::json::parse(readFile(dump));
  const Box window = boxOf(layout.at("window")), map = boxOf(layout.at("map"));
  const auto finished = briefmap::imagetest::readPng(shot.string());  // row 0 = top
  const auto finishedAt = [&](int x, int y) {
    const size_t o = (static_cast<size_t>(y) * finished.width + x) * 4;
    return std::array<int, 3>{finished.rgba[o], finished.rgba[o + 1], finished.rgba[o + 2]};
  };
  const auto rgbOf = [](briefmap::render::Rgba c) {
    return std::array<int, 3>{static_cast<int>(std::lround(c.r * 255)), static_cast<int>(std::lround(c.g * 255)),
                              static_cast<int>(std::lround(c.b * 255))};
  };
  const auto& style = briefmap::render::defaultMapStyle();
  const std::array<int, 3> sea = rgbOf(style.sea), bareLand = rgbOf(style.land), bareFocus = rgbOf(style.landFocus);
  // Sample points of the map area (window pixels), and those that are land in the finished map.
  std::vector<std::pair<int, int>> points, land;
  // On the grabber's sample grid (the window sits at the screen's origin: the screen is the window's size).
  ASSERT_EQ(window.x, 0);
  ASSERT_EQ(window.y, 0);
  const auto onGrid = [](double v) { return (static_cast<int>(v) + 8) / XFrameGrabber::kStep * XFrameGrabber::kStep; };
  for (int y = onGrid(map.y); y < map.y + map.h - 8; y += XFrameGrabber::kStep)
    for (int x = onGrid(map.x); x < map.x + map.w - 8; x += XFrameGrabber::kStep) {
      points.emplace_back(x, y);
      if (colourDistance(finishedAt(x, y), sea) > 45) land.emplace_back(x, y);
    }
  ASSERT_GT(land.size(), points.size() / 4) << "the finished map shows little land";
  int mapFrames = 0;
  ASSERT_GE(frames.size(), 2u) << "the X server showed no frames";
  for (size_t i = 0; i < frames.size(); ++i) {
    const auto& f = frames[i];
    const auto screen = [&](int x, int y) { return f.at(x, y); };
    if (colourDistance(screen(4, 4), {0, 0, 0}) < 10) continue;  // the window is not drawn yet (or gone)
    // No black block (4×4 samples) anywhere in the window: nothing drew there.
    const auto blackBlockAt = [&](int x, int y) {
      for (int dy = 0; dy < 4; ++dy)
        for (int dx = 0; dx < 4; ++dx)
          if (colourDistance(screen(x + dx * XFrameGrabber::kStep, y + dy * XFrameGrabber::kStep), {0, 0, 0}) >= 10)
            return false;
      return true;
    };
    std::optional<std::pair<int, int>> black;
    for (int y = 0; !black && y + 4 * XFrameGrabber::kStep < window.h; y += XFrameGrabber::kStep)
      for (int x = 0; !black && x + 4 * XFrameGrabber::kStep < window.w; x += XFrameGrabber::kStep)
        if (blackBlockAt(x, y)) black = std::pair{x, y};
    EXPECT_FALSE(black) << "frame " << i << " of " << frames.size() << ": black block at " << black->first << ","
                        << black->second;
    size_t seaShown = 0, landKept = 0;
    for (const auto& [x, y] : points) seaShown += colourDistance(screen(x, y), sea) <= 6;
    // Bare land is 43 from the sea; the washes drawn over an empty sea still fail this (tried with the basemap held back).
    for (const auto& [x, y] : land)
      landKept += colourDistance(screen(x, y), finishedAt(x, y)) < 24 || colourDistance(screen(x, y), bareLand) < 16 ||
                  colourDistance(screen(x, y), bareFocus) < 16;
    const double seaShare = double(seaShown) / points.size(), landShare = double(landKept) / land.size();
    if (seaShare >= 0.9) continue;  // still loading: the plain sea
    ++mapFrames;
    EXPECT_GE(landShare, 0.8) << "frame " << i << " of " << frames.size() << " draws over the map area ("
                              << 100 * (1 - seaShare) << " % not sea) but only " << 100 * landShare
                              << " % of the land is there: overlays over an empty map?";
  }
  EXPECT_GE(mapFrames, 1) << "the X server never showed the map";
}

// Issue 14's flashing rectangles: during and after slide flights the X server showed squares of 64×64 pixels
// (llvmpipe's tile size, on its tile grid in window coordinates) in another shade of the land (#d5cfc3 over
// #e9e6df), over Russia and Romania. A square's edges are straight colour steps exactly on the tile grid with
// smooth colour either side; the map has no such edges. They were in the window's own back buffer too (read
// back before each swap), not made by the X server. Cause: Mesa's llvmpipe "linear rasterizer", a tile-by-tile
// fast path for 2D scenes; `LP_PERF=no_rast_linear` removed them, so the GL context turns that path off
// (platform/gl_context.cpp). Before: squares in 1–3 frames of most runs of seven PageDowns.
TEST(Smoke, SlideFlightsShowNoTileSquaresThroughTheXServer) {
  XvfbServer x("1280x720x24");
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not installed";
  std::mutex mutex;
  std::vector<std::string> squares;
  XFrameGrabber grabber(x.display(), [&](XImage& image) {
    const auto at = [&](int px, int py) { return XGetPixel(&image, px, py); };
    const auto step = [](unsigned long a, unsigned long b) {
      int d = 0;
      for (int shift : {0, 8, 16}) d += std::abs(static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff));
      return d;
    };
    const auto edge = [&](int x0, int y0, bool vertical) {  // 64 pixels along a tile boundary
      int steps = 0;
      for (int i = 0; i < 64; i += 2) {
        const int px = vertical ? x0 : x0 + i, py = vertical ? y0 + i : y0;
        const int dx = vertical ? 1 : 0, dy = vertical ? 0 : 1;
        steps += step(at(px - dx, py - dy), at(px, py)) > 12 && step(at(px - 2 * dx, py - 2 * dy), at(px - dx, py - dy)) <= 3 &&
                 step(at(px, py), at(px + dx, py + dy)) <= 3;
      }
      return steps >= 28;
    };
    for (int ty = 64; ty + 64 < image.height; ty += 64)
      for (int tx = 64; tx + 64 < image.width; tx += 64)
        if (edge(tx, ty, true) && edge(tx, ty, false)) {
          const std::lock_guard lock(mutex);
          squares.push_back(std::to_string(tx) + "," + std::to_string(ty));
        }
  });
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  std::string keys;  // every flight of the example briefing, forward and back: twice the chances to show them
  for (int i = 0; i < 7; ++i) keys += " --key PageDown";
  for (int i = 0; i < 7; ++i) keys += " --key PageUp";
  const CommandResult r = runWithConfig(freshConfigHome(),
                                        "--window-size 1280x720 --briefing '" + briefing + "'" + keys + " --quit-after-frames 30",
                                        "DISPLAY=" + x.display() + " SDL_VIDEODRIVER=x11");
  const auto frames = grabber.finish();
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_GE(frames.size(), 10u);
  std::string where;
  for (const auto& s : squares) where += " " + s;
  EXPECT_TRUE(squares.empty()) << squares.size() << " tile-shaped squares (top-left corners):" << where;
}

// File → Export snapshot on a small screen with large type, in both extents: the Export button stays inside
// the dialog and the window; pressing it writes the file into the chosen folder, the bar completes, the
// report names the absolute path, the folder is remembered, and the title is the current slide's.
TEST(Smoke, ExportDialogButtonStaysVisibleAndTheExportCompletes) {
  const std::string briefing = std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json";
  for (const char* extent : {"window", "framed"}) {
    SCOPED_TRACE(extent);
    const auto dir = tempDir() / (std::string("export-dialog-") + extent);
    fs::remove_all(dir);
    fs::create_directories(dir / "out");
    const auto config = freshConfigHome();
    const auto dump = dir / "layout.json";
    // Run from `dir` with a relative folder: the report must still give the absolute path.
    const CommandResult r = runShell("cd '" + dir.string() + "' && XDG_CONFIG_HOME='" + config.string() + "' '" +
                                     BRIEFMAP_EXE + "' --window-size 1024x600 --ui-scale 1.5 --briefing '" + briefing +
                                     "' --export-dialog " + extent + " --export-to out/snap.png --quit-after-frames 5" +
                                     " --dump-layout '" + dump.string() + "' --screenshot '" + (dir / "window.png").string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto layout = nlohmann::json::parse(readFile(dump));
    ASSERT_TRUE(layout.contains("export_dialog")) << layout.dump();
    const auto& dialog = layout.at("export_dialog");
    const Box window = boxOf(dialog.at("window")), button = boxOf(dialog.at("button"));
    const auto ui = layout.at("ui_size");
    EXPECT_GT(button.w, 0) << dialog.dump();
    EXPECT_GE(button.y, window.y) << dialog.dump();
    EXPECT_LE(button.y + button.h, window.y + window.h) << "the Export button is scrolled out of its dialog: " << dialog.dump();
    EXPECT_LE(button.y + button.h, ui.at("h").get<double>()) << "the Export button is off screen: " << dialog.dump();
    // "Choose…" whole beside the folder field, inside the options that clip it (the trial saw "Choos").
    const Box options = boxOf(dialog.at("options")), choose = boxOf(dialog.at("choose"));
    EXPECT_GT(choose.w, 0) << dialog.dump();
    EXPECT_LE(choose.x + choose.w, options.x + options.w) << "\"Choose…\" is clipped: " << dialog.dump();
    // Every field with its label, every checkbox, the extent's choices, Reset and the formats hint whole inside the
    // dialog (the trial saw ".g…", "Caveat banne" and "Attributio"; a later look, "R" of Reset).
    ASSERT_GE(dialog.at("items").size(), 12u) << dialog.dump();
    for (const auto& item : dialog.at("items")) {
      const Box b = boxOf(item);
      EXPECT_LE(b.x + b.w, options.x + options.w + 0.5) << "cut at the dialog's edge: " << item.dump() << dialog.dump();
    }
    // The "Wrote …" notice is not drawn over the dialog: nothing floating but the dialog itself overlaps it.
    for (const auto& f : layout.at("floating")) {
      const Box floating = boxOf(f);
      if (std::abs(floating.x - window.x) < 0.5 && std::abs(floating.y - window.y) < 0.5) continue;  // the dialog
      EXPECT_FALSE(floating.overlaps(window)) << "drawn over the export dialog: " << f.dump() << dialog.dump();
    }
    // Over the map, clear of the docked panels (it opened under the Options panel at ImGui's default place).
    const Box map = boxOf(layout.at("map"));
    EXPECT_GE(window.x, map.x - 0.5) << dialog.dump() << layout.at("map").dump();
    EXPECT_LE(window.x + window.w, map.x + map.w + 0.5) << dialog.dump() << layout.at("map").dump();
    for (const auto& p : layout.at("panels")) EXPECT_FALSE(boxOf(p).overlaps(window)) << p.dump() << dialog.dump();
    EXPECT_DOUBLE_EQ(dialog.at("progress").get<double>(), 1.0) << dialog.dump();
    const fs::path written = fs::weakly_canonical(dir / "out" / "snap.png");
    ASSERT_TRUE(fs::exists(written)) << r.output;
    EXPECT_EQ(dialog.at("result").get<std::string>(), "Wrote " + written.string());
    const auto settings = nlohmann::json::parse(readFile(config / "briefmap" / "settings.json"));
    EXPECT_EQ(settings.dump().find(fs::weakly_canonical(dir / "out").string()) != std::string::npos, true) << settings.dump();
    // The PNG's Title chunk: the first slide's title.
    EXPECT_NE(readFile(written).find("The three-tier plan"), std::string::npos);
  }
}

// Tab hides every panel, and the next start remembers it (settings in XDG_CONFIG_HOME); the window's size is
// remembered too.
TEST(Smoke, TabHidesThePanelsAndTheNextStartRemembersIt) {
  const auto config = freshConfigHome();
  const auto dump = tempDir() / "remembered.json";
  CommandResult r = runWithConfig(config, "--quit-after-frames 5 --key Tab");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto settingsFile = config / "briefmap" / "settings.json";
  ASSERT_TRUE(std::filesystem::exists(settingsFile));
  const nlohmann::json saved = nlohmann::json::parse(readFile(settingsFile));
  EXPECT_TRUE(saved.at("panels").at("hidden").get<bool>()) << saved.dump();
  r = runWithConfig(config, "--quit-after-frames 5 --dump-layout '" + dump.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto layout = nlohmann::json::parse(readFile(dump));
  EXPECT_TRUE(layout.at("panels").empty()) << layout.dump();
  EXPECT_DOUBLE_EQ(layout.at("map").at("x").get<double>(), 0);
  // A corrupt settings file: a warning, the defaults, and the window still starts.
  std::ofstream(settingsFile) << "{ not json";
  r = runWithConfig(config, "--quit-after-frames 5 --dump-layout '" + dump.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  layout = nlohmann::json::parse(readFile(dump));
  EXPECT_FALSE(layout.at("panels").empty()) << layout.dump();
  EXPECT_GE(layout.at("messages").get<int>(), 1);
}

// The layer cache through the whole export: a second export of a file draws it from the cache folder
// ($XDG_CACHE_HOME/briefmap) into the same pixels; nothing lands beside the input; BRIEFMAP_CACHE=off writes nothing.
TEST(Cli, ASecondExportOfAFileDrawsTheSamePictureFromTheLayerCache) {
  const fs::path dir = tempDir() / "layer-cache";
  fs::remove_all(dir);
  fs::create_directories(dir / "input");
  const fs::path input = dir / "input" / "overlay.geojson";
  fs::copy_file(std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/overlay.geojson", input);
  auto exportTo = [&](const fs::path& png, const std::string& environment) {
    return runShell(environment + " '" + BRIEFMAP_EXE + "' export -q --size 640x400 --no-timestamp --out '" +
                    png.string() + "' '" + input.string() + "'");
  };
  const std::string cached = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' BRIEFMAP_CACHE=on";
  ASSERT_EQ(exportTo(dir / "first.png", cached).exitCode, 0);
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir / "cache" / "briefmap")) entries += e.path().extension() == ".bmcache";
  EXPECT_GT(entries, 0u) << "the first export cached nothing";
  const auto written = fs::last_write_time(fs::directory_iterator(dir / "cache" / "briefmap")->path());
  ASSERT_EQ(exportTo(dir / "second.png", cached).exitCode, 0);
  const auto c = briefmap::imagetest::compareImages(briefmap::imagetest::readPng((dir / "first.png").string()),
                                                    briefmap::imagetest::readPng((dir / "second.png").string()), 0);
  ASSERT_TRUE(c.sameSize);
  EXPECT_EQ(c.differingShare, 0.0) << "the cached layer draws otherwise";
  size_t after = 0;
  for (const auto& e : fs::directory_iterator(dir / "cache" / "briefmap")) after += e.path().extension() == ".bmcache";
  EXPECT_EQ(after, entries) << "the second export prepared the layer again";
  EXPECT_GE(fs::last_write_time(fs::directory_iterator(dir / "cache" / "briefmap")->path()), written);
  size_t beside = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "input")) ++beside;
  EXPECT_EQ(beside, 1u) << "something was written beside the input";
  // Switched off: no folder of briefmap's is made (Mesa keeps its shader cache under XDG_CACHE_HOME too).
  ASSERT_EQ(exportTo(dir / "third.png", "XDG_CACHE_HOME='" + (dir / "off").string() + "' BRIEFMAP_CACHE=off").exitCode,
            0);
  EXPECT_FALSE(fs::exists(dir / "off" / "briefmap"));
  fs::remove_all(dir);
}
