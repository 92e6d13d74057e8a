// The rows of a bill for several services in a population's output (bill_rows.hpp,
// docs/accounts-format.md "Several services"): the bill's columns, with `usage` and `unit`
// per meter (`electric=1000;water=6500`, `electric=kWh;water=gal`), each service's part in
// `services` (`electric=122.04;water=51.57`) and each line item's service.
#include "population/bill_rows.hpp"

#include "population/dates.hpp"

namespace rateline::population_detail {

namespace {

struct MeterFigure {
  std::string meter, usage, unit;
};

std::vector<MeterFigure> meter_figures(const Bill& bill, const BillRowContext& c, const std::vector<MeterSeries>& meters) {
  std::vector<MeterFigure> out;
  for (const MeterSeries& m : meters) {
    Decimal usage;
    if (m.reads) {
      auto consumption = consumption_between(*m.reads, bill.period.from, bill.period.to);
      if (consumption) usage = consumption->consumption;
    } else if (m.intervals && c.tariff.zone) {
      usage = interval_usage(m.intervals->delivered, *c.tariff.zone, bill.period);
    }
    out.push_back({m.meter, usage.to_string(), m.unit});
  }
  return out;
}

template <class F>
std::string joined(const std::vector<MeterFigure>& figures, F&& value) {
  std::string out;
  for (const MeterFigure& f : figures) out += (out.empty() ? "" : ";") + f.meter + "=" + value(f);
  return out;
}

void append_csv_bill(std::string& out, const BillRowContext& c, const Bill& bill, const std::vector<MeterFigure>& figures) {
  append_csv_field(out, c.record.account.id);
  out += ',';
  append_csv_field(out, c.record.tariff);
  out += ',' + format_day(bill.period.from) + ',' + format_day(bill.period.to) + ',';
  append_csv_field(out, joined(figures, [](const MeterFigure& f) { return f.usage; }));
  out += ',';
  append_csv_field(out, joined(figures, [](const MeterFigure& f) { return f.unit; }));
  out += ',' + bill.total.to_string();
  // The column is in the header only when the run names meters (population_bills_header).
  if (c.options.meter_files.empty()) return;
  std::string parts;
  for (const ServiceTotal& s : bill.services) parts += (parts.empty() ? "" : ";") + s.id + "=" + s.total.to_string();
  out += ',';
  append_csv_field(out, parts);
}

void append_jsonl_bill(std::string& out, const BillRowContext& c, const Bill& bill, const std::vector<MeterFigure>& figures) {
  out += "{\"account\":";
  append_json_string(out, c.record.account.id);
  out += ",\"tariff\":";
  append_json_string(out, c.record.tariff);
  out += ",\"from\":\"" + format_day(bill.period.from) + "\",\"to\":\"" + format_day(bill.period.to) + "\",\"meters\":[";
  for (std::size_t i = 0; i < figures.size(); ++i) {
    out += i ? ",{\"meter\":" : "{\"meter\":";
    append_json_string(out, figures[i].meter);
    out += ",\"usage\":\"" + figures[i].usage + "\",\"unit\":\"" + figures[i].unit + "\"}";
  }
  out += "],\"total\":\"" + bill.total.to_string() + "\",\"services\":[";
  for (std::size_t i = 0; i < bill.services.size(); ++i) {
    out += i ? ",{\"id\":" : "{\"id\":";
    append_json_string(out, bill.services[i].id);
    out += ",\"label\":";
    append_json_string(out, bill.services[i].label);
    out += ",\"total\":\"" + bill.services[i].total.to_string() + "\"}";
  }
  out += ']';
  if (c.options.line_items) {
    out += ",\"line_items\":[";
    for (std::size_t i = 0; i < bill.line_items.size(); ++i) {
      if (i) out += ',';
      append_json_line_item(out, bill.line_items[i], true);
    }
    out += ']';
  }
  out += "}\n";
}

}  // namespace

std::size_t append_services_bill_rows(std::string& out, const BillRowContext& c, const BillSeries& series,
                                      const std::vector<MeterSeries>& meters) {
  for (const Bill& bill : series.bills) {
    const std::vector<MeterFigure> figures = meter_figures(bill, c, meters);
    if (c.options.format == PopulationFormat::jsonl) {
      append_jsonl_bill(out, c, bill, figures);
      continue;
    }
    if (!c.options.line_items) {
      append_csv_bill(out, c, bill, figures);
      out += '\n';
      continue;
    }
    for (std::size_t i = 0; i < bill.line_items.size(); ++i) {
      const LineItem& item = bill.line_items[i];
      append_csv_bill(out, c, bill, figures);
      out += ',' + std::to_string(i + 1) + ',';
      append_csv_field(out, item.id);
      out += ',';
      append_csv_field(out, item.label);
      out += ',';
      out += to_string(item.kind);
      out += ',' + item.quantity.to_string() + ',';
      append_csv_field(out, item.unit);
      out += ',' + item.rate.to_string() + ',';
      append_csv_field(out, item.rate_unit);
      out += ',' + item.amount.to_string();
      if (!c.options.meter_files.empty()) {
        out += ',';
        append_csv_field(out, item.service);
      }
      out += '\n';
    }
  }
  return series.bills.size();
}

}  // namespace rateline::population_detail
