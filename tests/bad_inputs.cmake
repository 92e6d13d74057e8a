# The bad-input catalogue (tests/bad_inputs/, docs/limits.md): every case run through the
# CLI under a time and memory bound. Under a sanitizer build the memory bound is off
# (ASan reserves terabytes of address space) and the time bound is 5x.
set(bad_inputs_flags "")
if(RATELINE_SANITIZE)
  set(bad_inputs_flags --sanitized)
endif()
add_test(NAME bad_inputs.catalogue
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/bad_inputs/run.py --cli $<TARGET_FILE:rateline_cli>
          --root ${PROJECT_SOURCE_DIR} ${bad_inputs_flags})
set_tests_properties(bad_inputs.catalogue PROPERTIES LABELS bad_inputs TIMEOUT 900)
