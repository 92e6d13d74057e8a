#!/usr/bin/env python3
"""`rateline test --junit FILE`: the XML parses, and its counts and failure texts are right.

Runs the CLI on one passing, one failing and one broken case (exit 2), then reads the
report back as a CI system would.
    check_junit.py RATELINE SOURCE_DIR OUT.xml
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

cli, source, out = sys.argv[1:4]
cases = ["tests/cli/test_command/cases/monthly-totals.toml", "tests/cli/test_command/failing/energy-rate.toml",
         "tests/cli/test_command/broken/syntax.toml"]
run = subprocess.run([cli, "test", *cases, "--junit", out], cwd=source, capture_output=True, text=True)
assert run.returncode == 2, f"exit {run.returncode}, expected 2 (a broken case):\n{run.stdout}{run.stderr}"

root = ET.parse(out).getroot()
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert len(suites) == 1, len(suites)
suite = suites[0]
for element in (root, suite):
    assert element.get("tests") == "3", element.attrib
    assert element.get("failures") == "1", element.attrib
    assert element.get("errors") == "1", element.attrib
testcases = suite.findall("testcase")
assert [t.get("file") for t in testcases] == cases, [t.get("file") for t in testcases]
passed, failed, broken = testcases
assert passed.find("failure") is None and passed.find("error") is None
assert passed.get("name") == "Willmar residential, July 2024, 900 kWh", passed.get("name")
failure = failed.find("failure")
assert failure is not None and failure.get("message") == "3 line items differ", failure.attrib
assert "~ energy       rate 0.1005 -> 0.1149, amount 90.45 -> 103.41 (+12.96)" in failure.text, failure.text
assert "total        92.45 -> 114.26 (+21.81)" in failure.text, failure.text
error = broken.find("error")
assert error is not None and "syntax.toml:4:6: error[T0001]" in error.text, error.text
for t in testcases:
    float(t.get("time"))

# Rate-change mode with --expect-changes: changed cases pass, their diff is in <system-out>.
run = subprocess.run([cli, "test", "tests/cli/test_command/cases", "--tariff", "tests/cli/test_command/willmar-new-rates.tariff",
                      "--expect-changes", "--junit", out], cwd=source, capture_output=True, text=True)
assert run.returncode == 0, f"exit {run.returncode}, expected 0:\n{run.stdout}{run.stderr}"
suite = ET.parse(out).getroot().find("testsuite")
assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "0", "0"), suite.attrib
outputs = {t.get("file").rsplit("/", 1)[-1]: t.findtext("system-out") for t in suite.findall("testcase")}
assert outputs["october-monthly.toml"] is None, outputs
assert "~ energy  rate 0.1149 -> 0.1199, amount 103.41 -> 107.91 (+4.50)" in outputs["monthly-totals.toml"], outputs
print("junit report ok: 3 testcases, 1 failure, 1 error; rate-change mode: 4 testcases, 3 changes reported, 0 failures")
