#!/usr/bin/python3
"""Runs one pytest file for CTest (tests/python.cmake). Without pytest or pandas the test
reports SKIPPED (exit 77, CTest's SKIP_RETURN_CODE), except under CI=true, where a missing
dependency is a failure: CI must run these tests.

    run_pytest.py TEST_FILE [pytest args...]
"""
import importlib.util
import os
import sys

missing = [m for m in ("pytest", "pandas") if importlib.util.find_spec(m) is None]
if missing:
    print(f"SKIPPED: python3 module(s) {', '.join(missing)} missing (scripts/build.sh installs python3-pytest python3-pandas)")
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

import pytest  # noqa: E402

sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
