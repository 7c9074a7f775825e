#pragma once
// Presentation mode without a window: what the clicker, keyboard and mouse do while presenting, and the presenter's
// overlays (slide counter and clock, laser pointer, the stroke being drawn). Input mapping is pure, so
// the tests drive a whole briefing with Page Down / Page Up without a window.
#include <functional>
#include <vector>

#include "briefmap/session/input_events.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

struct PresentationInput {
  bool laserKey = false, laserButton = false;  ///< L held, or the middle button held
  float cursorX = -1, cursorY = -1;            ///< physical pixels of the window
  bool drawing = false;                        ///< a stroke is being drawn with the left button
  std::vector<geo::MapXY> stroke;              ///< map metres, so the stroke follows a moving view
  bool laser() const { return laserKey || laserButton; }
};

/// Keys presentation clickers send: Page Down / Right / Down / Space / Enter = next; Page Up / Left / Up /
/// Backspace = previous; B or . = black screen; Home / End = first / last; Esc = leave (or put the pen
/// down first). L held or the middle button held = laser pointer; D = freehand pen, A = arrow pen,
/// K = keep the marks in the slide, X = clear them, C = counter and clock on/off.
/// Mouse: left click = next, right click = previous; with a pen, left drag draws.
/// `toLonLat` converts map metres for annotations.
void presentationInputToActions(const InputEvent& event, PresentationInput& input, const AppState& state,
                                const std::function<geo::LonLat(geo::MapXY)>& toLonLat, std::vector<Action>& actions);

/// Keys for briefings outside presentation mode: F5 presents (from the current slide), Page Down / Page Up
/// step through the slides, Ctrl+S saves. True when the key was used.
bool briefingKeyToActions(const KeyEvent& key, const AppState& state, std::vector<Action>& actions);

}  // namespace briefmap::session
