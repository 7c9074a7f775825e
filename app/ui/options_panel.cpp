#include <cmath>
#include <cstdio>

#include "briefmap/session/sources_controller.hpp"
#include "briefmap/ui/panels.hpp"
#include "imgui.h"
#include "option_editor.hpp"

namespace briefmap::ui {
namespace {

// The quotes behind a statement, as a tooltip: an analyst hovers to see where it comes from.
void sourcesTooltip(const std::vector<options::SourceRef>& sources, float wrap) {
  if (sources.empty() || !ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(wrap);
  for (const auto& s : sources) {
    ImGui::TextDisabled("%s", s.doc.c_str());
    ImGui::TextWrapped("“%s”", s.quote.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

std::string troops(const options::Fact& f) {
  auto fmt = [](long v) {
    std::string digits = std::to_string(v), out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  };
  if (f.troopsMin && f.troopsMax && *f.troopsMin != *f.troopsMax) return fmt(*f.troopsMin) + "–" + fmt(*f.troopsMax) + " troops";
  if (f.troopsMax) return "up to " + fmt(*f.troopsMax) + " troops";
  if (f.troopsMin) return fmt(*f.troopsMin) + "+ troops";
  return {};
}

}  // namespace

void drawOptionsPanel(const AppState& state, std::vector<Action>& actions) {
  if (!state.showOptionsPanel || !state.catalog) return;
  const float scale = state.uiScale;
  if (!beginDockedPanel(PanelId::Options, "Options", state, actions)) return;
  const float wrap = ImGui::GetContentRegionAvail().x;
  (void)scale;
  if (ImGui::BeginCombo("Preset", "Choose a comparison…")) {
    for (const auto& p : state.catalog ? state.catalog->presets : std::vector<options::Preset>{})
      if (ImGui::Selectable(p.title.c_str())) actions.emplace_back(action::ApplyPreset{p.id, true});
    ImGui::EndCombo();
  }
  drawCatalogueControls(state, actions);
  drawOptionEditor(state, actions);
  ImGui::Separator();
  for (const auto& o : state.options) {
    const options::Option* def = state.catalog->find(o.id);
    if (!def) continue;
    ImGui::PushID(o.id.c_str());
    bool visible = o.visible;
    if (ImGui::Checkbox("##on", &visible)) actions.emplace_back(action::SetOptionVisible{o.id, visible});
    ImGui::SameLine();
    ImGui::ColorButton("##colour", ImVec4(o.colour.r, o.colour.g, o.colour.b, 1), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
    ImGui::SameLine();
    const bool open = ImGui::TreeNodeEx(def->title.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth);
    drawOptionContextMenu(state, o.id, actions);
    if (o.preparing) {
      ImGui::SameLine();
      ImGui::TextDisabled("(preparing…)");
    }
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextDisabled("%s", def->summary.c_str());
    ImGui::PopTextWrapPos();
    if (open) {
      for (const auto& l : o.layers) {
        bool on = l.visible;
        if (ImGui::Checkbox(l.title.c_str(), &on)) actions.emplace_back(action::SetOptionLayerVisible{o.id, l.id, on});
        if (!l.legend.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l.legend.c_str());
      }
      for (const auto& p : def->parameters) {
        auto it = o.parameters.find(p.id);
        float value = static_cast<float>(it != o.parameters.end() ? it->second : p.defaultValue);
        const std::string format = "%.0f " + p.unit;
        ImGui::SetNextItemWidth(200 * scale);
        if (ImGui::SliderFloat(p.label.c_str(), &value, static_cast<float>(p.min), static_cast<float>(p.max),
                               format.c_str())) {
          const double step = p.step > 0 ? p.step : 1;
          actions.emplace_back(action::SetOptionParameter{o.id, p.id, std::round(value / step) * step});
        }
        if (ImGui::IsItemHovered()) {
          ImGui::BeginTooltip();
          ImGui::PushTextWrapPos(wrap);
          ImGui::Text("Default %g %s: %s", p.defaultValue, p.unit.c_str(), p.basis.c_str());
          for (const auto& s : p.sources) ImGui::TextWrapped("“%s” (%s)", s.quote.c_str(), s.doc.c_str());
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Reset")) actions.emplace_back(action::SetOptionParameter{o.id, p.id, p.defaultValue});
      }
      for (const auto& note : o.notes) ImGui::BulletText("%s", note.c_str());
      for (const auto& f : def->facts) {
        const std::string t = troops(f);
        ImGui::PushTextWrapPos(wrap);
        if (t.empty()) ImGui::BulletText("%s", f.text.c_str());
        else ImGui::BulletText("%s — %s", f.text.c_str(), t.c_str());
        ImGui::PopTextWrapPos();
        sourcesTooltip(f.sources, wrap);
      }
      float opacity = o.opacity * 100.f;
      ImGui::SetNextItemWidth(120 * scale);
      if (ImGui::SliderFloat("Opacity", &opacity, 0.f, 100.f, "%.0f %%"))
        actions.emplace_back(action::SetOptionOpacity{o.id, opacity / 100.f});
      ImGui::TreePop();
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  ImGui::End();
}

namespace {

// The inspector's editing part, for a feature of the open workspace: every change is one action (one commit,
// one undo step). The text being typed lives here until Enter or the button.
void drawFeatureEditor(const AppState& state, const Selection& sel, std::vector<Action>& actions) {
  const auto& w = state.workspace;
  const std::string uid = sel.feature.properties.value("id", std::string());
  if (!w.open || uid.empty() || sel.layerId == kCandidateLayerId ||
      sel.feature.properties.value("placement", std::string()) == "derived")
    return;
  ImGui::Separator();
  if (w.readOnly) {
    ImGui::TextDisabled("%s is open read-only", w.name.c_str());
    return;
  }
  static std::string editing;
  static std::string shownName, shownNote;
  static char name[256], note[2048];
  const auto& p = sel.feature.properties;
  const std::string currentName = p.value("name", std::string()), currentNote = p.value("note", std::string());
  if (editing != uid || shownName != currentName || shownNote != currentNote) {  // another feature, or changed
    editing = uid;
    shownName = currentName;
    shownNote = currentNote;
    std::snprintf(name, sizeof name, "%s", currentName.c_str());
    std::snprintf(note, sizeof note, "%s", currentNote.c_str());
  }
  if (ImGui::InputText("Name", name, sizeof name, ImGuiInputTextFlags_EnterReturnsTrue) && currentName != name)
    actions.emplace_back(action::EditFeature{uid, {{"name", std::string(name)}}});
  const char* placements[] = {"stated", "inferred", "analyst"};
  const std::string placement = p.value("placement", std::string());
  if (ImGui::BeginCombo("Placement", placement.c_str())) {
    for (const char* option : placements)
      if (ImGui::Selectable(option, placement == option) && placement != option)
        actions.emplace_back(action::EditFeature{uid, {{"placement", option}}});
    ImGui::EndCombo();
  }
  ImGui::InputTextMultiline("Note", note, sizeof note, ImVec2(0, ImGui::GetTextLineHeight() * 3));
  if (currentNote != note && ImGui::Button("Save note")) actions.emplace_back(action::EditFeature{uid, {{"note", std::string(note)}}});
  for (const char* key : {"troops_min", "troops_max"}) {
    double value = p.contains(key) && p[key].is_number() ? p[key].get<double>() : 0;
    ImGui::SetNextItemWidth(160 * state.uiScale);
    if (ImGui::InputDouble(key, &value, 0, 0, "%.0f", ImGuiInputTextFlags_EnterReturnsTrue))
      actions.emplace_back(action::EditFeature{uid, {{key, value > 0 ? nlohmann::json(std::llround(value)) : nlohmann::json()}}});
  }
  using Tool = WorkspaceState::Tool;
  if (ImGui::Button(w.tool == Tool::Move ? "Moving: drag it" : "Move"))
    actions.emplace_back(action::SetDrawTool{w.tool == Tool::Move ? Tool::None : Tool::Move, {}, {}});
  ImGui::SameLine();
  if (ImGui::Button(w.tool == Tool::Reshape ? "Reshaping: drag a vertex" : "Reshape"))
    actions.emplace_back(action::SetDrawTool{w.tool == Tool::Reshape ? Tool::None : Tool::Reshape, {}, {}});
  ImGui::SameLine();
  if (ImGui::Button("Delete")) actions.emplace_back(action::DeleteFeature{uid});
  drawDeriveEditor(state, sel, actions);
  // The sentence in focus in the Sources panel becomes a source of this feature.
  const auto& focus = state.sources.focus;
  const SourceDocument* doc = focus.document >= 0 && focus.document < static_cast<int>(state.sources.documents.size())
                                  ? state.sources.documents[focus.document].get()
                                  : nullptr;
  if (doc && focus.sentenceEnd > focus.sentenceStart && focus.sentenceEnd <= doc->document.text.size()) {
    if (ImGui::Button("Attach the sentence in focus (Sources) as a source"))
      actions.emplace_back(action::AttachSource{
          uid, doc->document.name, doc->document.text.substr(focus.sentenceStart, focus.sentenceEnd - focus.sentenceStart)});
  } else {
    ImGui::TextDisabled("Click a sentence in the Sources panel to attach it as a source.");
  }
}

}  // namespace

void drawHoverTooltip(const std::string& name, const std::string& option) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(name.c_str());
  ImGui::TextDisabled("%s", option.c_str());
  ImGui::EndTooltip();
}

void drawInspector(const AppState& state, std::vector<Action>& actions) {
  if (!state.selection) return;
  const Selection& sel = *state.selection;
  if (!beginDockedPanel(PanelId::Inspector, "Inspector", state, actions)) return;
  const auto& p = sel.feature.properties;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(p.value("name", std::string("(unnamed)")).c_str());
  if (state.catalog)
    if (const auto* def = state.catalog->find(sel.optionId)) ImGui::TextDisabled("%s · %s", def->title.c_str(), sel.layerId.c_str());
  const std::string placement = p.value("placement", std::string());
  const ImVec4 placementColour = placement == "stated"    ? ImVec4(0.1f, 0.5f, 0.1f, 1)
                                 : placement == "inferred" ? ImVec4(0.7f, 0.4f, 0.f, 1)
                                                           : ImVec4(0.2f, 0.3f, 0.7f, 1);
  ImGui::TextColored(placementColour, "Placement: %s", placement.c_str());
  if (sel.layerId == "candidates")
    ImGui::TextWrapped("Found in the documents, not yet on an option: accept it in the Sources panel to keep it.");
  if (placement == "inferred") ImGui::TextWrapped("The document does not name this location; it was chosen by the analyst.");
  if (placement == "derived") ImGui::TextWrapped("Computed by briefmap from the features below and the current parameters.");
  if (placement == "analyst") ImGui::TextWrapped("Drawn by the analyst: no document states it.");
  if (auto who = p.find("author"); who != p.end() && who->is_string())
    ImGui::TextDisabled("Last changed by %s, %s", who->get<std::string>().c_str(), p.value("modified", std::string()).c_str());
  for (const char* key : {"note", "derived_from", "stance", "country", "gazetteer"}) {
    if (auto it = p.find(key); it != p.end() && it->is_string() && !it->get<std::string>().empty())
      ImGui::TextWrapped("%s: %s", key, it->get<std::string>().c_str());
  }
  for (const char* key : {"troops_min", "troops_max", "width_km", "radius_km", "stage", "share_of_ukraine", "coverage_of_ukraine"}) {
    if (auto it = p.find(key); it != p.end() && it->is_number()) ImGui::Text("%s: %g", key, it->get<double>());
  }
  ImGui::Separator();
  ImGui::TextUnformatted("Sources");
  for (const auto& s : options::sourcesOf(sel.feature)) {
    // The document by its headline and date, as the Sources panel lists it; the file name on hover.
    ImGui::TextDisabled("%s", documentLabel(state, s.doc).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.doc.c_str());
    ImGui::TextWrapped("“%s”", s.quote.c_str());
  }
  ImGui::PopTextWrapPos();
  drawFeatureEditor(state, sel, actions);
  ImGui::End();
}

}  // namespace briefmap::ui
