#!/usr/bin/env python3
"""Writes the interval usage files in examples/usage/ that the tariff tests bill.

Deterministic: no randomness, no clock. Every profile is built so that the totals the
tests work out by hand are round or easy to check: a constant value per interval, with a
few named peak intervals for the demand tariffs. Timestamps are local wall-clock times
with their UTC offset (`2024-07-01T00:00-04:00`), so each file starts at local midnight
in the tariff's own time zone, as a bill period requires.

The `kwh` column holds the metered quantity per interval whatever the service: kWh for
electric, therms for gas, gallons for water (the usage reader has only kwh/kw columns;
see docs/tariffs.md).

    python3 scripts/make_example_usage.py            # (re)writes examples/usage/*.csv
    python3 scripts/make_example_usage.py --check    # exit 1 if a file differs
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "usage"


@dataclass
class Profile:
    name: str                 # file name without .csv
    zone: str                 # IANA zone of the tariff the file is for
    start: date               # first local day (from local midnight)
    end: date                 # day after the last local day
    minutes: int              # interval length
    value: Callable[[datetime], str]   # local start of the interval -> value text
    about: list[str] = field(default_factory=list)


def constant(text: str) -> Callable[[datetime], str]:
    return lambda _local: text


def with_peaks(base: str, peaks: dict[datetime, str]) -> Callable[[datetime], str]:
    """`base` in every interval except the local starts listed in `peaks`."""
    def value(local: datetime) -> str:
        return peaks.get(local.replace(tzinfo=None), base)
    return value


def by_month(values: dict[int, str]) -> Callable[[datetime], str]:
    return lambda local: values[local.month]


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi)


PROFILES: list[Profile] = [
    Profile(
        "peru_rs1_2024-06_07", "America/Indiana/Indianapolis", date(2024, 6, 1), date(2024, 8, 1), 60,
        by_month({6: "0.4", 7: "1.5"}),
        ["hourly; June 2024 0.4 kWh every hour (720 h -> 288 kWh);",
         "July 2024 1.5 kWh every hour (744 h -> 1116 kWh)"]),
    Profile(
        "georgia_tou_2024-07_10", "America/New_York", date(2024, 7, 1), date(2024, 10, 16), 60,
        constant("1"),
        ["hourly; 1 kWh every hour, 2024-07-01 .. 2024-10-15 (local):",
         "a day is 24 kWh, an on-peak weekday afternoon (14:00-19:00) 5 kWh"]),
    Profile(
        "riverland_tou_2024-09_12", "America/Chicago", date(2024, 9, 1), date(2025, 1, 1), 60,
        constant("1"),
        ["hourly; 1 kWh every hour, 2024-09-01 .. 2024-12-31 (local): 24 kWh a day",
         "(November 3 has 25 hours)"]),
    Profile(
        "oec_tou_2024-05_12", "America/Chicago", date(2024, 5, 16), date(2025, 1, 1), 60,
        constant("2"),
        ["hourly; 2 kWh every hour, 2024-05-16 .. 2024-12-31 (local): 48 kWh a day,",
         "an on-peak weekday afternoon (15:00-19:00) 8 kWh; November 3 has 25 hours"]),
    Profile(
        "willmar_residential_2024-07_10", "America/Chicago", date(2024, 7, 1), date(2024, 11, 1), 60,
        constant("1"),
        ["hourly; 1 kWh every hour, 2024-07-01 .. 2024-10-31 (local): 24 kWh a day"]),
    Profile(
        "willmar_large_power_2024-07_10", "America/Chicago", date(2024, 7, 1), date(2024, 11, 1), 60,
        with_peaks("40", {
            local(2024, 7, 17, 15): "100",   # July peak hour: 100 kW
            local(2024, 9, 20, 16): "80",    # September peak hour: 80 kW
            local(2024, 10, 10, 9): "60",    # October peak hour: 60 kW
        }),
        ["hourly; 40 kWh every hour (40 kW) except three peak hours:",
         "2024-07-17 15:00 100 kWh, 2024-09-20 16:00 80 kWh, 2024-10-10 09:00 60 kWh (local)"]),
    Profile(
        "mayfield_2024-03_07", "America/Chicago", date(2024, 3, 16), date(2024, 8, 1), 60,
        constant("1"),
        ["hourly; 1 kWh every hour, 2024-03-16 .. 2024-07-31 (local): 24 kWh a day"]),
    Profile(
        "batavia_2024-06_07", "America/Chicago", date(2024, 6, 1), date(2024, 8, 1), 15,
        lambda t: {
            local(2024, 6, 12, 14, 30): "20",   # June peak: 20 kWh in 15 min = 80 kW
            local(2024, 7, 23, 16, 0): "10",    # July peak: 10 kWh in 15 min = 40 kW
        }.get(t.replace(tzinfo=None), "10" if t.month == 6 else "5"),
        ["15-minute; June 2024 10 kWh per interval (40 kW) with one 20 kWh interval",
         "(80 kW) at 2024-06-12 14:30; July 2024 5 kWh per interval (20 kW) with one",
         "10 kWh interval (40 kW) at 2024-07-23 16:00 (local)"]),
    Profile(
        "cartersville_2024-06_07", "America/New_York", date(2024, 6, 1), date(2024, 8, 1), 15,
        lambda t: {
            local(2024, 6, 5, 15, 0): "375", local(2024, 6, 5, 15, 15): "375",
            local(2024, 6, 5, 15, 30): "375", local(2024, 6, 5, 15, 45): "375",
            local(2024, 7, 9, 14, 0): "250",
        }.get(t.replace(tzinfo=None), "350" if t.month == 6 else "240"),
        ["15-minute; June 2024 350 kWh per interval (1,400 kW) except 375 kWh (1,500 kW)",
         "in the four intervals of 2024-06-05 15:00-16:00; July 2024 240 kWh per interval",
         "(960 kW) except 250 kWh (1,000 kW) at 2024-07-09 14:00 (local)"]),
    Profile(
        "cartersville_xlp_2024-07_11", "America/New_York", date(2024, 7, 1), date(2024, 11, 16), 60,
        with_peaks("4000", {local(2024, 7, 17, 15): "4200"}),
        ["hourly; 4,000 kWh every hour (4,000 kW), 2024-07-01 .. 2024-11-15 (local), except",
         "4,200 kWh (4,200 kW) in the hour 2024-07-17 15:00; November 3 has 25 hours"]),
    Profile(
        "mahanoy_water_2024-01_02", "America/New_York", date(2024, 1, 1), date(2024, 3, 1), 60,
        constant("10"),
        ["hourly; 10 gallons every hour (the kwh column holds gallons):",
         "January 2024 7,440 gal, February 2024 (29 days) 6,960 gal"]),
    Profile(
        "bchydro_tod_2024-07_12", "America/Vancouver", date(2024, 7, 1), date(2025, 1, 1), 60,
        by_month({7: "0.8", 8: "1", 9: "1", 10: "1", 11: "1", 12: "1.5"}),
        ["hourly, Pacific time, 2024-07-01 .. 2024-12-31: July 0.8 kWh every hour",
         "(744 h -> 595.2 kWh); August to November 1 kWh every hour (November 3 has 25",
         "hours); December 1.5 kWh every hour (744 h -> 1116 kWh)"]),
    Profile(
        "enumclaw_gas_2021-01", "America/Los_Angeles", date(2021, 1, 1), date(2021, 2, 1), 60,
        constant("0.125"),
        ["hourly; 0.125 therm every hour (the kwh column holds therms): January 2021 93 therms"]),
    Profile(
        "enumclaw_gas_2021-07", "America/Los_Angeles", date(2021, 7, 1), date(2021, 8, 1), 60,
        constant("0.025"),
        ["hourly; 0.025 therm every hour (the kwh column holds therms): July 2021 18.6 therms"]),
    Profile(
        "gas_ccf_2024-01_02", "America/New_York", date(2024, 1, 1), date(2024, 3, 1), 60,
        constant("0.1"),
        ["hourly; 0.1 CCF every hour (the kwh column holds CCF; the tariff says `meter_unit CCF`):",
         "January 2024 74.4 CCF, February 2024 (29 days) 69.6 CCF"]),
    Profile(
        "sioux_center_gas_2021-01_03", "America/Chicago", date(2021, 1, 1), date(2021, 4, 1), 60,
        constant("10"),
        ["hourly; 10 cubic feet every hour (the kwh column holds CF; the tariff says `meter_unit CF`):",
         "January 2021 7,440 CF, February 2021 (28 days) 6,720 CF, March 2021 7,430 CF (23-hour March 14)"]),
    Profile(
        "coon_rapids_water_2024-01_06", "America/Chicago", date(2024, 1, 1), date(2024, 7, 1), 60,
        lambda t: "10" if t.month <= 3 else "20",
        ["hourly; 10 gallons every hour January-March 2024 (2,183 h: 21,830 gal), 20 gallons",
         "every hour April-June 2024 (2,184 h: 43,680 gal); the kwh column holds gallons"]),
    Profile(
        "dallas_water_2025-01", "America/Chicago", date(2025, 1, 1), date(2025, 2, 1), 60,
        constant("10"),
        ["hourly; 10 gallons every hour (the kwh column holds gallons): January 2025 7,440 gal"]),
    Profile(
        "dallas_water_2025-07_08", "America/Chicago", date(2025, 7, 1), date(2025, 9, 1), 60,
        by_month({7: "25", 8: "75"}),
        ["hourly (the kwh column holds gallons); July 2025 25 gallons every hour (744 h ->",
         "18,600 gal); August 2025 75 gallons every hour (744 h -> 55,800 gal)"]),
    Profile(
        "gru_gas_2017-01", "America/New_York", date(2017, 1, 1), date(2017, 2, 1), 60,
        constant("0.1"),
        ["hourly; 0.1 CCF every hour (the kwh column holds CCF; the tariff says `meter_unit CCF`):",
         "January 2017 74.4 CCF"]),
    Profile(
        "gru_gas_2017-04_05", "America/New_York", date(2017, 4, 18), date(2017, 5, 19), 60,
        lambda t: "1" if t.hour == 6 and t.replace(tzinfo=None) < local(2017, 5, 5) else "0",
        ["hourly (the kwh column holds CCF); the meter reading period of GRU's example bill,",
         "4/18/2017 .. 5/19/2017 (31 days): 1 CCF in the 06:00 hour of each of the first 17 days",
         "(2017-04-18 .. 2017-05-04), 0 otherwise: 17 CCF, the example's 3221 - 3204"]),
    Profile(
        "gru_gas_2017-07", "America/New_York", date(2017, 7, 1), date(2017, 8, 1), 60,
        constant("0.02"),
        ["hourly; 0.02 CCF every hour (the kwh column holds CCF): July 2017 14.88 CCF"]),
]


def iso_offset(t: datetime) -> str:
    offset = t.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{t:%Y-%m-%dT%H:%M}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def render(p: Profile) -> str:
    zone = ZoneInfo(p.zone)
    begin = datetime(p.start.year, p.start.month, p.start.day, tzinfo=zone).astimezone(timezone.utc)
    end = datetime(p.end.year, p.end.month, p.end.day, tzinfo=zone).astimezone(timezone.utc)
    lines = [f"# {p.name}.csv: generated by scripts/make_example_usage.py; do not edit",
             f"# zone {p.zone}, local {p.start} .. {p.end} (end exclusive)"]
    lines += [f"# {text}" for text in p.about]
    lines.append("start,kwh")
    total = Decimal(0)
    t = begin
    step = timedelta(minutes=p.minutes)
    while t < end:
        here = t.astimezone(zone)
        v = p.value(here)
        total += Decimal(v)
        lines.append(f"{iso_offset(here)},{v}")
        t += step
    lines.insert(2 + len(p.about), f"# total {total}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    differ = 0
    for p in PROFILES:
        text = render(p)
        path = OUT / f"{p.name}.csv"
        if args.check:
            if not path.exists() or path.read_text() != text:
                print(f"differs: {path.relative_to(ROOT)}")
                differ += 1
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
