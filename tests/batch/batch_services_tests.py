#!/usr/bin/env python3
"""`rateline batch` and `rateline compare --accounts` with a tariff of several services
(tests/batch.cmake, batch.services_*): usage per meter (--usage electric=FILE --reads
water=FILE), the Salem VA bill of tests/bills/salem-va-residential-utilities/
august-2022-four-services.toml through batch (same total as `rateline bill`), the
per-service parts and line services, and the exceptions P0020, P0021, B0070, B0071."""
import argparse
import csv
import datetime
import os
import subprocess
import sys
import tempfile

ARGS = None


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


# August 2022, America/New_York: 1,000 kWh on the electric meter (all in the first hour),
# 6,500 gallons on the water meter (reads 0100000 and 0106500).
def write_inputs(tmp, accounts_rows):
    accounts = os.path.join(tmp, "accounts.csv")
    with open(accounts, "w") as f:
        f.write("account,tariff\n" + "".join(f"{a},{t}\n" for a, t in accounts_rows))
    elec = os.path.join(tmp, "elec.csv")
    with open(elec, "w") as f:
        f.write("account,start,kwh\n")
        for account in ("S1", "S2", "R1"):
            t = datetime.datetime(2022, 8, 1, 4, 0)
            for i in range(744):
                f.write(f"{account},{t.strftime('%Y-%m-%dT%H:%MZ')},{'1000' if i == 0 else '0'}\n")
                t += datetime.timedelta(hours=1)
    water = os.path.join(tmp, "water.csv")
    with open(water, "w") as f:
        f.write("account,meter,read_date,reading,dials,multiplier,type\n"
                "S1,W-1,2022-08-01,0100000,7,1,actual\nS1,W-1,2022-09-01,0106500,7,1,actual\n")
    return accounts, elec, water


def batch(accounts, *args):
    out = os.path.join(os.path.dirname(accounts), "bills.csv")
    exc = os.path.join(os.path.dirname(accounts), "exceptions.csv")
    r = subprocess.run([ARGS.cli, "batch", "--accounts", accounts, "--tariffs", os.path.join(ARGS.root, "tariffs"),
                        "--from", "2022-08-01", "--to", "2022-09-01", "--out", out, "--exceptions", exc, *args],
                       capture_output=True, text=True)
    bills = list(csv.DictReader(open(out))) if os.path.exists(out) else []
    exceptions = list(csv.DictReader(open(exc))) if os.path.exists(exc) else []
    return r, bills, exceptions


def test_salem_total(tmp):
    accounts, elec, water = write_inputs(tmp, [("S1", "salem-va-residential-utilities")])
    r, bills, exceptions = batch(accounts, "--usage", f"electric={elec}", "--reads", f"water={water}")
    check(r.returncode == 0, r.stderr)
    check(exceptions == [], str(exceptions))
    check(len(bills) == 1, str(bills))
    b = bills[0]
    # electric 8.25 + 107.50 + 6.29 = 122.04; water 13.51 + 29.00 + 9.06 = 51.57;
    # sewer 22.70 + 35.04 = 57.74; solid waste 10.00: 241.35, as `rateline bill` gives
    # (tests/bills/salem-va-residential-utilities/august-2022-four-services.toml).
    check(b["total"] == "241.35", str(b))
    check(b["services"] == "electric=122.04;water=51.57;sewer=57.74;solid_waste=10.00", str(b))
    check(b["usage"] == "electric=1000;water=6500" and b["unit"] == "electric=kWh;water=gal", str(b))
    r, lines, _ = batch(accounts, "--usage", f"electric={elec}", "--reads", f"water={water}", "--line-items")
    check(r.returncode == 0, r.stderr)
    check([(l["service"], l["id"], l["amount"]) for l in lines] == [
        ("electric", "electric_base", "8.25"), ("electric", "energy", "107.50"), ("electric", "pca", "6.29"),
        ("water", "water_base", "13.51"), ("water", "water_usage.t1", "29.00"), ("water", "water_usage.t2", "9.06"),
        ("sewer", "sewer_base", "22.70"), ("sewer", "sewer_usage", "35.04"), ("solid_waste", "toter", "10.00")], str(lines))
    # The same through `rateline bill` with the usage of one account.
    one_elec = os.path.join(tmp, "one_elec.csv")
    with open(elec) as f, open(one_elec, "w") as g:
        g.write("start,kwh\n" + "".join(l.split(",", 1)[1] for l in f if l.startswith("S1,")))
    one_water = os.path.join(tmp, "one_water.csv")
    with open(water) as f, open(one_water, "w") as g:
        g.write("meter,read_date,reading,dials,multiplier,type\n" + "".join(l.split(",", 1)[1] for l in f if l.startswith("S1,")))
    r = subprocess.run([ARGS.cli, "bill", os.path.join(ARGS.root, "tariffs/salem-va-residential-utilities.tariff"),
                        "--usage", f"electric={one_elec}", "--reads", f"water={one_water}", "--from", "2022-08-01",
                        "--to", "2022-09-01", "--format", "json"], capture_output=True, text=True)
    check(r.returncode == 0, r.stderr)
    check('"total": "241.35"' in r.stdout or '"total":"241.35"' in r.stdout, r.stdout)


def test_mixed_population(tmp):
    """A one-service tariff in the same run reads the meter named as its service."""
    accounts, elec, water = write_inputs(tmp, [("S1", "salem-va-residential-utilities"), ("R1", "georgia-power-tou-reo-10")])
    r, bills, exceptions = batch(accounts, "--usage", f"electric={elec}", "--reads", f"water={water}")
    check(r.returncode == 0, r.stderr + str(exceptions))
    check([b["account"] for b in bills] == ["S1", "R1"], str(bills))
    check(bills[1]["services"] == "" and bills[1]["unit"] == "kWh" and bills[1]["usage"] == "1000", str(bills[1]))


def test_exceptions(tmp):
    accounts, elec, water = write_inputs(tmp, [("S1", "salem-va-residential-utilities"), ("S2", "salem-va-residential-utilities"),
                                                ("R1", "georgia-power-tou-reo-10")])
    # No meter name on the interval file; the reads named for a meter no service reads.
    r, bills, exceptions = batch(accounts, "--usage", elec, "--reads", f"gas={water}")
    check(r.returncode == 1, r.stderr)
    rows = [(e["account"], e["location"], e["code"], e["message"]) for e in exceptions]
    check((("S1", f"{elec}:2", "P0020",
            "account S1 is billed for several services (electric, water, sewer, solid_waste), and its usage rows name no meter")) in rows, str(rows))
    check(("S1", f"{water}:2", "B0071", "usage was given for meter `gas`, which no service of this tariff reads") in rows, str(rows))
    check(exceptions[0]["hint"] == "name the meter of each usage file: --usage NAME=FILE or --reads NAME=FILE, NAME one of: electric, water",
          exceptions[0]["hint"])
    check([b["account"] for b in bills] == ["R1"], str(bills))
    # S2 has no water reads: B0070 at its accounts row, once for water and once for sewer.
    r, bills, exceptions = batch(accounts, "--usage", f"electric={elec}", "--reads", f"water={water}")
    rows = [(e["account"], e["location"], e["code"]) for e in exceptions]
    check(rows == [("S2", f"{accounts}:3", "B0070"), ("S2", f"{accounts}:3", "B0070")], str(rows))
    # A one-service tariff given another meter's usage.
    accounts, elec, water = write_inputs(tmp, [("S1", "georgia-power-tou-reo-10")])
    r, bills, exceptions = batch(accounts, "--usage", f"electric={elec}", "--reads", f"water={water}")
    rows = [(e["account"], e["location"], e["code"], e["message"]) for e in exceptions]
    check(rows == [("S1", f"{water}:2", "P0021",
                    "account S1 has usage of meter `water`, which its tariff (one service, electric) does not read")], str(rows))
    # One meter as both kinds is a bad command line.
    r, _, _ = batch(accounts, "--usage", f"water={elec}", "--reads", f"water={water}")
    check(r.returncode == 2 and "meter `water` is given both interval usage (--usage) and register reads (--reads)" in r.stderr, r.stderr)


def test_compare(tmp):
    """Old: one electric tariff; new: the Salem tariff of four services. Bill totals compare."""
    accounts, elec, water = write_inputs(tmp, [("S1", "x")])
    out = os.path.join(tmp, "impacts.csv")
    r = subprocess.run([ARGS.cli, "compare", os.path.join(ARGS.root, "tariffs/salem-va-residential-utilities.tariff"),
                        os.path.join(ARGS.root, "tariffs/salem-va-residential-utilities.tariff"), "--accounts", accounts,
                        "--usage", f"electric={elec}", "--reads", f"water={water}", "--from", "2022-08-01", "--to", "2022-09-01",
                        "--out", out, "--format", "json"], capture_output=True, text=True)
    check(r.returncode == 0, r.stdout + r.stderr)
    rows = list(csv.DictReader(open(out)))
    check(len(rows) == 1, str(rows))
    row = rows[0]
    check("241.35" in row.values(), str(row))


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("test")
    ARGS = ap.parse_args()
    ARGS.cli = os.path.abspath(ARGS.cli)
    test = globals().get("test_" + ARGS.test)
    if not test:
        fail("no such test: " + ARGS.test)
    with tempfile.TemporaryDirectory(prefix="rateline_batch_services_") as tmp:
        test(tmp)
    print("passed")


if __name__ == "__main__":
    main()
