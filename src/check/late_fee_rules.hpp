// check/late_fee_rules.hpp — what a late payment charge must state, and who may use its terms.
//
// A late fee is billed from the account's past-due state, not from usage, so its rules
// differ from every other charge's: it is a percentage `of past_due` or an amount per bill,
// it must say how many days after the due date it applies (`after 20 days`), and the terms
// `after` and `not under` mean nothing on any other charge.
#pragma once

#include "rateline/diagnostic.hpp"
#include "syntax/ast.hpp"

#include <vector>

namespace rateline::check {

/// Diagnostics (E0910..E0913) about a charge's late-fee terms. For a late fee this replaces
/// the usual pricing checks; for any other charge it only refuses late-fee terms.
std::vector<Diagnostic> check_late_fee_terms(const syntax::ChargeDecl& charge);

}  // namespace rateline::check
