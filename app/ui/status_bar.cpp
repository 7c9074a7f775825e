#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

float statusBarHeight() { return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y; }

void drawStatusBar(const AppState& state, const StatusInfo& info, std::vector<Action>& actions) {
  const ImGuiIO& io = ImGui::GetIO();
  const float h = statusBarHeight();
  ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - h));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * state.uiScale, 3 * state.uiScale));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  char text[256];
  if (info.cursorOnMap && std::isfinite(info.cursor.lon)) {
    std::snprintf(text, sizeof text, "%.4f° %s  %.4f° %s", std::abs(info.cursor.lat), info.cursor.lat >= 0 ? "N" : "S",
                  std::abs(info.cursor.lon), info.cursor.lon >= 0 ? "E" : "W");
  } else {
    std::snprintf(text, sizeof text, "—");
  }
  ImGui::TextUnformatted(text);
  // Fixed columns so the figures do not jitter as the cursor moves, pulled in on a narrow window (a laptop at
  // UI scale 2) but never over the text before them.
  const auto column = [&](float wanted, float shareOfWidth) {
    const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 16 * state.uiScale;
    ImGui::SameLine(std::max(after, std::min(wanted * state.uiScale, shareOfWidth * io.DisplaySize.x)));
  };
  column(260, 0.2f);
  // Thousands separators make 1:5,000,000 readable at a glance.
  long long n = std::llround(info.scaleDenominator);
  std::string digits = std::to_string(n), grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  ImGui::Text("Scale 1:%s", grouped.c_str());
  column(480, 0.36f);
  ImGui::Text("%s", state.crs.label.c_str());
  column(800, 0.58f);
  if (info.basemapLevel) ImGui::Text("Natural Earth 1:%dm", info.basemapLevel);
  if (!state.fileLoads.empty()) {
    // The file read first (the others wait for it on the files worker): its bar and Cancel, also when the Layers
    // panel is collapsed; every file's row is in that panel.
    const FileLoadState& load = state.fileLoads.front();
    const double fraction = load.fraction;
    char overlay[64];
    if (load.opening) std::snprintf(overlay, sizeof overlay, "opening…");
    else if (fraction >= 0) std::snprintf(overlay, sizeof overlay, "%.0f %%", fraction * 100.0);
    else std::snprintf(overlay, sizeof overlay, "%zu features", load.featuresRead);
    const std::string name = std::filesystem::path(load.file).filename().string();
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.7f, 1), "  Reading %s", name.c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(fraction >= 0 ? static_cast<float>(fraction) : 0.f, ImVec2(110 * state.uiScale, 0), overlay);
    ImGui::SameLine();
    ImGui::PushID(load.id);
    if (ImGui::SmallButton("Cancel")) actions.emplace_back(action::CancelFileLoad{load.id});
    ImGui::PopID();
  } else if (info.busy) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.7f, 1), "  Loading…");
  }
  // Where the work is kept: the analyst must always know whether changes are saved, and where.
  const auto& w = state.workspace;
  ImGui::SameLine();
  using Tool = WorkspaceState::Tool;
  const char* tool = w.tool == Tool::Point ? "  · click to place a point"
                     : w.tool == Tool::Line ? "  · click to add vertices, Enter to finish"
                     : w.tool == Tool::Zone ? "  · click to add corners, Enter to finish"
                     : w.tool == Tool::Move ? "  · drag the selected feature"
                     : w.tool == Tool::Reshape ? "  · drag a vertex of the selected feature"
                                               : "";
  if (!w.open) ImGui::TextDisabled("   No workspace: changes are not kept");
  else if (!w.conflict.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "   %s: conflict (Edit → Reload or Keep my version)%s", w.name.c_str(), tool);
  else if (w.readOnly) ImGui::TextColored(ImVec4(0.7f, 0.4f, 0.f, 1), "   %s (read-only)%s", w.name.c_str(), tool);
  else ImGui::Text("   Workspace %s · saved%s", w.name.c_str(), tool);
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace briefmap::ui
