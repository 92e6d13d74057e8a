"""rateline compare: the population summary recomputed independently from the per-account
CSV (Python's decimal), bad input named per account, the cheapest-rate ranking."""
import csv
import json
import math
import subprocess
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OLD = "tariffs/willmar-residential.tariff"
NEW = "tests/compare/willmar-residential-proposed.tariff"
BROKEN = "tests/compare/broken.tariff"
PERIOD = ["--from", "2024-01-01", "--to", "2025-01-01"]


def run(cli, *args):
    return subprocess.run([cli, *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def compare_population(cli, data, tmp_path, new=NEW, *extra):
    out = tmp_path / "impacts.csv"
    r = run(cli, "compare", OLD, new, "--accounts", data / "pop/accounts.csv", "--usage", data / "pop/usage.csv", *PERIOD,
            "--tariffs", ROOT / "tariffs", "--out", out, "--format", "json", *extra)
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    return r, rows, json.loads(r.stdout)


def pct(part, whole, places="0.01"):
    return (part * 100 / whole).quantize(Decimal(places), rounding=ROUND_HALF_EVEN)


def nearest_rank(sorted_values, p):
    rank = max(1, math.ceil(Decimal(p) * len(sorted_values) / 100))
    return sorted_values[rank - 1]


def test_summary_agrees_with_the_per_account_csv(cli, data, tmp_path):
    r, rows, summary = compare_population(cli, data, tmp_path, NEW, "--revenue-target", "+3.5%", "--unchanged-for", "service_level=primary")
    compared = [row for row in rows if row["status"] == "compared"]
    assert summary["accounts"] == len(rows) and summary["compared"] == len(compared) > 150
    old = sum(Decimal(row["old"]) for row in compared)
    new = sum(Decimal(row["new"]) for row in compared)
    rev = summary["revenue"]
    assert (Decimal(rev["old"]), Decimal(rev["new"]), Decimal(rev["change"])) == (old, new, new - old)
    assert rev["accounts"] == len(compared)
    assert Decimal(rev["percent"]) == pct(new - old, old)
    target = summary["revenue_target"]
    target_revenue = (old * (1 + Decimal("3.5") / 100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    assert Decimal(target["revenue"]) == target_revenue and Decimal(target["new_minus_target"]) == new - target_revenue
    for row in compared:   # every per-account figure is its own old/new
        assert Decimal(row["change"]) == Decimal(row["new"]) - Decimal(row["old"])
        assert Decimal(row["percent"]) == pct(Decimal(row["new"]) - Decimal(row["old"]), abs(Decimal(row["old"])))
    classes = {}
    for row in compared:
        c = classes.setdefault(row["rate_class"], [0, Decimal(0), Decimal(0)])
        c[0] += 1
        c[1] += Decimal(row["old"])
        c[2] += Decimal(row["new"])
    assert {c["rate_class"]: [c["accounts"], Decimal(c["old"]), Decimal(c["new"])] for c in summary["by_class"]} == classes
    percents = sorted(Decimal(row["percent"]) for row in compared if row["percent"])
    assert summary["impact_percent"]["accounts"] == len(percents)
    for p in (0, 5, 25, 50, 75, 95, 100):
        assert Decimal(summary["impact_percent"]["percentiles"][f"p{p}"]) == nearest_rank(percents, p), p
    bins = summary["histogram"]
    assert sum(b["accounts"] for b in bins) == len(percents)
    for b in bins:
        lo = Decimal(b["from"]) if b["from"] is not None else None
        hi = Decimal(b["to"]) if b["to"] is not None else None
        assert b["accounts"] == sum(1 for v in percents if (lo is None or v >= lo) and (hi is None or v < hi))
        if lo is not None and hi is not None:
            assert hi - lo == 1 and lo.to_integral_value(rounding=ROUND_FLOOR) == lo
    ups = sorted((r for r in compared if Decimal(r["change"]) > 0), key=lambda r: (-Decimal(r["change"]), r["account"]))[:10]
    assert [i["account"] for i in summary["largest_increases"]] == [r["account"] for r in ups]


def test_bad_accounts_are_named_and_kept_out_of_the_totals(cli, data, tmp_path):
    r, rows, summary = compare_population(cli, data, tmp_path)
    assert r.returncode == 1   # not every account could be compared
    bad = {row["account"]: row["kind"] for row in csv.DictReader(open(data / "pop/bad.csv"))}
    data_problems = {a for a, kind in bad.items() if kind in ("duplicate", "gap", "negative", "not_a_number")}
    assert data_problems, "the generated population has accounts with bad usage"
    by_id = {row["account"]: row for row in rows}
    for account in data_problems:
        row = by_id[account]
        assert row["status"] == "failed_old" and row["old"] == "" and row["problem"], row
    named = {p["account"] for p in summary["not_compared"]}
    assert data_problems <= named
    assert summary["compared"] + len(summary["not_compared"]) == summary["accounts"]
    assert sum(summary["by_status"].values()) == summary["accounts"]


def test_a_tariff_that_fails_to_compile_is_named_per_account(cli, data, tmp_path):
    r, rows, summary = compare_population(cli, data, tmp_path, BROKEN)
    assert r.returncode == 1
    assert "broken.tariff:7:49: error[E0301]" in r.stderr
    assert summary["compared"] == 0 and summary["revenue"]["accounts"] == 0
    assert all(row["status"] in ("failed_old", "failed_new") for row in rows)
    assert any(row["status"] == "failed_new" and "E0301" in row["problem"] for row in rows)


def test_cheapest_rate_ranking(cli, data):
    rates = [NEW, OLD, "tariffs/mayfield-residential.tariff"]
    r = run(cli, "compare", "--rates", *rates, "--usage", data / "one_customer.csv", *PERIOD, "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    totals = [Decimal(x["total"]) for x in out["ranked"]]
    assert totals == sorted(totals) and out["ranked"][0]["tariff"] == OLD
    assert len(out["periods"]) == 12
    for x in out["ranked"]:   # the side-by-side bills add up to each rate's total
        assert sum(Decimal(p["totals"][x["tariff"]]) for p in out["periods"]) == Decimal(x["total"])
    annual = totals[1] - totals[0]
    diffs = [Decimal(p["difference"]) for p in out["periods"]]
    assert sum(diffs) == annual
    drivers = [Decimal(p["difference"]) for p in out["periods"] if p["driver"]]
    assert sum(drivers) * 2 >= annual and (sum(drivers) - min(drivers)) * 2 < annual
    assert min(drivers) >= max(d for p, d in zip(out["periods"], diffs) if not p["driver"])


def test_ranking_table_names_a_rate_that_cannot_bill(cli):
    r = run(cli, "compare", "--rates", "tariffs/willmar-residential.tariff", "tariffs/riverland-energy-tou.tariff", "--reads",
            "tests/data/reads_july.csv", "--from", "2024-07-01", "--to", "2024-08-01")
    assert r.returncode == 1
    assert "   1  tariffs/willmar-residential.tariff       114.26  cheapest\n" in r.stdout
    assert "Not ranked (could not bill this usage):\n  tariffs/riverland-energy-tou.tariff: B0021:" in r.stdout


def test_no_partial_output_file(cli, data, tmp_path):
    out = tmp_path / "missing-dir" / "impacts.csv"
    r = run(cli, "compare", OLD, NEW, "--accounts", data / "pop/accounts.csv", "--usage", data / "pop/usage.csv", *PERIOD,
            "--out", out)
    assert r.returncode == 1 and "cannot write" in r.stderr and not out.exists()


def test_bad_command_lines(cli):
    r = run(cli, "compare", OLD, NEW, *PERIOD)
    assert r.returncode == 2 and "compare needs --rates" in r.stderr
    r = run(cli, "compare", OLD, NEW, "--accounts", "a.csv", "--usage", "u.csv", *PERIOD, "--revenue-target", "lots")
    assert r.returncode == 2 and "--revenue-target takes a percentage such as +3.5%" in r.stderr


def test_usage_the_new_rate_cannot_bill_is_named_per_account(cli, tmp_path):
    # TOU energy from register reads: the old rate bills it, the new one cannot (B0021).
    (tmp_path / "accounts.csv").write_text("account,tariff\nR1,willmar-residential\nR2,willmar-residential\n")
    reads = ["account,meter,read_date,reading,dials,multiplier,type"]
    for account in ("R1", "R2"):
        reads += [f"{account},W1,2024-07-01,10200,5,1,actual", f"{account},W1,2024-08-01,11100,5,1,estimated"]
    (tmp_path / "reads.csv").write_text("\n".join(reads) + "\n")
    out = tmp_path / "impacts.csv"
    r = run(cli, "compare", OLD, "tariffs/riverland-energy-tou.tariff", "--accounts", tmp_path / "accounts.csv", "--reads",
            tmp_path / "reads.csv", "--from", "2024-07-01", "--to", "2024-08-01", "--out", out, "--format", "json")
    assert r.returncode == 1
    summary = json.loads(r.stdout)
    assert summary["compared"] == 0 and summary["by_status"] == {"failed_new": 2}
    rows = list(csv.DictReader(open(out)))
    assert [(row["account"], row["status"], row["old"], row["new"]) for row in rows] == [("R1", "failed_new", "114.26", ""),
                                                                                      ("R2", "failed_new", "114.26", "")]
    assert all(row["problem"].startswith("B0021 this tariff bills energy by time-of-use period") for row in rows)


CITY = "examples/language/services.tariff"
SALEM = "tariffs/salem-va-residential-utilities.tariff"
GEORGIA = "tariffs/georgia-power-tou-reo-10.tariff"
JULY = ["--from", "2024-07-01", "--to", "2024-08-01"]
METERS = ["--usage", "electric=examples/usage/georgia_tou_2024-07_10.csv", "--reads", "water=examples/usage/city_water_reads_2024-07.csv"]


def test_rates_of_several_services_rank_on_one_file_per_meter(cli):
    r = run(cli, "compare", "--rates", CITY, SALEM, GEORGIA, *METERS, *JULY, "--format", "json")
    assert r.returncode == 0, r.stderr
    totals = {x["tariff"]: Decimal(x["total"]) for x in json.loads(r.stdout)["ranked"]}
    # Each total is the bill `rateline bill` gives for the same files: the city's four
    # services $205.88 (docs/language.md), Georgia Power's electric alone $79.10 (its
    # file named electric=, the only one it bills).
    assert totals[CITY] == Decimal("205.88")
    assert totals[GEORGIA] == Decimal("79.10")
    bill = run(cli, "bill", SALEM, *METERS, *JULY, "--format", "json")
    assert bill.returncode == 0, bill.stderr
    assert totals[SALEM] == Decimal(json.loads(bill.stdout)["total"])


def test_a_rate_of_several_services_without_named_usage_is_not_ranked(cli):
    r = run(cli, "compare", "--rates", CITY, GEORGIA, "--usage", "examples/usage/georgia_tou_2024-07_10.csv", *JULY, "--format", "json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert [x["tariff"] for x in out["ranked"]] == [GEORGIA]
    assert [(x["tariff"], x["errors"][0]["code"]) for x in out["not_ranked"]] == [(CITY, "A0022")]
    assert "bills 4 services, and the usage names no meter" in r.stderr
    assert "NAME one of: electric, water" in r.stderr


def test_named_and_unnamed_usage_together_is_a_bad_command_line(cli):
    r = run(cli, "compare", "--rates", CITY, GEORGIA, "--usage", "examples/usage/georgia_tou_2024-07_10.csv",
            "--reads", "water=examples/usage/city_water_reads_2024-07.csv", *JULY)
    assert r.returncode == 2 and "one file per meter" in r.stderr
