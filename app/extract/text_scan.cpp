#include "text_scan.hpp"

#include <cctype>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace briefmap::extract::detail {
namespace {

// Base letters of U+00C0..U+00FF ('*' = not a letter, two-letter folds handled below).
constexpr std::string_view kLatin1 = "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
// Base letters of U+0100..U+017F (Latin Extended-A), in code point order.
constexpr std::string_view kLatinA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

bool isAsciiAlnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Letters beyond ASCII: everything from U+00C0 except punctuation and symbol blocks and ×, ÷.
bool isLetterCodePoint(char32_t cp) {
  if (cp < 0xC0) return false;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp == 0x2BC) return false;  // the modifier letter apostrophe is an apostrophe (see isApostrophe)
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, currency, arrows, symbols, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp == 0xFEFF || cp == 0xFFFD) return false;
  if (cp >= 0x1F000) return false;  // emoji
  return true;
}

bool isUpperCodePoint(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 'a' && cp <= 'z') return false;
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0xDF && cp <= 0xFF) return false;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  if (cp == 0x218 || cp == 0x21A) return true;
  if (cp == 0x219 || cp == 0x21B) return false;
  if (cp >= 0x400 && cp <= 0x42F) return true;   // Cyrillic capitals
  if (cp >= 0x430 && cp <= 0x45F) return false;
  return true;  // scripts without case, or not covered: do not block a match
}

bool isApostrophe(std::string_view text, size_t i, size_t& length) {
  if (text[i] == '\'') { length = 1; return true; }
  // U+02BC, the modifier letter apostrophe, as Ukrainian outlets write it in English: "Germanyʼs defense minister"
  // (Babel, round 15).
  if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xCA && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
    length = 2;
    return true;
  }
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[i + 2]) == 0x99 || static_cast<unsigned char>(text[i + 2]) == 0x98)) {
    length = 3;
    return true;
  }
  return false;
}

bool isWordChar(std::string_view text, size_t i, size_t& length) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) { length = 1; return isAsciiAlnum(c); }
  return isLetterCodePoint(decodeAt(text, i, length));
}

}  // namespace

char32_t decodeAt(std::string_view text, size_t i, size_t& length) {
  const auto c = static_cast<unsigned char>(text[i]);
  length = 1;
  if (c < 0x80) return c;
  int extra = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
  else return 0xFFFD;
  if (i + extra >= text.size()) return 0xFFFD;
  for (int k = 1; k <= extra; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (cc & 0x3F);
  }
  length = 1 + extra;
  return cp;
}

void appendFolded(std::string_view utf8, std::string& out) {
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (c != '\'') out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    size_t length = 1;
    const char32_t cp = decodeAt(utf8, i, length);
    if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '*') out.push_back(kLatin1[cp - 0xC0]);
    else if (cp == 0xC6 || cp == 0xE6) out += "ae";
    else if (cp == 0xDF) out += "ss";
    else if (cp == 0xDE || cp == 0xFE) out += "th";
    else if (cp >= 0x100 && cp <= 0x17F && kLatinA[cp - 0x100] != '*') out.push_back(kLatinA[cp - 0x100]);
    else if (cp == 0x132 || cp == 0x133) out += "ij";
    else if (cp == 0x152 || cp == 0x153) out += "oe";
    else if (cp == 0x218 || cp == 0x219) out.push_back('s');
    else if (cp == 0x21A || cp == 0x21B) out.push_back('t');
    else if (cp == 0x2018 || cp == 0x2019 || cp == 0x2BC) {}  // apostrophes
    else out.append(utf8.substr(i, length));
    i += length;
  }
}

std::string folded(std::string_view utf8) {
  std::string out;
  appendFolded(utf8, out);
  return out;
}

// The end of a web address starting at `i` (http://, https://, www.), else `i`. Words inside an address are not
// prose: "…/Agreement-on-safe-navigation-in-the-Black-Sea-as-Riyadh-talks-conclude" names no place and no cue.
size_t webAddressEnd(std::string_view text, size_t i, size_t end) {
  auto startsWith = [&](std::string_view prefix) {
    if (end - i < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(text[i + k])) != prefix[k]) return false;
    return true;
  };
  if (!startsWith("http://") && !startsWith("https://") && !startsWith("www.")) return i;
  size_t j = i;
  while (j < end && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
  return j;
}

uint64_t wordHash(std::string_view key) {
  // FNV-1a, then MurmurHash3's finaliser so that the top bits (the filter's index) depend on every byte.
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

void tokenize(std::string_view text, size_t begin, size_t end, Tokens& out) {
  out.clear();
  size_t i = begin;
  while (i < end) {
    size_t length = 1;
    if (!isWordChar(text, i, length)) { i += length; continue; }
    const char c0 = text[i];
    if (c0 == 'h' || c0 == 'H' || c0 == 'w' || c0 == 'W')
      if (const size_t address = webAddressEnd(text, i, end); address > i) { i = address; continue; }
    Token token;
    token.start = static_cast<uint32_t>(i);
    token.keyOffset = static_cast<uint32_t>(out.keys.size());
    bool first = true, anyLower = false;
    size_t j = i;
    while (j < end) {
      const auto c = static_cast<unsigned char>(text[j]);
      if (c < 0x80 && isAsciiAlnum(c)) {
        // ASCII letters and digits (most of a text), as the general case below would read them.
        const bool upper = c >= 'A' && c <= 'Z';
        if (first) token.capitalised = upper;
        if (!upper && !(c >= '0' && c <= '9')) anyLower = true;
        first = false;
        out.keys.push_back(static_cast<char>(upper ? c + 32 : c));
        ++j;
        continue;
      }
      size_t l = 1;
      if (c >= 0x80 && isWordChar(text, j, l)) {
        const char32_t cp = decodeAt(text, j, l);
        const bool upper = isUpperCodePoint(cp);
        if (first) token.capitalised = upper || !(cp >= 0xDF && cp <= 0x17F);
        if (!upper) anyLower = true;
        first = false;
        appendFolded(text.substr(j, l), out.keys);
        j += l;
        continue;
      }
      size_t apostrophe = 0;
      if (isApostrophe(text, j, apostrophe) && j + apostrophe < end) {
        size_t l2 = 1;
        if (isWordChar(text, j + apostrophe, l2)) {
          // Possessive 's: the word ends before the apostrophe and the s is skipped.
          const char next = text[j + apostrophe];
          size_t after = j + apostrophe + 1, l3 = 1;
          if ((next == 's' || next == 'S') && (after >= end || !isWordChar(text, after, l3))) {
            token.end = static_cast<uint32_t>(j);
            j = after;
            goto done;
          }
          j += apostrophe;  // joins: Chornomors'k, O'Brien
          continue;
        }
      }
      break;
    }
    token.end = static_cast<uint32_t>(j);
  done:
    token.keyLength = static_cast<uint32_t>(out.keys.size() - token.keyOffset);
    token.keyHash = wordHash(std::string_view(out.keys).substr(token.keyOffset, token.keyLength));
    token.allCaps = !anyLower;
    out.items.push_back(token);
    i = j;
  }
}

namespace {

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Whitespace including no-break and thin spaces, and the bytes a sentence may be trimmed of.
size_t spaceAt(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (isSpace(c) || c == '\n' || c == '\r') return 1;
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
    const auto d = static_cast<unsigned char>(text[i + 2]);
    if ((d >= 0x80 && d <= 0x8B) || d == 0xAF) return 3;
  }
  return 0;
}

// Closing quotes and brackets that belong to the sentence they follow.
size_t closerAt(std::string_view text, size_t i) {
  const char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
    const auto d = static_cast<unsigned char>(text[i + 2]);
    if (d == 0x9D || d == 0x99 || d == 0xBA) return 3;  // ” ’ ›
  }
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB)
    return 2;  // »
  return 0;
}

// Does a new sentence start here (after spaces)? Capitals, digits, opening quotes and non-ASCII letters do.
bool startsSentence(std::string_view text, size_t j) {
  while (j < text.size()) {
    const size_t s = spaceAt(text, j);
    if (s == 0) break;
    if (text[j] == '\n' || text[j] == '\r') return true;
    j += s;
  }
  if (j >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[j]);
  if (c >= 'a' && c <= 'z') return false;
  if (c == ',' || c == ';' || c == ':' || c == ')' ) return false;
  return true;
}

bool isAbbreviation(std::string_view text, size_t sentenceStart, size_t dot) {
  size_t b = dot;
  while (b > sentenceStart && isAsciiAlnum(static_cast<unsigned char>(text[b - 1]))) --b;
  const std::string_view word = text.substr(b, dot - b);
  if (word.empty()) return false;
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return true;  // initials, U.S., U.N.
  static constexpr std::array<std::string_view, 40> kAbbreviations = {
      "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "st", "sen", "rep", "gov", "prof", "jr", "sr", "no",
      "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
      "oct", "nov", "dec", "adm", "capt", "maj", "cmdr", "approx", "fig"};
  std::string lower(word);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

// A markup tag at text[i] == '<': a letter, '/' or '!' next and '>' before the next '<' or line end.
size_t tagEnd(std::string_view text, size_t i) {
  if (i + 1 >= text.size()) return 0;
  const auto n = static_cast<unsigned char>(text[i + 1]);
  if (!(std::isalpha(n) || n == '/' || n == '!' || n == '?')) return 0;
  const size_t limit = std::min(text.size(), i + 1024);
  for (size_t j = i + 1; j < limit; ++j) {
    if (text[j] == '>') return j + 1;
    if (text[j] == '<' || text[j] == '\n') return 0;
  }
  return 0;
}

}  // namespace

void forEachSentence(std::string_view text, const std::function<void(size_t, size_t)>& sentence) {
  const size_t n = text.size();
  size_t start = 0;
  auto emit = [&](size_t b, size_t e) {
    while (b < e) {
      const size_t s = spaceAt(text, b);
      if (s == 0) break;
      b += s;
    }
    while (e > b) {
      // trim trailing spaces (ASCII, and the multi-byte ones)
      if (spaceAt(text, e - 1) == 1) { --e; continue; }
      if (e - b >= 2 && spaceAt(text, e - 2) == 2) { e -= 2; continue; }
      if (e - b >= 3 && spaceAt(text, e - 3) == 3) { e -= 3; continue; }
      break;
    }
    if (e > b) sentence(b, e);
  };
  size_t i = 0;
  while (i < n) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      emit(start, i);
      start = ++i;
      continue;
    }
    if (c == '<') {
      if (const size_t e = tagEnd(text, i)) {
        emit(start, i);
        start = i = e;
        continue;
      }
    }
    if (c == '.' || c == '!' || c == '?') {
      size_t j = i + 1;
      while (j < n && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
      while (j < n) {
        const size_t l = closerAt(text, j);
        if (l == 0) break;
        j += l;
      }
      const bool atBreak = j >= n || spaceAt(text, j) > 0;
      // An abbreviation may close a bracket without ending the sentence: "the United States (U.S.) President Donald
      // Trump" (round 15); a closing quote after it may end one.
      const bool bracketsOnly = std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i + 1),
                                            text.begin() + static_cast<std::ptrdiff_t>(j),
                                            [](char ch) { return ch == ')' || ch == ']'; });
      if (atBreak && !(c == '.' && bracketsOnly && isAbbreviation(text, start, i)) && startsSentence(text, j)) {
        emit(start, j);
        start = i = j;
        continue;
      }
      i = j;
      continue;
    }
    if (i - start >= kMaxSentenceBytes && spaceAt(text, i) == 1) {
      emit(start, i);
      start = i;
    }
    ++i;
  }
  emit(start, n);
}

size_t PhraseMatcher::slotOf(uint64_t hash, std::string_view word) const {
  const size_t mask = m_slots.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint32_t index = m_slots[slot];
    if (index == kEmptySlot) return slot;
    const auto& entry = m_firstWords[index];
    if (entry.hash == hash && entry.word == word) return slot;
  }
}

void PhraseMatcher::growTable() {
  m_slots.assign(std::max<size_t>(64, m_slots.size() * 2), kEmptySlot);
  const size_t filterBits = m_slots.size() * 8;  // the table is at most half full: 16 bits or more per word
  m_firstWordFilter.assign(filterBits / 64, 0);
  m_filterShift = 64 - static_cast<unsigned>(std::countr_zero(filterBits));
  const size_t mask = m_slots.size() - 1;
  for (uint32_t index = 0; index < m_firstWords.size(); ++index) {
    const uint64_t h = m_firstWords[index].hash;
    size_t slot = h & mask;
    while (m_slots[slot] != kEmptySlot) slot = (slot + 1) & mask;
    m_slots[slot] = index;
    const uint64_t bit = h >> m_filterShift;
    m_firstWordFilter[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

bool PhraseMatcher::add(std::string_view phrase, uint32_t payload) {
  Tokens tokens;
  tokenize(phrase, 0, phrase.size(), tokens);
  if (tokens.size() == 0) return false;
  Phrase candidate;
  for (size_t i = 0; i < tokens.size(); ++i) {
    candidate.words.emplace_back(tokens.key(i));
    candidate.hashes.push_back(tokens.items[i].keyHash);
  }
  const uint64_t h = candidate.hashes[0];
  if ((m_firstWords.size() + 1) * 2 > m_slots.size()) growTable();
  const size_t slot = slotOf(h, candidate.words[0]);
  if (m_slots[slot] == kEmptySlot) {
    m_slots[slot] = static_cast<uint32_t>(m_firstWords.size());
    m_firstWords.push_back({h, candidate.words[0], {}});
    const uint64_t bit = h >> m_filterShift;
    m_firstWordFilter[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  auto& list = m_firstWords[m_slots[slot]].phrases;
  for (uint32_t index : list) {
    if (m_phrases[index].words == candidate.words) {
      auto& p = m_phrases[index].payloads;
      if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
      return true;
    }
  }
  candidate.payloads = {payload};
  m_phrases.push_back(std::move(candidate));
  list.push_back(static_cast<uint32_t>(m_phrases.size() - 1));
  std::stable_sort(list.begin(), list.end(),
                   [&](uint32_t a, uint32_t b) { return m_phrases[a].words.size() > m_phrases[b].words.size(); });
  return true;
}

bool PhraseMatcher::contains(std::string_view phrase) const {
  Tokens tokens;
  tokenize(phrase, 0, phrase.size(), tokens);
  if (tokens.size() == 0 || m_slots.empty()) return false;
  const uint32_t first = m_slots[slotOf(tokens.items[0].keyHash, tokens.key(0))];
  if (first == kEmptySlot) return false;
  for (uint32_t index : m_firstWords[first].phrases) {
    const auto& words = m_phrases[index].words;
    if (words.size() != tokens.size()) continue;
    bool same = true;
    for (size_t k = 1; k < words.size() && same; ++k) same = tokens.key(k) == words[k];
    if (same) return true;
  }
  return false;
}

size_t PhraseMatcher::matchAt(const Tokens& tokens, size_t i, std::vector<uint32_t>& payloads) const {
  const uint64_t h = tokens.items[i].keyHash;
  const uint32_t first = m_slots[slotOf(h, tokens.key(i))];
  if (first == kEmptySlot) return 0;
  for (uint32_t index : m_firstWords[first].phrases) {
    const auto& phrase = m_phrases[index];
    const size_t n = phrase.words.size();
    if (i + n > tokens.size()) continue;
    bool same = true;
    for (size_t k = 1; k < n && same; ++k)
      same = tokens.items[i + k].keyHash == phrase.hashes[k] && tokens.key(i + k) == phrase.words[k];
    if (same) {
      payloads = phrase.payloads;
      return n;
    }
  }
  return 0;
}

}  // namespace briefmap::extract::detail
