#include "briefmap/render/style.hpp"

#include <algorithm>
#include <cmath>

namespace briefmap::render {

std::uint32_t Rgba::packed() const {
  auto byte = [](float v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  return byte(r) | (byte(g) << 8) | (byte(b) << 16) | (byte(a) << 24);
}

Rgba Rgba::fromHex(const std::string& text) {
  if (text.size() != 7 && text.size() != 9) return hex(0x888888);
  if (text[0] != '#') return hex(0x888888);
  unsigned value = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    unsigned digit = 0;
    if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
    else return hex(0x888888);
    value = value * 16 + digit;
  }
  if (text.size() == 7) return hex(value);
  return hex(value >> 8, static_cast<float>(value & 0xFF) / 255.f);
}

const MapStyle& defaultMapStyle() {
  static const MapStyle style;
  return style;
}

}  // namespace briefmap::render
