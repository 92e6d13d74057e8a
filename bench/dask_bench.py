#!/usr/bin/python3
"""Customer-months per second: `rateline batch` on one process (one thread) against
rateline.dask on a LocalCluster of 1 and 2 worker processes (one thread each, loopback),
on the same generated population cut into the same partitions. Results in bench/README.md.

    flock /work/.cpu.lock /usr/bin/python3 bench/dask_bench.py --build build \\
        [--accounts 400] [--months 12] [--per-partition 20] [--repeat 3]

Times are wall clock of the billing only: the cluster is started (and its workers have
compiled the tariffs on a warm-up run) before the clock starts, as a long-lived cluster is.
The first Dask run of each cluster is the warm-up and is not counted.
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--accounts", type=int, default=400)
    ap.add_argument("--months", type=int, default=12, choices=range(1, 13))
    ap.add_argument("--per-partition", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    package = os.path.join(os.path.abspath(args.build), "python")
    sys.path.insert(0, package)
    os.environ["PYTHONPATH"] = package + os.pathsep + os.environ.get("PYTHONPATH", "")  # the spawned workers import it too
    import rateline.dask as rd
    from distributed import Client, LocalCluster

    start, end = "2024-01-01", f"2024-{args.months + 1:02d}-01" if args.months < 12 else "2025-01-01"
    tariffs = str(ROOT / "tariffs")
    with tempfile.TemporaryDirectory(prefix="rateline-dask-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "scripts/make_population.py"), "--accounts", str(args.accounts), "--from", start,
                        "--to", end, "--seed", "2026", "--out", str(tmp)], check=True)
        parts = rd.partition_usage(tmp / "usage.csv", tmp / "parts", args.per_partition)
        size = sum(os.path.getsize(p) for p in parts)
        print(f"population: {args.accounts} accounts, {start}..{end} hourly, {len(parts)} partitions of {args.per_partition} "
              f"accounts, {size / 1e6:.1f} MB of usage")

        cmd = [os.path.join(args.build, "rateline"), "batch", "--accounts", str(tmp / "accounts.csv"), "--from", start, "--to", end,
               "--tariffs", tariffs, "--threads", "1", "--out", str(tmp / "batch.csv"), "--allow-exceptions"]
        for p in parts:
            cmd += ["--usage", p]
        best = None
        for _ in range(args.repeat):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            best = min(best or 1e9, time.perf_counter() - t)
        expected = (tmp / "batch.csv").read_bytes()
        bills = expected.count(b"\n") - 1
        rows = [("rateline batch, 1 process, 1 thread", best, bills)]

        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None) as cluster, Client(cluster) as client:
                client.wait_for_workers(workers)
                rd.bill_population(client, tariffs, tmp / "accounts.csv", parts, (start, end))  # warm-up: imports, tariffs
                best = None
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    run = rd.bill_population(client, tariffs, tmp / "accounts.csv", parts, (start, end))
                    text = run.bills_text().encode()
                    best = min(best or 1e9, time.perf_counter() - t)
                    assert text == expected, "Dask's bills differ from batch's"
                rows.append((f"rateline.dask, {workers} worker process{'es' if workers > 1 else ''} x 1 thread", best, run.summary.bills))

        print(f"{'run':45} {'seconds':>8} {'bills':>7} {'customer-months/s':>18}")
        for name, seconds, n in rows:
            print(f"{name:45} {seconds:8.3f} {n:7d} {n / seconds:18.0f}")
        overhead = (rows[1][1] - rows[0][1]) / args.accounts
        print(f"Dask over batch (1 worker): {overhead * 1e3:.2f} ms per account, "
              f"{(rows[1][1] - rows[0][1]) / len(parts) * 1e3:.1f} ms per partition")


if __name__ == "__main__":
    main()
