# Installs the library into a staging prefix, builds examples/consumer against it with
# find_package(rateline), and bills a bundled tariff with it.
set(stage ${BUILD_DIR}/install-stage)
set(consumer ${BUILD_DIR}/consumer-build)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${stage})
# A sanitized library links only into a sanitized program: the consumer gets the same flags.
set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags "-DCMAKE_CXX_FLAGS=-fsanitize=${SANITIZE}" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE}")
endif()
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/consumer -B ${consumer} -G Ninja -DCMAKE_PREFIX_PATH=${stage} -DCMAKE_BUILD_TYPE=Release
    ${sanitize_flags})
run(${CMAKE_COMMAND} --build ${consumer})
run(${consumer}/consumer ${SOURCE_DIR}/tariffs/georgia-power-tou-reo-10.tariff
    ${SOURCE_DIR}/examples/usage/georgia_tou_2024-07_10.csv 2024-07-01 2024-08-01)
if(NOT last_output MATCHES "Total +\\$[0-9]+\\.[0-9][0-9]")
  message(FATAL_ERROR "the consumer printed no total:\n${last_output}")
endif()
message(STATUS "${last_output}")
