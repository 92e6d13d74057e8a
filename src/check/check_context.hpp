// check/check_context.hpp — what every check rule reads and writes: the file under check,
// the CheckedTariff being filled, the diagnostics found, and the few facts one section of
// the checker hands to a later one.
//
//   void check_seasons(CheckContext& cx) {                 // a rule (check/rules.hpp)
//     for (auto& s : cx.tariff.body.seasons) ... cx.error("E0501", "...", s.id.span);
//   }
#pragma once

#include "check/checked_tariff.hpp"
#include "check/volume_conversion.hpp"
#include "rateline/diagnostic.hpp"
#include "syntax/ast.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace rateline::check {

struct CheckContext {
  CheckContext(const syntax::File& f, const std::vector<const syntax::File*>& imports, const syntax::TariffDecl& t)
      : file(f), imported(imports), tariff(t) {}

  const syntax::File& file;
  const std::vector<const syntax::File*>& imported;   ///< calendars, tables and factors the file imports
  const syntax::TariffDecl& tariff;                   ///< the file's (first) tariff
  CheckedTariff out;
  std::vector<Diagnostic> diags;

  // Handed from one section to a later one.
  const syntax::MetaDecl* meter_unit = nullptr;       ///< header: `meter_unit`, read once the service is known
  std::string holidays_name;                          ///< header -> holidays: `holidays NAME`
  Span holidays_span;
  Span cycle_span;                                    ///< header -> billing cycle: `billing_cycle WORD`
  std::vector<StatedConversion> stated;               ///< volumes -> charges: `convert 1 CCF = 748 gal`
  std::map<std::string, bool> period_used;            ///< periods, charges -> unused: named by a charge?
  std::map<std::string, bool> day_set_used;           ///< periods -> unused

  // What failed, so that later checks do not report its consequences (cascades).
  std::set<std::string> failed_sections;              ///< sections (rows of kRules) that reported an error
  /// What a root error left unknown ("usage unit": the service or meter unit is wrong):
  /// rules skip their findings about it, which would only repeat the error in other words.
  std::set<std::string> broken;
  bool is_broken(const std::string& subject) const { return broken.count(subject) > 0; }

  void error(std::string code, std::string message, Span span, std::string hint = "") {
    diags.push_back({Severity::error, std::move(code), std::move(message), std::move(span), std::move(hint)});
  }
  void warning(std::string code, std::string message, Span span, std::string hint = "") {
    diags.push_back({Severity::warning, std::move(code), std::move(message), std::move(span), std::move(hint)});
  }
  void add(std::vector<Diagnostic> found) {
    for (auto& d : found) diags.push_back(std::move(d));
  }
};

}  // namespace rateline::check
