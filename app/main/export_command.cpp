#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>

#include "briefmap/data/raster_writer.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/platform/window.hpp"
#include "briefmap/render/png_writer.hpp"
#include "briefmap/render/renderer.hpp"
#include "commands.hpp"
#include "briefmap/ui/map_session.hpp"

namespace briefmap::cli {

namespace {
// BRIEFMAP_TRACE=1 prints how long each phase of the export took (for tuning; off by default).
struct PhaseTrace {
  bool on = std::getenv("BRIEFMAP_TRACE") != nullptr;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  void mark(const char* phase) {
    if (!on) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "  %-28s %7.1f ms\n", phase, std::chrono::duration<double, std::milli>(now - last).count());
    last = now;
  }
};
}  // namespace

int runExport(const ExportOptions& options) {
  PhaseTrace trace;
  try {
    const std::filesystem::path out = options.out;
    auto ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool geotiff = ext == ".tif" || ext == ".tiff";
    if (ext != ".png" && !geotiff) {
      std::fprintf(stderr, "briefmap export: %s: the output must end in .png, .tif or .tiff\n", options.out.c_str());
      return 2;
    }
    // Fail before any work when the output cannot be written.
    const auto folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
      std::fprintf(stderr, "briefmap export: cannot write %s: folder %s does not exist\n", options.out.c_str(),
                   folder.string().c_str());
      return 1;
    }

    ui::MapSession session(data::findGeodataDir());
    ui::AppState state;
    state.layers = ui::defaultBasemapLayers();
    state.crs = session.projection().crs();
    if (!options.crs.empty()) {
      session.setCrs(state, options.crs);
      if (!state.messages.empty()) {
        std::fprintf(stderr, "briefmap export: --crs: %s\n", state.messages.back().text.c_str());
        return 2;
      }
    }
    state.viewportW = options.width;
    state.viewportH = options.height;
    state.view = options.bbox ? session.viewForBox(*options.bbox, options.width, options.height)
                              : session.homeView(options.width, options.height);
    // A 4K export looks like the 1080p window, only sharper: sizes scale with the output.
    const float pixelRatio =
        options.pixelRatio > 0 ? options.pixelRatio : std::clamp(options.height / 1080.f, 1.f, 8.f);

    // Only the level of detail this scale needs; loading runs while the GL context starts.
    session.loadBasemapFor(state.view, state.viewportW, state.viewportH);
    const bool withOptions = !options.options.empty() || !options.preset.empty();
    if (withOptions) session.loadOptions();
    session.openFiles(options.files);

    trace.mark("start, view");
    auto window = platform::Window::headless();
    trace.mark("GL context");
    render::Renderer renderer;
    render::OffscreenTarget target(options.width, options.height, 1);
    trace.mark("renderer, framebuffer");

    session.finish(state);
    if (withOptions) {
      // Unknown names are an error, not silently nothing.
      if (!options.preset.empty() && !ui::applyAction(state, ui::action::ApplyPreset{options.preset})) {
        std::string known;
        for (const auto& p : ui::presets()) known += " " + p.id;
        std::fprintf(stderr, "briefmap export: --preset: no preset '%s'; known:%s\n", options.preset.c_str(), known.c_str());
        return 2;
      }
      for (const auto& id : options.options) {
        if (!ui::applyAction(state, ui::action::SetOptionVisible{id, true})) {
          std::string known;
          for (const auto& o : state.options) known += " " + o.id;
          std::fprintf(stderr, "briefmap export: --options: no option '%s'; known:%s\n", id.c_str(), known.c_str());
          return 2;
        }
      }
      session.syncOptions(state);
      session.finish(state);
    }
    trace.mark("wait for data");
    bool failed = false;
    for (const auto& m : state.messages) {
      if (m.level == ui::MessageLevel::Info) continue;
      std::fprintf(stderr, "briefmap export: %s\n", m.text.c_str());
      failed = failed || m.level == ui::MessageLevel::Error;
    }
    if (failed) return 1;

    auto frame = session.snapshot(state, options.width, options.height, pixelRatio);
    frame.furniture.title = options.title;
    frame.furniture.subtitle = options.subtitle;
    renderer.render(frame, target);
    for (const auto& m : state.messages)
      if (m.level == ui::MessageLevel::Error) std::fprintf(stderr, "briefmap export: %s\n", m.text.c_str());
    const auto pixels = target.readPixels();
    trace.mark("render, read back");
    // Top-left outer corner and pixel size of the image in the map CRS.
    const data::GeoTransform transform = {state.view.centre.x - options.width * 0.5 * state.view.metresPerPixel,
                                          state.view.metresPerPixel, 0,
                                          state.view.centre.y + options.height * 0.5 * state.view.metresPerPixel, 0,
                                          -state.view.metresPerPixel};
    if (geotiff) {
      data::writeGeoTiff(out, pixels.data(), options.width, options.height, /*flipRows=*/true, transform,
                         session.projection().wkt());
      trace.mark("GeoTIFF write");
    } else {
      render::PngOptions png;
      png.textChunks = {{"Software", "briefmap"},
                        {"Copyright", "Natural Earth (public domain); places: GeoNames (geonames.org), CC BY 4.0"}};
      render::writePng(out, pixels.data(), options.width, options.height, /*flipRows=*/true, png);
      if (options.worldFile) {
        auto pgw = out;
        pgw.replace_extension(".pgw");
        data::writeWorldFile(pgw, transform);
        auto prj = out;
        prj.replace_extension(".prj");
        data::writeFileAtomically(prj, session.projection().wkt());
      }
      trace.mark("PNG encode, write");
    }
    if (!options.quiet) std::printf("wrote %s (%dx%d)\n", options.out.c_str(), options.width, options.height);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap export: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
