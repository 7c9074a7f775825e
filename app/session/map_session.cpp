#include "briefmap/session/map_session.hpp"

#include "briefmap/session/frame_builder.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <set>
#include <optional>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <future>
#include <utility>

#include <sys/resource.h>
#include <unistd.h>

#include "briefmap/data/freed_memory.hpp"
#include "briefmap/data/simplify.hpp"
#include "briefmap/render/scene_io.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/geo/geodesic.hpp"
#include "briefmap/options/derived.hpp"
#include "briefmap/options/layer_export.hpp"

namespace briefmap::session {
namespace {

// A band this big, prepared or let go, is worth handing its freed memory back to the system for.
constexpr size_t kBigBandBytes = size_t{64} << 20;

// For work nothing waits for. On Linux a thread's nice value is its own (not the process's), and the threads it starts
// inherit it; raising it back needs a privilege, so it is lowered only on a thread that ends with the work.
void lowerThisThreadsPriority() {
  constexpr int kBackgroundNice = 10;
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);  // best effort: refused, it runs as before
}

// Ukraine and its neighbours: the frame of the home view.
geo::LonLatBox homeBox() {
  geo::LonLatBox box;
  box.add(17.0, 43.0);
  box.add(42.0, 54.5);
  return box;
}

// A lon/lat box's outline projected (edges densified), as a map box.
geo::MapBox projectBox(const geo::LonLatBox& box, const geo::Projection& projection) {
  geo::MapBox out;
  constexpr int kSteps = 16;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = double(i) / kSteps;
    const double lon = box.minX + t * box.width(), lat = box.minY + t * box.height();
    for (const geo::LonLat p : {geo::LonLat{lon, box.minY}, geo::LonLat{lon, box.maxY}, geo::LonLat{box.minX, lat},
                                geo::LonLat{box.maxX, lat}}) {
      const auto m = projection.forward(p);
      if (std::isfinite(m.x) && std::isfinite(m.y)) out.add(m.x, m.y);
    }
  }
  return out;
}

// The view a host frames on users' data (MapSession::viewForUserLayers): the home view when the data meets it, else
// the data with a margin.
render::View viewFramingData(const geo::LonLatBox& data, const geo::Projection& projection, int widthPx, int heightPx) {
  const render::View home = render::fitView(projectBox(homeBox(), projection), widthPx, heightPx, 0.0);
  if (data.empty() || data.intersects(homeBox())) return home;
  // Somewhere else entirely (a file of another region): its data, with a margin, rather than a bare basemap.
  const double padX = std::max(data.width() * 0.05, 0.05), padY = std::max(data.height() * 0.05, 0.05);
  geo::LonLatBox framed;
  framed.add(std::max(-180.0, data.minX - padX), std::max(-89.0, data.minY - padY));
  framed.add(std::min(180.0, data.maxX + padX), std::min(89.0, data.maxY + padY));
  const render::View view = render::fitView(projectBox(framed, projection), widthPx, heightPx, 0.0);
  if (!std::isfinite(view.metresPerPixel) || view.metresPerPixel <= 0) return home;
  return view;
}

// Overlay colours for opened files, distinct from the muted basemap.
const render::LayerStyle& paletteStyle(int n) {
  static const std::vector<render::LayerStyle> kPalette = [] {
    std::vector<render::LayerStyle> p;
    for (auto rgb : {0xd7301fu, 0x2166acu, 0x1a9850u, 0x762a83u, 0xe08214u, 0x01665eu}) {
      render::LayerStyle s;
      s.fill = render::Rgba::hex(rgb, 0.28f);
      s.stroke = render::Rgba::hex(rgb);
      s.point = render::Rgba::hex(rgb);
      p.push_back(s);
    }
    return p;
  }();
  return kPalette[static_cast<size_t>(n) % kPalette.size()];
}

std::string describe(const data::Layer& layer) {
  return layer.source.string() + " — " + std::to_string(layer.features.size()) + " features";
}

// A tenth of a pixel at the band's finest scale (of latitude: conservative in longitude), so that the picture stays
// within the golden tolerance of the full-detail draw (the band test): an outline's anti-aliased edge changes by the
// share of a pixel its vertices move (0.8 px, as the basemap, changed 3 % of the pixels of the test's layer, 0.3 px
// 0.6 %). Dense smooth rings still lose most of their vertices.
double bandToleranceDeg(size_t band) {
  constexpr double kTolerancePx = 0.1;
  return kTolerancePx * render::basemapDetailBands()[band].minMetresPerPixel / 111320.0;
}

// One band of a user's layer: its geometry for the scale, projected and tessellated. A big layer is cut into runs of
// features prepared on the machine's cores at once (tessellation and simplification dominate), then joined. A run's
// work on the way takes several times what it keeps (every triangle's corners in doubles, meshes grown by doubling):
// runs of at most `mostVerticesPerRun` (MapSession::setVerticesPerPreparationRun), a thread taking the next when done,
// keep that to a few hundred megabytes however big the layer (as two runs, a 10-million-vertex layer's band took
// 1.5 GB more while prepared).
std::shared_ptr<const render::SceneGroup> prepareUserBand(const data::Layer& layer, const geo::Projection& projection,
                                                    size_t band, const geo::LonLatBox* within,
                                                    data::ScalePrepareStats& stats, size_t mostVerticesPerRun) {
  // Below this many features or vertices a second thread costs more than it saves; a batch of 4,096 polygons of 50
  // vertices (what the window prepares as a file is read) is worth both cores.
  constexpr size_t kFeaturesPerPart = 4096, kVerticesPerPart = 32768;
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t count = layer.features.size();
  size_t vertices = 0;
  for (const auto& f : layer.features) vertices += f.geometry.vertexCount();
  size_t parts = std::clamp<size_t>(count / kFeaturesPerPart, 1, cores);
  if (parts < cores)
    parts = std::clamp<size_t>(std::max(parts, vertices / kVerticesPerPart), 1, std::max<size_t>(1, std::min(cores, count)));
  const size_t runs = (vertices + std::max<size_t>(mostVerticesPerRun, 1) - 1) / std::max<size_t>(mostVerticesPerRun, 1);
  // In a multiple of the cores, so that no core is left with one run more than the others.
  if (runs > parts) parts = std::min(count, (runs + cores - 1) / cores * cores);
  const double toleranceDeg = bandToleranceDeg(band);
  render::BuildOptions build;
  // A polygon within one of llvmpipe's 64-pixel tiles at the band's finest scale keeps GLU's triangles.
  build.improveShapesAboveMetres = 64 * render::basemapDetailBands()[band].minMetresPerPixel;
  auto prepare = [&layer, &build, toleranceDeg, within, count, parts](size_t part, const geo::Projection& own,
                                                                      data::ScalePrepareStats& counted) {
    const std::span<const data::Feature> all(layer.features);
    const size_t first = count * part / parts, last = count * (part + 1) / parts;
    const data::Layer geometry = data::geometryForScale(layer, all.subspan(first, last - first), toleranceDeg, within,
                                                        &counted);
    return render::buildSceneGroup(geometry, own, build);
  };
  if (parts == 1) return prepare(0, projection, stats);
  std::vector<data::ScalePrepareStats> counted(parts);
  std::vector<std::shared_ptr<const render::SceneGroup>> groups(parts);
  std::atomic<size_t> next{0};
  auto work = [&](const geo::Projection& own) {
    for (size_t part = next++; part < parts; part = next++) groups[part] = prepare(part, own, counted[part]);
  };
  std::vector<std::future<void>> others;
  for (size_t thread = 1; thread < std::min(cores, parts); ++thread)
    others.push_back(std::async(std::launch::async, [&, own = projection.clone()] { work(own); }));
  std::exception_ptr failed;
  try {
    work(projection);
  } catch (...) {
    failed = std::current_exception();
    next = parts;  // the others stop at their next run
  }
  for (auto& other : others) {
    try {
      other.get();
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  }
  if (failed) std::rethrow_exception(failed);
  for (const auto& c : counted) {
    stats.featuresPrepared += c.featuresPrepared;
    stats.featuresOutside += c.featuresOutside;
  }
  return render::joinSceneGroups(std::move(groups));
}

// What shapes a file's geometry besides its bytes: a cache entry made under other read options is another entry.
std::string fileCacheKey(const std::string& contentHash, const data::ReadOptions& read) {
  return "file-sha256=" + contentHash + "|src-crs=" + read.srcCrs + "|x=" + read.xField + "|y=" + read.yField +
         "|max-feature-vertices=" + std::to_string(read.limits.maxFeatureVertices);
}

// A layer's place in its file, stable between the batches of a read and its end: its name and how many layers of
// that name came before it (KML folders may share a name; a file's layers keep their order).
std::string layerKeyInFile(const std::string& name, size_t ordinal) { return name + "#" + std::to_string(ordinal); }

std::string layerCacheKey(const std::string& fileKey, const std::string& keyInFile) {
  return fileKey + "|layer=" + keyInFile;
}

// Writes a band to the cache as it lies in memory (a band may be a gigabyte); the reason it failed, or "".
std::string storeBand(const data::ContentCache& cache, const std::string& key, const render::SceneGroup& scene) {
  return cache.write(key, [&scene](const data::ContentCache::PayloadSink& sink) { render::writeSceneGroup(scene, sink); });
}

// A band from the cache, or null (not there, or a bad entry: then removed, and `whyNot` says why). Taken as it is
// read: held whole as bytes beside the band made of them, a 10-million-vertex layer's band took 675 MB more.
std::shared_ptr<const render::SceneGroup> cachedBand(const data::ContentCache& cache, const std::string& key,
                                                     std::string& whyNot) {
  std::shared_ptr<render::SceneGroup> scene;
  std::string problem;
  const bool read = cache.readStreamed(
      key,
      [&](const data::ContentCache::PayloadSource& source, size_t size) {
        scene = render::readSceneGroup(source, size, &problem);
        return scene != nullptr;
      },
      &whyNot);
  if (read) return scene;
  if (!problem.empty()) whyNot = cache.pathFor(key).string() + ": " + problem + "; ignored and rebuilt";
  return nullptr;
}

// One band of one layer in one CRS, prepared by this version of the scene format and of the band's tolerance.
std::string bandCacheKey(const std::string& layerKey, const geo::MapCrs& crs, size_t band, double toleranceDeg) {
  char tolerance[32];
  std::snprintf(tolerance, sizeof tolerance, "%.17g", toleranceDeg);
  return "briefmap-user-band|scene-format=" + std::to_string(render::kSceneFormatVersion) + "|" + layerKey +
         "|crs=" + crs.id + "|" + crs.definition + "|" + crs.pipeline + "|band=" + std::to_string(band) +
         "|tolerance-deg=" + tolerance;
}

// A view-only preparation is worth widening to the whole layer (then cached, and good for any later view) when the
// view holds most of the layer anyway: at most about twice the work of the view alone.
bool viewHoldsMostOf(const geo::LonLatBox& view, const geo::LonLatBox& layer) {
  if (layer.empty()) return true;
  geo::LonLatBox common;
  common.add(std::max(view.minX, layer.minX), std::max(view.minY, layer.minY));
  common.add(std::min(view.maxX, layer.maxX), std::min(view.maxY, layer.maxY));
  if (!view.intersects(layer)) return false;
  const double layerArea = std::max(layer.width(), 1e-9) * std::max(layer.height(), 1e-9);
  return common.width() * common.height() >= 0.5 * layerArea;
}

}  // namespace

MapSession::MapSession(std::filesystem::path geodataDir)
    : m_geodataDir(std::move(geodataDir)),
      m_projection(std::make_shared<geo::Projection>(geo::knownMapCrs().front())),
      m_mapWorker([this] { workerLoop(Lane::Map); }),
      m_optionsWorker([this] { workerLoop(Lane::Options); }),
      m_filesWorker([this] { workerLoop(Lane::Files); }) {}

MapSession::~MapSession() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    for (auto& lane : m_lanes) lane.jobs.clear();
  }
  if (const long background = m_backgroundThread.load())
    setpriority(PRIO_PROCESS, static_cast<id_t>(background), 0);  // best effort: the band it builds is its last
  m_wake.notify_all();
  m_idle.notify_all();  // the finer bands' pause ends
  m_mapWorker.join();
  m_optionsWorker.join();
  m_filesWorker.join();
}

void MapSession::enqueue(std::function<void()> job, Lane lane) {
  {
    std::lock_guard lock(m_mutex);
    m_lanes[static_cast<int>(lane)].jobs.push_back(std::move(job));
  }
  m_wake.notify_all();  // both workers wait on the one condition: wake the one whose lane this is
}

void MapSession::background(std::function<Completion()> job) {
  enqueue([this, job = std::move(job)] {
    if (Completion done = job()) post(std::move(done));
  });
}

void MapSession::post(Completion completion) {
  std::lock_guard lock(m_mutex);
  m_completions.push_back(std::move(completion));
}

void MapSession::workerLoop(Lane lane) {
  LaneQueue& queue = m_lanes[static_cast<int>(lane)];
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stop || !queue.jobs.empty(); });
      if (m_stop) return;
      job = std::move(queue.jobs.front());
      queue.jobs.pop_front();
      ++queue.running;
    }
    try {
      job();
    } catch (const std::exception& e) {
      std::string text = e.what();
      post([text](AppState& s) { s.messages.push_back({MessageLevel::Error, text}); });
    }
    {
      std::lock_guard lock(m_mutex);
      --queue.running;
    }
    m_idle.notify_all();
  }
}

bool MapSession::busy() const {
  std::lock_guard lock(m_mutex);
  for (const auto& lane : m_lanes)
    if (lane.running > 0 || !lane.jobs.empty()) return true;
  return !m_completions.empty();
}

bool MapSession::poll(AppState& state) {
  std::vector<Completion> done;
  {
    std::lock_guard lock(m_mutex);
    done.swap(m_completions);
  }
  for (auto& c : done) c(state);
  showFileLoads(state);
  refreshOverlays(state);  // a CRS change or new documents may have made them stale
  refreshUserLayers(state);
  return !done.empty();
}

void MapSession::waitIdle(const Lane* only) {
  std::unique_lock lock(m_mutex);
  m_idle.wait(lock, [&] {
    for (int i = 0; i < 3; ++i) {
      if (only && i != static_cast<int>(*only)) continue;
      if (m_lanes[i].running > 0 || !m_lanes[i].jobs.empty()) return false;
    }
    return true;
  });
}

void MapSession::finish(AppState& state) {
  // poll() may ask for more (a user layer's band for the view): until nothing is left.
  do {
    waitIdle(nullptr);
    poll(state);
  } while (busy());
}

void MapSession::finishOptions(AppState& state) {
  const Lane lane = Lane::Options;
  waitIdle(&lane);
  poll(state);
}

std::shared_ptr<const geo::Projection> MapSession::workerProjection() const {
  // A clone (~0.1 ms): building one from its definition costs a PROJ database search (8–25 ms).
  return std::make_shared<const geo::Projection>(m_projection->clone());
}

geo::LonLatBox MapSession::viewLonLatBox(const render::View& view, int widthPx, int heightPx) const {
  // The view's outline in lon/lat, with a margin for lines that leave and re-enter it.
  geo::LonLatBox within;
  bool offTheEarth = false;
  constexpr int kSteps = 16;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = double(i) / kSteps;
    for (const geo::ScreenPx p : {geo::ScreenPx{t * widthPx, 0}, geo::ScreenPx{t * widthPx, double(heightPx)},
                                  geo::ScreenPx{0, t * heightPx}, geo::ScreenPx{double(widthPx), t * heightPx}}) {
      const geo::MapXY m = render::screenToMap(view, widthPx, heightPx, p);
      const geo::LonLat ll = m_projection->inverse(m);
      const geo::MapXY back = m_projection->forward(ll);
      // Past the CRS's domain (a conic projection's plane beyond the pole) the outline says nothing of what
      // the view holds: then it is the whole world.
      if (!std::isfinite(back.x) || !std::isfinite(back.y) ||
          std::hypot(back.x - m.x, back.y - m.y) > view.metresPerPixel) {
        offTheEarth = true;
        continue;
      }
      within.add(ll.lon, ll.lat);
    }
  }
  if (offTheEarth) {
    geo::LonLatBox world;
    world.add(-180, -90);
    world.add(180, 90);
    return world;
  }
  if (!within.empty()) {
    const double mx = within.width() * 0.1 + 0.5, my = within.height() * 0.1 + 0.5;
    within.add(within.minX - mx, within.minY - my);
    within.add(within.maxX + mx, within.maxY + my);
  }
  return within;
}

void MapSession::loadBasemapFor(const render::View& view, int widthPx, int heightPx) {
  const auto dir = m_geodataDir;
  const unsigned generation = m_generation;
  const auto& bands = render::basemapDetailBands();
  const size_t band = render::detailBandFor(view.metresPerPixel);
  const geo::LonLatBox within = viewLonLatBox(view, widthPx, heightPx);
  {
    auto projection = workerProjection();
    enqueue([this, dir, projection, generation, band, &bands, within] {
      auto basemap = std::make_shared<const data::Basemap>(
          data::loadBasemap(dir, {bands[band].scaleDenominatorMillions}, within.empty() ? nullptr : &within));
      auto scene = std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, *projection, {band}));
      post([this, basemap, scene, generation](AppState& s) {
        m_basemap = basemap;
        if (generation == m_generation) s.basemapScene = scene;
      });
    });
  }
}

void MapSession::loadBasemap() {
  const auto dir = m_geodataDir;
  auto clone = workerProjection();
  const unsigned generation = m_generation;
  const auto& bands = render::basemapDetailBands();
  enqueue([this, dir, clone, generation, &bands] {
    auto basemap = std::make_shared<const data::Basemap>(data::loadBasemap(dir));
    const geo::Projection& projection = *clone;
    // The coarse bands first: quick, so the first frame shows a map at once. Then the 1:10m bands, coarsest first,
    // each posted beside those already shown (the same objects: a view whose band was there keeps its picture, and
    // the window's layer cache with it). The coarsest of them, the whole region on a desktop screen, follows at once
    // (0.07 s on two cores); the finer ones, for views closer in, are built on a thread of low priority, so that a
    // file the user opens as the window starts (read, prepared and drawn on the other threads) is not slowed by them:
    // on a 2-core machine they took a core-second from the million-vertex file's open.
    std::vector<size_t> coarse, fine;  // fine: coarsest first
    for (size_t i = bands.size(); i-- > 0;) (bands[i].scaleDenominatorMillions == 10 ? fine : coarse).push_back(i);
    std::shared_ptr<const render::BasemapScene> shown =
        std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, projection, coarse));
    post([this, basemap, shown, generation](AppState& s) {
      m_basemap = basemap;
      if (generation == m_generation) s.basemapScene = shown;
    });
    auto addBand = [&](size_t band) {
      render::BasemapScene built = render::buildBasemapScene(*basemap, projection, {band});
      auto next = std::make_shared<render::BasemapScene>(*shown);
      next->levels.insert(next->levels.end(), built.levels.begin(), built.levels.end());
      shown = next;
      post([this, next, generation](AppState& s) {
        if (generation == m_generation) s.basemapScene = next;
      });
    };
    if (fine.empty()) return;
    addBand(fine.front());
    std::async(std::launch::async, [&] {
      lowerThisThreadsPriority();
      m_backgroundThread = gettid();
      // Even at low priority they took a tenth of the cores from a file opened as the window starts: while the files
      // lane has work (a read, its preparation, a band for the view) they wait, for at most kMostPause in all, so that
      // a read of minutes does not leave the views closer in without their detail.
      constexpr auto kMostPause = std::chrono::seconds(3);
      const auto pauseEnds = std::chrono::steady_clock::now() + kMostPause;
      for (size_t k = 1; k < fine.size(); ++k) {
        {
          std::unique_lock lock(m_mutex);
          const LaneQueue& files = m_lanes[static_cast<int>(Lane::Files)];
          m_idle.wait_until(lock, pauseEnds, [&] { return m_stop || (files.running == 0 && files.jobs.empty()); });
          if (m_stop) break;  // the session ends: no more bands
        }
        addBand(fine[k]);
      }
      m_backgroundThread = 0;
    }).get();
  });
}

// A file shown as it is read (the window): each batch the reader hands over is prepared for its layer's detail band on
// a thread beside the reader (one batch at a time: reading and preparing share the cores) and posted to the model as
// a part of the layer; when the read ends, each layer whose every feature went through a batch gets its band's scene
// by merging them (what a load all at once prepares: the same features, simplified and tessellated alike). With a
// cache, a layer's band is looked up at its first batch (the file hashed before the read) and shown whole at once.
// Files worker.
class MapSession::FileBatches {
 public:
  struct Whole {
    std::shared_ptr<const render::SceneGroup> scene;
    size_t band = 0;
    double toleranceDeg = 0;
    bool fromCache = false;
  };
  /// `projection`: a clone of the map's, made on the main thread with `generation` (the CRS it is of). `framing`: the
  /// viewport of a view to be framed on the files (UserLayerPreparation::FramedOnFiles), else none (the view's band).
  FileBatches(MapSession& session, std::shared_ptr<FileLoad> load, std::shared_ptr<const geo::Projection> projection,
              unsigned generation, std::shared_ptr<const data::ContentCache> cache, std::string fileKeyBefore,
              data::ReadBatchHook caller, std::optional<std::pair<int, int>> framing)
      : m_session(session),
        m_load(std::move(load)),
        m_projection(std::move(projection)),
        m_generation(generation),
        m_cache(std::move(cache)),
        m_fileKey(std::move(fileKeyBefore)),
        m_caller(std::move(caller)),
        m_framing(framing) {}
  ~FileBatches() {
    try {
      settle();
    } catch (const std::exception&) {
      // The read failed or was cancelled anyway: what it shows is dropped with it.
    }
  }
  FileBatches(const FileBatches&) = delete;
  FileBatches& operator=(const FileBatches&) = delete;

  void add(const data::ReadBatch& batch) {
    if (m_load->cancelled) throw data::ReadCancelled(m_load->path + ": cancelled");
    if (!m_load->stale) {
      if (m_parts.empty() || m_parts.back().readerIndex != batch.layerIndex) start(batch);
      Part& part = m_parts.back();
      part.features += batch.features().size();
      if (part.cached) {
        show(part, nullptr, part.features);
      } else {
        settle();
        // The batch's geometry only (the reader's vector grows, and may move, while it is prepared).
        data::Layer copy;
        copy.id = batch.layer.id;
        copy.name = batch.layer.name;
        copy.source = batch.layer.source;
        copy.features.reserve(batch.features().size());
        for (const auto& f : batch.features()) copy.features.push_back(data::Feature{f.geometry, {}});
        m_inFlight = std::async(std::launch::async, [this, &part, copy = std::move(copy), shown = part.features] {
          data::ScalePrepareStats stats;
          auto scene = prepareUserBand(copy, *m_projection, part.band, nullptr, stats, m_session.m_verticesPerRun);
          m_session.m_featuresPrepared += stats.featuresPrepared;
          show(part, scene, shown);
          return scene;
        });
        m_inFlightPart = &part;
      }
    }
    if (m_caller) {
      settle();  // the caller sees the batch in the model's queue
      m_caller(batch);
    }
  }

  const std::string& fileKey() const { return m_fileKey; }
  bool anyFromCache() const {
    return std::any_of(m_parts.begin(), m_parts.end(), [](const Part& p) { return p.cached != nullptr; });
  }
  const geo::MapCrs& crs() const { return m_projection->crs(); }

  /// The band's scene of a layer read whole: none when not every one of its `features` went through a batch (or
  /// it came from the cache and the file changed during the read, or the CRS changed).
  std::optional<Whole> whole(const std::string& keyInFile, size_t features, bool fileUnchanged) {
    settle();
    if (m_load->stale) return std::nullopt;
    auto part = std::find_if(m_parts.begin(), m_parts.end(), [&](const Part& p) { return p.keyInFile == keyInFile; });
    if (part == m_parts.end() || part->features != features) return std::nullopt;
    if (part->cached) {
      if (!fileUnchanged) return std::nullopt;
      return Whole{part->cached, part->band, part->toleranceDeg, true};
    }
    if (part->scenes.empty()) return std::nullopt;
    // The batches shown as parts become the band's parts: nothing copied, nothing uploaded again.
    std::shared_ptr<const render::SceneGroup> scene = render::joinSceneGroups(std::move(part->scenes));
    part->scenes.clear();
    return Whole{scene, part->band, part->toleranceDeg, false};
  }

 private:
  struct Part {
    std::string name, keyInFile;
    size_t readerIndex = 0, band = 0, features = 0;  ///< features: handed over so far
    double toleranceDeg = 0;
    std::vector<std::shared_ptr<const render::SceneGroup>> scenes;  ///< its batches prepared, in order
    std::shared_ptr<const render::SceneGroup> cached;         ///< its whole band, from the cache
  };

  // A layer's first batch: the band of the view now (kept for the whole layer), and the cache's copy of it if any.
  void start(const data::ReadBatch& batch) {
    settle();
    Part part;
    part.readerIndex = batch.layerIndex;
    part.name = batch.layer.name;
    const auto ordinal = std::count_if(m_parts.begin(), m_parts.end(), [&](const Part& p) { return p.name == part.name; });
    part.keyInFile = layerKeyInFile(part.name, static_cast<size_t>(ordinal));
    part.band = std::min(m_session.m_viewBand.load(), render::basemapDetailBands().size() - 1);
    if (m_framing) {
      // The band of the view that will be framed on the files, guessed from this batch: right whenever it meets the
      // home view (so will all the data), else when the rest of the data keeps the scale within the band. A wrong
      // guess costs only time: the view's band is then prepared after the read.
      geo::LonLatBox seen;
      for (const auto& f : batch.features()) seen.add(f.geometry.bounds());
      const render::View framed = viewFramingData(seen, *m_projection, m_framing->first, m_framing->second);
      part.band = render::detailBandFor(framed.metresPerPixel);
    }
    part.toleranceDeg = bandToleranceDeg(part.band);
    m_layerIds[part.keyInFile] = {batch.layer.id, batch.layer.name};
    if (!m_fileKey.empty()) {
      std::string whyNot;
      part.cached = cachedBand(*m_cache, bandCacheKey(layerCacheKey(m_fileKey, part.keyInFile), m_projection->crs(),
                                                      part.band, part.toleranceDeg),
                               whyNot);
      if (part.cached) ++m_session.m_cachedBandsUsed;
      if (!whyNot.empty())
        m_session.post([whyNot](AppState& s) { s.messages.push_back({MessageLevel::Info, "Layer cache: " + whyNot}); });
    }
    m_parts.push_back(std::move(part));
    if (m_parts.back().cached) show(m_parts.back(), m_parts.back().cached, 0);
  }

  // Hands a prepared batch (or the cached band, or only the count) to the model, as a part of the layer's entry.
  void show(const Part& part, std::shared_ptr<const render::SceneGroup> scene, size_t shown) {
    const std::string& layerId = m_layerIds.at(part.keyInFile).first;
    const std::string& layerName = m_layerIds.at(part.keyInFile).second;
    m_session.post([session = &m_session, load = m_load, key = part.keyInFile, layerId, layerName, scene, shown,
                    generation = m_generation](AppState& s) {
      if (load->cancelled || generation != session->m_generation) return;
      LayerEntry* entry = session->shownLayer(s, *load, key, layerId, layerName);
      if (!entry) return;  // removed by the user while it was read
      if (scene) entry->partialScenes.push_back(scene);
      entry->featuresShown = std::max(entry->featuresShown, shown);
    });
  }

  // Waits for the batch being prepared and keeps its scene (its exception, if any, stops the read).
  void settle() {
    if (!m_inFlight.valid()) return;
    Part* part = m_inFlightPart;
    m_inFlightPart = nullptr;
    auto scene = m_inFlight.get();
    part->scenes.push_back(std::move(scene));
  }

  MapSession& m_session;
  std::shared_ptr<FileLoad> m_load;
  std::shared_ptr<const geo::Projection> m_projection;  ///< used by one batch's preparation at a time
  unsigned m_generation;
  std::shared_ptr<const data::ContentCache> m_cache;
  std::string m_fileKey;  ///< of the bytes before the read; empty: no cache
  data::ReadBatchHook m_caller;
  std::optional<std::pair<int, int>> m_framing;
  std::deque<Part> m_parts;  ///< a deque: the batch in flight holds a reference to its part
  std::map<std::string, std::pair<std::string, std::string>> m_layerIds;  ///< keyInFile -> the layer's id and name
  std::future<std::shared_ptr<const render::SceneGroup>> m_inFlight;
  Part* m_inFlightPart = nullptr;
};

LayerEntry* MapSession::shownLayer(AppState& state, FileLoad& load, const std::string& keyInFile,
                                   const std::string& layerId, const std::string& name) {
  auto known = load.shownLayers.find(keyInFile);
  if (known != load.shownLayers.end()) return state.findLayer(known->second);
  if (load.firstLayerNumber == 0) load.firstLayerNumber = m_nextLayerNumber;
  LayerEntry e;
  e.id = layerId + "#" + std::to_string(m_nextLayerNumber);
  e.name = name;
  e.style = paletteStyle(m_nextLayerNumber - 1);
  e.detail = load.path + " — being read";
  e.loadingFileId = load.id;
  ++m_nextLayerNumber;
  load.shownLayers[keyInFile] = e.id;
  state.layers.push_back(std::move(e));
  return &state.layers.back();
}

void MapSession::dropShownLayers(AppState& state, FileLoad& load) {
  std::erase_if(state.layers, [&](const LayerEntry& l) { return l.loadingFileId == load.id; });
  // The colours they took are given back when none of them stays and none was taken after them.
  const bool noneKept = std::none_of(load.shownLayers.begin(), load.shownLayers.end(),
                                     [&](const auto& shown) { return state.findLayer(shown.second) != nullptr; });
  if (noneKept && load.firstLayerNumber > 0 &&
      m_nextLayerNumber == load.firstLayerNumber + static_cast<int>(load.shownLayers.size()))
    m_nextLayerNumber = load.firstLayerNumber;
  if (noneKept) {
    load.shownLayers.clear();
    load.firstLayerNumber = 0;
  }
}

void MapSession::openFiles(const std::vector<std::string>& paths, const data::ReadOptions& options) {
  for (const auto& path : paths) {
    ++m_pendingFiles;
    auto load = std::make_shared<FileLoad>();
    load->id = m_nextFileLoadId++;
    load->path = path;
    load->progress.file = path;
    load->progress.opening = true;
    m_fileLoads.push_back(load);
    data::ReadOptions read = options;
    // Geometry only: nothing shows a user layer's attributes (no host picks its features), and 2 million points'
    // attributes took a gigabyte of memory and a third of a GeoPackage's read.
    read.attributes = false;
    read.progress = [load, caller = options.progress](const data::ReadProgress& p) {
      {
        std::lock_guard lock(load->mutex);
        load->progress = p;
      }
      if (caller && !caller(p)) load->cancelled = true;
      return !load->cancelled.load();
    };
    // The window shows a file as it is read, an export framed on its files prepares it as it is read; an export or a
    // test that has not chosen its view waits for it whole.
    const bool framing = m_userLayerPreparation == UserLayerPreparation::FramedOnFiles;
    const bool progressive =
        (m_userLayerPreparation == UserLayerPreparation::Window || framing) && options.batchFeatures > 0;
    std::optional<std::pair<int, int>> framingViewport;
    if (framing) {
      framingViewport = m_framingViewport;
      read.batchSeconds = std::numeric_limits<double>::infinity();  // batches by count: an export's picture repeats
    }
    enqueue([this, path, read, load, cache = m_layerCache, progressive, generation = m_generation,
             clone = progressive ? workerProjection() : nullptr, framingViewport] {
      // Whatever happens, the file stops being pending when its last completion is applied, and the layers shown
      // while it was read go unless its end made them whole.
      struct Done {
        MapSession* self;
        std::shared_ptr<FileLoad> load;
        bool posted = false;
        void now() {
          if (std::exchange(posted, true)) return;
          self->post([s = self, l = load](AppState& state) {
            --s->m_pendingFiles;
            std::erase(s->m_fileLoads, l);
            s->dropShownLayers(state, *l);
          });
        }
        ~Done() { now(); }
      } done{this, load};
      const bool cached = cache && cache->enabled();
      // Keyed by the bytes read: hashed after the read; when it is shown as it is read, also before (to find its bands
      // in the cache at once), a band taken from the cache kept only when both agree.
      auto hashFile = [&] {
        try {
          return fileCacheKey(data::fileSha256Hex(path), read);
        } catch (const data::DataError&) {
          return std::string();  // gone or unreadable: its layers are shown, but not cached
        }
      };
      std::unique_ptr<FileBatches> batches;  // after `done`: a batch in flight is finished before the file's end
      data::ReadOptions reading = read;
      if (progressive) {
        batches = std::make_unique<FileBatches>(*this, load, clone, generation, cache,
                                                cached ? hashFile() : std::string(), read.batches, framingViewport);
        reading.batches = [&batches](const data::ReadBatch& b) { batches->add(b); };
      } else {
        reading.batches = nullptr;
      }
      data::ReadReport report;
      std::vector<data::Layer> layers;
      try {
        layers = data::readVectorFile(path, &report, false, reading);
      } catch (const data::ReadCancelled&) {
        return;  // asked for: the window stays as it was, without a word
      } catch (const data::DataError& e) {
        std::string text = e.what();
        post([text](AppState& s) { s.messages.push_back({MessageLevel::Error, text}); });
        return;
      }
      // The bytes read, hashed again (a band from the cache is kept only when they did not change). Before the layers
      // are posted when the cache has a say in them (a band came from it, or a layer's band is still to be prepared
      // and looked up by this key); else after, so that the window shows the file whole without waiting for a hash.
      std::string fileKey;
      bool hashed = false;
      if (cached && (!batches || batches->anyFromCache())) {
        fileKey = hashFile();
        hashed = true;
      }
      // Each layer's place in the file, and its band's scene if its batches made it whole.
      std::vector<std::string> keys;
      std::vector<std::optional<FileBatches::Whole>> wholes(layers.size());
      for (size_t i = 0; i < layers.size(); ++i) {
        const auto ordinal = std::count_if(layers.begin(), layers.begin() + static_cast<std::ptrdiff_t>(i),
                                           [&](const data::Layer& l) { return l.name == layers[i].name; });
        keys.push_back(layerKeyInFile(layers[i].name, static_cast<size_t>(ordinal)));
        if (batches)
          wholes[i] = batches->whole(keys[i], layers[i].features.size(), !fileKey.empty() && batches->fileKey() == fileKey);
      }
      if (cached && !hashed && std::any_of(wholes.begin(), wholes.end(), [](const auto& w) { return !w; })) {
        fileKey = hashFile();
        hashed = true;
      }
      auto entryIds = std::make_shared<std::vector<std::string>>(layers.size());  // the entries the layers went to
      // One completion for the whole file, so a Cancel that comes after the read adds none of its layers either.
      auto shared = std::make_shared<std::vector<data::Layer>>(std::move(layers));
      post([this, shared, load, fileKey, keys, wholes, generation, entryIds,
            warnings = std::move(report.warnings)](AppState& s) {
        if (load->cancelled) return;
        // Other bands are prepared as views need them (refreshUserLayers).
        for (size_t i = 0; i < shared->size(); ++i) {
          auto data = std::make_shared<const data::Layer>(std::move((*shared)[i]));
          LayerEntry* e = nullptr;
          if (auto shown = load->shownLayers.find(keys[i]); shown != load->shownLayers.end()) {
            e = s.findLayer(shown->second);
            if (!e) continue;  // removed by the user while it was read
          } else {
            s.layers.emplace_back();
            e = &s.layers.back();
            e->id = data->id + "#" + std::to_string(m_nextLayerNumber);
            e->style = paletteStyle(m_nextLayerNumber - 1);
            ++m_nextLayerNumber;
          }
          (*entryIds)[i] = e->id;
          if (!fileKey.empty()) e->cacheKey = layerCacheKey(fileKey, keys[i]);
          e->name = data->name;
          e->data = data;
          e->detail = describe(*data);
          e->loadingFileId = 0;
          e->partialScenes.clear();
          e->featuresShown = 0;
          if (wholes[i] && generation == m_generation) {
            e->bandScenes.resize(render::basemapDetailBands().size());
            e->bandScenes[wholes[i]->band] = wholes[i]->scene;
            e->scene = wholes[i]->scene;  // refreshUserLayers swaps in the view's band when it is another
            m_bandRequests[{e->id, wholes[i]->band}] = std::nullopt;
          }
          s.messages.push_back({MessageLevel::Info, "Opened " + data->source.filename().string() + " (layer '" +
                                                        data->name + "', " + std::to_string(data->features.size()) +
                                                        " features)"});
        }
        dropShownLayers(s, *load);  // a layer shown while read that the end left out (skipped, or empty)
        for (const auto& w : warnings) s.messages.push_back({MessageLevel::Warning, w});
      });
      done.now();
      if (cached && !hashed) {
        fileKey = hashFile();
        if (!fileKey.empty())
          post([entryIds, keys, fileKey](AppState& s) {
            for (size_t i = 0; i < entryIds->size(); ++i)
              if (LayerEntry* e = (*entryIds)[i].empty() ? nullptr : s.findLayer((*entryIds)[i]))
                e->cacheKey = layerCacheKey(fileKey, keys[i]);
          });
      }
      // The whole bands go into the cache after the model has them: the window shows the file whole meanwhile.
      if (fileKey.empty() || !batches) return;
      std::vector<std::string> cacheNotes;
      for (size_t i = 0; i < wholes.size(); ++i) {
        if (!wholes[i] || wholes[i]->fromCache) continue;
        const std::string failed = storeBand(*cache, bandCacheKey(layerCacheKey(fileKey, keys[i]), batches->crs(),
                                                                  wholes[i]->band, wholes[i]->toleranceDeg),
                                             *wholes[i]->scene);
        if (failed.empty()) ++m_cachedBandsStored;
        else cacheNotes.push_back(failed);
      }
      if (!cacheNotes.empty())
        post([cacheNotes](AppState& s) {
          for (const auto& note : cacheNotes) s.messages.push_back({MessageLevel::Info, "Layer cache: " + note});
        });
    }, Lane::Files);
  }
}

bool MapSession::cancelFileLoad(AppState& state, int id) {
  auto it = std::find_if(m_fileLoads.begin(), m_fileLoads.end(), [id](const auto& l) { return l->id == id; });
  if (it == m_fileLoads.end()) return false;
  (*it)->cancelled = true;
  dropShownLayers(state, **it);
  m_fileLoads.erase(it);
  showFileLoads(state);
  return true;
}

void MapSession::showFileLoads(AppState& state) {
  state.fileLoads.clear();
  for (const auto& load : m_fileLoads) {
    if (load->cancelled) continue;  // cancelled by the caller's hook (Ctrl+C): going
    FileLoadState row;
    row.id = load->id;
    row.file = load->path;
    std::lock_guard lock(load->mutex);
    row.featuresRead = load->progress.featuresRead;
    row.fraction = load->progress.fraction();
    row.opening = load->progress.opening;
    state.fileLoads.push_back(std::move(row));
  }
}

void MapSession::refreshUserLayers(AppState& state) {
  if (m_userLayerPreparation == UserLayerPreparation::Deferred ||
      m_userLayerPreparation == UserLayerPreparation::FramedOnFiles)
    return;
  const auto& bands = render::basemapDetailBands();
  const size_t band = render::detailBandFor(state.view.metresPerPixel);
  m_viewBand = band;
  std::optional<geo::LonLatBox> within;
  if (m_userLayerPreparation == UserLayerPreparation::ViewOnly && state.viewportW > 0 && state.viewportH > 0) {
    const geo::LonLatBox box = viewLonLatBox(state.view, state.viewportW, state.viewportH);
    if (!box.empty()) within = box;
  }
  for (auto& l : state.layers) {
    if (l.isBasemap || !l.data) continue;
    if (l.bandScenes.size() != bands.size()) l.bandScenes.resize(bands.size());
    auto request = m_bandRequests.find({l.id, band});
    const bool covered = request != m_bandRequests.end() &&
                         (!request->second || (within && within->minX >= request->second->minX &&
                                               within->maxX <= request->second->maxX &&
                                               within->minY >= request->second->minY &&
                                               within->maxY <= request->second->maxY));
    if (covered) {
      // Else it is being prepared: the band it has meanwhile.
      if (l.bandScenes[band] && l.scene != l.bandScenes[band]) {
        l.scene = l.bandScenes[band];
        dropFarBands(l, band);
      }
      continue;
    }
    if (!l.visible) continue;  // prepared when shown
    m_bandRequests[{l.id, band}] = within;
    const double toleranceDeg = bandToleranceDeg(band);
    auto clone = workerProjection();
    const std::string bandKey = m_layerCache && m_layerCache->enabled() && !l.cacheKey.empty()
                                    ? bandCacheKey(l.cacheKey, clone->crs(), band, toleranceDeg)
                                    : std::string();
    enqueue([this, id = l.id, layer = l.data, clone, band, within, toleranceDeg, generation = m_generation,
             count = bands.size(), cache = m_layerCache, bandKey] {
      std::shared_ptr<const render::SceneGroup> scene;
      std::string whyNot;
      if (!bandKey.empty()) {
        scene = cachedBand(*cache, bandKey, whyNot);
        if (scene) ++m_cachedBandsUsed;
      }
      // With a cache the whole layer is prepared (and kept) when the view holds most of it anyway.
      const bool whole = !within || (!bandKey.empty() && viewHoldsMostOf(*within, layer->bounds()));
      if (!scene) {
        data::ScalePrepareStats stats;
        scene = prepareUserBand(*layer, *clone, band, whole ? nullptr : &*within, stats, m_verticesPerRun);
        m_featuresPrepared += stats.featuresPrepared;
        m_featuresOutside += stats.featuresOutside;
        if (!bandKey.empty() && whole) {
          const std::string failed = storeBand(*cache, bandKey, *scene);
          if (failed.empty()) ++m_cachedBandsStored;
          else if (whyNot.empty()) whyNot = failed;
        }
        // The simplified geometry and the tessellators' work of a big band, freed on this thread and its helpers.
        if (scene->meshBytes() >= kBigBandBytes) data::releaseFreedMemory();
      }
      post([this, id, band, scene, generation, count, whole, whyNot](AppState& s) {
        // The cache is an optimisation: what went wrong with it is logged, never in the way.
        if (!whyNot.empty()) s.messages.push_back({MessageLevel::Info, "Layer cache: " + whyNot});
        if (generation != m_generation) return;
        if (whole) m_bandRequests[{id, band}] = std::nullopt;  // any later view of the band is covered
        LayerEntry* entry = s.findLayer(id);
        if (!entry) return;
        entry->bandScenes.resize(count);
        entry->bandScenes[band] = scene;
        const size_t viewBand = render::detailBandFor(s.view.metresPerPixel);
        if (!entry->scene || viewBand == band) entry->scene = scene;
        dropFarBands(*entry, viewBand);
      });
    }, Lane::Files);
  }
}

// A layer's bands besides the view's are kept while they take little memory, so that zooming back is instant; past
// the budget the farthest from the view's band go first (prepared again, or read from the cache, when a view needs
// them). A 10-million-vertex layer's band is a gigabyte, and llvmpipe holds a copy of what it draws.
void MapSession::dropFarBands(LayerEntry& layer, size_t viewBand) {
  size_t total = 0;
  std::vector<size_t> droppable;
  for (size_t b = 0; b < layer.bandScenes.size(); ++b) {
    if (!layer.bandScenes[b]) continue;
    total += layer.bandScenes[b]->meshBytes();
    if (b != viewBand && layer.bandScenes[b] != layer.scene) droppable.push_back(b);
  }
  auto distance = [viewBand](size_t b) { return b > viewBand ? b - viewBand : viewBand - b; };
  std::stable_sort(droppable.begin(), droppable.end(), [&](size_t a, size_t b) { return distance(a) > distance(b); });
  for (const size_t b : droppable) {
    if (total <= m_keptBandBytes) break;
    total -= layer.bandScenes[b]->meshBytes();
    layer.bandScenes[b].reset();
    m_bandRequests.erase({layer.id, b});
  }
}

ApplyResult MapSession::setCrs(AppState& state, const std::string& text) {
  std::shared_ptr<geo::Projection> projection;
  try {
    projection = std::make_shared<geo::Projection>(geo::mapCrsFromText(text));
  } catch (const geo::ProjectionError& e) {
    return ApplyResult::failed(e.what());
  }
  // Keep looking at the same place at about the same scale.
  const geo::LonLat centre = m_projection->inverse(state.view.centre);
  const double ground = groundMetresPerPixel(*m_projection, state.view);
  m_projection = projection;
  ++m_generation;
  state.crs = projection->crs();
  const geo::MapXY newCentre = projection->forward(centre);
  if (std::isfinite(newCentre.x) && std::isfinite(newCentre.y)) state.view.centre = newCentre;
  const double newGround = groundMetresPerPixel(*m_projection, state.view);
  if (ground > 0 && newGround > 0) state.view.metresPerPixel *= ground / newGround;

  const unsigned generation = m_generation;
  auto clone = workerProjection();
  auto basemap = m_basemap;
  if (basemap) {
    enqueue([this, basemap, clone, generation] {
      auto scene = std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, *clone));
      post([this, scene, generation](AppState& s) {
        if (generation == m_generation) s.basemapScene = scene;
      });
    });
  }
  // Until the new scene arrives nothing stale is drawn in the wrong CRS; users' layers are prepared again band by
  // band (refreshUserLayers).
  state.basemapScene.reset();
  for (auto& l : state.layers) {
    l.scene.reset();
    l.bandScenes.clear();
    l.partialScenes.clear();
  }
  for (auto& load : m_fileLoads) load->stale = true;  // their layers are prepared for the new CRS once read
  m_bandRequests.clear();
  for (auto& o : state.options)
    for (auto& l : o.layers) l.stated = l.inferred = l.derived = l.rangeWash = nullptr;
  m_preparedRevision.clear();
  // Accepted candidates are a few points, not recomputed by syncOptions: projected here at once.
  for (auto& o : state.options)
    for (auto& l : o.layers)
      if (l.id == kAcceptedLayerId && l.resolved) {
        l.stated = projectLabelledPoints(l.resolved->stated);
        l.inferred = projectLabelledPoints(l.resolved->inferred);
      }
  return ApplyResult::done();
}

void MapSession::loadOptions() {
  const auto dir = m_geodataDir / "options";
  enqueue([this, dir] {
    auto catalog = std::make_shared<const options::OptionCatalog>(options::loadOptionCatalog(dir));
    post([this, catalog](AppState& s) {
      if (s.workspace.open) return;  // a workspace opened meanwhile: its catalogue is the one shown
      useCatalog(s, catalog);
    });
  }, Lane::Options);
}

namespace {

// What an option draws from: its colour, layers, parameters and features. Options whose fingerprint changed are resolved again.
size_t fingerprintOf(const options::Option& option) {
  std::string text = option.colour + "\x1f";
  for (const auto& l : option.layers) text += l.id + "\x1f" + l.title + "\x1f";
  for (const auto& p : option.parameters) text += p.id + "=" + std::to_string(p.defaultValue) + "\x1f";
  for (const auto& f : option.features.features) {
    text += f.properties.dump();
    for (const auto& p : f.geometry.points) text += std::to_string(p.lon) + "," + std::to_string(p.lat) + ";";
    for (const auto& line : f.geometry.lines)
      for (const auto& p : line) text += std::to_string(p.lon) + "," + std::to_string(p.lat) + ";";
    for (const auto& polygon : f.geometry.polygons)
      for (const auto& ring : polygon.rings)
        for (const auto& p : ring) text += std::to_string(p.lon) + "," + std::to_string(p.lat) + ";";
  }
  return std::hash<std::string>{}(text);
}

}  // namespace

void MapSession::useCatalog(AppState& state, std::shared_ptr<const options::OptionCatalog> catalog) {
  m_catalog = catalog;
  state.catalog = catalog;
  std::vector<OptionState> previous = std::move(state.options);
  state.options.clear();
  for (const auto& def : catalog->options) {
    auto old = std::find_if(previous.begin(), previous.end(), [&](const OptionState& o) { return o.id == def.id; });
    OptionState o;
    if (old != previous.end()) {
      o = std::move(*old);  // the analyst's visibility, opacity and parameters stay
      for (auto it = o.parameters.begin(); it != o.parameters.end();)
        it = def.parameter(it->first) ? std::next(it) : o.parameters.erase(it);
      for (const auto& [id, value] : options::defaultParameters(def)) o.parameters.emplace(id, value);
    } else {
      o.id = def.id;
      o.parameters = options::defaultParameters(def);
    }
    o.title = def.title;
    o.colour = render::Rgba::fromHex(def.colour);
    std::vector<OptionLayerState> layers;
    for (const auto& l : def.layers) {
      OptionLayerState* kept = o.layer(l.id);
      if (kept) layers.push_back(*kept);
      else layers.push_back({l.id, l.title, l.legend, true, nullptr, nullptr, nullptr, nullptr});
      layers.back().title = l.title;
      layers.back().legend = l.legend;
    }
    o.layers = std::move(layers);
    const size_t fingerprint = fingerprintOf(def);
    if (m_optionFingerprints[def.id] != fingerprint) m_preparedRevision.erase(def.id);  // resolve it again
    m_optionFingerprints[def.id] = fingerprint;
    state.options.push_back(std::move(o));
  }
}

void MapSession::syncOptions(AppState& state, bool includeHidden) {
  if (!m_catalog) return;
  // Visible options first, so what is on screen is ready first; hidden ones after, so switching one on is instant.
  std::vector<OptionState*> order;
  for (auto& o : state.options)
    if (o.visible) order.push_back(&o);
  if (includeHidden)
    for (auto& o : state.options)
      if (!o.visible) order.push_back(&o);
  for (OptionState* option : order) {
    OptionState& o = *option;
    auto prepared = m_preparedRevision.find(o.id);
    if (prepared != m_preparedRevision.end() && prepared->second == o.revision) continue;
    const options::Option* def = m_catalog->find(o.id);
    if (!def) continue;
    m_preparedRevision[o.id] = o.revision;
    o.preparing = true;
    const std::string id = o.id;
    const unsigned revision = o.revision, generation = m_generation;
    const options::ParameterValues values = o.parameters;
    auto clone = workerProjection();
    auto catalog = m_catalog;
    enqueue([this, id, revision, generation, values, clone, catalog] {
      const options::Option* def = catalog->find(id);
      if (!def) return;
      const data::Layer& countries = optionCountries();
      std::vector<options::ResolvedLayer> resolved;
      try {
        resolved = options::resolveOption(*def, values, countries);
      } catch (const std::exception& e) {
        const std::string text = def->title + ": " + e.what();
        post([text, id](AppState& s) {
          s.messages.push_back({MessageLevel::Error, text});
          if (auto* o = s.findOption(id)) o->preparing = false;
        });
        return;
      }
      const geo::Projection& projection = *clone;
      render::BuildOptions labelled;
      labelled.labelProperty = "name";
      labelled.pointShape = [](const data::Feature& f) { return symbolShapeOf(options::symbolKindOf(f)); };
      // Stances colour each country by its stance; everything else takes the option's colour.
      render::BuildOptions byStance = labelled;
      byStance.fillColour = [catalog](const data::Feature& f) {
        const auto* st = catalog->stance(f.properties.value("stance", std::string()));
        return st ? render::Rgba::fromHex(st->colour).packed() : 0xFFFFFFFFu;
      };
      struct Built {
        std::string layerId;
        std::shared_ptr<const options::ResolvedLayer> resolved;
        std::shared_ptr<const render::SceneGroup> stated, inferred, derived, rangeWash;
      };
      // Several range rings (the backstop's five bases) overlap over most of the map: filling each one is five
      // translucent passes on llvmpipe and darkens the overlaps. Their union is filled once instead.
      auto rangeWashOf = [&projection](const options::ResolvedLayer& layer) -> std::shared_ptr<const render::SceneGroup> {
        if (layer.kind != options::LayerKind::RangeRings) return nullptr;
        std::vector<data::Geometry> rings;
        for (const auto& f : layer.derived.features)
          if (!f.geometry.polygons.empty()) rings.push_back(f.geometry);
        if (rings.size() < 2 || rings.size() != layer.derived.features.size()) return nullptr;
        data::Layer wash;
        wash.id = layer.derived.id + "/range";
        wash.features.push_back({options::unionOf(rings), nlohmann::json::object()});
        render::BuildOptions fillOnly;
        fillOnly.outlinePolygons = false;
        return render::buildSceneGroup(wash, projection, fillOnly);
      };
      std::vector<Built> built;
      std::vector<std::string> notes;
      for (auto& r : resolved) {
        auto shared = std::make_shared<const options::ResolvedLayer>(std::move(r));
        const bool stances = shared->kind == options::LayerKind::Stances;
        auto wash = rangeWashOf(*shared);
        render::BuildOptions derivedOptions = labelled;
        derivedOptions.fillPolygons = wash == nullptr;
        // Ring outlines run across the whole map: labels keep off them as off option lines.
        derivedOptions.outlinesAsObstacles = shared->kind == options::LayerKind::RangeRings;
        built.push_back({shared->layerId, shared, render::buildSceneGroup(shared->stated, projection, stances ? byStance : labelled),
                         render::buildSceneGroup(shared->inferred, projection, stances ? byStance : labelled),
                         render::buildSceneGroup(shared->derived, projection, derivedOptions), wash});
        notes.insert(notes.end(), shared->notes.begin(), shared->notes.end());
      }
      post([this, id, revision, generation, built, notes](AppState& s) {
        OptionState* o = s.findOption(id);
        if (!o || o->revision != revision || generation != m_generation) return;  // superseded
        for (const auto& b : built) {
          OptionLayerState* l = o->layer(b.layerId);
          if (!l) {
            o->layers.push_back({b.layerId, b.layerId, "", true, nullptr, nullptr, nullptr, nullptr});
            l = &o->layers.back();
          }
          l->resolved = b.resolved;
          l->stated = b.stated;
          l->inferred = b.inferred;
          l->derived = b.derived;
          l->rangeWash = b.rangeWash;
        }
        o->notes = notes;
        o->preparing = false;
      });
    }, Lane::Options);
  }
}

ApplyResult MapSession::exportOptionLayers(AppState& state, const std::string& folder, const std::string& format) {
  if (!m_catalog) {
    return ApplyResult::failed("The options are not loaded yet.");
  }
  data::VectorFormat vf;
  try {
    vf = data::vectorFormatFromName(format);
  } catch (const std::exception& e) {
    return ApplyResult::failed(e.what());
  }
  std::map<std::string, options::ParameterValues> values;
  for (const auto& o : state.options) values[o.id] = o.parameters;  // what the analyst set, not the defaults
  std::map<std::string, std::vector<data::Layer>> accepted;  // candidates accepted from the documents
  for (const auto& o : state.options)
    for (const auto& l : o.layers)
      if (!state.workspace.open && l.id == kAcceptedLayerId && l.resolved) {  // a workspace's catalogue holds them
        data::Layer& layer = accepted[o.id].emplace_back();
        layer.id = l.id;
        for (const data::Layer* part : {&l.resolved->stated, &l.resolved->inferred})
          layer.features.insert(layer.features.end(), part->features.begin(), part->features.end());
      }
  auto catalog = m_catalog;
  enqueue([this, catalog, values, folder, vf, accepted] {
    const auto files = options::exportOptionLayers(*catalog, values, optionCountries(), folder, vf, accepted);
    const std::string text = "Exported " + std::to_string(files.size()) + " file(s) to " + folder;
    post([text](AppState& s) { s.messages.push_back({MessageLevel::Info, text}); });
  }, Lane::Options);
  return ApplyResult::done();
}

const data::Layer& MapSession::optionCountries() {
  // Read here, not taken from the basemap: a basemap loaded for one view lacks the countries outside it, and
  // the options lane must not wait for the map lane.
  if (!m_optionCountries) m_optionCountries = std::make_shared<const data::Layer>(data::loadAllCountries(m_geodataDir));
  return *m_optionCountries;
}

ApplyResult MapSession::handle(AppState& state, const Action& a) {
  if (auto* e = std::get_if<action::ExportOptionLayers>(&a)) return exportOptionLayers(state, e->folder, e->format);
  if (auto* open = std::get_if<action::OpenFiles>(&a)) {
    m_viewBand = render::detailBandFor(state.view.metresPerPixel);  // the band its first batches are prepared for
    m_framingViewport = {state.viewportW, state.viewportH};
    openFiles(open->paths, open->read);
    showFileLoads(state);
    return ApplyResult::done();
  }
  if (auto* cancel = std::get_if<action::CancelFileLoad>(&a)) {
    cancelFileLoad(state, cancel->id);  // an unknown id: the file finished loading meanwhile
    return ApplyResult::done();
  }
  if (auto* crs = std::get_if<action::SetCrs>(&a)) return setCrs(state, crs->idOrDefinition);
  if (std::holds_alternative<action::GoHome>(a)) {
    state.view = homeView(state.viewportW, state.viewportH);
    return ApplyResult::done();
  }
  return ApplyResult::notMine();
}

std::shared_ptr<const render::SceneGroup> MapSession::projectLabelledPoints(const data::Layer& layer) const {
  render::BuildOptions labelled;
  labelled.labelProperty = "name";
  return render::buildSceneGroup(layer, *m_projection, labelled);
}

render::FrameSnapshot MapSession::snapshot(const AppState& state, int widthPx, int heightPx, float pixelRatio) const {
  return buildFrame(state, *m_projection, widthPx, heightPx, pixelRatio);
}

render::View MapSession::homeView(int widthPx, int heightPx) const {
  return viewForBox(homeBox(), widthPx, heightPx);
}

render::View MapSession::viewForUserLayers(const AppState& state, int widthPx, int heightPx) const {
  geo::LonLatBox data;
  for (const auto& l : state.layers)
    if (!l.isBasemap && l.data) data.add(l.data->bounds());
  return viewFramingData(data, *m_projection, widthPx, heightPx);
}

render::View MapSession::viewForBox(const geo::LonLatBox& box, int widthPx, int heightPx) const {
  return render::fitView(projectBox(box, *m_projection), widthPx, heightPx, 0.0);
}


geo::LonLat MapSession::toLonLat(geo::MapXY p) const { return m_projection->inverse(p); }

std::optional<geo::LonLatBox> MapSession::countryBox(const std::string& name, std::optional<geo::LonLat> inside) const {
  if (!m_basemap) return std::nullopt;
  auto holds = [](const data::Geometry& g, geo::LonLat p) {
    for (const auto& polygon : g.polygons) {
      if (polygon.rings.empty()) continue;
      bool in = false;
      const auto& ring = polygon.rings.front();
      for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        if ((ring[i].lat > p.lat) != (ring[j].lat > p.lat) &&
            p.lon < (ring[j].lon - ring[i].lon) * (p.lat - ring[i].lat) / (ring[j].lat - ring[i].lat) + ring[i].lon)
          in = !in;
      if (in) return true;
    }
    return false;
  };
  auto boxOf = [](const data::Geometry& g) {
    geo::LonLatBox box = g.bounds();
    if (box.width() > 180) {  // across the antimeridian: take the western longitudes past 180
      geo::LonLatBox unwrapped;
      for (const auto& polygon : g.polygons)
        for (const auto& ring : polygon.rings)
          for (const auto& p : ring) unwrapped.add(p.lon < 0 ? p.lon + 360 : p.lon, p.lat);
      box = unwrapped;
    }
    return box;
  };
  // The coarsest level holds every country whole; the finer ones may hold a cut extract.
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1 && !inside) break;
    for (auto level = m_basemap->levels.rbegin(); level != m_basemap->levels.rend(); ++level)
      for (const data::Layer* layer : {&level->countries, &level->countriesBeyond})
        for (const auto& f : layer->features) {
          const bool match = pass == 0 ? !name.empty() && f.properties.value("name", std::string()) == name
                                       : holds(f.geometry, *inside);
          if (match && !f.geometry.empty()) return boxOf(f.geometry);
        }
  }
  return std::nullopt;
}

namespace {
double distanceToSegment(geo::MapXY p, geo::MapXY a, geo::MapXY b) {
  const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

bool insideRing(geo::MapXY p, const std::vector<geo::MapXY>& ring) {
  bool inside = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
        p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
      inside = !inside;
  }
  return inside;
}
}  // namespace

namespace {
// The order a click takes what lies under it: candidates of the shown document (drawn above the options),
// the options' stated and inferred points, then their lines, computed points and lines (ring centres, ring
// outlines), stated and inferred areas, and last computed areas (range rings, bands), which cover most of the
// map and would otherwise hide every marker on them.
enum PickTier { kCandidates, kPoints, kLines, kDerivedPoints, kDerivedLines, kAreas, kDerivedAreas };

struct Hit {
  int tier;
  double distance;  ///< map metres from the cursor; 0 inside a symbol or an area
  long order;       ///< draw order: higher is drawn later, on top
  Selection selection;
};

bool sameGeometry(const data::Geometry& a, const data::Geometry& b) {
  if (a.points != b.points || a.lines != b.lines || a.polygons.size() != b.polygons.size()) return false;
  for (size_t i = 0; i < a.polygons.size(); ++i)
    if (a.polygons[i].rings != b.polygons[i].rings) return false;
  return true;
}

// The same feature of the same layer (a candidate: the same place, whichever sentence names it).
bool sameFeature(const Selection& a, const Selection& b) {
  if (a.optionId != b.optionId || a.layerId != b.layerId) return false;
  if (a.layerId == kCandidateLayerId)
    return a.feature.properties.value("name", std::string()) == b.feature.properties.value("name", std::string());
  return a.feature.properties == b.feature.properties && sameGeometry(a.feature.geometry, b.feature.geometry);
}

bool sameSelection(const std::optional<Selection>& a, const std::optional<Selection>& b) {
  if (!a || !b) return !a && !b;
  return a->optionId == b->optionId && a->layerId == b->layerId && a->feature.properties == b->feature.properties &&
         sameGeometry(a->feature.geometry, b->feature.geometry);
}

// Pick tolerance: 7 logical pixels, in map metres.
double pickTolerance(const AppState& state) { return 7.0 * state.pixelRatio * state.view.metresPerPixel; }
}  // namespace

std::vector<Selection> MapSession::pickAll(const AppState& state, double xPx, double yPx) const {
  const geo::MapXY at = render::screenToMap(state.view, state.viewportW, state.viewportH, {xPx, yPx});
  const double tolerance = pickTolerance(state);
  // Inside a point symbol (5 px) every symbol counts as under the cursor: the one drawn on top wins. Beyond it,
  // within the tolerance, the nearest wins.
  const double symbol = 5.0 * state.pixelRatio * state.view.metresPerPixel;
  std::vector<Hit> hits;
  if (auto candidate = pickCandidate(state, at, tolerance)) hits.push_back({kCandidates, 0, 0, std::move(*candidate)});
  auto project = [&](const std::vector<geo::LonLat>& in) {
    std::vector<geo::MapXY> out(in.size());
    m_projection->forward(in, out);
    return out;
  };
  auto nearestOnLine = [&](const std::vector<geo::MapXY>& pts) {
    double best = INFINITY;
    for (size_t i = 1; i < pts.size(); ++i) best = std::min(best, distanceToSegment(at, pts[i - 1], pts[i]));
    return best;
  };
  long order = 0;
  for (const auto& o : state.options) {
    // As drawn: a hidden option, or one at no opacity, is not under the cursor.
    if (!o.visible || o.opacity * o.fade <= 0.004f) continue;
    for (const auto& l : o.layers) {
      if (!l.visible || !l.resolved) continue;
      // Within a layer the frame draws computed geometry first, then inferred, then stated on top.
      const data::Layer* parts[] = {&l.resolved->derived, &l.resolved->inferred, &l.resolved->stated};
      for (int k = 0; k < 3; ++k) {
        const bool derived = k == 0;
        for (const auto& feature : parts[k]->features) {
          ++order;
          const auto& g = feature.geometry;
          double pointDistance = INFINITY, lineDistance = INFINITY;
          for (const auto& p : project(g.points)) pointDistance = std::min(pointDistance, std::hypot(p.x - at.x, p.y - at.y));
          for (const auto& line : g.lines) lineDistance = std::min(lineDistance, nearestOnLine(project(line)));
          bool inside = false;
          for (const auto& poly : g.polygons) {
            if (poly.rings.empty()) continue;
            std::vector<std::vector<geo::MapXY>> rings;
            for (const auto& ring : poly.rings) rings.push_back(project(ring));
            for (const auto& ring : rings) {  // outlines are drawn as lines
              auto closed = ring;
              if (!closed.empty()) closed.push_back(closed.front());
              lineDistance = std::min(lineDistance, nearestOnLine(closed));
            }
            if (!insideRing(at, rings[0])) continue;
            bool inHole = false;
            for (size_t h = 1; h < rings.size(); ++h) inHole = inHole || insideRing(at, rings[h]);
            inside = inside || !inHole;
          }
          Selection selection{o.id, l.id, feature};
          if (pointDistance <= tolerance * 1.3)
            hits.push_back({derived ? kDerivedPoints : kPoints, pointDistance <= symbol ? 0 : pointDistance, order, std::move(selection)});
          else if (lineDistance <= tolerance)
            hits.push_back({derived ? kDerivedLines : kLines, lineDistance, order, std::move(selection)});
          else if (inside)
            hits.push_back({derived ? kDerivedAreas : kAreas, 0, order, std::move(selection)});
        }
      }
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.order > b.order;
  });
  std::vector<Selection> stack;
  stack.reserve(hits.size());
  for (auto& h : hits) stack.push_back(std::move(h.selection));
  return stack;
}

std::optional<Selection> MapSession::pick(const AppState& state, double xPx, double yPx) const {
  auto stack = pickAll(state, xPx, yPx);
  if (stack.empty()) return std::nullopt;
  return std::move(stack.front());
}

std::optional<Selection> MapSession::pickNext(const AppState& state, double xPx, double yPx) const {
  auto stack = pickAll(state, xPx, yPx);
  if (stack.empty()) return std::nullopt;
  const geo::MapXY at = render::screenToMap(state.view, state.viewportW, state.viewportH, {xPx, yPx});
  if (state.selection && state.lastPickAt &&
      std::hypot(at.x - state.lastPickAt->x, at.y - state.lastPickAt->y) <= pickTolerance(state)) {
    for (size_t k = 0; k < stack.size(); ++k)
      if (sameFeature(stack[k], *state.selection)) return std::move(stack[(k + 1) % stack.size()]);
  }
  return std::move(stack.front());
}

std::optional<MapSession::FeatureSummary> MapSession::describeAt(const AppState& state, double xPx, double yPx) const {
  const auto top = pick(state, xPx, yPx);
  if (!top) return std::nullopt;
  FeatureSummary out;
  const OptionState* option = nullptr;
  for (const auto& o : state.options)
    if (o.id == top->optionId) option = &o;
  const OptionLayerState* layer = nullptr;
  if (option)
    for (const auto& l : option->layers)
      if (l.id == top->layerId) layer = &l;
  const auto& p = top->feature.properties;
  out.name = p.is_object() && p.contains("name") && p["name"].is_string() ? p["name"].get<std::string>() : "";
  if (out.name.empty()) out.name = layer ? layer->title : top->layerId;
  out.option = option ? option->title : top->optionId;
  if (top->layerId == kCandidateLayerId) out.option = "Candidate from the document (" + out.option + ")";
  return out;
}

namespace {
// What picking depends on besides the cursor and the view: which options and layers are drawn, how opaque
// (picking skips what is faded out), and which computed geometry they show.
std::vector<double> optionsDrawn(const AppState& state) {
  std::vector<double> out;
  for (const auto& o : state.options) {
    out.push_back(o.visible ? o.opacity * o.fade : -1.0);
    for (const auto& l : o.layers) {
      out.push_back(l.visible ? 1.0 : 0.0);
      out.push_back(static_cast<double>(reinterpret_cast<std::uintptr_t>(l.resolved.get())));
    }
  }
  return out;
}
}  // namespace

const std::optional<MapSession::FeatureSummary>& MapSession::updateHover(Hover& hover, const AppState& state, double xPx,
                                                                         double yPx) const {
  std::vector<double> drawn = optionsDrawn(state);
  const bool same = hover.xPx == xPx && hover.yPx == yPx && hover.view.centre.x == state.view.centre.x &&
                    hover.view.centre.y == state.view.centre.y && hover.view.metresPerPixel == state.view.metresPerPixel &&
                    hover.optionsDrawn == drawn;
  if (same) return hover.summary;
  hover.xPx = xPx;
  hover.yPx = yPx;
  hover.view = state.view;
  hover.optionsDrawn = std::move(drawn);
  hover.summary = describeAt(state, xPx, yPx);
  return hover.summary;
}

namespace {
// An arrowhead: a triangle at the head, a quarter of the arrow's length (at most 60 km) long.
data::Polygon arrowHead(const geo::Projection& projection, geo::LonLat tail, geo::LonLat head) {
  const geo::MapXY a = projection.forward(tail), b = projection.forward(head);
  const double dx = b.x - a.x, dy = b.y - a.y, length = std::hypot(dx, dy);
  data::Polygon polygon;
  if (!(length > 0) || !std::isfinite(length)) return polygon;
  const double size = std::min(0.25 * length, 60000.0), ux = dx / length, uy = dy / length;
  const geo::MapXY base{b.x - ux * size, b.y - uy * size};
  const geo::MapXY left{base.x - uy * size * 0.55, base.y + ux * size * 0.55};
  const geo::MapXY right{base.x + uy * size * 0.55, base.y - ux * size * 0.55};
  polygon.rings.push_back({head, projection.inverse(left), projection.inverse(right)});
  return polygon;
}
}  // namespace

void MapSession::refreshAnnotations(AppState& state) {
  const auto* slide = state.briefing.currentSlide();
  if (!slide) {
    state.annotationDraws.clear();
    return;
  }
  if (m_annotations.revision != state.briefing.annotationRevision || m_annotations.generation != m_generation) {
    state.annotationDraws.clear();
    std::vector<const briefing::Annotation*> all;
    for (const auto& a : slide->annotations) all.push_back(&a);
    for (const auto& a : state.briefing.drafts) all.push_back(&a);
    // One layer per colour, in the order first used.
    std::vector<std::pair<std::string, data::Layer>> byColour;
    for (const auto* a : all) {
      auto it = std::find_if(byColour.begin(), byColour.end(), [&](const auto& e) { return e.first == a->colour; });
      if (it == byColour.end()) {
        byColour.push_back({a->colour, data::Layer{}});
        it = byColour.end() - 1;
        it->second.id = "annotations/" + a->colour;
        it->second.name = "Annotations";
      }
      data::Feature feature;
      feature.geometry.lines.push_back(a->points);
      if (a->kind == briefing::Annotation::Kind::Arrow) {
        feature.geometry.lines = {{a->points.front(), a->points.back()}};
        auto head = arrowHead(*m_projection, a->points.front(), a->points.back());
        if (!head.rings.empty()) feature.geometry.polygons.push_back(std::move(head));
      }
      it->second.features.push_back(std::move(feature));
    }
    render::BuildOptions build;
    build.outlinePolygons = false;
    for (const auto& [colour, layer] : byColour) {
      render::LayerDraw d;
      d.id = layer.id;
      d.group = render::buildSceneGroup(layer, *m_projection, build);
      render::Rgba c = render::Rgba::fromHex(colour);
      d.style.stroke = c;
      d.style.fill = c;
      d.style.strokeWidth = 4.5f;
      state.annotationDraws.push_back(std::move(d));
    }
    m_annotations.revision = state.briefing.annotationRevision;
    m_annotations.generation = m_generation;
  }
}

void MapSession::refreshEdits(AppState& state) {
  using Tool = WorkspaceState::Tool;
  state.editDraws.clear();
  const auto& w = state.workspace;
  if (w.tool == Tool::None) return;
  data::Layer layer;
  layer.id = "workspace/edit";
  data::Feature shape;
  if (w.draft.size() >= 2) {
    shape.geometry.lines.push_back(w.draft);
    if (w.tool == Tool::Zone && w.draft.size() >= 3) shape.geometry.lines.back().push_back(w.draft.front());
  }
  shape.geometry.points = w.draft;
  // Move and Reshape show the selected feature's vertices: what a drag takes hold of.
  if ((w.tool == Tool::Move || w.tool == Tool::Reshape) && state.selection) {
    const auto& g = state.selection->feature.geometry;
    shape.geometry.points.insert(shape.geometry.points.end(), g.points.begin(), g.points.end());
    for (const auto& line : g.lines) shape.geometry.points.insert(shape.geometry.points.end(), line.begin(), line.end());
    for (const auto& polygon : g.polygons)
      for (const auto& ring : polygon.rings) shape.geometry.points.insert(shape.geometry.points.end(), ring.begin(), ring.end());
  }
  if (shape.geometry.empty()) return;
  layer.features.push_back(std::move(shape));
  render::LayerDraw d;
  d.id = layer.id;
  d.group = render::buildSceneGroup(layer, *m_projection, {});
  d.style.stroke = render::Rgba::hex(0xd81b60);
  d.style.point = render::Rgba::hex(0xd81b60);
  d.style.strokeWidth = 2.5f;
  d.style.pointRadius = 5.f;
  state.editDraws.push_back(std::move(d));
}

void MapSession::refreshSelection(AppState& state) {
  if (state.selection) {
    const Selection& sel = *state.selection;
    bool shown = true;
    if (sel.layerId == kCandidateLayerId) {
      shown = state.sources.showPanel && state.sources.selectedDocument();  // candidates leave with the panel
    } else if (const OptionState* o = state.findOption(sel.optionId)) {
      const OptionLayerState* l = nullptr;
      for (const auto& layer : o->layers)
        if (layer.id == sel.layerId) l = &layer;
      shown = o->visible && o->opacity > 0.004f && (!l || l->visible);
    }
    if (!shown) {
      state.selection.reset();
      state.lastPickAt.reset();
    }
  }
  if (sameSelection(m_selectionScene.selection, state.selection) && m_selectionScene.generation == m_generation) return;
  state.selectionDraws.clear();
  m_selectionScene.selection = state.selection;
  m_selectionScene.generation = m_generation;
  if (!state.selection || state.selection->feature.geometry.empty()) return;
  data::Layer layer;
  layer.id = "selection";
  layer.features.push_back(state.selection->feature);
  render::BuildOptions outline;
  outline.fillPolygons = false;  // the outline of an area; its fill stays as the option draws it
  auto group = render::buildSceneGroup(layer, *m_projection, outline);
  // A dark halo under a bright core: seen on the light land, the sea and every option colour.
  render::LayerDraw halo;
  halo.id = "selection/halo";
  halo.group = group;
  halo.style.stroke = render::Rgba::hex(0x1a1a1a, 0.85f);
  halo.style.point = render::Rgba::hex(0x1a1a1a, 0.85f);
  halo.style.strokeWidth = 8.f;
  halo.style.pointRadius = 12.f;
  halo.style.hollowPoints = true;
  halo.style.labelColour = render::Rgba::hex(0, 0.f);
  render::LayerDraw core = halo;
  core.id = "selection/core";
  core.style.stroke = render::Rgba::hex(0xffd000);
  core.style.point = render::Rgba::hex(0xffd000);
  core.style.strokeWidth = 4.f;
  core.style.pointRadius = 10.5f;
  state.selectionDraws.push_back(std::move(halo));
  state.selectionDraws.push_back(std::move(core));
}

void MapSession::refreshOverlays(AppState& state) {
  refreshAnnotations(state);
  refreshCandidates(state);
  refreshEdits(state);
  refreshSelection(state);
}

}  // namespace briefmap::session
