#include "briefmap/ui/briefing_controller.hpp"

#include <algorithm>
#include <cmath>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/ui/map_session.hpp"
#include "briefmap/ui/sources_controller.hpp"

namespace briefmap::ui {

namespace {

// Parameters of the fly-to path (van Wijk and Nuij): rho² = 2 balances zooming out against panning.
constexpr double kRho = 1.4142135623730951;
constexpr double kMinTransitionSeconds = 0.45;  // long enough to see the fades
constexpr double kMaxTransitionSeconds = 0.9;   // the issue asks for under a second

double easeInOutCubic(double t) { return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2; }
double smoothstep(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

struct FlightPath {
  double dx = 0, dy = 0, d = 0;  // map metres
  double w0 = 0, w1 = 0;         // view widths in map metres
  double r0 = 0, S = 0;          // path start and length (in the paper's units)
  bool zoomOnly = false;
};

FlightPath flightPath(const render::View& a, const render::View& b, int widthPx) {
  FlightPath p;
  p.dx = b.centre.x - a.centre.x;
  p.dy = b.centre.y - a.centre.y;
  p.d = std::hypot(p.dx, p.dy);
  p.w0 = a.metresPerPixel * std::max(1, widthPx);
  p.w1 = b.metresPerPixel * std::max(1, widthPx);
  if (p.d < 1e-6 * std::max(p.w0, p.w1)) {
    p.zoomOnly = true;
    p.S = std::abs(std::log(p.w1 / p.w0)) / kRho;
    return p;
  }
  const double rho2 = kRho * kRho, rho4 = rho2 * rho2;
  const double b0 = (p.w1 * p.w1 - p.w0 * p.w0 + rho4 * p.d * p.d) / (2 * p.w0 * rho2 * p.d);
  const double b1 = (p.w1 * p.w1 - p.w0 * p.w0 - rho4 * p.d * p.d) / (2 * p.w1 * rho2 * p.d);
  p.r0 = std::log(std::sqrt(b0 * b0 + 1) - b0);
  const double r1 = std::log(std::sqrt(b1 * b1 + 1) - b1);
  p.S = (r1 - p.r0) / kRho;
  return p;
}

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
  if (crsChanges) session.setCrs(state, slide.view.crs);  // a new CRS is a cut, not a flight
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

render::View interpolateFlight(const render::View& from, const render::View& to, int widthPx, double t) {
  if (t <= 0) return from;
  if (t >= 1) return to;
  const FlightPath p = flightPath(from, to, widthPx);
  const double W = std::max(1, widthPx);
  render::View v;
  if (p.zoomOnly) {
    v.centre = {from.centre.x + (to.centre.x - from.centre.x) * t, from.centre.y + (to.centre.y - from.centre.y) * t};
    v.metresPerPixel = from.metresPerPixel * std::pow(to.metresPerPixel / from.metresPerPixel, t);
    return v;
  }
  const double s = t * p.S;
  const double coshR0 = std::cosh(p.r0);
  const double u = p.w0 / (kRho * kRho * p.d) * (coshR0 * std::tanh(kRho * s + p.r0) - std::sinh(p.r0));
  v.centre = {from.centre.x + u * p.dx, from.centre.y + u * p.dy};
  v.metresPerPixel = p.w0 * coshR0 / std::cosh(kRho * s + p.r0) / W;
  return v;
}

double flightSeconds(const render::View& from, const render::View& to, int widthPx) {
  const double S = flightPath(from, to, widthPx).S;
  if (!std::isfinite(S)) return kMinTransitionSeconds;
  return std::clamp(0.3 + 0.15 * S, kMinTransitionSeconds, kMaxTransitionSeconds);
}

bool advanceTransitions(AppState& state) {
  auto& tr = state.briefing.transition;
  if (!tr.active) return false;
  const double p = tr.durationSeconds > 0 ? (state.clockSeconds - tr.startSeconds) / tr.durationSeconds : 1.0;
  if (p >= 1) {
    tr.active = false;
    state.view = tr.to;
    for (auto& o : state.options) {
      o.fade = 1.f;
      o.fadeOut = 0.f;
    }
    return false;
  }
  state.view = interpolateFlight(tr.from, tr.to, state.viewportW, easeInOutCubic(std::max(0.0, p)));
  // Cross-fade: what leaves goes in the first 60 % of the flight, what arrives comes in the last 60 %.
  const float out = static_cast<float>(1 - smoothstep(p / 0.6));
  const float in = static_cast<float>(smoothstep((p - 0.4) / 0.6));
  for (auto& o : state.options) {
    if (o.visible) {
      o.fade = o.fadeFrom + (1.f - o.fadeFrom) * in;
      o.fadeOut = 0.f;
    } else {
      o.fade = 0.f;
      o.fadeOut = o.fadeOutFrom * out;
    }
  }
  return true;
}

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

bool handleBriefingAction(AppState& state, MapSession& session, const Action& a) {
  auto& b = state.briefing;
  const int count = static_cast<int>(b.doc.slides.size());
  if (auto* open = std::get_if<action::OpenBriefing>(&a)) {
    try {
      openBriefing(state, session, briefing::loadBriefing(open->path), open->path);
      state.messages.push_back({MessageLevel::Info, "Opened briefing " + std::filesystem::path(open->path).filename().string() +
                                                        " (" + std::to_string(b.doc.slides.size()) + " slides)"});
    } catch (const briefing::BriefingError& e) {
      // The briefing that was open stays open.
      state.messages.push_back({MessageLevel::Error, e.what()});
    }
    return true;
  }
  if (auto* save = std::get_if<action::SaveBriefing>(&a)) {
    const std::filesystem::path path = save->path.empty() ? b.path : std::filesystem::path(save->path);
    if (path.empty()) {
      state.messages.push_back({MessageLevel::Error, "Save briefing: choose a file name first (File → Save briefing as…)"});
      return true;
    }
    try {
      briefing::saveBriefing(path, b.doc);
      b.path = path;
      b.dirty = false;
      state.messages.push_back({MessageLevel::Info, "Saved briefing " + path.string()});
    } catch (const std::exception& e) {
      state.messages.push_back({MessageLevel::Error, std::string("Briefing not saved (the previous file is unchanged): ") + e.what()});
    }
    return true;
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
    return true;
  }
  if (auto* update = std::get_if<action::UpdateSlideFromView>(&a)) {
    if (update->index < 0 || update->index >= count) return true;
    briefing::Slide& slide = b.doc.slides[update->index];
    briefing::Slide captured = captureSlide(state, session);
    captured.title = slide.title;
    captured.caption = slide.caption;
    captured.notes = slide.notes;
    captured.annotations = slide.annotations;
    slide = std::move(captured);
    b.dirty = true;
    return true;
  }
  if (auto* go = std::get_if<action::GoToSlide>(&a)) {
    goToSlide(state, session, std::clamp(go->index, 0, std::max(0, count - 1)), go->animate);
    return true;
  }
  if (std::holds_alternative<action::NextSlide>(a)) {
    if (b.current + 1 < count) goToSlide(state, session, b.current + 1, true);
    return true;
  }
  if (std::holds_alternative<action::PreviousSlide>(a)) {
    if (b.current > 0) goToSlide(state, session, b.current - 1, true);
    return true;
  }
  if (auto* start = std::get_if<action::StartPresentation>(&a)) {
    if (count == 0) {
      state.messages.push_back({MessageLevel::Warning, "Nothing to present: add a slide first (Briefing → Add current view as slide)"});
      return true;
    }
    b.presenting = true;
    b.black = false;
    b.presentingSinceSeconds = state.clockSeconds;
    state.selection.reset();
    const int from = start->fromSlide >= 0 ? start->fromSlide : std::max(0, b.current);
    goToSlide(state, session, std::min(from, count - 1), false);
    return true;
  }
  return false;
}

void dispatch(AppState& state, MapSession& session, const Action& a) {
  // The analyst taking the map stops a running flight where it is.
  if (std::holds_alternative<action::PanBy>(a) || std::holds_alternative<action::ZoomAt>(a)) {
    if (state.briefing.transition.active) {
      advanceTransitions(state);
      state.briefing.transition.active = false;
      for (auto& o : state.options) {
        o.fade = 1.f;
        o.fadeOut = 0.f;
      }
    }
  }
  if (applyAction(state, a)) return;
  if (handleBriefingAction(state, session, a)) return;
  if (handleSourcesAction(state, session, a)) return;
  session.handle(state, a);
}

render::MapStyle presentationStyle(const AppState& state) {
  return state.briefing.doc.highContrast ? render::highContrastMapStyle() : render::defaultMapStyle();
}

float presentationPixelRatio(const AppState& state, int heightPx, float displayPixelRatio) {
  const float byHeight = std::max(1.f, heightPx / 1080.f);
  return std::max(byHeight, displayPixelRatio) * std::clamp(state.briefing.doc.presentationScale, 0.5f, 4.f);
}

render::FrameSnapshot presentationSnapshot(const AppState& state, const MapSession& session, int widthPx, int heightPx,
                                           float pixelRatio) {
  render::FrameSnapshot f = session.snapshot(state, widthPx, heightPx, pixelRatio);
  f.style = presentationStyle(state);
  f.showScaleBar = false;
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

}  // namespace briefmap::ui
