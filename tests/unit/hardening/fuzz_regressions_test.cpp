// Every input a fuzz target ever failed on (tests/fuzz/regressions/TARGET/*), replayed
// through the same entry as the fuzzer (tests/fuzz/fuzz_entries.hpp): none may crash,
// hang or break a promise again. The directories also hold a few hand-made inputs of the
// kinds issue 17 found, so the replay is never empty.
#include <doctest/doctest.h>

#include "fuzz/fuzz_entries.hpp"
#include "test_paths.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

std::size_t replay(const std::string& target, void (*entry)(const std::uint8_t*, std::size_t)) {
  const std::filesystem::path dir = std::filesystem::path(RATELINE_SOURCE_DIR) / "tests/fuzz/regressions" / target;
  std::size_t count = 0;
  for (auto& file : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(file.path(), std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    INFO(file.path().string());
    entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("fuzz regressions: tariff") { CHECK(replay("tariff", rateline::fuzz::tariff) > 0); }
TEST_CASE("fuzz regressions: usage") { CHECK(replay("usage", rateline::fuzz::usage) > 0); }
TEST_CASE("fuzz regressions: reads") { CHECK(replay("reads", rateline::fuzz::reads) > 0); }
TEST_CASE("fuzz regressions: urdb") { CHECK(replay("urdb", rateline::fuzz::urdb) > 0); }
TEST_CASE("fuzz regressions: batch") { CHECK(replay("batch", rateline::fuzz::batch) > 0); }
