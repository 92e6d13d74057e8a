// eval/interval_source.cpp — interval usage as a DeterminantSource: coverage, the integer pass, and the measures it answers (eval/interval_source.hpp).
#include "eval/interval_source.hpp"

#include "core/plural.hpp"

#include "eval/power_factor.hpp"
#include "rateline/calendar.hpp"

#include <algorithm>

namespace rateline::eval {

using namespace std::chrono;
using graph::BoundUnit;
using graph::Charge;
using graph::Measure;

namespace {

std::string format_instant(sys_seconds t) {
  auto day = floor<days>(t);
  hh_mm_ss<seconds> tod{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02ld:%02ldZ", format_date(year_month_day{day}).c_str(), static_cast<long>(tod.hours().count()),
                static_cast<long>(tod.minutes().count()));
  return buf;
}

}  // namespace

/// Whether any charge (in any version) measures demand, directly or through kWh/kW limits.
bool IntervalSource::uses_demand() const {
  auto on_demand = [&](const std::vector<Charge>& charges) {
    for (auto& ch : charges)
      if (ch.determinant.measure == Measure::demand || ch.determinant.measure == Measure::billing_demand ||
          ch.determinant.measure == Measure::kva_demand)
        return true;
    return false;
  };
  for (auto& p : t_.pricing)
    for (auto& b : p.tiers.upper)
      if (b && (b->unit == BoundUnit::per_kw || b->unit == BoundUnit::per_kw_per_day)) return true;
  if (on_demand(t_.charges)) return true;
  for (auto& r : t_.revisions)
    if (on_demand(r.charges)) return true;
  return false;
}

bool IntervalSource::open(sys_days from, sys_days to) {
  if (usage_.delivered.empty()) {
    findings_.error("B0001", "the usage has no intervals");
    return false;
  }
  const auto window = usage_window(usage_.delivered, from, to, window_);
  if (!window.whole(usage_) && (cut_ = cut_usage(usage_, window))) used_ = &*cut_;
  const auto& series = used_->delivered;
  if (window_ > 0 && uses_demand() && (window_ % series.minutes != 0 || window_ < series.minutes)) {
    findings_.error("B0002", "the tariff's demand window (" + std::to_string(window_) + " min) is not a multiple of the usage's " +
                                 std::to_string(series.minutes) + "-minute intervals",
                    "demand needs interval data at least as fine as the window; or name the policy that takes demand from the data "
                    "interval (--demand-window data)");
    return false;
  }
  slots_ = graph::interval_slots(t_, series.start, series.minutes, series.values.size());
  if (MeterChannels::needed(t_)) {
    channels_ = MeterChannels::prepare(t_, *used_, findings_.diagnostics);
    if (!channels_) return false;
  }
  if (KvaDemand::needed(t_)) {
    kva_ = KvaDemand::prepare(*used_, window_, t_.demand_sliding, findings_.diagnostics);
    if (!kva_) return false;
  }
  demand_ = demand_series(series, window_, t_.demand_sliding);
  return true;
}

bool IntervalSource::cover(const Segment& c, const BillOptions& options) {
  const auto& series = used_->delivered;
  const auto& p = c.period;
  if (sums_.size() <= c.index) sums_.resize(c.index + 1);
  auto& sums = sums_[c.index];
  sums.bill = c.bill;
  auto from_day = static_cast<std::int32_t>(sys_days{c.from}.time_since_epoch().count());
  auto to_day = static_cast<std::int32_t>(sys_days{c.to}.time_since_epoch().count());
  sums.first = slots_->first_on_or_after(from_day);
  sums.last = slots_->first_on_or_after(to_day);
  auto want_start = t_.zone.start_of_day(c.from);
  auto want_end = t_.zone.start_of_day(c.to);
  auto step = minutes(series.minutes);
  auto have_start = series.start + step * static_cast<std::int64_t>(sums.first);
  auto have_end = series.start + step * static_cast<std::int64_t>(sums.last);
  bool covered = sums.first < sums.last && have_start <= want_start && have_end >= want_end;
  if (!covered) {
    std::string what = sums.first >= sums.last
                           ? "the usage has no intervals in the billing period " + format_date(p.from) + " .. " + format_date(p.to)
                           : "the usage covers only part of the billing period " + format_date(p.from) + " .. " + format_date(p.to);
    if (options.coverage == CoveragePolicy::error || sums.first >= sums.last) {
      findings_.error("B0005", what + " (usage runs " + format_instant(usage_.delivered.start) + " .. " + format_instant(usage_.delivered.end()) +
                                   ")",
                      "bill a period the usage covers, or pass the policy to bill the available usage (--allow-partial)");
      return false;
    }
    findings_.note("B0006", what + ": billed on the available usage");
  }
  std::size_t missing = 0;
  for (auto m : series.missing) missing += (m >= sums.first && m < sums.last);
  if (missing)
    findings_.note("B0007", std::to_string(missing) + " missing intervals in " + format_date(c.from) + " .. " + format_date(c.to) +
                                " were billed as zero (gap policy)");
  return true;
}

void IntervalSource::aggregate() {
  // counted over the whole usage as given, as docs/diagnostics.md says, even when cut
  const std::size_t misaligned = cut_ ? graph::misaligned_intervals(t_, usage_.delivered.start, usage_.delivered.minutes,
                                                                    usage_.delivered.values.size())
                                      : slots_->misaligned;
  if (misaligned)
    findings_.note("B0008", count_of(static_cast<long long>(misaligned), "interval") +
                                " of the usage cross a TOU period boundary; each is counted in the period of its start");
  const auto& values = used_->delivered.values;
  for (auto& c : sums_) {
    c.groups.resize(t_.groups.size());
    for (std::size_t g = 0; g < t_.groups.size(); ++g) {
      auto n = std::max<std::size_t>(1, t_.season_names.size()) * t_.groups[g].period_names.size();
      auto& a = c.groups[g];
      a.energy.assign(n, 0);
      a.peak.assign(n, 0);
      a.count.assign(n, 0);
    }
    // one pass over the segment's intervals for every period group
    aggregate_pieces(values.data(), demand_.empty() ? nullptr : demand_.data(), *slots_, c.first, c.last, c.groups.data());
    if (channels_ || kva_) {
      std::vector<std::size_t> counts;
      for (auto& a : c.groups) counts.push_back(a.energy.size());
      if (channels_) channels_->aggregate(*slots_, counts, c.first, c.last, c.channels);
      if (kva_) kva_->aggregate(*slots_, counts, c.first, c.last, c.kva);
    }
  }
}

bool IntervalSource::slot_matches(std::size_t slot, const Context& ctx) const {
  auto periods = t_.groups[ctx.group].period_names.size();
  auto season = slot / periods, period = slot % periods;
  if (ctx.season >= 0 && static_cast<int>(season) != ctx.season) return false;
  return (ctx.periods >> period) & 1u;
}

std::vector<std::size_t> IntervalSource::selected_slots(std::size_t segment, const Context& ctx) const {
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < sums_[segment].groups[ctx.group].energy.size(); ++s)
    if (slot_matches(s, ctx)) out.push_back(s);
  return out;
}

Measured IntervalSource::energy(const Segment& c, const Context& ctx) {
  if (t_.season_split_days && ctx.season >= 0 && ctx.part) {
    // the tariff splits by days: the whole period's usage × this part's share of the days
    Context whole = ctx;
    whole.season = -1;
    whole.part = false;
    auto q = energy(c, whole);
    return {c.season_share(ctx.season_index()).split(q.value), std::move(q.how)};
  }
  const auto& sums = sums_[c.index];
  if (channels_ && channels_->nets()) {
    auto q = channels_->energy(as_span(sums.groups[ctx.group].energy), sums.channels[ctx.group], selected_slots(c.index, ctx));
    return {std::move(q.value), std::move(q.how)};
  }
  Wide sum = 0;
  const auto& a = sums.groups[ctx.group];
  each_matching_slot(a.energy.size(), ctx, [&](std::size_t s) { sum += a.energy[s]; });
  return {units_.energy(sum), {}};
}

Measured IntervalSource::channel(const Segment& c, const Context& ctx, Measure measure) {
  if (t_.season_split_days && ctx.season >= 0 && ctx.part) {
    Context whole = ctx;
    whole.season = -1;
    whole.part = false;
    auto q = channel(c, whole, measure);
    return {c.season_share(ctx.season_index()).split(q.value), std::move(q.how)};
  }
  const auto& sums = sums_[c.index];
  if (measure == Measure::reactive) {
    auto q = channels_->reactive(sums.channels[ctx.group], selected_slots(c.index, ctx));
    auto how = "reactive energy " + q.to_string() + " kVARh as metered";
    return {std::move(q), std::move(how)};
  }
  auto q = channels_->received(as_span(sums.groups[ctx.group].energy), sums.channels[ctx.group], selected_slots(c.index, ctx));
  return {std::move(q.value), std::move(q.how)};
}

std::int64_t IntervalSource::peak_raw(std::size_t segment, const Context& ctx) const {
  std::int64_t peak = 0;
  const auto& a = sums_[segment].groups[ctx.group];
  each_matching_slot(a.peak.size(), ctx, [&](std::size_t s) { peak = std::max(peak, a.peak[s]); });
  return peak;
}

Decimal IntervalSource::bill_demand(const Segment& c) {
  Context all;
  std::int64_t peak = 0;
  for (std::size_t k = 0; k < sums_.size(); ++k)
    if (sums_[k].bill == c.bill) peak = std::max(peak, peak_raw(k, all));
  return units_.demand(peak);
}

std::size_t IntervalSource::interval_count(const Segment& c, const Context& ctx) const {
  std::size_t n = 0;
  const auto& a = sums_[c.index].groups[ctx.group];
  each_matching_slot(a.count.size(), ctx, [&](std::size_t s) { n += a.count[s]; });
  return n;
}

Decimal IntervalSource::adjusted_demand(const Segment& c, const Decimal& kw, std::vector<std::string>& steps) {
  if (!t_.power_factor || !channels_) return kw;
  const auto& rule = *t_.power_factor;
  Context all;
  const auto& sums = sums_[c.index];
  Wide delivered = 0;
  for (auto e : sums.groups[0].energy) delivered += e;
  const Decimal kwh = units_.energy(delivered);
  const Decimal kvarh = channels_->reactive(sums.channels[0], selected_slots(c.index, all));
  const auto pf = power_factor(kwh, kvarh, rule);
  if (!pf.defined || !pf.below) {
    trace_.power_factor_kept(steps, rule, pf);
    return kw;
  }
  if (pf.rounded.is_zero()) {
    if (!power_factor_reported_)
      findings_.error("B0044", "the power factor of " + kwh.to_string() + " kWh and " + kvarh.to_string() +
                                   " kVARh rounds to 0, and demand cannot be divided by it",
                      "check the usage's kwh and kvarh columns");
    power_factor_reported_ = true;
    return kw;
  }
  // the one division of the adjustment: kept to 12 places, half even, like other shares
  const Decimal adjusted = (kw * rule.threshold).divided_by(pf.rounded, kShareScale, RoundingMode::half_even).normalized();
  trace_.power_factor_adjusted(steps, rule, pf, kwh, kvarh, kw, adjusted);
  return adjusted;
}

Decimal IntervalSource::kva_demand(const Segment& c, const Context& ctx, std::vector<std::string>& steps) {
  UWide best = 0;
  std::size_t best_slot = 0;
  bool any = false;
  const auto& sums = sums_[c.index];
  const auto& peaks = sums.kva[ctx.group];
  for (std::size_t s = 0; s < peaks.size(); ++s)
    if (slot_matches(s, ctx) && (!any || peaks[s] > best)) best = peaks[s], best_slot = s, any = true;
  const auto& rounding = *t_.kva_rounding;
  auto q = kva_->kva(best, rounding);
  trace_.kva_demand(steps, q, rounding, ctx, [&]() -> std::string {
    if (auto w = kva_->window_of(*slots_, ctx.group, best_slot, sums.first, sums.last, best))
      return " = sqrt(" + w->first.to_string() + " kW² + " + w->second.to_string() + " kVAR²)";
    return "";
  });
  return q;
}

std::string IntervalSource::peak_when(const Segment& c, const Context& ctx) const {
  const auto& sums = sums_[c.index];
  const auto& a = sums.groups[ctx.group];
  std::int64_t peak = -1;
  for (std::size_t s = 0; s < a.peak.size(); ++s)
    if (slot_matches(s, ctx) && a.count[s] && a.peak[s] > peak) peak = a.peak[s];
  if (peak < 0) return "";
  const std::int64_t* d = demand_.empty() ? used_->delivered.values.data() : demand_.data();
  const std::size_t i = slots_->find_interval(ctx.group, sums.first, sums.last,
                                              [&](std::size_t k, std::uint16_t slot) { return d[k] == peak && slot_matches(slot, ctx); });
  if (i == sums.last) return "";
  auto start_time = used_->delivered.start + minutes(used_->delivered.minutes) * static_cast<std::int64_t>(i);
  return ", in the interval starting " + format_instant(start_time);
}

}  // namespace rateline::eval
