// The tariff checker: one pass over the AST that resolves names and proves what the
// biller relies on (units fit, tiers increase, every minute is in exactly one TOU period,
// riders form no cycle). Each finding is a Diagnostic with a stable code.
#include "check/checked_tariff.hpp"
#include "check/late_fee_rules.hpp"
#include "check/net_metering_rules.hpp"
#include "check/kva_demand_rules.hpp"
#include "check/power_factor_rules.hpp"
#include "check/therm_factor.hpp"
#include "check/volume_conversion.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <sstream>

namespace rateline::check {

using syntax::Name;

namespace {

// "2024-01": a year and a month 01..12
bool is_billing_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  return month >= 1 && month <= 12;
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  std::chrono::year_month_day d{std::chrono::year{num(0, 4)}, std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

unsigned days_in_month(unsigned month) {
  static const unsigned days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // Feb 29 so seasons cover leap days
  return days[month - 1];
}

const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// 1..12 for "Jan" .. "Dec" (exactly three letters), else nullopt
std::optional<unsigned> month_index(std::string_view word) {
  for (unsigned m = 0; m < 12; ++m)
    if (word == kMonthNames[m]) return m + 1;
  return std::nullopt;
}

// Levenshtein distance for "did you mean" hints.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (auto& c : candidates) {
    auto d = distance(word, c);
    if (d < best_distance) { best_distance = d; best = c; }
  }
  return best.empty() ? "" : "did you mean `" + best + "`?";
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (auto& i : items) { if (!out.empty()) out += sep; out += i; }
  return out;
}

std::optional<std::uint8_t> day_mask_of(std::string_view word) {
  auto w = lower(word);
  const std::uint8_t weekdays = 0x1f, weekend = 0x60, holiday = 0x80;
  if (w == "weekday" || w == "weekdays") return weekdays;
  if (w == "weekend" || w == "weekends") return weekend;
  if (w == "holiday" || w == "holidays") return holiday;
  if (w == "weekends_and_holidays") return static_cast<std::uint8_t>(weekend | holiday);
  if (w == "everyday" || w == "daily" || w == "all_days") return 0xff;
  static const char* names[7][2] = {{"mon", "monday"}, {"tue", "tuesday"}, {"wed", "wednesday"}, {"thu", "thursday"},
                                    {"fri", "friday"},  {"sat", "saturday"}, {"sun", "sunday"}};
  for (std::uint8_t d = 0; d < 7; ++d)
    if (w == names[d][0] || w == names[d][1]) return static_cast<std::uint8_t>(1u << d);
  return std::nullopt;
}

class Checker {
 public:
  Checker(const syntax::File& file, const std::vector<const syntax::File*>& imported) : file_(file), imported_(imported) {}

  CheckResult run() {
    CheckResult result;
    if (file_.tariffs.empty()) {
      error("E0100", "this file has no `tariff \"Name\" { ... }`", Span{file_.source, 0, 0},
            "a tariff file holds one tariff block; calendar files hold `calendar` blocks");
      result.diagnostics = std::move(diags_);
      return result;
    }
    if (file_.tariffs.size() > 1)
      error("E0105", "a file holds one tariff; this is a second one", file_.tariffs[1].name_span,
            "put each tariff in its own file");
    const auto& tariff = file_.tariffs.front();
    out_.decl = &tariff;
    out_.info.name = tariff.name;
    out_.info.path = file_.source->path();
    collect_tables();
    check_meta(tariff);
    check_seasons(tariff.body);
    check_periods(tariff);
    check_rounding(tariff.body);
    check_volumes(tariff.body);
    check_billing_demand(tariff.body);
    check_charges(tariff.body);
    for (auto& d : check_net_metering(tariff.body, out_)) diags_.push_back(std::move(d));
    auto power_factor = check_power_factor(tariff.body);
    if (power_factor.empty() && !tariff.body.power_factor.empty()) out_.power_factor = tariff.body.power_factor.front();
    auto kva = check_kva_demand(tariff.body);
    if (kva.empty() && !tariff.body.kva_demand.empty()) out_.kva_demand = tariff.body.kva_demand.front();
    power_factor.insert(power_factor.end(), kva.begin(), kva.end());
    for (auto& d : power_factor) diags_.push_back(std::move(d));
    check_unused(tariff.body);
    for (auto& revision : tariff.revisions) {
      check_revision(revision);
      for (auto& d : check_net_metering(revision.body, out_)) diags_.push_back(std::move(d));
    }

    if (!has_errors(diags_)) result.tariff = std::move(out_);
    std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.span.file == b.span.file && a.span.begin < b.span.begin;
    });
    result.diagnostics = std::move(diags_);
    return result;
  }

 private:
  void error(std::string code, std::string message, Span span, std::string hint = "") {
    diags_.push_back({Severity::error, std::move(code), std::move(message), std::move(span), std::move(hint)});
  }
  void warning(std::string code, std::string message, Span span, std::string hint = "") {
    diags_.push_back({Severity::warning, std::move(code), std::move(message), std::move(span), std::move(hint)});
  }

  // ------------------------------------------------------------------ header fields
  void check_meta(const syntax::TariffDecl& tariff) {
    static const std::vector<std::string> known = {"utility", "service", "currency", "timezone", "effective",
                                                   "expires", "source", "sector", "description", "label",
                                                   "holidays", "proration", "demand_window", "schedule", "uri",
                                                   "season_split", "net_metering", "meter_unit"};
    std::set<std::string> seen;
    for (auto& m : tariff.body.meta) {
      const auto& key = m.key.text;
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        auto hint = suggest(key, known);
        static const std::vector<std::string> statements = {"charge", "rider", "tax", "credit", "minimum", "season", "period", "rounding"};
        if (hint.empty()) hint = suggest(key, statements);
        error("E0101", "unknown tariff field or statement `" + key + "`", m.key.span,
              hint.empty() ? "known fields: " + join(known) : hint);
        continue;
      }
      if (!seen.insert(key).second) {
        error("E0104", "`" + key + "` is given twice", m.key.span, "keep one");
        continue;
      }
      const auto& v = m.value.text;
      if (key == "utility") out_.info.utility = v;
      else if (key == "source") out_.info.source = v;
      else if (key == "service") {
        out_.info.service = v;
        if (v == "electric") out_.usage_unit = Unit::kWh;
        else if (v == "gas") out_.usage_unit = Unit::therm;
        else if (v == "water" || v == "sewer") out_.usage_unit = Unit::gal;
        else error("E0103", "unknown service `" + v + "`", m.value.span, "use electric, gas, water or sewer");
      } else if (key == "currency") {
        bool ok = v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!ok) error("E0103", "`" + v + "` is not a currency code", m.value.span, "use an ISO 4217 code such as USD");
        out_.info.currency = v;
      } else if (key == "timezone") {
        out_.zone = TimeZone::locate(v);
        if (!out_.zone) error("E0103", "unknown time zone `" + v + "`", m.value.span, "use an IANA zone name such as \"America/New_York\"");
        out_.info.time_zone = v;
      } else if (key == "effective" || key == "expires") {
        auto d = parse_date(v);
        if (m.value.kind != syntax::MetaValue::Kind::date || !d) {
          error("E0103", "`" + key + "` needs a date as YYYY-MM-DD", m.value.span);
        } else if (key == "effective") {
          out_.info.effective = *d;
        } else {
          out_.info.expires = *d;
        }
      } else if (key == "holidays") {
        holidays_name_ = v;
        holidays_span_ = m.value.span;
      } else if (key == "proration") {
        if (v != "none" && v != "days_over_30" && v != "days_over_days_in_month")
          error("E0103", "unknown proration `" + v + "`", m.value.span, "use none, days_over_30 or days_over_days_in_month");
        out_.proration = v;
      } else if (key == "season_split") {
        if (v != "intervals" && v != "days")
          error("E0103", "unknown season split `" + v + "`", m.value.span,
                "`season_split intervals` splits usage by interval timestamps, `season_split days` by days");
        out_.season_split_days = v == "days";
      } else if (key == "demand_window") {
        check_demand_window(m);
      } else if (key == "net_metering") {
        if (v != "per_period" && v != "per_tou_period" && v != "per_interval")
          error("E0103", "unknown net metering `" + v + "`", m.value.span,
                "`net_metering per_period` nets over the billing period, `per_tou_period` within each TOU period, `per_interval` within each interval");
        else out_.net_metering = v, out_.net_metering_span = m.value.span;
      } else if (key == "meter_unit") {
        meter_unit_ = &m;
      }
    }
    auto require = [&](const char* key, const char* example) {
      if (!seen.count(key))
        error("E0102", std::string("the tariff does not say its `") + key + "`", tariff.name_span,
              std::string("add `") + example + "` to the tariff block");
    };
    require("currency", "currency USD");
    require("timezone", "timezone \"America/New_York\"");
    require("effective", "effective 2024-01-01");
    if (out_.info.service.empty()) out_.info.service = "electric";
    check_meter_unit();
    if (out_.info.expires.ok() && out_.info.effective.ok() && std::chrono::sys_days{out_.info.expires} <= std::chrono::sys_days{out_.info.effective})
      error("E0103", "the tariff expires before it takes effect", tariff.name_span);
    resolve_holidays();
  }

  // `meter_unit CCF`: what the service's meters count, when it is not the service's default
  void check_meter_unit() {
    if (!meter_unit_) return;
    const auto& v = meter_unit_->value.text;
    auto unit = parse_unit(v);
    if (!unit || !fits_service(*unit, out_.info.service)) {
      const auto& service = out_.info.service;
      error("E0103", "`" + v + "` is not a unit " + service + " is metered in", meter_unit_->value.span,
            service == "gas" ? "gas is metered in therm, CF, CCF or MCF"
            : service == "electric" ? "electricity is metered in kWh or MWh"
                                    : "water is metered in gal, kgal, CF, CCF or MCF");
      return;
    }
    out_.usage_unit = *unit;
  }

  Dimension usage_dimension() const {
    const auto& service = out_.info.service;
    return service == "gas" ? Dimension::gas : service == "water" || service == "sewer" ? Dimension::water : Dimension::energy;
  }

  void check_demand_window(const syntax::MetaDecl& m) {
    // demand_window 15_minutes_fixed | 30_minutes_sliding ... written as a word
    const auto& v = m.value.text;
    std::int32_t minutes = 0;
    std::size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) minutes = minutes * 10 + (v[i++] - '0');
    std::string rest = v.substr(i);
    bool sliding = rest == "min_sliding" || rest == "_min_sliding" || rest == "minute_sliding";
    bool fixed = rest == "min" || rest == "_min" || rest == "min_fixed" || rest == "_min_fixed" || rest == "minute";
    if (minutes <= 0 || 1440 % minutes != 0 || (!sliding && !fixed)) {
      error("E0103", "cannot read the demand window `" + v + "`", m.value.span,
            "write e.g. `demand_window 15min` (fixed blocks) or `demand_window 30min_sliding`");
      return;
    }
    out_.demand_window = minutes;
    out_.demand_sliding = sliding;
  }

  void resolve_holidays() {
    if (holidays_name_.empty()) return;
    const syntax::CalendarDecl* found = nullptr;
    std::vector<std::string> names;
    auto look = [&](const syntax::File& f) {
      for (auto& c : f.calendars) {
        names.push_back(c.id.text);
        if (c.id.text == holidays_name_) found = &c;
      }
    };
    look(file_);
    for (auto* f : imported_) look(*f);
    if (!found) {
      error("E0106", "no holiday calendar named `" + holidays_name_ + "`", holidays_span_,
            names.empty() ? "define `calendar " + holidays_name_ + " { ... }` or import a file that does, e.g. `import \"../calendars/nerc.calendar\"`"
                          : "known calendars: " + join(names));
      return;
    }
    out_.holidays.name = found->id.text;
    for (auto& h : found->holidays) {
      HolidayRule rule;
      rule.name = h.name;
      switch (h.kind) {
        case syntax::HolidayDecl::Kind::fixed: {
          rule.kind = HolidayRule::Kind::fixed_date;
          rule.date = {h.month, h.day};
          if (h.day == 0 || h.day > days_in_month(h.month)) error("E0107", "there is no " + std::string(kMonthNames[h.month - 1]) + " " + std::to_string(h.day), h.span);
          if (h.observed) {
            std::string o = h.observance ? h.observance->text : "nearest_weekday";
            if (o == "nearest_weekday" || o == "federal") rule.observance = Observance::nearest_weekday;
            else if (o == "sunday_to_monday" || o == "nerc") rule.observance = Observance::sunday_to_monday;
            else error("E0107", "unknown observance rule `" + o + "`", h.observance->span,
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
            error("E0107", "`" + h.weekday.text + "` is not a day of the week", h.weekday.span, "use Mon, Tue, ... Sun");
          } else {
            unsigned monday_based = static_cast<unsigned>(std::countr_zero(*mask));
            rule.weekday = (monday_based + 1) % 7;  // to 0 = Sunday
          }
          if (h.nth < 1 || h.nth > 5) error("E0107", "a month has at most five of each weekday", h.span);
          break;
        }
        case syntax::HolidayDecl::Kind::date:
        case syntax::HolidayDecl::Kind::range: {
          auto from = parse_date(h.date);
          auto to = h.kind == syntax::HolidayDecl::Kind::range ? parse_date(h.until) : from;
          if (!from || !to) {
            error("E0107", "not a valid date", h.span);
            break;
          }
          rule.kind = h.kind == syntax::HolidayDecl::Kind::range ? HolidayRule::Kind::range : HolidayRule::Kind::one_off;
          rule.from = *from;
          rule.to = *to;
          if (std::chrono::sys_days{*to} < std::chrono::sys_days{*from}) error("E0107", "the range ends before it starts", h.span);
          break;
        }
      }
      out_.holidays.rules.push_back(rule);
    }
  }

  // ------------------------------------------------------------------ seasons
  void check_seasons(const syntax::TariffBody& body) {
    std::vector<std::vector<std::string>> owner(13, std::vector<std::string>(32));
    for (auto& s : body.seasons) {
      if (out_.season_index.count(s.id.text)) {
        error("E0501", "season `" + s.id.text + "` is defined twice", s.id.span);
        continue;
      }
      auto index = static_cast<std::uint32_t>(out_.season_names.size());
      out_.season_index[s.id.text] = index;
      out_.season_names.push_back(s.id.text);
      out_.season_labels.push_back(s.label.value_or(s.id.text));
      for (auto& [from_lit, to_lit] : s.ranges) {
        MonthDay from{from_lit.month, from_lit.day.value_or(1)};
        MonthDay to{to_lit.month, to_lit.day.value_or(days_in_month(to_lit.month))};
        bool ok = true;
        for (auto* md : {&from, &to})
          if (md->day == 0 || md->day > days_in_month(md->month)) {
            error("E0201", "there is no " + std::string(kMonthNames[md->month - 1]) + " " + std::to_string(md->day), md == &from ? from_lit.span : to_lit.span);
            ok = false;
          }
        if (!ok) continue;
        out_.calendar_seasons.push_back({s.id.text, from, to});
        out_.calendar_to_season.push_back(static_cast<std::uint8_t>(index));
        // mark the days of a leap year that this range holds
        MonthDay d = from;
        for (int guard = 0; guard < 367; ++guard) {
          auto& o = owner[d.month][d.day];
          if (!o.empty() && o != s.id.text) {
            error("E0202", std::string(kMonthNames[d.month - 1]) + " " + std::to_string(d.day) + " is in both season `" + o + "` and season `" + s.id.text + "`",
                  s.span, "each day of the year belongs to exactly one season");
            break;
          }
          o = s.id.text;
          if (d == to) break;
          d = d.day < days_in_month(d.month) ? MonthDay{d.month, d.day + 1} : MonthDay{d.month % 12 + 1, 1};
        }
      }
    }
    if (out_.calendar_seasons.size() > 32) error("E0203", "more than 32 season ranges", body.seasons.back().span);
    if (body.seasons.empty() || has_errors(diags_)) return;
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= days_in_month(m); ++d) {
        if (m == 2 && d == 29) continue;  // the leap day follows Feb 28 (see TouSchedule::season_of)
        if (owner[m][d].empty()) {
          error("E0202", std::string(kMonthNames[m - 1]) + " " + std::to_string(d) + " is in no season",
                body.seasons.front().span, "seasons must cover every day of the year");
          return;
        }
      }
  }

  // ------------------------------------------------------------------ TOU periods
  void check_periods(const syntax::TariffDecl& tariff) {
    const auto& body = tariff.body;
    std::map<std::string, std::uint8_t> day_sets;
    for (auto& ds : body.day_sets) {
      std::uint8_t mask = 0;
      for (auto& w : ds.days) {
        auto m = day_mask_of(w.text);
        if (!m) error("E0210", "`" + w.text + "` is not a day type", w.span, "use Mon..Sun, weekday, weekend or holiday");
        else mask |= *m;
      }
      day_sets[ds.id.text] = mask;
      day_set_used_[ds.id.text] = false;
    }
    // groups in order of first appearance; "" (the main periods) first if present
    std::map<std::string, std::uint32_t> group_index;
    auto group_of = [&](const std::string& name) {
      auto it = group_index.find(name);
      if (it != group_index.end()) return it->second;
      auto index = static_cast<std::uint32_t>(out_.groups.size());
      group_index[name] = index;
      out_.groups.push_back({name, {}, {}});
      return index;
    };
    for (auto& p : body.periods) {
      if (out_.period_index.count(p.id.text) || out_.season_index.count(p.id.text)) {
        error("E0501", "`" + p.id.text + "` is already defined", p.id.span, "period names must be unique in the tariff");
        continue;
      }
      auto g = group_of(p.group);
      out_.period_index[p.id.text] = {g, static_cast<std::uint32_t>(out_.groups[g].periods.size())};
      out_.groups[g].periods.push_back(&p);
      period_used_[p.id.text] = false;
    }
    if (out_.groups.empty()) out_.groups.push_back({"", {}, {}});

    int example_year = out_.info.effective.ok() ? static_cast<int>(out_.info.effective.year()) : 2025;
    for (auto& group : out_.groups) {
      group.schedule.seasons = out_.calendar_seasons;
      group.schedule.holidays = out_.holidays;
      std::vector<TouPeriodDef> defs;
      for (auto* p : group.periods) {
        TouPeriodDef def;
        def.name = p->id.text;
        group.schedule.period_names.push_back(p->id.text);
        for (auto& rule : p->rules) {
          if (rule.otherwise) {
            if (def.otherwise) error("E0215", "`otherwise` twice in one period", rule.span);
            for (auto* other : group.periods)
              if (other != p)
                for (auto& r : other->rules)
                  if (r.otherwise && other < p)
                    error("E0215", "two periods claim `otherwise`: `" + other->id.text + "` and `" + p->id.text + "`", rule.span,
                          "only one period can take the remaining hours");
            def.otherwise = true;
            continue;
          }
          TouRule tr;
          std::uint32_t seasons = 0;
          std::uint8_t days = 0;
          for (auto& w : rule.words) {
            if (auto s = out_.season_index.find(w.text); s != out_.season_index.end()) {
              for (std::size_t c = 0; c < out_.calendar_to_season.size(); ++c)
                if (out_.calendar_to_season[c] == s->second) seasons |= 1u << c;
            } else if (auto d = day_mask_of(w.text)) {
              days |= *d;
            } else if (auto ds = day_sets.find(w.text); ds != day_sets.end()) {
              days |= ds->second;
              day_set_used_[w.text] = true;
            } else {
              std::vector<std::string> candidates = out_.season_names;
              for (auto* n : {"weekday", "weekend", "holiday", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) candidates.push_back(n);
              for (auto& [n, _] : day_sets) candidates.push_back(n);
              auto hint = suggest(w.text, candidates);
              error("E0210", "`" + w.text + "` is not a season or a day type", w.span,
                    hint.empty() ? "a period rule names seasons (" + join(out_.season_names) + ") and day types (weekday, weekend, holiday, Mon..Sun)" : hint);
            }
          }
          if (seasons) tr.season_mask = seasons;
          if (days) tr.day_mask = days;
          for (auto& t : rule.times) {
            if (t.from > 1440 || t.to > 1440) {
              error("E0213", "not a time of day", t.span, "times run from 00:00 to 24:00");
              continue;
            }
            if (t.from == t.to) {
              error("E0213", "this time range is empty", t.span, "for the whole day leave the times out");
              continue;
            }
            tr.minutes.emplace_back(static_cast<std::uint16_t>(t.from), static_cast<std::uint16_t>(t.to == 0 ? 1440 : t.to));
          }
          def.rules.push_back(std::move(tr));
        }
        defs.push_back(std::move(def));
      }
      if (has_errors(diags_)) continue;
      auto problems = group.schedule.build(defs, example_year);
      report_coverage(group, problems, tariff);
    }
  }

  static std::string clock(unsigned minute) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u:%02u", minute / 60, minute % 60);
    return buf;
  }

  // "Mon-Fri", "Sat, Sun", "Mon-Fri, holiday"
  static std::string day_list(const std::vector<DayType>& days) {
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

  void report_coverage(const Group& group, const std::vector<TouCoverageProblem>& problems, const syntax::TariffDecl& tariff) {
    // problems that differ only by day type become one diagnostic naming the days
    struct Merged { const TouCoverageProblem* first; std::vector<DayType> days; };
    std::vector<Merged> merged;
    for (auto& p : problems) {
      if (p.day == DayType::holiday && out_.holidays.rules.empty()) continue;  // no holidays: the day type never occurs
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
      std::string season = out_.season_names.empty() ? "" : "season " + out_.calendar_seasons[p.season].name + ", ";
      std::string range = "(" + season + clock(p.minute) + "-" + clock(p.minute_end) + " on " + day_list(m.days) + ")";
      std::string where = group.name.empty() ? "" : " of `" + group.name + "`";
      Span span = group.periods.empty() ? tariff.name_span : group.periods.front()->span;
      if (p.kind == TouCoverageProblem::Kind::gap) {
        error("E0211", when + " is in no TOU period" + where + " " + range, span,
              "add the hours to a period, or give one period `otherwise`");
      } else {
        std::vector<std::string> names;
        for (auto i : p.periods) names.push_back("`" + group.periods[i]->id.text + "`");
        if (!p.periods.empty()) span = group.periods[p.periods.back()]->span;
        error("E0212", when + " is in more than one TOU period: " + join(names, " and ") + " " + range, span,
              "every minute belongs to exactly one period");
      }
    }
  }

  // ------------------------------------------------------------------ rounding
  /// A rounding step and mode as written (`0.01 half_up`): the step a power of ten, the mode
  /// one of the seven. nullopt (with the error reported) when either is wrong or the mode is missing.
  std::optional<graph::QuantityRounding> step_and_mode(const syntax::RoundingDecl& r, const std::string& how) {
    // the step must be a power of ten: 1, 0.1, 0.01 ...
    auto n = r.step.normalized();
    if (n.coefficient() != 1) {
      error("E0601", "rounding step must be a power of ten such as 0.01", r.span);
      return std::nullopt;
    }
    if (!r.mode) {
      error("E0602", "the rounding mode is not stated", r.span, "say how ties round, e.g. `" + how + " " + r.step.to_string() + " half_up`");
      return std::nullopt;
    }
    auto mode = parse_rounding_mode(r.mode->text);
    if (!mode) {
      error("E0601", "unknown rounding mode `" + r.mode->text + "`", r.mode->span,
            "use half_up, half_even, half_down, toward_zero, away_from_zero, floor or ceiling");
      return std::nullopt;
    }
    return graph::QuantityRounding{n, *mode};
  }

  void check_rounding(const syntax::TariffBody& body) {
    for (auto& r : body.rounding) {
      if (r.none) { out_.round_line_items = false; continue; }
      const auto& target = r.target.text;
      if (target != "line_items" && target != "quantities" && target != "therms" && target != "total" && target != "limits") {
        error("E0601", "unknown rounding target `" + target + "`", r.target.span,
              "write `rounding line_items 0.01 half_up`, `rounding quantities 1 half_up`, `rounding therms 1 half_up`, "
              "`rounding limits 1 half_up`, `rounding total 1 half_up` or `rounding none`");
        continue;
      }
      auto checked = step_and_mode(r, "rounding " + target);
      if (!checked) continue;
      if (target == "line_items") {
        out_.round_line_items = true;
        out_.rounding_step = checked->step;
        out_.rounding_mode = checked->mode;
        continue;
      }
      auto& slot = target == "quantities" ? out_.quantity_rounding
                   : target == "therms"   ? out_.therm_rounding
                   : target == "limits"   ? out_.limit_rounding
                                          : out_.total_rounding;
      if (slot) error("E0601", "`rounding " + target + "` is given twice", r.target.span, "keep one");
      slot = checked;
    }
  }

  // ------------------------------------------------------------------ billing demand
  void check_billing_demand(const syntax::TariffBody& body) {
    if (body.billing_demand.size() > 1)
      error("E0501", "billing demand is defined twice", body.billing_demand[1].span, "a tariff has one billing demand rule");
    if (body.billing_demand.empty()) return;
    out_.has_billing_demand = true;
    const syntax::BillingDemandTerm* first_ratchet = nullptr;
    for (auto& t : body.billing_demand.front().terms) {
      using K = syntax::BillingDemandTerm::Kind;
      if (t.kind == K::ratchet) {
        // the months billed keep one history: of maximum demands, or of billing demands
        if (!first_ratchet) first_ratchet = &t;
        else if (first_ratchet->of_billing_demand != t.of_billing_demand)
          error("E0802", "the ratchets of one billing demand rule look back at one history", t.span,
                "write `of billing_demand` on every ratchet of the rule, or on none");
        if (t.percent.sign() <= 0 || t.percent > Decimal(100))
          error("E0801", "a ratchet percentage is between 0 and 100 %", t.span);
        auto months = t.months.normalized();
        if (months.scale() != 0 || months < Decimal(1) || months > Decimal(36))
          error("E0801", "a ratchet looks back 1 to 36 whole months", t.span);
        for (auto& s : t.seasons)
          if (!out_.season_index.count(s.text) && !month_index(s.text)) {
            auto hint = suggest(s.text, out_.season_names);
            error("E0321", "`" + s.text + "` is not a season or a month", s.span, hint.empty() ? "seasons: " + join(out_.season_names) + "; months: Jan .. Dec" : hint);
          }
      } else if (t.kind == K::floor) {
        if (t.floor->unit.size() != 1 || t.floor->unit.front().text != "kW")
          error("E0312", "a billing demand floor is in kW", t.floor->span, "e.g. `50 kW`");
      }
    }
  }

  // ------------------------------------------------------------------ charges
  struct Context {
    const syntax::ChargeDecl* charge = nullptr;
    Dimension dimension = Dimension::count;   // of the determinant
    Unit unit = Unit::month;
    bool fixed = false;                       // no `on`: per month/day/bill
    bool percentage = false;                  // percent of `of`
    std::optional<std::uint32_t> group;       // period group seen so far
  };

  void check_charges(const syntax::TariffBody& body) {
    for (std::uint32_t i = 0; i < body.charges.size(); ++i) {
      auto& c = body.charges[i];
      if (out_.charge_index.count(c.id.text) || out_.period_index.count(c.id.text) || out_.season_index.count(c.id.text)) {
        error("E0501", "`" + c.id.text + "` is already defined", c.id.span, "charge names must be unique in the tariff");
        continue;
      }
      out_.charge_index[c.id.text] = i;
    }
    for (auto& c : body.charges) check_charge(c);
    order_charges(body);
  }

  void check_charge(const syntax::ChargeDecl& c) {
    Context ctx;
    ctx.charge = &c;
    if (c.rounded) step_and_mode(*c.rounded, "rounded");
    if (c.on) {
      const auto& d = *c.on;
      const auto& n = d.name.text;
      if (n == "energy" || n == "usage") {
        ctx.dimension = usage_dimension();
        ctx.unit = out_.usage_unit;
        plan_billed_quantity(c, ctx);
      }
      else if (n == "demand") { ctx.dimension = Dimension::power; ctx.unit = Unit::kW; }
      else if (n == "billing_demand") {
        ctx.dimension = Dimension::power;
        ctx.unit = Unit::kW;
        if (!out_.has_billing_demand)
          error("E0303", "`billing_demand` is not defined in this tariff", d.name.span,
                "define it: `billing_demand: greatest of { demand  80 % of ratchet 11 months }`");
      }
      else if (n == "days") { ctx.dimension = Dimension::time; ctx.unit = Unit::day; }
      else if (n == "received_energy" || n == "exported_energy") { ctx.dimension = Dimension::energy; ctx.unit = Unit::kWh; }
      else if (n == "reactive_energy") { ctx.dimension = Dimension::reactive_energy; ctx.unit = Unit::kVARh; }
      else if (n == "kva_demand" || n == "demand_kva") { ctx.dimension = Dimension::apparent_power; ctx.unit = Unit::kVA; }
      else {
        static const std::vector<std::string> names = {"energy", "demand", "billing_demand", "days", "received_energy", "reactive_energy", "kva_demand"};
        auto hint = suggest(n, names);
        error("E0303", "unknown quantity `" + n + "`", d.name.span, hint.empty() ? "a charge is on one of: " + join(names) : hint);
        return;
      }
      for (auto& p : d.periods) {
        auto it = out_.period_index.find(p.text);
        if (it == out_.period_index.end()) {
          error("E0304", "`" + p.text + "` is not a TOU period", p.span, period_hint(p.text));
          continue;
        }
        period_used_[p.text] = true;
        if (ctx.group && *ctx.group != it->second.group)
          error("E0305", "periods from different `time_of_use` groups in one charge", p.span);
        ctx.group = it->second.group;
      }
      if (d.cap && n != "energy" && n != "usage")
        error("E0334", "only usage can be capped at an account attribute", d.cap->span,
              "write `on usage capped at " + d.cap->text + "`");
    } else {
      ctx.fixed = true;
    }
    if (!c.of.empty()) ctx.percentage = true;
    for (auto* limit : {&c.at_most, &c.at_least}) {
      if (!*limit) continue;
      if (c.of.empty() || c.kind == syntax::ChargeKind::minimum)
        error("E0406", "`at most` / `at least` limit a percentage of other charges", (*limit)->span,
              "write it after `of ...`: `3 % of energy, at most 1.75 $`");
      else if ((*limit)->percent || !(*limit)->per.empty() || (*limit)->amount.is_negative())
        error("E0406", "a limit is an amount of money, e.g. `1.75 $`", (*limit)->span);
    }
    if (c.at_most && c.at_least && c.at_least->dollars() > c.at_most->dollars())
      error("E0406", "`at least` is above `at most`", c.at_least->span);
    for (auto& d : check_late_fee_terms(c)) diags_.push_back(std::move(d));
    if (c.kind == syntax::ChargeKind::late_fee) return;   // its rate is checked with its terms
    if (c.kind == syntax::ChargeKind::minimum && c.of.empty())
      error("E0405", "a minimum needs the charges it applies to", c.id.span,
            "e.g. `minimum min_bill \"Minimum Bill\": 10.00 $/month of charges`");
    check_pricing(c.pricing, ctx);
  }

  std::string period_hint(const std::string& name) {
    std::vector<std::string> names;
    for (auto& [n, _] : out_.period_index) names.push_back(n);
    auto hint = suggest(name, names);
    if (!hint.empty()) return hint;
    return names.empty() ? "this tariff defines no TOU periods: add `period NAME: ...`" : "known periods: " + join(names);
  }

  void check_pricing(const syntax::Pricing& pricing, Context& ctx) {
    if (auto* price = std::get_if<syntax::Price>(&pricing.node)) {
      check_price(*price, ctx);
    } else if (auto* tiers = std::get_if<syntax::Tiers>(&pricing.node)) {
      check_tiers(*tiers, ctx);
    } else if (auto* ref = std::get_if<syntax::TableRef>(&pricing.node)) {
      auto it = out_.tables.find(ref->name.text);
      if (it == out_.tables.end()) {
        std::vector<std::string> names;
        for (auto& [n, _] : out_.tables) names.push_back(n);
        auto hint = suggest(ref->name.text, names);
        error("E0323", "no table named `" + ref->name.text + "`", ref->name.span,
              !hint.empty() ? hint
              : names.empty() ? "define `table " + ref->name.text + ": by billing_month { ... }` in this file or an imported one"
                              : "known tables: " + join(names));
        return;
      }
      check_by(*it->second, ctx);
    } else {
      check_by(std::get<syntax::ByTable>(pricing.node), ctx);
    }
  }

  void check_price(const syntax::Price& price, Context& ctx) {
    const auto& c = *ctx.charge;
    auto quantity_name = [&] { return std::string(to_string(ctx.dimension)) + " (" + std::string(to_string(ctx.unit)) + ")"; };
    if (price.percent) {
      if (!ctx.percentage)
        error("E0404", "a percentage needs the charges it is a percentage of", price.span,
              "add `of` and the charge names, e.g. `2.5 % of energy, basic`, or `of charges`");
      if (price.amount > Decimal(100) || price.amount < Decimal(-100))
        warning("W0701", "a percentage above 100 % is unusual for a rider or tax", price.span, "check the rate sheet");
      return;
    }
    if (ctx.percentage && c.kind != syntax::ChargeKind::minimum) {
      error("E0404", "`of` goes with a percentage, but this price is in money", price.unit_span, "write the rate as a percentage, e.g. `2.5 %`");
      return;
    }
    if (price.per.empty()) {
      error("E0301", "a price needs a unit, e.g. `$/kWh` or `$/month`", price.unit_span);
      return;
    }
    std::string unit_text;
    for (auto& p : price.per) unit_text += (unit_text.empty() ? "" : "/") + p.text;
    if (unit_text == "year") {
      if (c.kind != syntax::ChargeKind::minimum)
        error("E0301", "a $/year price is only for annual minimums", price.unit_span,
              "write the charge per month or per day as the sheet bills it");
      return;
    }
    auto unit = price_unit(price);
    if (!unit) {
      error("E0302", "unknown unit `" + unit_text + "`", price.per.front().span,
            "units: kWh, MWh, kW, kVARh, therm, CF, CCF, MCF, gal, kgal, month, day, bill, meter, year (minimums)");
      return;
    }
    if (c.kind == syntax::ChargeKind::minimum) {
      if (*unit != Unit::month && *unit != Unit::bill && *unit != Unit::day && unit_text != "year")
        error("E0301", "a minimum is an amount per month, bill, day or year, not per " + unit_text, price.unit_span);
      return;
    }
    if (ctx.fixed) {
      if (*unit != Unit::month && *unit != Unit::day && *unit != Unit::bill && *unit != Unit::meter) {
        std::string hint = "say what the charge is on, e.g. `charge energy \"Energy Charge\" on energy: ...`";
        error("E0301", "a $/" + unit_text + " price needs a quantity: this charge has no `on`", price.unit_span, hint);
      }
      return;
    }
    if (*unit != ctx.unit) {
      std::string hint = ctx.dimension == Dimension::power ? "demand is priced in $/kW"
                       : ctx.dimension == Dimension::time ? "days are priced in $/day"
                       : "this quantity is priced in $/" + std::string(to_string(ctx.unit));
      if (dimension_of(*unit) == Dimension::power) hint += "; a demand charge is `on demand`";
      if (dimension_of(*unit) == Dimension::energy && ctx.dimension != Dimension::energy) hint += "; an energy charge is `on energy`";
      error("E0301", "a $/" + unit_text + " price cannot apply to " + quantity_name(), price.unit_span, hint);
      return;
    }
    // plausibility: a sheet cannot mean these
    auto dollars = price.dollars();
    if (*unit == Unit::kWh && dollars.abs() > Decimal(5))
      warning("W0701", "$" + dollars.to_string() + " per kWh is far above any retail energy rate", price.span,
              price.cents ? "" : "was this written in cents? use `¢/kWh`");
    if (*unit == Unit::kW && dollars.abs() > Decimal(500))
      warning("W0701", "$" + dollars.to_string() + " per kW is far above any demand rate", price.span);
  }

  /// Checks a tier table; returns its period columns (empty for a single price column).
  std::vector<std::string> check_tiers(const syntax::Tiers& tiers, Context& ctx, bool nested = false) {
    // bounds: cumulative, in the determinant's unit (or per day / per kW of it)
    std::optional<Decimal> previous;   // upper bound of the previous tier, in comparable terms
    std::string previous_unit;
    bool unlimited_seen = false;
    std::vector<std::string> columns;
    bool first_row = true;
    for (auto& row : tiers.rows) {
      if (unlimited_seen) {
        error("E0311", "this tier comes after a tier without a limit", row.span, "the tier without a limit (`above`, `rest`, `over N`) must be the last");
        break;
      }
      std::optional<Decimal> upper;
      std::string unit_text;
      if (row.quantity) {
        for (auto& u : row.quantity->unit) unit_text += (unit_text.empty() ? "" : "/") + u.text;
        check_bound_unit(*row.quantity, unit_text, ctx);
        if (row.quantity->amount.is_negative()) error("E0310", "a tier limit cannot be negative", row.quantity->span);
      }
      using B = syntax::TierRow::Bound;
      switch (row.bound) {
        case B::first:
          if (!first_row) error("E0310", "`first` can only start a tier table", row.span, "use `next N` or `up to N` for later tiers");
          upper = row.quantity->amount;
          break;
        case B::next:
          if (first_row) error("E0310", "the first tier cannot be `next`", row.span, "start with `first N` or `up to N`");
          if (!first_row && previous && previous_unit != unit_text)
            error("E0310", "`next " + row.quantity->amount.to_string() + " " + unit_text + "` follows a limit in " + previous_unit +
                               ": the two cannot be added",
                  row.quantity->span, "write the limit as `up to N " + unit_text + "`, counted from zero");
          upper = (previous ? *previous : Decimal(0)) + row.quantity->amount;
          if (row.quantity->amount.sign() <= 0) error("E0310", "`next` needs a positive size", row.quantity->span);
          break;
        case B::up_to:
          upper = row.quantity->amount;
          break;
        case B::over:
          unlimited_seen = true;
          if (previous && *previous != row.quantity->amount)
            error("E0310", "this tier starts over " + row.quantity->amount.to_string() + " but the tier before it ends at " + previous->to_string(),
                  row.quantity->span, "tiers must follow one another without gaps or overlaps");
          if (!previous && row.quantity->amount.sign() != 0 && first_row)
            error("E0310", "nothing prices usage up to " + row.quantity->amount.to_string(), row.quantity->span, "add a tier `first N` before it");
          break;
        case B::rest:
          unlimited_seen = true;
          break;
      }
      if (upper) {
        if (previous && previous_unit == unit_text && *upper <= *previous)
          error("E0310", "tiers out of order: this tier ends at " + upper->to_string() + " " + unit_text +
                    ", not above the previous tier's " + previous->to_string(),
                row.quantity->span, "list tiers from the lowest usage to the highest, with increasing limits");
        previous = upper;
        previous_unit = unit_text;
      }
      // prices: one, or one per period column, or nested steps
      std::vector<std::string> row_columns;
      if (row.nested) {
        if (nested) error("E0315", "steps inside steps: a nested tier table cannot nest again", row.nested->span);
        else if (row.quantity && row.quantity->unit.size() > 1 && row.quantity->unit[1].text != "kW")
          warning("W0316", "steps inside a block are usual only in hours-use (kWh/kW) blocks", row.span);
        row_columns = check_tiers(*row.nested, ctx, true);
      }
      if (nested && row.quantity && row.quantity->unit.size() > 1)
        error("E0312", "steps inside a block are in cumulative kWh for the billing period", row.quantity->span,
              "write the step limit in " + std::string(to_string(ctx.unit)) + ", e.g. `up to 3000 kWh`");
      for (auto& [period, price] : row.prices) {
        if (period) {
          row_columns.push_back(period->text);
          auto it = out_.period_index.find(period->text);
          if (it == out_.period_index.end()) {
            error("E0304", "`" + period->text + "` is not a TOU period", period->span, period_hint(period->text));
          } else {
            period_used_[period->text] = true;
            if (ctx.group && *ctx.group != it->second.group) error("E0305", "periods from different `time_of_use` groups in one charge", period->span);
            ctx.group = it->second.group;
          }
        }
        check_price(price, ctx);
      }
      if (first_row) {
        columns = row_columns;
      } else if (row_columns != columns) {
        error("E0314", "this tier prices different periods than the first tier (" + (columns.empty() ? std::string("one price") : join(columns)) + ")",
              row.span, "every tier row needs the same period columns in the same order");
      }
      first_row = false;
    }
    if (!columns.empty() && !nested && ctx.dimension != Dimension::energy && ctx.dimension != Dimension::gas &&
        ctx.dimension != Dimension::water)
      error("E0313", "one price per period applies to energy tiers; demand tiers are priced per period with `by period { ... }`",
            tiers.span, "write `by period { on_peak: tiers { ... }  off_peak: tiers { ... } }`");
    if (!columns.empty() && !nested && transforms_quantity(ctx.charge))
      error("E0335", "tiers with one price per period split interval energy as metered: they cannot be capped, converted or rounded",
            tiers.span, "write `by period { on_peak: tiers { ... } }`, or price the metered unit");
    if (!columns.empty() && !nested) {
      if (!tiers.allocation) {
        error("E0313", "tiers with one price per period must say how usage is split across tiers", tiers.span,
              "write `tiers proportional { ... }` (each period gets its share of every tier, as NREL SAM does) or "
              "`tiers chronological { ... }` (tiers fill in time order)");
      }
    }
    if (tiers.allocation && tiers.allocation->text != "proportional" && tiers.allocation->text != "chronological")
      error("E0313", "unknown tier allocation `" + tiers.allocation->text + "`", tiers.allocation->span, "use proportional or chronological");
    if (tiers.allocation && columns.empty())
      error("E0313", "`" + tiers.allocation->text + "` applies to tiers with one price per period", tiers.allocation->span,
            "remove it, or give each tier one price per period");
    if (!unlimited_seen && !tiers.rows.empty() && !nested)
      warning("W0312", "usage above the last tier is not charged", tiers.rows.back().span,
              "end the table with `above: ...` if the sheet prices all usage");
    if (!unlimited_seen && !tiers.rows.empty() && nested)
      error("E0316", "the steps inside a block must cover the whole block", tiers.rows.back().span,
            "end the steps with `above: ...`: the rest of the block, up to its limit");
    return columns;
  }

  void check_bound_unit(const syntax::Quantity& q, const std::string& unit_text, const Context& ctx) {
    auto base = parse_unit(q.unit.front().text);
    bool ok = base.has_value() && *base == ctx.unit;
    if (ok && q.unit.size() > 1) {
      // kWh/day, kWh/kW, kWh/kW/day: only on energy
      std::string rest;
      for (std::size_t i = 1; i < q.unit.size(); ++i) rest += (rest.empty() ? "" : "/") + q.unit[i].text;
      ok = ctx.dimension != Dimension::power && (rest == "day" || rest == "kW" || rest == "kW/day");
    }
    if (!ok)
      error("E0312", "a tier limit in " + unit_text + " does not fit " + std::string(to_string(ctx.dimension)) + " in " +
                std::string(to_string(ctx.unit)),
            q.span, "limits are in " + std::string(to_string(ctx.unit)) + (ctx.dimension == Dimension::power ? "" : ", per day (`/day`) or per kW of demand (`/kW`)"));
  }

  void check_by(const syntax::ByTable& table, Context& ctx) {
    const auto& axis = table.axis.text;
    std::set<std::string> seen;
    for (auto& c : table.cases) {
      if (c.otherwise) {
        if (!seen.insert("otherwise").second) error("E0322", "`otherwise` twice", c.span);
        if (axis == "period")   // it prices every period the table does not name
          for (auto& [name, used] : period_used_) used = true;
      }
      for (auto& k : c.keys) {
        if (!seen.insert(k.text).second) error("E0322", "`" + k.text + "` appears twice in this table", k.span);
        if (axis == "season") {
          if (!out_.season_index.count(k.text)) {
            auto hint = suggest(k.text, out_.season_names);
            error("E0321", "`" + k.text + "` is not a season", k.span, hint.empty() ? "seasons: " + join(out_.season_names) : hint);
          }
        } else if (axis == "period") {
          auto it = out_.period_index.find(k.text);
          if (it == out_.period_index.end()) {
            error("E0321", "`" + k.text + "` is not a TOU period", k.span, period_hint(k.text));
          } else {
            period_used_[k.text] = true;
            if (ctx.group && *ctx.group != it->second.group) error("E0305", "periods from different `time_of_use` groups in one charge", k.span);
            ctx.group = it->second.group;
          }
        } else if (axis == "billing_month") {
          if (!is_billing_month(k.text))
            error("E0321", "`" + k.text + "` is not a billing month", k.span, "write the year and month, e.g. `2024-01`");
        } else if (axis == "month") {
          bool ok = false;
          for (auto* m : kMonthNames) ok |= lower(m) == lower(k.text.substr(0, 3)) && k.text.size() >= 3;
          if (!ok) error("E0321", "`" + k.text + "` is not a month", k.span, "use Jan .. Dec");
        }
        // any other axis is an account attribute: its values are free
      }
      if (axis == "period" && ctx.fixed)
        error("E0320", "a charge without a quantity cannot be split by period", table.axis.span, "add `on energy` or `on demand`");
      check_pricing(*c.pricing, ctx);
    }
    if (axis == "season" && out_.season_names.empty())
      error("E0320", "`by season` but the tariff defines no seasons", table.axis.span, "add `season NAME: Jun 1 - Sep 30` lines");
  }

  // percentage and minimum bases; evaluation order; rider cycles
  void order_charges(const syntax::TariffBody& body) {
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
        auto it = out_.charge_index.find(name.text);
        if (it == out_.charge_index.end()) {
          std::vector<std::string> names;
          for (auto& [k, _] : out_.charge_index) names.push_back(k);
          auto hint = suggest(name.text, names);
          error("E0401", "`" + name.text + "` is not a charge of this tariff", name.span,
                hint.empty() ? "name charges by their id, or use `charges`, `riders`, `taxes`" : hint);
          continue;
        }
        if (it->second == i) {
          error("E0403", "`" + c.id.text + "` is a percentage of itself", name.span, "a charge's base cannot include the charge");
          continue;
        }
        deps[i].push_back(it->second);
      }
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
        error("E0402", "charges depend on each other in a cycle: " + join(cycle, " -> "), body.charges[v].id.span,
              "a rider or tax can only be computed from charges that do not depend on it");
        return false;
      }
      state[v] = 1;
      stack.push_back(v);
      for (auto d : deps[v])
        if (!visit(d)) return false;
      stack.pop_back();
      state[v] = 2;
      out_.evaluation_order.push_back(v);
      return true;
    };
    for (std::uint32_t i = 0; i < n; ++i)
      if (!visit(i)) break;
    out_.bases = std::move(deps);
  }

  void check_unused(const syntax::TariffBody& body) {
    for (auto& p : body.periods)
      if (!period_used_[p.id.text] && period_used_.size() > 1) {
        // only periods named by no charge at all: usage in them is still priced by
        // charges on all energy, so this is a warning
        bool any_tou_charge = std::any_of(period_used_.begin(), period_used_.end(), [](auto& kv) { return kv.second; });
        if (any_tou_charge)
          warning("W0502", "period `" + p.id.text + "` is not priced by any charge", p.id.span,
                  "usage in it is only billed by charges on all energy");
      }
    // Seasons are never "unused": a season that no rule names still completes the year.
    for (auto& ds : body.day_sets)
      if (!day_set_used_[ds.id.text]) warning("W0502", "day set `" + ds.id.text + "` is not used", ds.id.span);
  }

  void check_revision(const syntax::RevisionDecl& revision) {
    auto date = parse_date(revision.date);
    if (!date) {
      error("E0701", "not a valid date", revision.date_span);
    } else {
      if (out_.info.effective.ok() && std::chrono::sys_days{*date} <= std::chrono::sys_days{out_.info.effective})
        error("E0701", "a revision must take effect after the tariff's effective date", revision.date_span);
      for (auto& earlier : out_.revision_dates)
        if (std::chrono::sys_days{*date} <= std::chrono::sys_days{earlier})
          error("E0701", "revisions must be listed in date order, each after the one before", revision.date_span);
      out_.revision_dates.push_back(*date);
    }
    const auto& base = out_.decl->body.charges;
    for (auto& c : revision.body.charges) {
      auto it = out_.charge_index.find(c.id.text);
      if (it == out_.charge_index.end()) {
        error("E0702", "revision changes `" + c.id.text + "`, which the tariff does not define", c.id.span,
              "a revision restates charges of the tariff with new prices");
        continue;
      }
      const auto& original = base[it->second];
      std::vector<std::string> a, b;
      for (auto& n : original.of) a.push_back(n.text);
      for (auto& n : c.of) b.push_back(n.text);
      auto text_of = [](const std::optional<Name>& n) { return n ? n->text : std::string(); };
      bool same_on = (original.on.has_value() == c.on.has_value()) &&
                     (!c.on || (c.on->name.text == original.on->name.text && c.on->periods.size() == original.on->periods.size() &&
                                text_of(c.on->cap) == text_of(original.on->cap))) &&
                     text_of(c.unless) == text_of(original.unless);
      if (original.kind != c.kind || a != b || !same_on)
        error("E0704", "revision of `" + c.id.text + "` must keep what it is (kind, `on` and `of`) and change only prices", c.id.span,
              "to change what a charge applies to, define a new charge");
      check_charge(c);
    }
    if (!revision.body.seasons.empty() || !revision.body.periods.empty() || !revision.body.meta.empty() || !revision.body.rounding.empty() ||
        !revision.body.power_factor.empty() || !revision.body.kva_demand.empty())
      error("E0703", "a revision can only restate charges", revision.span, "seasons, periods and header fields apply to every revision");
  }

  // ------------------------------------------------------------------ named tables
  void collect_tables() {
    auto collect = [&](const syntax::File& f) {
      for (auto& t : f.tables)
        if (!out_.tables.emplace(t.id.text, &t.table).second)
          error("E0501", "table `" + t.id.text + "` is defined twice", t.id.span, "table names must be unique across the tariff and its imports");
    };
    collect(file_);
    for (auto* f : imported_) collect(*f);
  }

  // ------------------------------------------------------------------ volumes and therms
  void check_volumes(const syntax::TariffBody& body) {
    stated_ = stated_conversions(body.conversions, diags_);
    if (body.therm_factors.size() > 1)
      error("E0332", "the therm factor is stated twice", body.therm_factors[1].span, "a tariff has one therm factor table");
    if (body.therm_factors.empty()) return;
    const auto& decl = body.therm_factors.front();
    const syntax::ThermFactorDecl* stated = &decl;
    if (decl.ref) {
      // `therm_factor: btu_2024`: a table kept in a factor file the tariff imports
      std::vector<std::string> names;
      stated = nullptr;
      auto look = [&](const syntax::File& f) {
        for (auto& named : f.therm_factors) {
          names.push_back(named.id.text);
          if (named.id.text == decl.ref->text) stated = &named.factor;
        }
      };
      look(file_);
      for (auto* f : imported_) look(*f);
      if (!stated || stated->ref) {
        error("E0332", stated ? "therm factor table `" + decl.ref->text + "` names another table instead of stating factors"
                              : "no therm factor table named `" + decl.ref->text + "`",
              decl.ref->span,
              names.empty() ? "define `therm_factor " + decl.ref->text + ": by billing_month { ... }` in a file the tariff imports"
                            : "known therm factor tables: " + join(names));
        return;
      }
    }
    out_.therm_factor = therm_factor_table(*stated, diags_);
    if (decl.label) out_.therm_factor->label = *decl.label;
    if (out_.info.service != "gas")
      error("E0332", "a therm factor is for gas service", decl.span, "add `service gas` and `meter_unit CCF`");
    else if (!out_.therm_rounding)
      error("E0332", "the rounding of therms is not stated", decl.span,
            "say how the sheet rounds CCF × factor, e.g. `rounding therms 1 half_up` (whole therms)");
  }

  // A charge on usage priced in another unit of the service (kgal on gallons, therms on CCF).
  void plan_billed_quantity(const syntax::ChargeDecl& c, Context& ctx) {
    graph::BilledQuantity billed;
    billed.metered = billed.priced = out_.usage_unit;
    if (const auto* price = first_money_price(c.pricing, out_.tables)) {
      auto unit = price_unit(*price);
      if (unit && *unit != out_.usage_unit && fits_service(*unit, out_.info.service)) {
        auto plan = plan_conversion(out_.usage_unit, *unit, stated_, out_.therm_factor.has_value(),
                                    out_.quantity_rounding.has_value());
        ctx.unit = *unit;   // the charge's prices and tier limits are in its unit
        if (!plan.billed) {
          error(plan.code, plan.message, price->unit_span, plan.hint);
          return;
        }
        billed = *plan.billed;
      }
    }
    if (c.on->cap) billed.cap_attribute = c.on->cap->text;
    out_.billed[&c] = billed;
  }

  bool transforms_quantity(const syntax::ChargeDecl* c) const {
    auto it = out_.billed.find(c);
    return out_.quantity_rounding || (it != out_.billed.end() && (it->second.converts() || !it->second.cap_attribute.empty()));
  }

  const syntax::File& file_;
  const std::vector<const syntax::File*>& imported_;
  const syntax::MetaDecl* meter_unit_ = nullptr;
  std::vector<StatedConversion> stated_;
  std::vector<Diagnostic> diags_;
  CheckedTariff out_;
  std::string holidays_name_;
  Span holidays_span_;
  std::map<std::string, bool> period_used_;
  std::map<std::string, bool> day_set_used_;
};

}  // namespace

std::optional<Unit> price_unit(const syntax::Price& price) {
  if (price.per.empty()) return std::nullopt;
  std::string text;
  for (auto& p : price.per) text += (text.empty() ? "" : "/") + p.text;
  return parse_unit(text);
}

CheckResult check_tariff(const syntax::File& file, const std::vector<const syntax::File*>& imported) {
  return Checker(file, imported).run();
}

}  // namespace rateline::check
