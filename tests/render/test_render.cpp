// Render tests: each folder of tests/golden/ is a case (case.json + expected.png). The case is drawn
// through the same MapSession -> FrameSnapshot -> Renderer path as the window and `briefmap export`.
// Re-baseline after a reviewed visual change: BRIEFMAP_UPDATE_GOLDEN=1 ctest -R Render (own commit).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/headless/headless_host.hpp"
#include "briefmap/session/frame_builder.hpp"
#include "briefmap/render/frame_layout.hpp"
#include "briefmap/render/png_writer.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/render/scene.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/ui/export_dialog.hpp"
#include "briefmap/session/snapshot_export.hpp"
#include "image_compare.hpp"

namespace fs = std::filesystem;
using namespace briefmap;

namespace {

const fs::path kGoldenDir = fs::path(BRIEFMAP_SOURCE_DIR) / "tests/golden";
constexpr int kChannelTolerance = 24;          // llvmpipe versions differ slightly in rasterisation
constexpr double kMaxDifferingShare = 0.004;  // 0.4 % of pixels

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kGoldenDir, ec))
    if (fs::exists(entry.path() / "case.json")) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// One GL context and renderer for the whole test program: the headless host's, as `briefmap export` has them.
struct GlFixture {
  headless::HeadlessHost host{data::findGeodataDir()};
  render::Renderer& renderer = host.renderer();
};

GlFixture& gl() {
  static GlFixture fixture;
  return fixture;
}

imagetest::Image toImage(const std::vector<std::uint8_t>& pixels, int width, int height) {
  imagetest::Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(pixels.size());
  const size_t row = static_cast<size_t>(width) * 4;
  for (int y = 0; y < height; ++y)  // GL rows are bottom-up
    std::copy_n(&pixels[static_cast<size_t>(height - 1 - y) * row], row, &image.rgba[static_cast<size_t>(y) * row]);
  return image;
}

// A slide of a briefing as presentation mode draws it: the slide export of `briefmap present --export-slides`.
imagetest::Image renderSlide(const nlohmann::json& spec, render::FrameStats* stats) {
  const int width = spec.at("size").at(0), height = spec.at("size").at(1);
  headless::HeadlessHost host(data::findGeodataDir());
  host.openBriefing(fs::path(BRIEFMAP_SOURCE_DIR) / spec.at("briefing").get<std::string>());
  EXPECT_TRUE(host.prepareSlide(spec.at("slide").get<int>() - 1, width, height));
  for (const auto& m : host.model().messages) EXPECT_EQ(m.level, session::MessageLevel::Info) << m.text;
  session::SnapshotRequest request;
  request.width = width;
  request.height = height;
  request.view = host.model().view;
  request.presentation = true;
  render::OffscreenTarget target(width, height, 1);
  gl().renderer.render(session::exportFrame(host.maps(), host.model(), request), target);
  if (stats) *stats = gl().renderer.lastStats();
  return toImage(target.readPixels(), width, height);
}

// A case's model, loaded as `briefmap export` loads it (the same host and request), and its frame.
struct PreparedCase {
  std::unique_ptr<headless::HeadlessHost> host = std::make_unique<headless::HeadlessHost>(data::findGeodataDir());
  render::FrameSnapshot frame;
  session::AppState& state() { return host->model(); }
  session::MapSession& maps() { return host->maps(); }
};

std::unique_ptr<PreparedCase> prepareCase(const nlohmann::json& spec) {
  gl();  // the GL context must be current before any GL object is made
  auto prepared = std::make_unique<PreparedCase>();
  session::HeadlessRequest request;
  request.output.width = spec.at("size").at(0);
  request.output.height = spec.at("size").at(1);
  request.crs = spec.value("crs", "");
  for (const auto& f : spec.value("files", nlohmann::json::array()))
    request.files.push_back((fs::path(BRIEFMAP_SOURCE_DIR) / f.get<std::string>()).string());
  if (spec.contains("bbox")) {
    geo::LonLatBox box;
    box.add(spec["bbox"][0], spec["bbox"][1]);
    box.add(spec["bbox"][2], spec["bbox"][3]);
    request.bbox = box;
  }
  for (const auto& id : spec.value("options", nlohmann::json::array())) request.options.push_back(id);
  session::Session& session = prepared->host->session();
  session::AppState& state = session.model();
  const session::ApplyResult started = prepared->host->prepareView(request);
  EXPECT_TRUE(started.isDone()) << started.reason;
  const nlohmann::json layers = spec.value("layers", nlohmann::json::object());  // items() must not outlive it
  for (const auto& [id, visible] : layers.items())
    EXPECT_TRUE(session.apply(session::action::SetLayerVisible{id, visible.get<bool>()}).isDone()) << id;
  const nlohmann::json parameters = spec.value("parameters", nlohmann::json::object());
  for (const auto& [key, value] : parameters.items()) {
    const auto dot = key.find('.');
    EXPECT_TRUE(session.apply(session::action::SetOptionParameter{key.substr(0, dot), key.substr(dot + 1), value.get<double>()})
                    .isDone())
        << key;
  }
  session.maps().syncOptions(state);
  session.finish();
  for (const auto& m : state.messages) EXPECT_NE(m.level, session::MessageLevel::Error) << m.text;
  auto& frame = prepared->frame;
  frame = session.maps().snapshot(state, request.output.width, request.output.height, spec.value("pixelRatio", 1.f));
  frame.furniture.title = spec.value("title", "");
  frame.furniture.subtitle = spec.value("subtitle", "");
  frame.furniture.caveat = spec.value("caveat", "");
  frame.furniture.northArrow = spec.value("northArrow", false);
  frame.furniture.timestamp = spec.value("timestamp", "");
  if (spec.value("sources", false)) frame.furniture.sources = session::visibleSources(state);
  return prepared;
}

imagetest::Image renderCase(const nlohmann::json& spec, render::FrameStats* stats) {
  if (spec.contains("briefing")) {
    gl();  // the GL context must be current before any GL object is made
    return renderSlide(spec, stats);
  }
  const auto prepared = prepareCase(spec);
  const auto& frame = prepared->frame;
  const int width = frame.widthPx, height = frame.heightPx;
  render::OffscreenTarget target(width, height, 1);
  gl().renderer.render(frame, target);
  if (stats) *stats = gl().renderer.lastStats();
  return toImage(target.readPixels(), width, height);
}

class RenderCase : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(RenderCase, MatchesReviewedReference) {
  const fs::path dir = kGoldenDir / GetParam();
  nlohmann::json spec;
  std::ifstream(dir / "case.json") >> spec;
  render::FrameStats stats;
  const imagetest::Image actual = renderCase(spec, &stats);
  EXPECT_GT(imagetest::nonBackgroundShare(actual), 0.05) << "the render is (nearly) blank";
  if (spec.contains("minLabels")) {
    EXPECT_GE(static_cast<int>(stats.labelsPlaced), spec["minLabels"].get<int>());
  }

  const fs::path expectedPath = dir / "expected.png";
  if (std::getenv("BRIEFMAP_UPDATE_GOLDEN")) {
    render::writePng(expectedPath, actual.rgba.data(), actual.width, actual.height, false);
    GTEST_SKIP() << "re-baselined " << expectedPath;
  }
  ASSERT_TRUE(fs::exists(expectedPath)) << "no reference image; run with BRIEFMAP_UPDATE_GOLDEN=1 and review it";
  const imagetest::Image expected = imagetest::readPng(expectedPath.string());
  const auto c = imagetest::compareImages(actual, expected, kChannelTolerance);
  if (!c.sameSize || c.differingShare > kMaxDifferingShare) {
    const fs::path failures = fs::path(BRIEFMAP_FAILURE_DIR) / GetParam();
    fs::create_directories(failures);
    render::writePng(failures / "actual.png", actual.rgba.data(), actual.width, actual.height, false);
    if (c.sameSize) render::writePng(failures / "diff.png", c.diff.rgba.data(), c.diff.width, c.diff.height, false);
    ADD_FAILURE() << GetParam() << ": " << c.differingShare * 100 << " % of pixels differ (max "
                  << c.maxDifference << "); see " << failures;
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, RenderCase, ::testing::ValuesIn(caseNames()),
                         [](const auto& info) { return info.param; });

TEST(Render, PixelRatioScalesLabelsAndLinesNotTheMap) {
  // The same view at 2x size and pixel ratio 2 places labels at the same map positions.
  nlohmann::json small = {{"size", {480, 320}}, {"bbox", {28, 44, 34, 48}}};
  nlohmann::json large = {{"size", {960, 640}}, {"bbox", {28, 44, 34, 48}}, {"pixelRatio", 2.0}};
  render::FrameStats a, b;
  renderCase(small, &a);
  renderCase(large, &b);
  EXPECT_EQ(a.labelsPlaced, b.labelsPlaced);
  EXPECT_EQ(a.basemapLevel, b.basemapLevel);
}

// Tiles: labels are placed once for the whole image and each tile draws its part of the same layout, so the
// stitched image equals the one-piece render, also where labels, rings and panels cross tile borders.
TEST(Render, TiledRenderEqualsOnePieceAcrossTileBorders) {
  const nlohmann::json spec = {{"size", {1000, 700}},
                               {"options", {"buffer_zone", "us_backstop"}},
                               {"title", "Tiles must not show"},
                               {"subtitle", "Labels, rings and panels cross the borders of 256-pixel tiles"},
                               {"caveat", "UNCLASSIFIED"},
                               {"northArrow", true},
                               {"sources", true},
                               {"timestamp", "Exported 2026-11-22 14:05 UTC"}};
  const auto prepared = prepareCase(spec);
  const auto& frame = prepared->frame;
  render::OffscreenTarget target(frame.widthPx, frame.heightPx, 1);
  gl().renderer.render(frame, target);
  const imagetest::Image whole = toImage(target.readPixels(), frame.widthPx, frame.heightPx);
  ASSERT_GT(gl().renderer.lastStats().labelsPlaced, 10u);

  int tilesDrawn = 0;
  const auto stitched = session::renderImage(gl().renderer, frame, 256, [&](double) { ++tilesDrawn; });
  EXPECT_EQ(tilesDrawn, 4 * 3);  // 1000x700 in 256-pixel tiles, partial tiles at the right and bottom
  imagetest::Image tiled;
  tiled.width = frame.widthPx;
  tiled.height = frame.heightPx;
  tiled.rgba = stitched;
  const auto c = imagetest::compareImages(tiled, whole, 8);
  ASSERT_TRUE(c.sameSize);
  if (c.differingShare > 0.0002) {
    const fs::path failures = fs::path(BRIEFMAP_FAILURE_DIR) / "tiled";
    fs::create_directories(failures);
    render::writePng(failures / "tiled.png", tiled.rgba.data(), tiled.width, tiled.height, false);
    render::writePng(failures / "whole.png", whole.rgba.data(), whole.width, whole.height, false);
    render::writePng(failures / "diff.png", c.diff.rgba.data(), c.diff.width, c.diff.height, false);
    ADD_FAILURE() << c.differingShare * 100 << " % of pixels differ; see " << failures;
  }
  // Seams: along every tile border the stitched image matches the whole render pixel for pixel (within
  // the tolerance), counted separately so a one-pixel seam cannot hide in the image-wide share.
  int seamPixels = 0, seamDiffering = 0;
  auto at = [](const imagetest::Image& im, int x, int y, int ch) {
    return im.rgba[(static_cast<size_t>(y) * im.width + x) * 4 + ch];
  };
  auto check = [&](int x, int y) {
    ++seamPixels;
    for (int ch = 0; ch < 3; ++ch)
      if (std::abs(at(tiled, x, y, ch) - at(whole, x, y, ch)) > 8) {
        ++seamDiffering;
        return;
      }
  };
  for (int b = 256; b < frame.widthPx; b += 256)
    for (int y = 0; y < frame.heightPx; ++y) check(b - 1, y), check(b, y);
  for (int b = 256; b < frame.heightPx; b += 256)
    for (int x = 0; x < frame.widthPx; ++x) check(x, b - 1), check(x, b);
  EXPECT_LE(seamDiffering, seamPixels / 1000) << seamDiffering << " of " << seamPixels << " pixels at tile borders differ";
}

// The furniture keeps clear of itself and of the image edges at any size: title, legend, credits,
// scale bar, north arrow and caveat banners never overlap, and the labels never sit on them.
TEST(Render, FurnitureDoesNotOverlapAtAnySize) {
  for (auto [w, h] : {std::pair{480, 360}, std::pair{960, 600}, std::pair{1920, 1080}}) {
    const nlohmann::json spec = {{"size", {w, h}},
                                 {"options", {"reassurance_force", "us_backstop"}},
                                 {"title", "Security guarantees for Ukraine: what the reports describe"},
                                 {"subtitle", "A long caption that has to wrap or be cut with an ellipsis on narrow images"},
                                 {"caveat", "UNCLASSIFIED"},
                                 {"northArrow", true},
                                 {"sources", true},
                                 {"timestamp", "Exported 2026-11-22 14:05 UTC"}};
    const auto prepared = prepareCase(spec);
    const auto layout = render::layoutFrame(prepared->frame, gl().renderer.atlas());
    const auto& boxes = layout.furnitureBoxes;
    // 2 banners, credits, scale bar, north arrow, title, legend (left out when not even two rows fit)
    ASSERT_GE(boxes.size(), w >= 960 ? 7u : 6u) << w << "x" << h;
    for (size_t i = 0; i < boxes.size(); ++i) {
      EXPECT_GE(boxes[i].x0, 0) << w;
      EXPECT_GE(boxes[i].y0, 0) << w;
      EXPECT_LE(boxes[i].x1, w) << w;
      EXPECT_LE(boxes[i].y1, h) << w;
      for (size_t j = i + 1; j < boxes.size(); ++j)
        EXPECT_FALSE(boxes[i].overlaps(boxes[j])) << w << "x" << h << ": furniture panels " << i << " and " << j;
    }
    for (const auto& t : layout.labels) {
      const render::ScreenRect box{t.x, t.y - t.run.ascent, t.x + t.run.width, t.y + t.run.descent};
      for (const auto& b : boxes) EXPECT_FALSE(box.overlaps(b)) << w << "x" << h << ": label " << t.text;
    }
    for (const auto& t : layout.furnitureText) EXPECT_LE(t.x + t.run.width, w + 0.5f) << t.text;
  }
}

// File → Export snapshot: the window's job renders a tile a frame and writes the same image as the command line.
TEST(Render, WindowExportJobWritesTheSameImageAsTheCommandLinePath) {
  const nlohmann::json spec = {{"size", {600, 400}}, {"options", {"black_sea"}}, {"title", "Black Sea"}};
  const auto prepared = prepareCase(spec);
  session::SnapshotRequest request;
  request.out = fs::path(BRIEFMAP_FAILURE_DIR).parent_path() / "window-export.png";
  request.width = 1200;  // twice the window: the same extent, sizes doubled
  request.height = 800;
  request.maxTile = 300;
  request.furniture.title = "Black Sea";
  request.furniture.timestampText = "Exported then";
  fs::remove(request.out);
  session::SnapshotJob job(gl().renderer, prepared->maps(), prepared->state(), request);
  int frames = 0;
  while (!job.finished() && frames < 1000) {
    job.step();
    EXPECT_LE(job.progress(), 1.0);
    ++frames;
    if (job.progress() >= 0.8) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(job.finished());
  ASSERT_EQ(job.error(), "");
  EXPECT_GE(frames, 4 * 3);  // one tile a frame
  const auto written = imagetest::readPng(request.out.string());
  ASSERT_EQ(written.width, 1200);
  const auto frame = session::exportFrame(prepared->maps(), prepared->state(), request);
  EXPECT_FLOAT_EQ(frame.pixelRatio, 2.f);
  EXPECT_NEAR(frame.view.metresPerPixel, prepared->state().view.metresPerPixel / 2, 1e-9);
  imagetest::Image direct;
  direct.width = 1200;
  direct.height = 800;
  direct.rgba = session::renderImage(gl().renderer, frame, 4096);
  EXPECT_LT(imagetest::compareImages(written, direct, 8).differingShare, 0.0002);

  // A request the dialog cannot make: an unknown extension, and a size beyond the limits.
  session::ExportDialogState dialog;
  std::string error;
  dialog.file = "map.bmp";
  EXPECT_FALSE(session::exportRequestFrom(dialog, prepared->state(), error));
  EXPECT_NE(error.find(".png"), std::string::npos);
  dialog.file = "map.pdf";
  dialog.sizePreset = static_cast<int>(session::exportSizePresets().size()) - 1;  // custom
  dialog.customWidth = 50000;
  EXPECT_FALSE(session::exportRequestFrom(dialog, prepared->state(), error));
  EXPECT_NE(error.find("unsupported size"), std::string::npos);
  dialog.sizePreset = 4;  // A4 at 300 dpi
  const auto a4 = session::exportRequestFrom(dialog, prepared->state(), error);
  ASSERT_TRUE(a4);
  EXPECT_EQ(a4->width, 3508);
  EXPECT_EQ(a4->height, 2480);
  EXPECT_EQ(a4->format, session::SnapshotFormat::Pdf);
}

// The window and its export, as the issue puts it: "What is exported matches the window". A window of
// 960x540 with the full basemap (as the window loads it) is drawn through the window's path (render() with
// the layer cache); File → Export snapshot of it at the window's size is the same image, and at twice the
// size (the 4K export of a 1080p window) it is the same map twice as sharp: downsampled, it agrees.
TEST(Render, ExportsMatchTheWindowAtItsSizeAndAtTwiceItsSize) {
  gl();
  headless::HeadlessHost host(data::findGeodataDir());
  session::MapSession& session = host.maps();
  session::AppState& state = host.model();
  state.layers = session::defaultBasemapLayers();
  state.crs = session.projection().crs();
  state.viewportW = 960;
  state.viewportH = 540;
  state.pixelRatio = 1.f;
  state.view = session.homeView(state.viewportW, state.viewportH);
  session.loadBasemap();
  session.loadOptions();
  session.finish(state);
  for (const char* id : {"us_backstop", "buffer_zone"})
    ASSERT_TRUE(host.session().apply(session::action::SetOptionVisible{id, true}).isDone());
  session.syncOptions(state);
  session.finish(state);

  render::FrameSnapshot windowFrame = session.snapshot(state, state.viewportW, state.viewportH, state.pixelRatio);
  windowFrame.useLayerCache = true;
  render::OffscreenTarget target(state.viewportW, state.viewportH, 1);
  gl().renderer.render(windowFrame, target);  // first frame fills the cache,
  gl().renderer.render(windowFrame, target);  // the second copies from it, as a still window does
  const imagetest::Image window = toImage(target.readPixels(), state.viewportW, state.viewportH);
  EXPECT_GT(imagetest::nonBackgroundShare(window), 0.05);

  session::SnapshotRequest request;  // no view: the window's extent; furniture as the window shows it
  request.furniture.northArrow = request.furniture.sources = request.furniture.timestamp = false;
  auto exported = [&](int w, int h) {
    request.width = w;
    request.height = h;
    const auto frame = session::exportFrame(session, state, request);
    imagetest::Image image;
    image.width = w;
    image.height = h;
    image.rgba = session::renderImage(gl().renderer, frame, 4096);
    return image;
  };
  const imagetest::Image same = exported(960, 540);
  const auto c1 = imagetest::compareImages(same, window, 8);
  ASSERT_TRUE(c1.sameSize);
  EXPECT_LT(c1.differingShare, 0.0005) << "the export at the window's size is not the window";

  const imagetest::Image half = imagetest::halve(exported(1920, 1080));
  const auto c2 = imagetest::compareImages(half, window, 48);
  EXPECT_LT(c2.differingShare, 0.03) << "the 2x export is not the window's map at twice the resolution";
  // And it is not trivially so: the same comparison against the window shifted by 3 px fails.
  imagetest::Image shifted = window;
  for (int y = 0; y < window.height; ++y)
    for (int x = 0; x < window.width; ++x)
      for (int ch = 0; ch < 4; ++ch)
        shifted.rgba[(static_cast<size_t>(y) * window.width + x) * 4 + ch] =
            window.rgba[(static_cast<size_t>(y) * window.width + std::min(x + 3, window.width - 1)) * 4 + ch];
  EXPECT_GT(imagetest::compareImages(half, shifted, 48).differingShare, 0.03);
  std::printf("window vs export: %.4f %% differ at 1x, %.3f %% at 2x downsampled\n", c1.differingShare * 100,
              c2.differingShare * 100);
}

// Natural Earth's 1:10m level is an extract of lon 4…60, lat 33…63. A view at its scale that reaches past
// the box (France's west, Spain, the UK, northern Norway) is filled from the coarser levels there instead of
// being empty sea.
namespace {

// A user's layer with more vertices than any screen shows: smooth blobs of 600 vertices from 2 to 150 km across,
// and scattered points (a fixed seed). A zigzag of a pixel at every vertex is not in it: the full draw strokes such
// an outline thicker and fuzzier than its simplification does (0.7-2 % of pixels past the tolerance), a
// difference that simplifying to under a pixel makes by design.
fs::path writeDetailedLayer(const fs::path& dir) {
  std::mt19937 random(16);
  auto unit = [&] { return static_cast<double>(random()) / 4294967296.0; };
  nlohmann::json features = nlohmann::json::array();
  for (int n = 0; n < 150; ++n) {
    const double lon = 23 + 16 * unit(), lat = 45 + 8 * unit(), r = 0.01 + 0.7 * unit() * unit();
    nlohmann::json ring = nlohmann::json::array();
    for (int i = 0; i <= 600; ++i) {
      const double a = 2 * M_PI * (i % 600) / 600;
      const double rr = r * (1 + 0.25 * std::sin(5 * a + n));
      ring.push_back({lon + rr * std::cos(a) / 0.68, lat + rr * std::sin(a)});
    }
    features.push_back({{"type", "Feature"}, {"properties", {{"id", n}}},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}});
  }
  for (int n = 0; n < 1500; ++n)
    features.push_back({{"type", "Feature"}, {"properties", {{"id", n}}},
                        {"geometry", {{"type", "Point"}, {"coordinates", {20 + 22 * unit(), 43 + 12 * unit()}}}}});
  const fs::path file = dir / "detailed.geojson";
  std::ofstream(file) << nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
  return file;
}

// That layer read back (the file written to a folder of its own, removed once read).
std::vector<data::Layer> readDetailedLayer(const std::string& tag) {
  const fs::path dir = fs::temp_directory_path() / ("briefmap-" + tag + "-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto layers = data::readVectorFile(writeDetailedLayer(dir));
  fs::remove_all(dir);
  return layers;
}

// The host's map at its home view in a viewport of `width`×`height`, as a window of that size starts.
void showHomeView(headless::HeadlessHost& host, int width, int height) {
  session::AppState& state = host.model();
  state.viewportW = width;
  state.viewportH = height;
  state.view = host.maps().homeView(width, height);
}

// The layer cache's cases: a host at its home view in an 800×600 target, the detailed layer read, and a frame drawn
// with the window's layer cache or without it (its picture and the triangles it drew).
struct LayerCacheCase {
  static constexpr int kWidth = 800, kHeight = 600;
  std::vector<data::Layer> layers;
  headless::HeadlessHost host{data::findGeodataDir()};
  session::AppState& state = host.model();
  session::MapSession& maps = host.maps();
  render::OffscreenTarget target{kWidth, kHeight, 1};
  explicit LayerCacheCase(const std::string& tag) : layers(readDetailedLayer(tag)) { showHomeView(host, kWidth, kHeight); }
  /// The detailed layer's features [first, last) as a scene.
  std::shared_ptr<const render::SceneGroup> sceneOf(size_t first, size_t last) {
    data::Layer part;
    part.features.assign(layers.at(0).features.begin() + static_cast<std::ptrdiff_t>(first),
                         layers.at(0).features.begin() + static_cast<std::ptrdiff_t>(last));
    return render::buildSceneGroup(part, maps.projection());
  }
  std::pair<imagetest::Image, size_t> draw(bool layerCache) {
    auto frame = maps.snapshot(state, kWidth, kHeight, 1.f);
    frame.useLayerCache = layerCache;
    gl().renderer.render(frame, target);
    return {toImage(target.readPixels(), kWidth, kHeight), gl().renderer.lastStats().triangles};
  }
};

}  // namespace

// A user's layer is drawn from a scene simplified for the view's detail band, of only what meets the view (an
// export's preparation, the stricter one: it also cuts at the view's edge). At the finest scale of each band (where
// the simplification is largest in pixels) the picture equals the full-detail draw within the golden tolerance.
TEST(Render, UserLayerByBandsMatchesTheFullDetailDrawAtEachBandsScale) {
  gl();
  const fs::path dir = fs::temp_directory_path() / ("briefmap-bands-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = writeDetailedLayer(dir);
  const auto& bands = render::basemapDetailBands();
  constexpr int kWidth = 800, kHeight = 600;
  for (size_t band = 1; band < bands.size(); ++band) {
    headless::HeadlessHost host(data::findGeodataDir());
    session::AppState& state = host.model();
    session::MapSession& maps = host.maps();
    maps.setUserLayerPreparation(session::MapSession::UserLayerPreparation::ViewOnly);
    state.viewportW = kWidth;
    state.viewportH = kHeight;
    state.view.centre = maps.projection().forward({31.0, 48.5});
    state.view.metresPerPixel = std::max(bands[band].minMetresPerPixel * 1.01, 1.0);
    ASSERT_TRUE(host.session().apply(session::action::OpenFiles{{file.string()}, {}}).isDone());
    host.session().finish();
    ASSERT_EQ(state.layers.size(), 1u);
    session::LayerEntry& layer = state.layers.front();
    ASSERT_TRUE(layer.scene);
    ASSERT_EQ(layer.scene, layer.bandScenes.at(band));
    auto draw = [&] {
      render::OffscreenTarget target(kWidth, kHeight, 1);
      gl().renderer.render(maps.snapshot(state, kWidth, kHeight, 1.f), target);
      return toImage(target.readPixels(), kWidth, kHeight);
    };
    const imagetest::Image banded = draw();
    layer.scene = render::buildSceneGroup(*layer.data, maps.projection());
    const imagetest::Image full = draw();
    EXPECT_GT(imagetest::nonBackgroundShare(full), 0.0002) << "band " << band;
    const auto c = imagetest::compareImages(banded, full, kChannelTolerance);
    EXPECT_LE(c.differingShare, kMaxDifferingShare) << "band " << band << " (" << bands[band].minMetresPerPixel
                                                    << " m/px): " << c.differingShare * 100 << " % of pixels differ";
    if (c.differingShare > kMaxDifferingShare) {
      const fs::path failures = fs::path(BRIEFMAP_FAILURE_DIR) / ("bands-" + std::to_string(band));
      fs::create_directories(failures);
      render::writePng(failures / "banded.png", banded.rgba.data(), kWidth, kHeight, false);
      render::writePng(failures / "full.png", full.rgba.data(), kWidth, kHeight, false);
      render::writePng(failures / "diff.png", c.diff.rgba.data(), kWidth, kHeight, false);
    }
    if (band == 1) {  // about 120 km across: most of the layer lies outside and is not prepared
      EXPECT_GT(maps.featuresLeftOutsideView(), 1000u);
      EXPECT_LT(maps.preparedFeatureCount(), 650u);
    }
  }
  fs::remove_all(dir);
}

// A band of a big layer is prepared in runs of features (their memory on the way bounded), on the cores, and joined as
// parts: the picture is the one of preparing it in one run.
TEST(Render, AUserLayerPreparedInRunsDrawsThePictureOfOneRun) {
  gl();
  const fs::path dir = fs::temp_directory_path() / ("briefmap-runs-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = writeDetailedLayer(dir);  // 150 polygons of 600 vertices, then 1,500 points
  constexpr int kWidth = 800, kHeight = 600;
  auto drawn = [&](size_t verticesPerRun, size_t& parts) {
    headless::HeadlessHost host(data::findGeodataDir());
    session::AppState& state = host.model();
    host.maps().setVerticesPerPreparationRun(verticesPerRun);
    showHomeView(host, kWidth, kHeight);
    EXPECT_TRUE(host.session().apply(session::action::OpenFiles{{file.string()}, {}}).isDone());
    host.session().finish();
    EXPECT_EQ(state.layers.size(), 1u);
    const session::LayerEntry& layer = state.layers.front();
    EXPECT_TRUE(layer.scene);
    parts = layer.scene ? layer.scene->parts.size() : 0;
    render::OffscreenTarget target(kWidth, kHeight, 1);
    gl().renderer.render(host.maps().snapshot(state, kWidth, kHeight, 1.f), target);
    return toImage(target.readPixels(), kWidth, kHeight);
  };
  size_t partsOfOne = 0, partsOfRuns = 0;
  const imagetest::Image one = drawn(size_t{1} << 30, partsOfOne);
  const imagetest::Image runs = drawn(8000, partsOfRuns);
  EXPECT_GE(partsOfRuns, 12u) << "not prepared in runs";
  EXPECT_GT(partsOfRuns, partsOfOne);
  EXPECT_GT(imagetest::nonBackgroundShare(one), 0.0002);
  const auto c = imagetest::compareImages(runs, one, kChannelTolerance);
  EXPECT_EQ(c.differingShare, 0.0) << c.differingShare * 100 << " % of pixels differ";
  fs::remove_all(dir);
}

// An export framed on its files (no --bbox) prepares them as they are read, for the band of the view that frames them:
// the band is ready when the read ends (prepared while the reader still had batches to hand over), the layer is drawn
// from it, and the picture is the one of preparing the layer for that view after the read.
TEST(Render, AnExportFramedOnItsFilesPreparesThemWhileTheyAreRead) {
  gl();
  const fs::path dir = fs::temp_directory_path() / ("briefmap-framed-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = writeDetailedLayer(dir);  // 150 polygons, then 1,500 points
  constexpr int kWidth = 800, kHeight = 600;
  auto draw = [&](headless::HeadlessHost& host) {
    render::OffscreenTarget target(kWidth, kHeight, 1);
    gl().renderer.render(host.maps().snapshot(host.model(), kWidth, kHeight, 1.f), target);
    return toImage(target.readPixels(), kWidth, kHeight);
  };
  session::HeadlessRequest request;
  request.output.width = kWidth;
  request.output.height = kHeight;
  request.files = {file.string()};
  request.readOptions.batchFeatures = 100;  // 17 batches
  headless::HeadlessHost framed(data::findGeodataDir());
  size_t preparedBeforeTheLastBatch = 0, batches = 0;
  request.readOptions.batches = [&](const data::ReadBatch&) {
    ++batches;
    if (batches == 16) preparedBeforeTheLastBatch = framed.maps().preparedFeatureCount();
  };
  ASSERT_TRUE(framed.prepareView(request).isDone());
  framed.session().finish();
  const session::LayerEntry& layer = framed.model().layers.back();
  ASSERT_FALSE(layer.isBasemap);
  const size_t band = render::detailBandFor(framed.model().view.metresPerPixel);
  ASSERT_TRUE(layer.scene);
  EXPECT_EQ(layer.scene, layer.bandScenes.at(band));
  EXPECT_EQ(batches, 17u);
  EXPECT_GE(preparedBeforeTheLastBatch, 1500u) << "not prepared while it was read";
  EXPECT_EQ(framed.maps().preparedFeatureCount(), layer.data->features.size()) << "prepared again after the read";
  const imagetest::Image whileRead = draw(framed);

  // The same view, the file read first and then prepared for it (as exports did before).
  headless::HeadlessHost after(data::findGeodataDir());
  session::AppState& state = after.model();
  session::MapSession& maps = after.maps();
  state.layers = session::defaultBasemapLayers();
  state.viewportW = kWidth;
  state.viewportH = kHeight;
  maps.setUserLayerPreparation(session::MapSession::UserLayerPreparation::Deferred);
  ASSERT_TRUE(after.session().apply(session::action::OpenFiles{{file.string()}, {}}).isDone());
  after.session().finish();
  state.view = framed.model().view;
  maps.loadBasemapFor(state.view, kWidth, kHeight);
  maps.setUserLayerPreparation(session::MapSession::UserLayerPreparation::ViewOnly);
  after.session().finish();
  ASSERT_TRUE(state.layers.back().scene);
  const imagetest::Image readFirst = draw(after);
  EXPECT_GT(imagetest::nonBackgroundShare(whileRead), 0.01);
  const auto c = imagetest::compareImages(whileRead, readFirst, kChannelTolerance);
  EXPECT_LE(c.differingShare, kMaxDifferingShare) << c.differingShare * 100 << " % of pixels differ";
  fs::remove_all(dir);
}

// The window shows a file as it is read (batches prepared and drawn as they come). Before the end a part of it is
// drawn; at the end the picture is the one of the same file loaded all at once, within the golden tolerance.
TEST(Render, AFileShownAsItIsReadEndsAsThePictureOfALoadAllAtOnce) {
  gl();
  const fs::path dir = fs::temp_directory_path() / ("briefmap-progressive-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = writeDetailedLayer(dir);  // 150 polygons, then 1,500 points
  constexpr int kWidth = 800, kHeight = 600;
  struct Loaded {
    imagetest::Image partial, whole;
  };
  // batchFeatures 0: all at once. Otherwise the reader is held after its first batch while a frame is drawn.
  auto load = [&](size_t batchFeatures) {
    headless::HeadlessHost host(data::findGeodataDir());
    session::AppState& state = host.model();
    session::MapSession& maps = host.maps();
    showHomeView(host, kWidth, kHeight);
    auto draw = [&] {
      render::OffscreenTarget target(kWidth, kHeight, 1);
      gl().renderer.render(maps.snapshot(state, kWidth, kHeight, 1.f), target);
      return toImage(target.readPixels(), kWidth, kHeight);
    };
    std::promise<void> held, release;
    data::ReadOptions read;
    read.batchFeatures = batchFeatures;
    read.batchSeconds = 1e9;  // by count only: the same batches on a busy machine
    if (batchFeatures > 0) {
      read.batches = [&, seen = 0](const data::ReadBatch&) mutable {
        if (++seen != 1) return;
        held.set_value();
        release.get_future().wait();
      };
    }
    Loaded out;
    EXPECT_TRUE(host.session().apply(session::action::OpenFiles{{file.string()}, read}).isDone());
    if (batchFeatures > 0) {
      held.get_future().wait();
      host.session().poll();
      out.partial = draw();
      release.set_value();
    }
    host.session().finish();
    EXPECT_EQ(state.layers.size(), 1u);
    out.whole = draw();
    return out;
  };
  const Loaded progressive = load(100);  // 17 batches: the first holds 100 of the 150 polygons
  const Loaded once = load(0);
  const double partialShare = imagetest::nonBackgroundShare(progressive.partial);
  const double wholeShare = imagetest::nonBackgroundShare(once.whole);
  EXPECT_GT(partialShare, 0.0002) << "nothing drawn while the file was read";
  EXPECT_LT(partialShare, wholeShare * 0.9) << "the whole file drawn before its end";
  const auto c = imagetest::compareImages(progressive.whole, once.whole, kChannelTolerance);
  EXPECT_LE(c.differingShare, kMaxDifferingShare) << c.differingShare * 100 << " % of pixels differ";
  if (c.differingShare > kMaxDifferingShare) {
    const fs::path failures = fs::path(BRIEFMAP_FAILURE_DIR) / "progressive";
    fs::create_directories(failures);
    render::writePng(failures / "progressive.png", progressive.whole.rgba.data(), kWidth, kHeight, false);
    render::writePng(failures / "once.png", once.whole.rgba.data(), kWidth, kHeight, false);
    render::writePng(failures / "partial.png", progressive.partial.rgba.data(), kWidth, kHeight, false);
  }
  fs::remove_all(dir);
}

TEST(Render, ViewsPastTheFineExtractAreFilledFromCoarserLevels) {
  const nlohmann::json spec = {{"size", {1920, 1080}}, {"bbox", {-6, 38, 10, 48}}};
  const auto prepared = prepareCase(spec);
  const auto& frame = prepared->frame;
  render::OffscreenTarget target(frame.widthPx, frame.heightPx, 1);
  gl().renderer.render(frame, target);
  ASSERT_EQ(gl().renderer.lastStats().basemapLevel, 10) << "the view is not at the 1:10m level's scale";
  const imagetest::Image image = toImage(target.readPixels(), frame.widthPx, frame.heightPx);
  auto colourAt = [&](geo::LonLat p) {
    const geo::ScreenPx s = render::mapToScreen(frame.view, frame.widthPx, frame.heightPx,
                                                prepared->maps().projection().forward(p));
    const size_t at = (static_cast<size_t>(s.y) * image.width + static_cast<size_t>(s.x)) * 4;
    return std::array<int, 3>{image.rgba[at], image.rgba[at + 1], image.rgba[at + 2]};
  };
  auto near = [](std::array<int, 3> c, render::Rgba want) {
    return std::abs(c[0] - int(want.r * 255 + 0.5f)) <= 3 && std::abs(c[1] - int(want.g * 255 + 0.5f)) <= 3 &&
           std::abs(c[2] - int(want.b * 255 + 0.5f)) <= 3;
  };
  // GeoNames: Madrid 40.4165 N 3.70256 W; Toulouse 43.60426 N 1.44367 E (both west of 4° E); Lyon 45.74846 N
  // 4.84671 E (inside the box). The Bay of Biscay at 45 N 4 W is sea.
  EXPECT_TRUE(near(colourAt({-3.70256, 40.4165}), frame.style.land)) << "Madrid is not on land";
  EXPECT_TRUE(near(colourAt({1.44367, 43.60426}), frame.style.land)) << "Toulouse is not on land";
  EXPECT_TRUE(near(colourAt({4.84671, 45.74846}), frame.style.land)) << "Lyon is not on land";
  EXPECT_TRUE(near(colourAt({-4.0, 45.0}), frame.style.sea)) << "the Bay of Biscay is not sea";
}

namespace {

imagetest::Image crop(const imagetest::Image& image, int x0, int y0, int width, int height) {
  imagetest::Image out;
  out.width = width;
  out.height = height;
  out.rgba.resize(static_cast<size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y)
    std::copy_n(&image.rgba[(static_cast<size_t>(y0 + y) * image.width + x0) * 4], static_cast<size_t>(width) * 4,
                &out.rgba[static_cast<size_t>(y) * width * 4]);
  return out;
}

// The map alone: labels and furniture are laid out for each image (an edge moves them), the map is not.
std::vector<std::uint8_t> renderMapOnly(render::FrameSnapshot frame) {
  std::erase_if(frame.layers, [](const render::LayerDraw& l) { return l.isBasemap && l.part == render::BasemapPart::Places; });
  for (auto& l : frame.layers) l.style.labelColour.a = 0;
  return session::renderImage(gl().renderer, frame, 4096);
}

}  // namespace

// File → Export snapshot with "Framed area": the export shows exactly the frame. Framed at twice its window
// size, it is the crop, where the frame lies, of the whole window exported at twice the window's size: the
// same place, scale and line widths (the dialog's request, exportFrame and the tiles are all on the path).
TEST(Render, FramedExportIsTheCropOfTheWholeWindowExport) {
  const nlohmann::json spec = {{"size", {800, 600}}, {"options", {"buffer_zone", "us_backstop"}}};
  const auto prepared = prepareCase(spec);
  const session::AppState& window = prepared->state();
  session::ExportDialogState dialog;
  dialog.file = (fs::path(BRIEFMAP_FAILURE_DIR).parent_path() / "framed.png").string();
  dialog.furniture = {"", "", "", false, false, false, false, false, false, ""};
  dialog.sizePreset = static_cast<int>(session::exportSizePresets().size()) - 1;  // custom
  dialog.customWidth = 1600;
  dialog.customHeight = 1200;
  std::string error;
  const auto whole = session::exportRequestFrom(dialog, window, error);
  ASSERT_TRUE(whole) << error;
  ASSERT_FALSE(whole->view);

  // The frame: window pixels (200, 150) to (520, 390), on the contact line and the rings' edges.
  const int fx = 200, fy = 150, fw = 320, fh = 240;
  dialog.extent = session::ExportExtent::FramedArea;
  dialog.frame.hasBox = true;
  dialog.frame.box = {};
  for (auto [x, y] : {std::pair{fx, fy}, std::pair{fx + fw, fy + fh}}) {
    const geo::MapXY p = render::screenToMap(window.view, window.viewportW, window.viewportH, {double(x), double(y)});
    dialog.frame.box.add(p.x, p.y);
  }
  dialog.customWidth = 2 * fw;
  dialog.customHeight = 2 * fh;
  const auto framed = session::exportRequestFrom(dialog, window, error);
  ASSERT_TRUE(framed) << error;
  ASSERT_TRUE(framed->view);
  EXPECT_FLOAT_EQ(framed->pixelRatio, 2.f);  // twice the window's pixels: lines and type twice as wide

  const auto wholeFrame = session::exportFrame(prepared->maps(), window, *whole);
  const auto framedFrame = session::exportFrame(prepared->maps(), window, *framed);
  EXPECT_FLOAT_EQ(wholeFrame.pixelRatio, framedFrame.pixelRatio);
  imagetest::Image big, part;
  big.width = 1600, big.height = 1200, big.rgba = renderMapOnly(wholeFrame);
  part.width = 2 * fw, part.height = 2 * fh, part.rgba = renderMapOnly(framedFrame);
  const auto expected = crop(big, 2 * fx, 2 * fy, 2 * fw, 2 * fh);
  EXPECT_GT(imagetest::nonBackgroundShare(expected), 0.2) << "the frame should hold land, sea, lines and rings";
  const auto c = imagetest::compareImages(part, expected, kChannelTolerance);
  ASSERT_TRUE(c.sameSize);
  if (c.differingShare > kMaxDifferingShare) {
    const fs::path failures = fs::path(BRIEFMAP_FAILURE_DIR) / "framed";
    fs::create_directories(failures);
    render::writePng(failures / "framed.png", part.rgba.data(), part.width, part.height, false);
    render::writePng(failures / "crop.png", expected.rgba.data(), expected.width, expected.height, false);
    render::writePng(failures / "diff.png", c.diff.rgba.data(), c.diff.width, c.diff.height, false);
    ADD_FAILURE() << c.differingShare * 100 << " % of pixels differ; see " << failures;
  }
  // The comparison sees a frame two pixels off: a test that would pass for a misplaced export proves nothing.
  const auto shifted = imagetest::compareImages(part, crop(big, 2 * fx + 2, 2 * fy, 2 * fw, 2 * fh), kChannelTolerance);
  EXPECT_GT(shifted.differingShare, 4 * kMaxDifferingShare);
}

namespace {

render::ScreenRect boxOf(const render::LayoutText& t) {
  return {t.x, t.y - t.run.ascent, t.x + t.run.width, t.y + t.run.descent};
}

bool hasText(const render::FrameLayout& layout, const std::string& text) {
  for (const auto& t : layout.furnitureText)
    if (t.text == text) return true;
  return false;
}

}  // namespace

// Every slide of the example briefing at 1920x1080 and 3840x2160, as presentation mode lays it out:
// title, caption, legend and attribution present; no label under the furniture or under another label.
TEST(Presentation, EverySlideHasItsFurnitureAndNoOverlaps) {
  gl();
  const fs::path path = fs::path(BRIEFMAP_SOURCE_DIR) / "geodata/briefings/security-guarantees.json";
  for (const auto& [width, height] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
    headless::HeadlessHost host(data::findGeodataDir());
    session::MapSession& session = host.maps();
    session::AppState& state = host.model();
    host.openBriefing(path);
    float titleSize = 0;
    for (int i = 0; i < static_cast<int>(state.briefing.doc.slides.size()); ++i) {
      SCOPED_TRACE("slide " + std::to_string(i + 1) + " at " + std::to_string(width) + "x" + std::to_string(height));
      ASSERT_TRUE(session::prepareSlide(state, session, i, width, height));
      const float ratio = session::presentationPixelRatio(state, height, 1.f);
      EXPECT_FLOAT_EQ(ratio, height / 1080.f);
      const auto frame = session::presentationSnapshot(state, session, width, height, ratio);
      const auto layout = render::layoutFrame(frame, gl().renderer.atlas());
      const auto& slide = state.briefing.doc.slides[i];
      EXPECT_TRUE(hasText(layout, slide.title)) << slide.title;
      EXPECT_TRUE(hasText(layout, slide.caption)) << slide.caption;
      EXPECT_TRUE(hasText(layout, frame.attribution));
      ASSERT_FALSE(frame.legend.empty());
      for (const auto& entry : frame.legend) EXPECT_TRUE(hasText(layout, entry.label)) << entry.label;
      titleSize = 0;
      for (const auto& t : layout.furnitureText)  // a legend heading may repeat the title, smaller
        if (t.text == slide.title) titleSize = std::max(titleSize, t.size);
      EXPECT_FLOAT_EQ(titleSize, 30.f * ratio);  // type grows with the screen: legible across a room at 4K
      // Furniture panels stay inside the image and apart from one another.
      for (size_t a = 0; a < layout.furnitureBoxes.size(); ++a) {
        const auto& box = layout.furnitureBoxes[a];
        EXPECT_GE(box.x0, 0);
        EXPECT_GE(box.y0, 0);
        EXPECT_LE(box.x1, width);
        EXPECT_LE(box.y1, height);
        for (size_t b = a + 1; b < layout.furnitureBoxes.size(); ++b)
          EXPECT_FALSE(box.overlaps(layout.furnitureBoxes[b])) << "furniture panels " << a << " and " << b;
      }
      EXPECT_GT(layout.labels.size(), 10u);
      for (size_t a = 0; a < layout.labels.size(); ++a) {
        const auto label = boxOf(layout.labels[a]);
        for (const auto& furniture : layout.furnitureBoxes)
          EXPECT_FALSE(label.overlaps(furniture)) << "label '" << layout.labels[a].text << "' under the furniture";
        for (size_t b = a + 1; b < layout.labels.size(); ++b)
          EXPECT_FALSE(label.overlaps(boxOf(layout.labels[b])))
              << "labels '" << layout.labels[a].text << "' and '" << layout.labels[b].text << "' collide";
      }
    }
  }
}

// Labels as a room reads them, on every slide of every bundled briefing at 1080p and 4K, from the layout the
// renderer draws: apart from one another by a spacing (two labels on one baseline read as one text: the
// feeder routes of the Black Sea slide did), off the furniture, off every option line (the heavy-lift line
// struck through "Rzeszów-Jasionka"), one label per place, and text that stands out from its halo.
TEST(Presentation, LabelsKeepApartOffPanelsAndOffLinesOnEverySlide) {
  gl();
  std::vector<fs::path> briefings;
  for (const auto& entry : fs::directory_iterator(fs::path(BRIEFMAP_SOURCE_DIR) / "geodata/briefings"))
    if (entry.path().extension() == ".json") briefings.push_back(entry.path());
  ASSERT_FALSE(briefings.empty());
  for (const auto& path : briefings) {
    for (const auto& [width, height] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
      headless::HeadlessHost host(data::findGeodataDir());
      session::AppState& state = host.model();
      host.openBriefing(path);
      for (int i = 0; i < static_cast<int>(state.briefing.doc.slides.size()); ++i) {
        SCOPED_TRACE(path.filename().string() + " slide " + std::to_string(i + 1) + " at " + std::to_string(width) + "x" +
                     std::to_string(height));
        ASSERT_TRUE(session::prepareSlide(state, host.maps(), i, width, height));
        const float ratio = session::presentationPixelRatio(state, height, 1.f);
        const auto frame = session::presentationSnapshot(state, host.maps(), width, height, ratio);
        const auto layout = render::layoutFrame(frame, gl().renderer.atlas());
        std::vector<render::ScreenSegment> lines;
        for (const auto& layer : frame.layers) {
          if (layer.isBasemap || !layer.group) continue;
          for (const auto& place : layer.group->labels)
            for (size_t k = 1; k < place.path.size(); ++k) {
              const auto a = render::mapToScreen(frame.view, width, height, place.path[k - 1]);
              const auto b = render::mapToScreen(frame.view, width, height, place.path[k]);
              lines.push_back({static_cast<float>(a.x), static_cast<float>(a.y), static_cast<float>(b.x), static_cast<float>(b.y)});
            }
        }
        // A major place may be labelled across an option's line when nothing else is left (Kherson on the line
        // of contact); every other label keeps off the lines.
        std::set<std::string> majorPlaces;
        if (frame.basemap && frame.basemap->places)
          for (const auto& place : *frame.basemap->places)
            if (place.rank <= render::kMajorPlaceRank) majorPlaces.insert(place.name);
        EXPECT_GT(layout.labels.size(), 10u);
        for (size_t a = 0; a < layout.labels.size(); ++a) {
          const auto& label = layout.labels[a];
          const auto box = boxOf(label);
          for (const auto& furniture : layout.furnitureBoxes)
            EXPECT_FALSE(box.overlaps(furniture)) << "label '" << label.text << "' under a panel";
          for (const auto& line : lines)
            EXPECT_FALSE(line.crosses(box) && !majorPlaces.count(label.text))
                << "an option line crosses the label '" << label.text << "'";
          EXPECT_GT(label.halo.a, 0.8f) << label.text;
          EXPECT_GE(render::contrastRatio(label.colour, label.halo), 4.5f) << "'" << label.text << "' does not stand out from its halo";
          for (size_t b = a + 1; b < layout.labels.size(); ++b) {
            const auto& other = layout.labels[b];
            const float spacing = 0.3f * std::min(label.size, other.size);
            const render::ScreenRect apart{box.x0 - spacing, box.y0 - spacing, box.x1 + spacing, box.y1 + spacing};
            EXPECT_FALSE(apart.overlaps(boxOf(other))) << "labels '" << label.text << "' and '" << other.text << "' run together";
            const float em = std::max(label.size, other.size);
            EXPECT_FALSE(label.text == other.text && std::hypot(label.x - other.x, label.y - other.y) < 6 * em)
                << "'" << label.text << "' labelled twice";
          }
        }
      }
    }
  }
}

// The window's basemap grows by bands after its first frame (the finer ones on a thread of low priority, each scene
// the previous one's levels and one more). A scene that adds a band the view does not use keeps the layer cache: a
// big file drawn into it is not drawn again. A scene of new objects for the view's band redraws it.
TEST(Render, ABasemapThatGainsABandKeepsTheLayerCacheOfAViewWhoseBandItHad) {
  gl();
  constexpr int kWidth = 800, kHeight = 600;
  headless::HeadlessHost host(data::findGeodataDir());
  session::AppState& state = host.model();
  session::MapSession& maps = host.maps();
  state.layers = session::defaultBasemapLayers();
  showHomeView(host, kWidth, kHeight);
  const auto basemap = data::loadBasemap(data::findGeodataDir());
  const size_t viewBand = render::detailBandFor(state.view.metresPerPixel);
  const size_t otherBand = viewBand == 0 ? 1 : 0;
  auto first = std::make_shared<render::BasemapScene>(render::buildBasemapScene(basemap, maps.projection(), {viewBand}));
  render::OffscreenTarget target(kWidth, kHeight, 1);
  auto draw = [&](std::shared_ptr<const render::BasemapScene> scene) {
    state.basemapScene = std::move(scene);
    auto frame = maps.snapshot(state, kWidth, kHeight, 1.f);
    frame.useLayerCache = true;
    gl().renderer.render(frame, target);
    return std::pair{toImage(target.readPixels(), kWidth, kHeight), gl().renderer.lastStats().triangles};
  };
  draw(first);
  const auto [cached, trianglesFilled] = draw(first);  // the second frame at a scale fills the cache
  auto grown = std::make_shared<render::BasemapScene>(*first);
  const auto added = render::buildBasemapScene(basemap, maps.projection(), {otherBand});
  grown->levels.insert(grown->levels.end(), added.levels.begin(), added.levels.end());
  const auto [kept, trianglesKept] = draw(grown);
  EXPECT_GT(trianglesFilled, 10'000u);
  EXPECT_LT(trianglesKept * 4, trianglesFilled) << "the cached picture was drawn again";
  EXPECT_EQ(imagetest::compareImages(kept, cached, 0).differingShare, 0.0);
  // The same band built again: other objects, so the picture is drawn again (an address alone must not match).
  auto rebuilt = std::make_shared<render::BasemapScene>(render::buildBasemapScene(basemap, maps.projection(), {viewBand}));
  first.reset();
  grown.reset();
  const auto [redrawn, trianglesRedrawn] = draw(rebuilt);
  EXPECT_GT(trianglesRedrawn * 4, trianglesFilled) << "a new scene's picture was taken from the cache";
  EXPECT_LT(imagetest::compareImages(redrawn, cached, 8).differingShare, 0.0005);
}

// The window's layer cache while a file is read: the parts added after those already drawn are drawn onto the cached
// picture alone (not every part again for each new one), also under a layer that lies over the file's (an option's);
// the layer made whole from its parts keeps that picture (nothing drawn again); and the picture is the one of drawing
// it all at once.
TEST(Render, PartsAddedWhileAFileIsReadAreDrawnOntoTheLayerCacheAlone) {
  gl();
  LayerCacheCase cacheCase("appended");  // 150 polygons, then 1,500 points
  ASSERT_EQ(cacheCase.layers.size(), 1u);
  session::AppState& state = cacheCase.state;
  std::vector<std::shared_ptr<const render::SceneGroup>> parts;
  for (auto [first, last] : {std::pair<size_t, size_t>{0, 100}, {100, 600}, {600, cacheCase.layers[0].features.size()}})
    parts.push_back(cacheCase.sceneOf(first, last));
  session::LayerEntry reading;
  reading.id = "file:detailed.geojson/detailed#1";
  reading.loadingFileId = 1;
  // Over it, as the options lie over the users' files: ten of its polygons again, in another colour.
  session::LayerEntry over;
  over.id = "file:over.geojson/over#2";
  over.scene = cacheCase.sceneOf(20, 30);
  over.style.fill = render::Rgba::hex(0x7b1fa2, 0.5f);
  over.style.stroke = render::Rgba::hex(0x7b1fa2, 1.f);
  auto draw = [&](size_t shown, bool whole, bool layerCache) {
    if (whole) {
      state.layers.front().partialScenes.clear();
      state.layers.front().scene = render::joinSceneGroups(parts);
    } else {
      state.layers.front().partialScenes.assign(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(shown));
    }
    return cacheCase.draw(layerCache);
  };
  for (const bool withOver : {false, true}) {
    SCOPED_TRACE(withOver ? "a layer over the file's" : "the file's layer on top");
    state.layers = {reading};
    if (withOver) state.layers.push_back(over);
    draw(1, false, true);
    draw(1, false, true);  // the second frame at a scale fills the cache
    const auto [appended, trianglesAppended] = draw(3, false, true);
    const auto [direct, trianglesDirect] = draw(3, false, false);
    EXPECT_GT(imagetest::nonBackgroundShare(direct), 0.0002);
    EXPECT_LT(trianglesAppended + parts[0]->triangleCount() / 2, trianglesDirect) << "every part drawn again";
    const auto c = imagetest::compareImages(appended, direct, 8);
    EXPECT_LT(c.differingShare, 0.0005) << c.differingShare * 100 << " % of pixels differ";
    // The read ends: the layer made of those parts is the picture already drawn.
    draw(3, false, true);
    const auto [whole, trianglesWhole] = draw(3, true, true);
    const auto [wholeDirect, trianglesWholeDirect] = draw(3, true, false);
    EXPECT_LT(trianglesWhole + parts[1]->triangleCount(), trianglesWholeDirect) << "the whole layer drawn again";
    // Within the golden tolerance, not exactly: the parts were drawn each whole (fill, then outlines), one group draws
    // all fills and then all outlines, so where a later part's polygon overlaps an earlier one's outline the two
    // differ (0.1 % of the pixels here) until the next redraw.
    const auto w = imagetest::compareImages(whole, wholeDirect, kChannelTolerance);
    EXPECT_LT(w.differingShare, kMaxDifferingShare) << w.differingShare * 100 << " % of pixels differ";
  }
}

// The layer cache keeps the basemap apart from what lies over it: a basemap whose objects for the view change under a
// user's layer (the view's finer band arriving in the window's first second, or a new session's basemap) is drawn again
// alone and the layer's picture composited over it, not drawn again; so is a basemap layer moved over the file's (it
// lies with the light layers). One moved under the file but over another layer is drawn again with the file. Each
// time the picture is the one of drawing it all at once (the bands differ: a picture not drawn again would show it).
TEST(Render, ABasemapChangedUnderAUsersLayerIsDrawnAgainAloneThroughTheLayerCache) {
  gl();
  LayerCacheCase cacheCase("under");  // 150 polygons, then 1,500 points
  ASSERT_EQ(cacheCase.layers.size(), 1u);
  session::AppState& state = cacheCase.state;
  session::MapSession& maps = cacheCase.maps;
  const auto basemap = data::loadBasemap(data::findGeodataDir());
  const size_t viewBand = render::detailBandFor(state.view.metresPerPixel);
  const size_t coarserBand = viewBand + 1 < render::basemapDetailBands().size() ? viewBand + 1 : viewBand - 1;
  session::LayerEntry file;
  file.id = "file:detailed.geojson/detailed#1";
  file.scene = cacheCase.sceneOf(0, cacheCase.layers[0].features.size());
  const size_t fileTriangles = file.scene->triangleCount();
  session::LayerEntry lightUnder;  // a few of its polygons again, as a light layer under the borders
  lightUnder.id = "file:few.geojson/few#2";
  lightUnder.scene = cacheCase.sceneOf(20, 23);
  auto draw = [&](bool layerCache) { return cacheCase.draw(layerCache); };
  // The window's basemap gains its bands as scenes that share the levels it had: the coarser level's groups stay alive.
  auto coarser = std::make_shared<const render::BasemapScene>(
      render::buildBasemapScene(basemap, maps.projection(), {coarserBand}));
  auto grown = std::make_shared<render::BasemapScene>(*coarser);
  {
    const auto added = render::buildBasemapScene(basemap, maps.projection(), {viewBand});
    grown->levels.insert(grown->levels.end(), added.levels.begin(), added.levels.end());
  }
  enum class Borders { Under, OverTheFile, BetweenALayerAndTheFile };
  for (const Borders borders : {Borders::Under, Borders::OverTheFile, Borders::BetweenALayerAndTheFile}) {
    SCOPED_TRACE(borders == Borders::Under         ? "the file's layer over the basemap"
                 : borders == Borders::OverTheFile ? "borders moved over the file's layer"
                                                   : "borders moved between a light layer and the file's");
    state.layers = session::defaultBasemapLayers();
    auto bordersAt = std::find_if(state.layers.begin(), state.layers.end(),
                                  [](const auto& l) { return l.id == "basemap/borders"; });
    ASSERT_NE(bordersAt, state.layers.end());
    const session::LayerEntry bordersLayer = *bordersAt;
    if (borders != Borders::Under) state.layers.erase(bordersAt);
    if (borders == Borders::BetweenALayerAndTheFile) state.layers.insert(state.layers.end(), {lightUnder, bordersLayer});
    state.layers.push_back(file);
    if (borders == Borders::OverTheFile) state.layers.push_back(bordersLayer);
    state.basemapScene = coarser;
    draw(true);
    draw(true);  // the second frame at a scale fills the cache
    state.basemapScene = grown;  // the view's own band arrives: the basemap's pictures are drawn again
    const auto [changed, trianglesChanged] = draw(true);
    const auto [direct, trianglesDirect] = draw(false);
    if (borders == Borders::BetweenALayerAndTheFile)
      EXPECT_GT(trianglesChanged, fileTriangles) << "the file's layer over the borders kept";
    else
      EXPECT_LT(trianglesChanged * 4, fileTriangles) << "the file's layer was drawn again";
    EXPECT_GT(imagetest::nonBackgroundShare(direct), 0.0002);
    const auto c = imagetest::compareImages(changed, direct, 8);
    EXPECT_LT(c.differingShare, 0.0005) << c.differingShare * 100 << " % of pixels differ";
  }
}

// Option layers over a big file are toggled often: the layer cache keeps a heavy layer (and those under it) apart from
// the light ones over it, so switching one of those off or on draws the light ones again and composites, not the
// file. The picture is the one of drawing it all at once.
TEST(Render, TogglingALightLayerOverAHeavyOneDrawsOnlyTheLightOnesThroughTheLayerCache) {
  gl();
  LayerCacheCase cacheCase("toggle");  // 150 polygons, then 1,500 points
  ASSERT_EQ(cacheCase.layers.size(), 1u);
  session::AppState& state = cacheCase.state;
  session::LayerEntry file;
  file.id = "file:detailed.geojson/detailed#1";
  file.scene = cacheCase.sceneOf(0, cacheCase.layers[0].features.size());
  const size_t fileTriangles = file.scene->triangleCount();
  // Two light layers over it, as the options lie over the users' files: a few of its polygons in other colours.
  auto light = [&](const char* id, size_t first, std::uint32_t colour) {
    session::LayerEntry l;
    l.id = id;
    l.scene = cacheCase.sceneOf(first, first + 3);
    l.style.fill = render::Rgba::hex(colour, 0.5f);
    l.style.stroke = render::Rgba::hex(colour, 1.f);
    return l;
  };
  const session::LayerEntry first = light("option:first", 20, 0x7b1fa2), second = light("option:second", 40, 0x00897b);
  auto draw = [&](bool layerCache) { return cacheCase.draw(layerCache); };
  state.layers = session::defaultBasemapLayers();
  state.layers.insert(state.layers.end(), {file, first, second});
  // The second frame at a scale fills the cache (the first, when the scale is the previous frame's).
  const size_t filled = draw(true).second + draw(true).second;
  EXPECT_GT(filled, fileTriangles);
  auto toggled = [&](const char* what) {
    SCOPED_TRACE(what);
    const auto [cached, triangles] = draw(true);
    const auto [direct, trianglesDirect] = draw(false);
    EXPECT_LT(triangles * 4, fileTriangles) << "the file's layer was drawn again";
    EXPECT_GT(trianglesDirect, fileTriangles);
    const auto c = imagetest::compareImages(cached, direct, 8);
    EXPECT_LT(c.differingShare, 0.0005) << c.differingShare * 100 << " % of pixels differ";
  };
  state.layers.erase(state.layers.end() - 2);  // the first light layer switched off
  toggled("the lower light layer off");
  state.layers.insert(state.layers.end() - 1, first);
  toggled("and on again");
  state.layers.pop_back();
  toggled("the upper one off");
}

// A frame of many triangles waits for the driver between batches (llvmpipe keeps the memory of every scene queued);
// the picture is the one drawn without waiting, to the pixel.
TEST(Render, BatchesOfTrianglesWaitedForDrawTheSamePicture) {
  gl();
  const auto layers = readDetailedLayer("batches");
  ASSERT_EQ(layers.size(), 1u);
  constexpr int kWidth = 800, kHeight = 600;
  headless::HeadlessHost host(data::findGeodataDir());
  session::AppState& state = host.model();
  showHomeView(host, kWidth, kHeight);
  session::LayerEntry entry;
  entry.id = "file:detailed.geojson/detailed#1";
  entry.scene = render::buildSceneGroup(layers[0], host.maps().projection());
  state.layers = {entry};
  render::OffscreenTarget target(kWidth, kHeight, 1);
  auto draw = [&](size_t trianglesInFlight) {
    gl().renderer.setTrianglesInFlight(trianglesInFlight);
    gl().renderer.render(host.maps().snapshot(state, kWidth, kHeight, 1.f), target);
    return std::pair{toImage(target.readPixels(), kWidth, kHeight), gl().renderer.lastStats()};
  };
  const auto [unbounded, unboundedStats] = draw(0);
  const auto [bounded, boundedStats] = draw(2'000);
  gl().renderer.setTrianglesInFlight(250'000);
  EXPECT_GT(unboundedStats.triangles, 50'000u);
  EXPECT_EQ(unboundedStats.batchesWaitedFor, 0u);
  EXPECT_GT(boundedStats.batchesWaitedFor, 10u);
  EXPECT_EQ(boundedStats.triangles, unboundedStats.triangles);
  EXPECT_GT(imagetest::nonBackgroundShare(unbounded), 0.0002);
  EXPECT_EQ(imagetest::compareImages(bounded, unbounded, 0).differingShare, 0.0);
}
