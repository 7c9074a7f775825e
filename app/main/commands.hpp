#pragma once
// The command-line subcommands; main.cpp only parses flags and dispatches.
#include <optional>
#include <string>
#include <vector>

#include "briefmap/data/vector_reader.hpp"
#include "briefmap/geo/coords.hpp"

namespace briefmap::ui {
struct AppState;
class MapSession;
}  // namespace briefmap::ui

namespace briefmap::cli {

struct ExportOptions {
  std::string out;
  int width = 1920, height = 1080;
  std::optional<geo::LonLatBox> bbox;
  std::string crs;
  float pixelRatio = 0;  ///< 0 = scale with the output height (1080 px = 1)
  std::vector<std::string> files;
  data::ReadOptions readOptions;     ///< how to read `files` (--src-crs, --x-field, --y-field)
  std::vector<std::string> options;  ///< option ids to draw
  std::string preset;                ///< a named comparison (see the Options panel)
  std::string format;                ///< png, geotiff, pdf, svg, geojson, gpkg, kml; empty = from the extension
  std::string title, subtitle, caveat;  ///< map furniture; empty = not drawn
  std::string timestamp;             ///< empty = "Exported <SOURCE_DATE_EPOCH or now> UTC"
  bool noLegend = false, noScaleBar = false, noNorthArrow = false, noSources = false, noTimestamp = false,
       noAttribution = false;
  int maxTile = 0;                   ///< 0 = $BRIEFMAP_MAX_TILE or 4096
  std::string briefing;              ///< batch: a briefing file; --out is then a folder
  bool allSlides = false;            ///< batch: every slide (else --slides)
  std::vector<int> slides;           ///< batch: 1-based slide numbers
  std::vector<std::string> formats;  ///< batch: png, pdf, geotiff, svg, geojson, gpkg, kml
  bool worldFile = false;            ///< PNG: also write <name>.pgw and <name>.prj
  bool quiet = false;
};

/// Renders the map headless into a PNG, GeoTIFF, PDF or SVG, or writes the visible layers' data. Returns the exit code; errors go to stderr.
int runExport(const ExportOptions& options);
/// Writes this process's peak resident memory (VmHWM, kB) to $BRIEFMAP_PEAK_MEMORY_FILE when set: `bench`
/// reads it, since a child's ru_maxrss also counts the parent it was spawned from.
void reportPeakMemory();

struct ExportLayersOptions {
  std::string out;
  std::string format = "GeoJSON";
  std::vector<std::pair<std::string, double>> parameters;  ///< "option.parameter" -> value
  bool quiet = false;
};

/// Writes every option layer, derived geometry included, with provenance, as GeoJSON, GPKG or KML.
int runExportLayers(const ExportLayersOptions& options);

/// Opens a briefing without a window for a subcommand: false (and a message "briefmap <command>: …" on stderr)
/// when it cannot be used; warnings are printed and the rest of the briefing is kept.
bool openBriefingForCommand(ui::AppState& state, ui::MapSession& session, const std::string& path, const char* command);

struct PresentOptions {
  std::string briefing;
  std::string exportSlides;  ///< a folder: render every slide headless instead of presenting
  int width = 3840, height = 2160;
  int startSlide = 0;        ///< 0-based
  int display = 0;           ///< 0-based
  bool quiet = false;
};

/// Presents a briefing full screen, or with exportSlides renders each slide as presentation mode shows it.
int runPresent(const PresentOptions& options);

struct BenchOptions {
  int frames = 120;
  bool skipExport = false;
  bool perFlight = false;  ///< slide transitions: one line per fly-to
};

/// Prints start-up, loading, frame-time and export figures.
int runBench(const BenchOptions& options, const char* argv0);

struct ExtractOptions {
  std::string out;                  ///< candidates file: .geojson (or .gpkg, .kml)
  std::vector<std::string> documents;
  bool quiet = false;
};

/// Finds candidate places in documents and writes them as point features with provenance. Nothing is
/// written when a document cannot be read. Returns the exit code; errors go to stderr naming the file.
int runExtract(const ExtractOptions& options);

}  // namespace briefmap::cli
