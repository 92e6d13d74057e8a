// The review rule table (review_rules.hpp): the order here is the order of a bill's flags.
#include "analysis/review_rules.hpp"

namespace rateline::analysis_detail {

const std::vector<ReviewRule>& rule_table() {
  static const std::vector<ReviewRule> table = {
      {"amount_vs_history", "total more than high_percent above or low_percent below the average of the last average_of bills, or the same month last year",
       check_amount_against_history},
      {"usage_vs_history", "usage more than high_percent above or low_percent below the average of the last average_of bills, or the same month last year",
       check_usage_against_history},
      {"zero_usage", "zero usage on an active account", check_zero_usage},
      {"negative_total", "a total below zero", check_negative_total},
      {"estimated_streak", "a bill from estimated reads after estimated_after estimated bills in a row", check_estimated_streak},
      {"over_contract_demand", "billed demand above the account's contract demand (plus demand_tolerance_percent)", check_contract_demand},
  };
  return table;
}

}  // namespace rateline::analysis_detail

namespace rateline {

std::vector<ReviewRuleInfo> review_rules() {
  std::vector<ReviewRuleInfo> out;
  for (const auto& r : analysis_detail::rule_table()) out.push_back({r.code, r.description});
  return out;
}

}  // namespace rateline
