#include "briefmap/ui/map_session.hpp"

#include <algorithm>
#include <cmath>

#include "briefmap/data/vector_reader.hpp"
#include "briefmap/geo/geodesic.hpp"

namespace briefmap::ui {
namespace {

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

}  // namespace

MapSession::MapSession(std::filesystem::path geodataDir)
    : m_geodataDir(std::move(geodataDir)),
      m_projection(std::make_shared<geo::Projection>(geo::knownMapCrs().front())),
      m_worker([this] { workerLoop(); }) {}

MapSession::~MapSession() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_jobs.clear();
  }
  m_wake.notify_all();
  m_worker.join();
}

void MapSession::enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(job));
  }
  m_wake.notify_one();
}

void MapSession::post(Completion completion) {
  std::lock_guard lock(m_mutex);
  m_completions.push_back(std::move(completion));
}

void MapSession::workerLoop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
      if (m_stop) return;
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
      ++m_running;
    }
    try {
      job();
    } catch (const std::exception& e) {
      std::string text = e.what();
      post([text](AppState& s) { s.messages.push_back({MessageLevel::Error, text}); });
    }
    {
      std::lock_guard lock(m_mutex);
      --m_running;
    }
    m_idle.notify_all();
  }
}

bool MapSession::busy() const {
  std::lock_guard lock(m_mutex);
  return m_running > 0 || !m_jobs.empty() || !m_completions.empty();
}

bool MapSession::poll(AppState& state) {
  std::vector<Completion> done;
  {
    std::lock_guard lock(m_mutex);
    done.swap(m_completions);
  }
  for (auto& c : done) c(state);
  return !done.empty();
}

void MapSession::finish(AppState& state) {
  {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return m_running == 0 && m_jobs.empty(); });
  }
  poll(state);
}

void MapSession::loadBasemapFor(const render::View& view, int widthPx, int heightPx) {
  const auto dir = m_geodataDir;
  const geo::MapCrs crs = m_projection->crs();
  const unsigned generation = m_generation;
  const auto& bands = render::basemapDetailBands();
  const size_t band = render::detailBandFor(view.metresPerPixel);
  // The view's outline in lon/lat, with a margin for lines that leave and re-enter it.
  geo::LonLatBox within;
  constexpr int kSteps = 16;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = double(i) / kSteps;
    for (const geo::ScreenPx p : {geo::ScreenPx{t * widthPx, 0}, geo::ScreenPx{t * widthPx, double(heightPx)},
                                  geo::ScreenPx{0, t * heightPx}, geo::ScreenPx{double(widthPx), t * heightPx}}) {
      const geo::LonLat ll = m_projection->inverse(render::screenToMap(view, widthPx, heightPx, p));
      if (std::isfinite(ll.lon) && std::isfinite(ll.lat)) within.add(ll.lon, ll.lat);
    }
  }
  if (!within.empty()) {
    const double mx = within.width() * 0.1 + 0.5, my = within.height() * 0.1 + 0.5;
    within.add(within.minX - mx, within.minY - my);
    within.add(within.maxX + mx, within.maxY + my);
  }
  {
    enqueue([this, dir, crs, generation, band, &bands, within] {
      auto basemap = std::make_shared<const data::Basemap>(
          data::loadBasemap(dir, {bands[band].scaleDenominatorMillions}, within.empty() ? nullptr : &within));
      geo::Projection projection(crs);
      auto scene = std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, projection, {band}));
      post([this, basemap, scene, generation](AppState&) {
        m_basemap = basemap;
        if (generation == m_generation) m_basemapScene = scene;
      });
    });
  }
}

void MapSession::loadBasemap() {
  const auto dir = m_geodataDir;
  const geo::MapCrs crs = m_projection->crs();
  const unsigned generation = m_generation;
  const auto& bands = render::basemapDetailBands();
  enqueue([this, dir, crs, generation, &bands] {
    auto basemap = std::make_shared<const data::Basemap>(data::loadBasemap(dir));
    geo::Projection projection(crs);
    // Coarse bands first: they are quick, so the first frame shows a map at once.
    std::vector<size_t> coarse, all;
    for (size_t i = 0; i < bands.size(); ++i) {
      all.push_back(i);
      if (bands[i].scaleDenominatorMillions != 10) coarse.push_back(i);
    }
    auto first = std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, projection, coarse));
    post([this, basemap, first, generation](AppState&) {
      m_basemap = basemap;
      if (generation == m_generation) m_basemapScene = first;
    });
    auto full = std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, projection, all));
    post([this, full, generation](AppState&) {
      if (generation == m_generation) m_basemapScene = full;
    });
  });
}

void MapSession::openFiles(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    const geo::MapCrs crs = m_projection->crs();
    const unsigned generation = m_generation;
    enqueue([this, path, crs, generation] {
      data::ReadReport report;
      std::vector<data::Layer> layers;
      try {
        layers = data::readVectorFile(path, &report);
      } catch (const data::DataError& e) {
        std::string text = e.what();
        post([text](AppState& s) { s.messages.push_back({MessageLevel::Error, text}); });
        return;
      }
      geo::Projection projection(crs);
      for (auto& layer : layers) {
        auto shared = std::make_shared<const data::Layer>(std::move(layer));
        auto scene = render::buildSceneGroup(*shared, projection);
        post([this, shared, scene, generation](AppState& s) {
          LayerEntry e;
          e.id = shared->id + "#" + std::to_string(m_nextLayerNumber);
          e.name = shared->name;
          e.data = shared;
          e.scene = generation == m_generation ? scene : nullptr;
          e.style = paletteStyle(m_nextLayerNumber - 1);
          e.detail = describe(*shared);
          ++m_nextLayerNumber;
          s.layers.push_back(std::move(e));
          s.messages.push_back({MessageLevel::Info, "Opened " + shared->source.filename().string() + " (layer '" +
                                                        shared->name + "', " + std::to_string(shared->features.size()) +
                                                        " features)"});
        });
      }
      for (const auto& w : report.warnings) {
        post([w](AppState& s) { s.messages.push_back({MessageLevel::Warning, w}); });
      }
    });
  }
}

void MapSession::setCrs(AppState& state, const std::string& text) {
  std::shared_ptr<geo::Projection> projection;
  try {
    projection = std::make_shared<geo::Projection>(geo::mapCrsFromText(text));
  } catch (const geo::ProjectionError& e) {
    state.messages.push_back({MessageLevel::Error, e.what()});
    return;
  }
  // Keep looking at the same place at about the same scale.
  const geo::LonLat centre = m_projection->inverse(state.view.centre);
  const double ground = groundMetresPerPixel(state.view);
  m_projection = projection;
  ++m_generation;
  state.crs = projection->crs();
  const geo::MapXY newCentre = projection->forward(centre);
  if (std::isfinite(newCentre.x) && std::isfinite(newCentre.y)) state.view.centre = newCentre;
  const double newGround = groundMetresPerPixel(state.view);
  if (ground > 0 && newGround > 0) state.view.metresPerPixel *= ground / newGround;

  const unsigned generation = m_generation;
  const geo::MapCrs crs = projection->crs();
  auto basemap = m_basemap;
  std::vector<std::pair<std::string, std::shared_ptr<const data::Layer>>> userLayers;
  for (const auto& l : state.layers)
    if (!l.isBasemap && l.data) userLayers.emplace_back(l.id, l.data);
  enqueue([this, basemap, userLayers, crs, generation] {
    geo::Projection projection(crs);
    if (basemap) {
      auto scene = std::make_shared<const render::BasemapScene>(render::buildBasemapScene(*basemap, projection));
      post([this, scene, generation](AppState&) {
        if (generation == m_generation) m_basemapScene = scene;
      });
    }
    for (const auto& [id, layer] : userLayers) {
      auto scene = render::buildSceneGroup(*layer, projection);
      post([this, id = id, scene, generation](AppState& s) {
        if (generation != m_generation) return;
        if (auto* entry = s.findLayer(id)) entry->scene = scene;
      });
    }
  });
  // Until the new scene arrives nothing stale is drawn in the wrong CRS.
  m_basemapScene.reset();
  for (auto& l : state.layers) l.scene.reset();
}

void MapSession::handle(AppState& state, const Action& a) {
  if (auto* open = std::get_if<action::OpenFiles>(&a)) openFiles(open->paths);
  else if (auto* crs = std::get_if<action::SetCrs>(&a)) setCrs(state, crs->idOrDefinition);
  else if (std::holds_alternative<action::GoHome>(a)) state.view = homeView(state.viewportW, state.viewportH);
}

render::View MapSession::homeView(int widthPx, int heightPx) const {
  return viewForBox(homeBox(), widthPx, heightPx);
}

render::View MapSession::viewForBox(const geo::LonLatBox& box, int widthPx, int heightPx) const {
  return render::fitView(projectBox(box, *m_projection), widthPx, heightPx, 0.0);
}

double MapSession::groundMetresPerPixel(const render::View& view) const {
  constexpr double kHalfSpanPx = 50;
  const double d = kHalfSpanPx * view.metresPerPixel;
  const geo::LonLat a = m_projection->inverse({view.centre.x - d, view.centre.y});
  const geo::LonLat b = m_projection->inverse({view.centre.x + d, view.centre.y});
  if (!std::isfinite(a.lon) || !std::isfinite(b.lon)) return view.metresPerPixel;
  return geo::geodesicDistance(a, b) / (2 * kHalfSpanPx);
}

geo::LonLat MapSession::toLonLat(geo::MapXY p) const { return m_projection->inverse(p); }

render::FrameSnapshot MapSession::snapshot(const AppState& state, int widthPx, int heightPx, float pixelRatio) const {
  render::FrameSnapshot f;
  f.view = state.view;
  f.widthPx = widthPx;
  f.heightPx = heightPx;
  f.pixelRatio = pixelRatio;
  f.basemap = m_basemapScene;
  f.style = render::defaultMapStyle();
  f.showScaleBar = state.showScaleBar;
  f.groundMetresPerPixel = groundMetresPerPixel(state.view);
  f.attribution = "Natural Earth (public domain) · Places: GeoNames (geonames.org), CC BY 4.0";
  for (const auto& l : state.layers) {
    if (!l.visible || l.opacity <= 0) continue;
    render::LayerDraw d;
    d.id = l.id;
    d.isBasemap = l.isBasemap;
    d.part = l.part;
    d.group = l.scene;
    d.style = l.style;
    d.opacity = l.opacity;
    if (!d.isBasemap && !d.group) continue;
    f.layers.push_back(std::move(d));
  }
  return f;
}

}  // namespace briefmap::ui
