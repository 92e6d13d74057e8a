// The accounts table: columns, attributes, service dates, and every table error with its line.
#include <doctest/doctest.h>

#include "rateline/population.hpp"

#include <string>

namespace {

std::string rendered(const rateline::AccountsReadResult& r) {
  std::string text;
  for (auto& d : r.diagnostics) text += rateline::render(d);
  return text;
}

}  // namespace

TEST_CASE("population: an accounts table gives ids, tariffs, service dates, attributes and past-due state") {
  using namespace std::chrono;
  auto r = rateline::read_accounts_csv("# exported 2024-12-31\n"
                                       "Account,tariff,service_start,service_end,attr:location,attr:meter_size,past_due,due_date\n"
                                       "A1,willmar-residential,,,,5/8in,,\n"
                                       "A2,tariffs/peru-utilities-rs-1.tariff,2024-07-16,,inside_city,,120.00,2024-06-20\n"
                                       "\n"
                                       "\"A,3\",mayfield-residential,,2024-08-11,,,,\n",
                                       "accounts.csv");
  CHECK(rendered(r) == "");
  REQUIRE(r.table);
  const auto& a = r.table->accounts;
  REQUIRE(a.size() == 3);
  CHECK(a[0].account.id == "A1");
  CHECK(a[0].tariff == "willmar-residential");
  CHECK(a[0].line == 3);
  CHECK_FALSE(a[0].service_start);
  CHECK(a[0].account.attributes == std::map<std::string, std::string>{{"meter_size", "5/8in"}});  // empty cell: absent
  CHECK(a[1].service_start == 2024y / July / 16d);
  CHECK(a[1].account.attributes.at("location") == "inside_city");
  CHECK(a[1].account.past_due == rateline::Decimal::parse("120.00"));
  CHECK(a[1].account.due_date == 2024y / June / 20d);
  CHECK(a[2].account.id == "A,3");
  CHECK(a[2].service_end == 2024y / August / 11d);
  CHECK(a[2].line == 6);
}

TEST_CASE("population: a duplicate account id is an error naming both lines") {
  auto r = rateline::read_accounts_csv("account,tariff\nA1,rs\nA2,rs\nA1,rs\n", "accounts.csv");
  CHECK_FALSE(r.table);
  CHECK(rendered(r) ==
        "accounts.csv:4:1: error[P0007]: account A1 is listed twice (first on line 2)\n"
        " 4 | A1,rs\n"
        "   | ^^\n"
        "  hint: each account has one row; merge the two\n");
}

TEST_CASE("population: an unknown column is an error naming it") {
  auto r = rateline::read_accounts_csv("account,tariff,service_strat\nA1,rs,2024-01-01\n", "accounts.csv");
  CHECK_FALSE(r.table);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "P0003");
  CHECK(rendered(r).rfind("accounts.csv:1:16: error[P0003]: unknown column \"service_strat\"\n", 0) == 0);
}

TEST_CASE("population: a service end before (or on) its start is an error naming the line") {
  auto r = rateline::read_accounts_csv("account,tariff,service_start,service_end\nA1,rs,2024-07-16,2024-07-01\nA2,rs,2024-07-16,2024-07-16\n",
                                       "accounts.csv");
  CHECK_FALSE(r.table);
  REQUIRE(r.diagnostics.size() == 2);
  INFO(rendered(r));
  CHECK(rendered(r).rfind("accounts.csv:2:18: error[P0010]: account A1: service_end 2024-07-01 is not after service_start 2024-07-16\n", 0) == 0);
  CHECK(r.diagnostics[1].code == "P0010");
}

TEST_CASE("population: bad dates, amounts, field counts, missing columns") {
  auto codes = [](const char* text) {
    std::string out;
    for (auto& d : rateline::read_accounts_csv(text, "a.csv").diagnostics) out += d.code + " ";
    return out;
  };
  CHECK(codes("account,tariff,service_start\nA1,rs,2024-02-30\n") == "P0009 ");
  CHECK(codes("account,tariff,past_due\nA1,rs,-5\n") == "P0011 ");
  CHECK(codes("account,tariff\nA1,rs,extra\n") == "P0005 ");
  CHECK(codes("account,service_start\nA1,2024-01-01\n") == "P0002 ");
  CHECK(codes("account,tariff,Tariff\n") == "P0004 ");
  CHECK(codes("account,tariff\n,rs\n") == "P0006 ");
  CHECK(codes("account,tariff\nA1,\n") == "P0008 ");
  CHECK(codes("# nothing\n") == "P0001 ");
}

TEST_CASE("population: service dates clip the billing periods into first and final bills") {
  using namespace std::chrono;
  rateline::AccountRecord record;
  record.service_start = 2024y / July / 16d;
  record.service_end = 2024y / September / 11d;
  auto periods = rateline::service_periods(record, rateline::monthly_periods(2024y / June / 1d, 2024y / November / 1d));
  REQUIRE(periods.size() == 3);
  CHECK(periods[0].from == 2024y / July / 16d);
  CHECK(periods[0].to == 2024y / August / 1d);
  CHECK(periods[1].from == 2024y / August / 1d);
  CHECK(periods[2].from == 2024y / September / 1d);
  CHECK(periods[2].to == 2024y / September / 11d);
}
