// Binary form of the glyph atlas, so the build can rasterise it once and the binary carry it.
#include <cstring>
#include <map>
#include <stdexcept>

#include "briefmap/render/glyph_atlas.hpp"

namespace briefmap::render {
namespace {

constexpr std::uint32_t kMagic = 0x31415442;  // "BTA1"

class Writer {
 public:
  template <typename T>
  void put(const T& value) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&value);
    m_bytes.insert(m_bytes.end(), p, p + sizeof(T));
  }
  void putBytes(const std::vector<std::uint8_t>& bytes) { m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end()); }
  std::vector<std::uint8_t> take() { return std::move(m_bytes); }

 private:
  std::vector<std::uint8_t> m_bytes;
};

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
  template <typename T>
  T get() {
    T value;
    need(sizeof(T));
    std::memcpy(&value, m_data + m_pos, sizeof(T));
    m_pos += sizeof(T);
    return value;
  }
  void getBytes(std::vector<std::uint8_t>& out, std::size_t n) {
    need(n);
    out.assign(m_data + m_pos, m_data + m_pos + n);
    m_pos += n;
  }

 private:
  void need(std::size_t n) const {
    if (m_size - m_pos < n) throw std::runtime_error("glyph atlas data is truncated");
  }
  const std::uint8_t* m_data;
  std::size_t m_size;
  std::size_t m_pos = 0;
};

}  // namespace

std::vector<std::uint8_t> GlyphAtlas::serialize() const {
  Writer w;
  w.put(kMagic);
  w.put(static_cast<std::int32_t>(m_width));
  w.put(static_cast<std::int32_t>(m_height));
  for (float f : {m_basePixelSize, m_spread, m_ascender, m_descender, m_lineHeight}) w.put(f);
  w.putBytes(m_pixels);
  // Sorted, so the same atlas always gives the same bytes (reproducible builds).
  const std::map<char32_t, GlyphMetrics> glyphs(m_glyphs.begin(), m_glyphs.end());
  w.put(static_cast<std::uint32_t>(glyphs.size()));
  for (const auto& [cp, metrics] : glyphs) {
    w.put(static_cast<std::uint32_t>(cp));
    w.put(metrics);
  }
  w.put(m_fallback);
  const std::map<std::uint64_t, float> kerning(m_kerning.begin(), m_kerning.end());
  w.put(static_cast<std::uint32_t>(kerning.size()));
  for (const auto& [key, value] : kerning) {
    w.put(key);
    w.put(value);
  }
  return w.take();
}

GlyphAtlas GlyphAtlas::deserialize(const std::uint8_t* data, std::size_t size) {
  Reader r(data, size);
  if (r.get<std::uint32_t>() != kMagic) throw std::runtime_error("not a briefmap glyph atlas");
  GlyphAtlas atlas;
  atlas.m_width = r.get<std::int32_t>();
  atlas.m_height = r.get<std::int32_t>();
  if (atlas.m_width <= 0 || atlas.m_height <= 0 || atlas.m_width > 16384 || atlas.m_height > 16384) {
    throw std::runtime_error("glyph atlas has an impossible size");
  }
  atlas.m_basePixelSize = r.get<float>();
  atlas.m_spread = r.get<float>();
  atlas.m_ascender = r.get<float>();
  atlas.m_descender = r.get<float>();
  atlas.m_lineHeight = r.get<float>();
  r.getBytes(atlas.m_pixels, static_cast<std::size_t>(atlas.m_width) * static_cast<std::size_t>(atlas.m_height));
  const auto glyphs = r.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < glyphs; ++i) {
    const auto cp = static_cast<char32_t>(r.get<std::uint32_t>());
    atlas.m_glyphs.emplace(cp, r.get<GlyphMetrics>());
  }
  atlas.m_fallback = r.get<GlyphMetrics>();
  const auto kerns = r.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < kerns; ++i) {
    const auto key = r.get<std::uint64_t>();
    atlas.m_kerning.emplace(key, r.get<float>());
  }
  return atlas;
}

}  // namespace briefmap::render
