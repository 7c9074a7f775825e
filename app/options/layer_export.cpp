#include "briefmap/options/layer_export.hpp"

namespace briefmap::options {

void OptionLayerFiles::add(const Option& option, const std::string& layerId,
                           std::initializer_list<const data::Layer*> parts) {
  data::Layer merged;
  merged.name = option.id + "__" + layerId;
  for (const data::Layer* part : parts) merged.features.insert(merged.features.end(), part->features.begin(), part->features.end());
  if (merged.features.empty()) return;
  m_layers.push_back(std::move(merged));
  data::OutputLayer out;
  out.layer = &m_layers.back();
  out.name = m_layers.back().name;
  out.strokeColour = option.colour;
  out.fillColour = option.colour + "55";
  out.strokeWidthPx = 3;
  m_outputs.push_back(out);
}

void OptionLayerFiles::addFacts(const Option& option) {
  data::Layer facts;
  facts.id = "facts";
  for (const auto& fact : option.facts) {
    data::Feature record;
    auto& p = record.properties;
    p["option"] = option.id;
    p["layer"] = "facts";
    p["name"] = fact.text;
    p["placement"] = "stated";  // stated by the document; a fact has no place to infer
    p["text"] = fact.text;
    if (fact.troopsMin) p["troops_min"] = *fact.troopsMin;
    if (fact.troopsMax) p["troops_max"] = *fact.troopsMax;
    p["sources"] = nlohmann::json::array();
    for (const auto& s : fact.sources) p["sources"].push_back({{"doc", s.doc}, {"quote", s.quote}});
    facts.features.push_back(std::move(record));
  }
  add(option, facts.id, {&facts});
}

std::vector<std::filesystem::path> OptionLayerFiles::writeToFolder(const std::filesystem::path& folder,
                                                                   data::VectorFormat format, const std::string& stem) const {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  return data::writeVectorLayers(folder, format, m_outputs, stem);
}

void OptionLayerFiles::writeToFile(const std::filesystem::path& file, data::VectorFormat format) const {
  if (format != data::VectorFormat::GeoJSON) {
    data::writeVectorFile(file, format, m_outputs);
    return;
  }
  data::Layer all;
  all.name = file.stem().string();
  for (const auto& l : m_layers) all.features.insert(all.features.end(), l.features.begin(), l.features.end());
  data::OutputLayer out = m_outputs.front();
  out.layer = &all;
  out.name = all.name;
  data::writeVectorFile(file, format, {out});
}

std::vector<std::filesystem::path> exportOptionLayers(const OptionCatalog& catalog,
                                                      const std::map<std::string, ParameterValues>& values,
                                                      const data::Layer& countries, const std::filesystem::path& folder,
                                                      data::VectorFormat format,
                                                      const std::map<std::string, std::vector<data::Layer>>& added) {
  OptionLayerFiles files;
  for (const auto& option : catalog.options) {
    ParameterValues v = defaultParameters(option);
    if (auto it = values.find(option.id); it != values.end())
      for (const auto& [k, x] : it->second) v[k] = x;
    for (const auto& resolved : resolveOption(option, v, countries))
      files.add(option, resolved.layerId, {&resolved.stated, &resolved.inferred, &resolved.derived});
    if (auto it = added.find(option.id); it != added.end())
      for (const auto& layer : it->second) files.add(option, layer.id, {&layer});
    files.addFacts(option);
  }
  return files.writeToFolder(folder, format, "briefmap-options");
}

}  // namespace briefmap::options
