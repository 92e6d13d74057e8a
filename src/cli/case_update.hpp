// `rateline test --update`: a failing case's expectations set to the bills that were made,
// by editing only the bytes of the expected values. Comments, key order, spacing and every
// other line of the file stay as they were; an added line item goes in before the `]` of
// its bill's `lines`, a removed one's line is taken out.
//
//   auto updated = update_case_text(bill_case, series);
//   if (updated.text) write(bill_case.source->path(), *updated.text); else report(updated.problem);
#pragma once

#include "bill_case.hpp"

#include "rateline/bill.hpp"

#include <optional>
#include <string>

namespace rateline::cli {

struct CaseUpdate {
  std::optional<std::string> text;   ///< the new file text
  std::string problem;               ///< why the file could not be updated (when text is empty)
};

CaseUpdate update_case_text(const BillCase& bill_case, const BillSeries& actual);

/// Replaces the file with `text` (written beside it, then renamed: never half a file).
/// Returns false and says why on failure.
bool replace_file(const std::string& path, const std::string& text, std::string& problem);

}  // namespace rateline::cli
