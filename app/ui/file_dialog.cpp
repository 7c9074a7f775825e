#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {
namespace {

bool hasExtension(const std::filesystem::path& p, const char* wanted) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == wanted;
}

bool looksLikeVectorFile(const std::filesystem::path& p) {
  static const char* kExtensions[] = {".geojson", ".json", ".gpkg", ".shp", ".kml", ".kmz", ".fgb",
                                      ".gml",     ".gpx",  ".csv",  ".topojson"};
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

bool looksLikeDocument(const std::filesystem::path& p) {
  for (const char* ext : {".txt", ".text", ".md", ".html", ".htm"})
    if (hasExtension(p, ext)) return true;
  return false;
}

}  // namespace

void drawFileDialog(FileDialogState& dialog, std::vector<Action>& actions) {
  if (!dialog.open) return;
  namespace fs = std::filesystem;
  if (dialog.folder.empty()) {
    std::error_code ec;
    dialog.folder = fs::current_path(ec).string();
  }
  using Purpose = FileDialogState::Purpose;
  const bool documents = dialog.purpose == Purpose::OpenSourcesFolder;
  const bool exportFolder = dialog.purpose == Purpose::ChooseExportFolder;
  const bool workspace = dialog.purpose == Purpose::NewWorkspace || dialog.purpose == Purpose::OpenWorkspace;
  const bool briefing = dialog.purpose != Purpose::OpenVector && !documents && !workspace && !exportFolder;
  const char* title = dialog.purpose == Purpose::OpenVector      ? "Open vector file###files"
                      : dialog.purpose == Purpose::OpenBriefing  ? "Open briefing###files"
                      : documents                                ? "Open documents folder###files"
                      : dialog.purpose == Purpose::NewWorkspace  ? "New workspace###files"
                      : dialog.purpose == Purpose::OpenWorkspace ? "Open workspace###files"
                      : exportFolder                             ? "Export to folder###files"
                                                                 : "Save briefing as###files";
  ImGui::SetNextWindowSize(ImVec2(560, 420), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(title, &dialog.open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  char folder[1024];
  std::snprintf(folder, sizeof folder, "%s", dialog.folder.c_str());
  if (ImGui::InputText("Folder", folder, sizeof folder, ImGuiInputTextFlags_EnterReturnsTrue)) dialog.folder = folder;
  if (ImGui::Button("Up")) dialog.folder = fs::path(dialog.folder).parent_path().string();
  ImGui::SameLine();
  ImGui::TextDisabled(exportFolder ? "The snapshot is written into the folder chosen here"
                      : documents   ? "Documents (.txt, .md, .html): the whole folder is read"
                      : workspace ? "Workspaces (.gpkg), or a PostGIS database below"
                      : briefing  ? "Briefings (.json)"
                                  : "GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf, GML, GPX, CSV");
  if (workspace) {
    const bool create = dialog.purpose == Purpose::NewWorkspace;
    if (create) {
      char name[256];
      std::snprintf(name, sizeof name, "%s", dialog.fileName.empty() ? "analyst.gpkg" : dialog.fileName.c_str());
      if (ImGui::InputText("File name", name, sizeof name)) dialog.fileName = name;
      ImGui::SameLine();
      if (ImGui::Button("Create")) {
        std::string file = name;
        if (!hasExtension(file, ".gpkg")) file += ".gpkg";
        actions.emplace_back(action::NewWorkspace{(fs::path(dialog.folder) / file).string()});
        dialog.open = false;
      }
    }
    // A team workspace: credentials come from the string or ~/.pgpass and PG* variables, and are never kept.
    char connection[512];
    std::snprintf(connection, sizeof connection, "%s", dialog.connection.c_str());
    if (ImGui::InputText("PostGIS", connection, sizeof connection)) dialog.connection = connection;
    ImGui::SameLine();
    if (ImGui::Button(create ? "Create in database" : "Connect")) {
      if (create) actions.emplace_back(action::NewWorkspace{dialog.connection});
      else actions.emplace_back(action::OpenWorkspace{dialog.connection});
      dialog.open = false;
    }
  }
  if (exportFolder && ImGui::Button("Use this folder")) {
    dialog.chosenFolder = dialog.folder;
    dialog.open = false;
  }
  if (documents) {
    if (ImGui::Button("Open this folder")) {
      actions.emplace_back(action::OpenSourcesFolder{dialog.folder});
      dialog.open = false;
    }
  }
  if (dialog.purpose == Purpose::SaveBriefing) {
    char name[256];
    std::snprintf(name, sizeof name, "%s", dialog.fileName.empty() ? "briefing.json" : dialog.fileName.c_str());
    if (ImGui::InputText("File name", name, sizeof name)) dialog.fileName = name;
    ImGui::SameLine();
    if (ImGui::Button("Save")) {
      std::string file = name;
      if (!hasExtension(file, ".json")) file += ".json";
      actions.emplace_back(action::SaveBriefing{(fs::path(dialog.folder) / file).string()});
      dialog.open = false;
    }
  }

  std::vector<fs::directory_entry> folders, files;
  std::error_code ec;
  for (fs::directory_iterator it(dialog.folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::error_code typeError;
    if (it->is_directory(typeError)) folders.push_back(*it);
    else if (exportFolder) continue;  // choosing a folder: only folders are listed
    else if (documents   ? looksLikeDocument(it->path())
             : workspace ? hasExtension(it->path(), ".gpkg")
             : briefing  ? hasExtension(it->path(), ".json")
                         : looksLikeVectorFile(it->path()))
      files.push_back(*it);
  }
  dialog.error = ec ? "cannot list " + dialog.folder + ": " + ec.message() : "";
  auto byName = [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); };
  std::sort(folders.begin(), folders.end(), byName);
  std::sort(files.begin(), files.end(), byName);

  if (!dialog.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", dialog.error.c_str());
  ImGui::BeginChild("entries", ImVec2(0, 0), true);
  for (const auto& d : folders) {
    const std::string label = "[" + d.path().filename().string() + "]";
    if (ImGui::Selectable(label.c_str())) dialog.folder = d.path().string();
  }
  for (const auto& f : files) {
    if (!ImGui::Selectable(f.path().filename().string().c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) continue;
    if (documents || dialog.purpose == Purpose::NewWorkspace) continue;  // listed so the analyst sees what is there
    if (dialog.purpose == Purpose::SaveBriefing) {
      dialog.fileName = f.path().filename().string();  // replaced on Save; the old one is kept as .bak
    } else if (ImGui::IsMouseDoubleClicked(0)) {
      if (workspace) actions.emplace_back(action::OpenWorkspace{f.path().string()});
      else if (briefing) actions.emplace_back(action::OpenBriefing{f.path().string()});
      else actions.emplace_back(action::OpenFiles{{f.path().string()}});
      dialog.open = false;
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace briefmap::ui
