# Runs the CLI and compares its whole output (standard output, then standard error) with a
# golden file, byte for byte, and its exit code.
#   -DCLI=path -DARGS="a;b" -DEXPECT_EXIT=1 -DGOLDEN=tests/cli/x.out -DWORKDIR=dir
# RATELINE_UPDATE_GOLDEN=1 in the environment rewrites the golden file instead (then review
# the change with git diff).
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY ${WORKDIR})
set(all "${out}${err}")
if(NOT rc EQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_EXIT}:\n${all}")
endif()
if("$ENV{RATELINE_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${GOLDEN} "${all}")
  message(STATUS "rewrote ${GOLDEN}")
  return()
endif()
file(READ ${GOLDEN} want)
if(NOT all STREQUAL want)
  string(REPLACE ".out" ".actual" actual_file ${GOLDEN})
  get_filename_component(actual_name ${actual_file} NAME)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${actual_name} "${all}")
  message(FATAL_ERROR "output differs from ${GOLDEN} (the output is in ${CMAKE_CURRENT_BINARY_DIR}/${actual_name}):\n--- expected\n${want}\n--- got\n${all}")
endif()
