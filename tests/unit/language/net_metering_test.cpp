// Net metering and the meter's other channels: received (exported) energy credited as
// the tariff's `net_metering` rule says, and reactive energy (kVARh) priced as metered
// (docs/language.md, "Net metering" and "Reactive energy").
//
// Usage: July 2024 in America/New_York, hourly. Delivered 1 kWh every hour (744 kWh);
// received R kWh in each hour starting 10:00, 11:00, 12:00 and 13:00 (4 × 31 = 124 hours),
// 0 otherwise. With R = 3: received 372 kWh; each of those hours nets 1 − 3 = −2 kWh, the
// other 20 hours a day +1 kWh.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace rateline;
using rateline::test::graph_of;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::find_item;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;
using rateline::test::tariff_text;

namespace {

bool solar_hour(std::chrono::local_seconds t) {
  auto h = std::chrono::hh_mm_ss{t - std::chrono::floor<std::chrono::days>(t)}.hours().count();
  return h >= 10 && h <= 13;
}

// delivered 1 kWh an hour; received `r` (at `scale` decimals) in the solar hours; reactive 0.5 kVARh an hour
IntervalUsage solar(std::int64_t r, int scale = 0, bool received = true, bool reactive = false) {
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](auto, auto) { return 1; });
  if (received)
    usage.received = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, scale,
                               [&](auto, auto t) { return solar_hour(t) ? r : 0; }).delivered;
  if (reactive) {
    usage.reactive = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 1, [](auto, auto) { return 5; }).delivered;
    usage.reactive->unit = Unit::kVARh;
  }
  return usage;
}

Bill july(const RateGraph& g, const IntervalUsage& usage, bool trace = false) {
  BillOptions options;
  options.trace = trace;
  return bill_or_fail(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1), Account{}, options);
}

std::string amount(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  return li ? li->amount.to_string() : "(no line " + id + ")";
}
std::string quantity(const Bill& b, const std::string& id) {
  auto* li = find_item(b, id);
  return li ? li->quantity.to_string() : "(no line " + id + ")";
}

std::string flat(const std::string& netting) {
  return netting + R"(
    charge basic "Customer Charge": 10.00 $/month
    charge energy "Energy Charge" on energy: 0.10 $/kWh
    credit export "Excess Generation Credit" on received_energy: -0.03 $/kWh)";
}

}  // namespace

TEST_CASE("net metering: without a netting rule, energy is delivered and received energy is priced as read") {
  auto b = july(graph_of(flat("")), solar(3));
  CHECK(quantity(b, "energy") == "744");      // delivered
  CHECK(amount(b, "energy") == "74.40");      // 744 × 0.10
  CHECK(quantity(b, "export") == "372");      // 3 × 4 × 31 received
  CHECK(amount(b, "export") == "-11.16");     // 372 × −0.03
  CHECK(find_item(b, "export")->kind == LineKind::credit);
  CHECK(b.total.to_string() == "73.24");      // 10.00 + 74.40 − 11.16
}

TEST_CASE("net metering per billing period: a positive net is energy, a negative net the excess credited") {
  auto g = graph_of(flat("net_metering per_period"));
  auto b = july(g, solar(3), true);
  CHECK(quantity(b, "energy") == "372");      // 744 − 372
  CHECK(amount(b, "energy") == "37.20");      // 372 × 0.10
  CHECK(quantity(b, "export") == "0");        // no excess
  CHECK(amount(b, "export") == "0.00");
  CHECK(b.total.to_string() == "47.20");      // 10.00 + 37.20
  auto& trace = find_item(b, "energy")->trace;
  CHECK(std::find(trace.begin(), trace.end(), "net metering per billing period: delivered 744 kWh − received 372 kWh = 372 kWh; billed 372 kWh") !=
        trace.end());
  // R = 7: received 7 × 124 = 868 kWh; net 744 − 868 = −124 → no energy, 124 kWh × −0.03 = −3.72
  auto excess = july(g, solar(7));
  CHECK(quantity(excess, "energy") == "0");
  CHECK(amount(excess, "energy") == "0.00");
  CHECK(quantity(excess, "export") == "124");
  CHECK(amount(excess, "export") == "-3.72");
  CHECK(excess.total.to_string() == "6.28");  // 10.00 + 0 − 3.72
}

TEST_CASE("net metering per interval: each hour's net is consumption or export") {
  auto g = graph_of(flat("net_metering per_interval"));
  // R = 3: 20 hours × 31 days = 620 kWh consumed; solar hours export 2 × 124 = 248 kWh (620 − 248 = 744 − 372)
  auto b = july(g, solar(3));
  CHECK(quantity(b, "energy") == "620");
  CHECK(amount(b, "energy") == "62.00");      // 620 × 0.10
  CHECK(quantity(b, "export") == "248");
  CHECK(amount(b, "export") == "-7.44");      // 248 × −0.03
  CHECK(b.total.to_string() == "64.56");      // 10.00 + 62.00 − 7.44
  // the received channel at two decimals (3.00 kWh written 300 at scale 2) nets the same, exactly
  auto scaled = july(g, solar(300, 2));
  CHECK(quantity(scaled, "energy") == "620.00");
  CHECK(quantity(scaled, "export") == "248.00");
  CHECK(scaled.total.to_string() == "64.56");
}

TEST_CASE("net metering per TOU period: each period nets on its own") {
  auto tou = R"(
    period day "Day": 09:00-15:00
    period night "Night": otherwise
    charge basic "Customer Charge": 10.00 $/month
    charge energy "Energy Charge" on energy: by period { day: 0.15 $/kWh  night: 0.08 $/kWh }
    credit export "Excess Generation Credit" on received_energy: -0.03 $/kWh)";
  // day (hours 9..14): delivered 6 × 31 = 186, received 12 × 31 = 372 → net −186: no day energy, 186 kWh excess
  // night: delivered 18 × 31 = 558, received 0 → 558 kWh × 0.08 = 44.64
  auto b = july(graph_of(std::string("net_metering per_tou_period") + tou), solar(3));
  CHECK(quantity(b, "energy.day") == "0");
  CHECK(amount(b, "energy.day") == "0.00");
  CHECK(quantity(b, "energy.night") == "558");
  CHECK(amount(b, "energy.night") == "44.64");
  CHECK(quantity(b, "export") == "186");
  CHECK(amount(b, "export") == "-5.58");      // 186 × −0.03
  CHECK(b.total.to_string() == "49.06");      // 10.00 + 0 + 44.64 − 5.58
  // the same tariff netted per interval: day hours 9 and 14 consume 1 each (62 kWh), 10..13 export 2 each (248 kWh)
  auto hourly = july(graph_of(std::string("net_metering per_interval") + tou), solar(3));
  CHECK(quantity(hourly, "energy.day") == "62");
  CHECK(amount(hourly, "energy.day") == "9.30");      // 62 × 0.15
  CHECK(amount(hourly, "energy.night") == "44.64");   // 558 × 0.08
  CHECK(amount(hourly, "export") == "-7.44");         // 248 × −0.03
  CHECK(hourly.total.to_string() == "56.50");         // 10.00 + 9.30 + 44.64 − 7.44
}

TEST_CASE("reactive energy is priced as metered, in kVARh") {
  auto g = graph_of(R"(
    charge energy "Energy Charge" on energy: 0.10 $/kWh
    charge kvarh "Reactive Energy Charge" on reactive_energy: 0.002 $/kVARh)");
  auto b = july(g, solar(3, 0, false, true));
  CHECK(quantity(b, "kvarh") == "372.0");     // 0.5 × 744
  CHECK(find_item(b, "kvarh")->unit == "kVARh");
  CHECK(amount(b, "kvarh") == "0.74");        // 372 × 0.002 = 0.744
  CHECK(b.total.to_string() == "75.14");      // 74.40 + 0.74
}

TEST_CASE("net metering: usage without the channel a tariff bills is refused") {
  auto codes = [](const BillResult& r) {
    std::vector<std::string> out;
    for (auto& d : r.diagnostics) out.push_back(d.code + " " + d.message);
    return out;
  };
  BillingPeriod july_period{ymd(2024, 7, 1), ymd(2024, 8, 1)};
  auto no_received = solar(3, 0, false);
  CHECK(codes(bill(graph_of(flat("net_metering per_period")), no_received, july_period, Account{}, BillOptions{})) ==
        std::vector<std::string>{"B0040 the tariff bills received energy (net metering), but the usage test has no received channel"});
  CHECK(codes(bill(graph_of(flat("")), no_received, july_period, Account{}, BillOptions{})) ==
        std::vector<std::string>{"B0040 the tariff bills received energy (a charge on received_energy), but the usage test has no received channel"});
  auto reactive = graph_of(R"(charge kvarh "Reactive" on reactive_energy: 0.002 $/kVARh)");
  CHECK(codes(bill(reactive, no_received, july_period, Account{}, BillOptions{})) ==
        std::vector<std::string>{"B0041 the tariff bills reactive energy, but the usage test has no kvarh channel"});
  // a delivered-only tariff does not look at the other channels
  auto plain = graph_of(R"(charge energy "Energy" on energy: 0.10 $/kWh)");
  CHECK(bill(plain, no_received, july_period, Account{}, BillOptions{}).bill.has_value());
  auto short_channel = solar(3);
  short_channel.received->values.pop_back();
  CHECK(codes(bill(graph_of(flat("net_metering per_interval")), short_channel, july_period, Account{}, BillOptions{})) ==
        std::vector<std::string>{"B0042 a channel of the usage test is not on the delivered energy's intervals"});
}

TEST_CASE("check: net metering refuses prices finer than its netting, and chronological tiers on netted energy") {
  auto check = [](const std::string& body) {
    return summary(compile_text(tariff_text(body)).diagnostics);
  };
  CHECK(check(" net_metering yearly\n") == std::vector<std::string>{"E0103 5:15 unknown net metering `yearly`"});
  CHECK(check(" net_metering per_period\n period day: 09:00-15:00\n period night: otherwise\n"
              " charge energy \"Energy\" on energy: by period { day: 0.15 $/kWh  night: 0.08 $/kWh }\n") ==
        std::vector<std::string>{
            "E0920 8:48 with `net_metering per_period` net energy is netted over the whole billing period and has no share in `day`",
            "E0920 8:65 with `net_metering per_period` net energy is netted over the whole billing period and has no share in `night`"});
  CHECK(check(" net_metering per_period\n period day: 09:00-15:00\n period night: otherwise\n"
              " credit export \"Export\" on received_energy in day: -0.03 $/kWh\n") ==
        std::vector<std::string>{
            "W0502 7:9 period `night` is not priced by any charge",
            "E0920 8:47 with `net_metering per_period` the excess received energy is netted over the whole billing period and has no share in `day`"});
  CHECK(check(" net_metering per_interval\n period day: 09:00-15:00\n period night: otherwise\n"
              " charge energy \"Energy\" on energy: tiers chronological { first 500 kWh: day 0.15 $/kWh, night 0.08 $/kWh"
              "  above: day 0.20 $/kWh, night 0.10 $/kWh }\n") ==
        std::vector<std::string>{"E0920 8:42 chronological tiers fill with each interval's delivered energy and cannot bill net energy"});
}

TEST_CASE("net metering: per_tou_period nets in the main periods only, register reads carry no channels") {
  auto check = [](const std::string& body) {
    return summary(compile_text(tariff_text(body)).diagnostics);
  };
  CHECK(check(" net_metering per_tou_period\n period day: 09:00-15:00\n period night: otherwise\n"
              " time_of_use demand_periods { period dpk: weekday 13:00-18:00  period doff: otherwise }\n"
              " charge energy \"Energy\" on energy: 0.10 $/kWh\n"
              " credit export \"Export\" on received_energy in dpk: -0.03 $/kWh\n") ==
        std::vector<std::string>{
            "W0502 6:9 period `day` is not priced by any charge",
            "W0502 7:9 period `night` is not priced by any charge",
            "W0502 8:71 period `doff` is not priced by any charge",
            "E0920 10:47 with `net_metering per_tou_period` the excess received energy is netted within the tariff's main TOU periods; "
            "`dpk` belongs to the group `demand_periods`"});
  auto reads = read_register_reads("meter,read_date,reading,dials,multiplier,type\nM1,2024-07-01,04210,5,1,actual\nM1,2024-08-01,05110,5,1,actual\n",
                                   "reads.csv", Unit::kWh);
  REQUIRE(reads.usage.has_value());
  auto result = bill_periods(graph_of(flat("net_metering per_period")), *reads.usage, {{ymd(2024, 7, 1), ymd(2024, 8, 1)}}, Account{}, BillOptions{});
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "B0021");
  CHECK(result.diagnostics[0].message == "this tariff bills received, reactive or kVA quantities, which register reads cannot give");
}
