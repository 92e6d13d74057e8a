// Disagreements between the fast biller (src/eval/biller.cpp) and the reference biller
// (tests/reference), each reduced to the smallest tariff and usage that shows it. They are
// marked may_fail until the fast biller is fixed (or the rule is settled and the reference
// changed); the random tariffs of reference_biller_test.cpp leave these cases out, as the
// generator's comments say. When one of these starts passing, drop its may_fail and the
// generator's restriction.
#include <doctest/doctest.h>

#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"
#include "rateline/usage.hpp"

#include <chrono>
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
TEST_CASE("reference: steps that stop below their block are not priced at the next block" * doctest::may_fail()) {
  auto graph = compile(R"(tariff "Steps" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  charge energy "Energy" on energy: tiers {
    first 100 kWh/kW: tiers { first 50 kWh: 0.10 $/kWh }
    above: 0.50 $/kWh
  }
})");
  auto day = year{2024} / July / 1;
  auto b = bill_of(*graph, hourly(day, year_month_day{sys_days{day} + days{1}}, 3), {day, year_month_day{sys_days{day} + days{1}}});
  INFO(lines(b));
  Decimal above{0};
  for (auto& li : b.line_items)
    if (li.rate == Decimal::parse("0.5").value()) above += li.quantity;
  CHECK(above == Decimal(0));                       // 72 kWh < the block's 300 kWh
  CHECK(b.total == Decimal::parse("5").value());    // 50 kWh × 0.10; 22 kWh in block 1 match no step
}

// Finding 2. kWh/kW (hours-use) limits are not prorated to the season parts of a period
// that spans seasons, while per-bill kWh limits are: each part gets the whole bill's
// limit. So a `by season` table with the SAME tiers in both seasons bills differently
// from the plain tiers (124.00 instead of 134.00 here), which a `first 100 kWh` limit
// does not. Sep 16 .. Oct 16 is 15 summer + 15 winter days, 1 kWh every hour (720 kWh,
// demand 1 kW): plain tiers: 100 × 0.10 + 620 × 0.20 = 134.00; season parts with the
// limit prorated to 50 kWh each: 2 × (50 × 0.10 + 310 × 0.20) = 134.00.
TEST_CASE("reference: hours-use limits in season parts are prorated like other per-bill limits" * doctest::may_fail()) {
  const std::string head = R"(tariff "Hours use" {
  currency USD
  timezone "UTC"
  effective 2020-01-01
  season summer: Jun 1 - Sep 30
  season winter: Oct 1 - May 31
)";
  auto by_season = compile(head + R"(  charge energy "Energy" on energy: by season {
    summer: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
    winter: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
  }
})");
  auto plain = compile(head + R"(  charge energy "Energy" on energy: tiers { first 100 kWh/kW: 0.10 $/kWh  above: 0.20 $/kWh }
})");
  BillingPeriod period{year{2024} / September / 16, year{2024} / October / 16};
  auto usage = hourly(period.from, period.to, 1);
  auto split = bill_of(*by_season, usage, period);
  auto whole = bill_of(*plain, usage, period);
  INFO("by season:\n" << lines(split) << "plain:\n" << lines(whole));
  CHECK(whole.total == Decimal(134));
  CHECK(split.total == whole.total);
}
