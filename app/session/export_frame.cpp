#include "briefmap/session/export_frame.hpp"

#include <algorithm>
#include <cmath>

namespace briefmap::session {
namespace {


geo::MapBox boxOf(double x0, double y0, double x1, double y1) {
  geo::MapBox b;
  b.add(x0, y0);
  b.add(x1, y1);
  return b;
}

bool validAspect(double aspect) { return std::isfinite(aspect) && aspect > 0; }

// A press that moves no further than this is a click (as on the map).
constexpr double kClickSlopPx = 3;

}  // namespace

geo::MapBox visibleMapBox(const render::View& view, int viewportW, int viewportH) {
  const geo::MapXY a = render::screenToMap(view, viewportW, viewportH, {0, 0});
  const geo::MapXY b = render::screenToMap(view, viewportW, viewportH, {double(viewportW), double(viewportH)});
  return boxOf(a.x, a.y, b.x, b.y);
}

geo::MapBox initialExportFrame(const render::View& view, int viewportW, int viewportH, double aspect, double marginPx) {
  if (!validAspect(aspect)) aspect = viewportH > 0 ? double(viewportW) / viewportH : 1.0;
  // A margin that would leave nothing is dropped rather than producing an empty frame.
  if (viewportW - 2 * marginPx < 1 || viewportH - 2 * marginPx < 1) marginPx = 0;
  const double usableW = std::max(1.0, viewportW - 2 * marginPx), usableH = std::max(1.0, viewportH - 2 * marginPx);
  const double widthPx = std::min(usableW, usableH * aspect);
  const double halfW = widthPx * view.metresPerPixel / 2, halfH = halfW / aspect;
  // The centre of the map area is the view's centre.
  return boxOf(view.centre.x - halfW, view.centre.y - halfH, view.centre.x + halfW, view.centre.y + halfH);
}

FramePart framePartAt(const geo::MapBox& frame, const render::View& view, int viewportW, int viewportH,
                      geo::ScreenPx at, double grabPx) {
  if (frame.empty()) return FramePart::None;
  const geo::ScreenPx topLeft = render::mapToScreen(view, viewportW, viewportH, {frame.minX, frame.maxY});
  const geo::ScreenPx bottomRight = render::mapToScreen(view, viewportW, viewportH, {frame.maxX, frame.minY});
  const bool nearLeft = std::abs(at.x - topLeft.x) <= grabPx, nearRight = std::abs(at.x - bottomRight.x) <= grabPx;
  const bool nearTop = std::abs(at.y - topLeft.y) <= grabPx, nearBottom = std::abs(at.y - bottomRight.y) <= grabPx;
  const bool withinX = at.x >= topLeft.x - grabPx && at.x <= bottomRight.x + grabPx;
  const bool withinY = at.y >= topLeft.y - grabPx && at.y <= bottomRight.y + grabPx;
  if (nearTop && nearLeft) return FramePart::TopLeft;
  if (nearTop && nearRight) return FramePart::TopRight;
  if (nearBottom && nearLeft) return FramePart::BottomLeft;
  if (nearBottom && nearRight) return FramePart::BottomRight;
  if (nearLeft && withinY) return FramePart::Left;
  if (nearRight && withinY) return FramePart::Right;
  if (nearTop && withinX) return FramePart::Top;
  if (nearBottom && withinX) return FramePart::Bottom;
  if (at.x > topLeft.x && at.x < bottomRight.x && at.y > topLeft.y && at.y < bottomRight.y) return FramePart::Inside;
  return FramePart::None;
}

geo::MapBox dragExportFrame(const geo::MapBox& start, FramePart part, geo::MapXY from, geo::MapXY to, double aspect,
                            double minSide) {
  if (start.empty() || !validAspect(aspect)) return start;
  const double dx = to.x - from.x, dy = to.y - from.y;
  const double minW = minSide * std::max(1.0, aspect);  // the shorter side is at least minSide
  const double midX = (start.minX + start.maxX) / 2, midY = (start.minY + start.maxY) / 2;
  switch (part) {
    case FramePart::None: return start;
    case FramePart::Inside: return boxOf(start.minX + dx, start.minY + dy, start.maxX + dx, start.maxY + dy);
    case FramePart::Right: {
      const double w = std::max(minW, start.maxX + dx - start.minX), h = w / aspect;
      return boxOf(start.minX, midY - h / 2, start.minX + w, midY + h / 2);
    }
    case FramePart::Left: {
      const double w = std::max(minW, start.maxX - (start.minX + dx)), h = w / aspect;
      return boxOf(start.maxX - w, midY - h / 2, start.maxX, midY + h / 2);
    }
    case FramePart::Top: {  // north: the largest y
      const double h = std::max(minW / aspect, start.maxY + dy - start.minY), w = h * aspect;
      return boxOf(midX - w / 2, start.minY, midX + w / 2, start.minY + h);
    }
    case FramePart::Bottom: {
      const double h = std::max(minW / aspect, start.maxY - (start.minY + dy)), w = h * aspect;
      return boxOf(midX - w / 2, start.maxY - h, midX + w / 2, start.maxY);
    }
    default: break;
  }
  // A corner: the opposite corner stays; the frame grows until the pointer is on its outline (whichever of
  // width and height asks for more), keeping the aspect.
  const bool right = part == FramePart::TopRight || part == FramePart::BottomRight;
  const bool top = part == FramePart::TopLeft || part == FramePart::TopRight;
  const double signX = right ? 1 : -1, signY = top ? 1 : -1;
  const double fixedX = right ? start.minX : start.maxX, fixedY = top ? start.minY : start.maxY;
  const double cornerX = (right ? start.maxX : start.minX) + dx, cornerY = (top ? start.maxY : start.minY) + dy;
  const double w = std::max({minW, signX * (cornerX - fixedX), signY * (cornerY - fixedY) * aspect});
  return boxOf(fixedX, fixedY, fixedX + signX * w, fixedY + signY * w / aspect);
}

geo::MapBox reshapeExportFrame(const geo::MapBox& frame, double aspect, const geo::MapBox& visible) {
  if (frame.empty() || !validAspect(aspect)) return frame;
  const double cx = (frame.minX + frame.maxX) / 2, cy = (frame.minY + frame.maxY) / 2;
  double halfW = std::sqrt(frame.width() * frame.height() * aspect) / 2;
  // A frame the analyst placed inside the window stays inside it (a small tolerance for rounding).
  const double slack = 1e-9 * std::max(visible.width(), visible.height());
  const bool wasInside = !visible.empty() && frame.minX >= visible.minX - slack && frame.maxX <= visible.maxX + slack &&
                         frame.minY >= visible.minY - slack && frame.maxY <= visible.maxY + slack;
  if (wasInside) {
    const double roomX = std::min(cx - visible.minX, visible.maxX - cx);
    const double roomY = std::min(cy - visible.minY, visible.maxY - cy);
    halfW = std::min({halfW, roomX, roomY * aspect});
  }
  const double halfH = halfW / aspect;
  return boxOf(cx - halfW, cy - halfH, cx + halfW, cy + halfH);
}

FramedView framedExportView(const geo::MapBox& frame, int outputW, int outputH, const render::View& windowView,
                            float windowPixelRatio) {
  FramedView f{windowView, windowPixelRatio};
  if (frame.empty() || outputW <= 0 || outputH <= 0 || !(frame.width() > 0) || !(frame.height() > 0)) return f;
  f.view.centre = {(frame.minX + frame.maxX) / 2, (frame.minY + frame.maxY) / 2};
  f.view.metresPerPixel = std::max(frame.width() / outputW, frame.height() / outputH);
  // Output pixels per window pixel across the frame: type and lines grow with it, so they cover the same
  // share of the map as on screen.
  const double outputPerWindowPx = windowView.metresPerPixel / f.view.metresPerPixel;
  f.pixelRatio = std::clamp(static_cast<float>(std::max(0.25f, windowPixelRatio) * outputPerWindowPx),
                            kMinFramedPixelRatio, kMaxFramedPixelRatio);
  return f;
}

void resetExportFrame(ExportFrameState& frame, const AppState& state, double aspect) {
  frame.box = initialExportFrame(state.view, state.viewportW, state.viewportH, aspect,
                                 kFrameMarginPx * state.pixelRatio);
  frame.placed = frame.box;
  frame.hasBox = true;
  frame.crs = state.crs.id + "\n" + state.crs.definition;
  frame.dragging = FramePart::None;
}

void updateExportFrame(ExportFrameState& frame, bool shown, const AppState& state, double aspect) {
  if (!shown) {
    frame.shown = false;
    frame.dragging = FramePart::None;
    frame.hover = FramePart::None;
    return;
  }
  if (state.viewportW <= 0 || state.viewportH <= 0) return;
  const geo::MapBox visible = visibleMapBox(state.view, state.viewportW, state.viewportH);
  const bool otherCrs = frame.crs != state.crs.id + "\n" + state.crs.definition;
  // Shown again with the frame somewhere the analyst cannot see: start over where it can be seen.
  const bool lost = !frame.shown && !frame.box.intersects(visible);
  if (!frame.hasBox || otherCrs || lost) {
    resetExportFrame(frame, state, aspect);
  } else if (validAspect(aspect) && frame.dragging == FramePart::None &&
             std::abs(frame.box.width() / frame.box.height() - aspect) > 1e-9 * aspect) {
    frame.box = reshapeExportFrame(frame.placed, aspect, visible);
  }
  frame.shown = true;
}

FrameInput exportFrameInput(const InputEvent& event, ExportFrameState& frame, const AppState& state,
                            double aspect, bool mapHasMouse, bool mapHasKeyboard, std::vector<Action>& actions) {
  if (!frame.shown || !frame.hasBox) return FrameInput::Ignored;
  const int w = state.viewportW, h = state.viewportH;
  const double grab = kFrameGrabPx * state.pixelRatio;
  if (const auto* move = std::get_if<MouseMoveEvent>(&event)) {
    if (frame.dragging == FramePart::None) {
      frame.hover = mapHasMouse ? framePartAt(frame.box, state.view, w, h, {move->x, move->y}, grab) : FramePart::None;
      return FrameInput::Ignored;
    }
    if (std::hypot(move->x - frame.downX, move->y - frame.downY) > kClickSlopPx) frame.moved = true;
    // A handle follows at once; the frame itself only once the press is clearly not a click.
    if (frame.dragging != FramePart::Inside || frame.moved) {
      const double minSide = kFrameMinSidePx * state.pixelRatio * state.view.metresPerPixel;
      frame.box = dragExportFrame(frame.dragStart, frame.dragging, frame.dragFrom,
                                  render::screenToMap(state.view, w, h, {move->x, move->y}), aspect, minSide);
    }
    return FrameInput::Taken;
  }
  if (const auto* button = std::get_if<MouseButtonEvent>(&event)) {
    if (button->button != 1) return FrameInput::Ignored;
    if (!button->down) {
      if (frame.dragging == FramePart::None) return FrameInput::Ignored;
      if (frame.dragging == FramePart::Inside && !frame.moved) actions.emplace_back(action::PickAt{button->x, button->y});
      frame.dragging = FramePart::None;
      frame.placed = frame.box;
      return FrameInput::Taken;
    }
    if (!mapHasMouse) return FrameInput::Ignored;
    const FramePart part = framePartAt(frame.box, state.view, w, h, {button->x, button->y}, grab);
    if (part == FramePart::None) return FrameInput::Ignored;
    if (button->clicks == 2) {
      if (part == FramePart::Inside) actions.emplace_back(action::ZoomAt{2.0, button->x, button->y});
      return FrameInput::Taken;
    }
    frame.dragging = part;
    frame.hover = part;
    frame.dragStart = frame.box;
    frame.dragFrom = render::screenToMap(state.view, w, h, {button->x, button->y});
    frame.downX = button->x;
    frame.downY = button->y;
    frame.moved = false;
    return FrameInput::Taken;
  }
  if (const auto* key = std::get_if<KeyEvent>(&event); key && key->down && key->key == Key::Escape) {
    if (frame.dragging != FramePart::None) {  // Esc cancels the drag: the frame goes back
      frame.box = frame.dragStart;
      frame.dragging = FramePart::None;
      return FrameInput::Taken;
    }
    if (mapHasKeyboard && !key->repeat) return FrameInput::Dismiss;
  }
  return FrameInput::Ignored;
}

}  // namespace briefmap::session
