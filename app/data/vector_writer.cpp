#include "briefmap/data/vector_writer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/gdal_output.hpp"
#include "briefmap/data/ogr_convert.hpp"
#include "briefmap/data/vector_reader.hpp"

namespace briefmap::data {
namespace {

using nlohmann::json;

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

// One field per property name, typed by what the values hold.
struct FieldPlan {
  std::string name;
  OGRFieldType type = OFTInteger64;
  bool json = false;
};

std::vector<FieldPlan> planFields(const Layer& layer) {
  std::vector<FieldPlan> plan;
  std::map<std::string, size_t> index;
  for (const auto& f : layer.features) {
    for (const auto& [key, value] : f.properties.items()) {
      auto [it, fresh] = index.try_emplace(key, plan.size());
      if (fresh) plan.push_back({key});
      FieldPlan& p = plan[it->second];
      if (value.is_null()) continue;
      if (value.is_object() || value.is_array()) {
        p.type = OFTString;
        p.json = true;
      } else if (value.is_number_float() && p.type == OFTInteger64) {
        p.type = OFTReal;
      } else if (!value.is_number() && !value.is_boolean()) {
        p.type = OFTString;
      }
    }
  }
  return plan;
}

void writeLayer(GDALDataset& ds, const OutputLayer& out, VectorFormat format, const std::filesystem::path& file) {
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  // Records without any geometry (facts) make a table without geometry, not an empty geometry column.
  const bool anyGeometry = std::any_of(out.layer->features.begin(), out.layer->features.end(),
                                       [](const Feature& f) { return !f.geometry.empty(); });
  OGRLayer* layer = anyGeometry ? ds.CreateLayer(out.name.c_str(), &wgs84, wkbUnknown, nullptr)
                                : ds.CreateLayer(out.name.c_str(), nullptr, wkbNone, nullptr);
  if (!layer) throw WriteError("cannot write " + file.string() + ": cannot create layer " + out.name);
  const auto plan = planFields(*out.layer);
  for (const auto& p : plan) {
    OGRFieldDefn defn(p.name.c_str(), p.type);
    if (p.json && format != VectorFormat::KML) defn.SetSubType(OFSTJSON);
    if (layer->CreateField(&defn) != OGRERR_NONE)
      throw WriteError("cannot write " + file.string() + ": cannot create field " + p.name);
  }
  // OGR style strings: the KML writer turns them into <Style> so Google Earth shows the layer's colours.
  const std::string style = "PEN(c:" + out.strokeColour + ",w:" + std::to_string(static_cast<int>(out.strokeWidthPx)) +
                            "px);BRUSH(fc:" + out.fillColour + ")";
  for (const auto& f : out.layer->features) {
    OGRFeature feature(layer->GetLayerDefn());
    for (const auto& p : plan) {
      auto it = f.properties.find(p.name);
      if (it == f.properties.end() || it->is_null()) continue;
      const int i = feature.GetFieldIndex(p.name.c_str());
      if (p.json || it->is_string()) feature.SetField(i, it->is_string() ? it->get<std::string>().c_str() : it->dump().c_str());
      else if (p.type == OFTReal) feature.SetField(i, it->get<double>());
      else if (p.type == OFTInteger64) feature.SetField(i, static_cast<GIntBig>(it->is_boolean() ? it->get<bool>() : it->get<long long>()));
      else feature.SetField(i, it->dump().c_str());
    }
    if (auto g = toOgrGeometry(f.geometry)) {
      g->assignSpatialReference(&wgs84);
      feature.SetGeometryDirectly(g.release());
    }
    feature.SetStyleString(style.c_str());
    if (layer->CreateFeature(&feature) != OGRERR_NONE)
      throw WriteError("cannot write " + file.string() + ": a feature of " + out.name + " was refused");
  }
}

const char* driverOf(VectorFormat format) {
  switch (format) {
    case VectorFormat::GeoJSON: return "GeoJSON";
    case VectorFormat::GPKG: return "GPKG";
    case VectorFormat::KML: return "KML";
  }
  return "GeoJSON";
}

// GDAL makes the dataset in memory; its bytes reach the file through AtomicFile, every write checked.
void writeDataset(const std::filesystem::path& file, VectorFormat format, const std::vector<const OutputLayer*>& layers) {
  configureGdalOffline();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverOf(format));
  if (!driver) throw WriteError(std::string("cannot write ") + file.string() + ": GDAL has no " + driverOf(format) + " driver");
  writeThroughGdalMemory(file, extensionOf(format), [&](const std::string& memoryPath) {
    std::unique_ptr<GDALDataset, DatasetCloser> ds(driver->Create(memoryPath.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw WriteError("cannot write " + file.string() + ": " + CPLGetLastErrorMsg());
    for (const auto* l : layers) writeLayer(*ds, *l, format, file);
  });
}

std::string safeName(std::string name) {
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return name;
}

}  // namespace

VectorFormat vectorFormatFromName(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "geojson" || n == "json") return VectorFormat::GeoJSON;
  if (n == "gpkg" || n == "geopackage") return VectorFormat::GPKG;
  if (n == "kml") return VectorFormat::KML;
  throw DataError("unknown vector format '" + name + "': use GeoJSON, GPKG or KML");
}

const char* extensionOf(VectorFormat format) {
  switch (format) {
    case VectorFormat::GeoJSON: return ".geojson";
    case VectorFormat::GPKG: return ".gpkg";
    case VectorFormat::KML: return ".kml";
  }
  return ".geojson";
}

std::vector<std::filesystem::path> writeVectorLayers(const std::filesystem::path& target, VectorFormat format,
                                                     const std::vector<OutputLayer>& layers,
                                                     const std::string& fileStem) {
  std::vector<std::filesystem::path> written;
  if (format == VectorFormat::GeoJSON) {
    // GeoJSON holds one layer per file.
    for (const auto& l : layers) {
      const auto file = target / (safeName(l.name) + extensionOf(format));
      writeDataset(file, format, {&l});
      written.push_back(file);
    }
    return written;
  }
  std::vector<const OutputLayer*> all;
  for (const auto& l : layers) all.push_back(&l);
  const auto file = target / (fileStem + extensionOf(format));
  writeDataset(file, format, all);
  written.push_back(file);
  return written;
}

}  // namespace briefmap::data

namespace briefmap::data {

void writeVectorFile(const std::filesystem::path& file, const std::vector<OutputLayer>& layers) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  VectorFormat format = VectorFormat::GeoJSON;
  if (ext == ".gpkg") format = VectorFormat::GPKG;
  else if (ext == ".kml") format = VectorFormat::KML;
  else if (ext != ".geojson" && ext != ".json")
    throw WriteError("cannot write " + file.string() + ": use a .geojson, .gpkg or .kml file name");
  writeVectorFile(file, format, layers);
}

void writeVectorFile(const std::filesystem::path& file, VectorFormat format, const std::vector<OutputLayer>& layers) {
  if (format == VectorFormat::GeoJSON && layers.size() != 1)
    throw WriteError("cannot write " + file.string() + ": a GeoJSON file holds one layer");
  std::vector<const OutputLayer*> all;
  for (const auto& l : layers) all.push_back(&l);
  writeDataset(file, format, all);
}

}  // namespace briefmap::data
