#pragma once
// Internal to the extract module: the learned sentence relevance (issue 13, round 26). The rules score a sentence;
// a logistic regression trained on the labelled reports (tools/train_relevance.py) weighs that score with the
// sentence's words, word pairs, cues, option, places and its neighbour, and decides whether the sentence is relevant.
// The features are defined here only: the training tool reads them from `briefmap extract --relevance-features`, so
// the model and the program cannot disagree on what a feature is (`train_relevance.py --check` compares the two).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "briefmap/extract/extractor.hpp"
#include "text_scan.hpp"

namespace briefmap::extract::detail {

/// What the model knows of a sentence's document when it weighs the sentence: only what came before (the document
/// is read one sentence at a time). It weighs sentences of documents whose opening is about the arrangements only.
struct SentenceHistory {
  int weighedBefore = 0;          ///< sentences of the document weighed so far
  double previousRelevance = -1;  ///< the rules' relevance of the last sentence weighed; -1 when none
};

/// The features of a sentence the rules have scored (s.rulesRelevance is their score; `tokens` are the sentence's),
/// as the text the training tool reads: "rel:0.4 rel=4 opt=buffer_zone … w=troops b=peacekeeping_force", separated
/// by spaces, each binary feature once.
std::string relevanceFeatures(const Gazetteer& gazetteer, const SentenceAnalysis& s, const Tokens& tokens,
                              const SentenceHistory& history);

/// The weights of the bundled model (app/extract/relevance_weights.inc), in an open-addressing table keyed by the
/// hash of each feature's name.
class RelevanceModel {
 public:
  RelevanceModel();  ///< parses the bundled weights
  /// The model's relevance of a sentence, 0..1 (three decimals), with the trained threshold at kMinRelevance.
  double relevance(const Gazetteer& gazetteer, const SentenceAnalysis& s, const Tokens& tokens,
                   const SentenceHistory& history) const;
  size_t size() const { return m_count; }

 private:
  double weightOf(uint64_t hash) const;
  std::vector<uint64_t> m_keys;  // 0 = empty slot (a feature hashing to 0 is moved to 1)
  std::vector<float> m_weights;
  size_t m_count = 0;
  double m_intercept = 0;
  double m_relWeight = 0;  // the one feature with a value: the rules' score
  uint64_t m_wordPrefix, m_pairPrefix;  // the prefixes of word and word-pair features, hashed once
};

}  // namespace briefmap::extract::detail
