#include "briefmap/data/basemap.hpp"

#include <set>

#include "briefmap/data/vector_reader.hpp"

namespace briefmap::data {
namespace {

std::string stringProperty(const Feature& f, const char* key) {
  auto it = f.properties.find(key);
  return (it != f.properties.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

}  // namespace

Layer allCountries(const Basemap& basemap) {
  Layer all;
  all.id = "basemap/countries";
  std::set<std::string> seen;
  for (size_t i = 0; i < basemap.levels.size(); ++i) {
    const Layer& countries = basemap.levels[i].countries;
    // The finer levels are extracts clipped to a box (1:10m: lon 4…60, lat 33…63): a country that reaches
    // the box's edge is cut there (France, Norway), so a coarser level that has it whole is better.
    const geo::LonLatBox extent = countries.bounds();
    const bool coarsest = i + 1 == basemap.levels.size();
    for (const auto& f : countries.features) {
      const std::string name = f.properties.value("name", std::string());
      if (name.empty() || seen.count(name)) continue;
      const geo::LonLatBox b = f.geometry.bounds();
      constexpr double kEdge = 1e-6;
      const bool cut = b.minX <= extent.minX + kEdge || b.maxX >= extent.maxX - kEdge || b.minY <= extent.minY + kEdge ||
                       b.maxY >= extent.maxY - kEdge;
      if (cut && !coarsest) continue;
      seen.insert(name);
      all.features.push_back(f);
    }
  }
  return all;
}

std::vector<Place> loadPlaces(const std::filesystem::path& file) {
  std::vector<Place> places;
  for (const auto& layer : readVectorFile(file)) {
    for (const auto& f : layer.features) {
      if (f.geometry.points.empty()) continue;
      Place p;
      p.name = stringProperty(f, "name");
      p.where = f.geometry.points.front();
      p.country = stringProperty(f, "country");
      p.kind = stringProperty(f, "kind");
      p.source = stringProperty(f, "source");
      if (auto it = f.properties.find("rank"); it != f.properties.end() && it->is_number()) p.rank = it->get<int>();
      if (!p.name.empty()) places.push_back(std::move(p));
    }
  }
  return places;
}

Basemap loadBasemap(const std::filesystem::path& dir, const std::vector<int>& levels, const geo::LonLatBox* within) {
  Basemap basemap;
  const auto gpkg = dir / "basemap.gpkg";
  std::vector<std::string> names;
  for (int denominator : levels)
    for (const char* part : {"countries_", "coastline_", "borders_"})
      names.push_back(part + std::to_string(denominator) + "m");
  auto layers = readVectorLayers(gpkg, names, within);  // one open of the GeoPackage
  for (size_t i = 0; i < levels.size(); ++i) {
    const std::string suffix = "_" + std::to_string(levels[i]) + "m";
    BasemapLevel level;
    level.scaleDenominatorMillions = levels[i];
    level.countries = std::move(layers[3 * i]);
    level.coastline = std::move(layers[3 * i + 1]);
    level.borders = std::move(layers[3 * i + 2]);
    level.countries.id = "basemap/countries" + suffix;
    level.coastline.id = "basemap/coastline" + suffix;
    level.borders.id = "basemap/borders" + suffix;
    basemap.levels.push_back(std::move(level));
  }
  basemap.places = loadPlaces(dir / "places.geojson");
  basemap.partial = within != nullptr || levels.size() < 3;
  return basemap;
}

Layer loadAllCountries(const std::filesystem::path& dir) {
  Basemap basemap;
  const auto gpkg = dir / "basemap.gpkg";
  const std::vector<int> denominators = {10, 50, 110};
  auto layers = readVectorLayers(gpkg, {"countries_10m", "countries_50m", "countries_110m"});
  for (size_t i = 0; i < denominators.size(); ++i) {
    BasemapLevel level;
    level.scaleDenominatorMillions = denominators[i];
    level.countries = std::move(layers[i]);
    basemap.levels.push_back(std::move(level));
  }
  return allCountries(basemap);
}

}  // namespace briefmap::data
