#pragma once
// Snapshot export, shared by `briefmap export` and File → Export snapshot: the frame to export (same layers,
// extent and furniture choices as the window), rendering in tiles beyond a framebuffer's size, and writing
// PNG, GeoTIFF, PDF, SVG, or the visible layers' data (GeoJSON, GPKG, KML) atomically.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/render/frame.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/session/app_state.hpp"
#include "briefmap/session/map_session.hpp"

namespace briefmap::session {

enum class SnapshotFormat { Png, GeoTiff, Pdf, Svg, GeoJson, Gpkg, Kml };

/// From a file name's extension (".png", ".tif", ".tiff", ".pdf", ".svg", ".geojson", ".json", ".gpkg", ".kml")
/// or a format name ("png", "geotiff", "pdf", …; any case). Nullopt when unknown.
std::optional<SnapshotFormat> snapshotFormatFromExtension(const std::filesystem::path& file);
std::optional<SnapshotFormat> snapshotFormatFromName(const std::string& name);
const char* snapshotExtension(SnapshotFormat format);  ///< ".png", ".tif", ".pdf", …
bool isRasterFormat(SnapshotFormat format);             ///< drawn with OpenGL (PNG, GeoTIFF)

/// Which furniture to draw; texts empty = not drawn.
struct FurnitureChoice {
  std::string title, subtitle, caveat;
  bool legend = true, scaleBar = true, northArrow = true, sources = true, timestamp = true, attribution = true;
  std::string timestampText;  ///< empty: exportTimestamp()
};

/// "Exported 2026-11-22 14:05 UTC" for the time in $SOURCE_DATE_EPOCH when set (reproducible builds'
/// convention, so repeated exports are identical), else now.
std::string exportTimestamp();
/// The same instant as ISO 8601 ("2026-11-22T14:05:00Z") for file metadata.
std::string exportIsoDate();

struct SnapshotRequest {
  std::filesystem::path out;
  SnapshotFormat format = SnapshotFormat::Png;
  int width = 1920, height = 1080;  ///< output pixels (PDF/SVG: the page in pixels at the pixel ratio)
  float pixelRatio = 0;             ///< 0: output height / 1080, between 1 and 8
  std::optional<render::View> view; ///< none: the model's view, scaled so its extent fills the output
  FurnitureChoice furniture;
  bool worldFile = false;           ///< PNG: also <name>.pgw and <name>.prj
  int maxTile = 0;                  ///< largest tile side; 0: $BRIEFMAP_MAX_TILE, else 4096 (within the driver's limit)
  /// As presentation mode draws the current slide (theme, slide title and caption, no scale bar); the
  /// furniture choice is not used then.
  bool presentation = false;
};


/// Limits on the output size: each side 16..30000 pixels and at most 150 megapixels (600 MB of pixels).
/// Throws std::invalid_argument with a message saying which limit was broken.
void validateSnapshotSize(int width, int height);

/// The frame to export from the model: the snapshot at the output size with the requested furniture.
render::FrameSnapshot exportFrame(const MapSession& session, const AppState& state, const SnapshotRequest& request);

/// The largest tile side to render with: the request's, $BRIEFMAP_MAX_TILE, or 4096, never above the
/// driver's framebuffer limit. Needs a current GL context.
int maxTileSize(int requested);
/// The request is rendered in one piece, not in tiles (its size within maxTileSize). Needs a current GL context.
bool isOneTile(const SnapshotRequest& request);

/// 0..1 as the export proceeds; called on the calling thread.
using ProgressFn = std::function<void(double)>;

/// Renders the whole frame, in tiles of at most maxTile pixels a side when larger, as RGBA8 with row 0 at
/// the top. Labels and furniture are placed once for the whole image, so tiles join without seams.
std::vector<std::uint8_t> renderImage(render::Renderer& renderer, const render::FrameSnapshot& frame, int maxTile,
                                      const ProgressFn& progress = {});

/// Writes request.out in request.format; the renderer (with its GL context current) is needed for PNG and
/// GeoTIFF only. The file appears complete or not at all: an existing file stays untouched on any failure.
/// Throws data::WriteError / std::invalid_argument / std::runtime_error with a message naming the file.
void writeSnapshot(render::Renderer* renderer, const MapSession& session, const AppState& state,
                   const SnapshotRequest& request, const ProgressFn& progress = {});

/// An export started from the window. Raster tiles are rendered one per step() on the UI thread (the GL
/// context lives there), so the window stays responsive and shows progress; encoding and writing then
/// continue on a worker thread. PDF, SVG and layer data go to the worker at once. Errors are kept, not thrown.
class SnapshotJob {
 public:
  /// On the UI thread with the GL context current. Takes what it needs from the model now (later changes
  /// in the window do not affect the export).
  /// `onFinished` (optional) is called once the job has finished, on whichever thread finished it (the
  /// worker's): the window uses it to end its wait for events, so the end shows without a mouse move.
  SnapshotJob(render::Renderer& renderer, const MapSession& session, const AppState& state, SnapshotRequest request,
              std::function<void()> onFinished = {});
  ~SnapshotJob();  ///< waits for the worker; call on the UI thread (frees the tile framebuffer)
  SnapshotJob(const SnapshotJob&) = delete;
  SnapshotJob& operator=(const SnapshotJob&) = delete;

  void step();                ///< UI thread, once a frame: the next tile, or nothing
  double progress() const;    ///< 0..1
  bool finished() const;
  std::string error() const;  ///< empty when the file was written (or not finished yet)
  const SnapshotRequest& request() const { return m_request; }

 private:
  struct Tiles;
  void startWorker(std::function<void()> work);
  void fail(const std::string& message);

  render::Renderer& m_renderer;
  SnapshotRequest m_request;
  std::unique_ptr<Tiles> m_tiles;
  std::atomic<double> m_progress{0};
  std::atomic<bool> m_finished{false};
  mutable std::mutex m_mutex;
  std::string m_error;
  std::function<void()> m_onFinished;
  std::thread m_worker;
};

}  // namespace briefmap::session
