// What a new rate does to a population: revenue, impacts, their distribution, the largest
// and the unexpected changes (rateline/analysis.hpp). Only accounts billed on both sides
// enter a figure; every other account is a named problem.
#include "rateline/analysis.hpp"

#include <algorithm>

namespace rateline {

namespace {

constexpr std::size_t kMaxBins = 40;

AccountImpact impact_of(const ComparedAccount& a) {
  const Decimal change = *a.after.total - *a.before.total;
  return {a.id, a.rate_class, *a.before.total, *a.after.total, change, percent_change(*a.before.total, *a.after.total)};
}

bool named_unchanged(const ComparedAccount& a, const ImpactOptions& options) {
  for (const auto& [name, value] : options.unchanged_for) {
    if (name.empty() ? a.rate_class == value : (a.attributes.count(name) && a.attributes.at(name) == value)) return true;
  }
  return false;
}

std::string problem_of(const ComparedAccount& a, AccountStatus s) {
  switch (s) {
    case AccountStatus::missing_before: return "not in the old rate's run";
    case AccountStatus::missing_after: return "not in the new rate's run";
    case AccountStatus::failed_before: return "old rate: " + a.before.error;
    case AccountStatus::failed_after: return "new rate: " + a.after.error;
    case AccountStatus::compared: break;
  }
  return "";
}

std::int64_t bin_index(const Decimal& percent, const Decimal& width) {
  return percent.divided_by(width, 0, RoundingMode::floor).coefficient().convert_to<std::int64_t>();
}

std::vector<HistogramBin> histogram(const std::vector<Decimal>& sorted, const Decimal& width) {
  std::vector<HistogramBin> bins;
  if (sorted.empty() || width.sign() <= 0) return bins;
  std::int64_t lo = bin_index(sorted.front(), width), hi = bin_index(sorted.back(), width);
  // A wide spread keeps the bins around the middle and gathers the tails into open bins.
  if (static_cast<std::size_t>(hi - lo + 1) > kMaxBins) {
    const std::int64_t mid = bin_index(percentile(sorted, 50), width), half = static_cast<std::int64_t>(kMaxBins / 2) - 1;
    lo = std::max(lo, mid - half);
    hi = std::min(hi, lo + static_cast<std::int64_t>(kMaxBins) - 3);
  }
  const bool low_tail = bin_index(sorted.front(), width) < lo, high_tail = bin_index(sorted.back(), width) > hi;
  if (low_tail) bins.push_back({std::nullopt, width * Decimal(lo), 0});
  for (std::int64_t i = lo; i <= hi; ++i) bins.push_back({width * Decimal(i), width * Decimal(i + 1), 0});
  if (high_tail) bins.push_back({width * Decimal(hi + 1), std::nullopt, 0});
  for (const auto& p : sorted) {
    const std::int64_t i = bin_index(p, width);
    const std::size_t at = i < lo ? 0 : i > hi ? bins.size() - 1 : static_cast<std::size_t>(i - lo) + (low_tail ? 1 : 0);
    ++bins[at].accounts;
  }
  return bins;
}

}  // namespace

AccountStatus status(const ComparedAccount& a) {
  if (!a.before.present) return AccountStatus::missing_before;
  if (!a.after.present) return AccountStatus::missing_after;
  if (!a.before.total) return AccountStatus::failed_before;
  if (!a.after.total) return AccountStatus::failed_after;
  return AccountStatus::compared;
}

std::string to_string(AccountStatus s) {
  switch (s) {
    case AccountStatus::compared: return "compared";
    case AccountStatus::missing_before: return "missing_old";
    case AccountStatus::missing_after: return "missing_new";
    case AccountStatus::failed_before: return "failed_old";
    case AccountStatus::failed_after: return "failed_new";
  }
  return "";
}

ImpactSummary summarize_impacts(const std::vector<ComparedAccount>& accounts, const ImpactOptions& options) {
  ImpactSummary out;
  out.accounts = accounts.size();
  std::map<std::string, ClassRevenue> classes;
  std::vector<Decimal> percents;
  std::vector<AccountImpact> impacts;
  for (const auto& a : accounts) {
    const AccountStatus s = status(a);
    ++out.by_status[s];
    if (s != AccountStatus::compared) {
      out.problems.emplace_back(a.id, problem_of(a, s));
      continue;
    }
    ++out.compared;
    AccountImpact impact = impact_of(a);
    out.before += impact.before;
    out.after += impact.after;
    auto& c = classes[a.rate_class];
    c.rate_class = a.rate_class;
    ++c.accounts;
    c.before += impact.before;
    c.after += impact.after;
    if (impact.percent) percents.push_back(*impact.percent);
    if (!impact.change.is_zero() && named_unchanged(a, options)) out.unexpected.push_back(impact);
    impacts.push_back(std::move(impact));
  }
  out.change = out.after - out.before;
  out.percent = percent_change(out.before, out.after);
  if (options.revenue_target) {
    out.target = options.revenue_target;
    const Decimal scaled = out.before * *options.revenue_target;
    out.target_revenue = (out.before + Decimal(scaled.coefficient(), scaled.scale() + 2)).rounded(2, RoundingMode::half_even);
    out.from_target = out.after - *out.target_revenue;
  }
  for (auto& [name, c] : classes) {
    c.change = c.after - c.before;
    c.percent = percent_change(c.before, c.after);
    out.by_class.push_back(c);
  }
  std::sort(percents.begin(), percents.end());
  out.with_percent = percents.size();
  if (!percents.empty())
    for (int p : {0, 5, 25, 50, 75, 95, 100}) out.percentiles[p] = percentile(percents, p);
  out.histogram = histogram(percents, options.bin_width);

  std::vector<AccountImpact> up, down;
  for (const auto& i : impacts) {
    if (i.change.sign() > 0) up.push_back(i);
    if (i.change.sign() < 0) down.push_back(i);
  }
  std::sort(up.begin(), up.end(), [](const AccountImpact& a, const AccountImpact& b) { return a.change != b.change ? a.change > b.change : a.id < b.id; });
  std::sort(down.begin(), down.end(), [](const AccountImpact& a, const AccountImpact& b) { return a.change != b.change ? a.change < b.change : a.id < b.id; });
  if (up.size() > options.top) up.resize(options.top);
  if (down.size() > options.top) down.resize(options.top);
  out.increases = std::move(up);
  out.decreases = std::move(down);
  return out;
}

}  // namespace rateline
