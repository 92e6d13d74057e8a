# The library as an installed CMake package, used by examples/consumer.
add_test(NAME install.consumer
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} "-DSANITIZE=${RATELINE_SANITIZE}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/install/consumer_test.cmake)
set_tests_properties(install.consumer PROPERTIES LABELS install TIMEOUT 600 RESOURCE_LOCK install)
