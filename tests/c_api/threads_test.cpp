// One compiled tariff billed from 8 threads at once gives, bill for bill, byte for byte,
// what a single thread gives (rateline/rateline.h: a compiled rl_tariff may be shared).
#include "c_api_support.hpp"

#include <atomic>
#include <thread>

using namespace c_api_test;

namespace {

// The bills one worker makes: three months, each for three accounts' usages, so that the
// threads meet in the tariff's per-grid calendar cache with different grids at once.
std::vector<std::string> bill_all(const rl_tariff* tariff, const std::vector<const rl_usage*>& usages) {
  std::vector<std::string> out;
  const rl_date months[] = {{2024, 7, 1}, {2024, 8, 1}, {2024, 9, 1}, {2024, 10, 1}};
  rl_bill_options options{};
  options.trace = 1;
  for (auto* usage : usages)
    for (int m = 0; m < 3; ++m) {
      rl_bill* b = nullptr;
      if (rl_bill_period(tariff, usage, months[m], months[m + 1], nullptr, &options, &b, nullptr) != RL_OK) {
        out.push_back(std::string("error: ") + rl_last_error());
        continue;
      }
      char* text = nullptr;
      rl_bill_format(b, RL_FORMAT_EXPLAIN, &text);
      out.push_back(json(b) + text);
      rl_string_free(text);
      rl_bill_free(b);
    }
  return out;
}

}  // namespace

TEST_CASE("c_api: one tariff billed from 8 threads at once equals the single-threaded bills") {
  Tariff tariff = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  REQUIRE(tariff.get() != nullptr);
  Usage csv = csv_usage(path("examples/usage/georgia_tou_2024-07_10.csv"), tariff.get());
  // The same hours on 15- and 30-minute grids: other grids for the calendar cache.
  std::vector<Usage> gridded;
  for (int32_t minutes : {15, 30}) {
    std::vector<int64_t> starts, values;
    for (int64_t t = 1719806400; t < 1727755200; t += minutes * 60) {  // 2024-07-01 .. 2024-10-01 (New York)
      starts.push_back(t);
      values.push_back(1 + (t / 3600) % 7);
    }
    rl_usage* u = nullptr;
    REQUIRE(rl_usage_from_scaled(starts.data(), starts.size(), values.data(), values.size(), 2, minutes, "kWh", RL_GAPS_ERROR, &u) == RL_OK);
    gridded.emplace_back(u);
  }
  std::vector<const rl_usage*> usages{csv.get(), gridded[0].get(), gridded[1].get()};

  // A fresh tariff for the threaded run, so that its cache starts empty under contention.
  Tariff shared = compile(path("tariffs/georgia-power-tou-reo-10.tariff"));
  std::vector<std::vector<std::string>> results(8);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < 8) std::this_thread::yield();
      // Rounds of the same bills: the threads keep overlapping after the cache is warm.
      for (int round = 0; round < 20; ++round) {
        auto bills = bill_all(shared.get(), usages);
        if (round == 0 || bills != results[static_cast<size_t>(i)]) results[static_cast<size_t>(i)] = std::move(bills);
      }
    });
  for (auto& t : threads) t.join();

  auto expected = bill_all(tariff.get(), usages);
  REQUIRE(expected.size() == 9);
  for (auto& e : expected) CHECK(e.rfind("error", 0) != 0);
  for (size_t i = 0; i < results.size(); ++i) {
    INFO("thread " << i);
    CHECK(results[i] == expected);  // a round that differed would have replaced the first
  }
}
