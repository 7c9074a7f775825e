#include "briefmap/ui/export_dialog.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "briefmap/ui/panels.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace briefmap::ui {

namespace {
ExportDialogDrawn g_drawn;  // what the last frame showed, for smoke tests (UI thread only)
bool g_wasOpen = false;     // the dialog was drawn last frame (UI thread only)
}  // namespace

const ExportDialogDrawn& lastExportDialogDrawn() { return g_drawn; }

void drawExportDialog(ExportDialogState& dialog, const AppState& state, FileDialogState& fileDialog, float mapX,
                      float mapY, float mapW, float mapH) {
  g_drawn.shown = false;
  // The frame follows the dialog also while it is closed (hidden then), and before the request below so
  // that a size or extent chosen in this frame already applies to it.
  const auto keepFrameInStep = [&] {
    updateExportFrame(dialog.frame, exportFrameShown(dialog), state, exportFrameAspect(dialog, state));
  };
  if (!dialog.open) {
    g_wasOpen = false;
    keepFrameInStep();
    return;
  }
  // Opens centred on the map, between the docked columns (ImGui's default place, 60,60, put it under the
  // Options panel), and never larger than the map: the options scroll, the Export row below them does not.
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(mapX + mapW / 2, mapY + mapH / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::max(200.f, std::min(460 * state.uiScale, mapW - 8)),
                                  std::max(120.f, std::min(560 * state.uiScale, mapH - 8))),
                           ImGuiCond_Appearing);
  if (!g_wasOpen) ImGui::SetNextWindowFocus();  // on top when it opens (docked panels never come to the front)
  g_wasOpen = true;
  ImGui::SetNextWindowSizeConstraints(ImVec2(200, 120), ImVec2(io.DisplaySize.x, io.DisplaySize.y * 0.95f));
  if (!ImGui::Begin("Export snapshot", &dialog.open)) {
    ImGui::End();
    keepFrameInStep();  // collapsed: the frame stays on the map, the analyst can still place it
    return;
  }
  recordPanelRect();
  // The footer's height: the Export (or progress) row, and the result under it wrapped to the window width.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrapWidth = ImGui::GetContentRegionAvail().x;
  float footer = ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y * 2 + 2;
  std::string error;
  std::optional<SnapshotRequest> request;
  if (!dialog.running) request = exportRequestFrom(dialog, state, error);
  if (!dialog.running && !request) footer += ImGui::CalcTextSize(error.c_str(), nullptr, false, wrapWidth).y + style.ItemSpacing.y;
  if (!dialog.lastResult.empty())
    footer += ImGui::GetFrameHeightWithSpacing() +
              ImGui::CalcTextSize(dialog.lastResult.c_str(), nullptr, false, wrapWidth).y + style.ItemSpacing.y;

  const auto rectOfLastItem = [] {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return std::array<float, 4>{a.x, a.y, b.x - a.x, b.y - a.y};
  };
  ImGui::BeginChild("##export-options", ImVec2(0, -footer));
  // The folder field takes what its label and the button beside it leave of the row, measured in the current
  // font: at the default item width (65 % of the dialog) large type pushed "Choose…" past the edge.
  const char* kChoose = "Choose…";
  const float chooseWidth = ImGui::CalcTextSize(kChoose).x + style.FramePadding.x * 2;
  const float folderWidth = ImGui::GetContentRegionAvail().x - chooseWidth - style.ItemSpacing.x -
                            ImGui::CalcTextSize("Folder").x - style.ItemInnerSpacing.x;
  ImGui::SetNextItemWidth(std::max(folderWidth, ImGui::GetFontSize() * 4));
  ImGui::InputText("Folder", &dialog.folder);
  ImGui::SameLine();
  if (ImGui::Button(kChoose)) {
    fileDialog.folder = exportPathOf(dialog).parent_path().string();
    fileDialog.show(FileDialogState::Purpose::ChooseExportFolder);
  }
  g_drawn.choose = rectOfLastItem();
  g_drawn.options = {ImGui::GetWindowPos().x, ImGui::GetWindowPos().y, ImGui::GetWindowSize().x, ImGui::GetWindowSize().y};
  g_drawn.items.clear();
  const auto recordItem = [&] { g_drawn.items.push_back(rectOfLastItem()); };
  recordItem();
  // Fields leave room for the longest label beside them: at the default width (65 % of the dialog) large
  // type cut "Caveat banner" at the dialog's edge.
  float labelWidth = 0;
  for (const char* label : {"File", "Size", "Width", "Height", "Title", "Subtitle", "Caveat banner"})
    labelWidth = std::max(labelWidth, ImGui::CalcTextSize(label).x);
  ImGui::PushItemWidth(std::max(ImGui::GetContentRegionAvail().x - labelWidth - style.ItemInnerSpacing.x,
                                ImGui::GetFontSize() * 4));
  ImGui::InputText("File", &dialog.file);
  recordItem();
  // Wrapped, never cut: the list of formats ran past the dialog's edge (".g…") in large type.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped(".png  .tif (GeoTIFF)  .pdf  .svg  .geojson  .gpkg  .kml");
  ImGui::PopStyleColor();
  recordItem();
  const auto& presets = exportSizePresets();
  if (ImGui::BeginCombo("Size", presets[static_cast<size_t>(dialog.sizePreset)].label)) {
    for (size_t i = 0; i < presets.size(); ++i)
      if (ImGui::Selectable(presets[i].label, static_cast<int>(i) == dialog.sizePreset)) dialog.sizePreset = static_cast<int>(i);
    ImGui::EndCombo();
  }
  if (presets[static_cast<size_t>(dialog.sizePreset)].width < 0) {
    ImGui::InputInt("Width", &dialog.customWidth, 100, 1000);
    ImGui::InputInt("Height", &dialog.customHeight, 100, 1000);
  }
  // The extent's choices and the Reset button flow into rows as wide as the dialog, as the checkboxes below do
  // (in large type "Reset" was cut to its first letter at the dialog's edge).
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Extent");
  sameLineOrWrap(checkboxWidth("Window"));
  if (ImGui::RadioButton("Window", dialog.extent == ExportExtent::Window)) dialog.extent = ExportExtent::Window;
  recordItem();
  sameLineOrWrap(checkboxWidth("Framed area"));
  if (ImGui::RadioButton("Framed area", dialog.extent == ExportExtent::FramedArea))
    dialog.extent = ExportExtent::FramedArea;
  recordItem();
  keepFrameInStep();
  if (dialog.extent == ExportExtent::FramedArea && dialog.frame.hasBox) {
    sameLineOrWrap(buttonWidth("Reset"));
    if (ImGui::SmallButton("Reset")) resetExportFrame(dialog.frame, state, exportFrameAspect(dialog, state));
    recordItem();
    // How much the output enlarges the framed window pixels: type and lines grow by as much.
    const auto [w, h] = exportOutputSize(dialog, state.viewportW, state.viewportH);
    const double framePx = dialog.frame.box.width() / state.view.metresPerPixel;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Drag the frame to move it, an edge or corner to resize it.");
    if (w > 0 && h > 0 && framePx > 0) {
      const FramedView framed = framedExportView(dialog.frame.box, w, h, state.view, state.pixelRatio);
      const bool capped = std::abs(framed.pixelRatio - state.pixelRatio * w / framePx) > 1e-3f * framed.pixelRatio;
      ImGui::TextWrapped("Frame %.0f px wide on screen, exported ×%.2f (type and lines too%s)", framePx, w / framePx,
                         capped ? ", but capped" : "");
    }
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  FurnitureChoice& f = dialog.furniture;
  ImGui::InputText("Title", &f.title);
  recordItem();
  ImGui::InputText("Subtitle", &f.subtitle);
  recordItem();
  ImGui::InputText("Caveat banner", &f.caveat);
  recordItem();
  ImGui::PopItemWidth();
  // Checkboxes flow into rows as wide as the dialog: three to a row cut "Attribution" in large type.
  bool firstInRow = true;
  const auto flowingCheckbox = [&](const char* label, bool* value) {
    if (!firstInRow) sameLineOrWrap(checkboxWidth(label));
    ImGui::Checkbox(label, value);
    recordItem();
    firstInRow = false;
  };
  flowingCheckbox("Legend", &f.legend);
  flowingCheckbox("Scale bar", &f.scaleBar);
  flowingCheckbox("North arrow", &f.northArrow);
  flowingCheckbox("Sources", &f.sources);
  flowingCheckbox("Export time", &f.timestamp);
  flowingCheckbox("Attribution", &f.attribution);
  firstInRow = true;
  flowingCheckbox("World file (.pgw, .prj) beside a PNG", &dialog.worldFile);
  ImGui::EndChild();

  ImGui::Separator();
  g_drawn.progress = -1;
  if (dialog.running) {
    ImGui::ProgressBar(static_cast<float>(dialog.progress), ImVec2(-1, 0));
    g_drawn.progress = static_cast<float>(dialog.progress);
    g_drawn.button = rectOfLastItem();
  } else {
    if (!request) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", error.c_str());
    ImGui::BeginDisabled(!request);
    if (ImGui::Button("Export")) dialog.requested = request;
    ImGui::EndDisabled();
    g_drawn.button = rectOfLastItem();
  }
  if (!dialog.lastResult.empty()) {
    if (!dialog.running) {
      // The finished export's bar, full (or red when it failed), above what happened.
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                            dialog.lastFailed ? ImVec4(0.8f, 0.2f, 0.2f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
      ImGui::ProgressBar(1.f, ImVec2(-1, 0), dialog.lastFailed ? "Failed" : "Done");
      ImGui::PopStyleColor();
      g_drawn.progress = 1.f;
    }
    if (dialog.lastFailed) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.2f, 0.2f, 1));
    ImGui::TextWrapped("%s", dialog.lastResult.c_str());
    if (dialog.lastFailed) ImGui::PopStyleColor();
  }
  g_drawn.result = dialog.lastResult;
  g_drawn.shown = true;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  g_drawn.window = {pos.x, pos.y, size.x, size.y};
  ImGui::End();
  if (!dialog.open) keepFrameInStep();  // closed with its button just now
}

namespace {

ImGuiMouseCursor cursorFor(FramePart part) {
  switch (part) {
    case FramePart::Inside: return ImGuiMouseCursor_ResizeAll;
    case FramePart::Left:
    case FramePart::Right: return ImGuiMouseCursor_ResizeEW;
    case FramePart::Top:
    case FramePart::Bottom: return ImGuiMouseCursor_ResizeNS;
    case FramePart::TopLeft:
    case FramePart::BottomRight: return ImGuiMouseCursor_ResizeNWSE;
    case FramePart::TopRight:
    case FramePart::BottomLeft: return ImGuiMouseCursor_ResizeNESW;
    case FramePart::None: break;
  }
  return ImGuiMouseCursor_Arrow;
}

}  // namespace

void drawExportFrameOverlay(const ExportDialogState& dialog, const AppState& state, float toUi, float mapLeftUi,
                            float mapTopUi) {
  const ExportFrameState& f = dialog.frame;
  if (!exportFrameShown(dialog) || !f.shown || !f.hasBox || state.viewportW <= 0 || state.viewportH <= 0) return;
  const float s = state.uiScale;
  // On whole physical pixels, so the 1-pixel outline is crisp rather than smeared over two.
  const auto toUiPoint = [&](double x, double y) {
    const geo::ScreenPx p = render::mapToScreen(state.view, state.viewportW, state.viewportH, {x, y});
    return ImVec2(static_cast<float>(std::round(p.x)) * toUi + mapLeftUi, static_cast<float>(std::round(p.y)) * toUi + mapTopUi);
  };
  const ImVec2 a = toUiPoint(f.box.minX, f.box.maxY), b = toUiPoint(f.box.maxX, f.box.minY);
  const ImVec2 m0(mapLeftUi, mapTopUi), m1(mapLeftUi + state.viewportW * toUi, mapTopUi + state.viewportH * toUi);
  ImDrawList* draw = ImGui::GetBackgroundDrawList();  // over the map, under the panels and this dialog
  draw->PushClipRect(m0, m1, false);
  // Everything the export leaves out, dimmed: four bands around the frame (clamped: a frame partly off the
  // map area must not turn a band inside out).
  const float x0 = std::clamp(a.x, m0.x, m1.x), x1 = std::clamp(b.x, m0.x, m1.x);
  const float y0 = std::clamp(a.y, m0.y, m1.y), y1 = std::clamp(b.y, m0.y, m1.y);
  const ImU32 dim = IM_COL32(12, 16, 24, 120);
  draw->AddRectFilled(m0, ImVec2(m1.x, y0), dim);
  draw->AddRectFilled(ImVec2(m0.x, y1), m1, dim);
  draw->AddRectFilled(ImVec2(m0.x, y0), ImVec2(x0, y1), dim);
  draw->AddRectFilled(ImVec2(x1, y0), ImVec2(m1.x, y1), dim);
  // A dark halo under a white line reads on pale land and dark sea alike.
  draw->AddRect(a, b, IM_COL32(0, 0, 0, 150), 0, 0, 3.f * s);
  draw->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0, 0, 1.f * s);
  // Handles at the corners and the middles of the edges; the one under the cursor or being dragged lit.
  const FramePart active = f.dragging != FramePart::None ? f.dragging : f.hover;
  const float cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2, half = 4.5f * s;
  const std::pair<FramePart, ImVec2> handles[] = {
      {FramePart::TopLeft, a},           {FramePart::Top, ImVec2(cx, a.y)},         {FramePart::TopRight, ImVec2(b.x, a.y)},
      {FramePart::Right, ImVec2(b.x, cy)}, {FramePart::BottomRight, b},             {FramePart::Bottom, ImVec2(cx, b.y)},
      {FramePart::BottomLeft, ImVec2(a.x, b.y)}, {FramePart::Left, ImVec2(a.x, cy)}};
  for (const auto& [part, at] : handles) {
    const ImVec2 h0(at.x - half, at.y - half), h1(at.x + half, at.y + half);
    draw->AddRectFilled(h0, h1, part == active ? IM_COL32(255, 190, 40, 255) : IM_COL32(255, 255, 255, 255));
    draw->AddRect(h0, h1, IM_COL32(20, 20, 20, 220), 0, 0, 1.f * s);
  }
  // What the frame becomes, at the top in the middle (the corners are often under panels).
  const auto [w, h] = exportOutputSize(dialog, state.viewportW, state.viewportH);
  char text[64];
  std::snprintf(text, sizeof text, "Export %d × %d", w, h);
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text);
  const float pad = 4 * s;
  const ImVec2 at(std::round(cx - extent.x / 2), std::round(a.y + half + 3 * pad));
  if (extent.x + 4 * pad < b.x - a.x && extent.y + 8 * pad + 2 * half < b.y - a.y) {
    draw->AddRectFilled(ImVec2(at.x - 2 * pad, at.y - pad), ImVec2(at.x + extent.x + 2 * pad, at.y + extent.y + pad),
                        IM_COL32(0, 0, 0, 160), 3 * s);
    draw->AddText(font, size, at, IM_COL32(255, 255, 255, 240), text);
  }
  draw->PopClipRect();
  if (active != FramePart::None && (f.dragging != FramePart::None || !ImGui::GetIO().WantCaptureMouse))
    ImGui::SetMouseCursor(cursorFor(active));
}

}  // namespace briefmap::ui
