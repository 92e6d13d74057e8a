// eval/billed_quantity.hpp — a charge's metered usage made into the quantity it is priced on:
// capped at an account attribute, converted to the priced unit (× the therm factor of the
// billing month for therms), rounded where the tariff says (graph/billed_quantity.hpp).
#pragma once

#include "eval/share.hpp"
#include "eval/trace.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/account.hpp"
#include "rateline/diagnostic.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

struct UsageToBill {
  Decimal usage;                        ///< in the tariff's metered unit
  /// The days of the billing period this quantity belongs to, of the period's days (a revision
  /// segment, a season part): a cap is a per-bill limit, prorated by days with one division.
  std::optional<Share> share;
  std::chrono::year_month billing_month;   ///< the month of the period's last day
};

/// The billed quantity in `charge.billed.priced`, or nullopt after adding an error to
/// `errors` (B0050: the cap's account attribute is missing; B0051: no therm factor for the
/// billing month). Each step is told to `trace`, for the line's `steps`.
std::optional<Decimal> billed_quantity(const graph::Tariff& tariff, const graph::Charge& charge, const Account& account,
                                       const UsageToBill& usage, Trace& trace, Steps& steps, std::vector<Diagnostic>& errors);

/// Whether billed_quantity changes anything for this charge (a cap, a conversion, a rounding).
bool transforms_usage(const graph::Tariff& tariff, const graph::Charge& charge);

}  // namespace rateline::eval
