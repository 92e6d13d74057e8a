// The charges a percentage or minimum is `of`, and the order of evaluation: a depth-first
// topological order of those bases, where a back edge is a cycle of riders (E0402).
#include "check/rules.hpp"
#include "check/words.hpp"

#include <algorithm>
#include <functional>

namespace rateline::check {

void check_charge_order(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  const auto n = body.charges.size();
  std::vector<std::vector<std::uint32_t>> deps(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto& c = body.charges[i];
    for (auto& name : c.of) {
      if (name.text == "past_due") continue;   // the account's balance, not a charge (check_late_fee_terms)
      if (name.text == "charges" || name.text == "riders" || name.text == "taxes" || name.text == "credits" || name.text == "all") {
        for (std::uint32_t j = 0; j < n; ++j) {
          auto k = body.charges[j].kind;
          // `all` leaves out late fees: a percentage of this bill's charges is not on an earlier bill's arrears
          bool member = name.text == "all" ? (j != i && k != syntax::ChargeKind::minimum && k != syntax::ChargeKind::late_fee)
                      : name.text == "charges" ? k == syntax::ChargeKind::charge
                      : name.text == "riders" ? k == syntax::ChargeKind::rider
                      : name.text == "taxes" ? k == syntax::ChargeKind::tax
                                             : k == syntax::ChargeKind::credit;
          if (member && j != i) deps[i].push_back(j);
        }
        continue;
      }
      auto it = cx.out.charge_index.find(name.text);
      if (it == cx.out.charge_index.end()) {
        std::vector<std::string> names;
        for (auto& [k, _] : cx.out.charge_index) names.push_back(k);
        auto hint = suggest(name.text, names);
        cx.error("E0401", "`" + name.text + "` is not a charge of this tariff", name.span,
                 hint.empty() ? "name charges by their id, or use `charges`, `riders`, `taxes`" : hint);
        continue;
      }
      if (it->second == i) {
        cx.error("E0403", "`" + c.id.text + "` is a percentage of itself", name.span, "a charge's base cannot include the charge");
        continue;
      }
      deps[i].push_back(it->second);
    }
    exclude_from_base(cx, c, deps[i]);   // `of all except fuel` (tax_base_rules.cpp)
  }
  // depth-first topological order; a back edge is a cycle
  std::vector<int> state(n, 0);
  std::vector<std::uint32_t> stack;
  std::function<bool(std::uint32_t)> visit = [&](std::uint32_t v) {
    if (state[v] == 2) return true;
    if (state[v] == 1) {
      std::vector<std::string> cycle;
      auto at = std::find(stack.begin(), stack.end(), v);
      for (auto it = at; it != stack.end(); ++it) cycle.push_back(body.charges[*it].id.text);
      cycle.push_back(body.charges[v].id.text);
      cx.error("E0402", "charges depend on each other in a cycle: " + join(cycle, " -> "), body.charges[v].id.span,
               "a rider or tax can only be computed from charges that do not depend on it");
      return false;
    }
    state[v] = 1;
    stack.push_back(v);
    for (auto d : deps[v])
      if (!visit(d)) return false;
    stack.pop_back();
    state[v] = 2;
    cx.out.evaluation_order.push_back(v);
    return true;
  };
  for (std::uint32_t i = 0; i < n; ++i)
    if (!visit(i)) break;
  cx.out.bases = std::move(deps);
}

}  // namespace rateline::check
