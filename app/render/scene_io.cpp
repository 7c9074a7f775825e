#include "briefmap/render/scene_io.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace briefmap::render {
namespace {

constexpr char kMagic[8] = {'b', 'm', 's', 'c', 'e', 'n', 'e', '\n'};

// Small values are gathered, big arrays handed to the sink as they lie in memory: a band of a gigabyte is written
// without a copy of it.
class Writer {
 public:
  explicit Writer(const std::function<void(std::string_view)>& sink) : m_sink(sink) {}
  ~Writer() = default;
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    m_pending.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    value(static_cast<std::uint64_t>(v.size()));
    bytes(std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
  }
  void text(const std::string& s) {
    value(static_cast<std::uint64_t>(s.size()));
    bytes(s);
  }
  void box(const geo::MapBox& b) {
    value(b.minX);
    value(b.minY);
    value(b.maxX);
    value(b.maxY);
  }
  void ranges(const std::vector<DrawRange>& ranges) {
    value(static_cast<std::uint64_t>(ranges.size()));
    for (const auto& r : ranges) {
      value(r.firstIndex);
      value(r.indexCount);
      box(r.bounds);
    }
  }
  void flush() {
    if (!m_pending.empty()) m_sink(m_pending);
    m_pending.clear();
  }

 private:
  void bytes(std::string_view b) {
    if (b.size() < kGathered) {
      m_pending.append(b);
      return;
    }
    flush();
    m_sink(b);
  }
  static constexpr size_t kGathered = 64 * 1024;
  const std::function<void(std::string_view)>& m_sink;
  std::string m_pending;
};

// Every read checks what is left, so truncated or hostile bytes end the read instead of reading past them.
class Reader {
 public:
  Reader(const std::function<bool(char*, size_t)>& read, size_t bytes) : m_read(read), m_left(bytes) {}
  bool ok() const { return m_ok; }
  bool atEnd() const { return m_left == 0; }
  template <typename T>
  T value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    take(&v, sizeof v);
    return v;
  }
  template <typename T>
  std::vector<T> array() {
    const auto count = value<std::uint64_t>();
    std::vector<T> v;
    if (!m_ok || count > m_left / sizeof(T)) return fail(), v;
    v.resize(count);
    take(v.data(), count * sizeof(T));
    return v;
  }
  std::string text() {
    const auto size = value<std::uint64_t>();
    if (!m_ok || size > m_left) return fail(), std::string();
    std::string s(size, '\0');
    take(s.data(), size);
    return s;
  }
  geo::MapBox box() {
    geo::MapBox b;
    b.minX = value<double>();
    b.minY = value<double>();
    b.maxX = value<double>();
    b.maxY = value<double>();
    return b;
  }
  std::vector<DrawRange> ranges() {
    const auto count = value<std::uint64_t>();
    std::vector<DrawRange> v;
    constexpr size_t kBytesPerRange = 2 * sizeof(std::uint32_t) + 4 * sizeof(double);
    if (!m_ok || count > m_left / kBytesPerRange) return fail(), v;
    v.resize(count);
    for (auto& r : v) {
      r.firstIndex = value<std::uint32_t>();
      r.indexCount = value<std::uint32_t>();
      r.bounds = box();
    }
    return v;
  }
  void fail() { m_ok = false; }

 private:
  void take(void* into, size_t size) {
    if (!m_ok || size > m_left) return fail();
    if (size == 0) return;  // an empty vector's data() may be null
    if (!m_read(static_cast<char*>(into), size)) return fail();
    m_left -= size;
  }
  const std::function<bool(char*, size_t)>& m_read;
  size_t m_left;
  bool m_ok = true;
};

bool rangesFit(const std::vector<DrawRange>& ranges, size_t count) {
  for (const auto& r : ranges)
    if (std::uint64_t(r.firstIndex) + r.indexCount > count) return false;
  return true;
}

bool indicesFit(const std::vector<std::uint32_t>& indices, size_t vertices, bool stripEnds = false) {
  for (const auto i : indices)
    if (i >= vertices && !(stripEnds && i == LineMesh::kStripEnd)) return false;
  return true;
}

}  // namespace

namespace {

void writeBody(Writer& w, const SceneGroup& group) {
  w.text(group.id);
  w.array(group.fill.positions);
  w.array(group.fill.colours);
  w.array(group.fill.indices);
  w.ranges(group.fill.ranges);
  w.array(group.lines.vertices);
  w.array(group.lines.indices);
  w.ranges(group.lines.ranges);
  static_assert(sizeof(geo::MapXY) == 2 * sizeof(double));
  w.array(group.points);
  w.ranges(group.pointRanges);
  w.value(static_cast<std::uint64_t>(group.labels.size()));
  for (const auto& place : group.labels) {
    w.text(place.name);
    w.value(place.at);
    w.value(static_cast<std::int32_t>(place.rank));
    w.text(place.kind);
    w.value(place.sizeMetres);
    w.array(place.path);
  }
  w.box(group.bounds);
}

}  // namespace

void writeSceneGroup(const SceneGroup& group, const std::function<void(std::string_view)>& sink) {
  Writer w(sink);
  for (char c : kMagic) w.value(c);
  w.value(static_cast<std::uint32_t>(kSceneFormatVersion));
  writeBody(w, group);
  // The parts follow their group, as they are in memory (parts have no parts of their own).
  w.value(static_cast<std::uint64_t>(group.parts.size()));
  for (const auto& part : group.parts) writeBody(w, *part);
  w.flush();
}

std::string serializeSceneGroup(const SceneGroup& group) {
  std::string out;
  writeSceneGroup(group, [&out](std::string_view bytes) { out.append(bytes); });
  return out;
}

namespace {

// One group's body (without parts); null with `whyNot` set when truncated or inconsistent.
std::shared_ptr<SceneGroup> readBody(Reader& r, size_t totalBytes, const char*& whyNot) {
  auto group = std::make_shared<SceneGroup>();
  group->id = r.text();
  group->fill.positions = r.array<float>();
  group->fill.colours = r.array<std::uint32_t>();
  group->fill.indices = r.array<std::uint32_t>();
  group->fill.ranges = r.ranges();
  group->lines.vertices = r.array<LineVertex>();
  group->lines.indices = r.array<std::uint32_t>();
  group->lines.ranges = r.ranges();
  group->points = r.array<geo::MapXY>();
  group->pointRanges = r.ranges();
  const auto labels = r.value<std::uint64_t>();
  // A label takes at least its fixed fields: a count past what is left is corrupt, not a reason to allocate.
  constexpr size_t kMinBytesPerLabel = 48;
  if (!r.ok() || labels > totalBytes / kMinBytesPerLabel) return whyNot = "truncated", nullptr;
  group->labels.resize(labels);
  for (auto& place : group->labels) {
    place.name = r.text();
    place.at = r.value<geo::MapXY>();
    place.rank = r.value<std::int32_t>();
    place.kind = r.text();
    place.sizeMetres = r.value<double>();
    place.path = r.array<geo::MapXY>();
  }
  group->bounds = r.box();
  if (!r.ok()) return whyNot = "truncated", nullptr;
  const size_t fillVertices = group->fill.positions.size() / 2;
  if (group->fill.positions.size() % 2 != 0 || group->fill.colours.size() != fillVertices ||
      group->fill.indices.size() % 3 != 0 || !indicesFit(group->fill.indices, fillVertices) ||
      !rangesFit(group->fill.ranges, group->fill.indices.size()))
    return whyNot = "inconsistent fill mesh", nullptr;
  const size_t lineVertices = group->lines.vertices.size();
  if (lineVertices % 2 != 0 ||  // in pairs: a vertex's side is its parity
      !indicesFit(group->lines.indices, lineVertices, true) || !rangesFit(group->lines.ranges, group->lines.indices.size()))
    return whyNot = "inconsistent line mesh", nullptr;
  if (!rangesFit(group->pointRanges, group->points.size())) return whyNot = "inconsistent point runs", nullptr;
  return group;
}

}  // namespace

std::shared_ptr<SceneGroup> readSceneGroup(const std::function<bool(char*, size_t)>& read, size_t totalBytes,
                                           std::string* whyNot) {
  auto refuse = [whyNot](const char* reason) -> std::shared_ptr<SceneGroup> {
    if (whyNot) *whyNot = reason;
    return nullptr;
  };
  char magic[sizeof kMagic];
  if (totalBytes < sizeof kMagic || !read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return refuse("not a prepared scene");
  Reader r(read, totalBytes - sizeof kMagic);
  if (r.value<std::uint32_t>() != kSceneFormatVersion) return refuse("a scene of another format version");
  const char* problem = nullptr;
  auto group = readBody(r, totalBytes, problem);
  if (!group) return refuse(problem);
  const auto parts = r.value<std::uint64_t>();
  // A part's body takes at least its counts and bounds: more parts than that is corrupt.
  constexpr size_t kMinBytesPerPart = 120;
  if (!r.ok() || parts > totalBytes / kMinBytesPerPart) return refuse("truncated");
  group->parts.reserve(parts);
  for (std::uint64_t i = 0; i < parts; ++i) {
    auto part = readBody(r, totalBytes, problem);
    if (!part) return refuse(problem);
    group->parts.push_back(std::move(part));
  }
  if (!r.atEnd()) return refuse("bytes past the end of the scene");
  return group;
}

std::shared_ptr<SceneGroup> deserializeSceneGroup(std::string_view bytes, std::string* whyNot) {
  const std::function<bool(char*, size_t)> read = [&bytes](char* into, size_t size) {
    if (size > bytes.size()) return false;
    std::memcpy(into, bytes.data(), size);
    bytes.remove_prefix(size);
    return true;
  };
  return readSceneGroup(read, bytes.size(), whyNot);
}

}  // namespace briefmap::render
