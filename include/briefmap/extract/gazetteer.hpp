#pragma once
// The places the extractor can find, with every name it knows them by. Built from the bundled data:
// the curated places (geodata/places.geojson), facilities at their cited sites (geodata/facilities.csv),
// the countries of the basemap (a point inside each), the GeoNames cities of Europe, the Middle East and
// North America (geodata/gazetteer_cities.csv), the regional GeoNames list (Ukrainian towns only, see
// gazetteer.cpp for why) and the tables of variants, demonyms, groups, seas and regions in app/extract/rules.cpp.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/geo/coords.hpp"

namespace briefmap::extract {

namespace detail {
class PhraseMatcher;
}

using PlaceId = uint32_t;

/// How a place's point was obtained; written as the candidate's `placement` property.
enum class PlaceSource {
  Gazetteer,       ///< a GeoNames point (curated places.geojson or gazetteer_region.csv)
  CountrySurface,  ///< a point inside the country's basemap polygon (GEOS point on surface)
  RegionCentre,    ///< a region placed at its administrative centre (a GeoNames town)
  Derived,         ///< computed from gazetteer points (a sea: the mean of its curated ports)
};
const char* nameOf(PlaceSource source);  ///< "gazetteer", "country_surface", "region_centre", "derived"

struct PlaceEntry {
  std::string name;     ///< canonical: "Kyiv", "Türkiye", "United Kingdom", "Donetsk Oblast", "Black Sea"
  std::string kind;     ///< capital, city, port, nuclear_plant, strait, air_base, country, region, sea, river, town
  std::string country;  ///< ISO 3166-1 alpha-2 where known
  geo::LonLat where;    ///< WGS84
  PlaceSource source = PlaceSource::Gazetteer;
  std::string basis;    ///< where the point comes from, for the reader
  bool curated = false; ///< from places.geojson, the basemap or the rule tables (not the long GeoNames list)

  /// A country, sea, river or region: its point only stands for a large area (a town's point is the town).
  bool standsForLargeArea() const;
};

/// How a name in the text relates to the place.
enum class AliasKind : uint8_t {
  Name,     ///< the place's name or a variant ("Kiev", "Turkiye", "U.K.")
  Demonym,  ///< an adjective that counts only before a locating noun ("Polish airspace", "Ukrainian soil")
  Group,    ///< one member of a group ("the Baltic states" -> Estonia, Latvia, Lithuania)
};

struct Alias {
  PlaceId place = 0;
  AliasKind kind = AliasKind::Name;
  bool exactCase = false;  ///< must appear in capitals as listed ("US", "UK": never "us")
  bool guarded = false;    ///< long-list town: refused when it starts a longer proper name ("Yalta European …")
  bool byCountry = false;  ///< one of several cities of this name, largest first: the document's countries choose
};

class Gazetteer {
 public:
  /// Builds the gazetteer from a geodata folder (places.geojson, basemap.gpkg, gazetteer_region.csv, and
  /// facilities.csv and gazetteer_cities.csv where present).
  /// Throws data::DataError naming the file that is missing or broken.
  static Gazetteer load(const std::filesystem::path& geodataDir);

  Gazetteer();
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;

  const PlaceEntry& place(PlaceId id) const { return m_places.at(id); }
  size_t placeCount() const { return m_places.size(); }
  /// The place with this canonical name, or null.
  const PlaceEntry* find(const std::string& name) const;
  PlaceId idOf(const PlaceEntry& entry) const { return static_cast<PlaceId>(&entry - m_places.data()); }

  const Alias& alias(uint32_t index) const { return m_aliases.at(index); }
  /// The name as it was added ("Kiev", "Odessa"), for place search; same index as alias().
  const std::string& aliasName(uint32_t index) const { return m_aliasNames.at(index); }
  size_t aliasCount() const { return m_aliases.size(); }
  const detail::PhraseMatcher& names() const { return *m_names; }
  /// The capital city of a country ("the French capital" is Paris), if the gazetteer holds it; the first capital added
  /// for the country's ISO code wins, the curated list being read before the long GeoNames one.
  std::optional<PlaceId> capitalOf(PlaceId country) const;

  /// Adds a place and returns its id (used by load and by tests that build a small gazetteer).
  PlaceId addPlace(PlaceEntry entry);
  /// Adds a name for a place; returns false if the name has no words.
  bool addAlias(const std::string& name, Alias alias);

 private:
  std::vector<PlaceEntry> m_places;
  std::vector<Alias> m_aliases;
  std::vector<std::string> m_aliasNames;
  std::unique_ptr<detail::PhraseMatcher> m_names;
  std::map<std::string, PlaceId> m_capitalByCountry;  ///< ISO 3166-1 alpha-2 -> the capital's id
};

}  // namespace briefmap::extract
