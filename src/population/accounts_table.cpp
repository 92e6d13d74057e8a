// The accounts table: read_accounts_csv / read_accounts_csv_file and service_periods
// (include/rateline/population.hpp). Format and codes P0001..P0019: docs/accounts-format.md.
#include "rateline/population.hpp"

#include "population/dates.hpp"
#include "usage/reader_support.hpp"
#include "usage/usage_text.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace rateline {

namespace {

using usage_detail::iequals;
using usage_detail::Line;
using usage_detail::LineCursor;
using usage_detail::split_field;

// What each header column holds. Attribute columns are `attr:NAME`; any other name is a
// mistake (a misspelt `service_strat` must not be read as nothing).
enum class Column : std::uint8_t { account, tariff, service_start, service_end, past_due, due_date, paid_on, attribute };

struct Fixed {
  const char* name;
  Column column;
};
constexpr Fixed kFixed[] = {
    {"account", Column::account},     {"tariff", Column::tariff},     {"service_start", Column::service_start},
    {"service_end", Column::service_end}, {"past_due", Column::past_due}, {"due_date", Column::due_date},
    {"paid_on", Column::paid_on},
};
constexpr std::string_view kAttributePrefix = "attr:";

class AccountsReader {
 public:
  AccountsReader(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  bool read_header(const Line& line);
  void read_row(const Line& line);
  std::vector<AccountRecord> rows;
  std::vector<Diagnostic> diagnostics;
  std::uint32_t line_number = 0;

 private:
  std::uint32_t offset_of(std::string_view s) const { return static_cast<std::uint32_t>(s.data() - text_.data()); }
  void error(const char* code, std::uint32_t begin, std::uint32_t end, std::string message, std::string hint) {
    if (!file_) file_ = std::make_shared<const SourceFile>(path_, std::string(text_));
    diagnostics.push_back(Diagnostic{Severity::error, code, std::move(message), Span{file_, begin, end}, std::move(hint)});
  }
  void error(const char* code, std::string_view at, std::string message, std::string hint) {
    error(code, offset_of(at), static_cast<std::uint32_t>(offset_of(at) + at.size()), std::move(message), std::move(hint));
  }
  std::optional<std::chrono::year_month_day> date(std::string_view field, std::string_view column);

  std::string_view text_;
  const std::string& path_;
  std::shared_ptr<const SourceFile> file_;
  std::vector<Column> columns_;
  std::vector<std::string> attribute_names_;  // per column ("" unless an attribute)
  std::unordered_map<std::string, std::uint32_t> line_of_id_;
};

bool AccountsReader::read_header(const Line& line) {
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  bool bad_quote = false, ok = true, have_account = false, have_tariff = false;
  std::vector<std::string_view> seen;
  for (;;) {
    std::string_view name;
    const char* next = split_field(p, end, name, bad_quote);
    std::optional<Column> column;
    std::string attribute;
    for (const Fixed& f : kFixed)
      if (iequals(name, f.name)) column = f.column;
    if (!column && name.size() > kAttributePrefix.size() && iequals(name.substr(0, kAttributePrefix.size()), kAttributePrefix)) {
      column = Column::attribute;
      attribute = std::string(usage_detail::trim(name.substr(kAttributePrefix.size())));
    }
    if (!column) {
      error("P0003", name, "unknown column \"" + std::string(name) + "\"",
            "the columns are account, tariff, service_start, service_end, past_due, due_date, paid_on, and attributes "
            "written attr:NAME (attr:meter_size)");
      ok = false;
    } else if (std::any_of(seen.begin(), seen.end(), [&](std::string_view s) { return iequals(s, name); })) {
      error("P0004", name, "the header names the column \"" + std::string(name) + "\" twice", "name each column once");
      ok = false;
    }
    seen.push_back(name);
    have_account |= column == Column::account;
    have_tariff |= column == Column::tariff;
    columns_.push_back(column.value_or(Column::attribute));
    attribute_names_.push_back(std::move(attribute));
    if (next >= end) break;
    p = next + 1;
  }
  const auto line_end = static_cast<std::uint32_t>(line.begin + line.text.size());
  if (bad_quote) {
    error("P0005", line.begin, line_end, "the header has a quote that is not closed", "write the column names without quotes");
    ok = false;
  }
  if (!have_account || !have_tariff) {
    error("P0002", line.begin, line_end, std::string("the header has no ") + (have_account ? "tariff" : "account") + " column",
          "the first line names the columns, e.g. account,tariff,service_start,service_end,attr:meter_size");
    ok = false;
  }
  return ok;
}

std::optional<std::chrono::year_month_day> AccountsReader::date(std::string_view field, std::string_view column) {
  auto d = population_detail::parse_day(field);
  if (!d) error("P0009", field, std::string(column) + " \"" + std::string(field) + "\" is not a date", "write dates as YYYY-MM-DD");
  return d;
}

void AccountsReader::read_row(const Line& line) {
  AccountRecord record;
  record.line = line_number;
  const char* p = line.text.data();
  const char* const end = p + line.text.size();
  bool bad_quote = false, ok = true;
  std::size_t count = 0;
  std::string_view id_field, start_field, end_field;
  for (;; ++count) {
    std::string_view field;
    const char* next = split_field(p, end, field, bad_quote);
    if (count < columns_.size()) {
      switch (columns_[count]) {
        case Column::account: id_field = field; record.account.id = std::string(field); break;
        case Column::tariff: record.tariff = std::string(field); break;
        case Column::service_start:
          start_field = field;
          if (!field.empty() && !(record.service_start = date(field, "service_start"))) ok = false;
          break;
        case Column::service_end:
          end_field = field;
          if (!field.empty() && !(record.service_end = date(field, "service_end"))) ok = false;
          break;
        case Column::due_date:
          if (!field.empty() && !(record.account.due_date = date(field, "due_date"))) ok = false;
          break;
        case Column::paid_on:
          if (!field.empty() && !(record.account.paid_on = date(field, "paid_on"))) ok = false;
          break;
        case Column::past_due:
          if (field.empty()) break;
          record.account.past_due = Decimal::parse(field);
          if (!record.account.past_due || record.account.past_due->is_negative()) {
            error("P0011", field, "past_due \"" + std::string(field) + "\" is not an amount", "write an amount such as 120.00");
            ok = false;
          }
          break;
        case Column::attribute:
          // An empty cell is an absent attribute: a tariff that needs it refuses the bill.
          if (!field.empty()) record.account.attributes[attribute_names_[count]] = std::string(field);
          break;
      }
    }
    if (next >= end) break;
    p = next + 1;
  }
  ++count;
  const auto line_end = static_cast<std::uint32_t>(line.begin + line.text.size());
  if (bad_quote || count != columns_.size()) {
    error("P0005", line.begin, line_end,
          bad_quote ? std::string("this row has a quote that is not closed")
                    : "this row has " + std::to_string(count) + " fields but the header names " + std::to_string(columns_.size()) +
                          " columns",
          "every row needs one field per header column, separated by commas");
    return;
  }
  if (record.account.id.empty()) {
    error("P0006", line.begin, line_end, "this row has no account id", "every row names its account");
    return;
  }
  if (record.tariff.empty()) {
    error("P0008", line.begin, line_end, "account " + record.account.id + " has no tariff",
          "name the tariff file (tariffs/rs.tariff) or its name in the tariff folder (rs)");
    ok = false;
  }
  if (record.service_start && record.service_end &&
      std::chrono::sys_days{*record.service_end} <= std::chrono::sys_days{*record.service_start}) {
    error("P0010", end_field, "account " + record.account.id + ": service_end " + std::string(end_field) +
                                  " is not after service_start " + std::string(start_field),
          "service_end is the first day without service (the final bill ends the day before)");
    ok = false;
  }
  auto [it, inserted] = line_of_id_.emplace(record.account.id, line_number);
  if (!inserted) {
    error("P0007", id_field, "account " + record.account.id + " is listed twice (first on line " + std::to_string(it->second) + ")",
          "each account has one row; merge the two");
    return;
  }
  if (ok) rows.push_back(std::move(record));
}

}  // namespace

AccountsReadResult read_accounts_csv(std::string_view text, const std::string& path) {
  AccountsReader reader(text, path);
  LineCursor lines(text);
  Line line;
  bool have_header = false;
  while (lines.next(line)) {
    ++reader.line_number;
    if (usage_detail::is_blank_line(line.text) || usage_detail::is_comment_line(line.text)) continue;
    if (!have_header) {
      have_header = true;
      if (!reader.read_header(line)) break;
      continue;
    }
    reader.read_row(line);
  }
  AccountsReadResult result;
  if (!have_header)
    reader.diagnostics.push_back(Diagnostic{Severity::error, "P0001", path + " has no header line", Span{},
                                             "an accounts table starts with a header such as account,tariff"});
  result.diagnostics = std::move(reader.diagnostics);
  if (!has_errors(result.diagnostics)) result.table = AccountsTable{path, std::move(reader.rows)};
  return result;
}

AccountsReadResult read_accounts_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open accounts file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read accounts file " + path);
  return read_accounts_csv(text.str(), path);
}

std::vector<BillingPeriod> service_periods(const AccountRecord& record, const std::vector<BillingPeriod>& periods) {
  using std::chrono::sys_days;
  std::vector<BillingPeriod> out;
  for (BillingPeriod p : periods) {
    if (record.service_start && sys_days{*record.service_start} > sys_days{p.from}) p.from = *record.service_start;
    if (record.service_end && sys_days{*record.service_end} < sys_days{p.to}) p.to = *record.service_end;
    if (sys_days{p.from} < sys_days{p.to}) out.push_back(p);
  }
  return out;
}

}  // namespace rateline
