#!/usr/bin/env python3
"""Writes a large valid interval CSV: 1-minute kWh rows from --start (1990-01-01) on, in order, until
the file reaches --bytes. For the memory figures of docs/limits.md ("Memory on a large
valid usage file") and the test that keeps them (tests/usage_memory.cmake).

    python3 bench/make_big_usage.py --bytes 1000000000 --out /tmp/big.csv
    rateline bill tariffs/georgia-power-tou-reo-10.tariff --usage /tmp/big.csv \
        --from 2024-07-01 --to 2024-08-01

Rows look like `2024-07-01T14:05Z,0.731` (24 bytes): 1 GB is 41.7 million rows, 79 years.
"""
import argparse
import datetime

ap = argparse.ArgumentParser()
ap.add_argument("--bytes", type=float, required=True, help="stop once the file is at least this large")
ap.add_argument("--out", required=True)
ap.add_argument("--start", default="1990-01-01", help="the first day, YYYY-MM-DD")
ap.add_argument("--channels", type=int, choices=[1, 2, 3], default=1,
                help="1: kwh; 2: + kwh_received; 3: + kvarh")
args = ap.parse_args()

header = ["start", "kwh", "kwh_received", "kvarh"][: args.channels + 1]
# 1440 times of day and a cycle of values, so each day is one join of ready-made strings.
times = ["T%02d:%02dZ," % (m // 60, m % 60) for m in range(1440)]
extra = "".join(",%d.%03d" % (0, k) for k in range(1, args.channels))
values = ["%d.%03d%s\n" % ((m * 7919) % 3, (m * 104729) % 1000, extra) for m in range(1440 * 7)]

target = int(args.bytes)
written = 0
day = first = datetime.date.fromisoformat(args.start)
with open(args.out, "w", newline="\n") as f:
    f.write(",".join(header) + "\n")
    n = 0
    while written < target:
        date = day.isoformat()
        shift = (n % 7) * 1440
        block = "".join(date + times[m] + values[shift + m] for m in range(1440))
        f.write(block)
        written += len(block)
        day += datetime.timedelta(days=1)
        n += 1
print("%s: %d bytes, %d rows, %s to %s" % (args.out, written, n * 1440, first.isoformat(), day.isoformat()))
