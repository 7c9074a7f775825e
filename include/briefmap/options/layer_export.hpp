#pragma once
#include <deque>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "briefmap/data/vector_writer.hpp"
#include "briefmap/options/resolve.hpp"

namespace briefmap::options {

/// Option layers ready to be written, the one place their naming and style are decided: each layer is
/// `<option>__<layer>`, its curated and derived features together with their provenance properties, stroked
/// in the option's colour and filled in it at a third. Used by `export-layers`, File → Export option layers
/// and the layer data of a snapshot export.
class OptionLayerFiles {
 public:
  /// Adds one layer of `option` from these parts (stated, inferred, derived…); nothing when they are empty.
  void add(const Option& option, const std::string& layerId, std::initializer_list<const data::Layer*> parts);
  /// Adds the option's facts (reported numbers and statements without a place) as `<option>__facts`: one record
  /// each without geometry, with `text`, `troops_min`/`troops_max` where reported and the quotes in `sources`
  /// (a GeoPackage table without geometry, null-geometry features in GeoJSON, ExtendedData in KML).
  void addFacts(const Option& option);
  bool empty() const { return m_outputs.empty(); }
  /// Every layer into `folder` (made when missing): GeoJSON a file per layer, GPKG or KML one file `stem`.
  std::vector<std::filesystem::path> writeToFolder(const std::filesystem::path& folder, data::VectorFormat format,
                                                   const std::string& stem) const;
  /// Every layer into one named file. A GeoJSON file holds one layer: all of them merged, each feature keeping
  /// its `option` and `layer` properties.
  void writeToFile(const std::filesystem::path& file, data::VectorFormat format) const;

 private:
  std::deque<data::Layer> m_layers;  // stable addresses for the OutputLayer pointers
  std::vector<data::OutputLayer> m_outputs;
};

/// Writes every option layer — curated and derived features together, with their provenance properties — and
/// every option's facts (`<option>__facts`),
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
