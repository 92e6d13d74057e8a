// Writing golden bill cases: see case_record.hpp.
#include "case_record.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace rateline::cli {

namespace {

std::string relative_to(const std::string& path, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto absolute = fs::absolute(path, ec);
  auto base = fs::absolute(dir, ec);
  if (ec) return path;
  auto relative = absolute.lexically_normal().lexically_relative(base.lexically_normal());
  return relative.empty() ? path : relative.generic_string();
}

std::string bare_key(const std::string& key) {
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return toml_string(key);
  return key.empty() ? toml_string(key) : key;
}

}  // namespace

std::string output_folder() {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto target = fs::read_symlink("/proc/self/fd/1", ec);
  if (ec || !target.is_absolute() || !fs::is_regular_file(target, ec)) return ".";
  return target.parent_path().string();
}

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
    else out += c;
  }
  return out + "\"";
}

std::string toml_date(const std::chrono::year_month_day& d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string format_expected_line(const LineItem& item) {
  return "{ id = " + toml_string(item.id) + ", quantity = " + item.quantity.to_string() + ", unit = " + toml_string(item.unit) +
         ", rate = " + item.rate.to_string() + ", rate_unit = " + toml_string(item.rate_unit) + ", amount = " + item.amount.to_string() + " }";
}

std::string format_expect_block(const Bill& bill) {
  std::string out = "[[expect]]\nfrom = " + toml_date(bill.period.from) + "\nto = " + toml_date(bill.period.to) + "\nlines = [\n";
  for (auto& item : bill.line_items) out += "  # " + item.label + "\n  " + format_expected_line(item) + ",\n";
  out += "]\ntotal = " + bill.total.to_string() + "\n";
  if (bill.estimated) out += "estimated = true\n";
  if (!bill.notes.empty()) {
    out += "notes = [";
    for (std::size_t i = 0; i < bill.notes.size(); ++i) out += (i ? ", " : "") + toml_string(bill.notes[i].code);
    out += "]   # ";
    for (std::size_t i = 0; i < bill.notes.size(); ++i) out += (i ? "; " : "") + bill.notes[i].message;
    out += "\n";
  }
  return out;
}

std::string format_case(const RecordedInputs& in, const BillSeries& series) {
  std::string out;
  out += "# Recorded by `rateline bill --format test` from the bill as rateline made it: check each\n";
  out += "# line against the rate sheet (and say how in a comment) before trusting it as golden.\n";
  out += "name = " + toml_string((series.bills.empty() ? in.tariff : series.bills.front().tariff) + ", " + toml_date(in.period.from) + " .. " +
                                 toml_date(in.period.to)) + "\n";
  out += "tariff = " + toml_string(relative_to(in.tariff, in.case_dir)) + "\n";
  out += "from = " + toml_date(in.period.from) + "\nto = " + toml_date(in.period.to) + "\n";
  if (!in.cycle.empty()) out += "cycle = \"" + in.cycle + "\"\n";

  out += "\n[usage]\n";
  if (!in.reads_file.empty()) out += "reads = " + toml_string(relative_to(in.reads_file, in.case_dir)) + "\n";
  else out += "file = " + toml_string(relative_to(in.usage_file, in.case_dir)) + "\n";
  if (in.policies.interval_minutes) out += "interval = " + std::to_string(*in.policies.interval_minutes) + "\n";
  if (!in.start.empty()) out += "start = " + (in.start.size() == 10 ? in.start : in.start.substr(0, 10) + "T" + in.start.substr(11)) + "\n";

  const Account& a = in.account;
  if (!a.id.empty() || !a.attributes.empty() || !a.demand_history.empty() || !a.usage_history.empty() || a.past_due || a.due_date || a.paid_on) {
    out += "\n[account]\n";
    if (!a.id.empty()) out += "id = " + toml_string(a.id) + "\n";
    if (!a.attributes.empty()) {
      out += "attributes = { ";
      bool first = true;
      for (auto& [key, value] : a.attributes) {
        out += (first ? "" : ", ") + bare_key(key) + " = " + toml_string(value);
        first = false;
      }
      out += " }\n";
    }
    if (!a.demand_history.empty()) {
      out += "demand_history = [\n";
      for (auto& m : a.demand_history)
        out += fmt::format("  {{ month = \"{:04}-{:02}\", kw = {} }},\n", static_cast<int>(m.month.year()), static_cast<unsigned>(m.month.month()),
                           m.kw.to_string());
      out += "]\n";
    }
    if (!a.usage_history.empty()) {
      out += "usage_history = [\n";
      for (auto& m : a.usage_history)
        out += fmt::format("  {{ month = \"{:04}-{:02}\", usage = {} }},\n", static_cast<int>(m.month.year()),
                           static_cast<unsigned>(m.month.month()), m.usage.to_string());
      out += "]\n";
    }
    if (a.past_due) out += "past_due = " + a.past_due->to_string() + "\n";
    if (a.due_date) out += "due_date = " + toml_date(*a.due_date) + "\n";
    if (a.paid_on) out += "paid_on = " + toml_date(*a.paid_on) + "\n";
  }

  std::string policies;
  const BillPolicies& p = in.policies;
  if (p.allow_gaps) policies += "allow_gaps = true\n";
  if (p.allow_partial) policies += "allow_partial = true\n";
  if (p.local_time != LocalTimePolicy::error) policies += "local_time = \"" + std::string(to_string(p.local_time)) + "\"\n";
  if (p.demand_window != DemandWindowPolicy::tariff) policies += "demand_window = \"" + std::string(to_string(p.demand_window)) + "\"\n";
  if (p.as_of) policies += "as_of = " + toml_date(*p.as_of) + "\n";
  if (!policies.empty()) out += "\n[policies]\n" + policies;

  for (auto& bill : series.bills) out += "\n" + format_expect_block(bill);
  return out;
}

}  // namespace rateline::cli
