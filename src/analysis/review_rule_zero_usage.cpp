// Rule zero_usage: an active account billed for no usage (a stopped meter, a missed read).
#include "analysis/review_rules.hpp"

namespace rateline::analysis_detail {

std::vector<std::string> check_zero_usage(const RuleContext& c) {
  if (!c.account.active || !c.bill.usage || !c.bill.usage->is_zero()) return {};
  return {"zero usage on an active account"};
}

}  // namespace rateline::analysis_detail
