"""The bad-input catalogue (docs/limits.md): each case is a command line, the inputs the
runner writes for it, and what must happen — exit status, diagnostic code, place.

Case fields:
  name     unique, [a-z0-9_]
  args     the command line after `rateline`; {d} is the case's scratch directory,
           {root} the source tree
  files    {name: text | bytes | Sparse(n)} written into {d} before the run
  exit     expected exit status (1: the inputs have errors, 2: a bad command line)
  code     expected diagnostic code in stderr ("L0003"), or None (a CLI message)
  where    expected "file:line:col" (relative to {d}) of the first error, or None
  message  a regular expression stderr must match, or None
  seconds  wall-time bound (default 10), mem_mb address-space bound (default 1024)
  output   a path (under {d}) that must not exist afterwards (no partial output)
"""


class Sparse:
    """A file of n bytes that is all hole: costs nothing on disk."""

    def __init__(self, size):
        self.size = size


HEAD = 'tariff "T" {\n currency USD\n timezone "UTC"\n effective 2024-01-01\n rounding line_items 0.01 half_up\n'
OK_CHARGE = ' charge energy "E" on energy: 0.1 $/kWh\n'


def tariff(body=OK_CHARGE, head=HEAD, tail="}\n"):
    return head + body + tail


CASES = []


def case(name, args, exit, code=None, where=None, files=None, message=None, seconds=10, mem_mb=1024, output=None):
    CASES.append(dict(name=name, args=args, files=files or {}, exit=exit, code=code, where=where, message=message,
                      seconds=seconds, mem_mb=mem_mb, output=output))


# ---------------------------------------------------------------- tariffs (`check`)
def check_case(name, text, code, where=None, message=None, **kw):
    case("tariff_" + name, ["check", "{d}/t.tariff"], 1, code, where and "t.tariff:" + where, {"t.tariff": text}, message, **kw)


check_case("empty", "", "E0100", "1:1")
check_case("binary", bytes(range(256)) * 4, "E0001", "2:118")
check_case("nul_in_header", tariff().replace(" currency", "\0currency"), "E0001", "2:1")
check_case("missing_close", tariff(tail=""), "E0001", "7:1")
check_case("unterminated_string", tariff(' charge energy "E on energy: 0.1 $/kWh\n'), "E0001")
check_case("unterminated_block_comment", tariff(" /* never closed\n"), "E0001")
check_case("unit_mismatch", tariff(' charge energy "E" on energy: 8.50 $/kW\n'), "E0301", "6:36")
check_case("unknown_zone", tariff(head=HEAD.replace('"UTC"', '"Mars/Olympus"')), "E0103", "3:11")
check_case("bad_effective_date", tariff(head=HEAD.replace("2024-01-01", "2024-02-30")), "E0103", "4:12")
check_case("duplicate_charge", tariff(OK_CHARGE + OK_CHARGE), "E0501", "7:9")
check_case("nested_by_20000", tariff(' charge energy "E" on energy: ' + "by season { summer:\n" * 20000 + "0.1 $/kWh\n"
                                     + "}\n" * 20000), "L0003", "37:11")
check_case("nested_by_one_line", tariff(' charge energy "E" on energy: ' + "by season { summer: " * 300 + "0.1 $/kWh"
                                        + " }" * 300 + "\n"), "L0003", "6:661")
check_case("nested_tiers_100000", tariff(' charge energy "E" on energy: tiers {\n' + "first 10 kWh tiers {\n" * 100000
                                         + "rest 0.1 $/kWh\n" + "}\n" * 100001), "L0003", "37:20")
check_case("nested_braces_only", "{\n" * 1000000, "L0003", "33:1")
check_case("nested_braces_one_line", "{" * 1000000, "L0002", "1:10001")
check_case("long_line", tariff(" # " + "x" * 20000 + "\n" + OK_CHARGE), "L0002", "6:10001")
check_case("long_string", tariff(' charge energy "' + "E" * 20000 + '" on energy: 0.1 $/kWh\n'), "L0002", "6:10001")
check_case("long_number", tariff(' charge energy "E" on energy: 0.' + "1" * 100 + " $/kWh\n"), "L0007", "6:31")
check_case("number_10mb", tariff(' charge energy "E" on energy: 0.' + "1" * 10_000_000 + " $/kWh\n"), "L0002", "6:10001")
check_case("number_100mb", tariff(' charge energy "E" on energy: 0.' + "1" * 100_000_000 + " $/kWh\n"), "L0001",
           message=r"larger than the 16 MiB limit for tariffs")
check_case("tiers_101", tariff(' charge energy "E" on energy: tiers {\n' + "  first 10 kWh: 0.1 $/kWh\n" * 100
                               + "  rest: 0.2 $/kWh\n }\n"), "L0004", "107:3")
check_case("periods_101", tariff("".join(" period p%d: weekdays 00:00-24:00\n" % i for i in range(101))), "L0005", "106:2")
check_case("charges_501", tariff("".join(' charge c%d "C": 1.00 $/month\n' % i for i in range(501))), "L0006", "506:2")
check_case("sparse_17m", Sparse(17 << 20), "L0001", message=r"larger than the 16 MiB limit for tariffs")
check_case("sparse_8g", Sparse(8 << 30), "L0001", message=r"larger than the 16 MiB limit for tariffs")
check_case("many_errors", tariff("".join(' charge c%d "C" on energy: 1.00 $/kW\n' % i for i in range(400))), "E0301",
           "6:32", message=r"rateline: 300 more diagnostics not shown")
check_case("only_comment", "# nothing here\n", "E0100", "1:1")
check_case("not_a_tariff_json", '{"label": "x"}\n', "E0001", "1:1")
check_case("percent_of_unknown", tariff(OK_CHARGE + ' rider r "R": 2 % of nothing\n'), "E0401", "7:22")
check_case("unknown_season_case", tariff(' charge energy "E" on energy: by season { nosuch: 0.1 $/kWh }\n'), "E0320", "6:34")
check_case("tou_gap", tariff(' period peak: weekdays 13:00-18:00\n charge energy "E" on energy in peak: 0.1 $/kWh\n'),
           "E0211")
# Cascades (docs/diagnostics.md): an unknown service is the one error, not one E0301 per charge on usage;
# the same wrong unit on every tier row is one error naming the other rows.
check_case("unknown_service_alone", tariff(' charge v "V" on usage: 5 $/kgal\n charge w "W" on usage: 6 $/CCF\n',
                                           head=HEAD.replace(" currency", " service watr\n currency")), "E0103", "2:10",
           message=r"\A(?:(?!error\[)[\s\S])*error\[E0103\](?:(?!error\[)[\s\S])*\Z")
check_case("tier_unit_repeated", tariff(' charge e "E" on energy: tiers {\n  first 10 kWh: 1 $/kW\n  next 10 kWh: 1 $/kW\n'
                                        '  rest: 1 $/kW\n }\n'), "E0301", "7:19", message=r"the same on lines 8 and 9\n\Z")
check_case("crlf_garbage", tariff().replace("\n", "\r\n").replace("currency USD", "currency ???"), "E0001", "2:11")
check_case("invalid_utf8_label", tariff(' charge energy "\xff\xfe" on energy: 0.1 $/kWh\n').encode("latin-1"), "E0001", "6:17")
check_case("truncated_utf8", tariff().encode() + b"# \xc3", "E0001", "8:3")
case("tariff_dev_zero", ["check", "/dev/zero"], 1, "L0001", None, message=r"/dev/zero: error\[L0001\]")
case("tariff_missing_file", ["check", "{d}/nope.tariff"], 1, None, None, message=r"rateline: cannot read .*nope.tariff")
case("tariff_directory", ["check", "{d}"], 1, None, None, message=r"rateline: cannot read")
case("tariff_import_cycle", ["check", "{root}/tests/data/tariffs/imports_cycle.tariff"], 1, "E0003")
case("tariff_import_missing", ["check", "{root}/tests/data/tariffs/imports_missing.tariff"], 1, "E0002")
case("tariff_import_dev_zero", ["check", "{d}/t.tariff"], 1, "E0002",
     files={"t.tariff": 'import "/dev/zero"\n' + tariff()}, message=r"cannot find `/dev/zero`")
# Found by fuzz_tariff: a name longer than the system allows made std::filesystem throw out of
# compile_tariff (the CLI printed an unlocated "filesystem error"; the library aborted).
case("tariff_import_name_too_long", ["check", "{d}/t.tariff"], 1, "E0002", where="t.tariff:1:1",
     files={"t.tariff": 'import "' + "x" * 300 + '.calendar"\n' + tariff()}, message=r"cannot find `x+\.calendar`")
case("graph_nested", ["graph", "{d}/t.tariff"], 1, "L0003", "t.tariff:33:1", files={"t.tariff": "{\n" * 100000})
case("bill_bad_tariff_nothing_billed", ["bill", "{d}/t.tariff", "--usage", "{root}/examples/usage/georgia_tou_2024-07_10.csv",
                                        "--from", "2024-07-01", "--to", "2024-08-01"], 1, "L0003", "t.tariff:1:33",
     files={"t.tariff": "{" * 100})

# ---------------------------------------------------------------- interval usage (`bill --usage`)
GEORGIA = "{root}/tariffs/georgia-power-tou-reo-10.tariff"
HOURLY = "{root}/examples/usage/georgia_tou_2024-07_10.csv"


def usage_case(name, text, code, where=None, extra=(), message=None, **kw):
    case("usage_" + name, ["bill", GEORGIA, "--usage", "{d}/u.csv", "--from", "2024-07-01", "--to", "2024-08-01", *extra], 1,
         code, where and "u.csv:" + where, {"u.csv": text}, message, **kw)


def rows(start_hour, n, step_minutes=60, value="1.0"):
    out = []
    for i in range(n):
        m = start_hour * 60 + i * step_minutes
        out.append("2024-07-%02dT%02d:%02d:00Z,%s\n" % (1 + m // 1440, m // 60 % 24, m % 60, value))
    return "".join(out)


usage_case("empty", "", "U0001")
usage_case("header_only", "start,kwh\n", "U0001")
usage_case("comment_only", "# nothing\n", "U0001")
usage_case("no_start_column", "kwh\n1\n2\n", "U0002", "1:1")
usage_case("bad_value", "start,kwh\n" + rows(0, 2) + "2024-07-01T02:00:00Z,abc\n", "U0031", "4:22")
usage_case("negative_value", "start,kwh\n" + rows(0, 2) + "2024-07-01T02:00:00Z,-5\n", "U0032", "4:22")
usage_case("empty_value", "start,kwh\n" + rows(0, 2) + "2024-07-01T02:00:00Z,\n", "U0030", "4:22")
usage_case("bad_timestamp", "start,kwh\n" + rows(0, 2) + "2024-07-01X02:00,1\n", "U0020", "4:1")
usage_case("timestamp_month_13", "start,kwh\n" + rows(0, 2) + "2024-13-01T02:00:00Z,1\n", "U0020", "4:1")
usage_case("duplicate", "start,kwh\n" + rows(0, 3) + rows(1, 1), "U0042", "5:1")
usage_case("gap", "start,kwh\n" + rows(0, 2) + rows(5, 2), "U0045", "4:1")
usage_case("off_grid", "start,kwh\n" + rows(0, 3) + "2024-07-01T05:07:00Z,1\n" + rows(6, 2), "U0044", "5:1")
usage_case("one_row", "start,kwh\n" + rows(0, 1), "U0040")
usage_case("interval_7", "start,kwh\n" + rows(0, 3, 7), "U0041", extra=["--interval", "7"])
usage_case("step_7", "start,kwh\n" + rows(0, 5, 7), "U0041")
usage_case("too_few_fields", "start,kwh\n" + rows(0, 2) + "2024-07-01T02:00:00Z\n", "U0010", "4:1")
usage_case("century_apart", "start,kwh\n2024-07-01T00:00Z,1\n2024-07-01T00:01Z,1\n2124-07-01T00:00Z,1\n", "U0047", "4:1")
usage_case("gaps_3_channels", "start,kwh,kwh_received,kvarh\n2024-01-01T00:00Z,1,1,1\n2024-01-01T00:01Z,1,1,1\n"
           "2119-01-01T00:00Z,1,1,1\n", "L0009", "4:1", extra=["--allow-gaps"])
usage_case("gaps_two_years", "start,kwh\n2024-01-01T00:00Z,1\n2024-01-01T00:01Z,1\n2026-01-01T00:00Z,1\n", "L0009", "4:1",
           extra=["--allow-gaps"])
usage_case("far_past_row", "start,kwh\n2012-03-01T00:00Z,1\n" + rows(0, 200, 15), "U0045", "3:1")
usage_case("far_past_row_gaps", "start,kwh\n2012-03-01T00:00Z,1\n" + rows(0, 200, 1), "L0009", "3:1",
           extra=["--allow-gaps"])
usage_case("far_past_row_7min", "start,kwh\n2012-07-01T00:00Z,1\n" + rows(0, 50, 7), "L0009", "3:1",
           extra=["--interval", "1", "--allow-gaps"])
usage_case("far_past_row_7min_no_gaps", "start,kwh\n2012-07-01T00:00Z,1\n" + rows(0, 50, 7), "U0045", "3:1",
           extra=["--interval", "1"])
usage_case("wide_header", "start,kwh" + "".join(",x%d" % i for i in range(100000)) + "\n" + rows(0, 3), "U0010", "2:1",
           message=r"note\[U0099\]: and 99950 more warnings not shown")
usage_case("value_100mb", "start,kwh\n" + rows(0, 2) + "2024-07-01T02:00:00Z," + "9" * 100_000_000 + "\n", "U0033", "4:22",
           seconds=30, mem_mb=2048)
usage_case("binary", bytes(range(256)) * 64, "U0002")
usage_case("sparse_4g", Sparse((4 << 30) + 100), "L0001", message=r"larger than the 1 GiB limit for usage files")
usage_case("sparse_1_5g", Sparse(3 << 29), "L0001")
usage_case("sam_no_start", "kW_60min\n1\n2\n3\n", "U0050", "1:1")
usage_case("sam_bad_value", "kW_60min\n1\nabc\n3\n", "U0031", "3:1", extra=["--start", "2024-07-01"])
usage_case("local_starts_short", "start,kwh\n2024-07-01T00:00,1\n2024-07-01T01:00,1\n", "B0005")
case("usage_dev_zero", ["bill", GEORGIA, "--usage", "/dev/zero", "--from", "2024-07-01", "--to", "2024-08-01"], 1, "L0001",
     message=r"/dev/zero is larger than the 1 GiB limit", seconds=30, mem_mb=3072)
case("usage_dev_zero_small_limit", ["bill", GEORGIA, "--usage", "/dev/zero", "--from", "2024-07-01", "--to", "2024-08-01",
                                    "--max-input-size", "1M"], 1, "L0001", message=r"larger than the 1 MiB limit")
case("usage_missing_file", ["bill", GEORGIA, "--usage", "{d}/nope.csv", "--from", "2024-07-01", "--to", "2024-08-01"], 1,
     None, message=r"cannot read .*nope.csv")
case("usage_directory", ["bill", GEORGIA, "--usage", "{d}", "--from", "2024-07-01", "--to", "2024-08-01"], 1, None,
     message=r"rateline: cannot read")
case("usage_outside_period", ["bill", GEORGIA, "--usage", HOURLY, "--from", "2024-01-01", "--to", "2024-02-01"], 1, "B0005")
case("usage_demand_window_hourly", ["bill", "{d}/t.tariff", "--usage", HOURLY, "--from", "2024-07-01", "--to", "2024-08-01"],
     1, "B0002", files={"t.tariff": tariff(' demand_window 15min\n charge d "D" on demand: 10 $/kW\n')})

# ---------------------------------------------------------------- register reads (`bill --reads`)
WILLMAR = "{root}/tariffs/willmar-residential.tariff"
READS_HEAD = "meter,read_date,reading,dials,multiplier,type\n"


def reads_case(name, text, code, where=None, message=None, **kw):
    case("reads_" + name, ["bill", WILLMAR, "--reads", "{d}/r.csv", "--from", "2024-07-01", "--to", "2024-08-01"], 1, code,
         where and "r.csv:" + where, {"r.csv": text}, message, **kw)


reads_case("empty", "", "U0100")
reads_case("header_only", READS_HEAD, "U0100")
reads_case("bad_header", "meter,when,what\nW1,2024-07-01,1\n", "U0101", "1:1")
reads_case("bad_date", READS_HEAD + "W1,2024-07-01,10200,5,1,actual\nW1,2024-13-01,11100,5,1,actual\n", "U0111", "3:4")
reads_case("bad_reading", READS_HEAD + "W1,2024-07-01,10200,5,1,actual\nW1,2024-08-01,lots,5,1,actual\n", "U0112", "3:15")
reads_case("one_read", READS_HEAD + "W1,2024-07-01,10200,5,1,actual\n", "B0020")
reads_case("bad_type", READS_HEAD + "W1,2024-07-01,10200,5,1,actual\nW1,2024-08-01,11100,5,1,guessed\n", "U0117", "3:25")
reads_case("binary", bytes(range(256)) * 64, "U0101", "1:1")
reads_case("wide_header", READS_HEAD.strip() + "".join(",x%d" % i for i in range(100000)) + "\n", "U0100")
reads_case("sparse_4g", Sparse((4 << 30) + 100), "L0001", message=r"larger than the 1 GiB limit for register read files")
reads_case("reading_100mb", READS_HEAD + "W1,2024-07-01,10200,5,1,actual\nW1,2024-08-01," + "9" * 100_000_000
           + ",5,1,actual\n", "U0114", "3:15", seconds=30, mem_mb=2048)
case("reads_dev_zero", ["bill", WILLMAR, "--reads", "/dev/zero", "--from", "2024-07-01", "--to", "2024-08-01",
                        "--max-input-size", "4M"], 1, "L0001", message=r"/dev/zero is larger than the 4 MiB limit")
case("reads_missing_file", ["bill", WILLMAR, "--reads", "{d}/nope.csv", "--from", "2024-07-01", "--to", "2024-08-01"], 1,
     None, message=r"cannot read .*nope.csv")

# ---------------------------------------------------------------- URDB JSON (`import urdb`)


def urdb_case(name, text, code, where=None, message=None, **kw):
    case("urdb_" + name, ["import", "urdb", "{d}/rate.json", "-o", "{d}/out.tariff"], 1, code,
         where and "rate.json:" + where, {"rate.json": text}, message, output="{d}/out.tariff", **kw)


urdb_case("empty", "", "I0001", "1:1")
urdb_case("not_json", "label: x\n", "I0001", "1:1")
urdb_case("truncated", '{"label": "x", "energyratestructure": [[{"rate": 0.1', "I0001")
urdb_case("number_array", "[1, 2, 3]", "I0002")
urdb_case("empty_items", '{"items": []}', "I0002")
urdb_case("deep_arrays", "[" * 1_000_000 + "]" * 1_000_000, "L0003", "1:65")
urdb_case("deep_objects", '{"a":' * 100_000 + "1" + "}" * 100_000, "L0003", "1:321")
urdb_case("long_number", '{"x": 0.' + "1" * 1000 + "}", "L0007", "1:7")
urdb_case("huge_integer", '{"x": ' + "7" * 100_000 + "}", "I0001")
urdb_case("huge_exponent", '{"label": "x", "energyratestructure": [[{"rate": 1e999999999}]]}', "I0001", "1:60")
urdb_case("nul_bytes", b'{"label": "x"\x00\x00}', "I0001")
urdb_case("sparse_100m", Sparse(100 << 20), "L0001", message=r"larger than the 64 MiB limit for URDB JSON")
urdb_case("bad_schedule", '{"label": "x", "energyratestructure": [[{"rate": 0.1}]], "energyweekdayschedule": [[0]]}',
          "I0008")
urdb_case("coincident", '{"label": "x", "energyratestructure": [[{"rate": 0.1}]], "coincidentratestructure": '
          '[[{"rate": 1}]]}', "I0003")
case("urdb_dev_zero", ["import", "urdb", "/dev/zero", "-o", "{d}/out.tariff"], 1, "L0001",
     message=r"larger than the 64 MiB limit", output="{d}/out.tariff")
case("urdb_missing_file", ["import", "urdb", "{d}/nope.json", "-o", "{d}/out.tariff"], 1, None,
     message=r"cannot read", output="{d}/out.tariff")
case("urdb_bad_size_option", ["import", "urdb", "{d}/rate.json", "--max-input-size", "12Q", "-o", "{d}/out.tariff"], 2, None,
     message=r"--max-input-size takes a size", files={"rate.json": "{}"}, output="{d}/out.tariff")
case("urdb_bad_effective", ["import", "urdb", "{d}/rate.json", "--effective", "2024-02-30", "-o", "{d}/out.tariff"], 2, None,
     message=r"--effective takes a date", files={"rate.json": "{}"}, output="{d}/out.tariff")
case("urdb_bad_tiers", ["import", "urdb", "{d}/rate.json", "--tiers", "sideways"], 2, None, message=r"--tiers",
     files={"rate.json": "{}"})
case("urdb_bad_zone", ["import", "urdb", "{d}/rate.json", "--time-zone", "Mars/Olympus", "-o", "{d}/out.tariff"], 1, "I0015",
     files={"rate.json": "{}"}, output="{d}/out.tariff")

# ---------------------------------------------------------------- command-line values
BILL = ["bill", GEORGIA, "--usage", HOURLY]


def cli_case(name, args, message, exit=2):
    case("cli_" + name, args, exit, None, None, message=message)


cli_case("start_letters", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--start", "2024-07-01Txx:yy"],
         r"--start takes .* \(got `2024-07-01Txx:yy`\)")
cli_case("start_96_hours", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--start", "2024-07-01T96:00"],
         r"--start takes .*hours 00-23")
cli_case("start_99_99", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--start", "2024-07-01T99:99"],
         r"--start takes")
cli_case("start_short", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--start", "2024-7-1"], r"--start takes")
cli_case("start_bad_day", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--start", "2024-02-30T00:00"],
         r"--start takes")
cli_case("interval_suffix", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--interval", "60abc"],
         r"--interval takes whole minutes .*\(got `60abc`\)")
cli_case("interval_zero", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--interval", "0"], r"--interval takes")
cli_case("interval_negative", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--interval=-15"], r"--interval takes")
cli_case("interval_huge", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--interval", "99999999999"],
         r"--interval takes")
cli_case("interval_space", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--interval", " 15"], r"--interval takes")
cli_case("from_month_13", BILL + ["--from", "2024-13-01", "--to", "2024-08-01"], r"--from and --to take dates")
cli_case("to_letters", BILL + ["--from", "2024-07-01", "--to", "tomorrow"], r"--from and --to take dates")
cli_case("from_feb_30", BILL + ["--from", "2024-02-30", "--to", "2024-08-01"], r"--from and --to take dates")
cli_case("format_xml", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--format", "xml"], r"--format")
cli_case("cycle_weekly", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--cycle", "weekly"], r"--cycle")
cli_case("past_due_letters", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--past-due", "lots"],
         r"--past-due takes an amount")
cli_case("due_date_bad", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--past-due", "1", "--due-date", "2024-06-31"],
         r"--due-date takes a date")
cli_case("attribute_no_equals", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--attribute", "tax_exempt"],
         r"--attribute takes NAME=VALUE")
cli_case("as_of_bad", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--as-of", "yesterday"], r"--as-of takes a date")
cli_case("max_size_zero", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--max-input-size", "0"],
         r"--max-input-size")
cli_case("max_size_unit", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--max-input-size", "12Q"],
         r"--max-input-size")
cli_case("max_size_overflow", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--max-input-size", "99999999999999G"],
         r"--max-input-size")
cli_case("check_max_size_bad", ["check", GEORGIA, "--max-input-size", "-1"], r"--max-input-size")
cli_case("unknown_option", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--frobnicate"], r"frobnicate")
cli_case("no_subcommand", [], r"subcommand")
cli_case("unknown_subcommand", ["bake"], r"subcommand is required")
cli_case("usage_and_reads", BILL + ["--reads", "x.csv", "--from", "2024-07-01", "--to", "2024-08-01"], r"give one usage: --usage INTERVALS.csv or --reads READS.csv")
cli_case("no_usage", ["bill", GEORGIA, "--from", "2024-07-01", "--to", "2024-08-01"], r"give the usage")
cli_case("local_time_bad", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--local-time", "whenever"], r"--local-time")
cli_case("demand_window_bad", BILL + ["--from", "2024-07-01", "--to", "2024-08-01", "--demand-window", "5min"],
         r"--demand-window")
