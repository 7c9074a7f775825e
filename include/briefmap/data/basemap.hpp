#pragma once
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"
#include "briefmap/data/resources.hpp"

namespace briefmap::data {

/// A named place from the bundled gazetteer (geodata/places.geojson).
struct Place {
  std::string name;   ///< as briefings spell it ("Kyiv", "Odesa")
  LonLat where;
  std::string country;  ///< ISO 3166-1 alpha-2
  std::string kind;     ///< capital, city, port, nuclear_plant, strait, air_base
  int rank = 4;         ///< 1 = shown at every scale … 4 = only when zoomed in
  std::string source;   ///< where the coordinate comes from
};

/// The basemap at one level of detail: Natural Earth 1:10m, 1:50m or 1:110m.
struct BasemapLevel {
  int scaleDenominatorMillions = 10;  ///< 10, 50 or 110
  Layer countries;   ///< polygons, field "name"
  Layer coastline;   ///< land/sea boundary lines
  Layer borders;     ///< land borders between countries
  /// The finer levels are extracts of a box (1:10m: lon 4…60, lat 33…63; 1:50m: lon -15…75, lat 25…72).
  geo::LonLatBox extract;
  /// What a view past the box shows there: the coarser levels' countries, coastline and borders outside
  /// this level's box (1:50m outside the 1:10m box, 1:110m outside the 1:50m box), cut at the box edge.
  /// Kept apart from the level's own layers, which country maths and data checks read as they are.
  Layer countriesBeyond, coastlineBeyond, bordersBeyond;
};

/// Everything bundled in geodata/: basemap levels (finest first), inland water and places.
struct Basemap {
  std::vector<BasemapLevel> levels;
  /// GSHHG 2.3.7 high resolution over the 1:10m box, one set for every level (geodata/README.md):
  /// lines with "level" 1 (permanent major) … 4 (minor); polygons with "area_km2" and "drained" (1: the
  /// Kakhovka reservoir, drained in 2023).
  Layer rivers, lakes;
  std::vector<Place> places;
  bool partial = false;  ///< loaded for one view (`within`) or without every level: not for country maths
};

/// Loads basemap.gpkg (only the listed levels, by scale denominator) and places.geojson from the folder;
/// throws DataError naming the file.
/// With `within`, only the features that meet that lon/lat box (an export reads what it draws).
/// Each level's "beyond" layers are filled when `within` (or, without it, the world) reaches past its box.
Basemap loadBasemap(const std::filesystem::path& geodataDir, const std::vector<int>& levels = {10, 50, 110},
                    const geo::LonLatBox* within = nullptr);

/// Each country once, at the finest level that has it: the 1:10m extract covers the region, the coarser
/// levels the rest of Europe (the United Kingdom, say, for who would contribute).
Layer allCountries(const Basemap& basemap);

/// Every country at its finest level, read whole (no view filter): what option geometry is computed from,
/// so a view-sized export computes the same shares and country areas as the window.
Layer loadAllCountries(const std::filesystem::path& geodataDir);

/// Reads places from a GeoJSON gazetteer file; throws DataError.
std::vector<Place> loadPlaces(const std::filesystem::path& file);

}  // namespace briefmap::data
