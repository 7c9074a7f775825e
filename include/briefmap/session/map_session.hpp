#pragma once
// Owns the data behind the window and the exports: the bundled basemap, the layers the user opened,
// and their prepared scenes. Work runs on three worker threads, results are handed to the model on the main
// thread in poll(): one loads and prepares the basemap (and reprojects it), one the options (catalogue, derived
// geometry, layer exports), one the users' files (reading, then each layer's detail bands as views need them).
#include <algorithm>
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
#include "briefmap/data/content_cache.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

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
  /// Shows this catalogue now (a workspace's, after every change): options keep the analyst's visibility,
  /// opacity and parameters; those whose layers or features changed are resolved again. Main thread.
  void useCatalog(AppState& state, std::shared_ptr<const options::OptionCatalog> catalog);
  const std::shared_ptr<const options::OptionCatalog>& catalog() const { return m_catalog; }
  /// Starts recomputing every option whose parameters changed since its geometry was last prepared
  /// (and all of them after a CRS change). Cheap to call every frame.
  /// `includeHidden` = false (exports, slides): only the visible options, the others when they are shown.
  void syncOptions(AppState& state, bool includeHidden = true);
  /// Every visible feature under a map-area pixel, the one a click should take first: the shown document's
  /// candidates, then the options' stated and inferred points, their lines, computed points and lines, stated
  /// areas, and last computed areas (range rings, bands); within each, what is drawn on top first. Empty when
  /// nothing is within a few pixels.
  std::vector<Selection> pickAll(const AppState& state, double xPx, double yPx) const;
  /// The first of pickAll(): the feature under a map-area pixel.
  std::optional<Selection> pick(const AppState& state, double xPx, double yPx) const;
  /// What a click at this pixel selects: the top of the stack there, or, when the previous pick was at the
  /// same place, the one after the current selection (repeated clicks cycle through what is stacked).
  std::optional<Selection> pickNext(const AppState& state, double xPx, double yPx) const;
  /// What the hover tooltip says about the feature under a pixel: its name and its option's title.
  struct FeatureSummary {
    std::string name, option;
  };
  std::optional<FeatureSummary> describeAt(const AppState& state, double xPx, double yPx) const;
  /// The hover tooltip of a window and what it was described for. The feature under a still cursor changes
  /// when the map moves under it (a slide flight) or options are shown, hidden or recomputed, not only when
  /// the cursor moves: a tooltip kept from before would name an option no longer drawn there.
  struct Hover {
    double xPx = -1, yPx = -1;
    std::optional<FeatureSummary> summary;
    render::View view;
    std::vector<double> optionsDrawn;  ///< each option's drawn opacity and its layers' visibility and geometry
  };
  /// Describes the feature under the cursor again when the cursor, the view or the options drawn have changed
  /// since the last call; returns the tooltip's text (none when nothing shown is there).
  const std::optional<FeatureSummary>& updateHover(Hover& hover, const AppState& state, double xPx, double yPx) const;
  /// Reads files in the background; each becomes one or more layers, or an error message. While one is read,
  /// AppState::fileLoads holds its progress (updated by poll()); `options.progress`, if set, is called too (on the
  /// files worker) and may cancel the read as cancelFileLoad() does.
  /// In the window's preparation (UserLayerPreparation::Window, options.batchFeatures > 0) a file is shown as it is
  /// read: each batch of features the reader hands over is prepared for the view's detail band beside the read and
  /// appended to its layer (LayerEntry::partialScenes, `loadingFileId` set); when the read ends the batches are
  /// merged into the band's scene, the layer then as a load all at once makes it. `options.batches`, if set, is
  /// called after each batch is prepared and in the model's queue (tests hold the reader there).
  void openFiles(const std::vector<std::string>& paths, const data::ReadOptions& options = {});
  /// Stops reading a file opened by openFiles() (FileLoadState::id): its row goes now, and the layers shown while it
  /// was read; none of its layers is added, even one already read, and no message is shown. The worker stops at the reader's next progress call (GDAL's
  /// open of the file cannot be interrupted). Main thread; false for an unknown id (already loaded).
  bool cancelFileLoad(AppState& state, int id);
  /// How users' layers are prepared for the view's detail band. Window: each band whole, so panning needs nothing
  /// new. ViewOnly (headless exports): only what the current view shows (features that meet it, cut to it with a
  /// margin), as loadBasemapFor() does for the basemap. Deferred: nothing yet (the view is not chosen). FramedOnFiles
  /// (an export whose view will be framed on its files, viewForUserLayers()): each file prepared as it is read, as the
  /// window's are, for the band of the view that will frame it (guessed from its first batch, see openFiles), so that
  /// the preparation overlaps the read; else as Deferred.
  enum class UserLayerPreparation { Window, ViewOnly, Deferred, FramedOnFiles };
  void setUserLayerPreparation(UserLayerPreparation mode) { m_userLayerPreparation = mode; }
  /// The cache of users' layers' prepared bands (keyed by the file's content, the CRS and the band); without one,
  /// or disabled, every band is prepared from the features. Hosts set it from data::CacheSettings::fromEnvironment()
  /// before openFiles(); tests give a temporary folder. Main thread.
  void setLayerCache(std::shared_ptr<const data::ContentCache> cache) { m_layerCache = std::move(cache); }
  /// Memory a user layer's bands may take besides the view's band (SceneGroup::meshBytes): past it the bands farthest
  /// from the view's are dropped (prepared again when a view needs them). Default 256 MiB; tests set less. Main thread.
  void setBandMemoryBudget(size_t bytes) { m_keptBandBytes = bytes; }
  /// Most vertices of a user layer prepared in one run of features (a band is prepared run by run on the machine's
  /// cores, joined as parts): bounds the memory the work takes on the way. Default 512 Ki; tests set less. Main thread.
  void setVerticesPerPreparationRun(size_t vertices) { m_verticesPerRun = std::max<size_t>(vertices, 1); }
  /// Bands of users' layers taken from the cache and stored into it since the start (for tests and the bench).
  size_t cachedBandsUsed() const { return m_cachedBandsUsed; }
  size_t cachedBandsStored() const { return m_cachedBandsStored; }
  /// Features of users' layers prepared for a scene so far, and those left out because they lay outside the view
  /// (tests and the bench).
  size_t preparedFeatureCount() const { return m_featuresPrepared; }
  size_t featuresLeftOutsideView() const { return m_featuresOutside; }
  /// Files asked for by openFiles() whose layers (or error) have not yet reached the model. Main thread.
  int pendingFiles() const { return m_pendingFiles; }
  /// Switches the map CRS: validated now (Failed, the CRS unchanged, for a bad one), reprojection in the background.
  ApplyResult setCrs(AppState& state, const std::string& idOrDefinition);
  /// Writes every option layer with the current parameters to a folder, in the background.
  ApplyResult exportOptionLayers(AppState& state, const std::string& folder, const std::string& format);
  /// Handles OpenFiles, SetCrs, GoHome and ExportOptionLayers (Session::apply calls it); NotMine for others.
  ApplyResult handle(AppState& state, const Action& action);
  /// Points labelled by their `name`, projected for the current CRS now (accepted candidates: a few points).
  std::shared_ptr<const render::SceneGroup> projectLabelledPoints(const data::Layer& layer) const;
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
  /// The home view, or, when the user's layers all lie outside it, the view of their data.
  render::View viewForUserLayers(const AppState& state, int widthPx, int heightPx) const;
  /// The view that shows a lon/lat box.
  render::View viewForBox(const geo::LonLatBox& box, int widthPx, int heightPx) const;
  geo::LonLat toLonLat(geo::MapXY p) const;
  /// The lon/lat box of a country of the loaded basemap, by its name ("Russia"), else the country that holds
  /// `inside` (gazetteers spell some names otherwise); none when not loaded or unknown. A country across the
  /// antimeridian gets longitudes past 180 (Russia: 19…190), not the whole world.
  std::optional<geo::LonLatBox> countryBox(const std::string& name, std::optional<geo::LonLat> inside = {}) const;

  /// buildFrame() with this session's projection.
  render::FrameSnapshot snapshot(const AppState& state, int widthPx, int heightPx, float pixelRatio) const;
  const geo::Projection& projection() const { return *m_projection; }
  /// Prepares in the model what the frame draws besides the layers' own scenes: the current slide's marks and
  /// the shown document's candidates, for the current CRS, when they or the CRS changed. Cheap when nothing
  /// did; poll() and Session::apply() call it.
  void refreshOverlays(AppState& state);

 private:
  using Completion = std::function<void(AppState&)>;
  /// The worker threads: each runs its jobs in order. Users' files have their own, so a big file neither waits
  /// for the basemap's finer bands nor holds them up (the window's first frame with the file drawn).
  enum class Lane { Map, Options, Files };
  /// The current slide's annotations (kept and drafts), projected on the main thread: a few lines only.
  void refreshAnnotations(AppState& state);
  /// The candidates of the document the Sources panel shows, and the one in focus (map_session_sources.cpp).
  void refreshCandidates(AppState& state);
  /// While a workspace tool is on: the draft being drawn and the selected feature's vertices (a few points).
  void refreshEdits(AppState& state);
  /// Drops a selection whose option or layer was hidden (or a candidate whose panel closed), and prepares
  /// the selected feature's highlight when the selection changed.
  void refreshSelection(AppState& state);
  /// Users' layers: the scene of the view's detail band, prepared on the map worker the first time a view needs it
  /// (until then the layer keeps drawing the band it has).
  void refreshUserLayers(AppState& state);
  /// Drops a user layer's bands far from the view's while they take much memory (kept otherwise: zooming back is
  /// instant); never the view's band nor the one drawn.
  void dropFarBands(LayerEntry& layer, size_t viewBand);
  /// The candidate of the shown document under a map point; a second click on the same place moves on to
  /// the next sentence that names it.
  std::optional<Selection> pickCandidate(const AppState& state, geo::MapXY at, double tolerance) const;
  void enqueue(std::function<void()> job, Lane lane = Lane::Map);
  void post(Completion completion);
  void workerLoop(Lane lane);
  void waitIdle(const Lane* lane);
  /// The lon/lat box a view of this size shows, with a margin; the whole world when the view reaches past the
  /// CRS's domain (its outline then says nothing of what it holds).
  geo::LonLatBox viewLonLatBox(const render::View& view, int widthPx, int heightPx) const;
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
  std::map<std::string, unsigned> m_preparedRevision;
  std::map<std::string, size_t> m_optionFingerprints;  ///< option id -> what its prepared geometry was made from  ///< option id -> revision last sent to the worker
  unsigned m_generation = 0;  ///< bumped on every CRS change, so results for an old CRS are dropped
  int m_nextLayerNumber = 1;
  UserLayerPreparation m_userLayerPreparation = UserLayerPreparation::Window;
  /// (layer id, band) asked of the worker for the current CRS, with the lon/lat box it is prepared within (none: whole).
  std::map<std::pair<std::string, size_t>, std::optional<geo::LonLatBox>> m_bandRequests;
  std::atomic<size_t> m_featuresPrepared{0}, m_featuresOutside{0};
  size_t m_keptBandBytes = size_t{256} << 20;  ///< see setBandMemoryBudget()
  std::atomic<size_t> m_verticesPerRun{512 * 1024};  ///< see setVerticesPerPreparationRun(); read by the workers
  std::shared_ptr<const data::ContentCache> m_layerCache;
  std::atomic<size_t> m_cachedBandsUsed{0}, m_cachedBandsStored{0};
  int m_pendingFiles = 0;  ///< see pendingFiles(); changed on the main thread only (in openFiles and poll)
  /// One file being read: written by the files worker (progress), cancelled from the main thread.
  struct FileLoad {
    int id = 0;
    std::string path;
    std::atomic<bool> cancelled{false};
    std::atomic<bool> stale{false};  ///< the CRS changed during the read: its batches' scenes are of no use
    std::mutex mutex;
    data::ReadProgress progress;  ///< guarded by mutex
    // Main thread only: the layers shown while it is read (layerKeyInFile -> LayerEntry id), and the first of
    // the layer numbers (colours) they took, given back when the load is cancelled.
    std::map<std::string, std::string> shownLayers;
    int firstLayerNumber = 0;
  };
  class FileBatches;
  /// The entry showing one layer of a file while it is read: made at its first batch; null once the user removed it.
  LayerEntry* shownLayer(AppState& state, FileLoad& load, const std::string& keyInFile, const std::string& layerId,
                         const std::string& name);
  /// Removes the layers shown while a file was read that its end did not make whole (cancel, error, layer skipped).
  void dropShownLayers(AppState& state, FileLoad& load);
  /// The detail band of the model's view (main thread writes, files worker reads: the band batches are prepared for).
  std::atomic<size_t> m_viewBand{0};
  /// The model's viewport when files were last opened (main thread): what FramedOnFiles frames.
  std::pair<int, int> m_framingViewport{0, 0};
  std::vector<std::shared_ptr<FileLoad>> m_fileLoads;  ///< main thread; in the order asked for
  int m_nextFileLoadId = 1;
  /// AppState::fileLoads from m_fileLoads (poll()).
  void showFileLoads(AppState& state);
  struct AnnotationCache {
    unsigned revision = ~0u, generation = ~0u;
  };
  AnnotationCache m_annotations;  ///< what the model's annotation draws were made for
  struct SourceSceneCache {
    std::shared_ptr<const SourceDocument> document;  ///< held, so a new document never takes an old address
    int candidate = -1;
    unsigned generation = ~0u;
  };
  SourceSceneCache m_sourceScenes;  ///< what the model's candidate draws were made for
  struct SelectionCache {
    std::optional<Selection> selection;
    unsigned generation = ~0u;
  };
  SelectionCache m_selectionScene;  ///< what the model's selection draws were made for

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_idle;
  struct LaneQueue {
    std::deque<std::function<void()>> jobs;
    int running = 0;
  };
  LaneQueue m_lanes[3];
  std::vector<Completion> m_completions;
  bool m_stop = false;
  /// The thread building the basemap's finer bands at low priority (0: none): raised back when the session ends, so
  /// the end does not wait on a starved thread (a privilege is needed; without it the wait is one band).
  std::atomic<long> m_backgroundThread{0};
  std::thread m_mapWorker, m_optionsWorker, m_filesWorker;
};

}  // namespace briefmap::session
