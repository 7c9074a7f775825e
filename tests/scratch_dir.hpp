// A test's own folder under the system's temporary folder, removed with its contents when the test is done:
// a test run leaves nothing behind in /tmp.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

namespace briefmap::test_support {

class ScratchDir {
 public:
  /// A new, empty folder named `<prefix>-<pid>`; an earlier one of the same name (a killed run) is cleared.
  explicit ScratchDir(const std::string& prefix)
      : m_owner(::getpid()), m_path(std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(m_owner))) {
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir() {
    // A forked child that leaves through exit() must not remove its parent's folder.
    if (::getpid() != m_owner) return;
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }

 private:
  pid_t m_owner;
  std::filesystem::path m_path;
};

/// One folder for the whole test process (`briefmap-test-<pid>`), removed when the process ends normally. Made again
/// if a test removed it: tests that run in one process (the binary run by hand) may clean up after themselves.
inline const std::filesystem::path& processScratchDir() {
  static const ScratchDir dir("briefmap-test");
  std::filesystem::create_directories(dir.path());
  return dir.path();
}

}  // namespace briefmap::test_support
