#include "option_editor.hpp"

#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "imgui_stdlib.h"

namespace briefmap::ui {
namespace {

namespace action = session::action;

constexpr const char* kEditorPopup = "Edit option";

bool canEdit(const AppState& state) { return state.workspace.open && !state.workspace.readOnly && state.catalog; }

std::string hexOf(const float rgb[3]) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02X%02X%02X", static_cast<int>(std::lround(rgb[0] * 255)),
                static_cast<int>(std::lround(rgb[1] * 255)), static_cast<int>(std::lround(rgb[2] * 255)));
  return buffer;
}

void rgbOf(const std::string& hex, float rgb[3]) {
  unsigned value = 0x0072B2;
  if (hex.size() == 7 && hex[0] == '#') std::sscanf(hex.c_str() + 1, "%06x", &value);
  rgb[0] = ((value >> 16) & 255) / 255.f;
  rgb[1] = ((value >> 8) & 255) / 255.f;
  rgb[2] = (value & 255) / 255.f;
}

// What the editor is changing: a copy of the definition, until OK.
struct OptionDraft {
  bool open = false;
  std::string id;
  options::Option definition;
  float colour[3] = {0, 0.45f, 0.7f};
  std::string newLayer;
  options::Parameter newParameter{"", "", "km", 50, 0, 500, 5, "", {}};
};
OptionDraft& draft() {
  static OptionDraft d;
  return d;
}

}  // namespace

void drawCatalogueControls(const AppState& state, std::vector<Action>& actions) {
  if (!canEdit(state)) return;
  if (ImGui::Button("New option…")) ImGui::OpenPopup("New option");
  ImGui::SameLine();
  if (ImGui::Button("Save view as preset…")) ImGui::OpenPopup("Save preset");
  if (ImGui::BeginPopup("New option")) {
    static std::string title;
    static float colour[3] = {0.67f, 0.2f, 0.47f};
    ImGui::SetNextItemWidth(280 * state.uiScale);
    const bool entered = ImGui::InputText("Title", &title, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::ColorEdit3("Colour", colour, ImGuiColorEditFlags_NoInputs);
    ImGui::TextDisabled("It gets a layer to draw into; add layers and parameters with Edit (right-click the option).");
    if ((ImGui::Button("Create") || entered) && !title.empty()) {
      actions.emplace_back(action::NewOption{title, hexOf(colour)});
      title.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopup("Save preset")) {
    static std::string title;
    ImGui::TextDisabled("The options shown and the parameters you changed, under one name.");
    ImGui::SetNextItemWidth(280 * state.uiScale);
    const bool entered = ImGui::InputText("Title", &title, ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button("Save") || entered) && !title.empty()) {
      actions.emplace_back(action::SavePresetFromView{title});
      title.clear();
      ImGui::CloseCurrentPopup();
    }
    if (!state.catalog->presets.empty()) {
      ImGui::Separator();
      ImGui::TextDisabled("Delete a preset:");
      for (const auto& p : state.catalog->presets) {
        ImGui::PushID(p.id.c_str());
        if (ImGui::SmallButton("Delete")) actions.emplace_back(action::DeletePreset{p.id});
        ImGui::SameLine();
        ImGui::TextUnformatted(p.title.c_str());
        ImGui::PopID();
      }
    }
    ImGui::EndPopup();
  }
}

void drawOptionContextMenu(const AppState& state, const std::string& optionId, std::vector<Action>& actions) {
  if (!canEdit(state) || !ImGui::BeginPopupContextItem("option menu")) return;
  if (ImGui::MenuItem("Edit option…")) {
    if (const options::Option* def = state.catalog->find(optionId)) {
      auto& d = draft();
      d = OptionDraft{};
      d.open = true;
      d.id = optionId;
      d.definition = *def;
      d.definition.features = {};
      d.definition.facts.clear();
      rgbOf(def->colour, d.colour);
    }
  }
  if (ImGui::MenuItem("Delete option (with its features and facts)")) actions.emplace_back(action::DeleteOption{optionId});
  ImGui::EndPopup();
}

void drawOptionEditor(const AppState& state, std::vector<Action>& actions) {
  auto& d = draft();
  if (d.open) {
    ImGui::OpenPopup(kEditorPopup);
    d.open = false;
  }
  ImGui::SetNextWindowSize(ImVec2(520 * state.uiScale, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kEditorPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  auto& o = d.definition;
  ImGui::TextDisabled("%s", d.id.c_str());
  ImGui::InputText("Title", &o.title);
  ImGui::InputTextMultiline("Summary", &o.summary, ImVec2(0, ImGui::GetTextLineHeight() * 3));
  ImGui::ColorEdit3("Colour", d.colour, ImGuiColorEditFlags_NoInputs);

  ImGui::Separator();
  ImGui::TextDisabled("Layers");
  for (size_t i = 0; i < o.layers.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetNextItemWidth(240 * state.uiScale);
    ImGui::InputText("##title", &o.layers[i].title);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", o.layers[i].id.empty() ? "(new)" : o.layers[i].id.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) {
      o.layers.erase(o.layers.begin() + static_cast<long>(i));
      ImGui::PopID();
      break;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Its features go with it (Undo brings them back)");
    ImGui::PopID();
  }
  ImGui::SetNextItemWidth(240 * state.uiScale);
  ImGui::InputTextWithHint("##newlayer", "New layer title", &d.newLayer);
  ImGui::SameLine();
  if (ImGui::Button("Add layer") && !d.newLayer.empty()) {
    o.layers.push_back({"", d.newLayer, "Drawn by the analyst"});
    d.newLayer.clear();
  }

  ImGui::Separator();
  ImGui::TextDisabled("Parameters (a ring's radius, a band's width)");
  for (size_t i = 0; i < o.parameters.size(); ++i) {
    auto& p = o.parameters[i];
    ImGui::PushID(1000 + static_cast<int>(i));
    ImGui::Text("%s (%s): default %g, %g–%g %s", p.label.c_str(), p.id.empty() ? "new" : p.id.c_str(), p.defaultValue, p.min,
                p.max, p.unit.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) {
      o.parameters.erase(o.parameters.begin() + static_cast<long>(i));
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  auto& n = d.newParameter;
  ImGui::SetNextItemWidth(200 * state.uiScale);
  ImGui::InputTextWithHint("##plabel", "Label, e.g. Cover radius", &n.label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(60 * state.uiScale);
  ImGui::InputText("Unit", &n.unit);
  ImGui::SetNextItemWidth(90 * state.uiScale);
  ImGui::InputDouble("Default", &n.defaultValue, 0, 0, "%g");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * state.uiScale);
  ImGui::InputDouble("Min", &n.min, 0, 0, "%g");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * state.uiScale);
  ImGui::InputDouble("Max", &n.max, 0, 0, "%g");
  ImGui::SameLine();
  if (ImGui::Button("Add parameter") && !n.label.empty()) {
    o.parameters.push_back(n);
    n.label.clear();
  }

  ImGui::Separator();
  if (ImGui::Button("OK")) {
    o.colour = hexOf(d.colour);
    actions.emplace_back(action::EditOption{d.id, o});  // refused with a reason in the messages when invalid
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void drawDeriveEditor(const AppState& state, const session::Selection& sel, std::vector<Action>& actions) {
  const options::Option* def = state.catalog ? state.catalog->find(sel.optionId) : nullptr;
  if (!def) return;
  const std::string uid = sel.feature.properties.value("id", std::string());
  const auto& g = sel.feature.geometry;
  const auto derive = sel.feature.properties.find("derive");
  const bool derived = derive != sel.feature.properties.end() && derive->is_object();
  const std::string kind = derived ? derive->value("kind", std::string()) : std::string();
  const std::string parameter = derived ? derive->value("parameter", std::string()) : std::string();
  struct Choice {
    const char* kind;
    const char* label;
    bool fits;
  };
  const Choice choices[] = {{"", "Nothing derived", true},
                            {"range_ring", "Range ring around it", !g.points.empty()},
                            {"buffer", "Band along it", !g.lines.empty()},
                            {"geodesic_route", "Geodesic route", !g.lines.empty()}};
  const char* shown = choices[0].label;
  for (const auto& c : choices)
    if (kind == c.kind) shown = c.label;
  ImGui::SetNextItemWidth(200 * state.uiScale);
  if (ImGui::BeginCombo("Derived", shown)) {
    for (const auto& c : choices) {
      if (!c.fits) continue;
      if (!ImGui::Selectable(c.label, kind == c.kind) || kind == c.kind) continue;
      if (!*c.kind) {
        actions.emplace_back(action::EditFeature{uid, {{"derive", nullptr}}});
        continue;
      }
      nlohmann::json next = {{"kind", c.kind}};
      if (std::string(c.kind) != "geodesic_route") {
        if (def->parameters.empty()) continue;  // the tooltip below says to add one
        next["parameter"] = parameter.empty() || !def->parameter(parameter) ? def->parameters.front().id : parameter;
      }
      actions.emplace_back(action::EditFeature{uid, {{"derive", next}}});
    }
    ImGui::EndCombo();
  }
  if (def->parameters.empty() && ImGui::IsItemHovered())
    ImGui::SetTooltip("A ring or a band is sized by a parameter of the option: add one with Edit option (right-click it).");
  if ((kind == "range_ring" || kind == "buffer") && !def->parameters.empty()) {
    const options::Parameter* current = def->parameter(parameter);
    ImGui::SetNextItemWidth(200 * state.uiScale);
    if (ImGui::BeginCombo("Sized by", current ? current->label.c_str() : parameter.c_str())) {
      for (const auto& p : def->parameters)
        if (ImGui::Selectable(p.label.c_str(), p.id == parameter) && p.id != parameter)
          actions.emplace_back(action::EditFeature{uid, {{"derive", {{"kind", kind}, {"parameter", p.id}}}}});
      ImGui::EndCombo();
    }
  }
}

}  // namespace briefmap::ui
