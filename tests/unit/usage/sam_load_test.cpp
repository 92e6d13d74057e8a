// The SAM load format: kW_<n>min, then one average kW per line.
#include "usage_test_support.hpp"

#include <string>
#include "test_paths.hpp"

using namespace usage_test;
using rateline::UsageReadOptions;

namespace {

UsageReadOptions starting(local_seconds start, std::string zone = "") {
  UsageReadOptions options;
  options.sam_start = start;
  options.time_zone = std::move(zone);
  return options;
}

}  // namespace

TEST_CASE("usage: SAM kW_60min, start taken as UTC without a zone") {
  std::string text = "kW_60min\n";
  for (int h = 0; h < 8760; ++h) text += std::to_string(h % 24) + ".25\n";
  auto r = read(text, starting(local(2023, 1, 1)));
  REQUIRE(r.usage);
  const auto& s = r.usage->delivered;
  CHECK(s.unit == rateline::Unit::kW);
  CHECK(s.minutes == 60);
  CHECK(s.start == utc(2023, 1, 1));
  CHECK(s.scale == 2);
  REQUIRE(s.values.size() == 8760);
  CHECK(s.values[0] == 25);
  CHECK(s.values[23] == 2325);
  CHECK(s.end() == utc(2024, 1, 1));
}

TEST_CASE("usage: SAM kW_15min with a local start in a zone") {
  auto r = read("kw_15MIN\n1.5\n2\n0.125\n\n\n", starting(local(2024, 7, 1), "America/New_York"));
  REQUIRE(r.usage);
  const auto& s = r.usage->delivered;
  CHECK(s.minutes == 15);
  CHECK(s.start == utc(2024, 7, 1, 4, 0));
  CHECK(s.scale == 3);
  CHECK(s.values == std::vector<std::int64_t>{1500, 2000, 125});
}

TEST_CASE("usage: SAM fixture file") {
  UsageReadOptions options = starting(local(2024, 1, 1));
  auto r = rateline::read_interval_csv_file(std::string(RATELINE_SOURCE_DIR) + "/tests/data/usage/sam_15min.txt", options);
  REQUIRE(r.usage);
  CHECK(r.usage->delivered.minutes == 15);
  CHECK(r.usage->delivered.values.size() == 96);
}

TEST_CASE("usage: SAM errors") {
  SUBCASE("no start") {
    auto r = read("kW_60min\n1\n2\n");
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0050");
    CHECK(line_of(d) == 1);
    CHECK(contains(d.hint, "--start"));
  }
  SUBCASE("bad, negative and empty values name their line") {
    auto r = read("kW_60min\n1\nabc\n-2\n\n3\n", starting(local(2023, 1, 1)));
    CHECK_FALSE(r.usage);
    const auto& bad = one(r, "U0031");
    CHECK(line_of(bad) == 3);
    CHECK(contains(bad.message, "\"abc\""));
    const auto& negative = one(r, "U0032");
    CHECK(line_of(negative) == 4);
    CHECK(contains(negative.message, "\"-2\""));
    CHECK(line_of(one(r, "U0030")) == 5);
  }
  SUBCASE("a value that does not fit the scale another line sets") {
    auto r = read("kW_60min\n# comment\n1\n123456789012\n0.000000001\n", starting(local(2023, 1, 1)));
    CHECK_FALSE(r.usage);
    const auto& d = one(r, "U0033");
    CHECK(line_of(d) == 4);
    CHECK(spanned(d) == "123456789012");
    CHECK(contains(d.hint, "line 5"));
  }
  SUBCASE("an interval length that does not divide a day") {
    auto r = read("kW_7min\n1\n", starting(local(2023, 1, 1)));
    CHECK_FALSE(r.usage);
    CHECK(contains(one(r, "U0041").message, "kW_7min"));
  }
  SUBCASE("the interval option disagrees with the header") {
    auto options = starting(local(2023, 1, 1));
    options.interval_minutes = 15;
    auto r = read("kW_60min\n1\n", options);
    CHECK_FALSE(r.usage);
    CHECK(line_of(one(r, "U0051")) == 1);
  }
  SUBCASE("an interval option of 1 minute says 1 minute, not 1 minutes") {
    auto options = starting(local(2023, 1, 1));
    options.interval_minutes = 1;
    auto r = read("kW_60min\n1\n", options);
    CHECK(one(r, "U0051").message == "the file says 60-minute intervals but the interval length was given as 1 minute");
  }
  SUBCASE("a start that does not exist locally") {
    auto r = read("kW_60min\n1\n", starting(local(2024, 3, 10, 2, 30), "America/New_York"));
    CHECK_FALSE(r.usage);
    one(r, "U0022");
  }
  SUBCASE("no values") {
    auto r = read("kW_60min\n\n", starting(local(2023, 1, 1)));
    CHECK_FALSE(r.usage);
    one(r, "U0001");
  }
}

TEST_CASE("usage: SAM values read in one pass equal the line-by-line reading") {
  // Plain lines ("215.2\n") are parsed where their end is found; a line with "\r\n" or
  // blanks around its value goes line by line through trim and parse_number. Every value
  // written all three ways must read the same, and so must files that switch between the
  // two readings (a comment, a CRLF line or a blank line in the middle, no final newline).
  // 18 characters is the longest one-pass value; the 19-character one goes line by line
  // Short values with the point in every place, of every length up to seven.
  std::vector<std::string> values = {"0", "5.", ".5", "215.2", "0.000", "007", "12345678901.234567",
                                     "123456789012.345678", "1.234567", "0.1", "99999", "1234567", "123456.",
                                     ".123456", "12.3456", "999.999", "9", "09.", "00000.0", "1234.56"};
  std::uint64_t state = 12345;
  for (int i = 0; i < 400; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto digits = static_cast<std::size_t>(1 + (state >> 33) % 9), places = static_cast<std::size_t>((state >> 45) % 6);
    std::string v = std::to_string((state >> 20) % 1'000'000'000ULL).substr(0, digits);
    if (places) v += "." + std::to_string(1'000'000 + (state >> 40) % 1'000'000).substr(1, places);
    values.push_back(v);
  }
  auto file = [&](const char* before, const char* after) {
    std::string text = "kW_60min\n";
    for (auto& v : values) text += before + v + after;
    return text;
  };
  const auto options = starting(local(2023, 1, 1));
  const auto plain = read(file("", "\n"), options);
  REQUIRE(plain.usage);
  CHECK(plain.diagnostics.empty());
  for (auto [before, after] : {std::pair{"", "\r\n"}, std::pair{" ", "\t\n"}}) {
    const auto general = read(file(before, after), options);
    REQUIRE(general.usage);
    CHECK(general.usage->delivered.scale == plain.usage->delivered.scale);
    CHECK(general.usage->delivered.values == plain.usage->delivered.values);
  }
  CHECK(plain.usage->delivered.scale == 6);
  CHECK(plain.usage->delivered.values[2] == 500'000);  // ".5" at 6 places
  CHECK(plain.usage->delivered.values[7] == 123'456'789'012'345'678LL);

  std::string mixed = "kW_60min\n1.5\n# a note\n2\r\n  3.25\n4\n\n\n";
  const auto m = read(mixed, options);
  REQUIRE(m.usage);
  CHECK(m.usage->delivered.values == std::vector<std::int64_t>{150, 200, 325, 400});
  const auto last = read("kW_60min\n1.5\n2", options);  // the last line without "\n"
  REQUIRE(last.usage);
  CHECK(last.usage->delivered.values == std::vector<std::int64_t>{15, 20});
  // Too long for the one-pass reading, and a mistake after plain lines: still found, where.
  const auto too_long = read("kW_60min\n1\n12345678901234567890\n", options);
  CHECK_FALSE(too_long.usage);
  CHECK(line_of(one(too_long, "U0033")) == 3);
  const auto blank = read("kW_60min\n1\n2\n\n3\n", options);
  CHECK_FALSE(blank.usage);
  CHECK(line_of(one(blank, "U0030")) == 4);
  const auto bad = read("kW_60min\n1\n2\n1.2.3\n4\n", options);
  CHECK_FALSE(bad.usage);
  CHECK(line_of(one(bad, "U0031")) == 4);
  // Short mistakes among short plain lines: the one-pass reading stops before each, and the
  // general reading reports it.
  for (const std::string wrong : {".", "1..5", "1/5", "1.:", "12a", "-1", "0x1", "1.2.", "..5"}) {
    const auto r = read("kW_60min\n1\n" + wrong + "\n2.5\n3.75\n4\n5\n", options);
    CHECK_MESSAGE(!r.usage, wrong);
  }
  // not plain, still numbers: read by the general parser between plain lines
  const auto general = read("kW_60min\n1\n-0\n2.5\n+3.75\n4e0\n5\n", options);
  REQUIRE(general.usage);
  CHECK(general.usage->delivered.values == std::vector<std::int64_t>{100, 0, 250, 375, 400, 500});
}
