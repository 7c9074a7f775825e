// The session's share of the Sources panel: the candidates of the document being read, drawn as a layer
// above the options, and picked before them.
#include <algorithm>
#include <cmath>
#include <set>

#include "briefmap/render/scene.hpp"
#include "briefmap/session/frame_builder.hpp"
#include "briefmap/session/map_session.hpp"

namespace briefmap::session {
namespace {

// The one in focus is filled orange, the colour `briefmap extract` writes candidates in.
const render::Rgba kFocusOrange = render::Rgba::hex(0xd55e00);

}  // namespace

void MapSession::refreshCandidates(AppState& state) {
  const auto& src = state.sources;
  if (!src.showPanel || src.selected < 0 || src.selected >= static_cast<int>(src.documents.size()) ||
      src.documents[src.selected]->features.empty()) {
    state.candidateDraws.clear();
    m_sourceScenes = SourceSceneCache{};
    return;
  }
  const auto& document = src.documents[src.selected];
  const int focused = src.focus.document == src.selected ? src.focus.candidate : -1;
  auto& cache = m_sourceScenes;
  if (cache.document != document || cache.candidate != focused || cache.generation != m_generation) {
    state.candidateDraws.clear();
    // One point per place: a place named in several sentences is one symbol and one label.
    data::Layer all, focus;
    std::set<std::string> seen;
    for (size_t i = 0; i < document->features.size(); ++i) {
      const auto& feature = document->features[i];
      if (static_cast<int>(i) == focused) focus.features.push_back(feature);
      if (seen.insert(feature.properties.value("name", std::string())).second) all.features.push_back(feature);
    }
    render::BuildOptions labelled;
    labelled.labelProperty = "name";
    render::LayerDraw d;
    d.id = "sources/candidates";
    d.group = render::buildSceneGroup(all, *m_projection, labelled);
    d.style.point = kCandidateGrey;
    d.style.hollowPoints = true;
    d.style.pointRadius = 4.5f;
    d.style.labelColour = render::Rgba::hex(0x333333);
    state.candidateDraws.push_back(d);
    if (!focus.features.empty()) {
      d.id = "sources/focus";
      d.group = render::buildSceneGroup(focus, *m_projection, labelled);
      d.style.point = kFocusOrange;
      d.style.hollowPoints = false;
      d.style.pointRadius = 6.5f;
      d.style.labelColour = render::Rgba::hex(0x8a3c00);
      state.candidateDraws.push_back(d);
    }
    cache.document = document;
    cache.candidate = focused;
    cache.generation = m_generation;
  }
}

std::optional<Selection> MapSession::pickCandidate(const AppState& state, geo::MapXY at, double tolerance) const {
  const auto& src = state.sources;
  const SourceDocument* d = src.selectedDocument();
  if (!src.showPanel || !d) return std::nullopt;
  const size_t n = d->features.size();
  // Start after the candidate in focus: clicking the same place again steps to its next sentence.
  const size_t first = src.focus.document == src.selected && src.focus.candidate >= 0 ? size_t(src.focus.candidate) + 1 : 0;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = (first + k) % n;
    const auto& feature = d->features[i];
    if (feature.geometry.points.empty()) continue;
    const geo::MapXY p = m_projection->forward(feature.geometry.points.front());
    if (std::hypot(p.x - at.x, p.y - at.y) <= tolerance * 1.3)
      return Selection{d->candidates[i].option, kCandidateLayerId, feature};
  }
  return std::nullopt;
}

}  // namespace briefmap::session
