// Power factor (eval/power_factor.hpp).
#include "eval/power_factor.hpp"

#include <boost/multiprecision/integer.hpp>

namespace rateline::eval {

Decimal rounded_square_root(const Decimal& num, const Decimal& den, int scale, RoundingMode mode) {
  using Int = Decimal::Int;
  // T = sqrt(num / den) × 10^scale, so T² = A / B with integers A and B
  const Int a = num.coefficient() * Decimal::pow10(den.scale() + 2 * scale);
  const Int b = den.coefficient() * Decimal::pow10(num.scale());
  const Int floor_root = boost::multiprecision::sqrt(Int(a / b));   // the largest f with f² ≤ A / B
  const bool exact = floor_root * floor_root * b == a;
  Int result = floor_root;
  if (!exact) {
    // where T lies against f + 1/2: compare (2f + 1)² × B with 4A
    const Int twice = 2 * floor_root + 1;
    const Int lhs = twice * twice * b, rhs = 4 * a;
    switch (mode) {
      case RoundingMode::toward_zero:
      case RoundingMode::floor: break;
      case RoundingMode::away_from_zero:
      case RoundingMode::ceiling: result += 1; break;
      case RoundingMode::half_up:
        if (lhs <= rhs) result += 1;
        break;
      case RoundingMode::half_down:
        if (lhs < rhs) result += 1;
        break;
      case RoundingMode::half_even:
        if (lhs < rhs || (lhs == rhs && (floor_root % 2) != 0)) result += 1;
        break;
    }
  }
  return Decimal(result, scale);
}

PowerFactor power_factor(const Decimal& kwh, const Decimal& kvarh, const graph::Tariff::PowerFactor& rule) {
  PowerFactor pf;
  const Decimal apparent_squared = kwh * kwh + kvarh * kvarh;   // kVAh²
  if (apparent_squared.is_zero()) return pf;
  pf.defined = true;
  pf.below = kwh * kwh < rule.threshold * rule.threshold * apparent_squared;
  pf.rounded = rounded_square_root(kwh * kwh, apparent_squared, rule.scale, rule.mode);
  return pf;
}

}  // namespace rateline::eval
