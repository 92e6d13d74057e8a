# A test of the test suite (cmake -P): no doctest TEST_CASE name under tests/unit holds ';'.
# CTest splits such a name (a CMake list) into tests that each run no doctest case and pass.
#   cmake -DDIR=<repo>/tests/unit -P doctest_names.cmake
file(GLOB_RECURSE sources "${DIR}/*.cpp")
set(found "")
foreach(source IN LISTS sources)
  file(STRINGS ${source} lines REGEX "TEST_CASE\\(\"[^\"]*;")
  if(lines)
    string(APPEND found "\n  ${source}")
  endif()
endforeach()
if(found)
  message(FATAL_ERROR "TEST_CASE names holding ';' (CTest splits them into tests that run nothing: write ',' instead):${found}")
endif()
message(STATUS "no TEST_CASE name holds ';' (${DIR})")
