#pragma once
// The analyst's own catalogue in the Options panel (with a workspace open): new options, their layers and
// parameters, presets saved from the view, and how a drawn feature derives a ring or a band from a parameter.
#include <string>
#include <vector>

#include "briefmap/session/app_state.hpp"

namespace briefmap::ui {

using session::Action;
using session::AppState;

/// "New option…" and "Save view as preset…" with their popups; a preset's Delete.
void drawCatalogueControls(const AppState& state, std::vector<Action>& actions);
/// The right-click menu of an option's row: Edit…, Delete. Call right after the row's item.
void drawOptionContextMenu(const AppState& state, const std::string& optionId, std::vector<Action>& actions);
/// The option editor (a modal), opened from the context menu. Call once per frame at the panel's top level.
void drawOptionEditor(const AppState& state, std::vector<Action>& actions);
/// In the feature editor: none, a range ring around a point, a band along a line, a geodesic route — sized by
/// one of the option's parameters.
void drawDeriveEditor(const AppState& state, const session::Selection& selection, std::vector<Action>& actions);

}  // namespace briefmap::ui
