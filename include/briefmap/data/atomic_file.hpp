#pragma once
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace briefmap::data {

/// Thrown when an output cannot be written; what() names the file and the reason (from errno).
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes a file under a temporary name in the same folder and renames it into place on commit(),
/// so readers never see a half-written file and the previous file stays intact until the new one is
/// complete. Without commit() (an exception, an early return) the temporary file is removed.
/// The temporary is "<target>.tmp-<pid>-<counter>"; a replaced file keeps its permission bits.
/// One object is used by one thread at a time; separate objects may be used from separate threads.
class AtomicFile {
 public:
  /// Creates the temporary file; throws WriteError (folder missing or unwritable, target is a folder).
  explicit AtomicFile(std::filesystem::path target);
  /// Removes the temporary file when not committed; never throws.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// The open temporary file, for C libraries such as libpng; do not close it. Null after commit().
  std::FILE* stream() { return m_stream; }
  /// Appends bytes; throws WriteError on a short write (disk full, file size limit).
  void write(std::span<const std::byte> data);
  /// Flushes, fsyncs, checks every error and renames over the target; throws WriteError. Call once.
  void commit();

  /// The path given to the constructor.
  const std::filesystem::path& target() const { return m_target; }
  /// The temporary path being written (for tests and diagnostics).
  const std::filesystem::path& temporary() const { return m_temporary; }

 private:
  /// Throws WriteError "cannot write <target>: <what>: <strerror(error)>".
  [[noreturn]] void fail(const std::string& what, int error) const;

  std::filesystem::path m_target;
  std::filesystem::path m_temporary;
  std::FILE* m_stream = nullptr;
  bool m_committed = false;
};

/// Removes the temporaries that writers of `target` left behind when they were killed outright (SIGKILL,
/// power loss), which no handler could clean: siblings named "<target>.tmp-<pid>…" whose process no longer
/// runs. A live process's temporary and every other file are left alone. Never throws. Every writer of a
/// target calls this first.
void removeStaleTemporaries(const std::filesystem::path& target);

/// Writes a whole buffer atomically (AtomicFile); throws WriteError naming the file.
/// With keepBackup the previous version, if any, stays as "<target>.bak" (for briefing files).
void writeFileAtomically(const std::filesystem::path& target, std::string_view contents, bool keepBackup = false);

}  // namespace briefmap::data
