// Comparing two rates over a population (rateline/analysis.hpp): the population billing of
// rateline/population.hpp runs once per rate with line items; a sink folds its rows into
// one AccountSide per account (bill totals and usage once per bill, amounts per label).
#include "analysis/text_util.hpp"
#include "rateline/analysis.hpp"

#include <unordered_map>
#include <set>

namespace rateline {

using analysis_detail::split_csv_line;

namespace {

struct Folded {
  AccountSide side;
  std::set<std::string> bills;   // "from,to" of the bills counted
};

// Receives one run's rows; the headers come from the population layer, so a column added
// there does not break the folding.
class FoldingSink final : public PopulationSink {
 public:
  explicit FoldingSink(const PopulationOptions& options) {
    index(population_bills_header(options), bill_columns_);
    index(population_exceptions_header(), exception_columns_);
  }
  void bills(std::string_view text) override { each_row(text, pending_bills_, [this](const std::vector<std::string>& f) { bill_row(f); }); }
  void exceptions(std::string_view text) override {
    each_row(text, pending_exceptions_, [this](const std::vector<std::string>& f) { exception_row(f); });
  }
  std::unordered_map<std::string, Folded>& folded() { return folded_; }

 private:
  using Columns = std::unordered_map<std::string, std::size_t>;
  static void index(const std::string& header, Columns& columns) {
    auto fields = split_csv_line(header.substr(0, header.find('\n')));
    for (std::size_t i = 0; fields && i < fields->size(); ++i) columns[(*fields)[i]] = i;
  }
  // Whole lines only: a quoted field may hold a newline, so an unclosed quote waits for more.
  template <class F>
  static void each_row(std::string_view text, std::string& pending, F&& row) {
    pending.append(text);
    std::size_t start = 0;
    for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos;) {
      auto fields = split_csv_line(std::string_view(pending).substr(start, end - start));
      if (!fields) {  // a newline inside quotes: look for the next one
        std::size_t next = pending.find('\n', end + 1);
        if (next == std::string::npos) break;
        fields = split_csv_line(std::string_view(pending).substr(start, next - start));
        if (!fields) break;
        end = next;
      }
      row(*fields);
      start = end + 1;
    }
    pending.erase(0, start);
  }
  const std::string& field(const std::vector<std::string>& f, const Columns& c, const char* name) const {
    static const std::string empty;
    auto it = c.find(name);
    return it == c.end() || it->second >= f.size() ? empty : f[it->second];
  }
  void bill_row(const std::vector<std::string>& f) {
    Folded& a = folded_[field(f, bill_columns_, "account")];
    a.side.present = true;
    if (!a.side.error.empty()) return;
    if (a.bills.insert(field(f, bill_columns_, "from") + "," + field(f, bill_columns_, "to")).second) {
      auto total = Decimal::parse(field(f, bill_columns_, "total"));
      auto usage = Decimal::parse(field(f, bill_columns_, "usage"));
      a.side.total = (a.side.total ? *a.side.total : Decimal()) + (total ? *total : Decimal());
      if (usage) a.side.usage = (a.side.usage ? *a.side.usage : Decimal()) + *usage;
    }
    // A bill for several services has a "Base Fee" in each: its lines are told apart by service.
    const std::string& service = field(f, bill_columns_, "service");
    const std::string& label = field(f, bill_columns_, "label");
    if (auto amount = Decimal::parse(field(f, bill_columns_, "amount"))) a.side.items[service.empty() ? label : service + ": " + label] += *amount;
  }
  void exception_row(const std::vector<std::string>& f) {
    Folded& a = folded_[field(f, exception_columns_, "account")];
    a.side.present = true;
    a.side.total.reset();
    a.side.items.clear();
    if (a.side.error.empty())
      a.side.error = field(f, exception_columns_, "code") + " " + field(f, exception_columns_, "message") + " (" +
                     field(f, exception_columns_, "location") + ")";
  }

  Columns bill_columns_, exception_columns_;
  std::string pending_bills_, pending_exceptions_;
  std::unordered_map<std::string, Folded> folded_;
};

PopulationSummary run_side(const AccountsTable& table, const std::string& tariff, const PopulationOptions& options,
                           std::unordered_map<std::string, Folded>& out) {
  AccountsTable copy = table;
  for (auto& record : copy.accounts) record.tariff = tariff;
  FoldingSink sink(options);
  auto summary = bill_population(copy, options, sink);
  out = std::move(sink.folded());
  return summary;
}

}  // namespace

PopulationComparison compare_population(const AccountsTable& table, const std::string& old_tariff, const std::string& new_tariff,
                                        PopulationOptions options) {
  options.line_items = true;
  options.format = PopulationFormat::csv;
  PopulationComparison out;
  std::unordered_map<std::string, Folded> before, after;
  out.before_run = run_side(table, old_tariff, options, before);
  out.after_run = run_side(table, new_tariff, options, after);
  for (const auto& record : table.accounts) {
    const auto& id = record.account.id;
    auto b = before.find(id), a = after.find(id);
    if (b == before.end() && a == after.end()) {
      ++out.not_in_service;
      continue;
    }
    ComparedAccount c;
    c.id = id;
    c.attributes = record.account.attributes;
    auto rc = record.account.attributes.find("rate_class");
    c.rate_class = rc != record.account.attributes.end() ? rc->second : record.tariff;
    if (b != before.end()) c.before = std::move(b->second.side);
    if (a != after.end()) c.after = std::move(a->second.side);
    out.accounts.push_back(std::move(c));
  }
  return out;
}

}  // namespace rateline
