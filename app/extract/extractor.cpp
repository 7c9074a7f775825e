#include "briefmap/extract/extractor.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "briefmap/data/vector_writer.hpp"
#include "rules.hpp"
#include "text_scan.hpp"

namespace briefmap::extract {

using detail::PhraseMatcher;
using detail::Tokens;

// The matchers built once from the rule tables.
struct detail::ExtractorRules {
  PhraseMatcher cues;      // payload: index into cueList
  PhraseMatcher context;   // payload unused
  PhraseMatcher locating;  // payload unused
  struct CueRef {
    size_t option;
    double weight;
    std::string_view phrase;
  };
  std::vector<CueRef> cueList;
  std::vector<std::vector<std::pair<size_t, double>>> placeCues;  // by PlaceId: (option, weight)
  std::vector<bool> contextPlace;                                  // by PlaceId
};

namespace {

// Relevance: the best option's cue total over kFullScore, capped at 1; a sentence without context of its own
// but within kContextReach sentences of one that has it counts kNearContext of that.
constexpr double kFullScore = 5.0;
constexpr int kContextReach = 3;
constexpr double kNearContext = 0.85;
// Evidence beyond cue words (see app/extract/README.md).
constexpr double kTroopsEvidence = 1.0;          // a troop number: the size of a force is under discussion
constexpr double kSeveralCountriesEvidence = 2.0;  // two or more countries besides Ukraine, Russia and the US

constexpr size_t kReassurance = 0, kForceConcepts = 5, kContributors = 6;

bool isBigThree(const std::string& name) { return name == "Ukraine" || name == "Russia" || name == "United States"; }

struct ContextState {
  int sentencesSinceContext = 1 << 20;
};

}  // namespace

Extractor::Extractor(const Gazetteer& gazetteer) : m_gazetteer(gazetteer) {
  auto rules = std::make_unique<detail::ExtractorRules>();
  for (size_t option = 0; option < kOptionIds.size(); ++option) {
    for (const auto& cue : rules::optionCues(option)) {
      rules->cueList.push_back({option, cue.weight, cue.phrase});
      rules->cues.add(cue.phrase, static_cast<uint32_t>(rules->cueList.size() - 1));
    }
  }
  for (auto term : rules::contextTerms()) rules->context.add(term, 0);
  for (auto noun : rules::locatingNouns()) rules->locating.add(noun, 0);
  rules->placeCues.resize(gazetteer.placeCount());
  rules->contextPlace.resize(gazetteer.placeCount());
  for (const auto& pc : rules::placeCues())
    if (const auto* p = gazetteer.find(std::string(pc.place))) rules->placeCues[gazetteer.idOf(*p)].push_back({pc.option, pc.weight});
  for (const char* name : {"Ukraine", "Russia", "Kyiv", "Moscow", "Crimea"})
    if (const auto* p = gazetteer.find(name)) rules->contextPlace[gazetteer.idOf(*p)] = true;
  m_rules = std::move(rules);
}

Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;

namespace {

// Places named in the tokens: longest name first, each name's case rule, demonyms only before a locating noun,
// long-list towns not inside a longer proper name.
void findPlaces(const Gazetteer& g, const PhraseMatcher& locating, const Tokens& tokens,
                std::vector<PlaceMention>& out) {
  std::vector<uint32_t> payloads, nounPayloads;
  for (size_t i = 0; i < tokens.size();) {
    const size_t n = g.names().match(tokens, i, payloads);
    if (n == 0) { ++i; continue; }
    // Proper names are written with a capital: the first word that is not "the" must have one.
    size_t head = i;
    if (tokens.key(head) == "the" && n > 1) ++head;
    bool accepted = false;
    size_t consumed = n;
    for (uint32_t a : payloads) {
      const Alias& alias = g.alias(a);
      if (!tokens.items[head].capitalised) break;
      if (alias.exactCase) {
        bool caps = true;
        for (size_t k = i; k < i + n; ++k) caps = caps && tokens.items[k].allCaps;
        if (!caps) continue;
      }
      if (alias.guarded) {
        const bool before = i > 0 && tokens.items[i - 1].capitalised;
        const bool after = i + n < tokens.size() && tokens.items[i + n].capitalised;
        if (before || after) continue;
      }
      size_t end = i + n;
      if (alias.kind == AliasKind::Demonym) {
        const size_t nouns = i + n < tokens.size() ? locating.match(tokens, i + n, nounPayloads) : 0;
        if (nouns == 0) continue;
        end += nouns;
      }
      out.push_back({alias.place, tokens.items[i].start, tokens.items[end - 1].end, alias.kind});
      consumed = end - i;
      accepted = true;
      if (alias.kind != AliasKind::Group) break;  // a group gives all its members; a name its first place
    }
    i += accepted ? consumed : 1;
  }
}

}  // namespace

// One sentence, given the context carried from the sentences before it.
namespace {

SentenceAnalysis analyseRange(const Gazetteer& g, const detail::ExtractorRules& rules, std::string_view text,
                              size_t begin, size_t end, Tokens& tokens, ContextState& context) {
  SentenceAnalysis s;
  s.start = begin;
  s.end = end;
  detail::tokenize(text, begin, end, tokens);
  findPlaces(g, rules.locating, tokens, s.places);
  s.quantities = findQuantities(text, begin, end);

  std::array<double, kOptionIds.size()> score{};
  std::array<std::vector<std::string_view>, kOptionIds.size()> cues;
  std::vector<uint32_t> payloads;
  bool hasContext = false;
  for (size_t i = 0; i < tokens.size();) {
    if (!hasContext && rules.context.match(tokens, i, payloads) > 0) hasContext = true;
    const size_t n = rules.cues.match(tokens, i, payloads);
    if (n == 0) { ++i; continue; }
    for (uint32_t p : payloads) {
      const auto& cue = rules.cueList[p];
      if (std::find(cues[cue.option].begin(), cues[cue.option].end(), cue.phrase) != cues[cue.option].end()) continue;
      score[cue.option] += cue.weight;
      cues[cue.option].push_back(cue.phrase);
    }
    i += n;
  }
  std::set<PlaceId> seen;
  int countries = 0;
  for (const auto& m : s.places) {
    if (!seen.insert(m.place).second) continue;
    const auto& place = g.place(m.place);
    if (rules.contextPlace[m.place]) hasContext = true;
    for (const auto& [option, weight] : rules.placeCues[m.place]) {
      if (weight <= 0) continue;
      score[option] += weight;
      cues[option].push_back(place.name);
    }
    if (place.kind == "country" && !isBigThree(place.name)) ++countries;
  }
  if (countries >= 2) {
    score[kContributors] += kSeveralCountriesEvidence;
    cues[kContributors].push_back("several countries");
  }
  if (std::any_of(s.quantities.begin(), s.quantities.end(), [](const Quantity& q) { return q.kind == QuantityKind::Troops; })) {
    for (size_t option : {kReassurance, kForceConcepts}) {
      score[option] += kTroopsEvidence;
      cues[option].push_back("troop number");
    }
  }

  double contextFactor = 0;
  if (hasContext) {
    contextFactor = 1;
    context.sentencesSinceContext = 0;
  } else if (++context.sentencesSinceContext <= kContextReach) {
    contextFactor = kNearContext;
  }
  size_t best = 0;
  for (size_t o = 1; o < score.size(); ++o)
    if (score[o] > score[best]) best = o;
  if (score[best] > 0) {
    s.option = static_cast<int>(best);
    s.relevance = std::round(std::min(1.0, score[best] / kFullScore) * contextFactor * 1000) / 1000;
    for (auto c : cues[best]) s.cues.emplace_back(c);
  }
  return s;
}

}  // namespace

void Extractor::forEachSentence(const Document& document, const std::function<void(const SentenceAnalysis&)>& visit) const {
  Tokens tokens;
  ContextState context;
  const std::string_view text = document.text;
  detail::forEachSentence(text, [&](size_t begin, size_t end) {
    visit(analyseRange(m_gazetteer, *m_rules, text, begin, end, tokens, context));
  });
}

std::vector<SentenceAnalysis> Extractor::analyse(const Document& document) const {
  std::vector<SentenceAnalysis> out;
  forEachSentence(document, [&](const SentenceAnalysis& s) {
    if (!s.places.empty() || !s.quantities.empty() || s.relevance > 0) out.push_back(s);
  });
  return out;
}

SentenceAnalysis Extractor::analyseSentence(std::string_view text) const {
  Tokens tokens;
  ContextState context;
  return analyseRange(m_gazetteer, *m_rules, text, 0, text.size(), tokens, context);
}

std::vector<Candidate> candidatesOf(const Extractor& extractor, const Document& document) {
  std::vector<Candidate> out;
  extractor.forEachSentence(document, [&](const SentenceAnalysis& s) {
    if (!s.relevant()) return;
    std::set<PlaceId> seen;
    for (const auto& m : s.places) {
      if (!seen.insert(m.place).second) continue;
      Candidate c;
      c.doc = document.name;
      c.quote = document.text.substr(s.start, s.end - s.start);
      c.start = s.start;
      c.end = s.end;
      c.place = m.place;
      c.placeStart = m.start;
      c.placeEnd = m.end;
      c.matched = document.text.substr(m.start, m.end - m.start);
      c.option = s.optionId();
      c.relevance = s.relevance;
      c.cues = s.cues;
      c.quantities = s.quantities;
      c.date = document.dateAt(s.start);
      out.push_back(std::move(c));
    }
  });
  return out;
}

data::Feature toFeature(const Candidate& c, const Gazetteer& gazetteer, const std::string& encoding) {
  const auto& place = gazetteer.place(c.place);
  data::Feature f;
  f.geometry.points.push_back(place.where);
  auto& p = f.properties;
  p["doc"] = c.doc;
  p["quote"] = c.quote;
  p["start"] = c.start;
  p["end"] = c.end;
  p["offsets"] = "bytes of the UTF-8 text, end exclusive";
  p["place"] = place.name;
  p["place_kind"] = place.kind;
  if (!place.country.empty()) p["country"] = place.country;
  p["placement"] = nameOf(place.source);
  p["place_basis"] = place.basis;
  p["matched"] = c.matched;
  p["place_start"] = c.placeStart;
  p["place_end"] = c.placeEnd;
  p["option"] = c.option;
  p["relevance"] = c.relevance;
  p["cues"] = c.cues;
  nlohmann::json quantities = nlohmann::json::array();
  std::optional<double> troopsMin, troopsMax, distanceKm;
  for (const auto& q : c.quantities) {
    nlohmann::json j{{"kind", nameOf(q.kind)}, {"text", q.text}, {"unit", q.unit}, {"start", q.start}, {"end", q.end}};
    j["min"] = q.min ? nlohmann::json(*q.min) : nlohmann::json();
    j["max"] = q.max ? nlohmann::json(*q.max) : nlohmann::json();
    if (q.approximate) j["approximate"] = true;
    quantities.push_back(std::move(j));
    if (q.kind == QuantityKind::Troops && !troopsMin && !troopsMax) {
      troopsMin = q.min;
      troopsMax = q.max;
    }
    if (q.kind == QuantityKind::Distance && !distanceKm) distanceKm = q.min ? q.min : q.max;
  }
  p["quantities"] = quantities;
  if (troopsMin) p["troops_min"] = static_cast<long long>(std::llround(*troopsMin));
  if (troopsMax) p["troops_max"] = static_cast<long long>(std::llround(*troopsMax));
  if (distanceKm) p["distance_km"] = *distanceKm;
  if (c.date) p["date"] = *c.date;
  p["encoding"] = encoding;
  return f;
}

void writeCandidates(const std::filesystem::path& file, const data::Layer& candidates) {
  data::OutputLayer out;
  out.layer = &candidates;
  out.name = candidates.name.empty() ? "candidates" : candidates.name;
  out.strokeColour = "#D55E00";
  out.fillColour = "#D55E0080";
  data::writeVectorFile(file, {out});
}

data::Feature acceptedFeature(const Candidate& c, const std::vector<SentenceAnalysis>& sentences,
                              const std::string& option, const std::string& layer, const Gazetteer& gazetteer) {
  const PlaceEntry& place = gazetteer.place(c.place);
  // "stated" means the sentence names the location. A demonym ("Polish airspace", "Ukrainian soil") locates
  // something in the country without naming a place in it, so the point is the reader's inference; names,
  // variants and groups ("the Baltic states" -> each member) name the place itself.
  AliasKind how = AliasKind::Name;
  for (const auto& s : sentences)
    for (const auto& m : s.places)
      if (m.start == c.placeStart && m.place == c.place) how = m.how;
  const bool stated = how != AliasKind::Demonym;

  data::Feature f;
  f.geometry.points.push_back(place.where);
  auto& p = f.properties;
  p["option"] = option;
  p["layer"] = layer;
  p["name"] = place.name;
  p["placement"] = stated ? "stated" : "inferred";
  p["sources"] = nlohmann::json::array({nlohmann::json{{"doc", c.doc}, {"quote", c.quote}}});
  p["note"] = stated ? "Accepted from the documents: the sentence names '" + c.matched + "'."
                     : "Accepted from the documents: the sentence says '" + c.matched +
                           "', not a place; the point stands for the country.";
  p["gazetteer"] = place.basis;
  if (!place.country.empty()) p["country"] = place.country;
  p["doc"] = c.doc;
  p["start"] = c.start;
  p["end"] = c.end;
  p["place_start"] = c.placeStart;
  p["place_end"] = c.placeEnd;
  p["offsets"] = "bytes of the UTF-8 text, end exclusive";
  p["relevance"] = c.relevance;
  p["extracted_option"] = c.option;  // what the classifier said, when the analyst chose another option
  for (const auto& q : c.quantities) {
    if (q.kind != QuantityKind::Troops) continue;
    if (q.min) p["troops_min"] = static_cast<long long>(std::llround(*q.min));
    if (q.max) p["troops_max"] = static_cast<long long>(std::llround(*q.max));
    break;
  }
  if (c.date) p["date"] = *c.date;
  return f;
}

}  // namespace briefmap::extract
