#include "briefmap/session/shortcuts.hpp"
#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

void drawShortcutsHelp(const AppState& state, std::vector<Action>& actions) {
  if (!state.panels.showShortcuts) return;
  const ImGuiIO& io = ImGui::GetIO();
  const float scale = state.uiScale;
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(620 * scale, io.DisplaySize.x * 0.9f), std::min(560 * scale, io.DisplaySize.y * 0.85f)),
                           ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::Begin("Keyboard shortcuts", &open, ImGuiWindowFlags_NoSavedSettings)) {
    recordPanelRect();
    const char* context = "";
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const auto& k : session::shortcuts()) {
        if (std::string_view(context) != k.context) {
          context = k.context;
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextDisabled("%s", context);
          ImGui::TableNextColumn();
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.keys);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", k.what);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  if (!open) actions.emplace_back(action::ToggleShortcutsHelp{});
}

}  // namespace briefmap::ui
