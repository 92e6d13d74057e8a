// eval/cycle_length.cpp — a bill of a quarterly or annual tariff covers about one cycle (eval/cycle_length.hpp).
#include "core/plural.hpp"
#include "eval/cycle_length.hpp"

#include "eval/segments.hpp"
#include "rateline/calendar.hpp"

namespace rateline::eval {

bool period_fits_cycle(BillRun& run, const BillingPeriod& period) {
  const int months = run.t.cycle_months;
  if (months == 1) return true;
  const int low = months == 3 ? 75 : 330, high = months == 3 ? 105 : 400;
  const auto days = period.days();
  if (days >= low && days <= high) return true;
  const char* cycle = months == 3 ? "quarter" : "year";
  run.findings.error("B0080",
                     "the billing period " + format_date(period.from) + " .. " + format_date(period.to) + " is " + count_of(days, "day") +
                         ", but the tariff bills one " + cycle + " per bill (" + std::to_string(low) + " to " + std::to_string(high) +
                         " days)",
                     months == 3 ? "bill from quarterly read to quarterly read, or each calendar quarter with `--cycle quarterly`"
                                 : "bill from annual read to annual read, or each year with `--cycle annual`");
  return false;
}

}  // namespace rateline::eval
