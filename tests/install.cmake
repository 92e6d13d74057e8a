# The library as an installed CMake package, used by examples/consumer.
add_test(NAME install.consumer
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} "-DSANITIZE=${RATELINE_SANITIZE}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/install/consumer_test.cmake)
set_tests_properties(install.consumer PROPERTIES LABELS install TIMEOUT 600 RESOURCE_LOCK install)

# The C API and the Python module from the installed copy (tests/install/embed_test.cmake).
add_test(NAME install.c_and_python
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DCC=${CMAKE_C_COMPILER}
          -DCXX=${CMAKE_CXX_COMPILER} -DLIBDIR=${CMAKE_INSTALL_LIBDIR} -DPYTHON_TOO=${RATELINE_BUILD_PYTHON} "-DSANITIZE=${RATELINE_SANITIZE}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/install/embed_test.cmake)
set_tests_properties(install.c_and_python PROPERTIES LABELS install TIMEOUT 600 RESOURCE_LOCK install)
