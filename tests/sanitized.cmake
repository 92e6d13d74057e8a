# Sanitizers in CI (docs/limits.md, "Sanitizers"). A second full build under ASan + UBSan
# costs CI 11 minutes cold; the subset below costs a fraction of it and covers what meets
# untrusted input: the library, the CLI, the bad-input catalogue and the unit tests of the
# readers (usage, URDB import), of the hardening work (limits, findings, fuzz regressions) and
# of Text (a line item's label: its own storage, in place or on the heap).
#
# Under RATELINE_SANITIZE the subset has its own test program, so the sanitized build does
# not have to compile every unit test:
#   cmake --build build-asan --target rateline_cli rateline_sanitized_tests
# A normal build given RATELINE_SANITIZED_DIR (scripts/build.sh sets it when CI=true) runs
# that build's programs as its own tests `sanitized.*`, so CI's one ctest runs them too.
if(RATELINE_SANITIZE)
  file(GLOB sanitized_test_sources CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/unit/hardening/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/unit/usage/*.cpp
       ${CMAKE_CURRENT_SOURCE_DIR}/unit/import/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/unit/core/text_test.cpp)
  add_executable(rateline_sanitized_tests ${CMAKE_CURRENT_SOURCE_DIR}/unit/main.cpp ${sanitized_test_sources})
  target_link_libraries(rateline_sanitized_tests PRIVATE rateline doctest::doctest date::date-tz fmt::fmt
                        nlohmann_json::nlohmann_json rateline_warnings)
  target_include_directories(rateline_sanitized_tests PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests
                             ${CMAKE_CURRENT_BINARY_DIR}/generated)
  # Not part of `all`: the full sanitized build already runs these cases in rateline_tests.
  set_target_properties(rateline_sanitized_tests PROPERTIES EXCLUDE_FROM_ALL ON)
endif()

set(RATELINE_SANITIZED_DIR "" CACHE PATH
    "A build directory configured with RATELINE_SANITIZE whose rateline and rateline_sanitized_tests this build's CTest runs")
if(RATELINE_SANITIZED_DIR)
  set(sanitizer_env "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1"
                    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  add_test(NAME sanitized.unit_tests COMMAND ${RATELINE_SANITIZED_DIR}/tests/rateline_sanitized_tests)
  add_test(NAME sanitized.bad_inputs
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/bad_inputs/run.py --cli ${RATELINE_SANITIZED_DIR}/rateline
            --root ${PROJECT_SOURCE_DIR} --sanitized)
  set_tests_properties(sanitized.unit_tests sanitized.bad_inputs PROPERTIES
    LABELS sanitized TIMEOUT 1200 ENVIRONMENT "${sanitizer_env}")
endif()
