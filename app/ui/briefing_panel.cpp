#include <cstdio>
#include <cstring>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

namespace {

template <size_t N>
void copyInto(std::array<char, N>& buffer, const std::string& text) {
  std::snprintf(buffer.data(), N, "%s", text.c_str());
}

}  // namespace

void drawBriefingPanel(const AppState& state, BriefingPanelState& panel, FileDialogState& fileDialog,
                       std::vector<Action>& actions) {
  const auto& b = state.briefing;
  if (!b.showPanel) return;
  const float scale = state.uiScale;
  std::string title = "Briefing";
  if (b.loaded) title += ": " + (b.doc.title.empty() ? std::string("untitled") : b.doc.title) + (b.dirty ? " *" : "");
  title += "###briefing";
  if (!beginDockedPanel(PanelId::Briefing, title.c_str(), state, actions)) return;
  const int count = static_cast<int>(b.doc.slides.size());
  if (ImGui::Button("Add current view")) actions.emplace_back(action::AddSlideFromView{});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new slide after the current one: this view, the visible options and their parameters");
  sameLineOrWrap(buttonWidth("Present (F5)"));
  ImGui::BeginDisabled(count == 0);
  if (ImGui::Button("Present (F5)")) actions.emplace_back(action::StartPresentation{b.current >= 0 ? b.current : 0});
  ImGui::EndDisabled();
  sameLineOrWrap(buttonWidth("Open…"));
  if (ImGui::Button("Open…")) fileDialog.show(FileDialogState::Purpose::OpenBriefing);
  sameLineOrWrap(buttonWidth("Save"));
  ImGui::BeginDisabled(!b.loaded);
  if (ImGui::Button("Save")) {
    if (b.path.empty()) fileDialog.show(FileDialogState::Purpose::SaveBriefing);
    else actions.emplace_back(action::SaveBriefing{});
  }
  ImGui::EndDisabled();
  if (panel.displays.size() > 1) {
    ImGui::SetNextItemWidth(220 * scale);
    if (ImGui::BeginCombo("Display", panel.displays[std::min<size_t>(panel.display, panel.displays.size() - 1)].c_str())) {
      for (int i = 0; i < static_cast<int>(panel.displays.size()); ++i)
        if (ImGui::Selectable(panel.displays[i].c_str(), i == panel.display)) panel.display = i;
      ImGui::EndCombo();
    }
  }
  {
    bool highContrast = b.doc.highContrast;
    float typeSize = b.doc.presentationScale * 100.f;
    bool changed = ImGui::Checkbox("High contrast", &highContrast);
    ImGui::SetNextItemWidth(std::min(140 * scale, ImGui::GetContentRegionAvail().x * 0.6f));
    changed |= ImGui::SliderFloat("Type size", &typeSize, 50.f, 400.f, "%.0f %%");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type and symbols while presenting, on top of the screen's own size (+/- while presenting)");
    if (changed) actions.emplace_back(action::SetBriefingLook{highContrast, typeSize / 100.f});
  }
  if (count == 0) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("No slides yet: frame the map, switch options on, then Add current view.");
    ImGui::PopTextWrapPos();
    ImGui::End();
    return;
  }

  ImGui::Separator();
  ImGui::BeginChild("slides", ImVec2(0, std::min(count, 8) * ImGui::GetTextLineHeightWithSpacing() + 8 * scale), false);
  for (int i = 0; i < count; ++i) {
    char label[320];
    std::snprintf(label, sizeof label, "%2d  %s##slide%d", i + 1,
                  b.doc.slides[i].title.empty() ? "(untitled)" : b.doc.slides[i].title.c_str(), i);
    if (ImGui::Selectable(label, i == b.current)) actions.emplace_back(action::GoToSlide{i});
  }
  ImGui::EndChild();

  const int i = b.current;
  if (i < 0 || i >= count) {
    ImGui::End();
    return;
  }
  ImGui::Separator();
  ImGui::BeginDisabled(i == 0);
  if (ImGui::ArrowButton("##up", ImGuiDir_Up)) actions.emplace_back(action::MoveSlide{i, -1});
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(i == count - 1);
  if (ImGui::ArrowButton("##down", ImGuiDir_Down)) actions.emplace_back(action::MoveSlide{i, +1});
  ImGui::EndDisabled();
  // The buttons flow into rows as wide as the panel (at 1024×600 and UI scale 1.5 "Delete" was cut to "D").
  sameLineOrWrap(buttonWidth("Update view"));
  if (ImGui::Button("Update view")) actions.emplace_back(action::UpdateSlideFromView{i});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The slide takes the current view, options and parameters (texts and marks stay)");
  sameLineOrWrap(buttonWidth("Duplicate"));
  if (ImGui::Button("Duplicate")) actions.emplace_back(action::DuplicateSlide{i});
  sameLineOrWrap(buttonWidth("Delete"));
  if (ImGui::Button("Delete")) actions.emplace_back(action::DeleteSlide{i});

  const briefing::Slide& slide = b.doc.slides[i];
  if (panel.editing != i || (!ImGui::IsAnyItemActive() && (slide.title != panel.title.data() ||
                                                           slide.caption != panel.caption.data() ||
                                                           slide.notes != panel.notes.data()))) {
    copyInto(panel.title, slide.title);
    copyInto(panel.caption, slide.caption);
    copyInto(panel.notes, slide.notes);
    panel.editing = i;
  }
  bool changed = ImGui::InputText("Title", panel.title.data(), panel.title.size());
  changed |= ImGui::InputText("Caption", panel.caption.data(), panel.caption.size());
  changed |= ImGui::InputTextMultiline("Notes", panel.notes.data(), panel.notes.size(),
                                       ImVec2(0, ImGui::GetTextLineHeight() * 3.5f));
  if (changed) actions.emplace_back(action::SetSlideText{i, panel.title.data(), panel.caption.data(), panel.notes.data()});
  const size_t marks = slide.annotations.size();
  if (marks > 0 || !b.drafts.empty()) {
    ImGui::Text("%zu mark%s kept in the slide, %zu not kept", marks, marks == 1 ? "" : "s", b.drafts.size());
    ImGui::SameLine();
    if (!b.drafts.empty() && ImGui::SmallButton("Keep")) actions.emplace_back(action::KeepAnnotations{});
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear")) actions.emplace_back(action::ClearAnnotations{});
  }
  ImGui::End();
}

}  // namespace briefmap::ui
