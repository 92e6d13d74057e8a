// shown_quantity (core/shown_quantity.hpp): one rule for the table and explain, so the two
// never print the same quantity two ways.
#include "core/shown_quantity.hpp"

namespace rateline {

std::string shown_quantity(const Decimal& exact, std::optional<int> places) {
  if (places)
    if (auto at_step = exact.with_scale(*places)) return at_step->to_string();
  return exact.normalized().to_string();
}

}  // namespace rateline
