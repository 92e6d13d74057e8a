// The readers of check/dates.hpp.
#include "check/dates.hpp"

#include "check/words.hpp"

#include <cctype>
#include <string>

namespace rateline::check {

const char* const kMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  std::chrono::year_month_day d{std::chrono::year{num(0, 4)}, std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

bool is_billing_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  return month >= 1 && month <= 12;
}

unsigned days_in_month(unsigned month) {
  static const unsigned days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days[month - 1];
}

std::optional<unsigned> month_index(std::string_view word) {
  for (unsigned m = 0; m < 12; ++m)
    if (word == kMonthNames[m]) return m + 1;
  return std::nullopt;
}

std::optional<std::uint8_t> day_mask_of(std::string_view word) {
  auto w = lowercase(word);
  const std::uint8_t weekdays = 0x1f, weekend = 0x60, holiday = 0x80;
  if (w == "weekday" || w == "weekdays") return weekdays;
  if (w == "weekend" || w == "weekends") return weekend;
  if (w == "holiday" || w == "holidays") return holiday;
  if (w == "weekends_and_holidays") return static_cast<std::uint8_t>(weekend | holiday);
  if (w == "everyday" || w == "daily" || w == "all_days") return 0xff;
  static const char* names[7][2] = {{"mon", "monday"}, {"tue", "tuesday"}, {"wed", "wednesday"}, {"thu", "thursday"},
                                    {"fri", "friday"},  {"sat", "saturday"}, {"sun", "sunday"}};
  for (std::uint8_t d = 0; d < 7; ++d)
    if (w == names[d][0] || w == names[d][1]) return static_cast<std::uint8_t>(1u << d);
  return std::nullopt;
}

}  // namespace rateline::check
