// The biller: RateGraph × usage × account -> Bills (rateline/bill.hpp).
//
// 1. Classify the interval grid against the tariff's calendar (cached per grid).
// 2. One integer pass per TOU period group aggregates every billing period's intervals
//    into (season × period) slots: energy sums and demand maxima (eval/determinants.hpp).
// 3. Per billing period, charges are evaluated in dependency order; each walks its
//    pricing tree and emits line items in Decimal. Only here is there decimal arithmetic.
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
//   shown prorations keep 12 decimal places (half even) before line rounding;
// - kWh/kW limits use the tariff's billing demand rule, else the period's highest demand;
// - usage is capped, converted to the priced unit (× the billing month's therm factor) and
//   rounded before pricing (eval/billed_quantity.hpp); a cap is prorated like tier limits.
#include "rateline/bill.hpp"
#include "rateline/register_reads.hpp"

#include "eval/billed_quantity.hpp"
#include "eval/determinants.hpp"
#include "eval/late_payment.hpp"
#include "eval/kva_demand.hpp"
#include "eval/meter_channels.hpp"
#include "eval/power_factor.hpp"
#include "eval/exemption.hpp"
#include "eval/meter_count.hpp"
#include "eval/total_rounding.hpp"
#include "graph/interval_slots.hpp"
#include "graph/tariff_graph.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>

namespace rateline {

namespace {

using namespace std::chrono;
using eval::CycleAggregate;
using eval::RawUnits;
using eval::Wide;
using graph::Allocation;
using graph::BoundUnit;
using graph::Charge;
using graph::kNone;
using graph::Measure;
using graph::Pricing;

constexpr int kShareScale = 12;

std::string format_date(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string money(const Decimal& d) { return "$" + d.to_string(); }

// One stretch of a billing period billed at one version of the tariff: the whole period,
// or a part of it when a revision takes effect inside it.
struct Cycle {
  BillingPeriod period;                     // the bill's whole period
  std::size_t bill = 0;                     // which bill this segment belongs to
  const std::vector<Charge>* charges = nullptr;   // the version in force
  std::string version;                      // its effective date
  bool split = false;                       // the period has more than one version segment
  Decimal fraction{1};                      // segment days / period days
  int period_days = 0;
  year_month_day seg_from{}, seg_to{};
  std::size_t first = 0, last = 0;          // interval range [first, last)
  int days = 0;                             // days of the segment
  std::vector<int> season_days;             // days of the period in each season
  std::optional<Decimal> read_energy;       // billed from register reads: the segment's consumption
  bool estimated = false;                   // ... from an estimated read
  std::vector<CycleAggregate> groups;       // per period group
  std::vector<eval::ChannelAggregate> channels;   // per period group: received, reactive (when billed)
  std::vector<std::vector<eval::UWide>> kva;      // per period group and slot: the highest kW² + kVAR² (when billed)
  unsigned month = 1;                       // 1..12: month of the period's last day
};

struct Context {
  int season = -1;                          // -1: the whole billing period
  std::uint32_t group = 0;
  std::uint64_t periods = ~0ull;
  Decimal fraction{1};                      // share of the billing period (season parts)
  bool part = false;
  std::string label;                        // ", summer, on-peak"
  std::string id;                           // ".summer.on_peak"
  std::string season_name, period_name;
  std::string table_note;                   // which case of a table applies, for the trace
};

class Evaluator {
 public:
  Evaluator(const graph::Tariff& tariff, const IntervalUsage& usage, const Account& account, const BillOptions& options)
      : t_(tariff), usage_(usage), account_(account),
        window_(options.demand_window == DemandWindowPolicy::data_interval ? 0 : tariff.demand_window),
        trace_(options.trace),
        units_(RawUnits::of(usage.delivered, window_)) {}

  std::vector<Diagnostic> diagnostics;

  bool prepare(const std::vector<BillingPeriod>& periods, const BillOptions& options) {
    if (!past_due_state_ok(periods.size())) return false;
    const auto& series = usage_.delivered;
    if (series.empty()) {
      error("B0001", "the usage has no intervals");
      return false;
    }
    if (window_ > 0 && uses_demand() && (window_ % series.minutes != 0 || window_ < series.minutes)) {
      error("B0002", "the tariff's demand window (" + std::to_string(window_) + " min) is not a multiple of the usage's " +
                         std::to_string(series.minutes) + "-minute intervals",
            "demand needs interval data at least as fine as the window; or name the policy that takes demand from the data "
            "interval (--demand-window data)");
      return false;
    }
    slots_ = graph::interval_slots(t_, series.start, series.minutes, series.values.size());
    if (eval::MeterChannels::needed(t_)) {
      channels_ = eval::MeterChannels::prepare(t_, usage_, diagnostics);
      if (!channels_) return false;
    }
    if (eval::KvaDemand::needed(t_)) {
      kva_ = eval::KvaDemand::prepare(usage_, window_, t_.demand_sliding, diagnostics);
      if (!kva_) return false;
    }
    demand_ = eval::demand_series(series, window_, t_.demand_sliding);
    cycles_.reserve(periods.size());
    for (auto& p : periods) {
      if (p.days() <= 0) {
        error("B0003", "the billing period " + format_date(p.from) + " .. " + format_date(p.to) + " is empty or reversed");
        return false;
      }
      if (t_.info.effective.ok() && sys_days{p.from} < sys_days{t_.info.effective}) {
        error("B0004", "the billing period starts " + format_date(p.from) + ", before the tariff takes effect (" +
                           format_date(t_.info.effective) + ")");
        return false;
      }
      if (t_.info.expires.ok() && sys_days{p.to} > sys_days{t_.info.expires}) {
        error("B0004", "the billing period ends " + format_date(p.to) + ", after the tariff expires (" + format_date(t_.info.expires) + ")");
        return false;
      }
      for (auto& c : version_segments(p, options)) {
        if (!segment(c, options)) return false;
        cycles_.push_back(std::move(c));
      }
      ++bill_count_;
    }
    if (slots_->misaligned)
      note("B0008", std::to_string(slots_->misaligned) + " intervals of the usage cross a TOU period boundary; each is counted in the period of its start");
    aggregate_all();
    return true;
  }

  /// Whether any charge (in any version) measures demand, directly or through kWh/kW limits.
  bool uses_demand() const {
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

  /// Bills from register reads: each period must run from a read date to a read date.
  bool prepare_reads(const RegisterUsage& reads, const std::vector<BillingPeriod>& periods, const BillOptions& options) {
    reads_ = &reads;
    if (!past_due_state_ok(periods.size())) return false;
    if (eval::MeterChannels::needed(t_) || eval::KvaDemand::needed(t_)) {
      needs_intervals("received, reactive or kVA quantities");
      return false;
    }
    for (auto& p : periods) {
      auto consumption = consumption_between(reads, p.from, p.to);
      if (!consumption) {
        std::string dates;
        for (auto& i : reads.intervals) dates += (dates.empty() ? "" : ", ") + format_date(i.from);
        if (!reads.intervals.empty()) dates += ", " + format_date(reads.intervals.back().to);
        error("B0020", "the billing period " + format_date(p.from) + " .. " + format_date(p.to) + " does not start and end on read dates",
              "reads are dated " + dates);
        return false;
      }
      for (auto& c : version_segments(p, options)) {
        // a read gives no time of day: the consumption is split between versions by days
        c.read_energy = c.split ? (consumption->consumption * Decimal(c.days))
                                      .divided_by(Decimal(c.period_days), kShareScale, RoundingMode::half_even)
                                      .normalized()
                                : consumption->consumption;
        c.estimated = consumption->estimated;
        c.groups.resize(t_.groups.size());
        cycles_.push_back(std::move(c));
      }
      ++bill_count_;
    }
    return true;
  }

  /// Finds a segment's intervals and checks the usage covers it (local midnight to local midnight).
  bool segment(Cycle& c, const BillOptions& options) {
    const auto& series = usage_.delivered;
    const auto& local_day = slots_->local_day;
    const auto& p = c.period;
    auto from_day = static_cast<std::int32_t>(sys_days{c.seg_from}.time_since_epoch().count());
    auto to_day = static_cast<std::int32_t>(sys_days{c.seg_to}.time_since_epoch().count());
    c.first = static_cast<std::size_t>(std::lower_bound(local_day.begin(), local_day.end(), from_day) - local_day.begin());
    c.last = static_cast<std::size_t>(std::lower_bound(local_day.begin(), local_day.end(), to_day) - local_day.begin());
    auto want_start = t_.zone.start_of_day(c.seg_from);
    auto want_end = t_.zone.start_of_day(c.seg_to);
    auto step = minutes(series.minutes);
    auto have_start = series.start + step * static_cast<std::int64_t>(c.first);
    auto have_end = series.start + step * static_cast<std::int64_t>(c.last);
    bool covered = c.first < c.last && have_start <= want_start && have_end >= want_end;
    if (!covered) {
      std::string what = c.first >= c.last ? "the usage has no intervals in the billing period " + format_date(p.from) + " .. " + format_date(p.to)
                                           : "the usage covers only part of the billing period " + format_date(p.from) + " .. " + format_date(p.to);
      if (options.coverage == CoveragePolicy::error || c.first >= c.last) {
        error("B0005", what + " (usage runs " + format_instant(series.start) + " .. " + format_instant(series.end()) + ")",
              "bill a period the usage covers, or pass the policy to bill the available usage (--allow-partial)");
        return false;
      }
      note("B0006", what + ": billed on the available usage");
    }
    std::size_t missing = 0;
    for (auto m : series.missing) missing += (m >= c.first && m < c.last);
    if (missing)
      note("B0007", std::to_string(missing) + " missing intervals in " + format_date(c.seg_from) + " .. " + format_date(c.seg_to) +
                        " were billed as zero (gap policy)");
    return true;
  }

  /// A billing period cut where revisions take effect (unless --as-of names one version):
  /// the segments with their version, share of the days, season days and billing month.
  std::vector<Cycle> version_segments(const BillingPeriod& p, const BillOptions& options) const {
    std::vector<std::pair<year_month_day, std::size_t>> cuts{{p.from, version_at(options.as_of.value_or(p.from))}};
    if (!options.as_of)
      for (std::size_t r = 0; r < t_.revisions.size(); ++r) {
        auto d = t_.revisions[r].effective;
        if (sys_days{d} > sys_days{p.from} && sys_days{d} < sys_days{p.to}) cuts.emplace_back(d, r + 1);
      }
    std::vector<Cycle> out;
    for (std::size_t k = 0; k < cuts.size(); ++k) {
      Cycle c;
      c.period = p;
      c.bill = bill_count_;
      c.seg_from = cuts[k].first;
      c.seg_to = k + 1 < cuts.size() ? cuts[k + 1].first : p.to;
      auto v = cuts[k].second;
      c.charges = v == 0 ? &t_.charges : &t_.revisions[v - 1].charges;
      c.version = format_date(v == 0 ? t_.info.effective : t_.revisions[v - 1].effective);
      c.split = cuts.size() > 1;
      c.period_days = p.days();
      c.days = static_cast<int>((sys_days{c.seg_to} - sys_days{c.seg_from}).count());
      if (c.split) c.fraction = Decimal(c.days).divided_by(Decimal(c.period_days), kShareScale, RoundingMode::half_even).normalized();
      c.season_days.assign(std::max<std::size_t>(1, t_.season_names.size()), 0);
      if (t_.season_names.size() > 1)
        for (auto d = c.seg_from; d < c.seg_to; d = next_day(d)) c.season_days[season_of(d)]++;
      else
        c.season_days[0] = c.days;
      c.month = static_cast<unsigned>(year_month_day{sys_days{p.to} - days{1}}.month());
      out.push_back(std::move(c));
    }
    return out;
  }

  std::size_t version_at(year_month_day d) const {
    std::size_t v = 0;
    for (std::size_t r = 0; r < t_.revisions.size(); ++r)
      if (sys_days{t_.revisions[r].effective} <= sys_days{d}) v = r + 1;
    return v;
  }

  std::vector<Bill> run() {
    std::vector<Bill> bills;
    for (auto& h : account_.demand_history) {
      auto key = month_key(h.month);
      auto it = demand_history_.find(key);
      if (it == demand_history_.end() || h.kw > it->second) demand_history_[key] = h.kw;
    }
    for (auto& c : cycles_) {
      auto segment_bill = bill_cycle(c);
      record_demand(c);
      if (c.bill == bills.size()) {
        bills.push_back(std::move(segment_bill));
        first_segment_.push_back(&c);
      } else {
        auto& b = bills[c.bill];
        b.total += segment_bill.total;
        b.estimated = b.estimated || segment_bill.estimated;
        for (auto& li : segment_bill.line_items) b.line_items.push_back(std::move(li));
      }
    }
    apply_annual_minimums(bills);
    if (t_.total_rounding)
      for (auto& b : bills) eval::round_total(b, *t_.total_rounding, trace_);
    return bills;
  }

 private:
  static std::string format_instant(sys_seconds t) {
    auto day = floor<days>(t);
    hh_mm_ss<seconds> tod{t - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02ld:%02ldZ", format_date(year_month_day{day}).c_str(), static_cast<long>(tod.hours().count()),
                  static_cast<long>(tod.minutes().count()));
    return buf;
  }

  void error(std::string code, std::string message, std::string hint = "") {
    // one missing attribute found by two charges (or two bills) is one error to fix
    for (auto& d : diagnostics)
      if (d.code == code && d.message == message) return;
    diagnostics.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
  }
  /// The next day, by fields (a bill walks its days; converting each through sys_days costs more).
  static year_month_day next_day(year_month_day d) {
    auto next = d.year() / d.month() / (d.day() + days{1});
    return next.ok() ? next : year_month_day{(d.year() / d.month() + months{1}) / 1d};
  }
  std::size_t season_of(year_month_day d) const {
    if (t_.season_names.empty()) return 0;
    return t_.calendar_to_season[t_.groups[0].schedule.season_of(d)];
  }

  void note(std::string code, std::string message) { notes_.push_back({Severity::warning, std::move(code), std::move(message), {}, ""}); }

  void aggregate_all() {
    const auto& values = usage_.delivered.values;
    const auto max_run = eval::safe_run(values.data(), values.size());
    for (auto& c : cycles_) {
      c.groups.resize(t_.groups.size());
      for (std::size_t g = 0; g < t_.groups.size(); ++g) {
        auto n = std::max<std::size_t>(1, t_.season_names.size()) * t_.groups[g].period_names.size();
        auto& a = c.groups[g];
        a.energy.assign(n, 0);
        a.peak.assign(n, 0);
        a.count.assign(n, 0);
        const auto& runs = slots_->runs[g];
        eval::aggregate(values.data(), demand_.empty() ? nullptr : demand_.data(), runs.data(), runs.size(), c.first, c.last, max_run, a);
      }
      if (channels_ || kva_) {
        std::vector<std::size_t> counts;
        for (auto& a : c.groups) counts.push_back(a.energy.size());
        if (channels_) channels_->aggregate(*slots_, counts, c.first, c.last, c.channels);
        if (kva_) kva_->aggregate(*slots_, counts, c.first, c.last, c.kva);
      }
    }
  }

  // ---------------------------------------------------------------- determinants
  std::size_t period_count(std::uint32_t g) const { return t_.groups[g].period_names.size(); }

  bool slot_matches(std::size_t slot, const Context& ctx) const {
    auto periods = period_count(ctx.group);
    auto season = slot / periods, period = slot % periods;
    if (ctx.season >= 0 && static_cast<int>(season) != ctx.season) return false;
    return (ctx.periods >> period) & 1u;
  }

  Decimal energy(const Cycle& c, const Context& ctx) {
    if (c.read_energy) {
      // register reads: one number for the period; season parts by days
      if (ctx.periods != ~0ull) {
        needs_intervals("energy by time-of-use period");
        return Decimal(0);
      }
      if (ctx.season >= 0 && ctx.part)
        return (*c.read_energy * Decimal(c.season_days[static_cast<std::size_t>(ctx.season)]))
            .divided_by(Decimal(c.days), kShareScale, RoundingMode::half_even)
            .normalized();
      return *c.read_energy;
    }
    if (t_.season_split_days && ctx.season >= 0 && ctx.part) {
      // the tariff splits by days: the whole period's usage × this part's share of the days
      Context whole = ctx;
      whole.season = -1;
      whole.part = false;
      return (energy(c, whole) * Decimal(c.season_days[static_cast<std::size_t>(ctx.season)]))
          .divided_by(Decimal(c.days), kShareScale, RoundingMode::half_even)
          .normalized();
    }
    if (channels_ && channels_->nets()) {
      auto q = channels_->energy(c.groups[ctx.group].energy, c.channels[ctx.group], selected_slots(c, ctx));
      channel_how_ = std::move(q.how);
      return q.value;
    }
    Wide sum = 0;
    const auto& a = c.groups[ctx.group];
    for (std::size_t s = 0; s < a.energy.size(); ++s)
      if (slot_matches(s, ctx)) sum += a.energy[s];
    return units_.energy(sum);
  }

  /// Demand × threshold / PF when the tariff's power factor adjustment applies (eval/power_factor.hpp):
  /// PF over the billing period's (segment's) delivered and reactive energy.
  Decimal power_factor_adjusted(const Cycle& c, const Decimal& kw, std::vector<std::string>& trace) {
    if (!t_.power_factor || !channels_) return kw;
    const auto& rule = *t_.power_factor;
    Context all;
    Wide delivered = 0;
    for (auto e : c.groups[0].energy) delivered += e;
    const Decimal kwh = units_.energy(delivered);
    const Decimal kvarh = channels_->reactive(c.channels[0], selected_slots(c, all));
    const auto pf = eval::power_factor(kwh, kvarh, rule);
    const std::string percent = (rule.threshold * Decimal(100)).normalized().to_string() + " %";
    if (!pf.defined || !pf.below) {
      if (trace_)
        trace.push_back(rule.label + ": " + (pf.defined ? "power factor " + pf.rounded.to_string() + " is not below " + percent
                                                        : std::string("no energy and no reactive energy, so no power factor")) +
                        ": demand not adjusted");
      return kw;
    }
    if (pf.rounded.is_zero()) {
      if (!power_factor_reported_)
        error("B0044", "the power factor of " + kwh.to_string() + " kWh and " + kvarh.to_string() + " kVARh rounds to 0, and demand cannot be divided by it",
              "check the usage's kwh and kvarh columns");
      power_factor_reported_ = true;
      return kw;
    }
    // the one division of the adjustment: kept to 12 places, half even, like other shares
    const Decimal adjusted = (kw * rule.threshold).divided_by(pf.rounded, kShareScale, RoundingMode::half_even).normalized();
    if (trace_) {
      trace.push_back(rule.label + ": power factor " + kwh.to_string() + " kWh / sqrt(" + kwh.to_string() + "² + " + kvarh.to_string() +
                      "²) = " + pf.rounded.to_string() + " (rounded " + std::string(to_string(rule.mode)) + "), below " + percent);
      trace.push_back(kw.to_string() + " kW × " + rule.threshold.to_string() + " / " + pf.rounded.to_string() + " = " + adjusted.to_string() + " kW");
    }
    return adjusted;
  }

  /// The highest kVA demand window of the context (eval/kva_demand.hpp), rounded as the tariff states.
  Decimal kva_demand(const Cycle& c, const Context& ctx, std::vector<std::string>& trace) {
    if (c.read_energy) {
      needs_intervals("kVA demand");
      return Decimal(0);
    }
    eval::UWide best = 0;
    std::size_t best_slot = 0;
    bool any = false;
    const auto& peaks = c.kva[ctx.group];
    for (std::size_t s = 0; s < peaks.size(); ++s)
      if (slot_matches(s, ctx) && (!any || peaks[s] > best)) best = peaks[s], best_slot = s, any = true;
    const auto& rounding = *t_.kva_rounding;
    auto q = kva_->kva(best, rounding);
    if (trace_) {
      std::string how = "maximum kVA demand " + q.to_string() + " kVA";
      if (auto w = kva_->window_of(*slots_, ctx.group, best_slot, c.first, c.last, best))
        how += " = sqrt(" + w->first.to_string() + " kW² + " + w->second.to_string() + " kVAR²)";
      trace.push_back(how + ", rounded " + std::string(to_string(rounding.mode)) + " to " + std::to_string(rounding.scale) + " places" +
                      describe_context(ctx));
    }
    return q;
  }

  std::vector<std::size_t> selected_slots(const Cycle& c, const Context& ctx) const {
    std::vector<std::size_t> out;
    for (std::size_t s = 0; s < c.groups[ctx.group].energy.size(); ++s)
      if (slot_matches(s, ctx)) out.push_back(s);
    return out;
  }

  /// Received or reactive energy (eval/meter_channels.hpp), split between season parts like energy.
  Decimal channel(const Cycle& c, const Context& ctx, Measure measure) {
    if (t_.season_split_days && ctx.season >= 0 && ctx.part) {
      Context whole = ctx;
      whole.season = -1;
      whole.part = false;
      return (channel(c, whole, measure) * Decimal(c.season_days[static_cast<std::size_t>(ctx.season)]))
          .divided_by(Decimal(c.days), kShareScale, RoundingMode::half_even)
          .normalized();
    }
    if (measure == Measure::reactive) {
      auto q = channels_->reactive(c.channels[ctx.group], selected_slots(c, ctx));
      channel_how_ = "reactive energy " + q.to_string() + " kVARh as metered";
      return q;
    }
    auto q = channels_->received(c.groups[ctx.group].energy, c.channels[ctx.group], selected_slots(c, ctx));
    channel_how_ = std::move(q.how);
    return q.value;
  }

  void needs_intervals(const std::string& what) {
    if (!needs_intervals_reported_)
      error("B0021", "this tariff bills " + what + ", which register reads cannot give",
            "bill it from interval data (--usage with a CSV of intervals)");
    needs_intervals_reported_ = true;
  }

  std::int64_t peak_raw(const Cycle& c, const Context& ctx) {
    if (c.read_energy) {
      needs_intervals("maximum demand");
      return 0;
    }
    std::int64_t peak = 0;
    const auto& a = c.groups[ctx.group];
    for (std::size_t s = 0; s < a.peak.size(); ++s)
      if (slot_matches(s, ctx)) peak = std::max(peak, a.peak[s]);
    return peak;
  }

  Decimal demand(const Cycle& c, const Context& ctx) { return units_.demand(peak_raw(c, ctx)); }

  /// The tariff's billing demand for this bill: the greatest of its terms (measured demand,
  /// ratchets over earlier months' maximum demands, an account's contract demand, a floor).
  /// `measured`, when given, is the `demand` term (kWh/kW limits: the whole bill's maximum).
  Decimal billing_demand_kw(const Cycle& c, const Context& ctx, std::vector<std::string>& trace,
                            std::optional<Decimal> measured = std::nullopt) {
    Decimal best;
    std::string best_term;
    auto consider = [&](const Decimal& kw, std::string term) {
      if (trace_) trace.push_back(term + ": " + kw.to_string() + " kW");
      if (best_term.empty() || kw > best) {
        best = kw;
        best_term = std::move(term);
      }
    };
    auto this_month = bill_month(c);
    for (auto& term : t_.billing_demand) {
      using K = graph::BillingDemandTerm::Kind;
      switch (term.kind) {
        case K::demand: {
          if (measured) {   // kWh/kW limits take the measured maximum, not adjusted for power factor
            consider(*measured, "maximum demand this period");
            break;
          }
          auto kw = demand(c, ctx);
          auto adjusted = power_factor_adjusted(c, kw, trace);
          consider(adjusted, adjusted == kw ? "maximum demand this period" : "maximum demand this period, adjusted for power factor");
          break;
        }
        case K::floor: consider(term.kw, "floor"); break;
        case K::attribute: {
          auto it = account_.attributes.find(term.attribute);
          std::optional<Decimal> kw = it == account_.attributes.end() ? std::nullopt : Decimal::parse(it->second);
          if (!kw) {
            error("B0012", "the billing demand needs the account attribute `" + term.attribute + "` in kW" +
                               (it == account_.attributes.end() ? "" : ", not `" + it->second + "`"),
                  "pass it, e.g. --attribute " + term.attribute + "=250");
            break;
          }
          consider(*kw, term.attribute);
          break;
        }
        case K::ratchet: {
          std::optional<Decimal> highest;
          std::string from;
          for (int back = 1; back <= term.months; ++back) {
            auto month = this_month - std::chrono::months{back};
            auto it = demand_history_.find(month_key(month));
            if (it == demand_history_.end()) continue;
            if (!((term.month_mask >> (static_cast<unsigned>(month.month()) - 1)) & 1u)) continue;
            if (!t_.season_names.empty()) {
              auto season = season_of(year_month_day{month / 15d});
              if (!((term.season_mask >> season) & 1u)) continue;
            }
            if (!highest || it->second > *highest) {
              highest = it->second;
              from = format_month(month);
            }
          }
          if (!highest) {
            if (trace_) trace.push_back("ratchet: no demand history in the previous " + std::to_string(term.months) + " months");
            break;
          }
          auto kw = (*highest * term.percent).divided_by(Decimal(100), highest->scale() + term.percent.scale() + 2, RoundingMode::half_even);
          consider(kw, term.percent.to_string() + " % of the " + highest->to_string() + " kW of " + from + " (ratchet, " +
                           std::to_string(term.months) + " months)");
          break;
        }
      }
    }
    if (trace_) trace.push_back(t_.billing_demand_label + " = the greatest: " + best.to_string() + " kW (" + best_term + ")");
    return best;
  }

  static int month_key(year_month m) { return static_cast<int>(m.year()) * 12 + static_cast<int>(static_cast<unsigned>(m.month())) - 1; }
  static std::string format_month(year_month m) {
    char buf[12];
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
    return buf;
  }
  static year_month bill_month(const Cycle& c) {
    auto last = year_month_day{sys_days{c.period.to} - days{1}};
    return last.year() / last.month();
  }

  /// Records a bill's maximum demand (its billing demand for ratchets `of billing_demand`) as its month's, for later bills' ratchets.
  void record_demand(const Cycle& c) {
    if (c.read_energy) return;
    Context all;
    // a ratchet `of billing_demand` looks back at what each month billed (after its own
    // ratchet); an invalid rule has been reported while billing, and records nothing
    if (t_.ratchet_of_billing_demand && has_errors(diagnostics)) return;
    std::vector<std::string> unused;
    auto kw = t_.ratchet_of_billing_demand ? billing_demand_kw(c, all, unused) : demand(c, all);
    auto key = month_key(bill_month(c));
    auto it = demand_history_.find(key);
    if (it == demand_history_.end() || kw > it->second) demand_history_[key] = kw;
  }

  /// The cycle's billing demand for kWh/kW tiers: the highest demand of the whole billing
  /// period, across the segments a revision cuts it into.
  Decimal billing_demand(const Cycle& c) {
    Context all;
    std::int64_t peak = 0;
    for (auto& other : cycles_)
      if (other.bill == c.bill) peak = std::max(peak, peak_raw(other, all));
    return units_.demand(peak);
  }

  std::size_t interval_count(const Cycle& c, const Context& ctx) const {
    if (c.read_energy) return 1;
    std::size_t n = 0;
    const auto& a = c.groups[ctx.group];
    for (std::size_t s = 0; s < a.count.size(); ++s)
      if (slot_matches(s, ctx)) n += a.count[s];
    return n;
  }

  // ---------------------------------------------------------------- bills
  Bill bill_cycle(Cycle& c) {
    Bill bill;
    bill.tariff = t_.info.name;
    bill.period = c.period;
    bill.currency = t_.info.currency;
    bill.notes = notes_;
    const auto& charges = *c.charges;
    charge_amounts_.assign(charges.size(), Decimal(0));
    charges_ = c.charges;
    // Charges are evaluated in dependency order but listed in written order. When the two
    // differ, each charge's lines go to one scratch list (kept across bills, so it stops
    // allocating) and `lines_of_` remembers where, to move them into the bill in written order.
    auto& out = in_written_order_ ? bill.line_items : scratch_;
    out.clear();
    out.reserve(lines_hint_);   // one allocation per bill: the last bill's count is a good guess
    lines_of_.assign(charges.size(), {0, 0});
    for (auto index : t_.evaluation_order) {
      const auto& ch = charges[index];
      rounding_ = line_rounding(ch);
      if (!ch.exempt_if.empty()) {
        auto exempt = eval::is_exempt(account_, ch.id, ch.exempt_if, diagnostics);
        if (exempt.value_or(true)) {   // exempt, or not known (an error): no lines
          if (exempt) bill.notes.push_back({Severity::warning, "B0054", ch.label + " is not billed: the account's " + ch.exempt_if + " is yes", {}, ""});
          continue;
        }
      }
      const auto first = out.size();
      switch (ch.form) {
        case graph::Form::priced: priced(c, ch, out); break;
        case graph::Form::percentage: percentage(c, ch, out); break;
        case graph::Form::minimum: minimum(c, ch, out); break;
        case graph::Form::late_fee: late_fee(c, ch, out); break;
      }
      lines_of_[index] = {first, out.size()};
      for (std::size_t line = first; line < out.size(); ++line) {
        auto& li = out[line];
        if (trace_ && !ch.exempt_if.empty()) li.trace.insert(li.trace.begin() + 1, "billed: the account's " + ch.exempt_if + " is no");
        li.version = c.version;
        if (c.split) {
          li.id += "@" + c.version;
          li.label += ", " + format_date(c.seg_from) + " to " + format_date(sys_days{c.seg_to} - days{1}) + " (rates of " + c.version + ")";
          if (trace_) li.trace.insert(li.trace.begin() + 1, "the period is split where a revision takes effect: " + std::to_string(c.days) + " of " +
                                                    std::to_string(c.period_days) + " days at the rates of " + c.version);
        }
      }
      Decimal sum;
      for (std::size_t line = first; line < out.size(); ++line) sum += out[line].amount;
      charge_amounts_[index] = std::move(sum);
    }
    lines_hint_ = std::max(lines_hint_, out.size() + 1);   // + 1: room for an annual minimum
    if (in_written_order_) {
      for (auto& li : bill.line_items) bill.total += li.amount;
    } else {
      bill.line_items.reserve(out.size());
      for (auto [first, last] : lines_of_)
        for (std::size_t line = first; line < last; ++line) {
          bill.total += out[line].amount;
          bill.line_items.push_back(std::move(out[line]));
        }
    }
    if (c.estimated) {
      bill.estimated = true;
      bill.notes.push_back({Severity::warning, "B0013", "the usage comes from an estimated meter read", {}, ""});
      for (auto& li : bill.line_items)
        if (li.kind == LineKind::energy || li.kind == LineKind::rider) li.label += " (estimated)";
    }
    return bill;
  }

  /// The rule the current charge's lines round by: its own (`rounded 0.01 toward_zero`),
  /// else the tariff's `rounding line_items`; none when neither is stated.
  std::optional<graph::QuantityRounding> line_rounding(const Charge& ch) const {
    if (ch.rounding) return ch.rounding;
    if (t_.rounding.line_items) return graph::QuantityRounding{t_.rounding.step, t_.rounding.mode};
    return std::nullopt;
  }

  /// A new line item at the end of `out`, built in place (a LineItem is large to move).
  LineItem& add_line(std::vector<LineItem>& out, const Charge& ch, const Context& ctx, std::string_view tier_label = {},
                     std::string_view tier_id = {}) {
    auto& li = out.emplace_back();
    start_line(li, ch, ctx, tier_label, tier_id);
    return li;
  }

  LineItem make(const Charge& ch, const Context& ctx) {
    LineItem li;
    start_line(li, ch, ctx, {}, {});
    return li;
  }

  void start_line(LineItem& li, const Charge& ch, const Context& ctx, std::string_view tier_label, std::string_view tier_id) {
    // one allocation per string: a year of bills makes hundreds of these
    li.id.reserve(ch.id.size() + ctx.id.size() + tier_id.size());
    li.id.append(ch.id).append(ctx.id).append(tier_id);
    li.label.reserve(ch.label.size() + ctx.label.size() + tier_label.size() + 2);
    li.label.append(ch.label).append(ctx.label);
    if (!tier_label.empty()) li.label.append(", ").append(tier_label);
    li.kind = ch.kind;
    li.season = ctx.season_name;
    li.period = ctx.period_name;
    li.rate_unit = ch.rate_unit;
    if (trace_) li.trace.push_back(ch.origin.empty() ? "charge " + ch.id : "charge " + ch.id + " (" + ch.origin + ")");
    if (trace_ && !ctx.table_note.empty()) li.trace.push_back(ctx.table_note);
  }

  void finish(LineItem& li, const Decimal& unrounded) {
    li.unrounded = unrounded;
    li.amount = rounding_ ? unrounded.rounded(rounding_->scale(), rounding_->mode) : unrounded;
    if (!trace_) return;
    std::string step = "amount " + money(unrounded);
    if (rounding_ && li.amount != unrounded)
      step += ", rounded " + std::string(to_string(rounding_->mode)) + " to " + rounding_->step.to_string() + ": " + money(li.amount);
    li.trace.push_back(step);
  }

  std::string unit_of(const Charge& ch) const {
    switch (ch.determinant.measure) {
      case Measure::energy: return std::string(to_string(ch.billed.converts() ? ch.billed.priced : t_.usage_unit));
      case Measure::demand:
      case Measure::billing_demand: return "kW";
      case Measure::kva_demand: return "kVA";
      case Measure::days: return "day";
      case Measure::received: return "kWh";
      case Measure::reactive: return "kVARh";
      case Measure::none: return std::string(to_string(ch.unit));
    }
    return "";
  }

  /// The quantity a priced charge applies to, in the context.
  Decimal quantity(const Cycle& c, const Charge& ch, const Context& ctx, std::vector<std::string>& trace) {
    switch (ch.determinant.measure) {
      case Measure::energy: {
        channel_how_.clear();
        auto q = energy(c, ctx);
        if (trace_ && !channel_how_.empty()) trace.push_back(channel_how_ + describe_context(ctx));
        if (trace_) trace.push_back("energy " + q.to_string() + " " + std::string(to_string(t_.usage_unit)) + " over " + std::to_string(interval_count(c, ctx)) + " intervals" +
                        describe_context(ctx));
        if (eval::transforms_usage(t_, ch)) {
          eval::UsageToBill usage{q, std::nullopt, bill_month(c)};
          if (c.split || ctx.part)
            usage.share_days = {ctx.part ? c.season_days[static_cast<std::size_t>(ctx.season)] : c.days, c.period_days};
          q = eval::billed_quantity(t_, ch, account_, usage, trace_ ? &trace : nullptr, diagnostics).value_or(Decimal(0));
        }
        return q;
      }
      case Measure::demand:
      case Measure::billing_demand:
      case Measure::kva_demand: {
        const bool kva = ch.determinant.measure == Measure::kva_demand;
        const std::string unit = kva ? " kVA" : " kW";
        auto q = ch.determinant.measure == Measure::billing_demand ? billing_demand_kw(c, ctx, trace) : kva ? kva_demand(c, ctx, trace) : demand(c, ctx);
        if (trace_ && ch.determinant.measure == Measure::demand)
          trace.push_back("maximum demand " + q.to_string() + " kW" + describe_context(ctx) + peak_when(c, ctx));
        if (ch.determinant.measure == Measure::demand) q = power_factor_adjusted(c, q, trace);
        // a demand charge is a monthly charge: a part of the period pays its share by days
        if (c.split) {
          q = (q * c.fraction).rounded(kShareScale, RoundingMode::half_even).normalized();
          if (trace_) trace.push_back("× " + c.fraction.to_string() + " (" + std::to_string(c.days) + " of " + std::to_string(c.period_days) +
                          " days at these rates) = " + q.to_string() + unit);
        }
        if (ctx.part) {
          q = (q * ctx.fraction).rounded(kShareScale, RoundingMode::half_even).normalized();
          if (trace_) trace.push_back("× " + ctx.fraction.to_string() + " (the " + ctx.season_name + " part of the period) = " + q.to_string() + unit);
        }
        return q;
      }
      case Measure::days: {
        int d = ctx.season >= 0 ? c.season_days[static_cast<std::size_t>(ctx.season)] : c.days;
        if (trace_) trace.push_back(std::to_string(d) + " days" + (ctx.season >= 0 ? " in " + ctx.season_name : std::string(" in the billing period")));
        return Decimal(d);
      }
      case Measure::received:
      case Measure::reactive: {
        auto q = channel(c, ctx, ch.determinant.measure);
        if (trace_) trace.push_back(channel_how_ + describe_context(ctx));
        return q;
      }
      case Measure::none: {
        // per month / bill / meter: one, prorated as the tariff states
        Decimal q{1};
        fixed_count_ = 1;
        if (ch.unit == Unit::meter) {
          std::string why;
          fixed_count_ = eval::meter_count(account_, trace_ ? &why : nullptr, diagnostics).value_or(0);
          q = Decimal(fixed_count_);
          if (trace_) trace.push_back(why);
        }
        if (ch.unit == Unit::month && t_.proration != graph::Proration::none) {
          int month_days = 30;
          if (t_.proration == graph::Proration::days_over_days_in_month) {
            auto last = year_month_day{sys_days{c.period.to} - days{1}};
            month_days = static_cast<int>(static_cast<unsigned>(year_month_day_last{last.year(), month_day_last{last.month()}}.day()));
          }
          q = Decimal(c.period_days).divided_by(Decimal(month_days), kShareScale, RoundingMode::half_even).normalized();
          if (trace_) trace.push_back("prorated " + std::to_string(c.period_days) + " days / " + std::to_string(month_days) + " = " + q.to_string() + " month");
        }
        if (c.split) q = (q * c.fraction).rounded(kShareScale, RoundingMode::half_even).normalized();
        if (ctx.part) {
          q = (q * ctx.fraction).rounded(kShareScale, RoundingMode::half_even).normalized();
          if (trace_) trace.push_back("season part " + ctx.season_name + ": " + ctx.fraction.to_string() + " of the billing period");
        }
        // the exact ratio behind q, so the amount is price × days / days with one division
        // (10.35 × 31/30 is exactly 10.695, which q at 12 places would miss)
        int days_here = ctx.part ? c.season_days[static_cast<std::size_t>(ctx.season)] : c.split ? c.days : c.period_days;
        if (ch.unit == Unit::month && t_.proration != graph::Proration::none) {
          int month_days = 30;
          if (t_.proration == graph::Proration::days_over_days_in_month) {
            auto last = year_month_day{sys_days{c.period.to} - days{1}};
            month_days = static_cast<int>(static_cast<unsigned>(year_month_day_last{last.year(), month_day_last{last.month()}}.day()));
          }
          fixed_ratio_ = {days_here, month_days};
        } else if (c.split || ctx.part) {
          fixed_ratio_ = {days_here, c.period_days};
        } else {
          fixed_ratio_ = {1, 1};
        }
        return q;
      }
    }
    return Decimal(0);
  }

  std::string describe_context(const Context& ctx) const {
    std::string s;
    if (ctx.season >= 0) s += " in " + ctx.season_name;
    if (ctx.periods != ~0ull) {
      std::string list;
      const auto& names = t_.groups[ctx.group].period_names;
      for (std::size_t p = 0; p < names.size(); ++p)
        if ((ctx.periods >> p) & 1u) list += (list.empty() ? "" : ", ") + names[p];
      s += " (period " + list + ")";
    }
    return s;
  }

  /// When the peak happened (for the trace): the first interval of the context reaching it.
  std::string peak_when(const Cycle& c, const Context& ctx) const {
    if (c.read_energy) return "";
    const auto& a = c.groups[ctx.group];
    std::int64_t peak = -1;
    for (std::size_t s = 0; s < a.peak.size(); ++s)
      if (slot_matches(s, ctx) && a.count[s] && a.peak[s] > peak) peak = a.peak[s];
    if (peak < 0) return "";
    const auto& slot = slots_->slot[ctx.group];
    const std::int64_t* d = demand_.empty() ? usage_.delivered.values.data() : demand_.data();
    for (std::size_t i = c.first; i < c.last; ++i)
      if (d[i] == peak && slot_matches(slot[i], ctx)) {
        auto start_time = usage_.delivered.start + minutes(usage_.delivered.minutes) * static_cast<std::int64_t>(i);
        return ", in the interval starting " + format_instant(start_time);
      }
    return "";
  }

  static bool has_by_season(const graph::Tariff& t, std::uint32_t id) {
    if (id == kNone) return false;
    const auto& p = t.pricing[id];
    if (p.kind == Pricing::Kind::by_season) return true;
    for (auto c : p.cases)
      if (has_by_season(t, c)) return true;
    for (auto& [_, c] : p.attribute_cases)
      if (has_by_season(t, c)) return true;
    return has_by_season(t, p.otherwise);
  }

  void priced(const Cycle& c, const Charge& ch, std::vector<LineItem>& out) {
    Context base;
    base.group = ch.determinant.group;
    base.periods = ch.determinant.periods;
    if (has_by_season(t_, ch.pricing)) {
      // split into the season parts present in the period
      std::size_t present = 0;
      for (auto d : c.season_days) present += d > 0;
      // the parts in the order they come in the period (winter, then spring ...)
      std::vector<std::size_t> order;
      for (auto d = c.seg_from; d < c.seg_to && order.size() < present; d = next_day(d)) {
        auto s = season_of(d);
        if (std::find(order.begin(), order.end(), s) == order.end()) order.push_back(s);
      }
      for (auto s : order) {
        Context ctx = base;
        ctx.season = static_cast<int>(s);
        ctx.season_name = t_.season_names[s];
        if (present > 1) {
          ctx.part = true;
          ctx.fraction = Decimal(c.season_days[s]).divided_by(Decimal(c.days), kShareScale, RoundingMode::half_even).normalized();
          ctx.label = ", " + t_.season_labels[s] + " (" + std::to_string(c.season_days[s]) + " days)";
          ctx.id = "." + t_.season_names[s];
        }
        evaluate(c, ch, ch.pricing, ctx, out);
      }
    } else {
      evaluate(c, ch, ch.pricing, base, out);
    }
  }

  void evaluate(const Cycle& c, const Charge& ch, std::uint32_t id, const Context& ctx, std::vector<LineItem>& out) {
    if (id == kNone) return;
    const auto& p = t_.pricing[id];
    switch (p.kind) {
      case Pricing::Kind::flat: {
        auto& li = add_line(out, ch, ctx);
        li.quantity = quantity(c, ch, ctx, li.trace);
        li.unit = unit_of(ch);
        li.rate = p.price;
        auto amount = li.quantity * p.price;
        if (ch.determinant.measure == Measure::none && fixed_ratio_.second != 1)
          amount = (p.price * Decimal(fixed_ratio_.first) * Decimal(fixed_count_))
                       .divided_by(Decimal(fixed_ratio_.second), p.price.scale() + kShareScale, RoundingMode::half_even)
                       .normalized();
        if (trace_) li.trace.push_back(li.quantity.to_string() + " " + li.unit + " × " + p.price.to_string() + " " + ch.rate_unit + " = " + money(amount));
        finish(li, amount);
        break;
      }
      case Pricing::Kind::by_season: {
        if (ctx.season >= 0) evaluate(c, ch, p.cases[static_cast<std::size_t>(ctx.season)], ctx, out);
        break;
      }
      case Pricing::Kind::by_month:
        evaluate(c, ch, p.cases[c.month - 1], ctx, out);
        break;
      case Pricing::Kind::by_billing_month: {
        auto pick = billing_month_case(c, ch, p);
        Context sub = ctx;
        if (trace_) sub.table_note = "billing month " + format_month(bill_month(c)) + " (the month of the period's last day)";
        if (pick != kNone) evaluate(c, ch, pick, sub, out);
        break;
      }
      case Pricing::Kind::by_attribute: {
        auto it = account_.attributes.find(p.attribute);
        std::uint32_t pick = p.otherwise;
        if (it != account_.attributes.end())
          for (auto& [value, target] : p.attribute_cases)
            if (value == it->second) pick = target;
        if (pick == kNone && it == account_.attributes.end()) {
          error("B0010", "charge `" + ch.id + "` depends on the account attribute `" + p.attribute + "`, which the account does not give",
                "pass it, e.g. --attribute " + p.attribute + "=VALUE");
          return;
        }
        if (pick == kNone) {
          error("B0011", "charge `" + ch.id + "` has no price for " + p.attribute + " = " + it->second);
          return;
        }
        evaluate(c, ch, pick, ctx, out);
        break;
      }
      case Pricing::Kind::by_period: {
        const auto& names = t_.groups[p.group].period_names;
        const auto& labels = t_.groups[p.group].period_labels;
        for (std::size_t k = 0; k < p.cases.size(); ++k) {
          if (p.cases[k] == kNone || !((ctx.periods >> k) & 1u)) continue;
          Context sub = ctx;
          sub.group = p.group;
          sub.periods = ctx.periods & (1ull << k);
          // a period without hours in this bill (or season part) has no line, unless the tariff
          // splits seasons by days: then every part shares every period's usage
          if (!(t_.season_split_days && ctx.part) && interval_count(c, sub) == 0) continue;
          sub.period_name = names[k];
          sub.label.append(", ").append(k < labels.size() ? labels[k] : names[k]);
          sub.id.append(".").append(names[k]);
          evaluate(c, ch, p.cases[k], sub, out);
        }
        break;
      }
      case Pricing::Kind::tiers:
        tiers(c, ch, p, ctx, out);
        break;
    }
  }

  /// The case of a `by billing_month` table for the bill's month (its last day's), or
  /// `otherwise`; a month the table does not price is an error (B0055), never $0.
  std::uint32_t billing_month_case(const Cycle& c, const Charge& ch, const Pricing& p) {
    auto month = format_month(bill_month(c));
    for (auto& [key, target] : p.attribute_cases)
      if (key == month) return target;
    if (p.otherwise != kNone) return p.otherwise;
    std::string message = "charge `" + ch.id + "` has no price for the billing month " + month;
    if (std::none_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.message == message; }))
      error("B0055", message, "add `" + month + ": ...` to its `by billing_month` table, or `otherwise: ...`");
    return kNone;
  }

  /// Tier limits for this bill, in the determinant's unit.
  std::vector<std::optional<Decimal>> bounds(const Cycle& c, const graph::TierTable& tt, const Context& ctx, std::vector<std::string>& trace) {
    std::vector<std::optional<Decimal>> out;
    int days_here = ctx.season >= 0 && ctx.part ? c.season_days[static_cast<std::size_t>(ctx.season)] : c.days;
    std::optional<Decimal> demand_kw;
    for (auto& b : tt.upper) {
      if (!b) { out.push_back(std::nullopt); continue; }
      Decimal v = b->amount;
      switch (b->unit) {
        case BoundUnit::per_bill:
          // per-bill limits follow the bill's length as the tariff states, then the
          // share of it that this version segment and season part cover
          if (t_.proration != graph::Proration::none) v = prorate(c, v);
          if (c.split) v = (v * c.fraction).rounded(kShareScale, RoundingMode::half_even).normalized();
          if (ctx.part) v = (v * ctx.fraction).rounded(kShareScale, RoundingMode::half_even).normalized();
          break;
        case BoundUnit::per_day: v = v * Decimal(days_here); break;
        case BoundUnit::per_kw:
        case BoundUnit::per_kw_per_day:
          if (!demand_kw) {
            if (t_.billing_demand.empty()) {
              demand_kw = billing_demand(c);
            } else {
              // the rule's `demand` term is the whole bill's maximum, across revision segments
              Context whole;
              demand_kw = billing_demand_kw(c, whole, trace, billing_demand(c));
            }
            if (trace_) trace.push_back("billing demand " + demand_kw->to_string() + " kW sets the kWh/kW limits");
          }
          v = v * *demand_kw;
          if (b->unit == BoundUnit::per_kw_per_day) v = v * Decimal(days_here);
          break;
      }
      if (t_.limit_rounding) {
        // "the threshold is rounded to the nearest kWh": the limit of this bill, as the sheet rounds it
        auto rounded = v.rounded(t_.limit_rounding->scale(), t_.limit_rounding->mode);
        if (trace_ && rounded != v)
          trace.push_back("tier limit " + v.to_string() + " rounded " + std::string(to_string(t_.limit_rounding->mode)) + " to " +
                          rounded.to_string());
        v = std::move(rounded);
      }
      out.push_back(v);
    }
    return out;
  }

  /// A per-bill tier limit prorated as the tariff's `proration` says (days/30 or days/days in month).
  Decimal prorate(const Cycle& c, const Decimal& v) const {
    int month_days = 30;
    if (t_.proration == graph::Proration::days_over_days_in_month) {
      auto last = year_month_day{sys_days{c.period.to} - days{1}};
      month_days = static_cast<int>(static_cast<unsigned>(year_month_day_last{last.year(), month_day_last{last.month()}}.day()));
    }
    return (v * Decimal(c.period_days)).divided_by(Decimal(month_days), kShareScale, RoundingMode::half_even).normalized();
  }

  /// Splits q over the tiers: the portion of q between each tier's lower and upper bound.
  static std::vector<Decimal> split(const Decimal& q, const std::vector<std::optional<Decimal>>& upper) {
    std::vector<Decimal> portions;
    portions.reserve(upper.size());
    Decimal lower;
    for (auto& u : upper) {
      auto& portion = portions.emplace_back();
      if (q > lower) {
        portion = u && *u < q ? *u : q;
        portion -= lower;
        if (portion.is_negative()) portion = Decimal(0);
      }
      if (!u) lower = q;  // nothing above an unlimited tier
      else if (*u > lower) lower = *u;
    }
    return portions;
  }

  /// A tier table resolved for one bill: limits in the determinant's unit, nested blocks
  /// replaced by their steps, each step clipped to its block [block lower, block upper).
  struct ResolvedTiers {
    std::vector<std::optional<Decimal>> upper;
    std::vector<std::string> labels;
    std::vector<std::string> ids;              // ".t2", or ".t1.2" for step 2 of block 1: stable from bill to bill
    std::vector<std::vector<Decimal>> prices;  // [column][tier]
    // A table without nested blocks is used as it is in the graph (no copies per bill).
    const std::vector<std::string>* label_of = nullptr;
    const std::vector<std::vector<Decimal>>* price_of = nullptr;
    const std::vector<std::string>& tier_labels() const { return label_of ? *label_of : labels; }
    const std::vector<std::vector<Decimal>>& tier_prices() const { return price_of ? *price_of : prices; }
  };

  /// ".t1", ".t2" ... (ids of the tiers of a table without nested blocks)
  const std::vector<std::string>& tier_ids(std::size_t count) {
    while (plain_tier_ids_.size() < count) plain_tier_ids_.push_back(".t" + std::to_string(plain_tier_ids_.size() + 1));
    return plain_tier_ids_;
  }

  ResolvedTiers resolve_tiers(const Cycle& c, const graph::TierTable& tt, const Context& ctx, std::vector<std::string>& trace) {
    ResolvedTiers r;
    auto upper = bounds(c, tt, ctx, trace);
    if (std::none_of(tt.nested.begin(), tt.nested.end(), [](std::uint32_t n) { return n != kNone; })) {
      r.upper = std::move(upper);
      r.label_of = &tt.labels;
      r.price_of = &tt.prices;
      return r;
    }
    r.prices.resize(tt.prices.size());
    std::optional<Decimal> block_lower = Decimal(0);
    for (std::size_t k = 0; k < upper.size(); ++k) {
      bool has_nested = k < tt.nested.size() && tt.nested[k] != kNone;
      if (!has_nested) {
        r.upper.push_back(upper[k]);
        r.labels.push_back(tt.labels[k]);
        r.ids.push_back(".t" + std::to_string(k + 1));
        for (std::size_t col = 0; col < tt.prices.size(); ++col) r.prices[col].push_back(tt.prices[col][k]);
      } else {
        const auto& inner = t_.pricing[tt.nested[k]].tiers;
        auto steps = bounds(c, inner, ctx, trace);
        for (std::size_t j = 0; j < steps.size(); ++j) {
          // the step's limit, clipped to the block; steps wholly below the block are empty
          std::optional<Decimal> u = steps[j];
          if (upper[k] && (!u || *u > *upper[k])) u = upper[k];
          if (u && block_lower && *u < *block_lower) u = block_lower;
          r.upper.push_back(u);
          r.labels.push_back(tt.labels[k] + ", " + inner.labels[j]);
          r.ids.push_back(".t" + std::to_string(k + 1) + "." + std::to_string(j + 1));
          for (std::size_t col = 0; col < tt.prices.size(); ++col)
            r.prices[col].push_back(col < inner.prices.size() ? inner.prices[col][j] : Decimal(0));
          if (upper[k] && u && *u >= *upper[k]) break;  // later steps of this block are beyond its cap
        }
      }
      if (upper[k]) block_lower = block_lower ? max(*block_lower, *upper[k]) : upper[k];
      else break;
    }
    return r;
  }

  void tiers(const Cycle& c, const Charge& ch, const Pricing& p, const Context& ctx, std::vector<LineItem>& out) {
    std::vector<std::string> bound_trace;
    const auto resolved = resolve_tiers(c, p.tiers, ctx, bound_trace);
    const auto& upper = resolved.upper;
    struct View {
      const std::vector<std::string>& labels;
      const std::vector<std::string>& ids;
      const std::vector<std::vector<Decimal>>& prices;
      const std::vector<std::uint32_t>& column_period;
      Allocation allocation;
      std::size_t size() const { return labels.size(); }
      // the label and id suffix of tier k on a line item: none when there is one tier
      std::string_view label(std::size_t k) const { return size() > 1 ? std::string_view(labels[k]) : std::string_view(); }
      std::string_view id(std::size_t k) const { return size() > 1 ? std::string_view(ids[k]) : std::string_view(); }
    } tt{resolved.tier_labels(), resolved.ids.empty() ? tier_ids(resolved.tier_labels().size()) : resolved.ids, resolved.tier_prices(),
         p.tiers.column_period, p.tiers.allocation};
    if (tt.allocation == Allocation::single) {
      std::vector<std::string> trace;
      auto q = quantity(c, ch, ctx, trace);
      auto portions = split(q, upper);
      bool any = false;
      for (std::size_t k = 0; k < portions.size(); ++k) {
        if (portions[k].is_zero() && (any || k + 1 < portions.size() || !q.is_zero())) continue;
        any = true;
        auto& li = add_line(out, ch, ctx, tt.label(k), tt.id(k));
        if (trace_) li.trace.insert(li.trace.end(), trace.begin(), trace.end());
        if (trace_) li.trace.insert(li.trace.end(), bound_trace.begin(), bound_trace.end());
        li.quantity = portions[k];
        li.unit = unit_of(ch);
        li.rate = tt.prices[0][k];
        auto amount = li.quantity * li.rate;
        if (trace_) li.trace.push_back("tier " + tt.labels[k] + (upper[k] ? " (limit " + upper[k]->to_string() + " " + li.unit + ")" : "") + ": " +
                           li.quantity.to_string() + " " + li.unit + " × " + li.rate.to_string() + " " + ch.rate_unit + " = " + money(amount));
        finish(li, amount);
      }
      return;
    }
    // period columns: tiers on the total energy of the columns' periods
    Context all = ctx;
    all.group = p.group;
    std::uint64_t mask = 0;
    for (auto col : tt.column_period) mask |= 1ull << col;
    all.periods = ctx.periods & mask;
    std::vector<std::string> trace;
    // the charge's own quantity in the periods: delivered (or netted) energy, or the
    // received / reactive channel for a charge on one of those
    const auto measure = ch.determinant.measure;
    auto quantity_in = [&](const Context& periods) {
      return measure == Measure::received || measure == Measure::reactive ? channel(c, periods, measure) : energy(c, periods);
    };
    Decimal total = quantity_in(all);
    if (trace_)
      trace.push_back(std::string(measure == Measure::received ? "received energy " : measure == Measure::reactive ? "reactive energy " : "energy ") +
                      total.to_string() + " " + unit_of(ch) + " in the tiered periods" + describe_context(ctx));
    auto portions = split(total, upper);
    const auto& names = t_.groups[p.group].period_names;
    const auto& labels = t_.groups[p.group].period_labels;
    std::vector<std::vector<Decimal>> share(tt.column_period.size(), std::vector<Decimal>(portions.size()));
    if (tt.allocation == Allocation::proportional) {
      for (std::size_t col = 0; col < tt.column_period.size(); ++col) {
        Context one = all;
        one.periods = all.periods & (1ull << tt.column_period[col]);
        Decimal e = quantity_in(one);
        for (std::size_t k = 0; k < portions.size(); ++k)
          share[col][k] = total.is_zero() ? Decimal(0) : (e * portions[k]).divided_by(total, kShareScale, RoundingMode::half_even);
      }
    } else {
      chronological(c, all, p.tiers.column_period, upper, share);
    }
    for (std::size_t col = 0; col < tt.column_period.size(); ++col) {
      auto period = tt.column_period[col];
      if (!((all.periods >> period) & 1u)) continue;
      for (std::size_t k = 0; k < portions.size(); ++k) {
        if (share[col][k].is_zero()) continue;
        Context sub = ctx;
        sub.period_name = names[period];
        sub.label.append(", ").append(period < labels.size() ? labels[period] : names[period]);
        sub.id.append(".").append(names[period]);
        auto& li = add_line(out, ch, sub, tt.label(k), tt.id(k));
        if (trace_) li.trace.insert(li.trace.end(), trace.begin(), trace.end());
        if (trace_) li.trace.insert(li.trace.end(), bound_trace.begin(), bound_trace.end());
        li.quantity = share[col][k];
        li.unit = unit_of(ch);
        li.rate = tt.prices[col][k];
        // the amount is computed from the exact share where possible
        Decimal amount = li.quantity * li.rate;
        if (trace_) li.trace.push_back(std::string(tt.allocation == Allocation::proportional
                                           ? "this period's share of tier "
                                           : "energy that filled tier ") +
                           tt.labels[k] + ": " + li.quantity.to_string() + " kWh × " + li.rate.to_string() + " " + ch.rate_unit + " = " + money(amount));
        finish(li, amount);
      }
    }
  }

  /// Chronological fill: walk the period's intervals in time order; each interval's energy
  /// fills the tiers in turn and is credited to its own TOU period. Exact in integers.
  void chronological(const Cycle& c, const Context& all, const std::vector<std::uint32_t>& column_period,
                     const std::vector<std::optional<Decimal>>& upper, std::vector<std::vector<Decimal>>& share) {
    const auto& series = usage_.delivered;
    // Work in raw units scaled so that every bound is an integer: raw × 10^extra × den_e
    // against bound × 10^(scale + extra) × den_e / num_e.
    int extra = 0;
    for (auto& u : upper)
      if (u) extra = std::max(extra, u->scale() - series.scale);
    extra = std::min(extra, 12);
    std::vector<std::optional<Wide>> limit;
    for (auto& u : upper) {
      if (!u) { limit.push_back(std::nullopt); continue; }
      // kWh -> raw: kWh × 10^(scale+extra) × den / num
      auto raw = (*u * Decimal(units_.energy_den)).divided_by(Decimal(units_.energy_num), series.scale + extra, RoundingMode::ceiling);
      const auto& coeff = raw.coefficient();
      // Limits are compared with sums of raw values in Wide (128 bits), not in int64: with
      // finely scaled data (SAM loads have 17 decimals) a month's limit exceeds 2^63 raw units.
      if (coeff > Decimal::pow10(36)) {
        limit.push_back(std::nullopt);  // beyond any usage
      } else {
        const auto high = static_cast<unsigned long long>(coeff >> 64);
        const auto low = static_cast<unsigned long long>(coeff & Decimal::Int(std::numeric_limits<unsigned long long>::max()));
        limit.push_back(static_cast<Wide>((static_cast<eval::UWide>(high) << 64) | static_cast<eval::UWide>(low)));
      }
    }
    Wide scale_up = 1;
    for (int i = 0; i < extra; ++i) scale_up *= 10;
    const auto& slot = slots_->slot[all.group];
    const auto periods = period_count(all.group);
    std::vector<std::vector<Wide>> acc(periods, std::vector<Wide>(upper.size(), 0));
    Wide cumulative = 0;
    for (std::size_t i = c.first; i < c.last; ++i) {
      if (!slot_matches(slot[i], all)) continue;
      auto period = slot[i] % periods;
      Wide v = static_cast<Wide>(series.values[i]) * scale_up;
      std::size_t k = 0;
      while (v > 0 && k < limit.size()) {
        Wide room = limit[k] ? std::max<Wide>(0, *limit[k] - cumulative) : v;
        Wide take = std::min(room, v);
        acc[period][k] += take;
        cumulative += take;
        v -= take;
        if (v > 0) ++k;
      }
    }
    RawUnits scaled_units = units_;
    scaled_units.scale = series.scale + extra;
    for (std::size_t col = 0; col < column_period.size(); ++col)
      for (std::size_t k = 0; k < upper.size(); ++k) share[col][k] = scaled_units.energy(acc[column_period[col]][k]);
  }

  /// The one price a percentage or minimum has in this bill: tables by month, season (of
  /// the period's last day) or account attribute resolve to a flat price. nullopt when the
  /// table has no price for this bill (the charge does not apply); an account attribute the
  /// table needs and the account lacks is an error.
  std::optional<Decimal> flat_price(const Cycle& c, const Charge& ch) {
    std::uint32_t id = ch.pricing;
    while (id != kNone && t_.pricing[id].kind != Pricing::Kind::flat) {
      const auto& n = t_.pricing[id];
      switch (n.kind) {
        case Pricing::Kind::by_month: id = n.cases[c.month - 1]; break;
        case Pricing::Kind::by_billing_month:
          id = billing_month_case(c, ch, n);
          if (id == kNone) return std::nullopt;
          break;
        case Pricing::Kind::by_season: id = n.cases[season_of(year_month_day{sys_days{c.period.to} - days{1}})]; break;
        case Pricing::Kind::by_attribute: {
          auto it = account_.attributes.find(n.attribute);
          if (it == account_.attributes.end() && n.otherwise == kNone) {
            error("B0010", "charge `" + ch.id + "` depends on the account attribute `" + n.attribute + "`, which the account does not give",
                  "pass it, e.g. --attribute " + n.attribute + "=VALUE");
            return std::nullopt;
          }
          std::uint32_t pick = n.otherwise;
          if (it != account_.attributes.end())
            for (auto& [value, target] : n.attribute_cases)
              if (value == it->second) pick = target;
          id = pick;
          break;
        }
        default: id = kNone; break;   // tiers or periods: the checker allows neither here
      }
    }
    if (id == kNone) return std::nullopt;
    return t_.pricing[id].price;
  }

  void percentage(const Cycle& c, const Charge& ch, std::vector<LineItem>& out) {
    auto price = flat_price(c, ch);
    if (!price) return;
    Decimal rate = *price;
    Decimal base;
    std::string names;
    for (auto b : ch.base) {
      base += charge_amounts_[b];
      if (trace_) names += (names.empty() ? "" : ", ") + (*charges_)[b].id;
    }
    Context ctx;
    auto& li = add_line(out, ch, ctx);
    li.quantity = base;
    li.unit = t_.info.currency == "USD" ? "$" : t_.info.currency;
    li.rate = rate;
    auto amount = (base * rate).divided_by(Decimal(100), base.scale() + rate.scale() + 2, RoundingMode::half_even);
    // caps and floors limit the amount's size; a credit stays a credit
    if (ch.at_most || ch.at_least) {
      Decimal size = amount.abs();
      std::string why;
      if (ch.at_most && size > *ch.at_most) size = *ch.at_most, why = "capped at " + money(*ch.at_most);
      if (ch.at_least && size < *ch.at_least) size = *ch.at_least, why = "raised to the floor " + money(*ch.at_least);
      if (!why.empty()) {
        if (trace_) li.trace.push_back(money(amount) + " " + why);
        amount = amount.is_negative() ? -size : size;
      }
    }
    if (trace_) li.trace.push_back("base " + money(base) + " = the line items of " + names);
    if (trace_) li.trace.push_back(money(base) + " × " + rate.to_string() + " % = " + money(amount));
    finish(li, amount);
  }

  /// A late fee (eval/late_payment.hpp): once per bill, at the rate in force on its last day.
  void late_fee(const Cycle& c, const Charge& ch, std::vector<LineItem>& out) {
    if (sys_days{c.seg_to} != sys_days{c.period.to}) return;
    auto rate = flat_price(c, ch);
    if (!rate) return;
    auto fee = eval::assess_late_fee(ch, *rate, account_, c.period.to, trace_);
    if (!fee) return;
    auto& li = add_line(out, ch, Context{});
    li.quantity = fee->quantity;
    li.unit = fee->unit;
    li.rate = *rate;
    li.trace.insert(li.trace.end(), fee->trace.begin(), fee->trace.end());
    finish(li, fee->amount);
  }

  /// The account's past-due state, checked once for the run when the tariff has a late fee.
  bool past_due_state_ok(std::size_t bills) {
    auto has_late_fee = [](const std::vector<Charge>& charges) {
      return std::any_of(charges.begin(), charges.end(), [](const Charge& ch) { return ch.form == graph::Form::late_fee; });
    };
    bool any = has_late_fee(t_.charges);
    for (auto& r : t_.revisions) any = any || has_late_fee(r.charges);
    if (!any) return true;
    auto problems = eval::past_due_problems(account_, bills);
    diagnostics.insert(diagnostics.end(), problems.begin(), problems.end());
    return problems.empty();
  }

  Decimal minimum_amount(const Cycle& c, const Charge& ch) {
    Decimal price;   // no price for this bill: no minimum
    if (auto found = flat_price(c, ch)) price = *found;
    if (ch.minimum_per == graph::MinimumPer::day) return price * Decimal(c.days);
    if (c.split) return (price * c.fraction).rounded(kShareScale, RoundingMode::half_even);
    return price;
  }

  void minimum(const Cycle& c, const Charge& ch, std::vector<LineItem>& out) {
    if (ch.minimum_per == graph::MinimumPer::year) return;  // applied across bills (apply_annual_minimums)
    Decimal base;
    for (auto b : ch.base) base += charge_amounts_[b];
    Decimal floor_amount = minimum_amount(c, ch);
    if (base >= floor_amount) return;
    Context ctx;
    auto& li = add_line(out, ch, ctx);
    li.quantity = Decimal(1);
    li.unit = ch.minimum_per == graph::MinimumPer::day ? "bill" : "month";
    li.rate = floor_amount - base;
    auto amount = floor_amount - base;
    if (trace_) li.trace.push_back("the charges it covers come to " + money(base) + ", below the minimum " + money(floor_amount));
    if (trace_) li.trace.push_back("top-up " + money(floor_amount) + " − " + money(base) + " = " + money(amount));
    li.rate_unit = "$";
    finish(li, amount);
  }

  /// Annual minimums: within each run of 12 consecutive bills, the charges a `$/year`
  /// minimum covers are summed; a shortfall is added to the run's last bill.
  void apply_annual_minimums(std::vector<Bill>& bills) {
    for (std::size_t index = 0; index < t_.charges.size(); ++index) {
      const auto& ch = t_.charges[index];   // annual minimums are not revised mid-year
      if (ch.form != graph::Form::minimum || ch.minimum_per != graph::MinimumPer::year) continue;
      std::vector<std::string_view> base_ids;
      for (auto b : ch.base) base_ids.push_back(t_.charges[b].id);
      for (std::size_t start = 0; start < bills.size(); start += 12) {
        std::size_t end = std::min(bills.size(), start + 12);
        if (end - start < 12) {
          // an annual minimum compares a year of bills: a shorter run cannot be judged
          bills[end - 1].notes.push_back({Severity::warning, "B0014",
                                          "the annual minimum `" + ch.id + "` is not applied: it needs 12 bills, the run has " +
                                              std::to_string(end - start),
                                          {}, ""});
          continue;
        }
        Decimal base;
        for (std::size_t i = start; i < end; ++i)
          for (auto& li : bills[i].line_items) {
            auto charge_id = std::string_view(li.id).substr(0, li.id.find_first_of(".@"));
            if (std::find(base_ids.begin(), base_ids.end(), charge_id) != base_ids.end()) base += li.amount;
          }
        Decimal floor_amount = minimum_amount(*first_segment_[start], ch);
        if (base >= floor_amount) continue;
        Context ctx;
        auto li = make(ch, ctx);
        li.quantity = Decimal(1);
        li.unit = "year";
        li.rate = floor_amount - base;
        li.rate_unit = "$";
        if (trace_) li.trace.push_back("annual minimum over bills " + std::to_string(start + 1) + ".." + std::to_string(end) + ": the charges it covers come to " +
                           money(base) + ", below " + money(floor_amount));
        rounding_ = line_rounding(ch);
        finish(li, floor_amount - base);
        auto& last = bills[end - 1];
        last.total += li.amount;
        last.line_items.push_back(std::move(li));
      }
    }
  }

  const graph::Tariff& t_;
  const IntervalUsage& usage_;
  const Account& account_;
  const RegisterUsage* reads_ = nullptr;
  bool needs_intervals_reported_ = false;
  std::int32_t window_;
  bool trace_;
  RawUnits units_;
  std::shared_ptr<const graph::IntervalSlots> slots_;
  std::optional<eval::MeterChannels> channels_;
  std::optional<eval::KvaDemand> kva_;
  bool power_factor_reported_ = false;
  std::string channel_how_;                 // how the last netted or channel quantity came about (trace)
  std::vector<std::int64_t> demand_;
  std::vector<Cycle> cycles_;
  std::vector<Diagnostic> notes_;
  std::vector<Decimal> charge_amounts_;
  std::vector<std::string> plain_tier_ids_;                    // tier_ids()
  const bool in_written_order_ = std::is_sorted(t_.evaluation_order.begin(), t_.evaluation_order.end());
  std::size_t lines_hint_ = 8;
  std::optional<graph::QuantityRounding> rounding_;   // the charge being billed: how its lines round (finish())
  std::vector<LineItem> scratch_;                              // bill_cycle's lines, in evaluation order
  std::vector<std::pair<std::size_t, std::size_t>> lines_of_;  // per charge: its lines in scratch_
  const std::vector<Charge>* charges_ = &t_.charges;
  std::vector<const Cycle*> first_segment_;
  std::map<int, Decimal> demand_history_;
  int fixed_count_ = 1;                     // the last fixed charge's meters (1 unless `$/meter`)
  std::pair<int, int> fixed_ratio_{1, 1};   // the last fixed charge's days / days (see quantity())   // month key -> maximum demand (kW)
  std::size_t bill_count_ = 0;
};

}  // namespace

namespace {

// The part both sources share: run a prepared evaluator and collect its bills.
BillSeriesResult run_prepared(Evaluator& evaluator, bool prepared) {
  BillSeriesResult result;
  if (!prepared) {
    result.diagnostics = std::move(evaluator.diagnostics);
    return result;
  }
  auto bills = evaluator.run();
  result.diagnostics = std::move(evaluator.diagnostics);
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
  Evaluator evaluator(graph.tariff(), usage, account, options);
  bool prepared = evaluator.prepare(periods, options);
  return run_prepared(evaluator, prepared);
}

BillSeriesResult bill_periods(const RateGraph& graph, const RegisterUsage& reads, const std::vector<BillingPeriod>& periods,
                              const Account& account, const BillOptions& options) {
  IntervalUsage none;   // reads carry no intervals
  Evaluator evaluator(graph.tariff(), none, account, options);
  bool prepared = evaluator.prepare_reads(reads, periods, options);
  return run_prepared(evaluator, prepared);
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
