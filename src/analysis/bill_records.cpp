// Reading bills files for review: the rows `rateline batch` writes, by column name
// (rateline/review.hpp). Every bad row is a diagnostic naming file:line and the value.
#include "analysis/text_util.hpp"
#include "rateline/review.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace rateline {

using analysis_detail::parse_day;
using analysis_detail::split_csv_line;

namespace {

Diagnostic at(const std::shared_ptr<const SourceFile>& file, std::size_t offset, std::size_t length, std::string code, std::string message,
              std::string hint = "") {
  const auto begin = static_cast<std::uint32_t>(offset);
  return Diagnostic{Severity::error, std::move(code), std::move(message), Span{file, begin, static_cast<std::uint32_t>(offset + length)},
                    std::move(hint)};
}

std::optional<bool> parse_flag(const std::string& s) {
  if (s.empty() || s == "false" || s == "0" || s == "no" || s == "A" || s == "actual") return false;
  if (s == "true" || s == "1" || s == "yes" || s == "E" || s == "estimated") return true;
  return std::nullopt;
}

}  // namespace

BillRecordsResult read_bill_records(std::string_view text, const std::string& path) {
  BillRecordsResult out;
  auto file = std::make_shared<const SourceFile>(path, std::string(text));
  std::vector<BillRecord> records;
  std::map<std::string, std::size_t> column;
  std::size_t offset = 0;
  std::uint32_t number = 0;
  bool header = true;
  while (offset < text.size()) {
    std::size_t end = text.find('\n', offset);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(offset, end - offset);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t line_start = offset;
    offset = end + 1;
    ++number;
    if (line.empty()) continue;
    auto fields = split_csv_line(line);
    if (!fields) {
      out.diagnostics.push_back(at(file, line_start, line.size(), "A0005", "a quoted field is not closed"));
      continue;
    }
    if (header) {
      header = false;
      for (std::size_t i = 0; i < fields->size(); ++i) column[(*fields)[i]] = i;
      for (const char* required : {"account", "from", "to", "total"})
        if (!column.count(required))
          out.diagnostics.push_back(at(file, line_start, line.size(), "A0001", std::string("the header has no `") + required + "` column",
                                       "bills files have the columns of `rateline batch`: account,tariff,from,to,usage,unit,total"));
      if (has_errors(out.diagnostics)) return out;
      continue;
    }
    if (fields->size() != column.size()) {
      out.diagnostics.push_back(at(file, line_start, line.size(), "A0005",
                                   "expected " + std::to_string(column.size()) + " fields, found " + std::to_string(fields->size())));
      continue;
    }
    auto field = [&](const char* name) -> const std::string* { return column.count(name) ? &(*fields)[column[name]] : nullptr; };
    // The column of a bad value, for the caret: the offset of that field in the line.
    auto field_offset = [&](const char* name) {
      std::size_t at_field = 0, pos = 0;
      while (at_field < column[name] && pos < line.size()) {
        if (line[pos++] == ',') ++at_field;
      }
      return line_start + pos;
    };
    BillRecord r;
    r.line = number;
    r.account = *field("account");
    auto from = parse_day(*field("from")), to = parse_day(*field("to"));
    for (auto [name, date] : {std::pair{"from", &from}, std::pair{"to", &to}})
      if (!*date)
        out.diagnostics.push_back(at(file, field_offset(name), field(name)->size(), "A0002",
                                     std::string("`") + *field(name) + "` is not a date (" + name + ": YYYY-MM-DD)"));
    if (from && to && std::chrono::sys_days{*to} <= std::chrono::sys_days{*from})
      out.diagnostics.push_back(at(file, line_start, line.size(), "A0006", "the bill ends (to) on or before it starts (from)"));
    if (from && to) r.period = {*from, *to};
    auto total = Decimal::parse(*field("total"));
    if (!total) out.diagnostics.push_back(at(file, field_offset("total"), field("total")->size(), "A0003", "`" + *field("total") + "` is not an amount (total)"));
    else r.total = *total;
    for (auto [name, target] : {std::pair{"usage", &r.usage}, std::pair{"demand", &r.demand}}) {
      const std::string* v = field(name);
      if (!v || v->empty()) continue;
      *target = Decimal::parse(*v);
      if (!*target)
        out.diagnostics.push_back(at(file, field_offset(name), v->size(), "A0003", "`" + *v + "` is not a number (" + name + ")"));
    }
    if (const std::string* e = field("estimated")) {
      auto flag = parse_flag(*e);
      if (!flag)
        out.diagnostics.push_back(at(file, field_offset("estimated"), e->size(), "A0004", "`" + *e + "` is not true/false (estimated)",
                                     "true, false, 1, 0, yes, no, E (estimated) or A (actual)"));
      else r.estimated = *flag;
    }
    records.push_back(std::move(r));
  }
  if (header) out.diagnostics.push_back(at(file, 0, 0, "A0001", "the file is empty: no header"));
  if (!has_errors(out.diagnostics)) out.records = std::move(records);
  return out;
}

BillRecordsResult read_bill_records_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return read_bill_records(text.str(), path);
}

}  // namespace rateline
