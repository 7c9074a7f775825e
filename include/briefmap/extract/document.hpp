#pragma once
// A document of the corpus as the extractor reads it: UTF-8 text, where it came from, how it was decoded
// and the dates it gives. Offsets everywhere in the extract module are byte offsets into `text`.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace briefmap::extract {

/// A document cannot be read or is not text; what() names the file and says what is wrong.
class DocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Larger documents are refused (with a message saying so) before anything is read: a briefing corpus
/// is news text, and the whole document is held in memory once (the extraction itself streams over it).
inline constexpr size_t kMaxDocumentBytes = 128u * 1024 * 1024;

/// A date line of the document ("20 septembre 2025 à 15:20", "August 18, 2025", "2025-08-20" alone on a
/// line): the date of the text that follows it, until the next one.
struct Dateline {
  size_t offset = 0;  ///< byte offset of the line in the text
  std::string date;   ///< ISO 8601, "YYYY-MM-DD"
};

struct Document {
  std::string name;             ///< file name ("003_e20a5417f9e49821.txt"), shown as `doc`
  std::filesystem::path path;   ///< empty for text given in memory
  std::string text;             ///< UTF-8; byte offsets index this string
  /// "UTF-8" (the bytes as read), "UTF-8, N invalid bytes replaced by '?'" (offsets unchanged),
  /// "UTF-16 (recoded)" or "Windows-1252 (recoded)" (offsets index the recoded text).
  std::string encoding = "UTF-8";
  std::vector<Dateline> datelines;  ///< in text order
  std::vector<std::string> warnings;

  /// The document's date: its first date line, if any.
  std::optional<std::string> date() const;
  /// The date of the text at an offset: the last date line before it, else the document's date.
  std::optional<std::string> dateAt(size_t offset) const;
};

/// Reads a file as a document: refuses missing or unreadable files, folders, files over kMaxDocumentBytes
/// and binary data with a DocumentError naming the file; decodes other encodings as documented above.
Document loadDocument(const std::filesystem::path& path);

/// The same decoding for bytes held in memory (tests, a pasted text). Throws DocumentError for binary data.
Document documentFromBytes(std::string name, std::string_view bytes);

/// The documents of a folder (files ending .txt, .text, .md, .html, .htm), sorted by name. Throws
/// DocumentError when the folder cannot be listed.
std::vector<std::filesystem::path> listDocuments(const std::filesystem::path& folder);

}  // namespace briefmap::extract
