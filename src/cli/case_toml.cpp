// Typed values from a case file's TOML: see case_toml.hpp.
#include "case_toml.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace rateline::cli {

namespace {

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    default: return "nothing";
  }
}

// Levenshtein distance, for "did you mean" on a misspelt key.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_case_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2)))
    return std::nullopt;
  std::chrono::year_month_day d{std::chrono::year{to_int(s.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(to_int(s.substr(5, 2)))},
                                std::chrono::day{static_cast<unsigned>(to_int(s.substr(8, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::optional<toml::table> CaseToml::parse() {
  try {
    return toml::parse(std::string_view{source_->text()}, std::string_view{source_->path()});
  } catch (const toml::parse_error& e) {
    auto at = offset(e.source().begin);
    error({at, at + 1}, "T0001", "TOML syntax: " + std::string(e.description()), "see docs/bill-tests.md for the case format");
    return std::nullopt;
  }
}

std::uint32_t CaseToml::offset(const toml::source_position& position) const {
  const std::string& text = source_->text();
  if (position.line == 0) return 0;
  auto line = source_->line_text(position.line);
  auto at = static_cast<std::uint32_t>(line.data() - text.data());
  // toml++ counts columns in code points: step over UTF-8 continuation bytes.
  for (std::uint32_t column = 1; column < position.column && at < text.size(); ++column) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

TextSpan CaseToml::span(const toml::node& node) const {
  auto begin = offset(node.source().begin);
  auto end = offset(node.source().end);
  return {begin, end > begin ? end : begin + 1};
}

TextSpan CaseToml::span(const toml::key& key) const {
  auto begin = offset(key.source().begin);
  return {begin, begin + static_cast<std::uint32_t>(key.str().size())};
}

TextSpan CaseToml::whole_file() const { return {0, 0}; }

void CaseToml::error(TextSpan span, std::string code, std::string message, std::string hint) {
  diagnostics_.push_back(case_error(source_, span, std::move(code), std::move(message), std::move(hint)));
}

void CaseToml::check_keys(const toml::table& table, std::initializer_list<std::string_view> known, std::string_view where) {
  for (auto&& [key, value] : table) {
    bool ok = false;
    for (auto k : known) ok = ok || key.str() == k;
    if (ok) continue;
    std::string list, near;
    for (auto k : known) {
      list += (list.empty() ? "" : ", ") + std::string(k);
      if (near.empty() && distance(key.str(), k) <= 2) near = std::string(k);
    }
    error(span(key), "T0002", "unknown key `" + std::string(key.str()) + "` in " + std::string(where),
          near.empty() ? "known keys: " + list : "did you mean `" + near + "`? known keys: " + list);
  }
}

const toml::node* CaseToml::require(const toml::table& table, std::string_view key, TextSpan missing_at, std::string_view where) {
  if (auto* node = table.get(key)) return node;
  error(missing_at, "T0003", std::string(where) + " has no `" + std::string(key) + "`", "see docs/bill-tests.md for the keys a case needs");
  return nullptr;
}

std::string_view CaseToml::raw(const toml::node& node) const {
  auto s = span(node);
  return std::string_view{source_->text()}.substr(s.begin, s.end - s.begin);
}

std::optional<CaseText> CaseToml::text(const toml::node& node, std::string_view what) {
  if (auto* s = node.as_string()) return CaseText{s->get(), span(node)};
  error(span(node), "T0004", std::string(what) + " must be a string, not " + std::string(type_name(node)));
  return std::nullopt;
}

std::optional<CaseNumber> CaseToml::number(const toml::node& node, std::string_view what) {
  std::optional<Decimal> value;
  bool quoted = false;
  if (auto* s = node.as_string()) {
    value = Decimal::parse(s->get());
    quoted = true;
  } else if (node.is_integer() || node.is_floating_point()) {
    // The text as written: 1268.50 stays 1268.50, never a binary float.
    std::string written;
    for (char c : raw(node))
      if (c != '_') written += c;
    value = Decimal::parse(written);
  } else {
    error(span(node), "T0004", std::string(what) + " must be a decimal number, not " + std::string(type_name(node)));
    return std::nullopt;
  }
  if (!value) {
    error(span(node), "T0005", std::string(what) + " is not a decimal number: `" + std::string(raw(node)) + "`",
          "write it as digits with an optional sign and decimal point, e.g. 1268.50");
    return std::nullopt;
  }
  return CaseNumber{*value, span(node), quoted};
}

std::optional<bool> CaseToml::flag(const toml::node& node, std::string_view what) {
  if (auto* b = node.as_boolean()) return b->get();
  error(span(node), "T0004", std::string(what) + " must be true or false, not " + std::string(type_name(node)));
  return std::nullopt;
}

std::optional<std::chrono::year_month_day> CaseToml::date(const toml::node& node, std::string_view what) {
  if (auto* d = node.as_date()) {
    std::chrono::year_month_day ymd{std::chrono::year{d->get().year}, std::chrono::month{d->get().month}, std::chrono::day{d->get().day}};
    if (ymd.ok()) return ymd;
  } else if (auto* s = node.as_string()) {
    if (auto ymd = parse_case_date(s->get())) return ymd;
  }
  error(span(node), "T0006", std::string(what) + " must be a date YYYY-MM-DD, not `" + std::string(raw(node)) + "`");
  return std::nullopt;
}

std::optional<std::chrono::year_month> CaseToml::month(const toml::node& node, std::string_view what) {
  if (auto* s = node.as_string())
    if (auto d = parse_case_date(s->get() + "-01")) return d->year() / d->month();
  error(span(node), "T0006", std::string(what) + " must be a month \"YYYY-MM\", not `" + std::string(raw(node)) + "`");
  return std::nullopt;
}

std::optional<std::string> CaseToml::attribute(const toml::node& node, std::string_view what) {
  if (auto* s = node.as_string()) return s->get();
  if (node.is_integer() || node.is_floating_point() || node.is_boolean()) return std::string(raw(node));
  error(span(node), "T0004", std::string(what) + " must be a string or a number, not " + std::string(type_name(node)));
  return std::nullopt;
}

Diagnostic case_error(const std::shared_ptr<const SourceFile>& source, TextSpan span, std::string code, std::string message,
                      std::string hint) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.hint = std::move(hint);
  if (source && !source->text().empty()) {
    auto size = static_cast<std::uint32_t>(source->text().size());
    auto begin = std::min(span.begin, size - 1);
    d.span = Span{source, begin, std::max(std::min(span.end, size), begin + 1)};
  }
  return d;
}

}  // namespace rateline::cli
