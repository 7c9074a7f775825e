#pragma once
// Where the window opens: the place remembered from the last run when it still fits the display, otherwise
// the preferred size shrunk to the display's usable area (without the desktop's panels and docks), centred.
// Header-only and pure, so the platform layer uses it and unit tests check it without a display.
#include <algorithm>
#include <climits>
#include <optional>

namespace briefmap::session {

struct WindowPlacement {
  int x = INT_MIN, y = INT_MIN;  ///< screen coordinates of the top-left corner; INT_MIN: centred
  int width = 0, height = 0;     ///< screen coordinates (not physical pixels)
  bool maximized = false;
};

struct ScreenRect {
  int x = 0, y = 0, w = 0, h = 0;
};

/// Room left above the window for a title bar that a window manager adds outside the window's own area.
inline constexpr int kTitleBarAllowance = 32;

/// remembered: the last run's placement, if any; preferredW × preferredH: the size for a display with room
/// (1600×960); usable: SDL_GetDisplayUsableBounds of the display. The result always lies within `usable`.
inline WindowPlacement fitWindow(const std::optional<WindowPlacement>& remembered, int preferredW, int preferredH,
                                 const ScreenRect& usable) {
  WindowPlacement out;
  if (usable.w <= 0 || usable.h <= 0) {  // no display information: take what was asked for
    out = remembered.value_or(WindowPlacement{INT_MIN, INT_MIN, preferredW, preferredH, false});
    return out;
  }
  const int maxW = usable.w, maxH = std::max(200, usable.h - kTitleBarAllowance);
  out.width = std::clamp(remembered ? remembered->width : preferredW, std::min(320, maxW), maxW);
  out.height = std::clamp(remembered ? remembered->height : preferredH, std::min(240, maxH), maxH);
  out.maximized = remembered && remembered->maximized;
  const bool rememberedPlaceFits = remembered && remembered->x != INT_MIN && remembered->y != INT_MIN &&
                                   remembered->x >= usable.x && remembered->y >= usable.y &&
                                   remembered->x + out.width <= usable.x + usable.w &&
                                   remembered->y + out.height <= usable.y + usable.h;
  if (rememberedPlaceFits) {
    out.x = remembered->x;
    out.y = remembered->y;
  } else {
    out.x = usable.x + (usable.w - out.width) / 2;
    out.y = usable.y + std::max(0, (usable.h - out.height + kTitleBarAllowance) / 2);
  }
  return out;
}

/// Asked for the presenter view's display (0-based; -1 = automatic; -2 = none at the start): the display its
/// window goes full screen on when the show starts on `showDisplay` of `displays`, or -1 for none (one display,
/// the show's own display, or one that does not exist: P then opens the presenter view as a window).
/// Automatic is the first display the show is not on.
inline int presenterDisplayFor(int asked, int showDisplay, int displays) {
  if (asked == -2 || displays < 2) return -1;
  if (asked >= 0) return asked < displays && asked != showDisplay ? asked : -1;
  return showDisplay == 0 ? 1 : 0;
}

}  // namespace briefmap::session
