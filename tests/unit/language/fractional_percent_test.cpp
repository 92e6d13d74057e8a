// Fractional percentages (`33 1/3 %`, `1/3 %`): a rate whose decimal repeats is kept as the
// fraction the sheet states; the amount is one division to 12 places, then the line's
// rounding. Checks: a proper fraction over 1..1000 (E0362), on a percentage only (E0363).
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::ymd;

namespace {

std::string tariff(const std::string& body) {
  return "tariff \"F\" {\n  currency USD\n  timezone \"America/New_York\"\n  effective 2024-01-01\n"
         "  rounding line_items 0.01 half_up\n  charge customer \"Customer\": 100.00 $/month\n"
         "  charge energy \"Energy\" on energy: 0.10 $/kWh\n" + body + "}\n";
}

std::vector<std::string> check(const std::string& text) { return summary(compile_text(text).diagnostics); }

Bill bill(const std::string& text) {
  auto compiled = compile_text(text);
  std::string all;
  for (auto& d : compiled.diagnostics) all += render(d);
  INFO(all);
  REQUIRE(compiled.graph.has_value());
  auto r = read_register_reads("meter,read_date,reading,dials,multiplier,type\nM,2024-07-01,01000,5,1,actual\nM,2024-08-01,10000,5,1,actual\n",
                               "reads.csv", Unit::kWh);
  REQUIRE(r.usage.has_value());
  BillOptions options;
  options.trace = true;
  auto result = bill_periods(*compiled.graph, *r.usage, {{ymd(2024, 7, 1), ymd(2024, 8, 1)}}, {}, options);
  REQUIRE(result.series.has_value());
  return result.series->bills.at(0);
}

}  // namespace

TEST_CASE("fractional percent: 33 1/3 % of $100.00 is 100/3 exactly, rounded once on the line") {
  auto b = bill(tariff("  rider third \"A Third\": 33 1/3 % of customer\n"));
  const auto* li = find_item(b, "third");
  REQUIRE(li != nullptr);
  CHECK(li->unrounded.to_string() == "33.333333333333");   // 100 × 100 / 300 to 12 places
  CHECK(li->amount.to_string() == "33.33");
  CHECK(li->rate.to_string() == "33.333333333333");
  CHECK(li->trace.at(1) == "rate 100/3 % exactly, shown as 33.333333333333 %");
}

TEST_CASE("fractional percent: 33 1/3 % grossed up of $100.00 is 100 × 100 / (300 − 100) = $50.00") {
  // Found by the reference biller on a fresh seed: the numerator of 33 1/3 % is 100, and the
  // decimal formula base × r / (100 − r) was computed (then discarded) before the fraction's,
  // dividing by zero. Only the fraction's formula is computed now.
  auto b = bill(tariff("  tax grt \"GRT\": 33 1/3 % grossed up of customer\n"));
  const auto* li = find_item(b, "grt");
  REQUIRE(li != nullptr);
  CHECK(li->unrounded.to_string() == "50.000000000000");   // one division to 12 places
  CHECK(li->amount.to_string() == "50.00");
}

TEST_CASE("fractional percent: 1/3 % of 9,000 kWh at $0.10 is $3.00 exactly, and 66 2/3 % beside 1/2 % in one table") {
  auto b = bill(tariff("  rider third \"A Third of a Percent\": 1/3 % of energy\n"));
  CHECK(find_item(b, "third")->amount.to_string() == "3.00");   // 900.00 / 300
  CHECK(find_item(b, "third")->unrounded.to_string() == "3.000000000000");
  // one table, thirds and halves: the charge's prices are over 6 (400/6 and 3/6); no `zone` given: otherwise
  auto t = bill(tariff("  rider r \"R\": by zone { a: 66 2/3 %  otherwise: 1/2 % } of customer\n"));
  CHECK(find_item(t, "r")->amount.to_string() == "0.50");   // 100.00 × 3 / 600
}

TEST_CASE("fractional percent: grossed up, 1/3 % of 199.00 is 199 × 1 / (300 − 1), one division") {
  auto b = bill(tariff("  charge fixed2 \"Fixed\": 99.00 $/bill\n"
                       "  tax grt \"GRT\": 1/3 % grossed up of customer, fixed2\n"));
  // 100.00 + 99.00 = 199.00 × 1 / 299 = 0.665551839464...
  CHECK(find_item(b, "grt")->unrounded.to_string() == "0.665551839465");
  CHECK(find_item(b, "grt")->amount.to_string() == "0.67");
}

TEST_CASE("fractional percent: a fraction must be proper, small, and on a percentage (E0362, E0363)") {
  auto d = check(tariff("  rider r \"R\": 33 4/3 % of customer\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0362 8:16 the fraction 4/3 is a whole or more");
  d = check(tariff("  rider r \"R\": 1/0 % of customer\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0362 8:16 the fraction 1/0 needs a denominator from 1 to 1000");
  d = check(tariff("  late_fee late \"Late\": 1 1/2 % of past_due, after 20 days\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0363 8:25 a fractional percentage is for a percentage of charges");
}

TEST_CASE("fractional percent: a decimal case beside a fraction in one table stays exact (rounding none)") {
  // docs/language.md, "Fractional percentages": "a decimal percentage stays exact". The
  // table's prices are numerators over 3 (2.5 % is 7.5/3), but the decimal case is not a
  // division: 2.5 % of $0.12345678900999 (14 places, `rounding none`) is
  // 0.00308641972524975 exactly, not that to 12 places (0.003086419725).
  const std::string text = "tariff \"F\" {\n  currency USD\n  timezone \"America/New_York\"\n  effective 2024-01-01\n  rounding none\n"
                           "  charge energy \"Energy\" on energy: 0.00001371742100111 $/kWh\n"
                           "  rider r \"R\": by zone { a: 33 1/3 %  otherwise: 2.5 % } of energy\n}\n";
  auto b = bill(text);   // 9,000 kWh × 0.00001371742100111 = 0.12345678900999, the base
  const auto* li = find_item(b, "r");
  REQUIRE(li != nullptr);
  CHECK(find_item(b, "energy")->amount.normalized().to_string() == "0.12345678900999");
  CHECK(li->amount.normalized().to_string() == "0.00308641972524975");
  CHECK(li->rate.normalized().to_string() == "2.5");
}
