#pragma once
// A prepared SceneGroup as bytes, for the cache of users' layers (data::ContentCache): the meshes as they are
// uploaded, so a cached band costs a copy, not a simplification and a tessellation.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "briefmap/render/scene.hpp"

namespace briefmap::render {

/// Bumped whenever the bytes or what buildSceneGroup makes change, so older cache entries are not used.
inline constexpr unsigned kSceneFormatVersion = 6;  ///< 2: a group's parts follow it; 3: small polygons unflipped; 4: a polygon's fill triangles share vertices; 5: lines as strips; 6: line vertices of 16 bytes

/// The group and its parts as bytes (native byte order: a cache is for this machine), handed to `sink` piece by piece:
/// the meshes as they lie in memory, so a band of a gigabyte is not copied whole. Any thread.
void writeSceneGroup(const SceneGroup& group, const std::function<void(std::string_view)>& sink);
/// The same bytes in one string (tests, small groups).
std::string serializeSceneGroup(const SceneGroup& group);
/// The group back, or null with `whyNot` set when the bytes are truncated, of another version or inconsistent
/// (an index past its vertices, a range past its indices): never a crash on hostile bytes. Any thread.
std::shared_ptr<SceneGroup> deserializeSceneGroup(std::string_view bytes, std::string* whyNot = nullptr);
/// The same from `read` (fills the next `size` bytes at `into`; false when it cannot) of `totalBytes` bytes in all,
/// taken as they are read (a band of a big layer from the cache is never held twice). Any thread.
std::shared_ptr<SceneGroup> readSceneGroup(const std::function<bool(char* into, size_t size)>& read, size_t totalBytes,
                                           std::string* whyNot = nullptr);

}  // namespace briefmap::render
