// The cheapest rate for one customer: rank the rates' totals and find the months that
// drive the difference between the cheapest and the runner-up (rateline/analysis.hpp).
#include "rateline/analysis.hpp"

#include <algorithm>
#include <numeric>

namespace rateline {

namespace {

bool same_period(const BillingPeriod& a, const BillingPeriod& b) { return a.from == b.from && a.to == b.to; }

std::vector<BillingPeriod> periods_of(const BillSeries& series) {
  std::vector<BillingPeriod> out;
  for (const Bill& b : series.bills)
    if (out.empty() || !same_period(out.back(), b.period)) out.push_back(b.period);
  return out;
}

// A period's total on one rate: the bills of that period (a revision may split one).
Decimal period_total(const BillSeries& series, const BillingPeriod& period) {
  Decimal sum;
  for (const Bill& b : series.bills)
    if (same_period(b.period, period)) sum += b.total;
  return sum;
}

// Marks the fewest periods, largest difference first, whose differences make at least
// half of the annual difference: the months a customer should look at.
void mark_drivers(std::vector<MonthAcross>& months, const Decimal& annual) {
  if (annual.sign() <= 0) return;
  std::vector<std::size_t> order(months.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *months[a].difference > *months[b].difference; });
  Decimal covered;
  for (std::size_t i : order) {
    if (covered * Decimal(2) >= annual || months[i].difference->sign() <= 0) break;
    months[i].driver = true;
    covered += *months[i].difference;
  }
}

}  // namespace

RateRanking rank_rates(std::vector<RateBills> rates) {
  RateRanking out;
  out.rates = std::move(rates);
  for (std::size_t i = 0; i < out.rates.size(); ++i) {
    const auto& r = out.rates[i];
    if (!r.series) {
      out.unbilled.push_back(i);
      continue;
    }
    out.ranked.push_back({i, r.series->total, Decimal(), std::nullopt});
  }
  std::stable_sort(out.ranked.begin(), out.ranked.end(), [](const RateRank& a, const RateRank& b) { return a.total < b.total; });
  if (out.ranked.empty()) return out;
  const Decimal cheapest = out.ranked.front().total;
  for (auto& r : out.ranked) {
    r.above_cheapest = r.total - cheapest;
    r.percent_above = percent_of(r.above_cheapest, cheapest.abs(), 2);
  }

  const auto periods = periods_of(*out.rates[out.ranked.front().rate].series);
  for (const auto& r : out.ranked) out.same_periods = out.same_periods && periods_of(*out.rates[r.rate].series).size() == periods.size();
  for (const auto& period : periods) {
    MonthAcross month;
    month.period = period;
    for (const auto& r : out.rates) {
      const bool has = r.series && std::any_of(r.series->bills.begin(), r.series->bills.end(), [&](const Bill& b) { return same_period(b.period, period); });
      if (!has) out.same_periods = out.same_periods && !r.series;
      month.totals.push_back(has ? std::optional<Decimal>(period_total(*r.series, period)) : std::nullopt);
    }
    out.months.push_back(std::move(month));
  }
  if (out.ranked.size() < 2 || !out.same_periods) return out;
  const std::size_t best = out.ranked[0].rate, next = out.ranked[1].rate;
  const Decimal annual = out.ranked[1].total - out.ranked[0].total;
  for (auto& m : out.months) {
    m.difference = *m.totals[next] - *m.totals[best];
    m.share = percent_of(*m.difference, annual, 1);
  }
  mark_drivers(out.months, annual);
  return out;
}

}  // namespace rateline
