// `rateline batch`: see batch_command.hpp and docs/accounts-format.md.
#include "batch_command.hpp"

#include "meter_files.hpp"

#include "rateline/population.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rateline::cli {

namespace {

// On SIGINT/SIGTERM the run stops at once, even blocked on a slow input: the handler
// removes the temporary output files (unlink is async-signal-safe) and exits 128 + signal.
// The final files appear only by rename, so nothing partial is ever left under their names.
constexpr int kMaxTemps = 4;
char g_temps[kMaxTemps][4096];
std::atomic<int> g_temp_count{0};

extern "C" void on_signal(int signal) {
  for (int i = 0; i < g_temp_count.load(); ++i)
    if (g_temps[i][0]) ::unlink(g_temps[i]);
  static const char message[] = "rateline batch: interrupted; no output written\n";
  [[maybe_unused]] auto ignored = ::write(2, message, sizeof message - 1);
  ::_exit(128 + signal);
}

int register_temp(const std::string& path) {
  const int slot = g_temp_count.load();
  if (slot >= kMaxTemps || path.size() >= sizeof g_temps[0]) return -1;
  std::memcpy(g_temps[slot], path.c_str(), path.size() + 1);
  g_temp_count.store(slot + 1);
  return slot;
}

void forget_temp(int slot) {
  if (slot >= 0) g_temps[slot][0] = '\0';
}

// Signals wait while a file is renamed into place (then its temporary name is gone).
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalsHeld() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t old_;
};

std::optional<std::chrono::year_month_day> parse_day(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  std::chrono::year_month_day d{std::chrono::year{std::stoi(s.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

// An output file that appears whole or not at all: rows go to a temporary file beside it,
// renamed over it by commit(). Destroyed without commit() (an error, a signal), the
// temporary file is removed. Every write is checked, so a full disk is an error, not a
// short file.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string path) : path_(std::move(path)), temp_(path_ + ".tmp.XXXXXX") {
    const int fd = ::mkstemp(temp_.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file beside " + path_ + ": " + std::strerror(errno));
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
      ::close(fd);
      ::unlink(temp_.c_str());
      throw std::runtime_error("cannot write " + temp_);
    }
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
    slot_ = register_temp(temp_);
  }
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput() {
    if (committed_) return;
    if (file_) std::fclose(file_);
    ::unlink(temp_.c_str());
    forget_temp(slot_);
  }

  void write(std::string_view text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail();
  }
  void commit() {
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail();
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (closed != 0) fail();
    SignalsHeld held;
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) fail();
    forget_temp(slot_);
    committed_ = true;
  }

 private:
  [[noreturn]] void fail() const { throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno)); }
  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
  int slot_ = -1;
};

// "1234567" -> "1,234,567"
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Writes rows to the output files and, on a terminal, a progress line on stderr.
class FileSink : public PopulationSink {
 public:
  FileSink(AtomicOutput& bills, AtomicOutput* exceptions, std::size_t total, bool tty)
      : bills_(bills), exceptions_(exceptions), total_(total), tty_(tty), started_(Clock::now()), shown_(started_) {}

  void bills(std::string_view text) override { bills_.write(text); }
  void exceptions(std::string_view text) override {
    if (exceptions_) {
      exceptions_->write(text);
      return;
    }
    // No --exceptions: the first few on stderr, so nothing is silent.
    if (shown_exceptions_ < 20) std::cerr << "rateline batch: exception: " << text;
    else if (shown_exceptions_ == 20) std::cerr << "rateline batch: more exceptions not shown (pass --exceptions FILE)\n";
    ++shown_exceptions_;
  }
  void progress(std::size_t done, std::size_t bills) override {
    if (!tty_) return;
    const auto now = Clock::now();
    if (done < total_ && now - shown_ < std::chrono::milliseconds(200)) return;
    shown_ = now;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const double rate = seconds > 0 ? static_cast<double>(bills) / seconds : 0;
    const double accounts_rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const long eta = accounts_rate > 0 ? static_cast<long>(static_cast<double>(total_ - done) / accounts_rate) : 0;
    constexpr int width = 30;
    const int filled = total_ ? static_cast<int>(width * done / total_) : width;
    std::fprintf(stderr, "\r[%s%s] %s/%s accounts  %s bills/s  ETA %ld:%02ld ", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), grouped(done).c_str(), grouped(total_).c_str(),
                 grouped(static_cast<std::size_t>(rate)).c_str(), eta / 60, eta % 60);
    std::fflush(stderr);
    drawn_ = true;
  }
  void end_line() {
    if (drawn_) std::fputc('\n', stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  AtomicOutput& bills_;
  AtomicOutput* exceptions_;
  std::size_t total_;
  bool tty_;
  Clock::time_point started_, shown_;
  bool drawn_ = false;
  std::size_t shown_exceptions_ = 0;
};

}  // namespace

BatchCommand::BatchCommand(CLI::App& app) {
  batch_ = app.add_subcommand("batch", "bill a whole population: an accounts table and long-format usage (docs/accounts-format.md)");
  batch_->add_option("--accounts", accounts_, "accounts table CSV: account,tariff[,service_start,service_end,attr:NAME...]")->required();
  batch_->add_option("--usage", usage_, "long-format interval usage CSV (account,start,kwh...); repeat for several files; "
                                        "METER=FILE: one meter's usage for tariffs of several services");
  batch_->add_option("--reads", reads_, "long-format register reads CSV (account,meter,read_date,...); repeat for several files; "
                                        "METER=FILE: one meter's reads for tariffs of several services");
  batch_->add_option("--from", from_, "first day billed, YYYY-MM-DD (each tariff's local time)")->required();
  batch_->add_option("--to", to_, "day after the last day billed, YYYY-MM-DD")->required();
  batch_->add_option("--out", out_, "bills output file (written atomically)")->required();
  batch_->add_option("--exceptions", exceptions_, "exceptions file: one row per error of an account not billed (default: stderr)");
  batch_->add_option("--cycle", cycle_, "monthly (a bill per calendar month, default) or none (one bill for [from, to))")
      ->check(CLI::IsMember({"monthly", "none"}));
  batch_->add_option("--format", format_, "csv (default) or jsonl")->check(CLI::IsMember({"csv", "jsonl"}));
  batch_->add_flag("--line-items", line_items_, "one row per line item (csv), or the line items inside each bill (jsonl)");
  batch_->add_option("--threads", threads_, "worker threads (default: the machine's cores)");
  batch_->add_option("--in-flight", in_flight_, "accounts held in memory at once (default 4 x threads)");
  batch_->add_option("--tariffs", tariffs_, "folder a tariff name is looked up in (default: tariffs)");
  batch_->add_option("--usage-order", usage_order_, "table: usage grouped in the accounts table's order, streamed (default); "
                                                    "any: any order, files indexed in memory first")
      ->check(CLI::IsMember({"table", "any"}));
  batch_->add_flag("--allow-exceptions", allow_exceptions_, "exit 0 even when some accounts went to the exceptions file");
  batch_->add_flag("--allow-gaps", allow_gaps_, "bill missing intervals as zero");
  batch_->add_flag("--allow-partial", allow_partial_, "bill a period the usage covers only in part");
  batch_->add_option("--local-time", local_time_, "usage starts without an offset: error, earliest or latest")
      ->check(CLI::IsMember({"error", "earliest", "latest"}));
  batch_->add_option("--demand-window", demand_window_, "tariff or data (as NREL SAM)")->check(CLI::IsMember({"tariff", "data"}));
}

bool BatchCommand::parsed() const { return batch_->parsed(); }

int BatchCommand::run() const {
  const auto from = parse_day(from_), to = parse_day(to_);
  if (!from || !to || std::chrono::sys_days{*to} <= std::chrono::sys_days{*from}) {
    std::cerr << "rateline: --from and --to take dates as YYYY-MM-DD, --to after --from\n";
    return 2;
  }
  if (usage_.empty() && reads_.empty()) {
    std::cerr << "rateline: give the usage: --usage USAGE.csv or --reads READS.csv\n";
    return 2;
  }
  PopulationOptions options;
  if (!split_meter_files(usage_, reads_, options)) return 2;
  options.usage_order = usage_order_ == "any" ? UsageOrder::any : UsageOrder::table;
  options.tariff_dir = tariffs_;
  options.periods = cycle_ == "monthly" ? monthly_periods(*from, *to) : std::vector<BillingPeriod>{{*from, *to}};
  options.usage.gaps = allow_gaps_ ? GapPolicy::zero : GapPolicy::error;
  options.usage.local_time = local_time_ == "earliest" ? LocalTimePolicy::earliest
                           : local_time_ == "latest"   ? LocalTimePolicy::latest
                                                       : LocalTimePolicy::error;
  options.bill.coverage = allow_partial_ ? CoveragePolicy::bill_available : CoveragePolicy::error;
  options.bill.demand_window = demand_window_ == "data" ? DemandWindowPolicy::data_interval : DemandWindowPolicy::tariff;
  options.format = format_ == "jsonl" ? PopulationFormat::jsonl : PopulationFormat::csv;
  options.line_items = line_items_;
  options.threads = threads_;
  options.in_flight = in_flight_;

  AccountsReadResult accounts;
  try {
    accounts = read_accounts_csv_file(accounts_);
  } catch (const std::exception& e) {
    std::cerr << "rateline: " << e.what() << "\n";
    return 1;
  }
  for (const Diagnostic& d : accounts.diagnostics) std::cerr << render(d);
  if (!accounts.table) return 1;

  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  PopulationSummary summary;
  const auto started = std::chrono::steady_clock::now();
  try {
    AtomicOutput bills(out_);
    std::optional<AtomicOutput> exceptions;
    if (!exceptions_.empty()) exceptions.emplace(exceptions_);
    bills.write(population_bills_header(options));
    if (exceptions) exceptions->write(population_exceptions_header());
    FileSink sink(bills, exceptions ? &*exceptions : nullptr, accounts.table->accounts.size(), ::isatty(2) == 1);
    summary = bill_population(*accounts.table, options, sink);
    sink.end_line();
    for (const Diagnostic& d : summary.errors) std::cerr << render(d);
    if (!summary.errors.empty()) {
      std::cerr << "rateline batch: stopped; no output written\n";
      return 1;
    }
    SignalsHeld held;  // both files appear, or neither
    bills.commit();
    if (exceptions) exceptions->commit();
  } catch (const std::exception& e) {
    std::cerr << "rateline batch: " << e.what() << "; no output written\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto count = [](auto n, const char* word) { return grouped(n) + " " + word + (n == 1 ? "" : "s"); };
  std::cerr << "rateline batch: " << count(summary.accounts, "account") << ": " << grouped(summary.billed) << " billed ("
            << count(summary.bills, "bill") << "), " << count(summary.failed, "exception")
            << (exceptions_.empty() ? std::string() : " (" + exceptions_ + ")");
  if (summary.not_in_service) std::cerr << ", " << grouped(summary.not_in_service) << " not in service in the period";
  char timing[160];
  std::snprintf(timing, sizeof timing, "; %.2f s, %.0f bills/s\n", seconds, seconds > 0 ? static_cast<double>(summary.bills) / seconds : 0.0);
  std::cerr << timing;
  const double reading = summary.read_seconds + summary.parse_seconds, work = reading + summary.bill_seconds;
  std::snprintf(timing, sizeof timing, "rateline batch: reading input %.0f%% of the work (cutting %.2f s, parsing %.2f s, billing %.2f s)\n",
                work > 0 ? 100 * reading / work : 0.0, summary.read_seconds, summary.parse_seconds, summary.bill_seconds);
  std::cerr << timing;
  if (summary.unknown_accounts)
    std::cerr << "rateline batch: usage of " << grouped(summary.unknown_accounts) << " account" << (summary.unknown_accounts == 1 ? "" : "s")
              << " not in the accounts table: " << count(summary.unknown_rows, "row") << " not billed (first: " << summary.first_unknown << ")\n";
  return summary.failed && !allow_exceptions_ ? 1 : 0;
}

std::unique_ptr<BatchCommand> add_batch_command(CLI::App& app) { return std::make_unique<BatchCommand>(app); }

}  // namespace rateline::cli
