# Runs the CLI and checks its exit code and output.
#   -DCLI=path -DARGS="a;b" -DEXPECT_EXIT=1 -DEXPECT_REGEX="..." [-DEXPECT_NO_REGEX="..."]
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY ${WORKDIR})
set(all "${out}${err}")
if(NOT rc EQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_EXIT}:\n${all}")
endif()
if(DEFINED EXPECT_REGEX AND NOT all MATCHES "${EXPECT_REGEX}")
  message(FATAL_ERROR "output does not match '${EXPECT_REGEX}':\n${all}")
endif()
if(DEFINED EXPECT_NO_REGEX AND all MATCHES "${EXPECT_NO_REGEX}")
  message(FATAL_ERROR "output matches '${EXPECT_NO_REGEX}' but should not:\n${all}")
endif()
message(STATUS "${all}")
