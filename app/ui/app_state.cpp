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
  bool operator()(const action::GoHome&) { return false; }
  bool operator()(const action::SetCrs&) { return false; }
  bool operator()(const action::SetUiScale&) { return false; }
  bool operator()(const action::OpenFiles&) { return false; }
};
}  // namespace

bool applyAction(AppState& state, const Action& a) { return std::visit(Reducer{state}, a); }

}  // namespace briefmap::ui
