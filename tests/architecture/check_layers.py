#!/usr/bin/python3
"""Architecture test: every #include respects rateline's layers (docs/architecture.md).

Layers, in order; a layer may include headers only of itself and earlier layers:

    core -> calendar -> usage -> graph -> syntax -> check -> lower -> eval -> report -> population -> analysis -> apps

Rules checked on include/rateline/, src/, grammar/ and bindings/:
  (a) no file includes a header of a later layer;
  (b) src/graph, src/eval and src/report never include tao/pegtl, grammar/, src/syntax,
      src/check or src/lower (evaluation does not depend on the front end);
  (c) public headers (include/rateline/) never include tao/pegtl, date/, nlohmann, fmt or
      anything from src/ or grammar/ (what the library's users see has no private deps);
  (d) apps (src/cli, src/c_api, bindings/) include only public headers rateline/... (and
      std/third-party headers, and their own files), never src/ internals or grammar/.
A public header missing from PUBLIC_HEADERS, or a directory of src/ missing from
SOURCE_DIRS, is an error too: add it to the tables below.

Violations print as `file:line: <layer> includes <header> of <layer> [rule]`.

  check_layers.py --root .        # check the tree; exit 1 on any violation
  check_layers.py --self-test     # check that a fake tree's deliberate violations are found
"""

import argparse
import os
import re
import sys
import tempfile

LAYERS = ["core", "calendar", "usage", "graph", "syntax", "check", "lower", "eval", "report", "population", "analysis", "import", "apps"]

# Public headers (paths under include/rateline/) by layer. Add new headers here.
PUBLIC_HEADERS = {
    "core": ["decimal.hpp", "unit.hpp", "quantity.hpp", "diagnostic.hpp", "text.hpp"],
    "calendar": ["time_zone.hpp", "calendar.hpp"],
    "usage": ["usage.hpp", "register_reads.hpp"],
    "syntax": [],
    "check": [],
    "lower": ["tariff.hpp"],
    "graph": ["rate_graph.hpp"],
    "eval": ["bill.hpp", "account.hpp"],
    "report": ["report.hpp"],
    "population": ["population.hpp"],
    "analysis": ["analysis.hpp", "html_report.hpp", "review.hpp"],
    "import": ["urdb.hpp"],
    "apps": ["rateline.hpp", "rateline.h"],  # rateline.hpp: the C++ umbrella header; rateline.h: the C API
}

# Source directories (relative to the repository root) by layer.
SOURCE_DIRS = {
    "src/core": "core",
    "src/calendar": "calendar",
    "src/usage": "usage",
    "src/syntax": "syntax",
    "grammar": "syntax",
    "src/check": "check",
    "src/lower": "lower",
    "src/graph": "graph",
    "src/eval": "eval",
    "src/report": "report",
    "src/population": "population",
    "src/analysis": "analysis",
    "src/import": "import",
    "src/cli": "apps",
    "src/c_api": "apps",
    "bindings": "apps",
}
APP_DIRS = ["src/cli", "src/c_api", "bindings/python"]

SCANNED = ["include", "src", "grammar", "bindings"]
EXTENSIONS = (".h", ".hh", ".hpp", ".hxx", ".c", ".cc", ".cpp", ".cxx", ".ipp", ".inl", ".tpp")
SEARCH_DIRS = ["include", "src", "."]  # the -I directories of the rateline target, in order

FRONT_END_LAYERS = {"syntax", "check", "lower"}
EVAL_SIDE_LAYERS = {"graph", "eval", "report"}
PRIVATE_THIRD_PARTY = {  # include prefix -> name; never in a public header (rule c)
    "tao/pegtl": "PEGTL", "date/": "date", "nlohmann/": "nlohmann-json", "fmt/": "fmt",
}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

PUBLIC_LAYER = {name: layer for layer, names in PUBLIC_HEADERS.items() for name in names}
LAYER_INDEX = {layer: i for i, layer in enumerate(LAYERS)}


def rel(path, root):
    return os.path.relpath(path, root).replace(os.sep, "/")


def layer_of_path(relpath):
    """(layer, problem) of a project file given by its path relative to the root."""
    if relpath.startswith("include/"):
        name = relpath[len("include/rateline/"):] if relpath.startswith("include/rateline/") else None
        if name in PUBLIC_LAYER:
            return PUBLIC_LAYER[name], None
        return None, (f"public header {relpath} is not in the layer table: add it to PUBLIC_HEADERS "
                      f"in tests/architecture/check_layers.py")
    for directory, layer in sorted(SOURCE_DIRS.items(), key=lambda kv: -len(kv[0])):
        if relpath == directory or relpath.startswith(directory + "/"):
            return layer, None
    if relpath.startswith(("src/", "grammar/", "bindings/")):
        return None, (f"{relpath} is in a directory with no layer: add its directory to SOURCE_DIRS "
                      f"in tests/architecture/check_layers.py")
    return None, None  # outside the layered tree (tests/, bench/...)


def layer_of_unresolved(name):
    """Layer of an include that names no existing file: rateline/..., grammar/, src/<layer>/."""
    if name.startswith("rateline/"):
        return layer_of_path("include/" + name)
    if name.startswith("grammar/"):
        return "syntax", None
    stripped = name[len("src/"):] if name.startswith("src/") else name
    first = stripped.split("/", 1)[0]
    if "/" in stripped and "src/" + first in SOURCE_DIRS:
        return SOURCE_DIRS["src/" + first], None
    return None, None


def resolve(root, including_file, delimiter, name):
    """Path relative to root of the project file an include names, or None."""
    candidates = []
    if delimiter == '"':
        candidates.append(os.path.join(os.path.dirname(including_file), name))
    candidates += [os.path.join(root, d, name) for d in SEARCH_DIRS]
    for c in candidates:
        if os.path.isfile(c):
            r = rel(os.path.normpath(c), root)
            if not r.startswith("../"):
                return r
    return None


def includes(path):
    """(line number, delimiter, name) of each #include outside comments."""
    in_block = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if in_block:
                if "*/" not in line:
                    continue
                line = line.split("*/", 1)[1]
                in_block = False
            code = re.sub(r"/\*.*?\*/", " ", line)
            if "/*" in code:
                code, in_block = code.split("/*", 1)[0], True
            m = INCLUDE_RE.match(code)
            if m:
                yield number, m.group(1), m.group(2).strip()


def project_files(root):
    for top in SCANNED:
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "build")) and d != "__pycache__")
            for filename in sorted(filenames):
                if filename.endswith(EXTENSIONS):
                    yield os.path.join(dirpath, filename)


def app_dir_of(relpath):
    for d in APP_DIRS:
        if relpath.startswith(d + "/"):
            return d
    return None


def check(root):
    """Returns (violations, files checked, includes checked)."""
    violations = []
    n_files = n_includes = 0
    for path in project_files(root):
        relpath = rel(path, root)
        layer, problem = layer_of_path(relpath)
        if problem:
            violations.append(f"{relpath}:1: {problem}")
            continue
        if layer is None:
            continue
        n_files += 1
        is_public = relpath.startswith("include/")
        for number, delimiter, name in includes(path):
            n_includes += 1
            where = f"{relpath}:{number}: {layer} includes {name}"
            target = resolve(root, path, delimiter, name)
            if target is not None:
                target_layer, problem = layer_of_path(target)
                if problem:
                    violations.append(f"{where}: {problem}")
                    continue
                if target_layer is None:
                    violations.append(f"{where} of no layer ({target} is outside include/, src/, grammar/ and bindings/)")
                    continue
            else:
                target_layer, problem = layer_of_unresolved(name)
                if problem:
                    violations.append(f"{where}: {problem}")
                    continue
            third_party = next((v for k, v in PRIVATE_THIRD_PARTY.items() if name.startswith(k)), None)
            internal = (target is not None and not target.startswith("include/")) or (
                target is None and target_layer is not None and not name.startswith("rateline/"))

            # (a) no include of a later layer
            if target_layer is not None and LAYER_INDEX[target_layer] > LAYER_INDEX[layer]:
                violations.append(f"{where} of {target_layer} [a: a layer includes only itself and earlier layers]")
                continue
            # (b) the evaluation side never depends on the front end
            if layer in EVAL_SIDE_LAYERS:
                if name.startswith("tao/pegtl"):
                    violations.append(f"{where} of syntax (PEGTL) [b: {layer} never depends on the parser]")
                    continue
                if target_layer in FRONT_END_LAYERS:
                    violations.append(f"{where} of {target_layer} [b: {layer} never depends on the front end]")
                    continue
            # (c) public headers: no private dependencies
            if is_public:
                if third_party:
                    violations.append(f"{where} of third-party {third_party} [c: public headers use no private dependency]")
                    continue
                if internal:
                    violations.append(f"{where} of {target_layer or 'src'} internals [c: public headers never include src/ or grammar/]")
                    continue
            # (d) apps use the public API only (and their own files)
            if layer == "apps" and internal:
                own = app_dir_of(relpath)
                if not (target is not None and own and target.startswith(own + "/")):
                    violations.append(f"{where} of {target_layer} internals [d: apps include only public rateline/ headers]")
                    continue
    return violations, n_files, n_includes


# ---------------------------------------------------------------- self-test

FAKE_TREE = {
    # clean files
    "include/rateline/decimal.hpp": "#pragma once\n#include <string>\n",
    "include/rateline/bill.hpp": '#pragma once\n#include "rateline/decimal.hpp"\n',
    "include/rateline/rateline.hpp": '#pragma once\n#include "rateline/bill.hpp"\n#include "rateline/report.hpp"\n',
    "grammar/tariff_grammar.hpp": "#pragma once\n#include <tao/pegtl.hpp>\n",
    "src/syntax/ast.hpp": '#pragma once\n#include "rateline/decimal.hpp"\n',
    "src/syntax/parser.cpp": '#include "grammar/tariff_grammar.hpp"\n#include "ast.hpp"\n#include <tao/pegtl.hpp>\n',
    "src/eval/internal.hpp": '#pragma once\n#include "rateline/bill.hpp"\n',
    "src/usage/y.hpp": "#pragma once\n",
    "src/cli/cli_helpers.hpp": "#pragma once\n",
    # one violation per line marked  // V:<rule>
    "include/rateline/report.hpp": '#pragma once\n#include <fmt/format.h>  // V:c\n#include "rateline/bill.hpp"\n',
    "include/rateline/mystery.hpp": "#pragma once\n",  # V:unknown public header
    "src/core/decimal.cpp": (
        '#include "rateline/decimal.hpp"\n'
        '#include "rateline/bill.hpp"  // V:a\n'
        '// #include "rateline/report.hpp"  (a comment: not an include)\n'
        '/* #include "rateline/report.hpp"\n'
        '   #include "rateline/report.hpp" */\n'
        '#include <boost/multiprecision/cpp_int.hpp>\n'),
    "src/calendar/x.cpp": '#include "../usage/y.hpp"  // V:a\n',
    "src/eval/bill.cpp": (
        '#include "internal.hpp"\n'
        '#include "syntax/ast.hpp"  // V:b\n'
        '#include <tao/pegtl.hpp>  // V:b\n'
        '#include "grammar/tariff_grammar.hpp"  // V:b\n'
        '#include "lower/not_written_yet.hpp"  // V:b\n'),
    "src/cli/main.cpp": (
        '#include "rateline/rateline.hpp"\n'
        '#include "cli_helpers.hpp"\n'
        '#include <CLI/CLI.hpp>\n'
        '#include "eval/internal.hpp"  // V:d\n'),
    "src/newlayer/z.cpp": "int z;\n",  # V:unknown directory
}
WHOLE_FILE_VIOLATIONS = {"include/rateline/mystery.hpp", "src/newlayer/z.cpp"}
EXPECTED = {
    "include/rateline/report.hpp:2: report includes fmt/format.h of third-party fmt [c",
    "include/rateline/mystery.hpp:1: public header include/rateline/mystery.hpp is not in the layer table",
    "src/core/decimal.cpp:2: core includes rateline/bill.hpp of eval [a",
    "src/calendar/x.cpp:1: calendar includes ../usage/y.hpp of usage [a",
    "src/eval/bill.cpp:2: eval includes syntax/ast.hpp of syntax [b",
    "src/eval/bill.cpp:3: eval includes tao/pegtl.hpp of syntax (PEGTL) [b",
    "src/eval/bill.cpp:4: eval includes grammar/tariff_grammar.hpp of syntax [b",
    "src/eval/bill.cpp:5: eval includes lower/not_written_yet.hpp of lower [b",
    "src/cli/main.cpp:4: apps includes eval/internal.hpp of eval internals [d",
    "src/newlayer/z.cpp:1: src/newlayer/z.cpp is in a directory with no layer",
}


def self_test():
    failures = []
    with tempfile.TemporaryDirectory(prefix="rateline-arch-") as root:
        for relpath, text in FAKE_TREE.items():
            path = os.path.join(root, relpath)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        violations, _, _ = check(root)
        for want in sorted(EXPECTED):
            if not any(v.startswith(want) for v in violations):
                failures.append(f"self-test: violation not reported: {want}")
        for v in violations:
            if not any(v.startswith(want) for want in EXPECTED):
                failures.append(f"self-test: reported but not a violation: {v}")
        # Without the violating files and lines, the same tree is clean.
        for relpath, text in FAKE_TREE.items():
            path = os.path.join(root, relpath)
            if relpath in WHOLE_FILE_VIOLATIONS:
                os.remove(path)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write("".join(line for line in text.splitlines(True) if "V:" not in line))
        clean, _, _ = check(root)
        failures += [f"self-test: clean tree reported: {v}" for v in clean]
    for f in failures:
        print(f)
    n = len(EXPECTED) + 1
    print(f"architecture self-test: {n - min(len(failures), n)} passed, {len(failures)} failed")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    root = os.path.abspath(args.root)
    violations, n_files, n_includes = check(root)
    for v in violations:
        print(v)
    print(f"architecture: {n_files} files, {n_includes} includes checked, {len(violations)} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
