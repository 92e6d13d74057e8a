// classify_intervals: season, TOU period and local day of every interval of a grid;
// classify_together: the same for all of a tariff's TOU schedules at once, as pieces.
//
// Done once per (tariff, interval grid), so the evaluator's hot path only reads bytes.
// Speed comes from doing each kind of work as rarely as it changes:
//  * the UTC offset: one tz lookup per offset change (TimeZone::offset_at gives the span
//    over which it holds), not one per interval;
//  * season and day type (holiday lookup included): once per local day, one date
//    conversion for every schedule;
//  * the periods of a day's intervals: once per day PATTERN. Within one local day under
//    one offset, the intervals start at local seconds s0, s0 + len, s0 + 2·len, ..., so
//    their periods and alignment depend only on the day's minute row and s0 (days of
//    different seasons or day types with equal rows share patterns). A year has a
//    handful of patterns; each day copies its pattern's row (memcpy), or its pattern's
//    pieces, instead of classifying its intervals one by one. A DST day is two segments
//    (before and after the change), each with its own s0, and an interval that crosses
//    local midnight or an offset change is checked minute by minute as before.
#include "rateline/calendar.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rateline {

namespace {

using namespace std::chrono;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr unsigned kMinutesPerDay = 1440;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The intervals of one (season, day type) row starting at local second s0, s0 + len, ...
// before midnight: their periods, and how many of the first k that end by midnight are
// misaligned.
struct DayPattern {
  std::int64_t first_second = 0;
  std::vector<std::uint8_t> period;              // one per interval starting before midnight
  std::vector<std::uint32_t> misaligned_before;  // [k]: misaligned among intervals 0..k-1 ending by midnight
};

// One segment of a grid: the intervals [i, i + n) that start on one local day under one
// UTC offset; the first `fast` of them also END by local midnight and by the offset change.
struct Segment {
  std::size_t i = 0, n = 0, fast = 0;
  sys_seconds t;             // start of interval i
  std::int64_t day_number;   // the local day, days since 1970-01-01
  std::int64_t s0;           // interval i's local second of the day
};

// Calls visit(segment) for the segments of a grid in time order.
template <class Visit>
void for_each_segment(const TimeZone& zone, sys_seconds start, std::int64_t len, std::size_t count, Visit&& visit) {
  const seconds length{len};
  TimeZone::OffsetSpan span = zone.offset_at(start);
  for (std::size_t i = 0; i < count;) {
    const sys_seconds t = start + length * static_cast<std::int64_t>(i);
    if (t >= span.end) span = zone.offset_at(t);
    const std::int64_t local = t.time_since_epoch().count() + span.offset.count();
    const std::int64_t day_number = floor_div(local, kSecondsPerDay);
    const std::int64_t s0 = local - day_number * kSecondsPerDay;
    const std::size_t remaining = count - i;
    auto by_span = [&](bool ceil_div) {
      if (span.end == sys_seconds::max()) return remaining;
      const std::int64_t left = (span.end - t).count();
      if (left / len >= static_cast<std::int64_t>(remaining)) return remaining;
      return static_cast<std::size_t>(ceil_div ? (left + len - 1) / len : left / len);
    };
    const std::size_t n = std::min({static_cast<std::size_t>((kSecondsPerDay - s0 + len - 1) / len), by_span(true), remaining});
    const std::size_t fast = std::min({static_cast<std::size_t>((kSecondsPerDay - s0) / len), by_span(false), n});
    visit(Segment{i, n, fast, t, day_number, s0});
    i += n;
  }
}

// One schedule over one grid: its day for a local day, its day patterns (made on first
// use) and the slow alignment check. `Table`, `RunEnds`, `SeasonByDay` and `RowIds` are the
// schedule's private rows, passed in by the friend functions below.
template <class Table, class RunEnds, class SeasonByDay, class RowIds>
class ScheduleDays {
 public:
  // What a local day needs: its season and the period row of its (season, day type).
  struct Day {
    std::int64_t number = std::numeric_limits<std::int64_t>::min();
    std::uint8_t season = 0;
    std::size_t row_key = 0;  // which patterns apply: one number for every (season, day type) with this row
    const std::uint8_t* row = nullptr;
    const std::uint16_t* run_end = nullptr;
  };

  ScheduleDays(const TouSchedule& schedule, const Table& table, const RunEnds& run_ends, const SeasonByDay& season_by_day,
               const RowIds& row_ids, const TimeZone& zone, sys_seconds start, std::int64_t len)
      : schedule_(schedule), table_(table), run_ends_(run_ends), season_by_day_(season_by_day), row_ids_(row_ids),
        zone_(zone), len_(len), other_span_(zone.offset_at(start)),
        patterns_(schedule.built() ? schedule.season_count() * kDayTypes : 1) {
    if (schedule.built() && table.size() != schedule.season_count()) {
      throw std::logic_error("classify_intervals: seasons changed after TouSchedule::build");
    }
  }

  Day day;  // the current segment's

  // Loads `into` for local day `number` (a no-op when it holds that day already).
  void load_day(std::int64_t number, Day& into) const {
    if (into.number == number) return;
    const sys_days local_day{days{number}};
    load_day(number, year_month_day{local_day}, weekday_type(weekday{local_day}), into);
  }
  // `day_of_week`: the day type of `date` if it is no holiday
  void load_day(std::int64_t number, const year_month_day& date, DayType day_of_week, Day& into) const {
    if (into.number == number) return;
    // a built schedule answers season_of from its table; a day type without holidays is the
    // day of the week, from the day number (no date conversion back)
    const std::size_t season = schedule_.built() ? season_by_day_[static_cast<unsigned>(date.month())][static_cast<unsigned>(date.day())]
                                                 : schedule_.season_of(date);
    into.number = number;
    into.season = static_cast<std::uint8_t>(season);
    if (schedule_.built()) {
      const auto type = static_cast<std::size_t>(schedule_.holidays.rules.empty() || !schedule_.holidays.contains(date) ? day_of_week
                                                                                                                      : DayType::holiday);
      into.row_key = row_ids_[season][type];
      into.row = table_[season][type].data();
      into.run_end = run_ends_[season][type].data();
    } else {
      into.row_key = 0;
      into.row = no_tou_row().data();
      into.run_end = no_tou_run_end().data();
    }
  }

  // Patterns by row key; a key has one pattern for ordinary days and one or two more for
  // the segments of DST days, so a short list is searched.
  const DayPattern& pattern_for(const Day& d, std::int64_t s0) { return pattern(d.row_key, pattern_index(d, s0)); }
  // A pattern's place in its list stays while the list grows (a reference may not).
  std::size_t pattern_index(const Day& d, std::int64_t s0) {
    auto& list = patterns_[d.row_key];
    for (std::size_t k = 0; k < list.size(); ++k)
      if (list[k].first_second == s0) return k;
    DayPattern& p = list.emplace_back();
    p.first_second = s0;
    const auto starts = static_cast<std::size_t>((kSecondsPerDay - s0 + len_ - 1) / len_);
    const auto inner = static_cast<std::size_t>((kSecondsPerDay - s0) / len_);  // intervals ending by midnight
    p.period.resize(starts);
    p.misaligned_before.assign(inner + 1, 0);
    std::int64_t second = s0;
    for (std::size_t k = 0; k < starts; ++k, second += len_) {
      const auto minute = static_cast<std::size_t>(second / 60);
      p.period[k] = d.row[minute];
      if (k < inner) {
        const bool aligned = d.run_end[minute] > static_cast<std::size_t>((second + len_ - 1) / 60);
        p.misaligned_before[k + 1] = p.misaligned_before[k] + (aligned ? 0u : 1u);
      }
    }
    return list.size() - 1;
  }
  const DayPattern& pattern(std::size_t row_key, std::size_t index) const { return patterns_[row_key][index]; }

  // The misaligned intervals of a segment whose intervals have the periods of `pattern`:
  // the pattern's count for the fast ones, the others split and checked one by one.
  std::size_t misaligned(const Segment& s, const DayPattern& p) {
    std::size_t n = p.misaligned_before[s.fast];
    const std::uint8_t* period = p.period.data();
    for (std::size_t k = s.fast; k < s.n; ++k) {
      const sys_seconds tk = s.t + seconds{len_ * static_cast<std::int64_t>(k)};
      if (!all_in_period(tk, tk + seconds{len_}, period[k])) ++n;
    }
    return n;
  }

 private:
  // An unbuilt schedule (a tariff without TOU) is period 0 everywhere.
  static const std::array<std::uint8_t, kMinutesPerDay>& no_tou_row() {
    static const std::array<std::uint8_t, kMinutesPerDay> row{};
    return row;
  }
  static const std::array<std::uint16_t, kMinutesPerDay>& no_tou_run_end() {
    static const std::array<std::uint16_t, kMinutesPerDay> run_end = [] {
      std::array<std::uint16_t, kMinutesPerDay> a{};
      a.fill(static_cast<std::uint16_t>(kMinutesPerDay));
      return a;
    }();
    return run_end;
  }

  // Slow path of the alignment check, for an interval that crosses local midnight or an
  // offset change: split [t0, t1) into pieces within one local day and one offset, and
  // check each piece's local minutes are all in `period`.
  bool all_in_period(sys_seconds t0, sys_seconds t1, std::uint8_t period) {
    for (sys_seconds cur = t0; cur < t1;) {
      if (cur < other_span_.begin || cur >= other_span_.end) other_span_ = zone_.offset_at(cur);
      const std::int64_t local = cur.time_since_epoch().count() + other_span_.offset.count();
      const std::int64_t day_number = floor_div(local, kSecondsPerDay);
      load_day(day_number, other_day_);
      const std::int64_t second_of_day = local - day_number * kSecondsPerDay;
      sys_seconds piece_end = cur + seconds{kSecondsPerDay - second_of_day};  // next local midnight
      if (other_span_.end < piece_end) piece_end = other_span_.end;
      if (t1 < piece_end) piece_end = t1;
      const auto first_minute = static_cast<std::size_t>(second_of_day / 60);
      const auto last_minute = static_cast<std::size_t>((second_of_day + (piece_end - cur).count() - 1) / 60);
      if (other_day_.row[first_minute] != period || other_day_.run_end[first_minute] <= last_minute) return false;
      cur = piece_end;
    }
    return true;
  }

  const TouSchedule& schedule_;
  const Table& table_;
  const RunEnds& run_ends_;
  const SeasonByDay& season_by_day_;
  const RowIds& row_ids_;
  const TimeZone& zone_;
  std::int64_t len_;
  Day other_day_;
  TimeZone::OffsetSpan other_span_;
  std::vector<std::vector<DayPattern>> patterns_;
};

template <class Table, class RunEnds, class SeasonByDay, class RowIds>
ScheduleDays<Table, RunEnds, SeasonByDay, RowIds> days_of(const TouSchedule& schedule, const Table& table, const RunEnds& run_ends,
                                                          const SeasonByDay& season_by_day, const RowIds& row_ids,
                                                          const TimeZone& zone, sys_seconds start, std::int64_t len) {
  return {schedule, table, run_ends, season_by_day, row_ids, zone, start, len};
}

void check_length(std::int32_t minutes) {
  if (minutes <= 0) throw std::invalid_argument("classify_intervals: interval length must be positive");
}

std::int64_t seconds_of(std::int32_t minutes) { return static_cast<std::int64_t>(minutes) * 60; }

// A segment's local day as a days entry; a DST day is two segments of one day: one entry.
[[gnu::always_inline]] inline void add_day(std::vector<CalendarDay>& days, const Segment& s, std::uint8_t season) {
  if (!days.empty() && days.back().local_day == s.day_number && days.back().season == season) days.back().count += s.n;
  else days.push_back({s.i, s.n, static_cast<std::int32_t>(s.day_number), season});
}

// What a classification writes besides the periods: season and local day per interval,
// nothing (a tariff's second and later TOU groups take both from the first group's), or
// both per local day. Not writing them per interval saves 5 bytes an interval of fresh
// memory on a cold grid.
enum class Output { intervals, periods, days };

template <class Days>
IntervalCalendar classify(Days&& schedule, const TimeZone& zone, sys_seconds start, std::int64_t len, std::size_t count,
                          Output output) {
  IntervalCalendar out;
  if (output == Output::intervals) {
    out.season.resize(count);
    out.local_day.resize(count);
  }
  out.period.resize(count);
  for_each_segment(zone, start, len, count, [&](const Segment& s) {
    schedule.load_day(s.day_number, schedule.day);
    const DayPattern& p = schedule.pattern_for(schedule.day, s.s0);
    std::memcpy(out.period.data() + s.i, p.period.data(), s.n);
    if (output == Output::intervals) {
      std::fill_n(out.season.data() + s.i, s.n, schedule.day.season);
      std::fill_n(out.local_day.data() + s.i, s.n, static_cast<std::int32_t>(s.day_number));
    } else if (output == Output::days) {
      add_day(out.days, s, schedule.day.season);
    }
    out.misaligned += schedule.misaligned(s, p);
  });
  return out;
}

}  // namespace

IntervalCalendar classify_intervals(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start,
                                    std::int32_t minutes, std::size_t count) {
  if (count == 0) return {};
  check_length(minutes);
  const std::int64_t len = seconds_of(minutes);
  return classify(days_of(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, len), zone,
                  start, len, count, Output::intervals);
}

IntervalCalendar classify_periods(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start,
                                  std::int32_t minutes, std::size_t count) {
  if (count == 0) return {};
  check_length(minutes);
  const std::int64_t len = seconds_of(minutes);
  return classify(days_of(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, len), zone,
                  start, len, count, Output::periods);
}

IntervalCalendar classify_days(const TouSchedule& schedule, const TimeZone& zone, sys_seconds start, std::int32_t minutes,
                               std::size_t count) {
  if (count == 0) return {};
  check_length(minutes);
  const std::int64_t len = seconds_of(minutes);
  return classify(days_of(schedule, schedule.table_, schedule.run_end_, schedule.season_by_day_, schedule.row_id_, zone, start, len), zone,
                  start, len, count, Output::days);
}

GroupedCalendar classify_together(std::span<const TouSchedule* const> schedules, const TimeZone& zone, sys_seconds start,
                                  std::int32_t minutes, std::size_t count) {
  GroupedCalendar out;
  const std::size_t groups = schedules.size();
  out.misaligned.assign(groups, 0);
  if (count == 0 || groups == 0) return out;
  check_length(minutes);
  const std::int64_t len = seconds_of(minutes);
  using Days = decltype(days_of(*schedules[0], schedules[0]->table_, schedules[0]->run_end_, schedules[0]->season_by_day_,
                                schedules[0]->row_id_, zone, start, len));
  std::vector<Days> each;
  each.reserve(groups);
  for (const TouSchedule* s : schedules) each.push_back(days_of(*s, s->table_, s->run_end_, s->season_by_day_, s->row_id_, zone, start, len));

  // A day pattern of every schedule at once: the intervals from s0 cut where any schedule's
  // period changes, with the periods of each piece, and each schedule's own pattern (for
  // the alignment counts). Found by one number made of s0 and the schedules' row keys
  // (row keys are below 263: at most 32 seasons × 8 day types), which names a pattern
  // alone for up to five schedules; past that the keys themselves are compared too.
  struct Combined {
    std::uint64_t key = 0;
    std::vector<PeriodPiece> pieces;     // k from the day's first interval
    std::vector<std::size_t> row_keys;   // [g]
    std::vector<std::size_t> own;        // [g]: the index of the schedule's pattern for its row key
  };
  std::vector<Combined> combined;
  auto key_of = [&](std::int64_t s0) {
    auto key = static_cast<std::uint64_t>(s0);
    for (const auto& d : each) key = key * 263 + d.day.row_key;
    return key;
  };
  auto same_rows = [&](const Combined& c) {
    if (groups <= 5) return true;
    for (std::size_t g = 0; g < groups; ++g)
      if (c.row_keys[g] != each[g].day.row_key) return false;
    return true;
  };
  // the number of a combination of periods in out.periods, added when new
  std::vector<std::uint8_t> these(groups);
  auto periods_number = [&]() {
    const std::size_t known = out.periods.size() / groups;
    for (std::size_t c = 0; c < known; ++c)
      if (std::equal(these.begin(), these.end(), out.periods.begin() + static_cast<std::ptrdiff_t>(c * groups)))
        return static_cast<std::uint32_t>(c);
    out.periods.insert(out.periods.end(), these.begin(), these.end());
    return static_cast<std::uint32_t>(known);
  };
  auto make_combined = [&](std::uint64_t key, std::int64_t s0) {
    Combined& p = combined.emplace_back();
    p.key = key;
    for (auto& d : each) {
      p.row_keys.push_back(d.day.row_key);
      p.own.push_back(d.pattern_index(d.day, s0));
    }
    const std::size_t starts = each[0].pattern(p.row_keys[0], p.own[0]).period.size();
    for (std::size_t k = 0; k < starts; ++k) {
      bool same = k > 0;
      for (std::size_t g = 0; g < groups; ++g) {
        const auto& period = each[g].pattern(p.row_keys[g], p.own[g]).period;
        same = same && period[k] == these[g];
        these[g] = period[k];
      }
      if (same) ++p.pieces.back().end;
      else p.pieces.push_back({static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k + 1), periods_number()});
    }
  };

  const std::size_t days_in_grid = static_cast<std::size_t>(static_cast<std::int64_t>(count) * len / kSecondsPerDay) + 2;
  out.days.reserve(days_in_grid);
  out.pieces.reserve(days_in_grid * 4);
  std::int64_t loaded = std::numeric_limits<std::int64_t>::min();
  year_month_day date{};
  DayType day_of_week = DayType::mon;
  std::size_t last_pattern = 0;  // the combined pattern of the segment before: the next day's, most days
  for_each_segment(zone, start, len, count, [&](const Segment& s) {
    if (s.day_number != loaded) {
      // one date for every schedule, the day after the last by counting on (a conversion a month)
      if (s.day_number == loaded + 1 && date.day() < (date.year() / date.month() / last).day()) {
        date = year_month_day{date.year(), date.month(), date.day() + days{1}};
        day_of_week = day_of_week == DayType::sun ? DayType::mon : static_cast<DayType>(static_cast<unsigned>(day_of_week) + 1);
      } else {
        const sys_days local_day{days{s.day_number}};
        date = year_month_day{local_day};
        day_of_week = weekday_type(weekday{local_day});
      }
      for (auto& d : each) d.load_day(s.day_number, date, day_of_week, d.day);
      loaded = s.day_number;
    }
    const std::uint64_t key = key_of(s.s0);
    if (last_pattern >= combined.size() || combined[last_pattern].key != key || !same_rows(combined[last_pattern])) {
      last_pattern = 0;
      while (last_pattern < combined.size() && (combined[last_pattern].key != key || !same_rows(combined[last_pattern]))) ++last_pattern;
      if (last_pattern == combined.size()) make_combined(key, s.s0);
    }
    const Combined& p = combined[last_pattern];
    // the segment's first n intervals of the pattern, placed at i; not merged with the
    // piece before, which may be another day's
    const auto i = static_cast<std::uint32_t>(s.i);
    const auto n = static_cast<std::uint32_t>(s.n);
    for (const PeriodPiece& r : p.pieces) {
      if (r.start >= n) break;
      out.pieces.push_back({i + r.start, i + std::min(r.end, n), r.periods});
    }
    add_day(out.days, s, each[0].day.season);
    for (std::size_t g = 0; g < groups; ++g) {
      const DayPattern& own = each[g].pattern(p.row_keys[g], p.own[g]);
      out.misaligned[g] += s.fast == s.n ? own.misaligned_before[s.fast] : each[g].misaligned(s, own);
    }
  });
  return out;
}

}  // namespace rateline
