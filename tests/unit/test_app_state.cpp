#include <gtest/gtest.h>

#include "briefmap/session/app_state.hpp"
#include "briefmap/session/map_input.hpp"

using namespace briefmap;
using namespace briefmap::session;

namespace {
AppState makeState() {
  AppState s;
  s.viewportW = 1000;
  s.viewportH = 800;
  s.view.centre = {0, 0};
  s.view.metresPerPixel = 1000;
  s.layers = defaultBasemapLayers();
  return s;
}
}  // namespace

TEST(Reducer, PanMovesContentWithTheMouse) {
  AppState s = makeState();
  applyAction(s, action::PanBy{10, 5});  // content moves right and down: the centre goes left and up
  EXPECT_DOUBLE_EQ(s.view.centre.x, -10000);
  EXPECT_DOUBLE_EQ(s.view.centre.y, 5000);
}

TEST(Reducer, ZoomKeepsThePointUnderTheCursor) {
  AppState s = makeState();
  const geo::ScreenPx cursor{800, 100};
  const auto before = render::screenToMap(s.view, s.viewportW, s.viewportH, cursor);
  applyAction(s, action::ZoomAt{2.0, cursor.x, cursor.y});
  EXPECT_DOUBLE_EQ(s.view.metresPerPixel, 500);
  const auto after = render::screenToMap(s.view, s.viewportW, s.viewportH, cursor);
  EXPECT_NEAR(after.x, before.x, 1e-6);
  EXPECT_NEAR(after.y, before.y, 1e-6);
}

TEST(Reducer, ZoomIsClampedToTheScaleLimits) {
  AppState s = makeState();
  for (int i = 0; i < 100; ++i) applyAction(s, action::ZoomAt{2.0, 500, 400});
  EXPECT_DOUBLE_EQ(s.view.metresPerPixel, kMinMetresPerPixel);
  for (int i = 0; i < 100; ++i) applyAction(s, action::ZoomAt{0.5, 500, 400});
  EXPECT_DOUBLE_EQ(s.view.metresPerPixel, kMaxMetresPerPixel);
}

TEST(Reducer, ZoomingInStopsAtOneToHalfAMillion) {
  // The wheel, + / - and double-click all zoom by ZoomAt. 1:500,000 at 96 dpi: 500,000 × 25.4 mm / 96.
  AppState s = makeState();
  for (int i = 0; i < 40; ++i) applyAction(s, action::ZoomAt{1.25, 500, 400});
  EXPECT_NEAR(s.view.metresPerPixel, 132.29, 0.01);
  const double before = s.view.metresPerPixel;
  applyAction(s, action::ZoomAt{2.0, 500, 400});
  EXPECT_DOUBLE_EQ(s.view.metresPerPixel, before);
}

TEST(Reducer, VisibilityOpacityAndOrder) {
  AppState s = makeState();
  ASSERT_TRUE(applyAction(s, action::SetLayerVisible{"basemap/graticule", true}).isDone());
  EXPECT_TRUE(s.findLayer("basemap/graticule")->visible);
  applyAction(s, action::SetLayerOpacity{"basemap/places", 1.7f});
  EXPECT_FLOAT_EQ(s.findLayer("basemap/places")->opacity, 1.f);  // clamped
  const std::string bottom = s.layers.front().id;
  ASSERT_TRUE(applyAction(s, action::MoveLayer{bottom, +1}).isDone());
  EXPECT_EQ(s.layers[1].id, bottom);
  EXPECT_TRUE(applyAction(s, action::MoveLayer{s.layers.back().id, +1}).isDone());  // already on top: nothing to do
  EXPECT_TRUE(applyAction(s, action::RemoveLayer{"basemap/countries"}).isFailed());  // basemap stays
  EXPECT_TRUE(s.findLayer("basemap/countries"));
  EXPECT_EQ(applyAction(s, action::SetLayerVisible{"no/such", true}).reason, "no layer 'no/such'");
}

TEST(Reducer, SideEffectActionsAreLeftToTheSession) {
  AppState s = makeState();
  EXPECT_EQ(applyAction(s, action::OpenFiles{{"x.geojson"}}).status, ApplyResult::Status::NotMine);
  EXPECT_EQ(applyAction(s, action::SetCrs{"EPSG:3035"}).status, ApplyResult::Status::NotMine);
  EXPECT_EQ(applyAction(s, action::GoHome{}).status, ApplyResult::Status::NotMine);
}

TEST(MapInput, DragPansWheelZoomsDoubleClickZoomsIn) {
  AppState s = makeState();
  MapInputState input;
  std::vector<Action> actions;
  using namespace session;
  mapInputToActions(MouseButtonEvent{1, true, 100, 100, 1}, input, s, true, true, actions);
  mapInputToActions(MouseMoveEvent{130, 90}, input, s, true, true, actions);
  mapInputToActions(MouseButtonEvent{1, false, 130, 90, 1}, input, s, true, true, actions);
  mapInputToActions(MouseMoveEvent{200, 200}, input, s, true, true, actions);  // not dragging any more
  ASSERT_EQ(actions.size(), 1u);
  auto* pan = std::get_if<action::PanBy>(&actions[0]);
  ASSERT_NE(pan, nullptr);
  EXPECT_DOUBLE_EQ(pan->dxPx, 30);
  EXPECT_DOUBLE_EQ(pan->dyPx, -10);

  actions.clear();
  mapInputToActions(MouseWheelEvent{0, 1, 300, 200}, input, s, true, true, actions);
  mapInputToActions(MouseButtonEvent{1, true, 50, 60, 2}, input, s, true, true, actions);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_DOUBLE_EQ(std::get<action::ZoomAt>(actions[0]).factor, kWheelZoomStep);
  EXPECT_DOUBLE_EQ(std::get<action::ZoomAt>(actions[1]).factor, 2.0);
  EXPECT_DOUBLE_EQ(std::get<action::ZoomAt>(actions[1]).xPx, 50);
}

TEST(MapInput, ImGuiOwnsTheMouseAndKeyboardWhenItWantsThem) {
  AppState s = makeState();
  MapInputState input;
  std::vector<Action> actions;
  using namespace session;
  mapInputToActions(MouseWheelEvent{0, 1, 300, 200}, input, s, false, true, actions);
  mapInputToActions(MouseButtonEvent{1, true, 100, 100, 1}, input, s, false, true, actions);
  mapInputToActions(KeyEvent{Key::Plus, true, false, false, false}, input, s, true, false, actions);
  EXPECT_TRUE(actions.empty());
  mapInputToActions(KeyEvent{Key::Home, true, false, false, false}, input, s, true, true, actions);
  mapInputToActions(KeyEvent{Key::Left, true, false, false, false}, input, s, true, true, actions);
  mapInputToActions(DropFileEvent{"/tmp/x.kml"}, input, s, true, true, actions);
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<action::GoHome>(actions[0]));
  EXPECT_DOUBLE_EQ(std::get<action::PanBy>(actions[1]).dxPx, kKeyPanPx);
  EXPECT_EQ(std::get<action::OpenFiles>(actions[2]).paths.at(0), "/tmp/x.kml");
}
