#pragma once
// A cache of prepared data in the user's cache folder, keyed by content (never by path or time), so that a file
// opened again skips the work already done for it, and a changed file is never served stale.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace briefmap::data {

/// SHA-256 of bytes, lower-case hex (nettle).
std::string sha256Hex(std::string_view bytes);
/// SHA-256 of a file's bytes, lower-case hex, read in blocks; throws DataError naming the file when unreadable.
std::string fileSha256Hex(const std::filesystem::path& path);

/// Where the cache lives and how large it may grow.
struct CacheSettings {
  std::filesystem::path folder;          ///< `$XDG_CACHE_HOME/briefmap` (absolute only), else `~/.cache/briefmap`
  bool enabled = true;                   ///< false: nothing read or written (`BRIEFMAP_CACHE=off`)
  std::uint64_t maxBytes = 2048ull << 20;  ///< oldest-used entries evicted past this (`BRIEFMAP_CACHE_MB`)
  /// From the environment: XDG_CACHE_HOME, HOME, BRIEFMAP_CACHE (0/off/no/false disable), BRIEFMAP_CACHE_MB.
  /// Disabled when no folder can be named (no HOME).
  static CacheSettings fromEnvironment();
};

/// Entries of bytes by key in one folder, one file each ("<sha256 of key>.bmcache"), written atomically
/// (AtomicFile). Each entry carries its key and a checksum of its payload: a truncated, corrupt or foreign
/// file is not served (the reason is returned) and is removed, so it is rebuilt. Reading an entry marks it
/// used (its mtime); after a write the least recently used entries go until the folder is under the cap.
/// Any thread; objects are cheap and share nothing but the folder (a race of two writers of a key is benign).
class ContentCache {
 public:
  explicit ContentCache(CacheSettings settings);
  bool enabled() const { return m_settings.enabled; }
  const CacheSettings& settings() const { return m_settings; }

  /// The payload stored under `key`, or nullopt with `whyNot` set ("" when simply absent or disabled).
  std::optional<std::string> read(std::string_view key, std::string* whyNot = nullptr) const;
  /// Stores the payload under `key`, then evicts; a failure (disk full, unwritable folder) is returned as a
  /// reason, never thrown: the cache is an optimisation. Empty string on success or when disabled (or when the
  /// payload alone is past the cap: nothing is stored).
  std::string write(std::string_view key, std::string_view payload) const;
  /// Fills `size` bytes at `into` with the next bytes of a payload; false past its end or when it cannot.
  using PayloadSource = std::function<bool(char* into, size_t size)>;
  /// The payload stored under `key` handed to `consume` as it is read (with its size), never held whole: a band of a
  /// big layer is hundreds of megabytes. The checksum is checked as the bytes go by; true only when `consume`
  /// returned true and the entry was whole, else (the caller drops what it made) `whyNot` says why, naming the file,
  /// and a bad entry is removed ("" when simply absent or disabled).
  bool readStreamed(std::string_view key, const std::function<bool(const PayloadSource&, size_t)>& consume,
                    std::string* whyNot = nullptr) const;
  /// Receives a payload piece by piece.
  using PayloadSink = std::function<void(std::string_view)>;
  /// The same for a payload produced piece by piece (`produce` hands each piece to the sink, in order): written and
  /// checksummed as it comes, so a payload of a gigabyte is never held whole in memory.
  std::string write(std::string_view key, const std::function<void(const PayloadSink&)>& produce) const;
  /// The file that holds `key` (for tests and diagnostics).
  std::filesystem::path pathFor(std::string_view key) const;
  /// Bytes of every entry in the folder.
  std::uint64_t sizeOnDisk() const;

 private:
  void evict() const;
  CacheSettings m_settings;
};

}  // namespace briefmap::data
