// The hot path (see determinants.hpp). Keep it branch-light and allocation-free per interval.
#include "eval/determinants.hpp"

#include <numeric>

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

Decimal scaled(const Decimal::Int& raw, std::int32_t scale, std::int64_t num, std::int64_t den) {
  Decimal value(raw * num, scale);
  if (den == 1) return value;
  // den divides a power of ten for the common grids (60-min: 1, 15-min: 4, 30-min: 2);
  // six more digits make any such division exact and bound the rest (5-min data: /12).
  return value.divided_by(Decimal(den), scale + 6, RoundingMode::half_even).normalized();
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
  Wide* energy = out.energy.data();
  std::int64_t* peak = out.peak.data();
  std::uint32_t* peak_at = out.peak_at.data();
  std::uint32_t* count = out.count.data();
  const std::int64_t* d = demand ? demand : values;
  for (std::size_t i = first; i < last; ++i) {
    const std::uint16_t s = slot[i];
    energy[s] += values[i];
    ++count[s];
    if (d[i] > peak[s]) {
      peak[s] = d[i];
      peak_at[s] = static_cast<std::uint32_t>(i);
    }
  }
}

}  // namespace rateline::eval
