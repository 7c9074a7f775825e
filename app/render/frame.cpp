#include "briefmap/render/frame.hpp"

#include <algorithm>

namespace briefmap::render {

float outputPixelRatio(int heightPx) { return std::clamp(heightPx / 1080.f, 1.f, 8.f); }

View fitView(const geo::MapBox& box, int widthPx, int heightPx, double margin) {
  View v;
  if (box.empty() || widthPx <= 0 || heightPx <= 0) return v;
  v.centre = {(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2};
  const double usable = std::max(0.1, 1.0 - 2 * margin);
  v.metresPerPixel = std::max(box.width() / (widthPx * usable), box.height() / (heightPx * usable));
  if (!(v.metresPerPixel > 0)) v.metresPerPixel = 1000;
  return v;
}

}  // namespace briefmap::render
