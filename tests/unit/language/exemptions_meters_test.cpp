// Charges that depend on the account: `$/meter` counts the account's meters, and
// `unless ATTRIBUTE` exempts accounts (docs/language.md, "Prices and units" and
// "Exemptions"). Usage: July 2024, New York, 1 kWh every hour (744 kWh).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::graph_of;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;
using rateline::test::tariff_text;

namespace {

IntervalUsage july() {
  return usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](std::size_t, std::chrono::local_seconds) { return 1; });
}

BillResult bill_of(const RateGraph& g, std::map<std::string, std::string> attributes) {
  Account account;
  account.attributes = std::move(attributes);
  BillOptions options;
  options.trace = true;
  return bill(g, july(), BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, account, options);
}

std::string amount(const BillResult& r, const std::string& id) {
  if (!r.bill) return "(no bill)";
  auto* li = find_item(*r.bill, id);
  return li ? li->amount.to_string() : "(no line " + id + ")";
}

const char* kTaxed = R"(
  charge energy "Energy Charge" on energy: 0.1 $/kWh
  tax state "State Sales Tax": 6 % of charges unless tax_exempt
  tax city "City Utility Tax": 2 % of charges)";

}  // namespace

TEST_CASE("meters: a $/meter charge counts the account's meters, else the usage's one meter") {
  auto g = graph_of(R"(
  charge meter "Meter Charge": 3.00 $/meter
  charge energy "Energy Charge" on energy: 0.1 $/kWh)");
  // "3.00 per meter": 3 meters × 3.00 = $9.00
  auto three = bill_of(g, {{"meters", "3"}});
  CHECK(amount(three, "meter") == "9.00");
  REQUIRE(three.bill);
  CHECK(find_item(*three.bill, "meter")->quantity.to_string() == "3");
  CHECK(three.bill->total.to_string() == "83.40");   // 9.00 + 744 × 0.1
  // no `meters`: the usage file is one meter's (the documented rule), $3.00
  auto one = bill_of(g, {});
  CHECK(amount(one, "meter") == "3.00");
  const auto& trace = find_item(*one.bill, "meter")->trace;
  CHECK(std::find(trace.begin(), trace.end(), "1 meter (the usage is one meter's; the account gives no `meters`)") != trace.end());
  // not a count: refused
  auto bad = bill_of(g, {{"meters", "2.5"}});
  CHECK_FALSE(bad.bill);
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].code == "B0052");
  CHECK(bad.diagnostics[0].message == "the account attribute `meters` must be a whole number of meters, not `2.5`");
}

TEST_CASE("exemptions: a tax that does not apply to exempt accounts") {
  auto g = graph_of(kTaxed);
  // not exempt: 6 % × 74.40 = 4.464 -> $4.46; city 2 % × 74.40 = 1.488 -> $1.49; total 74.40 + 4.46 + 1.49 = $80.35
  auto taxed = bill_of(g, {{"tax_exempt", "no"}});
  CHECK(amount(taxed, "state") == "4.46");
  CHECK(amount(taxed, "city") == "1.49");
  CHECK(taxed.bill->total.to_string() == "80.35");
  const auto& trace = find_item(*taxed.bill, "state")->trace;
  CHECK(std::find(trace.begin(), trace.end(), "billed: the account's tax_exempt is no") != trace.end());
  // exempt: no state tax line, the city tax still applies: 74.40 + 1.49 = $75.89
  auto exempt = bill_of(g, {{"tax_exempt", "yes"}});
  REQUIRE(exempt.bill);
  CHECK(find_item(*exempt.bill, "state") == nullptr);
  CHECK(amount(exempt, "city") == "1.49");
  CHECK(exempt.bill->total.to_string() == "75.89");
  REQUIRE(exempt.bill->notes.size() == 1);
  CHECK(exempt.bill->notes[0].message == "State Sales Tax is not billed: the account's tax_exempt is yes");
}

TEST_CASE("exemptions: an account that does not say is refused, not taxed or untaxed by default") {
  auto g = graph_of(kTaxed);
  auto missing = bill_of(g, {});
  CHECK_FALSE(missing.bill);
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].code == "B0053");
  CHECK(missing.diagnostics[0].message ==
        "charge `state` does not apply when the account attribute `tax_exempt` is yes; the account does not give it");
  auto unclear = bill_of(g, {{"tax_exempt", "maybe"}});
  REQUIRE(unclear.diagnostics.size() == 1);
  CHECK(unclear.diagnostics[0].message ==
        "charge `state` does not apply when the account attribute `tax_exempt` is yes; the account gives `maybe`");
}

TEST_CASE("exemptions: `unless` needs an attribute name") {
  auto d = summary(compile_text(tariff_text(" tax state \"State Tax\": 6 % of charges unless\n")).diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 6:1 syntax error: expected the account attribute that exempts the account, e.g. `unless tax_exempt`");
}
