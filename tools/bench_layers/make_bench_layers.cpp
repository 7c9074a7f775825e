// Writes the benchmark layers of issue 16, the same bytes of geometry on every machine and every run:
//   <out>/bench_1m.gpkg      layers "areas" (polygons) and "events" (points)
//   <out>/bench_1m_areas.geojson   the same polygons
//   <out>/world_strips.geojson     a whole-world layer (time-zone-like strips from pole to pole and a hex grid)
// Usage: briefmap_make_bench_layers [--out DIR] [--scale N] [--world-only]
//   N multiplies polygons and points (default 1; 10 gives the 10-million-vertex file); --world-only writes only
//   world_strips.geojson (the tests use it).
//
// Randomness is std::mt19937_64 (its output is fixed by the standard) mapped to [0, 1) by hand: the standard's
// distributions may differ between library versions, so they are not used.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  double unit() { return static_cast<double>(m_engine() >> 11) * (1.0 / 9007199254740992.0); }  // 53 bits
  double between(double lo, double hi) { return lo + (hi - lo) * unit(); }
  int index(int n) { return static_cast<int>(unit() * n); }

 private:
  std::mt19937_64 m_engine;
};

// Ukraine and its neighbours.
constexpr double kMinLon = 14.0, kMaxLon = 45.0, kMinLat = 41.0, kMaxLat = 56.5;
constexpr double kPi = 3.14159265358979323846;

void check(OGRErr err, const char* what) {
  if (err != OGRERR_NONE) throw std::runtime_error(std::string("GDAL failed: ") + what);
}

struct Output {
  GDALDatasetUniquePtr dataset;
  OGRLayer* layer = nullptr;
};

GDALDatasetUniquePtr create(const char* driverName, const std::filesystem::path& path) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
  if (!driver) throw std::runtime_error(std::string("no GDAL driver ") + driverName);
  std::filesystem::remove(path);
  GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  return ds;
}

OGRLayer* createLayer(GDALDataset& ds, const char* name, OGRwkbGeometryType type, bool withPointFields) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = ds.CreateLayer(name, &wgs84, type, nullptr);
  if (!layer) throw std::runtime_error(std::string("cannot create layer ") + name);
  OGRFieldDefn id("id", OFTInteger), kind("kind", OFTString), value("value", OFTReal);
  check(layer->CreateField(&id), "field id");
  check(layer->CreateField(&kind), "field kind");
  check(layer->CreateField(&value), "field value");
  if (withPointFields) {
    OGRFieldDefn date("date", OFTString);
    check(layer->CreateField(&date), "field date");
  }
  return layer;
}

// A star-shaped blob (so its ring never crosses itself): `vertices` points around a centre, radius with
// low-frequency wobble and some noise; size in kilometres, lon scaled by latitude so blobs look round.
OGRPolygon blob(Random& random, double lon, double lat, double radiusKm, int vertices) {
  const double phase1 = random.between(0, 2 * kPi), phase2 = random.between(0, 2 * kPi);
  const double wobble1 = random.between(0.05, 0.3), wobble2 = random.between(0.02, 0.15);
  const double kmPerDegLat = 111.32, kmPerDegLon = 111.32 * std::cos(lat * kPi / 180);
  auto ring = std::make_unique<OGRLinearRing>();
  ring->setNumPoints(vertices + 1);
  for (int i = 0; i < vertices; ++i) {
    const double a = 2 * kPi * i / vertices;
    const double r = radiusKm * (1 + wobble1 * std::sin(3 * a + phase1) + wobble2 * std::sin(7 * a + phase2) +
                                 random.between(-0.04, 0.04));
    ring->setPoint(i, lon + r * std::cos(a) / kmPerDegLon, lat + r * std::sin(a) / kmPerDegLat);
  }
  ring->setPoint(vertices, ring->getX(0), ring->getY(0));
  OGRPolygon polygon;
  polygon.addRingDirectly(ring.release());
  return polygon;
}

const char* const kAreaKinds[] = {"district", "zone", "field", "sector"};
const char* const kEventKinds[] = {"shelling", "air_strike", "drone", "clash", "protest"};

void writeAreas(OGRLayer* layer, std::uint64_t seed, int count, int meanVertices) {
  Random random(seed);
  OGRFeature feature(layer->GetLayerDefn());
  for (int n = 0; n < count; ++n) {
    const double lon = random.between(kMinLon, kMaxLon), lat = random.between(kMinLat, kMaxLat);
    // Mostly small, a few large: sizes as administrative units have them.
    const double radiusKm = 2 + 25 * std::pow(random.unit(), 3);
    const int vertices = meanVertices / 2 + random.index(meanVertices);  // mean ~ meanVertices
    OGRPolygon polygon = blob(random, lon, lat, radiusKm, vertices);
    feature.SetField("id", n + 1);
    feature.SetField("kind", kAreaKinds[random.index(4)]);
    feature.SetField("value", std::round(random.between(0, 1000) * 10) / 10);
    check(feature.SetGeometry(&polygon), "area geometry");
    feature.SetFID(OGRNullFID);
    check(layer->CreateFeature(&feature), "area feature");
  }
}

void writeEvents(OGRLayer* layer, std::uint64_t seed, int count) {
  Random random(seed);
  // Events cluster around a few hundred places, as conflict events do.
  constexpr int kClusters = 400;
  double centres[kClusters][2];
  for (auto& c : centres) {
    c[0] = random.between(kMinLon, kMaxLon);
    c[1] = random.between(kMinLat, kMaxLat);
  }
  OGRFeature feature(layer->GetLayerDefn());
  for (int n = 0; n < count; ++n) {
    const auto& c = centres[random.index(kClusters)];
    // A rough normal spread (sum of uniforms) of about 0.3 degrees.
    double dx = 0, dy = 0;
    for (int k = 0; k < 4; ++k) {
      dx += random.between(-0.3, 0.3);
      dy += random.between(-0.2, 0.2);
    }
    OGRPoint point(c[0] + dx, c[1] + dy);
    char date[32];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + random.index(12), 1 + random.index(28));
    feature.SetField("id", n + 1);
    feature.SetField("kind", kEventKinds[random.index(5)]);
    feature.SetField("value", static_cast<double>(random.index(50)));
    feature.SetField("date", date);
    check(feature.SetGeometry(&point), "event geometry");
    feature.SetFID(OGRNullFID);
    check(layer->CreateFeature(&feature), "event feature");
  }
}

// Whole-world data as issue 15 met it (time zones, global hex grids): 24 strips of 15 degrees of longitude from
// pole to pole, densified every half degree, and a hex grid over the whole world.
void writeWorld(OGRLayer* layer) {
  OGRFeature feature(layer->GetLayerDefn());
  int id = 0;
  for (int s = 0; s < 24; ++s) {
    const double west = -180 + 15 * s, east = west + 15;
    auto ring = std::make_unique<OGRLinearRing>();
    for (double lat = -90; lat <= 90; lat += 0.5) ring->addPoint(west, lat);
    for (double lon = west; lon <= east; lon += 0.5) ring->addPoint(lon, 90);
    for (double lat = 90; lat >= -90; lat -= 0.5) ring->addPoint(east, lat);
    for (double lon = east; lon >= west; lon -= 0.5) ring->addPoint(lon, -90);
    ring->closeRings();
    OGRPolygon polygon;
    polygon.addRingDirectly(ring.release());
    feature.SetField("id", ++id);
    feature.SetField("kind", "strip");
    feature.SetField("value", west);
    check(feature.SetGeometry(&polygon), "strip geometry");
    feature.SetFID(OGRNullFID);
    check(layer->CreateFeature(&feature), "strip feature");
  }
  constexpr double kSize = 5.0;  // hexagon radius in degrees
  const double dx = kSize * std::sqrt(3.0), dy = kSize * 1.5;
  int row = 0;
  for (double lat = -85; lat <= 85; lat += dy, ++row) {
    for (double lon = -180 + (row % 2 ? dx / 2 : 0); lon < 180; lon += dx) {
      auto ring = std::make_unique<OGRLinearRing>();
      for (int k = 0; k <= 6; ++k) {
        const double a = kPi / 6 + kPi / 3 * (k % 6);
        ring->addPoint(lon + kSize * std::cos(a), std::clamp(lat + kSize * std::sin(a), -90.0, 90.0));
      }
      OGRPolygon polygon;
      polygon.addRingDirectly(ring.release());
      feature.SetField("id", ++id);
      feature.SetField("kind", "hex");
      feature.SetField("value", lat);
      check(feature.SetGeometry(&polygon), "hex geometry");
      feature.SetFID(OGRNullFID);
      check(layer->CreateFeature(&feature), "hex feature");
    }
  }
}

void close(GDALDatasetUniquePtr& ds, const std::filesystem::path& path) {
  // GDAL 3.6's close returns nothing: its error state says whether the last writes failed.
  CPLErrorReset();
  GDALClose(GDALDataset::ToHandle(ds.release()));
  if (CPLGetLastErrorType() == CE_Failure) throw std::runtime_error("cannot write " + path.string());
  std::printf("wrote %s (%.1f MB)\n", path.c_str(), std::filesystem::file_size(path) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path out = "bench-data";
  int scale = 1;
  bool worldOnly = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (arg == "--scale" && i + 1 < argc) {
      scale = std::atoi(argv[++i]);
    } else if (arg == "--world-only") {
      worldOnly = true;
    } else {
      std::fprintf(stderr, "usage: %s [--out DIR] [--scale N] [--world-only]\n", argv[0]);
      return 2;
    }
  }
  if (scale < 1 || scale > 100) {
    std::fprintf(stderr, "%s: --scale must be 1…100\n", argv[0]);
    return 2;
  }
  try {
    GDALAllRegister();
    std::filesystem::create_directories(out);
    const std::string suffix = scale == 1 ? "1m" : std::to_string(scale) + "m";
    // 20,000 polygons of ~51 vertices (1.02 million) and 200,000 points, times the scale.
    constexpr int kAreas = 20000, kMeanVertices = 50, kEvents = 200000;
    constexpr std::uint64_t kAreaSeed = 16, kEventSeed = 1616;
    if (!worldOnly) {
      const auto path = out / ("bench_" + suffix + ".gpkg");
      auto ds = create("GPKG", path);
      check(ds->StartTransaction(), "transaction");
      writeAreas(createLayer(*ds, "areas", wkbPolygon, false), kAreaSeed, kAreas * scale, kMeanVertices);
      writeEvents(createLayer(*ds, "events", wkbPoint, true), kEventSeed, kEvents * scale);
      check(ds->CommitTransaction(), "commit");
      close(ds, path);
    }
    if (!worldOnly) {
      const auto path = out / ("bench_" + suffix + "_areas.geojson");
      auto ds = create("GeoJSON", path);
      writeAreas(createLayer(*ds, "areas", wkbPolygon, false), kAreaSeed, kAreas * scale, kMeanVertices);
      close(ds, path);
    }
    {
      const auto path = out / "world_strips.geojson";
      auto ds = create("GeoJSON", path);
      writeWorld(createLayer(*ds, "world", wkbPolygon, false));
      close(ds, path);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
  return 0;
}
