// The tariff checker: the list of rules (check/rules.hpp) run in order over one tariff.
// Each rule resolves names or proves what the biller relies on (units fit, tiers increase,
// every minute is in exactly one TOU period, riders form no cycle); each finding is a
// Diagnostic with a stable code (docs/diagnostics.md).
#include "check/cascades.hpp"
#include "check/checked_tariff.hpp"
#include "check/rules.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace rateline::check {

namespace {

// A section names the sections whose facts it relies on: when one of them reported an
// error, its findings would only be consequences of that error, so it is skipped.
struct Section {
  std::string_view name;
  Rule rule;
  std::array<std::string_view, 2> needs = {};   ///< empty names are unused slots
};

// In order: a rule may use what the rules above it recorded in cx.out.
constexpr Section kRules[] = {
    {"tables", check_tables},
    {"header", check_header},
    {"holidays", check_holidays},
    {"seasons", check_seasons},
    {"periods", check_periods},
    {"rounding", check_rounding},
    {"volumes", check_volumes},
    {"billing demand", check_billing_demand},
    {"charges", check_charges},
    {"charge order", check_charge_order},
    {"gross-up", check_gross_up},
    {"net metering", check_net_metering},
    {"power factor", check_power_factor},
    {"kva demand", check_kva_demand},
    {"unused", check_unused, {{"charges"}}},   // a failed charge may name periods and day sets it never got to mark used
    {"revisions", check_revisions},
    {"derived quantities", check_derived_quantities},
    {"billing cycle", check_billing_cycle},
    {"fractions", check_fractions},
    {"services", check_services},
};

std::size_t error_count(const std::vector<Diagnostic>& diags) {
  return static_cast<std::size_t>(std::count_if(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

}  // namespace

std::optional<Unit> price_unit(const syntax::Price& price) {
  if (price.per.empty()) return std::nullopt;
  std::string text;
  for (auto& p : price.per) text += (text.empty() ? "" : "/") + p.text;
  return parse_unit(text);
}

CheckResult check_tariff(const syntax::File& file, const std::vector<const syntax::File*>& imported) {
  CheckResult result;
  if (file.tariffs.empty()) {
    result.diagnostics.push_back({Severity::error, "E0100", "this file has no `tariff \"Name\" { ... }`", Span{file.source, 0, 0},
                                  "a tariff file holds one tariff block; calendar files hold `calendar` blocks"});
    return result;
  }
  CheckContext cx(file, imported, file.tariffs.front());
  if (file.tariffs.size() > 1)
    cx.error("E0105", "a file holds one tariff; this is a second one", file.tariffs[1].name_span, "put each tariff in its own file");
  cx.out.decl = &cx.tariff;
  cx.out.info.name = cx.tariff.name;
  cx.out.info.path = file.source->path();
  for (auto& section : kRules) {
    bool meaningful = std::none_of(section.needs.begin(), section.needs.end(),
                                   [&](std::string_view need) { return !need.empty() && cx.failed_sections.count(std::string(need)) > 0; });
    if (!meaningful) continue;
    auto errors_before = error_count(cx.diags);
    section.rule(cx);
    if (error_count(cx.diags) > errors_before) cx.failed_sections.insert(std::string(section.name));
  }

  if (!has_errors(cx.diags)) result.tariff = std::move(cx.out);
  std::stable_sort(cx.diags.begin(), cx.diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.span.file == b.span.file && a.span.begin < b.span.begin;
  });
  drop_warnings_at_errors(cx.diags);
  result.diagnostics = std::move(cx.diags);
  return result;
}

}  // namespace rateline::check
