// Writing a URDB rate as tariff text a person can read and edit: seasons named after
// their months, TOU periods as rules, one charge per URDB part (docs/urdb-import.md).
// This file: the whole text, its header, seasons and TOU periods; tier tables are in
// urdb_write_tiers.cpp, charges in urdb_write_charges.cpp.
#include "import/urdb_writer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace rateline::urdb::write {

using namespace std::chrono;

std::string Writer::run() {
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

std::vector<int> Writer::all_months() {
  std::vector<int> m(12);
  for (int i = 0; i < 12; ++i) m[static_cast<std::size_t>(i)] = i;
  return m;
}

void Writer::preamble(Lines& out) const {
  // A field's line breaks (and other control characters) would end the comment line and put
  // the rest of the field into the tariff as code (found by fuzz_urdb): one line each.
  auto one_line = [](std::string s) {
    for (char& c : s)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return s;
  };
  out.push_back("# Imported from the OpenEI Utility Rate Database (URDB) by `rateline import urdb`.");
  if (!r_.label.empty()) out.push_back("#   URDB label: " + one_line(r_.label));
  if (!r_.utility.empty()) out.push_back("#   utility:    " + one_line(r_.utility));
  out.push_back("#   name:       " + one_line(r_.name));
  out.push_back("#   effective:  " + format_date(r_.effective) + " (" + one_line(r_.effective_note) + ")");
  if (!r_.source.empty()) out.push_back("#   source:     " + one_line(r_.source));
  if (!r_.uri.empty()) out.push_back("#   URDB page:  " + one_line(r_.uri));
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

void Writer::header(Lines& body) const {
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

void Writer::make_seasons() {
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

void Writer::seasons(Lines& body) const {
  if (seasons_.size() < 2) return;
  body.push_back("");
  body.push_back("# Seasons: months with the same URDB schedules");
  for (auto& s : seasons_) {
    std::vector<std::string> ranges;
    for (auto& [from, to] : month_runs(s.months)) ranges.push_back(std::string(kMonth[from]) + " - " + kMonth[to]);
    body.push_back("season " + s.name + ": " + join(ranges, ", "));
  }
}

std::vector<int> Writer::periods_in(const Schedule& weekday, const Schedule& weekend, const std::vector<int>& months) {
  std::set<int> found;
  for (int m : months)
    for (int h = 0; h < 24; ++h) {
      found.insert(weekday[static_cast<std::size_t>(m)][static_cast<std::size_t>(h)]);
      found.insert(weekend[static_cast<std::size_t>(m)][static_cast<std::size_t>(h)]);
    }
  return {found.begin(), found.end()};
}

std::uint32_t Writer::hours_of(const Schedule& s, int month, int period) {
  std::uint32_t mask = 0;
  for (int h = 0; h < 24; ++h)
    if (s[static_cast<std::size_t>(month)][static_cast<std::size_t>(h)] == period) mask |= 1u << h;
  return mask;
}

std::string Writer::rules(const Schedule& weekday, const Schedule& weekend, int period) const {
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

std::string Writer::period_label(const Structure& structure, int period, const char* what, const char* unit) const {
  const auto& tiers = structure[static_cast<std::size_t>(period)];
  std::string detail = single_unlimited(tiers) ? tiers[0].price.to_string() + " " + unit : "tiered";
  return std::string(what) + " " + std::to_string(period + 1) + " (" + detail + ")";
}

Lines Writer::period_block(const Schedule& weekday, const Schedule& weekend, const Structure& structure, const std::vector<int>& periods,
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

}  // namespace rateline::urdb::write

namespace rateline::urdb {

std::string write_tariff(const Rate& rate, const UrdbImportOptions& options, Reporter& report) {
  return write::Writer(rate, options, report).run();
}

}  // namespace rateline::urdb
