#include <algorithm>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

PanelLayout& currentPanelLayout() {
  static PanelLayout layout;  // one window, main thread: the loop sets it before the panels draw
  return layout;
}

bool beginDockedPanel(PanelId id, const char* title, const AppState& state, std::vector<Action>& actions) {
  const PanelRect* rect = currentPanelLayout().find(id);
  if (!rect) return false;
  ImGui::SetNextWindowPos(ImVec2(rect->x, rect->y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(rect->w, rect->h), ImGuiCond_Always);
  // The model decides collapse, so a restart or the layout dump sees what the user chose; a click on the
  // title's arrow changes ImGui's flag and becomes an action below.
  ImGui::SetNextWindowCollapsed(state.panels.isCollapsed(id), ImGuiCond_Always);
  bool open = true;
  const bool expanded = ImGui::Begin(title, &open,
                                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus);  // dialogs stay over the columns
  if (ImGui::IsWindowCollapsed() != state.panels.isCollapsed(id))
    actions.emplace_back(action::SetPanelCollapsed{id, ImGui::IsWindowCollapsed()});
  if (!open) actions.emplace_back(action::SetPanelShown{id, false});
  if (!expanded) {
    ImGui::End();
    return false;
  }
  return true;
}

bool beginCentredWindow(const char* title, float width, float height, const AppState& state, bool& open) {
  const ImGuiIO& io = ImGui::GetIO();
  const float scale = state.uiScale;
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(width * scale, io.DisplaySize.x * 0.9f), std::min(height * scale, io.DisplaySize.y * 0.8f)),
                           ImGuiCond_Appearing);
  if (ImGui::Begin(title, &open, ImGuiWindowFlags_NoSavedSettings)) {
    recordPanelRect();
    return true;
  }
  ImGui::End();
  return false;
}

}  // namespace briefmap::ui
