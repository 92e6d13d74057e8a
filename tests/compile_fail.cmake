# Compile-fail tests: every tests/compile_fail/*.cpp except the control must be rejected by
# the compiler with the error named in its "// expected-error:" lines (see
# compile_fail/run_compile_test.cmake). control_compiles.cpp must compile.
# ctest -L compile_fail
file(GLOB compile_fail_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/*.cpp)
set(compile_fail_includes "${PROJECT_SOURCE_DIR}/include")
if(Boost_INCLUDE_DIRS)
  list(APPEND compile_fail_includes ${Boost_INCLUDE_DIRS})
endif()
list(JOIN compile_fail_includes "|" compile_fail_includes_arg)
foreach(source IN LISTS compile_fail_sources)
  get_filename_component(name ${source} NAME_WE)
  if(name STREQUAL "control_compiles")
    set(expect compile)
  else()
    set(expect fail)
  endif()
  add_test(NAME compile_fail.${name}
    COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DSOURCE=${source}
            "-DINCLUDES=${compile_fail_includes_arg}" -DEXPECT=${expect}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/run_compile_test.cmake)
  set_tests_properties(compile_fail.${name} PROPERTIES LABELS compile_fail)
endforeach()
