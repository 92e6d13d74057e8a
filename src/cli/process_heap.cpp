// A one-shot command's heap: reused, not returned, and on transparent huge pages.
//
// Why: a `rateline bill` of a 15-minute year touches about 1.5 MB of fresh heap (the file,
// the usage values, the interval calendar and slots, the bill, the JSON), and on the
// virtual machines this runs on a page fault costs 10-18 µs (bench/README.md, "One
// rateline bill process"): about 380 faults, 4-5 ms, most of the whole process. glibc by
// default serves every block over 128 KiB with its own mmap and unmaps it when freed, so
// each large vector faults in fresh pages again. Here the large blocks come from the heap
// and stay there when freed (the next vector reuses pages already mapped), and the heap's
// first megabytes are marked for transparent huge pages, so one fault maps 2 MiB.
// The memory of the process ends with it; nothing here changes what is computed.
//
// `batch` frees and allocates an account's blocks (usage text about 290 kB, series 140 kB
// for an hourly year) thousands of times. glibc's default gives each its own mmap, or
// trims the heap top after a free, so every account faulted fresh pages in: 15,000-43,000
// faults and 0.3-0.6 s of system time in a 2,000-account hourly run, a quarter of its wall
// time (bench/README.md, "Batch: freed memory kept"). Fixed thresholds keep those blocks in
// the heaps (the main one and each worker thread's arena) for reuse; setting only one of
// the two would turn off glibc's adaptive threshold and fault more, not less.
#include "process_heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace rateline::cli {

namespace {
// The spacer block, kept allocated for the life of the process. Volatile because GCC may
// drop a malloc whose pointer goes nowhere; it did, and the command's data then landed in
// the small pages below `from` (about 220 more page faults a 15-minute year, bench/README.md).
void* volatile spacer = nullptr;
}  // namespace

HugeHeap prepare_one_shot_heap() {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  constexpr std::uintptr_t kHuge = 2 * kMiB;
  constexpr std::size_t kRegion = 8 * kMiB;  // more than a 15-minute year's bill needs
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(256 * kMiB));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(512 * kMiB));
  // Grow the heap once by the whole region (untouched, so nothing is faulted yet), give
  // it back to malloc's free top, and mark its 2 MiB-aligned part for huge pages. A huge
  // page needs a whole aligned 2 MiB range, so a spacer block (never touched, so never
  // backed by memory) is kept up to the first boundary: what the command allocates next
  // starts on it, not in the small pages below.
  mallopt(M_TOP_PAD, static_cast<int>(kHuge));
  void* block = std::malloc(kRegion);
  if (block == nullptr) return {};
  char* end = static_cast<char*>(sbrk(0));
  const auto first = reinterpret_cast<std::uintptr_t>(block);
  const auto from = (first + kHuge - 1) & ~(kHuge - 1);
  const auto to = reinterpret_cast<std::uintptr_t>(end) & ~(kHuge - 1);
  std::free(block);
  if (end == reinterpret_cast<char*>(-1) || first >= to || to <= from) return {};
  if (from - first > 64) spacer = std::malloc(from - first - 32);
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
#endif
  return {from, to};
}

void prepare_batch_heap() {
  constexpr int kMiB = 1 << 20;
  mallopt(M_MMAP_THRESHOLD, 32 * kMiB);
  mallopt(M_TRIM_THRESHOLD, 64 * kMiB);
}

}  // namespace rateline::cli
