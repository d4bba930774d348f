#!/usr/bin/env python3
"""Rewrite non-ASCII characters inside C string literals of the given files as
universal character names (the sources must stay ASCII)."""
import sys

for path in sys.argv[1:]:
    s = open(path, encoding="utf-8").read()
    out = "".join(c if ord(c) < 0x80 else ("\\u%04x" % ord(c) if ord(c) < 0x10000 else "\\U%08x" % ord(c)) for c in s)
    if out != s:
        open(path, "w", encoding="ascii").write(out)
