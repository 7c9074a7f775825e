#pragma once
// The export dialog's choices without a window: size presets, the extent (the window's, or a framed area),
// furniture, and the request they make. The panel (ui/export_dialog) edits this state and draws it.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "briefmap/session/app_state.hpp"
#include "briefmap/session/export_frame.hpp"
#include "briefmap/session/snapshot_export.hpp"

namespace briefmap::session {

/// What the export shows: the window's whole map area fitted into the output, or the framed area exactly.
enum class ExportExtent { Window, FramedArea };

struct ExportDialogState {
  bool open = false;
  std::string folder;  ///< where the file goes; empty: the working folder. Opens on the last export's folder.
  std::string file = "briefmap-map.png";  ///< a name in `folder` (a path of its own, when typed, wins)
  std::string autoTitle, autoSubtitle;  ///< what the dialog filled in from a slide (follows the slide, unless edited)
  int sizePreset = 2;  ///< index into exportSizePresets()
  int customWidth = 3840, customHeight = 2160;
  ExportExtent extent = ExportExtent::Window;
  ExportFrameState frame;  ///< kept while the dialog is closed, so it reappears where it was left
  FurnitureChoice furniture;
  bool worldFile = false;
  // What the window loop reports back.
  bool running = false;
  double progress = 0;
  std::string lastResult;  ///< "Wrote …" or the error
  bool lastFailed = false;
  // Set by the panel when the user presses Export; the loop takes it.
  std::optional<SnapshotRequest> requested;
};

struct ExportSizePreset {
  const char* label;
  int width, height;  ///< 0 x 0: the window's map area; -1 x -1: custom
};
/// The absolute, normalised path the dialog writes to: folder / file (the working folder when folder is empty).
std::filesystem::path exportPathOf(const ExportDialogState& dialog);
/// Each time the dialog opens: the folder of the last export (state.recent.exportFolder) when none is chosen,
/// and the slide's title (exportTitleFollowsSlide).
void prepareExportDialog(ExportDialogState& dialog, const AppState& state);
/// Every frame while the dialog is open: the current slide's title and caption as title and subtitle, when
/// the title is empty or still the one filled in from a slide before (a typed title stays).
void exportTitleFollowsSlide(ExportDialogState& dialog, const AppState& state);

/// Window size, 1920×1080, 3840×2160, 7680×4320, A4 and A3 landscape at 300 dpi, custom.
const std::vector<ExportSizePreset>& exportSizePresets();

/// Output width and height of the dialog's size choice for a window map area of this size (custom: as typed).
std::pair<int, int> exportOutputSize(const ExportDialogState& dialog, int viewportW, int viewportH);
/// Width / height the frame keeps: the output's, or the frame's own while the typed size makes no shape.
double exportFrameAspect(const ExportDialogState& dialog, const AppState& state);
/// The frame is drawn and takes input: the dialog is open with "Framed area".
bool exportFrameShown(const ExportDialogState& dialog);

/// The request the dialog's choices make for the window the state describes (map area, view, pixel ratio).
/// With "Framed area" the request's view is the frame's (framedExportView). Nullopt (and a message in
/// `error`) when the file name has no known extension or the size is not supported.
std::optional<SnapshotRequest> exportRequestFrom(const ExportDialogState& dialog, const AppState& state,
                                                 std::string& error);

}  // namespace briefmap::session
