// rateline/quantity.hpp — typed quantities, prices and money.
//
// The tariff checker compares runtime Units; code that computes a bill uses these types
// so that the compiler rejects what a rate sheet would never mean: adding kW to kWh,
// pricing energy with a $/kW demand price, adding dollars to kilowatt-hours. Every value
// is an exact Decimal; nothing here rounds unless a function with a scale and a
// RoundingMode is called.
//
//   using namespace rateline;
//   Energy energy{Decimal::parse("812.5").value()};                        // 812.5 kWh
//   EnergyPrice price{Decimal::parse("0.11234").value(), Currency("USD")};  // $0.11234/kWh
//   Money charge = energy * price;                                         // USD 91.276250
//   charge.rounded(2, RoundingMode::half_up).amount().to_string();         // "91.28"
//   EnergyPerDay average = energy.per(Days{30}, 3, RoundingMode::half_up);  // 27.083 kWh/day
//   // energy + Demand{5};          does not compile: kWh + kW
//   // energy * DemandPrice{...};   does not compile: a $/kW price applied to kWh
//
// Money of two currencies added together throws std::logic_error: the checker keeps one
// currency per tariff, so it is a broken invariant, not an input error.
#pragma once

#include "rateline/decimal.hpp"
#include "rateline/unit.hpp"

#include <array>
#include <compare>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace rateline {

/// An ISO 4217 currency code: three letters A-Z ("USD", "CAD", "EUR").
class Currency {
 public:
  /// A code known when compiling: Currency("USD"). Anything but three upper-case letters
  /// does not compile.
  consteval Currency(const char (&code)[4])  // NOLINT(google-explicit-constructor)
      : code_{code[0], code[1], code[2]} {
    if (!is_code_letter(code[0]) || !is_code_letter(code[1]) || !is_code_letter(code[2]) || code[3] != '\0')
      throw std::invalid_argument("rateline::Currency: a code is three upper-case letters, e.g. \"USD\"");
  }
  /// A code read at run time; nullopt unless it is three upper-case letters.
  static std::optional<Currency> parse(std::string_view code);

  std::string_view code() const { return {code_.data(), code_.size()}; }

  friend constexpr bool operator==(const Currency&, const Currency&) = default;
  friend constexpr auto operator<=>(const Currency&, const Currency&) = default;

 private:
  constexpr Currency(char a, char b, char c) : code_{a, b, c} {}
  static constexpr bool is_code_letter(char c) { return c >= 'A' && c <= 'Z'; }

  std::array<char, 3> code_;
};

namespace detail {
/// Throws std::logic_error naming both currencies and the operation.
[[noreturn]] void throw_currency_mismatch(Currency a, Currency b, std::string_view operation);
inline void require_same_currency(Currency a, Currency b, std::string_view operation) {
  if (a != b) throw_currency_mismatch(a, b, operation);
}
}  // namespace detail

template <Unit U, Unit Per>
class PerUnit;

/// An amount of one unit: kWh of energy, kW of demand, days of a billing period.
/// Quantities of different units never mix: there is no conversion between them and no
/// implicit conversion from a plain Decimal.
template <Unit U>
class Quantity {
 public:
  static constexpr Unit unit = U;

  Quantity() = default;  ///< zero
  explicit Quantity(Decimal value) : value_(std::move(value)) {}

  const Decimal& value() const { return value_; }
  bool is_zero() const { return value_.is_zero(); }
  bool is_negative() const { return value_.is_negative(); }

  Quantity operator-() const { return Quantity(-value_); }
  Quantity& operator+=(const Quantity& other) { value_ += other.value_; return *this; }
  Quantity& operator-=(const Quantity& other) { value_ -= other.value_; return *this; }
  friend Quantity operator+(Quantity a, const Quantity& b) { return a += b; }
  friend Quantity operator-(Quantity a, const Quantity& b) { return a -= b; }

  /// Scaling by a plain number (a loss factor, a share of the period): exact.
  friend Quantity operator*(Quantity q, const Decimal& factor) { q.value_ *= factor; return q; }
  friend Quantity operator*(const Decimal& factor, Quantity q) { q.value_ *= factor; return q; }

  Quantity rounded(int scale, RoundingMode mode) const { return Quantity(value_.rounded(scale, mode)); }
  /// A share of this quantity: this / divisor at `scale` digits.
  Quantity divided_by(const Decimal& divisor, int scale, RoundingMode mode) const {
    return Quantity(value_.divided_by(divisor, scale, mode));
  }
  /// How many times `other` fits: a plain number (e.g. days in the period / days in the month).
  Decimal divided_by(const Quantity& other, int scale, RoundingMode mode) const {
    return value_.divided_by(other.value_, scale, mode);
  }
  /// An average per unit of another quantity: kWh per day, kWh per kW (hours use).
  template <Unit V>
    requires(V != U)
  PerUnit<U, V> per(const Quantity<V>& other, int scale, RoundingMode mode) const {
    return PerUnit<U, V>(value_.divided_by(other.value(), scale, mode));
  }

  friend bool operator==(const Quantity&, const Quantity&) = default;
  friend std::strong_ordering operator<=>(const Quantity&, const Quantity&) = default;

  friend std::ostream& operator<<(std::ostream& out, const Quantity& q) {
    return out << q.value_ << ' ' << to_string(U);
  }

 private:
  Decimal value_;
};

/// An amount of U per one V, e.g. kWh per day. Times a Quantity<V> it gives back a Quantity<U>.
template <Unit U, Unit Per>
class PerUnit {
 public:
  PerUnit() = default;
  explicit PerUnit(Decimal value) : value_(std::move(value)) {}

  const Decimal& value() const { return value_; }
  PerUnit rounded(int scale, RoundingMode mode) const { return PerUnit(value_.rounded(scale, mode)); }

  friend Quantity<U> operator*(const PerUnit& rate, const Quantity<Per>& q) { return Quantity<U>(rate.value_ * q.value()); }
  friend Quantity<U> operator*(const Quantity<Per>& q, const PerUnit& rate) { return Quantity<U>(q.value() * rate.value_); }

  friend bool operator==(const PerUnit&, const PerUnit&) = default;
  friend std::strong_ordering operator<=>(const PerUnit&, const PerUnit&) = default;

  friend std::ostream& operator<<(std::ostream& out, const PerUnit& r) {
    return out << r.value_ << ' ' << to_string(U) << '/' << to_string(Per);
  }

 private:
  Decimal value_;
};

/// An amount of money in one currency.
class Money {
 public:
  Money(Decimal amount, Currency currency) : amount_(std::move(amount)), currency_(currency) {}
  static Money zero(Currency currency) { return Money(Decimal(), currency); }

  const Decimal& amount() const { return amount_; }
  Currency currency() const { return currency_; }
  bool is_zero() const { return amount_.is_zero(); }
  bool is_negative() const { return amount_.is_negative(); }

  Money operator-() const { return Money(-amount_, currency_); }
  /// Throws std::logic_error if the currencies differ.
  Money& operator+=(const Money& other) {
    detail::require_same_currency(currency_, other.currency_, "add");
    amount_ += other.amount_;
    return *this;
  }
  Money& operator-=(const Money& other) {
    detail::require_same_currency(currency_, other.currency_, "subtract");
    amount_ -= other.amount_;
    return *this;
  }
  friend Money operator+(Money a, const Money& b) { return a += b; }
  friend Money operator-(Money a, const Money& b) { return a -= b; }

  /// Scaling by a plain number (a tax rate, a proration factor): exact.
  friend Money operator*(Money m, const Decimal& factor) { m.amount_ *= factor; return m; }
  friend Money operator*(const Decimal& factor, Money m) { m.amount_ *= factor; return m; }

  Money rounded(int scale, RoundingMode mode) const { return Money(amount_.rounded(scale, mode), currency_); }
  Money divided_by(const Decimal& divisor, int scale, RoundingMode mode) const {
    return Money(amount_.divided_by(divisor, scale, mode), currency_);
  }

  /// Equal when the currency and the value are equal (USD 1.0 == USD 1.00).
  friend bool operator==(const Money& a, const Money& b) { return a.currency_ == b.currency_ && a.amount_ == b.amount_; }
  /// Ordering money of two currencies throws std::logic_error.
  friend std::strong_ordering operator<=>(const Money& a, const Money& b) {
    detail::require_same_currency(a.currency_, b.currency_, "compare");
    return a.amount_ <=> b.amount_;
  }

 private:
  Decimal amount_;
  Currency currency_;
};

/// "USD 91.28": the code, a space, the amount as it is (no rounding).
std::string to_string(const Money& money);
std::ostream& operator<<(std::ostream& out, const Money& money);

/// Money per one U: $/kWh, $/kW, $/day. A Price<U> applies to a Quantity<U> only.
template <Unit U>
class Price {
 public:
  static constexpr Unit unit = U;

  Price(Decimal per_unit, Currency currency) : value_(std::move(per_unit)), currency_(currency) {}

  const Decimal& value() const { return value_; }
  Currency currency() const { return currency_; }

  Price operator-() const { return Price(-value_, currency_); }
  /// Stacked prices (base rate + fuel adjustment). Throws std::logic_error if the currencies differ.
  Price& operator+=(const Price& other) {
    detail::require_same_currency(currency_, other.currency_, "add");
    value_ += other.value_;
    return *this;
  }
  Price& operator-=(const Price& other) {
    detail::require_same_currency(currency_, other.currency_, "subtract");
    value_ -= other.value_;
    return *this;
  }
  friend Price operator+(Price a, const Price& b) { return a += b; }
  friend Price operator-(Price a, const Price& b) { return a -= b; }
  friend Price operator*(Price p, const Decimal& factor) { p.value_ *= factor; return p; }
  friend Price operator*(const Decimal& factor, Price p) { p.value_ *= factor; return p; }

  Price rounded(int scale, RoundingMode mode) const { return Price(value_.rounded(scale, mode), currency_); }

  /// The charge for a quantity: exact (round the Money where the tariff says).
  friend Money operator*(const Quantity<U>& q, const Price& p) { return Money(q.value() * p.value_, p.currency_); }
  friend Money operator*(const Price& p, const Quantity<U>& q) { return Money(p.value_ * q.value(), p.currency_); }

  friend bool operator==(const Price& a, const Price& b) { return a.currency_ == b.currency_ && a.value_ == b.value_; }
  friend std::strong_ordering operator<=>(const Price& a, const Price& b) {
    detail::require_same_currency(a.currency_, b.currency_, "compare");
    return a.value_ <=> b.value_;
  }

  friend std::ostream& operator<<(std::ostream& out, const Price& p) {
    return out << p.currency_.code() << ' ' << p.value_ << '/' << to_string(U);
  }

 private:
  Decimal value_;
  Currency currency_;
};

using Energy = Quantity<Unit::kWh>;
using EnergyMWh = Quantity<Unit::MWh>;
using Demand = Quantity<Unit::kW>;
using ReactiveEnergy = Quantity<Unit::kVARh>;
using ApparentDemand = Quantity<Unit::kVA>;
using Therms = Quantity<Unit::therm>;
using Gallons = Quantity<Unit::gal>;
using Days = Quantity<Unit::day>;
using Months = Quantity<Unit::month>;

using EnergyPrice = Price<Unit::kWh>;   ///< $/kWh
using DemandPrice = Price<Unit::kW>;    ///< $/kW
using DailyPrice = Price<Unit::day>;    ///< $/day (customer charge per day)
using MonthlyPrice = Price<Unit::month>;///< $/month
using ThermPrice = Price<Unit::therm>;  ///< $/therm

using EnergyPerDay = PerUnit<Unit::kWh, Unit::day>;  ///< average daily use
using HoursUse = PerUnit<Unit::kWh, Unit::kW>;       ///< kWh per kW of demand (hours-use tiers)

}  // namespace rateline
