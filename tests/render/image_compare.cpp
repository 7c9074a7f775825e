#include "image_compare.hpp"

#include <png.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace briefmap::imagetest {

Image readPng(const std::string& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    throw std::runtime_error(path + ": cannot read PNG: " + image.message);
  }
  image.format = PNG_FORMAT_RGBA;
  Image out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.rgba.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr)) {
    throw std::runtime_error(path + ": cannot decode PNG: " + image.message);
  }
  return out;
}

Comparison compareImages(const Image& actual, const Image& expected, int tolerance) {
  Comparison c;
  c.sameSize = actual.width == expected.width && actual.height == expected.height;
  if (!c.sameSize) {
    c.differingShare = 1;
    return c;
  }
  c.diff = expected;
  size_t differing = 0;
  const size_t pixels = static_cast<size_t>(actual.width) * actual.height;
  for (size_t i = 0; i < pixels; ++i) {
    int worst = 0;
    for (int ch = 0; ch < 4; ++ch) worst = std::max(worst, std::abs(actual.rgba[i * 4 + ch] - expected.rgba[i * 4 + ch]));
    c.maxDifference = std::max(c.maxDifference, worst);
    std::uint8_t* d = &c.diff.rgba[i * 4];
    if (worst > tolerance) {
      ++differing;
      d[0] = 255; d[1] = 0; d[2] = 0; d[3] = 255;
    } else {
      for (int ch = 0; ch < 3; ++ch) d[ch] = static_cast<std::uint8_t>(255 - (255 - d[ch]) / 4);
    }
  }
  c.differingShare = pixels ? static_cast<double>(differing) / static_cast<double>(pixels) : 0;
  return c;
}

double nonBackgroundShare(const Image& image) {
  std::map<std::uint32_t, size_t> counts;
  const size_t pixels = static_cast<size_t>(image.width) * image.height;
  for (size_t i = 0; i < pixels; ++i) {
    const std::uint8_t* p = &image.rgba[i * 4];
    ++counts[p[0] | (p[1] << 8) | (p[2] << 16)];
  }
  size_t most = 0;
  for (const auto& [colour, n] : counts) most = std::max(most, n);
  return pixels ? 1.0 - static_cast<double>(most) / static_cast<double>(pixels) : 0;
}

Image halve(const Image& image) {
  Image half;
  half.width = image.width / 2;
  half.height = image.height / 2;
  half.rgba.resize(static_cast<size_t>(half.width) * half.height * 4);
  for (int y = 0; y < half.height; ++y)
    for (int x = 0; x < half.width; ++x)
      for (int ch = 0; ch < 4; ++ch) {
        int sum = 0;
        for (int dy = 0; dy < 2; ++dy)
          for (int dx = 0; dx < 2; ++dx)
            sum += image.rgba[((static_cast<size_t>(2 * y + dy) * image.width) + 2 * x + dx) * 4 + ch];
        half.rgba[(static_cast<size_t>(y) * half.width + x) * 4 + ch] = static_cast<std::uint8_t>(sum / 4);
      }
  return half;
}

}  // namespace briefmap::imagetest
