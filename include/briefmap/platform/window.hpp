#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "briefmap/platform/gl_context.hpp"
#include "briefmap/session/input_events.hpp"
#include "briefmap/session/window_placement.hpp"

namespace briefmap::platform {

struct WindowOptions {
  std::string title = "briefmap";
  int width = 1600;    ///< preferred window size in screen coordinates, shrunk to fit the display
  int height = 960;
  std::optional<session::WindowPlacement> remembered;  ///< the last run's place and size (settings)
  bool exactSize = false;  ///< width × height as given, not fitted (--window-size, tests)
  float uiScale = 0;   ///< 0 = from the display's DPI
  std::string uiFontFile;  ///< TTF for the panels; ImGui's ASCII-only default when empty
};

/// The application's window: a visible GlContext with Dear ImGui bound to it. Must be created and used on the
/// main thread. Headless programs use a GlContext alone.
class Window {
 public:
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  /// Collects pending events (waiting up to timeoutMs for the first when > 0); feeds ImGui first.
  std::vector<session::InputEvent> pollEvents(int timeoutMs);
  /// Ends a pollEvents wait from any thread (SDL_PushEvent is thread-safe); the wake-up itself is no event.
  void wakeUp();
  /// True when ImGui wants the mouse / keyboard (the map should then ignore them).
  bool imguiWantsMouse() const;
  bool imguiWantsKeyboard() const;

  void beginImGuiFrame();
  void endImGuiFrame();  ///< renders ImGui's draw data into the default framebuffer
  void swap();
  /// The default framebuffer's pixels before swap(), RGBA8, row 0 = bottom (screenshots).
  std::vector<std::uint8_t> readBackBuffer();

  int drawableWidth() const;   ///< physical pixels
  int drawableHeight() const;
  float pixelRatio() const;    ///< drawable pixels per window coordinate (2 on a HiDPI display)
  float uiScale() const;       ///< ImGui scale in use
  void setUiScale(float scale);  ///< rebuilds the ImGui font at the new size
  void setFullscreen(bool on);
  /// Full screen on one display (0-based; the presenter picks the wall screen, not the laptop).
  void setFullscreenOn(int display);
  int displayCount() const;
  std::string displayName(int index) const;
  bool fullscreen() const;
  void setTitle(const std::string& title);
  /// Pins ImGui's idea of the mouse from the next frame on (tests drive the UI with it; the 1.86 backend
  /// polls the OS cursor, which never moves under the offscreen driver).
  void overrideMousePosition(float x, float y);
  std::string videoDriver() const;
  // The presenter's window: a second SDL window drawn with this window's GL context (so the renderer and its
  // GPU objects serve both) and an ImGui context of its own. Its keys arrive from pollEvents like the main
  // window's, its mouse only reaches its own ImGui context; closing it (the window manager's close) is
  // reported by takePresenterCloseRequest(), never as a QuitEvent.
  /// Opens it full screen on `display` (0-based), or, for display < 0, as a movable, resizable window. A
  /// second call moves it. Throws PlatformError when SDL cannot make the window.
  void openPresenterWindow(int display, const std::string& title);
  void closePresenterWindow();
  void setPresenterTitle(const std::string& title);
  bool presenterWindowOpen() const;
  /// True once after the user closed the presenter window (it is closed by then).
  bool takePresenterCloseRequest();
  /// Sends the presenter window the close event the window manager sends (scripted runs, smoke tests).
  void requestPresenterClose();
  /// Makes the GL context current on the presenter window and starts a frame of its ImGui context; until
  /// endPresenterFrame(), ImGui calls draw into it. Call after endImGuiFrame().
  void beginPresenterFrame();
  /// Renders its ImGui frame into its default framebuffer; the main window's ImGui context is current again.
  void endPresenterFrame();
  /// Between endPresenterFrame() and swapPresenter(): its pixels, RGBA8, row 0 = bottom (screenshots).
  std::vector<std::uint8_t> readPresenterBackBuffer();
  /// Shows the presenter frame and makes the context current on the main window again.
  void swapPresenter();
  int presenterDrawableWidth() const;
  int presenterDrawableHeight() const;
  /// The presenter window's place and size in screen coordinates, and the display it is on (0-based).
  session::ScreenRect presenterWindowRect() const;
  int presenterDisplay() const;
  /// The display the main window is on (0-based).
  int displayIndex() const;
  /// Where the window is now (windowed place and size; maximized flag), for the settings.
  session::WindowPlacement placement() const;
  /// The usable area of the display the window is on (SDL_GetDisplayUsableBounds), screen coordinates.
  session::ScreenRect usableDisplayBounds() const;
  /// The window's size in screen coordinates (SDL_GetWindowSize).
  int width() const;
  int height() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace briefmap::platform
