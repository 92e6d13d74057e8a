"""rateline review on generated bills: the planted problems are found with their rule and
reason, thresholds come from the config, bad input is named."""
import csv
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(cli, *args):
    return subprocess.run([cli, *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def review(cli, data, tmp_path, *extra):
    out = tmp_path / "flags.csv"
    r = run(cli, "review", "--accounts", data / "review_accounts.csv", "--history", data / "history.csv", "--bills", data / "bills.csv",
            "--out", out, *extra)
    return r, list(csv.DictReader(open(out))) if out.exists() else []


def test_planted_problems_are_flagged(cli, data, tmp_path):
    r, flags = review(cli, data, tmp_path, "--config", data / "review.conf")
    assert r.returncode == 0, r.stderr
    found = {(f["rule"], f["account"]) for f in flags}
    for planted in csv.DictReader(open(data / "planted.csv")):
        assert (planted["rule"], planted["account"]) in found, planted
    negative = next(f for f in flags if f["rule"] == "negative_total")
    assert negative["total"] == "-25.00" and negative["reason"] == "the total -25.00 is below zero"
    demand = next(f for f in flags if f["rule"] == "over_contract_demand")
    assert demand["reason"] == "demand 120.5 kW is above the contract demand 100 kW"
    streak = next(f for f in flags if f["rule"] == "estimated_streak")
    assert streak["reason"] == "estimated bill after 3 estimated bills in a row"
    bills = list(csv.DictReader(open(data / "bills.csv")))
    assert f"reviewed {len(bills)} bills" in r.stderr


def test_thresholds_change_what_is_flagged(cli, data, tmp_path):
    strict = tmp_path / "strict.conf"
    strict.write_text("[default]\nhigh_percent = 5\nlow_percent = 5\nmin_amount = 0\n")
    _, loose_flags = review(cli, data, tmp_path, "--config", data / "review.conf")
    _, strict_flags = review(cli, data, tmp_path, "--config", strict)
    assert len(strict_flags) > len(loose_flags)


def test_config_mistakes_are_named(cli, data, tmp_path):
    bad = tmp_path / "bad.conf"
    bad.write_text("[default]\nhigh_percent = lots\n")
    r, _ = review(cli, data, tmp_path, "--config", bad)
    assert r.returncode == 1
    assert "bad.conf:2:16: error[A0013]: `lots` is not valid for high_percent: expected a percentage >= 0" in r.stderr


def test_bad_bills_are_named(cli, data, tmp_path):
    bills = tmp_path / "bills.csv"
    bills.write_text("account,from,to,usage,total\nA000001,2024-12-01,2025-01-01,10,12.x\n")
    r = run(cli, "review", "--accounts", data / "review_accounts.csv", "--bills", bills)
    assert r.returncode == 1
    assert "bills.csv:2:34: error[A0003]: `12.x` is not an amount (total)" in r.stderr


def test_unknown_account_is_named_not_reviewed(cli, data, tmp_path):
    bills = tmp_path / "bills.csv"
    bills.write_text("account,from,to,usage,total\nNOPE,2024-12-01,2025-01-01,10,12.00\n")
    r = run(cli, "review", "--accounts", data / "review_accounts.csv", "--bills", bills)
    assert r.returncode == 1 and "account NOPE: not in the accounts table" in r.stderr


def test_list_rules(cli):
    r = run(cli, "review", "--list-rules")
    assert r.returncode == 0
    assert [line.split(":")[0] for line in r.stdout.splitlines()] == [
        "amount_vs_history", "usage_vs_history", "zero_usage", "negative_total", "estimated_streak", "over_contract_demand"]
