#include <gtest/gtest.h>
#include <png.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/render/png_writer.hpp"

using namespace briefmap::render;
namespace fs = std::filesystem;

namespace {

struct Decoded {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
};

// Decoding goes through libpng, an encoder-independent reader, with exact 8-bit RGBA output.
Decoded decode(const std::vector<std::uint8_t>& file) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  Decoded out;
  if (!png_image_begin_read_from_memory(&image, file.data(), file.size())) {
    ADD_FAILURE() << image.message;
    return out;
  }
  image.format = PNG_FORMAT_RGBA;
  out.rgba.resize(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr)) << image.message;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  return out;
}

struct Chunk {
  std::string type;
  std::string data;
};

// Walks the chunk list, checking the signature, every length and every CRC (with zlib's crc32).
std::vector<Chunk> chunks(const std::vector<std::uint8_t>& file) {
  static const std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<Chunk> result;
  if (file.size() < 8 || std::memcmp(file.data(), kSignature, 8) != 0) {
    ADD_FAILURE() << "no PNG signature";
    return result;
  }
  const auto u32 = [&](std::size_t at) {
    return std::uint32_t{file[at]} << 24 | std::uint32_t{file[at + 1]} << 16 | std::uint32_t{file[at + 2]} << 8 |
           std::uint32_t{file[at + 3]};
  };
  for (std::size_t at = 8; at < file.size();) {
    if (at + 12 > file.size()) {
      ADD_FAILURE() << "truncated chunk at " << at;
      break;
    }
    const std::size_t length = u32(at);
    if (at + 12 + length > file.size()) {
      ADD_FAILURE() << "chunk longer than the file at " << at;
      break;
    }
    const auto crc = crc32(0, file.data() + at + 4, static_cast<uInt>(length + 4));
    EXPECT_EQ(crc, u32(at + 8 + length)) << "bad CRC at " << at;
    result.push_back({std::string(file.begin() + at + 4, file.begin() + at + 8),
                      std::string(file.begin() + at + 8, file.begin() + at + 8 + length)});
    at += 12 + length;
  }
  return result;
}

// Every colour and alpha, fully transparent and fully opaque pixels included, no two rows alike.
std::vector<std::uint8_t> pattern(int w, int h) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
  for (std::size_t i = 0; i < px.size(); ++i) px[i] = static_cast<std::uint8_t>((i * 37 + i / 7) & 0xFF);
  for (std::size_t p = 0; p < px.size() / 4; ++p) {
    if (p % 3 == 0) px[p * 4 + 3] = 0;
    if (p % 3 == 1) px[p * 4 + 3] = 255;
  }
  return px;
}

std::vector<std::uint8_t> readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const std::pair<int, int> kSizes[] = {{1, 1}, {3, 5}, {1000, 7}, {7, 1000}};

}  // namespace

TEST(PngWriter, RoundTripsRgbDroppingAlpha) {
  for (const auto& [w, h] : kSizes) {
    const auto px = pattern(w, h);
    const auto file = encodePng(px.data(), w, h, false);
    const auto back = decode(file);
    ASSERT_EQ(back.width, w);
    ASSERT_EQ(back.height, h);
    ASSERT_EQ(chunks(file).front().data[9], 2) << "colour type RGB";
    for (std::size_t i = 0; i < px.size(); i += 4) {
      ASSERT_EQ(back.rgba[i], px[i]) << w << "x" << h << " byte " << i;
      ASSERT_EQ(back.rgba[i + 1], px[i + 1]);
      ASSERT_EQ(back.rgba[i + 2], px[i + 2]);
      ASSERT_EQ(back.rgba[i + 3], 255);
    }
  }
}

TEST(PngWriter, RoundTripsRgbaExactly) {
  PngOptions options;
  options.keepAlpha = true;
  for (const auto& [w, h] : kSizes) {
    const auto px = pattern(w, h);
    const auto file = encodePng(px.data(), w, h, false, options);
    const auto back = decode(file);
    ASSERT_EQ(back.width, w);
    ASSERT_EQ(back.height, h);
    ASSERT_EQ(chunks(file).front().data[9], 6) << "colour type RGBA";
    EXPECT_EQ(back.rgba, px) << w << "x" << h;
  }
}

TEST(PngWriter, FlipsRows) {
  for (const bool keepAlpha : {false, true}) {
    const int w = 3, h = 5;
    const auto px = pattern(w, h);
    PngOptions options;
    options.keepAlpha = keepAlpha;
    const auto back = decode(encodePng(px.data(), w, h, true, options));
    const std::size_t row = w * 4;
    for (int y = 0; y < h; ++y)
      for (std::size_t i = 0; i < row; ++i) {
        const std::uint8_t expected = (!keepAlpha && i % 4 == 3) ? 255 : px[(h - 1 - y) * row + i];
        ASSERT_EQ(back.rgba[y * row + i], expected) << "row " << y << " byte " << i;
      }
  }
}

TEST(PngWriter, EveryCompressionLevelRoundTrips) {
  const int w = 64, h = 33;
  const auto px = pattern(w, h);
  PngOptions options;
  options.keepAlpha = true;
  for (const int level : {-1, 0, 1, 6, 12}) {
    options.compressionLevel = level;
    EXPECT_EQ(decode(encodePng(px.data(), w, h, false, options)).rgba, px) << "level " << level;
  }
}

TEST(PngWriter, LargeImagesCompressedOnTwoCoresDecodeExactly) {
  // Above 8 MB of scanlines the stream is made of two parts (zlib, then libdeflate) with one header and
  // one checksum; zlib's own inflate checks the Adler-32 of the whole, libpng the pixels.
  const int w = 2100, h = 1100;  // 9.2 MB of RGBA scanlines
  auto px = pattern(w, h);
  for (std::size_t i = 0; i < px.size() / 3; ++i) px[i] = 200;  // flat areas as well as noise
  for (const int level : {-1, 0, 6, 12}) {
    std::vector<std::uint8_t> previous;
    for (const bool twoCores : {true, false}) {
      PngOptions options;
      options.keepAlpha = true;
      options.compressionLevel = level;
      options.useSecondCore = twoCores;
      const auto file = encodePng(px.data(), w, h, false, options);
      std::string idat;
      for (const auto& c : chunks(file))
        if (c.type == "IDAT") idat += c.data;
      std::vector<std::uint8_t> inflated(static_cast<std::size_t>(w * 4 + 1) * h + 1);
      uLongf inflatedSize = static_cast<uLongf>(inflated.size());
      ASSERT_EQ(uncompress(inflated.data(), &inflatedSize, reinterpret_cast<const Bytef*>(idat.data()),
                           static_cast<uLong>(idat.size())),
                Z_OK)
          << "level " << level << (twoCores ? ", two cores" : ", one core");
      EXPECT_EQ(inflatedSize, static_cast<uLongf>(w * 4 + 1) * h);
      EXPECT_EQ(decode(file).rgba, px) << "level " << level << (twoCores ? ", two cores" : ", one core");
      // The two-part stream is really a different one (zlib's blocks differ from libdeflate's).
      if (!twoCores && level != 0 && std::thread::hardware_concurrency() >= 2) { EXPECT_NE(file, previous) << level; }
      previous = file;
    }
  }
}

TEST(PngWriter, FlatMapAreasCompressWell) {
  // A map is mostly flat colour: 4K of sea must not cost more than a few kilobytes.
  const int w = 3840, h = 2160;
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
  for (std::size_t p = 0; p < px.size() / 4; ++p) {
    const bool land = (p % w) > static_cast<std::size_t>(w / 2);
    px[p * 4] = land ? 0xef : 0xaa;
    px[p * 4 + 1] = land ? 0xe9 : 0xd3;
    px[p * 4 + 2] = land ? 0xdc : 0xdf;
    px[p * 4 + 3] = 255;
  }
  const auto file = encodePng(px.data(), w, h, false);
  EXPECT_LT(file.size(), 100u * 1024u);
  EXPECT_EQ(decode(file).rgba, px);
}

TEST(PngWriter, WritesTextChunksAndSrgb) {
  PngOptions options;
  options.textChunks = {{"Software", "briefmap"}, {"Copyright", "Natural Earth; GeoNames, CC BY 4.0"},
                        {"Title", "Kyiv – Київ"}};
  const std::uint8_t px[4] = {1, 2, 3, 255};
  const auto file = encodePng(px, 1, 1, false, options);
  const auto list = chunks(file);
  std::vector<std::string> types;
  for (const auto& c : list) types.push_back(c.type);
  EXPECT_EQ(types, (std::vector<std::string>{"IHDR", "sRGB", "tEXt", "tEXt", "iTXt", "IDAT", "IEND"}));
  EXPECT_EQ(list[2].data, std::string("Software\0briefmap", 17));
  EXPECT_EQ(list[3].data, std::string("Copyright\0Natural Earth; GeoNames, CC BY 4.0", 44));
  // UTF-8 goes into iTXt: keyword, NUL, not compressed, method 0, empty language and translated keyword.
  EXPECT_EQ(list[4].data, std::string("Title\0\0\0\0\0", 10) + "Kyiv – Київ");
  EXPECT_EQ(decode(file).rgba, std::vector<std::uint8_t>(px, px + 4));
}

TEST(PngWriter, BadArgumentsAreRefused) {
  std::uint8_t px[4] = {};
  EXPECT_THROW(encodePng(px, 0, 1, false), std::invalid_argument);
  EXPECT_THROW(encodePng(px, 1, -1, false), std::invalid_argument);
  EXPECT_THROW(encodePng(nullptr, 1, 1, false), std::invalid_argument);
  PngOptions level;
  level.compressionLevel = 13;
  EXPECT_THROW(encodePng(px, 1, 1, false, level), std::invalid_argument);
  for (const std::string& key : std::vector<std::string>{"", " lead", "trail ", "dou  ble", std::string(80, 'k'), "ctl\n"}) {
    PngOptions text;
    text.textChunks = {{key, "x"}};
    EXPECT_THROW(encodePng(px, 1, 1, false, text), std::invalid_argument) << "key \"" << key << "\"";
  }
  PngOptions nul;
  nul.textChunks = {{"Comment", std::string("a\0b", 3)}};
  EXPECT_THROW(encodePng(px, 1, 1, false, nul), std::invalid_argument);
}

TEST(PngWriter, WritesTheFileAtomically) {
  const auto dir = fs::temp_directory_path() / ("briefmap-png-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto px = pattern(5, 4);
  writePng(dir / "map.png", px.data(), 5, 4, false);
  const auto first = readFile(dir / "map.png");
  EXPECT_EQ(first, encodePng(px.data(), 5, 4, false));

  // A bad argument leaves the previous file as it was and nothing beside it.
  std::uint8_t one[4] = {};
  EXPECT_THROW(writePng(dir / "map.png", one, 0, 0, false), std::invalid_argument);
  EXPECT_EQ(readFile(dir / "map.png"), first);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);

  try {
    writePng(dir / "missing" / "map.png", px.data(), 5, 4, false);
    FAIL() << "no exception";
  } catch (const briefmap::data::WriteError& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "missing" / "map.png").string()), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}
