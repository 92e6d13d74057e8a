// Compile time: what `rateline bill` pays before it reads a byte of usage. The tariff of
// URDB corpus case 19 (imported to the rate language, as `rateline import urdb` writes
// it) compiled from its text: parse, check, lower, TOU tables. Also the steps on their
// own that a process pays once: locating a time zone in the OS tz database (first use and
// cached) and the import itself. Figures: bench/README.md.
#include "rateline/calendar.hpp"
#include "rateline/tariff.hpp"
#include "rateline/time_zone.hpp"
#include "rateline/urdb.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>

namespace {

namespace fs = std::filesystem;

std::string corpus_case(const std::string& prefix) {
  fs::path dir(RATELINE_CORPUS_DIR);
  if (!fs::exists(dir)) return "";
  for (auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string().rfind(prefix, 0) == 0) return e.path().string();
  return "";
}

const std::string& case19_rate() {
  static const std::string path = [] {
    auto dir = corpus_case("19-");
    return dir.empty() ? std::string{} : dir + "/rate.json";
  }();
  return path;
}

const std::string& case19_text() {
  static const std::string text = [] {
    if (case19_rate().empty()) return std::string{};
    auto imported = rateline::import_urdb_file(case19_rate(), rateline::UrdbImportOptions{});
    return imported.tariff_text.value_or(std::string{});
  }();
  return text;
}

void BM_CompileTariff_case19(benchmark::State& state) {
  const auto& text = case19_text();
  if (text.empty()) {
    state.SkipWithError("corpus missing");
    return;
  }
  for (auto _ : state) {
    auto compiled = rateline::compile_tariff(std::make_shared<rateline::SourceFile>("case19.tariff", text));
    if (!compiled.graph) {
      state.SkipWithError("compile failed");
      return;
    }
    benchmark::DoNotOptimize(compiled);
  }
  state.counters["bytes"] = static_cast<double>(text.size());
}

void BM_ImportUrdb_case19(benchmark::State& state) {
  if (case19_rate().empty()) {
    state.SkipWithError("corpus missing");
    return;
  }
  for (auto _ : state) {
    auto imported = rateline::import_urdb_file(case19_rate(), rateline::UrdbImportOptions{});
    benchmark::DoNotOptimize(imported);
  }
}

// A zone already located: the per-tariff cost after the first (TimeZone caches zones).
void BM_LocateZone_cached(benchmark::State& state) {
  benchmark::DoNotOptimize(rateline::TimeZone::locate("America/New_York"));
  for (auto _ : state) benchmark::DoNotOptimize(rateline::TimeZone::locate("America/New_York"));
}

}  // namespace

BENCHMARK(BM_CompileTariff_case19)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ImportUrdb_case19)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LocateZone_cached)->Unit(benchmark::kMicrosecond);
