// Seasons: each day of the year in exactly one season.
#include "check/dates.hpp"
#include "check/rules.hpp"

namespace rateline::check {

void check_seasons(CheckContext& cx) {
  const auto& body = cx.tariff.body;
  std::vector<std::vector<std::string>> owner(13, std::vector<std::string>(32));
  for (auto& s : body.seasons) {
    if (cx.out.season_index.count(s.id.text)) {
      cx.error("E0501", "season `" + s.id.text + "` is defined twice", s.id.span);
      continue;
    }
    auto index = static_cast<std::uint32_t>(cx.out.season_names.size());
    cx.out.season_index[s.id.text] = index;
    cx.out.season_names.push_back(s.id.text);
    cx.out.season_labels.push_back(s.label.value_or(s.id.text));
    for (auto& [from_lit, to_lit] : s.ranges) {
      MonthDay from{from_lit.month, from_lit.day.value_or(1)};
      MonthDay to{to_lit.month, to_lit.day.value_or(days_in_month(to_lit.month))};
      bool ok = true;
      for (auto* md : {&from, &to})
        if (md->day == 0 || md->day > days_in_month(md->month)) {
          cx.error("E0201", "there is no " + std::string(kMonthNames[md->month - 1]) + " " + std::to_string(md->day), md == &from ? from_lit.span : to_lit.span);
          ok = false;
        }
      if (!ok) continue;
      cx.out.calendar_seasons.push_back({s.id.text, from, to});
      cx.out.calendar_to_season.push_back(static_cast<std::uint8_t>(index));
      // mark the days of a leap year that this range holds
      MonthDay d = from;
      for (int guard = 0; guard < 367; ++guard) {
        auto& o = owner[d.month][d.day];
        if (!o.empty() && o != s.id.text) {
          cx.error("E0202", std::string(kMonthNames[d.month - 1]) + " " + std::to_string(d.day) + " is in both season `" + o + "` and season `" + s.id.text + "`",
                   s.span, "each day of the year belongs to exactly one season");
          break;
        }
        o = s.id.text;
        if (d == to) break;
        d = d.day < days_in_month(d.month) ? MonthDay{d.month, d.day + 1} : MonthDay{d.month % 12 + 1, 1};
      }
    }
  }
  if (cx.out.calendar_seasons.size() > 32) cx.error("E0203", "more than 32 season ranges", body.seasons.back().span);
  if (body.seasons.empty() || has_errors(cx.diags)) return;
  for (unsigned m = 1; m <= 12; ++m)
    for (unsigned d = 1; d <= days_in_month(m); ++d) {
      if (m == 2 && d == 29) continue;  // the leap day follows Feb 28 (see TouSchedule::season_of)
      if (owner[m][d].empty()) {
        cx.error("E0202", std::string(kMonthNames[m - 1]) + " " + std::to_string(d) + " is in no season",
                 body.seasons.front().span, "seasons must cover every day of the year");
        return;
      }
    }
}

}  // namespace rateline::check
