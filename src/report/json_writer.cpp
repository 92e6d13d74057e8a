// JSON written as it goes (see json_writer.hpp).
#include "report/json_writer.hpp"

#include "core/utf8.hpp"

#include <stdexcept>

namespace rateline::report_detail {

void JsonWriter::newline_indent(std::size_t level) {
  out_ += '\n';
  out_.append(2 * level, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the outermost value
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  newline_indent(empty_.size());
}

void JsonWriter::key(std::string_view name) {
  before_value();
  quoted(name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) newline_indent(empty_.size());
  out_ += bracket;
}

void JsonWriter::string(std::string_view value) {
  before_value();
  quoted(value);
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::quoted(std::string_view text) {
  if (const auto bad = invalid_utf8(text); bad != std::string_view::npos)
    throw std::invalid_argument("a bill's text is not UTF-8 (byte " + std::to_string(bad) + " of \"" +
                                std::string(text.substr(0, bad)) + "…\"); JSON cannot hold it");
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t run = 0;  // bytes copied as they are, written in one append
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
}

std::string JsonWriter::finish() && {
  out_ += '\n';
  return std::move(out_);
}

}  // namespace rateline::report_detail
