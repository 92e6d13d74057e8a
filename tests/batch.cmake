# `rateline batch` end to end (tests/batch/batch_cli_tests.py): output bytes across thread
# counts and reruns, exceptions = the generator's deliberately bad accounts, an interrupted
# run and a failing write leaving no output, the memory bound, accounts table errors.
# Peak memory means nothing under a sanitizer (shadow memory, the quarantine of freed blocks):
# that build leaves the memory bound out.
set(batch_cli_cases threads_and_reruns exceptions_match_bad_data interrupted_run full_disk accounts_table_error)
if(NOT RATELINE_SANITIZE)
  list(APPEND batch_cli_cases memory_bound)
endif()
foreach(name ${batch_cli_cases})
  add_test(NAME batch.${name}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_cli_tests.py
            --cli $<TARGET_FILE:rateline_cli> --root ${PROJECT_SOURCE_DIR} ${name})
  set_tests_properties(batch.${name} PROPERTIES LABELS batch TIMEOUT 300)
endforeach()

# Tariffs of several services in `rateline batch` and `rateline compare --accounts`
# (tests/batch/batch_services_tests.py): usage per meter, the Salem VA total, exceptions.
foreach(name salem_total mixed_population exceptions compare)
  add_test(NAME batch.services_${name}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_services_tests.py
            --cli $<TARGET_FILE:rateline_cli> --root ${PROJECT_SOURCE_DIR} ${name})
  set_tests_properties(batch.services_${name} PROPERTIES LABELS batch TIMEOUT 120)
endforeach()
