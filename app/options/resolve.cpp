#include "briefmap/options/resolve.hpp"

#include <cmath>
#include <cstdio>

#include "briefmap/options/derived.hpp"

namespace briefmap::options {
namespace {

using nlohmann::json;

std::string property(const data::Feature& f, const char* key) {
  auto it = f.properties.find(key);
  return (it != f.properties.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

const data::Feature* countryNamed(const data::Layer& countries, const std::string& name) {
  for (const auto& c : countries.features)
    if (property(c, "name") == name) return &c;
  return nullptr;
}

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  std::string digits = buf, out;
  const size_t start = (digits[0] == '-') ? 1 : 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > start && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A derived feature keeps the input's provenance and says how it was made.
data::Feature derivedFrom(const data::Feature& input, data::Geometry geometry, const std::string& name) {
  data::Feature out;
  out.geometry = std::move(geometry);
  out.properties = input.properties;
  out.properties.erase("derive");
  out.properties["placement"] = "derived";
  out.properties["name"] = name;
  out.properties["derived_from"] = property(input, "name");
  return out;
}

double parameterValue(const Option& option, const ParameterValues& values, const std::string& id) {
  if (auto it = values.find(id); it != values.end()) return it->second;
  if (const Parameter* p = option.parameter(id)) return p->defaultValue;
  throw std::runtime_error("option " + option.id + " has no parameter '" + id + "'");
}

}  // namespace

ParameterValues defaultParameters(const Option& option) {
  ParameterValues values;
  for (const auto& p : option.parameters) values[p.id] = p.defaultValue;
  return values;
}

std::vector<ResolvedLayer> resolveOption(const Option& option, const ParameterValues& values,
                                         const data::Layer& countries) {
  std::vector<ResolvedLayer> out;
  auto layerFor = [&](const std::string& layerId) -> ResolvedLayer& {
    for (auto& l : out)
      if (l.layerId == layerId) return l;
    ResolvedLayer l;
    l.optionId = option.id;
    l.layerId = layerId;
    for (data::Layer* part : {&l.stated, &l.inferred, &l.derived}) part->id = "option/" + option.id + "/" + layerId;
    out.push_back(std::move(l));
    return out.back();
  };
  for (const auto& info : option.layers) layerFor(info.id);

  const data::Feature* ukraine = countryNamed(countries, "Ukraine");
  for (const auto& f : option.features.features) {
    // Staged features (airports reopening west to east) appear up to the stage the analyst has set.
    if (auto stage = f.properties.find("stage"); stage != f.properties.end() && stage->is_number() && option.parameter("stage")) {
      if (stage->get<double>() > parameterValue(option, values, "stage")) continue;
    }
    const std::string layerId = property(f, "layer");
    ResolvedLayer& layer = layerFor(layerId.empty() ? "features" : layerId);
    const std::string name = property(f, "name");

    // Country-level records (stances) take the country's polygon from the basemap.
    data::Feature drawn = f;
    if (f.geometry.empty()) {
      const std::string country = property(f, "country");
      if (const data::Feature* c = country.empty() ? nullptr : countryNamed(countries, country)) {
        drawn.geometry = c->geometry;
      }
      if (f.properties.contains("stance")) layer.kind = LayerKind::Stances;
    }
    const auto derive = f.properties.find("derive");
    if (derive == f.properties.end() || !derive->is_object()) {
      if (drawn.geometry.empty()) continue;  // a record with nothing to draw (kept for its quotes)
      (property(f, "placement") == "stated" ? layer.stated : layer.inferred).features.push_back(std::move(drawn));
      continue;
    }

    const std::string kind = derive->value("kind", std::string());
    // The input itself is drawn too (the contact line under its band, the base under its ring),
    // except for the occupied-side copy of the line and attribute-only records.
    const bool drawInput = kind != "occupied_side" && !drawn.geometry.empty();
    if (drawInput) (property(f, "placement") == "stated" ? layer.stated : layer.inferred).features.push_back(drawn);

    if (kind == "buffer") {
      layer.kind = LayerKind::Band;
      if (f.geometry.lines.empty()) throw std::runtime_error(name + ": a buffer needs a line");
      const double w = parameterValue(option, values, derive->value("parameter", std::string("width_km")));
      std::vector<data::Geometry> pieces;
      for (const auto& line : f.geometry.lines) pieces.push_back(bufferLine(line, w));
      data::Geometry band = pieces.size() == 1 ? std::move(pieces.front()) : unionOf(pieces);
      auto d = derivedFrom(f, std::move(band), "Buffer zone ±" + formatNumber(w) + " km");
      d.properties["width_km"] = w;
      layer.derived.features.push_back(std::move(d));
    } else if (kind == "range_ring") {
      layer.kind = LayerKind::RangeRings;
      if (f.geometry.points.empty()) throw std::runtime_error(name + ": a range ring needs a point");
      const double r = parameterValue(option, values, derive->value("parameter", std::string("radius_km")));
      auto d = derivedFrom(f, geodesicRing(f.geometry.points.front(), r), name + ": " + formatNumber(r) + " km");
      d.properties["radius_km"] = r;
      layer.derived.features.push_back(std::move(d));
    } else if (kind == "geodesic_route") {
      layer.kind = LayerKind::Route;
      data::Geometry route;
      for (const auto& line : f.geometry.lines) route.lines.push_back(densifyGeodesic(line, 10));
      auto d = derivedFrom(f, std::move(route), name);
      layer.derived.features.push_back(std::move(d));
    } else if (kind == "occupied_side") {
      layer.kind = LayerKind::OccupiedSide;
      if (!ukraine) throw std::runtime_error("the basemap has no Ukraine polygon for " + name);
      if (f.geometry.lines.empty()) throw std::runtime_error(name + ": the occupied side needs the contact line");
      std::vector<geo::LonLat> seeds;
      for (const auto& s : derive->value("seeds", json::array()))
        if (s.is_array() && s.size() == 2) seeds.push_back({s[0].get<double>(), s[1].get<double>()});
      auto side = sideOfLine(ukraine->geometry, f.geometry.lines.front(), seeds);
      auto d = derivedFrom(f, std::move(side), name);
      const double share = geodesicArea(d.geometry) / geodesicArea(ukraine->geometry);
      d.properties["share_of_ukraine"] = std::round(share * 1000) / 1000;
      layer.derived.features.push_back(std::move(d));
      char note[96];
      std::snprintf(note, sizeof note, "occupied side of the line: %.1f %% of Ukraine's area", share * 100);
      layer.notes.push_back(note);
    } else if (kind == "country_area") {
      const std::string country = derive->value("country", std::string("Ukraine"));
      const data::Feature* c = countryNamed(countries, country);
      if (!c) throw std::runtime_error(name + ": no country '" + country + "' in the basemap");
      data::Feature area = f;
      area.geometry = c->geometry;
      area.properties.erase("derive");
      (property(f, "placement") == "inferred" ? layer.inferred : layer.stated).features.push_back(std::move(area));
    } else {
      throw std::runtime_error(name + ": unknown derived geometry '" + kind + "'");
    }
  }

  // Range rings: how much of Ukraine they cover together.
  if (ukraine) {
    for (auto& layer : out) {
      if (layer.kind != LayerKind::RangeRings) continue;
      std::vector<data::Geometry> rings;
      for (const auto& d : layer.derived.features)
        if (d.properties.contains("radius_km")) rings.push_back(d.geometry);
      if (rings.empty()) continue;
      const double share = coverageShare(ukraine->geometry, rings);
      for (auto& d : layer.derived.features)
        if (d.properties.contains("radius_km")) d.properties["coverage_of_ukraine"] = std::round(share * 1000) / 1000;
      char note[96];
      std::snprintf(note, sizeof note, "rings cover %.1f %% of Ukraine's area", share * 100);
      layer.notes.push_back(note);
    }
  }
  return out;
}

}  // namespace briefmap::options
