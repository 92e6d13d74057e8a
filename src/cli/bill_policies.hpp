// The billing policies a user names (`rateline bill --allow-gaps ...`, a case's [policies]
// and [usage] keys) and the library options they become. One place, so that a case bills
// exactly as the command line with the same words would.
//
//   BillPolicies p;  p.allow_gaps = true;  p.local_time = parse_local_time("earliest").value();
//   auto read = usage_read_options(p, graph);     // time zone from the tariff
//   auto bill = bill_options(p);
#pragma once

#include "rateline/bill.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/usage.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rateline::cli {

struct BillPolicies {
  bool allow_gaps = false;                                    ///< --allow-gaps
  bool allow_partial = false;                                 ///< --allow-partial
  LocalTimePolicy local_time = LocalTimePolicy::error;        ///< --local-time
  DemandWindowPolicy demand_window = DemandWindowPolicy::tariff;  ///< --demand-window
  std::optional<std::chrono::year_month_day> as_of;           ///< --as-of
  std::optional<std::int32_t> interval_minutes;               ///< --interval
  std::optional<std::chrono::local_seconds> sam_start;        ///< --start
};

/// "error", "earliest", "latest".
std::optional<LocalTimePolicy> parse_local_time(std::string_view name);
std::string_view to_string(LocalTimePolicy policy);
/// "tariff", "data".
std::optional<DemandWindowPolicy> parse_demand_window(std::string_view name);
std::string_view to_string(DemandWindowPolicy policy);

UsageReadOptions usage_read_options(const BillPolicies& policies, const RateGraph& graph);
BillOptions bill_options(const BillPolicies& policies, bool trace = false);
/// The unit register reads and monthly totals count for the tariff's service.
Unit register_unit(const RateGraph& graph);
/// `--cycle` / a case's `cycle`: months per bill ("quarterly" 3, "annual" 12, else 1).
inline int cycle_months(std::string_view cycle) { return cycle == "quarterly" ? 3 : cycle == "annual" ? 12 : 1; }

}  // namespace rateline::cli
