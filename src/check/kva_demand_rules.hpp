// check/kva_demand_rules.hpp — what kVA demand needs: kVA = sqrt(kW² + kVAR²) is a square
// root, so a tariff that bills it must say how finely it is determined and how it rounds.
#pragma once

#include "rateline/diagnostic.hpp"
#include "syntax/ast.hpp"

#include <vector>

namespace rateline::check {

/// Diagnostics (E0940) about `kva_demand: rounded ...` and the charges `on kva_demand`.
std::vector<Diagnostic> check_kva_demand(const syntax::TariffBody& body);

}  // namespace rateline::check
