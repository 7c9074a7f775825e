#pragma once
// The command-line subcommands; main.cpp only parses flags and dispatches.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/data/vector_reader.hpp"
#include "briefmap/geo/coords.hpp"
#include "briefmap/session/headless_request.hpp"

namespace briefmap::session {
struct AppState;
class MapSession;
}  // namespace briefmap::session

namespace briefmap::cli {

/// Renders the map headless into a PNG, GeoTIFF, PDF or SVG, or writes the visible layers' data; with a
/// briefing, its slides into a folder. Returns the exit code; errors go to stderr.
int runExport(const session::HeadlessRequest& request);
/// `present --export-slides`: the same slide export, in the presentation look.
int runExportSlidesForPresent(const session::HeadlessRequest& request);
/// SIGINT, SIGTERM and SIGHUP end this command cleanly: blocked in every thread (call it before any thread
/// starts: the GL driver's and the workers' inherit the mask) and taken by one thread that removes this
/// process's temporaries in the folders registered by the writers, says so, and exits 128+signal.
void takeInterruptSignals(const char* command);
/// Users' files are read from here until endFileReads(): meanwhile the first of those signals cancels the read (the
/// reader stops at its next progress call; GDAL's open of a file cannot be interrupted) instead of ending the process.
void beginFileReads();
struct FileReadsEnd {
  int signal = 0;    ///< the signal that cancelled the reads; 0: none
  std::string file;  ///< the file being read then (empty when the reads had ended)
};
/// Ends the time begun by beginFileReads(), after the readers have finished; clears the progress line.
FileReadsEnd endFileReads();
/// ReadOptions::progress for the command line: one updating line on stderr when it is a terminal; false (cancel)
/// once a signal came between beginFileReads() and endFileReads(). Called on the files worker.
data::ReadProgressHook terminalReadProgress();
/// Registers a folder whose temporaries ("…tmp-<pid>…") an interrupt removes (and takes the signals if not yet).
void cleanUpOnInterrupt(const std::filesystem::path& folder);

/// Writes this process's peak resident memory (VmHWM, kB) to $BRIEFMAP_PEAK_MEMORY_FILE when set: `bench`
/// reads it, since a child's ru_maxrss also counts the parent it was spawned from.
void reportPeakMemory();

struct ExportLayersOptions {
  std::string workspace;  ///< a .gpkg or PG: workspace; empty = the bundled options
  std::string out;
  std::string format = "GeoJSON";
  std::vector<std::pair<std::string, double>> parameters;  ///< "option.parameter" -> value
  bool quiet = false;
};

/// Writes every option layer, derived geometry included, with provenance, as GeoJSON, GPKG or KML.
int runExportLayers(const ExportLayersOptions& options);

/// Opens a briefing without a window for a subcommand: false (and a message "briefmap <command>: …" on stderr)
/// when it cannot be used; warnings are printed and the rest of the briefing is kept.
bool openBriefingForCommand(session::AppState& state, session::MapSession& mapSession, const std::string& path, const char* command);

struct PresentOptions {
  std::string briefing;
  std::string exportSlides;  ///< a folder: render every slide headless instead of presenting (main.cpp turns it
                             ///< into the slide export's request)
  std::string notes;         ///< a PDF: write presenter notes (slide beside its notes) instead of presenting
  int startSlide = 0;        ///< 0-based
  int display = 0;           ///< 0-based
  int presenterDisplay = -1; ///< 0-based; -1 = the display the show is not on, when there are two; -2 = none
  bool quiet = false;
};

/// Presents a briefing full screen.
int runPresent(const PresentOptions& options);
/// Writes the briefing's presenter notes as a PDF to options.notes, headless: one page per slide.
int runPresentNotes(const PresentOptions& options);

struct BenchOptions {
  int frames = 120;
  bool skipExport = false;
  bool perFlight = false;  ///< slide transitions: one line per fly-to
  bool perFrame = false;   ///< files: one line per frame drawn while they are opened
  /// files: the session polled before each pan and zoom frame, as the window's loop does, so a view in another
  /// detail band has it prepared (on the worker; frames never wait) and its memory is counted
  bool pollAsWindow = false;
  /// User files to measure instead of the bundled map: open → first frame with them drawn, pan and zoom frames with
  /// them visible, whole-process exports at 1080p and 4K with their peak memory, and the bench's own peak memory.
  std::vector<std::string> files;
};

/// Prints start-up, loading, frame-time and export figures.
int runBench(const BenchOptions& options, const char* argv0);

struct ExtractOptions {
  std::string out;                  ///< candidates file: .geojson (or .gpkg, .kml)
  std::vector<std::string> documents;
  bool quiet = false;
  /// Also print every sentence the extractor weighed, with its relevance, option, cues and places (why a
  /// sentence gave candidates or not), as tab-separated lines on standard output.
  bool explain = false;
  /// Print every sentence the learned relevance weighs with its features (tools/train_relevance.py reads them).
  bool relevanceFeatures = false;
};

/// Finds candidate places in documents and writes them as point features with provenance. Nothing is
/// written when a document cannot be read. Returns the exit code; errors go to stderr naming the file.
int runExtract(const ExtractOptions& options);

struct WorkspaceOptions {
  std::string command;  ///< create, import, candidates, accept, reject, add, options, add-option, …
  std::string target;   ///< a .gpkg path or a PG: connection string
  std::vector<std::string> documents;  ///< import
  bool pendingOnly = false;            ///< candidates --pending
  std::string id;                      ///< accept, reject
  std::string option, layer;           ///< accept (optional), add
  std::string name, wkt, note;         ///< add (note: also a parameter's basis)
  std::string derive, parameter;       ///< add --derive; add-parameter, add --parameter
  std::string title, summary, colour;  ///< add-option, edit-option, add-layer (summary: the legend), save-preset
  std::vector<std::string> layers;     ///< add-option: "id" or "id=Title"
  std::string unit;                    ///< add-parameter
  double defaultValue = 0, minValue = 0, maxValue = 0, step = 1;  ///< add-parameter
  std::vector<std::string> show, sets;  ///< save-preset: options shown, "option.parameter=value"
  bool quiet = false;
};

/// The workspace subcommands. Candidates print as tab-separated lines under a header line.
int runWorkspace(const WorkspaceOptions& options);

}  // namespace briefmap::cli
