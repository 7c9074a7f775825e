#include <gtest/gtest.h>
#include <png.h>

#include "briefmap/render/png_writer.hpp"

using namespace briefmap::render;

namespace {
std::vector<std::uint8_t> decode(const std::vector<std::uint8_t>& file, int& w, int& h) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_memory(&image, file.data(), file.size())) << image.message;
  image.format = PNG_FORMAT_RGBA;
  std::vector<std::uint8_t> out(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, out.data(), 0, nullptr)) << image.message;
  w = static_cast<int>(image.width);
  h = static_cast<int>(image.height);
  return out;
}

std::vector<std::uint8_t> pattern(int w, int h) {
  std::vector<std::uint8_t> px(static_cast<size_t>(w) * h * 4);
  for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<std::uint8_t>((i * 37 + i / 7) & 0xFF);
  return px;
}
}  // namespace

TEST(PngWriter, RoundTripsRgbDroppingAlpha) {
  for (auto [w, h] : {std::pair{1, 1}, std::pair{3, 5}, std::pair{1000, 7}}) {
    const auto px = pattern(w, h);
    int rw = 0, rh = 0;
    const auto back = decode(encodePng(px.data(), w, h, false), rw, rh);
    ASSERT_EQ(rw, w);
    ASSERT_EQ(rh, h);
    for (size_t i = 0; i < px.size(); i += 4) {
      ASSERT_EQ(back[i], px[i]);
      ASSERT_EQ(back[i + 1], px[i + 1]);
      ASSERT_EQ(back[i + 2], px[i + 2]);
      ASSERT_EQ(back[i + 3], 255);
    }
  }
}

TEST(PngWriter, KeepsAlphaWhenAskedAndFlipsRows) {
  const int w = 4, h = 3;
  const auto px = pattern(w, h);
  PngOptions options;
  options.keepAlpha = true;
  int rw = 0, rh = 0;
  const auto back = decode(encodePng(px.data(), w, h, true, options), rw, rh);
  const size_t row = w * 4;
  for (int y = 0; y < h; ++y)
    for (size_t i = 0; i < row; ++i) ASSERT_EQ(back[y * row + i], px[(h - 1 - y) * row + i]);
}

TEST(PngWriter, BadSizeIsRefused) {
  std::uint8_t px[4] = {};
  EXPECT_THROW(encodePng(px, 0, 1, false), std::invalid_argument);
}
