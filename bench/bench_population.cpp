// bill_population over a generated hourly population: customer-months per second from the
// CSV files to the formatted rows, and the share of the work spent reading input.
//
//   build/bench/bench_population --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// The population (written once to a temporary folder): 200 accounts on willmar-residential,
// a year of hourly `account,start,kwh` rows each (UTC starts, values with 3 decimals, a daily
// shape), grouped by account: 2,400 customer-months, about 60 MB.
#include "rateline/population.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using namespace std::chrono;

constexpr int kAccounts = 200;

struct NullSink : rateline::PopulationSink {
  std::size_t bytes = 0;
  void bills(std::string_view text) override { bytes += text.size(); }
  void exceptions(std::string_view text) override { bytes += text.size(); }
};

const std::string& population_dir() {
  static const std::string dir = [] {
    const auto path = std::filesystem::temp_directory_path() / "rateline_bench_population";
    std::filesystem::create_directories(path);
    std::ofstream accounts(path / "accounts.csv", std::ios::binary);
    std::ofstream usage(path / "usage.csv", std::ios::binary);
    accounts << "account,tariff\n";
    usage << "account,start,kwh\n";
    static const int shape[24] = {450, 400, 380, 370, 380, 450, 700, 950, 850, 650, 550, 520,
                                  520, 520, 550, 620, 780, 1050, 1300, 1350, 1250, 1050, 800, 580};
    std::string rows;
    for (int a = 0; a < kAccounts; ++a) {
      char id[16];
      std::snprintf(id, sizeof id, "A%05d", a + 1);
      accounts << id << ",willmar-residential\n";
      rows.clear();
      const sys_days first = sys_days{2024y / January / 1d};
      for (sys_seconds t = first; t < sys_days{2025y / January / 1d} + hours{12}; t += hours{1}) {
        const year_month_day d{floor<days>(t)};
        const long h = duration_cast<hours>(t - floor<days>(t)).count();
        const int wh = shape[h] * (90 + (a * 7 + static_cast<int>(h) * 13 + static_cast<int>(unsigned(d.day())) * 5) % 40) / 100;
        char line[64];
        std::snprintf(line, sizeof line, "%s,%04d-%02u-%02uT%02ld:00Z,%d.%03d\n", id, static_cast<int>(d.year()),
                      static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), h, wh / 1000, wh % 1000);
        rows += line;
      }
      usage << rows;
    }
    return path.string();
  }();
  return dir;
}

void BM_population_hourly(benchmark::State& state) {
  auto table = rateline::read_accounts_csv_file(population_dir() + "/accounts.csv");
  if (!table.table) {
    state.SkipWithError("accounts table unreadable");
    return;
  }
  rateline::PopulationOptions options;
  options.usage_files = {population_dir() + "/usage.csv"};
  options.tariff_dir = RATELINE_SOURCE_DIR "/tariffs";
  options.periods = rateline::monthly_periods(2024y / January / 1d, 2025y / January / 1d);
  options.threads = static_cast<unsigned>(state.range(0));
  double reading = 0, work = 0;
  std::size_t bills = 0;
  for (auto _ : state) {
    NullSink sink;
    auto summary = rateline::bill_population(*table.table, options, sink);
    if (summary.failed || summary.bills != kAccounts * 12) {
      state.SkipWithError("the population did not bill cleanly");
      return;
    }
    bills += summary.bills;
    reading += summary.read_seconds + summary.parse_seconds;
    work += summary.read_seconds + summary.parse_seconds + summary.bill_seconds;
    benchmark::DoNotOptimize(sink.bytes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(bills));  // items = customer-months (bills)
  state.counters["read_share"] = work > 0 ? reading / work : 0;
}
BENCHMARK(BM_population_hourly)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
