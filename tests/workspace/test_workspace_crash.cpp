// kill -9 of a writer at random moments during a stream of changes, 50 times: the workspace always opens, holds
// every change the writer had committed, and no half change (each change adds two features, both or neither).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "briefmap/options/option.hpp"
#include "briefmap/workspace/workspace.hpp"

namespace fs = std::filesystem;
using namespace briefmap;

namespace {

std::string integrityOf(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

TEST(WorkspaceCrash, KillNineDuringAStreamOfChangesNeverLosesACommittedChangeNorLeavesAHalfOne) {
  char folderTemplate[] = "/tmp/briefmap-ws-crash.XXXXXX";
  ASSERT_TRUE(mkdtemp(folderTemplate));
  const fs::path folder = folderTemplate;
  const std::string path = (folder / "w.gpkg").string();
  workspace::Workspace::create(path, options::loadOptionCatalog(fs::path(BRIEFMAP_SOURCE_DIR) / "geodata" / "options"));
  std::mt19937 random(20261202);
  std::uniform_int_distribution<int> delayMs(0, 300);
  std::error_code ec;
  size_t committedTotal = 0;
  constexpr int kRuns = 50;
  for (int run = 0; run < kRuns; ++run) {
    const std::string log = (folder / ("run-" + std::to_string(run) + ".log")).string();
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      execl(BRIEFMAP_WORKSPACE_WRITER, BRIEFMAP_WORKSPACE_WRITER, path.c_str(), std::to_string(run).c_str(), log.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    // The stream has started once the first commit is logged (a loaded machine takes a while to start the
    // writer); the kill comes at a random moment after that.
    const auto started = std::chrono::steady_clock::now();
    while (fs::file_size(log, ec = {}) == 0 || ec) {
      if (std::chrono::steady_clock::now() - started > std::chrono::seconds(60)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(random)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "run " << run << ": the writer stopped by itself (status " << status << ")";

    std::set<int> logged;
    std::ifstream in(log);
    for (int i; in >> i;) logged.insert(i);
    auto w = workspace::Workspace::open(path);  // opens, rolling back the change in flight
    std::map<int, int> partsByChange;
    for (const auto& f : w->features("buffer_zone")) {
      const std::string prefix = "k-" + std::to_string(run) + "-";
      if (f.uid.rfind(prefix, 0) != 0) continue;
      const int change = std::stoi(f.uid.substr(prefix.size()));
      ++partsByChange[change];
      EXPECT_EQ(f.feature.properties.value("name", ""), f.uid);
      EXPECT_EQ(f.feature.geometry.polygons.size(), 1u) << f.uid;
    }
    for (int i : logged) EXPECT_EQ(partsByChange[i], 2) << "run " << run << ": committed change " << i << " is missing";
    for (const auto& [change, parts] : partsByChange) EXPECT_EQ(parts, 2) << "run " << run << ": half of change " << change;
    // At most the change in flight (committed, not yet logged) is beyond the log.
    EXPECT_LE(partsByChange.size(), logged.size() + 1) << "run " << run;
    committedTotal += partsByChange.size();
    w.reset();
    ASSERT_EQ(integrityOf(path), "ok") << "run " << run;
  }
  std::printf("%d kills, %zu committed changes kept\n", kRuns, committedTotal);
  EXPECT_GE(committedTotal, static_cast<size_t>(kRuns));  // the kills came during the stream, not before it
  fs::remove_all(folder);
}

}  // namespace
