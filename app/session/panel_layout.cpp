#include "briefmap/session/panel_layout.hpp"

#include <algorithm>

namespace briefmap::session {
namespace {

bool leftColumn(PanelId id) { return id == PanelId::Layers || id == PanelId::Options; }

// Options holds the most (presets, parameters, facts): it gets the larger share of its column.
float heightWeight(PanelId id) {
  switch (id) {
    case PanelId::Options: return 2.f;
    case PanelId::Sources: return 2.f;
    case PanelId::Briefing: return 1.2f;
    default: return 1.f;
  }
}

}  // namespace

const char* panelKey(PanelId id) {
  switch (id) {
    case PanelId::Layers: return "layers";
    case PanelId::Options: return "options";
    case PanelId::Inspector: return "inspector";
    case PanelId::Briefing: return "briefing";
    case PanelId::Sources: return "sources";
  }
  return "";
}

std::optional<PanelId> panelFromKey(const std::string& key) {
  for (PanelId id : kAllPanels)
    if (key == panelKey(id)) return id;
  return std::nullopt;
}

const PanelRect* PanelLayout::find(PanelId id) const {
  for (const auto& p : panels)
    if (p.id == id) return &p;
  return nullptr;
}

PanelLayout layoutPanels(const PanelLayoutRequest& r) {
  PanelLayout out;
  const float columnWidth = std::min(300.f * r.uiScale, 0.28f * r.width);
  // The Sources panel reads documents: its column is wider while it is open, still leaving the map a third.
  bool readingSources = false;
  for (const auto& p : r.panels)
    if (p.id == PanelId::Sources && p.shown && !p.collapsed) readingSources = true;
  const float rightColumnWidth = readingSources ? std::max(columnWidth, std::min(520.f * r.uiScale, 0.38f * r.width))
                                                : columnWidth;
  const float columnTop = r.top, columnHeight = std::max(0.f, r.height - r.top - r.bottom);
  float leftWidth = 0, rightWidth = 0;
  for (bool left : {true, false}) {
    std::vector<PanelLayoutRequest::Panel> column;
    for (PanelId id : kAllPanels)  // a fixed order, whatever order the request lists them in
      for (const auto& p : r.panels)
        if (p.id == id && p.shown && leftColumn(id) == left) column.push_back(p);
    if (column.empty()) continue;
    const float width = left ? columnWidth : rightColumnWidth;
    (left ? leftWidth : rightWidth) = width;
    float openWeight = 0, collapsedHeight = 0;
    for (const auto& p : column) {
      if (p.collapsed) collapsedHeight += r.titleHeight;
      else openWeight += heightWeight(p.id);
    }
    const float shared = std::max(0.f, columnHeight - collapsedHeight);
    float y = columnTop;
    for (const auto& p : column) {
      const float h = p.collapsed ? r.titleHeight : shared * heightWeight(p.id) / openWeight;
      out.panels.push_back({p.id, left ? 0.f : r.width - width, y, width, h, p.collapsed});
      y += h;
    }
  }
  out.mapX = leftWidth;
  out.mapY = r.top;
  out.mapW = std::max(1.f, r.width - leftWidth - rightWidth);
  out.mapH = std::max(1.f, columnHeight);
  return out;
}

}  // namespace briefmap::session
