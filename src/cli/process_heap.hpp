// process_heap.hpp — the heap of a one-shot command, set up for few page faults.
#pragma once

namespace rateline::cli {

/// Call once at the start of a command that reads, bills and exits (bill, explain, check,
/// ...), before it allocates its data; not for `batch`, whose memory bound is in small
/// pages. Never fails: where the system refuses, the heap stays as it was.
void prepare_one_shot_heap();

}  // namespace rateline::cli
