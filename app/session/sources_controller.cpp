#include "briefmap/session/sources_controller.hpp"

#include "briefmap/session/place_search.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <system_error>

#include "briefmap/options/option.hpp"
#include "briefmap/render/scene.hpp"
#include "briefmap/session/flight.hpp"
#include "briefmap/session/map_session.hpp"

namespace briefmap::session {
namespace {

namespace fs = std::filesystem;

void error(AppState& state, std::string text) { state.messages.push_back({MessageLevel::Error, "Sources: " + std::move(text)}); }
ApplyResult refused(std::string text) { return ApplyResult::failed("Sources: " + std::move(text)); }

nlohmann::json sourceJson(const std::string& doc, const std::string& quote) {
  return nlohmann::json::array({nlohmann::json{{"doc", doc}, {"quote", quote}}});
}

// A candidate as the map and the inspector show it: the extractor's feature, named after its place and with
// its sentence in the `sources` shape the option features use, so the inspector prints the quote.
data::Feature candidateFeature(const extract::Candidate& c, const extract::Gazetteer& gazetteer, const std::string& encoding) {
  data::Feature f = extract::toFeature(c, gazetteer, encoding);
  f.properties["name"] = gazetteer.place(c.place).name;
  f.properties["layer"] = kCandidateLayerId;
  f.properties["sources"] = sourceJson(c.doc, c.quote);
  return f;
}

std::shared_ptr<const SourceEngine> loadEngine(const fs::path& geodataDir) {
  auto engine = std::make_shared<SourceEngine>();
  engine->gazetteer = extract::Gazetteer::load(geodataDir);
  engine->extractor = std::make_unique<const extract::Extractor>(engine->gazetteer);  // refers to the member above
  return engine;
}

// Runs on the worker: reads and analyses every document; one unreadable file is a warning, not a failure.
std::function<void(AppState&)> readFolder(fs::path folder, std::shared_ptr<const SourceEngine> engine, fs::path geodataDir) {
  std::vector<std::shared_ptr<const SourceDocument>> documents;
  std::vector<std::string> warnings;
  size_t candidates = 0;
  try {
    if (!engine) engine = loadEngine(geodataDir);
    for (const auto& path : extract::listDocuments(folder)) {
      try {
        auto d = std::make_shared<SourceDocument>();
        d->document = extract::loadDocument(path);
        // One reading of the document gives its sentences, candidates and facts.
        auto found = extract::extractAll(*engine->extractor, d->document, /*keepSentences=*/true);
        d->sentences = std::move(found.sentences);
        d->candidates = std::move(found.candidates);
        d->facts = std::move(found.facts);
        for (const auto& c : d->candidates) d->features.push_back(candidateFeature(c, engine->gazetteer, d->document.encoding));
        d->analysed = workspace::analyseDocument(d->document, d->sentences, d->candidates, engine->gazetteer);
        for (auto& w : extract::readingWarnings(d->document, found)) warnings.push_back(std::move(w));
        candidates += d->candidates.size();
        documents.push_back(std::move(d));
      } catch (const extract::DocumentError& e) {
        warnings.push_back(e.what());
      }
    }
  } catch (const std::exception& e) {
    const std::string text = e.what();
    return [text](AppState& s) {
      s.sources.loading = false;
      error(s, text);
    };
  }
  return [=](AppState& s) {
    auto& src = s.sources;
    src.loading = false;
    src.engine = engine;
    for (const auto& w : warnings) s.messages.push_back({MessageLevel::Warning, "Sources: " + w});
    if (documents.empty()) {
      // Nothing replaces what the panel already shows.
      error(s, "no documents (.txt, .text, .md, .html, .htm) could be read in " + folder.string());
      return;
    }
    src.folder = folder;
    src.documents = documents;
    src.selected = 0;
    src.focus = {-1, 0, 0, 0, 0, -1, src.focus.revision + 1};
    src.showPanel = true;
    s.messages.push_back({MessageLevel::Info, "Sources: read " + std::to_string(documents.size()) + " document(s) from " +
                                                  folder.string() + ", " + std::to_string(candidates) + " candidate(s)"});
  };
}

ApplyResult openFolder(AppState& state, MapSession& session, const std::string& path) {
  if (path.empty()) return refused("no folder given");
  std::error_code ec;
  if (!fs::exists(path, ec)) return refused(path + " does not exist");
  if (!fs::is_directory(path, ec)) return refused(path + " is not a folder");
  state.sources.loading = true;
  // The gazetteer is loaded once, by the first folder opened; later folders reuse it.
  session.background([folder = fs::path(path), engine = state.sources.engine, dir = session.geodataDir()] {
    return readFolder(folder, engine, dir);
  });
  return ApplyResult::done();
}

const extract::SentenceAnalysis* sentenceAt(const SourceDocument& d, size_t offset) {
  for (const auto& s : d.sentences)
    if (s.start <= offset && offset < s.end) return &s;
  return nullptr;
}

int candidateAt(const SourceDocument& d, size_t sentenceStart, size_t placeStart) {
  for (size_t i = 0; i < d.candidates.size(); ++i)
    if (d.candidates[i].start == sentenceStart && d.candidates[i].placeStart == placeStart) return static_cast<int>(i);
  return -1;
}

void focus(AppState& state, int document, size_t sentenceStart, size_t sentenceEnd, size_t mentionStart, size_t mentionEnd) {
  auto& src = state.sources;
  src.selected = document;
  const auto& d = *src.documents[document];
  src.focus = {document, sentenceStart, sentenceEnd, mentionStart, mentionEnd,
               mentionEnd > 0 ? candidateAt(d, sentenceStart, mentionStart) : -1, src.focus.revision + 1};
}

// Towns are framed closer than countries, seas and rivers, whose point only stands for a large area. A view already
// closer than that stays as close.
double flyToScale(const extract::PlaceEntry& place, double current) {
  return std::clamp(std::min(current, place.standsForLargeArea() ? 1200.0 : 500.0), kMinMetresPerPixel, kMaxMetresPerPixel);
}

// Flies the map to a gazetteer place (a mention in a document, a place searched for): a country framed whole,
// a town close; the slide transition carries the flight.
ApplyResult flyToPlace(AppState& state, MapSession& session, const extract::PlaceEntry& place) {
  render::View target;
  target.centre = session.projection().forward(place.where);
  if (!std::isfinite(target.centre.x) || !std::isfinite(target.centre.y))
    return refused(place.name + " lies outside the map projection " + state.crs.id);
  target.metresPerPixel = flyToScale(place, state.view.metresPerPixel);
  // A country is shown whole, framed by its outline: its point alone (Russia's is in the Urals) says little.
  if (place.kind == "country" && state.viewportW > 0 && state.viewportH > 0)
    if (const auto box = session.countryBox(place.name, place.where)) {
      render::View whole = session.viewForBox(*box, state.viewportW, state.viewportH);
      if (std::isfinite(whole.centre.x) && std::isfinite(whole.centre.y) && whole.metresPerPixel > 0) {
        whole.metresPerPixel = std::clamp(whole.metresPerPixel * 1.08, kMinMetresPerPixel, kMaxMetresPerPixel);
        target = whole;
      }
    }
  flyTo(state, target);
  return ApplyResult::done();
}

ApplyResult flyToMention(AppState& state, MapSession& session, const action::FlyToMention& a) {
  auto& src = state.sources;
  if (a.document < 0 || a.document >= static_cast<int>(src.documents.size()) || !src.engine)
    return refused("no document " + std::to_string(a.document) + " is open");
  const SourceDocument& d = *src.documents[a.document];
  for (const auto& s : d.sentences) {
    for (const auto& m : s.places) {
      if (m.start != a.start) continue;
      focus(state, a.document, s.start, s.end, m.start, m.end);
      const extract::PlaceEntry& place = src.engine->gazetteer.place(m.place);
      return flyToPlace(state, session, place);
    }
  }
  return refused("no place is named at byte " + std::to_string(a.start) + " of " + d.document.name);
}


ApplyResult accept(AppState& state, MapSession& session, const action::AcceptCandidate& a) {
  auto& src = state.sources;
  if (a.document < 0 || a.document >= static_cast<int>(src.documents.size()) || !src.engine)
    return refused("no document " + std::to_string(a.document) + " is open");
  const SourceDocument& d = *src.documents[a.document];
  if (a.candidate < 0 || a.candidate >= static_cast<int>(d.candidates.size()))
    return refused(d.document.name + " has no candidate " + std::to_string(a.candidate));
  const extract::Candidate& c = d.candidates[a.candidate];
  const std::string optionId = a.option.empty() ? c.option : a.option;
  OptionState* option = state.findOption(optionId);
  if (!option) return refused(state.options.empty() ? "the options are not loaded yet" : "no option '" + optionId + "'");

  data::Feature feature = acceptedFeature(d, a.candidate, optionId, src.engine->gazetteer);
  const std::string name = feature.properties["name"];
  const bool stated = feature.properties["placement"] == "stated";

  OptionLayerState* layer = option->layer(kAcceptedLayerId);
  if (!layer) {
    option->layers.push_back({kAcceptedLayerId, "Accepted from documents",
                              "Places named in the documents, accepted from the Sources panel", true, nullptr, nullptr,
                              nullptr, nullptr});
    layer = &option->layers.back();
  }
  options::ResolvedLayer resolved;
  if (layer->resolved) resolved = *layer->resolved;
  resolved.optionId = optionId;
  resolved.layerId = kAcceptedLayerId;
  // A place accepted again from another sentence gains a source rather than a second point.
  bool merged = false;
  for (data::Layer* part : {&resolved.stated, &resolved.inferred}) {
    auto it = std::find_if(part->features.begin(), part->features.end(),
                           [&](const data::Feature& f) { return f.properties.value("name", std::string()) == name; });
    if (it == part->features.end()) continue;
    for (const auto& s : options::sourcesOf(*it))
      if (s.doc == c.doc && s.quote == c.quote)
      {
        state.messages.push_back(
            {MessageLevel::Info, "Sources: " + name + " is already in " + option->title + " from this sentence"});
        return ApplyResult::done();
      }
    it->properties["sources"].push_back(nlohmann::json{{"doc", c.doc}, {"quote", c.quote}});
    if (stated && part == &resolved.inferred) {  // one sentence that names the place is enough
      it->properties["placement"] = "stated";
      resolved.stated.features.push_back(std::move(*it));
      part->features.erase(it);
    }
    merged = true;
    break;
  }
  if (!merged) (stated ? resolved.stated : resolved.inferred).features.push_back(std::move(feature));
  auto shared = std::make_shared<const options::ResolvedLayer>(std::move(resolved));
  layer->resolved = shared;
  layer->stated = session.projectLabelledPoints(shared->stated);
  layer->inferred = session.projectLabelledPoints(shared->inferred);
  layer->visible = true;
  option->visible = true;  // the analyst sees what was accepted at once
  state.messages.push_back({MessageLevel::Info, "Sources: accepted " + name + " into " + option->title + " (" +
                                                    (stated ? "stated" : "inferred") + ", " + c.doc + ")"});
  return ApplyResult::done();
}

}  // namespace

ApplyResult handleSourcesAction(AppState& state, MapSession& session, const Action& a) {
  if (auto* open = std::get_if<action::OpenSourcesFolder>(&a)) return openFolder(state, session, open->path);
  if (auto* fly = std::get_if<action::FlyToMention>(&a)) return flyToMention(state, session, *fly);
  if (auto* acc = std::get_if<action::AcceptCandidate>(&a)) return accept(state, session, *acc);
  if (std::holds_alternative<action::OpenPlaceSearch>(a)) {
    // The gazetteer is the Sources panel's: loaded once (20–60 ms), shared by both.
    if (!state.sources.engine) {
      try {
        state.sources.engine = loadEngine(session.geodataDir());
      } catch (const std::exception& e) {
        return ApplyResult::failed(std::string("Place search: ") + e.what());
      }
    }
    state.placeSearch.open = true;
    return ApplyResult::done();
  }
  if (auto* search = std::get_if<action::SearchPlaces>(&a)) {
    state.placeSearch.query = search->query;
    state.placeSearch.suggestions =
        state.sources.engine ? suggestPlaces(state.sources.engine->gazetteer, search->query) : std::vector<PlaceSuggestion>{};
    return ApplyResult::done();
  }
  if (auto* fly = std::get_if<action::FlyToPlace>(&a)) {
    if (!state.sources.engine || fly->place >= state.sources.engine->gazetteer.placeCount())
      return ApplyResult::failed("Place search: no place " + std::to_string(fly->place) + " in the gazetteer");
    const auto engine = state.sources.engine;  // the flight may not outlive the place it reads
    const ApplyResult result = flyToPlace(state, session, engine->gazetteer.place(fly->place));
    if (result.isDone()) state.placeSearch = PlaceSearchState{};
    return result;
  }
  return ApplyResult::notMine();
}

namespace {
// At most ~90 bytes, cut at a word (or at a whole character) with an ellipsis.
std::string shortened(std::string text) {
  constexpr size_t kMaxBytes = 90;
  if (text.size() <= kMaxBytes) return text;
  size_t cut = text.rfind(' ', kMaxBytes);
  if (cut == std::string::npos || cut < kMaxBytes / 2) {
    cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  }
  text.resize(cut);
  while (!text.empty() && std::string(",;:- ").find(text.back()) != std::string::npos) text.pop_back();
  return text + "\u2026";
}
}  // namespace

std::string documentHeadline(const extract::Document& document) {
  auto isDateline = [&](size_t offset) {
    return std::any_of(document.datelines.begin(), document.datelines.end(), [&](const extract::Dateline& d) { return d.offset == offset; });
  };
  auto trim = [](std::string_view line) {
    const char* space = " \t\r\f\v";
    const size_t a = line.find_first_not_of(space);
    if (a == std::string_view::npos) return std::string();
    return std::string(line.substr(a, line.find_last_not_of(space) - a + 1));
  };
  auto words = [](const std::string& line) {
    return 1 + std::count(line.begin(), line.end(), ' ');
  };
  // The first non-empty line; a feed reader's short lines above the title ("Vue normale") are passed over
  // for the first line of four words or more among the first few.
  std::string first, headline;
  size_t at = 0;
  for (int lines = 0; at <= document.text.size() && lines < 12; ++lines) {
    size_t end = document.text.find('\n', at);
    if (end == std::string::npos) end = document.text.size();
    const std::string line = trim(std::string_view(document.text).substr(at, end - at));
    if (!line.empty() && !isDateline(at)) {
      if (first.empty()) first = line;
      if (words(line) >= 4) {
        headline = line;
        break;
      }
    }
    at = end + 1;
  }
  if (headline.empty()) headline = first;
  if (headline.empty()) return document.name;
  return shortened(std::move(headline));
}

std::string documentLabel(const extract::Document& document) {
  const auto date = document.date();
  return date ? documentHeadline(document) + " (" + *date + ")" : documentHeadline(document);
}

std::string documentLabel(const AppState& state, const std::string& fileName) {
  for (const auto& d : state.sources.documents)
    if (d->document.name == fileName) return documentLabel(d->document);
  // Not open in the Sources panel: what the catalogue says the document is, shortened.
  if (state.catalog)
    if (auto it = state.catalog->documents.find(fileName); it != state.catalog->documents.end() && !it->second.empty())
      return shortened(it->second);
  return fileName;
}

bool showSourceOf(AppState& state, const data::Feature& feature) {
  auto& src = state.sources;
  auto documentNamed = [&](const std::string& name) {
    for (size_t i = 0; i < src.documents.size(); ++i)
      if (src.documents[i]->document.name == name) return static_cast<int>(i);
    return -1;
  };
  const auto& p = feature.properties;
  // A candidate or an accepted candidate knows its offsets: exact, even when the sentence occurs twice.
  if (p.contains("start") && p.contains("end") && p.contains("doc") && p["start"].is_number_unsigned()) {
    const int doc = documentNamed(p.value("doc", std::string()));
    const size_t start = p["start"], end = p["end"];
    if (doc >= 0 && end <= src.documents[doc]->document.text.size() && start < end) {
      focus(state, doc, start, end, p.value("place_start", size_t{0}), p.value("place_end", size_t{0}));
      return true;
    }
  }
  // A curated feature has only its quotes; they were copied by hand, so compare without spacing differences.
  for (const auto& s : options::sourcesOf(feature)) {
    const int doc = documentNamed(s.doc);
    if (doc < 0 || s.quote.empty()) continue;
    const SourceDocument& d = *src.documents[doc];
    if (const size_t at = d.document.text.find(s.quote); at != std::string::npos) {
      const auto* sentence = sentenceAt(d, at);
      const bool whole = sentence && sentence->start <= at && at + s.quote.size() <= sentence->end;
      focus(state, doc, whole ? sentence->start : at, whole ? sentence->end : at + s.quote.size(), 0, 0);
      return true;
    }
    const std::string wanted = options::normaliseWhitespace(s.quote);
    for (const auto& sentence : d.sentences) {
      if (options::normaliseWhitespace(d.document.text.substr(sentence.start, sentence.end - sentence.start)) != wanted) continue;
      focus(state, doc, sentence.start, sentence.end, 0, 0);
      return true;
    }
  }
  return false;
}

data::Feature acceptedFeature(const SourceDocument& d, int index, const std::string& option,
                              const extract::Gazetteer& gazetteer) {
  return extract::acceptedFeature(d.candidates.at(static_cast<size_t>(index)), d.sentences, option, kAcceptedLayerId,
                                  gazetteer);
}


}  // namespace briefmap::session
