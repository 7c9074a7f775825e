#pragma once
// The analyst's workspace: the option catalogue, features with provenance, facts, the documents read and the
// review state of their candidates, and briefings, in one GeoPackage file or one PostgreSQL/PostGIS database
// (a GDAL "PG:" connection string), through the same OGR code. Every change is one transaction; a change
// carries what it replaces, so its inverse is another change (undo, redo) and a stale "before" is a conflict
// (another analyst changed the same row first).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"
#include "briefmap/options/option.hpp"

class GDALDataset;

namespace briefmap::extract {
class Extractor;
class Gazetteer;
struct Document;
struct SentenceAnalysis;
struct Candidate;
}

namespace briefmap::workspace {

/// What went wrong with a workspace, in a sentence that names it (credentials removed) and the reason.
class WorkspaceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The version of the layout this build writes; a workspace with a higher one is refused (from a newer briefmap).
inline constexpr int kFormatVersion = 1;

/// A feature of an option layer. `feature.properties` holds name, placement ("stated", "inferred", "analyst"),
/// note, sources [{doc, quote}], doc/quote/start/end for one taken from a document, author and modified (who
/// and when it last changed), and whatever else it came with (gazetteer, radius_km, derive…).
struct FeatureRecord {
  std::string uid;  ///< unique in the workspace ("us_rzeszow", "a-3f2c…")
  std::string option, layer;
  data::Feature feature;
  long version = 0;  ///< bumped by every committed change of the row
};

/// A statement with no place (force sizes, concepts), attached to an option.
struct FactRecord {
  std::string uid;
  std::string option;
  int position = 0;  ///< order within the option
  options::Fact fact;
  std::string note;
  long version = 0;
};

enum class CandidateStatus { Pending, Accepted, Rejected };
const char* toString(CandidateStatus status);
std::optional<CandidateStatus> candidateStatusFrom(const std::string& text);

/// A place a document names in a relevant sentence, and what the analyst decided about it.
struct CandidateRecord {
  std::string id;      ///< stable: the document's content hash, the place and its offset
  std::string docHash; ///< SHA-256 of the document's bytes
  std::string doc;     ///< document file name
  std::string place, option;
  double relevance = 0;
  CandidateStatus status = CandidateStatus::Pending;
  std::string quote;
  size_t start = 0, end = 0;  ///< the sentence, bytes, end exclusive
  std::string featureUid;     ///< the feature it became when accepted
  data::Feature feature;      ///< the point and its provenance, as it would be accepted into its own option
  long version = 0;
};

struct DocumentRecord {
  std::string hash;  ///< SHA-256 of the bytes, hex
  std::string path, title, date, readAt;
};

/// A document read and analysed, as a workspace records it (the Sources panel analyses on its worker, the
/// workspace records on the main thread).
struct AnalysedDocument {
  DocumentRecord record;
  std::vector<CandidateRecord> candidates;
};
AnalysedDocument analyseDocument(const extract::Document& document, const std::vector<extract::SentenceAnalysis>& sentences,
                                 const std::vector<extract::Candidate>& candidates, const extract::Gazetteer& gazetteer);
/// The stable id of a candidate: the document's content hash, the place's offset and name.
std::string candidateId(const std::string& docHash, size_t placeStart, const std::string& place);

/// An option as the analyst defines it: title, summary, colour, layers and parameters. Its features and facts
/// are rows of their own (`definition.features` and `definition.facts` are not part of the record).
struct OptionRecord {
  options::Option definition;
  int position = 0;     ///< order in the Options panel
  std::string origin;   ///< "bundled" (copied in when the workspace was created) or "analyst"
};

/// One change: rows before and after. A missing "before" inserts, a missing "after" deletes.
struct Change {
  std::string label;  ///< "Accept Odesa", "Rename Kyiv": shown in the Edit menu
  struct FeatureEdit {
    std::optional<FeatureRecord> before, after;
  };
  struct FactEdit {
    std::optional<FactRecord> before, after;
  };
  struct CandidateEdit {
    CandidateRecord before, after;
  };
  std::vector<FeatureEdit> features;
  std::vector<FactEdit> facts;
  std::vector<CandidateEdit> candidates;
  /// An option's definition, or a preset; a stale "before" (the stored one differs) is a conflict, as for rows.
  struct OptionEdit {
    std::optional<OptionRecord> before, after;
  };
  struct PresetEdit {
    std::optional<options::Preset> before, after;
  };
  std::vector<OptionEdit> options;
  std::vector<PresetEdit> presets;

  /// The change that undoes this one (as committed: its "after" versions are the rows now stored).
  Change inverse() const;
  bool empty() const {
    return features.empty() && facts.empty() && candidates.empty() && options.empty() && presets.empty();
  }
};

/// What commit() came to. A conflict names the row another writer changed first; nothing was written.
struct CommitResult {
  enum class Status { Committed, Conflict, Failed };
  Status status = Status::Committed;
  std::string reason;
  Change committed;  ///< with Committed: the change with the versions now stored (undo inverts this)
  bool ok() const { return status == Status::Committed; }
};

/// A change made by anyone, as the change log records it (team sync, the window's "changed by …").
struct ChangeNote {
  std::int64_t sequence = 0;
  std::string label, author, at;
};

enum class OpenMode {
  Auto,      ///< read-write when the file (and its folder) can be written, otherwise read-only
  ReadOnly,  ///< never writes (a colleague's copy, a workspace being looked at)
};

class Workspace {
 public:
  /// Creates a workspace holding the bundled catalogue (options with every quote, features, facts, presets).
  /// A `.gpkg` path must not exist (it is written beside and renamed into place, complete or not at all);
  /// a `PG:` database must have PostGIS and no workspace yet. Throws WorkspaceError.
  static std::unique_ptr<Workspace> create(const std::string& target, const options::OptionCatalog& bundled);
  /// Opens a workspace: read-write when it can be written, otherwise read-only (readOnly() says so).
  /// Throws WorkspaceError for a file that is not a workspace, one from a newer version, a database
  /// without PostGIS or a missing table.
  static std::unique_ptr<Workspace> open(const std::string& target, OpenMode mode = OpenMode::Auto);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  /// The target as shown to people: a path, or a PG: string without its password.
  const std::string& name() const { return m_name; }
  bool readOnly() const { return m_readOnly; }
  bool isPostgres() const { return m_postgres; }

  /// The catalogue as stored now: options, their features and facts, presets. `sourcesDir` is where the
  /// quoted documents are looked up (the bundled ones).
  options::OptionCatalog catalog(const std::filesystem::path& sourcesDir) const;
  std::vector<FeatureRecord> features(const std::string& option = {}) const;
  std::optional<FeatureRecord> feature(const std::string& uid) const;
  std::vector<FactRecord> facts(const std::string& option = {}) const;
  std::vector<CandidateRecord> candidates(bool pendingOnly = false) const;
  std::optional<CandidateRecord> candidate(const std::string& id) const;
  std::vector<DocumentRecord> documents() const;
  /// The options' definitions in panel order, and the presets, as stored now.
  std::vector<OptionRecord> optionRecords() const;
  std::optional<OptionRecord> optionRecord(const std::string& id) const;
  std::vector<options::Preset> presets() const;

  /// Commits one change in one transaction. Every row's "before" must still be what is stored (its version),
  /// otherwise nothing is written and the result is a Conflict naming the row.
  CommitResult commit(const Change& change);

  /// Reads documents with the extractor, records them, and adds their candidates as pending; candidates
  /// already in the workspace (the same document content and place) keep their decision. Returns the new
  /// candidates. One transaction. Throws WorkspaceError (naming the document) and leaves the workspace as it was.
  /// `warnings`, when given, receives what reading a document warned of, "<document>: <warning>" (its encoding
  /// recoded, its findings cut at the bound), as `briefmap extract` and the Sources panel say it.
  std::vector<CandidateRecord> importDocuments(const std::vector<std::filesystem::path>& documents,
                                               const extract::Extractor& extractor,
                                               std::vector<std::string>* warnings = nullptr);
  /// Records documents analysed elsewhere, as importDocuments does. Returns the new candidates.
  std::vector<CandidateRecord> recordDocuments(const std::vector<AnalysedDocument>& documents);

  /// The change that accepts a candidate: a new feature in `option` (the candidate's own when empty) and
  /// `layer` ("accepted" when empty), or a new source on the feature of that place already there.
  Change acceptChange(const CandidateRecord& candidate, const std::string& option = {}, const std::string& layer = {}) const;
  Change rejectChange(const CandidateRecord& candidate) const;

  /// The analyst's own options, layers, parameters and presets. Each returns the change to commit and throws
  /// WorkspaceError with a reason a person can act on (a bad id or colour, a parameter a feature still uses).
  /// A new option: its id is made from the title when empty; it gets one layer when it lists none. A layer or
  /// parameter without an id gets one made from its title or label (and unit): "Cover radius", "km" -> cover_radius_km.
  Change addOptionChange(options::Option definition) const;
  /// A new definition of an existing option (title, summary, colour, layers, parameters). A layer taken away
  /// takes its features with it; a parameter taken away leaves the presets that set it.
  Change editOptionChange(const std::string& id, options::Option definition) const;
  /// Deletes an option with its features and facts, and takes it out of every preset.
  Change deleteOptionChange(const std::string& id) const;
  /// Saves a preset (replacing the one of that id); its options and parameters must exist.
  Change savePresetChange(options::Preset preset) const;
  Change deletePresetChange(const std::string& id) const;

  /// Briefings stored in the workspace (JSON text as the briefing module writes it), by id.
  std::vector<std::string> briefingIds() const;
  std::optional<std::string> briefing(const std::string& id) const;
  void saveBriefing(const std::string& id, const std::string& json);

  /// The last entry of the change log: another writer has committed when it grows.
  std::int64_t lastChange() const;
  std::vector<ChangeNote> changesSince(std::int64_t sequence) const;

  /// The person a change is recorded for: $BRIEFMAP_AUTHOR, else the login name.
  static std::string author();
  /// A target as shown to people: a PG: string loses password=…; a path stays as it is.
  static std::string displayName(const std::string& target);
  static bool isPostgresTarget(const std::string& target);

 private:
  Workspace(std::string target, GDALDataset* dataset, bool readOnly);
  /// Stances, presets and the documents' descriptions (the meta row "catalog").
  nlohmann::json parsedCatalogExtras() const;
  struct Impl;
  std::unique_ptr<Impl> m;
  std::string m_name;
  bool m_readOnly = false;
  bool m_postgres = false;
};

/// Undo and redo over one workspace: every change goes through apply(); undo commits the inverse of the last
/// change, redo commits it again. A conflict or failure leaves both stacks as they were.
class History {
 public:
  explicit History(Workspace& workspace) : m_workspace(&workspace) {}
  CommitResult apply(const Change& change);
  CommitResult undo();
  CommitResult redo();
  /// The label of what undo/redo would do ("Accept Odesa into black_sea"); empty when there is nothing.
  std::string undoLabel() const { return m_undo.empty() ? std::string() : m_undo.back().label; }
  std::string redoLabel() const { return m_redo.empty() ? std::string() : m_redo.back().label; }
  void clear() { m_undo.clear(); m_redo.clear(); }

 private:
  Workspace* m_workspace;
  std::vector<Change> m_undo, m_redo;  ///< as committed
};

/// The layer id of features accepted from documents.
inline constexpr const char* kAcceptedLayer = "accepted";

/// A new unique id for a feature the analyst adds ("a-" and 12 hex digits).
std::string newFeatureUid();

/// SHA-256 of bytes, 64 hex digits.
std::string sha256Hex(std::string_view bytes);

}  // namespace briefmap::workspace
