// graph/billed_quantity.hpp — how a charge's metered usage becomes the quantity its price is in.
//
// A water utility meters gallons and prices per 1,000 gallons; a gas utility meters CCF and
// prices therms (CCF × the month's therm factor); a sewer charge bills water usage capped at
// the account's winter average. Each step is exact or rounded as the tariff states:
//
//   usage (metered unit) or the average of named months → at most the cap → × share
//     → less the allowance → × multiply ÷ divide (→ × therm factor)
//     → rounded as the tariff says → priced
//
// `divide` is 1 or a power of ten unless the tariff states a rounding of quantities: a
// division by a stated factor (gal ÷ 748 per CCF) is not an exact decimal.
#pragma once

#include "rateline/decimal.hpp"
#include "rateline/unit.hpp"

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::graph {

struct QuantityRounding {
  Decimal step{Decimal::Int(1), 0};
  RoundingMode mode = RoundingMode::half_up;
  int scale() const { return step.scale(); }
};

struct BilledQuantity {
  std::string cap_attribute;            ///< "" = not capped; else an account attribute in the metered unit
  Unit metered = Unit::kWh;             ///< the tariff's usage unit
  Unit priced = Unit::kWh;              ///< the unit of the charge's price
  Decimal multiply{1};                  ///< priced = metered × multiply ÷ divide (× therm factor)
  Decimal divide{1};
  bool therm_factor = false;            ///< × the tariff's therm factor for the billing month
  std::string conversion;               ///< "1 kgal = 1000 gal", for the trace
  // Derived quantities (docs/language.md, "Quantities derived from other quantities"): the
  // usage or the average of named months, at most the cap, × share, less the allowance.
  std::vector<unsigned> average_months;  ///< `average of usage in Dec, Jan`: months 1-12 as written; empty = the bill's usage
  std::optional<Decimal> share;          ///< `90 % of usage`: the percent billed
  std::optional<Decimal> allowance;      ///< `usage beyond base`: in the metered unit, what the fixed charge includes
  std::string allowance_charge;          ///< that fixed charge's id, for the trace

  bool derives() const { return !average_months.empty() || share || allowance; }

  bool converts() const { return metered != priced; }
};

/// A factor by calendar month, by billing month (a month of a given year), or one for all.
struct FactorTable {
  enum class By : std::uint8_t { constant, month, billing_month };
  By by = By::constant;
  std::string label = "Therm Factor";
  Decimal constant;
  std::array<std::optional<Decimal>, 12> month{};
  std::map<int, Decimal> billing_month;  ///< year × 12 + month − 1

  std::optional<Decimal> at(std::chrono::year_month ym) const {
    auto m = static_cast<unsigned>(ym.month());
    switch (by) {
      case By::constant: return constant;
      case By::month: return month[m - 1];
      case By::billing_month: {
        auto it = billing_month.find(static_cast<int>(ym.year()) * 12 + static_cast<int>(m) - 1);
        if (it == billing_month.end()) return std::nullopt;
        return it->second;
      }
    }
    return std::nullopt;
  }
};

}  // namespace rateline::graph
