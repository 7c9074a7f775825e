#include "briefmap/ui/panels.hpp"
#include "imgui.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace briefmap::ui {

std::vector<std::array<float, 4>>& panelRects() {
  static std::vector<std::array<float, 4>> rects;
  return rects;
}

void beginPanelFrame() { panelRects().clear(); }

void recordPanelRect() {
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  panelRects().push_back({pos.x, pos.y, pos.x + size.x, pos.y + size.y});
}

void sameLineOrWrap(float width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

float buttonWidth(const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2; }

float checkboxWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

void drawLayersPanel(const AppState& state, std::vector<Action>& actions) {
  if (!state.showLayersPanel) return;
  const float scale = state.uiScale;
  if (!beginDockedPanel(PanelId::Layers, "Layers", state, actions)) return;
  // Files being read: above the layers, where their layers will appear. The bar stays empty while the share is not
  // known (ImGui 1.86 has no indeterminate bar); its text then counts the features read.
  for (const auto& load : state.fileLoads) {
    ImGui::PushID(load.id);
    const std::string name = std::filesystem::path(load.file).filename().string();
    ImGui::TextUnformatted(("Reading " + name).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", load.file.c_str());
    char overlay[64];
    const double fraction = load.fraction;
    if (load.opening) std::snprintf(overlay, sizeof overlay, "opening…");
    else if (fraction >= 0) std::snprintf(overlay, sizeof overlay, "%.0f %%", fraction * 100.0);
    else std::snprintf(overlay, sizeof overlay, "%zu features", load.featuresRead);
    ImGui::ProgressBar(fraction >= 0 ? static_cast<float>(fraction) : 0.f, ImVec2(160 * scale, 0), overlay);
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) actions.emplace_back(action::CancelFileLoad{load.id});
    ImGui::Separator();
    ImGui::PopID();
  }
  // Top of the list = drawn last (on top), as in every GIS.
  const int count = static_cast<int>(state.layers.size());
  for (int i = count - 1; i >= 0; --i) {
    const LayerEntry& l = state.layers[static_cast<size_t>(i)];
    ImGui::PushID(l.id.c_str());
    bool visible = l.visible;
    if (ImGui::Checkbox("##visible", &visible)) actions.emplace_back(action::SetLayerVisible{l.id, visible});
    ImGui::SameLine();
    if (!l.isBasemap) {
      const auto& c = l.style.stroke;
      ImGui::ColorButton("##colour", ImVec4(c.r, c.g, c.b, 1), ImGuiColorEditFlags_NoTooltip,
                         ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
      ImGui::SameLine();
    }
    ImGui::TextUnformatted(l.name.c_str());
    if (ImGui::IsItemHovered() && !l.detail.empty()) ImGui::SetTooltip("%s", l.detail.c_str());
    if (l.loadingFileId != 0) {
      // Shown as it is read: how much of the file is in, and how many features are drawn so far.
      const auto load = std::find_if(state.fileLoads.begin(), state.fileLoads.end(),
                                     [&](const FileLoadState& f) { return f.id == l.loadingFileId; });
      const double fraction = load != state.fileLoads.end() ? load->fraction : -1.0;
      char overlay[64];
      std::snprintf(overlay, sizeof overlay, "loading: %zu shown", l.featuresShown);
      ImGui::ProgressBar(fraction >= 0 ? static_cast<float>(fraction) : 0.f, ImVec2(160 * scale, 0), overlay);
    } else if (!l.isBasemap && !l.scene && l.visible) {  // a hidden layer is prepared when shown
      ImGui::SameLine();
      ImGui::TextDisabled("(preparing…)");
    }
    ImGui::SetNextItemWidth(110 * scale);
    float opacity = l.opacity * 100.f;
    if (ImGui::SliderFloat("##opacity", &opacity, 0.f, 100.f, "%.0f %%"))
      actions.emplace_back(action::SetLayerOpacity{l.id, opacity / 100.f});
    ImGui::SameLine();
    ImGui::BeginDisabled(i == count - 1);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) actions.emplace_back(action::MoveLayer{l.id, +1});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(i == 0);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) actions.emplace_back(action::MoveLayer{l.id, -1});
    ImGui::EndDisabled();
    if (!l.isBasemap && l.loadingFileId == 0) {  // while read, its file's Cancel takes it away
      ImGui::SameLine();
      if (ImGui::SmallButton("Remove")) actions.emplace_back(action::RemoveLayer{l.id});
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace briefmap::ui
