// The header of a tariff: its fields (`currency`, `timezone`, `effective`, `service`,
// `proration`, `net_metering`, `demand_window` ...), each known, given once and readable.
#include "check/billing_cycle_rules.hpp"
#include "check/dates.hpp"
#include "check/rules.hpp"
#include "check/words.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace rateline::check {

namespace {

// `meter_unit CCF`: what the service's meters count, when it is not the service's default
void check_meter_unit(CheckContext& cx) {
  if (!cx.meter_unit || cx.is_broken("usage unit")) return;   // an unknown service has no units to check against
  const auto& v = cx.meter_unit->value.text;
  auto unit = parse_unit(v);
  if (!unit || !fits_service(*unit, cx.out.info.service)) {
    const auto& service = cx.out.info.service;
    cx.broken.insert("usage unit");
    cx.error("E0103", "`" + v + "` is not a unit " + service + " is metered in", cx.meter_unit->value.span,
             service == "gas" ? "gas is metered in therm, CF, CCF or MCF"
             : service == "electric" ? "electricity is metered in kWh or MWh"
                                  : "water is metered in gal, kgal, CF, CCF or MCF");
    return;
  }
  cx.out.usage_unit = *unit;
}

void check_demand_window(CheckContext& cx, const syntax::MetaDecl& m) {
  // demand_window 15_minutes_fixed | 30_minutes_sliding ... written as a word
  const auto& v = m.value.text;
  std::int32_t minutes = 0;
  std::size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) minutes = minutes * 10 + (v[i++] - '0');
  std::string rest = v.substr(i);
  bool sliding = rest == "min_sliding" || rest == "_min_sliding" || rest == "minute_sliding";
  bool fixed = rest == "min" || rest == "_min" || rest == "min_fixed" || rest == "_min_fixed" || rest == "minute";
  if (minutes <= 0 || 1440 % minutes != 0 || (!sliding && !fixed)) {
    cx.error("E0103", "cannot read the demand window `" + v + "`", m.value.span,
             "write e.g. `demand_window 15min` (fixed blocks) or `demand_window 30min_sliding`");
    return;
  }
  cx.out.demand_window = minutes;
  cx.out.demand_sliding = sliding;
}

}  // namespace

void check_header(CheckContext& cx) {
  const auto& tariff = cx.tariff;
  static const std::vector<std::string> known = {"utility", "service", "currency", "timezone", "effective",
                                                 "expires", "source", "sector", "description", "label",
                                                 "holidays", "proration", "demand_window", "schedule", "uri",
                                                 "season_split", "net_metering", "meter_unit", "billing_cycle"};
  std::set<std::string> seen;
  for (auto& m : tariff.body.meta) {
    const auto& key = m.key.text;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      auto hint = suggest(key, known);
      static const std::vector<std::string> statements = {"charge", "rider", "tax", "credit", "minimum", "season", "period", "rounding"};
      if (hint.empty()) hint = suggest(key, statements);
      cx.error("E0101", "unknown tariff field or statement `" + key + "`", m.key.span,
               hint.empty() ? "known fields: " + join(known) : hint);
      continue;
    }
    if (!seen.insert(key).second) {
      cx.error("E0104", "`" + key + "` is given twice", m.key.span, "keep one");
      continue;
    }
    const auto& v = m.value.text;
    if (key == "utility") cx.out.info.utility = v;
    else if (key == "source") cx.out.info.source = v;
    else if (key == "service") {
      cx.out.info.service = v;
      if (v == "electric") cx.out.usage_unit = Unit::kWh;
      else if (v == "gas") cx.out.usage_unit = Unit::therm;
      else if (v == "water" || v == "sewer") cx.out.usage_unit = Unit::gal;
      else {
        cx.broken.insert("usage unit");   // its charges on usage cannot be checked against a unit
        cx.error("E0103", "unknown service `" + v + "`", m.value.span, "use electric, gas, water or sewer");
      }
    } else if (key == "currency") {
      bool ok = v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      if (!ok) cx.error("E0103", "`" + v + "` is not a currency code", m.value.span, "use an ISO 4217 code such as USD");
      cx.out.info.currency = v;
    } else if (key == "timezone") {
      cx.out.zone = TimeZone::locate(v);
      if (!cx.out.zone) cx.error("E0103", "unknown time zone `" + v + "`", m.value.span, "use an IANA zone name such as \"America/New_York\"");
      cx.out.info.time_zone = v;
    } else if (key == "effective" || key == "expires") {
      auto d = parse_date(v);
      if (m.value.kind != syntax::MetaValue::Kind::date || !d) {
        cx.error("E0103", "`" + key + "` needs a date as YYYY-MM-DD", m.value.span);
      } else if (key == "effective") {
        cx.out.info.effective = *d;
      } else {
        cx.out.info.expires = *d;
      }
    } else if (key == "holidays") {
      cx.holidays_name = v;
      cx.holidays_span = m.value.span;
    } else if (key == "proration") {
      if (v == "none") cx.out.proration = graph::Proration::none;
      else if (v == "days_over_30") cx.out.proration = graph::Proration::days_over_30;
      else if (v == "days_over_days_in_month") cx.out.proration = graph::Proration::days_over_days_in_month;
      else cx.error("E0103", "unknown proration `" + v + "`", m.value.span, "use none, days_over_30 or days_over_days_in_month");
    } else if (key == "season_split") {
      if (v != "intervals" && v != "days")
        cx.error("E0103", "unknown season split `" + v + "`", m.value.span,
                 "`season_split intervals` splits usage by interval timestamps, `season_split days` by days");
      cx.out.season_split_days = v == "days";
    } else if (key == "demand_window") {
      check_demand_window(cx, m);
    } else if (key == "net_metering") {
      if (v == "per_period") cx.out.net_metering = graph::NetMetering::per_period;
      else if (v == "per_tou_period") cx.out.net_metering = graph::NetMetering::per_tou_period;
      else if (v == "per_interval") cx.out.net_metering = graph::NetMetering::per_interval;
      else cx.error("E0103", "unknown net metering `" + v + "`", m.value.span,
                    "`net_metering per_period` nets over the billing period, `per_tou_period` within each TOU period, `per_interval` within each interval");
      if (cx.out.net_metering != graph::NetMetering::none) cx.out.net_metering_span = m.value.span;
    } else if (key == "meter_unit") {
      cx.meter_unit = &m;
    } else if (key == "billing_cycle") {
      read_billing_cycle(cx, m);
    }
  }
  auto require = [&](const char* key, const char* example) {
    if (!seen.count(key))
      cx.error("E0102", std::string("the tariff does not say its `") + key + "`", tariff.name_span,
               std::string("add `") + example + "` to the tariff block");
  };
  require("currency", "currency USD");
  require("timezone", "timezone \"America/New_York\"");
  require("effective", "effective 2024-01-01");
  if (cx.out.info.service.empty()) cx.out.info.service = "electric";
  check_meter_unit(cx);
  if (cx.out.info.expires.ok() && cx.out.info.effective.ok() && std::chrono::sys_days{cx.out.info.expires} <= std::chrono::sys_days{cx.out.info.effective})
    cx.error("E0103", "the tariff expires before it takes effect", tariff.name_span);
}

}  // namespace rateline::check
