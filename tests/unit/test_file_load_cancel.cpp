// A cancelled load in the session leaves the model as it was: layers, view, undo history, messages; the worker idle.
// A file shown as it is read (the window's progressive display): a part of it before the end, the whole layer at the
// end as a load all at once makes it, and a Cancel after parts were shown still leaves the model as it was.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <future>

#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_writer.hpp"
#include "briefmap/render/scene.hpp"
#include "briefmap/session/frame_builder.hpp"
#include "briefmap/session/session.hpp"

using namespace briefmap;
using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {

fs::path testDir() {
  const auto dir = fs::temp_directory_path() / ("briefmap-cancel-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::create_directories(dir);
  return dir;
}

// A GeoPackage of `count` points.
fs::path writePoints(const fs::path& file, int count) {
  Layer layer;
  layer.name = "points";
  for (int i = 0; i < count; ++i) {
    Feature f;
    f.geometry.points.push_back({30.0 + (i % 100) * 0.01, 50.0 + (i / 100) * 0.01});
    f.properties = {{"name", "p" + std::to_string(i)}};
    layer.features.push_back(std::move(f));
  }
  writeVectorFile(file, {OutputLayer{&layer, "points"}});
  return file;
}

// The session: a load started, held inside the reader (the test's hook blocks until the Cancel is applied),
// cancelled through the action the layers panel sends.
class FileLoadCancelTest : public ::testing::Test {
 protected:
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path m_dir = testDir();
  struct Before {
    std::vector<std::string> layers;
    render::View view;
    std::string undo, redo;
    size_t messages;
  };
  static Before take(const session::AppState& s) {
    Before b{{}, s.view, s.workspace.undoLabel, s.workspace.redoLabel, s.messages.size()};
    for (const auto& l : s.layers) b.layers.push_back(l.id);
    return b;
  }
  static void expectSame(const Before& a, const Before& b) {
    EXPECT_EQ(a.layers, b.layers);
    EXPECT_EQ(a.view.centre.x, b.view.centre.x);
    EXPECT_EQ(a.view.centre.y, b.view.centre.y);
    EXPECT_EQ(a.view.metresPerPixel, b.view.metresPerPixel);
    EXPECT_EQ(a.undo, b.undo);
    EXPECT_EQ(a.redo, b.redo);
    EXPECT_EQ(a.messages, b.messages);
  }
  // Opens the file with a hook that stops in the reader at its first call until `release` is set.
  void openHeld(session::Session& session, const fs::path& file) {
    ReadOptions read;
    read.progress = [this, first = std::make_shared<bool>(true)](const ReadProgress&) {
      if (*first) {
        *first = false;
        m_started.set_value();
        m_release.get_future().wait();
      }
      return true;
    };
    EXPECT_TRUE(session.apply(session::action::OpenFiles{{file.string()}, read}).isDone());
    m_started.get_future().wait();
  }
  // Opens the file in batches of `batchFeatures` (by count only, so the test does not depend on the clock), with a
  // batch hook that stops the reader after batch number `holdAt` (1-based) until `release` is set.
  void openHeldAtBatch(session::Session& session, const fs::path& file, size_t batchFeatures, int holdAt) {
    ReadOptions read;
    read.batchFeatures = batchFeatures;
    read.batchSeconds = 1e9;
    read.batches = [this, holdAt, seen = std::make_shared<int>(0)](const ReadBatch&) {
      if (++*seen == holdAt) {
        m_started.set_value();
        m_release.get_future().wait();
      }
    };
    EXPECT_TRUE(session.apply(session::action::OpenFiles{{file.string()}, read}).isDone());
    m_started.get_future().wait();
  }
  std::promise<void> m_started, m_release;
};

// A session in the window's preparation, at the home view.
void atHomeView(session::Session& session) {
  session::AppState& state = session.model();
  state.layers = session::defaultBasemapLayers();
  state.viewportW = 800;
  state.viewportH = 600;
  state.view = session.maps().homeView(800, 600);
}

const session::LayerEntry* userLayer(const session::AppState& state) {
  for (const auto& l : state.layers)
    if (!l.isBasemap) return &l;
  return nullptr;
}

// The point symbols a frame draws of the user's layer (the file's one point a feature, none closer than the band's
// tolerance), and in how many draws.
std::pair<size_t, size_t> userPointsDrawn(session::Session& session) {
  const session::AppState& state = session.model();
  const auto frame = session::buildFrame(state, session.maps().projection(), state.viewportW, state.viewportH, 1.f);
  size_t points = 0, draws = 0;
  for (const auto& d : frame.layers)
    if (d.id.rfind("file:", 0) == 0 && d.group) {
      points += d.group->pointCount();
      ++draws;
    }
  return {points, draws};
}

TEST_F(FileLoadCancelTest, ACancelledLoadLeavesTheLayersViewAndHistoryAsTheyWereAndTheWorkerIdle) {
  const auto file = writePoints(m_dir / "big.gpkg", 3000);
  session::Session session(findGeodataDir());
  session::AppState& state = session.model();
  state.layers = session::defaultBasemapLayers();
  state.viewportW = 800;
  state.viewportH = 600;
  state.view = session.maps().homeView(800, 600);
  const Before before = take(state);

  openHeld(session, file);
  // No ASSERT until the reader is released: the worker would hold the session's destructor.
  EXPECT_EQ(state.fileLoads.size(), 1u) << "no progress row while loading";
  if (!state.fileLoads.empty()) {
    EXPECT_EQ(state.fileLoads.front().file, file.string());
    EXPECT_TRUE(session.apply(session::action::CancelFileLoad{state.fileLoads.front().id}).isDone());
  }
  EXPECT_TRUE(state.fileLoads.empty()) << "the row stays after Cancel";
  m_release.set_value();
  session.finish();

  expectSame(take(state), before);
  EXPECT_TRUE(state.fileLoads.empty());
  EXPECT_EQ(session.maps().pendingFiles(), 0);
  EXPECT_FALSE(session.maps().busy());
}

TEST_F(FileLoadCancelTest, TheSameLoadNotCancelledAddsItsLayer) {
  // The control for the test above: without the Cancel, the same steps change the layers.
  const auto file = writePoints(m_dir / "big.gpkg", 3000);
  session::Session session(findGeodataDir());
  session::AppState& state = session.model();
  state.layers = session::defaultBasemapLayers();
  const size_t layersBefore = state.layers.size();
  openHeld(session, file);
  m_release.set_value();
  session.finish();
  EXPECT_EQ(state.layers.size(), layersBefore + 1);
  EXPECT_TRUE(state.fileLoads.empty()) << "the row stays after the load";
  EXPECT_EQ(session.maps().pendingFiles(), 0);
}

TEST_F(FileLoadCancelTest, ABigFileIsShownInPartsAsItIsReadThenWholeAsALoadAllAtOnce) {
  const auto file = writePoints(m_dir / "big.gpkg", 3000);
  session::Session session(findGeodataDir());
  atHomeView(session);
  openHeldAtBatch(session, file, 500, 3);
  session.poll();
  const session::LayerEntry* partial = userLayer(session.model());
  const auto [pointsBefore, drawsBefore] = userPointsDrawn(session);
  const auto partsBefore = partial ? partial->partialScenes : std::vector<std::shared_ptr<const render::SceneGroup>>{};
  const size_t shown = partial ? partial->featuresShown : 0;
  const bool loading = partial && partial->loadingFileId != 0 && !partial->data && !partial->scene;
  m_release.set_value();
  session.finish();
  ASSERT_TRUE(partial) << "nothing of the file shown while it was read";
  EXPECT_TRUE(loading) << "the partial layer is not marked as loading";
  EXPECT_EQ(shown, 1500u);
  EXPECT_EQ(pointsBefore, 1500u) << "three batches of 500 points drawn before the end";
  EXPECT_EQ(drawsBefore, 3u);

  const session::LayerEntry* whole = userLayer(session.model());
  ASSERT_TRUE(whole && whole->data && whole->scene);
  EXPECT_EQ(whole->loadingFileId, 0);
  EXPECT_TRUE(whole->partialScenes.empty());
  EXPECT_EQ(userPointsDrawn(session), std::make_pair(size_t{3000}, size_t{1}));

  // The same file all at once (no batches): the same features, the same scene.
  session::Session once(findGeodataDir());
  atHomeView(once);
  ReadOptions all;
  all.batchFeatures = 0;
  ASSERT_TRUE(once.apply(session::action::OpenFiles{{file.string()}, all}).isDone());
  once.finish();
  const session::LayerEntry* reference = userLayer(once.model());
  ASSERT_TRUE(reference && reference->data && reference->scene);
  EXPECT_EQ(whole->data->features.size(), reference->data->features.size());
  EXPECT_EQ(whole->name, reference->name);
  EXPECT_EQ(whole->id, reference->id);
  EXPECT_EQ(whole->scene->pointCount(), reference->scene->pointCount());
  EXPECT_EQ(whole->scene->triangleCount(), reference->scene->triangleCount());
  const size_t band = render::detailBandFor(session.model().view.metresPerPixel);
  EXPECT_EQ(whole->bandScenes.at(band), whole->scene) << "the joined batches are not the view's band";
  EXPECT_FALSE(session.maps().busy()) << "the band prepared again after the join";
  // The parts drawn while it was read are the whole band's first parts, not copies (nor uploaded again).
  ASSERT_EQ(partsBefore.size(), 3u);
  ASSERT_GE(whole->scene->parts.size(), partsBefore.size());
  for (size_t i = 0; i < partsBefore.size(); ++i) EXPECT_EQ(whole->scene->parts[i], partsBefore[i]) << "part " << i;
}

TEST_F(FileLoadCancelTest, ACancelAfterPartsWereShownLeavesTheModelAsItWas) {
  const auto file = writePoints(m_dir / "big.gpkg", 3000);
  session::Session session(findGeodataDir());
  atHomeView(session);
  session::AppState& state = session.model();
  const Before before = take(state);

  openHeldAtBatch(session, file, 500, 2);
  session.poll();
  const size_t shownBefore = userPointsDrawn(session).first;
  EXPECT_EQ(state.layers.size(), before.layers.size() + 1) << "no partial layer shown";
  if (!state.fileLoads.empty()) {
    EXPECT_TRUE(session.apply(session::action::CancelFileLoad{state.fileLoads.front().id}).isDone());
  }
  const size_t layersAfterCancel = state.layers.size();
  m_release.set_value();
  session.finish();

  EXPECT_EQ(shownBefore, 1000u);
  EXPECT_EQ(layersAfterCancel, before.layers.size()) << "the partial layer stays after Cancel";
  expectSame(take(state), before);
  EXPECT_EQ(userPointsDrawn(session).first, 0u);
  EXPECT_TRUE(state.fileLoads.empty());
  EXPECT_EQ(session.maps().pendingFiles(), 0);
  EXPECT_FALSE(session.maps().busy());

  // The next file takes the colour and number the cancelled one had taken.
  session::Session fresh(findGeodataDir());
  atHomeView(fresh);
  ASSERT_TRUE(fresh.apply(session::action::OpenFiles{{file.string()}, {}}).isDone());
  fresh.finish();
  ASSERT_TRUE(session.apply(session::action::OpenFiles{{file.string()}, {}}).isDone());
  session.finish();
  ASSERT_TRUE(userLayer(state) && userLayer(fresh.model()));
  EXPECT_EQ(userLayer(state)->id, userLayer(fresh.model())->id);
  EXPECT_EQ(userLayer(state)->style.stroke.r, userLayer(fresh.model())->style.stroke.r);
}

}  // namespace

namespace {

// How many of the layer's bands are held, and whether the view's is among them.
size_t bandsHeld(const session::LayerEntry& layer) {
  return static_cast<size_t>(std::count_if(layer.bandScenes.begin(), layer.bandScenes.end(),
                                           [](const auto& b) { return b != nullptr; }));
}

}  // namespace

// A user's layer is kept as geometry only (nothing shows its attributes); the bands a zoom prepared stay while they
// take little memory, and past the budget the ones far from the view go (prepared again when a view needs them).
TEST_F(FileLoadCancelTest, AUserLayerIsHeldAsGeometryAndItsFarBandsGoPastTheMemoryBudget) {
  const auto file = writePoints(m_dir / "big.gpkg", 3000);
  session::Session session(findGeodataDir());
  atHomeView(session);
  session::AppState& state = session.model();
  ReadOptions all;
  all.batchFeatures = 0;
  ASSERT_TRUE(session.apply(session::action::OpenFiles{{file.string()}, all}).isDone());
  session.finish();
  const session::LayerEntry* layer = userLayer(state);
  ASSERT_TRUE(layer && layer->data && layer->scene);
  ASSERT_EQ(layer->data->features.size(), 3000u);
  EXPECT_TRUE(std::all_of(layer->data->features.begin(), layer->data->features.end(),
                          [](const Feature& f) { return f.properties.empty(); }))
      << "a user layer's attributes are held though nothing shows them";

  const auto& bands = render::basemapDetailBands();
  const size_t home = render::detailBandFor(state.view.metresPerPixel);
  ASSERT_GE(home, 2u);
  auto zoomTo = [&](size_t band) {
    state.view.metresPerPixel = bands[band].minMetresPerPixel * 1.5;
    session.poll();
    session.finish();
    layer = userLayer(state);
    ASSERT_TRUE(layer && layer->bandScenes.at(band)) << "band " << band;
    EXPECT_EQ(layer->scene, layer->bandScenes.at(band)) << "band " << band;
  };
  // A few thousand points take little: every band a zoom visited is kept.
  zoomTo(home - 1);
  zoomTo(home - 2);
  EXPECT_EQ(bandsHeld(*layer), 3u);
  // With no memory for other bands only the view's is held, and a band dropped is prepared again when needed.
  session.maps().setBandMemoryBudget(0);
  zoomTo(home - 1);
  EXPECT_EQ(bandsHeld(*layer), 1u);
  zoomTo(home);
  EXPECT_EQ(bandsHeld(*layer), 1u);
  EXPECT_FALSE(layer->bandScenes.at(home - 1));
}
