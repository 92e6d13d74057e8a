// eval/run_setup.cpp — a run's periods checked and cut into covered segments (eval/run_setup.hpp).
#include "eval/run_setup.hpp"

#include "eval/cycle_length.hpp"
#include "eval/kva_demand.hpp"
#include "eval/meter_channels.hpp"
#include "rateline/calendar.hpp"

#include <algorithm>

namespace rateline::eval {

using namespace std::chrono;

bool prepare_intervals(BillRun& run, IntervalSource& source, const std::vector<BillingPeriod>& periods, const BillOptions& options) {
  const auto& t = run.t;
  if (!run.past_due_state_ok(periods.size())) return false;
  // the days the run bills, reversed or empty periods included (refused below, B0003)
  sys_days from = sys_days::max(), to = sys_days::min();
  for (auto& p : periods) {
    from = std::min({from, sys_days{p.from}, sys_days{p.to}});
    to = std::max({to, sys_days{p.from}, sys_days{p.to}});
  }
  if (periods.empty()) from = to = sys_days{};
  if (!source.open(from, to)) return false;
  run.segments.reserve(periods.size());
  source.reserve(periods.size());
  for (auto& p : periods) {
    if (p.days() <= 0) {
      run.findings.error("B0003", "the billing period " + format_date(p.from) + " .. " + format_date(p.to) + " is empty or reversed");
      return false;
    }
    if (t.info.effective.ok() && sys_days{p.from} < sys_days{t.info.effective}) {
      run.findings.error("B0004", "the billing period starts " + format_date(p.from) + ", before the tariff takes effect (" +
                                      format_date(t.info.effective) + ")");
      return false;
    }
    if (t.info.expires.ok() && sys_days{p.to} > sys_days{t.info.expires}) {
      run.findings.error("B0004", "the billing period ends " + format_date(p.to) + ", after the tariff expires (" + format_date(t.info.expires) + ")");
      return false;
    }
    if (!period_fits_cycle(run, p)) return false;
    const auto first = run.segments.size();
    version_segments(t, run.plan, p, run.bills, options, run.segments);
    for (auto k = first; k < run.segments.size(); ++k)
      if (!source.cover(run.segments[k], options)) return false;
    ++run.bills;
  }
  source.aggregate();
  return true;
}

bool prepare_reads(BillRun& run, RegisterSource& source, const std::vector<BillingPeriod>& periods, const BillOptions& options) {
  if (!run.past_due_state_ok(periods.size())) return false;
  if (MeterChannels::needed(run.t) || KvaDemand::needed(run.t)) {
    source.needs_intervals("received, reactive or kVA quantities");
    return false;
  }
  for (auto& p : periods) {
    if (!period_fits_cycle(run, p)) return false;
    auto consumption = source.consumption(p);
    if (!consumption) return false;
    const auto first = run.segments.size();
    version_segments(run.t, run.plan, p, run.bills, options, run.segments);
    for (auto k = first; k < run.segments.size(); ++k) source.add(run.segments[k], *consumption);
    ++run.bills;
  }
  return true;
}

}  // namespace rateline::eval
