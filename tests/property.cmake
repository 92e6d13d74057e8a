# Property tests: rateline::Decimal against Python's decimal module on thousands of random
# operations (tests/property/decimal_vs_python.py). Two runs: a fixed seed (the same cases
# every time; a failure names the seed and the command that reproduces it) and a fresh
# seed (new cases every run, seed printed). Only the standard library of python3 is used.
# ctest -L property
set(RATELINE_TEST_PYTHON /usr/bin/python3 CACHE FILEPATH "python3 for the script tests (standard library only)")

add_executable(decimal_oracle ${CMAKE_CURRENT_SOURCE_DIR}/property/decimal_oracle.cpp)
target_link_libraries(decimal_oracle PRIVATE rateline rateline_warnings)

add_test(NAME property.decimal_vs_python.fixed_seed
  COMMAND ${RATELINE_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/property/decimal_vs_python.py
          --oracle $<TARGET_FILE:decimal_oracle> --seed 20240917 --cases 10000)
add_test(NAME property.decimal_vs_python.fresh_seed
  COMMAND ${RATELINE_TEST_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/property/decimal_vs_python.py
          --oracle $<TARGET_FILE:decimal_oracle> --fresh --cases 5000)
set_tests_properties(property.decimal_vs_python.fixed_seed property.decimal_vs_python.fresh_seed
  PROPERTIES LABELS property TIMEOUT 300)
