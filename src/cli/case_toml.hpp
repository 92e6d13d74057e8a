// Reading typed values out of a case file's TOML, with every mistake a T00xx diagnostic at
// file:line:col (toml++ gives line and column in code points; spans here are bytes).
//
//   CaseToml toml(source, diagnostics);
//   auto table = toml.parse();                      // T0001 on a syntax error
//   toml.check_keys(*table, {"name", "tariff"}, "a case");
//   auto total = toml.number(*node, "total");      // exact: 12.50 is read from the text
#pragma once

#include "bill_case.hpp"

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string_view>

namespace rateline::cli {

class CaseToml {
 public:
  CaseToml(std::shared_ptr<const SourceFile> source, std::vector<Diagnostic>& diagnostics)
      : source_(std::move(source)), diagnostics_(diagnostics) {}

  std::optional<toml::table> parse();

  std::uint32_t offset(const toml::source_position& position) const;
  TextSpan span(const toml::node& node) const;
  TextSpan span(const toml::key& key) const;
  TextSpan whole_file() const;

  void error(TextSpan span, std::string code, std::string message, std::string hint = {});

  /// Reports T0002 for each key of `table` not in `known` (`where` names the table).
  void check_keys(const toml::table& table, std::initializer_list<std::string_view> known, std::string_view where);
  /// The node under `key`, or T0003 (at `missing_at`) when it is absent.
  const toml::node* require(const toml::table& table, std::string_view key, TextSpan missing_at, std::string_view where);

  std::optional<CaseText> text(const toml::node& node, std::string_view what);
  std::optional<CaseNumber> number(const toml::node& node, std::string_view what);
  std::optional<bool> flag(const toml::node& node, std::string_view what);
  std::optional<std::chrono::year_month_day> date(const toml::node& node, std::string_view what);
  std::optional<std::chrono::year_month> month(const toml::node& node, std::string_view what);
  /// A value given as text: a string as it is, a number or boolean as written in the file.
  std::optional<std::string> attribute(const toml::node& node, std::string_view what);

  const std::shared_ptr<const SourceFile>& source() const { return source_; }

 private:
  std::string_view raw(const toml::node& node) const;

  std::shared_ptr<const SourceFile> source_;
  std::vector<Diagnostic>& diagnostics_;
};

std::optional<std::chrono::year_month_day> parse_case_date(std::string_view text);

}  // namespace rateline::cli
