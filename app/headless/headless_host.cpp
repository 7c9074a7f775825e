#include "briefmap/headless/headless_host.hpp"

#include "briefmap/platform/gl_context.hpp"
#include "briefmap/session/briefing_controller.hpp"

namespace briefmap::headless {

using namespace session;

HeadlessHost::HeadlessHost(std::filesystem::path geodataDir) : m_session(std::move(geodataDir)) {}

HeadlessHost::~HeadlessHost() {
  // GL objects go before their context.
  m_renderer.reset();
  m_gl.reset();
}

render::Renderer& HeadlessHost::renderer() {
  if (!m_renderer) {
    m_gl = platform::GlContext::headless();
    m_renderer = std::make_unique<render::Renderer>();
  }
  return *m_renderer;
}

ApplyResult HeadlessHost::prepareView(const HeadlessRequest& request, const std::function<void()>& whileFilesRead) {
  AppState& state = model();
  MapSession& maps = this->maps();
  const int width = request.output.width, height = request.output.height;
  state.layers = defaultBasemapLayers();
  state.crs = maps.projection().crs();
  // Users' layers are prepared for the view only, once it is chosen (it may be framed on their data).
  maps.setUserLayerPreparation(MapSession::UserLayerPreparation::Deferred);
  if (!request.crs.empty()) {
    const ApplyResult crs = m_session.apply(action::SetCrs{request.crs});
    if (crs.isFailed()) return ApplyResult::failed("map CRS: " + crs.reason);
  }
  state.viewportW = width;
  state.viewportH = height;
  if (request.bbox) {
    state.view = maps.viewForBox(*request.bbox, width, height);
  } else if (!request.files.empty()) {
    // A file of another region is framed, not exported as a bare basemap of Ukraine: read it first, prepared for the
    // band of that view while it is read.
    maps.setUserLayerPreparation(MapSession::UserLayerPreparation::FramedOnFiles);
    m_session.apply(action::OpenFiles{request.files, request.readOptions});
    if (whileFilesRead) whileFilesRead();
    maps.finish(state);
    state.view = maps.viewForUserLayers(state, width, height);
  } else {
    state.view = maps.homeView(width, height);
  }
  // Only the level of detail this scale needs, and only what meets the view.
  maps.loadBasemapFor(state.view, width, height);
  maps.setUserLayerPreparation(MapSession::UserLayerPreparation::ViewOnly);
  if (!request.files.empty() && request.bbox) m_session.apply(action::OpenFiles{request.files, request.readOptions});
  if (!request.workspace.empty()) {
    const ApplyResult opened = m_session.apply(action::OpenWorkspace{request.workspace, /*readOnly=*/true});
    if (opened.isFailed()) return opened;
  }
  if (request.preset.empty() && request.options.empty()) return ApplyResult::done();
  if (request.workspace.empty()) {
    maps.loadOptions();
    maps.finishOptions(state);  // the catalogue: a few milliseconds
  }
  // Unknown names are an error, not silently nothing.
  if (!request.preset.empty()) {
    const ApplyResult preset = m_session.apply(action::ApplyPreset{request.preset});
    if (preset.isFailed()) return preset;
  }
  for (const auto& id : request.options) {
    const ApplyResult shown = m_session.apply(action::SetOptionVisible{id, true});
    if (shown.isFailed()) return shown;
  }
  maps.syncOptions(state, /*includeHidden=*/false);
  return ApplyResult::done();
}

void HeadlessHost::openBriefing(const std::filesystem::path& path) { openBriefingHeadless(model(), maps(), path); }

bool HeadlessHost::prepareSlide(int index, int widthPx, int heightPx) {
  return session::prepareSlide(model(), maps(), index, widthPx, heightPx);
}

}  // namespace briefmap::headless
