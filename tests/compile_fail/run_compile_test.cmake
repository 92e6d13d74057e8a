# Runs one compile test: cmake -DCXX=<compiler> -DSOURCE=<file.cpp> -DINCLUDES=<dir|dir>
#   -DEXPECT=fail|compile -P run_compile_test.cmake
#
# EXPECT=fail: passes only if the compiler rejects SOURCE, the diagnostics point into
# SOURCE itself, no "fatal error" (a missing include) occurred, and every
# "// expected-error: <regex>" line of SOURCE matches the compiler's output.
# EXPECT=compile: passes only if SOURCE compiles (the control).
cmake_minimum_required(VERSION 3.25)

foreach(var CXX SOURCE EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_compile_test.cmake: -D${var}=... is required")
  endif()
endforeach()

# INCLUDES may separate directories with "|" (easier to pass through add_test than ";").
string(REPLACE "|" ";" INCLUDES "${INCLUDES}")
set(include_flags)
foreach(dir IN LISTS INCLUDES)
  if(dir)
    list(APPEND include_flags "-I${dir}")
  endif()
endforeach()

# LC_ALL=C: plain ASCII quotes in messages, so the expected-error patterns stay simple.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C LANG=C
          ${CXX} -std=c++20 -fsyntax-only -fdiagnostics-color=never ${include_flags} ${SOURCE}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)

get_filename_component(name "${SOURCE}" NAME)
string(REPLACE "." "\\." name_regex "${name}")

if(EXPECT STREQUAL "compile")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "control ${name} must compile but did not (exit ${status}); "
      "every compile-fail result is meaningless until it does:\n${out}")
  endif()
  message(STATUS "${name} compiles, as it must")
  return()
endif()

if(status EQUAL 0)
  message(FATAL_ERROR "${name} compiled, but it must be rejected: the type system no longer "
    "stops this mistake.")
endif()
if(out MATCHES "fatal error")
  message(FATAL_ERROR "${name} failed for the wrong reason (fatal error, e.g. a missing include):\n${out}")
endif()
if(NOT out MATCHES "${name_regex}:[0-9]+:[0-9]+:")
  message(FATAL_ERROR "${name} failed, but no diagnostic points into it:\n${out}")
endif()

file(STRINGS "${SOURCE}" expectations REGEX "^// expected-error: ")
if(NOT expectations)
  message(FATAL_ERROR "${name} has no '// expected-error: <regex>' line saying which error it must produce")
endif()
foreach(line IN LISTS expectations)
  string(REGEX REPLACE "^// expected-error: " "" pattern "${line}")
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "${name} failed, but not with the expected error /${pattern}/:\n${out}")
  endif()
  message(STATUS "${name}: rejected with /${pattern}/, as it must be")
endforeach()
