// Tariff text limits (see input_limits.hpp and docs/limits.md).
#include "syntax/input_limits.hpp"

#include "core/utf8.hpp"

#include <string>

namespace rateline::syntax {

namespace {

Diagnostic error(const std::shared_ptr<const SourceFile>& source, const char* code, std::size_t begin, std::size_t end,
                 std::string message, std::string hint) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.span = Span{source, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  return d;
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::vector<Diagnostic> check_text_limits(const std::shared_ptr<const SourceFile>& source) {
  std::vector<Diagnostic> out;
  const std::string& t = source->text();
  const std::size_t n = t.size();
  // Line length first, over every line (comments and strings included): a long line is
  // reported at its first byte past the limit.
  for (std::size_t start = 0; start < n && out.size() < kMaxTextDiagnostics;) {
    std::size_t end = t.find('\n', start);
    if (end == std::string::npos) end = n;
    if (end - start > kMaxLineBytes)
      out.push_back(error(source, "L0002", start + kMaxLineBytes, start + kMaxLineBytes + 1,
                          "this line is longer than " + std::to_string(kMaxLineBytes) + " bytes",
                          "break it into several lines (docs/limits.md)"));
    start = end + 1;
  }
  if (!out.empty()) return out;
  // Labels and names reach JSON bills and reports, which must be valid UTF-8.
  if (const auto bad = invalid_utf8(t); bad != std::string::npos) {
    out.push_back(error(source, "E0001", bad, bad + 1, "syntax error: this byte is not valid UTF-8",
                        "save the file as UTF-8"));
    return out;
  }
  std::size_t depth = 0;
  for (std::size_t i = 0; i < n && out.size() < kMaxTextDiagnostics; ++i) {
    const char c = t[i];
    if (c == '"') {   // a string: skip to its closing quote (the parser reports a missing one)
      for (++i; i < n && t[i] != '"' && t[i] != '\n'; ++i)
        if (t[i] == '\\' && i + 1 < n && t[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '#' || (c == '/' && i + 1 < n && t[i + 1] == '/')) {
      while (i + 1 < n && t[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && t[i + 1] == '*') {
      const auto close = t.find("*/", i + 2);
      i = close == std::string::npos ? n : close + 1;
      continue;
    }
    if (c == '{') {
      if (++depth > kMaxNesting) {
        out.push_back(error(source, "L0003", i, i + 1, "nesting deeper than " + std::to_string(kMaxNesting) + " levels",
                            "a tariff needs a few levels of `by` and `tiers`; this file is not one (docs/limits.md)"));
        return out;   // nothing after this point can be read sensibly
      }
    } else if (c == '}') {
      if (depth > 0) --depth;
    } else if (c >= '0' && c <= '9' && (i == 0 || !identifier_char(t[i - 1]))) {
      std::size_t j = i;
      while (j < n && ((t[j] >= '0' && t[j] <= '9') || t[j] == '.' || t[j] == '_')) ++j;
      if (j - i > kMaxNumberChars)
        out.push_back(error(source, "L0007", i, j, "a number longer than " + std::to_string(kMaxNumberChars) + " characters",
                            "rates and quantities need far fewer digits (docs/limits.md)"));
      i = j - 1;
    }
  }
  return out;
}

namespace {

class LimitWalker {
 public:
  explicit LimitWalker(std::vector<Diagnostic>& out) : out_(out) {}

  void body(const TariffBody& b) {
    if (b.periods.size() > kMaxPeriods)
      add("L0005", b.periods[kMaxPeriods].span,
          "more than " + std::to_string(kMaxPeriods) + " TOU periods in one tariff", "docs/limits.md");
    if (b.charges.size() > kMaxCharges)
      add("L0006", b.charges[kMaxCharges].span,
          "more than " + std::to_string(kMaxCharges) + " charges in one tariff", "docs/limits.md");
    for (auto& ch : b.charges) pricing(ch.pricing);
  }
  void pricing(const Pricing& p) {   // recursion bounded by kMaxNesting (checked on the text)
    if (auto* t = std::get_if<Tiers>(&p.node)) tiers(*t);
    if (auto* b = std::get_if<ByTable>(&p.node)) by_table(*b);
  }
  void by_table(const ByTable& b) {
    for (auto& c : b.cases)
      if (c.pricing) pricing(*c.pricing);
  }
  void tiers(const Tiers& t) {
    if (t.rows.size() > kMaxTierRows)
      add("L0004", t.rows[kMaxTierRows].span, "more than " + std::to_string(kMaxTierRows) + " tiers in one table",
          "docs/limits.md");
    for (auto& r : t.rows)
      if (r.nested) tiers(*r.nested);
  }

 private:
  void add(const char* code, const Span& span, std::string message, std::string hint) {
    Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    d.hint = std::move(hint);
    d.span = span;
    out_.push_back(std::move(d));
  }
  std::vector<Diagnostic>& out_;
};

}  // namespace

void check_tariff_limits(const File& file, std::vector<Diagnostic>& out) {
  LimitWalker walk(out);
  for (auto& t : file.tables) walk.by_table(t.table);
  for (auto& t : file.tariffs) {
    walk.body(t.body);
    for (auto& r : t.revisions) walk.body(r.body);
  }
}

}  // namespace rateline::syntax
