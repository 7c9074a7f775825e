#include "briefmap/session/export_settings.hpp"

#include <algorithm>
#include <cmath>

namespace briefmap::session {

const std::vector<ExportSizePreset>& exportSizePresets() {
  // A4/A3 landscape at 300 dpi: 297 x 210 mm and 420 x 297 mm.
  static const std::vector<ExportSizePreset> presets = {
      {"Window size", 0, 0},           {"1920 × 1080 (Full HD)", 1920, 1080}, {"3840 × 2160 (4K)", 3840, 2160},
      {"7680 × 4320 (8K)", 7680, 4320}, {"A4 landscape, 300 dpi (3508 × 2480)", 3508, 2480},
      {"A3 landscape, 300 dpi (4961 × 3508)", 4961, 3508}, {"Custom", -1, -1}};
  return presets;
}

std::pair<int, int> exportOutputSize(const ExportDialogState& dialog, int viewportW, int viewportH) {
  const auto& presets = exportSizePresets();
  const auto& p = presets[static_cast<size_t>(std::clamp<int>(dialog.sizePreset, 0, static_cast<int>(presets.size()) - 1))];
  return {p.width > 0 ? p.width : p.width == 0 ? viewportW : dialog.customWidth,
          p.height > 0 ? p.height : p.height == 0 ? viewportH : dialog.customHeight};
}

double exportFrameAspect(const ExportDialogState& dialog, const AppState& state) {
  const auto [w, h] = exportOutputSize(dialog, state.viewportW, state.viewportH);
  if (w > 0 && h > 0) return static_cast<double>(w) / h;
  const auto& f = dialog.frame;
  if (f.hasBox && f.box.height() > 0) return f.box.width() / f.box.height();
  return state.viewportH > 0 ? static_cast<double>(state.viewportW) / state.viewportH : 1.0;
}

std::filesystem::path exportPathOf(const ExportDialogState& dialog) {
  std::error_code ec;
  const std::filesystem::path folder = dialog.folder.empty() ? std::filesystem::current_path(ec) : std::filesystem::path(dialog.folder);
  return std::filesystem::absolute(folder / dialog.file, ec).lexically_normal();
}

void prepareExportDialog(ExportDialogState& dialog, const AppState& state) {
  if (dialog.folder.empty() && !state.recent.exportFolder.empty()) dialog.folder = state.recent.exportFolder;
  exportTitleFollowsSlide(dialog, state);
}

void exportTitleFollowsSlide(ExportDialogState& dialog, const AppState& state) {
  const briefing::Slide* slide = state.briefing.currentSlide();
  if (!slide || slide->title.empty()) return;
  FurnitureChoice& f = dialog.furniture;
  // The analyst's own title stays; one the dialog filled in for another slide follows the slide.
  if (!f.title.empty() && f.title != dialog.autoTitle) return;
  f.title = dialog.autoTitle = slide->title;
  if (f.subtitle.empty() || f.subtitle == dialog.autoSubtitle) f.subtitle = dialog.autoSubtitle = slide->caption;
}

bool exportFrameShown(const ExportDialogState& dialog) {
  return dialog.open && dialog.extent == ExportExtent::FramedArea;
}

std::optional<SnapshotRequest> exportRequestFrom(const ExportDialogState& dialog, const AppState& state,
                                                 std::string& error) {
  SnapshotRequest r;
  r.out = exportPathOf(dialog);
  std::error_code ec;
  if (!std::filesystem::is_directory(r.out.parent_path(), ec)) {
    error = "folder " + r.out.parent_path().string() + " does not exist";
    return std::nullopt;
  }
  const auto format = snapshotFormatFromExtension(r.out);
  if (!format) {
    error = dialog.file + ": the name must end in .png, .tif, .pdf, .svg, .geojson, .gpkg or .kml";
    return std::nullopt;
  }
  r.format = *format;
  std::tie(r.width, r.height) = exportOutputSize(dialog, state.viewportW, state.viewportH);
  try {
    validateSnapshotSize(r.width, r.height);
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
  r.furniture = dialog.furniture;
  r.worldFile = dialog.worldFile && r.format == SnapshotFormat::Png;
  if (dialog.extent == ExportExtent::FramedArea) {
    if (!dialog.frame.hasBox) {
      error = "no area is framed yet";
      return std::nullopt;
    }
    const FramedView framed = framedExportView(dialog.frame.box, r.width, r.height, state.view, state.pixelRatio);
    r.view = framed.view;
    r.pixelRatio = framed.pixelRatio;
  }
  return r;  // Window: no view, so the window's extent is fitted into the output
}

}  // namespace briefmap::session
