// Prices by billing month (`by billing_month { 2024-07: ... }`) and tables kept in a factor
// file (`table fuel_2024` from an imported file): docs/language.md, "Prices by billing month".
// Usage: 1 kWh every hour, New York time (July and August 2024: 744 kWh each, September 720).
#include <doctest/doctest.h>

#include "rateline/tariff.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::rounded_tariff_text;   // the lines under test start on line 7
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

IntervalUsage summer() {
  return usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 10, 1), 60, 0, [](std::size_t, std::chrono::local_seconds) { return 1; });
}

BillResult bill_month(const RateGraph& g, unsigned month) {
  return bill(g, summer(), BillingPeriod{ymd(2024, month, 1), ymd(2024, month + 1, 1)}, Account{}, BillOptions{});
}

std::string amount(const BillResult& r, const std::string& id) {
  if (!r.bill) return "(no bill)";
  auto* li = find_item(*r.bill, id);
  return li ? li->amount.to_string() : "(no line " + id + ")";
}

RateGraph compiled(const std::string& text) {
  auto result = compile_text(text);
  std::string all;
  for (auto& d : result.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(result.graph.has_value());
  return *result.graph;
}

}  // namespace

TEST_CASE("billing month: a rider priced month by month, with otherwise and a percentage") {
  auto g = compiled(rounded_tariff_text(R"(  charge energy "Energy Charge" on energy: 0.08 $/kWh
  rider pca "Power Cost Adjustment" on energy: by billing_month {
    2024-07: 0.0041 $/kWh
    2024-08: 0.0039 $/kWh
    otherwise: 0.0050 $/kWh
  }
  tax franchise "Franchise Fee": by billing_month { 2024-07: 3 %  otherwise: 4 % } of charges, riders
)"));
  // July: 744 × 0.0041 = 3.0504 -> $3.05; franchise 3 % × (59.52 + 3.05) = 1.8771 -> $1.88
  auto july = bill_month(g, 7);
  CHECK(amount(july, "pca") == "3.05");
  CHECK(amount(july, "franchise") == "1.88");
  // August: 744 × 0.0039 = 2.9016 -> $2.90; franchise 4 % × 62.42 = 2.4968 -> $2.50
  auto august = bill_month(g, 8);
  CHECK(amount(august, "pca") == "2.90");
  CHECK(amount(august, "franchise") == "2.50");
  // September (30 days, 720 kWh), not in the table: `otherwise`, 720 × 0.0050 = $3.60
  CHECK(amount(bill_month(g, 9), "pca") == "3.60");
}

TEST_CASE("billing month: a month the table does not price is refused") {
  auto g = compiled(rounded_tariff_text("  rider pca \"Power Cost Adjustment\" on energy: by billing_month { 2024-07: 0.0041 $/kWh }\n"));
  auto september = bill_month(g, 9);
  CHECK_FALSE(september.bill.has_value());
  REQUIRE(september.diagnostics.size() == 1);
  CHECK(september.diagnostics[0].code == "B0055");
  CHECK(september.diagnostics[0].message == "charge `pca` has no price for the billing month 2024-09");
}

TEST_CASE("billing month: keys and table names are checked") {
  auto d = summary(compile_text(rounded_tariff_text("  rider pca \"PCA\" on energy: by billing_month { 2024-13: 0.0041 $/kWh  July: 0.1 $/kWh }\n")).diagnostics);
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0321 7:49 `2024-13` is not a billing month");
  CHECK(d[1] == "E0321 7:72 `July` is not a billing month");
  d = summary(compile_text(rounded_tariff_text("  rider fuel \"Fuel\" on energy: table fuel_2042\n")).diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0323 7:38 no table named `fuel_2042`");
}

TEST_CASE("billing month: a factor table imported from its own file") {
  auto result = compile_tariff_file(std::string(RATELINE_SOURCE_DIR) + "/examples/language/billing_month.tariff");
  REQUIRE(result.graph.has_value());
  CHECK(result.diagnostics.empty());
  // "2024-07: 0.0198 $/kWh" in fuel_factors_2024.factors: 744 × 0.0198 = 14.7312 -> $14.73
  auto july = bill_month(*result.graph, 7);
  CHECK(amount(july, "fuel") == "14.73");
  // "2024-08: 0.0202 $/kWh": 744 × 0.0202 = 15.0288 -> $15.03
  CHECK(amount(bill_month(*result.graph, 8), "fuel") == "15.03");
}
