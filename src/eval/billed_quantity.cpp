// Metered usage → billed quantity: cap, convert, round, each step exact or stated.
#include "eval/billed_quantity.hpp"

#include <cstdio>

namespace rateline::eval {

namespace {

constexpr int kShareScale = 12;   // as the biller's prorations

std::string month_text(std::chrono::year_month ym) {
  char buf[12];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  return buf;
}

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
                                       const UsageToBill& usage, std::vector<std::string>* trace, std::vector<Diagnostic>& errors) {
  const auto& b = charge.billed;
  const std::string metered(to_string(b.metered)), priced(to_string(b.priced));
  Decimal q = usage.usage;
  if (!b.cap_attribute.empty()) {
    auto it = account.attributes.find(b.cap_attribute);
    std::optional<Decimal> cap = it == account.attributes.end() ? std::nullopt : Decimal::parse(it->second);
    if (!cap || cap->is_negative()) {
      add_error(errors, "B0050",
                "charge `" + charge.id + "` is capped at the account attribute `" + b.cap_attribute + "` in " + metered +
                    (it == account.attributes.end() ? ", which the account does not give" : ", not `" + it->second + "`"),
                "pass it, e.g. --attribute " + b.cap_attribute + "=4500");
      return std::nullopt;
    }
    Decimal limit = *cap;
    std::string limit_text = b.cap_attribute + " " + cap->to_string() + " " + metered;
    if (usage.share_days && usage.share_days->first != usage.share_days->second) {
      auto [part, whole] = *usage.share_days;
      limit = (limit * Decimal(part)).divided_by(Decimal(whole), kShareScale, RoundingMode::half_even).normalized();
      limit_text += " × " + std::to_string(part) + "/" + std::to_string(whole) + " days = " + limit.to_string() + " " + metered;
    }
    if (q > limit) {
      if (trace) trace->push_back("capped at " + limit_text + ": " + q.to_string() + " " + metered + " billed as " + limit.to_string() + " " + metered);
      q = limit;
    } else if (trace) {
      trace->push_back("within the cap " + limit_text);
    }
  }
  if (b.therm_factor) {
    Decimal ccf = (q * b.multiply).normalized();
    auto factor = tariff.therm_factor ? tariff.therm_factor->at(usage.billing_month) : std::nullopt;
    if (!factor) {
      add_error(errors, "B0051", "the therm factor has no factor for the billing month " + month_text(usage.billing_month),
                "add `" + month_text(usage.billing_month) + ": ...` to the tariff's `therm_factor: by billing_month { ... }`");
      return std::nullopt;
    }
    Decimal therms = ccf * *factor;
    const auto& r = *tariff.therm_rounding;
    Decimal rounded = therms.rounded(r.scale(), r.mode).normalized();
    if (trace)
      trace->push_back(ccf.to_string() + " CCF × " + tariff.therm_factor->label + " " + factor->to_string() + " (billing month " +
                       month_text(usage.billing_month) + ") = " + therms.to_string() + " therm, rounded " + std::string(to_string(r.mode)) +
                       " to " + r.step.to_string() + ": " + rounded.to_string() + " therm");
    q = rounded;
  } else if (b.converts() && b.divide == Decimal(1)) {
    Decimal converted = (q * b.multiply).normalized();
    if (trace) trace->push_back(q.to_string() + " " + metered + " = " + converted.to_string() + " " + priced + " (" + b.conversion + ")");
    q = converted;
  } else if (b.converts()) {
    // a division by a factor the sheet states: rounded as the tariff states (the checker requires it)
    const auto& r = *tariff.quantity_rounding;
    Decimal converted = (q * b.multiply).divided_by(b.divide, r.scale(), r.mode).normalized();
    if (trace)
      trace->push_back(q.to_string() + " " + metered + " = " + converted.to_string() + " " + priced + " (" + b.conversion + ", rounded " +
                       std::string(to_string(r.mode)) + " to " + r.step.to_string() + ")");
    return converted;
  }
  if (tariff.quantity_rounding) {
    const auto& r = *tariff.quantity_rounding;
    Decimal rounded = q.rounded(r.scale(), r.mode).normalized();
    if (trace && rounded != q)
      trace->push_back(q.to_string() + " " + priced + " rounded " + std::string(to_string(r.mode)) + " to " + r.step.to_string() + ": " +
                       rounded.to_string() + " " + priced);
    q = rounded;
  }
  return q;
}

}  // namespace rateline::eval
