// Parses a tariff file with the PEGTL grammar (grammar/tariff_grammar.hpp) into a parse
// tree, then converts the tree into the AST (syntax/ast.hpp): the file, its tariffs and
// their declarations here; charges and their pricing in parse_charge.cpp; derived
// quantities in parse_quantities.cpp. Only src/syntax sees PEGTL.
#include "syntax/ast.hpp"
#include "syntax/input_limits.hpp"
#include "syntax/parse_charge.hpp"
#include "syntax/parse_quantities.hpp"
#include "syntax/parse_tree.hpp"

#include "grammar/tariff_grammar.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <charconv>

namespace rateline::syntax {

namespace g = rateline::grammar;
namespace pt = tao::pegtl::parse_tree;

namespace {

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        g::tariff_decl, g::tariff_name, g::calendar_decl, g::calendar_id, g::import_decl, g::import_path,
        g::meta_decl, g::meta_key, g::meta_value, g::string_literal, g::date_literal, g::number, g::identifier,
        g::season_decl, g::season_id, g::label, g::month_day, g::month_ident, g::day_of_month, g::period_decl,
        g::period_id, g::period_rule, g::rule_word, g::time_range, g::clock_time, g::day_set_decl, g::day_set_id,
        g::charge_decl, g::charge_kind, g::charge_id, g::on_clause, g::determinant, g::determinant_name,
        g::determinant_periods, g::charge_body, g::of_clause, g::pricing, g::price, g::currency_symbol,
        g::per_unit, g::unit_word, g::percent_sign, g::tiers, g::tier_allocation, g::tier_row, g::tier_first,
        g::tier_next, g::tier_up_to, g::tier_over, g::tier_rest, g::quantity, g::bound_unit, g::tier_column,
        g::by_table, g::by_axis, g::by_case, g::case_otherwise, g::rounding_decl, g::rounding_none,
        g::rounding_target, g::rounding_step, g::rounding_mode, g::holiday_decl, g::fixed_holiday,
        g::nth_weekday, g::ordinal, g::kw_last, g::weekday_word, g::observance, g::date_range,
        g::revision_decl, g::revision_date, g::kw_observed, g::tou_group, g::group_id, g::season_range, g::nested_tiers, g::billing_demand_decl, g::limit_clause, g::limit_kind, g::grace_clause, g::grace_days, g::exempt_clause, g::power_factor_decl, g::kva_decl, g::pf_percent, g::pf_step, g::pf_mode, g::ratchet_term,
        g::ratchet_seasons, g::ratchet_of_billing_demand, g::measured_demand_term, g::attribute_term, g::cap_clause, g::cap_attribute,
        g::conversion_decl, g::therm_factor_decl, g::factor_table, g::factor_case, g::factor_key, g::factor_value,
        g::exemption_clause, g::exemption_attribute, g::rounded_clause, g::case_key, g::except_clause, g::gross_up_clause,
        g::table_decl, g::table_id, g::table_ref, g::factor_ref, g::factor_id, g::named_therm_factor,
        g::determinant_share, g::determinant_average, g::beyond_clause, g::allowance_charge, g::includes_clause,
        g::metering_adjustment_decl, g::metering_adjustment_body, g::adjustment_percent, g::adjustment_targets, g::adjustment_target,
        g::adjustment_when, g::adjustment_condition, g::percent_fraction,
        g::service_block, g::service_id>>;

using namespace tree;

class Builder {
 public:
  explicit Builder(std::shared_ptr<const SourceFile> source) : source_(std::move(source)) {}

  Span span(const Node& n) const { return span_of(n, source_); }
  std::string text(const Node& n) const { return n.string(); }
  Name name(const Node& n) const { return name_of(n, source_); }

  static unsigned month_number(std::string_view m) {
    static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string lower;
    for (char c : m.substr(0, 3)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (unsigned i = 0; i < 12; ++i)
      if (lower == names[i]) return i + 1;
    return 0;
  }

  static unsigned to_unsigned(std::string_view s) {
    unsigned v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  }

  static Decimal number(const Node& n) { return number_of(n); }
  ChargeDecl charge(const Node& n) const { return read_charge(n, source_); }
  Quantity quantity(const Node& n) const { return read_quantity(n, source_); }
  ByTable by_table(const Node& n) const { return read_by_table(n, source_); }


  MonthDayLit month_day(const Node& n) const {
    MonthDayLit md;
    md.span = span(n);
    md.month = month_number(find<g::month_ident>(n)->string_view());
    if (auto* d = find<g::day_of_month>(n)) md.day = to_unsigned(d->string_view());
    return md;
  }

  // "13:75" or "25:00" is not a time: an impossible value (beyond 24:00) the checker reports
  static unsigned clock_minutes(std::string_view s) {
    auto colon = s.find(':');
    auto hours = to_unsigned(s.substr(0, colon)), minutes = to_unsigned(s.substr(colon + 1));
    if (minutes >= 60 || hours > 24 || (hours == 24 && minutes != 0)) return 9999;
    return hours * 60 + minutes;
  }

  PeriodDecl period(const Node& n) const {
    PeriodDecl p;
    p.span = span(n);
    p.id = name(*find<g::period_id>(n));
    if (auto* l = find<g::label>(n)) p.label = unquote(l->string_view());
    for (auto* r : all<g::period_rule>(n)) {
      PeriodRule rule;
      rule.span = span(*r);
      auto sv = r->string_view();
      rule.otherwise = sv.substr(0, 9) == "otherwise";
      for (auto* w : all<g::rule_word>(*r)) rule.words.push_back(name(*w));
      for (auto* tr : all<g::time_range>(*r)) {
        auto times = all<g::clock_time>(*tr);
        TimeRange range;
        range.span = span(*tr);
        range.from = clock_minutes(times[0]->string_view());
        range.to = clock_minutes(times[1]->string_view());
        rule.times.push_back(range);
      }
      p.rules.push_back(std::move(rule));
    }
    return p;
  }

  HolidayDecl holiday(const Node& n) const {
    HolidayDecl h;
    h.span = span(n);
    h.name = unquote(find<g::label>(n)->string_view());
    if (auto* f = find<g::fixed_holiday>(n)) {
      h.kind = HolidayDecl::Kind::fixed;
      h.month = month_number(find<g::month_ident>(*f)->string_view());
      h.day = to_unsigned(find<g::day_of_month>(*f)->string_view());
      h.observed = find<g::kw_observed>(*f) != nullptr;
      if (auto* o = find<g::observance>(*f)) h.observance = name(*o);
    } else if (auto* w = find<g::nth_weekday>(n)) {
      if (find<g::kw_last>(*w)) {
        h.kind = HolidayDecl::Kind::last_weekday;
      } else {
        h.kind = HolidayDecl::Kind::nth_weekday;
        h.nth = to_unsigned(find<g::ordinal>(*w)->string_view().substr(0, 1));
      }
      h.weekday = name(*find<g::weekday_word>(*w));
      h.month = month_number(find<g::month_ident>(*w)->string_view());
    } else if (auto* r = find<g::date_range>(n)) {
      auto dates = all<g::date_literal>(*r);
      h.date = text(*dates[0]);
      if (dates.size() > 1) {
        h.kind = HolidayDecl::Kind::range;
        h.until = text(*dates[1]);
      } else {
        h.kind = HolidayDecl::Kind::date;
      }
    }
    return h;
  }

  ThermFactorDecl therm_factor(const Node& item) const {
    ThermFactorDecl f;
    f.span = span(item);
    if (auto* l = find<g::label>(item)) f.label = unquote(l->string_view());
    if (auto* table = find<g::factor_table>(item)) {
      f.axis = name(*find<g::by_axis>(*table));
      for (auto* c : all<g::factor_case>(*table)) {
        ThermFactorDecl::Case fc;
        fc.span = span(*c);
        for (auto* k : all<g::factor_key>(*c)) fc.keys.push_back(name(*k));
        auto* v = find<g::factor_value>(*c);
        fc.value = number(*v);
        fc.value_span = span(*v);
        f.cases.push_back(std::move(fc));
      }
    } else if (auto* v = find<g::factor_value>(item)) {
      f.constant = number(*v);
      f.constant_span = span(*v);
    }
    if (auto* ref = find<g::factor_ref>(item)) f.ref = name(*ref);
    return f;
  }

  void body_item(const Node& item, TariffBody& body, std::vector<RevisionDecl>* revisions) const {
    if (item.is_type<g::meta_decl>()) {
      MetaDecl m;
      m.span = span(item);
      m.key = name(*find<g::meta_key>(item));
      auto* v = find<g::meta_value>(item);
      m.value.span = span(*v);
      if (auto* s = find<g::string_literal>(*v)) {
        m.value.kind = MetaValue::Kind::string;
        m.value.text = unquote(s->string_view());
      } else if (find<g::date_literal>(*v)) {
        m.value.kind = MetaValue::Kind::date;
        m.value.text = text(*v);
      } else if (find<g::number>(*v)) {
        m.value.kind = MetaValue::Kind::number;
        m.value.text = text(*v);
      } else {
        m.value.kind = MetaValue::Kind::word;
        m.value.text = text(*v);
      }
      body.meta.push_back(std::move(m));
    } else if (item.is_type<g::season_decl>()) {
      SeasonDecl s;
      s.span = span(item);
      s.id = name(*find<g::season_id>(item));
      if (auto* l = find<g::label>(item)) s.label = unquote(l->string_view());
      for (auto* range : all<g::season_range>(item)) {
        auto days = all<g::month_day>(*range);
        s.ranges.emplace_back(month_day(*days.at(0)), month_day(*days.at(1)));
      }
      body.seasons.push_back(std::move(s));
    } else if (item.is_type<g::period_decl>()) {
      body.periods.push_back(period(item));
    } else if (item.is_type<g::billing_demand_decl>()) {
      BillingDemandDecl bd;
      bd.span = span(item);
      if (auto* l = find<g::label>(item)) bd.label = unquote(l->string_view());
      for (auto& c : item.children) {
        BillingDemandTerm term;
        term.span = span(*c);
        if (c->is_type<g::ratchet_term>()) {
          term.kind = BillingDemandTerm::Kind::ratchet;
          auto numbers = all<g::number>(*c);
          term.percent = number(*numbers.at(0));
          term.months = number(*numbers.at(1));
          if (auto* seasons = find<g::ratchet_seasons>(*c))
            for (auto* id : all<g::identifier>(*seasons)) term.seasons.push_back(name(*id));
          term.of_billing_demand = find<g::ratchet_of_billing_demand>(*c) != nullptr;
        } else if (c->is_type<g::quantity>()) {
          term.kind = BillingDemandTerm::Kind::floor;
          term.floor = quantity(*c);
        } else if (c->is_type<g::measured_demand_term>()) {
          term.kind = BillingDemandTerm::Kind::demand;
        } else if (c->is_type<g::attribute_term>()) {
          term.kind = BillingDemandTerm::Kind::attribute;
          term.attribute = name(*c);
        } else {
          continue;   // the label
        }
        bd.terms.push_back(std::move(term));
      }
      body.billing_demand.push_back(std::move(bd));
    } else if (item.is_type<g::power_factor_decl>()) {
      PowerFactorDecl pf;
      pf.span = span(item);
      if (auto* l = find<g::label>(item)) pf.label = unquote(l->string_view());
      auto* percent = descend<g::pf_percent>(item);
      auto* step = descend<g::pf_step>(item);
      pf.percent = number(*percent);
      pf.percent_span = span(*percent);
      pf.step = number(*step);
      pf.step_span = span(*step);
      pf.mode = name(*descend<g::pf_mode>(item));
      body.power_factor.push_back(std::move(pf));
    } else if (item.is_type<g::kva_decl>()) {
      KvaDecl kva;
      kva.span = span(item);
      auto* step = descend<g::pf_step>(item);
      kva.step = number(*step);
      kva.step_span = span(*step);
      kva.mode = name(*descend<g::pf_mode>(item));
      body.kva_demand.push_back(std::move(kva));
    } else if (item.is_type<g::tou_group>()) {
      auto* id = find<g::group_id>(item);
      for (auto* p : all<g::period_decl>(item)) {
        auto decl = period(*p);
        decl.group = std::string(id->string_view());
        decl.group_span = span(*id);
        body.periods.push_back(std::move(decl));
      }
    } else if (item.is_type<g::day_set_decl>()) {
      DaySetDecl d;
      d.span = span(item);
      d.id = name(*find<g::day_set_id>(item));
      for (auto* w : all<g::rule_word>(item)) d.days.push_back(name(*w));
      body.day_sets.push_back(std::move(d));
    } else if (item.is_type<g::charge_decl>()) {
      body.charges.push_back(charge(item));
    } else if (item.is_type<g::rounding_decl>()) {
      RoundingDecl r;
      r.span = span(item);
      if (find<g::rounding_none>(item)) {
        r.none = true;
      } else {
        r.target = name(*find<g::rounding_target>(item));
        r.step = number(*find<g::rounding_step>(item));
        if (auto* m = find<g::rounding_mode>(item)) r.mode = name(*m);
      }
      body.rounding.push_back(std::move(r));
    } else if (item.is_type<g::conversion_decl>()) {
      auto quantities = all<g::quantity>(item);
      body.conversions.push_back({quantity(*quantities.at(0)), quantity(*quantities.at(1)), span(item)});
    } else if (item.is_type<g::metering_adjustment_decl>()) {
      body.metering_adjustments.push_back(read_metering_adjustment(item, source_));
    } else if (item.is_type<g::therm_factor_decl>()) {
      body.therm_factors.push_back(therm_factor(item));
    } else if (item.is_type<g::revision_decl>() && revisions) {
      RevisionDecl rev;
      rev.span = span(item);
      auto* d = find<g::revision_date>(item);
      rev.date = text(*d);
      rev.date_span = span(*d);
      for (auto& c : item.children) body_item(*c, rev.body, nullptr);
      revisions->push_back(std::move(rev));
    }
  }

  ServiceDecl service(const Node& n) const {
    ServiceDecl s;
    s.span = span(n);
    s.id = name(*find<g::service_id>(n));
    if (auto* l = find<g::label>(n)) s.label = unquote(l->string_view());
    for (auto& item : n.children) body_item(*item, s.body, nullptr);
    return s;
  }

  File file(const Node& root) const {
    File f;
    f.source = source_;
    for (auto& c : root.children) {
      if (c->is_type<g::import_decl>()) {
        f.imports.push_back({unquote(find<g::import_path>(*c)->string_view()), span(*c)});
      } else if (c->is_type<g::calendar_decl>()) {
        CalendarDecl cal;
        cal.span = span(*c);
        cal.id = name(*find<g::calendar_id>(*c));
        for (auto* h : all<g::holiday_decl>(*c)) cal.holidays.push_back(holiday(*h));
        f.calendars.push_back(std::move(cal));
      } else if (c->is_type<g::table_decl>()) {
        TableDecl t;
        t.span = span(*c);
        t.id = name(*find<g::table_id>(*c));
        if (auto* l = find<g::label>(*c)) t.label = unquote(l->string_view());
        t.table = by_table(*find<g::by_table>(*c));
        f.tables.push_back(std::move(t));
      } else if (c->is_type<g::named_therm_factor>()) {
        f.therm_factors.push_back({name(*find<g::factor_id>(*c)), therm_factor(*c)});
      } else if (c->is_type<g::tariff_decl>()) {
        TariffDecl t;
        t.span = span(*c);
        auto* n = find<g::tariff_name>(*c);
        t.name = unquote(n->string_view());
        t.name_span = span(*n);
        for (auto& item : c->children) {
          if (item->is_type<g::service_block>()) t.services.push_back(service(*item));
          else body_item(*item, t.body, &t.revisions);
        }
        f.tariffs.push_back(std::move(t));
      }
    }
    return f;
  }

 private:
  std::shared_ptr<const SourceFile> source_;
};

}  // namespace

ParseResult parse(std::shared_ptr<const SourceFile> source) {
  ParseResult result;
  // Limits first (docs/limits.md): the parser and the builder recurse once per `{` level.
  result.diagnostics = check_text_limits(source);
  if (!result.diagnostics.empty()) return result;
  tao::pegtl::memory_input in(source->text(), source->path());
  try {
    auto root = pt::parse<g::file, selector, tao::pegtl::nothing, tao::pegtl::must_if<g::errors, tao::pegtl::normal, false>::control>(in);
    if (!root) {
      Diagnostic d;
      d.code = "E0001";
      d.message = "this file is not a tariff";
      d.span = Span{source, 0, 0};
      result.diagnostics.push_back(std::move(d));
      return result;
    }
    result.file = Builder(source).file(*root);
    check_tariff_limits(*result.file, result.diagnostics);
    if (!result.diagnostics.empty()) result.file.reset();
  } catch (const tao::pegtl::parse_error& e) {
    const auto& pos = e.positions().front();
    auto offset = static_cast<std::uint32_t>(pos.byte);
    std::string message(e.message());
    // PEGTL's default message for rules without one of ours names a C++ type: say it plainly.
    if (message.find("rateline::grammar::") != std::string::npos || message.find("tao::pegtl") != std::string::npos)
      message = "unexpected text here";
    auto end = offset;
    const auto& text = source->text();
    // messages about a word name it: `{word}` is the identifier at the error
    auto word_end = offset;
    while (word_end < text.size() && (std::isalnum(static_cast<unsigned char>(text[word_end])) || text[word_end] == '_')) ++word_end;
    const std::string word(text.substr(offset, word_end - offset));
    for (auto at = message.find("{word}"); at != std::string::npos; at = message.find("{word}", at + word.size()))
      message.replace(at, 6, word);
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && end - offset < 24) ++end;
    Diagnostic d;
    d.code = "E0001";
    d.message = "syntax error: " + message;
    d.span = Span{source, offset, end};
    result.diagnostics.push_back(std::move(d));
  }
  return result;
}

}  // namespace rateline::syntax
