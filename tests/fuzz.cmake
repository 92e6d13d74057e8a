# libFuzzer targets (tests/fuzz/, scripts/fuzz.sh): only with clang and -DRATELINE_FUZZ=ON.
# The library is instrumented for coverage (-fsanitize=fuzzer-no-link); each target links
# libFuzzer's main. Every finding is kept in tests/fuzz/regressions/ and replayed by
# tests/unit/hardening/fuzz_regressions_test.cpp in the normal suite.
option(RATELINE_FUZZ "Build the libFuzzer targets (needs clang and libclang-rt-14-dev)" OFF)
if(RATELINE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "RATELINE_FUZZ needs clang (CXX=clang++): libFuzzer is part of clang")
  endif()
  target_compile_options(rateline PRIVATE -fsanitize=fuzzer-no-link)
  foreach(target tariff usage reads urdb batch)
    add_executable(fuzz_${target} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${target}.cpp)
    target_link_libraries(fuzz_${target} PRIVATE rateline)
    target_compile_options(fuzz_${target} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer)
  endforeach()
endif()
