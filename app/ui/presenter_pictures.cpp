#include <algorithm>
#include <cstdint>
#include <functional>

#include "briefmap/render/render_target.hpp"
#include "briefmap/render/renderer.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/ui/presenter_view.hpp"

namespace briefmap::ui {

namespace {

double addressOf(const void* p) { return static_cast<double>(reinterpret_cast<std::uintptr_t>(p)); }

// Everything the two pictures are drawn from: when none of it changed, last frame's pictures still hold.
std::vector<double> picturesKey(const MapSession& maps, const AppState& state, int width, int height, int nextWidth,
                                int nextHeight, float pixelRatio) {
  const auto& b = state.briefing;
  std::vector<double> key = {static_cast<double>(b.current), static_cast<double>(b.doc.slides.size()),
                             static_cast<double>(width), static_cast<double>(height), static_cast<double>(nextWidth),
                             static_cast<double>(nextHeight), pixelRatio, addressOf(state.basemapScene.get()),
                             static_cast<double>(std::hash<std::string>{}(state.crs.id)),
                             static_cast<double>(b.annotationRevision), b.doc.presentationScale, b.doc.symbolScale,
                             b.doc.lineScale, b.doc.highContrast ? 1.0 : 0.0, maps.busy() ? 1.0 : 0.0};
  for (const auto& o : state.options) {
    key.insert(key.end(), {static_cast<double>(o.revision), o.preparing ? 1.0 : 0.0, o.opacity});
    for (const auto& l : o.layers)
      key.insert(key.end(), {addressOf(l.stated.get()), addressOf(l.inferred.get()), addressOf(l.derived.get()),
                             addressOf(l.rangeWash.get())});
  }
  for (const auto& l : state.layers)  // a file being read grows by batches
    key.insert(key.end(), {l.visible ? 1.0 : 0.0, l.opacity, addressOf(l.scene.get()),
                           static_cast<double>(l.partialScenes.size())});
  return key;
}

}  // namespace

PresenterPictures::PresenterPictures() = default;
PresenterPictures::~PresenterPictures() = default;

void PresenterPictures::update(render::Renderer& renderer, const MapSession& maps, const AppState& state, int width,
                               int height, int nextWidth, int nextHeight, float pixelRatio) {
  std::vector<double> key = picturesKey(maps, state, width, height, nextWidth, nextHeight, pixelRatio);
  if (key == m_key) return;
  m_key = std::move(key);
  const int count = static_cast<int>(state.briefing.doc.slides.size());
  const auto draw = [&](int index, int w, int h, float ratio, std::unique_ptr<render::TextureTarget>& target,
                        Picture& picture) {
    picture = Picture{};
    picture.slide = index;
    if (index < 0 || index >= count || w <= 0 || h <= 0) return;
    if (!target || target->width() != w || target->height() != h) target = std::make_unique<render::TextureTarget>(w, h);
    const SlideModel model = slideModel(state, maps, index, w, h);
    render::FrameSnapshot frame = presentationSnapshot(model.state, maps, w, h, ratio);
    frame.useLayerCache = false;  // the show's cache holds the wall's view; a picture would evict it each frame
    renderer.render(frame, *target);
    picture.texture = target->texture();
    picture.width = w;
    picture.height = h;
    picture.drawnWithOtherParameters = model.drawnWithOtherParameters;
    ++m_renders;
  };
  draw(state.briefing.current, width, height, pixelRatio, m_currentTarget, m_current);
  // The next slide's type and symbols in proportion to its smaller picture, as the wall will show them.
  const float nextRatio = height > 0 ? pixelRatio * static_cast<float>(nextHeight) / static_cast<float>(height) : pixelRatio;
  draw(state.briefing.current + 1, nextWidth, nextHeight, std::max(0.35f, nextRatio), m_nextTarget, m_next);
}

}  // namespace briefmap::ui
