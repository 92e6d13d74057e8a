"""rateline.dask on a LocalCluster of 2 worker processes on loopback: the same bytes as
`rateline batch` on the same inputs, with a worker killed (SIGKILL) mid-run; bad inputs
(an unreadable partition, a tariff that does not compile) named in the result."""
import os
import pathlib
import signal
import subprocess
import sys

import pytest

SOURCE = pathlib.Path(os.environ.get("RATELINE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("RATELINE_CLI", str(SOURCE / "build/rateline"))
PERIOD = ("2024-01-01", "2024-07-01")
TARIFFS = str(SOURCE / "tariffs")

import rateline.dask as rd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    """120 accounts, 6 months hourly, 5% deliberately bad, cut into 30 partitions."""
    root = tmp_path_factory.mktemp("population")
    subprocess.run([sys.executable, str(SOURCE / "scripts/make_population.py"), "--accounts", "120", "--from", PERIOD[0], "--to",
                    PERIOD[1], "--seed", "15", "--bad-share", "0.05", "--out", str(root)], check=True)
    parts = rd.partition_usage(root / "usage.csv", root / "parts", 4)
    return root, parts


def batch(accounts, parts, out_dir, *extra):
    """`rateline batch` on one process: (bills bytes, exceptions bytes)."""
    out, exceptions = out_dir / "batch.csv", out_dir / "batch-exceptions.csv"
    cmd = [CLI, "batch", "--accounts", str(accounts), "--from", PERIOD[0], "--to", PERIOD[1], "--tariffs", TARIFFS, "--threads", "1",
           "--out", str(out), "--exceptions", str(exceptions), "--allow-exceptions", *extra]
    for p in parts:
        cmd += ["--usage", p]
    subprocess.run(cmd, check=True, capture_output=True)
    return out.read_bytes(), exceptions.read_bytes()


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      protocol="tcp", timeout=60) as cluster, Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


class KillWhileBilling:
    """A worker plugin: the worker that starts running partition `index` writes its pid and
    the task's key to `marker` and kills itself (SIGKILL), once in the whole cluster (the
    marker is created exclusively; the nanny's replacement worker finds it there).

    The kill used to come from the client, at a worker that `client.processing()` said was
    busy: with partitions of a millisecond or two, that worker could finish the keys it was
    named with before the signal arrived, and then none was billed again (one unexplained
    failure in 15 runs). Killed from inside, the worker is always running the partition."""

    def __init__(self, index, marker):
        self.suffix, self.marker = f"-{index}", str(marker)

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not (str(key).startswith("rateline-partition-") and str(key).endswith(self.suffix)):
            return
        try:
            fd = os.open(self.marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            return
        os.write(fd, f"{os.getpid()} {key}".encode())
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)


def test_killed_worker_same_bytes_as_batch(client, population, tmp_path):
    root, parts = population
    expected_bills, expected_exceptions = batch(root / "accounts.csv", parts, tmp_path)
    before = set(client.run(os.getpid).values())
    marker = tmp_path / "killed"
    victim_partition = len(parts) // 2  # mid-run: partitions before it are done or running
    client.register_worker_plugin(KillWhileBilling(victim_partition, marker), name="kill-while-billing")
    pids = {}
    try:
        run = rd.bill_population(client, TARIFFS, root / "accounts.csv", parts, PERIOD,
                                 on_partition=lambda k, r: pids.__setitem__(k, r.get("pid")))
    finally:
        client.unregister_worker_plugin("kill-while-billing")
    assert marker.exists(), "no worker was killed"
    killed_pid, killed_key = marker.read_text().split(" ", 1)
    killed_pid = int(killed_pid)
    assert killed_pid in before and killed_key.endswith(f"-{victim_partition}")
    # The partition the dead worker was running was billed again by another process.
    assert pids[victim_partition] != killed_pid
    client.wait_for_workers(2, timeout=60)  # the nanny starts a new worker in its place
    assert killed_pid not in client.run(os.getpid).values()

    s = run.summary
    assert s.complete and s.missing == 0 and s.partitions == len(parts)
    assert s.accounts == 120 and s.billed + s.failed + s.not_in_service == 120 and s.failed > 0
    run.write(tmp_path / "dask.csv", exceptions=tmp_path / "dask-exceptions.csv")
    assert (tmp_path / "dask.csv").read_bytes() == expected_bills
    assert (tmp_path / "dask-exceptions.csv").read_bytes() == expected_exceptions
    assert s.bills == expected_bills.count(b"\n") - 1
    import csv
    assert s.failed == len({row[0] for row in list(csv.reader(expected_exceptions.decode().splitlines()))[1:]})

    # The Dask DataFrame: one row per account, in table order, the same rows.
    frame = run.frame.compute()
    assert list(frame.index) == list(range(120))
    assert "".join(frame["bills"]).encode() == expected_bills.split(b"\n", 1)[1]
    assert (frame["status"] == "failed").sum() == s.failed


def test_jsonl_line_items_same_bytes_as_batch(client, population, tmp_path):
    root, parts = population
    expected, _ = batch(root / "accounts.csv", parts[:5], tmp_path, "--format", "jsonl", "--line-items")
    run = rd.bill_population(client, TARIFFS, root / "accounts.csv", parts[:5], PERIOD, format="jsonl", line_items=True)
    # Accounts of the other partitions have no usage here: "no usage" exception rows, as batch writes.
    assert run.summary.complete and run.summary.failed >= 100
    run.write(tmp_path / "dask.jsonl")
    assert (tmp_path / "dask.jsonl").read_bytes() == expected


def test_unreadable_partition_named_and_accounts_missing(client, population, tmp_path):
    root, parts = population
    broken = [*parts[:3], str(tmp_path / "no-such-partition.csv"), *parts[4:]]
    run = rd.bill_population(client, TARIFFS, root / "accounts.csv", broken, PERIOD)
    s = run.summary
    assert [p.partition for p in s.failed_partitions] == [3]
    assert s.failed_partitions[0].files == [broken[3]]
    assert "no-such-partition.csv" in s.failed_partitions[0].message
    assert not s.complete
    # The four accounts of the lost partition are missing, named; none is silently dropped.
    lost = [line.split(",", 1)[0] for line in open(parts[3]).read().splitlines()[1:]]
    assert sorted(s.missing_accounts) == sorted(set(lost)) and s.missing == 4
    assert s.billed + s.failed + s.not_in_service + s.missing == 120
    assert "partition 3" in str(s) and "4 missing" in str(s)
    with pytest.raises(RuntimeError, match="incomplete; no output written"):
        run.write(tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
    run.write(tmp_path / "out.csv", allow_incomplete=True)
    assert not any(a in (tmp_path / "out.csv").read_text() for a in lost)


def test_tariff_that_does_not_compile_per_account_as_batch(client, population, tmp_path):
    root, parts = population
    broken = tmp_path / "broken.tariff"
    broken.write_text('tariff "Broken" {\n  utility "Nowhere"\n  charge oops\n}\n')
    lines = (root / "accounts.csv").read_text().splitlines(keepends=True)
    # Accounts 2 and 3 (lines 3 and 4) on the broken tariff, by path relative to the table.
    for i in (2, 3):
        fields = lines[i].split(",")
        fields[1] = "broken.tariff"
        lines[i] = ",".join(fields)
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("".join(lines))
    expected_bills, expected_exceptions = batch(accounts, parts, tmp_path)
    # The tariff's text travels with the job (read once on the client).
    run = rd.bill_population(client, TARIFFS, accounts, parts, PERIOD)
    assert run.summary.complete
    run.write(tmp_path / "dask.csv", exceptions=tmp_path / "dask-exceptions.csv")
    assert (tmp_path / "dask.csv").read_bytes() == expected_bills
    assert (tmp_path / "dask-exceptions.csv").read_bytes() == expected_exceptions
    ids = [lines[i].split(",", 1)[0] for i in (2, 3)]
    for position in (1, 2):
        assert run.status[position] == "failed"
        assert run.exceptions[position].startswith(ids[position - 1] + "," + str(broken))


def test_compare_population_exact(client, population, tmp_path):
    root, parts = population
    old = SOURCE / "tariffs/willmar-residential.tariff"
    new = SOURCE / "tariffs/riverland-energy-tou.tariff"
    cmp = rd.compare_population(client, old, new, root / "accounts.csv", parts, PERIOD, tariffs=TARIFFS)
    # Each side equals batch with every account on that tariff.
    import decimal
    import csv

    for side, tariff in (("old", old), ("new", new)):
        lines = (root / "accounts.csv").read_text().splitlines(keepends=True)
        out = [lines[0]]
        for line in lines[1:]:
            fields = next(csv.reader([line]))
            fields[1] = str(tariff)
            out.append(",".join(fields) + "\n")
        (tmp_path / side).mkdir()
        accounts = tmp_path / side / "accounts.csv"
        accounts.write_text("".join(out))
        bills, _ = batch(accounts, parts, tmp_path / side)
        totals = {}
        for fields in list(csv.reader(bills.decode().splitlines()))[1:]:
            totals[fields[0]] = totals.get(fields[0], decimal.Decimal(0)) + decimal.Decimal(fields[6])
        compared = {a: i for a, i in zip(cmp.accounts, cmp.impacts) if i[0] == "compared"}
        assert compared
        for account, impact in compared.items():
            assert decimal.Decimal(impact[1 if side == "old" else 2]) == totals[account]
    assert cmp.change == cmp.new_revenue - cmp.old_revenue
    frame = cmp.frame.compute()
    assert (frame["status"] == "compared").sum() == cmp.compared
    cmp.write(tmp_path / "impacts.csv")
    assert (tmp_path / "impacts.csv").read_text().startswith("account,status,old,new,change,problem\n")
