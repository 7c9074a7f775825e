#pragma once
// Owns the data behind the window and the exports: the bundled basemap, the layers the user opened,
// and their prepared scenes. Work runs on two worker threads, results are handed to the model on the main
// thread in poll(): one loads and prepares the map (basemap, files, reprojection), the other the options
// (catalogue, derived geometry, layer exports), so the options are computed while the basemap loads.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <thread>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/ui/app_state.hpp"

namespace briefmap::ui {

class MapSession {
 public:
  /// Starts the worker; nothing is loaded until loadBasemap() or openFiles().
  explicit MapSession(std::filesystem::path geodataDir);
  ~MapSession();
  MapSession(const MapSession&) = delete;
  MapSession& operator=(const MapSession&) = delete;

  /// Loads the bundled basemap in the background; coarse levels arrive first.
  void loadBasemap();
  /// Loads and prepares only what one view draws: the detail band of its scale and the features that
  /// meet it (headless export and render tests know their view before anything is loaded).
  void loadBasemapFor(const render::View& view, int widthPx, int heightPx);
  /// Loads the option catalogue (geodata/options) in the background; the options appear switched off.
  void loadOptions();
  /// Starts recomputing every option whose parameters changed since its geometry was last prepared
  /// (and all of them after a CRS change). Cheap to call every frame.
  /// `includeHidden` = false (exports, slides): only the visible options, the others when they are shown.
  void syncOptions(AppState& state, bool includeHidden = true);
  /// The option feature under a map-area pixel, topmost first; none when nothing is within a few pixels.
  std::optional<Selection> pick(const AppState& state, double xPx, double yPx) const;
  /// Reads files in the background; each becomes one or more layers, or an error message.
  void openFiles(const std::vector<std::string>& paths, const data::ReadOptions& options = {});
  /// Switches the map CRS: validated now (bad input gives a message), reprojection in the background.
  void setCrs(AppState& state, const std::string& idOrDefinition);
  /// Writes every option layer with the current parameters to a folder, in the background.
  void exportOptionLayers(AppState& state, const std::string& folder, const std::string& format);
  /// Handles the actions that applyAction() leaves to the session (OpenFiles, SetCrs, GoHome).
  void handle(AppState& state, const Action& action);
  /// Runs `job` on the worker; the function it returns (if any) is applied to the model on the main thread
  /// by poll(). An exception from the job becomes an error message.
  void background(std::function<std::function<void(AppState&)>()> job);
  const std::filesystem::path& geodataDir() const { return m_geodataDir; }

  /// Moves finished background work into the model. Returns true when anything changed.
  bool poll(AppState& state);
  /// Blocks until all queued background work is done, then polls (command line, tests, bench).
  void finish(AppState& state);
  /// Blocks until the options' work (catalogue, derived geometry) is done, then polls; the basemap may
  /// still be loading (the command line applies a preset as soon as the catalogue is there).
  void finishOptions(AppState& state);
  bool busy() const;

  /// The view framing Ukraine and its neighbours for a viewport of this size.
  render::View homeView(int widthPx, int heightPx) const;
  /// The view that shows a lon/lat box.
  render::View viewForBox(const geo::LonLatBox& box, int widthPx, int heightPx) const;
  /// True ground metres per physical pixel at the view centre (for the scale bar and status bar).
  double groundMetresPerPixel(const render::View& view) const;
  geo::LonLat toLonLat(geo::MapXY p) const;
  /// Where true north points at the view centre: degrees clockwise from image up (0 in a north-up CRS
  /// on its central meridian; the Lambert conic of Ukraine turns it away from 31°E).
  double northAngleDeg(const render::View& view) const;
  /// The documents behind the features of the visible option layers, as footnote lines
  /// ("<file> — <what it is>"), sorted by file name so exports are reproducible.
  std::vector<std::string> visibleSources(const AppState& state) const;

  /// The frame to draw for the model at this size.
  render::FrameSnapshot snapshot(const AppState& state, int widthPx, int heightPx, float pixelRatio) const;
  std::shared_ptr<const render::BasemapScene> basemapScene() const { return m_basemapScene; }
  const geo::Projection& projection() const { return *m_projection; }

 private:
  using Completion = std::function<void(AppState&)>;
  /// The two worker threads: each runs its jobs in order.
  enum class Lane { Map, Options };
  void appendOptionLayers(const AppState& state, render::FrameSnapshot& frame) const;
  /// The current slide's annotations (kept and drafts), projected on the main thread: a few lines only.
  void appendAnnotations(const AppState& state, render::FrameSnapshot& frame) const;
  /// The candidates of the document the Sources panel shows, and the one in focus (map_session_sources.cpp).
  void appendSourceLayers(const AppState& state, render::FrameSnapshot& frame) const;
  /// The candidate of the shown document under a map point; a second click on the same place moves on to
  /// the next sentence that names it.
  std::optional<Selection> pickCandidate(const AppState& state, geo::MapXY at, double tolerance) const;
  void enqueue(std::function<void()> job, Lane lane = Lane::Map);
  void post(Completion completion);
  void workerLoop(Lane lane);
  void waitIdle(const Lane* lane);
  /// The map projection for one worker job (PROJ objects are used by one thread at a time).
  std::shared_ptr<const geo::Projection> workerProjection() const;
  /// Every country whole (options lane only).
  const data::Layer& optionCountries();

  std::filesystem::path m_geodataDir;
  std::shared_ptr<const geo::Projection> m_projection;
  std::shared_ptr<const data::Basemap> m_basemap;
  std::shared_ptr<const options::OptionCatalog> m_catalog;
  /// Every country whole at its finest level, for option maths; read once by the options lane, used only there.
  std::shared_ptr<const data::Layer> m_optionCountries;
  std::map<std::string, unsigned> m_preparedRevision;  ///< option id -> revision last sent to the worker
  std::shared_ptr<const render::BasemapScene> m_basemapScene;
  unsigned m_generation = 0;  ///< bumped on every CRS change, so results for an old CRS are dropped
  int m_nextLayerNumber = 1;
  struct AnnotationCache {
    unsigned revision = ~0u, generation = ~0u;
    std::vector<render::LayerDraw> draws;
  };
  mutable AnnotationCache m_annotations;  ///< rebuilt when the annotations or the CRS change
  struct SourceSceneCache {
    std::shared_ptr<const SourceDocument> document;  ///< held, so a new document never takes an old address
    int candidate = -1;
    unsigned generation = ~0u;
    std::vector<render::LayerDraw> draws;
  };
  mutable SourceSceneCache m_sourceScenes;  ///< rebuilt when the document, the focus or the CRS change

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_idle;
  struct LaneQueue {
    std::deque<std::function<void()>> jobs;
    int running = 0;
  };
  LaneQueue m_lanes[2];
  std::vector<Completion> m_completions;
  bool m_stop = false;
  std::thread m_mapWorker, m_optionsWorker;
};

}  // namespace briefmap::ui
