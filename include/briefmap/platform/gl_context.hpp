#pragma once
// An SDL window with a current OpenGL 3.3 core context, and nothing else: what the exports, the render tests
// and the bench draw into (offscreen framebuffers), and what the interactive Window builds on. No ImGui here,
// so headless programs do not link it.
#include <memory>
#include <stdexcept>
#include <string>

struct SDL_Window;

namespace briefmap::platform {

/// SDL could not give a window or an OpenGL 3.3 core context; what() says why.
class PlatformError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GlContextOptions {
  std::string title = "briefmap";
  int width = 64;       ///< window size in screen coordinates
  int height = 64;
  bool visible = false; ///< false: a hidden window, only for its context
};

/// Starts SDL video, opens the window and makes its context current on the calling thread (use it there).
class GlContext {
 public:
  explicit GlContext(const GlContextOptions& options);  ///< throws PlatformError
  ~GlContext();
  GlContext(const GlContext&) = delete;
  GlContext& operator=(const GlContext&) = delete;

  /// A hidden 64×64 window for its context only, on SDL's offscreen driver (EGL, llvmpipe) when no display
  /// is set, so exports and tests run without an X server.
  static std::unique_ptr<GlContext> headless();

  SDL_Window* sdlWindow() const { return m_window; }
  /// The SDL_GLContext: other windows of the same pixel format draw with it (the presenter window).
  void* sdlContext() const { return m_context; }

 private:
  SDL_Window* m_window = nullptr;
  void* m_context = nullptr;  ///< SDL_GLContext
  bool m_sdlStarted = false;
};

}  // namespace briefmap::platform
