// The interval reader's two paths for a row (src/usage/interval_csv.cpp): plain_row takes
// the common row (unquoted fields, no blanks, a start with its offset, plain digits) in one
// pass; general_row takes every row plain_row leaves. A row must read the same on either.
// These tests write random files twice: as they are, and with fields quoted or padded with
// blanks (which the reader removes, so the file means the same) but which send each such
// row down the general path. The two reads must agree on every value, the grid, and every
// diagnostic's code and line.
#include "usage_test_support.hpp"

#include <algorithm>
#include <random>
#include <sstream>

using namespace usage_test;

namespace {

struct Column {
  std::string name;
  enum Kind { start, value, other } kind;
};

// One random field value: mostly plain meter readings, sometimes a form only the general
// path reads (signs, exponents, long digit strings), sometimes a mistake.
std::string random_value(std::mt19937_64& rng, int bad_per_mille) {
  std::uniform_int_distribution<int> mille(0, 999);
  const int pick = mille(rng);
  if (pick < bad_per_mille) {
    // the last two are good values, but 18 places or 17 digits make the others overflow
    static const char* bad[] = {"", "abc", "-1.5", "1.2.3", "NaN", "99999999999999999999", "0.0000000000000000001", "1,5",
                                "0.123456789012345678", "12345678901234567"};
    return bad[std::uniform_int_distribution<int>(0, 9)(rng)];
  }
  if (pick < bad_per_mille + 20) {
    static const char* unusual[] = {"+1.5", "1e2", "2.5E-3", "-0", ".5", "5.", "000000000000000000001.5", "0.1234567890"};
    return unusual[std::uniform_int_distribution<int>(0, 7)(rng)];
  }
  std::uniform_int_distribution<int> places(0, 6);
  std::uniform_int_distribution<std::int64_t> whole(0, 999);
  const int p = places(rng);
  std::string text = std::to_string(whole(rng));
  if (p > 0) {
    text += '.';
    for (int i = 0; i < p; ++i) text += static_cast<char>('0' + std::uniform_int_distribution<int>(0, 9)(rng));
  }
  return text;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The start of interval k of a grid from 2024-03-01T00:00Z: Z or a fixed offset, in order
// or (now and then) a duplicate or a gap.
std::string random_start(std::mt19937_64& rng, int k, int minutes, bool offset, int bad_per_mille) {
  std::uniform_int_distribution<int> mille(0, 999);
  if (mille(rng) < bad_per_mille) {
    static const char* bad[] = {"2024-13-01T00:00Z", "yesterday", "", "2024-03-01T25:00Z", "2024-03-01 00:00"};
    return bad[std::uniform_int_distribution<int>(0, 4)(rng)];
  }
  // with an offset, the wall-clock time five hours behind UTC is written
  const auto when = utc(2024, 3, 1) + std::chrono::minutes{std::int64_t{k} * minutes} - (offset ? std::chrono::hours{5} : std::chrono::hours{0});
  const auto day = std::chrono::floor<std::chrono::days>(when);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss<std::chrono::seconds> time{when - day};
  std::string text = std::to_string(static_cast<int>(date.year())) + "-" + two(static_cast<int>(static_cast<unsigned>(date.month()))) + "-" +
                     two(static_cast<int>(static_cast<unsigned>(date.day()))) + "T" + two(static_cast<int>(time.hours().count())) + ":" +
                     two(static_cast<int>(time.minutes().count()));
  return text + (offset ? "-05:00" : "Z");
}

struct RandomFile {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // fields in column order

  // `dress(row)`: whether row's fields are written quoted or padded (general path).
  template <class Dress>
  std::string text(Dress&& dress, std::mt19937_64& rng) const {
    std::string out;
    for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + columns[c].name;
    out += '\n';
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const bool dressed = dress(r);
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        if (c) out += ',';
        const std::string& f = rows[r][c];
        // a field with a comma in it is one field only when quoted
        const bool quote = f.find(',') != std::string::npos || (dressed && std::uniform_int_distribution<int>(0, 1)(rng) == 0);
        if (quote) out += '"' + f + '"';
        else if (dressed) out += " " + f + "\t";
        else out += f;
      }
      out += r % 7 == 3 ? "\r\n" : "\n";
    }
    return out;
  }
};

RandomFile random_file(std::mt19937_64& rng, int bad_per_mille) {
  RandomFile file;
  std::vector<Column> columns{{"start", Column::start}, {"kwh", Column::value}};
  if (rng() % 2) columns.push_back({"kwh_received", Column::value});
  if (rng() % 3 == 0) columns.push_back({"kvarh", Column::value});
  if (rng() % 2) columns.push_back({"account", Column::other});
  if (rng() % 4 == 0) columns.push_back({"meter_note", Column::other});
  std::shuffle(columns.begin(), columns.end(), rng);
  file.columns = columns;
  const int minutes = rng() % 2 ? 60 : 15;
  const bool offset = rng() % 4 == 0;
  const int count = std::uniform_int_distribution<int>(1, 400)(rng);
  std::uniform_int_distribution<int> mille(0, 999);
  for (int k = 0; k < count; ++k) {
    std::vector<std::string> row;
    for (const Column& c : columns) {
      if (c.kind == Column::start) row.push_back(random_start(rng, k, minutes, offset, bad_per_mille));
      else if (c.kind == Column::value) row.push_back(random_value(rng, bad_per_mille));
      else row.push_back(mille(rng) < 5 ? "note, with a comma" : "A" + std::to_string(k % 3));
    }
    if (mille(rng) < bad_per_mille / 2) row.pop_back();                     // a field short
    if (mille(rng) < bad_per_mille / 2) row.push_back("1");                 // a field over
    file.rows.push_back(std::move(row));
  }
  return file;
}

std::string describe(const rateline::UsageReadResult& r) {
  std::ostringstream out;
  for (const auto& d : r.diagnostics) out << d.code << "@" << line_of(d) << " ";
  return out.str();
}

void check_same(const rateline::UsageReadResult& plain, const rateline::UsageReadResult& dressed) {
  INFO("plain: " << describe(plain));
  INFO("dressed: " << describe(dressed));
  REQUIRE(plain.diagnostics.size() == dressed.diagnostics.size());
  for (std::size_t i = 0; i < plain.diagnostics.size(); ++i) {
    CHECK(plain.diagnostics[i].code == dressed.diagnostics[i].code);
    CHECK(line_of(plain.diagnostics[i]) == line_of(dressed.diagnostics[i]));
  }
  REQUIRE(plain.usage.has_value() == dressed.usage.has_value());
  if (!plain.usage) return;
  same_series(plain.usage->delivered, dressed.usage->delivered);
  REQUIRE(plain.usage->received.has_value() == dressed.usage->received.has_value());
  if (plain.usage->received) same_series(*plain.usage->received, *dressed.usage->received);
  REQUIRE(plain.usage->reactive.has_value() == dressed.usage->reactive.has_value());
  if (plain.usage->reactive) same_series(*plain.usage->reactive, *dressed.usage->reactive);
}

}  // namespace

TEST_CASE("plain rows: a row reads the same on the plain path and the general path") {
  std::mt19937_64 rng(20261207);
  int read_clean = 0;
  for (int round = 0; round < 300; ++round) {
    const int bad_per_mille = round % 3 == 0 ? 0 : round % 3 == 1 ? 2 : 30;
    const RandomFile file = random_file(rng, bad_per_mille);
    CAPTURE(round);
    const auto plain = read(file.text([](std::size_t) { return false; }, rng));
    // every row dressed: all of it on the general path
    check_same(plain, read(file.text([](std::size_t) { return true; }, rng)));
    // some rows dressed: the paths take turns, as in a file with a few odd rows
    std::uniform_int_distribution<int> coin(0, 3);
    check_same(plain, read(file.text([&](std::size_t) { return coin(rng) == 0; }, rng)));
    if (plain.usage) ++read_clean;
  }
  // the rounds without mistakes (a third) must have been read, or the test compared errors only
  CHECK(read_clean >= 100);
}

TEST_CASE("plain rows: a file of local times reads on the general path, as before") {
  rateline::UsageReadOptions options;
  options.time_zone = "America/New_York";
  const std::string text = "start,kwh\n2024-03-10T00:00,1.5\n2024-03-10T01:00,2\n2024-03-10T03:00,0.25\n2024-03-10T04:00Z,7\n";
  const auto result = read(text, options);
  REQUIRE(result.usage);
  // 00:00 EST is 05:00Z, 01:00 EST 06:00Z, 03:00 EDT 07:00Z; the last row, with its offset
  // (the plain path's kind of start, after it has stopped trying), is the hour before them
  CHECK(result.usage->delivered.start == utc(2024, 3, 10, 4));
  CHECK(result.usage->delivered.minutes == 60);
  CHECK(result.usage->delivered.scale == 2);
  CHECK(result.usage->delivered.values == std::vector<std::int64_t>{700, 150, 200, 25});
}

TEST_CASE("plain rows: a row the plain path starts but cannot finish keeps nothing of it") {
  // The second row's last value is an exponent: plain_row has read its start and first
  // value before it gives up, and the general path must not see them stored twice.
  const auto result = read("start,kwh,kwh_received\n2024-07-03T14:00Z,1.5,0\n2024-07-03T15:00Z,2.5,1e1\n2024-07-03T16:00Z,3,0\n");
  REQUIRE(result.usage);
  REQUIRE(result.usage->delivered.values.size() == 3);
  CHECK(result.usage->delivered.values == std::vector<std::int64_t>{15, 25, 30});
  REQUIRE(result.usage->received);
  CHECK(result.usage->received->values == std::vector<std::int64_t>{0, 10, 0});
}
