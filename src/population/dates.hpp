// dates.hpp — YYYY-MM-DD dates in the accounts table and the output rows.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace rateline::population_detail {

/// "2024-07-16" as a date; nullopt for anything else (including 2024-02-30).
inline std::optional<std::chrono::year_month_day> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[8];
  int n = 0;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v[n++] = s[i] - '0';
  }
  const std::chrono::year_month_day d{std::chrono::year{v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]},
                                      std::chrono::month{static_cast<unsigned>(v[4] * 10 + v[5])},
                                      std::chrono::day{static_cast<unsigned>(v[6] * 10 + v[7])}};
  if (!d.ok()) return std::nullopt;
  return d;
}

/// "2024-07-16".
inline std::string format_day(std::chrono::year_month_day d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buffer;
}

}  // namespace rateline::population_detail
