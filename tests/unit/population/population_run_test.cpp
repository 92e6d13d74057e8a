// bill_population in-process: hand-worked move-in and final bills, exceptions with their
// file and line, usage of unknown accounts counted, order checks, thread-count independence.
#include <doctest/doctest.h>

#include "rateline/population.hpp"
#include "test_paths.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;

struct MemorySink : rateline::PopulationSink {
  std::string bill_rows, exception_rows;
  void bills(std::string_view text) override { bill_rows += text; }
  void exceptions(std::string_view text) override { exception_rows += text; }
};

std::string temp_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "rateline_population_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Hourly rows of 1.000 kWh for `account` over UTC [from, to).
std::string hourly(const std::string& account, sys_seconds from, sys_seconds to, const char* value = "1.000") {
  std::string rows;
  for (auto t = from; t < to; t += hours{1}) {
    const auto day = floor<days>(t);
    const year_month_day d{day};
    const auto h = duration_cast<hours>(t - day).count();
    char line[96];
    std::snprintf(line, sizeof line, "%s,%04d-%02u-%02uT%02ld:00Z,%s\n", account.c_str(), static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), static_cast<long>(h), value);
    rows += line;
  }
  return rows;
}

sys_seconds utc(year_month_day d, int hour) { return sys_days{d} + hours{hour}; }

rateline::PopulationOptions options_for(const std::string& usage) {
  rateline::PopulationOptions options;
  options.usage_files = {usage};
  options.tariff_dir = RATELINE_SOURCE_DIR "/examples/language";
  options.periods = rateline::monthly_periods(2024y / July / 1d, 2024y / September / 1d);
  options.threads = 2;
  return options;
}

}  // namespace

TEST_CASE("population: move-in and final bills are prorated as the tariff says (hand-worked)") {
  // examples/language/proration.tariff: 15.00 $/month prorated days / days in the month the
  // bill ends in, 0.1 $/kWh, line items rounded to cents; America/New_York (UTC-4 in summer).
  // M1 moves in on July 16:  July 16..Aug 1 = 16 days, 384 kWh: 15 × 16/31 = 7.7419.. -> 7.74,
  //                          + 38.40 = 46.14; August: 15.00 + 74.40 = 89.40.
  // F1 leaves on Aug 11 (its first day without service): July 15.00 + 74.40 = 89.40;
  //                          Aug 1..11 = 10 days, 240 kWh: 15 × 10/31 = 4.8387.. -> 4.84, + 24.00 = 28.84.
  const std::string accounts = temp_file("accounts_proration.csv",
                                         "account,tariff,service_start,service_end\n"
                                         "M1,proration,2024-07-16,\n"
                                         "F1,proration,,2024-08-11\n");
  const std::string usage = temp_file("usage_proration.csv",
                                      "account,start,kwh\n" + hourly("M1", utc(2024y / July / 16d, 4), utc(2024y / September / 1d, 4)) +
                                          hourly("F1", utc(2024y / July / 1d, 4), utc(2024y / August / 11d, 4)));
  auto table = rateline::read_accounts_csv_file(accounts);
  REQUIRE(table.table);
  MemorySink sink;
  auto summary = rateline::bill_population(*table.table, options_for(usage), sink);
  CHECK(sink.exception_rows == "");
  CHECK(sink.bill_rows ==
        "M1,proration,2024-07-16,2024-08-01,384.000,kWh,46.14\n"
        "M1,proration,2024-08-01,2024-09-01,744.000,kWh,89.40\n"
        "F1,proration,2024-07-01,2024-08-01,744.000,kWh,89.40\n"
        "F1,proration,2024-08-01,2024-08-11,240.000,kWh,28.84\n");
  CHECK(summary.billed == 2);
  CHECK(summary.bills == 4);
  CHECK(summary.failed == 0);
}

TEST_CASE("population: a broken account goes to the exceptions with its file and line, the others are billed") {
  const std::string accounts = temp_file("accounts_broken.csv",
                                         "account,tariff\n"
                                         "G1,proration\n"
                                         "B1,proration\n"
                                         "N1,proration\n"
                                         "T1,no-such-tariff\n"
                                         "G2,proration\n");
  std::string b1 = hourly("B1", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4));
  b1.replace(b1.find("1.000", 30), 5, "1,5");  // B1's second row gets a field too many
  const std::string usage = temp_file("usage_broken.csv",
                                      "account,start,kwh\n" + hourly("G1", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4)) + b1 +
                                          hourly("X9", utc(2024y / July / 1d, 4), utc(2024y / July / 2d, 4)) +
                                          hourly("G2", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4)));
  auto table = rateline::read_accounts_csv_file(accounts);
  REQUIRE(table.table);
  MemorySink sink;
  auto summary = rateline::bill_population(*table.table, options_for(usage), sink);
  // G1 has 1488 rows on lines 2..1489, so B1's second row is line 1491; the lines the
  // reader's messages name are lines of the usage file too.
  const std::string dir = std::filesystem::path(accounts).parent_path().string() + "/";
  CHECK(sink.exception_rows ==
        "B1," + dir + "usage_broken.csv:1491,U0010,this row has 4 fields but the header names 3 columns,"
        "\"every row needs one field per header column, separated by commas\"\n"
        "B1," + dir + "usage_broken.csv:1492,U0045,no interval from 2024-07-01T05:00Z to 2024-07-01T06:00Z (1 interval missing) "
        "between line 1490 and line 1492,\"add the missing readings, or read with the gap policy `zero` to count them as 0\"\n"
        "N1," + dir + "accounts_broken.csv:4,P0101,account N1 has no usage rows,every account in service needs its usage in the usage files\n"
        "T1," + dir + "accounts_broken.csv:5,P0102,tariff no-such-tariff: cannot read " RATELINE_SOURCE_DIR
        "/examples/language/no-such-tariff.tariff,\"name a tariff file (a path, or a name in the tariff folder --tariffs)\"\n");
  CHECK(summary.billed == 2);
  CHECK(summary.failed == 3);
  CHECK(summary.bills == 4);
  CHECK(summary.unknown_accounts == 1);
  CHECK(summary.unknown_rows == 24);
  CHECK(summary.first_unknown == "X9 (" + dir + "usage_broken.csv:2978)");
  CHECK(summary.errors.empty());
}

TEST_CASE("population: a value that reads \"line N\" is quoted as written, in either usage order") {
  // Found by fuzz_batch: the lines a reader's message names are mapped to lines of the
  // usage file, and "10line 24" inside a quoted start was taken for one (and mapped
  // differently in each order). B1's rows are interleaved with G1's in the file.
  const std::string accounts = temp_file("accounts_line_word.csv", "account,tariff\nB1,proration\nG1,proration\n");
  const std::string usage = temp_file("usage_line_word.csv", "account,start,kwh\nB1,2024-07-01T04:00Z,1.0\nG1,2024-07-01T04:00Z,1.0\n"
                                                            "B1,10 line 2,1.0\nG1,2024-07-01T05:00Z,1.0\nB1,x line 3,1.0\n");
  auto table = rateline::read_accounts_csv_file(accounts);
  REQUIRE(table.table);
  const std::string dir = std::filesystem::path(accounts).parent_path().string() + "/";
  for (auto order : {rateline::UsageOrder::table, rateline::UsageOrder::any}) {
    CAPTURE(static_cast<int>(order));
    auto options = options_for(usage);
    options.usage_order = order;
    MemorySink sink;
    auto summary = rateline::bill_population(*table.table, options, sink);
    if (order == rateline::UsageOrder::table) {
      CHECK_FALSE(summary.errors.empty());   // G1 after B1 after G1: the streamed order check stops the run
      continue;
    }
    CHECK(sink.exception_rows.find("start \"\"10 line 2\"\" is not a timestamp") != std::string::npos);
    CHECK(sink.exception_rows.find("start \"\"x line 3\"\" is not a timestamp") != std::string::npos);
    CHECK(sink.exception_rows.find(dir + "usage_line_word.csv:4,U0020") != std::string::npos);
    CHECK(sink.exception_rows.find(dir + "usage_line_word.csv:6,U0020") != std::string::npos);
  }
}

TEST_CASE("population: usage out of the table's order stops a streamed run, --usage-order any bills it the same") {
  const std::string accounts = temp_file("accounts_order.csv", "account,tariff\nA,proration\nB,proration\n");
  const std::string usage = temp_file("usage_order.csv",
                                      "account,start,kwh\n" + hourly("B", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4)) +
                                          hourly("A", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4)));
  auto table = rateline::read_accounts_csv_file(accounts);
  REQUIRE(table.table);
  MemorySink streamed;
  auto summary = rateline::bill_population(*table.table, options_for(usage), streamed);
  REQUIRE(summary.errors.size() == 1);
  CHECK(summary.errors[0].code == "P0103");
  CHECK(summary.errors[0].message.find("usage_order.csv:1490: the usage of account A comes after") != std::string::npos);

  auto options = options_for(usage);
  options.usage_order = rateline::UsageOrder::any;
  MemorySink indexed;
  summary = rateline::bill_population(*table.table, options, indexed);
  CHECK(summary.errors.empty());
  CHECK(summary.bills == 4);
  CHECK(indexed.bill_rows.rfind("A,proration,2024-07-01", 0) == 0);
}

TEST_CASE("population: the rows are the same bytes whatever the thread count and the work in flight") {
  std::string accounts_text = "account,tariff\n", usage_text = "account,start,kwh\n";
  for (int i = 0; i < 40; ++i) {
    const std::string id = "C" + std::to_string(i);
    accounts_text += id + ",proration\n";
    if (i % 7 == 3) continue;  // no usage: an exception
    usage_text += hourly(id, utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4), i % 2 ? "0.250" : "1.5");
  }
  auto table = rateline::read_accounts_csv(accounts_text, temp_file("accounts_threads.csv", accounts_text));
  REQUIRE(table.table);
  const std::string usage = temp_file("usage_threads.csv", usage_text);
  std::string first;
  for (unsigned threads : {1u, 2u, 8u}) {
    for (std::size_t in_flight : {std::size_t{1}, std::size_t{0}}) {
      auto options = options_for(usage);
      options.threads = threads;
      options.in_flight = in_flight;
      options.line_items = true;
      MemorySink sink;
      rateline::bill_population(*table.table, options, sink);
      const std::string all = sink.bill_rows + sink.exception_rows;
      if (first.empty()) first = all;
      CHECK(all == first);
    }
  }
  CHECK(first.find("C39,proration,2024-08-01,2024-09-01,186.000,kWh,33.60,2,energy,") != std::string::npos);
}

TEST_CASE("population: a comment line longer than the read chunk and quoted account ids read as the plain file") {
  // The stream reads 1 MiB at a time and keeps a partial line; a row's account is matched
  // against the account before it without looking for the comma when it opens the line.
  std::string plain = "account,start,kwh\n", odd = plain;
  for (const std::string id : {"Q1", "Q10", "Q2"}) {
    const std::string rows = hourly(id, utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4), id == "Q2" ? "2.5" : "1.000");
    plain += rows;
    std::size_t at = 0;
    for (int k = 0; (at = rows.find('\n', at)) != std::string::npos; ++k, ++at) {
      const std::size_t begin = rows.rfind('\n', at - 1) == std::string::npos ? 0 : rows.rfind('\n', at - 1) + 1;
      std::string line = rows.substr(begin, at + 1 - begin);
      if (k % 3 == 1) line = "\"" + id + "\"" + line.substr(id.size());   // "Q1",2024-...
      odd += line;
      if (id == "Q10" && k == 700) odd += "#" + std::string((std::size_t{1} << 20) + 4096, 'x') + "\n";
    }
  }
  const std::string accounts_text = "account,tariff\nQ1,proration\nQ10,proration\nQ2,proration\n";
  auto table = rateline::read_accounts_csv(accounts_text, temp_file("accounts_chunk.csv", accounts_text));
  REQUIRE(table.table);
  std::string bills[2];
  for (int k = 0; k < 2; ++k) {
    MemorySink sink;
    auto summary = rateline::bill_population(*table.table, options_for(temp_file(k ? "usage_odd.csv" : "usage_plain.csv", k ? odd : plain)), sink);
    CHECK(summary.billed == 3);
    CHECK(summary.failed == 0);
    CHECK(sink.exception_rows.empty());
    bills[k] = sink.bill_rows;
  }
  CHECK(bills[0] == bills[1]);
  CHECK(bills[0].find("Q2,proration,2024-08-01,2024-09-01,1860.0,kWh,") != std::string::npos);
}

TEST_CASE("population: account ids of 1 to 17 bytes that differ in one byte are told apart") {
  // A row opening with the pending account's id and a comma belongs to it: the bytes are
  // compared as two overlapping words for ids of 4 to 16 bytes. An id one byte away from
  // the pending one, at its first, middle or last byte, starts a block of its own.
  std::string usage = "account,start,kwh\n", accounts = "account,tariff\n";
  std::size_t count = 0;
  for (std::size_t n = 1; n <= 17; ++n) {
    const std::string base = std::string("ABCDEFGHIJKLMNOPQ").substr(0, n);
    std::vector<std::string> ids{base};
    for (const std::size_t at : {std::size_t{0}, n / 2, n - 1}) {
      std::string id = base;
      id[at] = 'z';
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    for (std::size_t k = 0; k < ids.size(); ++k) {
      usage += hourly(ids[k], utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4), k == 0 ? "1.000" : "2.5");
      accounts += ids[k] + ",proration\n";
      ++count;
    }
  }
  auto table = rateline::read_accounts_csv(accounts, temp_file("accounts_ids.csv", accounts));
  REQUIRE(table.table);
  MemorySink sink;
  auto summary = rateline::bill_population(*table.table, options_for(temp_file("usage_ids.csv", usage)), sink);
  CHECK(summary.billed == count);
  CHECK(summary.failed == 0);
  CHECK(sink.exception_rows.empty());
  // each account's own rows: 744 h of July at 1.000 or 2.5 kWh
  CHECK(sink.bill_rows.find("ABCDEFGHIJKLMNOP,proration,2024-07-01,2024-08-01,744.000,kWh,") != std::string::npos);
  CHECK(sink.bill_rows.find("ABCDEFGHzJKLMNOP,proration,2024-07-01,2024-08-01,1860.0,kWh,") != std::string::npos);
  CHECK(sink.bill_rows.find("ABCz,proration,2024-07-01,2024-08-01,1860.0,kWh,") != std::string::npos);
}

TEST_CASE("population: a row opening with # is a comment, even after an account whose id opens with #") {
  // The stream takes a run of the pending account's rows by their opening bytes alone; a
  // line that opens with # is a comment however the account before it is named, so an id
  // that opens with # (written quoted) never makes such a line its row.
  std::string usage = "account,start,kwh\n";
  const std::string rows = hourly("#7", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4));
  std::size_t at = 0;
  for (int k = 0; at < rows.size(); ++k) {
    const std::size_t end = rows.find('\n', at) + 1;
    const std::string line = rows.substr(at, end - at);
    usage += "\"#7\"" + line.substr(2);
    if (k % 5 == 0) usage += "#7,2024-07-01T04:00Z,999\n";  // a comment: not a duplicate start
    at = end;
  }
  const std::string accounts = "account,tariff\n\"#7\",proration\n";
  auto table = rateline::read_accounts_csv(accounts, temp_file("accounts_hash.csv", accounts));
  REQUIRE(table.table);
  MemorySink sink;
  auto summary = rateline::bill_population(*table.table, options_for(temp_file("usage_hash.csv", usage)), sink);
  INFO(sink.exception_rows);
  CHECK(sink.exception_rows.empty());
  CHECK(summary.billed == 1);
  CHECK(summary.usage_rows == 744 + 744);  // July and August, no comment counted as a row
  CHECK(sink.bill_rows.find("#7,proration,2024-07-01,2024-08-01,744.000,kWh,") != std::string::npos);
}

TEST_CASE("population: the exact readers skip an unnamed column silently (what a usage block relies on)") {
  auto r = rateline::read_interval_csv(",start,kwh\nA1,2024-07-01T04:00Z,1.5\nA1,2024-07-01T05:00Z,2\n", "usage.csv", {});
  CHECK(r.diagnostics.empty());
  REQUIRE(r.usage);
  CHECK(r.usage->delivered.values == std::vector<std::int64_t>{15, 20});
}

TEST_CASE("population: a run cancelled through PopulationOptions::cancel stops and says so") {
  const std::string accounts = temp_file("accounts_cancel.csv", "account,tariff\nA,proration\n");
  const std::string usage =
      temp_file("usage_cancel.csv", "account,start,kwh\n" + hourly("A", utc(2024y / July / 1d, 4), utc(2024y / September / 1d, 4)));
  auto table = rateline::read_accounts_csv_file(accounts);
  REQUIRE(table.table);
  std::atomic<bool> cancel{true};
  auto options = options_for(usage);
  options.cancel = &cancel;
  MemorySink sink;
  auto summary = rateline::bill_population(*table.table, options, sink);
  CHECK(summary.cancelled);
  CHECK(summary.bills == 0);
  CHECK(sink.bill_rows.empty());
}
