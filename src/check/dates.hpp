// check/dates.hpp — dates, months and day types as tariffs write them.
//
//   parse_date("2024-02-30")     // nullopt: not a day
//   is_billing_month("2024-07")  // true
//   month_index("Sep")           // 9
//   day_mask_of("weekend")       // 0x60 (Sat, Sun); bit 7 = holiday
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rateline::check {

/// "YYYY-MM-DD" (ten characters, as the grammar matched it) when it names a real day.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

/// "2024-01": a year and a month 01..12.
bool is_billing_month(std::string_view s);

/// Days of `month` (1..12) in a leap year: seasons and holidays must be able to name Feb 29.
unsigned days_in_month(unsigned month);

/// "Jan" .. "Dec".
extern const char* const kMonthNames[12];

/// 1..12 for "Jan" .. "Dec" (exactly three letters, as written), else nullopt.
std::optional<unsigned> month_index(std::string_view word);

/// The days a day word names, as a mask: bit 0 = Monday .. bit 6 = Sunday, bit 7 = holiday.
/// "weekday", "weekends", "Mon", "monday", "holiday", "everyday" ...; nullopt for others.
std::optional<std::uint8_t> day_mask_of(std::string_view word);

}  // namespace rateline::check
