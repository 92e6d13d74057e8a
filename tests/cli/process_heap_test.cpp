// The one-shot heap (src/cli/process_heap.cpp): what a command allocates after
// prepare_one_shot_heap() lands in the part marked for huge pages, not below it.
// Its own executable: it changes malloc's settings for the whole process.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "cli/process_heap.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>

TEST_CASE("after prepare_one_shot_heap, a large block lands in the huge-page part of the heap") {
  const rateline::cli::HugeHeap heap = rateline::cli::prepare_one_shot_heap();
  REQUIRE(heap.from != 0);
  CHECK(heap.from % (std::uintptr_t{2} << 20) == 0);
  CHECK(heap.to - heap.from >= (std::uintptr_t{4} << 20));
  // A 15-minute year's values and calendar: about a megabyte, allocated first thing.
  constexpr std::size_t kSize = std::size_t{1} << 20;
  void* block = std::malloc(kSize);
  REQUIRE(block != nullptr);
  std::memset(block, 1, kSize);  // used, so the allocation cannot be dropped either
  const auto at = reinterpret_cast<std::uintptr_t>(block);
  // Only malloc's chunk header may sit below the boundary. Without the spacer block the
  // data started right after the 8 MiB probe's old place, up to 2 MiB below it.
  CHECK(at + 64 >= heap.from);
  CHECK(at + kSize <= heap.to);
  std::free(block);
}
