// One compiled rate graph bills many accounts from many threads at once: the graph is
// immutable (its calendar cache is guarded), so every thread gets the same bills.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include <thread>

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::usage_for;
using rateline::test::ymd;

TEST_CASE("threads: one graph, eight threads, many accounts, identical bills") {
  auto compiled = compile_text(R"(tariff "T" {
    currency USD timezone "America/New_York" effective 2024-01-01 rounding line_items 0.01 half_up
    season summer: Jun 1 - Sep 30
    season winter: Oct 1 - May 31
    period on_peak: summer weekday 13:00-18:00
    period off_peak: otherwise
    charge basic "Basic": 14.00 $/month
    charge energy "Energy" on energy: by period { on_peak: 0.25 $/kWh  off_peak: 0.08 $/kWh }
    charge d "Demand" on demand: 4 $/kW
    tax t "Tax": 7 % of charges
  })");
  REQUIRE(compiled.graph.has_value());
  const RateGraph graph = *compiled.graph;
  // 16 accounts with different loads on the same 15-minute grid
  std::vector<IntervalUsage> accounts;
  for (int a = 0; a < 16; ++a)
    accounts.push_back(usage_for("America/New_York", ymd(2024, 6, 1), ymd(2024, 9, 1), 15, 3,
                                 [a](std::size_t i, auto) { return static_cast<std::int64_t>(100 + (i * (7 + a)) % 900); }));
  auto periods = monthly_periods(ymd(2024, 6, 1), ymd(2024, 9, 1));
  std::vector<Decimal> expected;
  for (auto& u : accounts) expected.push_back(bill_periods(graph, u, periods, {}, {}).series.value().total);

  std::vector<std::vector<Decimal>> got(8, std::vector<Decimal>(accounts.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t round = 0; round < 3; ++round)
        for (std::size_t a = 0; a < accounts.size(); ++a) {
          auto r = bill_periods(graph, accounts[(a + t) % accounts.size()], periods, {}, {});
          if (r.series) got[t][(a + t) % accounts.size()] = r.series->total;
        }
    });
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < 8; ++t)
    for (std::size_t a = 0; a < accounts.size(); ++a) {
      CAPTURE(t);
      CAPTURE(a);
      CHECK(got[t][a] == expected[a]);
    }
}
