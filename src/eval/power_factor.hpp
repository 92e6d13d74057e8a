// eval/power_factor.hpp — the power factor of a billing period and the demand it adjusts.
//
// PF = kWh / sqrt(kWh² + kVARh²). Whether it is below the tariff's threshold t is decided
// exactly, on squares: kWh² < t² × (kWh² + kVARh²). Only the adjustment needs the PF's
// value: it is computed once, to the places and rounding mode the tariff states, from
// integers (no binary floating point), and the adjusted demand is demand × t / PF.
#pragma once

#include "graph/tariff_graph.hpp"
#include "rateline/decimal.hpp"

#include <optional>

namespace rateline::eval {

/// sqrt(num / den) rounded to `scale` fractional digits by `mode`, exactly (num >= 0, den > 0).
Decimal rounded_square_root(const Decimal& num, const Decimal& den, int scale, RoundingMode mode);

struct PowerFactor {
  bool defined = false;   ///< false when the period has neither energy nor reactive energy
  bool below = false;     ///< the exact PF is below the threshold
  Decimal rounded;        ///< the PF as the tariff determines it (when defined)
};

PowerFactor power_factor(const Decimal& kwh, const Decimal& kvarh, const graph::Tariff::PowerFactor& rule);

}  // namespace rateline::eval
