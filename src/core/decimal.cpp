// Exact decimal arithmetic: 128-bit coefficients, and boost::multiprecision::cpp_int past them (see rateline/decimal.hpp).
#include "rateline/decimal.hpp"

#include "core/int128.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <vector>

namespace rateline {

namespace {

constexpr int kMaxExponent = 4000;  // refuses "1e999999999" before it eats memory

// Rounds the integer quotient q (with remainder r of a division by d > 0, signs as from
// truncating division) according to mode. `negative` is the sign of the exact result.
Decimal::Int round_quotient(Decimal::Int q, const Decimal::Int& r, const Decimal::Int& d,
                            bool negative, RoundingMode mode) {
  if (r.is_zero()) return q;
  Decimal::Int twice = boost::multiprecision::abs(r) * 2;
  int half = twice.compare(d);  // <0 below half, 0 exactly half, >0 above half
  bool away = false;
  switch (mode) {
    case RoundingMode::half_up: away = half >= 0; break;
    case RoundingMode::half_down: away = half > 0; break;
    case RoundingMode::half_even: away = half > 0 || (half == 0 && bit_test(Decimal::Int(boost::multiprecision::abs(q)), 0)); break;
    case RoundingMode::toward_zero: away = false; break;
    case RoundingMode::away_from_zero: away = true; break;
    case RoundingMode::floor: away = negative; break;
    case RoundingMode::ceiling: away = !negative; break;
  }
  if (away) q += negative ? -1 : 1;
  return q;
}

// The 128-bit fast path. Bills hold small numbers (a 17-digit price times a 10-digit
// quantity is a 27-digit product), and cpp_int's general code costs far more than the
// arithmetic itself at that size. Every operation below first tries signed __int128 with
// overflow checks (GCC/Clang builtins); an operand that does not fit, or a result or
// intermediate that would overflow, takes the exact cpp_int path unchanged. So the fast
// path never changes a result, only its cost (tests/unit/core/decimal_fast_path_test.cpp
// checks both paths agree, at and beyond the 2^63 and 2^127 boundaries).
using int128::I128;
using int128::U128;
using int128::kMaxPow10;
using int128::kPow10;
using int128::divide_rounded;
using int128::scale_up;
static_assert(sizeof(boost::multiprecision::limb_type) == 8, "the fast path reads 64-bit limbs");

/// x as a signed 128-bit integer, when its magnitude is below 2^127.
bool small(const Decimal::Int& x, I128& out) {
  const auto& b = x.backend();
  const auto* limbs = b.limbs();
  U128 magnitude;
  if (b.size() == 1) {
    magnitude = limbs[0];
  } else if (b.size() == 2 && (limbs[1] >> 63) == 0) {
    magnitude = (static_cast<U128>(limbs[1]) << 64) | limbs[0];
  } else {
    return false;
  }
  out = b.sign() ? -static_cast<I128>(magnitude) : static_cast<I128>(magnitude);
  return true;
}

Decimal::Int big(I128 v) {
  const bool negative = v < 0;
  const U128 magnitude = negative ? -static_cast<U128>(v) : static_cast<U128>(v);
  const auto lo = static_cast<std::uint64_t>(magnitude), hi = static_cast<std::uint64_t>(magnitude >> 64);
  Decimal::Int r;
  if (hi == 0) {
    r = lo;
  } else {
    r.backend().resize(2, 2);
    r.backend().limbs()[0] = lo;
    r.backend().limbs()[1] = hi;
    r.backend().normalize();
  }
  if (negative) r.backend().negate();
  return r;
}

}  // namespace

std::optional<RoundingMode> parse_rounding_mode(std::string_view name) {
  std::string n;
  for (char c : name) n += (c == '-' || c == ' ') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "half_up") return RoundingMode::half_up;
  if (n == "half_even" || n == "bankers" || n == "banker's") return RoundingMode::half_even;
  if (n == "half_down") return RoundingMode::half_down;
  if (n == "toward_zero" || n == "down" || n == "truncate") return RoundingMode::toward_zero;
  if (n == "away_from_zero" || n == "up") return RoundingMode::away_from_zero;
  if (n == "floor") return RoundingMode::floor;
  if (n == "ceiling") return RoundingMode::ceiling;
  return std::nullopt;
}

std::string_view to_string(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::half_up: return "half_up";
    case RoundingMode::half_even: return "half_even";
    case RoundingMode::half_down: return "half_down";
    case RoundingMode::toward_zero: return "toward_zero";
    case RoundingMode::away_from_zero: return "away_from_zero";
    case RoundingMode::floor: return "floor";
    case RoundingMode::ceiling: return "ceiling";
  }
  return "?";
}

const Decimal::Int& Decimal::pow10(int exponent) {
  if (exponent < 0) throw std::invalid_argument("Decimal::pow10: negative exponent");
  static const std::array<Int, 64> small = [] {
    std::array<Int, 64> table;
    Int v = 1;
    for (auto& t : table) { t = v; v *= 10; }
    return table;
  }();
  if (exponent < static_cast<int>(small.size())) return small[static_cast<std::size_t>(exponent)];
  // Rare: large exponents (e.g. 1e37 tier bounds read from URDB). Cache them, thread-safely.
  // The cache grows on demand: products of products can reach scales beyond any fixed
  // bound (three factors at parse's limit of scale 4000 make scale 12000), and such a
  // value must still compare and round. The Ints live behind unique_ptrs, so references
  // handed out earlier stay valid when the vector grows.
  static std::mutex mutex;
  static std::vector<std::unique_ptr<Int>> large(2 * kMaxExponent + 64);
  std::lock_guard lock(mutex);
  auto index = static_cast<std::size_t>(exponent);
  if (index >= large.size()) large.resize(index + 1);
  auto& slot = large[index];
  if (!slot) slot = std::make_unique<Int>(boost::multiprecision::pow(Int(10), static_cast<unsigned>(exponent)));
  return *slot;
}

Decimal::Decimal(Int coefficient, int scale) : scale_(scale) {
  if (scale < 0) {
    coefficient *= pow10(-scale);
    scale_ = 0;
  }
  set(std::move(coefficient));
}

void Decimal::set(Int c) {
  if (I128 v = 0; small(c, v)) {
    small_ = v;
    big_.reset();
  } else {
    small_ = 0;
    big_ = std::make_shared<const Int>(std::move(c));
  }
}

Decimal::Int Decimal::coefficient() const { return big_ ? *big_ : big(small_); }

int Decimal::sign() const {
  if (big_) return big_->sign();
  return small_ < 0 ? -1 : small_ > 0 ? 1 : 0;
}

Decimal Decimal::operator-() const {
  if (!big_) return of_small(-small_, scale_);   // |small_| < 2^127: its negation fits
  return Decimal(-*big_, scale_);
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  int scale = 0;
  bool any = false, dot = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      any = true;
      if (dot) ++scale;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) eneg = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    long exponent = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > kMaxExponent) return std::nullopt;
    }
    scale -= static_cast<int>(eneg ? -exponent : exponent);
  }
  if (i != text.size()) return std::nullopt;
  if (scale > kMaxExponent || scale < -kMaxExponent) return std::nullopt;
  // cpp_int reads a leading 0 as octal: strip leading zeros first.
  auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) first = digits.size();
  if (digits.size() - first <= static_cast<std::size_t>(kMaxPow10) && scale >= 0) {
    // 38 digits or fewer fit in 128 bits: no cpp_int at all (every number of a real tariff)
    I128 v = 0;
    for (std::size_t k = first; k < digits.size(); ++k) v = v * 10 + (digits[k] - '0');
    return of_small(negative ? -v : v, scale);
  }
  Int coefficient = first == digits.size() ? Int(0) : Int(digits.substr(first));
  if (negative) coefficient = -coefficient;
  return Decimal(std::move(coefficient), scale);
}

namespace {

// The exact paths of addition and comparison, out of line: kept in the callers, their
// cpp_int temporaries made every call save registers and a stack frame for them, and most
// of a bill's cross-scale sums and tier comparisons never reach them.
[[gnu::noinline]] Decimal add_exact(const Decimal& a, const Decimal& b, bool subtract) {
  Decimal::Int x = a.coefficient(), y = b.coefficient();
  if (subtract) y = -y;
  if (a.scale() > b.scale()) y *= Decimal::pow10(a.scale() - b.scale());
  else if (b.scale() > a.scale()) x *= Decimal::pow10(b.scale() - a.scale());
  return Decimal(x + y, std::max(a.scale(), b.scale()));
}

[[gnu::noinline]] std::strong_ordering compare_exact(const Decimal& a, const Decimal& b) {
  const Decimal::Int ac = a.coefficient(), bc = b.coefficient();
  int c;
  if (a.scale() == b.scale()) c = ac.compare(bc);
  else if (a.scale() > b.scale()) c = ac.compare(Decimal::Int(bc * Decimal::pow10(a.scale() - b.scale())));
  else c = Decimal::Int(ac * Decimal::pow10(b.scale() - a.scale())).compare(bc);
  return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

}  // namespace

Decimal& Decimal::add(const Decimal& other, bool subtract) {
  if (!big_ && !other.big_) {
    I128 x = small_, y = other.small_, r = 0;
    if ((scale_ >= other.scale_ || scale_up(x, other.scale_ - scale_, x)) && (other.scale_ >= scale_ || scale_up(y, scale_ - other.scale_, y)) &&
        !(subtract ? __builtin_sub_overflow(x, y, &r) : __builtin_add_overflow(x, y, &r)) && r != kSmallMin) {
      small_ = r;
      scale_ = std::max(scale_, other.scale_);
      return *this;
    }
  }
  return *this = add_exact(*this, other, subtract);
}

Decimal& Decimal::operator*=(const Decimal& other) {
  if (!big_ && !other.big_ && small_ == static_cast<std::int64_t>(small_) && other.small_ == static_cast<std::int64_t>(other.small_))
    // a quantity times a price, both within 64 bits: one 64 x 64 -> 128-bit product, below
    // 2^126, with none of the general 128-bit check's extra products
    small_ = static_cast<I128>(static_cast<std::int64_t>(small_)) * static_cast<std::int64_t>(other.small_);
  else if (I128 r = 0; !big_ && !other.big_ && !__builtin_mul_overflow(small_, other.small_, &r) && r != kSmallMin)
    small_ = r;
  else
    set(coefficient() * other.coefficient());
  scale_ += other.scale_;
  return *this;
}

Decimal Decimal::divided_by(const Decimal& divisor, int scale, RoundingMode mode) const {
  if (divisor.is_zero()) throw std::domain_error("Decimal: division by zero");
  if (scale < 0) throw std::invalid_argument("Decimal: negative result scale");
  // this/divisor = (c1·10^-s1)/(c2·10^-s2); result coefficient at `scale` is
  // c1·10^(scale - s1 + s2) / c2.
  int shift = scale - scale_ + divisor.scale_;
  if (I128 n = small_, d = divisor.small_; !big_ && !divisor.big_ && (shift >= 0 ? scale_up(n, shift, n) : scale_up(d, -shift, d)))
    return of_small(divide_rounded(n, d, mode), scale);
  Int numerator = coefficient();
  Int denominator = divisor.coefficient();
  if (shift >= 0) numerator *= pow10(shift); else denominator *= pow10(-shift);
  bool negative = (numerator.sign() < 0) != (denominator.sign() < 0);
  Int d = boost::multiprecision::abs(denominator);
  Int n = boost::multiprecision::abs(numerator);
  Int q, r;
  divide_qr(n, d, q, r);
  if (negative) q = -q;
  return Decimal(round_quotient(std::move(q), r, d, negative, mode), scale);
}

Decimal Decimal::rounded(int scale, RoundingMode mode) const {
  if (scale < 0) throw std::invalid_argument("Decimal: negative scale");
  if (I128 c = small_; !big_) {
    if (scale >= scale_) {
      if (scale_up(c, scale - scale_, c)) return of_small(c, scale);
    } else if (scale_ - scale <= kMaxPow10) {
      return of_small(divide_rounded(c, kPow10[static_cast<std::size_t>(scale_ - scale)], mode), scale);
    }
  }
  if (scale >= scale_) return Decimal(coefficient() * pow10(scale - scale_), scale);
  const Int& d = pow10(scale_ - scale);
  Int q, r;
  divide_qr(coefficient(), d, q, r);  // truncates toward zero; r has the sign of the coefficient
  return Decimal(round_quotient(std::move(q), r, d, is_negative(), mode), scale);
}

Decimal Decimal::normalized() const {
  if (is_zero()) return Decimal();
  if (I128 v = small_; !big_) {
    int s = scale_;
    while (s > 0 && v % 10 == 0) {
      v /= 10;
      --s;
    }
    return of_small(v, s);
  }
  Int c = coefficient();
  int s = scale_;
  Int q, r;
  while (s > 0) {
    divide_qr(c, Int(10), q, r);
    if (!r.is_zero()) break;
    c = q;
    --s;
  }
  return Decimal(std::move(c), s);
}

std::optional<Decimal> Decimal::with_scale(int scale) const {
  if (scale < 0) return std::nullopt;
  if (I128 c = small_; !big_) {
    if (scale >= scale_) {
      if (scale_up(c, scale - scale_, c)) return of_small(c, scale);
    } else if (scale_ - scale <= kMaxPow10) {
      const I128 d = kPow10[static_cast<std::size_t>(scale_ - scale)];
      if (c % d != 0) return std::nullopt;
      return of_small(c / d, scale);
    }
  }
  if (scale >= scale_) return Decimal(coefficient() * pow10(scale - scale_), scale);
  Int q, r;
  divide_qr(coefficient(), pow10(scale_ - scale), q, r);
  if (!r.is_zero()) return std::nullopt;
  return Decimal(std::move(q), scale);
}

std::optional<Decimal::Int> Decimal::scaled_to(int scale) const {
  auto d = with_scale(scale);
  if (!d) return std::nullopt;
  return d->coefficient();
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (I128 x = a.small_, y = b.small_; !a.big_ && !b.big_ &&
                         (a.scale_ >= b.scale_ ? scale_up(y, a.scale_ - b.scale_, y) : scale_up(x, b.scale_ - a.scale_, x)))
    return x < y ? std::strong_ordering::less : x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
  return compare_exact(a, b);
}

std::string Decimal::to_string() const {
  std::string digits;
  if (I128 c = small_; !big_) {
    // every amount of a bill is written this way: cpp_int's str() goes through a stream
    char buffer[40];
    char* p = buffer + sizeof buffer;
    U128 magnitude = c < 0 ? -static_cast<U128>(c) : static_cast<U128>(c);
    do {
      *--p = static_cast<char>('0' + static_cast<int>(magnitude % 10));
      magnitude /= 10;
    } while (magnitude != 0);
    digits.assign(p, buffer + sizeof buffer);
  } else {
    digits = Int(boost::multiprecision::abs(*big_)).str();
  }
  if (scale_ > 0) {
    if (static_cast<int>(digits.size()) <= scale_) digits.insert(0, static_cast<std::size_t>(scale_ - static_cast<int>(digits.size()) + 1), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), ".");
  }
  if (is_negative()) digits.insert(0, "-");
  return digits;
}

std::ostream& operator<<(std::ostream& out, const Decimal& value) { return out << value.to_string(); }

}  // namespace rateline
