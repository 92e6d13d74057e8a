// calendar/format_date.cpp — format_date(date) -> "2024-07-01" (rateline/calendar.hpp): the one way the library writes a date.
#include "rateline/calendar.hpp"

#include <cstdio>

namespace rateline {

std::string format_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace rateline
