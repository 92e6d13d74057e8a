# A large valid usage file bills in memory that does not grow with its text
# (docs/limits.md, "Memory on a large valid usage file"): a 50 MB file must peak under the
# stated limit, and bill the same as the same rows read whole. Peak memory means nothing
# under a sanitizer, so that build leaves the test out.
if(NOT RATELINE_SANITIZE)
  add_test(NAME memory.large_usage_file
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/usage_memory/check_peak.py --cli $<TARGET_FILE:rateline_cli>
            --root ${PROJECT_SOURCE_DIR} --bytes 50e6 --limit-mb 32)
  set_tests_properties(memory.large_usage_file PROPERTIES LABELS memory TIMEOUT 300)
endif()
