// Rounding per rate and per tier limit (docs/language.md, "Rounding"): a charge's own
// `rounded STEP MODE` rule for its line items, and `rounding limits STEP MODE` for the tier
// limits a bill computes (kWh/day × days, kWh/kW × kW, prorated limits). Usage: July 2024,
// New York, 1 kWh every hour (744 kWh).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::tariff_text;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {


Bill july_bill(const std::string& body, int days = 31) {
  auto result = compile_text(tariff_text(body));
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.graph.has_value());
  auto to = ymd(2024, 7, 1 + days);
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), to, 60, 0, [](std::size_t, std::chrono::local_seconds) { return 1; });
  BillOptions options;
  options.trace = true;
  auto r = bill(*result.graph, usage, BillingPeriod{ymd(2024, 7, 1), to}, Account{}, options);
  REQUIRE(r.bill.has_value());
  return *r.bill;
}

}  // namespace

TEST_CASE("rounding per rate: a tax truncated to the cent while the other lines round half up") {
  // "Sales tax ... computed to the cent, fractions of a cent dropped" next to charges rounded
  // to the nearest cent.
  auto b = july_bill(" rounding line_items 0.01 half_up\n"
                     " charge basic \"Basic Charge\": 14.00 $/month\n"
                     " charge energy \"Energy Charge\" on energy: 0.1123 $/kWh\n"
                     " tax sales \"Sales Tax\": 6.25 % of all, rounded 0.01 toward_zero\n");
  // 744 × 0.1123 = 83.5512 -> $83.55 (half up); base 14.00 + 83.55 = 97.55;
  // 6.25 % × 97.55 = 6.096875 -> $6.09 toward zero (half up would give $6.10)
  CHECK(find_item(b, "energy")->amount.to_string() == "83.55");
  auto* tax = find_item(b, "sales");
  REQUIRE(tax);
  CHECK(tax->unrounded.to_string() == "6.096875");
  CHECK(tax->amount.to_string() == "6.09");
  CHECK(tax->trace.back() == "amount $6.096875, rounded toward_zero to 0.01: $6.09");
  CHECK(b.total.to_string() == "103.64");   // 14.00 + 83.55 + 6.09
}

TEST_CASE("rounding per rate: a charge rounds even when the tariff rounds nothing") {
  auto b = july_bill(" rounding none\n"
                     " charge energy \"Energy Charge\" on energy: 0.1123 $/kWh\n"
                     " rider fuel \"Fuel Adjustment\" on energy: 0.021345 $/kWh, rounded 0.01 half_even\n");
  // 744 × 0.1123 = 83.5512 (kept); 744 × 0.021345 = 15.88068 -> $15.88
  CHECK(find_item(b, "energy")->amount.to_string() == "83.5512");
  CHECK(find_item(b, "fuel")->amount.to_string() == "15.88");
  CHECK(b.total.to_string() == "99.4312");
}

TEST_CASE("rounding limits: a per-day tier limit rounded to the nearest kWh before the tiers fill") {
  // BC Hydro: "a 60-day billing period would have a Step 1 threshold of 1,332 kWh (60 days x
  // 22.1918 kWh per day)" -- 1,331.508 rounded to the nearest kWh.
  auto body = std::string(" rounding line_items 0.01 half_up\n rounding limits 1 half_up\n"
                          " charge energy \"Energy Charge\" on energy: tiers {\n"
                          "   up to 22.1918 kWh/day: 0.1097 $/kWh\n"
                          "   above: 0.1408 $/kWh\n"
                          " }\n");
  auto b = july_bill(body);
  // 31 × 22.1918 = 687.9458 -> 688 kWh; 688 × 0.1097 = 75.4736 -> $75.47;
  // 744 − 688 = 56 kWh × 0.1408 = 7.8848 -> $7.88
  auto* t1 = find_item(b, "energy.t1");
  auto* t2 = find_item(b, "energy.t2");
  REQUIRE(t1);
  REQUIRE(t2);
  CHECK(t1->quantity.to_string() == "688");
  CHECK(t1->amount.to_string() == "75.47");
  CHECK(t2->quantity.to_string() == "56");
  CHECK(t2->amount.to_string() == "7.88");
  bool traced = false;
  for (auto& step : t1->trace) traced = traced || step == "tier limit 687.9458 rounded half_up to 688";
  CHECK(traced);
  // 30 days: 665.754 -> 666 kWh (half up; floor would give 665)
  auto june_like = july_bill(body, 30);
  CHECK(find_item(june_like, "energy.t1")->quantity.to_string() == "666");
}

TEST_CASE("check: rounding rules name a power-of-ten step and a known mode") {
  CHECK(summary(compile_text(tariff_text(" charge basic \"Basic\": 14.00 $/month, rounded 0.05 half_up\n")).diagnostics) ==
        std::vector<std::string>{"E0601 5:47 rounding step must be a power of ten such as 0.01"});
  CHECK(summary(compile_text(tariff_text(" charge basic \"Basic\": 14.00 $/month, rounded 0.01 nearest\n")).diagnostics) ==
        std::vector<std::string>{"E0601 5:52 unknown rounding mode `nearest`"});
  CHECK(summary(compile_text(tariff_text(" charge basic \"Basic\": 14.00 $/month, rounded 0.01\n")).diagnostics) ==
        std::vector<std::string>{"E0001 5:51 syntax error: expected the rounding mode, e.g. `half_up` (half_even, toward_zero, ...)"});
  CHECK(summary(compile_text(tariff_text(" rounding limits 1\n charge basic \"Basic\": 14.00 $/month\n")).diagnostics) ==
        std::vector<std::string>{"E0602 5:2 the rounding mode is not stated"});
  CHECK(summary(compile_text(tariff_text(" rounding limits 1 half_up\n rounding limits 1 floor\n charge basic \"Basic\": 14.00 $/month\n")).diagnostics) ==
        std::vector<std::string>{"E0601 6:11 `rounding limits` is given twice"});
}
