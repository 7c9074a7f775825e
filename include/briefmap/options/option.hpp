#pragma once
// The security-guarantee options as the documents describe them: what each one is, its layers,
// the numbers the analyst can change, and the statements that have no place on the map.
// Every piece carries the sentences it came from.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "briefmap/data/layer.hpp"

namespace briefmap::options {

/// Where something was said: a document of the corpus (file name in geodata/sources/) and the exact sentence.
struct SourceRef {
  std::string doc;
  std::string quote;
};

/// A number the analyst can set (buffer width, ring radius), with the reason for its default.
struct Parameter {
  std::string id;      ///< "width_km", "radius_km"
  std::string label;
  std::string unit;
  double defaultValue = 0, min = 0, max = 0, step = 1;
  std::string basis;   ///< why the default is what it is
  std::vector<SourceRef> sources;
};

/// A statement with no place on the map (force sizes, who provides intelligence…).
struct Fact {
  std::string text;
  std::optional<long> troopsMin, troopsMax;
  std::vector<SourceRef> sources;
};

struct OptionLayerInfo {
  std::string id;
  std::string title;
  std::string legend;  ///< what the symbol means
  std::string symbol;  ///< optional: the symbol kind of every point of the layer, whatever its gazetteer entry
};

struct Option {
  std::string id;
  std::string title;
  std::string summary;
  std::string colour;  ///< "#RRGGBB"
  std::vector<OptionLayerInfo> layers;
  std::vector<Parameter> parameters;
  std::vector<Fact> facts;
  data::Layer features;  ///< the curated features (WGS84), every one with provenance properties

  const Parameter* parameter(const std::string& id) const;
};

struct Stance {
  std::string id;
  std::string label;
  std::string colour;
};

/// Everything in geodata/options/.
/// A named comparison an analyst switches to in one click: the options shown (all others off) and parameter
/// values (the parameters not named are at their defaults).
struct Preset {
  std::string id;
  std::string title;
  std::vector<std::string> options;
  std::vector<std::tuple<std::string, std::string, double>> parameters;  ///< option, parameter, value
};

struct OptionCatalog {
  std::vector<Option> options;
  std::vector<Stance> stances;
  std::vector<Preset> presets;  ///< in the order of options.json
  std::filesystem::path sourcesDir;  ///< the documents the quotes come from
  std::map<std::string, std::string> documents;  ///< document file name -> one line on what it is

  const Option* find(const std::string& id) const;
  const Stance* stance(const std::string& id) const;
  const Preset* preset(const std::string& id) const;
};

/// Reads options.json and every option's GeoJSON (through GDAL). Throws data::DataError naming the file
/// and what is wrong (missing field, unreadable file).
OptionCatalog loadOptionCatalog(const std::filesystem::path& optionsDir);

/// The catalogue an options.json index describes, with each option's features from `featuresOf(option id,
/// file named by the index)`. Throws data::DataError naming `indexName` (missing id, a preset naming an
/// unknown option or parameter). sourcesDir is left empty.
OptionCatalog catalogFromIndex(
    const nlohmann::json& index, const std::string& indexName,
    const std::function<std::vector<data::Feature>(const std::string& option, const std::string& file)>& featuresOf);

/// The `sources` property of a feature (a JSON array of {doc, quote}), or none.
std::vector<SourceRef> sourcesOf(const data::Feature& feature);

/// Collapses runs of whitespace to one space and trims: quotes are compared this way with the documents.
std::string normaliseWhitespace(const std::string& text);

}  // namespace briefmap::options
