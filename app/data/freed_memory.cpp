#include "briefmap/data/freed_memory.hpp"

// <cstdlib> first: __GLIBC__ comes from the C library's own headers, so testing it before any of them are included
// always said no, and this function did nothing.
#include <cstdlib>

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
