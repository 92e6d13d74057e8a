// input_limits.hpp — the stated limits on tariff text (docs/limits.md), checked before and
// right after parsing so that no input can exhaust the stack or the machine.
//
//   auto limits = check_text_limits(source);   // before PEGTL: nesting, line length, digits
//   if (!limits.empty()) return them;          // the text is never handed to the parser
//   ... parse ...
//   check_tariff_limits(file, diagnostics);     // after: tiers, periods, charges
//
// Nesting is counted over braces (every nested construct of the language is a `{ }`
// block), ignoring strings and comments, so a deep file is refused by a loop, not by
// the recursion it would otherwise drive in the parser and the AST builder.
#pragma once

#include "syntax/ast.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace rateline::syntax {

inline constexpr std::size_t kMaxNesting = 32;          ///< `{` levels (L0003)
inline constexpr std::size_t kMaxLineBytes = 10'000;     ///< bytes in one line (L0002)
inline constexpr std::size_t kMaxNumberChars = 40;      ///< characters of one number (L0007)
inline constexpr std::size_t kMaxTierRows = 100;        ///< rows of one `tiers { }` (L0004)
inline constexpr std::size_t kMaxPeriods = 100;         ///< TOU periods of one tariff body (L0005)
inline constexpr std::size_t kMaxCharges = 500;         ///< charges of one tariff body (L0006)
inline constexpr std::size_t kMaxTextDiagnostics = 20;  ///< L0002/L0007 errors before the scan stops

/// Limits checked on the raw text; empty when the text may be parsed.
std::vector<Diagnostic> check_text_limits(const std::shared_ptr<const SourceFile>& source);

/// Limits checked on the parsed file; appends errors to `out`.
void check_tariff_limits(const File& file, std::vector<Diagnostic>& out);

}  // namespace rateline::syntax
