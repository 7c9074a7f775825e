// `briefmap workspace …` and `--workspace` as a script uses them: the real executable on a real GeoPackage.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using namespace briefmap::clitest;

namespace {

const fs::path kSources = fs::path(BRIEFMAP_SOURCE_DIR) / "geodata" / "sources";

struct Row {
  std::string id, doc, place, option, relevance, status, quote;
};

std::vector<Row> parseCandidates(const std::string& output) {
  std::vector<Row> rows;
  std::istringstream in(output);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "id\tdoc\tplace\toption\trelevance\tstatus\tquote");
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, '\t')) cells.push_back(cell);
    EXPECT_EQ(cells.size(), 7u) << line;
    if (cells.size() == 7) rows.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]});
  }
  return rows;
}

nlohmann::json readJsonFile(const fs::path& file) { return nlohmann::json::parse(readFile(file)); }

fs::path freshFolder(const std::string& name) {
  const auto dir = tempDir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(CliWorkspace, ImportAcceptRejectAddAndExportLayersCarryEveryDecision) {
  const auto dir = freshFolder("workspace-flow");
  const std::string w = "'" + (dir / "analyst.gpkg").string() + "'";
  auto created = run("workspace create " + w);
  ASSERT_EQ(created.exitCode, 0) << created.output;
  EXPECT_NE(created.output.find("8 options"), std::string::npos) << created.output;

  const auto imported = run("workspace import " + w + " '" + (kSources / "002_6b673b353e26679b.txt").string() + "'");
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  const auto rows = parseCandidates(imported.output);
  ASSERT_GE(rows.size(), 3u);
  const Row* poland = nullptr;
  for (const auto& r : rows) {
    EXPECT_EQ(r.status, "pending");
    EXPECT_EQ(r.doc, "002_6b673b353e26679b.txt");
    if (r.place == "Poland" && !poland) poland = &r;
  }
  ASSERT_TRUE(poland);
  const Row* other = &rows[0] == poland ? &rows[1] : &rows[0];

  auto accepted = run("workspace accept " + w + " " + poland->id + " --option us_backstop");
  ASSERT_EQ(accepted.exitCode, 0) << accepted.output;
  ASSERT_EQ(run("workspace reject " + w + " " + other->id).exitCode, 0);
  auto added = run("workspace add " + w + " --option buffer_zone --layer analyst --name 'Drawn strip' "
                   "--wkt 'LINESTRING(35 47, 36 47.5)' --note 'from the call'");
  ASSERT_EQ(added.exitCode, 0) << added.output;

  // Reading the document again asks about nothing already decided.
  const auto again = run("workspace import " + w + " '" + (kSources / "002_6b673b353e26679b.txt").string() + "'");
  ASSERT_EQ(again.exitCode, 0);
  EXPECT_TRUE(parseCandidates(again.output).empty()) << again.output;
  const auto pending = parseCandidates(run("workspace candidates " + w + " --pending").output);
  EXPECT_EQ(pending.size(), rows.size() - 2);
  for (const auto& r : pending) EXPECT_NE(r.id, poland->id);
  const auto all = parseCandidates(run("workspace candidates " + w).output);
  EXPECT_EQ(all.size(), rows.size());

  ASSERT_EQ(run("export-layers -q --workspace " + w + " --out '" + (dir / "out").string() + "'").exitCode, 0);
  const auto acceptedLayer = readJsonFile(dir / "out" / "us_backstop__accepted.geojson");
  ASSERT_EQ(acceptedLayer.at("features").size(), 1u);
  const auto& p = acceptedLayer["features"][0]["properties"];
  EXPECT_EQ(p.at("name"), "Poland");
  EXPECT_EQ(p.at("placement"), "stated");
  EXPECT_EQ(p.at("doc"), "002_6b673b353e26679b.txt");
  EXPECT_EQ(p.at("quote"), poland->quote);
  const auto drawn = readJsonFile(dir / "out" / "buffer_zone__analyst.geojson");
  ASSERT_EQ(drawn.at("features").size(), 1u);
  EXPECT_EQ(drawn["features"][0]["properties"].at("placement"), "analyst");
  EXPECT_EQ(drawn["features"][0]["properties"].at("note"), "from the call");
  EXPECT_EQ(drawn["features"][0]["geometry"].at("type"), "LineString");
  fs::remove_all(dir);
}

TEST(CliWorkspace, ExportDrawsAndWritesTheWorkspacesFeatures) {
  const auto dir = freshFolder("workspace-export");
  const std::string w = "'" + (dir / "w.gpkg").string() + "'";
  ASSERT_EQ(run("workspace create -q " + w).exitCode, 0);
  ASSERT_EQ(run("workspace add -q " + w + " --option buffer_zone --layer analyst --name 'Strip B' "
                "--wkt 'POLYGON((35 47,36 47,36 47.6,35 47))'").exitCode, 0);
  const auto out = dir / "map.geojson";
  auto r = run("export -q --workspace " + w + " --options buffer_zone --out '" + out.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string text = readFile(out);
  EXPECT_NE(text.find("Strip B"), std::string::npos);
  EXPECT_NE(text.find("\"placement\": \"analyst\""), std::string::npos) << text.substr(0, 400);
  // The workspace is only read: nothing beside it appears.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 2u);
  auto missing = run("export -q --workspace '" + (dir / "none.gpkg").string() + "' --options buffer_zone --out '" +
                     (dir / "x.png").string() + "'");
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_NE(missing.output.find("none.gpkg: no such workspace"), std::string::npos) << missing.output;
  EXPECT_FALSE(fs::exists(dir / "x.png"));
  fs::remove_all(dir);
}

// The analyst's own option from a script: an option with a layer, a parameter, a point that derives a ring from
// it, a preset at another radius; the exported layers carry the ring at the preset's radius, and bad values
// are refused with the reason and change nothing.
TEST(CliWorkspace, TheAnalystsOwnOptionParameterAndPresetFromTheCommandLine) {
  const auto dir = freshFolder("workspace-catalogue");
  const std::string w = "'" + (dir / "w.gpkg").string() + "'";
  ASSERT_EQ(run("workspace create -q " + w).exitCode, 0);
  auto r = run("workspace add-option " + w + " --title 'Polish air corridor' --colour '#AA3377' --layer corridor=Corridor");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("New option Polish air corridor"), std::string::npos) << r.output;
  r = run("workspace add-parameter " + w + " --option polish_air_corridor --parameter radius_km --default 150 --min 50 "
          "--max 600 --step 10 --unit km --label 'Cover radius'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  r = run("workspace add -q " + w + " --option polish_air_corridor --layer corridor --name 'Rzeszow cover' "
          "--wkt 'POINT(21.94 50.11)' --derive range_ring");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  r = run("workspace save-preset -q " + w + " --title 'Corridor at 400 km' --show polish_air_corridor --show us_backstop "
          "--set polish_air_corridor.radius_km=400");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto listed = run("workspace options " + w).output;
  EXPECT_NE(listed.find("polish_air_corridor\tanalyst\tPolish air corridor\tcorridor\tradius_km=150 [50..600]"),
            std::string::npos) << listed;
  EXPECT_NE(listed.find("corridor_at_400_km\tCorridor at 400 km\tpolish_air_corridor,us_backstop\tpolish_air_corridor.radius_km=400"),
            std::string::npos) << listed;

  // The export of the preset draws the ring at 400 km; export-layers writes it at its default.
  const auto out = dir / "preset.geojson";
  r = run("export -q --workspace " + w + " --preset corridor_at_400_km --out '" + out.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(readFile(out).find("Rzeszow cover: 400 km"), std::string::npos);
  ASSERT_EQ(run("export-layers -q --workspace " + w + " --out '" + (dir / "layers").string() + "'").exitCode, 0);
  const auto layer = readJsonFile(dir / "layers" / "polish_air_corridor__corridor.geojson");
  bool ring = false;
  for (const auto& f : layer["features"])
    ring = ring || (f["properties"].value("placement", "") == "derived" && f["properties"].value("radius_km", 0.0) == 150.0);
  EXPECT_TRUE(ring) << layer.dump().substr(0, 600);

  // Refusals: exit non-zero with the reason; the workspace is as it was.
  const auto before = readFile(dir / "w.gpkg");
  auto bad = run("workspace edit-option " + w + " polish_air_corridor --colour red");
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.output.find("#RRGGBB"), std::string::npos) << bad.output;
  bad = run("workspace save-preset " + w + " --title X --show no_such_option");
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.output.find("no option 'no_such_option'"), std::string::npos) << bad.output;
  bad = run("workspace save-preset " + w + " --title X --set polish_air_corridor.radius_km=wide");
  EXPECT_NE(bad.exitCode, 0);
  bad = run("workspace add " + w + " --option polish_air_corridor --layer corridor --name L --wkt 'POINT(20 50)' --derive buffer");
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.output.find("no parameter 'width_km'"), std::string::npos) << bad.output;
  EXPECT_EQ(readFile(dir / "w.gpkg"), before);

  // Deleting the option takes it out of the preset, which still opens.
  ASSERT_EQ(run("workspace delete-option -q " + w + " polish_air_corridor").exitCode, 0);
  const auto after = run("workspace options " + w).output;
  EXPECT_EQ(after.find("polish_air_corridor\t"), std::string::npos) << after;
  EXPECT_NE(after.find("corridor_at_400_km\tCorridor at 400 km\tus_backstop\t"), std::string::npos) << after;
  fs::remove_all(dir);
}

// What reading a document warns of reaches the analyst who imports it, as `briefmap extract` says it (round 31: the
// import printed the candidates alone, so a recoded or cut document went unnoticed).
TEST(CliWorkspace, ImportSaysWhatReadingADocumentWarnedOf) {
  const auto dir = freshFolder("workspace-warnings");
  const std::string w = "'" + (dir / "w.gpkg").string() + "'";
  ASSERT_EQ(run("workspace create -q " + w).exitCode, 0);
  const fs::path latin = dir / "latin.txt";
  // Windows-1252: the apostrophe is byte 0x92, not valid UTF-8.
  std::ofstream(latin, std::ios::binary) << "Troops of the coalition of the willing would deploy to Kyiv\x92s suburbs "
                                            "and to Odesa.\n";
  // The candidates (stdout) to a file, the warnings (stderr) to the result.
  const auto importTo = [&](const fs::path& document, const fs::path& rows) {
    return runShell("{ XDG_CONFIG_HOME='" + freshConfigHome().string() + "' '" + BRIEFMAP_EXE + "' workspace import " + w +
                    " '" + document.string() + "' > '" + rows.string() + "'; }");
  };
  const auto imported = importTo(latin, dir / "rows.tsv");
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  EXPECT_NE(imported.output.find("briefmap workspace import: latin.txt: not valid UTF-8: read as"), std::string::npos)
      << imported.output;
  const auto rows = parseCandidates(readFile(dir / "rows.tsv"));
  EXPECT_FALSE(rows.empty()) << "the warning goes to stderr, the candidates stay a table";
  // A document with nothing to warn of gives no warning.
  const auto clean = importTo(kSources / "002_6b673b353e26679b.txt", dir / "rows2.tsv");
  ASSERT_EQ(clean.exitCode, 0) << clean.output;
  EXPECT_EQ(clean.output, "");
  fs::remove_all(dir);
}

TEST(CliWorkspace, BadTargetsAndIdsAreAMessageNamingThem) {
  const auto dir = freshFolder("workspace-errors");
  const std::string w = (dir / "w.gpkg").string();
  auto missing = run("workspace candidates '" + w + "'");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find(w + ": no such workspace"), std::string::npos) << missing.output;
  ASSERT_EQ(run("workspace create -q '" + w + "'").exitCode, 0);
  auto twice = run("workspace create '" + w + "'");
  EXPECT_EQ(twice.exitCode, 1);
  EXPECT_NE(twice.output.find("already exists"), std::string::npos) << twice.output;
  auto badId = run("workspace accept '" + w + "' cnothere");
  EXPECT_EQ(badId.exitCode, 1);
  EXPECT_NE(badId.output.find("has no candidate 'cnothere'"), std::string::npos) << badId.output;
  auto badWkt = run("workspace add '" + w + "' --option buffer_zone --layer l --name x --wkt 'POLYGON((1 2'");
  EXPECT_EQ(badWkt.exitCode, 2);
  EXPECT_NE(badWkt.output.find("--wkt"), std::string::npos) << badWkt.output;
  const fs::path notWorkspace = dir / "notes.txt";
  std::ofstream(notWorkspace) << "hello";
  auto wrong = run("export-layers --workspace '" + notWorkspace.string() + "' --out '" + (dir / "o").string() + "'");
  EXPECT_EQ(wrong.exitCode, 1);
  EXPECT_NE(wrong.output.find("notes.txt: is not a GeoPackage"), std::string::npos) << wrong.output;
  EXPECT_FALSE(fs::exists(dir / "o"));
  fs::remove_all(dir);
}

}  // namespace

namespace {

// The window opens a workspace given on the command line, remembers it among the recent ones (in
// $XDG_STATE_HOME, here a temporary folder), and a file that is no workspace is a message in a window that
// stays up.
TEST(Smoke, WindowOpensAWorkspaceAndRemembersIt) {
  const auto dir = freshFolder("workspace-window");
  const std::string w = (dir / "analyst.gpkg").string();
  ASSERT_EQ(run("workspace create -q '" + w + "'").exitCode, 0);
  const std::string env = "XDG_STATE_HOME='" + (dir / "state").string() + "' ";
  auto opened = runShell(env + "'" + BRIEFMAP_EXE + "' --quit-after-frames 5 --workspace '" + w + "'");
  ASSERT_EQ(opened.exitCode, 0) << opened.output;
  EXPECT_EQ(opened.output.find("Workspace:"), std::string::npos) << opened.output;  // errors are printed at exit
  EXPECT_EQ(readFile(dir / "state" / "briefmap" / "recent-workspaces"), w + "\n");

  const fs::path notes = dir / "notes.gpkg";
  std::ofstream(notes) << "not a database";
  auto refused = runShell(env + "'" + BRIEFMAP_EXE + "' --quit-after-frames 5 --workspace '" + notes.string() + "'");
  EXPECT_EQ(refused.exitCode, 0) << refused.output;
  EXPECT_NE(refused.output.find("notes.gpkg: is not a GeoPackage"), std::string::npos) << refused.output;
  EXPECT_EQ(readFile(notes), "not a database");  // nothing beside or in it touched
  fs::remove_all(dir);
}

}  // namespace
