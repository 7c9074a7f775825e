#include "briefmap/geo/projection.hpp"

#include <proj.h>

#include <cmath>
#include <cstdio>
#include <limits>

namespace briefmap::geo {

const std::vector<MapCrs>& knownMapCrs() {
  static const std::vector<MapCrs> kCrs = {
      {"lcc-ukraine", "Lambert conformal conic (Ukraine)",
       "+proj=lcc +lat_0=48.5 +lon_0=31 +lat_1=45 +lat_2=53 +ellps=WGS84 +units=m +no_defs +type=crs",
       "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
       "+step +proj=lcc +lat_0=48.5 +lon_0=31 +lat_1=45 +lat_2=53 +x_0=0 +y_0=0 +ellps=WGS84"},
      // ETRS89 -> WGS84 is a datum change (PROJ chooses among several by area): left to PROJ's search.
      {"EPSG:3035", "ETRS89 / LAEA Europe (EPSG:3035)", "EPSG:3035", ""},
      {"EPSG:3857", "Web Mercator (EPSG:3857)", "EPSG:3857",
       "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
       "+step +proj=webmerc +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +ellps=WGS84"},
  };
  return kCrs;
}

MapCrs mapCrsFromText(const std::string& text) {
  for (const auto& crs : knownMapCrs()) {
    if (crs.id == text) return crs;
  }
  std::string definition = text;
  // PROJ strings describe a CRS only with +type=crs; users rarely write it.
  if (definition.rfind("+proj", 0) == 0 && definition.find("+type=crs") == std::string::npos) {
    definition += " +type=crs";
  }
  return MapCrs{text, text, definition};
}

struct Projection::Handles {
  PJ_CONTEXT* ctx = nullptr;
  PJ* transform = nullptr;  // lon/lat WGS84 -> map CRS, normalised to x=east, y=north
  PJ* target = nullptr;     // the map CRS itself, for WKT
  ~Handles() {
    if (target) proj_destroy(target);
    if (transform) proj_destroy(transform);
    if (ctx) proj_context_destroy(ctx);
  }
};

Projection::Projection(const MapCrs& crs) : m_crs(crs), m_handles(std::make_unique<Handles>()) {
  m_handles->ctx = proj_context_create();
  // Offline always: never fetch grids from the network, whatever the environment says.
  proj_context_set_enable_network(m_handles->ctx, 0);
  proj_log_level(m_handles->ctx, PJ_LOG_NONE);
  m_handles->target = proj_create(m_handles->ctx, crs.definition.c_str());
  if (!m_handles->target || !proj_is_crs(m_handles->target)) {
    throw ProjectionError("PROJ does not understand the map CRS '" + crs.definition + "'");
  }
  if (!crs.pipeline.empty()) {
    m_handles->transform = proj_create(m_handles->ctx, crs.pipeline.c_str());
    if (m_handles->transform) return;
  }
  PJ* raw = proj_create_crs_to_crs(m_handles->ctx, "EPSG:4326", crs.definition.c_str(), nullptr);
  if (!raw) {
    throw ProjectionError("PROJ cannot transform from WGS84 to '" + crs.definition + "'");
  }
  m_handles->transform = proj_normalize_for_visualization(m_handles->ctx, raw);
  proj_destroy(raw);
  if (!m_handles->transform) {
    throw ProjectionError("PROJ cannot normalise the axis order of '" + crs.definition + "'");
  }
}

Projection::Projection(MapCrs crs, std::unique_ptr<Handles> handles)
    : m_crs(std::move(crs)), m_handles(std::move(handles)) {}

Projection Projection::azimuthalEquidistant(LonLat centre) {
  char params[128];
  std::snprintf(params, sizeof params, "+lat_0=%.10f +lon_0=%.10f", centre.lat, centre.lon);
  // A locale with a decimal comma would make this unreadable to PROJ.
  for (char* c = params; *c; ++c)
    if (*c == ',') *c = '.';
  MapCrs crs;
  crs.definition = std::string("+proj=aeqd ") + params + " +datum=WGS84 +units=m +no_defs +type=crs";
  crs.id = crs.label = crs.definition;
  crs.pipeline = std::string("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=aeqd ") +
                 params + " +x_0=0 +y_0=0 +ellps=WGS84";
  return Projection(crs);
}

Projection Projection::clone() const {
  auto handles = std::make_unique<Handles>();
  handles->ctx = proj_context_create();
  proj_context_set_enable_network(handles->ctx, 0);
  proj_log_level(handles->ctx, PJ_LOG_NONE);
  handles->target = proj_clone(handles->ctx, m_handles->target);
  handles->transform = proj_clone(handles->ctx, m_handles->transform);
  if (!handles->target || !handles->transform) return Projection(m_crs);  // the slow way, same result
  return Projection(m_crs, std::move(handles));
}

Projection::~Projection() = default;
Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;

std::string Projection::wkt() const {
  const char* text = proj_as_wkt(m_handles->ctx, m_handles->target, PJ_WKT2_2019, nullptr);
  return text ? std::string(text) : std::string();
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
bool finite(double a, double b) { return std::isfinite(a) && std::isfinite(b) && a != HUGE_VAL && b != HUGE_VAL; }
}  // namespace

MapXY Projection::forward(LonLat p) const {
  PJ_COORD c = proj_coord(p.lon, p.lat, 0, 0);
  PJ_COORD r = proj_trans(m_handles->transform, PJ_FWD, c);
  if (!finite(r.xy.x, r.xy.y)) return {kNaN, kNaN};
  return {r.xy.x, r.xy.y};
}

LonLat Projection::inverse(MapXY p) const {
  PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
  PJ_COORD r = proj_trans(m_handles->transform, PJ_INV, c);
  if (!finite(r.lp.lam, r.lp.phi)) return {kNaN, kNaN};
  return {r.lp.lam, r.lp.phi};
}

void Projection::forward(std::span<const LonLat> in, std::span<MapXY> out) const {
  const size_t n = std::min(in.size(), out.size());
  for (size_t i = 0; i < n; ++i) out[i] = MapXY{in[i].lon, in[i].lat};
  if (n == 0) return;
  // LonLat and MapXY are both two packed doubles, so PROJ can work in place with a stride.
  proj_trans_generic(m_handles->transform, PJ_FWD, &out[0].x, sizeof(MapXY), n, &out[0].y, sizeof(MapXY), n,
                     nullptr, 0, 0, nullptr, 0, 0);
  for (size_t i = 0; i < n; ++i) {
    if (!finite(out[i].x, out[i].y)) out[i] = {kNaN, kNaN};
  }
}

}  // namespace briefmap::geo
