// Comparing a case's expected bills with the bills made, as exact decimals, and the diff a
// person reads at a glance:
//
//     2024-06-01 .. 2024-07-01
//     ~ energy   rate 0.04403 -> 0.04500, amount 1268.50 -> 1296.45 (+27.95)
//     + fuel     28810 kWh x 0.001 $/kWh = 28.81
//     - demand   80 kW x 16.28 $/kW = 1302.40
//       total    2650.90 -> 1353.26 (-1297.64)
//
// Line items are matched by id (the n-th line with an id to the n-th bill line with it).
#pragma once

#include "bill_case.hpp"

#include "rateline/bill.hpp"

#include <optional>
#include <string>
#include <vector>

namespace rateline::cli {

struct LineChange {
  enum class Kind { changed, added, removed } kind = Kind::changed;
  const ExpectedLine* expected = nullptr;   ///< changed, removed
  const LineItem* actual = nullptr;         ///< changed, added
};

struct BillDiff {
  std::size_t index = 0;                    ///< which bill of the case (0 for a single period)
  const ExpectedBill* expected = nullptr;   ///< absent: the run made a bill the case does not expect
  const Bill* actual = nullptr;             ///< absent: the case expects a bill the run did not make
  bool period_differs = false;
  std::vector<LineChange> lines;
  bool total_differs = false;
  bool estimated_differs = false;
  bool notes_differ = false;
};

struct CaseDiff {
  std::vector<BillDiff> bills;   ///< only the bills that differ
  bool empty() const { return bills.empty(); }
  /// Line items changed, added or removed, over all bills.
  std::size_t line_count() const;
};

CaseDiff diff_case(const BillCase& bill_case, const BillSeries& actual);

/// The diff as text, every line indented by `indent` spaces, each ending in a newline.
std::string format_diff(const CaseDiff& diff, int indent = 2);

/// The codes of the bill's notes, in order.
std::vector<std::string> note_codes(const Bill& bill);
/// "B0013, B0006", or "(none)".
std::string codes_text(const std::vector<std::string>& codes);

/// "+27.95", "-3.10", "0.00".
std::string signed_text(const Decimal& value);

}  // namespace rateline::cli
