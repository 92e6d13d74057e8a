#!/usr/bin/python3
"""Writes the generated data the compare and review tests (and the README examples) use.

    make_compare_data.py --rateline build/rateline --out build/compare-data

  pop/                  scripts/make_population.py: 200 accounts, 2024, seed 13, 3% bad data
  one_customer.csv      the year of one willmar-residential account without solar (start,kwh)
  all_bills.csv         `rateline batch` of the population under its own tariffs
  history.csv           its bills before December, with estimated/demand columns
  bills.csv             its December bills, with five planted problems (PLANTED below)
  review_accounts.csv   pop/accounts.csv plus attr:contract_demand

Deterministic: the same rateline and script give the same bytes.
"""

import argparse
import csv
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DECEMBER = "2024-12-01"


def run(*args):
    subprocess.run([str(a) for a in args], check=True, stdout=subprocess.DEVNULL)


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rateline", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    out = Path(a.out)
    pop = out / "pop"
    pop.mkdir(parents=True, exist_ok=True)
    run(sys.executable, ROOT / "scripts/make_population.py", "--accounts", 200, "--from", "2024-01-01", "--to", "2025-01-01",
        "--seed", 13, "--bad-share", "0.03", "--out", pop)

    accounts = read_rows(pop / "accounts.csv")
    willmar = {r["account"] for r in accounts if r["tariff"] == "willmar-residential" and not r["service_start"] and not r["service_end"]}
    bad = {r["account"] for r in read_rows(pop / "bad.csv")}
    by_account = {}
    with open(pop / "usage.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["account"] in willmar and row["account"] not in bad:
                by_account.setdefault(row["account"], []).append(row)
    customer = next(acc for acc in sorted(by_account) if all(Decimal(r.get("kwh_received") or "0") == 0 for r in by_account[acc]))
    with open(out / "one_customer.csv", "w") as f:
        f.write("start,kwh\n")
        for r in by_account[customer]:
            f.write(f"{r['start']},{r['kwh']}\n")
    (out / "one_customer.txt").write_text(customer + "\n")

    run(a.rateline, "batch", "--accounts", pop / "accounts.csv", "--usage", pop / "usage.csv", "--from", "2024-01-01",
        "--to", "2025-01-01", "--tariffs", ROOT / "tariffs", "--out", out / "all_bills.csv", "--exceptions", out / "exceptions.csv",
        "--allow-exceptions")
    bills = read_rows(out / "all_bills.csv")
    header = list(bills[0].keys()) + ["estimated", "demand"]
    for b in bills:
        b["estimated"], b["demand"] = "false", ""
    history = [b for b in bills if b["from"] < DECEMBER]
    december = [b for b in bills if b["from"] == DECEMBER]

    # PLANTED: one account per rule, picked among accounts billed all year (12 bills).
    counts = {}
    for b in bills:
        counts[b["account"]] = counts.get(b["account"], 0) + 1
    full = [b["account"] for b in december if counts[b["account"]] == 12 and b["account"] not in bad]
    high, zero, negative, estimated, demand = full[0], full[1], full[2], full[3], full[4]
    for b in december:
        if b["account"] == high:
            b["total"] = str(Decimal(b["total"]) * 3)
        if b["account"] == zero:
            b["usage"] = "0"
        if b["account"] == negative:
            b["total"] = "-25.00"
        if b["account"] == estimated:
            b["estimated"] = "true"
        if b["account"] == demand:
            b["demand"] = "120.5"
    for b in history:
        if b["account"] == estimated and b["from"] >= "2024-09-01":
            b["estimated"] = "true"
    write_rows(out / "history.csv", header, history)
    write_rows(out / "bills.csv", header, december)
    rows = read_rows(pop / "accounts.csv")
    for r in rows:
        r["attr:contract_demand"] = "100" if r["account"] == demand else ""
    write_rows(out / "review_accounts.csv", list(rows[0].keys()), rows)
    (out / "planted.csv").write_text("rule,account\n" + "".join(
        f"{rule},{acc}\n" for rule, acc in [("amount_vs_history", high), ("zero_usage", zero), ("negative_total", negative),
                                            ("estimated_streak", estimated), ("over_contract_demand", demand)]))
    (out / "review.conf").write_text("# review thresholds for the tests\n[default]\nhigh_percent = 60\nlow_percent = 60\n\n"
                                     "[willmar-large-power]\nhigh_percent = 40\nmin_amount = 100\n")


if __name__ == "__main__":
    main()
