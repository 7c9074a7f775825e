#pragma once
// Every keyboard shortcut, once: Help → Keyboard shortcuts draws this list and the README's table of keys
// holds the same rows (a unit test compares them), so the two cannot drift apart. The key handling itself is
// in map_input.cpp and presentation_input.cpp.
#include <span>

namespace briefmap::session {

struct Shortcut {
  const char* context;  ///< "Map" (the window) or "Presenting"
  const char* keys;     ///< as a user reads them: "Ctrl+Shift+Z or Ctrl+Y"
  const char* what;
};

/// In the order Help and the README show them.
std::span<const Shortcut> shortcuts();

}  // namespace briefmap::session
