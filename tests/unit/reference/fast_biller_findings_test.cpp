// Disagreements the reference biller (tests/reference) found in the fast biller
// (src/eval/), each reduced to the smallest tariff and usage that shows it. Every finding
// here is settled: the fast biller was fixed (and the random tariffs of
// reference_biller_test.cpp include the case again), or the checker now refuses the case
// (and the generator leaves it out, as its comments say). Each test keeps its
// finding's bill pinned so that it cannot come back; a new disagreement gets a new case
// here with its reduced tariff and the rule that settles it.
#include <doctest/doctest.h>

#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace {

using namespace rateline;
using namespace std::chrono;

std::optional<RateGraph> compile(const std::string& text) {
  auto compiled = compile_tariff(std::make_shared<SourceFile>("finding.tariff", text));
  std::string messages;
  for (auto& d : compiled.diagnostics) messages += render(d);
  INFO(messages);
  REQUIRE(compiled.graph);
  return std::move(compiled.graph);
}

/// Hourly usage in UTC, `kwh_per_hour` every hour of [from, to).
IntervalUsage hourly(year_month_day from, year_month_day to, std::int64_t kwh_per_hour) {
  IntervalUsage usage;
  usage.delivered.start = sys_days{from};
  usage.delivered.minutes = 60;
  usage.delivered.scale = 0;
  usage.delivered.values.assign(static_cast<std::size_t>((sys_days{to} - sys_days{from}).count() * 24), kwh_per_hour);
  return usage;
}

Bill bill_of(const RateGraph& graph, const IntervalUsage& usage, BillingPeriod period) {
  auto result = bill(graph, usage, period, Account{}, BillOptions{});
  std::string messages;
  for (auto& d : result.diagnostics) messages += render(d);
  INFO(messages);
  REQUIRE(result.bill);
  return *result.bill;
}

std::string lines(const Bill& b) {
  std::string out;
  for (auto& li : b.line_items)
    out += li.id + ": " + li.quantity.to_string() + " " + li.unit + " × " + li.rate.to_string() + " = " + li.amount.to_string() + "\n";
  return out + "total " + b.total.to_string() + "\n";
}

}  // namespace

// Finding 1. An hours-use block whose own kWh steps stop below the block's limit: the
// energy between the last step and the block's limit is priced at the NEXT block's price.
// Here the block is the first 100 kWh/kW × 3 kW = 300 kWh; all 72 kWh are inside it, yet
// 22 kWh are billed at the `above` price of 0.50 $/kWh. (The flattened step list treats
// the next block's first row as starting at the last step's limit, 50 kWh, instead of at
// the block's limit, 300 kWh.) The reference leaves those 22 kWh in block 1, where no step
// prices them; the checker could instead require such step tables to end with `above`.
// Settled: the checker requires a block's steps to end with `above` (E0316), so the
// energy between the last step and the block's limit always has a price.
TEST_CASE("reference: steps that stop below their block are refused by the checker") {
  auto result = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("steps.tariff", R"(tariff "Steps" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  charge energy "Energy" on energy: tiers {
    first 100 kWh/kW: tiers { first 50 kWh: 0.10 $/kWh }
    above: 0.50 $/kWh
  }
})"));
  CHECK_FALSE(result.graph.has_value());
  REQUIRE(!result.diagnostics.empty());
  CHECK(result.diagnostics[0].code == "E0316");
}

// Finding 2. In a billing period cut by a revision, hours-use limits (kWh/kW) take each
// segment's own maximum demand, while docs/language.md ("Units of a limit") says the
// billing demand is "the highest demand of the whole billing period". July 2024, 1 kWh
// every hour except 10 kWh at July 5 12:00, and a revision on July 16 that restates the
// same prices: the billing demand is 10 kW, so the first tier holds 1000 kWh and all
// 753 kWh are in it (also if the limit were prorated to the segments: 484 + 516 kWh):
// 753 × 0.10 = 75.30. The fast biller takes 1 kW for the second segment, so its limit is
// 100 kWh and 284 kWh are billed at 0.20: 103.70.
TEST_CASE("reference: hours-use limits in revision segments use the whole period's billing demand") {
  auto graph = compile(R"(tariff "Hours use with a revision" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  charge energy "Energy" on energy: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
  revision 2024-07-16 {
    charge energy "Energy" on energy: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
  }
})");
  BillingPeriod period{year{2024} / July / 1, year{2024} / August / 1};
  auto usage = hourly(period.from, period.to, 1);
  usage.delivered.values[4 * 24 + 12] = 10;  // July 5 12:00
  auto b = bill_of(*graph, usage, period);
  INFO(lines(b));
  CHECK(b.total == Decimal::parse("75.3").value());
}

// Finding 3. A percentage (or minimum) priced `by season` takes "one rate for the whole
// bill: the season of the billing period's last day" (docs/language.md, Percentages and
// Minimums). In a bill cut by a revision the fast biller takes the season of each
// SEGMENT's last day instead. 2024-09-16 .. 2024-10-16 with a revision on 09-21, 1 kWh
// every hour: energy 120 kWh = $12.00 before the revision and 600 kWh = $60.00 after; the
// period's last day (Oct 15) is winter, so the tax is 5 % of both: 0.60 + 3.00 = 3.60. The
// fast biller taxes the first segment at the summer 10 % (its last day is Sep 20): 4.20.
TEST_CASE("reference: a percentage by season in a bill cut by a revision takes the period's season") {
  auto graph = compile(R"(tariff "Percentage by season" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  season summer: Jun 1 - Sep 30
  season winter: Oct 1 - May 31
  charge energy "Energy" on energy: 0.10 $/kWh
  tax sales "Sales Tax": by season { summer: 10 %  winter: 5 % } of charges
  revision 2024-09-21 {
    charge energy "Energy" on energy: 0.10 $/kWh
  }
})");
  BillingPeriod period{year{2024} / September / 16, year{2024} / October / 16};
  auto b = bill_of(*graph, hourly(period.from, period.to, 1), period);
  INFO(lines(b));
  Decimal tax{0};
  for (auto& li : b.line_items)
    if (li.id.starts_with("sales")) tax += li.amount;
  CHECK(tax == Decimal::parse("3.6").value());
  CHECK(b.total == Decimal::parse("75.6").value());
}

// Finding 4. With `season_split days` a season part's energy is the period's energy × the
// part's share of the days, but a `by period` line is left out where the period has no
// hours in the part ("no lines for periods without hours"), so that share of the energy
// is never billed. 2024-09-16 .. 2024-10-16 (15 summer + 15 winter days), 1 kWh every
// hour: on-peak (summer weekdays 14-19) is 55 kWh, off-peak 665 kWh. Split by days, each
// part gets half of each: 2 × (27.5 × 0.20 + 332.5 × 0.10) = 77.50, the same as without
// seasons (55 × 0.20 + 665 × 0.10). The winter part has no on-peak hours, so the fast
// biller drops its 27.5 on-peak kWh: 72.00.
TEST_CASE("reference: season_split days bills every period's share in every season part") {
  auto graph = compile(R"(tariff "Split by days" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  season_split days
  season summer: Jun 1 - Sep 30
  season winter: Oct 1 - May 31
  period on_peak: summer weekday 14:00-19:00
  period off_peak: otherwise
  charge energy "Energy" on energy: by period {
    on_peak: by season { summer: 0.20 $/kWh  winter: 0.20 $/kWh }
    off_peak: 0.10 $/kWh
  }
})");
  BillingPeriod period{year{2024} / September / 16, year{2024} / October / 16};
  auto b = bill_of(*graph, hourly(period.from, period.to, 1), period);
  INFO(lines(b));
  Decimal kwh{0};
  for (auto& li : b.line_items) kwh += li.quantity;
  CHECK(kwh == Decimal(720));                        // every metered kWh is billed once
  CHECK(b.total == Decimal::parse("77.5").value());
}

// Finding 5. With a `billing_demand` rule, kWh/kW limits take the rule's billing demand
// (docs/language.md, "Units of a limit"), whose `demand` term is "the maximum demand of
// this billing period". In a period cut by a revision the fast biller took each SEGMENT's
// maximum for that term (finding 2 again, for tariffs with a rule). July 2024, 1 kWh every
// hour except 10 kWh at July 5 12:00, a rule `greatest of { demand  2 kW }` and a revision
// on July 16 restating the same prices: the billing demand is max(10, 2) = 10 kW, so the
// first tier holds 100 × 10 = 1000 kWh in each segment and all 753 kWh are in it:
// 753 × 0.10 = 75.30. The fast biller took max(1, 2) = 2 kW for the second segment, a
// 200 kWh tier, and billed 384 − 200 = 184 kWh at 0.20: 93.70. Fixed in
// src/eval/biller.cpp (bounds() passes the whole bill's maximum demand to the rule).
TEST_CASE("reference: hours-use limits with a billing_demand rule use the whole period's demand in revision segments") {
  auto graph = compile(R"(tariff "Hours use, billing demand rule, revision" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  billing_demand: greatest of { demand  2 kW }
  charge energy "Energy" on energy: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
  revision 2024-07-16 {
    charge energy "Energy" on energy: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
  }
})");
  BillingPeriod period{year{2024} / July / 1, year{2024} / August / 1};
  auto usage = hourly(period.from, period.to, 1);
  usage.delivered.values[4 * 24 + 12] = 10;  // July 5 12:00
  auto b = bill_of(*graph, usage, period);
  INFO(lines(b));
  // July 1-15: 15 × 24 + 9 = 369 kWh; July 16-31: 16 × 24 = 384 kWh; both in the first tier
  REQUIRE(b.line_items.size() == 2);
  CHECK(b.line_items[0].quantity == Decimal(369));
  CHECK(b.line_items[1].quantity == Decimal(384));
  CHECK(b.total == Decimal::parse("75.3").value());
}

// Finding 6. `on received_energy` bills "the energy sent to the grid, as metered; under
// net metering the excess of received over delivered energy" (docs/language.md, "What a
// charge is on"), and `tiers proportional` gives every period column its share of the
// charge's own quantity (docs/language.md, "Tiers and time of use"). The fast biller
// shares the tiers of a charge on received energy out by each column's DELIVERED energy
// (under net metering: its net energy) instead. Monday and Tuesday July 1-2 2024 (UTC),
// 1 kWh delivered every hour, 3 kWh received in each on-peak hour (12:00-18:00): received
// is 36 kWh on-peak and 0 off-peak, so the credit is 36 × −0.05 = −1.80 (one line,
// export.on_peak.t1, 36 kWh). The fast biller bills the delivered 12 kWh on-peak and
// 36 kWh off-peak: 12 × −0.05 + 36 × −0.02 = −1.32. Found by the random tariffs; fixed
// (the period columns share out the charge's own quantity), and the random tariffs now
// include proportional tiers on received energy.
namespace {

// Finding 6's bill: the export credit's kWh and amount, and the total. Hourly usage July 1-2
// 2024 (UTC): 1 kWh delivered every hour, 3 kWh received in each on-peak hour.
struct ExportCredit {
  Decimal kwh, credit, total;
};
ExportCredit export_credit(const std::string& netting) {
  auto graph = compile(R"(tariff "Received energy in proportional tiers" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
)" + netting + R"(
  period on_peak: weekday 12:00-18:00
  period off_peak: otherwise
  charge energy "Energy" on energy: 0.10 $/kWh
  credit export "Export Credit" on received_energy: tiers proportional {
    first 1000 kWh: on_peak -0.05 $/kWh, off_peak -0.02 $/kWh
    above: on_peak -0.05 $/kWh, off_peak -0.02 $/kWh
  }
})");
  BillingPeriod period{year{2024} / July / 1, year{2024} / July / 3};
  auto usage = hourly(period.from, period.to, 1);
  usage.received = usage.delivered;
  for (std::size_t h = 0; h < usage.received->values.size(); ++h) usage.received->values[h] = h % 24 >= 12 && h % 24 < 18 ? 3 : 0;
  auto b = bill_of(*graph, usage, period);
  INFO(lines(b));
  ExportCredit out{Decimal(0), Decimal(0), b.total};
  for (auto& li : b.line_items)
    if (li.id.starts_with("export")) {
      out.credit += li.amount;
      out.kwh += li.quantity;
    }
  return out;
}

}  // namespace

TEST_CASE("reference: proportional tiers on received energy share out the received energy") {
  auto e = export_credit("");
  CHECK(e.kwh == Decimal(36));                           // the received energy, all on-peak
  CHECK(e.credit == Decimal::parse("-1.8").value());
  CHECK(e.total == Decimal(3));                          // 48 × 0.10 − 1.80
}

// Finding 6, under net metering: the same usage netted `per_interval` has an excess of
// 3 − 1 = 2 kWh in each of the 12 on-peak hours, 24 kWh (and 36 kWh of off-peak energy),
// so the credit is 24 × −0.05 = −1.20 on 24 kWh; the fast biller shares the tiers out by
// the columns' net energy instead.
TEST_CASE("reference: proportional tiers on received energy under net metering share out the excess") {
  auto e = export_credit("  net_metering per_interval");
  CHECK(e.kwh == Decimal(24));                           // the excess, all on-peak
  CHECK(e.credit == Decimal::parse("-1.2").value());
  CHECK(e.total == Decimal::parse("2.4").value());       // 36 × 0.10 − 1.20
}

// Finding (billing cycles). "A fixed charge ... per month ... is then billed as its exact
// share of that bill" (docs/language.md, "Billing cycles"): 3 months on a quarterly bill.
// In a quarter cut into season parts the fast biller priced each part at the month's price
// × part days / period days, dropping the 3: 10.00 $/month billed $10.00 for the quarter.
// 2024-01-01 .. 04-01 (91 days), seasons change on Feb 15: 30 × 45 / 91 = 14.84 and
// 30 × 46 / 91 = 15.16, $30.00.
TEST_CASE("reference: a $/month charge on a quarterly bill split by seasons bills three months") {
  auto graph = compile(R"(tariff "Quarterly by season" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  billing_cycle quarterly
  rounding line_items 0.01 half_up
  season one: Jan 1 - Feb 14
  season two: Feb 15 - Dec 31
  charge basic "Basic": by season { one: 10.00 $/month  two: 10.00 $/month }
})");
  BillingPeriod period{year{2024} / January / 1, year{2024} / April / 1};
  auto b = bill_of(*graph, hourly(period.from, period.to, 1), period);
  INFO(lines(b));
  CHECK(b.total == Decimal::parse("30.00").value());
}

// Finding (billing cycles). "A `$/year` minimum compares a year of bills: ... 1 annual one"
// against the year's amount. An annual bill cut by a revision (2024-07-01) had its
// minimum scaled to the first segment's share (182 / 366 of $1,000.00). The basic charge
// (1.00, then 2.00 $/month) comes to 12 × 182/366 + 24 × 184/366 = 5.97 + 12.07 = 18.04;
// the minimum tops that up to $1,000.00.
TEST_CASE("reference: a $/year minimum on an annual bill cut by a revision is the year's amount") {
  auto graph = compile(R"(tariff "Annual minimum with a revision" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  billing_cycle annual
  rounding line_items 0.01 half_up
  charge basic "Basic": 1.00 $/month
  minimum floor "Annual Minimum": 1000.00 $/year of charges
  revision 2024-07-01 {
    charge basic "Basic": 2.00 $/month
  }
})");
  BillingPeriod period{year{2024} / January / 1, year{2025} / January / 1};
  auto b = bill_of(*graph, hourly(period.from, period.to, 0), period);
  INFO(lines(b));
  CHECK(b.total == Decimal::parse("1000.00").value());
}

namespace {

/// A tariff of several services billed for `period` on the electric meter's `usage`.
Bill services_bill(const std::string& text, const IntervalUsage& usage, BillingPeriod period) {
  auto compiled = compile_services(std::make_shared<SourceFile>("finding.tariff", text));
  std::string messages;
  for (auto& d : compiled.diagnostics) messages += render(d);
  INFO(messages);
  REQUIRE(!compiled.services.empty());
  std::map<std::string, MeterUsage> meters{{"electric", MeterUsage{&usage, nullptr}}};
  auto result = bill_services(compiled.services, meters, {period}, Account{}, BillOptions{});
  messages.clear();
  for (auto& d : result.diagnostics) messages += render(d);
  INFO(messages);
  REQUIRE(result.series);
  return result.series->bills.at(0);
}

}  // namespace

// Finding (several services). A service without a meter took the shared `net_metering`
// (and power factor, kVA demand) of the tariff and, billed on no usage, was refused:
// "Solid Waste: this tariff bills received, reactive or kVA quantities, which register
// reads cannot give" (B0021). It has no meter, so none of the meter's rules: 1 kWh an hour
// in January, none sent back, is 744 × 0.10 = 74.40, the cart 20.00.
TEST_CASE("reference: a service without a meter in a tariff with net metering is billed") {
  BillingPeriod period{year{2024} / January / 1, year{2024} / February / 1};
  auto usage = hourly(period.from, period.to, 1);
  usage.received = usage.delivered;
  std::fill(usage.received->values.begin(), usage.received->values.end(), 0);
  auto b = services_bill(R"(tariff "Net metering and solid waste" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  net_metering per_period
  service electric "Electric" {
    charge energy "Energy" on energy: 0.10 $/kWh
  }
  service solid_waste "Solid Waste" {
    charge cart "Cart": 20.00 $/month
  }
})",
                         usage, period);
  INFO(lines(b));
  CHECK(b.total == Decimal::parse("94.40").value());
}

// Finding (several services). `rounding total 1 half_up` is "applied last, to the whole
// bill" (docs/language.md, "Rounding"), but each service rounded its own part: 10.40 → 10
// and 20.40 → 20, $30. The whole bill is 30.80 → $31, one Rounding Adjustment of +0.20
// that belongs to no service; each service's part stays the sum of its lines.
TEST_CASE("reference: rounding total rounds the whole bill of several services once") {
  BillingPeriod period{year{2024} / January / 1, year{2024} / February / 1};
  auto b = services_bill(R"(tariff "Rounding a bill of two services" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  rounding total 1 half_up
  service electric "Electric" {
    charge basic "Basic": 10.40 $/month
  }
  service solid_waste "Solid Waste" {
    charge cart "Cart": 20.40 $/month
  }
})",
                         hourly(period.from, period.to, 1), period);
  INFO(lines(b));
  CHECK(b.total == Decimal(31));
  int adjustments = 0;
  for (auto& li : b.line_items)
    if (li.id == "rounding") {
      ++adjustments;
      CHECK(li.amount == Decimal::parse("0.20").value());
      CHECK(li.service.empty());
    }
  CHECK(adjustments == 1);
  REQUIRE(b.services.size() == 2);
  CHECK(b.services[0].total == Decimal::parse("10.40").value());
  CHECK(b.services[1].total == Decimal::parse("20.40").value());
}
