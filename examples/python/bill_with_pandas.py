#!/usr/bin/python3
"""Billing with rateline from Python and pandas, notebook style (run from the repository root):

    PYTHONPATH=build/python python3 examples/python/bill_with_pandas.py

Compiles a bundled tariff, reads interval data with pandas (as text, so nothing passes
through binary floats), bills a month, looks at the line items as a DataFrame, bills a
quarter month by month, and asks why the on-peak line costs what it does.
"""
import decimal

import pandas as pd

import rateline

# %% 1. Compile the tariff. Mistakes raise rateline.TariffError with file:line:col.
tariff = rateline.compile("tariffs/georgia-power-tou-reo-10.tariff")
print(tariff)

# %% 2. Load interval data. dtype=str keeps "1.25" exactly "1.25"; the index must be
# tz-aware (the file's timestamps carry an offset or a Z).
frame = pd.read_csv("examples/usage/georgia_tou_2024-07_10.csv", comment="#", dtype=str)
usage = pd.Series(frame["kwh"].values, index=pd.to_datetime(frame["start"], utc=True), name="kwh")
print(f"{len(usage)} intervals, {usage.index[0]} .. {usage.index[-1]}")

# %% 3. Bill July. Amounts are decimal.Decimal; the total is exactly their sum.
july = tariff.bill(usage, "2024-07-01", "2024-08-01", account={"customer_class": "residential"})
print(july)
assert july.total == sum(item.amount for item in july.line_items)
assert isinstance(july.total, decimal.Decimal)
print(f"Total {july.total} {july.currency}")

# %% 4. The line items as a DataFrame.
items = july.to_frame()
print(items[["label", "quantity", "unit", "rate", "amount"]].to_string(index=False))

# %% 5. A quarter, month by month.
bills = tariff.bill(usage, "2024-07-01", "2024-10-01", cycle="monthly")
summary = pd.DataFrame({"from": [b.period[0] for b in bills], "total": [b.total for b in bills]})
print(summary.to_string(index=False))
print(f"July .. September: {len(bills)} bills, {sum(b.total for b in bills)} {bills[0].currency}")

# %% 6. Why does the on-peak line cost what it does?
explained = tariff.bill(usage, "2024-07-01", "2024-08-01", trace=True)
on_peak = next(item for item in explained.line_items if item.period == "on_peak")
print("\n".join(on_peak.trace))
