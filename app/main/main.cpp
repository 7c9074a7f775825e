// briefmap: the window by default; `export` and `bench` subcommands for the command line.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <regex>

#include "briefmap/ui/application.hpp"
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
  app.add_option("--preset", gui.preset, "Start on a named comparison (guarantee_stack, buffer_20_vs_50, …)");
  app.add_option("--briefing", gui.briefing, "A briefing (.json) to open");
  app.add_option("--key", gui.keys, "Press a key once loaded (smoke tests: PageDown, PageUp, B, Escape, F5…)")->group("");
  app.add_option("--sources", gui.sources, "A folder of documents to read in the Sources panel");
  std::vector<std::string> clickTexts;
  app.add_option("--click", clickTexts, "Click the map at X,Y once loaded (smoke tests)")->group("");
  app.add_option("--export-dialog", gui.exportDialog, "Open File > Export snapshot at start: window or framed (smoke tests)")
      ->check(CLI::IsMember({"window", "framed"}))
      ->group("");
  std::vector<std::string> dragTexts;
  app.add_option("--drag", dragTexts, "Drag with the left button from X0,Y0 to X1,Y1 once loaded (smoke tests)")->group("");

  briefmap::cli::ExportOptions exportOptions;
  std::string size = "1920x1080", bbox;
  auto* exportCommand = app.add_subcommand("export", "Render the map to a PNG without a window");
  exportCommand->add_option("--out,-o", exportOptions.out,
                            "Output file: .png, .tif (GeoTIFF), .pdf, .svg, or .geojson/.gpkg/.kml (visible layers' data)")
      ->required();
  exportCommand->add_option("--format,-f", exportOptions.format,
                            "png, geotiff, pdf, svg, geojson, gpkg or kml (default: from the extension of --out)");
  exportCommand->add_flag("--world-file", exportOptions.worldFile, "With .png: also write a world file (.pgw) and .prj");
  exportCommand->add_option("--size", size, "Width x height in pixels, e.g. 3840x2160");
  exportCommand->add_option("--bbox", bbox, "Area to show: lon0,lat0,lon1,lat1 (degrees)");
  exportCommand->add_option("--crs", exportOptions.crs, "Map CRS (as for the window)");
  exportCommand->add_option("--pixel-ratio", exportOptions.pixelRatio,
                            "Scale of lines, symbols and text (default: output height / 1080)")
      ->check(CLI::Range(0.25, 16.0));
  exportCommand->add_option("--title", exportOptions.title, "Title, top left");
  exportCommand->add_option("--subtitle", exportOptions.subtitle, "Subtitle under the title (a one-line caption)");
  exportCommand->add_option("--caveat", exportOptions.caveat, "Caveat/classification banner text, top and bottom");
  exportCommand->add_option("--timestamp", exportOptions.timestamp,
                            "Text of the time line (default: 'Exported <SOURCE_DATE_EPOCH or now> UTC')");
  exportCommand->add_flag("--no-legend", exportOptions.noLegend, "Leave out the legend");
  exportCommand->add_flag("--no-scale-bar", exportOptions.noScaleBar, "Leave out the scale bar");
  exportCommand->add_flag("--no-north-arrow", exportOptions.noNorthArrow, "Leave out the north arrow");
  exportCommand->add_flag("--no-sources", exportOptions.noSources, "Leave out the source footnotes");
  exportCommand->add_flag("--no-timestamp", exportOptions.noTimestamp, "Leave out the export time");
  exportCommand->add_flag("--no-attribution", exportOptions.noAttribution, "Leave out the data credits");
  exportCommand->add_option("--max-tile", exportOptions.maxTile, "Largest tile side in pixels (tests)")
      ->check(CLI::Range(64, 16384))
      ->group("");
  exportCommand->add_option("--briefing", exportOptions.briefing,
                            "Batch: export slides of this briefing into the folder --out (slide-01.png, …)");
  exportCommand->add_flag("--all-slides", exportOptions.allSlides, "Batch: every slide of the briefing");
  exportCommand->add_option("--slides", exportOptions.slides, "Batch: slide numbers, e.g. 1,3")->delimiter(',');
  exportCommand->add_option("--formats", exportOptions.formats, "Batch: png,pdf,geotiff,svg,geojson,gpkg,kml")
      ->delimiter(',');
  exportCommand->add_option("files", exportOptions.files, "Vector files to draw over the basemap");
  addReadFlags(*exportCommand, exportOptions.readOptions);
  exportCommand->add_flag("--quiet,-q", exportOptions.quiet, "Print nothing on success");

  exportCommand->add_option("--options", exportOptions.options, "Options to draw (ids, comma-separated)")->delimiter(',');
  exportCommand->add_option("--preset", exportOptions.preset, "A named comparison: guarantee_stack, buffer_20_vs_50, …");

  briefmap::cli::ExportLayersOptions layersOptions;
  std::vector<std::string> parameterTexts;
  auto* layersCommand = app.add_subcommand("export-layers", "Write every option layer with provenance (GeoJSON, GPKG, KML)");
  layersCommand->add_option("--out,-o", layersOptions.out, "Output folder")->required();
  layersCommand->add_option("--format,-f", layersOptions.format, "GeoJSON (one file per layer), GPKG or KML")
      ->check(CLI::IsMember({"GeoJSON", "GPKG", "KML", "geojson", "gpkg", "kml"}));
  layersCommand->add_option("--param", parameterTexts, "Parameter value, e.g. buffer_zone.width_km=30");
  layersCommand->add_flag("--quiet,-q", layersOptions.quiet, "Print nothing on success");

  briefmap::cli::PresentOptions presentOptions;
  std::string slideSize = "3840x2160";
  int firstSlide = 1, display = 1;
  auto* presentCommand = app.add_subcommand("present", "Present a briefing full screen, or render its slides to PNG");
  presentCommand->add_option("--briefing,-b", presentOptions.briefing, "The briefing (.json)")->required();
  presentCommand->add_option("--export-slides", presentOptions.exportSlides,
                             "Render every slide as presentation mode shows it into this folder (slide-01.png, …), headless");
  presentCommand->add_option("--size", slideSize, "With --export-slides: WIDTHxHEIGHT (default 3840x2160)");
  presentCommand->add_option("--slide", firstSlide, "Start on this slide (1 = first)")->check(CLI::PositiveNumber);
  presentCommand->add_option("--display", display, "Go full screen on this display (1 = first)")->check(CLI::PositiveNumber);
  presentCommand->add_flag("--quiet,-q", presentOptions.quiet, "Print nothing on success");
  briefmap::cli::ExtractOptions extractOptions;
  auto* extractCommand = app.add_subcommand("extract", "Find places, quantities and options in documents (candidates)");
  extractCommand->add_option("--out,-o", extractOptions.out, "Candidates file (.geojson, .gpkg or .kml)")->required();
  extractCommand->add_option("documents", extractOptions.documents, "Text documents (UTF-8; other encodings are recoded)")
      ->required();
  extractCommand->add_flag("--quiet,-q", extractOptions.quiet, "Print nothing on success");

  briefmap::cli::BenchOptions benchOptions;
  auto* benchCommand = app.add_subcommand("bench", "Measure start-up, frame times and export speed");
  benchCommand->add_option("--frames", benchOptions.frames, "Frames per pan/zoom run")->check(CLI::Range(8, 100000));
  benchCommand->add_flag("--skip-export", benchOptions.skipExport, "Do not time the export subprocess");
  benchCommand->add_flag("--per-flight", benchOptions.perFlight, "Print the frame times of each slide transition");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
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
    if (!parseSize(size, exportOptions.width, exportOptions.height)) {
      std::fprintf(stderr, "briefmap export: --size: expected WIDTHxHEIGHT such as 3840x2160, got '%s'\n",
                   size.c_str());
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
      exportOptions.bbox = box;
    }
    const int code = briefmap::cli::runExport(exportOptions);
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
    if (!parseSize(slideSize, presentOptions.width, presentOptions.height) || presentOptions.width > 16384 ||
        presentOptions.height > 16384) {
      std::fprintf(stderr, "briefmap present: --size: expected WIDTHxHEIGHT up to 16384x16384, got '%s'\n", slideSize.c_str());
      return 2;
    }
    presentOptions.startSlide = firstSlide - 1;
    presentOptions.display = display - 1;
    const int code = briefmap::cli::runPresent(presentOptions);
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);  // as for export: the files are in place, skip tearing down the GL context
  }
  if (*extractCommand) return briefmap::cli::runExtract(extractOptions);
  if (*benchCommand) return briefmap::cli::runBench(benchOptions, argv[0]);
  try {
    return briefmap::ui::runApplication(gui);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap: %s\n", e.what());
    return 1;
  }
}
