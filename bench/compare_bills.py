#!/usr/bin/env python3
"""Same bytes from two rateline binaries: a performance change must not change a bill.

usage: compare_bills.py --a OLD/rateline --b NEW/rateline [--corpus ../shared/corpus/urdb] [-j 2]

Runs both binaries on every tariff of tariffs/ and examples/ with every file of examples/usage
(`bill --format json` monthly and for the whole period, the same with --allow-partial
--allow-gaps, and `explain`), and on every corpus case (`import urdb` of its rate.json, then
`bill --format json` monthly with its own load and with case 11's, with the tariff's and the
data's demand window, and `explain`), and compares exit status, stdout and stderr byte for
byte. The period of a usage file is read from the file (first local day to the day after the
last). Prints the number of outputs compared and every one that differs; exits 1 if any does.
"""
import argparse
import concurrent.futures as cf
import datetime as dt
import glob
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def period_of(path):
    """(from, to, is_reads) of a usage or reads file."""
    lines = [l.strip() for l in open(path, encoding="utf-8") if l.strip()]
    reads = any(l.startswith("meter,read_date") for l in lines[:3])
    if reads:
        data = [l for l in lines if not l.startswith("#") and not l.startswith("meter,")]
        days = sorted(l.split(",")[1] for l in data)
        return days[0], days[-1], True
    data = [l for l in lines if l[0].isdigit()]
    first = data[0][:10]
    m = re.search(r"local (\d{4}-\d{2}-\d{2})", "\n".join(lines[:3]))
    if m:
        first = m.group(1)
    last = dt.date.fromisoformat(data[-1][:10]) + dt.timedelta(days=1)
    return first, last.isoformat(), False


def run(argv):
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def jobs(args, tmp):
    tariffs = sorted(glob.glob(os.path.join(ROOT, "tariffs", "*.tariff")) +
                     glob.glob(os.path.join(ROOT, "examples", "**", "*.tariff"), recursive=True))
    usages = sorted(glob.glob(os.path.join(ROOT, "examples", "usage", "*.csv")))
    for t in tariffs:
        for u in usages:
            frm, to, reads = period_of(u)
            src = ["--reads" if reads else "--usage", u, "--from", frm, "--to", to]
            yield ["bill", t, *src, "--format", "json", "--cycle", "monthly"]
            yield ["bill", t, *src, "--format", "json"]
            yield ["bill", t, *src, "--format", "json", "--cycle", "monthly", "--allow-partial", "--allow-gaps"]
            yield ["explain", t, *src]
    if not args.corpus or not os.path.isdir(args.corpus):
        return
    cases = sorted(d for d in glob.glob(os.path.join(args.corpus, "*")) if os.path.isdir(d))
    case11 = next((os.path.join(c, "load.csv") for c in cases if os.path.basename(c).startswith("11-")), None)
    for c in cases:
        rate = os.path.join(c, "rate.json")
        if not os.path.exists(rate):
            continue
        yield ["import", "urdb", rate]
        # Both binaries bill the tariff that the old binary imported (the import is compared above).
        tariff = os.path.join(tmp, os.path.basename(c) + ".tariff")
        subprocess.run([args.a, "import", "urdb", rate, "-o", tariff], capture_output=True)
        if not os.path.exists(tariff):
            continue
        for load in [os.path.join(c, "load.csv"), case11]:
            if not load or not os.path.exists(load):
                continue
            src = ["--usage", load, "--start", "2018-01-01", "--from", "2018-01-01", "--to", "2019-01-01"]
            yield ["bill", tariff, *src, "--format", "json", "--cycle", "monthly"]
            yield ["bill", tariff, *src, "--format", "json", "--cycle", "monthly", "--demand-window", "data"]
            yield ["explain", tariff, *src, "--demand-window", "data"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "urdb"))
    ap.add_argument("-j", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        todo = list(jobs(args, tmp))

        def one(cmd):
            return cmd, run([args.a, *cmd]), run([args.b, *cmd])

        n = ok = failed_runs = 0
        differ = []
        with cf.ThreadPoolExecutor(args.j) as ex:
            for cmd, ra, rb in ex.map(one, todo):
                n += 1
                failed_runs += ra[0] != 0
                if ra == rb:
                    ok += 1
                else:
                    differ.append(cmd)
    print(f"{n} outputs compared ({n - failed_runs} bills/explanations, {failed_runs} diagnostics), "
          f"{len(differ)} differ")
    for cmd in differ[:50]:
        print("DIFFER:", " ".join(cmd))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
