// Diagnostic collection for the usage readers (see reporter.hpp).
#include "usage/reporter.hpp"

#include <algorithm>

namespace rateline::usage_detail {

namespace {
// Beyond this many errors only the count is kept: a file of garbage should not cost a
// diagnostic (with its strings) per byte. Errors arrive roughly in file order, so the
// first kMaxErrorsShown after sorting are still the earliest in the file.
constexpr std::size_t kMaxErrorsKept = 1000;
}  // namespace

const std::shared_ptr<const SourceFile>& Reporter::file() {
  if (!file_) file_ = std::make_shared<const SourceFile>(path_, std::string(text_));
  return file_;
}

std::uint32_t Reporter::line_of(std::uint32_t offset) { return file()->position(offset).line; }

void Reporter::add(Severity severity, const char* code, bool located, std::uint32_t begin, std::uint32_t end,
                   std::string message, std::string hint) {
  if (severity == Severity::error) {
    ++errors_;
    if (errors_kept_ >= kMaxErrorsKept) return;
    ++errors_kept_;
  } else {
    // 100,000 unread columns are 100,000 warnings: keep the first few, count the rest
    ++warnings_;
    if (warnings_ > kMaxErrorsShown) return;
  }
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  d.hint = std::move(hint);
  if (located) d.span = Span{file(), begin, end};
  diagnostics_.push_back(std::move(d));
}

void Reporter::error(const char* code, std::uint32_t begin, std::uint32_t end, std::string message, std::string hint) {
  add(Severity::error, code, true, begin, end, std::move(message), std::move(hint));
}
void Reporter::error(const char* code, std::string message, std::string hint) {
  add(Severity::error, code, false, 0, 0, std::move(message), std::move(hint));
}
void Reporter::warning(const char* code, std::uint32_t begin, std::uint32_t end, std::string message,
                       std::string hint) {
  add(Severity::warning, code, true, begin, end, std::move(message), std::move(hint));
}
void Reporter::warning(const char* code, std::string message, std::string hint) {
  add(Severity::warning, code, false, 0, 0, std::move(message), std::move(hint));
}

std::vector<Diagnostic> Reporter::finish() {
  // Whole-input problems (an unknown time zone, no data) first, then in file order.
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const bool a_located = a.span.file != nullptr, b_located = b.span.file != nullptr;
    if (a_located != b_located) return !a_located;
    return a.span.begin < b.span.begin;
  });
  std::vector<Diagnostic> out;
  out.reserve(std::min(diagnostics_.size(), kMaxErrorsShown + 8));
  std::size_t shown = 0;
  for (auto& d : diagnostics_) {
    if (d.severity == Severity::error) {
      if (shown == kMaxErrorsShown) continue;
      ++shown;
    }
    out.push_back(std::move(d));
  }
  if (errors_ > shown) {
    Diagnostic more;
    more.severity = Severity::note;
    more.code = "U0099";
    const std::size_t rest = errors_ - shown;
    more.message = "and " + std::to_string(rest) + " more error" + (rest == 1 ? "" : "s") + " not shown";
    more.hint = "fix the errors above and read the file again to see the rest";
    out.push_back(std::move(more));
  }
  if (warnings_ > kMaxErrorsShown) {
    Diagnostic more;
    more.severity = Severity::note;
    more.code = "U0099";
    const std::size_t rest = warnings_ - kMaxErrorsShown;
    more.message = "and " + std::to_string(rest) + " more warning" + (rest == 1 ? "" : "s") + " not shown";
    out.push_back(std::move(more));
  }
  diagnostics_.clear();
  return out;
}

}  // namespace rateline::usage_detail
