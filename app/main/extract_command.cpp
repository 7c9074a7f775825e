// `briefmap extract --out candidates.geojson DOC…`: candidate places from documents, with provenance.
#include <chrono>
#include <algorithm>
#include <cstdio>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_reader.hpp"
#include "briefmap/extract/extractor.hpp"
#include "commands.hpp"

namespace briefmap::cli {
namespace {

// A sentence's places and quantities, as --explain and --relevance-features print them: "Poland, Rzeszów (aside),
// [25,000 troops (troops)]".
std::string placesOf(const extract::Gazetteer& gazetteer, const extract::SentenceAnalysis& s) {
  std::string places;
  for (const auto& m : s.places)
    places += (places.empty() ? "" : ", ") + gazetteer.place(m.place).name + (m.aside ? " (aside)" : "");
  for (const auto& q : s.quantities) places += (places.empty() ? "[" : ", [") + q.text + " (" + q.unit + ")]";
  return places;
}

// One line per sentence that names a place, gives a quantity or has a cue: what decided it, for an analyst
// who wonders why a sentence gave no candidate (and for tuning on a labelled set).
void explainDocument(const extract::Extractor& extractor, const extract::Gazetteer& gazetteer,
                     const extract::Document& doc) {
  extractor.forEachSentence(doc, [&](const extract::SentenceAnalysis& s) {
    if (s.places.empty() && s.quantities.empty() && s.relevance <= 0) return;
    // The opening, cut at 160 bytes but never inside a UTF-8 sequence (continuation bytes are 10xxxxxx), so each
    // line stays valid UTF-8.
    size_t length = std::min<size_t>(s.end - s.start, 160);
    while (length < s.end - s.start && length > 0 && (static_cast<unsigned char>(doc.text[s.start + length]) & 0xC0) == 0x80)
      --length;
    std::string cues, text = doc.text.substr(s.start, length);
    for (const auto& c : s.cues) cues += (cues.empty() ? "" : ", ") + c;
    std::string places = placesOf(gazetteer, s);
    for (char& c : text)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    std::printf("%s\t%zu\t%.3f\t%s\t%s\t%s\t%s\t%s\n", doc.name.c_str(), s.start, s.relevance,
                s.relevant() ? "candidates" : "-", s.option >= 0 ? s.optionId() : "-", cues.c_str(), places.c_str(),
                text.c_str());
  });
}

// One line per sentence the learned relevance weighs: document, byte offset, places, features (the training data).
void printRelevanceFeatures(const extract::Extractor& extractor, const extract::Gazetteer& gazetteer,
                            const extract::Document& doc) {
  extractor.forEachWeighedSentence(doc, [&](const extract::SentenceAnalysis& s, std::string_view features) {
    std::printf("%s\t%zu\t%s\t%.*s\n", doc.name.c_str(), s.start, placesOf(gazetteer, s).c_str(),
                static_cast<int>(features.size()), features.data());
  });
}

}  // namespace

int runExtract(const ExtractOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  try {
    // Every document is read before anything is written: one bad file leaves no output at all.
    std::vector<extract::Document> documents;
    for (const auto& path : options.documents) documents.push_back(extract::loadDocument(path));
    const auto gazetteer = extract::Gazetteer::load(data::findGeodataDir());
    const extract::Extractor extractor(gazetteer);
    data::Layer layer;
    layer.id = "extract/candidates";
    layer.name = "candidates";
    for (const auto& doc : documents) {
      // One reading of the document gives both its candidates and its facts.
      const auto found = extract::extractAll(extractor, doc);
      for (const auto& w : extract::readingWarnings(doc, found)) std::fprintf(stderr, "briefmap extract: %s\n", w.c_str());
      for (const auto& c : found.candidates) layer.features.push_back(extract::toFeature(c, gazetteer, doc.encoding));
      // Troop numbers without a place: features without geometry (null in GeoJSON), kind "fact".
      for (const auto& f : found.facts) layer.features.push_back(extract::toFeature(f, doc.encoding));
      if (options.explain) explainDocument(extractor, gazetteer, doc);
      if (options.relevanceFeatures) printRelevanceFeatures(extractor, gazetteer, doc);
    }
    extract::writeCandidates(options.out, layer);
    if (!options.quiet) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      std::printf("%zu candidates from %zu documents written to %s (%.0f ms)\n", layer.features.size(),
                  documents.size(), options.out.c_str(), ms);
    }
    return 0;
  } catch (const extract::DocumentError& e) {
    std::fprintf(stderr, "briefmap extract: %s\n", e.what());
  } catch (const data::DataError& e) {
    std::fprintf(stderr, "briefmap extract: %s\n", e.what());
  } catch (const data::WriteError& e) {
    std::fprintf(stderr, "briefmap extract: %s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap extract: %s\n", e.what());
  }
  return 1;
}

}  // namespace briefmap::cli
