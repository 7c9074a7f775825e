// The Sources panel through the action layer, no window: opening a folder of documents, flying to a
// mention, picking a candidate on the map, jumping from an option feature to its quote, accepting
// candidates into an option with their provenance, and what reaches the frame and the layer export.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <unistd.h>

#include "briefmap/data/resources.hpp"
#include "briefmap/session/session.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/sources_controller.hpp"
#include "briefmap/session/frame_builder.hpp"
#include "briefmap/options/option.hpp"

using namespace briefmap;
using namespace briefmap::session;
namespace fs = std::filesystem;

namespace {

fs::path bundledSources() { return data::findGeodataDir() / "sources"; }

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("briefmap-sources-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

struct Reader {
  Session app{data::findGeodataDir()};
  MapSession& session = app.maps();
  AppState& state = app.model();

  Reader() {
    state.viewportW = 1920;
    state.viewportH = 1080;
    state.crs = session.projection().crs();
    state.layers = defaultBasemapLayers();
    session.loadOptions();
    session.finish(state);
    state.view = session.homeView(state.viewportW, state.viewportH);
  }
  void open(const fs::path& folder) {
    app.apply(action::OpenSourcesFolder{folder.string()});
    session.finish(state);
  }
  const SourceDocument& doc(int i) const { return *state.sources.documents.at(static_cast<size_t>(i)); }
  std::string text(int docIndex, size_t start, size_t end) const { return doc(docIndex).document.text.substr(start, end - start); }
  geo::LonLat where(const extract::Candidate& c) const { return state.sources.engine->gazetteer.place(c.place).where; }
  geo::ScreenPx onScreen(geo::LonLat p) const {
    return render::mapToScreen(state.view, state.viewportW, state.viewportH, session.projection().forward(p));
  }
  /// A document with candidates, and its first candidate that is the first to name its place there.
  std::pair<int, int> someCandidate() const {
    for (size_t d = 0; d < state.sources.documents.size(); ++d)
      if (!doc(static_cast<int>(d)).candidates.empty()) return {static_cast<int>(d), 0};
    return {-1, -1};
  }
  bool hasMessage(MessageLevel level, const std::string& part) const {
    return std::any_of(state.messages.begin(), state.messages.end(),
                       [&](const Message& m) { return m.level == level && m.text.find(part) != std::string::npos; });
  }
  const render::LayerDraw* frameLayer(const std::string& id) {
    frame = session.snapshot(state, state.viewportW, state.viewportH, 1.f);
    for (const auto& l : frame.layers)
      if (l.id == id) return &l;
    return nullptr;
  }
  render::FrameSnapshot frame;
};

}  // namespace

TEST(Sources, OpeningTheBundledFolderListsDocumentsWithCandidates) {
  Reader r;
  r.open(bundledSources());
  const auto& src = r.state.sources;
  EXPECT_FALSE(src.loading);
  EXPECT_TRUE(src.showPanel);
  ASSERT_EQ(src.documents.size(), 5u);
  EXPECT_EQ(src.documents.front()->document.name, "000_5d88700c40ad824c.txt");
  EXPECT_EQ(src.selected, 0);
  EXPECT_EQ(src.folder, bundledSources());
  ASSERT_TRUE(src.engine);
  size_t candidates = 0;
  for (int d = 0; d < 5; ++d) {
    const auto& doc = r.doc(d);
    ASSERT_EQ(doc.features.size(), doc.candidates.size());
    candidates += doc.candidates.size();
    for (size_t i = 0; i < doc.candidates.size(); ++i) {
      const auto& c = doc.candidates[i];
      EXPECT_EQ(c.quote, r.text(d, c.start, c.end));
      EXPECT_EQ(doc.features[i].properties["sources"][0]["quote"], c.quote);
      EXPECT_EQ(doc.features[i].properties["name"], src.engine->gazetteer.place(c.place).name);
    }
  }
  EXPECT_GT(candidates, 20u);
  EXPECT_TRUE(r.hasMessage(MessageLevel::Info, "read 5 document(s)"));
}

TEST(Sources, ABadFolderGivesAClearMessageAndChangesNothing) {
  Reader r;
  r.open(bundledSources());
  const auto before = r.state.sources.documents;
  const auto folderBefore = r.state.sources.folder;

  r.open("/nonexistent/briefmap-documents");
  EXPECT_TRUE(r.hasMessage(MessageLevel::Error, "/nonexistent/briefmap-documents does not exist"));

  r.open(bundledSources() / "000_5d88700c40ad824c.txt");
  EXPECT_TRUE(r.hasMessage(MessageLevel::Error, "000_5d88700c40ad824c.txt is not a folder"));

  TempDir empty;
  std::ofstream(empty.path / "notes.csv") << "a,b\n1,2\n";  // not a document
  std::ofstream(empty.path / "scan.txt", std::ios::binary) << std::string("\x01\x02\0\0binary", 10);
  r.open(empty.path);
  EXPECT_TRUE(r.hasMessage(MessageLevel::Error, "no documents"));
  EXPECT_TRUE(r.hasMessage(MessageLevel::Warning, "scan.txt"));  // why the one .txt was not read

  EXPECT_EQ(r.state.sources.documents, before);
  EXPECT_EQ(r.state.sources.folder, folderBefore);
  EXPECT_FALSE(r.state.sources.loading);
}

TEST(Sources, FlyToMentionCentresThePlaceAndFocusesItsSentence) {
  Reader r;
  r.open(bundledSources());
  const auto [d, i] = r.someCandidate();
  ASSERT_GE(d, 0);
  const auto& c = r.doc(d).candidates[i];
  const render::View before = r.state.view;
  r.state.clockSeconds = 10;
  r.app.apply(action::FlyToMention{d, c.placeStart});
  ASSERT_TRUE(r.state.briefing.transition.active) << "a smooth flight, not a jump";
  EXPECT_FALSE(r.state.briefing.presenting);
  EXPECT_LT(r.state.briefing.transition.durationSeconds, 1.0);
  r.state.clockSeconds += 1;
  advanceTransitions(r.state);
  EXPECT_FALSE(r.state.briefing.transition.active);
  const geo::MapXY target = r.session.projection().forward(r.where(c));
  EXPECT_NEAR(r.state.view.centre.x, target.x, 1.0);
  EXPECT_NEAR(r.state.view.centre.y, target.y, 1.0);
  EXPECT_LE(r.state.view.metresPerPixel, before.metresPerPixel);
  const auto& focus = r.state.sources.focus;
  EXPECT_EQ(r.state.sources.selected, d);
  EXPECT_EQ(focus.document, d);
  EXPECT_EQ(focus.sentenceStart, c.start);
  EXPECT_EQ(focus.sentenceEnd, c.end);
  EXPECT_EQ(focus.mentionStart, c.placeStart);
  EXPECT_EQ(focus.mentionEnd, c.placeEnd);
  EXPECT_EQ(focus.candidate, i);
  // Every option keeps its opacity through the flight: it reuses the slide transition's fades.
  for (const auto& o : r.state.options) EXPECT_EQ(o.visible ? o.fade : o.fadeOut, o.visible ? 1.f : 0.f) << o.id;

  // A byte where no place is named: a message, and the view stays.
  const render::View now = r.state.view;
  r.app.apply(action::FlyToMention{d, c.placeStart + 1});
  EXPECT_TRUE(r.hasMessage(MessageLevel::Error, "no place is named at byte"));
  EXPECT_FALSE(r.state.briefing.transition.active);
  EXPECT_EQ(r.state.view.centre.x, now.centre.x);
}

TEST(Sources, PickingACandidateOnTheMapJumpsToItsSentence) {
  Reader r;
  r.open(bundledSources());
  const auto [d, i] = r.someCandidate();
  ASSERT_GE(d, 0);
  r.app.apply(action::SelectDocument{d});
  const auto& c = r.doc(d).candidates[i];
  const geo::ScreenPx at = r.onScreen(r.where(c));
  ASSERT_TRUE(r.session.pick(r.state, at.x, at.y));
  r.app.apply(action::PickAt{at.x, at.y});
  ASSERT_TRUE(r.state.selection);
  EXPECT_EQ(r.state.selection->layerId, kCandidateLayerId);
  EXPECT_EQ(r.state.selection->feature.properties["name"], r.state.sources.engine->gazetteer.place(c.place).name);
  const auto& focus = r.state.sources.focus;
  EXPECT_EQ(focus.document, d);
  EXPECT_EQ(focus.sentenceStart, c.start);
  EXPECT_EQ(focus.sentenceEnd, c.end);
  EXPECT_EQ(focus.mentionStart, c.placeStart);
  EXPECT_EQ(focus.candidate, i);
  // The frame shows the candidates (grey, hollow) and the one in focus.
  const auto* candidates = r.frameLayer("sources/candidates");
  ASSERT_TRUE(candidates);
  EXPECT_TRUE(candidates->style.hollowPoints);
  EXPECT_FALSE(candidates->group->points.empty());
  EXPECT_TRUE(r.frameLayer("sources/focus"));

  // Clicking the same place again steps to the next sentence that names it.
  const auto& all = r.doc(d).candidates;
  int next = -1;
  for (int k = i + 1; k < static_cast<int>(all.size()) && next < 0; ++k)
    if (all[k].place == c.place) next = k;
  r.app.apply(action::PickAt{at.x, at.y});
  if (next >= 0) {
    EXPECT_EQ(r.state.sources.focus.candidate, next);
  }

  // With the panel closed the candidates leave the map and cannot be picked.
  r.app.apply(action::ToggleSourcesPanel{});
  EXPECT_FALSE(r.frameLayer("sources/candidates"));
  const auto picked = r.session.pick(r.state, at.x, at.y);
  EXPECT_FALSE(picked && picked->layerId == kCandidateLayerId);
}

TEST(Sources, AnOptionFeatureLeadsToTheSentenceOfItsQuote) {
  Reader r;
  r.open(bundledSources());
  ASSERT_TRUE(r.state.catalog);
  int found = 0;
  for (const auto& option : r.state.catalog->options) {
    for (const auto& feature : option.features.features) {
      const auto sources = options::sourcesOf(feature);
      if (sources.empty()) continue;
      ASSERT_TRUE(showSourceOf(r.state, feature)) << feature.properties.dump();
      const auto& focus = r.state.sources.focus;
      ASSERT_GE(focus.document, 0);
      const std::string sentence = options::normaliseWhitespace(r.text(focus.document, focus.sentenceStart, focus.sentenceEnd));
      const bool holdsAQuote = std::any_of(sources.begin(), sources.end(), [&](const options::SourceRef& s) {
        return s.doc == r.doc(focus.document).document.name &&
               sentence.find(options::normaliseWhitespace(s.quote)) != std::string::npos;
      });
      EXPECT_TRUE(holdsAQuote) << sentence;
      ++found;
    }
  }
  EXPECT_GT(found, 10);
  // A feature whose quote is in no open document leaves the focus where it was.
  data::Feature stray;
  stray.properties["sources"] = nlohmann::json::array({{{"doc", "elsewhere.txt"}, {"quote", "Not in any document."}}});
  const auto before = r.state.sources.focus.revision;
  EXPECT_FALSE(showSourceOf(r.state, stray));
  EXPECT_EQ(r.state.sources.focus.revision, before);
}

TEST(Sources, AcceptingACandidateKeepsItsProvenance) {
  Reader r;
  r.open(bundledSources());
  const auto [d, i] = r.someCandidate();
  ASSERT_GE(d, 0);
  const auto& c = r.doc(d).candidates[i];
  const std::string place = r.state.sources.engine->gazetteer.place(c.place).name;
  r.app.apply(action::AcceptCandidate{d, i, ""});
  OptionState* option = r.state.findOption(c.option);
  ASSERT_TRUE(option);
  EXPECT_TRUE(option->visible);
  OptionLayerState* layer = option->layer(kAcceptedLayerId);
  ASSERT_TRUE(layer && layer->resolved);
  ASSERT_EQ(layer->resolved->stated.features.size(), 1u);
  const auto& f = layer->resolved->stated.features[0];
  EXPECT_EQ(f.properties["placement"], "stated");
  EXPECT_EQ(f.properties["name"], place);
  EXPECT_EQ(f.properties["option"], c.option);
  ASSERT_EQ(f.properties["sources"].size(), 1u);
  EXPECT_EQ(f.properties["sources"][0]["doc"], r.doc(d).document.name);
  EXPECT_EQ(f.properties["sources"][0]["quote"], r.text(d, c.start, c.end));
  const auto sources = options::sourcesOf(f);  // what the inspector prints
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].quote, c.quote);
  EXPECT_EQ(f.geometry.points.at(0).lon, r.where(c).lon);

  // Drawn in the option's colour, in the frame.
  const auto* drawn = r.frameLayer("option/" + c.option + "/accepted/stated");
  ASSERT_TRUE(drawn);
  EXPECT_EQ(drawn->style.point.packed(), option->colour.packed());
  // Picking it shows its quote and jumps to the sentence.
  r.state.sources.focus = {};
  const geo::ScreenPx at = r.onScreen(r.where(c));
  r.app.apply(action::ToggleSourcesPanel{});  // candidates off the map: the option feature is on top
  r.app.apply(action::PickAt{at.x, at.y});
  ASSERT_TRUE(r.state.selection);
  EXPECT_EQ(r.state.selection->layerId, kAcceptedLayerId);
  EXPECT_EQ(r.state.sources.focus.sentenceStart, c.start);
  r.app.apply(action::ToggleSourcesPanel{});

  // The same sentence again: nothing new. Another sentence naming the place: a second source, one point.
  r.app.apply(action::AcceptCandidate{d, i, c.option});
  EXPECT_TRUE(r.hasMessage(MessageLevel::Info, "already in"));
  layer = r.state.findOption(c.option)->layer(kAcceptedLayerId);
  EXPECT_EQ(layer->resolved->stated.features[0].properties["sources"].size(), 1u);
  const auto& all = r.doc(d).candidates;
  for (int k = i + 1; k < static_cast<int>(all.size()); ++k) {
    if (all[k].place != c.place || all[k].start == c.start) continue;
    r.app.apply(action::AcceptCandidate{d, k, c.option});
    layer = r.state.findOption(c.option)->layer(kAcceptedLayerId);
    ASSERT_EQ(layer->resolved->stated.features.size(), 1u);
    EXPECT_EQ(layer->resolved->stated.features[0].properties["sources"].size(), 2u);
    break;
  }

  // Into another option, chosen by the analyst.
  const std::string other = c.option == "black_sea" ? "air_policing" : "black_sea";
  r.app.apply(action::AcceptCandidate{d, i, other});
  const auto* otherLayer = r.state.findOption(other)->layer(kAcceptedLayerId);
  ASSERT_TRUE(otherLayer && otherLayer->resolved);
  EXPECT_EQ(otherLayer->resolved->stated.features.at(0).properties["option"], other);
  EXPECT_EQ(otherLayer->resolved->stated.features.at(0).properties["extracted_option"], c.option);

  // Bad requests: a message, nothing added.
  const size_t messages = r.state.messages.size();
  r.app.apply(action::AcceptCandidate{d, 100000, ""});
  r.app.apply(action::AcceptCandidate{d, i, "no_such_option"});
  r.app.apply(action::AcceptCandidate{99, 0, ""});
  EXPECT_EQ(r.state.messages.size(), messages + 3);
  EXPECT_TRUE(r.hasMessage(MessageLevel::Error, "no option 'no_such_option'"));
  EXPECT_TRUE(r.hasMessage(MessageLevel::Error, "has no candidate 100000"));

  // A CRS change reprojects the accepted points (syncOptions only recomputes the catalogue's layers).
  r.app.apply(action::SetCrs{"EPSG:3035"});
  EXPECT_TRUE(r.state.findOption(c.option)->layer(kAcceptedLayerId)->stated);
}

TEST(Sources, ADemonymIsAcceptedAsInferred) {
  TempDir dir;
  // "Polish airspace" locates the patrols in Poland without naming a place: the point is an inference.
  std::ofstream(dir.path / "air.txt")
      << "Security guarantees for Ukraine: NATO fighter jets would conduct air policing over Polish airspace to "
         "deter Russian drones, officials in Kyiv said.\n";
  Reader r;
  r.open(dir.path);
  ASSERT_EQ(r.state.sources.documents.size(), 1u);
  const auto& doc = r.doc(0);
  int demonym = -1;
  for (size_t k = 0; k < doc.candidates.size(); ++k)
    if (doc.candidates[k].matched.find("Polish") != std::string::npos) demonym = static_cast<int>(k);
  ASSERT_GE(demonym, 0) << "the extractor no longer finds 'Polish airspace'";
  const auto& c = doc.candidates[demonym];
  r.app.apply(action::AcceptCandidate{0, demonym, ""});
  const auto* layer = r.state.findOption(c.option)->layer(kAcceptedLayerId);
  ASSERT_TRUE(layer && layer->resolved);
  ASSERT_EQ(layer->resolved->inferred.features.size(), 1u);
  EXPECT_EQ(layer->resolved->inferred.features[0].properties["placement"], "inferred");
  EXPECT_EQ(layer->resolved->inferred.features[0].properties["name"], "Poland");
  EXPECT_TRUE(r.frameLayer("option/" + c.option + "/accepted/inferred"));
}

TEST(Sources, AcceptedFeaturesAreInTheOptionLayerExport) {
  Reader r;
  r.session.loadBasemapFor(r.state.view, r.state.viewportW, r.state.viewportH);
  r.open(bundledSources());
  const auto [d, i] = r.someCandidate();
  ASSERT_GE(d, 0);
  const auto& c = r.doc(d).candidates[i];
  r.app.apply(action::AcceptCandidate{d, i, ""});
  TempDir out;
  r.app.apply(action::ExportOptionLayers{out.path.string(), "GeoJSON"});
  r.session.finish(r.state);
  const fs::path file = out.path / (c.option + "__accepted.geojson");
  ASSERT_TRUE(fs::exists(file)) << "exported: " << [&] {
    std::string names;
    for (const auto& e : fs::directory_iterator(out.path)) names += e.path().filename().string() + " ";
    return names;
  }();
  const auto json = nlohmann::json::parse(std::ifstream(file));
  ASSERT_EQ(json["features"].size(), 1u);
  const auto& p = json["features"][0]["properties"];
  EXPECT_EQ(p["placement"], "stated");
  EXPECT_EQ(p["layer"], "accepted");
  const auto sources = p["sources"].is_string() ? nlohmann::json::parse(p["sources"].get<std::string>()) : p["sources"];
  EXPECT_EQ(sources[0]["quote"], r.text(d, c.start, c.end));
}

TEST(Sources, DocumentsAreNamedByTheirHeadlineAndDateNotTheirFileName) {
  Reader r;
  r.open(bundledSources());
  ASSERT_EQ(r.state.sources.documents.size(), 5u);
  // The first non-empty line is the headline.
  EXPECT_EQ(documentHeadline(r.doc(0).document), "What could US and Europe security guarantees look like for Ukraine?");
  EXPECT_EQ(documentHeadline(r.doc(1).document), "US, NATO planners start to craft Ukraine security guarantee options");
  // A feed reader's short lines above the title ("Vue normale") are passed over; the date line gives the date.
  const std::string ceasefire = documentHeadline(r.doc(3).document);
  EXPECT_EQ(ceasefire.rfind("Ceasefire must trigger", 0), 0u) << ceasefire;
  EXPECT_NE(documentLabel(r.doc(3).document).find("(2025-09-20)"), std::string::npos) << documentLabel(r.doc(3).document);
  for (int d = 0; d < 5; ++d) {
    const std::string h = documentHeadline(r.doc(d).document);
    EXPECT_FALSE(h.empty());
    EXPECT_NE(h, r.doc(d).document.name);
    EXPECT_EQ(h.find('\n'), std::string::npos);
    EXPECT_LE(h.size(), 95u) << h;  // a long first paragraph is cut at a word
  }
  // The inspector names a feature's document the same way; an unknown file keeps its name.
  EXPECT_EQ(documentLabel(r.state, r.doc(3).document.name), documentLabel(r.doc(3).document));
  EXPECT_EQ(documentLabel(r.state, "not_open.txt"), "not_open.txt");
}

// Export footnotes name the documents behind the visible options by the same function as the inspector: with
// the documents open, headline and date, never a file name; the same documents whether or not they are open
// (then named from the catalogue, as the inspector shows them).
TEST(Sources, ExportFootnotesNameDocumentsAsTheInspectorDoes) {
  Reader r;
  ASSERT_TRUE(r.state.catalog);
  r.app.apply(action::ApplyPreset{"guarantee_stack"});
  r.session.syncOptions(r.state);
  r.session.finish(r.state);
  const auto closed = visibleSources(r.state);
  ASSERT_FALSE(closed.empty());
  r.open(bundledSources());
  const auto lines = visibleSources(r.state);
  ASSERT_EQ(lines.size(), closed.size());
  std::set<std::string> expected;
  for (const auto& o : r.state.options)
    if (o.visible)
      for (const auto& l : o.layers)
        if (l.visible && l.resolved)
          for (const data::Layer* part : {&l.resolved->stated, &l.resolved->inferred, &l.resolved->derived})
            for (const auto& f : part->features)
              for (const auto& s : options::sourcesOf(f)) expected.insert(documentLabel(r.state, s.doc));
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), expected);
  bool someHeadline = false;
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(".txt"), std::string::npos) << "a file name in a footnote: " << line;
    for (const auto& d : r.state.sources.documents) someHeadline |= line == documentLabel(d->document);
  }
  EXPECT_TRUE(someHeadline) << "no footnote names an open document by its headline";
}

TEST(Sources, ACountryFliesToAViewOfTheWholeCountryNotItsCentroid) {
  Reader r;
  r.session.loadBasemap();
  r.open(bundledSources());
  r.session.finish(r.state);
  const auto& gazetteer = r.state.sources.engine->gazetteer;
  int document = -1;
  size_t start = 0;
  for (int d = 0; d < static_cast<int>(r.state.sources.documents.size()) && document < 0; ++d)
    for (const auto& s : r.doc(d).sentences)
      for (const auto& m : s.places)
        if (document < 0 && gazetteer.place(m.place).name == "Russia" && gazetteer.place(m.place).kind == "country") {
          document = d;
          start = m.start;
        }
  ASSERT_GE(document, 0) << "no mention of Russia in the bundled documents";
  r.state.clockSeconds = 10;
  ASSERT_TRUE(r.app.apply(action::FlyToMention{document, start}).isDone());
  r.state.clockSeconds += 5;
  advanceTransitions(r.state);
  // Russia from Kaliningrad to the Pacific is on screen, not a close-up of a point in the Urals.
  for (const geo::LonLat p : {geo::LonLat{20.5, 54.7}, geo::LonLat{37.6, 55.75}, geo::LonLat{60.6, 56.8},
                              geo::LonLat{131.9, 43.1}}) {
    const geo::ScreenPx s = r.onScreen(p);
    EXPECT_GE(s.x, 0) << p.lon;
    EXPECT_LE(s.x, r.state.viewportW) << p.lon;
    EXPECT_GE(s.y, 0) << p.lon;
    EXPECT_LE(s.y, r.state.viewportH) << p.lon;
  }
}
