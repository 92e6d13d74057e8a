// The `holidays NAME` calendar: found in the file or its imports, each holiday a real day.
#include "check/dates.hpp"
#include "check/rules.hpp"
#include "check/words.hpp"

namespace rateline::check {

void check_holidays(CheckContext& cx) {
  if (cx.holidays_name.empty()) return;
  const syntax::CalendarDecl* found = nullptr;
  std::vector<std::string> names;
  auto look = [&](const syntax::File& f) {
    for (auto& c : f.calendars) {
      names.push_back(c.id.text);
      if (c.id.text == cx.holidays_name) found = &c;
    }
  };
  look(cx.file);
  for (auto* f : cx.imported) look(*f);
  if (!found) {
    cx.error("E0106", "no holiday calendar named `" + cx.holidays_name + "`", cx.holidays_span,
             names.empty() ? "define `calendar " + cx.holidays_name + " { ... }` or import a file that does, e.g. `import \"../calendars/nerc.calendar\"`"
                        : "known calendars: " + join(names));
    return;
  }
  cx.out.holidays.name = found->id.text;
  for (auto& h : found->holidays) {
    HolidayRule rule;
    rule.name = h.name;
    switch (h.kind) {
      case syntax::HolidayDecl::Kind::fixed: {
        rule.kind = HolidayRule::Kind::fixed_date;
        rule.date = {h.month, h.day};
        if (h.day == 0 || h.day > days_in_month(h.month)) cx.error("E0107", "there is no " + std::string(kMonthNames[h.month - 1]) + " " + std::to_string(h.day), h.span);
        if (h.observed) {
          std::string o = h.observance ? h.observance->text : "nearest_weekday";
          if (o == "nearest_weekday" || o == "federal") rule.observance = Observance::nearest_weekday;
          else if (o == "sunday_to_monday" || o == "nerc") rule.observance = Observance::sunday_to_monday;
          else cx.error("E0107", "unknown observance rule `" + o + "`", h.observance->span,
                        "use `observed` (Saturday -> Friday, Sunday -> Monday) or `observed sunday_to_monday`");
        }
        break;
      }
      case syntax::HolidayDecl::Kind::nth_weekday:
      case syntax::HolidayDecl::Kind::last_weekday: {
        rule.kind = h.kind == syntax::HolidayDecl::Kind::nth_weekday ? HolidayRule::Kind::nth_weekday : HolidayRule::Kind::last_weekday;
        rule.date = {h.month, 1};
        rule.nth = h.nth;
        auto mask = day_mask_of(h.weekday.text);
        if (!mask || std::popcount(*mask) != 1 || *mask >= 0x80) {
          cx.error("E0107", "`" + h.weekday.text + "` is not a day of the week", h.weekday.span, "use Mon, Tue, ... Sun");
        } else {
          unsigned monday_based = static_cast<unsigned>(std::countr_zero(*mask));
          rule.weekday = (monday_based + 1) % 7;  // to 0 = Sunday
        }
        if (h.nth < 1 || h.nth > 5) cx.error("E0107", "a month has at most five of each weekday", h.span);
        break;
      }
      case syntax::HolidayDecl::Kind::date:
      case syntax::HolidayDecl::Kind::range: {
        auto from = parse_date(h.date);
        auto to = h.kind == syntax::HolidayDecl::Kind::range ? parse_date(h.until) : from;
        if (!from || !to) {
          cx.error("E0107", "not a valid date", h.span);
          break;
        }
        rule.kind = h.kind == syntax::HolidayDecl::Kind::range ? HolidayRule::Kind::range : HolidayRule::Kind::one_off;
        rule.from = *from;
        rule.to = *to;
        if (std::chrono::sys_days{*to} < std::chrono::sys_days{*from}) cx.error("E0107", "the range ends before it starts", h.span);
        break;
      }
    }
    cx.out.holidays.rules.push_back(rule);
  }
}

}  // namespace rateline::check
