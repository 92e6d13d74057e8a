// rateline/bill.hpp — apply a rate graph to metered usage: line items, total and trace.
//
// A Bill is a list of LineItems (label, quantity, unit, rate, amount) whose amounts are
// exact decimals, rounded only where the tariff's rounding rule says, and a total that is
// exactly the sum of the line items. Each line item carries a trace explaining it.
//
//   rateline::BillingPeriod period{2024y/July/1d, 2024y/August/1d};   // [from, to), local dates
//   auto result = rateline::bill(graph, usage, period, rateline::Account{}, rateline::BillOptions{});
//   if (!result.bill) { for (auto& d : result.diagnostics) std::cerr << rateline::render(d); }
//   for (auto& item : result.bill->line_items) std::cout << item.label << " " << item.amount << "\n";
#pragma once

#include "rateline/account.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/text.hpp"
#include "rateline/usage.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline {

/// A billing period [from, to) in the tariff's local dates: from the first day billed up
/// to, not including, `to` (a July bill is 2024-07-01 .. 2024-08-01).
struct BillingPeriod {
  std::chrono::year_month_day from{};
  std::chrono::year_month_day to{};
  int days() const { return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count()); }
};

struct LineItem {
  // Provided, not defaulted: a value-initialized LineItem (`LineItem{}`, emplace_back())
  // would otherwise be zero-filled whole, some 600 bytes, before its members are built.
  LineItem() noexcept {}

  Text id;                   ///< the charge's id in the tariff, with a suffix per tier/period/season part
  Text label;                ///< as the customer reads it: "Energy Charge, first 800 kWh"
  LineKind kind = LineKind::fixed;
  Decimal quantity;          ///< in `unit`
  std::string unit;          ///< "kWh", "kW", "month", "day", "$" (base of a percentage)
  Decimal rate;              ///< in `rate_unit`
  std::string rate_unit;     ///< "$/kWh", "%", ...
  Decimal amount;            ///< rounded as the tariff says; what the total adds up
  Decimal unrounded;         ///< before line-item rounding
  std::string season;        ///< season part ("" when the charge does not vary by season)
  std::string period;        ///< TOU period ("" for all)
  std::string version;       ///< effective date of the tariff version that priced it
  std::vector<std::string> trace;   ///< how the amount was computed, step by step (when BillOptions::trace)
  std::string service;       ///< the `service` block it belongs to ("" for a tariff without blocks)
};

/// What to do when the usage does not cover the whole billing period.
enum class CoveragePolicy { error, bill_available };

/// Where maximum demand comes from: the tariff's demand window (its `demand_window`, or
/// the data interval when it states none), or always the data interval (as NREL SAM does).
enum class DemandWindowPolicy { tariff, data_interval };

struct BillOptions {
  CoveragePolicy coverage = CoveragePolicy::error;
  /// Bill the whole period at the version in effect on this date (`--as-of`), instead of
  /// splitting it where a revision takes effect.
  std::optional<std::chrono::year_month_day> as_of;
  DemandWindowPolicy demand_window = DemandWindowPolicy::tariff;
  /// Explain each line item in LineItem::trace (what `rateline explain` prints). Off by
  /// default: a billing run over many accounts does not pay for text nobody reads.
  bool trace = false;
};

/// One service's part of a bill for several services.
struct ServiceTotal {
  std::string id;      ///< "water"
  std::string label;   ///< "Water"
  Decimal total;       ///< exactly the sum of its line items
};

struct Bill {
  std::string tariff;
  BillingPeriod period;
  std::string currency;
  std::vector<LineItem> line_items;
  Decimal total;                     ///< exactly the sum of line_items[].amount
  std::vector<Diagnostic> notes;     ///< warnings about the bill (estimated usage, misaligned intervals)
  bool estimated = false;            ///< billed from an estimated meter read
  std::vector<ServiceTotal> services;   ///< a bill for several services: each one's part, in the tariff's order (else empty)
};

struct BillResult {
  std::optional<Bill> bill;
  std::vector<Diagnostic> diagnostics;
};

/// Bills one period.
BillResult bill(const RateGraph& graph, const IntervalUsage& usage, const BillingPeriod& period, const Account& account,
                const BillOptions& options);

/// Bills consecutive periods (e.g. the 12 months of a year) from one usage series in one
/// pass. Annual rules (an annual minimum) apply across the periods: see docs/language.md.
struct BillSeries {
  std::vector<Bill> bills;
  Decimal total;
};
struct BillSeriesResult {
  std::optional<BillSeries> series;
  std::vector<Diagnostic> diagnostics;
};
BillSeriesResult bill_periods(const RateGraph& graph, const IntervalUsage& usage, const std::vector<BillingPeriod>& periods,
                              const Account& account, const BillOptions& options);

/// Bills from meter register reads (rateline/register_reads.hpp). Each period must start
/// and end on read dates. Reads give energy only: a charge on TOU energy or demand is an
/// error (B0021); a period spanning seasons or revisions is split by days.
BillSeriesResult bill_periods(const RateGraph& graph, const RegisterUsage& reads, const std::vector<BillingPeriod>& periods,
                              const Account& account, const BillOptions& options);

/// The usage of one meter of a bill for several services: intervals or register reads.
struct MeterUsage {
  const IntervalUsage* intervals = nullptr;
  const RegisterUsage* reads = nullptr;
};

/// Bills a tariff of several services (rateline/tariff.hpp: compile_services): each service
/// on the usage of its meter (`meters`, by meter name), or on none when all its charges are
/// fixed; one bill per period holding every service's lines (LineItem::service), each
/// service's part (Bill::services) and one total. A service that needs usage and has none is
/// B0070; usage of a meter no service reads is B0071.
BillSeriesResult bill_services(const std::vector<ServiceGraph>& services, const std::map<std::string, MeterUsage>& meters,
                               const std::vector<BillingPeriod>& periods, const Account& account, const BillOptions& options);

/// Calendar months covering [from, to): 2018-01-01..2019-01-01 gives 12 periods.
std::vector<BillingPeriod> monthly_periods(std::chrono::year_month_day from, std::chrono::year_month_day to);

/// Every `months` calendar months of [from, to), counted from from's month (3: quarterly,
/// 12: annual; 1 is monthly_periods): 2024-01-01..2025-01-01 by 3 gives 4 periods.
std::vector<BillingPeriod> cycle_periods(std::chrono::year_month_day from, std::chrono::year_month_day to, int months);

}  // namespace rateline
