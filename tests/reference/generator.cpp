// Random tariffs and usage for the reference test (see generator.hpp).
//
// What the random cases leave out, and why (each also commented where it is decided):
//  - kW data in 5-minute intervals: kWh of 1/12 kW per interval is not a finite decimal.
//  - chronological tiers under `season_split days`: a part split by days has no intervals
//    to fill the tiers with.
//  - `season_split days` together with net metering or charges on received or reactive
//    energy: docs/language.md does not say how netting cells or the other channels split
//    by days (the days split is written for "the period's usage").
//  - tiers on `reactive_energy` and `kva_demand`: docs/language.md describes `in`, `by
//    period` and proration for them, not tier limits in kVARh or kVA.
//  - refusals are not generated: usage without a needed channel (B0040, B0041), channels
//    on other intervals (B0042), kW data with `per_interval` or kVA demand (B0043, B0045),
//    a power factor that rounds to 0 (B0044: kVARh is kept at most 1.5 × each interval's
//    kWh, so the PF is at least 0.55), and bad past-due states (B0030-B0032). A series
//    (bill_periods) is billed without the past-due state (B0033: it belongs to one bill).
//  - `on usage capped at winter_average` only on an energy charge without `by period`, TOU
//    tier columns (E0335), `in PERIODS` or a time_of_use group, and not with net metering
//    or `proration`: docs/language.md does not say whether each period (or the sum) is
//    capped, whether the net is, or whether the cap ("a per-bill limit") follows
//    `proration` like a tier limit (see make_cap).
//  - `by billing_month` only replaces a priced charge's flat price (not nested in other
//    tables, not percentages or minimums), always with `otherwise` (B0055: a bill_periods
//    series has other months); tables imported from a factors file (`table NAME`) are not
//    generated.
//  - $/MWh only on energy charges without tiers (their limits would be in MWh; not
//    generated); gallons, therms and `rounding quantities` are not generated (electric only).
//  - `rounding quantities` only without TOU tier columns (E0335); the reference rounds
//    only what `on energy` bills, as the fast biller does: whether received (excess) and
//    reactive energy are "billed usage quantities" docs/language.md does not say.
//  - ratchets `of billing_demand` (months remember their billing demands) are not
//    generated yet: every ratchet looks back at maximum demands.
//  - a late fee has no `rounded STEP MODE` and no `unless` (its clauses are a grammar of
//    their own); an exempt charge's attribute is always given (B0053 otherwise).
//  - chronological tiers on netted, received or reactive energy are refused by the
//    language (E0920) and so never written; likewise periods or season parts of netted
//    quantities under `per_period`, and other period groups under `per_tou_period`.
//  - billing cycles (generated: `billing_cycle quarterly|annual`, $/quarter and $/year fixed
//    charges, minimums per month/quarter/year, tier limits kWh/month|quarter|year, also
//    several units in one table, quarterly series of 2 and 4 quarters): not generated are
//    bills outside 75-105 / 330-400 days (B0080), `proration` on a cycle (E0361), $/quarter
//    on a monthly tariff (E0360), a $/year minimum on a monthly tariff (12 bills of usage),
//    a $/year minimum priced by a table, revised, or with `rounding total` (the order of
//    the two is undocumented), and an allowance (`includes N kWh`) on a cycle tariff.
//  - fractional percentages (generated: `33 1/3 %`, `1/3 %`, negative with a whole part,
//    in tables, also beside decimals, grossed up): not `-1/3 %` (not in the grammar) nor
//    `-0 1/3 %`.
//  - several services on one bill (generated: an `electric` block of the random charges,
//    a `lighting` block on its own meter or the electric one, a `solid_waste` block without
//    a meter): the extra blocks have simple charges (flat or two-tier energy, demand, fixed
//    charges, a tax `of all`); not with revisions (E1006). Move-in and final bills
//    (service dates clipping a monthly series, as `rateline batch` does) on monthly
//    tariffs only: a quarterly bill clipped by a move-in is refused (B0080) by design.
#include "reference/generator.hpp"

#include "rateline/time_zone.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <numeric>
#include <set>
#include <stdexcept>

namespace rateline::reference {

namespace {

using namespace std::chrono;

/// splitmix64: small, fast, and the same on every platform (unlike std distributions).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  int between_int(int lo, int hi) { return static_cast<int>(between(lo, hi)); }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return between(0, 99) < percent; }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[index(i)]);
  }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[index(v.size())]; }

 private:
  std::uint64_t state_;
};

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kLongMonths[] = {"January", "February", "March", "April", "May", "June",
                                   "July", "August", "September", "October", "November", "December"};
const unsigned kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // a non-leap year
const char* const kDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::int64_t pow10i(int n) {
  std::int64_t v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

std::string list_text(const std::vector<std::string>& items, const std::string& sep = ", ") {
  std::string out;
  for (auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

Decimal dec(std::int64_t coefficient, int scale) { return Decimal(Decimal::Int(coefficient), scale); }

/// Day of a non-leap year (0 = Jan 1) -> month, day.
std::pair<unsigned, unsigned> month_day_of(int doy) {
  unsigned m = 0;
  while (doy >= static_cast<int>(kDaysIn[m])) doy -= static_cast<int>(kDaysIn[m++]);
  return {m + 1, static_cast<unsigned>(doy) + 1};
}

int day_of_year(unsigned month, unsigned day) {
  if (month == 2 && day == 29) return day_of_year(3, 1);  // seasons never start on the leap day
  int doy = 0;
  for (unsigned m = 1; m < month; ++m) doy += static_cast<int>(kDaysIn[m - 1]);
  return doy + static_cast<int>(day) - 1;
}

std::string clock_text(int minute, bool short_hour) {
  char buf[32];
  if (short_hour) std::snprintf(buf, sizeof buf, "%d:%02d", minute / 60, minute % 60);
  else std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

/// A price between lo and hi micro-dollars with 1..5 decimals, in $ or (sometimes) ¢.
Money money(Rng& r, std::int64_t lo_micro, std::int64_t hi_micro, const std::string& per, bool allow_cents) {
  bool cents = allow_cents && r.chance(35);
  int decimals = r.between_int(1, 5);
  std::int64_t micro = r.between(lo_micro, hi_micro) * (cents ? 100 : 1);  // micro-cents when written in ¢
  std::int64_t coefficient = micro / pow10i(6 - decimals);
  if (coefficient == 0) coefficient = 1;
  Decimal written = dec(coefficient, decimals);
  Money m;
  m.dollars = cents ? written.divided_by(Decimal(100), decimals + 2, RoundingMode::half_up) : written;
  std::string symbol = cents ? (r.chance(80) ? "¢" : "cents") : "$";
  m.text = written.to_string() + " " + symbol + (per.empty() ? "" : "/" + per);
  return m;
}

struct Generator {
  Rng r;
  RandomCase c;

  explicit Generator(std::uint64_t seed) : r(seed) { c.seed = seed; }

  // ------------------------------------------------------------------ usage and dates
  year_month_day usage_from{}, usage_to{};

  void make_dates() {
    static const std::vector<std::string> zones = {"America/New_York", "America/New_York", "America/New_York",
                                                   "America/Phoenix", "Asia/Kolkata", "UTC"};
    c.tariff.zone = r.pick(zones);
    int year = r.between_int(2023, 2026);
    unsigned month = static_cast<unsigned>(r.between(1, 12));
    if (c.tariff.zone == "America/New_York" && r.chance(45)) month = r.chance(50) ? 3u : 11u;  // DST changes
    int roll = r.between_int(0, 99);
    c.usage.delivered.minutes = roll < 40 ? 15 : roll < 82 ? 60 : roll < 95 ? 30 : 5;
    if (c.tariff.cycle_months != 1) {
      make_cycle_dates(year, month);
      return;
    }
    int months = r.chance(45) ? 2 : 1;
    if (r.chance(30) && months == 1) month = 2;  // February, sometimes of a leap year
    unsigned first_day = r.chance(20) ? static_cast<unsigned>(r.between(2, 28)) : 1u;
    usage_from = year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{first_day}};
    usage_to = year_month_day{sys_days{usage_from + std::chrono::months{months}}};
    // the billing period: the whole usage, or a stretch of it
    c.period = {usage_from, usage_to};
    if (r.chance(4)) {
      int total = static_cast<int>((sys_days{usage_to} - sys_days{usage_from}).count());
      c.period.from = year_month_day{sys_days{usage_from} + days{r.between_int(0, total - 1)}};
      c.period.to = year_month_day{sys_days{c.period.from} + days{1}};  // one day
    } else if (r.chance(35)) {
      int total = static_cast<int>((sys_days{usage_to} - sys_days{usage_from}).count());
      int skip_front = r.between_int(0, total / 2);
      int skip_back = r.between_int(0, total - skip_front - 1);
      c.period.from = year_month_day{sys_days{usage_from} + days{skip_front}};
      c.period.to = year_month_day{sys_days{usage_to} - days{skip_back}};
    }
  }

  /// A quarterly or annual tariff's usage and bill (docs/language.md, "Billing cycles"): one
  /// bill covers 75 to 105 days (a quarter) or 330 to 400 (a year; B0080 otherwise, not
  /// generated). Quarterly usage runs 1, 2 or 4 quarters from the first of a month (so that
  /// the series, cut every 3 calendar months, has whole quarters; 4 of them are a year for a
  /// `$/year` minimum), or one quarter from another day; the bill is one of the quarters, a
  /// few days shorter at either end now and then (read dates drift). Data of more than a
  /// quarter is hourly or half-hourly, to keep the cases quick.
  void make_cycle_dates(int year, unsigned month) {
    const bool annual = c.tariff.cycle_months == 12;
    int quarters = annual ? 4 : r.chance(70) ? 1 : r.chance(50) ? 2 : 4;
    unsigned first_day = quarters == 1 && !annual && r.chance(40) ? static_cast<unsigned>(r.between(2, 28)) : 1u;
    if (annual && r.chance(20)) first_day = static_cast<unsigned>(r.between(2, 28));
    auto& minutes = c.usage.delivered.minutes;
    if (quarters > 1 && minutes != 60 && minutes != 30) minutes = r.chance(70) ? 60 : 30;
    usage_from = year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{first_day}};
    usage_to = year_month_day{sys_days{usage_from + std::chrono::months{quarters * 3}}};
    const int step = annual ? 12 : 3;
    std::vector<BillingPeriod> bills;
    for (auto from = usage_from; sys_days{from} < sys_days{usage_to};) {
      year_month_day to{sys_days{from + std::chrono::months{step}}};
      if (first_day != 1) to = usage_to;
      bills.push_back({from, to});
      from = to;
    }
    c.period = bills[r.index(bills.size())];
    if (r.chance(30)) {
      int slack = annual ? 12 : 6;
      c.period.from = year_month_day{sys_days{c.period.from} + days{r.between_int(0, slack)}};
      c.period.to = year_month_day{sys_days{c.period.to} - days{r.between_int(0, slack)}};
    }
  }

  void make_usage(const GeneratorOptions& options) {
    auto zone = TimeZone::locate(c.tariff.zone).value();
    auto& s = c.usage.delivered;
    s.scale = 3;
    // kW of 5-minute intervals would be kWh of 1/12 kW: not a finite decimal; left out
    // per-interval netting and kVA demand need energy per interval (B0043, B0045)
    bool kwh_only = c.tariff.netting == Netting::per_interval || want_kva;
    s.unit = options.allow_kw_usage && s.minutes != 5 && !kwh_only && r.chance(25) ? Unit::kW : Unit::kWh;
    // the usage runs from local midnight of its first day, or a few intervals earlier, to
    // local midnight after its last day, or a few intervals later
    s.start = zone.start_of_day(usage_from) - std::chrono::minutes(s.minutes) * (r.chance(25) ? r.between(1, 8) : 0);
    auto end = zone.start_of_day(usage_to) + std::chrono::minutes(s.minutes) * (r.chance(25) ? r.between(1, 8) : 0);
    auto count = static_cast<std::size_t>((end - s.start) / std::chrono::minutes(s.minutes));
    // average kW level of the customer, and how spiky the load is
    std::int64_t level = r.between(200, 4000);                // raw kW × 1000
    int zeros = r.chance(3) ? 100 : r.between_int(0, 15), spikes = r.between_int(0, 3);  // sometimes no usage at all
    s.values.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      std::int64_t kw = r.between(0, 2 * level);
      if (r.chance(zeros)) kw = 0;
      if (r.chance(spikes)) kw *= r.between(3, 8);
      s.values[i] = s.unit == Unit::kW ? kw : kw * s.minutes / 60;  // kWh of the interval (scale 3)
    }
    c.usage.source = "random";
    // usage that stops short of the period: billed on what there is, when the caller says so
    if (c.tariff.revisions.empty() && r.chance(6)) {
      std::size_t front = static_cast<std::size_t>(r.between(0, 20)), back = static_cast<std::size_t>(r.between(1, 20));
      s.values.erase(s.values.end() - static_cast<std::ptrdiff_t>(back), s.values.end());
      s.values.erase(s.values.begin(), s.values.begin() + static_cast<std::ptrdiff_t>(front));
      s.start += std::chrono::minutes(s.minutes) * static_cast<std::int64_t>(front);
      c.options.coverage = CoveragePolicy::bill_available;
    }
    make_channels_usage();
    if (c.tariff.demand_window && r.chance(10)) c.options.demand_window = DemandWindowPolicy::data_interval;
    if (!c.tariff.revisions.empty() && r.chance(25))
      c.options.as_of = year_month_day{sys_days{c.period.from} + std::chrono::days{r.between_int(-40, c.period.days() + 10)}};
  }

  // ------------------------------------------------------------------ other meter channels
  bool want_received = false;          // a charge on received_energy
  bool want_reactive = false;          // a charge on reactive_energy
  bool want_kva = false;               // a charge on kva_demand
  bool want_late = false;              // a late fee

  /// Net metering, the other channels' charges, the power factor and late fees: decided
  /// first, since they restrict the usage's unit and some pricings.
  void make_channel_features() {
    auto& t = c.tariff;
    int roll = r.between_int(0, 99);
    t.netting = roll < 9 ? Netting::per_period : roll < 18 ? Netting::per_tou_period : roll < 27 ? Netting::per_interval : Netting::none;
    want_received = t.netting != Netting::none ? r.chance(75) : r.chance(10);
    want_reactive = r.chance(14);
    want_kva = r.chance(14);
    static const std::vector<RoundingMode> modes = {RoundingMode::half_up, RoundingMode::half_up, RoundingMode::half_even, RoundingMode::half_down,
                                                    RoundingMode::toward_zero, RoundingMode::away_from_zero, RoundingMode::floor, RoundingMode::ceiling};
    if (want_kva) {
      static const std::vector<Decimal> steps = {dec(1, 2), dec(1, 2), dec(1, 1), Decimal(1), dec(1, 3), dec(1, 6)};
      t.kva_rounding = Rounding{r.pick(steps), r.pick(modes)};
    }
    if (r.chance(14)) {
      static const std::vector<Decimal> steps = {dec(1, 2), dec(1, 2), dec(1, 1), dec(1, 3), dec(1, 4), dec(1, 6)};
      PowerFactor pf;
      int k = r.between_int(0, 99);
      pf.threshold = k < 60 ? Decimal(90) : k < 80 ? Decimal(r.between(80, 100)) : dec(r.between(700, 999), 1);
      pf.step = r.pick(steps);
      pf.mode = r.pick(modes);
      pf.text = std::string("power_factor") + (r.chance(70) ? " \"Power Factor Adjustment\"" : "") + ": adjust demand below " +
                pf.threshold.to_string() + " %, pf rounded " + pf.step.to_string() + " " + std::string(to_string(pf.mode));
      t.power_factor = pf;
    }
    want_late = r.chance(22);
    // `season_split days` gives each season part the period's usage × its share of the days;
    // with netting or the other channels' energy the random tariffs leave it out (the docs
    // do not say how netting cells or other channels split by days)
    if ((t.netting != Netting::none || want_received || want_reactive) && t.season_split_days) {
      t.season_split_days = false;
      t.season_split_text = r.chance(50) ? "intervals" : "";
    }
  }

  /// The received (kWh) and reactive (kVARh) channels, on the delivered energy's
  /// intervals, when the tariff bills them (and now and then when it does not).
  void make_channels_usage() {
    const auto& t = c.tariff;
    const auto& s = c.usage.delivered;
    bool received = t.netting != Netting::none || want_received || r.chance(4);
    bool reactive = want_reactive || want_kva || t.power_factor || r.chance(4);
    // kWh of each delivered interval at 3 decimals (approximate for kW data: only a level)
    std::vector<std::int64_t> kwh(s.values.size());
    for (std::size_t i = 0; i < kwh.size(); ++i) kwh[i] = s.unit == Unit::kW ? s.values[i] * s.minutes / 60 : s.values[i];
    std::int64_t peak = 0;
    for (auto v : kwh) peak = std::max(peak, v);
    if (received) {
      IntervalSeries rs;
      rs.start = s.start;
      rs.minutes = s.minutes;
      rs.unit = Unit::kWh;
      rs.scale = r.chance(30) ? 2 : 3;
      int sun = r.between_int(10, 70);
      std::int64_t level = std::max<std::int64_t>(1, peak);
      for (std::size_t i = 0; i < kwh.size(); ++i) {
        std::int64_t v = r.chance(sun) ? r.between(0, level) : 0;
        rs.values.push_back(rs.scale == 2 ? v / 10 : v);
      }
      c.usage.received = std::move(rs);
    }
    if (reactive) {
      // kVARh up to 1.5 × the interval's kWh: a power factor of at least 0.55, never one
      // that rounds to 0 (B0044), and none at all where there is no energy
      IntervalSeries q;
      q.start = s.start;
      q.minutes = s.minutes;
      q.unit = Unit::kVARh;
      q.scale = r.chance(25) ? 1 : 3;
      int lo = r.between_int(0, 60), hi = r.between_int(lo, 150);
      for (auto v : kwh) {
        std::int64_t x = v * r.between(lo, hi) / 100;
        q.values.push_back(q.scale == 1 ? x / 100 : x);
      }
      c.usage.reactive = std::move(q);
    }
  }

  /// The account's past-due state: mostly when the tariff has a late fee, now and then
  /// when it has none (then it is ignored).
  void make_past_due() {
    bool fee = std::any_of(c.tariff.charges.begin(), c.tariff.charges.end(), [](const ChargeDef& ch) { return ch.form == Form::late_fee; });
    if (!r.chance(fee ? 85 : 8)) return;
    c.account.past_due = r.chance(15) ? dec(r.between(1, 1500), 2) : dec(r.between(1000, 90000), 2);
    if (r.chance(10)) c.account.past_due = dec(r.between(1, 20), 0);
    c.account.due_date = year_month_day{sys_days{c.period.to} - days{r.between_int(-5, 70)}};
    if (r.chance(50)) c.account.paid_on = year_month_day{sys_days{*c.account.due_date} + days{r.between_int(0, 45)}};
  }

  /// A late fee's amounts (a revision keeps its form, `after` and `not under`).
  LateFee late_fee_terms(LateFee fee, bool choose_form) {
    if (choose_form) fee.percent = r.chance(75);
    auto money_amount = [&](std::int64_t lo, std::int64_t hi) { return dec(r.between(lo, hi), r.chance(70) ? 2 : 0) ; };
    if (fee.percent) {
      int decimals = r.between_int(0, 2);
      fee.value = dec(r.between(1, 3 * pow10i(decimals)), decimals);
      fee.at_least = r.chance(40) ? std::optional<Decimal>(money_amount(1, 1000)) : std::nullopt;
      if (fee.at_least && fee.at_least->scale() == 0) fee.at_least = Decimal(r.between(1, 10));
      fee.at_most = r.chance(30) ? std::optional<Decimal>(dec(r.between(1000, 5000), 2)) : std::nullopt;
    } else {
      fee.value = dec(r.between(100, 2500), 2);
      fee.at_least = fee.at_most = std::nullopt;
    }
    return fee;
  }

  void make_billing_demand() {
    if (!r.chance(15)) return;
    auto& terms = c.tariff.billing_demand;
    if (r.chance(75)) terms.push_back({BillingDemandTerm::Kind::demand, {}, {}, {}, 0, {}, {}, "demand"});
    if (r.chance(40)) {
      BillingDemandTerm floor;
      floor.kind = BillingDemandTerm::Kind::floor;
      floor.kw = bound_amount(1, 15);
      floor.text = floor.kw.to_string() + " kW";
      terms.push_back(floor);
    }
    if (r.chance(20)) {
      BillingDemandTerm contract;
      contract.kind = BillingDemandTerm::Kind::attribute;
      contract.attribute = "contract_kw";
      contract.text = "contract_kw";
      c.account.attributes["contract_kw"] = bound_amount(1, 20).to_string();
      terms.push_back(contract);
    }
    if (terms.empty() || r.chance(55)) {
      BillingDemandTerm ratchet;
      ratchet.kind = BillingDemandTerm::Kind::ratchet;
      ratchet.percent = Decimal(r.between(30, 100));
      ratchet.months = r.between_int(1, 12);
      ratchet.text = ratchet.percent.to_string() + " % of ratchet " + std::to_string(ratchet.months) + (ratchet.months == 1 ? " month" : " months");
      if (seasonal() && r.chance(25)) {
        ratchet.seasons.push_back(r.index(c.tariff.seasons.size()));
        ratchet.text += " in " + c.tariff.seasons[ratchet.seasons[0]].name;
      } else if (r.chance(15)) {
        std::vector<std::string> names;
        for (unsigned m = 1; m <= 12; ++m)
          if (r.chance(40)) {
            ratchet.month_list.push_back(m);
            names.push_back(kMonths[m - 1]);
          }
        if (!names.empty()) ratchet.text += " in " + list_text(names);
      }
      terms.push_back(ratchet);
      // earlier months' maximum demands, as a caller would pass them
      if (r.chance(70))
        for (int back = 1; back <= 14; ++back)
          if (r.chance(35)) {
            year_month_day first{usage_from.year() / usage_from.month() / 1};
            year_month_day day{first - std::chrono::months{back}};
            c.account.demand_history.push_back({day.year() / day.month(), dec(r.between(500, 30000), 3)});
          }
    }
    r.shuffle(terms);
  }

  void make_demand_window() {
    auto& t = c.tariff;
    int minutes = c.usage.delivered.minutes;
    if (!r.chance(minutes == 60 ? 12 : 30)) return;
    std::vector<int> windows;
    for (int w : {5, 15, 30, 60, 120})
      if (w >= minutes && w % minutes == 0 && w <= 8 * minutes) windows.push_back(w);
    t.demand_window = r.pick(windows);
    t.demand_sliding = r.chance(40);
    t.demand_window_text = std::to_string(t.demand_window) +
                           (t.demand_sliding ? r.pick(std::vector<std::string>{"min_sliding", "_min_sliding"})
                                             : r.pick(std::vector<std::string>{"min", "min_fixed", "_min"}));
  }

  // ------------------------------------------------------------------ seasons
  void make_seasons() {
    int roll = r.between_int(0, 99);
    int k = roll < 25 ? 0 : roll < 35 ? 1 : roll < 75 ? 2 : 3;
    if (k == 0) return;
    std::vector<std::string> names = {"summer", "winter", "shoulder", "spring"};
    r.shuffle(names);
    std::set<int> bounds;
    int period_days = c.period.days();
    if (period_days >= 2 && r.chance(55)) {
      // a season change inside the billing period
      year_month_day d{sys_days{c.period.from} + days{r.between_int(1, period_days - 1)}};
      bounds.insert(day_of_year(static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day())));
    }
    if (r.chance(30)) bounds.insert(0);
    std::size_t segments = static_cast<std::size_t>(k) + (r.chance(35) ? 1u : 0u);
    while (bounds.size() < segments) bounds.insert(r.between_int(0, 364));
    std::vector<int> b(bounds.begin(), bounds.end());
    segments = b.size();
    // every season gets a segment; extra segments go to random seasons
    std::vector<std::size_t> owner;
    for (std::size_t s = 0; s < static_cast<std::size_t>(k); ++s) owner.push_back(s);
    while (owner.size() < segments) owner.push_back(r.index(static_cast<std::size_t>(k)));
    if (owner.size() > segments) {
      // fewer segments than seasons (only when bounds collided): use fewer seasons
      owner.resize(segments);
      k = static_cast<int>(segments);
    }
    r.shuffle(owner);
    std::vector<SeasonDef> seasons(static_cast<std::size_t>(k));
    for (std::size_t s = 0; s < seasons.size(); ++s) seasons[s].name = names[s];
    for (std::size_t j = 0; j < segments; ++j) {
      int from = b[j];
      int to = (b[(j + 1) % segments] + 364) % 365;  // the day before the next segment
      DayRange range;
      std::tie(range.from_month, range.from_day) = month_day_of(from);
      std::tie(range.to_month, range.to_day) = month_day_of(to);
      if (range.to_month == 2 && range.to_day == 28 && r.chance(50)) range.to_day = 29;
      bool whole_months = range.from_day == 1 && range.to_day >= kDaysIn[range.to_month - 1];
      auto month_text = [&](unsigned m) { return std::string(r.chance(15) ? kLongMonths[m - 1] : kMonths[m - 1]); };
      std::string dash = r.chance(20) ? " to " : " - ";
      if (whole_months && r.chance(40))
        range.text = month_text(range.from_month) + dash + month_text(range.to_month);
      else
        range.text = month_text(range.from_month) + " " + std::to_string(range.from_day) + dash + month_text(range.to_month) + " " +
                     std::to_string(range.to_day);
      seasons[owner[j]].ranges.push_back(range);
    }
    c.tariff.seasons = std::move(seasons);
  }

  // ------------------------------------------------------------------ TOU periods
  void make_periods() {
    if (r.chance(25)) return;
    c.tariff.periods = make_group(0, {"on_peak", "mid_peak", "super_off", "critical", "evening"}, r.between_int(1, 3), "off_peak");
    if (c.tariff.periods.empty() || !r.chance(25)) return;
    // a `time_of_use` group: periods of their own (URDB's demand periods)
    auto more = make_group(1, {"demand_peak", "demand_mid"}, r.between_int(1, 2), "demand_base");
    if (more.empty()) return;
    c.tariff.groups.push_back("demand_periods");
    for (auto& p : more) c.tariff.periods.push_back(std::move(p));
  }

  /// A day set for a rule: an existing one, or a new one of 2..4 days.
  const TariffModel::DaySet& day_set() {
    if (c.tariff.day_sets.empty() || r.chance(30)) {
      TariffModel::DaySet set;
      set.name = "dayset" + std::to_string(c.tariff.day_sets.size() + 1);
      std::vector<int> days = {0, 1, 2, 3, 4, 5, 6};
      r.shuffle(days);
      days.resize(static_cast<std::size_t>(r.between(2, 4)));
      std::sort(days.begin(), days.end());
      for (int d : days) set.days.push_back(kDayNames[d]);
      c.tariff.day_sets.push_back(std::move(set));
      return c.tariff.day_sets.back();
    }
    return r.pick(c.tariff.day_sets);
  }

  /// The periods of one group: n periods with rules that do not overlap, and `otherwise`.
  std::vector<PeriodDef> make_group(std::size_t group, std::vector<std::string> names, int n, const std::string& otherwise_name) {
    const std::size_t S = std::max<std::size_t>(1, c.tariff.seasons.size());
    std::vector<std::uint8_t> taken(S * 7 * 96, 0);
    auto cell = [&](std::size_t s, int d, int q) -> std::uint8_t& { return taken[(s * 7 + static_cast<std::size_t>(d)) * 96 + static_cast<std::size_t>(q)]; };
    r.shuffle(names);
    n = std::min(n, static_cast<int>(names.size()));
    std::vector<PeriodDef> periods;
    for (int p = 0; p < n; ++p) {
      PeriodDef def;
      def.group = group;
      def.name = names[static_cast<std::size_t>(p)];
      if (r.chance(30)) def.label = def.name + " hours";
      int want = r.between_int(1, 2);
      for (int attempt = 0; attempt < 40 && static_cast<int>(def.rules.size()) < want; ++attempt) {
        PeriodRule rule;
        if (!c.tariff.seasons.empty() && r.chance(50)) {
          for (std::size_t s = 0; s < c.tariff.seasons.size(); ++s)
            if (r.chance(50)) rule.seasons.push_back(s);
          if (rule.seasons.empty()) rule.seasons.push_back(r.index(c.tariff.seasons.size()));
        }
        int roll = r.between_int(0, 99);
        if (roll < 50) { rule.days = 0x1f; rule.day_words = {r.chance(85) ? "weekday" : "weekdays"}; }
        else if (roll < 68) { rule.days = 0x60; rule.day_words = {r.chance(85) ? "weekend" : "weekends"}; }
        else if (roll < 83) { rule.days = 0x7f; }
        else if (r.chance(35)) {
          const auto& set = day_set();
          rule.days = 0;
          for (auto& day : set.days)
            for (int d = 0; d < 7; ++d)
              if (day == kDayNames[d]) rule.days = static_cast<std::uint8_t>(rule.days | (1u << d));
          rule.day_words = {set.name};
        } else {
          rule.days = 0;
          int count = r.between_int(1, 2);
          for (int i = 0; i < count; ++i) {
            int d = r.between_int(0, 6);
            if ((rule.days >> d) & 1u) continue;
            rule.days = static_cast<std::uint8_t>(rule.days | (1u << d));
            rule.day_words.push_back(kDayNames[d]);
          }
        }
        bool restricted = !rule.seasons.empty() || !rule.day_words.empty();
        if (!(restricted && r.chance(12))) {
          int ranges = r.chance(75) ? 1 : 2;
          int granularity = r.chance(70) ? 4 : r.chance(60) ? 2 : 1;  // quarter hours
          for (int i = 0; i < ranges; ++i) {
            int from = r.between_int(0, 95 / granularity) * granularity;
            int to = from + granularity * r.between_int(1, std::max(1, 40 / granularity));
            if (to > 96) to = r.chance(50) ? to - 96 : 96;  // wrap past midnight, or end at 24:00
            if (to == from) continue;
            rule.minutes.emplace_back(from * 15, to * 15);
          }
          if (rule.minutes.empty()) continue;
        }
        // the rule must not touch minutes another rule already has
        std::vector<std::uint8_t> mine(taken.size(), 0);
        bool clash = false;
        for (std::size_t s = 0; s < S && !clash; ++s) {
          if (!rule.seasons.empty() && std::find(rule.seasons.begin(), rule.seasons.end(), s) == rule.seasons.end()) continue;
          for (int d = 0; d < 7 && !clash; ++d) {
            if (!((rule.days >> d) & 1u)) continue;
            auto mark = [&](int q) {
              auto at = (s * 7 + static_cast<std::size_t>(d)) * 96 + static_cast<std::size_t>(q);
              if (cell(s, d, q) || mine[at]) clash = true;
              mine[at] = 1;
            };
            if (rule.minutes.empty()) for (int q = 0; q < 96; ++q) mark(q);
            for (auto [from, to] : rule.minutes) {
              int a = from / 15, b = to / 15;
              if (a < b) for (int q = a; q < b; ++q) mark(q);
              else { for (int q = a; q < 96; ++q) mark(q); for (int q = 0; q < b; ++q) mark(q); }
            }
          }
        }
        if (clash) continue;
        for (std::size_t i = 0; i < taken.size(); ++i) taken[i] = static_cast<std::uint8_t>(taken[i] | mine[i]);
        for (auto [from, to] : rule.minutes) {
          bool short_hour = r.chance(15);
          std::string end = to == 1440 ? (r.chance(70) ? "24:00" : "00:00") : clock_text(to, short_hour);
          rule.minute_texts.push_back(clock_text(from, short_hour) + "-" + end);
        }
        def.rules.push_back(std::move(rule));
      }
      if (!def.rules.empty()) periods.push_back(std::move(def));
    }
    if (periods.empty()) return periods;
    PeriodDef otherwise;
    otherwise.group = group;
    otherwise.name = otherwise_name;
    otherwise.otherwise = true;
    if (r.chance(30)) otherwise.label = "Other hours";
    periods.insert(periods.begin() + static_cast<std::ptrdiff_t>(r.index(periods.size() + 1)), std::move(otherwise));
    return periods;
  }

  std::size_t group_ = 0;  // the period group of the charge being made

  /// The periods (indices into c.tariff.periods) of the group of the charge being made.
  std::vector<std::size_t> group_periods() const {
    std::vector<std::size_t> out;
    for (std::size_t p = 0; p < c.tariff.periods.size(); ++p)
      if (c.tariff.periods[p].group == group_) out.push_back(p);
    return out;
  }

  // ------------------------------------------------------------------ pricing
  bool tou() const { return !c.tariff.periods.empty(); }
  bool seasonal() const { return !c.tariff.seasons.empty(); }

  Money price_for(Measure m) {
    switch (m) {
      case Measure::month: return money(r, 3'000'000, 40'000'000, "month", r.chance(10));
      case Measure::day: return money(r, 50'000, 1'500'000, "day", r.chance(30));
      case Measure::energy: return money(r, 10'000, 400'000, "kWh", true);
      case Measure::demand: return money(r, 500'000, 25'000'000, "kW", false);
      case Measure::billing_demand: return money(r, 500'000, 25'000'000, "kW", false);
      case Measure::bill: return money(r, 500'000, 5'000'000, "bill", false);
      case Measure::meter: return money(r, 500'000, 5'000'000, "meter", false);
      case Measure::received_energy: return money(r, 10'000, 200'000, "kWh", true);
      case Measure::reactive_energy: return money(r, 1'000, 50'000, "kVARh", false);
      case Measure::kva_demand: return money(r, 500'000, 25'000'000, "kVA", false);
    }
    return {};
  }

  /// The account's attributes, and the values a `by ATTRIBUTE` table may name.
  const std::vector<std::pair<std::string, std::vector<std::string>>> attributes = {
      {"meter_size", {"in_5_8", "in_1", "in_2"}}, {"location", {"inside_city", "outside_city", "county"}}};

  void make_account() {
    for (auto& [name, values] : attributes)
      if (r.chance(80)) c.account.attributes[name] = r.pick(values);
  }

  /// A `by ATTRIBUTE` table: some values named, and always `otherwise` (so no bill is
  /// refused for a value no case names).
  std::vector<PricingCase> attribute_cases(const std::vector<std::string>& values, const std::function<std::shared_ptr<const Pricing>()>& sub) {
    std::vector<std::string> keys = values;
    r.shuffle(keys);
    keys.resize(static_cast<std::size_t>(r.between(1, static_cast<std::int64_t>(keys.size()))));
    std::vector<PricingCase> cases;
    std::size_t i = 0;
    while (i < keys.size()) {
      std::size_t size = r.chance(70) ? 1 : keys.size() - i;
      PricingCase pc;
      pc.values.assign(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(i + size));
      i += size;
      cases.push_back(std::move(pc));
    }
    PricingCase other;
    other.otherwise = true;
    cases.push_back(std::move(other));
    for (auto& pc : cases) pc.pricing = sub();
    return cases;
  }

  /// Keys 0..n-1 split into cases; sometimes the last case is `otherwise`, rarely a key
  /// has no case at all (nothing is charged there).
  std::vector<PricingCase> cases_for(std::size_t n, const std::function<std::shared_ptr<const Pricing>()>& sub) {
    std::vector<std::size_t> keys(n);
    std::iota(keys.begin(), keys.end(), 0);
    return cases_for(keys, sub);
  }

  std::vector<PricingCase> cases_for(std::vector<std::size_t> keys, const std::function<std::shared_ptr<const Pricing>()>& sub) {
    const std::size_t n = keys.size();
    r.shuffle(keys);
    if (n > 1 && r.chance(6)) keys.pop_back();  // a key without a price
    std::vector<PricingCase> cases;
    std::size_t i = 0;
    while (i < keys.size()) {
      std::size_t size = r.chance(75) ? 1 : static_cast<std::size_t>(r.between(1, static_cast<std::int64_t>(keys.size() - i)));
      PricingCase pc;
      pc.keys.assign(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(i + size));
      i += size;
      cases.push_back(std::move(pc));
    }
    if (cases.size() > 1 && keys.size() == n && r.chance(30)) {
      cases.back().keys.clear();
      cases.back().otherwise = true;
    }
    for (auto& pc : cases) pc.pricing = sub();
    return cases;
  }

  Decimal bound_amount(std::int64_t lo, std::int64_t hi) {
    if (r.chance(20)) return dec(r.between(lo * 10, hi * 10), 1);
    return Decimal(r.between(lo, hi));
  }

  TierTable tier_table(Measure m, Allocation allocation, bool nested = false) {
    TierTable t;
    t.allocation = allocation;
    std::int64_t first_lo = 50, first_hi = 1500, next_lo = 50, next_hi = 1000;
    int roll = r.between_int(0, 99);
    if (m == Measure::demand || m == Measure::billing_demand) {
      t.unit = "kW";
      first_lo = 1, first_hi = 12, next_lo = 1, next_hi = 10;
    } else if (m == Measure::received_energy) {
      t.unit = "kWh";  // received energy: limits in kWh per bill
    } else if (nested) {
      t.unit = "kWh";  // steps inside an hours-use block: cumulative kWh of the bill
      first_lo = 100, first_hi = 3000, next_lo = 100, next_hi = 2000;
    } else if (roll < 25) {
      t.unit = "kWh/day";
      first_lo = 2, first_hi = 40, next_lo = 2, next_hi = 30;
    } else if (roll < 42) {
      t.unit = "kWh/kW";  // hours use: × the bill's highest demand
      first_lo = 30, first_hi = 400, next_lo = 30, next_hi = 300;
    } else if (roll < 50) {
      t.unit = "kWh/kW/day";
      first_lo = 1, first_hi = 15, next_lo = 1, next_hi = 10;
    } else {
      t.unit = "kWh";
    }
    if (allocation != Allocation::single) {
      std::vector<std::size_t> cols = group_periods();
      r.shuffle(cols);
      if (r.chance(30)) cols.resize(static_cast<std::size_t>(r.between(1, static_cast<std::int64_t>(cols.size()))));
      t.columns = cols;
    }
    std::size_t columns = allocation != Allocation::single ? t.columns.size() : 1;
    bool may_nest = !nested && allocation == Allocation::single && t.unit.find("/kW") != std::string::npos && r.chance(50);
    // Steps inside a block always end with an unlimited step: the checker refuses steps
    // that stop below their block's limit (E0316; see "reference: steps that stop below
    // their block" in tests/unit/reference/fast_biller_findings_test.cpp).
    const int top_chance = nested ? 0 : 10;
    auto fill = [&](TierRow& row) {
      if (may_nest && r.chance(50)) {
        row.nested = std::make_shared<TierTable>(tier_table(m, Allocation::single, true));
        return;
      }
      for (std::size_t col = 0; col < columns; ++col) row.prices.push_back(price_for(m));
    };
    if (r.chance(4)) {  // one unlimited tier
      TierRow row;
      row.bound = r.chance(50) ? TierRow::Bound::rest : TierRow::Bound::over;
      row.rest_word = r.chance(50);
      row.amount = Decimal(0);
      fill(row);
      t.rows.push_back(std::move(row));
      return t;
    }
    int rows = r.between_int(nested ? 1 : 2, 4);
    if (nested && rows == 1) rows = 2;  // a first step, and the unlimited one
    Decimal previous{0};
    for (int k = 0; k < rows; ++k) {
      TierRow row;
      bool last = k == rows - 1;
      if (k == 0) {
        row.bound = r.chance(70) ? TierRow::Bound::first : TierRow::Bound::up_to;
        row.amount = bound_amount(first_lo, first_hi);
        previous = row.amount;
      } else if (!last || r.chance(top_chance)) {
        Decimal size = bound_amount(next_lo, next_hi);
        if (r.chance(60)) {
          row.bound = TierRow::Bound::next;
          row.amount = size;
        } else {
          row.bound = TierRow::Bound::up_to;
          row.amount = previous + size;
        }
        previous = previous + size;
      } else {
        int roll2 = r.between_int(0, 99);
        row.bound = roll2 < 60 ? TierRow::Bound::rest : TierRow::Bound::over;
        row.rest_word = roll2 >= 45 && roll2 < 60;
        row.amount = previous;
      }
      fill(row);
      t.rows.push_back(std::move(row));
    }
    return t;
  }

  std::vector<PricingCase> month_cases(const std::function<std::shared_ptr<const Pricing>()>& sub) {
    std::vector<std::size_t> months(12);
    std::iota(months.begin(), months.end(), 0);
    r.shuffle(months);
    std::vector<PricingCase> cases;
    std::size_t i = 0, listed = static_cast<std::size_t>(r.between(1, 12));
    while (i < listed) {
      std::size_t size = std::min(listed - i, static_cast<std::size_t>(r.between(1, 4)));
      PricingCase pc;
      pc.keys.assign(months.begin() + static_cast<std::ptrdiff_t>(i), months.begin() + static_cast<std::ptrdiff_t>(i + size));
      i += size;
      cases.push_back(std::move(pc));
    }
    if (listed < 12 && r.chance(85)) {
      PricingCase pc;
      pc.otherwise = true;
      cases.push_back(std::move(pc));
    }
    for (auto& pc : cases) pc.pricing = sub();
    return cases;
  }

  std::shared_ptr<const Pricing> pricing(Measure m, bool season_ok, bool period_ok, int depth, bool month_ok = true, bool attribute_ok = true) {
    auto p = std::make_shared<Pricing>();
    bool can_season = season_ok && seasonal() && depth < 2;
    bool can_period = period_ok && tou() &&
                      (m == Measure::energy || m == Measure::demand || m == Measure::received_energy || m == Measure::reactive_energy ||
                       m == Measure::kva_demand) &&
                      depth < 2;
    bool can_month = month_ok && depth < 2;
    bool can_attribute = attribute_ok && depth < 2 && r.chance(40);
    bool can_tiers = m == Measure::energy || m == Measure::demand || m == Measure::billing_demand || m == Measure::received_energy;
    bool can_columns = (m == Measure::energy || m == Measure::received_energy) && tou() && period_ok;
    // chronological fill in a season part split by days has no intervals to walk: left out
    // chronological tiers fill with delivered energy: not for netted or received energy (E0920)
    bool can_chronological = can_columns && !c.tariff.season_split_days && m == Measure::energy && c.tariff.netting == Netting::none;
    std::vector<Pricing::Kind> options = {Pricing::Kind::flat, Pricing::Kind::flat};
    if (can_season) options.insert(options.end(), 2, Pricing::Kind::by_season);
    if (can_period) options.insert(options.end(), 2, Pricing::Kind::by_period);
    if (can_month) options.insert(options.end(), 1, Pricing::Kind::by_month);
    if (can_attribute) options.insert(options.end(), 1, Pricing::Kind::by_attribute);
    if (can_tiers) options.insert(options.end(), 3, Pricing::Kind::tiers);
    std::size_t columns_from = options.size();
    if (can_columns) options.insert(options.end(), can_chronological ? 3 : 2, Pricing::Kind::tiers);
    std::size_t choice = r.index(options.size());
    p->kind = options[choice];
    switch (p->kind) {
      case Pricing::Kind::flat: p->price = price_for(m); break;
      case Pricing::Kind::tiers:
        p->tiers = tier_table(m, choice < columns_from ? Allocation::single : choice < columns_from + 2 ? Allocation::proportional : Allocation::chronological);
        break;
      case Pricing::Kind::by_season:
        p->cases = cases_for(c.tariff.seasons.size(), [&] { return pricing(m, false, period_ok, depth + 1, month_ok, attribute_ok); });
        break;
      case Pricing::Kind::by_period:
        p->cases = cases_for(group_periods(), [&] { return pricing(m, season_ok, false, depth + 1, month_ok, attribute_ok); });
        break;
      case Pricing::Kind::by_month:
        p->cases = month_cases([&] { return pricing(m, season_ok, period_ok, depth + 1, false, attribute_ok); });
        break;
      case Pricing::Kind::by_attribute: {
        const auto& attribute = attributes[r.index(attributes.size())];
        p->attribute = attribute.first;
        p->cases = attribute_cases(attribute.second, [&] { return pricing(m, season_ok, period_ok, depth + 1, month_ok, false); });
        break;
      }
      case Pricing::Kind::by_billing_month: break;  // not drawn here: see make_billing_month_prices
    }
    return p;
  }

  std::vector<std::size_t> some_periods() {
    auto all = group_periods();
    std::vector<std::size_t> out;
    for (auto p : all)
      if (r.chance(50)) out.push_back(p);
    if (out.empty()) out.push_back(r.pick(all));
    if (out.size() == all.size() && r.chance(70)) out.pop_back();
    if (out.empty()) out.push_back(all.front());
    r.shuffle(out);
    return out;
  }

  bool with_revisions = false;

  /// A priced charge's pricing: any pricing the generator makes. Earlier exclusions, now
  /// covered: hours-use limits (kWh/kW, kWh/kW/day) in tariffs with revisions or with a
  /// billing_demand rule (the rule's billing demand sets the limits, docs/language.md
  /// "Units of a limit"), and charges priced both by season and by period under
  /// `season_split days` (see fast_biller_findings_test.cpp, findings 2 and 4).
  /// Under `net_metering per_period` net energy and excess have no season parts or period
  /// shares (E0920).
  std::shared_ptr<const Pricing> charge_pricing(Measure m) {
    bool whole = netted(m) && c.tariff.netting == Netting::per_period;
    return pricing(m, !whole, !whole, 0);
  }

  bool netted(Measure m) const {
    return c.tariff.netting != Netting::none && (m == Measure::energy || m == Measure::received_energy);
  }

  /// The pricing with every price negated (a credit on received energy).
  static std::shared_ptr<const Pricing> negated(const Pricing& p) {
    auto out = std::make_shared<Pricing>(p);
    auto flip = [](Money& m) {
      m.dollars = -m.dollars;
      m.text = "-" + m.text;
    };
    if (p.kind == Pricing::Kind::flat) flip(out->price);
    for (auto& row : out->tiers.rows)
      for (auto& price : row.prices) flip(price);
    for (auto& pc : out->cases) pc.pricing = negated(*pc.pricing);
    return out;
  }

  /// A flat price (`leaf`), or a table of them by month, by season (the season of the
  /// period's last day) or by attribute; `complete`: every bill finds a case.
  std::shared_ptr<const Pricing> one_number_table(const std::function<Money()>& leaf, bool complete) {
    auto p = std::make_shared<Pricing>();
    int roll = r.between_int(0, 99);
    if (roll < 78) {
      p->price = leaf();
    } else if (roll < 87) {
      p->kind = Pricing::Kind::by_month;
      p->cases = month_cases([&] { auto q = std::make_shared<Pricing>(); q->price = leaf(); return q; });
      if (complete && std::none_of(p->cases.begin(), p->cases.end(), [](const PricingCase& pc) { return pc.otherwise; })) {
        PricingCase other;
        other.otherwise = true;
        auto q = std::make_shared<Pricing>();
        q->price = leaf();
        other.pricing = q;
        std::size_t named = 0;
        for (auto& pc : p->cases) named += pc.keys.size();
        if (named < 12) p->cases.push_back(std::move(other));
      }
    } else if (roll < 94 && seasonal()) {
      p->kind = Pricing::Kind::by_season;
      do p->cases = cases_for(c.tariff.seasons.size(), [&] { auto q = std::make_shared<Pricing>(); q->price = leaf(); return q; });
      while (complete && !covers_all(p->cases, c.tariff.seasons.size()));
    } else {
      const auto& attribute = attributes[r.index(attributes.size())];
      p->kind = Pricing::Kind::by_attribute;
      p->attribute = attribute.first;
      p->cases = attribute_cases(attribute.second, [&] { auto q = std::make_shared<Pricing>(); q->price = leaf(); return q; });
    }
    return p;
  }

  static bool covers_all(const std::vector<PricingCase>& cases, std::size_t keys) {
    std::size_t named = 0;
    for (auto& pc : cases) {
      if (pc.otherwise) return true;
      named += pc.keys.size();
    }
    return named == keys;
  }

  std::shared_ptr<const Pricing> percent_pricing(int negative_chance) {
    bool negative = r.chance(negative_chance);
    return one_number_table(
        [&] {
          int decimals = r.between_int(0, 3);
          Money m;
          m.dollars = dec(r.between(1, 12 * pow10i(decimals)), decimals);
          if (negative) m.dollars = -m.dollars;
          m.text = m.dollars.to_string() + " %";
          return m;
        },
        false);
  }

  std::shared_ptr<const Pricing> minimum_pricing(bool per_day) {
    return one_number_table(
        [&] { return per_day ? money(r, 300'000, 3'000'000, "day", false) : money(r, 10'000'000, 150'000'000, "month", false); }, true);
  }

  /// A negative flat price: a credit.
  std::shared_ptr<const Pricing> credit_pricing(Measure m) {
    auto p = std::make_shared<Pricing>();
    p->price = price_for(m);
    p->price.dollars = -p->price.dollars;
    p->price.text = "-" + p->price.text;
    return p;
  }

  /// New prices for a charge (a revision restates it): same kind, form, `on` and `of`.
  void reprice(ChargeDef& ch) {
    group_ = ch.group;
    switch (ch.form) {
      case Form::priced:
        ch.pricing = ch.measure == Measure::received_energy && ch.kind == ChargeKind::credit ? negated(*charge_pricing(ch.measure))
                   : ch.kind == ChargeKind::credit                                          ? credit_pricing(ch.measure)
                                                                                            : charge_pricing(ch.measure);
        break;
      case Form::percentage:
        ch.pricing = percent_pricing(ch.kind == ChargeKind::credit ? 100 : ch.kind == ChargeKind::rider ? 15 : 0);
        break;
      case Form::minimum: ch.pricing = minimum_pricing(ch.minimum_per_day); break;
      case Form::late_fee: ch.late = late_fee_terms(ch.late, false); break;
    }
  }

  /// Revisions: new prices for some charges from a date inside the billing period (the
  /// bill is cut there), before it (the revised rates apply to the whole bill) or after.
  void make_revisions() {
    if (!with_revisions) return;
    std::set<int> offsets;  // days from the period's start
    int days = c.period.days();
    int count = r.chance(70) ? 1 : 2;
    for (int i = 0; i < count; ++i) {
      int roll = r.between_int(0, 99);
      if (roll < 60 && days >= 2) offsets.insert(r.between_int(1, days - 1));
      else if (roll < 80) offsets.insert(-r.between_int(0, 60));
      else offsets.insert(days + r.between_int(0, 30));
    }
    for (int offset : offsets) {
      Revision rev;
      rev.effective = year_month_day{sys_days{c.period.from} + std::chrono::days{offset}};
      for (auto& ch : c.tariff.charges) {
        if (!r.chance(40)) continue;
        ChargeDef restated = ch;
        if (r.chance(30)) restated.label = ch.label.empty() ? "Revised" : ch.label + " (revised)";
        reprice(restated);
        rev.charges.push_back(std::move(restated));
      }
      if (rev.charges.empty()) {
        ChargeDef restated = c.tariff.charges.front();
        reprice(restated);
        rev.charges.push_back(std::move(restated));
      }
      c.tariff.revisions.push_back(std::move(rev));
    }
  }

  void make_charges() {
    auto& charges = c.tariff.charges;
    with_revisions = r.chance(20);
    auto priced = [&](std::string id, std::string label, ChargeKind kind, Measure m, bool allow_in) -> ChargeDef& {
      ChargeDef ch;
      ch.id = std::move(id);
      ch.label = r.chance(85) ? std::move(label) : "";
      ch.kind = kind;
      ch.form = Form::priced;
      ch.measure = m;
      // under `net_metering per_tou_period` netted quantities are priced by the main periods (E0920)
      bool grouped = m == Measure::energy || m == Measure::demand || m == Measure::received_energy || m == Measure::reactive_energy ||
                     m == Measure::kva_demand;
      if (netted(m) && c.tariff.netting == Netting::per_tou_period) grouped = false;
      ch.group = group_ = c.tariff.groups.size() > 1 && grouped && r.chance(40) ? 1 : 0;
      if (allow_in && tou() && !(netted(m) && c.tariff.netting == Netting::per_period) && r.chance(35)) ch.in_periods = some_periods();
      ch.pricing = charge_pricing(m);
      charges.push_back(std::move(ch));
      return charges.back();
    };
    priced("basic", "Basic Customer Charge", ChargeKind::charge, Measure::month, false);
    if (r.chance(35)) priced("daily", "Daily Charge", ChargeKind::charge, Measure::day, false);
    if (r.chance(12)) priced("meter_fee", "Meter Charge", ChargeKind::charge, r.chance(50) ? Measure::meter : Measure::bill, false);
    priced("energy", "Energy Charge", ChargeKind::charge, Measure::energy, true);
    if (r.chance(30)) priced("energy2", "Fuel Adjustment", ChargeKind::charge, Measure::energy, true);
    // the power factor adjusts charges on demand: a tariff with one has one (E0930)
    if (c.tariff.power_factor || r.chance(50)) priced("dem", "Demand Charge", ChargeKind::charge, Measure::demand, true);
    if (want_kva) {
      auto& kva = priced("kva_dem", "kVA Demand Charge", ChargeKind::charge, Measure::kva_demand, true);
      if (r.chance(20)) kva.on_word = "demand_kva";
    }
    if (want_received) {
      bool credit = r.chance(80);
      auto& exp = priced("export", credit ? "Excess Generation Credit" : "Export Charge", credit ? ChargeKind::credit : ChargeKind::charge,
                         Measure::received_energy, true);
      if (credit) exp.pricing = negated(*exp.pricing);
      if (r.chance(20)) exp.on_word = "exported_energy";
    }
    if (want_reactive) priced("reactive", "Reactive Energy Charge", ChargeKind::charge, Measure::reactive_energy, true);
    if (!c.tariff.billing_demand.empty()) priced("bill_dem", "Billing Demand Charge", ChargeKind::charge, Measure::billing_demand, false);
    if (r.chance(15)) priced("fuel_rider", "Fuel Rider", ChargeKind::rider, Measure::energy, true);
    if (r.chance(15)) {
      auto& adj = priced("fca", "Fuel Cost Adjustment", ChargeKind::adjustment, Measure::energy, false);
      if (r.chance(40)) adj.pricing = credit_pricing(Measure::energy);  // a negative adjustment
    }
    if (r.chance(12)) {
      auto& credit = priced("low_income", "Low-Income Credit", ChargeKind::credit, Measure::month, false);
      credit.pricing = credit_pricing(Measure::month);
    }
    std::vector<std::string> priced_ids;
    for (auto& ch : charges) priced_ids.push_back(ch.id);
    auto subset = [&](const std::vector<std::string>& from) {
      std::vector<std::string> out;
      for (auto& id : from)
        if (r.chance(50)) out.push_back(id);
      if (out.empty()) out.push_back(r.pick(from));
      r.shuffle(out);
      return out;
    };
    auto percentage = [&](std::string id, std::string label, ChargeKind kind, int negative_chance, std::vector<std::string> of) -> ChargeDef& {
      ChargeDef ch;
      ch.id = std::move(id);
      ch.label = std::move(label);
      ch.kind = kind;
      ch.form = Form::percentage;
      ch.pricing = percent_pricing(negative_chance);
      ch.of = std::move(of);
      charges.push_back(std::move(ch));
      return charges.back();
    };
    if (r.chance(50)) {
      percentage("rider1", "Rider", ChargeKind::rider, 15, r.chance(30) ? std::vector<std::string>{"charges"} : subset(priced_ids));
      if (r.chance(30)) {
        auto of = subset(priced_ids);
        of.push_back("rider1");
        r.shuffle(of);
        percentage("rider2", "Second Rider", ChargeKind::rider, 15, of);
      }
    }
    if (r.chance(10)) percentage("solar_credit", "Community Solar Credit", ChargeKind::credit, 100, subset(priced_ids));
    if (r.chance(50)) {
      int roll = r.between_int(0, 99);
      percentage("sales_tax", "Sales Tax", ChargeKind::tax, 0,
                 roll < 45   ? std::vector<std::string>{"charges", "riders"}
                 : roll < 60 ? std::vector<std::string>{"charges"}
                 : roll < 72 ? std::vector<std::string>{"all"}
                 : roll < 80 ? std::vector<std::string>{"charges", "credits"}
                             : subset(priced_ids));
    }
    // Florida-style taxes: a gross receipts tax grossed up, and a utility tax on all lines but one
    if (r.chance(20)) {
      auto& grt = percentage("grt", "Gross Receipts Tax", ChargeKind::tax, 0, {"charges"});
      grt.gross_up = true;
    }
    // (only `all` of the tariff: two percentages of `all` would each be in the other's base)
    bool has_all = std::any_of(charges.begin(), charges.end(), [](const ChargeDef& d) { return std::find(d.of.begin(), d.of.end(), "all") != d.of.end(); });
    if (r.chance(20) && !priced_ids.empty() && !has_all) {
      auto& ut = percentage("utility_tax", "Municipal Utility Tax", ChargeKind::tax, 0, {"all"});
      ut.except.push_back(priced_ids[static_cast<std::size_t>(r.between_int(0, static_cast<int>(priced_ids.size()) - 1))]);
    }
    if (r.chance(35)) {
      ChargeDef m;
      m.id = "min_bill";
      m.label = "Minimum Bill";
      m.kind = ChargeKind::minimum;
      m.form = Form::minimum;
      m.minimum_per_day = r.chance(15);
      m.pricing = minimum_pricing(m.minimum_per_day);
      m.of = r.chance(70) ? std::vector<std::string>{"charges"} : subset(priced_ids);
      charges.push_back(std::move(m));
    }
    if (want_late) {
      ChargeDef fee;
      fee.id = "late";
      fee.label = r.chance(85) ? "Late Payment Charge" : "";
      fee.kind = ChargeKind::late_fee;
      fee.form = Form::late_fee;
      fee.late = late_fee_terms({}, true);
      fee.late.after_days = r.chance(15) ? 0 : r.between_int(1, 30);
      if (r.chance(40)) fee.late.not_under = dec(r.between(100, 3000), 2);
      charges.push_back(std::move(fee));
      if (r.chance(30)) percentage("late_tax", "Tax on Late Charges", ChargeKind::tax, 0, r.chance(70) ? std::vector<std::string>{"late"}
                                                                                                      : std::vector<std::string>{"late", "charges"});
    }
    if (r.chance(30)) r.shuffle(charges);
  }

  /// The rounding rules beyond `rounding line_items` (docs/language.md, "Rounding"):
  /// `rounding limits`, `rounding total` and a charge's own `rounded STEP MODE`. They draw
  /// from a stream of their own so that the rest of every case stays as it was.
  void make_rounding_rules() {
    Rng rr(c.seed ^ 0x5eed0fa11ull);
    static const std::vector<RoundingMode> modes = {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::half_down,
                                                    RoundingMode::toward_zero, RoundingMode::away_from_zero,
                                                    RoundingMode::floor, RoundingMode::ceiling};
    static const std::vector<Decimal> steps = {dec(1, 2), dec(1, 2), dec(1, 1), Decimal(1), dec(1, 3)};
    static const std::vector<Decimal> limit_steps = {Decimal(1), Decimal(1), dec(1, 1), dec(1, 2)};
    static const std::vector<Decimal> total_steps = {Decimal(1), dec(1, 1), dec(1, 2)};
    auto& t = c.tariff;
    if (rr.chance(25)) t.rounding_limits = Rounding{rr.pick(limit_steps), rr.pick(modes)};
    if (rr.chance(25)) t.rounding_total = Rounding{rr.pick(total_steps), rr.pick(modes)};
    // `rounding quantities`: not with tier tables of TOU columns (E0335)
    std::function<bool(const Pricing&)> columns = [&](const Pricing& p) {
      if (p.kind == Pricing::Kind::tiers && p.tiers.allocation != Allocation::single) return true;
      return std::any_of(p.cases.begin(), p.cases.end(), [&](const PricingCase& pc) { return columns(*pc.pricing); });
    };
    bool any_columns = false;
    for (auto& ch : t.charges) any_columns = any_columns || (ch.pricing && columns(*ch.pricing));
    for (auto& rev : t.revisions)
      for (auto& ch : rev.charges) any_columns = any_columns || (ch.pricing && columns(*ch.pricing));
    if (rr.chance(25) && !any_columns) t.rounding_quantities = Rounding{rr.pick(limit_steps), rr.pick(modes)};
    // a late fee has a grammar of its own (no `rounded` clause is generated for it)
    for (auto& ch : t.charges)
      if (ch.form != Form::late_fee && rr.chance(12)) ch.rounded = Rounding{rr.pick(steps), rr.pick(modes)};
    // a revision restates a charge with new prices, its rounding rule as before
    for (auto& rev : t.revisions)
      for (auto& restated : rev.charges)
        for (auto& ch : t.charges)
          if (ch.id == restated.id) restated.rounded = ch.rounded;
  }

  /// `on usage capped at winter_average` (docs/language.md, "Volumes and therms"): one
  /// energy charge of some tariffs is capped at an account attribute near the period's
  /// energy (so that the cap binds in most cases, not all). Left out (each a question the
  /// docs do not answer): a cap together with `by period` or TOU tier columns (E0335 for
  /// the columns; for `by period` whether each period is capped or the sum), `in PERIODS`,
  /// a time_of_use group, net metering (is the net capped?) and `proration` (does the cap,
  /// "a per-bill limit", follow it like a tier limit?). Its own stream, like the rounding rules.
  void make_cap() {
    Rng rc(c.seed ^ 0xca9bedull);
    auto& t = c.tariff;
    if (t.netting != Netting::none || t.proration != Proration::none || !rc.chance(30)) return;
    std::function<bool(const Pricing&)> plain = [&](const Pricing& p) {
      if (p.kind == Pricing::Kind::by_period) return false;
      if (p.kind == Pricing::Kind::tiers && p.tiers.allocation != Allocation::single) return false;
      return std::all_of(p.cases.begin(), p.cases.end(), [&](const PricingCase& pc) { return plain(*pc.pricing); });
    };
    std::vector<ChargeDef*> candidates;
    for (auto& ch : t.charges)
      if (ch.form == Form::priced && ch.measure == Measure::energy && ch.in_periods.empty() && ch.group == 0 && plain(*ch.pricing)) {
        bool revised_ok = true;
        for (auto& rev : t.revisions)
          for (auto& restated : rev.charges)
            if (restated.id == ch.id && !plain(*restated.pricing)) revised_ok = false;
        if (revised_ok) candidates.push_back(&ch);
      }
    if (candidates.empty()) return;
    ChargeDef& capped = *candidates[rc.index(candidates.size())];
    capped.cap = "winter_average";
    for (auto& rev : t.revisions)
      for (auto& restated : rev.charges)
        if (restated.id == capped.id) restated.cap = capped.cap;
    // the period's delivered energy, roughly (the usage may run past it): the cap is 30 % to 130 % of it
    const auto& s = c.usage.delivered;
    Decimal total{0};
    for (auto v : s.values) total += Decimal(Decimal::Int(v), s.scale);
    if (s.unit == Unit::kW) total = (total * Decimal(static_cast<std::int64_t>(s.minutes))).divided_by(Decimal(60), 3, RoundingMode::half_even);
    Decimal cap = (total * Decimal(rc.between(30, 130))).divided_by(Decimal(100), rc.between_int(0, 2), RoundingMode::half_even);
    c.account.attributes["winter_average"] = cap.to_string();
  }

  /// Derived quantities (docs/language.md, "Quantities derived from other quantities"): one
  /// energy charge of some tariffs is billed on a share of the energy (`on 55 % of energy`)
  /// or on what lies beyond an allowance a `$/month` charge includes (`on energy beyond
  /// basic`, `basic ...: 10.00 $/month includes 120 kWh`). Left out, as for the cap: TOU
  /// columns, `by period`, `in PERIODS`, groups, net metering and `proration`. The average of
  /// named months needs a usage history, which the reference cases do not carry. Own stream.
  void make_derived() {
    Rng rd(c.seed ^ 0xde71edull);
    auto& t = c.tariff;
    if (t.netting != Netting::none || t.proration != Proration::none || !rd.chance(35)) return;
    // an allowance (`includes N kWh`) of a $/month charge on a quarterly bill: whether it is
    // 3 months' allowance docs/language.md does not say; shares only there
    const bool allowance_ok = t.cycle_months == 1;
    std::function<bool(const Pricing&)> plain = [&](const Pricing& p) {
      if (p.kind == Pricing::Kind::by_period) return false;
      if (p.kind == Pricing::Kind::tiers && p.tiers.allocation != Allocation::single) return false;
      return std::all_of(p.cases.begin(), p.cases.end(), [&](const PricingCase& pc) { return plain(*pc.pricing); });
    };
    std::vector<ChargeDef*> candidates, fixed;
    for (auto& ch : t.charges) {
      if (ch.form == Form::priced && ch.measure == Measure::energy && ch.in_periods.empty() && ch.group == 0 && !ch.mwh && plain(*ch.pricing)) {
        bool revised_ok = true;
        for (auto& rev : t.revisions)
          for (auto& restated : rev.charges)
            if (restated.id == ch.id && !plain(*restated.pricing)) revised_ok = false;
        if (revised_ok) candidates.push_back(&ch);
      }
      if (ch.form == Form::priced && ch.measure == Measure::month && ch.kind != ChargeKind::minimum) fixed.push_back(&ch);
    }
    if (candidates.empty()) return;
    ChargeDef& derived = *candidates[rd.index(candidates.size())];
    if (fixed.empty() || rd.chance(50) || !allowance_ok) {
      int places = rd.between_int(0, 2);   // 0 to 100 %, with 0 to 2 decimals
      derived.share = Decimal(Decimal::Int(rd.between(0, places == 0 ? 100 : places == 1 ? 1000 : 10000)), places);
    } else {
      ChargeDef& base = *fixed[rd.index(fixed.size())];
      base.includes = Decimal(Decimal::Int(rd.between(1, 4000)), rd.between_int(0, 1));
      derived.beyond = base.id;
      for (auto& rev : t.revisions)
        for (auto& restated : rev.charges)
          if (restated.id == base.id) restated.includes = base.includes;
    }
    for (auto& rev : t.revisions)
      for (auto& restated : rev.charges)
        if (restated.id == derived.id) restated.share = derived.share, restated.beyond = derived.beyond;
  }

  /// `$/meter` charges with the account's `meters` (docs/language.md, "Prices and units":
  /// 1 when not given) and `unless ATTRIBUTE` exemptions ("Exemptions"): the account always
  /// gives the attribute an exempt charge names (B0053 otherwise). Their own stream.
  void make_meters_and_exemptions() {
    Rng re(c.seed ^ 0xe8e3b7ull);
    auto& t = c.tariff;
    if (std::any_of(t.charges.begin(), t.charges.end(), [](const ChargeDef& ch) { return ch.form == Form::priced && ch.measure == Measure::meter; }) &&
        re.chance(60))
      c.account.attributes["meters"] = std::to_string(re.between_int(1, 4));
    if (!re.chance(35)) return;
    static const std::vector<std::string> values = {"yes", "no", "true", "false", "yes", "no"};
    std::string name = re.chance(50) ? "tax_exempt" : "senior_exempt";
    bool any = false;
    for (auto& ch : t.charges)
      if (ch.form != Form::late_fee && re.chance(25)) {
        ch.unless = name;
        any = true;
        for (auto& rev : t.revisions)
          for (auto& restated : rev.charges)
            if (restated.id == ch.id) restated.unless = name;
      }
    if (any) c.account.attributes[name] = re.pick(values);
  }

  /// Energy priced in a scaled unit (docs/language.md, "Volumes and therms": kWh → MWh is
  /// ÷ 1000, exact): some energy charges without tiers (a charge's tier limits would be in
  /// MWh too; not generated) have every price restated per MWh. Its own stream.
  void make_scaled_units() {
    Rng rm(c.seed ^ 0x3e6a77ull);
    std::function<std::shared_ptr<const Pricing>(const Pricing&)> per_mwh = [&](const Pricing& p) {
      auto out = std::make_shared<Pricing>(p);
      if (p.kind == Pricing::Kind::flat) {
        out->price.dollars = p.price.dollars * Decimal(1000);
        out->price.text = out->price.dollars.to_string() + " $/MWh";
      }
      for (auto& pc : out->cases) pc.pricing = per_mwh(*pc.pricing);
      return out;
    };
    std::function<bool(const Pricing&)> no_tiers = [&](const Pricing& p) {
      return p.kind != Pricing::Kind::tiers &&
             std::all_of(p.cases.begin(), p.cases.end(), [&](const PricingCase& pc) { return no_tiers(*pc.pricing); });
    };
    auto& t = c.tariff;
    for (auto& ch : t.charges) {
      if (ch.form != Form::priced || ch.measure != Measure::energy || !no_tiers(*ch.pricing) || !rm.chance(20)) continue;
      bool revised_ok = true;
      for (auto& rev : t.revisions)
        for (auto& restated : rev.charges)
          if (restated.id == ch.id && !no_tiers(*restated.pricing)) revised_ok = false;
      if (!revised_ok) continue;
      ch.mwh = true;
      ch.pricing = per_mwh(*ch.pricing);
      for (auto& rev : t.revisions)
        for (auto& restated : rev.charges)
          if (restated.id == ch.id) {
            restated.mwh = true;
            restated.pricing = per_mwh(*restated.pricing);
          }
    }
  }

  /// `by billing_month { 2024-07: ... otherwise: ... }` (docs/language.md, "Prices by
  /// billing month"): some flat-priced charges get a table naming months around the
  /// bill's billing month (the month of the period's last day), often that month itself,
  /// and always `otherwise` (a month the table does not price is refused, B0055, and the
  /// months of a bill_periods series vary). Its own stream.
  void make_billing_month_prices() {
    Rng rb(c.seed ^ 0xb1117a0ull);
    year_month_day last{sys_days{c.period.to} - days{1}};
    const int billing = static_cast<int>(last.year()) * 12 + static_cast<int>(static_cast<unsigned>(last.month())) - 1;
    for (auto& ch : c.tariff.charges) {
      if (ch.form != Form::priced || ch.pricing->kind != Pricing::Kind::flat || !rb.chance(15)) continue;
      auto p = std::make_shared<Pricing>();
      p->kind = Pricing::Kind::by_billing_month;
      std::vector<std::size_t> months;
      for (int d = -2; d <= 2; ++d)
        if (rb.chance(d == 0 ? 70 : 40)) months.push_back(static_cast<std::size_t>(billing + d));
      for (auto m : months) {
        PricingCase pc;
        pc.keys = {m};
        auto price = std::make_shared<Pricing>(*ch.pricing);
        // another price of the same unit: the written one scaled by 50 % .. 150 %
        Decimal factor = dec(rb.between(50, 150), 2);
        price->price.dollars = ch.pricing->price.dollars * factor;
        auto unit = ch.pricing->price.text.substr(ch.pricing->price.text.find(' '));
        if (unit.find("¢") != std::string::npos || unit.find("cents") != std::string::npos) unit = unit.substr(unit.find('/'));
        if (unit.front() == '/') unit = " $" + unit;
        price->price.text = price->price.dollars.to_string() + unit;
        pc.pricing = price;
        p->cases.push_back(std::move(pc));
      }
      PricingCase other;
      other.otherwise = true;
      other.pricing = ch.pricing;
      p->cases.push_back(std::move(other));
      ch.pricing = p;
    }
  }

  /// Prices and limits per month, quarter or year (docs/language.md, "Billing cycles"): on a
  /// quarterly or annual tariff some fixed charges and minimums are restated `$/quarter` or
  /// `$/year` (the same number: only the unit changes), and some kWh tier tables of energy
  /// get limits per month, quarter or year (all rows alike, or each `up to` row its own
  /// unit while the limits of the bill still rise). A `$/year` minimum is a flat amount, not
  /// revised (annual minimums "are not revised mid-year", eval/form_minimum.cpp) and without
  /// `rounding total` (the order of the two is not documented). A monthly tariff gets
  /// `kWh/month` limits now and then (1 per bill). Its own stream.
  void make_cycle_units() {
    Rng ru(c.seed ^ 0x9e41c7ull);
    auto& t = c.tariff;
    static const std::vector<std::string> pers = {"month", "month", "quarter", "year"};
    std::function<std::shared_ptr<const Pricing>(const Pricing&, const std::string&)> per_unit = [&](const Pricing& p, const std::string& per) {
      auto out = std::make_shared<Pricing>(p);
      if (p.kind == Pricing::Kind::flat) {
        auto at = out->price.text.rfind("/month");
        if (at == std::string::npos) throw std::logic_error("generator: a fixed price not per month: " + out->price.text);
        out->price.text = out->price.text.substr(0, at) + "/" + per;
      }
      for (auto& pc : out->cases) pc.pricing = per_unit(*pc.pricing, per);
      return out;
    };
    auto restate = [&](ChargeDef& ch, const std::string& per) {
      ch.per = per;
      ch.pricing = per_unit(*ch.pricing, per);
      for (auto& rev : t.revisions)
        for (auto& restated : rev.charges)
          if (restated.id == ch.id) {
            restated.per = per;
            restated.pricing = per_unit(*restated.pricing, per);
          }
    };
    if (t.cycle_months != 1) {
      if (std::none_of(t.charges.begin(), t.charges.end(), [](const ChargeDef& ch) { return ch.form == Form::minimum; }) && ru.chance(35)) {
        // a minimum of the cycle's sheets ("Quarterly Minimum"), per month, quarter or year below
        ChargeDef m;
        m.id = "min_bill";
        m.label = "Minimum Bill";
        m.kind = ChargeKind::minimum;
        m.form = Form::minimum;
        auto p = std::make_shared<Pricing>();
        p->price = money(ru, 10'000'000, 150'000'000, "month", false);
        m.pricing = p;
        m.of = {"charges"};
        t.charges.push_back(std::move(m));
      }
      for (auto& ch : t.charges) {
        if (ch.form == Form::priced && ch.measure == Measure::month) {
          if (auto per = ru.pick(pers); per != "month") restate(ch, per);
        } else if (ch.form == Form::minimum && !ch.minimum_per_day) {
          auto per = ru.pick(pers);
          bool revised = false;
          for (auto& rev : t.revisions)
            for (auto& restated : rev.charges) revised = revised || restated.id == ch.id;
          if (per == "year" && revised) per = "quarter";
          if (per == "year") {
            // a year's minimum: about a year of this customer's bills, so that it sometimes tops up
            auto p = std::make_shared<Pricing>();
            p->price = money(ru, 200'000'000, 6'000'000'000, "year", false);
            ch.per = "year";
            ch.pricing = p;
            t.rounding_total.reset();
          } else if (per != "month") {
            restate(ch, per);
          }
        }
      }
    }
    // tier limits per month, quarter or year: kWh tables of energy (not the steps of a block)
    std::function<std::shared_ptr<const Pricing>(const Pricing&)> limits = [&](const Pricing& p) {
      auto out = std::make_shared<Pricing>(p);
      if (p.kind == Pricing::Kind::tiers && p.tiers.unit == "kWh" && ru.chance(t.cycle_months == 1 ? 15 : 60)) {
        auto& tt = out->tiers;
        auto pick = [&] { return t.cycle_months == 1 ? std::string("month") : ru.pick(pers); };
        tt.unit = "kWh/" + pick();
        // each row its own unit (`next` cannot add limits of two units, E0310: written `up to`
        // the same limit; `over N` as `above`), when the bill's limits (written × the
        // cycle's share) still rise
        std::size_t bounded = 0;
        for (auto& row : tt.rows) bounded += row.bound != TierRow::Bound::rest && row.bound != TierRow::Bound::over;
        if (t.cycle_months != 1 && bounded >= 2 && ru.chance(60)) {
          Decimal cumulative{0};
          for (auto& row : tt.rows) {
            if (row.bound == TierRow::Bound::next) {
              row.bound = TierRow::Bound::up_to;
              row.amount = cumulative + row.amount;
            } else if (row.bound == TierRow::Bound::over) {
              row.bound = TierRow::Bound::rest;
              row.amount = Decimal(0);
            }
            if (row.bound != TierRow::Bound::rest) cumulative = row.amount;
          }
          auto share = [&](const std::string& per) {
            int months = per == "month" ? 1 : per == "quarter" ? 3 : 12;
            return Decimal(t.cycle_months).divided_by(Decimal(months), 2, RoundingMode::half_even);
          };
          // units of rising shares (year, quarter, month on a quarterly bill) keep the limits rising
          std::vector<std::string> units;
          for (std::size_t k = 0; k < bounded; ++k) units.push_back(pick());
          std::sort(units.begin(), units.end(), [&](const std::string& a, const std::string& b) { return share(a) < share(b); });
          Decimal previous{0};
          bool rising = true;
          for (std::size_t k = 0; k < units.size(); ++k) {
            Decimal limit = tt.rows[k].amount * share(units[k]);
            rising = rising && limit > previous;
            previous = limit;
            units[k] = "kWh/" + units[k];
          }
          if (rising)
            for (std::size_t k = 0; k < units.size(); ++k) tt.rows[k].unit = units[k];
        }
      }
      for (auto& pc : out->cases) pc.pricing = limits(*pc.pricing);
      return out;
    };
    for (auto& ch : t.charges)
      if (ch.form == Form::priced && (ch.measure == Measure::energy || ch.measure == Measure::received_energy) && !ch.mwh) ch.pricing = limits(*ch.pricing);
    for (auto& rev : t.revisions)
      for (auto& ch : rev.charges)
        if (ch.form == Form::priced && (ch.measure == Measure::energy || ch.measure == Measure::received_energy) && !ch.mwh) ch.pricing = limits(*ch.pricing);
  }

  /// Fractional percentages (docs/language.md, "Fractional percentages": `33 1/3 %`, `1/3 %`):
  /// some percents of percentages (riders, taxes, credits, grossed up or not, in tables or
  /// flat) become a proper fraction over 2 to 1000, after a whole number or alone; a negative
  /// one always has a whole number before it (`-0 1/3 %` is not a documented way to write
  /// it, and `-1/3 %` is not in the grammar). Not on late fees (E0363). Its own stream.
  void make_fractions() {
    Rng rf(c.seed ^ 0xf4ac7ull);
    static const std::vector<std::int64_t> denominators = {2, 3, 3, 3, 6, 7, 8, 9, 12, 16, 0};
    std::function<std::shared_ptr<const Pricing>(const Pricing&)> fractions = [&](const Pricing& p) {
      auto out = std::make_shared<Pricing>(p);
      if (p.kind == Pricing::Kind::flat && rf.chance(35)) {
        bool negative = p.price.dollars.is_negative();
        std::int64_t d = rf.pick(denominators);
        if (d == 0) d = rf.between(2, 1000);
        std::int64_t n = rf.between(1, d - 1);
        std::int64_t whole = negative ? rf.between(1, 12) : rf.chance(40) ? 0 : rf.between(0, 66);
        Money m;
        m.denominator = d;
        m.dollars = Decimal(whole * d + n);
        if (negative) m.dollars = -m.dollars;
        m.text = (negative ? "-" : "") + (whole ? std::to_string(whole) + " " : std::string()) + std::to_string(n) + "/" + std::to_string(d) + " %";
        out->price = m;
      }
      for (auto& pc : out->cases) pc.pricing = fractions(*pc.pricing);
      return out;
    };
    if (!rf.chance(30)) return;
    auto convert = [&](ChargeDef& ch) {
      if (ch.form != Form::percentage) return;
      ch.pricing = fractions(*ch.pricing);
    };
    for (auto& ch : c.tariff.charges) convert(ch);
    for (auto& rev : c.tariff.revisions)
      for (auto& ch : rev.charges) convert(ch);
  }

  void make_header() {
    auto& t = c.tariff;
    t.name = "Random " + std::to_string(c.seed);
    t.effective = year_month_day{std::chrono::year{2020}, std::chrono::month{1}, std::chrono::day{1}};
    int roll = r.between_int(0, 99);
    if (roll < 75) {
      static const std::vector<RoundingMode> modes = {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::half_down,
                                                      RoundingMode::toward_zero, RoundingMode::away_from_zero,
                                                      RoundingMode::floor, RoundingMode::ceiling};
      static const std::vector<Decimal> steps = {dec(1, 2), dec(1, 2), dec(1, 2), dec(1, 2), dec(1, 1), Decimal(1), dec(1, 3)};
      t.rounding = Rounding{r.pick(steps), r.pick(modes)};
    } else if (roll < 88) {
      t.write_rounding_none = true;
    }
    roll = r.between_int(0, 99);
    if (roll < 10) t.proration = Proration::days_over_30;
    else if (roll < 20) t.proration = Proration::days_over_days_in_month;
    t.write_proration = t.proration != Proration::none || r.chance(10);
    // `billing_cycle` (docs/language.md, "Billing cycles"): from a stream of its own, so the
    // monthly cases stay as they were; a quarterly or annual tariff takes no proration (E0361)
    Rng rq(c.seed ^ 0xc1c1e5ull);
    int cycle = rq.between_int(0, 99);
    t.cycle_months = cycle < 9 ? 3 : cycle < 13 ? 12 : 1;
    if (t.cycle_months != 1) t.proration = Proration::none;
    roll = r.between_int(0, 99);
    if (roll < 15) t.season_split_text = "days";
    else if (roll < 25) t.season_split_text = "intervals";
    t.season_split_days = t.season_split_text == "days";
  }

  // ------------------------------------------------------------------ several services
  // From a stream of their own, so the one-service cases stay as they were.

  /// Now and then the tariff becomes a bill of several services (docs/language.md, "Several
  /// services on one bill"): the generated charges are the `electric` block, and one or two
  /// blocks follow: `lighting` (`service electric`, on a meter of its own or on the electric
  /// meter) and `solid_waste` (no meter, fixed charges). Their charges reuse ids of the
  /// electric block (names belong to their block) and have a tax `of all` of their own.
  /// Not with revisions (E1006).
  void make_services() {
    Rng rs(c.seed ^ 0x5e7f1ce5ull);
    auto& t = c.tariff;
    if (!t.revisions.empty() || !rs.chance(12)) return;
    ServiceDef electric;
    electric.id = "electric";
    electric.label = "Electric";
    electric.charges = std::move(t.charges);
    t.charges.clear();
    t.services.push_back(std::move(electric));
    auto flat = [](Money m) {
      auto p = std::make_shared<Pricing>();
      p->price = std::move(m);
      return p;
    };
    auto priced = [&](std::vector<ChargeDef>& to, std::string id, std::string label, Measure m, Money price) {
      ChargeDef ch;
      ch.id = std::move(id);
      ch.label = std::move(label);
      ch.measure = m;
      ch.pricing = flat(std::move(price));
      to.push_back(std::move(ch));
    };
    auto tax = [&](std::vector<ChargeDef>& to) {
      ChargeDef ch;
      ch.id = "tax1";
      ch.label = "Utility Tax";
      ch.kind = ChargeKind::tax;
      ch.form = Form::percentage;
      Money m;
      int decimals = rs.between_int(0, 2);
      m.dollars = dec(rs.between(1, 12 * pow10i(decimals)), decimals);
      m.text = m.dollars.to_string() + " %";
      ch.pricing = flat(std::move(m));
      ch.of = {"all"};
      to.push_back(std::move(ch));
    };
    int roll = rs.between_int(0, 99);
    bool lighting = roll < 70, waste = roll >= 40;
    if (lighting) {
      ServiceDef s;
      s.id = "lighting";
      s.label = "Street Lighting";
      s.kind = "electric";
      s.meter = rs.chance(40) ? "electric" : "";   // sewer-on-water style: the electric meter's usage
      priced(s.charges, "basic", "Lighting Customer Charge", Measure::month, money(rs, 1'000'000, 20'000'000, "month", false));
      if (rs.chance(50)) {
        priced(s.charges, "energy", "Lighting Energy", Measure::energy, money(rs, 10'000, 300'000, "kWh", true));
      } else {
        ChargeDef ch;
        ch.id = "energy";
        ch.label = "Lighting Energy";
        ch.measure = Measure::energy;
        auto p = std::make_shared<Pricing>();
        p->kind = Pricing::Kind::tiers;
        p->tiers.unit = "kWh";
        p->tiers.rows = {{TierRow::Bound::first, Decimal(rs.between(50, 800)), false, {money(rs, 10'000, 300'000, "kWh", true)}, nullptr, ""},
                         {TierRow::Bound::rest, Decimal(0), false, {money(rs, 10'000, 300'000, "kWh", true)}, nullptr, ""}};
        ch.pricing = p;
        s.charges.push_back(std::move(ch));
      }
      if (t.power_factor || rs.chance(30)) priced(s.charges, "dem", "Lighting Demand", Measure::demand, money(rs, 500'000, 10'000'000, "kW", false));
      if (rs.chance(50)) tax(s.charges);
      t.services.push_back(std::move(s));
    }
    if (waste) {
      ServiceDef s;
      s.id = "solid_waste";
      s.label = "Solid Waste";
      s.metered = false;
      priced(s.charges, "basic", "Residential Cart", Measure::month, money(rs, 5'000'000, 30'000'000, "month", false));
      if (rs.chance(40)) priced(s.charges, "daily", "Landfill Fee", Measure::day, money(rs, 50'000, 900'000, "day", false));
      if (rs.chance(25)) priced(s.charges, "meter_fee", "Bill Fee", Measure::bill, money(rs, 500'000, 3'000'000, "bill", false));
      if (rs.chance(50)) tax(s.charges);
      t.services.push_back(std::move(s));
    }
    // the lighting meter's own usage: the electric meter's intervals and channels, its
    // delivered values in reverse order
    for (auto& s : t.services)
      if (s.id == "lighting" && s.meter.empty()) {
        IntervalUsage u = c.usage;
        std::reverse(u.delivered.values.begin(), u.delivered.values.end());
        c.meters["lighting"] = std::move(u);
      }
  }

  /// Move-in and final bills (docs/accounts-format.md, "Service dates and proration"): a
  /// monthly tariff's account starts service inside the usage's first month, ends it inside
  /// the last, or both; the series of calendar months is clipped to the service dates.
  void make_service_dates() {
    Rng rd(c.seed ^ 0xd47e5ull);
    if (c.tariff.cycle_months != 1 || !rd.chance(35)) return;
    const int total = static_cast<int>((sys_days{usage_to} - sys_days{usage_from}).count());
    if (rd.chance(65)) c.service_start = year_month_day{sys_days{usage_from} + days{rd.between_int(1, std::min(27, total / 2))}};
    if (rd.chance(65)) c.service_end = year_month_day{sys_days{usage_to} - days{rd.between_int(1, std::min(27, total / 2 - 1))}};
  }
};

std::string pricing_text(const TariffModel& t, const Pricing& p, const std::string& indent);

std::string tiers_text(const TariffModel& t, const TierTable& tt, const std::string& indent) {
  std::string out = tt.allocation == Allocation::proportional    ? "tiers proportional {\n"
                    : tt.allocation == Allocation::chronological ? "tiers chronological {\n"
                                                                 : "tiers {\n";
  for (auto& row : tt.rows) {
    out += indent + "  ";
    const std::string& unit = row.unit.empty() ? tt.unit : row.unit;
    switch (row.bound) {
      case TierRow::Bound::first: out += "first " + row.amount.to_string() + " " + unit; break;
      case TierRow::Bound::next: out += "next " + row.amount.to_string() + " " + unit; break;
      case TierRow::Bound::up_to: out += "up to " + row.amount.to_string() + " " + unit; break;
      case TierRow::Bound::over: out += "over " + row.amount.to_string() + " " + unit; break;
      case TierRow::Bound::rest: out += row.rest_word ? "rest" : "above"; break;
    }
    out += ": ";
    if (row.nested) {
      out += tiers_text(t, *row.nested, indent + "  ");
    } else if (tt.allocation == Allocation::single) {
      out += row.prices[0].text;
    } else {
      for (std::size_t col = 0; col < tt.columns.size(); ++col)
        out += (col ? ", " : "") + t.periods[tt.columns[col]].name + " " + row.prices[col].text;
    }
    out += "\n";
  }
  return out + indent + "}";
}

std::string pricing_text(const TariffModel& t, const Pricing& p, const std::string& indent) {
  switch (p.kind) {
    case Pricing::Kind::flat: return p.price.text;
    case Pricing::Kind::tiers: return tiers_text(t, p.tiers, indent);
    case Pricing::Kind::by_season:
    case Pricing::Kind::by_period:
    case Pricing::Kind::by_month:
    case Pricing::Kind::by_attribute:
    case Pricing::Kind::by_billing_month: {
      std::string out = p.kind == Pricing::Kind::by_season          ? "by season {\n"
                        : p.kind == Pricing::Kind::by_period        ? "by period {\n"
                        : p.kind == Pricing::Kind::by_month         ? "by month {\n"
                        : p.kind == Pricing::Kind::by_billing_month ? "by billing_month {\n"
                                                                    : "by " + p.attribute + " {\n";
      auto year_month_text = [](std::size_t k) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(k / 12), static_cast<int>(k % 12) + 1);
        return std::string(buf);
      };
      for (auto& c : p.cases) {
        std::vector<std::string> keys = c.values;
        for (auto k : c.keys)
          keys.push_back(p.kind == Pricing::Kind::by_season          ? t.seasons[k].name
                         : p.kind == Pricing::Kind::by_period        ? t.periods[k].name
                         : p.kind == Pricing::Kind::by_billing_month ? year_month_text(k)
                         : k % 3 == 0                         ? kLongMonths[k]
                                                              : kMonths[k]);
        out += indent + "  " + (c.otherwise ? std::string("otherwise") : list_text(keys)) + ": " + pricing_text(t, *c.pricing, indent + "  ") + "\n";
      }
      return out + indent + "}";
    }
  }
  return "";
}

std::string charge_text(const TariffModel& t, const ChargeDef& ch, const std::string& indent) {
  static const char* kinds[] = {"charge", "rider", "tax", "minimum", "credit", "adjustment", "late_fee"};
  std::string out = indent + kinds[static_cast<int>(ch.kind)] + " " + ch.id + (ch.label.empty() ? "" : " \"" + ch.label + "\"");
  if (ch.form == Form::late_fee) {
    const auto& fee = ch.late;
    out += ": ";
    if (fee.percent) {
      out += fee.value.to_string() + " % of past_due";
      if (fee.at_least) out += ", at least " + fee.at_least->to_string() + " $";
      if (fee.at_most) out += ", at most " + fee.at_most->to_string() + " $";
    } else {
      out += fee.value.to_string() + " $/bill";
    }
    out += ", after " + std::to_string(fee.after_days) + " days";
    if (fee.not_under) out += ", not under " + fee.not_under->to_string() + " $";
    return out + "\n";
  }
  if (ch.form == Form::priced && ch.measure == Measure::received_energy) out += " on " + (ch.on_word.empty() ? std::string("received_energy") : ch.on_word);
  if (ch.form == Form::priced && ch.measure == Measure::reactive_energy) out += " on reactive_energy";
  if (ch.form == Form::priced && ch.measure == Measure::kva_demand) out += " on " + (ch.on_word.empty() ? std::string("kva_demand") : ch.on_word);
  if (ch.form == Form::priced && (ch.measure == Measure::received_energy || ch.measure == Measure::reactive_energy || ch.measure == Measure::kva_demand) &&
      !ch.in_periods.empty()) {
    std::vector<std::string> names;
    for (auto p : ch.in_periods) names.push_back(t.periods[p].name);
    out += " in " + list_text(names);
  }
  if (ch.form == Form::priced && ch.measure == Measure::billing_demand) out += " on billing_demand";
  if (ch.form == Form::priced && (ch.measure == Measure::energy || ch.measure == Measure::demand)) {
    std::string share = ch.share ? " " + ch.share->to_string() + " % of" : "";
    out += ch.measure == Measure::demand ? " on demand" : !ch.cap.empty() ? " on" + share + " usage capped at " + ch.cap : " on" + share + " energy";
    if (!ch.beyond.empty()) out += " beyond " + ch.beyond;
    if (!ch.in_periods.empty()) {
      std::vector<std::string> names;
      for (auto p : ch.in_periods) names.push_back(t.periods[p].name);
      out += " in " + list_text(names);
    }
  }
  out += ": " + pricing_text(t, *ch.pricing, indent);
  if (ch.gross_up) out += " grossed up";
  if (ch.form != Form::priced) out += " of " + list_text(ch.of);
  if (!ch.except.empty()) out += " except " + list_text(ch.except);
  if (ch.rounded) out += ", rounded " + ch.rounded->step.to_string() + " " + std::string(to_string(ch.rounded->mode));
  if (ch.includes) out += " includes " + ch.includes->to_string() + " kWh";
  if (!ch.unless.empty()) out += " unless " + ch.unless;
  return out + "\n";
}

}  // namespace

std::string to_text(const TariffModel& t) {
  std::string out = "tariff \"" + t.name + "\" {\n";
  out += "  currency USD\n  timezone \"" + t.zone + "\"\n";
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(t.effective.year()), static_cast<unsigned>(t.effective.month()),
                static_cast<unsigned>(t.effective.day()));
  out += std::string("  effective ") + date + "\n";
  if (t.cycle_months != 1) out += std::string("  billing_cycle ") + (t.cycle_months == 3 ? "quarterly" : "annual") + "\n";
  if (t.write_proration)
    out += std::string("  proration ") +
           (t.proration == Proration::days_over_30 ? "days_over_30" : t.proration == Proration::days_over_days_in_month ? "days_over_days_in_month" : "none") +
           "\n";
  if (t.demand_window) out += "  demand_window " + t.demand_window_text + "\n";
  if (!t.season_split_text.empty()) out += "  season_split " + t.season_split_text + "\n";
  if (t.netting != Netting::none)
    out += std::string("  net_metering ") +
           (t.netting == Netting::per_period ? "per_period" : t.netting == Netting::per_tou_period ? "per_tou_period" : "per_interval") + "\n";
  if (t.kva_rounding) out += "  kva_demand: rounded " + t.kva_rounding->step.to_string() + " " + std::string(to_string(t.kva_rounding->mode)) + "\n";
  if (t.power_factor) out += "  " + t.power_factor->text + "\n";
  if (!t.billing_demand.empty()) {
    out += "  billing_demand \"Billing Demand\": greatest of {\n";
    for (auto& term : t.billing_demand) out += "    " + term.text + "\n";
    out += "  }\n";
  }
  if (t.rounding) out += "  rounding line_items " + t.rounding->step.to_string() + " " + std::string(to_string(t.rounding->mode)) + "\n";
  else if (t.write_rounding_none) out += "  rounding none\n";
  if (t.rounding_limits) out += "  rounding limits " + t.rounding_limits->step.to_string() + " " + std::string(to_string(t.rounding_limits->mode)) + "\n";
  if (t.rounding_quantities)
    out += "  rounding quantities " + t.rounding_quantities->step.to_string() + " " + std::string(to_string(t.rounding_quantities->mode)) + "\n";
  if (t.rounding_total) out += "  rounding total " + t.rounding_total->step.to_string() + " " + std::string(to_string(t.rounding_total->mode)) + "\n";
  for (auto& s : t.seasons) {
    std::vector<std::string> ranges;
    for (auto& r : s.ranges) ranges.push_back(r.text);
    out += "  season " + s.name + ": " + list_text(ranges) + "\n";
  }
  for (auto& set : t.day_sets) out += "  days " + set.name + ": " + list_text(set.days) + "\n";
  auto period_text = [&](const PeriodDef& p, const std::string& indent) {
    std::string line = indent + "period " + p.name + (p.label.empty() ? "" : " \"" + p.label + "\"") + ": ";
    if (p.otherwise) return line + "otherwise\n";
    std::vector<std::string> rules;
    for (auto& rule : p.rules) {
      std::vector<std::string> words;
      for (auto season : rule.seasons) words.push_back(t.seasons[season].name);
      for (auto& w : rule.day_words) words.push_back(w);
      std::string text = list_text(words, " ");
      if (!rule.minute_texts.empty()) text += (text.empty() ? "" : " ") + list_text(rule.minute_texts);
      rules.push_back(text);
    }
    return line + list_text(rules, "; ") + "\n";
  };
  for (auto& p : t.periods)
    if (p.group == 0) out += period_text(p, "  ");
  for (std::size_t g = 1; g < t.groups.size(); ++g) {
    out += "  time_of_use " + t.groups[g] + " {\n";
    for (auto& p : t.periods)
      if (p.group == g) out += period_text(p, "    ");
    out += "  }\n";
  }
  auto date_text = [](year_month_day d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return std::string(buf);
  };
  for (auto& ch : t.charges) out += charge_text(t, ch, "  ");
  for (auto& s : t.services) {
    out += "  service " + s.id + (s.label.empty() ? "" : " \"" + s.label + "\"") + " {\n";
    if (!s.kind.empty()) out += "    service " + s.kind + "\n";
    if (!s.meter.empty()) out += "    meter " + s.meter + "\n";
    for (auto& ch : s.charges) out += charge_text(t, ch, "    ");
    out += "  }\n";
  }
  for (auto& rev : t.revisions) {
    out += "  revision " + date_text(rev.effective) + " {\n";
    for (auto& ch : rev.charges) out += charge_text(t, ch, "    ");
    out += "  }\n";
  }
  return out + "}\n";
}

RandomCase generate_case(std::uint64_t seed, const GeneratorOptions& options) {
  Generator g(seed);
  g.make_header();
  g.make_channel_features();
  g.make_dates();
  g.make_demand_window();
  g.make_seasons();
  g.make_periods();
  g.make_account();
  g.make_billing_demand();
  g.make_charges();
  g.make_revisions();
  g.make_past_due();
  g.make_usage(options);
  g.make_rounding_rules();
  g.make_cap();
  g.make_derived();
  g.make_meters_and_exemptions();
  g.make_scaled_units();
  g.make_billing_month_prices();
  g.make_cycle_units();
  g.make_fractions();
  g.make_services();
  g.make_service_dates();
  g.c.text = to_text(g.c.tariff);
  g.c.usage_from = g.usage_from;
  g.c.usage_to = g.usage_to;
  return std::move(g.c);
}

namespace {
std::string iso_utc(sys_seconds t, bool zulu) {
  auto day = floor<days>(t);
  year_month_day d{day};
  hh_mm_ss<seconds> tod{t - day};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld%s", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()), static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
                zulu ? "Z" : "+00:00");
  return buf;
}
}  // namespace

std::string shuffled_csv(const IntervalSeries& series, std::uint64_t seed) {
  IntervalUsage usage;
  usage.delivered = series;
  return shuffled_csv(usage, seed);
}

std::string shuffled_csv(const IntervalUsage& usage, std::uint64_t seed) {
  Rng r(seed);
  const auto& series = usage.delivered;
  std::vector<std::string> rows;
  rows.reserve(series.values.size());
  bool zulu = r.chance(70);
  auto value = [&](const IntervalSeries& s, std::size_t i) {
    Decimal v(Decimal::Int(s.values[i]), s.scale);
    if (r.chance(50)) v = v.normalized();
    return v.to_string();
  };
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    auto start = series.start + std::chrono::minutes(series.minutes) * static_cast<std::int64_t>(i);
    std::string row = iso_utc(start, zulu) + "," + value(series, i);
    if (usage.received) row += "," + value(*usage.received, i);
    if (usage.reactive) row += "," + value(*usage.reactive, i);
    rows.push_back(std::move(row));
  }
  r.shuffle(rows);
  std::string out = series.unit == Unit::kW ? "start,kw" : "start,kwh";
  if (usage.received) out += ",kwh_received";
  if (usage.reactive) out += ",kvarh";
  out += "\n";
  for (auto& row : rows) out += row + "\n";
  return out;
}

std::string describe_usage(const RandomCase& c) {
  auto date = [](year_month_day d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return std::string(buf);
  };
  const auto& s = c.usage.delivered;
  return "billing period " + date(c.period.from) + " .. " + date(c.period.to) + "; usage " + std::to_string(s.minutes) + "-min " +
         (s.unit == Unit::kW ? "kW" : "kWh") + " from " + iso_utc(s.start, true) + ", " + std::to_string(s.values.size()) + " intervals";
}

}  // namespace rateline::reference
