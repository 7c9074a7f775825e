// Place search over the gazetteer's spellings, and the measure tool's geodesic figures against published values.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>

#include "briefmap/data/resources.hpp"
#include "briefmap/extract/gazetteer.hpp"
#include "briefmap/session/measure.hpp"
#include "briefmap/session/place_search.hpp"

using namespace briefmap;
using session::suggestPlaces;

namespace {

const extract::Gazetteer& gazetteer() {
  static const extract::Gazetteer g = extract::Gazetteer::load(data::findGeodataDir());
  return g;
}

std::string firstName(std::string_view query) {
  const auto s = suggestPlaces(gazetteer(), query);
  return s.empty() ? std::string() : s.front().name;
}

}  // namespace

TEST(PlaceSearch, AnySpellingTheGazetteerKnowsFindsThePlace) {
  EXPECT_EQ(firstName("Kyiv"), "Kyiv");
  EXPECT_EQ(firstName("Kiev"), "Kyiv");
  EXPECT_EQ(firstName("kiev"), "Kyiv");
  EXPECT_EQ(firstName("Odessa"), "Odesa");
  EXPECT_EQ(firstName("odesa"), "Odesa");
  const auto kiev = suggestPlaces(gazetteer(), "Kiev");
  ASSERT_FALSE(kiev.empty());
  EXPECT_EQ(kiev.front().matched, "Kiev");  // the panel shows which spelling matched
  // Accents need not be typed.
  EXPECT_EQ(firstName("Turkiye"), firstName("Türkiye"));
  EXPECT_FALSE(firstName("Turkiye").empty());
  EXPECT_EQ(firstName("Turkey"), firstName("Türkiye"));
}

TEST(PlaceSearch, PrefixesSuggestOncePerPlaceAndNothingForNoLetters) {
  const auto s = suggestPlaces(gazetteer(), "Kha", 8);
  ASSERT_FALSE(s.empty());
  EXPECT_LE(s.size(), 8u);
  bool kharkiv = false;
  for (size_t i = 0; i < s.size(); ++i) {
    kharkiv |= s[i].name == "Kharkiv";
    for (size_t k = i + 1; k < s.size(); ++k) EXPECT_NE(s[i].place, s[k].place) << s[i].name;
  }
  EXPECT_TRUE(kharkiv);
  EXPECT_TRUE(suggestPlaces(gazetteer(), "").empty());
  EXPECT_TRUE(suggestPlaces(gazetteer(), "  '- ").empty());
  EXPECT_TRUE(suggestPlaces(gazetteer(), "Qwxzyq").empty());
}

TEST(PlaceSearch, ARiverRanksAsTheLargeAreaItIs) {
  // The city is the whole name; of the names that start with it, the river (hundreds of km) before the region.
  const auto s = suggestPlaces(gazetteer(), "Dnipro", 8);
  auto at = [&](const std::string& name) {
    for (size_t i = 0; i < s.size(); ++i)
      if (s[i].name == name) return static_cast<int>(i);
    return -1;
  };
  ASSERT_GE(at("Dnipro"), 0);
  ASSERT_GE(at("Dnipro River"), 0);
  EXPECT_LT(at("Dnipro"), at("Dnipro River"));
  ASSERT_GE(at("Dnipropetrovsk Oblast"), 0);  // "Dnipro Oblast", "Dnipro region"
  EXPECT_LT(at("Dnipro River"), at("Dnipropetrovsk Oblast"));
  EXPECT_EQ(firstName("Dnieper"), "Dnipro River");
}

TEST(PlaceSearch, SearchKeyFoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(session::searchKey("Rzeszów-Jasionka"), "rzeszow jasionka");
  EXPECT_EQ(session::searchKey("Łódź"), "lodz");
  EXPECT_EQ(session::searchKey("Kryvyi Rih’s"), "kryvyi rihs");
  EXPECT_EQ(session::searchKey("  Zaporizhzhia  NPP "), "zaporizhzhia npp");
}

// GeographicLib's documented example (Karney, geod.Inverse(40.6, -73.8, 51.6, -0.5)): JFK to LHR on WGS84 is
// 5,551,759.400319658 m; the measure tool uses the same PROJ geodesic, so it must agree to a millimetre.
TEST(Measure, DistanceAgreesWithThePublishedGeodesic) {
  const std::array<geo::LonLat, 2> jfkToLhr{geo::LonLat{-73.8, 40.6}, geo::LonLat{-0.5, 51.6}};
  EXPECT_NEAR(session::pathLengthMetres(jfkToLhr), 5551759.400319658, 1e-3);
  // A path is the sum of its legs.
  const std::array<geo::LonLat, 3> viaReykjavik{geo::LonLat{-73.8, 40.6}, geo::LonLat{-21.9, 64.1},
                                                geo::LonLat{-0.5, 51.6}};
  EXPECT_NEAR(session::pathLengthMetres(viaReykjavik),
              geo::geodesicDistance(viaReykjavik[0], viaReykjavik[1]) + geo::geodesicDistance(viaReykjavik[1], viaReykjavik[2]),
              1e-6);
  EXPECT_EQ(session::pathLengthMetres(std::span<const geo::LonLat>(jfkToLhr.data(), 1)), 0);
  EXPECT_EQ(session::formatDistance(5551759.4), "5,552 km · 2,998 nmi");
  EXPECT_EQ(session::formatDistance(18520), "18.5 km · 10.0 nmi");
}

// One octant of the ellipsoid (equator from 0° to 90° E, up to the pole) is an eighth of WGS84's surface,
// 510,065,621.724 km² (GeographicLib's ellipsoid area); either way round.
TEST(Measure, AreaIsAnEighthOfTheEllipsoidForAnOctant) {
  const double octant = 510065621.7243e6 / 8;
  std::array<geo::LonLat, 3> ring{geo::LonLat{0, 0}, geo::LonLat{90, 0}, geo::LonLat{0, 90}};
  EXPECT_NEAR(session::polygonAreaSquareMetres(ring), octant, 1e5);  // 0.1 km² in 64 million
  std::swap(ring[1], ring[2]);
  EXPECT_NEAR(session::polygonAreaSquareMetres(ring), octant, 1e5);
  EXPECT_EQ(session::polygonAreaSquareMetres(std::span<const geo::LonLat>(ring.data(), 2)), 0);
  EXPECT_EQ(session::formatArea(1852.0 * 1852.0 * 50), "171 km² · 50.0 nmi²");
}

// Through the session, as the panel and the map input drive it: Ctrl+F opens the search (loading the gazetteer),
// typing suggests, picking flies there; M and clicks measure.
#include "briefmap/session/flight.hpp"
#include "briefmap/session/map_input.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/session.hpp"

namespace {

// A session as the window holds it: a 1000×700 map area at the home view.
struct MapWindow {
  session::Session app{data::findGeodataDir()};
  MapWindow() {
    session::AppState& state = app.model();
    state.viewportW = 1000;
    state.viewportH = 700;
    state.crs = app.maps().projection().crs();
    state.view = app.maps().homeView(state.viewportW, state.viewportH);
  }
};

}  // namespace

TEST(PlaceSearch, CtrlFTypingAndPickingFliesTheMapThere) {
  MapWindow window;
  session::Session& app = window.app;
  session::AppState& state = app.model();
  session::MapInputState input;
  std::vector<session::Action> actions;
  session::mapInputToActions(session::KeyEvent{session::Key::F, true, true, false, false}, input, state, true, true, actions);
  ASSERT_EQ(actions.size(), 1u);
  ASSERT_TRUE(app.apply(actions[0]).isDone());
  EXPECT_TRUE(state.placeSearch.open);
  ASSERT_TRUE(app.apply(session::action::SearchPlaces{"Odessa"}).isDone());
  ASSERT_FALSE(state.placeSearch.suggestions.empty());
  const auto odesa = state.placeSearch.suggestions.front();
  EXPECT_EQ(odesa.name, "Odesa");
  ASSERT_TRUE(app.apply(session::action::FlyToPlace{odesa.place}).isDone());
  EXPECT_FALSE(state.placeSearch.open);  // picked: the box closes
  ASSERT_TRUE(state.briefing.transition.active);
  state.clockSeconds += 5;  // past the end of any flight
  session::advanceTransitions(state);
  const geo::LonLat centre = app.maps().toLonLat(state.view.centre);
  const geo::LonLat where = state.sources.engine->gazetteer.place(odesa.place).where;
  EXPECT_LT(geo::geodesicDistance(centre, where), 1000) << centre.lon << " " << centre.lat;
  // Esc closes an open search without flying.
  app.apply(session::action::OpenPlaceSearch{});
  actions.clear();
  session::mapInputToActions(session::KeyEvent{session::Key::Escape, true, false, false, false}, input, state, true, true, actions);
  ASSERT_EQ(actions.size(), 1u);
  app.apply(actions[0]);
  EXPECT_FALSE(state.placeSearch.open);
}

// A river's point only stands for its course: the flight frames it wider than a town, whose point is the town.
TEST(PlaceSearch, ARiverIsFramedWiderThanATown) {
  const auto scaleAfterFlightTo = [](const std::string& query, const std::string& name) {
    MapWindow window;
    session::Session& app = window.app;
    session::AppState& state = app.model();
    EXPECT_GT(state.view.metresPerPixel, 1200.0);  // the home view shows the region: wider than either framing
    EXPECT_TRUE(app.apply(session::action::OpenPlaceSearch{}).isDone());
    EXPECT_TRUE(app.apply(session::action::SearchPlaces{query}).isDone());
    EXPECT_FALSE(state.placeSearch.suggestions.empty());
    if (state.placeSearch.suggestions.empty()) return 0.0;
    const auto found = state.placeSearch.suggestions.front();
    EXPECT_EQ(found.name, name);
    EXPECT_TRUE(app.apply(session::action::FlyToPlace{found.place}).isDone());
    state.clockSeconds += 5;  // past the end of any flight
    session::advanceTransitions(state);
    const geo::LonLat where = state.sources.engine->gazetteer.place(found.place).where;
    EXPECT_LT(geo::geodesicDistance(app.maps().toLonLat(state.view.centre), where), 1000);
    return state.view.metresPerPixel;
  };
  const double river = scaleAfterFlightTo("Dnieper", "Dnipro River");
  const double town = scaleAfterFlightTo("Zaporizhzhia", "Zaporizhzhia");
  EXPECT_NEAR(river, 1200.0, 1.0);
  EXPECT_NEAR(town, 500.0, 1.0);
}

TEST(Measure, MAndClicksMeasureTheGeodesicBetweenTheClickedPoints) {
  MapWindow window;
  session::Session& app = window.app;
  session::AppState& state = app.model();
  session::MapInputState input;
  std::vector<session::Action> actions;
  const auto press = [&](const session::InputEvent& e) { session::mapInputToActions(e, input, state, true, true, actions); };
  press(session::KeyEvent{session::Key::M, true, false, false, false});
  for (const auto& a : actions) ASSERT_TRUE(app.apply(a).isDone());
  actions.clear();
  // Two clicks at the screen points of Kyiv and Lviv.
  const geo::LonLat kyiv{30.5234, 50.4501}, lviv{24.0297, 49.8397};
  for (const auto& p : {kyiv, lviv}) {
    const auto s = render::mapToScreen(state.view, state.viewportW, state.viewportH, app.maps().projection().forward(p));
    press(session::MouseButtonEvent{1, true, static_cast<float>(s.x), static_cast<float>(s.y), 1});
    press(session::MouseButtonEvent{1, false, static_cast<float>(s.x), static_cast<float>(s.y), 1});
  }
  for (const auto& a : actions) ASSERT_TRUE(app.apply(a).isDone());
  ASSERT_TRUE(state.measure.active);
  ASSERT_EQ(state.measure.points.size(), 2u);
  EXPECT_FALSE(state.selection);  // measuring clicks pick nothing
  // Within a pixel's worth of ground (a few km at the home view) of the true Kyiv–Lviv geodesic (~469 km).
  const double metresPerPixel = state.view.metresPerPixel;
  EXPECT_NEAR(session::pathLengthMetres(state.measure.points), geo::geodesicDistance(kyiv, lviv), 2 * metresPerPixel);
  // Esc ends measuring and forgets the points.
  actions.clear();
  press(session::KeyEvent{session::Key::Escape, true, false, false, false});
  for (const auto& a : actions) app.apply(a);
  EXPECT_FALSE(state.measure.active);
  EXPECT_TRUE(state.measure.points.empty());
}

// What the File and Briefing menus offer again (and the settings keep): opened briefings and files, as absolute paths.
TEST(Settings, OpenedBriefingsAndFilesBecomeRecent) {
  session::Session app(data::findGeodataDir());
  session::AppState& state = app.model();
  state.crs = app.maps().projection().crs();
  const auto briefing = data::findGeodataDir() / "briefings" / "security-guarantees.json";
  ASSERT_TRUE(app.apply(session::action::OpenBriefing{briefing.string()}).isDone());
  ASSERT_EQ(state.recent.briefings.size(), 1u);
  EXPECT_EQ(std::filesystem::path(state.recent.briefings.front()), std::filesystem::absolute(briefing).lexically_normal());
  const std::string fixture = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/overlay.geojson";
  ASSERT_TRUE(app.apply(session::action::OpenFiles{{fixture}}).isDone());
  app.finish();
  ASSERT_EQ(state.recent.files.size(), 1u);
  EXPECT_EQ(std::filesystem::path(state.recent.files.front()), std::filesystem::path(fixture).lexically_normal());
  // A failed open is not remembered.
  app.apply(session::action::OpenBriefing{"/nonexistent/briefing.json"});
  EXPECT_EQ(state.recent.briefings.size(), 1u);
}

// Since round 34 the gazetteer holds every country of the world: one far from the map's region (Indonesia, on a
// projection centred on Ukraine) is either framed with a finite view or refused with a message, never a broken view.
TEST(PlaceSearch, ACountryFarFromTheRegionIsFlownToOrRefusedWithAMessage) {
  MapWindow window;
  session::Session& app = window.app;
  session::AppState& state = app.model();
  ASSERT_TRUE(app.apply(session::action::OpenPlaceSearch{}).isDone());
  ASSERT_TRUE(app.apply(session::action::SearchPlaces{"Indonesia"}).isDone());
  ASSERT_FALSE(state.placeSearch.suggestions.empty());
  const auto found = state.placeSearch.suggestions.front();
  EXPECT_EQ(found.name, "Indonesia");
  const auto result = app.apply(session::action::FlyToPlace{found.place});
  state.clockSeconds += 5;  // past the end of any flight
  session::advanceTransitions(state);
  EXPECT_TRUE(std::isfinite(state.view.centre.x) && std::isfinite(state.view.centre.y));
  EXPECT_TRUE(std::isfinite(state.view.metresPerPixel) && state.view.metresPerPixel > 0);
  if (result.isDone()) {
    const geo::LonLat centre = app.maps().toLonLat(state.view.centre);
    std::printf("  Indonesia: flown to %.1f E %.1f N at %.0f m per pixel\n", centre.lon, centre.lat, state.view.metresPerPixel);
    EXPECT_GT(centre.lon, 90.0) << centre.lon << " " << centre.lat;  // framed on the country, not left over Ukraine
  } else {
    EXPECT_NE(result.reason.find("Indonesia"), std::string::npos) << result.reason;
  }
}
