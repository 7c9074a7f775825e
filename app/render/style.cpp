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

namespace briefmap::render {

const MapStyle& highContrastMapStyle() {
  static const MapStyle style = [] {
    MapStyle s;
    // Projectors wash out pale tones: a deeper sea, darker lines, opaque halos and panels, larger type.
    s.sea = Rgba::hex(0xa9c8de);
    s.coastline = Rgba::hex(0x3f6d8f);
    s.coastlineWidth = 1.3f;
    s.river = Rgba::hex(0x5b88ab);
    s.riverWidth = 1.1f;
    s.border = Rgba::hex(0x4d463e);
    s.borderWidth = 1.5f;
    s.borderFocus = Rgba::hex(0x1f1b17);
    s.graticule = Rgba::hex(0x6f93ad, 0.8f);
    s.placeSymbol = Rgba::hex(0x000000);
    s.label = Rgba::hex(0x000000);
    s.labelHalo = Rgba::hex(0xffffff, 1.f);
    s.labelSize = 15.f;
    s.labelSizeMajor = 17.f;
    s.countryLabel = Rgba::hex(0x3d3630);
    s.countryLabelSize = 15.f;
    s.furnitureText = Rgba::hex(0x000000);
    s.furniturePanel = Rgba::hex(0xffffff, 0.94f);
    s.furnitureTextSize = 15.f;  // the legend: read from the back of the room
    s.subtitleSize = 25.f;       // a slide's caption: ~24 px letters at 1080p, read from the back of the room
    return s;
  }();
  return style;
}

}  // namespace briefmap::render
