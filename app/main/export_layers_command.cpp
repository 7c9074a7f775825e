#include <cstdio>
#include <filesystem>

#include "briefmap/data/basemap.hpp"
#include "briefmap/options/layer_export.hpp"
#include "briefmap/workspace/workspace.hpp"
#include "commands.hpp"

namespace briefmap::cli {

int runExportLayers(const ExportLayersOptions& options) {
  try {
    const auto format = data::vectorFormatFromName(options.format);
    const std::filesystem::path out = options.out;
    std::error_code ec;
    if (std::filesystem::exists(out, ec) && !std::filesystem::is_directory(out, ec)) {
      std::fprintf(stderr, "briefmap export-layers: %s exists and is not a folder\n", options.out.c_str());
      return 1;
    }
    const auto geodata = data::findGeodataDir();
    const auto catalog = options.workspace.empty()
                             ? options::loadOptionCatalog(geodata / "options")
                             : workspace::Workspace::open(options.workspace, workspace::OpenMode::ReadOnly)
                                   ->catalog(geodata / "sources");
    const auto basemap = data::loadBasemap(geodata);
    std::map<std::string, options::ParameterValues> values;
    for (const auto& [key, value] : options.parameters) {
      const auto dot = key.find('.');
      const std::string option = key.substr(0, dot), parameter = key.substr(dot + 1);
      const auto* def = catalog.find(option);
      if (!def || !def->parameter(parameter)) {
        std::fprintf(stderr, "briefmap export-layers: --param: no parameter '%s'\n", key.c_str());
        return 2;
      }
      values[option][parameter] = value;
    }
    const auto files =
        options::exportOptionLayers(catalog, values, data::allCountries(basemap), out, format);
    if (!options.quiet)
      for (const auto& f : files) std::printf("wrote %s\n", f.string().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap export-layers: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
