#!/usr/bin/python3
"""Runs the bad-input catalogue (cases.py, docs/limits.md) against the rateline CLI.

  run.py --cli build/rateline --root .            # every case; exit 1 if any fails
  run.py --cli build/rateline --root . -k usage_  # cases whose name contains usage_
  run.py ... --sanitized                          # ASan build: no address-space bound
                                                  # (ASan reserves terabytes), 5x time

For each case: write its inputs into a scratch directory, run the CLI with an
address-space limit (setrlimit RLIMIT_AS) and a timeout, then check the exit status, the
diagnostic code, the place of the first error, the message, that nothing was billed
(no "Total" on stdout) and that no output file was left behind. A crash (signal), a
timeout or a memory-limit hit fails the case.
"""

import argparse
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as catalogue  # noqa: E402


def write_inputs(d, files):
    for name, content in files.items():
        path = os.path.join(d, name)
        if isinstance(content, catalogue.Sparse):
            with open(path, "wb") as f:
                f.truncate(content.size)
        else:
            with open(path, "wb") as f:
                f.write(content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content)


def run_case(c, cli, root, sanitized):
    d = tempfile.mkdtemp(prefix="bad_input_")
    try:
        write_inputs(d, c["files"])
        args = [a.format(d=d, root=root) for a in c["args"]]
        seconds = c["seconds"] * (5 if sanitized else 1)
        limit = c["mem_mb"] << 20

        def bound():
            if not sanitized:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        started = time.monotonic()
        proc = subprocess.Popen([cli] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=bound, cwd=d)
        try:
            out, err = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return ["timed out after %g s" % seconds], 0.0
        elapsed = time.monotonic() - started
        out = out.decode("utf-8", "replace")
        err = err.decode("utf-8", "replace")
        problems = []
        if proc.returncode < 0:
            problems.append("killed by signal %s" % signal.Signals(-proc.returncode).name)
        elif proc.returncode != c["exit"]:
            problems.append("exit %d, expected %d" % (proc.returncode, c["exit"]))
        if c["code"] and ("[%s]" % c["code"]) not in err:
            problems.append("no %s in stderr" % c["code"])
        if c["where"]:
            where = os.path.join(d, c["where"])
            if not re.search(re.escape(where) + r": error", err):
                problems.append("no error at %s" % c["where"])
        if c["message"] and not re.search(c["message"], err):
            problems.append("stderr does not match /%s/" % c["message"])
        if "bad_alloc" in err or "terminate called" in err or "AddressSanitizer" in err or "runtime error:" in err:
            problems.append("crash text in stderr")
        if re.search(r"Total|\"line_items\"", out):
            problems.append("something was billed on stdout")
        if c["output"]:
            target = c["output"].format(d=d, root=root)
            left = [n for n in os.listdir(os.path.dirname(target)) if n.startswith(os.path.basename(target))]
            if left:
                problems.append("output left behind: %s" % ", ".join(left))
        if problems:
            first = re.search(r"^(?:(\S+?):(\d+):(\d+): )?error\[(\w+)\]", err, re.M)
            if first:
                place = "%s:%s:%s" % (os.path.basename(first.group(1)), first.group(2), first.group(3)) if first.group(1) else "-"
                problems.append("actual: exit %d, first error %s at %s" % (proc.returncode, first.group(4), place))
            problems.append("stderr: " + err[:300].replace(d, "{d}"))
        return problems, elapsed
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("-k", default="", help="run only cases whose name contains this")
    parser.add_argument("--sanitized", action="store_true")
    opts = parser.parse_args()
    cli = os.path.abspath(opts.cli)
    root = os.path.abspath(opts.root)
    selected = [c for c in catalogue.CASES if opts.k in c["name"]]
    names = [c["name"] for c in catalogue.CASES]
    if len(names) != len(set(names)):
        print("duplicate case names")
        return 1
    failed = 0
    for c in selected:
        problems, elapsed = run_case(c, cli, root, opts.sanitized)
        if problems:
            failed += 1
            print("FAIL %s (%.2f s)" % (c["name"], elapsed))
            for p in problems:
                print("     " + p)
        else:
            print("ok   %s (%.2f s)" % (c["name"], elapsed))
    print("%d of %d cases passed" % (len(selected) - failed, len(selected)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
