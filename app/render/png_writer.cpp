#include "briefmap/render/png_writer.hpp"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstdio>
#include <stdexcept>

#include "briefmap/data/atomic_file.hpp"

namespace briefmap::render {
namespace {

// Maps are large flat areas with thin anti-aliased detail: the SUB filter with zlib's fastest level and
// the RLE strategy compresses them nearly as well as the defaults at a fraction of the time.
constexpr int kFastLevel = 1;

struct Sink {
  std::vector<std::uint8_t>* memory = nullptr;
};

void writeToMemory(png_structp png, png_bytep data, png_size_t length) {
  auto* sink = static_cast<Sink*>(png_get_io_ptr(png));
  sink->memory->insert(sink->memory->end(), data, data + length);
}

void flushNothing(png_structp) {}

// libpng reports errors by longjmp; the message is kept for the exception thrown afterwards.
struct ErrorState {
  char message[256] = "unknown libpng error";
};

void onPngError(png_structp png, png_const_charp message) {
  auto* state = static_cast<ErrorState*>(png_get_error_ptr(png));
  std::snprintf(state->message, sizeof state->message, "%s", message ? message : "libpng error");
  png_longjmp(png, 1);
}
void onPngWarning(png_structp, png_const_charp) {}

// Plain C-style body: nothing with a destructor may live across setjmp.
bool encodeRows(png_structp png, png_infop info, const std::uint8_t* rgba, int width, int height, bool flipRows,
                int level, bool keepAlpha, png_text* texts, int textCount, std::FILE* file, Sink* sink) {
  if (setjmp(png_jmpbuf(png))) return false;
  if (file) png_init_io(png, file);
  else png_set_write_fn(png, sink, &writeToMemory, &flushNothing);
  png_set_compression_level(png, level);
  png_set_compression_strategy(png, Z_RLE);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               keepAlpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
               PNG_FILTER_TYPE_BASE);
  if (textCount > 0) png_set_text(png, info, texts, textCount);
  png_write_info(png, info);
  if (!keepAlpha) png_set_filler(png, 0, PNG_FILLER_AFTER);  // rows stay RGBA; libpng drops the 4th byte
  const size_t stride = static_cast<size_t>(width) * 4;
  for (int y = 0; y < height; ++y) {
    const int src = flipRows ? height - 1 - y : y;
    png_write_row(png, const_cast<png_bytep>(rgba + static_cast<size_t>(src) * stride));
  }
  png_write_end(png, info);
  return true;
}

void encode(const std::uint8_t* rgba, int width, int height, bool flipRows, const PngOptions& options,
            std::FILE* file, std::vector<std::uint8_t>* memory) {
  ErrorState errors;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &errors, &onPngError, &onPngWarning);
  if (!png) throw std::runtime_error("libpng could not start");
  png_infop info = png_create_info_struct(png);
  std::vector<png_text> texts;
  for (const auto& [key, value] : options.textChunks) {
    png_text t{};
    t.compression = PNG_TEXT_COMPRESSION_NONE;
    t.key = const_cast<char*>(key.c_str());
    t.text = const_cast<char*>(value.c_str());
    texts.push_back(t);
  }
  Sink sink{memory};
  const bool ok = info && encodeRows(png, info, rgba, width, height, flipRows,
                                     options.compressionLevel >= 0 ? options.compressionLevel : kFastLevel,
                                     options.keepAlpha, texts.data(), static_cast<int>(texts.size()), file, &sink);
  png_destroy_write_struct(&png, &info);
  if (!ok) throw std::runtime_error(errors.message);
}

void checkSize(int width, int height) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("image size must be positive");
}

}  // namespace

std::vector<std::uint8_t> encodePng(const std::uint8_t* rgba, int width, int height, bool flipRows,
                                    const PngOptions& options) {
  checkSize(width, height);
  std::vector<std::uint8_t> out;
  encode(rgba, width, height, flipRows, options, nullptr, &out);
  return out;
}

void writePng(const std::filesystem::path& path, const std::uint8_t* rgba, int width, int height, bool flipRows,
              const PngOptions& options) {
  checkSize(width, height);
  data::AtomicFile file(path);
  try {
    encode(rgba, width, height, flipRows, options, file.stream(), nullptr);
  } catch (const std::runtime_error& e) {
    throw data::WriteError("cannot write " + path.string() + ": " + e.what());
  }
  file.commit();
}

}  // namespace briefmap::render
