#include "briefmap/data/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace briefmap::data {
namespace {
std::atomic<unsigned> g_counter{0};

std::string errnoText() { return std::strerror(errno); }
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
  std::error_code ec;
  const auto folder = m_target.has_parent_path() ? m_target.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder, ec)) {
    throw WriteError("cannot write " + m_target.string() + ": folder " + folder.string() + " does not exist");
  }
  if (std::filesystem::is_directory(m_target, ec)) {
    throw WriteError("cannot write " + m_target.string() + ": it is a folder");
  }
  m_temporary = m_target;
  m_temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(g_counter++);
  m_stream = std::fopen(m_temporary.c_str(), "wb");
  if (!m_stream) throw WriteError("cannot write " + m_target.string() + ": " + errnoText());
}

AtomicFile::~AtomicFile() {
  if (m_stream) std::fclose(m_stream);
  if (!m_committed) {
    std::error_code ec;
    std::filesystem::remove(m_temporary, ec);
  }
}

void AtomicFile::fail(const std::string& what) {
  const std::string reason = errno ? errnoText() : "unknown error";
  throw WriteError("cannot write " + m_target.string() + ": " + what + ": " + reason);
}

void AtomicFile::write(std::span<const std::byte> data) {
  errno = 0;
  if (!data.empty() && std::fwrite(data.data(), 1, data.size(), m_stream) != data.size()) fail("short write");
}

void AtomicFile::commit() {
  errno = 0;
  if (std::fflush(m_stream) != 0 || std::ferror(m_stream)) fail("write failed");
  if (::fsync(::fileno(m_stream)) != 0) fail("sync failed");
  std::FILE* stream = m_stream;
  m_stream = nullptr;
  if (std::fclose(stream) != 0) fail("close failed");
  if (std::rename(m_temporary.c_str(), m_target.c_str()) != 0) fail("rename failed");
  m_committed = true;
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view contents, bool keepBackup) {
  AtomicFile file(target);
  file.write(std::as_bytes(std::span(contents.data(), contents.size())));
  std::error_code ec;
  if (keepBackup && std::filesystem::exists(target, ec)) {
    auto backup = target;
    backup += ".bak";
    std::filesystem::copy_file(target, backup, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) throw WriteError("cannot keep a backup of " + target.string() + ": " + ec.message());
  }
  file.commit();
}

}  // namespace briefmap::data
