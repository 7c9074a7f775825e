#include "briefmap/render/glyph_atlas.hpp"

// Linked in from the build folder by label_atlas.S (.incbin of the atlas that make_label_atlas wrote).
extern "C" const unsigned char briefmap_label_atlas_start[];
extern "C" const unsigned char briefmap_label_atlas_end[];

namespace briefmap::render {

const GlyphAtlas& GlyphAtlas::embedded() {
  static const GlyphAtlas atlas = deserialize(
      briefmap_label_atlas_start, static_cast<std::size_t>(briefmap_label_atlas_end - briefmap_label_atlas_start));
  return atlas;
}

}  // namespace briefmap::render
