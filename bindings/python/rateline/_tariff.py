"""Tariffs, bills and URDB import: `compile`, `Tariff.bill`, `Bill.to_frame`, `import_urdb`.

A tariff of several services (`service` blocks: electric, water, sewer, solid waste on one
bill) lists them in `Tariff.services` and bills from the usage of each meter:
`tariff.bill({"electric": e, "water": w}, start, end)`."""

import datetime
import decimal
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import _rateline
from ._errors import BillError, TariffError, UrdbError, _records
from ._usage import Usage, usage_from_csv, usage_from_pandas

D = decimal.Decimal


def _date(value, what):
    """A date from a datetime.date or "YYYY-MM-DD" (a datetime is refused: bills are by local day)."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{what} is a datetime: billing periods are local dates (give {value.date()!r})")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{what} = {value!r} is not a date (YYYY-MM-DD)") from None
    raise TypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not {type(value).__name__}")


def _triple(d):
    return (d.year, d.month, d.day)


def _py_date(t):
    return datetime.date(*t)


@dataclass
class Account:
    """What the tariff may branch on besides the meter (rateline/account.hpp)."""
    id: str = ""
    attributes: Dict[str, str] = field(default_factory=dict)
    demand_history: List[Tuple[int, int, decimal.Decimal]] = field(default_factory=list)  # (year, month, kW)
    past_due: Optional[decimal.Decimal] = None
    due_date: Optional[datetime.date] = None
    paid_on: Optional[datetime.date] = None
    # (year, month, usage in the metered unit), for a charge on an average of months
    usage_history: List[Tuple[int, int, decimal.Decimal]] = field(default_factory=list)

    def _fields(self):
        return {"id": self.id, "attributes": {str(k): str(v) for k, v in self.attributes.items()},
                "demand_history": [(int(y), int(m), str(D(kw) if not isinstance(kw, float) else _no_float("demand_history")))
                                   for y, m, kw in self.demand_history],
                "usage_history": [(int(y), int(m), str(D(u) if not isinstance(u, float) else _no_float("usage_history")))
                                  for y, m, u in self.usage_history],
                "past_due": None if self.past_due is None else str(D(self.past_due) if not isinstance(self.past_due, float)
                                                                   else _no_float("past_due")),
                "due_date": None if self.due_date is None else _triple(_date(self.due_date, "due_date")),
                "paid_on": None if self.paid_on is None else _triple(_date(self.paid_on, "paid_on"))}


def _no_float(what):
    raise TypeError(f"{what} is a binary float: money is exact; pass a str or Decimal")


@dataclass(frozen=True)
class LineItem:
    id: str
    label: str
    kind: str
    quantity: decimal.Decimal
    unit: str
    rate: decimal.Decimal
    rate_unit: str
    amount: decimal.Decimal
    unrounded: decimal.Decimal
    season: str
    period: str
    version: str
    trace: Tuple[str, ...]
    service: str = ""  # the `service` block it belongs to, on a bill for several services


@dataclass(frozen=True)
class Service:
    """One `service` block of a tariff of several services."""
    id: str            # "water"
    label: str         # "Water"
    meter: str         # the meter whose usage it bills: its `meter NAME`, else its id
    needs_usage: bool  # False when every charge is fixed (solid waste)


@dataclass(frozen=True)
class ServiceTotal:
    """One service's part of a bill for several services: exactly the sum of its lines."""
    id: str
    label: str
    total: decimal.Decimal


_FRAME_COLUMNS = ["id", "label", "kind", "quantity", "unit", "rate", "rate_unit", "amount", "unrounded", "season", "period", "version",
                  "service"]


class Bill:
    """One bill: `line_items` (LineItem, amounts as Decimal), `total` (exactly their sum),
    `period` (from, to) local dates with `to` exclusive, `notes` (Diagnostic records),
    `services` (ServiceTotal per service of a bill for several services, else empty)."""

    def __init__(self, native, quantity_places=None):
        self._native = native
        self._places = quantity_places or {}
        self.tariff = native.tariff
        self.currency = native.currency
        self.period = tuple(_py_date(t) for t in native.period)
        self.total = D(native.total)
        self.estimated = native.estimated
        self.line_items = [LineItem(i["id"], i["label"], i["kind"], D(i["quantity"]), i["unit"], D(i["rate"]), i["rate_unit"],
                                    D(i["amount"]), D(i["unrounded"]), i["season"], i["period"], i["version"], tuple(i["trace"]),
                                    i["service"])
                           for i in native.line_items]
        self.services = tuple(ServiceTotal(i, label, D(total)) for i, label, total in native.services)
        self.notes = _records(native.notes[0])

    def to_frame(self):
        """The line items as a pandas DataFrame; money and quantities stay Decimal (object columns)."""
        import pandas as pd
        return pd.DataFrame([{c: getattr(item, c) for c in _FRAME_COLUMNS} for item in self.line_items], columns=_FRAME_COLUMNS)

    def to_json(self):
        """The bill in the stable JSON form of docs/json-format.md (numbers as strings)."""
        return self._native.format("json")

    def to_csv(self):
        return self._native.format("csv")

    def explain(self):
        """How each line item was computed (needs trace=True when billing for the steps)."""
        return self._native.format("explain")

    def __str__(self):
        return self._native.format("table", self._places)

    def __repr__(self):
        return f"<rateline.Bill {self.tariff!r} {self.period[0]}..{self.period[1]} total {self.total} {self.currency}>"


_POLICIES = {"coverage": ("error", "bill_available"), "demand_window": ("tariff", "data_interval")}


class Tariff:
    """A compiled tariff (immutable: bill with it from any number of threads)."""

    def __init__(self, native):
        self._native = native
        info = native.info
        self.name = info["name"]
        self.utility = info["utility"]
        self.service = info["service"]
        self.currency = info["currency"]
        self.time_zone = info["time_zone"]
        self.effective = _py_date(info["effective"])
        self.source = info["source"]
        self.services = tuple(Service(*s) for s in native.services)  # empty for a tariff without `service` blocks

    def __repr__(self):
        several = f", {len(self.services)} services" if self.services else ""
        return f"<rateline.Tariff {self.name!r} ({self.time_zone}{several})>"

    def graph(self):
        """The rate graph as Graphviz DOT text."""
        return self._native.dot()

    def describe(self):
        return self._native.describe()

    def _usage(self, usage, usage_options):
        if isinstance(usage, Usage):
            return usage
        if isinstance(usage, (str, os.PathLike)):
            return usage_from_csv(usage, self.time_zone, **usage_options)
        try:
            import pandas as pd
        except ImportError:
            pd = None
        if pd is not None and isinstance(usage, (pd.Series, pd.DataFrame)):
            return usage_from_pandas(usage, **usage_options)
        raise TypeError(f"usage must be a rateline.Usage, a CSV path or a pandas Series/DataFrame, not {type(usage).__name__}")

    def bill(self, usage, start, end, account=None, cycle=None, coverage="error", demand_window="tariff", as_of=None,
             trace=False, **usage_options):
        """Bills [start, end) (local dates, `end` exclusive). `usage`: a Usage, a CSV path, or
        a pandas Series/DataFrame (usage_options such as from_float=True go to its reader);
        for a tariff of several services, a dict of those by meter name (Service.meter),
        leaving out meters whose services need no usage; None for a tariff of fixed
        charges only.
        `account`: a dict of attributes or an Account. `cycle="monthly"` bills each calendar
        month and returns a list. Policies: coverage ("error" | "bill_available"),
        demand_window ("tariff" | "data_interval"), as_of (a date), trace (bool)."""
        for name, value in (("coverage", coverage), ("demand_window", demand_window)):
            if value not in _POLICIES[name]:
                raise ValueError(f"{name} must be one of {', '.join(_POLICIES[name])}, not {value!r}")
        if cycle not in (None, "monthly"):
            raise ValueError(f"cycle must be None or 'monthly', not {cycle!r}")
        start, end = _date(start, "start"), _date(end, "end")
        if end <= start:
            raise ValueError(f"the period {start}..{end} is empty: end must come after start")
        if account is None:
            account = Account()
        elif isinstance(account, dict):
            account = Account(attributes=account)
        elif not isinstance(account, Account):
            raise TypeError("account must be a dict of attributes or a rateline.Account")
        periods = _monthly(start, end) if cycle == "monthly" else [(start, end)]
        dates = [(_triple(a), _triple(b)) for a, b in periods]
        as_of = None if as_of is None else _triple(_date(as_of, "as_of"))
        if self.services or (usage is None and not self._native.needs_usage):  # several services, or fixed charges only
            meters = self._meters(usage, usage_options)
            native_bills, tuples, rendered = self._native.bill_services(
                {m: u._native for m, u in meters.items()}, dates, account._fields(), coverage, demand_window, bool(trace), as_of)
        else:
            if isinstance(usage, dict):
                raise TypeError(f"{self.name!r} has no `service` blocks: give one usage, not a dict by meter")
            usage = self._usage(usage, usage_options)
            native_bills, tuples, rendered = self._native.bill(
                usage._native, dates, cycle is None, account._fields(), coverage, demand_window, bool(trace), as_of)
        if native_bills is None:
            raise BillError(rendered or "the bill could not be made", _records(tuples))
        places = self._native.quantity_places
        bills = [Bill(b, places) for b in native_bills]
        return bills if cycle == "monthly" else bills[0]

    def _meters(self, usage, usage_options):
        """{meter: Usage} for a tariff of several services."""
        meters = sorted({s.meter for s in self.services if s.needs_usage})
        if usage is None:
            usage = {}
        if not isinstance(usage, dict):
            raise TypeError(f"{self.name!r} bills {len(self.services)} services: give the usage of each meter as a dict, "
                            f"e.g. {{{', '.join(repr(m) + ': ...' for m in meters)}}}")
        out = {}
        for meter, value in usage.items():
            if not isinstance(meter, str):
                raise TypeError(f"meter names are str, not {type(meter).__name__}")
            out[meter] = self._usage(value, usage_options)
        return out

    def explain(self, usage, start, end, **options):
        """How each line item of the bill for [start, end) is computed, as text."""
        options["trace"] = True
        result = self.bill(usage, start, end, **options)
        bills = result if isinstance(result, list) else [result]
        return "".join(b.explain() for b in bills)


def _monthly(start, end):
    periods, a = [], start
    while a < end:
        b = datetime.date(a.year + (a.month == 12), a.month % 12 + 1, 1)
        periods.append((a, min(b, end)))
        a = b
    return periods


def compile(path_or_text, name=None, resolver=None):
    """Compiles a tariff: a path (str or os.PathLike naming a file) or tariff text. Text is
    named `name` in diagnostics (default "<text>"); its imports come from
    `resolver(importing_path, import_path) -> (path, text) | None`, or, without one, from
    files relative to `name`. Raises TariffError with the diagnostics."""
    is_file = isinstance(path_or_text, os.PathLike) or ("\n" not in path_or_text and os.path.isfile(path_or_text))
    if isinstance(path_or_text, os.PathLike) and not os.path.isfile(path_or_text):
        raise FileNotFoundError(f"cannot read {os.fspath(path_or_text)}: no such file")
    text = os.fspath(path_or_text) if is_file else path_or_text
    if is_file and resolver is not None:
        with open(text, encoding="utf-8") as f:
            name, text, is_file = name or os.fspath(path_or_text), f.read(), False
    native, tuples, rendered = _rateline.compile(text, name or "<text>", is_file, resolver)
    if native is None:
        raise TariffError(rendered, _records(tuples))
    return Tariff(native)


def import_urdb(json_text, time_zone="UTC", tier_allocation="proportional", label="", effective=None, name="rate.json"):
    """URDB rate JSON -> tariff text (docs/urdb-import.md). Raises UrdbError with the diagnostics."""
    text, tuples, rendered = _rateline.import_urdb(json_text, name, time_zone, tier_allocation, label,
                                                   None if effective is None else _triple(_date(effective, "effective")))
    if text is None:
        raise UrdbError(rendered, _records(tuples))
    return text
