"""rateline.import_urdb: URDB JSON to tariff text, then a bill; errors as UrdbError."""
import json
from decimal import Decimal

import pandas as pd
import pytest

import rateline

FLAT = {"name": "Flat", "utility": "Test Utility", "startdate": 1704067200,
        "energyratestructure": [[{"rate": 0.1, "adj": 0.0123, "unit": "kWh"}]],
        "fixedchargefirstmeter": 9.5, "fixedchargeunits": "$/month"}


def test_import_compile_bill():
    text = rateline.import_urdb(json.dumps(FLAT), time_zone="America/New_York")
    tariff = rateline.compile(text, name="flat.tariff")
    index = pd.date_range("2024-07-01", "2024-08-01", freq="h", inclusive="left", tz="America/New_York")
    bill = tariff.bill(pd.Series(["1"] * len(index), index=index), "2024-07-01", "2024-08-01")
    assert bill.total == Decimal("9.5") + Decimal("744") * Decimal("0.1123")


def test_bad_json_is_a_urdb_error():
    with pytest.raises(rateline.UrdbError) as caught:
        rateline.import_urdb("{not json")
    assert caught.value.diagnostics[0].severity == "error"
    assert caught.value.diagnostics[0].code.startswith("I")
