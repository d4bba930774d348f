#!/usr/bin/env python3
"""Fail when the program links librime or its libraries.

usage: check_needed.py PROGRAM

librime (and boost, leveldb, yaml-cpp, opencc, marisa, glog) come with the
ime module, loaded on the first use of pinyin input (src/ime/ime-int.h): a
counter that never types pinyin keeps the memory figure of issue 5."""
import subprocess
import sys

FORBIDDEN = ('rime', 'boost', 'leveldb', 'yaml-cpp', 'opencc', 'marisa', 'glog')

out = subprocess.run(['readelf', '-d', sys.argv[1]], check=True, capture_output=True,
                     text=True).stdout
needed = [l.split('[', 1)[1].rstrip(']') for l in out.splitlines() if '(NEEDED)' in l]
bad = [n for n in needed if any(f in n for f in FORBIDDEN)]
print('NEEDED:', ' '.join(needed))
if not needed or bad:
    print('linked directly, should come with the ime module:', ' '.join(bad) or '(none found)')
    sys.exit(1)
