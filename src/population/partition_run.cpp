// PopulationBiller (include/rateline/population.hpp): one partition of a population billed
// with bill_population's per-account code (bill_account), so the rows are the same bytes.
// The tariffs are compiled once, in the constructor; afterwards everything is read-only,
// so several threads may bill partitions at once.
#include "rateline/population.hpp"

#include "population/account_billing.hpp"
#include "population/usage_blocks.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace rateline {

using namespace population_detail;

struct PopulationBiller::State {
  AccountsTable table;
  PopulationOptions options;
  TariffTexts texts;
  TariffShelf shelf;
  std::vector<const TariffEntry*> tariff_of;  // by table position
  std::unordered_map<std::string, std::size_t> position;

  State(AccountsTable t, PopulationOptions o, const TariffTexts& x)
      : table(std::move(t)), options(std::move(o)), texts(x), shelf(options.tariff_dir, table.path, &texts) {
    for (std::size_t i = 0; i < table.accounts.size(); ++i) {
      tariff_of.push_back(&shelf.get(table.accounts[i].tariff));
      position.emplace(table.accounts[i].account.id, i);
    }
  }

  // As bill_population's pool: a broken invariant in one account becomes its exception row.
  AccountRows bill(std::size_t i, const std::optional<UsageBlock>& usage, PopulationSummary& summary) const {
    const AccountRecord& record = table.accounts[i];
    AccountOutcome out;
    try {
      out = bill_account(record, *tariff_of[i], usage, options, table.path);
    } catch (const std::exception& e) {
      out = AccountOutcome{};
      out.failed = true;
      out.exceptions = exception_row(record.account.id, table.path + ":" + std::to_string(record.line), "P0199",
                                     std::string("internal error: ") + e.what(), "report this as a bug");
    }
    summary.bills += out.bill_count;
    summary.parse_seconds += out.parse_seconds;
    summary.bill_seconds += out.bill_seconds;
    if (out.failed) ++summary.failed;
    else if (out.not_in_service) ++summary.not_in_service;
    else ++summary.billed;
    return AccountRows{i, std::move(out.bills), std::move(out.exceptions), out.bill_count, out.failed, out.not_in_service};
  }

  void note_unknown(PopulationSummary& summary, std::unordered_set<std::string>& unknown, const std::string& account, std::size_t rows,
                    const std::string& where) const {
    if (unknown.insert(account).second) {
      ++summary.unknown_accounts;
      if (summary.first_unknown.empty()) summary.first_unknown = account + " (" + where + ")";
    }
    summary.unknown_rows += rows;
  }
};

PopulationBiller::PopulationBiller(AccountsTable table, PopulationOptions options, const TariffTexts& tariffs)
    : state_(std::make_unique<State>(std::move(table), std::move(options), tariffs)) {}
PopulationBiller::~PopulationBiller() = default;

const AccountsTable& PopulationBiller::table() const { return state_->table; }

PartitionResult PopulationBiller::bill_usage(const std::vector<std::string>& files) const {
  const State& s = *state_;
  PartitionResult result;
  PopulationSummary& summary = result.summary;
  std::unordered_set<std::string> unknown;

  if (s.options.usage_order == UsageOrder::any) {
    UsageIndex index(files);
    for (const Diagnostic& d : index.errors()) summary.errors.push_back(d);
    if (!summary.errors.empty()) return result;
    std::vector<std::size_t> present;
    for (const auto& left : index.left()) {
      auto it = s.position.find(left.account);
      if (it == s.position.end()) s.note_unknown(summary, unknown, left.account, left.rows, left.where);
      else present.push_back(it->second);
    }
    std::sort(present.begin(), present.end());
    for (std::size_t i : present) {
      bool mixed = false;
      std::optional<UsageBlock> block = index.take(s.table.accounts[i].account.id, mixed);
      result.accounts.push_back(s.bill(i, block, summary));
    }
    summary.usage_rows = index.rows();
    summary.accounts = result.accounts.size();
    return result;
  }

  // Table order: the blocks must follow the accounts table, as bill_population requires.
  UsageStream stream(files);
  UsageBlock block;
  std::size_t next = 0;  // the first table position a block may still have
  while (stream.next(block)) {
    summary.usage_rows += block.rows;
    auto it = s.position.find(block.account);
    if (it == s.position.end()) {
      s.note_unknown(summary, unknown, block.account, block.rows, block.path + ":" + std::to_string(block.first_line));
      continue;
    }
    if (it->second < next) {
      summary.errors.push_back(Diagnostic{
          Severity::error, "P0103",
          block.path + ":" + std::to_string(block.first_line) + ": the usage of account " + block.account +
              " comes after the usage of a later account in the accounts table (or its rows are not together)",
          Span{},
          "sort the usage like the accounts table (the order bills are written in), or pass --usage-order any "
          "(indexes the files first: they are mapped into memory)"});
      result.accounts.clear();
      return result;
    }
    next = it->second + 1;
    std::optional<UsageBlock> usage(std::move(block));
    result.accounts.push_back(s.bill(it->second, usage, summary));
    block = UsageBlock{};
  }
  for (const Diagnostic& d : stream.errors()) summary.errors.push_back(d);
  if (!summary.errors.empty()) result.accounts.clear();
  summary.accounts = result.accounts.size();
  return result;
}

PartitionResult PopulationBiller::bill_without_usage(const std::vector<std::size_t>& positions) const {
  PartitionResult result;
  for (std::size_t i : positions) {
    if (i >= state_->table.accounts.size()) throw std::out_of_range("account position " + std::to_string(i) + " is not in the accounts table");
    result.accounts.push_back(state_->bill(i, std::nullopt, result.summary));
  }
  result.summary.accounts = result.accounts.size();
  return result;
}

}  // namespace rateline
