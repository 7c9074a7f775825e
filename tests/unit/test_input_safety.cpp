// Every file a user brings: nothing beside it changes, nothing hangs, every limit has a message naming the file.
// The hostile inputs are made here, in a temporary folder (nothing is committed but a few tiny text fixtures).
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gdal_utils.h>

#include "briefmap/data/vector_reader.hpp"
#include "../hostile_geopackage.hpp"

using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {


class InputSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    configureGdalOffline();
    m_dir = fs::temp_directory_path() / ("briefmap-inputs-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  fs::path write(const std::string& name, const std::string& contents) {
    const auto path = m_dir / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // Every file of the folder: its bytes and its modification time, to the nanosecond.
  struct Snapshot {
    std::map<std::string, std::string> bytes;
    std::map<std::string, long long> mtimes;
    bool operator==(const Snapshot& o) const { return bytes == o.bytes && mtimes == o.mtimes; }
  };
  Snapshot snapshot() const {
    Snapshot s;
    for (const auto& e : fs::directory_iterator(m_dir)) {
      const std::string name = e.path().filename().string();
      struct stat st {};
      ::lstat(e.path().c_str(), &st);
      s.mtimes[name] = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
      if (e.is_regular_file()) {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        s.bytes[name] = text.str();
      } else {
        s.bytes[name] = "<not a regular file>";
      }
    }
    return s;
  }

  // Writes the GeoJSON text `geojson` as `driver` to `name` through GDAL's library form of ogr2ogr.
  fs::path translate(const std::string& geojson, const std::string& name, const char* driver,
                     std::vector<std::string> extra = {}) {
    const auto source = write("source-" + name + ".geojson", geojson);
    const auto target = m_dir / name;
    std::vector<std::string> args = {"-f", driver};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALDatasetH in = GDALOpenEx(source.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    EXPECT_NE(in, nullptr);
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    int usageError = 0;
    GDALDatasetH out = GDALVectorTranslate(target.c_str(), nullptr, 1, &in, options, &usageError);
    EXPECT_NE(out, nullptr) << CPLGetLastErrorMsg();
    GDALClose(out);
    GDALVectorTranslateOptionsFree(options);
    GDALClose(in);
    fs::remove(source);
    return target;
  }

  // DataError whose message names the file and contains each fragment.
  std::string expectError(const fs::path& path, const std::vector<std::string>& fragments,
                          const ReadOptions& options = {}) {
    try {
      readVectorFile(path, nullptr, false, options);
      ADD_FAILURE() << "expected DataError for " << path;
      return "";
    } catch (const DataError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(path.string()), std::string::npos) << what;
      for (const auto& f : fragments) EXPECT_NE(what.find(f), std::string::npos) << "no '" << f << "' in: " << what;
      return what;
    }
  }

  fs::path m_dir;
};

const char* kPoints = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Kyiv"},"geometry":{"type":"Point","coordinates":[30.5238,50.45466]}},
 {"type":"Feature","properties":{"name":"Odesa"},"geometry":{"type":"Point","coordinates":[30.74383,46.48572]}}]})";

const char* kLines = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"route"},"geometry":{"type":"LineString","coordinates":[[30,46],[29,45],[28.9,41.2]]}}]})";

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "") << " in " << sql;
}

size_t featureCount(const std::vector<Layer>& layers) {
  size_t n = 0;
  for (const auto& l : layers) n += l.features.size();
  return n;
}

bool anyWarningContains(const ReadReport& report, const std::string& fragment) {
  for (const auto& w : report.warnings)
    if (w.find(fragment) != std::string::npos) return true;
  return false;
}

}  // namespace

// --- GeoPackage and SQLite: nothing beside the file is created, changed or deleted -------------------------------

TEST_F(InputSafetyTest, GeoPackageWithPendingWalAndStrayFilesIsReadWithoutTouchingTheFolder) {
  // No spatial index: its triggers need SpatiaLite functions that the sqlite3 library alone lacks.
  const auto gpkg = translate(kPoints, "points.gpkg", "GPKG", {"-nln", "pts", "-lco", "SPATIAL_INDEX=NO"});
  // A writer that has committed to its -wal but not yet merged it into the file: copy the three files while it is
  // still open, as they lie on disk when that program is killed.
  const auto work = m_dir / "work";
  fs::create_directories(work);
  fs::copy_file(gpkg, work / "live.gpkg");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((work / "live.gpkg").c_str(), &db), SQLITE_OK);
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; UPDATE pts SET name='changed in the wal'");
  fs::copy_file(work / "live.gpkg", m_dir / "pending.gpkg");
  fs::copy_file(work / "live.gpkg-wal", m_dir / "pending.gpkg-wal");
  fs::copy_file(work / "live.gpkg-shm", m_dir / "pending.gpkg-shm");
  sqlite3_close(db);
  fs::remove_all(work);
  ASSERT_GT(fs::file_size(m_dir / "pending.gpkg-wal"), 0u);
  // Stray -wal/-shm beside another GeoPackage (left by a crash), and a garbage -wal beside a third.
  write("points.gpkg-wal", std::string(4096, 'W'));
  write("points.gpkg-shm", std::string(32768, '\0'));
  fs::copy_file(gpkg, m_dir / "garbage.gpkg");
  write("garbage.gpkg-wal", "this is not a write-ahead log at all, but it is where SQLite would look");

  const Snapshot before = snapshot();
  for (const char* name : {"pending.gpkg", "points.gpkg", "garbage.gpkg"}) {
    ReadReport report;
    const auto layers = readVectorFile(m_dir / name, &report);
    ASSERT_EQ(featureCount(layers), 2u) << name;
    EXPECT_EQ(layers[0].features[0].properties["name"], "Kyiv") << name << ": the -wal must not be read";
    EXPECT_TRUE(anyWarningContains(report, "-wal beside it was not read")) << name;
    EXPECT_TRUE(snapshot() == before) << name << " changed a file in its folder";
  }
}

TEST_F(InputSafetyTest, SqliteAndSpatiaLiteOpenWithoutSidecars) {
  translate(kPoints, "plain.sqlite", "SQLite", {"-nln", "pts"});
  translate(kLines, "spatial.sqlite", "SQLite", {"-dsco", "SPATIALITE=YES", "-nln", "routes"});
  const Snapshot before = snapshot();
  const auto plain = readVectorFile(m_dir / "plain.sqlite");
  ASSERT_EQ(featureCount(plain), 2u);
  EXPECT_NEAR(plain[0].features[1].geometry.points.at(0).lat, 46.48572, 1e-9);
  const auto spatial = readVectorFile(m_dir / "spatial.sqlite");
  ASSERT_EQ(featureCount(spatial), 1u);
  EXPECT_EQ(spatial[0].features[0].geometry.lines.at(0).size(), 3u);
  EXPECT_TRUE(snapshot() == before);
}

TEST_F(InputSafetyTest, EndlessAndCircularViewsAreSkippedAndTheRestOpens) {
  const auto gpkg = translate(kPoints, "views.gpkg", "GPKG", {"-nln", "pts", "-lco", "SPATIAL_INDEX=NO"});
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(gpkg.c_str(), &db), SQLITE_OK);
  exec(db, briefmap::testdata::kSelfReferencingAndEndlessViewsSql);
  sqlite3_close(db);
  ReadOptions options;
  options.limits.maxSqlSeconds = 1;
  ReadReport report;
  const auto layers = readVectorFile(gpkg, &report, false, options);
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].name, "pts");
  EXPECT_EQ(layers[0].features.size(), 2u);
  EXPECT_TRUE(anyWarningContains(report, "(layer 'endless'): skipped: its SQL ran longer than 1 s without giving a feature"));
  EXPECT_TRUE(anyWarningContains(report, "BRIEFMAP_MAX_SQL_SECONDS"));
  EXPECT_TRUE(anyWarningContains(report, "(layer 'va'): skipped"));
  for (const auto& w : report.warnings) EXPECT_EQ(w.rfind(gpkg.string(), 0), 0u) << w;
}

// --- Only regular files --------------------------------------------------------------------------------------------

TEST_F(InputSafetyTest, FifoIsRefusedByNameWithoutBlocking) {
  const auto fifo = m_dir / "pipe.geojson";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  expectError(fifo, {"FIFO", "only regular files"});
}

TEST_F(InputSafetyTest, LinkToADeviceIsRefused) {
  const auto link = m_dir / "random.kml";
  fs::create_symlink("/dev/urandom", link);
  expectError(link, {"character device", "only regular files"});
  const auto zero = m_dir / "zero.gpkg";
  fs::create_symlink("/dev/zero", zero);
  expectError(zero, {"character device"});
}

// Trial problem 9: a .shp whose .dbf was not copied opened with no word that its attributes are missing.
TEST_F(InputSafetyTest, AShapefileWithoutItsDbfSaysItsAttributesAreMissing) {
  translate(kPoints, "places.shp", "ESRI Shapefile");
  ReadReport whole;
  ASSERT_EQ(featureCount(readVectorFile(m_dir / "places.shp", &whole)), 2u);
  EXPECT_FALSE(anyWarningContains(whole, ".dbf"));
  fs::rename(m_dir / "places.dbf", m_dir / "places.DBF");  // any case, as GDAL finds it
  ReadReport upper;
  readVectorFile(m_dir / "places.shp", &upper);
  EXPECT_FALSE(anyWarningContains(upper, ".dbf"));
  fs::remove(m_dir / "places.DBF");
  ReadReport report;
  const auto layers = readVectorFile(m_dir / "places.shp", &report);
  ASSERT_EQ(featureCount(layers), 2u);
  EXPECT_TRUE(layers[0].features[0].properties.empty());
  EXPECT_TRUE(anyWarningContains(report, "places.shp: no places.dbf beside it: its features are drawn without their attributes"));
}

TEST_F(InputSafetyTest, FifoBesideAShapefileIsRefused) {
  translate(kPoints, "places.shp", "ESRI Shapefile");
  fs::remove(m_dir / "places.dbf");
  ASSERT_EQ(::mkfifo((m_dir / "places.dbf").c_str(), 0644), 0);
  expectError(m_dir / "places.shp", {"places.dbf beside it is a FIFO"});
}

TEST_F(InputSafetyTest, BrokenLinkSaysSo) {
  fs::create_symlink(m_dir / "gone.geojson", m_dir / "link.geojson");
  expectError(m_dir / "link.geojson", {"link to a file that does not exist"});
}

// --- Limits ----------------------------------------------------------------------------------------------------------

std::string ringOf(size_t vertices) {
  std::string text = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"ring"},)"
                     R"("geometry":{"type":"Polygon","coordinates":[[)";
  text.reserve(vertices * 40);
  char buffer[64];
  for (size_t i = 0; i < vertices; ++i) {
    const double a = 2 * 3.14159265358979 * static_cast<double>(i) / static_cast<double>(vertices);
    std::snprintf(buffer, sizeof buffer, "[%.7f,%.7f],", 31 + 3 * std::cos(a), 48.5 + 2 * std::sin(a));
    text += buffer;
  }
  std::snprintf(buffer, sizeof buffer, "[%.7f,%.7f]", 34.0, 48.5);
  text += buffer;
  return text + "]]}}]}";
}

// A quadratic read would hang here: the test's TIMEOUT (ctest) fails it; how long it takes is in no assertion.
TEST_F(InputSafetyTest, MillionVertexRingIsRefusedByTheVertexLimitsOrReadWhenRaised) {
  const auto path = write("ring.geojson", ringOf(1'000'000));
  expectError(path, {"none of its 1 features can be drawn: 1 with more than 500,000 vertices",
                     "BRIEFMAP_MAX_FEATURE_VERTICES"});

  ReadOptions options;
  options.limits.maxFeatureVertices = 2'000'000;
  const auto layers = readVectorFile(path, nullptr, false, options);
  ASSERT_EQ(featureCount(layers), 1u);
  EXPECT_EQ(layers[0].features[0].geometry.polygons.at(0).rings.at(0).size(), 1'000'000u);

  options.limits.maxVertices = 100'000;
  expectError(path, {"more than 100,000 vertices", "BRIEFMAP_MAX_VERTICES"}, options);
}

TEST_F(InputSafetyTest, TenThousandFieldsAreCappedAndNoNullsAreStored) {
  // Every feature has its own property name: 10,000 fields, each set in one feature only (GDAL's own cost grows with
  // features x fields: 20,000 of each take 5 s here, 45 s under ASan).
  std::string text = R"({"type":"FeatureCollection","features":[)";
  for (int i = 0; i < 10000; ++i) {
    text += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"field_)" + std::to_string(i) +
            R"(":)" + std::to_string(i) + R"(},"geometry":{"type":"Point","coordinates":[30,50]}})";
  }
  const auto path = write("fields.geojson", text + "]}");
  ReadReport report;
  const auto layers = readVectorFile(path, &report);
  ASSERT_EQ(featureCount(layers), 10000u);
  EXPECT_EQ(layers[0].features[0].properties.size(), 1u);  // its own field, not 999 nulls
  EXPECT_EQ(layers[0].features[0].properties["field_0"], 0);
  EXPECT_TRUE(layers[0].features[5000].properties.empty());  // its field is past the limit of 1,000
  EXPECT_TRUE(anyWarningContains(report, "only the first 1,000 of its 10,000 fields kept"));
  EXPECT_TRUE(anyWarningContains(report, "BRIEFMAP_MAX_FIELDS"));
}

TEST_F(InputSafetyTest, FeatureAndFileSizeLimitsNameTheFileAndTheLimit) {
  ReadOptions options;
  options.limits.maxFeatures = 1;
  expectError(write("two.geojson", kPoints), {"features, more than the limit of 1", "BRIEFMAP_MAX_FEATURES"}, options);
  const auto gpkg = translate(kPoints, "two.gpkg", "GPKG");
  expectError(gpkg, {"has 2 features, more than the limit of 1", "BRIEFMAP_MAX_FEATURES"}, options);
  options = {};
  options.limits.maxFileBytes = 100;
  expectError(write("big.geojson", kPoints), {"more than the limit of 100 bytes", "BRIEFMAP_MAX_FILE_MB"}, options);
}

// The feature and vertex limits grow with the memory budget past their floors (a big machine opens the 10-million-vertex
// benchmark file without a variable set), and a limit given outright wins.
TEST_F(InputSafetyTest, FeatureAndVertexLimitsFollowTheMemoryBudget) {
  EXPECT_EQ(ReadLimits::featuresFor(512ull << 20), 1'000'000u);
  EXPECT_EQ(ReadLimits::verticesFor(512ull << 20), 10'000'000u);
  EXPECT_EQ(ReadLimits::featuresFor(6ull << 30), (6ull << 30) / 2048);
  EXPECT_EQ(ReadLimits::verticesFor(6ull << 30), (6ull << 30) / 384);
  EXPECT_GE(ReadLimits::featuresFor(6ull << 30), 2'200'000u) << "the 10 M benchmark file's features";
  EXPECT_GE(ReadLimits::verticesFor(6ull << 30), 11'904'120u) << "the 10 M benchmark file's vertices";
  ::setenv("BRIEFMAP_MAX_MEMORY_MB", "8192", 1);
  const ReadLimits big = ReadLimits::fromEnvironment();
  ::setenv("BRIEFMAP_MAX_FEATURES", "5000", 1);
  const ReadLimits given = ReadLimits::fromEnvironment();
  ::unsetenv("BRIEFMAP_MAX_MEMORY_MB");
  ::unsetenv("BRIEFMAP_MAX_FEATURES");
  EXPECT_EQ(big.maxMemoryBytes, 8ull << 30);
  EXPECT_EQ(big.maxFeatures, (8ull << 30) / 2048);
  EXPECT_EQ(big.maxVertices, (8ull << 30) / 384);
  EXPECT_EQ(given.maxFeatures, 5000u);
  EXPECT_EQ(given.maxVertices, big.maxVertices);
  EXPECT_EQ(ReadLimits{}.maxFeatures, ReadLimits::featuresFor(ReadLimits::defaultMaxMemoryBytes()));
}

TEST_F(InputSafetyTest, LimitsComeFromTheEnvironment) {
  ::setenv("BRIEFMAP_MAX_FEATURES", "12", 1);
  ::setenv("BRIEFMAP_MAX_VERTICES", "nonsense", 1);
  ::setenv("BRIEFMAP_MAX_FILE_MB", "2", 1);
  const ReadLimits limits = ReadLimits::fromEnvironment();
  ::unsetenv("BRIEFMAP_MAX_FEATURES");
  ::unsetenv("BRIEFMAP_MAX_VERTICES");
  ::unsetenv("BRIEFMAP_MAX_FILE_MB");
  EXPECT_EQ(limits.maxFeatures, 12u);
  EXPECT_EQ(limits.maxVertices, ReadLimits{}.maxVertices);  // not a number: the default stays
  EXPECT_EQ(limits.maxFileBytes, 2u << 20);
}

// --- What a file holds, said plainly --------------------------------------------------------------------------------

TEST_F(InputSafetyTest, ImpossibleCoordinatesEverywhereIsAnErrorSayingWhy) {
  const auto path = write("impossible.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30,500]}},
    {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[30,50],[31,-200]]}}]})");
  expectError(path, {"none of its 2 features can be drawn", "not longitude/latitude", "30, 500"});
}

TEST_F(InputSafetyTest, SomeImpossibleCoordinatesAreSkippedWithAWarning) {
  const auto path = write("some.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30,500]}},
    {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30,50]}}]})");
  ReadReport report;
  EXPECT_EQ(featureCount(readVectorFile(path, &report)), 1u);
  EXPECT_TRUE(anyWarningContains(report, "1 feature(s) skipped: 1 with coordinates that are not longitude/latitude"));
}

TEST_F(InputSafetyTest, EmptyFeatureCollectionIsAnEmptyLayerWithANotice) {
  const auto path = write("empty.geojson", R"({"type":"FeatureCollection","features":[]})");
  ReadReport report;
  const auto layers = readVectorFile(path, &report);
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_TRUE(layers[0].features.empty());
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find(path.string() + ": holds no features"), std::string::npos) << report.warnings[0];
}

TEST_F(InputSafetyTest, RepeatedWarningsAreCountedNotRepeated) {
  std::string text = R"({"type":"FeatureCollection","features":[)"
                     R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30,50]}})";
  for (int i = 0; i < 100000; ++i) {
    text += R"(,{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":["x)" + std::to_string(i) +
            R"(",0]}})";
  }
  const auto path = write("repeated.geojson", text + "]}");
  ReadReport report;
  EXPECT_EQ(featureCount(readVectorFile(path, &report)), 1u);
  EXPECT_LE(report.warnings.size(), 4u);
  EXPECT_TRUE(anyWarningContains(report, "(and 99,999 more like it)"));
  EXPECT_TRUE(anyWarningContains(report, "100,000 feature(s) skipped: 100,000 without usable geometry"));
  for (const auto& w : report.warnings) EXPECT_EQ(w.rfind(path.string(), 0), 0u) << w;
}

// --- Formats that were refused: each opens, reads what it holds, and leaves its folder alone ------------------------

TEST_F(InputSafetyTest, MoreFormatsOpenWithoutTouchingTheirFolder) {
  struct Case {
    const char* file;
    const char* driver;
    std::vector<std::string> options;
    const char* source;
    size_t features;
  };
  const std::vector<Case> cases = {
      {"places.tab", "MapInfo File", {}, kPoints, 2},
      {"places.mif", "MapInfo File", {"-dsco", "FORMAT=MIF"}, kPoints, 2},
      {"route.dxf", "DXF", {}, kLines, 1},
      {"route.gmt", "OGR_GMT", {}, kLines, 1},
      {"places.jml", "JML", {}, kPoints, 2},
      {"places.rss", "GeoRSS", {"-dsco", "USE_EXTENSIONS=YES"}, kPoints, 2},
      {"waypoints.gpx", "GPX", {}, kPoints, 2},
  };
  for (const auto& c : cases) {
    translate(c.source, c.file, c.driver, c.options);
    const Snapshot before = snapshot();
    ReadReport report;
    std::vector<Layer> layers;
    try {
      layers = readVectorFile(m_dir / c.file, &report);
    } catch (const DataError& e) {
      ADD_FAILURE() << c.file << ": " << e.what();
      continue;
    }
    EXPECT_EQ(featureCount(layers), c.features) << c.file;
    const auto box = layers.at(0).bounds();
    EXPECT_GE(box.minX, 28.8) << c.file;
    EXPECT_LE(box.maxX, 31) << c.file;
    EXPECT_GE(box.minY, 41.1) << c.file;
    EXPECT_LE(box.maxY, 50.5) << c.file;
    for (const auto& l : layers) EXPECT_FALSE(l.features.empty()) << c.file << ": empty layer '" << l.name << "' kept";
    EXPECT_TRUE(snapshot() == before) << c.file << " changed its folder";
  }
  const auto gpx = readVectorFile(m_dir / "waypoints.gpx");
  ASSERT_EQ(gpx.size(), 1u);
  EXPECT_EQ(gpx[0].name, "waypoints");
  EXPECT_EQ(gpx[0].features[0].properties["name"], "Kyiv");
}

TEST_F(InputSafetyTest, EsriJsonAndOsmOpen) {
  write("places.json", R"({"geometryType":"esriGeometryPoint","spatialReference":{"wkid":4326},
    "fields":[{"name":"name","type":"esriFieldTypeString","alias":"name","length":20}],
    "features":[{"attributes":{"name":"Kyiv"},"geometry":{"x":30.5238,"y":50.45466}}]})");
  write("odesa.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
 <node id="1" lat="50.45466" lon="30.5238" version="1"><tag k="name" v="Kyiv"/><tag k="place" v="city"/></node>
 <node id="2" lat="46.48572" lon="30.74383" version="1"/>
 <node id="3" lat="46.5" lon="30.8" version="1"/>
 <way id="10" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="Road"/></way>
</osm>)");
  const Snapshot before = snapshot();
  const auto esri = readVectorFile(m_dir / "places.json");
  ASSERT_EQ(featureCount(esri), 1u);
  EXPECT_EQ(esri[0].features[0].properties["name"], "Kyiv");
  EXPECT_NEAR(esri[0].features[0].geometry.points.at(0).lon, 30.5238, 1e-9);
  const auto osm = readVectorFile(m_dir / "odesa.osm");
  size_t points = 0, lines = 0;
  for (const auto& l : osm)
    for (const auto& f : l.features) points += f.geometry.points.size(), lines += f.geometry.lines.size();
  EXPECT_EQ(points, 1u);
  EXPECT_EQ(lines, 1u);
  EXPECT_TRUE(snapshot() == before);
}

TEST_F(InputSafetyTest, CsvCoordinateColumnsAreFoundByName) {
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"x", "y"}, {"lon", "lat"}, {"long", "lat"}, {"lng", "lat"}, {"Longitude", "Latitude"}, {"LON", "LAT"}};
  for (const auto& [x, y] : headers) {
    const auto path = write(x + "-" + y + ".csv", "name," + x + "," + y + "\nKyiv,30.5238,50.45466\nOdesa,30.74383,46.48572\n");
    std::vector<Layer> layers;
    try {
      layers = readVectorFile(path);
    } catch (const DataError& e) {
      ADD_FAILURE() << e.what();
      continue;
    }
    ASSERT_EQ(featureCount(layers), 2u) << x;
    EXPECT_NEAR(layers[0].features[1].geometry.points.at(0).lat, 46.48572, 1e-9) << x;
    EXPECT_EQ(layers[0].features[1].properties["name"], "Odesa") << x;
    // The coordinate columns stay fields, as in QGIS (dropping them crashed GDAL 3.6 on some headers).
    EXPECT_NEAR(layers[0].features[1].properties.value(x, 0.0), 30.74383, 1e-9) << x;
  }
}

TEST_F(InputSafetyTest, CsvColumnsAndCrsCanBeNamed) {
  const auto path = write("metres.csv", "name,px,py\nKyiv,3397893.873,6522000\n");
  expectError(path, {"none of its 1 features can be drawn", "--x-field"});
  ReadOptions options;
  options.xField = "px";
  options.yField = "py";
  expectError(path, {"not longitude/latitude", "--src-crs"}, options);
  options.srcCrs = "EPSG:3857";
  const auto layers = readVectorFile(path, nullptr, false, options);
  EXPECT_NEAR(layers.at(0).features.at(0).geometry.points.at(0).lon, 30.5238, 1e-6);
  const auto eastings = write("utm.csv", "name,easting,northing\nKyiv,321450,5593300\n");
  options = {};
  options.srcCrs = "EPSG:32636";
  const auto utm = readVectorFile(eastings, nullptr, false, options);
  EXPECT_NEAR(utm.at(0).features.at(0).geometry.points.at(0).lat, 50.45, 0.02);
  options.srcCrs = "not a crs";
  expectError(eastings, {"'not a crs'", "not one PROJ knows"}, options);
}
