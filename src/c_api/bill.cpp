// rl_bill: billing a period or the months of a cycle with an account and the BillOptions
// policies (one usage, or for a tariff of several services one usage per meter), and
// reading the bill back: line items with every field, total, each service's part, notes,
// trace.
#include "c_api/handles.hpp"

#include "rateline/report.hpp"

#include <map>

using namespace rateline;
using namespace rateline::c_api;

namespace {

Account to_account(const rl_account* a) {
  Account account;
  if (a == nullptr) return account;
  if (a->id != nullptr) account.id = a->id;
  if (a->attribute_count != 0 && a->attributes == nullptr) throw Failure(RL_INVALID_ARGUMENT, "account.attributes is NULL");
  for (size_t i = 0; i < a->attribute_count; ++i) {
    auto& attribute = a->attributes[i];
    if (attribute.name == nullptr || attribute.value == nullptr)
      throw Failure(RL_INVALID_ARGUMENT, "account.attributes[" + std::to_string(i) + "] has a NULL name or value");
    account.attributes[attribute.name] = attribute.value;
  }
  if (a->demand_history_count != 0 && a->demand_history == nullptr) throw Failure(RL_INVALID_ARGUMENT, "account.demand_history is NULL");
  for (size_t i = 0; i < a->demand_history_count; ++i) {
    auto& m = a->demand_history[i];
    std::string where = "account.demand_history[" + std::to_string(i) + "]";
    std::chrono::year_month month{std::chrono::year{m.year}, std::chrono::month{m.month}};
    auto kw = m.kw == nullptr ? std::nullopt : Decimal::parse(m.kw);
    if (!month.ok() || !kw) throw Failure(RL_INVALID_ARGUMENT, where + " needs a month 1..12 and kw as a decimal string");
    account.demand_history.push_back({month, std::move(*kw)});
  }
  if (a->past_due != nullptr) {
    auto due = Decimal::parse(a->past_due);
    if (!due || due->is_negative())
      throw Failure(RL_INVALID_ARGUMENT, std::string("account.past_due = \"") + a->past_due + "\" is not a non-negative decimal");
    account.past_due = std::move(*due);
  }
  if (a->due_date.year != 0) account.due_date = to_date(a->due_date, "account.due_date");
  if (a->paid_on.year != 0) account.paid_on = to_date(a->paid_on, "account.paid_on");
  return account;
}

BillOptions to_options(const rl_bill_options* o) {
  BillOptions options;
  if (o == nullptr) return options;
  if (o->coverage != RL_COVERAGE_ERROR && o->coverage != RL_COVERAGE_BILL_AVAILABLE)
    throw Failure(RL_INVALID_ARGUMENT, "options.coverage is not an rl_coverage_policy");
  if (o->demand_window != RL_DEMAND_WINDOW_TARIFF && o->demand_window != RL_DEMAND_WINDOW_DATA_INTERVAL)
    throw Failure(RL_INVALID_ARGUMENT, "options.demand_window is not an rl_demand_window_policy");
  options.coverage = o->coverage == RL_COVERAGE_BILL_AVAILABLE ? CoveragePolicy::bill_available : CoveragePolicy::error;
  options.demand_window = o->demand_window == RL_DEMAND_WINDOW_DATA_INTERVAL ? DemandWindowPolicy::data_interval : DemandWindowPolicy::tariff;
  options.trace = o->trace != 0;
  if (o->as_of.year != 0) options.as_of = to_date(o->as_of, "options.as_of");
  return options;
}

rl_bill* make_bill(Bill bill, const TableOptions& table) {
  auto* b = new rl_bill;
  b->bill = std::move(bill);
  b->table = table;
  for (auto& part : b->bill.services) b->service_totals.push_back(part.total.to_string());
  for (auto& item : b->bill.line_items)
    b->numbers.push_back({std::string(to_string(item.kind)), item.quantity.to_string(), item.rate.to_string(), item.amount.to_string(),
                          item.unrounded.to_string()});
  b->total = b->bill.total.to_string();
  b->notes = make_diagnostics(b->bill.notes);
  b->notes->borrowed = true;
  publish(b->notes);
  return publish(b);
}

// What a caller is told who bills a tariff of several services with one usage.
std::string several_services(const rl_tariff& t) {
  std::string ids;
  for (auto& s : t.services) ids += (ids.empty() ? "" : ", ") + s.id;
  return "`" + t.graph().info().name + "` bills " + std::to_string(t.services.size()) + " services (" + ids +
         "): bill it with rl_bill_services_period or rl_bill_services_cycle and the usage of each meter";
}

// Bills a tariff of several services on the usage of each named meter.
std::optional<std::vector<Bill>> run_services(const rl_tariff* tariff, const rl_meter_usage* meters, size_t meter_count,
                                              const std::vector<BillingPeriod>& periods, const rl_account* account,
                                              const rl_bill_options* options, rl_diagnostics** diagnostics) {
  auto& t = checked(tariff, "tariff");
  if (!t.several())
    throw Failure(RL_INVALID_ARGUMENT, "`" + t.graph().info().name + "` has no `service` blocks: bill it with rl_bill_period or rl_bill_cycle");
  if (meter_count != 0 && meters == nullptr) throw Failure(RL_INVALID_ARGUMENT, "meters is NULL");
  std::map<std::string, MeterUsage> by_meter;
  for (size_t i = 0; i < meter_count; ++i) {
    std::string where = "meters[" + std::to_string(i) + "]";
    if (meters[i].meter == nullptr) throw Failure(RL_INVALID_ARGUMENT, where + ".meter is NULL");
    auto& u = checked(meters[i].usage, (where + ".usage").c_str());
    auto& entry = by_meter[meters[i].meter];
    if (entry.intervals != nullptr || entry.reads != nullptr)
      throw Failure(RL_INVALID_ARGUMENT, where + ": meter `" + meters[i].meter + "` is given usage twice");
    if (auto* interval = std::get_if<IntervalUsage>(&u.usage)) entry.intervals = interval;
    else entry.reads = &std::get<RegisterUsage>(u.usage);
  }
  auto result = bill_services(t.services, by_meter, periods, to_account(account), to_options(options));
  hand_out(std::move(result.diagnostics), diagnostics);
  if (!result.series) return std::nullopt;
  return std::move(result.series->bills);
}

// Hands out `made` as a calloc'd array of bills, or frees what it made and rethrows.
void hand_out_bills(std::vector<Bill>& made, const TableOptions& table, rl_bill*** bills, size_t* count) {
  auto* array = static_cast<rl_bill**>(std::calloc(made.size(), sizeof(rl_bill*)));
  if (array == nullptr) throw std::bad_alloc();
  try {
    for (size_t i = 0; i < made.size(); ++i) array[i] = make_bill(std::move(made[i]), table);
  } catch (...) {
    rl_bills_free(array, made.size());
    throw;
  }
  *bills = array;
  *count = made.size();
}

// Bills `periods`; on success the bills, else nothing (the diagnostics say why).
std::optional<std::vector<Bill>> run(const rl_tariff* tariff, const rl_usage* usage, const std::vector<BillingPeriod>& periods,
                                     const rl_account* account, const rl_bill_options* options, bool single,
                                     rl_diagnostics** diagnostics) {
  auto& t = checked(tariff, "tariff");
  if (t.several()) throw Failure(RL_INVALID_ARGUMENT, several_services(t));
  Account a = to_account(account);
  BillOptions o = to_options(options);
  std::vector<Diagnostic> found;
  std::optional<std::vector<Bill>> bills;
  if (usage == nullptr && !t.services.front().needs_usage) {  // fixed charges only: billed on no usage
    auto result = bill_services(t.services, {}, periods, a, o);
    hand_out(std::move(result.diagnostics), diagnostics);
    if (result.series) bills = std::move(result.series->bills);
    return bills;
  }
  auto& u = checked(usage, "usage");
  if (auto* interval = std::get_if<IntervalUsage>(&u.usage); interval && single) {
    auto result = bill(t.graph(), *interval, periods.front(), a, o);
    found = std::move(result.diagnostics);
    if (result.bill) bills = std::vector<Bill>{std::move(*result.bill)};
  } else {
    auto result = interval ? bill_periods(t.graph(), *interval, periods, a, o)
                           : bill_periods(t.graph(), std::get<RegisterUsage>(u.usage), periods, a, o);
    found = std::move(result.diagnostics);
    if (result.series) bills = std::move(result.series->bills);
  }
  hand_out(std::move(found), diagnostics);
  return bills;
}

const rl_bill::Numbers& numbers(const rl_bill& b, size_t index) {
  if (index >= b.numbers.size())
    throw Failure(RL_OUT_OF_RANGE, "line item " + std::to_string(index) + " of " + std::to_string(b.numbers.size()));
  return b.numbers[index];
}

}  // namespace

extern "C" {

rl_status rl_bill_period(const rl_tariff* tariff, const rl_usage* usage, rl_date from, rl_date to, const rl_account* account,
                         const rl_bill_options* options, rl_bill** bill, rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (bill == nullptr) return fail(RL_INVALID_ARGUMENT, "bill (the result pointer) is NULL");
    *bill = nullptr;
    BillingPeriod period{to_date(from, "from"), to_date(to, "to")};
    if (period.days() <= 0) return fail(RL_INVALID_ARGUMENT, "the period is empty: `to` must come after `from`");
    auto bills = run(tariff, usage, {period}, account, options, true, diagnostics);
    if (!bills || bills->empty()) return fail(RL_DIAGNOSTICS, "the bill could not be made (see the diagnostics)");
    *bill = make_bill(std::move(bills->front()), tariff->table);
    return RL_OK;
  });
}

rl_status rl_bill_cycle(const rl_tariff* tariff, const rl_usage* usage, rl_date from, rl_date to, const rl_account* account,
                        const rl_bill_options* options, rl_bill*** bills, size_t* count, rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (bills == nullptr || count == nullptr) return fail(RL_INVALID_ARGUMENT, "bills or count (the result pointers) is NULL");
    *bills = nullptr;
    *count = 0;
    auto periods = monthly_periods(to_date(from, "from"), to_date(to, "to"));
    if (periods.empty()) return fail(RL_INVALID_ARGUMENT, "the period is empty: `to` must come after `from`");
    auto made = run(tariff, usage, periods, account, options, false, diagnostics);
    if (!made) return fail(RL_DIAGNOSTICS, "the bills could not be made (see the diagnostics)");
    hand_out_bills(*made, tariff->table, bills, count);
    return RL_OK;
  });
}

rl_status rl_bill_services_period(const rl_tariff* tariff, const rl_meter_usage* meters, size_t meter_count, rl_date from, rl_date to,
                                  const rl_account* account, const rl_bill_options* options, rl_bill** bill, rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (bill == nullptr) return fail(RL_INVALID_ARGUMENT, "bill (the result pointer) is NULL");
    *bill = nullptr;
    BillingPeriod period{to_date(from, "from"), to_date(to, "to")};
    if (period.days() <= 0) return fail(RL_INVALID_ARGUMENT, "the period is empty: `to` must come after `from`");
    auto bills = run_services(tariff, meters, meter_count, {period}, account, options, diagnostics);
    if (!bills || bills->empty()) return fail(RL_DIAGNOSTICS, "the bill could not be made (see the diagnostics)");
    *bill = make_bill(std::move(bills->front()), tariff->table);
    return RL_OK;
  });
}

rl_status rl_bill_services_cycle(const rl_tariff* tariff, const rl_meter_usage* meters, size_t meter_count, rl_date from, rl_date to,
                                 const rl_account* account, const rl_bill_options* options, rl_bill*** bills, size_t* count,
                                 rl_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (bills == nullptr || count == nullptr) return fail(RL_INVALID_ARGUMENT, "bills or count (the result pointers) is NULL");
    *bills = nullptr;
    *count = 0;
    auto periods = monthly_periods(to_date(from, "from"), to_date(to, "to"));
    if (periods.empty()) return fail(RL_INVALID_ARGUMENT, "the period is empty: `to` must come after `from`");
    auto made = run_services(tariff, meters, meter_count, periods, account, options, diagnostics);
    if (!made) return fail(RL_DIAGNOSTICS, "the bills could not be made (see the diagnostics)");
    hand_out_bills(*made, tariff->table, bills, count);
    return RL_OK;
  });
}

void rl_bill_free(rl_bill* bill) {
  guarded([&] {
    if (bill == nullptr) return RL_OK;
    checked(bill, "bill");
    unregister_handle(bill->notes);
    unregister_handle(bill);
    delete bill->notes;
    delete bill;
    return RL_OK;
  });
}

void rl_bills_free(rl_bill** bills, size_t count) {
  if (bills == nullptr) return;
  for (size_t i = 0; i < count; ++i) rl_bill_free(bills[i]);
  std::free(bills);
}

const char* rl_bill_tariff(const rl_bill* bill) {
  return guarded_value<const char*>(nullptr, [&] { return checked(bill, "bill").bill.tariff.c_str(); });
}
const char* rl_bill_currency(const rl_bill* bill) {
  return guarded_value<const char*>(nullptr, [&] { return checked(bill, "bill").bill.currency.c_str(); });
}
const char* rl_bill_total(const rl_bill* bill) {
  return guarded_value<const char*>(nullptr, [&] { return checked(bill, "bill").total.c_str(); });
}
int rl_bill_estimated(const rl_bill* bill) {
  return guarded_value<int>(0, [&] { return checked(bill, "bill").bill.estimated ? 1 : 0; });
}
size_t rl_bill_line_item_count(const rl_bill* bill) {
  return guarded_value<size_t>(0, [&] { return checked(bill, "bill").bill.line_items.size(); });
}

rl_status rl_bill_dates(const rl_bill* bill, rl_date* from, rl_date* to) {
  return guarded([&] {
    auto& b = checked(bill, "bill");
    if (from != nullptr) *from = from_date(b.bill.period.from);
    if (to != nullptr) *to = from_date(b.bill.period.to);
    return RL_OK;
  });
}

rl_status rl_bill_line_item(const rl_bill* bill, size_t index, rl_line_item* item) {
  return guarded([&] {
    auto& b = checked(bill, "bill");
    if (item == nullptr) return fail(RL_INVALID_ARGUMENT, "item is NULL");
    auto& n = numbers(b, index);
    auto& line = b.bill.line_items[index];
    *item = rl_line_item{line.id.c_str(),     line.label.c_str(),  n.kind.c_str(),         n.quantity.c_str(),   line.unit.c_str(),
                         n.rate.c_str(),      line.rate_unit.c_str(), n.amount.c_str(),    n.unrounded.c_str(),  line.season.c_str(),
                         line.period.c_str(), line.version.c_str(), line.trace.size()};
    return RL_OK;
  });
}

const char* rl_bill_line_item_trace(const rl_bill* bill, size_t index, size_t step) {
  return guarded_value<const char*>(nullptr, [&]() -> const char* {
    auto& b = checked(bill, "bill");
    numbers(b, index);
    auto& trace = b.bill.line_items[index].trace;
    if (step >= trace.size()) throw Failure(RL_OUT_OF_RANGE, "trace step " + std::to_string(step) + " of " + std::to_string(trace.size()));
    return trace[step].c_str();
  });
}

const char* rl_bill_line_item_service(const rl_bill* bill, size_t index) {
  return guarded_value<const char*>(nullptr, [&]() -> const char* {
    auto& b = checked(bill, "bill");
    numbers(b, index);
    return b.bill.line_items[index].service.c_str();
  });
}

size_t rl_bill_service_count(const rl_bill* bill) {
  return guarded_value<size_t>(0, [&] { return checked(bill, "bill").bill.services.size(); });
}

rl_status rl_bill_service_total(const rl_bill* bill, size_t index, rl_service_total* part) {
  return guarded([&] {
    auto& b = checked(bill, "bill");
    if (part == nullptr) return fail(RL_INVALID_ARGUMENT, "part (the result pointer) is NULL");
    auto& services = b.bill.services;
    if (index >= services.size()) return fail(RL_OUT_OF_RANGE, "service " + std::to_string(index) + " of " + std::to_string(services.size()));
    *part = rl_service_total{services[index].id.c_str(), services[index].label.c_str(), b.service_totals[index].c_str()};
    return RL_OK;
  });
}

const rl_diagnostics* rl_bill_notes(const rl_bill* bill) {
  return guarded_value<const rl_diagnostics*>(nullptr, [&] { return checked(bill, "bill").notes; });
}

rl_status rl_bill_format(const rl_bill* bill, rl_format format, char** text) {
  return guarded([&] {
    auto& b = checked(bill, "bill");
    if (text == nullptr) return fail(RL_INVALID_ARGUMENT, "text (the result pointer) is NULL");
    switch (format) {
      case RL_FORMAT_TABLE: *text = malloc_copy(format_table(b.bill, b.table)); return RL_OK;
      case RL_FORMAT_JSON: *text = malloc_copy(format_json(b.bill)); return RL_OK;
      case RL_FORMAT_CSV: *text = malloc_copy(format_csv(b.bill)); return RL_OK;
      case RL_FORMAT_EXPLAIN: *text = malloc_copy(format_explain(b.bill)); return RL_OK;
    }
    return fail(RL_INVALID_ARGUMENT, "format is not an rl_format");
  });
}

}  // extern "C"
