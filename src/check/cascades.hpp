// check/cascades.hpp — one mistake, one finding: what the checker does with its findings
// before it reports them (docs/diagnostics.md, "Cascades").
//
//   auto first = cx.diags.size();
//   check_pricing(cx, c.pricing, ctx);
//   fold_repeats(cx.diags, first);   // the same error on three tier rows: one error, "the same on lines 13 and 14"
//   drop_warnings_at_errors(cx.diags);
#pragma once

#include "rateline/diagnostic.hpp"

#include <vector>

namespace rateline::check {

/// Findings from diags[first] on (one charge's) with the same severity, code, message and
/// hint in one file become the first of them, whose hint names the lines of the others.
/// Keeps the order of the rest. (The same mistake in two charges stays two findings.)
void fold_repeats(std::vector<Diagnostic>& diags, std::size_t first);
/// A warning at the very place of an error is dropped: the error already says what is wrong there.
void drop_warnings_at_errors(std::vector<Diagnostic>& diags);

}  // namespace rateline::check
