#include "briefmap/render/png_writer.hpp"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/large_buffer.hpp"

namespace briefmap::render {
namespace {

// Why this encoder: measured on 3840x2160 renders on the 2-core target (median of 5; a real export and
// synthetic maps): libpng at its defaults takes 0.3–0.9 s, libpng or libspng at zlib level 1 65–250 ms.
// Maps are large flat areas with thin anti-aliased detail; unfiltered rows let deflate match whole runs
// of identical pixels, and libdeflate's level 1 does that faster than zlib's level 1 while compressing
// better: 54–60 ms and ~540 KB for a real export, within 7 % of the smallest file of any setting tried.
// Row filters (SUB/UP/PAETH/adaptive) cost 1.6–5x the time and made maps larger; they win only on smooth
// gradients, which the renderer does not draw.
// The second core: at the end of an export nothing else runs, so a large image is deflated in two parts at
// once (compressZlib). 4K map, same machine: 58 ms on one core, ~40 ms on two, the file ~3 % larger.
constexpr int kDefaultLevel = 1;
constexpr int kMaxLevel = 12;
// Chunk lengths are 31-bit; a larger compressed image is split across several IDAT chunks.
constexpr std::size_t kMaxChunkData = std::size_t{1} << 30;

struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  const std::uint8_t bytes[4] = {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                                 static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
  out.insert(out.end(), bytes, bytes + 4);
}

// A chunk is length, type, data, and the CRC-32 of type and data.
void putChunk(std::vector<std::uint8_t>& out, const char (&type)[5], std::span<const std::uint8_t> data) {
  putU32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  putU32(out, libdeflate_crc32(0, out.data() + start, out.size() - start));
}

void putText(std::vector<std::uint8_t>& out, const std::string& key, const std::string& value) {
  // PNG keywords: 1–79 Latin-1 printable characters, no leading, trailing or double spaces.
  bool keyOk = !key.empty() && key.size() <= 79 && key.front() != ' ' && key.back() != ' ' &&
               key.find("  ") == std::string::npos;
  for (const unsigned char c : key) keyOk = keyOk && ((c >= 32 && c <= 126) || c >= 161);
  if (!keyOk) throw std::invalid_argument("PNG text key \"" + key + "\" is not 1-79 printable Latin-1 characters");
  if (value.find('\0') != std::string::npos) throw std::invalid_argument("PNG text \"" + key + "\" contains a NUL");

  bool ascii = true;
  for (const unsigned char c : value) ascii = ascii && c < 128;
  std::vector<std::uint8_t> body(key.begin(), key.end());
  body.push_back(0);
  if (ascii) {
    body.insert(body.end(), value.begin(), value.end());
    putChunk(out, "tEXt", body);
    return;
  }
  // tEXt is Latin-1, so UTF-8 goes into iTXt: uncompressed, no language tag, no translated keyword.
  body.insert(body.end(), {0, 0, 0, 0});
  body.insert(body.end(), value.begin(), value.end());
  putChunk(out, "iTXt", body);
}

// Deflates `raw` into one zlib stream. Large inputs in two parts at once: the first by zlib on a helper thread,
// ended with a sync flush (byte-aligned and not final), the rest by libdeflate as the final blocks; the second
// part never refers back into the first, which deflate allows. zlib is ~1.8x slower than libdeflate at level 1,
// so it takes the smaller share. Returns the stream's length (0 if `out` is too small).
constexpr std::size_t kSplitAbove = std::size_t{8} << 20;
constexpr double kZlibShare = 0.35;
constexpr std::size_t kZlibHeader = 2, kZlibTrailer = 4;

std::size_t zlibBound(libdeflate_compressor* compressor, std::size_t rawSize) {
  // Enough for either form: libdeflate's whole stream, or zlib's part (its own bound and the flush) then
  // libdeflate's part.
  return kZlibHeader + libdeflate_deflate_compress_bound(compressor, rawSize) + rawSize / 2 + 1024 + kZlibTrailer;
}

std::size_t compressZlib(libdeflate_compressor* compressor, int level, const std::uint8_t* raw, std::size_t rawSize,
                         std::size_t rowBytes, bool split, std::uint8_t* out, std::size_t outSize) {
  if (!split || rawSize < kSplitAbove || std::thread::hardware_concurrency() < 2)
    return libdeflate_zlib_compress(compressor, raw, rawSize, out, outSize);
  const std::size_t firstSize = static_cast<std::size_t>(static_cast<double>(rawSize) * kZlibShare) / rowBytes * rowBytes;
  std::vector<std::uint8_t> first;
  bool firstOk = false;
  std::thread helper([&] {
    z_stream z{};
    if (deflateInit2(&z, std::clamp(level, 0, 9), Z_DEFLATED, /*raw deflate*/ -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
    first.resize(deflateBound(&z, static_cast<uLong>(firstSize)) + 16);
    z.next_in = const_cast<Bytef*>(raw);
    z.avail_in = static_cast<uInt>(firstSize);
    z.next_out = first.data();
    z.avail_out = static_cast<uInt>(first.size());
    firstOk = deflate(&z, Z_SYNC_FLUSH) == Z_OK && z.avail_in == 0;
    first.resize(first.size() - z.avail_out);
    deflateEnd(&z);
  });
  // libdeflate writes its part at the far end of `out`; it is moved behind zlib's part once that is known.
  const std::size_t secondBound = libdeflate_deflate_compress_bound(compressor, rawSize - firstSize);
  std::size_t second = 0;
  if (secondBound + kZlibTrailer < outSize) {
    second = libdeflate_deflate_compress(compressor, raw + firstSize, rawSize - firstSize,
                                         out + outSize - kZlibTrailer - secondBound, secondBound);
  }
  const std::uint32_t adler = libdeflate_adler32(1, raw, rawSize);
  helper.join();
  const std::size_t total = kZlibHeader + first.size() + second + kZlibTrailer;
  if (!firstOk || second == 0 || total > outSize)
    return libdeflate_zlib_compress(compressor, raw, rawSize, out, outSize);  // not with the bounds above
  std::memmove(out + kZlibHeader + first.size(), out + outSize - kZlibTrailer - secondBound, second);
  out[0] = 0x78;  // CMF: deflate, 32 KB window
  out[1] = 0x01;  // FLG: fastest compression, check bits
  std::memcpy(out + kZlibHeader, first.data(), first.size());
  std::size_t at = kZlibHeader + first.size() + second;
  for (int shift = 24; shift >= 0; shift -= 8) out[at++] = static_cast<std::uint8_t>(adler >> shift);
  return at;
}

}  // namespace

std::vector<std::uint8_t> encodePng(const std::uint8_t* rgba, int width, int height, bool flipRows,
                                    const PngOptions& options) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("PNG size must be positive");
  if (!rgba) throw std::invalid_argument("PNG pixels are missing");
  const int level = options.compressionLevel < 0 ? kDefaultLevel : options.compressionLevel;
  if (level > kMaxLevel) throw std::invalid_argument("PNG compression level must be -1 to 12");

  const std::size_t channels = options.keepAlpha ? 4 : 3;
  const auto w = static_cast<std::size_t>(width);
  const auto h = static_cast<std::size_t>(height);
  if (w > (std::numeric_limits<std::size_t>::max() / 8) / h) throw std::invalid_argument("PNG image too large");
  const std::size_t rowBytes = 1 + w * channels;  // filter type byte + pixels

  // Everything before the pixels first, so that a bad text key throws before the expensive part.
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<std::uint8_t> header;
  putU32(header, static_cast<std::uint32_t>(width));
  putU32(header, static_cast<std::uint32_t>(height));
  // bit depth 8; colour type 6 = RGBA or 2 = RGB; deflate; adaptive filtering; not interlaced
  header.insert(header.end(), {8, static_cast<std::uint8_t>(options.keepAlpha ? 6 : 2), 0, 0, 0});
  putChunk(png, "IHDR", header);
  // The framebuffer holds sRGB values; saying so keeps colour-managed viewers from guessing.
  const std::uint8_t perceptual[1] = {0};
  putChunk(png, "sRGB", perceptual);
  for (const auto& [key, value] : options.textChunks) putText(png, key, value);

  // Scanlines with filter type 0 (none): a copy of each row, without alpha for RGB. The buffers are left
  // uninitialised: zero-filling 25 MB at 4K cost 15 ms each, a third of the compression time.
  const std::size_t rawSize = rowBytes * h;
  data::LargeBuffer raw(rawSize);
  for (std::size_t y = 0; y < h; ++y) {
    const std::uint8_t* src = rgba + (flipRows ? h - 1 - y : y) * w * 4;
    std::uint8_t* dst = raw.data() + y * rowBytes;
    *dst++ = 0;
    if (options.keepAlpha) {
      std::memcpy(dst, src, w * 4);
    } else {
      for (std::size_t x = 0; x < w; ++x, src += 4, dst += 3) {
        dst[0] = src[0];
        dst[1] = src[1];
        dst[2] = src[2];
      }
    }
  }

  const Compressor compressor(libdeflate_alloc_compressor(level));
  if (!compressor) throw std::bad_alloc();
  // Only the pages written are ever touched: the bound is large, the output ~5 % of it.
  data::LargeBuffer zlib(zlibBound(compressor.get(), rawSize));
  const std::size_t zlibSize = compressZlib(compressor.get(), level, raw.data(), rawSize, rowBytes,
                                            options.useSecondCore, zlib.data(), zlib.size());
  if (zlibSize == 0) throw std::runtime_error("PNG compression failed");  // cannot happen with the bound above
  raw = {};

  png.reserve(png.size() + zlibSize + 64);
  for (std::size_t at = 0; at < zlibSize; at += kMaxChunkData) {
    putChunk(png, "IDAT", std::span(zlib.data() + at, std::min(kMaxChunkData, zlibSize - at)));
  }
  putChunk(png, "IEND", {});
  return png;
}

void writePng(const std::filesystem::path& path, const std::uint8_t* rgba, int width, int height, bool flipRows,
              const PngOptions& options) {
  // Encode first: a bad argument then leaves no temporary file behind and the old file untouched.
  const auto png = encodePng(rgba, width, height, flipRows, options);
  data::AtomicFile file(path);
  file.write(std::as_bytes(std::span(png)));
  file.commit();
}

}  // namespace briefmap::render
