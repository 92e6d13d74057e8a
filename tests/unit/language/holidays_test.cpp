// Holiday calendars in the language: the NERC calendar shipped in calendars/ and imported
// by a tariff, agreeing with the calendar layer's built-in NERC rules, and billed.
#include <doctest/doctest.h>

#include "graph/rate_graph_internals.hpp"
#include "rateline/calendar.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"

using namespace rateline;
using rateline::test::bill_or_fail;
using rateline::test::find_item;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

RateGraph nerc_tou() {
  auto compiled = compile_tariff_file(RATELINE_SOURCE_DIR "/tests/data/tariffs/nerc_tou.tariff");
  std::string all;
  for (auto& d : compiled.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(compiled.graph.has_value());
  return *compiled.graph;
}

// on-peak kWh of a month at 1 kWh an hour: 5 hours × the weekdays that are not holidays
std::string on_peak_kwh(int year, unsigned month) {
  auto from = ymd(year, month, 1);
  auto to = month == 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1);
  auto usage = usage_for("America/New_York", from, to, 60, 0, [](auto, auto) { return 1; });
  auto b = bill_or_fail(nerc_tou(), usage, from, to);
  return find_item(b, "energy.on_peak")->quantity.to_string();
}

}  // namespace

TEST_CASE("holidays: the shipped NERC calendar file agrees with the built-in NERC rules, 2020-2035") {
  auto compiled = compile_tariff_file(RATELINE_SOURCE_DIR "/tests/data/tariffs/nerc_tou.tariff");
  REQUIRE(compiled.graph.has_value());
  const auto& from_file = graph::tariff_of(*compiled.graph).groups.at(0).schedule.holidays;
  auto builtin = nerc_holidays();
  for (int y = 2020; y <= 2035; ++y) {
    CAPTURE(y);
    auto a = from_file.in_year(y);
    auto b = builtin.in_year(y);
    REQUIRE(a.size() == 6);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].first == b[i].first);
  }
}

TEST_CASE("holidays: Independence Day on a Saturday stays Saturday, on a Sunday moves to Monday") {
  // July 2026: 23 weekdays; Jul 4 is a Saturday (not moved): 23 × 5 = 115 on-peak kWh
  CHECK(on_peak_kwh(2026, 7) == "115");
  // July 2027: 22 weekdays; Jul 4 is a Sunday, observed Monday Jul 5: 21 × 5 = 105
  CHECK(on_peak_kwh(2027, 7) == "105");
  // November 2025: 20 weekdays, Thanksgiving Thu Nov 27: 19 × 5 = 95
  CHECK(on_peak_kwh(2025, 11) == "95");
  // May 2025: 22 weekdays, Memorial Day Mon May 26: 21 × 5 = 105
  CHECK(on_peak_kwh(2025, 5) == "105");
}
