# Every tariff in tariffs/ has golden bill cases: a folder tests/bills/<tariff name> with at
# least one *.toml. A new tariff comes with its hand-worked bills (docs/bill-tests.md).
#   cmake -DSOURCE=<project dir> -P tests/bills/every_tariff_has_cases.cmake
file(GLOB tariffs ${SOURCE}/tariffs/*.tariff)
set(missing "")
foreach(tariff IN LISTS tariffs)
  get_filename_component(name ${tariff} NAME_WE)
  file(GLOB_RECURSE cases ${SOURCE}/tests/bills/${name}/*.toml)
  if(NOT cases)
    string(APPEND missing "  tariffs/${name}.tariff: no cases in tests/bills/${name}/\n")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "tariffs without golden bill cases (write them by hand from the rate sheet, or start from "
                      "`rateline bill ... --format test`; docs/bill-tests.md):\n${missing}")
endif()
list(LENGTH tariffs count)
message(STATUS "all ${count} tariffs have golden bill cases")
