// eval/cycle_periods.cpp — cycle_periods(from, to, months): [from, to) cut every `months` calendar months (rateline/bill.hpp).
#include "rateline/bill.hpp"

namespace rateline {

using namespace std::chrono;

std::vector<BillingPeriod> cycle_periods(year_month_day from, year_month_day to, int months_per_bill) {
  if (months_per_bill <= 1) return monthly_periods(from, to);
  // quarters count from the first billed month (a utility's quarters need not start in January)
  std::vector<BillingPeriod> out;
  auto start = from;
  const year_month first{from.year() / from.month()};
  int n = 1;
  while (sys_days{start} < sys_days{to}) {
    year_month_day next = year_month_day{(first + months{n * months_per_bill}) / 1};
    if (sys_days{next} > sys_days{to}) next = to;
    out.push_back({start, next});
    start = next;
    ++n;
  }
  return out;
}

}  // namespace rateline
