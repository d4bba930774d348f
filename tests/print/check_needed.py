#!/usr/bin/env python3
"""Fail when a program links a library that belongs in the render module.

usage: check_needed.py PROGRAM

cairo, pango, libcups and libqrencode (and what they pull in: glib,
fontconfig, gnutls...) are loaded with the render module when something is
printed (src/print/render-int.h); linking them into the program would map
them into every counter UI (issue 5: under 16 MB resident)."""
import subprocess
import sys

FORBIDDEN = ('cairo', 'pango', 'cups', 'qrencode', 'gnutls', 'glib', 'gobject',
             'fontconfig', 'freetype', 'harfbuzz')

out = subprocess.run(['readelf', '-d', sys.argv[1]], check=True, capture_output=True,
                     text=True).stdout
needed = [l.split('[', 1)[1].rstrip(']') for l in out.splitlines() if '(NEEDED)' in l]
bad = [n for n in needed if any(f in n for f in FORBIDDEN)]
print('NEEDED:', ' '.join(needed))
if not needed or bad:
    print('linked directly, should come with the render module:', ' '.join(bad) or '(none found)')
    sys.exit(1)
