#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

void drawMessages(const AppState& state, std::vector<Action>& actions) {
  if (state.messages.empty()) return;
  const ImGuiIO& io = ImGui::GetIO();
  const float scale = state.uiScale;
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10 * scale, menuBarHeight() + 10 * scale), ImGuiCond_Always,
                          ImVec2(1, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(300 * scale, 0), ImVec2(560 * scale, io.DisplaySize.y * 0.6f));
  ImGui::Begin("Messages", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  recordPanelRect();
  // Newest first; at most the last 8 so the map stays visible.
  const size_t n = state.messages.size();
  for (size_t k = 0; k < n && k < 8; ++k) {
    const size_t i = n - 1 - k;
    const Message& m = state.messages[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec4 colour = m.level == MessageLevel::Error     ? ImVec4(0.75f, 0.1f, 0.1f, 1)
                          : m.level == MessageLevel::Warning ? ImVec4(0.6f, 0.4f, 0.f, 1)
                                                             : ImVec4(0.2f, 0.2f, 0.2f, 1);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(520 * scale);
    ImGui::TextUnformatted(m.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Dismiss")) actions.emplace_back(action::DismissMessage{i});
    ImGui::Separator();
    ImGui::PopID();
  }
  if (n > 1 && ImGui::Button("Dismiss all")) {
    for (size_t i = n; i-- > 0;) actions.emplace_back(action::DismissMessage{i});
  }
  ImGui::End();
}

}  // namespace briefmap::ui
