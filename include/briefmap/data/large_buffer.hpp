#pragma once
#include <cstddef>
#include <cstdint>

namespace briefmap::data {

/// A large, uninitialised byte buffer for whole images (read-back pixels, PNG scanlines). Backed by 2 MB
/// pages where the kernel allows it (madvise MADV_HUGEPAGE): touching a 33 MB 4K image page by page cost
/// ~19 ms in 4 KB page faults on the target machine, ~6 ms in 2 MB pages. Move-only.
class LargeBuffer {
 public:
  LargeBuffer() = default;
  /// Throws std::bad_alloc when the memory cannot be had.
  explicit LargeBuffer(std::size_t bytes);
  ~LargeBuffer();
  LargeBuffer(LargeBuffer&& other) noexcept;
  LargeBuffer& operator=(LargeBuffer&& other) noexcept;
  LargeBuffer(const LargeBuffer&) = delete;
  LargeBuffer& operator=(const LargeBuffer&) = delete;

  std::uint8_t* data() { return m_data; }
  const std::uint8_t* data() const { return m_data; }
  std::size_t size() const { return m_size; }

 private:
  void release();
  void* m_mapping = nullptr;  ///< what mmap returned (m_data is aligned inside it)
  std::size_t m_mappingBytes = 0;
  std::uint8_t* m_data = nullptr;
  std::size_t m_size = 0;
};

}  // namespace briefmap::data
