// One mistake, one finding (check/cascades.hpp). Sections skip what an earlier section's
// error made meaningless (checker.cpp kRules `needs`, CheckContext::broken); this pass
// takes what is left: a mistake repeated on every row of a table is one error.
#include "check/cascades.hpp"

#include <algorithm>
#include <string>

namespace rateline::check {

namespace {

bool same_file(const Span& a, const Span& b) { return a.file == b.file; }

bool same_finding(const Diagnostic& a, const Diagnostic& b) {
  return a.severity == b.severity && a.code == b.code && a.message == b.message && a.hint == b.hint && same_file(a.span, b.span);
}

std::uint32_t line_of(const Span& s) { return s.file ? s.file->position(s.begin).line : 0; }

std::string lines_text(const std::vector<std::uint32_t>& lines) {
  std::string out = lines.size() == 1 ? "line " : "lines ";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += i + 1 == lines.size() ? " and " : ", ";
    out += std::to_string(lines[i]);
  }
  return out;
}

}  // namespace

void fold_repeats(std::vector<Diagnostic>& diags, std::size_t first_index) {
  if (diags.size() <= first_index + 1) return;
  std::vector<Diagnostic> kept;
  std::vector<std::vector<std::uint32_t>> repeats;   // per kept finding: the lines of its repeats
  for (std::size_t i = first_index; i < diags.size(); ++i) {
    auto& d = diags[i];
    auto first = std::find_if(kept.begin(), kept.end(), [&](const Diagnostic& k) { return same_finding(k, d); });
    if (first == kept.end()) {
      kept.push_back(std::move(d));
      repeats.emplace_back();
      continue;
    }
    auto& lines = repeats[static_cast<std::size_t>(first - kept.begin())];
    auto line = line_of(d.span);
    if (line != line_of(first->span) && std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (repeats[i].empty()) continue;
    std::sort(repeats[i].begin(), repeats[i].end());
    auto& hint = kept[i].hint;
    hint += (hint.empty() ? "" : "; ") + std::string("the same on ") + lines_text(repeats[i]);
  }
  diags.resize(first_index);
  for (auto& k : kept) diags.push_back(std::move(k));
}

void drop_warnings_at_errors(std::vector<Diagnostic>& diags) {
  auto at_an_error = [&](const Diagnostic& d) {
    return d.severity == Severity::warning && std::any_of(diags.begin(), diags.end(), [&](const Diagnostic& e) {
             return e.severity == Severity::error && same_file(e.span, d.span) && e.span.begin == d.span.begin && e.span.end == d.span.end;
           });
  };
  std::vector<Diagnostic> kept;
  for (auto& d : diags)
    if (!at_an_error(d)) kept.push_back(d);
  diags = std::move(kept);
}

}  // namespace rateline::check
