// Interval grid: row order, interval length, duplicates, overlaps and gaps.
#include "usage_test_support.hpp"

#include <algorithm>
#include <random>
#include <string>

using namespace usage_test;
using rateline::GapPolicy;
using rateline::UsageReadOptions;

namespace {

// A day of 15-minute rows with distinct values, one string per row (no header).
std::vector<std::string> day_rows() {
  std::vector<std::string> rows;
  for (int i = 0; i < 96; ++i)
    rows.push_back(iso(utc(2024, 7, 3) + minutes{15 * i}) + "," + std::to_string(i) + "." + std::to_string(i % 7) +
                   ",0." + std::to_string(i % 10));
  return rows;
}

std::string join(const std::vector<std::string>& rows) {
  std::string text = "start,kwh,kvarh\n";
  for (auto& row : rows) text += row + "\n";
  return text;
}

}  // namespace

TEST_CASE("usage: shuffled rows give the identical series") {
  const auto rows = day_rows();
  auto sorted = read(join(rows));
  REQUIRE(sorted.usage);
  std::mt19937 rng(20240703);
  for (int round = 0; round < 5; ++round) {
    auto shuffled_rows = rows;
    std::shuffle(shuffled_rows.begin(), shuffled_rows.end(), rng);
    auto shuffled = read(join(shuffled_rows));
    REQUIRE(shuffled.usage);
    CHECK(shuffled.usage->delivered.start == sorted.usage->delivered.start);
    CHECK(shuffled.usage->delivered.minutes == 15);
    CHECK(shuffled.usage->delivered.scale == sorted.usage->delivered.scale);
    CHECK(shuffled.usage->delivered.values == sorted.usage->delivered.values);
    CHECK(shuffled.usage->reactive->values == sorted.usage->reactive->values);
  }
  CHECK(sorted.usage->delivered.values[95] == 954);  // "95.4"
}

TEST_CASE("usage: the interval length is the most common step between starts") {
  SUBCASE("hourly data with a gap and gap policy zero") {
    UsageReadOptions options;
    options.gaps = GapPolicy::zero;
    auto r = read("start,kwh\n"
                  "2024-01-01T00:00Z,1\n2024-01-01T01:00Z,1\n2024-01-01T02:00Z,1\n"
                  "2024-01-01T05:00Z,1\n2024-01-01T06:00Z,1\n",
                  options);
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.minutes == 60);
  }
  SUBCASE("5-minute data") {
    auto r = read(csv(utc(2024, 1, 1), 5, {"1", "2", "3"}));
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.minutes == 5);
  }
  SUBCASE("daily data") {
    auto r = read(csv(utc(2024, 1, 1), 1440, {"10", "12"}));
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.minutes == 1440);
  }
  SUBCASE("a step that does not divide a day") {
    auto r = read(csv(utc(2024, 1, 1), 7, {"1", "2", "3"}));
    CHECK_FALSE(r.usage);
    CHECK(contains(one(r, "U0041").message, "7 minutes"));
  }
  SUBCASE("a single row cannot tell") {
    auto r = read(csv(utc(2024, 1, 1), 15, {"1"}));
    CHECK_FALSE(r.usage);
    CHECK(contains(one(r, "U0040").hint, "--interval"));
  }
}

TEST_CASE("usage: --interval overrides the inference") {
  UsageReadOptions options;
  options.interval_minutes = 15;
  SUBCASE("a single row") {
    auto r = read(csv(utc(2024, 1, 1), 15, {"1"}), options);
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.minutes == 15);
    CHECK(r.usage->delivered.values.size() == 1);
  }
  SUBCASE("hourly rows read as 15-minute intervals are gaps") {
    options.gaps = GapPolicy::zero;
    auto r = read(csv(utc(2024, 1, 1), 60, {"1", "2"}), options);
    REQUIRE(r.usage);
    CHECK(r.usage->delivered.values == std::vector<std::int64_t>{1, 0, 0, 0, 2});
    CHECK(r.usage->delivered.missing == std::vector<std::uint32_t>{1, 2, 3});
  }
  SUBCASE("15-minute rows read as hourly overlap, and the hint says what the data looks like") {
    options.interval_minutes = 60;
    auto r = read(csv(utc(2024, 1, 1), 15, {"1", "2", "3", "4", "5"}), options);
    CHECK_FALSE(r.usage);
    auto overlaps = all(r, "U0043");
    REQUIRE(overlaps.size() == 3);
    CHECK(line_of(*overlaps[0]) == 3);
    CHECK(contains(overlaps[0]->hint, "15 minutes apart"));
  }
  SUBCASE("a length that does not divide a day") {
    options.interval_minutes = 50;
    auto r = read(csv(utc(2024, 1, 1), 50, {"1", "2"}), options);
    CHECK_FALSE(r.usage);
    CHECK(one(r, "U0041").span.file == nullptr);
  }
}

TEST_CASE("usage: a duplicate start names both lines") {
  auto r = read("start,kwh\n"
                "2024-01-01T00:00Z,1\n"
                "2024-01-01T00:15Z,2\n"
                "2024-01-01T00:30Z,3\n"
                "2024-01-01T00:15:00+00:00,2\n");
  CHECK_FALSE(r.usage);
  const auto& d = one(r, "U0042");
  CHECK(line_of(d) == 5);
  CHECK(contains(d.message, "2024-01-01T00:15Z"));
  CHECK(contains(d.message, "line 3"));
}

TEST_CASE("usage: a start inside another interval, or off the grid, names the line") {
  auto r = read("start,kwh\n"
                "2024-01-01T00:00Z,1\n"
                "2024-01-01T00:15Z,2\n"
                "2024-01-01T00:20Z,9\n"
                "2024-01-01T00:30Z,3\n"
                "2024-01-01T00:45Z,3\n"
                "2024-01-01T01:00Z,3\n"
                "2024-01-01T01:40Z,9\n");
  CHECK_FALSE(r.usage);
  const auto& overlap = one(r, "U0043");
  CHECK(line_of(overlap) == 4);
  CHECK(contains(overlap.message, "2024-01-01T00:20Z overlaps the 15-minute interval starting 2024-01-01T00:15Z on line 3"));
  const auto& off = one(r, "U0044");
  CHECK(line_of(off) == 8);
  CHECK(contains(off.message, "2024-01-01T01:30Z and 2024-01-01T01:45Z"));
}

TEST_CASE("usage: a stray first row does not decide the grid") {
  auto r = read("start,kwh\n"
                "2024-01-01T00:07Z,1\n"
                "2024-01-01T00:15Z,2\n"
                "2024-01-01T00:30Z,3\n"
                "2024-01-01T00:45Z,3\n");
  CHECK_FALSE(r.usage);
  CHECK(line_of(one(r, "U0044")) == 2);
  CHECK(r.diagnostics.size() == 1);
}

TEST_CASE("usage: a gap is an error naming where it is") {
  std::string text = "start,kwh\n";
  // 51 rows from 01:15 to 13:45 (lines 2..52), then 15:00 on line 53: the example of
  // docs/usage-format.md.
  for (int i = 0; i <= 50; ++i) text += iso(utc(2024, 7, 3, 1, 15) + minutes{15 * i}) + ",1\n";
  text += "2024-07-03T15:00Z,1\n2024-07-03T15:15Z,1\n";
  auto r = read(text);
  CHECK_FALSE(r.usage);
  const auto& d = one(r, "U0045");
  CHECK(d.message ==
        "no interval from 2024-07-03T14:00Z to 2024-07-03T15:00Z (4 intervals missing) between line 52 and line 53");
  CHECK(line_of(d) == 53);
  CHECK(contains(d.hint, "zero"));
}

TEST_CASE("usage: gap policy zero fills with 0, lists the intervals and warns") {
  UsageReadOptions options;
  options.gaps = GapPolicy::zero;
  auto r = read("start,kwh,kwh_received\n"
                "2024-01-01T00:00Z,1.5,0\n"
                "2024-01-01T00:15Z,2,0.25\n"
                "2024-01-01T01:00Z,3,0\n"
                "2024-01-01T01:30Z,4,1\n",
                options);
  REQUIRE(r.usage);
  const auto& s = r.usage->delivered;
  CHECK(s.values == std::vector<std::int64_t>{15, 20, 0, 0, 30, 0, 40});
  CHECK(s.missing == std::vector<std::uint32_t>{2, 3, 5});
  CHECK(r.usage->received->values == std::vector<std::int64_t>{0, 25, 0, 0, 0, 0, 100});
  CHECK(r.usage->received->missing == s.missing);
  const auto& w = one(r, "U0046");
  CHECK(w.severity == rateline::Severity::warning);
  CHECK(contains(w.message, "3 missing intervals in 2 gaps"));
  CHECK(line_of(w) == 4);
}

TEST_CASE("usage: a typo'd year does not ask for millions of zero intervals") {
  UsageReadOptions options;
  options.gaps = GapPolicy::zero;
  options.interval_minutes = 1;
  auto r = read("start,kwh\n2024-01-01T00:00Z,1\n2204-01-01T00:00Z,1\n", options);
  CHECK_FALSE(r.usage);
  CHECK(line_of(one(r, "U0047")) == 3);
}

TEST_CASE("usage: a row with an unreadable start does not bury its error under others") {
  SUBCASE("the gap it leaves says where it may have gone") {
    auto r = read("start,kwh\n2024-01-01T00:00Z,1\n2024-01-01T00:15,1\n2024-01-01T00:30Z,1\n2024-01-01T00:45Z,1\n");
    CHECK_FALSE(r.usage);
    CHECK(line_of(one(r, "U0021")) == 3);
    CHECK(contains(one(r, "U0045").hint, "start could not be read"));
  }
  SUBCASE("one readable start among bad ones is not also 'cannot tell the interval length'") {
    auto r = read("start,kwh\n2024-01-01T00:00Z,1\n2024-01-01T00:15,1\n");
    CHECK_FALSE(r.usage);
    CHECK(r.diagnostics.size() == 1);
    one(r, "U0021");
  }
}

// place_on_grid settles the common file (starts one step apart, in order) in one pass; the
// same rows shuffled take the full walk. Both must give the same series, or the same errors.
TEST_CASE("usage: rows in order one step apart give the grid the full walk gives") {
  std::mt19937 rng(20261207);
  for (const int step : {1, 5, 7, 15, 30, 60, 90, 1440}) {
    for (const std::size_t count : {std::size_t{2}, std::size_t{3}, std::size_t{97}}) {
      for (const int given : {0, 15, 60}) {
        CAPTURE(step);
        CAPTURE(count);
        CAPTURE(given);
        std::vector<std::string> rows;
        for (std::size_t i = 0; i < count; ++i)
          rows.push_back(iso(utc(2024, 7, 3) + minutes{step * static_cast<int>(i)}) + "," + std::to_string(i) + ".5");
        auto in_order = rows, shuffled = rows;
        // a shuffle that leaves the rows in order would test nothing: swap the first two
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        if (shuffled == rows) std::swap(shuffled[0], shuffled[1]);
        UsageReadOptions options;
        if (given) options.interval_minutes = given;
        auto text = [](const std::vector<std::string>& r) {
          std::string t = "start,kwh\n";
          for (auto& row : r) t += row + "\n";
          return t;
        };
        const auto a = read(text(in_order), options), b = read(text(shuffled), options);
        REQUIRE(a.usage.has_value() == b.usage.has_value());
        // the same findings; in file order, which the shuffle changed (and past 50 errors
        // the ones shown are the first 50 of that order)
        auto codes = [](const rateline::UsageReadResult& r) {
          std::vector<std::string> c;
          for (auto& d : r.diagnostics) c.push_back(d.code);
          std::sort(c.begin(), c.end());
          return c;
        };
        if (a.diagnostics.size() < 50) CHECK(codes(a) == codes(b));
        if (!a.usage) continue;
        CHECK(a.usage->delivered.start == b.usage->delivered.start);
        CHECK(a.usage->delivered.minutes == b.usage->delivered.minutes);
        CHECK(a.usage->delivered.values == b.usage->delivered.values);
        CHECK(a.usage->delivered.missing == b.usage->delivered.missing);
      }
    }
  }
  // what the fast path must not take: 7 minutes does not divide a day, a given length
  // that is not the step
  rateline::UsageReadOptions fifteen;
  fifteen.interval_minutes = 15;
  CHECK(!one(read("start,kwh\n2024-07-03T00:00Z,1\n2024-07-03T00:07Z,1\n"), "U0041").message.empty());
  const auto gaps = read("start,kwh\n2024-07-03T00:00Z,1\n2024-07-03T00:30Z,1\n2024-07-03T01:00Z,1\n", fifteen);
  CHECK(all(gaps, "U0045").size() == 2);
}
