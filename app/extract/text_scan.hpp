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
  uint64_t keyHash = 0;          ///< wordHash(key), computed once so that every matcher can look the word up
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

/// A 64-bit hash of a folded word, well mixed in every bit (the phrase matchers index and filter by it).
uint64_t wordHash(std::string_view key);

/// Tokenises text[begin, end) of the document into `out` (cleared first).
void tokenize(std::string_view text, size_t begin, size_t end, Tokens& out);

/// Splits a document into sentences and calls `sentence(begin, end)` (bytes, end exclusive, trimmed) for each.
/// A line break, a markup tag (<p>, </div>, <br/> …) and . ! ? followed by a capital, a digit, a quote
/// or the end of the line end a sentence; common abbreviations (Mr., Gen., U.S.) and initials do not.
/// Sentences longer than kMaxSentenceBytes are cut at a space so that noise cannot make one huge quote.
inline constexpr size_t kMaxSentenceBytes = 4096;
void forEachSentence(std::string_view text, const std::function<void(size_t, size_t)>& sentence);

/// Phrases as sequences of folded words, found longest first at a token position.
class PhraseMatcher {
 public:
  /// Adds a phrase (tokenised and folded like the text); returns false when it has no words.
  bool add(std::string_view phrase, uint32_t payload);
  /// The longest phrase starting at token i: its payloads (several when phrases repeat) and its length
  /// in tokens (0 when none).
  size_t match(const Tokens& tokens, size_t i, std::vector<uint32_t>& payloads) const {
    payloads.clear();
    const uint64_t h = tokens.items[i].keyHash;
    const uint64_t bit = h >> m_filterShift;
    if (m_firstWordFilter.empty() || !(m_firstWordFilter[bit >> 6] >> (bit & 63) & 1)) return 0;
    return matchAt(tokens, i, payloads);
  }
  /// Whether exactly this phrase (as folded words) was added.
  bool contains(std::string_view phrase) const;
  bool empty() const { return m_phrases.empty(); }

 private:
  struct Phrase {
    std::vector<std::string> words;
    std::vector<uint64_t> hashes;  // wordHash of each word: most mismatches end on one comparison of integers
    std::vector<uint32_t> payloads;
  };
  // A word's phrases, found by the word's hash in an open-addressing table (linear probing, at most half full).
  struct FirstWord {
    uint64_t hash = 0;
    std::string word;
    std::vector<uint32_t> phrases;  // longest first
  };
  static constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;
  // The slot of `word` in m_slots: its FirstWord or the empty slot where it would go.
  size_t slotOf(uint64_t hash, std::string_view word) const;
  void growTable();
  size_t matchAt(const Tokens& tokens, size_t i, std::vector<uint32_t>& payloads) const;
  // Most words of a text start no phrase: a filter of 16 bits per first word (at least), indexed by the top bits
  // of the word's hash, answers that in the caller, from a few cache lines, before the table is touched (a text
  // goes through some twenty matchers, most of them small).
  std::vector<uint64_t> m_firstWordFilter;
  unsigned m_filterShift = 63;
  std::vector<uint32_t> m_slots;  // index into m_firstWords, or kEmptySlot
  std::vector<FirstWord> m_firstWords;
  std::vector<Phrase> m_phrases;
};

}  // namespace briefmap::extract::detail
