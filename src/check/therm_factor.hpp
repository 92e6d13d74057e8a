// check/therm_factor.hpp — the therm factor table a gas sheet states (therms per CCF).
#pragma once

#include "graph/billed_quantity.hpp"
#include "rateline/diagnostic.hpp"
#include "syntax/ast.hpp"

#include <vector>

namespace rateline::check {

/// Checks `therm_factor: ...` (E0332): one factor, or a table `by month` that names every
/// month once, or `by billing_month` keyed 2024-01 .. Factors are positive and below 2
/// (natural gas carries about 1.0 – 1.1 therms per CCF).
graph::FactorTable therm_factor_table(const syntax::ThermFactorDecl& decl, std::vector<Diagnostic>& diags);

}  // namespace rateline::check
