#!/usr/bin/env python3
"""The rateline executable has no program interpreter (PT_INTERP): it is linked statically,
so no dynamic loader runs before a command (CMakeLists.txt, RATELINE_STATIC_CLI).

usage: check_static.py EXECUTABLE
"""
import struct
import sys

PT_INTERP = 3


def has_interpreter(path):
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            sys.exit(f"{path}: not a 64-bit ELF file")
        endian = "<" if head[5] == 1 else ">"
        phoff, = struct.unpack_from(endian + "Q", head, 32)
        phentsize, phnum = struct.unpack_from(endian + "HH", head, 54)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    return any(struct.unpack_from(endian + "I", table, k * phentsize)[0] == PT_INTERP for k in range(phnum))


if __name__ == "__main__":
    if has_interpreter(sys.argv[1]):
        sys.exit(f"{sys.argv[1]} names a dynamic loader: it is not linked statically")
    print("static: no program interpreter")
