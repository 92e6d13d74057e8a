// The Writer's tier tables (import/urdb_writer.hpp): URDB tiers as tariff tiers, in NREL
// SAM's layout where limits differ by period, nested steps after kWh/kW blocks, prices by
// season or month.
#include "import/urdb_writer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace rateline::urdb::write {

using namespace std::chrono;

Lines Writer::tier_rows(const std::vector<Tier>& layout, const std::vector<std::vector<Decimal>>& prices, const std::vector<std::string>& columns,
                const std::string& unit, const std::string& where) {
  auto row_prices = [&](std::size_t k) {
    if (columns.empty()) return prices[0][k].to_string() + " " + unit;
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < columns.size(); ++c) cells.push_back(columns[c] + " " + prices[c][k].to_string() + " " + unit);
    return join(cells, ", ");
  };
  Lines rows;
  const std::size_t n = layout.size();
  const bool hours_use = per_kw(layout[0].unit);
  std::optional<std::pair<Decimal, std::string>> previous;   // last bounded row at this level
  enum class Order { up, same, down };
  auto order = [&](const Tier& t, std::optional<std::pair<Decimal, std::string>>& prev) {
    if (!t.max) return Order::up;
    if (prev && prev->second == t.unit && *t.max < prev->first) {
      report_.error("I0010", where + ": tier limits do not increase (" + prev->first.to_string() + " then " + t.max->to_string() + " " + t.unit + ")",
                    "", "URDB tiers are listed from the lowest usage to the highest");
      return Order::down;
    }
    if (prev && prev->second == t.unit && *t.max == prev->first) {
      report_.warning("I0105", where + ": a tier ends where the one before it ends (" + t.max->to_string() + " " + t.unit + "): it holds no usage and is left out");
      return Order::same;
    }
    prev = std::pair{*t.max, t.unit};
    return Order::up;
  };
  for (std::size_t i = 0; i < n;) {
    const Tier& t = layout[i];
    if (hours_use && per_kw(t.unit) && i + 1 < n && !per_kw(layout[i + 1].unit)) {
      // a kWh/kW block with kWh steps inside it (Georgia Power PLL style)
      std::size_t j = i + 1;
      Lines inner;
      std::optional<std::pair<Decimal, std::string>> inner_previous;
      bool dropped = false;
      std::size_t last_step = n;  // the last step written into `inner`
      for (; j < n && !per_kw(layout[j].unit); ++j) {
        if (dropped) continue;
        if (layout[j].unit != "kWh") {
          report_.error("I0012", where + ": a `" + layout[j].unit + "` step inside a kWh/kW block cannot be imported", "",
                        "steps inside an hours-use block are in cumulative kWh for the month");
          return {};
        }
        auto step_order = order(layout[j], inner_previous);
        if (step_order == Order::down) return {};
        if (step_order == Order::same) continue;
        inner.push_back(bound(layout[j]) + ": " + row_prices(j));
        last_step = j;
        if (!layout[j].max && j + 1 < n && !per_kw(layout[j + 1].unit)) {
          report_.warning("I0105", where + ": kWh steps after an unlimited step are never reached: left out");
          dropped = true;
        }
      }
      if (last_step < n && layout[last_step].max) {
        // The steps stop short of the block (a tier whose `unit` was left out reads as
        // kWh and ends the block's steps early): the rest of the block would have no price.
        report_.error("I0018", where + ": tier " + std::to_string(last_step + 1) + " (up to " + layout[last_step].max->to_string() +
                                   " kWh) is the last kWh step inside the kWh/kW block of tier " + std::to_string(i + 1) +
                                   " and has a `max`, so the rest of the block has no price",
                      "energyratestructure", "the last kWh step of a kWh/kW block has no `max`; check each tier's `unit` (a tier without one is kWh)");
        return {};
      }
      auto block_order = order(t, previous);
      if (block_order == Order::down) return {};
      if (block_order == Order::same || inner.empty()) {
        i = j;
        continue;
      }
      rows.push_back(bound(t) + ": tiers {");
      rows.push_back("  # the block's own price (" + row_prices(i) + ") is not used: its steps price the energy");
      append(rows, indented(inner));
      rows.push_back("}");
      i = j;
    } else {
      auto row_order = order(t, previous);
      if (row_order == Order::down) return {};
      if (row_order == Order::up) rows.push_back(bound(t) + ": " + row_prices(i));
      ++i;
    }
    if (!t.max && i < n) {
      report_.warning("I0105", where + ": tiers after an unlimited tier are never reached: left out");
      break;
    }
  }
  return rows;
}

Lines Writer::tier_pricing(const std::vector<Tier>& layout, const std::vector<std::vector<Decimal>>& prices, const std::vector<std::string>& columns,
                   const std::string& unit, const std::string& where, const std::string& allocation) {
  if (single_unlimited(layout) && columns.empty()) return {prices[0][0].to_string() + " " + unit};
  auto rows = tier_rows(layout, prices, columns, unit, where);
  if (rows.empty()) return {"0 " + unit};   // an error was reported
  Lines out{"tiers " + (columns.empty() ? std::string() : allocation + " ") + "{"};
  append(out, indented(rows));
  out.push_back("}");
  return out;
}

std::vector<std::vector<Decimal>> Writer::price_columns(const Structure& s, const std::vector<int>& periods) {
  std::vector<std::vector<Decimal>> out;
  for (int p : periods) {
    std::vector<Decimal> col;
    for (auto& t : s[static_cast<std::size_t>(p)]) col.push_back(t.price);
    out.push_back(std::move(col));
  }
  return out;
}

bool Writer::same_limits(const std::vector<Tier>& a, const std::vector<Tier>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (!a[k].max || !b[k].max) {
      if (a[k].max || b[k].max) return false;
      continue;
    }
    if ((*a[k].max - *b[k].max).abs() * Decimal(10000000) > max(a[k].max->abs(), b[k].max->abs())) return false;
  }
  return true;
}

std::vector<Tier> Writer::sam_layout(const std::vector<Tier>& tiers, const std::string& where) {
  auto layout = tiers;
  if (per_kw(layout[0].unit)) return layout;
  bool changed = false;
  for (auto& t : layout)
    if (per_kw(t.unit)) {
      t.unit = t.unit == "kWh/kW" ? "kWh" : "kWh daily";
      changed = true;
    }
  if (changed)
    report_.warning("I0104", where + ": kWh/kW tiers follow kWh tiers; NREL SAM reads their limits as plain kWh (per month or per day), "
                                     "and so does this import",
                    "", "if the rate sheet means hours-use limits, write them as kWh/kW in the tariff");
  return layout;
}

std::string Writer::allocation() const {
  return options_.tier_allocation == UrdbTierAllocation::proportional ? "proportional" : "chronological";
}

Lines Writer::one_period(const Structure& s, int p, const std::string& unit, const std::string& where) {
  return tier_pricing(s[static_cast<std::size_t>(p)], price_columns(s, {p}), {}, unit, where, "");
}

Lines Writer::energy_pricing(const std::vector<int>& periods, const std::string& season_where) {
  const auto& s = r_.energy;
  auto name = [](int p) { return "p" + std::to_string(p + 1); };
  std::string where = "energyratestructure" + season_where;
  auto tiers_of = [&](int p) -> const std::vector<Tier>& { return s[static_cast<std::size_t>(p)]; };
  auto one = [&](int p) {
    auto at = where + ", period " + std::to_string(p);
    return tier_pricing(sam_layout(tiers_of(p), at), price_columns(s, {p}), {}, "$/kWh", at, "");
  };
  if (periods.size() == 1) return one(periods[0]);
  bool flat = std::all_of(periods.begin(), periods.end(), [&](int p) { return single_unlimited(tiers_of(p)); });
  bool shared = std::all_of(periods.begin(), periods.end(), [&](int p) { return same_limits(tiers_of(p), tiers_of(periods[0])); });
  if (!flat && shared) {
    std::vector<std::string> columns;
    for (int p : periods) columns.push_back(name(p));
    for (int p : periods)
      for (std::size_t k = 0; k < tiers_of(p).size(); ++k)
        if (tiers_of(p)[k].unit != tiers_of(periods[0])[k].unit || tiers_of(p)[k].max != tiers_of(periods[0])[k].max) {
          report_.warning("I0104", where + ": period " + std::to_string(p) + "'s tier limits differ from period " + std::to_string(periods[0]) +
                                           "'s only in their units or beyond the 7th digit; NREL SAM bills the month with the first period's, and so does this import");
          k = tiers_of(p).size();
        }
    return tier_pricing(sam_layout(tiers_of(periods[0]), where), price_columns(s, periods), columns, "$/kWh", where, allocation());
  }
  Lines out{"by period {"};
  if (!flat) {
    std::vector<std::string> names;
    for (int p : periods) names.push_back(name(p));
    report_.warning("I0103", where + ": periods " + join(names, ", ") +
                                 " have different tier limits; each period's tiers count that period's energy (NREL SAM refuses such a rate)");
    comment(out, "Warning: these periods have different tier limits, so each period's tiers count only that period's energy. "
                 "NREL SAM refuses such a rate.", "  ");
  }
  for (int p : periods) append(out, indented(keyed(name(p), one(p))));
  out.push_back("}");
  return out;
}

Lines Writer::demand_pricing(const std::vector<int>& periods, const std::string& season_where) {
  const auto& s = r_.demand;
  const std::string unit = r_.demand_kva ? "$/kVA" : "$/kW";
  if (periods.size() == 1) return one_period(s, periods[0], unit, "demandratestructure" + season_where + ", period " + std::to_string(periods[0]));
  Lines out{"by period {"};
  for (int p : periods)
    append(out, indented(keyed("d" + std::to_string(p + 1), one_period(s, p, unit, "demandratestructure, period " + std::to_string(p)))));
  out.push_back("}");
  return out;
}

Lines Writer::by_season(const std::vector<Lines>& per_season) const {
  std::vector<std::pair<std::vector<std::string>, Lines>> cases;
  for (std::size_t s = 0; s < per_season.size(); ++s) {
    auto it = std::find_if(cases.begin(), cases.end(), [&](auto& c) { return c.second == per_season[s]; });
    if (it == cases.end()) cases.push_back({{seasons_[s].name}, per_season[s]});
    else it->first.push_back(seasons_[s].name);
  }
  if (cases.size() == 1) return cases.front().second;
  Lines out{"by season {"};
  for (auto& [keys, pricing] : cases) append(out, indented(keyed(join(keys, ", "), pricing)));
  out.push_back("}");
  return out;
}

Lines Writer::by_month(const std::array<Lines, 12>& per_month) {
  std::vector<std::pair<std::vector<std::string>, Lines>> cases;
  for (std::size_t m = 0; m < 12; ++m) {
    if (per_month[m].empty()) continue;
    auto it = std::find_if(cases.begin(), cases.end(), [&](auto& c) { return c.second == per_month[m]; });
    if (it == cases.end()) cases.push_back({{kMonth[m]}, per_month[m]});
    else it->first.push_back(kMonth[m]);
  }
  std::size_t months = 0;
  for (auto& c : cases) months += c.first.size();
  if (cases.size() == 1 && months == 12) return cases.front().second;
  Lines out{"by month {"};
  for (auto& [keys, pricing] : cases) append(out, indented(keyed(join(keys, ", "), pricing)));
  out.push_back("}");
  return out;
}

}  // namespace rateline::urdb::write
