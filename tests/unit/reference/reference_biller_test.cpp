// The fast biller against the slow reference biller (tests/reference) on random tariffs.
//
// Every case: a random tariff (model + text), random interval usage and a billing period.
// The text is compiled and billed by rateline::bill; the model is billed by the reference;
// per charge id the line amounts and the totals must be equal exactly. A failure prints
// the seed, the tariff text and both bills.
//
// Reproduce one case:   RATELINE_REFERENCE_SEED=<seed> ./rateline_tests -tc='reference:*seed*'
// More cases per run:   RATELINE_REFERENCE_CASES=5000 ./rateline_tests -tc='reference:*'
// A chosen first seed for the "fresh seed" test: RATELINE_REFERENCE_FRESH_SEED=<seed>;
// every failing case in full: RATELINE_REFERENCE_ALL_FAILURES=1; the coverage table of the
// fixed seeds: RATELINE_REFERENCE_FEATURES=1.
#include <doctest/doctest.h>

#include "reference/generator.hpp"
#include "reference/reference_biller.hpp"

#include "rateline/bill.hpp"
#include "rateline/calendar.hpp"
#include "rateline/population.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace rateline;
using namespace rateline::reference;

/// "energy.summer.t1@2024-06-15" -> "energy"
std::string charge_of(std::string_view line_id) { return std::string(line_id.substr(0, line_id.find_first_of(".@"))); }

std::optional<std::uint64_t> env_number(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::strtoull(v, nullptr, 10);
}

/// Random cases of the fixed-seed test (RATELINE_REFERENCE_CASES, default 2000: about 7 s
/// in a RelWithDebInfo build); the fresh-seed test runs 30 % of that, the CSV test 1/32.
std::size_t case_count() { return static_cast<std::size_t>(env_number("RATELINE_REFERENCE_CASES").value_or(2000)); }

std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (auto& d : diagnostics) out += render(d);
  return out;
}

std::optional<RateGraph> compile(const std::string& text, std::string& problem) {
  auto compiled = compile_tariff(std::make_shared<SourceFile>("random.tariff", text));
  if (!compiled.graph) problem = "the tariff does not compile:\n" + diagnostics_text(compiled.diagnostics);
  return std::move(compiled.graph);
}

/// "electric/energy" for a line of a service block, "energy" otherwise.
std::string key_of(const std::string& service, const std::string& charge) { return service.empty() ? charge : service + "/" + charge; }

/// Differences between the fast bill and the reference bill ("" when they agree).
std::string compare(const Bill& fast, const RefBill& ref, const TariffModel& tariff) {
  std::string out;
  std::map<std::string, std::vector<Decimal>> fast_lines, ref_lines;
  std::map<std::string, Decimal> service_sums;
  Decimal fast_sum{0};
  for (auto& li : fast.line_items) {
    fast_lines[key_of(li.service, charge_of(li.id))].push_back(li.amount);
    fast_sum += li.amount;
    service_sums[li.service] += li.amount;
  }
  for (auto& l : ref.lines) ref_lines[key_of(l.service, l.charge)].push_back(l.amount);
  if (fast.total != fast_sum) out += "fast total " + fast.total.to_string() + " is not the sum of its line items " + fast_sum.to_string() + "\n";
  for (auto& part : fast.services)
    if (part.total != service_sums[part.id]) out += "fast service " + part.id + ": its total " + part.total.to_string() + " is not the sum of its lines\n";
  if (fast.services.size() != tariff.services.size()) out += "fast bill has " + std::to_string(fast.services.size()) + " service parts\n";
  // every charge a line may belong to, and the Rounding Adjustment line
  std::vector<std::string> ids;
  for (auto& ch : tariff.charges) ids.push_back(ch.id);
  for (auto& service : tariff.services)
    for (auto& ch : service.charges) ids.push_back(key_of(service.id, ch.id));
  if (tariff.rounding_total) ids.push_back("rounding");
  for (auto& [id, _] : fast_lines)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) out += "fast line items for `" + id + "`, which is not a charge of the tariff\n";
  for (auto& id : ids) {
    auto nonzero_sorted = [](std::vector<Decimal> v) {
      v.erase(std::remove_if(v.begin(), v.end(), [](const Decimal& d) { return d.is_zero(); }), v.end());
      std::sort(v.begin(), v.end());
      return v;
    };
    auto f = nonzero_sorted(fast_lines[id]);
    auto g = nonzero_sorted(ref_lines[id]);
    Decimal fs{0}, gs{0};
    for (auto& d : f) fs += d;
    for (auto& d : g) gs += d;
    bool same = f.size() == g.size() && std::equal(f.begin(), f.end(), g.begin(), [](const Decimal& a, const Decimal& b) { return a == b; });
    if (fs != gs || !same) {
      auto list = [](const std::vector<Decimal>& v) {
        std::string s;
        for (auto& d : v) s += (s.empty() ? "" : ", ") + d.to_string();
        return s;
      };
      out += "charge `" + id + "`: fast " + fs.to_string() + " [" + list(f) + "], reference " + gs.to_string() + " [" + list(g) + "]\n";
    }
  }
  if (fast.total != ref.total) out += "total: fast " + fast.total.to_string() + ", reference " + ref.total.to_string() + "\n";
  return out;
}

std::string case_header(const RandomCase& c) {
  std::string dates;
  if (c.service_start) dates += "service_start " + format_date(*c.service_start) + "\n";
  if (c.service_end) dates += "service_end " + format_date(*c.service_end) + "\n";
  return "seed " + std::to_string(c.seed) + " (RATELINE_REFERENCE_SEED=" + std::to_string(c.seed) + ")\n" + describe_usage(c) + "\n" + dates + c.text;
}

/// Each meter's usage: `electric` (the case's usage) and the other meters of its services.
std::map<std::string, const IntervalUsage*> meters_of(const RandomCase& c) {
  std::map<std::string, const IntervalUsage*> meters{{"electric", &c.usage}};
  for (auto& [name, usage] : c.meters) meters[name] = &usage;
  return meters;
}

/// The tariff compiled for the fast biller: one graph, or one per service block.
struct Compiled {
  std::optional<RateGraph> graph;
  std::vector<ServiceGraph> services;
  std::string problem;
};

Compiled compile_case(const RandomCase& c) {
  Compiled out;
  if (c.tariff.services.empty()) {
    out.graph = compile(c.text, out.problem);
    return out;
  }
  auto compiled = compile_services(std::make_shared<SourceFile>("random.tariff", c.text));
  out.services = std::move(compiled.services);
  if (out.services.empty()) out.problem = "the tariff does not compile:\n" + diagnostics_text(compiled.diagnostics);
  return out;
}

/// The fast biller's bills of `periods` (bill_periods, or bill_services for several services).
BillSeriesResult fast_series(const RandomCase& c, const Compiled& compiled, const std::vector<BillingPeriod>& periods, const Account& account) {
  if (compiled.graph) return bill_periods(*compiled.graph, c.usage, periods, account, c.options);
  std::map<std::string, MeterUsage> meters;
  for (auto& [name, usage] : meters_of(c)) meters[name].intervals = usage;
  return bill_services(compiled.services, meters, periods, account, c.options);
}

/// The reference's bills of `periods`, billed as one series (ratchets see the earlier
/// bills; `$/year` minimums each whole year of them: 12 monthly, 4 quarterly bills), each
/// service on its own, then joined into one bill per period.
std::vector<RefBill> reference_series(const RandomCase& c, const std::vector<BillingPeriod>& periods, const Account& account) {
  const auto& t = c.tariff;
  const std::size_t services = std::max<std::size_t>(1, t.services.size());
  std::vector<std::vector<RefBill>> bills(services);          // [service][period]
  std::vector<std::vector<MonthlyDemand>> earlier(services);  // the series' own months, for ratchets
  for (auto& period : periods) {
    auto parts = t.services.empty() ? std::vector<RefBill>{reference_bill(t, c.usage, period, account, c.options, earlier[0])}
                                    : reference_service_bills(t, meters_of(c), period, account, c.options, earlier);
    for (std::size_t k = 0; k < services; ++k) {
      earlier[k].push_back({parts[k].month, parts[k].max_demand});
      bills[k].push_back(std::move(parts[k]));
    }
  }
  if (t.cycle_months < 12) {
    const auto per_year = static_cast<std::size_t>(12 / t.cycle_months);
    for (std::size_t k = 0; k < services; ++k) {
      TariffModel one = t.services.empty() ? t : service_tariff(t, k);
      for (std::size_t start = 0; start < periods.size(); start += per_year) {
        std::vector<RefBill*> year;
        for (std::size_t i = start; i < std::min(periods.size(), start + per_year); ++i) year.push_back(&bills[k][i]);
        apply_yearly_minimums(one, account, year);
        // the top-up is the service's line, as every other line of its part
        if (!t.services.empty())
          for (auto* bill : year)
            for (auto& l : bill->lines)
              if (l.service.empty()) l.service = t.services[k].id;
      }
    }
  }
  if (t.services.empty()) return bills[0];
  std::vector<RefBill> joined;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    std::vector<RefBill> parts;
    for (std::size_t k = 0; k < services; ++k) parts.push_back(bills[k][i]);
    joined.push_back(join_services(t, parts));
  }
  return joined;
}

/// A series clipped to the account's service dates as docs/accounts-format.md says: each
/// period cut to [service_start, service_end), one outside service left out.
std::vector<BillingPeriod> clipped_to_service(const RandomCase& c, const std::vector<BillingPeriod>& periods) {
  std::vector<BillingPeriod> out;
  for (auto p : periods) {
    if (c.service_start && std::chrono::sys_days{*c.service_start} > std::chrono::sys_days{p.from}) p.from = *c.service_start;
    if (c.service_end && std::chrono::sys_days{*c.service_end} < std::chrono::sys_days{p.to}) p.to = *c.service_end;
    if (std::chrono::sys_days{p.from} < std::chrono::sys_days{p.to}) out.push_back(p);
  }
  return out;
}

std::string periods_text(const std::vector<BillingPeriod>& periods) {
  std::string out;
  for (auto& p : periods) out += " " + format_date(p.from) + ".." + format_date(p.to);
  return out;
}

/// Bills one random case both ways; "" when they agree, else a report to print.
std::string check_case(const RandomCase& c) {
  auto compiled = compile_case(c);
  if (!compiled.problem.empty()) return case_header(c) + compiled.problem;
  auto fast = fast_series(c, compiled, {c.period}, c.account);
  if (!fast.series) return case_header(c) + "the fast biller failed:\n" + diagnostics_text(fast.diagnostics);
  RefBill ref = reference_series(c, {c.period}, c.account).front();
  auto differences = compare(fast.series->bills.front(), ref, c.tariff);
  if (!differences.empty())
    return case_header(c) + differences + "fast bill:\n" + describe(fast.series->bills.front()) + "reference bill:\n" + describe(ref);
  // the usage's calendar months (quarters, years: docs/language.md, "Billing cycles", every
  // 3 or 12 calendar months from the first) in one bill_periods call: each bill as the
  // reference bills its month
  std::vector<BillingPeriod> months;
  // quarterly usage from another day than the 1st is one bill (the generator's read dates)
  if (c.tariff.cycle_months != 1 && static_cast<unsigned>(c.usage_from.day()) != 1) return "";
  for (auto from = c.usage_from; std::chrono::sys_days{from} < std::chrono::sys_days{c.usage_to};) {
    std::chrono::year_month_day to{(from.year() / from.month() + std::chrono::months{c.tariff.cycle_months}) / 1};
    if (std::chrono::sys_days{to} > std::chrono::sys_days{c.usage_to}) to = c.usage_to;
    months.push_back({from, to});
    from = to;
  }
  const bool service_dates = c.service_start || c.service_end;
  if (months.size() < 2 && !service_dates) return "";
  // move-in and final bills: the months clipped to the service dates, as `rateline batch`
  // clips them (service_periods) and as the reference reads docs/accounts-format.md
  if (service_dates) {
    AccountRecord record;
    record.service_start = c.service_start;
    record.service_end = c.service_end;
    auto batch = service_periods(record, months);
    months = clipped_to_service(c, months);
    if (periods_text(batch) != periods_text(months))
      return case_header(c) + "service_periods:" + periods_text(batch) + ", the reference:" + periods_text(months) + "\n";
    if (months.empty()) return "";
  }
  // past-due state belongs to one bill (B0033): the series is billed without it
  Account account = c.account;
  account.past_due.reset();
  account.due_date.reset();
  account.paid_on.reset();
  auto series = fast_series(c, compiled, months, account);
  if (!series.series) return case_header(c) + "the series failed:\n" + diagnostics_text(series.diagnostics);
  auto refs = reference_series(c, months, account);
  Decimal sum{0};
  for (std::size_t i = 0; i < months.size(); ++i) {
    const auto& b = series.series->bills[i];
    sum += b.total;
    auto d = compare(b, refs[i], c.tariff);
    if (!d.empty())
      return case_header(c) + "series" + periods_text(months) + ", bill " + std::to_string(i + 1) + ":\n" + d + "fast bill:\n" + describe(b) +
             "reference bill:\n" + describe(refs[i]);
  }
  if (sum != series.series->total) return case_header(c) + "the series total is not the sum of its bills\n";
  return "";
}

/// Runs `count` cases from `first_seed` on; reports at most a few failures in full.
void run_cases(std::uint64_t first_seed, std::size_t count) {
  int failures = 0;
  for (std::size_t i = 0; i < count; ++i) {
    auto c = generate_case(first_seed + i);
    auto report = check_case(c);
    if (report.empty()) continue;
    ++failures;
    if (failures <= 3 || env_number("RATELINE_REFERENCE_ALL_FAILURES")) FAIL_CHECK(report);
  }
  CHECK_MESSAGE(failures == 0, failures << " of " << count << " cases from seed " << first_seed << " disagree");
}

/// What a case exercises, for the coverage test ("tiers kWh/day", "season split", ...).
void features_of(const Pricing& p, const ChargeDef& ch, const TariffModel& t, std::map<std::string, int>& out) {
  switch (p.kind) {
    case Pricing::Kind::flat:
      if (p.price.text.find("¢") != std::string::npos || p.price.text.find("cents") != std::string::npos) out["price in cents"]++;
      if (p.price.dollars.is_negative()) out["negative price"]++;
      break;
    case Pricing::Kind::tiers:
      out["tiers " + p.tiers.unit]++;
      if (p.tiers.allocation != Allocation::single) {
        std::string name = p.tiers.allocation == Allocation::proportional ? "tiers proportional" : "tiers chronological";
        out[name]++;
        if (p.tiers.columns.size() < t.periods.size() || !ch.in_periods.empty()) out[name + ", some periods"]++;
      }
      for (auto& row : p.tiers.rows) {
        static const char* bounds[] = {"first", "next", "up to", "over", "rest"};
        out[std::string("tier bound ") + bounds[static_cast<int>(row.bound)]]++;
        if (row.nested) {
          out["tiers with steps in a block"]++;
          auto last = row.nested->rows.back().bound;
          if (last != TierRow::Bound::rest && last != TierRow::Bound::over) out["steps that end below the block"]++;
        }
      }
      if (p.tiers.rows.back().bound != TierRow::Bound::rest && p.tiers.rows.back().bound != TierRow::Bound::over) out["tiers with a top"]++;
      break;
    case Pricing::Kind::by_season:
    case Pricing::Kind::by_period:
    case Pricing::Kind::by_month:
    case Pricing::Kind::by_attribute:
    case Pricing::Kind::by_billing_month: {
      static const char* names[] = {"", "", "by season", "by period", "by month", "by attribute", "by billing_month"};
      out[std::string(names[static_cast<int>(p.kind)]) + (ch.form == Form::priced ? "" : " of a percentage or minimum")]++;
      std::size_t keys = 0;
      for (auto& c : p.cases) {
        keys += c.keys.size();
        if (c.otherwise) out["by table with otherwise"]++;
        if (c.keys.size() > 1) out["by table case with several keys"]++;
        features_of(*c.pricing, ch, t, out);
      }
      bool has_otherwise = std::any_of(p.cases.begin(), p.cases.end(), [](const PricingCase& c) { return c.otherwise; });
      std::size_t all_keys = p.kind == Pricing::Kind::by_season ? t.seasons.size() : p.kind == Pricing::Kind::by_period ? t.periods.size() : 12;
      if (!has_otherwise && keys < all_keys && p.kind != Pricing::Kind::by_attribute && p.kind != Pricing::Kind::by_billing_month)
        out["by table with an unpriced key"]++;
      break;
    }
  }
}

bool has_by_season(const Pricing& p) {
  if (p.kind == Pricing::Kind::by_season) return true;
  return std::any_of(p.cases.begin(), p.cases.end(), [](const PricingCase& c) { return has_by_season(*c.pricing); });
}

bool has_kind(const Pricing& p, Pricing::Kind kind) {
  if (p.kind == kind) return true;
  return std::any_of(p.cases.begin(), p.cases.end(), [&](const PricingCase& c) { return has_kind(*c.pricing, kind); });
}

/// Whether the pricing has a tier limit per kW of demand (kWh/kW or kWh/kW/day).
bool has_hours_use(const Pricing& p) {
  if (p.kind == Pricing::Kind::tiers) {
    if (p.tiers.unit.starts_with("kWh/kW")) return true;
    for (auto& row : p.tiers.rows)
      if (row.nested && row.nested->unit.starts_with("kWh/kW")) return true;
  }
  return std::any_of(p.cases.begin(), p.cases.end(), [](const PricingCase& c) { return has_hours_use(*c.pricing); });
}

std::map<std::string, int> features_of(const RandomCase& c, const RefBill& ref) {
  if (!c.tariff.services.empty()) {
    // the electric block's features as a tariff's, and the services'
    RandomCase electric = c;
    electric.tariff = service_tariff(c.tariff, 0);
    auto out = features_of(electric, ref);
    out["several services"]++;
    for (auto& s : c.tariff.services) {
      if (!s.metered) out["service without a meter"]++;
      else if (s.meter == "electric") out["service on another service's meter"]++;
      else if (s.id != "electric") out["service on a meter of its own"]++;
      for (auto& ch : s.charges)
        if (ch.form == Form::percentage && s.id != "electric") out["service with a tax of all"]++;
    }
    if (c.tariff.rounding_total) out["several services, rounding total"]++;
    return out;
  }
  std::map<std::string, int> out;
  if (c.service_start) out["move-in bill"]++;
  if (c.service_end) out["final bill"]++;
  if (c.service_end && c.tariff.proration != Proration::none) out["final bill prorated"]++;
  const auto& t = c.tariff;
  out["zone " + t.zone]++;
  out[std::to_string(t.seasons.size()) + " seasons"]++;
  out[std::to_string(t.periods.size()) + " TOU periods"]++;
  out[t.rounding ? "rounding " + t.rounding->step.to_string() + " " + std::string(to_string(t.rounding->mode)) : "no rounding"]++;
  if (t.rounding) out["rounding " + std::string(to_string(t.rounding->mode))]++;
  if (!t.revisions.empty()) out["revisions"]++;
  for (auto& rev : t.revisions)
    if (std::chrono::sys_days{rev.effective} > std::chrono::sys_days{c.period.from} && std::chrono::sys_days{rev.effective} < std::chrono::sys_days{c.period.to})
      out["revision inside the period"]++;
  if (t.demand_window) out[std::string(t.demand_sliding ? "sliding" : "fixed") + " demand window"]++;
  if (t.proration != Proration::none) out[t.proration == Proration::days_over_30 ? "proration days_over_30" : "proration days_over_days_in_month"]++;
  const auto& s = c.usage.delivered;
  out[std::to_string(s.minutes) + "-min " + (s.unit == Unit::kW ? "kW" : "kWh")]++;
  if (c.period.days() < 28) out["part of a month"]++;
  if (c.period.days() > 31) out["two months"]++;
  auto from_month = static_cast<unsigned>(c.period.from.month()), to_month = static_cast<unsigned>(std::chrono::year_month_day{std::chrono::sys_days{c.period.to} - std::chrono::days{1}}.month());
  if (t.zone == "America/New_York" && (from_month == 3 || from_month == 11 || to_month == 3 || to_month == 11)) out["DST change month"]++;
  if (static_cast<unsigned>(c.period.from.month()) == 2 && c.period.from.year().is_leap()) out["leap February"]++;
  for (auto& season : t.seasons)
    for (auto& r : season.ranges)
      if (r.from_month * 100 + r.from_day > r.to_month * 100 + r.to_day) out["season wraps past Dec 31"]++;
  for (auto& p : t.periods)
    for (auto& rule : p.rules) {
      for (auto [from, to] : rule.minutes) {
        if (to != 1440 && to < from) out["TOU hours wrap past midnight"]++;
        if (from % 60 || to % 60) out["TOU boundary inside the hour"]++;
      }
      if (!rule.seasons.empty()) out["TOU rule by season"]++;
    }
  // season split: a by-season charge in a period that spans seasons
  for (auto& ch : t.charges) {
    static const char* kinds[] = {"charge", "rider", "tax", "minimum", "credit", "adjustment", "late_fee"};
    static const char* forms[] = {"priced", "percentage", "minimum", "late fee"};
    out[std::string(kinds[static_cast<int>(ch.kind)]) + ", " + forms[static_cast<int>(ch.form)]]++;
    if (ch.pricing) features_of(*ch.pricing, ch, t, out);
    switch (ch.form) {
      case Form::priced: {
        static const char* measures[] = {"month", "day", "energy", "demand", "bill", "meter", "billing_demand", "received_energy", "reactive_energy", "kva_demand"};
        out[std::string("charge on ") + measures[static_cast<int>(ch.measure)]]++;
        if (!ch.in_periods.empty()) out["charge in some periods"]++;
        if (has_hours_use(*ch.pricing) && !t.billing_demand.empty()) out["tiers kWh/kW with a billing_demand rule"]++;
        if (has_hours_use(*ch.pricing) && !t.revisions.empty()) out["tiers kWh/kW with revisions"]++;
        if (t.season_split_days && has_kind(*ch.pricing, Pricing::Kind::by_season) && has_kind(*ch.pricing, Pricing::Kind::by_period))
          out["season_split days, by season and by period"]++;
        if (has_by_season(*ch.pricing)) {
          std::set<std::string> parts;
          for (auto& l : ref.lines)
            if (l.charge == ch.id) parts.insert(l.detail.substr(0, l.detail.find(',')));
          if (parts.size() > 1) out["season split"]++;
        }
        break;
      }
      case Form::percentage:
        for (auto& l : ref.lines)
          if (l.charge == ch.id && l.rate.is_negative()) out["negative percentage"]++;
        for (auto& name : ch.of)
          if (name == "rider1" || name == "riders") out["percentage of a percentage"]++;
          else if (name == "all" || name == "credits") out["percentage of " + name]++;
        break;
      case Form::late_fee:
        out[ch.late.percent ? "late fee percent" : "late fee per bill"]++;
        if (std::any_of(ref.lines.begin(), ref.lines.end(), [&](const RefLine& l) { return l.charge == ch.id; })) out["late fee charged"]++;
        else if (c.account.past_due) out["late fee not charged"]++;
        break;
      case Form::minimum:
        out[ch.minimum_per_day ? "minimum per day" : "minimum per " + ch.per]++;
        if (std::any_of(ref.lines.begin(), ref.lines.end(), [&](const RefLine& l) { return l.charge == ch.id; })) out["minimum tops up"]++;
        break;
    }
  }
  if (!c.account.attributes.empty()) out["account attributes"]++;
  if (t.cycle_months != 1) out[t.cycle_months == 3 ? "billing_cycle quarterly" : "billing_cycle annual"]++;
  if (t.cycle_months == 3 && std::chrono::sys_days{c.usage_to} - std::chrono::sys_days{c.usage_from} > std::chrono::days{150}) out["quarterly series"]++;
  for (auto& ch : t.charges) {
    if (ch.form == Form::priced && ch.measure == Measure::month && ch.per != "month") out["fixed charge per " + ch.per]++;
    if (ch.form == Form::minimum && ch.per == "year" && t.cycle_months == 3 && std::chrono::sys_days{c.usage_to} - std::chrono::sys_days{c.usage_from} > std::chrono::days{300})
      out["minimum per year over 4 quarters"]++;
  }
  std::function<void(const Pricing&)> cycle_limits = [&](const Pricing& p) {
    if (p.kind == Pricing::Kind::tiers) {
      for (auto& per : {"month", "quarter", "year"})
        if (p.tiers.unit == std::string("kWh/") + per) out[std::string("tier limits per ") + per + (t.cycle_months == 1 ? " on a monthly bill" : "")]++;
      if (std::any_of(p.tiers.rows.begin(), p.tiers.rows.end(), [](const TierRow& row) { return !row.unit.empty(); })) out["tier limits of several units"]++;
    }
    for (auto& pc : p.cases) cycle_limits(*pc.pricing);
  };
  std::function<void(const Pricing&, const ChargeDef&)> fractions = [&](const Pricing& p, const ChargeDef& ch) {
    if (p.kind == Pricing::Kind::flat && p.price.denominator != 1) {
      out["fractional percentage"]++;
      if (ch.gross_up) out["fractional percentage grossed up"]++;
      if (p.price.dollars.is_negative()) out["negative fractional percentage"]++;
    }
    bool fraction = false, decimal = false;
    for (auto& pc : p.cases) {
      if (pc.pricing->kind == Pricing::Kind::flat) (pc.pricing->price.denominator != 1 ? fraction : decimal) = true;
      if (pc.pricing->kind == Pricing::Kind::flat && pc.pricing->price.denominator != 1) out["fractional percentage in a table"]++;
      fractions(*pc.pricing, ch);
    }
    if (fraction && decimal && !t.rounding) out["fractions beside decimals, no line rounding"]++;
  };
  for (auto& ch : t.charges)
    if (ch.pricing) {
      if (ch.form == Form::priced) cycle_limits(*ch.pricing);
      if (ch.form == Form::percentage) fractions(*ch.pricing, ch);
    }
  static const char* nettings[] = {"no net metering", "net_metering per_period", "net_metering per_tou_period", "net_metering per_interval"};
  out[nettings[static_cast<int>(t.netting)]]++;
  if (t.netting != Netting::none)
    for (auto& l : ref.lines)
      if (l.charge == "export" && !l.quantity.is_zero()) out["net metering with an excess"]++;
  if (c.usage.received) out["usage with a received channel"]++;
  if (c.usage.reactive) out["usage with a kVARh channel"]++;
  if (t.power_factor) out["power factor"]++;
  if (ref.power_factor) out["power factor adjusts demand"]++;
  if (t.kva_rounding) out["kva_demand " + std::string(to_string(t.kva_rounding->mode))]++;
  if (c.account.past_due) out["account with past-due state"]++;
  if (t.groups.size() > 1) out["time_of_use group"]++;
  if (!t.season_split_text.empty()) out["season_split " + t.season_split_text]++;
  if (!t.billing_demand.empty()) out["billing demand"]++;
  for (auto& term : t.billing_demand)
    if (term.kind == BillingDemandTerm::Kind::ratchet) out[c.account.demand_history.empty() ? "ratchet" : "ratchet with a demand history"]++;
  if (c.options.coverage == CoveragePolicy::bill_available) out["usage short of the period"]++;
  if (c.options.demand_window == DemandWindowPolicy::data_interval) out["demand from the data interval"]++;
  if (c.options.as_of) out["as_of"]++;
  if (c.usage.delivered.minutes == 30 || c.usage.delivered.minutes == 5) out[std::to_string(c.usage.delivered.minutes) + "-min data"]++;
  if (static_cast<unsigned>(c.usage_from.day()) != 1) out["usage from mid-month"]++;
  if (!t.day_sets.empty()) out["day set"]++;
  for (auto& ch : t.charges)
    if (ch.group > 0) out["charge on a time_of_use group"]++;
  if (t.rounding_limits) {
    out["rounding limits"]++;
    for (auto& ch : t.charges)
      if (ch.form == Form::priced && has_kind(*ch.pricing, Pricing::Kind::tiers)) {
        out["rounding limits with tiers"]++;
        break;
      }
  }
  if (t.rounding_quantities) {
    out["rounding quantities"]++;
    if (t.netting != Netting::none) out["rounding quantities with net metering"]++;
    if (std::any_of(t.charges.begin(), t.charges.end(), [](const ChargeDef& ch) { return ch.mwh; })) out["rounding quantities in MWh"]++;
    if (std::any_of(t.charges.begin(), t.charges.end(), [](const ChargeDef& ch) { return !ch.cap.empty(); })) out["rounding quantities of a capped usage"]++;
  }
  if (t.rounding_total) {
    out["rounding total"]++;
    if (std::any_of(ref.lines.begin(), ref.lines.end(), [](const RefLine& l) { return l.charge == "rounding"; })) out["rounding total adjusts"]++;
  }
  for (auto& ch : t.charges)
    if (!ch.cap.empty()) {
      out["usage capped"]++;
      if (has_kind(*ch.pricing, Pricing::Kind::tiers)) out["usage capped, tiers"]++;
      if (has_by_season(*ch.pricing)) out["usage capped, by season"]++;
    }
  for (auto& ch : t.charges)
    if (!ch.unless.empty()) {
      const auto& v = c.account.attributes.at(ch.unless);
      out[v == "yes" || v == "true" ? "charge exempt" : "charge not exempt"]++;
      if (ch.form == Form::percentage) out["percentage with unless"]++;
    }
  if (c.account.attributes.count("meters") && std::any_of(t.charges.begin(), t.charges.end(), [](const ChargeDef& ch) { return ch.measure == Measure::meter && ch.form == Form::priced; }))
    out[c.account.attributes.at("meters") == "1" ? "meters 1" : "meters > 1"]++;
  for (auto& ch : t.charges)
    if (ch.pricing && ch.pricing->kind == Pricing::Kind::by_billing_month) {
      std::chrono::year_month_day last{std::chrono::sys_days{c.period.to} - std::chrono::days{1}};
      auto key = static_cast<std::size_t>(static_cast<int>(last.year()) * 12 + static_cast<int>(static_cast<unsigned>(last.month())) - 1);
      bool named = std::any_of(ch.pricing->cases.begin(), ch.pricing->cases.end(),
                               [&](const PricingCase& pc) { return std::find(pc.keys.begin(), pc.keys.end(), key) != pc.keys.end(); });
      out[named ? "by billing_month names the bill's month" : "by billing_month, otherwise"]++;
    }
  for (auto& ch : t.charges)
    if (ch.mwh) {
      out["energy priced in $/MWh"]++;
      if (!ch.cap.empty()) out["energy priced in $/MWh, capped"]++;
    }
  for (auto& ch : t.charges) {
    if (!ch.rounded) continue;
    out["charge rounded"]++;
    if (!t.rounding) out["charge rounded, the tariff rounds nothing"]++;
    if (ch.form == Form::percentage) out["percentage rounded"]++;
  }
  return out;
}

}  // namespace

TEST_CASE("reference: the reference biller on a hand-computed bill") {
  // Two days (Mon 2024-07-01, Tue 07-02) across a season change, 1 kWh every hour.
  TariffModel t;
  t.name = "Hand";
  t.zone = "UTC";
  t.effective = std::chrono::year_month_day{std::chrono::year{2020}, std::chrono::January, std::chrono::day{1}};
  t.seasons = {{"early", {{1, 1, 7, 1, "Jan 1 - Jul 1"}}}, {"late", {{7, 2, 12, 31, "Jul 2 - Dec 31"}}}};
  PeriodRule afternoon;
  afternoon.days = 0x1f;
  afternoon.day_words = {"weekday"};
  afternoon.minutes = {{12 * 60, 18 * 60}};
  afternoon.minute_texts = {"12:00-18:00"};
  t.periods = {{"on_peak", 0, "", false, {afternoon}}, {"off_peak", 0, "", true, {}}};
  t.rounding = Rounding{Decimal::parse("0.01").value(), RoundingMode::half_up};
  auto price = [](const char* dollars, std::string text) { return Money{Decimal::parse(dollars).value(), std::move(text), 1}; };
  auto flat = [](Money m) {
    auto p = std::make_shared<Pricing>();
    p->price = std::move(m);
    return p;
  };
  auto by_season = [](std::shared_ptr<const Pricing> a, std::shared_ptr<const Pricing> b) {
    auto p = std::make_shared<Pricing>();
    p->kind = Pricing::Kind::by_season;
    p->cases = {{{0}, {}, false, std::move(a)}, {{1}, {}, false, std::move(b)}};
    return p;
  };
  auto tiers = std::make_shared<Pricing>();
  tiers->kind = Pricing::Kind::tiers;
  tiers->tiers.unit = "kWh";
  tiers->tiers.rows = {{TierRow::Bound::first, Decimal(30), false, {price("0.1", "0.1 $/kWh")}, nullptr, ""},
                       {TierRow::Bound::rest, Decimal(0), false, {price("0.2", "20 ¢/kWh")}, nullptr, ""}};
  auto split = std::make_shared<Pricing>();
  split->kind = Pricing::Kind::tiers;
  split->tiers.allocation = Allocation::proportional;
  split->tiers.unit = "kWh";
  split->tiers.columns = {0, 1};
  split->tiers.rows = {{TierRow::Bound::first, Decimal(24), false, {price("0.3", "0.3 $/kWh"), price("0.1", "0.1 $/kWh")}, nullptr, ""},
                       {TierRow::Bound::rest, Decimal(0), false, {price("0.4", "0.4 $/kWh"), price("0.2", "0.2 $/kWh")}, nullptr, ""}};
  auto charge = [](std::string id, Measure m, std::shared_ptr<const Pricing> p) {
    ChargeDef c;
    c.id = std::move(id);
    c.measure = m;
    c.pricing = std::move(p);
    return c;
  };
  t.charges = {charge("basic", Measure::month, by_season(flat(price("10", "10 $/month")), flat(price("20", "20.00 $/month")))),
               charge("energy", Measure::energy, by_season(flat(price("0.1", "0.1 $/kWh")), flat(price("0.2", "0.2 $/kWh")))),
               charge("tiered", Measure::energy, tiers), charge("tou", Measure::energy, split)};
  ChargeDef rider;
  rider.id = "fuel_rider";
  rider.kind = ChargeKind::rider;
  rider.form = Form::percentage;
  rider.pricing = flat(price("10", "10 %"));
  rider.of = {"basic"};
  t.charges.push_back(rider);

  IntervalUsage usage;
  usage.delivered.start = std::chrono::sys_days{std::chrono::year{2024} / std::chrono::July / 1};
  usage.delivered.minutes = 60;
  usage.delivered.scale = 3;
  usage.delivered.values.assign(48, 1000);
  BillingPeriod period{std::chrono::year{2024} / std::chrono::July / 1, std::chrono::year{2024} / std::chrono::July / 3};

  auto ref = reference_bill(t, usage, period);
  std::map<std::string, Decimal> by_charge;
  for (auto& l : ref.lines) by_charge[l.charge] += l.amount;
  CHECK(by_charge["basic"] == Decimal(15));                         // 1/2 × 10 + 1/2 × 20
  CHECK(by_charge["energy"] == Decimal::parse("7.2").value());      // 24 × 0.1 + 24 × 0.2
  CHECK(by_charge["tiered"] == Decimal::parse("6.6").value());      // 30 × 0.1 + 18 × 0.2
  CHECK(by_charge["tou"] == Decimal::parse("9.6").value());         // on 6+6 kWh, off 18+18 kWh
  CHECK(by_charge["fuel_rider"] == Decimal::parse("1.5").value());
  CHECK(ref.total == Decimal::parse("39.9").value());

  // and the text of the same model bills the same in the fast biller
  std::string problem;
  auto graph = compile(to_text(t), problem);
  REQUIRE_MESSAGE(graph, (problem + to_text(t)));
  auto fast = bill(*graph, usage, period, Account{}, BillOptions{});
  REQUIRE_MESSAGE(fast.bill, diagnostics_text(fast.diagnostics));
  auto differences = compare(*fast.bill, ref, t);
  CHECK_MESSAGE(differences.empty(), (differences + describe(*fast.bill) + describe(ref)));
}

TEST_CASE("reference: the generator is a pure function of the seed") {
  for (std::uint64_t seed : {1u, 2u, 77u}) {
    auto a = generate_case(seed), b = generate_case(seed);
    CHECK(a.text == b.text);
    CHECK(a.usage.delivered.values == b.usage.delivered.values);
    CHECK(a.usage.delivered.start == b.usage.delivered.start);
  }
  CHECK(generate_case(1).text != generate_case(2).text);
}

TEST_CASE("reference: random tariffs with fixed seeds bill as the reference does") {
  if (auto seed = env_number("RATELINE_REFERENCE_SEED")) {
    auto c = generate_case(*seed);
    auto report = check_case(c);
    MESSAGE(case_header(c));
    CHECK_MESSAGE(report.empty(), report);
    return;
  }
  run_cases(20240101, case_count());
}

TEST_CASE("reference: random tariffs with a fresh seed bill as the reference does") {
  std::random_device device;
  std::uint64_t seed = env_number("RATELINE_REFERENCE_FRESH_SEED").value_or((static_cast<std::uint64_t>(device()) << 32 | device()) % 1'000'000'000'000ull);
  INFO("fresh seed " << seed);
  run_cases(seed, case_count() * 3 / 10);
}

TEST_CASE("reference: usage read from a shuffled CSV bills exactly as the same usage in memory") {
  std::size_t count = std::max<std::size_t>(8, case_count() / 32);
  for (std::uint64_t seed = 7000; seed < 7000 + count; ++seed) {
    auto c = generate_case(seed);
    if (!c.tariff.services.empty()) continue;  // one usage file per meter: billed alike by the main test
    std::string problem;
    auto graph = compile(c.text, problem);
    REQUIRE_MESSAGE(graph, (case_header(c) + problem));
    auto csv = shuffled_csv(c.usage, seed * 31 + 1);
    auto read = read_interval_csv(csv, "shuffled.csv", UsageReadOptions{});
    REQUIRE_MESSAGE(read.usage, (case_header(c) + diagnostics_text(read.diagnostics)));
    auto a = bill(*graph, c.usage, c.period, c.account, c.options);
    auto b = bill(*graph, *read.usage, c.period, c.account, c.options);
    REQUIRE_MESSAGE(a.bill, diagnostics_text(a.diagnostics));
    REQUIRE_MESSAGE(b.bill, diagnostics_text(b.diagnostics));
    bool same = a.bill->total == b.bill->total && a.bill->line_items.size() == b.bill->line_items.size();
    for (std::size_t i = 0; same && i < a.bill->line_items.size(); ++i) {
      const auto &x = a.bill->line_items[i], &y = b.bill->line_items[i];
      same = x.id == y.id && x.quantity == y.quantity && x.rate == y.rate && x.amount == y.amount && x.unrounded == y.unrounded;
    }
    CHECK_MESSAGE(same, (case_header(c) + "in memory:\n" + describe(*a.bill) + "from the CSV:\n" + describe(*b.bill)));
  }
}

TEST_CASE("reference: the fixed seeds cover every feature of the generator") {
  std::map<std::string, int> seen;
  const std::size_t count = 400;
  for (std::uint64_t seed = 20240101; seed < 20240101 + count; ++seed) {
    auto c = generate_case(seed);
    for (auto& [feature, n] : features_of(c, reference_series(c, {c.period}, c.account).front())) seen[feature] += n > 0;
  }
  std::string table;
  for (auto& [feature, n] : seen) table += "  " + feature + ": " + std::to_string(n) + " cases\n";
  INFO("features in " << count << " fixed-seed cases:\n" << table);
  if (env_number("RATELINE_REFERENCE_FEATURES")) MESSAGE("features in " << count << " fixed-seed cases:\n" << table);
  const char* required[] = {
      "zone America/New_York", "zone America/Phoenix", "zone Asia/Kolkata", "zone UTC", "DST change month", "leap February",
      "0 seasons", "1 seasons", "2 seasons", "3 seasons", "season wraps past Dec 31", "season split",
      "0 TOU periods", "2 TOU periods", "3 TOU periods", "4 TOU periods", "TOU hours wrap past midnight", "TOU boundary inside the hour",
      "TOU rule by season", "15-min kWh", "60-min kWh", "15-min kW", "60-min kW", "part of a month", "two months",
      "charge on month", "charge on day", "charge on energy", "charge on demand", "charge in some periods",
      "price in cents", "by season", "by period", "by table with otherwise", "by table case with several keys", "by table with an unpriced key",
      "tiers kWh", "tiers kWh/day", "tiers kW", "tiers kWh/kW", "tiers kWh/kW/day", "tiers with steps in a block",
"tiers proportional", "tiers proportional, some periods", "tiers chronological",
      "tiers chronological, some periods", "tiers with a top", "by month", "fixed demand window", "sliding demand window", "revisions", "revision inside the period",
      "tier bound first", "tier bound next", "tier bound up to", "tier bound over", "tier bound rest",
      "rider, percentage", "rider, priced", "tax, percentage", "credit, priced", "credit, percentage", "adjustment, priced",
      "minimum, minimum", "charge on bill", "charge on meter", "negative price", "negative percentage", "percentage of a percentage",
      "percentage of all", "percentage of credits", "by attribute", "by month of a percentage or minimum",
      "by season of a percentage or minimum", "by attribute of a percentage or minimum", "account attributes",
      "time_of_use group", "charge on a time_of_use group", "day set", "season_split days", "season_split intervals",
      "billing demand", "tiers kWh/kW with a billing_demand rule", "tiers kWh/kW with revisions",
      "season_split days, by season and by period", "ratchet", "ratchet with a demand history", "charge on billing_demand", "usage short of the period",
      "demand from the data interval", "as_of", "30-min data", "5-min data", "usage from mid-month", "minimum per month", "minimum per day", "minimum tops up",
      "no rounding", "rounding half_up", "rounding half_even", "rounding half_down", "rounding toward_zero", "rounding away_from_zero",
      "rounding floor", "rounding ceiling", "rounding 0.1 half_up", "proration days_over_30", "proration days_over_days_in_month",
      "net_metering per_period", "net_metering per_tou_period", "net_metering per_interval", "net metering with an excess",
      "charge on received_energy", "charge on reactive_energy", "charge on kva_demand", "usage with a received channel", "usage with a kVARh channel",
      "power factor", "power factor adjusts demand", "late_fee, late fee", "late fee percent", "late fee per bill", "late fee charged", "late fee not charged",
      "account with past-due state", "rounding limits with tiers", "rounding total", "rounding total adjusts", "charge rounded",
      "charge rounded, the tariff rounds nothing", "percentage rounded", "usage capped", "usage capped, tiers",
      "charge exempt", "charge not exempt", "meters > 1", "energy priced in $/MWh", "by billing_month",
      "by billing_month names the bill's month", "by billing_month, otherwise", "rounding quantities", "rounding quantities with net metering",
      "rounding quantities in MWh", "billing_cycle quarterly", "billing_cycle annual", "quarterly series", "fixed charge per quarter",
      "fixed charge per year", "minimum per quarter", "minimum per year", "tier limits per month", "tier limits per quarter", "tier limits per year",
      "tier limits per month on a monthly bill", "tier limits of several units", "fractional percentage", "fractional percentage grossed up",
      "negative fractional percentage", "fractional percentage in a table", "fractions beside decimals, no line rounding", "several services", "service without a meter",
      "service on another service's meter", "service on a meter of its own", "service with a tax of all", "move-in bill", "final bill",
      "final bill prorated"};
  for (auto* feature : required) CHECK_MESSAGE(seen[feature] >= 2, "feature `" << std::string(feature) << "` in " << seen[feature] << " cases");
}
