#pragma once
// The frame to draw, for every target (the window, exports, slides, tests): a pure function of the model, with
// the scenes the map session has prepared in it for the current CRS, the map projection, the size and the
// pixel ratio. Styling is decided here from each layer's kind, which the options set when they are resolved.
#include <string>
#include <vector>

#include "briefmap/geo/projection.hpp"
#include "briefmap/options/symbol.hpp"
#include "briefmap/render/frame.hpp"
#include "briefmap/session/app_state.hpp"

namespace briefmap::session {

/// Grey hollow points: candidates found by the extractor, not yet accepted by the analyst (accepted ones take
/// the option's colour).
inline const render::Rgba kCandidateGrey = render::Rgba::hex(0x4d4d4d);

/// The map symbol of each kind of point: a dot for positions, a triangle for air bases, a square for ports and
/// naval bases, a diamond for nuclear plants (the same in the legend, the window and every export).
render::SymbolShape symbolShapeOf(options::SymbolKind kind);

/// The frame for the model at this size: basemap, the user's layers, the options (with their legend), the
/// shown document's candidates and the slide's marks. Reads only its arguments; any thread that may read them.
render::FrameSnapshot buildFrame(const AppState& model, const geo::Projection& projection, int widthPx, int heightPx,
                                 float pixelRatio);

/// True ground metres per physical pixel at the view centre (for the scale bar and status bar).
double groundMetresPerPixel(const geo::Projection& projection, const render::View& view);
/// Where true north points at the view centre: degrees clockwise from image up (0 in a north-up CRS on its
/// central meridian; the Lambert conic of Ukraine turns it away from 31°E).
double northAngleDeg(const geo::Projection& projection, const render::View& view);
/// The documents behind the features of the visible option layers, as footnote lines named by
/// `documentLabel` (as the inspector and the Sources panel name them), in file-name order so exports are
/// reproducible.
std::vector<std::string> visibleSources(const AppState& model);

}  // namespace briefmap::session
