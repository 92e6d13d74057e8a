// The checks of check/late_fee_rules.hpp. The late fee's billing rule is in
// docs/language.md, "Late payment charges"; eval/late_payment.cpp applies it.
#include "check/late_fee_rules.hpp"

#include <variant>

namespace rateline::check {

namespace {

const char* kShape = "write `late_fee late \"Late Payment Charge\": 1.5 % of past_due, after 20 days` or a flat `5.00 $/bill, after 20 days`";

void add(std::vector<Diagnostic>& out, std::string code, std::string message, Span span, std::string hint = "") {
  out.push_back({Severity::error, std::move(code), std::move(message), std::move(span), std::move(hint)});
}

bool is_money(const syntax::Price& p) { return !p.percent && p.per.empty() && !p.amount.is_negative(); }

}  // namespace

std::vector<Diagnostic> check_late_fee_terms(const syntax::ChargeDecl& c) {
  std::vector<Diagnostic> out;
  if (c.kind != syntax::ChargeKind::late_fee) {
    if (c.grace_days)
      add(out, "E0912", "`after ... days` is a late fee's term, and `" + c.id.text + "` is not a late fee", c.grace_span,
          "declare the charge with `late_fee` if it is charged on late payment");
    if (c.not_under)
      add(out, "E0912", "`not under` is a late fee's term, and `" + c.id.text + "` is not a late fee", c.not_under->span,
          "declare the charge with `late_fee` if it is charged on late payment");
    for (auto& name : c.of)
      if (name.text == "past_due")
        add(out, "E0913", "only a late fee is charged on `past_due`, the account's past-due balance", name.span,
            "declare it `late_fee " + c.id.text + " ...: 1.5 % of past_due, after 20 days`");
    return out;
  }
  if (c.on) add(out, "E0910", "a late fee is charged on the past-due balance, not on `" + c.on->name.text + "`", c.on->name.span, kShape);
  const auto* price = std::get_if<syntax::Price>(&c.pricing.node);
  if (!price) {
    add(out, "E0910", "a late fee has one rate: a percentage of `past_due` or an amount per bill", c.pricing.span, kShape);
  } else if (price->percent) {
    bool past_due_only = c.of.size() == 1 && c.of.front().text == "past_due";
    if (c.of.empty())
      add(out, "E0910", "a late fee's percentage needs its base: `of past_due`", price->span, kShape);
    else if (!past_due_only)
      add(out, "E0910", "a late fee is a percentage of `past_due` only, the account's past-due balance", c.of_span,
          "taxes and riders on this bill are not overdue; name `past_due` alone");
    if (price->amount.sign() <= 0 || price->amount > Decimal(100))
      add(out, "E0910", "a late fee's percentage is above 0 and at most 100 %", price->span);
  } else {
    bool per_bill = price->per.size() == 1 && price->per.front().text == "bill";
    if (!c.of.empty())
      add(out, "E0910", "a late fee in money is charged once per bill and has no base", c.of_span,
          "for a percentage of the balance write `1.5 % of past_due`");
    else if (!per_bill || price->amount.sign() <= 0)
      add(out, "E0910", "a flat late fee is a positive amount per bill, e.g. `5.00 $/bill`", price->unit_span, kShape);
  }
  if (!c.grace_days) {
    add(out, "E0911", "the late fee does not say how many days after the due date it applies", c.id.span,
        "add `after N days` as the rate sheet states it, e.g. `after 20 days`; `after 0 days` charges it from the day after the due date");
  } else if (c.grace_days->is_negative() || c.grace_days->normalized().scale() > 0 || *c.grace_days > Decimal(3650)) {
    add(out, "E0912", "`after` takes a whole number of days, from 0 to 3650", c.grace_span);
  }
  if (c.not_under && !is_money(*c.not_under))
    add(out, "E0912", "`not under` takes an amount of money, e.g. `10.00 $`", c.not_under->span,
        "balances under it pay no late fee");
  return out;
}

}  // namespace rateline::check
