#include <spawn.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "briefmap/data/resources.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/headless/headless_host.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/workspace/workspace.hpp"
#include "commands.hpp"

namespace briefmap::cli {
namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Percentiles {
  double median = 0, p95 = 0;
};

Percentiles percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)]};
}

std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

// Bytes of the meshes users' layers hold: every band kept, the drawn scene and the parts shown while read (each once).
size_t userBandBytes(const session::AppState& state) {
  std::set<const render::SceneGroup*> seen;
  size_t bytes = 0;
  auto count = [&](const std::shared_ptr<const render::SceneGroup>& g) {
    if (g && seen.insert(g.get()).second) bytes += g->meshBytes();
  };
  for (const auto& l : state.layers) {
    if (l.isBasemap) continue;
    count(l.scene);
    for (const auto& b : l.bandScenes) count(b);
    for (const auto& p : l.partialScenes) count(p);
  }
  return bytes;
}

// Resident memory now (VmRSS), KB; 0 where /proc is not there.
long ownRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// Pans (or zooms in and out) around the home view, one step a frame, as the window draws
// (layer cache on), waiting for the GPU after each frame. `poll`: the session polled before each frame, as the
// window's loop does (a view in another detail band has it prepared on the worker), and waited for at the end.
Percentiles interactiveFrames(render::Renderer& renderer, headless::HeadlessHost& host, int width, int height, int frames,
                              bool zoom, bool framedOnUserLayers = false, bool poll = false, bool perFrame = false) {
  session::MapSession& session = host.maps();
  session::AppState& state = host.model();
  render::OffscreenTarget target(width, height, 1);
  state.viewportW = width;
  state.viewportH = height;
  state.view = framedOnUserLayers ? session.viewForUserLayers(state, width, height) : session.homeView(width, height);
  const float pixelRatio = render::outputPixelRatio(height);
  std::vector<double> times;
  for (int i = 0; i < frames; ++i) {
    const bool firstHalf = i < frames / 2;
    if (!zoom) host.session().apply(session::action::PanBy{firstHalf ? -8.0 : 0.0, firstHalf ? 0.0 : -8.0});
    else host.session().apply(session::action::ZoomAt{firstHalf ? 1.03 : 1 / 1.03, width * 0.3, height * 0.6});
    if (poll) host.session().poll();
    const auto t0 = Clock::now();
    auto frame = session.snapshot(state, width, height, pixelRatio);
    frame.useLayerCache = true;
    renderer.render(frame, target);
    glFinish();
    times.push_back(msSince(t0));
    if (perFrame) {
      const struct mallinfo2 heap = mallinfo2();
      std::printf("    %s frame %2d: %8.1f ms, band %zu, users' bands held %6.1f MB, process %6ld MB (malloc: in use %5zu MB, free kept %5zu MB)\n",
                  zoom ? "zoom" : "pan ", i + 1, times.back(), render::detailBandFor(state.view.metresPerPixel),
                  userBandBytes(state) / 1e6, ownRssKb() / 1024, (heap.uordblks + heap.hblkhd) >> 20, heap.fordblks >> 20);
    }
  }
  if (poll) session.finish(state);
  return percentiles(times);
}

// Each layer of `state` drawn alone, `frames` times in the view `viewFor` gives it at 1920x1080 (no layer cache: a
// full redraw), one line a layer with its median, triangles and draw calls; the layers are restored after.
template <class ViewFor>
void layerBreakdown(render::Renderer& renderer, session::MapSession& session, session::AppState& state, int frames,
                    int nameWidth, ViewFor viewFor) {
  const auto allLayers = state.layers;
  render::OffscreenTarget target(1920, 1080, 1);
  for (const auto& only : allLayers) {
    state.layers = allLayers;
    for (auto& l : state.layers) l.visible = l.id == only.id;
    state.view = viewFor();
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) {
      const auto t0 = Clock::now();
      renderer.render(session.snapshot(state, 1920, 1080, 1.f), target);
      glFinish();
      times.push_back(msSince(t0));
    }
    std::printf("    %-*s %8.1f ms  (%zu triangles, %zu draw calls)\n", nameWidth, only.name.c_str(),
                percentiles(times).median, renderer.lastStats().triangles, renderer.lastStats().drawCalls);
  }
  state.layers = allLayers;
}

// Every frame of every fly-to of the example briefing at 60 frames a second, as presentation mode
// draws them (layer cache on; the scale changes each frame, so the map is redrawn in full).
// Uses the host's model for the briefing: call it after the figures that need the plain map.
Percentiles transitionFrames(render::Renderer& renderer, headless::HeadlessHost& host, int width, int height, int& frames,
                             bool perFlight) {
  session::MapSession& session = host.maps();
  session::AppState& show = host.model();
  host.openBriefing(data::findGeodataDir() / "briefings" / "security-guarantees.json");
  show.viewportW = width;
  show.viewportH = height;
  render::OffscreenTarget target(width, height, 1);
  const float pixelRatio = session::presentationPixelRatio(show, height, 1.f);
  host.session().apply(session::action::StartPresentation{0});
  std::vector<double> times;
  for (size_t slide = 1; slide < show.briefing.doc.slides.size(); ++slide) {
    host.session().apply(session::action::NextSlide{});
    session.syncOptions(show);
    session.finish(show);  // the window computes new parameters' geometry on the worker during the flight
    std::vector<double> flight;
    while (session::advanceTransitions(show)) {
      const auto t0 = Clock::now();
      auto frame = session::presentationSnapshot(show, session, width, height, pixelRatio);
      frame.useLayerCache = true;
      frame.inMotion = true;
      renderer.render(frame, target);
      glFinish();
      times.push_back(msSince(t0));
      flight.push_back(times.back());
      show.clockSeconds += 1.0 / 60;
    }
    if (perFlight)
      std::printf("    fly to slide %zu: median %5.1f ms, first frame %5.1f ms (%zu frames)\n", slide + 1,
                  percentiles(flight).median, flight.empty() ? 0.0 : flight.front(), flight.size());
  }
  frames = static_cast<int>(times.size());
  return percentiles(times);
}

// Extraction: the bundled documents (what `briefmap extract` does, without writing), then the throughput of the
// engine over a synthetic corpus of about 50 MB (the documents repeated, with unrelated lines between them).
void extractionFigures() {
  const auto geodata = data::findGeodataDir();
  auto t0 = Clock::now();
  const auto gazetteer = extract::Gazetteer::load(geodata);
  const double gazetteerMs = msSince(t0);
  const extract::Extractor extractor(gazetteer);
  std::vector<extract::Document> docs;
  for (const auto& path : extract::listDocuments(geodata / "sources")) docs.push_back(extract::loadDocument(path));
  std::vector<double> times;
  size_t candidates = 0, bytes = 0;
  for (int run = 0; run < 5; ++run) {
    t0 = Clock::now();
    candidates = 0;
    bytes = 0;
    for (const auto& d : docs) {
      candidates += extract::candidatesOf(extractor, d).size();
      bytes += d.text.size();
    }
    times.push_back(msSince(t0));
  }
  std::printf("  extract: gazetteer (%zu places)          %8.1f ms\n", gazetteer.placeCount(), gazetteerMs);
  std::printf("  extract: bundled documents (%zu, %.0f kB)   %8.1f ms median of 5 (%zu candidates)\n", docs.size(),
              bytes / 1e3, percentiles(times).median, candidates);
  std::string corpus;
  corpus.reserve(52u * 1000 * 1000);
  const std::string noise = "The market rose on Tuesday while rain fell over the harbour. Players trained for the final.\n";
  while (corpus.size() < 50u * 1000 * 1000)
    for (const auto& d : docs) {
      corpus += d.text;
      for (int i = 0; i < 200; ++i) corpus += noise;
    }
  const auto big = extract::documentFromBytes("synthetic.txt", corpus);
  size_t relevant = 0;
  // Also this thread's CPU time: on a machine shared with other work the wall-clock rate measures the load as much
  // as the engine (the extraction runs on this one thread).
  const auto threadSeconds = [] {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  };
  const double cpu0 = threadSeconds();
  t0 = Clock::now();
  extractor.forEachSentence(big, [&](const extract::SentenceAnalysis& s) { relevant += s.relevant(); });
  const double seconds = msSince(t0) / 1000, cpuSeconds = threadSeconds() - cpu0;
  std::printf("  extract: synthetic corpus %.0f MB          %8.1f MB/s, %.1f MB per CPU second (%zu relevant sentences)\n",
              corpus.size() / 1e6, corpus.size() / 1e6 / seconds, corpus.size() / 1e6 / cpuSeconds, relevant);
}

// The workspace: opening one, and committing one change (a drawn point) with its undo, on a fresh GeoPackage in
// the temporary folder and, when $BRIEFMAP_BENCH_WORKSPACE names a PG: database (with PostGIS and no workspace
// yet), on PostgreSQL too.
void workspaceFigures() {
  const auto bundled = options::loadOptionCatalog(data::findGeodataDir() / "options");
  auto measure = [&](const std::string& target, const char* label) {
    workspace::Workspace::create(target, bundled);
    std::vector<double> opens, commits, reads;
    for (int run = 0; run < 9; ++run) {
      auto t0 = Clock::now();
      auto w = workspace::Workspace::open(target);
      opens.push_back(msSince(t0));
      t0 = Clock::now();
      (void)w->catalog(data::findGeodataDir() / "sources");
      reads.push_back(msSince(t0));
      workspace::History history(*w);
      workspace::FeatureRecord f;
      f.uid = workspace::newFeatureUid();
      f.option = "buffer_zone";
      f.layer = "analyst";
      f.feature.geometry.points.push_back({35.0, 47.5});
      f.feature.properties = {{"name", "Bench point"}, {"placement", "analyst"}};
      t0 = Clock::now();
      const bool ok = history.apply({"Draw Bench point", {{std::nullopt, f}}, {}, {}}).ok();
      commits.push_back(msSince(t0));
      if (!ok || !history.undo().ok()) throw std::runtime_error(std::string(label) + ": a bench change failed");
    }
    std::printf("  workspace %-10s open %6.1f ms, read catalogue %6.1f ms, commit one change %6.1f ms (medians of 9)\n",
                label, percentiles(opens).median, percentiles(reads).median, percentiles(commits).median);
  };
  const auto dir = std::filesystem::temp_directory_path() / ("briefmap-bench-ws-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  try {
    measure((dir / "bench.gpkg").string(), "GeoPackage");
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("BRIEFMAP_BENCH_WORKSPACE"); pg && *pg) measure(pg, "PostGIS");
}

struct ProcessRun {
  double ms = 0;
  long maxRssKb = 0;  ///< the child's peak resident memory
  bool ok = false;
};

// One run of this executable as a user runs it: command to file. posix_spawn, not fork: copying this
// process's page tables would be timed too; wait4 gives the child's own peak memory.
ProcessRun runSelf(const char* argv0, const std::vector<std::string>& arguments,
                   const std::vector<std::string>& extraEnvironment = {}) {
  std::vector<const char*> args{argv0};
  for (const auto& a : arguments) args.push_back(a.c_str());
  args.push_back(nullptr);
  ProcessRun run;
  // The child reports its own peak (VmHWM): its ru_maxrss would also count this process, whose memory it
  // shares between spawn and exec.
  const auto peakFile = std::filesystem::temp_directory_path() / ("briefmap-bench-peak-" + std::to_string(getpid()));
  std::vector<std::string> envText;
  for (char** e = environ; *e; ++e) envText.emplace_back(*e);
  envText.push_back("BRIEFMAP_PEAK_MEMORY_FILE=" + peakFile.string());
  // getenv takes the first of a name: an extra setting replaces the inherited one.
  for (const auto& extra : extraEnvironment) {
    const std::string name = extra.substr(0, extra.find('=') + 1);
    std::erase_if(envText, [&name](const std::string& e) { return e.rfind(name, 0) == 0; });
    envText.push_back(extra);
  }
  std::vector<char*> env;
  for (auto& e : envText) env.push_back(e.data());
  env.push_back(nullptr);
  const auto t0 = Clock::now();
  pid_t child = 0;
  if (posix_spawn(&child, "/proc/self/exe", nullptr, nullptr, const_cast<char* const*>(args.data()), env.data()) != 0)
    return run;
  int status = 0;
  struct rusage usage {};
  if (wait4(child, &status, 0, &usage) < 0) return run;
  run.ms = msSince(t0);
  run.maxRssKb = usage.ru_maxrss;
  if (std::FILE* f = std::fopen(peakFile.c_str(), "r")) {
    long kb = 0;
    if (std::fscanf(f, "%ld", &kb) == 1 && kb > 0) run.maxRssKb = kb;
    std::fclose(f);
  }
  std::error_code ec;
  std::filesystem::remove(peakFile, ec);
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return run;
}

long ownPeakKb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Runs a command a few times as its own process and prints the median, the best run and the peak memory.
bool timedCommand(const char* argv0, const char* label, const std::vector<std::string>& args, int runs,
                  const std::filesystem::path& file, const std::vector<std::string>& extraEnvironment = {}) {
  std::vector<double> times;
  long rss = 0;
  for (int i = 0; i < runs; ++i) {
    const ProcessRun r = runSelf(argv0, args, extraEnvironment);
    if (!r.ok) {
      std::fprintf(stderr, "briefmap bench: the export subprocess failed: %s\n", label);
      return false;
    }
    times.push_back(r.ms);
    rss = std::max(rss, r.maxRssKb);
  }
  std::error_code ec;
  const auto bytes = file.empty() ? 0 : std::filesystem::file_size(file, ec);
  // The best run too: on a shared machine it is the nearest to a quiet one.
  std::printf("  %-40s %8.1f ms median of %d (best %6.1f), peak %4ld MB", label, percentiles(times).median, runs,
              *std::min_element(times.begin(), times.end()), rss / 1024);
  if (bytes) std::printf(" (%.1f MB)", bytes / 1e6);
  std::printf("\n");
  return true;
}

// Opens the files as the window does (after the basemap and the options, as the window starts) and draws frames
// until every file's layers are drawn.
struct FilesOpened {
  double contextMs = 0, firstBasemapMs = 0, firstPartMs = 0, firstFrameMs = 0;
  int frames = 0, framesWithParts = 0;  ///< drawn while loading; of them, with a part of the files shown
};
FilesOpened openAndDrawFiles(headless::HeadlessHost& host, const std::vector<std::string>& files, bool perFrame) {
  const auto start = Clock::now();
  FilesOpened opened;
  session::MapSession& session = host.maps();
  session::AppState& state = host.model();
  session.setLayerCache(std::make_shared<data::ContentCache>(data::CacheSettings::fromEnvironment()));
  state.layers = session::defaultBasemapLayers();
  state.crs = session.projection().crs();
  render::Renderer& renderer = host.renderer();
  opened.contextMs = msSince(start);
  session.loadBasemap();
  session.loadOptions();
  host.session().apply(session::action::OpenFiles{files, {}});
  state.viewportW = 1920;
  state.viewportH = 1080;
  state.view = session.homeView(1920, 1080);
  render::OffscreenTarget target(1920, 1080, 1);
  // The window draws every frame while loading; the figure is the first frame that has every file's layers.
  for (;;) {
    session.poll(state);
    bool filesIn = session.pendingFiles() == 0, partShown = false;
    for (const auto& l : state.layers) {
      if (!l.isBasemap && !l.scene) filesIn = false;
      if (!l.partialScenes.empty()) partShown = true;
    }
    auto frame = session.snapshot(state, 1920, 1080, 1.f);
    frame.useLayerCache = true;  // as the window draws
    const auto drawStart = Clock::now();
    renderer.render(frame, target);
    glFinish();
    if (perFrame) {
      // Where the time goes: a frame that draws a new part onto the layer cache costs its triangles, one that draws
      // nothing new only the copy; a frame that redraws everything says the cached picture was lost.
      std::printf("    %8.1f ms  frame %6.1f ms  %8zu triangles ", msSince(start), msSince(drawStart),
                  renderer.lastStats().triangles);
      for (const auto& l : state.layers)
        if (!l.isBasemap && l.loadingFileId != 0) std::printf(" %s: %zu parts", l.name.c_str(), l.partialScenes.size());
        else if (!l.isBasemap && l.scene) std::printf(" %s: whole", l.name.c_str());
      std::printf("\n");
    }
    ++opened.frames;
    if (state.basemapScene && opened.firstBasemapMs == 0) opened.firstBasemapMs = msSince(start);
    if (partShown) {
      ++opened.framesWithParts;
      if (opened.firstPartMs == 0) opened.firstPartMs = msSince(start);
    }
    if (filesIn) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  opened.firstFrameMs = msSince(start);
  return opened;
}

// `bench --file`: the user's files as the window opens them, the frames with them visible, and whole-process exports
// of them; each first with the layer cache empty (a folder of its own), then again with it filled.
int fileBench(const BenchOptions& options, const char* argv0) {
  const auto cacheDir = std::filesystem::temp_directory_path() / ("briefmap-bench-cache-" + std::to_string(getpid()));
  std::error_code ec;
  std::filesystem::remove_all(cacheDir, ec);
  struct RemoveCache {
    std::filesystem::path dir;
    ~RemoveCache() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } removeCache{cacheDir};
  // Only briefmap's layer cache starts empty: Mesa's shader cache (also under XDG_CACHE_HOME) stays where the window
  // finds it, holding llvmpipe's compiled shaders on every start but the first (compiling them cost the first frames
  // 0.3-0.5 s). MESA_SHADER_CACHE_DISABLE=true measures that first start.
  std::string shaderCache;
  if (const char* given = std::getenv("MESA_SHADER_CACHE_DIR"); given && *given) {
    shaderCache = given;
  } else {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if (xdg && *xdg) shaderCache = std::string(xdg) + "/mesa_shader_cache";
    else if (home && *home) shaderCache = std::string(home) + "/.cache/mesa_shader_cache";
    if (!shaderCache.empty()) ::setenv("MESA_SHADER_CACHE_DIR", shaderCache.c_str(), 1);
  }
  const char* shadersOff = std::getenv("MESA_SHADER_CACHE_DISABLE");
  const bool shadersCached = !shaderCache.empty() && !(shadersOff && std::string(shadersOff) == "true");
  ::setenv("XDG_CACHE_HOME", cacheDir.c_str(), 1);  // before any thread starts: setenv is not thread-safe
  headless::HeadlessHost host(data::findGeodataDir());
  session::MapSession& session = host.maps();
  session::AppState& state = host.model();
  if (options.perFrame) std::printf("  frames drawn while the files open (layer cache empty):\n");
  const FilesOpened opened = openAndDrawFiles(host, options.files, options.perFrame);
  render::Renderer& renderer = host.renderer();
  render::OffscreenTarget target(1920, 1080, 1);
  size_t features = 0, vertices = 0, userLayers = 0;
  for (const auto& l : state.layers)
    if (!l.isBasemap && l.data) {
      ++userLayers;
      features += l.data->features.size();
      vertices += l.data->vertexCount();
    }
  for (const auto& m : state.messages)
    if (m.level == session::MessageLevel::Error) std::fprintf(stderr, "briefmap bench: %s\n", m.text.c_str());
  std::printf("briefmap bench --file — %s, %u hardware threads, OpenGL: %s\n", cpuModel().c_str(),
              std::thread::hardware_concurrency(), reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
  for (const auto& f : options.files) std::printf("  file %s\n", f.c_str());
  std::printf("  %zu layers, %zu features, %zu vertices\n", userLayers, features, vertices);
  std::printf("  GL context + shaders + label font        %8.1f ms (Mesa's shader cache: %s)\n", opened.contextMs,
              shadersCached ? shaderCache.c_str() : "off, shaders compiled as on a first start");
  std::printf("  start to first frame, basemap only       %8.1f ms\n", opened.firstBasemapMs);
  std::printf("  start to first frame with a part of them   %7.1f ms (shown as read: %d frames with parts drawn)\n",
              opened.firstPartMs, opened.framesWithParts);
  std::printf("  start to first frame with the files drawn %7.1f ms (%d frames drawn while loading; layer cache empty)\n",
              opened.firstFrameMs, opened.frames);
  session.finish(state);
  for (bool zoom : {false, true}) {
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
      const auto p = interactiveFrames(renderer, host, w, h, options.frames, zoom, true, options.pollAsWindow,
                                       options.perFrame);
      std::printf("  %s frame %4dx%-4d       median %6.1f ms   p95 %6.1f ms   (%d frames, files visible%s)\n",
                  zoom ? "zoom" : "pan ", w, h, p.median, p.p95, options.frames,
                  options.pollAsWindow ? ", session polled" : "");
      // The budget for the 10-million-vertex file: open, draw and pan at 1080p (with --poll, a 4K view or a
      // zoom has another band of the whole layer prepared, held beside the one drawn until it is ready).
      if (!zoom && w == 1920)
        std::printf("  peak memory after the open and the 1080p pans (ru_maxrss)  %ld MB\n", ownPeakKb() / 1024);
    }
  }
  // Where a full redraw goes (a zoom frame draws everything): each layer alone, the view framed on the files.
  std::printf("  full redraw at 1920x1080 by layer (median of %d):\n", std::max(4, options.frames / 4));
  layerBreakdown(renderer, session, state, std::max(4, options.frames / 4), 24,
                 [&] { return session.viewForUserLayers(state, 1920, 1080); });
  // An analyst switching an option off and on over the files: the layer cache keeps the files' picture apart from the
  // options', so such a frame draws the options and composites, not the files.
  if (!state.options.empty()) {
    // The first option, shown and prepared (the window shows an option the first time once its layers are ready).
    const std::string option = state.options.front().id;
    const bool wasVisible = state.options.front().visible;
    state.viewportW = 1920;
    state.viewportH = 1080;
    state.view = session.viewForUserLayers(state, 1920, 1080);  // the full redraw's view: its bands are prepared
    host.session().apply(session::action::SetOptionVisible{option, true});
    session.syncOptions(state);  // as the window's loop does each frame
    session.finishOptions(state);
    auto draw = [&] {
      const auto t0 = Clock::now();
      auto frame = session.snapshot(state, 1920, 1080, 1.f);
      frame.useLayerCache = true;
      renderer.render(frame, target);
      glFinish();
      return msSince(t0);
    };
    draw();
    draw();  // the second frame at a scale fills the layer cache
    std::vector<double> times;
    size_t drawnOn = 0, drawnOff = 0;  // its layers in the frames: that the switch reaches the picture
    for (int i = 0; i < options.frames; ++i) {
      const bool on = i % 2 != 0;
      host.session().apply(session::action::SetOptionVisible{option, on});
      times.push_back(draw());
      const auto frame = session.snapshot(state, 1920, 1080, 1.f);
      (on ? drawnOn : drawnOff) = static_cast<size_t>(std::count_if(frame.layers.begin(), frame.layers.end(), [&](const auto& l) {
        return l.id.rfind("option/" + option + "/", 0) == 0;
      }));
    }
    host.session().apply(session::action::SetOptionVisible{option, wasVisible});
    const auto p = percentiles(times);
    std::printf("  option frame 1920x1080     median %6.1f ms   p95 %6.1f ms   (%d frames, '%s' switched off and on "
                "over the files: %zu and %zu of its layers drawn)\n", p.median, p.p95, options.frames, option.c_str(),
                drawnOff, drawnOn);
  }
  std::printf("  peak memory of this process (ru_maxrss)  %8ld MB\n", ownPeakKb() / 1024);
  const size_t storedFirst = session.cachedBandsStored();
  // The first open's layers let go (and the renderer's copies of them), as when a second window is another process.
  state.layers = session::defaultBasemapLayers();
  renderer.render(session.snapshot(state, 1920, 1080, 1.f), target);
  glFinish();
  {
    // The same files opened again, as a second window would: the bands the first open prepared come from the cache.
    headless::HeadlessHost again(data::findGeodataDir());
    if (options.perFrame) std::printf("  frames drawn while the files open again (layer cache filled):\n");
    const FilesOpened reopened = openAndDrawFiles(again, options.files, options.perFrame);
    std::printf("  second open: start to first frame with the files drawn %7.1f ms (%zu bands from the layer cache, "
                "%zu stored by the first; cache %.1f MB)\n",
                reopened.firstFrameMs, again.maps().cachedBandsUsed(), storedFirst,
                data::ContentCache(data::CacheSettings::fromEnvironment()).sizeOnDisk() / 1e6);
    for (const auto& m : again.model().messages)
      if (m.text.rfind("Layer cache: ", 0) == 0) std::printf("    %s\n", m.text.c_str());
  }
  std::printf("  peak memory of the whole run (ru_maxrss)  %7ld MB (the first open's layers let go before the second)\n",
              ownPeakKb() / 1024);
  if (options.skipExport) return 0;
  const auto dir = std::filesystem::temp_directory_path() / ("briefmap-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto png = (dir / "map.png").string();
  bool ok = true;
  for (auto [size, label] : {std::pair{"1920x1080", "1920x1080"}, std::pair{"3840x2160", "3840x2160"}}) {
    std::vector<std::string> args = {"export", "-q", "--out", png, "--size", size};
    args.insert(args.end(), options.files.begin(), options.files.end());
    // Without the cache (as before it), then once to fill it, then from it.
    const std::string off = std::string("export ") + label + " PNG, no layer cache";
    const std::string fill = std::string("export ") + label + " PNG, filling the cache";
    const std::string warm = std::string("export ") + label + " PNG, from the cache";
    ok = ok && timedCommand(argv0, off.c_str(), args, 3, png, {"BRIEFMAP_CACHE=off"}) &&
         timedCommand(argv0, fill.c_str(), args, 1, png) && timedCommand(argv0, warm.c_str(), args, 3, png);
  }
  std::filesystem::remove_all(dir, ec);
  return ok ? 0 : 1;
}

}  // namespace

int runBench(const BenchOptions& options, const char* argv0) {
  if (!options.files.empty()) {
    try {
      return fileBench(options, argv0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "briefmap bench: %s\n", e.what());
      return 1;
    }
  }
  const auto start = Clock::now();
  try {
    headless::HeadlessHost host(data::findGeodataDir());
    session::MapSession& session = host.maps();
    session::AppState& state = host.model();
    state.layers = session::defaultBasemapLayers();
    state.crs = session.projection().crs();
    session.loadBasemap();

    render::Renderer& renderer = host.renderer();
    const double contextMs = msSince(start);

    // First frame: as soon as any basemap level is ready, as the window does.
    render::OffscreenTarget firstTarget(1920, 1080, 1);
    state.viewportW = 1920;
    state.viewportH = 1080;
    state.view = session.homeView(1920, 1080);
    while (!state.basemapScene) {
      session.poll(state);
      if (!state.basemapScene) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    renderer.render(session.snapshot(state, 1920, 1080, 1.f), firstTarget);
    glFinish();
    const double firstFrameMs = msSince(start);
    session.finish(state);
    const double loadedMs = msSince(start);

    std::printf("briefmap bench — %s, %u hardware threads, OpenGL: %s\n", cpuModel().c_str(),
                std::thread::hardware_concurrency(), reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::printf("  GL context + shaders + label font        %8.1f ms\n", contextMs);
    std::printf("  start to first frame (1920x1080)         %8.1f ms\n", firstFrameMs);
    std::printf("  load + project + tessellate all levels   %8.1f ms\n", loadedMs);
    for (bool zoom : {false, true}) {
      for (auto [w, h] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
        const auto p = interactiveFrames(renderer, host, w, h, options.frames, zoom);
        std::printf("  %s frame %4dx%-4d       median %6.1f ms   p95 %6.1f ms   (%d frames)\n",
                    zoom ? "zoom" : "pan ", w, h, p.median, p.p95, options.frames);
      }
    }
    extractionFigures();
    workspaceFigures();
    // Where a 1080p frame goes: each basemap part alone (others hidden), the home view held still.
    std::printf("  frame breakdown at 1920x1080, home view (median of %d):\n", options.frames / 2);
    state.viewportW = 1920;
    state.viewportH = 1080;
    layerBreakdown(renderer, session, state, options.frames / 2, 12, [&] { return session.homeView(1920, 1080); });
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
      int frames = 0;
      const auto p = transitionFrames(renderer, host, w, h, frames, options.perFlight);
      std::printf("  slide transition %4dx%-4d  median %6.1f ms   p95 %6.1f ms   (%d frames, example briefing)\n", w, h,
                  p.median, p.p95, frames);
    }

    if (!options.skipExport) {
      const auto dir = std::filesystem::temp_directory_path() / ("briefmap-bench-" + std::to_string(getpid()));
      std::filesystem::create_directories(dir);
      auto timed = [&](const char* label, const std::vector<std::string>& args, int runs,
                       const std::filesystem::path& file) { return timedCommand(argv0, label, args, runs, file); };
      const std::vector<std::string> furniture = {"--preset", "guarantee_stack", "--title", "Security guarantees for Ukraine",
                                                  "--subtitle", "What the reports describe, August-September 2025",
                                                  "--caveat", "UNCLASSIFIED - FOR TRAINING"};
      auto with = [&](std::vector<std::string> args, const std::vector<std::string>& more) {
        args.insert(args.end(), more.begin(), more.end());
        return args;
      };
      const auto png = (dir / "map.png").string(), png8 = (dir / "map8k.png").string(), pdf = (dir / "map.pdf").string();
      bool ok = timed("export 3840x2160 PNG, basemap only", {"export", "-q", "--out", png, "--size", "3840x2160"}, 7, png) &&
                timed("export 3840x2160 PNG, options + furniture",
                      with({"export", "-q", "--out", png, "--size", "3840x2160"}, furniture), 7, png) &&
                timed("export 7680x4320 PNG (4 tiles), same", with({"export", "-q", "--out", png8, "--size", "7680x4320"}, furniture),
                      3, png8) &&
                timed("export 3840x2160 PDF, same", with({"export", "-q", "--out", pdf, "--size", "3840x2160"}, furniture), 3, pdf);
      const auto briefing = data::findGeodataDir() / "briefings" / "security-guarantees.json";
      if (ok && std::filesystem::exists(briefing))
        ok = timed("briefing: all slides PNG+PDF+GeoTIFF 1080p",
                   {"export", "-q", "--briefing", briefing.string(), "--all-slides", "--out", (dir / "slides").string(),
                    "--formats", "png,pdf,geotiff"},
                   3, {});
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
      if (!ok) return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap bench: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
