// Running the real executable from a test, as a user runs it.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace briefmap::clitest {

struct CommandResult {
  int exitCode = -1;
  std::string output;  ///< stdout and stderr together
};

/// Any shell command, stdout and stderr together.
inline CommandResult runShell(const std::string& commandLine) {
  const std::string command = commandLine + " 2>&1";
  CommandResult r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// A folder of this test process's own under the system's temporary folder.
inline std::filesystem::path tempDir() {
  const auto dir = std::filesystem::temp_directory_path() / ("briefmap-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

/// A new, empty configuration folder (XDG_CONFIG_HOME) under tempDir(): the window's settings of one run
/// never reach the real home nor the next run, unless a test passes the same folder on purpose.
inline std::filesystem::path freshConfigHome() {
  static int counter = 0;
  const auto dir = tempDir() / ("config-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The briefmap executable with these arguments (a shell command line), with its settings in `configHome`.
inline CommandResult runWithConfig(const std::filesystem::path& configHome, const std::string& args,
                                   const std::string& environment = {}) {
  return runShell("XDG_CONFIG_HOME='" + configHome.string() + "' " + environment + " '" + BRIEFMAP_EXE + "' " + args);
}

/// The briefmap executable with these arguments (a shell command line), with fresh settings.
inline CommandResult run(const std::string& args) { return runWithConfig(freshConfigHome(), args); }

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace briefmap::clitest
