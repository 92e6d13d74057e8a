// bill_rows.hpp — a population's bills as output rows: CSV (one row per bill, or per line
// item) and JSON Lines (one object per bill). Every number is a decimal string.
//
//   std::string rows;
//   append_bill_rows(rows, BillRowContext{record, tariff, options}, series, &usage, nullptr);
#pragma once

#include "population/account_billing.hpp"
#include "rateline/bill.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/usage.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace rateline::population_detail {

struct BillRowContext {
  const AccountRecord& record;
  const TariffEntry& tariff;
  const PopulationOptions& options;
};

/// A CSV field, quoted when it holds a comma, a quote or a line break.
void append_csv_field(std::string& out, std::string_view text);
/// A JSON string with its quotes.
void append_json_string(std::string& out, std::string_view text);
/// A line item as a JSON object, `{"service":...,"id":...,...,"amount":"..."}`; the
/// `service` member only for a bill for several services.
void append_json_line_item(std::string& out, const LineItem& item, bool with_service);

/// Energy (or volume) delivered over the bill's local days, exact.
Decimal interval_usage(const IntervalSeries& series, const TimeZone& zone, const BillingPeriod& period);

/// One meter of a bill for several services: its usage and what it counts.
struct MeterSeries {
  std::string meter;
  std::string unit;                        ///< kWh, therm, gal
  const IntervalUsage* intervals = nullptr;
  const RegisterUsage* reads = nullptr;
};

/// Appends the rows of every bill of `series` of a tariff of several services
/// (service_bill_rows.cpp): `usage` and `unit` per meter, `services` per service, and the
/// service of each line item. Returns the number of bills.
std::size_t append_services_bill_rows(std::string& out, const BillRowContext& context, const BillSeries& series,
                                      const std::vector<MeterSeries>& meters);

/// Appends the rows of every bill of `series`; returns the number of bills. The usage of
/// each bill is summed from `intervals` (or `reads`) over the bill's days.
std::size_t append_bill_rows(std::string& out, const BillRowContext& context, const BillSeries& series,
                             const IntervalUsage* intervals, const RegisterUsage* reads);

}  // namespace rateline::population_detail
