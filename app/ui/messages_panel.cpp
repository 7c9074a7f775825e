#include <algorithm>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {
namespace {

ImVec4 levelColour(MessageLevel level, float alpha) {
  return level == MessageLevel::Error     ? ImVec4(0.75f, 0.1f, 0.1f, alpha)
         : level == MessageLevel::Warning ? ImVec4(0.6f, 0.4f, 0.f, alpha)
                                          : ImVec4(0.2f, 0.2f, 0.2f, alpha);
}

}  // namespace

// Notices sit at the bottom centre of the map, above the scale bar's row: the legend is top right, so a
// notice never covers it; they are recorded as occluded so map labels keep clear while they show.
void drawNotices(const AppState& state, float mapX, float mapY, float mapW, float mapH) {
  const auto notices = activeNotices(state);
  if (notices.empty()) return;
  const float scale = state.uiScale;
  const float width = std::min(520 * scale, mapW - 20 * scale);
  ImGui::SetNextWindowPos(ImVec2(mapX + mapW / 2, mapY + mapH - 40 * scale), ImGuiCond_Always, ImVec2(0.5f, 1));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  float opacity = 0;
  for (const auto& n : notices) opacity = std::max(opacity, n.opacity);
  ImGui::SetNextWindowBgAlpha(0.9f * opacity);
  ImGui::PushStyleVar(ImGuiStyleVar_Alpha, opacity);
  ImGui::Begin("##notices", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoInputs);
  recordPanelRect();
  ImGui::PushTextWrapPos(0);
  for (const auto& n : notices) {
    const Message& m = state.messages[n.index];
    ImGui::TextColored(levelColour(m.level, n.opacity), "%s", m.text.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
  ImGui::PopStyleVar();
}

void drawMessageLog(const AppState& state, std::vector<Action>& actions) {
  if (!state.panels.showLog) return;
  bool open = true;
  if (!beginCentredWindow("Message log", 640, 420, state, open)) {
    if (!open) actions.emplace_back(action::ToggleMessageLog{});
    return;
  }
  const size_t n = state.messages.size();
  ImGui::BeginDisabled(n == 0);
  if (ImGui::Button("Clear all")) actions.emplace_back(action::ClearMessages{});
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu message%s, newest first", n, n == 1 ? "" : "s");
  ImGui::Separator();
  ImGui::BeginChild("messages");
  for (size_t k = 0; k < n; ++k) {
    const size_t i = n - 1 - k;
    const Message& m = state.messages[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, levelColour(m.level, 1));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(m.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Dismiss")) actions.emplace_back(action::DismissMessage{i});
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::End();
  if (!open) actions.emplace_back(action::ToggleMessageLog{});
}

}  // namespace briefmap::ui
