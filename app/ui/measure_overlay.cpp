#include <algorithm>
#include <string>

#include "briefmap/render/frame.hpp"
#include "briefmap/session/measure.hpp"
#include "briefmap/ui/panels.hpp"
#include "imgui.h"

namespace briefmap::ui {

// The measured path over the map (segments between the clicked points, each drawn straight on screen: at
// the scales one measures at, the geodesic and the projected straight line differ by under a pixel or two)
// and a box with the figures, top left of the map.
void drawMeasureOverlay(const AppState& state, const std::vector<geo::MapXY>& pointsOnMap, float toUi, float mapX,
                        float mapY) {
  if (!state.measure.active) return;
  const float s = state.uiScale;
  ImDrawList* draw = ImGui::GetBackgroundDrawList();  // over the map, under the panels
  std::vector<ImVec2> screen;
  for (const auto& p : pointsOnMap) {
    const geo::ScreenPx px = render::mapToScreen(state.view, state.viewportW, state.viewportH, p);
    screen.emplace_back(static_cast<float>(px.x) * toUi + mapX, static_cast<float>(px.y) * toUi + mapY);
  }
  const auto& points = state.measure.points;
  if (screen.size() >= 3)  // the closing side of the measured area, thinner: it was not clicked
    draw->AddLine(screen.back(), screen.front(), IM_COL32(255, 200, 0, 160), 1 * s);
  for (size_t i = 1; i < screen.size(); ++i) {
    draw->AddLine(screen[i - 1], screen[i], IM_COL32(20, 20, 20, 200), 4 * s);
    draw->AddLine(screen[i - 1], screen[i], IM_COL32(255, 200, 0, 255), 2 * s);
  }
  for (const auto& p : screen) {
    draw->AddCircleFilled(p, 4 * s, IM_COL32(20, 20, 20, 220));
    draw->AddCircleFilled(p, 2.5f * s, IM_COL32(255, 200, 0, 255));
  }

  std::vector<std::string> lines{"Measure (geodesic, WGS84)"};
  if (points.size() < 2) lines.push_back("Click points on the map; Esc or M ends");
  else lines.push_back("Distance: " + session::formatDistance(session::pathLengthMetres(points)));
  if (points.size() >= 3) lines.push_back("Area: " + session::formatArea(session::polygonAreaSquareMetres(points)));
  // Sized from its text this frame: an auto-resizing window would show a new line clipped until the next event.
  const ImGuiStyle& style = ImGui::GetStyle();
  float width = 0;
  for (const auto& l : lines) width = std::max(width, ImGui::CalcTextSize(l.c_str()).x);
  const float height = lines.size() * ImGui::GetTextLineHeightWithSpacing() - style.ItemSpacing.y + 2 * style.WindowPadding.y;
  ImGui::SetNextWindowPos(ImVec2(mapX + 10 * s, mapY + 10 * s), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width + 2 * style.WindowPadding.x, height), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::Begin("##measure", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
  recordPanelRect();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == 1 && points.size() < 2) ImGui::TextDisabled("%s", lines[i].c_str());
    else ImGui::TextUnformatted(lines[i].c_str());
  }
  ImGui::End();
}

}  // namespace briefmap::ui
