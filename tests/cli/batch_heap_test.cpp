// The batch heap (src/cli/process_heap.cpp): after prepare_batch_heap(), an account-sized
// block comes from the heap, not its own mmap, and stays there when freed, on the calling
// thread and on a worker's. Its own executable: it changes malloc's settings for the whole
// process. Without the call, glibc maps the first such block on its own (hblks == 1).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "cli/process_heap.hpp"

#include <malloc.h>

#include <cstdlib>
#include <cstring>
#include <thread>

namespace {

// An hourly year's usage text, about what batch allocates per account.
constexpr std::size_t kAccountText = 300 * 1024;

struct Reuse {
  bool allocated = false;   // both blocks were given (checked by the caller: no REQUIRE on a worker thread)
  int mapped_blocks = -1;   // mmapped blocks while the block is held
  bool kept = false;        // the freed block's bytes are still the heap's
  bool same_place = false;  // the next account's block reuses them
};

Reuse allocate_free_allocate() {
  Reuse r;
  void* volatile first = std::malloc(kAccountText);
  if (first == nullptr) return r;
  std::memset(first, 1, kAccountText);
  r.mapped_blocks = static_cast<int>(mallinfo2().hblks);
  std::free(first);
  r.kept = mallinfo2().fordblks >= kAccountText;
  void* volatile second = std::malloc(kAccountText);
  r.allocated = second != nullptr;
  r.same_place = second == first;
  std::free(second);
  return r;
}

}  // namespace

TEST_CASE("after prepare_batch_heap, an account's block is reused from the heap, on any thread") {
  rateline::cli::prepare_batch_heap();
  const Reuse main_thread = allocate_free_allocate();
  REQUIRE(main_thread.allocated);
  CHECK(main_thread.mapped_blocks == 0);
  CHECK(main_thread.kept);
  CHECK(main_thread.same_place);

  Reuse worker;
  std::thread([&] { worker = allocate_free_allocate(); }).join();
  REQUIRE(worker.allocated);
  CHECK(worker.mapped_blocks == 0);
  CHECK(worker.kept);
  CHECK(worker.same_place);
}
