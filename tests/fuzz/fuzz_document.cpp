// libFuzzer: a document as the Sources panel and `extract` read it: any bytes (any encoding, binary, huge
// lines), decoded, split into sentences, places and quantities found, candidates and facts made.
#include <cstdint>
#include <string_view>

#include "briefmap/data/resources.hpp"
#include "briefmap/extract/document.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/extract/gazetteer.hpp"

namespace {
const briefmap::extract::Extractor& extractor() {
  static const briefmap::extract::Gazetteer gazetteer = briefmap::extract::Gazetteer::load(briefmap::data::findGeodataDir());
  static const briefmap::extract::Extractor engine(gazetteer);
  return engine;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& engine = extractor();
  try {
    const auto document = briefmap::extract::documentFromBytes("fuzz.txt", std::string_view(reinterpret_cast<const char*>(data), size));
    // The one reading `extract`, the Sources panel and the workspace import use.
    (void)briefmap::extract::extractAll(engine, document, /*keepSentences=*/true);
  } catch (const briefmap::extract::DocumentError&) {
  }
  return 0;
}
