#include "briefmap/data/basemap.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <set>

#include <ogr_geometry.h>

#include "briefmap/data/ogr_convert.hpp"
#include "briefmap/data/vector_reader.hpp"

namespace briefmap::data {
namespace {

std::string stringProperty(const Feature& f, const char* key) {
  auto it = f.properties.find(key);
  return (it != f.properties.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// Natural Earth's levels, finest first. Each finer one is an extract of a box inside the next one's.
constexpr int kLevelOrder[] = {10, 50, 110};

bool boxInside(const geo::LonLatBox& inner, const geo::LonLatBox& outer) {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

// The parts of a layer's features outside `box`, cut at its edge with GEOS (the box as the data build cut
// the extracts, four corners only, so the two sides meet along the same straight edges). Features wholly
// outside are kept as they are and those wholly inside dropped without GEOS.
void appendOutside(const Layer& from, const geo::LonLatBox& box, Layer& to) {
  OGRPolygon boxPolygon;
  {
    auto ring = std::make_unique<OGRLinearRing>();
    ring->addPoint(box.minX, box.minY);
    ring->addPoint(box.maxX, box.minY);
    ring->addPoint(box.maxX, box.maxY);
    ring->addPoint(box.minX, box.maxY);
    ring->addPoint(box.minX, box.minY);
    boxPolygon.addRingDirectly(ring.release());
  }
  for (const auto& f : from.features) {
    const geo::LonLatBox b = f.geometry.bounds();
    if (b.empty() || boxInside(b, box)) continue;
    if (!b.intersects(box)) {
      to.features.push_back(f);
      continue;
    }
    Feature outside;
    outside.properties = f.properties;
    for (const auto& poly : f.geometry.polygons) {
      const auto ogr = toOgrPolygon(poly);
      std::unique_ptr<OGRGeometry> rest(ogr->Difference(&boxPolygon));
      appendOgrPolygons(rest.get(), outside.geometry.polygons);
    }
    for (const auto& line : f.geometry.lines) {
      const auto ogr = toOgrLine(line);
      std::unique_ptr<OGRGeometry> rest(ogr->Difference(&boxPolygon));
      appendOgrLines(rest.get(), outside.geometry.lines);
    }
    if (!outside.geometry.empty()) to.features.push_back(std::move(outside));
  }
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
  names.push_back("rivers");
  names.push_back("lakes");
  std::vector<geo::LonLatBox> extents;
  auto layers = readVectorLayers(gpkg, names, within, &extents);  // one open of the GeoPackage
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
    level.extract = extents[3 * i];
    basemap.levels.push_back(std::move(level));
  }
  basemap.rivers = std::move(layers[3 * levels.size()]);
  basemap.lakes = std::move(layers[3 * levels.size() + 1]);
  basemap.rivers.id = "basemap/rivers";
  basemap.lakes.id = "basemap/lakes";
  // Past a level's box its view would be empty: fill in from the coarser levels, each outside the box of the
  // level before it (the boxes nest), with the same `within`: taken from the levels just read when they are
  // among them (the window's full load), else read for this.
  auto loaded = [&](int denominator) -> const BasemapLevel* {
    for (const auto& l : basemap.levels)
      if (l.scaleDenominatorMillions == denominator) return &l;
    return nullptr;
  };
  for (auto& level : basemap.levels) {
    const int* at = std::find(std::begin(kLevelOrder), std::end(kLevelOrder), level.scaleDenominatorMillions);
    const int* coarser = at == std::end(kLevelOrder) ? at : at + 1;
    geo::LonLatBox covered = level.extract;
    for (; coarser != std::end(kLevelOrder); ++coarser) {
      if (covered.empty() || (within && boxInside(*within, covered))) break;
      if (const BasemapLevel* other = loaded(*coarser)) {
        appendOutside(other->countries, covered, level.countriesBeyond);
        appendOutside(other->coastline, covered, level.coastlineBeyond);
        appendOutside(other->borders, covered, level.bordersBeyond);
        covered = other->extract;
        continue;
      }
      const std::string suffix = "_" + std::to_string(*coarser) + "m";
      std::vector<geo::LonLatBox> coarserExtent;
      const auto parts = readVectorLayers(gpkg, {"countries" + suffix, "coastline" + suffix, "borders" + suffix},
                                          within, &coarserExtent);
      appendOutside(parts[0], covered, level.countriesBeyond);
      appendOutside(parts[1], covered, level.coastlineBeyond);
      appendOutside(parts[2], covered, level.bordersBeyond);
      covered = coarserExtent[0];
    }
    level.countriesBeyond.id = level.countries.id + "/beyond";
    level.coastlineBeyond.id = level.coastline.id + "/beyond";
    level.bordersBeyond.id = level.borders.id + "/beyond";
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
