"""Usage from pandas: exact values, tz-aware index, floats only with from_float=True."""
from decimal import Decimal

import pandas as pd
import pytest

import rateline


def hours(n=744, tz="America/New_York"):
    return pd.date_range("2024-07-01", periods=n, freq="h", tz=tz)


def test_strings_decimals_and_ints_are_exact(georgia):
    index = hours()
    by_string = georgia.bill(pd.Series(["1.000"] * 744, index=index), "2024-07-01", "2024-08-01")
    by_decimal = georgia.bill(pd.Series([Decimal("1")] * 744, index=index), "2024-07-01", "2024-08-01")
    by_int = georgia.bill(pd.Series([1] * 744, index=index), "2024-07-01", "2024-08-01")
    assert by_string.total == by_decimal.total == by_int.total == Decimal("79.10")


def test_a_dataframe_with_a_kwh_column_in_utc(georgia):
    frame = pd.DataFrame({"kwh": ["1"] * 744}, index=hours(tz="America/New_York").tz_convert("UTC"))
    assert georgia.bill(frame, "2024-07-01", "2024-08-01").total == Decimal("79.10")


def test_floats_are_refused_without_from_float(georgia):
    with pytest.raises(rateline.UsageError, match="is a binary float"):
        georgia.bill(pd.Series([0.1] * 744, index=hours()), "2024-07-01", "2024-08-01")


def test_from_float_rounds_half_even_to_the_stated_places():
    import pathlib
    tariff = rateline.compile(pathlib.Path(__file__).resolve().parents[2] / "examples/language/by_attribute.tariff")
    attributes = {"meter_size": "in_1", "location": "inside_city"}

    def energy(values, **options):
        bill = tariff.bill(pd.Series(values, index=hours(len(values))), "2024-07-01", "2024-07-02", account=attributes,
                           coverage="bill_available", from_float=True, **options)
        return next(i.quantity for i in bill.line_items if i.id == "energy")

    # 0.1 + 0.2 is 0.30000000000000004 in binary: six places make it 0.300000.
    assert energy([0.1 + 0.2] * 24) == Decimal("7.2")
    # The float's exact binary value is rounded, not its shortest repr: 0.0000005 is
    # 4.99999...e-7 in binary and rounds to 0.000000; 0.0000015 is 1.50000...04e-6 and
    # rounds to 0.000002 (a true tie would go to the even digit).
    assert energy([0.0000005] * 24) == Decimal("0")
    assert energy([0.0000015] * 24) == Decimal("0.000048")
    assert energy([0.25] * 24, float_places=1) == Decimal("4.8")  # 0.25 is exact: a tie, half-even gives 0.2


def test_a_naive_index_is_refused():
    naive = pd.date_range("2024-07-01", periods=3, freq="h")
    with pytest.raises(rateline.UsageError, match=r"the index has no time zone \(naive timestamps\)"):
        rateline.usage_from_pandas(pd.Series(["1", "2", "3"], index=naive))


def test_bad_values_duplicates_and_gaps():
    with pytest.raises(rateline.UsageError, match=r"= '1,5' is not a decimal number"):
        rateline.usage_from_pandas(pd.Series(["1", "1,5", "2"], index=hours(3)))
    with pytest.raises(rateline.UsageError, match="is negative"):
        rateline.usage_from_pandas(pd.Series(["1", "-1", "2"], index=hours(3)))
    index = hours(3)
    duplicated = pd.DatetimeIndex([index[0], index[0], index[1]])
    with pytest.raises(rateline.UsageError, match="is given twice"):
        rateline.usage_from_pandas(pd.Series(["1", "2", "3"], index=duplicated))
    gap = pd.DatetimeIndex([index[0], index[1], hours(5)[4]])
    with pytest.raises(rateline.UsageError, match=r"no value for the interval starting 2024-07-01T06:00:00Z \(2 missing"):
        rateline.usage_from_pandas(pd.Series(["1", "2", "3"], index=gap))
    assert rateline.usage_from_pandas(pd.Series(["1", "2", "3"], index=gap), gaps="zero").intervals == 5
    with pytest.raises(rateline.UsageError, match="missing \\(NaN\\)"):
        rateline.usage_from_pandas(pd.Series(["1", float("nan"), "3"], index=hours(3)))


def test_csv_usage_errors_carry_diagnostics():
    import pathlib
    source = pathlib.Path(__file__).resolve().parents[2]
    with pytest.raises(rateline.UsageError) as caught:
        rateline.usage_from_csv(source / "tests/data/usage_bad_values.csv", "America/New_York")
    assert caught.value.diagnostics
    assert all(d.file.endswith("usage_bad_values.csv") for d in caught.value.diagnostics)
