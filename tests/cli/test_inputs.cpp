// Every file a user brings, through the real executable: a corpus of hostile and unusual inputs, each with its
// outcome (drawn, an error naming the file, or drawn with a warning), each read under strace: no network, no
// program started, nothing created, changed or removed beside an input.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gdal_utils.h>

#include "cli_support.hpp"
#include "../hostile_geopackage.hpp"
#include "image_compare.hpp"

namespace fs = std::filesystem;
using briefmap::clitest::CommandResult;
using briefmap::clitest::readFile;
using briefmap::clitest::run;
using briefmap::clitest::runShell;
using briefmap::clitest::tempDir;

namespace {

using Clock = std::chrono::steady_clock;

void writeText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Bytes and modification time (ns) of every entry of a folder, links not followed.
std::map<std::string, std::string> folderState(const fs::path& dir) {
  std::map<std::string, std::string> state;
  for (const auto& e : fs::directory_iterator(dir)) {
    struct stat st {};
    ::lstat(e.path().c_str(), &st);
    std::string entry = std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":";
    if (S_ISREG(st.st_mode)) entry += readFile(e.path());
    state[e.path().filename().string()] = entry;
  }
  return state;
}

void sql(sqlite3* db, const char* text) {
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, text, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
}

// A GeoPackage `name` in `dir` with one point layer `pts` (no spatial index: plain SQL changes it below).
void makeGeoPackage(const fs::path& dir, const std::string& name) {
  const fs::path source = dir / (name + ".source.geojson");
  writeText(source, R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"Kyiv"},"geometry":{"type":"Point","coordinates":[30.5238,50.45466]}}]})");
  GDALAllRegister();
  GDALDatasetH in = GDALOpenEx(source.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  ASSERT_NE(in, nullptr);
  const char* argv[] = {"-f", "GPKG", "-nln", "pts", "-lco", "SPATIAL_INDEX=NO", nullptr};
  GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
  GDALDatasetH out = GDALVectorTranslate((dir / name).c_str(), nullptr, 1, &in, options, nullptr);
  ASSERT_NE(out, nullptr);
  GDALClose(out);
  GDALVectorTranslateOptionsFree(options);
  GDALClose(in);
  fs::remove(source);
}

struct Input {
  std::string file;
  int exitCode;              ///< 0: drawn; 1: refused
  std::string expected;      ///< in the output (with the file's name where it is an error or warning)
  std::string environment;   ///< e.g. "BRIEFMAP_MAX_VERTICES=100000 "
};

// The corpus: one input of every class in issue 15, made afresh in `dir`.
std::vector<Input> makeCorpus(const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<Input> inputs;
  writeText(dir / "good.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"Kyiv"},"geometry":{"type":"Point","coordinates":[30.5238,50.45466]}}]})");
  inputs.push_back({"good.geojson", 0, "", ""});
  writeText(dir / "empty.geojson", R"({"type":"FeatureCollection","features":[]})");
  inputs.push_back({"empty.geojson", 0, "holds no features", ""});
  writeText(dir / "impossible.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30,500]}}]})");
  inputs.push_back({"impossible.geojson", 1, "none of its 1 features can be drawn", ""});
  ::mkfifo((dir / "pipe.geojson").c_str(), 0644);
  inputs.push_back({"pipe.geojson", 1, "is a FIFO (named pipe); briefmap reads only regular files", ""});
  fs::create_symlink("/dev/urandom", dir / "random.kml");
  inputs.push_back({"random.kml", 1, "is a character device", ""});

  std::string ring = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                     R"("geometry":{"type":"Polygon","coordinates":[[)";
  for (int i = 0; i <= 200000; ++i) {
    const double a = 2 * M_PI * (i % 200000) / 200000.0;
    ring += (i ? "," : "") + std::string("[") + std::to_string(31 + 3 * std::cos(a)) + "," +
            std::to_string(48.5 + 2 * std::sin(a)) + "]";
  }
  writeText(dir / "ring.geojson", ring + "]]}}]}");
  writeText(dir / "big-feature.geojson", ring + "]]}}]}");
  inputs.push_back({"big-feature.geojson", 1, "1 with more than 100,000 vertices, the limit for one feature",
                    "BRIEFMAP_MAX_FEATURE_VERTICES=100000 "});
  inputs.push_back({"ring.geojson", 1, "more than 100,000 vertices, the limit (set BRIEFMAP_MAX_VERTICES",
                    "BRIEFMAP_MAX_VERTICES=100000 "});
  std::string fields = R"({"type":"FeatureCollection","features":[)";
  for (int i = 0; i < 5000; ++i) {
    fields += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"f)" + std::to_string(i) +
              R"(":1},"geometry":{"type":"Point","coordinates":[30,50]}})";
  }
  writeText(dir / "fields.geojson", fields + "]}");
  // A picture reads no field, and GDAL's schema pass stops at the first feature (GeoJsonFirstPass): drawn, with no
  // word on the fields (reads that keep attributes say "only the first 1,000 of its 5,000 fields kept": InputSafety).
  inputs.push_back({"fields.geojson", 0, "", ""});

  // A GeoPackage with a -wal its writer never merged, and its -shm, as a killed program leaves them.
  makeGeoPackage(dir, "live.gpkg");
  sqlite3* db = nullptr;
  sqlite3_open((dir / "live.gpkg").c_str(), &db);
  sql(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; UPDATE pts SET name='pending'");
  for (const char* suffix : {"", "-wal", "-shm"})
    fs::copy_file(dir / ("live.gpkg" + std::string(suffix)), dir / ("pending.gpkg" + std::string(suffix)));
  sqlite3_close(db);
  fs::remove(dir / "live.gpkg");
  inputs.push_back({"pending.gpkg", 0, "pending.gpkg-wal beside it was not read", ""});
  makeGeoPackage(dir, "garbage.gpkg");
  writeText(dir / "garbage.gpkg-wal", "not a write-ahead log");
  inputs.push_back({"garbage.gpkg", 0, "", ""});
  makeGeoPackage(dir, "views.gpkg");
  sqlite3_open((dir / "views.gpkg").c_str(), &db);
  sql(db, briefmap::testdata::kSelfReferencingAndEndlessViewsSql);
  sqlite3_close(db);
  inputs.push_back({"views.gpkg", 0, "(layer 'endless'): skipped: its SQL ran longer than 1 s without giving a feature",
                    "BRIEFMAP_MAX_SQL_SECONDS=1 "});

  writeText(dir / "places.csv", "name,lon,lat\nKyiv,30.5238,50.45466\nOdesa,30.74383,46.48572\n");
  inputs.push_back({"places.csv", 0, "", ""});
  writeText(dir / "places.json", R"({"geometryType":"esriGeometryPoint","spatialReference":{"wkid":4326},
    "fields":[{"name":"name","type":"esriFieldTypeString"}],
    "features":[{"attributes":{"name":"Kyiv"},"geometry":{"x":30.5238,"y":50.45466}}]})");
  inputs.push_back({"places.json", 0, "", ""});
  writeText(dir / "odesa.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
 <node id="1" lat="50.45466" lon="30.5238" version="1"><tag k="name" v="Kyiv"/><tag k="place" v="city"/></node>
 <node id="2" lat="46.48572" lon="30.74383" version="1"/>
 <node id="3" lat="46.5" lon="30.8" version="1"/>
 <way id="10" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/></way>
</osm>)");
  inputs.push_back({"odesa.osm", 0, "", ""});
  return inputs;
}

bool haveStrace() { return runShell("strace -V").exitCode == 0; }

}  // namespace

TEST(CliInputs, EveryInputHasItsOutcomeAndTouchesNothingOffline) {
  if (!haveStrace()) GTEST_SKIP() << "strace is not installed (tools/dev.sh install adds it)";
  const fs::path dir = tempDir() / "corpus";
  const auto inputs = makeCorpus(dir);
  const fs::path out = tempDir() / "corpus-out";
  fs::create_directories(out);
  const auto before = folderState(dir);
  for (const auto& input : inputs) {
    const fs::path file = dir / input.file;
    const fs::path log = out / (input.file + ".strace");
    const auto start = Clock::now();
    const CommandResult r = runShell(
        input.environment + "strace -f -qq -o '" + log.string() +
        "' -e trace=network,execve,creat,open,openat,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,rmdir '" +
        BRIEFMAP_EXE + "' export -q --size 320x200 --out '" + (out / "map.png").string() + "' '" + file.string() + "'");
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_LT(seconds, 60) << input.file;
    EXPECT_EQ(r.exitCode, input.exitCode) << input.file << ": " << r.output;
    if (!input.expected.empty()) {
      EXPECT_NE(r.output.find(input.expected), std::string::npos) << input.file << ": " << r.output;
    }
    if (r.exitCode != 0 || !input.expected.empty()) {
      EXPECT_NE(r.output.find(file.string()), std::string::npos) << input.file << ": the message does not name it: "
                                                                 << r.output;
    }

    const std::string trace = readFile(log);
    int execs = 0;
    std::istringstream lines(trace);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("execve(") != std::string::npos && line.find("= 0") != std::string::npos) ++execs;
      // Only local sockets (none is expected with SDL_VIDEODRIVER=offscreen) may be made.
      if (line.find("socket(") != std::string::npos) {
        EXPECT_TRUE(line.find("AF_UNIX") != std::string::npos || line.find("AF_NETLINK") != std::string::npos)
            << input.file << ": network: " << line;
      }
      if (line.find("connect(") != std::string::npos || line.find("sendto(") != std::string::npos) {
        EXPECT_EQ(line.find("AF_INET"), std::string::npos) << input.file << ": network: " << line;
      }
      // Nothing written, created, renamed or removed in the folder of the inputs.
      if (line.find('"' + dir.string() + "/") == std::string::npos) continue;
      const bool writes = line.find("O_WRONLY") != std::string::npos || line.find("O_RDWR") != std::string::npos ||
                          line.find("O_CREAT") != std::string::npos || line.find("O_TRUNC") != std::string::npos;
      const bool changes = std::regex_search(line, std::regex(R"(\b(creat|unlink|unlinkat|rename|renameat2?|mkdir|mkdirat|rmdir)\()"));
      EXPECT_FALSE(writes || changes) << input.file << ": beside the input: " << line;
    }
    EXPECT_EQ(execs, 1) << input.file << ": started another program";
    EXPECT_TRUE(folderState(dir) == before) << input.file << ": a file beside the inputs changed";
  }
  fs::remove_all(dir);
  fs::remove_all(out);
}

TEST(CliInputs, GeoPackageInAReadOnlyFolderOpensQuickly) {
  const fs::path dir = tempDir() / "read-only";
  makeCorpus(dir);  // pending.gpkg with its -wal and -shm among others
  // chmod does not bind root: a read-only bind mount in a mount namespace of the command's own does.
  const std::string mountRo =
      "unshare -m sh -c \"mount --bind '" + dir.string() + "' '" + dir.string() + "' && mount -o remount,ro,bind '" +
      dir.string() + "' '" + dir.string() + "' && ";
  const CommandResult probe = runShell(mountRo + "! touch '" + dir.string() + "/probe'\"");
  if (probe.exitCode != 0 || fs::exists(dir / "probe")) {
    fs::remove_all(dir);
    GTEST_SKIP() << "cannot make a read-only bind mount here (needs root and unshare): " << probe.output;
  }
  const fs::path out = tempDir() / "read-only-out";
  fs::create_directories(out);
  const auto start = Clock::now();
  const CommandResult r = runShell(mountRo + "exec '" + BRIEFMAP_EXE + "' export -q --size 320x200 --out '" +
                                   (out / "map.png").string() + "' '" + (dir / "pending.gpkg").string() + "'\"");
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_LT(seconds, 10) << "the open stalled on the read-only folder";
  EXPECT_EQ(r.output.find("lock"), std::string::npos) << r.output;
  fs::remove_all(dir);
  fs::remove_all(out);
}

TEST(CliInputs, CsvColumnsAndCrsFromTheCommandLine) {
  const fs::path dir = tempDir() / "csv-flags";
  fs::create_directories(dir);
  const fs::path csv = dir / "metres.csv";
  writeText(csv, "name,px,py\nKyiv,3397893.873,6522000\n");
  const std::string out = "--out '" + (dir / "map.png").string() + "' ";
  CommandResult r = run("export -q --size 320x200 " + out + "'" + csv.string() + "'");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find(csv.string() + ": none of its 1 features can be drawn"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--x-field"), std::string::npos) << r.output;
  r = run("export -q --size 320x200 --x-field px --y-field py --src-crs EPSG:3857 " + out + "'" + csv.string() + "'");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir / "map.png"));
  fs::remove_all(dir);
}

// `export FILE` of a file far from Ukraine frames the file's data instead of exporting a bare basemap of Ukraine.
TEST(CliInputs, ExportOfAFileElsewhereFramesItsData) {
  const auto dir = briefmap::clitest::tempDir() / "elsewhere";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto file = dir / "lisbon.geojson";
  std::ofstream(file) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Lisbon area"},)"
                         R"("geometry":{"type":"Polygon","coordinates":[[[-9.5,38.5],[-8.8,38.5],[-8.8,39.0],[-9.5,39.0],[-9.5,38.5]]]}}]})";
  const auto framed = dir / "framed.png", home = dir / "home.png";
  ASSERT_EQ(briefmap::clitest::run("export -q --size 400x300 --no-timestamp --out '" + framed.string() + "' '" + file.string() + "'").exitCode, 0);
  ASSERT_EQ(briefmap::clitest::run("export -q --size 400x300 --no-timestamp --out '" + home.string() + "'").exitCode, 0);
  const auto a = briefmap::imagetest::readPng(framed.string()), b = briefmap::imagetest::readPng(home.string());
  // The polygon fills the middle of the framed export; the home view there is Ukraine's land.
  const auto* centre = &a.rgba[(static_cast<size_t>(a.height / 2) * a.width + a.width / 2) * 4];
  const auto* homeCentre = &b.rgba[(static_cast<size_t>(b.height / 2) * b.width + b.width / 2) * 4];
  EXPECT_GT(std::abs(int(centre[0]) - int(homeCentre[0])) + std::abs(int(centre[1]) - int(homeCentre[1])) +
                std::abs(int(centre[2]) - int(homeCentre[2])),
            40)
      << "the file's polygon is not in the middle of the export";
  std::filesystem::remove_all(dir);
}

