#!/usr/bin/python3
"""Runs the worked example of a document: every ```python block under the heading
"Worked example", in order, as one program, from the repository root; prints its output.
A block's expected output is the ```text block right after it, when there is one: the
program's output must contain it.

    run_doc_example.py docs/python.md
"""
import contextlib
import importlib.util
import io
import os
import re
import sys

if importlib.util.find_spec("pandas") is None:
    print("SKIPPED: python3-pandas is missing")
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

text = open(sys.argv[1], encoding="utf-8").read()
section = re.search(r"^## Worked example\n(.*?)(?=^## |\Z)", text, re.S | re.M)
if not section:
    sys.exit(f"{sys.argv[1]}: no '## Worked example' section")
blocks = re.findall(r"```(python|text)\n(.*?)```", section.group(1), re.S)
program = "".join(body for kind, body in blocks if kind == "python")
expected = [body for kind, body in blocks if kind == "text"]
if not program:
    sys.exit(f"{sys.argv[1]}: the worked example has no python block")
out = io.StringIO()
with contextlib.redirect_stdout(out):
    exec(compile(program, sys.argv[1], "exec"), {"__name__": "__main__"})
print(out.getvalue())
for e in expected:
    if e not in out.getvalue():
        sys.exit(f"{sys.argv[1]}: the output lacks the documented output:\n{e}")
print(f"{sys.argv[1]}: worked example ok ({len(expected)} documented outputs matched)")
