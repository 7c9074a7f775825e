#include "briefmap/ui/presentation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "briefmap/ui/presenter_view.hpp"
#include "imgui.h"

namespace briefmap::ui {

void drawPresentationOverlay(const AppState& state, const PresentationInput& input, float pixelRatio, float textScale,
                             double nowSeconds) {
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  const float toUi = 1.f / std::max(0.25f, pixelRatio);
  const auto& b = state.briefing;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize() * textScale;

  // The stroke being drawn, in the colour it will have.
  if (input.drawing && input.stroke.size() >= 2) {
    std::vector<ImVec2> points;
    for (const auto& p : input.stroke) {
      const geo::ScreenPx s = render::mapToScreen(state.view, state.viewportW, state.viewportH, p);
      points.emplace_back(static_cast<float>(s.x) * toUi, static_cast<float>(s.y) * toUi);
    }
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), IM_COL32(232, 0, 61, 255), 0,
                      4.5f * textScale);
  }
  if (b.showPresenterInfo && !b.black) {
    char text[96];
    const char* tool = b.tool == BriefingState::Tool::Freehand ? "  · pen" : b.tool == BriefingState::Tool::Arrow ? "  · arrow" : "";
    std::snprintf(text, sizeof text, "%d / %zu   %s%s", b.current + 1, b.doc.slides.size(),
                  presentationClock(b, nowSeconds).c_str(), tool);
    // Read from the back of a room: the trial measured ~11 px at 1080p with the panel font's size.
    const float counterSize = size * 1.7f;
    const ImVec2 extent = font->CalcTextSizeA(counterSize, 1e9f, 0, text);
    const float pad = 6 * textScale;
    // Bottom left: the attribution is bottom right, the title top left, the legend top right.
    const ImVec2 at(pad * 2, state.viewportH * toUi - extent.y - pad * 3);
    draw->AddRectFilled(ImVec2(at.x - pad, at.y - pad), ImVec2(at.x + extent.x + pad, at.y + extent.y + pad),
                        IM_COL32(0, 0, 0, 150), 4 * textScale);
    draw->AddText(font, counterSize, at, IM_COL32(255, 255, 255, 235), text);
  }
  if (input.laser() && input.cursorX >= 0 && !b.black) {
    // A bright dot with a glow, visible from the back of the room.
    const ImVec2 c(input.cursorX * toUi, input.cursorY * toUi);
    const float r = 7.f * textScale;
    draw->AddCircleFilled(c, r * 2.6f, IM_COL32(255, 30, 30, 50), 32);
    draw->AddCircleFilled(c, r * 1.7f, IM_COL32(255, 30, 30, 90), 32);
    draw->AddCircleFilled(c, r, IM_COL32(255, 40, 40, 255), 24);
    draw->AddCircleFilled(c, r * 0.4f, IM_COL32(255, 220, 220, 255), 12);
  }
}

void drawPresenterView(const AppState& state, float pixelRatio, float textScale, double nowSeconds) {
  const auto& b = state.briefing;
  const briefing::Slide* slide = b.currentSlide();
  if (!b.showPresenterView || !slide) return;
  const float toUi = 1.f / std::max(0.25f, pixelRatio);
  const float w = state.viewportW * toUi, h = state.viewportH * toUi;
  const float pad = 12 * textScale;
  const float panelW = std::clamp(w * 0.36f, std::min(w - 2 * pad, 320 * textScale), w - 2 * pad);
  // Bottom right, clear of the attribution line under it; the title is top left and the counter bottom left.
  ImGui::SetNextWindowPos(ImVec2(w - pad, h - 3.5f * pad), ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowSizeConstraints(ImVec2(panelW, 0), ImVec2(panelW, h * 0.6f));
  ImGui::SetNextWindowBgAlpha(0.88f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
  if (ImGui::Begin("##presenter-view", nullptr, flags)) {
    ImGui::SetWindowFontScale(textScale);
    const int count = static_cast<int>(b.doc.slides.size());
    ImGui::TextDisabled("Slide %d of %d   ·   %s elapsed", b.current + 1, count, presentationClock(b, nowSeconds).c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("Now: %s", slide->title.c_str());
    if (b.current + 1 < count)
      ImGui::TextWrapped("Next: %s", b.doc.slides[static_cast<size_t>(b.current + 1)].title.c_str());
    else
      ImGui::TextDisabled("Next: (end of the briefing)");
    ImGui::Separator();
    if (slide->notes.find_first_not_of(" \t\r\n") == std::string::npos) ImGui::TextDisabled("(This slide has no notes.)");
    else ImGui::TextUnformatted(slide->notes.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

}  // namespace briefmap::ui
