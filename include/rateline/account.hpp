// rateline/account.hpp — what the biller knows about a customer beyond the meter.
//
// Tariffs branch on account attributes (meter size, low-income enrollment, tax
// exemption...). Attributes are plain strings named as the tariff names them.
//
//   rateline::Account account;
//   account.attributes["meter_size"] = "5/8in";
//   account.demand_history.push_back({2024y / June, rateline::Decimal::parse("212.4").value()});
#pragma once

#include "rateline/decimal.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace rateline {

/// The maximum demand of one earlier billing month (for ratchets).
struct MonthlyDemand {
  std::chrono::year_month month;
  Decimal kw;
};

struct Account {
  std::string id;
  std::map<std::string, std::string> attributes;
  /// Maximum demands of billing months before the ones being billed. Bills billed
  /// together (bill_periods) add their own months as they go.
  std::vector<MonthlyDemand> demand_history;
};

}  // namespace rateline
