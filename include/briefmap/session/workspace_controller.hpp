#pragma once
// The open workspace behind the model: opening and creating it, every change to it (accepting and rejecting
// candidates, drawing, moving, reshaping, editing, deleting, attaching a source) committed as it is made,
// undo and redo, conflicts with another analyst's change, and seeing their changes (the change log, polled).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "briefmap/session/app_state.hpp"
#include "briefmap/workspace/workspace.hpp"

namespace briefmap::session {

class MapSession;

/// The store, its undo history and what this window has seen of it.
struct WorkspaceSession {
  std::unique_ptr<workspace::Workspace> store;
  std::unique_ptr<workspace::History> history;
  std::map<std::string, workspace::FeatureRecord> seen;  ///< uid -> the row as last shown (edits start from it)
  std::int64_t lastSeenChange = 0;      ///< the change log as far as the window shows it
  double lastPollSeconds = -1e9;
  std::set<std::string> recordedDocuments;  ///< content hashes of Sources documents already recorded
  std::optional<workspace::Change> refused;  ///< the change a conflict refused (Keep mine makes it again)
  bool connectionLost = false;
  std::filesystem::path recentFile;  ///< where the recent workspaces are kept; empty: not kept (tests, headless)
};

/// How often the window looks for other analysts' changes.
inline constexpr double kWorkspacePollSeconds = 2.0;

/// Handles the workspace's actions, and AcceptCandidate/RejectCandidate while a workspace is open (without one
/// the Sources controller keeps accepted places in memory). NotMine for the rest.
ApplyResult handleWorkspaceAction(AppState& state, MapSession& maps, WorkspaceSession& workspace, const Action& action);

/// Called by Session::poll: records newly read Sources documents in the workspace, and every
/// kWorkspacePollSeconds shows what other analysts committed. True when the model changed.
bool pollWorkspace(AppState& state, MapSession& maps, WorkspaceSession& workspace);

/// The recent workspaces kept in a file (one a line, newest first; passwords never written).
std::vector<std::string> readRecentWorkspaces(const std::filesystem::path& file);

}  // namespace briefmap::session
