#include "briefmap/workspace/workspace.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <random>
#include <regex>
#include <sys/stat.h>
#include <fcntl.h>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/content_cache.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "store.hpp"

namespace briefmap::workspace {

using nlohmann::json;
using namespace detail;


namespace {



// Stances, presets and the documents' descriptions, as options.json has them.
json catalogExtras(const options::OptionCatalog& catalog) {
  json stances = json::object();
  for (const auto& s : catalog.stances) stances[s.id] = {{"label", s.label}, {"colour", s.colour}};
  json presets = json::array();
  for (const auto& p : catalog.presets) presets.push_back(presetJson(p));
  json documents = json::array();
  for (const auto& [doc, what] : catalog.documents) documents.push_back({{"doc", doc}, {"what", what}});
  return {{"stances", stances}, {"presets", presets}, {"documents", documents}};
}

// Whether this process may change the file: it and its folder writable (SQLite writes a journal beside it).
bool fileWritable(const std::string& path) {
  const std::filesystem::path p(path);
  const auto folder = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
  return access(path.c_str(), W_OK) == 0 && access(folder.c_str(), W_OK) == 0;
}

DatasetPtr openDataset(const std::string& target, bool update) {
  const bool postgres = Workspace::isPostgresTarget(target);
  const char* const drivers[] = {postgres ? "PostgreSQL" : "GPKG", nullptr};
  // A second briefmap (or QGIS) may hold the file for a moment: wait for it rather than fail at once.
  CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "busy_timeout=10000");
  CPLErrorReset();
  auto* ds = static_cast<GDALDataset*>(
      GDALOpenEx(target.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY), drivers, nullptr, nullptr));
  CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", nullptr);
  return DatasetPtr(ds);
}

bool hasPostgis(GDALDataset& ds) {
  CPLErrorReset();
  CPLPushErrorHandler(CPLQuietErrorHandler);
  OGRLayer* result = ds.ExecuteSQL("SELECT postgis_version() AS v", nullptr, nullptr);
  CPLPopErrorHandler();
  const bool ok = result != nullptr && CPLGetLastErrorType() < CE_Failure;
  if (result) ds.ReleaseResultSet(result);
  CPLErrorReset();
  return ok;
}

std::optional<std::string> metaValue(GDALDataset& ds, const std::string& key, const std::string& name) {
  auto rows = rowsWhere(table(ds, kMetaTable, name), "key", key);
  if (rows.empty()) return std::nullopt;
  const int i = rows.front()->GetFieldIndex("value");
  return i >= 0 ? std::optional<std::string>(rows.front()->GetFieldAsString(i)) : std::nullopt;
}


void insertMeta(GDALDataset& ds, const std::string& key, const std::string& value, const std::string& name) {
  OGRLayer& meta = table(ds, kMetaTable, name);
  OGRFeature row(meta.GetLayerDefn());
  row.SetField("key", key.c_str());
  row.SetField("value", value.c_str());
  putRow(meta, row, name);
}




void fillFromCatalog(GDALDataset& ds, const options::OptionCatalog& bundled, const std::string& name) {
  insertMeta(ds, "format", kFormatName, name);
  insertMeta(ds, "version", std::to_string(kFormatVersion), name);
  insertMeta(ds, "created", nowUtc(), name);
  insertMeta(ds, "catalog", catalogExtras(bundled).dump(), name);
  OGRLayer& optionsTable = table(ds, kOptionsTable, name);
  OGRLayer& featuresTable = table(ds, kFeaturesTable, name);
  OGRLayer& factsTable = table(ds, kFactsTable, name);
  int position = 0;
  for (const auto& option : bundled.options) {
    OGRFeature row(optionsTable.GetLayerDefn());
    row.SetField("option_id", option.id.c_str());
    row.SetField("position", position++);
    row.SetField("origin", "bundled");
    row.SetField("definition", optionDefinition(option).dump().c_str());
    putRow(optionsTable, row, name);
    int n = 0;
    for (const auto& f : option.features.features) {
      FeatureRecord r;
      r.option = option.id;
      r.layer = f.properties.value("layer", std::string());
      r.uid = f.properties.value("id", std::string());
      if (r.uid.empty()) r.uid = option.id + "-" + std::to_string(n);
      ++n;
      r.feature = f;
      r.version = 1;
      OGRFeature out(featuresTable.GetLayerDefn());
      featureToOgr(r, out);
      putRow(featuresTable, out, name);
    }
    int factPosition = 0;
    for (const auto& fact : option.facts) {
      FactRecord r;
      r.uid = option.id + "-fact-" + std::to_string(factPosition);
      r.option = option.id;
      r.position = factPosition++;
      r.fact = fact;
      r.version = 1;
      OGRFeature out(factsTable.GetLayerDefn());
      factToOgr(r, out);
      putRow(factsTable, out, name);
    }
  }
  logChange(ds, "Create workspace", "workspace", "", name);
}

std::string readOnlyReason(const Workspace& w) { return w.name() + " is open read-only: nothing can be changed"; }

}  // namespace

const char* toString(CandidateStatus status) {
  switch (status) {
    case CandidateStatus::Pending: return "pending";
    case CandidateStatus::Accepted: return "accepted";
    case CandidateStatus::Rejected: return "rejected";
  }
  return "pending";
}

std::optional<CandidateStatus> candidateStatusFrom(const std::string& text) {
  if (text == "pending") return CandidateStatus::Pending;
  if (text == "accepted") return CandidateStatus::Accepted;
  if (text == "rejected") return CandidateStatus::Rejected;
  return std::nullopt;
}

Change Change::inverse() const {
  Change out;
  out.label = label;
  for (auto it = features.rbegin(); it != features.rend(); ++it) out.features.push_back({it->after, it->before});
  for (auto it = facts.rbegin(); it != facts.rend(); ++it) out.facts.push_back({it->after, it->before});
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) out.candidates.push_back({it->after, it->before});
  for (auto it = options.rbegin(); it != options.rend(); ++it) out.options.push_back({it->after, it->before});
  for (auto it = presets.rbegin(); it != presets.rend(); ++it) out.presets.push_back({it->after, it->before});
  return out;
}

std::string sha256Hex(std::string_view bytes) { return data::sha256Hex(bytes); }

std::string newFeatureUid() {
  static std::mt19937_64 random{std::random_device{}()};
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "a-%012llx", static_cast<unsigned long long>(random() & 0xffffffffffffULL));
  return buffer;
}

std::string Workspace::author() {
  if (const char* who = std::getenv("BRIEFMAP_AUTHOR"); who && *who) return who;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

bool Workspace::isPostgresTarget(const std::string& target) { return target.rfind("PG:", 0) == 0; }

std::string Workspace::displayName(const std::string& target) {
  if (!isPostgresTarget(target)) return target;
  // password=secret, password='a b', and postgresql://user:secret@host
  std::string shown = std::regex_replace(target, std::regex(R"(password\s*=\s*('([^'\\]|\\.)*'|\S+))"), "password=***");
  shown = std::regex_replace(shown, std::regex(R"((postgres(ql)?://[^:/@\s]+):[^@\s]*@)"), "$1:***@");
  return shown;
}

Workspace::Workspace(std::string target, GDALDataset* dataset, bool readOnly)
    : m(std::make_unique<Impl>()), m_name(displayName(target)), m_readOnly(readOnly), m_postgres(isPostgresTarget(target)) {
  m->ds.reset(dataset);
}

Workspace::~Workspace() = default;

std::unique_ptr<Workspace> Workspace::create(const std::string& target, const options::OptionCatalog& bundled) {
  const std::string name = displayName(target);
  data::configureGdalOffline();
  if (isPostgresTarget(target)) {
    DatasetPtr ds = openDataset(target, true);
    if (!ds) throw WorkspaceError(name + ": cannot connect: " + lastGdalError());
    if (!hasPostgis(*ds))
      throw WorkspaceError(name + ": the database has no PostGIS (run CREATE EXTENSION postgis as its owner)");
    if (ds->GetLayerByName(kMetaTable)) throw WorkspaceError(name + ": already holds a briefmap workspace");
    {
      Transaction transaction(*ds, name);
      createSchema(*ds, true);
      fillFromCatalog(*ds, bundled, name);
      transaction.commit();
    }
    ds.reset();
    return open(target);
  }
  const std::filesystem::path path(target);
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
    throw WorkspaceError(name + ": already exists (open it, or choose a new name)");
  if (path.extension() != ".gpkg") throw WorkspaceError(name + ": a workspace file must end in .gpkg");
  // Built under a temporary name and linked into place complete: a crash leaves no half workspace.
  // "<target>.tmp-<pid>…" as every writer names its temporary: an interrupted command removes it, and a
  // killed one's is removed by the next writer of the target.
  data::removeStaleTemporaries(path);
  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(getpid()) + ".gpkg";
  std::filesystem::remove(temporary, ec);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw WorkspaceError("GDAL has no GeoPackage driver");
  try {
    CPLErrorReset();
    DatasetPtr ds(driver->Create(temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw WorkspaceError(name + ": cannot create: " + lastGdalError());
    {
      Transaction transaction(*ds, name);
      createSchema(*ds, false);
      fillFromCatalog(*ds, bundled, name);
      transaction.commit();
    }
    ds->FlushCache();
    GDALDataset* raw = ds.release();
    CPLErrorReset();
    GDALClose(raw);
    if (CPLGetLastErrorType() >= CE_Failure)
      throw WorkspaceError(name + ": cannot finish writing: " + lastGdalError());
    int fd = ::open(temporary.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) throw WorkspaceError(name + ": cannot write to disk: " + std::strerror(errno));
    if (::link(temporary.c_str(), path.c_str()) != 0)
      throw WorkspaceError(name + ": cannot create: " + std::strerror(errno));
    std::filesystem::remove(temporary, ec);
  } catch (...) {
    std::filesystem::remove(temporary, ec);
    throw;
  }
  return open(target);
}

std::unique_ptr<Workspace> Workspace::open(const std::string& target, OpenMode mode) {
  const std::string name = displayName(target);
  data::configureGdalOffline();
  const bool postgres = isPostgresTarget(target);
  bool readOnly = mode == OpenMode::ReadOnly;
  if (!postgres) {
    std::error_code ec;
    const auto status = std::filesystem::status(target, ec);
    if (!std::filesystem::exists(status))
      throw WorkspaceError(name + ": no such workspace (create one with: briefmap workspace create " + target + ")");
    if (!std::filesystem::is_regular_file(status)) throw WorkspaceError(name + ": is not a file");
    readOnly = readOnly || !fileWritable(target);
  }
  DatasetPtr ds = openDataset(target, !readOnly);
  if (!ds && !postgres && !readOnly) {  // e.g. a file on a read-only mount
    ds = openDataset(target, false);
    readOnly = ds != nullptr;
  }
  if (!ds) {
    if (postgres) throw WorkspaceError(name + ": cannot connect: " + lastGdalError());
    throw WorkspaceError(name + ": is not a GeoPackage, so not a briefmap workspace");
  }
  if (postgres && !hasPostgis(*ds))
    throw WorkspaceError(name + ": the database has no PostGIS (run CREATE EXTENSION postgis as its owner)");
  if (!ds->GetLayerByName(kMetaTable))
    throw WorkspaceError(name + ": is not a briefmap workspace (it has no " + kMetaTable + " table)");
  const auto format = metaValue(*ds, "format", name);
  if (format != std::string(kFormatName)) throw WorkspaceError(name + ": is not a briefmap workspace");
  const int version = std::atoi(metaValue(*ds, "version", name).value_or("0").c_str());
  if (version > kFormatVersion)
    throw WorkspaceError(name + ": was written by a newer briefmap (workspace format " + std::to_string(version) +
                         "; this one reads up to " + std::to_string(kFormatVersion) + ")");
  if (version < 1) throw WorkspaceError(name + ": has no valid format version");
  for (const char* t : {kOptionsTable, kFeaturesTable, kFactsTable, kDocumentsTable, kCandidatesTable, kBriefingsTable,
                        kChangesTable})
    table(*ds, t, name);
  return std::unique_ptr<Workspace>(new Workspace(target, ds.release(), readOnly));
}

options::OptionCatalog Workspace::catalog(const std::filesystem::path& sourcesDir) const {
  GDALDataset& ds = *m->ds;
  json index = parsedCatalogExtras();
  json optionsJson = json::array();
  for (const auto& row : rowsWhere(table(ds, kOptionsTable, m_name), "", "")) {
    json definition = json::parse(row->GetFieldAsString("definition"), nullptr, false);
    if (!definition.is_object()) throw WorkspaceError(m_name + ": option " + row->GetFieldAsString("option_id") + " is damaged");
    definition["position"] = row->GetFieldAsInteger("position");
    optionsJson.push_back(std::move(definition));
  }
  std::stable_sort(optionsJson.begin(), optionsJson.end(),
                   [](const json& a, const json& b) { return a.value("position", 0) < b.value("position", 0); });
  index["options"] = optionsJson;
  std::map<std::string, std::vector<data::Feature>> byOption;
  for (auto& r : features()) byOption[r.option].push_back(std::move(r.feature));
  options::OptionCatalog out;
  try {
    out = options::catalogFromIndex(index, m_name, [&](const std::string& option, const std::string&) {
      return std::move(byOption[option]);
    });
  } catch (const data::DataError& e) {
    throw WorkspaceError(e.what());
  }
  std::map<std::string, std::vector<options::Fact>> factsByOption;
  for (auto& f : facts()) factsByOption[f.option].push_back(std::move(f.fact));
  for (auto& option : out.options) {
    option.facts = std::move(factsByOption[option.id]);
    option.features.source = m_name;
    // A layer that features use but the definition does not list (accepted or drawn into a new layer).
    for (const auto& f : option.features.features) {
      const std::string layer = f.properties.value("layer", std::string());
      if (layer.empty() || std::any_of(option.layers.begin(), option.layers.end(), [&](const auto& l) { return l.id == layer; }))
        continue;
      if (layer == kAcceptedLayer)
        option.layers.push_back({layer, "Accepted from documents", "Places named in the documents, accepted by the analyst"});
      else if (layer == "analyst")
        option.layers.push_back({layer, "Drawn by the analyst", "Points, lines and zones the analyst drew; no document states them"});
      else
        option.layers.push_back({layer, layer, "Drawn by the analyst"});
    }
  }
  out.sourcesDir = sourcesDir;
  return out;
}

json Workspace::parsedCatalogExtras() const {
  json extras = json::parse(metaValue(*m->ds, "catalog", m_name).value_or("{}"), nullptr, false);
  return extras.is_object() ? extras : json::object();
}

std::vector<FeatureRecord> Workspace::features(const std::string& option) const {
  std::vector<FeatureRecord> out;
  for (const auto& row : rowsWhere(table(*m->ds, kFeaturesTable, m_name), option.empty() ? "" : "option_id", option))
    out.push_back(featureFromOgr(*row));
  return out;
}

std::optional<FeatureRecord> Workspace::feature(const std::string& uid) const {
  auto rows = rowsWhere(table(*m->ds, kFeaturesTable, m_name), "uid", uid);
  if (rows.empty()) return std::nullopt;
  return featureFromOgr(*rows.front());
}

std::vector<FactRecord> Workspace::facts(const std::string& option) const {
  std::vector<FactRecord> out;
  for (const auto& row : rowsWhere(table(*m->ds, kFactsTable, m_name), option.empty() ? "" : "option_id", option))
    out.push_back(factFromOgr(*row));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.option, a.position) < std::tie(b.option, b.position);
  });
  return out;
}

std::vector<CandidateRecord> Workspace::candidates(bool pendingOnly) const {
  std::vector<CandidateRecord> out;
  for (const auto& row : rowsWhere(table(*m->ds, kCandidatesTable, m_name), pendingOnly ? "status" : "", "pending"))
    out.push_back(candidateFromOgr(*row));
  return out;
}

std::optional<CandidateRecord> Workspace::candidate(const std::string& id) const {
  auto rows = rowsWhere(table(*m->ds, kCandidatesTable, m_name), "cand_id", id);
  if (rows.empty()) return std::nullopt;
  return candidateFromOgr(*rows.front());
}

std::vector<DocumentRecord> Workspace::documents() const {
  std::vector<DocumentRecord> out;
  for (const auto& row : rowsWhere(table(*m->ds, kDocumentsTable, m_name), "", ""))
    out.push_back({row->GetFieldAsString("doc_hash"), row->GetFieldAsString("path"), row->GetFieldAsString("title"),
                   row->GetFieldAsString("doc_date"), row->GetFieldAsString("read_at")});
  return out;
}

namespace {

// Checks that the stored row is what the change says it replaces; returns the stored row's fid (-1: none).
template <typename Record>
GIntBig checkBefore(OGRLayer& layer, const char* keyColumn, const std::string& key, const std::optional<Record>& before,
                    long (*versionOf)(OGRFeature&), std::string& conflict) {
  auto rows = rowsWhere(layer, keyColumn, key);
  if (before) {
    if (rows.empty()) conflict = "was deleted by someone else";
    else if (versionOf(*rows.front()) != before->version) conflict = "was changed by someone else";
  } else if (!rows.empty()) {
    conflict = "already exists";
  }
  return rows.empty() ? -1 : rows.front()->GetFID();
}

long storedVersion(OGRFeature& row) {
  const int i = row.GetFieldIndex("version");
  return i >= 0 && row.IsFieldSetAndNotNull(i) ? static_cast<long>(row.GetFieldAsInteger64(i)) : 1;
}

template <typename Record, typename ToOgr>
void writeRow(OGRLayer& layer, GIntBig fid, const std::optional<Record>& after, ToOgr toOgr, const std::string& name) {
  if (!after) {
    if (fid >= 0 && layer.DeleteFeature(fid) != OGRERR_NONE)
      throw WorkspaceError(name + ": cannot delete from " + layer.GetName() + ": " + lastGdalError());
    return;
  }
  OGRFeature row(layer.GetLayerDefn());
  toOgr(*after, row);
  if (fid >= 0) {
    row.SetFID(fid);
    if (layer.SetFeature(&row) != OGRERR_NONE)
      throw WorkspaceError(name + ": cannot write to " + layer.GetName() + ": " + lastGdalError());
  } else {
    putRow(layer, row, name);
  }
}

}  // namespace

CommitResult Workspace::commit(const Change& change) {
  CommitResult result;
  if (m_readOnly) return {CommitResult::Status::Failed, readOnlyReason(*this), {}};
  if (change.empty()) return {CommitResult::Status::Committed, {}, change};
  GDALDataset& ds = *m->ds;
  Change committed = change;
  const std::string who = author(), when = nowUtc();
  try {
    Transaction transaction(ds, m_name);
    takeWriterLock(ds, m_name);
    OGRLayer& featuresTable = table(ds, kFeaturesTable, m_name);
    OGRLayer& factsTable = table(ds, kFactsTable, m_name);
    OGRLayer& candidatesTable = table(ds, kCandidatesTable, m_name);
    for (auto& edit : committed.features) {
      const std::string uid = edit.after ? edit.after->uid : edit.before ? edit.before->uid : std::string();
      std::string conflict;
      const GIntBig fid = checkBefore(featuresTable, "uid", uid, edit.before, storedVersion, conflict);
      if (!conflict.empty()) {
        const auto& shown = edit.before ? edit.before : edit.after;
        return {CommitResult::Status::Conflict,
                "'" + shown->feature.properties.value("name", uid) + "' " + conflict + "; nothing was changed", {}};
      }
      if (edit.after) {
        edit.after->version = (edit.before ? edit.before->version : 0) + 1;
        edit.after->feature.properties["author"] = who;
        edit.after->feature.properties["modified"] = when;
      }
      writeRow(featuresTable, fid, edit.after, featureToOgr, m_name);
      logChange(ds, change.label, "feature", uid, m_name);
    }
    for (auto& edit : committed.facts) {
      const std::string uid = edit.after ? edit.after->uid : edit.before ? edit.before->uid : std::string();
      std::string conflict;
      const GIntBig fid = checkBefore(factsTable, "uid", uid, edit.before, storedVersion, conflict);
      if (!conflict.empty()) return {CommitResult::Status::Conflict, "the fact " + uid + " " + conflict + "; nothing was changed", {}};
      if (edit.after) edit.after->version = (edit.before ? edit.before->version : 0) + 1;
      writeRow(factsTable, fid, edit.after, factToOgr, m_name);
      logChange(ds, change.label, "fact", uid, m_name);
    }
    for (auto& edit : committed.candidates) {
      std::string conflict;
      const GIntBig fid = checkBefore(candidatesTable, "cand_id", edit.before.id, std::optional<CandidateRecord>(edit.before),
                                      storedVersion, conflict);
      if (!conflict.empty())
        return {CommitResult::Status::Conflict, "the candidate " + edit.before.id + " " + conflict + "; nothing was changed", {}};
      edit.after.version = edit.before.version + 1;
      writeRow(candidatesTable, fid, std::optional<CandidateRecord>(edit.after), candidateToOgr, m_name);
      logChange(ds, change.label, "candidate", edit.after.id, m_name);
    }
    if (std::string conflict = writeCatalogEdits(ds, committed, m_name); !conflict.empty())
      return {CommitResult::Status::Conflict, conflict + "; nothing was changed", {}};
    transaction.commit();
  } catch (const WorkspaceError& e) {
    return {CommitResult::Status::Failed, e.what(), {}};
  }
  result.committed = std::move(committed);
  return result;
}

Change Workspace::acceptChange(const CandidateRecord& candidate, const std::string& optionId, const std::string& layerId) const {
  const std::string option = optionId.empty() ? candidate.option : optionId;
  const std::string layer = layerId.empty() ? kAcceptedLayer : layerId;
  if (rowsWhere(table(*m->ds, kOptionsTable, m_name), "option_id", option).empty())
    throw WorkspaceError(m_name + ": has no option '" + option + "'");
  if (candidate.status == CandidateStatus::Accepted)
    throw WorkspaceError("candidate " + candidate.id + " is already accepted (feature " + candidate.featureUid + ")");
  Change change;
  change.label = "Accept " + candidate.place + " into " + option;
  data::Feature accepted = candidate.feature;
  accepted.properties["option"] = option;
  accepted.properties["layer"] = layer;
  const std::string name = accepted.properties.value("name", candidate.place);
  const bool stated = accepted.properties.value("placement", std::string()) == "stated";
  std::optional<FeatureRecord> existing;
  for (auto& f : features(option))
    if (f.layer == layer && f.feature.properties.value("name", std::string()) == name) {
      existing = std::move(f);
      break;
    }
  std::string uid;
  if (existing) {
    // A place accepted again from another sentence gains a source rather than a second point.
    FeatureRecord after = *existing;
    after.feature.properties["sources"] = sourcesJson(options::sourcesOf(existing->feature));
    after.feature.properties["sources"].push_back({{"doc", candidate.doc}, {"quote", candidate.quote}});
    if (stated) after.feature.properties["placement"] = "stated";
    uid = after.uid;
    change.features.push_back({existing, after});
  } else {
    FeatureRecord after;
    uid = "c-" + candidate.id + (option == candidate.option ? std::string() : "-" + option);
    after.uid = uid;
    after.option = option;
    after.layer = layer;
    after.feature = std::move(accepted);
    change.features.push_back({std::nullopt, after});
  }
  CandidateRecord decided = candidate;
  decided.status = CandidateStatus::Accepted;
  decided.featureUid = uid;
  change.candidates.push_back({candidate, decided});
  return change;
}

Change Workspace::rejectChange(const CandidateRecord& candidate) const {
  if (candidate.status == CandidateStatus::Accepted)
    throw WorkspaceError("candidate " + candidate.id + " is accepted as feature " + candidate.featureUid +
                         "; delete that feature (or undo the acceptance) first");
  Change change;
  change.label = "Reject " + candidate.place;
  CandidateRecord decided = candidate;
  decided.status = CandidateStatus::Rejected;
  change.candidates.push_back({candidate, decided});
  return change;
}

CommitResult History::apply(const Change& change) {
  CommitResult result = m_workspace->commit(change);
  if (!result.ok()) return result;
  m_undo.push_back(result.committed);
  m_redo.clear();
  return result;
}

CommitResult History::undo() {
  if (m_undo.empty()) return {CommitResult::Status::Failed, "nothing to undo", {}};
  CommitResult result = m_workspace->commit(m_undo.back().inverse());
  if (!result.ok()) return result;
  m_undo.pop_back();
  m_redo.push_back(result.committed);
  return result;
}

CommitResult History::redo() {
  if (m_redo.empty()) return {CommitResult::Status::Failed, "nothing to redo", {}};
  CommitResult result = m_workspace->commit(m_redo.back().inverse());
  if (!result.ok()) return result;
  m_redo.pop_back();
  m_undo.push_back(result.committed);
  return result;
}

std::vector<std::string> Workspace::briefingIds() const {
  std::vector<std::string> out;
  for (const auto& row : rowsWhere(table(*m->ds, kBriefingsTable, m_name), "", ""))
    out.push_back(row->GetFieldAsString("briefing_id"));
  return out;
}

std::optional<std::string> Workspace::briefing(const std::string& id) const {
  auto rows = rowsWhere(table(*m->ds, kBriefingsTable, m_name), "briefing_id", id);
  if (rows.empty()) return std::nullopt;
  return std::string(rows.front()->GetFieldAsString("content"));
}

void Workspace::saveBriefing(const std::string& id, const std::string& content) {
  if (m_readOnly) throw WorkspaceError(readOnlyReason(*this));
  GDALDataset& ds = *m->ds;
  Transaction transaction(ds, m_name);
  takeWriterLock(ds, m_name);
  OGRLayer& briefings = table(ds, kBriefingsTable, m_name);
  auto rows = rowsWhere(briefings, "briefing_id", id);
  OGRFeature row(briefings.GetLayerDefn());
  row.SetField("briefing_id", id.c_str());
  row.SetField("content", content.c_str());
  row.SetField("modified", nowUtc().c_str());
  row.SetField("version", static_cast<GIntBig>(rows.empty() ? 1 : storedVersion(*rows.front()) + 1));
  if (rows.empty()) {
    putRow(briefings, row, m_name);
  } else {
    row.SetFID(rows.front()->GetFID());
    if (briefings.SetFeature(&row) != OGRERR_NONE) throw WorkspaceError(m_name + ": cannot save briefing " + id + ": " + lastGdalError());
  }
  logChange(ds, "Save briefing " + id, "briefing", id, m_name);
  transaction.commit();
}

std::int64_t Workspace::lastChange() const {
  CPLErrorReset();
  OGRLayer* result = m->ds->ExecuteSQL("SELECT MAX(fid) AS seq FROM changes", nullptr, nullptr);
  if (!result) throw WorkspaceError(m_name + ": cannot read the change log: " + lastGdalError());
  std::int64_t seq = 0;
  if (std::unique_ptr<OGRFeature> row{result->GetNextFeature()}; row && row->IsFieldSetAndNotNull(0))
    seq = row->GetFieldAsInteger64(0);
  m->ds->ReleaseResultSet(result);
  return seq;
}

std::vector<ChangeNote> Workspace::changesSince(std::int64_t sequence) const {
  OGRLayer& changes = table(*m->ds, kChangesTable, m_name);
  const std::string filter = "fid > " + std::to_string(sequence);
  changes.SetAttributeFilter(filter.c_str());
  changes.ResetReading();
  std::vector<ChangeNote> out;
  while (std::unique_ptr<OGRFeature> row{changes.GetNextFeature()})
    out.push_back({row->GetFID(), row->GetFieldAsString("label"), row->GetFieldAsString("author"), row->GetFieldAsString("at")});
  changes.SetAttributeFilter(nullptr);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  return out;
}

}  // namespace briefmap::workspace
