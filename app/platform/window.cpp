#include "briefmap/platform/window.hpp"

#include <SDL.h>

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <utility>

#include <cmath>

#include "backends/imgui_impl_opengl3.h"
#include "backends/imgui_impl_sdl.h"
#include "imgui.h"

namespace briefmap::platform {

using namespace session;  // the events it translates SDL's into

namespace {

Key translateKey(SDL_Keycode k) {
  switch (k) {
    case SDLK_LEFT: return Key::Left;
    case SDLK_RIGHT: return Key::Right;
    case SDLK_UP: return Key::Up;
    case SDLK_DOWN: return Key::Down;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS: return Key::Plus;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: return Key::Minus;
    case SDLK_HOME: return Key::Home;
    case SDLK_END: return Key::End;
    case SDLK_BACKSPACE: return Key::Backspace;
    case SDLK_PERIOD: return Key::Period;  // presentation clickers send it for "black screen"
    case SDLK_F5: return Key::F5;          // …and F5 / Shift+F5 for "start the show"
    case SDLK_a: return Key::A;
    case SDLK_c: return Key::C;
    case SDLK_d: return Key::D;
    case SDLK_f: return Key::F;
    case SDLK_m: return Key::M;
    case SDLK_p: return Key::P;
    case SDLK_TAB: return Key::Tab;
    case SDLK_k: return Key::K;
    case SDLK_l: return Key::L;
    case SDLK_s: return Key::S;
    case SDLK_x: return Key::X;
    case SDLK_y: return Key::Y;
    case SDLK_z: return Key::Z;
    case SDLK_DELETE: return Key::Delete;
    case SDLK_PAGEUP: return Key::PageUp;
    case SDLK_PAGEDOWN: return Key::PageDown;
    case SDLK_SPACE: return Key::Space;
    case SDLK_ESCAPE: return Key::Escape;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return Key::Enter;
    case SDLK_F11: return Key::F11;
    case SDLK_b: return Key::B;
    case SDLK_g: return Key::G;
    case SDLK_o: return Key::O;
    case SDLK_q: return Key::Q;
    default: return Key::Other;
  }
}

// The window an event belongs to (0: none, such as SDL_QUIT).
Uint32 eventWindowId(const SDL_Event& e) {
  switch (e.type) {
    case SDL_WINDOWEVENT: return e.window.windowID;
    case SDL_KEYDOWN:
    case SDL_KEYUP: return e.key.windowID;
    case SDL_TEXTEDITING: return e.edit.windowID;
    case SDL_TEXTINPUT: return e.text.windowID;
    case SDL_MOUSEMOTION: return e.motion.windowID;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: return e.button.windowID;
    case SDL_MOUSEWHEEL: return e.wheel.windowID;
    case SDL_DROPFILE: return e.drop.windowID;
    default: return 0;
  }
}

// Covers a display with a borderless window first, then asks for "full screen desktop": without a window
// manager (a bare X server, some kiosk setups) the request alone changes SDL's idea of the size, not the
// window's, and the picture would stay small.
void coverDisplay(SDL_Window* w, int display) {
  SDL_Rect bounds{};
  if (SDL_GetDisplayBounds(display, &bounds) == 0) {
    SDL_SetWindowBordered(w, SDL_FALSE);
    SDL_SetWindowPosition(w, bounds.x, bounds.y);
    SDL_SetWindowSize(w, bounds.w, bounds.h);
  }
  SDL_SetWindowFullscreen(w, SDL_WINDOW_FULLSCREEN_DESKTOP);
}

// DejaVu covers Latin, Cyrillic and punctuation (the default ImGui font is ASCII only). Every size given is
// added to the current ImGui context's atlas, in order.
void loadFontsInto(ImGuiIO& io, const std::string& fontFile, std::initializer_list<float> sizes) {
  io.Fonts->Clear();
  static ImVector<ImWchar> ranges;  // the atlas keeps a pointer to it until it is built again
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
    static const ImWchar extra[] = {0x0100, 0x024F, 0x2000, 0x206F, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};
    builder.AddRanges(extra);
    builder.BuildRanges(&ranges);
  }
  for (const float size : sizes) {
    if (fontFile.empty() || !io.Fonts->AddFontFromFileTTF(fontFile.c_str(), std::round(size), nullptr, ranges.Data)) {
      ImFontConfig config;
      config.SizePixels = std::round(size);
      io.Fonts->AddFontDefault(&config);
    }
  }
  io.Fonts->Build();
}

// The back buffer of the window the context is current on, RGBA8, row 0 = bottom.
std::vector<std::uint8_t> readDefaultFramebuffer(int w, int h) {
  std::vector<std::uint8_t> pixels(static_cast<size_t>(w) * h * 4);
  glFinish();
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  return pixels;
}

}  // namespace

struct Window::Impl {
  std::unique_ptr<GlContext> gl;
  SDL_Window* window = nullptr;
  bool imgui = false;
  bool fullscreen = false;
  SDL_Rect windowed{};  ///< position and size to come back to from full screen
  float uiScale = 1.f;
  std::string fontFile;
  bool mouseOverride = false;
  float mouseX = 0, mouseY = 0;
  ImGuiContext* mainImGui = nullptr;
  /// The presenter's window: drawn with gl's context, its own ImGui context and backend instances (the 1.86
  /// backends keep their state in the ImGui context's IO, so two instances do not share anything).
  SDL_Window* presenter = nullptr;
  Uint32 presenterId = 0;
  ImGuiContext* presenterImGui = nullptr;
  bool presenterClosed = false;

  ~Impl() {
    closePresenter();
    if (imgui) {
      ImGui::SetCurrentContext(mainImGui);
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplSDL2_Shutdown();
      ImGui::DestroyContext();
    }
  }

  void loadFonts() { loadFontsInto(ImGui::GetIO(), fontFile, {15.f * uiScale}); }

  void closePresenter() {
    if (!presenter) return;
    SDL_GL_MakeCurrent(presenter, gl->sdlContext());  // the backend deletes its GL objects
    ImGui::SetCurrentContext(presenterImGui);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext(presenterImGui);
    ImGui::SetCurrentContext(mainImGui);
    SDL_GL_MakeCurrent(window, gl->sdlContext());
    SDL_DestroyWindow(presenter);
    presenter = nullptr;
    presenterImGui = nullptr;
    presenterId = 0;
  }
};

Window::Window(const WindowOptions& options) : m_impl(std::make_unique<Impl>()) {
  // Fit the display before the window opens, so the menu and status bars are on screen from the first frame
  // (a 1366×768 laptop cannot show 1600×960). SDL video is started here for the display's bounds; the
  // context keeps its own reference.
  session::WindowPlacement place{INT_MIN, INT_MIN, options.width, options.height, false};
  // The show stays full screen while the presenter works in the presenter window on the other display (SDL
  // would otherwise minimise a full-screen window that loses the focus).
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
    SDL_Rect usable{};
    if (!options.exactSize && SDL_GetDisplayUsableBounds(0, &usable) == 0)
      place = session::fitWindow(options.remembered, options.width, options.height, {usable.x, usable.y, usable.w, usable.h});
    m_impl->gl = std::make_unique<GlContext>(GlContextOptions{options.title, place.width, place.height, true});
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
  } else {
    m_impl->gl = std::make_unique<GlContext>(GlContextOptions{options.title, place.width, place.height, true});
  }
  m_impl->window = m_impl->gl->sdlWindow();
  if (place.x != INT_MIN && place.y != INT_MIN) SDL_SetWindowPosition(m_impl->window, place.x, place.y);
  if (place.maximized) SDL_MaximizeWindow(m_impl->window);

  float scale = options.uiScale;
  if (scale <= 0) {
    float ddpi = 0;
    const int display = std::max(0, SDL_GetWindowDisplayIndex(m_impl->window));
    scale = (SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) == 0 && ddpi > 0) ? ddpi / 96.f : 1.f;
    // Where the drawable is already denser than the window (macOS, Wayland), that part of the DPI is
    // covered by the pixel ratio; the UI scale is what remains.
    scale = std::clamp(scale / std::max(1.f, pixelRatio()), 1.f, 3.f);
  }
  m_impl->uiScale = scale;

  {
    IMGUI_CHECKVERSION();
    m_impl->mainImGui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the application stores its own settings; never write imgui.ini into the cwd
    ImGui::StyleColorsLight();
    ImGui::GetStyle().ScaleAllSizes(scale);
    m_impl->fontFile = options.uiFontFile;
    ImGui_ImplSDL2_InitForOpenGL(m_impl->window, SDL_GL_GetCurrentContext());
    ImGui_ImplOpenGL3_Init("#version 330 core");
    m_impl->imgui = true;
  }
}

Window::~Window() = default;

void Window::wakeUp() {
  SDL_Event e{};
  e.type = SDL_USEREVENT;
  SDL_PushEvent(&e);  // fails only when the queue is full, and then the loop is awake anyway
}

std::vector<InputEvent> Window::pollEvents(int timeoutMs) {
  std::vector<InputEvent> events;
  SDL_Event e;
  bool have = timeoutMs > 0 ? SDL_WaitEventTimeout(&e, timeoutMs) != 0 : SDL_PollEvent(&e) != 0;
  while (have) {
    const bool forPresenter = m_impl->presenter && eventWindowId(e) == m_impl->presenterId;
    if (forPresenter) {
      ImGui::SetCurrentContext(m_impl->presenterImGui);
      ImGui_ImplSDL2_ProcessEvent(&e);
      ImGui::SetCurrentContext(m_impl->mainImGui);
      // Keys work from either window (the presenter's laptop has the focus, the clicker types into it); its
      // mouse is its own, never the map's or the laser's.
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) {
        m_impl->closePresenter();
        m_impl->presenterClosed = true;
        events.emplace_back(ResizeEvent{});  // a frame to show the change
      } else if (e.type == SDL_WINDOWEVENT) {
        events.emplace_back(ResizeEvent{});
      }
      if (e.type != SDL_KEYDOWN && e.type != SDL_KEYUP) {
        have = SDL_PollEvent(&e) != 0;
        continue;
      }
    } else if (m_impl->imgui) {
      ImGui_ImplSDL2_ProcessEvent(&e);
    }
    const SDL_Keymod mods = SDL_GetModState();
    switch (e.type) {
      case SDL_QUIT: events.emplace_back(QuitEvent{}); break;
      case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_EXPOSED)
          events.emplace_back(ResizeEvent{});
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) events.emplace_back(QuitEvent{});
        break;
      case SDL_MOUSEMOTION: {
        const float r = pixelRatio();
        events.emplace_back(MouseMoveEvent{e.motion.x * r, e.motion.y * r});
        break;
      }
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP: {
        const float r = pixelRatio();
        events.emplace_back(MouseButtonEvent{e.button.button, e.type == SDL_MOUSEBUTTONDOWN, e.button.x * r,
                                             e.button.y * r, e.button.clicks});
        break;
      }
      case SDL_MOUSEWHEEL: {
        int mx = 0, my = 0;
        SDL_GetMouseState(&mx, &my);
        const float r = pixelRatio();
        float dy = static_cast<float>(e.wheel.y), dx = static_cast<float>(e.wheel.x);
        if (e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED) { dy = -dy; dx = -dx; }
        events.emplace_back(MouseWheelEvent{dx, dy, mx * r, my * r});
        break;
      }
      case SDL_KEYDOWN:
      case SDL_KEYUP:
        events.emplace_back(KeyEvent{translateKey(e.key.keysym.sym), e.type == SDL_KEYDOWN, (mods & KMOD_CTRL) != 0,
                                     (mods & KMOD_SHIFT) != 0, e.key.repeat != 0});
        break;
      case SDL_DROPFILE:
        if (e.drop.file) {
          events.emplace_back(DropFileEvent{e.drop.file});
          SDL_free(e.drop.file);
        }
        break;
      default: break;
    }
    have = SDL_PollEvent(&e) != 0;
  }
  return events;
}

bool Window::imguiWantsMouse() const { return m_impl->imgui && ImGui::GetIO().WantCaptureMouse; }
bool Window::imguiWantsKeyboard() const { return m_impl->imgui && ImGui::GetIO().WantCaptureKeyboard; }

void Window::beginImGuiFrame() {
  if (!m_impl->imgui) return;
  if (ImGui::GetIO().Fonts->Fonts.empty()) m_impl->loadFonts();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  // The 1.86 SDL backend polls the OS cursor; a test-driven position must be set after it.
  if (m_impl->mouseOverride) ImGui::GetIO().MousePos = ImVec2(m_impl->mouseX, m_impl->mouseY);
  ImGui::NewFrame();
}

void Window::endImGuiFrame() {
  if (!m_impl->imgui) return;
  // The map renders into a sub-rectangle with a scissor; ImGui draws over the whole window.
  glDisable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, drawableWidth(), drawableHeight());
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

std::vector<std::uint8_t> Window::readBackBuffer() { return readDefaultFramebuffer(drawableWidth(), drawableHeight()); }

void Window::swap() { SDL_GL_SwapWindow(m_impl->window); }

int Window::drawableWidth() const {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(m_impl->window, &w, &h);
  return w;
}

int Window::drawableHeight() const {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(m_impl->window, &w, &h);
  return h;
}

float Window::pixelRatio() const {
  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(m_impl->window, &w, &h);
  SDL_GL_GetDrawableSize(m_impl->window, &dw, &dh);
  return w > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.f;
}

float Window::uiScale() const { return m_impl->uiScale; }

void Window::setUiScale(float scale) {
  scale = std::clamp(scale, 0.75f, 4.f);
  if (!m_impl->imgui || std::abs(scale - m_impl->uiScale) < 1e-3f) return;
  ImGuiStyle fresh;
  ImGui::StyleColorsLight(&fresh);
  fresh.ScaleAllSizes(scale);
  ImGui::GetStyle() = fresh;
  m_impl->uiScale = scale;
  m_impl->loadFonts();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

int Window::displayCount() const { return std::max(1, SDL_GetNumVideoDisplays()); }

std::string Window::displayName(int index) const {
  const char* name = SDL_GetDisplayName(index);
  SDL_Rect bounds{};
  SDL_GetDisplayBounds(index, &bounds);
  return std::to_string(index + 1) + ": " + (name ? name : "display") + " (" + std::to_string(bounds.w) + "×" +
         std::to_string(bounds.h) + ")";
}

void Window::setFullscreenOn(int display) {
  if (display >= 0 && display < SDL_GetNumVideoDisplays() && SDL_GetWindowDisplayIndex(m_impl->window) != display) {
    // Full screen goes to the display the window is on, so move it there first (through setFullscreen,
    // which keeps our own flag and the windowed size in step; a bare SDL call left the flag set and the
    // next setFullscreen(true) did nothing).
    setFullscreen(false);
    SDL_Rect bounds{};
    if (SDL_GetDisplayBounds(display, &bounds) == 0)
      SDL_SetWindowPosition(m_impl->window, bounds.x + bounds.w / 4, bounds.y + bounds.h / 4);
  }
  setFullscreen(true);
}

void Window::setFullscreen(bool on) {
  if (on == m_impl->fullscreen) return;
  SDL_Window* w = m_impl->window;
  if (on) {
    SDL_GetWindowPosition(w, &m_impl->windowed.x, &m_impl->windowed.y);
    SDL_GetWindowSize(w, &m_impl->windowed.w, &m_impl->windowed.h);
    coverDisplay(w, std::max(0, SDL_GetWindowDisplayIndex(w)));
  } else {
    SDL_SetWindowFullscreen(w, 0);
    SDL_SetWindowBordered(w, SDL_TRUE);
    if (m_impl->windowed.w > 0) {
      SDL_SetWindowSize(w, m_impl->windowed.w, m_impl->windowed.h);
      SDL_SetWindowPosition(w, m_impl->windowed.x, m_impl->windowed.y);
    }
  }
  m_impl->fullscreen = on;
}

bool Window::fullscreen() const { return m_impl->fullscreen; }
void Window::setTitle(const std::string& title) { SDL_SetWindowTitle(m_impl->window, title.c_str()); }

void Window::overrideMousePosition(float x, float y) {
  m_impl->mouseOverride = true;
  m_impl->mouseX = x;
  m_impl->mouseY = y;
}

std::string Window::videoDriver() const {
  const char* d = SDL_GetCurrentVideoDriver();
  return d ? d : "";
}

void Window::openPresenterWindow(int display, const std::string& title) {
  Impl& m = *m_impl;
  if (display >= SDL_GetNumVideoDisplays()) display = -1;
  if (!m.presenter) {
    // A window of its own on the display the show is not on, or beside the main window on the same one.
    const int home = display >= 0 ? display : std::max(0, SDL_GetWindowDisplayIndex(m.window));
    SDL_Rect usable{0, 0, 1280, 800};
    SDL_GetDisplayUsableBounds(home, &usable);
    const int w = std::min(1100, usable.w * 3 / 4), h = std::min(700, usable.h * 3 / 4);
    m.presenter = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED_DISPLAY(home), SDL_WINDOWPOS_CENTERED_DISPLAY(home),
                                   w, h, SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE | SDL_WINDOW_SHOWN);
    if (!m.presenter) throw PlatformError(std::string("cannot open the presenter window: ") + SDL_GetError());
    if (SDL_GL_MakeCurrent(m.presenter, m.gl->sdlContext()) != 0) {
      const std::string why = SDL_GetError();
      SDL_DestroyWindow(m.presenter);
      m.presenter = nullptr;
      SDL_GL_MakeCurrent(m.window, m.gl->sdlContext());
      throw PlatformError("cannot draw into the presenter window: " + why);
    }
    m.presenterId = SDL_GetWindowID(m.presenter);
    m.presenterImGui = ImGui::CreateContext();
    ImGui::SetCurrentContext(m.presenterImGui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui::StyleColorsDark();  // the presenter sits in a darkened room too
    ImGui::GetStyle().ScaleAllSizes(m.uiScale);
    // [0] text, [1] large type (notes, counter, clock): read at arm's length while talking.
    loadFontsInto(io, m.fontFile, {20.f * m.uiScale, 30.f * m.uiScale});
    ImGui_ImplSDL2_InitForOpenGL(m.presenter, m.gl->sdlContext());
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(m.mainImGui);
    SDL_GL_MakeCurrent(m.window, m.gl->sdlContext());
  }
  if (display >= 0) {
    coverDisplay(m.presenter, display);
  } else if (SDL_GetWindowFlags(m.presenter) & SDL_WINDOW_FULLSCREEN_DESKTOP) {
    SDL_SetWindowFullscreen(m.presenter, 0);
    SDL_SetWindowBordered(m.presenter, SDL_TRUE);
  }
}

void Window::closePresenterWindow() { m_impl->closePresenter(); }
void Window::setPresenterTitle(const std::string& title) {
  if (m_impl->presenter) SDL_SetWindowTitle(m_impl->presenter, title.c_str());
}
bool Window::presenterWindowOpen() const { return m_impl->presenter != nullptr; }

bool Window::takePresenterCloseRequest() { return std::exchange(m_impl->presenterClosed, false); }

void Window::requestPresenterClose() {
  if (!m_impl->presenter) return;
  SDL_Event e{};
  e.type = SDL_WINDOWEVENT;
  e.window.event = SDL_WINDOWEVENT_CLOSE;
  e.window.windowID = m_impl->presenterId;
  SDL_PushEvent(&e);
}

void Window::beginPresenterFrame() {
  Impl& m = *m_impl;
  if (!m.presenter) return;
  SDL_GL_MakeCurrent(m.presenter, m.gl->sdlContext());
  ImGui::SetCurrentContext(m.presenterImGui);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void Window::endPresenterFrame() {
  Impl& m = *m_impl;
  if (!m.presenter) return;
  glDisable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, presenterDrawableWidth(), presenterDrawableHeight());
  glClearColor(0.06f, 0.06f, 0.07f, 1.f);  // the whole window: Mesa's X11 path keeps older frames' pixels
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ImGui::SetCurrentContext(m.mainImGui);
}

std::vector<std::uint8_t> Window::readPresenterBackBuffer() {
  return readDefaultFramebuffer(presenterDrawableWidth(), presenterDrawableHeight());
}

void Window::swapPresenter() {
  Impl& m = *m_impl;
  if (!m.presenter) return;
  SDL_GL_SwapWindow(m.presenter);
  SDL_GL_MakeCurrent(m.window, m.gl->sdlContext());
}

int Window::presenterDrawableWidth() const {
  int w = 0, h = 0;
  if (m_impl->presenter) SDL_GL_GetDrawableSize(m_impl->presenter, &w, &h);
  return w;
}

int Window::presenterDrawableHeight() const {
  int w = 0, h = 0;
  if (m_impl->presenter) SDL_GL_GetDrawableSize(m_impl->presenter, &w, &h);
  return h;
}

session::ScreenRect Window::presenterWindowRect() const {
  session::ScreenRect r;
  if (!m_impl->presenter) return r;
  SDL_GetWindowPosition(m_impl->presenter, &r.x, &r.y);
  SDL_GetWindowSize(m_impl->presenter, &r.w, &r.h);
  return r;
}

int Window::presenterDisplay() const { return m_impl->presenter ? SDL_GetWindowDisplayIndex(m_impl->presenter) : -1; }
int Window::displayIndex() const { return SDL_GetWindowDisplayIndex(m_impl->window); }

session::WindowPlacement Window::placement() const {
  session::WindowPlacement p;
  const Uint32 flags = SDL_GetWindowFlags(m_impl->window);
  p.maximized = (flags & SDL_WINDOW_MAXIMIZED) != 0;
  if (m_impl->fullscreen) {  // full screen is for presenting: remember the window it came from
    p.x = m_impl->windowed.x;
    p.y = m_impl->windowed.y;
    p.width = m_impl->windowed.w;
    p.height = m_impl->windowed.h;
  } else {
    SDL_GetWindowPosition(m_impl->window, &p.x, &p.y);
    SDL_GetWindowSize(m_impl->window, &p.width, &p.height);
  }
  return p;
}

session::ScreenRect Window::usableDisplayBounds() const {
  SDL_Rect r{};
  if (SDL_GetDisplayUsableBounds(std::max(0, SDL_GetWindowDisplayIndex(m_impl->window)), &r) != 0) return {};
  return {r.x, r.y, r.w, r.h};
}

int Window::width() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(m_impl->window, &w, &h);
  return w;
}

int Window::height() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(m_impl->window, &w, &h);
  return h;
}

}  // namespace briefmap::platform
