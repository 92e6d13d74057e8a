// Derived quantities from the parse tree into the AST (syntax/parse_quantities.hpp).
#include "syntax/parse_quantities.hpp"

#include "syntax/parse_tree.hpp"

#include "grammar/tariff_grammar.hpp"

namespace rateline::syntax {

namespace g = rateline::grammar;
using namespace tree;

void read_derived_determinant(const Node& d, const std::shared_ptr<const SourceFile>& source, Determinant& det) {
  if (auto* share = find<g::determinant_share>(d)) {
    det.share = number_of(*find<g::number>(*share));
    det.share_span = span_of(*share, source);
    det.share_span.end = span_of(*find<g::percent_sign>(*share), source).end;
  }
  if (auto* average = find<g::determinant_average>(d)) {
    det.average = true;
    det.average_span = span_of(*average, source);
    // `in Dec, Jan, Feb` after an average names months, not TOU periods
    det.average_months = std::move(det.periods);
    det.periods.clear();
    if (!det.average_months.empty()) det.average_span.end = det.average_months.back().span.end;
  }
  if (auto* beyond = find<g::beyond_clause>(d)) {
    auto* id = find<g::allowance_charge>(*beyond);
    det.beyond = Name{std::string(id->string_view()), span_of(*id, source)};
  }
}

void read_allowance(const Node& body, const std::shared_ptr<const SourceFile>& source, ChargeDecl& c) {
  auto* includes = find<g::includes_clause>(body);
  if (!includes) return;
  auto* q = find<g::quantity>(*includes);
  Quantity out;
  out.span = span_of(*q, source);
  out.amount = number_of(*find<g::number>(*q));
  for (auto& u : find<g::bound_unit>(*q)->children)
    if (u->is_type<g::unit_word>()) out.unit.push_back(Name{std::string(u->string_view()), span_of(*u, source)});
  c.includes = std::move(out);
  c.includes_span = span_of(*includes, source);
}

MeteringAdjustmentDecl read_metering_adjustment(const Node& item, const std::shared_ptr<const SourceFile>& source) {
  MeteringAdjustmentDecl m;
  m.span = span_of(item, source);
  if (auto* l = find<g::label>(item)) {
    auto text = l->string_view();
    m.label = std::string(text.substr(1, text.size() - 2));
  }
  const Node* body = find<g::metering_adjustment_body>(item);
  if (!body) return m;
  auto* percent = find<g::adjustment_percent>(*body);
  m.percent = number_of(*percent);
  m.percent_span = span_of(*percent, source);
  if (auto* targets = find<g::adjustment_targets>(*body))
    for (auto& t : targets->children)
      if (t->is_type<g::adjustment_target>()) m.targets.push_back(Name{std::string(t->string_view()), span_of(*t, source)});
  if (auto* when = find<g::adjustment_when>(*body)) {
    auto* attribute = find<g::adjustment_condition>(*when);
    m.when = Name{std::string(attribute->string_view()), span_of(*attribute, source)};
  }
  return m;
}

}  // namespace rateline::syntax
