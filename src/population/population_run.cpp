// bill_population (include/rateline/population.hpp): the calling thread reads the usage and
// hands one account at a time to a pool of workers; finished accounts are written in the
// accounts table's order. At most `in_flight` accounts are between "handed out" and
// "written", which bounds memory whatever the population's size.
#include "rateline/population.hpp"

#include "population/account_billing.hpp"
#include "population/usage_blocks.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace rateline {

namespace {

using namespace population_detail;
using Clock = std::chrono::steady_clock;

struct Task {
  std::size_t index;
  const AccountRecord* record;
  const TariffEntry* tariff;
  std::optional<UsageBlock> usage;
  std::vector<MeterBlock> meters;   // rows in files named for a meter
};

// Workers take tasks in order and leave outcomes in a slot per task; the caller writes
// the slots in order. One mutex: an account's work (milliseconds) dwarfs the locking.
class Pool {
 public:
  Pool(unsigned threads, const PopulationOptions& options, const std::string& accounts_path)
      : options_(options), accounts_path_(accounts_path) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& w : workers_) w.join();
  }

  void submit(Task task) {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
  }

  /// The outcome of task `index`, waiting for it.
  AccountOutcome wait(std::size_t index) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return outcomes_.count(index) > 0; });
    AccountOutcome out = std::move(outcomes_[index]);
    outcomes_.erase(index);
    return out;
  }

 private:
  void work() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      AccountOutcome out;
      try {
        out = bill_account(*task.record, *task.tariff, task.usage, options_, accounts_path_, task.meters);
      } catch (const std::exception& e) {  // a broken invariant in one account must not take the run down
        out = AccountOutcome{};
        out.failed = true;
        out.exceptions = exception_row(task.record->account.id, accounts_path_ + ":" + std::to_string(task.record->line), "P0199",
                                       std::string("internal error: ") + e.what(), "report this as a bug");
      }
      task.usage.reset();  // free the text before waiting for the lock
      task.meters.clear();
      {
        std::lock_guard lock(mutex_);
        outcomes_.emplace(task.index, std::move(out));
      }
      done_.notify_all();
    }
  }

  const PopulationOptions& options_;
  const std::string& accounts_path_;
  std::mutex mutex_;
  std::condition_variable ready_, done_;
  std::deque<Task> tasks_;
  std::unordered_map<std::size_t, AccountOutcome> outcomes_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// Where each account's usage comes from: a stream in table order, or an index (any order).
class UsageSource {
 public:
  UsageSource(const AccountsTable& table, const PopulationOptions& options, PopulationSummary& summary)
      : summary_(summary), files_(options.reads_files.empty() ? options.usage_files : options.reads_files) {
    for (std::size_t i = 0; i < table.accounts.size(); ++i) position_.emplace(table.accounts[i].account.id, i);
    const auto started = Clock::now();
    if (options.usage_order == UsageOrder::any) index_.emplace(files_);
    else stream_.emplace(files_);
    // Each meter's files are indexed: its rows and the other meters' need not share an order.
    for (const auto& m : options.meter_files) meter_indexes_.push_back({&m, std::make_unique<UsageIndex>(m.files)});
    summary_.read_seconds += std::chrono::duration<double>(Clock::now() - started).count();
  }

  /// The usage of table account `i` (accounts are asked for in order), or nullopt.
  /// False when the run must stop (errors in summary.errors).
  bool take(std::size_t i, const std::string& account, std::optional<UsageBlock>& out) {
    const auto started = Clock::now();
    const bool ok = (index_ ? take_indexed(account, out) : take_streamed(i, out)) && take_meters(account);
    summary_.read_seconds += std::chrono::duration<double>(Clock::now() - started).count();
    return ok;
  }

  /// After the last account: count what is left (usage of accounts not in the table).
  bool finish() {
    if (index_) {
      for (const auto& left : index_->left()) {
        if (position_.count(left.account)) continue;  // cannot happen: every table account was taken
        note_unknown(left.account, left.rows, left.where);
      }
      summary_.usage_rows = index_->rows();
      finish_meters();
      return true;
    }
    finish_meters();
    std::optional<UsageBlock> ignored;
    return take_streamed(position_.size(), ignored);
  }

 private:
  bool take_indexed(const std::string& account, std::optional<UsageBlock>& out) {
    bool mixed = false;
    out = index_->take(account, mixed);
    for (const Diagnostic& d : index_->errors()) summary_.errors.push_back(d);
    return index_->errors().empty();
  }

  // Blocks arrive in file order; the table position of each must not go backwards.
  bool take_streamed(std::size_t i, std::optional<UsageBlock>& out) {
    out.reset();
    for (;;) {
      if (!have_block_) {
        if (!stream_->next(block_)) {
          for (const Diagnostic& d : stream_->errors()) summary_.errors.push_back(d);
          return stream_->errors().empty();
        }
        have_block_ = true;
        summary_.usage_rows += block_.rows;
      }
      auto it = position_.find(block_.account);
      if (it == position_.end()) {
        note_unknown(block_.account, block_.rows, block_.path + ":" + std::to_string(block_.first_line));
        have_block_ = false;
        continue;
      }
      if (it->second < i || (it->second == i && taken_ == i + 1)) {
        summary_.errors.push_back(Diagnostic{
            Severity::error, "P0103",
            block_.path + ":" + std::to_string(block_.first_line) + ": the usage of account " + block_.account +
                " comes after the usage of a later account in the accounts table (or its rows are not together)",
            Span{},
            "sort the usage like the accounts table (the order bills are written in), or pass --usage-order any "
            "(indexes the files first: they are mapped into memory)"});
        return false;
      }
      if (it->second > i) return true;  // account i has no usage; this block is for a later one
      out = std::move(block_);
      have_block_ = false;
      taken_ = i + 1;
      return true;
    }
  }

  // The meters' rows are taken with the account's usage, in take().
 public:
  /// The rows of each named meter taken by the last take().
  std::vector<MeterBlock>& meters() { return meters_; }

 private:
  bool take_meters(const std::string& account) {
    meters_.clear();
    for (auto& [files, index] : meter_indexes_) {
      bool mixed = false;
      if (auto block = index->take(account, mixed)) meters_.push_back(MeterBlock{files->meter, files->reads, std::move(*block)});
      for (const Diagnostic& d : index->errors()) summary_.errors.push_back(d);
      if (!index->errors().empty()) return false;
    }
    return true;
  }

  void finish_meters() {
    for (auto& [files, index] : meter_indexes_) {
      for (const auto& left : index->left()) note_unknown(left.account, left.rows, left.where);
      summary_.usage_rows += index->rows();
    }
  }

  void note_unknown(const std::string& account, std::size_t rows, const std::string& where) {
    if (unknown_.insert(account).second) {
      ++summary_.unknown_accounts;
      if (summary_.first_unknown.empty()) summary_.first_unknown = account + " (" + where + ")";
    }
    summary_.unknown_rows += rows;
  }

  PopulationSummary& summary_;
  std::vector<std::string> files_;
  std::unordered_map<std::string, std::size_t> position_;
  std::unordered_set<std::string> unknown_;
  std::optional<UsageStream> stream_;
  std::optional<UsageIndex> index_;
  std::vector<std::pair<const PopulationOptions::MeterFiles*, std::unique_ptr<UsageIndex>>> meter_indexes_;
  std::vector<MeterBlock> meters_;
  UsageBlock block_;
  bool have_block_ = false;
  std::size_t taken_ = 0;
};

}  // namespace

PopulationSummary bill_population(const AccountsTable& table, const PopulationOptions& options, PopulationSink& sink) {
  PopulationSummary summary;
  summary.accounts = table.accounts.size();
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t in_flight = options.in_flight ? options.in_flight : 4 * std::size_t{threads};

  TariffShelf shelf(options.tariff_dir, table.path);
  UsageSource source(table, options, summary);
  if (!summary.errors.empty()) return summary;

  Pool pool(threads, options, table.path);
  std::size_t submitted = 0, written = 0;
  auto write_next = [&] {
    AccountOutcome out = pool.wait(written++);
    if (!out.bills.empty()) sink.bills(out.bills);
    if (!out.exceptions.empty()) sink.exceptions(out.exceptions);
    summary.bills += out.bill_count;
    summary.parse_seconds += out.parse_seconds;
    summary.bill_seconds += out.bill_seconds;
    if (out.failed) ++summary.failed;
    else if (out.not_in_service) ++summary.not_in_service;
    else ++summary.billed;
    if ((written & 63) == 0) sink.progress(written, summary.bills);
  };

  bool stopped = false;
  for (const AccountRecord& record : table.accounts) {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
      summary.cancelled = true;
      stopped = true;
      break;
    }
    std::optional<UsageBlock> usage;
    if (!source.take(submitted, record.account.id, usage)) {
      stopped = true;
      break;
    }
    const TariffEntry& tariff = shelf.get(record.tariff);
    pool.submit(Task{submitted++, &record, &tariff, std::move(usage), std::move(source.meters())});
    while (submitted - written >= in_flight) write_next();
  }
  if (stopped) {
    while (written < submitted) pool.wait(written++);  // let the workers finish; their output is dropped
    return summary;
  }
  while (written < submitted) write_next();
  sink.progress(written, summary.bills);
  source.finish();
  return summary;
}

}  // namespace rateline
