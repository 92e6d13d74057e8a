// eval/determinant_source.hpp — DeterminantSource: what a bill measures for a segment and context (energy, demand, channels, kVA, interval counts), answered by one engine per kind of usage: intervals (eval/interval_source.hpp) or register reads (eval/register_source.hpp).
//
// The steps after it (quantities, pricing, tiers, charge forms) never ask which kind of
// usage they bill; a source that cannot give a measure (reads have no demand) reports
// B0021 once and answers zero.
#pragma once

#include "eval/context.hpp"
#include "eval/segments.hpp"
#include "eval/tier_values.hpp"
#include "graph/tariff_graph.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

/// A measured quantity and, when it came from the meter's channels or netting, how (for the trace).
struct Measured {
  Decimal value;
  std::string how;
};

class DeterminantSource {
 public:
  virtual ~DeterminantSource() = default;

  /// Delivered energy (netted as the tariff says) in the usage unit.
  virtual Measured energy(const Segment& s, const Context& ctx) = 0;
  /// Received (`Measure::received`) or reactive (`Measure::reactive`) energy.
  virtual Measured channel(const Segment& s, const Context& ctx, graph::Measure measure) = 0;
  /// Maximum demand (kW) over the demand window.
  virtual Decimal demand(const Segment& s, const Context& ctx) = 0;
  /// The highest demand of the whole bill `s` belongs to, across its revision segments.
  virtual Decimal bill_demand(const Segment& s) = 0;
  /// Demand adjusted for the period's power factor (the tariff's `power_factor` rule), or `kw`.
  virtual Decimal adjusted_demand(const Segment& s, const Decimal& kw, std::vector<std::string>& steps) = 0;
  /// The highest kVA demand, rounded as the tariff states.
  virtual Decimal kva_demand(const Segment& s, const Context& ctx, std::vector<std::string>& steps) = 0;
  /// Intervals counted (1 for a read): a TOU period without any has no line.
  virtual std::size_t interval_count(const Segment& s, const Context& ctx) const = 0;
  /// Whether the segment's maximum demand is known, for later bills' ratchets.
  virtual bool measures_demand() const = 0;
  /// Chronological tier fill: per column, the energy that filled each tier (share[col][tier]).
  virtual void chronological(const Segment& s, const Context& all, const std::vector<std::uint32_t>& column_period,
                             const TierLimits& upper, TierShares& share) = 0;
  /// Billed from an estimated read.
  virtual bool estimated(const Segment& s) const = 0;
  /// For the trace: when the demand peak happened (", in the interval starting ..."), or "".
  virtual std::string peak_when(const Segment& s, const Context& ctx) const = 0;
};

}  // namespace rateline::eval
