#pragma once
// Vector output of a frame through cairo: map geometry as paths, labels and furniture from the same display
// list the GL renderer draws (so they sit exactly where they do in the window and the PNG). CPU only, no GL.
#include <filesystem>
#include <string>

#include "briefmap/render/frame.hpp"
#include "briefmap/render/frame_layout.hpp"

namespace briefmap::render {

enum class VectorFormat {
  Pdf,  ///< text stays text (embedded DejaVu Sans subset): searchable, selectable, scales in a report
  Svg,  ///< cairo writes glyphs as outlines: looks identical, but the text is not selectable
};

struct VectorExportOptions {
  std::filesystem::path fontFile;  ///< the TTF the labels use (assets/fonts/DejaVuSans.ttf)
  std::string title;               ///< PDF document title
  std::string date;                ///< PDF creation date, ISO 8601 ("2026-11-22T14:05:00Z"): fixed for identical files
};

/// Writes the frame as a page of frame.widthPx × frame.heightPx pixels (at 96 dpi per CSS pixel: the page
/// is widthPx / pixelRatio × 0.75 points wide). Fills become one path per colour (no seams between the
/// tessellation's triangles), lines keep their width and dashes. Written atomically; throws data::WriteError
/// naming the file, std::runtime_error when the font cannot be read.
void writeVectorMap(const std::filesystem::path& path, VectorFormat format, const FrameSnapshot& frame,
                    const FrameLayout& layout, const VectorExportOptions& options);

}  // namespace briefmap::render
