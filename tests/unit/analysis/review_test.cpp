// Bill review (src/analysis/review*.cpp): each rule on small hand-made histories, the
// thresholds file and its mistakes.
#include "rateline/review.hpp"

#include <doctest/doctest.h>

using namespace std::chrono;
using rateline::Decimal;

namespace {

rateline::BillRecord bill(const char* account, int month, const char* total, const char* usage = "500", bool estimated = false) {
  rateline::BillRecord b;
  b.account = account;
  b.period = {2024y / month / 1d, 2024y / month / 1d + months{1}};
  b.total = Decimal::parse(total).value();
  b.usage = Decimal::parse(usage).value();
  b.estimated = estimated;
  return b;
}

std::vector<std::string> rules_of(const rateline::ReviewResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.flags) out.push_back(f.rule);
  return out;
}

}  // namespace

TEST_CASE("review: a bill against the average of the last N bills") {
  std::vector<rateline::ReviewAccount> accounts{{"A", "R", true, std::nullopt}};
  std::vector<rateline::BillRecord> history{bill("A", 1, "100.00"), bill("A", 2, "100.00"), bill("A", 3, "100.00")};
  auto quiet = rateline::review_bills(accounts, history, {bill("A", 4, "140.00")}, rateline::ReviewConfig{});
  CHECK(quiet.flags.empty());
  auto high = rateline::review_bills(accounts, history, {bill("A", 4, "150.00")}, rateline::ReviewConfig{});
  REQUIRE(high.flags.size() == 1);
  CHECK(high.flags[0].reason == "total 150.00 is +50.00% against the average of the last 3 bills 100.00");
  rateline::ReviewConfig few;
  few.defaults.min_history = 4;
  CHECK(rateline::review_bills(accounts, history, {bill("A", 4, "150.00")}, few).flags.empty());
  rateline::ReviewConfig big;
  big.defaults.min_amount = Decimal(60);
  CHECK(rateline::review_bills(accounts, history, {bill("A", 4, "150.00")}, big).flags.empty());
}

TEST_CASE("review: zero usage, negative total, estimated streak, contract demand") {
  std::vector<rateline::ReviewAccount> accounts{{"A", "R", true, Decimal(100)}, {"B", "R", false, std::nullopt}};
  std::vector<rateline::BillRecord> history{bill("A", 1, "100", "500", true), bill("A", 2, "100", "500", true)};
  auto now = bill("A", 3, "-5.00", "0", true);
  now.demand = Decimal::parse("100.1").value();
  auto r = rateline::review_bills(accounts, history, {now, bill("B", 3, "20.00", "0")}, rateline::ReviewConfig{});
  CHECK(rules_of(r) == std::vector<std::string>{"zero_usage", "negative_total", "estimated_streak", "over_contract_demand"});
  CHECK(r.bills == 2);
  CHECK(r.flagged_bills == 1);   // B is not active: its zero usage is expected
  CHECK(rateline::format_review_csv(r).find("A,2024-03-01,2024-04-01,-5.00,negative_total,the total -5.00 is below zero\n") != std::string::npos);
}

TEST_CASE("review config: defaults, class sections from [default], mistakes by line") {
  auto ok = rateline::read_review_config("# thresholds\n[default]\nhigh_percent = 30\n\n[GS]\naverage_of = 12 # a year\n", "r.conf");
  REQUIRE(ok.config);
  CHECK(ok.config->defaults.high_percent == Decimal(30));
  CHECK(ok.config->for_class("GS").high_percent == Decimal(30));
  CHECK(ok.config->for_class("GS").average_of == 12);
  CHECK(ok.config->for_class("R").average_of == 6);
  auto bad = rateline::read_review_config("[default]\nhigh = 30\naverage_of = 1.5\n", "r.conf");
  CHECK_FALSE(bad.config);
  REQUIRE(bad.diagnostics.size() == 2);
  CHECK(rateline::render(bad.diagnostics[0]).rfind("r.conf:2:1: error[A0012]: unknown threshold `high`", 0) == 0);
  CHECK(rateline::render(bad.diagnostics[1]).rfind("r.conf:3:14: error[A0013]: `1.5` is not valid for average_of: expected a count of bills, 1..1000", 0) == 0);
}

TEST_CASE("bill records: columns by name, bad values named by file:line:col") {
  auto ok = rateline::read_bill_records("tariff,account,from,to,total,estimated\nR,A,2024-01-01,2024-02-01,10.00,E\n", "b.csv");
  REQUIRE(ok.records);
  CHECK((*ok.records)[0].estimated);
  CHECK_FALSE((*ok.records)[0].usage.has_value());
  auto missing = rateline::read_bill_records("account,from,to\n", "b.csv");
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(rateline::render(missing.diagnostics[0]).rfind("b.csv:1:1: error[A0001]: the header has no `total` column", 0) == 0);
  auto date = rateline::read_bill_records("account,from,to,total\nA,2024-13-01,2024-02-01,1\n", "b.csv");
  CHECK(rateline::render(date.diagnostics.at(0)).rfind("b.csv:2:3: error[A0002]: `2024-13-01` is not a date (from: YYYY-MM-DD)", 0) == 0);
}
