#include "briefmap/data/freed_memory.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace briefmap::data {

void releaseFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace briefmap::data
