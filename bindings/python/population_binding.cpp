// rateline._rateline, population part: what rateline.dask needs to bill one partition of a
// population on a cluster worker with the C++ code `rateline batch` runs (population.hpp),
// so the rows are the same bytes. Rows cross as str decoded with surrogateescape (any byte
// of the input survives the round trip); counts as ints; nothing as float but timings.
//
//   read_accounts(text: bytes, path, tariff_dir, tariff or "") -> (ids, [rendered errors], {tariff path: bytes})
//   population_headers(options) -> (bills header, exceptions header)
//   PopulationBiller(accounts text: bytes, path, options: dict, {tariff path: bytes})
//     .bill_usage([files]) / .bill_without_usage([positions])
//       -> ([(position, bills, exceptions, bill_count, status)], summary dict)
#include <rateline/bill.hpp>
#include <rateline/population.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <stdexcept>

namespace py = pybind11;
using namespace rateline;

namespace {

py::str text(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

std::chrono::year_month_day day(const std::string& s, const char* what) {
  auto digits = [&](std::size_t from, std::size_t n) {
    unsigned v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') throw py::value_error(std::string(what) + " takes a date as YYYY-MM-DD, not '" + s + "'");
      v = v * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') throw py::value_error(std::string(what) + " takes a date as YYYY-MM-DD, not '" + s + "'");
  std::chrono::year_month_day d{std::chrono::year{static_cast<int>(digits(0, 4))}, std::chrono::month{digits(5, 2)}, std::chrono::day{digits(8, 2)}};
  if (!d.ok()) throw py::value_error(std::string(what) + ": no such day '" + s + "'");
  return d;
}

template <class T>
T get(const py::dict& d, const char* key, T fallback) {
  return d.contains(key) ? d[key].cast<T>() : fallback;
}

// The options of `rateline batch`, by the same names (docs/accounts-format.md).
PopulationOptions options_from(const py::dict& d) {
  PopulationOptions o;
  const auto from = day(get<std::string>(d, "from", ""), "from"), to = day(get<std::string>(d, "to", ""), "to");
  if (std::chrono::sys_days{to} <= std::chrono::sys_days{from}) throw py::value_error("the period's end must come after its start");
  const std::string cycle = get<std::string>(d, "cycle", "monthly");
  if (cycle != "monthly" && cycle != "none") throw py::value_error("cycle is monthly or none, not '" + cycle + "'");
  o.periods = cycle == "monthly" ? monthly_periods(from, to) : std::vector<BillingPeriod>{{from, to}};
  const std::string format = get<std::string>(d, "format", "csv");
  if (format != "csv" && format != "jsonl") throw py::value_error("format is csv or jsonl, not '" + format + "'");
  o.format = format == "jsonl" ? PopulationFormat::jsonl : PopulationFormat::csv;
  o.line_items = get<bool>(d, "line_items", false);
  const std::string order = get<std::string>(d, "usage_order", "table");
  if (order != "table" && order != "any") throw py::value_error("usage_order is table or any, not '" + order + "'");
  o.usage_order = order == "any" ? UsageOrder::any : UsageOrder::table;
  o.tariff_dir = get<std::string>(d, "tariff_dir", "tariffs");
  // bill_account reads register reads when reads_files is not empty; the files themselves
  // come with each partition.
  if (get<bool>(d, "reads", false)) o.reads_files = {"(partition)"};
  o.usage.gaps = get<bool>(d, "allow_gaps", false) ? GapPolicy::zero : GapPolicy::error;
  const std::string local = get<std::string>(d, "local_time", "error");
  o.usage.local_time = local == "earliest" ? LocalTimePolicy::earliest : local == "latest" ? LocalTimePolicy::latest : LocalTimePolicy::error;
  o.bill.coverage = get<bool>(d, "allow_partial", false) ? CoveragePolicy::bill_available : CoveragePolicy::error;
  o.bill.demand_window = get<std::string>(d, "demand_window", "tariff") == "data" ? DemandWindowPolicy::data_interval : DemandWindowPolicy::tariff;
  o.threads = 1;
  return o;
}

AccountsTable table_from(const std::string& text, const std::string& path) {
  AccountsReadResult read = read_accounts_csv(text, path);
  if (!read.table) {
    std::string message;
    for (const Diagnostic& d : read.diagnostics) message += render(d);
    throw py::value_error(message);
  }
  return std::move(*read.table);
}

py::tuple result_tuple(PartitionResult&& r) {
  py::list rows;
  for (AccountRows& a : r.accounts)
    rows.append(py::make_tuple(a.index, text(a.bills), text(a.exceptions), a.bill_count,
                               a.failed ? "failed" : a.not_in_service ? "not_in_service" : "billed"));
  const PopulationSummary& s = r.summary;
  py::dict summary;
  summary["accounts"] = s.accounts, summary["billed"] = s.billed, summary["failed"] = s.failed;
  summary["not_in_service"] = s.not_in_service, summary["bills"] = s.bills, summary["usage_rows"] = s.usage_rows;
  summary["unknown_accounts"] = s.unknown_accounts, summary["unknown_rows"] = s.unknown_rows, summary["first_unknown"] = s.first_unknown;
  summary["parse_seconds"] = s.parse_seconds, summary["bill_seconds"] = s.bill_seconds;
  py::list errors;
  for (const Diagnostic& d : s.errors) errors.append(text(render(d)));
  summary["errors"] = errors;
  return py::make_tuple(rows, summary);
}

}  // namespace

void register_population(py::module_& m) {
  m.def("read_accounts", [](const py::bytes& accounts_text, const std::string& path, const std::string& tariff_dir, const std::string& tariff) {
    const std::string t = accounts_text;
    AccountsReadResult read = read_accounts_csv(t, path);
    if (read.table && !tariff.empty())
      for (AccountRecord& r : read.table->accounts) r.tariff = tariff;
    py::list ids, errors;
    py::dict tariffs;
    for (const Diagnostic& d : read.diagnostics) errors.append(text(render(d)));
    if (read.table) {
      for (const AccountRecord& r : read.table->accounts) ids.append(text(r.account.id));
      for (auto& [p, body] : read_tariff_texts(*read.table, tariff_dir)) tariffs[py::str(p)] = py::bytes(body);
    }
    return py::make_tuple(ids, errors, tariffs);
  });
  m.def("population_headers", [](const py::dict& options) {
    return py::make_tuple(text(population_bills_header(options_from(options))), text(population_exceptions_header()));
  });
  py::class_<PopulationBiller>(m, "PopulationBiller")
      .def(py::init([](const py::bytes& accounts, const std::string& path, const py::dict& options, const std::map<std::string, py::bytes>& tariffs) {
        TariffTexts texts;
        for (auto& [p, body] : tariffs) texts.emplace(p, std::string(body));
        PopulationOptions o = options_from(options);
        AccountsTable table = table_from(std::string(accounts), path);
        // rateline compare OLD NEW: every account billed under one tariff file.
        if (options.contains("tariff"))
          for (AccountRecord& r : table.accounts) r.tariff = options["tariff"].cast<std::string>();
        py::gil_scoped_release released;
        return std::make_unique<PopulationBiller>(std::move(table), std::move(o), texts);
      }))
      .def_property_readonly("accounts", [](const PopulationBiller& b) { return b.table().accounts.size(); })
      .def("bill_usage", [](const PopulationBiller& b, const std::vector<std::string>& files) {
        PartitionResult r;
        {
          py::gil_scoped_release released;
          r = b.bill_usage(files);  // std::runtime_error (an unreadable file) becomes RuntimeError
        }
        return result_tuple(std::move(r));
      })
      .def("bill_without_usage", [](const PopulationBiller& b, const std::vector<std::size_t>& positions) {
        PartitionResult r;
        {
          py::gil_scoped_release released;
          r = b.bill_without_usage(positions);
        }
        return result_tuple(std::move(r));
      });
}
