// The C API through librateline_c.so: compiling, diagnostics as records and text, usage
// from arrays and files, bills with accounts and policies, and every kind of bad input
// (NULL, freed and wrong-kind handles, arrays of different lengths) as a status + reason.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "c_api_support.hpp"

#include <cstring>
#include <string>
#include <vector>

using namespace c_api_test;

TEST_CASE("c_api: the version call agrees with the header") {
  CHECK(std::string(rl_version()) == RL_VERSION_STRING);
  CHECK(rl_version_number() == RL_VERSION_MAJOR * 10000 + RL_VERSION_MINOR * 100 + RL_VERSION_PATCH);
  CHECK(std::string(rl_status_name(RL_INVALID_HANDLE)) == "RL_INVALID_HANDLE");
}

TEST_CASE("c_api: a tariff file compiles and its header fields and DOT graph read back") {
  Tariff t = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  REQUIRE(t.get() != nullptr);
  CHECK(std::string(rl_tariff_time_zone(t.get())) == "America/New_York");
  CHECK(std::string(rl_tariff_currency(t.get())) == "USD");
  CHECK(std::string(rl_tariff_name(t.get())).size() > 0);
  char* dot = nullptr;
  REQUIRE(rl_tariff_dot(t.get(), &dot) == RL_OK);
  CHECK(std::string(dot).rfind("digraph rate_graph", 0) == 0);
  rl_string_free(dot);
}

TEST_CASE("c_api: a tariff with errors gives RL_DIAGNOSTICS, records and rendered text") {
  rl_tariff* tariff = reinterpret_cast<rl_tariff*>(1);
  rl_diagnostics* diagnostics = nullptr;
  CHECK(rl_compile_file(path("tests/data/tariffs/bad_unit.tariff").c_str(), &tariff, &diagnostics) == RL_DIAGNOSTICS);
  CHECK(tariff == nullptr);
  CHECK(std::string(rl_last_error()) == "the tariff has errors (see the diagnostics)");
  REQUIRE(rl_diagnostics_count(diagnostics) >= 1);
  CHECK(rl_diagnostics_has_errors(diagnostics) == 1);
  rl_diagnostic d;
  REQUIRE(rl_diagnostics_get(diagnostics, 0, &d) == RL_OK);
  CHECK(d.severity == RL_SEVERITY_ERROR);
  CHECK(std::string(d.code) == "E0301");
  CHECK(std::string(d.file).find("bad_unit.tariff") != std::string::npos);
  CHECK(d.line == 7);
  CHECK(d.column == 49);
  CHECK(std::string(d.message) == "a $/kW price cannot apply to energy (kWh)");
  CHECK(std::string(rl_diagnostics_text(diagnostics)).find("bad_unit.tariff:7:49: error[E0301]: a $/kW price cannot apply to energy (kWh)") !=
        std::string::npos);
  CHECK(rl_diagnostics_get(diagnostics, 99, &d) == RL_OUT_OF_RANGE);
  rl_diagnostics_free(diagnostics);
}

TEST_CASE("c_api: a file that cannot be read is RL_IO_ERROR") {
  rl_tariff* tariff = nullptr;
  CHECK(rl_compile_file("/no/such/file.tariff", &tariff, nullptr) == RL_IO_ERROR);
  CHECK(std::string(rl_last_error()).find("/no/such/file.tariff") != std::string::npos);
}

namespace {
struct Bundle {
  std::string path, text;
  int calls = 0;
};
int resolve(void* user_data, const char* importing, const char* import, rl_import* out) {
  auto* bundle = static_cast<Bundle*>(user_data);
  ++bundle->calls;
  if (std::string(import) != "../../calendars/nerc.calendar" || std::string(importing) != "db:imports") return 0;
  out->path = bundle->path.c_str();
  out->text = bundle->text.data();
  out->text_length = bundle->text.size();
  return 1;
}
int resolve_nothing(void*, const char*, const char*, rl_import*) { return 0; }
}  // namespace

TEST_CASE("c_api: compiling text takes its imports from the resolver") {
  std::string text = read(path("examples/language/imports.tariff"));
  Bundle bundle{"db:nerc.calendar", read(path("calendars/nerc.calendar"))};
  rl_tariff* tariff = nullptr;
  rl_diagnostics* diagnostics = nullptr;
  CHECK(rl_compile_text("db:imports", text.data(), text.size(), resolve, &bundle, &tariff, &diagnostics) == RL_OK);
  CHECK(bundle.calls == 1);
  CHECK(tariff != nullptr);
  rl_tariff_free(tariff);
  rl_diagnostics_free(diagnostics);

  CHECK(rl_compile_text("db:imports", text.data(), text.size(), resolve_nothing, nullptr, &tariff, &diagnostics) == RL_DIAGNOSTICS);
  rl_diagnostic d;
  REQUIRE(rl_diagnostics_get(diagnostics, 0, &d) == RL_OK);
  CHECK(std::string(d.code) == "E0002");
  CHECK(std::string(d.message) == "cannot find `../../calendars/nerc.calendar` (the import resolver has no such file)");
  CHECK(std::string(d.file) == "db:imports");
  CHECK(d.line == 4);
  rl_diagnostics_free(diagnostics);
}

TEST_CASE("c_api: usage from decimal strings and from scaled integers bill the same, exactly") {
  Tariff t = compile(path("examples/language/by_attribute.tariff"));
  auto starts = july_hours();
  std::vector<std::string> strings(starts.size(), "1.000");
  std::vector<const char*> values;
  for (auto& s : strings) values.push_back(s.c_str());
  std::vector<int64_t> scaled(starts.size(), 1000);
  rl_usage* from_strings = nullptr;
  rl_usage* from_scaled = nullptr;
  REQUIRE(rl_usage_from_strings(starts.data(), starts.size(), values.data(), values.size(), 0, "kWh", RL_GAPS_ERROR, &from_strings) == RL_OK);
  REQUIRE(rl_usage_from_scaled(starts.data(), starts.size(), scaled.data(), scaled.size(), 3, 60, "kWh", RL_GAPS_ERROR, &from_scaled) == RL_OK);
  rl_attribute attributes[] = {{"meter_size", "in_1"}, {"location", "inside_city"}};
  rl_account account{};
  account.attributes = attributes;
  account.attribute_count = 2;
  Bill a = bill(t.get(), from_strings, {2024, 7, 1}, {2024, 8, 1}, &account, nullptr);
  Bill b = bill(t.get(), from_scaled, {2024, 7, 1}, {2024, 8, 1}, &account, nullptr);
  REQUIRE(a.get() != nullptr);
  REQUIRE(b.get() != nullptr);
  CHECK(std::string(rl_bill_total(a.get())) == "94.40");
  CHECK(json(a.get()) == json(b.get()));
  REQUIRE(rl_bill_line_item_count(a.get()) == 2);
  rl_line_item item;
  REQUIRE(rl_bill_line_item(a.get(), 1, &item) == RL_OK);
  CHECK(std::string(item.id) == "energy");
  CHECK(std::string(item.kind) == "energy");
  CHECK(std::string(item.quantity) == "744.000");
  CHECK(std::string(item.unit) == "kWh");
  CHECK(std::string(item.rate) == "0.10");
  CHECK(std::string(item.rate_unit) == "$/kWh");
  CHECK(std::string(item.amount) == "74.40");
  CHECK(item.trace_count == 0);
  rl_usage_free(from_strings);
  rl_usage_free(from_scaled);
}

TEST_CASE("c_api: an account missing an attribute the tariff needs is a diagnostic") {
  Tariff t = compile(path("examples/language/by_attribute.tariff"));
  Usage u = july_usage();
  rl_bill* out = nullptr;
  rl_diagnostics* diagnostics = nullptr;
  CHECK(rl_bill_period(t.get(), u.get(), {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr, &out, &diagnostics) == RL_DIAGNOSTICS);
  CHECK(out == nullptr);
  CHECK(std::string(rl_diagnostics_text(diagnostics)).find("location") != std::string::npos);
  rl_diagnostics_free(diagnostics);
}

TEST_CASE("c_api: bad usage arrays are RL_INVALID_ARGUMENT naming the element") {
  int64_t starts[] = {1719806400, 1719810000, 1719813600};
  const char* values[] = {"1", "2"};
  rl_usage* u = nullptr;
  CHECK(rl_usage_from_strings(starts, 3, values, 2, 0, "kWh", RL_GAPS_ERROR, &u) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "starts has 3 elements but values has 2: one value per interval start");
  const char* bad[] = {"1", "1,5", "2"};
  CHECK(rl_usage_from_strings(starts, 3, bad, 3, 0, "kWh", RL_GAPS_ERROR, &u) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "values[1] = \"1,5\" is not a decimal number");
  const char* ok[] = {"1", "2", "3"};
  CHECK(rl_usage_from_strings(starts, 3, ok, 3, 0, "therm", RL_GAPS_ERROR, &u) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "unit \"therm\" is not an interval unit (give \"kWh\" or \"kW\")");
  int64_t gap[] = {1719806400, 1719810000, 1719817200};
  CHECK(rl_usage_from_strings(gap, 3, ok, 3, 0, "kWh", RL_GAPS_ERROR, &u) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "no value for the interval starting 2024-07-01T06:00:00Z (a gap; pass RL_GAPS_ZERO to bill it as zero)");
  CHECK(rl_usage_from_strings(gap, 3, ok, 3, 0, "kWh", RL_GAPS_ZERO, &u) == RL_OK);
  rl_usage_free(u);
  int64_t twice[] = {1719806400, 1719806400, 1719810000};
  CHECK(rl_usage_from_strings(twice, 3, ok, 3, 0, "kWh", RL_GAPS_ERROR, &u) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "starts[0] and starts[1] are both 2024-07-01T04:00:00Z (an interval given twice)");
  int64_t scaled[] = {1, 2, 3};
  CHECK(rl_usage_from_scaled(starts, 3, scaled, 3, 19, 60, "kWh", RL_GAPS_ERROR, &u) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "scale 19 is not 0..18");
  CHECK(rl_usage_from_strings(starts, 3, ok, 3, 0, "kWh", RL_GAPS_ERROR, nullptr) == RL_INVALID_ARGUMENT);
}

TEST_CASE("c_api: NULL, freed and wrong-kind handles are RL_INVALID_HANDLE, never a crash") {
  CHECK(rl_bill_total(nullptr) == nullptr);
  CHECK(std::string(rl_last_error()) == "bill is NULL");
  rl_bill* out = nullptr;
  Usage u = july_usage();
  CHECK(rl_bill_period(nullptr, u.get(), {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr, &out, nullptr) == RL_INVALID_HANDLE);
  CHECK(std::string(rl_last_error()) == "tariff is NULL");

  rl_tariff* tariff = nullptr;
  REQUIRE(rl_compile_file(path("examples/language/by_attribute.tariff").c_str(), &tariff, nullptr) == RL_OK);
  rl_tariff_free(tariff);
  CHECK(rl_tariff_name(tariff) == nullptr);
  CHECK(std::string(rl_last_error()) == "tariff is not a live handle (already freed, or not one of its kind)");
  rl_tariff_free(tariff);  // a second free is reported, not a double free
  CHECK(std::string(rl_last_error()) == "tariff is not a live handle (already freed, or not one of its kind)");

  auto* not_a_tariff = reinterpret_cast<const rl_tariff*>(u.get());
  CHECK(rl_tariff_dot(not_a_tariff, nullptr) == RL_INVALID_HANDLE);
  CHECK(rl_bill_period(reinterpret_cast<const rl_tariff*>(u.get()), u.get(), {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr, &out, nullptr) ==
        RL_INVALID_HANDLE);
}

TEST_CASE("c_api: a bad date or an empty period is RL_INVALID_ARGUMENT") {
  Tariff t = compile(path("examples/language/by_attribute.tariff"));
  Usage u = july_usage();
  rl_bill* out = nullptr;
  CHECK(rl_bill_period(t.get(), u.get(), {2024, 13, 1}, {2024, 8, 1}, nullptr, nullptr, &out, nullptr) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "from is not a date: 2024-13-1");
  CHECK(rl_bill_period(t.get(), u.get(), {2024, 8, 1}, {2024, 7, 1}, nullptr, nullptr, &out, nullptr) == RL_INVALID_ARGUMENT);
  CHECK(std::string(rl_last_error()) == "the period is empty: `to` must come after `from`");
}

// An rl_format value the header does not define, as a C caller could pass.
static rl_format bad_format() {
  int value = 42;
  rl_format format;
  std::memcpy(&format, &value, sizeof format);
  return format;
}

TEST_CASE("c_api: the coverage policy, the trace, the notes and the formats") {
  Tariff t = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  Usage u = csv_usage(path("examples/usage/georgia_tou_2024-07_10.csv"), t.get());
  rl_bill* out = nullptr;
  rl_diagnostics* diagnostics = nullptr;
  CHECK(rl_bill_period(t.get(), u.get(), {2024, 6, 1}, {2024, 8, 1}, nullptr, nullptr, &out, &diagnostics) == RL_DIAGNOSTICS);
  CHECK(std::string(rl_diagnostics_text(diagnostics)).find("error[B0005]") != std::string::npos);
  rl_diagnostics_free(diagnostics);

  rl_bill_options options{};
  options.coverage = RL_COVERAGE_BILL_AVAILABLE;
  options.trace = 1;
  Bill b = bill(t.get(), u.get(), {2024, 6, 1}, {2024, 8, 1}, nullptr, &options);
  REQUIRE(b.get() != nullptr);
  CHECK(sum_of_amounts(b.get()) == std::string(rl_bill_total(b.get())));
  rl_line_item item;
  REQUIRE(rl_bill_line_item(b.get(), 0, &item) == RL_OK);
  CHECK(item.trace_count > 0);
  CHECK(rl_bill_line_item_trace(b.get(), 0, 0) != nullptr);
  CHECK(rl_bill_line_item_trace(b.get(), 0, item.trace_count) == nullptr);
  CHECK(rl_bill_line_item(b.get(), 999, &item) == RL_OUT_OF_RANGE);
  rl_date from, to;
  REQUIRE(rl_bill_dates(b.get(), &from, &to) == RL_OK);
  CHECK(from.month == 6);
  CHECK(to.month == 8);
  const rl_diagnostics* notes = rl_bill_notes(b.get());
  REQUIRE(notes != nullptr);
  rl_diagnostics_free(const_cast<rl_diagnostics*>(notes));  // refused: the bill owns them
  CHECK(std::string(rl_last_error()) == "diagnostics belong to a bill (rl_bill_notes): they are freed with it");
  CHECK(rl_diagnostics_count(notes) == rl_diagnostics_count(rl_bill_notes(b.get())));
  char* text = nullptr;
  REQUIRE(rl_bill_format(b.get(), RL_FORMAT_CSV, &text) == RL_OK);
  CHECK(std::string(text).rfind("from,to,id,label,kind,quantity,unit,rate,rate_unit,amount", 0) == 0);
  rl_string_free(text);
  CHECK(rl_bill_format(b.get(), bad_format(), &text) == RL_INVALID_ARGUMENT);
}

TEST_CASE("c_api: a monthly cycle gives one bill per month") {
  Tariff t = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  Usage u = csv_usage(path("examples/usage/georgia_tou_2024-07_10.csv"), t.get());
  rl_bill** bills = nullptr;
  size_t count = 0;
  REQUIRE(rl_bill_cycle(t.get(), u.get(), {2024, 7, 1}, {2024, 10, 1}, nullptr, nullptr, &bills, &count, nullptr) == RL_OK);
  REQUIRE(count == 3);
  rl_date from;
  REQUIRE(rl_bill_dates(bills[2], &from, nullptr) == RL_OK);
  CHECK(from.month == 9);
  rl_bills_free(bills, count);
}

TEST_CASE("c_api: register reads bill an estimated read") {
  Tariff t = compile(path("tariffs/willmar-residential.tariff"));
  rl_usage* reads = nullptr;
  REQUIRE(rl_usage_from_register_reads(path("tests/data/reads_july.csv").c_str(), "kWh", &reads, nullptr) == RL_OK);
  Bill b = bill(t.get(), reads, {2024, 7, 1}, {2024, 8, 1}, nullptr, nullptr);
  REQUIRE(b.get() != nullptr);
  CHECK(std::string(rl_bill_total(b.get())) == "114.26");
  CHECK(rl_bill_estimated(b.get()) == 1);
  rl_usage_free(reads);
}
