// Briefing files: round trip, forgiving reading of bad values, clear errors for broken files, atomic saving.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <set>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "briefmap/briefing/briefing.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/options/option.hpp"

#include "../scratch_dir.hpp"

using namespace briefmap;
using namespace briefmap::briefing;

namespace {

std::filesystem::path tempDir() {
  auto dir = briefmap::test_support::processScratchDir() / ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Briefing sample() {
  Briefing b;
  b.title = "Test briefing — Київ";
  b.highContrast = false;
  b.presentationScale = 1.5f;
  b.symbolScale = 2.f;
  b.lineScale = 1.25f;
  b.files = {"extra/overlay.geojson"};
  Slide s;
  s.title = "Buffer zone";
  s.caption = "20 km either side";
  s.notes = "Say it slowly.";
  s.view = {{36.25, 47.875}, 900, 506, "EPSG:3035"};
  s.options = {"buffer_zone", "us_backstop"};
  s.layers = {{"basemap/graticule", true}, {"overlay", false}};
  s.parameters = {{"buffer_zone.width_km", 35}};
  Annotation arrow;
  arrow.kind = Annotation::Kind::Arrow;
  arrow.points = {{35.1, 47.8}, {37.6, 48.0}};
  arrow.colour = "#00ffaa";
  Annotation pen;
  pen.points = {{30.5, 50.45}, {30.6, 50.5}, {30.7, 50.45}};
  s.annotations = {arrow, pen};
  b.slides = {s, Slide{}};
  b.slides[1].title = "Second";
  return b;
}

}  // namespace

TEST(Briefing, RoundTripKeepsEverything) {
  const Briefing b = sample();
  const std::string json = toJson(b);
  const LoadResult back = parseBriefing(json);
  EXPECT_TRUE(back.warnings.empty()) << back.warnings.front();
  EXPECT_EQ(toJson(back.briefing), json);  // stable: a second save is byte-identical
  const Slide& s = back.briefing.slides.at(0);
  EXPECT_EQ(back.briefing.title, b.title);
  EXPECT_FALSE(back.briefing.highContrast);
  EXPECT_FLOAT_EQ(back.briefing.presentationScale, 1.5f);
  EXPECT_FLOAT_EQ(back.briefing.symbolScale, 2.f);
  EXPECT_FLOAT_EQ(back.briefing.lineScale, 1.25f);
  EXPECT_EQ(back.briefing.files, b.files);
  EXPECT_EQ(s.title, "Buffer zone");
  EXPECT_EQ(s.caption, "20 km either side");
  EXPECT_EQ(s.notes, "Say it slowly.");
  EXPECT_DOUBLE_EQ(s.view.centre.lon, 36.25);
  EXPECT_DOUBLE_EQ(s.view.centre.lat, 47.875);
  EXPECT_DOUBLE_EQ(s.view.widthKm, 900);
  EXPECT_DOUBLE_EQ(s.view.heightKm, 506);
  EXPECT_EQ(s.view.crs, "EPSG:3035");
  EXPECT_EQ(s.options, b.slides[0].options);
  EXPECT_EQ(s.layers, b.slides[0].layers);
  EXPECT_EQ(s.parameters, b.slides[0].parameters);
  ASSERT_EQ(s.annotations.size(), 2u);
  EXPECT_EQ(s.annotations[0].kind, Annotation::Kind::Arrow);
  EXPECT_EQ(s.annotations[0].colour, "#00ffaa");
  EXPECT_EQ(s.annotations[1].points.size(), 3u);
  EXPECT_EQ(back.briefing.slides.at(1).title, "Second");
  // Human-readable: indented, one key per line, the names a person would look for.
  EXPECT_NE(json.find("\n  \"slides\": ["), std::string::npos);
  EXPECT_NE(json.find("\"extent_km\""), std::string::npos);
}

// A briefing written before the room scales existed opens with the room defaults and no warning.
TEST(Briefing, OldBriefingWithoutSymbolAndLineScalesGetsTheRoomDefaults) {
  const auto r = parseBriefing(R"({"briefmap_briefing": 1, "title": "old", "presentation_scale": 1.2,
    "slides": [{"title": "a", "caption": "b", "view": {"centre": [30, 48], "extent_km": [900, 500]}, "options": []}]})");
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_FLOAT_EQ(r.briefing.symbolScale, kDefaultSymbolScale);
  EXPECT_FLOAT_EQ(r.briefing.lineScale, kDefaultLineScale);
  const auto bad = parseBriefing(R"({"symbol_scale": 40, "line_scale": "thick", "slides": []})");
  EXPECT_FLOAT_EQ(bad.briefing.symbolScale, 4.f);  // clamped, with a warning
  EXPECT_FLOAT_EQ(bad.briefing.lineScale, kDefaultLineScale);
  EXPECT_EQ(bad.warnings.size(), 2u);
}

TEST(Briefing, BadValuesBecomeWarningsAndEverythingElseStays) {
  const std::string json = R"({
    "title": "Partly broken",
    "presentation_scale": 99,
    "slides": [
      {"title": "Good", "view": {"centre": [30, 50], "extent_km": [1000, 600]}, "options": ["buffer_zone"]},
      {"title": "Bad view", "view": {"centre": [300, 50], "extent_km": [-5, 600]}, "options": ["buffer_zone", 7]},
      "not a slide",
      {"title": "Bad parameters", "parameters": {"buffer_zone.width_km": "wide", "nodot": 3, "buffer_zone.x": 1},
       "annotations": [{"kind": "circle", "points": [[30, 50], [31, 50]]}, {"points": [[30, 50]]}],
       "layers": {"basemap/graticule": "yes"}}
    ]})";
  const LoadResult r = parseBriefing(json, "partly.json");
  ASSERT_EQ(r.briefing.slides.size(), 3u);  // the non-object is skipped
  EXPECT_EQ(r.briefing.title, "Partly broken");
  EXPECT_FLOAT_EQ(r.briefing.presentationScale, 4.f);  // clamped, with a warning
  EXPECT_EQ(r.briefing.slides[0].view.widthKm, 1000);
  EXPECT_EQ(r.briefing.slides[1].title, "Bad view");
  EXPECT_DOUBLE_EQ(r.briefing.slides[1].view.centre.lon, SlideView{}.centre.lon);  // default kept
  EXPECT_EQ(r.briefing.slides[1].options, std::vector<std::string>{"buffer_zone"});
  EXPECT_EQ(r.briefing.slides[2].parameters.count("buffer_zone.x"), 1u);  // unknown names are checked later
  EXPECT_TRUE(r.briefing.slides[2].annotations.empty());
  auto mentions = [&](const std::string& text) {
    for (const auto& w : r.warnings)
      if (w.find(text) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(mentions("presentation_scale"));
  EXPECT_TRUE(mentions("slide 2: view.centre"));
  EXPECT_TRUE(mentions("slide 2: view.extent_km"));
  EXPECT_TRUE(mentions("slide 3: not an object"));
  EXPECT_TRUE(mentions("parameters.buffer_zone.width_km: expected a number"));
  EXPECT_TRUE(mentions("annotation kind 'circle'"));
  EXPECT_TRUE(mentions("at least two points"));
  EXPECT_TRUE(mentions("layers.basemap/graticule"));
}

TEST(Briefing, BrokenFilesGiveAClearError) {
  EXPECT_THROW(parseBriefing("", "empty.json"), BriefingError);
  EXPECT_THROW(parseBriefing("{\"slides\": [", "truncated.json"), BriefingError);
  EXPECT_THROW(parseBriefing("[1, 2, 3]", "list.json"), BriefingError);
  EXPECT_THROW(parseBriefing("{\"type\": \"FeatureCollection\"}", "geojson.json"), BriefingError);
  EXPECT_THROW(parseBriefing("{\"slides\": 5}", "slides.json"), BriefingError);
  try {
    parseBriefing("{\"slides\": [", "truncated.json");
  } catch (const BriefingError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated.json: not valid JSON"), std::string::npos) << e.what();
  }
  const auto dir = tempDir();
  EXPECT_THROW(loadBriefing(dir / "missing.json"), BriefingError);
  std::ofstream(dir / "binary.json", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0", 11);
  EXPECT_THROW(loadBriefing(dir / "binary.json"), BriefingError);
  EXPECT_THROW(loadBriefing(dir), BriefingError);  // a folder
}

TEST(Briefing, SaveIsAtomicAndKeepsThePreviousVersion) {
  const auto dir = tempDir();
  const auto path = dir / "plan.json";
  Briefing first = sample();
  saveBriefing(path, first);
  const std::string firstText = readText(path);
  Briefing second = first;
  second.slides.pop_back();
  second.title = "Second version";
  saveBriefing(path, second);
  EXPECT_EQ(readText(dir / "plan.json.bak"), firstText);
  EXPECT_EQ(loadBriefing(path).briefing.title, "Second version");
  // Relative files are resolved against the briefing's folder on load.
  EXPECT_EQ(loadBriefing(path).briefing.files.at(0), (dir / "extra/overlay.geojson").string());

  // A save that fails (here: the disk "fills" after 100 bytes) leaves the file as it was.
  const std::string before = readText(path);
  const pid_t child = fork();
  if (child == 0) {
    rlimit limit{100, 100};
    setrlimit(RLIMIT_FSIZE, &limit);
    signal(SIGXFSZ, SIG_IGN);
    try {
      saveBriefing(path, first);
    } catch (const std::exception&) {
      _exit(3);  // the expected failure
    }
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
  EXPECT_EQ(readText(path), before);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << "left behind: " << e.path();

  // An unwritable target folder is an error, not a crash.
  EXPECT_ANY_THROW(saveBriefing(dir / "no/such/folder/plan.json", first));
}

TEST(Briefing, ExampleBriefingIsCleanAndRefersToWhatExists) {
  const auto dir = data::findGeodataDir();
  const LoadResult r = loadBriefing(dir / "briefings" / "security-guarantees.json");
  EXPECT_TRUE(r.warnings.empty());
  ASSERT_GE(r.briefing.slides.size(), 5u);
  const auto catalog = options::loadOptionCatalog(dir / "options");
  const std::vector<std::string> layers = {"basemap/countries", "basemap/graticule", "basemap/coastline",
                                           "basemap/borders", "basemap/places"};
  EXPECT_TRUE(checkReferences(r.briefing, catalog, layers).empty());
  // It walks through the options the documents describe.
  std::set<std::string> shown;
  for (const auto& s : r.briefing.slides) {
    EXPECT_FALSE(s.title.empty());
    EXPECT_FALSE(s.caption.empty());
    shown.insert(s.options.begin(), s.options.end());
  }
  for (const char* id : {"reassurance_force", "us_backstop", "buffer_zone", "black_sea", "contributors"})
    EXPECT_TRUE(shown.count(id)) << id;

  Briefing broken = r.briefing;
  broken.slides[0].options.push_back("no_such_option");
  broken.slides[0].parameters["buffer_zone.width_km"] = 500;
  broken.slides[0].parameters["buffer_zone.depth"] = 1;
  broken.slides[0].layers["roads"] = true;
  const auto warnings = checkReferences(broken, catalog, layers);
  ASSERT_EQ(warnings.size(), 4u);
  EXPECT_NE(warnings[0].find("no option 'no_such_option'"), std::string::npos);
}

TEST(BriefingHostile, ControlCharactersInTextsAreRemovedWithAWarning) {
  const std::string json = R"({"briefmap_briefing": 1, "title": "Weekly\u0000", "slides": [
    {"title": "Bad\u0000title\u001b", "caption": "ok", "view": {"centre": [31, 48.5], "width_km": 1500}}]})";
  const auto loaded = briefmap::briefing::parseBriefing(json, "hostile.json");
  ASSERT_EQ(loaded.briefing.slides.size(), 1u);
  EXPECT_EQ(loaded.briefing.title, "Weekly");
  EXPECT_EQ(loaded.briefing.slides[0].title, "Badtitle");
  bool warned = false;
  for (const auto& w : loaded.warnings) warned = warned || w.find("control character") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(BriefingHostile, AMillionUnknownIdsAreOneWarningAndTheWarningsAreCapped) {
  nlohmann::json slide = {{"title", "s"}, {"view", {{"centre", {31, 48.5}}, {"width_km", 1500}}}};
  slide["options"] = nlohmann::json::array();
  for (int i = 0; i < 2000; ++i) slide["options"].push_back("x" + std::to_string(i));
  nlohmann::json b = {{"briefmap_briefing", 1}, {"slides", nlohmann::json::array()}};
  for (int i = 0; i < 60; ++i) b["slides"].push_back(slide);
  const auto loaded = briefmap::briefing::parseBriefing(b.dump(), "many.json");
  briefmap::options::OptionCatalog empty;
  const auto warnings = briefmap::briefing::checkReferences(loaded.briefing, empty, {});
  ASSERT_EQ(warnings.size(), 51u);
  EXPECT_EQ(warnings[0], "slide 1: 2000 unknown options ('x0', 'x1', 'x2' and 1997 more); they are left out");
  EXPECT_EQ(warnings.back(), "… and 10 more warnings");
  // A number too large for a double: a message naming the file, not an exception of the JSON library.
  try {
    briefmap::briefing::parseBriefing(R"({"slides": [{"title": "h", "view": {"centre": [31, 48.5], "width_km": 1e400}}]})",
                                      "huge.json");
    FAIL() << "1e400 was accepted";
  } catch (const briefmap::briefing::BriefingError& e) {
    EXPECT_NE(std::string(e.what()).find("huge.json: not valid JSON"), std::string::npos) << e.what();
  }
}
