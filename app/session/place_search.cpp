#include "briefmap/session/place_search.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <tuple>

namespace briefmap::session {
namespace {

// Two-byte UTF-8 Latin letters with accents (Latin-1 Supplement and Latin Extended-A) folded to ASCII, so
// "Türkiye", "Rzeszów" and "Łódź" are found by typing "turkiye", "rzeszow", "lodz".
char foldLatin(unsigned code) {
  static const std::pair<unsigned, char> kRanges[] = {
      {0xC0, 'a'}, {0xC6, 'a'}, {0xC7, 'c'}, {0xC8, 'e'}, {0xCC, 'i'}, {0xD0, 'd'}, {0xD1, 'n'}, {0xD2, 'o'},
      {0xD7, 0},   {0xD8, 'o'}, {0xD9, 'u'}, {0xDD, 'y'}, {0xDE, 0},   {0xDF, 's'}, {0xE0, 'a'}, {0xE6, 'a'},
      {0xE7, 'c'}, {0xE8, 'e'}, {0xEC, 'i'}, {0xF0, 'd'}, {0xF1, 'n'}, {0xF2, 'o'}, {0xF7, 0},   {0xF8, 'o'},
      {0xF9, 'u'}, {0xFD, 'y'}, {0xFE, 0},   {0xFF, 'y'}};
  if (code >= 0xC0 && code <= 0xFF) {
    char out = 0;
    for (const auto& [from, c] : kRanges)
      if (code >= from) out = c;
    return out;
  }
  // Latin Extended-A, U+0100–U+017F: pairs of upper/lower case letters of one base.
  static const char kExtendedA[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  if (code >= 0x100 && code < 0x100 + sizeof kExtendedA - 1) return kExtendedA[code - 0x100];
  return 0;
}

int kindRank(const std::string& kind) {
  static const char* kOrder[] = {"country", "capital", "sea", "strait", "river", "region", "city", "port", "nuclear_plant", "air_base"};
  for (size_t i = 0; i < std::size(kOrder); ++i)
    if (kind == kOrder[i]) return static_cast<int>(i);
  return static_cast<int>(std::size(kOrder));
}

// 0 whole name, 1 name starts with the query, 2 a later word starts with it, 3 contains it; -1 no match.
int matchQuality(const std::string& key, const std::string& query) {
  if (key == query) return 0;
  const size_t at = key.find(query);
  if (at == std::string::npos) return -1;
  if (at == 0) return 1;
  return key[at - 1] == ' ' ? 2 : 3;
}

}  // namespace

std::string searchKey(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    char folded = 0;
    if (c < 0x80) {
      if (std::isalnum(c)) folded = static_cast<char>(std::tolower(c));
      else if (c == '\'' || c == '`') continue;  // Kryvyi Rih's "Kryvyy" and "Kiev's" alike
      else folded = ' ';
    } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      folded = foldLatin(((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu));
      ++i;
      if (!folded) continue;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < text.size()) {
      const unsigned code = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                            (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      i += 2;
      if (code == 0x2019 || code == 0x2018) continue;  // typographic apostrophes
      folded = ' ';
    } else {
      continue;  // other scripts: not folded (the gazetteer's names are Latin)
    }
    if (folded == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += folded;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<PlaceSuggestion> suggestPlaces(const extract::Gazetteer& gazetteer, std::string_view query,
                                           size_t maxSuggestions) {
  const std::string q = searchKey(query);
  if (q.empty()) return {};
  struct Best {
    int quality;
    uint32_t alias;
  };
  std::map<extract::PlaceId, Best> best;  // per place, its best-matching spelling
  for (uint32_t i = 0; i < gazetteer.aliasCount(); ++i) {
    const extract::Alias& a = gazetteer.alias(i);
    if (a.kind != extract::AliasKind::Name) continue;  // "Polish" is no place to fly to
    const int quality = matchQuality(searchKey(gazetteer.aliasName(i)), q);
    if (quality < 0) continue;
    auto [it, inserted] = best.try_emplace(a.place, Best{quality, i});
    if (!inserted && quality < it->second.quality) it->second = Best{quality, i};
  }
  // Canonical names match too (a place may carry no alias equal to its name).
  for (extract::PlaceId id = 0; id < gazetteer.placeCount(); ++id) {
    const int quality = matchQuality(searchKey(gazetteer.place(id).name), q);
    if (quality < 0) continue;
    auto [it, inserted] = best.try_emplace(id, Best{quality, UINT32_MAX});
    if (!inserted && quality <= it->second.quality) it->second = Best{quality, UINT32_MAX};
  }
  std::vector<std::pair<extract::PlaceId, Best>> ranked(best.begin(), best.end());
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    const auto& pa = gazetteer.place(a.first);
    const auto& pb = gazetteer.place(b.first);
    return std::tuple(a.second.quality, !pa.curated, kindRank(pa.kind), pa.name.size(), pa.name) <
           std::tuple(b.second.quality, !pb.curated, kindRank(pb.kind), pb.name.size(), pb.name);
  });
  std::vector<PlaceSuggestion> out;
  for (const auto& [id, match] : ranked) {
    if (out.size() >= maxSuggestions) break;
    const auto& p = gazetteer.place(id);
    out.push_back({id, p.name, match.alias == UINT32_MAX ? p.name : gazetteer.aliasName(match.alias), p.kind, p.country});
  }
  return out;
}

}  // namespace briefmap::session
