// Decimal's 128-bit fast path (src/core/decimal.cpp): operands and results whose
// coefficients fit in a signed __int128 are computed there, everything else on cpp_int.
// These cases sit at and beyond the boundaries (2^63, 2^64, 2^127, 10^38) and check the
// result against the same arithmetic done on cpp_int by hand, so a wrong overflow check or
// a lost carry fails here rather than in a bill.
#include <doctest/doctest.h>

// g++ 12 at -O2 warns inside Boost's cpp_int copy (a false positive on the limb union when a
// test builds big values from literals); the library's own files do not trigger it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "rateline/decimal.hpp"

#include <string>
#include <vector>

using rateline::Decimal;
using rateline::RoundingMode;
using Int = Decimal::Int;

namespace {

Decimal D(const std::string& s) { return Decimal::parse(s).value(); }
Int pow2(unsigned n) { return Int(1) << n; }
Int pow10(unsigned n) { return boost::multiprecision::pow(Int(10), n); }
std::string str(const Int& v) { return v.str(); }

// Magnitudes around each boundary the fast path has: one limb, two limbs, the int128 sign bit.
std::vector<Int> boundary_values() {
  std::vector<Int> out;
  for (Int b : {pow2(63), pow2(64), pow2(126), pow2(127), pow2(128), pow10(19), pow10(38), pow10(39)})
    for (int d : {-2, -1, 0, 1, 2}) {
      Int v = b + d;
      out.push_back(v);
      out.push_back(-v);
    }
  out.push_back(0);
  out.push_back(1);
  out.push_back(-1);
  out.push_back(Int("170141183460469231731687303715884105727"));   // 2^127 - 1
  out.push_back(Int("-170141183460469231731687303715884105728"));  // -2^127
  return out;
}

}  // namespace

TEST_CASE("decimal fast path: + - x agree with cpp_int at and beyond 2^63, 2^64 and 2^127") {
  auto values = boundary_values();
  for (auto& a : values)
    for (auto& b : values)
      // 18 and 19: either side of scale_up's 64-bit path; up to 19 a coefficient beyond 64
      // bits takes two products; past 19, one within 64 bits takes 10^19 first, then two
      // products; 38 is the last power in the table, 39 goes to cpp_int
      for (int sa : {0, 3, 10, 18, 19, 20, 27, 37, 38, 39}) {
        const Decimal x(a, sa), y(b, 0);
        const std::string as = str(a), bs = str(b);
        CAPTURE(as);
        CAPTURE(bs);
        CAPTURE(sa);
        // y is at scale 0, so at x's scale it is b × 10^sa
        const Int by = b * pow10(static_cast<unsigned>(sa));
        CHECK((x + y).coefficient() == Int(a + by));
        CHECK((x + y).scale() == sa);
        CHECK((x - y).coefficient() == Int(a - by));
        CHECK((y - x).coefficient() == Int(by - a));
        CHECK((x * y).coefficient() == Int(a * b));
        CHECK((x * y).scale() == sa);
        CHECK((x < y) == (a < by));
        CHECK((x > y) == (a > by));
        CHECK((x == y) == (a == by));
      }
}

TEST_CASE("decimal fast path: a result just past 2^127 falls back to the exact path") {
  const Int max = pow2(127) - 1;
  CHECK((Decimal(Int(max), 0) + Decimal(1)).coefficient() == Int(pow2(127)));
  CHECK((Decimal(Int(-max), 0) - Decimal(2)).coefficient() == Int(-pow2(127) - 1));
  CHECK((Decimal(Int(pow2(64) - 1), 0) * Decimal(Int(pow2(64) - 1), 0)).coefficient() == Int((pow2(64) - 1) * (pow2(64) - 1)));
  CHECK((Decimal(pow2(63), 0) * Decimal(pow2(64), 0)).coefficient() == Int(pow2(127)));
  CHECK((Decimal(pow2(63), 0) * Decimal(Int(-pow2(64)), 0)).coefficient() == Int(-pow2(127)));
  // the scale difference of an addition that overflows only when aligned
  CHECK((Decimal(1, 0) + Decimal(1, 40)).to_string() == "1.0000000000000000000000000000000000000001");
  CHECK((Decimal(pow10(20), 0) + Decimal(1, 19)).coefficient() == Int(pow10(39) + 1));
  CHECK(Decimal(pow10(20), 0) > Decimal(pow10(38), 19));
  CHECK(Decimal(pow10(20), 0) < Decimal(Int(pow10(39) + 1), 19));
}

TEST_CASE("decimal fast path: divided_by rounds as the exact path in every mode") {
  const std::vector<RoundingMode> modes{RoundingMode::half_up,     RoundingMode::half_even,      RoundingMode::half_down,
                                        RoundingMode::toward_zero, RoundingMode::away_from_zero, RoundingMode::floor,
                                        RoundingMode::ceiling};
  // ties, below and above half, both signs; a numerator that needs 10^shift beyond 2^127
  const std::vector<std::pair<std::string, std::string>> cases{
      {"2.5", "1"},  {"-2.5", "1"},  {"3.5", "1"},   {"1", "3"},     {"-2", "3"},   {"7", "-2"},
      {"0", "7"},    {"1", "-1"},    {"170141183460469231731687303715884105727", "2"},
      {"-170141183460469231731687303715884105727", "3"},
      {"12345678901234567890.123", "0.0000007"},
      {"99999999999999999999999999", "3"}};
  for (auto& [n, d] : cases)
    for (auto mode : modes)
      for (int scale : {0, 2, 12, 30}) {
        CAPTURE(n);
        CAPTURE(d);
        CAPTURE(scale);
        const std::string mode_name(rateline::to_string(mode));
        CAPTURE(mode_name);
        const auto got = D(n).divided_by(D(d), scale, mode);
        // the exact path by hand: an integer quotient of enlarged operands
        const Decimal x = D(n), y = D(d);
        const int shift = scale - x.scale() + y.scale();
        Int num = x.coefficient(), den = y.coefficient();
        if (shift >= 0) num *= pow10(static_cast<unsigned>(shift));
        else den *= pow10(static_cast<unsigned>(-shift));
        const bool negative = (num < 0) != (den < 0);
        Int an = abs(num), ad = abs(den), q = an / ad, r = an % ad;
        if (r != 0) {
          const int half = Int(r * 2).compare(ad);
          bool away = false;
          switch (mode) {
            case RoundingMode::half_up: away = half >= 0; break;
            case RoundingMode::half_down: away = half > 0; break;
            case RoundingMode::half_even: away = half > 0 || (half == 0 && bit_test(q, 0)); break;
            case RoundingMode::toward_zero: away = false; break;
            case RoundingMode::away_from_zero: away = true; break;
            case RoundingMode::floor: away = negative; break;
            case RoundingMode::ceiling: away = !negative; break;
          }
          if (away) ++q;
        }
        if (negative) q = -q;
        CHECK(got.coefficient() == q);
        CHECK(got.scale() == scale);
      }
}

TEST_CASE("decimal fast path: rounded, normalized and with_scale at the 10^38 limit") {
  const Int max = pow2(127) - 1;   // 39 digits
  const Decimal m(max, 38);
  CHECK(m.rounded(0, RoundingMode::half_up).to_string() == "2");
  CHECK(m.rounded(37, RoundingMode::toward_zero).coefficient() == Int(max / 10));
  CHECK(Decimal(Int(-max), 40).rounded(0, RoundingMode::floor).to_string() == "-1");    // 10^40: the exact path
  CHECK(Decimal(Int(-max), 40).rounded(0, RoundingMode::half_up).to_string() == "0");
  CHECK(Decimal(pow10(19), 0).rounded(20, RoundingMode::half_up).coefficient() == pow10(39));   // 10^39: beyond 2^127
  CHECK(Decimal(pow10(19), 0).rounded(19, RoundingMode::half_up).coefficient() == pow10(38));
  CHECK(D("2.345").rounded(2, RoundingMode::half_even).to_string() == "2.34");
  CHECK(D("-2.345").rounded(2, RoundingMode::half_up).to_string() == "-2.35");
  CHECK(Decimal(pow10(38), 38).normalized().to_string() == "1");
  CHECK(Decimal(pow10(40), 39).normalized().to_string() == "10");
  CHECK(Decimal(Int(-(pow2(127) - 2)), 1).normalized().to_string() == "-17014118346046923173168730371588410572.6");
  CHECK(D("14.500").normalized().to_string() == "14.5");
  CHECK(D("1.50").with_scale(1)->to_string() == "1.5");
  CHECK_FALSE(D("1.55").with_scale(1).has_value());
  CHECK(Decimal(pow10(20), 0).with_scale(19)->coefficient() == pow10(39));
  CHECK(Decimal(max, 38).with_scale(40)->coefficient() == Int(max * 100));
}

TEST_CASE("decimal fast path: to_string writes the digits cpp_int writes") {
  for (const Int& v : boundary_values())
    for (int scale : {0, 1, 2, 5, 19, 39, 45}) {
      // the text by hand from cpp_int's own digits: sign, leading zeros, then the point
      std::string digits = str(v < 0 ? Int(-v) : v);
      if (scale > 0) {
        if (static_cast<int>(digits.size()) <= scale) digits.insert(0, static_cast<std::size_t>(scale + 1) - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
      }
      if (v < 0) digits.insert(0, "-");
      CHECK(Decimal(v, scale).to_string() == digits);
    }
  CHECK(Decimal(Int(-5), 3).to_string() == "-0.005");
  CHECK(Decimal(Int(0), 2).to_string() == "0.00");
}

TEST_CASE("decimal: a value is the same whether its coefficient is held in 128 bits or in a cpp_int") {
  // A Decimal keeps a coefficient below 2^127 in a machine integer and a larger one in a
  // shared cpp_int; results that come back below 2^127 must equal the same value made small.
  const Int max = pow2(127) - 1;
  const Decimal big_value(Int(pow2(127) + 5), 0);   // held big
  CHECK(big_value - Decimal(Int(pow2(127)), 0) == Decimal(5));
  CHECK((big_value - Decimal(Int(pow2(127)), 0)).to_string() == "5");
  CHECK(-(-big_value) == big_value);
  CHECK((-big_value).coefficient() == Int(-(pow2(127) + 5)));
  // -2^127 fits in a signed __int128 but its negation does not: it is held big, and negates
  const Decimal min = Decimal(Int(-max), 0) - Decimal(1);
  CHECK(min.coefficient() == Int(-pow2(127)));
  CHECK((-min).coefficient() == Int(pow2(127)));
  CHECK((min + Decimal(1)).coefficient() == Int(-max));
  // copies of a big value are independent values
  Decimal copy = big_value;
  copy += Decimal(1);
  CHECK(big_value.coefficient() == Int(pow2(127) + 5));
  CHECK(copy.coefficient() == Int(pow2(127) + 6));
  // a product back into range, divisions and rounding from a big operand
  CHECK((Decimal(Int(pow10(40)), 40) * Decimal(3)).normalized().to_string() == "3");
  CHECK(Decimal(Int(pow10(40) + 5), 40).rounded(2, RoundingMode::half_up).to_string() == "1.00");
  CHECK(Decimal(Int(pow10(40)), 0).divided_by(Decimal(Int(pow10(39)), 0), 0, RoundingMode::half_up) == Decimal(10));
  CHECK(Decimal(Int(pow10(40)), 0).is_negative() == false);
  CHECK(Decimal(Int(-pow10(40)), 0).sign() == -1);
  CHECK(!Decimal(Int(pow10(40)), 0).is_zero());
  // parse: 38 digits are read in 128 bits, 39 on cpp_int; both compare as values
  CHECK(D("99999999999999999999999999999999999999") + Decimal(1) == D("100000000000000000000000000000000000000"));
  CHECK(D("-0.00000000000000000000000000000000000001").to_string() == "-0.00000000000000000000000000000000000001");
  CHECK(D("000000000000000000000000000000000000000000012.50") == D("12.5"));
  CHECK(D("1e3").to_string() == "1000");
}

TEST_CASE("from_coefficient: coefficient × 10^-scale, the same value and scale as the big-integer constructor") {
  using rateline::Decimal;
  CHECK(Decimal::from_coefficient(1234, 2).to_string() == "12.34");
  CHECK(Decimal::from_coefficient(-5, 3).to_string() == "-0.005");
  CHECK(Decimal::from_coefficient(0, 4).to_string() == "0.0000");
  CHECK(Decimal::from_coefficient(7, -2).to_string() == "700");
  const std::int64_t extremes[] = {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min(), 1, -1, 42};
  for (std::int64_t c : extremes)
    for (int scale : {0, 1, 18, 40}) {
      const Decimal fast = Decimal::from_coefficient(c, scale), big(Decimal::Int(c), scale);
      CHECK(fast == big);
      CHECK(fast.scale() == big.scale());
      CHECK(fast.to_string() == big.to_string());
    }
}
