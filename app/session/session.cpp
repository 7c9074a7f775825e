#include "briefmap/session/session.hpp"

#include <algorithm>
#include <cmath>

#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/flight.hpp"
#include "briefmap/session/sources_controller.hpp"

namespace briefmap::session {

namespace {

// The File menu's recent lists, kept by the settings between runs: absolute paths, so they work from any folder.
void rememberWhatWasOpened(AppState& state, const Action& action) {
  const auto absolute = [](const std::string& p) {
    std::error_code ec;
    const auto a = std::filesystem::absolute(p, ec);
    return ec ? p : a.lexically_normal().string();
  };
  if (const auto* open = std::get_if<action::OpenFiles>(&action))
    for (const auto& p : open->paths) rememberRecent(state.recent.files, absolute(p));
  if (std::holds_alternative<action::OpenBriefing>(action) || std::holds_alternative<action::SaveBriefing>(action))
    if (!state.briefing.path.empty()) rememberRecent(state.recent.briefings, absolute(state.briefing.path.string()));
  if (const auto* layers = std::get_if<action::ExportOptionLayers>(&action))  // the folder the layer folder is in
    state.recent.exportFolder = std::filesystem::path(absolute(layers->folder)).parent_path().string();
}

// After a preset from the Options panel: the map flies to its options when some of them lie outside the view
// (the Black Sea preset's route is off the default view), framed whole; a view that shows them all stays.
// False while a visible option is still being prepared (its extent is not known yet): asked again at the next poll.
bool bringVisibleOptionsIntoView(AppState& state) {
  for (const auto& o : state.options) {
    if (!o.visible) continue;
    if (o.preparing) return false;
    bool shown = false, prepared = false;
    for (const auto& l : o.layers) {
      if (!l.visible) continue;
      shown = true;
      prepared = prepared || l.stated || l.inferred || l.derived;
    }
    if (shown && !prepared) return false;
  }
  if (state.viewportW <= 0 || state.viewportH <= 0) return true;
  geo::MapBox options;
  for (const auto& o : state.options) {
    if (!o.visible) continue;
    for (const auto& l : o.layers) {
      if (!l.visible) continue;
      for (const auto* scene : {l.stated.get(), l.inferred.get(), l.derived.get()})
        if (scene) options.add(scene->bounds);
    }
  }
  if (options.empty()) return true;
  const render::View& now = state.briefing.transition.active ? state.briefing.transition.to : state.view;
  const double halfW = state.viewportW * now.metresPerPixel / 2, halfH = state.viewportH * now.metresPerPixel / 2;
  geo::MapBox inView;
  inView.add(now.centre.x - halfW, now.centre.y - halfH);
  inView.add(now.centre.x + halfW, now.centre.y + halfH);
  if (inView.contains(options.minX, options.minY) && inView.contains(options.maxX, options.maxY)) return true;
  render::View target = render::fitView(options, state.viewportW, state.viewportH, 0.06);
  if (!std::isfinite(target.centre.x) || !std::isfinite(target.centre.y) || !(target.metresPerPixel > 0)) return true;
  target.metresPerPixel = std::clamp(target.metresPerPixel, kMinMetresPerPixel, kMaxMetresPerPixel);
  flyTo(state, target);
  return true;
}

}  // namespace

Session::Session(std::filesystem::path geodataDir) : m_maps(std::move(geodataDir)) {}

ApplyResult Session::apply(const Action& action) {
  AppState& state = m_model;
  // The analyst taking the map stops a running flight where it is.
  const bool analystTakesTheMap = std::holds_alternative<action::PanBy>(action) || std::holds_alternative<action::ZoomAt>(action);
  if (analystTakesTheMap) m_presetToFrame = false;  // a preset's framing still waiting is no longer wanted
  if (analystTakesTheMap && state.briefing.transition.active) {
    advanceTransitions(state);
    state.briefing.transition.active = false;
    for (auto& o : state.options) {
      o.fade = 1.f;
      o.fadeOut = 0.f;
    }
  }
  ApplyResult result = applyAction(state, action);
  if (!result.isMine()) result = handleWorkspaceAction(state, m_maps, m_workspace, action);
  if (!result.isMine()) result = handleBriefingAction(state, m_maps, action);
  if (!result.isMine()) result = handleSourcesAction(state, m_maps, action);
  if (!result.isMine()) {
    if (const auto* pickAt = std::get_if<action::PickAt>(&action)) {
      // A click where the last one landed steps to the next feature stacked there.
      state.selection = m_maps.pickNext(state, pickAt->xPx, pickAt->yPx);
      state.lastPickAt.reset();
      if (state.selection)
        state.lastPickAt = render::screenToMap(state.view, state.viewportW, state.viewportH, {pickAt->xPx, pickAt->yPx});
      if (state.selection) showSourceOf(state, state.selection->feature);  // the Sources panel jumps to its sentence
      result = ApplyResult::done();
    }
  }
  if (!result.isMine()) {
    if (const auto* point = std::get_if<action::AddMeasurePointAt>(&action)) {
      const geo::LonLat where =
          m_maps.toLonLat(render::screenToMap(state.view, state.viewportW, state.viewportH, {point->xPx, point->yPx}));
      if (!std::isfinite(where.lon) || !std::isfinite(where.lat)) {
        result = ApplyResult::failed("Measure: that point lies outside the map projection");
      } else {
        state.measure.active = true;
        state.measure.points.push_back(where);
        result = ApplyResult::done();
      }
    }
  }
  if (!result.isMine()) result = m_maps.handle(state, action);
  if (!result.isMine()) result = ApplyResult::failed("this action is not handled here");  // a new action without a handler
  if (result.isFailed()) state.messages.push_back({MessageLevel::Error, result.reason});
  if (result.isDone()) rememberWhatWasOpened(state, action);
  if (const auto* preset = std::get_if<action::ApplyPreset>(&action); preset && result.isDone())
    m_presetToFrame = preset->bringIntoView && !bringVisibleOptionsIntoView(state);
  m_maps.refreshOverlays(state);  // marks, candidates and focus follow the action at once
  return result;
}

void Session::setRecentWorkspacesFile(std::filesystem::path file) {
  m_model.workspace.recent = readRecentWorkspaces(file);
  m_workspace.recentFile = std::move(file);
}

bool Session::poll() {
  bool changed = m_maps.poll(m_model);
  changed = pollWorkspace(m_model, m_maps, m_workspace) || changed;
  settleBriefing(m_model, m_maps);
  if (m_presetToFrame && bringVisibleOptionsIntoView(m_model)) m_presetToFrame = false;
  return changed;
}

void Session::finish() {
  m_maps.finish(m_model);
  pollWorkspace(m_model, m_maps, m_workspace);
  settleBriefing(m_model, m_maps);
  if (m_presetToFrame && bringVisibleOptionsIntoView(m_model)) m_presetToFrame = false;
}

}  // namespace briefmap::session
