// Every check of the tariff checker, each with a bad tariff and the exact diagnostic it
// gives (code, line:col, message). The codes are stable: docs/diagnostics.md lists them.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using rateline::test::compile_text;
using rateline::test::rounded_tariff_text;   // the lines under test start on line 7
using rateline::test::summary;

namespace {

std::vector<std::string> check(const std::string& text) { return summary(compile_text(text).diagnostics); }

}  // namespace

TEST_CASE("check: a valid tariff compiles without diagnostics") {
  auto result = compile_text(rounded_tariff_text("  charge basic \"Basic\": 14.00 $/month\n"));
  CHECK(result.diagnostics.empty());
  CHECK(result.graph.has_value());
}

TEST_CASE("check: syntax error names what was expected, with line and column") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\" 14.00 $/month\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 7:24 syntax error: expected `:`");
}

TEST_CASE("check: a syntax error renders the line and a caret") {
  auto result = compile_text(rounded_tariff_text("  charge energy \"Energy\" on energy: 0.1 $/kWh tiers\n"));
  REQUIRE(!result.diagnostics.empty());
  auto text = rateline::render(result.diagnostics[0]);
  CHECK(text.find("test.tariff:7:") == 0);
  CHECK(text.find("  charge energy \"Energy\" on energy: 0.1 $/kWh tiers") != std::string::npos);
  CHECK(text.find("^") != std::string::npos);
}

TEST_CASE("check: missing header fields") {
  auto d = check("tariff \"T\" {\n  charge basic \"Basic\": 1 $/month\n}\n");
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "E0102 1:8 the tariff does not say its `currency`");
  CHECK(d[1] == "E0102 1:8 the tariff does not say its `timezone`");
  CHECK(d[2] == "E0102 1:8 the tariff does not say its `effective`");
}

TEST_CASE("check: unknown time zone and unknown field with a suggestion") {
  auto d = check("tariff \"T\" {\n  currency USD\n  timezone \"America/Nwe_York\"\n  effective 2024-01-01\n  utilty \"X\"\n}\n");
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0103 3:12 unknown time zone `America/Nwe_York`");
  CHECK(d[1] == "E0101 5:3 unknown tariff field or statement `utilty`");
  auto result = compile_text("tariff \"T\" {\n  currency USD\n  timezone \"UTC\"\n  effective 2024-01-01\n  utilty \"X\"\n}\n");
  CHECK(result.diagnostics.at(0).hint == "did you mean `utility`?");
}

TEST_CASE("check: a $/kW price on energy is a unit mismatch") {
  // rate sheet slip: "Energy Charge ... 8.50 per kW"
  auto d = check(rounded_tariff_text("  charge energy \"Energy Charge\" on energy: 8.50 $/kW\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0301 7:49 a $/kW price cannot apply to energy (kWh)");
}

TEST_CASE("check: a $/kWh price on demand and an energy price without a quantity") {
  auto d = check(rounded_tariff_text("  charge d \"Demand\" on demand: 0.05 $/kWh\n  charge e \"Energy\": 0.05 $/kWh\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0301 7:37 a $/kWh price cannot apply to demand (kW)");
  CHECK(d[1] == "E0306 8:10 `e` is priced per kWh but does not say what it is on");
}

TEST_CASE("check: unknown unit and unknown quantity") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: 0.05 $/kwhh\n  charge f \"F\" on enrgy: 0.05 $/kWh\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0302 7:39 unknown unit `kwhh`");
  CHECK(d[1] == "E0303 8:19 unknown quantity `enrgy`");
}

TEST_CASE("check: tiers out of order") {
  // "up to 1000 kWh" then "up to 800 kWh": the second limit is not above the first
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers {\n"
                        "    up to 1000 kWh: 0.10 $/kWh\n"
                        "    up to 800 kWh: 0.12 $/kWh\n"
                        "    above: 0.14 $/kWh\n"
                        "  }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0310 9:11 tiers out of order: this tier ends at 800 kWh, not above the previous tier's 1000");
}

TEST_CASE("check: `over N` must start where the previous tier ends") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers { first 800 kWh: 0.1 $/kWh  over 1000 kWh: 0.2 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0310 7:71 this tier starts over 1000 but the tier before it ends at 800");
}

TEST_CASE("check: a tier after the unlimited tier, and a tier limit in the wrong unit") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers { above: 0.1 $/kWh  up to 5 kWh: 0.2 $/kWh }\n"
                        "  charge d \"Demand\" on demand: tiers { first 10 kWh: 5 $/kW  above: 4 $/kW }\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0311 7:58 this tier comes after a tier without a limit");
  CHECK(d[1] == "E0312 8:46 a tier limit in kWh does not fit demand in kW");
}

TEST_CASE("check: period columns need an explicit allocation") {
  auto d = check(rounded_tariff_text("  period peak: weekday 13:00-18:00\n  period off: otherwise\n"
                        "  charge e \"Energy\" on energy: tiers { up to 500 kWh: peak 0.3 $/kWh, off 0.1 $/kWh  above: peak 0.4 $/kWh, off 0.2 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0313 9:32 tiers with one price per period must say how usage is split across tiers");
}

TEST_CASE("check: a TOU gap is reported with a concrete day and time") {
  // weekdays 13:00-18:00 on peak, the rest of weekdays off peak; weekends in no period
  auto d = check(rounded_tariff_text("  period on_peak: weekday 13:00-18:00\n  period off_peak: weekday 00:00-13:00, 18:00-24:00\n"
                        "  charge e \"Energy\" on energy: by period { on_peak: 0.2 $/kWh  off_peak: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0211 7:3 Sat 2024-01-06 00:00 is in no TOU period (00:00-24:00 on Sat, Sun)");
}

TEST_CASE("check: a TOU overlap names both periods and the time") {
  auto d = check(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Oct 1 - May 31\n"
                        "  period on_peak: summer weekday 13:00-18:00\n  period mid: summer weekday 17:00-20:00\n  period off: otherwise\n"
                        "  charge e \"Energy\" on energy: by period { on_peak: 0.2 $/kWh  mid: 0.15 $/kWh  off: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0212 10:3 Mon 2024-06-03 17:00 is in more than one TOU period: `on_peak` and `mid` (season summer, 17:00-18:00 on Mon-Fri)");
}

TEST_CASE("check: seasons must cover the year once") {
  auto d = check(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Oct 1 - Apr 30\n"
                        "  charge e \"Energy\" on energy: by season { summer: 0.2 $/kWh  winter: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0202 7:3 May 1 is in no season");
  d = check(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Sep 1 - May 31\n"
                   "  charge e \"Energy\" on energy: by season { summer: 0.2 $/kWh  winter: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0202 8:3 Sep 1 is in both season `summer` and season `winter`");
}

TEST_CASE("check: unknown period and unknown day word") {
  auto d = check(rounded_tariff_text("  period on_peak: weekdays 13:00-18:00\n  period off_peak: otherwise\n"
                        "  charge d \"Demand\" on demand in onpeak: 10 $/kW\n  period x: weekdy 01:00-02:00\n"));
  REQUIRE(d.size() >= 2);
  CHECK(d[0] == "E0304 9:34 `onpeak` is not a TOU period");
  CHECK(d[1] == "E0210 10:13 `weekdy` is not a season or a day type");
}

TEST_CASE("check: duplicate names") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 1 $/month\n  charge basic \"Basic again\": 2 $/month\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0501 8:10 `basic` is already defined");
}

TEST_CASE("check: cycles among riders") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n"
                        "  rider a \"A\": 1 % of basic, b\n"
                        "  rider b \"B\": 2 % of a\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0402 8:9 charges depend on each other in a cycle: a -> b -> a");
}

TEST_CASE("check: a percentage whose base includes itself") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n  tax t \"Tax\": 5 % of basic, t\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0403 8:30 `t` is a percentage of itself");
}

TEST_CASE("check: a percentage needs `of`, and `of` needs an existing charge") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n  rider r \"R\": 2 %\n  rider s \"S\": 2 % of basci\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0404 8:16 a percentage needs the charges it is a percentage of");
  CHECK(d[1] == "E0401 9:23 `basci` is not a charge of this tariff");
}

TEST_CASE("check: unused definitions are warnings, not errors") {
  auto result = compile_text(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Oct 1 - May 31\n"
                                    "  period peak: weekday 13:00-18:00\n  period off: otherwise\n"
                                    "  charge e \"Energy\" on energy in peak: 0.2 $/kWh\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "W0502 10:10 period `off` is not priced by any charge");
  CHECK(result.graph.has_value());
}

TEST_CASE("check: implausible values are flagged") {
  // 9.43 written in $ where the sheet says 9.43¢
  auto result = compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: 9.43 $/kWh\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "W0701 7:32 $9.43 per kWh is far above any retail energy rate");
  CHECK(result.diagnostics[0].hint == "was this written in cents? use `¢/kWh`");
}

TEST_CASE("check: rounding must say its mode") {
  auto d = check("tariff \"T\" {\n  currency USD\n  timezone \"UTC\"\n  effective 2024-01-01\n  rounding line_items 0.01\n}\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0602 5:3 the rounding mode is not stated");
}

TEST_CASE("check: a missing holiday calendar") {
  auto d = check(rounded_tariff_text("  holidays nerc\n  charge basic \"Basic\": 1 $/month\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0106 7:12 no holiday calendar named `nerc`");
}

TEST_CASE("check: a late fee says when it applies, and is a percentage of past_due or an amount per bill") {
  CHECK(check(rounded_tariff_text("  late_fee late \"Late Payment Charge\": 1.5 % of past_due, at least 5.00 $\n")) ==
        std::vector<std::string>{"E0911 7:12 the late fee does not say how many days after the due date it applies"});
  CHECK(check(rounded_tariff_text("  late_fee late \"Late\" on energy: 1.5 % of past_due, after 20 days\n")) ==
        std::vector<std::string>{"E0910 7:27 a late fee is charged on the past-due balance, not on `energy`"});
  CHECK(check(rounded_tariff_text("  charge basic \"Basic\": 10.00 $/month\n  late_fee late \"Late\": 1.5 % of basic, after 20 days\n")) ==
        std::vector<std::string>{"E0910 8:31 a late fee is a percentage of `past_due` only, the account's past-due balance"});
  CHECK(check(rounded_tariff_text("  late_fee late \"Late\": 5.00 $/month, after 20 days\n")) ==
        std::vector<std::string>{"E0910 7:30 a flat late fee is a positive amount per bill, e.g. `5.00 $/bill`"});
  CHECK(check(rounded_tariff_text("  late_fee late \"Late\": tiers { first 100 kWh: 1 $/bill  above: 2 $/bill }, after 20 days\n")).at(0).rfind(
            "E0910 7:25 a late fee has one rate", 0) == 0);
}

TEST_CASE("check: a late fee's days are whole, its threshold is money, and its terms belong to late fees") {
  CHECK(check(rounded_tariff_text("  late_fee late \"Late\": 1.5 % of past_due, after 2.5 days\n")) ==
        std::vector<std::string>{"E0912 7:50 `after` takes a whole number of days, from 0 to 3650"});
  CHECK(check(rounded_tariff_text("  late_fee late \"Late\": 1.5 % of past_due, after 20 days, not under 10 %\n")) ==
        std::vector<std::string>{"E0912 7:69 `not under` takes an amount of money, e.g. `10.00 $`"});
  CHECK(check(rounded_tariff_text("  charge basic \"Basic\": 10.00 $/month, after 20 days\n")) ==
        std::vector<std::string>{"E0912 7:46 `after ... days` is a late fee's term, and `basic` is not a late fee"});
  CHECK(check(rounded_tariff_text("  rider r \"Rider\": 2 % of past_due\n")) ==
        std::vector<std::string>{"E0913 7:27 only a late fee is charged on `past_due`, the account's past-due balance"});
  CHECK(check(rounded_tariff_text("  late_fee late \"Late\": 1.5 % of past_due, after twenty days\n")) ==
        std::vector<std::string>{"E0001 7:50 syntax error: expected the days after the due date, e.g. `after 20 days`"});
}

// ---------------------------------------------------------------------------------------
// Issue 4's checks, each form of each with its exact text: duplicate names, unused
// definitions, tiers that do not increase, implausible values and unit mismatches, beyond
// the first example of each above.

TEST_CASE("check: a season defined twice") {
  auto d = check(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Oct 1 - May 31\n  season winter: Oct 1 - May 31\n"
                        "  charge e \"Energy\" on energy: by season { summer: 0.2 $/kWh  winter: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0501 9:10 season `winter` is defined twice");
}

TEST_CASE("check: a period defined twice, and a period named like a season") {
  auto d = check(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Oct 1 - May 31\n"
                        "  period peak: weekday 13:00-18:00\n  period peak: weekend 13:00-18:00\n"
                        "  period winter: weekend 01:00-02:00\n  period off: otherwise\n"
                        "  charge e \"Energy\" on energy: by period { peak: 0.2 $/kWh  off: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0501 10:10 `peak` is already defined");
  CHECK(d[1] == "E0501 11:10 `winter` is already defined");
  // the refused `winter` period is also unpriced, but a warning at an error's place is a
  // consequence of it and is not given (docs/diagnostics.md, "Cascades")
}

TEST_CASE("check: a charge named like a period, and two billing demand rules") {
  auto d = check(rounded_tariff_text("  period peak: weekday 13:00-18:00\n  period off: otherwise\n"
                        "  billing_demand: greatest of { demand  50 kW }\n"
                        "  billing_demand: greatest of { demand  60 kW }\n"
                        "  charge e \"Energy\" on energy: by period { peak: 0.2 $/kWh  off: 0.1 $/kWh }\n"
                        "  charge peak \"Peak\": 1 $/month\n"
                        "  charge d \"Demand\" on billing_demand: 10 $/kW\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0501 10:3 billing demand is defined twice");
  CHECK(d[1] == "E0501 12:10 `peak` is already defined");
}

TEST_CASE("check: an unused day set is a warning") {
  auto result = compile_text(rounded_tariff_text("  days midweek: Tue, Wed, Thu\n  charge basic \"Basic\": 1 $/month\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "W0502 7:8 day set `midweek` is not used");
  CHECK(result.graph.has_value());
}

TEST_CASE("check: a period is not reported unused when no charge is priced by period") {
  // every charge is on all energy: the periods only matter for the coverage proof
  auto result = compile_text(rounded_tariff_text("  period peak: weekday 13:00-18:00\n  period off: otherwise\n"
                                    "  charge e \"Energy\" on energy: 0.1 $/kWh\n"));
  CHECK(result.diagnostics.empty());
  CHECK(result.graph.has_value());
}

TEST_CASE("check: tiers that end where the tier before ends do not increase") {
  // "First 500 kWh ... Next 0 kWh": a tier of no size
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers {\n"
                        "    up to 500 kWh: 0.10 $/kWh\n"
                        "    up to 500 kWh: 0.12 $/kWh\n"
                        "    above: 0.14 $/kWh\n"
                        "  }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0310 9:11 tiers out of order: this tier ends at 500 kWh, not above the previous tier's 500");
}

TEST_CASE("check: `next` of no size") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers { first 100 kWh: 0.1 $/kWh  next 0 kWh: 0.2 $/kWh  above: 0.3 $/kWh }\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0310 7:71 `next` needs a positive size");
  CHECK(d[1] == "E0310 7:71 tiers out of order: this tier ends at 100 kWh, not above the previous tier's 100");
}

TEST_CASE("check: a negative tier limit") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers { first -100 kWh: 0.1 $/kWh  above: 0.3 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0310 7:46 a tier limit cannot be negative");
}

TEST_CASE("check: `first` after the first tier, and `next` as the first tier") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers { first 100 kWh: 0.1 $/kWh  first 200 kWh: 0.2 $/kWh  above: 0.3 $/kWh }\n"
                        "  charge f \"Other\" on energy: tiers { next 100 kWh: 0.1 $/kWh  above: 0.3 $/kWh }\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0310 7:66 `first` can only start a tier table");
  CHECK(d[1] == "E0310 8:39 the first tier cannot be `next`");
}

TEST_CASE("check: `next` after a limit in another unit, and `over` with nothing below it") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: tiers { up to 10 kWh/day: 0.1 $/kWh  next 100 kWh: 0.2 $/kWh  above: 0.3 $/kWh }\n"
                        "  charge f \"Other\" on energy: tiers { over 100 kWh: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "E0310 7:74 `next 100 kWh` follows a limit in kWh/day: the two cannot be added");
  CHECK(d[1] == "E0310 8:44 nothing prices usage up to 100");
}

TEST_CASE("check: implausible demand rates and percentages are flagged") {
  // $900/kW: a sheet's "9.00" with two digits lost; 150 %: "1.50 %" mistyped
  auto result = compile_text(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n"
                                    "  charge d \"Demand\" on demand: 900 $/kW\n"
                                    "  rider r \"Rider\": 150 % of basic\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "W0701 8:32 $900 per kW is far above any demand rate");
  CHECK(d[1] == "W0701 9:20 a percentage above 100 % is unusual for a rider or tax");
  CHECK(result.diagnostics[1].hint == "check the rate sheet");
  CHECK(result.graph.has_value());
}

TEST_CASE("check: a price in cents that is plausible in cents is not flagged") {
  // 9.43 ¢/kWh is $0.0943: no W0701
  auto result = compile_text(rounded_tariff_text("  charge e \"Energy\" on energy: 9.43 ¢/kWh\n"));
  CHECK(result.diagnostics.empty());
}

TEST_CASE("check: more unit mismatches: $/day on energy, a minimum per kWh, steps per kW in a block") {
  auto d = check(rounded_tariff_text("  charge e \"Energy\" on energy: 0.50 $/day\n"
                        "  minimum m \"Minimum\": 5 $/kWh of charges\n"
                        "  charge f \"Block\" on energy: tiers { up to 200 kWh/kW: tiers { first 2 kWh/kW: 0.1 $/kWh  above: 0.09 $/kWh }  above: 0.05 $/kWh }\n"));
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "E0301 7:37 a $/day price cannot apply to energy (kWh)");
  CHECK(d[1] == "E0301 8:26 a minimum is an amount per month, bill, day or year, not per kWh");
  CHECK(d[2] == "E0312 9:71 steps inside a block are in cumulative kWh for the billing period");
}

TEST_CASE("check: a TOU gap in one season names the season") {
  // on- and off-peak are written for summer only: winter days are in no period
  auto d = check(rounded_tariff_text("  season summer: Jun 1 - Sep 30\n  season winter: Oct 1 - May 31\n"
                        "  period on_peak: summer weekday 13:00-18:00\n"
                        "  period off_peak: summer weekday 00:00-13:00, 18:00-24:00; summer weekend\n"
                        "  charge e \"Energy\" on energy: by period { on_peak: 0.2 $/kWh  off_peak: 0.1 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0211 9:3 Mon 2024-01-01 00:00 is in no TOU period (season winter, 00:00-24:00 on Mon-Sun)");
}

TEST_CASE("check: a TOU overlap across midnight") {
  // night 22:00-06:00 and early 05:00-07:00 share 05:00-06:00
  auto d = check(rounded_tariff_text("  period night: 22:00-06:00\n  period early: 05:00-07:00\n  period day: otherwise\n"
                        "  charge e \"Energy\" on energy: by period { night: 0.05 $/kWh  early: 0.1 $/kWh  day: 0.2 $/kWh }\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0212 8:3 Mon 2024-01-01 05:00 is in more than one TOU period: `night` and `early` (05:00-06:00 on Mon-Sun)");
}

TEST_CASE("check: a cycle of three riders") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n"
                        "  rider a \"A\": 1 % of basic, c\n"
                        "  rider b \"B\": 2 % of a\n"
                        "  rider c \"C\": 3 % of b\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0402 8:9 charges depend on each other in a cycle: a -> c -> b -> a");
}

TEST_CASE("check: a price in dollars without a unit") {
  // a sheet's "Customer Charge $14.00" copied without "per month"
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 14.00 $\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0301 7:31 a price needs a unit, e.g. `$/kWh` or `$/month`");
}

// Root causes (issue 16): one error for the mistake, not one per consequence.

TEST_CASE("check: a tiered charge without `on` is one error with the fix") {
  auto result = compile_text(rounded_tariff_text("  charge e \"Energy\": tiers {\n"
                                                 "    up to 500 kWh: 0.10 $/kWh\n"
                                                 "    up to 1000 kWh: 0.12 $/kWh\n"
                                                 "    above: 0.14 $/kWh\n"
                                                 "  }\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0306 7:10 `e` is priced per kWh but does not say what it is on");
  CHECK(result.diagnostics[0].hint == "add `on energy`: `charge e \"Energy\" on energy: ...`");
}

TEST_CASE("check: a flat $/kW charge without `on` names `on demand`") {
  auto result = compile_text(rounded_tariff_text("  charge d \"Demand\": 8.50 $/kW\n"));
  auto d = summary(result.diagnostics);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0306 7:10 `d` is priced per kW but does not say what it is on");
  CHECK(result.diagnostics[0].hint == "add `on demand`: `charge d \"Demand\" on demand: ...`");
}

TEST_CASE("check: a reserved word as a charge id says it is reserved") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n  charge minimum \"Minimum\": 5 $/month\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 8:10 syntax error: `minimum` is a reserved word and cannot name a charge; choose another name, e.g. `minimum_charge`");
}

TEST_CASE("check: an unknown word after a percentage is reported at that word") {
  auto d = check(rounded_tariff_text("  charge basic \"Basic\": 10 $/month\n  tax t \"Tax\": 5 % of basic grossed\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0001 8:29 syntax error: unexpected word `grossed`: nothing before it on its line takes it, and no statement or field starts with it alone");
}

TEST_CASE("check: the unused-name warnings are not given when a charge failed") {
  // a failed charge may be the one that would have used the day set: the warning would be a consequence
  auto d = check(rounded_tariff_text("  days midweek: Tue, Wed, Thu\n  charge e \"Energy\": 0.1 $/kWh\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "E0306 8:10 `e` is priced per kWh but does not say what it is on");
}
