// The session's one entry point: a scripted sequence of actions, as the window, the command line or a test
// would send them, changes the model and writes a file, with no window.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "briefmap/data/resources.hpp"
#include "briefmap/session/session.hpp"

using namespace briefmap;
using namespace briefmap::session;
namespace fs = std::filesystem;

namespace {

struct ScratchFolder {
  fs::path path = fs::temp_directory_path() / ("briefmap-session-" + std::to_string(::getpid()));
  ScratchFolder() { fs::create_directories(path); }
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

nlohmann::json readJson(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

// A 1280×720 map with the basemap's layers and the option catalogue loaded, as the window starts.
void startWithTheOptions(Session& session) {
  AppState& model = session.model();
  model.viewportW = 1280;
  model.viewportH = 720;
  model.crs = session.maps().projection().crs();
  model.layers = defaultBasemapLayers();
  session.maps().loadOptions();
  session.finish();
}

}  // namespace

TEST(Session, AScriptedSequenceOfActionsChangesTheModelAndWritesTheFile) {
  Session session(data::findGeodataDir());
  AppState& model = session.model();
  startWithTheOptions(session);
  ASSERT_FALSE(model.options.empty());

  // Open a briefing: its first slide is shown.
  const fs::path briefing = data::findGeodataDir() / "briefings" / "security-guarantees.json";
  ASSERT_TRUE(session.apply(action::OpenBriefing{briefing.string()}).isDone());
  session.finish();
  ASSERT_EQ(model.briefing.doc.slides.size(), 8u);
  EXPECT_EQ(model.briefing.current, 0);

  // Change a parameter: the option is to be derived again.
  OptionState* buffer = model.findOption("buffer_zone");
  ASSERT_TRUE(buffer);
  const unsigned revision = buffer->revision;
  ASSERT_TRUE(session.apply(action::SetOptionParameter{"buffer_zone", "width_km", 35}).isDone());
  EXPECT_EQ(buffer->parameters["width_km"], 35);
  EXPECT_GT(buffer->revision, revision);

  // Toggle an option.
  const bool blackSeaWasVisible = model.findOption("black_sea")->visible;
  ASSERT_TRUE(session.apply(action::SetOptionVisible{"black_sea", !blackSeaWasVisible}).isDone());
  EXPECT_NE(model.findOption("black_sea")->visible, blackSeaWasVisible);

  // Accept a candidate from the bundled documents into the backstop option.
  ASSERT_TRUE(session.apply(action::OpenSourcesFolder{(data::findGeodataDir() / "sources").string()}).isDone());
  session.finish();
  ASSERT_FALSE(model.sources.documents.empty());
  int document = -1, candidate = -1;
  for (size_t d = 0; d < model.sources.documents.size() && candidate < 0; ++d)
    if (!model.sources.documents[d]->candidates.empty()) {
      document = static_cast<int>(d);
      candidate = 0;
    }
  ASSERT_GE(candidate, 0) << "no candidate in the bundled documents";
  const extract::Candidate accepted = model.sources.documents[document]->candidates[candidate];
  ASSERT_TRUE(session.apply(action::AcceptCandidate{document, candidate, "us_backstop"}).isDone());
  const OptionLayerState* acceptedLayer = model.findOption("us_backstop")->layer(kAcceptedLayerId);
  ASSERT_TRUE(acceptedLayer && acceptedLayer->resolved);

  // Go to slide 3: its options and parameters, the accepted place kept.
  ASSERT_TRUE(session.apply(action::GoToSlide{2, false}).isDone());
  EXPECT_EQ(model.briefing.current, 2);
  for (const auto& o : model.options) {
    const auto& shown = model.briefing.doc.slides[2].options;
    EXPECT_EQ(o.visible, std::find(shown.begin(), shown.end(), o.id) != shown.end()) << o.id;
  }
  EXPECT_EQ(buffer->parameters["width_km"], 20) << "the slide does not set it: back to the reported width";
  EXPECT_TRUE(model.findOption("us_backstop")->layer(kAcceptedLayerId));

  // Export the option layers: the accepted place is in the file, with its sentence.
  const ScratchFolder out;
  ASSERT_TRUE(session.apply(action::ExportOptionLayers{out.path.string(), "GeoJSON"}).isDone());
  session.finish();
  const fs::path acceptedFile = out.path / "us_backstop__accepted.geojson";
  ASSERT_TRUE(fs::exists(acceptedFile));
  const auto features = readJson(acceptedFile).at("features");
  ASSERT_EQ(features.size(), 1u);
  const auto& properties = features[0].at("properties");
  EXPECT_EQ(properties.at("option"), "us_backstop");
  auto sources = properties.at("sources");
  if (sources.is_string()) sources = nlohmann::json::parse(sources.get<std::string>());
  EXPECT_EQ(sources.at(0).at("quote"), accepted.quote);
  // The buffer zone is written at the width slide 3 gives it, not at the 35 km set before.
  std::vector<double> widths;
  std::string written;
  for (const auto& entry : fs::directory_iterator(out.path)) {
    written += " " + entry.path().filename().string();
    if (entry.path().filename().string().rfind("buffer_zone__", 0) != 0) continue;
    const nlohmann::json collection = readJson(entry.path());
    for (const auto& f : collection.at("features"))
      if (f.at("properties").contains("width_km")) widths.push_back(f["properties"]["width_km"].get<double>());
  }
  ASSERT_FALSE(widths.empty()) << "no buffer-zone feature with its width was written:" << written;
  for (double w : widths) EXPECT_EQ(w, 20);

  // Refusals name what is wrong, leave the model as it was and reach the window's messages.
  const size_t messages = model.messages.size();
  const ApplyResult unknown = session.apply(action::SetOptionVisible{"no_such_option", true});
  EXPECT_TRUE(unknown.isFailed());
  EXPECT_NE(unknown.reason.find("no_such_option"), std::string::npos) << unknown.reason;
  const ApplyResult missing = session.apply(action::OpenBriefing{(out.path / "missing.json").string()});
  EXPECT_TRUE(missing.isFailed());
  EXPECT_NE(missing.reason.find("missing.json"), std::string::npos) << missing.reason;
  EXPECT_EQ(model.briefing.doc.slides.size(), 8u) << "the open briefing stays";
  EXPECT_EQ(model.briefing.current, 2);
  EXPECT_EQ(model.messages.size(), messages + 2);
  EXPECT_TRUE(session.apply(action::SetCrs{"EPSG:999999"}).isFailed());
  EXPECT_EQ(model.crs.id, session.maps().projection().crs().id);
}

// Trial problem 9: the Black Sea preset chosen in the Options panel brought no route into view. The panel's preset
// flies the map to its options when some lie outside the view; an export's preset keeps the view it was given.
TEST(Session, APresetFromTheOptionsPanelBringsItsOptionsIntoView) {
  Session session(data::findGeodataDir());
  AppState& model = session.model();
  startWithTheOptions(session);
  ASSERT_FALSE(model.options.empty());
  // Close in on Kyiv: the sea routes to the Bosporus are far outside.
  const render::View kyiv{session.maps().projection().forward({30.52, 50.45}), 500.0};
  model.view = kyiv;

  ASSERT_TRUE(session.apply(action::ApplyPreset{"sea_and_air"}).isDone());
  EXPECT_FALSE(model.briefing.transition.active) << "a preset not from the panel keeps the view";
  EXPECT_EQ(model.view.centre, kyiv.centre);

  ASSERT_TRUE(session.apply(action::ApplyPreset{"sea_and_air", true}).isDone());
  // The options the preset shows are prepared on a worker (the window asks every frame): the flight starts when
  // they are.
  session.maps().syncOptions(model);
  session.finish();
  ASSERT_TRUE(model.briefing.transition.active) << "no flight to the preset's options";
  const render::View& target = model.briefing.transition.to;
  const double halfW = model.viewportW * target.metresPerPixel / 2, halfH = model.viewportH * target.metresPerPixel / 2;
  geo::MapBox shown;
  shown.add(target.centre.x - halfW, target.centre.y - halfH);
  shown.add(target.centre.x + halfW, target.centre.y + halfH);
  size_t scenes = 0;
  for (const char* id : {"black_sea", "air_policing"})
    for (const auto& l : model.findOption(id)->layers)
      for (const auto* scene : {l.stated.get(), l.inferred.get(), l.derived.get()})
        if (l.visible && scene && !scene->bounds.empty()) {
          ++scenes;
          EXPECT_TRUE(shown.contains(scene->bounds.minX, scene->bounds.minY) &&
                      shown.contains(scene->bounds.maxX, scene->bounds.maxY))
              << id << "/" << l.id << " is not whole in the view flown to";
        }
  EXPECT_GT(scenes, 0u);

  // Once there, the same preset again does not move the map.
  model.view = target;
  model.briefing.transition.active = false;
  ASSERT_TRUE(session.apply(action::ApplyPreset{"sea_and_air", true}).isDone());
  session.maps().syncOptions(model);
  session.finish();
  EXPECT_FALSE(model.briefing.transition.active);

  // Panning before the options are ready: the map stays where the analyst took it.
  model.view = kyiv;
  ASSERT_TRUE(session.apply(action::ApplyPreset{"guarantee_stack"}).isDone());
  session.finish();
  ASSERT_TRUE(session.apply(action::ApplyPreset{"sea_and_air", true}).isDone());
  ASSERT_TRUE(session.apply(action::PanBy{10, 0}).isDone());
  session.maps().syncOptions(model);
  session.finish();
  EXPECT_FALSE(model.briefing.transition.active);
}
