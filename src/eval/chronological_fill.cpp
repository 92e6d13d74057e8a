// eval/chronological_fill.cpp — IntervalSource::chronological(): tiers filled in time order, each interval credited to its own TOU period, exactly in integers.
#include "eval/interval_source.hpp"

#include <algorithm>
#include <limits>

namespace rateline::eval {

/// Walks the segment's intervals in time order; each interval's energy fills the tiers in
/// turn and is credited to its own TOU period.
void IntervalSource::chronological(const Segment& c, const Context& all, const std::vector<std::uint32_t>& column_period,
                                   const TierLimits& upper, TierShares& share) {
  const auto& series = used_->delivered;
  const auto& sums = sums_[c.index];
  // Work in raw units scaled so that every bound is an integer: raw × 10^extra × den_e
  // against bound × 10^(scale + extra) × den_e / num_e.
  int extra = 0;
  for (auto& u : upper)
    if (u) extra = std::max(extra, u->scale() - series.scale);
  extra = std::min(extra, 12);
  std::vector<std::optional<Wide>> limit;
  for (auto& u : upper) {
    if (!u) { limit.push_back(std::nullopt); continue; }
    // kWh -> raw: kWh × 10^(scale+extra) × den / num
    auto raw = (*u * Decimal(units_.energy_den)).divided_by(Decimal(units_.energy_num), series.scale + extra, RoundingMode::ceiling);
    const auto& coeff = raw.coefficient();
    // Limits are compared with sums of raw values in Wide (128 bits), not in int64: with
    // finely scaled data (SAM loads have 17 decimals) a month's limit exceeds 2^63 raw units.
    if (coeff > Decimal::pow10(36)) {
      limit.push_back(std::nullopt);  // beyond any usage
    } else {
      const auto high = static_cast<unsigned long long>(coeff >> 64);
      const auto low = static_cast<unsigned long long>(coeff & Decimal::Int(std::numeric_limits<unsigned long long>::max()));
      limit.push_back(static_cast<Wide>((static_cast<UWide>(high) << 64) | static_cast<UWide>(low)));
    }
  }
  Wide scale_up = 1;
  for (int i = 0; i < extra; ++i) scale_up *= 10;
  const auto periods = t_.groups[all.group].period_names.size();
  std::vector<std::vector<Wide>> acc(periods, std::vector<Wide>(upper.size(), 0));
  Wide cumulative = 0;
  slots_->find_interval(all.group, sums.first, sums.last, [&](std::size_t i, std::uint16_t slot) {
    if (!slot_matches(slot, all)) return false;
    auto period = slot % periods;
    Wide v = static_cast<Wide>(series.values[i]) * scale_up;
    std::size_t k = 0;
    while (v > 0 && k < limit.size()) {
      Wide room = limit[k] ? std::max<Wide>(0, *limit[k] - cumulative) : v;
      Wide take = std::min(room, v);
      acc[period][k] += take;
      cumulative += take;
      v -= take;
      if (v > 0) ++k;
    }
    return false;
  });
  RawUnits scaled_units = units_;
  scaled_units.scale = series.scale + extra;
  for (std::size_t col = 0; col < column_period.size(); ++col)
    for (std::size_t k = 0; k < upper.size(); ++k) share[col][k] = scaled_units.energy(acc[column_period[col]][k]);
}

}  // namespace rateline::eval
