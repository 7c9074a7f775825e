// The workspace on both of its stores: the same scripted session on a GeoPackage file and on a real PostGIS
// cluster (started by the test), conflicts between two writers, and the refusals a user meets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <memory>

#include "briefmap/data/resources.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/extract/gazetteer.hpp"
#include "briefmap/options/option.hpp"
#include "briefmap/workspace/workspace.hpp"
#include "pg_cluster.hpp"

namespace fs = std::filesystem;
using namespace briefmap;
using workspace::CandidateStatus;
using workspace::Workspace;

namespace {

const fs::path kGeodata = fs::path(BRIEFMAP_SOURCE_DIR) / "geodata";
const fs::path kSources = kGeodata / "sources";

const options::OptionCatalog& bundled() {
  static const options::OptionCatalog catalog = options::loadOptionCatalog(kGeodata / "options");
  return catalog;
}

const extract::Extractor& extractor() {
  static const extract::Gazetteer gazetteer = extract::Gazetteer::load(kGeodata);
  static const extract::Extractor engine(gazetteer);
  return engine;
}

fs::path tempFolder() {
  char folder[] = "/tmp/briefmap-ws-test.XXXXXX";
  if (!mkdtemp(folder)) throw std::runtime_error("mkdtemp");
  return folder;
}

/// One store per test: a GeoPackage in a temporary folder, or a database of a throwaway PostGIS cluster.
class Store {
 public:
  explicit Store(bool postgres) {
    if (postgres) m_cluster = std::make_unique<test_support::PgCluster>();
    else m_folder = tempFolder();
  }
  ~Store() {
    std::error_code ec;
    if (!m_folder.empty()) fs::remove_all(m_folder, ec);
  }
  std::string target() const { return m_cluster ? m_cluster->connection() : (m_folder / "analyst.gpkg").string(); }
  test_support::PgCluster* cluster() { return m_cluster.get(); }
  const fs::path& folder() const { return m_folder; }

 private:
  std::unique_ptr<test_support::PgCluster> m_cluster;
  fs::path m_folder;
};

const workspace::CandidateRecord& candidateNamed(const std::vector<workspace::CandidateRecord>& all, const std::string& place) {
  for (const auto& c : all)
    if (c.place == place) return c;
  throw std::runtime_error("no candidate for " + place);
}

workspace::Change drawZone(const std::string& uid) {
  workspace::FeatureRecord zone;
  zone.uid = uid;
  zone.option = "buffer_zone";
  zone.layer = "analyst_zones";
  zone.feature.geometry.polygons.push_back({{{{35.0, 47.0}, {36.0, 47.0}, {36.0, 47.6}, {35.0, 47.6}}}});
  zone.feature.properties = {{"name", "Zone drawn"}, {"placement", "analyst"}, {"note", "From the briefing call"}};
  return {"Draw Zone drawn", {{std::nullopt, zone}}, {}, {}};
}

workspace::Change rename(const workspace::FeatureRecord& before, const std::string& name) {
  workspace::FeatureRecord after = before;
  after.feature.properties["name"] = name;
  return {"Rename " + before.feature.properties.value("name", before.uid), {{before, after}}, {}, {}};
}

std::map<std::string, std::string> namesByUid(const Workspace& w, const std::string& option) {
  std::map<std::string, std::string> out;
  for (const auto& f : w.features(option)) out[f.uid] = f.feature.properties.value("name", std::string());
  return out;
}

class WorkspaceStore : public ::testing::TestWithParam<bool> {};

// The scripted session: create, import a document, accept two candidates, draw a zone, edit a name,
// undo twice, redo once. What is left is exactly the two accepted places (one renamed back by the undo) and the
// zone, each with its provenance; reopening shows the same.
TEST_P(WorkspaceStore, ScriptedSessionLeavesExactlyTheExpectedFeaturesWithProvenance) {
  Store store(GetParam());
  auto w = Workspace::create(store.target(), bundled());
  const size_t bundledFeatures = w->features().size();
  ASSERT_GT(bundledFeatures, 20u);

  const auto added = w->importDocuments({kSources / "002_6b673b353e26679b.txt"}, extractor());
  ASSERT_FALSE(added.empty());
  for (const auto& c : added) {
    EXPECT_EQ(c.status, CandidateStatus::Pending);
    EXPECT_NE(c.quote.find(c.feature.properties.value("matched", std::string())), std::string::npos) << c.quote;
  }
  const auto& poland = candidateNamed(added, "Poland");
  const auto& romania = candidateNamed(added, "Romania");

  workspace::History history(*w);
  ASSERT_TRUE(history.apply(w->acceptChange(poland, "us_backstop")).ok());
  ASSERT_TRUE(history.apply(w->acceptChange(*w->candidate(romania.id), "us_backstop")).ok());
  ASSERT_TRUE(history.apply(drawZone("a-zone-1")).ok());
  const auto polandFeature = w->feature(w->candidate(poland.id)->featureUid);
  ASSERT_TRUE(polandFeature);
  ASSERT_TRUE(history.apply(rename(*polandFeature, "Poland (air power)")).ok());
  EXPECT_EQ(history.undoLabel(), "Rename Poland");

  ASSERT_TRUE(history.undo().ok());  // the rename
  ASSERT_TRUE(history.undo().ok());  // the zone
  EXPECT_FALSE(w->feature("a-zone-1"));
  ASSERT_TRUE(history.redo().ok());  // the zone again
  EXPECT_EQ(history.redoLabel(), "Rename Poland");

  auto check = [&](const Workspace& ws) {
    EXPECT_EQ(ws.features().size(), bundledFeatures + 3);
    const auto names = namesByUid(ws, "us_backstop");
    EXPECT_EQ(names.at(polandFeature->uid), "Poland");
    const auto p = ws.feature(polandFeature->uid);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->layer, "accepted");
    EXPECT_EQ(p->feature.properties.value("placement", ""), "stated");
    const auto sources = options::sourcesOf(p->feature);
    ASSERT_EQ(sources.size(), 1u);
    EXPECT_EQ(sources[0].doc, "002_6b673b353e26679b.txt");
    EXPECT_EQ(sources[0].quote, poland.quote);
    EXPECT_FALSE(p->feature.properties.value("author", "").empty());
    const auto zone = ws.feature("a-zone-1");
    ASSERT_TRUE(zone);
    EXPECT_EQ(zone->feature.properties.value("placement", ""), "analyst");
    EXPECT_TRUE(options::sourcesOf(zone->feature).empty());  // the analyst's, never stated by a document
    ASSERT_EQ(zone->feature.geometry.polygons.size(), 1u);
    EXPECT_EQ(zone->feature.geometry.polygons[0].rings[0].size(), 4u);
    EXPECT_EQ(ws.candidate(poland.id)->status, CandidateStatus::Accepted);
    EXPECT_EQ(ws.candidate(romania.id)->status, CandidateStatus::Accepted);
    // The catalogue the window and the exports use holds them, and a layer for the drawn zone.
    const auto catalog = ws.catalog(kSources);
    const options::Option* buffer = catalog.find("buffer_zone");
    ASSERT_TRUE(buffer);
    EXPECT_TRUE(std::any_of(buffer->layers.begin(), buffer->layers.end(), [](const auto& l) { return l.id == "analyst_zones"; }));
    EXPECT_EQ(catalog.options.size(), bundled().options.size());
    EXPECT_EQ(catalog.presets.size(), bundled().presets.size());
  };
  check(*w);
  w.reset();
  check(*Workspace::open(store.target()));
}

TEST_P(WorkspaceStore, CreateCopiesEveryBundledOptionFeatureFactAndQuote) {
  Store store(GetParam());
  auto w = Workspace::create(store.target(), bundled());
  const auto catalog = w->catalog(kSources);
  ASSERT_EQ(catalog.options.size(), bundled().options.size());
  for (size_t i = 0; i < catalog.options.size(); ++i) {
    const auto& a = bundled().options[i];
    const auto& b = catalog.options[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.features.features.size(), b.features.features.size()) << a.id;
    ASSERT_EQ(a.facts.size(), b.facts.size()) << a.id;
    for (size_t k = 0; k < a.facts.size(); ++k) {
      EXPECT_EQ(a.facts[k].text, b.facts[k].text);
      EXPECT_EQ(a.facts[k].troopsMax, b.facts[k].troopsMax);
      ASSERT_EQ(a.facts[k].sources.size(), b.facts[k].sources.size());
      if (!a.facts[k].sources.empty()) {
        EXPECT_EQ(a.facts[k].sources[0].quote, b.facts[k].sources[0].quote);
      }
    }
    ASSERT_EQ(a.parameters.size(), b.parameters.size());
    for (size_t k = 0; k < a.parameters.size(); ++k) EXPECT_EQ(a.parameters[k].defaultValue, b.parameters[k].defaultValue);
    for (size_t k = 0; k < a.features.features.size(); ++k)
      EXPECT_EQ(options::sourcesOf(a.features.features[k]).size(), options::sourcesOf(b.features.features[k]).size())
          << a.features.features[k].properties.dump();
  }
}

TEST_P(WorkspaceStore, ReimportingKeepsEveryDecision) {
  Store store(GetParam());
  auto w = Workspace::create(store.target(), bundled());
  const auto first = w->importDocuments({kSources / "002_6b673b353e26679b.txt"}, extractor());
  ASSERT_GE(first.size(), 2u);
  ASSERT_TRUE(w->commit(w->rejectChange(first[0])).ok());
  EXPECT_TRUE(w->importDocuments({kSources / "002_6b673b353e26679b.txt"}, extractor()).empty());
  EXPECT_EQ(w->candidate(first[0].id)->status, CandidateStatus::Rejected);
  EXPECT_EQ(w->candidates(true).size(), first.size() - 1);
  EXPECT_EQ(w->documents().size(), 1u);
}

// Two analysts on one workspace: each sees the other's change (the change log grows), and an edit made on a
// stale copy of a feature is refused as a conflict instead of overwriting.
TEST_P(WorkspaceStore, TwoWritersSeeEachOtherAndAStaleEditIsAConflict) {
  Store store(GetParam());
  auto alice = Workspace::create(store.target(), bundled());
  auto bob = Workspace::open(store.target());
  const auto seen = bob->lastChange();
  const auto kyivForAlice = alice->feature("rf_kyiv");
  ASSERT_TRUE(kyivForAlice) << "the bundled reassurance force has a Kyiv position";
  const auto kyivForBob = bob->feature("rf_kyiv");
  ASSERT_TRUE(alice->commit(rename(*kyivForAlice, "Kyiv (HQ)")).ok());

  EXPECT_GT(bob->lastChange(), seen);
  const auto notes = bob->changesSince(seen);
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes.back().label, "Rename Kyiv");
  EXPECT_EQ(bob->feature("rf_kyiv")->feature.properties.value("name", ""), "Kyiv (HQ)");

  const auto refused = bob->commit(rename(*kyivForBob, "Kyiv (Bob)"));
  EXPECT_EQ(refused.status, workspace::CommitResult::Status::Conflict);
  EXPECT_NE(refused.reason.find("changed by someone else"), std::string::npos) << refused.reason;
  EXPECT_EQ(alice->feature("rf_kyiv")->feature.properties.value("name", ""), "Kyiv (HQ)");
  // Bob reloads and keeps his version: now it goes through.
  EXPECT_TRUE(bob->commit(rename(*bob->feature("rf_kyiv"), "Kyiv (Bob)")).ok());
}

// The analyst's own catalogue: a new option with a layer and a parameter, a feature that derives its ring from
// that parameter, a preset saved and changed, all undone and redone; a stale edit is a conflict; what would
// break the catalogue (a parameter a feature uses, a bad id) is refused, and deleting an option takes it out
// of the presets that named it.
TEST_P(WorkspaceStore, TheAnalystsOwnOptionsLayersParametersAndPresets) {
  Store store(GetParam());
  auto w = Workspace::create(store.target(), bundled());
  workspace::History history(*w);
  const size_t optionsBefore = w->optionRecords().size();

  options::Option mine;
  mine.title = "Polish air corridor (draft)";
  mine.colour = "#AA3377";
  mine.layers.push_back({"corridor", "Corridor", "Where transport aircraft would fly"});
  mine.parameters.push_back({"radius_km", "Cover radius", "km", 150, 50, 600, 10, "analyst's guess", {}});
  ASSERT_TRUE(history.apply(w->addOptionChange(mine)).ok());
  const auto added = w->optionRecord("polish_air_corridor_draft");
  ASSERT_TRUE(added) << "the id is made from the title";
  EXPECT_EQ(added->origin, "analyst");
  EXPECT_EQ(added->position, static_cast<int>(optionsBefore));
  ASSERT_EQ(added->definition.layers.size(), 1u);
  EXPECT_EQ(added->definition.colour, "#AA3377");

  workspace::FeatureRecord ring;
  ring.uid = "a-ring";
  ring.option = "polish_air_corridor_draft";
  ring.layer = "corridor";
  ring.feature.geometry.points.push_back({21.94, 50.11});
  ring.feature.properties = {{"name", "Cover"}, {"placement", "analyst"},
                             {"derive", {{"kind", "range_ring"}, {"parameter", "radius_km"}}}};
  ASSERT_TRUE(history.apply({"Draw Cover", {{std::nullopt, ring}}, {}, {}}).ok());

  options::Preset preset;
  preset.title = "Corridor wide";
  preset.options = {"polish_air_corridor_draft", "us_backstop"};
  preset.parameters.emplace_back("polish_air_corridor_draft", "radius_km", 400.0);
  ASSERT_TRUE(history.apply(w->savePresetChange(preset)).ok());

  // Reopened, the catalogue holds all of it, and the option resolves its ring at the preset's radius.
  w.reset();
  w = Workspace::open(store.target());
  workspace::History again(*w);
  auto catalog = w->catalog(kSources);
  const options::Option* option = catalog.find("polish_air_corridor_draft");
  ASSERT_TRUE(option);
  ASSERT_TRUE(option->parameter("radius_km"));
  EXPECT_EQ(option->parameter("radius_km")->defaultValue, 150);
  EXPECT_EQ(option->features.features.size(), 1u);
  const options::Preset* saved = catalog.preset("corridor_wide");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->parameters.size(), 1u);
  EXPECT_EQ(std::get<2>(saved->parameters.front()), 400.0);

  // A parameter the ring uses cannot go; a layer can, and takes its feature with it.
  options::Option edited = w->optionRecord("polish_air_corridor_draft")->definition;
  edited.parameters.clear();
  EXPECT_THROW(w->editOptionChange("polish_air_corridor_draft", edited), workspace::WorkspaceError);
  edited = w->optionRecord("polish_air_corridor_draft")->definition;
  edited.title = "Polish air corridor";
  edited.layers.push_back({"bases", "Bases", ""});
  ASSERT_TRUE(again.apply(w->editOptionChange("polish_air_corridor_draft", edited)).ok());
  EXPECT_EQ(w->optionRecord("polish_air_corridor_draft")->definition.title, "Polish air corridor");
  EXPECT_EQ(again.undoLabel(), "Edit option Polish air corridor");

  // Deleting the option deletes its feature and takes it out of the preset; undo brings all of it back.
  ASSERT_TRUE(again.apply(w->deleteOptionChange("polish_air_corridor_draft")).ok());
  EXPECT_FALSE(w->optionRecord("polish_air_corridor_draft"));
  EXPECT_TRUE(w->features("polish_air_corridor_draft").empty());
  catalog = w->catalog(kSources);
  ASSERT_TRUE(catalog.preset("corridor_wide"));
  EXPECT_EQ(catalog.preset("corridor_wide")->options, std::vector<std::string>{"us_backstop"});
  EXPECT_TRUE(catalog.preset("corridor_wide")->parameters.empty());
  ASSERT_TRUE(again.undo().ok());
  EXPECT_EQ(w->optionRecord("polish_air_corridor_draft")->definition.title, "Polish air corridor");
  EXPECT_EQ(w->features("polish_air_corridor_draft").size(), 1u);
  EXPECT_EQ(w->catalog(kSources).preset("corridor_wide")->parameters.size(), 1u);
  ASSERT_TRUE(again.undo().ok());  // the edit
  EXPECT_EQ(w->optionRecord("polish_air_corridor_draft")->definition.title, "Polish air corridor (draft)");
  ASSERT_TRUE(again.redo().ok());
  EXPECT_EQ(w->optionRecord("polish_air_corridor_draft")->definition.layers.size(), 2u);

  // A second writer edits the option on a stale copy: a conflict, and nothing written.
  auto other = Workspace::open(store.target());
  auto stale = other->optionRecord("polish_air_corridor_draft");
  edited = w->optionRecord("polish_air_corridor_draft")->definition;
  edited.colour = "#000000";
  ASSERT_TRUE(w->commit(w->editOptionChange("polish_air_corridor_draft", edited)).ok());
  workspace::Change late;
  late.label = "Edit option (late)";
  auto after = *stale;
  after.definition.colour = "#FFFFFF";
  late.options.push_back({stale, after});
  const auto refused = other->commit(late);
  EXPECT_EQ(refused.status, workspace::CommitResult::Status::Conflict) << refused.reason;
  EXPECT_EQ(w->optionRecord("polish_air_corridor_draft")->definition.colour, "#000000");

  // Refusals with reasons a person can act on.
  options::Option bad;
  bad.id = "Bad Id";
  bad.title = "x";
  EXPECT_THROW(w->addOptionChange(bad), workspace::WorkspaceError);
  bad.id = "";
  bad.colour = "red";
  EXPECT_THROW(w->addOptionChange(bad), workspace::WorkspaceError);
  options::Preset unknown;
  unknown.title = "Nothing";
  unknown.options = {"no_such_option"};
  EXPECT_THROW(w->savePresetChange(unknown), workspace::WorkspaceError);
  ASSERT_TRUE(w->commit(w->deletePresetChange("corridor_wide")).ok());
  EXPECT_FALSE(w->catalog(kSources).preset("corridor_wide"));
}

INSTANTIATE_TEST_SUITE_P(GeoPackage, WorkspaceStore, ::testing::Values(false));
INSTANTIATE_TEST_SUITE_P(PostGis, WorkspaceStore, ::testing::Values(true));

// ---- Refusals: a message naming the workspace and the reason, and nothing changed.

TEST(WorkspaceRefuses, AFileThatIsNoWorkspace) {
  const fs::path folder = tempFolder();
  const fs::path text = folder / "notes.gpkg";
  std::ofstream(text) << "not a database";
  try {
    Workspace::open(text.string());
    FAIL();
  } catch (const workspace::WorkspaceError& e) {
    EXPECT_NE(std::string(e.what()).find("notes.gpkg: is not a GeoPackage"), std::string::npos) << e.what();
  }
  // A GeoPackage of someone else's: not a workspace.
  const fs::path other = folder / "roads.gpkg";
  ASSERT_EQ(std::system(("ogr2ogr -f GPKG " + other.string() + " " + (kGeodata / "options/us_backstop.geojson").string()).c_str()), 0);
  try {
    Workspace::open(other.string());
    FAIL();
  } catch (const workspace::WorkspaceError& e) {
    EXPECT_NE(std::string(e.what()).find("is not a briefmap workspace"), std::string::npos) << e.what();
  }
  fs::remove_all(folder);
}

TEST(WorkspaceRefuses, OneFromANewerVersionAndOneWithAMissingTable) {
  const fs::path folder = tempFolder();
  const std::string path = (folder / "w.gpkg").string();
  Workspace::create(path, bundled());
  ASSERT_EQ(std::system(("ogrinfo -q " + path + " -sql \"UPDATE briefmap_meta SET value = '99' WHERE key = 'version'\" >/dev/null").c_str()), 0);
  try {
    Workspace::open(path);
    FAIL();
  } catch (const workspace::WorkspaceError& e) {
    EXPECT_NE(std::string(e.what()).find("newer briefmap"), std::string::npos) << e.what();
  }
  ASSERT_EQ(std::system(("ogrinfo -q " + path + " -sql \"UPDATE briefmap_meta SET value = '1' WHERE key = 'version'\" >/dev/null").c_str()), 0);
  ASSERT_EQ(std::system(("ogrinfo -q " + path + " -sql \"DROP TABLE facts\" >/dev/null").c_str()), 0);
  try {
    Workspace::open(path);
    FAIL();
  } catch (const workspace::WorkspaceError& e) {
    EXPECT_NE(std::string(e.what()).find("has no table 'facts'"), std::string::npos) << e.what();
  }
  fs::remove_all(folder);
}

TEST(WorkspaceRefuses, ToOverwriteAnExistingFile) {
  const fs::path folder = tempFolder();
  const fs::path path = folder / "w.gpkg";
  std::ofstream(path) << "precious";
  EXPECT_THROW(Workspace::create(path.string(), bundled()), workspace::WorkspaceError);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "precious");
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);  // nothing left beside it
  fs::remove_all(folder);
}

TEST(WorkspaceRefuses, ChangesToAReadOnlyWorkspaceButReadsIt) {
  const fs::path folder = tempFolder();
  const std::string path = (folder / "w.gpkg").string();
  Workspace::create(path, bundled());
  // Root may write a file without write permission, so the test asks for read-only as a user can.
  auto w = Workspace::open(path, workspace::OpenMode::ReadOnly);
  EXPECT_TRUE(w->readOnly());
  EXPECT_FALSE(w->features().empty());
  const auto result = w->commit(drawZone("a-x"));
  EXPECT_EQ(result.status, workspace::CommitResult::Status::Failed);
  EXPECT_NE(result.reason.find("read-only"), std::string::npos);
  w.reset();
  EXPECT_FALSE(Workspace::open(path)->feature("a-x"));
  fs::remove_all(folder);
}

TEST(WorkspacePostGis, ADatabaseWithoutPostgisIsRefusedAndPasswordsAreNeverShown) {
  test_support::PgCluster cluster;
  cluster.createDatabase("plain", false);
  const std::string target = cluster.connection("plain") + " password=hunter2";
  try {
    Workspace::create(target, bundled());
    FAIL();
  } catch (const workspace::WorkspaceError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("has no PostGIS"), std::string::npos) << what;
    EXPECT_EQ(what.find("hunter2"), std::string::npos) << what;
  }
  EXPECT_EQ(Workspace::displayName("PG:dbname=ws password='a b' host=x"), "PG:dbname=ws password=*** host=x");
  EXPECT_EQ(Workspace::displayName("PG:postgresql://me:secret@db/ws"), "PG:postgresql://me:***@db/ws");
}

TEST(WorkspacePostGis, ALostConnectionIsAMessageAndNothingCommittedIsLost) {
  test_support::PgCluster cluster;
  auto w = Workspace::create(cluster.connection(), bundled());
  ASSERT_TRUE(w->commit(drawZone("a-before")).ok());
  cluster.stop();
  const auto result = w->commit(drawZone("a-after"));
  EXPECT_EQ(result.status, workspace::CommitResult::Status::Failed);
  EXPECT_NE(result.reason.find(Workspace::displayName(cluster.connection())), std::string::npos) << result.reason;
}

}  // namespace
