#pragma once
// One export without a window, as the command line asks for it: built once by the parser and carried unchanged
// to the writer (a single file, or the slides of a briefing).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/data/vector_reader.hpp"
#include "briefmap/geo/coords.hpp"
#include "briefmap/session/snapshot_export.hpp"

namespace briefmap::session {

struct HeadlessRequest {
  /// The file (for slides: the folder), its format, the output size, the pixel ratio (0: outputPixelRatio),
  /// furniture, world file and tile size. For slides, `output.view` is ignored: each slide has its own.
  SnapshotRequest output;
  std::string crs;                     ///< map CRS id or PROJ definition; empty = the default
  std::optional<geo::LonLatBox> bbox;  ///< the area to show; none = the home view
  std::vector<std::string> files;      ///< vector files drawn over the basemap
  data::ReadOptions readOptions;       ///< how to read them (--src-crs, --x-field, --y-field)
  std::string workspace;               ///< a .gpkg or PG: workspace whose options are drawn (read-only); empty = bundled
  std::string preset;                  ///< a named comparison of options
  std::vector<std::string> options;    ///< option ids to draw
  // Slides of a briefing (when `briefing` is set).
  std::filesystem::path briefing;
  std::vector<int> slides;                ///< 1-based; empty = every slide
  std::vector<SnapshotFormat> formats;    ///< every format to write each slide in
  bool presentationLook = false;          ///< as presentation mode draws them (`present --export-slides`)
  bool quiet = false;                     ///< print nothing on success
};

}  // namespace briefmap::session
