#include "briefmap/session/shortcuts.hpp"

namespace briefmap::session {

std::span<const Shortcut> shortcuts() {
  static const Shortcut kShortcuts[] = {
      {"Map", "Arrow keys", "pan"},
      {"Map", "+ / -", "zoom in / out about the centre"},
      {"Map", "Home", "home view (Ukraine and neighbours)"},
      {"Map", "G", "graticule on / off"},
      {"Map", "Tab", "hide every panel / bring them back"},
      {"Map", "L", "Layers panel on / off"},
      {"Map", "Ctrl+F", "find a place and fly there"},
      {"Map", "M", "measure tool on / off (click points; Esc ends)"},
      {"Map", "Ctrl+O", "open a vector file"},
      {"Map", "Ctrl+S", "save the briefing"},
      {"Map", "F5", "present from the current slide"},
      {"Map", "Page Down / Page Up", "next / previous slide"},
      {"Map", "Ctrl+Z", "undo (workspace)"},
      {"Map", "Ctrl+Shift+Z or Ctrl+Y", "redo (workspace)"},
      {"Map", "Enter", "finish the line or zone being drawn"},
      {"Map", "Esc", "end measuring, close place search, cancel drawing"},
      {"Map", "Delete", "delete the selected workspace feature"},
      {"Map", "Ctrl+Q", "quit"},
      {"Presenting", "Page Down / → / ↓ / Space / Enter", "next slide"},
      {"Presenting", "Page Up / ← / ↑ / Backspace", "previous slide"},
      {"Presenting", "Home / End", "first / last slide"},
      {"Presenting", "B or .", "black screen (any next or previous key brings the picture back)"},
      {"Presenting", "C", "slide counter and clock off / on"},
      {"Presenting", "P", "presenter view: this and the next slide, notes, timer (a window of its own; full screen on the second display when there is one)"},
      {"Presenting", "+ / -", "type size for the room (10 % a press)"},
      {"Presenting", "L (hold)", "laser pointer (or the middle mouse button)"},
      {"Presenting", "D / A", "freehand pen / arrow (drag with the left button)"},
      {"Presenting", "K", "keep the marks in the slide"},
      {"Presenting", "X", "clear the unkept marks, then the kept ones"},
      {"Presenting", "Esc", "put the pen down; leave the presentation"},
  };
  return kShortcuts;
}

}  // namespace briefmap::session
