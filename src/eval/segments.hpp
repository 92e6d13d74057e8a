// eval/segments.hpp — version_segments(tariff, period, bill, options) -> Segments: a billing period cut where revisions take effect, each part with its version, its Share of the period's days and its days in each season.
//
// Also the calendar facts every step asks of a bill: the season of a day, the billing
// month (of the period's last day), and the days of the month a per-month charge or limit
// is prorated over (`proration`).
#pragma once

#include "eval/share.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/bill.hpp"

#include <boost/container/small_vector.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace rateline::eval {

struct BillPlan;

/// One stretch of a billing period billed at one version of the tariff: the whole period,
/// or a part of it when a revision takes effect inside it.
/// Days in each season (no heap for up to four seasons: one per bill).
using SeasonDays = boost::container::small_vector<int, 4>;

struct Segment {
  Segment() {}   // provided: emplace_back() would zero-fill it before building its members
  BillingPeriod period;                              ///< the bill's whole period
  std::size_t bill = 0;                              ///< which bill of the run it belongs to
  std::size_t index = 0;                             ///< its place in the run (determinant sources keep data per segment)
  const std::vector<graph::Charge>* charges = nullptr;   ///< the version in force
  std::string version;                               ///< its effective date
  bool split = false;                                ///< the period has more than one version segment
  std::chrono::year_month_day from{}, to{};          ///< [from, to)
  int days = 0;                                      ///< days of the segment
  int period_days = 0;                               ///< days of the whole period
  SeasonDays season_days;                            ///< days of the segment in each season
  unsigned month = 1;                                ///< 1..12: month of the period's last day

  /// The segment's share of the period's days (only meaningful when split).
  Share share() const { return {days, period_days}; }
  /// Season s's share of the segment's days.
  Share season_share(std::size_t s) const { return {season_days[s], days}; }
};

/// The segments of a period, appended to `out` (each with its index there): cut at
/// revisions, unless `options.as_of` names one version.
void version_segments(const graph::Tariff& tariff, const BillPlan& plan, const BillingPeriod& period, std::size_t bill,
                      const BillOptions& options, std::vector<Segment>& out);

/// The tariff's season of a local day (0 when it has no seasons).
std::size_t season_of(const graph::Tariff& tariff, std::chrono::year_month_day day);

/// The next day, by fields (a bill walks its days; converting each through sys_days costs more).
std::chrono::year_month_day next_day(std::chrono::year_month_day day);

/// The billing month: the month of the period's last day.
std::chrono::year_month bill_month(const BillingPeriod& period);

/// "2024-07".
std::string format_month(std::chrono::year_month month);

/// A month as one integer (year × 12 + month − 1), for the demand history.
int month_key(std::chrono::year_month month);

/// The days a per-month amount is prorated over: 30, or the days of the billing month
/// (`proration days_over_days_in_month`).
int proration_month_days(const graph::Tariff& tariff, const BillingPeriod& period);

}  // namespace rateline::eval
