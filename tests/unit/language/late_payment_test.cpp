// Late payment charges, billed from the account's past-due state (docs/language.md, "Late
// payment charges"). The sheet line under test:
//
//   "Late Payment Charge: 1.5% of the unpaid past-due balance, $5.00 minimum, applied when
//    payment is not received within 20 days of the due date. Not applied to balances
//    under $10.00."
//
// Usage: July 2024 in America/New_York, 1 kWh every hour (744 kWh). The bill is made on
// its `to` date, 2024-08-01. Charges without the fee: basic $10.00 + energy 744 × $0.10 =
// $74.40, so a 6 % tax `of all` is 6 % × 84.40 = 5.064 → $5.06 whatever the late fee.
#include <doctest/doctest.h>

#include "rateline/report.hpp"
#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::graph_of;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

const char* kSheet = R"(
    charge basic "Customer Charge": 10.00 $/month
    charge energy "Energy Charge" on energy: 0.10 $/kWh
    late_fee late "Late Payment Charge": 1.5 % of past_due, at least 5.00 $, after 20 days, not under 10.00 $
    tax sales "Sales Tax": 6 % of all)";

IntervalUsage july() {
  return usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](auto, auto) { return 1; });
}

Account past_due(const char* balance, std::chrono::year_month_day due, std::optional<std::chrono::year_month_day> paid = std::nullopt) {
  Account a;
  a.past_due = Decimal::parse(balance).value();
  a.due_date = due;
  a.paid_on = paid;
  return a;
}

Bill july_bill(const RateGraph& g, const Account& account, bool trace = false) {
  BillOptions options;
  options.trace = trace;
  return bill_or_fail(g, july(), ymd(2024, 7, 1), ymd(2024, 8, 1), account, options);
}

std::vector<std::string> codes(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (auto& d : diagnostics) out.push_back(d.code + " " + d.message);
  return out;
}

}  // namespace

TEST_CASE("late fee: paid 25 days after the due date is late, the tax of all leaves it out") {
  auto g = graph_of(kSheet);
  // $500.00 due 2024-06-20, paid 2024-07-15: 25 days after, more than 20 → 1.5 % × 500.00 = $7.50 (above the $5.00 floor)
  auto b = july_bill(g, past_due("500.00", ymd(2024, 6, 20), ymd(2024, 7, 15)));
  auto* late = find_item(b, "late");
  REQUIRE(late != nullptr);
  CHECK(late->kind == LineKind::late_fee);
  CHECK(late->quantity.to_string() == "500.00");
  CHECK(late->unit == "$");
  CHECK(late->rate.to_string() == "1.5");
  CHECK(late->rate_unit == "%");
  CHECK(late->amount.to_string() == "7.50");
  CHECK(find_item(b, "sales")->quantity.to_string() == "84.40");   // 10.00 + 74.40: not the late fee
  CHECK(find_item(b, "sales")->amount.to_string() == "5.06");      // 6 % × 84.40 = 5.064
  CHECK(b.total.to_string() == "96.96");                           // 10.00 + 74.40 + 7.50 + 5.06
}

TEST_CASE("late fee: unpaid on the bill's date, with the $5.00 floor") {
  auto g = graph_of(kSheet);
  // $120.00 due 2024-06-20, unpaid on 2024-08-01: 42 days after → 1.5 % × 120.00 = $1.80, raised to $5.00
  auto b = july_bill(g, past_due("120.00", ymd(2024, 6, 20)), true);
  auto* late = find_item(b, "late");
  REQUIRE(late != nullptr);
  CHECK(late->unrounded.to_string() == "5.00");
  CHECK(late->amount.to_string() == "5.00");
  CHECK(b.total.to_string() == "94.46");   // 10.00 + 74.40 + 5.00 + 5.06
  std::string trace;
  for (auto& line : late->trace) trace += line + "\n";
  CHECK(trace.find("past-due balance $120.00, due 2024-06-20 (late fees apply from $10.00)\n") != std::string::npos);
  CHECK(trace.find("unpaid on 2024-08-01, the bill's date: 42 days after the due date, more than the 20 the tariff allows\n") != std::string::npos);
  CHECK(trace.find("$120.00 × 1.5 % = $1.80000\n") != std::string::npos);
  CHECK(trace.find("$1.80000 raised to the floor $5.00\n") != std::string::npos);
}

TEST_CASE("late fee: exactly 20 days after the due date is in time, 21 is late") {
  auto g = graph_of(kSheet);
  // 2024-07-10 − 2024-06-20 = 20 days: not more than 20 → no line, total 10.00 + 74.40 + 5.06 = 89.46
  auto in_time = july_bill(g, past_due("500.00", ymd(2024, 6, 20), ymd(2024, 7, 10)));
  CHECK(find_item(in_time, "late") == nullptr);
  CHECK(in_time.total.to_string() == "89.46");
  // 2024-07-11: 21 days → 1.5 % × 500.00 = $7.50
  auto late = july_bill(g, past_due("500.00", ymd(2024, 6, 20), ymd(2024, 7, 11)));
  REQUIRE(find_item(late, "late") != nullptr);
  CHECK(find_item(late, "late")->amount.to_string() == "7.50");
  // paid before the due date: never late
  CHECK(find_item(july_bill(g, past_due("500.00", ymd(2024, 6, 20), ymd(2024, 6, 1))), "late") == nullptr);
  // unpaid, but the bill is made 2024-08-01 and the balance was due 2024-07-15: 17 days, not yet late
  CHECK(find_item(july_bill(g, past_due("500.00", ymd(2024, 7, 15))), "late") == nullptr);
}

TEST_CASE("late fee: balances under `not under` pay none, no past-due state, no fee") {
  auto g = graph_of(kSheet);
  CHECK(find_item(july_bill(g, past_due("9.99", ymd(2024, 6, 20))), "late") == nullptr);
  // exactly $10.00 is not under: 1.5 % × 10.00 = $0.15, raised to $5.00
  auto at_threshold = july_bill(g, past_due("10.00", ymd(2024, 6, 20)));
  REQUIRE(find_item(at_threshold, "late") != nullptr);
  CHECK(find_item(at_threshold, "late")->amount.to_string() == "5.00");
  // a zero balance needs no due date and carries no fee
  CHECK(find_item(july_bill(g, past_due("0", ymd(2024, 6, 20))), "late") == nullptr);
  auto none = july_bill(g, Account{});
  CHECK(find_item(none, "late") == nullptr);
  CHECK(none.total.to_string() == "89.46");
}

TEST_CASE("late fee: a tax that names the late fee taxes it, a cap, the rate rounds half up") {
  auto g = graph_of(R"(
    charge basic "Customer Charge": 10.00 $/month
    late_fee late "Late Payment Charge": 1.5 % of past_due, at most 25.00 $, after 20 days
    tax late_tax "Tax on Late Charges": 6 % of late)");
  // $333.33 unpaid 42 days: 1.5 % × 333.33 = 4.99995 → $5.00 (half up); tax 6 % × 5.00 = $0.30
  auto b = july_bill(g, past_due("333.33", ymd(2024, 6, 20)));
  CHECK(find_item(b, "late")->unrounded.to_string() == "4.99995");
  CHECK(find_item(b, "late")->amount.to_string() == "5.00");
  CHECK(find_item(b, "late_tax")->amount.to_string() == "0.30");
  CHECK(b.total.to_string() == "15.30");   // 10.00 + 5.00 + 0.30
  // $2,000.00: 1.5 % = 30.00, capped at $25.00; tax 6 % × 25.00 = $1.50
  auto capped = july_bill(g, past_due("2000.00", ymd(2024, 6, 20)));
  CHECK(find_item(capped, "late")->amount.to_string() == "25.00");
  CHECK(capped.total.to_string() == "36.50");   // 10.00 + 25.00 + 1.50
}

TEST_CASE("late fee: a flat amount per bill") {
  // "A late charge of $5.00 will be applied to any bill not paid by its due date."
  auto g = graph_of(R"(
    charge basic "Customer Charge": 10.00 $/month
    late_fee late "Late Charge": 5.00 $/bill, after 0 days)");
  auto late = july_bill(g, past_due("42.17", ymd(2024, 6, 20), ymd(2024, 6, 21)));   // one day after the due date
  REQUIRE(find_item(late, "late") != nullptr);
  CHECK(find_item(late, "late")->quantity.to_string() == "1");
  CHECK(find_item(late, "late")->unit == "bill");
  CHECK(find_item(late, "late")->amount.to_string() == "5.00");
  CHECK(late.total.to_string() == "15.00");
  CHECK(find_item(july_bill(g, past_due("42.17", ymd(2024, 6, 20), ymd(2024, 6, 20))), "late") == nullptr);   // paid on the day
}

TEST_CASE("late fee: once per bill when a revision splits the period, at the rate in force at its end") {
  auto g = graph_of(std::string(kSheet) + R"(
    revision 2024-07-16 {
      late_fee late "Late Payment Charge": 2 % of past_due, at least 5.00 $, after 20 days, not under 10.00 $
    })");
  // the July bill has segments Jul 1-15 and Jul 16-31; the fee is on the last: 2 % × 500.00 = $10.00
  auto b = july_bill(g, past_due("500.00", ymd(2024, 6, 20), ymd(2024, 7, 15)));
  int lines = 0;
  for (auto& li : b.line_items)
    if (li.kind == LineKind::late_fee) {
      ++lines;
      CHECK(li.amount.to_string() == "10.00");
      CHECK(li.version == "2024-07-16");
    }
  CHECK(lines == 1);
}

TEST_CASE("late fee: the account's past-due state must be whole, positive and for one bill") {
  auto g = graph_of(kSheet);
  auto run = [&](const Account& a, std::vector<BillingPeriod> periods = {{ymd(2024, 7, 1), ymd(2024, 8, 1)}}) {
    return codes(bill_periods(g, july(), periods, a, BillOptions{}).diagnostics);
  };
  Account no_date;
  no_date.past_due = Decimal::parse("120.00").value();
  CHECK(run(no_date) == std::vector<std::string>{
                            "B0030 the account has a past-due balance of $120.00 but no due date, which the tariff's late fee needs"});
  Account no_balance;
  no_balance.due_date = ymd(2024, 6, 20);
  CHECK(run(no_balance) == std::vector<std::string>{"B0031 the account gives a due date but no past-due balance"});
  Account paid_only;
  paid_only.paid_on = ymd(2024, 7, 1);
  CHECK(run(paid_only) == std::vector<std::string>{"B0031 the account gives a payment date but no past-due balance"});
  CHECK(run(past_due("-5.00", ymd(2024, 6, 20))) == std::vector<std::string>{"B0032 the account's past-due balance is negative (-5.00)"});
  CHECK(run(past_due("120.00", ymd(2024, 6, 20)), {{ymd(2024, 7, 1), ymd(2024, 7, 16)}, {ymd(2024, 7, 16), ymd(2024, 8, 1)}}) ==
        std::vector<std::string>{"B0033 the account's past-due balance belongs to one bill, but this run makes 2"});
  // a tariff without a late fee does not look at the past-due state
  auto plain = graph_of(R"(charge basic "Customer Charge": 10.00 $/month)");
  auto result = bill(plain, july(), BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, no_date, BillOptions{});
  CHECK(result.bill.has_value());
}

TEST_CASE("late fee: JSON carries it as a line item of kind late_fee") {
  auto g = graph_of(kSheet);
  auto json = format_json(july_bill(g, past_due("500.00", ymd(2024, 6, 20), ymd(2024, 7, 15))));
  CHECK(json.find("\"kind\": \"late_fee\"") != std::string::npos);
  CHECK(json.find("\"amount\": \"7.50\"") != std::string::npos);
}
