// Running the real executable from a test, as a user runs it.
#pragma once
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../scratch_dir.hpp"

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

/// A folder of this test process's own under the system's temporary folder, removed when the process ends.
inline std::filesystem::path tempDir() { return briefmap::test_support::processScratchDir(); }

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

/// An Xvfb server of the test's own: Xvfb picks a free display and writes its number to a pipe
/// (-displayfd) once it accepts clients, so nothing waits on a clock. Stopped at the end of the test.
class XvfbServer {
 public:
  /// One screen, e.g. "1366x768x24".
  explicit XvfbServer(const std::string& screen) : XvfbServer(std::vector<std::string>{"-screen", "0", screen}) {}
  /// Xvfb's own arguments for the screens, e.g. {"+xinerama", "-screen", "0", "1920x1080x24", "-screen", "1", …}.
  explicit XvfbServer(const std::vector<std::string>& screens) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    const pid_t testProcess = ::getpid();
    m_pid = ::fork();
    if (m_pid == 0) {
      // The server ends with the test process even when that dies without running destructors (a crash, an
      // exit from a library): an orphaned server would keep the test's output open and stall CTest.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != testProcess) ::_exit(127);  // it died before the line above
      ::close(fds[0]);
      std::vector<std::string> args = {"Xvfb", "-displayfd", std::to_string(fds[1])};
      args.insert(args.end(), screens.begin(), screens.end());
      args.insert(args.end(), {"-nolisten", "tcp"});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execvp("Xvfb", argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string number;
    char c;
    while (m_pid > 0 && ::read(fds[0], &c, 1) == 1 && c != '\n') number += c;
    ::close(fds[0]);
    if (!number.empty()) m_display = ":" + number;
  }
  ~XvfbServer() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  XvfbServer(const XvfbServer&) = delete;
  XvfbServer& operator=(const XvfbServer&) = delete;
  const std::string& display() const { return m_display; }  ///< empty: Xvfb could not start (not installed)

 private:
  pid_t m_pid = -1;
  std::string m_display;
};

}  // namespace briefmap::clitest
