// Late fees (eval/late_payment.hpp). Dates are whole local days; "more than N days after
// the due date" means the payment (or the bill's date, unpaid) is on due + N + 1 or later.
#include "eval/late_payment.hpp"

#include "core/plural.hpp"

#include "eval/money_text.hpp"

#include "rateline/calendar.hpp"

#include <cstdio>

namespace rateline::eval {

namespace {

using namespace std::chrono;



void error(std::vector<Diagnostic>& out, std::string code, std::string message, std::string hint) {
  out.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
}

}  // namespace

std::vector<Diagnostic> past_due_problems(const Account& a, std::size_t bills, std::string_view currency) {
  std::vector<Diagnostic> out;
  auto money = [symbol = currency_symbol(currency)](const Decimal& d) { return symbol + d.to_string(); };
  if (!a.past_due) {
    if (a.due_date || a.paid_on)
      error(out, "B0031", std::string("the account gives a ") + (a.due_date ? "due date" : "payment date") + " but no past-due balance",
            "give the balance that was due (--past-due 120.00), or leave the dates out");
    return out;
  }
  if (a.past_due->is_negative()) {
    error(out, "B0032", "the account's past-due balance is negative (" + a.past_due->to_string() + ")",
          "a credit balance is not past due: leave the past-due balance out");
    return out;
  }
  if (a.past_due->is_zero()) return out;
  if (!a.due_date)
    error(out, "B0030", "the account has a past-due balance of " + money(*a.past_due) + " but no due date, which the tariff's late fee needs",
          "give the day the balance was due (--due-date YYYY-MM-DD)");
  if (bills > 1)
    error(out, "B0033", "the account's past-due balance belongs to one bill, but this run makes " + std::to_string(bills),
          "bill the period that carries the late fee on its own");
  return out;
}

std::optional<LateFee> assess_late_fee(const graph::Charge& ch, const Decimal& rate, const Account& a, year_month_day bill_date,
                                      std::string_view currency, bool trace) {
  const std::string symbol = currency_symbol(currency);
  auto money = [&](const Decimal& d) { return symbol + d.to_string(); };
  if (!a.past_due || a.past_due->sign() <= 0 || !a.due_date) return std::nullopt;
  const Decimal& balance = *a.past_due;
  if (ch.not_under && balance < *ch.not_under) return std::nullopt;
  const bool paid = a.paid_on.has_value();
  const year_month_day when = paid ? *a.paid_on : bill_date;
  const auto days_late = (sys_days{when} - sys_days{*a.due_date}).count();
  if (days_late <= ch.grace_days) return std::nullopt;

  LateFee fee;
  if (trace) {
    fee.trace.push_back("past-due balance " + money(balance) + ", due " + format_date(*a.due_date) +
                        (ch.not_under ? " (late fees apply from " + money(*ch.not_under) + ")" : ""));
    fee.trace.push_back((paid ? "paid " + format_date(when) : "unpaid on " + format_date(when) + ", the bill's date") + ": " +
                        count_of(days_late, "day") + " after the due date, more than the " + std::to_string(ch.grace_days) +
                        " the tariff allows");
  }
  if (ch.unit != Unit::percent) {
    fee.quantity = Decimal(1);
    fee.unit = "bill";
    fee.amount = rate;
    if (trace) fee.trace.push_back("1 bill × " + money(rate) + " = " + money(rate));
    return fee;
  }
  fee.quantity = balance;
  fee.unit = symbol;
  Decimal amount = (balance * rate).divided_by(Decimal(100), balance.scale() + rate.scale() + 2, RoundingMode::half_even);
  if (trace) fee.trace.push_back(money(balance) + " × " + rate.to_string() + " % = " + money(amount));
  if (ch.at_most && amount > *ch.at_most) {
    if (trace) fee.trace.push_back(money(amount) + " capped at " + money(*ch.at_most));
    amount = *ch.at_most;
  }
  if (ch.at_least && amount < *ch.at_least) {
    if (trace) fee.trace.push_back(money(amount) + " raised to the floor " + money(*ch.at_least));
    amount = *ch.at_least;
  }
  fee.amount = amount;
  return fee;
}

}  // namespace rateline::eval
