#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefmap/data/geometry.hpp"

namespace briefmap::data {

/// One feature: WGS84 geometry plus the attributes the source file gave it.
struct Feature {
  Geometry geometry;
  nlohmann::json properties = nlohmann::json::object();  ///< attribute name -> value
};

/// Features read from one layer of one file (or built by the application).
struct Layer {
  std::string id;            ///< unique within the application ("basemap/countries", "file:roads.gpkg/roads")
  std::string name;          ///< shown in the layers panel
  std::filesystem::path source;  ///< file it came from; empty for built-in layers
  std::vector<Feature> features;

  geo::LonLatBox bounds() const;
  size_t vertexCount() const;
};

}  // namespace briefmap::data
