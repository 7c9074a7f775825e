#include "briefmap/data/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <system_error>

namespace briefmap::data {
namespace {

// Unique per process and thread-safe, so two exports to one folder never share a temporary name.
std::atomic<unsigned> g_counter{0};

std::filesystem::path uniqueSibling(const std::filesystem::path& path, const char* tag) {
  auto result = path;
  result += std::string(tag) + std::to_string(::getpid()) + "-" + std::to_string(g_counter++);
  return result;
}

// std::generic_category() is thread-safe where std::strerror is not; lower case so it reads inside a sentence.
std::string reasonText(int error) {
  std::string text = std::generic_category().message(error != 0 ? error : EIO);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::filesystem::path folderOf(const std::filesystem::path& target) {
  return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

}  // namespace

void removeStaleTemporaries(const std::filesystem::path& target) {
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folderOf(target), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    size_t end = prefix.size();
    while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
    if (end == prefix.size() || end - prefix.size() > 9) continue;  // no pid there: not ours
    if (end < name.size() && name[end] != '-' && name[end] != '.') continue;
    const long pid = std::stol(name.substr(prefix.size(), end - prefix.size()));
    // ESRCH: no such process. EPERM means it runs under another user: alive, so kept.
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
}

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
  const std::string name = "cannot write " + m_target.string() + ": ";
  const auto folder = folderOf(m_target);
  struct stat info {};
  if (::stat(folder.c_str(), &info) != 0) {
    if (errno == ENOENT) throw WriteError(name + "folder " + folder.string() + " does not exist");
    throw WriteError(name + "folder " + folder.string() + ": " + reasonText(errno));
  }
  if (!S_ISDIR(info.st_mode)) throw WriteError(name + folder.string() + " is not a folder");

  // A replaced file keeps its permission bits: a briefing the user made private must not become
  // world-readable because it was saved again.
  mode_t mode = 0666;
  bool replacing = false;
  if (::stat(m_target.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) throw WriteError(name + "it is a folder");
    mode = info.st_mode & 07777;
    replacing = true;
  }

  removeStaleTemporaries(m_target);
  m_temporary = uniqueSibling(m_target, ".tmp-");
  // O_EXCL: never write through a file or link that someone else put under our temporary name.
  const int fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw WriteError(name + "cannot create a file in folder " + folder.string() + ": " + reasonText(errno));
  if (replacing && ::fchmod(fd, mode) != 0) {
    const int error = errno;
    ::close(fd);
    ::unlink(m_temporary.c_str());
    fail("cannot set permissions", error);
  }
  m_stream = ::fdopen(fd, "wb");
  if (!m_stream) {
    const int error = errno;
    ::close(fd);
    ::unlink(m_temporary.c_str());
    fail("cannot open", error);
  }
}

AtomicFile::~AtomicFile() {
  if (m_stream) std::fclose(m_stream);
  if (!m_committed && !m_temporary.empty()) ::unlink(m_temporary.c_str());
}

void AtomicFile::fail(const std::string& what, int error) const {
  throw WriteError("cannot write " + m_target.string() + ": " + what + ": " + reasonText(error));
}

void AtomicFile::write(std::span<const std::byte> data) {
  if (!m_stream) throw std::logic_error("AtomicFile::write after commit");
  if (data.empty()) return;
  errno = 0;
  if (std::fwrite(data.data(), 1, data.size(), m_stream) != data.size()) fail("short write", errno);
}

void AtomicFile::commit() {
  if (!m_stream) throw std::logic_error("AtomicFile::commit called twice");
  // ferror catches failed writes made by C libraries through stream(), whose errno is long gone.
  errno = 0;
  if (std::fflush(m_stream) != 0) fail("cannot flush", errno);
  if (std::ferror(m_stream)) fail("write failed", EIO);
  // Without fsync a crash after the rename can leave an empty file under the final name.
  if (::fsync(::fileno(m_stream)) != 0) fail("cannot sync", errno);
  std::FILE* stream = m_stream;
  m_stream = nullptr;  // fclose releases the stream even when it fails
  if (std::fclose(stream) != 0) fail("cannot close", errno);
  if (std::rename(m_temporary.c_str(), m_target.c_str()) != 0) fail("cannot rename the temporary file into place", errno);
  m_committed = true;

  // Make the rename itself durable. The file is already in place, and some filesystems refuse fsync on a
  // folder, so a failure here is not the user's concern.
  const int folder = ::open(folderOf(m_target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view contents, bool keepBackup) {
  AtomicFile file(target);
  file.write(std::as_bytes(std::span(contents.data(), contents.size())));
  std::error_code ec;
  if (keepBackup && std::filesystem::is_regular_file(target, ec)) {
    // Copy under a temporary name and rename over the old backup, so "<name>.bak" is always one whole
    // version; the new contents are complete on disk before the backup is touched.
    auto backup = target;
    backup += ".bak";
    const auto staging = uniqueSibling(backup, ".tmp-");
    std::filesystem::copy_file(target, staging, ec);
    if (!ec && std::rename(staging.c_str(), backup.c_str()) != 0) ec.assign(errno, std::generic_category());
    if (ec) {
      ::unlink(staging.c_str());
      throw WriteError("cannot write " + target.string() + ": cannot keep the previous version as " + backup.string() +
                       ": " + reasonText(ec.value()));
    }
  }
  file.commit();
}

}  // namespace briefmap::data
