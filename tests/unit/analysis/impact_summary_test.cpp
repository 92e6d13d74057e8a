// A population's impact (src/analysis/impact_summary.cpp): only accounts billed on both
// sides enter a figure; the others are named; the summary says how many each covers.
#include "rateline/analysis.hpp"

#include <doctest/doctest.h>

using rateline::AccountStatus;
using rateline::Decimal;

namespace {

rateline::ComparedAccount account(const char* id, const char* cls, std::optional<const char*> before, std::optional<const char*> after) {
  rateline::ComparedAccount a;
  a.id = id;
  a.rate_class = cls;
  if (before) {
    a.before.present = true;
    if (**before) a.before.total = Decimal::parse(*before).value();
    else a.before.error = "U0003 gap in the usage";
  }
  if (after) {
    a.after.present = true;
    a.after.total = Decimal::parse(*after).value();
  }
  return a;
}

}  // namespace

TEST_CASE("summarize_impacts: missing and failed accounts are named, never in the totals") {
  std::vector<rateline::ComparedAccount> accounts = {
      account("A1", "R", "100.00", "110.00"), account("A2", "R", "50.00", "49.00"), account("A3", "GS", "0", "12.00"),
      account("A4", "R", std::nullopt, "80.00"),   // missing from the old run
      account("A5", "R", "", "75.00"),             // the old rate could not bill it
      account("A6", "GS", "200.00", std::nullopt), // missing from the new run
  };
  rateline::ImpactOptions options;
  options.revenue_target = Decimal::parse("5").value();
  options.unchanged_for = {{"", "GS"}};
  auto s = rateline::summarize_impacts(accounts, options);
  CHECK(s.accounts == 6);
  CHECK(s.compared == 3);
  CHECK(s.with_percent == 2);   // A3's old bill is 0: no percentage
  CHECK(s.by_status[AccountStatus::missing_before] == 1);
  CHECK(s.by_status[AccountStatus::failed_before] == 1);
  CHECK(s.by_status[AccountStatus::missing_after] == 1);
  CHECK(s.before.to_string() == "150.00");
  CHECK(s.after.to_string() == "171.00");
  CHECK(s.percent->to_string() == "14.00");
  CHECK(s.target_revenue->to_string() == "157.50");
  CHECK(s.from_target->to_string() == "13.50");
  REQUIRE(s.problems.size() == 3);
  CHECK(s.problems[0] == std::pair<std::string, std::string>{"A4", "not in the old rate's run"});
  CHECK(s.problems[1] == std::pair<std::string, std::string>{"A5", "old rate: U0003 gap in the usage"});
  CHECK(s.problems[2] == std::pair<std::string, std::string>{"A6", "not in the new rate's run"});
  REQUIRE(s.unexpected.size() == 1);
  CHECK(s.unexpected[0].id == "A3");
  CHECK(s.percentiles.at(0).to_string() == "-2.00");
  CHECK(s.percentiles.at(100).to_string() == "10.00");
  REQUIRE(s.by_class.size() == 2);
  CHECK(s.by_class[0].rate_class == "GS");
  CHECK(s.by_class[0].accounts == 1);
  const std::string csv = rateline::format_impacts_csv(accounts);
  CHECK(csv.find("A4,R,missing_old,,80.00,,,,,\n") != std::string::npos);
  CHECK(csv.find("A5,R,failed_old,,75.00,,,,,U0003 gap in the usage\n") != std::string::npos);
  CHECK(rateline::format_impact_summary_text(s).find("Revenue over the 3 compared accounts:") != std::string::npos);
}

TEST_CASE("summarize_impacts: a wide spread keeps 40 bins, the tails open") {
  std::vector<rateline::ComparedAccount> accounts;
  for (int i = 0; i < 100; ++i) {
    auto id = std::to_string(i);
    accounts.push_back(account(id.c_str(), "R", "100", std::to_string(100 + i * 3).c_str()));
  }
  auto s = rateline::summarize_impacts(accounts, rateline::ImpactOptions{});
  REQUIRE(s.histogram.size() <= 40);
  CHECK_FALSE(s.histogram.back().to.has_value());
  std::size_t total = 0;
  for (const auto& b : s.histogram) total += b.accounts;
  CHECK(total == 100);
}
