# Golden bill cases (docs/bill-tests.md): each folder of tests/bills/ (one per tariff in
# tariffs/) is one CTest test, run as CI runs a billing team's suite: `rateline test --junit`.
file(GLOB bill_case_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/bills/*)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/bills)
foreach(dir IN LISTS bill_case_dirs)
  if(IS_DIRECTORY ${dir})
    get_filename_component(name ${dir} NAME)
    add_test(NAME bills.${name} COMMAND rateline_cli test ${dir} --junit ${CMAKE_CURRENT_BINARY_DIR}/bills/${name}.xml
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(bills.${name} PROPERTIES LABELS bills)
  endif()
endforeach()
add_test(NAME bills.every_tariff_has_cases COMMAND ${CMAKE_COMMAND} -DSOURCE=${PROJECT_SOURCE_DIR} -P ${PROJECT_SOURCE_DIR}/tests/bills/every_tariff_has_cases.cmake)
set_tests_properties(bills.every_tariff_has_cases PROPERTIES LABELS bills)
