#pragma once
#include <filesystem>
#include <array>
#include <string>
#include <vector>

#include "briefmap/data/vector_reader.hpp"

namespace briefmap::ui {


struct ApplicationOptions {
  std::vector<std::string> files;  ///< opened at start, as if dropped on the window
  data::ReadOptions readOptions;   ///< how to read `files` (--src-crs, --x-field, --y-field)
  std::string crs;                 ///< map CRS id or definition; empty = default
  int width = 1600, height = 960;  ///< preferred window size, fitted to the display (unless exactWindowSize)
  bool exactWindowSize = false;    ///< --window-size: width × height as given, not fitted nor remembered
  bool fullscreen = false;
  float uiScale = 0;               ///< 0 = from the display DPI
  int quitAfterFrames = 0;         ///< > 0: quit by itself (smoke tests)
  std::string screenshot;          ///< with quitAfterFrames: write the last frame, panels included, as PNG
  std::string preset;              ///< start on this preset instead of the three-tier plan
  std::vector<std::array<double, 2>> clicks;  ///< map-area pixels clicked once loading is done (smoke tests)
  std::string briefing;            ///< a briefing to open at start
  bool present = false;            ///< start presenting the briefing at once
  int startSlide = 0;              ///< with present: the first slide shown (0-based)
  int display = 0;                 ///< with present: the display to go full screen on (0-based)
  /// The display the presenter window goes full screen on when the show starts (0-based); -1 = the first
  /// display the show is not on, when there are two; -2 = none at start (P opens it as a window).
  int presenterDisplay = -1;
  std::string presenterScreenshot;  ///< with quitAfterFrames: write the presenter window's last frame as PNG
  std::vector<std::string> keys;   ///< keys pressed once loading is done (smoke tests: "PageDown", "B", …)
  std::string sources;             ///< a folder of documents opened in the Sources panel at start
  std::string workspace;           ///< a workspace (.gpkg or PG:) opened at start
  std::string exportDialog;        ///< "window" or "framed": File → Export snapshot open at start (smoke tests)
  std::string exportTo;            ///< with exportDialog: press Export once loaded, writing this file (smoke tests)
  std::string find;                ///< place search opened with this text once loaded (smoke tests, screenshots)
  std::string viewDump;            ///< with quitAfterFrames: write the view and the current slide's extent as JSON
  std::string layoutDump;          ///< with quitAfterFrames: write the window's layout as JSON (smoke tests)
  std::vector<std::array<double, 4>> drags;  ///< x0,y0 → x1,y1 window pixels, dragged once loaded (smoke tests)
};

/// Runs the interactive window until the user quits. Returns the process exit code.
int runApplication(const ApplicationOptions& options);

}  // namespace briefmap::ui
