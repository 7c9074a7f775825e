#include "briefmap/ui/application.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/basemap.hpp"
#include "briefmap/platform/window.hpp"
#include "briefmap/render/png_writer.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/frame_builder.hpp"
#include "briefmap/session/session.hpp"
#include "briefmap/ui/export_dialog.hpp"
#include "briefmap/session/map_input.hpp"
#include "briefmap/ui/presentation.hpp"
#include "briefmap/ui/presenter_view.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/settings.hpp"
#include "briefmap/ui/panels.hpp"
#include "briefmap/data/resources.hpp"
#include "imgui.h"

namespace briefmap::ui {
namespace {

// $XDG_STATE_HOME/briefmap/recent-workspaces (XDG Base Directory: state that outlives a session but is no
// setting); relative values are ignored as the specification says.
std::filesystem::path recentWorkspacesFile() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state && state[0] == '/') return std::filesystem::path(state) / "briefmap" / "recent-workspaces";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::filesystem::path(home) / ".local" / "state" / "briefmap" / "recent-workspaces";
  return {};
}


using Clock = std::chrono::steady_clock;

// Writes what the window shows (map and panels) to a PNG, for smoke tests and screenshots.
void saveWindowScreenshot(platform::Window& window, const std::string& path) {
  const auto pixels = window.readBackBuffer();
  render::writePng(path, pixels.data(), window.drawableWidth(), window.drawableHeight(), /*flipRows=*/true);
}

// File → Export snapshot: starts the job the dialog asked for, renders one tile a frame, reports the end.
// True while the dialog needs another frame: the job runs, or it ended after this frame's dialog was drawn
// (which still showed the bar at its last step; without the frame it stayed so until the mouse moved).
// `wake` ends the window's wait for events when the job's worker finishes.
bool runExportStep(ExportDialogState& dialog, std::unique_ptr<SnapshotJob>& job, render::Renderer& renderer,
                   const MapSession& session, AppState& state, const std::function<void()>& wake) {
  if (!job && dialog.requested) {
    job = std::make_unique<SnapshotJob>(renderer, session, state, *dialog.requested, wake);
    dialog.requested.reset();
    dialog.lastResult.clear();
  }
  if (!job) return false;
  job->step();
  dialog.running = !job->finished();
  dialog.progress = job->progress();
  if (!job->finished()) return true;
  const std::string error = job->error();
  dialog.lastFailed = !error.empty();
  std::error_code absoluteError;
  dialog.lastResult =
      error.empty() ? "Wrote " + std::filesystem::absolute(job->request().out, absoluteError).string() : error;
  state.messages.push_back({error.empty() ? MessageLevel::Info : MessageLevel::Error, dialog.lastResult});
  if (error.empty()) {
    std::error_code ec;
    state.recent.exportFolder = std::filesystem::absolute(job->request().out, ec).parent_path().string();
  }
  job.reset();
  return true;
}

// The window's layout as the user sees it, for smoke tests: window and display in screen coordinates, bars,
// map and panels in UI pixels (ImGui's window coordinates, the same as screen coordinates at pixel ratio 1).
// What the presenter window showed in its last frame, for the layout dump.
struct PresenterDrawn {
  bool open = false;
  session::ScreenRect rect;
  int display = -1;
  PresenterLayout layout;
  int currentSlide = -1, nextSlide = -1, pictureRenders = 0;
};

void writeLayoutDump(const std::string& path, const platform::Window& window, const AppState& state, float top,
                     float bottom, const PresenterDrawn& presenter) {
  const auto rect = [](float x, float y, float w, float h) { return nlohmann::json{{"x", x}, {"y", y}, {"w", w}, {"h", h}}; };
  const ImGuiIO& io = ImGui::GetIO();
  const auto place = window.placement();
  const auto usable = window.usableDisplayBounds();
  const PanelLayout& layout = currentPanelLayout();
  nlohmann::json j;
  j["window"] = {{"x", place.x}, {"y", place.y}, {"w", window.width()}, {"h", window.height()}};
  j["display_usable"] = {{"x", usable.x}, {"y", usable.y}, {"w", usable.w}, {"h", usable.h}};
  j["ui_scale"] = state.uiScale;
  j["ui_size"] = {{"w", io.DisplaySize.x}, {"h", io.DisplaySize.y}};
  j["menu_bar"] = rect(0, 0, io.DisplaySize.x, top);
  j["status_bar"] = rect(0, io.DisplaySize.y - bottom, io.DisplaySize.x, bottom);
  j["map"] = rect(layout.mapX, layout.mapY, layout.mapW, layout.mapH);
  j["panels"] = nlohmann::json::array();
  for (const auto& p : layout.panels) {
    auto r = rect(p.x, p.y, p.w, p.h);
    r["id"] = panelKey(p.id);
    r["collapsed"] = p.collapsed;
    j["panels"].push_back(r);
  }
  j["floating"] = nlohmann::json::array();  // notices, dialogs: over the map, recorded for label placement
  for (const auto& r : panelRects()) j["floating"].push_back(rect(r[0], r[1], r[2] - r[0], r[3] - r[1]));
  if (const ExportDialogDrawn& d = lastExportDialogDrawn(); d.shown) {
    j["export_dialog"] = {{"window", rect(d.window[0], d.window[1], d.window[2], d.window[3])},
                          {"button", rect(d.button[0], d.button[1], d.button[2], d.button[3])},
                          {"options", rect(d.options[0], d.options[1], d.options[2], d.options[3])},
                          {"choose", rect(d.choose[0], d.choose[1], d.choose[2], d.choose[3])},
                          {"items", [&] {
                             auto items = nlohmann::json::array();
                             for (const auto& i : d.items) items.push_back(rect(i[0], i[1], i[2], i[3]));
                             return items;
                           }()},
                          {"progress", d.progress},
                          {"result", d.result}};
  }
  j["displays"] = window.displayCount();
  j["display"] = window.displayIndex();
  j["presenter"] = {{"open", presenter.open}, {"display", presenter.display}};
  if (presenter.open) {
    const PresenterLayout& p = presenter.layout;
    j["presenter"]["window"] = {{"x", presenter.rect.x}, {"y", presenter.rect.y}, {"w", presenter.rect.w}, {"h", presenter.rect.h}};
    j["presenter"]["current_picture"] = rect(p.currentX, p.currentY, p.currentW, p.currentH);
    j["presenter"]["next_picture"] = rect(p.nextX, p.nextY, p.nextW, p.nextH);
    j["presenter"]["current_slide"] = presenter.currentSlide;
    j["presenter"]["next_slide"] = presenter.nextSlide;
    j["presenter"]["picture_renders"] = presenter.pictureRenders;
  }
  j["notices"] = activeNotices(state).size();
  j["messages"] = state.messages.size();
  std::ofstream(path) << j.dump(2) << "\n";
}

// The map's view as the window ends, for smoke tests: the extent shown (km of the map projection) and, while a
// slide is current, the extent the slide defines.
void writeViewDump(const std::string& path, const AppState& state, const MapSession& maps) {
  nlohmann::json j;
  const geo::LonLat centre = maps.toLonLat(state.view.centre);
  j["presenting"] = state.briefing.presenting;
  j["viewport"] = {{"w", state.viewportW}, {"h", state.viewportH}};
  j["view"] = {{"centre_lon", centre.lon},
               {"centre_lat", centre.lat},
               {"metres_per_pixel", state.view.metresPerPixel},
               {"width_km", state.view.metresPerPixel * state.viewportW / 1000},
               {"height_km", state.view.metresPerPixel * state.viewportH / 1000}};
  if (const briefing::Slide* slide = state.briefing.currentSlide())
    j["slide"] = {{"index", state.briefing.current},
                  {"title", slide->title},
                  {"centre_lon", slide->view.centre.lon},
                  {"centre_lat", slide->view.centre.lat},
                  {"width_km", slide->view.widthKm},
                  {"height_km", slide->view.heightKm}};
  // What the inspector shows and whether the map highlights it, and where the named points of the options drawn
  // lie (map-area pixels): a smoke test clicks a marker where a user sees it.
  if (state.selection)
    j["selection"] = {{"option", state.selection->optionId},
                      {"layer", state.selection->layerId},
                      {"name", state.selection->feature.properties.value("name", std::string())},
                      {"highlighted", !state.selectionDraws.empty()}};
  j["option_points"] = nlohmann::json::array();
  for (const auto& option : state.options) {
    if (!option.visible) continue;
    for (const auto& layer : option.layers) {
      if (!layer.visible || !layer.resolved) continue;
      for (const data::Layer* part : {&layer.resolved->stated, &layer.resolved->inferred})
        for (const auto& feature : part->features) {
          if (feature.geometry.points.empty()) continue;
          const geo::ScreenPx at = render::mapToScreen(state.view, state.viewportW, state.viewportH,
                                                       maps.projection().forward(feature.geometry.points.front()));
          if (at.x < 0 || at.y < 0 || at.x >= state.viewportW || at.y >= state.viewportH) continue;
          j["option_points"].push_back({{"option", option.id},
                                        {"layer", layer.id},
                                        {"name", feature.properties.value("name", std::string())},
                                        {"x", at.x},
                                        {"y", at.y}});
        }
    }
  }
  data::writeFileAtomically(path, j.dump(2) + "\n");
}

// Key names for scripted runs (--key), as a clicker or keyboard would send them.
std::optional<session::Key> keyNamed(const std::string& name) {
  using session::Key;
  static const std::pair<const char*, Key> kKeys[] = {
      {"PageDown", Key::PageDown}, {"PageUp", Key::PageUp}, {"Right", Key::Right}, {"Left", Key::Left},
      {"Space", Key::Space},       {"B", Key::B},           {"Escape", Key::Escape}, {"F5", Key::F5},
      {"Home", Key::Home},         {"End", Key::End},       {"C", Key::C},         {"Period", Key::Period},
      {"Plus", Key::Plus},         {"Minus", Key::Minus},   {"Tab", Key::Tab},     {"M", Key::M},
      {"L", Key::L},               {"F", Key::F},           {"G", Key::G},       {"P", Key::P}};
  for (const auto& [n, k] : kKeys)
    if (name == n) return k;
  return std::nullopt;
}

}  // namespace

int runApplication(const ApplicationOptions& options) {
  // Settings from the last run; a file that cannot be used is a warning shown once the window is up.
  const std::filesystem::path settingsPath = session::settingsFile();
  session::LoadedSettings loaded = session::loadSettings(settingsPath);
  session::Settings settings = loaded.settings;
  platform::WindowOptions windowOptions;
  windowOptions.width = options.width;
  windowOptions.height = options.height;
  windowOptions.exactSize = options.exactWindowSize;
  if (!options.exactWindowSize) windowOptions.remembered = settings.window;
  // A scale given on the command line is for this run; one chosen in View → UI scale is remembered.
  windowOptions.uiScale = options.uiScale > 0 ? options.uiScale : settings.uiScale;
  windowOptions.uiFontFile = data::findAssetFile("fonts/DejaVuSans.ttf").string();
  platform::Window window(windowOptions);
  if (options.fullscreen) window.setFullscreen(true);

  render::Renderer renderer;
  render::WindowTarget target;
  Session session(data::findGeodataDir());
  AppState& state = session.model();
  MapSession& maps = session.maps();
  maps.setLayerCache(std::make_shared<data::ContentCache>(data::CacheSettings::fromEnvironment()));
  state.crs = maps.projection().crs();
  state.layers = defaultBasemapLayers();
  session::applySettings(settings, state);
  state.uiScale = window.uiScale();
  if (!loaded.warning.empty()) state.messages.push_back({MessageLevel::Warning, loaded.warning});
  if (!options.crs.empty()) session.apply(action::SetCrs{options.crs});
  maps.loadBasemap();
  maps.loadOptions();
  session.setRecentWorkspacesFile(recentWorkspacesFile());
  if (!options.workspace.empty()) session.apply(action::OpenWorkspace{options.workspace});
  if (!options.files.empty()) session.apply(action::OpenFiles{options.files, options.readOptions});
  bool briefingStarted = options.briefing.empty();

  MapInputState input;
  PresentationInput presentationInput;
  MapSession::Hover hover;  // the hover tooltip, described again when the cursor, the view or the options change
  BriefingPanelState briefingPanel;
  for (int i = 0; i < window.displayCount(); ++i) briefingPanel.displays.push_back(window.displayName(i));
  briefingPanel.display = std::clamp(options.display, 0, window.displayCount() - 1);
  bool wasPresenting = false, fullscreenBefore = options.fullscreen;
  PresenterPictures presenterPictures;
  PresenterDrawn presenterDrawn;
  std::vector<Action> presenterActions;  // the presenter window's buttons, applied with the next frame's actions
  std::string presenterTitle;
  bool presenterWindowFailed = false;    // no second window: the presenter view is a panel over the show
  const auto startTime = Clock::now();
  size_t keysSent = 0;
  FileDialogState fileDialog;
  PlaceSearchPanelState placeSearchPanel;
  ExportDialogState exportDialog;
  if (!options.exportDialog.empty()) {
    exportDialog.open = true;
    exportDialog.extent = options.exportDialog == "framed" ? ExportExtent::FramedArea : ExportExtent::Window;
  }
  // Scripted drags (--drag): press, two moves and release, one event a frame, in window pixels.
  std::vector<session::InputEvent> dragEvents;
  for (const auto& d : options.drags) {
    const float x0 = static_cast<float>(d[0]), y0 = static_cast<float>(d[1]);
    const float x1 = static_cast<float>(d[2]), y1 = static_cast<float>(d[3]);
    dragEvents.emplace_back(session::MouseButtonEvent{1, true, x0, y0, 1});
    dragEvents.emplace_back(session::MouseMoveEvent{(x0 + x1) / 2, (y0 + y1) / 2});
    dragEvents.emplace_back(session::MouseMoveEvent{x1, y1});
    dragEvents.emplace_back(session::MouseButtonEvent{1, false, x1, y1, 1});
  }
  size_t dragEventsSent = 0;
  std::unique_ptr<SnapshotJob> exportJob;
  SourcesPanelState sourcesPanel;
  std::snprintf(sourcesPanel.folder.data(), sourcesPanel.folder.size(), "%s",
                (options.sources.empty() ? (data::findGeodataDir() / "sources").string() : options.sources).c_str());
  if (!options.sources.empty()) session.apply(action::OpenSourcesFolder{options.sources});
  bool homeDone = false;
  bool findDone = options.find.empty();
  bool exportDialogWasOpen = false;
  bool exportPressed = options.exportTo.empty();
  bool startPresetApplied = false;
  bool redrawNeeded = true;  // ImGui needs a second frame to settle after input
  int frames = 0;
  int idleFrames = 0;
  bool clicked = false;
  float frameMs = 0;
  std::vector<Action> actions;

  while (!state.quitRequested) {
    // Idle costs nothing: block on events unless background work, an animation or a pending frame needs us. Automated
    // runs (smoke tests, screenshots) wait like a person's while background work runs: drawing frames without pause
    // took the cores the work needed (two sanitizer builds side by side took 31 s each to their screenshot, 12 s now).
    const bool busy = maps.busy();
    const bool automated = options.quitAfterFrames > 0;
    const bool animating = state.briefing.transition.active;
    // Notices fade: a frame every 50 ms while one shows.
    auto events = window.pollEvents(animating ? 0 : busy ? 15 : automated ? 0 : activeNotices(state).empty() ? 1000 : 50);
    const bool presenting = state.briefing.presenting;
    // The clock and the laser need frames while presenting; a still map does not.
    const bool liveOverlay =
        presenting && (state.briefing.showPresenterInfo || state.briefing.showPresenterView || presentationInput.laser());
    if (events.empty() && homeDone && !busy && !automated && !redrawNeeded && !animating && !liveOverlay &&
        activeNotices(state).empty())
      continue;
    redrawNeeded = false;
    state.clockSeconds = std::chrono::duration<double>(Clock::now() - startTime).count();

    window.beginImGuiFrame();
    // A dialog over the map defers the notices: one drawn over it would hide its fields (the export dialog
    // reports its own result), and a message posted meanwhile starts its notice when the dialog closes.
    const bool dialogOpen = exportDialog.open || fileDialog.open;
    if (!dialogOpen) stampMessages(state);
    // Presenting: the map takes the whole screen; no menu, panels or status bar.
    const float top = presenting ? 0.f : menuBarHeight(), bottom = presenting ? 0.f : statusBarHeight();
    const int fbW = window.drawableWidth(), fbH = window.drawableHeight();
    const float toPhysical = window.pixelRatio();
    // Docked panels at the sides; the map gets the rectangle between them, so none covers it or its legend.
    {
      PanelLayoutRequest request;
      request.width = fbW / toPhysical;
      request.height = fbH / toPhysical;
      request.top = top;
      request.bottom = bottom;
      request.uiScale = state.uiScale;
      request.titleHeight = ImGui::GetFrameHeight();
      if (!presenting)
        for (PanelId id : kAllPanels) request.panels.push_back({id, panelShown(state, id), state.panels.isCollapsed(id)});
      currentPanelLayout() = layoutPanels(request);
    }
    const PanelLayout& layout = currentPanelLayout();
    const int mapLeft = static_cast<int>(std::lround(layout.mapX * toPhysical));
    // Map text and lines follow the UI scale too: a presenter who enlarges the panels wants a legible map.
    const float mapPixelRatio = presenting ? presentationPixelRatio(state, fbH, toPhysical * state.uiScale)
                                           : toPhysical * state.uiScale;
    const int mapTop = static_cast<int>(std::lround(top * toPhysical));
    const int mapBottom = static_cast<int>(std::lround(bottom * toPhysical));
    state.viewportW = std::max(1, std::min(fbW - mapLeft, static_cast<int>(std::lround(layout.mapW * toPhysical))));
    state.viewportH = std::max(1, fbH - mapTop - mapBottom);
    state.pixelRatio = toPhysical * state.uiScale;
    if (!homeDone) {
      state.view = maps.homeView(state.viewportW, state.viewportH);
      homeDone = true;
    }
    // F5 shows the slide before the window has gone full screen; frame it again once the map has its size.
    if (session::reframeSlideForViewport(state, maps)) redrawNeeded = true;

    actions.clear();
    actions.insert(actions.end(), presenterActions.begin(), presenterActions.end());
    presenterActions.clear();
    if (window.takePresenterCloseRequest()) actions.emplace_back(action::SetPresenterView{false});  // the show goes on
    if (!briefingStarted && state.catalog) {
      // Open the briefing once the options exist, so its first slide shows them.
      session.apply(action::OpenBriefing{options.briefing});
      if (options.present) session.apply(action::StartPresentation{options.startSlide});
      briefingStarted = true;
      startPresetApplied = true;  // the briefing decides what is visible
    }
    if (!exportPressed && exportDialog.open && state.catalog && !busy && keysSent >= options.keys.size()) {
      // Scripted Export press (--export-to): the dialog's own request, as the button would make it.
      const std::filesystem::path to = options.exportTo;
      exportDialog.folder = to.parent_path().string();
      exportDialog.file = to.filename().string();
      std::string error;
      exportDialog.requested = exportRequestFrom(exportDialog, state, error);
      if (!error.empty()) state.messages.push_back({MessageLevel::Error, "--export-to: " + error});
      exportPressed = true;
    }
    if (!findDone && state.catalog && !busy) {
      session.apply(action::OpenPlaceSearch{});
      session.apply(action::SearchPlaces{options.find});
      findDone = true;
    }
    if (briefingStarted && state.catalog && !busy && !state.briefing.transition.active && keysSent < options.keys.size()) {
      // Scripted key presses, one per frame once the last key's flight has landed, as a presenter would press them.
      // "Ctrl+F" holds Ctrl with the key.
      const std::string& name = options.keys[keysSent];
      const bool ctrl = name.rfind("Ctrl+", 0) == 0;
      // The window manager's close of the presenter window, as SDL reports it.
      if (name == "ClosePresenter") window.requestPresenterClose();
      else if (auto key = keyNamed(ctrl ? name.substr(5) : name))
        events.emplace_back(std::in_place_type<session::KeyEvent>, *key, true, ctrl, false, false);
      ++keysSent;
      idleFrames = 0;
    } else if (briefingStarted && state.catalog && !busy && dragEventsSent < dragEvents.size()) {
      events.push_back(dragEvents[dragEventsSent++]);
      idleFrames = 0;
    }
    const auto toLonLat = [&](geo::MapXY p) { return maps.toLonLat(p); };
    for (const auto& e : events) {
      session::InputEvent local = e;
      if (presenting) {
        presentationInputToActions(local, presentationInput, state, toLonLat, actions);
        continue;
      }
      // Map input works in map-area pixels.
      if (auto* m = std::get_if<session::MouseMoveEvent>(&local)) m->x -= mapLeft, m->y -= mapTop;
      if (auto* b = std::get_if<session::MouseButtonEvent>(&local)) b->x -= mapLeft, b->y -= mapTop;
      if (auto* w = std::get_if<session::MouseWheelEvent>(&local)) w->x -= mapLeft, w->y -= mapTop;
      if (exportFrameShown(exportDialog)) {
        // The export frame first: a drag that grabs it must not also pan the map.
        const FrameInput used = exportFrameInput(local, exportDialog.frame, state, exportFrameAspect(exportDialog, state),
                                                 !window.imguiWantsMouse(), !window.imguiWantsKeyboard(), actions);
        if (used == FrameInput::Dismiss) exportDialog.open = false;
        if (auto* m = std::get_if<session::MouseMoveEvent>(&local); m && used != FrameInput::Ignored) {
          input.cursorX = m->x;  // the status bar still follows the cursor
          input.cursorY = m->y;
        }
        if (used != FrameInput::Ignored) continue;
      }
      if (auto* k = std::get_if<session::KeyEvent>(&local); k && !window.imguiWantsKeyboard() &&
                                                             briefingKeyToActions(*k, state, actions))
        continue;
      mapInputToActions(local, input, state, !window.imguiWantsMouse(), !window.imguiWantsKeyboard(), actions);
    }

    beginPanelFrame();
    if (!presenting) {
      drawMainMenu(state, fileDialog, actions, &exportDialog);
      drawLayersPanel(state, actions);
      drawOptionsPanel(state, actions);
      drawInspector(state, actions);
      drawBriefingPanel(state, briefingPanel, fileDialog, actions);
      drawSourcesPanel(state, sourcesPanel, fileDialog, actions);
      if (!dialogOpen) drawNotices(state, layout.mapX, layout.mapY, layout.mapW, layout.mapH);
      drawMessageLog(state, actions);
      drawShortcutsHelp(state, actions);
      drawPlaceSearch(state, placeSearchPanel, layout.mapX, layout.mapY, layout.mapW, actions);
      if (state.measure.active) {
        std::vector<geo::MapXY> measured;
        for (const auto& p : state.measure.points) measured.push_back(maps.projection().forward(p));
        drawMeasureOverlay(state, measured, 1.f / toPhysical, layout.mapX, layout.mapY);
      }
      drawFileDialog(fileDialog, actions);
      drawExportDialog(exportDialog, state, fileDialog, layout.mapX, layout.mapY, layout.mapW, layout.mapH);
      if (fileDialog.chosenFolder) {
        exportDialog.folder = *fileDialog.chosenFolder;
        fileDialog.chosenFolder.reset();
      }
    }
    StatusInfo status;
    status.cursorOnMap = input.cursorX >= 0 && input.cursorY >= 0 && input.cursorX < state.viewportW &&
                         input.cursorY < state.viewportH;
    // Hover: the feature under a still cursor, named with its option (the session picks, as a click would).
    if (!presenting && status.cursorOnMap && !input.dragging && !window.imguiWantsMouse() && !exportFrameShown(exportDialog) &&
        state.workspace.tool == WorkspaceState::Tool::None && !state.measure.active) {
      if (const auto& summary = maps.updateHover(hover, state, input.cursorX, input.cursorY))
        drawHoverTooltip(summary->name, summary->option);
    } else {
      hover = {};
    }
    if (status.cursorOnMap) {
      status.cursor = maps.toLonLat(render::screenToMap(state.view, state.viewportW, state.viewportH,
                                                           {input.cursorX, input.cursorY}));
    }
    const double groundCssPx = groundMetresPerPixel(maps.projection(), state.view) * toPhysical;
    status.scaleDenominator = groundCssPx / (0.0254 / 96.0);
    status.basemapLevel = renderer.lastStats().basemapLevel;
    status.busy = maps.busy();
    status.frameMs = frameMs;
    if (!presenting) drawStatusBar(state, status, actions);

    for (const auto& a : actions) {
      if (auto* open = std::get_if<action::OpenFiles>(&a); open && open->paths.empty()) {
        fileDialog.show(FileDialogState::Purpose::OpenVector);  // Ctrl+O
        continue;
      }
      if (std::holds_alternative<action::SaveBriefing>(a) && std::get<action::SaveBriefing>(a).path.empty() &&
          state.briefing.path.empty() && state.briefing.workspaceId.empty()) {
        fileDialog.show(FileDialogState::Purpose::SaveBriefing);  // Ctrl+S on a new briefing
        continue;
      }
      if (auto* scale = std::get_if<action::SetUiScale>(&a)) {
        window.setUiScale(scale->scale);  // the window rebuilds its fonts, within its own limits
        session.apply(action::SetUiScale{window.uiScale()});
        settings.uiScale = window.uiScale();  // chosen in the menu: remembered
        continue;
      }
      session.apply(a);
    }
    if (session.poll() || !actions.empty() || !events.empty()) redrawNeeded = true;
    if (state.briefing.presenting != wasPresenting) {
      // Full screen on the chosen display while presenting; the window comes back as it was.
      if (state.briefing.presenting) {
        fullscreenBefore = window.fullscreen();
        window.setFullscreenOn(briefingPanel.display);
        // With a second display the presenter view opens there at once; on one display P opens it.
        if (presenterDisplayFor(options.presenterDisplay, briefingPanel.display, window.displayCount()) >= 0)
          session.apply(action::SetPresenterView{true});
      } else {
        window.setFullscreen(fullscreenBefore);
        presentationInput = PresentationInput{};
      }
      wasPresenting = state.briefing.presenting;
      redrawNeeded = true;
    }
    // The presenter view is a window of its own while presenting: full screen on the other display, or a
    // movable window that P opens and closes.
    if (const bool wanted = state.briefing.presenting && state.briefing.showPresenterView && !presenterWindowFailed;
        wanted != window.presenterWindowOpen()) {
      if (wanted) {
        try {
          window.openPresenterWindow(presenterDisplayFor(options.presenterDisplay, briefingPanel.display, window.displayCount()),
                                     "briefmap — presenter view");
        } catch (const platform::PlatformError& e) {
          presenterWindowFailed = true;
          state.messages.push_back({MessageLevel::Warning, std::string(e.what()) + "; the presenter view is a panel over the show"});
        }
      } else {
        window.closePresenterWindow();
      }
      presenterTitle.clear();
      redrawNeeded = true;
    }
    if (advanceTransitions(state)) redrawNeeded = true;
    if (state.catalog && !startPresetApplied) {
      // A new window opens on the plan the documents describe: buffer zone, reassurance force, backstop.
      session.apply(action::ApplyPreset{options.preset.empty() ? "guarantee_stack" : options.preset});
      startPresetApplied = true;
    }
    maps.syncOptions(state);

    // The export dialog opens on the folder of the last export (remembered in the settings) and with the
    // current slide's title.
    if (exportDialog.open && !exportDialogWasOpen) {
      prepareExportDialog(exportDialog, state);
      redrawNeeded = true;
    } else if (exportDialog.open) {
      exportTitleFollowsSlide(exportDialog, state);
    }
    exportDialogWasOpen = exportDialog.open;
    const auto t0 = Clock::now();
    target.setArea(mapLeft, mapBottom, state.viewportW, state.viewportH);
    // Before the map: it rebinds its target. Frames keep coming while the export runs and once more after.
    const bool exportNeedsFrame =
        runExportStep(exportDialog, exportJob, renderer, maps, state, [&window] { window.wakeUp(); });
    if (exportNeedsFrame) redrawNeeded = true;
    {
      // The whole window first: the back buffer keeps an older frame's pixels (Mesa's X11 swrast reuses it),
      // and where neither the map nor a panel draws (an empty dock column while the catalogue loads) the X
      // server showed those stale pixels.
      render::WindowTarget whole;
      whole.setArea(0, 0, fbW, fbH);
      const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
      renderer.clear(whole, presenting ? render::Rgba::hex(0x000000) : render::Rgba{bg.x, bg.y, bg.z, 1.f});
    }
    // Until the basemap is in, the map is the plain sea: the options (read faster) drawn alone showed their
    // range washes and the occupied area as magenta and red blocks over an empty sea for half a second.
    const bool mapPending = !state.basemapScene && maps.busy();
    if (presenting && state.briefing.black) {
      renderer.clear(target, render::Rgba::hex(0x000000));
    } else if (mapPending) {
      renderer.clear(target, render::defaultMapStyle().sea);
    } else {
      render::FrameSnapshot frame =
          presenting ? presentationSnapshot(state, maps, state.viewportW, state.viewportH, mapPixelRatio)
                     : maps.snapshot(state, state.viewportW, state.viewportH, mapPixelRatio);
      frame.useLayerCache = true;
      frame.inMotion = state.briefing.transition.active;
      for (const auto& r : panelRects())  // ImGui window coordinates -> map-area pixels
        frame.occluded.push_back({r[0] * toPhysical - mapLeft, r[1] * toPhysical - mapTop, r[2] * toPhysical - mapLeft,
                                  r[3] * toPhysical - mapTop});
      renderer.render(frame, target);
    }
    // After the map: the frame is drawn with the view this frame shows, so it never lags behind a pan.
    if (!presenting) drawExportFrameOverlay(exportDialog, state, 1.f / toPhysical, layout.mapX, top);
    if (presenting) {
      drawPresentationOverlay(state, presentationInput, toPhysical, mapPixelRatio / toPhysical, state.clockSeconds);
      if (presenterWindowFailed) drawPresenterView(state, toPhysical, mapPixelRatio / toPhysical, state.clockSeconds);
    }
    window.endImGuiFrame();
    // Automated runs end two frames after the background work is done, so the last frame shows its results.
    idleFrames = busy || state.briefing.transition.active ? 0 : idleFrames + 1;
    const bool lastFrame = options.quitAfterFrames > 0 && frames + 1 >= options.quitAfterFrames && idleFrames >= 2 &&
                           !maps.busy() && !exportNeedsFrame && !exportDialog.requested && keysSent >= options.keys.size() &&
                           dragEventsSent >= dragEvents.size() && briefingStarted && !state.briefing.transition.active;
    frameMs = std::chrono::duration<float, std::milli>(Clock::now() - t0).count();
    ++frames;
    if (idleFrames == 1 && !clicked && state.catalog) {
      for (const auto& c : options.clicks) session.apply(action::PickAt{c[0], c[1]});
      clicked = true;
      idleFrames = 0;
    }
    if (lastFrame) {
      if (!options.screenshot.empty()) saveWindowScreenshot(window, options.screenshot);
      if (!options.layoutDump.empty()) writeLayoutDump(options.layoutDump, window, state, top, bottom, presenterDrawn);
      state.quitRequested = true;
    }
    window.swap();
    // The presenter window after the show's frame is on screen: drawing it makes the context current on it, and
    // the show's back buffer was not kept across that switch (its screenshot came out black).
    presenterDrawn.open = window.presenterWindowOpen();
    if (presenterDrawn.open) {
      // The pictures first (into their own textures, with the same renderer), then the window's ImGui frame.
      const float presenterRatio = window.presenterDrawableWidth() / std::max(1.f, static_cast<float>(window.presenterWindowRect().w));
      const PresenterLayout pl = presenterLayout(window.presenterWindowRect().w, window.presenterWindowRect().h,
                                                 static_cast<float>(state.viewportW) / std::max(1, state.viewportH), state.uiScale);
      const int pictureH = static_cast<int>(std::lround(pl.currentH * presenterRatio));
      // Type and symbols as on the wall, scaled to the picture, and never below half size (still legible).
      const float pictureRatio = std::max(0.5f, mapPixelRatio * pictureH / std::max(1, state.viewportH));
      presenterPictures.update(renderer, maps, state, static_cast<int>(std::lround(pl.currentW * presenterRatio)), pictureH,
                               static_cast<int>(std::lround(pl.nextW * presenterRatio)),
                               static_cast<int>(std::lround(pl.nextH * presenterRatio)), pictureRatio);
      // The slide number in its title too: a task bar or a window list shows where the show is.
      const std::string title = "briefmap — presenter view: " + std::to_string(state.briefing.current + 1) + " / " +
                                std::to_string(state.briefing.doc.slides.size());
      if (title != presenterTitle) window.setPresenterTitle(presenterTitle = title);
      window.beginPresenterFrame();
      drawPresenterWindow(state, presenterPictures, state.clockSeconds, presenterActions);
      window.endPresenterFrame();
      if (!presenterActions.empty()) redrawNeeded = true;
      presenterDrawn.rect = window.presenterWindowRect();
      presenterDrawn.display = presenterDisplayFor(options.presenterDisplay, briefingPanel.display, window.displayCount());
      presenterDrawn.layout = pl;
      presenterDrawn.currentSlide = presenterPictures.current().slide;
      presenterDrawn.nextSlide = presenterPictures.next().texture ? presenterPictures.next().slide : -1;
      presenterDrawn.pictureRenders = presenterPictures.renders();
      if (lastFrame && !options.presenterScreenshot.empty()) {
        const auto pixels = window.readPresenterBackBuffer();
        render::writePng(options.presenterScreenshot, pixels.data(), window.presenterDrawableWidth(),
                         window.presenterDrawableHeight(), /*flipRows=*/true);
      }
      window.swapPresenter();
    }
  }
  // However the window ended (the last scripted frame, or closed): the view it ended on.
  if (!options.viewDump.empty()) writeViewDump(options.viewDump, state, maps);
  for (const auto& m : state.messages)
    if (m.level == MessageLevel::Error) std::fprintf(stderr, "briefmap: %s\n", m.text.c_str());
  // Remembered for the next run: the window (unless its size was forced), the panels, the recent lists.
  const float chosenScale = settings.uiScale;  // from the last run or View → UI scale; 0: the display's DPI
  session::captureSettings(state, settings);
  settings.uiScale = chosenScale > 0 ? window.uiScale() : 0.f;
  if (!options.exactWindowSize) settings.window = window.placement();
  if (!settingsPath.empty()) {
    try {
      session::saveSettings(settingsPath, settings);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "briefmap: settings not saved: %s\n", e.what());
    }
  }
  return 0;
}

}  // namespace briefmap::ui
