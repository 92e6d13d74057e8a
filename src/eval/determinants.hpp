// eval/determinants.hpp — the hot path: intervals -> per-cycle determinants, in integers.
//
// One pass over the interval values (aggregate_pieces, in aggregate_pieces.cpp) adds each value into its
// (cycle, season × period) slot of every TOU period group and keeps the slots' running
// maximum demand; aggregate does the same over one group's runs (the meter's received and
// reactive channels). Values stay the usage's scaled integers; conversion to Decimal kWh /
// kW happens once per slot.
#pragma once

#include "graph/interval_slots.hpp"
#include "rateline/decimal.hpp"
#include "rateline/usage.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace rateline::eval {

// 128-bit accumulators: a year of 15-decimal kW values cannot overflow them.
__extension__ typedef __int128 Wide;
__extension__ typedef unsigned __int128 UWide;

/// How raw integers become kWh and kW (exactly): kWh = raw × 10^-scale × energy_num / energy_den;
/// demand kW = window_raw × 10^-scale × demand_num / demand_den.
struct RawUnits {
  std::int32_t scale = 0;
  std::int64_t energy_num = 1, energy_den = 1;
  std::int64_t demand_num = 1, demand_den = 1;

  static RawUnits of(const IntervalSeries& series, std::int32_t demand_window_minutes);
  Decimal energy(Wide raw) const;
  Decimal demand(std::int64_t raw) const;
};

/// Per slot, in place for up to 8 slots (seasons × periods of a group; case 19 has 4): a
/// warm customer-year made 72 heap blocks for these, 6 a bill.
template <class T>
using SlotValues = boost::container::small_vector<T, 8>;
template <class T>
std::span<const T> as_span(const SlotValues<T>& v) { return {v.data(), v.size()}; }

/// Sums and maxima for one cycle and one period group, per slot (season × period).
struct CycleAggregate {
  CycleAggregate() {}   // provided: value-initializing would zero-fill the in-place slots first
  SlotValues<Wide> energy;           ///< [slot]
  SlotValues<std::int64_t> peak;     ///< [slot] highest demand-window raw value
  SlotValues<std::uint32_t> count;   ///< [slot] intervals
};

/// Demand per interval when the demand window is longer than the data interval: the sum of
/// the window's raw values, for fixed blocks (aligned to the local hour... to the grid
/// start) or a sliding window ending at each interval. Empty when window == interval.
std::vector<std::int64_t> demand_series(const IntervalSeries& series, std::int32_t window_minutes, bool sliding);

/// The longest run of values whose 64-bit sum cannot overflow (see aggregate).
std::size_t safe_run(const std::int64_t* values, std::size_t count);

/// Aggregates intervals [first, last) of `values` into `out` (sized slots) using `slot`.
void aggregate(const std::int64_t* values, const std::int64_t* demand, const graph::IntervalSlots::Run* runs, std::size_t run_count,
               std::size_t first, std::size_t last, std::size_t max_run, CycleAggregate& out);

/// The instruction sets the interval pass has a version for (avx512f: AVX-512 F and VL, so
/// that its four-lane form, for short pieces, has a 64-bit max of its own).
enum class PassIsa { generic, avx2, avx512f, best };
/// Whether this CPU can run that version.
bool has_isa(PassIsa isa);

/// Aggregates intervals [first, last) of `values` into out[0], ..., out[groups - 1] (each
/// sized to its group's slots) in one pass: each piece of the grid (IntervalSlots::pieces)
/// is summed and peaked once and added to its slot in every group. The 64-bit sum of a
/// piece is kept only when the piece's values bound it below overflow (found in the same
/// pass), else the piece is summed again in 128 bits: no separate safe_run pass. The same
/// sums, peaks and counts as aggregate() group by group.
/// The pieces of one kind (IntervalSlots::Piece::kind) go into one accumulator of eight
/// lanes, reduced once per kind; a grid with too many kinds, or a kind whose values might
/// overflow 64 bits, goes piece by piece.
/// `isa` picks the machine code (tests run each the CPU has); `best` is the CPU's best.
void aggregate_pieces(const std::int64_t* values, const std::int64_t* demand, const graph::IntervalSlots& slots,
                      std::size_t first, std::size_t last, CycleAggregate* out, PassIsa isa = PassIsa::best);

}  // namespace rateline::eval
