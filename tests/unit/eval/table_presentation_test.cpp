// The table as a customer reads it (docs/json-format.md, "The table"): quantities in the
// precision the sheet bills, zero part lines left off unless asked for; JSON keeps both.
#include <doctest/doctest.h>

#include "rateline/report.hpp"
#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::tariff_text;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

const char* kTiers =
    " rounding line_items 0.01 half_up\n"
    " charge service \"Service Charge\": 10 $/month\n"
    " charge energy \"Energy Charge\" on energy: tiers {\n"
    "   first 300 kWh: 0.124825 $/kWh\n"
    "   above: 0.111616 $/kWh\n"
    " }\n";

// July 2024, hourly, each hour `thousandths` / 1000 kWh (the data has three decimals)
IntervalUsage july(long long thousandths) {
  return usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 3, [=](std::size_t, auto) { return thousandths; });
}

Bill july_bill(const RateGraph& graph, long long thousandths) {
  return rateline::test::bill_or_fail(graph, july(thousandths), ymd(2024, 7, 1), ymd(2024, 8, 1));
}

}  // namespace

TEST_CASE("table: a quantity from three-decimal data prints without trailing zeros, JSON keeps them") {
  auto compiled = compile_text(tariff_text(kTiers));
  REQUIRE(compiled.graph.has_value());
  auto b = july_bill(*compiled.graph, 250);   // 744 h × 0.250 = 186.000 kWh
  CHECK(format_table(b, table_options(*compiled.graph)) ==
        "T\n"
        "Billing period 2024-07-01 to 2024-08-01 (31 days)\n\n"
        "  Line item                                   Quantity                Rate        Amount\n"
        "  Service Charge                               1 month           $10/month        $10.00\n"
        "  Energy Charge, first 300 kWh                 186 kWh       $0.124825/kWh        $23.22\n"
        "                                                                     Total        $33.22\n");
  CHECK(format_json(b).find("\"quantity\": \"186.000\"") != std::string::npos);
}

TEST_CASE("table: 12.50 kWh prints as 12.5, never rounded") {
  auto compiled = compile_text(tariff_text(" charge energy \"Energy\" on energy: 0.1 $/kWh\n"));
  REQUIRE(compiled.graph.has_value());
  Bill b;
  b.tariff = "T";
  LineItem li;
  li.id = "energy";
  li.label = "Energy";
  li.kind = LineKind::energy;
  li.unit = "kWh";
  li.rate_unit = "$/kWh";
  li.quantity = Decimal::parse("12.50").value();
  li.rate = Decimal::parse("0.1").value();
  li.amount = Decimal::parse("1.250").value();
  b.line_items = {li};
  li.quantity = Decimal::parse("0.333333333333").value();
  b.line_items.push_back(li);
  auto table = format_table(b, table_options(*compiled.graph));
  CHECK(table.find(" 12.5 kWh ") != std::string::npos);
  CHECK(table.find(" 0.333333333333 kWh ") != std::string::npos);
}

TEST_CASE("table: with `rounding quantities 0.01` an energy quantity prints at the step") {
  auto compiled = compile_text(tariff_text(" rounding line_items 0.01 half_up\n rounding quantities 0.01 half_up\n"
                                           " charge demand \"Demand\" on demand: 2 $/kW\n"
                                           " charge energy \"Energy\" on energy: 0.1 $/kWh\n"));
  REQUIRE(compiled.graph.has_value());
  auto b = july_bill(*compiled.graph, 1500);   // 744 × 1.500 = 1116 kWh; demand 1.5 kW
  CHECK(format_table(b, table_options(*compiled.graph)) ==
        "T\n"
        "Billing period 2024-07-01 to 2024-08-01 (31 days)\n\n"
        "  Line item                                   Quantity                Rate        Amount\n"
        "  Demand                                        1.5 kW               $2/kW         $3.00\n"
        "  Energy                                   1116.00 kWh            $0.1/kWh       $111.60\n"
        "                                                                     Total       $114.60\n");
  // without the tariff's options the same bill prints exact values, trailing zeros dropped
  CHECK(format_table(b).find(" 1116 kWh ") != std::string::npos);
}

TEST_CASE("table: a zero tier line is left off unless asked for, JSON and CSV keep it, the total is the same") {
  auto compiled = compile_text(tariff_text(kTiers));
  REQUIRE(compiled.graph.has_value());
  auto b = july_bill(*compiled.graph, 0);
  auto options = table_options(*compiled.graph);
  CHECK(format_table(b, options) ==
        "T\n"
        "Billing period 2024-07-01 to 2024-08-01 (31 days)\n\n"
        "  Line item                                   Quantity                Rate        Amount\n"
        "  Service Charge                               1 month           $10/month        $10.00\n"
        "                                                                     Total        $10.00\n");
  options.show_zero_lines = true;
  CHECK(format_table(b, options) ==
        "T\n"
        "Billing period 2024-07-01 to 2024-08-01 (31 days)\n\n"
        "  Line item                                   Quantity                Rate        Amount\n"
        "  Service Charge                               1 month           $10/month        $10.00\n"
        "  Energy Charge, over 300 kWh                    0 kWh       $0.111616/kWh         $0.00\n"
        "                                                                     Total        $10.00\n");
  CHECK(format_json(b).find("\"id\": \"energy.t2\"") != std::string::npos);
  CHECK(format_csv(b).find(",energy.t2,") != std::string::npos);
}

TEST_CASE("table: a $0.00 charge the sheet states stays, and so does a charge of one line on no usage") {
  auto compiled = compile_text(tariff_text(" rounding line_items 0.01 half_up\n"
                                           " charge meter \"Meter Charge\": 0.00 $/month\n"
                                           " charge energy \"Energy\" on energy: 0.1 $/kWh\n"));
  REQUIRE(compiled.graph.has_value());
  auto b = july_bill(*compiled.graph, 0);
  CHECK(format_table(b) ==
        "T\n"
        "Billing period 2024-07-01 to 2024-08-01 (31 days)\n\n"
        "  Line item                                   Quantity                Rate        Amount\n"
        "  Meter Charge                                 1 month         $0.00/month         $0.00\n"
        "  Energy                                         0 kWh            $0.1/kWh         $0.00\n"
        "                                                                     Total         $0.00\n");
}

TEST_CASE("explain: the total sums 1 line item, not 1 line items") {
  Bill b;
  b.tariff = "T";
  LineItem li;
  li.id = "basic";
  li.label = "Basic";
  b.line_items = {li};
  CHECK(format_explain(b).find("the sum of the 1 line item above") != std::string::npos);
}

TEST_CASE("explain: step quantities follow the table's rule: no trailing zeros, an energy line at the quantities step") {
  auto compiled = compile_text(tariff_text(kTiers));
  REQUIRE(compiled.graph.has_value());
  BillOptions explained;
  explained.trace = true;
  auto result = bill(*compiled.graph, july(250), {ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, explained);
  REQUIRE(result.bill.has_value());
  auto text = format_explain(*result.bill);
  INFO(text);
  CHECK(text.find("energy 186 kWh over 744 intervals") != std::string::npos);     // exact: 186.000
  CHECK(text.find("186 kWh × 0.124825 $/kWh") != std::string::npos);
  CHECK(text.find("186.000") == std::string::npos);

  // `rounding quantities 0.01`: the energy line's billed quantity at the step, as in the table
  auto stepped = compile_text(tariff_text(" rounding line_items 0.01 half_up\n rounding quantities 0.01 half_up\n"
                                          " charge energy \"Energy\" on energy: 0.1 $/kWh\n"));
  REQUIRE(stepped.graph.has_value());
  auto b = bill(*stepped.graph, july(1500), {ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, explained);
  REQUIRE(b.bill.has_value());
  auto steps = format_explain(*b.bill);
  INFO(steps);
  CHECK(steps.find("energy 1116 kWh over 744 intervals") != std::string::npos);
  CHECK(steps.find("1116.00 kWh × 0.1 $/kWh = $111.6") != std::string::npos);
}
