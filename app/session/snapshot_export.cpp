#include "briefmap/session/snapshot_export.hpp"

#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/frame_builder.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <stdexcept>

#include "briefmap/data/large_buffer.hpp"
#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/raster_writer.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_writer.hpp"
#include "briefmap/options/layer_export.hpp"
#include "briefmap/render/png_writer.hpp"
#include "briefmap/render/vector_export.hpp"

namespace briefmap::session {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::time_t exportTime() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && end != epoch && v >= 0) return static_cast<std::time_t>(v);
  }
  return std::time(nullptr);
}

std::string formatUtc(const char* format) {
  const std::time_t t = exportTime();
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &utc);
  return buf;
}

// The visible option layers with their provenance properties, as the layers panel shows them.
void writeVisibleLayers(const AppState& state, const std::filesystem::path& out, SnapshotFormat format) {
  const data::VectorFormat vf = format == SnapshotFormat::Gpkg  ? data::VectorFormat::GPKG
                                : format == SnapshotFormat::Kml ? data::VectorFormat::KML
                                                                : data::VectorFormat::GeoJSON;
  options::OptionLayerFiles files;
  for (const auto& o : state.options) {
    const options::Option* option = state.catalog ? state.catalog->find(o.id) : nullptr;
    if (!o.visible || !option) continue;
    for (const auto& l : o.layers)
      if (l.visible && l.resolved) files.add(*option, l.id, {&l.resolved->stated, &l.resolved->inferred, &l.resolved->derived});
    files.addFacts(*option);
  }
  if (files.empty())
    throw std::invalid_argument("cannot write " + out.string() +
                                ": no option layer is visible (choose options with --options or --preset)");
  // Straight to the named file: never through a sibling name that could replace a file of the user's.
  files.writeToFile(out, vf);
}

void writeRaster(const SnapshotRequest& request, const render::FrameSnapshot& frame, const std::uint8_t* pixels,
                 const std::string& wkt, bool bottomUp = false) {
  const auto& out = request.out;
  const render::View& v = frame.view;
  // Top-left outer corner and pixel size of the image in the map CRS.
  const data::GeoTransform transform = {v.centre.x - frame.widthPx * 0.5 * v.metresPerPixel, v.metresPerPixel, 0,
                                        v.centre.y + frame.heightPx * 0.5 * v.metresPerPixel, 0, -v.metresPerPixel};
  if (request.format == SnapshotFormat::GeoTiff) {
    data::writeGeoTiff(out, pixels, frame.widthPx, frame.heightPx, /*flipRows=*/bottomUp, transform, wkt);
    return;
  }
  render::PngOptions png;  // no time chunk: the same map gives the same bytes
  png.textChunks = {{"Software", "briefmap"},
                    {"Copyright", "Natural Earth (public domain); rivers, lakes: GSHHG (Wessel & Smith 1996), LGPL; "
                                  "places: GeoNames (geonames.org), CC BY 4.0"}};
  if (!frame.furniture.title.empty()) png.textChunks.emplace_back("Title", frame.furniture.title);
  render::writePng(out, pixels, frame.widthPx, frame.heightPx, /*flipRows=*/bottomUp, png);
  if (request.worldFile) {
    auto pgw = out;
    data::writeWorldFile(pgw.replace_extension(".pgw"), transform);
    auto prj = out;
    data::writeFileAtomically(prj.replace_extension(".prj"), wkt);
  }
}

void writeVector(const SnapshotRequest& request, const render::FrameSnapshot& frame, const render::FrameLayout& layout) {
  render::VectorExportOptions options;
  options.fontFile = data::findAssetFile("fonts/DejaVuSans.ttf");
  options.title = frame.furniture.title;
  options.date = exportIsoDate();
  render::writeVectorMap(request.out,
                         request.format == SnapshotFormat::Pdf ? render::VectorFormat::Pdf : render::VectorFormat::Svg,
                         frame, layout, options);
}

void checkOutput(const SnapshotRequest& request) {
  validateSnapshotSize(request.width, request.height);
  const auto& out = request.out;
  const auto folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw data::WriteError("cannot write " + out.string() + ": folder " + folder.string() + " does not exist");
  if (std::filesystem::is_directory(out, ec))
    throw data::WriteError("cannot write " + out.string() + ": it is a folder");
}

}  // namespace

std::optional<SnapshotFormat> snapshotFormatFromName(const std::string& name) {
  const std::string n = lower(name);
  if (n == "png") return SnapshotFormat::Png;
  if (n == "geotiff" || n == "tif" || n == "tiff") return SnapshotFormat::GeoTiff;
  if (n == "pdf") return SnapshotFormat::Pdf;
  if (n == "svg") return SnapshotFormat::Svg;
  if (n == "geojson" || n == "json") return SnapshotFormat::GeoJson;
  if (n == "gpkg" || n == "geopackage") return SnapshotFormat::Gpkg;
  if (n == "kml") return SnapshotFormat::Kml;
  return std::nullopt;
}

std::optional<SnapshotFormat> snapshotFormatFromExtension(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext.size() < 2) return std::nullopt;
  return snapshotFormatFromName(ext.substr(1));
}

const char* snapshotExtension(SnapshotFormat format) {
  switch (format) {
    case SnapshotFormat::Png: return ".png";
    case SnapshotFormat::GeoTiff: return ".tif";
    case SnapshotFormat::Pdf: return ".pdf";
    case SnapshotFormat::Svg: return ".svg";
    case SnapshotFormat::GeoJson: return ".geojson";
    case SnapshotFormat::Gpkg: return ".gpkg";
    case SnapshotFormat::Kml: return ".kml";
  }
  return ".png";
}

bool isRasterFormat(SnapshotFormat format) { return format == SnapshotFormat::Png || format == SnapshotFormat::GeoTiff; }

std::string exportTimestamp() { return formatUtc("Exported %Y-%m-%d %H:%M UTC"); }
std::string exportIsoDate() { return formatUtc("%Y-%m-%dT%H:%M:%SZ"); }

void validateSnapshotSize(int width, int height) {
  constexpr int kMinSide = 16, kMaxSide = 30000;
  constexpr double kMaxMegapixels = 150;
  if (width < kMinSide || height < kMinSide || width > kMaxSide || height > kMaxSide)
    throw std::invalid_argument("unsupported size " + std::to_string(width) + "x" + std::to_string(height) +
                                ": each side must be between " + std::to_string(kMinSide) + " and " +
                                std::to_string(kMaxSide) + " pixels");
  if (static_cast<double>(width) * height / 1e6 > kMaxMegapixels)
    throw std::invalid_argument("unsupported size " + std::to_string(width) + "x" + std::to_string(height) +
                                ": more than 150 megapixels");
}

render::FrameSnapshot exportFrame(const MapSession& session, const AppState& state, const SnapshotRequest& request) {
  const int w = request.width, h = request.height;
  AppState s = state;  // shallow: layers and scenes are shared pointers
  s.selectionDraws.clear();  // the window's selection is not part of a picture
  float pixelRatio = request.pixelRatio;
  if (request.view) {
    s.view = *request.view;
  } else if (state.viewportW > 0 && state.viewportH > 0) {
    // The window's whole extent fitted into the output; sizes scale with it, so labels sit where they do
    // in the window relative to the map.
    const double k = std::max(static_cast<double>(state.viewportW) / w, static_cast<double>(state.viewportH) / h);
    s.view.metresPerPixel = state.view.metresPerPixel * k;
    if (pixelRatio <= 0) pixelRatio = static_cast<float>(std::max(0.25f, state.pixelRatio) / k);
  }
  s.viewportW = w;
  s.viewportH = h;
  if (request.presentation) {
    return presentationSnapshot(s, session, w, h, pixelRatio > 0 ? pixelRatio : presentationPixelRatio(s, h, 1.f));
  }
  if (pixelRatio <= 0) pixelRatio = render::outputPixelRatio(h);
  render::FrameSnapshot f = session.snapshot(s, w, h, pixelRatio);
  const FurnitureChoice& c = request.furniture;
  f.showScaleBar = c.scaleBar;
  f.showAttribution = c.attribution;
  if (!c.legend) f.legend.clear();
  f.furniture.title = c.title;
  f.furniture.subtitle = c.subtitle;
  f.furniture.caveat = c.caveat;
  f.furniture.northArrow = c.northArrow;
  if (c.sources) f.furniture.sources = visibleSources(s);
  if (c.timestamp) f.furniture.timestamp = c.timestampText.empty() ? exportTimestamp() : c.timestampText;
  return f;
}

bool isOneTile(const SnapshotRequest& request) {
  const int tile = maxTileSize(request.maxTile);
  return request.width <= tile && request.height <= tile;
}

int maxTileSize(int requested) {
  int tile = requested;
  if (tile <= 0) {
    if (const char* env = std::getenv("BRIEFMAP_MAX_TILE")) tile = std::atoi(env);
  }
  // 4096: an 8K export in four tiles keeps the framebuffer at 64 MB, and every GL 3.3 driver renders it.
  if (tile <= 0) tile = 4096;
  return std::clamp(tile, 64, render::OffscreenTarget::maxSize());
}

std::vector<std::uint8_t> renderImage(render::Renderer& renderer, const render::FrameSnapshot& frame, int maxTile,
                                      const ProgressFn& progress) {
  const int w = frame.widthPx, h = frame.heightPx;
  const int tileW = std::min(w, maxTile), tileH = std::min(h, maxTile);
  const render::FrameLayout layout = render::layoutFrame(frame, renderer.atlas());
  std::vector<std::uint8_t> image(static_cast<size_t>(w) * h * 4);
  // One target for every tile: edge tiles are rendered whole and only their part inside the image is kept.
  render::OffscreenTarget& target = renderer.offscreenTarget(tileW, tileH);
  const int columns = (w + tileW - 1) / tileW, rows = (h + tileH - 1) / tileH;
  int done = 0;
  for (int ty = 0; ty < rows; ++ty) {
    for (int tx = 0; tx < columns; ++tx) {
      const int x0 = tx * tileW, y0 = ty * tileH;
      renderer.renderTile(frame, layout, target, x0, y0);
      const auto pixels = target.readPixels();  // row 0 = bottom of the tile
      const int copyW = std::min(tileW, w - x0), copyH = std::min(tileH, h - y0);
      for (int y = 0; y < copyH; ++y) {
        const std::uint8_t* src = &pixels[(static_cast<size_t>(tileH - 1 - y) * tileW) * 4];
        std::copy_n(src, static_cast<size_t>(copyW) * 4, &image[(static_cast<size_t>(y0 + y) * w + x0) * 4]);
      }
      if (progress) progress(static_cast<double>(++done) / (columns * rows));
    }
  }
  return image;
}

void writeSnapshot(render::Renderer* renderer, const MapSession& session, const AppState& state,
                   const SnapshotRequest& request, const ProgressFn& progress) {
  checkOutput(request);
  const auto& out = request.out;
  auto report = [&](double p) {
    if (progress) progress(p);
  };
  switch (request.format) {
    case SnapshotFormat::GeoJson:
    case SnapshotFormat::Gpkg:
    case SnapshotFormat::Kml:
      writeVisibleLayers(state, out, request.format);
      report(1);
      return;
    case SnapshotFormat::Pdf:
    case SnapshotFormat::Svg: {
      const render::FrameSnapshot frame = exportFrame(session, state, request);
      report(0.2);
      writeVector(request, frame, render::layoutFrame(frame, render::GlyphAtlas::embedded()));
      report(1);
      return;
    }
    case SnapshotFormat::Png:
    case SnapshotFormat::GeoTiff: break;
  }
  if (!renderer) throw std::invalid_argument("PNG and GeoTIFF need the OpenGL renderer");
  const render::FrameSnapshot frame = exportFrame(session, state, request);
  if (isOneTile(request)) {
    // One piece: the encoder reads the framebuffer's rows bottom-up, sparing a second image and a copy
    // (~130 MB of memory traffic at 4K).
    render::OffscreenTarget& target = renderer->offscreenTarget(frame.widthPx, frame.heightPx);
    renderer->renderTile(frame, render::layoutFrame(frame, renderer->atlas()), target, 0, 0);
    data::LargeBuffer pixels(static_cast<size_t>(frame.widthPx) * frame.heightPx * 4);
    target.readPixels(pixels.data());
    report(0.8);
    writeRaster(request, frame, pixels.data(), session.projection().wkt(), /*bottomUp=*/true);
  } else {
    const auto pixels = renderImage(*renderer, frame, maxTileSize(request.maxTile), [&](double p) { report(0.8 * p); });
    writeRaster(request, frame, pixels.data(), session.projection().wkt());
  }
  report(1);
}

// ---------------------------------------------------------------------------------------------------

struct SnapshotJob::Tiles {
  render::FrameSnapshot frame;
  render::FrameLayout layout;
  std::string wkt;
  std::unique_ptr<render::OffscreenTarget> target;
  std::vector<std::uint8_t> image;
  int tileW = 0, tileH = 0, columns = 0, rows = 0, next = 0;
};

SnapshotJob::SnapshotJob(render::Renderer& renderer, const MapSession& session, const AppState& state,
                         SnapshotRequest request, std::function<void()> onFinished)
    : m_renderer(renderer), m_request(std::move(request)), m_onFinished(std::move(onFinished)) {
  try {
    checkOutput(m_request);
    switch (m_request.format) {
      case SnapshotFormat::GeoJson:
      case SnapshotFormat::Gpkg:
      case SnapshotFormat::Kml:
        startWorker([this, copy = state] { writeVisibleLayers(copy, m_request.out, m_request.format); });
        return;
      case SnapshotFormat::Pdf:
      case SnapshotFormat::Svg: {
        auto frame = std::make_shared<render::FrameSnapshot>(exportFrame(session, state, m_request));
        startWorker([this, frame] { writeVector(m_request, *frame, render::layoutFrame(*frame, render::GlyphAtlas::embedded())); });
        return;
      }
      case SnapshotFormat::Png:
      case SnapshotFormat::GeoTiff: break;
    }
    auto t = std::make_unique<Tiles>();
    t->frame = exportFrame(session, state, m_request);
    t->layout = render::layoutFrame(t->frame, renderer.atlas());
    t->wkt = session.projection().wkt();
    const int tile = maxTileSize(m_request.maxTile);
    t->tileW = std::min(t->frame.widthPx, tile);
    t->tileH = std::min(t->frame.heightPx, tile);
    t->columns = (t->frame.widthPx + t->tileW - 1) / t->tileW;
    t->rows = (t->frame.heightPx + t->tileH - 1) / t->tileH;
    t->target = std::make_unique<render::OffscreenTarget>(t->tileW, t->tileH, 1);
    t->image.resize(static_cast<size_t>(t->frame.widthPx) * t->frame.heightPx * 4);
    m_tiles = std::move(t);
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

SnapshotJob::~SnapshotJob() {
  if (m_worker.joinable()) m_worker.join();
}

void SnapshotJob::fail(const std::string& message) {
  {
    std::lock_guard lock(m_mutex);
    m_error = message;
  }
  m_finished = true;
}

void SnapshotJob::startWorker(std::function<void()> work) {
  m_worker = std::thread([this, work = std::move(work)] {
    try {
      work();
      m_progress = 1.0;
      m_finished = true;
    } catch (const std::exception& e) {
      fail(e.what());
    }
    if (m_onFinished) m_onFinished();
  });
}

void SnapshotJob::step() {
  if (!m_tiles || !m_tiles->target || m_finished) return;
  Tiles& t = *m_tiles;
  try {
    const int total = t.columns * t.rows;
    const int x0 = (t.next % t.columns) * t.tileW, y0 = (t.next / t.columns) * t.tileH;
    m_renderer.renderTile(t.frame, t.layout, *t.target, x0, y0);
    const auto pixels = t.target->readPixels();
    const int w = t.frame.widthPx, copyW = std::min(t.tileW, w - x0), copyH = std::min(t.tileH, t.frame.heightPx - y0);
    for (int y = 0; y < copyH; ++y)
      std::copy_n(&pixels[static_cast<size_t>(t.tileH - 1 - y) * t.tileW * 4], static_cast<size_t>(copyW) * 4,
                  &t.image[(static_cast<size_t>(y0 + y) * w + x0) * 4]);
    m_progress = 0.8 * (++t.next) / total;
    if (t.next == total) {
      t.target.reset();  // a GL object: freed here, on the UI thread
      startWorker([this] { writeRaster(m_request, m_tiles->frame, m_tiles->image.data(), m_tiles->wkt); });
    }
  } catch (const std::exception& e) {
    t.target.reset();
    fail(e.what());
  }
}

double SnapshotJob::progress() const { return m_progress; }
bool SnapshotJob::finished() const { return m_finished; }
std::string SnapshotJob::error() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

}  // namespace briefmap::session
