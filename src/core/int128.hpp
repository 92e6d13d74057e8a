// core/int128.hpp — the exact 128-bit steps Decimal's fast path is built from: kPow10, scale_up(v, k, out) (v × 10^k, false on overflow), divide_rounded(n, d, mode).
//
// Internal to src/core (src/core/decimal.cpp). Each step gives the exact result or says it
// cannot (an overflow): Decimal then takes cpp_int, so no result changes, only its cost
// (tests/unit/core/decimal_fast_path_test.cpp checks both paths at the boundaries).
#pragma once

#include "rateline/decimal.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace rateline::int128 {

__extension__ typedef __int128 I128;
__extension__ typedef unsigned __int128 U128;
inline constexpr int kMaxPow10 = 38;  // 10^38 < 2^127 - 1
inline constexpr std::array<I128, kMaxPow10 + 1> kPow10 = [] {
  std::array<I128, kMaxPow10 + 1> t{};
  t[0] = 1;
  for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;   // 10^38 is the last: 10^39 would overflow
  return t;
}();

/// |v| × p for p < 2^64 in two 64 x 64 -> 128-bit products; false when it reaches 2^127.
[[gnu::always_inline]] inline bool times_small(U128 magnitude, std::uint64_t p, U128& out) {
  const U128 low = static_cast<U128>(static_cast<std::uint64_t>(magnitude)) * p;
  const U128 high = static_cast<U128>(static_cast<std::uint64_t>(magnitude >> 64)) * p;
  if (high >> 63) return false;   // high × 2^64 alone reaches 2^127
  // no carry out of 128 bits: with a high half, p < 2^63 (else high alone is past it) and
  // low < 2^127; without one, high is 0
  const U128 product = (high << 64) + low;
  if (product >> 127) return false;
  out = product;
  return true;
}

/// v × 10^k, false on overflow. Inlined into its callers: the call was a third of a
/// cross-scale addition.
[[gnu::always_inline]] inline bool scale_up(I128 v, int k, I128& out) {
  if (k < 0 || k > kMaxPow10) return false;
  // A coefficient within 64 bits times at most 10^18: below 2^123, one 64 x 64 -> 128-bit
  // multiplication that cannot overflow (the general check costs a bill's cross-scale
  // sums and comparisons several multiplications each).
  const bool in_64 = v == static_cast<std::int64_t>(v);
  if (k <= 18 && in_64) {
    out = static_cast<I128>(static_cast<std::int64_t>(v)) * static_cast<std::int64_t>(kPow10[static_cast<std::size_t>(k)]);
    return true;
  }
  // |v| × 10^k as 64 x 64 -> 128-bit products (10^19 < 2^64): a bill's amounts carry
  // 30-odd digits, a $35.28 meets them 27 places apart, and the general 128 x 128 check
  // was most of such an addition. Up to 10^19: one step; past it, a coefficient within 64
  // bits takes 10^19 first (below 2^127, no check), then the rest.
  const bool negative = v < 0;
  U128 magnitude = negative ? -static_cast<U128>(v) : static_cast<U128>(v);
  if (k > 19) {
    if (!in_64) return !__builtin_mul_overflow(v, kPow10[static_cast<std::size_t>(k)], &out);
    magnitude *= static_cast<std::uint64_t>(kPow10[19]);
    k -= 19;
  }
  if (!times_small(magnitude, static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(k)]), magnitude)) return false;
  out = negative ? -static_cast<I128>(magnitude) : static_cast<I128>(magnitude);
  return true;
}

/// The rounded quotient of n / d (d != 0), as round_quotient, in 128 bits; neither may be -2^127.
inline I128 divide_rounded(I128 n, I128 d, RoundingMode mode) {
  const bool negative = (n < 0) != (d < 0);
  const U128 un = n < 0 ? -static_cast<U128>(n) : static_cast<U128>(n);
  const U128 ud = d < 0 ? -static_cast<U128>(d) : static_cast<U128>(d);
  U128 q = un / ud;
  const U128 r = un % ud;
  if (r != 0) {
    const U128 twice = r * 2;   // r < ud < 2^127: no overflow
    const int half = twice < ud ? -1 : twice == ud ? 0 : 1;
    bool away = false;
    switch (mode) {
      case RoundingMode::half_up: away = half >= 0; break;
      case RoundingMode::half_down: away = half > 0; break;
      case RoundingMode::half_even: away = half > 0 || (half == 0 && (q & 1) != 0); break;
      case RoundingMode::toward_zero: away = false; break;
      case RoundingMode::away_from_zero: away = true; break;
      case RoundingMode::floor: away = negative; break;
      case RoundingMode::ceiling: away = !negative; break;
    }
    if (away) ++q;   // q <= un / 1 < 2^127, so q + 1 <= 2^127: negated below, still in range
  }
  return negative ? -static_cast<I128>(q - 1) - 1 : static_cast<I128>(q);
}

}  // namespace rateline::int128
