# `rateline bill ... --format test > FILE` and then `rateline test FILE`: a recorded case
# passes as it is, with its paths relative to the folder it was written to.
#   -DCLI=path -DARGS="bill;...;--format;test" -DOUT=dir/case.toml -DWORKDIR=dir
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc OUTPUT_FILE ${OUT} ERROR_VARIABLE err WORKING_DIRECTORY ${WORKDIR})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "recording: exit code ${rc}:\n${err}")
endif()
execute_process(COMMAND ${CLI} test ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY ${dir})
if(NOT rc EQUAL 0 OR NOT out MATCHES "PASS ")
  file(READ ${OUT} recorded)
  message(FATAL_ERROR "the recorded case does not pass (exit ${rc}):\n${out}${err}\n--- the case\n${recorded}")
endif()
