#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "briefmap/data/freed_memory.hpp"

namespace {

// Resident anonymous memory of this process, in KiB (Linux).
long residentAnonymousKb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("RssAnon:", 0) == 0) return std::stol(line.substr(8));
  return -1;
}

}  // namespace

// Freed pieces under glibc's threshold for a mapping of their own (a band's meshes) stay resident in the heap while a
// piece allocated after them is alive; releaseFreedMemory hands them back. (It did nothing for a round: the test of
// the C library it depends on was made before any of its headers was included.)
TEST(FreedMemory, FreedPiecesOfTheHeapAreHandedBack) {
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
  GTEST_SKIP() << "glibc's allocator only (AddressSanitizer brings its own)";
#else
  if (residentAnonymousKb() < 0) GTEST_SKIP() << "no /proc/self/status";
  constexpr size_t kPiece = 64 * 1024, kPieces = 2048;  // 128 MiB in pieces of 64 KiB
  std::vector<char*> pieces;
  for (size_t i = 0; i < kPieces; ++i) {
    auto* p = static_cast<char*>(std::malloc(kPiece));
    ASSERT_NE(p, nullptr);
    for (size_t at = 0; at < kPiece; at += 4096) p[at] = static_cast<char>(i);  // resident
    pieces.push_back(p);
  }
  char* pin = static_cast<char*>(std::malloc(kPiece));  // after them: the heap's top cannot shrink past it
  ASSERT_NE(pin, nullptr);
  pin[0] = 1;
  for (char* p : pieces) std::free(p);
  const long before = residentAnonymousKb();
  briefmap::data::releaseFreedMemory();
  const long after = residentAnonymousKb();
  std::free(pin);
  EXPECT_GT(before - after, 64 * 1024) << "resident anonymous memory " << before << " KiB before, " << after
                                       << " KiB after (128 MiB freed)";
#endif
}
