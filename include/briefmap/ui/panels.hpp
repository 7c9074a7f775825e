#pragma once
// ImGui panels. Each takes the state it shows and appends the actions the user asked for;
// none of them calls GDAL, PROJ or OpenGL.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/session/app_state.hpp"
#include "briefmap/session/export_settings.hpp"
#include "briefmap/session/panel_layout.hpp"

namespace briefmap::ui {

// The panels show the session's model and return its actions.
using namespace session;

/// What the status bar shows besides the model.
struct StatusInfo {
  bool cursorOnMap = false;
  geo::LonLat cursor;
  double scaleDenominator = 0;  ///< 1:N at 96 dpi
  int basemapLevel = 0;
  bool busy = false;
  float frameMs = 0;
};

struct FileDialogState {
  enum class Purpose { OpenVector, OpenBriefing, SaveBriefing, OpenSourcesFolder, NewWorkspace, OpenWorkspace, ChooseExportFolder };
  bool open = false;
  Purpose purpose = Purpose::OpenVector;
  std::string folder;
  std::string fileName;  ///< SaveBriefing, NewWorkspace: the name typed
  std::string connection = "PG:dbname=briefmap";  ///< a PostGIS workspace: the connection string typed
  std::string error;
  std::optional<std::string> chosenFolder;  ///< ChooseExportFolder: the folder picked; the window loop takes it
  void show(Purpose p) {
    open = true;
    purpose = p;
  }
};

/// The briefing panel's own editing state (text being typed, the display to present on).
struct BriefingPanelState {
  int editing = -1;  ///< slide whose texts are in the buffers
  std::array<char, 256> title{};
  std::array<char, 512> caption{};
  std::array<char, 2048> notes{};
  int display = 0;
  std::vector<std::string> displays;  ///< names, from the window
};

/// The Sources panel's own state: the folder being typed, and the focus it last scrolled to.
struct SourcesPanelState {
  std::array<char, 1024> folder{};
  unsigned scrolledRevision = 0;
};

/// Place search's own state: the text being typed, the suggestion Enter takes.
struct PlaceSearchPanelState {
  std::array<char, 128> query{};
  int highlighted = 0;
  bool wasOpen = false;  ///< to clear and focus the box when it opens
};
/// Ctrl+F: type a name in any spelling the gazetteer knows, pick a suggestion, fly there.
void drawPlaceSearch(const AppState& state, PlaceSearchPanelState& panel, float mapX, float mapY, float mapW,
                     std::vector<Action>& actions);
/// The measure tool: the clicked path over the map and its geodesic length and area. pointsOnMap: the
/// measure points projected (map CRS); toUi: UI pixels per physical pixel; mapX, mapY: the map's corner (UI).
void drawMeasureOverlay(const AppState& state, const std::vector<geo::MapXY>& pointsOnMap, float toUi, float mapX,
                        float mapY);
/// Help → Keyboard shortcuts: session::shortcuts(), the list the README's table of keys holds.
void drawShortcutsHelp(const AppState& state, std::vector<Action>& actions);

/// exportDialog: File → Export snapshot opens it (none: the item is not shown).
void drawMainMenu(const AppState& state, FileDialogState& fileDialog, std::vector<Action>& actions,
                  ExportDialogState* exportDialog = nullptr);
void drawLayersPanel(const AppState& state, std::vector<Action>& actions);
void drawStatusBar(const AppState& state, const StatusInfo& info, std::vector<Action>& actions);
/// Options: on/off, layers, parameters with their basis, facts with their quotes, presets.
void drawOptionsPanel(const AppState& state, std::vector<Action>& actions);
/// The selected feature: name, placement, numbers and the exact sentences it came from.
void drawInspector(const AppState& state, std::vector<Action>& actions);
/// The map's hover tooltip: the name of the feature under the cursor and its option's title.
void drawHoverTooltip(const std::string& name, const std::string& option);
/// A small file browser for the vector formats briefmap reads; appends OpenFiles on choice.
void drawFileDialog(FileDialogState& dialog, std::vector<Action>& actions);
/// Briefing: slide list (go to, reorder, duplicate, delete), add the current view as a slide, slide title,
/// caption and notes, present (and on which display).
void drawBriefingPanel(const AppState& state, BriefingPanelState& panel, FileDialogState& fileDialog,
                       std::vector<Action>& actions);

/// Sources: open a folder of documents, the list with dates and candidate counts, the selected document's
/// text with its place mentions highlighted (click one to fly there), and its candidates (fly to, accept
/// into an option).
void drawSourcesPanel(const AppState& state, SourcesPanelState& panel, FileDialogState& fileDialog,
                      std::vector<Action>& actions);

/// Screen rectangles (x0, y0, x1, y1 in ImGui window coordinates) of the panels drawn this frame, so that
/// map labels keep clear of them. Cleared by beginPanelFrame().
std::vector<std::array<float, 4>>& panelRects();
void beginPanelFrame();
/// Called by each panel between Begin and End.
void recordPanelRect();

/// ImGui::SameLine() for a next item `width` pixels wide, or a new row where it would pass the window's right edge:
/// rows of buttons in large type ran out of their panel ("Reset" cut to "R", "Delete" to "D").
void sameLineOrWrap(float width);
/// How wide ImGui draws a button (Button, SmallButton) or a checkbox or radio button with this label.
float buttonWidth(const char* label);
float checkboxWidth(const char* label);

/// The docked panels' places this frame (session::layoutPanels); the loop sets it before the panels draw.
PanelLayout& currentPanelLayout();
/// Begins a docked panel at its place in currentPanelLayout(), fixed there, collapsible and closable (both
/// become actions). True: draw the contents, then call ImGui::End(). False: nothing to draw (not in the
/// layout, or collapsed); End is already done.
bool beginDockedPanel(PanelId id, const char* title, const AppState& state, std::vector<Action>& actions);
/// Begins a dialog centred on the window when it appears, width × height × UI scale (at most 90 % × 80 % of the
/// window). True: draw the contents, then ImGui::End(); false: collapsed, End already done. `open` turns false
/// when its × is clicked.
bool beginCentredWindow(const char* title, float width, float height, const AppState& state, bool& open);
/// Messages as brief notices at the bottom of the map that fade (session::activeNotices).
void drawNotices(const AppState& state, float mapX, float mapY, float mapW, float mapH);
/// View → Message log: every message of the session, newest first, with Dismiss and Clear.
void drawMessageLog(const AppState& state, std::vector<Action>& actions);

/// Height of the main menu bar and the status bar in pixels at the current UI scale (for the map area).
float menuBarHeight();
float statusBarHeight();

}  // namespace briefmap::ui
