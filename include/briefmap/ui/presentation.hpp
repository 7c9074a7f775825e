#pragma once
// Presentation mode in the window: the presenter's overlays (slide counter and clock, laser pointer, the
// stroke being drawn). What the keys and the mouse do is session/presentation_input (pure, tested headless).
#include <functional>
#include <vector>

#include "briefmap/session/presentation_input.hpp"

namespace briefmap::ui {

// The panels show the session's model and return its actions.
using namespace session;

/// Draws the presenter's overlays with ImGui's foreground draw list (window only; never exported).
/// `pixelRatio` converts physical pixels to ImGui coordinates; `nowSeconds` is the host clock.
void drawPresentationOverlay(const AppState& state, const PresentationInput& input, float pixelRatio,
                             float textScale, double nowSeconds);

/// The presenter view where SDL could not open its window (presenter_view.hpp): a panel bottom right over the
/// map with the slide number and elapsed time, this and the next slide's titles, this slide's notes.
void drawPresenterView(const AppState& state, float pixelRatio, float textScale, double nowSeconds);

}  // namespace briefmap::ui
