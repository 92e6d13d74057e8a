// The language, feature by feature, billed on usage simple enough to work by hand.
// Each test quotes the tariff line it exercises and shows the arithmetic.
//
// Usage: July 2024 in America/New_York, hourly, 1 kWh every hour (744 kWh) unless said
// otherwise. July 1 2024 is a Monday: 23 weekdays, so weekday 13:00-18:00 holds
// 23 × 5 = 115 kWh and the rest of the month 629 kWh.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::graph_of;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

// 1 kWh an hour (scale 0), 3 kWh in the hour starting 2024-07-10 15:00 local (a Wednesday, on peak)
IntervalUsage july(bool with_peak = true) {
  return usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [&](std::size_t, std::chrono::local_seconds t) {
    auto day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::hh_mm_ss hms{t - day};
    return with_peak && std::chrono::year_month_day{day} == ymd(2024, 7, 10) && hms.hours().count() == 15 ? 3 : 1;
  });
}

std::string amount(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  if (!li) return "(no line " + id + ")";
  return li->amount.to_string();
}
std::string quantity(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  if (!li) return "(no line " + id + ")";
  return li->quantity.to_string();
}

}  // namespace

TEST_CASE("bill: customer charge, flat energy, demand, a rider and a tax on both") {
  auto g = graph_of(R"(
    charge basic "Basic Customer Charge": 14.00 $/month
    charge energy "Energy Charge" on energy: 0.1 $/kWh
    charge demand "Demand Charge" on demand: 10 $/kW
    rider rec "Renewable Rider": 2.5 % of basic, energy
    tax sales "Sales Tax": 7 % of charges, riders)");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(amount(b, "basic") == "14.00");
  CHECK(quantity(b, "energy") == "746");       // 744 hours + 2 extra kWh in the 3 kWh hour
  CHECK(amount(b, "energy") == "74.60");       // 746 × 0.1
  CHECK(quantity(b, "demand") == "3");         // highest hourly kWh × 60/60
  CHECK(amount(b, "demand") == "30.00");       // 3 kW × $10
  CHECK(quantity(b, "rec") == "88.60");        // 14.00 + 74.60
  CHECK(amount(b, "rec") == "2.22");           // 2.5 % × 88.60 = 2.215 -> half up 2.22
  CHECK(quantity(b, "sales") == "120.82");     // 14 + 74.60 + 30 + 2.22
  CHECK(amount(b, "sales") == "8.46");         // 7 % × 120.82 = 8.4574
  CHECK(b.total.to_string() == "129.28");      // 14 + 74.60 + 30 + 2.22 + 8.46
  Decimal sum;
  for (auto& li : b.line_items) sum += li.amount;
  CHECK(sum == b.total);
}

TEST_CASE("bill: per-day charges and a daily baseline tier (kWh/day × days)") {
  auto g = graph_of(R"(
    charge daily "Daily Service Charge": 0.32854 $/day
    charge energy "Energy" on energy: tiers { up to 10 kWh/day: 0.10 $/kWh  above: 0.12 $/kWh })");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(quantity(b, "daily") == "31");
  CHECK(amount(b, "daily") == "10.18");        // 31 × 0.32854 = 10.18474
  CHECK(quantity(b, "energy.t1") == "310");    // 10 kWh/day × 31 days
  CHECK(amount(b, "energy.t1") == "31.00");
  CHECK(quantity(b, "energy.t2") == "436");    // 746 − 310
  CHECK(amount(b, "energy.t2") == "52.32");    // 436 × 0.12
}

TEST_CASE("bill: first / next / over tiers and a declining block") {
  // "First 300 kWh @ 12¢, next 300 kWh @ 10¢, over 600 kWh @ 8¢" (declining)
  auto g = graph_of(R"(charge energy "Energy" on energy: tiers { first 300 kWh: 12 ¢/kWh  next 300 kWh: 10 ¢/kWh  over 600 kWh: 8 ¢/kWh })");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(amount(b, "energy.t1") == "36.00");    // 300 × 0.12
  CHECK(amount(b, "energy.t2") == "30.00");    // 300 × 0.10
  CHECK(quantity(b, "energy.t3") == "146");    // 746 − 600
  CHECK(amount(b, "energy.t3") == "11.68");    // 146 × 0.08
  CHECK(b.total.to_string() == "77.68");
}

TEST_CASE("bill: time-of-use energy by period") {
  auto g = graph_of(R"(
    period on_peak "On-Peak": weekday 13:00-18:00
    period off_peak "Off-Peak": otherwise
    charge energy "Energy" on energy: by period { on_peak: 0.25 $/kWh  off_peak: 0.08 $/kWh })");
  auto b = bill_or_fail(g, july(false), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(quantity(b, "energy.on_peak") == "115");   // 23 weekdays × 5 hours
  CHECK(amount(b, "energy.on_peak") == "28.75");   // 115 × 0.25
  CHECK(quantity(b, "energy.off_peak") == "629");  // 744 − 115
  CHECK(amount(b, "energy.off_peak") == "50.32");  // 629 × 0.08
}

TEST_CASE("bill: tiers with TOU, proportional (SAM) and chronological") {
  const char* body = R"(
    period on_peak: weekday 13:00-18:00
    period off_peak: otherwise
    charge energy "Energy" on energy: tiers %s { up to 500 kWh: on_peak 0.3 $/kWh, off_peak 0.1 $/kWh
                                                   above: on_peak 0.4 $/kWh, off_peak 0.2 $/kWh })";
  char text[600];
  std::snprintf(text, sizeof text, body, "proportional");
  auto b = bill_or_fail(graph_of(text), july(false), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // 744 kWh: tier 1 holds 500, tier 2 244. Each period gets its share of each tier:
  // on-peak 115 × 500/744 = 77.284946236559 kWh (12 places) × 0.3 = 23.1854838709677 -> 23.19
  CHECK(quantity(b, "energy.on_peak.t1") == "77.284946236559");
  CHECK(amount(b, "energy.on_peak.t1") == "23.19");
  CHECK(amount(b, "energy.off_peak.t1") == "42.27");   // 629 × 500/744 = 422.715053763441 × 0.1
  CHECK(amount(b, "energy.on_peak.t2") == "15.09");    // 115 × 244/744 = 37.715053763441 × 0.4
  CHECK(amount(b, "energy.off_peak.t2") == "41.26");   // 629 × 244/744 = 206.284946236559 × 0.2

  std::snprintf(text, sizeof text, body, "chronological");
  b = bill_or_fail(graph_of(text), july(false), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // The first 500 kWh are the first 500 hours: Jul 1 00:00 .. Jul 21 19:00. Jul 1-20 has 15
  // weekdays (75 on-peak hours); Jul 21 is a Sunday. So tier 1: 75 on, 425 off; tier 2: 40 on, 204 off.
  CHECK(quantity(b, "energy.on_peak.t1") == "75");
  CHECK(amount(b, "energy.on_peak.t1") == "22.50");
  CHECK(quantity(b, "energy.off_peak.t1") == "425");
  CHECK(quantity(b, "energy.on_peak.t2") == "40");
  CHECK(amount(b, "energy.on_peak.t2") == "16.00");
  CHECK(quantity(b, "energy.off_peak.t2") == "204");
  CHECK(amount(b, "energy.off_peak.t2") == "40.80");
}

TEST_CASE("bill: on-peak demand with demand tiers") {
  auto g = graph_of(R"(
    period on_peak: weekday 13:00-18:00
    period off_peak: otherwise
    charge d "On-Peak Demand" on demand in on_peak: tiers { first 2 kW: 10 $/kW  above: 8 $/kW }
    charge e "Energy" on energy: 0.1 $/kWh)");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(quantity(b, "d.t1") == "2");
  CHECK(amount(b, "d.t1") == "20.00");   // 2 kW × $10
  CHECK(quantity(b, "d.t2") == "1");     // 3 kW peak (Jul 10 15:00, on peak) − 2
  CHECK(amount(b, "d.t2") == "8.00");
}

TEST_CASE("bill: a season change inside the period splits the bill by days") {
  // Sep 16 - Oct 16 2024: 15 summer days, 15 winter days, 2 kWh every hour (720 kWh each part).
  auto usage = usage_for("America/New_York", ymd(2024, 9, 16), ymd(2024, 10, 16), 60, 0, [](auto, auto) { return 2; });
  auto g = graph_of(R"(
    season summer "Summer": Jun 1 - Sep 30
    season winter "Winter": Oct 1 - May 31
    charge basic "Basic": 14.00 $/month
    charge energy "Energy" on energy: by season {
      summer: tiers { first 800 kWh: 11.23 ¢/kWh  over 800 kWh: 12.23 ¢/kWh }
      winter: 10.23 ¢/kWh
    })");
  auto b = bill_or_fail(g, usage, ymd(2024, 9, 16), ymd(2024, 10, 16));
  CHECK(amount(b, "basic") == "14.00");               // not by season: one monthly charge
  CHECK(quantity(b, "energy.summer.t1") == "400");   // 800 kWh limit × 15/30 days
  CHECK(amount(b, "energy.summer.t1") == "44.92");   // 400 × 0.1123
  CHECK(quantity(b, "energy.summer.t2") == "320");   // 720 − 400
  CHECK(amount(b, "energy.summer.t2") == "39.14");   // 320 × 0.1223 = 39.136
  CHECK(quantity(b, "energy.winter") == "720");
  CHECK(amount(b, "energy.winter") == "73.66");      // 720 × 0.1023 = 73.656
  CHECK(find_item(b, "energy.summer.t1")->label == "Energy, Summer (15 days), first 800 kWh");
}

TEST_CASE("bill: hours-use blocks (kWh per kW of demand) with kWh steps inside") {
  // peak 3 kW: block 1 = 200 kWh/kW × 3 = 600 kWh, block 2 up to 400 kWh/kW = 1200 kWh
  auto g = graph_of(R"(charge e "Energy" on energy: tiers {
      up to 200 kWh/kW: tiers { up to 100 kWh: 0.10 $/kWh  above: 0.09 $/kWh }
      up to 400 kWh/kW: 0.05 $/kWh
      above: 0.04 $/kWh })");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(quantity(b, "e.t1.1") == "100");   // block 1, first step
  CHECK(quantity(b, "e.t1.2") == "500");   // block 1, rest: 600 − 100
  CHECK(quantity(b, "e.t2") == "146");     // 746 − 600, inside block 2
  CHECK(b.total.to_string() == "62.30"); // 10.00 + 45.00 + 7.30
}

TEST_CASE("bill: prices by month and by account attribute") {
  auto g = graph_of(R"(
    charge base "Base Charge": by meter_size { in_5_8: 12.00 $/month  in_1: 20.00 $/month }
    rider fuel "Fuel Adjustment" on energy: by month { Jun, Jul, Aug: 0.031 $/kWh  otherwise: 0.029 $/kWh })");
  Account account;
  account.attributes["meter_size"] = "in_1";
  auto b = bill_or_fail(g, july(false), ymd(2024, 7, 1), ymd(2024, 8, 1), account);
  CHECK(amount(b, "base") == "20.00");
  CHECK(amount(b, "fuel") == "23.06");   // 744 × 0.031 = 23.064
  // without the attribute the bill is refused, never guessed
  auto missing = rateline::bill(g, july(false), BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, BillOptions{});
  CHECK_FALSE(missing.bill.has_value());
  REQUIRE(!missing.diagnostics.empty());
  CHECK(missing.diagnostics[0].code == "B0010");
}

TEST_CASE("bill: a monthly minimum tops up the charges it covers") {
  auto g = graph_of(R"(
    charge basic "Basic": 5.00 $/month
    charge energy "Energy" on energy: 0.01 $/kWh
    minimum min "Minimum Bill": 25.00 $/month of charges)");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(amount(b, "energy") == "7.46");   // 746 × 0.01
  CHECK(amount(b, "min") == "12.54");     // 25.00 − (5.00 + 7.46)
  CHECK(b.total.to_string() == "25.00");
}

TEST_CASE("bill: rounding modes apply per line item") {
  // 746 kWh × 0.0125 = 9.325: half_up 9.33, half_even 9.32, toward_zero 9.32
  for (auto [mode, expected] : {std::pair{"half_up", "9.33"}, std::pair{"half_even", "9.32"}, std::pair{"toward_zero", "9.32"},
                                 std::pair{"ceiling", "9.33"}}) {
    auto g = graph_of("charge e \"Energy\" on energy: 0.0125 $/kWh", std::string("rounding line_items 0.01 ") + mode);
    auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
    CAPTURE(mode);
    CHECK(amount(b, "e") == expected);
    CHECK(find_item(b, "e")->unrounded.to_string() == "9.3250");
  }
  auto g = graph_of("charge e \"Energy\" on energy: 0.0125 $/kWh", "rounding none");
  CHECK(amount(bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1)), "e") == "9.3250");
}

TEST_CASE("bill: the fall-back day has 25 hours and all of them are billed") {
  auto usage = usage_for("America/New_York", ymd(2024, 11, 1), ymd(2024, 12, 1), 60, 0, [](auto, auto) { return 1; });
  CHECK(usage.delivered.values.size() == 721);   // 30 days × 24 + the repeated hour
  auto g = graph_of("charge e \"Energy\" on energy: 0.1 $/kWh");
  auto b = bill_or_fail(g, usage, ymd(2024, 11, 1), ymd(2024, 12, 1));
  CHECK(quantity(b, "e") == "721");
}

TEST_CASE("bill: demand over a 15-minute window from 5-minute data, fixed and sliding") {
  // 5-minute kWh: 0.1 everywhere, except 0.5 at 12:05 and 12:10 on Jul 2.
  // fixed 15-min blocks: 12:00-12:15 holds 0.1 + 0.5 + 0.5 = 1.1 kWh -> 4.4 kW
  // sliding: the best 15 minutes is the same 12:00-12:15 here (1.1 kWh), or 12:05-12:20 (1.1): 4.4 kW
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 5, 1, [](auto, std::chrono::local_seconds t) {
    auto day = std::chrono::floor<std::chrono::days>(t);
    auto minute = std::chrono::duration_cast<std::chrono::minutes>(t - day).count();
    bool spike = std::chrono::year_month_day{day} == ymd(2024, 7, 2) && (minute == 12 * 60 + 5 || minute == 12 * 60 + 10);
    return spike ? 5 : 1;
  });
  for (auto [window, expected] : {std::pair{"15min", "4.4"}, std::pair{"15min_sliding", "4.4"}, std::pair{"10min_sliding", "6.0"}}) {
    auto g = graph_of(std::string("demand_window ") + window + "\n charge d \"Demand\" on demand: 1 $/kW");
    auto b = bill_or_fail(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1));
    CAPTURE(window);
    CHECK(quantity(b, "d") == expected);   // 10 min sliding: 0.5 + 0.5 = 1.0 kWh in 10 min = 6 kW
  }
  // with the data interval the demand is the highest 5-minute value: 0.5 kWh × 12 = 6 kW
  auto g = graph_of("demand_window 15min\n charge d \"Demand\" on demand: 1 $/kW");
  BillOptions data;
  data.demand_window = DemandWindowPolicy::data_interval;
  CHECK(quantity(bill_or_fail(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), {}, data), "d") == "6.0");
}

TEST_CASE("bill: billing many periods at once equals billing each alone") {
  auto usage = usage_for("America/New_York", ymd(2024, 1, 1), ymd(2025, 1, 1), 60, 0, [](std::size_t i, auto) { return 1 + static_cast<std::int64_t>(i % 7); });
  auto g = graph_of(R"(
    season summer: Jun 1 - Sep 30
    season winter: Oct 1 - May 31
    period on_peak: summer weekday 13:00-18:00
    period off_peak: otherwise
    charge basic "Basic": 14.00 $/month
    charge energy "Energy" on energy: by season { summer: by period { on_peak: 0.2 $/kWh  off_peak: 0.1 $/kWh }  winter: 0.09 $/kWh }
    charge d "Demand" on demand: 3 $/kW
    rider r "Rider": 3 % of charges)");
  auto periods = monthly_periods(ymd(2024, 1, 1), ymd(2025, 1, 1));
  REQUIRE(periods.size() == 12);
  auto series = bill_periods(g, usage, periods, {}, {});
  REQUIRE(series.series.has_value());
  Decimal total;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    auto alone = bill_or_fail(g, usage, periods[i].from, periods[i].to);
    const auto& together = series.series->bills[i];
    CHECK(alone.total == together.total);
    CHECK(alone.line_items.size() == together.line_items.size());
    total += alone.total;
  }
  CHECK(total == series.series->total);
}

TEST_CASE("bill: an annual minimum tops up the last of twelve bills") {
  auto usage = usage_for("America/New_York", ymd(2024, 1, 1), ymd(2025, 1, 1), 60, 0, [](auto, auto) { return 0; });
  auto g = graph_of(R"(
    charge basic "Basic": 10.00 $/month
    minimum annual "Annual Minimum": 300.00 $/year of charges)");
  auto series = bill_periods(g, usage, monthly_periods(ymd(2024, 1, 1), ymd(2025, 1, 1)), {}, {});
  REQUIRE(series.series.has_value());
  auto& bills = series.series->bills;
  CHECK(bills[0].total.to_string() == "10.00");
  CHECK(amount(bills[11], "annual") == "180.00");   // 300 − 12 × 10
  CHECK(series.series->total.to_string() == "300.00");
}

TEST_CASE("bill: usage that does not cover the period is refused unless a policy says so") {
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 7, 20), 60, 0, [](auto, auto) { return 1; });
  auto g = graph_of("charge e \"Energy\" on energy: 0.1 $/kWh");
  auto refused = rateline::bill(g, usage, BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, {}, {});
  CHECK_FALSE(refused.bill.has_value());
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].code == "B0005");
  BillOptions partial;
  partial.coverage = CoveragePolicy::bill_available;
  auto b = bill_or_fail(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), {}, partial);
  CHECK(quantity(b, "e") == "456");   // 19 days × 24
  REQUIRE(!b.notes.empty());
  CHECK(b.notes[0].code == "B0006");
  // a period before the tariff takes effect
  auto early = rateline::bill(g, usage, BillingPeriod{ymd(2023, 12, 1), ymd(2024, 1, 1)}, {}, {});
  CHECK_FALSE(early.bill.has_value());
  CHECK(early.diagnostics.at(0).code == "B0004");
}

TEST_CASE("bill: TOU periods with different tiers in the same month (NREL SAM refuses these)") {
  // on-peak: first 100 kWh at 0.30, above at 0.40; off-peak: first 500 kWh at 0.10, above at 0.12,
  // each counted on its own period's energy (tiers within each period)
  auto g = graph_of(R"(
    period on_peak: weekday 13:00-18:00
    period off_peak: otherwise
    charge energy "Energy" on energy: by period {
      on_peak: tiers { first 100 kWh: 0.30 $/kWh  above: 0.40 $/kWh }
      off_peak: tiers { first 500 kWh: 0.10 $/kWh  above: 0.12 $/kWh }
    })");
  auto b = bill_or_fail(g, july(false), ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(amount(b, "energy.on_peak.t1") == "30.00");    // 100 × 0.30
  CHECK(quantity(b, "energy.on_peak.t2") == "15");     // 115 − 100
  CHECK(amount(b, "energy.on_peak.t2") == "6.00");     // 15 × 0.40
  CHECK(amount(b, "energy.off_peak.t1") == "50.00");   // 500 × 0.10
  CHECK(quantity(b, "energy.off_peak.t2") == "129");   // 629 − 500
  CHECK(amount(b, "energy.off_peak.t2") == "15.48");   // 129 × 0.12
  CHECK(b.total.to_string() == "101.48");
}

TEST_CASE("bill: percentages with caps and floors (\"not to exceed\", \"at least\")") {
  auto g = graph_of(R"(
    charge basic "Basic": 10.00 $/month
    charge energy "Energy" on energy: 0.10 $/kWh
    rider franchise "Franchise Fee": 3 % of charges, at most 1.75 $
    credit lowinc "Low-Income Discount": -20 % of charges, at most 15.00 $
    tax sales "Sales Tax": 5 % of charges
    tax fee "Regulatory Fee": 5 % of charges, at least 5.00 $)");
  auto b = bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1));
  // charges: 10.00 + 746 × 0.10 = 84.60
  CHECK(amount(b, "franchise") == "1.75");    // 3 % × 84.60 = 2.538, "not to exceed $1.75"
  CHECK(amount(b, "lowinc") == "-15.00");     // −20 % × 84.60 = −16.92, a discount of at most $15
  CHECK(amount(b, "sales") == "4.23");        // 5 % × 84.60 = 4.23
  CHECK(amount(b, "fee") == "5.00");          // 4.23 raised to the $5.00 floor
  CHECK(b.total.to_string() == "80.58");      // 84.60 + 1.75 − 15.00 + 4.23 + 5.00
}

TEST_CASE("check: caps and floors belong to percentages") {
  auto d = rateline::test::summary(compile_text(R"(tariff "T" {
  currency USD timezone "UTC" effective 2024-01-01 rounding none
  charge basic "Basic": 10 $/month at most 5 $
  rider r "R": 3 % of basic, at most 2 $/kWh
  rider s "S": 3 % of basic, at most 1 $, at least 2 $
})").diagnostics);
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "E0406 3:44 `at most` / `at least` limit a percentage of other charges");
  CHECK(d[1] == "E0406 4:38 a limit is an amount of money, e.g. `1.75 $`");
  CHECK(d[2] == "E0406 5:52 `at least` is above `at most`");
}
