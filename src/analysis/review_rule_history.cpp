// Rules amount_vs_history and usage_vs_history: a bill's total or usage against the
// average of the account's last N bills and against the same month a year earlier.
#include "analysis/review_rules.hpp"
#include "analysis/text_util.hpp"
#include "core/plural.hpp"
#include "rateline/analysis.hpp"

#include <cstdlib>
#include <functional>

namespace rateline::analysis_detail {

namespace {

using Measure = std::function<std::optional<Decimal>(const BillRecord&)>;

// "412.50 is +180.30% against ..." when the change passes the thresholds.
std::optional<std::string> compare(const Decimal& value, const Decimal& reference, const Decimal& min_change, const ReviewThresholds& t,
                                   const std::string& what, const std::string& against) {
  auto pct = percent_change(reference, value);
  if (!pct || (value - reference).abs() < min_change) return std::nullopt;
  if (*pct < t.high_percent && *pct > -t.low_percent) return std::nullopt;
  return what + " " + value.to_string() + " is " + signed_text(pct->to_string()) + "% against " + against + " " + reference.to_string();
}

int days(const BillRecord& b) { return b.period.days(); }

// Per day, for a bill whose length differs from its references' (a first or final bill).
Decimal per_day(const Decimal& v, int n) { return v.divided_by(Decimal(std::max(n, 1)), 4, RoundingMode::half_even); }

constexpr int kSameLengthDays = 3;   // bills within 3 days of each other compare as they are

std::vector<std::string> against_history(const RuleContext& c, const Measure& measure, const Decimal& min_change, const std::string& what) {
  std::vector<std::string> out;
  auto value = measure(c.bill);
  if (!value) return out;
  const ReviewThresholds& t = c.limits;
  std::vector<const BillRecord*> last;
  for (auto it = c.earlier.rbegin(); it != c.earlier.rend() && last.size() < static_cast<std::size_t>(t.average_of); ++it)
    if (measure(**it)) last.push_back(*it);
  if (!last.empty() && last.size() >= static_cast<std::size_t>(t.min_history)) {
    bool daily = false;
    for (const BillRecord* b : last) daily = daily || std::abs(days(*b) - days(c.bill)) > kSameLengthDays;
    Decimal sum;
    for (const BillRecord* b : last) sum += daily ? per_day(*measure(*b), days(*b)) : *measure(*b);
    const int places = daily ? 4 : std::max(2, value->scale());
    const Decimal average = sum.divided_by(Decimal(static_cast<std::int64_t>(last.size())), places, RoundingMode::half_even);
    const Decimal mine = daily ? per_day(*value, days(c.bill)) : *value;
    const std::string n = count_of(static_cast<long long>(last.size()), "bill");
    if (auto reason = compare(mine, average, daily ? Decimal(0) : min_change, t, daily ? what + " per day" : what,
                              daily ? "the average per day of the last " + n : "the average of the last " + n))
      out.push_back(*reason);
  }
  if (t.same_month_last_year) {
    const auto year_ago = c.bill.period.from - std::chrono::years{1};
    for (const BillRecord* b : c.earlier) {
      if (b->period.from != year_ago) continue;
      const bool daily = std::abs(days(*b) - days(c.bill)) > kSameLengthDays;
      if (auto v = measure(*b))
        if (auto reason = compare(daily ? per_day(*value, days(c.bill)) : *value, daily ? per_day(*v, days(*b)) : *v, daily ? Decimal(0) : min_change,
                                  t, daily ? what + " per day" : what, "the bill of " + format_day(year_ago).substr(0, 7) + ","))
          out.push_back(*reason);
      break;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> check_amount_against_history(const RuleContext& c) {
  return against_history(c, [](const BillRecord& b) { return std::optional<Decimal>(b.total); }, c.limits.min_amount, "total");
}

std::vector<std::string> check_usage_against_history(const RuleContext& c) {
  return against_history(c, [](const BillRecord& b) { return b.usage; }, Decimal(0), "usage");
}

}  // namespace rateline::analysis_detail
