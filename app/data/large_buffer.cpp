#include "briefmap/data/large_buffer.hpp"

#include <sys/mman.h>

#include <new>
#include <utility>

namespace briefmap::data {
namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
}

LargeBuffer::LargeBuffer(std::size_t bytes) : m_size(bytes) {
  if (bytes == 0) return;
  // One spare huge page so the data can start on a 2 MB boundary (huge pages need aligned ranges).
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  m_mappingBytes = rounded + kHugePage;
  m_mapping = ::mmap(nullptr, m_mappingBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m_mapping == MAP_FAILED) {
    m_mapping = nullptr;
    throw std::bad_alloc();
  }
  const auto at = reinterpret_cast<std::uintptr_t>(m_mapping);
  m_data = reinterpret_cast<std::uint8_t*>((at + kHugePage - 1) / kHugePage * kHugePage);
  // Only advice: where transparent huge pages are off this is ordinary memory, just as correct.
  ::madvise(m_data, rounded, MADV_HUGEPAGE);
}

LargeBuffer::~LargeBuffer() { release(); }

LargeBuffer::LargeBuffer(LargeBuffer&& other) noexcept
    : m_mapping(std::exchange(other.m_mapping, nullptr)),
      m_mappingBytes(std::exchange(other.m_mappingBytes, 0)),
      m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0)) {}

LargeBuffer& LargeBuffer::operator=(LargeBuffer&& other) noexcept {
  if (this != &other) {
    release();
    m_mapping = std::exchange(other.m_mapping, nullptr);
    m_mappingBytes = std::exchange(other.m_mappingBytes, 0);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

void LargeBuffer::release() {
  if (m_mapping) ::munmap(m_mapping, m_mappingBytes);
  m_mapping = nullptr;
  m_data = nullptr;
  m_size = 0;
}

}  // namespace briefmap::data
