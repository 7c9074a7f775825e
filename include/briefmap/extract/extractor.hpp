#pragma once
// The extraction engine: for each sentence of a document, the places it names, the quantities it gives,
// the option it most likely concerns and how relevant it is; then candidates (one per place in a relevant
// sentence) as map features with provenance. No UI: the command line and a Sources panel call the same code.
#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"
#include "briefmap/extract/document.hpp"
#include "briefmap/extract/gazetteer.hpp"
#include "briefmap/extract/quantity.hpp"

namespace briefmap::extract {

namespace detail {
struct ExtractorRules;  ///< the matchers built from app/extract/rules.cpp
}

/// The option ids of geodata/options/options.json, in a fixed order (ties go to the earlier one).
inline constexpr std::array<const char*, 8> kOptionIds = {
    "reassurance_force", "us_backstop",  "buffer_zone",  "black_sea",
    "air_policing",      "force_concepts", "contributors", "deterrents_and_red_lines"};

/// Sentences whose relevance reaches this produce candidates.
inline constexpr double kMinRelevance = 0.5;

struct PlaceMention {
  PlaceId place = 0;
  size_t start = 0, end = 0;  ///< the words as written, bytes in the document, end exclusive
  AliasKind how = AliasKind::Name;
  /// Named but not where the arrangement is: a dateline ("KYIV (AP) —") or a historical or comparative
  /// clause ("during the Iraq war", "similar to the one that has separated North and South Korea").
  bool aside = false;
};

struct SentenceAnalysis {
  size_t start = 0, end = 0;  ///< bytes in the document, end exclusive: quote == text.substr(start, end - start)
  std::vector<PlaceMention> places;
  std::vector<Quantity> quantities;
  /// index into kOptionIds; -1 when no option scores, or when the sentence is relevant as a nuclear plant in the
  /// terms of a settlement, which is none of the options (see app/extract/README.md). For a relevant sentence the
  /// learned model weighed (see `relevance`), the model's option.
  int option = -1;
  int rulesOption = -1;        ///< the rules' option, before the model weighed it (one of the model's features)
  /// 0..1, see app/extract/README.md. In a document whose opening is about the arrangements, the learned model's
  /// weighing of the sentence, with its trained threshold at kMinRelevance; elsewhere, for a sentence given alone and
  /// for one that names no place, gives no quantity and has no cue, the rules' score (rulesRelevance)
  double relevance = 0;
  double rulesRelevance = 0;   ///< the rules' score, 0..1, before the model weighed it (one of the model's features)
  std::vector<std::string> cues;  ///< the words that decided the option (explains the score)
  double cueScore = 0;            ///< the best option's total from cue words alone (the document's topic uses it)
  /// the best option's total from its cue words and the places that point at it, before any context (the opening of
  /// a document uses it: "a strong military presence in Poland" says what the report is about)
  double evidence = 0;
  bool carriedOver = false;       ///< relevant through the previous sentence's subject ("It will be moved to London")
  /// ends on where and when a picture was taken ("… in Moscow, Russia, February 2, 2026."): a scene, not relevant
  bool photoCaption = false;
  /// When carried over and naming no place of its own ("These talks will continue next week"): the places of the
  /// sentence it continues, with their offsets there (before `start`). Empty otherwise.
  std::vector<PlaceMention> carriedPlaces;
  bool relevant() const { return relevance >= kMinRelevance; }
  const char* optionId() const { return option >= 0 ? kOptionIds[option] : ""; }
};

class Extractor {
 public:
  /// Keeps a reference to the gazetteer, which must outlive the extractor. Thread-safe once built.
  explicit Extractor(const Gazetteer& gazetteer);
  ~Extractor();
  Extractor(Extractor&&) noexcept;

  /// Calls `visit` for every sentence of the document, in order; the analysis is only valid during the
  /// call. Memory stays bounded by one sentence, whatever the document's size.
  void forEachSentence(const Document& document, const std::function<void(const SentenceAnalysis&)>& visit) const;

  /// For the training tool (tools/train_relevance.py, through `briefmap extract --relevance-features`): every
  /// sentence the models weigh (relevance and option), with the features they weighed, "name" or "name:value",
  /// separated by spaces.
  void forEachWeighedSentence(const Document& document,
                              const std::function<void(const SentenceAnalysis&, std::string_view features)>& visit) const;

  /// The sentences that name a place, give a quantity or concern an option (the others are left out).
  std::vector<SentenceAnalysis> analyse(const Document& document) const;

  /// One sentence of text given in memory (tests, a panel's preview); context from earlier sentences is empty.
  SentenceAnalysis analyseSentence(std::string_view text) const;

  const Gazetteer& gazetteer() const { return m_gazetteer; }

 private:
  const Gazetteer& m_gazetteer;
  std::unique_ptr<const detail::ExtractorRules> m_rules;
  void read(const Document& document, const std::function<void(const SentenceAnalysis&)>& visit,
            const std::function<void(const SentenceAnalysis&, std::string_view)>* features) const;
};

/// A place in a relevant sentence: what becomes a point on the map.
struct Candidate {
  std::string doc;            ///< document name
  std::string quote;          ///< the sentence, exactly as in the document
  size_t start = 0, end = 0;  ///< the sentence, bytes in the document, end exclusive
  PlaceId place = 0;
  size_t placeStart = 0, placeEnd = 0;  ///< the place's words, bytes, end exclusive
  std::string matched;        ///< the place's words as written ("Kiev", "Polish airspace")
  std::string option;         ///< option id; empty for a nuclear plant in the terms of a settlement (no option)
  double relevance = 0;
  std::vector<std::string> cues;
  std::vector<Quantity> quantities;  ///< every quantity of the sentence
  std::optional<std::string> date;   ///< the date of the text at the sentence, when the document gives one
  /// The place is the subject's, named in the sentence this one continues (placeStart/placeEnd lie there, before
  /// `start`): "The force will be led by France. It will be based in the capital." gives France for both.
  bool placeCarriedOver = false;
};

/// Candidates of one document: each place once per relevant sentence, in text order. The places of a
/// group ("the Baltic states") each become a candidate. Bounded as extractAll's (kMaxFindingsPerDocument).
std::vector<Candidate> candidatesOf(const Extractor& extractor, const Document& document);

/// A candidate as a point feature with provenance properties: doc, quote, start, end (bytes, end
/// exclusive), place, place_start, place_end, matched, placement, place_kind, country, option, relevance,
/// cues, quantities (JSON array), troops_min/troops_max/distance_km where the sentence gives them, date,
/// offsets ("bytes, UTF-8, end exclusive") and encoding.
data::Feature toFeature(const Candidate& candidate, const Gazetteer& gazetteer, const std::string& encoding = "UTF-8");

/// The feature a candidate becomes when the analyst accepts it into an option layer: name, option, layer,
/// placement ("stated", or "inferred" when the sentence only uses a demonym such as "Polish airspace"),
/// sources [{doc, quote}] as the curated features have them, the offsets, the sentence's troop numbers.
/// `sentences` are the document's analysed sentences (they say how the place was named).
data::Feature acceptedFeature(const Candidate& candidate, const std::vector<SentenceAnalysis>& sentences,
                              const std::string& option, const std::string& layer, const Gazetteer& gazetteer);

/// A quantity without a place: a troop number in a relevant sentence that names no place where the
/// arrangement is ("a force of 20,000"), kept as a fact of the sentence's option with its quote.
struct FactCandidate {
  std::string doc;
  std::string quote;          ///< the sentence, exactly as in the document
  size_t start = 0, end = 0;  ///< the sentence, bytes in the document, end exclusive
  Quantity quantity;          ///< offsets in the document too: text.substr(q.start, q.end - q.start) == q.text
  std::string option;         ///< option id; empty for a nuclear plant in the terms of a settlement (no option)
  double relevance = 0;
  std::vector<std::string> cues;
  std::optional<std::string> date;
};

/// Facts of one document, in text order: each troop number of a relevant sentence without a place. Bounded as
/// extractAll's (kMaxFindingsPerDocument).
std::vector<FactCandidate> factsOf(const Extractor& extractor, const Document& document);

/// Everything one reading of a document gives: its candidates and facts (as candidatesOf and factsOf), and, when
/// asked, its analysed sentences (as Extractor::analyse). One pass over the text instead of two or three.
/// What one document may give: candidates and facts together, and kept sentences. Each candidate and fact carries its
/// sentence's quote (up to 4 kB), so a list of places or numbers repeated, hostile or not, would otherwise hold hundreds
/// of times the document's size in memory (a 5 MB list of troop numbers took 4.7 GB in `briefmap extract`; with this
/// bound, about 0.4 GB). A real report gives a few hundred at most; a corpus of them is better split.
inline constexpr size_t kMaxFindingsPerDocument = 20000;

struct Extraction {
  std::vector<SentenceAnalysis> sentences;  ///< empty unless keepSentences
  std::vector<Candidate> candidates;
  std::vector<FactCandidate> facts;
  /// When the findings reached kMaxFindingsPerDocument: the byte where the document stopped giving any (the sentences
  /// from there on are read but give nothing); 0 otherwise. `cutWarning` says it in words.
  size_t cutAt = 0;
  std::string cutWarning() const;  ///< empty when nothing was cut
};
Extraction extractAll(const Extractor& extractor, const Document& document, bool keepSentences = false);
/// What reading a document warned of, each as "<document>: <warning>": its encoding recoded, its findings cut at the
/// bound. `briefmap extract`, `briefmap workspace import` and the Sources panel say the same.
std::vector<std::string> readingWarnings(const Document& document, const Extraction& found);

/// A fact as a feature without geometry (null in GeoJSON): kind "fact", doc, quote, start, end, option,
/// relevance, cues, quantities (the one quantity), troops_min/troops_max, date, offsets and encoding.
data::Feature toFeature(const FactCandidate& fact, const std::string& encoding = "UTF-8");

/// Writes candidates as a GeoJSON file (or GPKG/KML by extension) atomically: nothing is left behind on
/// failure. Throws data::WriteError naming the file.
void writeCandidates(const std::filesystem::path& file, const data::Layer& candidates);

}  // namespace briefmap::extract
