// The streaming reader (src/usage/interval_csv_stream.hpp) against the whole read: for every
// file, read_interval_csv_file gives exactly what read_interval_csv gives for the same text
// (series, diagnostics and their rendering), and the files it should take are streamed.
#include <doctest/doctest.h>

#include "usage/interval_csv_stream.hpp"

#include "rateline/usage.hpp"
#include "usage_test_support.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using usage_test::same_series;

std::string write(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "rateline_stream_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Reads `text` from a file and as text; both must agree. Returns whether it was streamed.
bool agrees(const std::string& text, const rateline::UsageReadOptions& options = {}) {
  const std::string path = write("meter.csv", text);
  const auto whole = rateline::read_interval_csv(text, path, options);
  const auto file = rateline::read_interval_csv_file(path, options);
  REQUIRE(whole.diagnostics.size() == file.diagnostics.size());
  for (std::size_t i = 0; i < whole.diagnostics.size(); ++i) CHECK(rateline::render(whole.diagnostics[i]) == rateline::render(file.diagnostics[i]));
  REQUIRE(whole.usage.has_value() == file.usage.has_value());
  if (whole.usage) {
    same_series(whole.usage->delivered, file.usage->delivered);
    REQUIRE(whole.usage->received.has_value() == file.usage->received.has_value());
    if (whole.usage->received) same_series(*whole.usage->received, *file.usage->received);
    REQUIRE(whole.usage->reactive.has_value() == file.usage->reactive.has_value());
    if (whole.usage->reactive) same_series(*whole.usage->reactive, *file.usage->reactive);
    CHECK(whole.usage->source == file.usage->source);
  }
  return rateline::usage_detail::stream_interval_csv(path, options).has_value();
}

std::string hourly(int hours, const char* value = "0.5", int from_hour = 0) {
  std::string out;
  for (int h = from_hour; h < from_hour + hours; ++h) {
    char line[64];
    std::snprintf(line, sizeof line, "2024-07-%02dT%02d:00Z,%s\n", 1 + h / 24, h % 24, value);
    out += line;
  }
  return out;
}

}  // namespace

TEST_CASE("streamed usage: a clean file in order is streamed and reads as the whole read") {
  CHECK(agrees("start,kwh\n" + hourly(48)));
  CHECK(agrees("\xEF\xBB\xBF# export\r\n\r\nstart,kwh\r\n2024-07-01T00:00Z,1\r\n2024-07-01T00:15Z,2.25\r\n# note\r\n2024-07-01T00:30Z,0.125\r\n"));
  CHECK(agrees("kvarh,KW,start,kwh_received\n1,2,2024-07-01T00:00-04:00,0.5\n1.5,2.5,2024-07-01T01:00-04:00,0\n"));
  CHECK(agrees("start,kwh\n2024-07-01T00:00Z,1\n", [] {
    rateline::UsageReadOptions o;
    o.interval_minutes = 60;
    return o;
  }()));
  // The scale grows at the last row: every earlier value is scaled up, exactly.
  CHECK(agrees("start,kwh\n" + hourly(30, "7") + "2024-07-02T06:00Z,0.000001\n"));
  // Local time in a zone, across the spring-forward hour (it is not in the file).
  rateline::UsageReadOptions ny;
  ny.time_zone = "America/New_York";
  CHECK(agrees("start,kwh\n2024-03-10 00:00,1\n2024-03-10 01:00,1\n2024-03-10 03:00,1\n2024-03-10 04:00,1\n", ny));
}

TEST_CASE("streamed usage: unread columns are warned about on the header line, streamed") {
  CHECK(agrees("start,end,kwh,quality\n2024-07-01T00:00Z,x,1,A\n2024-07-01T01:00Z,y,2,A\n"));
  CHECK(agrees("# exported\r\nstart,end,kwh\r\n2024-07-01T00:00Z,x,1\r\n2024-07-01T01:00Z,y,2\r\n"));
  std::string wide = "start,kwh";
  std::string row_tail;
  for (int i = 0; i < 60; ++i) {
    wide += ",c" + std::to_string(i);
    row_tail += ",0";
  }
  CHECK(agrees(wide + "\n2024-07-01T00:00Z,1" + row_tail + "\n2024-07-01T01:00Z,2" + row_tail + "\n"));
}

TEST_CASE("streamed usage: any other file is read whole, with the same result") {
  rateline::UsageReadOptions gaps;
  gaps.gaps = rateline::GapPolicy::zero;
  CHECK_FALSE(agrees("start,kwh\n" + hourly(3) + hourly(3, "0.5", 5)));        // a gap
  CHECK_FALSE(agrees("start,kwh\n" + hourly(3) + hourly(3, "0.5", 5), gaps));  // filled
  CHECK_FALSE(agrees("start,kwh\n2024-07-01T01:00Z,1\n2024-07-01T00:00Z,2\n2024-07-01T02:00Z,3\n"));  // out of order
  CHECK_FALSE(agrees("start,kwh\n" + hourly(3) + "2024-07-01T02:00Z,4\n"));    // a duplicate
  CHECK_FALSE(agrees("start,kwh\n" + hourly(3) + "2024-07-01T03:07Z,4\n"));    // off the grid
  CHECK_FALSE(agrees("start,kwh\n" + hourly(3, "-1")));                        // a bad value
  CHECK_FALSE(agrees("start,kwh\n" + hourly(3) + "2024-07-01T03:00Z\n"));      // a short row
  CHECK_FALSE(agrees("start,kwh\n2024-07-01T00:00Z,1\n"));                     // one row: no length
  CHECK_FALSE(agrees("start,kwh\n2024-07-01T00:00Z,1\n2024-07-01T00:07Z,1\n")); // 7 minutes
  CHECK_FALSE(agrees("start,kwh\n2024-07-01T00:00,1\n2024-07-01T01:00,1\n")); // no offset, no zone
  CHECK_FALSE(agrees("start,kwh,kwh\n" + hourly(2)));                          // a column twice
  CHECK_FALSE(agrees("kwh\n1\n2\n"));                                          // no start
  CHECK_FALSE(agrees("start,kwh\n"));                                          // no rows
  CHECK_FALSE(agrees(""));
  // Values that fit alone but not at the column's scale: an overflow the whole read reports.
  CHECK_FALSE(agrees("start,kwh\n2024-07-01T00:00Z,990000000000000000\n2024-07-01T01:00Z,0.5\n"));
  CHECK_FALSE(agrees("start,kwh\n2024-07-01T00:00Z,0.5\n2024-07-01T01:00Z,990000000000000000\n"));
  rateline::UsageReadOptions sam;
  sam.time_zone = "UTC";
  sam.sam_start = std::chrono::local_seconds{std::chrono::local_days{std::chrono::year{2024} / 7 / 1}.time_since_epoch()};
  CHECK_FALSE(agrees("kW_60min\n1\n2\n3\n", sam));                             // SAM load
  rateline::UsageReadOptions small;
  small.max_file_bytes = 10;
  const std::string big = write("big.csv", "start,kwh\n" + hourly(3));
  CHECK_FALSE(rateline::usage_detail::stream_interval_csv(big, small));
  const auto refused = rateline::read_interval_csv_file(big, small);
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].code == "L0001");
}

TEST_CASE("streamed usage: files and lines longer than the first read") {
  // The first read is 64 KiB and the buffer doubles to 1 MiB from there: a file over a
  // megabyte, a first line longer than the first read, and a SAM load file that is only
  // peeked at all read as the whole read reads them.
  std::string many = "start,kwh\n";
  for (int day = 0; day < 3000; ++day) {
    const auto date = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::year{2020} / 1 / 1} + std::chrono::days{day}};
    for (int h = 0; h < 24; ++h) {
      char line[64];
      std::snprintf(line, sizeof line, "%04d-%02u-%02uT%02d:00Z,%d.%03d\n", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), h, h, day % 1000);
      many += line;
    }
  }
  REQUIRE(many.size() > (std::size_t{1} << 20));
  CHECK(agrees(many));
  CHECK(agrees("# " + std::string(100'000, 'x') + "\nstart,kwh\n" + hourly(48)));
  CHECK(agrees("start,kwh,note\n2024-07-01T00:00Z,1," + std::string(200'000, 'n') + "\n2024-07-01T01:00Z,2,short\n"));
  rateline::UsageReadOptions sam;
  sam.sam_start = std::chrono::local_seconds{std::chrono::local_days{std::chrono::year{2024} / 1 / 1}.time_since_epoch()};
  std::string load = "kW_15min\n";
  for (int i = 0; i < 35'040; ++i) load += std::to_string(i % 977) + "." + std::to_string(i % 7) + "\n";
  REQUIRE(load.size() > (std::size_t{1} << 16));
  CHECK_FALSE(agrees(load, sam));
}
