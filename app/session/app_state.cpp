#include "briefmap/session/app_state.hpp"

#include <algorithm>

namespace briefmap::session {

LayerEntry* AppState::findLayer(const std::string& id) {
  auto it = std::find_if(layers.begin(), layers.end(), [&](const LayerEntry& l) { return l.id == id; });
  return it == layers.end() ? nullptr : &*it;
}

OptionState* AppState::findOption(const std::string& id) {
  auto it = std::find_if(options.begin(), options.end(), [&](const OptionState& o) { return o.id == id; });
  return it == options.end() ? nullptr : &*it;
}

OptionLayerState* OptionState::layer(const std::string& layerId) {
  auto it = std::find_if(layers.begin(), layers.end(), [&](const OptionLayerState& l) { return l.id == layerId; });
  return it == layers.end() ? nullptr : &*it;
}

std::vector<LayerEntry> defaultBasemapLayers() {
  auto entry = [](std::string id, std::string name, render::BasemapPart part, bool visible) {
    LayerEntry e;
    e.id = std::move(id);
    e.name = std::move(name);
    e.isBasemap = true;
    e.part = part;
    e.visible = visible;
    e.detail = part == render::BasemapPart::Countries
                   ? "Natural Earth (public domain); rivers and lakes: GSHHG 2.3.7 (Wessel & Smith 1996), LGPL"
                   : "Natural Earth (public domain)";
    return e;
  };
  std::vector<LayerEntry> layers;
  layers.push_back(entry("basemap/countries", "Countries", render::BasemapPart::Countries, true));
  layers.push_back(entry("basemap/graticule", "Graticule", render::BasemapPart::Graticule, false));
  layers.push_back(entry("basemap/coastline", "Coastline", render::BasemapPart::Coastline, true));
  layers.push_back(entry("basemap/borders", "Borders", render::BasemapPart::Borders, true));
  layers.push_back(entry("basemap/places", "Places", render::BasemapPart::Places, true));
  layers.back().detail = "GeoNames (CC BY 4.0), curated for briefings";
  return layers;
}

namespace {
struct Reducer {
  AppState& s;
  static ApplyResult noLayer(const std::string& id) { return ApplyResult::failed("no layer '" + id + "'"); }
  static ApplyResult noOption(const std::string& id) { return ApplyResult::failed("no option '" + id + "'"); }
  static ApplyResult noSlide(int index) {
    return ApplyResult::failed("no slide " + std::to_string(index + 1) + " in the briefing");
  }
  ApplyResult operator()(const action::PanBy& a) {
    s.view.centre.x -= a.dxPx * s.view.metresPerPixel;
    s.view.centre.y += a.dyPx * s.view.metresPerPixel;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ZoomAt& a) {
    if (!(a.factor > 0)) return ApplyResult::failed("zoom factor must be positive");
    const double before = s.view.metresPerPixel;
    const double after = std::clamp(before / a.factor, kMinMetresPerPixel, kMaxMetresPerPixel);
    // Keep the map point under the cursor where it is.
    const geo::MapXY anchor = render::screenToMap(s.view, s.viewportW, s.viewportH, {a.xPx, a.yPx});
    s.view.metresPerPixel = after;
    const geo::MapXY moved = render::screenToMap(s.view, s.viewportW, s.viewportH, {a.xPx, a.yPx});
    s.view.centre.x += anchor.x - moved.x;
    s.view.centre.y += anchor.y - moved.y;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetLayerVisible& a) {
    if (auto* l = s.findLayer(a.id)) { l->visible = a.visible; return ApplyResult::done(); }
    return noLayer(a.id);
  }
  ApplyResult operator()(const action::SetLayerOpacity& a) {
    if (auto* l = s.findLayer(a.id)) { l->opacity = std::clamp(a.opacity, 0.f, 1.f); return ApplyResult::done(); }
    return noLayer(a.id);
  }
  ApplyResult operator()(const action::MoveLayer& a) {
    auto it = std::find_if(s.layers.begin(), s.layers.end(), [&](const LayerEntry& l) { return l.id == a.id; });
    if (it == s.layers.end()) return noLayer(a.id);
    const auto from = static_cast<long>(it - s.layers.begin());
    const long to = std::clamp<long>(from + a.delta, 0, static_cast<long>(s.layers.size()) - 1);
    if (to == from) return ApplyResult::done();  // already at the end
    LayerEntry moved = std::move(*it);
    s.layers.erase(s.layers.begin() + from);
    s.layers.insert(s.layers.begin() + to, std::move(moved));
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::RemoveLayer& a) {
    auto it = std::find_if(s.layers.begin(), s.layers.end(), [&](const LayerEntry& l) { return l.id == a.id; });
    if (it == s.layers.end()) return noLayer(a.id);
    if (it->isBasemap) return ApplyResult::failed("the basemap layer '" + a.id + "' can be hidden, not removed");
    s.layers.erase(it);
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::DismissMessage& a) {
    if (a.index >= s.messages.size()) return ApplyResult::failed("no message " + std::to_string(a.index));
    s.messages.erase(s.messages.begin() + static_cast<long>(a.index));
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ToggleLayersPanel&) {
    s.showLayersPanel = !s.showLayersPanel;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetOptionVisible& a) {
    if (auto* o = s.findOption(a.option)) { o->visible = a.visible; return ApplyResult::done(); }
    return noOption(a.option);
  }
  ApplyResult operator()(const action::SetOptionLayerVisible& a) {
    if (auto* o = s.findOption(a.option))
      if (auto* l = o->layer(a.layer)) { l->visible = a.visible; return ApplyResult::done(); }
    return ApplyResult::failed("option '" + a.option + "' has no layer '" + a.layer + "'");
  }
  ApplyResult operator()(const action::SetOptionOpacity& a) {
    if (auto* o = s.findOption(a.option)) { o->opacity = std::clamp(a.opacity, 0.f, 1.f); return ApplyResult::done(); }
    return noOption(a.option);
  }
  ApplyResult operator()(const action::SetOptionParameter& a) {
    auto* o = s.findOption(a.option);
    if (!o) return noOption(a.option);
    if (!o->parameters.count(a.parameter))
      return ApplyResult::failed("option '" + a.option + "' has no parameter '" + a.parameter + "'");
    double value = a.value;
    if (s.catalog)
      if (const auto* def = s.catalog->find(a.option))
        if (const auto* p = def->parameter(a.parameter)) value = std::clamp(value, p->min, p->max);
    if (o->parameters[a.parameter] == value) return ApplyResult::done();
    o->parameters[a.parameter] = value;
    ++o->revision;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ApplyPreset& a) {
    if (!s.catalog) return ApplyResult::failed("the options are not loaded yet");
    const options::Preset* it = s.catalog->preset(a.id);
    if (!it) return ApplyResult::failed("no preset named '" + a.id + "'");
    for (auto& o : s.options) o.visible = std::find(it->options.begin(), it->options.end(), o.id) != it->options.end();
    // Parameters not named by the preset go back to their defaults, so a preset always shows the same thing.
    if (s.catalog) {
      for (auto& o : s.options)
        if (const auto* def = s.catalog->find(o.id))
          for (const auto& p : def->parameters) (*this)(action::SetOptionParameter{o.id, p.id, p.defaultValue});
    }
    for (const auto& [option, parameter, value] : it->parameters) (*this)(action::SetOptionParameter{option, parameter, value});
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ClearSelection&) {
    s.selection.reset();
    s.lastPickAt.reset();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::PickAt&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::ExportOptionLayers&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::ToggleOptionsPanel&) {
    s.showOptionsPanel = !s.showOptionsPanel;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::TogglePanels&) {
    s.panels.hidden = !s.panels.hidden;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetPanelCollapsed& a) {
    if (a.collapsed) s.panels.collapsed.insert(a.panel);
    else s.panels.collapsed.erase(a.panel);
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetPanelShown& a) {
    switch (a.panel) {
      case PanelId::Layers: s.showLayersPanel = a.shown; break;
      case PanelId::Options: s.showOptionsPanel = a.shown; break;
      case PanelId::Briefing: s.briefing.showPanel = a.shown; break;
      case PanelId::Sources: s.sources.showPanel = a.shown; break;
      case PanelId::Inspector:
        if (!a.shown) s.selection.reset();  // the inspector is the selection's view: closing it deselects
        break;
    }
    if (a.shown) s.panels.hidden = false;  // asking for a panel brings the docks back
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ToggleMessageLog&) {
    s.panels.showLog = !s.panels.showLog;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ToggleShortcutsHelp&) {
    s.panels.showShortcuts = !s.panels.showShortcuts;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ClearMessages&) {
    s.messages.clear();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ClosePlaceSearch&) {
    s.placeSearch = PlaceSearchState{};
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetMeasureTool& a) {
    s.measure.active = a.active;
    if (!a.active) s.measure.points.clear();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ClearMeasure&) {
    s.measure.points.clear();
    return ApplyResult::done();
  }
  // These need the gazetteer or the projection: sources_controller.cpp and session.cpp.
  ApplyResult operator()(const action::OpenPlaceSearch&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SearchPlaces&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::FlyToPlace&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AddMeasurePointAt&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::Quit&) {
    s.quitRequested = true;
    return ApplyResult::done();
  }
  // Briefing edits that need no projection or file.
  bool validSlide(int index) const { return index >= 0 && index < static_cast<int>(s.briefing.doc.slides.size()); }
  void edited() {
    s.briefing.dirty = true;
    ++s.briefing.annotationRevision;  // the current slide may now be another one
  }
  ApplyResult operator()(const action::NewBriefing&) {
    s.briefing = BriefingState{};
    s.briefing.loaded = true;
    s.briefing.doc.title = "Untitled briefing";
    ++s.briefing.annotationRevision;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::DuplicateSlide& a) {
    if (!validSlide(a.index)) return noSlide(a.index);
    auto& slides = s.briefing.doc.slides;
    briefing::Slide copy = slides[a.index];
    slides.insert(slides.begin() + a.index + 1, std::move(copy));
    s.briefing.current = a.index + 1;
    edited();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::DeleteSlide& a) {
    if (!validSlide(a.index)) return noSlide(a.index);
    auto& slides = s.briefing.doc.slides;
    slides.erase(slides.begin() + a.index);
    if (s.briefing.current >= static_cast<int>(slides.size())) s.briefing.current = static_cast<int>(slides.size()) - 1;
    else if (s.briefing.current > a.index) --s.briefing.current;
    s.briefing.drafts.clear();
    edited();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::MoveSlide& a) {
    if (!validSlide(a.index)) return noSlide(a.index);
    auto& slides = s.briefing.doc.slides;
    const int to = std::clamp(a.index + a.delta, 0, static_cast<int>(slides.size()) - 1);
    if (to == a.index) return ApplyResult::done();  // already at the end
    briefing::Slide moved = std::move(slides[a.index]);
    slides.erase(slides.begin() + a.index);
    slides.insert(slides.begin() + to, std::move(moved));
    if (s.briefing.current == a.index) s.briefing.current = to;
    else if (s.briefing.current > a.index && s.briefing.current <= to) --s.briefing.current;
    else if (s.briefing.current < a.index && s.briefing.current >= to) ++s.briefing.current;
    edited();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetSlideText& a) {
    if (!validSlide(a.index)) return noSlide(a.index);
    auto& slide = s.briefing.doc.slides[a.index];
    if (slide.title == a.title && slide.caption == a.caption && slide.notes == a.notes) return ApplyResult::done();
    slide.title = a.title;
    slide.caption = a.caption;
    slide.notes = a.notes;
    s.briefing.dirty = true;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::StopPresentation&) {
    if (!s.briefing.presenting) return ApplyResult::done();
    s.briefing.presenting = false;
    s.briefing.black = false;
    s.briefing.tool = BriefingState::Tool::None;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ToggleBlackScreen&) {
    s.briefing.black = !s.briefing.black;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::TogglePresenterInfo&) {
    s.briefing.showPresenterInfo = !s.briefing.showPresenterInfo;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::TogglePresenterView&) {
    s.briefing.showPresenterView = !s.briefing.showPresenterView;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetPresenterView& a) {
    s.briefing.showPresenterView = a.shown;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetAnnotationTool& a) {
    s.briefing.tool = a.tool;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::AddAnnotation& a) {
    if (!s.briefing.currentSlide()) return ApplyResult::failed("no slide is shown to draw on");
    if (a.annotation.points.size() < 2) return ApplyResult::failed("a mark needs at least two points");
    s.briefing.drafts.push_back(a.annotation);
    ++s.briefing.annotationRevision;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::KeepAnnotations&) {
    if (!s.briefing.currentSlide()) return ApplyResult::failed("no slide is shown");
    if (s.briefing.drafts.empty()) return ApplyResult::done();
    auto& kept = s.briefing.doc.slides[s.briefing.current].annotations;
    kept.insert(kept.end(), s.briefing.drafts.begin(), s.briefing.drafts.end());
    s.briefing.drafts.clear();
    edited();
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ClearAnnotations&) {
    const auto* slide = s.briefing.currentSlide();
    if (!slide) return ApplyResult::failed("no slide is shown");
    if (!s.briefing.drafts.empty()) {
      s.briefing.drafts.clear();
    } else if (!slide->annotations.empty()) {
      s.briefing.doc.slides[s.briefing.current].annotations.clear();
      s.briefing.dirty = true;
    } else {
      return ApplyResult::done();
    }
    ++s.briefing.annotationRevision;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SetBriefingLook& a) {
    auto& doc = s.briefing.doc;
    const float scale = std::clamp(a.presentationScale, 0.5f, 4.f);
    if (doc.highContrast == a.highContrast && doc.presentationScale == scale) return ApplyResult::done();
    doc.highContrast = a.highContrast;
    doc.presentationScale = scale;
    s.briefing.dirty = true;
    return ApplyResult::done();
  }
  // Left to the briefing controller: they need the projection, the session or the file system.
  ApplyResult operator()(const action::OpenBriefing&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SaveBriefing&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AddSlideFromView&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::UpdateSlideFromView&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::GoToSlide&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::NextSlide&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::PreviousSlide&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::StartPresentation&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::GoHome&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SetCrs&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::OpenFiles&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::CancelFileLoad&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SetUiScale& a) {
    if (!(a.scale > 0)) return ApplyResult::failed("the UI scale must be positive");
    s.uiScale = std::clamp(a.scale, 0.75f, 4.f);  // the window's own limits
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::ToggleSourcesPanel&) {
    s.sources.showPanel = !s.sources.showPanel;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::SelectDocument& a) {
    if (a.index < 0 || a.index >= static_cast<int>(s.sources.documents.size()))
      return ApplyResult::failed("no document " + std::to_string(a.index));
    if (a.index == s.sources.selected) return ApplyResult::done();
    s.sources.selected = a.index;
    s.sources.focus = {-1, 0, 0, 0, 0, -1, s.sources.focus.revision};  // a new document starts at its top
    return ApplyResult::done();
  }
  // These need the worker, the gazetteer or the projection: see sources_controller.cpp.
  ApplyResult operator()(const action::OpenSourcesFolder&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::FlyToMention&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AcceptCandidate&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::RejectCandidate&) { return ApplyResult::notMine(); }
  // Drawing tools only change the model; what is drawn is committed by the workspace controller.
  ApplyResult operator()(const action::SetDrawTool& a) {
    using Tool = WorkspaceState::Tool;
    auto& w = s.workspace;
    const bool draws = a.tool == Tool::Point || a.tool == Tool::Line || a.tool == Tool::Zone;
    if (a.tool != Tool::None && !w.open) return ApplyResult::failed("open or create a workspace first (File → New workspace)");
    if (a.tool != Tool::None && w.readOnly) return ApplyResult::failed(w.name + " is open read-only: nothing can be drawn");
    if (draws && !s.findOption(a.option)) return ApplyResult::failed("no option '" + a.option + "' to draw into");
    w.tool = a.tool;
    if (draws) {
      w.drawOption = a.option;
      w.drawLayer = a.layer.empty() ? "analyst" : a.layer;
    }
    w.draft.clear();
    ++w.draftRevision;
    return ApplyResult::done();
  }
  ApplyResult operator()(const action::CancelDrawing&) {
    s.workspace.draft.clear();
    ++s.workspace.draftRevision;
    return ApplyResult::done();
  }
  // These need the workspace or the projection: see workspace_controller.cpp.
  ApplyResult operator()(const action::NewWorkspace&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::OpenWorkspace&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::CloseWorkspace&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::Undo&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::Redo&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::ReloadWorkspace&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::KeepMyVersion&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AddDraftVertexAt&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::FinishDrawing&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AddFeature&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::EditFeature&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SetFeatureGeometry&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::MoveFeatureBy&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::MoveVertex&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::DeleteFeature&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AttachSource&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::AddFactFromSource&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SaveBriefingToWorkspace&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::NewOption&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::EditOption&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::DeleteOption&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::SavePresetFromView&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::DeletePreset&) { return ApplyResult::notMine(); }
  ApplyResult operator()(const action::OpenBriefingFromWorkspace&) { return ApplyResult::notMine(); }
};
}  // namespace

ApplyResult applyAction(AppState& state, const Action& a) { return std::visit(Reducer{state}, a); }

void rememberRecent(std::vector<std::string>& list, const std::string& item) {
  if (item.empty()) return;
  list.erase(std::remove(list.begin(), list.end(), item), list.end());
  list.insert(list.begin(), item);
  if (list.size() > kMaxRecent) list.resize(kMaxRecent);
}

void stampMessages(AppState& state) {
  for (auto& m : state.messages)
    if (m.postedAt < 0) m.postedAt = state.clockSeconds;
}

std::vector<Notice> activeNotices(const AppState& state) {
  std::vector<Notice> notices;
  for (size_t i = state.messages.size(); i-- > 0 && notices.size() < kMaxNotices;) {
    const Message& m = state.messages[i];
    if (m.postedAt < 0) continue;
    const double lifetime = m.level == MessageLevel::Info ? kNoticeSeconds : kProblemNoticeSeconds;
    const double left = lifetime - (state.clockSeconds - m.postedAt);
    if (left <= 0) continue;
    notices.push_back({i, static_cast<float>(std::min(1.0, left / kNoticeFadeSeconds))});
  }
  std::reverse(notices.begin(), notices.end());
  return notices;
}

bool panelShown(const AppState& state, PanelId id) {
  if (state.panels.hidden) return false;
  switch (id) {
    case PanelId::Layers: return state.showLayersPanel;
    case PanelId::Options: return state.showOptionsPanel && state.catalog != nullptr;
    case PanelId::Inspector: return state.selection.has_value();
    case PanelId::Briefing: return state.briefing.showPanel;
    case PanelId::Sources: return state.sources.showPanel;
  }
  return false;
}

}  // namespace briefmap::session
