// core/shown_quantity.hpp — a quantity as a bill shows it to people: the table's Quantity
// column and the steps of `rateline explain` (docs/json-format.md, "The table").
#pragma once

#include "rateline/decimal.hpp"

#include <optional>
#include <string>

namespace rateline {

/// At `places` decimals (the sheet's `rounding quantities` step) when given and the value
/// is on that step, else the exact value without trailing fractional zeros (186.000 ->
/// 186, 12.50 -> 12.5). Never rounded: a value off the step keeps every digit.
std::string shown_quantity(const Decimal& exact, std::optional<int> places = std::nullopt);

}  // namespace rateline
