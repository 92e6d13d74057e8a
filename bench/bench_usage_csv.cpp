// Reading a year of 15-minute interval data: the interval CSV and the SAM load format.
//
// The text is generated in memory (no disk in the measurement): 35,040 rows of
// `start,kwh` with Z timestamps and 3-4 decimal places, as a utility's meter-data export
// looks, and the same year as a SAM kW_15min file. Bytes/s is the number to watch.
//
//   ./bench_usage_csv --benchmark_filter=usage
#include <benchmark/benchmark.h>

#include "rateline/usage.hpp"

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace {

constexpr int kIntervals = 35'040;  // 365 days × 96

// A small deterministic generator, so every run parses the same bytes.
struct Lcg {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
};

// A household-like load in ten-thousandths of a kWh per 15 minutes: a base, an evening
// bump and noise. Every fourth value is written with 3 decimals, the rest with 4.
std::string value_text(Lcg& rng, int interval) {
  const int minute_of_day = (interval % 96) * 15;
  std::uint32_t tenth_milli = 800 + rng.next() % 1500;
  if (minute_of_day >= 17 * 60 && minute_of_day < 21 * 60) tenth_milli += 2500 + rng.next() % 3000;
  char buffer[32];
  if (interval % 4 == 0)
    std::snprintf(buffer, sizeof buffer, "%u.%03u", tenth_milli / 10000, (tenth_milli % 10000) / 10);
  else
    std::snprintf(buffer, sizeof buffer, "%u.%04u", tenth_milli / 10000, tenth_milli % 10000);
  return buffer;
}

std::string make_interval_csv() {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::string text = "start,kwh\n";
  text.reserve(kIntervals * 26);
  Lcg rng;
  int interval = 0;
  char buffer[64];
  for (int month = 1; month <= 12; ++month)
    for (int day = 1; day <= kDays[month - 1]; ++day)
      for (int minute = 0; minute < 1440; minute += 15, ++interval) {
        std::snprintf(buffer, sizeof buffer, "2023-%02d-%02dT%02d:%02dZ,", month, day, minute / 60, minute % 60);
        text += buffer;
        text += value_text(rng, interval);
        text += '\n';
      }
  return text;
}

std::string make_sam_load() {
  std::string text = "kW_15min\n";
  text.reserve(kIntervals * 8);
  Lcg rng;
  for (int interval = 0; interval < kIntervals; ++interval) {
    text += value_text(rng, interval);
    text += '\n';
  }
  return text;
}

void read_and_check(benchmark::State& state, const std::string& text, const rateline::UsageReadOptions& options) {
  for (auto _ : state) {
    auto result = rateline::read_interval_csv(text, "bench", options);
    if (!result.usage || result.usage->delivered.values.size() != kIntervals)
      throw std::logic_error("the benchmark input did not read cleanly");
    benchmark::DoNotOptimize(result.usage->delivered.values.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.counters["rows"] = benchmark::Counter(static_cast<double>(state.iterations()) * kIntervals,
                                              benchmark::Counter::kIsRate);
}

void BM_usage_interval_csv_year_15min(benchmark::State& state) {
  static const std::string text = make_interval_csv();
  read_and_check(state, text, rateline::UsageReadOptions{});
}
BENCHMARK(BM_usage_interval_csv_year_15min)->Unit(benchmark::kMillisecond);

void BM_usage_sam_load_year_15min(benchmark::State& state) {
  static const std::string text = make_sam_load();
  rateline::UsageReadOptions options;
  options.sam_start = std::chrono::local_seconds{std::chrono::local_days{std::chrono::year{2023} / 1 / 1}};
  read_and_check(state, text, options);
}
BENCHMARK(BM_usage_sam_load_year_15min)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
