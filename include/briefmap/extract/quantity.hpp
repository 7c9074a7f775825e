#pragma once
// Quantities with units in a sentence: troop numbers, distances and money, with ranges and bounds.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace briefmap::extract {

enum class QuantityKind { Troops, Distance, Money };
const char* nameOf(QuantityKind kind);  ///< "troops", "distance", "money"

struct Quantity {
  QuantityKind kind = QuantityKind::Troops;
  std::optional<double> min, max;  ///< normalised: troops, kilometres, or currency units; a bound may be open
  std::string unit;                ///< "troops", "km", "USD", "GBP", "EUR"
  bool approximate = false;        ///< "about", "some", "nearly" …
  size_t start = 0, end = 0;       ///< bytes in the document, end exclusive
  std::string text;                ///< the words as written, text == document.substr(start, end - start)
  bool namedEarlier = false;       ///< a bare number that repeats a troop number of an earlier sentence
};

/// The quantities in text[begin, end): "15,000 to 20,000 European troops", "25–30 thousand troops",
/// "under 30,000 strong", "(100,000-150,000 troops)", "a 30,000-troop deployment", "20 kilometers",
/// "exceeding 3,000 km", "10-mile range", "$90 billion", "£4.4bn", "$2,500". Numbers without a unit
/// (years, counts of drones) are not quantities, except a number of 1,000 or more that repeats a troop number of
/// the document's earlier sentences (`earlierTroops`) and ends its phrase or opens a predicate ("200,000 is the
/// minimum.", "The 800,000 figure is supposed to be the compromise."): that is the same count named again.
std::vector<Quantity> findQuantities(std::string_view text, size_t begin, size_t end,
                                     std::span<const double> earlierTroops = {});

}  // namespace briefmap::extract
