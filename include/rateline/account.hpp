// rateline/account.hpp — what the biller knows about a customer beyond the meter.
//
// Tariffs branch on account attributes (meter size, low-income enrollment, tax
// exemption...). Attributes are plain strings named as the tariff names them.
//
//   rateline::Account account;
//   account.attributes["meter_size"] = "5/8in";
//   account.demand_history.push_back({2024y / June, rateline::Decimal::parse("212.4").value()});
//
// The past-due state is what a late fee is assessed on (docs/language.md, "Late payment
// charges"): the balance left unpaid from earlier bills, the day it was due, and the day it
// was paid. All absent = nothing is past due.
//
//   account.past_due = rateline::Decimal::parse("120.00").value();
//   account.due_date = 2024y / June / 20d;
//   account.paid_on = 2024y / July / 15d;      // absent: unpaid when the bill is made
#pragma once

#include "rateline/decimal.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline {

/// The maximum demand of one earlier billing month (for ratchets).
struct MonthlyDemand {
  std::chrono::year_month month;
  Decimal kw;
};

/// The metered usage of one earlier billing month, in the tariff's metered unit (for a charge
/// on the average of named months, e.g. a sewer winter average).
struct MonthlyUsage {
  std::chrono::year_month month;
  Decimal usage;
};

struct Account {
  std::string id;
  std::map<std::string, std::string> attributes;
  /// Maximum demands of billing months before the ones being billed (billing demands, for
  /// a tariff whose ratchet is `of billing_demand`). Bills billed together (bill_periods)
  /// add their own months as they go.
  std::vector<MonthlyDemand> demand_history;
  /// Usage of earlier billing months (`on average of usage in Dec, Jan, Feb`): each named
  /// month's most recent use before the billing month. A later entry for a month replaces
  /// an earlier one.
  std::vector<MonthlyUsage> usage_history;
  /// The unpaid balance of earlier bills, in the tariff's currency (never negative).
  std::optional<Decimal> past_due;
  /// The day that balance was due. Required with a balance when the tariff has a late fee.
  std::optional<std::chrono::year_month_day> due_date;
  /// The day the balance was paid; absent = still unpaid when the bill is made (its `to` date).
  std::optional<std::chrono::year_month_day> paid_on;
};

}  // namespace rateline
