#pragma once
// Place search (Ctrl+F) without a window: the gazetteer's names and variants ("Kiev", "Odessa",
// "Bosphorus", "Turkey") matched against what was typed, best first. The panel only draws.
#include <string_view>
#include <vector>

#include "briefmap/extract/gazetteer.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

/// Places whose name or any spelling of it matches `query`: whole name, then name starting with it, then a
/// word of the name starting with it, then containing it. Case, accents of Latin letters (ü, é, ł…),
/// apostrophes and hyphens are ignored. One suggestion per place; curated places and larger kinds
/// (countries, capitals) first among equals. Empty for a query of no letters.
std::vector<PlaceSuggestion> suggestPlaces(const extract::Gazetteer& gazetteer, std::string_view query,
                                           size_t maxSuggestions = 8);

/// Lower case, Latin accents folded, apostrophes dropped, hyphens and runs of spaces as one space.
std::string searchKey(std::string_view text);

}  // namespace briefmap::session
