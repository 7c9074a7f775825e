#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "briefmap/ui/presenter_view.hpp"
#include "imgui.h"

namespace briefmap::ui {

PresenterLayout presenterLayout(float w, float h, float aspect, float uiScale) {
  PresenterLayout l;
  const float s = std::max(0.5f, uiScale);
  aspect = aspect > 0.1f ? aspect : 16.f / 9.f;
  l.pad = 12 * s;
  l.headerH = 48 * s;  // the large type (30 px × scale) and a button row beside it
  const float titleH = 2 * 26 * s;  // two lines of a slide title under its picture
  const float top = l.pad + l.headerH + l.pad;
  const float available = std::max(1.f, w - 3 * l.pad);
  l.currentW = available * 0.6f;
  l.currentH = l.currentW / aspect;
  // The notes keep at least the lower two fifths of the window.
  const float maxPictureH = std::max(1.f, (h - top) * 0.6f - titleH);
  if (l.currentH > maxPictureH) {
    l.currentH = maxPictureH;
    l.currentW = l.currentH * aspect;
  }
  l.nextW = l.currentW * 2 / 3;
  l.nextH = l.nextW / aspect;
  l.currentX = l.pad;
  l.currentY = top;
  l.nextX = l.currentX + l.currentW + l.pad;
  l.nextY = top;
  l.notesY = top + l.currentH + titleH + l.pad;
  return l;
}

std::string presentationClock(const BriefingState& briefing, double nowSeconds) {
  const int elapsed = static_cast<int>(std::max(0.0, nowSeconds - briefing.presentingSinceSeconds));
  char text[32];
  std::snprintf(text, sizeof text, "%d:%02d", elapsed / 60, elapsed % 60);
  return text;
}

namespace {

// A slide's picture with a frame, or a dark box saying why there is none.
void drawPicture(const PresenterPictures::Picture& picture, float x, float y, float w, float h, const char* none) {
  ImGui::SetCursorPos(ImVec2(x, y));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (picture.texture) {
    // GL rows run bottom-up: v from 1 to 0.
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(picture.texture)), ImVec2(w, h), ImVec2(0, 1),
                 ImVec2(1, 0));
  } else {
    ImGui::Dummy(ImVec2(w, h));
    draw->AddRectFilled(at, ImVec2(at.x + w, at.y + h), IM_COL32(40, 40, 44, 255));
    const ImVec2 size = ImGui::CalcTextSize(none);
    draw->AddText(ImVec2(at.x + (w - size.x) / 2, at.y + (h - size.y) / 2), IM_COL32(170, 170, 170, 255), none);
  }
  draw->AddRect(at, ImVec2(at.x + w, at.y + h), IM_COL32(120, 120, 128, 255));
}

// The title under a picture, wrapped to its width; a note when it is drawn with another slide's geometry.
void drawCaption(const char* label, const std::string& title, const PresenterPictures::Picture& picture, float x, float w) {
  ImGui::SetCursorPosX(x);
  ImGui::PushTextWrapPos(x + w);
  ImGui::TextWrapped("%s %s", label, title.c_str());
  for (const auto& option : picture.drawnWithOtherParameters) {
    ImGui::SetCursorPosX(x);
    ImGui::TextDisabled("(%s drawn with this slide's parameters)", option.c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

void drawPresenterWindow(const AppState& state, const PresenterPictures& pictures, double nowSeconds,
                         std::vector<Action>& actions) {
  const auto& b = state.briefing;
  const ImGuiIO& io = ImGui::GetIO();
  ImFont* large = io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : ImGui::GetFont();
  const float aspect = state.viewportH > 0 ? static_cast<float>(state.viewportW) / static_cast<float>(state.viewportH) : 16.f / 9.f;
  const PresenterLayout l = presenterLayout(io.DisplaySize.x, io.DisplaySize.y, aspect, state.uiScale);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##presenter-window", nullptr, flags);
  ImGui::PopStyleVar();
  const int count = static_cast<int>(b.doc.slides.size());
  const briefing::Slide* slide = b.currentSlide();

  // Header: where the show is and for how long, and the buttons a mouse user reaches for.
  ImGui::SetCursorPos(ImVec2(l.pad, l.pad));
  ImGui::PushFont(large);
  ImGui::Text("%d / %d", b.current + 1, count);
  ImGui::SameLine(0, 3 * l.pad);
  ImGui::TextUnformatted(presentationClock(b, nowSeconds).c_str());
  if (b.black) {
    ImGui::SameLine(0, 3 * l.pad);
    ImGui::TextColored(ImVec4(1.f, 0.55f, 0.3f, 1.f), "Screen black");
  }
  ImGui::PopFont();
  ImGui::SameLine(0, 3 * l.pad);
  if (ImGui::Button("\u25C0 Previous")) actions.emplace_back(action::PreviousSlide{});
  ImGui::SameLine();
  if (ImGui::Button("Next \u25B6")) actions.emplace_back(action::NextSlide{});
  ImGui::SameLine();
  if (ImGui::Button(b.black ? "Show the map (B)" : "Black screen (B)")) actions.emplace_back(action::ToggleBlackScreen{});

  drawPicture(pictures.current(), l.currentX, l.currentY, l.currentW, l.currentH, "No slide");
  if (slide) drawCaption("Now:", slide->title, pictures.current(), l.currentX, l.currentW);
  drawPicture(pictures.next(), l.nextX, l.nextY, l.nextW, l.nextH, "End of the briefing");
  if (b.current + 1 < count)
    drawCaption("Next:", b.doc.slides[static_cast<size_t>(b.current + 1)].title, pictures.next(), l.nextX, l.nextW);

  // The notes in large type, scrolled when they are long.
  ImGui::SetCursorPos(ImVec2(l.pad, l.notesY));
  ImGui::BeginChild("##notes", ImVec2(io.DisplaySize.x - 2 * l.pad, std::max(1.f, io.DisplaySize.y - l.notesY - l.pad)), true);
  ImGui::PushFont(large);
  if (!slide || slide->notes.find_first_not_of(" \t\r\n") == std::string::npos) {
    ImGui::TextDisabled("(This slide has no notes.)");
  } else {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(slide->notes.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace briefmap::ui
