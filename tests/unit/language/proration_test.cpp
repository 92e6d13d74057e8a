// Billing periods that are not calendar months: monthly charges and per-bill tier limits
// prorated as the tariff states, and how a season change splits interval usage.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

RateGraph tariff_with(const std::string& header) {
  auto compiled = compile_text("tariff \"P\" {\n currency USD\n timezone \"America/New_York\"\n effective 2024-01-01\n"
                               " rounding line_items 0.01 half_up\n" + header + R"(
  season summer: Jun 1 - Sep 30
  season winter: Oct 1 - May 31
  charge basic "Basic": 14.00 $/month
  charge energy "Energy" on energy: by season {
    summer: tiers { first 800 kWh: 0.10 $/kWh  above: 0.20 $/kWh }
    winter: tiers { first 800 kWh: 0.08 $/kWh  above: 0.16 $/kWh }
  }
})");
  std::string all;
  for (auto& d : compiled.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(compiled.graph.has_value());
  return *compiled.graph;
}

std::string amount(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  return li ? li->amount.to_string() : "(no line " + id + ")";
}
std::string quantity(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  return li ? li->quantity.to_string() : "(no line " + id + ")";
}

}  // namespace

TEST_CASE("proration: days/30 for a 33-day cycle") {
  // Jan 15 - Feb 17 2024: 33 days, 2 kWh an hour = 1584 kWh, all winter
  auto usage = usage_for("America/New_York", ymd(2024, 1, 15), ymd(2024, 2, 17), 60, 0, [](auto, auto) { return 2; });
  auto b = bill_or_fail(tariff_with("proration days_over_30"), usage, ymd(2024, 1, 15), ymd(2024, 2, 17));
  CHECK(quantity(b, "basic") == "1.1");          // 33 / 30 month
  CHECK(amount(b, "basic") == "15.40");          // 14.00 × 1.1
  CHECK(quantity(b, "energy.t1") == "880");      // 800 kWh × 33/30
  CHECK(amount(b, "energy.t1") == "70.40");      // 880 × 0.08
  CHECK(quantity(b, "energy.t2") == "704");      // 1584 − 880
  CHECK(amount(b, "energy.t2") == "112.64");     // 704 × 0.16
}

TEST_CASE("proration: days over the days in the billing month, and none") {
  auto usage = usage_for("America/New_York", ymd(2024, 1, 15), ymd(2024, 2, 17), 60, 0, [](auto, auto) { return 2; });
  // the bill is for February (its last day): 33 / 29 = 1.137931034483 (12 places) × 14.00 = 15.93
  auto b = bill_or_fail(tariff_with("proration days_over_days_in_month"), usage, ymd(2024, 1, 15), ymd(2024, 2, 17));
  CHECK(quantity(b, "basic") == "1.137931034483");
  CHECK(amount(b, "basic") == "15.93");
  // 800 × 33/29 = 910.344827586207 kWh in tier 1
  CHECK(quantity(b, "energy.t1") == "910.344827586207");
  // no proration: one monthly charge, an 800 kWh tier, whatever the length
  b = bill_or_fail(tariff_with("proration none"), usage, ymd(2024, 1, 15), ymd(2024, 2, 17));
  CHECK(amount(b, "basic") == "14.00");
  CHECK(quantity(b, "energy.t1") == "800");
}

TEST_CASE("proration: a season change split by interval timestamps or by days") {
  // Sep 21 - Oct 11: 10 summer days at 1 kWh/h (240 kWh), 10 winter days at 3 kWh/h (720 kWh)
  auto usage = usage_for("America/New_York", ymd(2024, 9, 21), ymd(2024, 10, 11), 60, 0, [](auto, std::chrono::local_seconds t) {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}.month() == std::chrono::September ? 1 : 3;
  });
  auto by_intervals = bill_or_fail(tariff_with("season_split intervals"), usage, ymd(2024, 9, 21), ymd(2024, 10, 11));
  CHECK(quantity(by_intervals, "energy.summer.t1") == "240");   // what was used in September
  CHECK(quantity(by_intervals, "energy.winter.t1") == "400");   // 800 × 10/20 limit
  CHECK(quantity(by_intervals, "energy.winter.t2") == "320");
  auto by_days = bill_or_fail(tariff_with("season_split days"), usage, ymd(2024, 9, 21), ymd(2024, 10, 11));
  CHECK(quantity(by_days, "energy.summer.t1") == "400");        // 960 kWh × 10/20 = 480: limit 400
  CHECK(quantity(by_days, "energy.summer.t2") == "80");
  CHECK(quantity(by_days, "energy.winter.t1") == "400");
  CHECK(quantity(by_days, "energy.winter.t2") == "80");
}

TEST_CASE("proration: a tie is rounded from the exact amount") {
  // $10.35/month × 31/30 = $10.695 exactly -> half up $10.70 (12-place 1.033333333333 would give 10.69)
  auto compiled = compile_text(R"(tariff "T" {
    currency USD timezone "America/New_York" effective 2024-01-01 rounding line_items 0.01 half_up
    proration days_over_30
    charge basic "Basic": 10.35 $/month
  })");
  REQUIRE(compiled.graph.has_value());
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](auto, auto) { return 1; });
  auto b = bill_or_fail(*compiled.graph, usage, ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(amount(b, "basic") == "10.70");
  CHECK(find_item(b, "basic")->unrounded.to_string() == "10.695");
}

TEST_CASE("checks: $/year outside minimums, bad clock times, demand tiers with period columns, a late fee on charges") {
  auto d = rateline::test::summary(compile_text(R"(tariff "T" {
  currency USD timezone "UTC" effective 2024-01-01 rounding line_items 0.01 up
  period pk: weekday 13:75-18:00
  period off: otherwise
  charge a "Annual fee": 120 $/year
  charge d "Demand" on demand: tiers proportional { first 50 kW: pk 10 $/kW, off 5 $/kW  above: pk 8 $/kW, off 4 $/kW }
  late_fee late "Late Payment Charge": 1.5 % of charges
  charge nm "Net metering credit" on received_energy: -0.05 $/kWh
})").diagnostics);
  REQUIRE(d.size() == 5);
  CHECK(d[0] == "E0213 3:22 not a time of day");
  CHECK(d[1] == "E0301 5:30 a $/year price is only for annual minimums");
  CHECK(d[2] == "E0313 6:32 one price per period applies to energy tiers; demand tiers are priced per period with `by period { ... }`");
  CHECK(d[3] == "E0911 7:12 the late fee does not say how many days after the due date it applies");
  CHECK(d[4] == "E0910 7:46 a late fee is a percentage of `past_due` only, the account's past-due balance");
}
