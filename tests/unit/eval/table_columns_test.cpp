// The table format keeps its columns apart whatever the width of a quantity or rate.
#include <doctest/doctest.h>

#include "rateline/report.hpp"

#include <sstream>

namespace {

rateline::Decimal dec(const char* s) { return rateline::Decimal::parse(s).value(); }

}  // namespace

TEST_CASE("table: a wide quantity and rate keep two spaces between the columns") {
  rateline::Bill bill;
  bill.tariff = "T";
  rateline::LineItem li;
  li.label = "Energy";
  li.quantity = dec("123456789012345678901.125");
  li.unit = "kWh";
  li.rate = dec("0.123456789012345678901");
  li.rate_unit = "$/kWh";
  li.amount = dec("15241578753238836.75");
  bill.line_items.push_back(li);
  bill.total = li.amount;
  auto table = rateline::format_table(bill);
  std::istringstream lines(table);
  std::string line;
  bool found = false;
  while (std::getline(lines, line))
    if (line.find("  Energy") == 0) {
      found = true;
      CHECK(line.find("123456789012345678901.125 kWh  $0.123456789012345678901/kWh  $15241578753238836.75") != std::string::npos);
    }
  CHECK(found);
}
