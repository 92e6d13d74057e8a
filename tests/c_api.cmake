# The C API (include/rateline/rateline.h): doctest cases through the shared library
# librateline_c.so (what FFI callers load), the C example compiled as C99 with warnings as
# errors, run, and run under Valgrind to show that nothing leaks.   ctest -L c_api
file(GLOB c_api_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/c_api/*.cpp)
add_executable(rateline_c_api_tests ${c_api_test_sources})
target_link_libraries(rateline_c_api_tests PRIVATE rateline_c doctest::doctest Threads::Threads rateline_warnings)
target_include_directories(rateline_c_api_tests PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated)
doctest_discover_tests(rateline_c_api_tests PROPERTIES LABELS c_api)

add_executable(c_example ${PROJECT_SOURCE_DIR}/examples/c/bill.c)
set_target_properties(c_example PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF OUTPUT_NAME bill)
target_compile_options(c_example PRIVATE -Wall -Wextra -Werror -pedantic)
target_link_libraries(c_example PRIVATE rateline_c)

set(c_example_args ${PROJECT_SOURCE_DIR}/tariffs/georgia-power-tou-reo-10.tariff
    ${PROJECT_SOURCE_DIR}/examples/usage/georgia_tou_2024-07_10.csv 2024-07-01 2024-08-01)
add_test(NAME c_api.example COMMAND c_example ${c_example_args})
set_tests_properties(c_api.example PROPERTIES LABELS c_api
  PASS_REGULAR_EXPRESSION "On-Peak.*Total [0-9]+\\.[0-9][0-9] USD")
add_test(NAME c_api.example_bad_tariff COMMAND c_example ${PROJECT_SOURCE_DIR}/tests/data/tariffs/bad_unit.tariff
    ${PROJECT_SOURCE_DIR}/examples/usage/georgia_tou_2024-07_10.csv 2024-07-01 2024-08-01)
set_tests_properties(c_api.example_bad_tariff PROPERTIES LABELS c_api WILL_FAIL TRUE)

find_program(RATELINE_VALGRIND valgrind)
if(RATELINE_SANITIZE)
  # Valgrind cannot run a program built with ASan (both replace malloc and own the shadow memory);
  # the sanitizer build checks the same memory errors and leaks itself.
  add_test(NAME c_api.example_valgrind COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: valgrind cannot run an ASan build; ASan checks it here")
  set_tests_properties(c_api.example_valgrind PROPERTIES LABELS c_api SKIP_REGULAR_EXPRESSION "SKIPPED")
elseif(RATELINE_VALGRIND)
  # --errors-for-leak-kinds: anything lost is an error; memory still reachable at exit
  # (the tz database, the handle registry) is not a leak.
  add_test(NAME c_api.example_valgrind
    COMMAND ${RATELINE_VALGRIND} --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
            $<TARGET_FILE:c_example> ${c_example_args})
  set_tests_properties(c_api.example_valgrind PROPERTIES LABELS c_api TIMEOUT 600
    PASS_REGULAR_EXPRESSION "ERROR SUMMARY: 0 errors" FAIL_REGULAR_EXPRESSION "definitely lost: [1-9]")
else()
  add_test(NAME c_api.example_valgrind COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: valgrind is not installed (scripts/build.sh installs it)")
  set_tests_properties(c_api.example_valgrind PROPERTIES LABELS c_api SKIP_REGULAR_EXPRESSION "SKIPPED")
endif()

# docs/c-api.md's worked example, compiled (C99, warnings as errors) and run as written.
add_test(NAME c_api.docs_example
  COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER} -DINCLUDE_DIR=${PROJECT_SOURCE_DIR}/include -DLIB_DIR=$<TARGET_FILE_DIR:rateline_c>
          -DDOC=${PROJECT_SOURCE_DIR}/docs/c-api.md -DWORKDIR=${PROJECT_SOURCE_DIR} -DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR}/c_api_doc
          "-DSANITIZE=${RATELINE_SANITIZE}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/c_api/run_doc_example.cmake)
set_tests_properties(c_api.docs_example PROPERTIES LABELS c_api)

# The 8-thread test under Helgrind: a data race in billing (the shared tariff's caches, the
# handle registry) is an error even when this run's bills happen to come out equal.
if(RATELINE_VALGRIND AND NOT RATELINE_SANITIZE)
  add_test(NAME c_api.threads_helgrind
    COMMAND ${RATELINE_VALGRIND} --tool=helgrind --error-exitcode=9
            --suppressions=${CMAKE_CURRENT_SOURCE_DIR}/c_api/helgrind.supp $<TARGET_FILE:rateline_c_api_tests> "-tc=*8 threads*")
  set_tests_properties(c_api.threads_helgrind PROPERTIES LABELS c_api TIMEOUT 600 PASS_REGULAR_EXPRESSION "ERROR SUMMARY: 0 errors")
endif()
