// Taxes as Florida sheets and statutes state them (docs/language.md, "Gross-up and bases
// with exceptions"): a gross receipts tax grossed up, base × r / (1 − r), and a municipal
// public service tax on all lines except fuel (the gross receipts tax included).
// Usage: July 2024, New York, 1 kWh every hour (744 kWh).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include <algorithm>

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::graph_of;
using rateline::test::rounded_tariff_text;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

BillResult july_bill(const RateGraph& g) {
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](std::size_t, std::chrono::local_seconds) { return 1; });
  BillOptions options;
  options.trace = true;
  return bill(g, usage, BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, options);
}

std::string amount(const BillResult& r, const std::string& id) {
  if (!r.bill) return "(no bill)";
  auto* li = find_item(*r.bill, id);
  return li ? li->amount.to_string() : "(no line " + id + ")";
}

std::vector<std::string> check(const std::string& text) { return summary(compile_text(text).diagnostics); }

const char* kFlorida = R"(
  charge customer "Customer Charge": 10.00 $/month
  charge energy "Energy Charge" on energy: 0.1 $/kWh
  charge fuel "Fuel Charge" on energy: 0.04 $/kWh
  tax grt "Gross Receipts Tax": 2.5 % grossed up of charges
  tax pst "Public Service Tax": 10 % of all except fuel, rounded 0.01 half_up)";

}  // namespace

TEST_CASE("gross-up: 2.5 % grossed up is base / 39, rounded once as a line item") {
  auto r = july_bill(graph_of(kFlorida));
  REQUIRE(r.bill);
  // customer 10.00; energy 744 × 0.1 = 74.40; fuel 744 × 0.04 = 29.76; charges 114.16
  CHECK(amount(r, "customer") == "10.00");
  CHECK(amount(r, "energy") == "74.40");
  CHECK(amount(r, "fuel") == "29.76");
  // 114.16 × 2.5 / (100 − 2.5) = 114.16 / 39 = 2.927179487179… → $2.93
  CHECK(amount(r, "grt") == "2.93");
  const auto* grt = find_item(*r.bill, "grt");
  CHECK(grt->quantity.to_string() == "114.16");
  CHECK(grt->rate.to_string() == "2.5");
  const auto& trace = grt->trace;
  CHECK(std::find(trace.begin(), trace.end(), "grossed up: $114.16 × 2.5 / (100 − 2.5) = $2.927179487179") != trace.end());
  // all except fuel, the tax itself left out: 10.00 + 74.40 + 2.93 = 87.33; 10 % = 8.733 → $8.73
  CHECK(amount(r, "pst") == "8.73");
  CHECK(find_item(*r.bill, "pst")->quantity.to_string() == "87.33");
  // 114.16 + 2.93 + 8.73
  CHECK(r.bill->total.to_string() == "125.82");
}

TEST_CASE("gross-up: the grossed-up tax is the rate of the whole receipts, tax included") {
  // 3 % grossed up of 97.00: 97 × 3 / 97 = 3.00 exactly, and 3.00 is 3 % of 97.00 + 3.00 = 100.00
  auto r = july_bill(graph_of(R"(
  charge customer "Customer Charge": 97.00 $/month
  tax grt "Gross Receipts Tax": 3 % grossed up of charges)"));
  CHECK(amount(r, "grt") == "3.00");
  REQUIRE(r.bill);
  CHECK(r.bill->total.to_string() == "100.00");
}

TEST_CASE("check: a gross-up of 100 % or more, or of a price in money") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n"
                                     "  tax grt \"GRT\": 100 % grossed up of charges\n"
                                     "  tax b \"B\": 2 $/month grossed up\n"));
  REQUIRE(d.size() >= 2);
  CHECK(std::find(d.begin(), d.end(), "E0407 8:18 a gross-up of 100 % or more has no amount: the tax would be the whole bill or more") != d.end());
  CHECK(std::find(d.begin(), d.end(), "E0407 9:24 `grossed up` goes with a percentage rate") != d.end());
}

TEST_CASE("check: `except` names a line of the base") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n"
                                     "  charge fuel \"Fuel\" on energy: 0.04 $/kWh\n"
                                     "  rider r \"R\": 1 % of basic\n"
                                     "  tax a \"A\": 2 % of all except fule\n"
                                     "  tax b \"B\": 2 % of basic except fuel\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0401 10:32 `fule` is not a charge of this tariff");
  CHECK(d[1] == "E0408 11:34 `fuel` is not in the base of `b`, so it cannot be left out");
}

// A revision takes its base from the original charge: dropping `grossed up` or changing
// `except` in a revision would otherwise be ignored without a word (a silent wrong bill).
TEST_CASE("check: a revision keeps `grossed up` and `except`") {
  auto d = check(R"(tariff "T" {
  currency USD timezone "UTC" effective 2024-01-01 rounding none
  charge basic "Basic": 10 $/month
  charge fuel "Fuel" on energy: 0.04 $/kWh
  tax grt "GRT": 2.5 % grossed up of basic
  tax pst "PST": 10 % of all except fuel
  revision 2024-07-01 {
    tax grt "GRT": 3 % of basic
    tax pst "PST": 10 % of all
  }
})");
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0704 8:9 revision of `grt` must keep what it is (kind, `on` and `of`) and change only prices");
  CHECK(d[1] == "E0704 9:9 revision of `pst` must keep what it is (kind, `on` and `of`) and change only prices");
}
