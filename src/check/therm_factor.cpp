// The therm factor table: months or billing months to therms per CCF.
#include "check/therm_factor.hpp"

#include <cctype>

namespace rateline::check {

namespace {

std::optional<unsigned> month_of(std::string_view word) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return std::nullopt;
  std::string lower;
  for (char c : word.substr(0, 3)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (unsigned m = 0; m < 12; ++m)
    if (lower == names[m]) return m + 1;
  return std::nullopt;
}

// "2024-01" -> year × 12 + month − 1
std::optional<int> year_month_of(std::string_view key) {
  if (key.size() != 7 || key[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) return std::nullopt;
    year = year * 10 + (key[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) return std::nullopt;
    month = month * 10 + (key[i] - '0');
  }
  if (month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

}  // namespace

graph::FactorTable therm_factor_table(const syntax::ThermFactorDecl& decl, std::vector<Diagnostic>& diags) {
  auto fail = [&](std::string message, const Span& span, std::string hint = "") {
    diags.push_back({Severity::error, "E0332", std::move(message), span, std::move(hint)});
  };
  auto plausible = [&](const Decimal& v, const Span& span) {
    if (v.sign() <= 0 || v >= Decimal(2)) fail("a therm factor of " + v.to_string() + " therms per CCF is not one a gas sheet states", span,
                                               "natural gas carries about 1.0 to 1.1 therms per CCF");
  };
  graph::FactorTable table;
  if (decl.label) table.label = *decl.label;
  if (decl.constant) {
    table.by = graph::FactorTable::By::constant;
    table.constant = *decl.constant;
    plausible(*decl.constant, decl.constant_span);
    return table;
  }
  if (!decl.axis) return table;   // `therm_factor: NAME`: the caller resolves the name
  const auto& axis = decl.axis->text;
  if (axis != "month" && axis != "billing_month") {
    fail("a therm factor table is `by month` or `by billing_month`, not by `" + axis + "`", decl.axis->span,
         "`by month { Jan: 1.037 ... }` repeats every year; `by billing_month { 2024-01: 1.037 ... }` names each month");
    return table;
  }
  table.by = axis == "month" ? graph::FactorTable::By::month : graph::FactorTable::By::billing_month;
  for (auto& c : decl.cases) {
    plausible(c.value, c.value_span);
    for (auto& k : c.keys) {
      if (table.by == graph::FactorTable::By::month) {
        auto m = month_of(k.text);
        if (!m) {
          fail("`" + k.text + "` is not a month", k.span, "use Jan .. Dec");
          continue;
        }
        if (table.month[*m - 1]) fail("`" + k.text + "` appears twice in this table", k.span);
        table.month[*m - 1] = c.value;
      } else {
        auto ym = year_month_of(k.text);
        if (!ym) {
          fail("`" + k.text + "` is not a billing month", k.span, "write the year and month, e.g. `2024-01`");
          continue;
        }
        if (!table.billing_month.emplace(*ym, c.value).second) fail("`" + k.text + "` appears twice in this table", k.span);
      }
    }
  }
  if (table.by == graph::FactorTable::By::month) {
    static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::string missing;
    for (unsigned m = 0; m < 12; ++m)
      if (!table.month[m]) missing += (missing.empty() ? "" : ", ") + std::string(names[m]);
    if (!missing.empty())
      fail("the therm factor table has no factor for " + missing, decl.axis->span,
           "a `by month` table names all twelve months; for factors published month by month use `by billing_month`");
  }
  return table;
}

}  // namespace rateline::check
