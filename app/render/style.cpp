#include "briefmap/render/style.hpp"

#include <algorithm>
#include <cmath>

namespace briefmap::render {

std::uint32_t Rgba::packed() const {
  auto byte = [](float v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  return byte(r) | (byte(g) << 8) | (byte(b) << 16) | (byte(a) << 24);
}

const MapStyle& defaultMapStyle() {
  static const MapStyle style;
  return style;
}

}  // namespace briefmap::render
