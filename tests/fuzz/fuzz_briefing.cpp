// libFuzzer: the briefing parser on any bytes. A BriefingError is the expected outcome for most; a briefing that
// parses must save and parse again to the same slides (what the window writes, it reads).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "briefmap/briefing/briefing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto loaded = briefmap::briefing::parseBriefing(text, "fuzz.json");
    const auto again = briefmap::briefing::parseBriefing(briefmap::briefing::toJson(loaded.briefing), "again.json");
    if (again.briefing.slides.size() != loaded.briefing.slides.size()) std::abort();
  } catch (const briefmap::briefing::BriefingError&) {
  }
  return 0;
}
