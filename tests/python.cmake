# The Python module (bindings/python): each tests/python/test_*.py is one CTest test run by
# pytest with /usr/bin/python3 against the build tree's package; the example under
# examples/python/ and the worked example of docs/python.md run too. Without pytest or
# pandas a test reports SKIPPED (CI=true makes that a failure).   ctest -L python
if(NOT RATELINE_BUILD_PYTHON)
  return()
endif()
set(python_env "PYTHONPATH=${PROJECT_BINARY_DIR}/python" "RATELINE_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "PYTHONDONTWRITEBYTECODE=1")
file(GLOB python_tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/python/test_*.py)
foreach(test_file IN LISTS python_tests)
  get_filename_component(name ${test_file} NAME_WE)
  string(REGEX REPLACE "^test_" "" name ${name})
  add_test(NAME python.${name} COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/python/run_pytest.py ${test_file}
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/python)
  set_tests_properties(python.${name} PROPERTIES LABELS python ENVIRONMENT "${python_env}" SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()

add_test(NAME python.example COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/examples/python/bill_with_pandas.py
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(python.example PROPERTIES LABELS python ENVIRONMENT "${python_env}"
  PASS_REGULAR_EXPRESSION "Total 79.10 USD.*July .. September: 3 bills, 2[0-9][0-9]\\.[0-9][0-9] USD")
if(NOT "$ENV{CI}" STREQUAL "true")  # without pandas the example cannot run: SKIPPED, except in CI
  set_tests_properties(python.example PROPERTIES SKIP_REGULAR_EXPRESSION "No module named 'pandas'")
endif()

# docs/python.md's worked example, extracted and run as written.
add_test(NAME python.docs_example
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/python/run_doc_example.py ${PROJECT_SOURCE_DIR}/docs/python.md
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(python.docs_example PROPERTIES LABELS python ENVIRONMENT "${python_env}" SKIP_RETURN_CODE 77)
