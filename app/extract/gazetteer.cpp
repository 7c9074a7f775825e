#include "briefmap/extract/gazetteer.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "briefmap/data/simplify.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "rules.hpp"
#include "text_scan.hpp"

namespace briefmap::extract {

const char* nameOf(PlaceSource source) {
  switch (source) {
    case PlaceSource::Gazetteer: return "gazetteer";
    case PlaceSource::CountrySurface: return "country_surface";
    case PlaceSource::RegionCentre: return "region_centre";
    case PlaceSource::Derived: return "derived";
  }
  return "gazetteer";
}

bool PlaceEntry::standsForLargeArea() const {
  return kind == "country" || kind == "sea" || kind == "river" || kind == "region";
}

Gazetteer::Gazetteer() : m_names(std::make_unique<detail::PhraseMatcher>()) {}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

PlaceId Gazetteer::addPlace(PlaceEntry entry) {
  const auto id = static_cast<PlaceId>(m_places.size());
  if (entry.kind == "capital" && !entry.country.empty()) m_capitalByCountry.emplace(entry.country, id);
  m_places.push_back(std::move(entry));
  return id;
}

std::optional<PlaceId> Gazetteer::capitalOf(PlaceId country) const {
  const PlaceEntry& entry = place(country);
  if (entry.kind != "country" || entry.country.empty()) return std::nullopt;
  const auto found = m_capitalByCountry.find(entry.country);
  if (found == m_capitalByCountry.end()) return std::nullopt;
  return found->second;
}

bool Gazetteer::addAlias(const std::string& name, Alias alias) {
  m_aliases.push_back(alias);
  m_aliasNames.push_back(name);
  if (m_names->add(name, static_cast<uint32_t>(m_aliases.size() - 1))) return true;
  m_aliases.pop_back();
  m_aliasNames.pop_back();
  return false;
}

const PlaceEntry* Gazetteer::find(const std::string& name) const {
  for (const auto& p : m_places)
    if (p.name == name) return &p;
  return nullptr;
}

namespace {

using data::DataError;

std::string readWholeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError("cannot read " + file.string() + ": no such file or not readable");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Curated names carry a suffix for what the point stands for; the bare town name stays the town's.
std::vector<std::string> curatedAliases(const std::string& name, const std::string& kind) {
  std::vector<std::string> out{name};
  auto strip = [&](const std::string& suffix) -> std::string {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0
               ? name.substr(0, name.size() - suffix.size())
               : std::string();
  };
  if (kind == "nuclear_plant") {
    if (auto base = strip(" NPP"); !base.empty()) {
      for (const char* s : {" nuclear plant", " nuclear power plant", " power plant", " nuclear power station"})
        out.push_back(base + s);
    }
  } else if (kind == "air_base") {
    if (auto base = strip(" Air Base"); !base.empty()) {
      out.push_back(base + " airbase");
      out.push_back(base + " air field");
      out.push_back(base);  // the base is placed at its town: the town's name locates it as well
    }
    if (const auto paren = name.find(" ("); paren != std::string::npos) out.push_back(name.substr(0, paren));
  } else if (kind == "seaport" && name.rfind("Port of ", 0) == 0) {
    // "Port of Odesa": also "the port of Odesa", "Odesa port", "Odesa seaport"; the bare name stays the city's.
    const std::string base = name.substr(8);
    for (const char* s : {" port", " seaport", " sea port", " commercial port", " sea trade port"}) out.push_back(base + s);
    out.push_back("port of " + base);
    out.push_back("seaport of " + base);
  } else if (kind == "naval_base") {
    // "Sevastopol Naval Base": also "the naval base in Sevastopol", "Sevastopol's naval base" is not read.
    if (auto base = strip(" Naval Base"); !base.empty()) {
      for (const char* s : {"naval base in ", "naval base at ", "naval base of "}) out.push_back(s + base);
      out.push_back(base + " naval base");
    }
  }
  return out;
}

// Splits one CSV line into fields (RFC 4180 quoting, as Node's and Python's writers produce).
std::vector<std::string> csvFields(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

// Calls `row(fields)` for every line after the header; the header must start with `firstColumn`.
void forEachCsvRow(const std::filesystem::path& file, std::string_view firstColumn,
                   const std::function<void(const std::vector<std::string>&)>& row) {
  const std::string csv = readWholeFile(file);
  size_t lineStart = csv.find('\n');
  if (lineStart == std::string::npos || csv.compare(0, firstColumn.size(), firstColumn) != 0)
    throw DataError("cannot read " + file.string() + ": expected a header starting with " + std::string(firstColumn));
  for (++lineStart; lineStart < csv.size();) {
    size_t lineEnd = csv.find('\n', lineStart);
    if (lineEnd == std::string::npos) lineEnd = csv.size();
    const std::string_view line(csv.data() + lineStart, lineEnd - lineStart);
    lineStart = lineEnd + 1;
    if (!line.empty()) row(csvFields(line));
  }
}

bool parseDouble(const std::string& s, double& out) {
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
}

}  // namespace

// What goes in, and why:
//  - curated places (165, places.geojson) with their GeoNames spelling and the variants of rules.cpp;
//  - facilities.csv: plants, bases and headquarters at their own sites, each row citing its coordinates;
//  - gazetteer_cities.csv: GeoNames cities of Europe, the Middle East and North America (>= 100,000 or a capital);
//  - every basemap country (1:50m, and 1:110m for the few beyond it) at a GEOS point on its surface;
//  - seas at the mean of their curated ports, the Dnipro River of two cities on it, groups ("the Baltic states") as
//    their members;
//  - "<centre> region/Oblast" for every curated town of Ukraine, Russia, Belarus and Moldova, at the centre;
//  - of the 34,228 GeoNames places of gazetteer_region.csv only Ukrainian towns whose name is unique in
//    Ukraine, five letters or more, not an English word (rules::commonWords), and only when written with a
//    capital and not inside a longer proper name. The other 30,000 names (German villages called "Essen",
//    Polish "Nowa", Romanian "Mare", Russian "Mir") would mostly find common words and people.
Gazetteer Gazetteer::load(const std::filesystem::path& geodataDir) {
  Gazetteer g;
  std::map<std::string, std::vector<std::string>> aliasesOf;  // canonical -> names, for regions
  auto addName = [&](const std::string& name, PlaceId id, Alias alias = {}) {
    alias.place = id;
    if (g.addAlias(name, alias) && alias.kind == AliasKind::Name) aliasesOf[g.m_places[id].name].push_back(name);
  };

  // Curated places.
  const auto placesFile = geodataDir / "places.geojson";
  nlohmann::json places;
  try {
    places = nlohmann::json::parse(readWholeFile(placesFile));
  } catch (const nlohmann::json::exception& e) {
    throw DataError("cannot read " + placesFile.string() + ": " + e.what());
  }
  std::set<std::string> curatedFolded;
  for (const auto& f : places.value("features", nlohmann::json::array())) {
    const auto& p = f.at("properties");
    const auto& c = f.at("geometry").at("coordinates");
    PlaceEntry e;
    e.name = p.at("name").get<std::string>();
    e.kind = p.value("kind", "city");
    e.country = p.value("country", "");
    e.where = {c.at(0).get<double>(), c.at(1).get<double>()};
    e.basis = "places.geojson: " + e.name + " (" + p.value("source", "GeoNames") + ")";
    e.curated = true;
    const PlaceId id = g.addPlace(e);
    for (const auto& n : curatedAliases(e.name, e.kind)) addName(n, id);
    const std::string geonames = p.value("name_geonames", "");
    // The GeoNames spelling is a variant only where the entry is the place itself (not a plant's town).
    if (!geonames.empty() && geonames.find('+') == std::string::npos && e.kind != "nuclear_plant" &&
        e.kind != "air_base")
      addName(geonames, id);
    curatedFolded.insert(detail::folded(e.name));
    // A plant or base placed at its town (GeoNames "Enerhodar" for the Zaporizhzhia plant) does not take the town's
    // name: the town stays a town of the long list ("the occupied city of Enerhodar").
    // ("Chornobyl", the plant's own name, stays out: it means the plant.)
    const bool townOfAFacility = (e.kind == "nuclear_plant" || e.kind == "air_base") &&
                                 detail::folded(e.name).rfind(detail::folded(geonames), 0) != 0;
    if (!townOfAFacility) curatedFolded.insert(detail::folded(geonames));
  }

  // Facilities at their own sites (facilities.csv, each row citing where its coordinates come from): a
  // curated plant or base placed at its town moves to the site; the others are added with their names.
  const auto facilitiesFile = geodataDir / "facilities.csv";
  if (std::filesystem::exists(facilitiesFile)) {
    forEachCsvRow(facilitiesFile, "name", [&](const std::vector<std::string>& f) {
      double lat = 0, lon = 0;
      if (f.size() < 7 || !parseDouble(f[3], lat) || !parseDouble(f[4], lon))
        throw DataError("cannot read " + facilitiesFile.string() + ": bad row for " + (f.empty() ? "" : f[0]));
      PlaceId id = 0;
      if (const auto* existing = g.find(f[0])) {
        id = g.idOf(*existing);
      } else {
        PlaceEntry e;
        e.name = f[0];
        e.curated = true;
        id = g.addPlace(e);
        for (const auto& n : curatedAliases(e.name, f[1])) addName(n, id);
        curatedFolded.insert(detail::folded(e.name));
      }
      auto& e = g.m_places[id];
      e.kind = f[1];
      e.country = f[2];
      e.where = {lon, lat};
      e.basis = "facilities.csv: " + f[6];
      std::string_view aliases = f[5];
      while (!aliases.empty()) {
        const size_t bar = aliases.find('|');
        const std::string alias(aliases.substr(0, bar));
        for (const auto& n : curatedAliases(alias, f[1])) addName(n, id);
        aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
      }
    });
  }

  // Countries: a point inside each polygon, from the 1:50m level, else 1:110m.
  const auto basemapFile = geodataDir / "basemap.gpkg";
  std::map<std::string, const rules::CountryName*> byBasemapName;
  for (const auto& c : rules::countryNames()) byBasemapName[std::string(c.basemap)] = &c;
  std::set<std::string> countriesDone;
  for (const char* layerName : {"countries_50m", "countries_110m"}) {
    const auto layer = data::readVectorLayer(basemapFile, layerName);
    for (const auto& f : layer.features) {
      const std::string neName = f.properties.value("name", "");
      if (neName.empty()) continue;
      const auto known = byBasemapName.find(neName);
      const bool worldLevel = std::string_view(layerName) == "countries_110m";
      // Abbreviated entities (N. Cyprus) are left out, and so is a country whose name is a given name ("Chad"). The
      // rest of the world is in since round 34 (half Z: "Indonesia is ready to deploy 20,000 … peacekeepers").
      if (known == byBasemapName.end() && (neName.find('.') != std::string::npos || (worldLevel && neName == "Chad")))
        continue;
      const std::string canonical = known != byBasemapName.end() ? std::string(known->second->canonical) : neName;
      if (!countriesDone.insert(canonical).second) continue;
      geo::LonLat at;
      double area = 0;
      if (!data::areaLabelPoint(f.geometry, at, area)) continue;
      PlaceEntry e;
      e.name = canonical;
      e.kind = "country";
      e.country = known != byBasemapName.end() ? std::string(known->second->iso2) : "";
      e.where = at;
      e.source = PlaceSource::CountrySurface;
      e.basis = std::string("basemap.gpkg ") + layerName + ": point on the surface of " + neName + " (GEOS)";
      e.curated = true;
      const PlaceId id = g.addPlace(e);
      addName(canonical, id);
      if (neName != canonical) addName(neName, id);
      // Round 49 (halves A to o): the possessive whose apostrophe a copied page lost ("on Ukraines side", "Finlands
      // Foreign Minister", "Russias full-scale invasion": 9 in the reports, none another word), for the countries
      // briefings name.
      if (known != byBasemapName.end() && canonical.find(' ') == std::string::npos && canonical.back() != 's')
        addName(canonical + "s", id);
    }
  }
  for (const auto& abbreviation : rules::exactCaseNames()) {
    if (const auto* p = g.find(std::string(abbreviation.canonical))) {
      Alias a;
      a.exactCase = true;
      addName(std::string(abbreviation.name), g.idOf(*p), a);
    }
  }

  // Seas: the mean of their curated ports (points on the coast all round, so the mean lies in the water); a river, of
  // two cities on its banks.
  for (const auto& sea : rules::seas()) {
    double lon = 0, lat = 0;
    int n = 0;
    std::string names;
    for (auto port : sea.ports) {
      if (const auto* p = g.find(std::string(port))) {
        lon += p->where.lon;
        lat += p->where.lat;
        names += (n++ ? ", " : "") + p->name;
      }
    }
    if (n == 0) continue;
    PlaceEntry e;
    e.name = std::string(sea.name);
    e.kind = std::string(sea.kind);
    e.where = {lon / n, lat / n};
    e.source = PlaceSource::Derived;
    e.basis = "mean of the curated places " + names + " (places.geojson, GeoNames)";
    e.curated = true;
    addName(e.name, g.addPlace(e));
  }

  // Variants of curated places, countries and seas. A town's spelling names its nuclear plant too ("Zaporozhzhya Nuclear
  // Power Plant", round 24).
  for (const auto& v : rules::placeVariants()) {
    const auto* p = g.find(std::string(v.canonical));
    if (p == nullptr) continue;
    const auto* plant = g.find(std::string(v.canonical) + " NPP");
    if (plant != nullptr && plant->kind != "nuclear_plant") plant = nullptr;
    for (auto name : v.variants) {
      addName(std::string(name), g.idOf(*p));
      if (plant != nullptr)
        for (const auto& n : curatedAliases(std::string(name) + " NPP", "nuclear_plant")) addName(n, g.idOf(*plant));
    }
  }

  // Regions named after their centre, and the few that are not.
  auto addRegion = [&](const std::string& label, const PlaceEntry& centre, const std::vector<std::string>& names,
                       bool bareNameToo) {
    PlaceEntry e;
    e.name = label;
    e.kind = "region";
    e.country = centre.country;
    e.where = centre.where;
    e.source = PlaceSource::RegionCentre;
    e.basis = "administrative centre " + centre.name + " (places.geojson, GeoNames)";
    e.curated = true;
    const PlaceId id = g.addPlace(e);
    for (const auto& n : names) {
      for (auto word : rules::regionWords()) addName(n + " " + std::string(word), id);
      if (bareNameToo) addName(n, id);
    }
  };
  // A region takes the name of the table where its centre is listed there (Dnipro -> Dnipropetrovsk Oblast).
  std::map<std::string, std::string> regionLabel;
  for (const auto& r : rules::regionNames()) regionLabel.try_emplace(std::string(r.centre), std::string(r.label));
  const size_t curatedCount = places.value("features", nlohmann::json::array()).size();
  for (PlaceId id = 0; id < curatedCount; ++id) {
    const PlaceEntry centre = g.m_places[id];
    if (centre.kind != "city" && centre.kind != "capital" && centre.kind != "port") continue;
    if (centre.country != "UA" && centre.country != "RU" && centre.country != "BY" && centre.country != "MD") continue;
    const auto label = regionLabel.find(centre.name);
    addRegion(label != regionLabel.end() ? label->second : centre.name + " Oblast", centre, aliasesOf[centre.name], false);
  }
  for (const auto& r : rules::regionNames()) {
    const auto* existing = g.find(std::string(r.label));
    if (!existing) continue;
    const PlaceId id = g.idOf(*existing);
    for (auto word : rules::regionWords()) addName(std::string(r.region) + " " + std::string(word), id);
    if (r.label == r.region) addName(std::string(r.region), id);  // "Crimea" alone is the region
  }

  // Groups: each member once.
  for (const auto& group : rules::groups()) {
    for (auto member : group.members) {
      if (const auto* p = g.find(std::string(member))) {
        Alias a;
        a.kind = AliasKind::Group;
        a.place = g.idOf(*p);
        g.addAlias(std::string(group.name), a);
      }
    }
  }
  // Demonyms, counted before a locating noun only (the extractor checks the noun).
  for (const auto& d : rules::demonyms()) {
    if (const auto* p = g.find(std::string(d.country))) {
      Alias a;
      a.kind = AliasKind::Demonym;
      a.place = g.idOf(*p);
      g.addAlias(std::string(d.adjective), a);
    }
  }

  // GeoNames cities of Europe, the Middle East and North America (gazetteer_cities.csv: 100,000 inhabitants
  // or a capital; geodata/tools/build_cities.js says why). A name several cities share keeps them all, the
  // largest first; the extractor takes the one in a country the document has named, else the largest.
  // Curated names, countries and English words keep their meaning (rules::commonWords).
  std::set<std::string> commonWords;
  for (auto w : rules::commonWords()) commonWords.insert(detail::folded(w));
  const auto citiesFile = geodataDir / "gazetteer_cities.csv";
  if (std::filesystem::exists(citiesFile)) {
    std::map<std::string, const rules::CityName*> renamed;
    for (const auto& c : rules::cityNames()) renamed[std::string(c.geonames)] = &c;
    std::map<std::string, std::vector<std::pair<long long, PlaceEntry>>> byName;  // folded name -> cities
    std::vector<std::pair<std::string, std::string>> extraNames;                  // (name, canonical)
    forEachCsvRow(citiesFile, "geonameid", [&](const std::vector<std::string>& f) {
      double lat = 0, lon = 0;
      if (f.size() < 7 || !parseDouble(f[2], lat) || !parseDouble(f[3], lon)) return;
      PlaceEntry e;
      e.name = f[1];
      if (const auto r = renamed.find(f[1]); r != renamed.end()) {
        e.name = std::string(r->second->canonical);
        extraNames.push_back({f[1], e.name});
        for (auto v : r->second->variants) extraNames.push_back({std::string(v), e.name});
      }
      e.kind = f[5] == "PPLC" ? "capital" : "city";
      e.country = f[4];
      e.where = {lon, lat};
      e.basis = "gazetteer_cities.csv: GeoNames " + f[0] + " " + f[1] + ", " + f[4] + " (population " + f[6] + ")";
      byName[detail::folded(e.name)].push_back({std::atoll(f[6].c_str()), std::move(e)});
    });
    for (auto& [key, cities] : byName) {
      if (curatedFolded.count(key) || commonWords.count(key) || g.m_names->contains(cities.front().second.name)) continue;
      std::stable_sort(cities.begin(), cities.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      for (auto& [population, e] : cities) {
        Alias a;
        a.guarded = true;
        a.byCountry = cities.size() > 1;
        const std::string name = e.name;
        addName(name, g.addPlace(std::move(e)), a);
      }
    }
    for (const auto& [name, canonical] : extraNames) {
      const auto* p = g.find(canonical);
      if (p && p->kind != "country" && !g.m_names->contains(name)) {
        Alias a;
        a.guarded = true;
        addName(name, g.idOf(*p), a);
      }
    }
  }

  // Ukrainian towns of the long GeoNames list (see above).
  const auto regionFile = geodataDir / "gazetteer_region.csv";
  const std::string csv = readWholeFile(regionFile);
  const auto& common = commonWords;
  struct Town {
    std::string name;
    geo::LonLat where;
    int count = 0;
  };
  std::map<std::string, Town> towns;  // folded name -> town (count > 1: ambiguous)
  size_t lineStart = csv.find('\n');
  if (lineStart == std::string::npos || csv.compare(0, 4, "name") != 0)
    throw DataError("cannot read " + regionFile.string() + ": expected a header name,lat,lon,country,admin1");
  for (++lineStart; lineStart < csv.size();) {
    size_t lineEnd = csv.find('\n', lineStart);
    if (lineEnd == std::string::npos) lineEnd = csv.size();
    const std::string_view line(csv.data() + lineStart, lineEnd - lineStart);
    lineStart = lineEnd + 1;
    std::string_view field[5];
    size_t k = 0, from = 0;
    for (; k < 5; ++k) {
      const size_t comma = line.find(',', from);
      field[k] = line.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from);
      if (comma == std::string_view::npos) { ++k; break; }
      from = comma + 1;
    }
    if (k < 4 || field[3] != "UA") continue;
    double lat = 0, lon = 0;
    if (std::from_chars(field[1].data(), field[1].data() + field[1].size(), lat).ec != std::errc() ||
        std::from_chars(field[2].data(), field[2].data() + field[2].size(), lon).ec != std::errc())
      continue;
    const std::string key = detail::folded(field[0]);
    auto [it, fresh] = towns.try_emplace(key, Town{std::string(field[0]), {lon, lat}, 0});
    ++it->second.count;
  }
  for (const auto& [key, town] : towns) {
    if (town.count != 1 || key.size() < 5 || common.count(key) || curatedFolded.count(key)) continue;
    if (g.m_names->contains(town.name)) continue;
    PlaceEntry e;
    e.name = town.name;
    e.kind = "town";
    e.country = "UA";
    e.where = town.where;
    e.basis = "gazetteer_region.csv: " + town.name + ",UA (GeoNames)";
    Alias a;
    a.guarded = true;
    addName(e.name, g.addPlace(e), a);
  }
  // Their Russian transliterations, under the same guard ("Energodar" for Enerhodar).
  for (const auto& v : rules::regionTownVariants()) {
    const auto* town = g.find(std::string(v.canonical));
    if (town == nullptr) continue;
    Alias a;
    a.guarded = true;
    for (auto name : v.variants) addName(std::string(name), g.idOf(*town), a);
  }
  return g;
}

}  // namespace briefmap::extract
