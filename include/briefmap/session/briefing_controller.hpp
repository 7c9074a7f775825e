#pragma once
// Briefings in the application: opening and saving, slides from the current view, navigation with
// eased fly-to transitions and fades, and the frame presentation mode draws. No window needed: the
// tests, `briefmap present --export-slides` and the window all go through these functions.
#include <filesystem>

#include "briefmap/briefing/briefing.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/app_state.hpp"
#include "briefmap/session/flight.hpp"

namespace briefmap::session {

class MapSession;

/// Handles the briefing actions that need the map session, the projection or files (Session::apply calls it);
/// NotMine for other actions.
ApplyResult handleBriefingAction(AppState& state, MapSession& session, const Action& action);

/// Puts a loaded briefing into the model: opens its files, shows slide 1 without animation, and turns
/// its warnings into messages. References to options and layers are checked once they have loaded.
void openBriefing(AppState& state, MapSession& session, briefing::LoadResult loaded, const std::filesystem::path& path);

/// Work that waits for data: checks the briefing's references once the catalogue and files have loaded,
/// and applies the current slide's options then. Call every frame (cheap).
void settleBriefing(AppState& state, const MapSession& session);


/// Without a window (exports, tests): loads the option catalogue, then opens the briefing file and waits
/// for its files. Throws briefing::BriefingError when the file is not a briefing; warnings become messages.
void openBriefingHeadless(AppState& state, MapSession& session, const std::filesystem::path& path);
/// Without a window: shows slide `index` at this size (no animation) and waits until everything it draws
/// has loaded. False when there is no such slide.
bool prepareSlide(AppState& state, MapSession& session, int index, int widthPx, int heightPx);

/// The view that shows a slide in a viewport of this size, in the session's CRS.
render::View viewForSlide(const MapSession& session, const briefing::SlideView& view, int widthPx, int heightPx);
/// While presenting: when the viewport is not the size the current slide was framed for (the window went
/// full screen after the slide was shown, or the display changed), frames the slide again for
/// state.viewportW × viewportH. True when the view changed. Call every frame after setting the viewport.
bool reframeSlideForViewport(AppState& state, const MapSession& session);
/// The current view as a slide view (centre in lon/lat, extent in km of the map projection).
briefing::SlideView slideViewOf(const MapSession& session, const AppState& state);


/// A slide's model for a picture of it beside the one shown (the presenter window's thumbnails).
struct SlideModel {
  AppState state;  ///< slide `index` landed: its options, parameters, layers, view and title, no flight or fade
  /// Titles of the slide's options whose parameters differ from the geometry the session has prepared: the
  /// picture draws them with the shown slide's geometry until the slide itself is shown.
  std::vector<std::string> drawnWithOtherParameters;
};
/// The model as slide `index` shows it in a viewport of this size, without touching `state` or the session;
/// a slide in another CRS is drawn in the current one. Empty `state.briefing.doc.slides` or a bad index: the
/// state unchanged.
SlideModel slideModel(const AppState& state, const MapSession& session, int index, int widthPx, int heightPx);

/// The style used while presenting: the high-contrast theme when the briefing asks for it.
render::MapStyle presentationStyle(const AppState& state);
/// Pixel ratio for presentation mode: type and symbols in proportion to the screen height (1080 px = 1),
/// never smaller than the display's own ratio, times the briefing's presentation scale.
float presentationPixelRatio(const AppState& state, int heightPx, float displayPixelRatio);

/// Presentation mode's frame: only the map, the slide title and caption, the legend of what is visible
/// and the attribution, in the presentation theme.
render::FrameSnapshot presentationSnapshot(const AppState& state, const MapSession& session, int widthPx, int heightPx,
                                           float pixelRatio);

}  // namespace briefmap::session
