#!/usr/bin/env python3
"""Fill msgstr of a .pot from a Python dict file (T = {msgid: msgstr}) and print
the entries as .po text: a helper for keeping po/zh_CN.po complete."""
import sys, re, ast

def unquote(lines):
    return "".join(ast.literal_eval(l) for l in lines)

def entries(pot):
    cur, mode = {"id": [], "str": []}, None
    for line in open(pot, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("msgid "):
            cur, mode = {"id": [line[6:]], "str": []}, "id"
        elif line.startswith("msgstr "):
            mode = "str"; cur["str"].append(line[7:])
        elif line.startswith('"') and mode:
            cur[mode].append(line)
        elif not line.strip() and mode == "str":
            yield unquote(cur["id"]); mode = None
    if mode == "str":
        yield unquote(cur["id"])

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

ns = {}
exec(open(sys.argv[2], encoding="utf-8").read(), ns)
T = ns["T"]
missing = 0
for mid in entries(sys.argv[1]):
    if not mid:
        continue
    if mid not in T:
        missing += 1
        print("missing:", repr(mid), file=sys.stderr)
        continue
    fmt = "#, c-format\n" if re.search(r"%[0-9$]*[-+ #0]*[0-9]*[lzh]*[sdifuxc]", mid) else ""
    print(f"{fmt}msgid {q(mid)}\nmsgstr {q(T[mid])}\n")
sys.exit(1 if missing else 0)
