"""A tariff of several services from Python: Salem VA bills electric, water, sewer (on the
water meter) and solid waste (no meter) on one bill. August 2022 with 1,000 kWh and 6,500
gallons is the sheet's worked bill, $241.35 (tests/bills/salem-va-residential-utilities/
august-2022-four-services.toml): electric 8.25 + 107.50 + 6.29 = 122.04; water 13.51 +
29.00 + 9.06 = 51.57; sewer 22.70 + 35.04 = 57.74; solid waste 10.00."""
from decimal import Decimal

import pytest

import rateline
from conftest import GEORGIA_USAGE, SOURCE

SALEM = SOURCE / "tariffs/salem-va-residential-utilities.tariff"


def reads(tmp_path, meter, unit, rows):
    path = tmp_path / f"{meter}.csv"
    path.write_text("meter,read_date,reading,dials,multiplier,type\n" +
                    "".join(f"{meter},{date},{reading},7,1,actual\n" for date, reading in rows))
    return rateline.register_reads(path, unit=unit)


@pytest.fixture
def meters(tmp_path):
    return {"electric": reads(tmp_path, "electric", "kWh", [("2022-08-01", 41000), ("2022-09-01", 42000), ("2022-10-01", 42800)]),
            "water": reads(tmp_path, "water", "gal", [("2022-08-01", 412300), ("2022-09-01", 418800), ("2022-10-01", 430800)])}


@pytest.fixture(scope="module")
def salem():
    return rateline.compile(SALEM)


def test_services_are_listed_in_written_order(salem, georgia):
    assert [(s.id, s.meter, s.needs_usage) for s in salem.services] == [
        ("electric", "electric", True), ("water", "water", True), ("sewer", "water", True), ("solid_waste", "solid_waste", False)]
    assert salem.services[3].label == "Solid Waste"
    assert georgia.services == ()
    assert "4 services" in repr(salem)
    assert salem.graph().count("digraph") == 4


def test_one_bill_from_each_meter_is_the_sheets_bill(salem, meters):
    bill = salem.bill(meters, "2022-08-01", "2022-09-01")
    assert bill.total == Decimal("241.35")
    assert sum(i.amount for i in bill.line_items) == bill.total
    assert [(s.id, s.total) for s in bill.services] == [
        ("electric", Decimal("122.04")), ("water", Decimal("51.57")), ("sewer", Decimal("57.74")), ("solid_waste", Decimal("10.00"))]
    for part in bill.services:
        assert sum(i.amount for i in bill.line_items if i.service == part.id) == part.total
    sewer = [(i.id, i.quantity, i.amount) for i in bill.line_items if i.service == "sewer"]
    assert sewer == [("sewer_base", Decimal(1), Decimal("22.70")), ("sewer_usage", Decimal(6500), Decimal("35.04"))]
    assert list(bill.to_frame()["service"]).count("water") == 3
    assert "Solid Waste" in str(bill) and "241.35" in str(bill)
    assert '"service": "sewer"' in bill.to_json()


def test_monthly_cycle_bills_every_service_each_month(salem, meters):
    bills = salem.bill(meters, "2022-08-01", "2022-10-01", cycle="monthly")
    assert [b.period[0].month for b in bills] == [8, 9]
    assert bills[0].total == Decimal("241.35")
    assert all(sum(p.total for p in b.services) == b.total for b in bills)


def test_one_usage_for_several_services_is_refused_naming_the_meters(salem):
    with pytest.raises(TypeError, match=r"bills 4 services: give the usage of each meter as a dict, e.g. \{'electric': \.\.\., 'water': \.\.\.\}"):
        salem.bill(GEORGIA_USAGE, "2022-08-01", "2022-09-01")


def test_a_dict_for_a_tariff_without_services_is_refused(georgia):
    with pytest.raises(TypeError, match="has no `service` blocks: give one usage"):
        georgia.bill({"electric": GEORGIA_USAGE}, "2024-07-01", "2024-08-01")


def test_a_missing_or_unknown_meter_is_a_bill_error(salem, meters):
    with pytest.raises(rateline.BillError) as caught:
        salem.bill({"electric": meters["electric"]}, "2022-08-01", "2022-09-01")
    assert [d.code for d in caught.value.diagnostics] == ["B0070", "B0070"]  # water and sewer, both on the water meter
    assert "service sewer is billed on the usage of meter `water`" in str(caught.value)
    with pytest.raises(rateline.BillError) as caught:
        salem.bill({**meters, "gas": meters["water"]}, "2022-08-01", "2022-09-01")
    assert [d.code for d in caught.value.diagnostics] == ["B0071"]


def test_a_tariff_of_fixed_charges_only_bills_without_usage(georgia):
    standby = rateline.compile(SOURCE / "examples/language/fixed_charges_only.tariff")
    bill = standby.bill(None, "2024-07-01", "2024-08-01")
    assert [(i.id, i.amount) for i in bill.line_items] == [("standby", Decimal("12.50")), ("light", Decimal("9.75"))]
    assert bill.total == Decimal("22.25") and bill.services == ()
    with pytest.raises(TypeError):
        georgia.bill(None, "2024-07-01", "2024-08-01")
