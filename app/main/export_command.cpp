#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/platform/window.hpp"
#include "briefmap/render/png_writer.hpp"
#include "briefmap/render/renderer.hpp"
#include "commands.hpp"
#include "briefmap/ui/map_session.hpp"

namespace briefmap::cli {

int runExport(const ExportOptions& options) {
  try {
    const std::filesystem::path out = options.out;
    auto ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext != ".png") {
      std::fprintf(stderr, "briefmap export: %s: only .png output is supported so far\n", options.out.c_str());
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
    session.loadBasemap(state.view.metresPerPixel);
    session.openFiles(options.files);

    auto window = platform::Window::headless();
    render::Renderer renderer(data::findAssetFile("fonts/DejaVuSans.ttf"));
    render::OffscreenTarget target(options.width, options.height, 1);

    session.finish(state);
    bool failed = false;
    for (const auto& m : state.messages) {
      if (m.level == ui::MessageLevel::Info) continue;
      std::fprintf(stderr, "briefmap export: %s\n", m.text.c_str());
      failed = failed || m.level == ui::MessageLevel::Error;
    }
    if (failed) return 1;

    renderer.render(session.snapshot(state, options.width, options.height, pixelRatio), target);
    const auto pixels = target.readPixels();
    render::PngOptions png;
    png.textChunks = {{"Software", "briefmap"},
                      {"Copyright", "Natural Earth (public domain); places: GeoNames (geonames.org), CC BY 4.0"}};
    render::writePng(out, pixels.data(), options.width, options.height, /*flipRows=*/true, png);
    if (!options.quiet) std::printf("wrote %s (%dx%d)\n", options.out.c_str(), options.width, options.height);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap export: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
