#pragma once
#include <filesystem>
#include <memory>

#include "briefmap/render/frame.hpp"
#include "briefmap/render/frame_layout.hpp"
#include "briefmap/render/render_target.hpp"

namespace briefmap::render {

/// Statistics of the last frame, for the bench and the status bar.
struct FrameStats {
  size_t drawCalls = 0;
  size_t triangles = 0;
  size_t labelsPlaced = 0;
  int basemapLevel = 0;  ///< Natural Earth scale denominator in millions actually drawn
  double basemapToleranceM = 0;  ///< simplification of the basemap drawn, metres
  size_t batchesWaitedFor = 0;  ///< times the frame waited for the driver (Renderer::setTrianglesInFlight)
};

/// Draws a FrameSnapshot into a RenderTarget with OpenGL 3.3 core. Needs a current GL context for its whole
/// life (construct and destroy it with the context current). Owns every GL object it uses; uploads
/// a SceneGroup the first time it is drawn and frees it when the group is gone.
class Renderer {
 public:
  /// Compiles the shaders and uploads the label atlas built into the binary; throws GlError naming what failed.
  Renderer();
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  /// Draws the whole frame into a target of the frame's size (layout computed inside).
  void render(const FrameSnapshot& frame, RenderTarget& target);
  /// Fills the target with one colour (presentation mode's black screen).
  void clear(RenderTarget& target, Rgba colour);
  /// Draws one tile of an image larger than a framebuffer: `frame` describes the whole image, `layout` is
  /// layoutFrame(frame, atlas()) computed once for all tiles, and the target receives the image's pixels
  /// from (offsetX, offsetY) (top-left, y down) on. Tiles put side by side equal the whole render.
  void renderTile(const FrameSnapshot& frame, const FrameLayout& layout, RenderTarget& target, int offsetX, int offsetY);
  /// An offscreen target (one sample) of this size, kept for the next call with the same size: allocating a
  /// 4K one costs ~18 ms on llvmpipe, so the command line makes it while the data loads, and a briefing's
  /// slides share one. Throws GlError like OffscreenTarget.
  OffscreenTarget& offscreenTarget(int width, int height);
  /// The label atlas the renderer draws text with (for layoutFrame).
  const GlyphAtlas& atlas() const;
  const FrameStats& lastStats() const;
  /// How many triangles a frame hands the driver before it waits for the batch before them (0: never waits).
  /// llvmpipe keeps the memory of every scene it has queued: unbounded, one 4K redraw of a layer of millions of
  /// triangles leaves the process gigabytes larger. The default, 250,000, costs no time there; tests set others.
  void setTrianglesInFlight(size_t triangles);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// The prepared level whose band suits the scale (metres per physical pixel) best, or nullptr when none is.
const BasemapLevelScene* chooseBasemapLevel(const BasemapScene& basemap, double metresPerPixel);

/// A "nice" scale-bar length (1, 2 or 5 × 10^n metres) not longer than maxMetres.
double niceScaleBarLength(double maxMetres);

}  // namespace briefmap::render
