"""Shared paths of the compare/review tests: the CLI and the generated data (compare.cmake)."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli():
    return os.environ.get("RATELINE_CLI", str(ROOT / "build" / "rateline"))


@pytest.fixture(scope="session")
def data():
    path = Path(os.environ.get("COMPARE_DATA", ROOT / "build" / "compare-data"))
    if not (path / "pop" / "accounts.csv").exists():
        pytest.fail(f"no generated data in {path}: run the compare.make_data test first")
    return path
