"""Usage: interval data from a CSV file or a pandas Series/DataFrame, register reads.

Values are read exactly: strings and `decimal.Decimal`s as written, integers as they are.
Binary floats are refused unless `from_float=True`, which rounds each float's exact
binary value to `float_places` decimal places, half-even (0.1 becomes 0.100000 with the
default 6 places): a stated rounding, never a silent one.
"""

import decimal
import numbers
import os

from . import _rateline
from ._errors import UsageError, _records

# DataFrame columns and the channel each one is (docs/usage-format.md names the same columns).
_COLUMNS = {"kwh": ("delivered", "kWh"), "kw": ("delivered", "kW"),
            "kwh_received": ("received", "kWh"), "kvarh": ("reactive", "kVARh")}


class Usage:
    """Metered usage, ready to bill. Make one with `usage_from_csv`, `usage_from_pandas`,
    `register_reads`, or pass a path or pandas object straight to `Tariff.bill`."""

    def __init__(self, native):
        self._native = native

    @property
    def kind(self):
        """"interval" or "register"."""
        return self._native.kind

    @property
    def intervals(self):
        return self._native.intervals

    def __repr__(self):
        return f"<rateline.Usage {self.kind}, {self.intervals} intervals from {self._native.source}>"


def _raise_if_failed(native, tuples, rendered, what):
    if native is None:
        raise UsageError(rendered or f"{what} has errors", _records(tuples))
    return Usage(native)


def usage_from_csv(path, time_zone="", interval_minutes=None, gaps="error"):
    """Interval usage from a CSV file (docs/usage-format.md). Timestamps without an offset
    are read in `time_zone` (Tariff.bill passes the tariff's)."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"cannot read {path}: no such file")
    if gaps not in ("error", "zero"):
        raise ValueError("gaps must be 'error' or 'zero'")
    native, tuples, rendered = _rateline.usage_from_csv(path, time_zone or "", interval_minutes, gaps == "zero")
    return _raise_if_failed(native, tuples, rendered, path)


def register_reads(path, unit="kWh"):
    """Usage from a register-read CSV (meter dials read monthly; docs/usage-format.md)."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"cannot read {path}: no such file")
    native, tuples, rendered = _rateline.register_reads_from_csv(path, unit)
    return _raise_if_failed(native, tuples, rendered, path)


def _exact(value, where, from_float, float_places):
    """The value as a Decimal, exactly (or by the stated rounding for floats)."""
    if isinstance(value, bool):
        raise UsageError(f"{where} is a bool, not a number", [])
    if isinstance(value, decimal.Decimal):
        result = value
    elif isinstance(value, str):
        try:
            result = decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            raise UsageError(f"{where} = {value!r} is not a decimal number", []) from None
    elif isinstance(value, numbers.Integral):
        result = decimal.Decimal(int(value))
    elif isinstance(value, numbers.Real):
        if value != value:
            raise UsageError(f"{where} is missing (NaN): drop the row and pass gaps='zero', or give a value", [])
        if not from_float:
            raise UsageError(f"{where} = {value!r} is a binary float: floats are not exact; pass strings or Decimals, "
                             f"or from_float=True to round each to {float_places} places (half-even)", [])
        result = decimal.Decimal(float(value))
        if result.is_finite():
            result = result.quantize(decimal.Decimal(1).scaleb(-float_places), rounding=decimal.ROUND_HALF_EVEN)
    else:
        raise UsageError(f"{where} = {value!r} is not a number", [])
    if not result.is_finite():
        raise UsageError(f"{where} = {value!r} is not a number", [])
    if result < 0:
        raise UsageError(f"{where} = {value} is negative", [])
    return result


def _scaled(decimals):
    """(scale, [int]) with every value exactly value × 10^scale."""
    scale = max([0] + [-d.as_tuple().exponent for d in decimals])
    if scale > 18:
        raise UsageError("a value has more than 18 decimal places", [])
    ints = [int(d.scaleb(scale)) for d in decimals]
    if ints and max(ints) >= 2 ** 63:
        raise UsageError("a value is too large", [])
    return scale, ints


def _iso(seconds):
    import datetime
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def usage_from_pandas(data, unit="kWh", interval_minutes=None, gaps="error", from_float=False, float_places=6):
    """Interval usage from a pandas Series (values of `unit`: "kWh" per interval or "kW"
    average) or DataFrame (columns kwh or kw, optional kwh_received, kvarh) indexed by
    interval start in a tz-aware DatetimeIndex."""
    import pandas as pd

    if gaps not in ("error", "zero"):
        raise ValueError("gaps must be 'error' or 'zero'")
    if isinstance(data, pd.Series):
        if unit not in ("kWh", "kW"):
            raise ValueError(f"unit must be 'kWh' or 'kW', not {unit!r}")
        columns = [("delivered", unit, data)]
    elif isinstance(data, pd.DataFrame):
        columns = []
        for name in data.columns:
            key = str(name).lower()
            if key not in _COLUMNS:
                raise UsageError(f"column {name!r} is not a usage column (kwh, kw, kwh_received, kvarh)", [])
            role, u = _COLUMNS[key]
            columns.append((role, u, data[name]))
        if sum(1 for c in columns if c[0] == "delivered") != 1:
            raise UsageError("the DataFrame needs exactly one of the columns kwh and kw", [])
    else:
        raise TypeError(f"usage from pandas takes a Series or a DataFrame, not {type(data).__name__}")

    index = data.index
    if not isinstance(index, pd.DatetimeIndex):
        raise UsageError("the index must be a DatetimeIndex of interval starts", [])
    if index.tz is None:
        raise UsageError("the index has no time zone (naive timestamps): interval starts must be instants; "
                         "use .tz_localize('America/New_York') or build the index with utc=True", [])
    if len(index) == 0:
        raise UsageError("the usage is empty", [])
    nanos = index.tz_convert("UTC").asi8
    if any(n % 1_000_000_000 for n in nanos):
        raise UsageError("interval starts must be whole seconds", [])
    starts = [int(n // 1_000_000_000) for n in nanos]

    order = sorted(range(len(starts)), key=starts.__getitem__)
    step = None if interval_minutes is None else int(interval_minutes) * 60
    for a, b in zip(order, order[1:]):
        if starts[a] == starts[b]:
            raise UsageError(f"the interval starting {_iso(starts[a])} is given twice (rows {a} and {b})", [])
        if interval_minutes is None:
            step = starts[b] - starts[a] if step is None else min(step, starts[b] - starts[a])
    if step is None:
        raise UsageError("one interval gives no interval length: pass interval_minutes", [])
    if step % 60 or not 0 < step <= 86400:
        raise UsageError(f"the intervals are {step} seconds apart: not whole minutes up to a day", [])
    first = starts[order[0]]
    slots = (starts[order[-1]] - first) // step + 1
    position = []
    for row, s in enumerate(starts):
        if (s - first) % step:
            raise UsageError(f"row {row} starts at {_iso(s)}, not on the {step // 60}-minute grid starting {_iso(first)}", [])
        position.append((s - first) // step)
    present = set(position)
    missing = [k for k in range(slots) if k not in present]
    if missing and gaps == "error":
        raise UsageError(f"no value for the interval starting {_iso(first + missing[0] * step)} "
                         f"({len(missing)} missing; pass gaps='zero' to bill gaps as zero)", [])

    channels = []
    for role, u, series in columns:
        label = getattr(series, "name", None) or "value"
        decimals = [_exact(v, f"{label} at {index[i]}", from_float, float_places) for i, v in enumerate(series.tolist())]
        scale, ints = _scaled(decimals)
        values = [0] * slots
        for k, v in zip(position, ints):
            values[k] = v
        channels.append((role, u, scale, values))
    native = _rateline.usage_from_grid(first, step // 60, "pandas", channels, missing)
    return Usage(native)
