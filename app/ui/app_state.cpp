#include "briefmap/ui/app_state.hpp"

#include <algorithm>

namespace briefmap::ui {

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

const std::vector<Preset>& presets() {
  static const std::vector<Preset> kPresets = {
      {"guarantee_stack", "The three-tier plan: buffer zone, reassurance force, US backstop",
       {"buffer_zone", "reassurance_force", "us_backstop"}, {}},
      {"buffer_20_vs_50", "Buffer zone at 50 km either side (reported: 20 km)", {"buffer_zone"},
       {{"buffer_zone", "width_km", 50.0}}},
      {"sea_and_air", "Black Sea routes and air policing", {"black_sea", "air_policing"}, {}},
      {"who_contributes", "Who would contribute troops", {"contributors", "reassurance_force"}, {}},
      {"deterrence", "Deterrence: US backstop and Ukraine's own long-range missile", {"us_backstop", "deterrents_and_red_lines"}, {}},
      {"none", "All options off", {}, {}},
  };
  return kPresets;
}

std::vector<LayerEntry> defaultBasemapLayers() {
  auto entry = [](std::string id, std::string name, render::BasemapPart part, bool visible) {
    LayerEntry e;
    e.id = std::move(id);
    e.name = std::move(name);
    e.isBasemap = true;
    e.part = part;
    e.visible = visible;
    e.detail = "Natural Earth (public domain)";
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
  bool operator()(const action::PanBy& a) {
    s.view.centre.x -= a.dxPx * s.view.metresPerPixel;
    s.view.centre.y += a.dyPx * s.view.metresPerPixel;
    return true;
  }
  bool operator()(const action::ZoomAt& a) {
    if (!(a.factor > 0)) return false;
    const double before = s.view.metresPerPixel;
    const double after = std::clamp(before / a.factor, kMinMetresPerPixel, kMaxMetresPerPixel);
    // Keep the map point under the cursor where it is.
    const geo::MapXY anchor = render::screenToMap(s.view, s.viewportW, s.viewportH, {a.xPx, a.yPx});
    s.view.metresPerPixel = after;
    const geo::MapXY moved = render::screenToMap(s.view, s.viewportW, s.viewportH, {a.xPx, a.yPx});
    s.view.centre.x += anchor.x - moved.x;
    s.view.centre.y += anchor.y - moved.y;
    return true;
  }
  bool operator()(const action::SetLayerVisible& a) {
    if (auto* l = s.findLayer(a.id)) { l->visible = a.visible; return true; }
    return false;
  }
  bool operator()(const action::SetLayerOpacity& a) {
    if (auto* l = s.findLayer(a.id)) { l->opacity = std::clamp(a.opacity, 0.f, 1.f); return true; }
    return false;
  }
  bool operator()(const action::MoveLayer& a) {
    auto it = std::find_if(s.layers.begin(), s.layers.end(), [&](const LayerEntry& l) { return l.id == a.id; });
    if (it == s.layers.end()) return false;
    const auto from = static_cast<long>(it - s.layers.begin());
    const long to = std::clamp<long>(from + a.delta, 0, static_cast<long>(s.layers.size()) - 1);
    if (to == from) return false;
    LayerEntry moved = std::move(*it);
    s.layers.erase(s.layers.begin() + from);
    s.layers.insert(s.layers.begin() + to, std::move(moved));
    return true;
  }
  bool operator()(const action::RemoveLayer& a) {
    auto it = std::find_if(s.layers.begin(), s.layers.end(), [&](const LayerEntry& l) { return l.id == a.id; });
    if (it == s.layers.end() || it->isBasemap) return false;  // the basemap can be hidden, not removed
    s.layers.erase(it);
    return true;
  }
  bool operator()(const action::DismissMessage& a) {
    if (a.index >= s.messages.size()) return false;
    s.messages.erase(s.messages.begin() + static_cast<long>(a.index));
    return true;
  }
  bool operator()(const action::ToggleLayersPanel&) {
    s.showLayersPanel = !s.showLayersPanel;
    return true;
  }
  bool operator()(const action::SetOptionVisible& a) {
    if (auto* o = s.findOption(a.option)) { o->visible = a.visible; return true; }
    return false;
  }
  bool operator()(const action::SetOptionLayerVisible& a) {
    if (auto* o = s.findOption(a.option))
      if (auto* l = o->layer(a.layer)) { l->visible = a.visible; return true; }
    return false;
  }
  bool operator()(const action::SetOptionOpacity& a) {
    if (auto* o = s.findOption(a.option)) { o->opacity = std::clamp(a.opacity, 0.f, 1.f); return true; }
    return false;
  }
  bool operator()(const action::SetOptionParameter& a) {
    auto* o = s.findOption(a.option);
    if (!o || !o->parameters.count(a.parameter)) return false;
    double value = a.value;
    if (s.catalog)
      if (const auto* def = s.catalog->find(a.option))
        if (const auto* p = def->parameter(a.parameter)) value = std::clamp(value, p->min, p->max);
    if (o->parameters[a.parameter] == value) return false;
    o->parameters[a.parameter] = value;
    ++o->revision;
    return true;
  }
  bool operator()(const action::ApplyPreset& a) {
    const auto& all = presets();
    auto it = std::find_if(all.begin(), all.end(), [&](const Preset& p) { return p.id == a.id; });
    if (it == all.end()) return false;
    for (auto& o : s.options) o.visible = std::find(it->options.begin(), it->options.end(), o.id) != it->options.end();
    // Parameters not named by the preset go back to their defaults, so a preset always shows the same thing.
    if (s.catalog) {
      for (auto& o : s.options)
        if (const auto* def = s.catalog->find(o.id))
          for (const auto& p : def->parameters) (*this)(action::SetOptionParameter{o.id, p.id, p.defaultValue});
    }
    for (const auto& [option, parameter, value] : it->parameters) (*this)(action::SetOptionParameter{option, parameter, value});
    return true;
  }
  bool operator()(const action::ClearSelection&) {
    s.selection.reset();
    return true;
  }
  bool operator()(const action::PickAt&) { return false; }
  bool operator()(const action::ExportOptionLayers&) { return false; }
  bool operator()(const action::ToggleOptionsPanel&) {
    s.showOptionsPanel = !s.showOptionsPanel;
    return true;
  }
  bool operator()(const action::Quit&) {
    s.quitRequested = true;
    return true;
  }
  // Briefing edits that need no projection or file.
  bool validSlide(int index) const { return index >= 0 && index < static_cast<int>(s.briefing.doc.slides.size()); }
  void edited() {
    s.briefing.dirty = true;
    ++s.briefing.annotationRevision;  // the current slide may now be another one
  }
  bool operator()(const action::NewBriefing&) {
    s.briefing = BriefingState{};
    s.briefing.loaded = true;
    s.briefing.doc.title = "Untitled briefing";
    ++s.briefing.annotationRevision;
    return true;
  }
  bool operator()(const action::DuplicateSlide& a) {
    if (!validSlide(a.index)) return false;
    auto& slides = s.briefing.doc.slides;
    briefing::Slide copy = slides[a.index];
    slides.insert(slides.begin() + a.index + 1, std::move(copy));
    s.briefing.current = a.index + 1;
    edited();
    return true;
  }
  bool operator()(const action::DeleteSlide& a) {
    if (!validSlide(a.index)) return false;
    auto& slides = s.briefing.doc.slides;
    slides.erase(slides.begin() + a.index);
    if (s.briefing.current >= static_cast<int>(slides.size())) s.briefing.current = static_cast<int>(slides.size()) - 1;
    else if (s.briefing.current > a.index) --s.briefing.current;
    s.briefing.drafts.clear();
    edited();
    return true;
  }
  bool operator()(const action::MoveSlide& a) {
    if (!validSlide(a.index)) return false;
    auto& slides = s.briefing.doc.slides;
    const int to = std::clamp(a.index + a.delta, 0, static_cast<int>(slides.size()) - 1);
    if (to == a.index) return false;
    briefing::Slide moved = std::move(slides[a.index]);
    slides.erase(slides.begin() + a.index);
    slides.insert(slides.begin() + to, std::move(moved));
    if (s.briefing.current == a.index) s.briefing.current = to;
    else if (s.briefing.current > a.index && s.briefing.current <= to) --s.briefing.current;
    else if (s.briefing.current < a.index && s.briefing.current >= to) ++s.briefing.current;
    edited();
    return true;
  }
  bool operator()(const action::SetSlideText& a) {
    if (!validSlide(a.index)) return false;
    auto& slide = s.briefing.doc.slides[a.index];
    if (slide.title == a.title && slide.caption == a.caption && slide.notes == a.notes) return false;
    slide.title = a.title;
    slide.caption = a.caption;
    slide.notes = a.notes;
    s.briefing.dirty = true;
    return true;
  }
  bool operator()(const action::StopPresentation&) {
    if (!s.briefing.presenting) return false;
    s.briefing.presenting = false;
    s.briefing.black = false;
    s.briefing.tool = BriefingState::Tool::None;
    return true;
  }
  bool operator()(const action::ToggleBlackScreen&) {
    s.briefing.black = !s.briefing.black;
    return true;
  }
  bool operator()(const action::TogglePresenterInfo&) {
    s.briefing.showPresenterInfo = !s.briefing.showPresenterInfo;
    return true;
  }
  bool operator()(const action::SetAnnotationTool& a) {
    s.briefing.tool = a.tool;
    return true;
  }
  bool operator()(const action::AddAnnotation& a) {
    if (!s.briefing.currentSlide() || a.annotation.points.size() < 2) return false;
    s.briefing.drafts.push_back(a.annotation);
    ++s.briefing.annotationRevision;
    return true;
  }
  bool operator()(const action::KeepAnnotations&) {
    if (!s.briefing.currentSlide() || s.briefing.drafts.empty()) return false;
    auto& kept = s.briefing.doc.slides[s.briefing.current].annotations;
    kept.insert(kept.end(), s.briefing.drafts.begin(), s.briefing.drafts.end());
    s.briefing.drafts.clear();
    edited();
    return true;
  }
  bool operator()(const action::ClearAnnotations&) {
    const auto* slide = s.briefing.currentSlide();
    if (!slide) return false;
    if (!s.briefing.drafts.empty()) {
      s.briefing.drafts.clear();
    } else if (!slide->annotations.empty()) {
      s.briefing.doc.slides[s.briefing.current].annotations.clear();
      s.briefing.dirty = true;
    } else {
      return false;
    }
    ++s.briefing.annotationRevision;
    return true;
  }
  bool operator()(const action::SetBriefingLook& a) {
    auto& doc = s.briefing.doc;
    const float scale = std::clamp(a.presentationScale, 0.5f, 4.f);
    if (doc.highContrast == a.highContrast && doc.presentationScale == scale) return false;
    doc.highContrast = a.highContrast;
    doc.presentationScale = scale;
    s.briefing.dirty = true;
    return true;
  }
  // Left to the briefing controller: they need the projection, the session or the file system.
  bool operator()(const action::OpenBriefing&) { return false; }
  bool operator()(const action::SaveBriefing&) { return false; }
  bool operator()(const action::AddSlideFromView&) { return false; }
  bool operator()(const action::UpdateSlideFromView&) { return false; }
  bool operator()(const action::GoToSlide&) { return false; }
  bool operator()(const action::NextSlide&) { return false; }
  bool operator()(const action::PreviousSlide&) { return false; }
  bool operator()(const action::StartPresentation&) { return false; }
  bool operator()(const action::GoHome&) { return false; }
  bool operator()(const action::SetCrs&) { return false; }
  bool operator()(const action::SetUiScale&) { return false; }
  bool operator()(const action::OpenFiles&) { return false; }
};
}  // namespace

bool applyAction(AppState& state, const Action& a) { return std::visit(Reducer{state}, a); }

}  // namespace briefmap::ui
