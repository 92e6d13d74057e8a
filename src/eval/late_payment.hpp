// eval/late_payment.hpp — whether a bill carries a late fee, and how much.
//
// The rule (docs/language.md, "Late payment charges"): a late fee applies when the
// account's past-due balance is positive, at least the tariff's `not under` amount, and was
// paid more than the tariff's `after N days` after its due date — or is still unpaid on the
// bill's date (the `to` of its billing period) more than N days after the due date. It is
// a percentage of the balance (with the tariff's `at least` / `at most`) or an amount per bill.
#pragma once

#include "graph/tariff_graph.hpp"
#include "rateline/account.hpp"
#include "rateline/diagnostic.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::eval {

/// Mistakes in the account's past-due state, for a tariff that has a late fee (B0030..B0033).
/// `bills` is how many bills the run makes: the state belongs to one. Amounts are written in `currency` (ISO code).
std::vector<Diagnostic> past_due_problems(const Account& account, std::size_t bills, std::string_view currency);

struct LateFee {
  Decimal quantity;     ///< the past-due balance (percentage), or 1 bill (flat)
  std::string unit;     ///< "$" or "bill"
  Decimal amount;       ///< before line-item rounding
  std::vector<std::string> trace;
};

/// The late fee `charge` puts on a bill made on `bill_date`, at `rate` (a percentage, or an
/// amount per bill) in `currency` (ISO code); nullopt when none is due. Assumes past_due_problems found nothing.
std::optional<LateFee> assess_late_fee(const graph::Charge& charge, const Decimal& rate, const Account& account,
                                      std::chrono::year_month_day bill_date, std::string_view currency, bool trace);

}  // namespace rateline::eval
