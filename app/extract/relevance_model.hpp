#pragma once
// Internal to the extract module: the learned sentence relevance (issue 13, round 26). The rules score a sentence;
// a logistic regression trained on the labelled reports (tools/train_relevance.py) weighs that score with the
// sentence's words, word pairs, cues, option, places and its neighbour, and decides whether the sentence is relevant.
// The features are computed here only: the training tool reads them from `briefmap extract --relevance-features`,
// so the model and the program can never disagree on what a feature is.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "briefmap/extract/extractor.hpp"
#include "text_scan.hpp"

namespace briefmap::extract::detail {

/// What the model knows of a sentence's document when it weighs the sentence: only what came before (the document
/// is read one sentence at a time). It weighs sentences of documents whose opening is about the arrangements only.
struct SentenceHistory {
  int weighedBefore = 0;          ///< sentences of the document weighed so far
  double previousRelevance = -1;  ///< the rules' relevance of the last sentence weighed; -1 when none
};

/// Calls `feature(name, value)` for each feature of a sentence the rules have scored (s.rulesRelevance is their
/// score). Names are stable strings ("w=troops", "b=peacekeeping_force", "cue=deploy", "opt=buffer_zone" …).
/// `scratch` is reused between calls so that weighing a sentence allocates nothing once warm.
void forEachRelevanceFeature(const Gazetteer& gazetteer, std::string_view text, const SentenceAnalysis& s,
                             const SentenceHistory& history, Tokens& scratch, std::string& name,
                             const std::function<void(std::string_view name, double value)>& feature);

/// The weights of the bundled model (app/extract/relevance_weights.inc), by the hash of each feature's name.
class RelevanceModel {
 public:
  RelevanceModel();  ///< parses the bundled weights
  /// The model's relevance of a sentence, 0..1, with the trained threshold at kMinRelevance (the bar).
  double relevance(const Gazetteer& gazetteer, std::string_view text, const SentenceAnalysis& s,
                   const SentenceHistory& history, Tokens& scratch, std::string& name) const;
  size_t size() const { return m_weights.size(); }

 private:
  std::unordered_map<uint64_t, double> m_weights;
  double m_intercept = 0;
};

}  // namespace briefmap::extract::detail
