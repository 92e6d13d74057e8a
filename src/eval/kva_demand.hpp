// eval/kva_demand.hpp — apparent demand: kVA = sqrt(kW² + kVAR²) per demand window.
//
// The kW and kVAR of each window are the delivered and reactive channels summed over the
// tariff's demand window, in raw integers at a common scale. The highest window is found
// by comparing kW² + kVAR² in 128-bit integers (no square root, nothing inexact); the
// square root is taken once, for the line item, to the places the tariff states.
#pragma once

#include "eval/determinants.hpp"
#include "graph/interval_slots.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/diagnostic.hpp"
#include "rateline/usage.hpp"

#include <optional>
#include <vector>

namespace rateline::eval {

class KvaDemand {
 public:
  static bool needed(const graph::Tariff& tariff);
  /// The window sums of both channels; B0041 without kVARh, B0045 unless both are energies per interval.
  static std::optional<KvaDemand> prepare(const IntervalUsage& usage, std::int32_t window_minutes, bool sliding,
                                          std::vector<Diagnostic>& errors);

  /// Per group and slot: the highest kW² + kVAR² (raw) of intervals [first, last).
  void aggregate(const graph::IntervalSlots& slots, const std::vector<std::size_t>& slot_counts, std::size_t first, std::size_t last,
                 std::vector<std::vector<UWide>>& out) const;
  /// kVA of a window whose raw kW² + kVAR² is `squares`, rounded as the tariff states.
  Decimal kva(UWide squares, const graph::Tariff::KvaRounding& rounding) const;
  /// The kW and kVAR of the first window in [first, last) of `slot`'s intervals reaching `squares` (for the trace).
  std::optional<std::pair<Decimal, Decimal>> window_of(const graph::IntervalSlots& slots, std::size_t group, std::size_t slot,
                                                       std::size_t first, std::size_t last, UWide squares) const;

 private:
  KvaDemand() = default;
  std::vector<std::int64_t> kw_, kvar_;   // window sums, at `scale_` decimals
  std::int32_t scale_ = 0;
  std::int64_t num_ = 1, den_ = 1;        // kW = raw × 10^-scale × num / den
};

}  // namespace rateline::eval
