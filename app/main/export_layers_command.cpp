#include <cstdio>
#include <filesystem>

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/vector_writer.hpp"
#include "briefmap/options/resolve.hpp"
#include "commands.hpp"

namespace briefmap::cli {

int runExportLayers(const ExportLayersOptions& options) {
  try {
    const auto format = data::vectorFormatFromName(options.format);
    const std::filesystem::path out = options.out;
    std::error_code ec;
    if (!std::filesystem::exists(out, ec)) std::filesystem::create_directories(out, ec);
    if (!std::filesystem::is_directory(out, ec)) {
      std::fprintf(stderr, "briefmap export-layers: %s is not a folder and cannot be created\n", options.out.c_str());
      return 1;
    }
    const auto geodata = data::findGeodataDir();
    const auto catalog = options::loadOptionCatalog(geodata / "options");
    const auto basemap = data::loadBasemap(geodata, {10});
    const data::Layer& countries = basemap.levels.front().countries;

    // Every option layer, curated and derived features together, as analysts see them in the window.
    std::vector<data::Layer> layers;
    std::vector<data::OutputLayer> outputs;
    layers.reserve(64);
    for (const auto& option : catalog.options) {
      options::ParameterValues values = options::defaultParameters(option);
      for (const auto& [key, value] : options.parameters) {
        const auto dot = key.find('.');
        if (dot != std::string::npos && key.substr(0, dot) == option.id) values[key.substr(dot + 1)] = value;
      }
      for (auto& resolved : options::resolveOption(option, values, countries)) {
        data::Layer merged;
        merged.name = option.id + "__" + resolved.layerId;
        for (data::Layer* part : {&resolved.stated, &resolved.inferred, &resolved.derived})
          for (auto& f : part->features) merged.features.push_back(std::move(f));
        if (merged.features.empty()) continue;
        layers.push_back(std::move(merged));
        data::OutputLayer o;
        o.layer = &layers.back();
        o.name = layers.back().name;
        o.strokeColour = option.colour;
        o.fillColour = option.colour + "55";
        o.strokeWidthPx = 3;
        outputs.push_back(o);
      }
    }
    const auto files = data::writeVectorLayers(out, format, outputs, "briefmap-options");
    if (!options.quiet) {
      for (const auto& f : files) std::printf("wrote %s\n", f.string().c_str());
      std::printf("%zu layers from %zu options\n", outputs.size(), catalog.options.size());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap export-layers: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
