// Billing one account of a population: see account_billing.hpp.
#include "population/account_billing.hpp"

#include "population/bill_rows.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/tariff.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

namespace rateline::population_detail {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

}  // namespace

TariffShelf::TariffShelf(std::string tariff_dir, const std::string& accounts_path, const TariffTexts* texts)
    : texts_(texts), tariff_dir_(std::move(tariff_dir)), accounts_dir_(directory_of(accounts_path)) {
  if (!tariff_dir_.empty() && tariff_dir_.back() != '/') tariff_dir_ += '/';
}

// A name ("willmar-residential") is looked up in the tariff folder; a path (with a slash
// or ending in .tariff) is relative to the accounts file, as imports are to their tariff.
std::string TariffShelf::resolve(const std::string& tariff) const {
  const bool is_path = tariff.find('/') != std::string::npos || tariff.ends_with(".tariff");
  if (!is_path) return tariff_dir_ + tariff + ".tariff";
  return tariff.front() == '/' ? tariff : accounts_dir_ + tariff;
}

const TariffEntry& TariffShelf::get(const std::string& tariff) {
  const std::string path = resolve(tariff);
  auto [it, inserted] = entries_.try_emplace(path);
  TariffEntry& entry = it->second;
  if (!inserted) return entry;
  entry.path = path;
  try {
    CompileResult compiled = texts_ ? compile_tariff_text(path, *texts_) : compile_tariff_file(path);
    entry.graph = std::move(compiled.graph);
    // A tariff of several services has no one graph (E1005): it is billed per service.
    const bool several = std::any_of(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.code == "E1005"; });
    if (several) {
      ServicesCompileResult services = texts_ ? compile_services_text(path, *texts_) : compile_services_file(path);
      entry.services = std::move(services.services);
      compiled.diagnostics = std::move(services.diagnostics);
    }
    for (Diagnostic& d : compiled.diagnostics)
      if (d.severity == Severity::error) entry.diagnostics.push_back(std::move(d));
  } catch (const std::exception& e) {
    entry.diagnostics.push_back(Diagnostic{Severity::error, "P0102", "tariff " + tariff + ": " + e.what(), Span{},
                                           "name a tariff file (a path, or a name in the tariff folder --tariffs)"});
  }
  if (entry.graph) {
    const TariffInfo& info = entry.graph->info();
    entry.zone = TimeZone::locate(info.time_zone);
    entry.unit = info.service == "gas" ? "therm" : (info.service == "water" || info.service == "sewer") ? "gal" : "kWh";
    entry.register_unit = info.service == "gas" ? Unit::therm
                        : (info.service == "water" || info.service == "sewer") ? Unit::gal
                                                                                : Unit::kWh;
  } else if (!entry.services.empty()) {
    entry.zone = TimeZone::locate(entry.services.front().graph.info().time_zone);
  }
  return entry;
}

Unit meter_unit_of(const RateGraph& graph) {
  const std::string& service = graph.info().service;
  return service == "gas" ? Unit::therm : (service == "water" || service == "sewer") ? Unit::gal : Unit::kWh;
}

std::string meter_unit_name(const RateGraph& graph) {
  const Unit unit = meter_unit_of(graph);
  return unit == Unit::therm ? "therm" : unit == Unit::gal ? "gal" : "kWh";
}

std::string exception_row(const std::string& account, const std::string& location, const std::string& code,
                          const std::string& message, const std::string& hint) {
  std::string row;
  append_csv_field(row, account);
  row += ',';
  append_csv_field(row, location);
  row += ',';
  append_csv_field(row, code);
  row += ',';
  append_csv_field(row, message);
  row += ',';
  append_csv_field(row, hint);
  row += '\n';
  return row;
}

namespace {

// file:line of a diagnostic: a usage block's line is mapped back to its file's line; a
// diagnostic about nothing in particular points at the account's row in the accounts table.
std::string location_of(const Diagnostic& d, const UsageBlock* usage, const AccountRecord& record,
                        const std::string& accounts_path) {
  if (d.span.file) {
    const auto pos = d.span.file->position(d.span.begin);
    if (usage) return usage->path + ":" + std::to_string(usage->file_line(pos.line));
    return d.span.file->path() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
  }
  return accounts_path + ":" + std::to_string(record.line);
}

// The block a diagnostic is about: the one its source is (same file, same text).
const UsageBlock* block_of(const Diagnostic& d, const std::vector<const UsageBlock*>& blocks) {
  if (!d.span.file) return nullptr;
  for (const UsageBlock* b : blocks)
    if (d.span.file->path() == b->path && d.span.file->text().size() == b->text.size()) return b;
  return nullptr;
}

// The readers' messages and hints name other lines of their input ("also on line 12"): of the
// account's block, which are mapped back to lines of the usage file. Only the readers'
// own words are: a reference starts a word, and the user's text the message quotes (the
// field at the diagnostic's span) is left as written, since a value such as
// "10line 24-11-03" is not a line of anything (found by fuzz_batch: it was rewritten, and
// differently in each usage order).
std::string file_lines(const std::string& message, const Diagnostic& d, const UsageBlock& usage) {
  std::string_view field;
  if (d.span.file && d.span.begin < d.span.end && d.span.end <= d.span.file->text().size())
    field = std::string_view(d.span.file->text()).substr(d.span.begin, d.span.end - d.span.begin);
  const std::size_t quoted_at = field.empty() ? std::string::npos : message.find(field);
  auto in_field = [&](std::size_t at) { return quoted_at != std::string::npos && at >= quoted_at && at < quoted_at + field.size(); };
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    const std::size_t at = message.find("line ", i);
    if (at == std::string::npos) break;
    std::size_t digits = at + 5, end = digits;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
    out.append(message, i, digits - i);
    const bool reference = (at == 0 || message[at - 1] == ' ') && !in_field(at);
    if (reference && end > digits && end - digits < 10)
      out += std::to_string(usage.file_line(static_cast<std::uint32_t>(std::stoul(message.substr(digits, end - digits)))));
    else out.append(message, digits, end - digits);
    i = end;
  }
  out.append(message, i, std::string::npos);
  return out;
}

// The readers' messages name lines of their block; a message in the same file as a block
// (but of another text) keeps its lines, as before.
const UsageBlock* message_block(const Diagnostic& d, const std::vector<const UsageBlock*>& blocks) {
  if (!d.span.file) return nullptr;
  if (const UsageBlock* b = block_of(d, blocks)) return b;
  for (const UsageBlock* b : blocks)
    if (d.span.file->path() == b->path) return b;
  return nullptr;
}

void add_exceptions(AccountOutcome& out, const std::vector<Diagnostic>& diagnostics, const std::optional<UsageBlock>& usage,
                    const AccountRecord& record, const std::string& accounts_path) {
  std::vector<const UsageBlock*> blocks;
  if (usage) blocks.push_back(&*usage);
  add_exceptions(out, diagnostics, blocks, record, accounts_path);
}

}  // namespace

void add_exceptions(AccountOutcome& out, const std::vector<Diagnostic>& diagnostics, const std::vector<const UsageBlock*>& blocks,
                    const AccountRecord& record, const std::string& accounts_path) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    const UsageBlock* in_block = message_block(d, blocks);
    out.exceptions += exception_row(record.account.id, location_of(d, block_of(d, blocks), record, accounts_path), d.code,
                                    in_block ? file_lines(d.message, d, *in_block) : d.message,
                                    in_block ? file_lines(d.hint, d, *in_block) : d.hint);
  }
  out.failed = true;
}

AccountOutcome bill_account(const AccountRecord& record, const TariffEntry& tariff, const std::optional<UsageBlock>& usage,
                            const PopulationOptions& options, const std::string& accounts_path,
                            const std::vector<MeterBlock>& meters) {
  AccountOutcome out;
  const std::vector<BillingPeriod> periods = service_periods(record, options.periods);
  if (periods.empty()) {
    out.not_in_service = true;
    return out;
  }
  if (!tariff.services.empty()) return bill_services_account(record, tariff, usage, meters, options, accounts_path);
  if (!tariff.graph) {
    add_exceptions(out, tariff.diagnostics, std::nullopt, record, accounts_path);
    return out;
  }
  // A one-service tariff reads the files given without a meter name or, when the account
  // has none there, the meter named after its service (`--usage electric=FILE` of a run
  // that also bills tariffs of several services). Rows of another meter would be dropped
  // unseen: they are an exception.
  const UsageBlock* block = usage ? &*usage : nullptr;
  bool is_reads = !options.reads_files.empty();
  const std::string own_meter = tariff.graph->info().service.empty() ? "electric" : tariff.graph->info().service;
  for (const MeterBlock& m : meters) {
    if (!block && m.meter == own_meter) {
      block = &m.block;
      is_reads = m.reads;
      continue;
    }
    out.exceptions += exception_row(record.account.id, m.block.path + ":" + std::to_string(m.block.first_line), "P0021",
                                    "account " + record.account.id + " has usage of meter `" + m.meter + "`, which its tariff (one service, " +
                                        own_meter + ") does not read",
                                    "give a one-service tariff's usage without a meter name (--usage FILE) or under its service's name (--usage " +
                                        own_meter + "=FILE)");
    out.failed = true;
  }
  if (out.failed) return out;
  if (!block) {
    const std::string what = options.reads_files.empty() ? "usage" : "register reads";
    out.exceptions += exception_row(record.account.id, accounts_path + ":" + std::to_string(record.line), "P0101",
                                    "account " + record.account.id + " has no " + what + " rows",
                                    "every account in service needs its " + what + " in the " + what + " files");
    out.failed = true;
    return out;
  }
  const std::vector<const UsageBlock*> blocks{block};

  auto started = Clock::now();
  std::optional<BillSeriesResult> result;
  BillRowContext context{record, tariff, options};
  if (is_reads) {
    RegisterReadResult reads = read_register_reads(block->text, block->path, tariff.register_unit);
    out.parse_seconds = seconds_since(started);
    if (!reads.usage || has_errors(reads.diagnostics)) {
      add_exceptions(out, reads.diagnostics, blocks, record, accounts_path);
      return out;
    }
    started = Clock::now();
    result = bill_periods(*tariff.graph, *reads.usage, periods, record.account, options.bill);
    if (result->series) out.bill_count = append_bill_rows(out.bills, context, *result->series, nullptr, &*reads.usage);
  } else {
    UsageReadOptions read_options = options.usage;
    read_options.time_zone = tariff.graph->info().time_zone;
    UsageReadResult intervals = read_interval_csv(block->text, block->path, read_options);
    out.parse_seconds = seconds_since(started);
    if (!intervals.usage || has_errors(intervals.diagnostics)) {
      add_exceptions(out, intervals.diagnostics, blocks, record, accounts_path);
      return out;
    }
    started = Clock::now();
    result = bill_periods(*tariff.graph, *intervals.usage, periods, record.account, options.bill);
    if (result->series) out.bill_count = append_bill_rows(out.bills, context, *result->series, &*intervals.usage, nullptr);
  }
  if (!result->series || has_errors(result->diagnostics)) {
    out.bills.clear();
    out.bill_count = 0;
    add_exceptions(out, result->diagnostics, blocks, record, accounts_path);
  }
  out.bill_seconds = seconds_since(started);
  return out;
}

}  // namespace rateline::population_detail
