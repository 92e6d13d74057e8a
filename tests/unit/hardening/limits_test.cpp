// docs/limits.md, limit by limit: just under each limit is accepted, just over it is
// refused with the stated code at the stated place.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include "syntax/input_limits.hpp"

#include <string>

using namespace rateline;
using rateline::test::compile_text;
using rateline::test::summary;

namespace {

std::string tariff(const std::string& body) {
  return "tariff \"T\" {\n currency USD\n timezone \"UTC\"\n effective 2024-01-01\n rounding line_items 0.01 half_up\n" + body + "}\n";
}

std::string first_code(const CompileResult& r) { return r.diagnostics.empty() ? "" : r.diagnostics.front().code; }

}  // namespace

TEST_CASE("limit: nesting of 32 `{` levels") {
  auto nested = [](std::size_t levels) {   // the tariff's brace + (levels - 1) by tables
    std::string by, close;
    for (std::size_t i = 1; i < levels; ++i) by += "by season { summer: ", close += " }";
    return tariff(" season summer: Jan 1 - Dec 31\n charge energy \"E\" on energy: " + by + "0.1 $/kWh" + close + "\n");
  };
  CHECK(first_code(compile_text(nested(syntax::kMaxNesting))) != "L0003");
  auto over = compile_text(nested(syntax::kMaxNesting + 1));
  CHECK(first_code(over) == "L0003");
}

TEST_CASE("limit: a line of 10,000 bytes") {
  auto line = [](std::size_t bytes) { return " charge energy \"E\" on energy: 0.1 $/kWh" + std::string(bytes - 39, ' ') + "\n"; };
  CHECK(compile_text(tariff(line(syntax::kMaxLineBytes))).graph);
  auto over = compile_text(tariff(line(syntax::kMaxLineBytes + 1)));
  REQUIRE(first_code(over) == "L0002");
  CHECK(summary(over.diagnostics).front() == "L0002 6:10001 this line is longer than 10000 bytes");
}

TEST_CASE("limit: a number of 40 characters") {
  auto price = [](std::size_t chars) { return " charge energy \"E\" on energy: 0." + std::string(chars - 2, '1') + " $/kWh\n"; };
  CHECK(compile_text(tariff(price(syntax::kMaxNumberChars))).graph);
  auto over = compile_text(tariff(price(syntax::kMaxNumberChars + 1)));
  REQUIRE(first_code(over) == "L0007");
  CHECK(summary(over.diagnostics).front() == "L0007 6:31 a number longer than 40 characters");
}

TEST_CASE("limit: 100 tiers in one table") {
  auto tiers = [](std::size_t rows) {
    std::string t = " charge energy \"E\" on energy: tiers {\n";
    for (std::size_t i = 1; i < rows; ++i) t += "  first 10 kWh: 0.1 $/kWh\n";
    return tariff(t + "  rest: 0.2 $/kWh\n }\n");
  };
  CHECK(first_code(compile_text(tiers(syntax::kMaxTierRows))) != "L0004");
  auto over = compile_text(tiers(syntax::kMaxTierRows + 1));
  REQUIRE(first_code(over) == "L0004");
  CHECK(summary(over.diagnostics).front() == "L0004 107:3 more than 100 tiers in one table");
}

TEST_CASE("limit: 100 TOU periods and 500 charges in one tariff") {
  auto periods = [](std::size_t n) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t += " period p" + std::to_string(i) + ": weekdays 00:00-24:00\n";
    return tariff(t);
  };
  CHECK(first_code(compile_text(periods(syntax::kMaxPeriods))) != "L0005");
  auto over = compile_text(periods(syntax::kMaxPeriods + 1));
  REQUIRE(first_code(over) == "L0005");
  CHECK(summary(over.diagnostics).front() == "L0005 106:2 more than 100 TOU periods in one tariff");

  auto charges = [](std::size_t n) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t += " charge c" + std::to_string(i) + " \"C\": 1.00 $/month\n";
    return tariff(t);
  };
  CHECK(compile_text(charges(syntax::kMaxCharges)).graph);
  auto too_many = compile_text(charges(syntax::kMaxCharges + 1));
  REQUIRE(first_code(too_many) == "L0006");
  CHECK(summary(too_many.diagnostics).front() == "L0006 506:2 more than 500 charges in one tariff");
}

TEST_CASE("limit: strings and comments do not count as nesting or numbers") {
  auto text = tariff(" # {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ 1111111111111111111111111111111111111111111111\n"
                     " /* {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ */\n"
                     " charge energy \"E {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\" on energy: 0.1 $/kWh\n");
  CHECK(compile_text(text).graph);
}

TEST_CASE("tariff text must be UTF-8 (a fuzz finding: a bad label made the JSON bill throw)") {
  CHECK(compile_text(tariff(" charge energy \"Énergie – été\" on energy: 0.1 $/kWh\n")).graph);
  for (std::string bad : {"\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"}) {
    auto r = compile_text(tariff(" charge energy \"E" + bad + "\" on energy: 0.1 $/kWh\n"));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(summary(r.diagnostics).front() == "E0001 6:18 syntax error: this byte is not valid UTF-8");
  }
}
