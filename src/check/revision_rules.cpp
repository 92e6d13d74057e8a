// Revisions (`revision 2025-01-01 { ... }`): dated after the tariff and each other, they
// restate existing charges with new prices and change nothing else. Each revision's charges
// are checked as charges, and under the tariff's net metering rule.
#include "check/charge_rules.hpp"
#include "check/dates.hpp"
#include "check/net_metering_rules.hpp"
#include "check/rules.hpp"

namespace rateline::check {

namespace {

void check_revision(CheckContext& cx, const syntax::RevisionDecl& revision) {
  auto date = parse_date(revision.date);
  if (!date) {
    cx.error("E0701", "not a valid date", revision.date_span);
  } else {
    if (cx.out.info.effective.ok() && std::chrono::sys_days{*date} <= std::chrono::sys_days{cx.out.info.effective})
      cx.error("E0701", "a revision must take effect after the tariff's effective date", revision.date_span);
    for (auto& earlier : cx.out.revision_dates)
      if (std::chrono::sys_days{*date} <= std::chrono::sys_days{earlier})
        cx.error("E0701", "revisions must be listed in date order, each after the one before", revision.date_span);
    cx.out.revision_dates.push_back(*date);
  }
  const auto& base = cx.out.decl->body.charges;
  for (auto& c : revision.body.charges) {
    auto it = cx.out.charge_index.find(c.id.text);
    if (it == cx.out.charge_index.end()) {
      cx.error("E0702", "revision changes `" + c.id.text + "`, which the tariff does not define", c.id.span,
               "a revision restates charges of the tariff with new prices");
      continue;
    }
    const auto& original = base[it->second];
    std::vector<std::string> a, b;
    for (auto& n : original.of) a.push_back(n.text);
    for (auto& n : c.of) b.push_back(n.text);
    auto text_of = [](const std::optional<syntax::Name>& n) { return n ? n->text : std::string(); };
    bool same_on = (original.on.has_value() == c.on.has_value()) &&
                   (!c.on || (c.on->name.text == original.on->name.text && c.on->periods.size() == original.on->periods.size() &&
                              text_of(c.on->cap) == text_of(original.on->cap))) &&
                   text_of(c.unless) == text_of(original.unless);
    // `except` narrows the base and `grossed up` changes the formula: both are what the
    // charge is, and a revision takes its base from the original, so a change is refused
    // rather than silently ignored.
    std::vector<std::string> a_except, b_except;
    for (auto& n : original.except) a_except.push_back(n.text);
    for (auto& n : c.except) b_except.push_back(n.text);
    if (a_except != b_except || original.gross_up != c.gross_up) same_on = false;
    if (original.kind != c.kind || a != b || !same_on)
      cx.error("E0704", "revision of `" + c.id.text + "` must keep what it is (kind, `on` and `of`) and change only prices", c.id.span,
               "to change what a charge applies to, define a new charge");
    check_charge(cx, c);
  }
  if (!revision.body.seasons.empty() || !revision.body.periods.empty() || !revision.body.meta.empty() || !revision.body.rounding.empty() ||
      !revision.body.power_factor.empty() || !revision.body.kva_demand.empty())
    cx.error("E0703", "a revision can only restate charges", revision.span, "seasons, periods and header fields apply to every revision");
}

}  // namespace

void check_revisions(CheckContext& cx) {
  for (auto& revision : cx.tariff.revisions) {
    check_revision(cx, revision);
    cx.add(net_metering_diagnostics(revision.body, cx.out));
  }
}

}  // namespace rateline::check
