// Rule negative_total: a bill that pays the customer (credits above charges) needs a look.
#include "analysis/review_rules.hpp"

namespace rateline::analysis_detail {

std::vector<std::string> check_negative_total(const RuleContext& c) {
  if (!c.bill.total.is_negative()) return {};
  return {"the total " + c.bill.total.to_string() + " is below zero"};
}

}  // namespace rateline::analysis_detail
