// check/kva_demand_rules.hpp — what kVA demand needs: kVA = sqrt(kW² + kVAR²) is a square
// root, so a tariff that bills it must say how finely it is determined and how it rounds.
#pragma once

#include "check/check_context.hpp"

namespace rateline::check {

/// A rule (check/rules.hpp): diagnostics (E0940) about `kva_demand: rounded ...` and the
/// charges `on kva_demand`; without them, records the rounding in cx.out.kva_rounding.
void check_kva_demand(CheckContext& cx);

}  // namespace rateline::check
