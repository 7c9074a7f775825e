// The workspace through the session's one entry point, as the window drives it: the scripted session
// (create, import a document, accept two candidates, draw a zone, edit a name, undo twice, redo once) on a
// GeoPackage and on PostGIS, two windows on one PostGIS workspace, a conflict, and reopening.
#include <gtest/gtest.h>
#include <unistd.h>

#include "briefmap/data/resources.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/session.hpp"
#include "pg_cluster.hpp"

namespace fs = std::filesystem;
using namespace briefmap;
using namespace briefmap::session;

namespace {

struct Window {
  Session session{data::findGeodataDir()};
  Window() {
    AppState& model = session.model();
    model.viewportW = 1280;
    model.viewportH = 720;
    model.crs = session.maps().projection().crs();
    model.layers = defaultBasemapLayers();
    model.view = session.maps().homeView(1280, 720);
    session.maps().loadOptions();
    session.finish();
  }
  AppState& model() { return session.model(); }
  ApplyResult apply(const Action& a) { return session.apply(a); }
  /// The screen pixel of a lon/lat (to click there).
  std::pair<double, double> pixelOf(geo::LonLat p) {
    const auto xy = session.maps().projection().forward(p);
    const auto& v = model().view;
    return {model().viewportW / 2.0 + (xy.x - v.centre.x) / v.metresPerPixel,
            model().viewportH / 2.0 - (xy.y - v.centre.y) / v.metresPerPixel};
  }
  const data::Feature* feature(const std::string& option, const std::string& name) {
    const auto* o = model().catalog->find(option);
    if (!o) return nullptr;
    for (const auto& f : o->features.features)
      if (f.properties.value("name", std::string()) == name) return &f;
    return nullptr;
  }
};

data::Geometry pointAt(double lon, double lat) {
  data::Geometry g;
  g.points.push_back({lon, lat});
  return g;
}

int candidateOf(const SourceDocument& d, const std::string& place) {
  for (size_t i = 0; i < d.analysed.candidates.size(); ++i)
    if (d.analysed.candidates[i].place == place) return static_cast<int>(i);
  return -1;
}

std::string target(bool postgres, const test_support::PgCluster* cluster, const fs::path& folder) {
  return postgres ? cluster->connection() : (folder / "analyst.gpkg").string();
}

class WorkspaceSessionTest : public ::testing::TestWithParam<bool> {};

TEST_P(WorkspaceSessionTest, TheScriptedSessionLeavesExactlyTheExpectedFeaturesEachWithItsProvenance) {
  std::unique_ptr<test_support::PgCluster> cluster;
  if (GetParam()) cluster = std::make_unique<test_support::PgCluster>();
  const fs::path folder = fs::temp_directory_path() / ("briefmap-wss-" + std::to_string(getpid()));
  fs::create_directories(folder);
  const std::string w = target(GetParam(), cluster.get(), folder);
  // One document in a folder of its own, read in the Sources panel.
  const fs::path docs = folder / "docs";
  fs::create_directories(docs);
  fs::copy_file(data::findGeodataDir() / "sources" / "002_6b673b353e26679b.txt", docs / "002_6b673b353e26679b.txt");
  {
    Window window;
    ASSERT_TRUE(window.apply(action::NewWorkspace{w}).isDone());
    EXPECT_TRUE(window.model().workspace.open);
    ASSERT_TRUE(window.apply(action::OpenSourcesFolder{docs.string()}).isDone());
    window.session.finish();
    ASSERT_EQ(window.model().sources.documents.size(), 1u);
    const SourceDocument& d = *window.model().sources.documents[0];
    EXPECT_EQ(window.session.workspace()->documents().size(), 1u) << "the document is recorded in the workspace";
    const int poland = candidateOf(d, "Poland"), romania = candidateOf(d, "Romania");
    ASSERT_GE(poland, 0);
    ASSERT_GE(romania, 0);
    ASSERT_TRUE(window.apply(action::AcceptCandidate{0, poland, "us_backstop"}).isDone());
    ASSERT_TRUE(window.apply(action::AcceptCandidate{0, romania, "us_backstop"}).isDone());
    EXPECT_EQ(window.model().workspace.reviewed.at(d.analysed.candidates[poland].id), workspace::CandidateStatus::Accepted);

    // Draw a zone of three clicks into the buffer zone option.
    ASSERT_TRUE(window.apply(action::SetDrawTool{WorkspaceState::Tool::Zone, "buffer_zone", "analyst"}).isDone());
    for (geo::LonLat p : {geo::LonLat{35.0, 47.0}, geo::LonLat{36.0, 47.0}, geo::LonLat{35.5, 47.6}}) {
      const auto [x, y] = window.pixelOf(p);
      ASSERT_TRUE(window.apply(action::AddDraftVertexAt{x, y}).isDone());
    }
    ASSERT_TRUE(window.apply(action::FinishDrawing{"Strip drawn"}).isDone());
    const data::Feature* zone = window.feature("buffer_zone", "Strip drawn");
    ASSERT_TRUE(zone);
    ASSERT_EQ(zone->geometry.polygons.size(), 1u);
    EXPECT_NEAR(zone->geometry.polygons[0].rings[0][0].lon, 35.0, 1e-3);
    EXPECT_NEAR(zone->geometry.polygons[0].rings[0][0].lat, 47.0, 1e-3);

    // Edit a name, then undo twice (the name, the zone) and redo once (the zone).
    const std::string polandUid = window.feature("us_backstop", "Poland")->properties.value("id", "");
    ASSERT_TRUE(window.apply(action::EditFeature{polandUid, {{"name", "Poland (air power)"}}}).isDone());
    EXPECT_TRUE(window.feature("us_backstop", "Poland (air power)"));
    EXPECT_EQ(window.model().workspace.undoLabel, "Rename Poland");
    ASSERT_TRUE(window.apply(action::Undo{}).isDone());
    ASSERT_TRUE(window.apply(action::Undo{}).isDone());
    EXPECT_FALSE(window.feature("buffer_zone", "Strip drawn"));
    ASSERT_TRUE(window.apply(action::Redo{}).isDone());
    EXPECT_EQ(window.model().workspace.redoLabel, "Rename Poland");
  }
  // Reopened in a new window: exactly the two accepted places and the zone, with their provenance.
  Window again;
  ASSERT_TRUE(again.apply(action::OpenWorkspace{w}).isDone());
  const auto* backstop = again.model().catalog->find("us_backstop");
  int accepted = 0;
  for (const auto& f : backstop->features.features) {
    if (f.properties.value("layer", "") != kAcceptedLayerId) continue;
    ++accepted;
    const std::string name = f.properties.value("name", "");
    EXPECT_TRUE(name == "Poland" || name == "Romania") << name;
    EXPECT_EQ(f.properties.value("placement", ""), "stated");
    const auto sources = options::sourcesOf(f);
    ASSERT_EQ(sources.size(), 1u);
    EXPECT_EQ(sources[0].doc, "002_6b673b353e26679b.txt");
    EXPECT_NE(sources[0].quote.find(name), std::string::npos);
  }
  EXPECT_EQ(accepted, 2);
  const data::Feature* zone = again.feature("buffer_zone", "Strip drawn");
  ASSERT_TRUE(zone);
  EXPECT_EQ(zone->properties.value("placement", ""), "analyst");
  EXPECT_TRUE(options::sourcesOf(*zone).empty());
  EXPECT_FALSE(zone->properties.value("author", "").empty());
  // The option layers the window draws include the accepted and drawn ones.
  again.session.maps().syncOptions(again.model());
  again.session.finish();
  const OptionLayerState* drawn = again.model().findOption("buffer_zone")->layer("analyst");
  ASSERT_TRUE(drawn && drawn->resolved);
  EXPECT_EQ(drawn->resolved->inferred.features.size() + drawn->resolved->stated.features.size(), 1u);
  std::error_code ec;
  fs::remove_all(folder, ec);
}

INSTANTIATE_TEST_SUITE_P(GeoPackage, WorkspaceSessionTest, ::testing::Values(false));
INSTANTIATE_TEST_SUITE_P(PostGis, WorkspaceSessionTest, ::testing::Values(true));

// A number without a place becomes a fact of an option (undoable), and a briefing is kept in the workspace and
// opened from it.
TEST(WorkspaceSession, FactsFromDocumentsAndBriefingsAreKeptInTheWorkspace) {
  const fs::path folder = fs::temp_directory_path() / ("briefmap-wsf-" + std::to_string(getpid()));
  fs::create_directories(folder / "docs");
  fs::copy_file(data::findGeodataDir() / "sources" / "003_e20a5417f9e49821.txt", folder / "docs" / "003_e20a5417f9e49821.txt");
  const std::string w = (folder / "w.gpkg").string();
  {
    Window window;
    ASSERT_TRUE(window.apply(action::NewWorkspace{w}).isDone());
    ASSERT_TRUE(window.apply(action::OpenSourcesFolder{(folder / "docs").string()}).isDone());
    window.session.finish();
    const SourceDocument& d = *window.model().sources.documents.at(0);
    int thirty = -1;
    for (size_t i = 0; i < d.facts.size(); ++i)
      if (d.facts[i].quantity.max && *d.facts[i].quantity.max == 30000) thirty = static_cast<int>(i);
    ASSERT_GE(thirty, 0) << "the 30,000-troop deployment is a number without a place";
    const size_t before = window.model().catalog->find("force_concepts")->facts.size();
    ASSERT_TRUE(window.apply(action::AddFactFromSource{0, thirty, "force_concepts"}).isDone());
    const auto& facts = window.model().catalog->find("force_concepts")->facts;
    ASSERT_EQ(facts.size(), before + 1);
    EXPECT_EQ(facts.back().troopsMax, 30000);
    ASSERT_EQ(facts.back().sources.size(), 1u);
    EXPECT_EQ(facts.back().sources[0].quote, d.facts[thirty].quote);
    ASSERT_TRUE(window.apply(action::Undo{}).isDone());
    EXPECT_EQ(window.model().catalog->find("force_concepts")->facts.size(), before);
    ASSERT_TRUE(window.apply(action::Redo{}).isDone());

    ASSERT_TRUE(window.apply(action::NewBriefing{}).isDone());
    ASSERT_TRUE(window.apply(action::AddSlideFromView{}).isDone());
    ASSERT_TRUE(window.apply(action::SaveBriefingToWorkspace{"weekly"}).isDone());
    EXPECT_EQ(window.model().workspace.briefings, std::vector<std::string>{"weekly"});
  }
  Window again;
  ASSERT_TRUE(again.apply(action::OpenWorkspace{w}).isDone());
  EXPECT_EQ(again.model().catalog->find("force_concepts")->facts.back().troopsMax, 30000);
  ASSERT_TRUE(again.apply(action::OpenBriefingFromWorkspace{"weekly"}).isDone());
  EXPECT_EQ(again.model().briefing.doc.slides.size(), 1u);
  EXPECT_EQ(again.model().briefing.workspaceId, "weekly");
  std::error_code ec;
  fs::remove_all(folder, ec);
}

// The analyst's own option through the window's actions: a new option, a point drawn into it that derives a
// ring from a parameter added to it, a preset saved from the view and applied, and all of it reopened. A change
// that would break what the map shows (a colour that is no colour) is refused with a reason.
TEST(WorkspaceSession, TheAnalystsOwnOptionParameterAndPresetFromTheWindow) {
  const fs::path folder = fs::temp_directory_path() / ("briefmap-wso-" + std::to_string(getpid()));
  fs::create_directories(folder);
  const std::string w = (folder / "w.gpkg").string();
  {
    Window window;
    ASSERT_TRUE(window.apply(action::NewWorkspace{w}).isDone());
    ASSERT_TRUE(window.apply(action::NewOption{"Northern screen", "#117733"}).isDone());
    OptionState* mine = window.model().findOption("northern_screen");
    ASSERT_TRUE(mine);
    EXPECT_TRUE(mine->visible) << "a new option is shown at once";
    EXPECT_EQ(window.model().workspace.undoLabel, "New option Northern screen");

    options::Option definition = *window.model().catalog->find("northern_screen");
    definition.parameters.push_back({"radius_km", "Screen radius", "km", 100, 20, 400, 10, "analyst's estimate", {}});
    ASSERT_TRUE(window.apply(action::EditOption{"northern_screen", definition}).isDone());
    ASSERT_TRUE(window.apply(action::AddFeature{"northern_screen", "analyst", "Chernihiv screen", pointAt(31.29, 51.49), ""}).isDone());
    const data::Feature* point = window.feature("northern_screen", "Chernihiv screen");
    ASSERT_TRUE(point);
    const std::string uid = point->properties.value("id", std::string());
    ASSERT_TRUE(window.apply(action::EditFeature{uid, {{"derive", {{"kind", "range_ring"}, {"parameter", "radius_km"}}}}}).isDone());
    auto ringRadius = [&]() -> double {
      window.session.maps().syncOptions(window.model());  // as the window does every frame
      window.session.finish();
      const OptionState* o = window.model().findOption("northern_screen");
      for (const auto& l : o->layers)
        if (l.resolved)
          for (const auto& f : l.resolved->derived.features) return f.properties.value("radius_km", -1.0);
      return -1;
    };
    EXPECT_EQ(ringRadius(), 100);

    ASSERT_TRUE(window.apply(action::SetOptionParameter{"northern_screen", "radius_km", 250}).isDone());
    ASSERT_TRUE(window.apply(action::SetOptionVisible{"us_backstop", true}).isDone());
    ASSERT_TRUE(window.apply(action::SavePresetFromView{"Screen and backstop"}).isDone());
    const options::Preset* preset = window.model().catalog->preset("screen_and_backstop");
    ASSERT_TRUE(preset);
    EXPECT_EQ(preset->options, (std::vector<std::string>{"us_backstop", "northern_screen"}));
    ASSERT_EQ(preset->parameters.size(), 1u);
    EXPECT_EQ(std::get<2>(preset->parameters.front()), 250);

    ASSERT_TRUE(window.apply(action::ApplyPreset{"none"}).isDone());
    ASSERT_TRUE(window.apply(action::ApplyPreset{"screen_and_backstop"}).isDone());
    EXPECT_TRUE(window.model().findOption("northern_screen")->visible);
    EXPECT_EQ(ringRadius(), 250);

    definition = *window.model().catalog->find("northern_screen");
    definition.colour = "green";
    const auto refusedColour = window.apply(action::EditOption{"northern_screen", definition});
    EXPECT_FALSE(refusedColour.isDone());
    EXPECT_NE(refusedColour.reason.find("#RRGGBB"), std::string::npos) << refusedColour.reason;
  }
  {
    Window again;
    ASSERT_TRUE(again.apply(action::OpenWorkspace{w}).isDone());
    ASSERT_TRUE(again.model().catalog->find("northern_screen"));
    EXPECT_EQ(again.model().catalog->find("northern_screen")->colour, "#117733");
    ASSERT_TRUE(again.model().catalog->preset("screen_and_backstop"));
    ASSERT_TRUE(again.apply(action::DeleteOption{"northern_screen"}).isDone());
    EXPECT_FALSE(again.model().findOption("northern_screen"));
    EXPECT_EQ(again.model().catalog->preset("screen_and_backstop")->options, std::vector<std::string>{"us_backstop"});
    ASSERT_TRUE(again.apply(action::Undo{}).isDone());
    EXPECT_TRUE(again.model().findOption("northern_screen"));
    ASSERT_TRUE(again.apply(action::DeletePreset{"screen_and_backstop"}).isDone());
    EXPECT_FALSE(again.model().catalog->preset("screen_and_backstop"));
  }
  std::error_code ec;
  fs::remove_all(folder, ec);
}

// Two windows on one PostGIS workspace: each sees the other's change within a poll, and an edit of a feature the
// other changed first is reported as a conflict, which Reload or Keep mine settles.
TEST(WorkspaceSessionPostGis, TwoWindowsSeeEachOthersChangesAndAConflictIsReported) {
  test_support::PgCluster cluster;
  Window alice, bob;
  ASSERT_TRUE(alice.apply(action::NewWorkspace{cluster.connection()}).isDone());
  ASSERT_TRUE(bob.apply(action::OpenWorkspace{cluster.connection()}).isDone());
  ASSERT_TRUE(alice.feature("reassurance_force", "Kyiv"));
  setenv("BRIEFMAP_AUTHOR", "alice", 1);  // two analysts, one test process
  ASSERT_TRUE(alice.apply(action::AddFeature{"black_sea", "analyst", "Escort waypoint", pointAt(30.8, 46.2), ""}).isDone());
  setenv("BRIEFMAP_AUTHOR", "bob", 1);

  bob.model().clockSeconds += kWorkspacePollSeconds;  // the next poll looks at the change log
  EXPECT_TRUE(bob.session.poll());
  EXPECT_TRUE(bob.feature("black_sea", "Escort waypoint")) << "Bob sees Alice's point";
  bool told = false;
  for (const auto& m : bob.model().messages) told = told || m.text == "Workspace: alice: Draw Escort waypoint";
  EXPECT_TRUE(told);

  // Both rename Kyiv; Bob has not seen Alice's rename yet.
  const std::string kyiv = alice.feature("reassurance_force", "Kyiv")->properties.value("id", "");
  ASSERT_TRUE(alice.apply(action::EditFeature{kyiv, {{"name", "Kyiv (Alice)"}}}).isDone());
  const ApplyResult bobs = bob.apply(action::EditFeature{kyiv, {{"name", "Kyiv (Bob)"}}});
  ASSERT_TRUE(bobs.isFailed());
  EXPECT_NE(bobs.reason.find("changed by someone else"), std::string::npos) << bobs.reason;
  EXPECT_FALSE(bob.model().workspace.conflict.empty());
  // Keep mine: Bob's name goes over Alice's; undo brings hers back.
  ASSERT_TRUE(bob.apply(action::KeepMyVersion{}).isDone());
  EXPECT_TRUE(bob.feature("reassurance_force", "Kyiv (Bob)"));
  ASSERT_TRUE(bob.apply(action::Undo{}).isDone());
  EXPECT_TRUE(bob.feature("reassurance_force", "Kyiv (Alice)"));
  unsetenv("BRIEFMAP_AUTHOR");
}

TEST(WorkspaceSessionPostGis, ALostConnectionKeepsTheWindowWorking) {
  auto cluster = std::make_unique<test_support::PgCluster>();
  Window window;
  ASSERT_TRUE(window.apply(action::NewWorkspace{cluster->connection()}).isDone());
  const size_t options = window.model().options.size();
  cluster->stop();
  const ApplyResult failed = window.apply(action::AddFeature{"black_sea", "analyst", "Lost", pointAt(30.8, 46.2), ""});
  EXPECT_TRUE(failed.isFailed());
  window.model().clockSeconds += kWorkspacePollSeconds;
  window.session.poll();
  EXPECT_EQ(window.model().options.size(), options) << "the map keeps what it shows";
  EXPECT_TRUE(window.apply(action::PanBy{10, 10}).isDone());
  EXPECT_TRUE(window.model().workspace.open);
}

}  // namespace
