# Architecture test: #includes respect the layers of docs/architecture.md
# (tests/architecture/check_layers.py). The self-test runs the checker on a small fake tree
# with deliberate violations, so a checker that silently finds nothing fails.
# ctest -L architecture
set(RATELINE_TEST_PYTHON /usr/bin/python3 CACHE FILEPATH "python3 for the script tests (standard library only)")

add_test(NAME architecture.layers
  COMMAND ${RATELINE_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/architecture/check_layers.py --root ${PROJECT_SOURCE_DIR})
add_test(NAME architecture.self_test
  COMMAND ${RATELINE_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/architecture/check_layers.py --self-test)
# docs/architecture.md names only rooms that exist (tests/architecture/check_doc_paths.py).
add_test(NAME architecture.doc_paths
  COMMAND ${RATELINE_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/architecture/check_doc_paths.py --root ${PROJECT_SOURCE_DIR})
add_test(NAME architecture.doc_paths_self_test
  COMMAND ${RATELINE_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/architecture/check_doc_paths.py --self-test)
set_tests_properties(architecture.layers architecture.self_test architecture.doc_paths architecture.doc_paths_self_test
  PROPERTIES LABELS architecture TIMEOUT 60)
