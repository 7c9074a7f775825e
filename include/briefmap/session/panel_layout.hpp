#pragma once
// Where the window's panels go: docked in a column at each side of the map, the map taking what is left, so
// no panel covers the map, its legend or another panel. Pure: the window measures, this decides.
#include <optional>
#include <string>
#include <vector>

namespace briefmap::session {

/// The docked panels. Left column: Layers, Options; right column: Inspector, Briefing, Sources.
enum class PanelId { Layers, Options, Inspector, Briefing, Sources };
inline constexpr PanelId kAllPanels[] = {PanelId::Layers, PanelId::Options, PanelId::Inspector, PanelId::Briefing,
                                         PanelId::Sources};
/// "layers", "options", "inspector", "briefing", "sources" (settings files and the layout dump use them).
const char* panelKey(PanelId id);
std::optional<PanelId> panelFromKey(const std::string& key);

/// What the window asks for. Lengths in UI pixels (ImGui's window coordinates).
struct PanelLayoutRequest {
  float width = 0, height = 0;   ///< the whole window
  float top = 0, bottom = 0;     ///< menu bar and status bar heights
  float uiScale = 1;
  float titleHeight = 20;        ///< a collapsed panel's height (its title bar)
  struct Panel {
    PanelId id;
    bool shown = false;
    bool collapsed = false;
  };
  std::vector<Panel> panels;
};

struct PanelRect {
  PanelId id;
  float x = 0, y = 0, w = 0, h = 0;
  bool collapsed = false;
};

struct PanelLayout {
  std::vector<PanelRect> panels;            ///< the shown ones, top to bottom within each column
  float mapX = 0, mapY = 0, mapW = 0, mapH = 0;  ///< the map's rectangle: between the columns, bars excluded
  const PanelRect* find(PanelId id) const;
};

/// A column is 300 × UI scale wide (Options needs that for its sliders) but never more than 28 % of the
/// window, so both columns leave at least 44 % of the width to the map, also at UI scale 2 on 1366×768
/// (while the Sources panel is open its column widens to 520 × scale, at most 38 %: the map keeps a third). A
/// column in which every panel is collapsed keeps its width (the titles stay readable); a column with no
/// panel shown takes none. Collapsed panels take their title's height; open ones share the rest.
PanelLayout layoutPanels(const PanelLayoutRequest& request);

}  // namespace briefmap::session
