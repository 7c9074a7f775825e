#pragma once
// The presenter view in a window of its own (platform::Window's presenter window): this slide and the next as
// pictures drawn by the renderer, the notes in large type, the slide number and the elapsed time. The loop
// renders the pictures (PresenterPictures, GL); the panel (drawPresenterWindow) only lays them out with ImGui
// and returns actions.
#include <memory>
#include <string>
#include <vector>

#include "briefmap/session/app_state.hpp"

namespace briefmap::render {
class Renderer;
class TextureTarget;
}  // namespace briefmap::render
namespace briefmap::session {
class MapSession;
}

namespace briefmap::ui {

using namespace session;

/// Where the presenter window puts things, in its ImGui coordinates (screen coordinates).
struct PresenterLayout {
  float pad = 0;
  float headerH = 0;                   ///< the row of counter, clock and buttons
  float currentX = 0, currentY = 0, currentW = 0, currentH = 0;  ///< this slide's picture
  float nextX = 0, nextY = 0, nextW = 0, nextH = 0;              ///< the next slide's picture
  float notesY = 0;                    ///< the notes, full width, from here to the bottom
};
/// Lays out a presenter window of w × h for pictures of the show's aspect (width / height) at this UI scale:
/// this slide's picture about three fifths of the width, the next one beside it, the notes below.
PresenterLayout presenterLayout(float w, float h, float aspect, float uiScale);

/// The presenter window's two pictures, drawn by the same renderer as the show into textures, again only when
/// what they show changes (the slide, their size, the options, data arriving, the briefing's look).
class PresenterPictures {
 public:
  struct Picture {
    unsigned texture = 0;  ///< GL texture name, row 0 = bottom; 0 = none (no next slide)
    int width = 0, height = 0;
    int slide = -1;
    std::vector<std::string> drawnWithOtherParameters;  ///< session::SlideModel's
  };
  PresenterPictures();
  ~PresenterPictures();
  /// Draws slide state.briefing.current and the one after it, `width` × `height` and `nextWidth` × `nextHeight`
  /// physical pixels, type and symbols at `pixelRatio` (the show's, scaled to the picture). Main thread, with
  /// the GL context current.
  void update(render::Renderer& renderer, const MapSession& maps, const AppState& state, int width, int height,
              int nextWidth, int nextHeight, float pixelRatio);
  const Picture& current() const { return m_current; }
  const Picture& next() const { return m_next; }
  int renders() const { return m_renders; }  ///< pictures drawn so far (the smoke test's dump)

 private:
  Picture m_current, m_next;
  std::unique_ptr<render::TextureTarget> m_currentTarget, m_nextTarget;
  std::vector<double> m_key;  ///< what the pictures were drawn from
  int m_renders = 0;
};

/// Elapsed time of the show, "12:34" (minutes may pass 60).
std::string presentationClock(const BriefingState& briefing, double nowSeconds);

/// Draws the presenter window's frame (its ImGui context current): "Slide 3 / 8", the elapsed time, Previous /
/// Next / Black screen buttons, this slide's and the next slide's pictures and titles, the notes in large type
/// (the window's second font). Buttons append their actions.
void drawPresenterWindow(const AppState& state, const PresenterPictures& pictures, double nowSeconds,
                         std::vector<Action>& actions);

}  // namespace briefmap::ui
