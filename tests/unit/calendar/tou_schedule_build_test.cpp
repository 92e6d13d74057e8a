// TouSchedule::build settles the minutes between two period boundaries at once. These
// cases check it against the plain reading of its contract, minute by minute (below), on
// random schedules: seasons, day masks, ranges that wrap past midnight or are empty,
// whole-day rules, several `otherwise` periods, gaps and overlaps.
#include <doctest/doctest.h>

#include "rateline/calendar.hpp"

#include <algorithm>
#include <optional>
#include <random>

using namespace std::chrono;
using rateline::DayType;
using rateline::TouCoverageProblem;
using rateline::TouPeriodDef;
using rateline::TouSchedule;

namespace {

bool in_range(unsigned m, unsigned from, unsigned to) {
  from = std::min(from, 1440u);
  to = std::min(to, 1440u);
  if (from < to) return from <= m && m < to;
  if (from > to) return m >= from || m < to;
  return false;
}

// The example date of (season, day type): as TouSchedule::build documents it.
year_month_day example(const TouSchedule& s, std::size_t season, DayType d, int y) {
  std::optional<year_month_day> by_season;
  for (sys_days day{year{y} / January / 1}; day <= sys_days{year{y} / December / 31}; day += days{1}) {
    const year_month_day ymd{day};
    if (s.season_of(ymd) != season) continue;
    if (s.day_type(ymd) == d) return ymd;
    if (!by_season) by_season = ymd;
  }
  return by_season ? *by_season : year{y} / January / 1;
}

struct Reference {
  std::vector<std::uint8_t> table;   // [season][day type][minute]
  std::vector<TouCoverageProblem> problems;
};

Reference minute_by_minute(const TouSchedule& s, const std::vector<TouPeriodDef>& periods, int y) {
  Reference r;
  std::vector<std::size_t> otherwise;
  for (std::size_t p = 0; p < periods.size(); ++p)
    if (periods[p].otherwise) otherwise.push_back(p);
  for (std::size_t season = 0; season < s.season_count(); ++season) {
    for (std::size_t d = 0; d < rateline::kDayTypes; ++d) {
      std::optional<TouCoverageProblem> open;
      auto close = [&](unsigned end) {
        if (!open) return;
        open->minute_end = static_cast<std::uint16_t>(end);
        r.problems.push_back(*open);
        open.reset();
      };
      for (unsigned m = 0; m < 1440; ++m) {
        std::vector<std::size_t> ids;
        for (std::size_t p = 0; p < periods.size(); ++p) {
          bool covers = false;
          for (auto& rule : periods[p].rules) {
            if (((rule.season_mask >> season) & 1u) == 0 || ((rule.day_mask >> d) & 1u) == 0) continue;
            if (rule.minutes.empty()) covers = true;
            for (auto [from, to] : rule.minutes) covers = covers || in_range(m, from, to);
          }
          if (covers) ids.push_back(p);
        }
        std::optional<TouCoverageProblem::Kind> kind;
        if (ids.empty() && !periods.empty()) {
          if (otherwise.empty()) kind = TouCoverageProblem::Kind::gap;
          else if ((ids = otherwise).size() > 1) kind = TouCoverageProblem::Kind::overlap;
        } else if (ids.size() > 1) {
          kind = TouCoverageProblem::Kind::overlap;
        }
        r.table.push_back(ids.empty() ? 0 : static_cast<std::uint8_t>(ids.front()));
        const std::vector<std::size_t> colliding = kind == TouCoverageProblem::Kind::gap ? std::vector<std::size_t>{} : ids;
        if (open && (!kind || *kind != open->kind || colliding != open->periods)) close(m);
        if (kind && !open) {
          open = TouCoverageProblem{};
          open->kind = *kind;
          open->season = season;
          open->day = static_cast<DayType>(d);
          open->minute = static_cast<std::uint16_t>(m);
          open->periods = colliding;
          open->example = example(s, season, static_cast<DayType>(d), y);
        }
      }
      close(1440);
    }
  }
  return r;
}

}  // namespace

TEST_CASE("calendar: TouSchedule::build equals the minute-by-minute reading of its contract, random schedules") {
  std::mt19937_64 rng(20261206);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  // Boundaries on a few round minutes, so that ranges meet, overlap and leave gaps.
  auto minute = [&] { return static_cast<std::uint16_t>(pick(2) ? pick(25) * 60 : pick(1442)); };
  for (int round = 0; round < 150; ++round) {
    CAPTURE(round);
    TouSchedule s;
    if (pick(3)) s.seasons = {{"summer", {6, 1}, {9, 30}}, {"winter", {10, 1}, {5, 31}}};
    if (pick(2)) s.holidays = rateline::nerc_holidays();
    std::vector<TouPeriodDef> periods(pick(6));
    for (std::size_t p = 0; p < periods.size(); ++p) {
      periods[p].name = "p" + std::to_string(p);
      periods[p].otherwise = pick(4) == 0;
      for (std::size_t k = pick(4); k-- > 0;) {
        rateline::TouRule rule;
        if (pick(2)) rule.season_mask = static_cast<std::uint32_t>(1 + pick(3));
        if (pick(2)) rule.day_mask = static_cast<std::uint8_t>(pick(256));
        for (std::size_t j = pick(4); j-- > 0;) rule.minutes.emplace_back(minute(), minute());
        periods[p].rules.push_back(rule);
      }
    }
    const auto want = minute_by_minute(s, periods, 2024);
    const auto got = s.build(periods, 2024);
    std::size_t first_difference = want.table.size(), i = 0;
    for (std::size_t season = 0; season < s.season_count(); ++season)
      for (std::size_t d = 0; d < rateline::kDayTypes; ++d)
        for (unsigned m = 0; m < 1440; ++m, ++i)
          if (first_difference == want.table.size() && s.period_at(season, static_cast<DayType>(d), m) != want.table[i]) first_difference = i;
    CHECK(first_difference == want.table.size());
    REQUIRE(got.size() == want.problems.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      CAPTURE(k);
      CHECK(got[k].kind == want.problems[k].kind);
      CHECK(got[k].season == want.problems[k].season);
      CHECK(got[k].day == want.problems[k].day);
      CHECK(got[k].minute == want.problems[k].minute);
      CHECK(got[k].minute_end == want.problems[k].minute_end);
      CHECK(got[k].periods == want.problems[k].periods);
      CHECK(got[k].example == want.problems[k].example);
    }
  }
}
