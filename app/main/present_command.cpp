#include <cstdio>
#include <filesystem>

#include "briefmap/briefing/briefing.hpp"
#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/headless/headless_host.hpp"
#include "briefmap/render/frame_layout.hpp"
#include "briefmap/render/glyph_atlas.hpp"
#include "briefmap/render/vector_export.hpp"
#include "briefmap/session/snapshot_export.hpp"
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
    gui.presenterDisplay = options.presenterDisplay;
    gui.fullscreen = false;
    return ui::runApplication(gui);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap present: %s\n", e.what());
    return 1;
  }
}

// Rehearsal notes: each slide as presentation mode draws it (16:9, through the PDF path of the snapshot
// export, so no GL) beside its title, caption and notes. The map is small on the page, so it is laid out at
// 1600×900 with presentation-sized type, which stays legible when scaled down.
int runPresentNotes(const PresentOptions& options) {
  namespace fs = std::filesystem;
  try {
    const fs::path out = options.notes;
    const fs::path folder = out.has_parent_path() ? out.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      std::fprintf(stderr, "briefmap present: cannot write %s: folder %s does not exist\n", out.c_str(), folder.c_str());
      return 1;
    }
    if (!fs::is_regular_file(options.briefing, ec)) {
      std::fprintf(stderr, "briefmap present: %s: no such briefing file\n", options.briefing.c_str());
      return 1;
    }
    headless::HeadlessHost host(data::findGeodataDir());
    session::AppState& state = host.model();
    if (!openBriefingForCommand(state, host.maps(), options.briefing, "present")) return 1;
    const auto& slides = state.briefing.doc.slides;
    if (slides.empty()) {
      std::fprintf(stderr, "briefmap present: %s has no slides\n", options.briefing.c_str());
      return 1;
    }
    cleanUpOnInterrupt(folder);
    render::VectorExportOptions pdf;
    pdf.fontFile = data::findAssetFile("fonts/DejaVuSans.ttf");
    pdf.title = state.briefing.doc.title.empty() ? "Presenter notes" : state.briefing.doc.title + " — presenter notes";
    pdf.date = session::exportIsoDate();
    data::removeStaleTemporaries(out);
    render::NotesPdfWriter writer(out, pdf);
    constexpr int kWidth = 1600, kHeight = 900;
    const int count = static_cast<int>(slides.size());
    for (int i = 0; i < count; ++i) {
      host.prepareSlide(i, kWidth, kHeight);
      session::SnapshotRequest request;
      request.width = kWidth;
      request.height = kHeight;
      request.view = state.view;
      request.presentation = true;
      render::NotesPage page;
      page.frame = session::exportFrame(host.maps(), state, request);
      page.layout = render::layoutFrame(page.frame, render::GlyphAtlas::embedded());
      page.number = i + 1;
      page.count = count;
      page.title = slides[static_cast<size_t>(i)].title;
      page.caption = slides[static_cast<size_t>(i)].caption;
      page.notes = slides[static_cast<size_t>(i)].notes;
      writer.addPage(page);
    }
    writer.commit();
    if (!options.quiet) std::printf("wrote %s (%d slides with notes)\n", out.c_str(), count);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "briefmap present: %s\n", e.what());
    return 1;
  }
}

}  // namespace briefmap::cli
