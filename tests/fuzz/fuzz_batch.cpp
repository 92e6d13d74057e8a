// libFuzzer target: rateline::fuzz::batch (tests/fuzz/fuzz_entries.hpp). scripts/fuzz.sh runs it.
#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rateline::fuzz::batch(data, size);
  return 0;
}
