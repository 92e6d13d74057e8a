# The reference biller and random tariff generator (tests/reference): compiled into the
# doctest executable for the `reference:` tests in tests/unit/reference.
target_sources(rateline_tests PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/reference/generator.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/reference/reference_biller.cpp)
