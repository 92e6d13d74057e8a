// Metered usage → billed quantity: cap, convert, round, each step exact or stated.
#include "eval/billed_quantity.hpp"

#include "eval/segments.hpp"

#include <algorithm>

namespace rateline::eval {

namespace {

void add_error(std::vector<Diagnostic>& errors, std::string code, std::string message, std::string hint) {
  for (auto& d : errors)
    if (d.code == code && d.message == message) return;   // once per run, not once per bill
  errors.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
}

// n divides every decimal exactly when it has no prime factor but 2 and 5 (the checker
// requires `rounding quantities` otherwise).
bool divides_exactly(std::size_t n) {
  while (n % 2 == 0) n /= 2;
  while (n % 5 == 0) n /= 5;
  return n == 1;
}

// `average of usage in Dec, Jan, Feb, Mar`: the last month named is its most recent
// occurrence before the billing month, each month before it the most recent before the next;
// so a bill of any month takes the last complete run of the months, the same for every bill
// until the run comes round again.
std::optional<Decimal> average_usage(const graph::Charge& charge, const Account& account, std::chrono::year_month billing_month,
                                     Trace& trace, Steps& steps, std::vector<Diagnostic>& errors) {
  const auto& months = charge.billed.average_months;
  std::vector<MonthlyUsage> used(months.size());
  std::vector<std::string> missing;
  auto cursor = billing_month;
  for (std::size_t i = months.size(); i-- > 0;) {
    do cursor -= std::chrono::months{1};
    while (static_cast<unsigned>(cursor.month()) != months[i]);
    used[i].month = cursor;
    bool found = false;
    for (auto& h : account.usage_history)
      if (h.month == cursor) used[i].usage = h.usage, found = true;   // a later entry replaces an earlier one
    if (!found) missing.insert(missing.begin(), format_month(cursor));
  }
  if (!missing.empty()) {
    std::string list;
    for (auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    add_error(errors, "B0060",
              "charge `" + charge.id + "` is billed on the average of earlier months' usage, and the account's usage history has none for " +
                  list + " (billing month " + format_month(billing_month) + ")",
              "give the usage of those months: --usage-history FILE (month,usage rows), or Account::usage_history");
    return std::nullopt;
  }
  Decimal sum;
  for (auto& m : used) sum += m.usage;
  Decimal n(static_cast<std::int64_t>(months.size()));
  // exact for 1, 2, 4, 5, 8 or 10 months (3 more places suffice); else to 12 places, as a share
  // of days, and the tariff states how the billed quantity is rounded (E0342)
  int places = divides_exactly(months.size()) ? std::max(sum.scale(), 0) + 3 : 12;
  Decimal average = sum.divided_by(n, places, RoundingMode::half_even).normalized();
  trace.usage_average(steps, used, charge.billed.metered, average);
  return average;
}

}  // namespace

bool transforms_usage(const graph::Tariff& tariff, const graph::Charge& charge) {
  return tariff.quantity_rounding || charge.billed.converts() || !charge.billed.cap_attribute.empty() || charge.billed.derives();
}

std::optional<Decimal> billed_quantity(const graph::Tariff& tariff, const graph::Charge& charge, const Account& account,
                                       const UsageToBill& usage, Trace& trace, Steps& steps, std::vector<Diagnostic>& errors) {
  const auto& b = charge.billed;
  Decimal q = usage.usage;
  if (!b.average_months.empty()) {
    auto average = average_usage(charge, account, usage.billing_month, trace, steps, errors);
    if (!average) return std::nullopt;
    q = *average;
    // a per-bill quantity: a part of the period bills its share of the days
    if (usage.share && usage.share->part != usage.share->whole) q = usage.share->split(q);
  }
  if (!b.cap_attribute.empty()) {
    auto it = account.attributes.find(b.cap_attribute);
    std::optional<Decimal> cap = it == account.attributes.end() ? std::nullopt : Decimal::parse(it->second);
    if (!cap || cap->is_negative()) {
      add_error(errors, "B0050",
                "charge `" + charge.id + "` is capped at the account attribute `" + b.cap_attribute + "` in " +
                    std::string(to_string(b.metered)) +
                    (it == account.attributes.end() ? ", which the account does not give" : ", not `" + it->second + "`"),
                "pass it, e.g. --attribute " + b.cap_attribute + "=4500");
      return std::nullopt;
    }
    UsageCap limit{b.cap_attribute, *cap, b.metered, std::nullopt, *cap};
    if (usage.share && usage.share->part != usage.share->whole) {
      limit.share = usage.share;
      limit.limit = usage.share->split(*cap);
    }
    trace.usage_cap(steps, limit, q);
    if (q > limit.limit) q = limit.limit;
  }
  if (b.share) {
    Decimal shared = (q * Decimal(b.share->coefficient(), b.share->scale() + 2)).normalized();
    trace.usage_share(steps, *b.share, q, shared, b.metered);
    q = shared;
  }
  if (b.allowance) {
    Decimal allowance = *b.allowance;
    if (usage.share && usage.share->part != usage.share->whole) allowance = usage.share->split(allowance);
    Decimal beyond = q > allowance ? (q - allowance).normalized() : Decimal(0);
    trace.usage_allowance(steps, b.allowance_charge, allowance, q, beyond, b.metered);
    q = beyond;
  }
  if (b.therm_factor) {
    Decimal ccf = (q * b.multiply).normalized();
    auto factor = tariff.therm_factor ? tariff.therm_factor->at(usage.billing_month) : std::nullopt;
    if (!factor) {
      add_error(errors, "B0051", "the therm factor has no factor for the billing month " + format_month(usage.billing_month),
                "add `" + format_month(usage.billing_month) + ": ...` to the tariff's `therm_factor: by billing_month { ... }`");
      return std::nullopt;
    }
    Decimal therms = ccf * *factor;
    const auto& r = *tariff.therm_rounding;
    Decimal rounded = therms.rounded(r.scale(), r.mode).normalized();
    trace.therms(steps, ccf, tariff.therm_factor->label, *factor, usage.billing_month, therms, r, rounded);
    q = rounded;
  } else if (b.converts() && b.divide == Decimal(1)) {
    Decimal converted = (q * b.multiply).normalized();
    trace.converted(steps, q, b, converted, std::nullopt);
    q = converted;
  } else if (b.converts()) {
    // a division by a factor the sheet states: rounded as the tariff states (the checker requires it)
    const auto& r = *tariff.quantity_rounding;
    Decimal converted = (q * b.multiply).divided_by(b.divide, r.scale(), r.mode).normalized();
    trace.converted(steps, q, b, converted, r);
    return converted;
  }
  if (tariff.quantity_rounding) {
    const auto& r = *tariff.quantity_rounding;
    Decimal rounded = q.rounded(r.scale(), r.mode).normalized();
    if (rounded != q) trace.quantity_rounded(steps, q, b.priced, r, rounded);
    q = rounded;
  }
  return q;
}

}  // namespace rateline::eval
