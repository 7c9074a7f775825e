#pragma once
// The session: the application model, the map session behind it (data, workers, prepared scenes) and the one
// entry point that changes them, apply(). The window loop, the panels' actions, the command line and the tests
// all change the model through apply(); the host only reports what it measures (viewport, pixel ratio, clock).
#include <filesystem>

#include "briefmap/session/app_state.hpp"
#include "briefmap/session/map_session.hpp"
#include "briefmap/session/workspace_controller.hpp"

namespace briefmap::session {

class Session {
 public:
  /// Starts the map session's workers; nothing is loaded until asked (loadBasemap, loadOptions, actions).
  explicit Session(std::filesystem::path geodataDir);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Applies one action, from any source: the reducer, then briefings, the Sources panel and the map session,
  /// the first that handles it. A Failed result is also put in the model's messages, so the window shows it.
  /// Main thread.
  ApplyResult apply(const Action& action);

  /// Hands finished background work to the model and checks an opened briefing against what has loaded.
  /// True when anything changed. Call once a frame (cheap).
  bool poll();
  /// Blocks until all queued background work is done, then polls (command line, tests, bench).
  void finish();

  const AppState& model() const { return m_model; }
  /// The model for what the host measures (viewport size, pixel ratio, clock) and for the session's own
  /// functions (frames, slides, exports); what a user changes goes through apply().
  AppState& model() { return m_model; }
  MapSession& maps() { return m_maps; }
  /// The open workspace's store, if any (the command line and tests read it; changes go through apply()).
  const workspace::Workspace* workspace() const { return m_workspace.store.get(); }
  /// Keeps the recent workspaces in this file (the window: $XDG_STATE_HOME/briefmap/recent-workspaces) and
  /// reads them into the model. Without it nothing is written (tests, command line).
  void setRecentWorkspacesFile(std::filesystem::path file);
  const MapSession& maps() const { return m_maps; }

 private:
  AppState m_model;
  MapSession m_maps;
  WorkspaceSession m_workspace;
  /// A preset from the Options panel waits for its options' geometry to frame them (bringIntoView).
  bool m_presetToFrame = false;
};

}  // namespace briefmap::session
