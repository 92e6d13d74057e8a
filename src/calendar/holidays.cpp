// HolidayCalendar: observed holiday dates from fixed-date, nth/last-weekday, one-off and
// range rules, and the NERC holiday set.
#include "rateline/calendar.hpp"

#include <algorithm>

namespace rateline {

namespace {

using namespace std::chrono;

// The actual (not yet observed) date of a single-date rule in `y`, if it has one.
std::optional<year_month_day> actual_date(const HolidayRule& rule, int y) {
  switch (rule.kind) {
    case HolidayRule::Kind::fixed_date: {
      const year_month_day d{year{y}, month{rule.date.month}, day{rule.date.day}};
      if (!d.ok()) return std::nullopt;  // Feb 29 outside leap years, Apr 31, ...
      return d;
    }
    case HolidayRule::Kind::nth_weekday: {
      if (rule.weekday > 6 || rule.nth < 1 || rule.nth > 5) return std::nullopt;
      const year_month_weekday d{year{y}, month{rule.date.month}, weekday_indexed{weekday{rule.weekday}, rule.nth}};
      if (!d.ok()) return std::nullopt;  // a 5th Monday in a month with four
      return year_month_day{sys_days{d}};
    }
    case HolidayRule::Kind::last_weekday: {
      if (rule.weekday > 6) return std::nullopt;
      const year_month_weekday_last d{year{y}, month{rule.date.month}, weekday_last{weekday{rule.weekday}}};
      if (!d.ok()) return std::nullopt;
      return year_month_day{sys_days{d}};
    }
    case HolidayRule::Kind::one_off:
      if (!rule.from.ok() || static_cast<int>(rule.from.year()) != y) return std::nullopt;
      return rule.from;
    case HolidayRule::Kind::range:
      break;
  }
  return std::nullopt;
}

// Moves a weekend date to the weekday it is observed on. Moves are at most one day, which
// contains() relies on.
year_month_day observe(year_month_day d, Observance observance) {
  if (observance == Observance::none) return d;
  const sys_days days{d};
  const weekday wd{days};
  if (wd == Sunday) return year_month_day{days + std::chrono::days{1}};
  if (wd == Saturday && observance == Observance::nearest_weekday) {
    return year_month_day{days - std::chrono::days{1}};
  }
  return d;
}

std::optional<year_month_day> observed_date(const HolidayRule& rule, int y) {
  auto d = actual_date(rule, y);
  if (!d) return std::nullopt;
  return observe(*d, rule.observance);
}

bool is_last_day_of_month(year_month_day d) {
  return d.day() == year_month_day_last{d.year(), month_day_last{d.month()}}.day();
}

bool rule_matches(const HolidayRule& rule, year_month_day date) {
  if (rule.kind == HolidayRule::Kind::range) {
    if (!rule.from.ok() || !rule.to.ok()) return false;
    return rule.from <= date && date <= rule.to;
  }
  if (rule.kind == HolidayRule::Kind::one_off) {
    if (!rule.from.ok()) return false;
    return observe(rule.from, rule.observance) == date;
  }
  const int y = static_cast<int>(date.year());
  auto observed_on = [&](int in_year) {
    auto d = observed_date(rule, in_year);
    return d && *d == date;
  };
  // The rule's month decides almost everything: a holiday is observed in its own month,
  // or at most one day away, i.e. on the first or last day of a neighbouring month.
  const month rule_month{rule.date.month};
  if (date.month() == rule_month && observed_on(y)) return true;
  if (rule.observance == Observance::none) return false;
  if (date.day() == day{1}) {
    // A holiday on the last day of the previous month, moved forward (Sunday -> Monday).
    const year_month_day before{sys_days{date} - days{1}};
    if (before.month() == rule_month && observed_on(static_cast<int>(before.year()))) return true;
  }
  if (is_last_day_of_month(date)) {
    // A holiday on the first day of the next month, moved back (Saturday -> Friday):
    // New Year's Day 2022 (a Saturday) observed on 2021-12-31.
    const year_month_day after{sys_days{date} + days{1}};
    if (after.month() == rule_month && observed_on(static_cast<int>(after.year()))) return true;
  }
  return false;
}

}  // namespace

bool HolidayCalendar::contains(std::chrono::year_month_day date) const {
  if (!date.ok()) return false;
  return std::any_of(rules.begin(), rules.end(), [&](const HolidayRule& r) { return rule_matches(r, date); });
}

std::vector<std::pair<std::chrono::year_month_day, std::string>> HolidayCalendar::in_year(int year) const {
  std::vector<std::pair<year_month_day, std::string>> out;
  const std::chrono::year y{year};
  for (const auto& rule : rules) {
    if (rule.kind == HolidayRule::Kind::range) {
      if (!rule.from.ok() || !rule.to.ok()) continue;
      const sys_days first = std::max(sys_days{rule.from}, sys_days{y / January / 1});
      const sys_days last = std::min(sys_days{rule.to}, sys_days{y / December / 31});
      for (sys_days d = first; d <= last; d += days{1}) out.emplace_back(year_month_day{d}, rule.name);
      continue;
    }
    // The observed date may come from the holiday of the year before or after (see the
    // class comment), so look at all three.
    for (int from_year = year - 1; from_year <= year + 1; ++from_year) {
      auto d = observed_date(rule, from_year);
      if (d && d->year() == y) out.emplace_back(*d, rule.name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

HolidayCalendar nerc_holidays() {
  HolidayCalendar cal;
  cal.name = "NERC";
  const auto rule = [](std::string name, HolidayRule::Kind kind, unsigned month_number, unsigned day_or_nth,
                       unsigned weekday_number) {
    HolidayRule r;
    r.kind = kind;
    r.name = std::move(name);
    r.date = {month_number, kind == HolidayRule::Kind::fixed_date ? day_or_nth : 1};
    r.nth = kind == HolidayRule::Kind::nth_weekday ? day_or_nth : 1;
    r.weekday = weekday_number;
    r.observance = Observance::sunday_to_monday;
    return r;
  };
  using K = HolidayRule::Kind;
  cal.rules = {
      rule("New Year's Day", K::fixed_date, 1, 1, 0),
      rule("Memorial Day", K::last_weekday, 5, 0, 1),      // last Monday of May
      rule("Independence Day", K::fixed_date, 7, 4, 0),
      rule("Labor Day", K::nth_weekday, 9, 1, 1),          // 1st Monday of September
      rule("Thanksgiving Day", K::nth_weekday, 11, 4, 4),  // 4th Thursday of November
      rule("Christmas Day", K::fixed_date, 12, 25, 0),
  };
  return cal;
}

}  // namespace rateline
