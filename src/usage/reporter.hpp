// reporter.hpp — collects the usage readers' diagnostics.
//
// A clean meter file produces no diagnostics, so the line index (SourceFile) that spans
// need is built only when the first diagnostic arrives: the happy path never pays for it.
// Every error is kept up to a limit; the caller sees the first kMaxErrorsShown in file
// order and a note counting the rest.
#pragma once

#include "rateline/diagnostic.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rateline::usage_detail {

inline constexpr std::size_t kMaxErrorsShown = 50;

class Reporter {
 public:
  Reporter(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  /// An error about bytes [begin, end) of the text.
  void error(const char* code, std::uint32_t begin, std::uint32_t end, std::string message, std::string hint = {});
  /// An error about the input as a whole or about the options (no source position).
  void error(const char* code, std::string message, std::string hint = {});
  void warning(const char* code, std::uint32_t begin, std::uint32_t end, std::string message, std::string hint = {});
  void warning(const char* code, std::string message, std::string hint = {});

  /// 1-based line number of a byte offset (builds the line index on first use).
  std::uint32_t line_of(std::uint32_t offset);
  bool has_errors() const { return errors_ > 0; }
  std::string_view text() const { return text_; }

  /// The diagnostics in file order, errors capped at kMaxErrorsShown plus a U0099 note.
  std::vector<Diagnostic> finish();

 private:
  void add(Severity severity, const char* code, bool located, std::uint32_t begin, std::uint32_t end,
           std::string message, std::string hint);
  const std::shared_ptr<const SourceFile>& file();

  std::string_view text_;
  const std::string& path_;
  std::shared_ptr<const SourceFile> file_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;       // all errors seen
  std::size_t errors_kept_ = 0;  // errors stored in diagnostics_
  std::size_t warnings_ = 0;     // all warnings seen (the first kMaxErrorsShown are kept)
};

}  // namespace rateline::usage_detail
