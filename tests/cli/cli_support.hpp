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

/// The briefmap executable with these arguments (a shell command line).
inline CommandResult run(const std::string& args) { return runShell(std::string("'") + BRIEFMAP_EXE + "' " + args); }

/// A folder of this test process's own under the system's temporary folder.
inline std::filesystem::path tempDir() {
  const auto dir = std::filesystem::temp_directory_path() / ("briefmap-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace briefmap::clitest
