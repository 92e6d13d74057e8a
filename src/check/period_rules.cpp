// TOU periods (`period NAME: weekday 16:00-21:00 ...`, `time_of_use GROUP { ... }`): names
// resolve to seasons and day types, and in every group each minute of the year falls in
// exactly one period. Gaps and overlaps are reported as a few merged examples.
#include "check/dates.hpp"
#include "check/rules.hpp"
#include "check/words.hpp"

#include <algorithm>
#include <cstdio>

namespace rateline::check {

namespace {

std::string clock(unsigned minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u:%02u", minute / 60, minute % 60);
  return buf;
}

// "Mon-Fri", "Sat, Sun", "Mon-Fri, holiday"
std::string day_list(const std::vector<DayType>& days) {
  std::string out;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t j = i;
    while (j + 1 < days.size() && static_cast<int>(days[j + 1]) == static_cast<int>(days[j]) + 1 && days[j + 1] != DayType::holiday) ++j;
    if (!out.empty()) out += ", ";
    out += std::string(to_string(days[i]));
    if (j >= i + 2) out += "-" + std::string(to_string(days[j]));
    else if (j == i + 1) out += ", " + std::string(to_string(days[j]));
    i = j + 1;
  }
  return out;
}

void report_coverage(CheckContext& cx, const Group& group, const std::vector<TouCoverageProblem>& problems, const syntax::TariffDecl& tariff) {
  // problems that differ only by day type become one diagnostic naming the days
  struct Merged { const TouCoverageProblem* first; std::vector<DayType> days; };
  std::vector<Merged> merged;
  for (auto& p : problems) {
    if (p.day == DayType::holiday && cx.out.holidays.rules.empty()) continue;  // no holidays: the day type never occurs
    auto it = std::find_if(merged.begin(), merged.end(), [&](const Merged& m) {
      return m.first->kind == p.kind && m.first->season == p.season && m.first->minute == p.minute &&
             m.first->minute_end == p.minute_end && m.first->periods == p.periods;
    });
    if (it == merged.end()) merged.push_back({&p, {p.day}});
    else it->days.push_back(p.day);
  }
  int reported = 0;
  for (auto& m : merged) {
    if (++reported > 5) break;
    const auto& p = *m.first;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(p.example.year()), static_cast<unsigned>(p.example.month()),
                  static_cast<unsigned>(p.example.day()));
    std::string when = std::string(to_string(p.day)) + " " + date + " " + clock(p.minute);
    std::string season = cx.out.season_names.empty() ? "" : "season " + cx.out.calendar_seasons[p.season].name + ", ";
    std::string range = "(" + season + clock(p.minute) + "-" + clock(p.minute_end) + " on " + day_list(m.days) + ")";
    std::string where = group.name.empty() ? "" : " of `" + group.name + "`";
    Span span = group.periods.empty() ? tariff.name_span : group.periods.front()->span;
    if (p.kind == TouCoverageProblem::Kind::gap) {
      cx.error("E0211", when + " is in no TOU period" + where + " " + range, span,
               "add the hours to a period, or give one period `otherwise`");
    } else {
      std::vector<std::string> names;
      for (auto i : p.periods) names.push_back("`" + group.periods[i]->id.text + "`");
      if (!p.periods.empty()) span = group.periods[p.periods.back()]->span;
      cx.error("E0212", when + " is in more than one TOU period: " + join(names, " and ") + " " + range, span,
               "every minute belongs to exactly one period");
    }
  }
}

}  // namespace

void check_periods(CheckContext& cx) {
  const auto& tariff = cx.tariff;
  const auto& body = tariff.body;
  std::map<std::string, std::uint8_t> day_sets;
  for (auto& ds : body.day_sets) {
    std::uint8_t mask = 0;
    for (auto& w : ds.days) {
      auto m = day_mask_of(w.text);
      if (!m) cx.error("E0210", "`" + w.text + "` is not a day type", w.span, "use Mon..Sun, weekday, weekend or holiday");
      else mask |= *m;
    }
    day_sets[ds.id.text] = mask;
    cx.day_set_used[ds.id.text] = false;
  }
  // groups in order of first appearance; "" (the main periods) first if present
  std::map<std::string, std::uint32_t> group_index;
  auto group_of = [&](const std::string& name) {
    auto it = group_index.find(name);
    if (it != group_index.end()) return it->second;
    auto index = static_cast<std::uint32_t>(cx.out.groups.size());
    group_index[name] = index;
    cx.out.groups.push_back({name, {}, {}});
    return index;
  };
  for (auto& p : body.periods) {
    if (cx.out.period_index.count(p.id.text) || cx.out.season_index.count(p.id.text)) {
      cx.error("E0501", "`" + p.id.text + "` is already defined", p.id.span, "period names must be unique in the tariff");
      continue;
    }
    auto g = group_of(p.group);
    cx.out.period_index[p.id.text] = {g, static_cast<std::uint32_t>(cx.out.groups[g].periods.size())};
    cx.out.groups[g].periods.push_back(&p);
    cx.period_used[p.id.text] = false;
  }
  if (cx.out.groups.empty()) cx.out.groups.push_back({"", {}, {}});

  int example_year = cx.out.info.effective.ok() ? static_cast<int>(cx.out.info.effective.year()) : 2025;
  for (auto& group : cx.out.groups) {
    group.schedule.seasons = cx.out.calendar_seasons;
    group.schedule.holidays = cx.out.holidays;
    std::vector<TouPeriodDef> defs;
    for (auto* p : group.periods) {
      TouPeriodDef def;
      def.name = p->id.text;
      group.schedule.period_names.push_back(p->id.text);
      for (auto& rule : p->rules) {
        if (rule.otherwise) {
          if (def.otherwise) cx.error("E0215", "`otherwise` twice in one period", rule.span);
          for (auto* other : group.periods)
            if (other != p)
              for (auto& r : other->rules)
                if (r.otherwise && other < p)
                  cx.error("E0215", "two periods claim `otherwise`: `" + other->id.text + "` and `" + p->id.text + "`", rule.span,
                           "only one period can take the remaining hours");
          def.otherwise = true;
          continue;
        }
        TouRule tr;
        std::uint32_t seasons = 0;
        std::uint8_t days = 0;
        for (auto& w : rule.words) {
          if (auto s = cx.out.season_index.find(w.text); s != cx.out.season_index.end()) {
            for (std::size_t c = 0; c < cx.out.calendar_to_season.size(); ++c)
              if (cx.out.calendar_to_season[c] == s->second) seasons |= 1u << c;
          } else if (auto d = day_mask_of(w.text)) {
            days |= *d;
          } else if (auto ds = day_sets.find(w.text); ds != day_sets.end()) {
            days |= ds->second;
            cx.day_set_used[w.text] = true;
          } else {
            std::vector<std::string> candidates = cx.out.season_names;
            for (auto* n : {"weekday", "weekend", "holiday", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) candidates.push_back(n);
            for (auto& [n, _] : day_sets) candidates.push_back(n);
            auto hint = suggest(w.text, candidates);
            cx.error("E0210", "`" + w.text + "` is not a season or a day type", w.span,
                     hint.empty() ? "a period rule names seasons (" + join(cx.out.season_names) + ") and day types (weekday, weekend, holiday, Mon..Sun)" : hint);
          }
        }
        if (seasons) tr.season_mask = seasons;
        if (days) tr.day_mask = days;
        for (auto& t : rule.times) {
          if (t.from > 1440 || t.to > 1440) {
            cx.error("E0213", "not a time of day", t.span, "times run from 00:00 to 24:00");
            continue;
          }
          if (t.from == t.to) {
            cx.error("E0213", "this time range is empty", t.span, "for the whole day leave the times out");
            continue;
          }
          tr.minutes.emplace_back(static_cast<std::uint16_t>(t.from), static_cast<std::uint16_t>(t.to == 0 ? 1440 : t.to));
        }
        def.rules.push_back(std::move(tr));
      }
      defs.push_back(std::move(def));
    }
    if (has_errors(cx.diags)) continue;
    auto problems = group.schedule.build(defs, example_year);
    report_coverage(cx, group, problems, tariff);
  }
}

}  // namespace rateline::check
