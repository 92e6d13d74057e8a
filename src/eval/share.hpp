// eval/share.hpp — Share{part, whole}: an exact share of days (a revision segment's or a season part's days of the period, a period's days of a month), applied by the biller's two rules: scale() for monthly amounts and limits, split() for usage.
//
// The share is kept as two integers, not as a Decimal, so that each rule rounds once and
// where docs/language.md says: a monthly charge, a demand or a tier limit is multiplied by
// the share taken to 12 places (the figure the trace shows); usage shared by days and a
// prorated limit are one division, part / whole, to 12 places.
#pragma once

#include "rateline/decimal.hpp"

namespace rateline::eval {

/// Shares, proportions and prorations keep this many places (half even) before line rounding.
inline constexpr int kShareScale = 12;

struct Share {
  int part = 1;
  int whole = 1;

  /// part / whole to 12 places, half even, without trailing zeros.
  Decimal decimal() const {
    return Decimal(part).divided_by(Decimal(whole), kShareScale, RoundingMode::half_even).normalized();
  }
  /// q × decimal(), to 12 places half even (not normalized: a minimum keeps the product's places).
  Decimal times(const Decimal& q) const { return (q * decimal()).rounded(kShareScale, RoundingMode::half_even); }
  /// q × decimal(), to 12 places half even, without trailing zeros: monthly charges, demand, limits.
  Decimal scale(const Decimal& q) const { return times(q).normalized(); }
  /// q × part / whole with one division to 12 places: usage shared by days, prorated limits.
  Decimal split(const Decimal& q) const {
    return (q * Decimal(part)).divided_by(Decimal(whole), kShareScale, RoundingMode::half_even).normalized();
  }
};

}  // namespace rateline::eval
