#!/usr/bin/python3
"""Runs the Dask cluster tests for CTest (tests/dask.cmake). Without python3-distributed,
python3-dask, python3-pandas or pytest the test reports SKIPPED (exit 77, CTest's
SKIP_RETURN_CODE), except under CI=true, where a missing package is a failure.

    run_dask_tests.py TEST_FILE [pytest args...]
"""
import importlib.util
import os
import sys

# Dask's worker processes are spawned: they import this file again as __mp_main__, where
# it must do nothing (no second pytest run inside each worker).
if __name__ == "__main__":
    missing = [m for m in ("pytest", "pandas", "dask", "distributed") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"SKIPPED: python3 module(s) {', '.join(missing)} missing "
              "(scripts/build.sh installs python3-pytest python3-pandas python3-dask python3-distributed)")
        sys.exit(1 if os.environ.get("CI") == "true" else 77)

    import pytest  # noqa: E402

    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
