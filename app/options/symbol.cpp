#include "briefmap/options/symbol.hpp"

#include "briefmap/data/basemap.hpp"
#include "briefmap/data/vector_reader.hpp"

namespace briefmap::options {
namespace {

std::string stringProperty(const data::Feature& f, const char* key) {
  auto it = f.properties.find(key);
  return (it != f.properties.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// Each kind's property value and legend name, in one table.
struct KindNames {
  SymbolKind kind;
  const char* id;
  const char* name;
};
constexpr KindNames kKindNames[] = {{SymbolKind::Position, "position", "Position"},
                                    {SymbolKind::AirBase, "air_base", "Air base"},
                                    {SymbolKind::Port, "port", "Port or naval base"},
                                    {SymbolKind::NuclearPlant, "nuclear_plant", "Nuclear power plant"}};

const KindNames& namesOf(SymbolKind kind) {
  for (const auto& k : kKindNames)
    if (k.kind == kind) return k;
  return kKindNames[0];
}

}  // namespace

std::string symbolKindId(SymbolKind kind) { return namesOf(kind).id; }

SymbolKind symbolKindFromId(const std::string& id) {
  for (const auto& k : kKindNames)
    if (id == k.id) return k.kind;
  return SymbolKind::Position;
}

std::string symbolKindName(SymbolKind kind) { return namesOf(kind).name; }

SymbolKind symbolKindOfPlaceKind(const std::string& placeKind) {
  if (placeKind == "air_base") return SymbolKind::AirBase;
  if (placeKind == "port" || placeKind == "seaport" || placeKind == "naval_base") return SymbolKind::Port;
  if (placeKind == "nuclear_plant") return SymbolKind::NuclearPlant;
  return SymbolKind::Position;
}

SymbolKind symbolKindOf(const data::Feature& feature) {
  return symbolKindFromId(stringProperty(feature, kSymbolProperty));
}

GazetteerKinds loadGazetteerKinds(const std::filesystem::path& geodataDir) {
  GazetteerKinds kinds;
  if (const auto places = geodataDir / "places.geojson"; std::filesystem::exists(places)) {
    auto& byName = kinds["places.geojson"];
    for (const auto& p : data::loadPlaces(places)) byName[p.name] = p.kind;
  }
  // A table without coordinates to GDAL (its columns are lat and lon): read as records.
  if (const auto facilities = geodataDir / "facilities.csv"; std::filesystem::exists(facilities)) {
    auto& byName = kinds["facilities.csv"];
    for (const auto& layer : data::readVectorFile(facilities, nullptr, /*keepWithoutGeometry=*/true))
      for (const auto& f : layer.features) {
        const std::string name = stringProperty(f, "name"), kind = stringProperty(f, "kind");
        if (name.empty() || kind.empty())
          throw data::DataError(facilities.string() + ": a row has no name or kind");
        byName[name] = kind;
      }
  }
  return kinds;
}

void resolveSymbolKinds(std::vector<data::Feature>& features, const GazetteerKinds& gazetteer, const std::string& file,
                        const std::map<std::string, std::string>& layerSymbols) {
  for (auto& f : features) {
    if (f.geometry.points.empty()) continue;
    if (auto layer = layerSymbols.find(stringProperty(f, "layer")); layer != layerSymbols.end()) {
      f.properties[kSymbolProperty] = symbolKindId(symbolKindFromId(layer->second));
      continue;
    }
    const std::string reference = stringProperty(f, "gazetteer");
    if (reference.empty()) {
      f.properties[kSymbolProperty] = symbolKindId(symbolKindOf(f));  // a kind set in the file, or the dot
      continue;
    }
    const auto colon = reference.find(": ");
    const std::string source = reference.substr(0, colon);
    const std::string name = colon == std::string::npos ? std::string() : reference.substr(colon + 2);
    const std::string what = file + ": feature '" + stringProperty(f, "name") + "' cites '" + reference + "'";
    // The regional GeoNames list holds populated places only: a town is a position.
    if (source == "gazetteer_region.csv" || source == "gazetteer_cities.csv") {
      f.properties[kSymbolProperty] = symbolKindId(SymbolKind::Position);
      continue;
    }
    const auto table = gazetteer.find(source);
    if (table == gazetteer.end()) throw data::DataError(what + ", but " + source + " is not in the gazetteer");
    const auto entry = table->second.find(name);
    if (entry == table->second.end()) throw data::DataError(what + ", which " + source + " does not list");
    f.properties[kSymbolProperty] = symbolKindId(symbolKindOfPlaceKind(entry->second));
  }
}

}  // namespace briefmap::options
