// json_writer.hpp — JSON written as it goes, laid out as the bill formats lay it out.
//
//   JsonWriter w;
//   w.begin_object();
//   w.member("total", "12.34");
//   w.key("lines");  w.begin_array(); ... w.end_array();
//   w.end_object();
//   std::string text = std::move(w).finish();   // ends with "\n"
//
// Why not build a nlohmann::json and dump it: a `rateline bill` of a year spent a quarter of
// its instructions there (bench/README.md), building a tree of maps only to walk it once.
// The layout is nlohmann's dump(2), byte for byte, so bills read the same as before:
// two-space indents, `"key": value`, `[]` and `{}` when empty. Strings are escaped as it
// escapes them (", \, \b \f \n \r \t, other control bytes as \u00XX), and text that is not
// UTF-8 is refused with std::invalid_argument, never written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rateline::report_detail {

class JsonWriter {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The name of the next member of the object being written.
  void key(std::string_view name);
  void string(std::string_view value);
  /// key(name), then string(value).
  void member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void boolean(bool value);
  /// The text, with a final "\n" (as the formats print it).
  std::string finish() &&;

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();  // the separator and indent of an array element; nothing after a key
  void quoted(std::string_view text);
  void newline_indent(std::size_t level);

  std::string out_;
  std::vector<bool> empty_;  // per open bracket: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace rateline::report_detail
