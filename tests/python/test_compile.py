"""rateline.compile: paths, text, imports through a resolver, TariffError with records."""
import pytest

import rateline
from conftest import GEORGIA, SOURCE


def test_compile_a_path_reads_the_header(georgia):
    assert georgia.time_zone == "America/New_York"
    assert georgia.currency == "USD"
    assert georgia.name.startswith("Time of Use")


def test_compile_a_str_path_and_text_give_the_same_graph():
    by_path = rateline.compile(str(GEORGIA))
    by_text = rateline.compile(GEORGIA.read_text(), name=str(GEORGIA))
    assert by_path.graph() == by_text.graph()


def test_graph_is_dot(georgia):
    assert georgia.graph().startswith("digraph rate_graph")


def test_tariff_error_has_records_and_rendered_text():
    with pytest.raises(rateline.TariffError) as caught:
        rateline.compile(SOURCE / "tests/data/tariffs/bad_unit.tariff")
    d = caught.value.diagnostics[0]
    assert (d.severity, d.code, d.line, d.column) == ("error", "E0301", 7, 49)
    assert d.message == "a $/kW price cannot apply to energy (kWh)"
    assert d.file.endswith("bad_unit.tariff")
    assert "bad_unit.tariff:7:49: error[E0301]: a $/kW price cannot apply to energy (kWh)\n" in str(caught.value)
    assert isinstance(caught.value, rateline.Error)


def test_text_imports_come_from_the_resolver():
    calls = []

    def resolver(importing, import_path):
        calls.append((importing, import_path))
        if import_path == "../../calendars/nerc.calendar":
            return ("bundle:nerc.calendar", (SOURCE / "calendars/nerc.calendar").read_text())
        return None

    text = (SOURCE / "examples/language/imports.tariff").read_text()
    tariff = rateline.compile(text, name="bundle:imports", resolver=resolver)
    assert calls == [("bundle:imports", "../../calendars/nerc.calendar")]
    assert tariff.time_zone == "America/New_York"
    with pytest.raises(rateline.TariffError) as caught:
        rateline.compile(text, name="bundle:imports", resolver=lambda importing, path: None)
    assert caught.value.diagnostics[0].code == "E0002"
    assert caught.value.diagnostics[0].message == \
        "cannot find `../../calendars/nerc.calendar` (the import resolver has no such file)"


def test_a_missing_file_is_file_not_found():
    import pathlib
    with pytest.raises(FileNotFoundError):
        rateline.compile(pathlib.Path("/no/such.tariff"))


def test_a_resolver_that_fails_raises_its_own_error_or_a_type_error():
    text = (SOURCE / "examples/language/imports.tariff").read_text()

    def failing(importing, path):
        raise KeyError("no bundle")

    with pytest.raises(KeyError, match="no bundle"):
        rateline.compile(text, name="bundle:imports", resolver=failing)
    with pytest.raises(TypeError, match=r"the import resolver must return \(path, text\) or None, not int"):
        rateline.compile(text, name="bundle:imports", resolver=lambda importing, path: 42)
