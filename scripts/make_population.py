#!/usr/bin/env python3
"""Writes a synthetic customer population for `rateline batch` (docs/accounts-format.md).

    python3 scripts/make_population.py --accounts 1000 --from 2024-01-01 --to 2025-01-01 \\
        --interval 60 --seed 7 [--bad-share 0.01] [--solar-share 0.15] [--move-share 0.05] --out /tmp/pop

writes, in DIR:
  accounts.csv  account,tariff,service_start,service_end,attr:location,attr:service_level
  usage.csv     account,start,kwh,kwh_received  (UTC starts, grouped by account in table order)
  bad.csv       account,kind: the accounts given deliberately bad data, and how

The population: residential accounts (about 85%) on the bundled residential tariffs, with
a morning and an evening peak, and commercial ones on the demand tariffs, busy on working
hours and quiet at weekends; both follow the seasons (cooling in summer, heating in
winter). A share of residential accounts has rooftop solar: midday generation beyond the
house's load is exported (kwh_received). Some accounts move in or out during the period
(service_start / service_end). A share (--bad-share) gets bad data: a duplicate interval,
a gap, a negative or non-numeric value, an unknown tariff or a missing attribute.

Seeded and reproducible: the same arguments give the same bytes. Values are whole Wh,
printed as fixed decimals with 3 places (never through float formatting). Every random
draw is made per account, so the files are built with plain string joins at a few
million rows per second.
"""

import argparse
import datetime as dt
import os
import random
import sys

# Bundled tariffs the population uses: (name, sector, effective date, attributes to set,
# the longest interval its demand window allows: batavia measures demand over 15 minutes).
TARIFFS = [
    ("willmar-residential", "residential", dt.date(2024, 1, 1), {}, 60),
    ("mayfield-residential", "residential", dt.date(2018, 11, 1), {}, 60),
    ("peru-utilities-rs-1", "residential", dt.date(2023, 6, 1), {"location": ["inside_city", "outside_city"]}, 60),
    ("riverland-energy-tou", "residential", dt.date(2023, 5, 1), {}, 60),
    ("oklahoma-electric-coop-tou", "residential", dt.date(2019, 1, 1), {}, 60),
    ("georgia-power-tou-reo-10", "residential", dt.date(2016, 1, 1), {}, 60),
    ("batavia-demand-rate", "commercial", dt.date(2015, 5, 1), {}, 15),
    ("willmar-large-power", "commercial", dt.date(2024, 1, 1), {"service_level": ["primary", "secondary"]}, 60),
]
ATTRIBUTES = ["location", "service_level"]
BAD_KINDS = ["duplicate", "gap", "negative", "not_a_number", "unknown_tariff", "missing_attribute"]

# Hourly shapes (kWh in an hour for a typical customer of the sector, before scaling).
RESIDENTIAL_DAY = [0.45, 0.40, 0.38, 0.37, 0.38, 0.45, 0.70, 0.95, 0.85, 0.65, 0.55, 0.52,
                   0.52, 0.52, 0.55, 0.62, 0.78, 1.05, 1.30, 1.35, 1.25, 1.05, 0.80, 0.58]
COMMERCIAL_WORKDAY = [8, 8, 8, 8, 9, 12, 20, 32, 40, 43, 45, 46, 46, 46, 45, 44, 40, 33, 22, 15, 12, 10, 9, 8]
COMMERCIAL_WEEKEND = [8, 8, 8, 8, 8, 8, 9, 10, 11, 12, 12, 12, 12, 12, 12, 11, 11, 10, 10, 9, 9, 8, 8, 8]
# Seasonal factor by month (1..12): heating in winter, cooling in summer.
RES_SEASON = [1.30, 1.20, 1.00, 0.85, 0.90, 1.15, 1.40, 1.45, 1.10, 0.90, 1.05, 1.25]
COM_SEASON = [1.05, 1.02, 0.98, 0.95, 1.00, 1.12, 1.22, 1.24, 1.10, 0.98, 1.00, 1.04]
# Solar generation of 1 kW of panels (kWh in the hour), by hour of day, and by month.
SOLAR_DAY = [0, 0, 0, 0, 0, 0, 0.03, 0.12, 0.30, 0.48, 0.62, 0.70, 0.72, 0.68, 0.58, 0.42, 0.24, 0.08, 0.01, 0, 0, 0, 0, 0]
SOLAR_SEASON = [0.55, 0.65, 0.80, 0.95, 1.05, 1.12, 1.15, 1.08, 0.95, 0.78, 0.60, 0.50]


def parse_date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        sys.exit(f"make_population.py: {text!r} is not a date (YYYY-MM-DD)")


def fixed3(wh):
    """Whole Wh as kWh with 3 decimals: 1234 -> '1.234'."""
    return f"{wh // 1000}.{wh % 1000:03d}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--accounts", type=int, required=True)
    ap.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    ap.add_argument("--to", dest="end", required=True, help="day after the last day, YYYY-MM-DD")
    ap.add_argument("--interval", type=int, choices=[60, 15], default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bad-share", type=float, default=0.0)
    ap.add_argument("--solar-share", type=float, default=0.15, help="share of residential accounts with solar")
    ap.add_argument("--move-share", type=float, default=0.05, help="share moving in, and share moving out")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    start, end = parse_date(args.start), parse_date(args.end)
    if end <= start or args.accounts < 1:
        sys.exit("make_population.py: need --accounts >= 1 and --to after --from")
    tariffs = [t for t in TARIFFS if t[2] <= start and args.interval <= t[4]]
    residential = [t for t in tariffs if t[1] == "residential"]
    commercial = [t for t in tariffs if t[1] == "commercial"]
    if not residential:
        sys.exit(f"make_population.py: no bundled residential tariff is in effect on {start}")
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)

    # The grid, in UTC: from midnight UTC of the first day (at or before local midnight in
    # every US zone) to noon UTC of the last day (after local midnight in every US zone).
    step = dt.timedelta(minutes=args.interval)
    per_hour = 60 // args.interval
    t0 = dt.datetime(start.year, start.month, start.day)
    t_end = dt.datetime(end.year, end.month, end.day, 12)
    count = int((t_end - t0) / step)
    starts = [(t0 + i * step) for i in range(count)]
    stamps = [t.strftime("%Y-%m-%dT%H:%MZ,") for t in starts]
    # Shapes per interval over the whole window (local time is about UTC-6: shift by 6 hours).
    local = [t - dt.timedelta(hours=6) for t in starts]
    res_shape = [RESIDENTIAL_DAY[t.hour] * RES_SEASON[t.month - 1] / per_hour for t in local]
    com_shape = [(COMMERCIAL_WEEKEND if t.weekday() >= 5 else COMMERCIAL_WORKDAY)[t.hour] * COM_SEASON[t.month - 1] / per_hour
                 for t in local]
    sun_shape = [SOLAR_DAY[t.hour] * SOLAR_SEASON[t.month - 1] / per_hour for t in local]
    # Noise: one table, each account reads it from its own offset.
    noise = [0.6 + 0.8 * rng.random() for _ in range(count + 8191)]
    values = {}  # Wh -> "k.kkk", built as needed

    def text_of(wh):
        s = values.get(wh)
        if s is None:
            s = values[wh] = fixed3(wh)
        return s

    days = (end - start).days
    width = max(6, len(str(args.accounts)))
    # First every account's draws (so accounts.csv is complete before the usage is written:
    # usage.csv may be a named pipe that `rateline batch` reads as it is written).
    population = []
    accounts_rows = ["account,tariff,service_start,service_end,attr:location,attr:service_level\n"]
    bad_rows = ["account,kind\n"]
    for n in range(args.accounts):
        account = f"A{n + 1:0{width}d}"
        is_commercial = bool(commercial) and rng.random() < 0.15
        name, sector, _, attrs, _ = rng.choice(commercial if is_commercial else residential)
        attributes = {a: rng.choice(v) for a, v in attrs.items()}
        scale = rng.lognormvariate(0, 0.35) * (1.0 if is_commercial else 1.1)
        solar_kw = rng.choice([4, 5, 6, 7, 8]) * 1.0 if (not is_commercial and rng.random() < args.solar_share) else 0.0
        service_start = service_end = None
        if days > 40 and rng.random() < args.move_share:
            service_start = start + dt.timedelta(days=rng.randrange(5, days - 20))
        elif days > 40 and rng.random() < args.move_share / (1 - args.move_share):
            service_end = start + dt.timedelta(days=rng.randrange(20, days - 5))
        bad = rng.choice(BAD_KINDS) if rng.random() < args.bad_share else None
        if bad == "unknown_tariff":
            name = "no-such-tariff"
        if bad == "missing_attribute":
            if not attrs:
                bad = "negative"
            else:
                attributes = {}
        if bad:
            bad_rows.append(f"{account},{bad}\n")
        accounts_rows.append(f"{account},{name},{service_start or ''},{service_end or ''},"
                             f"{attributes.get('location', '')},{attributes.get('service_level', '')}\n")
        population.append((account, is_commercial, scale, solar_kw, service_start, service_end, bad, rng.randrange(8191)))
    with open(os.path.join(args.out, "accounts.csv"), "w", newline="\n") as f:
        f.write("".join(accounts_rows))
    with open(os.path.join(args.out, "bad.csv"), "w", newline="\n") as f:
        f.write("".join(bad_rows))

    with open(os.path.join(args.out, "usage.csv"), "w", newline="\n") as usage:
        usage.write("account,start,kwh,kwh_received\n")
        for account, is_commercial, scale, solar_kw, service_start, service_end, bad, off in population:
            # The account's rows: from service start (midnight UTC) to service end (noon UTC).
            first = 0 if service_start is None else (service_start - start).days * 24 * per_hour
            last = count if service_end is None else min(count, (service_end - start).days * 24 * per_hour + 12 * per_hour)
            shape = com_shape if is_commercial else res_shape
            k = scale * 1000.0
            load = [int(s * z * k) for s, z in zip(shape[first:last], noise[off + first:off + last])]
            if solar_kw:
                gen = [int(g * solar_kw * 1000.0) for g in sun_shape[first:last]]
                cells = [text_of(l - g) + ",0\n" if l >= g else "0.000," + text_of(g - l) + "\n" for l, g in zip(load, gen)]
            else:
                cells = [text_of(l) + ",0\n" for l in load]
            prefix = account + ","
            lines = [prefix + t + c for t, c in zip(stamps[first:last], cells)]
            if bad == "duplicate":
                lines.insert(len(lines) // 2, lines[len(lines) // 2])
            elif bad == "gap":
                del lines[len(lines) // 3:len(lines) // 3 + 3]
            elif bad == "negative":
                i = len(lines) // 2
                lines[i] = prefix + stamps[first + i] + "-0.250,0\n"
            elif bad == "not_a_number":
                i = len(lines) // 4
                lines[i] = prefix + stamps[first + i] + "n/a,0\n"
            usage.write("".join(lines))


if __name__ == "__main__":
    main()
