// eval/meter_count.hpp — how many meters a `$/meter` charge counts.
//
// The account attribute `meters` (a whole number, at least 1) when it is given; otherwise
// one: a usage file is one meter's usage (docs/language.md, "Prices and units").
#pragma once

#include "rateline/account.hpp"
#include "rateline/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

/// The number of meters, or nullopt after adding B0052 to `errors` (`meters` is not a
/// whole number of at least 1).
std::optional<int> meter_count(const Account& account, std::vector<Diagnostic>& errors);

}  // namespace rateline::eval
