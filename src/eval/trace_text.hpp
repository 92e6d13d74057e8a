// eval/trace_text.hpp — TextTrace: the Trace observer that writes each step as `rateline explain` prints it (LineItem::trace).
#pragma once

#include "eval/trace.hpp"
#include "eval/money_text.hpp"

namespace rateline::eval {

class TextTrace final : public Trace {
 public:
  explicit TextTrace(const graph::Tariff& tariff) : t_(tariff), symbol_(currency_symbol(tariff.info.currency)) {}
  bool explains() const override { return true; }

  void charge(Steps&, const graph::Charge&, const Context&) override;
  void amount(Steps&, const Decimal& unrounded, const Decimal& rounded, const std::optional<graph::QuantityRounding>&) override;
  void exempt_billed(Steps&, const graph::Charge&) override;
  void revision_split(Steps&, const Segment&) override;

  void energy(Steps&, const Measured&, Unit usage_unit, const DeterminantSource&, const Segment&, const Context&) override;
  void channel(Steps&, const Measured&, const Context&) override;
  void max_demand(Steps&, const Decimal& kw, const DeterminantSource&, const Segment&, const Context&) override;
  void kva_demand(Steps&, const Decimal& kva, const graph::Tariff::KvaRounding&, const Context&,
                  const std::function<std::string()>& window) override;
  void power_factor_kept(Steps&, const graph::Tariff::PowerFactor&, const PowerFactor&) override;
  void power_factor_adjusted(Steps&, const graph::Tariff::PowerFactor&, const PowerFactor&, const Decimal& kwh, const Decimal& kvarh,
                             const Decimal& kw, const Decimal& adjusted) override;
  void days(Steps&, int days, const Context&) override;

  void usage_cap(Steps&, const UsageCap&, const Decimal& usage) override;
  void metering_adjusted(Steps&, const std::string& label, const Decimal& percent, const Decimal& before, const Decimal& after,
                         bool energy) override;
  void minimum_per_unit(Steps&, const Decimal& quantity, std::string_view unit, const Decimal& per_unit, const Decimal& minimum,
                        const std::string& symbol) override;
  void usage_average(Steps&, const std::vector<MonthlyUsage>&, Unit, const Decimal& average) override;
  void usage_share(Steps&, const Decimal& percent, const Decimal& usage, const Decimal& result, Unit) override;
  void usage_allowance(Steps&, const std::string& charge, const Decimal& allowance, const Decimal& usage, const Decimal& result,
                       Unit) override;
  void therms(Steps&, const Decimal& ccf, const std::string& factor_label, const Decimal& factor, std::chrono::year_month month,
              const Decimal& therms, const graph::QuantityRounding&, const Decimal& rounded) override;
  void converted(Steps&, const Decimal& usage, const graph::BilledQuantity&, const Decimal& converted,
                 const std::optional<graph::QuantityRounding>&) override;
  void quantity_rounded(Steps&, const Decimal& quantity, Unit priced, const graph::QuantityRounding&, const Decimal& rounded) override;

  void segment_share(Steps&, const Segment&, const Decimal& result, const char* unit) override;
  void season_share(Steps&, const Context&, const Decimal& result, const char* unit) override;
  void season_part(Steps&, const Context&) override;
  void prorated(Steps&, int period_days, int month_days, const Decimal& months) override;
  void meters(Steps&, int meters, bool from_attribute) override;

  void demand_term(Steps&, const std::string& term, const Decimal& kw) override;
  void no_ratchet_history(Steps&, int months) override;
  void billing_demand(Steps&, const std::string& label, const Decimal& kw, const std::string& term) override;
  void limits_demand(Steps&, const Decimal& kw) override;

  void billing_month_case(Context&, std::chrono::year_month) override;
  void priced(Steps&, const Decimal& quantity, const std::string& unit, const Decimal& price, const std::string& rate_unit,
              const Decimal& amount) override;
  void limit_rounded(Steps&, const Decimal& limit, const graph::QuantityRounding&, const Decimal& rounded) override;
  void tier(Steps&, const std::string& label, const std::optional<Decimal>& limit, const Decimal& quantity, const std::string& unit,
            const Decimal& rate, const std::string& rate_unit, const Decimal& amount) override;
  void tiered_total(Steps&, graph::Measure, const Decimal& total, std::string_view unit, const Context&) override;
  void tier_share(Steps&, graph::Allocation, const std::string& label, const Decimal& quantity, const Decimal& rate,
                  const std::string& rate_unit, const Decimal& amount) override;

  void percentage_limited(Steps&, const Decimal& amount, const char* why, const Decimal& limit) override;
  void percentage(Steps&, const Decimal& base, const std::vector<std::uint32_t>& base_charges, const std::vector<graph::Charge>& charges,
                  const Decimal& rate, const Decimal& amount) override;
  void gross_up(Steps&, const Decimal& base, const std::vector<std::uint32_t>& base_charges, const std::vector<graph::Charge>& charges,
                const Decimal& rate, const Decimal& amount) override;
  void minimum(Steps&, const Decimal& base, const Decimal& floor, const Decimal& amount) override;
  void annual_minimum(Steps&, std::size_t first, std::size_t last, const Decimal& base, const Decimal& floor) override;

  /// " in summer (period on_peak, mid_peak)": where in the bill a measure was taken.
  std::string where(const Context& ctx) const;

 private:
  std::string money(const Decimal& d) const;
  /// A quantity as the table shows it: exact, without trailing fractional zeros.
  std::string qty(const Decimal& d) const;
  /// The billed quantity of the line being explained: as qty, or at the sheet's `rounding
  /// quantities` step on an energy line (core/shown_quantity.hpp).
  std::string billed(const Decimal& d) const;

  const graph::Tariff& t_;
  std::string symbol_;   // "$": amounts are written in the tariff's currency
  std::optional<int> line_places_;   // the line being explained: its quantity's step (charge())
};

}  // namespace rateline::eval
