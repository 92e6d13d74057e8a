// Metered usage → billed quantity: cap, convert, round, each step exact or stated.
#include "eval/billed_quantity.hpp"

#include "eval/segments.hpp"

namespace rateline::eval {

namespace {

void add_error(std::vector<Diagnostic>& errors, std::string code, std::string message, std::string hint) {
  for (auto& d : errors)
    if (d.code == code && d.message == message) return;   // once per run, not once per bill
  errors.push_back({Severity::error, std::move(code), std::move(message), {}, std::move(hint)});
}

}  // namespace

bool transforms_usage(const graph::Tariff& tariff, const graph::Charge& charge) {
  return tariff.quantity_rounding || charge.billed.converts() || !charge.billed.cap_attribute.empty();
}

std::optional<Decimal> billed_quantity(const graph::Tariff& tariff, const graph::Charge& charge, const Account& account,
                                       const UsageToBill& usage, Trace& trace, Steps& steps, std::vector<Diagnostic>& errors) {
  const auto& b = charge.billed;
  Decimal q = usage.usage;
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
