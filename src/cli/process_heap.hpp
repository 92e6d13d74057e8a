// process_heap.hpp — the heap of a one-shot command, and of `batch`, set up for few page faults.
#pragma once

#include <cstdint>

namespace rateline::cli {

/// The part of the heap marked for huge pages: [from, to), empty when the system refused.
struct HugeHeap {
  std::uintptr_t from = 0;
  std::uintptr_t to = 0;
};

/// Call once at the start of a command that reads, bills and exits (bill, explain, check,
/// ...), before it allocates its data; not for `batch`, whose memory bound is in small
/// pages. Never fails: where the system refuses, the heap stays as it was. What is
/// allocated next starts at `from` (tests/cli/process_heap_test.cpp).
HugeHeap prepare_one_shot_heap();

/// Call once at the start of `batch`, before its threads start: large blocks (an account's
/// usage text and series, a few hundred kB each) come from the heap and stay there when
/// freed, so the next account reuses pages already mapped. Small pages only: the peak stays
/// what the work in flight needs (docs/accounts-format.md, "Threads and memory").
void prepare_batch_heap();

}  // namespace rateline::cli
