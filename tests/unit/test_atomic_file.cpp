#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "briefmap/data/atomic_file.hpp"

using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {

// A new empty folder per test, removed afterwards whatever the test did to its permissions.
class TempFolder {
 public:
  explicit TempFolder(const char* name)
      : m_path(fs::temp_directory_path() / ("briefmap-atomic-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(m_path);
    fs::create_directories(m_path);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> result;
  for (const auto& e : fs::directory_iterator(dir)) result.push_back(e.path().filename().string());
  std::sort(result.begin(), result.end());
  return result;
}

std::span<const std::byte> bytes(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Changes the current folder for one scope, restored even when the test throws.
class CurrentFolder {
 public:
  explicit CurrentFolder(const fs::path& folder) { fs::current_path(folder); }
  ~CurrentFolder() { fs::current_path(m_saved); }
  CurrentFolder(const CurrentFolder&) = delete;
  CurrentFolder& operator=(const CurrentFolder&) = delete;

 private:
  fs::path m_saved = fs::current_path();
};

// Caps the size of any file this process writes (RLIMIT_FSIZE), so writes beyond it fail with EFBIG the
// way they fail with ENOSPC on a full disk, through the real write path and without root or a tmpfs.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &m_saved);
    m_savedSignal = std::signal(SIGXFSZ, SIG_IGN);  // otherwise the process is killed instead of write failing
    rlimit limit = m_saved;
    limit.rlim_cur = bytes;
    m_active = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &m_saved);
    std::signal(SIGXFSZ, m_savedSignal);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  bool active() const { return m_active; }

 private:
  rlimit m_saved{};
  void (*m_savedSignal)(int) = nullptr;
  bool m_active = false;
};

}  // namespace

TEST(AtomicFile, ReplacesTheTargetWhole) {
  const TempFolder folder("replace");
  const auto& dir = folder.path();
  std::ofstream(dir / "a.txt") << "old contents, longer than the new ones";
  writeFileAtomically(dir / "a.txt", "new");
  EXPECT_EQ(slurp(dir / "a.txt"), "new");
  EXPECT_EQ(names(dir), std::vector<std::string>{"a.txt"});
}

TEST(AtomicFile, CreatesANewFileAndARelativeOne) {
  const TempFolder folder("create");
  const auto& dir = folder.path();
  writeFileAtomically(dir / "new.txt", "");
  EXPECT_TRUE(fs::is_regular_file(dir / "new.txt"));
  EXPECT_EQ(slurp(dir / "new.txt"), "");

  {
    // A bare file name means the current folder.
    const CurrentFolder inside(dir);
    writeFileAtomically("relative.txt", "here");
  }
  EXPECT_EQ(slurp(dir / "relative.txt"), "here");
}

TEST(AtomicFile, TemporaryNameIsBesideTheTarget) {
  const TempFolder folder("name");
  const auto& dir = folder.path();
  AtomicFile f(dir / "map.png");
  const std::string prefix = "map.png.tmp-" + std::to_string(::getpid()) + "-";
  EXPECT_EQ(f.temporary().parent_path(), dir);
  EXPECT_EQ(f.temporary().filename().string().rfind(prefix, 0), 0u) << f.temporary();
  EXPECT_TRUE(fs::exists(f.temporary()));
  EXPECT_FALSE(fs::exists(dir / "map.png"));  // nothing under the final name before commit
  AtomicFile g(dir / "map.png");
  EXPECT_NE(f.temporary(), g.temporary());
}

TEST(AtomicFile, WithoutCommitTheOldFileStaysAndNoTemporaryIsLeft) {
  const TempFolder folder("abandon");
  const auto& dir = folder.path();
  std::ofstream(dir / "a.txt") << "precious";
  {
    AtomicFile f(dir / "a.txt");
    f.write(bytes("half written"));
  }  // destroyed without commit, as on an early return
  EXPECT_EQ(slurp(dir / "a.txt"), "precious");
  EXPECT_EQ(names(dir), std::vector<std::string>{"a.txt"});
}

TEST(AtomicFile, AnExceptionMidwayLeavesTheOldFile) {
  const TempFolder folder("throw");
  const auto& dir = folder.path();
  std::ofstream(dir / "a.txt") << "precious";
  const auto save = [&] {
    AtomicFile f(dir / "a.txt");
    f.write(bytes("first half"));
    throw std::runtime_error("the exporter failed");
  };
  EXPECT_THROW(save(), std::runtime_error);
  EXPECT_EQ(slurp(dir / "a.txt"), "precious");
  EXPECT_EQ(names(dir), std::vector<std::string>{"a.txt"});
}

TEST(AtomicFile, CLibrariesCanWriteThroughTheStream) {
  const TempFolder folder("stream");
  const auto& dir = folder.path();
  AtomicFile f(dir / "c.txt");
  ASSERT_NE(f.stream(), nullptr);
  std::fprintf(f.stream(), "%s %d", "from C", 42);
  f.write(bytes("!"));
  f.commit();
  EXPECT_EQ(f.stream(), nullptr);
  EXPECT_EQ(slurp(dir / "c.txt"), "from C 42!");
  EXPECT_THROW(f.commit(), std::logic_error);
  EXPECT_THROW(f.write(bytes("late")), std::logic_error);
  EXPECT_EQ(slurp(dir / "c.txt"), "from C 42!");  // a committed file is not removed by the destructor
}

TEST(AtomicFile, KeepsABackupWhenAsked) {
  const TempFolder folder("backup");
  const auto& dir = folder.path();
  writeFileAtomically(dir / "b.json", "v1", true);
  EXPECT_FALSE(fs::exists(dir / "b.json.bak"));  // nothing to keep yet
  writeFileAtomically(dir / "b.json", "v2", true);
  EXPECT_EQ(slurp(dir / "b.json"), "v2");
  EXPECT_EQ(slurp(dir / "b.json.bak"), "v1");
  writeFileAtomically(dir / "b.json", "v3", true);
  EXPECT_EQ(slurp(dir / "b.json"), "v3");
  EXPECT_EQ(slurp(dir / "b.json.bak"), "v2");
  writeFileAtomically(dir / "b.json", "v4");  // without the flag the backup is left alone
  EXPECT_EQ(slurp(dir / "b.json.bak"), "v2");
  EXPECT_EQ(names(dir), (std::vector<std::string>{"b.json", "b.json.bak"}));
}

TEST(AtomicFile, ReplacedFileKeepsItsPermissions) {
  const TempFolder folder("mode");
  const auto& dir = folder.path();
  writeFileAtomically(dir / "private.json", "v1");
  fs::permissions(dir / "private.json", fs::perms::owner_read | fs::perms::owner_write);
  writeFileAtomically(dir / "private.json", "v2", true);
  EXPECT_EQ(fs::status(dir / "private.json").permissions(), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(fs::status(dir / "private.json.bak").permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST(AtomicFile, MissingFolderNamesThePath) {
  try {
    AtomicFile f("/nonexistent-briefmap-folder/x.png");
    FAIL() << "no exception";
  } catch (const WriteError& e) {
    EXPECT_STREQ(e.what(), "cannot write /nonexistent-briefmap-folder/x.png: folder /nonexistent-briefmap-folder does not exist");
  }
}

TEST(AtomicFile, ParentThatIsAFileIsRefused) {
  const TempFolder folder("parentfile");
  const auto& dir = folder.path();
  std::ofstream(dir / "file") << "x";
  try {
    writeFileAtomically(dir / "file" / "x.png", "x");
    FAIL() << "no exception";
  } catch (const WriteError& e) {
    EXPECT_TRUE(contains(e.what(), (dir / "file" / "x.png").string())) << e.what();
    EXPECT_TRUE(contains(e.what(), "is not a folder")) << e.what();
  }
}

TEST(AtomicFile, TargetThatIsAFolderIsRefused) {
  const TempFolder folder("folder");
  const auto& dir = folder.path();
  try {
    AtomicFile f(dir);
    FAIL() << "no exception";
  } catch (const WriteError& e) {
    EXPECT_TRUE(contains(e.what(), dir.string())) << e.what();
    EXPECT_TRUE(contains(e.what(), "it is a folder")) << e.what();
  }
}

TEST(AtomicFile, ReadOnlyFolderIsRefused) {
  const TempFolder folder("readonly");
  const auto& dir = folder.path();
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                           fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);  // 0555
  // root (and CAP_DAC_OVERRIDE) writes into read-only folders anyway: probe rather than trust geteuid().
  const auto probe = dir / "probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    ::close(fd);
    fs::remove(probe);
    fs::permissions(dir, fs::perms::owner_all);
    GTEST_SKIP() << "this process may write into a 0555 folder (running as root?): permissions cannot be tested";
  }
  try {
    writeFileAtomically(dir / "x.txt", "x");
    ADD_FAILURE() << "no exception";
  } catch (const WriteError& e) {
    EXPECT_TRUE(contains(e.what(), (dir / "x.txt").string())) << e.what();
    EXPECT_TRUE(contains(e.what(), "permission denied")) << e.what();
  }
  fs::permissions(dir, fs::perms::owner_all);
  EXPECT_TRUE(names(dir).empty());
}

TEST(AtomicFile, ShortWriteThrowsAndLeavesTheOldFile) {
  const TempFolder folder("full");
  const auto& dir = folder.path();
  std::ofstream(dir / "big.png") << "previous export";
  const std::string chunk(1 << 20, 'x');
  {
    FileSizeLimit limit(64 * 1024);
    ASSERT_TRUE(limit.active());
    AtomicFile f(dir / "big.png");
    try {
      f.write(bytes(chunk));  // larger than the stdio buffer: written at once, and cut short
      ADD_FAILURE() << "no exception";
    } catch (const WriteError& e) {
      EXPECT_TRUE(contains(e.what(), (dir / "big.png").string())) << e.what();
      EXPECT_TRUE(contains(e.what(), "short write: file too large")) << e.what();
    }
  }
  EXPECT_EQ(slurp(dir / "big.png"), "previous export");
  EXPECT_EQ(names(dir), std::vector<std::string>{"big.png"});
}

TEST(AtomicFile, BufferedWriteFailureIsReportedAtCommit) {
  const TempFolder folder("fullcommit");
  const auto& dir = folder.path();
  std::ofstream(dir / "a.json") << "previous";
  {
    FileSizeLimit limit(1000);
    ASSERT_TRUE(limit.active());
    AtomicFile f(dir / "a.json");
    // Small writes sit in the stdio buffer, as libpng's do: the failure only shows when it is flushed.
    for (int i = 0; i < 200; ++i) std::fputs("0123456789", f.stream());
    try {
      f.commit();
      ADD_FAILURE() << "no exception";
    } catch (const WriteError& e) {
      EXPECT_TRUE(contains(e.what(), (dir / "a.json").string())) << e.what();
    }
  }
  EXPECT_EQ(slurp(dir / "a.json"), "previous");
  EXPECT_EQ(names(dir), std::vector<std::string>{"a.json"});
}

TEST(AtomicFile, FailedRenameThrowsAndRemovesTheTemporary) {
  const TempFolder folder("rename");
  const auto& dir = folder.path();
  {
    AtomicFile f(dir / "out");
    f.write(bytes("data"));
    // Someone puts a non-empty folder under the final name meanwhile: rename(2) must fail.
    fs::create_directories(dir / "out" / "inside");
    try {
      f.commit();
      ADD_FAILURE() << "no exception";
    } catch (const WriteError& e) {
      EXPECT_TRUE(contains(e.what(), (dir / "out").string())) << e.what();
      EXPECT_TRUE(contains(e.what(), "cannot rename")) << e.what();
    }
  }
  EXPECT_EQ(names(dir), std::vector<std::string>{"out"});
  EXPECT_TRUE(fs::is_directory(dir / "out" / "inside"));
}

TEST(AtomicFile, ConcurrentWritersNeverMixTheirContents) {
  const TempFolder folder("threads");
  const auto& dir = folder.path();
  const auto target = dir / "shared.txt";
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      const std::string contents(10000 + t, static_cast<char>('a' + t));
      for (int i = 0; i < 25; ++i) writeFileAtomically(target, contents);
    });
  }
  for (auto& w : writers) w.join();
  const std::string result = slurp(target);
  ASSERT_GE(result.size(), 10000u);
  const int t = static_cast<int>(result.size()) - 10000;
  ASSERT_LT(t, 4);
  EXPECT_EQ(result, std::string(10000 + t, static_cast<char>('a' + t)));
  EXPECT_EQ(names(dir), std::vector<std::string>{"shared.txt"});
}

TEST(AtomicFile, TemporariesOfAKilledWriterAreRemovedByTheNextOne) {
  // A writer killed with SIGKILL cannot clean up; the next writer of the same file does, and touches
  // nothing else: not a live process's temporary, not other files' temporaries, not look-alikes.
  TempFolder dir("stale");
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);  // its pid now belongs to no process
  const std::string dead = std::to_string(child), alive = std::to_string(::getppid());
  const auto target = dir.path() / "map.png";
  const std::vector<std::string> stale = {"map.png.tmp-" + dead + "-0", "map.png.tmp-" + dead + ".tif",
                                          "map.png.tmp-" + dead + ".gpkg-journal", "map.png.tmp-" + dead};
  const std::vector<std::string> kept = {"map.png.tmp-" + alive + "-3", "other.png.tmp-" + dead + "-0",
                                         "map.png.tmp-notes", "map.png.tmp-" + dead + "x", "map.png.bak"};
  for (const auto& n : stale) std::ofstream(dir.path() / n) << "half";
  for (const auto& n : kept) std::ofstream(dir.path() / n) << "keep";
  writeFileAtomically(target, "new");
  EXPECT_EQ(slurp(target), "new");
  std::vector<std::string> expected = kept;
  expected.push_back("map.png");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names(dir.path()), expected);
}
