// Writing golden bill cases: a whole case from a bill that was made (`rateline bill
// --format test`), and the [[expect]] text of one bill (also what `--update` inserts).
//
//   RecordedInputs in;  in.tariff = "tariffs/x.tariff";  in.usage_file = "usage.csv";  ...
//   std::cout << format_case(in, series);
#pragma once

#include "bill_policies.hpp"

#include "rateline/account.hpp"
#include "rateline/bill.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::cli {

/// What `rateline bill` was given, as the case will state it. Paths are as given on the
/// command line; format_case writes them relative to `case_dir`.
struct RecordedInputs {
  std::string tariff;
  std::string usage_file;        ///< interval CSV / SAM file, or
  std::string reads_file;        ///< register reads
  std::string start;             ///< SAM start, as given (YYYY-MM-DD[THH:MM])
  BillingPeriod period;
  std::string cycle;                 ///< --cycle: "", monthly, quarterly or annual
  Account account;
  BillPolicies policies;         ///< (its sam_start is written from `start`, as given)
  std::string case_dir = ".";    ///< the folder the case file will be in
};

/// A complete case whose expectations are `series`.
std::string format_case(const RecordedInputs& inputs, const BillSeries& series);

/// `{ id = "energy", quantity = 28810, unit = "kWh", rate = 0.04403, rate_unit = "$/kWh", amount = 1268.50 }`
std::string format_expected_line(const LineItem& item);
/// An [[expect]] table for one bill, ending in a newline.
std::string format_expect_block(const Bill& bill);

/// The folder of the file standard output is redirected to (`> cases/june.toml`), so that
/// a recorded case's paths are relative to where it is written; "." otherwise.
std::string output_folder();

/// A TOML basic string: "text" with \" \\ and control characters escaped.
std::string toml_string(std::string_view text);
std::string toml_date(const std::chrono::year_month_day& date);

}  // namespace rateline::cli
