// The window's layout without a window: docked panels, notices, settings, where the window opens, the keys.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "briefmap/session/app_state.hpp"
#include "briefmap/session/map_input.hpp"
#include "briefmap/session/panel_layout.hpp"
#include "briefmap/session/settings.hpp"
#include "briefmap/session/shortcuts.hpp"
#include "briefmap/session/window_placement.hpp"

using namespace briefmap::session;
namespace fs = std::filesystem;

namespace {

PanelLayoutRequest request(float w, float h, float scale, std::vector<PanelLayoutRequest::Panel> panels) {
  PanelLayoutRequest r;
  r.width = w;
  r.height = h;
  r.top = 19 * scale;
  r.bottom = 25 * scale;
  r.uiScale = scale;
  r.titleHeight = 19 * scale;
  r.panels = std::move(panels);
  return r;
}

bool overlap(const PanelRect& a, const PanelRect& b) {
  return a.x < b.x + b.w - 0.01f && b.x < a.x + a.w - 0.01f && a.y < b.y + b.h - 0.01f && b.y < a.y + a.h - 0.01f;
}

std::vector<PanelLayoutRequest::Panel> everyPanel(bool collapsed = false) {
  std::vector<PanelLayoutRequest::Panel> out;
  for (PanelId id : kAllPanels) out.push_back({id, true, collapsed});
  return out;
}

}  // namespace

// Every panel open, on a laptop and at UI scale 2, with and without the wide Sources column: no panel overlaps
// another or the map, all lie between the menu and status bars, and the map keeps a third of the width.
TEST(PanelLayout, PanelsNeverCoverTheMapOrEachOther) {
  for (float scale : {1.f, 1.25f, 2.f}) {
    for (auto [w, h] : {std::pair{1366.f, 768.f}, std::pair{1000.f, 700.f}, std::pair{1920.f, 1080.f}}) {
      for (bool sourcesOpen : {false, true}) {
        auto panels = everyPanel();
        if (!sourcesOpen) panels.back().shown = false;
        const PanelLayoutRequest r = request(w / 1, h, scale, panels);
        const PanelLayout layout = layoutPanels(r);
        SCOPED_TRACE(testing::Message() << w << "x" << h << " scale " << scale << " sources " << sourcesOpen);
        ASSERT_EQ(layout.panels.size(), sourcesOpen ? 5u : 4u);
        const PanelRect map{PanelId::Layers, layout.mapX, layout.mapY, layout.mapW, layout.mapH, false};
        EXPECT_GE(layout.mapW, w / 3);
        EXPECT_FLOAT_EQ(layout.mapY, r.top);
        EXPECT_FLOAT_EQ(layout.mapY + layout.mapH, h - r.bottom);
        for (size_t i = 0; i < layout.panels.size(); ++i) {
          const auto& p = layout.panels[i];
          EXPECT_FALSE(overlap(p, map)) << panelKey(p.id);
          EXPECT_GE(p.x, 0);
          EXPECT_LE(p.x + p.w, w + 0.01f);
          EXPECT_GE(p.y, r.top - 0.01f);
          EXPECT_LE(p.y + p.h, h - r.bottom + 0.01f) << panelKey(p.id);
          for (size_t k = i + 1; k < layout.panels.size(); ++k)
            EXPECT_FALSE(overlap(p, layout.panels[k])) << panelKey(p.id) << " and " << panelKey(layout.panels[k].id);
        }
      }
    }
  }
}

TEST(PanelLayout, CollapsedPanelsTakeTheirTitleAndHiddenColumnsTakeNoWidth) {
  auto panels = everyPanel();
  panels[0].collapsed = true;  // Layers
  PanelLayout layout = layoutPanels(request(1366, 768, 1, panels));
  ASSERT_NE(layout.find(PanelId::Layers), nullptr);
  EXPECT_FLOAT_EQ(layout.find(PanelId::Layers)->h, 19);
  EXPECT_FLOAT_EQ(layout.find(PanelId::Options)->y, 19 + 19);
  EXPECT_FLOAT_EQ(layout.find(PanelId::Options)->h, 768 - 19 - 25 - 19);
  // Nothing shown: the map takes the whole width.
  for (auto& p : panels) p.shown = false;
  layout = layoutPanels(request(1366, 768, 1, panels));
  EXPECT_TRUE(layout.panels.empty());
  EXPECT_FLOAT_EQ(layout.mapX, 0);
  EXPECT_FLOAT_EQ(layout.mapW, 1366);
}

TEST(PanelLayout, FirstStartShowsOptionsAndBriefingWithLayersCollapsedAndTabHidesAll) {
  AppState state;
  state.catalog = std::make_shared<briefmap::options::OptionCatalog>();
  EXPECT_TRUE(panelShown(state, PanelId::Options));
  EXPECT_TRUE(panelShown(state, PanelId::Layers));
  EXPECT_TRUE(state.panels.isCollapsed(PanelId::Layers));
  EXPECT_FALSE(panelShown(state, PanelId::Sources));
  EXPECT_FALSE(panelShown(state, PanelId::Inspector));  // nothing selected
  // Tab, as a user presses it over the map.
  MapInputState input;
  std::vector<Action> actions;
  mapInputToActions(KeyEvent{Key::Tab, true, false, false, false}, input, state, true, true, actions);
  ASSERT_EQ(actions.size(), 1u);
  ASSERT_TRUE(applyAction(state, actions[0]).isDone());
  for (PanelId id : kAllPanels) EXPECT_FALSE(panelShown(state, id)) << panelKey(id);
  ASSERT_TRUE(applyAction(state, action::TogglePanels{}).isDone());
  EXPECT_TRUE(panelShown(state, PanelId::Options));
  // Collapsing is the model's, so it is remembered.
  ASSERT_TRUE(applyAction(state, action::SetPanelCollapsed{PanelId::Options, true}).isDone());
  EXPECT_TRUE(state.panels.isCollapsed(PanelId::Options));
  // Asking for a panel while all are hidden brings them back.
  applyAction(state, action::TogglePanels{});
  applyAction(state, action::SetPanelShown{PanelId::Sources, true});
  EXPECT_TRUE(panelShown(state, PanelId::Sources));
}

// Messages become notices that fade on the host's clock; the log keeps them all.
TEST(Notices, FadeAfterTheirTimeAndShowAtMostThree) {
  AppState state;
  state.clockSeconds = 100;
  for (int i = 0; i < 5; ++i) state.messages.push_back({MessageLevel::Info, "message " + std::to_string(i)});
  EXPECT_TRUE(activeNotices(state).empty());  // not yet stamped: not yet shown
  stampMessages(state);
  auto notices = activeNotices(state);
  ASSERT_EQ(notices.size(), kMaxNotices);
  EXPECT_EQ(notices.back().index, 4u);  // newest last
  EXPECT_FLOAT_EQ(notices.back().opacity, 1.f);
  state.clockSeconds = 100 + kNoticeSeconds - kNoticeFadeSeconds / 2;  // fading
  notices = activeNotices(state);
  ASSERT_FALSE(notices.empty());
  EXPECT_NEAR(notices.back().opacity, 0.5f, 1e-3);
  state.messages.push_back({MessageLevel::Error, "a problem"});
  stampMessages(state);
  state.clockSeconds = 100 + kNoticeSeconds + 1;  // the info notices are gone, the error stays longer
  notices = activeNotices(state);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(state.messages[notices[0].index].text, "a problem");
  EXPECT_EQ(state.messages.size(), 6u);  // the log still has every message
  applyAction(state, action::ClearMessages{});
  EXPECT_TRUE(state.messages.empty());
}

// ---------------------------------------------------------------------------------------------------
// Settings: always in a temporary XDG folder, never the real home.

namespace {

struct TempConfigHome {
  fs::path dir = fs::temp_directory_path() / ("briefmap-settings-" + std::to_string(::getpid()));
  std::string before;
  bool had = false;
  TempConfigHome() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    if (const char* v = std::getenv("XDG_CONFIG_HOME")) had = true, before = v;
    ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  }
  ~TempConfigHome() {
    if (had) ::setenv("XDG_CONFIG_HOME", before.c_str(), 1);
    else ::unsetenv("XDG_CONFIG_HOME");
    fs::remove_all(dir);
  }
};

}  // namespace

TEST(Settings, LiveInTheXdgConfigFolderAndRoundTrip) {
  TempConfigHome home;
  const fs::path file = settingsFile();
  EXPECT_EQ(file, home.dir / "briefmap" / "settings.json");
  EXPECT_TRUE(loadSettings(file).warning.empty());  // first start: no file, no warning

  AppState state;
  state.showLayersPanel = false;
  state.sources.showPanel = true;
  state.panels.collapsed = {PanelId::Options, PanelId::Briefing};
  state.panels.hidden = true;
  rememberRecent(state.recent.briefings, "/data/a.json");
  rememberRecent(state.recent.briefings, "/data/b.json");
  rememberRecent(state.recent.briefings, "/data/a.json");  // again: moves to the front, once
  rememberRecent(state.recent.files, "/data/zones.gpkg");
  state.recent.exportFolder = "/data/exports";
  state.uiScale = 2;
  Settings settings;
  captureSettings(state, settings);
  settings.window = WindowPlacement{40, 30, 1200, 700, false};
  saveSettings(file, settings);  // creates the folder

  const LoadedSettings loaded = loadSettings(file);
  ASSERT_TRUE(loaded.warning.empty()) << loaded.warning;
  AppState restored;
  applySettings(loaded.settings, restored);
  EXPECT_FALSE(restored.showLayersPanel);
  EXPECT_TRUE(restored.sources.showPanel);
  EXPECT_TRUE(restored.panels.hidden);
  EXPECT_EQ(restored.panels.collapsed, (std::set<PanelId>{PanelId::Options, PanelId::Briefing}));
  EXPECT_EQ(restored.recent.briefings, (std::vector<std::string>{"/data/a.json", "/data/b.json"}));
  EXPECT_EQ(restored.recent.files, std::vector<std::string>{"/data/zones.gpkg"});
  EXPECT_EQ(restored.recent.exportFolder, "/data/exports");
  EXPECT_FLOAT_EQ(restored.uiScale, 2);
  ASSERT_TRUE(loaded.settings.window);
  EXPECT_EQ(loaded.settings.window->x, 40);
  EXPECT_EQ(loaded.settings.window->width, 1200);
  // Written atomically: no temporary left beside it.
  for (const auto& e : fs::directory_iterator(file.parent_path())) EXPECT_EQ(e.path().filename(), "settings.json");
}

TEST(Settings, ACorruptFileIsAWarningAndTheDefaults) {
  TempConfigHome home;
  const fs::path file = settingsFile();
  fs::create_directories(file.parent_path());
  for (const char* text : {"{ not json", "[1, 2]", "{\"panels\": {\"layers\": \"yes\"}}", "\xff\xfe garbage"}) {
    std::ofstream(file, std::ios::binary) << text;
    const LoadedSettings loaded = loadSettings(file);
    EXPECT_NE(loaded.warning.find(file.string()), std::string::npos) << text << ": " << loaded.warning;
    EXPECT_TRUE(loaded.settings.showLayers) << text;  // the defaults
    EXPECT_FALSE(loaded.settings.window) << text;
  }
}

TEST(Settings, RelativeXdgConfigHomeFallsBackToHome) {
  TempConfigHome home;
  ::setenv("XDG_CONFIG_HOME", "relative/config", 1);
  const char* h = std::getenv("HOME");
  if (!h || h[0] != '/') GTEST_SKIP() << "no absolute HOME";
  EXPECT_EQ(settingsFile(), fs::path(h) / ".config" / "briefmap" / "settings.json");
}

// The window fits the display: a 1366×768 laptop gets a window whose menu and status bars are on screen.
TEST(WindowPlacement, FitsTheUsableAreaOfTheDisplay) {
  const ScreenRect laptop{0, 0, 1366, 768};
  WindowPlacement p = fitWindow(std::nullopt, 1600, 960, laptop);
  EXPECT_LE(p.width, 1366);
  EXPECT_LE(p.height + kTitleBarAllowance, 768);
  EXPECT_GE(p.x, 0);
  EXPECT_GE(p.y, 0);
  EXPECT_LE(p.y + p.height, 768);
  EXPECT_LE(p.x + p.width, 1366);
  // A big display keeps the preferred size.
  p = fitWindow(std::nullopt, 1600, 960, {0, 0, 3840, 2160});
  EXPECT_EQ(p.width, 1600);
  EXPECT_EQ(p.height, 960);
  // The remembered place is used when it fits, moved when the display shrank (a laptop off its dock).
  const WindowPlacement remembered{100, 80, 1000, 600, false};
  p = fitWindow(remembered, 1600, 960, laptop);
  EXPECT_EQ(p.x, 100);
  EXPECT_EQ(p.y, 80);
  EXPECT_EQ(p.width, 1000);
  p = fitWindow(WindowPlacement{2500, 1200, 1800, 1000, false}, 1600, 960, laptop);
  EXPECT_LE(p.x + p.width, 1366);
  EXPECT_LE(p.y + p.height, 768);
  EXPECT_GE(p.x, 0);
}

// The README's table of keys holds every shortcut Help → Keyboard shortcuts shows, row for row.
TEST(Shortcuts, TheReadmeListsEveryShortcutHelpShows) {
  std::ifstream in(std::string(BRIEFMAP_SOURCE_DIR) + "/README.md");
  std::stringstream readme;
  readme << in.rdbuf();
  const std::string text = readme.str();
  ASSERT_FALSE(text.empty());
  for (const auto& k : shortcuts()) {
    const std::string row = std::string("| ") + k.context + " | `" + k.keys + "` | " + k.what + " |";
    EXPECT_NE(text.find(row), std::string::npos) << "README.md lacks the row\n" << row;
  }
}

// --presenter-display: by default the first display the show is not on; none on one display, on the show's own
// display or on one that does not exist (P then opens a window); 0 on the command line (-2) for none at the start.
TEST(WindowPlacement, PresenterViewGoesToTheDisplayTheShowIsNotOn) {
  EXPECT_EQ(presenterDisplayFor(-1, 0, 1), -1);
  EXPECT_EQ(presenterDisplayFor(-1, 0, 2), 1);
  EXPECT_EQ(presenterDisplayFor(-1, 1, 2), 0);
  EXPECT_EQ(presenterDisplayFor(-1, 2, 3), 0);
  EXPECT_EQ(presenterDisplayFor(2, 0, 3), 2);
  EXPECT_EQ(presenterDisplayFor(0, 0, 2), -1);  // the show's own display
  EXPECT_EQ(presenterDisplayFor(3, 0, 2), -1);  // no such display
  EXPECT_EQ(presenterDisplayFor(-2, 0, 2), -1);
}
