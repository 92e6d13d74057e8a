# Installs rateline into a staging prefix and uses the C API and the Python module from
# the installed copy only: the C example and docs/c-api.md's worked example compiled with
# `cc -std=c99 -Wall -Wextra -Werror` against the installed header and librateline_c.so,
# the umbrella C++ header compiled on its own, and `import rateline` found on the
# installed dist-packages (not the build tree) running examples/python.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DCC=cc -DCXX=c++ -DLIBDIR=lib -DPYTHON_TOO=ON [-DSANITIZE=...] -P embed_test.cmake
# A sanitized build's C library links only into a sanitized program: SANITIZE gives the C programs the same flag.
set(stage ${BUILD_DIR}/install-stage-embed)
set(work ${BUILD_DIR}/install-embed-work)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
file(REMOVE_RECURSE ${stage} ${work})
file(MAKE_DIRECTORY ${work})
set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags -fsanitize=${SANITIZE})
endif()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${stage})
foreach(installed include/rateline/rateline.h include/rateline/rateline.hpp ${LIBDIR}/librateline_c.so)
  if(NOT EXISTS ${stage}/${installed})
    message(FATAL_ERROR "cmake --install did not install ${installed}")
  endif()
endforeach()

# C, from the installed header and shared library.
run(${CC} -std=c99 -Wall -Wextra -Werror -pedantic ${sanitize_flags} ${SOURCE_DIR}/examples/c/bill.c -I${stage}/include -L${stage}/${LIBDIR}
    -lrateline_c -Wl,-rpath,${stage}/${LIBDIR} -o ${work}/bill)
run(${work}/bill ${SOURCE_DIR}/tariffs/georgia-power-tou-reo-10.tariff ${SOURCE_DIR}/examples/usage/georgia_tou_2024-07_10.csv
    2024-07-01 2024-08-01)
if(NOT last_output MATCHES "Total 79\\.10 USD")
  message(FATAL_ERROR "the installed C example printed no total:\n${last_output}")
endif()
run(${CMAKE_COMMAND} -DCC=${CC} -DINCLUDE_DIR=${stage}/include -DLIB_DIR=${stage}/${LIBDIR} -DDOC=${SOURCE_DIR}/docs/c-api.md "-DSANITIZE=${SANITIZE}"
    -DWORKDIR=${SOURCE_DIR} -DOUT_DIR=${work}/doc -P ${SOURCE_DIR}/tests/c_api/run_doc_example.cmake)

# The umbrella C++ header stands alone.
file(WRITE ${work}/umbrella.cpp "#include <rateline/rateline.hpp>\nint main() { return rateline::Decimal(1).is_zero() ? 1 : 0; }\n")
run(${CXX} -std=c++20 -fsyntax-only -I${stage}/include ${work}/umbrella.cpp)

# Python, from the installed package only.
if(PYTHON_TOO)
  file(GLOB_RECURSE init ${stage}/*.py)
  list(FILTER init INCLUDE REGEX "/dist-packages/rateline/__init__\\.py$")
  if(NOT init)
    message(FATAL_ERROR "cmake --install put no rateline package under ${stage}/.../dist-packages")
  endif()
  list(GET init 0 init)
  get_filename_component(package ${init} DIRECTORY)
  get_filename_component(site ${package} DIRECTORY)
  # Installed under the default prefix, the same directory must be on python3's own path.
  file(RELATIVE_PATH relative ${stage} ${site})
  run(/usr/bin/python3 -c "import sys\nprint('/usr/local/${relative}' in sys.path)")
  if(NOT last_output MATCHES "^True")
    message(FATAL_ERROR "/usr/local/${relative} is not on /usr/bin/python3's sys.path: set RATELINE_PYTHON_INSTALL_DIR")
  endif()
  run(${CMAKE_COMMAND} -E env PYTHONPATH=${site} PYTHONDONTWRITEBYTECODE=1
      /usr/bin/python3 -c "import rateline\nprint(rateline.__file__, rateline.__version__)")
  if(NOT last_output MATCHES "^${site}/rateline/__init__.py")
    message(FATAL_ERROR "python3 imported rateline from elsewhere: ${last_output}")
  endif()
  execute_process(COMMAND /usr/bin/python3 -c "import pandas" RESULT_VARIABLE no_pandas OUTPUT_QUIET ERROR_QUIET)
  if(no_pandas)
    message(STATUS "pandas is missing: the installed module imported; the pandas example is not run")
  else()
    execute_process(COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${site} PYTHONDONTWRITEBYTECODE=1
                            /usr/bin/python3 ${SOURCE_DIR}/examples/python/bill_with_pandas.py
                    WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "Total 79\\.10 USD")
      message(FATAL_ERROR "examples/python with the installed module failed (${rc}):\n${out}\n${err}")
    endif()
  endif()
endif()
message(STATUS "the installed C API and Python module work")
