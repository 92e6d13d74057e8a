// The interval pass's integer arithmetic (src/eval/determinants.cpp): the overflow bound
// that lets it sum in 64 bits, and sums and peaks over runs of slots, including the
// vectorized clones (whichever the CPU running the test picks).
#include "eval/determinants.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

using rateline::eval::safe_run;

TEST_CASE("safe_run: the longest run whose 64-bit sum cannot overflow") {
  constexpr auto top = std::numeric_limits<std::int64_t>::max();
  // the bound is top / (B + 1), B the bitwise OR of the magnitudes (at least the largest,
  // below twice it)
  std::vector<std::int64_t> small{1, 2, 3, 7, 0};
  CHECK(safe_run(small.data(), small.size()) == static_cast<std::size_t>(top / 8));   // |v| ≤ 7, OR 7
  std::vector<std::int64_t> negative{5, -9, 4};
  CHECK(safe_run(negative.data(), negative.size()) == static_cast<std::size_t>(top / 14));   // -9 ^ (-9 >> 63) = 8; 5 | 8 | 4 = 13
  // whatever the values, a run of safe_run of them cannot overflow, and the bound is
  // within a factor of 2 of the best one
  std::mt19937_64 rng(20261206);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::int64_t> v(1 + rng() % 20);
    const int bits = static_cast<int>(rng() % 63);
    for (auto& x : v) x = static_cast<std::int64_t>(rng() >> (64 - bits - 1)) * (rng() % 2 ? 1 : -1);
    std::int64_t largest = 1;
    for (auto x : v) largest = std::max(largest, x == std::numeric_limits<std::int64_t>::min() ? top : (x < 0 ? -x : x));
    const auto run = safe_run(v.data(), v.size());
    CAPTURE(largest);
    CHECK(run >= 1);
    CHECK((run == 1 || run <= static_cast<std::size_t>(top / largest)));
    CHECK(static_cast<std::uint64_t>(run) * 2 + 2 >= static_cast<std::uint64_t>(top / (largest + 1)));
  }
  std::vector<std::int64_t> extreme{3, top, 2};
  CHECK(safe_run(extreme.data(), extreme.size()) == 1);   // one value at a time, and no overflow computing the bound
  std::vector<std::int64_t> lowest{std::numeric_limits<std::int64_t>::min()};
  CHECK(safe_run(lowest.data(), lowest.size()) == 1);
  CHECK(safe_run(nullptr, 0) == static_cast<std::size_t>(top / 2));
}

TEST_CASE("aggregate: sums, peaks and counts per slot over runs, from first up to last") {
  // 11 intervals in slots 0 0 0 1 1 0 0 0 0 0 1 (runs [0,3) [3,5) [5,10) [10,11))
  std::vector<std::int64_t> v{5, 1, 4, 10, 2, 3, 3, 9, 1, 1, 7};
  std::vector<rateline::graph::IntervalSlots::Run> runs{{0, 3, 0}, {3, 5, 1}, {5, 10, 0}, {10, 11, 1}};
  rateline::eval::CycleAggregate a;
  a.energy.assign(2, 0);
  a.peak.assign(2, 0);
  a.count.assign(2, 0);
  // intervals 1..9: slot 0 gets 1 + 4 + 3 + 3 + 9 + 1 = 21 over 6 intervals, peak 9;
  // slot 1 gets 10 + 2 = 12 over 2, peak 10
  rateline::eval::aggregate(v.data(), nullptr, runs.data(), runs.size(), 1, 9, safe_run(v.data(), v.size()), a);
  CHECK(static_cast<std::int64_t>(a.energy[0]) == 21);
  CHECK(a.peak[0] == 9);
  CHECK(a.count[0] == 6);
  CHECK(static_cast<std::int64_t>(a.energy[1]) == 12);
  CHECK(a.peak[1] == 10);
  CHECK(a.count[1] == 2);
  // a bound of 2 values per 64-bit sum splits the runs and gives the same result
  rateline::eval::CycleAggregate b;
  b.energy.assign(2, 0);
  b.peak.assign(2, 0);
  b.count.assign(2, 0);
  rateline::eval::aggregate(v.data(), nullptr, runs.data(), runs.size(), 1, 9, 2, b);
  CHECK(b.energy == a.energy);
  CHECK(b.peak == a.peak);
  CHECK(b.count == a.count);
}

namespace {

using rateline::graph::IntervalSlots;

rateline::eval::CycleAggregate zeroed(std::size_t slots) {
  rateline::eval::CycleAggregate a;
  a.energy.assign(slots, 0);
  a.peak.assign(slots, 0);
  a.count.assign(slots, 0);
  return a;
}

}  // namespace

TEST_CASE("cut_into_pieces: the groups' runs cut at each other's boundaries") {
  IntervalSlots s;
  s.count = 10;
  // group 0: [0,4) slot 0, [4,10) slot 1; group 1: [0,2) slot 3, [2,6) slot 4, [6,10) slot 3
  s.runs = {{{0, 4, 0}, {4, 10, 1}}, {{0, 2, 3}, {2, 6, 4}, {6, 10, 3}}};
  s.cut_into_pieces();
  REQUIRE(s.pieces.size() == 4);
  const std::uint32_t ends[] = {2, 4, 6, 10};
  const std::uint16_t slots[] = {0, 3, 0, 4, 1, 4, 1, 3};
  for (std::size_t p = 0; p < 4; ++p) {
    CHECK(s.pieces[p].start == (p == 0 ? 0 : ends[p - 1]));
    CHECK(s.pieces[p].end == ends[p]);
    CHECK(s.piece_slots[p * 2] == slots[p * 2]);
    CHECK(s.piece_slots[p * 2 + 1] == slots[p * 2 + 1]);
  }
  // four different pairs of slots: four kinds, numbered as they first come, and a kind's
  // slots are its pieces' slots
  REQUIRE(s.kinds() == 4);
  for (std::size_t p = 0; p < 4; ++p) {
    CHECK(s.pieces[p].kind == p);
    CHECK(s.kind_slots[s.pieces[p].kind * 2] == slots[p * 2]);
    CHECK(s.kind_slots[s.pieces[p].kind * 2 + 1] == slots[p * 2 + 1]);
  }
  // a kind that comes again keeps its number
  IntervalSlots again;
  again.count = 6;
  again.runs = {{{0, 2, 0}, {2, 4, 1}, {4, 6, 0}}};
  again.cut_into_pieces();
  REQUIRE(again.kinds() == 2);
  CHECK(again.pieces[2].kind == again.pieces[0].kind);
  // more kinds than kMostKinds, or more than four groups: none, and the pass goes piece by piece
  IntervalSlots many;
  many.count = IntervalSlots::kMostKinds + 1;
  many.runs.resize(1);
  for (std::uint32_t i = 0; i < many.count; ++i) many.runs[0].push_back({i, i + 1, static_cast<std::uint16_t>(i)});
  many.cut_into_pieces();
  CHECK(many.pieces.size() == many.count);
  CHECK(many.kinds() == 0);
  many.runs[0].pop_back();
  many.runs[0].back().end = static_cast<std::uint32_t>(many.count);
  many.cut_into_pieces();
  CHECK(many.kinds() == IntervalSlots::kMostKinds);
  IntervalSlots five_groups;
  five_groups.count = 3;
  five_groups.runs.assign(5, {{0, 3, 1}});
  five_groups.cut_into_pieces();
  CHECK(five_groups.pieces.size() == 1);
  CHECK(five_groups.kinds() == 0);
  // runs with a hole, or short of the grid: a broken invariant, never intervals left out
  IntervalSlots hole;
  hole.count = 10;
  hole.runs = {{{0, 4, 0}, {5, 10, 1}}};
  CHECK_THROWS_AS(hole.cut_into_pieces(), std::logic_error);
  IntervalSlots short_of = s;
  short_of.count = 12;
  CHECK_THROWS_AS(short_of.cut_into_pieces(), std::logic_error);
  IntervalSlots empty_grid;
  empty_grid.runs = {{}, {}};
  empty_grid.cut_into_pieces();
  CHECK(empty_grid.pieces.empty());
}

TEST_CASE("aggregate_pieces: the same sums, peaks and counts as aggregate group by group, large values included, on every instruction set the CPU has") {
  using rateline::eval::PassIsa;
  std::vector<PassIsa> isas;
  for (auto isa : {PassIsa::generic, PassIsa::avx2, PassIsa::avx512f, PassIsa::best})
    if (rateline::eval::has_isa(isa)) isas.push_back(isa);
  if (isas.size() < 4) MESSAGE("this CPU runs " << isas.size() - 1 << " of the 3 versions of the pass; the others are not tested here");
  std::mt19937_64 rng(20261207);
  int by_kind = 0;   // rounds that took the kinds' path (not piece by piece)
  for (int round = 0; round < 600; ++round) {
    const std::size_t n = 1 + rng() % 1200;
    const std::size_t groups = 1 + rng() % 3;
    IntervalSlots s;
    s.count = n;
    s.runs.resize(groups);
    std::vector<std::size_t> slot_count(groups);
    for (std::size_t g = 0; g < groups; ++g) {
      slot_count[g] = 1 + rng() % 5;
      for (std::uint32_t at = 0; at < n;) {
        // runs of 1 to 40 values (pieces shorter than a vector, a few vectors, and between),
        // or in odd rounds up to 300 (long pieces: the AVX-512 version's eight-lane pass)
        const auto end = static_cast<std::uint32_t>(std::min<std::size_t>(n, at + 1 + rng() % (round % 2 ? 300 : 40)));
        s.runs[g].push_back({at, end, static_cast<std::uint16_t>(rng() % slot_count[g])});
        at = end;
      }
    }
    s.cut_into_pieces();
    REQUIRE_FALSE(s.pieces.empty());
    // every fourth round has values near the int64 limits: the 128-bit path
    const int kind = round % 4;
    std::vector<std::int64_t> v(n), d(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto r = static_cast<std::int64_t>(rng());
      v[i] = kind == 3 ? r : r % 1'000'000;
      d[i] = static_cast<std::int64_t>(rng() % 5'000'000) - 1'000'000;
    }
    if (kind == 2 && n > 2) v[n / 2] = std::numeric_limits<std::int64_t>::min();
    const std::int64_t* demand = kind == 1 ? d.data() : nullptr;
    const std::size_t first = rng() % n, last = first + rng() % (n - first + 1);
    std::vector<rateline::eval::CycleAggregate> expected;
    for (std::size_t g = 0; g < groups; ++g) {
      expected.push_back(zeroed(slot_count[g]));
      rateline::eval::aggregate(v.data(), demand, s.runs[g].data(), s.runs[g].size(), first, last, safe_run(v.data(), n), expected[g]);
    }
    by_kind += s.kinds() > 0 && kind < 2;
    for (auto isa : isas) {
      std::vector<rateline::eval::CycleAggregate> got;
      for (std::size_t g = 0; g < groups; ++g) got.push_back(zeroed(slot_count[g]));
      rateline::eval::aggregate_pieces(v.data(), demand, s, first, last, got.data(), isa);
      for (std::size_t g = 0; g < groups; ++g) {
        CHECK(got[g].energy == expected[g].energy);
        CHECK(got[g].peak == expected[g].peak);
        CHECK(got[g].count == expected[g].count);
      }
    }
  }
  CHECK(by_kind > 200);
}

TEST_CASE("RawUnits: raw integers to kWh and kW, in 64 bits where they fit and exactly beyond") {
  rateline::IntervalSeries kw15;
  kw15.minutes = 15;
  kw15.scale = 2;
  kw15.unit = rateline::Unit::kW;
  const auto u = rateline::eval::RawUnits::of(kw15, 15);
  // 10.00 kW for 15 minutes = 2.5 kWh: × 1/4, exact at two more places (× 25)
  CHECK(u.energy(1000).to_string() == "2.5000");
  CHECK(u.demand(1000).to_string() == "10.00");
  CHECK(u.demand(-250).to_string() == "-2.50");
  // a sum beyond 64 bits takes the big-integer path: the same value and scale
  const rateline::eval::Wide huge = rateline::eval::Wide{1} << 100;
  const rateline::Decimal expected((rateline::Decimal::Int(1) << 100) * 25, 4);
  CHECK(u.energy(huge) == expected);
  CHECK(u.energy(huge).scale() == 4);
  // 5-minute kW on a 15-minute window: ÷ 3 has no exact digits (six more, half even)
  rateline::IntervalSeries kw5 = kw15;
  kw5.minutes = 5;
  const auto v = rateline::eval::RawUnits::of(kw5, 15);
  CHECK(v.demand(3).to_string() == "0.01000000");
  CHECK(v.demand(1).to_string() == "0.00333333");
  // a product that overflows 64 bits on the way (raw × 25) is still exact
  CHECK(u.energy(std::numeric_limits<std::int64_t>::max()) ==
        rateline::Decimal(rateline::Decimal::Int(std::numeric_limits<std::int64_t>::max()) * 25, 4));
}
