#pragma once
// Turns raw input over the map into actions: drag to pan, wheel to zoom about the cursor,
// double-click to zoom in, keyboard panning and zooming. Pure, so it is tested without a window.
#include <vector>

#include "briefmap/session/input_events.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

struct MapInputState {
  bool dragging = false;
  bool moved = false;          ///< the button went down on the map and the mouse has moved since
  float downX = 0, downY = 0;  ///< where the button went down
  float lastX = 0, lastY = 0;  ///< map-area pixels
  float cursorX = -1, cursorY = -1;
};

/// Zoom factor of one wheel notch and of one +/- key press.
constexpr double kWheelZoomStep = 1.2;
constexpr double kKeyZoomStep = 1.5;
/// Pixels moved by one arrow-key press.
constexpr double kKeyPanPx = 120;

/// A click (press and release without moving more than a few pixels) picks the feature under it.
/// `event` coordinates are relative to the map area (physical pixels). `mapHasMouse` / `mapHasKeyboard`
/// are false while ImGui uses them.
void mapInputToActions(const InputEvent& event, MapInputState& input, const AppState& state,
                       bool mapHasMouse, bool mapHasKeyboard, std::vector<Action>& actions);

}  // namespace briefmap::session
