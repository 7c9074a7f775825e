#pragma once
// Inside the workspace module: the tables, their rows as OGR features, and the GDAL dataset that holds them.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/workspace/workspace.hpp"

namespace briefmap::workspace::detail {

inline constexpr const char* kMetaTable = "briefmap_meta";
inline constexpr const char* kOptionsTable = "options";
inline constexpr const char* kFeaturesTable = "features";
inline constexpr const char* kFactsTable = "facts";
inline constexpr const char* kDocumentsTable = "documents";
inline constexpr const char* kCandidatesTable = "candidates";
inline constexpr const char* kBriefingsTable = "briefings";
inline constexpr const char* kChangesTable = "changes";
inline constexpr const char* kFormatName = "briefmap-workspace";

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

/// Now, UTC, ISO 8601 to the second.
std::string nowUtc();
/// GDAL's last error message, or "unknown error".
std::string lastGdalError();
/// Inserts a row; throws WorkspaceError naming the workspace and table.
void putRow(OGRLayer& layer, OGRFeature& row, const std::string& workspaceName);
/// One line of the change log (what, who, when), in the caller's transaction.
void logChange(GDALDataset& ds, const std::string& label, const std::string& kind, const std::string& uid,
               const std::string& workspaceName);
/// Takes the writer lock (see store.cpp) at the start of a transaction that writes.
void takeWriterLock(GDALDataset& ds, const std::string& workspaceName);

/// A transaction that rolls back unless committed.
class Transaction {
 public:
  Transaction(GDALDataset& ds, const std::string& name) : m_ds(ds), m_name(name) {
    if (m_ds.StartTransaction(FALSE) != OGRERR_NONE)
      throw WorkspaceError(name + ": cannot start a transaction: " + lastGdalError());
    m_open = true;
  }
  ~Transaction() {
    if (m_open) m_ds.RollbackTransaction();
  }
  void commit() {
    m_open = false;
    if (m_ds.CommitTransaction() != OGRERR_NONE) throw WorkspaceError(m_name + ": cannot commit: " + lastGdalError());
  }

 private:
  GDALDataset& m_ds;
  std::string m_name;
  bool m_open = false;
};

/// SQL text literal: 'it''s'.
std::string quoted(const std::string& text);

/// Creates every table and index in an empty dataset (inside the caller's transaction).
void createSchema(GDALDataset& ds, bool postgres);

/// The layer of a table; throws WorkspaceError naming the workspace when it is missing.
OGRLayer& table(GDALDataset& ds, const char* name, const std::string& workspaceName);

FeatureRecord featureFromOgr(OGRFeature& row);
void featureToOgr(const FeatureRecord& record, OGRFeature& row);
FactRecord factFromOgr(OGRFeature& row);
void factToOgr(const FactRecord& record, OGRFeature& row);
CandidateRecord candidateFromOgr(OGRFeature& row);
void candidateToOgr(const CandidateRecord& record, OGRFeature& row);

/// The JSON kept for sources, an option's definition (as options.json has it, without features and facts) and
/// a preset (as options.json has it).
nlohmann::json sourcesJson(const std::vector<options::SourceRef>& sources);
nlohmann::json optionDefinition(const options::Option& option);
nlohmann::json presetJson(const options::Preset& preset);

/// Writes the option and preset edits of a change (inside the caller's transaction, after the writer lock).
/// Returns a conflict's reason, or empty when every edit was written; throws WorkspaceError on failure.
std::string writeCatalogEdits(GDALDataset& ds, Change& change, const std::string& workspaceName);

/// Rows of a table whose `column` equals `value` (all rows when column is empty), in fid order.
std::vector<std::unique_ptr<OGRFeature>> rowsWhere(OGRLayer& layer, const std::string& column, const std::string& value);

}  // namespace briefmap::workspace::detail

namespace briefmap::workspace {
/// The workspace's dataset (one connection; the workspace is used from one thread at a time).
struct Workspace::Impl {
  detail::DatasetPtr ds;
};
}  // namespace briefmap::workspace
