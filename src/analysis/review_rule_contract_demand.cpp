// Rule over_contract_demand: billed demand above the account's contract demand (plus the
// class's tolerance): the contract, or the meter, needs checking.
#include "analysis/review_rules.hpp"

namespace rateline::analysis_detail {

std::vector<std::string> check_contract_demand(const RuleContext& c) {
  if (!c.bill.demand || !c.account.contract_demand) return {};
  const Decimal scaled = *c.account.contract_demand * c.limits.demand_tolerance;
  const Decimal limit = *c.account.contract_demand + Decimal(scaled.coefficient(), scaled.scale() + 2);
  if (*c.bill.demand <= limit) return {};
  return {"demand " + c.bill.demand->to_string() + " kW is above the contract demand " + c.account.contract_demand->to_string() + " kW" +
          (c.limits.demand_tolerance.is_zero() ? "" : " + " + c.limits.demand_tolerance.to_string() + "%")};
}

}  // namespace rateline::analysis_detail
