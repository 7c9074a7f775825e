#pragma once
// Internal to the extract module: case/diacritic folding, sentence splitting, word tokens and a phrase
// matcher over folded tokens. Offsets are byte offsets into the UTF-8 document.
#include <cstddef>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace briefmap::extract::detail {

/// Appends the folded form of UTF-8 text: ASCII lower case, Latin diacritics removed ("Chișinău" ->
/// "chisinau", "Łask" -> "lask"), apostrophes dropped. Other scripts are kept byte for byte.
void appendFolded(std::string_view utf8, std::string& out);
std::string folded(std::string_view utf8);

/// Decodes one UTF-8 code point at text[i] (i < size); `length` gets its byte length (1 for a stray byte).
char32_t decodeAt(std::string_view text, size_t i, size_t& length);

/// A word of a sentence: letters and digits; hyphens, periods and other punctuation separate words;
/// an apostrophe between letters joins them, a possessive "'s" is dropped.
struct Token {
  uint32_t start = 0, end = 0;   ///< bytes in the document, end exclusive
  uint32_t keyOffset = 0, keyLength = 0;  ///< the folded key in Tokens::keys
  bool capitalised = false;      ///< first letter upper case (or a script without case)
  bool allCaps = false;          ///< every letter upper case ("US", "UK")
};

struct Tokens {
  std::vector<Token> items;
  std::string keys;  ///< folded keys, back to back
  std::string_view key(size_t i) const { return std::string_view(keys).substr(items[i].keyOffset, items[i].keyLength); }
  size_t size() const { return items.size(); }
  void clear() { items.clear(); keys.clear(); }
};

/// Tokenises text[begin, end) of the document into `out` (cleared first).
void tokenize(std::string_view text, size_t begin, size_t end, Tokens& out);

/// Splits a document into sentences and calls `sentence(begin, end)` (bytes, end exclusive, trimmed) for each.
/// A line break, a markup tag (<p>, </div>, <br/> …) and . ! ? followed by a capital, a digit, a quote
/// or the end of the line end a sentence; common abbreviations (Mr., Gen., U.S.) and initials do not.
/// Sentences longer than kMaxSentenceBytes are cut at a space so that noise cannot make one huge quote.
inline constexpr size_t kMaxSentenceBytes = 4096;
void forEachSentence(std::string_view text, const std::function<void(size_t, size_t)>& sentence);

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// Phrases as sequences of folded words, found longest first at a token position.
class PhraseMatcher {
 public:
  /// Adds a phrase (tokenised and folded like the text); returns false when it has no words.
  bool add(std::string_view phrase, uint32_t payload);
  /// The longest phrase starting at token i: its payloads (several when phrases repeat) and its length
  /// in tokens (0 when none).
  size_t match(const Tokens& tokens, size_t i, std::vector<uint32_t>& payloads) const;
  /// Whether exactly this phrase (as folded words) was added.
  bool contains(std::string_view phrase) const;
  bool empty() const { return m_byFirst.empty(); }

 private:
  struct Phrase {
    std::vector<std::string> words;
    std::vector<uint32_t> payloads;
  };
  // A 65,536-bit filter on a cheap hash of each phrase's first word: most words of a text start no phrase,
  // and the filter answers that without hashing the whole word into the map.
  static uint32_t quickHash(std::string_view word);
  std::vector<uint64_t> m_firstWordFilter = std::vector<uint64_t>(1024, 0);
  std::vector<Phrase> m_phrases;
  // first word -> phrases starting with it, longest first
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> m_byFirst;
};

}  // namespace briefmap::extract::detail
