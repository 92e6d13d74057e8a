// The hot path (see determinants.hpp). Keep it branch-light and allocation-free per interval.
#include "eval/determinants.hpp"

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

Decimal scaled(const Decimal::Int& raw, std::int32_t scale, std::int64_t num, std::int64_t den) {
  Decimal value(raw * num, scale);
  if (den == 1) return value;
  // 15-minute kW data divides by 4: exact with two more digits. Data like 5-minute kW
  // (divide by 12) cannot be exact: six more digits, half even, documented.
  auto digits = exact_digits(den);
  return value.divided_by(Decimal(den), scale + digits.value_or(6), RoundingMode::half_even);
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

Decimal RawUnits::energy(Wide raw) const { return scaled(to_int(raw), scale, energy_num, energy_den); }
Decimal RawUnits::demand(std::int64_t raw) const { return scaled(Decimal::Int(raw), scale, demand_num, demand_den); }

std::vector<std::int64_t> demand_series(const IntervalSeries& series, std::int32_t window, bool sliding) {
  if (window <= 0 || window == series.minutes) return {};
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

void aggregate(const std::int64_t* values, const std::int64_t* demand, const std::uint16_t* slot, std::size_t first,
               std::size_t last, CycleAggregate& out) {
  if (first >= last) return;
  Wide* energy = out.energy.data();
  std::int64_t* peak = out.peak.data();
  std::uint32_t* peak_at = out.peak_at.data();
  std::uint32_t* count = out.count.data();
  const std::int64_t* d = demand ? demand : values;
  // Consecutive intervals mostly share a slot (a TOU period lasts hours), so sums and the
  // running peak stay in registers for the run and are stored once when the slot changes:
  // a read-modify-write of the same slot every interval would wait on the previous store.
  std::size_t i = first;
  while (i < last) {
    const std::uint16_t s = slot[i];
    Wide sum = 0;
    std::int64_t best = peak[s];
    std::uint32_t best_at = peak_at[s];
    const std::size_t run_start = i;
    for (; i < last && slot[i] == s; ++i) {
      sum += values[i];
      if (d[i] > best) {
        best = d[i];
        best_at = static_cast<std::uint32_t>(i);
      }
    }
    energy[s] += sum;
    count[s] += static_cast<std::uint32_t>(i - run_start);
    peak[s] = best;
    peak_at[s] = best_at;
  }
}

}  // namespace rateline::eval
