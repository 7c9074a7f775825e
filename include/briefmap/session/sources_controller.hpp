#pragma once
// The Sources panel's logic, without a window: opening a folder of documents (read and analysed on the
// session's worker), flying to a mention, pointing the panel at the sentence a map feature came from, and
// accepting a candidate into an option's "accepted" layer with its provenance. The panel only draws.
#include <string>

#include "briefmap/geo/projection.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

class MapSession;

/// Handles OpenSourcesFolder, FlyToMention and AcceptCandidate (Session::apply calls it); NotMine for others.
ApplyResult handleSourcesAction(AppState& state, MapSession& session, const Action& action);

/// Points the Sources panel at the sentence a feature came from: a candidate by its document and offsets,
/// an option feature by the first of its quotes found in an open document (whitespace-insensitive, as
/// quotes are compared elsewhere). Selects that document. False when no open document holds it.
bool showSourceOf(AppState& state, const data::Feature& feature);

/// The feature a candidate becomes in an option's accepted layer: name, option, layer, placement
/// ("stated", or "inferred" when the sentence only uses a demonym such as "Polish airspace"), sources
/// [{doc, quote}] as the curated features have them, the offsets, and the sentence's troop numbers.
data::Feature acceptedFeature(const SourceDocument& document, int candidate, const std::string& option,
                              const extract::Gazetteer& gazetteer);
/// The headline of a document: its first non-empty line that is not a date line, trimmed (at most ~90
/// characters, cut at a word); the file name when it has no text.
std::string documentHeadline(const extract::Document& document);
/// How panels name a document: "headline (YYYY-MM-DD)", or the headline alone when it gives no date.
std::string documentLabel(const extract::Document& document);
/// The same for a document named by its file name (a feature's `doc`) when it is open; else what the option
/// catalogue says it is (shortened); else the file name.
std::string documentLabel(const AppState& state, const std::string& fileName);

}  // namespace briefmap::session
