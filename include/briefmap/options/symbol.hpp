#pragma once
// What kind of site an option's point stands for (a force's position, an air base, a port, a nuclear plant),
// read from the gazetteer entry the feature cites, so the map can draw each kind with its own symbol and the
// legend can name it. Core: no drawing here, only the kind.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"

namespace briefmap::options {

/// The kinds of point an option draws, each with its own symbol. Position is every other place (a city the
/// force would hold, an origin, a strait) and is drawn as the plain dot.
enum class SymbolKind { Position, AirBase, Port, NuclearPlant };

/// Every kind, in legend order.
inline constexpr SymbolKind kSymbolKinds[] = {SymbolKind::Position, SymbolKind::AirBase, SymbolKind::Port,
                                              SymbolKind::NuclearPlant};

/// The feature property that carries the kind ("position", "air_base", "port", "nuclear_plant").
inline constexpr const char* kSymbolProperty = "symbol";

/// The property value of a kind, and back (anything unknown or absent is Position).
std::string symbolKindId(SymbolKind kind);
SymbolKind symbolKindFromId(const std::string& id);
/// The legend's name of a kind ("Air base", "Port or naval base", "Nuclear power plant").
std::string symbolKindName(SymbolKind kind);

/// The symbol of a gazetteer kind (places.geojson: capital, city, port, air_base, nuclear_plant, strait;
/// facilities.csv: seaport, naval_base, air_base, nuclear_plant, headquarters).
SymbolKind symbolKindOfPlaceKind(const std::string& placeKind);

/// The kind stored on a feature (kSymbolProperty), Position when it has none.
SymbolKind symbolKindOf(const data::Feature& feature);

/// Gazetteer kinds by file and name: {"places.geojson" -> {"Kyiv" -> "capital", …}, "facilities.csv" -> …}.
using GazetteerKinds = std::map<std::string, std::map<std::string, std::string>>;

/// Reads the kinds of geodata/places.geojson and geodata/facilities.csv (through GDAL). A file that is
/// absent is left out (a feature citing it is then an error in resolveSymbolKinds); an unreadable one throws
/// data::DataError naming it.
GazetteerKinds loadGazetteerKinds(const std::filesystem::path& geodataDir);

/// Sets kSymbolProperty on every point feature from its "gazetteer" reference ("places.geojson: Kyiv",
/// "facilities.csv: Powidz Air Base", "gazetteer_region.csv: Yavoriv,UA,15"), or, for a feature of a layer
/// in `layerSymbols` (layer id -> kind id, options.json's layer "symbol": the airports of cities), that kind.
/// Features with no reference keep a kind set in their file, or Position. Throws data::DataError naming `file`
/// and the feature when the reference names a file or place the gazetteer does not have.
void resolveSymbolKinds(std::vector<data::Feature>& features, const GazetteerKinds& gazetteer,
                        const std::string& file, const std::map<std::string, std::string>& layerSymbols = {});

}  // namespace briefmap::options
