// rateline._rateline: the C++ half of the Python module (bindings/python/rateline/ is the
// Python half). It moves data across as exact text and integers, never floats: decimals
// cross as strings, which the Python side turns into decimal.Decimal. Billing and
// compiling release the GIL, so several Python threads bill at once.
//
//   compile(text, name, is_file, resolver) -> (Tariff | None, [diagnostic tuples], rendered)
//   Tariff.bill(usage, [(from, to)], single, account, options) -> ([Bill] | None, diags, rendered)
//   Tariff.bill_services({meter: usage}, [(from, to)], account, options) -> the same, for a
//     tariff of several services (Tariff.services lists them)
//   usage_from_csv / usage_from_grid / register_reads_from_csv -> Usage
//   import_urdb(json, path, time_zone, allocation, label, effective) -> (text | None, diags, rendered)
// Diagnostic tuple: (severity, code, file, line, column, message, hint).
#include <rateline/rateline.h>
#include <rateline/rateline.hpp>

#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <stdexcept>
#include <variant>

namespace py = pybind11;
using namespace rateline;

namespace {

using Date = std::tuple<int, unsigned, unsigned>;
using DiagnosticTuple = std::tuple<std::string, std::string, std::string, std::uint32_t, std::uint32_t, std::string, std::string>;

std::chrono::year_month_day to_ymd(const Date& d) {
  std::chrono::year_month_day ymd{std::chrono::year{std::get<0>(d)}, std::chrono::month{std::get<1>(d)}, std::chrono::day{std::get<2>(d)}};
  if (!ymd.ok()) throw py::value_error("not a date: " + std::to_string(std::get<0>(d)) + "-" + std::to_string(std::get<1>(d)) + "-" +
                                       std::to_string(std::get<2>(d)));
  return ymd;
}
Date from_ymd(std::chrono::year_month_day d) { return {int(d.year()), unsigned(d.month()), unsigned(d.day())}; }

std::vector<DiagnosticTuple> tuples(const std::vector<Diagnostic>& list) {
  std::vector<DiagnosticTuple> out;
  for (auto& d : list) {
    std::uint32_t line = 0, column = 0;
    if (d.span.file) {
      auto p = d.span.file->position(d.span.begin);
      line = p.line;
      column = p.column;
    }
    std::string severity = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note";
    out.emplace_back(severity, d.code, d.span.file ? d.span.file->path() : "", line, column, d.message, d.hint);
  }
  return out;
}

std::string rendered(const std::vector<Diagnostic>& list) {
  std::string out;
  for (auto& d : list) out += render(d);
  return out;
}

struct Usage {
  std::variant<IntervalUsage, RegisterUsage> usage;
};

// One ServiceGraph per `service` block, or one with an empty id for a tariff without blocks.
struct PyTariff {
  std::vector<ServiceGraph> services;
  TableOptions table;  // the quantities' print steps its rounding statements give

  bool several() const { return !services.front().id.empty(); }
  const RateGraph& graph() const { return services.front().graph; }
};

py::tuple compile(const std::string& text_or_path, const std::string& name, bool is_file, std::optional<py::function> resolver) {
  ServicesCompileResult result;
  std::shared_ptr<const SourceFile> source;
  if (is_file) {
    try {
      source = SourceFile::load(text_or_path);
    } catch (const std::runtime_error& e) {
      throw py::value_error(e.what());  // the Python side raises OSError-like FileNotFoundError earlier; this is a race
    }
  } else {
    source = std::make_shared<const SourceFile>(name, text_or_path);
  }
  if (resolver) {
    ImportResolver resolve = [&](const std::string& importing, const std::string& import) -> std::optional<SourceFile> {
      py::gil_scoped_acquire gil;
      py::object found = (*resolver)(importing, import);
      if (found.is_none()) return std::nullopt;
      try {
        auto pair = found.cast<std::pair<std::string, std::string>>();
        return SourceFile(pair.first, pair.second);
      } catch (const py::cast_error&) {
        throw py::type_error("the import resolver must return (path, text) or None, not " +
                             std::string(py::str(py::type::of(found).attr("__name__"))) + " (for `" + import + "`)");
      }
    };
    py::gil_scoped_release release;
    result = compile_services(source, resolve);
  } else {
    py::gil_scoped_release release;
    result = compile_services(source);
  }
  py::object tariff = py::none();
  if (!result.services.empty()) {
    auto table = table_options(result.services);
    tariff = py::cast(PyTariff{std::move(result.services), std::move(table)});
  }
  return py::make_tuple(tariff, tuples(result.diagnostics), rendered(result.diagnostics));
}

Account to_account(const py::dict& a) {
  Account account;
  if (a.contains("id") && !a["id"].is_none()) account.id = a["id"].cast<std::string>();
  if (a.contains("attributes")) account.attributes = a["attributes"].cast<std::map<std::string, std::string>>();
  if (a.contains("demand_history"))
    for (auto& [year, month, kw] : a["demand_history"].cast<std::vector<std::tuple<int, unsigned, std::string>>>()) {
      std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
      auto value = Decimal::parse(kw);
      if (!ym.ok() || !value) throw py::value_error("demand_history: " + std::to_string(year) + "-" + std::to_string(month) + " " + kw);
      account.demand_history.push_back({ym, *value});
    }
  if (a.contains("usage_history"))
    for (auto& [year, month, usage] : a["usage_history"].cast<std::vector<std::tuple<int, unsigned, std::string>>>()) {
      std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
      auto value = Decimal::parse(usage);
      if (!ym.ok() || !value || value->is_negative())
        throw py::value_error("usage_history: " + std::to_string(year) + "-" + std::to_string(month) + " " + usage);
      account.usage_history.push_back({ym, *value});
    }
  if (a.contains("past_due") && !a["past_due"].is_none()) {
    auto value = Decimal::parse(a["past_due"].cast<std::string>());
    if (!value || value->is_negative()) throw py::value_error("past_due is not a non-negative decimal");
    account.past_due = *value;
  }
  if (a.contains("due_date") && !a["due_date"].is_none()) account.due_date = to_ymd(a["due_date"].cast<Date>());
  if (a.contains("paid_on") && !a["paid_on"].is_none()) account.paid_on = to_ymd(a["paid_on"].cast<Date>());
  return account;
}

BillOptions to_options(const std::string& coverage, const std::string& demand_window, bool trace, std::optional<Date> as_of) {
  BillOptions options;
  if (coverage == "bill_available") options.coverage = CoveragePolicy::bill_available;
  else if (coverage != "error") throw py::value_error("coverage must be 'error' or 'bill_available', not '" + coverage + "'");
  if (demand_window == "data_interval") options.demand_window = DemandWindowPolicy::data_interval;
  else if (demand_window != "tariff") throw py::value_error("demand_window must be 'tariff' or 'data_interval', not '" + demand_window + "'");
  options.trace = trace;
  if (as_of) options.as_of = to_ymd(*as_of);
  return options;
}

py::tuple bill_usage(const PyTariff& tariff, const Usage& usage, const std::vector<std::pair<Date, Date>>& dates, bool single,
                     const py::dict& account_fields, const std::string& coverage, const std::string& demand_window, bool trace,
                     std::optional<Date> as_of) {
  if (tariff.several()) throw py::value_error("this tariff bills several services: bill it with the usage of each meter");
  Account account = to_account(account_fields);
  BillOptions options = to_options(coverage, demand_window, trace, as_of);
  std::vector<BillingPeriod> periods;
  for (auto& [from, to] : dates) periods.push_back({to_ymd(from), to_ymd(to)});
  std::optional<std::vector<Bill>> bills;
  std::vector<Diagnostic> diagnostics;
  {
    py::gil_scoped_release release;  // the account, options and periods are C++ values now
    auto* interval = std::get_if<IntervalUsage>(&usage.usage);
    if (interval && single) {
      auto result = bill(tariff.graph(), *interval, periods.front(), account, options);
      diagnostics = std::move(result.diagnostics);
      if (result.bill) bills = std::vector<Bill>{std::move(*result.bill)};
    } else {
      auto result = interval ? bill_periods(tariff.graph(), *interval, periods, account, options)
                             : bill_periods(tariff.graph(), std::get<RegisterUsage>(usage.usage), periods, account, options);
      diagnostics = std::move(result.diagnostics);
      if (result.series) bills = std::move(result.series->bills);
    }
  }
  py::object out = py::none();
  if (bills) out = py::cast(std::move(*bills));
  return py::make_tuple(out, tuples(diagnostics), rendered(diagnostics));
}

// A tariff of several services on the usage of each meter (the Usage objects stay alive:
// the Python caller holds them for the call).
py::tuple bill_services_usage(const PyTariff& tariff, const std::map<std::string, const Usage*>& meters,
                              const std::vector<std::pair<Date, Date>>& dates, const py::dict& account_fields, const std::string& coverage,
                              const std::string& demand_window, bool trace, std::optional<Date> as_of) {
  if (!tariff.several() && (tariff.services.front().needs_usage || !meters.empty()))
    throw py::value_error("this tariff has no service blocks: bill it with one usage");
  Account account = to_account(account_fields);
  BillOptions options = to_options(coverage, demand_window, trace, as_of);
  std::vector<BillingPeriod> periods;
  for (auto& [from, to] : dates) periods.push_back({to_ymd(from), to_ymd(to)});
  std::map<std::string, MeterUsage> by_meter;
  for (auto& [meter, usage] : meters) {
    if (usage == nullptr) throw py::value_error("meter '" + meter + "' has no usage");
    if (auto* interval = std::get_if<IntervalUsage>(&usage->usage)) by_meter[meter].intervals = interval;
    else by_meter[meter].reads = &std::get<RegisterUsage>(usage->usage);
  }
  BillSeriesResult result;
  {
    py::gil_scoped_release release;
    result = bill_services(tariff.services, by_meter, periods, account, options);
  }
  py::object out = py::none();
  if (result.series) out = py::cast(std::move(result.series->bills));
  return py::make_tuple(out, tuples(result.diagnostics), rendered(result.diagnostics));
}

py::tuple usage_from_csv(const std::string& path, const std::string& time_zone, std::optional<std::int32_t> minutes, bool gaps_zero) {
  UsageReadOptions options;
  options.time_zone = time_zone;
  options.interval_minutes = minutes;
  options.gaps = gaps_zero ? GapPolicy::zero : GapPolicy::error;
  UsageReadResult result;
  {
    py::gil_scoped_release release;
    result = read_interval_csv_file(path, options);  // std::runtime_error -> RuntimeError (the Python side checks the file first)
  }
  py::object usage = py::none();
  if (result.usage) usage = py::cast(Usage{std::move(*result.usage)});
  return py::make_tuple(usage, tuples(result.diagnostics), rendered(result.diagnostics));
}

py::tuple register_reads_from_csv(const std::string& path, const std::string& unit_name) {
  auto unit = parse_unit(unit_name);
  if (!unit) throw py::value_error("unit '" + unit_name + "' is not a unit rateline knows");
  auto result = read_register_reads_file(path, *unit);
  py::object usage = py::none();
  if (result.usage) usage = py::cast(Usage{std::move(*result.usage)});
  return py::make_tuple(usage, tuples(result.diagnostics), rendered(result.diagnostics));
}

// One channel already laid on its grid by the Python side (rateline/_usage.py).
IntervalSeries series(std::int64_t start, std::int32_t minutes, std::int32_t scale, const std::string& unit_name,
                      std::vector<std::int64_t> values, std::vector<std::uint32_t> missing) {
  auto unit = parse_unit(unit_name);
  if (!unit || (*unit != Unit::kWh && *unit != Unit::kW && *unit != Unit::kVARh))
    throw py::value_error("unit '" + unit_name + "' is not an interval unit (kWh or kW)");
  IntervalSeries s;
  s.start = std::chrono::sys_seconds{std::chrono::seconds{start}};
  s.minutes = minutes;
  s.scale = scale;
  s.unit = *unit;
  s.values = std::move(values);
  s.missing = std::move(missing);
  return s;
}

Usage usage_from_grid(std::int64_t start, std::int32_t minutes, const std::string& source,
                      const std::vector<std::tuple<std::string, std::string, std::int32_t, std::vector<std::int64_t>>>& channels,
                      const std::vector<std::uint32_t>& missing) {
  if (minutes <= 0 || minutes > 1440) throw py::value_error("interval minutes must be 1..1440");
  IntervalUsage usage;
  usage.source = source;
  bool delivered = false;
  for (auto& [role, unit, scale, values] : channels) {
    auto s = series(start, minutes, scale, unit, values, missing);
    if (role == "delivered") usage.delivered = std::move(s), delivered = true;
    else if (role == "received") usage.received = std::move(s);
    else if (role == "reactive") usage.reactive = std::move(s);
    else throw py::value_error("unknown channel " + role);
  }
  if (!delivered) throw py::value_error("no delivered channel");
  return Usage{std::move(usage)};
}

py::tuple import_urdb_text(const std::string& json, const std::string& path, const std::string& time_zone, const std::string& allocation,
                           const std::string& label, std::optional<Date> effective) {
  UrdbImportOptions options;
  options.time_zone = time_zone;
  if (allocation == "chronological") options.tier_allocation = UrdbTierAllocation::chronological;
  else if (allocation != "proportional") throw py::value_error("tier_allocation must be 'proportional' or 'chronological'");
  options.label = label;
  if (effective) options.effective = to_ymd(*effective);
  auto result = import_urdb(json, path, options);
  py::object text = py::none();
  if (result.tariff_text) text = py::cast(*result.tariff_text);
  return py::make_tuple(text, tuples(result.diagnostics), rendered(result.diagnostics));
}

py::dict line_item(const LineItem& item) {
  py::dict d;
  d["id"] = item.id.view();
  d["label"] = item.label.view();
  d["kind"] = std::string(to_string(item.kind));
  d["quantity"] = item.quantity.to_string();
  d["unit"] = item.unit;
  d["rate"] = item.rate.to_string();
  d["rate_unit"] = item.rate_unit;
  d["amount"] = item.amount.to_string();
  d["unrounded"] = item.unrounded.to_string();
  d["season"] = item.season;
  d["period"] = item.period;
  d["version"] = item.version;
  d["trace"] = item.trace;
  d["service"] = item.service;
  return d;
}

}  // namespace

void register_population(py::module_& m);  // population_binding.cpp (rateline.dask)

PYBIND11_MODULE(_rateline, m) {
  m.doc() = "rateline's C++ core; use the `rateline` package";
  m.attr("version") = RL_VERSION_STRING;

  py::class_<PyTariff>(m, "Tariff")
      .def_property_readonly("info", [](const PyTariff& t) {
        auto& i = t.graph().info();
        py::dict d;
        d["name"] = i.name, d["utility"] = i.utility, d["service"] = i.service, d["currency"] = i.currency;
        d["time_zone"] = i.time_zone, d["source"] = i.source, d["path"] = i.path;
        d["effective"] = from_ymd(i.effective);
        d["expires"] = i.expires.ok() ? py::cast(from_ymd(i.expires)) : py::none();
        return d;
      })
      .def_property_readonly("services", [](const PyTariff& t) {
        std::vector<std::tuple<std::string, std::string, std::string, bool>> out;  // (id, label, meter, needs_usage)
        if (t.several())
          for (auto& s : t.services) out.emplace_back(s.id, s.label, s.meter, s.needs_usage);
        return out;
      })
      .def_property_readonly("quantity_places", [](const PyTariff& t) { return t.table.quantity_places; })
      .def_property_readonly("needs_usage", [](const PyTariff& t) {
        return std::any_of(t.services.begin(), t.services.end(), [](const ServiceGraph& s) { return s.needs_usage; });
      })
      // Several services: one digraph / listing each, one after another.
      .def("dot", [](const PyTariff& t) {
        std::string text;
        for (auto& s : t.services) text += format_dot(s.graph);
        return text;
      })
      .def("describe", [](const PyTariff& t) {
        std::string text;
        for (auto& s : t.services) text += (t.several() ? "service " + s.id + " (" + s.label + ")\n" : "") + describe(s.graph);
        return text;
      })
      .def("bill", &bill_usage)
      .def("bill_services", &bill_services_usage);

  py::class_<Usage>(m, "Usage")
      .def_property_readonly("kind", [](const Usage& u) { return std::holds_alternative<IntervalUsage>(u.usage) ? "interval" : "register"; })
      .def_property_readonly("source", [](const Usage& u) { return std::visit([](auto& x) { return x.source; }, u.usage); })
      .def_property_readonly("intervals", [](const Usage& u) {
        return std::visit([](auto& x) -> std::size_t {
          if constexpr (std::is_same_v<std::decay_t<decltype(x)>, IntervalUsage>) return x.delivered.values.size();
          else return x.intervals.size();
        }, u.usage);
      });

  py::class_<Bill>(m, "Bill")
      .def_property_readonly("tariff", [](const Bill& b) { return b.tariff; })
      .def_property_readonly("period", [](const Bill& b) { return std::make_pair(from_ymd(b.period.from), from_ymd(b.period.to)); })
      .def_property_readonly("currency", [](const Bill& b) { return b.currency; })
      .def_property_readonly("total", [](const Bill& b) { return b.total.to_string(); })
      .def_property_readonly("estimated", [](const Bill& b) { return b.estimated; })
      .def_property_readonly("line_items", [](const Bill& b) {
        py::list items;
        for (auto& item : b.line_items) items.append(line_item(item));
        return items;
      })
      .def_property_readonly("services", [](const Bill& b) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;  // (id, label, total)
        for (auto& s : b.services) out.emplace_back(s.id, s.label, s.total.to_string());
        return out;
      })
      .def_property_readonly("notes", [](const Bill& b) { return py::make_tuple(tuples(b.notes), rendered(b.notes)); })
      .def("format", [](const Bill& b, const std::string& format, const std::map<std::string, int>& quantity_places) {
        TableOptions table;
        table.quantity_places = quantity_places;
        if (format == "table") return format_table(b, table);
        if (format == "json") return format_json(b);
        if (format == "csv") return format_csv(b);
        if (format == "explain") return format_explain(b);
        throw py::value_error("format must be table, json, csv or explain, not '" + format + "'");
      }, py::arg("format"), py::arg("quantity_places") = std::map<std::string, int>{});

  m.def("compile", &compile);
  m.def("usage_from_csv", &usage_from_csv);
  m.def("usage_from_grid", &usage_from_grid);
  m.def("register_reads_from_csv", &register_reads_from_csv);
  m.def("import_urdb", &import_urdb_text);
  register_population(m);
}
