// eval/segments.cpp — version_segments(): a billing period cut where revisions take effect (eval/segments.hpp).
#include "eval/segments.hpp"

#include "eval/bill_plan.hpp"
#include "rateline/calendar.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <cstdio>

namespace rateline::eval {

using namespace std::chrono;

namespace {

std::size_t version_at(const graph::Tariff& t, year_month_day d) {
  std::size_t v = 0;
  for (std::size_t r = 0; r < t.revisions.size(); ++r)
    if (sys_days{t.revisions[r].effective} <= sys_days{d}) v = r + 1;
  return v;
}

// Days of [from, to) in each season, a month at a time: the plan's running counts by month
// and day give a month's part in one subtraction per season, so no day is visited.
void count_season_days(const BillPlan& plan, year_month_day from, year_month_day to, SeasonDays& out) {
  const sys_days end{to};
  sys_days day{from};
  while (day < end) {
    const year_month_day d{day};
    const sys_days next_month{(d.year() / d.month() + months{1}) / 1d};
    const sys_days stop = std::min(next_month, end);
    const unsigned first = static_cast<unsigned>(d.day());
    const unsigned count = static_cast<unsigned>((stop - day).count());
    const std::size_t row = static_cast<unsigned>(d.month()) * 33;
    const std::uint8_t* before_first = plan.season_days_before.data() + (row + first) * plan.seasons;
    const std::uint8_t* before_stop = plan.season_days_before.data() + (row + first + count) * plan.seasons;
    for (std::size_t s = 0; s < plan.seasons; ++s) out[s] += before_stop[s] - before_first[s];
    day = stop;
  }
}

}  // namespace

void version_segments(const graph::Tariff& t, const BillPlan& plan, const BillingPeriod& p, std::size_t bill,
                      const BillOptions& options, std::vector<Segment>& out) {
  boost::container::small_vector<std::pair<year_month_day, std::size_t>, 4> cuts{{p.from, version_at(t, options.as_of.value_or(p.from))}};
  if (!options.as_of)
    for (std::size_t r = 0; r < t.revisions.size(); ++r) {
      auto d = t.revisions[r].effective;
      if (sys_days{d} > sys_days{p.from} && sys_days{d} < sys_days{p.to}) cuts.emplace_back(d, r + 1);
    }
  // the period's ends as day numbers and its month once: each is a calendar conversion
  const sys_days period_from{p.from}, period_to{p.to};
  const int period_days = static_cast<int>((period_to - period_from).count());
  const auto month = static_cast<unsigned>(year_month_day{period_to - days{1}}.month());
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    Segment& c = out.emplace_back();
    c.index = out.size() - 1;
    c.period = p;
    c.bill = bill;
    c.from = cuts[k].first;
    c.to = k + 1 < cuts.size() ? cuts[k + 1].first : p.to;
    auto v = cuts[k].second;
    c.charges = v == 0 ? &t.charges : &t.revisions[v - 1].charges;
    c.version = plan.versions[v];
    c.split = cuts.size() > 1;
    c.period_days = period_days;
    c.days = cuts.size() == 1 ? period_days : static_cast<int>((sys_days{c.to} - sys_days{c.from}).count());
    c.season_days.assign(std::max<std::size_t>(1, t.season_names.size()), 0);
    if (t.season_names.size() > 1)
      count_season_days(plan, c.from, c.to, c.season_days);
    else
      c.season_days[0] = c.days;
    c.month = month;
  }
}

std::size_t season_of(const graph::Tariff& t, year_month_day d) {
  return bill_plan(t).season(d);
}

year_month_day next_day(year_month_day d) {
  auto next = d.year() / d.month() / (d.day() + days{1});
  return next.ok() ? next : year_month_day{(d.year() / d.month() + months{1}) / 1d};
}

year_month bill_month(const BillingPeriod& period) {
  auto last = year_month_day{sys_days{period.to} - days{1}};
  return last.year() / last.month();
}

std::string format_month(year_month m) {
  char buf[12];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
  return buf;
}

int month_key(year_month m) { return static_cast<int>(m.year()) * 12 + static_cast<int>(static_cast<unsigned>(m.month())) - 1; }

int proration_month_days(const graph::Tariff& t, const BillingPeriod& period) {
  if (t.proration != graph::Proration::days_over_days_in_month) return 30;
  auto month = bill_month(period);
  return static_cast<int>(static_cast<unsigned>(year_month_day_last{month.year(), month_day_last{month.month()}}.day()));
}

}  // namespace rateline::eval
