#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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
// See beginFileReads(): guarded by g_interruptMutex, but for the flag the readers' hook polls.
bool g_readingFiles = false;
int g_readCancelSignal = 0;
std::string g_cancelledFile;
std::atomic<bool> g_cancelReads{false};
std::atomic<bool> g_progressShown{false};

std::string withThousands(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}


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
      for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) return;
        {
          std::lock_guard lock(g_interruptMutex);
          // While files are read, the first signal cancels the read: the command then says which file it was.
          if (g_readingFiles && !g_cancelReads) {
            g_readCancelSignal = sig;
            g_cancelReads = true;
            continue;
          }
          for (const auto& folder : g_interruptFolders) removeTemporaries(folder);
        }
        std::fprintf(stderr, "%sbriefmap %s: interrupted; no partial file is left\n", g_progressShown ? "\r\033[K" : "",
                     command);
        std::_Exit(128 + sig);
      }
    }).detach();
  });
}

void beginFileReads() {
  std::lock_guard lock(g_interruptMutex);
  g_readingFiles = true;
}

FileReadsEnd endFileReads() {
  std::lock_guard lock(g_interruptMutex);
  g_readingFiles = false;
  if (g_progressShown.exchange(false)) std::fputs("\r\033[K", stderr);
  FileReadsEnd end{g_readCancelSignal, g_cancelledFile};
  return end;
}

data::ReadProgressHook terminalReadProgress() {
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  return [terminal](const data::ReadProgress& p) {
    if (g_cancelReads) {
      std::lock_guard lock(g_interruptMutex);
      g_cancelledFile = p.file.string();
      return false;
    }
    if (!terminal) return true;
    // One line, rewritten in place (the reader calls at most every 50 ms).
    const std::string name = p.file.filename().string();
    const double fraction = p.fraction();
    if (p.opening) {
      std::fprintf(stderr, "\r\033[KReading %s: opening…", name.c_str());
    } else if (fraction >= 0 && p.layerCount > 1) {
      std::fprintf(stderr, "\r\033[KReading %s: %3.0f %% (layer %zu of %zu: %s of %s features)", name.c_str(),
                   fraction * 100.0, p.layer + 1, p.layerCount, withThousands(p.layerFeaturesRead).c_str(),
                   withThousands(p.layerFeaturesTotal).c_str());
    } else if (fraction >= 0) {
      std::fprintf(stderr, "\r\033[KReading %s: %3.0f %% (%s of %s features)", name.c_str(), fraction * 100.0,
                   withThousands(p.layerFeaturesRead).c_str(), withThousands(p.layerFeaturesTotal).c_str());
    } else {
      std::fprintf(stderr, "\r\033[KReading %s: %s features", name.c_str(), withThousands(p.featuresRead).c_str());
    }
    std::fflush(stderr);
    g_progressShown = true;
    return true;
  };
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

int runExport(const session::HeadlessRequest& asked) {
  PhaseTrace trace;
  try {
    if (!asked.briefing.empty()) return exportSlides(asked, "export");
    // The users' files report progress on a terminal and stop on Ctrl+C (see beginFileReads).
    session::HeadlessRequest request = asked;
    request.readOptions.progress = terminalReadProgress();
    // Only the data formats write the users' attributes; a picture draws geometry only.
    const bool writesLayerData = request.output.format == session::SnapshotFormat::GeoJson ||
                                 request.output.format == session::SnapshotFormat::Gpkg ||
                                 request.output.format == session::SnapshotFormat::Kml;
    request.readOptions.attributes = writesLayerData;
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
    // Users' files prepared before (by the window or an export) are drawn from the user's cache folder.
    host.maps().setLayerCache(std::make_shared<data::ContentCache>(data::CacheSettings::fromEnvironment()));
    // Until the data is in (host.finish below): a signal cancels the read and nothing is written.
    struct FileReads {
      bool open = true;
      FileReadsEnd end() {
        open = false;
        return endFileReads();
      }
      ~FileReads() {
        if (open) endFileReads();
      }
    } fileReads;
    beginFileReads();
    const auto cancelled = [](const FileReadsEnd& end) {
      std::fprintf(stderr, "briefmap export: %scancelled; nothing written\n",
                   end.file.empty() ? "" : (end.file + ": ").c_str());
      return 128 + end.signal;
    };
    // The basemap loads on one worker, the options are derived on the other, and the GL context starts here
    // meanwhile (or while the users' files are read, when the view is framed on them).
    session::SnapshotRequest output = request.output;
    auto startGl = [&] {
      if (!session::isRasterFormat(output.format) || host.hasRenderer()) return;
      render::Renderer& renderer = host.renderer();
      trace.mark("GL context, renderer");
      // The framebuffer too, while the data loads (writeSnapshot takes this one).
      if (session::isOneTile(output)) renderer.offscreenTarget(output.width, output.height);
      trace.mark("framebuffer");
    };
    const session::ApplyResult prepared = host.prepareView(request, startGl);
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
    output.view = state.view;
    // PDF, SVG and layer data are drawn or written on the CPU: no GL context needed.
    startGl();
    host.finish();
    if (const FileReadsEnd end = fileReads.end(); end.signal) return cancelled(end);
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
