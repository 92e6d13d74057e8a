"""Diagnostics as records and the exceptions that carry them.

A mistake in a tariff, a usage file or a bill request raises a subclass of
`rateline.Error`; its `.diagnostics` are `Diagnostic` records and `str(error)` is the
rendered text (file:line:col, the source line, a caret, the hint), as the CLI prints it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    severity: str   # "error", "warning" or "note"
    code: str       # stable, listed in docs/diagnostics.md: "E0301", "U0004", "B0005"
    file: str       # "" when the diagnostic is about a whole input
    line: int       # 1-based; 0 without a location
    column: int
    message: str
    hint: str

    @classmethod
    def _from_tuple(cls, t):
        return cls(*t)


def _records(tuples):
    return [Diagnostic._from_tuple(t) for t in tuples]


class Error(Exception):
    """Base of rateline's errors: `.diagnostics` lists what is wrong, `str()` renders it."""

    def __init__(self, rendered, diagnostics):
        super().__init__(rendered.rstrip("\n") or "rateline error")
        self.diagnostics = diagnostics


class TariffError(Error):
    """A tariff that does not compile."""


class UsageError(Error, ValueError):
    """Usage that cannot be read (a bad value, a gap, a naive timestamp...)."""


class BillError(Error):
    """A bill that cannot be made (the usage does not cover the period, an attribute is missing...)."""


class UrdbError(Error):
    """A URDB rate that cannot be imported."""
