# rateline.dask on a LocalCluster (tests/dask/test_dask_*.py): 2 worker processes on
# loopback bill a generated population byte for byte as `rateline batch`, with one worker
# killed mid-run; bad partitions and tariffs named in the result. SKIPPED without
# python3-distributed (a failure under CI=true).   ctest -L dask
if(NOT RATELINE_BUILD_PYTHON)
  return()
endif()
file(GLOB dask_tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/dask/test_dask_*.py)
foreach(test_file IN LISTS dask_tests)
  get_filename_component(name ${test_file} NAME_WE)
  string(REGEX REPLACE "^test_dask_" "" name ${name})
  add_test(NAME dask.${name} COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/dask/run_dask_tests.py ${test_file}
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/dask)
  set_tests_properties(dask.${name} PROPERTIES LABELS "dask;python" TIMEOUT 240 SKIP_RETURN_CODE 77 RUN_SERIAL TRUE
    ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;RATELINE_SOURCE_DIR=${PROJECT_SOURCE_DIR};RATELINE_CLI=$<TARGET_FILE:rateline_cli>;PYTHONDONTWRITEBYTECODE=1")
endforeach()
