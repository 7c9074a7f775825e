#pragma once
// File → Export snapshot: file name (the extension picks the format), size presets, furniture switches and
// texts, the extent (the window's, or a frame the analyst places on the map), and a progress bar while the
// export runs. The panel only edits its state and asks for an export; the window loop runs the SnapshotJob.
#include <array>
#include <vector>
#include <optional>
#include <string>
#include <utility>

#include "briefmap/session/export_settings.hpp"

namespace briefmap::ui {

// The panels show the session's model and return its actions.
using namespace session;

struct FileDialogState;

/// Draws the dialog when open and keeps its frame in step (updateExportFrame) even when closed; sets
/// dialog.requested when the user presses Export. Its options scroll; the Export row (or the progress bar)
/// and the last result stay at the bottom, always visible. "Choose…" opens fileDialog on the folder.
/// Opens centred on the map rectangle (UI pixels, between the docked columns), over the panels.
void drawExportDialog(ExportDialogState& dialog, const AppState& state, FileDialogState& fileDialog, float mapX,
                      float mapY, float mapW, float mapH);

/// What the dialog showed in the last frame, in UI pixels (x, y, w, h), for smoke tests.
struct ExportDialogDrawn {
  bool shown = false;
  std::array<float, 4> window{}, button{};  ///< the dialog; its Export button (or progress bar while running)
  std::array<float, 4> options{}, choose{};  ///< the scrolling options (what clips them); the "Choose…" button
  std::vector<std::array<float, 4>> items;    ///< every field, checkbox and hint of the options, labels included
  float progress = -1;  ///< the bar drawn: 0..1 while running, 1 once finished; -1 none
  std::string result;   ///< "Wrote /absolute/path" or the error
};
const ExportDialogDrawn& lastExportDialogDrawn();

/// Draws the framed area over the map when shown: the outside dimmed, the outline, handles and the output
/// size; sets the mouse cursor over handles. Behind the panels (ImGui's background list), after the view of
/// this frame is final so the frame does not lag the map. toUi: ImGui units per physical pixel; mapTopUi:
/// where the map area starts (below the menu bar).
/// toUi: UI pixels per physical pixel; mapLeftUi, mapTopUi: the map area's corner in UI pixels.
void drawExportFrameOverlay(const ExportDialogState& dialog, const AppState& state, float toUi, float mapLeftUi,
                            float mapTopUi);

}  // namespace briefmap::ui
