#pragma once
// What the window remembers between runs: its size and place, the panels, the UI scale, recent briefings and
// files, the last export folder. One JSON file in the user's configuration folder (XDG Base Directory).
// No ImGui, no SDL: the window reads and writes these values, the file format lives here.
#include <climits>
#include <filesystem>
#include <optional>
#include <string>

#include "briefmap/session/app_state.hpp"
#include "briefmap/session/window_placement.hpp"

namespace briefmap::session {

struct Settings {
  std::optional<WindowPlacement> window;
  float uiScale = 0;  ///< 0: from the display's DPI
  PanelsState panels;
  bool showLayers = true, showOptions = true, showBriefing = true, showSources = false;
  RecentState recent;
};

/// $XDG_CONFIG_HOME/briefmap/settings.json, or ~/.config/briefmap/settings.json; a relative XDG_CONFIG_HOME
/// is ignored (as the specification says). Empty when neither gives an absolute folder.
std::filesystem::path settingsFile();

struct LoadedSettings {
  Settings settings;     ///< the defaults where the file is missing, unreadable or has no such value
  std::string warning;   ///< non-empty when the file exists but could not be used (names the file and why)
};
/// Reads the file; never throws. A missing file is no warning (the first start).
LoadedSettings loadSettings(const std::filesystem::path& file);
/// Writes atomically (data::AtomicFile), creating the folder; throws data::WriteError naming the file.
void saveSettings(const std::filesystem::path& file, const Settings& settings);

/// The panels, the recent lists and the UI scale from the settings into the model (the window applies the
/// window placement and gives the scale to its fonts).
void applySettings(const Settings& settings, AppState& state);
/// The model's panels, recent lists and UI scale into `settings` (window placement left as it is).
void captureSettings(const AppState& state, Settings& settings);

}  // namespace briefmap::session
