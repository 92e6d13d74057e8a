// Interval CSV: columns, exact values and every value/header error.
#include "usage_test_support.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include "test_paths.hpp"

using namespace usage_test;
using rateline::Unit;

TEST_CASE("usage: a simple kwh file becomes a 15-minute series of scaled integers") {
  auto r = read("start,kwh\n"
                "2024-07-03T14:00Z,0.412\n"
                "2024-07-03T14:15Z,1.5\n"
                "2024-07-03T14:30Z,0\n");
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  const auto& s = r.usage->delivered;
  CHECK(s.start == utc(2024, 7, 3, 14, 0));
  CHECK(s.minutes == 15);
  CHECK(s.scale == 3);
  CHECK(s.unit == Unit::kWh);
  CHECK(s.values == std::vector<std::int64_t>{412, 1500, 0});
  CHECK(s.missing.empty());
  CHECK(s.end() == utc(2024, 7, 3, 14, 45));
  CHECK_FALSE(r.usage->received);
  CHECK_FALSE(r.usage->reactive);
  CHECK(r.usage->source == "meter.csv");
}

TEST_CASE("usage: header names are trimmed, case-insensitive and in any order") {
  auto r = read(" KWh_Received , kVARh,KW ,  Start\n"
                "0.5,0.25,3.2,2024-01-01T00:00Z\n"
                "0,0.125,2,2024-01-01T01:00Z\n");
  REQUIRE(r.usage);
  const auto& u = *r.usage;
  CHECK(u.delivered.unit == Unit::kW);
  CHECK(u.delivered.minutes == 60);
  CHECK(u.delivered.scale == 1);
  CHECK(u.delivered.values == std::vector<std::int64_t>{32, 20});
  REQUIRE(u.received);
  CHECK(u.received->unit == Unit::kWh);
  CHECK(u.received->scale == 1);
  CHECK(u.received->values == std::vector<std::int64_t>{5, 0});
  CHECK(u.received->start == u.delivered.start);
  REQUIRE(u.reactive);
  CHECK(u.reactive->unit == Unit::kVARh);
  CHECK(u.reactive->scale == 3);
  CHECK(u.reactive->values == std::vector<std::int64_t>{250, 125});
}

TEST_CASE("usage: each column keeps the most decimal places any of its values wrote") {
  auto r = read("start,kwh,kwh_received\n"
                "2024-01-01T00:00Z,1,0.50\n"
                "2024-01-01T00:15Z,0.1234567890123,2\n"
                "2024-01-01T00:30Z,12.5,0\n");
  REQUIRE(r.usage);
  const auto& kwh = r.usage->delivered;
  CHECK(kwh.scale == 13);
  CHECK(kwh.values == std::vector<std::int64_t>{10000000000000, 1234567890123, 125000000000000});
  CHECK(r.usage->received->scale == 2);  // "0.50" shows two places: they are kept
  CHECK(r.usage->received->values == std::vector<std::int64_t>{50, 200, 0});
}

TEST_CASE("usage: 0.1234567890123 round-trips digit for digit") {
  auto r = read("start,kwh\n2024-01-01T00:00Z,0.1234567890123\n2024-01-01T00:15Z,7\n");
  REQUIRE(r.usage);
  const auto& s = r.usage->delivered;
  REQUIRE(s.scale == 13);
  // Write the raw integer back with `scale` places: the exact text comes back.
  std::string digits = std::to_string(s.values[0]);
  digits.insert(0, static_cast<std::size_t>(s.scale) + 1 - digits.size(), '0');
  digits.insert(digits.size() - static_cast<std::size_t>(s.scale), ".");
  CHECK(digits == "0.1234567890123");
  CHECK(s.values[1] == 70000000000000);
}

TEST_CASE("usage: 18 decimal places fit, exponents are converted exactly") {
  auto r = read("start,kwh\n"
                "2024-01-01T00:00Z,0.000000000000000001\n"
                "2024-01-01T00:15Z,+4.\n"
                "2024-01-01T00:30Z,.25\n"
                "2024-01-01T00:45Z,-0.000\n");
  REQUIRE(r.usage);
  CHECK(r.usage->delivered.scale == 18);
  CHECK(r.usage->delivered.values ==
        std::vector<std::int64_t>{1, 4'000'000'000'000'000'000, 250'000'000'000'000'000, 0});

  r = read("start,kwh\n"
           "2024-01-01T00:00Z,1.5e-3\n"
           "2024-01-01T00:15Z,2E2\n"
           "2024-01-01T00:30Z,12.5e+1\n");
  REQUIRE(r.usage);
  CHECK(r.usage->delivered.scale == 4);  // 1.5e-3 = 0.0015
  CHECK(r.usage->delivered.values == std::vector<std::int64_t>{15, 2'000'000, 1'250'000});
}

TEST_CASE("usage: empty, non-numeric and negative values name the line, the column and the value") {
  auto r = read("start,kwh,kwh_received\n"
                "2024-01-01T00:00Z,0.5,0\n"
                "2024-01-01T00:15Z,,0\n"
                "2024-01-01T00:30Z,1.2.3,0\n"
                "2024-01-01T00:45Z,-0.25,0\n"
                "2024-01-01T01:00Z,0.5,-1.5\n"
                "2024-01-01T01:15Z,NaN,0\n"
                "2024-01-01T01:30Z,1 kWh,0\n");
  CHECK_FALSE(r.usage);

  const auto& empty = one(r, "U0030");
  CHECK(line_of(empty) == 3);
  CHECK(contains(empty.message, "kwh"));

  auto not_numbers = all(r, "U0031");
  REQUIRE(not_numbers.size() == 3);
  CHECK(line_of(*not_numbers[0]) == 4);
  CHECK(contains(not_numbers[0]->message, "\"1.2.3\""));
  CHECK(spanned(*not_numbers[0]) == "1.2.3");
  CHECK(line_of(*not_numbers[1]) == 7);
  CHECK(contains(not_numbers[1]->message, "\"NaN\""));
  CHECK(line_of(*not_numbers[2]) == 8);
  CHECK(contains(not_numbers[2]->message, "\"1 kWh\""));

  auto negatives = all(r, "U0032");
  REQUIRE(negatives.size() == 2);
  CHECK(line_of(*negatives[0]) == 5);
  CHECK(contains(negatives[0]->message, "kwh value \"-0.25\""));
  CHECK(contains(negatives[0]->hint, "kwh_received"));
  CHECK(line_of(*negatives[1]) == 6);
  CHECK(contains(negatives[1]->message, "kwh_received value \"-1.5\""));
  CHECK(spanned(*negatives[1]) == "-1.5");
}

TEST_CASE("usage: a value that does not fit int64 is an error, never truncated") {
  SUBCASE("too many digits at any scale") {
    auto r = read("start,kwh\n2024-01-01T00:00Z,99999999999999999999\n2024-01-01T00:15Z,1\n");
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0033");
    CHECK(line_of(d) == 2);
    CHECK(contains(d.message, "\"99999999999999999999\""));
  }
  SUBCASE("fits alone, but not at the scale another row sets") {
    auto r = read("start,kwh\n"
                  "2024-01-01T00:00Z,123456789012\n"
                  "2024-01-01T00:15Z,0.000000001\n"
                  "2024-01-01T00:30Z,1\n");
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0033");
    CHECK(line_of(d) == 2);
    CHECK(contains(d.message, "\"123456789012\""));
    CHECK(contains(d.message, "9 decimal places"));
    CHECK(contains(d.hint, "line 3"));
    CHECK(contains(d.hint, "9223372036.854775807"));
  }
  SUBCASE("more than 18 decimal places") {
    auto r = read("start,kwh\n2024-01-01T00:00Z,0.0000000000000000001\n2024-01-01T00:15Z,1\n");
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0034");
    CHECK(line_of(d) == 2);
    CHECK(contains(d.message, "\"0.0000000000000000001\""));
  }
  SUBCASE("trailing zeros beyond 18 places lose nothing") {
    auto r = read("start,kwh\n2024-01-01T00:00Z,1.00000000000000000000000\n2024-01-01T00:15Z,2\n");
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.scale == 18);
    CHECK(r.usage->delivered.values[0] == 1'000'000'000'000'000'000);
  }
}

TEST_CASE("usage: header problems") {
  SUBCASE("no start column") {
    auto r = read("time,kwh\n2024-01-01T00:00Z,1\n");
    CHECK_FALSE(r.usage);
    CHECK(line_of(one(r, "U0002")) == 1);
  }
  SUBCASE("no header at all") {
    auto r = read("2024-01-01T00:00Z,1\n2024-01-01T00:15Z,1\n");
    CHECK(contains(one(r, "U0002").message, "no header"));
  }
  SUBCASE("neither kwh nor kw") {
    auto r = read("start,energy\n2024-01-01T00:00Z,1\n");
    CHECK_FALSE(r.usage);
    CHECK(line_of(one(r, "U0003")) == 1);
  }
  SUBCASE("both kwh and kw") {
    auto r = read("start,kwh,kw\n2024-01-01T00:00Z,1,4\n");
    CHECK_FALSE(r.usage);
    CHECK(spanned(one(r, "U0004")) == "kw");
  }
  SUBCASE("a column named twice") {
    auto r = read("start,kwh,kvarh,KVARH\n2024-01-01T00:00Z,1,0,0\n");
    CHECK_FALSE(r.usage);
    CHECK(contains(one(r, "U0005").message, "KVARH"));
  }
  SUBCASE("an unknown column is a warning, not silence") {
    auto r = read("start,end,kwh\n2024-01-01T00:00Z,2024-01-01T00:15Z,1\n2024-01-01T00:15Z,2024-01-01T00:30Z,2\n");
    REQUIRE(r.usage);
    const auto& d = one(r, "U0006");
    CHECK(d.severity == rateline::Severity::warning);
    CHECK(contains(d.message, "\"end\""));
    CHECK(r.usage->delivered.values == std::vector<std::int64_t>{1, 2});
  }
  SUBCASE("no data") {
    CHECK(one(read(""), "U0001").span.file == nullptr);
    CHECK_FALSE(read("\n\n# nothing\n").usage);
    auto r = read("start,kwh\n\n");
    CHECK_FALSE(r.usage);
    CHECK(contains(one(r, "U0001").message, "no data rows"));
  }
}

TEST_CASE("usage: rows with the wrong number of fields or a broken quote") {
  auto r = read("start,kwh\n"
                "2024-01-01T00:00Z,1\n"
                "2024-01-01T00:15Z\n"
                "2024-01-01T00:30Z,1,2\n"
                "\"2024-01-01T00:45Z,1\n"
                "2024-01-01T01:00Z,1\n");
  CHECK_FALSE(r.usage);
  auto counts = all(r, "U0010");
  REQUIRE(counts.size() == 2);
  CHECK(line_of(*counts[0]) == 3);
  CHECK(contains(counts[0]->message, "1 field but the header names 2 columns"));
  CHECK(line_of(*counts[1]) == 4);
  CHECK(line_of(one(r, "U0011")) == 5);
}

TEST_CASE("usage: comments, blank lines, CRLF, a byte order mark and quoted fields") {
  auto r = read("\xEF\xBB\xBF# exported by the meter data system\r\n"
                "start,kwh\r\n"
                "# July\r\n"
                "\"2024-07-03T14:00Z\",\"0.5\"\r\n"
                "\r\n"
                "  2024-07-03T14:15Z , 0.75 \r\n"
                "\r\n\r\n");
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  CHECK(r.usage->delivered.values == std::vector<std::int64_t>{50, 75});
}

// Found by fuzz_batch: a line of carriage returns was a row of one field (U0010) to the
// CSV readers but a blank line to the long-format reader of `rateline batch`, so a batch run
// reported it or not depending on --usage-order. It is blank everywhere now.
TEST_CASE("usage: a line of carriage returns is blank, read whole or streamed from a file") {
  const std::string text = "start,kwh\n2024-07-03T14:00Z,0.5\n\r\r\r\r\n\r\n2024-07-03T14:15Z,0.75\n";
  auto r = read(text);
  REQUIRE(r.usage);
  CHECK(r.diagnostics.empty());
  CHECK(r.usage->delivered.values == std::vector<std::int64_t>{50, 75});

  const auto path = std::filesystem::temp_directory_path() / ("rateline_cr_lines_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path, std::ios::binary) << text;
  auto f = rateline::read_interval_csv_file(path.string(), {});
  std::filesystem::remove(path);
  REQUIRE(f.usage);
  CHECK(f.diagnostics.empty());
  CHECK(f.usage->delivered.values == std::vector<std::int64_t>{50, 75});
}

TEST_CASE("usage: every error is reported, the first 50 shown and the rest counted") {
  std::string text = "start,kwh\n";
  for (int i = 0; i < 120; ++i) text += iso(utc(2024, 1, 1) + minutes{15 * i}) + ",x" + std::to_string(i) + "\n";
  auto r = read(text);
  CHECK_FALSE(r.usage);
  auto shown = all(r, "U0031");
  REQUIRE(shown.size() == 50);
  CHECK(line_of(*shown.front()) == 2);
  CHECK(line_of(*shown.back()) == 51);
  const auto& more = one(r, "U0099");
  CHECK(contains(more.message, "70 more errors"));
  CHECK(&r.diagnostics.back() == &more);
}

TEST_CASE("usage: render shows file:line:col, the line and a caret under the value") {
  auto r = read("start,kwh\n2024-07-03T14:00Z,0.4\n2024-07-03T14:15Z,abc\n");
  const std::string text = rateline::render(one(r, "U0031"));
  CHECK(contains(text, "meter.csv:3:19: error[U0031]: kwh value \"abc\" is not a number"));
  CHECK(contains(text, " 3 | 2024-07-03T14:15Z,abc\n"));
  CHECK(contains(text, "   |                   ^^^\n"));
}

TEST_CASE("usage: read_interval_csv_file reads a file and names it, a missing file throws") {
  const std::string path = std::string(RATELINE_SOURCE_DIR) + "/tests/data/usage/house_15min.csv";
  auto r = rateline::read_interval_csv_file(path, {});
  REQUIRE(r.usage);
  CHECK(r.usage->source == path);
  CHECK(r.usage->delivered.minutes == 15);
  CHECK(r.usage->delivered.values.size() == 96);
  REQUIRE(r.usage->received);
  CHECK_THROWS_AS(rateline::read_interval_csv_file(path + ".nope", {}), std::runtime_error);
}
