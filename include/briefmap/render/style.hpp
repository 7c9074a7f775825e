#pragma once
// Cartographic style: a muted basemap so that option overlays stand out.
#include <cstdint>
#include <string>

namespace briefmap::render {

/// Straight (not premultiplied) RGBA colour, components 0..1.
struct Rgba {
  float r = 0, g = 0, b = 0, a = 1;
  static constexpr Rgba hex(std::uint32_t rgb, float alpha = 1.f) {
    return {((rgb >> 16) & 0xFF) / 255.f, ((rgb >> 8) & 0xFF) / 255.f, (rgb & 0xFF) / 255.f, alpha};
  }
  /// Packed as 0xAABBGGRR (GL_UNSIGNED_BYTE RGBA order in memory on little-endian machines).
  std::uint32_t packed() const;
  Rgba withAlpha(float alpha) const { return {r, g, b, alpha}; }
  /// "#RRGGBB" or "#RRGGBBAA"; grey for anything else.
  static Rgba fromHex(const std::string& text);
};

/// The shape of a point symbol; the values are the shape ids of shape.frag (0 is its plain rectangle).
/// Triangles and diamonds reach past the symbol's radius (kSymbolReach) so that they weigh about as much as a
/// dot of that radius; shape.frag and the vector export draw the same outlines.
enum class SymbolShape : std::uint8_t { Circle = 1, Square = 2, Triangle = 3, Diamond = 4 };
inline constexpr float kTriangleCircumradius = 1.3f;  ///< × radius: centre to each corner, point up
inline constexpr float kDiamondHalfDiagonal = 1.25f;  ///< × radius: centre to each corner
inline constexpr float kSymbolReach = 1.3f;           ///< × radius: how far any shape reaches from its centre

/// How one vector layer is drawn. Widths and sizes are in CSS-like pixels at pixel ratio 1.
struct LayerStyle {
  Rgba fill = Rgba::hex(0x3b7dd8, 0.35f);
  Rgba stroke = Rgba::hex(0x1f4f99);
  float strokeWidth = 1.5f;
  Rgba point = Rgba::hex(0xd8432b);
  float pointRadius = 4.f;
  bool dashed = false;        ///< inferred placements: dashed lines and hollow symbols
  bool hollowPoints = false;
  Rgba labelColour = Rgba::hex(0x1e1e1e, 0.f);  ///< alpha 0: the group's labels are not drawn
};

/// The basemap palette and the sizes of labels and furniture.
struct MapStyle {
  Rgba sea = Rgba::hex(0xcfe0ea);
  Rgba land = Rgba::hex(0xe9e6df);
  Rgba landFocus = Rgba::hex(0xfbfaf6);   ///< Ukraine, the subject of every briefing
  Rgba coastline = Rgba::hex(0x7d9cb3);
  float coastlineWidth = 0.9f;
  Rgba border = Rgba::hex(0x8f867b);
  float borderWidth = 1.0f;
  Rgba river = Rgba::hex(0x8fb1c9);   ///< rivers and lake shores: the water's blue, lighter than the coast
  float riverWidth = 0.8f;
  Rgba borderFocus = Rgba::hex(0x6b6258);  ///< Ukraine's own borders
  Rgba graticule = Rgba::hex(0xa9c0d1, 0.8f);
  float graticuleWidth = 0.6f;
  Rgba placeSymbol = Rgba::hex(0x333333);
  Rgba placeSymbolStroke = Rgba::hex(0xffffff);
  Rgba label = Rgba::hex(0x1e1e1e);
  Rgba labelHalo = Rgba::hex(0xffffff, 0.9f);
  float labelSize = 13.f;          ///< rank 3–4 places
  float labelSizeMajor = 15.f;     ///< rank 1–2 places
  Rgba countryLabel = Rgba::hex(0x7a7167);
  float countryLabelSize = 13.f;
  Rgba furnitureText = Rgba::hex(0x222222);
  Rgba furniturePanel = Rgba::hex(0xffffff, 0.78f);
  float furnitureTextSize = 11.f;
  float titleSize = 30.f;       ///< legible on a wall screen at pixel ratio 1
  float subtitleSize = 18.f;
  Rgba titleText = Rgba::hex(0x111111);
  Rgba subtitleText = Rgba::hex(0x3a3a3a);
  Rgba caveatBanner = Rgba::hex(0x8a1c1c);  ///< classification banners: strong, and unlike any map colour
  Rgba caveatText = Rgba::hex(0xffffff);
  float caveatSize = 14.f;
  float northArrowSize = 52.f;              ///< side of the north arrow's panel
};

/// The default style; one place to change the look.
const MapStyle& defaultMapStyle();
/// The wall-screen theme of presentation mode: stronger contrast and larger type, same option colours
/// (Okabe–Ito, safe for colour-blind viewers).
const MapStyle& highContrastMapStyle();

}  // namespace briefmap::render
