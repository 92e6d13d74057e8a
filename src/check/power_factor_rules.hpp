// check/power_factor_rules.hpp — what a `power_factor` adjustment must state.
//
// The adjustment divides by a power factor that is a square root, so the tariff must say
// how finely the PF is determined (a power of ten) and how it rounds; it adjusts demand,
// so the tariff must bill demand.
#pragma once

#include "check/check_context.hpp"

namespace rateline::check {

/// A rule (check/rules.hpp): diagnostics (E0930) about the tariff's `power_factor`
/// statement, if it has one; without them, records the adjustment in cx.out.power_factor.
void check_power_factor(CheckContext& cx);

}  // namespace rateline::check
