// `rounding total STEP MODE`: the total rounded as the sheet says, with the difference shown as
// a line, so that the total is still the exact sum of the line items (docs/language.md,
// "Rounding"). Usage: July 2024, New York, 1 kWh every hour (744 kWh).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;
using rateline::test::tariff_text;

namespace {

Bill july_bill(const std::string& rounding) {
  auto result = compile_text(tariff_text(rounding +
                                         "\n charge basic \"Basic Charge\": 14.00 $/month\n"
                                         " charge energy \"Energy Charge\" on energy: 0.1123 $/kWh\n"));
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.graph.has_value());
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](std::size_t, std::chrono::local_seconds) { return 1; });
  BillOptions options;
  options.trace = true;
  auto r = bill(*result.graph, usage, BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, options);
  REQUIRE(r.bill.has_value());
  return *r.bill;
}

Decimal sum_of_lines(const Bill& b) {
  Decimal sum;
  for (auto& li : b.line_items) sum += li.amount;
  return sum;
}

}  // namespace

TEST_CASE("total rounding: unrounded line items and a rounding adjustment line") {
  auto b = july_bill(" rounding total 1 half_up");
  // 744 × 0.1123 = 83.5512 (not rounded); 14.00 + 83.5512 = 97.5512 -> $98 (whole dollars, half up)
  CHECK(find_item(b, "energy")->amount.to_string() == "83.5512");
  auto* adjustment = find_item(b, "rounding");
  REQUIRE(adjustment);
  CHECK(adjustment->label == "Rounding Adjustment");
  CHECK(adjustment->amount.to_string() == "0.4488");   // 98 − 97.5512
  CHECK(b.total.to_string() == "98");
  CHECK(b.total == sum_of_lines(b));
  CHECK(adjustment->trace.back() == "adjustment $98 − $97.5512 = $0.4488");
}

TEST_CASE("total rounding: with line items rounded to the cent, and none when the total is on the step") {
  auto b = july_bill(" rounding line_items 0.01 half_up\n rounding total 0.1 floor");
  // 14.00 + 83.55 = 97.55 -> 97.5 (0.1, floor): adjustment −0.05
  CHECK(find_item(b, "rounding")->amount.to_string() == "-0.05");
  CHECK(b.total.to_string() == "97.5");
  CHECK(b.total == sum_of_lines(b));
  auto on_step = july_bill(" rounding line_items 0.01 half_up\n rounding total 0.01 half_up");
  CHECK(find_item(on_step, "rounding") == nullptr);
  CHECK(on_step.total.to_string() == "97.55");
}

TEST_CASE("total rounding: stated once") {
  auto d = summary(compile_text(tariff_text(" rounding total 1 half_up\n rounding total 0.01 half_up\n")).diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0601 6:11 `rounding total` is given twice");
}
