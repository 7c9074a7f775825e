#pragma once
// Vector output of a frame through cairo: map geometry as paths, labels and furniture from the same display
// list the GL renderer draws (so they sit exactly where they do in the window and the PNG). CPU only, no GL.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

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

/// One slide of a rehearsal document: the slide as presented, its number, title, caption and notes.
struct NotesPage {
  FrameSnapshot frame;  ///< the slide as presentation mode draws it (any size; drawn at its own aspect)
  FrameLayout layout;   ///< layoutFrame(frame, …)
  int number = 1, count = 1;
  std::string title, caption, notes;  ///< UTF-8; notes wrap at spaces, paragraphs at '\n'; empty notes say so
};

/// Presenter notes as a PDF (A4 landscape, text as text): per slide a page with the map top left, number,
/// title and caption beside it and the notes wrapped under both, continued on further pages when long.
/// Written atomically: nothing at `path` changes until commit(). One thread.
class NotesPdfWriter {
 public:
  /// Throws data::WriteError (folder missing or unwritable), std::runtime_error (font unreadable).
  NotesPdfWriter(const std::filesystem::path& path, const VectorExportOptions& options);
  ~NotesPdfWriter();  ///< without commit(): the temporary file is removed
  NotesPdfWriter(const NotesPdfWriter&) = delete;
  NotesPdfWriter& operator=(const NotesPdfWriter&) = delete;
  /// Draws one slide's page(s); throws data::WriteError when writing failed.
  void addPage(const NotesPage& page);
  /// Finishes the PDF and renames it into place; throws data::WriteError. Call once.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// Breaks text into lines no wider than maxWidth as measured by widthOf: at spaces, paragraphs at '\n',
/// a word wider than a line between characters (UTF-8 kept whole). No text is lost; no trailing empty lines.
std::vector<std::string> wrapTextToWidth(const std::string& text, double maxWidth,
                                  const std::function<double(const std::string&)>& widthOf);

}  // namespace briefmap::render
