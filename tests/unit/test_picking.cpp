// Picking a user can trust, through the session as the window drives it: the topmost visible feature under
// the cursor, markers and lines before the areas beneath them across all options, a repeated click cycling
// through what is stacked there, the selection highlighted on the map, cleared when its option or layer is
// hidden, and the hover tooltip's text. Pixels come from the projection, never written in.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "briefmap/data/resources.hpp"
#include "briefmap/session/flight.hpp"
#include "briefmap/session/session.hpp"

using namespace briefmap;
using namespace briefmap::session;

namespace {

struct Window {
  Session app{data::findGeodataDir()};
  MapSession& maps = app.maps();
  AppState& state = app.model();

  Window() {
    state.viewportW = 1920;
    state.viewportH = 1080;
    state.crs = maps.projection().crs();
    state.layers = defaultBasemapLayers();
    maps.loadOptions();
    app.finish();
    state.view = maps.homeView(state.viewportW, state.viewportH);
  }
  /// Applies a preset and waits for its options' geometry, as the window does over a few frames.
  void preset(const std::string& id) {
    ASSERT_TRUE(app.apply(action::ApplyPreset{id}).isDone());
    settle();
  }
  void settle() {
    maps.syncOptions(state);
    app.finish();
  }
  geo::ScreenPx onScreen(geo::LonLat p) const {
    return render::mapToScreen(state.view, state.viewportW, state.viewportH, maps.projection().forward(p));
  }
  /// Where a named feature of an option layer lies (its first point), from the catalogue's data.
  geo::LonLat pointOf(const std::string& option, const std::string& layer, const std::string& name) {
    const OptionState* o = state.findOption(option);
    EXPECT_TRUE(o);
    if (!o) return {};
    for (const auto& l : o->layers) {
      if (l.id != layer || !l.resolved) continue;
      for (const data::Layer* part : {&l.resolved->stated, &l.resolved->inferred})
        for (const auto& f : part->features)
          if (f.properties.value("name", std::string()) == name && !f.geometry.points.empty()) return f.geometry.points.front();
    }
    ADD_FAILURE() << "no point '" << name << "' in " << option << "/" << layer;
    return {};
  }
  std::string selectedName() const {
    return state.selection ? state.selection->feature.properties.value("name", std::string()) : std::string("(none)");
  }
  std::vector<std::string> frameLayerIds() const {
    std::vector<std::string> ids;
    for (const auto& l : maps.snapshot(state, state.viewportW, state.viewportH, 1.f).layers) ids.push_back(l.id);
    return ids;
  }
};

}  // namespace

TEST(Picking, TheThreeTierPresetsKyivMarkerWinsOverAnotherOptionsRangeRings) {
  Window w;
  w.preset("guarantee_stack");
  const geo::LonLat kyiv = w.pointOf("reassurance_force", "positions", "Kyiv");
  const geo::ScreenPx at = w.onScreen(kyiv);
  ASSERT_GT(at.x, 0);
  ASSERT_LT(at.x, w.state.viewportW);

  // What lies there: the marker, and under it at least one of the backstop's range rings.
  const auto stack = w.maps.pickAll(w.state, at.x, at.y);
  ASSERT_GE(stack.size(), 2u);
  EXPECT_TRUE(std::any_of(stack.begin(), stack.end(), [](const Selection& s) { return s.optionId == "us_backstop"; }))
      << "the test needs a range ring of another option under the marker";

  ASSERT_TRUE(w.app.apply(action::PickAt{at.x, at.y}).isDone());
  ASSERT_TRUE(w.state.selection);
  EXPECT_EQ(w.state.selection->optionId, "reassurance_force");
  EXPECT_EQ(w.state.selection->layerId, "positions");
  EXPECT_EQ(w.selectedName(), "Kyiv");

  // The selection is highlighted on the map, drawn over everything else.
  const auto ids = w.frameLayerIds();
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.back(), "selection/core");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "selection/halo"), ids.end());

  // The hover tooltip says the same, with the option's title.
  const auto hover = w.maps.describeAt(w.state, at.x, at.y);
  ASSERT_TRUE(hover);
  EXPECT_EQ(hover->name, "Kyiv");
  EXPECT_EQ(hover->option, w.state.findOption("reassurance_force")->title);
}

TEST(Picking, ARepeatedClickCyclesThroughWhatIsStackedThere) {
  Window w;
  w.preset("guarantee_stack");
  const geo::ScreenPx at = w.onScreen(w.pointOf("reassurance_force", "positions", "Kyiv"));
  const auto stack = w.maps.pickAll(w.state, at.x, at.y);
  ASSERT_GE(stack.size(), 2u);
  std::vector<std::string> seen;
  for (size_t i = 0; i < stack.size(); ++i) {
    w.app.apply(action::PickAt{at.x, at.y});
    ASSERT_TRUE(w.state.selection);
    EXPECT_EQ(w.state.selection->optionId, stack[i].optionId) << "click " << i + 1;
    EXPECT_EQ(w.state.selection->feature.properties, stack[i].feature.properties) << "click " << i + 1;
    seen.push_back(w.state.selection->optionId + "/" + w.state.selection->layerId + "/" + w.selectedName());
  }
  // One more click comes back to the top.
  w.app.apply(action::PickAt{at.x, at.y});
  EXPECT_EQ(w.selectedName(), "Kyiv");
  EXPECT_EQ(w.state.selection->optionId, "reassurance_force");
  // A click elsewhere starts again from the top of what lies there.
  const geo::ScreenPx lviv = w.onScreen(w.pointOf("reassurance_force", "positions", "Lviv"));
  w.app.apply(action::PickAt{lviv.x, lviv.y});
  w.app.apply(action::PickAt{at.x, at.y});
  EXPECT_EQ(w.selectedName(), "Kyiv");
  // Computed areas come last.
  EXPECT_EQ(seen.front(), "reassurance_force/positions/Kyiv");
}

TEST(Picking, AirportMarkersWinOverTheNoFlyZone) {
  Window w;
  ASSERT_TRUE(w.app.apply(action::SetOptionVisible{"air_policing", true}).isDone());
  w.settle();
  for (const std::string name : {"Kharkiv (stage 4)", "Kyiv (stage 3)", "Lviv (stage 1)"}) {
    const geo::ScreenPx at = w.onScreen(w.pointOf("air_policing", "airports", name));
    w.app.apply(action::ClearSelection{});
    w.app.apply(action::PickAt{at.x, at.y});
    ASSERT_TRUE(w.state.selection) << name;
    EXPECT_EQ(w.state.selection->layerId, "airports") << name;
    EXPECT_EQ(w.selectedName(), name);
  }
}

TEST(Picking, HidingTheOptionOrLayerClearsTheSelectionAndItsHighlight) {
  Window w;
  w.preset("guarantee_stack");
  const geo::ScreenPx at = w.onScreen(w.pointOf("reassurance_force", "positions", "Kyiv"));
  w.app.apply(action::PickAt{at.x, at.y});
  ASSERT_EQ(w.selectedName(), "Kyiv");
  w.app.apply(action::SetOptionVisible{"reassurance_force", false});
  EXPECT_FALSE(w.state.selection);
  auto ids = w.frameLayerIds();
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "selection/core"), ids.end());
  // Hidden, it is not under the cursor either: the next click takes what is still shown there.
  w.app.apply(action::PickAt{at.x, at.y});
  ASSERT_TRUE(w.state.selection);
  EXPECT_NE(w.state.selection->optionId, "reassurance_force");

  // The same for a layer of a shown option.
  w.app.apply(action::SetOptionVisible{"reassurance_force", true});
  w.app.apply(action::ClearSelection{});
  w.app.apply(action::PickAt{at.x, at.y});
  ASSERT_EQ(w.selectedName(), "Kyiv");
  w.app.apply(action::SetOptionLayerVisible{"reassurance_force", "positions", false});
  EXPECT_FALSE(w.state.selection);
  ids = w.frameLayerIds();
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "selection/core"), ids.end());
}

// The trial's tooltip named "Câmpia Turzii Air Base" while the US backstop faded out during a flight to a
// slide without it: the tooltip was described again only when the cursor moved. The cursor stays still here
// while the slide changes under it.
TEST(Picking, TheHoverTooltipNeverNamesAnOptionFadingOutDuringASlideFlight) {
  Window w;
  w.preset("guarantee_stack");
  ASSERT_TRUE(w.app.apply(action::AddSlideFromView{}).isDone());
  ASSERT_TRUE(w.app.apply(action::SetOptionVisible{"us_backstop", false}).isDone());
  ASSERT_TRUE(w.app.apply(action::PanBy{-300, 0}).isDone());
  ASSERT_TRUE(w.app.apply(action::AddSlideFromView{}).isDone());
  ASSERT_TRUE(w.app.apply(action::GoToSlide{0, false}).isDone());
  w.settle();

  const geo::ScreenPx at = w.onScreen(w.pointOf("us_backstop", "bases", "Câmpia Turzii Air Base"));
  ASSERT_GT(at.x, 0);
  ASSERT_LT(at.x, w.state.viewportW);
  MapSession::Hover hover;
  const std::string backstop = w.state.findOption("us_backstop")->title;
  ASSERT_TRUE(w.maps.updateHover(hover, w.state, at.x, at.y));
  EXPECT_EQ(hover.summary->name, "Câmpia Turzii Air Base");
  EXPECT_EQ(hover.summary->option, backstop);

  ASSERT_TRUE(w.app.apply(action::GoToSlide{1, true}).isDone());
  ASSERT_TRUE(w.state.briefing.transition.active);
  int framesInFlight = 0;
  while (w.state.briefing.transition.active) {
    const OptionState* leaving = w.state.findOption("us_backstop");
    ASSERT_FALSE(leaving->visible);
    const auto& summary = w.maps.updateHover(hover, w.state, at.x, at.y);
    if (summary) { EXPECT_NE(summary->option, backstop) << summary->name << ", fade-out " << leaving->fadeOut; }
    w.state.clockSeconds += 1.0 / 60;
    advanceTransitions(w.state);
    ++framesInFlight;
  }
  EXPECT_GT(framesInFlight, 10);
  const auto& landed = w.maps.updateHover(hover, w.state, at.x, at.y);
  if (landed) { EXPECT_NE(landed->option, backstop) << landed->name; }
}
