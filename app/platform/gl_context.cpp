#include "briefmap/platform/gl_context.hpp"

#include <SDL.h>

#include <cstdlib>

namespace briefmap::platform {

GlContext::GlContext(const GlContextOptions& options) {
  // Mesa's llvmpipe (the renderer of every machine without a GPU, and of CI) has a fast path for 2D scenes,
  // the "linear rasterizer", that works tile by tile. On Mesa 22.3 it left 64×64 squares in a darker shade of
  // the land on frames of a slide flight, in the window and in what the X server showed (issue 14); with it
  // off they are gone. A user's own LP_PERF is left alone. Read when the driver loads, so before any window.
  setenv("LP_PERF", "no_rast_linear", /*overwrite=*/0);
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    throw PlatformError(std::string("cannot start SDL video: ") + SDL_GetError());
  }
  m_sdlStarted = true;
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  flags |= options.visible ? (SDL_WINDOW_RESIZABLE | SDL_WINDOW_SHOWN) : SDL_WINDOW_HIDDEN;
  m_window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                              options.height, flags);
  if (!m_window) {
    const std::string why = SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    throw PlatformError("cannot open a window: " + why);
  }
  m_context = SDL_GL_CreateContext(m_window);
  if (!m_context) {
    const std::string why = SDL_GetError();
    SDL_DestroyWindow(m_window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    throw PlatformError("cannot create an OpenGL 3.3 core context: " + why);
  }
  SDL_GL_MakeCurrent(m_window, m_context);
  SDL_GL_SetSwapInterval(1);
}

GlContext::~GlContext() {
  if (m_context) SDL_GL_DeleteContext(m_context);
  if (m_window) SDL_DestroyWindow(m_window);
  if (m_sdlStarted) SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

std::unique_ptr<GlContext> GlContext::headless() {
  // No display at all (CI, export from a shell): SDL's offscreen driver gives an EGL/llvmpipe context.
  const char* display = std::getenv("DISPLAY");
  if ((!display || !*display) && !std::getenv("SDL_VIDEODRIVER")) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  return std::make_unique<GlContext>(GlContextOptions{});
}

}  // namespace briefmap::platform
