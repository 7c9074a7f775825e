#include "store.hpp"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "briefmap/data/ogr_convert.hpp"

namespace briefmap::workspace::detail {
namespace {

using nlohmann::json;

struct Column {
  const char* name;
  OGRFieldType type;
};

struct TableSpec {
  const char* name;
  OGRwkbGeometryType geometry;
  std::vector<Column> columns;
  const char* uniqueColumn;  ///< the row's key, indexed unique; null for none
};

const std::vector<TableSpec>& tableSpecs() {
  static const std::vector<TableSpec> specs = {
      {kMetaTable, wkbNone, {{"key", OFTString}, {"value", OFTString}}, "key"},
      {kOptionsTable, wkbNone,
       {{"option_id", OFTString}, {"position", OFTInteger}, {"origin", OFTString}, {"definition", OFTString}},
       "option_id"},
      {kFeaturesTable, wkbUnknown,
       {{"uid", OFTString}, {"option_id", OFTString}, {"layer_id", OFTString}, {"name", OFTString},
        {"placement", OFTString}, {"note", OFTString}, {"doc", OFTString}, {"quote", OFTString},
        {"sources", OFTString}, {"author", OFTString}, {"modified", OFTString}, {"properties", OFTString},
        {"version", OFTInteger64}},
       "uid"},
      {kFactsTable, wkbNone,
       {{"uid", OFTString}, {"option_id", OFTString}, {"position", OFTInteger}, {"statement", OFTString},
        {"troops_min", OFTInteger64}, {"troops_max", OFTInteger64}, {"note", OFTString}, {"doc", OFTString},
        {"quote", OFTString}, {"sources", OFTString}, {"version", OFTInteger64}},
       "uid"},
      {kDocumentsTable, wkbNone,
       {{"doc_hash", OFTString}, {"path", OFTString}, {"title", OFTString}, {"doc_date", OFTString},
        {"read_at", OFTString}},
       "doc_hash"},
      {kCandidatesTable, wkbPoint,
       {{"cand_id", OFTString}, {"doc_hash", OFTString}, {"doc", OFTString}, {"place", OFTString},
        {"option_id", OFTString}, {"relevance", OFTReal}, {"status", OFTString}, {"quote", OFTString},
        {"sent_start", OFTInteger64}, {"sent_end", OFTInteger64}, {"feature_uid", OFTString},
        {"properties", OFTString}, {"version", OFTInteger64}},
       "cand_id"},
      {kBriefingsTable, wkbNone,
       {{"briefing_id", OFTString}, {"content", OFTString}, {"modified", OFTString}, {"version", OFTInteger64}},
       "briefing_id"},
      {kChangesTable, wkbNone,
       {{"label", OFTString}, {"author", OFTString}, {"at", OFTString}, {"kind", OFTString}, {"uid", OFTString}},
       nullptr},
  };
  return specs;
}

std::string text(OGRFeature& row, const char* column) {
  const int i = row.GetFieldIndex(column);
  return i >= 0 && row.IsFieldSetAndNotNull(i) ? row.GetFieldAsString(i) : std::string();
}

long long integer(OGRFeature& row, const char* column, long long fallback = 0) {
  const int i = row.GetFieldIndex(column);
  return i >= 0 && row.IsFieldSetAndNotNull(i) ? row.GetFieldAsInteger64(i) : fallback;
}

std::optional<long> optionalInteger(OGRFeature& row, const char* column) {
  const int i = row.GetFieldIndex(column);
  if (i < 0 || !row.IsFieldSetAndNotNull(i)) return std::nullopt;
  return static_cast<long>(row.GetFieldAsInteger64(i));
}

void setText(OGRFeature& row, const char* column, const std::string& value) {
  const int i = row.GetFieldIndex(column);
  if (i < 0) return;
  if (value.empty()) row.SetFieldNull(i);
  else row.SetField(i, value.c_str());
}

void setInteger(OGRFeature& row, const char* column, std::optional<long long> value) {
  const int i = row.GetFieldIndex(column);
  if (i < 0) return;
  if (value) row.SetField(i, static_cast<GIntBig>(*value));
  else row.SetFieldNull(i);
}

json parsedObject(const std::string& textValue) {
  if (textValue.empty()) return json::object();
  json parsed = json::parse(textValue, nullptr, false);
  return parsed.is_object() ? parsed : json::object();
}

json parsedArray(const std::string& textValue) {
  if (textValue.empty()) return json::array();
  json parsed = json::parse(textValue, nullptr, false);
  return parsed.is_array() ? parsed : json::array();
}

data::Geometry geometryOf(OGRFeature& row) {
  data::Geometry g;
  data::appendOgrGeometry(row.GetGeometryRef(), g);
  return g;
}

void setGeometry(OGRFeature& row, const data::Geometry& g) {
  auto ogr = data::toOgrGeometry(g);
  if (ogr) row.SetGeometryDirectly(ogr.release());
  else row.SetGeometryDirectly(nullptr);
}

// Properties kept in columns of their own (so QGIS shows them); the rest go in `properties` as JSON.
constexpr const char* kFeatureColumns[] = {"name", "placement", "note", "doc", "quote", "sources", "author", "modified"};

}  // namespace

json sourcesJson(const std::vector<options::SourceRef>& sources) {
  json out = json::array();
  for (const auto& s : sources) out.push_back({{"doc", s.doc}, {"quote", s.quote}});
  return out;
}

json optionDefinition(const options::Option& option) {
  json layers = json::array();
  for (const auto& l : option.layers) layers.push_back({{"id", l.id}, {"title", l.title}, {"legend", l.legend}});
  json parameters = json::array();
  for (const auto& p : option.parameters)
    parameters.push_back({{"id", p.id}, {"label", p.label}, {"unit", p.unit}, {"default", p.defaultValue}, {"min", p.min},
                          {"max", p.max}, {"step", p.step}, {"basis", p.basis}, {"sources", sourcesJson(p.sources)}});
  return {{"id", option.id}, {"title", option.title}, {"summary", option.summary}, {"colour", option.colour},
          {"layers", layers}, {"parameters", parameters}};
}

json presetJson(const options::Preset& preset) {
  json parameters = json::object();
  for (const auto& [option, parameter, value] : preset.parameters) parameters[option + "." + parameter] = value;
  return {{"id", preset.id}, {"title", preset.title}, {"options", preset.options}, {"parameters", parameters}};
}

std::string nowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string lastGdalError() {
  std::string message = CPLGetLastErrorMsg();
  return message.empty() ? "unknown error" : message;
}

void putRow(OGRLayer& layer, OGRFeature& row, const std::string& name) {
  if (layer.CreateFeature(&row) != OGRERR_NONE)
    throw WorkspaceError(name + ": cannot write to " + layer.GetName() + ": " + lastGdalError());
}

void logChange(GDALDataset& ds, const std::string& label, const std::string& kind, const std::string& uid,
               const std::string& name) {
  OGRLayer& changes = table(ds, kChangesTable, name);
  OGRFeature row(changes.GetLayerDefn());
  row.SetField("label", label.c_str());
  row.SetField("author", Workspace::author().c_str());
  row.SetField("at", nowUtc().c_str());
  row.SetField("kind", kind.c_str());
  row.SetField("uid", uid.c_str());
  putRow(changes, row, name);
}

// Every write starts by changing the meta row: in SQLite that takes the write lock, in PostgreSQL a row lock,
// so two writers never both read a row's version and both write it.
void takeWriterLock(GDALDataset& ds, const std::string& name) {
  CPLErrorReset();
  ds.ExecuteSQL("UPDATE briefmap_meta SET value = value WHERE key = 'format'", nullptr, nullptr);
  if (CPLGetLastErrorType() >= CE_Failure) throw WorkspaceError(name + ": cannot lock for writing: " + lastGdalError());
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += "''";
    else if (c != '\0') out += c;
  }
  return out + "'";
}

void createSchema(GDALDataset& ds, bool postgres) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  for (const auto& spec : tableSpecs()) {
    char** layerOptions = nullptr;
    layerOptions = CSLSetNameValue(layerOptions, "FID", "fid");
    if (spec.geometry != wkbNone) layerOptions = CSLSetNameValue(layerOptions, "GEOMETRY_NAME", "geom");
    if (postgres) layerOptions = CSLSetNameValue(layerOptions, "PRECISION", "NO");
    OGRLayer* layer = ds.CreateLayer(spec.name, spec.geometry == wkbNone ? nullptr : &wgs84, spec.geometry, layerOptions);
    CSLDestroy(layerOptions);
    if (!layer) throw WorkspaceError(std::string("cannot create table ") + spec.name + ": " + CPLGetLastErrorMsg());
    for (const auto& column : spec.columns) {
      OGRFieldDefn field(column.name, column.type);
      if (layer->CreateField(&field) != OGRERR_NONE)
        throw WorkspaceError(std::string("cannot create column ") + spec.name + "." + column.name + ": " + CPLGetLastErrorMsg());
    }
    layer->SyncToDisk();  // the table (and a GeoPackage's R-tree) exist now, not at close
    if (spec.uniqueColumn) {
      const std::string sql = std::string("CREATE UNIQUE INDEX ") + spec.name + "_" + spec.uniqueColumn + " ON " + spec.name +
                              " (" + spec.uniqueColumn + ")";
      CPLErrorReset();
      ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
      if (CPLGetLastErrorType() >= CE_Failure)
        throw WorkspaceError(std::string("cannot index ") + spec.name + ": " + CPLGetLastErrorMsg());
    }
  }
}

OGRLayer& table(GDALDataset& ds, const char* name, const std::string& workspaceName) {
  OGRLayer* layer = ds.GetLayerByName(name);
  if (!layer) throw WorkspaceError(workspaceName + ": has no table '" + name + "' (not a complete briefmap workspace)");
  return *layer;
}

std::vector<std::unique_ptr<OGRFeature>> rowsWhere(OGRLayer& layer, const std::string& column, const std::string& value) {
  std::vector<std::unique_ptr<OGRFeature>> rows;
  const std::string filter = column.empty() ? std::string() : column + " = " + quoted(value);
  if (layer.SetAttributeFilter(filter.empty() ? nullptr : filter.c_str()) != OGRERR_NONE)
    throw WorkspaceError(std::string("cannot query ") + layer.GetName() + ": " + CPLGetLastErrorMsg());
  layer.ResetReading();
  while (OGRFeature* row = layer.GetNextFeature()) rows.emplace_back(row);
  layer.SetAttributeFilter(nullptr);
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a->GetFID() < b->GetFID(); });
  return rows;
}

FeatureRecord featureFromOgr(OGRFeature& row) {
  FeatureRecord r;
  r.uid = text(row, "uid");
  r.option = text(row, "option_id");
  r.layer = text(row, "layer_id");
  r.version = static_cast<long>(integer(row, "version", 1));
  r.feature.geometry = geometryOf(row);
  json p = parsedObject(text(row, "properties"));
  for (const char* column : kFeatureColumns) {
    if (std::string(column) == "sources") {
      const std::string sources = text(row, "sources");
      if (!sources.empty()) p["sources"] = parsedArray(sources);
      continue;
    }
    const std::string value = text(row, column);
    if (!value.empty()) p[column] = value;
  }
  p["id"] = r.uid;
  p["option"] = r.option;
  p["layer"] = r.layer;
  r.feature.properties = std::move(p);
  return r;
}

void featureToOgr(const FeatureRecord& r, OGRFeature& row) {
  setText(row, "uid", r.uid);
  setText(row, "option_id", r.option);
  setText(row, "layer_id", r.layer);
  json rest = r.feature.properties.is_object() ? r.feature.properties : json::object();
  for (const char* column : kFeatureColumns) {
    auto it = rest.find(column);
    std::string value;
    if (it != rest.end()) value = it->is_string() ? it->get<std::string>() : it->dump();
    setText(row, column, value);
    if (it != rest.end()) rest.erase(it);
  }
  // The first source's document and sentence, for readers that only see columns (QGIS, ogrinfo).
  if (text(row, "doc").empty() || text(row, "quote").empty()) {
    auto sources = options::sourcesOf(r.feature);
    if (!sources.empty()) {
      if (text(row, "doc").empty()) setText(row, "doc", sources.front().doc);
      if (text(row, "quote").empty()) setText(row, "quote", sources.front().quote);
    }
  }
  for (const char* own : {"id", "option", "layer"}) rest.erase(own);
  setText(row, "properties", rest.empty() ? std::string() : rest.dump());
  setInteger(row, "version", r.version);
  setGeometry(row, r.feature.geometry);
}

FactRecord factFromOgr(OGRFeature& row) {
  FactRecord r;
  r.uid = text(row, "uid");
  r.option = text(row, "option_id");
  r.position = static_cast<int>(integer(row, "position"));
  r.fact.text = text(row, "statement");
  r.fact.troopsMin = optionalInteger(row, "troops_min");
  r.fact.troopsMax = optionalInteger(row, "troops_max");
  for (const auto& s : parsedArray(text(row, "sources")))
    if (s.is_object()) r.fact.sources.push_back({s.value("doc", std::string()), s.value("quote", std::string())});
  r.note = text(row, "note");
  r.version = static_cast<long>(integer(row, "version", 1));
  return r;
}

void factToOgr(const FactRecord& r, OGRFeature& row) {
  setText(row, "uid", r.uid);
  setText(row, "option_id", r.option);
  setInteger(row, "position", r.position);
  setText(row, "statement", r.fact.text);
  setInteger(row, "troops_min", r.fact.troopsMin ? std::optional<long long>(*r.fact.troopsMin) : std::nullopt);
  setInteger(row, "troops_max", r.fact.troopsMax ? std::optional<long long>(*r.fact.troopsMax) : std::nullopt);
  setText(row, "note", r.note);
  setText(row, "doc", r.fact.sources.empty() ? std::string() : r.fact.sources.front().doc);
  setText(row, "quote", r.fact.sources.empty() ? std::string() : r.fact.sources.front().quote);
  setText(row, "sources", sourcesJson(r.fact.sources).dump());
  setInteger(row, "version", r.version);
}

CandidateRecord candidateFromOgr(OGRFeature& row) {
  CandidateRecord r;
  r.id = text(row, "cand_id");
  r.docHash = text(row, "doc_hash");
  r.doc = text(row, "doc");
  r.place = text(row, "place");
  r.option = text(row, "option_id");
  const int relevance = row.GetFieldIndex("relevance");
  r.relevance = relevance >= 0 && row.IsFieldSetAndNotNull(relevance) ? row.GetFieldAsDouble(relevance) : 0;
  r.status = candidateStatusFrom(text(row, "status")).value_or(CandidateStatus::Pending);
  r.quote = text(row, "quote");
  r.start = static_cast<size_t>(integer(row, "sent_start"));
  r.end = static_cast<size_t>(integer(row, "sent_end"));
  r.featureUid = text(row, "feature_uid");
  r.feature.geometry = geometryOf(row);
  r.feature.properties = parsedObject(text(row, "properties"));
  r.version = static_cast<long>(integer(row, "version", 1));
  return r;
}

void candidateToOgr(const CandidateRecord& r, OGRFeature& row) {
  setText(row, "cand_id", r.id);
  setText(row, "doc_hash", r.docHash);
  setText(row, "doc", r.doc);
  setText(row, "place", r.place);
  setText(row, "option_id", r.option);
  row.SetField(row.GetFieldIndex("relevance"), r.relevance);
  setText(row, "status", toString(r.status));
  setText(row, "quote", r.quote);
  setInteger(row, "sent_start", static_cast<long long>(r.start));
  setInteger(row, "sent_end", static_cast<long long>(r.end));
  setText(row, "feature_uid", r.featureUid);
  setText(row, "properties", r.feature.properties.dump());
  setInteger(row, "version", r.version);
  setGeometry(row, r.feature.geometry);
}

}  // namespace briefmap::workspace::detail
