#include "briefmap/data/vector_reader.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <memory>
#include <mutex>

namespace briefmap::data {
namespace {

std::atomic<int> g_blockedRequests{0};

// Every HTTP request GDAL would make (GML schemas, CRS by URL, remote references) ends here.
CPLHTTPResult* refuseNetwork(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*,
                             void*) {
  ++g_blockedRequests;
  auto* result = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
  result->nStatus = 1;
  result->pszErrBuf = CPLStrdup((std::string("briefmap works offline; refused to fetch ") + (url ? url : "")).c_str());
  return result;
}

// Collects GDAL's error messages for the current thread instead of printing them.
class ErrorCapture {
 public:
  ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handler, this); }
  ~ErrorCapture() { CPLPopErrorHandler(); }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  const std::string& lastError() const { return m_last; }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
    auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self && level >= CE_Failure && msg) self->m_last = msg;
  }
  std::string m_last;
};

bool isRemoteOrVirtual(const std::string& path) {
  return path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos;
}

void appendRing(const OGRLinearRing* ring, Ring& out) {
  const int n = ring->getNumPoints();
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back({ring->getX(i), ring->getY(i)});
  // OGR repeats the closing vertex; our rings do not (the tessellator needs it so).
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
}

void appendGeometry(const OGRGeometry* g, Geometry& out) {
  if (!g || g->IsEmpty()) return;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
      auto* p = g->toPoint();
      out.points.push_back({p->getX(), p->getY()});
      break;
    }
    case wkbLineString:
    case wkbLinearRing:
    case wkbCircularString: {
      std::unique_ptr<OGRGeometry> linear;
      const OGRSimpleCurve* curve = nullptr;
      if (g->hasCurveGeometry()) {
        linear.reset(g->getLinearGeometry());
        curve = linear->toSimpleCurve();
      } else {
        curve = g->toSimpleCurve();
      }
      LineString line;
      line.reserve(curve->getNumPoints());
      for (int i = 0; i < curve->getNumPoints(); ++i) line.push_back({curve->getX(i), curve->getY(i)});
      if (line.size() >= 2) out.lines.push_back(std::move(line));
      break;
    }
    case wkbPolygon: {
      auto* poly = g->toPolygon();
      Polygon p;
      for (const auto* ring : *poly) {
        Ring r;
        appendRing(ring, r);
        if (r.size() >= 3) p.rings.push_back(std::move(r));
        else if (p.rings.empty()) return;  // a degenerate outer ring means no polygon at all
      }
      if (!p.rings.empty()) out.polygons.push_back(std::move(p));
      break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      for (const auto* part : *g->toGeometryCollection()) appendGeometry(part, out);
      break;
    }
    default: {
      // Curves, surfaces, TINs…: ask OGR for the linear equivalent and try again.
      std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
      if (linear && wkbFlatten(linear->getGeometryType()) != wkbFlatten(g->getGeometryType())) {
        appendGeometry(linear.get(), out);
      }
      break;
    }
  }
}

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr openReadOnly(const std::filesystem::path& path) {
  configureGdalOffline();
  const std::string name = path.string();
  if (isRemoteOrVirtual(name)) {
    throw DataError(name + ": only local files can be opened (briefmap works offline)");
  }
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw DataError(name + ": file not found");
  if (std::filesystem::is_directory(path, ec)) throw DataError(name + ": is a folder, not a file");
  if (std::filesystem::file_size(path, ec) == 0) throw DataError(name + ": the file is empty");

  std::vector<const char*> drivers;
  for (const auto& d : allowedVectorDrivers()) drivers.push_back(d.c_str());
  drivers.push_back(nullptr);
  // Never write beside the user's file: the GML reader would otherwise save a .gfs schema sidecar.
  const char* openOptions[] = {"WRITE_GFS=NO", nullptr};
  ErrorCapture errors;
  GDALDataset* ds = GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                      drivers.data(), openOptions, nullptr);
  if (!ds) {
    std::string why = errors.lastError();
    if (why.empty()) why = "not a vector format briefmap reads (GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf, GML, GPX, CSV, TopoJSON)";
    throw DataError(name + ": cannot be read: " + why);
  }
  return DatasetPtr(ds);
}

const OGRSpatialReference& wgs84() {
  static const OGRSpatialReference srs = [] {
    OGRSpatialReference s;
    s.SetWellKnownGeogCS("WGS84");
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return s;
  }();
  return srs;
}

Layer readLayer(const std::filesystem::path& path, OGRLayer& ogrLayer, ReadReport* report, bool keepWithoutGeometry) {
  Layer layer;
  layer.name = ogrLayer.GetName();
  layer.source = path;
  layer.id = "file:" + path.filename().string() + "/" + layer.name;

  const std::string where = path.string() + " (layer '" + layer.name + "')";
  std::unique_ptr<OGRCoordinateTransformation> toWgs84;
  if (const OGRSpatialReference* srs = ogrLayer.GetSpatialRef()) {
    OGRSpatialReference source(*srs);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!source.IsSame(&wgs84())) {
      toWgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84()));
      if (!toWgs84) throw DataError(where + ": its CRS cannot be transformed to WGS84");
    }
  } else {
    OGREnvelope env;
    if (ogrLayer.GetExtent(&env, TRUE) == OGRERR_NONE &&
        (env.MinX < -180.5 || env.MaxX > 360.5 || env.MinY < -90.5 || env.MaxY > 90.5)) {
      throw DataError(where + ": has no CRS and its coordinates are not longitude/latitude");
    }
    if (report) report->warnings.push_back(where + ": no CRS given; read as WGS84 longitude/latitude");
  }

  size_t skipped = 0, failed = 0;
  ogrLayer.ResetReading();
  for (auto& feature : ogrLayer) {
    OGRGeometry* geom = feature->GetGeometryRef();
    if ((!geom || geom->IsEmpty()) && !keepWithoutGeometry) {
      ++skipped;
      continue;
    }
    if (geom && toWgs84 && geom->transform(toWgs84.get()) != OGRERR_NONE) {
      ++failed;
      continue;
    }
    Feature out;
    if (geom) appendGeometry(geom, out.geometry);
    if (out.geometry.empty() && !keepWithoutGeometry) {
      ++skipped;
      continue;
    }
    for (const auto& field : *feature) {
      const char* key = field.GetName();
      if (field.IsNull() || field.IsUnset()) {
        out.properties[key] = nullptr;
        continue;
      }
      switch (field.GetType()) {
        case OFTInteger:
          if (field.GetDefn()->GetSubType() == OFSTBoolean) out.properties[key] = field.GetInteger() != 0;
          else out.properties[key] = field.GetInteger64();
          break;
        case OFTInteger64: out.properties[key] = field.GetInteger64(); break;
        case OFTReal: out.properties[key] = field.GetDouble(); break;
        default: {
          // GeoJSON objects and arrays (e.g. provenance `sources`) arrive as JSON text: keep their structure.
          const char* text = field.GetAsString();
          if (field.GetDefn()->GetSubType() == OFSTJSON) {
            auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
            out.properties[key] = parsed.is_discarded() ? nlohmann::json(text) : parsed;
          } else {
            out.properties[key] = text;
          }
          break;
        }
      }
    }
    layer.features.push_back(std::move(out));
  }
  if (report) {
    if (skipped) report->warnings.push_back(where + ": " + std::to_string(skipped) + " feature(s) without usable geometry skipped");
    if (failed) report->warnings.push_back(where + ": " + std::to_string(failed) + " feature(s) could not be transformed to WGS84");
  }
  return layer;
}

}  // namespace

const std::vector<std::string>& allowedVectorDrivers() {
  static const std::vector<std::string> kDrivers = {"GeoJSON", "GeoJSONSeq", "GPKG",  "ESRI Shapefile", "KML", "LIBKML",
                                                    "FlatGeobuf", "GML", "GPX", "CSV", "TopoJSON"};
  return kDrivers;
}

void configureGdalOffline() {
  static std::once_flag once;
  std::call_once(once, [] {
    // No sidecar files written or looked for beside the user's inputs.
    CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
    CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
    // No network: GML schema downloads, xlink resolution, PROJ grids, and every HTTP fetch GDAL makes.
    CPLSetConfigOption("GML_DOWNLOAD_SCHEMA", "NO");
    CPLSetConfigOption("GML_SKIP_RESOLVE_ELEMS", "ALL");
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
    CPLSetConfigOption("PROJ_NETWORK", "OFF");
    CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", "{noext}-none-");
    CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0");  // a user's big GeoJSON objects are fine
    OSRSetPROJEnableNetwork(FALSE);
    CPLHTTPSetFetchCallback(&refuseNetwork, nullptr);
    GDALAllRegister();
  });
}

int blockedNetworkRequests() { return g_blockedRequests.load(); }

std::vector<Layer> readVectorFile(const std::filesystem::path& path, ReadReport* report, bool keepWithoutGeometry) {
  DatasetPtr ds = openReadOnly(path);
  std::vector<Layer> layers;
  ErrorCapture errors;
  for (auto* ogrLayer : ds->GetLayers()) {
    layers.push_back(readLayer(path, *ogrLayer, report, keepWithoutGeometry));
  }
  if (keepWithoutGeometry) return layers;
  if (layers.empty()) throw DataError(path.string() + ": contains no vector layers");
  size_t features = 0;
  for (const auto& l : layers) features += l.features.size();
  if (features == 0) {
    std::string why = errors.lastError();
    throw DataError(path.string() + ": contains no features with usable geometry" + (why.empty() ? "" : " (" + why + ")"));
  }
  return layers;
}

Layer readVectorLayer(const std::filesystem::path& path, const std::string& layerName, const geo::LonLatBox* within) {
  return std::move(readVectorLayers(path, {layerName}, within, nullptr).front());
}

std::vector<Layer> readVectorLayers(const std::filesystem::path& path, const std::vector<std::string>& layerNames,
                                    const geo::LonLatBox* within, std::vector<geo::LonLatBox>* extents) {
  DatasetPtr ds = openReadOnly(path);
  std::vector<Layer> layers;
  for (const auto& name : layerNames) {
    OGRLayer* ogrLayer = ds->GetLayerByName(name.c_str());
    if (!ogrLayer) throw DataError(path.string() + ": has no layer named '" + name + "'");
    if (extents) {
      OGREnvelope env;
      geo::LonLatBox box;
      if (ogrLayer->GetExtent(&env, /*bForce=*/FALSE) == OGRERR_NONE) {
        box.add(env.MinX, env.MinY);
        box.add(env.MaxX, env.MaxY);
      }
      extents->push_back(box);
    }
    if (within && !within->empty()) ogrLayer->SetSpatialFilterRect(within->minX, within->minY, within->maxX, within->maxY);
    layers.push_back(readLayer(path, *ogrLayer, nullptr, false));
  }
  return layers;
}

}  // namespace briefmap::data
