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

/// Moves transitions on to state.clockSeconds. True while anything is still animating.
bool advanceTransitions(AppState& state);

}  // namespace briefmap::session
