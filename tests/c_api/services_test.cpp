// The C API with a tariff of several services (Salem VA: electric, water, sewer on the
// water meter, solid waste on no meter): its services read back, one bill from the usage of
// each meter equal to the sheet's worked August 2022 bill (tests/bills/salem-va-residential-
// utilities/august-2022-four-services.toml: $241.35), each service's part, and the
// mistakes a caller can make (one usage for several services, a meter missing, twice or
// unknown) as a status or a diagnostic.
#include <doctest/doctest.h>

#include "c_api_support.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace c_api_test;

namespace {

const char* const salem = "tariffs/salem-va-residential-utilities.tariff";

// A register-reads file of one meter in a fresh folder: reads on the given dates.
struct ReadsFile {
  std::filesystem::path file;
  ReadsFile(const std::string& name, const std::vector<std::pair<std::string, long>>& reads) {
    auto dir = std::filesystem::temp_directory_path() / ("rateline_c_api_services_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    file = dir / (name + ".csv");
    std::ofstream out(file);
    out << "meter,read_date,reading,dials,multiplier,type\n";
    for (auto& [date, reading] : reads) out << name << "," << date << "," << reading << ",7,1,actual\n";
  }
  // the folder too once no other file of this process is in it (removing a full folder fails
  // quietly), so test runs leave nothing in the temporary directory
  ~ReadsFile() {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    std::filesystem::remove(file.parent_path(), ec);
  }
};

Usage reads(const ReadsFile& f, const char* unit) {
  rl_usage* u = nullptr;
  rl_diagnostics* d = nullptr;
  rl_status status = rl_usage_from_register_reads(f.file.c_str(), unit, &u, &d);
  INFO(rl_last_error() << (d ? rl_diagnostics_text(d) : ""));
  CHECK(status == RL_OK);
  rl_diagnostics_free(d);
  return Usage(u);
}

std::vector<std::string> codes(rl_diagnostics* d) {
  std::vector<std::string> out;
  for (size_t i = 0; i < rl_diagnostics_count(d); ++i) {
    rl_diagnostic r;
    rl_diagnostics_get(d, i, &r);
    out.push_back(r.code);
  }
  return out;
}

}  // namespace

TEST_CASE("c_api services: a tariff of several services compiles and lists its services") {
  Tariff t = compile(path(salem));
  REQUIRE(t.get() != nullptr);
  REQUIRE(rl_tariff_service_count(t.get()) == 4);
  std::vector<std::string> ids, meters;
  std::vector<int> needs;
  for (size_t i = 0; i < 4; ++i) {
    rl_service s;
    REQUIRE(rl_tariff_service(t.get(), i, &s) == RL_OK);
    ids.push_back(s.id), meters.push_back(s.meter), needs.push_back(s.needs_usage);
  }
  CHECK(ids == std::vector<std::string>{"electric", "water", "sewer", "solid_waste"});
  CHECK(meters == std::vector<std::string>{"electric", "water", "water", "solid_waste"});  // sewer: `meter water`
  CHECK(needs == std::vector<int>{1, 1, 1, 0});                                               // solid waste: fixed charges only
  rl_service s;
  CHECK(rl_tariff_service(t.get(), 4, &s) == RL_OUT_OF_RANGE);
  CHECK(std::string(rl_tariff_time_zone(t.get())) == "America/New_York");
  char* dot = nullptr;
  REQUIRE(rl_tariff_dot(t.get(), &dot) == RL_OK);
  std::string text = dot;
  rl_string_free(dot);
  size_t graphs = 0;
  for (auto at = text.find("digraph"); at != std::string::npos; at = text.find("digraph", at + 1)) ++graphs;
  CHECK(graphs == 4);  // one per service

  Tariff one = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  CHECK(rl_tariff_service_count(one.get()) == 0);
  CHECK(rl_tariff_service(one.get(), 0, &s) == RL_OUT_OF_RANGE);
}

TEST_CASE("c_api services: one bill from each meter's reads is the sheet's $241.35, with each service's part") {
  Tariff t = compile(path(salem));
  ReadsFile electric_file("electric", {{"2022-08-01", 41000}, {"2022-09-01", 42000}});  // 1,000 kWh
  ReadsFile water_file("water", {{"2022-08-01", 412300}, {"2022-09-01", 418800}});      // 6,500 gallons
  Usage electric = reads(electric_file, "kWh"), water = reads(water_file, "gal");
  rl_meter_usage meters[] = {{"electric", electric.get()}, {"water", water.get()}};
  rl_bill* raw = nullptr;
  rl_diagnostics* d = nullptr;
  rl_status status = rl_bill_services_period(t.get(), meters, 2, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &raw, &d);
  INFO(rl_last_error() << (d ? rl_diagnostics_text(d) : ""));
  REQUIRE(status == RL_OK);
  rl_diagnostics_free(d);
  Bill b(raw);
  CHECK(std::string(rl_bill_total(b.get())) == "241.35");
  CHECK(sum_of_amounts(b.get()) == "241.35");

  REQUIRE(rl_bill_service_count(b.get()) == 4);
  std::vector<std::string> parts;
  for (size_t i = 0; i < 4; ++i) {
    rl_service_total part;
    REQUIRE(rl_bill_service_total(b.get(), i, &part) == RL_OK);
    parts.push_back(std::string(part.id) + " " + part.label + " " + part.total);
  }
  // electric 8.25 + 107.50 + 6.29; water 13.51 + 29.00 + 9.06; sewer 22.70 + 35.04; toter 10.00
  CHECK(parts == std::vector<std::string>{"electric Electric 122.04", "water Water 51.57", "sewer Sewer 57.74", "solid_waste Solid Waste 10.00"});
  rl_service_total part;
  CHECK(rl_bill_service_total(b.get(), 4, &part) == RL_OUT_OF_RANGE);

  std::vector<std::string> sewer_lines;
  for (size_t i = 0; i < rl_bill_line_item_count(b.get()); ++i) {
    rl_line_item item;
    REQUIRE(rl_bill_line_item(b.get(), i, &item) == RL_OK);
    if (std::string(rl_bill_line_item_service(b.get(), i)) == "sewer") sewer_lines.push_back(std::string(item.id) + " " + item.amount);
  }
  CHECK(sewer_lines == std::vector<std::string>{"sewer_base 22.70", "sewer_usage 35.04"});  // 6,500 gal x 0.00539 = 35.035, half up
  CHECK(rl_bill_line_item_service(b.get(), 99) == nullptr);

  char* table = nullptr;
  REQUIRE(rl_bill_format(b.get(), RL_FORMAT_TABLE, &table) == RL_OK);
  std::string text = table;
  rl_string_free(table);
  CHECK(text.find("Solid Waste") != std::string::npos);
  CHECK(text.find("241.35") != std::string::npos);
  CHECK(json(b.get()).find("\"service\": \"water\"") != std::string::npos);
}

TEST_CASE("c_api services: a cycle bills each month with every service") {
  Tariff t = compile(path(salem));
  ReadsFile electric_file("electric", {{"2022-08-01", 41000}, {"2022-09-01", 42000}, {"2022-10-01", 42800}});
  ReadsFile water_file("water", {{"2022-08-01", 412300}, {"2022-09-01", 418800}, {"2022-10-01", 430800}});
  Usage electric = reads(electric_file, "kWh"), water = reads(water_file, "gal");
  rl_meter_usage meters[] = {{"water", water.get()}, {"electric", electric.get()}};  // any order
  rl_bill** bills = nullptr;
  size_t count = 0;
  REQUIRE(rl_bill_services_cycle(t.get(), meters, 2, {2022, 8, 1}, {2022, 10, 1}, nullptr, nullptr, &bills, &count, nullptr) == RL_OK);
  REQUIRE(count == 2);
  CHECK(std::string(rl_bill_total(bills[0])) == "241.35");
  for (size_t k = 0; k < count; ++k) {
    CHECK(rl_bill_service_count(bills[k]) == 4);
    CHECK(sum_of_amounts(bills[k]) == std::string(rl_bill_total(bills[k])));
  }
  rl_bills_free(bills, count);
}

TEST_CASE("c_api services: one usage for several services, or per-meter usage for one, is refused with the call to use") {
  Tariff t = compile(path(salem));
  Usage u = july_usage();
  rl_bill* b = reinterpret_cast<rl_bill*>(1);
  CHECK(rl_bill_period(t.get(), u.get(), {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, nullptr) == RL_INVALID_ARGUMENT);
  CHECK(b == nullptr);
  CHECK(std::string(rl_last_error()).find("bills 4 services (electric, water, sewer, solid_waste): bill it with rl_bill_services_period") !=
        std::string::npos);
  rl_bill** bills = nullptr;
  size_t count = 0;
  CHECK(rl_bill_cycle(t.get(), u.get(), {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &bills, &count, nullptr) == RL_INVALID_ARGUMENT);

  Tariff one = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  rl_meter_usage meters[] = {{"electric", u.get()}};
  CHECK(rl_bill_services_period(one.get(), meters, 1, {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr, &b, nullptr) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()).find("has no `service` blocks: bill it with rl_bill_period") != std::string::npos);
}

TEST_CASE("c_api services: a meter missing, unknown, given twice or unnamed") {
  Tariff t = compile(path(salem));
  ReadsFile electric_file("electric", {{"2022-08-01", 41000}, {"2022-09-01", 42000}});
  ReadsFile water_file("water", {{"2022-08-01", 412300}, {"2022-09-01", 418800}});
  Usage electric = reads(electric_file, "kWh"), water = reads(water_file, "gal");
  rl_bill* b = nullptr;
  rl_diagnostics* d = nullptr;

  rl_meter_usage only_electric[] = {{"electric", electric.get()}};
  CHECK(rl_bill_services_period(t.get(), only_electric, 1, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, &d) == RL_DIAGNOSTICS);
  CHECK(b == nullptr);
  CHECK(codes(d) == std::vector<std::string>{"B0070", "B0070"});  // water and sewer both bill the water meter: each says so
  CHECK(std::string(rl_diagnostics_text(d)).find("service sewer is billed on the usage of meter `water`, and none was given") != std::string::npos);
  rl_diagnostics_free(d);

  rl_meter_usage unknown[] = {{"electric", electric.get()}, {"water", water.get()}, {"gas", water.get()}};
  CHECK(rl_bill_services_period(t.get(), unknown, 3, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, &d) == RL_DIAGNOSTICS);
  CHECK(codes(d) == std::vector<std::string>{"B0071"});
  rl_diagnostics_free(d);

  rl_meter_usage twice[] = {{"water", water.get()}, {"water", electric.get()}};
  CHECK(rl_bill_services_period(t.get(), twice, 2, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, nullptr) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "meters[1]: meter `water` is given usage twice");

  rl_meter_usage unnamed[] = {{nullptr, water.get()}};
  CHECK(rl_bill_services_period(t.get(), unnamed, 1, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, nullptr) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "meters[0].meter is NULL");
  rl_meter_usage freed[] = {{"water", reinterpret_cast<const rl_usage*>(8)}};
  CHECK(rl_bill_services_period(t.get(), freed, 1, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, nullptr) == RL_INVALID_HANDLE);
  CHECK(rl_bill_services_period(t.get(), nullptr, 2, {2022, 8, 1}, {2022, 9, 1}, nullptr, nullptr, &b, nullptr) == RL_INVALID_ARGUMENT);
}

TEST_CASE("c_api: a tariff of fixed charges only bills without usage (NULL)") {
  Tariff t = compile(path("examples/language/fixed_charges_only.tariff"));
  Bill b = bill(t.get(), nullptr, {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr);
  REQUIRE(b.get() != nullptr);
  CHECK(std::string(rl_bill_total(b.get())) == "22.25");  // standby 12.50 + area light 9.75
  CHECK(rl_bill_service_count(b.get()) == 0);
  CHECK(std::string(rl_bill_line_item_service(b.get(), 0)) == "");

  Tariff metered = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  rl_bill* raw = nullptr;
  CHECK(rl_bill_period(metered.get(), nullptr, {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr, &raw, nullptr) == RL_INVALID_HANDLE);
  CHECK(std::string(rl_last_error()) == "usage is NULL");
}
