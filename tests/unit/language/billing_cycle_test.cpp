// Quarterly and annual billing cycles (`billing_cycle`): prices per month, quarter and year
// billed as their exact share of one bill, tier limits per quarter, minimums, the checks
// that refuse a share no decimal states (E0360, E0361) and a period that is not a cycle (B0080).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::ymd;

namespace {

std::string tariff(const std::string& cycle, const std::string& body) {
  return "tariff \"Q\" {\n  service water\n  currency USD\n  timezone \"America/New_York\"\n  effective 2024-01-01\n" +
         (cycle.empty() ? std::string() : "  billing_cycle " + cycle + "\n") + "  rounding line_items 0.01 half_up\n" + body + "}\n";
}

std::vector<std::string> check(const std::string& text) { return summary(compile_text(text).diagnostics); }

RegisterUsage reads(const char* csv) {
  auto r = read_register_reads(csv, "reads.csv", Unit::gal);
  REQUIRE(r.usage.has_value());
  return *r.usage;
}

const char* kYear =
    "meter,read_date,reading,dials,multiplier,type\n"
    "Q1,2024-01-01,000000,6,1,actual\n"
    "Q1,2024-04-01,040000,6,1,actual\n"
    "Q1,2024-07-01,041000,6,1,actual\n"
    "Q1,2024-10-01,050000,6,1,actual\n"
    "Q1,2025-01-01,060000,6,1,actual\n";

BillSeriesResult run(const std::string& text, const std::vector<BillingPeriod>& periods) {
  auto compiled = compile_text(text);
  std::string all;
  for (auto& d : compiled.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(compiled.graph.has_value());
  return bill_periods(*compiled.graph, reads(kYear), periods, {}, {});
}

const std::string kBody =
    "  charge meter \"Meter Charge\": 6.50 $/month\n"
    "  charge hydrant \"Fire Hydrant Fee\": 50.00 $/year\n"
    "  charge service \"Service Charge\": 30.00 $/quarter\n"
    "  charge water \"Water\" on usage: tiers {\n"
    "    up to 2 kgal/month: 3.00 $/kgal\n"
    "    up to 30 kgal/quarter: 5.00 $/kgal\n"
    "    above: 7.00 $/kgal\n"
    "  }\n"
    "  minimum floor \"Quarterly Minimum\": 75.00 $/quarter of service, water\n";

}  // namespace

TEST_CASE("billing cycle: a quarterly bill is 3 months, 1 quarter and 0.25 year, and limits per month are tripled") {
  auto result = run(tariff("quarterly", kBody), {{ymd(2024, 1, 1), ymd(2024, 4, 1)}});
  REQUIRE(result.series.has_value());
  const auto& b = result.series->bills.at(0);
  CHECK(find_item(b, "meter")->quantity.to_string() == "3");       // 3 × 6.50 = 19.50
  CHECK(find_item(b, "meter")->amount.to_string() == "19.50");
  CHECK(find_item(b, "hydrant")->quantity.to_string() == "0.25");  // 0.25 × 50.00 = 12.50
  CHECK(find_item(b, "hydrant")->amount.to_string() == "12.50");
  CHECK(find_item(b, "service")->quantity.to_string() == "1");
  CHECK(find_item(b, "service")->unit == "quarter");
  // 40 kgal: 6 × 3.00 (2 kgal a month, 3 months) + 24 × 5.00 + 10 × 7.00
  CHECK(find_item(b, "water.t1")->quantity.to_string() == "6");
  CHECK(find_item(b, "water.t1")->amount.to_string() == "18.00");
  CHECK(find_item(b, "water.t2")->quantity.to_string() == "24");
  CHECK(find_item(b, "water.t3")->amount.to_string() == "70.00");
  CHECK(find_item(b, "floor") == nullptr);   // 30 + 208 is above the 75.00 minimum
  CHECK(b.total.to_string() == "270.00");
}

TEST_CASE("billing cycle: a quarterly minimum tops up a quarter's bill") {
  auto result = run(tariff("quarterly", kBody), {{ymd(2024, 4, 1), ymd(2024, 7, 1)}});
  REQUIRE(result.series.has_value());
  const auto& b = result.series->bills.at(0);
  // 1 kgal: 3.00; service 30.00 + 3.00 = 33.00, topped up to 75.00
  CHECK(find_item(b, "floor")->amount.to_string() == "42.00");
  CHECK(find_item(b, "floor")->unit == "quarter");
  CHECK(b.total.to_string() == "107.00");
}

TEST_CASE("billing cycle: cycle_periods cuts a year into quarters from the first month") {
  auto q = cycle_periods(ymd(2024, 1, 1), ymd(2025, 1, 1), 3);
  REQUIRE(q.size() == 4);
  CHECK(q[1].from == ymd(2024, 4, 1));
  CHECK(q[3].to == ymd(2025, 1, 1));
  auto result = run(tariff("quarterly", kBody), q);
  REQUIRE(result.series.has_value());
  CHECK(result.series->bills.size() == 4);
  CHECK(cycle_periods(ymd(2024, 2, 1), ymd(2024, 8, 1), 3).at(0).to == ymd(2024, 5, 1));
  CHECK(cycle_periods(ymd(2024, 1, 1), ymd(2024, 3, 1), 1).size() == 2);   // monthly
}

TEST_CASE("billing cycle: an annual bill is 12 months, 4 quarters and 1 year") {
  auto result = run(tariff("annual", "  charge meter \"Meter\": 6.50 $/month\n  charge service \"Service\": 30.00 $/quarter\n"
                                     "  charge hydrant \"Hydrant\": 50.00 $/year\n"),
                    {{ymd(2024, 1, 1), ymd(2025, 1, 1)}});
  REQUIRE(result.series.has_value());
  const auto& b = result.series->bills.at(0);
  CHECK(find_item(b, "meter")->quantity.to_string() == "12");
  CHECK(find_item(b, "service")->quantity.to_string() == "4");
  CHECK(find_item(b, "hydrant")->quantity.to_string() == "1");
  CHECK(b.total.to_string() == "248.00");   // 78 + 120 + 50
}

TEST_CASE("billing cycle: a period that is not a quarter is refused on a quarterly tariff (B0080)") {
  auto result = run(tariff("quarterly", kBody), {{ymd(2024, 1, 1), ymd(2024, 4, 1)}, {ymd(2024, 4, 1), ymd(2024, 7, 1)}});
  CHECK(result.series.has_value());
  auto refused = run(tariff("quarterly", kBody), {{ymd(2024, 1, 1), ymd(2024, 7, 1)}});
  REQUIRE(summary(refused.diagnostics).size() == 1);
  CHECK(refused.diagnostics[0].code == "B0080");
  CHECK(refused.diagnostics[0].message ==
        "the billing period 2024-01-01 .. 2024-07-01 is 182 days, but the tariff bills one quarter per bill (75 to 105 days)");
}

TEST_CASE("billing cycle: quarterly and annual prices on a monthly cycle are refused (E0360)") {
  auto d = check(tariff("", "  charge service \"Service\": 30.00 $/quarter\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0360 7:35 a price per quarter on a monthly billing cycle");
  auto hint = compile_text(tariff("", "  charge service \"Service\": 30.00 $/quarter\n")).diagnostics.at(0).hint;
  CHECK(hint == "a monthly bill is 1/3 of a quarter, which no decimal states exactly: add `billing_cycle quarterly` if the sheet "
                "bills so, or write the price per month as the sheet states it");
  d = check(tariff("", "  charge water \"Water\" on usage: tiers {\n    up to 30 kgal/quarter: 5.00 $/kgal\n    above: 7.00 $/kgal\n  }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0360 8:11 a tier limit per quarter on a monthly billing cycle");
  d = check(tariff("", "  charge service \"Service\": 30.00 $/month\n  minimum m \"Minimum\": 75.00 $/quarter of service\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0360 8:30 a price per quarter on a monthly billing cycle");
  // a $/year charge on a monthly cycle keeps its old error
  d = check(tariff("", "  charge fee \"Fee\": 50.00 $/year\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0301 7:27 a $/year price is only for annual minimums");
}

TEST_CASE("billing cycle: proration on a quarterly cycle is refused (E0361), an unknown cycle is E0103") {
  auto text = tariff("quarterly", "  proration days_over_30\n  charge service \"Service\": 30.00 $/quarter\n");
  auto d = check(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0361 6:17 proration applies to monthly bills, but this tariff bills quarterly");
  d = check(tariff("weekly", "  charge service \"Service\": 30.00 $/month\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0103 6:17 unknown billing cycle `weekly`");
}
