// briefmap: the window by default; `export` and `bench` subcommands for the command line.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "briefmap/ui/application.hpp"
#include "briefmap/session/snapshot_export.hpp"
#include "commands.hpp"

namespace {

// "3840x2160" -> width, height.
bool parseSize(const std::string& text, int& width, int& height) {
  std::smatch m;
  static const std::regex kSize(R"(^\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*$)");
  if (!std::regex_match(text, m, kSize)) return false;
  width = std::stoi(m[1]);
  height = std::stoi(m[2]);
  return width > 0 && height > 0;
}

// "lon0,lat0,lon1,lat1" -> box.
bool parseBbox(const std::string& text, briefmap::geo::LonLatBox& box) {
  double v[4];
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lf,%lf,%lf,%lf%c", &v[0], &v[1], &v[2], &v[3], &tail) != 4) return false;
  if (v[0] >= v[2] || v[1] >= v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[2] > 180) return false;
  box.add(v[0], v[1]);
  box.add(v[2], v[3]);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"briefmap — security-guarantee options for Ukraine on a map"};
  app.set_version_flag("--version", "briefmap 0.1.0");

  briefmap::ui::ApplicationOptions gui;
  app.add_option("files", gui.files, "Vector files to open (GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf, …)");
  // How to read the files named on this command line (the same three flags on `export`).
  auto addReadFlags = [](CLI::App& command, briefmap::data::ReadOptions& read) {
    command.add_option("--src-crs", read.srcCrs, "CRS of the files' coordinates, e.g. EPSG:32636 (overrides what a file says)");
    command.add_option("--x-field", read.xField, "CSV: the column of x/longitude (default: found by name)");
    command.add_option("--y-field", read.yField, "CSV: the column of y/latitude (default: found by name)");
  };
  addReadFlags(app, gui.readOptions);
  app.add_option("--crs", gui.crs, "Map CRS: lcc-ukraine (default), EPSG:3035, EPSG:3857 or a PROJ definition");
  app.add_flag("--fullscreen", gui.fullscreen, "Start full screen");
  app.add_option("--ui-scale", gui.uiScale, "Scale of panels and text (default: from the display DPI)")
      ->check(CLI::Range(0.5, 4.0));
  app.add_option("--quit-after-frames", gui.quitAfterFrames, "Quit after N frames (smoke tests)")->group("");
  app.add_option("--screenshot", gui.screenshot, "With --quit-after-frames: save the window as PNG")->group("");
  app.add_option("--find", gui.find, "Open place search with this text once loaded (smoke tests)")->group("");
  app.add_option("--dump-layout", gui.layoutDump, "With --quit-after-frames: write the window's layout as JSON")->group("");
  app.add_option("--dump-view", gui.viewDump, "With --quit-after-frames: write the map's view and the slide's extent as JSON")
      ->group("");
  std::string windowSize;
  app.add_option("--window-size", windowSize,
                 "Open the window at exactly WIDTHxHEIGHT (default: 1600x960 fitted to the display, or the last size)");
  app.add_option("--preset", gui.preset, "Start on a named comparison (guarantee_stack, buffer_20_vs_50, …)");
  app.add_option("--briefing", gui.briefing, "A briefing (.json) to open");
  // The presenter view's display, for F5 here and for `present`: 1 = first; 0 = none at the start (P opens it
  // as a window); by default the first display the show is not on, when there are two.
  int presenterDisplay = -1;
  const char* presenterDisplayHelp =
      "Presenter view full screen on this display when the show starts (1 = first; 0 = not at the start, P opens it as a "
      "window; default: the other display when there are two)";
  app.add_option("--presenter-display", presenterDisplay, presenterDisplayHelp)->check(CLI::Range(0, 16));
  app.add_option("--presenter-screenshot", gui.presenterScreenshot,
                 "With --quit-after-frames: save the presenter window as PNG")->group("");
  app.add_option("--key", gui.keys, "Press a key once loaded (smoke tests: PageDown, PageUp, B, Escape, F5…)")->group("");
  app.add_option("--sources", gui.sources, "A folder of documents to read in the Sources panel");
  app.add_option("--workspace,-w", gui.workspace, "A workspace to open: a .gpkg file or a PG: connection string");
  std::vector<std::string> clickTexts;
  app.add_option("--click", clickTexts, "Click the map at X,Y once loaded (smoke tests)")->group("");
  app.add_option("--export-dialog", gui.exportDialog, "Open File > Export snapshot at start: window or framed (smoke tests)")
      ->check(CLI::IsMember({"window", "framed"}))
      ->group("");
  app.add_option("--export-to", gui.exportTo, "With --export-dialog: press Export once loaded, writing this file (smoke tests)")
      ->group("");
  std::vector<std::string> dragTexts;
  app.add_option("--drag", dragTexts, "Drag with the left button from X0,Y0 to X1,Y1 once loaded (smoke tests)")->group("");

  // The export request is built here, once, and goes unchanged to the writer.
  briefmap::session::HeadlessRequest exportRequest;
  auto& output = exportRequest.output;
  auto& furniture = output.furniture;
  std::string size = "1920x1080", bbox, formatName;
  std::vector<std::string> formatNames;
  bool allSlides = false;
  auto* exportCommand = app.add_subcommand("export", "Render the map to a PNG without a window");
  exportCommand->add_option("--out,-o", output.out,
                            "Output file: .png, .tif (GeoTIFF), .pdf, .svg, or .geojson/.gpkg/.kml (visible layers' data)")
      ->required();
  exportCommand->add_option("--format,-f", formatName,
                            "png, geotiff, pdf, svg, geojson, gpkg or kml (default: from the extension of --out)");
  exportCommand->add_flag("--world-file", output.worldFile, "With .png: also write a world file (.pgw) and .prj");
  exportCommand->add_option("--size", size, "Width x height in pixels, e.g. 3840x2160");
  exportCommand->add_option("--bbox", bbox, "Area to show: lon0,lat0,lon1,lat1 (degrees)");
  exportCommand->add_option("--crs", exportRequest.crs, "Map CRS (as for the window)");
  exportCommand->add_option("--pixel-ratio", output.pixelRatio,
                            "Scale of lines, symbols and text (default: output height / 1080)")
      ->check(CLI::Range(0.25, 16.0));
  exportCommand->add_option("--title", furniture.title, "Title, top left");
  exportCommand->add_option("--subtitle", furniture.subtitle, "Subtitle under the title (a one-line caption)");
  exportCommand->add_option("--caveat", furniture.caveat, "Caveat/classification banner text, top and bottom");
  exportCommand->add_option("--timestamp", furniture.timestampText,
                            "Text of the time line (default: 'Exported <SOURCE_DATE_EPOCH or now> UTC')");
  exportCommand->add_flag("--no-legend{false}", furniture.legend, "Leave out the legend");
  exportCommand->add_flag("--no-scale-bar{false}", furniture.scaleBar, "Leave out the scale bar");
  exportCommand->add_flag("--no-north-arrow{false}", furniture.northArrow, "Leave out the north arrow");
  exportCommand->add_flag("--no-sources{false}", furniture.sources, "Leave out the source footnotes");
  exportCommand->add_flag("--no-timestamp{false}", furniture.timestamp, "Leave out the export time");
  exportCommand->add_flag("--no-attribution{false}", furniture.attribution, "Leave out the data credits");
  exportCommand->add_option("--max-tile", output.maxTile, "Largest tile side in pixels (tests)")
      ->check(CLI::Range(64, 16384))
      ->group("");
  exportCommand->add_option("--briefing", exportRequest.briefing,
                            "Batch: export slides of this briefing into the folder --out (slide-01.png, …)");
  exportCommand->add_flag("--all-slides", allSlides, "Batch: every slide of the briefing");
  exportCommand->add_option("--slides", exportRequest.slides, "Batch: slide numbers, e.g. 1,3")->delimiter(',');
  exportCommand->add_option("--formats", formatNames, "Batch: png,pdf,geotiff,svg,geojson,gpkg,kml")->delimiter(',');
  exportCommand->add_option("files", exportRequest.files, "Vector files to draw over the basemap");
  addReadFlags(*exportCommand, exportRequest.readOptions);
  exportCommand->add_flag("--quiet,-q", exportRequest.quiet, "Print nothing on success");

  exportCommand->add_option("--options", exportRequest.options, "Options to draw (ids, comma-separated)")->delimiter(',');
  exportCommand->add_option("--workspace,-w", exportRequest.workspace, "Draw the options of this workspace (.gpkg or PG:…)");
  exportCommand->add_option("--preset", exportRequest.preset, "A named comparison: guarantee_stack, buffer_20_vs_50, …");

  briefmap::cli::ExportLayersOptions layersOptions;
  std::vector<std::string> parameterTexts;
  auto* layersCommand = app.add_subcommand("export-layers", "Write every option layer with provenance (GeoJSON, GPKG, KML)");
  layersCommand->add_option("--out,-o", layersOptions.out, "Output folder")->required();
  layersCommand->add_option("--workspace,-w", layersOptions.workspace, "A workspace (.gpkg or PG:…) instead of the bundled options");
  layersCommand->add_option("--format,-f", layersOptions.format, "GeoJSON (one file per layer), GPKG or KML")
      ->check(CLI::IsMember({"GeoJSON", "GPKG", "KML", "geojson", "gpkg", "kml"}));
  layersCommand->add_option("--param", parameterTexts, "Parameter value, e.g. buffer_zone.width_km=30");
  layersCommand->add_flag("--quiet,-q", layersOptions.quiet, "Print nothing on success");

  briefmap::cli::PresentOptions presentOptions;
  std::string slideSize;
  int firstSlide = 1, display = 1;
  auto* presentCommand = app.add_subcommand("present", "Present a briefing full screen, or render its slides to PNG");
  presentCommand->add_option("--briefing,-b", presentOptions.briefing, "The briefing (.json)")->required();
  presentCommand->add_option("--export-slides", presentOptions.exportSlides,
                             "Render every slide as presentation mode shows it into this folder (slide-01.png, …), headless");
  presentCommand->add_option("--notes", presentOptions.notes,
                             "Write presenter notes to this PDF for rehearsal (each slide beside its notes), headless");
  presentCommand->add_option("--size", slideSize, "With --export-slides: WIDTHxHEIGHT (default 3840x2160)");
  presentCommand->add_option("--slide", firstSlide, "Start on this slide (1 = first)")->check(CLI::PositiveNumber);
  presentCommand->add_option("--display", display, "Go full screen on this display (1 = first)")->check(CLI::PositiveNumber);
  int presentPresenterDisplay = -1;
  presentCommand->add_option("--presenter-display", presentPresenterDisplay, presenterDisplayHelp)->check(CLI::Range(0, 16));
  presentCommand->add_flag("--quiet,-q", presentOptions.quiet, "Print nothing on success");
  briefmap::cli::ExtractOptions extractOptions;
  auto* extractCommand = app.add_subcommand("extract", "Find places, quantities and options in documents (candidates)");
  extractCommand->add_option("--out,-o", extractOptions.out, "Candidates file (.geojson, .gpkg or .kml)")->required();
  extractCommand->add_option("documents", extractOptions.documents, "Text documents (UTF-8; other encodings are recoded)")
      ->required();
  extractCommand->add_flag("--quiet,-q", extractOptions.quiet, "Print nothing on success");
  extractCommand->add_flag("--explain", extractOptions.explain,
                           "Print every sentence weighed: document, byte offset, relevance, option, cues, places, text");
  extractCommand->add_flag("--relevance-features", extractOptions.relevanceFeatures,
                           "For tools/train_relevance.py: print every sentence the learned relevance and option weigh, "
                           "with their features: document, byte offset, places, features");

  briefmap::cli::WorkspaceOptions workspaceOptions;
  auto* workspaceCommand = app.add_subcommand("workspace", "The analyst's workspace (a .gpkg file or a PG: database)");
  workspaceCommand->require_subcommand(1);
  auto addTarget = [&](CLI::App* sub) {
    sub->add_option("workspace", workspaceOptions.target, "A .gpkg path or a PG: connection string")->required();
    sub->add_flag("--quiet,-q", workspaceOptions.quiet, "Print nothing on success");
    return sub;
  };
  addTarget(workspaceCommand->add_subcommand("create", "Create a workspace holding the bundled options"));
  addTarget(workspaceCommand->add_subcommand("import", "Read documents; prints the new candidates"))
      ->add_option("documents", workspaceOptions.documents, "Text documents")->required();
  addTarget(workspaceCommand->add_subcommand("candidates", "List candidates (tab-separated)"))
      ->add_flag("--pending", workspaceOptions.pendingOnly, "Only those not yet accepted or rejected");
  auto* acceptCommand = addTarget(workspaceCommand->add_subcommand("accept", "Accept a candidate as a feature"));
  acceptCommand->add_option("id", workspaceOptions.id, "Candidate id")->required();
  acceptCommand->add_option("--option", workspaceOptions.option, "Option (default: the candidate's)");
  acceptCommand->add_option("--layer", workspaceOptions.layer, "Layer (default: accepted)");
  addTarget(workspaceCommand->add_subcommand("reject", "Reject a candidate"))
      ->add_option("id", workspaceOptions.id, "Candidate id")->required();
  auto* addCommand = addTarget(workspaceCommand->add_subcommand("add", "Add a feature the analyst draws"));
  addCommand->add_option("--option", workspaceOptions.option, "Option id")->required();
  addCommand->add_option("--layer", workspaceOptions.layer, "Layer id (a new one is created)")->required();
  addCommand->add_option("--name", workspaceOptions.name, "Name")->required();
  addCommand->add_option("--wkt", workspaceOptions.wkt, "Geometry as WKT in longitude, latitude (WGS84)")->required();
  addCommand->add_option("--note", workspaceOptions.note, "The analyst's note");
  addCommand->add_option("--derive", workspaceOptions.derive, "Draw it derived: buffer (of a line), range_ring (of a point), route")
      ->check(CLI::IsMember({"buffer", "range_ring", "route"}));
  addCommand->add_option("--parameter", workspaceOptions.parameter, "The option's parameter that sizes the buffer or ring");

  // The analyst's own catalogue: options, layers, parameters, presets.
  addTarget(workspaceCommand->add_subcommand("options", "List the options, their layers and parameters, and the presets"));
  auto addOptionFields = [&](CLI::App* sub) {
    sub->add_option("--title", workspaceOptions.title, "Title shown in the Options panel and the legend");
    sub->add_option("--summary", workspaceOptions.summary, "One paragraph on what the option is");
    sub->add_option("--colour,--color", workspaceOptions.colour, "Colour as #RRGGBB");
    return sub;
  };
  auto* addOptionCommand = addOptionFields(addTarget(workspaceCommand->add_subcommand("add-option", "Add an option of the analyst's")));
  addOptionCommand->get_option("--title")->required();
  addOptionCommand->add_option("--id", workspaceOptions.id, "Option id (default: made from the title)");
  addOptionCommand->add_option("--layer", workspaceOptions.layers, "A layer: ID or ID=Title (repeatable)");
  auto* editOptionCommand = addOptionFields(addTarget(workspaceCommand->add_subcommand("edit-option", "Change an option's title, summary or colour")));
  editOptionCommand->add_option("id", workspaceOptions.id, "Option id")->required();
  addTarget(workspaceCommand->add_subcommand("delete-option", "Delete an option with its features and facts"))
      ->add_option("id", workspaceOptions.id, "Option id")->required();
  auto* addLayerCommand = addTarget(workspaceCommand->add_subcommand("add-layer", "Add a layer to an option"));
  addLayerCommand->add_option("--option", workspaceOptions.option, "Option id")->required();
  addLayerCommand->add_option("--layer", workspaceOptions.layer, "Layer id")->required();
  addLayerCommand->add_option("--title", workspaceOptions.title, "Title (default: the id)");
  addLayerCommand->add_option("--legend", workspaceOptions.summary, "What the symbol means");
  auto* addParameterCommand = addTarget(workspaceCommand->add_subcommand("add-parameter", "Add a parameter (a width, a radius) to an option"));
  addParameterCommand->add_option("--option", workspaceOptions.option, "Option id")->required();
  addParameterCommand->add_option("--parameter", workspaceOptions.parameter, "Parameter id, e.g. radius_km")->required();
  addParameterCommand->add_option("--default", workspaceOptions.defaultValue, "Default value")->required();
  addParameterCommand->add_option("--min", workspaceOptions.minValue, "Smallest value")->required();
  addParameterCommand->add_option("--max", workspaceOptions.maxValue, "Largest value")->required();
  addParameterCommand->add_option("--step", workspaceOptions.step, "Slider step (default 1)");
  addParameterCommand->add_option("--label", workspaceOptions.title, "Label (default: the id)");
  addParameterCommand->add_option("--unit", workspaceOptions.unit, "Unit, e.g. km");
  addParameterCommand->add_option("--basis", workspaceOptions.note, "Why the default is what it is");
  auto* savePresetCommand = addTarget(workspaceCommand->add_subcommand("save-preset", "Save a preset: the options shown and parameter values"));
  savePresetCommand->add_option("--title", workspaceOptions.title, "Title")->required();
  savePresetCommand->add_option("--id", workspaceOptions.id, "Preset id (default: from the title; the same title replaces it)");
  savePresetCommand->add_option("--show", workspaceOptions.show, "An option shown (repeatable)");
  savePresetCommand->add_option("--set", workspaceOptions.sets, "option.parameter=value (repeatable)");
  addTarget(workspaceCommand->add_subcommand("delete-preset", "Delete a preset"))
      ->add_option("id", workspaceOptions.id, "Preset id")->required();
  briefmap::cli::BenchOptions benchOptions;
  auto* benchCommand = app.add_subcommand("bench", "Measure start-up, frame times and export speed");
  benchCommand->add_option("--frames", benchOptions.frames, "Frames per pan/zoom run")->check(CLI::Range(8, 100000));
  benchCommand->add_flag("--skip-export", benchOptions.skipExport, "Do not time the export subprocess");
  benchCommand->add_flag("--per-flight", benchOptions.perFlight, "Print the frame times of each slide transition");
  benchCommand->add_flag("--per-frame", benchOptions.perFrame,
                         "With --file: print each frame drawn while the files are opened (time, triangles, parts)");
  benchCommand->add_flag("--poll", benchOptions.pollAsWindow,
                         "With --file: poll the session before each pan and zoom frame as the window does (a view in "
                         "another detail band has it prepared on the worker)");
  benchCommand->add_option("--file", benchOptions.files, "Measure opening, drawing, panning and exporting these vector files")
      ->expected(1, -1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  // The headless commands end cleanly on Ctrl+C or a kill: the signals are taken before any thread starts.
  for (const auto* command : {exportCommand, layersCommand, extractCommand, workspaceCommand})
    if (*command) briefmap::cli::takeInterruptSignals(command->get_name().c_str());
  if (*presentCommand && (!presentOptions.exportSlides.empty() || !presentOptions.notes.empty()))
    briefmap::cli::takeInterruptSignals("present");
  // 1-based on the command line; 0-based (presenter view: -2 = none at start, -1 = the other display) inside.
  const auto presenterDisplayIndex = [](int flag) { return flag < 0 ? -1 : flag == 0 ? -2 : flag - 1; };
  gui.presenterDisplay = presenterDisplayIndex(presenterDisplay);
  presentOptions.startSlide = firstSlide - 1;
  presentOptions.display = display - 1;
  presentOptions.presenterDisplay = presenterDisplayIndex(presentPresenterDisplay);
  if (!windowSize.empty()) {
    if (!parseSize(windowSize, gui.width, gui.height)) {
      std::fprintf(stderr, "briefmap: --window-size: expected WIDTHxHEIGHT such as 1366x768, got '%s'\n", windowSize.c_str());
      return 2;
    }
    gui.exactWindowSize = true;
  }
  for (const auto& text : clickTexts) {
    double x = 0, y = 0;
    if (std::sscanf(text.c_str(), "%lf,%lf", &x, &y) != 2) {
      std::fprintf(stderr, "briefmap: --click: expected X,Y, got '%s'\n", text.c_str());
      return 2;
    }
    gui.clicks.push_back({x, y});
  }
  for (const auto& text : dragTexts) {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (std::sscanf(text.c_str(), "%lf,%lf,%lf,%lf", &x0, &y0, &x1, &y1) != 4) {
      std::fprintf(stderr, "briefmap: --drag: expected X0,Y0,X1,Y1, got '%s'\n", text.c_str());
      return 2;
    }
    gui.drags.push_back({x0, y0, x1, y1});
  }
  if (*exportCommand) {
    if (!parseSize(size, output.width, output.height)) {
      std::fprintf(stderr, "briefmap export: --size: expected WIDTHxHEIGHT such as 3840x2160, got '%s'\n",
                   size.c_str());
      return 2;
    }
    try {
      briefmap::session::validateSnapshotSize(output.width, output.height);
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "briefmap export: --size: %s\n", e.what());
      return 2;
    }
    if (!bbox.empty()) {
      briefmap::geo::LonLatBox box;
      if (!parseBbox(bbox, box)) {
        std::fprintf(stderr,
                     "briefmap export: --bbox: expected lon0,lat0,lon1,lat1 with lon0<lon1 and lat0<lat1, got '%s'\n",
                     bbox.c_str());
        return 2;
      }
      exportRequest.bbox = box;
    }
    if (!exportRequest.briefing.empty()) {
      if (!allSlides && exportRequest.slides.empty()) {
        std::fprintf(stderr, "briefmap export: --briefing needs --all-slides or --slides 1,3,…\n");
        return 2;
      }
      if (allSlides) exportRequest.slides.clear();
      for (const auto& name : formatNames.empty() ? std::vector<std::string>{"png"} : formatNames) {
        const auto f = briefmap::session::snapshotFormatFromName(name);
        if (!f) {
          std::fprintf(stderr, "briefmap export: --formats: unknown format '%s': use png, geotiff, pdf, svg, geojson, gpkg or kml\n",
                       name.c_str());
          return 2;
        }
        if (std::find(exportRequest.formats.begin(), exportRequest.formats.end(), *f) == exportRequest.formats.end())
          exportRequest.formats.push_back(*f);
      }
    } else {
      const auto format = formatName.empty() ? briefmap::session::snapshotFormatFromExtension(output.out)
                                             : briefmap::session::snapshotFormatFromName(formatName);
      if (!format) {
        if (formatName.empty())
          std::fprintf(stderr, "briefmap export: %s: the output must end in .png, .tif, .pdf, .svg, .geojson, .gpkg or .kml "
                               "(or give --format)\n", output.out.c_str());
        else
          std::fprintf(stderr, "briefmap export: --format: unknown format '%s': use png, geotiff, pdf, svg, geojson, gpkg or kml\n",
                       formatName.c_str());
        return 2;
      }
      output.format = *format;
    }
    const int code = briefmap::cli::runExport(exportRequest);
    briefmap::cli::reportPeakMemory();
    // The PNG is complete and renamed into place: skip freeing the scene, the GL context and the worker,
    // which would only add tens of milliseconds to a command that is timed from start to file.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
  }
  if (*layersCommand) {
    for (const auto& text : parameterTexts) {
      const auto eq = text.find('=');
      char* end = nullptr;
      const double value = eq == std::string::npos ? 0 : std::strtod(text.c_str() + eq + 1, &end);
      if (eq == std::string::npos || text.find('.') > eq || !end || *end != '\0') {
        std::fprintf(stderr, "briefmap export-layers: --param: expected option.parameter=number, got '%s'\n", text.c_str());
        return 2;
      }
      layersOptions.parameters.emplace_back(text.substr(0, eq), value);
    }
    return briefmap::cli::runExportLayers(layersOptions);
  }
  if (*presentCommand) {
    if (!presentOptions.notes.empty() && !presentOptions.exportSlides.empty()) {
      std::fprintf(stderr, "briefmap present: --notes and --export-slides: one at a time\n");
      return 2;
    }
    if (!presentOptions.notes.empty()) {
      const int code = briefmap::cli::runPresentNotes(presentOptions);
      std::fflush(stdout);
      std::fflush(stderr);
      std::_Exit(code);  // as for export: the file is in place, skip tearing down the workers
    }
    if (!presentOptions.exportSlides.empty()) {
      // Rehearsal without a screen: the slide export of `export --briefing`, in the presentation look.
      briefmap::session::HeadlessRequest slides;
      slides.briefing = presentOptions.briefing;
      slides.output.out = presentOptions.exportSlides;
      slides.output.width = 3840;
      slides.output.height = 2160;
      if (!slideSize.empty() && !parseSize(slideSize, slides.output.width, slides.output.height)) {
        std::fprintf(stderr, "briefmap present: --size: expected WIDTHxHEIGHT such as 3840x2160, got '%s'\n", slideSize.c_str());
        return 2;
      }
      try {
        briefmap::session::validateSnapshotSize(slides.output.width, slides.output.height);
      } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "briefmap present: --size: %s\n", e.what());
        return 2;
      }
      slides.formats = {briefmap::session::SnapshotFormat::Png};
      slides.presentationLook = true;
      slides.quiet = presentOptions.quiet;
      const int code = briefmap::cli::runExportSlidesForPresent(slides);
      std::fflush(stdout);
      std::fflush(stderr);
      std::_Exit(code);  // as for export: the files are in place, skip tearing down the GL context
    }
    const int code = briefmap::cli::runPresent(presentOptions);
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);  // as for export: the files are in place, skip tearing down the GL context
  }
  if (*extractCommand) return briefmap::cli::runExtract(extractOptions);
  if (*workspaceCommand) {
    workspaceOptions.command = workspaceCommand->get_subcommands().front()->get_name();
    return briefmap::cli::runWorkspace(workspaceOptions);
  }
  if (*benchCommand) return briefmap::cli::runBench(benchOptions, argv[0]);
  try {
    return briefmap::ui::runApplication(gui);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap: %s\n", e.what());
    return 1;
  }
}
