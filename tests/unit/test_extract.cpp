// The extraction engine on small fixture texts, on malformed input, on the bundled documents and on the
// hand-labelled sentences of tests/fixtures/extract/ (precision and recall).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/options/option.hpp"

#include "../scratch_dir.hpp"

using namespace briefmap;
using namespace briefmap::extract;
namespace fs = std::filesystem;

namespace {

const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::load(data::findGeodataDir());
  return g;
}

const Extractor& extractor() {
  static const Extractor e(gazetteer());
  return e;
}

// The canonical names of the places the extractor finds in one sentence, in order of mention.
std::vector<std::string> placesIn(std::string_view sentence) {
  std::vector<std::string> out;
  for (const auto& m : extractor().analyseSentence(sentence).places) {
    const std::string name = gazetteer().place(m.place).name;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

std::vector<Candidate> candidatesOfText(const std::string& text) {
  return candidatesOf(extractor(), documentFromBytes("fixture.txt", text));
}

fs::path tempDir() { return briefmap::test_support::processScratchDir(); }

fs::path sourcesDir() { return data::findGeodataDir() / "sources"; }

std::vector<Document> bundledDocuments() {
  std::vector<Document> docs;
  for (const auto& path : listDocuments(sourcesDir())) docs.push_back(loadDocument(path));
  return docs;
}

}  // namespace

TEST(ExtractPlaces, NameVariantsAndTransliterationsFindTheSamePlace) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Kyiv", "Kyiv"},           {"Kiev", "Kyiv"},
      {"Odesa", "Odesa"},         {"Odessa", "Odesa"},
      {"Kharkiv", "Kharkiv"},     {"Kharkov", "Kharkiv"},
      {"Bosporus", "Bosporus"},   {"Bosphorus", "Bosporus"},
      {"Türkiye", "Türkiye"},     {"Turkey", "Türkiye"},
      {"Turkiye", "Türkiye"},     {"Zaporizhzhia", "Zaporizhzhia"},
      {"Zaporizhzhya", "Zaporizhzhia"}, {"Chisinau", "Chișinău"},
      {"Constanta", "Constanța"}, {"Britain", "United Kingdom"},
      {"the U.K.", "United Kingdom"}, {"the US", "United States"},
  };
  for (const auto& [written, canonical] : cases) {
    const auto found = placesIn("Troops could be sent to " + written + " next year.");
    ASSERT_EQ(found.size(), 1u) << written;
    EXPECT_EQ(found[0], canonical) << written;
  }
  // Longest name first: the plant, not the city; the strait, not the city.
  EXPECT_EQ(placesIn("Inspectors visited the Zaporizhzhia nuclear power plant."),
            std::vector<std::string>{"Zaporizhzhia NPP"});
}

TEST(ExtractPlaces, DemonymsCountOnlyWhereTheyLocateSomething) {
  EXPECT_EQ(placesIn("RAF jets would police Polish airspace."), std::vector<std::string>{"Poland"});
  EXPECT_EQ(placesIn("Jets from a Romanian air base took off."), std::vector<std::string>{"Romania"});
  EXPECT_EQ(placesIn("Training moved to Ukrainian soil."), std::vector<std::string>{"Ukraine"});
  EXPECT_TRUE(placesIn("The Polish Foreign Minister spoke.").empty());
  EXPECT_TRUE(placesIn("Romanian officials agreed.").empty());
  EXPECT_EQ(placesIn("Warships in the Black Sea."), std::vector<std::string>{"Black Sea"});
}

TEST(ExtractPlaces, RegionsArePlacedAtTheirCentre) {
  for (const char* text : {"Fighting continued in the Donetsk region.", "Fighting continued in Donetsk Oblast.",
                           "Fighting continued in the Donetsk oblast."}) {
    const auto found = placesIn(text);
    ASSERT_EQ(found, std::vector<std::string>{"Donetsk Oblast"}) << text;
  }
  const auto* region = gazetteer().find("Donetsk Oblast");
  const auto* city = gazetteer().find("Donetsk");
  ASSERT_TRUE(region && city);
  EXPECT_EQ(region->source, PlaceSource::RegionCentre);
  EXPECT_EQ(region->where, city->where);
  EXPECT_EQ(placesIn("Offensives in the Kharkov region."), std::vector<std::string>{"Kharkiv Oblast"});
  EXPECT_EQ(placesIn("Offensives in the Dnipropetrovsk region."), std::vector<std::string>{"Dnipropetrovsk Oblast"});
}

TEST(ExtractPlaces, CaseGroupsAndCommonWords) {
  EXPECT_TRUE(placesIn("Let us cook a turkey for the family.").empty());
  EXPECT_EQ(placesIn("Include the Baltic states."), (std::vector<std::string>{"Estonia", "Latvia", "Lithuania"}));
  // A town of the long GeoNames list inside a longer proper name is not the town.
  EXPECT_TRUE(placesIn("He spoke at the Yalta European Strategy meeting.").empty());
  EXPECT_TRUE(placesIn("according to European Pravda.").empty());
  // Countries come from the basemap, at a point inside their polygon.
  const auto* poland = gazetteer().find("Poland");
  ASSERT_TRUE(poland);
  EXPECT_EQ(poland->source, PlaceSource::CountrySurface);
  EXPECT_GT(poland->where.lon, 14.1);
  EXPECT_LT(poland->where.lon, 24.2);
  EXPECT_GT(poland->where.lat, 49.0);
  EXPECT_LT(poland->where.lat, 54.9);
  // The Black Sea is derived from its ports and lies between them.
  const auto* sea = gazetteer().find("Black Sea");
  ASSERT_TRUE(sea);
  EXPECT_EQ(sea->source, PlaceSource::Derived);
  EXPECT_NEAR(sea->where.lon, 34.0, 3.0);
  EXPECT_NEAR(sea->where.lat, 43.5, 1.5);
}

struct QuantityCase {
  const char* text;
  QuantityKind kind;
  std::optional<double> min, max;
  const char* unit;
  const char* words;
};

TEST(ExtractQuantities, RangesBoundsAndUnitsAreNormalised) {
  const std::vector<QuantityCase> cases = {
      {"about 15,000 to 20,000 European troops were", QuantityKind::Troops, 15000, 20000, "troops",
       "about 15,000 to 20,000 European troops"},
      {"could number 25–30 thousand troops.", QuantityKind::Troops, 25000, 30000, "troops", "25–30 thousand troops"},
      {"the force, under 30,000 strong, would", QuantityKind::Troops, std::nullopt, 30000, "troops", "under 30,000 strong"},
      {"a far larger force (100,000-150,000 troops) involving", QuantityKind::Troops, 100000, 150000, "troops",
       "100,000-150,000 troops"},
      {"deploying up to 30,000 troops to Ukraine", QuantityKind::Troops, std::nullopt, 30000, "troops",
       "up to 30,000 troops"},
      {"a 30,000-troop deployment", QuantityKind::Troops, 30000, 30000, "troops", "30,000-troop"},
      {"with some 900,000 people under arms.", QuantityKind::Troops, 900000, 900000, "troops",
       "some 900,000 people under arms"},
      {"a zone extending 20 kilometers on either side", QuantityKind::Distance, 20, 20, "km", "20 kilometers"},
      {"a flight range exceeding 3,000 km and", QuantityKind::Distance, 3000, std::nullopt, "km", "exceeding 3,000 km"},
      {"with a 10-mile range", QuantityKind::Distance, 16.09344, 16.09344, "km", "10-mile"},
      {"wants to buy $90 billion worth", QuantityKind::Money, 9e10, 9e10, "USD", "$90 billion"},
      {"it would cost £4.4bn to ramp up", QuantityKind::Money, 4.4e9, 4.4e9, "GBP", "£4.4bn"},
      {"cost as little as £1,000 to £4,000.", QuantityKind::Money, 1000, 4000, "GBP", "£1,000 to £4,000"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    const auto found = findQuantities(text, 0, text.size());
    ASSERT_EQ(found.size(), 1u) << c.text;
    const auto& q = found[0];
    EXPECT_EQ(q.kind, c.kind) << c.text;
    EXPECT_EQ(q.unit, c.unit) << c.text;
    EXPECT_EQ(q.text, c.words) << c.text;
    EXPECT_EQ(text.substr(q.start, q.end - q.start), q.text) << c.text;
    ASSERT_EQ(q.min.has_value(), c.min.has_value()) << c.text;
    ASSERT_EQ(q.max.has_value(), c.max.has_value()) << c.text;
    if (c.min) {
      EXPECT_NEAR(*q.min, *c.min, 1e-6 * *c.min) << c.text;
    }
    if (c.max) {
      EXPECT_NEAR(*q.max, *c.max, 1e-6 * *c.max) << c.text;
    }
  }
  // Numbers without a unit are not quantities: years, drones, speeds in units not read.
  const std::string none = "In 2022 Russia fired 728 drones at up to 150mph, and 1,150 kg warheads.";
  EXPECT_TRUE(findQuantities(none, 0, none.size()).empty());
}

TEST(ExtractOffsets, QuotesAndMentionsAreExactByteRangesOfTheText) {
  // Multi-byte characters before the sentence move byte offsets away from character offsets.
  const std::string text =
      "Ça va — “déjà vu”.\nThe UK is ready to send troops to Kiev as part of a reassurance force of 25–30 thousand "
      "troops.\nNothing else.";
  const auto candidates = candidatesOfText(text);
  ASSERT_EQ(candidates.size(), 2u);
  const std::string sentence =
      "The UK is ready to send troops to Kiev as part of a reassurance force of 25–30 thousand troops.";
  for (const auto& c : candidates) {
    EXPECT_EQ(c.quote, sentence);
    EXPECT_EQ(c.start, text.find(sentence));
    EXPECT_EQ(c.end, c.start + sentence.size());  // end is exclusive
    EXPECT_EQ(text.substr(c.start, c.end - c.start), c.quote);
    EXPECT_EQ(text.substr(c.placeStart, c.placeEnd - c.placeStart), c.matched);
    EXPECT_EQ(c.option, "reassurance_force");
    ASSERT_EQ(c.quantities.size(), 1u);
    EXPECT_EQ(text.substr(c.quantities[0].start, c.quantities[0].end - c.quantities[0].start), "25–30 thousand troops");
  }
  EXPECT_EQ(gazetteer().place(candidates[0].place).name, "United Kingdom");
  EXPECT_EQ(candidates[1].matched, "Kiev");
  EXPECT_EQ(gazetteer().place(candidates[1].place).name, "Kyiv");
  EXPECT_EQ(candidates[1].placeStart, text.find("Kiev"));
}

TEST(ExtractRelevance, UnrelatedStoriesProduceNoCandidates) {
  const std::string unrelated =
      "A convoy of armored vehicles carrying French peacekeepers barrels through southern Lebanon. "
      "Peacekeepers track Israeli overflights from a base near the border, despite the November ceasefire. "
      "The Fed governor was asked to resign over alleged mortgage fraud in Washington. "
      "Turkey and stuffing: our Christmas recipe serves 8 people. Poland beat Romania 2-1 in the football final.";
  EXPECT_TRUE(candidatesOfText(unrelated).empty());
  // The same places in a sentence about the options do produce candidates.
  EXPECT_FALSE(candidatesOfText("A US backstop for Ukraine would rely on air power based in Poland and Romania.").empty());
}

TEST(ExtractDocuments, MalformedInputGetsAClearMessageNeverACrash) {
  const auto dir = tempDir();
  // Empty: a document with nothing in it.
  EXPECT_TRUE(candidatesOfText("").empty());
  // Binary: refused, naming the file.
  const auto binary = dir / "image.txt";
  {
    std::ofstream out(binary, std::ios::binary);
    const char bytes[] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n', '\0', '\0', '\0', '\r', 'I', 'H'};
    out.write(bytes, sizeof bytes);
  }
  try {
    loadDocument(binary);
    FAIL() << "binary data was accepted";
  } catch (const DocumentError& e) {
    EXPECT_NE(std::string(e.what()).find("image.txt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("binary"), std::string::npos) << e.what();
  }
  // Missing file and folder: the message names the path.
  try {
    loadDocument(dir / "missing.txt");
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.txt"), std::string::npos);
  }
  EXPECT_THROW(loadDocument(dir), DocumentError);
  // Invalid UTF-8 inside UTF-8 text: each bad byte becomes '?', so offsets still index the file.
  const std::string broken = "Kyiv \xff\xfe wants the reassurance force in Odesa, says Zelensky’s office.";
  const auto doc = documentFromBytes("broken.txt", broken);
  EXPECT_EQ(doc.text.size(), broken.size());
  EXPECT_EQ(doc.text.substr(0, 7), "Kyiv ??");
  EXPECT_NE(doc.encoding.find("2 invalid bytes"), std::string::npos) << doc.encoding;
  const auto candidates = candidatesOf(extractor(), doc);
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(broken.substr(candidates[0].placeStart, 4), "Kyiv");
  // An 8-bit file (Windows-1252): recoded to UTF-8.
  const auto latin = documentFromBytes("latin.txt", "Odessa caf\xe9s \x96 20 km from the Black Sea.");
  EXPECT_NE(latin.encoding.find("1252"), std::string::npos) << latin.encoding;
  EXPECT_EQ(latin.text, "Odessa cafés – 20 km from the Black Sea.");
  // UTF-16 with a byte-order mark: recoded.
  std::string utf16 = "\xff\xfe";
  for (char16_t c : std::u16string(u"Odessa – Kyiv")) utf16 += std::string{static_cast<char>(c & 0xFF), static_cast<char>(c >> 8)};
  const auto wide = documentFromBytes("wide.txt", utf16);
  EXPECT_EQ(wide.text, "Odessa – Kyiv");
  EXPECT_EQ(wide.encoding, "UTF-16 (recoded)");
  // Over the size limit: refused before reading (a sparse file takes no disk space).
  const auto huge = dir / "huge.txt";
  { std::ofstream(huge) << "x"; }
  fs::resize_file(huge, kMaxDocumentBytes + 1);
  try {
    loadDocument(huge);
    FAIL() << "a document over the limit was read";
  } catch (const DocumentError& e) {
    EXPECT_NE(std::string(e.what()).find("huge.txt"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("limit"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

TEST(ExtractDocuments, MarkupIsASentenceBoundaryAndQuotesStayExact) {
  const std::string html =
      "<html><body><p>Royal Navy warships would aid Black Sea security for Ukraine.</p><div class=\"ad\">Buy now</div>"
      "<p>RAF jets would police Ukrainian airspace &amp; more.</p></body></html>";
  const auto candidates = candidatesOfText(html);
  ASSERT_EQ(candidates.size(), 3u);  // Black Sea, Ukraine; Ukraine ("Ukrainian airspace")
  for (const auto& c : candidates) {
    EXPECT_EQ(c.quote.find('<'), std::string::npos) << c.quote;
    EXPECT_EQ(html.substr(c.start, c.end - c.start), c.quote);
  }
  EXPECT_EQ(candidates[0].quote, "Royal Navy warships would aid Black Sea security for Ukraine.");
  EXPECT_EQ(candidates[0].option, "black_sea");
  EXPECT_EQ(candidates[2].option, "air_policing");
  EXPECT_EQ(candidates[2].matched, "Ukrainian airspace");
}

TEST(ExtractDocuments, DatesComeFromTheDatelines) {
  const auto doc = loadDocument(sourcesDir() / "003_e20a5417f9e49821.txt");
  ASSERT_EQ(doc.date(), std::optional<std::string>("2025-09-20"));
  // In the article under "31 août 2025 à 10:25" (its teaser, higher up, sits under the item before).
  const auto at = doc.text.find("Bild reports that Germany may cover part");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(doc.dateAt(at), std::optional<std::string>("2025-08-31"));
  const auto english = documentFromBytes("e.txt", "Title\nMonday, August 18, 2025\nText.\n2025-09-02 15:20\nMore.");
  ASSERT_EQ(english.datelines.size(), 2u);
  EXPECT_EQ(english.datelines[0].date, "2025-08-18");
  EXPECT_EQ(english.datelines[1].date, "2025-09-02");
  // A date inside a sentence is not the document's date; nor is a day and month without a year.
  EXPECT_FALSE(documentFromBytes("s.txt", "He arrived on 18 August 2025 in Kyiv.\nAug 20\n").date());
}

TEST(ExtractBundled, CandidatesIncludeEveryPlaceTheCuratedOptionLayersCite) {
  const auto catalog = options::loadOptionCatalog(data::findGeodataDir() / "options");
  std::map<std::string, std::set<std::string>> placesByDoc;  // doc -> candidate places
  for (const auto& doc : bundledDocuments())
    for (const auto& c : candidatesOf(extractor(), doc)) placesByDoc[doc.name].insert(gazetteer().place(c.place).name);
  // A feature cites a place by its gazetteer entry ("places.geojson: Moscow") or, for the contributors, its
  // country. The documents name the place where its placement is "stated"; countries of the contributors
  // map are named directly or through a group ("the Nordic countries").
  int checked = 0;
  for (const auto& option : catalog.options) {
    for (const auto& f : option.features.features) {
      const auto& p = f.properties;
      std::string place;
      if (p.contains("country") && p["country"].is_string()) place = p["country"].get<std::string>();
      else if (p.value("placement", "") == "stated" && p.contains("gazetteer") && p["gazetteer"].is_string()) {
        const std::string g = p["gazetteer"].get<std::string>();
        place = g.substr(g.find(':') + 2);
      }
      if (place.empty()) continue;
      bool found = false;
      std::set<std::string> docs;
      for (const auto& s : options::sourcesOf(f)) {
        docs.insert(s.doc);
        found = found || placesByDoc[s.doc].count(place) > 0;
      }
      EXPECT_TRUE(found) << option.id << ": " << p.value("name", "") << " cites " << place
                         << ", which no candidate of its documents names";
      ++checked;
    }
  }
  EXPECT_GE(checked, 16);
}

TEST(ExtractBundled, DeterministicExactAndFast) {
  const auto docs = bundledDocuments();
  auto run = [&] {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& doc : docs)
      for (const auto& c : candidatesOf(extractor(), doc)) {
        EXPECT_EQ(doc.text.substr(c.start, c.end - c.start), c.quote);
        EXPECT_GE(c.relevance, kMinRelevance);
        all.push_back(toFeature(c, gazetteer(), doc.encoding).properties);
      }
    return all.dump();
  };
  const std::string first = run();  // also loads the gazetteer, which is not part of the budget
  EXPECT_EQ(first, run());
  // The best of five: the figure of the code, not of whatever else the shared machine runs meanwhile.
  double ms = 1e9;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& doc : docs) (void)candidatesOf(extractor(), doc);
    ms = std::min(ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("  extraction of the %zu bundled documents: %.1f ms (best of 5)\n", docs.size(), ms);
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(ms, 100.0) << "the budget for the bundled documents is 100 ms";
#endif
}

TEST(ExtractBundled, WritingCandidatesIsAtomic) {
  data::Layer layer;
  layer.name = "candidates";
  for (const auto& c : candidatesOfText("Royal Navy warships would aid Black Sea security for Ukraine."))
    layer.features.push_back(toFeature(c, gazetteer()));
  ASSERT_EQ(layer.features.size(), 2u);
  const auto dir = tempDir();
  const auto file = dir / "candidates.geojson";
  writeCandidates(file, layer);
  std::ifstream in(file);
  const auto json = nlohmann::json::parse(in);
  ASSERT_EQ(json["features"].size(), 2u);
  EXPECT_EQ(json["features"][0]["properties"]["place"], "Black Sea");
  EXPECT_TRUE(json["features"][0]["properties"]["quantities"].is_array());
  EXPECT_THROW(writeCandidates(dir / "no-such-folder" / "c.geojson", layer), data::WriteError);
  EXPECT_FALSE(fs::exists(dir / "no-such-folder"));
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename(), "candidates.geojson") << "left behind: " << entry.path();
  fs::remove_all(dir);
}

// Precision and recall on the hand-labelled sentences. Places: every (sentence, place) pair. Options: a
// sentence counts as predicted when its relevance reaches kMinRelevance.
TEST(ExtractLabelled, PrecisionAndRecallOnHandLabelledSentences) {
  std::map<std::string, Document> docs;
  for (auto& d : bundledDocuments()) docs.emplace(d.name, std::move(d));
  std::map<std::string, std::vector<SentenceAnalysis>> analysed;
  for (const auto& [name, d] : docs) analysed[name] = extractor().analyse(d);

  std::ifstream in(std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/extract/labelled_sentences.jsonl");
  ASSERT_TRUE(in);
  int placeTp = 0, placeFp = 0, placeFn = 0, optionTp = 0, optionPredicted = 0, optionLabelled = 0, sentences = 0;
  int relevantTp = 0, relevantPredicted = 0, relevantLabelled = 0;
  std::string misses;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto label = nlohmann::json::parse(line);
    const auto& doc = docs.at(label["doc"].get<std::string>());
    const std::string sentence = label["sentence"];
    const size_t at = doc.text.find(sentence);
    ASSERT_NE(at, std::string::npos) << "label not in its document: " << sentence;
    ++sentences;
    std::set<std::string> expected, found;
    for (const auto& p : label["places"]) expected.insert(p.get<std::string>());
    const SentenceAnalysis* analysis = nullptr;
    for (const auto& s : analysed[doc.name])
      if (s.start <= at && at < s.end) analysis = &s;
    if (analysis)
      for (const auto& m : analysis->places)
        if (m.start >= at && m.end <= at + sentence.size()) found.insert(gazetteer().place(m.place).name);
    for (const auto& p : found) (expected.count(p) ? placeTp : placeFp)++;
    for (const auto& p : expected)
      if (!found.count(p)) {
        ++placeFn;
        misses += " " + p;
      }
    const std::string expectedOption = label["option"].is_null() ? "" : label["option"].get<std::string>();
    const std::string predicted = analysis && analysis->relevant() ? analysis->optionId() : "";
    optionLabelled += !expectedOption.empty();
    optionPredicted += !predicted.empty();
    optionTp += !predicted.empty() && predicted == expectedOption;
    relevantLabelled += !expectedOption.empty();
    relevantPredicted += !predicted.empty();
    relevantTp += !predicted.empty() && !expectedOption.empty();
  }
  auto ratio = [](int a, int b) { return b ? static_cast<double>(a) / b : 0.0; };
  const double placeP = ratio(placeTp, placeTp + placeFp), placeR = ratio(placeTp, placeTp + placeFn);
  const double optionP = ratio(optionTp, optionPredicted), optionR = ratio(optionTp, optionLabelled);
  const double relevantP = ratio(relevantTp, relevantPredicted), relevantR = ratio(relevantTp, relevantLabelled);
  std::printf("  labelled sentences: %d\n", sentences);
  std::printf("  places:            precision %.2f  recall %.2f  (%d found right, %d wrong, %d missed:%s)\n", placeP,
              placeR, placeTp, placeFp, placeFn, misses.c_str());
  std::printf("  option (which):    precision %.2f  recall %.2f  (%d right of %d predicted, %d labelled)\n", optionP,
              optionR, optionTp, optionPredicted, optionLabelled);
  std::printf("  relevant (any):    precision %.2f  recall %.2f\n", relevantP, relevantR);
  // Floors a little under the measured figures, where they are stable (see app/extract/README.md).
  EXPECT_GE(placeP, 0.95);
  EXPECT_GE(placeR, 0.85);
  EXPECT_GE(relevantP, 0.85);
  EXPECT_GE(optionP, 0.60);
}

// ---- Issue 13: the kinds of miss seen on real reports. Every sentence below is quoted exactly from a report
// of half A of tests/fixtures/extract/devset (the tuning half); the two marked "issue 13" quote the issue.
namespace {

Document devsetReport(const std::string& file) {
  return loadDocument(fs::path(BRIEFMAP_SOURCE_DIR) / "tests/fixtures/extract/devset/reports" / file);
}

// The analysis of the sentence of `doc` that contains `quote` (which must occur in the document).
SentenceAnalysis sentenceWith(const Document& doc, const std::string& quote) {
  const size_t at = doc.text.find(quote);
  EXPECT_NE(at, std::string::npos) << quote;
  for (const auto& s : extractor().analyse(doc))
    if (s.start <= at && at < s.end) return s;
  SentenceAnalysis none;
  none.start = none.end = at;
  return none;
}

// The canonical places of the candidates of the sentence of `doc` that contains `quote`.
std::set<std::string> candidatePlacesWith(const Document& doc, const std::string& quote) {
  const size_t at = doc.text.find(quote);
  std::set<std::string> out;
  for (const auto& c : candidatesOf(extractor(), doc)) {
    EXPECT_EQ(doc.text.substr(c.start, c.end - c.start), c.quote);
    if (c.start <= at && at < c.end) out.insert(gazetteer().place(c.place).name);
  }
  return out;
}

double kilometres(geo::LonLat a, geo::LonLat b) {
  constexpr double kPi = 3.14159265358979323846, kEarthKm = 6371.0;
  const double p1 = a.lat * kPi / 180, p2 = b.lat * kPi / 180, dp = p2 - p1, dl = (b.lon - a.lon) * kPi / 180;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kEarthKm * std::asin(std::sqrt(h));
}

const PlaceEntry& placeNamed(const std::string& name) {
  static const PlaceEntry none;
  const auto* p = gazetteer().find(name);
  EXPECT_TRUE(p) << name;
  return p ? *p : none;
}

}  // namespace

TEST(ExtractIssue13, AReportAboutTheArrangementsIsReadEvenWhereASentenceNamesNeitherUkraineNorRussia) {
  const auto doc = devsetReport("028_chas-pravdy.txt");
  const std::string quote = "These joint efforts extend to unblocking maritime routes, with Turkey, Bulgaria, and Romania "
                            "collaborating alongside British specialists to expedite the demining of the Black Sea ports.";
  const auto s = sentenceWith(doc, quote);
  EXPECT_TRUE(s.relevant());
  EXPECT_STREQ(s.optionId(), "black_sea");
  EXPECT_EQ(candidatePlacesWith(doc, quote), (std::set<std::string>{"Türkiye", "Bulgaria", "Romania", "Black Sea"}));
  // A headline is read, and the report's topic carries it before any mention of the war.
  const auto headline = devsetReport("034_kursiv-media.txt");
  const std::string title = "U.S. to Reduce Troop Presence in Romania, Ending Brigade Rotations, Ministry Says";
  EXPECT_TRUE(sentenceWith(headline, title).relevant());
  EXPECT_EQ(candidatePlacesWith(headline, title), (std::set<std::string>{"United States", "Romania"}));
}

TEST(ExtractIssue13, CapitalsAndCitiesBeyondTheCuratedPlacesAreFound) {
  const auto doc = devsetReport("031_gamereactor.txt");
  const std::string quote = "After talks in Paris with Kyiv's allies, UK prime minister Keir Starmer said London and Paris "
                            "would establish military hubs across Ukraine once a ceasefire is in place";
  EXPECT_TRUE(sentenceWith(doc, quote).relevant());
  EXPECT_EQ(candidatePlacesWith(doc, quote), (std::set<std::string>{"Paris", "Kyiv", "United Kingdom", "London", "Ukraine"}));
  // GeoNames points (2988507 Paris, 2643743 London, 108410 Riyadh), the largest city of the name.
  EXPECT_LT(kilometres(placeNamed("Paris").where, {2.3488, 48.85341}), 5);
  EXPECT_LT(kilometres(placeNamed("London").where, {-0.12574, 51.50853}), 5);
  const auto riyadh = devsetReport("022_saudi-gazette.txt");
  const std::string talks = "During the meetings held in Riyadh on March 23-25, the United States and Russia have agreed to "
                            "ensure safe navigation";
  EXPECT_TRUE(sentenceWith(riyadh, talks).relevant());
  EXPECT_TRUE(candidatePlacesWith(riyadh, talks).count("Riyadh"));  // "during the meetings" is no historical clause
  EXPECT_LT(kilometres(placeNamed("Riyadh").where, {46.72185, 24.68773}), 5);
  // A name several cities share: the one in a country the document names, else the largest.
  EXPECT_EQ(placesIn("Delegations met in London to plan the deployment."), std::vector<std::string>{"London"});
  EXPECT_EQ(placeNamed("London").country, "GB");
}

TEST(ExtractIssue13, FacilitiesAreAtTheirSitesNotAtTheirTowns) {
  const auto doc = devsetReport("035_alsiasi.txt");
  const std::string quote = "Romania and NATO allies were notified of US plans to cut the number of troops stationed on "
                            "Europe’s eastern flank including soldiers who were to be stationed at Romania’s Mihail "
                            "Kogalniceanu air base, Romania’s defense ministry said on Wednesday.";
  EXPECT_TRUE(sentenceWith(doc, quote).relevant());
  EXPECT_TRUE(candidatePlacesWith(doc, quote).count("Mihail Kogălniceanu Air Base"));
  // Cited sites (geodata/facilities.csv): LRCK airport, the plants' own coordinates, the fort above Suresnes.
  EXPECT_LT(kilometres(placeNamed("Mihail Kogălniceanu Air Base").where, {28.48833, 44.36222}), 5);
  const auto plant = extractor().analyseSentence(
      "The Trump administration calls for designating the territory around the Zaporozhye nuclear plant as neutral "
      "that \"could be under American control,” the Wall Street Journal reports.");  // 040_sputnik.txt
  ASSERT_FALSE(plant.places.empty());
  EXPECT_EQ(gazetteer().place(plant.places[0].place).name, "Zaporizhzhia NPP");
  EXPECT_LT(kilometres(gazetteer().place(plant.places[0].place).where, {34.58583, 47.51222}), 5);
  EXPECT_EQ(placesIn("The headquarters at Fort Mont-Valérien will coordinate the force."),
            std::vector<std::string>{"Fort Mont-Valérien"});
  EXPECT_LT(kilometres(placeNamed("Fort Mont-Valérien").where, {2.21331, 48.87283}), 5);
  // Issue 13: "the Khmelnytskyi and Rivne nuclear power plants" are the plants, not the towns.
  EXPECT_EQ(placesIn("Guards were sent to the Khmelnytskyi and Rivne nuclear power plants."),
            (std::vector<std::string>{"Khmelnytskyi NPP", "Rivne NPP"}));
  EXPECT_LT(kilometres(placeNamed("Khmelnytskyi NPP").where, {26.64975, 50.30141}), 5);
  EXPECT_GT(kilometres(placeNamed("Rivne NPP").where, placeNamed("Rivne").where), 50);
  EXPECT_EQ(placesIn("Drones flew over the South Ukraine NPP."), std::vector<std::string>{"South Ukraine NPP"});
  EXPECT_LT(kilometres(placeNamed("South Ukraine NPP").where, {31.21667, 47.81667}), 5);
  // Regions joined the same way.
  EXPECT_EQ(placesIn("a \"neutral demilitarized buffer zone\" should be created in Donetsk and Luhansk regions"),
            (std::vector<std::string>{"Donetsk Oblast", "Luhansk Oblast"}));  // 014_liga-net.txt
}

TEST(ExtractIssue13, PhrasingsOfTheArrangementsScoreAsRelevant) {
  const auto hq = devsetReport("003_interfax-ukraine.txt");
  const std::string headline = "Macron and Zelenskyy visit HQ of ‘multinational force’ for Ukraine in Paris";
  EXPECT_TRUE(sentenceWith(hq, headline).relevant());
  EXPECT_TRUE(candidatePlacesWith(hq, headline).count("Paris"));
  const auto cell = devsetReport("005_unn.txt");
  const std::string group = "A coordination group will also be created in Kyiv, led by a British general.";
  EXPECT_TRUE(sentenceWith(cell, group).relevant());
  EXPECT_EQ(candidatePlacesWith(cell, group), std::set<std::string>{"Kyiv"});
  const auto flights = devsetReport("041_news-pravda.txt");
  const std::string resume = "Western air defense systems and fighter jets would “protect” Ukrainian airspace to allow the "
                             "resumption of civilian flights.";
  EXPECT_TRUE(sentenceWith(flights, resume).relevant());
  EXPECT_STREQ(sentenceWith(flights, resume).optionId(), "air_policing");
  const auto away = devsetReport("043_daily-sabah.txt");
  EXPECT_TRUE(sentenceWith(away, "fewer than 30,000 European troops stationed away from active combat zones").relevant());
}

TEST(ExtractIssue13, ASentenceThatContinuesThePreviousOneCarriesItsSubject) {
  const auto doc = devsetReport("005_unn.txt");
  const std::string moved = "Subsequently, it will be moved to London.";
  const auto s = sentenceWith(doc, moved);
  EXPECT_TRUE(s.relevant());
  EXPECT_TRUE(s.carriedOver);
  EXPECT_STREQ(s.optionId(), "reassurance_force");
  EXPECT_EQ(candidatePlacesWith(doc, moved), std::set<std::string>{"London"});
  for (const auto& c : candidatesOf(extractor(), doc)) {
    if (c.quote == moved) {
      EXPECT_EQ(c.cues, std::vector<std::string>{"carried over from the previous sentence"});
    }
  }
  const auto concession = sentenceWith(devsetReport("016_rbc-ukraine.txt"), "This concession has also been approved by Europe.");
  // The rules carry the subject over; whether the learned relevance keeps a sentence with no place of its own is the
  // model's (0.51 trained on A to n, 0.47 on A to o; it gives no candidate either way).
  EXPECT_GE(concession.rulesRelevance, kMinRelevance);
  EXPECT_TRUE(concession.carriedOver);
  // "It is noted that" refers to nothing: the list of Donbas cities after it is background (014_liga-net.txt).
  EXPECT_FALSE(sentenceWith(devsetReport("014_liga-net.txt"), "It is noted that control over Donbas").carriedOver);
}

TEST(ExtractIssue13, DatelinesAndHistoricalOrComparativeClausesAreNotRelevantPlaces) {
  const auto korea = devsetReport("014_liga-net.txt");
  const std::string quote = "the US insists on creating a zone similar to the one that has separated North and South Korea "
                            "for more than 72 years.";
  EXPECT_TRUE(sentenceWith(korea, quote).relevant());
  EXPECT_EQ(candidatePlacesWith(korea, quote), std::set<std::string>{"United States"});
  const auto tass = devsetReport("015_tass.txt");
  for (const auto& c : candidatesOf(extractor(), tass)) EXPECT_NE(c.matched, "PARIS") << c.quote;  // "PARIS, December 12."
  const auto unn = devsetReport("005_unn.txt");
  EXPECT_TRUE(candidatePlacesWith(unn, "Kyiv • UNN").empty());
  // Issue 13: the air base is relevant, Iraq in the clause about the Iraq war is not.
  const auto base = extractor().analyseSentence(
      "US troops will stay at the Mihail Kogălniceanu air base, which served as a hub for US forces during the Iraq war.");
  std::map<std::string, bool> asideByName;  // the first mention of each place
  for (const auto& m : base.places) asideByName.try_emplace(gazetteer().place(m.place).name, m.aside);
  EXPECT_TRUE(asideByName["Iraq"]);
  EXPECT_FALSE(asideByName["Mihail Kogălniceanu Air Base"]);
  EXPECT_FALSE(asideByName["United States"]);  // "US troops will stay"; the "US forces" of the clause are aside
  // An unrelated sentence of a relevant report stays out (024_trt-world.txt: sanctions).
  const auto trt = devsetReport("024_trt-world.txt");
  EXPECT_TRUE(candidatePlacesWith(trt, "The United States never directly put sanctions on Russian agriculture").empty());
}

TEST(ExtractIssue13, TroopNumbersWithoutAPlaceBecomeFactsOfTheOption) {
  const auto doc = devsetReport("043_daily-sabah.txt");
  const auto facts = factsOf(extractor(), doc);
  const auto it = std::find_if(facts.begin(), facts.end(), [](const FactCandidate& f) { return f.quantity.max == 30000.0; });
  ASSERT_NE(it, facts.end());
  EXPECT_EQ(it->quantity.text, "fewer than 30,000 European troops");
  EXPECT_EQ(doc.text.substr(it->quantity.start, it->quantity.end - it->quantity.start), it->quantity.text);
  EXPECT_EQ(doc.text.substr(it->start, it->end - it->start), it->quote);
  EXPECT_EQ(it->option, "reassurance_force");
  const auto feature = toFeature(*it);
  EXPECT_TRUE(feature.geometry.empty());
  EXPECT_EQ(feature.properties.at("kind"), "fact");
  EXPECT_EQ(feature.properties.at("troops_max"), 30000);
  // The size of a force and an abbreviation before the noun.
  const std::string forceText = "called for a force of 20,000";
  const auto force = findQuantities(forceText, 0, forceText.size());
  ASSERT_EQ(force.size(), 1u);
  EXPECT_EQ(force[0].kind, QuantityKind::Troops);
  const std::string usText = "The ministry said roughly 1,000 U.S. troops will remain in country";  // 034
  const auto us = findQuantities(usText, 0, usText.size());
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].text, "roughly 1,000 U.S. troops");
}

// ---- Issue 13, second round (branch issue13-extract2): the same rule, each case quoting half A or the issue.

TEST(ExtractIssue13, TroopNumbersInRangesAfterAdjectivesAndInSpacedThousands) {
  auto troops = [](const std::string& text) {
    std::vector<Quantity> out;
    for (const auto& q : findQuantities(text, 0, text.size()))
      if (q.kind == QuantityKind::Troops) out.push_back(q);
    return out;
  };
  // Issue 13: "between 4,000 and 60,000 peacekeepers" is one range, not 60,000 alone.
  const auto between = troops("estimates ranged between 4,000 and 60,000 peacekeepers");
  ASSERT_EQ(between.size(), 1u);
  EXPECT_EQ(between[0].text, "between 4,000 and 60,000 peacekeepers");
  EXPECT_EQ(between[0].min.value_or(-1), 4000.0);
  EXPECT_EQ(between[0].max.value_or(-1), 60000.0);
  // "between" opens no range without a troop noun, and "and" joins no numbers elsewhere.
  EXPECT_TRUE(troops("between 2014 and 2022 the line moved").empty());
  const auto pair = troops("it sent 300 and then 5,000 troops");
  ASSERT_EQ(pair.size(), 1u);
  EXPECT_EQ(pair[0].max.value_or(-1), 5000.0);
  // Issue 13: "up to 30,000 troops"; adjectives joined by "and" and military adjectives before the noun.
  const auto upTo = troops("a force of up to 30,000 troops");
  ASSERT_EQ(upTo.size(), 1u);
  EXPECT_FALSE(upTo[0].min);
  EXPECT_EQ(upTo[0].max.value_or(-1), 30000.0);
  const auto joined = troops("some 10,000 British and French troops");
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].text, "some 10,000 British and French troops");
  const auto military = troops("fewer than 30,000 European military personnel");
  ASSERT_EQ(military.size(), 1u);
  EXPECT_EQ(military[0].max.value_or(-1), 30000.0);
  // Thousands written with a space or a no-break space, as translated reports write them.
  const auto spaced = troops("a contingent of 15 000 soldiers and 2\xC2\xA0" "500 servicemen");
  ASSERT_EQ(spaced.size(), 2u);
  EXPECT_EQ(spaced[0].max.value_or(-1), 15000.0);
  EXPECT_EQ(spaced[1].max.value_or(-1), 2500.0);
  EXPECT_TRUE(troops("In 2025 300 people came").empty());  // a year is not a thousands group
  EXPECT_EQ(troops("a 10,000-man contingent").size(), 1u);
  EXPECT_EQ(troops("with 25,000 boots on the ground").size(), 1u);
  EXPECT_TRUE(troops("the 2,000-mile border").empty());
  // The half-A sentences still read as before (043_daily-sabah.txt).
  const auto sabah = troops("Zelenskyy has called for a force of more than 100,000 European troops to ensure Russia "
                            "does not return post-ceasefire");
  ASSERT_EQ(sabah.size(), 1u);
  EXPECT_EQ(sabah[0].min.value_or(-1), 100000.0);
}

TEST(ExtractIssue13, ATroopNumberInASentenceWithoutAPlaceIsAFactInOneReading) {
  // Issue 13's example after a sentence on the arrangements: the number is a fact of the option, and
  // extractAll gives the same candidates and facts as candidatesOf and factsOf, in one reading.
  const auto doc = documentFromBytes(
      "facts.txt",
      "Ukraine's allies discussed the reassurance force for Ukraine after a ceasefire with Russia.\n"
      "Estimates of its size ranged between 4,000 and 60,000 peacekeepers.\n");
  const auto all = extractAll(extractor(), doc, true);
  ASSERT_EQ(all.facts.size(), 1u);
  EXPECT_EQ(all.facts[0].quantity.min.value_or(-1), 4000.0);
  EXPECT_EQ(all.facts[0].quantity.max.value_or(-1), 60000.0);
  const auto facts = factsOf(extractor(), doc);
  ASSERT_EQ(facts.size(), all.facts.size());
  EXPECT_EQ(facts[0].quote, all.facts[0].quote);
  const auto candidates = candidatesOf(extractor(), doc);
  ASSERT_EQ(candidates.size(), all.candidates.size());
  for (size_t k = 0; k < candidates.size(); ++k) {
    EXPECT_EQ(candidates[k].place, all.candidates[k].place);
    EXPECT_EQ(candidates[k].start, all.candidates[k].start);
  }
  EXPECT_EQ(extractor().analyse(doc).size(), all.sentences.size());
  EXPECT_TRUE(extractAll(extractor(), doc).sentences.empty());  // sentences only when asked
}

TEST(ExtractIssue13, PortsAndNavalBasesAreAtTheirSites) {
  const auto doc = devsetReport("026_bne-intellinews.txt");
  const std::string quote = "the port of Constanța is the most important port on the Black Sea";
  EXPECT_TRUE(sentenceWith(doc, quote).relevant());
  EXPECT_TRUE(candidatePlacesWith(doc, quote).count("Port of Constanța"));
  // Cited sites (geodata/facilities.csv), a few kilometres from the towns' GeoNames points.
  EXPECT_LT(kilometres(placeNamed("Port of Constanța").where, {28.63833, 44.17333}), 5);
  EXPECT_EQ(placesIn("Grain left Odesa port for the Bosporus."), (std::vector<std::string>{"Port of Odesa", "Bosporus"}));
  EXPECT_LT(kilometres(placeNamed("Port of Odesa").where, {30.73972, 46.49944}), 5);
  EXPECT_EQ(placesIn("Drones struck the naval base in Sevastopol."), std::vector<std::string>{"Sevastopol Naval Base"});
  EXPECT_LT(kilometres(placeNamed("Sevastopol Naval Base").where, {33.53000, 44.60778}), 5);
  // The bare town stays the town.
  EXPECT_EQ(placesIn("Ships sailed from Odesa."), std::vector<std::string>{"Odesa"});
}

TEST(ExtractIssue13, ACarriedOverSentenceWithoutPlacesInheritsThePreviousSentencesPlaces) {
  const auto doc = devsetReport("005_unn.txt");
  const std::string quote = "This will allow partners to \"flexibly provide forces and deploy military groups";
  const auto s = sentenceWith(doc, quote);
  ASSERT_TRUE(s.relevant());
  // From round 14 it is relevant by its own words ("provide forces": a force sent), and it still continues the previous
  // sentence's subject ("This …"), so it inherits its places; "It will be headed by …" is relevant only through it.
  EXPECT_FALSE(s.carriedOver);
  EXPECT_TRUE(sentenceWith(doc, "It will be headed by Great Britain and France.").carriedOver);
  std::set<std::string> inherited;
  for (const auto& c : candidatesOf(extractor(), doc)) {
    if (c.quote.find(quote) == std::string::npos) continue;
    EXPECT_TRUE(c.placeCarriedOver);
    EXPECT_LT(c.placeStart, c.start);  // named in the sentence before, which the offsets point into
    EXPECT_EQ(doc.text.substr(c.placeStart, c.placeEnd - c.placeStart), c.matched);
    EXPECT_NE(std::find(c.cues.begin(), c.cues.end(), "place of the previous sentence"), c.cues.end());
    EXPECT_EQ(toFeature(c, gazetteer()).properties.at("place_carried_over"), true);
    inherited.insert(gazetteer().place(c.place).name);
  }
  EXPECT_FALSE(inherited.empty());
  // An attribution continues nothing: "This was reported by SkyNews, writes UNN." gives no candidate.
  EXPECT_TRUE(candidatePlacesWith(doc, "This was reported by SkyNews, writes UNN.").empty());
  // A sentence relevant on its own that opens with "the force" and names no place inherits them too (031).
  const auto force = devsetReport("031_gamereactor.txt");
  EXPECT_EQ(candidatePlacesWith(force, "The force would aim to provide long-term security guarantees"),
            (std::set<std::string>{"Paris", "Kyiv", "United Kingdom", "London", "Ukraine"}));
  // A carried-over sentence that names places of its own keeps only those ("Subsequently, it will be moved to London.").
  EXPECT_EQ(candidatePlacesWith(doc, "Subsequently, it will be moved to London."), std::set<std::string>{"London"});
}

// Third round (half A): a web address is not prose. The stored copy's source line holds the article's address,
// whose words name the Black Sea and Riyadh; they gave candidates before (022_saudi-gazette.txt).
TEST(ExtractIssue13, WordsInsideAWebAddressAreNeitherPlacesNorCues) {
  const auto doc = devsetReport("022_saudi-gazette.txt");
  const std::string address = "https://cdn.saudigazette.com.sa/article/650436/SAUDI-ARABIA/";
  ASSERT_NE(doc.text.find(address), std::string::npos);
  EXPECT_TRUE(candidatePlacesWith(doc, address).empty());
  const auto s = sentenceWith(doc, address);
  EXPECT_TRUE(s.places.empty());
  // The same words as prose are read (the article's own title line).
  const auto title = extractor().analyseSentence("Agreement reached on safe navigation in the Black Sea as Riyadh talks conclude");
  EXPECT_EQ(title.places.size(), 2u);
}

// Third round (half A): "the change", "the decision" refer to the previous sentence's subject.
TEST(ExtractIssue13, ADecisionNamedByWhatItDoesContinuesThePreviousSentence) {
  const auto doc = devsetReport("034_kursiv-media.txt");
  const auto s = sentenceWith(doc, "Romania called the change an expected result");
  EXPECT_TRUE(s.relevant());
  EXPECT_TRUE(s.carriedOver);
  EXPECT_STREQ(s.optionId(), "us_backstop");
  EXPECT_EQ(candidatePlacesWith(doc, "Romania called the change"), (std::set<std::string>{"Romania", "United States"}));
}

// Fourth round (half A, 038 039 040): a nuclear plant in the terms of a settlement (who manages, controls or operates
// it, who gets its output) is relevant but none of the options (devset convention); a force that protects plants
// keeps its option, and a plant named without such terms stays out.
TEST(ExtractIssue13, ANuclearPlantInTheTermsOfASettlementIsRelevantWithNoOption) {
  const auto doc = devsetReport("038_evening-star.txt");
  const std::string quote = "Under the plan, Ukraine, the United States, and Russia would jointly manage the plant and "
                            "share economic benefits";
  const auto s = sentenceWith(doc, quote);
  EXPECT_TRUE(s.relevant());
  EXPECT_EQ(s.option, -1);
  EXPECT_STREQ(s.optionId(), "");
  EXPECT_NE(std::find(s.cues.begin(), s.cues.end(), "nuclear plant in the settlement"), s.cues.end());
  EXPECT_EQ(candidatePlacesWith(doc, quote), (std::set<std::string>{"Ukraine", "United States", "Russia"}));
  for (const auto& c : candidatesOf(extractor(), doc))
    if (c.quote.find(quote) != std::string::npos) {
      EXPECT_EQ(toFeature(c, gazetteer()).properties.at("option"), "");
    }
  // The plant named, with its management in the plan (the sentence before).
  const auto named = sentenceWith(doc, "President Volodymyr Zelensky stated that Ukraine cannot accept joint management "
                                       "of the Zaporizhzhia Nuclear Power Plant");
  EXPECT_TRUE(named.relevant());
  EXPECT_EQ(named.option, -1);
  const auto output = devsetReport("039_nucnet.txt");
  EXPECT_TRUE(candidatePlacesWith(output, "Zelenskyy was said to have rejected the previous proposal, in which the US, "
                                          "Ukraine and Russia would split the joint venture three ways")
                  .count("Russia"));
  const auto control = devsetReport("040_sputnik.txt");
  const auto still = sentenceWith(control, "Still, the NPP has been under Russia’s control since March 2022.");
  EXPECT_TRUE(still.relevant());
  EXPECT_EQ(still.option, -1);
  // Where the plant lies, with no term of a settlement, is not about the arrangements.
  EXPECT_FALSE(sentenceWith(control, "The Zaporozhye Region, where the plant is located, voted to join Russia").relevant());
  // A force that protects plants keeps its option (043).
  const auto force = devsetReport("043_daily-sabah.txt");
  EXPECT_STREQ(sentenceWith(force, "The British-French-backed plan envisions fewer than 30,000 European troops").optionId(),
               "reassurance_force");
}

// Fourth round: facilities the reports of the issue name, at the sites their rows in geodata/facilities.csv cite (no
// report of half A names them, so the sentences are written for the test), and names in Russian transliteration.
TEST(ExtractIssue13, MoreFacilitiesAtTheirCitedSitesAndRussianTransliterations) {
  EXPECT_EQ(placesIn("Equipment is stored at the Powidz air base."), std::vector<std::string>{"Powidz Air Base"});
  EXPECT_LT(kilometres(placeNamed("Powidz Air Base").where, {17.85111, 52.38139}), 5);
  EXPECT_EQ(placesIn("Grain ships left the port of Chornomorsk."), std::vector<std::string>{"Port of Chornomorsk"});
  EXPECT_LT(kilometres(placeNamed("Port of Chornomorsk").where, {30.65944, 46.32889}), 5);
  EXPECT_EQ(placesIn("Ships loaded at Chornomorsk port."), std::vector<std::string>{"Port of Chornomorsk"});
  EXPECT_EQ(placesIn("Ships sailed from Chornomorsk."), std::vector<std::string>{"Chornomorsk"});  // the town stays the town
  EXPECT_EQ(placesIn("Drones struck the port of Mykolaiv."), std::vector<std::string>{"Port of Mykolaiv"});
  EXPECT_EQ(placesIn("Drones struck Nikolaev port."), std::vector<std::string>{"Port of Mykolaiv"});
  EXPECT_LT(kilometres(placeNamed("Port of Mykolaiv").where, {31.96389, 46.84889}), 5);
  EXPECT_EQ(placesIn("Shelling hit Zhitomir, Krivoy Rog and Severodonetsk."),
            (std::vector<std::string>{"Zhytomyr", "Kryvyi Rih", "Sievierodonetsk"}));
  EXPECT_EQ(placesIn("Grain left Yuzhny and Ilyichevsk."), (std::vector<std::string>{"Pivdennyi", "Chornomorsk"}));
  EXPECT_EQ(placesIn("The Zaporozhye NPP lost power."), std::vector<std::string>{"Zaporizhzhia NPP"});
}

// ---- Round 5 (branch extract3): reports 045-072 of the devset; every sentence quoted from a report of half A.

TEST(ExtractRound5, AMeetingsVenueIsAsideAndAnAsideClauseEndsAtAConjunction) {
  const auto alexa = devsetReport("045_alexa-ng.txt");
  const std::string summit = "concluded a high-level summit in Paris on Tuesday, announcing a unified approach to "
                             "post-ceasefire security guarantees for Kyiv";
  EXPECT_TRUE(sentenceWith(alexa, summit).relevant());
  const auto places = candidatePlacesWith(alexa, summit);
  EXPECT_FALSE(places.count("Paris"));  // the dateline "PARIS, January 7" and the summit's venue
  EXPECT_TRUE(places.count("Kyiv"));
  EXPECT_TRUE(places.count("United States"));
  const auto times = devsetReport("049_einnews.txt");
  EXPECT_FALSE(candidatePlacesWith(times, "military leaders from around the world will meet in London this week").count("London"));
  // "during the war" opens a historical clause, but "because" ends it: the strait is where the minehunters must pass.
  const std::string strait = "They have been unable to enter during the war because the Bosphorus Strait has been closed.";
  EXPECT_EQ(candidatePlacesWith(times, strait), std::set<std::string>{"Bosporus"});
  EXPECT_STREQ(sentenceWith(times, strait).optionId(), "black_sea");
  // A venue is only the word after "in": "After talks in Paris with Kyiv's allies" keeps Kyiv (031).
  EXPECT_TRUE(candidatePlacesWith(devsetReport("031_gamereactor.txt"), "After talks in Paris with Kyiv's allies").count("Kyiv"));
}

TEST(ExtractRound5, ATroopNumberIsEvidenceOfTheForceUnlessItBelongsToAComparison) {
  const auto ps = devsetReport("067_ps-ua.txt");
  const auto expecting = sentenceWith(ps, "Ukraine is reportedly expecting the presence of 40,000 to 50,000 foreign troops");
  EXPECT_TRUE(expecting.relevant());
  ASSERT_EQ(expecting.quantities.size(), 1u);
  EXPECT_EQ(expecting.quantities[0].text, "40,000 to 50,000 foreign troops");
  EXPECT_EQ(expecting.quantities[0].min.value_or(-1), 40000.0);
  EXPECT_EQ(expecting.quantities[0].max.value_or(-1), 50000.0);
  // Its continuation stays relevant though the sentence it continues was only just so.
  const auto mission = sentenceWith(ps, "The mission will pursue three objectives");
  EXPECT_TRUE(mission.relevant());
  EXPECT_TRUE(mission.carriedOver);
  // "Source: ft." after a relevant paragraph is no continuation.
  EXPECT_FALSE(sentenceWith(ps, "Source: ft.").relevant());
  // A force of another time and place: neither the number nor Bosnia.
  const auto underlines = devsetReport("071_underlines.txt");
  const auto ifor = sentenceWith(underlines, "History rhymes: the envisaged force echoes NATO’s 60,000-soldier IFOR");
  EXPECT_TRUE(ifor.quantities.empty());
  EXPECT_FALSE(ifor.relevant());
  for (const auto& f : factsOf(extractor(), underlines)) EXPECT_NE(f.quantity.max.value_or(0), 60000.0) << f.quote;
  // "800,000-strong" in the coalition's plan is a troop number of the arrangement.
  const auto army = sentenceWith(underlines, "The coalition plan envisions an 800,000-strong Ukrainian army");
  EXPECT_TRUE(army.relevant());
  ASSERT_EQ(army.quantities.size(), 1u);
  EXPECT_EQ(army.quantities[0].max.value_or(-1), 800000.0);
}

TEST(ExtractRound5, TheUsPostureInPolandAndTheHubAtRzeszow) {
  const auto doc = devsetReport("061_news-pravda.txt");
  const std::string duda = "Polish President Duda commented on the withdrawal of the US military from the hub in Rzeszow.";
  EXPECT_STREQ(sentenceWith(doc, duda).optionId(), "us_backstop");
  EXPECT_EQ(candidatePlacesWith(doc, duda), (std::set<std::string>{"United States", "Rzeszów"}));
  // Two demonyms joined by a hyphen before "border" are both places; "Rzeszow airport" is the air base at its site.
  const std::string border = "The relocation of the US military from the hub at Rzeszow airport and the Polish-Ukrainian "
                             "border was coordinated with NATO.";
  EXPECT_EQ(candidatePlacesWith(doc, border),
            (std::set<std::string>{"United States", "Rzeszów-Jasionka", "Poland", "Ukraine"}));
  EXPECT_LT(kilometres(placeNamed("Rzeszów-Jasionka").where, {22.01900, 50.10996}), 5);
  const auto personnel = sentenceWith(doc, "We are talking about about 10,000 military personnel");
  EXPECT_TRUE(personnel.relevant());
  ASSERT_EQ(personnel.quantities.size(), 1u);
  EXPECT_EQ(personnel.quantities[0].max.value_or(-1), 10000.0);
  EXPECT_STREQ(sentenceWith(doc, "Recall that the United States has long been in the process of discussing the "
                                 "withdrawal of its troops from Europe.").optionId(),
               "us_backstop");
  // A single demonym before another demonym and no locating noun is still no place.
  EXPECT_TRUE(placesIn("The Polish-Ukrainian talks ended.").empty());
}

TEST(ExtractRound5, PlacesInsideTheNameOfAnAgreementAndPeacekeepersOnTheirOwn) {
  const auto pravda = devsetReport("065_pravda-ru.txt");
  const std::string mcm = "Turkey, Romania, and Bulgaria established the Black Sea Mine Countermeasures Task Group, "
                          "known as MCM Black Sea, as a direct response to the war in Ukraine.";
  EXPECT_TRUE(sentenceWith(pravda, mcm).relevant());
  EXPECT_FALSE(candidatePlacesWith(pravda, mcm).count("Black Sea"));
  EXPECT_TRUE(candidatePlacesWith(pravda, mcm).count("Romania"));
  const auto hvylya = devsetReport("051_hvylya.txt");
  EXPECT_FALSE(candidatePlacesWith(hvylya, "reflected in the Paris Declaration").count("Paris"));
  const auto meduza = devsetReport("057_meduza.txt");
  const std::string baltic = "However, the outlet notes that so far, only the Baltic states have supported the idea of "
                             "deploying peacekeepers in Ukraine.";
  EXPECT_TRUE(sentenceWith(meduza, baltic).relevant());
  EXPECT_EQ(candidatePlacesWith(meduza, baltic),
            (std::set<std::string>{"Estonia", "Latvia", "Lithuania", "Ukraine"}));
  EXPECT_STREQ(sentenceWith(meduza, "Poland has ruled out sending its troops").optionId(), "contributors");
}

// Round 6: troop numbers as a class of formats, not one sentence each.
TEST(ExtractRound6, TroopNumbersInTheFormatsReportersUse) {
  const auto einnews = devsetReport("049_einnews.txt");
  const auto size = sentenceWith(einnews, "the size of the final force would be “comfortably north of 10,000”");
  EXPECT_TRUE(size.relevant());
  ASSERT_EQ(size.quantities.size(), 1u);
  EXPECT_EQ(size.quantities[0].min.value_or(-1), 10000.0);
  EXPECT_FALSE(size.quantities[0].max.has_value());
  struct Case {
    std::string text;
    double min, max;  // -1: no bound
  };
  const std::vector<Case> cases = {
      {"a 10,000-strong force", 10000, 10000},
      {"a force of 25 000", 25000, 25000},
      {"they could send 25k troops", 25000, 25000},
      {"as many as 30,000 European troops", -1, 30000},
      {"a minimum of 5,000 soldiers", 5000, -1},
      {"the force will be well over 20,000 personnel", 20000, -1},
      {"the force would be north of 15,000", 15000, -1},
  };
  for (const auto& c : cases) {
    const auto found = findQuantities(c.text, 0, c.text.size());
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].kind, QuantityKind::Troops) << c.text;
    EXPECT_EQ(found[0].min.value_or(-1), c.min) << c.text;
    EXPECT_EQ(found[0].max.value_or(-1), c.max) << c.text;
  }
  // Not troop numbers: words without digits (the devset does not label them), a distance, a place north of a town.
  for (std::string text : {"tens of thousands of troops", "a 25km buffer zone", "north of 10 villages",
                           "the force would be ready in 2026 days"}) {
    for (const auto& q : findQuantities(text, 0, text.size())) EXPECT_NE(q.kind, QuantityKind::Troops) << text;
  }
}

TEST(ExtractRound6, APlaceBeforeTheNounOfAnAgreementNamesTheAgreement) {
  const auto names = [](std::string_view sentence, const std::string& place) {
    const auto found = placesIn(sentence);
    return std::find(found.begin(), found.end(), place) != found.end();
  };
  const auto underlines = devsetReport("071_underlines.txt");
  const std::string paris = "which pledged ground troops—signed a Paris statement";
  EXPECT_FALSE(candidatePlacesWith(underlines, paris).count("Paris"));
  EXPECT_TRUE(candidatePlacesWith(underlines, paris).count("France"));
  // Round 9: the plural "agreements" names them too (half B's 013 labels "the Minsk agreements of 2014 and 2015" so);
  // the singular stays a deal about the place.
  EXPECT_FALSE(names("The leaders revived the Normandy format and the Minsk agreements.", "Minsk"));
  EXPECT_TRUE(names("The leaders signed it in Minsk.", "Minsk"));
  EXPECT_TRUE(names("The Black Sea agreement holds.", "Black Sea"));
  EXPECT_FALSE(names("Kyiv keeps the Budapest Memorandum and the Montreux Convention in mind.", "Montreux"));
  EXPECT_TRUE(names("Kyiv keeps the Budapest Memorandum in mind.", "Kyiv"));
  EXPECT_FALSE(names("The Istanbul communiqué was signed.", "Istanbul"));
  EXPECT_TRUE(names("The communiqué was signed in Istanbul.", "Istanbul"));
}

// Round 7: classes read on half A (false positives above all). Every sentence is quoted from a report of half A.
TEST(ExtractRound7, AnAttackReportedAsAnEventIsTheWarNotAnArrangement) {
  // 059 is the report on naval drones striking shadow-fleet tankers (the war at sea, labelled irrelevant): none of its
  // sentences is a candidate, though the places are still found.
  const auto newsAz = devsetReport("059_news-az.txt");
  EXPECT_TRUE(candidatesOf(extractor(), newsAz).empty());
  const auto struck = sentenceWith(newsAz, "The Kairos was struck in the south-west area of the Black Sea");
  EXPECT_FALSE(struck.relevant());
  EXPECT_EQ(placesIn("The Kairos was struck in the south-west area of the Black Sea and the Virat in a central area "
                     "further east."),
            std::vector<std::string>{"Black Sea"});
  const auto drones = sentenceWith(newsAz, "naval drones struck two oil tankers");
  EXPECT_FALSE(drones.relevant());
  EXPECT_TRUE(candidatePlacesWith(newsAz, "naval drones struck two oil tankers").empty());
  // A halt, an agreement or a ceasefire make strikes an arrangement: the Black Sea deal stays a candidate.
  const auto trt = devsetReport("024_trt-world.txt");
  const std::string halt = "Russia and Ukraine have agreed to halt military strikes in the Black Sea";
  EXPECT_TRUE(sentenceWith(trt, halt).relevant());
  EXPECT_STREQ(sentenceWith(trt, halt).optionId(), "black_sea");
  EXPECT_TRUE(candidatePlacesWith(trt, halt).count("Black Sea"));
}

TEST(ExtractRound7, ASummitsVenueAndAPlaceThatLocatesAnotherAreAside) {
  const auto isAside = [](const SentenceAnalysis& s, const std::string& place) {
    return std::any_of(s.places.begin(), s.places.end(), [&](const PlaceMention& m) {
      return gazetteer().place(m.place).name == place && m.aside;
    });
  };
  // "held in" after a summit names its venue; the sentence stays relevant with its other places.
  const auto pravda = devsetReport("065_pravda-ru.txt");
  const std::string held = "summit in support of Ukraine, held in Paris on January 6";
  // The rule is the rules' (rulesRelevance): since round 45 the learned relevance, retrained on A to k, weighs this
  // sentence at 0.499, just under the bar (0.503 in round 44; labelled relevant).
  const auto heldSentence = sentenceWith(pravda, held);
  EXPECT_GE(heldSentence.rulesRelevance, kMinRelevance);
  EXPECT_TRUE(isAside(heldSentence, "Paris"));
  EXPECT_TRUE(std::any_of(heldSentence.places.begin(), heldSentence.places.end(), [](const PlaceMention& m) {
    return gazetteer().place(m.place).name == "Ukraine" && !m.aside;
  }));
  // "the Paris summit": a place before the noun of a summit.
  const auto bne = devsetReport("026_bne-intellinews.txt");
  const std::string parisSummit = "the Paris summit of the \"Coalition of the Willing”";
  EXPECT_TRUE(sentenceWith(bne, parisSummit).relevant());
  EXPECT_FALSE(candidatePlacesWith(bne, parisSummit).count("Paris"));
  EXPECT_TRUE(candidatePlacesWith(bne, parisSummit).count("Romania"));
  EXPECT_TRUE(candidatePlacesWith(bne, parisSummit).count("Black Sea"));
  // "a meeting of <body> in <place>": the venue of a meeting named by its body.
  const auto liga = devsetReport("056_liga-net.txt");
  EXPECT_TRUE(isAside(sentenceWith(liga, "The meeting of the \"coalition of the willing\" in France"), "France"));
  EXPECT_FALSE(candidatePlacesWith(liga, "Following a meeting of the \"coalition of the willing\" in France").count("France"));
  // "Northwood, northwest London": London locates Northwood, it is not where anything happens.
  const auto einnews = devsetReport("049_einnews.txt");
  EXPECT_TRUE(isAside(sentenceWith(einnews, "headquarters in Northwood, northwest London"), "London"));
  EXPECT_FALSE(candidatePlacesWith(einnews, "headquarters in Northwood, northwest London").count("London"));
}

TEST(ExtractRound7, ADemonymBeforeControlLocatesTheControl) {
  const auto sputnik = devsetReport("040_sputnik.txt");
  const std::string american = "could be under American control";
  EXPECT_TRUE(sentenceWith(sputnik, american).relevant());
  EXPECT_TRUE(candidatePlacesWith(sputnik, american).count("United States"));
  EXPECT_TRUE(candidatePlacesWith(sputnik, american).count("Zaporizhzhia NPP"));
  EXPECT_LT(kilometres(placeNamed("Zaporizhzhia NPP").where, {34.58583, 47.51222}), 5);  // the plant, not Enerhodar
  const std::string ukrainian = "dismissing any possibility of US or Ukrainian control over the facility";
  EXPECT_TRUE(sentenceWith(sputnik, ukrainian).relevant());
  EXPECT_TRUE(candidatePlacesWith(sputnik, ukrainian).count("Ukraine"));
  // Only before a locating noun: "the Polish Foreign Minister" stays no place.
  EXPECT_EQ(placesIn("Russian control"), std::vector<std::string>{"Russia"});
  EXPECT_TRUE(placesIn("the Polish Foreign Minister said").empty());
}

TEST(ExtractRound7, GuaranteesAndContributorsInWordsTheTablesDidNotHave) {
  // Each sentence was under the bar before round 7, with its places found but no candidate.
  const auto einnews = devsetReport("049_einnews.txt");
  const std::string supply = "the three countries that originally offered to supply ground troops, though the bulk of the "
                             "force is likely to come from Britain and France";
  EXPECT_TRUE(sentenceWith(einnews, supply).relevant());
  EXPECT_EQ(candidatePlacesWith(einnews, supply), (std::set<std::string>{"United Kingdom", "France"}));
  const auto pravda = devsetReport("065_pravda-ru.txt");
  const std::string include = "the secret project would initially include Ukraine and its regional neighbors — Romania, "
                              "Bulgaria, and Georgia";
  EXPECT_TRUE(sentenceWith(pravda, include).relevant());
  EXPECT_EQ(candidatePlacesWith(pravda, include),
            (std::set<std::string>{"Ukraine", "Romania", "Bulgaria", "Georgia"}));
  const auto hvylya = devsetReport("051_hvylya.txt");
  for (const std::string quote : {"Allies are legally binding themselves to support Ukraine in the event of a renewed "
                                  "Russian attack.",
                                  "we are building a robust security architecture for Ukraine"}) {
    EXPECT_TRUE(sentenceWith(hvylya, quote).relevant()) << quote;
    EXPECT_TRUE(candidatePlacesWith(hvylya, quote).count("Ukraine")) << quote;
  }
  // "include" alone is one weak word: a plan that includes something is not about contributors.
  EXPECT_FALSE(extractor().analyseSentence("The menu would include soup.").relevant());
}

// ---- Round 8 (branch extract8): classes read on half A, each sentence quoted from a report of half A.
TEST(ExtractRound8, AnAttributionDoesNotContinueTheSubject) {
  // "This was stated by …", "This information was reported by …": the sentence names who said the previous one, so it
  // is neither a continuation nor, on its own, relevant (a venue in it stays out, as before).
  const auto pravda = devsetReport("061_news-pravda.txt");
  const auto stated = sentenceWith(pravda, "This was stated by Polish President Andrzej Duda at a press conference in Tallinn.");
  EXPECT_FALSE(stated.carriedOver);
  EXPECT_FALSE(stated.relevant());
  const auto post = devsetReport("063_post-truth.txt");
  const auto reported = sentenceWith(post, "This information was reported by The Washington Post based on data from four "
                                           "informed officials.");
  EXPECT_FALSE(reported.carriedOver);
  EXPECT_FALSE(reported.relevant());
  // A sentence that continues the subject still does (bundled and devset continuations are tested above).
  const auto liga = devsetReport("014_liga-net.txt");
  EXPECT_FALSE(sentenceWith(liga, "It is noted that control over Donbas").carriedOver);
}

TEST(ExtractRound8, WhereAnEventTakesPlaceIsAside) {
  const auto herald = devsetReport("046_britain-herald.txt");
  const std::string meeting = "The closed-door meeting will take place at the UK’s Permanent Joint Headquarters in Northwood";
  const auto s = sentenceWith(herald, meeting);
  ASSERT_FALSE(s.places.empty());
  for (const auto& m : s.places) EXPECT_TRUE(m.aside) << gazetteer().place(m.place).name;
  EXPECT_TRUE(candidatePlacesWith(herald, meeting).empty());
  // Only the venue: a place before the marker stays a place.
  const auto a = extractor().analyseSentence("Ukraine's allies said the talks on the force will take place in Paris.");
  for (const auto& m : a.places)
    EXPECT_EQ(m.aside, gazetteer().place(m.place).name == "Paris") << gazetteer().place(m.place).name;
}

TEST(ExtractRound8, ACeasefireInAReportOnTheArrangementsIsRelevant) {
  // Each sentence was at 0.4 before (one cue, "ceasefire", plus the topic), with its places found but no candidate.
  const auto pravda = devsetReport("041_news-pravda.txt");
  const std::string expand = "If “trust” in the ceasefire grows, the mission could expand eastward toward Kiev and beyond.";
  EXPECT_TRUE(sentenceWith(pravda, expand).relevant());
  EXPECT_EQ(candidatePlacesWith(pravda, expand), std::set<std::string>{"Kyiv"});
  const auto einnews = devsetReport("049_einnews.txt");
  const std::string deter = "In the event of a ceasefire between Russian and Ukraine, it would deter Vladimir Putin";
  EXPECT_TRUE(sentenceWith(einnews, deter).relevant());
  EXPECT_TRUE(candidatePlacesWith(einnews, deter).count("Ukraine"));
  const auto ru = devsetReport("065_pravda-ru.txt");
  const std::string ankara = "Ankara is also considering the possibility of integrating Russia at a later stage, but only "
                             "if Moscow agrees to a ceasefire and signs a peace agreement with Ukraine.";
  EXPECT_EQ(candidatePlacesWith(ru, ankara), (std::set<std::string>{"Ankara", "Russia", "Moscow", "Ukraine"}));
  // Outside a report on the arrangements one word is not enough.
  EXPECT_FALSE(extractor().analyseSentence("The ceasefire in the football league's pay dispute held.").relevant());
}

TEST(ExtractRound8, TroopNumbersInMoreFormatsAndNoneInvented) {
  struct Case {
    std::string text, words;
    double min, max;  // -1: no bound
  };
  const std::vector<Case> cases = {
      {"two brigades of 5,000, officials said", "5,000", 5000, 5000},
      {"troops numbering 10,000 would", "10,000", 10000, 10000},
      {"a force of 10,000-plus", "10,000-plus", 10000, -1},
      {"10,000 plus soldiers", "10,000 plus soldiers", 10000, -1},
      {"10,000+ troops", "10,000+ troops", 10000, -1},
      {"10,000 of its troops", "10,000 of its troops", 10000, 10000},
      {"Britain could deploy up to 10,000, officials said", "up to 10,000", -1, 10000},
      {"the plan would cap Ukraine's army at 600,000.", "600,000", 600000, 600000},
      {"limit the Ukrainian armed forces to 800,000 in peacetime", "800,000", 800000, 800000},
      {"about 10.000 soldiers", "about 10.000 soldiers", 10000, 10000},
      {"between 4.000 and 6.000 troops", "between 4.000 and 6.000 troops", 4000, 6000},
  };
  for (const auto& c : cases) {
    const auto found = findQuantities(c.text, 0, c.text.size());
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].kind, QuantityKind::Troops) << c.text;
    EXPECT_EQ(found[0].text, c.words) << c.text;
    EXPECT_EQ(c.text.substr(found[0].start, found[0].end - found[0].start), found[0].text) << c.text;
    EXPECT_EQ(found[0].min.value_or(-1), c.min) << c.text;
    EXPECT_EQ(found[0].max.value_or(-1), c.max) << c.text;
  }
  // Not troop numbers: a year after a force's noun, other things sent, counts followed by their own noun, words
  // (the devset labels numerals only), a distance with a decimal period, a number dotted beyond one group.
  for (std::string text : {"the force of 2026", "they would send 100 tanks", "troops at 3 sites", "ten thousand troops",
                           "the armed forces to 2025 levels", "deploy 1.500.000 euros"}) {
    for (const auto& q : findQuantities(text, 0, text.size())) EXPECT_NE(q.kind, QuantityKind::Troops) << text;
  }
  const std::string distance = "a zone 4.500 km long";
  const auto km = findQuantities(distance, 0, distance.size());
  ASSERT_EQ(km.size(), 1u);
  EXPECT_EQ(km[0].kind, QuantityKind::Distance);
  EXPECT_NEAR(km[0].max.value_or(-1), 4.5, 1e-9);
}

// ---- Round 9 (branch extract9): classes read on halves A and B (B tuned on from round 9), each sentence quoted from
// a report of half B.
namespace {
// The sentence of the devset report `file` that contains `quote` is relevant and its candidates are at `places`.
void expectRelevantWithPlaces(const std::string& file, const std::string& quote, const std::set<std::string>& places) {
  const auto doc = devsetReport(file);
  EXPECT_TRUE(sentenceWith(doc, quote).relevant()) << quote;
  EXPECT_EQ(candidatePlacesWith(doc, quote), places) << quote;
}
// A sentence of a devset report labelled not relevant: out, and no candidate.
void expectNotRelevant(const std::string& file, const std::string& quote) {
  const auto doc = devsetReport(file);
  EXPECT_FALSE(sentenceWith(doc, quote).relevant()) << quote;
  EXPECT_TRUE(candidatePlacesWith(doc, quote).empty()) << quote;
}
// Text with one quantity, a troop number of `size`.
void expectOneTroopNumber(const std::string& text, double size) {
  const auto found = findQuantities(text, 0, text.size());
  ASSERT_EQ(found.size(), 1u) << text;
  EXPECT_EQ(found[0].kind, QuantityKind::Troops) << text;
  EXPECT_EQ(found[0].max, size) << text;
}
// A sentence of a devset report, quoted, and the places its candidates must be at.
struct RelevantCase {
  std::string file, quote;
  std::set<std::string> places;
};
}  // namespace

TEST(ExtractRound9, ASentenceOnTheArrangementsRenewsTheContextOfAReportAboutThem) {
  // A report on the US brigade leaving Romania names NATO once, then "brigade", "US Army", "rotation": the seventh
  // sentence after the mention of NATO was out of context before round 9.
  const auto aerospace = devsetReport("036_defense-aerospace.txt");
  const std::string remain = "About 1,000 US personnel will remain after a presence that peaked above 1,700 earlier this year.";
  const auto s = sentenceWith(aerospace, remain);
  EXPECT_TRUE(s.relevant());
  EXPECT_EQ(candidatePlacesWith(aerospace, remain), std::set<std::string>{"United States"});
  // A paragraph beyond reach of the context stays out however strong its words: the bundled UNIFIL story.
  for (const auto& doc : bundledDocuments())
    for (const auto& c : candidatesOf(extractor(), doc))
      EXPECT_NE(gazetteer().place(c.place).name, "Lebanon") << c.quote;
}

TEST(ExtractRound9, APlantInTheSettlementMakesTheReportAboutTheArrangements) {
  // NucNet's report on the Zaporizhzhia plant in the peace plans: its headline is read with the topic now.
  expectRelevantWithPlaces("039_nucnet.txt",
                           "Russia-occupied facility remains one of main sticking points in US peace plan to end war",
                           {"Russia", "United States"});
}

TEST(ExtractRound9, AHeadlineInTitleCaseNamesItsCities) {
  // "Paris Named New Hub …": every word has a capital, so "Named" does not make Paris part of a longer name.
  const auto devdiscourse = devsetReport("008_devdiscourse.txt");
  const std::string headline = "Paris Named New Hub for 'Coalition of the Willing' on Ukraine Support";
  EXPECT_TRUE(candidatePlacesWith(devdiscourse, headline).count("Paris"));
  // In running text a capitalised neighbour still makes a longer name; the title-case test needs three long words.
  EXPECT_TRUE(placesIn("the Paris Saint-Germain stadium was full").empty());
  EXPECT_TRUE(placesIn("Washington Post").empty());
}

TEST(ExtractRound9, PhrasingsOfHalfBScoreAsRelevant) {
  const std::vector<RelevantCase> cases = {
      // the singular before another noun
      {"029_kyiv-independent.txt", "3 glaring issues with the UK-France peacekeeper troops plan for Ukraine",
       {"United Kingdom", "France", "Ukraine"}},
      // civil aviation as travel reporters write it
      {"027_the-telegraph.txt", "But a secondary aim will be to once again reinstate international travel in and out of "
                                "Ukrainian cities.", {"Ukraine"}},
      {"027_the-telegraph.txt", "In the sky over Europe, from Portugal to Ukraine, the flight radar shows a striking "
                                "contrast.", {"Portugal", "Ukraine"}},
      // the US guarantee without "security"
      {"018_daily-herald.txt", "European officials had said the US guarantee was needed alongside a strong Ukrainian force",
       {"United States", "Russia"}},
      // who has committed what, and a force by its unit
      {"002_euromaidan-press.txt", "Only the UK and France have committed actual soldiers.", {"United Kingdom", "France"}},
      {"069_tass.txt", "The US has deployed a temporary contingent at the airfield since 2022.", {"United States"}},
  };
  for (const auto& c : cases) expectRelevantWithPlaces(c.file, c.quote, c.places);
  // Outside a report on the arrangements these words alone stay under the bar.
  EXPECT_FALSE(extractor().analyseSentence("Passenger planes were late at the airport in Madrid.").relevant());
  // A stance is not a commitment: "remains committed to helping achieve the exchange of prisoners of war".
  const auto espreso = devsetReport("023_espreso.txt");
  EXPECT_TRUE(candidatePlacesWith(espreso, "the US confirmed it “remains committed to helping achieve the exchange").empty());
}

TEST(ExtractRound9, AnAnaphorAfterAnOpeningAttributionContinuesTheSubject) {
  const auto ps = devsetReport("067_ps-ua.txt");
  const auto s = sentenceWith(ps, "As noted by Kamil Grand, a former NATO official, these forces need to be strong enough "
                                  "that Russia cannot easily test them");
  EXPECT_TRUE(s.relevant());
  EXPECT_TRUE(candidatePlacesWith(ps, "these forces need to be strong enough that Russia cannot").count("Russia"));
  // An attribution with no anaphor after it continues nothing.
  const auto a = extractor().analyse(loadDocument(
      [] {
        const auto path = tempDir() / "round9_attribution.txt";
        std::ofstream(path) << "The coalition of the willing would deploy a reassurance force in Ukraine. "
                               "According to Reuters, Madrid hosted a football final.";
        return path;
      }()));
  ASSERT_FALSE(a.empty());
  EXPECT_FALSE(a.back().carriedOver);
}

TEST(ExtractRound9, HistoryRecalledIsAside) {
  const auto spot = devsetReport("042_spotmedia.txt");
  const std::string ramstein = "recalling the massive American airbase in Germany";
  const auto s = sentenceWith(spot, ramstein);
  for (const auto& m : s.places)
    if (gazetteer().place(m.place).name == "Germany") { EXPECT_TRUE(m.aside); }
  EXPECT_FALSE(candidatePlacesWith(spot, ramstein).count("Germany"));
  const std::string afghanistan = "mentioning the historic role of the base in supporting missions in Afghanistan";
  EXPECT_FALSE(candidatePlacesWith(spot, afghanistan).count("Afghanistan"));
}

TEST(ExtractRound9, TroopCountsByNumberingAndByANewLevel) {
  const std::string brigade = "the combat brigade, numbering about 3,000 people and stationed in Romania";
  auto found = findQuantities(brigade, 0, brigade.size());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, QuantityKind::Troops);
  EXPECT_EQ(found[0].text, "about 3,000 people");
  EXPECT_EQ(found[0].max.value_or(-1), 3000);
  const std::string level = "The number of American troops in Romania is expected to decrease to about 1,000 after the "
                            "withdrawal";
  found = findQuantities(level, 0, level.size());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, QuantityKind::Troops);
  EXPECT_EQ(found[0].max.value_or(-1), 1000);
  // Without a count of troops named before it, a new level is any number; "numbering" before a thing is no force.
  for (std::string text : {"prices are expected to decrease to about 1,000 after the winter",
                           "a library numbering 3,000 books"})
    for (const auto& q : findQuantities(text, 0, text.size())) EXPECT_NE(q.kind, QuantityKind::Troops) << text;
}

TEST(ExtractRound9, AnAnaphorAfterAReportingVerbContinuesTheSubject) {
  // "<speaker> said the change …", "experts warn that these plans …", and a step of a drawdown named as such.
  const auto aerospace = devsetReport("036_defense-aerospace.txt");
  for (const std::string quote : {"Romania’s defence ministry said the change was expected.", "Romania confirmed the first step."}) {
    const auto s = sentenceWith(aerospace, quote);
    EXPECT_TRUE(s.relevant()) << quote;
    EXPECT_TRUE(s.carriedOver) << quote;
    EXPECT_EQ(candidatePlacesWith(aerospace, quote), std::set<std::string>{"Romania"}) << quote;
  }
  expectRelevantWithPlaces("067_ps-ua.txt",
                           "However, experts warn that these plans hinge on successful peace negotiations with Russia",
                           {"Russia", "Ukraine"});
}

TEST(ExtractRound9, APersonContinuesTheSubjectOnlyInWordsOfTheArrangements) {
  // "He noted …" with nothing of the arrangements is the speaker going on about something else.
  const auto unn = devsetReport("006_unn.txt");
  const std::string noted = "He noted that Ukraine is working quickly";
  EXPECT_FALSE(sentenceWith(unn, noted).relevant());
  EXPECT_TRUE(candidatePlacesWith(unn, noted).empty());
  // "deploy military personnel" is a word of the arrangements: the person still continues the subject.
  expectRelevantWithPlaces("026_bne-intellinews.txt",
                           "He also reiterated that Romania would not deploy military personnel to Ukraine",
                           {"Romania", "Ukraine"});
}

TEST(ExtractRound9, WordsOfTheForceAndOfTheUSPostureFromHalfB) {
  expectRelevantWithPlaces("046_britain-herald.txt",
                           "emphasised the importance of establishing a “credible force” to ensure Ukraine", {"Ukraine"});
  const auto kursiv = devsetReport("034_kursiv-media.txt");
  const std::string theater = "the recalibration allows the U.S. to maintain a robust theater presence";
  EXPECT_EQ(sentenceWith(kursiv, theater).optionId(), std::string("us_backstop"));
  EXPECT_EQ(candidatePlacesWith(kursiv, theater), std::set<std::string>{"United States"});
  // A troop number of the US is the US posture, not the European force.
  const auto headline = sentenceWith(devsetReport("036_defense-aerospace.txt"), "Romania Confirms About 1,000 US Personnel Will Stay");
  EXPECT_EQ(headline.optionId(), std::string("us_backstop"));
}

TEST(ExtractRound9, APlantCalledByItsTownInTheSettlementsTermsIsThePlant) {
  const auto nucnet = devsetReport("039_nucnet.txt");
  const std::string output = "the Ukrainian government has proposed Ukraine would receive 50% of the electricity output from "
                             "Zaporizhzhia and the US would control the other 50% of the plant";
  const auto places = candidatePlacesWith(nucnet, output);
  EXPECT_TRUE(places.count("Zaporizhzhia NPP"));
  EXPECT_FALSE(places.count("Zaporizhzhia"));
  for (const auto& m : sentenceWith(nucnet, output).places)
    if (gazetteer().place(m.place).name == "Zaporizhzhia NPP") {  // the site near Enerhodar, not the city 50 km away
      EXPECT_LT(kilometres(gazetteer().place(m.place).where, {34.5853, 47.5119}), 5);
    }
  // Regions joined before "oblasts" stay the regions.
  const auto star = devsetReport("038_evening-star.txt");
  EXPECT_TRUE(candidatePlacesWith(star, "Donetsk, Luhansk, Zaporizhzhia, and Kherson oblasts").count("Zaporizhzhia Oblast"));
}

TEST(ExtractRound9, DatelineCountriesQuotedTitlesAndTheMinskAgreementsAreNotPlacesOfTheArrangement) {
  const auto star = devsetReport("021_star-tribune.txt");
  const auto dateline = sentenceWith(star, "KYIV, Ukraine — The United States said Tuesday an agreement was reached");
  for (const auto& m : dateline.places) {
    const auto& name = gazetteer().place(m.place).name;
    if (name == "Kyiv" || name == "Ukraine") { EXPECT_TRUE(m.aside) << name; }
  }
  const auto spot = devsetReport("042_spotmedia.txt");
  const std::string titled = "the co-author of the article titled \"Romania Holds the Key to Ukraine Peacekeeping\"";
  EXPECT_TRUE(candidatePlacesWith(spot, titled).empty());
  const auto liga = devsetReport("056_liga-net.txt");
  EXPECT_FALSE(candidatePlacesWith(liga, "the Paris Declaration \"Reliable Security Assurances for a Lasting and Durable "
                                         "Peace in Ukraine\" was signed").count("Ukraine"));
  const auto guardian = devsetReport("013_the-guardian.txt");
  EXPECT_FALSE(candidatePlacesWith(guardian, "as part of the Minsk agreements of 2014 and 2015").count("Minsk"));
}

TEST(ExtractRound9, ACeasefireWithADurationIsTheTruceUnderNegotiation) {
  const auto pravda = devsetReport("011_ukrainska-pravda.txt");
  const std::string introduce = "Ukraine announced its readiness to introduce a 30-day ceasefire if Russia also adheres to it.";
  EXPECT_FALSE(sentenceWith(pravda, introduce).relevant());
  EXPECT_TRUE(candidatePlacesWith(pravda, introduce).empty());
  // Monitoring it is an arrangement.
  const auto bne = devsetReport("026_bne-intellinews.txt");
  const std::string monitor = "monitor compliance with a potential 30-day ceasefire";
  EXPECT_TRUE(sentenceWith(bne, monitor).relevant());
  EXPECT_TRUE(candidatePlacesWith(bne, monitor).count("Romania"));
}

TEST(ExtractRound9, ALevelComparedWithATroopNumberIsATroopNumber) {
  struct Case {
    std::string text;
    std::vector<double> troops;  // the max (else the min) of each troop number, in order
  };
  const std::vector<Case> cases = {
      {"About 1,000 US personnel will remain after a presence that peaked above 1,700 earlier this year.", {1000, 1700}},
      {"European nations would struggle to collectively muster 25,000 troops — far short of the 64,000 originally proposed",
       {25000, 64000}},
      {"The number of American troops in Romania is expected to decrease to about 1,000 after the withdrawal, compared "
       "with 1,700 in April", {1000, 1700}},
      // Without a troop number before it, a compared number is anything.
      {"Prices fell to 900, compared with 1,700 in April.", {}},
  };
  for (const auto& c : cases) {
    const auto s = extractor().analyseSentence(c.text);
    std::vector<double> found;
    for (const auto& q : s.quantities)
      if (q.kind == QuantityKind::Troops) found.push_back(q.max.value_or(q.min.value_or(-1)));
    EXPECT_EQ(found, c.troops) << c.text;
  }
}

// ---- Round 11: classes read on halves C and D (tuned on from round 11, when the fresh half E was labelled), each
// sentence quoted from a report of half C or D.
TEST(ExtractRound11, PhrasingsOfNewPublishersScoreAsRelevant) {
  const std::vector<RelevantCase> cases = {
      // a hyphen separates words: "peace-keeping" is read as "peace keeping"
      {"094_evening-standard.txt", "Britain is stepping up action this week for Europe to provide a peace-keeping force",
       {"United Kingdom"}},
      // who takes part, in other words
      {"047_b2b-local.txt", "a number of countries including Ireland, Canada, and Australia have suggested they would "
                            "participate in the group", {"Ireland", "Canada", "Australia"}},
      {"060_news-pravda.txt", "A large group of EU countries, including Ireland, Luxembourg and Belgium, have not ruled out "
                              "their participation in possible forces", {"Ireland", "Luxembourg", "Belgium"}},
      // planners' words, and an air protection mission by its name
      {"092_10-downing-street.txt", "Discussions will continue around military planning of air, sea and land forces that "
                                    "would be required to support a just and lasting peace in Ukraine.", {"Ukraine"}},
      {"089_the-gaze.txt", "Europe Could Establish 'Sky Shield' to Protect Ukraine Independently of NATO", {"Ukraine"}},
  };
  for (const auto& c : cases) expectRelevantWithPlaces(c.file, c.quote, c.places);
  // The warning in other words: "lawful military targets".
  const auto warning = sentenceWith(devsetReport("083_axadle-times.txt"),
                                    "Russia warns foreign forces in Ukraine would be lawful military targets");
  EXPECT_TRUE(warning.relevant());
  EXPECT_EQ(warning.optionId(), std::string("deterrents_and_red_lines"));
  // A plant in the settlement's terms: "special status", "peace agreement" (relevant, no option).
  const auto iaea = sentenceWith(devsetReport("090_front-news-georgia.txt"),
                                 "IAEA: Zaporizhzhia Nuclear Plant will require ‘special status’ if peace agreement is reached");
  EXPECT_TRUE(iaea.relevant());
  EXPECT_EQ(iaea.option, -1);
}

TEST(ExtractRound11, TheNordicAndBalticCountriesAreTheirMembers) {
  const auto doc = devsetReport("101_nordisk-post.txt");
  const auto places = candidatePlacesWith(doc, "Foreign Ministers from the Nordic and Baltic countries");
  for (const std::string member : {"Denmark", "Finland", "Iceland", "Norway", "Sweden", "Estonia", "Latvia", "Lithuania"})
    EXPECT_TRUE(places.count(member)) << member;
}

TEST(ExtractRound11, ACoalitionsMeetingIsWhoMetNotWhatWasArranged) {
  // The body's name in a sentence about its meeting weighs little: who met, when and where.
  EXPECT_FALSE(sentenceWith(devsetReport("091_gov-uk.txt"), "The Coalition of the Willing will meet tomorrow as world "
                                                            "leaders drive forward action").relevant());
  EXPECT_FALSE(sentenceWith(devsetReport("082_inquirer.txt"), "Macron spoke after a meeting in Paris of the so-called "
                                                              "Coalition of the Willing").relevant());
  EXPECT_FALSE(sentenceWith(devsetReport("079_forces-news.txt"), "The publication comes ahead of the next meeting of the "
                                                                 "Coalition of the Willing in Brussels").relevant());
  // A meeting where the arrangement itself is said stays relevant.
  EXPECT_TRUE(sentenceWith(devsetReport("049_einnews.txt"), "Sir Keir Starmer thrashed out plans for a western "
                                                            "peacekeeping force of more than 10,000 troops").relevant());
}

TEST(ExtractRound11, AMeetingsVenueInTheFormsReportersUse) {
  auto asideNames = [](const SentenceAnalysis& s) {
    std::set<std::string> out;
    for (const auto& m : s.places)
      if (m.aside) out.insert(gazetteer().place(m.place).name);
    return out;
  };
  // "Following the Paris meeting": the place before the noun.
  const auto axy = devsetReport("086_axy-media.txt");
  const std::string bases = "Following the Paris meeting, U.K. Prime Minister Keir Starmer said that partners plan to "
                            "establish military bases across Ukraine";
  EXPECT_EQ(asideNames(sentenceWith(axy, bases)), std::set<std::string>{"Paris"});
  EXPECT_EQ(candidatePlacesWith(axy, bases), (std::set<std::string>{"United Kingdom", "Ukraine"}));
  // "in Paris for a meeting", and the first "in" after "meets".
  EXPECT_TRUE(asideNames(sentenceWith(devsetReport("094_evening-standard.txt"),
                                      "Defence Secretary John Healey will also be in Paris for a meeting")).count("Paris"));
  EXPECT_TRUE(asideNames(sentenceWith(devsetReport("092_10-downing-street.txt"),
                                      "Prime Minister meets Coalition of the Willing in Paris")).count("Paris"));
  // Talks are named by their parties: "initial UK-France talks" keeps France.
  EXPECT_TRUE(candidatePlacesWith(devsetReport("002_euromaidan-press.txt"),
                                  "The Coalition has grown from initial UK-France talks to 35 countries").count("France"));
  // After "met", the purpose ends the search: a place of the arrangement after "to" is kept.
  const auto s = extractor().analyseSentence("Zelensky met European leaders to discuss deploying troops in Ukraine after a ceasefire.");
  EXPECT_TRUE(asideNames(s).empty());
}

TEST(ExtractRound11, AChainOfContinuationsFades) {
  // A sentence at the bar (Witkoff's "security protocols"), a continuation ("And President Volodymyr Zelensky said it
  // was …"), and the continuation of that continuation, which is no longer lifted to the bar (labelled not relevant).
  // (Until round 17 this was Skyline's commentary after "accept an unstable ceasefire", which is now a ceasefire sought
  // and not at the bar; its chain then continues an earlier sentence.)
  // The chain is the rules' (rulesRelevance). Since round 26 the learned relevance has the last word, and it takes
  // Witkoff's sentence, and so the chain, out: the labels call it not relevant.
  const auto kyivIndependent = devsetReport("029_kyiv-independent.txt");
  const auto second = sentenceWith(kyivIndependent, "And President Volodymyr Zelensky said it was a");
  EXPECT_GE(second.rulesRelevance, kMinRelevance);
  EXPECT_TRUE(second.carriedOver);
  const auto third = sentenceWith(kyivIndependent, "All of this is supposed to be after peace");
  EXPECT_TRUE(third.carriedOver);
  EXPECT_LT(third.rulesRelevance, kMinRelevance);
  EXPECT_FALSE(sentenceWith(kyivIndependent, "Witkoff said work on agreeing security protocols").relevant());
  EXPECT_FALSE(second.relevant());
  EXPECT_FALSE(third.relevant());
  // A continuation of a sentence relevant by itself still is (round 5).
  const auto first = sentenceWith(devsetReport("036_defense-aerospace.txt"), "Romania confirmed the first step.");
  EXPECT_TRUE(first.relevant());
  EXPECT_TRUE(first.carriedOver);
}

TEST(ExtractRound11, SanctionsAndHistoryAreNotTheArrangement) {
  // Sanctions, insurance and payment systems with no truce taking effect: the Black Sea's words do not count.
  EXPECT_FALSE(sentenceWith(devsetReport("022_saudi-gazette.txt"),
                            "The United States will help restore Russia’s access to the world market").relevant());
  // "vital exports like grain" is the sea's trade, not sanctions: the grain deal stays relevant.
  expectRelevantWithPlaces("025_banglanews24.txt", "The Black Sea grain deal, which initially allowed safe passage for "
                                                   "vital exports like grain and sunflower oil", {"Black Sea", "Russia"});
  // "since" before a word of war opens history; without one ("since 2022") it does not.
  const auto gaze = sentenceWith(devsetReport("089_the-gaze.txt"), "Previous versions of the plan have been discussed "
                                                                   "without any progress since Russia launched");
  for (const auto& m : gaze.places) EXPECT_TRUE(m.aside) << gazetteer().place(m.place).name;
  EXPECT_TRUE(candidatePlacesWith(devsetReport("064_pravda-ru.txt"), "U.S. forces had been stationed in Jasionka "
                                                                     "temporarily since 2022").count("Rzeszów-Jasionka"));
}

// ---- Round 13: classes read on half E (tuned on from round 13, when the fresh half F was labelled), each sentence
// quoted from a report of half E.
TEST(ExtractRound13, ForcesAndTheUSRoleInOtherWordsScoreAsRelevant) {
  const std::vector<RelevantCase> cases = {
      // forces for troops
      {"103_belga-news-agency.txt", "European countries agree to deploy forces to Ukraine if peace deal is reached",
       {"Ukraine"}},
      // the US role by other nouns
      {"109_asb-media.txt", "The need for U.S. support is also a significant factor.", {"United States"}},
      // who will not send troops
      {"109_asb-media.txt", "Poland, Croatia, and Italy are outright against deployments, fearing direct confrontation "
                            "with Russia.", {"Poland", "Croatia", "Italy", "Russia"}},
      // a buffer zone in other words
      {"121_voennoe-delo.txt", "carving out a strip of land inside Ukraine", {"Ukraine"}},
  };
  for (const auto& c : cases) expectRelevantWithPlaces(c.file, c.quote, c.places);
}

TEST(ExtractRound13, AnAttackAfterAnArrangementIsTheWarUnlessItSaysHowTheArrangementFared) {
  // Right after a relevant sentence an attack is kept only with a word of contrast ("However, … anyway").
  EXPECT_FALSE(sentenceWith(devsetReport("114_maritime-executive.txt"), "The most recent strike occurred last week").relevant());
  EXPECT_FALSE(sentenceWith(devsetReport("123_radio-moldova.txt"), "On Friday, Russia attacked two Ukrainian ports").relevant());
  const auto doc = documentFromBytes("fixture.txt",
      "Türkiye attempted to ensure the safety of the maritime corridor in the Black Sea for Ukraine's grain exports. "
      "However, Russia continued its strikes on Ukraine's Odesa port anyway.");
  // The rule is the rules' (rulesRelevance): since round 30 the learned relevance, retrained on A to V, weighs this
  // sentence at 0.487, just under the bar (the bundled labels call it relevant; app/extract/README.md, "Round 30").
  bool contrastKept = false;
  for (const auto& s : extractor().analyse(doc))
    if (doc.text.substr(s.start, 7) == "However") contrastKept = s.rulesRelevance >= kMinRelevance;
  EXPECT_TRUE(contrastKept);
}

TEST(ExtractRound13, TakingPartInAMeetingIsTakingPartInTheMeeting) {
  EXPECT_FALSE(sentenceWith(devsetReport("106_citynews.txt"), "Carney took part virtually in a meeting").relevant());
  // Without a meeting, taking part is taking part in the force (round 11).
  EXPECT_TRUE(sentenceWith(devsetReport("047_b2b-local.txt"), "have suggested they would participate in the group").relevant());
}

TEST(ExtractRound13, AModelNamedFarAfterItsMarkerIsStillAnotherPlace) {
  // "modeled on" reaches twelve words: the Baltic states' air policing is the model, not where the mission would be.
  const auto s = sentenceWith(devsetReport("115_novinite.txt"), "The proposed mission could be modeled on NATO’s existing "
                                                                "air patrol operations in the Baltic states.");
  ASSERT_FALSE(s.places.empty());
  for (const auto& m : s.places) EXPECT_TRUE(m.aside) << gazetteer().place(m.place).name;
}

// Round 14: tuned on half F (reports 126-148), each class with sentences of the reports, as published.
TEST(ExtractRound14, AForceSentInAnyTenseOrVoiceIsAboutTheForce) {
  const std::vector<RelevantCase> cases = {
      // a verb of sending and a force's noun, a few words apart, in the words of three publishers
      {"135_izvestia.txt", "The Estonian parliament declared the inadmissibility of sending military personnel to Ukraine",
       {"Ukraine"}},
      {"126_anadolu-agency.txt", "His remarks come amid the opposition's demand that Australian troops should not be "
                                 "dispatched to Ukraine", {"Ukraine"}},
      {"137_attittude-blogger.txt", "Only the UK, France, and Estonia have officially said they would commit ground forces.",
       {"United Kingdom", "France", "Estonia"}},
  };
  for (const auto& c : cases) expectRelevantWithPlaces(c.file, c.quote, c.places);
  const auto s = sentenceWith(devsetReport("135_izvestia.txt"), "sending military personnel to Ukraine");
  EXPECT_NE(std::find(s.cues.begin(), s.cues.end(), "a force sent"), s.cues.end());
  // Without the verb the noun alone stays weak: troops taken out of a country are not a force sent anywhere.
  EXPECT_LT(extractor().analyseSentence("The soldiers returned home to Estonia last year.").relevance, kMinRelevance);
}

TEST(ExtractRound14, TheLeadOfAReportOnTheUSPostureMakesItAboutTheArrangements) {
  // Metro Observer names Ukraine once, at its end: its lead ("a strong military presence in Poland") and one more
  // sentence on the posture make the report one about the arrangements.
  expectRelevantWithPlaces("144_metro-observer.txt",
                           "President Donald Trump has reaffirmed the United States’ commitment to maintaining a strong "
                           "military presence in Poland", {"United States", "Poland"});
  expectRelevantWithPlaces("144_metro-observer.txt",
                           "When asked whether the U.S. planned to continue its military presence in Poland",
                           {"United States", "Poland"});
}

TEST(ExtractRound14, ACitysDatelineWithAColonOrItsDistrictIsAside) {
  for (const auto& [file, quote, city] :
       {std::tuple{"138_pulse-news.txt", "Moscow: Russian Foreign Minister Sergey Lavrov has warned", "Moscow"},
        std::tuple{"142_news-usa-hub.txt", "Washington D.C. - The Pentagon is evaluating a plan", "Washington"}}) {
    const auto s = sentenceWith(devsetReport(file), quote);
    EXPECT_TRUE(s.relevant()) << quote;
    bool found = false;
    for (const auto& m : s.places)
      if (gazetteer().place(m.place).name == city) {
        found = true;
        EXPECT_TRUE(m.aside) << quote;
      }
    EXPECT_TRUE(found) << quote;
  }
  // A country's heading with a colon is no dateline ("United Kingdom: The UK is set to host …", half A).
  const auto heading = sentenceWith(devsetReport("046_britain-herald.txt"), "United Kingdom: The UK is set to host");
  ASSERT_FALSE(heading.places.empty());
  EXPECT_FALSE(heading.places.front().aside);
}

TEST(ExtractRound14, UkrainesNatoMembershipIsAGuaranteeUnderDiscussion) {
  expectRelevantWithPlaces("138_pulse-news.txt", "Washington has also hinted that Ukraine’s NATO aspirations may not be "
                                                 "realistic.", {"Washington", "Ukraine"});
  expectRelevantWithPlaces("131_ifp-news.txt", "Russia has long opposed the idea of Ukraine being admitted to NATO",
                           {"Russia", "Ukraine"});
}

TEST(ExtractRound14, ATroopNumberWithATypesetHyphenIsATroopNumber) {
  // Analyze.news writes U+2011 NON-BREAKING HYPHEN: "maintaining an 800,000‑strong army".
  const auto s = sentenceWith(devsetReport("134_analyze-news.txt"), "maintaining an 800,000\u2011strong army");
  ASSERT_EQ(s.quantities.size(), 1u);
  EXPECT_EQ(s.quantities[0].kind, QuantityKind::Troops);
  EXPECT_EQ(s.quantities[0].max.value_or(-1), 800000.0);
  for (std::string text : {"a 10\u2010strong team", "a 25,000\u2011strong force"}) {
    const auto found = findQuantities(text, 0, text.size());
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].kind, QuantityKind::Troops) << text;
    EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start), found[0].text) << text;
    EXPECT_NE(found[0].text.find("strong"), std::string::npos) << text;
  }
  // An en dash between numbers stays a range ("25–30 thousand"), not a unit.
  const std::string range = "25\u201330 thousand troops";
  const auto found = findQuantities(range, 0, range.size());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].min.value_or(-1), 25000.0);
}

// Round 15: tuned on halves A to G (G, reports 149-170, read for the first time), H held out.
TEST(ExtractRound15, ThisInitiativeAnywhereInASentenceContinuesTheArrangement) {
  // "this", "these" or "such (a)" and a noun of the arrangement, anywhere, after a relevant sentence.
  const std::vector<RelevantCase> cases = {
      {"168_time-ukraine-israel.txt", "Russia has already expressed its strong opposition to this initiative.", {"Russia"}},
      {"141_usa-news-posts.txt", "Zelensky signaled doubts that Moscow would agree to such an arrangement.", {"Moscow"}},
      {"137_attittude-blogger.txt", "this plan needs the United States.", {"United States"}},
  };
  for (const auto& c : cases) expectRelevantWithPlaces(c.file, c.quote, c.places);
  const auto s = sentenceWith(devsetReport("168_time-ukraine-israel.txt"), "strong opposition to this initiative");
  EXPECT_TRUE(s.carriedOver);
  // The body itself is not what it agreed: "the recent meeting of this coalition" (half B, labelled not relevant).
  EXPECT_FALSE(sentenceWith(devsetReport("009_britcan-news.txt"), "a U.S. delegation attended the recent meeting of this "
                                                                  "coalition").relevant());
  // Nor is a reference with nothing relevant before it.
  const auto doc = documentFromBytes("fixture.txt", "The weather in Kyiv was mild on Monday. Russia opposed this plan.");
  for (const auto& sentence : extractor().analyse(doc)) EXPECT_FALSE(sentence.relevant());
}

TEST(ExtractRound15, AnAbbreviationThatClosesABracketDoesNotEndTheSentence) {
  // Sarajevo Times: "… following comments by the United States (U.S.) President Donald Trump, who claimed that Russia
  // would accept such a move." is one sentence, and its Russia is a place of the arrangement.
  const auto report = devsetReport("166_sarajevo-times.txt");
  const std::string opening = "The Kremlin on Tuesday reiterated its opposition";
  const auto s = sentenceWith(report, opening);
  EXPECT_TRUE(s.relevant());
  EXPECT_NE(report.text.substr(s.start, s.end - s.start).find("who claimed that Russia would accept such a move."),
            std::string::npos);
  EXPECT_EQ(candidatePlacesWith(report, opening), (std::set<std::string>{"Ukraine", "United States", "Russia"}));
  // A closing quote after an abbreviation may still end a sentence.
  const auto quoted = documentFromBytes("fixture.txt", "Kyiv said: “We rely on the U.S.” Then Moscow objected.");
  const auto sentences = extractor().analyse(quoted);
  ASSERT_FALSE(sentences.empty());
  EXPECT_EQ(quoted.text.substr(sentences.front().start, sentences.front().end - sentences.front().start),
            "Kyiv said: “We rely on the U.S.”");
}

TEST(ExtractRound15, USForcesInACountryThatHostsTheBackstopAreTheBackstopWithoutTheWar) {
  // DC Watchdog never names Ukraine, Russia or NATO: its report on cancelled rotations is about the US posture itself.
  expectRelevantWithPlaces("160_dc-watchdog.txt", "the Pentagon quietly scrapped planned troop rotations to Poland and "
                                                  "Germany", {"Poland", "Germany", "Washington"});
  expectRelevantWithPlaces("160_dc-watchdog.txt", "Pentagon canceled planned deployments to Poland and Germany",
                           {"Poland", "Germany"});
  // A host named without the US forces stays out ("Lawmakers said Poland was blindsided", labelled not relevant).
  EXPECT_FALSE(sentenceWith(devsetReport("160_dc-watchdog.txt"), "Lawmakers said Poland was blindsided").relevant());
}

TEST(ExtractRound15, AModifierLetterApostropheAndAnotherTransliterationAreRead) {
  // Babel writes U+02BC for the apostrophe: "Germanyʼs defense minister".
  expectRelevantWithPlaces("151_babel.txt", "However, Germany\u02bcs defense minister later said he was open to the idea",
                           {"Germany", "Ukraine"});
  // RKS News: "near Mikolayiv, Kherson, and Pivdennyi" (Mykolaiv).
  const auto s = sentenceWith(devsetReport("148_rks-news.txt"), "particularly near Mikolayiv, Kherson, and Pivdennyi");
  bool mykolaiv = false;
  for (const auto& m : s.places) mykolaiv = mykolaiv || gazetteer().place(m.place).name == "Mykolaiv";
  EXPECT_TRUE(mykolaiv);
}

TEST(ExtractRound15, ANationSendingTroopsIsWhoContributesNotTheForce) {
  // The devset's convention: who sends troops is `contributors`; a force sent by a named nation was the force's.
  for (const auto& [file, quote] :
       {std::pair{"135_izvestia.txt", "Michal announced that Estonia was ready to send a company of soldiers to Ukraine"},
        std::pair{"137_attittude-blogger.txt", "Only the UK, France, and Estonia have officially said they would commit "
                                               "ground forces."},
        std::pair{"126_anadolu-agency.txt", "the opposition's demand that Australian troops should not be dispatched"}}) {
    const auto s = sentenceWith(devsetReport(file), quote);
    EXPECT_TRUE(s.relevant()) << quote;
    EXPECT_STREQ(s.optionId(), "contributors") << quote;
    EXPECT_NE(std::find(s.cues.begin(), s.cues.end(), "a nation's troops"), s.cues.end()) << quote;
  }
  // A sentence that names the force as a whole keeps the force's option, nations or not.
  const auto named = extractor().analyseSentence(
      "The UK is ready to send troops to Kiev as part of a reassurance force of 25–30 thousand troops.");
  EXPECT_STREQ(named.optionId(), "reassurance_force");
}

TEST(ExtractRound15, RussiaRefusingTheForceIsItsRedLine) {
  for (const auto& [file, quote] :
       {std::pair{"055_link4din.txt", "Moscow has long resisted the notion of NATO-allied troops in Ukraine."},
        std::pair{"168_time-ukraine-israel.txt", "Russian Foreign Minister Sergei Lavrov said that Moscow would not agree "
                                                 "to the deployment of any foreign troops in Ukraine"}}) {
    const auto s = sentenceWith(devsetReport(file), quote);
    EXPECT_TRUE(s.relevant()) << quote;
    EXPECT_STREQ(s.optionId(), "deterrents_and_red_lines") << quote;
  }
  // Others refusing to send their own troops are not Russia's red line (half A, labelled the force).
  const auto others = extractor().analyseSentence("All the governments involved refuse to deploy troops in active "
                                                  "conflict with Russia.");
  EXPECT_STRNE(others.optionId(), "deterrents_and_red_lines");
}

TEST(ExtractRound15, APeacekeepingForceForUkraineIsTheReassuranceForce) {
  // Reports call the coalition's force a peacekeeping force; the concepts compared keep their own words.
  const auto s = sentenceWith(devsetReport("126_anadolu-agency.txt"),
                              "Planning for a peacekeeping force for Ukraine will move to an \"operational phase,\"");
  EXPECT_TRUE(s.relevant());
  EXPECT_STREQ(s.optionId(), "reassurance_force");
  EXPECT_STREQ(extractor().analyseSentence("A tripwire force of a few hundred troops would deter Russia from attacking "
                                           "Ukraine again.").optionId(),
               "force_concepts");
}

// A devset sentence that is relevant with the given option (round 16's option rules).
void expectRelevantWithOption(const std::string& file, const std::string& quote, const char* option) {
  const auto s = sentenceWith(devsetReport(file), quote);
  EXPECT_TRUE(s.relevant()) << quote;
  EXPECT_STREQ(s.optionId(), option) << quote;
}

TEST(ExtractRound16, ASentenceOnTheOccasionOfAStatementContinuesNoSubject) {
  // Right after a relevant sentence, these point back at it but tell only when, where or to whom (labelled not relevant).
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"188_menafn.txt", "The decision came during the Coalition of the Willing summit"},
           {"051_hvylya.txt", "French President Emmanuel Macron announced the move during a press conference"},
           {"183_militarnyi.txt", "Axios reported this, citing sources."},
       }) {
    const auto s = sentenceWith(devsetReport(file), quote);
    EXPECT_FALSE(s.relevant()) << quote;
    EXPECT_FALSE(s.carriedOver) << quote;
  }
  EXPECT_TRUE(candidatePlacesWith(devsetReport("188_menafn.txt"), "The decision came during").empty());
  // What was said, quoted at the occasion, still continues the subject (labelled relevant).
  EXPECT_TRUE(sentenceWith(devsetReport("192_upday.txt"), "Speaking during the call on the last day").relevant());
  EXPECT_TRUE(sentenceWith(devsetReport("138_pulse-news.txt"), "This is, of course, unacceptable to us,").relevant());
  // So does the arrangement named at the occasion.
  const auto doc = documentFromBytes("fixture.txt", "Britain wants a US backstop for the reassurance force in Ukraine. "
                                                    "Starmer will meet Trump in Washington next week to push for this "
                                                    "commitment.");
  const auto sentences = extractor().analyse(doc);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_TRUE(sentences[1].relevant());
}

TEST(ExtractRound16, GuaranteesWithoutSecurityAndSecurityProtocolsAreTheGuarantees) {
  // World Today News and GDN Online name the guarantees without "security", or by Witkoff's word (labelled relevant).
  expectRelevantWithPlaces("185_world-today-news.txt", "The proposed guarantees, valid for ten years after signing",
                           {"United States", "Ukraine", "Kyiv"});
  expectRelevantWithPlaces("130_gdn-online.txt", "Those security protocols are meant to", {"Ukraine"});
  // The verb guarantees nothing of the kind.
  EXPECT_FALSE(extractor().analyseSentence("The bank will guarantee the loan to the Polish farmers.").relevant());
}

TEST(ExtractRound16, GuaranteesInGeneralHaveNoOptionAndTheUSGuaranteeIsTheBackstop) {
  // The devset's convention: general guarantees are relevant with no option; US guarantees are the US backstop.
  const auto general = sentenceWith(devsetReport("051_hvylya.txt"),
                                    "Allies are legally binding themselves to support Ukraine in the event");
  EXPECT_TRUE(general.relevant());
  EXPECT_EQ(general.option, -1);
  // The convention is the rules' (rulesRelevance): since round 30 the learned relevance weighs this sentence at 0.499,
  // just under the bar (labelled relevant; app/extract/README.md, "Round 30").
  const auto rbc = sentenceWith(devsetReport("017_rbc-ukraine.txt"), "with security guarantees for Ukraine,\" he said.");
  EXPECT_GE(rbc.rulesRelevance, kMinRelevance);
  EXPECT_EQ(rbc.rulesOption, -1);
  expectRelevantWithOption("053_komersant-ukrainskyi.txt",
                           "Rubio reiterated the U.S. readiness to participate in post-war security", "us_backstop");
  expectRelevantWithOption("086_axy-media.txt",
                           "The United States, for its part, agreed to take the most significant role yet",
                           "us_backstop");
}

TEST(ExtractRound16, TheUSAsTheSubjectIsTheBackstopAndTakingPartIsWhoContributes) {
  // What the US gives the force or withholds from it is the backstop (labelled us_backstop).
  expectRelevantWithOption("018_daily-herald.txt", "The US is refusing to provide air defenses to back the",
                           "us_backstop");
  expectRelevantWithOption("155_gaya-one.txt",
                           "The United States is evolving its policy by pledging air and intelligence support",
                           "us_backstop");
  // Who takes part in the force contributes (labelled contributors).
  expectRelevantWithOption("047_b2b-local.txt", "Over 30 countries are prepared to contribute to the", "contributors");
  expectRelevantWithOption("060_news-pravda.txt",
                           "Denmark and Sweden have also said they are ready to contribute their forces",
                           "contributors");
  // The force itself, with no one taking part and the US not its subject, stays the force.
  EXPECT_STREQ(extractor().analyseSentence("The reassurance force would be based away from the front line in Ukraine.")
                   .optionId(),
               "reassurance_force");
}

TEST(ExtractRound16, ACeasefireAsTheTimeOfTheForceIsNotItsMonitoring) {
  // The ceasefire says when the force acts (labelled reassurance_force), not that it is monitored.
  expectRelevantWithOption("049_einnews.txt", "In the event of a ceasefire between Russian and Ukraine, it would deter",
                           "reassurance_force");
  expectRelevantWithOption("050_hamidiz.txt",
                           "The missions were made to form a plan of how to enforce a post-ceasefire force.",
                           "reassurance_force");
  // Its violations are the ceasefire's monitoring.
  EXPECT_STREQ(extractor()
                   .analyseSentence("Observers would record violations of the ceasefire along the front in "
                                    "Ukraine.")
                   .optionId(),
               "buffer_zone");
}

TEST(ExtractRound16, PullingTroopsBackOnBothSidesIsTheBufferZone) {
  // Newser's report on a mutual withdrawal from Donetsk (labelled relevant, buffer_zone).
  for (const auto& [quote, places] : std::vector<std::pair<std::string, std::set<std::string>>>{
           {"Zelensky Suggests Both Sides Pull Troops Out of Donetsk", {"Donetsk"}},
           {"Ukraine said Tuesday it's ready to pull troops back from parts of the eastern front", {"Ukraine", "Russia"}},
       }) {
    expectRelevantWithPlaces("187_newser.txt", quote, places);
    EXPECT_STREQ(sentenceWith(devsetReport("187_newser.txt"), quote).optionId(), "buffer_zone") << quote;
  }
}

TEST(ExtractRound16, RussiaRefusingTheWestsForcesIsItsRedLine) {
  // CNews Live English (labelled relevant, deterrents_and_red_lines).
  for (const auto& [quote, places] : std::vector<std::pair<std::string, std::set<std::string>>>{
           {"Moscow’s opposition reflects its longstanding stance against NATO-linked deployments", {"Moscow"}},
           {"The Kremlin has previously labeled Western security proposals as “one-sided” and dangerous", {"Russia"}},
       }) {
    expectRelevantWithPlaces("172_cnews-live-english.txt", quote, places);
    EXPECT_STREQ(sentenceWith(devsetReport("172_cnews-live-english.txt"), quote).optionId(), "deterrents_and_red_lines");
  }
  // Russia refusing something else is not the arrangement.
  EXPECT_FALSE(extractor().analyseSentence("Russia rejected the new price cap on its oil exports.").relevant());
}

TEST(ExtractRound16, RussiasHybridAttacksOnEuropeAreTheWarNotAnArrangement) {
  // Delphi's paragraph on drones and cyberattacks (labelled not relevant) in a report about the US posture.
  for (const std::string quote : {"Moscow is testing NATO’s reaction in the Baltic states, Poland, and Romania",
                                  "Drones have appeared that block airports in Denmark",
                                  "Russia is not limiting its actions to the eastern flank countries"}) {
    EXPECT_FALSE(sentenceWith(devsetReport("175_delphi-grc.txt"), quote).relevant()) << quote;
    EXPECT_TRUE(candidatePlacesWith(devsetReport("175_delphi-grc.txt"), quote).empty()) << quote;
  }
  // An arrangement against them is still one.
  EXPECT_TRUE(extractor().analyseSentence("European fighter jets would patrol Ukrainian airspace to prevent drone "
                                          "incursions into Poland.").relevant());
}

TEST(ExtractRound17, WhereAnEventTookPlaceOrASpeakerWasIsNotAPlaceOfTheArrangement) {
  // Relevant sentences whose venue is labelled irrelevant; the arrangement's places stay.
  for (const auto& c : std::vector<RelevantCase>{
           {"103_belga-news-agency.txt", "according to a declaration of intent signed in Paris on Tuesday",
            {"Ukraine", "Russia"}},
           {"127_azzet.txt", "convened in Paris to consider options for Ukraine’s security", {"Ukraine", "Australia", "Japan"}},
           {"141_usa-news-posts.txt", "Speaking in Kyiv after a series of high-level briefings",
            {"Donetsk Oblast", "Zaporizhzhia NPP"}},
           {"208_onlytrusted-news.txt", "is being discussed in London.", {"Ukraine"}},
           {"171_brussels-times.txt", "During his visit to Washington, Trump confirmed", {"United States", "Poland", "Ukraine"}},
       })
    expectRelevantWithPlaces(c.file, c.quote, c.places);
  // Where the arrangement is, after the same words, is not a venue.
  EXPECT_EQ(placesIn("Troops would be sent to Odesa under the plan signed by the coalition."),
            std::vector<std::string>{"Odesa"});
}

TEST(ExtractRound17, ACeasefireSoughtIsTheDiplomacyBeforeItNotTheZoneAfterIt) {
  // Labelled not relevant: the ceasefire is what the parties negotiate, demand or hope for.
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"146_vietnam-vn.txt", "The US and Russia are actively negotiating a ceasefire in Ukraine."},
           {"091_gov-uk.txt", "stop the barbaric attacks on Ukraine, once and for all, and agree to a ceasefire now."},
           {"180_lbc.txt", "But, ceasefire hopes have been thrown into doubt"},
           {"205_london24-news.txt", "with the US said to be looking to strike a ceasefire deal by Easter."},
       }) {
    expectNotRelevant(file, quote);
  }
  // A ceasefire as the condition of an arrangement is still its time (labelled relevant, black_sea).
  expectRelevantWithPlaces("065_pravda-ru.txt", "but only if Moscow agrees to a ceasefire",
                           {"Ankara", "Russia", "Moscow", "Ukraine"});
  // So is a ceasefire kept and monitored.
  EXPECT_TRUE(extractor().analyseSentence("Monitors would patrol the ceasefire line between Russian and Ukrainian "
                                          "forces.").relevant());
}

TEST(ExtractRound17, SecurityGuaranteesAreTheSubjectEvenWhereNoOtherCueSaysSo) {
  // A headline and a report that name the guarantees and no force, zone or backstop (labelled relevant).
  expectRelevantWithPlaces("212_semafor.txt", "US, Europeans mull Ukraine security guarantees",
                           {"United States", "Ukraine"});
  expectRelevantWithPlaces("207_new-daily-prime.txt", "Russia has agreed in principle to allow the United States",
                           {"Russia", "United States", "Ukraine", "Washington"});
  // A loan guarantee is none.
  EXPECT_FALSE(extractor().analyseSentence("Poland will guarantee the loan for the new bridge.").relevant());
}

TEST(ExtractRound17, AForceInTheSingularThePluralAndPositionedIsStillAForce) {
  // Labelled relevant: one soldier sent, coalitions in the plural, troops positioned.
  expectRelevantWithPlaces("135_izvestia.txt", "Not a single Estonian soldier can be sent to Ukraine", {"Ukraine"});
  expectRelevantWithPlaces("201_european-policy-centre.txt", "Coalitions of the willing must be deployed to Ukraine",
                           {"Ukraine"});
  expectRelevantWithPlaces("214_the-washington-eye.txt", "By positioning several thousand troops at these facilities",
                           {"London", "Paris"});
  // A position taken is no force.
  EXPECT_FALSE(extractor().analyseSentence("Poland has positioned itself as a leader on energy prices.").relevant());
}

TEST(ExtractRound18, SecurityArrangementsAreGuaranteesInGeneral) {
  // Labelled relevant with no option: the diplomats' other word for the guarantees.
  expectRelevantWithPlaces("228_local-news-wave.txt", "any security arrangements for Ukraine should involve Moscow",
                           {"Ukraine", "Moscow"});
  EXPECT_STREQ(sentenceWith(devsetReport("228_local-news-wave.txt"), "any security arrangements for Ukraine").optionId(),
               "");
  // Arrangements of another kind are none.
  EXPECT_FALSE(extractor().analyseSentence("Poland changed the seating arrangements for the state dinner.").relevant());
}

TEST(ExtractRound18, ConsultationsCeremoniesAndForumsAreWhereAnEventTookPlace) {
  // The venues are labelled irrelevant places (235's sentence is labelled not relevant, 231's relevant).
  EXPECT_FALSE(candidatePlacesWith(devsetReport("235_protothema.txt"), "in the context of marathon consultations in "
                                                                       "Berlin").count("Berlin"));
  const auto pakistan = devsetReport("231_pakistan-today.txt");
  const std::string targets = "these will be legitimate targets for destruction,” Putin told an economic forum";
  EXPECT_TRUE(sentenceWith(pakistan, targets).relevant());
  EXPECT_TRUE(candidatePlacesWith(pakistan, targets).empty());
  // Only the venue is set aside: the place the force goes to stays.
  const auto ceremony = extractor().analyseSentence("The coalition would hold its ceremony in Kyiv once the force "
                                                    "deploys to Odesa.");
  ASSERT_EQ(ceremony.places.size(), 2u);
  for (const auto& m : ceremony.places)
    EXPECT_EQ(m.aside, gazetteer().place(m.place).name == "Kyiv") << gazetteer().place(m.place).name;
}

TEST(ExtractRound18, TheKakhovkaDamIsAtItsCitedSiteNotAtATown) {
  // 239 (labelled relevant, the place Kakhovka Dam): geodata/facilities.csv cites the dam's own coordinates.
  EXPECT_EQ(placesIn("- The plant's future is tied to rebuilding the Kakhovka Dam, which Russian forces destroyed in "
                     "June 2023"),
            std::vector<std::string>{"Kakhovka Dam"});
  EXPECT_LT(kilometres(placeNamed("Kakhovka Dam").where, {33.37151, 46.77614}), 5);
  EXPECT_EQ(placesIn("Engineers inspected the Kakhovka HPP."), std::vector<std::string>{"Kakhovka Dam"});
  EXPECT_EQ(placesIn("Water levels fell at the Kakhovska HPP."), std::vector<std::string>{"Kakhovka Dam"});
  // The town of Kakhovka, 9 km up the river, stays the town.
  EXPECT_EQ(placesIn("Shelling hit Kakhovka overnight."), std::vector<std::string>{"Kakhovka"});
}

TEST(ExtractRound18, TheRearOfANationIsItsTerritory) {
  // 227, labelled relevant with the place Ukraine: the force stands in the rear, away from the front.
  expectRelevantWithPlaces("227_hubu-news.txt", "international troops would be deployed in the Ukrainian rear",
                           {"Ukraine"});
  // The adjective before a noun that locates nothing names no place.
  EXPECT_TRUE(placesIn("Ukrainian officers would train the new recruits.").empty());
}

TEST(ExtractRound18, ForcesPlacedAreAForceSent) {
  // 231, labelled relevant: Russia's reason for war, NATO placing its forces in Ukraine.
  expectRelevantWithPlaces("231_pakistan-today.txt", "and placing its forces in Ukraine", {"Russia", "Ukraine", "Kyiv"});
  // Placing anything else sends no force.
  EXPECT_FALSE(extractor().analyseSentence("Kyiv placed an order for new trams from Poland.").relevant());
}

TEST(ExtractRound18, TheGuaranteeAsTheProtectionsItGives) {
  // Labelled relevant: protections extended, the American protection, Article Five spelt out.
  expectRelevantWithPlaces("224_commersant-ge.txt", "extending NATO-style protections to Kyiv", {"Kyiv"});
  EXPECT_STREQ(sentenceWith(devsetReport("224_commersant-ge.txt"), "extending NATO-style protections").optionId(), "");
  expectRelevantWithPlaces("195_am1-news.txt", "that American protection of Ukraine be conditioned",
                           {"Ukraine", "United States", "Enerhodar", "Zaporizhzhia"});
  expectRelevantWithPlaces("207_new-daily-prime.txt", "the United States could offer Article Five protection",
                           {"United States"});
  // Protections of another kind are none.
  EXPECT_FALSE(extractor().analyseSentence("Poland adopted new data protections for consumers.").relevant());
}

TEST(ExtractRound19, AForceWithdrawnIsTheUsPostureOrTheLinesOfASettlement) {
  // 255 (labelled relevant, us_backstop): the US keeping its troops in Poland, in the headline and in Trump's words.
  const auto moldova = devsetReport("255_moldova1.txt");
  expectRelevantWithPlaces("255_moldova1.txt", "US has no intention of pulling troops from Poland, says Trump",
                           {"United States", "Poland"});
  expectRelevantWithPlaces("255_moldova1.txt", "We have never considered the possibility of withdrawing troops from "
                                               "Poland.",
                           {"Poland"});
  EXPECT_STREQ(sentenceWith(moldova, "US has no intention of pulling troops from Poland").optionId(), "us_backstop");
  // 258 (labelled relevant, buffer_zone): Russian troops withdrawn from a region, the force's noun first.
  const std::string donbas = "Russian troops could be withdrawn from Ukraine’s Donbas region";
  expectRelevantWithPlaces("258_overview-press.txt", donbas, {"Russia", "Ukraine", "Donbas"});
  EXPECT_STREQ(sentenceWith(devsetReport("258_overview-press.txt"), donbas).optionId(), "buffer_zone");
  // Withdrawing anything but a force is none.
  EXPECT_FALSE(extractor().analyseSentence("Poland withdrew its ambassador from Minsk last year.").relevant());
}

TEST(ExtractRound19, TheMultinationalForceInThePluralAndTheUsPresence) {
  // 245 (labelled relevant, Ukraine): "the multinational military forces".
  expectRelevantWithPlaces("245_cccv-info.txt", "no Slovak soldier will go to the territory of Ukraine as part of the "
                                                "multinational military forces",
                           {"Ukraine"});
  // 255 (labelled relevant, us_backstop, United States and Poland): the US presence to expand.
  const std::string presence = "concrete proposals to expand the US presence in Poland were discussed";
  expectRelevantWithPlaces("255_moldova1.txt", presence, {"United States", "Poland"});
  EXPECT_STREQ(sentenceWith(devsetReport("255_moldova1.txt"), presence).optionId(), "us_backstop");
}

TEST(ExtractRound19, AQuoteThatOpensInLowerCaseIsASpeakersWordsNotATitle) {
  // 264 (labelled relevant with Ukraine): the declaration, then Starmer's words about it.
  expectRelevantWithPlaces("264_zerohedge.txt", "under which British, French and partner forces could operate on "
                                                "Ukrainian soil",
                           {"Ukraine"});
  // A title after the agreement's noun still names a text.
  const auto title = extractor().analyseSentence(
      "Leaders signed the Paris Declaration \"Reliable Security Assurances for a Lasting and Durable Peace in "
      "Ukraine\" on Tuesday.");
  const auto ukraine = std::find_if(title.places.begin(), title.places.end(), [](const auto& m) {
    return gazetteer().place(m.place).name == "Ukraine";
  });
  ASSERT_NE(ukraine, title.places.end());
  EXPECT_TRUE(ukraine->aside);
}

TEST(ExtractRound19, WhoAMeetingIncludesIsWhoMetNotWhoContributes) {
  // Labelled not relevant: the members of a meeting.
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"094_evening-standard.txt", "which includes Britain, France, Germany, Italy and Poland"},
           {"199_defense-news.txt", "the meeting includes military representatives from several countries"},
       }) {
    expectNotRelevant(file, quote);
  }
  // 065 (labelled relevant): who a project includes is who takes part in it.
  expectRelevantWithPlaces("065_pravda-ru.txt", "the secret project would initially include Ukraine and its regional "
                                                "neighbors",
                           {"Ukraine", "Romania", "Bulgaria", "Georgia"});
}

TEST(ExtractRound19, TheNewsASentenceIsSetAgainstDoesNotContinueItsSubject) {
  // Labelled not relevant: "this comes as" sets the subject against other news.
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"012_gamereactor.txt", "The initiative comes as Washington urges Moscow to accept a 30-day truce proposal"},
           {"185_world-today-news.txt", "This comes as the U.S. also presented a 28-point peace plan for Ukraine"},
       }) {
    expectNotRelevant(file, quote);
  }
  // 138 (labelled relevant, Ukraine): the news is itself about the arrangements, in their own words.
  expectRelevantWithPlaces("138_pulse-news.txt", "His remarks come as Western leaders discuss the possibility of "
                                                 "peacekeeping forces in Ukraine",
                           {"Ukraine"});
}

TEST(ExtractRound19, APhotoCaptionEndingOnPlaceAndDateArguesNothing) {
  // Labelled not relevant: captions of a picture, where and when it was taken.
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"173_crbc-news.txt", "Lavrov attends a meeting at the ministry headquarters in Moscow, Russia, February 2, "
                                 "2026."},
           {"238_rusi.txt", "for the Romanian Navy Day ceremony in Constanta, Romania, 15 August, 2022."},
       }) {
    expectNotRelevant(file, quote);
  }
  // A date in the sentence's own words is no caption.
  EXPECT_TRUE(extractor().analyseSentence("European troops will be deployed to Ukraine under the reassurance force on "
                                          "February 2, 2026.").relevant());
}

TEST(ExtractRound19, ADeploymentInAReportAboutTheArrangementsIsTheForce) {
  // Labelled relevant: the force's deployment, named by the noun alone.
  expectRelevantWithPlaces("103_belga-news-agency.txt", "Any German deployment would be limited to a NATO member "
                                                        "neighbouring Ukraine",
                           {"Ukraine"});
  expectRelevantWithPlaces("066_president-of-ukraine.txt", "worked in detail on deployment, numbers",
                           {"France", "United Kingdom", "Ukraine"});
  // Outside such a report the noun alone is not enough.
  EXPECT_FALSE(extractor().analyseSentence("The deployment of the new ticket machines in Kyiv was delayed.").relevant());
}

TEST(ExtractRound19, AMonitoringMissionsSizeIsATroopNumber) {
  // 118 (labelled a troop number, 5000): the observers who would patrol a zone.
  expectOneTroopNumber("- patrolling by 5000 civilian observers and police officers.", 5000);
  // Civilians are not a force: "5,000 civilians" counts no troops.
  const std::string casualties = "The shelling killed 5,000 civilians.";
  for (const auto& q : findQuantities(casualties, 0, casualties.size())) EXPECT_NE(q.kind, QuantityKind::Troops);
}

TEST(ExtractRound19, ACountryBeforeTheSummitIsItsSubjectNotItsVenue) {
  // 244's headline (labelled relevant, Ukraine).
  expectRelevantWithPlaces("244_alliansfriheten.txt", "Stubb joins Ukraine summit after Orpo rules out deployment",
                           {"Ukraine"});
  // A city before the noun is where it met, and a country joined to another by a hyphen is a party to it.
  const auto summits = extractor().analyseSentence("After the Paris summit and the UK-Ireland summit, troops would be "
                                                   "sent to Ukraine.");
  for (const auto& m : summits.places) {
    const auto& name = gazetteer().place(m.place).name;
    EXPECT_EQ(m.aside, name == "Paris" || name == "Ireland") << name;
  }
  EXPECT_EQ(summits.places.size(), 4u);
}

TEST(ExtractRound19, TheCapitalsOfTheCoalitionsPartnersBeyondEuropeAreInTheGazetteer) {
  // A partner's capital, from geodata/gazetteer_cities.csv (GeoNames): 257 names Canberra.
  EXPECT_LT(kilometres(placeNamed("Canberra").where, {149.12807, -35.28346}), 5);
  EXPECT_EQ(placesIn("Officials in Tokyo and Seoul said they would not send troops to Ukraine."),
            (std::vector<std::string>{"Tokyo", "Seoul", "Ukraine"}));
  // A capital elsewhere never displaces a city of the three regions with its name, nor a word.
  EXPECT_EQ(placeNamed("Tripoli").country, "LB");
  EXPECT_TRUE(placesIn("The male soldiers of the brigade trained in Poland.") ==
              std::vector<std::string>{"Poland"});
}

TEST(ExtractRound19, AWeekdayAfterACityIsWhenNotMoreOfItsName) {
  // 257 (labelled relevant, with Canberra): the news agencies' "in Canberra Monday".
  expectRelevantWithPlaces("257_orissa-post.txt", "the Russian Embassy in Canberra Monday warned",
                           {"Canberra", "Australia", "United Kingdom", "France", "Ukraine"});
  // Any other capitalised word still makes a longer name.
  EXPECT_TRUE(placesIn("The Washington Post reported that troops would go to Ukraine.") ==
              std::vector<std::string>{"Ukraine"});
}

TEST(ExtractRound20, RegionsNamedTogetherInAnotherSpellingAreTheOblasts) {
  // 282 (labelled relevant, buffer_zone): "Zaporozhye" is Zaporizhzhia's other spelling, "Regions" the plural noun.
  expectRelevantWithPlaces("282_swift-update.txt", "would run from Russia’s Donetsk Region toward Zaporozhye and "
                                                   "Kherson Regions",
                           {"Russia", "Donetsk Oblast", "Zaporizhzhia Oblast", "Kherson Oblast"});
  // Without the region's noun they stay the cities.
  EXPECT_EQ(placesIn("Officials from Zaporozhye and Kherson met in Kyiv."),
            (std::vector<std::string>{"Zaporizhzhia", "Kherson", "Kyiv"}));
}

TEST(ExtractRound20, AGuaranteePutIntoLawIsAboutTheGuarantee) {
  // 279 (labelled relevant, us_backstop): the guarantee ratified by the US Congress.
  expectRelevantWithPlaces("279_razom.txt", "ratification in Congress means that mutual obligations gain footing in "
                                            "U.S. law",
                           {"United States"});
  expectRelevantWithPlaces("279_razom.txt", "the very readiness to ratify strengthens strategic reliability for Ukraine",
                           {"Ukraine"});
}

TEST(ExtractRound20, SuchAssurancesReferToTheGuaranteeBefore) {
  // 281 (labelled relevant, carried over, us_backstop): the assurances of the sentence before.
  expectRelevantWithPlaces("281_sfg-media.txt", "Washington has so far provided no such assurances.", {"Washington"});
}

TEST(ExtractRound20, APlaceInUkraineNamesTheWarsCountry) {
  // 125 (labelled relevant, air_policing, Odesa), read alone: a note that names only a Ukrainian city has its context.
  const auto odesa = extractor().analyseSentence(
      "However, he warned that restoring services to Odesa may take longer due to the destruction caused by the war, "
      "and airports in the eastern and southern regions are \"practically devastated.\"");
  EXPECT_TRUE(odesa.relevant());
  EXPECT_EQ(placesIn("restoring services to Odesa"), std::vector<std::string>{"Odesa"});
  // A city elsewhere is no such context.
  EXPECT_FALSE(extractor().analyseSentence("Airports in Bucharest and Sofia will restore services.").relevant());
}

TEST(ExtractRound21, TheWarsMinesAtSeaAreItsContext) {
  // 289 (labelled relevant, black_sea): a report on the mine countermeasures task group names neither Ukraine nor Russia.
  expectRelevantWithPlaces("289_bta.txt", "The joint operation involves warships from Bulgaria, Romania and Turkiye",
                           {"Bulgaria", "Romania", "Türkiye"});
  // The task group's name in either order holds no place (its headline is labelled with none).
  const auto bta = devsetReport("289_bta.txt");
  EXPECT_TRUE(sentenceWith(bta, "Mine Countermeasures Black Sea Task Group Performs").relevant());
  EXPECT_TRUE(candidatePlacesWith(bta, "Mine Countermeasures Black Sea Task Group Performs").empty());
}

TEST(ExtractRound21, DronesAndMissilesLaunchedAreAStrike) {
  // Labelled not relevant: the war's strikes, also where the air force that counted them is named.
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"295_fortune-fwd.txt", "In the past week alone, Russia launched 181 drones and four missiles targeting Ukraine."},
           {"277_outlook-india.txt", "Hours after Monday’s summit, Russia carried out its largest air assault"},
       }) {
    expectNotRelevant(file, quote);
  }
}

TEST(ExtractRound21, ARotationalPresenceAndTheBalticRegion) {
  // 307 (labelled relevant, us_backstop): the US rotations in the Baltic states, and the region named as a group.
  expectRelevantWithPlaces("307_realist-english.txt", "a modest but significant rotational presence in Lithuania",
                           {"United States", "Lithuania", "Latvia", "Estonia"});
  expectRelevantWithPlaces("307_realist-english.txt", "including in the vulnerable Baltic region",
                           {"United States", "Romania", "Estonia", "Latvia", "Lithuania"});
}

TEST(ExtractRound21, TheMissionAnywhereIsTheOneUnderDiscussion) {
  // 296 (labelled relevant, contributors): who will not take part in it.
  expectRelevantWithPlaces("296_gagadget.txt", "Poland also has no plans to participate in the mission", {"Poland"});
}

TEST(ExtractRound21, RotationalTroopsAreCounted) {
  // 307 (labelled a troop number, 1,000): the rotations the Pentagon will not replace.
  expectOneTroopNumber("the Pentagon confirmed that roughly 1,000 rotational U.S. troops in Romania will not be replaced",
                       1000);
}

TEST(ExtractRound21, AnArmysSizeAsAPredicateIsATroopNumber) {
  // 234 and 288 (each labelled a troop number): Ukraine's army in the peace plans.
  expectOneTroopNumber("Macron stated that the United States will oversee the ceasefire, and the Ukrainian army will "
                       "remain at 700,000.",
                       700000);
  expectOneTroopNumber("In the initial draft, the size of the Ukrainian Armed Forces in peacetime was set at 600,000.",
                       600000);
  // A level of anything else is no force.
  const std::string rate = "The ministry said the price of a tonne of grain would remain at 5,000.";
  for (const auto& q : findQuantities(rate, 0, rate.size())) EXPECT_NE(q.kind, QuantityKind::Troops);
}

TEST(ExtractRound22, MonitoringIsTheCeasefiresMonitoring) {
  // 331 and 165 (labelled relevant, buffer_zone): who would monitor a settlement, and how.
  expectRelevantWithPlaces("331_origo-news.txt", "OSCE prepared to monitor possible peace agreement in Ukraine", {"Ukraine"});
  expectRelevantWithPlaces("165_readtrends.txt", "outlines a role for US-run sensors and remote monitoring",
                           {"United States"});
}

TEST(ExtractRound22, AnArmisticeIsTheCeasefire) {
  // 302 and 327 (labelled relevant): the guarantee after an armistice, and an attack across its line.
  expectRelevantWithPlaces("302_taipei-times.txt", "credibly assure the security of Ukraine after an armistice",
                           {"Ukraine"});
  expectRelevantWithPlaces("327_ynetnews.txt", "by Russia across the armistice line", {"Russia"});
}

TEST(ExtractRound22, ADrawdownIsTheUSPosture) {
  // 324 (labelled relevant, us_backstop): a headline on the US forces leaving Europe.
  expectRelevantWithPlaces("324_politico-europe.txt", "Berlin braces for a U.S. drawdown", {"Berlin", "United States"});
}

TEST(ExtractRound22, MirroringIsAComparison) {
  // 334 (labelled relevant, air_policing, no place of its own): the Baltic air policing it is compared with is not where
  // the arrangement is; the sentence continues the one before and carries its Ukraine.
  const auto doc = devsetReport("334_ph-new-look.txt");
  EXPECT_TRUE(sentenceWith(doc, "mirroring NATO’s air-sharing scheme over the Baltic States").relevant());
  EXPECT_EQ(candidatePlacesWith(doc, "mirroring NATO’s air-sharing scheme over the Baltic States"),
            std::set<std::string>{"Ukraine"});
}

TEST(ExtractRound22, WhereASpeakerToldThePressIsNoPlaceOfTheArrangement) {
  // 292 (labelled relevant, without Moscow) and 324 (labelled not relevant, no place).
  expectRelevantWithPlaces("292_dailywise.txt", "Speaking to reporters in Moscow on Wednesday",
                           {"Russia", "United Kingdom", "France", "Germany"});
  EXPECT_TRUE(candidatePlacesWith(devsetReport("324_politico-europe.txt"), "Speaking to reporters at NATO HQ in Brussels")
                  .empty());
}

TEST(ExtractRound22, ATownAfterItsPlantIsThePlant) {
  // 322 (labelled with the plant): once the report has named the Zaporizhzhia plant, "Zaporizhzhia" alone is the plant.
  const auto plant = devsetReport("322_artsakh-news.txt");
  auto placesOf = [](const SentenceAnalysis& s) {
    std::set<std::string> out;
    for (const auto& m : s.places) out.insert(gazetteer().place(m.place).name);
    return out;
  };
  EXPECT_TRUE(placesOf(sentenceWith(plant, "provisions regarding Zaporizhzhia’s future")).count("Zaporizhzhia NPP"));
  EXPECT_TRUE(placesOf(sentenceWith(plant, "the six reactors in Zaporizhzhia")).count("Zaporizhzhia NPP"));
  // In a list of places it is the region's city, as labelled in 288 (which names the plant first).
  const auto list = placesOf(sentenceWith(devsetReport("288_axar-az.txt"), "in Donetsk, Luhansk, Zaporizhzhia, and Kherson"));
  EXPECT_TRUE(list.count("Zaporizhzhia"));
  EXPECT_FALSE(list.count("Zaporizhzhia NPP"));
  // A report that has not named the plant keeps the city.
  EXPECT_EQ(placesIn("Officials met in Zaporizhzhia."), std::vector<std::string>{"Zaporizhzhia"});
}

TEST(ExtractRound22, ADatelineKeepsItsRegionAndCountryWhenItsCityIsUnknown) {
  // 325 (labelled relevant, without Iraq): Erbil is not in the gazetteer; the rest of the dateline is still a dateline.
  const auto doc = devsetReport("325_the-new-region.txt");
  EXPECT_FALSE(candidatePlacesWith(doc, "ERBIL, Kurdistan Region of Iraq –").count("Iraq"));
  EXPECT_TRUE(candidatePlacesWith(doc, "ERBIL, Kurdistan Region of Iraq –").count("Ukraine"));
  // A capitalised opening that is no dateline keeps its places: a list.
  const auto list = extractor().analyseSentence("NATO, Poland and Romania – the allies on the eastern flank – agreed.");
  ASSERT_EQ(list.places.size(), 2u);
  for (const auto& m : list.places) EXPECT_FALSE(m.aside) << gazetteer().place(m.place).name;
}

TEST(ExtractRound22, NationsAndMachinesAreNoTroopNumber) {
  // 149 and 089 (neither labelled a troop number): a count of nations in a title-case headline, and of jets after
  // "the deployment of".
  for (const std::string text : {"A Resounding Commitment: 26 Nations Pledge Troops to Support Ukraine After Conflict",
                                 "envisages the deployment of 120 European Air Force fighter jets to protect the skies"})
    for (const auto& q : findQuantities(text, 0, text.size())) EXPECT_NE(q.kind, QuantityKind::Troops) << text;
  // The same leads with people, or with no noun, still count.
  expectOneTroopNumber("envisages the deployment of 120 European soldiers to protect the skies", 120);
  expectOneTroopNumber("envisages the deployment of 5,000 to protect the skies", 5000);
}

TEST(ExtractRound23, TheHeadlineOfAReportOnTheArrangementsIsRead) {
  // 357 and 347 (labelled relevant): the title says what the report is about, with a cue too weak alone.
  expectRelevantWithPlaces("357_presence-of-god-now.txt", "US Scales Back Troops in Romania: NATO Pivot or Risky Retreat?",
                           {"United States", "Romania"});
  expectRelevantWithPlaces("347_munich-eye.txt", "Dispute over Zaporizhzhia Nuclear Plant Hampers Ukraine Peace Efforts",
                           {"Zaporizhzhia NPP", "Ukraine"});
  // A lead of one sentence on a line of its own ends with a full stop, even inside a quote: no headline (106, labelled
  // not relevant).
  expectNotRelevant("106_citynews.txt", "The Prime Minister’s Office says Carney took part virtually");
  // The same words in the body of a report are no headline.
  const auto body = candidatesOfText("Officials met on Monday.\nOfficials met again.\nThey talked.\n"
                                     "US Scales Back Troops in Romania: NATO Pivot or Risky Retreat?\n");
  EXPECT_TRUE(body.empty());
}

TEST(ExtractRound23, TheDniproWithAnArticleIsTheRiver) {
  // 354 and 230 (labelled with the Dnipro River): Kellogg's zones west of the river.
  const auto river = devsetReport("354_world-news-io.txt");
  EXPECT_EQ(candidatePlacesWith(river, "You’re west of the Dnipro, which serves as a significant barrier"),
            (std::set<std::string>{"Dnipro River", "Russia"}));
  EXPECT_TRUE(candidatePlacesWith(river, "west of the Dnipro River as part of").count("Dnipro River"));
  EXPECT_EQ(placesIn("personnel would be stationed west of the Dnieper River"), std::vector<std::string>{"Dnipro River"});
  // The city takes no article; a longer name or a region keeps it.
  EXPECT_EQ(placesIn("Officials met in Dnipro on Monday."), std::vector<std::string>{"Dnipro"});
  EXPECT_NE(placesIn("Drones struck the Dnipro region overnight."), std::vector<std::string>{"Dnipro River"});
  EXPECT_EQ(placesIn("the Dnipro City Council met."), std::vector<std::string>{"Dnipro"});
  // On the river, between its cities Dnipro and Zaporizhzhia (the Dnipro reservoir is 2.9 km from the point).
  const auto* at = gazetteer().find("Dnipro River");
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->kind, "river");
  EXPECT_LT(kilometres(at->where, {35.07890, 48.15916}), 1.0);
}

TEST(ExtractRound23, AForceAfterADeterminerIsSent) {
  // 344 (labelled relevant, with Ukraine): "positioning the force", as "positioning several thousand troops".
  expectRelevantWithPlaces("344_the-jr-voice.txt", "has proposed positioning the force in key Ukrainian towns", {"Ukraine"});
  // "force" the verb is no force sent (266, labelled not relevant).
  expectNotRelevant("266_carnegie-endowment.txt", "Once China decides, it can force Russia to withdraw from Ukraine.");
}

TEST(ExtractRound24, EverySpellingOfATownNamesItsNuclearPlant) {
  // 360 (labelled with the plant, 8 sentences): a translation's "Zaporozhzhya".
  expectRelevantWithPlaces("360_ckhq.txt", "The Zaporozhzhya Nuclear Power Plant and the Kakhovka Dam could shatter",
                           {"Zaporizhzhia NPP", "Kakhovka Dam", "United States"});
  // The other mixes of the two transliterations, and another plant's town in its Russian spelling: the plant, at its site.
  for (const char* spelling : {"Zaporizhia", "Zaporozhzhia", "Zaporozhia", "Zaporizhye"}) {
    const auto places = placesIn(std::string("Inspectors returned to the ") + spelling + " Nuclear Power Plant on Monday.");
    ASSERT_EQ(places, std::vector<std::string>{"Zaporizhzhia NPP"}) << spelling;
  }
  EXPECT_EQ(placesIn("Inspectors returned to the Rovno nuclear power plant on Monday."), std::vector<std::string>{"Rivne NPP"});
  const auto* plant = gazetteer().find("Zaporizhzhia NPP");
  ASSERT_NE(plant, nullptr);
  EXPECT_LT(kilometres(plant->where, {34.58583, 47.51222}), 5.0);  // facilities.csv, citing Wikipedia's coordinates
  // The town alone stays the town.
  EXPECT_EQ(placesIn("Officials met in Zaporozhzhya on Monday."), std::vector<std::string>{"Zaporizhzhia"});
}

TEST(ExtractRound25, TheForcesPartNamedByItsOwnersPronounContinuesTheSubject) {
  // 296 and 067 (labelled relevant, carried over): "their task", "their role" is the force's of the sentence before.
  expectRelevantWithPlaces("296_gagadget.txt", "Their task will not be to be deployed along the front line", {"Russia"});
  EXPECT_TRUE(sentenceWith(devsetReport("067_ps-ua.txt"), "Their role would be limited to stabilizing forces").relevant());
  // Their presence at an event is no part to play (007, labelled not relevant).
  expectNotRelevant("007_devdiscourse.txt", "Their presence highlighted the growing international commitment");
}

TEST(ExtractRound25, ASubheadingOfAReportOnTheArrangementsIsRead) {
  // 383 and 352 (labelled relevant): a short line further down names what its section is about.
  expectRelevantWithPlaces("383_el-balad.txt", "Key Points on the Zaporizhzhia Nuclear Plant", {"Zaporizhzhia NPP"});
  expectRelevantWithPlaces("352_tower-post.txt", "Why Romania is sounding the alarm", {"Romania"});
  const auto* plant = gazetteer().find("Zaporizhzhia NPP");
  ASSERT_NE(plant, nullptr);
  EXPECT_LT(kilometres(plant->where, {34.58583, 47.51222}), 5.0);
  // Further down, a longer line without a full stop is a sentence cut short, not a subheading (the first lines
  // may hold a headline of up to 25 words).
  const std::string heading = "Why Romania is sounding the alarm";
  const std::string cutShort = heading + " once more, as analysts in the capitals of its neighbours now see it";
  std::string text = devsetReport("352_tower-post.txt").text;
  const size_t at = text.find(heading);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, heading.size(), cutShort);
  for (const auto& c : candidatesOfText(text)) EXPECT_EQ(c.quote.find(cutShort), std::string::npos) << c.quote;
}

// Round 26: a logistic regression trained on the labels of the tuning halves (tools/train_relevance.py) has the last word
// on a sentence of a report about the arrangements; the rules' score is one of its features.
TEST(ExtractRound26, TheLearnedRelevanceLiftsAHeadquartersTheRulesLeftUnderTheBar) {
  // 411 (labelled relevant): where the operation is run from, with no cue strong enough for the rules (0.49).
  const std::string quote = "The entire support operation is managed from Paris and London";
  const auto s = sentenceWith(devsetReport("411_globelink-news.txt"), quote);
  EXPECT_LT(s.rulesRelevance, kMinRelevance);
  EXPECT_TRUE(s.relevant());
  EXPECT_NE(std::find_if(s.cues.begin(), s.cues.end(), [](const std::string& c) { return c.starts_with("learned relevance"); }),
            s.cues.end()) << "the candidate says the model, not the rules, took it";
  expectRelevantWithPlaces("411_globelink-news.txt", quote, {"Paris", "London"});
  const auto& paris = placeNamed("Paris");
  EXPECT_LT(kilometres(paris.where, {2.3488, 48.85341}), 5.0);  // GeoNames 2988507
}

TEST(ExtractRound26, TheLearnedRelevanceLeavesOutWhoAttendedAMeeting) {
  // 426 (labelled not relevant): the rules score the countries at the meeting 0.9, the model takes them out.
  const std::string quote = "It included European leaders, representatives from Canada, Australia and New Zealand";
  EXPECT_GE(sentenceWith(devsetReport("426_yorkshire-post.txt"), quote).rulesRelevance, kMinRelevance);
  expectNotRelevant("426_yorkshire-post.txt", quote);
}

TEST(ExtractRound26, OutsideAReportAboutTheArrangementsTheRulesDecide) {
  // The model learned from reports about the arrangements; in a report about something else, and for a sentence
  // given alone, its relevance is the rules'.
  Document trams;
  trams.name = "trams.txt";
  trams.text = "Kyiv placed an order for new trams from Poland.\nThe first will arrive in Lviv in May.\n";
  for (const auto& s : extractor().analyse(trams)) EXPECT_EQ(s.relevance, s.rulesRelevance) << s.start;
  EXPECT_TRUE(candidatesOf(extractor(), trams).empty());
  const auto alone = extractor().analyseSentence("Poland will guarantee the loan for the new bridge.");
  EXPECT_EQ(alone.relevance, alone.rulesRelevance);
  EXPECT_FALSE(alone.relevant());
}

TEST(ExtractRound26, TheLearnedRelevanceWeighsASentenceByWhatCameBeforeItOnly) {
  // The document is read one sentence at a time: what follows a sentence cannot change it, and a second reading gives
  // the same figures.
  const auto report = devsetReport("411_globelink-news.txt");
  const auto whole = extractor().analyse(report);
  Document cut = report;
  cut.text.resize(report.text.find('\n', report.text.find("The entire support operation is managed from Paris")));
  const auto part = extractor().analyse(cut);
  ASSERT_GT(part.size(), 3u);
  size_t compared = 0;
  for (size_t i = 0; i + 1 < part.size(); ++i) {  // the last sentence of the cut text is cut short
    ASSERT_LT(i, whole.size());
    EXPECT_EQ(part[i].start, whole[i].start);
    EXPECT_EQ(part[i].relevance, whole[i].relevance) << part[i].start;
    ++compared;
  }
  EXPECT_GT(compared, 3u);
  const auto again = extractor().analyse(report);
  ASSERT_EQ(again.size(), whole.size());
  for (size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(again[i].relevance, whole[i].relevance);
}

TEST(ExtractRound28, PeopleCountedAfterAForceNamedBeforeAreItsSize) {
  // 473 and 455 (half T, labelled troop numbers): the size of a force named earlier in the sentence, in people.
  const std::string combined = "The commanders of the British and French armies said that the number of personnel of "
                               "their troops was too small, so the combined peacekeeping forces of Britain and France "
                               "would number up to 15,000 people.";
  auto found = findQuantities(combined, 0, combined.size());
  ASSERT_EQ(found.size(), 1u) << combined;
  EXPECT_EQ(found[0].kind, QuantityKind::Troops);
  EXPECT_EQ(found[0].max, 15000);
  EXPECT_EQ(found[0].text, "up to 15,000 people");
  expectOneTroopNumber("The total number of international peacekeeping forces that could be formed within the framework "
                       "of this \u201ccoalition of the willing\u201d is estimated at 30 thousand people.",
                       30000);
  // Without a force named before the number, people are people (221, 177, 318: labelled no troop number).
  for (const std::string text : {"According to Kyiv, 190,000 people live in this area.",
                                 "Last year there were around 147,000 people in the UK armed forces, with just over half "
                                 "assigned to the army.",
                                 "According to the BBC, over 95,000 people have died whilst serving in Russia's military."})
    for (const auto& q : findQuantities(text, 0, text.size())) EXPECT_NE(q.kind, QuantityKind::Troops) << text;
}

TEST(ExtractRound29, TheLearnedOptionTellsWhatANationWouldSendFromTheForceItself) {
  // 493 (half U, labelled contributors): how many troops Latvia would send; the rules took it for the force itself.
  const std::string quote = "When asked if and how many troops Latvia would be prepared to send to Ukraine for a "
                            "peacekeeping mission";
  const auto report = devsetReport("493_ogres-zinas.txt");
  const auto s = sentenceWith(report, quote);
  ASSERT_GE(s.rulesOption, 0);
  EXPECT_STREQ(kOptionIds[static_cast<size_t>(s.rulesOption)], "reassurance_force");
  EXPECT_STREQ(s.optionId(), "contributors");
  EXPECT_NE(std::find(s.cues.begin(), s.cues.end(), "learned option (the rules': reassurance_force)"), s.cues.end())
      << "the candidate says the model, not the rules, chose its option";
  size_t latvia = 0;
  for (const auto& c : candidatesOf(extractor(), report))
    if (c.quote.starts_with(quote) && gazetteer().place(c.place).name == "Latvia") {
      EXPECT_EQ(c.option, "contributors");
      ++latvia;
    }
  EXPECT_EQ(latvia, 1u);
  // Given alone, with no report around it, the rules decide.
  const auto alone = extractor().analyseSentence(quote + ".");
  EXPECT_EQ(alone.option, alone.rulesOption);
}

TEST(ExtractRound29, BeyondTheTopicsReachOfTheWarTheRulesDecide) {
  // The bundled newsletter 000 moves on from the coalition to UNIFIL in Lebanon. Its commander's words and "200 Finnish
  // troops" are far from any sentence on the war: the model, which learned from reports that keep to their subject,
  // lifted them to 0.58 in round 28 and made the Finns a troop number of the force.
  Document newsletter;
  for (const auto& doc : bundledDocuments())
    if (doc.name.starts_with("000_")) newsletter = doc;
  ASSERT_FALSE(newsletter.text.empty());
  const auto s = sentenceWith(newsletter, "'We find all kinds of weapons");
  EXPECT_EQ(s.relevance, s.rulesRelevance);
  EXPECT_EQ(s.option, s.rulesOption);
  EXPECT_FALSE(s.relevant());
  for (const auto& f : factsOf(extractor(), newsletter)) EXPECT_NE(f.quantity.max.value_or(0), 200.0) << f.quote;
  // Within reach, in the same newsletter, the model still weighs: the coalition's plan is relevant, and sentences
  // before the paragraph on Lebanon have the model's relevance, not the rules' (one sentence alone may read the same
  // when both are sure: the plan's reads 1 and 1 since round 55).
  const auto plan = sentenceWith(newsletter, "Under this plan, international 'reassurance' forces could be deployed");
  EXPECT_TRUE(plan.relevant());
  const size_t lebanon = newsletter.text.find("'We find all kinds of weapons");
  ASSERT_NE(lebanon, std::string::npos);
  size_t weighed = 0;
  extractor().forEachSentence(newsletter, [&](const SentenceAnalysis& sentence) {
    weighed += sentence.end <= lebanon && sentence.relevance != sentence.rulesRelevance;
  });
  EXPECT_GT(weighed, 0u);
}

namespace {
// The troop numbers of a sentence, as (min, max), in text order.
std::vector<std::pair<double, double>> troopNumbersIn(const std::string& text) {
  std::vector<std::pair<double, double>> out;
  for (const auto& q : findQuantities(text, 0, text.size()))
    if (q.kind == QuantityKind::Troops) out.emplace_back(q.min.value_or(-1), q.max.value_or(-1));
  return out;
}
}  // namespace

TEST(ExtractRound30, AFallingLevelCountsTheLevelItFallsFrom) {
  using Levels = std::vector<std::pair<double, double>>;
  // 443, 357, 085 (labelled both numbers of the change): the level before the cut is a troop number too.
  EXPECT_EQ(troopNumbersIn("The troop levels are set to decrease from 1,700 to between 900 and 1,000 American soldiers "
                           "remaining in Romania."),
            (Levels{{1700, 1700}, {900, 1000}}));
  const std::string slash = "Romania\u2019s Defense Minister Ionut Mosteanu broke the news during a Bucharest briefing, "
                            "confirming Washington will slash its troop count from roughly 1,700 to 900\u20131,000 at "
                            "Mihail Kogalniceanu Air Base on the Black Sea.";
  EXPECT_EQ(troopNumbersIn(slash), (Levels{{1700, 1700}, {900, 1000}}));
  const auto quantities = findQuantities(slash, 0, slash.size());
  ASSERT_EQ(quantities.size(), 2u);
  EXPECT_EQ(quantities[0].text, "roughly 1,700");
  EXPECT_TRUE(quantities[0].approximate);
  EXPECT_EQ(slash.substr(quantities[0].start, quantities[0].end - quantities[0].start), quantities[0].text);
  EXPECT_EQ(troopNumbersIn("- Romania\u2019s Defense Ministry reported a cut of about 800 personnel from roughly 1,700, "
                           "with around 900 to 1,000 U.S. troops remaining in country."),
            (Levels{{800, 800}, {1700, 1700}, {900, 1000}}));
  // 502 (labelled 5,000): a troop strength named before a number that ends its phrase.
  EXPECT_EQ(troopNumbersIn("Yet with troop strength projected at only about 5,000 \u2014 most likely deployed to rear "
                           "areas \u2014 it is difficult to see how the force could meaningfully deter renewed Russian "
                           "missile or drone attacks."),
            (Levels{{5000, 5000}}));
  // A rising "from … to" is one range (247, labelled one number), and a number of countries after troops is none.
  EXPECT_EQ(troopNumbersIn("A company ranges from 50 to 250 soldiers, and tends to average 150."), (Levels{{50, 250}}));
  EXPECT_EQ(troopNumbersIn("Britain would send 5,000 troops from 12 countries."), (Levels{{5000, 5000}}));
}

TEST(ExtractRound30, MembersOfACoalitionAreItsNations) {
  // 486 and 382 (labelled no troop number): thirty members of the coalition are its countries.
  EXPECT_TRUE(troopNumbersIn("Less than half of the 30-strong Coalition of the Willing are open to sending troops, reports "
                             "my colleague Charles Cohen in this must-read piece on who\u2019s offering what.")
                  .empty());
  EXPECT_TRUE(troopNumbersIn("In spite of this, many leaders of some 30-member strong coalition require more flashed out "
                             "mission details.")
                  .empty());
  // A force of the coalition is troops however it is written.
  EXPECT_EQ(troopNumbersIn("a 30,000-strong coalition force"), (std::vector<std::pair<double, double>>{{30000, 30000}}));
}

TEST(ExtractLimits, ADocumentGivesAtMostItsBoundOfFindingsAndSaysWhereItStopped) {
  // Thirty countries a sentence, 700 times: 21,000 candidates, each with the sentence's quote. A real report gives a
  // few hundred; the document stops giving any at kMaxFindingsPerDocument and says from which byte.
  std::string list = "A peacekeeping force for Ukraine would be led by the coalition of the willing.\n";
  const std::string sentence =
      "France, Germany, Poland, Italy, Spain, Portugal, Belgium, Austria, Sweden, Finland, Norway, Denmark, Estonia, "
      "Latvia, Lithuania, Czechia, Slovakia, Hungary, Romania, Bulgaria, Greece, Croatia, Slovenia, Ireland, Canada, "
      "Australia, Japan, Iceland, Luxembourg and Albania would send troops to the peacekeeping force in Ukraine.\n";
  for (int i = 0; i < 700; ++i) list += sentence;
  const auto doc = documentFromBytes("list.txt", list);
  const auto found = extractAll(extractor(), doc, /*keepSentences=*/true);
  EXPECT_GE(found.candidates.size() + found.facts.size(), kMaxFindingsPerDocument);
  EXPECT_LT(found.candidates.size() + found.facts.size(), kMaxFindingsPerDocument + 64);
  ASSERT_GT(found.cutAt, 0u);
  EXPECT_LT(found.cutAt, list.size());
  EXPECT_EQ(list.compare(found.cutAt, 6, "France"), 0) << "it stops at a sentence's start";
  for (const auto& c : found.candidates) EXPECT_LT(c.start, found.cutAt);
  EXPECT_NE(found.cutWarning().find("nothing after byte " + std::to_string(found.cutAt)), std::string::npos);
  EXPECT_EQ(candidatesOf(extractor(), doc).size(), found.candidates.size()) << "the same bound everywhere";
  // A real report is far from it.
  for (const auto& bundled : bundledDocuments()) {
    const auto all = extractAll(extractor(), bundled);
    EXPECT_EQ(all.cutAt, 0u) << bundled.name;
    EXPECT_TRUE(all.cutWarning().empty());
  }
}

TEST(ExtractLimits, ManyMarkersWithNoPauseAfterThemAreReadInLinearTime) {
  // 2 MB with no comma and no closing quote: each aside marker looked for its pause, and each title word for its
  // closing quote, to the end of the document, so that reading it took hours (1 MB of "visit to Kyiv": 87 s). Now
  // each looks within its sentence; a hang fails the test by its timeout (tests/CMakeLists.txt).
  std::string visits, titles;
  while (visits.size() < 2'000'000) visits += "visit to Kyiv travelled to Odesa ";
  while (titles.size() < 2'000'000) titles += "the agreement titled \u201cKyiv ";
  const auto visited = extractAll(extractor(), documentFromBytes("visits.txt", visits));
  for (const auto& c : visited.candidates) EXPECT_NE(gazetteer().place(c.place).name, "Kyiv") << "a visit's goal is aside";
  const auto titled = extractAll(extractor(), documentFromBytes("titles.txt", titles), /*keepSentences=*/true);
  ASSERT_FALSE(titled.sentences.empty());
  EXPECT_LE(titled.sentences.back().end, titles.size());
}

TEST(ExtractRound31, RussiaAndMoscowWrittenInLowerCaseOnPurposeArePlaces) {
  // 538 (Ostro), 328 (Lithuania's ministry): Ukrainian official style writes them in lower case on purpose.
  EXPECT_EQ(placesIn("Lavrov also stated that russia will not agree to any agreements that would lead to the "
                     "remilitarization of Ukraine and hinted that moscow views any Western arms deliveries as a "
                     "continuation of the conflict rather than a step toward its resolution."),
            (std::vector<std::string>{"Russia", "Ukraine", "Moscow"}));
  EXPECT_EQ(placesIn("According to illegally adopted amendments to the russian constitution, four Ukrainian oblasts are "
                     "allegedly included in the federation."),
            std::vector<std::string>{}) << "a demonym still needs a locating noun";
  EXPECT_EQ(placesIn("Drones were shot down over russian territory."), std::vector<std::string>{"Russia"});
  // Other names keep the capital rule: "turkey", "chad", "nice" are words.
  EXPECT_TRUE(placesIn("Let us cook a turkey in nice weather.").empty());
  const auto relevant = candidatesOfText(
      "Russia categorically rejects the possibility of deploying European peacekeepers in Ukraine.\n"
      "As stated by russian Foreign Minister Lavrov, this decision is not up for discussion, and moscow has no "
      "intention of seeking anyone\u2019s permission.\n");
  EXPECT_TRUE(std::any_of(relevant.begin(), relevant.end(), [](const Candidate& c) { return c.matched == "moscow"; }))
      << "the red line's second sentence names Moscow";
}

TEST(ExtractRound32, ATroopNumbersSharesByPlaceAreTroopNumbers) {
  using Levels = std::vector<std::pair<double, double>>;
  // 551 (labelled all three): the shares of a troop number, each with where it is.
  EXPECT_EQ(troopNumbersIn("Currently, approximately 78,000 U.S. troops are stationed in Europe, with around 37,000 in "
                           "Germany and about 10,000 in Poland on a rotational basis."),
            (Levels{{78000, 78000}, {37000, 37000}, {10000, 10000}}));
  // Not a share: larger than the troop number, or not followed by a name.
  EXPECT_EQ(troopNumbersIn("About 5,000 troops would deploy, backed by 40,000 in Poland."), (Levels{{5000, 5000}}));
  EXPECT_EQ(troopNumbersIn("About 5,000 troops would deploy, with 300 in reserve."), (Levels{{5000, 5000}}));
  EXPECT_TRUE(troopNumbersIn("Some 3,000 in Germany said so.").empty()) << "no troop number before it";
}

TEST(ExtractRound32, TheAgencyDatelineWithItsCountryInBracketsIsAside) {
  // 556 (British Columbia Times, ANI copy; labelled Moscow and Russia irrelevant): where the story was filed.
  const auto s = extractor().analyseSentence(
      "Moscow [Russia], January 10: Britain said it was allocating 200 million pounds ($270 million) to fund "
      "preparations for the possible deployment of troops to Ukraine, after pledging its soldiers this week to a "
      "multinational force for the country in the event of a ceasefire.");
  std::map<std::string, bool> aside;
  for (const auto& m : s.places) aside.try_emplace(gazetteer().place(m.place).name, m.aside);
  EXPECT_TRUE(aside.at("Moscow"));
  EXPECT_TRUE(aside.at("Russia"));
  EXPECT_FALSE(aside.at("United Kingdom"));
  EXPECT_FALSE(aside.at("Ukraine"));
  EXPECT_TRUE(s.relevant());
  // A bracket that is no dateline leaves the place a place.
  const auto plant = extractor().analyseSentence("Russia [which holds the plant] refuses to leave Zaporizhzhia.");
  for (const auto& m : plant.places) EXPECT_FALSE(m.aside) << gazetteer().place(m.place).name;
}

TEST(ExtractRound33, TownsInAListOfRegionsAreTheirOblasts) {
  // 595 (MTX News), 472 (The Blendy News), 594 (Mchunguzi): labelled the oblasts, not their centres.
  EXPECT_EQ(placesIn("Ukraine has agreed to a proposal for the establishment of demilitarized zones (DMZs) in the "
                     "conflict-affected regions of Donbas and Zaporizhzhia, as part of ongoing efforts to resolve the "
                     "protracted conflict with Russia."),
            (std::vector<std::string>{"Ukraine", "Donbas", "Zaporizhzhia Oblast", "Russia"}));
  EXPECT_EQ(placesIn("Analysts point to several factors that could influence the effectiveness of the DMZs in the Donbas "
                     "and Zaporizhzhia regions."),
            (std::vector<std::string>{"Donbas", "Zaporizhzhia Oblast"}));
  EXPECT_EQ(placesIn("Moscow will be expected to withdraw its troops from the regions of Dnipropetrovsk, Mykolaiv, Sumy "
                     "and Kharkiv."),
            (std::vector<std::string>{"Moscow", "Dnipropetrovsk Oblast", "Mykolaiv Oblast", "Sumy Oblast",
                                      "Kharkiv Oblast"}));
  // The list ends with the member after its "and"; a town outside a list stays the town.
  EXPECT_EQ(placesIn("Shelling hit the provinces of Donetsk and Luhansk, Kyiv said."),
            (std::vector<std::string>{"Donetsk Oblast", "Luhansk Oblast", "Kyiv"}));
  EXPECT_EQ(placesIn("Drones struck Zaporizhzhia and Kharkiv overnight."),
            (std::vector<std::string>{"Zaporizhzhia", "Kharkiv"}));
}

TEST(ExtractRound33, AnUpperEstimateAfterTheTroopsItCountsIsATroopNumber) {
  using Levels = std::vector<std::pair<double, double>>;
  // 578 (HotAir, labelled "as many as 20,000").
  EXPECT_EQ(troopNumbersIn("When news that the UK would be at the front of the queue to provide troops for a Ukraine "
                           "peacekeeping force, possibly as many as 20,000, a contact from army headquarters at Andover "
                           "messaged me."),
            (Levels{{-1, 20000}}));
  // Not without troops before it, nor before a word that says what is counted.
  EXPECT_TRUE(troopNumbersIn("Prices could rise, possibly as many as 20,000, a trader said.").empty());
  EXPECT_TRUE(troopNumbersIn("Troops would guard ports, up to 30 sites in all.").empty());
}

TEST(ExtractRound33, ACityInTitleCaseWithItsCountryAndADashIsADateline) {
  // 590 (The Northern Voices; labelled Vilnius irrelevant, Lithuania a place through "Lithuanian President").
  const auto s = extractor().analyseSentence(
      "Vilnius, Lithuania \u2013 On March 21, Lithuanian President Gitanas Nauseda announced that Lithuania is prepared "
      "to deploy its troops for a post-ceasefire mission in Ukraine.");
  ASSERT_GE(s.places.size(), 3u);
  EXPECT_EQ(gazetteer().place(s.places[0].place).name, "Vilnius");
  EXPECT_TRUE(s.places[0].aside);
  EXPECT_EQ(gazetteer().place(s.places[1].place).name, "Lithuania");
  EXPECT_TRUE(s.places[1].aside);
  for (size_t k = 2; k < s.places.size(); ++k) EXPECT_FALSE(s.places[k].aside) << gazetteer().place(s.places[k].place).name;
  // A list of countries with a dash is no dateline.
  const auto list = extractor().analyseSentence("Poland, Romania \u2013 the allies on the flank \u2013 want more troops.");
  for (const auto& m : list.places) EXPECT_FALSE(m.aside) << gazetteer().place(m.place).name;
}

TEST(ExtractRound34, AnArmysSizeInAPeacePlanAndAPresenceRaisedToALevelAreTroopNumbers) {
  using Levels = std::vector<std::pair<double, double>>;
  // 618 (MTS.kg, the 20 points as a list; labelled 800,000).
  EXPECT_EQ(troopNumbersIn("The number of the Armed Forces of Ukraine should be 800,000 in peacetime."),
            (Levels{{800000, 800000}}));
  // 603 (Defence Talks; labelled 20,000 and 100,000).
  EXPECT_EQ(troopNumbersIn("President Joe Biden authorized the deployment of around 20,000 additional troops to Eastern "
                           "Europe, increasing the total American military presence in the region to approximately "
                           "100,000."),
            (Levels{{20000, 20000}, {100000, 100000}}));
  // Not a size: no army named, or a count of something else.
  EXPECT_TRUE(troopNumbersIn("The number of applications should be 800 in May.").empty());
  EXPECT_TRUE(troopNumbersIn("The army's budget should be 800 million.").empty());
  EXPECT_TRUE(troopNumbersIn("It expanded its military presence to 12 countries.").empty());
}

TEST(ExtractRound34, EveryCountryOfTheWorldIsInTheGazetteer) {
  // 616 (Reality Wire; labelled Indonesia): the countries beyond the basemap's 1:50m region were left out before.
  EXPECT_EQ(placesIn("UNITED NATIONS, September 23 \u2014 Indonesia has declared its readiness to deploy over 20,000 "
                     "military personnel as part of United Nations peacekeeping missions, including in Ukraine."),
            (std::vector<std::string>{"Indonesia", "Ukraine"}));
  EXPECT_EQ(placesIn("Troops from Brazil, South Africa and South Korea were proposed."),
            (std::vector<std::string>{"Brazil", "South Africa", "South Korea"}));
  const auto& indonesia = placeNamed("Indonesia");
  EXPECT_EQ(indonesia.kind, "country");
  EXPECT_GT(indonesia.where.lon, 95.0);  // a point inside the country (GEOS), from Natural Earth's 1:110m layer
  EXPECT_LT(indonesia.where.lon, 141.0);
  // A country whose name is a given name stays out.
  EXPECT_TRUE(placesIn("Chad Smith said the force would deploy.").empty());
}

namespace {
// The names of the places one sentence names, with whether each (its first mention) is aside.
std::map<std::string, bool> asideByPlace(std::string_view sentence) {
  std::map<std::string, bool> out;
  for (const auto& m : extractor().analyseSentence(sentence).places)
    out.try_emplace(gazetteer().place(m.place).name, m.aside);
  return out;
}
}  // namespace

TEST(ExtractRound35, APlaceAndTheDayOfAnEventIsTheEventsVenue) {
  // 634 (Manhattan Daily; Paris labelled irrelevant, Ukraine a place of the arrangement).
  EXPECT_EQ(asideByPlace("WASHINGTON \u2014 President Trump\u2019s peace envoys Steve Witkoff and Jared Kushner signed onto "
                         "a five-point plan with European leaders in Paris Tuesday to enhance \u201csecurity guarantees\u201d "
                         "for Ukraine if it reaches terms to end Russia\u2019s nearly four-year invasion."),
            (std::map<std::string, bool>{{"Paris", true}, {"Russia", false}, {"Ukraine", false}, {"Washington", true}}));
  // 132 (Ottawa labelled irrelevant) and 314 (Kyiv): "late" or "on" between, and a week.
  EXPECT_TRUE(asideByPlace("Prime Minister Mark Carney was back in Ottawa late Tuesday night.")["Ottawa"]);
  EXPECT_TRUE(asideByPlace("Senior military officials from the United Kingdom, France, and Ukraine gathered in Kyiv this "
                           "week to advance plans for a future multinational force.")["Kyiv"]);
  EXPECT_TRUE(asideByPlace("The issue will be discussed at a meeting in Berlin on Monday, December 15.")["Berlin"]);
  // Not the day: where the force is, and when it goes.
  EXPECT_FALSE(asideByPlace("British troops could be stationed in Odesa on a rotating basis.")["Odesa"]);
  EXPECT_FALSE(asideByPlace("Troops would be deployed in Ukraine, officials said on Monday.")["Ukraine"]);
  // Not after a noun: an embassy is where it is (257, 310: Canberra labelled a place of the arrangement).
  EXPECT_FALSE(asideByPlace("Meanwhile, the Russian Embassy in Canberra on Monday warned of \u2018grave consequences\u2019 if "
                            "Australia joined a \u2018coalition of the willing\u2019.")["Canberra"]);
}


TEST(ExtractRound36, APlaceBeforeATimeLongPastIsHistory) {
  // 236 (Vijesti), 653 (Daljoog News): Berlin labelled irrelevant, Ukraine and the Dnieper places of the arrangement.
  EXPECT_EQ(asideByPlace("Post-conflict Ukraine could resemble \"Berlin after World War II\" with the presence of "
                         "European and Russian forces divided by the Dnieper River."),
            (std::map<std::string, bool>{{"Berlin", true}, {"Dnipro River", false}, {"Ukraine", false}}));
  EXPECT_TRUE(asideByPlace("He drew a historical parallel, referencing the post-WWII division of Berlin into American, "
                           "British, French, and Soviet zones.")["Berlin"]);
  EXPECT_TRUE(asideByPlace("\u201cYou could almost make it look like what happened with Berlin after World War Two,\u201d "
                           "Kellogg said.")["Berlin"]);
  // Not the war of now, nor a time to come.
  EXPECT_FALSE(asideByPlace("Troops would stay in Ukraine after the war ends.")["Ukraine"]);
  EXPECT_FALSE(asideByPlace("Berlin after the ceasefire would send troops.")["Berlin"]);
}

TEST(ExtractRound36, WhereSomeoneTravelsToIsNoPlaceOfTheArrangement) {
  // 386 (Kyiv labelled irrelevant), 220 (Washington labelled irrelevant).
  EXPECT_TRUE(asideByPlace("The plan was drawn up after a delegation of French and British military officials travelled to "
                           "Kyiv for meetings with Ukrainian President Volodymyr Zelenskyy.")["Kyiv"]);
  EXPECT_TRUE(asideByPlace("Stubb was one of several European leaders travelling to Washington in August for a joint "
                           "meeting with Trump.")["Washington"]);
  // Flights to Kyiv are what the arrangements would restart (615: Kyiv labelled a place of the arrangement).
  EXPECT_FALSE(asideByPlace("Stay informed about the prospects of flying to Kyiv once it is truly safe.")["Kyiv"]);
}

TEST(ExtractRound37, TwoCitiesOfOneDatelineAreBothTheDateline) {
  // 687 (Rahbar Kisan; Kyiv and Paris labelled irrelevant, Ukraine and Russia places of the arrangement).
  EXPECT_EQ(asideByPlace("KYIV/PARIS \u2014 French President Emmanuel Macron announced Thursday that 26 countries have "
                         "committed to deploying troops as a \u201creassurance force\u201d in Ukraine once the conflict with "
                         "Russia ends."),
            (std::map<std::string, bool>{{"Kyiv", true}, {"Paris", true}, {"Russia", false}, {"Ukraine", false}}));
  // Not a slash inside a sentence: "Kyiv/Odesa" past the opening is no dateline.
  EXPECT_FALSE(asideByPlace("Troops would guard the Kyiv/Odesa corridor.")["Odesa"]);
}

TEST(ExtractRound37, AVenueNamedWithItsDescriptionIsStillTheVenue) {
  // 672 (Billboard Lifestyle) and 082 (Inquirer): Vladivostok and Russia labelled irrelevant.
  EXPECT_EQ(asideByPlace("\u201cIf some military forces start appearing there, especially now, while the fighting is "
                         "ongoing, we will consider them legitimate targets to destroy,\u201d Putin said, speaking at an "
                         "economic forum in the Russian Far East city of Vladivostok."),
            (std::map<std::string, bool>{{"Vladivostok", true}}));
  EXPECT_TRUE(asideByPlace("\u201cWe assume that they will be legitimate targets,\u201d he said during a panel at the Eastern "
                           "Economic Forum in the far eastern Russian city of Vladivostok.")["Russia"]);
  // The description is no venue of its own: a force in "the port city of Odesa" is where it is.
  EXPECT_FALSE(asideByPlace("Troops would protect the southern port city of Odesa.")["Odesa"]);
  // Reach stays one word without the description ("talks in Paris with Kyiv's allies" keeps Kyiv).
  EXPECT_FALSE(asideByPlace("He held talks in Paris with Kyiv\u2019s allies.")["Kyiv"]);
}

TEST(ExtractRound37, AnEquivalentIsAComparison) {
  // 688 (World News Era; Iraq labelled irrelevant, the United Kingdom a place of the arrangement, 8,000 troops kept).
  const auto analysis = extractor().analyseSentence(
      "But doubts remain as to whether the UK \u2013 expected to contribute 8,000 troops in an enduring commitment "
      "equivalent to Operation Telic in Iraq \u2013 would be able to play its part without a sizeable boost to the "
      "defence budget.");
  std::map<std::string, bool> aside;
  for (const auto& m : analysis.places) aside.try_emplace(gazetteer().place(m.place).name, m.aside);
  EXPECT_EQ(aside, (std::map<std::string, bool>{{"Iraq", true}, {"United Kingdom", false}}));
  ASSERT_EQ(analysis.quantities.size(), 1u);
  EXPECT_EQ(analysis.quantities[0].max, 8000);
}

TEST(ExtractRound37, TheDonetsBasinAndRegionAreDonbasAndDonetskOblast) {
  // 675 (DZWatch; Donbas and Donetsk Oblast labelled places of the arrangement).
  EXPECT_EQ(placesIn("The President acknowledged that the fate of the entire Donets Basin and the final control of the "
                     "Zaporizhzhia Nuclear Power Plant remain the most complex unresolved issues."),
            (std::vector<std::string>{"Donbas", "Zaporizhzhia NPP"}));
  EXPECT_EQ(placesIn("According to the President, Washington is suggesting the creation of a free economic zone, entirely "
                     "demilitarized, throughout the Donets region."),
            (std::vector<std::string>{"Washington", "Donetsk Oblast"}));
  // The town of Donets (Kharkiv Oblast) keeps its own name.
  EXPECT_EQ(placesIn("Shelling hit Donets overnight."), std::vector<std::string>{"Donets"});
}

TEST(ExtractRound37, AStrengthIsATroopNumber) {
  // 688 (World News Era; 65,000 labelled a troop number).
  const std::string text = "The 65,000 strength has been chosen as the number which can keep Russian forces at bay.";
  const auto found = findQuantities(text, 0, text.size());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, QuantityKind::Troops);
  EXPECT_EQ(found[0].max, 65000);
  EXPECT_EQ(found[0].text, "65,000 strength");
}

TEST(ExtractRound37, ANamedModelIsAComparison) {
  // 168 (Time Ukraine Israel) and 311 (Zamin.uz): the Baltic states labelled irrelevant, Ukraine a place.
  EXPECT_EQ(asideByPlace("It is noted that the proposed mission to patrol the skies of Ukraine could be organized on the "
                         "model of similar NATO missions in the Baltic states."),
            (std::map<std::string, bool>{{"Estonia", true}, {"Latvia", true}, {"Lithuania", true}, {"Ukraine", false}}));
  EXPECT_TRUE(asideByPlace("It is noted that such a mission could be organised by analogy with the existing NATO missions "
                           "to patrol the skies over the Baltic states.")["Latvia"]);
}

TEST(ExtractRound37, WhoHoldsAPlaceNowIsNoPlaceOfTheArrangement) {
  // 466 (Newsmoco), 318 (GeopolReport): Russia not labelled; the plant is.
  EXPECT_EQ(placesIn("He noted that similar arrangements could be considered for the area surrounding the Zaporizhzhia "
                     "nuclear power plant, currently under Russian control."),
            std::vector<std::string>{"Zaporizhzhia NPP"});
  EXPECT_EQ(placesIn("Yet, one forgotten aspect is the Zaporizhzhya Nuclear Power Plant (ZNPP), which has been under "
                     "Russian control since March 2022."),
            std::vector<std::string>{"Zaporizhzhia NPP"});
  // A proposal is (040, The Odessa Journal: the United States labelled a place of the arrangement).
  EXPECT_EQ(placesIn("He described the Zaporozhye nuclear plant as neutral that \"could be under American control.\""),
            (std::vector<std::string>{"Zaporizhzhia NPP", "United States"}));
}

TEST(ExtractRound37, WhereTalksWereHeldIsTheirVenue) {
  // 206 (Charter 97), 437 (Irish Times), 176 (Eunews), 434 (Flashpoint Info), 168: the venues labelled irrelevant.
  EXPECT_TRUE(asideByPlace("Officials involved in the Paris talks said it meant that a robust and neutral cease-fire "
                           "monitoring system was crucial to a potential peace deal.")["Paris"]);
  EXPECT_TRUE(asideByPlace("A day after Berlin talks with European leaders and US negotiators, Mr Merz told German "
                           "television he could envision peace-agreement rules.")["Berlin"]);
  EXPECT_TRUE(asideByPlace("Several operational ideas emerged from the London session, including the formula of a "
                           "military force on four levels.")["London"]);
  EXPECT_EQ(asideByPlace("After talks with Ukraine's allies in Paris, he stated that the UK and France would establish "
                         "military hubs across Ukraine."),
            (std::map<std::string, bool>{{"France", false}, {"Paris", true}, {"Ukraine", false}, {"United Kingdom", false}}));
  EXPECT_TRUE(asideByPlace("After talks with the US delegation in Saudi Arabia, Russian Foreign Minister Sergei Lavrov said "
                           "that Moscow would not agree to the deployment of any foreign troops in Ukraine.")["Saudi Arabia"]);
  // A country before "talks" is a party to them; "held in" keeps the place where a deal was made (024, TRT World).
  EXPECT_FALSE(asideByPlace("Initial UK-France talks covered the force.")["France"]);
  EXPECT_FALSE(asideByPlace("Russia and Ukraine have agreed to halt military strikes in the Black Sea, achieving a tentative "
                            "first step towards peace in talks with the United States held in Saudi Arabia.")["Saudi Arabia"]);
  // Talks about a place keep it.
  EXPECT_FALSE(asideByPlace("He held talks with Russia on a ceasefire in Ukraine.")["Ukraine"]);
}

TEST(ExtractRound37, APlaceAndTheDateOfAnEventIsTheEventsVenue) {
  // 221 (BB.lv): Abu Dhabi labelled irrelevant.
  EXPECT_TRUE(asideByPlace("During the negotiations in Abu Dhabi on February 4 and 5, Ukrainian representatives discussed "
                           "the possibility of a partial withdrawal of Russian armed forces from the front line.")["Abu Dhabi"]);
  EXPECT_TRUE(asideByPlace("Zelensky signed it in Kyiv on Feb. 24.")["Kyiv"]);
  // "May" after the place is the verb, not the month.
  EXPECT_FALSE(asideByPlace("Troops stationed in Ukraine may deter Russia.")["Ukraine"]);
  EXPECT_FALSE(asideByPlace("Troops would be in Ukraine on a rotating basis.")["Ukraine"]);
}

TEST(ExtractRound38, ADatelineWithTheDayBeforeTheMonth) {
  // 698 (LaPresse): Rome labelled irrelevant.
  EXPECT_TRUE(asideByPlace("Rome, 20 May (LaPresse) \u2013 The Pentagon announced in a statement that it had \u201creduced "
                           "the total number of Combat Brigades assigned to Europe from four to three\u201d.")["Rome"]);
  // A place, a comma and a number of something else is no dateline.
  EXPECT_FALSE(asideByPlace("Poland, 10 000 troops strong, would lead.")["Poland"]);
}

TEST(ExtractRound38, WhereAnOrganisationIsBasedIsNoPlaceOfTheArrangement) {
  // 696 (Bloomberg Opinion), 029 (Kyiv Independent): London and Kyiv labelled irrelevant.
  EXPECT_TRUE(asideByPlace("A report published this week by the London-based International Institute for Strategic "
                           "Studies tries to match the continent's limited capabilities and reserves to different "
                           "hypothetical force sizes for Ukraine.")["London"]);
  EXPECT_TRUE(asideByPlace("But Oleksiy Melnyk, co-director of foreign policy and international security at the Kyiv-based "
                           "think tank Razumkov Center, used a curious but vivid metaphor to demonstrate that context is key "
                           "when talking about completion rates.")["Kyiv"]);
  // The coalition's headquarters is (341, Army Recognition: Paris labelled a place of the arrangement).
  EXPECT_FALSE(asideByPlace("According to a joint statement, the Paris-based command center will be co-led by Britain and "
                            "France for the first 12 months.")["Paris"]);
}

TEST(ExtractRound38, TheBuildingAMeetingIsHeldAtIsItsVenue) {
  // 700 (Hell and Back Co), 415 (Intent): Ankara labelled irrelevant, the Black Sea a place of the arrangement.
  EXPECT_EQ(asideByPlace("The talks, held at the Turkish Naval Forces Headquarters in Ankara, aim to develop a framework "
                         "for maritime security following a potential ceasefire between Russia and Ukraine."),
            (std::map<std::string, bool>{{"Ankara", true}, {"Russia", false}, {"Ukraine", false}}));
  EXPECT_EQ(asideByPlace("Russian and Ukrainian officials would meet at the Naval Command in Ankara to discuss the security "
                         "of the Black Sea."),
            (std::map<std::string, bool>{{"Ankara", true}, {"Black Sea", false}}));
}

TEST(ExtractRound38, ADatedInvasionIsHistory) {
  // 418 (Military Stuff): Russia and Ukraine labelled irrelevant, the United States a place of the arrangement.
  EXPECT_EQ(asideByPlace("While thousands of US troops had been temporarily surged into the region following Russia\u2019s "
                         "full-scale invasion of Ukraine in 2022, the US Army stated the returning unit will redeploy to its "
                         "home base in Kentucky without a replacement, thus reducing the overall American footprint."),
            (std::map<std::string, bool>{{"Russia", true}, {"Ukraine", true}, {"United States", false}}));
  // 363 (Hong Kong Wire): the year before the noun.
  EXPECT_TRUE(asideByPlace("The decision follows a review of rotational deployments introduced after Russia\u2019s 2022 "
                           "invasion of Ukraine.")["Ukraine"]);
  // 554 (Capital Cities): an annexation, and the month before the year.
  EXPECT_TRUE(asideByPlace("Such a move could embolden adversarial forces by diminishing the immediate military deterrent "
                           "that has underpinned NATO\u2019s eastern flank since Russia\u2019s annexation of Crimea in "
                           "2014.")["Russia"]);
  // Undated, it is the war the arrangement would end (661, NasdaqPicks: both labelled places of the arrangement).
  EXPECT_EQ(asideByPlace("Donald Trump has raised the possibility of the US taking control of Ukraine\u2019s nuclear power "
                         "plants, as part of his push to end Russia\u2019s invasion of Ukraine."),
            (std::map<std::string, bool>{{"Russia", false}, {"Ukraine", false}, {"United States", false}}));
}

TEST(ExtractRound39, ATroopNumberNamedAgainBareIsTheSameCount) {
  // 449 (Telegraf): "200,000 is the minimum." after "sending at least 200,000 peacekeepers" (both labelled 200,000).
  const auto telegraf = devsetReport("449_telegraf.txt");
  const auto minimum = sentenceWith(telegraf, "200,000 is the minimum.");
  ASSERT_EQ(minimum.quantities.size(), 1u);
  EXPECT_EQ(minimum.quantities[0].kind, QuantityKind::Troops);
  EXPECT_EQ(minimum.quantities[0].max, 200000);
  EXPECT_TRUE(minimum.quantities[0].namedEarlier);
  EXPECT_EQ(minimum.quantities[0].text, "200,000");
  EXPECT_NE(std::find(minimum.cues.begin(), minimum.cues.end(), "a troop number named earlier in the document"),
            minimum.cues.end());
  // Only a number the document gave as troops before: alone, or after another count, a bare number is none.
  const std::string alone = "200,000 is the minimum.";
  EXPECT_TRUE(findQuantities(alone, 0, alone.size()).empty());
  const std::vector<double> earlier = {200000};
  const std::string other = "The fund holds 300,000 is the minimum.";
  EXPECT_TRUE(findQuantities(other, 0, other.size(), earlier).empty());
  // Nor a year, nor a number followed by what it counts.
  const std::vector<double> troops2000 = {2000, 5000};
  const std::string year = "In 2000 the talks began, and 5,000 drones flew.";
  EXPECT_TRUE(findQuantities(year, 0, year.size(), troops2000).empty());
}

TEST(ExtractRound40, TheDeadAndWoundedAreNoForce) {
  // 729 (Banthese), 318 (GeopolReport): no troop number labelled in either sentence.
  for (const std::string text : {"Zelenskyy said more than 45,000 Ukrainian soldiers had been killed and 390,000 wounded in "
                                 "a February interview with Piers Morgan.",
                                 "Moreover, approximately 46- 50,000 Ukrainian troops have died."})
    EXPECT_TRUE(findQuantities(text, 0, text.size()).empty()) << text;
  // A force that is sent, or is already there, stays one.
  const std::string sent = "Britain could send 10,000 troops who have been trained for the task.";
  ASSERT_EQ(findQuantities(sent, 0, sent.size()).size(), 1u);
  const std::string stationed = "About 1,000 American soldiers were stationed there.";
  ASSERT_EQ(findQuantities(stationed, 0, stationed.size()).size(), 1u);
}

TEST(ExtractRound40, WhereSomeoneReturnedFromOrWhereLeadersGatherIsNoPlaceOfTheArrangement) {
  // 749 (DutchNews), 123, 184, 750 (Capital Post): London, Turkmenistan, Britain and Paris labelled irrelevant.
  EXPECT_TRUE(asideByPlace("\u201cI would have liked to see the Netherlands take a step forward, as other countries have "
                           "done,\u201d Timmermans said after Schoof returned from London.")["London"]);
  EXPECT_TRUE(asideByPlace("Erdo\u011fan made the remarks upon returning from Turkmenistan, where the meeting with Vladimir "
                           "Putin took place on Friday.")["Turkmenistan"]);
  EXPECT_TRUE(asideByPlace("It is worth noting that after the March 15 meeting, Starmer announced that on Thursday, March "
                           "20, military officials would gather in Britain to plan ways to strengthen a future \u201cpeace "
                           "agreement.\u201d")["United Kingdom"]);
  EXPECT_TRUE(asideByPlace("A Coalition of the Willing Gathers in Paris")["Paris"]);
  // The place the troops would go to stays.
  EXPECT_FALSE(asideByPlace("Troops returning from Estonia would be sent to Ukraine.")["Ukraine"]);
}

TEST(ExtractRound41, TheAlternativeAPlanIsWeighedAgainstIsNoForce) {
  // 295 (Fortune), 340 (The Deep Dive): no troop number labelled.
  for (const std::string text :
       {"Proponents argue that Sky Shield could yield more significant military, political, and socioeconomic benefits "
        "than deploying 10,000 European ground troops.",
        "According to its architects, this air shield could \u201cachieve greater military, political, and socioeconomic "
        "impact than 10,000 European ground troops.\u201d"})
    EXPECT_TRUE(findQuantities(text, 0, text.size()).empty()) << text;
  // A comparative of size bounds the number instead.
  for (const std::string text : {"Britain would send more than 10,000 troops.", "a force greater than 10,000 troops",
                                 "a force of fewer than 30,000 troops"}) {
    const auto found = findQuantities(text, 0, text.size());
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].kind, QuantityKind::Troops) << text;
  }
}

TEST(ExtractRound41, AForceScaledDownToANumberHasThatSize) {
  // 789 (The Spectator): 30,000 labelled a troop number.
  expectOneTroopNumber("A month later, when the potential size of the force had been scaled down to 30,000, I called the "
                       "plans weirdly back-to-front and based on extremely dubious assumptions.",
                       30000);
  // A budget scaled down is no force.
  const std::string budget = "The size of the budget was scaled down to 30,000.";
  EXPECT_TRUE(findQuantities(budget, 0, budget.size()).empty());
}

TEST(ExtractRound42, TheCapitalOfACountryIsItsCity) {
  // 581 (It's Greece To Me): Paris labelled irrelevant (the venue); France not labelled.
  EXPECT_EQ(asideByPlace("Leaders from nearly 30 countries and NATO, along with EU chiefs met in the French capital to "
                         "also discuss bolstering aid to Kyiv and deploying European troops to secure long-term peace."),
            (std::map<std::string, bool>{{"Kyiv", false}, {"Paris", true}}));
  // 556 (British Columbia Times), 167 (Tesaa World), 021 (Star Tribune): the city named after it is the one place.
  EXPECT_EQ(placesIn("Visiting the Ukrainian capital Kyiv on Friday (January 9), defence minister John Healey said the "
                     "money would be spent on upgrading vehicles."),
            std::vector<std::string>{"Kyiv"});
  EXPECT_EQ(placesIn("Starmer confirmed that the headquarters of the alliance is currently open and operating from the "
                     "French capital, Paris."),
            std::vector<std::string>{"Paris"});
  EXPECT_EQ(placesIn("Experts met separately with Ukrainian and Russian representatives in the Saudi capital of Riyadh."),
            std::vector<std::string>{"Riyadh"});
  // 735 (Slovak Monitor): a conference's venue.
  EXPECT_EQ(asideByPlace("On 14 April 2025, during a conference in the Slovak capital, President Pellegrini responded to a "
                         "moderator's question."),
            (std::map<std::string, bool>{{"Bratislava", true}}));
  // A demonym before another locating noun still names its country.
  EXPECT_EQ(placesIn("Jets would patrol Polish airspace near the capital."), std::vector<std::string>{"Poland"});
}

TEST(ExtractRound43, WhereAMeetingWithSomeoneTookPlaceIsItsVenue) {
  // 831 (Revolutions 2040), 409 (BSS): Washington and Ireland labelled irrelevant.
  EXPECT_TRUE(asideByPlace("NATO Secretary-General Mark Rutte, who helped sell the idea alongside European leaders during "
                           "meetings with President Donald Trump in Washington, carried that message on.")["Washington"]);
  EXPECT_TRUE(asideByPlace("Last Thursday, after a meeting with Ukrainian President Volodymyr Zelensky in Ireland, Martin "
                           "said he had proposed his country's participation in a peacekeeping mission.")["Ireland"]);
  // A meeting about a place keeps it.
  EXPECT_FALSE(asideByPlace("He sought a meeting with Russia on troops in Ukraine.")["Ukraine"]);
}

TEST(ExtractRound43, TheCountryThatLocatesAVenueGoesWithIt) {
  // 832 (Shadowline): Copenhagen and Denmark labelled irrelevant.
  EXPECT_EQ(asideByPlace("There is broad support among EU member states to extend the mission following a ceasefire, Kaja "
                         "Kallas said after a meeting of defence ministers in Copenhagen, Denmark."),
            (std::map<std::string, bool>{{"Copenhagen", true}, {"Denmark", true}}));
  // Another country after a comma is a place of its own.
  EXPECT_FALSE(asideByPlace("After a meeting in Copenhagen, Poland offered troops.")["Poland"]);
}

TEST(ExtractRound43, TroopNumbersInQuotesAndAsALimit) {
  // 835 (TV News Lies), 823 (Gulf Press): 200,000 and 800,000 labelled troop numbers.
  const std::string quoted = "Volodymyr Zelenskyy has said that \u201cat least 200,000\u201d allied troops would be needed.";
  const auto q1 = findQuantities(quoted, 0, quoted.size());
  ASSERT_EQ(q1.size(), 1u);
  EXPECT_EQ(q1[0].kind, QuantityKind::Troops);
  EXPECT_EQ(q1[0].min, 200000);
  EXPECT_EQ(q1[0].text, "at least 200,000\u201d allied troops");
  expectOneTroopNumber("A European counterproposal floated a higher limit of 800,000.", 800000);
  // A limit of something else is none.
  const std::string speed = "a speed limit of 90 km";
  for (const auto& q : findQuantities(speed, 0, speed.size())) EXPECT_NE(q.kind, QuantityKind::Troops);
}

TEST(ExtractRound44, WhereASpeakerSaidSomethingIsNoPlaceOfTheArrangement) {
  // 853 (Right2024), 607, 490: Brussels and Paris labelled irrelevant; Ukraine and Croatia stay places.
  EXPECT_EQ(asideByPlace("European Union President Ursula von der Leyen said in Brussels that European leaders "
                         "\u201cwelcome President Trump\u2019s willingness to contribute to Article-5-like security "
                         "guarantees for Ukraine.\u201d"),
            (std::map<std::string, bool>{{"Brussels", true}, {"Ukraine", false}}));
  EXPECT_TRUE(asideByPlace("\u201cWe are not talking about boots on the frontline,\u201d Emmanuel Macron said in Paris, "
                           "standing next to Zelensky.")["Paris"]);
  EXPECT_EQ(asideByPlace("Croatian Prime Minister Andrej Plenkovi\u0107 stated in Paris today that Croatia will maintain "
                         "its support for Ukraine."),
            (std::map<std::string, bool>{{"Croatia", false}, {"Paris", true}, {"Ukraine", false}}));
  // What is said about a place keeps it.
  EXPECT_FALSE(asideByPlace("Macron said troops in Ukraine would deter Russia.")["Ukraine"]);
}

TEST(ExtractRound44, APartyNamedAfterItsCountryIsNoPlace) {
  // 855 (Trending Feeds): no place labelled.
  EXPECT_TRUE(placesIn("The poll also showed that 83 percent of voters for the Alternative for Germany (AfD), a far-right "
                       "political party gaining popularity in the country, rejected the idea.")
                  .empty());
  EXPECT_EQ(placesIn("Germany would send troops."), std::vector<std::string>{"Germany"});
}

TEST(ExtractRound44, AMilitaryCappedAtANumberHasThatSize) {
  // 860 (YouGov): 600,000 labelled a troop number.
  expectOneTroopNumber("These include barring Ukraine from NATO; capping the Ukrainian military at 600,000, amnesty for all "
                       "parties in the conflict.",
                       600000);
  // A military spending figure is no force.
  const std::string budget = "The military spent $600,000 on fuel.";
  for (const auto& q : findQuantities(budget, 0, budget.size())) EXPECT_NE(q.kind, QuantityKind::Troops);
}

TEST(ExtractRound45, TheVenueOfAGatheringOrOfTalksBetweenPartiesIsAnAside) {
  // 882 (News Today), 885 (SpaceWar), 164 (Orda): Paris, Paris and Riyadh labelled irrelevant.
  EXPECT_EQ(asideByPlace("Special envoy Steve Witkoff, who represented the US at the Paris gathering, said they made "
                         "significant progress."),
            (std::map<std::string, bool>{{"Paris", true}, {"United States", false}}));
  EXPECT_EQ(asideByPlace("NATO chief Mark Rutte said Wednesday that he expected talks between European leaders in Paris to "
                         "firm up plans on security guarantees for Ukraine."),
            (std::map<std::string, bool>{{"Paris", true}, {"Ukraine", false}}));
  EXPECT_TRUE(asideByPlace("The White House announced following high-level talks between American and Ukrainian "
                           "delegations in Riyadh.")["Riyadh"]);
  // Talks between parties about a place keep it (195, labelled with Ukraine).
  EXPECT_FALSE(asideByPlace("Nuclear power is central to ongoing talks between the United States and Russia regarding the "
                            "future of the war in Ukraine.")["Ukraine"]);
}

TEST(ExtractRound45, ABroadcasterNamedAfterItsCityIsNoPlace) {
  // 886 (Zmist): Prague not labelled; the Czech Republic is.
  EXPECT_EQ(placesIn("In an interview with the CTK news agency, cited by Radio Prague International, Pavel stressed that "
                     "the Czech Republic could and should take part."),
            std::vector<std::string>{"Czechia"});
}

TEST(ExtractRound45, TheLevelAForceFallsToIsATroopNumber) {
  // 874 (Cybernistas): 600,000 labelled.
  const std::string shrink = "In contrast to the US plan which calls on Ukraine to shrink its forces from about 900,000 "
                             "soldiers to only 600,000, the European version states no restriction.";
  std::vector<double> troops;
  for (const auto& q : findQuantities(shrink, 0, shrink.size()))
    if (q.kind == QuantityKind::Troops && q.max) troops.push_back(*q.max);
  EXPECT_NE(std::find(troops.begin(), troops.end(), 600000), troops.end());
}

TEST(ExtractRound48, APhotoCaptionIsTheRulesDecisionNotTheModels) {
  // 948 (Morning Star, labelled not relevant): the rules read a caption (0), the model, weighing its words, lifted it.
  const std::string quote = "shake hands after the signing of the declaration on deploying post-ceasefire force in Ukraine";
  const auto s = sentenceWith(devsetReport("948_morning-star.txt"), quote);
  EXPECT_TRUE(s.photoCaption);
  EXPECT_EQ(s.relevance, s.rulesRelevance);
  expectNotRelevant("948_morning-star.txt", quote);
}

TEST(ExtractRound48, AContributionOfMoneyIsNoContributionOfForces) {
  auto hasCue = [](const SentenceAnalysis& s, const std::string& cue) {
    return std::find(s.cues.begin(), s.cues.end(), cue) != s.cues.end();
  };
  // 937 (iefimerida) and 293 (Greek City Times), labelled not relevant: a sum given to NATO's fund. The rules' score
  // (the model's first feature) drops under the bar: the word of giving is no cue there.
  for (const auto& [file, quote] : std::vector<std::pair<std::string, std::string>>{
           {"937_iefimerida.txt", "a contribution of 20 million euros as part of NATO's Prioritized Ukraine List"},
           {"293_greek-city-times.txt", "has already announced a €20 million contribution under NATO"},
       }) {
    const auto s = sentenceWith(devsetReport(file), quote);
    EXPECT_FALSE(hasCue(s, "contribution")) << quote;
    EXPECT_LT(s.rulesRelevance, kMinRelevance) << quote;
    expectNotRelevant(file, quote);
  }
  // 463 (labelled relevant): the sum is what a contribution of forces costs, further away; the cue stays.
  const std::string cost = "The cost of Britain’s contribution to a post-ceasefire stabilisation force for Ukraine";
  const auto s = sentenceWith(devsetReport("463_down-the-news.txt"), cost);
  EXPECT_TRUE(hasCue(s, "contribution"));
  EXPECT_GE(s.rulesRelevance, kMinRelevance);
  expectRelevantWithPlaces("463_down-the-news.txt", cost, {"United Kingdom", "Ukraine"});
}

TEST(ExtractRound48, TheWordsBeforeATroopNumberAreFoundInAnyCase) {
  // The fuzzer's find: a verb of sending spelled with a capital was matched in any case and then searched for in lower
  // case, which found nothing and read outside the text. From a bundled document's sentence (sources 002), mutated;
  // the fuzzer's input is tests/fuzz/regressions/document/deploying-capitalised.
  const std::string deploying = "The UK and other European nations are considering Deploying up to 30,000 troops to "
                                "Ukraine as part of a post-war force.";
  const auto found = findQuantities(deploying, 0, deploying.size());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, QuantityKind::Troops);
  EXPECT_EQ(found[0].max, 30000);
  // The alternative a plan is weighed against (round 41) is no force in capitals either.
  const std::string than = "Sky Shield could yield more benefits THAN Deploying 10,000 European ground troops.";
  EXPECT_TRUE(findQuantities(than, 0, than.size()).empty());
}

TEST(ExtractRound47, AContinentNamedAmericaIsNotTheUnitedStates) {
  // 926 (VHU Europe), 932 (PD Insure), 276 (GMF): no United States labelled.
  EXPECT_EQ(placesIn("While troops from India, Indonesia and South America could technically help make up the numbers "
                     "required, they would probably end up fighting."),
            (std::vector<std::string>{"India", "Indonesia"}));
  EXPECT_EQ(placesIn("It is time for the Global South, a coalition of nations from Africa, Asia, and Latin America, to lead "
                     "a United Nations-backed peacekeeping mission in Ukraine."),
            std::vector<std::string>{"Ukraine"});
  EXPECT_EQ(placesIn("GMF experts assessed the national perspectives across North America and Europe."),
            std::vector<std::string>{});
  // America alone is still the United States.
  EXPECT_EQ(placesIn("America would send jets."), std::vector<std::string>{"United States"});
}

TEST(ExtractRound47, AForceOfMaybeANumberHasThatSize) {
  // 926 (VHU Europe): 50-60,000 labelled a troop number.
  expectOneTroopNumber("He says the alternative is a force of \"maybe 50-60,000\" placed centrally with lots of mobility "
                       "across four centres.",
                       60000);
}

TEST(ExtractRound42, CapitalAsMoneyIsNoCity) {
  // "capital" followed by a word of money keeps its old reading (the demonym's country before a locating noun).
  EXPECT_EQ(placesIn("Sanctions slowed Russian capital flight."), std::vector<std::string>{"Russia"});
  EXPECT_EQ(placesIn("Troops met in the Russian capital."), std::vector<std::string>{"Moscow"});
}

TEST(ExtractRound49, ARussianTransliterationFindsTheTownOfTheRegionalList) {
  // 972 (Sputnik, labelled with Enerhodar) and 592 (SOFREP, labelled with Sudzha): Russian and wire spellings of towns
  // that only the regional GeoNames list holds, or a curated town.
  auto firstPlace = [](std::string_view sentence, const std::string& name) -> const PlaceEntry* {
    for (const auto& m : extractor().analyseSentence(sentence).places)
      if (gazetteer().place(m.place).name == name) return &gazetteer().place(m.place);
    return nullptr;
  };
  const auto* energodar = firstPlace("IAEA Director Rafael Grossi conveys Russia's views on the situation at the ZNPP and "
                                     "the city of Energodar to the leadership of other countries",
                                     "Enerhodar");
  ASSERT_NE(energodar, nullptr);
  // The GeoNames point of gazetteer_region.csv ("Enerhodar,47.49048,34.66199,UA,26"), the town and not the plant.
  EXPECT_NEAR(energodar->where.lat, 47.49048, 1e-4);
  EXPECT_NEAR(energodar->where.lon, 34.66199, 1e-4);
  EXPECT_EQ(energodar, firstPlace("Troops would guard the city of Enerhodar.", "Enerhodar"));
  EXPECT_NE(firstPlace("These, however, could not reach Sudja because the Russians held the supply road under fire "
                       "control.",
                       "Sudzha"),
            nullptr);
  // Air bases' towns and front towns in Russian spelling, each the same place as its Ukrainian name.
  for (const auto& [russian, ukrainian] : std::vector<std::pair<std::string, std::string>>{
           {"Starokonstantinov", "Starokostyantyniv"}, {"Mirgorod", "Myrhorod"}, {"Borispol", "Boryspil"},
           {"Druzhkovka", "Druzhkivka"}, {"Mirnograd", "Myrnohrad"}, {"Kremenchug", "Kremenchuk"}}) {
    const auto* a = firstPlace("Jets would be based near " + russian + " after the ceasefire.", ukrainian);
    ASSERT_NE(a, nullptr) << russian;
    EXPECT_EQ(a, firstPlace("Jets would be based near " + ukrainian + " after the ceasefire.", ukrainian)) << russian;
  }
  // Under the regional list's guard: written with a capital only.
  EXPECT_EQ(placesIn("the pology of the plan was offered by mirgorod officials"), std::vector<std::string>{});
}

TEST(ExtractRound49, TheOtherSideOfAComparisonIsAside) {
  // 654 (Asia Daily News), 960 (Strategic Study India), 971 (ForArmenians): the compared places are labelled not
  // relevant.
  EXPECT_TRUE(asideByPlace("To put the scale in context, the requested number of peacekeepers is comparable to the "
                           "entirety of France’s armed forces.")["France"]);
  EXPECT_EQ(asideByPlace("The security force required to truly safeguard the peace in Ukraine could be as large as the "
                         "entire military of either Greece or Spain."),
            (std::map<std::string, bool>{{"Greece", true}, {"Spain", true}, {"Ukraine", false}}));
  EXPECT_TRUE(asideByPlace("The conflict zone spans over 750 miles, comparable to the distance between New York and "
                           "Chicago, with both sides' military capabilities extending their reach deep into enemy lines "
                           "through drones and artillery.")["Chicago"]);
  // The size before the comparison is still the force's (654: 200,000 labelled).
  const auto equate = extractor().analyseSentence("200,000 peacekeepers equate to the size of France’s entire armed forces.");
  ASSERT_EQ(equate.quantities.size(), 1u);
  EXPECT_EQ(equate.quantities[0].max, 200000);
  // The comparison ends at its comma (912, Bankingnews: the United States labelled).
  EXPECT_FALSE(asideByPlace("Third, there will be a top level guarantee comparable to NATO’s Article 5, ensuring a "
                            "collective response from allies, including the United States, in the event of renewed "
                            "aggression.")["United States"]);
  expectRelevantWithPlaces("960_strategic-study-india.txt",
                           "The security force required to truly safeguard the peace in Ukraine could be as large as",
                           {"Ukraine"});
}

TEST(ExtractRound49, ATownBeforeItsAirportIsThatTown) {
  // 533 (JVS Law) and 125 (Manipulyator), labelled with Boryspil: a town of the regional list followed by a
  // capitalised word is otherwise part of another name.
  expectRelevantWithPlaces("533_jvs-law.txt", "On 10 September 2025, Boryspil International Airport announced",
                           {"Boryspil", "London", "Ukraine"});
  expectRelevantWithPlaces("125_manipulyator.txt", "could reach Boryspil Airport in just a couple of minutes",
                           {"Boryspil"});
  EXPECT_EQ(placesIn("Jets could use Myrhorod Air Base after the ceasefire."), std::vector<std::string>{"Myrhorod"});
  // Any other capitalised word still makes a longer name.
  EXPECT_EQ(placesIn("The Boryspil Regional Council met on Tuesday to discuss the reopening of the airport."),
            std::vector<std::string>{});
}

TEST(ExtractRound49, APossessiveThatLostItsApostropheIsTheCountry) {
  // 528 (Bashk TV) and 331 (Origo News), labelled with Ukraine and Finland.
  expectRelevantWithPlaces("528_bashk-tv.txt", "would very much be on Ukraines side", {"Ukraine"});
  expectRelevantWithPlaces("331_origo-news.txt", "Finlands Foreign Minister Elina Valtonen acknowledged", {"Finland"});
  EXPECT_EQ(placesIn("The observers left the country following Russias full-scale invasion."),
            std::vector<std::string>{"Russia"});
}

TEST(ExtractRound50, APersonWhoseSurnameIsAPlaceIsNoPlace) {
  // 981 (Online.ua) and 999 (A News): the Portuguese prime minister and the Lithuanian defence minister, labelled
  // without Montenegro or Kaunas.
  expectRelevantWithPlaces("981_online-ua.txt", "Montenegro said that on the issue of the deployment of troops in Ukraine",
                           {"Ukraine", "Portugal"});
  EXPECT_FALSE(candidatePlacesWith(devsetReport("981_online-ua.txt"), "Portuguese Prime Minister Luiz Montenegro said")
                   .count("Montenegro"));
  expectRelevantWithPlaces("999_a-news.txt", "Kaunas declined to specify what form Lithuania's contribution might take",
                           {"Lithuania"});
  // Without a person of that name in the document, a capital that speaks is the capital; a title with a given name
  // before a place that is no surname stays a place ("President Donald Trump" names no place).
  EXPECT_EQ(placesIn("Moscow said that foreign troops in Ukraine would be legitimate targets."),
            (std::vector<std::string>{"Moscow", "Ukraine"}));
  EXPECT_EQ(placesIn("Poland's President Confirms U.S. Troops Will Stay in Europe, Eyes 'Fort Trump' Base"),
            (std::vector<std::string>{"Poland", "United States"}));
}

TEST(ExtractRound50, AMonitoringMissionIsOnTheArrangements) {
  // 331 (Origo News), labelled relevant with the United States and Ukraine: "monitoring" alone scored 1.5.
  const std::string quote = "OSCE member states are already considering what a monitoring mission in Ukraine might entail";
  const auto s = sentenceWith(devsetReport("331_origo-news.txt"), quote);
  EXPECT_NE(std::find(s.cues.begin(), s.cues.end(), "monitoring mission"), s.cues.end());
  EXPECT_STREQ(s.optionId(), "buffer_zone");
  expectRelevantWithPlaces("331_origo-news.txt", quote, {"United States", "Ukraine"});
  // Given alone, where the rules decide: 566 (Newsy Today), labelled relevant (under the bar without the cue).
  EXPECT_TRUE(extractor()
                  .analyseSentence("International monitoring missions – likely led by the UN and an NATO-backed contingent "
                                   "– would enforce compliance.")
                  .relevant());
}

TEST(ExtractRound51, NzIsNewZealandButNotInItsBroadcastersName) {
  // 286 and 1027 (RNZ), labelled with New Zealand; 788 (Radio NZ quoted) and 1033 (Fakti.bg quoting the Kyiv Post)
  // labelled without New Zealand or Kyiv.
  expectRelevantWithPlaces("286_rnz.txt", "Luxon says NZ stands with Ukraine, no decision on peacekeeping",
                           {"New Zealand", "Ukraine"});
  EXPECT_EQ(placesIn("Any NZ peacekeeping in Ukraine would be a 'one-hit wonder' - veteran"),
            (std::vector<std::string>{"New Zealand", "Ukraine"}));
  EXPECT_EQ(placesIn("We really much stand with Ukraine,” he told Radio NZ."), std::vector<std::string>{"Ukraine"});
  EXPECT_EQ(placesIn("As outrage grows over the planned withdrawal of a US rotational brigade from Romania, several "
                     "sources have told the “Kiev Post“ that the change is just the first step."),
            (std::vector<std::string>{"United States", "Romania"}));
  // Written in capitals only.
  EXPECT_EQ(placesIn("The nz figures for Ukraine were revised."), std::vector<std::string>{"Ukraine"});
}

TEST(ExtractRound52, AHeadlineNamesThePersonTheOpeningIntroducesLater) {
  // 1046 (LNG in Northern BC): "Montenegro admits …" and "Montenegro excluded …" before and after "Prime Minister
  // Luis Montenegro reiterated …"; labelled with Portugal and Ukraine, never Montenegro.
  const auto report = devsetReport("1046_lng-in-northern-bc.txt");
  for (const auto& c : candidatesOf(extractor(), report))
    EXPECT_NE(gazetteer().place(c.place).name, "Montenegro") << c.quote;
  // A document that gives no person that name keeps the country, whatever verb follows.
  bool country = false;
  for (const auto& c : candidatesOfText("Montenegro rejects the plan for a reassurance force in Ukraine.\n\nMontenegro "
                                        "excluded sending troops to Ukraine after the ceasefire, its government said.\n"))
    country = country || gazetteer().place(c.place).name == "Montenegro";
  EXPECT_TRUE(country);
}

TEST(ExtractRound53, ADatelineInBracketsAndAPressScrumAreAside) {
  // 1070 (DayFR24, a translation of La Presse): labelled with Ukraine and Russia, Warsaw and Poland irrelevant.
  EXPECT_EQ(asideByPlace("(Warsaw, Poland) The Ministry of Defense is working to prepare for various military scenarios "
                         "for a possible deployment of Canadian troops on Ukrainian territory to find that Ukraine and "
                         "Russia manage to agree on a cease-fire or a peace agreement."),
            (std::map<std::string, bool>{{"Warsaw", true}, {"Poland", true}, {"Ukraine", false}, {"Russia", false}}));
  EXPECT_TRUE(asideByPlace("The Canadian Armed Forces very closely follow what’s going on on the ground, “said the "
                           "Minister of Defense during a short press scrum in Warsaw.")["Warsaw"]);
  // 675 (labelled with Kyiv irrelevant).
  EXPECT_TRUE(asideByPlace("Speaking at a press briefing in Kyiv, Zelenskyy emphasized that only the people of Ukraine "
                           "will have the final say.")["Kyiv"]);
  // Brackets that hold more than places, or that do not open the sentence, are no dateline.
  EXPECT_FALSE(asideByPlace("(Poland and Romania would host the jets) The plan is still open.")["Poland"]);
  EXPECT_FALSE(asideByPlace("The hub (Rzeszów, Poland) would receive the first US jets after the ceasefire.")["Poland"]);
}

TEST(ExtractRound54, ACaptionThatSaysItIsOneIsTheRulesDecision) {
  // 1010 (AFN), 1105 (Ekwutos Blog), 572 (a US Navy photo credit): labelled not relevant.
  for (const char* caption : {"Pictured: North Korea is seen from the South Korean side of the demilitarized zone, or DMZ.",
                              "The U.S. Army test fires a Patriot missile (File photo)",
                              "Ukraine's President Volodymyr Zelenskyy gives a press conference, Kyiv, Feb. 19, 2025. (AP Photo)",
                              "(Photo: US Navy/Mass Communication Specialist 3rd Class Robert S."}) {
    const auto s = extractor().analyseSentence(caption);
    EXPECT_TRUE(s.photoCaption) << caption;
    EXPECT_FALSE(s.relevant()) << caption;
  }
  EXPECT_TRUE(candidatePlacesWith(devsetReport("1010_afn.txt"), "Pictured: North Korea is seen").empty());
  // Brackets that say something else, or a photo named inside the text, are no caption.
  for (const char* sentence : {"The US would send Patriot batteries (two of them) to Poland after the ceasefire.",
                               "A photo of the signing in Paris showed the coalition's leaders with troops for Ukraine."})
    EXPECT_FALSE(extractor().analyseSentence(sentence).photoCaption) << sentence;
}

TEST(ExtractRound57, TheZaporizhzhiaPlantWithoutNuclearIsTheNuclearPlant) {
  // 1180 (AnewZ, half x): labelled with the plant, Enerhodar and Ukraine, relevant (the plant in the peace framework).
  const auto anewz = devsetReport("1180_anewz.txt");
  const std::string framework = "The Zaporizhzhia plant, located in the southern Ukrainian city of Enerhodar";
  EXPECT_EQ(candidatePlacesWith(anewz, framework),
            (std::set<std::string>{"Zaporizhzhia NPP", "Enerhodar", "Ukraine"}));
  const auto s = sentenceWith(anewz, framework);
  EXPECT_TRUE(s.relevant());
  for (const auto& m : s.places)
    if (gazetteer().place(m.place).name == "Zaporizhzhia NPP")  // the plant's site, not the city 50 km away
      EXPECT_LT(kilometres(gazetteer().place(m.place).where, {34.58583, 47.51222}), 5);
  // 667 (1NewsDay, labelled with the plant and the United States): a spelling with one "zh", in a quote.
  EXPECT_TRUE(candidatePlacesWith(devsetReport("667_1newsday.txt"), "discussed only the Zaporizhia plant")
                  .count("Zaporizhzhia NPP"));
  EXPECT_EQ(placesIn("The Zaporizhzhia plant is one of the points of the peace framework."),
            std::vector<std::string>{"Zaporizhzhia NPP"});
  // The city stays the city where no plant follows its name.
  EXPECT_EQ(placesIn("Russian drones struck Zaporizhzhia overnight."), std::vector<std::string>{"Zaporizhzhia"});
}
