// Source positions and compiler-style rendering of diagnostics.
#include "rateline/diagnostic.hpp"

#include "core/bounded_read.hpp"

#include <algorithm>
#include <atomic>
#include <sstream>
#include <stdexcept>

namespace rateline {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

namespace {
std::atomic<std::uint64_t> max_load = 16u << 20;
// Quoted source lines longer than this are shown as a window around the caret.
constexpr std::size_t kMaxQuotedLine = 160;
}  // namespace

std::uint64_t SourceFile::max_load_bytes() { return max_load.load(std::memory_order_relaxed); }
void SourceFile::set_max_load_bytes(std::uint64_t bytes) { max_load.store(bytes, std::memory_order_relaxed); }

std::shared_ptr<const SourceFile> SourceFile::load(const std::string& path) {
  const auto limit = max_load_bytes();
  auto read = detail::read_bounded(path, limit);
  if (read.too_large)
    throw std::runtime_error(path + ": error[L0001]: the file is larger than the " + detail::format_bytes(limit) +
                             " limit for tariffs (--max-input-size raises it; docs/limits.md)");
  return std::make_shared<const SourceFile>(path, std::move(read.text));
}

SourceFile::Position SourceFile::position(std::uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t column = offset - line_starts_[line - 1] + 1;
  return {line, column};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
  std::string_view view(text_);
  auto text = view.substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::string render(const Diagnostic& d) {
  std::ostringstream out;
  const char* severity = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note";
  if (d.span.file) {
    auto pos = d.span.file->position(d.span.begin);
    out << d.span.file->path() << ':' << pos.line << ':' << pos.column << ": ";
    out << severity << '[' << d.code << "]: " << d.message << '\n';
    auto full = d.span.file->line_text(pos.line);
    std::string number = std::to_string(pos.line);
    // A long line is elided around the caret: a diagnostic never repeats megabytes of input.
    std::size_t from = 0, to = full.size();
    const std::size_t caret = std::min<std::size_t>(pos.column - 1, full.size());
    if (full.size() > kMaxQuotedLine) {
      from = caret > kMaxQuotedLine / 2 ? caret - kMaxQuotedLine / 2 : 0;
      to = std::min(full.size(), from + kMaxQuotedLine);
      from = to - std::min(to, kMaxQuotedLine);
    }
    const std::string_view before = from > 0 ? "..." : "", after = to < full.size() ? "..." : "";
    auto line = full.substr(from, to - from);
    out << ' ' << number << " | " << before << line << after << '\n';
    // caret under the span (clipped to the line); tabs kept so the caret lines up
    std::string pad(before.size(), ' ');
    for (std::size_t i = from; i < caret && i < to; ++i) pad += full[i] == '\t' ? '\t' : ' ';
    std::size_t width = 1;
    if (d.span.end > d.span.begin) {
      auto end_pos = d.span.file->position(d.span.end);
      width = end_pos.line == pos.line ? d.span.end - d.span.begin : std::max<std::size_t>(1, full.size() + 1 - pos.column);
    }
    width = std::max<std::size_t>(1, std::min(width, to + 1 - std::min(to, caret)));
    out << ' ' << std::string(number.size(), ' ') << " | " << pad << std::string(width, '^') << '\n';
  } else {
    out << severity << '[' << d.code << "]: " << d.message << '\n';
  }
  if (!d.hint.empty()) out << "  hint: " << d.hint << '\n';
  return out.str();
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](auto& d) { return d.severity == Severity::error; });
}

}  // namespace rateline
