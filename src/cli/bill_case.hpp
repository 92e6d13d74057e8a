// A golden bill case (docs/bill-tests.md): one TOML file naming a tariff, an account, a
// billing period, usage and policies, and the bill expected from them, line by line.
//
//   auto read = rateline::cli::read_case_file("tests/bills/batavia/june-2024.toml");
//   for (auto& d : read.diagnostics) std::cerr << rateline::render(d);   // file:line:col, T00xx
//   if (read.bill_case) run(*read.bill_case);
//
// Expected numbers are exact decimals taken from the file's text (a bare TOML number such
// as 1268.50 is read as written, never through a binary float). Every expected value keeps
// the byte span it was read from, so `rateline test --update` rewrites only those bytes.
#pragma once

#include "bill_policies.hpp"

#include "rateline/account.hpp"
#include "rateline/bill.hpp"
#include "rateline/decimal.hpp"
#include "rateline/diagnostic.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rateline::cli {

/// Bytes [begin, end) of a case file.
struct TextSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// An expected decimal and where it is written (`quoted`: as a TOML string "12.50").
struct CaseNumber {
  Decimal value;
  TextSpan span;
  bool quoted = false;
};

struct CaseText {
  std::string value;
  TextSpan span;
};

struct CaseFlag {
  bool value = false;
  TextSpan span;
};

/// Diagnostic codes, e.g. ["B0013"] (compared in order).
struct CaseCodes {
  std::vector<std::string> codes;
  TextSpan span;
};

struct ExpectedLine {
  CaseText id;
  std::optional<CaseText> label, unit, rate_unit;   ///< compared only when the case gives them
  std::optional<CaseNumber> quantity, rate;
  CaseNumber amount;
  TextSpan span;                                     ///< the whole inline table
};

struct ExpectedBill {
  std::optional<std::chrono::year_month_day> from, to;  ///< compared when given
  std::vector<ExpectedLine> lines;
  CaseNumber total;
  std::optional<CaseFlag> estimated;   ///< compared when given
  std::optional<CaseCodes> notes;      ///< the bill's notes (B0006, B0013...), compared when given
  TextSpan lines_span;   ///< the `lines = [...]` array, brackets included
  TextSpan span;         ///< the [[expect]] table (header to its last value)
};

/// Where the usage comes from: a file, or a short table written in the case.
struct CaseUsage {
  enum class Kind { interval_file, reads_file, intervals, register_reads, monthly } kind = Kind::interval_file;
  std::string path;        ///< interval_file / reads_file: resolved against the case's folder
  std::string text;        ///< intervals / register_reads: CSV text written in the case
  std::optional<std::uint32_t> text_offset;   ///< where that text starts in the case file, when it is there verbatim
  struct Month {
    std::chrono::year_month month;
    Decimal quantity;
    bool estimated = false;
  };
  std::vector<Month> months;  ///< monthly
  TextSpan span;              ///< the key that gave the usage (for messages)
};

struct BillCase {
  std::shared_ptr<const SourceFile> source;
  std::string name;             ///< `name`, or the file name without .toml
  std::string tariff;           ///< resolved against the case's folder
  TextSpan tariff_span;
  BillingPeriod period;
  TextSpan period_span;         ///< `from` .. `to`, for a bill error about the period
  std::string cycle;                 ///< `cycle`: "" (one period), monthly, quarterly or annual
  CaseUsage usage;
  /// `[usage.water]`, ...: the usage of each meter of a tariff of several services (then `usage` is unused)
  std::map<std::string, CaseUsage> meters;
  Account account;
  BillPolicies policies;        ///< [policies], and [usage] interval/start
  std::vector<ExpectedBill> expected;
  /// `refused = ["B0050"]`: the biller must refuse the bill with exactly these errors.
  std::optional<CaseCodes> refused;
};

struct CaseReadResult {
  std::optional<BillCase> bill_case;     ///< present when the file has no errors
  std::vector<Diagnostic> diagnostics;   ///< T0001..T0099, each at file:line:col
};

CaseReadResult read_case(std::shared_ptr<const SourceFile> source);
/// Reads a case file; a file that cannot be read is a T0007 diagnostic (no exception).
CaseReadResult read_case_file(const std::string& path);

/// A diagnostic about a case file (code T00xx) at the given bytes.
Diagnostic case_error(const std::shared_ptr<const SourceFile>& source, TextSpan span, std::string code, std::string message,
                      std::string hint = {});

}  // namespace rateline::cli
