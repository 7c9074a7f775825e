#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <cpl_http.h>

#include "briefmap/data/vector_reader.hpp"

using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {

class VectorReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("briefmap-reader-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path write(const std::string& name, const std::string& contents) {
    const auto path = m_dir / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
  // Expects DataError whose message names the file and contains `fragment`.
  void expectError(const fs::path& path, const std::string& fragment = "") {
    try {
      readVectorFile(path);
      FAIL() << "expected DataError for " << path;
    } catch (const DataError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(path.string()), std::string::npos) << what;
      if (!fragment.empty()) {
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
      }
    }
  }
  fs::path m_dir;
};

const char* kGoodGeoJson = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Kyiv","pop":2952301},"geometry":{"type":"Point","coordinates":[30.5238,50.45466]}},
 {"type":"Feature","properties":{"name":"band"},"geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51],[30,50]],[[30.2,50.2],[30.4,50.2],[30.4,50.4],[30.2,50.2]]]}},
 {"type":"Feature","properties":{"name":"route"},"geometry":{"type":"MultiLineString","coordinates":[[[30,46],[29,45]],[[29,45],[28.9,41.2]]]}},
 {"type":"Feature","properties":{"name":"nothing"},"geometry":null}
]})";

}  // namespace

TEST_F(VectorReaderTest, ReadsGeoJsonGeometryAndProperties) {
  ReadReport report;
  const auto layers = readVectorFile(write("good.geojson", kGoodGeoJson), &report);
  ASSERT_EQ(layers.size(), 1u);
  const Layer& layer = layers[0];
  ASSERT_EQ(layer.features.size(), 3u);  // the null geometry is skipped, and reported
  EXPECT_EQ(layer.features[0].properties["name"], "Kyiv");
  EXPECT_EQ(layer.features[0].properties["pop"], 2952301);
  ASSERT_EQ(layer.features[0].geometry.points.size(), 1u);
  EXPECT_DOUBLE_EQ(layer.features[0].geometry.points[0].lon, 30.5238);  // lon first, whatever the CRS says
  const auto& poly = layer.features[1].geometry.polygons.at(0);
  ASSERT_EQ(poly.rings.size(), 2u);
  EXPECT_EQ(poly.rings[0].size(), 4u);  // closing vertex dropped
  EXPECT_EQ(layer.features[2].geometry.lines.size(), 2u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("skipped"), std::string::npos);
}

// An image export reads geometry only: the same features and vertices, no attribute (GDAL is told to ignore them).
TEST_F(VectorReaderTest, WithoutAttributesTheSameGeometryAndNoProperties) {
  ReadOptions geometryOnly;
  geometryOnly.attributes = false;
  const fs::path file = write("good.geojson", kGoodGeoJson);
  const auto full = readVectorFile(file);
  const auto bare = readVectorFile(file, nullptr, false, geometryOnly);
  ASSERT_EQ(bare.size(), 1u);
  ASSERT_EQ(bare[0].features.size(), full[0].features.size());
  for (size_t i = 0; i < bare[0].features.size(); ++i) {
    EXPECT_TRUE(bare[0].features[i].properties.empty()) << i;
    EXPECT_EQ(bare[0].features[i].geometry.vertexCount(), full[0].features[i].geometry.vertexCount()) << i;
  }
  EXPECT_FALSE(full[0].features[0].properties.empty());
}

TEST_F(VectorReaderTest, TransformsProjectedDataToWgs84) {
  // A point in EPSG:3857 (GeoJSON with an explicit legacy crs member, which GDAL honours).
  const auto path = write("merc.geojson", R"({"type":"FeatureCollection",
    "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},
    "features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[3397893.873,6522000]}}]})");
  const auto layers = readVectorFile(path);
  const auto p = layers.at(0).features.at(0).geometry.points.at(0);
  EXPECT_NEAR(p.lon, 30.5238, 1e-6);
  EXPECT_GT(p.lat, 49.0);
  EXPECT_LT(p.lat, 51.0);
}

// A picture's read stops GDAL's first pass over a GeoJSON after the first feature (see GeoJsonFirstPass): the root's
// "crs" and "name" still count where they follow the features, past the first pass's first 40 KB block.
TEST_F(VectorReaderTest, AGeometryOnlyReadHonoursACrsAndNameAfterTheFeatures) {
  std::string features;
  for (int i = 0; i < 2000; ++i) {
    features += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"n":)" + std::to_string(i) +
                R"(},"geometry":{"type":"Point","coordinates":[3397893.873,6522000]}})" + "\n";
  }
  const std::string crs = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}})";
  const std::string name = R"("name":"positions")";
  ASSERT_GT(features.size(), 3u * 40960);
  ReadOptions geometryOnly;
  geometryOnly.attributes = false;
  for (const bool membersFirst : {true, false}) {
    SCOPED_TRACE(membersFirst ? "crs and name before the features" : "crs and name after the features");
    const std::string text =
        membersFirst ? "{\"type\":\"FeatureCollection\"," + crs + "," + name + ",\"features\":[" + features + "]}\n"
                     : "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]," + crs + "," + name + "}\n";
    const auto path = write(membersFirst ? "first.geojson" : "after.geojson", text);
    for (const auto& options : {ReadOptions{}, geometryOnly}) {
      const auto layers = readVectorFile(path, nullptr, false, options);
      ASSERT_EQ(layers.size(), 1u);
      EXPECT_EQ(layers[0].name, "positions");
      ASSERT_EQ(layers[0].features.size(), 2000u);
      for (const size_t i : {size_t{0}, size_t{1999}}) {
        const auto p = layers[0].features[i].geometry.points.at(0);
        EXPECT_NEAR(p.lon, 30.5238, 1e-6) << i;
        EXPECT_GT(p.lat, 49.0) << i;
        EXPECT_LT(p.lat, 51.0) << i;
      }
    }
  }
}

// The first pass cut short learns the layer's geometry type from its first feature: later features of other types
// (a multipolygon after points, a line, a null geometry, ids that repeat) are read as the full pass reads them.
TEST_F(VectorReaderTest, AGeometryOnlyReadOfMixedFeaturesGivesTheFullReadsGeometry) {
  std::string features;
  for (int i = 0; i < 1500; ++i) {
    features += std::string(i ? "," : "") + R"({"type":"Feature","id":)" + std::to_string(i % 7) +
                R"(,"properties":{"n":)" + std::to_string(i) + R"(},"geometry":{"type":"Point","coordinates":[30.5,)" +
                std::to_string(46 + i * 0.001) + "]}}\n";
  }
  features += R"(,{"type":"Feature","properties":{"late":"yes"},"geometry":{"type":"MultiPolygon","coordinates":[)"
              R"([[[30,50],[31,50],[31,51],[30,51],[30,50]],[[30.2,50.2],[30.4,50.2],[30.4,50.4],[30.2,50.2]]],)"
              R"([[[32,50],[33,50],[33,51],[32,50]]]]}})"
              "\n"
              R"(,{"type":"Feature","properties":{},"geometry":null})"
              "\n"
              R"(,{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[24,48],[25,49],[26,48]]}})"
              "\n";
  ASSERT_GT(features.size(), 2u * 40960);
  const auto path = write("mixed.geojson", R"({"type":"FeatureCollection","features":[)" + features + "]}\n");
  ReadOptions geometryOnly;
  geometryOnly.attributes = false;
  const auto full = readVectorFile(path);
  const auto bare = readVectorFile(path, nullptr, false, geometryOnly);
  ASSERT_EQ(full.size(), 1u);
  ASSERT_EQ(bare.size(), 1u);
  ASSERT_EQ(full[0].features.size(), 1502u);  // the null geometry is skipped
  ASSERT_EQ(bare[0].features.size(), full[0].features.size());
  for (size_t i = 0; i < full[0].features.size(); ++i) {
    const Geometry& a = full[0].features[i].geometry;
    const Geometry& b = bare[0].features[i].geometry;
    ASSERT_EQ(b.points.size(), a.points.size()) << i;
    ASSERT_EQ(b.lines.size(), a.lines.size()) << i;
    ASSERT_EQ(b.polygons.size(), a.polygons.size()) << i;
    for (size_t k = 0; k < a.points.size(); ++k) {
      EXPECT_EQ(b.points[k].lon, a.points[k].lon) << i;
      EXPECT_EQ(b.points[k].lat, a.points[k].lat) << i;
    }
    for (size_t k = 0; k < a.polygons.size(); ++k) {
      ASSERT_EQ(b.polygons[k].rings.size(), a.polygons[k].rings.size()) << i;
      for (size_t r = 0; r < a.polygons[k].rings.size(); ++r)
        EXPECT_EQ(b.polygons[k].rings[r].size(), a.polygons[k].rings[r].size()) << i;
    }
    for (size_t k = 0; k < a.lines.size(); ++k) EXPECT_EQ(b.lines[k].size(), a.lines[k].size()) << i;
  }
  EXPECT_EQ(full[0].features[1500].geometry.polygons.size(), 2u);
  EXPECT_EQ(full[0].features[1501].geometry.lines.size(), 1u);
}

TEST_F(VectorReaderTest, CsvWithoutCrsIsReadAsLonLatWithAWarning) {
  const auto path = write("points.csv", "name,WKT\nOdesa,\"POINT (30.74383 46.48572)\"\n");
  ReadReport report;
  const auto layers = readVectorFile(path, &report);
  EXPECT_DOUBLE_EQ(layers.at(0).features.at(0).geometry.points.at(0).lat, 46.48572);
  ASSERT_FALSE(report.warnings.empty());
  EXPECT_NE(report.warnings[0].find("no CRS"), std::string::npos);
}

// Found by fuzzing (tests/fuzz): a header that repeats a coordinate column made GDAL's CSV reader, asked to drop
// the coordinate columns, read past its field list (an ASan SEGV inside GDAL; garbage in a release build).
TEST_F(VectorReaderTest, ACsvThatRepeatsACoordinateColumnIsRead) {
  const auto path = write("repeated.csv", "name,lon,note,lon,lat\nKyiv,30.1,x,30.52,50.45\nOdesa,1,y,30.73,46.48\n");
  const auto layers = readVectorFile(path);
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 2u);
  EXPECT_EQ(layers[0].features[0].properties.value("name", ""), "Kyiv");
  EXPECT_EQ(layers[0].features[0].properties.value("note", ""), "x");
  const auto p = layers[0].features[0].geometry.points.at(0);
  EXPECT_NEAR(p.lat, 50.45, 1e-9);
  // The fuzzer's own input: mangled lines after the repeated header, read or refused by name, never a crash.
  const auto mangled = write("mangled.csv",
                             "<JCSDataFilename,lon,lme,lon,lat\nKyiv,30.5.3]]]}}:[[30.7,46.4],[30.2,45.2],[29.1\"}ro\n"
                             "Odesal60.73.46.at\nKyiv,30.5.3]]]}}:[[30.7,46.4]\nOdesal60.73.46.48\n");
  try {
    readVectorFile(mangled);
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("mangled.csv"), std::string::npos) << e.what();
  }
}

// Found by fuzzing in CI: two columns that both match the latitude names ("latitude" and "lat") crashed GDAL 3.6's
// CSV reader when it was asked to drop the coordinate columns. They are kept as attributes now; one is used.
TEST_F(VectorReaderTest, ACsvWithTwoLatitudeColumnsIsRead) {
  const auto path = write("two-lat.csv", "latitude,lat\nKyiv,30252,50.45\nOdesa,30.73,46.48\n");
  expectError(path, "no coordinate columns");  // no longitude column: refused by name, never a crash
  const auto named = write("lat-lon-latitude.csv", "name,lon,latitude,lat\nKyiv,30.52,1,50.45\n");
  const auto layers = readVectorFile(named);
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  EXPECT_EQ(layers[0].features[0].properties.value("name", ""), "Kyiv");
  EXPECT_NEAR(layers[0].features[0].geometry.points.at(0).lon, 30.52, 1e-9);
}

TEST_F(VectorReaderTest, CsvWithoutCrsAndProjectedNumbersIsRefused) {
  expectError(write("metres.csv", "name,WKT\nx,\"POINT (3397893 6522000)\"\n"), "not longitude/latitude");
}

TEST_F(VectorReaderTest, TruncatedGeoJsonIsAClearError) {
  const std::string good = kGoodGeoJson;
  expectError(write("truncated.geojson", good.substr(0, good.size() / 2)), "cannot be read");
}

TEST_F(VectorReaderTest, EmptyFileIsAClearError) { expectError(write("empty.geojson", ""), "empty"); }

TEST_F(VectorReaderTest, MissingFileIsAClearError) { expectError(m_dir / "nope.gpkg", "not found"); }

TEST_F(VectorReaderTest, TextThatIsNotGeodataIsAClearError) {
  expectError(write("notes.txt", "Kyiv is the capital of Ukraine.\n"), "cannot be read");
}

TEST_F(VectorReaderTest, BinaryGarbageIsAClearError) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  expectError(write("junk.gpkg", junk));
}

TEST_F(VectorReaderTest, UnknownGeometryTypesGiveNoFeaturesError) {
  expectError(write("circle.geojson",
                    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[30,50],"radius":5}}]})"));
}

TEST_F(VectorReaderTest, FolderIsAClearError) { expectError(m_dir, "folder"); }

TEST_F(VectorReaderTest, RemotePathsAreRefused) {
  try {
    readVectorFile("/vsicurl/http://example.invalid/x.geojson");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("offline"), std::string::npos);
  }
}

TEST_F(VectorReaderTest, GmlWithRemoteSchemaDoesNotReachTheNetwork) {
  // GML with a remote schemaLocation and an xlink: GDAL would try to fetch both.
  const auto path = write("remote.gml", R"(<?xml version="1.0" encoding="UTF-8"?>
<ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml"
  xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://ogr.maptools.org/ http://example.invalid/schema.xsd">
  <gml:featureMember><ogr:pts fid="pts.0"><ogr:geometryProperty><gml:Point srsName="http://example.invalid/crs/4326">
  <gml:coordinates>30.5,50.4</gml:coordinates></gml:Point></ogr:geometryProperty>
  <ogr:ref xlink:href="http://example.invalid/other.gml#x"/></ogr:pts></gml:featureMember>
</ogr:FeatureCollection>)");
  try {
    const auto layers = readVectorFile(path);
    EXPECT_EQ(layers.at(0).features.size(), 1u);
  } catch (const DataError&) {
  }
  EXPECT_FALSE(fs::exists(m_dir / "remote.gfs")) << "GDAL wrote a sidecar beside the user's file";
  EXPECT_FALSE(fs::exists(m_dir / "schema.xsd"));
}

TEST(GdalOffline, EveryHttpFetchIsRefusedLocally) {
  configureGdalOffline();
  const int before = blockedNetworkRequests();
  CPLHTTPResult* result = CPLHTTPFetch("http://example.invalid/schema.xsd", nullptr);
  ASSERT_NE(result, nullptr);
  EXPECT_NE(result->nStatus, 0);
  ASSERT_NE(result->pszErrBuf, nullptr);
  EXPECT_NE(std::string(result->pszErrBuf).find("offline"), std::string::npos);
  CPLHTTPDestroyResult(result);
  EXPECT_EQ(blockedNetworkRequests(), before + 1);
}

TEST_F(VectorReaderTest, KmlExternalEntityIsNotResolved) {
  const auto path = write("entity.kml", R"(<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY remote SYSTEM "http://example.invalid/secret.txt">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&remote;</name>
<Point><coordinates>30.5,50.4</coordinates></Point></Placemark></Document></kml>)");
  const int before = blockedNetworkRequests();
  try {
    const auto layers = readVectorFile(path);
    for (const auto& l : layers)
      for (const auto& f : l.features) {
        const auto name = f.properties.value("Name", std::string());
        EXPECT_EQ(name.find("secret"), std::string::npos);
      }
  } catch (const DataError&) {
  }
  EXPECT_EQ(blockedNetworkRequests(), before) << "the KML reader tried to fetch an external entity";
}
