#include <cstdio>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

// Ctrl+F: a small box at the top of the map; typing updates the suggestions (session::suggestPlaces), Enter
// or a click flies to one, Esc closes.
void drawPlaceSearch(const AppState& state, PlaceSearchPanelState& panel, float mapX, float mapY, float mapW,
                     std::vector<Action>& actions) {
  const auto& search = state.placeSearch;
  if (!search.open) {
    panel.wasOpen = false;
    return;
  }
  const float scale = state.uiScale;
  const float width = std::min(420 * scale, mapW - 20 * scale);
  ImGui::SetNextWindowPos(ImVec2(mapX + mapW / 2, mapY + 10 * scale), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  bool open = true;
  if (!ImGui::Begin("Find a place", &open,
                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  recordPanelRect();
  if (!panel.wasOpen) {  // opened: start from what the model holds (empty, or a scripted search)
    std::snprintf(panel.query.data(), panel.query.size(), "%s", search.query.c_str());
    panel.highlighted = 0;
    ImGui::SetKeyboardFocusHere();
    panel.wasOpen = true;
  }
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputTextWithHint("##place", "Kyiv, Kiev, Odessa, Bosphorus…", panel.query.data(),
                                                panel.query.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemActive() || entered) ImGui::SetKeyboardFocusHere(-1);  // keep typing after Enter
  if (panel.query.data() != search.query) {
    actions.emplace_back(action::SearchPlaces{panel.query.data()});
    panel.highlighted = 0;
  }
  const int count = static_cast<int>(search.suggestions.size());
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow)) && count > 0) panel.highlighted = (panel.highlighted + 1) % count;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)) && count > 0)
    panel.highlighted = (panel.highlighted + count - 1) % count;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) open = false;
  for (int i = 0; i < count; ++i) {
    const PlaceSuggestion& s = search.suggestions[static_cast<size_t>(i)];
    std::string label = s.name;
    if (s.matched != s.name) label += "  (" + s.matched + ")";
    label += "##" + std::to_string(s.place);
    if (ImGui::Selectable(label.c_str(), i == panel.highlighted)) actions.emplace_back(action::FlyToPlace{s.place});
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s%s", s.kind.c_str(), s.country.empty() ? "" : " · ", s.country.c_str());
  }
  if (entered && count > 0) actions.emplace_back(action::FlyToPlace{search.suggestions[static_cast<size_t>(panel.highlighted)].place});
  if (panel.query[0] != '\0' && count == 0) ImGui::TextDisabled("No place of that name in the gazetteer");
  ImGui::End();
  if (!open) actions.emplace_back(action::ClosePlaceSearch{});
}

}  // namespace briefmap::ui
