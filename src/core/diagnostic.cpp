// Source positions and compiler-style rendering of diagnostics.
#include "rateline/diagnostic.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rateline {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::shared_ptr<const SourceFile> SourceFile::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::make_shared<const SourceFile>(path, buffer.str());
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
    auto line = d.span.file->line_text(pos.line);
    std::string number = std::to_string(pos.line);
    out << ' ' << number << " | " << line << '\n';
    // caret under the span (clipped to the line); tabs kept so the caret lines up
    std::string pad;
    for (std::uint32_t i = 0; i + 1 < pos.column && i < line.size(); ++i) pad += line[i] == '\t' ? '\t' : ' ';
    std::size_t width = 1;
    if (d.span.end > d.span.begin) {
      auto end_pos = d.span.file->position(d.span.end);
      width = end_pos.line == pos.line ? d.span.end - d.span.begin : std::max<std::size_t>(1, line.size() + 1 - pos.column);
    }
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
