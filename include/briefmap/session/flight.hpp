#pragma once
// The fly-to between two views (slides, a place named in a document): the path, its length in time and the
// model's transition moved on to the host clock. Pure; no worker, no projection.
#include "briefmap/render/frame.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

/// The view a fraction t (0…1) along the smooth zoom-and-pan path from `from` to `to` (van Wijk and Nuij
/// 2003: zooms out while travelling far, so the audience keeps its bearings). `widthPx` sets the scale.
render::View interpolateFlight(const render::View& from, const render::View& to, int widthPx, double t);
/// How long the fly-to between two views lasts: longer for longer paths, always under a second.
double flightSeconds(const render::View& from, const render::View& to, int widthPx);

/// Flies the map from where it is now to `target` (an interrupted flight goes on from where it is), or goes there at
/// once while the map has no size yet. Options stay as they are: the slide transition's fades are left at rest.
void flyTo(AppState& state, const render::View& target);

/// Moves transitions on to state.clockSeconds. True while anything is still animating.
bool advanceTransitions(AppState& state);

}  // namespace briefmap::session
