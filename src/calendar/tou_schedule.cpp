// TouSchedule: seasons, day types and the [season][day type][minute] period table,
// with the coverage check (gaps and overlaps) that the tariff checker reports.
#include "rateline/calendar.hpp"

#include <algorithm>
#include <bitset>
#include <stdexcept>

namespace rateline {

namespace {

using namespace std::chrono;

constexpr unsigned kMinutesPerDay = 1440;

bool season_holds(const Season& s, MonthDay md) {
  if (s.from <= s.to) return s.from <= md && md <= s.to;
  return md >= s.from || md <= s.to;  // wraps past Dec 31: Oct 1 - May 31
}

// Marks the minutes of one [from, to) range of a rule (see TouRule::minutes).
// The minutes [from, to) as a bitset, word by word rather than bit by bit.
std::bitset<kMinutesPerDay> minutes_between(unsigned from, unsigned to) {
  static const std::bitset<kMinutesPerDay> all = std::bitset<kMinutesPerDay>().set();
  return (all >> (kMinutesPerDay - (to - from))) << from;
}

void mark(std::bitset<kMinutesPerDay>& bits, std::uint16_t from_minute, std::uint16_t to_minute) {
  const unsigned from = std::min<unsigned>(from_minute, kMinutesPerDay);
  const unsigned to = std::min<unsigned>(to_minute, kMinutesPerDay);
  if (from < to) {
    bits |= minutes_between(from, to);
  } else if (from > to) {  // wraps past midnight, within the same day type
    bits |= minutes_between(from, kMinutesPerDay);
    bits |= minutes_between(0, to);
  }
  // from == to: empty on purpose; the checker reports it.
}

}  // namespace

std::string_view to_string(DayType day) {
  switch (day) {
    case DayType::mon: return "Mon";
    case DayType::tue: return "Tue";
    case DayType::wed: return "Wed";
    case DayType::thu: return "Thu";
    case DayType::fri: return "Fri";
    case DayType::sat: return "Sat";
    case DayType::sun: return "Sun";
    case DayType::holiday: return "holiday";
  }
  return "?";
}

std::size_t TouSchedule::season_of(year_month_day date) const {
  if (seasons.empty()) return 0;
  const MonthDay md{static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day())};
  for (std::size_t i = 0; i < seasons.size(); ++i) {
    if (season_holds(seasons[i], md)) return i;
  }
  if (md == MonthDay{2, 29}) {
    // "Dec 1 - Feb 28" is how most sheets say "through February": the leap day goes with
    // the day before it.
    for (std::size_t i = 0; i < seasons.size(); ++i) {
      if (season_holds(seasons[i], MonthDay{2, 28})) return i;
    }
  }
  return 0;  // seasons do not cover the date: the checker reports that; do not crash
}

std::size_t TouSchedule::season_on(MonthDay md) const {
  // the days of the months of 2000, a leap year: Feb 29 is a date
  static constexpr std::array<unsigned, 13> kDays{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (built() && md.month >= 1 && md.month <= 12 && md.day >= 1 && md.day <= kDays[md.month]) return season_by_day_[md.month][md.day];
  return season_of(year{2000} / month{md.month} / day{md.day});
}

DayType TouSchedule::day_type(year_month_day date) const {
  if (holidays.contains(date)) return DayType::holiday;
  return weekday_type(weekday{sys_days{date}});
}

std::vector<TouCoverageProblem> TouSchedule::build(const std::vector<TouPeriodDef>& periods, int example_year) {
  const std::size_t season_total = season_count();
  if (season_total > 32) throw std::invalid_argument("TouSchedule: more than 32 seasons");
  if (periods.size() > 256) throw std::invalid_argument("TouSchedule: more than 256 TOU periods");

  table_.assign(season_total, {});
  run_end_.assign(season_total, {});
  // 2000 is a leap year: February 29 gets the season season_of gives it
  for (unsigned m = 1; m <= 12; ++m)
    for (unsigned d = 1; d <= 31; ++d)
      if (const year_month_day date{year{2000}, month{m}, day{d}}; date.ok())
        season_by_day_[m][d] = static_cast<std::uint8_t>(season_of(date));
  std::vector<TouCoverageProblem> problems;

  if (!periods.empty()) {
    period_names.clear();
    for (const auto& p : periods) period_names.push_back(p.name);
  }
  std::vector<std::size_t> otherwise_ids;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    if (periods[p].otherwise) otherwise_ids.push_back(p);
  }

  // Example dates, found lazily (only when there is a problem to show): the first date
  // of example_year for each (season, day type), and the first date of each season.
  bool examples_ready = false;
  std::vector<std::array<std::optional<year_month_day>, kDayTypes>> example_by_type(season_total);
  std::vector<std::optional<year_month_day>> example_by_season(season_total);
  auto example_for = [&](std::size_t s, DayType d) {
    if (!examples_ready) {
      const sys_days first{year{example_year} / January / 1};
      const sys_days last{year{example_year} / December / 31};
      for (sys_days day = first; day <= last; day += days{1}) {
        const year_month_day ymd{day};
        const std::size_t season = season_of(ymd);
        auto& slot = example_by_type[season][static_cast<std::size_t>(day_type(ymd))];
        if (!slot) slot = ymd;
        if (!example_by_season[season]) example_by_season[season] = ymd;
      }
      examples_ready = true;
    }
    if (auto e = example_by_type[s][static_cast<std::size_t>(d)]) return *e;
    if (auto e = example_by_season[s]) return *e;  // e.g. no holiday falls in this season
    return year_month_day{year{example_year} / January / 1};  // season holds no date at all
  };

  std::vector<std::bitset<kMinutesPerDay>> covered(periods.size());
  std::vector<std::size_t> ids;      // periods covering the current minute
  std::vector<std::size_t> run_ids;  // periods of the open problem run
  for (std::size_t s = 0; s < season_total; ++s) {
    for (std::size_t d = 0; d < kDayTypes; ++d) {
      DayRow& row = table_[s][d];
      const auto day = static_cast<DayType>(d);

      for (std::size_t p = 0; p < periods.size(); ++p) {
        covered[p].reset();
        for (const auto& rule : periods[p].rules) {
          if (((rule.season_mask >> s) & 1u) == 0 || ((rule.day_mask >> d) & 1u) == 0) continue;
          if (rule.minutes.empty()) covered[p].set();
          for (const auto& [from, to] : rule.minutes) mark(covered[p], from, to);
        }
      }

      // Walk the day minute by minute, merging problems into runs. A run is open while
      // `run_open`; it closes when the kind or the colliding periods change.
      bool run_open = false;
      TouCoverageProblem run;
      auto close_run = [&](unsigned end_minute) {
        if (!run_open) return;
        run.minute_end = static_cast<std::uint16_t>(end_minute);
        run.periods = run_ids;
        run.example = example_for(s, day);
        problems.push_back(run);
        run_open = false;
      };

      // Which periods cover a minute changes only where one of them starts or ends: the
      // minutes in between are settled once (a day of 1,440 minutes has a handful of such
      // stretches; settling every minute on its own was most of compiling a TOU tariff).
      std::bitset<kMinutesPerDay> change;
      change.set(0);
      for (const auto& c : covered) change |= c ^ (c << 1);
      for (unsigned m = 0, next = 0; m < kMinutesPerDay; m = next) {
        next = static_cast<unsigned>(change._Find_next(m));  // kMinutesPerDay when none is left
        ids.clear();
        for (std::size_t p = 0; p < periods.size(); ++p) {
          if (covered[p][m]) ids.push_back(p);
        }
        std::optional<TouCoverageProblem::Kind> kind;  // empty = exactly one period, fine
        if (ids.empty() && !periods.empty()) {
          if (otherwise_ids.empty()) {
            kind = TouCoverageProblem::Kind::gap;
          } else {
            ids = otherwise_ids;
            if (ids.size() > 1) kind = TouCoverageProblem::Kind::overlap;
          }
        } else if (ids.size() > 1) {
          kind = TouCoverageProblem::Kind::overlap;
        }
        std::fill(row.begin() + m, row.begin() + next, ids.empty() ? std::uint8_t{0} : static_cast<std::uint8_t>(ids.front()));

        if (run_open && (!kind || *kind != run.kind || ids != run_ids)) close_run(m);
        if (kind && !run_open) {
          run = TouCoverageProblem{};
          run.kind = *kind;
          run.season = s;
          run.day = day;
          run.minute = static_cast<std::uint16_t>(m);
          run_ids = *kind == TouCoverageProblem::Kind::gap ? std::vector<std::size_t>{} : ids;
          run_open = true;
        }
      }
      close_run(kMinutesPerDay);

      // Each minute's run of one period ends where the next period starts: the same end for
      // every minute of the run. The period can change only where `change` is set.
      auto& ends = run_end_[s][d];
      for (unsigned m = 0, end = 0; m < kMinutesPerDay; m = end) {
        end = static_cast<unsigned>(change._Find_next(m));
        while (end < kMinutesPerDay && row[end] == row[m]) end = static_cast<unsigned>(change._Find_next(end));
        std::fill(ends.begin() + m, ends.begin() + end, static_cast<std::uint16_t>(end));
      }
    }
  }
  // Equal rows share a number: the first (season, day type) with that row. Typically a
  // handful of distinct rows among the 16 of two seasons, each compared with those few.
  row_id_.assign(season_total, {});
  std::vector<const DayRow*> distinct;
  for (std::size_t s = 0; s < season_total; ++s)
    for (std::size_t d = 0; d < kDayTypes; ++d) {
      const DayRow& row = table_[s][d];
      std::size_t id = 0;
      while (id < distinct.size() && *distinct[id] != row) ++id;
      if (id == distinct.size()) distinct.push_back(&row);
      row_id_[s][d] = static_cast<std::uint16_t>(id);
    }
  return problems;
}

}  // namespace rateline
