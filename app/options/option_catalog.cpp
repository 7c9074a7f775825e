#include <fstream>
#include <functional>
#include <sstream>

#include "briefmap/data/vector_reader.hpp"
#include "briefmap/options/option.hpp"
#include "briefmap/options/symbol.hpp"

namespace briefmap::options {
namespace {

using nlohmann::json;

std::vector<SourceRef> parseSources(const json& j) {
  std::vector<SourceRef> out;
  if (!j.is_array()) return out;
  for (const auto& s : j) {
    if (!s.is_object()) continue;
    out.push_back({s.value("doc", std::string()), s.value("quote", std::string())});
  }
  return out;
}

std::optional<long> optionalNumber(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<long>();
}

std::string optionFileOf(const json& index, const std::string& optionId) {
  for (const auto& o : index.value("options", json::array()))
    if (o.value("id", std::string()) == optionId) return o.value("file", optionId + ".geojson");
  return optionId + ".geojson";
}

}  // namespace

const Parameter* Option::parameter(const std::string& pid) const {
  for (const auto& p : parameters)
    if (p.id == pid) return &p;
  return nullptr;
}

const Option* OptionCatalog::find(const std::string& oid) const {
  for (const auto& o : options)
    if (o.id == oid) return &o;
  return nullptr;
}

const Preset* OptionCatalog::preset(const std::string& pid) const {
  for (const auto& p : presets)
    if (p.id == pid) return &p;
  return nullptr;
}

const Stance* OptionCatalog::stance(const std::string& sid) const {
  for (const auto& s : stances)
    if (s.id == sid) return &s;
  return nullptr;
}

std::vector<SourceRef> sourcesOf(const data::Feature& feature) {
  auto it = feature.properties.find("sources");
  if (it == feature.properties.end()) return {};
  if (it->is_string()) {  // a driver that kept the JSON as text
    auto parsed = json::parse(it->get<std::string>(), nullptr, false);
    return parsed.is_discarded() ? std::vector<SourceRef>{} : parseSources(parsed);
  }
  return parseSources(*it);
}

std::string normaliseWhitespace(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

OptionCatalog loadOptionCatalog(const std::filesystem::path& dir) {
  const auto indexPath = dir / "options.json";
  std::ifstream in(indexPath);
  if (!in) throw data::DataError(indexPath.string() + ": cannot be opened");
  json index = json::parse(in, nullptr, false);
  if (index.is_discarded() || !index.is_object()) throw data::DataError(indexPath.string() + ": is not valid JSON");
  OptionCatalog catalog = catalogFromIndex(index, indexPath.string(), [&](const std::string&, const std::string& file) {
    std::vector<data::Feature> features;
    // Features with no geometry (stances by country, facts) are kept: GDAL reads them, we keep them.
    for (auto& layer : data::readVectorFile(dir / file, nullptr, /*keepFeaturesWithoutGeometry=*/true))
      for (auto& f : layer.features) features.push_back(std::move(f));
    return features;
  });
  catalog.sourcesDir = (dir / index.value("sources_dir", std::string("../sources"))).lexically_normal();
  // Each point's symbol from the gazetteer entry it cites (after the index is checked, so an index error is
  // reported as such); the gazetteer files are in the geodata folder above.
  const auto gazetteer = loadGazetteerKinds((dir / index.value("gazetteer_dir", std::string(".."))).lexically_normal());
  for (auto& option : catalog.options) {
    option.features.source = dir / optionFileOf(index, option.id);
    std::map<std::string, std::string> layerSymbols;
    for (const auto& l : option.layers)
      if (!l.symbol.empty()) layerSymbols[l.id] = l.symbol;
    resolveSymbolKinds(option.features.features, gazetteer, option.features.source.string(), layerSymbols);
  }
  return catalog;
}

OptionCatalog catalogFromIndex(const nlohmann::json& index, const std::string& indexPath,
                               const std::function<std::vector<data::Feature>(const std::string&, const std::string&)>& featuresOf) {
  OptionCatalog catalog;
  const json stances = index.value("stances", json::object());  // items() must not outlive its object
  for (const auto& [sid, s] : stances.items()) {
    catalog.stances.push_back({sid, s.value("label", sid), s.value("colour", std::string("#888888"))});
  }
  for (const auto& d : index.value("documents", json::array()))
    if (d.is_object() && d.contains("doc")) catalog.documents[d.value("doc", std::string())] = d.value("what", std::string());
  for (const auto& o : index.value("options", json::array())) {
    Option option;
    option.id = o.value("id", std::string());
    if (option.id.empty()) throw data::DataError(indexPath + ": an option has no id");
    option.title = o.value("title", option.id);
    option.summary = o.value("summary", std::string());
    option.colour = o.value("colour", std::string("#0072B2"));
    for (const auto& l : o.value("layers", json::array()))
      option.layers.push_back({l.value("id", std::string()), l.value("title", std::string()), l.value("legend", std::string()),
                               l.value("symbol", std::string())});
    for (const auto& p : o.value("parameters", json::array())) {
      Parameter param;
      param.id = p.value("id", std::string());
      param.label = p.value("label", param.id);
      param.unit = p.value("unit", std::string());
      param.defaultValue = p.value("default", 0.0);
      param.min = p.value("min", 0.0);
      param.max = p.value("max", param.defaultValue);
      param.step = p.value("step", 1.0);
      param.basis = p.value("basis", std::string());
      param.sources = parseSources(p.value("sources", json::array()));
      option.parameters.push_back(std::move(param));
    }
    for (const auto& f : o.value("facts", json::array())) {
      option.facts.push_back(
          {f.value("text", std::string()), optionalNumber(f, "troops_min"), optionalNumber(f, "troops_max"),
           parseSources(f.value("sources", json::array()))});
    }
    option.features.features = featuresOf(option.id, o.value("file", option.id + ".geojson"));
    option.features.id = "option/" + option.id;
    option.features.name = option.title;
    catalog.options.push_back(std::move(option));
  }
  // Presets after the options, so each is checked against them: a preset that names a missing option or
  // parameter is an error in the data, not silently nothing.
  for (const auto& p : index.value("presets", json::array())) {
    Preset preset;
    preset.id = p.value("id", std::string());
    if (preset.id.empty()) throw data::DataError(indexPath + ": a preset has no id");
    preset.title = p.value("title", preset.id);
    for (const auto& id : p.value("options", json::array())) {
      const std::string option = id.is_string() ? id.get<std::string>() : std::string();
      if (!catalog.find(option))
        throw data::DataError(indexPath + ": preset '" + preset.id + "' names no known option '" + option + "'");
      preset.options.push_back(option);
    }
    const json parameters = p.value("parameters", json::object());  // items() must not outlive its object
    for (const auto& [key, value] : parameters.items()) {
      const auto dot = key.find('.');
      const Option* option = dot == std::string::npos ? nullptr : catalog.find(key.substr(0, dot));
      if (!option || !option->parameter(key.substr(dot + 1)) || !value.is_number())
        throw data::DataError(indexPath + ": preset '" + preset.id + "' sets '" + key +
                              "', which is no parameter of a known option (option.parameter: number)");
      preset.parameters.emplace_back(key.substr(0, dot), key.substr(dot + 1), value.get<double>());
    }
    catalog.presets.push_back(std::move(preset));
  }
  return catalog;
}

}  // namespace briefmap::options
