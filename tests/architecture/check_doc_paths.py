#!/usr/bin/python3
"""Architecture test: docs/architecture.md names only rooms that exist.

Every `backticked` file or directory path in the document (a token with a file extension
such as .cpp/.hpp/.md/.py, or ending in /) must exist in the tree: as written from the
repository root, as an include path under src/ (`eval/trace.hpp`), or as the name of a file somewhere under it (`header_rules.cpp`). Lines
that say "planned" are exempt (rooms being built), and so are placeholders written with
NAME. Every `commit abc1234` it cites must be a commit of the repository (when .git is
there).

  check_doc_paths.py --root .      # exit 1 and list each missing path
  check_doc_paths.py --self-test   # a fake tree's missing path is found, a planned one is not
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

TOKEN_RE = re.compile(r"`([^`\s]+)`")
PATH_RE = re.compile(r"^[\w./-]+(\.(cpp|hpp|h|md|py|cmake|tariff|calendar|factors|csv|json)|/)$")
COMMIT_RE = re.compile(r"commit `([0-9a-f]{7,40})`")


def tree_files(root):
    names, paths = set(), set()
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "build"]
        rel = os.path.relpath(directory, root)
        paths.add("" if rel == "." else rel + "/")
        for f in files:
            names.add(f)
            paths.add(os.path.normpath(os.path.join(rel, f)))
    return names, paths


def missing_paths(root, doc):
    names, paths = tree_files(root)
    problems = []
    with open(os.path.join(root, doc), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if "planned" in line:
                continue
            for token in TOKEN_RE.findall(line):
                if not PATH_RE.match(token) or "NAME" in token:
                    continue
                path = token.rstrip("/")
                if token.endswith("/"):
                    ok = os.path.isdir(os.path.join(root, path))
                else:
                    ok = (os.path.normpath(path) in paths or os.path.normpath("src/" + path) in paths
                          or ("/" not in path and path in names))
                if not ok:
                    problems.append(f"{doc}:{number}: `{token}` does not exist")
            if os.path.isdir(os.path.join(root, ".git")) or os.path.isfile(os.path.join(root, ".git")):
                for commit in COMMIT_RE.findall(line):
                    r = subprocess.run(["git", "-C", root, "cat-file", "-e", commit + "^{commit}"], capture_output=True)
                    if r.returncode != 0:
                        problems.append(f"{doc}:{number}: commit {commit} is not in the repository")
    return problems


def self_test():
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "docs"))
        os.makedirs(os.path.join(root, "src/check"))
        open(os.path.join(root, "src/check/here.cpp"), "w").close()
        with open(os.path.join(root, "docs/architecture.md"), "w") as f:
            f.write("`src/check/here.cpp` and `here.cpp` and `src/check/`\n"
                    "`src/check/gone.cpp` and `gone.hpp`\n"
                    "planned: `src/c_api/` and `c_api.h`\n"
                    "`src/check/NAME_rules.cpp`, `#include`, `on energy`\n")
        found = missing_paths(root, "docs/architecture.md")
        expected = ["docs/architecture.md:2: `src/check/gone.cpp` does not exist",
                    "docs/architecture.md:2: `gone.hpp` does not exist"]
        if found != expected:
            print("self-test failed: found", found, "expected", expected)
            return 1
    print("self-test passed")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=".")
    parser.add_argument("--doc", default="docs/architecture.md")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    problems = missing_paths(args.root, args.doc)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
