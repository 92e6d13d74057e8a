// Bill formats: table, JSON, CSV, explanation (rateline/report.hpp).
#include "rateline/report.hpp"

#include "core/plural.hpp"
#include "core/shown_quantity.hpp"
#include "report/json_writer.hpp"

#include "rateline/calendar.hpp"


#include <algorithm>
#include <cstdio>
#include <sstream>

namespace rateline {

namespace {


std::string money(const Decimal& d) {
  std::string s = d.to_string();
  if (d.is_negative()) return "-$" + s.substr(1);
  return "$" + s;
}

std::string rate_text(const LineItem& li) {
  if (li.rate_unit == "%") return li.rate.to_string() + " %";
  if (li.rate_unit == "$") return money(li.rate);
  auto slash = li.rate_unit.find('/');
  std::string per = slash == std::string::npos ? "" : li.rate_unit.substr(slash);
  return money(li.rate) + per;
}

std::string pad(std::string s, std::size_t width, bool right = false) {
  // widths count characters, not bytes (labels may hold "¢" or "—")
  std::size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars >= width) return s;
  std::string fill(width - chars, ' ');
  return right ? fill + s : s + fill;
}

using report_detail::JsonWriter;

void write_items(JsonWriter& w, const Bill& bill) {
  w.key("line_items");
  w.begin_array();
  for (auto& li : bill.line_items) {
    w.begin_object();
    w.member("id", li.id);
    if (!li.service.empty()) w.member("service", li.service);
    w.member("label", li.label);
    w.member("kind", to_string(li.kind));
    w.member("quantity", li.quantity.to_string());
    w.member("unit", li.unit);
    w.member("rate", li.rate.to_string());
    w.member("rate_unit", li.rate_unit);
    w.member("amount", li.amount.to_string());
    if (li.unrounded != li.amount) w.member("unrounded", li.unrounded.to_string());
    if (!li.season.empty()) w.member("season", li.season);
    if (!li.period.empty()) w.member("period", li.period);
    if (!li.version.empty()) w.member("version", li.version);
    w.end_object();
  }
  w.end_array();
}

void write_services(JsonWriter& w, const Bill& bill) {
  if (bill.services.empty()) return;
  w.key("services");
  w.begin_array();
  for (auto& sv : bill.services) {
    w.begin_object();
    w.member("id", sv.id);
    w.member("label", sv.label);
    w.member("total", sv.total.to_string());
    w.end_object();
  }
  w.end_array();
}

void write_notes(JsonWriter& w, const Bill& bill) {
  if (bill.notes.empty()) return;
  w.key("notes");
  w.begin_array();
  for (auto& n : bill.notes) {
    w.begin_object();
    w.member("code", n.code);
    w.member("message", n.message);
    w.end_object();
  }
  w.end_array();
}

void write_period(JsonWriter& w, const BillingPeriod& p) {
  w.key("period");
  w.begin_object();
  w.member("from", format_date(p.from));
  w.member("to", format_date(p.to));
  w.end_object();
}

std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A quantity as the sheet bills it: at the step of the tariff's `rounding quantities` when
// the line is energy on that step, else the exact value without trailing fractional zeros
// (1200.000 kWh -> 1200 kWh). Never rounded: a value off the step keeps all its digits.
std::string quantity_text(const LineItem& li, const TableOptions& options) {
  if (li.unit == "$") return money(li.quantity);
  std::optional<int> places;
  if (auto step = options.quantity_places.find(li.service); li.kind == LineKind::energy && step != options.quantity_places.end())
    places = step->second;
  return shown_quantity(li.quantity, places) + " " + li.unit;
}

// The table leaves off a part of a charge (a tier, TOU period, season or revision line: its
// id has a suffix after `.` or `@`, docs/json-format.md) with quantity 0 and amount 0. A whole charge at $0 (a $0.00 fixed
// charge, a tax on a zero base) stays: the sheet states it. The total is unchanged.
bool on_table(const LineItem& li, const TableOptions& options) {
  return options.show_zero_lines || li.id.view().find_first_of(".@") == std::string_view::npos || !li.quantity.is_zero() || !li.amount.is_zero();
}

void table_body(const Bill& bill, const TableOptions& options, std::ostream& out) {
  std::vector<const LineItem*> lines;
  for (auto& li : bill.line_items)
    if (on_table(li, options)) lines.push_back(&li);
  std::size_t label_width = 30;
  for (auto* li : lines) label_width = std::max(label_width, li->label.size() + 2);
  label_width = std::min<std::size_t>(label_width, 70);
  auto quantity = [&](const LineItem& li) { return quantity_text(li, options); };
  // columns keep at least two spaces between them whatever the width of a rate or quantity
  std::size_t quantity_width = 22, rate_width = 20, amount_width = 14;
  for (auto* line : lines) {
    const auto& li = *line;
    quantity_width = std::max(quantity_width, chars(quantity(li)) + 2);
    rate_width = std::max(rate_width, chars(rate_text(li)) + 2);
    amount_width = std::max(amount_width, chars(money(li.amount)) + 2);
  }
  amount_width = std::max(amount_width, chars(money(bill.total)) + 2);
  for (auto& sv : bill.services) rate_width = std::max(rate_width, chars(sv.label) + 2);
  out << "  " << pad("Line item", label_width) << pad("Quantity", quantity_width, true) << pad("Rate", rate_width, true)
      << pad("Amount", amount_width, true) << "\n";
  // A bill for several services: each service's lines under its label, with its subtotal.
  const ServiceTotal* service = nullptr;
  auto subtotal = [&] {
    if (service)
      out << "  " << pad("", label_width) << pad("", quantity_width) << pad(service->label, rate_width, true) << pad(money(service->total), amount_width, true)
          << "\n";
  };
  for (auto* line : lines) {
    const auto& li = *line;
    if (!li.service.empty() && (!service || service->id != li.service)) {
      subtotal();
      for (auto& s : bill.services)
        if (s.id == li.service) service = &s;
      out << "  " << (service ? service->label : li.service) << "\n";
    }
    // a label longer than its column keeps two spaces before the quantity
    std::string label = chars(li.label) >= label_width ? li.label + "  " : li.label.str();
    out << "  " << pad(label, label_width) << pad(quantity(li), quantity_width, true) << pad(rate_text(li), rate_width, true)
        << pad(money(li.amount), amount_width, true) << "\n";
  }
  subtotal();
  out << "  " << pad("", label_width) << pad("", quantity_width) << pad("Total", rate_width, true) << pad(money(bill.total), amount_width, true)
      << "\n";
  for (auto& n : bill.notes) out << "  note: " << n.message << "\n";
}

}  // namespace

std::string format_table(const Bill& bill, const TableOptions& options) {
  std::ostringstream out;
  out << bill.tariff << "\n";
  out << "Billing period " << format_date(bill.period.from) << " to " << format_date(bill.period.to) << " (" << count_of(bill.period.days(), "day") << ")\n\n";
  table_body(bill, options, out);
  return out.str();
}

std::string format_table(const Bill& bill) { return format_table(bill, TableOptions{}); }

std::string format_json(const Bill& bill) {
  JsonWriter w;
  w.begin_object();
  w.member("tariff", bill.tariff);
  write_period(w, bill.period);
  w.member("currency", bill.currency);
  write_items(w, bill);
  write_services(w, bill);
  w.member("total", bill.total.to_string());
  if (bill.estimated) {
    w.key("estimated");
    w.boolean(true);
  }
  write_notes(w, bill);
  w.end_object();
  return std::move(w).finish();
}

namespace {
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
void csv_rows(const Bill& bill, std::ostream& out) {
  for (auto& li : bill.line_items)
    out << format_date(bill.period.from) << ',' << format_date(bill.period.to) << ',' << csv_field(li.id) << ',' << csv_field(li.label) << ','
        << to_string(li.kind) << ',' << li.quantity << ',' << li.unit << ',' << li.rate << ',' << csv_field(li.rate_unit) << ',' << li.amount
        << "\n";
  out << format_date(bill.period.from) << ',' << format_date(bill.period.to) << ",total,Total,total,,,,," << bill.total << "\n";
}
const char* kCsvHeader = "from,to,id,label,kind,quantity,unit,rate,rate_unit,amount\n";
}  // namespace

std::string format_csv(const Bill& bill) {
  std::ostringstream out;
  out << kCsvHeader;
  csv_rows(bill, out);
  return out.str();
}

std::string format_series_json(const BillSeries& series) {
  JsonWriter w;
  w.begin_object();
  w.member("tariff", series.bills.empty() ? "" : series.bills.front().tariff);
  w.member("currency", series.bills.empty() ? "" : series.bills.front().currency);
  w.key("bills");
  w.begin_array();
  for (auto& b : series.bills) {
    w.begin_object();
    write_period(w, b.period);
    write_items(w, b);
    write_services(w, b);
    w.member("total", b.total.to_string());
    write_notes(w, b);
    w.end_object();
  }
  w.end_array();
  w.member("total", series.total.to_string());
  w.end_object();
  return std::move(w).finish();
}

std::string format_series_table(const BillSeries& series, const TableOptions& options) {
  std::ostringstream out;
  for (auto& b : series.bills) out << format_table(b, options) << "\n";
  out << "Total of " << count_of(static_cast<long long>(series.bills.size()), "bill") << ": " << money(series.total) << "\n";
  return out.str();
}

std::string format_series_table(const BillSeries& series) { return format_series_table(series, TableOptions{}); }

std::string format_series_csv(const BillSeries& series) {
  std::ostringstream out;
  out << kCsvHeader;
  for (auto& b : series.bills) csv_rows(b, out);
  return out.str();
}

std::string format_explain(const Bill& bill) {
  std::ostringstream out;
  out << bill.tariff << "\n";
  out << "Billing period " << format_date(bill.period.from) << " to " << format_date(bill.period.to) << " (" << count_of(bill.period.days(), "day") << ")\n\n";
  std::string service;
  for (auto& li : bill.line_items) {
    if (li.service != service) {
      service = li.service;
      for (auto& sv : bill.services)
        if (sv.id == service) out << "== " << sv.label << " ==\n\n";
    }
    out << li.label << "  [" << li.id << ", " << to_string(li.kind) << "]  " << money(li.amount) << "\n";
    for (auto& step : li.trace) out << "    " << step << "\n";
    out << "\n";
  }
  out << "Total " << money(bill.total) << " = the sum of the " << count_of(static_cast<long long>(bill.line_items.size()), "line item") << " above\n";
  for (auto& n : bill.notes) out << "note: " << n.message << "\n";
  return out.str();
}

}  // namespace rateline
