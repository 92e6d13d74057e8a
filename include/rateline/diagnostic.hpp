// rateline/diagnostic.hpp — source files, spans and diagnostics.
//
// A rate analyst's mistake is a value, not an exception: every check produces
// Diagnostics with a stable code, a message, the span it is about and a hint.
// render() prints them the way compilers do:
//
//   tariffs/rs.tariff:14:31: error[E0301]: a $/kW price cannot apply to energy (kWh)
//      14 |   charge energy "Energy" energy 8.50 $/kW
//         |                                 ^^^^^^^^^
//     hint: energy is priced in $/kWh; demand charges use `demand`
//
//   auto file = rateline::SourceFile::load("tariffs/rs.tariff");
//   for (auto& d : result.diagnostics) std::cerr << rateline::render(d);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rateline {

/// The text of one input file (a tariff, a factor table) and where its lines start.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  /// Reads a file. Throws std::runtime_error if it cannot be read (I/O is exceptional),
  /// or if it is larger than max_load_bytes() (error[L0001], checked before reading).
  static std::shared_ptr<const SourceFile> load(const std::string& path);
  /// The largest tariff or calendar file load() reads: 16 MiB unless raised (process-wide,
  /// the CLI's --max-input-size; docs/limits.md).
  static std::uint64_t max_load_bytes();
  static void set_max_load_bytes(std::uint64_t bytes);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  struct Position { std::uint32_t line; std::uint32_t column; };  // both 1-based
  Position position(std::uint32_t offset) const;
  /// The text of line `line` (1-based) without its newline.
  std::string_view line_text(std::uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

/// A range [begin, end) of bytes in a source file. An empty file pointer means
/// "no source location" (a diagnostic about a whole input, e.g. a usage file).
struct Span {
  std::shared_ptr<const SourceFile> file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     ///< stable identifier, e.g. "E0301"; listed in docs/diagnostics.md
  std::string message;  ///< what is wrong, in the rate sheet's terms
  Span span;            ///< where
  std::string hint;     ///< what to do about it (may be empty)
};

/// file:line:col: severity[code]: message, the source line, a caret under the span, the hint.
std::string render(const Diagnostic& diagnostic);
bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace rateline
