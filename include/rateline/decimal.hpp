// rateline/decimal.hpp — exact decimal numbers for money and quantities.
//
// Every price, quantity and amount in rateline is a Decimal: an arbitrary-precision
// integer coefficient and a non-negative scale (value = coefficient × 10^-scale).
// A coefficient below 2^127 in magnitude (every amount of a real bill) is kept in a
// 128-bit integer inside the Decimal; a larger one in a shared, immutable cpp_int. Which
// one holds it never shows: results are the same exact values either way.
// Addition, subtraction and multiplication are exact. Division is only available with
// an explicit result scale and RoundingMode, because a rate analyst must be able to
// say where every rounding happens.
//
//   auto price  = rateline::Decimal::parse("0.11234").value();
//   auto energy = rateline::Decimal::parse("812.5").value();
//   auto amount = (price * energy).rounded(2, rateline::RoundingMode::half_up);
//   amount.to_string();   // "91.28"   (exact product 91.276250)
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rateline {

/// How a value that falls between two representable results is resolved.
/// The names follow IEEE 754 / Python's decimal module (ROUND_HALF_UP = half_up, ...).
enum class RoundingMode {
  half_up,         ///< ties away from zero: 2.345 -> 2.35, -2.345 -> -2.35
  half_even,       ///< ties to the even digit ("banker's"): 2.345 -> 2.34, 2.355 -> 2.36
  half_down,       ///< ties toward zero: 2.345 -> 2.34
  toward_zero,     ///< truncate: 2.349 -> 2.34, -2.349 -> -2.34
  away_from_zero,  ///< 2.341 -> 2.35, -2.341 -> -2.35
  floor,           ///< toward -infinity: -2.341 -> -2.35
  ceiling,         ///< toward +infinity: 2.341 -> 2.35
};

/// Parses "half_up", "half-even", "banker's"... returns nullopt for unknown names.
std::optional<RoundingMode> parse_rounding_mode(std::string_view name);
std::string_view to_string(RoundingMode mode);

class Decimal {
 public:
  using Int = boost::multiprecision::cpp_int;

  Decimal() = default;
  /// An integer value (scale 0).
  Decimal(std::int64_t value) : small_(value) {}  // NOLINT(google-explicit-constructor)
  /// Binary floating point never becomes money: there is no conversion from it.
  template <std::floating_point F>
  Decimal(F) = delete;
  Decimal(int value) : small_(value) {}  // NOLINT(google-explicit-constructor)
  /// coefficient × 10^-scale; scale must be >= 0.
  Decimal(Int coefficient, int scale);
  /// coefficient × 10^-scale, as the constructor above, without making a big integer:
  /// from_coefficient(1234, 2) is 12.34 (a negative scale multiplies, as there).
  static Decimal from_coefficient(std::int64_t coefficient, int scale) {
    if (scale < 0) return Decimal(Int(coefficient), scale);
    return of_small(coefficient, scale);
  }

  /// Exact parse: [+-]digits[.digits][e[+-]digits]. Returns nullopt for anything else
  /// (empty text, spaces, "1,000", "NaN", a second dot, an exponent beyond ±4000).
  static std::optional<Decimal> parse(std::string_view text);

  /// The coefficient (a copy: a Decimal keeps small ones in a machine integer).
  Int coefficient() const;
  int scale() const { return scale_; }

  bool is_zero() const { return !big_ && small_ == 0; }
  bool is_negative() const { return sign() < 0; }
  int sign() const;

  Decimal operator-() const;
  Decimal& operator+=(const Decimal& other) {
    // the common case inline: both coefficients small, at one scale (sums of amounts)
    if (Small r; !big_ && !other.big_ && scale_ == other.scale_ && !__builtin_add_overflow(small_, other.small_, &r) && r != kSmallMin) {
      small_ = r;
      return *this;
    }
    return add(other, false);
  }
  Decimal& operator-=(const Decimal& other) {
    if (Small r; !big_ && !other.big_ && scale_ == other.scale_ && !__builtin_sub_overflow(small_, other.small_, &r) && r != kSmallMin) {
      small_ = r;
      return *this;
    }
    return add(other, true);
  }
  Decimal& operator*=(const Decimal& other);
  friend Decimal operator+(Decimal a, const Decimal& b) { return a += b; }
  friend Decimal operator-(Decimal a, const Decimal& b) { return a -= b; }
  friend Decimal operator*(Decimal a, const Decimal& b) { return a *= b; }

  /// this / divisor, rounded to `scale` fractional digits. Throws std::domain_error on
  /// division by zero (callers check; a zero divisor is a broken invariant).
  Decimal divided_by(const Decimal& divisor, int scale, RoundingMode mode) const;
  /// Rounded to `scale` fractional digits (a larger scale than the current one pads zeros).
  Decimal rounded(int scale, RoundingMode mode) const;
  /// The same value with trailing fractional zeros removed ("14.500" -> "14.5", "3.00" -> "3").
  Decimal normalized() const;
  /// The same value written with exactly `scale` digits, if that loses nothing.
  std::optional<Decimal> with_scale(int scale) const;
  Decimal abs() const { return is_negative() ? -*this : *this; }

  /// Value comparison: 1.0 == 1.00.
  friend bool operator==(const Decimal& a, const Decimal& b) {
    if (!a.big_ && !b.big_ && a.scale_ == b.scale_) return a.small_ == b.small_;
    return (a <=> b) == 0;
  }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

  /// Plain notation, never an exponent, keeping the scale: "14.00", "-0.005", "1200".
  std::string to_string() const;
  /// The coefficient at exactly `scale` digits, if the value is representable so.
  /// Used to move between decimals and the scaled integers of the hot path.
  std::optional<Int> scaled_to(int scale) const;

  static const Int& pow10(int exponent);

 private:
  __extension__ typedef __int128 Small;
  static constexpr Small kSmallMin = -(static_cast<Small>(1) << 126) * 2;  // -2^127: never held (its negation overflows)

  static Decimal of_small(Small coefficient, int scale) {
    Decimal d;
    d.small_ = coefficient;
    d.scale_ = scale;
    return d;
  }
  /// The general (cpp_int) path of += and -=.
  Decimal& add(const Decimal& other, bool subtract);
  /// Takes c as the coefficient: small when it fits, else shared.
  void set(Int c);

  Small small_ = 0;                  ///< the coefficient, when big_ is empty (|small_| < 2^127)
  std::shared_ptr<const Int> big_;   ///< the coefficient, when its magnitude is 2^127 or more
  int scale_ = 0;
};

std::ostream& operator<<(std::ostream& out, const Decimal& value);

inline Decimal min(const Decimal& a, const Decimal& b) { return b < a ? b : a; }
inline Decimal max(const Decimal& a, const Decimal& b) { return a < b ? b : a; }

}  // namespace rateline
