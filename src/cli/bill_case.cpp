// Reading a golden bill case: see bill_case.hpp and docs/bill-tests.md (every key).
#include "bill_case.hpp"

#include "case_toml.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rateline::cli {

namespace {

namespace fs = std::filesystem;

class CaseReader {
 public:
  CaseReader(std::shared_ptr<const SourceFile> source, std::vector<Diagnostic>& diagnostics)
      : toml_(source, diagnostics), dir_(fs::path(source->path()).parent_path()) {
    c_.source = std::move(source);
  }

  std::optional<BillCase> read() {
    auto doc = toml_.parse();
    if (!doc) return std::nullopt;
    const TextSpan top{0, 1};
    toml_.check_keys(*doc, {"name", "tariff", "from", "to", "cycle", "usage", "account", "policies", "expect", "refused"}, "the case");
    if (auto* n = doc->get("name")) {
      if (auto t = toml_.text(*n, "name")) c_.name = t->value;
    } else {
      c_.name = fs::path(c_.source->path()).stem().string();
    }
    if (auto* n = toml_.require(*doc, "tariff", top, "the case"))
      if (auto t = toml_.text(*n, "tariff")) {
        c_.tariff = existing_file(*t, "tariff");
        c_.tariff_span = t->span;
      }
    if (auto* n = toml_.require(*doc, "from", top, "the case")) {
      c_.period_span = toml_.span(*n);
      if (auto d = toml_.date(*n, "from")) c_.period.from = *d;
    }
    if (auto* n = toml_.require(*doc, "to", top, "the case"))
      if (auto d = toml_.date(*n, "to")) c_.period.to = *d;
    if (auto* n = doc->get("cycle"))
      if (auto t = toml_.text(*n, "cycle")) {
        if (t->value == "monthly" || t->value == "quarterly" || t->value == "annual") c_.cycle = t->value;
        else toml_.error(t->span, "T0009", "cycle must be \"monthly\", \"quarterly\" or \"annual\", not \"" + t->value + "\"", "leave it out to bill [from, to) as one period");
      }
    if (auto* n = toml_.require(*doc, "usage", top, "the case")) read_usage(*n);
    if (auto* n = doc->get("account")) read_account(*n);
    if (auto* n = doc->get("policies")) read_policies(*n);
    if (auto* n = doc->get("expect")) read_expectations(*n);
    if (auto* n = doc->get("refused")) {
      c_.refused = codes(*n, "refused");
      if (doc->get("expect"))
        toml_.error(toml_.span(*n), "T0011", "a case expects either a refusal or bills, not both", "remove `refused` or the [[expect]] tables");
    }
    return c_;
  }

 private:
  const toml::table* table(const toml::node& node, std::string_view what) {
    if (auto* t = node.as_table()) return t;
    toml_.error(toml_.span(node), "T0004", std::string(what) + " must be a table");
    return nullptr;
  }

  const toml::array* array(const toml::node& node, std::string_view what) {
    if (auto* a = node.as_array()) return a;
    toml_.error(toml_.span(node), "T0004", std::string(what) + " must be an array [...]");
    return nullptr;
  }

  std::string existing_file(const CaseText& t, std::string_view what) {
    fs::path p(t.value);
    auto resolved = (p.is_absolute() ? p : dir_ / p).lexically_normal().string();
    std::error_code ec;
    if (!fs::is_regular_file(resolved, ec))
      toml_.error(t.span, "T0007", "the " + std::string(what) + " file " + resolved + " does not exist",
                  "paths in a case are relative to the case file's folder");
    return resolved;
  }

  // Where the text of a string value starts in the file, if the value is written there as it is.
  std::optional<std::uint32_t> verbatim_offset(const CaseText& t) {
    const std::string& text = c_.source->text();
    std::uint32_t at = t.span.begin;
    bool multi = text.compare(at, 3, "\"\"\"") == 0 || text.compare(at, 3, "'''") == 0;
    at += multi ? 3 : 1;
    if (multi && text.compare(at, 1, "\n") == 0) at += 1;
    else if (multi && text.compare(at, 2, "\r\n") == 0) at += 2;
    if (text.compare(at, t.value.size(), t.value) == 0) return at;
    return std::nullopt;
  }

  void read_usage(const toml::node& node) {
    auto* t = table(node, "[usage]");
    if (!t) return;
    // `[usage.water]`, `[usage.electric]`: each meter of a tariff of several services
    bool by_meter = false;
    for (auto& [key, value] : *t) by_meter |= value.is_table();
    if (!by_meter) {
      read_one_usage(*t, node, c_.usage, "[usage]");
      return;
    }
    for (auto& [key, value] : *t) {
      const std::string name(key.str());
      if (!value.is_table()) {
        toml_.error(toml_.span(value), "T0008", "[usage] gives the usage of each meter in its own table; `" + name + "` is outside them",
                    "write it under its meter, e.g. [usage.water]");
        continue;
      }
      read_one_usage(*value.as_table(), value, c_.meters[name], "[usage." + name + "]");
    }
  }

  void read_one_usage(const toml::table& usage_table, const toml::node& node, CaseUsage& usage, const std::string& where) {
    auto* t = &usage_table;
    toml_.check_keys(*t, {"file", "reads", "intervals", "register_reads", "monthly", "interval", "start"}, where);
    int sources = 0;
    using Kind = CaseUsage::Kind;
    static constexpr std::pair<const char*, Kind> kSources[] = {{"file", Kind::interval_file}, {"reads", Kind::reads_file},
        {"intervals", Kind::intervals}, {"register_reads", Kind::register_reads}, {"monthly", Kind::monthly}};
    for (auto [key, kind] : kSources) {
      auto* n = t->get(key);
      if (!n) continue;
      ++sources;
      usage.kind = kind;
      usage.span = toml_.span(*n);
      if (kind == Kind::monthly) {
        read_months(*n, usage);
      } else if (auto s = toml_.text(*n, key)) {
        if (kind == Kind::interval_file || kind == Kind::reads_file) {
          usage.path = existing_file(*s, "usage");
        } else {
          usage.text = s->value;
          usage.text_offset = verbatim_offset(*s);
        }
      }
    }
    if (sources != 1)
      toml_.error(toml_.span(node), "T0008", sources == 0 ? where + " gives no usage" : where + " gives more than one usage",
                  "give one of file, reads, intervals, register_reads or monthly");
    if (auto* n = t->get("interval")) {
      if (auto* i = n->as_integer(); i && i->get() > 0 && i->get() <= 1440) c_.policies.interval_minutes = static_cast<std::int32_t>(i->get());
      else toml_.error(toml_.span(*n), "T0004", "interval must be a whole number of minutes, e.g. 15");
    }
    if (auto* n = t->get("start")) {
      std::optional<std::chrono::local_seconds> start;
      if (auto* dt = n->as_date_time(); dt && !dt->get().offset) {
        auto& v = dt->get();
        std::chrono::year_month_day d{std::chrono::year{v.date.year}, std::chrono::month{v.date.month}, std::chrono::day{v.date.day}};
        if (d.ok()) start = std::chrono::local_days{d} + std::chrono::hours{v.time.hour} + std::chrono::minutes{v.time.minute};
      } else if (auto* day = n->as_date()) {
        if (auto d = toml_.date(*day, "start")) start = std::chrono::local_days{*d};
        else return;
      }
      if (start) c_.policies.sam_start = start;
      else toml_.error(toml_.span(*n), "T0006", "start must be a local date-time such as 2024-01-01T00:00");
    }
  }

  void read_months(const toml::node& node, CaseUsage& usage) {
    auto* a = array(node, "monthly");
    if (!a) return;
    std::optional<std::chrono::year_month> previous;
    for (auto& item : *a) {
      auto* m = table(item, "each month of monthly");
      if (!m) continue;
      toml_.check_keys(*m, {"month", "quantity", "estimated"}, "a month of monthly");
      CaseUsage::Month month;
      auto* mn = toml_.require(*m, "month", toml_.span(item), "a month of monthly");
      auto* qn = toml_.require(*m, "quantity", toml_.span(item), "a month of monthly");
      auto ym = mn ? toml_.month(*mn, "month") : std::nullopt;
      auto q = qn ? toml_.number(*qn, "quantity") : std::nullopt;
      if (auto* e = m->get("estimated"))
        if (auto f = toml_.flag(*e, "estimated")) month.estimated = *f;
      if (!ym || !q) continue;
      if (previous && *ym != *previous + std::chrono::months{1})
        toml_.error(toml_.span(*mn), "T0010", "monthly totals must be consecutive months; this one does not follow the one before");
      previous = *ym;
      month.month = *ym;
      month.quantity = q->value;
      usage.months.push_back(month);
    }
  }

  void read_account(const toml::node& node) {
    auto* t = table(node, "[account]");
    if (!t) return;
    toml_.check_keys(*t, {"id", "attributes", "demand_history", "usage_history", "past_due", "due_date", "paid_on"}, "[account]");
    if (auto* n = t->get("id"))
      if (auto s = toml_.text(*n, "id")) c_.account.id = s->value;
    if (auto* n = t->get("attributes"))
      if (auto* attributes = table(*n, "attributes"))
        for (auto&& [key, value] : *attributes)
          if (auto v = toml_.attribute(value, "attribute " + std::string(key.str()))) c_.account.attributes[std::string(key.str())] = *v;
    if (auto* n = t->get("demand_history"))
      if (auto* a = array(*n, "demand_history"))
        for (auto& item : *a) {
          auto* m = table(item, "each month of demand_history");
          if (!m) continue;
          toml_.check_keys(*m, {"month", "kw"}, "a month of demand_history");
          auto* mn = toml_.require(*m, "month", toml_.span(item), "a month of demand_history");
          auto* kn = toml_.require(*m, "kw", toml_.span(item), "a month of demand_history");
          auto ym = mn ? toml_.month(*mn, "month") : std::nullopt;
          auto kw = kn ? toml_.number(*kn, "kw") : std::nullopt;
          if (ym && kw) c_.account.demand_history.push_back({*ym, kw->value});
        }
    if (auto* n = t->get("usage_history"))
      if (auto* a = array(*n, "usage_history"))
        for (auto& item : *a) {
          auto* m = table(item, "each month of usage_history");
          if (!m) continue;
          toml_.check_keys(*m, {"month", "usage"}, "a month of usage_history");
          auto* mn = toml_.require(*m, "month", toml_.span(item), "a month of usage_history");
          auto* un = toml_.require(*m, "usage", toml_.span(item), "a month of usage_history");
          auto ym = mn ? toml_.month(*mn, "month") : std::nullopt;
          auto usage = un ? toml_.number(*un, "usage") : std::nullopt;
          if (ym && usage) c_.account.usage_history.push_back({*ym, usage->value});
        }
    if (auto* n = t->get("past_due"))
      if (auto v = toml_.number(*n, "past_due")) c_.account.past_due = v->value;
    if (auto* n = t->get("due_date")) c_.account.due_date = toml_.date(*n, "due_date");
    if (auto* n = t->get("paid_on")) c_.account.paid_on = toml_.date(*n, "paid_on");
  }

  void read_policies(const toml::node& node) {
    auto* t = table(node, "[policies]");
    if (!t) return;
    toml_.check_keys(*t, {"allow_gaps", "allow_partial", "local_time", "demand_window", "as_of"}, "[policies]");
    if (auto* n = t->get("allow_gaps"))
      if (auto f = toml_.flag(*n, "allow_gaps")) c_.policies.allow_gaps = *f;
    if (auto* n = t->get("allow_partial"))
      if (auto f = toml_.flag(*n, "allow_partial")) c_.policies.allow_partial = *f;
    if (auto* n = t->get("local_time"))
      if (auto s = toml_.text(*n, "local_time")) {
        if (auto policy = parse_local_time(s->value)) c_.policies.local_time = *policy;
        else toml_.error(s->span, "T0009", "local_time must be \"error\", \"earliest\" or \"latest\"");
      }
    if (auto* n = t->get("demand_window"))
      if (auto s = toml_.text(*n, "demand_window")) {
        if (auto policy = parse_demand_window(s->value)) c_.policies.demand_window = *policy;
        else toml_.error(s->span, "T0009", "demand_window must be \"tariff\" or \"data\"");
      }
    if (auto* n = t->get("as_of")) c_.policies.as_of = toml_.date(*n, "as_of");
  }

  std::optional<CaseCodes> codes(const toml::node& node, std::string_view what) {
    auto* a = array(node, what);
    if (!a) return std::nullopt;
    CaseCodes result;
    result.span = toml_.span(node);
    for (auto& item : *a)
      if (auto t = toml_.text(item, std::string(what) + " code")) result.codes.push_back(t->value);
    return result;
  }

  void read_expectations(const toml::node& node) {
    auto* a = array(node, "[[expect]]");
    if (!a) return;
    for (auto& item : *a) {
      auto* t = table(item, "[[expect]]");
      if (!t) continue;
      toml_.check_keys(*t, {"from", "to", "lines", "total", "estimated", "notes"}, "[[expect]]");
      ExpectedBill bill;
      bill.span = toml_.span(item);
      if (auto* n = t->get("from")) bill.from = toml_.date(*n, "from");
      if (auto* n = t->get("to")) bill.to = toml_.date(*n, "to");
      if (auto* n = t->get("estimated"))
        if (auto f = toml_.flag(*n, "estimated")) bill.estimated = CaseFlag{*f, toml_.span(*n)};
      if (auto* n = t->get("notes")) bill.notes = codes(*n, "notes");
      if (auto* n = toml_.require(*t, "total", bill.span, "[[expect]]"))
        if (auto v = toml_.number(*n, "total")) bill.total = *v;
      if (auto* n = toml_.require(*t, "lines", bill.span, "[[expect]]"))
        if (auto* lines = array(*n, "lines")) {
          bill.lines_span = toml_.span(*n);
          for (auto& line : *lines) read_line(line, bill);
        }
      c_.expected.push_back(std::move(bill));
    }
  }

  void read_line(const toml::node& node, ExpectedBill& bill) {
    auto* t = table(node, "a line item");
    if (!t) return;
    toml_.check_keys(*t, {"id", "label", "quantity", "unit", "rate", "rate_unit", "amount"}, "a line item");
    ExpectedLine line;
    line.span = toml_.span(node);
    auto* id = toml_.require(*t, "id", line.span, "a line item");
    auto* amount = toml_.require(*t, "amount", line.span, "a line item");
    if (!id || !amount) return;
    auto id_text = toml_.text(*id, "id");
    auto amount_value = toml_.number(*amount, "amount");
    if (!id_text || !amount_value) return;
    line.id = *id_text;
    line.amount = *amount_value;
    if (auto* n = t->get("quantity")) line.quantity = toml_.number(*n, "quantity");
    if (auto* n = t->get("rate")) line.rate = toml_.number(*n, "rate");
    if (auto* n = t->get("label")) line.label = toml_.text(*n, "label");
    if (auto* n = t->get("unit")) line.unit = toml_.text(*n, "unit");
    if (auto* n = t->get("rate_unit")) line.rate_unit = toml_.text(*n, "rate_unit");
    bill.lines.push_back(std::move(line));
  }

  CaseToml toml_;
  fs::path dir_;
  BillCase c_;
};

}  // namespace

CaseReadResult read_case(std::shared_ptr<const SourceFile> source) {
  CaseReadResult result;
  if (source->text().find_first_not_of(" \t\r\n") == std::string::npos) {
    result.diagnostics.push_back(case_error(nullptr, {}, "T0003", "the case file " + source->path() + " is empty",
                                            "a case needs at least tariff, from, to and [usage]: see docs/bill-tests.md"));
    return result;
  }
  CaseReader reader(source, result.diagnostics);
  auto c = reader.read();
  // In file order, whatever order the tables were read in.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  if (c && !has_errors(result.diagnostics)) result.bill_case = std::move(c);
  return result;
}

CaseReadResult read_case_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CaseReadResult result;
    result.diagnostics.push_back(case_error(nullptr, {}, "T0007", "cannot read the case file " + path));
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return read_case(std::make_shared<const SourceFile>(path, text.str()));
}

}  // namespace rateline::cli
