#pragma once
// Internal to the extract module: the learned sentence model (issue 13). The rules score a sentence and pick its
// option; two logistic regressions trained on the labelled reports (tools/train_relevance.py) weigh that with the
// sentence's words, word pairs, cues, option, places and its neighbour: one decides whether the sentence is relevant
// (round 26), the other which option a relevant sentence is about (round 29).
// The features are defined here only: the training tool reads them from `briefmap extract --relevance-features`, so
// the models and the program cannot disagree on what a feature is (`train_relevance.py --check` compares the two).
#include <cstdint>
#include <span>
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

/// The features of a sentence the rules have scored (s.rulesRelevance and s.rulesOption are theirs; `tokens` are the
/// sentence's), as the text the training tool reads: "rel:0.4 rel=4 opt=buffer_zone … w=troops b=peacekeeping_force",
/// separated by spaces, each binary feature once.
std::string relevanceFeatures(const Gazetteer& gazetteer, const SentenceAnalysis& s, const Tokens& tokens,
                              const SentenceHistory& history);

/// One generated weights file: per feature, one weight per column, in an open-addressing table keyed by the hash of
/// the feature's name. Lines "intercept" and "rel" (the rules' score, the one feature with a value) are kept apart;
/// an optional first line "option<TAB>name…" names the columns.
class WeightTable {
 public:
  WeightTable(std::string_view tsv, std::string_view fileName);
  size_t columns() const { return m_intercept.size(); }
  const std::vector<std::string>& columnNames() const { return m_columnNames; }
  size_t size() const { return m_count; }
  /// scores[k] = intercept[k] + rel[k] × rulesRelevance + the sum of the features' weights in column k.
  void score(std::span<const uint64_t> hashes, double rulesRelevance, std::span<double> scores) const;

 private:
  std::vector<uint64_t> m_keys;  // 0 = empty slot (a feature hashing to 0 is moved to 1)
  std::vector<float> m_weights;  // columns() per slot
  std::vector<double> m_intercept, m_relWeight;
  std::vector<std::string> m_columnNames;
  size_t m_count = 0;
};

/// What the model says of a sentence.
struct SentenceWeighing {
  double relevance = 0;  ///< 0..1 (three decimals), with the trained threshold at kMinRelevance
  int option = -1;       ///< index into kOptionIds; -1 for a relevant sentence of no option, and when not relevant
};

/// The bundled models (app/extract/relevance_weights.inc and option_weights.inc).
class SentenceModel {
 public:
  SentenceModel();  ///< parses the bundled weights
  SentenceWeighing weigh(const Gazetteer& gazetteer, const SentenceAnalysis& s, const Tokens& tokens,
                         const SentenceHistory& history) const;
  size_t relevanceFeatureCount() const { return m_relevance.size(); }
  size_t optionFeatureCount() const { return m_option.size(); }

 private:
  WeightTable m_relevance, m_option;
  std::vector<int> m_optionOfColumn;    // the option table's columns as kOptionIds indices, -1 for "none"
  uint64_t m_wordPrefix, m_pairPrefix;  // the prefixes of word and word-pair features, hashed once
};

}  // namespace briefmap::extract::detail
