#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>

#include "briefmap/data/resources.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/headless/headless_host.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/snapshot_export.hpp"
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

std::mutex g_interruptMutex;
std::vector<std::filesystem::path> g_interruptFolders;  ///< where this process's temporaries may be
std::once_flag g_interruptOnce;


}  // namespace

void cleanUpOnInterrupt(const std::filesystem::path& folder) {
  takeInterruptSignals("export");
  std::lock_guard lock(g_interruptMutex);
  g_interruptFolders.push_back(folder);
}

void takeInterruptSignals(const char* command) {
  std::call_once(g_interruptOnce, [command] {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set, command] {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) return;
      {
        std::lock_guard lock(g_interruptMutex);
        for (const auto& folder : g_interruptFolders) removeTemporaries(folder);
      }
      std::fprintf(stderr, "briefmap %s: interrupted; no partial file is left\n", command);
      std::_Exit(128 + sig);
    }).detach();
  });
}

namespace {

// Slides of a briefing, every slide in every format asked for, named slide-NN.<ext>: `export --briefing` and
// `present --export-slides` (presentation look). Reproducible: the time line is the briefing file's own time
// unless SOURCE_DATE_EPOCH or --timestamp says otherwise, so a second run with nothing changed writes the
// same bytes. The folder is made only once the briefing is known to be good: a typo leaves nothing behind.
int exportSlides(session::HeadlessRequest request, const char* command) {
  namespace fs = std::filesystem;
  const fs::path folder = request.output.out;
  std::error_code ec;
  if (!fs::is_regular_file(request.briefing, ec)) {
    std::fprintf(stderr, "briefmap %s: %s: no such briefing file\n", command, request.briefing.c_str());
    return 1;
  }
  auto& furniture = request.output.furniture;
  if (!std::getenv("SOURCE_DATE_EPOCH") && furniture.timestampText.empty()) {
    // Before any thread starts: setenv is not thread-safe.
    struct stat info {};
    if (::stat(request.briefing.c_str(), &info) == 0)
      setenv("SOURCE_DATE_EPOCH", std::to_string(static_cast<long long>(info.st_mtime)).c_str(), 1);
    furniture.timestampText = session::exportTimestamp();
    furniture.timestampText.replace(0, std::string("Exported").size(), "Briefing of");
  }

  headless::HeadlessHost host(data::findGeodataDir());
  session::AppState& state = host.model();
  if (!openBriefingForCommand(state, host.maps(), request.briefing, command)) return 1;
  const int count = static_cast<int>(state.briefing.doc.slides.size());
  std::vector<int> slides = request.slides;
  if (slides.empty())
    for (int i = 1; i <= count; ++i) slides.push_back(i);
  for (int n : slides) {
    if (n < 1 || n > count) {
      std::fprintf(stderr, "briefmap %s: --slides: %s has no slide %d (it has %d)\n", command, request.briefing.c_str(), n,
                   count);
      return 2;
    }
  }
  if (slides.empty()) {
    std::fprintf(stderr, "briefmap %s: %s has no slides\n", command, request.briefing.c_str());
    return 1;
  }
  fs::create_directories(folder, ec);
  if (!fs::is_directory(folder, ec)) {
    std::fprintf(stderr, "briefmap %s: cannot write slides to %s: not a folder\n", command, folder.c_str());
    return 1;
  }
  cleanUpOnInterrupt(folder);
  const int width = request.output.width, height = request.output.height;
  for (int n : slides) {
    host.prepareSlide(n - 1, width, height);
    const auto& slide = state.briefing.doc.slides[static_cast<size_t>(n - 1)];
    for (const auto format : request.formats) {
      if (!session::isRasterFormat(format) && format != session::SnapshotFormat::Pdf && format != session::SnapshotFormat::Svg) {
        // Layer data of a slide without options would be an error: skip it, say so.
        const bool anyVisible = std::any_of(state.options.begin(), state.options.end(), [](const auto& o) { return o.visible; });
        if (!anyVisible) {
          if (!request.quiet) std::printf("slide %d shows no option layers: no %s\n", n, session::snapshotExtension(format));
          continue;
        }
      }
      session::SnapshotRequest output = request.output;
      char name[32];
      std::snprintf(name, sizeof name, "slide-%02d%s", n, session::snapshotExtension(format));
      output.out = folder / name;
      output.format = format;
      output.view = state.view;
      output.presentation = request.presentationLook;
      if (output.furniture.title.empty()) output.furniture.title = slide.title;
      if (output.furniture.subtitle.empty()) output.furniture.subtitle = slide.caption;
      session::writeSnapshot(session::isRasterFormat(format) ? &host.renderer() : nullptr, host.maps(), state, output);
      if (!request.quiet) std::printf("wrote %s  %s\n", output.out.c_str(), slide.title.c_str());
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

int runExport(const session::HeadlessRequest& request) {
  PhaseTrace trace;
  try {
    if (!request.briefing.empty()) return exportSlides(request, "export");
    // Fail before any work when the output cannot be written.
    const std::filesystem::path& out = request.output.out;
    const auto folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
      std::fprintf(stderr, "briefmap export: cannot write %s: folder %s does not exist\n", out.c_str(), folder.string().c_str());
      return 1;
    }
    cleanUpOnInterrupt(folder);

    headless::HeadlessHost host(data::findGeodataDir());
    session::AppState& state = host.model();
    // The basemap loads on one worker, the options are derived on the other, and the GL context starts here
    // meanwhile.
    const session::ApplyResult prepared = host.prepareView(request);
    if (prepared.isFailed()) {
      std::string known;
      if (!request.preset.empty() && state.catalog)
        for (const auto& p : state.catalog->presets) known += " " + p.id;
      else
        for (const auto& o : state.options) known += " " + o.id;
      std::fprintf(stderr, "briefmap export: %s%s%s\n", prepared.reason.c_str(), known.empty() ? "" : "; known:",
                   known.c_str());
      return 2;
    }
    trace.mark("start, view, catalogue");
    session::SnapshotRequest output = request.output;
    output.view = state.view;
    // PDF, SVG and layer data are drawn or written on the CPU: no GL context needed.
    if (session::isRasterFormat(output.format)) {
      render::Renderer& renderer = host.renderer();
      trace.mark("GL context, renderer");
      // The framebuffer too, while the data loads (writeSnapshot takes this one).
      if (session::isOneTile(output)) renderer.offscreenTarget(output.width, output.height);
      trace.mark("framebuffer");
    }
    host.finish();
    trace.mark("wait for data");
    bool failed = false;
    for (const auto& m : state.messages) {
      if (m.level == session::MessageLevel::Info) continue;
      std::fprintf(stderr, "briefmap export: %s\n", m.text.c_str());
      failed = failed || m.level == session::MessageLevel::Error;
    }
    if (failed) return 1;

    bool rendered = false;
    session::writeSnapshot(host.hasRenderer() ? &host.renderer() : nullptr, host.maps(), state, output, [&](double p) {
      if (p >= 0.8 && !rendered && session::isRasterFormat(output.format)) {
        trace.mark("layout, render, read back");
        rendered = true;
      }
    });
    trace.mark("encode, write");
    if (!request.quiet) std::printf("wrote %s (%dx%d)\n", out.c_str(), output.width, output.height);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap export: %s\n", e.what());
    return 1;
  }
}

int runExportSlidesForPresent(const session::HeadlessRequest& request) {
  try {
    return exportSlides(request, "present");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap present: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
