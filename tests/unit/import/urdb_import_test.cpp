// rateline::import_urdb: exact numbers, the tariff it writes (seasons, periods, tiers,
// demand, fixed, minimums, riders), refusals as I-diagnostics, and that what it writes
// compiles and bills as documented (docs/urdb-import.md).
#include "rateline/bill.hpp"
#include "rateline/tariff.hpp"
#include "rateline/urdb.hpp"
#include "rateline/usage.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;

std::string render_all(const std::vector<rateline::Diagnostic>& diagnostics) {
  std::string out;
  for (auto& d : diagnostics) out += rateline::render(d);
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

rateline::UrdbImportResult import(const std::string& json, rateline::UrdbImportOptions options = {}) {
  return rateline::import_urdb(json, "rate.json", options);
}

/// Imports, requires success and that the text compiles without errors.
std::string tariff(const std::string& json, rateline::UrdbImportOptions options = {}) {
  auto result = import(json, options);
  INFO(render_all(result.diagnostics));
  REQUIRE(result.tariff_text);
  CHECK_FALSE(rateline::has_errors(result.diagnostics));
  auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("rate.tariff", *result.tariff_text));
  INFO(*result.tariff_text);
  INFO(render_all(compiled.diagnostics));
  CHECK(compiled.graph);
  return *result.tariff_text;
}

/// The codes of the diagnostics, in order.
std::vector<std::string> codes(const rateline::UrdbImportResult& result) {
  std::vector<std::string> out;
  for (auto& d : result.diagnostics) out.push_back(d.code);
  return out;
}

/// The one error of an import that must fail.
rateline::Diagnostic refused(const std::string& json, const std::string& code) {
  auto result = import(json);
  INFO(render_all(result.diagnostics));
  CHECK_FALSE(result.tariff_text);
  for (auto& d : result.diagnostics)
    if (d.code == code && d.severity == rateline::Severity::error) return d;
  FAIL("no error " << code);
  return {};
}

/// A 12 x 24 schedule as JSON.
std::string schedule(const std::function<int(int month, int hour)>& period) {
  std::string out = "[";
  for (int m = 0; m < 12; ++m) {
    out += m ? ",[" : "[";
    for (int h = 0; h < 24; ++h) out += (h ? "," : "") + std::to_string(period(m, h));
    out += "]";
  }
  return out + "]";
}

const std::string kFlat = R"("energyratestructure": [[{"rate": 0.1, "unit": "kWh"}]])";

std::string rate(const std::string& fields) { return "{\"name\": \"Test Rate\", \"utility\": \"Test Utility\", " + fields + "}"; }

}  // namespace

TEST_SUITE("import") {

TEST_CASE("urdb import: numbers are written exactly as in the file, rate + adj exactly") {
  auto text = tariff(rate(R"(
    "energyratestructure": [[{"max": 100.0, "rate": 0.07076899707317352, "unit": "kWh"},
                             {"max": 9.999999680285692e+37, "rate": 0.08294899761676788, "adj": 0.0119, "unit": "kWh"}]],
    "demandratestructure": [[{"max": 100.0, "rate": 19.538999557495117}, {"max": 100000000000000000000000000000000000000, "rate": 13.093000411987305}]],
    "fixedchargefirstmeter": 1E1, "fixedchargeunits": "$/month")"));
  CHECK(contains(text, "up to 100 kWh: 0.07076899707317352 $/kWh"));
  CHECK(contains(text, "above: 0.09484899761676788 $/kWh"));   // 0.08294899761676788 + 0.0119
  CHECK(contains(text, "up to 100 kW: 19.538999557495117 $/kW"));
  CHECK(contains(text, "above: 13.093000411987305 $/kW"));
  CHECK(contains(text, "charge fixed \"Fixed Monthly Charge\": 10 $/month"));
}

TEST_CASE("urdb import: header, effective date and comments") {
  SUBCASE("epoch seconds") {
    auto text = tariff(rate(kFlat + R"(, "label": "abc123", "startdate": 1546329600, "source": "http://x/y.pdf", "sector": "Residential",
                                       "description": "Line one.\r\nLine \"two\".")"));
    CHECK(contains(text, "tariff \"Test Rate\" {"));
    CHECK(contains(text, "utility \"Test Utility\""));
    CHECK(contains(text, "timezone \"UTC\""));
    CHECK(contains(text, "effective 2019-01-01"));
    CHECK(contains(text, "label \"abc123\""));
    CHECK(contains(text, "uri \"https://apps.openei.org/USURDB/rate/view/abc123\""));
    CHECK(contains(text, "rounding none"));
    CHECK(contains(text, "# description: Line one. Line \"two\"."));
  }
  SUBCASE("epoch seconds written with a fraction") { CHECK(contains(tariff(rate(kFlat + R"(, "startdate": 1401580800.0)")), "effective 2014-06-01")); }
  SUBCASE("a date string") { CHECK(contains(tariff(rate(kFlat + R"(, "startdate": "2017-01-01 00:00:00")")), "effective 2017-01-01")); }
  SUBCASE("missing: 2000-01-01, said in a comment") {
    auto text = tariff(rate(kFlat));
    CHECK(contains(text, "effective 2000-01-01"));
    CHECK(contains(text, "URDB gives no startdate: 2000-01-01 assumed"));
  }
  SUBCASE("the option replaces it") {
    rateline::UrdbImportOptions options;
    options.effective = year{2018} / January / 1;
    auto text = tariff(rate(kFlat + R"(, "startdate": 1556690400)"), options);
    CHECK(contains(text, "effective 2018-01-01"));
    CHECK(contains(text, "URDB startdate: 2019-05-01"));
  }
  SUBCASE("another time zone") {
    rateline::UrdbImportOptions options;
    options.time_zone = "America/Denver";
    CHECK(contains(tariff(rate(kFlat), options), "timezone \"America/Denver\""));
  }
}

TEST_CASE("urdb import: a rate object, or the first or labelled item of an items list") {
  std::string items = R"({"items": [)" + rate(kFlat + R"(, "label": "first")") + "," +
                      R"({"name": "Second", "label": "second", "energyratestructure": [[{"rate": 0.2}]]}]})";
  CHECK(contains(tariff(items), "label \"first\""));
  rateline::UrdbImportOptions options;
  options.label = "second";
  auto text = tariff(items, options);
  CHECK(contains(text, "tariff \"Second\""));
  CHECK(contains(text, "0.2 $/kWh"));
  options.label = "third";
  auto missing = import(items, options);
  CHECK_FALSE(missing.tariff_text);
  CHECK(codes(missing) == std::vector<std::string>{"I0002"});
  CHECK(contains(missing.diagnostics[0].hint, "first, second"));
}

TEST_CASE("urdb import: seasons from identical schedule months, TOU periods as rules") {
  // summer (Jun-Sep) weekdays 13:00-19:00 on peak; the rest off peak
  auto weekday = schedule([](int m, int h) { return (m >= 5 && m <= 8 && h >= 13 && h < 19) ? 1 : 0; });
  auto weekend = schedule([](int, int) { return 0; });
  auto text = tariff(rate(R"("energyratestructure": [[{"rate": 0.08}], [{"rate": 0.25}]],
                              "energyweekdayschedule": )" + weekday + R"(, "energyweekendschedule": )" + weekend));
  CHECK(contains(text, "season oct_may: Oct - May\n"));
  CHECK(contains(text, "season jun_sep: Jun - Sep\n"));
  CHECK(contains(text, "period p1 \"Period 1 (0.08 $/kWh)\": otherwise\n"));
  CHECK(contains(text, "period p2 \"Period 2 (0.25 $/kWh)\": jun_sep weekday 13:00-19:00\n"));
  CHECK(contains(text, "oct_may: 0.08 $/kWh\n"));
  CHECK(contains(text, "jun_sep: by period {\n      p1: 0.08 $/kWh\n      p2: 0.25 $/kWh\n    }"));
}

TEST_CASE("urdb import: hours past midnight, non-adjacent months and one rule for all seasons") {
  // off peak 22:00-06:00 every day; Jan, Feb and Jul share a schedule (a second season)
  auto weekday = schedule([](int m, int h) {
    if (h >= 22 || h < 6) return 0;
    return (m == 0 || m == 1 || m == 6) && h >= 17 && h < 20 ? 2 : 1;
  });
  auto text = tariff(rate(R"("energyratestructure": [[{"rate": 0.05}], [{"rate": 0.1}], [{"rate": 0.3}]],
                              "energyweekdayschedule": )" + weekday + R"(, "energyweekendschedule": )" + weekday));
  CHECK(contains(text, "season jan_feb_and_jul: Jan - Feb, Jul - Jul\n"));
  CHECK(contains(text, "season mar_jun_and_aug_dec: Mar - Jun, Aug - Dec\n"));
  CHECK(contains(text, "period p1 \"Period 1 (0.05 $/kWh)\": 22:00-06:00\n"));
  CHECK(contains(text, "period p2 \"Period 2 (0.1 $/kWh)\": otherwise\n"));
  CHECK(contains(text, "period p3 \"Period 3 (0.3 $/kWh)\": jan_feb_and_jul 17:00-20:00\n"));
}

TEST_CASE("urdb import: tiers shared by periods carry one price per period, proportional or chronological") {
  auto weekday = schedule([](int, int h) { return h >= 12 && h < 18 ? 1 : 0; });
  std::string json = rate(R"("energyratestructure": [[{"max": 500, "rate": 0.1, "unit": "kWh daily"}, {"rate": 0.12, "unit": "kWh daily"}],
                                                     [{"max": 500, "rate": 0.2, "unit": "kWh daily"}, {"rate": 0.22, "unit": "kWh daily"}]],
                              "energyweekdayschedule": )" + weekday + R"(, "energyweekendschedule": )" + weekday);
  auto text = tariff(json);
  CHECK(contains(text, "charge energy \"Energy Charge\" on energy: tiers proportional {\n"
                       "    up to 500 kWh/day: p1 0.1 $/kWh, p2 0.2 $/kWh\n"
                       "    above: p1 0.12 $/kWh, p2 0.22 $/kWh\n  }"));
  rateline::UrdbImportOptions options;
  options.tier_allocation = rateline::UrdbTierAllocation::chronological;
  CHECK(contains(tariff(json, options), "tiers chronological {"));
}

TEST_CASE("urdb import: periods with different tier limits are tiered each on its own, with a warning") {
  auto weekday = schedule([](int, int h) { return h >= 12 && h < 18 ? 1 : 0; });
  std::string json = rate(R"("energyratestructure": [[{"max": 500, "rate": 0.1}, {"rate": 0.12}], [{"max": 300, "rate": 0.2}, {"rate": 0.22}]],
                              "energyweekdayschedule": )" + weekday + R"(, "energyweekendschedule": )" + weekday);
  auto result = import(json);
  REQUIRE(result.tariff_text);
  CHECK(codes(result) == std::vector<std::string>{"I0103"});
  const auto& text = *result.tariff_text;
  CHECK(contains(text, "by period {"));
  CHECK(contains(text, "p1: tiers {\n      up to 500 kWh: 0.1 $/kWh\n      above: 0.12 $/kWh\n    }"));
  CHECK(contains(text, "p2: tiers {\n      up to 300 kWh: 0.2 $/kWh\n      above: 0.22 $/kWh\n    }"));
  CHECK(contains(text, "# Warning: these periods have different tier limits"));
}

TEST_CASE("urdb import: kWh/kW blocks with kWh steps become nested tiers") {
  auto text = tariff(rate(R"("energyratestructure": [[
      {"max": 200, "rate": 0.031718, "unit": "kWh/kW"}, {"max": 3000, "rate": 0.132655, "unit": "kWh"},
      {"rate": 0.079109, "unit": "kWh"}, {"max": 400, "rate": 0.013627, "unit": "kWh/kW daily"}, {"rate": 0.00771, "unit": "kWh/kW"}]])"));
  CHECK(contains(text, "charge energy \"Energy Charge\" on energy: tiers {\n"
                       "    up to 200 kWh/kW: tiers {\n"
                       "      # the block's own price (0.031718 $/kWh) is not used: its steps price the energy\n"
                       "      up to 3000 kWh: 0.132655 $/kWh\n"
                       "      above: 0.079109 $/kWh\n"
                       "    }\n"
                       "    up to 400 kWh/kW/day: 0.013627 $/kWh\n"
                       "    above: 0.00771 $/kWh\n"
                       "  }"));
}

TEST_CASE("urdb import: tier layouts as NREL SAM reads them") {
  SUBCASE("kWh/kW limits after a kWh first tier are plain kWh (SAM looks at the first tier's unit)") {
    auto result = import(rate(R"("energyratestructure": [[{"max": 1000, "rate": 0.1, "unit": "kWh"}, {"max": 2000, "rate": 0.08, "unit": "kWh/kW"},
                                                          {"max": 300, "rate": 0.07, "unit": "kWh/kW daily"}, {"rate": 0.05, "unit": "kWh"}]])"));
    INFO(render_all(result.diagnostics));
    REQUIRE(result.tariff_text);
    CHECK(codes(result) == std::vector<std::string>{"I0104"});
    CHECK(contains(*result.tariff_text, "up to 1000 kWh: 0.1 $/kWh\n    up to 2000 kWh: 0.08 $/kWh\n    up to 300 kWh/day: 0.07 $/kWh\n"));
  }
  SUBCASE("a tier ending where the previous one ends holds nothing and is left out") {
    auto result = import(rate(R"("energyratestructure": [[{"max": 100, "rate": 0.1}, {"max": 100, "rate": 0.2}, {"rate": 0.3}]])"));
    REQUIRE(result.tariff_text);
    CHECK(codes(result) == std::vector<std::string>{"I0105"});
    CHECK(contains(*result.tariff_text, "tiers {\n    up to 100 kWh: 0.1 $/kWh\n    above: 0.3 $/kWh\n  }"));
  }
  SUBCASE("limits equal within 1e-7 are shared, the first period's are used") {
    auto weekday = schedule([](int, int h) { return h >= 12 && h < 18 ? 1 : 0; });
    auto result = import(rate(R"("energyratestructure": [[{"max": 100, "rate": 0.1}, {"rate": 0.2}], [{"max": 100.000001, "rate": 0.3}, {"rate": 0.4}]],
                                 "energyweekdayschedule": )" + weekday + R"(, "energyweekendschedule": )" + weekday));
    REQUIRE(result.tariff_text);
    CHECK(codes(result) == std::vector<std::string>{"I0104"});
    CHECK(contains(*result.tariff_text, "up to 100 kWh: p1 0.1 $/kWh, p2 0.3 $/kWh"));
  }
}

TEST_CASE("urdb import: TOU demand, flat demand by month, fixed, minimums, fuel, demand window") {
  auto demand_weekday = schedule([](int m, int h) { return m >= 5 && m <= 8 && h >= 14 && h < 20 ? 1 : 0; });
  auto text = tariff(rate(kFlat + R"(,
    "demandratestructure": [[{"rate": 2.33}], [{"max": 100, "rate": 10, "adj": 0.5}, {"rate": 8}]],
    "demandweekdayschedule": )" + demand_weekday + R"(, "demandweekendschedule": )" + schedule([](int, int) { return 0; }) + R"(,
    "flatdemandstructure": [[{"rate": 5.1}], [{"rate": 7}]], "flatdemandmonths": [0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0.0],
    "fixedmonthlycharge": 12.5, "mincharge": 25, "minchargeunits": "$/month", "annualmincharge": 300,
    "fueladjustmentsmonthly": [0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01, 0.01],
    "demandwindow": 15)"));
  CHECK(contains(text, "demand_window 15min"));
  CHECK(contains(text, "time_of_use demand_periods {\n    period d1 \"Demand period 1 (2.33 $/kW)\": otherwise\n"
                       "    period d2 \"Demand period 2 (tiered)\": jun_sep weekday 14:00-20:00\n  }"));
  CHECK(contains(text, "charge tou_demand \"TOU Demand Charge\" on demand: by season {\n"
                       "    oct_may: 2.33 $/kW\n"
                       "    jun_sep: by period {\n"
                       "      d1: 2.33 $/kW\n"
                       "      d2: tiers {\n        up to 100 kW: 10.5 $/kW\n        above: 8 $/kW\n      }\n"
                       "    }\n  }"));
  CHECK(contains(text, "charge flat_demand \"Demand Charge\" on demand: by month {\n"
                       "    Jan, Feb, Mar, Apr, May, Oct, Nov, Dec: 5.1 $/kW\n"
                       "    Jun, Jul, Aug, Sep: 7 $/kW\n  }"));
  CHECK(contains(text, "charge fixed \"Fixed Monthly Charge\": 12.5 $/month"));
  CHECK(contains(text, "rider fuel \"Fuel Adjustment\" on energy: by month {\n"
                       "    Jan, Feb, Mar, Apr, May, Oct, Nov, Dec: 0.01 $/kWh\n"
                       "    Jun, Jul, Aug, Sep: 0.02 $/kWh\n  }"));
  CHECK(contains(text, "minimum min_monthly \"Minimum Charge\": 25 $/month of charges, fuel"));
  CHECK(contains(text, "minimum min_annual \"Annual Minimum\": 300 $/year of charges, fuel"));
}

TEST_CASE("urdb import: a $/day fixed charge is billed per day, with a warning that SAM cannot") {
  auto result = import(rate(kFlat + R"(, "fixedchargefirstmeter": 0.5, "fixedchargeunits": "$/day")"));
  REQUIRE(result.tariff_text);
  CHECK(codes(result) == std::vector<std::string>{"I0106"});
  CHECK(contains(*result.tariff_text, "charge fixed \"Fixed Daily Charge\": 0.5 $/day"));
}

TEST_CASE("urdb import: fields that change the bill and cannot be carried are errors naming the field") {
  SUBCASE("coincident peak") {
    auto d = refused(rate(kFlat + R"(, "coincidentratestructure": [[{"rate": 3.5}]])"), "I0003");
    CHECK(contains(d.message, "coincidentratestructure"));
    CHECK(d.span.file);
  }
  SUBCASE("coincident peak at $0 changes nothing") { tariff(rate(kFlat + R"(, "coincidentratestructure": [[{"rate": 0}]])")); }
  SUBCASE("hp TOU demand (kVA demand is imported: urdb_kva_test.cpp)") {
    auto d = refused(rate(kFlat + R"(, "demandratestructure": [[{"rate": 3}]], "demandrateunit": "hp")"), "I0004");
    CHECK(contains(d.message, "hp"));
  }
  SUBCASE("hp flat demand") { refused(rate(kFlat + R"(, "flatdemandstructure": [[{"rate": 3}]], "flatdemandmonths": [0,0,0,0,0,0,0,0,0,0,0,0], "flatdemandunit": "hp")"), "I0004"); }
  SUBCASE("ratchet lookback percent") { CHECK(contains(refused(rate(kFlat + R"(, "lookbackpercent": 0.8)"), "I0005").message, "lookbackpercent")); }
  SUBCASE("a lookback range without a percentage changes nothing") { tariff(rate(kFlat + R"(, "lookbackrange": 11)")); }
  SUBCASE("ratchet percentages") { refused(rate(kFlat + R"(, "demandratchetpercentage": [0,0,0,0,0,0.6,0.6,0,0,0,0,0])"), "I0005"); }
  SUBCASE("zero ratchets change nothing") { tariff(rate(kFlat + R"(, "lookbackpercent": 0.0, "lookbackmonths": [], "demandratchetpercentage": [0,0,0,0,0,0,0,0,0,0,0,0])")); }
  SUBCASE("fixed charge per year") { CHECK(contains(refused(rate(kFlat + R"(, "fixedchargefirstmeter": 120, "fixedchargeunits": "$/year")"), "I0006").message, "$/year")); }
  SUBCASE("minimum per day") { CHECK(contains(refused(rate(kFlat + R"(, "mincharge": 1, "minchargeunits": "$/day")"), "I0007").message, "minchargeunits")); }
  SUBCASE("reactive power") { refused(rate(kFlat + R"(, "demandreactivepowercharge": 0.3)"), "I0014"); }
}

TEST_CASE("urdb import: malformed rates are errors, never guesses") {
  SUBCASE("not JSON") {
    auto result = import("{\"name\": \"x\",\n \"energyratestructure\": [[{\"rate\": 0.1,}]]}");
    CHECK_FALSE(result.tariff_text);
    REQUIRE(codes(result) == std::vector<std::string>{"I0001"});
    CHECK(result.diagnostics[0].span.file->position(result.diagnostics[0].span.begin).line == 2);
  }
  SUBCASE("not a rate") { CHECK(codes(import("[1, 2]")) == std::vector<std::string>{"I0002"}); }
  SUBCASE("a schedule names a period the structure lacks") {
    auto d = refused(rate(kFlat + R"(, "energyweekdayschedule": )" + schedule([](int m, int) { return m == 6 ? 1 : 0; })), "I0008");
    CHECK(contains(d.message, "Jul 0:00"));
  }
  SUBCASE("a schedule of the wrong shape") { refused(rate(kFlat + R"(, "energyweekdayschedule": [[0, 0]])"), "I0008"); }
  SUBCASE("an unknown tier unit") { CHECK(contains(refused(rate(R"("energyratestructure": [[{"rate": 0.1, "unit": "therms"}]])"), "I0009").message, "therms")); }
  SUBCASE("a rate that is not a number") { refused(rate(R"("energyratestructure": [[{"rate": "cheap"}]])"), "I0009"); }
  SUBCASE("tier limits that do not increase") { refused(rate(R"("energyratestructure": [[{"max": 500, "rate": 0.1}, {"max": 400, "rate": 0.2}, {"rate": 0.3}]])"), "I0010"); }
  SUBCASE("flat demand months out of range") { refused(rate(kFlat + R"(, "flatdemandstructure": [[{"rate": 3}]], "flatdemandmonths": [0,0,0,0,0,1,0,0,0,0,0,0])"), "I0011"); }
  SUBCASE("a daily step inside a kWh/kW block") {
    refused(rate(R"("energyratestructure": [[{"max": 200, "rate": 0.03, "unit": "kWh/kW"}, {"max": 100, "rate": 0.1, "unit": "kWh daily"}, {"rate": 0.05, "unit": "kWh/kW"}]])"), "I0012");
  }
  SUBCASE("kWh steps that stop short of their kWh/kW block (fuzz_urdb: a tier without `unit` reads as kWh)") {
    auto d = refused(rate(R"("energyratestructure": [[{"max": 200, "rate": 0.03, "unit": "kWh/kW"}, {"rate": 0.1}, {"max": 400, "rate": 0.02, "unit": "kWh/kW"}, )"
                          R"({"max": 600, "rate": 0.01}, {"rate": 0.007, "unit": "kWh/kW"}]])"),
                     "I0018");
    CHECK(d.message ==
          "energyratestructure, period 0: tier 4 (up to 600 kWh) is the last kWh step inside the kWh/kW block of tier 3 and has a `max`, "
          "so the rest of the block has no price");
  }
  SUBCASE("rate + adj longer than a tariff may write (fuzz_urdb)") {
    auto d = refused(rate(R"("energyratestructure": [[{"rate": 0.25, "adj": 0.1188888888888888888888888888888888888888888888888292}]])"), "I0019");
    CHECK(d.message == "a price of this rate (rate + adj) needs more than 40 characters, more than a tariff may write (docs/limits.md, L0007)");
  }
  SUBCASE("line breaks in the utility's name stay in its comment line (fuzz_urdb)") {
    auto result = import(R"({"name": "Test Rate", "utility": "City of\nX)\r\u0001", )" + kFlat + "}");
    REQUIRE(result.tariff_text.has_value());
    CHECK(contains(*result.tariff_text, "#   utility:    City of X)  \n"));
  }
  SUBCASE("a name longer than a tariff's text may hold is refused, naming the field (fuzz_urdb)") {
    // The name is written as `tariff "NAME" {`, one line of at most 10,000 bytes (L0002).
    const std::string name(1001, 'N');
    auto d = refused("{\"name\": \"" + name + "\", " + kFlat + "}", "I0020");
    CHECK(d.message == "`name` is 1001 bytes long, more than the 1000 a tariff's text may hold (docs/limits.md)");
    CHECK(import("{\"name\": \"" + std::string(1000, 'N') + "\", " + kFlat + "}").tariff_text.has_value());
    for (const std::string field : {"utility", "label", "sector", "source", "uri"}) {
      CAPTURE(field);
      refused("{\"name\": \"T\", " + kFlat + ", \"" + field + "\": \"" + std::string(1001, 'x') + "\"}", "I0020");
    }
  }
  SUBCASE("a comment word longer than a line is cut into lines, at UTF-8 character boundaries (fuzz_urdb)") {
    std::string word;
    while (word.size() < 20000) word += "abc\u00e9";   // 'é' is two bytes in UTF-8
    auto result = import(rate(kFlat + ", \"description\": \"" + word + "\""));
    REQUIRE(result.tariff_text.has_value());   // it compiled: no line over 10,000 bytes
    std::size_t longest = 0, lines = 0;
    for (std::size_t at = 0, next; at < result.tariff_text->size(); at = next + 1) {
      next = result.tariff_text->find('\n', at);
      if (next == std::string::npos) next = result.tariff_text->size();
      const std::string line = result.tariff_text->substr(at, next - at);
      if (line.find("abc") == std::string::npos) continue;
      ++lines;
      longest = std::max(longest, line.size());
      CHECK((static_cast<unsigned char>(line.back()) & 0xC0) != 0xC0);   // no character cut in two
    }
    CHECK(lines > 200);
    CHECK(longest <= 100);
  }
  SUBCASE("fuel adjustments that are not 12 numbers") { refused(rate(kFlat + R"(, "fueladjustmentsmonthly": [0.01])"), "I0013"); }
  SUBCASE("an unknown time zone") {
    rateline::UrdbImportOptions options;
    options.time_zone = "Mars/Olympus";
    CHECK(codes(import(rate(kFlat), options)) == std::vector<std::string>{"I0015"});
  }
}

TEST_CASE("urdb import: unknown fields are named in a warning, informational ones are not") {
  auto result = import(rate(kFlat + R"(, "dgrules": "Net Metering", "sell": 0, "eiaid": 1, "newfield": 3)"));
  REQUIRE(result.tariff_text);
  REQUIRE(codes(result) == std::vector<std::string>{"I0102", "I0102"});
  CHECK(contains(result.diagnostics[0].message, "`sell`"));
  CHECK(contains(result.diagnostics[1].message, "`newfield`"));
  CHECK(contains(*result.tariff_text, "# dgrules: Net Metering (not used: the bill is for load only)"));
}

TEST_CASE("urdb import: the imported tariff bills as SAM does (proportional tiers across periods)") {
  // 2 periods sharing tiers: first 100 kWh, then the rest; period 2 is 12:00-18:00.
  auto weekday = schedule([](int, int h) { return h >= 12 && h < 18 ? 1 : 0; });
  rateline::UrdbImportOptions options;
  options.effective = year{2018} / January / 1;
  auto text = tariff(rate(R"("energyratestructure": [[{"max": 100, "rate": 0.1}, {"rate": 0.2}], [{"max": 100, "rate": 0.3}, {"rate": 0.4}]],
                              "energyweekdayschedule": )" + weekday + R"(, "energyweekendschedule": )" + weekday + R"(,
                              "fixedchargefirstmeter": 10, "fixedchargeunits": "$/month")"),
                     options);
  auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("rate.tariff", text));
  REQUIRE(compiled.graph);
  // 1 kW all January: 744 kWh, 186 of them 12:00-18:00 (a quarter)
  std::string load = "kW_60min\n";
  for (int h = 0; h < 8760; ++h) load += "1\n";
  rateline::UsageReadOptions read_options;
  read_options.time_zone = "UTC";
  read_options.sam_start = local_days{year{2018} / January / 1};
  auto usage = rateline::read_interval_csv(load, "load.csv", read_options);
  REQUIRE(usage.usage);
  auto result = rateline::bill(*compiled.graph, *usage.usage, {year{2018} / January / 1, year{2018} / February / 1}, {}, {});
  INFO(render_all(result.diagnostics));
  REQUIRE(result.bill);
  // tier 1: 100 kWh, 75 % at 0.1 and 25 % at 0.3 = 7.5 + 7.5; tier 2: 644 kWh: 483 at 0.2 + 161 at 0.4 = 96.6 + 64.4
  CHECK(result.bill->total == rateline::Decimal::parse("186").value());
}

}  // TEST_SUITE
