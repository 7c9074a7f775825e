#include "briefmap/session/presentation_input.hpp"

#include <cmath>
#include <cstdio>


namespace briefmap::session {


namespace {

constexpr float kMinStrokeStepPx = 4;  // freehand points closer than this add nothing but size

void finishStroke(PresentationInput& input, const AppState& state, const std::function<geo::LonLat(geo::MapXY)>& toLonLat,
                  std::vector<Action>& actions) {
  input.drawing = false;
  if (input.stroke.size() < 2) {
    input.stroke.clear();
    return;
  }
  briefing::Annotation a;
  a.kind = state.briefing.tool == BriefingState::Tool::Arrow ? briefing::Annotation::Kind::Arrow
                                                             : briefing::Annotation::Kind::Freehand;
  if (a.kind == briefing::Annotation::Kind::Arrow) input.stroke = {input.stroke.front(), input.stroke.back()};
  for (const auto& p : input.stroke) {
    const geo::LonLat ll = toLonLat(p);
    if (std::isfinite(ll.lon) && std::isfinite(ll.lat)) a.points.push_back(ll);
  }
  input.stroke.clear();
  if (a.points.size() >= 2) actions.emplace_back(action::AddAnnotation{std::move(a)});
}

}  // namespace

void presentationInputToActions(const InputEvent& event, PresentationInput& input, const AppState& state,
                                const std::function<geo::LonLat(geo::MapXY)>& toLonLat, std::vector<Action>& actions) {
  const auto& b = state.briefing;
  const bool pen = b.tool != BriefingState::Tool::None;
  if (auto* move = std::get_if<MouseMoveEvent>(&event)) {
    input.cursorX = move->x;
    input.cursorY = move->y;
    if (input.drawing) {
      const geo::MapXY p = render::screenToMap(state.view, state.viewportW, state.viewportH, {move->x, move->y});
      const double minStep = kMinStrokeStepPx * state.view.metresPerPixel;
      if (input.stroke.empty() || std::hypot(p.x - input.stroke.back().x, p.y - input.stroke.back().y) >= minStep)
        input.stroke.push_back(p);
      if (b.tool == BriefingState::Tool::Arrow && input.stroke.size() > 2) input.stroke.erase(input.stroke.begin() + 1);
    }
  } else if (auto* button = std::get_if<MouseButtonEvent>(&event)) {
    input.cursorX = button->x;
    input.cursorY = button->y;
    if (button->button == 2) {
      input.laserButton = button->down;
    } else if (button->button == 1 && pen) {
      if (button->down) {
        input.drawing = true;
        input.stroke = {render::screenToMap(state.view, state.viewportW, state.viewportH, {button->x, button->y})};
      } else if (input.drawing) {
        finishStroke(input, state, toLonLat, actions);
      }
    } else if (button->down && !b.black) {
      if (button->button == 1) actions.emplace_back(action::NextSlide{});
      if (button->button == 3) actions.emplace_back(action::PreviousSlide{});
    } else if (button->down && b.black) {
      actions.emplace_back(action::ToggleBlackScreen{});  // any click brings the picture back
    }
  } else if (auto* key = std::get_if<KeyEvent>(&event)) {
    if (key->key == Key::L) {
      input.laserKey = key->down;
      return;
    }
    if (!key->down) return;
    // Held clicker buttons auto-repeat; one press must be one slide.
    if (key->repeat) return;
    const int last = static_cast<int>(b.doc.slides.size()) - 1;
    switch (key->key) {
      case Key::PageDown:
      case Key::Right:
      case Key::Down:
      case Key::Space:
      case Key::Enter:
        if (b.black) actions.emplace_back(action::ToggleBlackScreen{});
        else actions.emplace_back(action::NextSlide{});
        break;
      case Key::PageUp:
      case Key::Left:
      case Key::Up:
      case Key::Backspace:
        if (b.black) actions.emplace_back(action::ToggleBlackScreen{});
        else actions.emplace_back(action::PreviousSlide{});
        break;
      case Key::Home: actions.emplace_back(action::GoToSlide{0}); break;
      case Key::End: actions.emplace_back(action::GoToSlide{std::max(0, last)}); break;
      case Key::B:
      case Key::Period: actions.emplace_back(action::ToggleBlackScreen{}); break;
      case Key::C: actions.emplace_back(action::TogglePresenterInfo{}); break;
      case Key::P: actions.emplace_back(action::TogglePresenterView{}); break;
      // Type size for the room, live: a projector at the back of a hall needs more than a wall screen.
      case Key::Plus:
        actions.emplace_back(action::SetBriefingLook{b.doc.highContrast, b.doc.presentationScale * 1.1f});
        break;
      case Key::Minus:
        actions.emplace_back(action::SetBriefingLook{b.doc.highContrast, b.doc.presentationScale / 1.1f});
        break;
      case Key::D:
        actions.emplace_back(action::SetAnnotationTool{b.tool == BriefingState::Tool::Freehand ? BriefingState::Tool::None
                                                                                                : BriefingState::Tool::Freehand});
        break;
      case Key::A:
        actions.emplace_back(action::SetAnnotationTool{b.tool == BriefingState::Tool::Arrow ? BriefingState::Tool::None
                                                                                             : BriefingState::Tool::Arrow});
        break;
      case Key::K: actions.emplace_back(action::KeepAnnotations{}); break;
      case Key::X: actions.emplace_back(action::ClearAnnotations{}); break;
      case Key::Escape:
        if (input.drawing) {
          input.drawing = false;
          input.stroke.clear();
        } else if (pen) {
          actions.emplace_back(action::SetAnnotationTool{BriefingState::Tool::None});
        } else {
          actions.emplace_back(action::StopPresentation{});
        }
        break;
      case Key::Q:
        if (key->ctrl) actions.emplace_back(action::Quit{});
        break;
      default: break;
    }
  } else if (std::holds_alternative<QuitEvent>(event)) {
    actions.emplace_back(action::Quit{});
  }
}

bool briefingKeyToActions(const KeyEvent& key, const AppState& state, std::vector<Action>& actions) {
  if (!key.down || key.repeat) return false;
  const auto& b = state.briefing;
  if (key.key == Key::F5) {
    actions.emplace_back(action::StartPresentation{key.shift ? -1 : (b.current >= 0 ? b.current : 0)});
    return true;
  }
  if (key.key == Key::S && key.ctrl && b.loaded) {
    actions.emplace_back(action::SaveBriefing{});
    return true;
  }
  if (b.doc.slides.empty()) return false;
  if (key.key == Key::PageDown) {
    actions.emplace_back(b.current < 0 ? Action{action::GoToSlide{0}} : Action{action::NextSlide{}});
    return true;
  }
  if (key.key == Key::PageUp) {
    actions.emplace_back(action::PreviousSlide{});
    return true;
  }
  return false;
}

}  // namespace briefmap::session
