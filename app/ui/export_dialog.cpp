#include "briefmap/ui/export_dialog.hpp"

#include <cstdio>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace briefmap::ui {

const std::vector<ExportSizePreset>& exportSizePresets() {
  // A4/A3 landscape at 300 dpi: 297 x 210 mm and 420 x 297 mm.
  static const std::vector<ExportSizePreset> presets = {
      {"Window size", 0, 0},           {"1920 × 1080 (Full HD)", 1920, 1080}, {"3840 × 2160 (4K)", 3840, 2160},
      {"7680 × 4320 (8K)", 7680, 4320}, {"A4 landscape, 300 dpi (3508 × 2480)", 3508, 2480},
      {"A3 landscape, 300 dpi (4961 × 3508)", 4961, 3508}, {"Custom", -1, -1}};
  return presets;
}

std::optional<SnapshotRequest> exportRequestFrom(const ExportDialogState& dialog, int viewportW, int viewportH,
                                                 std::string& error) {
  SnapshotRequest r;
  r.out = dialog.file;
  const auto format = snapshotFormatFromExtension(r.out);
  if (!format) {
    error = dialog.file + ": the name must end in .png, .tif, .pdf, .svg, .geojson, .gpkg or .kml";
    return std::nullopt;
  }
  r.format = *format;
  const auto& presets = exportSizePresets();
  const auto& p = presets[static_cast<size_t>(std::clamp<int>(dialog.sizePreset, 0, static_cast<int>(presets.size()) - 1))];
  r.width = p.width > 0 ? p.width : p.width == 0 ? viewportW : dialog.customWidth;
  r.height = p.height > 0 ? p.height : p.height == 0 ? viewportH : dialog.customHeight;
  try {
    validateSnapshotSize(r.width, r.height);
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
  r.furniture = dialog.furniture;
  r.worldFile = dialog.worldFile && r.format == SnapshotFormat::Png;
  return r;  // no view: the window's extent, fitted into the output
}

void drawExportDialog(ExportDialogState& dialog, const AppState& state) {
  if (!dialog.open) return;
  ImGui::SetNextWindowSize(ImVec2(460 * state.uiScale, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Export snapshot", &dialog.open)) {
    ImGui::End();
    return;
  }
  recordPanelRect();
  ImGui::InputText("File", &dialog.file);
  ImGui::TextDisabled(".png  .tif (GeoTIFF)  .pdf  .svg  .geojson  .gpkg  .kml");
  const auto& presets = exportSizePresets();
  if (ImGui::BeginCombo("Size", presets[static_cast<size_t>(dialog.sizePreset)].label)) {
    for (size_t i = 0; i < presets.size(); ++i)
      if (ImGui::Selectable(presets[i].label, static_cast<int>(i) == dialog.sizePreset)) dialog.sizePreset = static_cast<int>(i);
    ImGui::EndCombo();
  }
  if (presets[static_cast<size_t>(dialog.sizePreset)].width < 0) {
    ImGui::InputInt("Width", &dialog.customWidth, 100, 1000);
    ImGui::InputInt("Height", &dialog.customHeight, 100, 1000);
  }
  ImGui::Separator();
  FurnitureChoice& f = dialog.furniture;
  ImGui::InputText("Title", &f.title);
  ImGui::InputText("Subtitle", &f.subtitle);
  ImGui::InputText("Caveat banner", &f.caveat);
  ImGui::Checkbox("Legend", &f.legend);
  ImGui::SameLine();
  ImGui::Checkbox("Scale bar", &f.scaleBar);
  ImGui::SameLine();
  ImGui::Checkbox("North arrow", &f.northArrow);
  ImGui::Checkbox("Sources", &f.sources);
  ImGui::SameLine();
  ImGui::Checkbox("Export time", &f.timestamp);
  ImGui::SameLine();
  ImGui::Checkbox("Attribution", &f.attribution);
  ImGui::Checkbox("World file (.pgw, .prj) beside a PNG", &dialog.worldFile);
  ImGui::Separator();
  if (dialog.running) {
    ImGui::ProgressBar(static_cast<float>(dialog.progress), ImVec2(-1, 0));
  } else {
    std::string error;
    const auto request = exportRequestFrom(dialog, state.viewportW, state.viewportH, error);
    if (!request) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", error.c_str());
    ImGui::BeginDisabled(!request);
    if (ImGui::Button("Export")) dialog.requested = request;
    ImGui::EndDisabled();
  }
  if (!dialog.lastResult.empty()) {
    if (dialog.lastFailed) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", dialog.lastResult.c_str());
    else ImGui::TextWrapped("%s", dialog.lastResult.c_str());
  }
  ImGui::End();
}

}  // namespace briefmap::ui
