// Exact percentages and nearest-rank percentiles (rateline/analysis.hpp).
#include "rateline/analysis.hpp"

#include <stdexcept>

namespace rateline {

std::optional<Decimal> percent_of(const Decimal& part, const Decimal& whole, int places) {
  if (whole.is_zero()) return std::nullopt;
  return (part * Decimal(100)).divided_by(whole, places, RoundingMode::half_even);
}

std::optional<Decimal> percent_change(const Decimal& before, const Decimal& after) {
  return percent_of(after - before, before.abs(), 2);
}

Decimal percentile(const std::vector<Decimal>& sorted, int p) {
  if (sorted.empty() || p < 0 || p > 100) throw std::invalid_argument("percentile of no values, or p outside 0..100");
  const std::size_t n = sorted.size();
  // ceil(p × n / 100) in integers: a percentile is one of the values, never interpolated.
  std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;
  if (rank == 0) rank = 1;
  return sorted[rank - 1];
}

}  // namespace rateline
