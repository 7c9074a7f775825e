// A cancelled load in the session leaves the model as it was: layers, view, undo history, messages; the worker idle.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <future>

#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_writer.hpp"
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
  std::promise<void> m_started, m_release;
};

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

}  // namespace
