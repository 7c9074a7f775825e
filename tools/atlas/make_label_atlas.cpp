// Build step: rasterises the label font into the binary glyph atlas that the renderer links in.
//   make_label_atlas FONT.ttf OUT.bin
#include <cstdio>
#include <exception>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/render/glyph_atlas.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_label_atlas FONT.ttf OUT.bin\n");
    return 2;
  }
  try {
    const auto atlas = briefmap::render::GlyphAtlas::fromFontFile(argv[1]);
    const auto bytes = atlas.serialize();
    briefmap::data::writeFileAtomically(argv[2], std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    std::printf("label atlas: %zu glyphs, %dx%d texels, %zu bytes\n", atlas.glyphCount(), atlas.width(), atlas.height(),
                bytes.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_label_atlas: %s\n", e.what());
    return 1;
  }
}
