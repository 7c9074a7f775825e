#include "briefmap/extract/quantity.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace briefmap::extract {

const char* nameOf(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::Troops: return "troops";
    case QuantityKind::Distance: return "distance";
    case QuantityKind::Money: return "money";
  }
  return "troops";
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Case-insensitive: does text[i, end) start with the ASCII word w, followed by a non-letter?
bool wordAt(std::string_view text, size_t i, size_t end, std::string_view w) {
  if (i + w.size() > end) return false;
  for (size_t k = 0; k < w.size(); ++k)
    if (lower(text[i + k]) != w[k]) return false;
  return i + w.size() == end || !isAlpha(text[i + w.size()]);
}

size_t skipSpaces(std::string_view text, size_t i, size_t end) {
  while (i < end) {
    if (text[i] == ' ' || text[i] == '\t') { ++i; continue; }
    if (i + 1 < end && static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      i += 2;
      continue;
    }
    break;
  }
  return i;
}

// A currency sign at i: its code and byte length.
size_t currencyAt(std::string_view text, size_t i, size_t end, std::string& code) {
  if (text.substr(i, 3) == "US$" && i + 3 <= end) { code = "USD"; return 3; }
  if (text[i] == '$') { code = "USD"; return 1; }
  if (text.substr(i, 2) == "\xC2\xA3" && i + 2 <= end) { code = "GBP"; return 2; }
  if (text.substr(i, 3) == "\xE2\x82\xAC" && i + 3 <= end) { code = "EUR"; return 3; }
  return 0;
}

struct Number {
  double value = 0;
  size_t end = 0;
  bool scaled = false;
  double factor = 1;  ///< the scale word's factor ("thousand": 1000)
  /// The value if its periods separate thousands ("10.000 soldiers", as reports translated from German or
  /// Ukrainian write it): set only for one to three digits then groups of exactly three; a troop number takes this
  /// reading (round 8).
  std::optional<double> dottedThousands;
};

// "10.000": one to three digits, then groups of a period and exactly three digits, from i to exactly numberEnd
// (where the number was read to; "1.500.000" is read as 1.500 and then stops, so it gets no such reading).
std::optional<double> dottedThousandsAt(std::string_view text, size_t i, size_t numberEnd) {
  const size_t end = numberEnd;
  double value = 0;
  size_t j = i;
  while (j < end && isDigit(text[j])) value = value * 10 + (text[j++] - '0');
  if (j == i || j - i > 3) return std::nullopt;
  bool grouped = false;
  while (j + 3 < end && text[j] == '.' && isDigit(text[j + 1]) && isDigit(text[j + 2]) && isDigit(text[j + 3]) &&
         (j + 4 >= end || !isDigit(text[j + 4]))) {
    value = value * 1000 + (text[j + 1] - '0') * 100 + (text[j + 2] - '0') * 10 + (text[j + 3] - '0');
    j += 4;
    grouped = true;
  }
  if (!grouped || j != numberEnd) return std::nullopt;
  if (j + 1 < text.size() && text[j] == '.' && isDigit(text[j + 1])) return std::nullopt;  // "1.500.000"
  return value;
}

// "15,000", "4.4", "25" with an optional scale: " thousand", " million", " billion", and for money "bn", "m", "k".
bool readNumber(std::string_view text, size_t i, size_t end, bool money, Number& out) {
  if (i >= end || !isDigit(text[i])) return false;
  double value = 0;
  size_t j = i;
  while (j < end && isDigit(text[j])) value = value * 10 + (text[j++] - '0');
  // Thousands groups: a comma and exactly three digits.
  while (j + 3 < end && text[j] == ',' && isDigit(text[j + 1]) && isDigit(text[j + 2]) && isDigit(text[j + 3]) &&
         (j + 4 >= end || !isDigit(text[j + 4]))) {
    value = value * 1000 + (text[j + 1] - '0') * 100 + (text[j + 2] - '0') * 10 + (text[j + 3] - '0');
    j += 4;
  }
  // Groups separated by a space, a no-break or a narrow no-break space ("15 000", "100 000"), as reports translated
  // from Ukrainian or French write them: only after a first group of one to three digits, and only groups of three.
  if (j > i && j - i <= 3) {
    for (;;) {
      size_t gap = 0;
      if (j < end && text[j] == ' ') gap = 1;
      else if (text.substr(j, 2) == "\xC2\xA0") gap = 2;
      else if (text.substr(j, 3) == "\xE2\x80\xAF" || text.substr(j, 3) == "\xE2\x80\x89") gap = 3;
      const size_t g = j + gap;
      if (!gap || g + 3 > end || !isDigit(text[g]) || !isDigit(text[g + 1]) || !isDigit(text[g + 2]) ||
          (g + 3 < end && (isDigit(text[g + 3]) || (text[g + 3] == ',' && g + 4 < end && isDigit(text[g + 4])))))
        break;
      value = value * 1000 + (text[g] - '0') * 100 + (text[g + 1] - '0') * 10 + (text[g + 2] - '0');
      j = g + 3;
    }
  }
  if (j + 1 < end && text[j] == '.' && isDigit(text[j + 1])) {
    double scale = 0.1;
    for (++j; j < end && isDigit(text[j]); ++j, scale /= 10) value += (text[j] - '0') * scale;
  }
  out = {value, j, false};
  out.dottedThousands = dottedThousandsAt(text, i, j);
  if (j < end && isAlpha(text[j])) {
    // Letters right after the digits: money suffixes ("£4.4bn", "$195m"), and "k" for a thousand of anything
    // ("25k troops"; the unit must still follow, round 6).
    if (!money) {
      if (wordAt(text, j, end, "k")) {
        out = {value * 1e3, j + 1, true, 1e3};
        return true;
      }
      return false;  // "150mph", "16,500ft": units this module does not read
    }
    static constexpr std::array<std::pair<std::string_view, double>, 5> kSuffix = {
        {{"bn", 1e9}, {"tn", 1e12}, {"mn", 1e6}, {"m", 1e6}, {"k", 1e3}}};
    for (const auto& [s, f] : kSuffix) {
      if (wordAt(text, j, end, s)) {
        out = {value * f, j + s.size(), true, f};
        return true;
      }
    }
    return false;
  }
  const size_t k = skipSpaces(text, j, end);
  static constexpr std::array<std::pair<std::string_view, double>, 4> kScale = {
      {{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}}};
  for (const auto& [s, f] : kScale) {
    if (wordAt(text, k, end, s)) {
      out = {value * f, k + s.size(), true, f};
      return true;
    }
  }
  if (money && k > j) {
    for (const auto& [s, f] : std::array<std::pair<std::string_view, double>, 3>{{{"bn", 1e9}, {"m", 1e6}, {"mn", 1e6}}}) {
      if (wordAt(text, k, end, s)) {
        out = {value * f, k + s.size(), true, f};
        return true;
      }
    }
  }
  return true;
}

enum class Bound { Exact, Max, Min };

// Is the word before `at` (past spaces) `w`, as a whole word? ("between" before "4,000 and 60,000")
// Where the word `w` (lower case) starts when it ends text[begin, at) but for spaces, in any case; npos otherwise.
size_t wordBefore(std::string_view text, size_t begin, size_t at, std::string_view w) {
  size_t e = at;
  while (e > begin && text[e - 1] == ' ') --e;
  if (e < begin + w.size()) return std::string_view::npos;
  const size_t s = e - w.size();
  if (s > begin && isAlpha(text[s - 1])) return std::string_view::npos;
  for (size_t k = 0; k < w.size(); ++k)
    if (lower(text[s + k]) != w[k]) return std::string_view::npos;
  return s;
}

bool afterWord(std::string_view text, size_t begin, size_t at, std::string_view w) {
  return wordBefore(text, begin, at, w) != std::string_view::npos;
}

// Qualifier words just before a number: bounds ("under", "up to", "more than") and approximation.
size_t qualifierBefore(std::string_view text, size_t begin, size_t numberStart, Bound& bound, bool& approximate) {
  struct Q {
    std::string_view words;
    Bound bound;
    bool approximate;
  };
  // Round 6: the bounds as reporters write them ("comfortably north of 10,000", "as many as 30,000").
  static constexpr std::array<Q, 32> kQualifiers = {{
      {"north of", Bound::Min, false},   {"south of", Bound::Max, false},  {"as many as", Bound::Max, false},
      {"a minimum of", Bound::Min, false}, {"a maximum of", Bound::Max, false}, {"close to", Bound::Exact, true},
      {"in the region of", Bound::Exact, true},
      {"between", Bound::Exact, false},  // "between 4,000 and 60,000": a range (see findQuantities)
      {"fewer than", Bound::Max, false}, {"less than", Bound::Max, false}, {"no more than", Bound::Max, false},
      {"up to", Bound::Max, false},      {"at most", Bound::Max, false},   {"maximum of", Bound::Max, false},
      {"under", Bound::Max, false},      {"below", Bound::Max, false},     {"more than", Bound::Min, false},
      {"at least", Bound::Min, false},   {"in excess of", Bound::Min, false}, {"upwards of", Bound::Min, false},
      {"exceeding", Bound::Min, false},  {"over", Bound::Min, false},      {"above", Bound::Min, false},
      {"an estimated", Bound::Exact, true}, {"approximately", Bound::Exact, true}, {"roughly", Bound::Exact, true},
      {"around", Bound::Exact, true},    {"about", Bound::Exact, true},    {"nearly", Bound::Exact, true},
      {"almost", Bound::Exact, true},    {"some", Bound::Exact, true},     {"estimated", Bound::Exact, true},
  }};
  size_t end = numberStart;
  while (end > begin && text[end - 1] == ' ') --end;
  for (const auto& q : kQualifiers) {
    if (end < begin + q.words.size()) continue;
    const size_t start = end - q.words.size();
    if (start > begin && isAlpha(text[start - 1])) continue;
    bool same = true;
    for (size_t k = 0; k < q.words.size() && same; ++k) same = lower(text[start + k]) == q.words[k];
    if (!same) continue;
    bound = q.bound;
    approximate = q.approximate;
    return start;
  }
  bound = Bound::Exact;
  approximate = false;
  return numberStart;
}

// The next word (ASCII letters) at or after i, and where it ends.
std::string_view nextWord(std::string_view text, size_t i, size_t end, size_t& wordStart, size_t& wordEnd) {
  i = skipSpaces(text, i, end);
  size_t j = i;
  while (j < end && (isAlpha(text[j]) || (j > i && text[j] == '-' && j + 1 < end && isAlpha(text[j + 1])))) ++j;
  wordStart = i;
  wordEnd = j;
  return text.substr(i, j - i);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (lower(a[k]) != b[k]) return false;
  return true;
}

// Whether `text` holds `lowerNeedle` (written in lower case), in any case.
bool containsIgnoreCase(std::string_view text, std::string_view lowerNeedle) {
  return std::search(text.begin(), text.end(), lowerNeedle.begin(), lowerNeedle.end(),
                     [](char a, char b) { return lower(a) == b; }) != text.end();
}

// A force named in the 160 bytes before `at` in the sentence (its nouns, singular or plural): what a later count of
// people is the size of.
bool forceNamedBefore(std::string_view text, size_t begin, size_t at) {
  const size_t from = at > begin + 160 ? at - 160 : begin;
  const std::string_view before = text.substr(from, at - from);
  for (std::string_view noun : {"force", "troops", "peacekeep", "contingent", "mission", "brigade", "army", "armies"})
    if (containsIgnoreCase(before, noun)) return true;
  return false;
}

bool isOneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  for (auto w : list)
    if (equalsIgnoreCase(word, w)) return true;
  return false;
}

// The level a count changes from, written just before `at`: "from 1,700 to ", "from roughly 1,700 to ". Falling
// levels only reach here: a rising "from 50 to 250" is read as one range.
struct LevelFrom {
  double value = 0;
  size_t start = 0, end = 0;  // the qualifier and the number
  bool approximate = false;
};
std::optional<LevelFrom> levelChangedFrom(std::string_view text, size_t begin, size_t at) {
  if (!afterWord(text, begin, at, "to")) return std::nullopt;
  size_t numberEnd = at;
  while (numberEnd > begin && text[numberEnd - 1] == ' ') --numberEnd;
  numberEnd -= 2;  // "to"
  while (numberEnd > begin && text[numberEnd - 1] == ' ') --numberEnd;
  size_t numberStart = numberEnd;
  while (numberStart > begin && (isDigit(text[numberStart - 1]) || text[numberStart - 1] == ',' || text[numberStart - 1] == '.'))
    --numberStart;
  while (numberStart < numberEnd && !isDigit(text[numberStart])) ++numberStart;
  Number number;
  if (numberStart == numberEnd || !readNumber(text, numberStart, numberEnd, false, number) || number.end != numberEnd)
    return std::nullopt;
  Bound bound = Bound::Exact;
  LevelFrom level;
  level.start = qualifierBefore(text, begin, numberStart, bound, level.approximate);
  if (bound != Bound::Exact || !afterWord(text, begin, level.start, "from")) return std::nullopt;
  level.value = number.dottedThousands && !number.scaled ? *number.dottedThousands : number.value;
  level.end = numberEnd;
  return level;
}

}  // namespace

std::vector<Quantity> findQuantities(std::string_view text, size_t begin, size_t end,
                                     std::span<const double> earlierTroops) {
  std::vector<Quantity> out;
  size_t i = begin;
  while (i < end) {
    // Only a digit or the first byte of a currency sign ("$", "US$", "£", "€") can start a quantity.
    if (const char c = text[i]; !isDigit(c) && c != '$' && c != 'U' && c != '\xC2' && c != '\xE2') {
      ++i;
      continue;
    }
    std::string currency;
    size_t numberStart = i;
    const size_t sign = currencyAt(text, i, end, currency);
    if (sign) {
      numberStart = skipSpaces(text, i + sign, end);
      if (numberStart >= end || !isDigit(text[numberStart])) { i += sign; continue; }
    } else if (!isDigit(text[i]) || (i > begin && (isAlpha(text[i - 1]) || isDigit(text[i - 1]) || text[i - 1] == '.' ||
                                                   text[i - 1] == ',' || text[i - 1] == '-'))) {
      ++i;
      continue;
    }
    Number first;
    if (!readNumber(text, numberStart, end, !currency.empty(), first)) {
      i = numberStart + 1;
      while (i < end && (isDigit(text[i]) || isAlpha(text[i]))) ++i;
      continue;
    }
    // A range: "15,000 to 20,000", "100,000-150,000", "25–30 thousand", "£1,000 to £4,000".
    Number second;
    bool range = false;
    {
      size_t k = skipSpaces(text, first.end, end);
      size_t afterSep = 0;
      if (k < end && text[k] == '-') afterSep = k + 1;
      else if (text.substr(k, 3) == "\xE2\x80\x93" || text.substr(k, 3) == "\xE2\x80\x94") afterSep = k + 3;
      else if (wordAt(text, k, end, "to")) afterSep = k + 2;
      else if (wordAt(text, k, end, "and") && afterWord(text, begin, numberStart, "between")) afterSep = k + 3;
      if (afterSep) {
        size_t n = skipSpaces(text, afterSep, end);
        std::string secondCurrency;
        if (const size_t s = currencyAt(text, n, end, secondCurrency)) n = skipSpaces(text, n + s, end);
        if (readNumber(text, n, end, !currency.empty(), second)) {
          // "25–30 thousand": the scale of the second number applies to both.
          const double low = second.scaled && !first.scaled ? first.value * second.factor : first.value;
          if (second.value >= low) {
            range = true;
            first.value = low;
          }
        }
      }
    }
    const size_t numbersEnd = range ? second.end : first.end;

    Quantity q;
    q.unit.clear();
    size_t unitEnd = 0;
    // "10,000-plus troops", "10,000+ troops", "10,000 plus troops": a lower bound; the unit is looked for after it
    // (round 8).
    size_t unitFrom = numbersEnd;
    bool plus = false;
    if (!range && currency.empty()) {
      if (unitFrom < end && text[unitFrom] == '+') {
        ++unitFrom;
        plus = true;
      } else if (unitFrom < end && (text[unitFrom] == '-' || text[unitFrom] == ' ') &&
                 wordAt(text, unitFrom + 1, end, "plus")) {
        unitFrom += 5;
        plus = true;
      }
    }
    // Units: hyphenated ("30,000-troop", "10-mile"), a distance word, money words, or a troop noun ahead.
    size_t ws = 0, we = 0;
    // The hyphen as typed or as typeset: U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN (round 14, half F: "an
    // 800,000‑strong army").
    const size_t hyphen = unitFrom >= end                                       ? 0
                          : text[unitFrom] == '-'                               ? 1
                          : text.substr(unitFrom, 3) == "\xE2\x80\x90" ||
                                    text.substr(unitFrom, 3) == "\xE2\x80\x91" ? 3
                                                                                : 0;
    if (hyphen > 0) {
      const auto w = nextWord(text, unitFrom + hyphen, end, ws, we);
      if (ws == unitFrom + hyphen) {
        // Round 30 (halves A to V): under a hundred members of a coalition are its nations, not troops ("the 30-strong
        // Coalition of the Willing", "some 30-member strong coalition"); "a 30,000-strong coalition force" is troops.
        auto countsNations = [&] {
          if (first.value >= 100) return false;
          size_t at = we, wordStart = 0, wordEnd = 0;
          for (int step = 0; step < 2; ++step) {
            const auto word = nextWord(text, at, end, wordStart, wordEnd);
            if (isOneOf(word, {"coalition", "alliance", "bloc", "nations", "countries"})) return true;
            at = wordEnd;
          }
          return false;
        };
        if (isOneOf(w, {"troop", "strong", "soldier", "man", "member", "person", "personnel"}) && !countsNations()) {
          q.kind = QuantityKind::Troops;  // "a 30,000-strong force", "a 10,000-man contingent", "a 5,000-member mission"
          unitEnd = we;
        }
        else if (isOneOf(w, {"km", "kilometre", "kilometer"})) { q.kind = QuantityKind::Distance; q.unit = "km"; unitEnd = we; }
        else if (isOneOf(w, {"mile"})) { q.kind = QuantityKind::Distance; q.unit = "mi"; unitEnd = we; }
      }
    }
    if (!unitEnd && !currency.empty()) {
      q.kind = QuantityKind::Money;
      unitEnd = numbersEnd;
    }
    if (!unitEnd) {
      const auto w = nextWord(text, unitFrom, end, ws, we);
      if (isOneOf(w, {"km", "kilometers", "kilometres", "kilometer", "kilometre"})) {
        q.kind = QuantityKind::Distance; q.unit = "km"; unitEnd = we;
      } else if (isOneOf(w, {"miles", "mile"})) {
        q.kind = QuantityKind::Distance; q.unit = "mi"; unitEnd = we;
      } else if (isOneOf(w, {"meters", "metres", "meter", "metre"})) {
        q.kind = QuantityKind::Distance; q.unit = "m"; unitEnd = we;
      } else if (isOneOf(w, {"dollars"})) {
        q.kind = QuantityKind::Money; currency = "USD"; unitEnd = we;
      } else if (isOneOf(w, {"euros"})) {
        q.kind = QuantityKind::Money; currency = "EUR"; unitEnd = we;
      } else if (isOneOf(w, {"pounds"})) {
        q.kind = QuantityKind::Money; currency = "GBP"; unitEnd = we;
      } else if (isOneOf(w, {"strong", "strength"})) {  // "20,000 strong"; round 37 (half c): "The 65,000 strength"
        q.kind = QuantityKind::Troops; unitEnd = we;
      } else {
        // "15,000 to 20,000 European troops", "some 900,000 people under arms": a troop noun within three
        // words, past adjectives (capitalised, or a few common ones), never past another number.
        // Abbreviations ("1,000 U.S. troops") count one step per letter.
        size_t at = unitFrom;
        // Round 43 (half i): past the quote that closes a speaker's words ("“at least 200,000” allied troops").
        if (text.substr(at, 3) == "\xE2\x80\x9D") at += 3;
        else if (at < end && text[at] == '"') at += 1;
        for (int step = 0; step < 5 && !unitEnd; ++step) {
          const auto word = nextWord(text, at, end, ws, we);
          if (word.empty()) break;
          // Round 22 (half N): what is counted comes first, even capitalised in a headline ("26 Nations Pledge Troops").
          if (isOneOf(word, {"nations", "countries", "states", "allies", "members", "governments"})) break;
          // Round 19 (halves A to K): a monitoring mission's size counts as a force's ("patrolling by 5000 civilian
          // observers and police officers", labelled a troop number).
          if (isOneOf(word, {"troops", "troop", "soldiers", "personnel", "servicemen", "peacekeepers", "marines",
                             "paratroopers", "servicemembers", "forces", "military-personnel", "observers",
                             "monitors"})) {
            q.kind = QuantityKind::Troops; unitEnd = we;
          } else if (isOneOf(word, {"boots"})) {  // "10,000 boots on the ground"
            size_t s2 = 0, e2 = 0, s3 = 0, e3 = 0, s4 = 0, e4 = 0;
            if (isOneOf(nextWord(text, we, end, s2, e2), {"on"}) && isOneOf(nextWord(text, e2, end, s3, e3), {"the"}) &&
                isOneOf(nextWord(text, e3, end, s4, e4), {"ground"})) {
              q.kind = QuantityKind::Troops;
              unitEnd = e4;
            }
            break;
          } else if (isOneOf(word, {"service"})) {
            size_t s2 = 0, e2 = 0;
            if (isOneOf(nextWord(text, we, end, s2, e2), {"members", "personnel"})) { q.kind = QuantityKind::Troops; unitEnd = e2; }
            break;
          } else if (isOneOf(word, {"people"})) {
            size_t s2 = 0, e2 = 0, s3 = 0, e3 = 0;
            if (isOneOf(nextWord(text, we, end, s2, e2), {"under"}) && isOneOf(nextWord(text, e2, end, s3, e3), {"arms"})) {
              q.kind = QuantityKind::Troops; unitEnd = e3;
            } else if (forceNamedBefore(text, begin, numberStart)) {
              // Round 28 (halves A to T): people counted after a force named earlier in the sentence ("the combined
              // peacekeeping forces of Britain and France would number up to 15,000 people", "the total number of
              // international peacekeeping forces … is estimated at 30 thousand people"). Of A-T's labelled sentences
              // with "<number> people", the 6 with a force's noun before the number are troop numbers; the 3 without
              // are not ("190,000 people live in this area", "147,000 people in the UK armed forces", "95,000 people
              // have died").
              q.kind = QuantityKind::Troops; unitEnd = we;
            }
            break;
          } else if (std::isupper(static_cast<unsigned char>(word[0])) ||
                     isOneOf(word, {"more", "additional", "extra", "foreign", "international", "allied", "armed",
                                    "western", "european", "american", "ground", "combat", "military", "multinational",
                                    "peacekeeping", "coalition", "uniformed", "active-duty", "partner", "other",
                                    "civilian", "unarmed",
                                    // Round 21 (half M): "roughly 1,000 rotational U.S. troops in Romania".
                                    "rotational", "rotating", "permanent",
                                    "and", "or",
                                    // Round 8: "10,000 of its troops", "2,000 of their own soldiers".
                                    "of", "its", "their", "our", "own", "the"})) {
            at = we < end && text[we] == '.' && word.size() == 1 ? we + 1 : we;
          } else {
            break;
          }
        }
      }
    }
    // A year is no force's size: "the force of 2026" (four digits from 1900 to 2099, written without a separator).
    const bool year = !range && numbersEnd == numberStart + 4 && first.value >= 1900 && first.value <= 2099;
    if (!unitEnd && currency.empty() && !year) {
      // "a force of 20,000", "a contingent of up to 5,000": the number is the force's size.
      Bound unused = Bound::Exact;
      bool approx = false;
      const size_t from = qualifierBefore(text, begin, numberStart, unused, approx);
      // The size stated as a predicate, past an opening quote and an adverb: "the size of the final force would be
      // “comfortably north of 10,000”" (round 6).
      auto skipBackQuotesAndSpaces = [&](size_t at) {
        for (;;) {
          if (at > begin && (text[at - 1] == ' ' || text[at - 1] == '"')) --at;
          else if (at >= begin + 3 && text.substr(at - 3, 3) == "\xE2\x80\x9C") at -= 3;  // “
          else return at;
        }
      };
      size_t leadEnd = skipBackQuotesAndSpaces(from);
      // Round 47 (half m): a guess in a speaker's words ("a force of "maybe 50-60,000"").
      for (std::string_view adverb : {"comfortably", "well", "just", "slightly", "roughly", "maybe", "perhaps", "possibly"})
        if (leadEnd >= begin + adverb.size() && afterWord(text, begin, leadEnd, adverb))
          leadEnd = skipBackQuotesAndSpaces(leadEnd - adverb.size());
      // Round 22 (half N): a number that counts machines is not the force's size, whatever leads it ("the deployment of
      // 120 European Air Force fighter jets").
      // Looked at only when a lead matches.
      auto countsMachines = [&] {
        size_t at = unitFrom, wordStart = 0, wordEnd = 0;
        for (int step = 0; step < 5; ++step) {
          const auto word = nextWord(text, at, end, wordStart, wordEnd);
          if (word.empty()) return false;
          if (isOneOf(word, {"jets", "aircraft", "fighters", "planes", "tanks", "ships", "vessels", "warships",
                             "missiles", "drones", "helicopters", "systems", "batteries"}))
            return true;
          at = wordEnd;
        }
        return false;
      };
      for (std::string_view lead : {"force of ", "contingent of ", "mission of ", "force numbering ", "army of ",
                                    "deployment of ", "force would be ", "force will be ", "force could be ",
                                    "force would number ", "force will number ",
                                    // Round 8: a count of people by its verb ("troops numbering 10,000 would").
                                    "troops numbering ", "soldiers numbering ", "personnel numbering ",
                                    "peacekeepers numbering ", "army numbering ", "force totalling ", "force totaling "}) {
        const bool direct = from >= begin + lead.size() && equalsIgnoreCase(text.substr(from - lead.size(), lead.size()), lead);
        const std::string_view bare = lead.substr(0, lead.size() - 1);
        const bool predicate = leadEnd >= begin + bare.size() &&
                               equalsIgnoreCase(text.substr(leadEnd - bare.size(), bare.size()), bare);
        if ((direct || predicate) && !countsMachines()) {
          q.kind = QuantityKind::Troops;
          unitEnd = unitFrom;
        }
      }
      // Round 8: more nouns of a force's size ("two brigades of 5,000"), verbs of sending
      // ("Britain could deploy up to 10,000, officials said") and a cap on an army ("cap Ukraine's army at 600,000",
      // "limit the Ukrainian armed forces to 600,000"). These leads also fit other counts ("send 100 tanks", "troops
      // at 3 sites"), so the number must end the phrase: no word after it, or a preposition.
      size_t after = 0, afterEnd = 0;
      const auto next = nextWord(text, unitFrom, end, after, afterEnd);
      const bool cutShort = unitFrom + 1 < end && text[unitFrom] == '.' && isDigit(text[unitFrom + 1]);  // "1.500.000"
      const bool endsPhrase = !cutShort && (next.empty() || isOneOf(next, {"to", "in", "into", "on", "across", "along",
                                                                           "at", "from", "by", "under", "for", "if", "as",
                                                                           "after", "before"}));
      // Round 9 (half B): a unit's strength counted in people ("the combat brigade …, numbering about 3,000 people"),
      // and the new level of a count of troops named earlier in the sentence ("The number of American troops in
      // Romania is expected to decrease to about 1,000 after the withdrawal").
      if (!unitEnd && from >= begin + 10 && equalsIgnoreCase(text.substr(from - 10, 10), "numbering ") &&
          (endsPhrase || isOneOf(next, {"people", "men"}))) {
        q.kind = QuantityKind::Troops;
        unitEnd = isOneOf(next, {"people", "men"}) ? afterEnd : unitFrom;
      }
      // Round 9 (half B): a level compared with a troop number given earlier in the sentence is one too ("About 1,000 US
      // personnel will remain after a presence that peaked above 1,700", "muster 25,000 troops — far short of the
      // 64,000 originally proposed", "decrease to about 1,000 …, compared with 1,700 in April").
      if (!unitEnd && std::any_of(out.begin(), out.end(), [](const Quantity& earlier) { return earlier.kind == QuantityKind::Troops; }))
        for (std::string_view lead : {"compared with ", "compared to ", "short of the ", "short of ", "down from ",
                                      "up from ", "peaked ", "peaked at ", "from a peak of "})
          if (from >= begin + lead.size() && equalsIgnoreCase(text.substr(from - lead.size(), lead.size()), lead)) {
            q.kind = QuantityKind::Troops;
            unitEnd = unitFrom;
          }
      // Round 30 (halves A to V): the level a cut started from, after the cut's size ("a cut of about 800 personnel
      // from roughly 1,700, with …"); the number must end its phrase ("5,000 troops from 30 countries" is no level).
      if (!unitEnd && endsPhrase && from >= begin + 5 && equalsIgnoreCase(text.substr(from - 5, 5), "from ") &&
          std::any_of(out.begin(), out.end(), [](const Quantity& earlier) { return earlier.kind == QuantityKind::Troops; })) {
        q.kind = QuantityKind::Troops;
        unitEnd = unitFrom;
      }
      // Round 32 (half X): a share of a troop number given earlier in the sentence, where it is ("78,000 U.S. troops are
      // stationed in Europe, with around 37,000 in Germany and about 10,000 in Poland"): no larger than that number,
      // then "in" and a capitalised name.
      if (!unitEnd && next == "in" && first.value >= 10) {
        size_t placeStart = 0, placeEnd = 0;
        const auto place = nextWord(text, afterEnd, end, placeStart, placeEnd);
        const bool named = !place.empty() && place.front() >= 'A' && place.front() <= 'Z';
        if (named && std::any_of(out.begin(), out.end(), [&](const Quantity& earlier) {
              return earlier.kind == QuantityKind::Troops && earlier.max.value_or(earlier.min.value_or(0)) >= first.value;
            })) {
          q.kind = QuantityKind::Troops;
          unitEnd = unitFrom;
        }
      }
      // Round 33 (half Y): an upper estimate set off after the troops it counts ("the UK would be at the front of the
      // queue to provide troops for a Ukraine peacekeeping force, possibly as many as 20,000, a contact …"): "as many as"
      // or "up to", a number followed by no word, and troops, soldiers or personnel in the 80 bytes before.
      if (!unitEnd && next.empty() && (equalsIgnoreCase(text.substr(from, 11), "as many as ") ||
                                       equalsIgnoreCase(text.substr(from, 6), "up to "))) {
        const size_t windowStart = from > begin + 80 ? from - 80 : begin;
        const std::string_view window = text.substr(windowStart, from - windowStart);
        if (containsIgnoreCase(window, "troops") || containsIgnoreCase(window, "soldiers") ||
            containsIgnoreCase(window, "personnel")) {
          q.kind = QuantityKind::Troops;
          unitEnd = unitFrom;
        }
      }
      // Round 30: a troop level named shortly before a number that ends its phrase ("with troop strength projected at
      // only about 5,000 —", "slash its troop count from roughly 1,700 to 900–1,000 at Mihail Kogalniceanu").
      if (!unitEnd && endsPhrase) {
        const size_t windowStart = from > begin + 60 ? from - 60 : begin;
        const std::string_view window = text.substr(windowStart, from - windowStart);
        for (std::string_view level : {"troop strength", "troop count", "troop level"})
          if (containsIgnoreCase(window, level)) {
            q.kind = QuantityKind::Troops;
            unitEnd = unitFrom;
            break;
          }
      }
      if (!unitEnd && endsPhrase && from >= begin + 3 && equalsIgnoreCase(text.substr(from - 3, 3), "to ")) {
        const std::string_view before = text.substr(begin, from - begin);
        // Round 34 (half Z): a presence raised to a level is a troop number too ("increasing the total American military
        // presence in the region to approximately 100,000").
        for (std::string_view count : {"number of troops", "number of american troops", "number of us troops",
                                       "number of u.s. troops", "number of foreign troops", "number of soldiers",
                                       "military presence"}) {
          if (containsIgnoreCase(before, count)) {
            q.kind = QuantityKind::Troops;
            unitEnd = unitFrom;
            break;
          }
        }
      }
      // Round 34 (half Z): an army's size as the peace plans state it ("The number of the Armed Forces of Ukraine should be
      // 800,000 in peacetime"): a modal "be" right before the number, and the number or size of an army or armed forces
      // named before it in the sentence.
      if (!unitEnd && endsPhrase) {
        for (std::string_view lead : {"should be ", "would be ", "will be ", "must be ", "shall be "}) {
          if (from < begin + lead.size() || !equalsIgnoreCase(text.substr(from - lead.size(), lead.size()), lead)) continue;
          const std::string_view before = text.substr(begin, from - lead.size() - begin);
          const bool measure = containsIgnoreCase(before, "number of") || containsIgnoreCase(before, "size of") ||
                               containsIgnoreCase(before, "strength of");
          if (measure && (containsIgnoreCase(before, "armed forces") || containsIgnoreCase(before, "army"))) {
            q.kind = QuantityKind::Troops;
            unitEnd = unitFrom;
          }
          break;
        }
      }
      if (!unitEnd && endsPhrase) {
        for (std::string_view lead : {"brigade of ", "brigades of ", "battalion of ", "battalions of ", "division of ",
                                      "divisions of ", "contingents of ", "deploy ", "deploying ", "send ",
                                      "sending ", "station ", "stationing ", "dispatch ", "army at ", "army to ",
                                      "armed forces at ", "armed forces to ", "troops to ", "troop numbers to ",
                                      // Round 44 (half j): "capping the Ukrainian military at 600,000".
                                      "military at ",
                                      // Round 45 (half k): the level a force falls to, named after the one it falls
                                      // from ("shrink its forces from about 900,000 soldiers to only 600,000").
                                      "soldiers to ", "soldiers to only ", "troops to only ",
                                      "capped at ", "cap of ", "ceiling of ",
                                      // Round 43 (half i): "a European counterproposal floated a higher limit of 800,000."
                                      "limit of "}) {
          if (from >= begin + lead.size() && equalsIgnoreCase(text.substr(from - lead.size(), lead.size()), lead)) {
            q.kind = QuantityKind::Troops;
            unitEnd = unitFrom;
          }
        }
      }
      // Round 21 (halves A to M): an army's size as a predicate ("the Ukrainian army will remain at 700,000", "the size
      // of the Ukrainian Armed Forces in peacetime was set at 600,000", "U.S. forces in Europe remain near 100,000"): a
      // verb of keeping or setting a level, its preposition, and an army or forces named within the 60 bytes before.
      if (!unitEnd && endsPhrase) {
        // Round 41 (half g): "when the potential size of the force had been scaled down to 30,000" (the force's size).
        for (std::string_view lead : {"remain at ", "remains at ", "remain near ", "remains near ", "stay at ",
                                      "set at ", "kept at ", "fixed at ", "limited to ", "reduced to ", "raised to ",
                                      "increased to ", "scaled down to ", "scaled back to "}) {
          if (from < begin + lead.size() || !equalsIgnoreCase(text.substr(from - lead.size(), lead.size()), lead)) continue;
          const size_t windowStart = from - lead.size() > begin + 60 ? from - lead.size() - 60 : begin;
          const std::string_view window = text.substr(windowStart, from - lead.size() - windowStart);
          if (containsIgnoreCase(window, "army") || containsIgnoreCase(window, "forces") ||
              containsIgnoreCase(window, "size of the force")) {  // "armed forces" too
            q.kind = QuantityKind::Troops;
            unitEnd = unitFrom;
          }
          break;
        }
      }
    }
    // Round 39 (halves A to e): a troop number named again, bare ("200,000, it's a minimum.", "In the current plan, this
    // number is 800,000.", "A company … tends to average 150" is not: under 1,000). Of the 27 troop numbers of A to e the
    // rules missed, 15 repeat one given earlier in their report.
    bool namedEarlier = false;
    if (!unitEnd && !range && currency.empty() && !year && first.value >= 1000 && !earlierTroops.empty()) {
      size_t ns = 0, ne = 0;
      const auto next = nextWord(text, numbersEnd, end, ns, ne);
      const bool predicate = next.empty() || isOneOf(next, {"is", "was", "would", "will", "figure", "cap", "limit",
                                                            "ceiling", "or", "to", "in", "matters", "people", "men"});
      const double value = first.value;
      if (predicate && std::find(earlierTroops.begin(), earlierTroops.end(), value) != earlierTroops.end()) {
        q.kind = QuantityKind::Troops;
        unitEnd = numbersEnd;
        namedEarlier = true;
      }
    }
    // Round 40 (halves A to f): the dead and wounded are counted in the same nouns as a force ("more than 45,000
    // Ukrainian soldiers had been killed", "approximately 46- 50,000 Ukrainian troops have died"): a loss, not a force's
    // size. Both were extras of A to f; no labelled troop number is followed by such a verb.
    if (unitEnd && q.kind == QuantityKind::Troops) {
      size_t at = unitEnd, ws2 = 0, we2 = 0;
      for (int step = 0; step < 4; ++step) {
        const auto word = nextWord(text, at, end, ws2, we2);
        if (isOneOf(word, {"have", "has", "had", "been", "were", "was", "are", "being", "reportedly", "already"})) {
          at = we2;
          continue;
        }
        if (isOneOf(word, {"killed", "died", "dead", "wounded", "injured"})) unitEnd = 0;
        break;
      }
    }
    // Round 41 (halves A to g): the alternative a plan is weighed against is no force of its own ("could yield more
    // significant military, political, and socioeconomic benefits than deploying 10,000 European ground troops",
    // "achieve greater … impact than 10,000 European ground troops"): "than" after a noun, not after a comparative of
    // size ("more than", "greater than 10,000 troops" bound a number). The 3 such numbers of A to g are extras.
    if (unitEnd && q.kind == QuantityKind::Troops) {
      Bound unusedBound = Bound::Exact;
      bool unusedApproximate = false;
      size_t at = qualifierBefore(text, begin, sign ? i : numberStart, unusedBound, unusedApproximate);
      // The words' own positions, not a search for their lower-case spelling: "Deploying 10,000 troops" at a
      // sentence's start is not found by a case-sensitive search (the fuzzer's find, round 48).
      for (std::string_view verb : {"deploying", "sending", "stationing"})
        if (const size_t verbStart = wordBefore(text, begin, at, verb); verbStart != std::string_view::npos) at = verbStart;
      if (const size_t than = wordBefore(text, begin, at, "than"); than != std::string_view::npos) {
        size_t e = than, s2 = than;
        while (e > begin && text[e - 1] == ' ') --e;
        s2 = e;
        while (s2 > begin && isAlpha(text[s2 - 1])) --s2;
        if (!isOneOf(text.substr(s2, e - s2), {"more", "fewer", "less", "larger", "greater", "higher", "bigger",
                                                "lower", "smaller", "rather", "other"}))
          unitEnd = 0;
      }
    }
    if (!unitEnd) {
      i = numbersEnd > i ? numbersEnd : i + 1;
      continue;
    }
    Bound bound = Bound::Exact;
    const size_t start = qualifierBefore(text, begin, sign ? i : numberStart, bound, q.approximate);
    if (plus) bound = Bound::Min;
    double low = first.value, high = range ? second.value : first.value;
    // "10.000 soldiers": nobody counts people to three decimals, so periods before groups of three digits separate
    // thousands in a troop number.
    if (q.kind == QuantityKind::Troops && first.dottedThousands && !first.scaled) low = *first.dottedThousands;
    if (q.kind == QuantityKind::Troops && range && second.dottedThousands && !second.scaled)
      high = *second.dottedThousands;
    else if (!range)
      high = low;
    double factor = 1;
    if (q.kind == QuantityKind::Distance) {
      if (q.unit == "mi") factor = 1.609344;
      if (q.unit == "m") factor = 0.001;
      q.unit = "km";
    } else if (q.kind == QuantityKind::Money) {
      q.unit = currency;
    } else {
      q.unit = "troops";
    }
    low *= factor;
    high *= factor;
    if (range || bound == Bound::Exact) {
      q.min = low;
      q.max = high;
    } else if (bound == Bound::Max) {
      q.max = high;
    } else {
      q.min = low;
    }
    q.start = start;
    q.end = unitEnd;
    q.text = std::string(text.substr(q.start, q.end - q.start));
    q.namedEarlier = namedEarlier;
    // Round 30 (halves A to V): a falling level, "decrease from 1,700 to between 900 and 1,000 American soldiers": the
    // level it falls from is a troop number too (the labels count both numbers of a change of level; 4 sentences).
    if (q.kind == QuantityKind::Troops) {
      const auto level = levelChangedFrom(text, begin, start);
      const bool readAlready = level && !out.empty() && out.back().end > level->start;  // "troop levels … from 1,700"
      if (level && level->value > high && !readAlready) {
        Quantity from;
        from.kind = QuantityKind::Troops;
        from.min = from.max = level->value;
        from.unit = "troops";
        from.approximate = level->approximate;
        from.start = level->start;
        from.end = level->end;
        from.text = std::string(text.substr(from.start, from.end - from.start));
        out.push_back(std::move(from));
      }
    }
    out.push_back(std::move(q));
    i = unitEnd;
  }
  return out;
}

}  // namespace briefmap::extract
