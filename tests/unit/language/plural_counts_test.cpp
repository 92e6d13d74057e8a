// Counts in labels, notes and the explain trace agree with their number: "1 interval",
// "1 day", "2 days" (core/plural.hpp).
#include <doctest/doctest.h>

#include "core/plural.hpp"
#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::ymd;

TEST_CASE("plural: count_of says 1 interval, 0 intervals, 2 days") {
  CHECK(count_of(1, "interval") == "1 interval");
  CHECK(count_of(0, "interval") == "0 intervals");
  CHECK(count_of(2, "day") == "2 days");
  CHECK(count_of(3, "child", "children") == "3 children");
}

TEST_CASE("plural: a bill from two reads is explained over 1 interval, not 1 intervals") {
  auto compiled = compile_text(
      "tariff \"P\" {\n  currency USD\n  timezone \"America/New_York\"\n  effective 2024-01-01\n"
      "  charge energy \"Energy\" on energy: 0.10 $/kWh\n}\n");
  REQUIRE(compiled.graph.has_value());
  auto r = read_register_reads("meter,read_date,reading,dials,multiplier,type\nM,2024-07-01,01000,5,1,actual\nM,2024-08-01,01900,5,1,actual\n",
                               "reads.csv", Unit::kWh);
  REQUIRE(r.usage.has_value());
  BillOptions options;
  options.trace = true;
  auto result = bill_periods(*compiled.graph, *r.usage, {{ymd(2024, 7, 1), ymd(2024, 8, 1)}}, {}, options);
  REQUIRE(result.series.has_value());
  std::string all;
  for (auto& li : result.series->bills.at(0).line_items)
    for (auto& step : li.trace) all += step + "\n";
  INFO(all);
  CHECK(all.find("1 intervals") == std::string::npos);
  CHECK(all.find("over 1 interval") != std::string::npos);
}
