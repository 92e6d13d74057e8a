// eval/trace.hpp — Trace: the observer a bill's computation tells each step to (a measure taken, a share applied, a tier filled, an amount rounded); the default observer ignores them, eval/trace_text.hpp writes them as `rateline explain` prints them.
//
// The arithmetic never builds explanation text: it calls the observer with the values it
// used, and only an observer that explains formats them (as cel-cpp's evaluation listener
// sees each value without the evaluator knowing who listens). `steps` is the explanation
// of the line item being computed. Two helpers that write their own line's text (late
// fee, total rounding: eval/late_payment.hpp, eval/total_rounding.hpp) take `explains()`
// as their flag.
#pragma once

#include "eval/context.hpp"
#include "eval/determinant_source.hpp"
#include "eval/power_factor.hpp"
#include "eval/segments.hpp"
#include "graph/tariff_graph.hpp"
#include "rateline/account.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rateline::eval {

using Steps = std::vector<std::string>;

/// A charge's cap on usage (`capped at ATTRIBUTE`) for one bill: the account's cap, its
/// share of the period when the bill is cut, and the limit that results.
struct UsageCap {
  std::string attribute;
  Decimal cap;
  Unit metered = Unit::kWh;
  std::optional<Share> share;
  Decimal limit;
};

class Trace {
 public:
  virtual ~Trace() = default;
  /// Whether the observer keeps an explanation (for the helpers that take a flag).
  virtual bool explains() const { return false; }

  // ---- a line item
  virtual void charge(Steps&, const graph::Charge&, const Context&) {}
  virtual void amount(Steps&, const Decimal& /*unrounded*/, const Decimal& /*rounded*/, const std::optional<graph::QuantityRounding>&) {}
  virtual void exempt_billed(Steps&, const graph::Charge&) {}
  virtual void revision_split(Steps&, const Segment&) {}

  // ---- measures (eval/determinant_source.hpp)
  virtual void energy(Steps&, const Measured&, Unit /*usage unit*/, const DeterminantSource&, const Segment&, const Context&) {}
  virtual void channel(Steps&, const Measured&, const Context&) {}
  virtual void max_demand(Steps&, const Decimal& /*kw*/, const DeterminantSource&, const Segment&, const Context&) {}
  virtual void kva_demand(Steps&, const Decimal& /*kva*/, const graph::Tariff::KvaRounding&, const Context&,
                          const std::function<std::string()>& /*the window, " = sqrt(...)"*/) {}
  virtual void power_factor_kept(Steps&, const graph::Tariff::PowerFactor&, const PowerFactor&) {}
  virtual void power_factor_adjusted(Steps&, const graph::Tariff::PowerFactor&, const PowerFactor&, const Decimal& /*kwh*/,
                                     const Decimal& /*kvarh*/, const Decimal& /*kw*/, const Decimal& /*adjusted*/) {}
  virtual void days(Steps&, int /*days*/, const Context&) {}

  // ---- usage made into the billed quantity (eval/billed_quantity.hpp)
  virtual void usage_cap(Steps&, const UsageCap&, const Decimal& /*usage*/) {}
  /// A metering adjustment: `label` adds `percent` % to energy (or demand): before → after
  virtual void metering_adjusted(Steps&, const std::string& /*label*/, const Decimal& /*percent*/, const Decimal& /*before*/,
                                 const Decimal& /*after*/, bool /*energy*/) {}
  /// A minimum per unit of a quantity: quantity × price per unit = the minimum
  virtual void minimum_per_unit(Steps&, const Decimal& /*quantity*/, std::string_view /*unit*/, const Decimal& /*per unit*/,
                                const Decimal& /*minimum*/, const std::string& /*currency symbol*/) {}
  /// `average of usage in Dec, Jan`: the months used, their usage and the average (before a segment's share)
  virtual void usage_average(Steps&, const std::vector<MonthlyUsage>&, Unit, const Decimal& /*average*/) {}
  virtual void usage_share(Steps&, const Decimal& /*percent*/, const Decimal& /*usage*/, const Decimal& /*result*/, Unit) {}
  virtual void usage_allowance(Steps&, const std::string& /*charge*/, const Decimal& /*allowance*/, const Decimal& /*usage*/,
                               const Decimal& /*result*/, Unit) {}
  virtual void therms(Steps&, const Decimal& /*ccf*/, const std::string& /*factor label*/, const Decimal& /*factor*/,
                      std::chrono::year_month, const Decimal& /*therms*/, const graph::QuantityRounding&, const Decimal& /*rounded*/) {}
  virtual void converted(Steps&, const Decimal& /*usage*/, const graph::BilledQuantity&, const Decimal& /*converted*/,
                         const std::optional<graph::QuantityRounding>&) {}
  virtual void quantity_rounded(Steps&, const Decimal& /*quantity*/, Unit /*priced*/, const graph::QuantityRounding&, const Decimal& /*rounded*/) {}

  // ---- shares and prorations (eval/share.hpp)
  virtual void segment_share(Steps&, const Segment&, const Decimal& /*result*/, const char* /*unit, " kW"*/) {}
  virtual void season_share(Steps&, const Context&, const Decimal& /*result*/, const char* /*unit*/) {}
  virtual void season_part(Steps&, const Context&) {}
  virtual void prorated(Steps&, int /*period days*/, int /*month days*/, const Decimal& /*months*/) {}
  virtual void meters(Steps&, int /*meters*/, bool /*from the account attribute `meters`*/) {}

  // ---- billing demand (eval/billing_demand.hpp)
  virtual void demand_term(Steps&, const std::string& /*term*/, const Decimal& /*kw*/) {}
  virtual void no_ratchet_history(Steps&, int /*months*/) {}
  virtual void billing_demand(Steps&, const std::string& /*label*/, const Decimal& /*kw*/, const std::string& /*term*/) {}
  virtual void limits_demand(Steps&, const Decimal& /*kw*/) {}

  // ---- pricing and tiers (eval/pricing.hpp, eval/tiers.hpp)
  virtual void billing_month_case(Context&, std::chrono::year_month) {}
  virtual void priced(Steps&, const Decimal& /*quantity*/, const std::string& /*unit*/, const Decimal& /*price*/,
                      const std::string& /*rate unit*/, const Decimal& /*amount*/) {}
  virtual void limit_rounded(Steps&, const Decimal& /*limit*/, const graph::QuantityRounding&, const Decimal& /*rounded*/) {}
  virtual void tier(Steps&, const std::string& /*label*/, const std::optional<Decimal>& /*limit*/, const Decimal& /*quantity*/,
                    const std::string& /*unit*/, const Decimal& /*rate*/, const std::string& /*rate unit*/, const Decimal& /*amount*/) {}
  virtual void tiered_total(Steps&, graph::Measure, const Decimal& /*total*/, std::string_view /*unit*/, const Context&) {}
  virtual void tier_share(Steps&, graph::Allocation, const std::string& /*label*/, const Decimal& /*quantity*/, const Decimal& /*rate*/,
                          const std::string& /*rate unit*/, const Decimal& /*amount*/) {}

  // ---- percentages and minimums (eval/form_*.cpp)
  virtual void percentage_limited(Steps&, const Decimal& /*amount*/, const char* /*"capped at "*/, const Decimal& /*limit*/) {}
  virtual void percentage(Steps&, const Decimal& /*base*/, const std::vector<std::uint32_t>& /*base charges*/,
                          const std::vector<graph::Charge>& /*charges*/, const Decimal& /*rate*/, const Decimal& /*amount*/) {}
  /// a grossed-up percentage: base × rate / (100 − rate)
  virtual void gross_up(Steps&, const Decimal& /*base*/, const std::vector<std::uint32_t>& /*base charges*/,
                        const std::vector<graph::Charge>& /*charges*/, const Decimal& /*rate*/, const Decimal& /*amount*/) {}
  virtual void minimum(Steps&, const Decimal& /*base*/, const Decimal& /*floor*/, const Decimal& /*amount*/) {}
  virtual void annual_minimum(Steps&, std::size_t /*first bill*/, std::size_t /*last bill*/, const Decimal& /*base*/,
                              const Decimal& /*floor*/) {}
};

}  // namespace rateline::eval
