// A tariff's interval grid (src/graph/interval_slots.cpp) keeps seasons and local days a
// day at a time. These cases check it against the per-interval classification: every
// interval's slot is season × periods + period, and a billing period's first interval is
// found where std::lower_bound over every interval's local day finds it, in zones with DST
// changes at any hour (America/Santiago and America/Havana change at midnight; St. John's fell
// back at 00:01 until 2011, so its local days went back by one for a minute).
#include <doctest/doctest.h>

#include "graph/interval_slots.hpp"
#include "graph/rate_graph_internals.hpp"
#include "rateline/tariff.hpp"

#include <algorithm>
#include <random>
#include <string>

using namespace std::chrono;
using namespace rateline;

namespace {

RateGraph compile_in(const std::string& zone) {
  const std::string text = "tariff \"Slots\" {\n currency USD\n timezone \"" + zone +
                           "\"\n effective 2000-01-01\n"
                           " season summer \"Summer\": Apr 10 - Oct 20\n season winter \"Winter\": Oct 21 - Apr 9\n"
                           " period on_peak \"On-Peak\": weekday 14:00-19:00\n period night \"Night\": 22:00-01:30\n"
                           " period off_peak \"Off-Peak\": otherwise\n"
                           " charge energy \"Energy\" on energy: by season {\n"
                           "  summer: by period { on_peak: 0.2 $/kWh  night: 0.05 $/kWh  off_peak: 0.1 $/kWh }\n"
                           "  winter: 0.09 $/kWh\n }\n}\n";
  auto compiled = compile_tariff(std::make_shared<SourceFile>("slots.tariff", text));
  REQUIRE(compiled.graph);
  return *compiled.graph;
}

}  // namespace

TEST_CASE("interval slots: seasons and days kept by day give every interval's slot and every period's first interval") {
  std::mt19937_64 rng(20261206);
  int in_order = 0, out_of_order = 0;  // grids whose days first_on_or_after halves directly, and the others
  int consecutive = 0;                 // ... of which one entry a day without a gap: found by subtraction
  for (const char* zone : {"America/New_York", "America/Santiago", "America/Havana", "Australia/Lord_Howe", "America/St_Johns", "UTC"}) {
    CAPTURE(zone);
    const RateGraph rg = compile_in(zone);
    const auto& t = graph::tariff_of(rg);
    REQUIRE(t.groups.size() == 1);
    const auto periods = t.groups[0].period_names.size();
    REQUIRE(periods == 3);
    auto season_of = [&](std::uint8_t range) -> std::size_t { return t.calendar_to_season.empty() ? 0 : t.calendar_to_season[range]; };
    for (int round = 0; round < 20; ++round) {
      const std::int32_t minutes = std::array{1, 5, 15, 30, 45, 60, 90}[rng() % 7];
      const sys_seconds start{sys_days{year{2000 + static_cast<int>(rng() % 40)} / January / 1}.time_since_epoch() +
                              seconds{static_cast<std::int64_t>(rng() % (366 * 86400))}};
      const std::size_t count = 1 + rng() % std::min<std::size_t>(40000, 800 * 1440 / minutes);
      CAPTURE(minutes);
      CAPTURE(start.time_since_epoch().count());
      CAPTURE(count);
      const auto slots = graph::interval_slots(t, start, minutes, count);
      const auto want = classify_intervals(t.groups[0].schedule, t.zone, start, minutes, count);
      // The runs cover the grid in order, each as long as it can be, and give every
      // interval its slot.
      const auto& runs = slots->runs[0];
      REQUIRE_FALSE(runs.empty());
      CHECK(runs.front().start == 0);
      CHECK(runs.back().end == count);
      bool runs_ok = true;
      for (std::size_t r = 0; r < runs.size(); ++r) {
        runs_ok = runs_ok && runs[r].start < runs[r].end;
        if (r > 0) runs_ok = runs_ok && runs[r].start == runs[r - 1].end && runs[r].slot != runs[r - 1].slot;
      }
      CHECK(runs_ok);
      std::size_t first_difference = count;
      for (std::size_t i = 0; i < count && first_difference == count; ++i)
        if (slots->slot_at(0, i) != season_of(want.season[i]) * periods + want.period[i]) first_difference = i;
      CHECK(first_difference == count);
      // find_interval visits [first, last) in order with each interval's slot.
      std::mt19937_64 sub(static_cast<std::uint64_t>(round) * 7919 + count);  // not `rng`: the grids drawn stay the same
      const std::size_t first = sub() % count, last = first + sub() % (count - first + 1);
      std::size_t next = first;
      bool visits_ok = true;
      const std::size_t stop_at = first + (last - first) / 2;
      const std::size_t found = slots->find_interval(0, first, last, [&](std::size_t i, std::uint16_t slot) {
        visits_ok = visits_ok && i == next++ && slot == slots->slot_at(0, i);
        return i == stop_at && last > first;
      });
      CHECK(visits_ok);
      CHECK(found == (last > first ? stop_at : last));
      CHECK(slots->misaligned == want.misaligned);
      (slots->days_in_order ? in_order : out_of_order) += 1;
      consecutive += slots->days_consecutive ? 1 : 0;
      for (std::int32_t day = want.local_day.front() - 2; day <= want.local_day.back() + 2; ++day) {
        const auto expected = static_cast<std::size_t>(std::lower_bound(want.local_day.begin(), want.local_day.end(), day) - want.local_day.begin());
        if (slots->first_on_or_after(day) != expected) {
          CAPTURE(day);
          CHECK(slots->first_on_or_after(day) == expected);
          break;
        }
      }
    }
  }
  CHECK(in_order > 50);
  CHECK(consecutive > 50);
  CHECK(out_of_order > 0);  // St. John's fell back at 00:01 until 2011: a day went back by one
}

TEST_CASE("interval slots: several period groups, classified together, give each group's slots and the pieces cut_into_pieces makes") {
  // Three groups whose periods change at different minutes (and one across midnight), two
  // seasons; the pieces come from one pass over the days (classify_together) and must be
  // what cutting each group's runs at the others' boundaries gives.
  const std::string text =
      "tariff \"Groups\" {\n currency USD\n timezone \"America/New_York\"\n effective 2000-01-01\n"
      " season summer \"Summer\": May 1 - Sep 30\n season winter \"Winter\": Oct 1 - Apr 30\n"
      " period on_peak \"On-Peak\": weekday 13:00-19:00\n period off_peak \"Off-Peak\": otherwise\n"
      " time_of_use demand_periods {\n  period demand_peak \"Peak\": weekday 15:30-18:00\n"
      "  period demand_night \"Night\": everyday 23:00-02:15\n  period demand_base \"Other\": otherwise\n }\n"
      " time_of_use critical {\n  period critical_peak \"Critical\": Mon 16:00-17:00\n  period normal \"Normal\": otherwise\n }\n"
      " charge energy \"Energy\" on energy: by period { on_peak: 0.12 $/kWh  off_peak: 0.06 $/kWh }\n"
      " charge demand \"Demand\" on demand: by period { demand_peak: 9 $/kW  demand_night: 1 $/kW  demand_base: 2 $/kW }\n"
      " charge critical \"Critical\" on energy: by period { critical_peak: 1 $/kWh  normal: 0 $/kWh }\n}\n";
  std::size_t most_kinds = 0;
  for (const std::string zone : {"America/New_York", "America/Santiago", "Australia/Lord_Howe", "UTC"}) {
    CAPTURE(zone);
    std::string in_zone = text;
    in_zone.replace(in_zone.find("America/New_York"), std::string("America/New_York").size(), zone);
    auto compiled = compile_tariff(std::make_shared<SourceFile>("groups.tariff", in_zone));
    REQUIRE(compiled.graph);
    const auto& t = graph::tariff_of(*compiled.graph);
    REQUIRE(t.groups.size() == 3);
    std::mt19937_64 rng(20261207);
    for (int round = 0; round < 12; ++round) {
      const std::int32_t minutes = std::array{5, 15, 30, 45, 60, 90}[rng() % 6];
      const sys_seconds start{sys_days{year{2000 + static_cast<int>(rng() % 40)} / January / 1}.time_since_epoch() +
                              seconds{static_cast<std::int64_t>(rng() % (366 * 86400))}};
      const std::size_t count = 1 + rng() % std::min<std::size_t>(30000, 500 * 1440 / minutes);
      CAPTURE(minutes);
      CAPTURE(start.time_since_epoch().count());
      CAPTURE(count);
      const auto slots = graph::interval_slots(t, start, minutes, count);
      std::size_t most_misaligned = 0;
      for (std::size_t g = 0; g < 3; ++g) {
        CAPTURE(g);
        const auto want = classify_intervals(t.groups[g].schedule, t.zone, start, minutes, count);
        const auto seasons = classify_intervals(t.groups[0].schedule, t.zone, start, minutes, count);
        most_misaligned = std::max(most_misaligned, want.misaligned);
        const auto periods = t.groups[g].period_names.size();
        const auto& runs = slots->runs[g];
        bool runs_ok = !runs.empty() && runs.front().start == 0 && runs.back().end == count;
        for (std::size_t r = 1; r < runs.size(); ++r) runs_ok = runs_ok && runs[r].start == runs[r - 1].end && runs[r].slot != runs[r - 1].slot;
        CHECK(runs_ok);
        std::size_t first_difference = count;
        for (std::size_t i = 0; i < count && first_difference == count; ++i) {
          const std::size_t season = t.calendar_to_season.empty() ? 0 : t.calendar_to_season[seasons.season[i]];
          if (slots->slot_at(g, i) != season * periods + want.period[i]) first_difference = i;
        }
        CHECK(first_difference == count);
      }
      CHECK(slots->misaligned == most_misaligned);
      graph::IntervalSlots reference = *slots;
      reference.cut_into_pieces();
      REQUIRE(reference.pieces.size() == slots->pieces.size());
      bool same = reference.piece_slots == slots->piece_slots && reference.kind_slots == slots->kind_slots;
      for (std::size_t k = 0; k < slots->pieces.size(); ++k)
        same = same && reference.pieces[k].start == slots->pieces[k].start && reference.pieces[k].end == slots->pieces[k].end &&
               reference.pieces[k].kind == slots->pieces[k].kind;
      CHECK(same);
      most_kinds = std::max(most_kinds, slots->kinds());
    }
  }
  CHECK(most_kinds > 6);  // the groups do cut each other: more kinds than any group has slots in a season
}
