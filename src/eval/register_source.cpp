// eval/register_source.cpp — register reads as a DeterminantSource (eval/register_source.hpp).
#include "eval/register_source.hpp"

#include "rateline/calendar.hpp"

namespace rateline::eval {

std::optional<PeriodConsumption> RegisterSource::consumption(const BillingPeriod& p) {
  auto consumption = consumption_between(reads_, p.from, p.to);
  if (!consumption) {
    std::string dates;
    for (auto& i : reads_.intervals) dates += (dates.empty() ? "" : ", ") + format_date(i.from);
    if (!reads_.intervals.empty()) dates += ", " + format_date(reads_.intervals.back().to);
    findings_.error("B0020", "the billing period " + format_date(p.from) + " .. " + format_date(p.to) + " does not start and end on read dates",
                    "reads are dated " + dates);
  }
  return consumption;
}

void RegisterSource::add(const Segment& s, const PeriodConsumption& consumption) {
  if (reads_of_.size() <= s.index) reads_of_.resize(s.index + 1);
  // a read gives no time of day: the consumption is split between versions by days
  reads_of_[s.index] = {s.split ? s.share().split(consumption.consumption) : consumption.consumption, consumption.estimated};
}

void RegisterSource::needs_intervals(const std::string& what) {
  if (!needs_intervals_reported_)
    findings_.error("B0021", "this tariff bills " + what + ", which register reads cannot give",
                    "bill it from interval data (--usage with a CSV of intervals)");
  needs_intervals_reported_ = true;
}

Measured RegisterSource::energy(const Segment& s, const Context& ctx) {
  // one number for the period; season parts by days
  if (ctx.periods != ~0ull) {
    needs_intervals("energy by time-of-use period");
    return {Decimal(0), {}};
  }
  const auto& read = reads_of_[s.index].energy;
  if (ctx.season >= 0 && ctx.part) return {s.season_share(ctx.season_index()).split(read), {}};
  return {read, {}};
}

Measured RegisterSource::channel(const Segment&, const Context&, graph::Measure) {
  needs_intervals("received, reactive or kVA quantities");   // refused before billing; never reached
  return {Decimal(0), {}};
}

Decimal RegisterSource::demand(const Segment&, const Context&) {
  needs_intervals("maximum demand");
  return units_.demand(0);
}

Decimal RegisterSource::bill_demand(const Segment&) {
  needs_intervals("maximum demand");
  return units_.demand(0);
}

Decimal RegisterSource::kva_demand(const Segment&, const Context&, std::vector<std::string>&) {
  needs_intervals("kVA demand");
  return Decimal(0);
}

}  // namespace rateline::eval
