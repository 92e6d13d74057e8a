#!/usr/bin/env python3
"""A large valid usage file bills in memory that does not grow with its text
(docs/limits.md, "Memory on a large valid usage file").

Writes a 50 MB interval CSV (1.9 million 1-minute rows, bench/make_big_usage.py), bills
one month of it with `rateline bill`, and checks the peak resident memory: the streaming
reader keeps 8 bytes per interval, so the peak must stay under --limit-mb (the CLI's own
footprint plus 16 MB of values, with room to spare) where reading the text whole needs
the 50 MB text and 21 bytes per row besides. The same rows with the last two swapped
(read whole: out of order) must give the same bill byte for byte, and must peak higher,
so the test sees the difference it guards.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def peak_kb(cmd):
    """stdout, stderr and the peak RSS (KiB) of one run of cmd."""
    pid = os.fork()
    if pid == 0:
        out = os.open(os.path.join(work, "stdout"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        err = os.open(os.path.join(work, "stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(out, 1)
        os.dup2(err, 2)
        try:
            os.execv(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    with open(os.path.join(work, "stdout"), "rb") as f:
        stdout = f.read()
    with open(os.path.join(work, "stderr"), "rb") as f:
        stderr = f.read()
    return stdout, stderr, os.waitstatus_to_exitcode(status), usage.ru_maxrss


ap = argparse.ArgumentParser()
ap.add_argument("--cli", required=True)
ap.add_argument("--root", required=True)
ap.add_argument("--bytes", type=float, default=50e6)
ap.add_argument("--limit-mb", type=float, required=True)
args = ap.parse_args()

work = tempfile.mkdtemp(prefix="rateline_usage_memory_")
try:
    big = os.path.join(work, "big.csv")
    subprocess.run([sys.executable, os.path.join(args.root, "bench/make_big_usage.py"), "--bytes", str(args.bytes),
                    "--out", big, "--start", "2023-01-01"], check=True, stdout=subprocess.DEVNULL)
    tariff = os.path.join(args.root, "tariffs/georgia-power-tou-reo-10.tariff")
    bill = [args.cli, "bill", tariff, "--from", "2024-07-01", "--to", "2024-08-01", "--usage"]

    streamed_out, streamed_err, status, streamed_kb = peak_kb(bill + [big])
    if status != 0:
        sys.exit("FAIL: the bill of the large file failed (%d): %s" % (status, streamed_err.decode()[:2000]))

    # The same rows, the last two swapped: out of order, so the file is read whole.
    swapped = os.path.join(work, "swapped.csv")
    with open(big, "rb") as f:
        data = f.read()
    body_end = data.rstrip(b"\n").rfind(b"\n")
    before_last = data.rfind(b"\n", 0, body_end)
    last = data[body_end + 1:].rstrip(b"\n")
    second = data[before_last + 1:body_end]
    with open(swapped, "wb") as f:
        f.write(data[:before_last + 1] + last + b"\n" + second + b"\n")
    del data
    whole_out, whole_err, status, whole_kb = peak_kb(bill + [swapped])
    if status != 0:
        sys.exit("FAIL: the bill of the swapped file failed (%d): %s" % (status, whole_err.decode()[:2000]))

    size_mb = os.path.getsize(big) / 1e6
    print("%.1f MB file: peak %.1f MB streamed, %.1f MB read whole (limit %.0f MB)" %
          (size_mb, streamed_kb / 1024, whole_kb / 1024, args.limit_mb))
    if streamed_out != whole_out or streamed_err != whole_err:
        sys.exit("FAIL: the streamed and the whole read give different bills")
    if streamed_kb / 1024 > args.limit_mb:
        sys.exit("FAIL: billing the %.0f MB file peaked at %.1f MB, over the %.0f MB limit" %
                 (size_mb, streamed_kb / 1024, args.limit_mb))
    if whole_kb <= streamed_kb:
        sys.exit("FAIL: the whole read did not peak higher: the test no longer sees the streaming reader")
    print("ok")
finally:
    shutil.rmtree(work, ignore_errors=True)
