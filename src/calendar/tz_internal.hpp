// src/calendar/tz_internal.hpp — the bridge between rateline's std::chrono API and
// Howard Hinnant's date/tz, private to the calendar layer.
//
// The public headers speak std::chrono only, so <date/tz.h> stays out of every other
// layer. GCC 12's <chrono> has the calendar types but no tz database, hence date/tz.
#pragma once

// The system package builds libdate-tz over the OS tz database (/usr/share/zoneinfo) and
// its CMake target adds USE_OS_TZDB=1. A direct `g++` compile without that definition
// would see a different layout of date's classes than the library was built with, so
// pin it here as well.
#ifndef USE_OS_TZDB
#define USE_OS_TZDB 1
#endif
#include <date/tz.h>

#include <chrono>

namespace rateline::calendar_detail {

// date::sys_seconds is std::chrono::sys_seconds (both are time_points of
// std::chrono::system_clock), but date::local_t is its own clock tag, distinct from
// std::chrono::local_t: convert local times through their count since the epoch.
inline date::local_seconds to_date_local(std::chrono::local_seconds t) {
  return date::local_seconds{t.time_since_epoch()};
}
inline std::chrono::local_seconds from_date_local(date::local_seconds t) {
  return std::chrono::local_seconds{t.time_since_epoch()};
}

}  // namespace rateline::calendar_detail
