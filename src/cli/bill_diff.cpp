// Comparing expected and actual bills: see bill_diff.hpp.
#include "bill_diff.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <map>

namespace rateline::cli {

namespace {

std::string date_text(const std::chrono::year_month_day& d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string period_text(const BillingPeriod& p) { return date_text(p.from) + " .. " + date_text(p.to); }

bool line_differs(const ExpectedLine& e, const LineItem& a) {
  return (e.quantity && e.quantity->value != a.quantity) || (e.rate && e.rate->value != a.rate) || e.amount.value != a.amount ||
         (e.unit && e.unit->value != a.unit) || (e.rate_unit && e.rate_unit->value != a.rate_unit) ||
         (e.label && e.label->value != a.label);
}

std::string expected_period(const ExpectedBill& e) {
  return (e.from ? date_text(*e.from) : std::string("?")) + " .. " + (e.to ? date_text(*e.to) : std::string("?"));
}

BillDiff diff_bill(std::size_t index, const ExpectedBill* expected, const Bill* actual) {
  BillDiff d;
  d.index = index;
  d.expected = expected;
  d.actual = actual;
  if (!expected || !actual) return d;
  d.period_differs = (expected->from && *expected->from != actual->period.from) || (expected->to && *expected->to != actual->period.to);
  std::vector<bool> used(actual->line_items.size(), false);
  for (auto& e : expected->lines) {
    std::size_t match = actual->line_items.size();
    for (std::size_t i = 0; i < actual->line_items.size() && match == actual->line_items.size(); ++i)
      if (!used[i] && actual->line_items[i].id == e.id.value) match = i;
    if (match == actual->line_items.size()) {
      d.lines.push_back({LineChange::Kind::removed, &e, nullptr});
      continue;
    }
    used[match] = true;
    if (line_differs(e, actual->line_items[match])) d.lines.push_back({LineChange::Kind::changed, &e, &actual->line_items[match]});
  }
  for (std::size_t i = 0; i < actual->line_items.size(); ++i)
    if (!used[i]) d.lines.push_back({LineChange::Kind::added, nullptr, &actual->line_items[i]});
  d.total_differs = expected->total.value != actual->total;
  d.estimated_differs = expected->estimated && expected->estimated->value != actual->estimated;
  d.notes_differ = expected->notes && expected->notes->codes != note_codes(*actual);
  return d;
}

std::string change(const std::string& name, const std::string& before, const std::string& after) {
  return name + " " + before + " -> " + after;
}

std::string line_summary(const LineItem& a) {
  return a.quantity.to_string() + " " + a.unit + " x " + a.rate.to_string() + " " + a.rate_unit + " = " + a.amount.to_string();
}

std::string line_summary(const ExpectedLine& e) {
  std::string out;
  if (e.quantity) out += e.quantity->value.to_string() + (e.unit ? " " + e.unit->value : "") + " x ";
  if (e.rate) out += e.rate->value.to_string() + (e.rate_unit ? " " + e.rate_unit->value : "") + " = ";
  return out + e.amount.value.to_string();
}

std::string changed_fields(const ExpectedLine& e, const LineItem& a) {
  std::vector<std::string> parts;
  if (e.label && e.label->value != a.label) parts.push_back(change("label", "\"" + e.label->value + "\"", "\"" + a.label + "\""));
  if (e.quantity && e.quantity->value != a.quantity) parts.push_back(change("quantity", e.quantity->value.to_string(), a.quantity.to_string()));
  if (e.unit && e.unit->value != a.unit) parts.push_back(change("unit", e.unit->value, a.unit));
  if (e.rate && e.rate->value != a.rate) parts.push_back(change("rate", e.rate->value.to_string(), a.rate.to_string()));
  if (e.rate_unit && e.rate_unit->value != a.rate_unit) parts.push_back(change("rate_unit", e.rate_unit->value, a.rate_unit));
  if (e.amount.value != a.amount)
    parts.push_back(change("amount", e.amount.value.to_string(), a.amount.to_string()) + " (" + signed_text(a.amount - e.amount.value) + ")");
  std::string out;
  for (auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::string signed_text(const Decimal& value) { return (value.sign() > 0 ? "+" : "") + value.to_string(); }

std::vector<std::string> note_codes(const Bill& bill) {
  std::vector<std::string> codes;
  for (auto& n : bill.notes) codes.push_back(n.code);
  return codes;
}

std::string codes_text(const std::vector<std::string>& codes) {
  std::string out;
  for (auto& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out.empty() ? "(none)" : out;
}

std::size_t CaseDiff::line_count() const {
  std::size_t n = 0;
  for (auto& b : bills) n += b.lines.size();
  return n;
}

CaseDiff diff_case(const BillCase& c, const BillSeries& actual) {
  CaseDiff diff;
  std::size_t n = std::max(c.expected.size(), actual.bills.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto d = diff_bill(i, i < c.expected.size() ? &c.expected[i] : nullptr, i < actual.bills.size() ? &actual.bills[i] : nullptr);
    if (!d.expected || !d.actual || d.period_differs || !d.lines.empty() || d.total_differs || d.estimated_differs || d.notes_differ)
      diff.bills.push_back(d);
  }
  return diff;
}

std::string format_diff(const CaseDiff& diff, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  std::string out;
  for (auto& b : diff.bills) {
    if (!b.expected) {
      out += pad + period_text(b.actual->period) + ": a bill the case does not expect (total " + b.actual->total.to_string() + ")\n";
      continue;
    }
    if (!b.actual) {
      out += pad + expected_period(*b.expected) + ": the case expects a bill that was not made (total " + b.expected->total.value.to_string() + ")\n";
      continue;
    }
    out += pad + period_text(b.actual->period);
    if (b.period_differs) out += " (the case expects " + expected_period(*b.expected) + ")";
    out += "\n";
    std::size_t width = b.estimated_differs ? 9 : 5;  // "estimated", "total"
    for (auto& l : b.lines) width = std::max(width, (l.expected ? std::string_view(l.expected->id.value) : l.actual->id.view()).size());
    auto id_column = [&](std::string_view id) { return std::string(id) + std::string(width - id.size() + 2, ' '); };
    for (auto& l : b.lines) {
      switch (l.kind) {
        case LineChange::Kind::changed: out += pad + "~ " + id_column(l.expected->id.value) + changed_fields(*l.expected, *l.actual) + "\n"; break;
        case LineChange::Kind::added: out += pad + "+ " + id_column(l.actual->id) + line_summary(*l.actual) + "\n"; break;
        case LineChange::Kind::removed: out += pad + "- " + id_column(l.expected->id.value) + line_summary(*l.expected) + "\n"; break;
      }
    }
    const auto& before = b.expected->total.value;
    const auto& after = b.actual->total;
    if (b.total_differs) out += pad + "  " + id_column("total") + before.to_string() + " -> " + after.to_string() + " (" + signed_text(after - before) + ")\n";
    else out += pad + "  " + id_column("total") + after.to_string() + " (unchanged)\n";
    if (b.estimated_differs)
      out += pad + "  " + id_column("estimated") + (b.expected->estimated->value ? "true" : "false") + " -> " + (b.actual->estimated ? "true" : "false") + "\n";
    if (b.notes_differ) out += pad + "  " + id_column("notes") + codes_text(b.expected->notes->codes) + " -> " + codes_text(note_codes(*b.actual)) + "\n";
  }
  return out;
}

}  // namespace rateline::cli
