// The presenter view in a window of its own, through a real X server (Xvfb): the application's windows found,
// driven and read back with libX11 as a user and a screen recorder would meet them.
#include <gtest/gtest.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/keysym.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefmap/render/png_writer.hpp"
#include "cli_support.hpp"
#include "image_compare.hpp"

namespace fs = std::filesystem;
using briefmap::clitest::CommandResult;
using briefmap::clitest::freshConfigHome;
using briefmap::clitest::readFile;
using briefmap::clitest::runWithConfig;
using briefmap::clitest::tempDir;
using briefmap::clitest::XvfbServer;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWallW = 1920, kWallH = 1080, kSideW = 1280, kSideH = 800;  // screen 0 and screen 1, side by side

struct XWindowSeen {
  ::Window id = 0;
  int x = 0, y = 0, w = 0, h = 0;
  std::string title;
};

// Xlib's default error handler ends the process. A top-level window may be destroyed between listing the root's
// children and asking for its attributes (the application's short-lived windows do that): such a request fails
// with BadWindow, which is no error of the test; the call returns 0 and the window is skipped.
class IgnoreVanishedWindows {
 public:
  IgnoreVanishedWindows() : m_previous(XSetErrorHandler(&ignoreBadWindow)) {}
  ~IgnoreVanishedWindows() { XSetErrorHandler(m_previous); }
  IgnoreVanishedWindows(const IgnoreVanishedWindows&) = delete;
  IgnoreVanishedWindows& operator=(const IgnoreVanishedWindows&) = delete;

 private:
  static int ignoreBadWindow(::Display* d, XErrorEvent* e) {
    if (e->error_code == BadWindow || e->error_code == BadDrawable) return 0;
    char text[256] = {};
    XGetErrorText(d, e->error_code, text, sizeof text);
    ADD_FAILURE() << "X error " << static_cast<int>(e->error_code) << " (" << text << "), request "
                  << static_cast<int>(e->request_code);
    return 0;
  }
  XErrorHandler m_previous;
};

// The mapped top-level windows of the server (no window manager: they are the root's children).
std::vector<XWindowSeen> mappedWindows(::Display* d) {
  std::vector<XWindowSeen> out;
  ::Window root = 0, parent = 0, *children = nullptr;
  unsigned count = 0;
  if (!XQueryTree(d, DefaultRootWindow(d), &root, &parent, &children, &count)) return out;
  for (unsigned i = 0; i < count; ++i) {
    XWindowAttributes a{};
    if (!XGetWindowAttributes(d, children[i], &a) || a.map_state != IsViewable || a.width < 100) continue;
    XWindowSeen w{children[i], a.x, a.y, a.width, a.height, {}};
    char* name = nullptr;
    if (XFetchName(d, children[i], &name) && name) {
      w.title = name;
      XFree(name);
    }
    out.push_back(w);
  }
  if (children) XFree(children);
  return out;
}

std::optional<XWindowSeen> windowTitled(::Display* d, const std::string& part) {
  for (const auto& w : mappedWindows(d))
    if (w.title.find(part) != std::string::npos) return w;
  return std::nullopt;
}

// Waits up to `seconds` for `ready` to hold, polling the server.
template <typename Ready>
bool waitFor(double seconds, Ready ready) {
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return ready();
}

// A key pressed and released in a window that has the keyboard focus (as a click would give it).
void pressKey(::Display* d, ::Window w, KeySym sym) {
  XSetInputFocus(d, w, RevertToParent, CurrentTime);
  XSync(d, False);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (const int type : {KeyPress, KeyRelease}) {
    XKeyEvent e{};
    e.type = type;
    e.display = d;
    e.window = w;
    e.root = DefaultRootWindow(d);
    e.subwindow = None;
    e.time = CurrentTime;
    e.x = e.y = e.x_root = e.y_root = 1;
    e.same_screen = True;
    e.keycode = XKeysymToKeycode(d, sym);
    XSendEvent(d, w, True, type == KeyPress ? KeyPressMask : KeyReleaseMask, reinterpret_cast<XEvent*>(&e));
  }
  XFlush(d);
}

// What a window manager sends when the user clicks a window's close button.
void closeWindow(::Display* d, ::Window w) {
  XEvent e{};
  e.xclient.type = ClientMessage;
  e.xclient.window = w;
  e.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
  e.xclient.format = 32;
  e.xclient.data.l[0] = static_cast<long>(XInternAtom(d, "WM_DELETE_WINDOW", False));
  e.xclient.data.l[1] = CurrentTime;
  XSendEvent(d, w, False, NoEventMask, &e);
  XFlush(d);
}

// Both screens as the X server shows them (the root window spans them under Xinerama), RGBA, row 0 = top.
struct Screenshot {
  int w = 0, h = 0;
  std::vector<std::uint8_t> rgba;
  std::array<int, 3> at(int x, int y) const {
    const size_t o = (static_cast<size_t>(y) * w + x) * 4;
    return {rgba[o], rgba[o + 1], rgba[o + 2]};
  }
};

Screenshot grabRoot(::Display* d) {
  XWindowAttributes a{};
  XGetWindowAttributes(d, DefaultRootWindow(d), &a);
  Screenshot s;
  XImage* image = XGetImage(d, DefaultRootWindow(d), 0, 0, a.width, a.height, AllPlanes, ZPixmap);
  if (!image) return s;
  s.w = a.width;
  s.h = a.height;
  s.rgba.resize(static_cast<size_t>(s.w) * s.h * 4);
  for (int y = 0; y < s.h; ++y)
    for (int x = 0; x < s.w; ++x) {
      const unsigned long p = XGetPixel(image, x, y);
      std::uint8_t* o = &s.rgba[(static_cast<size_t>(y) * s.w + x) * 4];
      o[0] = static_cast<std::uint8_t>((p & image->red_mask) >> 16);
      o[1] = static_cast<std::uint8_t>((p & image->green_mask) >> 8);
      o[2] = static_cast<std::uint8_t>(p & image->blue_mask);
      o[3] = 255;
    }
  XDestroyImage(image);
  return s;
}

// Share of sampled pixels in a rectangle that differ between two screenshots by more than a faint shade.
double changedShare(const Screenshot& a, const Screenshot& b, int x0, int y0, int w, int h) {
  size_t changed = 0, total = 0;
  for (int y = y0; y < y0 + h; y += 3)
    for (int x = x0; x < x0 + w; x += 3) {
      const auto p = a.at(x, y), q = b.at(x, y);
      changed += std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 30;
      ++total;
    }
  return total ? static_cast<double>(changed) / total : 0;
}

// Distinct colours (to 4 bits a channel) among sampled pixels of a rectangle: a drawn map or text has many,
// an empty or black area one or two.
size_t coloursIn(const Screenshot& s, int x0, int y0, int w, int h) {
  std::vector<bool> seen(4096);
  size_t n = 0;
  for (int y = y0; y < y0 + h; y += 4)
    for (int x = x0; x < x0 + w; x += 4) {
      const auto p = s.at(x, y);
      const int key = (p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4);
      if (!seen[key]) ++n;
      seen[key] = true;
    }
  return n;
}

void savePng(const Screenshot& s, const fs::path& path) { briefmap::render::writePng(path, s.rgba.data(), s.w, s.h, false); }

std::string briefingFile() { return std::string(BRIEFMAP_SOURCE_DIR) + "/geodata/briefings/security-guarantees.json"; }

}  // namespace

// F5 on one display, then P: the presenter view opens as a window of its own beside the full-screen show, two X
// windows. A PageDown typed into the presenter window changes the slide on the wall and in the presenter's
// pictures; closing the presenter window (the window manager's close) leaves the show running, and a PageDown
// into the show's window still steps on. Screenshots as the X server shows them: presenter-x-*.png in the test's
// temporary folder.
TEST(Smoke, PresenterWindowBesideTheShowThroughTheXServer) {
  XvfbServer x(std::to_string(kWallW) + "x" + std::to_string(kWallH) + "x24");
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not installed";
  const fs::path dir = tempDir() / "presenter-x";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto view = dir / "view.json";
  const IgnoreVanishedWindows ignoreVanishedWindows;
  ::Display* d = XOpenDisplay(x.display().c_str());
  ASSERT_NE(d, nullptr);
  // The application runs until the test closes its window; `timeout` ends it should the test never get there,
  // before CTest's own limit, so that no run outlives the test.
  auto app = std::async(std::launch::async, [&] {
    return runWithConfig(freshConfigHome(),
                         "--window-size 900x700 --briefing '" + briefingFile() +
                             "' --key F5 --key P --quit-after-frames 1000000000 --dump-view '" + view.string() + "'",
                         "DISPLAY=" + x.display() + " SDL_VIDEODRIVER=x11 timeout -k 10 420");
  });
  std::optional<XWindowSeen> presenter, show;
  const bool opened = waitFor(120, [&] {
    presenter = windowTitled(d, "presenter view: 1 / 8");
    for (const auto& w : mappedWindows(d))
      if (!presenter || w.id != presenter->id) show = w;
    return presenter && show && show->w == kWallW;
  });
  std::vector<XWindowSeen> windows = mappedWindows(d);
  if (!opened) {
    if (show) closeWindow(d, show->id);
    const CommandResult r = app.get();
    XCloseDisplay(d);
    FAIL() << "no presenter window beside the full-screen show; the app said: " << r.output;
  }
  EXPECT_EQ(windows.size(), 2u);
  // The show covers the screen; the presenter window is a smaller one on it, over the show.
  EXPECT_EQ(show->x, 0);
  EXPECT_EQ(show->y, 0);
  EXPECT_EQ(show->h, kWallH);
  EXPECT_LT(presenter->w, kWallW);
  EXPECT_GE(presenter->x, 0);
  EXPECT_LE(presenter->x + presenter->w, kWallW);
  ASSERT_GT(presenter->x, 200) << "the show's own pixels are compared left of the presenter window";
  const int showStripW = presenter->x;

  // Slide 1 with its data in: the wall shows a map (many colours), the presenter window pictures and text.
  waitFor(60, [&] {
    const Screenshot s = grabRoot(d);
    return coloursIn(s, 0, 0, showStripW, kWallH) > 40 && coloursIn(s, presenter->x, presenter->y, presenter->w, presenter->h) > 40;
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the finer bands and the pictures drawn from them
  const Screenshot first = grabRoot(d);
  savePng(first, dir / "presenter-x-1-slide1.png");
  EXPECT_GT(coloursIn(first, 0, 0, showStripW, kWallH), 40u);
  EXPECT_GT(coloursIn(first, presenter->x, presenter->y, presenter->w, presenter->h), 40u);

  // PageDown typed into the presenter window: slide 2 on the wall and in the presenter window.
  pressKey(d, presenter->id, XK_Next);
  EXPECT_TRUE(waitFor(30, [&] { return windowTitled(d, "presenter view: 2 / 8").has_value(); }))
      << "a PageDown in the presenter window did not step the show";
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the flight (under a second) and the pictures
  const Screenshot second = grabRoot(d);
  savePng(second, dir / "presenter-x-2-slide2.png");
  // The wall's map changed (other options, another framing), and so did the presenter's pictures (the upper
  // half of its window, where both pictures are), not only its clock.
  EXPECT_GT(changedShare(first, second, 0, 0, showStripW, kWallH), 0.05);
  EXPECT_GT(changedShare(first, second, presenter->x, presenter->y + presenter->h / 8, presenter->w, presenter->h * 3 / 8), 0.05);

  // The window manager's close on the presenter window: the window goes, the show stays.
  closeWindow(d, presenter->id);
  EXPECT_TRUE(waitFor(30, [&] { return !windowTitled(d, "presenter view").has_value(); }))
      << "the presenter window did not close";
  std::this_thread::sleep_for(std::chrono::seconds(1));
  windows = mappedWindows(d);
  ASSERT_EQ(windows.size(), 1u) << "the show's window should remain";
  EXPECT_EQ(windows[0].id, show->id);
  EXPECT_EQ(windows[0].w, kWallW);
  const Screenshot closed = grabRoot(d);
  savePng(closed, dir / "presenter-x-3-closed.png");
  EXPECT_GT(coloursIn(closed, 0, 0, kWallW, kWallH), 40u) << "the show is no longer drawn";

  // The show still takes the clicker: PageDown into its window, then the window's own close ends the run.
  pressKey(d, show->id, XK_Next);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  savePng(grabRoot(d), dir / "presenter-x-4-slide3.png");
  closeWindow(d, show->id);
  const CommandResult r = app.get();
  XCloseDisplay(d);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto dumped = nlohmann::json::parse(readFile(view));
  EXPECT_TRUE(dumped.at("presenting").get<bool>()) << dumped.dump();
  EXPECT_EQ(dumped.at("slide").at("index").get<int>(), 2) << "one PageDown from each window";
}

// Two displays, scripted inside the application: F5 puts the show full screen on display 1 and the presenter
// window full screen on display 2; after one PageDown the layout dump records the pictures of slides 2 and 3
// and the presenter window's own screenshot shows them. With --presenter-display 0 no presenter window opens at
// the start, and P opens one as a window. Two X screens, not Xinerama: SDL 2.26 finds displays through XRandR
// (one output per X screen under Xvfb) and has no Xinerama support, so Xvfb's +xinerama gives it one display.
TEST(Smoke, PresenterWindowOnTheSecondDisplayShowsThisAndTheNextSlide) {
  XvfbServer x({"-screen", "0", "1920x1080x24", "-screen", "1", "1280x800x24"});
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not installed";
  const fs::path dir = tempDir() / "presenter-scripted";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string environment = "DISPLAY=" + x.display() + " SDL_VIDEODRIVER=x11";
  {
    const auto layout = dir / "layout.json", shot = dir / "presenter.png";
    const CommandResult r = runWithConfig(freshConfigHome(),
                                          "--window-size 900x700 --briefing '" + briefingFile() +
                                              "' --key F5 --key PageDown --quit-after-frames 5 --dump-layout '" +
                                              layout.string() + "' --presenter-screenshot '" + shot.string() + "'",
                                          environment);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto j = nlohmann::json::parse(readFile(layout));
    EXPECT_EQ(j.at("displays").get<int>(), 2) << j.dump();
    EXPECT_EQ(j.at("display").get<int>(), 0);
    const auto& p = j.at("presenter");
    ASSERT_TRUE(p.at("open").get<bool>()) << j.dump();
    EXPECT_EQ(p.at("display").get<int>(), 1);
    EXPECT_EQ(p.at("window").at("x").get<int>(), 0);  // the second X screen's own origin
    EXPECT_EQ(p.at("window").at("y").get<int>(), 0);
    EXPECT_EQ(p.at("window").at("w").get<int>(), kSideW);
    EXPECT_EQ(p.at("window").at("h").get<int>(), kSideH);
    EXPECT_EQ(p.at("current_slide").get<int>(), 1);
    EXPECT_EQ(p.at("next_slide").get<int>(), 2);
    const auto image = briefmap::imagetest::readPng(shot.string());
    ASSERT_EQ(image.width, kSideW);
    ASSERT_EQ(image.height, kSideH);
    const Screenshot presenterShot{image.width, image.height, image.rgba};
    // Both pictures hold a drawn map: many colours, not the window's plain background.
    for (const char* which : {"current_picture", "next_picture"}) {
      const auto& box = p.at(which);
      const int x0 = box.at("x").get<int>(), y0 = box.at("y").get<int>();
      const int w = box.at("w").get<int>(), h = box.at("h").get<int>();
      EXPECT_GT(w, kSideW / 5) << which;
      EXPECT_GT(coloursIn(presenterShot, x0 + 2, y0 + 2, w - 4, h - 4), 30u) << which << " looks empty";
    }
  }
  {
    const auto layout = dir / "layout-no-presenter.json";
    CommandResult r = runWithConfig(freshConfigHome(),
                                    "--window-size 900x700 --presenter-display 0 --briefing '" + briefingFile() +
                                        "' --key F5 --quit-after-frames 5 --dump-layout '" + layout.string() + "'",
                                    environment);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_FALSE(nlohmann::json::parse(readFile(layout)).at("presenter").at("open").get<bool>());
    r = runWithConfig(freshConfigHome(),
                      "--window-size 900x700 --presenter-display 0 --briefing '" + briefingFile() +
                          "' --key F5 --key P --quit-after-frames 5 --dump-layout '" + layout.string() + "'",
                      environment);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto j = nlohmann::json::parse(readFile(layout));
    const auto& p = j.at("presenter");
    ASSERT_TRUE(p.at("open").get<bool>()) << j.dump();
    // A window of its own, not full screen: smaller than the display it is on.
    EXPECT_LT(p.at("window").at("w").get<int>(), kWallW);
    EXPECT_EQ(p.at("current_slide").get<int>(), 0);
  }
}
