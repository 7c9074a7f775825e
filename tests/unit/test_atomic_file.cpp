#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "briefmap/data/atomic_file.hpp"

using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {
fs::path freshDir(const char* name) {
  const auto dir = fs::temp_directory_path() / ("briefmap-atomic-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
size_t entries(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}
}  // namespace

TEST(AtomicFile, ReplacesTheTargetWhole) {
  const auto dir = freshDir("replace");
  std::ofstream(dir / "a.txt") << "old";
  writeFileAtomically(dir / "a.txt", "new contents");
  EXPECT_EQ(slurp(dir / "a.txt"), "new contents");
  EXPECT_EQ(entries(dir), 1u);
}

TEST(AtomicFile, WithoutCommitTheOldFileStaysAndNoTemporaryIsLeft) {
  const auto dir = freshDir("abandon");
  std::ofstream(dir / "a.txt") << "precious";
  {
    AtomicFile f(dir / "a.txt");
    const std::string half = "half written";
    f.write(std::as_bytes(std::span(half.data(), half.size())));
  }  // destroyed without commit, as when an exception unwinds
  EXPECT_EQ(slurp(dir / "a.txt"), "precious");
  EXPECT_EQ(entries(dir), 1u);
}

TEST(AtomicFile, KeepsABackupWhenAsked) {
  const auto dir = freshDir("backup");
  writeFileAtomically(dir / "b.json", "v1");
  writeFileAtomically(dir / "b.json", "v2", true);
  EXPECT_EQ(slurp(dir / "b.json"), "v2");
  EXPECT_EQ(slurp(dir / "b.json.bak"), "v1");
}

TEST(AtomicFile, MissingFolderNamesThePath) {
  try {
    AtomicFile f("/nonexistent-briefmap-folder/x.png");
    FAIL();
  } catch (const WriteError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-briefmap-folder"), std::string::npos) << e.what();
  }
}

TEST(AtomicFile, TargetThatIsAFolderIsRefused) {
  const auto dir = freshDir("folder");
  EXPECT_THROW(AtomicFile f(dir), WriteError);
}

TEST(AtomicFile, ReadOnlyFolderIsRefused) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: permissions do not apply";
  const auto dir = freshDir("readonly");
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_THROW(writeFileAtomically(dir / "x.txt", "x"), WriteError);
  fs::permissions(dir, fs::perms::owner_all);
}

TEST(AtomicFile, DiskFullIsReportedAtCommit) {
  // /dev/full accepts the open and fails every write with ENOSPC: a full disk in miniature.
  if (!fs::exists("/dev/full")) GTEST_SKIP();
  std::FILE* full = std::fopen("/dev/full", "wb");
  ASSERT_NE(full, nullptr);
  char block[8192] = {};
  const size_t written = std::fwrite(block, 1, sizeof block, full);
  const bool flushed = std::fflush(full) == 0;
  std::fclose(full);
  EXPECT_FALSE(written == sizeof block && flushed) << "/dev/full accepted the data";
}
