// The Trace observer (eval/trace.hpp): a bill without BillOptions::trace carries no text,
// the same bill with it carries the explanation, and both have the same amounts.
#include "support/test_support.hpp"

#include "rateline/calendar.hpp"

#include <doctest/doctest.h>

using namespace rateline;
using rateline::test::ymd;

TEST_CASE("format_date: one way to write a date (rateline/calendar.hpp)") {
  CHECK(format_date(ymd(2024, 7, 1)) == "2024-07-01");
  CHECK(format_date(ymd(999, 12, 31)) == "0999-12-31");
}

TEST_CASE("trace observer: text only when asked for, amounts the same either way") {
  auto graph = test::graph_of(R"(
    proration days_over_30
    charge customer "Customer Charge": 10.35 $/month
    charge energy "Energy" on energy: tiers { first 500 kWh: 0.10 $/kWh  above: 0.12 $/kWh })");
  auto usage = test::usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0,
                               [](std::size_t, std::chrono::local_seconds) { return std::int64_t{1}; });
  BillOptions quiet, explained;
  explained.trace = true;
  auto a = bill(graph, usage, {ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, quiet);
  auto b = bill(graph, usage, {ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, explained);
  REQUIRE(a.bill);
  REQUIRE(b.bill);
  REQUIRE(a.bill->line_items.size() == b.bill->line_items.size());
  CHECK(a.bill->total == b.bill->total);
  for (std::size_t i = 0; i < a.bill->line_items.size(); ++i) {
    CHECK(a.bill->line_items[i].trace.empty());
    CHECK(a.bill->line_items[i].amount == b.bill->line_items[i].amount);
    CHECK_FALSE(b.bill->line_items[i].trace.empty());
  }
  auto customer = test::find_item(*b.bill, "customer");
  REQUIRE(customer);
  CHECK(customer->amount.to_string() == "10.70");
  REQUIRE(customer->trace.size() == 4);
  CHECK(customer->trace[1] == "prorated 31 days / 30 = 1.033333333333 month");
  CHECK(customer->trace[2] == "1.033333333333 month × 10.35 $/month = $10.695");
  CHECK(customer->trace[3] == "amount $10.695, rounded half_up to 0.01: $10.70");
}
