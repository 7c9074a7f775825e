#pragma once
// UTF-8 encoding of code points, shared by text layout (render) and document reading (extract).
#include <string>
#include <string_view>

namespace briefmap::data {

/// Appends one code point as UTF-8 (1 to 4 bytes). The caller passes valid code points (≤ U+10FFFF).
void appendUtf8(char32_t codePoint, std::string& out);

/// The whole text as UTF-8.
std::string encodeUtf8(std::u32string_view text);

}  // namespace briefmap::data
