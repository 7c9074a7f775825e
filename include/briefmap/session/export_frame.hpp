#pragma once
// The framed area of File → Export snapshot: a rectangle on the map with the output's aspect ratio that the
// analyst moves and resizes; the export shows exactly that extent. The frame lives in map metres, so it stays
// on the same place while the map is panned or zoomed. Geometry and input handling only (no ImGui, no GL),
// so all of it is tested without a window; export_dialog.cpp draws it.
#include <string>
#include <vector>

#include "briefmap/geo/coords.hpp"
#include "briefmap/session/input_events.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

/// What a press on the frame grabs. Top and bottom as on the screen (top = north in the map CRS).
enum class FramePart { None, Inside, Left, Right, Top, Bottom, TopLeft, TopRight, BottomLeft, BottomRight };

/// Limits of the pixel ratio of a framed export (the range `briefmap export --pixel-ratio` accepts): a tiny
/// frame exported large would otherwise get type many times the size of the image.
constexpr float kMinFramedPixelRatio = 0.25f;
constexpr float kMaxFramedPixelRatio = 16.f;

/// The map area of the window (map metres).
geo::MapBox visibleMapBox(const render::View& view, int viewportW, int viewportH);

/// The largest frame of this aspect (width / height) inside the map area less marginPx on every side,
/// centred in it (map metres).
geo::MapBox initialExportFrame(const render::View& view, int viewportW, int viewportH, double aspect,
                               double marginPx = 0);

/// The part of the frame at a map-area pixel: a corner or edge handle within grabPx, else inside, else none.
FramePart framePartAt(const geo::MapBox& frame, const render::View& view, int viewportW, int viewportH,
                      geo::ScreenPx at, double grabPx);

/// The frame after dragging `part` from `from` to `to` (map metres), computed from the frame when the drag
/// began so that a long drag does not drift. Inside moves it; a corner resizes it about the opposite corner;
/// an edge about the opposite edge, the other side growing evenly about its middle. The result has `aspect`
/// and its shorter side is at least minSide (metres); it never flips over its fixed side.
geo::MapBox dragExportFrame(const geo::MapBox& start, FramePart part, geo::MapXY from, geo::MapXY to, double aspect,
                            double minSide);

/// The frame with another aspect, about the same centre and with the same area; a frame that was inside the
/// visible map area shrinks (about its centre) to stay inside it.
geo::MapBox reshapeExportFrame(const geo::MapBox& frame, double aspect, const geo::MapBox& visible);

/// What a framed export draws: the view whose extent at the output size is the frame (the frame's centre;
/// when the aspects differ slightly, the frame fits inside), and the pixel ratio that keeps labels and lines
/// the size they have on screen relative to the map: windowPixelRatio × output pixels per window pixel,
/// clamped to [kMinFramedPixelRatio, kMaxFramedPixelRatio].
struct FramedView {
  render::View view;
  float pixelRatio = 1.f;
};
FramedView framedExportView(const geo::MapBox& frame, int outputW, int outputH, const render::View& windowView,
                            float windowPixelRatio);

/// The frame as the window keeps it between frames.
struct ExportFrameState {
  bool shown = false;  ///< drawn and editable (the dialog is open with "Framed area")
  bool hasBox = false;
  geo::MapBox box;     ///< map metres, valid when hasBox
  /// The frame as the analyst last placed it (or as first shown). A new aspect reshapes this one, so typing
  /// a custom size through odd intermediate values ("3", "38", "384") and back gives the frame back as it was.
  geo::MapBox placed;
  std::string crs;     ///< definition of the CRS the box is in: another CRS places the frame anew
  FramePart hover = FramePart::None;  ///< under the cursor, for the mouse cursor's shape
  // The drag in progress, if any.
  FramePart dragging = FramePart::None;
  geo::MapBox dragStart;
  geo::MapXY dragFrom;
  float downX = 0, downY = 0;
  bool moved = false;
};

/// Handle reach and margins in UI pixels (times the window's pixel ratio).
constexpr double kFrameGrabPx = 9;
constexpr double kFrameMarginPx = 16;
constexpr double kFrameMinSidePx = 24;

/// Once a frame while the dialog is open or closed: places the frame when it is first shown, when the CRS
/// changed, or when it is shown again entirely off screen; follows a new output aspect (reshapeExportFrame).
void updateExportFrame(ExportFrameState& frame, bool shown, const AppState& state, double aspect);

/// Puts the frame back to where it first appears: the largest of its aspect within the map area.
void resetExportFrame(ExportFrameState& frame, const AppState& state, double aspect);

enum class FrameInput {
  Ignored,  ///< not the frame's: the map handles it
  Taken,    ///< the frame used it (the map must not also pan or pick)
  Dismiss,  ///< Esc with no drag in progress: close the export dialog, which hides the frame
};

/// Mouse and keys over the map while the frame is shown (map-area pixels, as mapInputToActions takes them).
/// A press on a handle or inside starts a drag that only moves the frame; a click inside without moving picks
/// the feature under it and a double-click zooms, as on the map; the wheel still zooms the map. Esc during a
/// drag puts the frame back. `mapHasMouse` / `mapHasKeyboard` are false while ImGui uses them.
FrameInput exportFrameInput(const InputEvent& event, ExportFrameState& frame, const AppState& state,
                            double aspect, bool mapHasMouse, bool mapHasKeyboard, std::vector<Action>& actions);

}  // namespace briefmap::session
