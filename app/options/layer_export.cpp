#include "briefmap/options/layer_export.hpp"

#include <deque>

namespace briefmap::options {

std::vector<std::filesystem::path> exportOptionLayers(const OptionCatalog& catalog,
                                                      const std::map<std::string, ParameterValues>& values,
                                                      const data::Layer& countries, const std::filesystem::path& folder,
                                                      data::VectorFormat format,
                                                      const std::map<std::string, std::vector<data::Layer>>& added) {
  std::deque<data::Layer> layers;  // stable addresses for the OutputLayer pointers
  std::vector<data::OutputLayer> outputs;
  for (const auto& option : catalog.options) {
    ParameterValues v = defaultParameters(option);
    if (auto it = values.find(option.id); it != values.end())
      for (const auto& [k, x] : it->second) v[k] = x;
    std::vector<data::Layer> merged;
    for (auto& resolved : resolveOption(option, v, countries)) {
      merged.emplace_back().name = option.id + "__" + resolved.layerId;
      for (data::Layer* part : {&resolved.stated, &resolved.inferred, &resolved.derived})
        for (auto& f : part->features) merged.back().features.push_back(std::move(f));
    }
    if (auto it = added.find(option.id); it != added.end())
      for (const auto& layer : it->second) {
        merged.push_back(layer);
        merged.back().name = option.id + "__" + layer.id;
      }
    for (auto& layer : merged) {
      if (layer.features.empty()) continue;
      layers.push_back(std::move(layer));
      data::OutputLayer out;
      out.layer = &layers.back();
      out.name = layers.back().name;
      out.strokeColour = option.colour;
      out.fillColour = option.colour + "55";
      out.strokeWidthPx = 3;
      outputs.push_back(out);
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  return data::writeVectorLayers(folder, format, outputs, "briefmap-options");
}

}  // namespace briefmap::options
