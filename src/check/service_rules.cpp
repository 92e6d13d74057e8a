// check/service_rules.cpp — a tariff of several services (`service NAME { ... }` blocks):
// each line belongs to one service (E1000), a service is named once (E1001), a base names
// only lines of its own service (E1002), the meter's kind is stated by the blocks (E1003),
// a service without a meter has only fixed charges (E1004), no revisions yet (E1006).
// Each block is then checked as a tariff of its own (check/services.hpp).
#include "check/rules.hpp"
#include "check/services.hpp"

#include <map>
#include <set>

namespace rateline::check {

namespace {

const std::set<std::string> kGroups = {"charges", "riders", "taxes", "credits", "all"};

void check_bases(CheckContext& cx, const syntax::ServiceDecl& s, const std::map<std::string, const syntax::ServiceDecl*>& owner) {
  std::set<std::string> own;
  for (auto& c : s.body.charges) own.insert(c.id.text);
  for (auto& c : s.body.charges) {
    auto base_name = [&](const syntax::Name& name) {
      if (kGroups.count(name.text) || own.count(name.text)) return;
      auto other = owner.find(name.text);
      if (other == owner.end()) return;   // no line of any service: the block's own check says E0401
      const auto& o = *other->second;
      cx.error("E1002",
               "`" + name.text + "` is a line of service " + o.id.text + ", not on " + s.id.text + "'s part of the bill; the base of `" + c.id.text +
                   "` can name only " + s.id.text + "'s lines",
               name.span,
               "a tax or fee on " + o.id.text + "'s lines is written in the `service " + o.id.text + "` block; `of all` there is every " + o.id.text +
                   " line");
    };
    for (auto& n : c.of) base_name(n);
    for (auto& n : c.except) base_name(n);
  }
}

}  // namespace

void check_services(CheckContext& cx) {
  const auto& t = cx.tariff;
  if (t.services.empty()) return;
  for (auto& c : t.body.charges)
    cx.error("E1000", "`" + c.id.text + "` is outside every `service` block; in a tariff with services each line belongs to one service", c.id.span,
             "move it into the block of the service it bills, e.g. `service electric { ... }`");
  for (auto& m : t.body.meta)
    if (m.key.text == "service")
      cx.error("E1003", "`service " + m.value.text + "` names the meter of a tariff with one service; this tariff has `service` blocks", m.key.span,
               "each block's id says its meter (electric, gas, water, sewer), or `service water` inside the block");
  if (!t.revisions.empty())
    cx.error("E1006", "a tariff with `service` blocks cannot have revisions yet", t.revisions.front().date_span,
             "write each version as its own tariff file, effective and expiring on the revision's date");

  std::map<std::string, const syntax::ServiceDecl*> seen;
  std::map<std::string, const syntax::ServiceDecl*> owner;   // charge id -> its first service
  for (auto& s : t.services) {
    if (!seen.emplace(s.id.text, &s).second)
      cx.error("E1001", "service `" + s.id.text + "` is defined twice", s.id.span, "a service has one block; put all its charges in it");
    for (auto& c : s.body.charges) owner.emplace(c.id.text, &s);
  }
  for (auto& s : t.services) {
    check_bases(cx, s, owner);
    if (!service_kind(s).empty()) continue;
    for (auto& c : s.body.charges)
      if (c.on && c.on->name.text != "days")
        cx.error("E1004",
                 "service " + s.id.text + " has no meter, so `" + c.id.text + "` cannot be on " + c.on->name.text,
                 c.on->name.span,
                 "a metered service is named electric, gas, water or sewer, or states its meter's kind in its block, e.g. `service water`");
  }
}

}  // namespace rateline::check
