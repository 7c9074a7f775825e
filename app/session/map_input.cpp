#include "briefmap/session/map_input.hpp"

#include <cmath>

namespace briefmap::session {
namespace {

using Tool = WorkspaceState::Tool;

bool drawing(const AppState& state) {
  const Tool t = state.workspace.tool;
  return t == Tool::Point || t == Tool::Line || t == Tool::Zone;
}

/// The workspace feature selected (its uid), or empty.
std::string selectedUid(const AppState& state) {
  if (!state.workspace.open || !state.selection || state.selection->layerId == kCandidateLayerId) return {};
  return state.selection->feature.properties.value("id", std::string());
}

/// Move and Reshape drag the selected feature instead of the map.
bool editsSelection(const AppState& state) {
  return (state.workspace.tool == Tool::Move || state.workspace.tool == Tool::Reshape) && !selectedUid(state).empty();
}

}  // namespace

void mapInputToActions(const InputEvent& event, MapInputState& input, const AppState& state, bool mapHasMouse,
                       bool mapHasKeyboard, std::vector<Action>& actions) {
  const double cx = state.viewportW * 0.5, cy = state.viewportH * 0.5;
  if (auto* move = std::get_if<MouseMoveEvent>(&event)) {
    input.cursorX = move->x;
    input.cursorY = move->y;
    if (input.dragging) {
      if (std::hypot(move->x - input.downX, move->y - input.downY) > 3) input.moved = true;
      if (!editsSelection(state)) actions.emplace_back(action::PanBy{move->x - input.lastX, move->y - input.lastY});
      input.lastX = move->x;
      input.lastY = move->y;
    }
  } else if (auto* button = std::get_if<MouseButtonEvent>(&event)) {
    if (button->button != 1) return;
    if (!button->down) {
      if (input.dragging && !input.moved) {
        // A click: a vertex while drawing, otherwise the feature under it.
        if (drawing(state)) actions.emplace_back(action::AddDraftVertexAt{button->x, button->y});
        else if (state.measure.active) actions.emplace_back(action::AddMeasurePointAt{button->x, button->y});
        else actions.emplace_back(action::PickAt{button->x, button->y});
      } else if (input.dragging && editsSelection(state)) {
        const std::string uid = selectedUid(state);
        if (state.workspace.tool == Tool::Move)
          actions.emplace_back(action::MoveFeatureBy{uid, button->x - input.downX, button->y - input.downY});
        else
          actions.emplace_back(action::MoveVertex{uid, input.downX, input.downY, button->x, button->y});
      }
      input.dragging = false;
      return;
    }
    if (!mapHasMouse) return;
    if (button->clicks == 2 && drawing(state)) {  // a double click ends a line or a zone
      if (state.workspace.tool != Tool::Point) actions.emplace_back(action::FinishDrawing{});
      return;
    }
    if (button->clicks == 2 && state.measure.active) return;  // the first click placed the point; no zoom
    if (button->clicks == 2) {
      actions.emplace_back(action::ZoomAt{2.0, button->x, button->y});
      return;
    }
    input.dragging = true;
    input.moved = false;
    input.downX = button->x;
    input.downY = button->y;
    input.lastX = button->x;
    input.lastY = button->y;
  } else if (auto* wheel = std::get_if<MouseWheelEvent>(&event)) {
    if (!mapHasMouse || wheel->dy == 0) return;
    actions.emplace_back(action::ZoomAt{std::pow(kWheelZoomStep, wheel->dy), wheel->x, wheel->y});
  } else if (auto* key = std::get_if<KeyEvent>(&event)) {
    if (!key->down || !mapHasKeyboard) return;
    switch (key->key) {
      case Key::Left: actions.emplace_back(action::PanBy{kKeyPanPx, 0}); break;
      case Key::Right: actions.emplace_back(action::PanBy{-kKeyPanPx, 0}); break;
      case Key::Up: actions.emplace_back(action::PanBy{0, kKeyPanPx}); break;
      case Key::Down: actions.emplace_back(action::PanBy{0, -kKeyPanPx}); break;
      case Key::Plus: actions.emplace_back(action::ZoomAt{kKeyZoomStep, cx, cy}); break;
      case Key::Minus: actions.emplace_back(action::ZoomAt{1.0 / kKeyZoomStep, cx, cy}); break;
      case Key::Home: actions.emplace_back(action::GoHome{}); break;
      case Key::G: {
        for (const auto& l : state.layers)
          if (l.id == "basemap/graticule") actions.emplace_back(action::SetLayerVisible{l.id, !l.visible});
        break;
      }
      case Key::O:
        if (key->ctrl) actions.emplace_back(action::OpenFiles{});  // empty: the host opens the dialog
        break;
      case Key::Tab:
        if (!key->ctrl && !key->repeat) actions.emplace_back(action::TogglePanels{});
        break;
      case Key::F:
        if (key->ctrl) actions.emplace_back(action::OpenPlaceSearch{});
        break;
      case Key::M:
        if (!key->ctrl && !key->repeat) actions.emplace_back(action::SetMeasureTool{!state.measure.active});
        break;
      case Key::L:
        if (!key->ctrl && !key->repeat) actions.emplace_back(action::ToggleLayersPanel{});
        break;
      case Key::Q:
        if (key->ctrl) actions.emplace_back(action::Quit{});
        break;
      case Key::Z:
        if (key->ctrl && key->shift) actions.emplace_back(action::Redo{});
        else if (key->ctrl) actions.emplace_back(action::Undo{});
        break;
      case Key::Y:
        if (key->ctrl) actions.emplace_back(action::Redo{});
        break;
      case Key::Enter:
        if (drawing(state)) actions.emplace_back(action::FinishDrawing{});
        break;
      case Key::Escape:
        if (state.measure.active) {
          actions.emplace_back(action::SetMeasureTool{false});
        } else if (state.placeSearch.open) {
          actions.emplace_back(action::ClosePlaceSearch{});
        } else if (state.workspace.tool != Tool::None) {
          if (!state.workspace.draft.empty()) actions.emplace_back(action::CancelDrawing{});
          else actions.emplace_back(action::SetDrawTool{Tool::None, {}, {}});
        }
        break;
      case Key::Delete:
        if (!selectedUid(state).empty()) actions.emplace_back(action::DeleteFeature{selectedUid(state)});
        break;
      default: break;
    }
  } else if (auto* drop = std::get_if<DropFileEvent>(&event)) {
    actions.emplace_back(action::OpenFiles{{drop->path}});
  } else if (std::holds_alternative<QuitEvent>(event)) {
    actions.emplace_back(action::Quit{});
  }
}

}  // namespace briefmap::session
