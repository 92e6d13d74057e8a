// libFuzzer target: rateline::fuzz::usage (tests/fuzz/fuzz_entries.hpp). scripts/fuzz.sh runs it.
#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rateline::fuzz::usage(data, size);
  return 0;
}
