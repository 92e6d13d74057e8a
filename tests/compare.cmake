# rateline compare and review (docs/compare-and-review.md) on generated data, and the
# browser test of their HTML reports. The data: tests/compare/make_compare_data.py.
set(compare_data ${CMAKE_BINARY_DIR}/compare-data)
add_test(NAME compare.make_data
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/compare/make_compare_data.py --rateline $<TARGET_FILE:rateline_cli> --out ${compare_data})
set_tests_properties(compare.make_data PROPERTIES FIXTURES_SETUP compare_data LABELS compare)

add_test(NAME compare.pytest
  COMMAND /usr/bin/python3 -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_SOURCE_DIR}/compare
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(compare.pytest PROPERTIES FIXTURES_REQUIRED compare_data LABELS compare
  ENVIRONMENT "RATELINE_CLI=$<TARGET_FILE:rateline_cli>;COMPARE_DATA=${compare_data}")

# Headless Chromium (Debian chromium, chromium-driver, python3-selenium): SKIPPED when it
# is not installed, a failure under CI=true.
add_test(NAME compare.browser
  COMMAND /usr/bin/python3 -m pytest -q -rs -p no:cacheprovider ${CMAKE_CURRENT_SOURCE_DIR}/browser
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(compare.browser PROPERTIES FIXTURES_REQUIRED compare_data LABELS "compare;browser"
  SKIP_REGULAR_EXPRESSION "headless chromium is not installed"
  ENVIRONMENT "RATELINE_CLI=$<TARGET_FILE:rateline_cli>;COMPARE_DATA=${compare_data};SCREENSHOT_DIR=${CMAKE_BINARY_DIR}/browser-screenshots")
