// check/power_factor_rules.hpp — what a `power_factor` adjustment must state.
//
// The adjustment divides by a power factor that is a square root, so the tariff must say
// how finely the PF is determined (a power of ten) and how it rounds; it adjusts demand,
// so the tariff must bill demand.
#pragma once

#include "rateline/diagnostic.hpp"
#include "syntax/ast.hpp"

#include <vector>

namespace rateline::check {

/// Diagnostics (E0930) about the tariff's `power_factor` statement, if it has one.
std::vector<Diagnostic> check_power_factor(const syntax::TariffBody& body);

}  // namespace rateline::check
