#pragma once

namespace briefmap::data {

/// Hands memory the allocator holds free back to the system (glibc's malloc_trim; nothing elsewhere). A big layer's
/// band is hundreds of megabytes in pieces of a few megabytes, each under glibc's threshold for a mapping of its own:
/// freed, they stay with the process, and a window that had zoomed across bands of a 10-million-vertex layer held
/// 1.7 GB so (issue 16). Costs milliseconds: for after a big release, not for every frame. Any thread.
void releaseFreedMemory();

}  // namespace briefmap::data
