#pragma once
// The Sources panel's logic, without a window: opening a folder of documents (read and analysed on the
// session's worker), flying to a mention, pointing the panel at the sentence a map feature came from, and
// accepting a candidate into an option's "accepted" layer with its provenance. The panel only draws.
#include <string>

#include "briefmap/geo/projection.hpp"
#include "briefmap/ui/app_state.hpp"

namespace briefmap::ui {

class MapSession;

/// The id of the option layer that holds accepted candidates ("Accepted from documents").
inline constexpr const char* kAcceptedLayerId = "accepted";
/// The layer id of candidate features picked on the map (Selection::layerId).
inline constexpr const char* kCandidateLayerId = "candidates";

/// Handles OpenSourcesFolder, FlyToMention and AcceptCandidate. False for other actions.
bool handleSourcesAction(AppState& state, MapSession& session, const Action& action);

/// Points the Sources panel at the sentence a feature came from: a candidate by its document and offsets,
/// an option feature by the first of its quotes found in an open document (whitespace-insensitive, as
/// quotes are compared elsewhere). Selects that document. False when no open document holds it.
bool showSourceOf(AppState& state, const data::Feature& feature);

/// The feature a candidate becomes in an option's accepted layer: name, option, layer, placement
/// ("stated", or "inferred" when the sentence only uses a demonym such as "Polish airspace"), sources
/// [{doc, quote}] as the curated features have them, the offsets, and the sentence's troop numbers.
data::Feature acceptedFeature(const SourceDocument& document, int candidate, const std::string& option,
                              const extract::Gazetteer& gazetteer);

/// Projects every option's accepted layer for the current CRS (after a CRS change; a few points).
void projectAcceptedLayers(AppState& state, const geo::Projection& projection);

}  // namespace briefmap::ui
