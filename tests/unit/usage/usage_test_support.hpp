// Helpers shared by the usage tests: reading text, finding a diagnostic, building files.
#pragma once

#include <doctest/doctest.h>

#include "rateline/usage.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace usage_test {

using namespace std::chrono;

inline rateline::UsageReadResult read(std::string_view text, const rateline::UsageReadOptions& options = {}) {
  return rateline::read_interval_csv(text, "meter.csv", options);
}

inline std::vector<const rateline::Diagnostic*> all(const rateline::UsageReadResult& result, std::string_view code) {
  std::vector<const rateline::Diagnostic*> found;
  for (auto& d : result.diagnostics)
    if (d.code == code) found.push_back(&d);
  return found;
}

/// The only diagnostic with `code` (fails the test if there is not exactly one).
inline const rateline::Diagnostic& one(const rateline::UsageReadResult& result, std::string_view code) {
  auto found = all(result, code);
  INFO("diagnostics: " << [&] {
    std::string text;
    for (auto& d : result.diagnostics) text += rateline::render(d);
    return text;
  }());
  REQUIRE(found.size() == 1);
  return *found.front();
}

/// 1-based line the diagnostic points at (0 when it has no span).
inline std::uint32_t line_of(const rateline::Diagnostic& d) {
  return d.span.file ? d.span.file->position(d.span.begin).line : 0;
}

/// The text the diagnostic's span covers.
inline std::string spanned(const rateline::Diagnostic& d) {
  if (!d.span.file) return {};
  return d.span.file->text().substr(d.span.begin, d.span.end - d.span.begin);
}

inline bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

inline sys_seconds utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0, int second = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute} + seconds{second};
}

inline local_seconds local(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return local_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute};
}

/// "2024-07-03T14:00Z" for a UTC time point.
inline std::string iso(sys_seconds t) {
  const auto day_point = floor<days>(t);
  const year_month_day ymd{day_point};
  const hh_mm_ss<seconds> time{t - day_point};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()));
  return buffer;
}

/// A `start,kwh` file of `values` at `step_minutes` from `first` (values are written as given).
inline std::string csv(sys_seconds first, int step_minutes, const std::vector<std::string>& values) {
  std::string text = "start,kwh\n";
  for (std::size_t i = 0; i < values.size(); ++i)
    text += iso(first + minutes{step_minutes} * static_cast<int>(i)) + "," + values[i] + "\n";
  return text;
}

/// Two series are the same: start, length, scale, unit, every value and the filled gaps.
inline void same_series(const rateline::IntervalSeries& a, const rateline::IntervalSeries& b) {
  CHECK(a.start == b.start);
  CHECK(a.minutes == b.minutes);
  CHECK(a.scale == b.scale);
  CHECK(a.unit == b.unit);
  CHECK(a.values == b.values);
  CHECK(a.missing == b.missing);
}

}  // namespace usage_test
