"""rateline.dask: bill a population on a Dask distributed cluster, byte for byte as `rateline batch`.

    from distributed import Client
    import rateline.dask

    client = Client("tcp://scheduler:8786")
    run = rateline.dask.bill_population(client, "tariffs", "accounts.csv",
                                       ["usage/part-000.csv", "usage/part-001.csv"],
                                       ("2024-01-01", "2025-01-01"), cycle="monthly")
    run.summary            # accounts billed / failed / missing, bills, failed partitions
    run.write("bills.csv", exceptions="exceptions.csv")   # the bytes `rateline batch` writes
    run.frame              # a Dask DataFrame: one row per account (index: table position)

    cmp = rateline.dask.compare_population(client, "old.tariff", "new.tariff", "accounts.csv",
                                           usage_paths, ("2024-01-01", "2025-01-01"))
    cmp.frame.compute()    # account, status, old, new, change (exact decimal strings)

One task per usage partition (a file, or a list of files). Each task bills the accounts
whose usage is in its partition with the C++ population code of `rateline batch`
(rateline._rateline.PopulationBiller), so a row is the same bytes. The accounts table and
the tariffs' text go to every worker once (scattered); each worker compiles the tariffs
once per run and keeps them. Usage is read on the worker from the partition's path; only
the output rows come back. Tasks are pure and named by partition: when a worker dies, Dask
runs its partitions again elsewhere, and the rows are put in the accounts table's order
by position, so nothing is lost or written twice. docs/scale-out.md has the whole story.

Each account's usage must lie in one partition (partition by account); an account found in
two partitions is a problem of the run, named with both. An account found in no partition
is billed "without usage" exactly as `batch` does (not in service, or a P0101 exception
row) — unless a partition could not be read, and then it is counted *missing*.
"""

from __future__ import annotations

import csv
import dataclasses
import decimal
import hashlib
import io
import os
import threading
import time
import uuid
from typing import Callable, Iterable, Sequence

from . import _rateline

__all__ = ["partition_usage", "PopulationRun", "PopulationSummary", "PartitionProblem", "ComparisonRun", "bill_population", "compare_population"]

# ---------------------------------------------------------------------------------------
# On the workers

_BILLERS: dict = {}  # job token -> PopulationBiller: the tariffs compiled once per worker process
_BILLERS_LOCK = threading.Lock()
_BILLERS_KEPT = 4


def _biller(job):
    """The worker's PopulationBiller for `job` (token, accounts bytes, path, options, tariffs)."""
    token = job[0]
    with _BILLERS_LOCK:  # one compile per worker, whichever thread asks first
        biller = _BILLERS.get(token)
        if biller is None:
            biller = _rateline.PopulationBiller(job[1], job[2], job[3], job[4])
            while len(_BILLERS) >= _BILLERS_KEPT:
                _BILLERS.pop(next(iter(_BILLERS)))
            _BILLERS[token] = biller
        return biller


def _bill_partition(jobs, index, files):
    """One partition billed under each job: {"partition", "files", "sides": [(rows, summary)], "error"}."""
    out = {"partition": index, "files": list(files), "sides": [], "error": None, "host": os.uname().nodename, "pid": os.getpid()}
    try:
        for job in jobs:
            rows, summary = _biller(job).bill_usage(list(files))
            if summary["errors"]:
                out["error"] = "".join(summary["errors"]).rstrip("\n")
                out["sides"] = []
                break
            out["sides"].append((rows, summary))
    except (RuntimeError, OSError, ValueError) as e:  # an unreadable file: the partition is named, the run goes on
        out["error"] = str(e)
        out["sides"] = []
    return out


def _bill_leftovers(jobs, positions):
    """Accounts found in no partition, billed without usage as `batch` bills them."""
    return {"partition": None, "files": [], "sides": [_biller(job).bill_without_usage(list(positions)) for job in jobs], "error": None}


# ---------------------------------------------------------------------------------------
# The run's record


@dataclasses.dataclass
class PartitionProblem:
    """A partition whose rows are not in the result, and why (its accounts count as missing)."""
    partition: int
    files: list
    message: str


@dataclasses.dataclass
class PopulationSummary:
    accounts: int = 0          # in the accounts table
    billed: int = 0            # every bill made
    failed: int = 0            # rows in the exceptions output
    missing: int = 0           # no result: their partition failed, or their usage is in two partitions
    not_in_service: int = 0
    bills: int = 0
    usage_rows: int = 0
    unknown_accounts: int = 0  # in the usage, not in the table (summed over partitions)
    unknown_rows: int = 0
    partitions: int = 0
    failed_partitions: list = dataclasses.field(default_factory=list)   # [PartitionProblem]
    duplicated_accounts: list = dataclasses.field(default_factory=list)  # [(account, [partition, ...])]
    missing_accounts: list = dataclasses.field(default_factory=list)     # account ids
    seconds: float = 0.0       # wall clock of the run, on the client
    worker_seconds: float = 0.0  # summed over tasks: parsing and billing

    @property
    def complete(self) -> bool:
        """Every account has its result: the output is what `rateline batch` writes."""
        return self.missing == 0 and not self.failed_partitions and not self.duplicated_accounts

    def __str__(self):
        text = (f"{self.accounts:,} accounts: {self.billed:,} billed ({self.bills:,} bills), {self.failed:,} exceptions, "
                f"{self.missing:,} missing")
        if self.not_in_service:
            text += f", {self.not_in_service:,} not in service in the period"
        for p in self.failed_partitions:
            text += f"\npartition {p.partition} ({', '.join(p.files)}) not billed: {p.message}"
        for account, parts in self.duplicated_accounts[:10]:
            text += f"\naccount {account} has usage in partitions {', '.join(map(str, parts))}: an account's usage must lie in one partition"
        if self.unknown_accounts:
            text += f"\nusage of {self.unknown_accounts:,} accounts not in the accounts table: {self.unknown_rows:,} rows not billed"
        return text


def _atomic_write(path, chunks: Iterable[str]):
    """Writes the file whole or not at all (a temporary file beside it, renamed)."""
    path = os.fspath(path)
    tmp = f"{path}.tmp.{uuid.uuid4().hex[:8]}"
    try:
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@dataclasses.dataclass
class PopulationRun:
    """A finished run: rows in table order, the summary, and the rows as a Dask DataFrame."""
    summary: PopulationSummary
    bills_header: str
    exceptions_header: str
    accounts: list          # account ids, in table order
    status: list            # per position: billed, failed, not_in_service, missing
    bills: list             # per position: the bill rows' text (as batch writes them)
    exceptions: list        # per position: the exception rows' text
    frame: object = None    # dask.dataframe.DataFrame (index: table position)

    def write(self, out, exceptions=None, *, allow_incomplete=False):
        """Writes the bills (and the exceptions) as `rateline batch --out --exceptions` does.
        Raises RuntimeError, writing nothing, when the run is incomplete (failed partitions,
        missing accounts) unless allow_incomplete."""
        if not self.summary.complete and not allow_incomplete:
            raise RuntimeError(f"the run is incomplete; no output written\n{self.summary}")
        _atomic_write(out, [self.bills_header, *self.bills])
        if exceptions is not None:
            _atomic_write(exceptions, [self.exceptions_header, *self.exceptions])

    def bills_text(self) -> str:
        return self.bills_header + "".join(self.bills)

    def exceptions_text(self) -> str:
        return self.exceptions_header + "".join(self.exceptions)


# ---------------------------------------------------------------------------------------
# On the client


def _options(period, cycle, tariffs, fmt, line_items, usage_order, reads, allow_gaps, allow_partial, local_time, demand_window):
    start, end = period
    return {"from": str(start), "to": str(end), "cycle": cycle, "tariff_dir": os.fspath(tariffs), "format": fmt,
            "line_items": bool(line_items), "usage_order": usage_order, "reads": bool(reads), "allow_gaps": bool(allow_gaps),
            "allow_partial": bool(allow_partial), "local_time": local_time, "demand_window": demand_window}


def _prepare(client, accounts, options, tariff=None):
    """Reads the accounts table and the tariffs on the client; scatters them to every worker once."""
    path = os.fspath(accounts)
    with open(path, "rb") as f:
        text = f.read()
    if tariff is not None:
        options = dict(options, tariff=os.fspath(tariff))
    ids, errors, tariff_texts = _rateline.read_accounts(text, path, options["tariff_dir"], options.get("tariff", ""))
    if errors:
        raise ValueError("".join(errors).rstrip("\n"))
    digest = hashlib.sha256(text + path.encode() + repr(sorted(options.items())).encode())
    for name in sorted(tariff_texts):
        digest.update(name.encode() + b"\0" + tariff_texts[name])
    job = (digest.hexdigest(), text, path, options, tariff_texts)
    # hash=False: a key of its own per run (a hashed key shared with a finished run could be
    # released by that run's cleanup while this one still needs it).
    return ids, client.scatter([job], broadcast=True, hash=False)[0]


def _partitions(usage_paths) -> list:
    parts = []
    for p in usage_paths:
        parts.append([os.fspath(p)] if isinstance(p, (str, bytes, os.PathLike)) else [os.fspath(x) for x in p])
    return parts


def _exception_code(row_text: str) -> str:
    fields = next(csv.reader(io.StringIO(row_text)), [])
    return fields[2] if len(fields) > 2 else ""


def _run(client, jobs, ids, usage_paths, on_partition):
    """Bills every partition under each job; returns (per-side rows by position, summary parts)."""
    from distributed import as_completed

    started = time.monotonic()
    parts = _partitions(usage_paths)
    run_id = uuid.uuid4().hex[:12]
    futures = [client.submit(_bill_partition, jobs, k, files, key=f"rateline-partition-{run_id}-{k}", pure=False)
               for k, files in enumerate(parts)]
    sides = len(jobs)
    n = len(ids)
    rows = [[None] * n for _ in range(sides)]  # position -> (bills, exceptions, bill_count, status)
    found_in: dict = {}                        # position -> first partition
    duplicated: dict = {}                      # position -> [partitions]
    summary = PopulationSummary(accounts=n, partitions=len(parts))
    problems = []
    first_position = {}
    for future in as_completed(futures):
        result = future.result()
        k = result["partition"]
        if result["error"] is not None:
            problems.append(PartitionProblem(k, result["files"], result["error"]))
        else:
            for side, (side_rows, side_summary) in enumerate(result["sides"]):
                if side == 0:
                    summary.usage_rows += side_summary["usage_rows"]
                    summary.unknown_accounts += side_summary["unknown_accounts"]
                    summary.unknown_rows += side_summary["unknown_rows"]
                summary.worker_seconds += side_summary["parse_seconds"] + side_summary["bill_seconds"]
                for position, bills, exceptions, count, status in side_rows:
                    if side == 0:
                        if position in found_in:
                            duplicated.setdefault(position, [found_in[position]]).append(k)
                        else:
                            found_in[position] = k
                    rows[side][position] = (bills, exceptions, count, status)
            if result["sides"] and result["sides"][0][0]:
                first_position[k] = result["sides"][0][0][0][0]
        if on_partition is not None:
            on_partition(k, result)
    problems.sort(key=lambda p: p.partition)

    # Accounts found in no partition: billed without usage, as batch bills them.
    leftovers = [i for i in range(n) if i not in found_in]
    leftover_future = None
    if leftovers:
        leftover_future = client.submit(_bill_leftovers, jobs, leftovers, key=f"rateline-leftovers-{run_id}", pure=False)
        result = leftover_future.result()
        for side, (side_rows, _) in enumerate(result["sides"]):
            for position, bills, exceptions, count, status in side_rows:
                if problems and status == "failed" and _exception_code(exceptions) == "P0101":
                    # Its usage may be in a partition that could not be read: not a bill, not an exception.
                    bills, exceptions, count, status = "", "", 0, "missing"
                rows[side][position] = (bills, exceptions, count, status)
    for position, parts_of in duplicated.items():
        for side in range(sides):
            rows[side][position] = ("", "", 0, "missing")
    summary.failed_partitions = problems
    summary.duplicated_accounts = [(ids[p], parts_of) for p, parts_of in sorted(duplicated.items())]
    summary.seconds = time.monotonic() - started
    order = sorted(first_position, key=first_position.get)
    return rows, summary, futures, order, leftover_future, leftovers


def _count(summary, side_rows, ids):
    for position, (bills, exceptions, count, status) in enumerate(side_rows):
        summary.bills += count
        if status == "billed":
            summary.billed += 1
        elif status == "failed":
            summary.failed += 1
        elif status == "not_in_service":
            summary.not_in_service += 1
        else:
            summary.missing += 1
            summary.missing_accounts.append(ids[position])


_FRAME_COLUMNS = {"account": "object", "status": "object", "bill_count": "int64", "bills": "object", "exceptions": "object"}


def _population_frame(result, ids, missing_positions):
    import pandas as pd

    if result["error"] is not None or not result["sides"]:
        records = []
    else:
        records = [(p, ids[p], "missing" if p in missing_positions else status, 0 if p in missing_positions else count,
                    "" if p in missing_positions else bills, "" if p in missing_positions else exceptions)
                   for p, bills, exceptions, count, status in result["sides"][0][0]]
    frame = pd.DataFrame.from_records(records, columns=["position", *_FRAME_COLUMNS])
    return frame.astype({"position": "int64", **_FRAME_COLUMNS}).set_index("position")


def _frame(client, futures, order, leftover_future, ids, status, make_partition, meta):
    """The result as a Dask DataFrame, its partitions in table order where their ranges allow."""
    import dask.dataframe as dd

    ids_future = client.scatter([ids], hash=False)[0]
    corrected = {p for p, s in enumerate(status) if s == "missing"}
    pieces = [client.submit(make_partition, futures[k], ids_future, corrected, pure=False) for k in order]
    if leftover_future is not None:
        pieces.append(client.submit(make_partition, leftover_future, ids_future, corrected, pure=False))
    if not pieces:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_delayed(pieces, meta=meta, verify_meta=False)


def bill_population(client, tariffs, accounts, usage_paths: Sequence, period, cycle="monthly", *, format="csv",
                    line_items=False, usage_order="table", reads=False, allow_gaps=False, allow_partial=False,
                    local_time="error", demand_window="tariff",
                    on_partition: Callable | None = None) -> PopulationRun:
    """Bills every account of `accounts` (an accounts table, docs/accounts-format.md) on the
    cluster behind `client`, one task per usage partition, as `rateline batch` would:

    tariffs       the folder a tariff name is looked up in (batch's --tariffs)
    usage_paths   the partitions: each a path, or a list of paths, readable on the workers
                  (interval usage, or register reads with reads=True)
    period        (from, to) as YYYY-MM-DD; cycle "monthly" or "none" (batch's --cycle)
    on_partition  called on the client as each partition finishes: (index, result dict)

    The other options are batch's flags by the same names. Blocks until every partition is
    billed; returns a PopulationRun (rows in table order, summary, Dask DataFrame)."""
    options = _options(period, cycle, tariffs, format, line_items, usage_order, reads, allow_gaps, allow_partial, local_time, demand_window)
    bills_header, exceptions_header = _rateline.population_headers(options)
    ids, job = _prepare(client, accounts, options)
    rows, summary, futures, order, leftover_future, _ = _run(client, [job], ids, usage_paths, on_partition)
    side = rows[0]
    _count(summary, side, ids)
    status = [r[3] for r in side]
    run = PopulationRun(summary=summary, bills_header=bills_header, exceptions_header=exceptions_header, accounts=ids,
                        status=status, bills=[r[0] for r in side], exceptions=[r[1] for r in side])
    import pandas as pd
    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _FRAME_COLUMNS.items()}, index=pd.Index([], dtype="int64", name="position"))
    run.frame = _frame(client, futures, order, leftover_future, ids, status, _population_frame, meta)
    return run


def partition_usage(usage_csv, out_dir, accounts_per_partition: int, *, account_column="account") -> list:
    """Cuts one long-format usage file (grouped by account) into partition files of about
    `accounts_per_partition` accounts each, never splitting an account; every file keeps
    the header. Bytes are copied as they are. Returns the partition paths, in order."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    with open(usage_csv, "rb") as source:
        header = source.readline()
        column = header.rstrip(b"\r\n").split(b",").index(account_column.encode())
        out, current, count = None, None, 0
        for line in source:
            account = line.split(b",", column + 1)[column]
            if account != current:
                current = account
                if out is None or count == accounts_per_partition:
                    if out is not None:
                        out.close()
                    paths.append(os.path.join(out_dir, f"part-{len(paths):05d}.csv"))
                    out = open(paths[-1], "wb")
                    out.write(header)
                    count = 0
                count += 1
            out.write(line)
        if out is not None:
            out.close()
    return paths


# ---------------------------------------------------------------------------------------
# Comparing two rates over a population


def _totals(bills_text: str):
    """The sum of the bills' totals in CSV bill rows (account,tariff,from,to,usage,unit,total)."""
    total = decimal.Decimal(0)
    for fields in csv.reader(io.StringIO(bills_text)):
        total += decimal.Decimal(fields[6])
    return total


def _impact(old, new):
    """(status, old total, new total, change, problem) of one account: exact decimal strings."""
    old_bills, old_exceptions, _, old_status = old
    new_bills, new_exceptions, _, new_status = new
    if old_status == "missing" or new_status == "missing":
        return ("missing", "", "", "", "")
    if old_status == "not_in_service":
        return ("not_in_service", "", "", "", "")
    if old_status == "failed":
        return ("failed_old", "", "", "", old_exceptions.rstrip("\n"))
    if new_status == "failed":
        return ("failed_new", "", "", "", new_exceptions.rstrip("\n"))
    o, n = _totals(old_bills), _totals(new_bills)
    return ("compared", str(o), str(n), str(n - o), "")


_IMPACT_COLUMNS = {"account": "object", "status": "object", "old": "object", "new": "object", "change": "object", "problem": "object"}


def _comparison_frame(result, ids, missing_positions):
    import pandas as pd

    records = []
    if result["error"] is None and len(result["sides"]) == 2:
        old_rows, new_rows = result["sides"][0][0], result["sides"][1][0]
        new_by_position = {r[0]: r[1:] for r in new_rows}
        for p, bills, exceptions, count, status in old_rows:
            if p in missing_positions:
                records.append((p, ids[p], "missing", "", "", "", ""))
                continue
            records.append((p, ids[p], *_impact((bills, exceptions, count, status), new_by_position[p])))
    frame = pd.DataFrame.from_records(records, columns=["position", *_IMPACT_COLUMNS])
    return frame.astype({"position": "int64", **_IMPACT_COLUMNS}).set_index("position")


@dataclasses.dataclass
class ComparisonRun:
    """Every account billed under an old and a new rate: impacts in table order, exact."""
    old: PopulationSummary
    new: PopulationSummary
    accounts: list
    impacts: list           # per position: (status, old, new, change, problem)
    old_revenue: decimal.Decimal
    new_revenue: decimal.Decimal
    compared: int
    frame: object = None

    @property
    def change(self) -> decimal.Decimal:
        return self.new_revenue - self.old_revenue

    def write(self, out):
        """account,status,old,new,change,problem: one row per account, in table order."""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["account", "status", "old", "new", "change", "problem"])
        for account, impact in zip(self.accounts, self.impacts):
            if impact[0] != "not_in_service":
                writer.writerow([account, *impact])
        _atomic_write(out, [buffer.getvalue()])


def compare_population(client, old, new, accounts, usage_paths: Sequence, period, cycle="monthly", *, tariffs="tariffs",
                       usage_order="table", reads=False, allow_gaps=False, allow_partial=False, local_time="error",
                       demand_window="tariff", on_partition: Callable | None = None) -> ComparisonRun:
    """Bills every account under the tariff file `old` and under `new` (the accounts table's
    tariff column replaced by each, as `rateline compare OLD NEW` does), each partition read
    once per side on its worker, and returns the per-account impact in exact decimals."""
    options = _options(period, cycle, tariffs, "csv", False, usage_order, reads, allow_gaps, allow_partial, local_time, demand_window)
    ids, old_job = _prepare(client, accounts, options, tariff=old)
    _, new_job = _prepare(client, accounts, options, tariff=new)
    rows, summary, futures, order, leftover_future, _ = _run(client, [old_job, new_job], ids, usage_paths, on_partition)
    old_summary, new_summary = summary, dataclasses.replace(summary, missing_accounts=[])
    _count(old_summary, rows[0], ids)
    _count(new_summary, rows[1], ids)
    impacts = [_impact(o, n) for o, n in zip(rows[0], rows[1])]
    compared = [i for i in impacts if i[0] == "compared"]
    run = ComparisonRun(old=old_summary, new=new_summary, accounts=ids, impacts=impacts,
                        old_revenue=sum((decimal.Decimal(i[1]) for i in compared), decimal.Decimal(0)),
                        new_revenue=sum((decimal.Decimal(i[2]) for i in compared), decimal.Decimal(0)), compared=len(compared))
    import pandas as pd
    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _IMPACT_COLUMNS.items()}, index=pd.Index([], dtype="int64", name="position"))
    status = ["missing" if o[3] == "missing" else o[3] for o in rows[0]]
    run.frame = _frame(client, futures, order, leftover_future, ids, status, _comparison_frame, meta)
    return run
