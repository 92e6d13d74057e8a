// The hot path (see determinants.hpp): units, demand windows and the runs pass (aggregate);
// the pieces pass is aggregate_pieces.cpp. Keep it branch-light and allocation-free per interval.
#include "eval/determinants.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

namespace rateline::eval {

namespace {

Decimal::Int to_int(Wide v) {
  // cpp_int has no __int128 constructor in Boost 1.74: build from two halves.
  bool negative = v < 0;
  UWide u = negative ? static_cast<UWide>(-v) : static_cast<UWide>(v);
  Decimal::Int out = static_cast<std::uint64_t>(u >> 64);
  out <<= 64;
  out += static_cast<std::uint64_t>(u);
  return negative ? Decimal::Int(-out) : out;
}

// Digits a division by `den` needs to be exact (den = 2^a 5^b: max(a, b)), or nullopt
// when no number of digits is enough (a factor 3, 7...).
std::optional<int> exact_digits(std::int64_t den) {
  int twos = 0, fives = 0;
  while (den % 2 == 0) den /= 2, ++twos;
  while (den % 5 == 0) den /= 5, ++fives;
  if (den != 1) return std::nullopt;
  return std::max(twos, fives);
}

// raw × num × factor at `scale`, in 64 bits when the product fits (a month's kWh or a peak
// kW of any real meter): no big integer on a bill's path.
// (false when it does not; the product goes to `out` as a coefficient, not an optional
// Decimal: every quantity of a bill comes this way)
bool small_product(Wide raw, std::int64_t num, std::int64_t factor, std::int64_t& out) {
  if (raw < std::numeric_limits<std::int64_t>::min() || raw > std::numeric_limits<std::int64_t>::max()) return false;
  const auto r = static_cast<std::int64_t>(raw);
  return !__builtin_mul_overflow(r, num, &out) && !__builtin_mul_overflow(out, factor, &out);
}

Decimal scaled(const Decimal::Int& raw, std::int32_t scale, std::int64_t num, std::int64_t den);

Decimal scaled(Wide raw, std::int32_t scale, std::int64_t num, std::int64_t den) {
  std::int64_t out = 0;
  if (den == 1) {
    if (small_product(raw, num, 1, out)) return Decimal::from_coefficient(out, scale);
  } else if (const auto digits = exact_digits(den); digits && *digits <= 12) {
    std::int64_t factor = 1;
    for (int i = 0; i < *digits; ++i) factor *= 10;
    if (small_product(raw, num, factor / den, out)) return Decimal::from_coefficient(out, scale + *digits);
  }
  return scaled(to_int(raw), scale, num, den);
}

Decimal scaled(const Decimal::Int& raw, std::int32_t scale, std::int64_t num, std::int64_t den) {
  if (den == 1) return Decimal(raw * num, scale);
  // 15-minute kW data divides by 4: exact with two more digits, so it is a multiplication
  // by 25 at two more places (no division on the bill's path). Data like 5-minute kW
  // (divide by 12) cannot be exact: six more digits, half even, documented.
  const auto digits = exact_digits(den);
  if (digits && *digits <= 12) {
    std::int64_t factor = 1;
    for (int i = 0; i < *digits; ++i) factor *= 10;
    return Decimal(raw * num * (factor / den), scale + *digits);
  }
  return Decimal(raw * num, scale).divided_by(Decimal(den), scale + digits.value_or(6), RoundingMode::half_even);
}

}  // namespace

RawUnits RawUnits::of(const IntervalSeries& series, std::int32_t window) {
  RawUnits u;
  u.scale = series.scale;
  const std::int64_t m = series.minutes;
  const std::int64_t w = window > 0 ? window : m;
  if (series.unit == Unit::kW) {
    // energy of an interval = kW × m/60 h; demand over a window of w = Σ kW × m / w
    u.energy_num = m, u.energy_den = 60;
    u.demand_num = m, u.demand_den = w;
  } else {
    // kWh per interval; demand = Σ kWh over the window × 60 / w
    u.demand_num = 60, u.demand_den = w;
  }
  auto reduce = [](std::int64_t& n, std::int64_t& d) {
    auto g = std::gcd(n, d);
    n /= g, d /= g;
  };
  reduce(u.energy_num, u.energy_den);
  reduce(u.demand_num, u.demand_den);
  return u;
}

Decimal RawUnits::energy(Wide raw) const { return scaled(raw, scale, energy_num, energy_den); }
Decimal RawUnits::demand(std::int64_t raw) const { return scaled(Wide{raw}, scale, demand_num, demand_den); }

std::vector<std::int64_t> demand_series(const IntervalSeries& series, std::int32_t window, bool sliding) {
  if (window <= 0 || window == series.minutes) return {};
  // A window finer than the data, or not a multiple of it, has no series: the biller
  // refuses it (B0002) whenever a charge uses demand; with none, nothing reads it.
  if (series.minutes <= 0 || window < series.minutes || window % series.minutes != 0) return {};
  const std::size_t k = static_cast<std::size_t>(window / series.minutes);
  const auto& v = series.values;
  std::vector<std::int64_t> out(v.size(), 0);
  if (sliding) {
    // the window ending with interval i; the first k-1 intervals see a partial window
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      sum += v[i];
      if (i >= k) sum -= v[i - k];
      out[i] = sum;
    }
  } else {
    // fixed blocks of k intervals from the grid start; each interval carries its block's sum
    for (std::size_t b = 0; b < v.size(); b += k) {
      std::int64_t sum = 0;
      std::size_t end = std::min(v.size(), b + k);
      for (std::size_t i = b; i < end; ++i) sum += v[i];
      for (std::size_t i = b; i < end; ++i) out[i] = sum;
    }
  }
  return out;
}

__attribute__((target_clones("avx512f", "avx2", "default")))
std::size_t safe_run(const std::int64_t* values, std::size_t count) {
  // the longest run whose 64-bit sum cannot overflow, whatever the values in it;
  // |v| via v ^ (v >> 63) is |v| - 1 for negative v, which is fine for a bound. The
  // magnitudes are OR-ed, not compared: the OR is at least the largest and below twice
  // it (a bound as good to a factor of 2), and it is one instruction per vector of values
  // where a 64-bit maximum is three without AVX-512.
  std::int64_t largest = 1;
  for (std::size_t i = 0; i < count; ++i) largest |= values[i] ^ (values[i] >> 63);
  constexpr auto top = std::numeric_limits<std::int64_t>::max();
  return largest == top ? 1 : static_cast<std::size_t>(top / (largest + 1));
}

namespace {

// Sum and maximum of v[a, b) and d[a, b), written plainly so the compiler vectorizes it
// (this file is built with -O3; `aggregate` is cloned for AVX2 and AVX-512 below).
inline void sum_and_peak(const std::int64_t* v, const std::int64_t* d, std::size_t a, std::size_t b, std::int64_t& sum,
                         std::int64_t& peak) {
  std::int64_t s = 0, p = peak;
  for (std::size_t k = a; k < b; ++k) {
    s += v[k];
    p = d[k] > p ? d[k] : p;
  }
  sum = s;
  peak = p;
}

}  // namespace

// One machine-code version per instruction set; the loader picks the best the CPU has.
__attribute__((target_clones("avx512f", "avx2", "default")))
void aggregate(const std::int64_t* values, const std::int64_t* demand, const graph::IntervalSlots::Run* runs, std::size_t run_count,
               std::size_t first, std::size_t last, std::size_t max_run, CycleAggregate& out) {
  if (first >= last) return;
  Wide* energy = out.energy.data();
  std::int64_t* peak = out.peak.data();
  std::uint32_t* count = out.count.data();
  const std::int64_t* d = demand ? demand : values;
  // the first run that ends after `first`
  std::size_t lo = 0, hi = run_count;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (runs[mid].end <= first) lo = mid + 1;
    else hi = mid;
  }
  for (std::size_t r = lo; r < run_count && runs[r].start < last; ++r) {
    const auto s = runs[r].slot;
    std::size_t a = std::max<std::size_t>(runs[r].start, first);
    const std::size_t b = std::min<std::size_t>(runs[r].end, last);
    count[s] += static_cast<std::uint32_t>(b - a);
    // 64-bit sums over stretches of at most max_run values cannot overflow
    while (a < b) {
      const std::size_t e = std::min(b, a + max_run);
      std::int64_t sum = 0;
      sum_and_peak(values, d, a, e, sum, peak[s]);
      energy[s] += sum;
      a = e;
    }
  }
}

}  // namespace rateline::eval
