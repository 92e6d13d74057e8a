// check/rounding_rules.hpp — how a rounding is written: a step that is a power of ten and
// one of the seven modes (`0.01 half_up`). Used by `rounding ...` and by a charge's `rounded`.
#pragma once

#include "check/check_context.hpp"
#include "graph/billed_quantity.hpp"

#include <optional>
#include <string>

namespace rateline::check {

/// The step (normalized) and mode of `r`; nullopt, with E0601/E0602 reported, when the
/// step is not a power of ten or the mode is unknown or missing. `how` opens the hint.
std::optional<graph::QuantityRounding> step_and_mode(CheckContext& cx, const syntax::RoundingDecl& r, const std::string& how);

}  // namespace rateline::check
