#!/usr/bin/python3
"""`rateline batch` end to end, on populations from scripts/make_population.py.

    batch_cli_tests.py --cli build/rateline --root . TEST

TEST is one of: threads_and_reruns, exceptions_match_bad_data, interrupted_run,
full_disk, memory_bound, accounts_table_error. Exit 0 = passed, 1 = failed.
"""

import argparse
import hashlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time

ARGS = None


def fail(message):
    print("FAILED:", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def generate(out, accounts, start="2024-01-01", end="2024-04-01", seed=3, bad=0.0, interval=60):
    subprocess.run([sys.executable, os.path.join(ARGS.root, "scripts", "make_population.py"), "--accounts", str(accounts),
                    "--from", start, "--to", end, "--interval", str(interval), "--seed", str(seed), "--bad-share", str(bad),
                    "--out", out], check=True)


def batch(pop, out, *extra, usage=None, start="2024-01-01", end="2024-04-01", **kwargs):
    cmd = [ARGS.cli, "batch", "--accounts", os.path.join(pop, "accounts.csv"), "--usage", usage or os.path.join(pop, "usage.csv"),
           "--tariffs", os.path.join(ARGS.root, "tariffs"), "--from", start, "--to", end, "--out", out, *extra]
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def leftovers(directory):
    return [n for n in os.listdir(directory) if ".tmp." in n]


def test_threads_and_reruns(tmp):
    generate(tmp, 80, bad=0.1)
    first = os.path.join(tmp, "again")
    generate(first, 80, bad=0.1)
    for name in ("accounts.csv", "usage.csv", "bad.csv"):
        check(digest(os.path.join(tmp, name)) == digest(os.path.join(first, name)), f"make_population.py is not reproducible: {name}")
    for fmt in (["--format", "csv"], ["--format", "jsonl", "--line-items"], ["--line-items"]):
        seen = set()
        for threads in ("1", "2", "8", "8"):  # the second 8 is a rerun
            out, exc = os.path.join(tmp, "bills.out"), os.path.join(tmp, "exceptions.csv")
            r = batch(tmp, out, "--exceptions", exc, "--threads", threads, *fmt)
            check(r.returncode == 1, f"exit {r.returncode} with exceptions, expected 1: {r.stderr}")
            seen.add((digest(out), digest(exc)))
        check(len(seen) == 1, f"output differs between 1, 2 and 8 threads or between reruns ({fmt})")
    r = batch(tmp, os.path.join(tmp, "b.csv"), "--allow-exceptions")
    check(r.returncode == 0, f"--allow-exceptions: exit {r.returncode}")
    check("80 accounts:" in r.stderr and "exceptions" in r.stderr, "summary missing: " + r.stderr)


def test_exceptions_match_bad_data(tmp):
    generate(tmp, 120, bad=0.08, seed=11)
    out, exc = os.path.join(tmp, "bills.csv"), os.path.join(tmp, "exceptions.csv")
    r = batch(tmp, out, "--exceptions", exc)
    check(r.returncode == 1, f"exit {r.returncode}")
    bad = {line.split(",")[0] for line in open(os.path.join(tmp, "bad.csv")).read().splitlines()[1:]}
    failed = {line.split(",")[0] for line in open(exc).read().splitlines()[1:]}
    check(bad, "the generator made no bad account")
    check(failed == bad, f"exceptions {sorted(failed)} != deliberately bad accounts {sorted(bad)}")
    billed = {line.split(",")[0] for line in open(out).read().splitlines()[1:]}
    check(not (billed & bad), "a bad account was billed")
    accounts = len(open(os.path.join(tmp, "accounts.csv")).read().splitlines()) - 1
    check(len(billed) + len(bad) == accounts, "some good account was not billed")
    for line in open(exc).read().splitlines()[1:]:
        location = line.split(",")[1]
        check(location.rsplit(":", 1)[-1].isdigit() or location.count(":") >= 2, f"exception without a line: {line}")


def test_interrupted_run(tmp):
    """SIGTERM mid-run (usage arriving through a pipe, half of it sent): no output, old file kept."""
    generate(tmp, 60, seed=5)
    fifo = os.path.join(tmp, "usage.fifo")
    os.mkfifo(fifo)
    out = os.path.join(tmp, "bills.csv")
    with open(out, "w") as f:
        f.write("old\n")
    data = open(os.path.join(tmp, "usage.csv"), "rb").read()
    proc = subprocess.Popen([ARGS.cli, "batch", "--accounts", os.path.join(tmp, "accounts.csv"), "--usage", fifo,
                             "--tariffs", os.path.join(ARGS.root, "tariffs"), "--from", "2024-01-01", "--to", "2024-04-01",
                             "--out", out, "--exceptions", os.path.join(tmp, "exceptions.csv")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    half = threading.Event()

    def feed():
        try:
            with open(fifo, "wb") as w:
                w.write(data[:len(data) // 2])
                w.flush()
                half.set()
                time.sleep(30)  # never finishes on its own: the run must stop on the signal
                w.write(data[len(data) // 2:])
        except BrokenPipeError:
            pass

    threading.Thread(target=feed, daemon=True).start()
    check(half.wait(30), "the batch never read the usage")
    time.sleep(0.5)
    check(proc.poll() is None, "the batch finished before it was interrupted")
    check(leftovers(tmp), "no temporary output while running (the test would prove nothing)")
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        fail("the batch did not stop on SIGTERM")
    check(proc.returncode == 128 + signal.SIGTERM, f"exit {proc.returncode}, expected 143: {err}")
    check("interrupted; no output written" in err, "message: " + err)
    check(open(out).read() == "old\n", "the earlier bills.csv was replaced")
    check(not os.path.exists(os.path.join(tmp, "exceptions.csv")), "an exceptions file was written")
    check(not leftovers(tmp), f"temporary files left: {leftovers(tmp)}")


def test_full_disk(tmp):
    """A write that fails (file size limit: the same error path as a full disk) leaves nothing."""
    generate(tmp, 40, seed=8)
    out = os.path.join(tmp, "bills.csv")

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    r = batch(tmp, out, "--line-items", preexec_fn=limit)
    check(r.returncode == 1, f"exit {r.returncode}: {r.stderr}")
    check("cannot write" in r.stderr and "no output written" in r.stderr, "message: " + r.stderr)
    check(not os.path.exists(out), "a partial bills.csv was left")
    check(not leftovers(tmp), f"temporary files left: {leftovers(tmp)}")


def peak_rss_kb(cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    check(proc.returncode == 0, f"exit {proc.returncode}: {err}")
    return usage.ru_maxrss


def test_memory_bound(tmp):
    """Peak memory is set by the work in flight, not the population: 10× the accounts, same bound."""
    rss = {}
    sizes = {"small": 100, "large": 1000}
    for name, accounts in sizes.items():
        pop = os.path.join(tmp, name)
        generate(pop, accounts, start="2024-01-01", end="2024-03-01", seed=2)
        cmd = [ARGS.cli, "batch", "--accounts", os.path.join(pop, "accounts.csv"), "--usage", os.path.join(pop, "usage.csv"),
               "--tariffs", os.path.join(ARGS.root, "tariffs"), "--from", "2024-01-01", "--to", "2024-03-01",
               "--out", os.path.join(pop, "bills.csv"), "--threads", "2"]
        rss[name] = peak_rss_kb(cmd)
        size = os.path.getsize(os.path.join(pop, "usage.csv"))
        print(f"{name}: {accounts} accounts, usage {size / 1e6:.1f} MB, peak RSS {rss[name] / 1024:.1f} MiB")
    # The stated bound (docs/accounts-format.md): a fixed base (program, tariffs, 1 MiB read
    # buffer) + the accounts table + in-flight accounts (4 × threads) × one account's working set.
    check(rss["large"] < 64 * 1024, f"peak RSS {rss['large']} KiB is over the 64 MiB bound")
    check(rss["large"] < rss["small"] * 1.5 + 4096, f"peak RSS grew with the population: {rss}")


def test_accounts_table_error(tmp):
    accounts = os.path.join(tmp, "accounts.csv")
    with open(accounts, "w") as f:
        f.write("account,tariff\nA1,willmar-residential\nA1,willmar-residential\n")
    usage = os.path.join(tmp, "usage.csv")
    with open(usage, "w") as f:
        f.write("account,start,kwh\n")
    out = os.path.join(tmp, "bills.csv")
    r = subprocess.run([ARGS.cli, "batch", "--accounts", accounts, "--usage", usage, "--from", "2024-01-01", "--to", "2024-02-01",
                        "--out", out], capture_output=True, text=True)
    check(r.returncode == 1, f"exit {r.returncode}")
    check(f"{accounts}:3:1: error[P0007]: account A1 is listed twice (first on line 2)" in r.stderr, r.stderr)
    check(not os.path.exists(out), "bills.csv written despite a bad accounts table")


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
    with tempfile.TemporaryDirectory(prefix="rateline_batch_") as tmp:
        test(tmp)
    print("passed")


if __name__ == "__main__":
    main()
