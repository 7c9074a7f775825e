#include "briefmap/session/shortcuts.hpp"
#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

void drawShortcutsHelp(const AppState& state, std::vector<Action>& actions) {
  if (!state.panels.showShortcuts) return;
  bool open = true;
  if (beginCentredWindow("Keyboard shortcuts", 620, 560, state, open)) {
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
    ImGui::End();
  }
  if (!open) actions.emplace_back(action::ToggleShortcutsHelp{});
}

}  // namespace briefmap::ui
