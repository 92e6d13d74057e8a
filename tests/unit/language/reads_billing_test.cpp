// Bills from meter register reads: energy between two read dates, split by days where a
// season changes, estimated reads marked, dial rollover and meter exchange carried
// through, and charges that need interval data refused.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::ymd;

namespace {

const char* kTariff = R"(tariff "Reads" {
  currency USD
  timezone "America/New_York"
  effective 2024-01-01
  rounding line_items 0.01 half_up
  season summer "Summer": Jun 1 - Sep 30
  season winter "Winter": Oct 1 - May 31
  charge basic "Customer Charge": 12.00 $/month
  charge energy "Energy Charge" on energy: by season { summer: 0.12 $/kWh  winter: 0.10 $/kWh }
})";

RegisterUsage reads(const char* csv) {
  auto r = read_register_reads(csv, "reads.csv", Unit::kWh);
  std::string all;
  for (auto& d : r.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(r.usage.has_value());
  return *r.usage;
}

Bill one(const RegisterUsage& usage, std::chrono::year_month_day from, std::chrono::year_month_day to, const char* tariff = kTariff) {
  auto compiled = compile_text(tariff);
  REQUIRE(compiled.graph.has_value());
  auto result = bill_periods(*compiled.graph, usage, {{from, to}}, {}, {});
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.series.has_value());
  return result.series->bills.at(0);
}

}  // namespace

TEST_CASE("reads bill: a month between two actual reads") {
  auto u = reads("meter,read_date,reading,dials,multiplier,type\n"
                 "M1,2024-07-01,04210,5,1,actual\n"
                 "M1,2024-08-01,05110,5,1,actual\n");
  auto b = one(u, ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(find_item(b, "energy")->quantity.to_string() == "900");   // 5110 − 4210
  CHECK(find_item(b, "energy")->amount.to_string() == "108.00");  // 900 × 0.12 (summer)
  CHECK(b.total.to_string() == "120.00");
  CHECK_FALSE(b.estimated);
}

TEST_CASE("reads bill: a season change between reads splits the energy by days") {
  // Sep 16 - Oct 16: 15 summer days, 15 winter days; 600 kWh -> 300 kWh each
  auto u = reads("meter,read_date,reading,dials,multiplier,type\n"
                 "M1,2024-09-16,1000,5,1,actual\n"
                 "M1,2024-10-16,1600,5,1,estimated\n");
  auto b = one(u, ymd(2024, 9, 16), ymd(2024, 10, 16));
  auto* summer = find_item(b, "energy.summer");
  auto* winter = find_item(b, "energy.winter");
  REQUIRE(summer);
  REQUIRE(winter);
  CHECK(summer->quantity.to_string() == "300");      // 600 × 15/30
  CHECK(summer->amount.to_string() == "36.00");      // 300 × 0.12
  CHECK(winter->amount.to_string() == "30.00");      // 300 × 0.10
  // the end read is estimated: the bill says so
  CHECK(b.estimated);
  CHECK(summer->label == "Energy Charge, Summer (15 days) (estimated)");
  REQUIRE(!b.notes.empty());
  CHECK(b.notes.back().code == "B0013");
}

TEST_CASE("reads bill: a dial rollover and a meter exchange inside the period") {
  // 5-dial meter rolls over 99850 -> 00120 (270 kWh), is exchanged on Jul 20 at 00400
  // (280 more), the new meter starts at 0 and reads 150 on Aug 1: 270 + 280 + 150 = 700 kWh
  auto u = reads("meter,read_date,reading,dials,multiplier,type,event\n"
                 "A,2024-07-01,99850,5,1,actual,\n"
                 "A,2024-07-10,00120,5,1,actual,\n"
                 "A,2024-07-20,00400,5,1,actual,final\n"
                 "B,2024-07-20,0,5,1,actual,initial\n"
                 "B,2024-08-01,150,5,1,actual,\n");
  auto b = one(u, ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(find_item(b, "energy")->quantity.to_string() == "700");
  CHECK(find_item(b, "energy")->amount.to_string() == "84.00");   // 700 × 0.12
}

TEST_CASE("reads bill: periods must start and end on read dates, TOU and demand need intervals") {
  auto u = reads("meter,read_date,reading,dials,multiplier,type\n"
                 "M1,2024-07-01,100,5,1,actual\n"
                 "M1,2024-08-01,200,5,1,actual\n");
  auto compiled = compile_text(kTariff);
  REQUIRE(compiled.graph.has_value());
  auto off = bill_periods(*compiled.graph, u, {{ymd(2024, 7, 2), ymd(2024, 8, 1)}}, {}, {});
  CHECK_FALSE(off.series.has_value());
  CHECK(off.diagnostics.at(0).code == "B0020");
  auto tou = compile_text(R"(tariff "TOU" {
    currency USD timezone "America/New_York" effective 2024-01-01 rounding none
    period on_peak: weekday 13:00-18:00
    period off_peak: otherwise
    charge e "Energy" on energy: by period { on_peak: 0.3 $/kWh  off_peak: 0.1 $/kWh }
  })");
  REQUIRE(tou.graph.has_value());
  auto refused = bill_periods(*tou.graph, u, {{ymd(2024, 7, 1), ymd(2024, 8, 1)}}, {}, {});
  CHECK_FALSE(refused.series.has_value());
  CHECK(refused.diagnostics.at(0).code == "B0021");
}
