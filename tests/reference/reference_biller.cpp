// The reference biller (see reference_biller.hpp). Deliberately plain: no integer hot
// path, no precomputed tables; every interval is placed by a TimeZone::to_local call and
// a walk over the model's seasons and period rules.
#include "reference/reference_biller.hpp"

#include "rateline/time_zone.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace rateline::reference {

namespace {

using namespace std::chrono;

/// A charge's own `rounded STEP MODE`, else the tariff's `rounding line_items` (docs/
/// language.md, "Rounding": the charge's rule is "in place of" the tariff's, also where the
/// tariff rounds nothing).
Decimal round_with(const ChargeDef& ch, const std::optional<Rounding>& tariff_rule, const Decimal& amount) {
  const auto& rule = ch.rounded ? ch.rounded : tariff_rule;
  if (!rule) return amount;
  return amount.rounded(rule->step.normalized().scale(), rule->mode);
}

/// A minimum's top-up line: what brings `base` up to `floor_amount` (a month's or a year's).
RefLine top_up_line(const ChargeDef& ch, const std::optional<Rounding>& tariff_rule, const Decimal& base, const Decimal& floor_amount,
                    const std::string& of_what) {
  RefLine l;
  l.charge = ch.id;
  l.detail = "top-up of " + of_what + "$" + base.to_string() + " to $" + floor_amount.to_string();
  l.quantity = Decimal(1);
  l.rate = floor_amount - base;
  l.unrounded = l.rate;
  l.amount = round_with(ch, tariff_rule, l.unrounded);
  return l;
}

constexpr int kShareScale = 12;

/// (month, day) as a number that orders the days of a year.
unsigned day_key(unsigned month, unsigned day) { return month * 100 + day; }

bool in_range(const DayRange& r, unsigned month, unsigned day) {
  unsigned k = day_key(month, day), from = day_key(r.from_month, r.from_day), to = day_key(r.to_month, r.to_day);
  if (from <= to) return from <= k && k <= to;
  return k >= from || k <= to;  // wraps past Dec 31
}

std::size_t season_of(const TariffModel& t, year_month_day date) {
  if (t.seasons.empty()) return 0;
  unsigned month = static_cast<unsigned>(date.month()), day = static_cast<unsigned>(date.day());
  if (month == 2 && day == 29) day = 28;  // the leap day belongs with Feb 28
  for (std::size_t s = 0; s < t.seasons.size(); ++s)
    for (auto& r : t.seasons[s].ranges)
      if (in_range(r, month, day)) return s;
  throw std::logic_error("reference: a date in no season (the generator must cover the year)");
}

bool rule_matches(const PeriodRule& rule, std::size_t season, unsigned monday_based_day, int minute) {
  if (!rule.seasons.empty() && std::find(rule.seasons.begin(), rule.seasons.end(), season) == rule.seasons.end()) return false;
  if (!((rule.days >> monday_based_day) & 1u)) return false;
  if (rule.minutes.empty()) return true;
  for (auto [from, to] : rule.minutes) {
    if (to == 0) to = 1440;
    if (from < to ? (minute >= from && minute < to) : (minute >= from || minute < to)) return true;
  }
  return false;
}

/// The TOU period of a minute in each period group (indices into t.periods); {0} without TOU.
std::vector<std::size_t> periods_of(const TariffModel& t, std::size_t season, unsigned monday_based_day, int minute) {
  if (t.periods.empty()) return {0};
  std::vector<std::size_t> out;
  for (std::size_t g = 0; g < t.groups.size(); ++g) {
    std::optional<std::size_t> found;
    for (std::size_t p = 0; p < t.periods.size() && !found; ++p)
      if (t.periods[p].group == g)
        for (auto& rule : t.periods[p].rules)
          if (rule_matches(rule, season, monday_based_day, minute)) found = p;
    for (std::size_t p = 0; p < t.periods.size() && !found; ++p)
      if (t.periods[p].group == g && t.periods[p].otherwise) found = p;
    if (!found) throw std::logic_error("reference: a minute in no TOU period (the generator gives each group a period `otherwise`)");
    out.push_back(*found);
  }
  return out;
}

bool has_by_season(const Pricing& p) {
  if (p.kind == Pricing::Kind::by_season) return true;
  for (auto& c : p.cases)
    if (has_by_season(*c.pricing)) return true;
  return false;
}

/// The case of a by-table for one key: a case naming the key, else `otherwise`, else none.
const Pricing* case_for(const Pricing& table, std::size_t key) {
  for (auto& c : table.cases)
    if (std::find(c.keys.begin(), c.keys.end(), key) != c.keys.end()) return c.pricing.get();
  for (auto& c : table.cases)
    if (c.otherwise) return c.pricing.get();
  return nullptr;
}

/// The square root of num / den (both >= 0, den > 0) to `places` decimals, rounded by
/// `mode`: the largest d of that many places with d² × den <= num, found by bisection on
/// exact squares; then whether the root is exact, below, at or above d + half a unit
/// decides the rounding (through Decimal::rounded on a stand-in of two more places).
Decimal sqrt_rounded(const Decimal& num, const Decimal& den, int places, RoundingMode mode) {
  auto fits = [&](const Decimal::Int& k) {
    Decimal d(k, places);
    return d * d * den <= num;
  };
  Decimal bound = num.divided_by(den, 0, RoundingMode::ceiling) + Decimal(2);
  Decimal::Int lo = 0, hi = bound.scaled_to(places).value();  // fits(lo), !fits(hi)
  while (hi - lo > 1) {
    Decimal::Int mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  Decimal d(lo, places);
  if (d * d * den == num) return d;
  Decimal half(Decimal::Int((lo * 2 + 1) * 5), places + 1);  // d + half a unit
  Decimal half_sq = half * half * den;
  Decimal::Int stand_in = lo * 100 + (half_sq < num ? 75 : half_sq > num ? 25 : 50);
  return Decimal(stand_in, places + 2).rounded(places, mode);
}

/// The charges (indices) a percentage or minimum `charges[index]` is `of`.
std::vector<std::size_t> bases_of(const std::vector<ChargeDef>& charges, std::size_t index) {
  std::vector<std::size_t> out;
  for (auto& name : charges[index].of) {
    for (std::size_t j = 0; j < charges.size(); ++j) {
      if (j == index) continue;
      auto k = charges[j].kind;
      bool member = name == "charges" ? k == ChargeKind::charge
                  : name == "riders"  ? k == ChargeKind::rider
                  : name == "taxes"   ? k == ChargeKind::tax
                  : name == "credits" ? k == ChargeKind::credit
                  : name == "all"     ? charges[j].form != Form::minimum && charges[j].form != Form::late_fee
                                      : charges[j].id == name;
      if (member && std::find(out.begin(), out.end(), j) == out.end()) out.push_back(j);
    }
  }
  auto& except = charges[index].except;
  out.erase(std::remove_if(out.begin(), out.end(), [&](std::size_t j) { return std::find(except.begin(), except.end(), charges[j].id) != except.end(); }),
            out.end());
  return out;
}

/// `billing_cycle`: how many of a price or limit per `per` (month, quarter, year) one bill
/// is: the cycle's months over the unit's (a quarterly bill: 3 months, 1 quarter, 1/4 year).
/// The generator writes only shares that are exact decimals (E0360 otherwise).
Decimal cycle_share(const TariffModel& t, const std::string& per) {
  int months = per == "month" ? 1 : per == "quarter" ? 3 : per == "year" ? 12 : 0;
  if (months == 0) throw std::logic_error("reference: a price or limit per " + per);
  Decimal share = Decimal(t.cycle_months).divided_by(Decimal(months), 2, RoundingMode::half_even).normalized();
  if (share * Decimal(months) != Decimal(t.cycle_months)) throw std::logic_error("reference: a cycle share that is not a decimal (E0360)");
  return share;
}

/// A `$/year` minimum: compared with a whole year of bills, not with one.
bool yearly_minimum(const ChargeDef& ch) { return ch.form == Form::minimum && !ch.minimum_per_day && ch.per == "year"; }

struct Context {
  int season = -1;               // -1: the whole billing period
  bool part = false;             // a season part of a period that spans seasons
  Decimal fraction{1};           // part days / period days
  std::vector<bool> periods;     // the TOU periods that count
  std::string detail;
};

class ReferenceBiller {
 public:
  /// Bills the days [from, to) of the billing period `period` with `charges` (the version
  /// of the tariff in force then). `split`: the period is cut in version segments.
  ReferenceBiller(const TariffModel& t, const std::vector<ChargeDef>& charges, const IntervalUsage& usage, const BillingPeriod& period,
                  const Account& account, const BillOptions& options, const std::map<int, Decimal>& history, year_month_day from,
                  year_month_day to, bool split)
      : t_(t), charges_(charges), period_(period), account_(account), options_(options), history_(history), from_(from), to_(to),
        zone_(TimeZone::locate(t.zone).value()) {
    seasons_ = std::max<std::size_t>(1, t.seasons.size());
    periods_ = std::max<std::size_t>(1, t.periods.size());
    for (auto* table : {&energy_, &demand_, &delivered_, &metered_received_, &received_, &reactive_, &kva2_})
      table->assign(seasons_, std::vector<Decimal>(periods_, Decimal(0)));
    last_segment_ = sys_days{to} == sys_days{period.to};
    accumulate(usage);
    power_factor();
    days_ = static_cast<int>((sys_days{to} - sys_days{from}).count());
    period_days_ = period.days();
    split_ = split;
    if (split) segment_fraction_ = Decimal(days_).divided_by(Decimal(period_days_), kShareScale, RoundingMode::half_even);
    season_days_.assign(seasons_, 0);
    for (auto d = sys_days{from}; d < sys_days{to}; d += days{1}) season_days_[season_of(t, year_month_day{d})]++;
  }

  RefBill run() {
    std::vector<bool> done(charges_.size(), false);
    amounts_.assign(charges_.size(), Decimal(0));
    std::vector<std::vector<RefLine>> lines(charges_.size());
    auto finish = [&](std::size_t i) {
      Decimal sum{0};
      for (auto& l : lines[i]) sum += l.amount;
      amounts_[i] = sum;
      done[i] = true;
    };
    // `unless ATTRIBUTE`: an exempt charge has no line item and counts as $0
    for (std::size_t i = 0; i < charges_.size(); ++i)
      if (exempt(charges_[i])) finish(i);
    // a `$/year` minimum is applied to a year of bills (apply_yearly_minimums), not here
    for (std::size_t i = 0; i < charges_.size(); ++i)
      if (yearly_minimum(charges_[i])) finish(i);
    for (std::size_t i = 0; i < charges_.size(); ++i)
      if (done[i]) continue;
      else if (charges_[i].form == Form::priced) {
        priced(charges_[i], lines[i]);
        finish(i);
      } else if (charges_[i].form == Form::late_fee) {
        if (last_segment_) late_fee(charges_[i], lines[i]);  // once per bill, at the rate of the period's last day
        finish(i);
      }
    // riders, taxes and minimums once everything they name is known
    for (bool progress = true; progress;) {
      progress = false;
      for (std::size_t i = 0; i < charges_.size(); ++i) {
        if (done[i]) continue;
        auto base = bases(i);
        if (!std::all_of(base.begin(), base.end(), [&](std::size_t b) { return done[b]; })) continue;
        Decimal sum{0};
        for (auto b : base) sum += amounts_[b];
        const auto& ch = charges_[i];
        if (ch.form == Form::minimum) minimum(ch, sum, lines[i]);
        else percentage(ch, sum, lines[i]);
        finish(i);
        progress = true;
      }
    }
    if (!std::all_of(done.begin(), done.end(), [](bool d) { return d; })) throw std::logic_error("reference: charges depend on each other in a cycle");
    RefBill bill;
    bill.max_demand = billing_demand_;
    bill.power_factor = pf_;
    for (auto& group : lines)
      for (auto& l : group) {
        bill.total += l.amount;
        bill.lines.push_back(std::move(l));
      }
    return bill;
  }

 private:
  // ------------------------------------------------------------------ usage
  /// The energy of every interval of a series (kWh, or kVARh for the reactive channel).
  static std::vector<Decimal> energies(const IntervalSeries& s) {
    const Decimal minutes(static_cast<std::int64_t>(s.minutes));
    std::vector<Decimal> out(s.values.size());
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      Decimal value(Decimal::Int(s.values[i]), s.scale);
      out[i] = s.unit == Unit::kW ? (value * minutes).divided_by(Decimal(60), s.scale + 6, RoundingMode::half_even) : value;
    }
    return out;
  }

  void accumulate(const IntervalUsage& usage) {
    const IntervalSeries& s = usage.delivered;
    // energy of every interval of the series, in kWh
    std::vector<Decimal> kwh = energies(s);
    // the other channels, on the same intervals (the generator makes them so)
    std::vector<Decimal> received(kwh.size(), Decimal(0)), kvarh(kwh.size(), Decimal(0));
    for (auto [channel, out] : {std::pair{&usage.received, &received}, std::pair{&usage.reactive, &kvarh}}) {
      if (!*channel) continue;
      if ((*channel)->start != s.start || (*channel)->minutes != s.minutes || (*channel)->values.size() != s.values.size())
        throw std::logic_error("reference: a channel not on the delivered energy's intervals");
      *out = energies(**channel);
    }
    // demand of every interval: average kW over the demand window that holds it (fixed
    // blocks counted from the start of the usage), or that ends with it (sliding)
    const int window = t_.demand_window > 0 && options_.demand_window == DemandWindowPolicy::tariff ? t_.demand_window : s.minutes;
    const std::size_t k = static_cast<std::size_t>(window / s.minutes);
    auto window_average = [&](const std::vector<Decimal>& e) {
      std::vector<Decimal> avg(e.size());
      for (std::size_t i = 0; i < e.size(); ++i) {
        std::size_t first = t_.demand_sliding ? (i + 1 >= k ? i + 1 - k : 0) : i / k * k;
        std::size_t last = t_.demand_sliding ? i + 1 : std::min(e.size(), first + k);
        Decimal sum{0};
        for (std::size_t j = first; j < last; ++j) sum += e[j];
        avg[i] = (sum * Decimal(60)).divided_by(Decimal(static_cast<std::int64_t>(window)), s.scale + 8, RoundingMode::half_even);
      }
      return avg;
    };
    std::vector<Decimal> kw = window_average(kwh);
    std::vector<Decimal> kvar = window_average(kvarh);
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      sys_seconds start = s.start + std::chrono::minutes(s.minutes) * static_cast<std::int64_t>(i);
      local_seconds local = zone_.to_local(start);
      auto local_day = floor<days>(local);
      year_month_day date{local_day};
      if (sys_days{date} < sys_days{period_.from} || sys_days{date} >= sys_days{period_.to}) continue;
      billing_demand_ = max(billing_demand_, kw[i]);  // the whole billing period's
      if (sys_days{date} < sys_days{from_} || sys_days{date} >= sys_days{to_}) continue;
      auto season = season_of(t_, date);
      unsigned monday_based = (weekday{local_day}.c_encoding() + 6) % 7;
      int minute = static_cast<int>(duration_cast<std::chrono::minutes>(local - local_day).count());
      auto periods = periods_of(t_, season, monday_based, minute);  // one per period group
      // kVA² of the window: kW² + kVAR², compared exactly
      Decimal kva2 = kw[i] * kw[i] + kvar[i] * kvar[i];
      segment_kwh_ += kwh[i];
      segment_kvarh_ += kvarh[i];
      segment_received_ += received[i];
      Decimal net = kwh[i] - received[i];
      for (auto period : periods) {
        delivered_[season][period] += kwh[i];
        metered_received_[season][period] += received[i];
        reactive_[season][period] += kvarh[i];
        demand_[season][period] = max(demand_[season][period], kw[i]);
        kva2_[season][period] = max(kva2_[season][period], kva2);
        if (t_.netting == Netting::per_interval) {
          // every interval's net: consumption if positive, export if negative
          if (net.sign() > 0) energy_[season][period] += net;
          else received_[season][period] -= net;
        }
      }
      intervals_.push_back({season, periods, kwh[i]});
    }
    switch (t_.netting) {
      case Netting::none:
        energy_ = delivered_;
        received_ = metered_received_;
        break;
      case Netting::per_interval: break;
      case Netting::per_tou_period:
        // each season × TOU period of the main periods (group 0) is a netting cell
        for (std::size_t se = 0; se < seasons_; ++se)
          for (std::size_t p = 0; p < periods_; ++p) {
            if (!t_.periods.empty() && t_.periods[p].group != 0) continue;
            Decimal n = delivered_[se][p] - metered_received_[se][p];
            energy_[se][p] = max(n, Decimal(0));
            received_[se][p] = max(-n, Decimal(0));
          }
        break;
      case Netting::per_period: break;  // the whole segment is one cell: energy(), received()
    }
  }

  /// The power factor of the segment when it is below the tariff's threshold (the demand is
  /// then adjusted), decided exactly on squares; nullopt otherwise.
  void power_factor() {
    if (!t_.power_factor) return;
    const auto& pf = *t_.power_factor;
    Decimal e2 = segment_kwh_ * segment_kwh_, apparent2 = e2 + segment_kvarh_ * segment_kvarh_;
    if (apparent2.is_zero()) return;  // neither energy nor reactive energy: no PF
    // kWh² < (T/100)² × (kWh² + kVARh²)  <=>  kWh² × 100² < T² × (kWh² + kVARh²)
    if (!(e2 * Decimal(10000) < pf.threshold * pf.threshold * apparent2)) return;
    pf_ = sqrt_rounded(e2, apparent2, pf.step.normalized().scale(), pf.mode);
    if (pf_->is_zero()) throw std::logic_error("reference: a power factor that rounds to 0 (the generator keeps kVARh moderate)");
  }

  /// Demand adjusted by the power factor: demand × T/100 / PF, to 12 places half_even.
  Decimal pf_adjusted(const Decimal& kw) const {
    if (!pf_) return kw;
    return (kw * t_.power_factor->threshold).divided_by(Decimal(100) * *pf_, kShareScale, RoundingMode::half_even);
  }

  // ------------------------------------------------------------------ helpers
  /// `unless ATTRIBUTE`: exempt when the account's attribute is `yes` or `true` (the
  /// generator always gives it, as yes, no, true or false).
  bool exempt(const ChargeDef& ch) const {
    if (ch.unless.empty()) return false;
    const auto& v = account_.attributes.at(ch.unless);
    if (v == "yes" || v == "true") return true;
    if (v == "no" || v == "false") return false;
    throw std::logic_error("reference: an exemption attribute that is neither yes nor no");
  }

  /// `rounding quantities STEP MODE`: a billed usage quantity (of this season part or
  /// segment, in the priced unit, after a cap and conversion) rounded before it is priced.
  /// Usage is what `on energy` (`on usage`) bills; received and reactive energy are other
  /// channels and stay as they are (docs/language.md names only usage).
  Decimal round_quantity(const Decimal& q) const {
    if (!t_.rounding_quantities) return q;
    return q.rounded(t_.rounding_quantities->step.normalized().scale(), t_.rounding_quantities->mode);
  }

  /// `$/meter`: the account's `meters` (1 when not given).
  Decimal meters() const {
    auto it = account_.attributes.find("meters");
    return it == account_.attributes.end() ? Decimal(1) : Decimal::parse(it->second).value();
  }

  /// A line amount rounded by the charge's own `rounded STEP MODE`, else by `rounding
  /// line_items` (docs/language.md, "Rounding": the charge's rule is "in place of" the
  /// tariff's, also where the tariff rounds nothing).
  Decimal round_line(const ChargeDef& ch, const Decimal& amount) const { return round_with(ch, t_.rounding, amount); }

  void emit(const ChargeDef& ch, std::string detail, const Decimal& quantity, const Decimal& rate, std::vector<RefLine>& out) const {
    RefLine l;
    l.charge = ch.id;
    l.detail = std::move(detail);
    l.quantity = quantity;
    l.rate = rate;
    l.unrounded = quantity * rate;
    l.amount = round_line(ch, l.unrounded);
    out.push_back(std::move(l));
  }

  bool season_counts(const Context& ctx, std::size_t s) const { return ctx.season < 0 || static_cast<std::size_t>(ctx.season) == s; }

  Decimal sum_of(const std::vector<std::vector<Decimal>>& table, const Context& ctx) const {
    Decimal sum{0};
    for (std::size_t s = 0; s < seasons_; ++s)
      for (std::size_t p = 0; p < periods_; ++p)
        if (season_counts(ctx, s) && ctx.periods[p]) sum += table[s][p];
    return sum;
  }

  /// The excess of received over delivered energy (under net metering), or the received
  /// energy as metered.
  Decimal received(const Context& ctx) const {
    if (t_.netting == Netting::per_period) return max(segment_received_ - segment_kwh_, Decimal(0));
    return sum_of(received_, ctx);
  }

  /// What `on energy` or `on received_energy` bills.
  Decimal volume(const ChargeDef& ch, const Context& ctx) const { return ch.measure == Measure::received_energy ? received(ctx) : energy(ctx); }

  Decimal energy(const Context& ctx) const {
    if (t_.netting == Netting::per_period) return max(segment_kwh_ - segment_received_, Decimal(0));
    if (t_.season_split_days && ctx.part) {
      // the tariff splits by days: the part's share of the period's (segment's) energy
      Context whole = ctx;
      whole.season = -1;
      whole.part = false;
      return (energy(whole) * Decimal(season_days_[static_cast<std::size_t>(ctx.season)]))
          .divided_by(Decimal(days_), kShareScale, RoundingMode::half_even);
    }
    Decimal sum{0};
    for (std::size_t s = 0; s < seasons_; ++s)
      for (std::size_t p = 0; p < periods_; ++p)
        if (season_counts(ctx, s) && ctx.periods[p]) sum += energy_[s][p];
    return sum;
  }

  Decimal demand(const Context& ctx) const {
    Decimal peak{0};
    for (std::size_t s = 0; s < seasons_; ++s)
      for (std::size_t p = 0; p < periods_; ++p)
        if (season_counts(ctx, s) && ctx.periods[p]) peak = max(peak, demand_[s][p]);
    return peak;
  }

  /// The tariff's billing demand: the greatest of its terms (the `demand` term adjusted by
  /// the power factor).
  Decimal billing_demand_kw(const Context& ctx) const { return billing_demand_rule(pf_adjusted(demand(ctx))); }

  /// kVA demand: the square root of the highest kW² + kVAR² of the context, once, to the
  /// tariff's `kva_demand: rounded` step and mode.
  Decimal kva(const Context& ctx) const {
    Decimal peak{0};
    for (std::size_t s = 0; s < seasons_; ++s)
      for (std::size_t p = 0; p < periods_; ++p)
        if (season_counts(ctx, s) && ctx.periods[p]) peak = max(peak, kva2_[s][p]);
    const auto& r = t_.kva_rounding.value();
    return sqrt_rounded(peak, Decimal(1), r.step.normalized().scale(), r.mode);
  }

  /// The billing demand that sets kWh/kW limits (docs/language.md, "Units of a limit"): the
  /// tariff's billing_demand rule when it has one, its `demand` term being the highest demand
  /// of the whole billing period; else that highest demand itself. Not prorated to version
  /// segments or season parts.
  Decimal hours_use_kw() const { return t_.billing_demand.empty() ? billing_demand_ : billing_demand_rule(billing_demand_); }

  /// The greatest of the billing_demand rule's terms, `measured` being the `demand` term.
  Decimal billing_demand_rule(const Decimal& measured) const {
    std::optional<Decimal> best;
    auto consider = [&](const Decimal& kw) {
      if (!best || kw > *best) best = kw;
    };
    year_month_day last{sys_days{period_.to} - days{1}};
    year_month this_month = last.year() / last.month();
    for (auto& term : t_.billing_demand) {
      switch (term.kind) {
        case BillingDemandTerm::Kind::demand: consider(measured); break;
        case BillingDemandTerm::Kind::floor: consider(term.kw); break;
        case BillingDemandTerm::Kind::attribute: consider(Decimal::parse(account_.attributes.at(term.attribute)).value()); break;
        case BillingDemandTerm::Kind::ratchet: {
          std::optional<Decimal> highest;
          for (int back = 1; back <= term.months; ++back) {
            year_month month = this_month - months{back};
            auto it = history_.find(static_cast<int>(month.year()) * 12 + static_cast<int>(static_cast<unsigned>(month.month())) - 1);
            if (it == history_.end()) continue;
            auto m = static_cast<unsigned>(month.month());
            if (!term.month_list.empty() && std::find(term.month_list.begin(), term.month_list.end(), m) == term.month_list.end()) continue;
            if (!term.seasons.empty() &&
                std::find(term.seasons.begin(), term.seasons.end(), season_of(t_, year_month_day{month / 15})) == term.seasons.end())
              continue;
            if (!highest || it->second > *highest) highest = it->second;
          }
          if (highest) consider((*highest * term.percent).divided_by(Decimal(100), highest->scale() + term.percent.scale() + 2, RoundingMode::half_even));
          break;
        }
      }
    }
    return best.value_or(Decimal(0));
  }

  /// The days of "a month" for prorations: 30, or the days of the month of the period's last day.
  int month_days() const {
    if (t_.proration != Proration::days_over_days_in_month) return 30;
    year_month_day last{sys_days{period_.to} - days{1}};
    return static_cast<int>(static_cast<unsigned>(year_month_day_last{last.year(), month_day_last{last.month()}}.day()));
  }

  int days_here(const Context& ctx) const { return ctx.season >= 0 ? season_days_[static_cast<std::size_t>(ctx.season)] : days_; }

  Decimal quantity(const ChargeDef& ch, const Context& ctx) const {
    switch (ch.measure) {
      case Measure::energy: {
        // `on usage capped at ATTRIBUTE`: at most the attribute; a revision segment or
        // season part at its share of the days, cap × part days / period days, one division
        Decimal q = energy(ctx);
        if (!ch.cap.empty()) {
          Decimal cap = Decimal::parse(account_.attributes.at(ch.cap)).value();
          if (split_ || ctx.part)
            cap = (cap * Decimal(days_here(ctx))).divided_by(Decimal(period_days_), kShareScale, RoundingMode::half_even);  // 12 places, as every proration
          q = min(q, cap);
        }
        // `on 90 % of energy`: the share, exactly; then `beyond ID`: less the allowance the
        // fixed charge ID includes (its share of the days for a part of the period), never below 0
        if (ch.share) q = (q * *ch.share).divided_by(Decimal(100), q.scale() + ch.share->scale() + 2, RoundingMode::half_even);
        if (!ch.beyond.empty()) {
          Decimal allowance;
          for (auto& fixed : t_.charges)
            if (fixed.id == ch.beyond) allowance = fixed.includes.value_or(Decimal(0));
          if (split_ || ctx.part)
            allowance = (allowance * Decimal(days_here(ctx))).divided_by(Decimal(period_days_), kShareScale, RoundingMode::half_even);
          q = q > allowance ? q - allowance : Decimal(0);
        }
        // priced in $/MWh: usage → cap → conversion, kWh ÷ 1000 (exact)
        if (ch.mwh) q = q.divided_by(Decimal(1000), q.scale() + 3, RoundingMode::half_even);
        return round_quantity(q);
      }
      case Measure::received_energy: return received(ctx);
      case Measure::reactive_energy: return sum_of(reactive_, ctx);
      case Measure::demand:
      case Measure::billing_demand:
      case Measure::kva_demand: {
        // a demand charge is a monthly charge: a version segment or season part of the
        // period pays its share of the demand, by days
        Decimal q = ch.measure == Measure::demand ? pf_adjusted(demand(ctx))
                  : ch.measure == Measure::kva_demand ? kva(ctx)
                                                      : billing_demand_kw(ctx);
        if (split_) q = (q * segment_fraction_).rounded(kShareScale, RoundingMode::half_even);
        if (ctx.part) q = (q * ctx.fraction).rounded(kShareScale, RoundingMode::half_even);
        return q;
      }
      case Measure::day: return Decimal(days_here(ctx));
      case Measure::bill:
      case Measure::meter: {
        // one per bill (`meters` per bill), not prorated by `proration`; a segment or season
        // part takes its share
        Decimal q = ch.measure == Measure::meter ? meters() : Decimal(1);
        if (split_) q = (q * segment_fraction_).rounded(kShareScale, RoundingMode::half_even);
        if (ctx.part) q = (q * ctx.fraction).rounded(kShareScale, RoundingMode::half_even);
        return q;
      }
      case Measure::month: {
        // a quarterly bill is 3 months, 1 quarter or 1/4 year (billing_cycle; 1 on a monthly tariff)
        Decimal q = cycle_share(t_, ch.per);
        if (t_.proration != Proration::none) {
          q = Decimal(period_days_).divided_by(Decimal(month_days()), kShareScale, RoundingMode::half_even);
        }
        if (split_) q = (q * segment_fraction_).rounded(kShareScale, RoundingMode::half_even);
        if (ctx.part) q = (q * ctx.fraction).rounded(kShareScale, RoundingMode::half_even);
        return q;
      }
    }
    return Decimal(0);
  }

  /// The upper limit of each tier for this bill, in the determinant's unit (nullopt: none).
  /// Limits are cumulative: `next N` adds N to the limit before it.
  std::vector<std::optional<Decimal>> limits(const TierTable& tt, const Context& ctx) const {
    std::vector<std::optional<Decimal>> out;
    std::optional<Decimal> previous;
    for (auto& row : tt.rows) {
      std::optional<Decimal> upper;
      switch (row.bound) {
        case TierRow::Bound::first:
        case TierRow::Bound::up_to: upper = row.amount; break;
        case TierRow::Bound::next: upper = previous.value_or(Decimal(0)) + row.amount; break;
        case TierRow::Bound::over:
        case TierRow::Bound::rest: break;
      }
      if (upper) previous = upper;
      if (upper) upper = bill_limit(*upper, row.unit.empty() ? tt.unit : row.unit, ctx);
      out.push_back(upper);
    }
    return out;
  }

  /// A limit as written ("10 kWh/day") -> the limit of this bill or season part.
  Decimal bill_limit(const Decimal& written, const std::string& unit, const Context& ctx) const {
    if (unit.ends_with("/kW/day")) return round_limit(written * hours_use_kw() * Decimal(days_here(ctx)));
    if (unit.ends_with("/day")) return round_limit(written * Decimal(days_here(ctx)));
    if (unit.ends_with("/kW")) return round_limit(written * hours_use_kw());  // hours use (docs/language.md: not prorated)
    // per bill: as long as the bill is (with a proration), then the share of it that this
    // version segment and season part cover. A limit per month, quarter or year is first
    // the cycle's share of it (`up to 2 kWh/month` on a quarterly bill: 6 kWh per bill)
    Decimal v = written;
    if (auto slash = unit.rfind('/'); slash != std::string::npos) {
      auto per = unit.substr(slash + 1);
      if (per == "month" || per == "quarter" || per == "year") v = written * cycle_share(t_, per);
    }
    if (t_.proration != Proration::none) v = (v * Decimal(period_days_)).divided_by(Decimal(month_days()), kShareScale, RoundingMode::half_even);
    if (split_) v = (v * segment_fraction_).rounded(kShareScale, RoundingMode::half_even);
    if (ctx.part) v = (v * ctx.fraction).rounded(kShareScale, RoundingMode::half_even);
    // "Limits written as a fixed quantity are already whole": rounding one is no change;
    // one written with more places than the step (5.8 kW under `rounding limits 1`) is
    // rounded too, as every limit the bill uses (docs/language.md does not say otherwise)
    return round_limit(v);
  }

  /// `rounding limits STEP MODE`: a computed (cumulative) tier limit rounded before the tiers fill.
  Decimal round_limit(const Decimal& v) const {
    if (!t_.rounding_limits) return v;
    return v.rounded(t_.rounding_limits->step.normalized().scale(), t_.rounding_limits->mode);
  }

  /// A stretch [lower, upper) of the determinant priced at one row (or one step of a block).
  struct Segment {
    Decimal lower;
    std::optional<Decimal> upper;
    const std::vector<Money>* prices;
    std::string label;
  };

  /// The tiers of a table as stretches of the determinant; a block with steps gives one
  /// stretch per step, the intersection of the block and the step.
  std::vector<Segment> segments(const TierTable& tt, const Context& ctx) const {
    std::vector<Segment> out;
    auto upper = limits(tt, ctx);
    Decimal lower{0};
    for (std::size_t k = 0; k < tt.rows.size(); ++k) {
      const auto& row = tt.rows[k];
      auto block_upper = upper[k];
      if (block_upper && *block_upper < lower) block_upper = lower;
      if (!row.nested) {
        out.push_back({lower, block_upper, &row.prices, "tier " + std::to_string(k + 1)});
      } else {
        auto steps = limits(*row.nested, ctx);
        Decimal step_lower{0};
        for (std::size_t j = 0; j < steps.size(); ++j) {
          Decimal from = max(lower, step_lower);
          std::optional<Decimal> to = steps[j];
          if (block_upper && (!to || *to > *block_upper)) to = block_upper;
          if (to && *to < from) to = from;
          out.push_back({from, to, &row.nested->rows[j].prices, "tier " + std::to_string(k + 1) + " step " + std::to_string(j + 1)});
          if (steps[j]) step_lower = max(step_lower, *steps[j]);
          else break;
        }
      }
      if (!block_upper) break;
      lower = *block_upper;
    }
    return out;
  }

  /// How much of q falls in the segment.
  static Decimal portion(const Decimal& q, const Segment& seg) {
    Decimal top = seg.upper ? min(q, *seg.upper) : q;
    return top > seg.lower ? top - seg.lower : Decimal(0);
  }

  // ------------------------------------------------------------------ charges
  void priced(const ChargeDef& ch, std::vector<RefLine>& out) const {
    // the periods of the charge's group that count (each interval is in one period of it)
    Context base;
    base.periods.assign(periods_, false);
    for (std::size_t p = 0; p < periods_; ++p)
      base.periods[p] = t_.periods.empty() || (t_.periods[p].group == ch.group && ch.in_periods.empty());
    for (auto p : ch.in_periods) base.periods[p] = true;
    if (!has_by_season(*ch.pricing)) {
      evaluate(ch, *ch.pricing, base, out);
      return;
    }
    std::size_t present = 0;
    for (auto d : season_days_) present += d > 0;
    for (std::size_t s = 0; s < seasons_; ++s) {
      if (!season_days_[s]) continue;
      Context ctx = base;
      ctx.season = static_cast<int>(s);
      ctx.detail = t_.seasons[s].name;
      if (present > 1) {
        ctx.part = true;
        ctx.fraction = Decimal(season_days_[s]).divided_by(Decimal(days_), kShareScale, RoundingMode::half_even);
      }
      evaluate(ch, *ch.pricing, ctx, out);
    }
  }

  void evaluate(const ChargeDef& ch, const Pricing& p, const Context& ctx, std::vector<RefLine>& out) const {
    switch (p.kind) {
      case Pricing::Kind::flat:
        emit(ch, ctx.detail, quantity(ch, ctx), p.price.dollars, out);
        if (ch.measure == Measure::month || ch.measure == Measure::bill || ch.measure == Measure::meter) {
          // a fixed charge's amount is its price × the exact day ratio, in one division:
          // part days / period days, or with a proration part days / month days
          int part_days = ctx.part ? season_days_[static_cast<std::size_t>(ctx.season)] : days_;
          int over = ch.measure == Measure::month && t_.proration != Proration::none ? month_days()
                   : split_ || ctx.part                                             ? period_days_
                                                                                    : 0;
          if (over) {
            auto& l = out.back();
            // the price of this bill: a $/month price on a quarterly bill is 3 months' (exact)
            Decimal price = ch.measure == Measure::month ? p.price.dollars * cycle_share(t_, ch.per) : p.price.dollars;
            l.unrounded = (price * (ch.measure == Measure::meter ? meters() : Decimal(1)) * Decimal(part_days)).divided_by(Decimal(over), price.scale() + kShareScale, RoundingMode::half_even);
            l.amount = round_line(ch, l.unrounded);
          }
        }
        break;
      case Pricing::Kind::by_season:
        if (ctx.season < 0) throw std::logic_error("reference: by season outside a season part");
        if (auto* c = case_for(p, static_cast<std::size_t>(ctx.season))) evaluate(ch, *c, ctx, out);
        break;
      case Pricing::Kind::by_period:
        for (std::size_t k = 0; k < periods_; ++k) {
          if (!ctx.periods[k]) continue;
          const Pricing* c = case_for(p, k);
          if (!c) continue;
          Context sub = ctx;
          sub.periods.assign(periods_, false);
          sub.periods[k] = true;
          sub.detail += (sub.detail.empty() ? "" : ", ") + t_.periods[k].name;
          evaluate(ch, *c, sub, out);
        }
        break;
      case Pricing::Kind::by_month:
        if (auto* c = case_for(p, bill_month())) evaluate(ch, *c, ctx, out);
        break;
      case Pricing::Kind::by_billing_month: {
        // the billing month: the year and month of the period's last day
        year_month_day last{sys_days{period_.to} - days{1}};
        auto key = static_cast<std::size_t>(static_cast<int>(last.year()) * 12 + static_cast<int>(static_cast<unsigned>(last.month())) - 1);
        if (auto* c = case_for(p, key)) evaluate(ch, *c, ctx, out);
        else throw std::logic_error("reference: a billing month the table does not price (the generator always writes `otherwise`)");
        break;
      }
      case Pricing::Kind::by_attribute:
        if (auto* c = attribute_case(p)) evaluate(ch, *c, ctx, out);
        else throw std::logic_error("reference: no price for the account's attribute (the generator gives every table `otherwise`)");
        break;
      case Pricing::Kind::tiers:
        switch (p.tiers.allocation) {
          case Allocation::single: single_tiers(ch, p.tiers, ctx, out); break;
          case Allocation::proportional: proportional(ch, p.tiers, ctx, out); break;
          case Allocation::chronological: chronological(ch, p.tiers, ctx, out); break;
        }
        break;
    }
  }

  /// by month: the month (0..11) of the period's last day, the month the bill is for
  std::size_t bill_month() const { return static_cast<unsigned>(year_month_day{sys_days{period_.to} - days{1}}.month()) - 1; }

  const Pricing* attribute_case(const Pricing& table) const {
    auto it = account_.attributes.find(table.attribute);
    if (it != account_.attributes.end())
      for (auto& c : table.cases)
        if (std::find(c.values.begin(), c.values.end(), it->second) != c.values.end()) return c.pricing.get();
    for (auto& c : table.cases)
      if (c.otherwise) return c.pricing.get();
    return nullptr;
  }

  /// The one number of a percentage or minimum for this bill: tables by month, by season
  /// (the season of the period's last day) or by attribute pick it; nullopt: no case.
  std::optional<Decimal> flat_value(const Pricing& p) const {
    const Money* m = flat_money(p);
    if (!m) return std::nullopt;
    return m->dollars;
  }

  const Money* flat_money(const Pricing& p) const {
    const Pricing* at = &p;
    while (at && at->kind != Pricing::Kind::flat) {
      switch (at->kind) {
        case Pricing::Kind::by_month: at = case_for(*at, bill_month()); break;
        case Pricing::Kind::by_season: at = case_for(*at, season_of(t_, year_month_day{sys_days{period_.to} - days{1}})); break;
        case Pricing::Kind::by_attribute: at = attribute_case(*at); break;
        default: throw std::logic_error("reference: a percentage or minimum priced by period or tiers");
      }
    }
    if (!at) return nullptr;
    return &at->price;
  }

  static std::string join(const std::string& a, const std::string& b) { return a.empty() ? b : a + ", " + b; }

  void single_tiers(const ChargeDef& ch, const TierTable& tt, const Context& ctx, std::vector<RefLine>& out) const {
    Decimal q = quantity(ch, ctx);
    for (auto& seg : segments(tt, ctx)) {
      Decimal part = portion(q, seg);
      if (!part.is_zero()) emit(ch, join(ctx.detail, seg.label), part, (*seg.prices)[0].dollars, out);
    }
  }

  /// The context's periods that are columns of the table.
  Context columns_context(const TierTable& tt, const Context& ctx) const {
    Context all = ctx;
    all.periods.assign(periods_, false);
    for (auto col : tt.columns) all.periods[col] = ctx.periods[col];
    return all;
  }

  void proportional(const ChargeDef& ch, const TierTable& tt, const Context& ctx, std::vector<RefLine>& out) const {
    Context all = columns_context(tt, ctx);
    Decimal total = volume(ch, all);
    if (total.is_zero()) return;
    auto segs = segments(tt, ctx);
    for (std::size_t col = 0; col < tt.columns.size(); ++col) {
      auto period = tt.columns[col];
      if (!all.periods[period]) continue;
      Context one = all;
      one.periods.assign(periods_, false);
      one.periods[period] = true;
      Decimal e = volume(ch, one);
      for (auto& seg : segs) {
        Decimal share = (e * portion(total, seg)).divided_by(total, kShareScale, RoundingMode::half_even);
        if (!share.is_zero()) emit(ch, join(join(ctx.detail, t_.periods[period].name), seg.label), share, (*seg.prices)[col].dollars, out);
      }
    }
  }

  /// Tiers filled in time order: the energy of each interval takes the next room in the
  /// tiers and is priced at the column of its own period.
  void chronological(const ChargeDef& ch, const TierTable& tt, const Context& ctx, std::vector<RefLine>& out) const {
    Context all = columns_context(tt, ctx);
    auto segs = segments(tt, ctx);
    std::vector<std::vector<Decimal>> filled(tt.columns.size(), std::vector<Decimal>(segs.size(), Decimal(0)));
    Decimal position{0};
    for (auto& iv : intervals_) {
      if (!season_counts(ctx, iv.season)) continue;
      auto in = std::find_if(iv.periods.begin(), iv.periods.end(), [&](std::size_t p) { return all.periods[p]; });
      if (in == iv.periods.end()) continue;
      auto col = static_cast<std::size_t>(std::find(tt.columns.begin(), tt.columns.end(), *in) - tt.columns.begin());
      Decimal end = position + iv.kwh;
      for (std::size_t k = 0; k < segs.size(); ++k) filled[col][k] += portion(end, segs[k]) - portion(position, segs[k]);
      position = end;
    }
    for (std::size_t col = 0; col < tt.columns.size(); ++col)
      for (std::size_t k = 0; k < segs.size(); ++k)
        if (!filled[col][k].is_zero())
          emit(ch, join(join(ctx.detail, t_.periods[tt.columns[col]].name), segs[k].label), filled[col][k], (*segs[k].prices)[col].dollars, out);
  }

  std::vector<std::size_t> bases(std::size_t index) const { return bases_of(charges_, index); }

  void percentage(const ChargeDef& ch, const Decimal& base, std::vector<RefLine>& out) const {
    const Money* money = flat_money(*ch.pricing);
    if (!money) return;  // no case for this bill: no line
    if (money->denominator != 1) {
      // a fractional percentage n/d % (docs/language.md, "Fractional percentages"): base × n /
      // (100 d), grossed up base × n / (100 d − n), in one division to 12 places half even
      const Decimal n = money->dollars, d(money->denominator);
      RefLine l;
      l.charge = ch.id;
      l.detail = n.to_string() + "/" + d.to_string() + " % of $" + base.to_string();
      l.quantity = base;
      l.rate = n.divided_by(d, 12, RoundingMode::half_even);
      l.unrounded = (base * n).divided_by(ch.gross_up ? Decimal(100) * d - n : Decimal(100) * d, 12, RoundingMode::half_even);
      l.amount = round_line(ch, l.unrounded);
      out.push_back(std::move(l));
      return;
    }
    std::optional<Decimal> percent = money->dollars;
    RefLine l;
    l.charge = ch.id;
    l.detail = percent->to_string() + " % of $" + base.to_string();
    l.quantity = base;
    l.rate = *percent;
    // exact: base × percent / 100 has at most two more decimals than the product; a gross-up,
    // base × percent / (100 − percent), repeats and is taken to 12 places, half even (docs/language.md)
    l.unrounded = ch.gross_up ? (base * *percent).divided_by(Decimal(100) - *percent, 12, RoundingMode::half_even)
                              : (base * *percent).divided_by(Decimal(100), base.scale() + percent->scale() + 2, RoundingMode::half_even);
    l.amount = round_line(ch, l.unrounded);
    out.push_back(std::move(l));
  }

  /// A late fee: when the account's positive past-due balance (not under the tariff's
  /// amount) was paid, or is still unpaid on the bill's date (the period's `to`), more
  /// than `after` days after its due date.
  void late_fee(const ChargeDef& ch, std::vector<RefLine>& out) const {
    const auto& fee = ch.late;
    if (!account_.past_due) return;
    Decimal balance = *account_.past_due;
    if (!(balance.sign() > 0)) return;
    if (fee.not_under && balance < *fee.not_under) return;
    year_month_day paid = account_.paid_on.value_or(period_.to);
    auto days_late = (sys_days{paid} - sys_days{account_.due_date.value()}).count();
    if (days_late <= fee.after_days) return;
    RefLine l;
    l.charge = ch.id;
    if (fee.percent) {
      l.detail = fee.value.to_string() + " % of past due $" + balance.to_string();
      l.quantity = balance;
      l.rate = fee.value;
      l.unrounded = (balance * fee.value).divided_by(Decimal(100), balance.scale() + fee.value.scale() + 2, RoundingMode::half_even);
      if (fee.at_least && l.unrounded < *fee.at_least) l.unrounded = *fee.at_least;
      if (fee.at_most && l.unrounded > *fee.at_most) l.unrounded = *fee.at_most;
    } else {
      l.detail = "per bill";
      l.quantity = Decimal(1);
      l.rate = fee.value;
      l.unrounded = fee.value;
    }
    l.amount = round_line(ch, l.unrounded);
    out.push_back(std::move(l));
  }

  void minimum(const ChargeDef& ch, const Decimal& base, std::vector<RefLine>& out) const {
    auto amount = flat_value(*ch.pricing);
    if (!amount) return;
    // per month or quarter: the cycle's share (a quarterly bill: 3 months' minimum)
    Decimal per_bill = ch.minimum_per_day ? *amount : *amount * cycle_share(t_, ch.per);
    Decimal floor_amount = ch.minimum_per_day ? *amount * Decimal(days_)
                         : split_         ? (per_bill * segment_fraction_).rounded(kShareScale, RoundingMode::half_even)
                                          : per_bill;
    if (base >= floor_amount) return;
    out.push_back(top_up_line(ch, t_.rounding, base, floor_amount, ""));
  }

  const TariffModel& t_;
  const std::vector<ChargeDef>& charges_;     // the version in force in [from_, to_)
  BillingPeriod period_;                      // the whole bill
  const Account& account_;
  const BillOptions& options_;
  const std::map<int, Decimal>& history_;     // month key (year × 12 + month - 1) -> maximum demand
  year_month_day from_, to_;                  // the days billed here
  TimeZone zone_;
  std::size_t seasons_ = 1, periods_ = 1;
  std::vector<std::vector<Decimal>> energy_;  // [season][period] kWh
  std::vector<std::vector<Decimal>> demand_;  // [season][period] highest kW
  std::vector<std::vector<Decimal>> delivered_;         // [season][period] delivered kWh
  std::vector<std::vector<Decimal>> metered_received_;  // [season][period] received kWh as metered
  std::vector<std::vector<Decimal>> received_;          // [season][period] what `on received_energy` bills
  std::vector<std::vector<Decimal>> reactive_;          // [season][period] kVARh
  std::vector<std::vector<Decimal>> kva2_;              // [season][period] highest kW² + kVAR²
  Decimal segment_kwh_{0}, segment_kvarh_{0}, segment_received_{0};  // totals of [from_, to_)
  std::optional<Decimal> pf_;                 // the power factor, when demand is adjusted
  bool last_segment_ = true;                  // [from_, to_) ends with the bill (late fees)
  Decimal billing_demand_{0};                 // highest kW of the whole billing period (for kWh/kW limits)
  struct Interval {
    std::size_t season;
    std::vector<std::size_t> periods;         // one per period group
    Decimal kwh;
  };
  std::vector<Interval> intervals_;           // the billing period's intervals, in time order
  int days_ = 0;                              // days in [from_, to_)
  int period_days_ = 0;                       // days of the bill
  bool split_ = false;                        // the bill is cut in version segments
  Decimal segment_fraction_{1};               // days_ / period_days_
  std::vector<int> season_days_;
  std::vector<Decimal> amounts_;              // per charge: the sum of its rounded lines
};

}  // namespace

namespace {

/// `rounding total STEP MODE`: applied last, to the whole bill (docs/language.md,
/// "Rounding"); the difference is a line `rounding` of its own, none when the total is
/// already on the step.
void round_total(const TariffModel& tariff, RefBill& bill) {
  if (!tariff.rounding_total) return;
  Decimal rounded = bill.total.rounded(tariff.rounding_total->step.normalized().scale(), tariff.rounding_total->mode);
  if (rounded == bill.total) return;
  RefLine l;
  l.charge = "rounding";
  l.detail = "Rounding Adjustment";
  l.quantity = Decimal(1);
  l.rate = rounded - bill.total;
  l.unrounded = l.rate;
  l.amount = l.rate;
  bill.lines.push_back(std::move(l));
  bill.total = rounded;
}

}  // namespace

void apply_yearly_minimums(const TariffModel& tariff, const Account& account, const std::vector<RefBill*>& year) {
  if (year.empty() || year.size() != static_cast<std::size_t>(12 / tariff.cycle_months)) return;  // not a whole year: not applied
  const auto& charges = tariff.charges;  // the generator does not revise a $/year minimum
  for (std::size_t i = 0; i < charges.size(); ++i) {
    const auto& ch = charges[i];
    if (!yearly_minimum(ch)) continue;
    if (!ch.unless.empty()) {
      const auto& v = account.attributes.at(ch.unless);
      if (v == "yes" || v == "true") continue;
    }
    if (ch.pricing->kind != Pricing::Kind::flat) throw std::logic_error("reference: a $/year minimum priced by a table");
    std::vector<std::string> ids;
    for (auto b : bases_of(charges, i)) ids.push_back(charges[b].id);
    Decimal base{0};
    for (auto* bill : year)
      for (auto& l : bill->lines)
        if (std::find(ids.begin(), ids.end(), l.charge) != ids.end()) base += l.amount;
    // the yearly amount as written: a year of bills against a year's minimum
    const Decimal floor_amount = ch.pricing->price.dollars;
    if (base >= floor_amount) continue;
    RefLine l = top_up_line(ch, tariff.rounding, base, floor_amount, "a year's ");
    year.back()->total += l.amount;
    year.back()->lines.push_back(std::move(l));
  }
}

RefBill reference_bill(const TariffModel& tariff, const IntervalUsage& usage, const BillingPeriod& period, const Account& account,
                       const BillOptions& options, const std::vector<MonthlyDemand>& earlier) {
  std::map<int, Decimal> history;
  for (const auto* list : {&account.demand_history, &earlier})
    for (auto& h : *list) {
      int key = static_cast<int>(h.month.year()) * 12 + static_cast<int>(static_cast<unsigned>(h.month.month())) - 1;
      auto it = history.find(key);
      if (it == history.end() || h.kw > it->second) history[key] = h.kw;
    }
  // the version in force on a day: the charges as revised by every revision up to it
  auto version_on = [&](year_month_day day) {
    std::vector<ChargeDef> charges = tariff.charges;
    for (auto& r : tariff.revisions) {
      if (sys_days{r.effective} > sys_days{day}) continue;
      for (auto& restated : r.charges)
        for (auto& ch : charges)
          if (ch.id == restated.id) ch = restated;
    }
    return charges;
  };
  // the period is cut where a revision takes effect inside it (unless billed as of a date)
  std::vector<year_month_day> cuts{period.from};
  if (!options.as_of)
    for (auto& r : tariff.revisions)
      if (sys_days{r.effective} > sys_days{period.from} && sys_days{r.effective} < sys_days{period.to}) cuts.push_back(r.effective);
  cuts.push_back(period.to);
  RefBill bill;
  year_month_day last{sys_days{period.to} - days{1}};
  bill.month = last.year() / last.month();
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    auto charges = version_on(options.as_of.value_or(cuts[k]));
    auto part = ReferenceBiller(tariff, charges, usage, period, account, options, history, cuts[k], cuts[k + 1], cuts.size() > 2).run();
    for (auto& l : part.lines) bill.lines.push_back(std::move(l));
    bill.total += part.total;
    bill.max_demand = max(bill.max_demand, part.max_demand);
    if (part.power_factor) bill.power_factor = part.power_factor;
  }
  // an annual bill is a year of bills for a `$/year` minimum
  if (tariff.cycle_months == 12) apply_yearly_minimums(tariff, account, {&bill});
  round_total(tariff, bill);
  return bill;
}

TariffModel service_tariff(const TariffModel& tariff, std::size_t service) {
  TariffModel one = tariff;
  one.services.clear();
  one.charges = tariff.services.at(service).charges;
  return one;
}

std::string meter_of(const ServiceDef& service) { return service.meter.empty() ? service.id : service.meter; }

std::vector<RefBill> reference_service_bills(const TariffModel& tariff, const std::map<std::string, const IntervalUsage*>& meters,
                                             const BillingPeriod& period, const Account& account, const BillOptions& options,
                                             const std::vector<std::vector<MonthlyDemand>>& earlier) {
  std::vector<RefBill> parts;
  for (std::size_t k = 0; k < tariff.services.size(); ++k) {
    const auto& service = tariff.services[k];
    TariffModel one = service_tariff(tariff, k);
    one.rounding_total.reset();  // the whole bill's, in join_services
    // a service without a meter bills its fixed charges on no usage at all
    IntervalUsage none;
    none.delivered.minutes = 60;
    none.delivered.start = TimeZone::locate(tariff.zone).value().start_of_day(period.from);
    const IntervalUsage& usage = service.metered ? *meters.at(meter_of(service)) : none;
    parts.push_back(reference_bill(one, usage, period, account, options, k < earlier.size() ? earlier[k] : std::vector<MonthlyDemand>{}));
    for (auto& l : parts.back().lines) l.service = service.id;
  }
  return parts;
}

RefBill join_services(const TariffModel& tariff, const std::vector<RefBill>& parts) {
  RefBill bill;
  for (auto& part : parts) {
    for (auto& l : part.lines) bill.lines.push_back(l);
    bill.total += part.total;
    bill.month = part.month;
    bill.max_demand = max(bill.max_demand, part.max_demand);
    if (part.power_factor) bill.power_factor = part.power_factor;
  }
  round_total(tariff, bill);
  return bill;
}

std::string describe(const RefBill& bill) {
  std::string out;
  for (auto& l : bill.lines)
    out += "  " + (l.service.empty() ? "" : l.service + "/") + l.charge + (l.detail.empty() ? "" : " [" + l.detail + "]") + ": " + l.quantity.to_string() + " × " + l.rate.to_string() +
           " = " + l.unrounded.to_string() + " -> " + l.amount.to_string() + "\n";
  out += "  total " + bill.total.to_string() + "\n";
  return out;
}

std::string describe(const Bill& bill) {
  std::string out;
  for (auto& l : bill.line_items)
    out += "  " + (l.service.empty() ? "" : l.service + "/") + l.id + ": " + l.quantity.to_string() + " " + l.unit + " × " + l.rate.to_string() + " " + l.rate_unit + " = " +
           l.unrounded.to_string() + " -> " + l.amount.to_string() + "\n";
  out += "  total " + bill.total.to_string() + "\n";
  return out;
}

}  // namespace rateline::reference
