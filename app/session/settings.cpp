#include "briefmap/session/settings.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "briefmap/data/atomic_file.hpp"

namespace briefmap::session {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::uintmax_t kMaxSettingsBytes = 1 << 20;  // a settings file is a few hundred bytes

std::vector<std::string> stringList(const json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string() && out.size() < kMaxRecent) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

fs::path settingsFile() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  if (config && config[0] == '/') return fs::path(config) / "briefmap" / "settings.json";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return fs::path(home) / ".config" / "briefmap" / "settings.json";
  return {};
}

LoadedSettings loadSettings(const fs::path& file) {
  LoadedSettings out;
  std::error_code ec;
  if (file.empty() || !fs::exists(file, ec)) return out;
  const auto warn = [&](const std::string& why) {
    out.settings = Settings{};
    out.warning = "Settings " + file.string() + " " + why + "; starting with the defaults";
    return out;
  };
  if (!fs::is_regular_file(file, ec)) return warn("is not a regular file");
  if (fs::file_size(file, ec) > kMaxSettingsBytes) return warn("is larger than 1 MiB");
  std::ifstream in(file, std::ios::binary);
  if (!in) return warn("cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  const json j = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return warn("is not valid JSON");
  Settings& s = out.settings;
  try {
    if (auto w = j.find("window"); w != j.end() && w->is_object()) {
      WindowPlacement p;
      p.x = w->value("x", INT_MIN);
      p.y = w->value("y", INT_MIN);
      p.width = w->value("width", 0);
      p.height = w->value("height", 0);
      p.maximized = w->value("maximized", false);
      if (p.width > 0 && p.height > 0) s.window = p;
    }
    s.uiScale = j.value("ui_scale", 0.f);
    if (!(s.uiScale >= 0.5f && s.uiScale <= 4.f)) s.uiScale = 0;
    if (auto p = j.find("panels"); p != j.end() && p->is_object()) {
      s.panels.hidden = p->value("hidden", false);
      s.showLayers = p->value("layers", true);
      s.showOptions = p->value("options", true);
      s.showBriefing = p->value("briefing", true);
      s.showSources = p->value("sources", false);
      if (auto c = p->find("collapsed"); c != p->end() && c->is_array()) {
        s.panels.collapsed.clear();
        for (const auto& k : *c)
          if (k.is_string())
            if (auto id = panelFromKey(k.get<std::string>())) s.panels.collapsed.insert(*id);
      }
      s.panels.showLog = p->value("message_log", false);
    }
    s.recent.briefings = stringList(j, "recent_briefings");
    s.recent.files = stringList(j, "recent_files");
    s.recent.exportFolder = j.value("export_folder", std::string());
  } catch (const json::exception& e) {  // a value of the wrong type
    return warn(std::string("has a value of the wrong type (") + e.what() + ")");
  }
  return out;
}

void saveSettings(const fs::path& file, const Settings& s) {
  json j;
  if (s.window) {
    j["window"] = {{"width", s.window->width}, {"height", s.window->height}, {"maximized", s.window->maximized}};
    if (s.window->x != INT_MIN && s.window->y != INT_MIN) {
      j["window"]["x"] = s.window->x;
      j["window"]["y"] = s.window->y;
    }
  }
  if (s.uiScale > 0) j["ui_scale"] = s.uiScale;
  json collapsed = json::array();
  for (PanelId id : s.panels.collapsed) collapsed.push_back(panelKey(id));
  j["panels"] = {{"hidden", s.panels.hidden}, {"layers", s.showLayers},   {"options", s.showOptions},
                 {"briefing", s.showBriefing}, {"sources", s.showSources}, {"collapsed", collapsed},
                 {"message_log", s.panels.showLog}};
  j["recent_briefings"] = s.recent.briefings;
  j["recent_files"] = s.recent.files;
  j["export_folder"] = s.recent.exportFolder;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  data::AtomicFile out(file);
  const std::string text = j.dump(2) + "\n";
  out.write(std::as_bytes(std::span(text.data(), text.size())));
  out.commit();
}

void applySettings(const Settings& s, AppState& state) {
  state.panels = s.panels;
  state.showLayersPanel = s.showLayers;
  state.showOptionsPanel = s.showOptions;
  state.briefing.showPanel = s.showBriefing;
  state.sources.showPanel = s.showSources;
  state.recent = s.recent;
  if (s.uiScale > 0) state.uiScale = s.uiScale;
}

void captureSettings(const AppState& state, Settings& s) {
  s.panels = state.panels;
  s.showLayers = state.showLayersPanel;
  s.showOptions = state.showOptionsPanel;
  s.showBriefing = state.briefing.showPanel;
  s.showSources = state.sources.showPanel;
  s.recent = state.recent;
  s.uiScale = state.uiScale;
}

}  // namespace briefmap::session
