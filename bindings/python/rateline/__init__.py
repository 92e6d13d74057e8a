"""rateline for Python: compile tariffs, bill usage exactly, get decimal.Decimal line items.

    import rateline
    tariff = rateline.compile("tariffs/georgia-power-tou-reo-10.tariff")
    bill = tariff.bill("examples/usage/georgia_tou_2024-07_10.csv", "2024-07-01", "2024-08-01")
    bill.total                      # Decimal('79.10')
    bill.to_frame()                 # the line items as a pandas DataFrame

docs/python.md has the whole story.
"""

from . import _rateline
from ._errors import BillError, Diagnostic, Error, TariffError, UrdbError, UsageError
from ._tariff import Account, Bill, LineItem, Service, ServiceTotal, Tariff, compile, import_urdb
from ._usage import Usage, register_reads, usage_from_csv, usage_from_pandas

__version__ = _rateline.version

__all__ = ["Account", "Bill", "BillError", "Diagnostic", "Error", "LineItem", "Service", "ServiceTotal", "Tariff", "TariffError",
           "UrdbError", "Usage",
           "UsageError", "compile", "import_urdb", "register_reads", "usage_from_csv", "usage_from_pandas", "__version__"]
