// Briefing mode through the action layer, no window: slide navigation with the keys clickers send,
// transitions (eased, under a second, interruptible), fades, black screen, marks, slide editing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <unistd.h>

#include "briefmap/data/resources.hpp"
#include "briefmap/session/session.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/presentation_input.hpp"

using namespace briefmap;
using namespace briefmap::session;

namespace {

const std::filesystem::path& exampleBriefing() {
  static const auto path = data::findGeodataDir() / "briefings" / "security-guarantees.json";
  return path;
}

struct Presenter {
  Session app{data::findGeodataDir()};
  MapSession& session = app.maps();
  AppState& state = app.model();
  PresentationInput input;

  explicit Presenter(const std::filesystem::path& briefing = exampleBriefing()) {
    state.viewportW = 1920;
    state.viewportH = 1080;
    openBriefingHeadless(state, session, briefing);
    app.apply(action::StartPresentation{0});
  }
  void send(const session::InputEvent& event) {
    std::vector<Action> actions;
    presentationInputToActions(event, input, state, [&](geo::MapXY p) { return session.toLonLat(p); }, actions);
    for (const auto& a : actions) app.apply(a);
  }
  void press(session::Key key) { send(session::KeyEvent{key, true, false, false, false}); }
  void wait(double seconds) {
    state.clockSeconds += seconds;
    advanceTransitions(state);
  }
  std::vector<std::string> visibleOptions() const {  // sorted
    std::vector<std::string> ids;
    for (const auto& o : state.options)
      if (o.visible) ids.push_back(o.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  render::View slideView(int i) const {
    return viewForSlide(session, state.briefing.doc.slides.at(i).view, state.viewportW, state.viewportH);
  }
};

void expectSameView(const render::View& a, const render::View& b, double metres = 1e-6) {
  EXPECT_NEAR(a.centre.x, b.centre.x, metres);
  EXPECT_NEAR(a.centre.y, b.centre.y, metres);
  EXPECT_NEAR(a.metresPerPixel, b.metresPerPixel, 1e-9);
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST(BriefingNavigation, ASlideFramedCloserThanTheZoomLimitShowsTheLimit) {
  Presenter p;
  briefing::SlideView close;
  close.widthKm = 20;  // 10 m a pixel at 1920: closer than the data means anything
  close.heightKm = 10;
  EXPECT_DOUBLE_EQ(viewForSlide(p.session, close, 1920, 1080).metresPerPixel, kMinMetresPerPixel);
  EXPECT_NEAR(kMinMetresPerPixel, 132.29, 0.01);  // 1:500,000 at 96 dpi
}

TEST(BriefingNavigation, PageDownStepsThroughEverySlide) {
  Presenter p;
  ASSERT_TRUE(p.state.briefing.presenting);
  const int count = static_cast<int>(p.state.briefing.doc.slides.size());
  ASSERT_GE(count, 5);
  EXPECT_EQ(p.state.briefing.current, 0);
  expectSameView(p.state.view, p.slideView(0));
  for (int n = 1; n < count; ++n) {
    p.press(session::Key::PageDown);
    EXPECT_EQ(p.state.briefing.current, n);
    EXPECT_TRUE(p.state.briefing.transition.active);
    EXPECT_LT(p.state.briefing.transition.durationSeconds, 1.0);  // under a second
    p.wait(1.0);
    EXPECT_FALSE(p.state.briefing.transition.active);
    const briefing::Slide& slide = p.state.briefing.doc.slides[n];
    expectSameView(p.state.view, p.slideView(n));
    EXPECT_EQ(p.visibleOptions(), sorted(slide.options)) << "slide " << n + 1;
    for (const auto& [name, value] : slide.parameters) {
      const auto dot = name.find('.');
      EXPECT_DOUBLE_EQ(p.state.findOption(name.substr(0, dot))->parameters.at(name.substr(dot + 1)), value);
    }
    for (const auto& o : p.state.options) {
      EXPECT_FLOAT_EQ(o.fade, 1.f);
      EXPECT_FLOAT_EQ(o.fadeOut, 0.f);
    }
  }
  // Past the last slide nothing happens; Page Up goes all the way back.
  p.press(session::Key::PageDown);
  EXPECT_EQ(p.state.briefing.current, count - 1);
  EXPECT_FALSE(p.state.briefing.transition.active);
  for (int n = count - 2; n >= 0; --n) {
    p.press(session::Key::PageUp);
    p.wait(1.0);
    EXPECT_EQ(p.state.briefing.current, n);
  }
  expectSameView(p.state.view, p.slideView(0));
  // The second slide's parameters went back to the defaults the first slide implies.
  EXPECT_DOUBLE_EQ(p.state.findOption("buffer_zone")->parameters.at("width_km"), 20);
}

// The slide's own extent (km) against what a viewport of the state's size shows with the state's view: the
// view shows the slide exactly in one direction and at least the slide in the other.
void expectFramedAsDefined(const AppState& state, const briefing::SlideView& slide) {
  const double shownWidthKm = state.view.metresPerPixel * state.viewportW / 1000;
  const double shownHeightKm = state.view.metresPerPixel * state.viewportH / 1000;
  EXPECT_GE(shownWidthKm, slide.widthKm * (1 - 1e-9));
  EXPECT_GE(shownHeightKm, slide.heightKm * (1 - 1e-9));
  EXPECT_NEAR(std::min(shownWidthKm / slide.widthKm, shownHeightKm / slide.heightKm), 1.0, 1e-9)
      << "shown " << shownWidthKm << " x " << shownHeightKm << " km, slide " << slide.widthKm << " x " << slide.heightKm;
}

// F5 from the window: the slide is shown while the map is still the window's map area, and the window goes
// full screen afterwards. The first slide must be framed for the full screen, not 25 % wider.
TEST(BriefingNavigation, FirstSlideIsFramedForTheFullScreenAfterF5) {
  Session app{data::findGeodataDir()};
  AppState& state = app.model();
  state.viewportW = 1000;  // the window's map area between the panels
  state.viewportH = 640;
  openBriefingHeadless(state, app.maps(), exampleBriefing());
  app.apply(action::StartPresentation{0});
  const briefing::SlideView& first = state.briefing.doc.slides.at(0).view;
  expectFramedAsDefined(state, first);
  state.viewportW = 1366;  // the next frame: full screen
  state.viewportH = 768;
  EXPECT_TRUE(reframeSlideForViewport(state, app.maps()));
  expectFramedAsDefined(state, first);
  EXPECT_FALSE(reframeSlideForViewport(state, app.maps())) << "framed once per size";

  // A resize during a flight: the flight lands on the slide framed for the new size.
  app.apply(action::NextSlide{});
  ASSERT_TRUE(state.briefing.transition.active);
  state.viewportW = 1920;
  state.viewportH = 1080;
  EXPECT_TRUE(reframeSlideForViewport(state, app.maps()));
  state.clockSeconds += 2;
  advanceTransitions(state);
  expectFramedAsDefined(state, state.briefing.doc.slides.at(1).view);

  // Not presenting: the analyst's own view is never changed behind their back.
  app.apply(action::StopPresentation{});
  const render::View before = state.view;
  state.viewportW = 800;
  EXPECT_FALSE(reframeSlideForViewport(state, app.maps()));
  expectSameView(state.view, before);
}

TEST(BriefingNavigation, EveryClickerKeyAndTheMouseStep) {
  Presenter p;
  using session::Key;
  int expected = 0;
  for (Key next : {Key::PageDown, Key::Right, Key::Down, Key::Space, Key::Enter}) {
    p.press(next);
    p.wait(1);
    EXPECT_EQ(p.state.briefing.current, ++expected);
  }
  for (Key previous : {Key::PageUp, Key::Left, Key::Up, Key::Backspace}) {
    p.press(previous);
    p.wait(1);
    EXPECT_EQ(p.state.briefing.current, --expected);
  }
  p.send(session::MouseButtonEvent{1, true, 500, 500, 1});
  p.wait(1);
  EXPECT_EQ(p.state.briefing.current, expected + 1);
  p.send(session::MouseButtonEvent{3, true, 500, 500, 1});
  p.wait(1);
  EXPECT_EQ(p.state.briefing.current, expected);
  // A held key auto-repeats: one press is one slide.
  p.send(session::KeyEvent{Key::PageDown, true, false, false, true});
  EXPECT_EQ(p.state.briefing.current, expected);
  p.press(Key::End);
  p.wait(1);
  EXPECT_EQ(p.state.briefing.current, static_cast<int>(p.state.briefing.doc.slides.size()) - 1);
  p.press(Key::Home);
  p.wait(1);
  EXPECT_EQ(p.state.briefing.current, 0);
}

TEST(BriefingNavigation, TransitionIsSmoothAndAnInterruptionLandsOnTheRightSlide) {
  Presenter p;
  const render::View start = p.state.view;
  p.press(session::Key::PageDown);  // slide 1 -> 2
  const double duration = p.state.briefing.transition.durationSeconds;
  ASSERT_GT(duration, 0.3);
  p.wait(duration * 0.5);
  const render::View mid = p.state.view;
  EXPECT_NE(mid.centre.x, start.centre.x);
  EXPECT_NE(mid.centre.x, p.slideView(1).centre.x);
  // Options leaving (the backstop, the buffer zone) are fading out, not gone.
  const OptionState* backstop = p.state.findOption("us_backstop");
  EXPECT_FALSE(backstop->visible);
  EXPECT_GT(backstop->fadeOut, 0.f);
  EXPECT_LT(backstop->fadeOut, 1.f);

  // Interrupt: the next flight starts where the view is now and ends on slide 3.
  p.press(session::Key::PageDown);
  EXPECT_EQ(p.state.briefing.current, 2);
  expectSameView(p.state.briefing.transition.from, mid);
  p.wait(0.05);
  // No jump: the first frame of the new flight is close to where the old one was.
  EXPECT_LT(std::hypot(p.state.view.centre.x - mid.centre.x, p.state.view.centre.y - mid.centre.y),
            0.1 * std::hypot(p.slideView(2).centre.x - mid.centre.x, p.slideView(2).centre.y - mid.centre.y) + 1);
  p.wait(1.0);
  expectSameView(p.state.view, p.slideView(2));
  EXPECT_EQ(p.visibleOptions(), std::vector<std::string>{"us_backstop"});
  EXPECT_FLOAT_EQ(p.state.findOption("us_backstop")->fade, 1.f);
  EXPECT_FLOAT_EQ(p.state.findOption("reassurance_force")->fadeOut, 0.f);
}

TEST(BriefingNavigation, FlightPathEndsExactlyAndZoomsOutOnLongJumps) {
  render::View a{{0, 0}, 500}, b{{2'000'000, 0}, 500};
  const auto start = interpolateFlight(a, b, 1920, 0), end = interpolateFlight(a, b, 1920, 1);
  expectSameView(start, a);
  expectSameView(end, b);
  const auto mid = interpolateFlight(a, b, 1920, 0.5);
  EXPECT_NEAR(mid.centre.x, 1'000'000, 1);       // symmetric path
  EXPECT_GT(mid.metresPerPixel, 500 * 1.5);       // it zooms out on the way
  double previous = -1;
  for (int i = 0; i <= 20; ++i) {                 // and moves monotonically
    const double x = interpolateFlight(a, b, 1920, i / 20.0).centre.x;
    EXPECT_GE(x, previous);
    previous = x;
  }
  EXPECT_LT(flightSeconds(a, b, 1920), 1.0);
  EXPECT_LT(flightSeconds(a, render::View{{9e6, 9e6}, 10}, 1920), 1.0);
  // Zoom only: the centre stays, the scale changes geometrically.
  const auto zoom = interpolateFlight(render::View{{5, 5}, 100}, render::View{{5, 5}, 400}, 1920, 0.5);
  EXPECT_NEAR(zoom.metresPerPixel, 200, 1e-6);
}

TEST(BriefingNavigation, BlackScreenEscapeAndPresenterInfo) {
  Presenter p;
  p.press(session::Key::B);
  EXPECT_TRUE(p.state.briefing.black);
  p.press(session::Key::PageDown);  // the first press brings the picture back, it does not skip a slide
  EXPECT_FALSE(p.state.briefing.black);
  EXPECT_EQ(p.state.briefing.current, 0);
  p.press(session::Key::Period);
  EXPECT_TRUE(p.state.briefing.black);
  p.press(session::Key::B);
  EXPECT_FALSE(p.state.briefing.black);
  const bool info = p.state.briefing.showPresenterInfo;
  p.press(session::Key::C);
  EXPECT_NE(p.state.briefing.showPresenterInfo, info);
  // Type size for the room, live; the presentation pixel ratio follows.
  const float before = presentationPixelRatio(p.state, 2160, 1.f);
  p.press(session::Key::Plus);
  p.press(session::Key::Plus);
  EXPECT_NEAR(presentationPixelRatio(p.state, 2160, 1.f), before * 1.21f, 1e-4);
  EXPECT_TRUE(p.state.briefing.dirty);
  p.press(session::Key::Escape);
  EXPECT_FALSE(p.state.briefing.presenting);
}

TEST(BriefingNavigation, MarksAreDrawnKeptAndCleared) {
  Presenter p;
  p.press(session::Key::D);
  EXPECT_EQ(p.state.briefing.tool, BriefingState::Tool::Freehand);
  p.send(session::MouseButtonEvent{1, true, 400, 400, 1});
  for (int i = 1; i <= 10; ++i) p.send(session::MouseMoveEvent{400.f + 20 * i, 400.f + 5 * i});
  p.send(session::MouseButtonEvent{1, false, 600, 450, 1});
  EXPECT_EQ(p.state.briefing.current, 0);  // drawing is not a click to the next slide
  ASSERT_EQ(p.state.briefing.drafts.size(), 1u);
  EXPECT_GE(p.state.briefing.drafts[0].points.size(), 5u);
  const auto& first = p.state.briefing.drafts[0].points.front();
  const auto expected = p.session.toLonLat(render::screenToMap(p.state.view, 1920, 1080, {400, 400}));
  EXPECT_NEAR(first.lon, expected.lon, 1e-9);
  EXPECT_NEAR(first.lat, expected.lat, 1e-9);
  // The marks are drawn in the frame, above the options.
  const auto frame = p.session.snapshot(p.state, 1920, 1080, 1.f);
  ASSERT_FALSE(frame.layers.empty());
  EXPECT_EQ(frame.layers.back().id.rfind("annotations/", 0), 0u);

  p.press(session::Key::A);
  p.send(session::MouseButtonEvent{1, true, 900, 300, 1});
  for (int i = 1; i <= 5; ++i) p.send(session::MouseMoveEvent{900.f + 30 * i, 300.f + 30 * i});
  p.send(session::MouseButtonEvent{1, false, 1050, 450, 1});
  ASSERT_EQ(p.state.briefing.drafts.size(), 2u);
  EXPECT_EQ(p.state.briefing.drafts[1].kind, briefing::Annotation::Kind::Arrow);
  EXPECT_EQ(p.state.briefing.drafts[1].points.size(), 2u);

  p.press(session::Key::K);  // keep both in the slide
  EXPECT_TRUE(p.state.briefing.drafts.empty());
  EXPECT_EQ(p.state.briefing.doc.slides[0].annotations.size(), 2u);
  EXPECT_TRUE(p.state.briefing.dirty);
  p.press(session::Key::Escape);  // puts the pen down, still presenting
  EXPECT_EQ(p.state.briefing.tool, BriefingState::Tool::None);
  EXPECT_TRUE(p.state.briefing.presenting);

  // Drafts on another slide vanish when the slide changes; kept marks come back with their slide.
  p.press(session::Key::D);
  p.send(session::MouseButtonEvent{1, true, 100, 100, 1});
  p.send(session::MouseMoveEvent{300, 300});
  p.send(session::MouseButtonEvent{1, false, 300, 300, 1});
  p.press(session::Key::X);  // clears the draft only
  EXPECT_TRUE(p.state.briefing.drafts.empty());
  EXPECT_EQ(p.state.briefing.doc.slides[0].annotations.size(), 2u);
  p.press(session::Key::X);  // then the kept marks
  EXPECT_TRUE(p.state.briefing.doc.slides[0].annotations.empty());
}

TEST(BriefingEditing, SlidesFromTheViewAndReordering) {
  Presenter p;
  p.app.apply(action::StopPresentation{});
  const int count = static_cast<int>(p.state.briefing.doc.slides.size());
  // Frame something else, switch an option on, and add it as a slide after the first.
  p.app.apply(action::GoToSlide{0, false});
  p.app.apply(action::ZoomAt{2.0, 960, 540});
  p.app.apply(action::SetOptionVisible{"black_sea", true});
  p.app.apply(action::SetOptionParameter{"buffer_zone", "width_km", 35});
  const render::View framed = p.state.view;
  p.app.apply(action::AddSlideFromView{});
  ASSERT_EQ(static_cast<int>(p.state.briefing.doc.slides.size()), count + 1);
  EXPECT_EQ(p.state.briefing.current, 1);
  const briefing::Slide added = p.state.briefing.doc.slides[1];
  EXPECT_NE(std::find(added.options.begin(), added.options.end(), "black_sea"), added.options.end());
  EXPECT_DOUBLE_EQ(added.parameters.at("buffer_zone.width_km"), 35);
  expectSameView(viewForSlide(p.session, added.view, 1920, 1080), framed, 1e-3);  // it shows what was framed

  p.app.apply(action::SetSlideText{1, "Added", "A caption", ""});
  p.app.apply(action::DuplicateSlide{1});
  EXPECT_EQ(p.state.briefing.doc.slides[2].title, "Added");
  EXPECT_EQ(p.state.briefing.current, 2);
  p.app.apply(action::MoveSlide{2, -2});
  EXPECT_EQ(p.state.briefing.doc.slides[0].title, "Added");
  EXPECT_EQ(p.state.briefing.current, 0);
  p.app.apply(action::DeleteSlide{0});  // the duplicate
  p.app.apply(action::DeleteSlide{1});  // the added slide, now after the first
  EXPECT_EQ(static_cast<int>(p.state.briefing.doc.slides.size()), count);
  EXPECT_EQ(p.state.briefing.doc.slides[0].title, "The three-tier plan");
  EXPECT_TRUE(p.state.briefing.dirty);

  // Save, reopen: the same slides.
  const auto path = std::filesystem::temp_directory_path() / ("briefmap-edit-" + std::to_string(::getpid()) + ".json");
  p.app.apply(action::SaveBriefing{path.string()});
  EXPECT_FALSE(p.state.briefing.dirty);
  EXPECT_EQ(briefing::toJson(briefing::loadBriefing(path).briefing), briefing::toJson(p.state.briefing.doc));
  std::filesystem::remove(path);
}

TEST(BriefingEditing, ABriefingWithMissingThingsOpensWithWarnings) {
  const auto path = std::filesystem::temp_directory_path() / ("briefmap-missing-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << R"({"title": "Missing things", "slides": [
      {"title": "One", "options": ["buffer_zone", "no_such_option"], "layers": {"roads": true},
       "parameters": {"buffer_zone.width_km": 500}},
      {"title": "Two", "options": ["black_sea"], "view": {"centre": [31, 44], "extent_km": [1500, 900]}}]})";
  Presenter p(path);
  std::string warnings;
  for (const auto& m : p.state.messages)
    if (m.level == MessageLevel::Warning) warnings += m.text + "\n";
  EXPECT_NE(warnings.find("no option 'no_such_option'"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("no layer 'roads'"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("buffer_zone.width_km = 500 is outside"), std::string::npos) << warnings;
  // Everything else works: the known option is on, the value clamped, the next slide reachable.
  EXPECT_EQ(p.visibleOptions(), std::vector<std::string>{"buffer_zone"});
  EXPECT_DOUBLE_EQ(p.state.findOption("buffer_zone")->parameters.at("width_km"), 100);
  p.press(session::Key::PageDown);
  p.wait(1);
  EXPECT_EQ(p.visibleOptions(), std::vector<std::string>{"black_sea"});

  // Opening a broken file keeps the briefing that was open.
  std::ofstream(path) << "{\"slides\": [ {\"title\": ";
  p.app.apply(action::OpenBriefing{path.string()});
  EXPECT_EQ(p.state.briefing.doc.title, "Missing things");
  EXPECT_EQ(p.state.messages.back().level, MessageLevel::Error);
  EXPECT_NE(p.state.messages.back().text.find("not valid JSON"), std::string::npos);
  std::filesystem::remove(path);
}

// The presenter window's pictures: another slide's model, landed and framed for the picture, with the show
// itself untouched. From slide 4 (buffer zone 20 km) the next slide is the same zone at 50 km: its picture
// must say that the zone is drawn with the geometry prepared for 20 km until slide 5 is shown.
TEST(BriefingNavigation, SlideModelShowsAnotherSlideWithoutTouchingTheShow) {
  Presenter p;
  p.app.apply(action::GoToSlide{3, false});
  AppState before = p.state;
  ASSERT_EQ(p.state.briefing.current, 3);
  ASSERT_DOUBLE_EQ(p.state.findOption("buffer_zone")->parameters.at("width_km"), 20);
  SlideModel next = slideModel(p.state, p.session, 4, 480, 270);
  const briefing::Slide& slide = p.state.briefing.doc.slides[4];
  EXPECT_EQ(next.state.briefing.current, 4);
  EXPECT_EQ(next.state.viewportW, 480);
  EXPECT_EQ(next.state.viewportH, 270);
  EXPECT_FALSE(next.state.briefing.transition.active);
  expectSameView(next.state.view, viewForSlide(p.session, slide.view, 480, 270));
  expectFramedAsDefined(next.state, slide.view);
  std::vector<std::string> visible;
  for (const auto& o : next.state.options)
    if (o.visible) visible.push_back(o.id);
  EXPECT_EQ(sorted(visible), sorted(slide.options));
  EXPECT_DOUBLE_EQ(next.state.findOption("buffer_zone")->parameters.at("width_km"), 50);
  ASSERT_EQ(next.drawnWithOtherParameters.size(), 1u);
  EXPECT_EQ(next.drawnWithOtherParameters[0], p.state.findOption("buffer_zone")->title);
  // The show goes on as it was.
  EXPECT_EQ(p.state.briefing.current, before.briefing.current);
  EXPECT_EQ(p.state.viewportW, 1920);
  EXPECT_DOUBLE_EQ(p.state.findOption("buffer_zone")->parameters.at("width_km"), 20);
  EXPECT_EQ(p.state.findOption("buffer_zone")->revision, before.findOption("buffer_zone")->revision);
  expectSameView(p.state.view, before.view);
  // The slide shown, pictured: nothing drawn with other parameters; a slide past the end: the state as it was.
  EXPECT_TRUE(slideModel(p.state, p.session, 3, 480, 270).drawnWithOtherParameters.empty());
  const SlideModel none = slideModel(p.state, p.session, 8, 480, 270);
  EXPECT_EQ(none.state.briefing.current, 3);
  expectSameView(none.state.view, before.view);
}

// P opens and closes the presenter view; a show on two displays opens it, and closing its window hides it
// while the show goes on.
TEST(BriefingNavigation, PresenterViewIsToggledByPAndSetByTheWindow) {
  Presenter p;
  EXPECT_FALSE(p.state.briefing.showPresenterView);
  p.press(session::Key::P);
  EXPECT_TRUE(p.state.briefing.showPresenterView);
  p.press(session::Key::P);
  EXPECT_FALSE(p.state.briefing.showPresenterView);
  p.app.apply(action::SetPresenterView{true});
  EXPECT_TRUE(p.state.briefing.showPresenterView);
  p.app.apply(action::SetPresenterView{false});
  EXPECT_FALSE(p.state.briefing.showPresenterView);
  EXPECT_TRUE(p.state.briefing.presenting);
}
