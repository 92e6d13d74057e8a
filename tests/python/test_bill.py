"""Tariff.bill: Decimal amounts, totals, cycles, policies, accounts, register reads, frames."""
import datetime
from decimal import Decimal

import pytest

import rateline
from conftest import GEORGIA_USAGE, SOURCE


def test_bill_amounts_are_decimals_and_the_total_is_their_sum(georgia):
    bill = georgia.bill(GEORGIA_USAGE, "2024-07-01", "2024-08-01")
    assert bill.total == Decimal("79.10")
    assert all(isinstance(i.amount, Decimal) and isinstance(i.quantity, Decimal) for i in bill.line_items)
    assert sum(i.amount for i in bill.line_items) == bill.total
    assert bill.period == (datetime.date(2024, 7, 1), datetime.date(2024, 8, 1))
    on_peak = next(i for i in bill.line_items if i.id == "energy.on_peak")
    assert (on_peak.quantity, on_peak.unit, on_peak.rate, on_peak.rate_unit) == (Decimal("110"), "kWh", Decimal("0.203217"), "$/kWh")
    assert on_peak.unrounded == Decimal("22.353870")
    assert on_peak.period == "on_peak"


def test_to_frame_has_one_row_per_line_item_with_decimal_amounts(georgia):
    bill = georgia.bill(GEORGIA_USAGE, datetime.date(2024, 7, 1), datetime.date(2024, 8, 1))
    frame = bill.to_frame()
    assert list(frame["id"]) == [i.id for i in bill.line_items]
    assert list(frame.columns[:4]) == ["id", "label", "kind", "quantity"]
    assert all(isinstance(a, Decimal) for a in frame["amount"])
    assert frame["amount"].sum() == bill.total


def test_monthly_cycle_returns_a_list(georgia):
    bills = georgia.bill(GEORGIA_USAGE, "2024-07-01", "2024-10-01", cycle="monthly")
    assert [b.period[0].month for b in bills] == [7, 8, 9]


def test_coverage_policy_and_bill_error(georgia):
    with pytest.raises(rateline.BillError) as caught:
        georgia.bill(GEORGIA_USAGE, "2024-06-01", "2024-08-01")
    assert caught.value.diagnostics[0].code == "B0005"
    assert "error[B0005]" in str(caught.value)
    partial = georgia.bill(GEORGIA_USAGE, "2024-06-01", "2024-08-01", coverage="bill_available")
    assert partial.total > 0


def test_unknown_policy_values_are_refused(georgia):
    with pytest.raises(ValueError, match="coverage must be one of error, bill_available, not 'some'"):
        georgia.bill(GEORGIA_USAGE, "2024-07-01", "2024-08-01", coverage="some")
    with pytest.raises(TypeError):
        georgia.bill(GEORGIA_USAGE, "2024-07-01", "2024-08-01", no_such_policy=True)


def test_explain_and_trace(georgia):
    text = georgia.explain(GEORGIA_USAGE, "2024-07-01", "2024-08-01")
    assert "rounded half_up to 0.01" in text
    bill = georgia.bill(GEORGIA_USAGE, "2024-07-01", "2024-08-01", trace=True)
    assert bill.line_items[1].trace


def test_account_attributes_pick_prices():
    tariff = rateline.compile(SOURCE / "examples/language/by_attribute.tariff")
    import pandas as pd
    index = pd.date_range("2024-07-01", "2024-08-01", freq="h", inclusive="left", tz="America/New_York")
    usage = pd.Series(["1"] * len(index), index=index)
    bill = tariff.bill(usage, "2024-07-01", "2024-08-01", account={"meter_size": "in_1", "location": "inside_city"})
    assert bill.total == Decimal("94.40")
    account = rateline.Account(id="A-1", attributes={"meter_size": "in_5_8", "location": "outside_city"})
    assert tariff.bill(usage, "2024-07-01", "2024-08-01", account=account).total == Decimal("12.00") + Decimal("81.84")
    with pytest.raises(rateline.BillError, match="location"):
        tariff.bill(usage, "2024-07-01", "2024-08-01", account={"meter_size": "in_1"})


def test_register_reads():
    tariff = rateline.compile(SOURCE / "tariffs/willmar-residential.tariff")
    reads = rateline.register_reads(SOURCE / "tests/data/reads_july.csv", "kWh")
    bill = tariff.bill(reads, "2024-07-01", "2024-08-01")
    assert bill.total == Decimal("114.26")
    assert bill.estimated


def test_a_datetime_is_not_a_billing_date(georgia):
    with pytest.raises(TypeError, match="billing periods are local dates"):
        georgia.bill(GEORGIA_USAGE, datetime.datetime(2024, 7, 1), "2024-08-01")
