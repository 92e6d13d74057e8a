// graph/tariff_graph.hpp — the rate graph's internals: what `lower` builds and `eval` reads.
//
// Nodes are plain values with indices instead of pointers, so the whole graph is one
// immutable value. Determinants name what is measured (energy in a TOU period group,
// maximum demand, days); charges price determinants through a pricing tree (flat price,
// tier table, or a table by season / period / month / account attribute). Nothing here
// refers to source text: `origin` strings ("rs.tariff:14") are all the biller sees.
#pragma once

#include "graph/billed_quantity.hpp"
#include "rateline/calendar.hpp"
#include "rateline/decimal.hpp"
#include "rateline/rate_graph.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/unit.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace rateline::graph {

inline constexpr std::uint32_t kNone = 0xffffffffu;

/// What a charge is measured on.
enum class Measure : std::uint8_t {
  none,            ///< fixed charges: the quantity is the bill itself (1 month / N days)
  energy,          ///< delivered energy (kWh, therm, gal ... the usage unit)
  demand,          ///< maximum demand (kW) over the demand window
  days,            ///< days in the billing period
  billing_demand,  ///< the tariff's billing demand rule (ratchets, floors, contract demand)
  received,        ///< received (exported) energy, net metering
  reactive,        ///< reactive energy (kVARh)
  kva_demand,      ///< maximum apparent demand sqrt(kW² + kVAR²) (kVA) over the demand window
};

struct Determinant {
  Measure measure = Measure::none;
  std::uint32_t group = 0;          ///< TOU period group the period mask refers to
  std::uint64_t periods = ~0ull;    ///< periods of the group that count (all by default)
};

/// The unit a tier bound is written in and how it becomes a quantity for a bill.
enum class BoundUnit : std::uint8_t {
  per_bill,        ///< "800 kWh": per billing period
  per_day,         ///< "10 kWh/day": × days in the billing period
  per_kw,          ///< "200 kWh/kW": × billing demand (hours use)
  per_kw_per_day,  ///< "6.6 kWh/kW/day": × days × billing demand
};

/// How tiers combine with TOU period columns (see docs/language.md "Tiers and time of use").
enum class Allocation : std::uint8_t {
  single,          ///< one price column: tiers on the determinant itself
  proportional,    ///< tiers on the total; each period gets its share of every tier (SAM default)
  chronological,   ///< tiers filled in time order; each interval priced at its own period
};

struct TierTable {
  struct Bound {
    Decimal amount;
    BoundUnit unit = BoundUnit::per_bill;
  };
  std::vector<std::optional<Bound>> upper;   ///< cumulative upper bound per tier; nullopt = no limit
  std::vector<std::string> labels;           ///< "first 800 kWh", "over 800 kWh" (for line items)
  std::vector<std::vector<Decimal>> prices;  ///< [column][tier]
  std::vector<std::uint32_t> column_period;  ///< period per column (kNone for the single column)
  Allocation allocation = Allocation::single;
  /// Per tier: a pricing id of a nested tier table (steps in cumulative kWh inside this
  /// block, prices in its own columns), or kNone. Nested blocks have no prices of their own.
  std::vector<std::uint32_t> nested;
};

struct Pricing {
  enum class Kind : std::uint8_t { flat, tiers, by_season, by_period, by_month, by_attribute, by_billing_month };
  Kind kind = Kind::flat;
  Decimal price;                             ///< flat (in currency per unit, or percent)
  /// flat, a percentage's price: the denominator it was written with (`33 1/3 %`: 3), 1 for
  /// a decimal (`2.5 %`), which stays exact though its table's prices are numerators over
  /// the charge's rate_denominator
  std::int64_t written_denominator = 1;
  TierTable tiers;
  std::vector<std::uint32_t> cases;          ///< by_season: per season; by_period: per period of the group; by_month: 12
  std::uint32_t group = 0;                   ///< by_period: the period group
  std::string attribute;                     ///< by_attribute
  std::vector<std::pair<std::string, std::uint32_t>> attribute_cases;   ///< also by_billing_month: "2024-01"
  std::uint32_t otherwise = kNone;
};

enum class Form : std::uint8_t {
  priced,          ///< quantity × price (fixed, energy, demand, per-unit riders)
  percentage,      ///< percent × the sum of named line items
  minimum,         ///< tops the named line items up to a minimum
  late_fee,        ///< a percentage of the account's past-due balance, or an amount, when paid late
};

/// quantity: `minimum ... on billing_demand: 7.00 $/kW of ...`, the price × the charge's quantity
enum class MinimumPer : std::uint8_t { bill, day, year, quantity };

struct Charge {
  std::string id;
  std::string label;
  LineKind kind = LineKind::fixed;
  Form form = Form::priced;
  Determinant determinant;
  Unit unit = Unit::month;                   ///< unit of the quantity
  std::string rate_unit;                     ///< "$/kWh", "%", "$/month" (display)
  std::uint32_t pricing = kNone;
  std::vector<std::uint32_t> base;           ///< percentage / minimum: charges summed
  bool gross_up = false;                     ///< percentage: `grossed up`, base × rate / (100 − rate)
  /// percentage: its prices are numerators over this (`33 1/3 %` is 100 over 3); 1 for decimals
  Decimal rate_denominator = Decimal(1);
  std::optional<Decimal> at_most;            ///< percentage: the amount's size is at most this
  std::optional<Decimal> at_least;           ///< ... and at least this (same sign as the amount)
  MinimumPer minimum_per = MinimumPer::bill;
  /// A fixed charge or minimum per month, quarter or year: how many of its unit one bill of
  /// the tariff's cycle is ($/month on a quarterly cycle 3, $/quarter 1, $/year 0.25); else 1.
  Decimal per_cycle = Decimal(1);
  BilledQuantity billed;                     ///< energy charges: cap, conversion to the priced unit
  std::string exempt_if;                     ///< an account attribute: the charge is not billed when it is `yes`
  std::optional<QuantityRounding> rounding;  ///< `rounded 0.01 toward_zero`: its lines round so, not as the tariff's line_items
  std::int32_t grace_days = 0;               ///< late fee: applies when paid more than this many days after the due date
  std::optional<Decimal> not_under;          ///< late fee: balances under this pay none
  std::string origin;                        ///< "tariffs/rs.tariff:14"
};

struct PeriodGroup {
  std::string name;                          ///< "" for the tariff's main TOU periods
  std::vector<std::string> period_names;
  std::vector<std::string> period_labels;
  TouSchedule schedule;
};

struct Rounding {
  bool line_items = false;
  Decimal step{Decimal::Int(1), 2};          ///< 0.01
  RoundingMode mode = RoundingMode::half_up;
  int scale() const { return step.scale(); }
};

/// How received (exported) energy offsets delivered energy (`net_metering ...`, see
/// docs/language.md "Net metering"): not at all, within the billing period, within each
/// season × TOU period of the main period group, or within each interval.
enum class NetMetering : std::uint8_t { none, per_period, per_tou_period, per_interval };

/// How a per-month charge is prorated when a billing period is not a calendar month.
enum class Proration : std::uint8_t { none, days_over_30, days_over_days_in_month };

/// `billing_demand: greatest of { ... }`: each term is a candidate in kW.
struct BillingDemandTerm {
  enum class Kind : std::uint8_t { demand, ratchet, floor, attribute } kind = Kind::demand;
  Decimal percent;                       ///< ratchet
  int months = 0;                        ///< ratchet: the previous N billing months
  std::uint32_t season_mask = ~0u;       ///< ratchet: months whose season is in the mask ...
  std::uint16_t month_mask = 0xfff;      ///< ... and whose month is in this one (bit 0 = January)
  Decimal kw;                            ///< floor
  std::string attribute;                 ///< attribute (kW)
};

/// From `effective` on, the charges restated by a `revision` replace the earlier ones.
/// `charges` is the complete list in force (same order and ids as Tariff::charges).
struct Revision {
  std::chrono::year_month_day effective{};
  std::vector<Charge> charges;
};

struct Tariff {
  TariffInfo info;
  std::vector<std::string> season_names;
  std::vector<std::string> season_labels;
  std::vector<std::uint8_t> calendar_to_season;  ///< the calendar's season ranges -> season index
  std::vector<PeriodGroup> groups;           ///< at least one (with one period when no TOU)
  TimeZone zone;
  std::vector<Pricing> pricing;
  std::vector<Charge> charges;               ///< in written order = line item order (the first version)
  std::vector<Revision> revisions;           ///< later versions, in date order
  std::vector<std::uint32_t> evaluation_order;
  std::vector<BillingDemandTerm> billing_demand;   ///< empty when the tariff has no rule
  std::string billing_demand_label = "Billing Demand";
  /// The ratchets look back at earlier billing demands (`of billing_demand`), not maximum
  /// demands: each bill records its billing demand for the months after it.
  bool ratchet_of_billing_demand = false;
  Rounding rounding;
  Proration proration = Proration::none;
  int cycle_months = 1;                      ///< `billing_cycle`: one bill covers 1, 3 or 12 months
  /// A period spanning seasons splits usage by interval timestamps (false) or by days (true,
  /// `season_split days`: each season part gets the period's usage × its share of the days).
  bool season_split_days = false;
  NetMetering net_metering = NetMetering::none;
  /// `power_factor`: demand × threshold / PF when the period's PF is below the threshold.
  struct PowerFactor {
    Decimal threshold;                       ///< 0.90
    int scale = 2;                           ///< the PF is determined to this many places ...
    RoundingMode mode = RoundingMode::half_up;   ///< ... rounded so
    std::string label;
  };
  std::optional<PowerFactor> power_factor;
  /// `kva_demand: rounded STEP MODE`: kVA demand is a square root, determined to these places.
  struct KvaRounding {
    int scale = 2;
    RoundingMode mode = RoundingMode::half_up;
  };
  std::optional<KvaRounding> kva_rounding;
  /// `metering_adjustment "...": add 1 % to energy, demand when ATTRIBUTE`: metered energy and
  /// demand × factor before billing, for every account or those whose attribute is `yes`.
  struct MeteringAdjustment {
    std::string label;
    Decimal percent;                         ///< 1 (%)
    Decimal factor;                          ///< 1.01, exact
    bool energy = false, demand = false;
    std::string when;                        ///< "" = every account
  };
  std::vector<MeteringAdjustment> metering_adjustments;
  Unit usage_unit = Unit::kWh;               ///< what `energy` counts for this service (kWh, therm, gal)
  std::optional<FactorTable> therm_factor;   ///< therms per CCF, by billing month
  std::optional<QuantityRounding> therm_rounding;     ///< `rounding therms 1 half_up`
  std::optional<QuantityRounding> quantity_rounding;  ///< `rounding quantities 1 half_up`
  std::optional<QuantityRounding> total_rounding;     ///< `rounding total 1 half_up`: an adjustment line
  std::optional<QuantityRounding> limit_rounding;     ///< `rounding limits 1 half_up`: a bill's tier limits
  std::int32_t demand_window = 0;            ///< minutes; 0 = the data's interval
  bool demand_sliding = false;

  explicit Tariff(TimeZone z) : zone(std::move(z)) {}

  /// Interval grids already classified (graph/interval_slots.hpp). A cache, not state:
  /// the graph stays logically immutable and safe to share across threads.
  struct SlotCache {
    std::mutex mutex;
    std::vector<std::shared_ptr<const struct IntervalSlots>> entries;
    /// Whole grids' counts of misaligned intervals (graph::misaligned_intervals), for bills
    /// whose slots cover only the part of the grid they bill.
    struct Misaligned {
      std::chrono::sys_seconds start{};
      std::int32_t minutes = 0;
      std::size_t count = 0, misaligned = 0;
    };
    std::vector<Misaligned> misaligned;
  };
  mutable SlotCache slot_cache;
  /// eval's bill plan for this tariff (eval/bill_plan.hpp), made on its first bill. A cache
  /// like slot_cache; opaque here, because eval comes after graph.
  struct PlanCache {
    std::mutex mutex;
    std::shared_ptr<const void> plan;
    /// The most line items one bill of this tariff has had: where a bill's list starts, so
    /// a customer's first bill does not grow its list. Capacity only, never the bill.
    std::atomic<std::size_t> most_lines{0};
  };
  mutable PlanCache plan_cache;
};

/// "energy", "max demand in on_peak, mid_peak", "days"; "" for a fixed charge's none.
std::string determinant_name(const Tariff& tariff, const Determinant& determinant);

}  // namespace rateline::graph
