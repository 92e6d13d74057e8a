# A test of the corpus tests' skip (cmake -P): one URDB corpus case runs through CTest as it
# is registered (build/tests/CTestTestfile.cmake, so with its real SKIP_REGULAR_EXPRESSION),
# with RATELINE_CORPUS_DIR at a directory that does not exist. CTest must report it
# "Skipped" (not passed), and "Failed" under CI=true. A directory of its own keeps the
# outer ctest run's logs apart.
#
#   cmake -DCTEST=<ctest> -DTESTS_DIR=<build>/tests -DWORK=<scratch dir> -P missing_corpus.cmake
foreach(var CTEST TESTS_DIR WORK)
  if(NOT ${var})
    message(FATAL_ERROR "missing_corpus.cmake needs -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/CTestTestfile.cmake" "include(\"${TESTS_DIR}/CTestTestfile.cmake\")\n")
set(case "^urdb corpus: 01-block-2tier-adj_fpl-residential-excerpt$")
set(missing "${WORK}/no-such-corpus")

execute_process(COMMAND ${CTEST} --test-dir ${WORK} -N -R ${case} OUTPUT_VARIABLE listed RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT listed MATCHES "Total Tests: 1\n")
  message(FATAL_ERROR "expected exactly one test matching ${case}:\n${listed}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=CI RATELINE_CORPUS_DIR=${missing} ${CTEST} --test-dir ${WORK} -R ${case} -V
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\\(Skipped\\)" OR NOT out MATCHES "RATELINE-TEST-SKIPPED: the URDB corpus is not at ${missing}")
  message(FATAL_ERROR "without the corpus (CI unset) the case must be reported Skipped; ctest said (exit ${rc}):\n${out}${err}")
endif()
message(STATUS "corpus absent, CI unset: Skipped")

execute_process(COMMAND ${CMAKE_COMMAND} -E env CI=true RATELINE_CORPUS_DIR=${missing} ${CTEST} --test-dir ${WORK} -R ${case} -V
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(rc EQUAL 0 OR NOT out MATCHES "\\*\\*\\*Failed" OR NOT out MATCHES "CI=true: shared test data must be present")
  message(FATAL_ERROR "without the corpus under CI=true the case must fail; ctest said (exit ${rc}):\n${out}${err}")
endif()
message(STATUS "corpus absent, CI=true: Failed")
