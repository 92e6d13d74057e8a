// review_rules.hpp — the review rule table: each rule a row (code, what it flags, check)
// and a file of its own (review_rule_*.cpp). A new rule is a new file and a new row.
//
//   for (const ReviewRule& rule : rule_table())
//     for (auto& reason : rule.check(context)) flags.push_back({..., std::string(rule.code), reason});
#pragma once

#include "rateline/review.hpp"

#include <string>
#include <vector>

namespace rateline::analysis_detail {

/// What a rule sees of one bill.
struct RuleContext {
  const BillRecord& bill;
  const ReviewAccount& account;
  const std::vector<const BillRecord*>& earlier;   ///< the account's bills ending on or before this one starts, oldest first
  const ReviewThresholds& limits;
};

/// Reasons the bill must be looked at (empty: nothing found).
using RuleCheck = std::vector<std::string> (*)(const RuleContext&);

struct ReviewRule {
  std::string_view code;
  std::string_view description;
  RuleCheck check;
};

const std::vector<ReviewRule>& rule_table();

std::vector<std::string> check_amount_against_history(const RuleContext& context);
std::vector<std::string> check_usage_against_history(const RuleContext& context);
std::vector<std::string> check_zero_usage(const RuleContext& context);
std::vector<std::string> check_negative_total(const RuleContext& context);
std::vector<std::string> check_estimated_streak(const RuleContext& context);
std::vector<std::string> check_contract_demand(const RuleContext& context);

}  // namespace rateline::analysis_detail
