#!/usr/bin/python3
"""Read an .xlsx file back with an independent reader (Debian's python3-openpyxl)
and print what a test needs to check, one fact a line:

  sheet NAME
  cell A1 str "text" fmt General [bold]
  cell B5 num 1234.5 fmt 0.00
  cell C5 date 2026-11-03 fmt yyyy-mm-dd
  cell D9 formula "=SUBTOTAL(9,D5:D8)" cached 2469.0 fmt 0.00 bold
  merged A1:F1
  freeze A4
  print_titles $3:$3
  orientation landscape
  paper 9
  fit_width 1
  fit_height 0
  fit_to_page True
  footer "&C..."
  width A 12.0

Strings are JSON-quoted (UTF-8, not escaped); numbers as Python prints them;
a date at midnight as YYYY-MM-DD; a page set-up attribute the file leaves out
as the format's default (fit_width 1). With --json, one JSON object instead:
{"sheet": ..., "cells": {"A1": {"type", "value", "fmt", "bold", "formula"?,
"cached"?}}, "merged": [...], "freeze", "print_titles", "orientation",
"paper", "fit_width", "fit_height", "fit_to_page", "footer", "widths"}.

Usage: /usr/bin/python3 tests/lib/xlsx_read.py FILE [--json]
(/usr/bin/python3: the python3 on PATH may be another one without openpyxl.)
Exit status 2 when the file cannot be read as a workbook.
"""
import datetime
import json
import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.stderr.write("xlsx_read.py: python3-openpyxl is missing (run with /usr/bin/python3)\n")
    sys.exit(2)


def value_of(v):
    """(type, value) of a cell's value, JSON-friendly."""
    if v is None:
        return "blank", None
    if isinstance(v, bool):
        return "bool", v
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return "date", v.date().isoformat()
        return "datetime", v.isoformat()
    if isinstance(v, datetime.date):
        return "date", v.isoformat()
    if isinstance(v, (int, float)):
        return "num", v
    return "str", str(v)


def read(path):
    wb = openpyxl.load_workbook(path)                  # formulas as written
    cached = openpyxl.load_workbook(path, data_only=True)  # their cached values
    ws = wb.worksheets[0]
    wc = cached.worksheets[0]
    out = {"sheet": ws.title, "cells": {}}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cell = {"fmt": c.number_format, "bold": bool(c.font and c.font.b)}
            if c.data_type == "f":
                cell["type"] = "formula"
                cell["value"] = str(c.value)
                cell["cached"] = value_of(wc[c.coordinate].value)[1]
            else:
                cell["type"], cell["value"] = value_of(c.value)
            out["cells"][c.coordinate] = cell
    out["merged"] = sorted(str(r) for r in ws.merged_cells.ranges)
    out["freeze"] = ws.freeze_panes
    out["print_titles"] = ws.print_title_rows
    ps = ws.page_setup
    out["orientation"] = ps.orientation
    out["paper"] = int(ps.paperSize) if ps.paperSize is not None else None
    # an attribute left out has the format's default (ECMA-376: fitToWidth and
    # fitToHeight 1, orientation "default"); writers leave out the defaults
    out["fit_width"] = int(ps.fitToWidth) if ps.fitToWidth is not None else 1
    out["fit_height"] = int(ps.fitToHeight) if ps.fitToHeight is not None else 1
    pr = ws.sheet_properties.pageSetUpPr
    out["fit_to_page"] = bool(pr and pr.fitToPage)
    f = ws.oddFooter
    out["footer"] = "".join(
        "&" + side[0].upper() + part.text
        for side, part in (("left", f.left), ("center", f.center), ("right", f.right))
        if part.text)
    out["widths"] = {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.width}
    return out


def q(s):
    return json.dumps(s, ensure_ascii=False)


def main(argv):
    args = [a for a in argv[1:] if a != "--json"]
    if len(args) != 1:
        sys.stderr.write("usage: xlsx_read.py FILE [--json]\n")
        return 2
    try:
        out = read(args[0])
    except Exception as e:  # a file that is no workbook
        sys.stderr.write("xlsx_read.py: %s: %s\n" % (args[0], e))
        return 2
    if "--json" in argv:
        print(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True))
        return 0
    print("sheet", out["sheet"])
    for ref, c in out["cells"].items():
        v = q(c["value"]) if c["type"] in ("str", "formula") else c["value"]
        line = "cell %s %s %s" % (ref, c["type"], v)
        if c["type"] == "formula":
            line += " cached %s" % (q(c["cached"]) if isinstance(c["cached"], str) else c["cached"])
        line += " fmt %s" % c["fmt"]
        if c["bold"]:
            line += " bold"
        print(line)
    for m in out["merged"]:
        print("merged", m)
    for k in ("freeze", "print_titles", "orientation", "paper", "fit_width", "fit_height",
              "fit_to_page"):
        print(k, out[k])
    print("footer", q(out["footer"]))
    for col, w in out["widths"].items():
        print("width", col, w)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
