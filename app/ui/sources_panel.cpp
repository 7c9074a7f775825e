#include <algorithm>
#include <cstdio>

#include "briefmap/session/sources_controller.hpp"
#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {
namespace {

// Highlight colours on the light theme: candidates' places warm, other mentions cool, the focus yellow.
const ImU32 kFocusSentence = IM_COL32(255, 236, 150, 255);
const ImU32 kCandidateChip = IM_COL32(250, 214, 180, 255);
const ImU32 kMentionChip = IM_COL32(214, 226, 240, 255);
const ImU32 kFocusChip = IM_COL32(213, 94, 0, 255);
const ImU32 kText = IM_COL32(30, 30, 30, 255);
const ImU32 kTextRelevant = IM_COL32(0, 0, 0, 255);

struct MentionSpan {
  size_t start, end;
  extract::PlaceId place;
  bool relevant;  // in a sentence that produced candidates
};

// The text cut with an ellipsis to fit a width (whole UTF-8 characters).
std::string fitted(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string cut = text;
  while (!cut.empty()) {
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty()) cut.pop_back();  // the last character whole: continuation bytes, then its lead byte
    const std::string candidate = cut + "\u2026";
    if (ImGui::CalcTextSize(candidate.c_str()).x <= width) return candidate;
  }
  return "\u2026";
}

std::string optionTitle(const AppState& state, const std::string& id) {
  if (id.empty()) return "relevant, no option";  // a nuclear plant in the terms of a settlement (extract README)
  for (const auto& o : state.options)
    if (o.id == id) return o.title;
  return id;
}

ImVec4 optionColour(const AppState& state, const std::string& id) {
  for (const auto& o : state.options)
    if (o.id == id) return ImVec4(o.colour.r, o.colour.g, o.colour.b, 1);
  return ImVec4(0.5f, 0.5f, 0.5f, 1);
}

// ImGui 1.86 has no rich text, so the document is laid out here word by word (a mention is one piece, so
// "Black Sea" never breaks) and drawn with the window's draw list; only lines inside the clip rectangle are
// drawn, so a long document costs one measuring pass per frame.
void drawDocumentText(const AppState& state, const SourceDocument& d, int docIndex, SourcesPanelState& panel,
                      std::vector<Action>& actions) {
  const auto& focus = state.sources.focus;
  const bool focusHere = focus.document == docIndex && focus.sentenceEnd > 0;
  std::vector<MentionSpan> mentions;
  std::vector<std::pair<size_t, size_t>> relevantSentences;
  for (const auto& s : d.sentences) {
    if (s.relevant()) relevantSentences.emplace_back(s.start, s.end);
    for (const auto& m : s.places)
      if (mentions.empty() || m.start >= mentions.back().end) mentions.push_back({m.start, m.end, m.place, s.relevant()});
  }
  const std::string& t = d.document.text;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(50.f, ImGui::GetContentRegionAvail().x);
  const float lineH = ImGui::GetTextLineHeightWithSpacing();
  const float spaceW = ImGui::CalcTextSize(" ").x;
  const float pad = 2.f;
  const ImVec2 clipMin = ImGui::GetWindowPos(), clipMax(clipMin.x + ImGui::GetWindowWidth(), clipMin.y + ImGui::GetWindowHeight());
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsWindowHovered();
  float x = 0, y = 0;
  bool space = false;
  size_t mi = 0, ri = 0;
  std::string piece;
  for (size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '\n') {
      size_t breaks = 0;
      while (i < t.size() && (t[i] == '\n' || t[i] == '\r' || t[i] == ' ' || t[i] == '\t')) breaks += t[i++] == '\n';
      x = 0;
      y += lineH * (breaks > 1 ? 1.5f : 1.f);
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    while (mi < mentions.size() && mentions[mi].end <= i) ++mi;
    while (ri < relevantSentences.size() && relevantSentences[ri].second <= i) ++ri;
    const MentionSpan* mention = mi < mentions.size() && mentions[mi].start <= i ? &mentions[mi] : nullptr;
    size_t end = i;
    if (mention) {
      end = mention->end;
    } else {
      while (end < t.size() && t[end] != ' ' && t[end] != '\n' && t[end] != '\t' && t[end] != '\r') ++end;
      if (mi < mentions.size()) end = std::min(end, mentions[mi].start);
      // The focused sentence starts and ends mid-word sometimes ("(Kyiv)."); split there so its highlight is exact.
      if (focusHere && focus.sentenceStart > i) end = std::min(end, focus.sentenceStart);
      if (focusHere && focus.sentenceEnd > i) end = std::min(end, focus.sentenceEnd);
    }
    piece.assign(t, i, end - i);
    std::replace(piece.begin(), piece.end(), '\n', ' ');
    const float w = ImGui::CalcTextSize(piece.c_str(), piece.c_str() + piece.size()).x + (mention ? 2 * pad : 0);
    float gap = space && x > 0 ? spaceW : 0;
    if (x > 0 && x + gap + w > width) {
      x = 0;
      y += lineH;
      gap = 0;
    }
    const ImVec2 p(origin.x + x + gap, origin.y + y);
    const bool inFocus = focusHere && i >= focus.sentenceStart && end <= focus.sentenceEnd;
    const bool relevant = ri < relevantSentences.size() && relevantSentences[ri].first <= i;
    if (inFocus && focus.revision != panel.scrolledRevision) {  // the first piece of the sentence
      ImGui::SetScrollFromPosY(p.y - ImGui::GetWindowPos().y, 0.3f);
      panel.scrolledRevision = focus.revision;
    }
    if (p.y + lineH >= clipMin.y && p.y <= clipMax.y) {
      if (inFocus) draw->AddRectFilled(ImVec2(p.x - gap, p.y), ImVec2(p.x + w, p.y + lineH), kFocusSentence);
      ImU32 ink = relevant ? kTextRelevant : kText;
      if (mention) {
        const bool focused = focusHere && focus.mentionEnd > 0 && mention->start == focus.mentionStart;
        const ImVec2 a(p.x, p.y), b(p.x + w, p.y + lineH - 1);
        draw->AddRectFilled(a, b, focused ? kFocusChip : mention->relevant ? kCandidateChip : kMentionChip, 3.f);
        if (focused) ink = IM_COL32(255, 255, 255, 255);
        if (hovered && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) {
          draw->AddRect(a, b, kFocusChip, 3.f);
          if (state.sources.engine) {
            const auto& place = state.sources.engine->gazetteer.place(mention->place);
            ImGui::SetTooltip("%s (%s%s%s)\nClick to fly there", place.name.c_str(), place.kind.c_str(),
                              place.country.empty() ? "" : ", ", place.country.c_str());
          }
          if (ImGui::IsMouseClicked(0)) actions.emplace_back(action::FlyToMention{docIndex, mention->start});
        }
      }
      draw->AddText(ImVec2(p.x + (mention ? pad : 0), p.y), ink, piece.c_str(), piece.c_str() + piece.size());
    }
    x += gap + w;
    space = false;
    i = end;
  }
  ImGui::Dummy(ImVec2(width, y + lineH));
}

// Numbers without a place (troops in a relevant sentence naming none): shown with their sentence; with a
// workspace open, one click keeps one as a fact of an option.
void drawFacts(const AppState& state, const SourceDocument& d, int docIndex, std::vector<Action>& actions) {
  if (d.facts.empty()) return;
  ImGui::TextDisabled("Numbers without a place (%zu)", d.facts.size());
  for (size_t i = 0; i < d.facts.size(); ++i) {
    const auto& f = d.facts[i];
    ImGui::PushID(static_cast<int>(1000000 + i));
    ImGui::Bullet();
    ImGui::TextWrapped("%s — %s", f.quantity.text.c_str(), optionTitle(state, f.option).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("“%s”", f.quote.c_str());
    if (state.workspace.open && !state.workspace.readOnly) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Keep as fact")) actions.emplace_back(action::AddFactFromSource{docIndex, static_cast<int>(i), f.option});
    }
    ImGui::PopID();
  }
}

void drawCandidates(const AppState& state, const SourceDocument& d, int docIndex, std::vector<Action>& actions) {
  const auto& focus = state.sources.focus;
  if (d.candidates.empty()) {
    ImGui::TextDisabled("No candidates: no sentence here is relevant enough to place on the map.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  // Enough rows to compare candidates (about a dozen, or half the reader), and no taller than the list.
  const float row = ImGui::GetFrameHeightWithSpacing();
  const float avail = ImGui::GetContentRegionAvail().y;
  const float height = std::min(row * (d.candidates.size() + 1.3f),
                                std::max(avail * 0.55f, std::min(row * 12.f, avail - row * 4.f)));
  if (!ImGui::BeginTable("candidates", 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Place", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Option", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Rel.", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < d.candidates.size(); ++i) {
    const auto& c = d.candidates[i];
    const auto& f = d.features[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string name = f.properties.value("name", c.matched);
    const std::string label = name == c.matched ? name : name + " (" + c.matched + ")";
    const bool focused = focus.document == docIndex && focus.candidate == static_cast<int>(i);
    if (ImGui::Selectable(label.c_str(), focused)) actions.emplace_back(action::FlyToMention{docIndex, c.placeStart});
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
      ImGui::TextWrapped("“%s”", c.quote.c_str());
      std::string cues;
      for (const auto& cue : c.cues) cues += (cues.empty() ? "" : ", ") + cue;
      if (!cues.empty()) ImGui::TextDisabled("cues: %s", cues.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    ImGui::ColorButton("##colour", optionColour(state, c.option), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(ImGui::GetFontSize() * 0.8f, ImGui::GetFontSize() * 0.8f));
    ImGui::SameLine();
    ImGui::TextUnformatted(optionTitle(state, c.option).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", optionTitle(state, c.option).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.0f %%", c.relevance * 100);
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("Fly to")) actions.emplace_back(action::FlyToMention{docIndex, c.placeStart});
    ImGui::SameLine();
    // What the analyst decided before (kept by the workspace): not asked again.
    const auto decided = i < d.analysed.candidates.size() ? state.workspace.reviewed.find(d.analysed.candidates[i].id)
                                                          : state.workspace.reviewed.end();
    if (decided != state.workspace.reviewed.end()) {
      ImGui::TextDisabled("%s", workspace::toString(decided->second));
      ImGui::PopID();
      continue;
    }
    if (ImGui::SmallButton("Reject")) actions.emplace_back(action::RejectCandidate{docIndex, static_cast<int>(i)});
    ImGui::SameLine();
    if (ImGui::SmallButton("Accept…")) ImGui::OpenPopup("accept");
    if (ImGui::BeginPopup("accept")) {
      ImGui::TextDisabled("Accept %s into", name.c_str());
      // The extractor's option first: usually right, and one click away.
      if (!c.option.empty()) {
        if (ImGui::MenuItem((optionTitle(state, c.option) + " (suggested)").c_str()))
          actions.emplace_back(action::AcceptCandidate{docIndex, static_cast<int>(i), c.option});
        ImGui::Separator();
      }
      for (const auto& o : state.options)
        if (o.id != c.option && ImGui::MenuItem(o.title.c_str()))
          actions.emplace_back(action::AcceptCandidate{docIndex, static_cast<int>(i), o.id});
      ImGui::EndPopup();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  drawFacts(state, d, docIndex, actions);
}

}  // namespace

void drawSourcesPanel(const AppState& state, SourcesPanelState& panel, FileDialogState& fileDialog,
                      std::vector<Action>& actions) {
  const auto& src = state.sources;
  if (!src.showPanel) return;
  const float scale = state.uiScale;
  if (!beginDockedPanel(PanelId::Sources, "Sources", state, actions)) return;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 170 * scale);
  const bool entered = ImGui::InputText("##folder", panel.folder.data(), panel.folder.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Open") || entered) actions.emplace_back(action::OpenSourcesFolder{panel.folder.data()});
  ImGui::SameLine();
  if (ImGui::Button("Browse…")) {
    fileDialog.folder = panel.folder.data();
    fileDialog.show(FileDialogState::Purpose::OpenSourcesFolder);
  }
  if (src.loading) ImGui::TextDisabled("Reading and analysing documents…");
  if (src.documents.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Open a folder of news documents (.txt, .md, .html). Each is read sentence by sentence: the "
                        "places it names are highlighted, and places in sentences about an option become candidates "
                        "you can accept onto the map with their quote.");
    ImGui::PopTextWrapPos();
    ImGui::End();
    return;
  }

  // The document list beside the text, at most 40 % of the docked column.
  const float listWidth = std::min(240 * scale, 0.4f * ImGui::GetContentRegionAvail().x);
  ImGui::BeginChild("documents", ImVec2(listWidth, 0), true);
  ImGui::TextDisabled("%s", src.folder.filename().string().c_str());
  for (size_t i = 0; i < src.documents.size(); ++i) {
    const auto& d = *src.documents[i];
    const auto date = d.document.date();
    const std::string headline = documentHeadline(d.document);
    char detail[96];
    std::snprintf(detail, sizeof detail, "%s%s%zu candidate%s", date ? date->c_str() : "", date ? " · " : "",
                  d.candidates.size(), d.candidates.size() == 1 ? "" : "s");
    ImGui::PushID(static_cast<int>(i));
    // The headline on the first line, cut to the list's width; whole, with the file name, on hover.
    const std::string label = fitted(headline, ImGui::GetContentRegionAvail().x) + "\n" + detail;
    if (ImGui::Selectable(label.c_str(), src.selected == static_cast<int>(i)))
      actions.emplace_back(action::SelectDocument{static_cast<int>(i)});
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
      ImGui::TextUnformatted(headline.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TextDisabled("%s", d.document.name.c_str());
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("reader", ImVec2(0, 0), false);
  if (const SourceDocument* d = src.selectedDocument()) {
    const auto date = d->document.date();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(documentHeadline(d->document).c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d->document.name.c_str());
    ImGui::TextDisabled("%s%s%s · %zu sentences with findings", date ? date->c_str() : "", date ? " · " : "",
                        d->document.encoding.c_str(), d->sentences.size());
    drawCandidates(state, *d, src.selected, actions);
    ImGui::TextDisabled("Click a highlighted place to fly there; click a map symbol to find its sentence.");
    ImGui::BeginChild("text", ImVec2(0, 0), true);
    drawDocumentText(state, *d, src.selected, panel, actions);
    ImGui::EndChild();
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace briefmap::ui
