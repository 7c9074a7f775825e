#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "briefmap/data/vector_writer.hpp"
#include "briefmap/options/resolve.hpp"

namespace briefmap::options {

/// Writes every option layer — curated and derived features together, with their provenance properties —
/// to `folder` as GeoJSON (a file per layer), GPKG or KML (one file; KML styled in each option's colour).
/// `values` holds the parameter values per option id; options not in it use their defaults.
/// `added` holds layers the analyst built in the window, per option id (features accepted from the
/// documents); each is written after the option's own, named `<option>__<layer id>`.
/// Returns the files written; throws data::WriteError / std::runtime_error with a message naming the file.
std::vector<std::filesystem::path> exportOptionLayers(const OptionCatalog& catalog,
                                                      const std::map<std::string, ParameterValues>& values,
                                                      const data::Layer& countries, const std::filesystem::path& folder,
                                                      data::VectorFormat format,
                                                      const std::map<std::string, std::vector<data::Layer>>& added = {});

}  // namespace briefmap::options
