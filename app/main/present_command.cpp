#include <cstdio>
#include <filesystem>

#include "briefmap/briefing/briefing.hpp"
#include "briefmap/ui/application.hpp"
#include "briefmap/session/briefing_controller.hpp"
#include "briefmap/session/map_session.hpp"
#include "commands.hpp"

namespace briefmap::cli {


bool openBriefingForCommand(session::AppState& state, session::MapSession& session, const std::string& path, const char* command) {
  try {
    session::openBriefingHeadless(state, session, path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap %s: %s\n", command, e.what());
    return false;
  }
  for (const auto& m : state.messages)
    if (m.level != session::MessageLevel::Info) std::fprintf(stderr, "briefmap %s: warning: %s\n", command, m.text.c_str());
  return true;
}

int runPresent(const PresentOptions& options) {
  try {
    ui::ApplicationOptions gui;
    gui.briefing = options.briefing;
    gui.present = true;
    gui.startSlide = options.startSlide;
    gui.display = options.display;
    gui.fullscreen = false;
    return ui::runApplication(gui);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap present: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
