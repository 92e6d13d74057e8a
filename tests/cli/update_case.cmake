# `rateline test --update` on a copy of a case: the copy must come out as the golden file
# (only the expected values rewritten, comments and order kept), and then pass.
#   -DCLI=path -DCASE=.../update/x.toml -DTARIFF=the tariff it names (copied beside it) -DGOLDEN=...toml.updated
#   -DSCRATCH=dir -DWORKDIR=dir
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
get_filename_component(name ${CASE} NAME)
file(COPY ${CASE} ${TARIFF} DESTINATION ${SCRATCH})
execute_process(COMMAND ${CLI} test ${SCRATCH}/${name} --update RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY ${WORKDIR})
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "--update of a failing case: exit code ${rc}, expected 1:\n${out}${err}")
endif()
if(NOT out MATCHES "updated ")
  message(FATAL_ERROR "--update did not say it updated the case:\n${out}${err}")
endif()
file(READ ${SCRATCH}/${name} got)
file(READ ${GOLDEN} want)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "the updated case differs from ${GOLDEN}:\n--- expected\n${want}\n--- got\n${got}")
endif()
execute_process(COMMAND ${CLI} test ${SCRATCH}/${name} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY ${WORKDIR})
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the updated case does not pass (exit ${rc}):\n${out}${err}")
endif()
