#pragma once
// File → Export snapshot: file name (the extension picks the format), size presets, furniture switches and
// texts, and a progress bar while the export runs. The panel only edits its state and asks for an export;
// the window loop runs the SnapshotJob.
#include <optional>
#include <string>

#include "briefmap/ui/app_state.hpp"
#include "briefmap/ui/snapshot_export.hpp"

namespace briefmap::ui {

struct ExportDialogState {
  bool open = false;
  std::string file = "briefmap-map.png";
  int sizePreset = 2;  ///< index into exportSizePresets()
  int customWidth = 3840, customHeight = 2160;
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
/// Window size, 1920×1080, 3840×2160, 7680×4320, A4 and A3 landscape at 300 dpi, custom.
const std::vector<ExportSizePreset>& exportSizePresets();

/// The request the dialog's choices make, for a window map area of this size. Nullopt (and a message in
/// `error`) when the file name has no known extension or the size is not supported.
std::optional<SnapshotRequest> exportRequestFrom(const ExportDialogState& dialog, int viewportW, int viewportH,
                                                 std::string& error);

/// Draws the dialog when open; sets dialog.requested when the user presses Export.
void drawExportDialog(ExportDialogState& dialog, const AppState& state);

}  // namespace briefmap::ui
