"""Shared fixtures: the source tree's paths and a compiled bundled tariff. The module under
test is found on PYTHONPATH (the build tree's python/ directory, set by tests/python.cmake)."""
import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("RATELINE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
GEORGIA = SOURCE / "tariffs/georgia-power-tou-reo-10.tariff"
GEORGIA_USAGE = SOURCE / "examples/usage/georgia_tou_2024-07_10.csv"


@pytest.fixture(scope="session")
def georgia():
    import rateline
    return rateline.compile(GEORGIA)
