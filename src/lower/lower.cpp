// Lowering: the checked AST becomes graph::Tariff. Names become indices, prices become
// currency amounts (cents / 100), tier tables become cumulative bounds, and `by` tables
// become arrays indexed by season, period or month. Checks are not repeated here, and
// nothing falls back to a default: the checker proved every name and recorded every fact,
// so a name or unit that does not resolve is a broken invariant (std::logic_error).
#include "lower/lower.hpp"

#include "check/dates.hpp"
#include "check/words.hpp"
#include "graph/measures.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace rateline::lower {

namespace {

using check::CheckedTariff;

std::string unit_text(const std::vector<syntax::Name>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : "/") + n.text;
  return out;
}

[[noreturn]] void broken(const std::string& what) { throw std::logic_error("lowering a checked tariff: " + what); }

// The unit of a `$/unit` price the checker accepted.
Unit checked_unit(const std::string& per) {
  auto unit = parse_unit(per);
  if (!unit) broken("the price unit `" + per + "` was not checked");
  return *unit;
}

std::string origin(const Span& span) {
  if (!span.file) return "";
  return span.file->path() + ":" + std::to_string(span.file->position(span.begin).line);
}

class Lowerer {
 public:
  explicit Lowerer(const CheckedTariff& checked) : c_(checked) {}

  std::shared_ptr<const graph::Tariff> run() {
    auto t = std::make_shared<graph::Tariff>(*c_.zone);
    t->info = c_.info;
    t->season_names = c_.season_names;
    t->season_labels = c_.season_labels;
    t->calendar_to_season = c_.calendar_to_season;
    for (auto& g : c_.groups) {
      graph::PeriodGroup group;
      group.name = g.name;
      for (auto* p : g.periods) {
        group.period_names.push_back(p->id.text);
        group.period_labels.push_back(p->label.value_or(p->id.text));
      }
      if (group.period_names.empty()) group.period_names.push_back("all");
      group.schedule = g.schedule;
      t->groups.push_back(std::move(group));
    }
    t->rounding = c_.rounding;
    t->proration = c_.proration;
    t->cycle_months = c_.cycle_months;
    t->demand_window = c_.demand_window;
    t->season_split_days = c_.season_split_days;
    t->kva_rounding = c_.kva_rounding;
    t->power_factor = c_.power_factor;
    t->metering_adjustments = c_.metering_adjustments;
    t->net_metering = c_.net_metering;
    t->usage_unit = c_.usage_unit;
    t->therm_factor = c_.therm_factor;
    t->therm_rounding = c_.therm_rounding;
    t->quantity_rounding = c_.quantity_rounding;
    t->total_rounding = c_.total_rounding;
    t->limit_rounding = c_.limit_rounding;
    t->demand_sliding = c_.demand_sliding;
    tariff_ = t.get();
    if (!c_.decl->body.billing_demand.empty()) {
      const auto& bd = c_.decl->body.billing_demand.front();
      if (bd.label) t->billing_demand_label = *bd.label;
      for (auto& term : bd.terms) {
        graph::BillingDemandTerm g;
        using K = syntax::BillingDemandTerm::Kind;
        switch (term.kind) {
          case K::demand: g.kind = graph::BillingDemandTerm::Kind::demand; break;
          case K::ratchet: {
            g.kind = graph::BillingDemandTerm::Kind::ratchet;
            g.percent = term.percent;
            if (term.of_billing_demand) t->ratchet_of_billing_demand = true;
            g.months = static_cast<int>(static_cast<long long>(term.months.normalized().coefficient()));
            bool any_season = false, any_month = false;
            std::uint32_t seasons = 0;
            std::uint16_t month_bits = 0;
            for (auto& s : term.seasons) {
              if (auto it = c_.season_index.find(s.text); it != c_.season_index.end()) {
                seasons |= 1u << it->second;
                any_season = true;
              }
              if (auto m = check::month_index(s.text)) {
                month_bits = static_cast<std::uint16_t>(month_bits | (1u << (*m - 1)));
                any_month = true;
              }
            }
            if (any_season) g.season_mask = seasons;
            if (any_month) g.month_mask = month_bits;
            break;
          }
          case K::floor: g.kind = graph::BillingDemandTerm::Kind::floor; g.kw = term.floor->amount; break;
          case K::attribute: g.kind = graph::BillingDemandTerm::Kind::attribute; g.attribute = term.attribute.text; break;
        }
        t->billing_demand.push_back(std::move(g));
      }
    }
    for (auto& decl : c_.decl->body.charges) t->charges.push_back(charge(decl));
    for (std::size_t i = 0; i < t->charges.size(); ++i) t->charges[i].base = c_.bases[i];
    t->evaluation_order = c_.evaluation_order;
    for (std::size_t r = 0; r < c_.decl->revisions.size(); ++r) {
      graph::Revision revision;
      revision.effective = c_.revision_dates.at(r);
      revision.charges = t->revisions.empty() ? t->charges : t->revisions.back().charges;
      for (auto& decl : c_.decl->revisions[r].body.charges) {
        auto index = c_.charge_index.at(decl.id.text);
        auto base = revision.charges[index].base;
        revision.charges[index] = charge(decl);
        revision.charges[index].base = base;
      }
      t->revisions.push_back(std::move(revision));
    }
    return t;
  }

 private:
  graph::Charge charge(const syntax::ChargeDecl& decl) {
    graph::Charge ch;
    ch.id = decl.id.text;
    ch.label = decl.label.value_or(decl.id.text);
    ch.origin = origin(decl.span);
    group_ = 0;
    if (decl.on) {
      const auto* measure = graph::measure_named(decl.on->name.text);
      if (!measure) broken("`on " + decl.on->name.text + "` is not a measure");
      ch.determinant.measure = measure->measure;
      if (!decl.on->periods.empty()) {
        std::uint64_t mask = 0;
        for (auto& p : decl.on->periods) {
          auto ref = c_.period_index.at(p.text);
          ch.determinant.group = ref.group;
          mask |= 1ull << ref.index;
        }
        ch.determinant.periods = mask;
      }
    }
    group_ = ch.determinant.group;
    // the period group a charge's `by period` or tier columns use decides its determinant group
    find_group(decl.pricing);
    ch.determinant.group = group_;

    switch (decl.kind) {
      case syntax::ChargeKind::charge: {
        const auto* measure = graph::measure_row(ch.determinant.measure);
        ch.kind = measure ? measure->line_kind : LineKind::fixed;   // no measure: a fixed charge
        break;
      }
      case syntax::ChargeKind::rider: ch.kind = LineKind::rider; break;
      case syntax::ChargeKind::tax: ch.kind = LineKind::tax; break;
      case syntax::ChargeKind::credit: ch.kind = LineKind::credit; break;
      case syntax::ChargeKind::minimum: ch.kind = LineKind::minimum; break;
      case syntax::ChargeKind::late_fee: ch.kind = LineKind::late_fee; break;
      case syntax::ChargeKind::adjustment: ch.kind = LineKind::adjustment; break;
    }
    ch.form = decl.kind == syntax::ChargeKind::minimum ? graph::Form::minimum
            : decl.kind == syntax::ChargeKind::late_fee ? graph::Form::late_fee
            : !decl.of.empty() ? graph::Form::percentage
                               : graph::Form::priced;
    const syntax::Price* leaf = first_price(decl.pricing);
    if (leaf) {
      auto per = unit_text(leaf->per);
      ch.rate_unit = leaf->percent ? "%" : (std::string(c_.info.currency == "USD" || c_.info.currency.empty() ? "$" : c_.info.currency) + (per.empty() ? "" : "/" + per));
      if (ch.form == graph::Form::minimum) {
        ch.minimum_per = per == "day" ? graph::MinimumPer::day : per == "year" ? graph::MinimumPer::year : graph::MinimumPer::bill;
        ch.unit = per == "day" ? Unit::day : Unit::month;
        if (decl.on) {   // per kW of demand (a derived minimum): the price × the charge's quantity
          ch.minimum_per = graph::MinimumPer::quantity;
          ch.unit = checked_unit(per);
        }
      } else if (ch.form == graph::Form::percentage || (ch.form == graph::Form::late_fee && leaf->percent)) {
        ch.unit = Unit::percent;
      } else if (ch.determinant.measure == graph::Measure::none) {
        ch.unit = checked_unit(per);
        if (ch.unit == Unit::day) ch.determinant.measure = graph::Measure::days;
      } else {
        ch.unit = checked_unit(per);
      }
    }
    if (leaf && !leaf->percent) ch.per_cycle = cycle_share(unit_text(leaf->per));
    if (auto it = c_.billed.find(&decl); it != c_.billed.end()) ch.billed = it->second;
    if (decl.unless) ch.exempt_if = decl.unless->text;
    rate_denominator_ = ch.form == graph::Form::percentage ? common_denominator(decl.pricing) : 1;
    ch.rate_denominator = Decimal(rate_denominator_);
    ch.pricing = pricing(decl.pricing, ch.form == graph::Form::percentage || ch.unit == Unit::percent);
    rate_denominator_ = 1;
    if (decl.grace_days) ch.grace_days = static_cast<std::int32_t>(std::stol(decl.grace_days->normalized().to_string()));
    if (decl.not_under) ch.not_under = decl.not_under->dollars();
    ch.gross_up = decl.gross_up;
    if (decl.at_most) ch.at_most = decl.at_most->dollars();
    if (decl.at_least) ch.at_least = decl.at_least->dollars();
    if (auto it = c_.charge_rounding.find(&decl); it != c_.charge_rounding.end()) ch.rounding = it->second;
    else if (decl.rounded) broken("the rounding of `" + decl.id.text + "` was not checked");
    return ch;
  }

  // `table NAME`: the checker resolved it to a table of this file or an imported one
  const syntax::ByTable* by_table_of(const syntax::Pricing& p) const {
    if (auto* ref = std::get_if<syntax::TableRef>(&p.node)) return c_.tables.at(ref->name.text);
    return std::get_if<syntax::ByTable>(&p.node);
  }

  void find_group(const syntax::Pricing& p) {
    if (auto* by = by_table_of(p)) {
      if (by->axis.text == "period")
        for (auto& c : by->cases)
          for (auto& k : c.keys) group_ = c_.period_index.at(k.text).group;
      for (auto& c : by->cases) find_group(*c.pricing);
    } else if (auto* t = std::get_if<syntax::Tiers>(&p.node)) {
      for (auto& row : t->rows)
        for (auto& [period, _] : row.prices)
          if (period) group_ = c_.period_index.at(period->text).group;
    }
  }

  const syntax::Price* first_price(const syntax::Pricing& p) const {
    if (auto* price = std::get_if<syntax::Price>(&p.node)) return price;
    if (auto* t = std::get_if<syntax::Tiers>(&p.node)) return first_price(*t);
    for (auto& c : by_table_of(p)->cases)
      if (auto* found = first_price(*c.pricing)) return found;
    return nullptr;
  }

  const syntax::Price* first_price(const syntax::Tiers& t) const {
    for (auto& row : t.rows) {
      if (!row.prices.empty()) return &row.prices.front().second;
      if (row.nested)
        if (auto* found = first_price(*row.nested)) return found;
    }
    return nullptr;
  }

  // A percentage's price over the charge's common denominator: `33 1/3 %` and `1/2 %` in one
  // table are 200/6 and 3/6.
  Decimal amount(const syntax::Price& p) const {
    if (!p.percent) return p.dollars();
    if (rate_denominator_ == 1) return p.amount;
    const auto own = std::stoll(p.denominator.normalized().to_string());
    return p.amount * Decimal(static_cast<std::int64_t>(rate_denominator_ / own));
  }

  // The least common multiple of the denominators of a percentage's fractions (checked 1..1000).
  std::int64_t common_denominator(const syntax::Pricing& p) const {
    std::int64_t d = 1;
    if (auto* price = std::get_if<syntax::Price>(&p.node)) {
      d = std::stoll(price->denominator.normalized().to_string());
    } else if (auto* tiers = std::get_if<syntax::Tiers>(&p.node)) {
      for (auto& row : tiers->rows)
        for (auto& column : row.prices) d = std::lcm(d, std::stoll(column.second.denominator.normalized().to_string()));
    } else {
      for (auto& c : by_table_of(p)->cases) d = std::lcm(d, common_denominator(*c.pricing));
    }
    return d;
  }

  std::uint32_t add(graph::Pricing node) {
    tariff_->pricing.push_back(std::move(node));
    return static_cast<std::uint32_t>(tariff_->pricing.size() - 1);
  }

  std::uint32_t pricing(const syntax::Pricing& p, bool percent) {
    if (auto* price = std::get_if<syntax::Price>(&p.node)) {
      graph::Pricing node;
      node.kind = graph::Pricing::Kind::flat;
      node.price = amount(*price);
      if (price->percent) node.written_denominator = std::stoll(price->denominator.normalized().to_string());
      return add(std::move(node));
    }
    if (auto* tiers = std::get_if<syntax::Tiers>(&p.node)) return add(tier_table(*tiers));
    const auto& table = *by_table_of(p);
    graph::Pricing node;
    const auto& axis = table.axis.text;
    std::uint32_t otherwise = graph::kNone;
    for (auto& c : table.cases)
      if (c.otherwise) otherwise = pricing(*c.pricing, percent);
    if (axis == "season") {
      node.kind = graph::Pricing::Kind::by_season;
      node.cases.assign(c_.season_names.size(), otherwise);
      for (auto& c : table.cases)
        if (!c.otherwise) {
          auto id = pricing(*c.pricing, percent);
          for (auto& k : c.keys) node.cases[c_.season_index.at(k.text)] = id;
        }
    } else if (axis == "period") {
      node.kind = graph::Pricing::Kind::by_period;
      node.group = group_;
      node.cases.assign(std::max<std::size_t>(1, c_.groups[group_].periods.size()), otherwise);
      for (auto& c : table.cases)
        if (!c.otherwise) {
          auto id = pricing(*c.pricing, percent);
          for (auto& k : c.keys) node.cases[c_.period_index.at(k.text).index] = id;
        }
    } else if (axis == "month") {
      node.kind = graph::Pricing::Kind::by_month;
      node.cases.assign(12, otherwise);
      for (auto& c : table.cases)
        if (!c.otherwise) {
          auto id = pricing(*c.pricing, percent);
          for (auto& k : c.keys)
            for (std::size_t m = 0; m < 12; ++m)
              if (check::lowercase(k.text).substr(0, 3) == check::lowercase(check::kMonthNames[m])) node.cases[m] = id;
        }
    } else {
      node.kind = axis == "billing_month" ? graph::Pricing::Kind::by_billing_month : graph::Pricing::Kind::by_attribute;
      node.attribute = axis;
      node.otherwise = otherwise;
      for (auto& c : table.cases)
        if (!c.otherwise) {
          auto id = pricing(*c.pricing, percent);
          for (auto& k : c.keys) node.attribute_cases.emplace_back(k.text, id);
        }
    }
    node.otherwise = otherwise;
    return add(std::move(node));
  }

  graph::Pricing tier_table(const syntax::Tiers& tiers) {
    graph::Pricing node;
    node.kind = graph::Pricing::Kind::tiers;
    node.group = group_;
    auto& t = node.tiers;
    t.allocation = tiers.allocation ? c_.allocations.at(&tiers) : graph::Allocation::single;
    std::optional<Decimal> previous;
    std::string previous_unit;
    for (auto& row : tiers.rows) {
      using B = syntax::TierRow::Bound;
      std::optional<graph::TierTable::Bound> upper;
      std::string label;
      std::string unit = row.quantity ? unit_text(row.quantity->unit) : "";
      // a limit per month, quarter or year is a limit per bill of the cycle, scaled exactly
      const Decimal bound_scale = cycle_share(unit.substr(unit.find('/') == std::string::npos ? unit.size() : unit.find('/') + 1));
      auto bound_unit = unit.ends_with("/kW/day") ? graph::BoundUnit::per_kw_per_day
                      : unit.ends_with("/kW") ? graph::BoundUnit::per_kw
                      : unit.ends_with("/day") ? graph::BoundUnit::per_day
                                               : graph::BoundUnit::per_bill;
      switch (row.bound) {
        case B::first:
          upper = graph::TierTable::Bound{row.quantity->amount, bound_unit};
          label = "first " + row.quantity->amount.to_string() + " " + unit;
          break;
        case B::next:
          upper = graph::TierTable::Bound{previous.value_or(Decimal(0)) + row.quantity->amount, bound_unit};
          label = "next " + row.quantity->amount.to_string() + " " + unit;
          break;
        case B::up_to:
          upper = graph::TierTable::Bound{row.quantity->amount, bound_unit};
          label = (previous ? previous->to_string() + " to " : std::string("up to ")) + row.quantity->amount.to_string() + " " + unit;
          break;
        case B::over:
          label = "over " + row.quantity->amount.to_string() + " " + unit;
          break;
        case B::rest:
          label = previous ? "over " + previous->to_string() + " " + previous_unit : "all";
          break;
      }
      if (upper) {
        previous = upper->amount;
        previous_unit = unit;
        if (bound_scale != Decimal(1)) upper->amount = (upper->amount * bound_scale).normalized();
      }
      t.upper.push_back(upper);
      t.labels.push_back(label);
      t.nested.push_back(row.nested ? add(tier_table(*row.nested)) : graph::kNone);
      if (row.nested) {
        // a block's column layout is its steps' layout
        const auto& inner = tariff_->pricing.back().tiers;
        if (t.column_period.empty()) t.column_period = inner.column_period;
        if (t.prices.size() < inner.prices.size()) t.prices.resize(inner.prices.size());
        for (auto& col : t.prices) col.push_back(Decimal(0));
        continue;
      }
      if (t.prices.size() < row.prices.size()) t.prices.resize(row.prices.size());
      for (std::size_t col = 0; col < row.prices.size(); ++col) t.prices[col].push_back(amount(row.prices[col].second));
      if (t.column_period.empty()) {
        for (auto& [period, _] : row.prices)
          t.column_period.push_back(period ? c_.period_index.at(period->text).index : graph::kNone);
      }
    }
    return node;
  }

  // How many of a `$/unit` price or a limit per unit one bill of the cycle is: the checker
  // let through only shares that are exact decimals (check/billing_cycle_rules.cpp).
  Decimal cycle_share(const std::string& per) const {
    const int months = per == "month" ? 1 : per == "quarter" ? 3 : per == "year" ? 12 : 0;
    if (months == 0) return Decimal(1);
    return Decimal(c_.cycle_months).divided_by(Decimal(months), 2, RoundingMode::half_even).normalized();
  }

  const CheckedTariff& c_;
  std::int64_t rate_denominator_ = 1;   ///< while a percentage's pricing is lowered
  graph::Tariff* tariff_ = nullptr;
  std::uint32_t group_ = 0;
};

}  // namespace

std::shared_ptr<const graph::Tariff> lower_tariff(const CheckedTariff& checked) { return Lowerer(checked).run(); }

}  // namespace rateline::lower
