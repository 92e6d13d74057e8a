// Billing speed: one customer-year (12 monthly bills, every line item) of the tariff of
// URDB corpus case 19, from usage already in memory, for the 15-minute load of corpus
// case 11 (35,040 intervals) and its hourly mean (8,760 intervals); and the whole
// `rateline bill` pipeline in process (compile, read the file, bill, write JSON).
// Warm (BM_CustomerYear_*): one compiled tariff for every iteration, so the interval grid's
// calendar classification (graph/interval_slots.cpp) is cached after the first iteration —
// the population case, many accounts on one grid. Cold (BM_CustomerYear_*_ColdGrid): a
// freshly compiled tariff for every iteration (the compile itself is not timed), so every
// timed customer-year also classifies its intervals — the first bill of a grid, and what
// NREL SAM's ssc_module_exec does on every call.
// Figures and the command to reproduce them: bench/README.md.
#include "rateline/bill.hpp"
#include "rateline/report.hpp"
#include "rateline/tariff.hpp"
#include "rateline/urdb.hpp"
#include "rateline/usage.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

std::string corpus_case(const std::string& prefix) {
  fs::path dir(RATELINE_CORPUS_DIR);
  if (!fs::exists(dir)) return "";
  for (auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string().rfind(prefix, 0) == 0) return e.path().string();
  return "";
}

struct Fixture {
  std::optional<rateline::RateGraph> graph;
  std::string tariff_text;
  rateline::IntervalUsage quarter_hourly;
  rateline::IntervalUsage hourly;
  std::vector<rateline::BillingPeriod> periods;
  std::string load_path;
  bool ok = false;

  Fixture() {
    auto tariff_dir = corpus_case("19-");
    auto load_dir = corpus_case("11-");
    if (tariff_dir.empty() || load_dir.empty()) {
      std::cerr << "bench_bill: the corpus (" RATELINE_CORPUS_DIR ") is missing; nothing to measure\n";
      return;
    }
    auto imported = rateline::import_urdb_file(tariff_dir + "/rate.json", rateline::UrdbImportOptions{});
    if (!imported.tariff_text) {
      for (auto& d : imported.diagnostics) std::cerr << rateline::render(d);
      return;
    }
    tariff_text = *imported.tariff_text;
    auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("case19.tariff", tariff_text));
    if (!compiled.graph) {
      for (auto& d : compiled.diagnostics) std::cerr << rateline::render(d);
      return;
    }
    graph = compiled.graph;
    rateline::UsageReadOptions options;
    options.time_zone = graph->info().time_zone;
    options.sam_start = local_seconds{local_days{2018y / January / 1d}.time_since_epoch()};
    load_path = load_dir + "/load.csv";
    auto usage = rateline::read_interval_csv_file(load_path, options);
    if (!usage.usage) {
      for (auto& d : usage.diagnostics) std::cerr << rateline::render(d);
      return;
    }
    quarter_hourly = *usage.usage;
    // the hourly mean of four 15-minute kW values, exactly: (a+b+c+d)/4 = sum × 25 at two more places
    hourly = quarter_hourly;
    auto& h = hourly.delivered;
    h.minutes = 60;
    h.scale += 2;
    h.values.clear();
    const auto& q = quarter_hourly.delivered.values;
    for (std::size_t i = 0; i + 3 < q.size(); i += 4) h.values.push_back((q[i] + q[i + 1] + q[i + 2] + q[i + 3]) * 25);
    periods = rateline::monthly_periods(2018y / January / 1d, 2019y / January / 1d);
    ok = true;
  }
};

const Fixture& fixture() {
  static Fixture f;
  return f;
}

rateline::BillOptions sam_options() {
  rateline::BillOptions options;
  options.demand_window = rateline::DemandWindowPolicy::data_interval;
  return options;
}

void bill_year(benchmark::State& state, const rateline::IntervalUsage& usage) {
  const auto& f = fixture();
  if (!f.ok) {
    state.SkipWithError("corpus missing");
    return;
  }
  auto options = sam_options();
  std::size_t items = 0;
  for (auto _ : state) {
    auto result = rateline::bill_periods(*f.graph, usage, f.periods, rateline::Account{}, options);
    if (!result.series) {
      state.SkipWithError("billing failed");
      return;
    }
    for (auto& b : result.series->bills) items += b.line_items.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["intervals"] = static_cast<double>(usage.delivered.values.size());
  state.counters["line_items/year"] = static_cast<double>(items) / static_cast<double>(state.iterations());
}

void bill_year_cold(benchmark::State& state, const rateline::IntervalUsage& usage) {
  const auto& f = fixture();
  if (!f.ok) {
    state.SkipWithError("corpus missing");
    return;
  }
  auto options = sam_options();
  for (auto _ : state) {
    state.PauseTiming();
    auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("case19.tariff", f.tariff_text));
    state.ResumeTiming();
    auto result = rateline::bill_periods(*compiled.graph, usage, f.periods, rateline::Account{}, options);
    if (!result.series) {
      state.SkipWithError("billing failed");
      return;
    }
    benchmark::DoNotOptimize(result);
    state.PauseTiming();
    compiled = {};  // the tariff and its grid cache are freed outside the timer
    state.ResumeTiming();
  }
  state.counters["intervals"] = static_cast<double>(usage.delivered.values.size());
}

void BM_CustomerYear_15min(benchmark::State& state) { bill_year(state, fixture().quarter_hourly); }
void BM_CustomerYear_60min(benchmark::State& state) { bill_year(state, fixture().hourly); }
void BM_CustomerYear_15min_ColdGrid(benchmark::State& state) { bill_year_cold(state, fixture().quarter_hourly); }
void BM_CustomerYear_60min_ColdGrid(benchmark::State& state) { bill_year_cold(state, fixture().hourly); }

// Everything `rateline bill --cycle monthly --format json` does, in process.
void BM_BillPipeline_15min(benchmark::State& state) {
  const auto& f = fixture();
  if (!f.ok) {
    state.SkipWithError("corpus missing");
    return;
  }
  for (auto _ : state) {
    auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("case19.tariff", f.tariff_text));
    rateline::UsageReadOptions options;
    options.time_zone = compiled.graph->info().time_zone;
    options.sam_start = local_seconds{local_days{2018y / January / 1d}.time_since_epoch()};
    auto usage = rateline::read_interval_csv_file(f.load_path, options);
    auto result = rateline::bill_periods(*compiled.graph, *usage.usage, f.periods, rateline::Account{}, sam_options());
    auto json = rateline::format_series_json(*result.series);
    benchmark::DoNotOptimize(json);
  }
}

}  // namespace

BENCHMARK(BM_CustomerYear_15min)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CustomerYear_60min)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CustomerYear_15min_ColdGrid)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CustomerYear_60min_ColdGrid)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BillPipeline_15min)->Unit(benchmark::kMillisecond);
