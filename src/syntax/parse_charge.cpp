// Charges and their pricing from the parse tree into the AST (syntax/parse_charge.hpp).
#include "syntax/parse_charge.hpp"

#include "syntax/parse_quantities.hpp"
#include "syntax/parse_tree.hpp"

#include "grammar/tariff_grammar.hpp"

namespace rateline::syntax {

namespace g = rateline::grammar;
using namespace tree;

namespace {

// The readers share the file the spans point into.
class ChargeReader {
 public:
  explicit ChargeReader(std::shared_ptr<const SourceFile> source) : source_(std::move(source)) {}

  Price price(const Node& n) const {
    Price p;
    p.span = span(n);
    if (auto* whole = find<g::number>(n)) p.amount = number(*whole);
    if (auto* fraction = find<g::percent_fraction>(n)) percent_fraction(*fraction, p);
    if (find<g::percent_sign>(n)) {
      p.percent = true;
      p.unit_span = span(*find<g::percent_sign>(n));
    } else {
      auto* sym = find<g::currency_symbol>(n);
      p.cents = sym->string_view() != "$";
      p.unit_span = span(*sym);
      if (auto* per = find<g::per_unit>(n)) {
        for (auto* u : all<g::unit_word>(*per)) p.per.push_back(name(*u));
        p.unit_span.end = span(*per).end;
      }
    }
    return p;
  }

  // "33 1/3": amount 100 over denominator 3 (the whole number's sign applies to the fraction)
  static void percent_fraction(const Node& n, Price& p) {
    auto text = n.string_view();
    auto slash = text.find('/');
    p.numerator = Decimal::parse(text.substr(0, slash)).value();
    p.denominator = Decimal::parse(text.substr(slash + 1)).value();
    auto magnitude = p.amount.abs() * p.denominator + p.numerator;
    p.amount = p.amount.is_negative() ? -magnitude : magnitude;
  }

  Quantity quantity(const Node& n) const {
    Quantity q;
    q.span = span(n);
    q.amount = number(*find<g::number>(n));
    for (auto* u : all<g::unit_word>(*find<g::bound_unit>(n))) q.unit.push_back(name(*u));
    return q;
  }

  Tiers tiers(const Node& n) const {
    Tiers t;
    t.span = span(n);
    if (auto* a = find<g::tier_allocation>(n)) t.allocation = name(*a);
    for (auto* row : all<g::tier_row>(n)) {
      TierRow r;
      r.span = span(*row);
      const Node& bound = *row->children.front();
      if (bound.is_type<g::tier_first>()) r.bound = TierRow::Bound::first;
      else if (bound.is_type<g::tier_next>()) r.bound = TierRow::Bound::next;
      else if (bound.is_type<g::tier_up_to>()) r.bound = TierRow::Bound::up_to;
      else if (bound.is_type<g::tier_over>()) r.bound = TierRow::Bound::over;
      else r.bound = TierRow::Bound::rest;
      if (auto* q = find<g::quantity>(bound)) r.quantity = quantity(*q);
      for (auto* col : all<g::tier_column>(*row)) {
        r.prices.emplace_back(name(*find<g::identifier>(*col)), price(*find<g::price>(*col)));
      }
      for (auto* p : all<g::price>(*row)) r.prices.emplace_back(std::nullopt, price(*p));
      if (auto* nested = find<g::nested_tiers>(*row)) r.nested = std::make_shared<Tiers>(tiers(*nested));
      t.rows.push_back(std::move(r));
    }
    return t;
  }

  ByTable by_table(const Node& by) const {
    ByTable table;
    table.span = span(by);
    table.axis = name(*find<g::by_axis>(by));
    for (auto* c : all<g::by_case>(by)) {
      ByCase bc;
      bc.span = span(*c);
      bc.otherwise = find<g::case_otherwise>(*c) != nullptr;
      for (auto* k : all<g::case_key>(*c)) bc.keys.push_back(name(*k));
      bc.pricing = std::make_unique<Pricing>(pricing(*find<g::pricing>(*c)));
      table.cases.push_back(std::move(bc));
    }
    return table;
  }

  Pricing pricing(const Node& n) const {
    Pricing p;
    p.span = span(n);
    if (auto* by = find<g::by_table>(n)) {
      p.node = by_table(*by);
    } else if (auto* ref = find<g::table_ref>(n)) {
      p.node = TableRef{name(*find<g::table_id>(*ref)), span(*ref)};
    } else if (auto* t = find<g::tiers>(n)) {
      p.node = tiers(*t);
    } else {
      p.node = price(*find<g::price>(n));
    }
    return p;
  }

  ChargeDecl charge(const Node& n) const {
    ChargeDecl c;
    c.span = span(n);
    auto kind = find<g::charge_kind>(n)->string_view();
    c.kind = kind == "rider" ? ChargeKind::rider
             : kind == "tax" ? ChargeKind::tax
             : kind == "credit" ? ChargeKind::credit
             : kind == "minimum" ? ChargeKind::minimum
             : kind == "late_fee" ? ChargeKind::late_fee
             : kind == "adjustment" ? ChargeKind::adjustment
                                    : ChargeKind::charge;
    c.id = name(*find<g::charge_id>(n));
    if (auto* l = find<g::label>(n)) {
      c.label = unquote(l->string_view());
      c.label_span = span(*l);
    }
    if (auto* on = find<g::on_clause>(n)) {
      auto* d = find<g::determinant>(*on);
      Determinant det;
      det.span = span(*d);
      det.name = name(*find<g::determinant_name>(*d));
      if (auto* periods = find<g::determinant_periods>(*d))
        for (auto* id : all<g::identifier>(*periods)) det.periods.push_back(name(*id));
      if (auto* cap = find<g::cap_clause>(*d)) det.cap = name(*find<g::cap_attribute>(*cap));
      read_derived_determinant(*d, source_, det);
      c.on = std::move(det);
    }
    auto* body = find<g::charge_body>(n);
    c.pricing = pricing(*find<g::pricing>(*body));
    read_allowance(*body, source_, c);
    if (auto* of = find<g::of_clause>(*body)) {
      c.of_span = span(*of);
      for (auto* id : all<g::identifier>(*of)) c.of.push_back(name(*id));
      if (auto* except = find<g::except_clause>(*of))
        for (auto* id : all<g::identifier>(*except)) c.except.push_back(name(*id));
    }
    if (auto* gross = find<g::gross_up_clause>(*body)) {
      c.gross_up = true;
      c.gross_up_span = span(*gross);
    }
    for (auto* limit : all<g::limit_clause>(*body)) {
      auto p = price(*find<g::price>(*limit));
      if (find<g::limit_kind>(*limit)->string_view() == "most") c.at_most = p;
      else c.at_least = p;
    }
    if (auto* grace = find<g::grace_clause>(*body)) {
      auto* days = find<g::grace_days>(*grace);
      c.grace_days = number(*days);
      c.grace_span = span(*days);
    }
    if (auto* exempt = find<g::exempt_clause>(*body)) c.not_under = price(*find<g::price>(*exempt));
    if (auto* unless = find<g::exemption_clause>(*body)) c.unless = name(*find<g::exemption_attribute>(*unless));
    if (auto* rounded = find<g::rounded_clause>(*body)) {
      RoundingDecl r;
      r.target.text = "line_items";
      r.step = number(*find<g::rounding_step>(*rounded));
      r.mode = name(*find<g::rounding_mode>(*rounded));
      r.span = span(*find<g::rounding_step>(*rounded));
      c.rounded = std::move(r);
    }
    return c;
  }

 private:
  Span span(const Node& n) const { return span_of(n, source_); }
  Name name(const Node& n) const { return name_of(n, source_); }
  static Decimal number(const Node& n) { return number_of(n); }

  std::shared_ptr<const SourceFile> source_;
};

}  // namespace

ChargeDecl read_charge(const Node& n, const std::shared_ptr<const SourceFile>& source) { return ChargeReader(source).charge(n); }

Quantity read_quantity(const Node& n, const std::shared_ptr<const SourceFile>& source) { return ChargeReader(source).quantity(n); }

ByTable read_by_table(const Node& n, const std::shared_ptr<const SourceFile>& source) { return ChargeReader(source).by_table(n); }

}  // namespace rateline::syntax
