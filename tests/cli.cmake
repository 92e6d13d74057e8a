# The command line: exit codes, messages and formats, as a user sees them.
set(cli_runner ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_cli.cmake)
function(cli_test name exit regex)
  add_test(NAME cli.${name}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> "-DARGS=${ARGN}" -DEXPECT_EXIT=${exit} "-DEXPECT_REGEX=${regex}"
            -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${cli_runner})
  set_tests_properties(cli.${name} PROPERTIES LABELS cli)
endfunction()

# The whole output (stdout, then stderr) compared with tests/cli/golden/NAME.out, byte for byte.
# RATELINE_UPDATE_GOLDEN=1 ctest -R cli.NAME rewrites the file (review it with git diff).
function(cli_golden name exit)
  add_test(NAME cli.${name}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> "-DARGS=${ARGN}" -DEXPECT_EXIT=${exit}
            -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/cli/golden/${name}.out -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_golden.cmake)
  set_tests_properties(cli.${name} PROPERTIES LABELS cli)
endfunction()

file(GLOB bundled_tariffs RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tariffs/*.tariff)
cli_test(check_bundled_tariffs 0 "ok" check ${bundled_tariffs})
cli_test(check_unit_mismatch 1 "bad_unit.tariff:7:49: error\\[E0301\\]: a \\$/kW price cannot apply to energy \\(kWh\\)\n 7 \\|   charge energy \"Energy Charge\" on energy: 8.50 \\$/kW\n   \\|                                                 \\^\\^\\^\\^"
         check tests/data/tariffs/bad_unit.tariff)
cli_test(check_tou_gap 1 "error\\[E0211\\]: Sat 2024-01-06 00:00 is in no TOU period" check tests/data/tariffs/tou_gap.tariff)
cli_test(check_import_missing 1 "error\\[E0002\\]: cannot find `no-such.calendar`" check tests/data/tariffs/imports_missing.tariff)
cli_test(check_import_cycle 1 "error\\[E0003\\]: import cycle" check tests/data/tariffs/imports_cycle.tariff)
cli_test(check_missing_file 1 "cannot read" check tests/data/tariffs/does-not-exist.tariff)
set(georgia tariffs/georgia-power-tou-reo-10.tariff --usage examples/usage/georgia_tou_2024-07_10.csv)
# Georgia Power July 2024, $79.10 as worked out by hand in tests/bills/georgia-power-tou-reo-10/.
cli_golden(bill_table 0 bill ${georgia} --from 2024-07-01 --to 2024-08-01)
cli_test(bill_json 0 "\"line_items\": \\[.*\"kind\": \"energy\".*\"total\": \"[0-9]+\\.[0-9][0-9]\"" bill ${georgia} --from 2024-07-01 --to 2024-08-01 --format json)
cli_golden(bill_csv 0 bill ${georgia} --from 2024-07-01 --to 2024-08-01 --format csv)
cli_test(bill_monthly 0 "\"bills\": \\[.*\"period\".*\"2024-09-01\"" bill ${georgia} --from 2024-07-01 --to 2024-10-01 --cycle monthly --format json)
cli_test(bill_outside_usage 1 "error\\[B0005\\]: the usage" bill ${georgia} --from 2024-01-01 --to 2024-02-01)
cli_test(bill_bad_usage 1 "usage_bad_values.csv:3:.*abc" bill tariffs/georgia-power-tou-reo-10.tariff --usage tests/data/usage_bad_values.csv --from 2024-07-01 --to 2024-08-01)
cli_test(bill_bad_date 2 "--from and --to take dates" bill ${georgia} --from 2024-13-01 --to 2024-08-01)
cli_test(explain 0 "On-Peak.*×.*=" explain ${georgia} --from 2024-07-01 --to 2024-08-01)
cli_test(graph_dot 0 "digraph rate_graph" graph tariffs/georgia-power-tou-reo-10.tariff)
cli_test(bill_reads 0 "Energy Charge \\(estimated\\).*Total +\\$114.26" bill tariffs/willmar-residential.tariff --reads tests/data/reads_july.csv --from 2024-07-01 --to 2024-08-01)
cli_test(bill_no_usage 2 "give the usage" bill tariffs/willmar-residential.tariff --from 2024-07-01 --to 2024-08-01)
cli_test(check_nerc_calendar_import 0 "ok" check tests/data/tariffs/nerc_tou.tariff)

# rateline test (docs/bill-tests.md): PASS/FAIL and the diff as a person reads it, every exit
# code, broken case files at file:line:col, rate-change mode, --update, --junit, recording.
set(cases tests/cli/test_command)
cli_golden(test_pass 0 test ${cases}/cases)
cli_golden(test_fail_diff 1 test ${cases}/failing)
foreach(broken syntax unknown-key missing-tariff not-a-decimal not-covered bad-inline-usage wrong-values)
  cli_golden(test_broken_${broken} 2 test ${cases}/broken/${broken}.toml)
endforeach()
# A broken case stops nothing: the others run and are reported, and the exit code is 2.
cli_golden(test_broken_and_others 2 test ${cases}/broken/syntax.toml ${cases}/failing ${cases}/cases)
# Exact decimals however they are written; a cent off fails; a refused bill and a tariff
# that does not compile fail with their diagnostics.
cli_golden(test_exact_numbers 0 test ${cases}/edge/exact-numbers.toml)
cli_golden(test_off_by_a_cent 1 test ${cases}/edge/off-by-a-cent.toml)
cli_golden(test_refused_bill 1 test ${cases}/edge/refused.toml)
cli_golden(test_tariff_does_not_compile 1 test ${cases}/edge/tariff-does-not-compile.toml)
cli_golden(test_not_refused 1 test ${cases}/edge/not-refused.toml)
cli_golden(test_rate_change 1 test ${cases}/cases --tariff ${cases}/willmar-new-rates.tariff)
cli_golden(test_rate_change_expected 0 test ${cases}/cases --tariff ${cases}/willmar-new-rates.tariff --expect-changes)
cli_golden(test_expect_changes_alone 2 test ${cases}/cases --expect-changes)
cli_golden(test_no_such_path 2 test ${cases}/no-such-folder)
cli_golden(bill_format_test 0 bill ${georgia} --from 2024-07-01 --to 2024-08-01 --attribute zone=north --format test)
add_test(NAME cli.test_update
  COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> -DCASE=${PROJECT_SOURCE_DIR}/${cases}/update/july-2024.toml
          -DTARIFF=${PROJECT_SOURCE_DIR}/${cases}/willmar-new-rates.tariff
          -DGOLDEN=${PROJECT_SOURCE_DIR}/${cases}/update/july-2024.toml.updated -DSCRATCH=${CMAKE_CURRENT_BINARY_DIR}/cli/update
          -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/update_case.cmake)
# A case without [[expect]] gets one per bill of its cycle appended.
add_test(NAME cli.test_update_appends
  COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> -DCASE=${PROJECT_SOURCE_DIR}/${cases}/update/no-expectations.toml
          -DTARIFF=${PROJECT_SOURCE_DIR}/${cases}/willmar-new-rates.tariff
          -DGOLDEN=${PROJECT_SOURCE_DIR}/${cases}/update/no-expectations.toml.updated -DSCRATCH=${CMAKE_CURRENT_BINARY_DIR}/cli/update-appends
          -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/update_case.cmake)
# Line items several to a line get the array rewritten one per line; `lines = []` is filled.
add_test(NAME cli.test_update_compact
  COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> -DCASE=${PROJECT_SOURCE_DIR}/${cases}/update/compact.toml
          -DTARIFF=${PROJECT_SOURCE_DIR}/${cases}/willmar-new-rates.tariff
          -DGOLDEN=${PROJECT_SOURCE_DIR}/${cases}/update/compact.toml.updated -DSCRATCH=${CMAKE_CURRENT_BINARY_DIR}/cli/update-compact
          -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/update_case.cmake)
add_test(NAME cli.bill_record_then_test
  COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli>
          "-DARGS=bill;tariffs/osage-large-industrial.tariff;--usage;tests/bills/osage-large-industrial/usage/osage_2024-07_08.csv;--from;2024-07-01;--to;2024-09-01;--cycle;monthly;--format;test"
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/cli/recorded/osage.toml -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/record_case.cmake)
add_test(NAME cli.test_junit
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/check_junit.py $<TARGET_FILE:rateline_cli> ${PROJECT_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/cli/junit.xml)
set_tests_properties(cli.test_update cli.test_update_appends cli.test_update_compact cli.bill_record_then_test cli.test_junit PROPERTIES LABELS cli)
# A month without usage: the zero tier line is left off the table unless asked for (docs/json-format.md, "The table").
set(no_use examples/language/tiers_first_next.tariff --reads tests/data/reads/no_use_july.csv --from 2024-07-01 --to 2024-08-01)
cli_golden(bill_zero_lines_left_off 0 bill ${no_use})
cli_golden(bill_zero_lines_shown 0 bill ${no_use} --show-zero-lines)

# main.cpp builds only the subcommand its first argument names; help, --version and a
# mistyped subcommand still see all of them.
cli_test(help_lists_every_subcommand 0 "check.*bill.*explain.*graph.*import.*test.*batch.*compare.*review" --help)
cli_test(version 0 "rateline 0\\.1\\.0" --version)
cli_test(unknown_subcommand 2 "A subcommand is required" bil tariffs/willmar-residential.tariff)
cli_test(subcommand_help 0 "--usage.*--from.*--cycle" bill --help)
cli_test(subcommand_option_of_another 2 "not expected: a.csv --accounts" bill tariffs/willmar-residential.tariff --from 2024-07-01 --to 2024-08-01 --accounts a.csv)

# The one-shot heap's layout (src/cli/process_heap.cpp), in its own process.
add_executable(process_heap_test ${CMAKE_CURRENT_SOURCE_DIR}/cli/process_heap_test.cpp ${PROJECT_SOURCE_DIR}/src/cli/process_heap.cpp)
target_include_directories(process_heap_test PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(process_heap_test PRIVATE doctest::doctest rateline_warnings)
add_test(NAME cli.process_heap_layout COMMAND process_heap_test)
set_tests_properties(cli.process_heap_layout PROPERTIES LABELS cli TIMEOUT 60)

# The batch heap's reuse of freed blocks (src/cli/process_heap.cpp), in its own process.
add_executable(batch_heap_test ${CMAKE_CURRENT_SOURCE_DIR}/cli/batch_heap_test.cpp ${PROJECT_SOURCE_DIR}/src/cli/process_heap.cpp)
target_include_directories(batch_heap_test PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(batch_heap_test PRIVATE doctest::doctest rateline_warnings Threads::Threads)
add_test(NAME cli.batch_heap_reuse COMMAND batch_heap_test)
set_tests_properties(cli.batch_heap_reuse PROPERTIES LABELS cli TIMEOUT 60)

# The executable is linked statically unless asked otherwise (CMakeLists.txt): a one-shot
# command starts without a dynamic loader.
if(RATELINE_STATIC_CLI AND NOT RATELINE_SANITIZE)
  add_test(NAME cli.executable_is_static COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/check_static.py $<TARGET_FILE:rateline_cli>)
  set_tests_properties(cli.executable_is_static PROPERTIES LABELS cli TIMEOUT 60)
endif()
