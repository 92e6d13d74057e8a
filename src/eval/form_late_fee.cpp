// eval/form_late_fee.cpp — bill_late_fee(lines): a late fee once per bill, at the rate in force on its last day (eval/late_payment.hpp has the rule).
#include "eval/charge_forms.hpp"
#include "eval/late_payment.hpp"
#include "eval/pricing.hpp"

#include <algorithm>

namespace rateline::eval {

void bill_late_fee(ChargeLines& lines) {
  auto& run = lines.run;
  const auto& c = lines.segment;
  if (std::chrono::sys_days{c.to} != std::chrono::sys_days{c.period.to}) return;
  auto rate = flat_price(run, c, lines.charge);
  if (!rate) return;
  auto fee = assess_late_fee(lines.charge, *rate, run.account, c.period.to, run.t.info.currency, run.trace.explains());
  if (!fee) return;
  auto& li = lines.add(Context{});
  li.quantity = fee->quantity;
  li.unit = fee->unit;
  li.rate = *rate;
  append_steps(li.trace, fee->trace);
  lines.finish(li, fee->amount);
}

bool BillRun::past_due_state_ok(std::size_t bill_count) {
  auto has_late_fee = [](const std::vector<graph::Charge>& charges) {
    return std::any_of(charges.begin(), charges.end(), [](const graph::Charge& ch) { return ch.form == graph::Form::late_fee; });
  };
  bool any = has_late_fee(t.charges);
  for (auto& r : t.revisions) any = any || has_late_fee(r.charges);
  if (!any) return true;
  auto problems = past_due_problems(account, bill_count, t.info.currency);
  findings.diagnostics.insert(findings.diagnostics.end(), problems.begin(), problems.end());
  return problems.empty();
}

}  // namespace rateline::eval
