// eval/biller.cpp — the entry points of rateline/bill.hpp: bill_periods() from intervals or from register reads, bill(), monthly_periods().
//
// A run: the periods are cut into version segments and covered by a DeterminantSource
// (eval/run_setup.hpp); each segment's charges are billed in dependency order by their
// form (eval/segment_bill.hpp, eval/charge_forms.hpp); explanation text is written only by
// the TextTrace observer, when BillOptions::trace asks for it (eval/trace.hpp).
//
// Rules that are choices (and documented in docs/language.md, "How a bill is computed"):
// - a billing period that spans seasons is split into season parts when a charge is
//   priced `by season`; per-bill tier limits, monthly charges and demand charges are
//   prorated to the part by days (part days / period days); usage goes to the parts by
//   interval timestamps, or by days with `season_split days` (and always from reads);
// - a period that spans a revision is split into segments billed at their own versions,
//   prorated the same way; `--as-of` bills one version instead;
// - `by month`, and `by season` in percentages and minimums, use the period's last day;
// - percentages apply to the rounded amounts of the line items they name;
// - fixed charges are price × days / days with one division; proportional shares and
//   shown prorations keep 12 decimal places (half even) before line rounding (eval/share.hpp);
// - kWh/kW limits use the tariff's billing demand rule, else the period's highest demand;
// - usage is capped, converted to the priced unit (× the billing month's therm factor) and
//   rounded before pricing (eval/billed_quantity.hpp); a cap is prorated like tier limits.
#include "rateline/bill.hpp"

#include "eval/bill_run.hpp"
#include "eval/run_setup.hpp"
#include "eval/segment_bill.hpp"
#include "eval/trace_text.hpp"
#include "graph/rate_graph_internals.hpp"

namespace rateline {

using namespace std::chrono;

namespace {

/// The observer a run tells its steps to: explanation text when asked for, else nothing.
struct Observer {
  eval::Trace silent;
  std::optional<eval::TextTrace> text;
  Observer(const graph::Tariff& t, const BillOptions& options) {
    if (options.trace) text.emplace(t);
  }
  eval::Trace& get() { return text ? static_cast<eval::Trace&>(*text) : silent; }
};

// The part both sources share: bill the prepared run and collect its bills.
BillSeriesResult finish(eval::BillRun& run, bool prepared) {
  BillSeriesResult result;
  if (!prepared) {
    result.diagnostics = std::move(run.findings.diagnostics);
    return result;
  }
  auto bills = eval::SegmentBiller(run).bill_all();
  result.diagnostics = std::move(run.findings.diagnostics);
  if (has_errors(result.diagnostics)) return result;
  BillSeries series;
  for (auto& b : bills) series.total += b.total;
  series.bills = std::move(bills);
  result.series = std::move(series);
  return result;
}

}  // namespace

BillSeriesResult bill_periods(const RateGraph& graph, const IntervalUsage& usage, const std::vector<BillingPeriod>& periods,
                              const Account& account, const BillOptions& options) {
  const auto& t = graph::tariff_of(graph);
  Observer observer(t, options);
  eval::BillRun run(t, account, observer.get());
  const std::int32_t window = options.demand_window == DemandWindowPolicy::data_interval ? 0 : t.demand_window;
  eval::IntervalSource source(t, usage, window, run.findings, observer.get());
  run.source = &source;
  bool prepared = eval::prepare_intervals(run, source, periods, options);
  return finish(run, prepared);
}

BillSeriesResult bill_periods(const RateGraph& graph, const RegisterUsage& reads, const std::vector<BillingPeriod>& periods,
                              const Account& account, const BillOptions& options) {
  const auto& t = graph::tariff_of(graph);
  Observer observer(t, options);
  eval::BillRun run(t, account, observer.get());
  const std::int32_t window = options.demand_window == DemandWindowPolicy::data_interval ? 0 : t.demand_window;
  const IntervalUsage none;   // reads carry no intervals: demand they cannot give is in these units
  eval::RegisterSource source(reads, eval::RawUnits::of(none.delivered, window), run.findings);
  run.source = &source;
  bool prepared = eval::prepare_reads(run, source, periods, options);
  return finish(run, prepared);
}

BillResult bill(const RateGraph& graph, const IntervalUsage& usage, const BillingPeriod& period, const Account& account,
                const BillOptions& options) {
  auto series = bill_periods(graph, usage, {period}, account, options);
  BillResult result;
  result.diagnostics = std::move(series.diagnostics);
  if (series.series) result.bill = std::move(series.series->bills.front());
  return result;
}

std::vector<BillingPeriod> monthly_periods(year_month_day from, year_month_day to) {
  std::vector<BillingPeriod> out;
  auto start = from;
  while (sys_days{start} < sys_days{to}) {
    year_month_day next = year_month_day{start.year() / start.month() / 1} + months{1};
    if (sys_days{next} > sys_days{to}) next = to;
    out.push_back({start, next});
    start = next;
  }
  return out;
}

}  // namespace rateline
