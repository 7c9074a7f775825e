#include "briefmap/session/briefing_controller.hpp"

#include <algorithm>
#include <cmath>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/flight.hpp"

namespace briefmap::session {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Options, parameters and layers of a slide; the view is set by the caller (animated or not).
void applySlideContent(AppState& state, const briefing::Slide& slide) {
  for (auto& o : state.options) o.visible = contains(slide.options, o.id);
  if (state.catalog) {
    for (auto& o : state.options)
      if (const auto* def = state.catalog->find(o.id))
        for (const auto& p : def->parameters) {
          const auto it = slide.parameters.find(o.id + "." + p.id);
          applyAction(state, action::SetOptionParameter{o.id, p.id, it != slide.parameters.end() ? it->second : p.defaultValue});
        }
  }
  for (const auto& [name, visible] : slide.layers)
    for (auto& l : state.layers)
      if (l.id == name || l.name == name) l.visible = visible;
}

void goToSlide(AppState& state, MapSession& session, int index, bool animate) {
  auto& b = state.briefing;
  if (index < 0 || index >= static_cast<int>(b.doc.slides.size())) return;
  const briefing::Slide& slide = b.doc.slides[index];
  advanceTransitions(state);  // an interrupted flight continues from where it is now
  const bool crsChanges = !slide.view.crs.empty() && slide.view.crs != state.crs.id;
  if (crsChanges) {  // a new CRS is a cut, not a flight
    const ApplyResult changed = session.setCrs(state, slide.view.crs);
    if (changed.isFailed()) state.messages.push_back({MessageLevel::Error, "slide " + std::to_string(index + 1) + ": " + changed.reason});
  }
  for (auto& o : state.options) {
    // Where each option's fade stands now is where the next fade starts.
    o.fadeFrom = o.visible ? o.fade : 0.f;
    o.fadeOutFrom = o.visible ? o.fade : o.fadeOut;
  }
  applySlideContent(state, slide);
  b.current = index;
  b.drafts.clear();
  ++b.annotationRevision;
  const render::View target = viewForSlide(session, slide.view, state.viewportW, state.viewportH);
  b.framedWidthPx = state.viewportW;
  b.framedHeightPx = state.viewportH;
  if (!animate || crsChanges || state.viewportW <= 0) {
    state.view = target;
    b.transition.active = false;
    for (auto& o : state.options) {
      o.fade = 1.f;
      o.fadeOut = 0.f;
    }
    return;
  }
  b.transition.active = true;
  b.transition.from = state.view;
  b.transition.to = target;
  b.transition.startSeconds = state.clockSeconds;
  b.transition.durationSeconds = flightSeconds(state.view, target, state.viewportW);
  advanceTransitions(state);
}

std::vector<std::string> layerNames(const AppState& state) {
  std::vector<std::string> names;
  for (const auto& l : state.layers) {
    names.push_back(l.id);
    names.push_back(l.name);
  }
  return names;
}

// The slide as the analyst sees the map now: view, visible options, parameters that differ from defaults.
briefing::Slide captureSlide(const AppState& state, const MapSession& session) {
  briefing::Slide s;
  s.view = slideViewOf(session, state);
  for (const auto& o : state.options) {
    if (o.visible) s.options.push_back(o.id);
    const auto* def = state.catalog ? state.catalog->find(o.id) : nullptr;
    for (const auto& [id, value] : o.parameters) {
      const auto* p = def ? def->parameter(id) : nullptr;
      if (!p || p->defaultValue != value) s.parameters[o.id + "." + id] = value;
    }
  }
  for (const auto& l : state.layers) s.layers[l.isBasemap ? l.id : l.name] = l.visible;
  return s;
}

}  // namespace

render::View viewForSlide(const MapSession& session, const briefing::SlideView& view, int widthPx, int heightPx) {
  render::View v;
  v.centre = session.projection().forward(view.centre);
  if (!std::isfinite(v.centre.x) || !std::isfinite(v.centre.y)) v.centre = {0, 0};
  const double w = std::max(1, widthPx), h = std::max(1, heightPx);
  v.metresPerPixel = std::clamp(std::max(view.widthKm * 1000 / w, view.heightKm * 1000 / h), kMinMetresPerPixel,
                                kMaxMetresPerPixel);
  return v;
}

briefing::SlideView slideViewOf(const MapSession& session, const AppState& state) {
  briefing::SlideView v;
  v.centre = session.projection().inverse(state.view.centre);
  v.widthKm = state.view.metresPerPixel * std::max(1, state.viewportW) / 1000;
  v.heightKm = state.view.metresPerPixel * std::max(1, state.viewportH) / 1000;
  v.crs = state.crs.id;
  return v;
}

SlideModel slideModel(const AppState& state, const MapSession& session, int index, int widthPx, int heightPx) {
  SlideModel model{state, {}};
  AppState& s = model.state;
  const auto& slides = state.briefing.doc.slides;
  if (index < 0 || index >= static_cast<int>(slides.size())) return model;
  const briefing::Slide& slide = slides[static_cast<size_t>(index)];
  applySlideContent(s, slide);
  s.briefing.current = index;
  s.briefing.transition.active = false;
  s.viewportW = widthPx;
  s.viewportH = heightPx;
  s.view = viewForSlide(session, slide.view, widthPx, heightPx);
  s.briefing.framedWidthPx = widthPx;
  s.briefing.framedHeightPx = heightPx;
  for (auto& o : s.options) {
    o.fade = 1.f;
    o.fadeOut = 0.f;
  }
  // The marks drawn are the shown slide's; another slide's would be projected by the session first.
  if (index != state.briefing.current) s.annotationDraws.clear();
  s.selectionDraws.clear();
  for (size_t i = 0; i < s.options.size() && i < state.options.size(); ++i)
    if (s.options[i].visible && s.options[i].revision != state.options[i].revision)
      model.drawnWithOtherParameters.push_back(s.options[i].title);
  return model;
}

bool reframeSlideForViewport(AppState& state, const MapSession& session) {
  auto& b = state.briefing;
  const briefing::Slide* slide = b.currentSlide();
  if (!b.presenting || !slide || state.viewportW <= 0 || state.viewportH <= 0) return false;
  if (state.viewportW == b.framedWidthPx && state.viewportH == b.framedHeightPx) return false;
  const render::View target = viewForSlide(session, slide->view, state.viewportW, state.viewportH);
  // A flight under way keeps flying, to the slide as framed for the new size.
  if (b.transition.active) b.transition.to = target;
  else state.view = target;
  b.framedWidthPx = state.viewportW;
  b.framedHeightPx = state.viewportH;
  return true;
}

void openBriefing(AppState& state, MapSession& session, briefing::LoadResult loaded, const std::filesystem::path& path) {
  auto& b = state.briefing;
  b = BriefingState{};
  b.doc = std::move(loaded.briefing);
  b.path = path;
  b.loaded = true;
  for (const auto& w : loaded.warnings)
    state.messages.push_back({MessageLevel::Warning, path.filename().string() + ": " + w});
  if (!b.doc.files.empty()) session.openFiles(b.doc.files);
  b.referencesChecked = false;
  if (!b.doc.slides.empty()) goToSlide(state, session, 0, false);
  ++b.annotationRevision;
}

void settleBriefing(AppState& state, const MapSession& session) {
  auto& b = state.briefing;
  if (!b.loaded || b.referencesChecked || !state.catalog || session.busy()) return;
  b.referencesChecked = true;
  for (const auto& w : briefing::checkReferences(b.doc, *state.catalog, layerNames(state)))
    state.messages.push_back({MessageLevel::Warning, (b.path.empty() ? std::string("briefing") : b.path.filename().string()) + ": " + w});
  // Options and files may have arrived after the slide was first shown.
  if (const auto* slide = b.currentSlide()) applySlideContent(state, *slide);
}

void openBriefingHeadless(AppState& state, MapSession& session, const std::filesystem::path& path) {
  if (state.layers.empty()) state.layers = defaultBasemapLayers();
  if (!state.catalog) {
    session.loadOptions();
    session.finish(state);
  }
  openBriefing(state, session, briefing::loadBriefing(path), path);
  session.finish(state);
  settleBriefing(state, session);
}

bool prepareSlide(AppState& state, MapSession& session, int index, int widthPx, int heightPx) {
  if (index < 0 || index >= static_cast<int>(state.briefing.doc.slides.size())) return false;
  state.viewportW = widthPx;
  state.viewportH = heightPx;
  goToSlide(state, session, index, false);
  session.loadBasemapFor(state.view, widthPx, heightPx);  // only the detail this slide's scale needs
  session.syncOptions(state, /*includeHidden=*/false);
  session.finish(state);
  return true;
}

ApplyResult handleBriefingAction(AppState& state, MapSession& session, const Action& a) {
  auto& b = state.briefing;
  const int count = static_cast<int>(b.doc.slides.size());
  if (auto* open = std::get_if<action::OpenBriefing>(&a)) {
    try {
      openBriefing(state, session, briefing::loadBriefing(open->path), open->path);
      state.messages.push_back({MessageLevel::Info, "Opened briefing " + std::filesystem::path(open->path).filename().string() +
                                                        " (" + std::to_string(b.doc.slides.size()) + " slides)"});
    } catch (const briefing::BriefingError& e) {
      return ApplyResult::failed(e.what());  // the briefing that was open stays open
    }
    return ApplyResult::done();
  }
  if (auto* save = std::get_if<action::SaveBriefing>(&a)) {
    const std::filesystem::path path = save->path.empty() ? b.path : std::filesystem::path(save->path);
    if (path.empty()) {
      return ApplyResult::failed("Save briefing: choose a file name first (File → Save briefing as…)");
    }
    try {
      briefing::saveBriefing(path, b.doc);
      b.path = path;
      b.dirty = false;
      state.messages.push_back({MessageLevel::Info, "Saved briefing " + path.string()});
    } catch (const std::exception& e) {
      return ApplyResult::failed(std::string("Briefing not saved (the previous file is unchanged): ") + e.what());
    }
    return ApplyResult::done();
  }
  if (std::holds_alternative<action::AddSlideFromView>(a)) {
    if (!b.loaded) applyAction(state, action::NewBriefing{});
    briefing::Slide slide = captureSlide(state, session);
    slide.title = "Slide " + std::to_string(b.doc.slides.size() + 1);
    const int at = std::clamp(b.current + 1, 0, static_cast<int>(b.doc.slides.size()));
    b.doc.slides.insert(b.doc.slides.begin() + at, std::move(slide));
    b.current = at;
    b.dirty = true;
    b.drafts.clear();
    ++b.annotationRevision;
    return ApplyResult::done();
  }
  if (auto* update = std::get_if<action::UpdateSlideFromView>(&a)) {
    if (update->index < 0 || update->index >= count)
      return ApplyResult::failed("no slide " + std::to_string(update->index + 1) + " in the briefing");
    briefing::Slide& slide = b.doc.slides[update->index];
    briefing::Slide captured = captureSlide(state, session);
    captured.title = slide.title;
    captured.caption = slide.caption;
    captured.notes = slide.notes;
    captured.annotations = slide.annotations;
    slide = std::move(captured);
    b.dirty = true;
    return ApplyResult::done();
  }
  if (auto* go = std::get_if<action::GoToSlide>(&a)) {
    goToSlide(state, session, std::clamp(go->index, 0, std::max(0, count - 1)), go->animate);
    return ApplyResult::done();
  }
  if (std::holds_alternative<action::NextSlide>(a)) {
    if (b.current + 1 < count) goToSlide(state, session, b.current + 1, true);
    return ApplyResult::done();
  }
  if (std::holds_alternative<action::PreviousSlide>(a)) {
    if (b.current > 0) goToSlide(state, session, b.current - 1, true);
    return ApplyResult::done();
  }
  if (auto* start = std::get_if<action::StartPresentation>(&a)) {
    if (count == 0) {
      return ApplyResult::failed("Nothing to present: add a slide first (Briefing → Add current view as slide)");
    }
    b.presenting = true;
    b.black = false;
    b.presentingSinceSeconds = state.clockSeconds;
    state.selection.reset();
    const int from = start->fromSlide >= 0 ? start->fromSlide : std::max(0, b.current);
    goToSlide(state, session, std::min(from, count - 1), false);
    return ApplyResult::done();
  }
  return ApplyResult::notMine();
}


render::MapStyle presentationStyle(const AppState& state) {
  return state.briefing.doc.highContrast ? render::highContrastMapStyle() : render::defaultMapStyle();
}

float presentationPixelRatio(const AppState& state, int heightPx, float displayPixelRatio) {
  return std::max(render::outputPixelRatio(heightPx), displayPixelRatio) * std::clamp(state.briefing.doc.presentationScale, 0.5f, 4.f);
}

render::FrameSnapshot presentationSnapshot(const AppState& state, const MapSession& session, int widthPx, int heightPx,
                                           float pixelRatio) {
  render::FrameSnapshot f = session.snapshot(state, widthPx, heightPx, pixelRatio);
  f.style = presentationStyle(state);
  // The window's selection highlight is for the analyst, not the room.
  std::erase_if(f.layers, [](const render::LayerDraw& l) { return l.id.rfind("selection/", 0) == 0; });
  f.showScaleBar = false;
  // Option symbols and lines sized for the room, by the briefing's own scales (the map's basemap keeps its own).
  for (auto& layer : f.layers) {
    if (layer.isBasemap || layer.id.rfind("option/", 0) != 0) continue;
    layer.style.pointRadius *= std::clamp(state.briefing.doc.symbolScale, 0.5f, 4.f);
    layer.style.strokeWidth *= std::clamp(state.briefing.doc.lineScale, 0.5f, 4.f);
  }
  if (state.briefing.doc.highContrast) {
    // Option labels in their colour darkened until they read from across a room, even the light ones
    // (sky blue on its own sky-blue no-fly area): relative luminance at most 0.2.
    for (auto& layer : f.layers) {
      render::Rgba& c = layer.style.labelColour;
      if (c.a <= 0) continue;
      const float luminance = 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
      if (luminance > 0.2f) {
        const float k = 0.2f / luminance;
        c = render::Rgba{c.r * k, c.g * k, c.b * k, c.a};
      }
    }
  }
  if (const auto* slide = state.briefing.currentSlide()) {
    f.furniture.title = slide->title;
    f.furniture.subtitle = slide->caption;
  }
  return f;
}

}  // namespace briefmap::session
