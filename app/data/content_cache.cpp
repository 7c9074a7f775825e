#include "briefmap/data/content_cache.hpp"

#include <nettle/sha2.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/vector_reader.hpp"

namespace briefmap::data {
namespace {

constexpr char kMagic[16] = "briefmap-cache\n";  // 15 characters and the terminating zero
constexpr std::uint32_t kEntryVersion = 2;  // 2: the payload's size and checksum after it (written as produced)
constexpr const char* kExtension = ".bmcache";

std::string hexOf(const std::uint8_t* digest, size_t size) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

std::string digestOf(std::string_view bytes) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof digest, digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

template <typename T>
void appendRaw(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

bool disabledByEnvironment() {
  const char* text = std::getenv("BRIEFMAP_CACHE");
  if (!text) return false;
  const std::string value = text;
  return value == "0" || value == "off" || value == "no" || value == "false";
}

}  // namespace

std::string sha256Hex(std::string_view bytes) {
  const std::string digest = digestOf(bytes);
  return hexOf(reinterpret_cast<const std::uint8_t*>(digest.data()), digest.size());
}

std::string fileSha256Hex(const std::filesystem::path& path) {
  // Opening a named pipe waits for a writer: only a regular file is keyed (the reader refuses the others anyway).
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw DataError(path.string() + ": not a regular file; not cached");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path.string() + ": cannot be read to key the cache");
  sha256_ctx ctx;
  sha256_init(&ctx);
  std::vector<char> block(1 << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = in.gcount();
    if (got > 0) sha256_update(&ctx, static_cast<size_t>(got), reinterpret_cast<const std::uint8_t*>(block.data()));
  }
  if (in.bad()) throw DataError(path.string() + ": read error while keying the cache");
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof digest, digest);
  return hexOf(digest, sizeof digest);
}

CacheSettings CacheSettings::fromEnvironment() {
  CacheSettings settings;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  // The XDG base-directory rules: a relative XDG_CACHE_HOME is ignored.
  if (xdg && *xdg && std::filesystem::path(xdg).is_absolute())
    settings.folder = std::filesystem::path(xdg) / "briefmap";
  else if (home && *home)
    settings.folder = std::filesystem::path(home) / ".cache" / "briefmap";
  else
    settings.enabled = false;
  if (disabledByEnvironment()) settings.enabled = false;
  if (const char* mb = std::getenv("BRIEFMAP_CACHE_MB"); mb && *mb) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(mb, &end, 10);
    if (end && *end == '\0') settings.maxBytes = static_cast<std::uint64_t>(value) << 20;
  }
  if (settings.maxBytes == 0) settings.enabled = false;
  return settings;
}

ContentCache::ContentCache(CacheSettings settings) : m_settings(std::move(settings)) {}

std::filesystem::path ContentCache::pathFor(std::string_view key) const {
  return m_settings.folder / (sha256Hex(key) + kExtension);
}

std::optional<std::string> ContentCache::read(std::string_view key, std::string* whyNot) const {
  // Taken at its size in one piece: grown as read, a band of 600 MB took up to three times its size on the way.
  std::string payload;
  const bool read = readStreamed(
      key,
      [&payload](const PayloadSource& source, size_t size) {
        payload.resize(size);
        return source(payload.data(), size);
      },
      whyNot);
  if (!read) return std::nullopt;
  return payload;
}

bool ContentCache::readStreamed(std::string_view key, const std::function<bool(const PayloadSource&, size_t)>& consume,
                                std::string* whyNot) const {
  if (whyNot) whyNot->clear();
  if (!m_settings.enabled) return false;
  const auto path = pathFor(key);
  std::error_code kindError;
  if (!std::filesystem::is_regular_file(path, kindError)) return false;  // a pipe put there would block the open
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  auto reject = [&](const std::string& reason) {
    if (whyNot) *whyNot = path.string() + ": " + reason + "; ignored and rebuilt";
    in.close();
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return false;
  };
  std::error_code sizeError;
  const std::uint64_t fileSize = std::filesystem::file_size(path, sizeError);
  if (sizeError) return false;
  auto take = [&in](char* into, size_t size) {
    return static_cast<bool>(in.read(into, static_cast<std::streamsize>(size)));
  };
  char magic[sizeof kMagic];
  if (!take(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return reject("not a briefmap cache entry");
  std::uint32_t version = 0;
  std::uint64_t keySize = 0;
  if (!take(reinterpret_cast<char*>(&version), sizeof version)) return reject("truncated");
  if (version != kEntryVersion)
    return reject("entry format " + std::to_string(version) + ", not " + std::to_string(kEntryVersion));
  if (!take(reinterpret_cast<char*>(&keySize), sizeof keySize) || keySize > fileSize) return reject("truncated");
  std::string storedKey(static_cast<size_t>(keySize), '\0');
  if (!take(storedKey.data(), storedKey.size())) return reject("truncated");
  if (storedKey != key) return reject("holds another key");
  constexpr size_t kTrailer = sizeof(std::uint64_t) + SHA256_DIGEST_SIZE;
  const std::uint64_t headerSize = sizeof kMagic + sizeof version + sizeof keySize + keySize;
  if (fileSize < headerSize + kTrailer) return reject("truncated");
  const std::uint64_t payloadSize = fileSize - headerSize - kTrailer;
  sha256_ctx ctx;
  sha256_init(&ctx);
  std::uint64_t left = payloadSize;
  const PayloadSource source = [&](char* into, size_t size) {
    if (size > left || !take(into, size)) return false;
    sha256_update(&ctx, size, reinterpret_cast<const std::uint8_t*>(into));
    left -= size;
    return true;
  };
  const bool consumed = consume(source, static_cast<size_t>(payloadSize));
  // What was not consumed still counts for the checksum: a consumer that stops early has said no anyway.
  char trailer[kTrailer];
  const bool whole = left == 0 && take(trailer, sizeof trailer);
  std::uint64_t storedSize = 0;
  if (whole) std::memcpy(&storedSize, trailer, sizeof storedSize);
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof digest, digest);
  if (!whole && consumed) return reject("truncated");
  if (whole && storedSize != payloadSize) return reject("truncated or overlong");
  if (whole && std::memcmp(digest, trailer + sizeof storedSize, sizeof digest) != 0) return reject("checksum mismatch");
  if (!consumed) return reject("payload refused");
  // Used now: the eviction goes by last use.
  in.close();
  std::error_code ec;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
  return true;
}

std::string ContentCache::write(std::string_view key, std::string_view payload) const {
  return write(key, [payload](const PayloadSink& sink) { sink(payload); });
}

std::string ContentCache::write(std::string_view key, const std::function<void(const PayloadSink&)>& produce) const {
  if (!m_settings.enabled) return {};
  try {
    std::error_code ec;
    std::filesystem::create_directories(m_settings.folder, ec);
    if (ec) return m_settings.folder.string() + ": cannot create the cache folder: " + ec.message();
    const auto path = pathFor(key);
    removeStaleTemporaries(path);
    std::string header(kMagic, sizeof kMagic);
    appendRaw(header, kEntryVersion);
    appendRaw(header, static_cast<std::uint64_t>(key.size()));
    header.append(key);
    AtomicFile file(path);
    file.write(std::as_bytes(std::span(header.data(), header.size())));
    sha256_ctx ctx;
    sha256_init(&ctx);
    std::uint64_t payloadSize = 0;
    bool tooLarge = false;
    produce([&](std::string_view piece) {
      payloadSize += piece.size();
      // Past the cap it would evict everything, itself too: the rest is not written (and nothing committed).
      if (tooLarge || payloadSize + key.size() + 128 > m_settings.maxBytes) {
        tooLarge = true;
        return;
      }
      sha256_update(&ctx, piece.size(), reinterpret_cast<const std::uint8_t*>(piece.data()));
      file.write(std::as_bytes(std::span(piece.data(), piece.size())));
    });
    if (tooLarge) return {};
    std::string trailer;
    appendRaw(trailer, payloadSize);
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    trailer.append(reinterpret_cast<const char*>(digest), sizeof digest);
    file.write(std::as_bytes(std::span(trailer.data(), trailer.size())));
    file.commit();
  } catch (const WriteError& e) {
    return e.what();
  }
  evict();
  return {};
}

std::uint64_t ContentCache::sizeOnDisk() const {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(m_settings.folder, ec)) {
    std::error_code sizeError;
    if (entry.path().extension() == kExtension) total += entry.file_size(sizeError);
  }
  return total;
}

void ContentCache::evict() const {
  struct Entry {
    std::filesystem::path path;
    std::filesystem::file_time_type used;
    std::uint64_t bytes;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(m_settings.folder, ec)) {
    if (entry.path().extension() != kExtension) continue;
    std::error_code statError;
    const auto bytes = entry.file_size(statError);
    const auto used = entry.last_write_time(statError);
    if (statError) continue;
    entries.push_back({entry.path(), used, bytes});
    total += bytes;
  }
  if (total <= m_settings.maxBytes) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const auto& entry : entries) {
    if (total <= m_settings.maxBytes) break;
    std::error_code removeError;
    if (std::filesystem::remove(entry.path, removeError)) total -= entry.bytes;
  }
}

}  // namespace briefmap::data
