#pragma once
// The host for programs without a window (`export`, slide export, `bench`, the render tests): the session,
// and a hidden OpenGL context with the renderer, started on first use. The one place this set-up is written.
#include <functional>
#include <filesystem>
#include <memory>

#include "briefmap/render/renderer.hpp"
#include "briefmap/session/headless_request.hpp"
#include "briefmap/session/session.hpp"

namespace briefmap::platform {
class GlContext;
}

namespace briefmap::headless {

class HeadlessHost {
 public:
  /// The session on the bundled data; nothing is loaded or started yet. Main thread, like everything here.
  explicit HeadlessHost(std::filesystem::path geodataDir);
  ~HeadlessHost();
  HeadlessHost(const HeadlessHost&) = delete;
  HeadlessHost& operator=(const HeadlessHost&) = delete;

  session::Session& session() { return m_session; }
  session::AppState& model() { return m_session.model(); }
  session::MapSession& maps() { return m_session.maps(); }

  /// The renderer, with its hidden GL context current on this thread; both start on the first call (PDF, SVG
  /// and layer data never need them). Throws platform::PlatformError when no context can be had.
  render::Renderer& renderer();
  bool hasRenderer() const { return m_renderer != nullptr; }

  /// The model for one view as `request` describes it (CRS, area, files, preset, options) at the request's
  /// output size, loading only what that view draws (its detail band and the features in it); the options
  /// are derived on the second worker meanwhile. Does not wait (see finish()). Failed, with the reason, for
  /// a bad CRS, preset or option: nothing is loaded then.
  /// `whileFilesRead` (main thread) runs while the users' files of a view framed on them are read (the view waits
  /// for them), so that work of the caller's (the GL context) overlaps the read; it is not run otherwise.
  session::ApplyResult prepareView(const session::HeadlessRequest& request,
                                   const std::function<void()>& whileFilesRead = {});
  /// Opens a briefing and waits for the files it names. Throws briefing::BriefingError when the file is not a
  /// briefing; problems inside it become warning messages.
  void openBriefing(const std::filesystem::path& path);
  /// Shows slide `index` (0-based) at this size, without animation, and waits until all it draws has loaded.
  /// False when there is no such slide.
  bool prepareSlide(int index, int widthPx, int heightPx);
  /// Blocks until all background work is done.
  void finish() { m_session.finish(); }

 private:
  session::Session m_session;
  std::unique_ptr<platform::GlContext> m_gl;
  std::unique_ptr<render::Renderer> m_renderer;
};

}  // namespace briefmap::headless
