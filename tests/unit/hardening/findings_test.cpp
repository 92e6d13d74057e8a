// Issue 17's findings, each with its minimal input: what used to loop, overflow the stack
// or read without bound now bills correctly or is refused with a located limit error.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include "core/bounded_read.hpp"
#include "eval/determinants.hpp"
#include "import/json_text.hpp"
#include "rateline/register_reads.hpp"
#include "rateline/urdb.hpp"

#include <cstdio>
#include <fstream>
#include <string>

using namespace rateline;
using rateline::test::bill_or_fail;
using rateline::test::compile_text;
using rateline::test::graph_of;
using rateline::test::summary;
using rateline::test::usage_for;
using rateline::test::ymd;

namespace {

std::string header() { return "tariff \"T\" {\n currency USD\n timezone \"UTC\"\n effective 2024-01-01\n"; }

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("finding: demand_window 15min with no demand charge bills hourly usage (was an endless loop)") {
  auto g = graph_of("demand_window 15min\n charge energy \"Energy\" on energy: 0.1 $/kWh");
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](std::size_t, auto) { return 1; });
  auto b = bill_or_fail(g, usage, ymd(2024, 7, 1), ymd(2024, 8, 1));
  CHECK(b.total.to_string() == "74.40");
}

TEST_CASE("finding: demand_series has no series for a window finer than the data") {
  IntervalSeries s;
  s.minutes = 60;
  s.values = {1, 2, 3};
  CHECK(eval::demand_series(s, 15, false).empty());
  CHECK(eval::demand_series(s, 90, true).empty());   // not a multiple either
  CHECK(eval::demand_series(s, 120, false) == std::vector<std::int64_t>{3, 3, 3});
}

TEST_CASE("finding: demand_window 15min with a demand charge on hourly usage is still B0002") {
  auto g = graph_of("demand_window 15min\n charge demand \"Demand\" on demand: 10 $/kW");
  auto usage = usage_for("America/New_York", ymd(2024, 7, 1), ymd(2024, 8, 1), 60, 0, [](std::size_t, auto) { return 1; });
  auto result = bill(g, usage, BillingPeriod{ymd(2024, 7, 1), ymd(2024, 8, 1)}, Account{}, BillOptions{});
  REQUIRE_FALSE(result.bill);
  CHECK(summary(result.diagnostics).front().rfind("B0002", 0) == 0);
}

TEST_CASE("finding: 20,000 nested `by season` is L0003 at the 33rd `{`, not a stack overflow") {
  const std::size_t n = 20'000;
  auto text = header() + " charge energy \"E\" on energy: " + repeat("by season { summer:\n", n) + "0.1 $/kWh\n" +
              repeat("}\n", n) + "}\n";
  auto result = compile_text(text);
  REQUIRE(result.diagnostics.size() == 1);
  const auto& d = result.diagnostics.front();
  CHECK(d.code == "L0003");
  CHECK(d.message == "nesting deeper than 32 levels");
  auto pos = d.span.file->position(d.span.begin);
  // `{` number 33: the tariff's own brace on line 1, then `by season {` from line 5 on
  CHECK(pos.line == 5 + 31);
  CHECK(pos.column == 11);
}

TEST_CASE("finding: 100,000 nested `tiers {` is L0003, not a stack overflow in PEGTL") {
  const std::size_t n = 100'000;
  auto text = header() + " charge energy \"E\" on energy: tiers {\n" + repeat("first 10 kWh tiers {\n", n) + "rest 0.1 $/kWh\n" +
              repeat("}\n", n + 1) + "}\n";
  auto result = compile_text(text);
  REQUIRE_FALSE(result.diagnostics.empty());
  CHECK(result.diagnostics.front().code == "L0003");
  CHECK_FALSE(result.graph);
}

TEST_CASE("finding: JSON nested 10^6 deep is L0003, and its tree is never built") {
  const std::size_t n = 1'000'000;
  auto parsed = urdb::parse_json(std::string(n, '[') + std::string(n, ']'));
  CHECK_FALSE(parsed.value);
  CHECK(parsed.too_deep);
  CHECK(parsed.error_offset == urdb::kMaxJsonDepth);
  auto imported = import_urdb(std::string(n, '[') + std::string(n, ']'), "deep.json", UrdbImportOptions{});
  REQUIRE(imported.diagnostics.size() == 1);
  CHECK(summary(imported.diagnostics).front() == "L0003 1:65 arrays and objects nested deeper than 64 levels");
  // 64 levels are still JSON (and not a rate)
  auto ok = urdb::parse_json(std::string(64, '[') + std::string(64, ']'));
  CHECK(ok.value);
}

TEST_CASE("finding: a JSON number of 1,000 digits is L0007") {
  auto imported = import_urdb("{\"x\": 0." + std::string(1000, '7') + "}", "long.json", UrdbImportOptions{});
  REQUIRE(imported.diagnostics.size() == 1);
  CHECK(summary(imported.diagnostics).front() == "L0007 1:7 a number longer than 100 characters");
  // an integer too large for nlohmann is its I0001, with the number elided in the message
  auto overflow = import_urdb("{\"x\": " + std::string(100'000, '7') + "}", "long.json", UrdbImportOptions{});
  REQUIRE(overflow.diagnostics.size() == 1);
  CHECK(overflow.diagnostics.front().code == "I0001");
  CHECK(overflow.diagnostics.front().message.size() < 300);
}

TEST_CASE("finding: /dev/zero is refused at the limit, not read until memory runs out") {
  auto r = detail::read_bounded("/dev/zero", 1 << 20);
  CHECK(r.too_large);
  CHECK(r.text.empty());
  CHECK(r.size > (1u << 20));
  UsageReadOptions options;
  options.max_file_bytes = 1 << 20;
  auto usage = read_interval_csv_file("/dev/zero", options);
  CHECK_FALSE(usage.usage);
  CHECK(summary(usage.diagnostics) == std::vector<std::string>{"L0001 /dev/zero is larger than the 1 MiB limit for usage files"});
  auto reads = read_register_reads_file("/dev/zero", Unit::kWh, 1 << 20);
  CHECK(summary(reads.diagnostics) == std::vector<std::string>{"L0001 /dev/zero is larger than the 1 MiB limit for register read files"});
  UrdbImportOptions urdb_options;
  urdb_options.max_file_bytes = 1 << 20;
  auto imported = import_urdb_file("/dev/zero", urdb_options);
  CHECK(summary(imported.diagnostics) == std::vector<std::string>{"L0001 /dev/zero is larger than the 1 MiB limit for URDB JSON"});
  const auto before = SourceFile::max_load_bytes();
  SourceFile::set_max_load_bytes(1 << 20);
  CHECK_THROWS_WITH(SourceFile::load("/dev/zero"),
                    "/dev/zero: error[L0001]: the file is larger than the 1 MiB limit for tariffs (--max-input-size raises it; docs/limits.md)");
  SourceFile::set_max_load_bytes(before);
}

TEST_CASE("finding: a sparse 4 GiB usage file is refused by its size, unread") {
  const std::string path = "hardening_sparse_usage.csv";
  {
    std::ofstream f(path, std::ios::binary);
    f.seekp((std::int64_t{4} << 30) + 1000);
    f.put('\n');
  }
  auto r = detail::read_bounded(path, std::uint64_t{1} << 30);
  CHECK(r.too_large);
  CHECK(r.size == (std::uint64_t{4} << 30) + 1001);
  CHECK(r.text.capacity() < 1024);   // nothing was read
  std::remove(path.c_str());
}

TEST_CASE("finding: --allow-gaps does not fill 50 million minutes from 120 bytes (L0009)") {
  UsageReadOptions options;
  options.gaps = GapPolicy::zero;
  auto text = "start,kwh,kwh_received,kvarh\n2024-01-01T00:00Z,1,1,1\n2024-01-01T00:01Z,1,1,1\n2119-01-01T00:00Z,1,1,1\n";
  auto result = read_interval_csv(text, "gaps.csv", options);
  CHECK_FALSE(result.usage);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics.front().code == "L0009");
  CHECK(summary(result.diagnostics).front().rfind("L0009 4:1 filling the gap", 0) == 0);
  // a million minutes fill is still allowed
  auto near = "start,kwh\n2024-01-01T00:00Z,1\n2024-01-01T00:01Z,1\n2025-11-25T10:41Z,1\n";   // 999,999 missing
  auto filled = read_interval_csv(near, "near.csv", options);
  REQUIRE(filled.usage);
  CHECK(filled.usage->delivered.missing.size() == 999'999);
}

TEST_CASE("finding: 100,000 unread columns give 50 warnings and a count, not 100,000") {
  std::string head = "start,kwh";
  for (int i = 0; i < 100'000; ++i) head += ",x" + std::to_string(i);
  auto result = read_interval_csv(head + "\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,1\n", "wide.csv", UsageReadOptions{});
  REQUIRE(result.diagnostics.size() == 53);   // 50 warnings (U0006), 2 errors (U0010), the count
  CHECK(result.diagnostics.back().message == "and 99950 more warnings not shown");
}

TEST_CASE("finding: a diagnostic quotes a long line elided around the caret") {
  auto file = std::make_shared<SourceFile>("long.tariff", std::string(100'000, 'a') + "X" + std::string(100'000, 'b') + "\n");
  Diagnostic d;
  d.code = "E0001";
  d.message = "here";
  d.span = Span{file, 100'000, 100'001};
  auto text = render(d);
  CHECK(text.size() < 500);
  CHECK(text == "long.tariff:1:100001: error[E0001]: here\n 1 | ..." + std::string(80, 'a') + "X" + std::string(79, 'b') +
                    "...\n   | " + std::string(83, ' ') + "^\n");
}
