#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <thread>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>

#include "briefmap/data/resources.hpp"
#include "briefmap/ui/briefing_controller.hpp"
#include "briefmap/platform/window.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/ui/map_session.hpp"
#include "briefmap/ui/snapshot_export.hpp"
#include "commands.hpp"

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
// Ctrl+C, a kill or a closed terminal during an export: every writer puts its output under a temporary
// name with ".tmp-<pid>" in it and renames it into place only when complete, so removing those leaves the
// folder as it was. The signals are blocked before any other thread starts (threads inherit the mask) and
// taken by one thread with sigwait, where removing files is safe, unlike in a signal handler.
void removeTemporaries(const std::filesystem::path& folder) {
  const std::string tag = ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().filename().string().find(tag) != std::string::npos) std::filesystem::remove(entry.path(), ec);
}

void cleanUpOnInterrupt(const std::filesystem::path& folder) {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set, folder] {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return;
    removeTemporaries(folder);
    std::fprintf(stderr, "briefmap export: interrupted; nothing written\n");
    std::_Exit(128 + sig);
  }).detach();
}
ui::FurnitureChoice furnitureFrom(const ExportOptions& options) {
  ui::FurnitureChoice furniture;
  furniture.title = options.title;
  furniture.subtitle = options.subtitle;
  furniture.caveat = options.caveat;
  furniture.timestampText = options.timestamp;
  furniture.legend = !options.noLegend;
  furniture.scaleBar = !options.noScaleBar;
  furniture.northArrow = !options.noNorthArrow;
  furniture.sources = !options.noSources;
  furniture.timestamp = !options.noTimestamp;
  furniture.attribution = !options.noAttribution;
  return furniture;
}

// export --briefing FILE --all-slides --out DIR --formats png,pdf,geotiff: every slide in every format,
// named slide-NN.<ext>. Reproducible: the time line is the briefing file's own time unless
// SOURCE_DATE_EPOCH or --timestamp says otherwise, so a second run with nothing changed writes the same bytes.
int runExportBriefing(const ExportOptions& options) {
  namespace fs = std::filesystem;
  std::vector<ui::SnapshotFormat> formats;
  for (const auto& name : options.formats.empty() ? std::vector<std::string>{"png"} : options.formats) {
    const auto f = ui::snapshotFormatFromName(name);
    if (!f) {
      std::fprintf(stderr, "briefmap export: --formats: unknown format '%s': use png, geotiff, pdf, svg, geojson, gpkg or kml\n",
                   name.c_str());
      return 2;
    }
    if (std::find(formats.begin(), formats.end(), *f) == formats.end()) formats.push_back(*f);
  }
  if (!options.allSlides && options.slides.empty()) {
    std::fprintf(stderr, "briefmap export: --briefing needs --all-slides or --slides 1,3,…\n");
    return 2;
  }
  try {
    ui::validateSnapshotSize(options.width, options.height);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "briefmap export: --size: %s\n", e.what());
    return 2;
  }
  std::error_code ec;
  if (!fs::is_regular_file(options.briefing, ec)) {
    std::fprintf(stderr, "briefmap export: --briefing: %s is not a file\n", options.briefing.c_str());
    return 1;
  }
  fs::create_directories(options.out, ec);
  if (!fs::is_directory(options.out, ec)) {
    std::fprintf(stderr, "briefmap export: cannot write slides to %s: not a folder\n", options.out.c_str());
    return 1;
  }
  ExportOptions timed = options;
  if (!std::getenv("SOURCE_DATE_EPOCH") && options.timestamp.empty()) {
    // Before any thread starts: setenv is not thread-safe.
    struct stat info {};
    if (::stat(options.briefing.c_str(), &info) == 0)
      setenv("SOURCE_DATE_EPOCH", std::to_string(static_cast<long long>(info.st_mtime)).c_str(), 1);
    timed.timestamp = ui::exportTimestamp();
    timed.timestamp.replace(0, std::string("Exported").size(), "Briefing of");
  }
  cleanUpOnInterrupt(options.out);

  ui::MapSession session(data::findGeodataDir());
  ui::AppState state;
  if (!openBriefingForCommand(state, session, options.briefing, "export")) return 1;
  const int count = static_cast<int>(state.briefing.doc.slides.size());
  std::vector<int> slides;
  if (options.allSlides) {
    for (int i = 1; i <= count; ++i) slides.push_back(i);
  } else {
    for (int n : options.slides) {
      if (n < 1 || n > count) {
        std::fprintf(stderr, "briefmap export: --slides: %s has no slide %d (it has %d)\n", options.briefing.c_str(), n, count);
        return 2;
      }
      slides.push_back(n);
    }
  }
  if (slides.empty()) {
    std::fprintf(stderr, "briefmap export: %s has no slides\n", options.briefing.c_str());
    return 1;
  }
  std::unique_ptr<platform::Window> window;
  std::unique_ptr<render::Renderer> renderer;
  if (std::any_of(formats.begin(), formats.end(), ui::isRasterFormat)) {
    window = platform::Window::headless();
    renderer = std::make_unique<render::Renderer>();
  }
  for (int n : slides) {
    ui::prepareSlide(state, session, n - 1, options.width, options.height);
    const auto& slide = state.briefing.doc.slides[static_cast<size_t>(n - 1)];
    for (const auto format : formats) {
      if (!ui::isRasterFormat(format) && format != ui::SnapshotFormat::Pdf && format != ui::SnapshotFormat::Svg) {
        // Layer data of a slide without options would be an error: skip it, say so.
        const bool anyVisible = std::any_of(state.options.begin(), state.options.end(), [](const auto& o) { return o.visible; });
        if (!anyVisible) {
          if (!options.quiet) std::printf("slide %d shows no option layers: no %s\n", n, ui::snapshotExtension(format));
          continue;
        }
      }
      ui::SnapshotRequest request;
      char name[32];
      std::snprintf(name, sizeof name, "slide-%02d%s", n, ui::snapshotExtension(format));
      request.out = fs::path(options.out) / name;
      request.format = format;
      request.width = options.width;
      request.height = options.height;
      request.view = state.view;
      request.pixelRatio =
          options.pixelRatio > 0 ? options.pixelRatio : std::clamp(options.height / 1080.f, 1.f, 8.f);
      request.furniture = furnitureFrom(timed);
      if (request.furniture.title.empty()) request.furniture.title = slide.title;
      if (request.furniture.subtitle.empty()) request.furniture.subtitle = slide.caption;
      request.maxTile = options.maxTile;
      request.worldFile = options.worldFile;
      ui::writeSnapshot(renderer.get(), session, state, request);
      if (!options.quiet) std::printf("wrote %s  %s\n", request.out.c_str(), slide.title.c_str());
    }
  }
  return 0;
}
}  // namespace

void reportPeakMemory() {
  const char* file = std::getenv("BRIEFMAP_PEAK_MEMORY_FILE");
  if (!file || !*file) return;
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (!status) return;
  char line[256];
  long peakKb = -1;
  while (std::fgets(line, sizeof line, status))
    if (std::sscanf(line, "VmHWM: %ld kB", &peakKb) == 1) break;
  std::fclose(status);
  if (std::FILE* out = std::fopen(file, "w")) {
    std::fprintf(out, "%ld\n", peakKb);
    std::fclose(out);
  }
}

int runExport(const ExportOptions& options) {
  PhaseTrace trace;
  try {
    if (!options.briefing.empty()) return runExportBriefing(options);
    ui::SnapshotRequest request;
    request.out = options.out;
    const auto format = options.format.empty() ? ui::snapshotFormatFromExtension(request.out)
                                               : ui::snapshotFormatFromName(options.format);
    if (!format) {
      std::fprintf(stderr,
                   options.format.empty()
                       ? "briefmap export: %s: the output must end in .png, .tif, .pdf, .svg, .geojson, .gpkg or .kml "
                         "(or give --format)\n"
                       : "briefmap export: --format: unknown format '%s': use png, geotiff, pdf, svg, geojson, gpkg or kml\n",
                   options.format.empty() ? options.out.c_str() : options.format.c_str());
      return 2;
    }
    request.format = *format;
    request.width = options.width;
    request.height = options.height;
    try {
      ui::validateSnapshotSize(options.width, options.height);
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "briefmap export: --size: %s\n", e.what());
      return 2;
    }
    // Fail before any work when the output cannot be written.
    const std::filesystem::path out = options.out;
    const auto folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
      std::fprintf(stderr, "briefmap export: cannot write %s: folder %s does not exist\n", options.out.c_str(),
                   folder.string().c_str());
      return 1;
    }
    cleanUpOnInterrupt(folder);
    request.maxTile = options.maxTile;
    request.worldFile = options.worldFile;
    request.furniture = furnitureFrom(options);

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
    request.view = state.view;
    // A 4K export looks like the 1080p window, only sharper: sizes scale with the output.
    request.pixelRatio =
        options.pixelRatio > 0 ? options.pixelRatio : std::clamp(options.height / 1080.f, 1.f, 8.f);

    // Only the level of detail this scale needs. The basemap loads on one worker, the options are derived
    // on the other, and the GL context starts here meanwhile.
    session.loadBasemapFor(state.view, state.viewportW, state.viewportH);
    session.openFiles(options.files, options.readOptions);
    const bool withOptions = !options.options.empty() || !options.preset.empty();
    if (withOptions) {
      session.loadOptions();
      session.finishOptions(state);  // the catalogue: a few milliseconds
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
      session.syncOptions(state, /*includeHidden=*/false);
    }
    trace.mark("start, view, catalogue");

    // PDF, SVG and layer data are drawn or written on the CPU: no GL context needed.
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<render::Renderer> renderer;
    if (ui::isRasterFormat(request.format)) {
      window = platform::Window::headless();
      trace.mark("GL context");
      renderer = std::make_unique<render::Renderer>();
      // The framebuffer too, while the data loads (writeSnapshot takes this one).
      const int tile = ui::maxTileSize(request.maxTile);
      if (request.width <= tile && request.height <= tile) renderer->offscreenTarget(request.width, request.height);
      trace.mark("renderer, framebuffer");
    }
    session.finish(state);
    trace.mark("wait for data");
    bool failed = false;
    for (const auto& m : state.messages) {
      if (m.level == ui::MessageLevel::Info) continue;
      std::fprintf(stderr, "briefmap export: %s\n", m.text.c_str());
      failed = failed || m.level == ui::MessageLevel::Error;
    }
    if (failed) return 1;

    bool rendered = false;
    ui::writeSnapshot(renderer.get(), session, state, request, [&](double p) {
      if (p >= 0.8 && !rendered && ui::isRasterFormat(request.format)) {
        trace.mark("layout, render, read back");
        rendered = true;
      }
    });
    trace.mark("encode, write");
    if (!options.quiet) std::printf("wrote %s (%dx%d)\n", options.out.c_str(), options.width, options.height);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap export: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
