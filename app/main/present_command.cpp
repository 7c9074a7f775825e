#include <cstdio>
#include <filesystem>

#include "briefmap/briefing/briefing.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/platform/window.hpp"
#include "briefmap/render/png_writer.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/ui/application.hpp"
#include "briefmap/ui/briefing_controller.hpp"
#include "briefmap/ui/map_session.hpp"
#include "commands.hpp"

namespace briefmap::cli {

namespace {

// Rehearsal without a screen: every slide as presentation mode draws it, one PNG each.
int exportSlides(const PresentOptions& options) {
  namespace fs = std::filesystem;
  ui::MapSession session(data::findGeodataDir());
  ui::AppState state;
  if (!openBriefingForCommand(state, session, options.briefing, "present")) return 1;
  const int count = static_cast<int>(state.briefing.doc.slides.size());
  if (count == 0) {
    std::fprintf(stderr, "briefmap present: %s has no slides\n", options.briefing.c_str());
    return 1;
  }
  // The folder is made only once the briefing is known to be good: a typo leaves nothing behind.
  std::error_code ec;
  fs::create_directories(options.exportSlides, ec);
  if (!fs::is_directory(options.exportSlides, ec)) {
    std::fprintf(stderr, "briefmap present: cannot write slides to %s: not a folder\n", options.exportSlides.c_str());
    return 1;
  }
  auto window = platform::Window::headless();
  render::Renderer renderer;
  render::OffscreenTarget target(options.width, options.height, 1);
  const float pixelRatio = ui::presentationPixelRatio(state, options.height, 1.f);
  for (int i = 0; i < count; ++i) {
    ui::prepareSlide(state, session, i, options.width, options.height);
    renderer.render(ui::presentationSnapshot(state, session, options.width, options.height, pixelRatio), target);
    const auto pixels = target.readPixels();
    char name[32];
    std::snprintf(name, sizeof name, "slide-%02d.png", i + 1);
    const fs::path out = fs::path(options.exportSlides) / name;
    render::PngOptions png;
    png.textChunks = {{"Title", state.briefing.doc.slides[i].title},
                      {"Software", "briefmap"},
                      {"Copyright", "Natural Earth (public domain); places: GeoNames (geonames.org), CC BY 4.0"}};
    render::writePng(out, pixels.data(), options.width, options.height, /*flipRows=*/true, png);
    if (!options.quiet) std::printf("wrote %s  %s\n", out.c_str(), state.briefing.doc.slides[i].title.c_str());
  }
  for (const auto& m : state.messages)
    if (m.level == ui::MessageLevel::Error) std::fprintf(stderr, "briefmap present: %s\n", m.text.c_str());
  return 0;
}

}  // namespace

bool openBriefingForCommand(ui::AppState& state, ui::MapSession& session, const std::string& path, const char* command) {
  try {
    ui::openBriefingHeadless(state, session, path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap %s: %s\n", command, e.what());
    return false;
  }
  for (const auto& m : state.messages)
    if (m.level != ui::MessageLevel::Info) std::fprintf(stderr, "briefmap %s: warning: %s\n", command, m.text.c_str());
  return true;
}

int runPresent(const PresentOptions& options) {
  try {
    if (!options.exportSlides.empty()) return exportSlides(options);
    ui::ApplicationOptions gui;
    gui.briefing = options.briefing;
    gui.present = true;
    gui.startSlide = options.startSlide;
    gui.display = options.display;
    gui.fullscreen = false;
    return ui::runApplication(gui);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap present: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
