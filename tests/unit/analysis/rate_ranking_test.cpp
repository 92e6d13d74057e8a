// Ranking rates for one customer (src/analysis/rate_ranking.cpp): order, ties, the months
// that drive the difference, rates that could not bill.
#include "rateline/analysis.hpp"

#include <doctest/doctest.h>

using namespace std::chrono;
using rateline::Decimal;

namespace {

rateline::RateBills rate(const char* name, std::vector<const char*> totals) {
  rateline::BillSeries series;
  auto periods = rateline::monthly_periods(2024y / January / 1d, 2024y / January / 1d + months{static_cast<int>(totals.size())});
  for (std::size_t i = 0; i < totals.size(); ++i) {
    rateline::Bill b;
    b.period = periods[i];
    b.total = Decimal::parse(totals[i]).value();
    series.total += b.total;
    series.bills.push_back(b);
  }
  return {name, series, {}};
}

}  // namespace

TEST_CASE("rank_rates: cheapest first, ties in the order given, the months of half the difference") {
  auto flat = rate("flat", {"50.00", "50.00", "50.00", "50.00"});
  auto tou = rate("tou", {"40.00", "45.00", "70.00", "50.00"});   // 205.00: +5.00 over flat
  auto same = rate("same", {"50.00", "50.00", "50.00", "50.00"});
  rateline::RateBills broken{"broken", std::nullopt, {rateline::Diagnostic{rateline::Severity::error, "E0301", "a $/kW price cannot apply to energy (kWh)", {}, ""}}};
  auto ranking = rateline::rank_rates({tou, flat, broken, same});
  REQUIRE(ranking.ranked.size() == 3);
  CHECK(ranking.ranked[0].rate == 1);   // flat
  CHECK(ranking.ranked[1].rate == 3);   // same: a tie keeps the order given
  CHECK(ranking.ranked[2].rate == 0);
  CHECK(ranking.ranked[2].above_cheapest == Decimal(5));
  CHECK(ranking.ranked[2].percent_above->to_string() == "2.50");
  CHECK(ranking.unbilled == std::vector<std::size_t>{2});
  // #1 and #2 cost the same each month: no driver.
  for (const auto& m : ranking.months) CHECK_FALSE(m.driver);
  CHECK(rateline::format_ranking_table(ranking).find("#1 and #2 cost the same") != std::string::npos);
  CHECK(rateline::format_ranking_table(ranking).find("broken: E0301: a $/kW price") != std::string::npos);

  auto two = rateline::rank_rates({rate("a", {"10", "30", "10", "10"}), rate("b", {"12", "10", "9", "20"})});
  // b − a by month: +2, −20, −1, +10; annual −9 -> a is dearer: ranked b first, then a.
  REQUIRE(two.ranked[0].rate == 1);
  // a − b: −2, +20, +1, −10 = +9; half is 4.5: March (20) alone is enough.
  CHECK(two.months[1].driver);
  CHECK_FALSE(two.months[0].driver);
  CHECK_FALSE(two.months[2].driver);
  CHECK_FALSE(two.months[3].driver);
  CHECK(two.months[1].share->to_string() == "222.2");
}
