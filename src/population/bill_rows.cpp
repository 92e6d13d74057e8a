// A population's bills as CSV / JSON Lines rows: see bill_rows.hpp and docs/accounts-format.md.
#include "population/bill_rows.hpp"

#include "population/dates.hpp"

#include <algorithm>

namespace rateline::population_detail {

namespace {

constexpr const char* kBillColumns = "account,tariff,from,to,usage,unit,total";
constexpr const char* kLineColumns = ",line,id,label,kind,quantity,item_unit,rate,rate_unit,amount";

}  // namespace

// Energy delivered over the bill's local days [from, to), from the interval series.
// kW series hold average power: energy = kW × minutes / 60, exact when it terminates
// (always at 15, 30, 60 minutes), else rounded half-even to 9 places past the data's.
Decimal interval_usage(const IntervalSeries& series, const TimeZone& zone, const BillingPeriod& period) {
  const auto length = std::chrono::seconds(std::int64_t{series.minutes} * 60);
  auto index = [&](std::chrono::sys_seconds t) {
    const auto i = (t - series.start) / length;
    return static_cast<std::size_t>(std::clamp<std::int64_t>(i, 0, static_cast<std::int64_t>(series.values.size())));
  };
  const std::size_t begin = index(zone.start_of_day(period.from)), end = index(zone.start_of_day(period.to));
  std::int64_t sum = 0;
  Decimal big;
  bool overflow = false;
  for (std::size_t i = begin; i < end; ++i) {
    if (__builtin_add_overflow(sum, series.values[i], &sum)) {
      overflow = true;
      break;
    }
  }
  if (overflow) {
    for (std::size_t i = begin; i < end; ++i) big += Decimal(series.values[i]);
  } else {
    big = Decimal(sum);
  }
  Decimal energy(big.coefficient(), series.scale);
  if (series.unit != Unit::kW) return energy;
  const Decimal product = energy * Decimal(std::int64_t{series.minutes});
  const Decimal exact = product.divided_by(Decimal(60), series.scale + 2, RoundingMode::half_even);
  if (exact * Decimal(60) == product) return exact;
  return product.divided_by(Decimal(60), series.scale + 9, RoundingMode::half_even);
}

namespace {

Decimal bill_usage(const Bill& bill, const BillRowContext& context, const IntervalUsage* intervals, const RegisterUsage* reads) {
  if (reads) {
    auto consumption = consumption_between(*reads, bill.period.from, bill.period.to);
    return consumption ? consumption->consumption : Decimal();
  }
  if (intervals && context.tariff.zone) return interval_usage(intervals->delivered, *context.tariff.zone, bill.period);
  return Decimal();
}

void append_csv_bill(std::string& out, const BillRowContext& c, const Bill& bill, const std::string& usage) {
  append_csv_field(out, c.record.account.id);
  out += ',';
  append_csv_field(out, c.record.tariff);
  out += ',';
  out += format_day(bill.period.from);
  out += ',';
  out += format_day(bill.period.to);
  out += ',';
  out += usage;
  out += ',';
  out += c.tariff.unit;
  out += ',';
  out += bill.total.to_string();
}

}  // namespace

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  out += '"';
}

void append_json_line_item(std::string& out, const LineItem& item, bool with_service) {
  if (with_service) {
    out += "{\"service\":";
    append_json_string(out, item.service);
    out += ",\"id\":";
  } else {
    out += "{\"id\":";
  }
  append_json_string(out, item.id);
  out += ",\"label\":";
  append_json_string(out, item.label);
  out += ",\"kind\":\"" + std::string(to_string(item.kind)) + "\",\"quantity\":\"" + item.quantity.to_string() + "\",\"unit\":";
  append_json_string(out, item.unit);
  out += ",\"rate\":\"" + item.rate.to_string() + "\",\"rate_unit\":";
  append_json_string(out, item.rate_unit);
  out += ",\"amount\":\"" + item.amount.to_string() + "\"}";
}

std::size_t append_bill_rows(std::string& out, const BillRowContext& c, const BillSeries& series, const IntervalUsage* intervals,
                             const RegisterUsage* reads) {
  const bool jsonl = c.options.format == PopulationFormat::jsonl;
  for (const Bill& bill : series.bills) {
    const std::string usage = bill_usage(bill, c, intervals, reads).to_string();
    if (jsonl) {
      out += "{\"account\":";
      append_json_string(out, c.record.account.id);
      out += ",\"tariff\":";
      append_json_string(out, c.record.tariff);
      out += ",\"from\":\"" + format_day(bill.period.from) + "\",\"to\":\"" + format_day(bill.period.to) + "\",\"usage\":\"" + usage +
             "\",\"unit\":\"" + c.tariff.unit + "\",\"total\":\"" + bill.total.to_string() + "\"";
      if (c.options.line_items) {
        out += ",\"line_items\":[";
        for (std::size_t i = 0; i < bill.line_items.size(); ++i) {
          if (i) out += ',';
          append_json_line_item(out, bill.line_items[i], false);
        }
        out += ']';
      }
      out += "}\n";
      continue;
    }
    // A run with named meters has the columns of bills for several services (empty here).
    const char* services_column = c.options.meter_files.empty() ? "" : ",";
    if (!c.options.line_items) {
      append_csv_bill(out, c, bill, usage);
      out += services_column;
      out += '\n';
      continue;
    }
    for (std::size_t i = 0; i < bill.line_items.size(); ++i) {
      const LineItem& item = bill.line_items[i];
      append_csv_bill(out, c, bill, usage);
      out += services_column;
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
      out += services_column;
      out += '\n';
    }
  }
  return series.bills.size();
}

}  // namespace rateline::population_detail

namespace rateline {

std::string population_bills_header(const PopulationOptions& options) {
  if (options.format == PopulationFormat::jsonl) return {};
  // Bills for several services add their parts (`services`) and each line's service.
  const bool named = !options.meter_files.empty();
  std::string header = population_detail::kBillColumns;
  if (named) header += ",services";
  if (options.line_items) header += population_detail::kLineColumns;
  if (named && options.line_items) header += ",service";
  return header + "\n";
}

std::string population_exceptions_header() { return "account,location,code,message,hint\n"; }

}  // namespace rateline
