// Writing a URDB rate as tariff text a person can read and edit: seasons named after
// their months, TOU periods as rules, one charge per URDB part (docs/urdb-import.md).
#include "import/urdb_model.hpp"

#include "rateline/calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

namespace rateline::urdb {

namespace {

using namespace std::chrono;
using Lines = std::vector<std::string>;

const char* const kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthLower[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}


/// Comment lines of at most ~92 characters, each starting with "# ".
void comment(Lines& out, std::string_view text, const std::string& indent = "") {
  std::string clean;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // URDB comments often hold line breaks, some of them as the two characters \r or \n
    if (c == '\\' && i + 1 < text.size() && (text[i + 1] == 'r' || text[i + 1] == 'n' || text[i + 1] == 't')) {
      clean += ' ';
      ++i;
      continue;
    }
    clean += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  std::istringstream words(clean);
  std::string word, line;
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > 90) {
      out.push_back(indent + "# " + line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out.push_back(indent + "# " + line);
}

Lines indented(const Lines& lines, std::size_t from = 0) {
  Lines out;
  for (std::size_t i = from; i < lines.size(); ++i) out.push_back(lines[i].empty() ? "" : "  " + lines[i]);
  return out;
}

/// "key: body" where body may be a block: its first line follows the key, the rest is indented.
Lines keyed(const std::string& key, const Lines& body) {
  Lines out{key + ": " + body.front()};
  for (std::size_t i = 1; i < body.size(); ++i) out.push_back(body[i]);
  return out;
}

void append(Lines& out, const Lines& more) { out.insert(out.end(), more.begin(), more.end()); }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::string text_of(const Lines& lines) { return join(lines, "\n"); }

bool per_kw(const std::string& unit) { return unit == "kWh/kW" || unit == "kWh/kW daily"; }

std::string bound_unit(const std::string& urdb_unit) {
  if (urdb_unit == "kWh daily") return "kWh/day";
  if (urdb_unit == "kWh/kW daily") return "kWh/kW/day";
  return urdb_unit;   // kWh, kWh/kW, kW
}

std::string bound(const Tier& t) { return t.max ? "up to " + t.max->to_string() + " " + bound_unit(t.unit) : "above"; }

bool single_unlimited(const std::vector<Tier>& tiers) { return tiers.size() == 1 && !tiers[0].max; }

bool all_zero(const Structure& s) {
  for (auto& p : s)
    for (auto& t : p)
      if (!t.price.is_zero()) return false;
  return true;
}

/// Cyclic runs of a set of months: {Oct..Dec, Jan..May} is one run Oct - May.
std::vector<std::pair<int, int>> month_runs(const std::vector<int>& months) {
  std::array<bool, 12> in{};
  for (int m : months) in[static_cast<std::size_t>(m)] = true;
  if (months.size() == 12) return {{0, 11}};
  // start after a month that is not in the set, so a run never starts mid-way
  int start = 0;
  while (in[static_cast<std::size_t>(start)]) ++start;
  std::vector<std::pair<int, int>> runs;
  for (int k = 1; k <= 12; ++k) {
    int m = (start + k) % 12;
    if (!in[static_cast<std::size_t>(m)]) continue;
    int prev = (m + 11) % 12;
    if (!runs.empty() && in[static_cast<std::size_t>(prev)] && k > 1) runs.back().second = m;
    else runs.push_back({m, m});
  }
  std::sort(runs.begin(), runs.end(), [](auto& a, auto& b) { return a.first < b.first; });
  return runs;
}

std::string clock(int hour) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:00", hour);
  return buf;
}

/// "13:00-19:00, 22:00-06:00" for the hours in a 24-bit mask (not full, not empty).
std::string hour_ranges(std::uint32_t mask) {
  std::vector<std::pair<int, int>> runs;   // [from, to)
  for (int h = 0; h < 24;) {
    if (!((mask >> h) & 1u)) { ++h; continue; }
    int from = h;
    while (h < 24 && ((mask >> h) & 1u)) ++h;
    runs.push_back({from, h});
  }
  if (runs.size() > 1 && runs.front().first == 0 && runs.back().second == 24) {
    runs.back().second = runs.front().second;   // past midnight: 22:00-06:00
    runs.erase(runs.begin());
  }
  std::vector<std::string> out;
  for (auto& [from, to] : runs) out.push_back(clock(from) + "-" + clock(to));
  return join(out, ", ");
}

constexpr std::uint32_t kFullDay = (1u << 24) - 1;

class Writer {
 public:
  Writer(const Rate& rate, const UrdbImportOptions& options, Reporter& report) : r_(rate), options_(options), report_(report) {}

  std::string run() {
    demand_used_ = !r_.demand.empty() && !all_zero(r_.demand);
    flat_used_ = !r_.flat.empty() && !all_zero(r_.flat);
    make_seasons();
    energy_periods_ = periods_in(r_.energy_weekday, r_.energy_weekend, all_months());
    demand_periods_ = periods_in(r_.demand_weekday, r_.demand_weekend, all_months());
    // TOU periods are needed only where a season has more than one (seasons carry the rest)
    auto several = [&](const Schedule& weekday, const Schedule& weekend) {
      return std::any_of(seasons_.begin(), seasons_.end(), [&](const Season& s) { return periods_in(weekday, weekend, s.months).size() > 1; });
    };
    energy_tou_ = !r_.energy.empty() && several(r_.energy_weekday, r_.energy_weekend);
    demand_tou_ = demand_used_ && several(r_.demand_weekday, r_.demand_weekend);

    Lines body;
    header(body);
    seasons(body);
    if (energy_tou_) {
      body.push_back("");
      body.push_back("# Energy periods: the URDB energy schedules (URDB counts periods from 0, NREL SAM and these names from 1)");
    }
    if (energy_tou_) append(body, period_block(r_.energy_weekday, r_.energy_weekend, r_.energy, energy_periods_, "p", "Period", "$/kWh"));
    if (demand_tou_) {
      body.push_back("");
      body.push_back("# Demand periods: the URDB demand schedules, independent of the energy periods");
      body.push_back("time_of_use demand_periods {");
      append(body, indented(period_block(r_.demand_weekday, r_.demand_weekend, r_.demand, demand_periods_, "d", "Demand period",
                                         r_.demand_kva ? "$/kVA" : "$/kW")));
      body.push_back("}");
    }
    charges(body);

    Lines out;
    preamble(out);
    out.push_back("tariff " + quote(r_.name) + " {");
    append(out, indented(body));
    out.push_back("}");
    return text_of(out) + "\n";
  }

 private:
  static std::vector<int> all_months() {
    std::vector<int> m(12);
    for (int i = 0; i < 12; ++i) m[static_cast<std::size_t>(i)] = i;
    return m;
  }

  // ---------------------------------------------------------------- header
  void preamble(Lines& out) const {
    out.push_back("# Imported from the OpenEI Utility Rate Database (URDB) by `rateline import urdb`.");
    if (!r_.label.empty()) out.push_back("#   URDB label: " + r_.label);
    if (!r_.utility.empty()) out.push_back("#   utility:    " + r_.utility);
    out.push_back("#   name:       " + r_.name);
    out.push_back("#   effective:  " + format_date(r_.effective) + " (" + r_.effective_note + ")");
    if (!r_.source.empty()) out.push_back("#   source:     " + r_.source);
    if (!r_.uri.empty()) out.push_back("#   URDB page:  " + r_.uri);
    out.push_back("#");
    comment(out, "Prices are URDB rate + adj, exact as written in the JSON. The bill follows NREL SAM (utilityrate5): "
                 "tiers are cumulative monthly kWh across all TOU periods" +
                     std::string(options_.tier_allocation == UrdbTierAllocation::proportional
                                     ? ", each period taking its share of every tier (proportional)"
                                     : ", filled in time order (chronological)") +
                     "; demand is the highest interval kW; flat demand is priced by month; minimums top the bill up; nothing is "
                     "rounded. URDB gives no time zone and no holidays.");
    if (!r_.notes.empty()) {
      out.push_back("#");
      out.push_back("# From URDB:");
      for (auto& n : r_.notes) comment(out, n);
    }
  }

  void header(Lines& body) const {
    if (!r_.utility.empty()) body.push_back("utility " + quote(r_.utility));
    body.push_back("currency USD");
    body.push_back("timezone " + quote(options_.time_zone));
    body.push_back("effective " + format_date(r_.effective));
    if (!r_.label.empty()) body.push_back("label " + quote(r_.label));
    if (!r_.sector.empty()) body.push_back("sector " + quote(r_.sector));
    if (!r_.source.empty()) body.push_back("source " + quote(r_.source));
    if (!r_.uri.empty()) body.push_back("uri " + quote(r_.uri));
    if (r_.demand_window && (demand_used_ || flat_used_)) {
      body.push_back("# URDB demandwindow; NREL SAM ignores it and takes demand from the data interval");
      body.push_back("demand_window " + std::to_string(*r_.demand_window) + "min");
    }
    if ((r_.demand_kva && demand_used_) || (r_.flat_kva && flat_used_)) {
      report_.warning("I0112", "URDB does not say how kVA demand is rounded: the tariff states `kva_demand: rounded 0.001 half_even`",
                      r_.demand_kva ? "demandrateunit" : "flatdemandunit", "check the rate sheet and change it if it says otherwise");
      body.push_back("# kVA demand = sqrt(kW² + kVAR²) of the highest window (bill it with a kvarh channel); URDB does not");
      body.push_back("# say how it is rounded: check the rate sheet");
      body.push_back("kva_demand: rounded 0.001 half_even");
    }
    body.push_back("rounding none");
  }

  // ---------------------------------------------------------------- seasons
  struct Season {
    std::string name;
    std::vector<int> months;
  };

  void make_seasons() {
    // months whose energy and demand schedule rows (weekday and weekend) are identical
    std::map<std::vector<int>, std::size_t> index;
    for (int m = 0; m < 12; ++m) {
      auto mm = static_cast<std::size_t>(m);
      std::vector<int> key;
      auto add = [&](const Schedule& s) { key.insert(key.end(), s[mm].begin(), s[mm].end()); };
      if (!r_.energy.empty()) {
        add(r_.energy_weekday);
        add(r_.energy_weekend);
      }
      if (demand_used_) {
        add(r_.demand_weekday);
        add(r_.demand_weekend);
      }
      auto [it, fresh] = index.emplace(key, seasons_.size());
      if (fresh) seasons_.push_back({});
      seasons_[it->second].months.push_back(m);
    }
    for (auto& s : seasons_) {
      std::vector<std::string> parts;
      for (auto& [from, to] : month_runs(s.months))
        parts.push_back(from == to ? std::string(kMonthLower[from]) : std::string(kMonthLower[from]) + "_" + kMonthLower[to]);
      s.name = join(parts, "_and_");
    }
  }

  void seasons(Lines& body) const {
    if (seasons_.size() < 2) return;
    body.push_back("");
    body.push_back("# Seasons: months with the same URDB schedules");
    for (auto& s : seasons_) {
      std::vector<std::string> ranges;
      for (auto& [from, to] : month_runs(s.months)) ranges.push_back(std::string(kMonth[from]) + " - " + kMonth[to]);
      body.push_back("season " + s.name + ": " + join(ranges, ", "));
    }
  }

  // ---------------------------------------------------------------- TOU periods
  static std::vector<int> periods_in(const Schedule& weekday, const Schedule& weekend, const std::vector<int>& months) {
    std::set<int> found;
    for (int m : months)
      for (int h = 0; h < 24; ++h) {
        found.insert(weekday[static_cast<std::size_t>(m)][static_cast<std::size_t>(h)]);
        found.insert(weekend[static_cast<std::size_t>(m)][static_cast<std::size_t>(h)]);
      }
    return {found.begin(), found.end()};
  }

  static std::uint32_t hours_of(const Schedule& s, int month, int period) {
    std::uint32_t mask = 0;
    for (int h = 0; h < 24; ++h)
      if (s[static_cast<std::size_t>(month)][static_cast<std::size_t>(h)] == period) mask |= 1u << h;
    return mask;
  }

  /// The rules of one period: "jun_sep weekday 13:00-19:00; weekend".
  std::string rules(const Schedule& weekday, const Schedule& weekend, int period) const {
    const std::size_t n = seasons_.size();
    std::vector<std::array<std::uint32_t, 2>> mask(n);
    for (std::size_t s = 0; s < n; ++s) {
      mask[s][0] = hours_of(weekday, seasons_[s].months.front(), period);
      mask[s][1] = hours_of(weekend, seasons_[s].months.front(), period);
    }
    std::vector<std::uint32_t> distinct;
    for (std::size_t s = 0; s < n; ++s)
      for (int d = 0; d < 2; ++d) {
        auto m = mask[s][static_cast<std::size_t>(d)];
        if (m && std::find(distinct.begin(), distinct.end(), m) == distinct.end()) distinct.push_back(m);
      }
    std::vector<std::string> out;
    for (auto m : distinct) {
      std::vector<std::size_t> both, weekday_only, weekend_only;
      for (std::size_t s = 0; s < n; ++s) {
        bool wd = mask[s][0] == m, we = mask[s][1] == m;
        if (wd && we) both.push_back(s);
        else if (wd) weekday_only.push_back(s);
        else if (we) weekend_only.push_back(s);
      }
      for (auto [set, day] : {std::pair{&both, ""}, std::pair{&weekday_only, "weekday"}, std::pair{&weekend_only, "weekend"}}) {
        if (set->empty()) continue;
        std::vector<std::string> words;
        if (set->size() < n)
          for (auto s : *set) words.push_back(seasons_[s].name);
        if (*day) words.push_back(day);
        if (m != kFullDay) words.push_back(hour_ranges(m));
        out.push_back(words.empty() ? "everyday" : join(words, " "));
      }
    }
    return join(out, "; ");
  }

  std::string period_label(const Structure& structure, int period, const char* what, const char* unit) const {
    const auto& tiers = structure[static_cast<std::size_t>(period)];
    std::string detail = single_unlimited(tiers) ? tiers[0].price.to_string() + " " + unit : "tiered";
    return std::string(what) + " " + std::to_string(period + 1) + " (" + detail + ")";
  }

  Lines period_block(const Schedule& weekday, const Schedule& weekend, const Structure& structure, const std::vector<int>& periods,
                     const char* prefix, const char* what, const char* unit) const {
    Lines out;
    std::vector<std::string> rule_text;
    for (int p : periods) rule_text.push_back(rules(weekday, weekend, p));
    // the period whose rules are longest takes `otherwise`
    std::size_t longest = 0;
    for (std::size_t i = 1; i < rule_text.size(); ++i)
      if (rule_text[i].size() > rule_text[longest].size()) longest = i;
    rule_text[longest] = "otherwise";
    for (std::size_t i = 0; i < periods.size(); ++i)
      out.push_back("period " + std::string(prefix) + std::to_string(periods[i] + 1) + " " + quote(period_label(structure, periods[i], what, unit)) + ": " +
                    rule_text[i]);
    return out;
  }

  // ---------------------------------------------------------------- tier tables
  /// One row per URDB tier; kWh steps after a kWh/kW block become a nested table.
  /// `prices[col][tier]`, `columns` the period names (empty: one price).
  Lines tier_rows(const std::vector<Tier>& layout, const std::vector<std::vector<Decimal>>& prices, const std::vector<std::string>& columns,
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
          if (!layout[j].max && j + 1 < n && !per_kw(layout[j + 1].unit)) {
            report_.warning("I0105", where + ": kWh steps after an unlimited step are never reached: left out");
            dropped = true;
          }
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

  /// A tier table or, for one unlimited tier, the price itself.
  Lines tier_pricing(const std::vector<Tier>& layout, const std::vector<std::vector<Decimal>>& prices, const std::vector<std::string>& columns,
                     const std::string& unit, const std::string& where, const std::string& allocation) {
    if (single_unlimited(layout) && columns.empty()) return {prices[0][0].to_string() + " " + unit};
    auto rows = tier_rows(layout, prices, columns, unit, where);
    if (rows.empty()) return {"0 " + unit};   // an error was reported
    Lines out{"tiers " + (columns.empty() ? std::string() : allocation + " ") + "{"};
    append(out, indented(rows));
    out.push_back("}");
    return out;
  }

  static std::vector<std::vector<Decimal>> price_columns(const Structure& s, const std::vector<int>& periods) {
    std::vector<std::vector<Decimal>> out;
    for (int p : periods) {
      std::vector<Decimal> col;
      for (auto& t : s[static_cast<std::size_t>(p)]) col.push_back(t.price);
      out.push_back(std::move(col));
    }
    return out;
  }

  /// Same number of tiers and the same limits within a relative 1e-7 (NREL SAM's test).
  static bool same_limits(const std::vector<Tier>& a, const std::vector<Tier>& b) {
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

  /// The tier layout NREL SAM bills a month with: the first period's limits and units. SAM
  /// multiplies limits by the peak kW only when the first tier is kWh/kW; otherwise it
  /// reads later kWh/kW limits as plain kWh, and so does the import (with a warning).
  std::vector<Tier> sam_layout(const std::vector<Tier>& tiers, const std::string& where) {
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

  std::string allocation() const {
    return options_.tier_allocation == UrdbTierAllocation::proportional ? "proportional" : "chronological";
  }

  Lines one_period(const Structure& s, int p, const std::string& unit, const std::string& where) {
    return tier_pricing(s[static_cast<std::size_t>(p)], price_columns(s, {p}), {}, unit, where, "");
  }

  /// The energy pricing of a season whose months use `periods`.
  Lines energy_pricing(const std::vector<int>& periods, const std::string& season_where) {
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

  Lines demand_pricing(const std::vector<int>& periods, const std::string& season_where) {
    const auto& s = r_.demand;
    const std::string unit = r_.demand_kva ? "$/kVA" : "$/kW";
    if (periods.size() == 1) return one_period(s, periods[0], unit, "demandratestructure" + season_where + ", period " + std::to_string(periods[0]));
    Lines out{"by period {"};
    for (int p : periods)
      append(out, indented(keyed("d" + std::to_string(p + 1), one_period(s, p, unit, "demandratestructure, period " + std::to_string(p)))));
    out.push_back("}");
    return out;
  }

  /// `by season { a, b: ... }` with seasons of equal pricing merged, or the pricing alone.
  Lines by_season(const std::vector<Lines>& per_season) const {
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

  /// `by month { Jan, Feb: ... }` with months of equal pricing merged, or the pricing alone.
  static Lines by_month(const std::array<Lines, 12>& per_month) {
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

  // ---------------------------------------------------------------- charges
  void charge(Lines& body, const std::string& head, const Lines& pricing) {
    body.push_back("");
    append(body, keyed(head, pricing));
  }

  void charges(Lines& body) {
    if (!r_.energy.empty()) {
      std::vector<Lines> per_season;
      for (auto& s : seasons_) {
        auto periods = periods_in(r_.energy_weekday, r_.energy_weekend, s.months);
        per_season.push_back(energy_pricing(periods, seasons_.size() > 1 ? " (" + s.name + ")" : ""));
      }
      charge(body, "charge energy \"Energy Charge\" on energy", by_season(per_season));
    }
    if (r_.fuel) {
      std::array<Lines, 12> per_month;
      for (std::size_t m = 0; m < 12; ++m) per_month[m] = {(*r_.fuel)[m].to_string() + " $/kWh"};
      charge(body, "rider fuel \"Fuel Adjustment\" on energy", by_month(per_month));
    }
    if (demand_used_) {
      std::vector<Lines> per_season;
      for (auto& s : seasons_) {
        auto periods = periods_in(r_.demand_weekday, r_.demand_weekend, s.months);
        per_season.push_back(demand_pricing(periods, seasons_.size() > 1 ? " (" + s.name + ")" : ""));
      }
      charge(body, r_.demand_kva ? "charge tou_demand \"TOU Demand Charge\" on kva_demand" : "charge tou_demand \"TOU Demand Charge\" on demand",
             by_season(per_season));
    } else if (!r_.demand.empty()) {
      body.push_back("");
      body.push_back("# demandratestructure: every price is 0, so there is no TOU demand charge");
    }
    if (flat_used_) {
      std::array<Lines, 12> per_month;
      for (std::size_t m = 0; m < 12; ++m) {
        int index = r_.flat_months[m];
        auto& tiers = r_.flat[static_cast<std::size_t>(index)];
        per_month[m] = tier_pricing(tiers, price_columns(r_.flat, {index}), {}, r_.flat_kva ? "$/kVA" : "$/kW",
                                    "flatdemandstructure, structure " + std::to_string(index), "");
      }
      if (r_.flat_kva && r_.ratchet)
        report_.error("I0004", "a demand ratchet (`lookbackpercent`) on kVA demand cannot be imported", "lookbackpercent",
                      "rateline's billing demand rules are in kW");
      if (r_.ratchet) {
        static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::string months;
        bool all = true;
        for (std::size_t m = 0; m < 12; ++m) {
          all = all && r_.ratchet->included[m];
          if (r_.ratchet->included[m]) months += (months.empty() ? "" : ", ") + std::string(names[m]);
        }
        body.push_back("");
        body.push_back("# lookbackpercent, lookbackrange" + std::string(all ? "" : ", lookbackmonths") + ": a demand ratchet on the flat demand charge");
        body.push_back("billing_demand \"Billing Demand\": greatest of {");
        body.push_back("  demand");
        body.push_back("  " + r_.ratchet->percent.to_string() + " % of ratchet " + std::to_string(r_.ratchet->months) + " months" +
                       (all ? "" : " in " + months));
        body.push_back("}");
      }
      charge(body, r_.ratchet ? "charge flat_demand \"Demand Charge\" on billing_demand"
                   : r_.flat_kva ? "charge flat_demand \"Demand Charge\" on kva_demand"
                                 : "charge flat_demand \"Demand Charge\" on demand",
             by_month(per_month));
    }
    if (r_.fixed) {
      bool daily = r_.fixed_per == "day";
      charge(body, daily ? "charge fixed \"Fixed Daily Charge\"" : "charge fixed \"Fixed Monthly Charge\"",
             {r_.fixed->to_string() + (daily ? " $/day" : " $/month")});
    }
    std::string base = r_.fuel ? " of charges, fuel" : " of charges";
    if (r_.min_monthly) {
      body.push_back("");
      body.push_back("# tops the month's charges up to the minimum (SAM: energy + demand + fixed)");
      body.push_back("minimum min_monthly \"Minimum Charge\": " + r_.min_monthly->to_string() + " $/month" + base);
    }
    if (r_.min_annual) {
      body.push_back("");
      body.push_back("# compares the sum of each 12 bills (before monthly minimums) and tops up the last");
      body.push_back("minimum min_annual \"Annual Minimum\": " + r_.min_annual->to_string() + " $/year" + base);
    }
  }

  const Rate& r_;
  const UrdbImportOptions& options_;
  Reporter& report_;
  bool demand_used_ = false, flat_used_ = false, energy_tou_ = false, demand_tou_ = false;
  std::vector<Season> seasons_;
  std::vector<int> energy_periods_, demand_periods_;
};

}  // namespace

std::string write_tariff(const Rate& rate, const UrdbImportOptions& options, Reporter& report) {
  return Writer(rate, options, report).run();
}

}  // namespace rateline::urdb
