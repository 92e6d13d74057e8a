# The command line: exit codes, messages and formats, as a user sees them.
set(cli_runner ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_cli.cmake)
function(cli_test name exit regex)
  add_test(NAME cli.${name}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> "-DARGS=${ARGN}" -DEXPECT_EXIT=${exit} "-DEXPECT_REGEX=${regex}"
            -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${cli_runner})
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
cli_test(bill_table 0 "On-Peak.*Total +\\$[0-9]+\\.[0-9][0-9]" bill ${georgia} --from 2024-07-01 --to 2024-08-01)
cli_test(bill_json 0 "\"line_items\": \\[.*\"kind\": \"energy\".*\"total\": \"[0-9]+\\.[0-9][0-9]\"" bill ${georgia} --from 2024-07-01 --to 2024-08-01 --format json)
cli_test(bill_csv 0 "from,to,id,label,kind,quantity,unit,rate,rate_unit,amount" bill ${georgia} --from 2024-07-01 --to 2024-08-01 --format csv)
cli_test(bill_monthly 0 "\"bills\": \\[.*\"period\".*\"2024-09-01\"" bill ${georgia} --from 2024-07-01 --to 2024-10-01 --cycle monthly --format json)
cli_test(bill_outside_usage 1 "error\\[B0005\\]: the usage" bill ${georgia} --from 2024-01-01 --to 2024-02-01)
cli_test(bill_bad_usage 1 "usage_bad_values.csv:3:.*abc" bill tariffs/georgia-power-tou-reo-10.tariff --usage tests/data/usage_bad_values.csv --from 2024-07-01 --to 2024-08-01)
cli_test(bill_bad_date 2 "--from and --to take dates" bill ${georgia} --from 2024-13-01 --to 2024-08-01)
cli_test(explain 0 "On-Peak.*×.*=" explain ${georgia} --from 2024-07-01 --to 2024-08-01)
cli_test(graph_dot 0 "digraph rate_graph" graph tariffs/georgia-power-tou-reo-10.tariff)
cli_test(bill_reads 0 "Energy Charge \\(estimated\\).*Total +\\$114.26" bill tariffs/willmar-residential.tariff --reads tests/data/reads_july.csv --from 2024-07-01 --to 2024-08-01)
cli_test(bill_no_usage 2 "give the usage" bill tariffs/willmar-residential.tariff --from 2024-07-01 --to 2024-08-01)
