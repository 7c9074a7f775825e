#pragma once
// A briefing: an ordered list of slides, each a view of the map with the options, layers and parameter
// values to show, a title and a one-line caption. Stored as human-readable JSON (see app/briefing/README.md).
// Reading is forgiving per value (a bad value becomes a warning and the default) and strict about the
// file as a whole (not JSON, not a briefing: BriefingError), so one typo never loses a whole briefing.
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "briefmap/geo/coords.hpp"

namespace briefmap::options {
struct OptionCatalog;
}

namespace briefmap::briefing {

/// The file cannot be used at all (unreadable, not JSON, not a briefing); what() names the file and why.
class BriefingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a slide looks at, independent of the window size: the centre and the area to fit (km of the map
/// projection, so the same slide frames the same area on a laptop and on a 4K wall screen).
struct SlideView {
  geo::LonLat centre{31.0, 48.5};
  double widthKm = 1800;
  double heightKm = 1000;
  std::string crs;  ///< "lcc-ukraine", "EPSG:3035", …; empty = keep the current CRS
};

/// A presenter's mark on a slide, in lon/lat so it stays on its place when the view changes.
struct Annotation {
  enum class Kind { Freehand, Arrow };
  Kind kind = Kind::Freehand;
  std::vector<geo::LonLat> points;  ///< an arrow uses the first and the last point (tail, head)
  std::string colour = "#e8003d";
};

/// Room defaults: a 5 px position symbol becomes 8 px, a 1.6 px range ring 2.6 px at 1080p (× 2 at 4K).
constexpr float kDefaultSymbolScale = 1.6f;
constexpr float kDefaultLineScale = 1.6f;

struct Slide {
  std::string title;
  std::string caption;  ///< one line under the title
  std::string notes;    ///< for the presenter; never drawn on the map
  SlideView view;
  std::vector<std::string> options;            ///< visible options (ids); every other option is off
  std::map<std::string, bool> layers;          ///< layer id or name -> visible; layers not named keep their state
  std::map<std::string, double> parameters;    ///< "option.parameter" -> value; others go back to their defaults
  std::vector<Annotation> annotations;
};

struct Briefing {
  std::string title;
  bool highContrast = true;       ///< the wall-screen theme while presenting
  float presentationScale = 1.f;  ///< type and symbols in presentation mode, on top of the display's own scale
  /// Option symbols (positions, bases, ports, plants) and option lines (contact line, routes, range rings) when
  /// presenting, on top of presentationScale: larger than on a desk so they read from the back of a room.
  float symbolScale = kDefaultSymbolScale;
  float lineScale = kDefaultLineScale;
  std::vector<std::string> files; ///< vector files opened with the briefing (relative to the briefing file)
  std::vector<Slide> slides;
};

/// A briefing and what was wrong with it (each warning says which slide and which value).
struct LoadResult {
  Briefing briefing;
  std::vector<std::string> warnings;
};

/// Current format version, written as "briefmap_briefing".
constexpr int kFormatVersion = 1;

/// Parses briefing JSON. `name` appears in messages. Throws BriefingError when it is not a briefing.
LoadResult parseBriefing(std::string_view json, const std::string& name = "briefing");
/// Reads a briefing file (at most 16 MiB); relative `files` are resolved against its folder.
LoadResult loadBriefing(const std::filesystem::path& path);
/// Pretty-printed JSON with a stable key order, so saved briefings diff well.
std::string toJson(const Briefing& briefing);
/// Writes atomically; the previous version stays as "<path>.bak". Throws data::WriteError.
void saveBriefing(const std::filesystem::path& path, const Briefing& briefing);

/// Names the options, parameters and layers a briefing refers to that do not exist, one warning each.
/// `layerNames` are the ids and names of the layers the application has.
std::vector<std::string> checkReferences(const Briefing& briefing, const options::OptionCatalog& catalog,
                                         const std::vector<std::string>& layerNames);

}  // namespace briefmap::briefing
