#pragma once
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string_view>

namespace briefmap::data {

/// Thrown when an output cannot be written; what() names the file and the reason.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes a file under a temporary name in the same folder and renames it into place on commit(),
/// so readers never see a half-written file and the previous file stays intact until the new one is
/// complete. Without commit() (an exception, an early return) the temporary file is removed.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);  ///< throws WriteError (folder missing, unwritable…)
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* stream() { return m_stream; }          ///< for C libraries such as libpng
  void write(std::span<const std::byte> data);      ///< throws WriteError on a short write (disk full)
  void commit();  ///< flushes, syncs, checks every error, renames over the target; throws WriteError
  const std::filesystem::path& target() const { return m_target; }
  const std::filesystem::path& temporary() const { return m_temporary; }

 private:
  [[noreturn]] void fail(const std::string& what);
  std::filesystem::path m_target;
  std::filesystem::path m_temporary;
  std::FILE* m_stream = nullptr;
  bool m_committed = false;
};

/// Writes a whole buffer atomically; with keepBackup the previous version stays as "<name>.bak".
void writeFileAtomically(const std::filesystem::path& target, std::string_view contents, bool keepBackup = false);

}  // namespace briefmap::data
