#!/usr/bin/python3
"""Property test: rateline::Decimal against Python's decimal module.

Generates thousands of random operations on random decimals (short and long, money-like
and huge or tiny with exponents, signed, zeros, deliberate rounding ties), runs them
through the C++ program decimal_oracle (tests/property/decimal_oracle.cpp) in one batch,
computes the same operations with Python's decimal module, and compares the printed
results character for character (value *and* scale).

How rateline keeps scales, modelled here:
  parse        scale = max(0, -exponent): "1.50" has scale 2, "1.5e3" is 1500 (scale 0)
  a + b, a - b scale = max(scale a, scale b)
  a * b        scale = scale a + scale b
  rounded(s)   scale s;  divided_by(b, s) scale s

Python side: + - x in a context whose precision exceeds every operand (Inexact is trapped,
so an inexact result is a bug in this script, not a pass); rounding is
quantize(10^-s, ROUND_*); division is first computed with ROUND_05UP at >= 3 more digits
than the result needs (which keeps the information a final rounding needs, so there is no
double-rounding error) and then quantized with the matching ROUND_* mode.

Every result is also parsed back by rateline (parse(to_string(x)) must print x again).

  decimal_vs_python.py --oracle build/tests/decimal_oracle --seed 20240917 --cases 6000
  decimal_vs_python.py --oracle build/tests/decimal_oracle --fresh --cases 3000

Exit status 0 when everything matches; otherwise the mismatches, the seed and the command
that reproduces them are printed and the exit status is 1.
"""

import argparse
import decimal
import os
import random
import subprocess
import sys
from decimal import Decimal

MODES = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_down": decimal.ROUND_HALF_DOWN,
    "toward_zero": decimal.ROUND_DOWN,
    "away_from_zero": decimal.ROUND_UP,
    "floor": decimal.ROUND_FLOOR,
    "ceiling": decimal.ROUND_CEILING,
}

MAX_EXPONENT = 4000  # rateline's parse limit on |exponent| and on the resulting scale

EXACT = decimal.Context(prec=60000, rounding=decimal.ROUND_HALF_EVEN, Emax=decimal.MAX_EMAX,
                        Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation, decimal.Inexact,
                                                      decimal.DivisionByZero, decimal.Overflow])
# quantize may round (that is its job), so Inexact is not trapped here.
QUANTIZE = decimal.Context(prec=60000, rounding=decimal.ROUND_HALF_EVEN, Emax=decimal.MAX_EMAX,
                           Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation, decimal.Overflow])


# ---------------------------------------------------------------- random inputs

def digits(rng, n, leading_nonzero=False):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if leading_nonzero and n > 0 and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def sign(rng):
    r = rng.random()
    return "-" if r < 0.4 else "+" if r < 0.45 else ""


def scale_of(text):
    return max(0, -Decimal(text).as_tuple().exponent)


def valid(text):
    exp = Decimal(text).as_tuple().exponent
    return -MAX_EXPONENT <= exp <= MAX_EXPONENT


def random_number(rng):
    """A decimal literal that rateline's parse accepts (and Python reads the same)."""
    while True:
        kind = rng.random()
        if kind < 0.30:    # small: 12.5, -0.07, 3
            text = sign(rng) + digits(rng, rng.randint(1, 4), True) + (
                "." + digits(rng, rng.randint(1, 4)) if rng.random() < 0.7 else "")
        elif kind < 0.50:  # money and rates: 1234.56, 0.112340
            text = sign(rng) + digits(rng, rng.randint(1, 6), True) + "." + digits(rng, rng.randint(2, 6))
        elif kind < 0.62:  # long: 40 significant digits, up to 40 decimals
            text = sign(rng) + digits(rng, rng.randint(5, 45), True) + "." + digits(rng, rng.randint(0, 40))
            text = text.rstrip(".")
        elif kind < 0.77:  # exponent notation, moderate: 1.25e-7, 3E+12
            mant = digits(rng, rng.randint(1, 30), True)
            if len(mant) > 1 and rng.random() < 0.6:
                cut = rng.randint(1, len(mant) - 1)
                mant = mant[:cut] + "." + mant[cut:]
            text = sign(rng) + mant + rng.choice("eE") + rng.choice(["", "+", "-"]) + str(rng.randint(0, 60))
        elif kind < 0.83:  # huge and tiny: 7e3500, 1.5e-3900
            mant = digits(rng, rng.randint(1, 25), True)
            if len(mant) > 1 and rng.random() < 0.5:
                mant = mant[0] + "." + mant[1:]
            text = sign(rng) + mant + "e" + rng.choice(["", "-"]) + str(rng.randint(300, 3950))
        elif kind < 0.90:  # zeros in many spellings
            text = rng.choice(["0", "-0", "+0", "0.000", "-0.00", "0e7", "0.0e-3", "00", ".0", "0."])
        elif kind < 0.95:  # odd but valid forms: .5, 5., leading zeros
            text = rng.choice([
                sign(rng) + "." + digits(rng, rng.randint(1, 6)),
                sign(rng) + digits(rng, rng.randint(1, 5), True) + ".",
                sign(rng) + "000" + digits(rng, rng.randint(1, 5)) + "." + digits(rng, rng.randint(1, 5)),
            ])
        else:              # integers around the int64 boundary and beyond
            text = sign(rng) + rng.choice(["9223372036854775807", "9223372036854775808",
                                           "18446744073709551616", digits(rng, rng.randint(19, 80), True)])
        if valid(text):
            return text


def tie_number(rng, target_scale):
    """A number whose digits beyond target_scale are exactly 5, 50, 500... (a tie), or
    just above or below a tie."""
    int_part = digits(rng, rng.randint(1, 6), True) if rng.random() < 0.8 else "0"
    frac = digits(rng, target_scale) + "5" + "0" * rng.randint(0, 3)
    r = rng.random()
    if r < 0.2:
        frac += "1"   # just above the tie
    elif r < 0.35:
        frac = frac[:target_scale] + "4" + "9" * rng.randint(1, 4)  # just below the tie
    return sign(rng) + int_part + "." + frac


TIE_DIVISORS = ["2", "4", "8", "16", "5", "20", "40", "0.4", "0.8", "-8", "3", "7", "11",
                "0.125", "1.6", "-2.5", "32", "0.02", "64", "-4"]


def target_scale(rng):
    r = rng.random()
    if r < 0.75:
        return rng.randint(0, 6)
    if r < 0.95:
        return rng.randint(7, 20)
    return rng.randint(21, 60)


def random_case(rng):
    r = rng.random()
    if r < 0.10:
        return ["parse", random_number(rng)]
    if r < 0.22:
        return ["add", random_number(rng), random_number(rng)]
    if r < 0.34:
        return ["sub", random_number(rng), random_number(rng)]
    if r < 0.48:
        return ["mul", random_number(rng), random_number(rng)]
    if r < 0.58:
        a = random_number(rng)
        q = rng.random()
        if q < 0.25:     # equal values written differently: 1.5 vs 1.500
            b = a + ("0" * rng.randint(1, 3) if "." in a and "e" not in a.lower() else "")
        elif q < 0.45:   # neighbours: differ in the last place
            ulp = Decimal(1).scaleb(Decimal(a).as_tuple().exponent, QUANTIZE)
            b = str(EXACT.add(Decimal(a), ulp if rng.random() < 0.5 else -ulp))
            b = b if valid(b) else a
        else:
            b = random_number(rng)
        return ["cmp", a, b] if rng.random() < 0.5 else ["cmp", b, a]
    if r < 0.78:
        s = target_scale(rng)
        a = tie_number(rng, s) if rng.random() < 0.4 else random_number(rng)
        return ["round", a, str(s), rng.choice(list(MODES))]
    s = target_scale(rng)
    q = rng.random()
    if q < 0.03:
        b = rng.choice(["0", "0.00", "-0", "0e5"])
    elif q < 0.45:
        b = rng.choice(TIE_DIVISORS)
    else:
        b = random_number(rng)
        if Decimal(b) == 0:
            b = "3"
    a = random_number(rng) if rng.random() < 0.7 else sign(rng) + digits(rng, rng.randint(1, 8), True)
    return ["div", a, b, str(s), rng.choice(list(MODES))]


# ---------------------------------------------------------------- the oracle

def plain(value, scale):
    """value written as rateline writes a Decimal of this scale (no exponent, no -0)."""
    text = format(value.quantize(Decimal(1).scaleb(-scale, QUANTIZE), context=EXACT), "f")
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return text


def divide(a, b, scale, rounding):
    """a / b rounded to `scale` decimals with `rounding`, without double rounding."""
    if a == 0:
        return plain(Decimal(0), scale)
    needed = a.adjusted() - b.adjusted() + scale + 1  # digits down to 10^-scale, at most
    ctx = decimal.Context(prec=max(needed, 0) + 3, rounding=decimal.ROUND_05UP, Emax=decimal.MAX_EMAX,
                          Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation, decimal.DivisionByZero])
    q = ctx.divide(a, b)
    return plain(q.quantize(Decimal(1).scaleb(-scale, QUANTIZE), rounding=rounding, context=QUANTIZE), scale)


def expected(case):
    op = case[0]
    if op == "parse":
        return plain(Decimal(case[1]), scale_of(case[1]))
    a, sa = Decimal(case[1]), scale_of(case[1])
    if op == "round":
        scale = int(case[2])
        return plain(a.quantize(Decimal(1).scaleb(-scale, QUANTIZE), rounding=MODES[case[3]], context=QUANTIZE), scale)
    b, sb = Decimal(case[2]), scale_of(case[2])
    if op == "add":
        return plain(EXACT.add(a, b), max(sa, sb))
    if op == "sub":
        return plain(EXACT.subtract(a, b), max(sa, sb))
    if op == "mul":
        return plain(EXACT.multiply(a, b), sa + sb)
    if op == "cmp":
        return str(int(a.compare(b)))
    if op == "div":
        if b == 0:
            return "error: domain_error"
        return divide(a, b, int(case[3]), MODES[case[4]])
    raise ValueError(op)


def run_oracle(oracle, lines):
    proc = subprocess.run([oracle], input="\n".join(lines) + "\n", capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"decimal_oracle exited with {proc.returncode}:\n{proc.stderr}")
    out = proc.stdout.splitlines()
    if len(out) != len(lines):
        sys.exit(f"decimal_oracle printed {len(out)} lines for {len(lines)} operations")
    return out


def short(text, limit=160):
    return text if len(text) <= limit else f"{text[:limit // 2]}...({len(text)} chars)...{text[-limit // 2:]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oracle", required=True, help="path of the decimal_oracle program")
    parser.add_argument("--seed", type=int, help="random seed (reproduces a run)")
    parser.add_argument("--fresh", action="store_true", help="use a new random seed (printed)")
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--show", type=int, default=15, help="mismatches to print")
    args = parser.parse_args()
    if args.seed is None and not args.fresh:
        parser.error("give --seed N or --fresh")
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    print(f"seed {seed}, {args.cases} cases")

    rng = random.Random(seed)
    cases = [random_case(rng) for _ in range(args.cases)]
    lines = [" ".join(c) for c in cases]
    got = run_oracle(args.oracle, lines)

    failures = []
    counts = {}
    for case, line, result in zip(cases, lines, got):
        counts[case[0]] = counts.get(case[0], 0) + 1
        want = expected(case)
        if result != want:
            failures.append((line, want, result))

    # Round trip: every result that is a number must parse back to itself (results whose
    # scale is beyond parse's limit of 4000, e.g. products of two tiny numbers, excepted).
    numbers = [r for c, r in zip(cases, got) if c[0] != "cmp" and not r.startswith("error")
               and len(r.partition(".")[2]) <= MAX_EXPONENT]
    back = run_oracle(args.oracle, [f"parse {r}" for r in numbers])
    for r, b in zip(numbers, back):
        if r != b:
            failures.append((f"parse {r}", r, b))

    print("operations: " + ", ".join(f"{op} {n}" for op, n in sorted(counts.items()))
          + f"; round trips {len(numbers)}")
    if not failures:
        print(f"{len(lines) + len(numbers)} passed, 0 failed")
        return 0
    for line, want, result in failures[:args.show]:
        print(f"MISMATCH  {short(line)}\n  python:   {short(want)}\n  rateline: {short(result)}")
    print(f"{len(lines) + len(numbers) - len(failures)} passed, {len(failures)} failed")
    print(f"seed {seed}; reproduce with: {sys.executable} {os.path.abspath(__file__)} "
          f"--oracle {args.oracle} --seed {seed} --cases {args.cases}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
