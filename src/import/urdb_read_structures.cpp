// The Reader's rate structures and schedules (import/urdb_reader.hpp): tiers with limits,
// units and prices (rate + adj), and the 12 × 24 period schedules, each checked.
#include "import/urdb_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace rateline::urdb::read {

using namespace std::chrono;

std::optional<Structure> Reader::structure(std::string_view key, bool demand) {
  auto* v = get(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_array()) {
    report_.error("I0009", "`" + std::string(key) + "` is not a list of periods", key);
    return std::nullopt;
  }
  Structure out;
  bool ok = true;
  for (std::size_t p = 0; p < v->items.size(); ++p) {
    auto& period = v->items[p];
    std::vector<Tier> tiers;
    if (!period.is_array() || period.items.empty()) {
      report_.error("I0009", "period " + std::to_string(p) + " of `" + std::string(key) + "` is not a list of tiers", key);
      ok = false;
      continue;
    }
    for (std::size_t k = 0; k < period.items.size(); ++k) {
      auto& t = period.items[k];
      std::string where = "tier " + std::to_string(k + 1) + " of period " + std::to_string(p) + " in `" + std::string(key) + "`";
      if (!t.is_object()) {
        report_.error("I0009", where + " is not an object", key);
        ok = false;
        continue;
      }
      Tier tier;
      auto* rate = t.find("rate");
      if (!rate || rate->is_null()) {
        report_.warning("I0101", where + " has no `rate`: $0 assumed", key);
      } else if (auto d = rate->decimal()) {
        tier.price = *d;
      } else {
        report_.error("I0009", where + ": `rate` is not a number", key);
        ok = false;
      }
      if (auto* adj = t.find("adj"); adj && !adj->is_null()) {
        if (auto d = adj->decimal()) tier.price += *d;
        else {
          report_.error("I0009", where + ": `adj` is not a number", key);
          ok = false;
        }
      }
      if (auto* max = t.find("max"); max && !max->is_null()) {
        auto d = max->decimal();
        if (!d || d->is_negative()) {
          report_.error("I0009", where + ": `max` is not a non-negative number", key);
          ok = false;
        } else if (*d < unlimited_threshold()) {
          tier.max = d->normalized();
        }
      }
      auto unit = text_of(t.find("unit"));
      if (demand) {
        const bool kva = key == "flatdemandstructure" ? rate_.flat_kva : rate_.demand_kva;
        const std::string expected = kva ? "kva" : "kw";
        if (!unit.empty() && lower(unit) != expected) {
          report_.error("I0004", where + " is in `" + unit + "`", key,
                        std::string("the structure's demand is in ") + (kva ? "kVA" : "kW") + " (its `...unit` field)");
          ok = false;
        }
        tier.unit = kva ? "kVA" : "kW";
      } else {
        if (unit.empty()) unit = "kWh";
        auto u = lower(unit);
        if (u == "kwh") tier.unit = "kWh";
        else if (u == "kwh daily") tier.unit = "kWh daily";
        else if (u == "kwh/kw") tier.unit = "kWh/kW";
        else if (u == "kwh/kw daily") tier.unit = "kWh/kW daily";
        else {
          report_.error("I0009", where + " has the unknown unit `" + unit + "`", key, "URDB tier units are kWh, kWh daily, kWh/kW and kWh/kW daily");
          ok = false;
        }
      }
      tiers.push_back(std::move(tier));
    }
    out.push_back(std::move(tiers));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Schedule> Reader::schedule(std::string_view key, std::size_t periods) {
  auto* v = get(key);
  if (!v || v->is_null()) return std::nullopt;
  Schedule s{};
  bool shape = v->is_array() && v->items.size() == 12;
  for (std::size_t m = 0; shape && m < 12; ++m) shape = v->items[m].is_array() && v->items[m].items.size() == 24;
  if (!shape) {
    report_.error("I0008", "`" + std::string(key) + "` is not 12 months × 24 hours", key);
    return std::nullopt;
  }
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t m = 0; m < 12; ++m)
    for (std::size_t h = 0; h < 24; ++h) {
      auto d = v->items[m].items[h].decimal();
      auto n = d ? d->normalized() : Decimal(-1);
      if (!d || n.scale() != 0 || n.is_negative() || n >= Decimal(static_cast<std::int64_t>(std::max<std::size_t>(periods, 1)))) {
        report_.error("I0008", "`" + std::string(key) + "` " + months[m] + " " + std::to_string(h) + ":00 names period `" +
                                   v->items[m].items[h].text + "`, which the rate structure does not have (" + std::to_string(periods) + " periods, numbered from 0)",
                      key);
        return std::nullopt;
      }
      s[m][h] = static_cast<int>(n.coefficient());
    }
  return s;
}

void Reader::schedules(std::string_view weekday_key, std::string_view weekend_key, std::size_t periods, Schedule& weekday, Schedule& weekend) {
  auto wd = schedule(weekday_key, periods);
  auto we = schedule(weekend_key, periods);
  if (wd && !we && !get(weekend_key)) {
    report_.warning("I0111", "`" + std::string(weekend_key) + "` is missing: the weekday schedule applies on weekends too", weekday_key);
    we = wd;
  }
  if (we && !wd && !get(weekday_key)) {
    report_.warning("I0111", "`" + std::string(weekday_key) + "` is missing: the weekend schedule applies on weekdays too", weekend_key);
    wd = we;
  }
  if (wd) weekday = *wd;
  if (we) weekend = *we;
}

}  // namespace rateline::urdb::read
