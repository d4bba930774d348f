#!/bin/sh
# Issue 17, `yizhan hub stats`: the district's figures at a private hub (run
# under tests/lib/with-postgres). Two demo stations (DEMO01 and DEMO02, the
# second made different after its first sync: a case deleted, a rating
# changed) synced to the hub; then, for last month and its year:
#   - --by station gives each station exactly the figures its own `yizhan
#     stats` gives (tsv), and the district's row is their sum for the counts;
#   - --by line: each line's row is the sum of the stations' rows of that
#     line; --by month: the months' accepted add up to the year's;
#   - a department's answer made at the hub, not yet synced, counts as
#     answered (and, once synced, the station's own figures agree again);
#   - a station's and a department's hub logins are refused (admin only);
#   - the xlsx opens with openpyxl (Debian's, /usr/bin/python3) and holds the
#     same cells;
#   - --by clerk is refused with the message, exit 2.
# Usage: with-postgres sh stats17.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/common.sh"
home=$(mktemp -d "${TMPDIR:-/tmp}/yzstats.XXXXXX")
trap 'rm -rf "$home"' EXIT
# Last month (a whole one, with the demo's cases on any day of this one) and
# its year.
month=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)
year=${month%-*}

# --- two stations at one hub ----------------------------------------------------
demo_station "$home/st1"
code1=$code
mkdir -m 0750 "$home/st2"
printf 'station_code = DEMO02\n' >"$home/st2/yizhan.conf"
chmod 0640 "$home/st2/yizhan.conf"
demo_station "$home/st2"
code2=$code
[ "$code1" = DEMO01 ] && [ "$code2" = DEMO02 ] || fail "station codes $code1 $code2"
mkdir "$home/admin"
"$yz" hub init --url "$YZ_PG_URL" --home "$home/admin" >/dev/null || fail "hub init"
for s in 1 2; do
	c=DEMO0$s
	"$yz" hub station add "$c" "站点$s" --url "$YZ_PG_URL" --home "$home/admin" \
		>>"$home/st$s/yizhan.conf" || fail "hub station add $c"
	"$yz" sync --home "$home/st$s" >/dev/null || fail "first sync of $c"
done
# DEMO02 differs from DEMO01 (the same demo): a case of this year deleted (a
# tombstone at the hub), a rating changed.
db2=$home/st2/station.db
gone=$(sqlite3 "$db2" "SELECT number FROM cases WHERE accepted_date >= '$year-01-01'
	ORDER BY id LIMIT 1")
[ -n "$gone" ] || fail "the demo has no case this year"
sqlite3 "$db2" "DELETE FROM cases WHERE number = '$gone';
	UPDATE ratings SET score = CASE WHEN score >= 4 THEN 1 ELSE 5 END
	WHERE case_id = (SELECT min(case_id) FROM ratings WHERE at >= '$year-01-01')"
"$yz" sync --home "$home/st2" >/dev/null || fail "second sync of DEMO02"
[ "$(hq "SELECT count(*) FROM h_case WHERE station = 'DEMO02' AND key = '$gone' AND raw IS NULL")" = 1 ] ||
	fail "no tombstone of $gone at the hub"
ok "two demo stations synced; DEMO02 lost $gone (a tombstone at the hub) and changed a rating"

# The hub's admin, by URL, from a workstation without a station.
hs() { "$yz" hub stats --url "$YZ_PG_URL" --home "$home/admin" "$@"; }
# A station's own figures: its row (the station's whole, line 2) without the key.
own() { "$yz" stats --format tsv --home "$home/st$1" "$2" "$3" | sed -n 2p | cut -f 2-; }
# The figures of the row whose key starts with $2 in tsv $1.
row() { echo "$1" | awk -F '\t' -v k="$2" 'index($1, k) == 1 { sub(/^[^\t]*\t/, ""); print; exit }'; }
# Column sums of the station rows (keys starting with DEMO) in tsv $1, for
# the counts: accepted, finished, on time, overdue, open, forwarded,
# corrections, rated, bad, followed (columns 2-4, 6-7, 9, 11-12, 14-15).
COUNTS='2 3 4 6 7 9 11 12 14 15'
counts() { echo "$1" | awk -F '\t' -v c="$COUNTS" 'BEGIN { n = split(c, col, " ") }
	{ for (i = 1; i <= n; i++) printf "%s%s", $(col[i]), (i < n ? "\t" : "\n") }'; }
sums() { echo "$1" | awk -F '\t' -v c="$COUNTS" 'BEGIN { n = split(c, col, " ") }
	/^DEMO/ { for (i = 1; i <= n; i++) s[i] += $(col[i]) }
	END { for (i = 1; i <= n; i++) printf "%s%s", s[i] + 0, (i < n ? "\t" : "\n") }'; }

for period in "--year $year" "--month $month"; do
	# shellcheck disable=SC2086
	t=$(hs $period --by station --format tsv) || fail "hub stats $period: $t"
	[ "$(echo "$t" | grep -c '^DEMO')" = 2 ] || fail "$period: not two station rows: $t"
	[ "$(echo "$t" | grep '^DEMO' | cut -f 1 | tr '\n' '|')" = "DEMO01 站点1|DEMO02 站点2|" ] ||
		fail "$period: the station rows: $t"
	for s in 1 2; do
		# shellcheck disable=SC2086
		mine=$(own $s $period)
		[ -n "$mine" ] || fail "$period: no figures of station $s"
		[ "$(row "$t" "DEMO0$s ")" = "$mine" ] ||
			fail "$period: DEMO0$s at the hub: $(row "$t" "DEMO0$s ") / its own: $mine"
	done
	total=$(echo "$t" | awk -F '\t' 'seen && !/^DEMO/ { print; exit } /^DEMO/ { seen = 1 }')
	[ "$(counts "$total")" = "$(sums "$t")" ] ||
		fail "$period: the district's row $(counts "$total") is not the sum $(sums "$t")"
	[ "$(counts "$total" | cut -f 1)" -gt 0 ] || fail "$period: nothing accepted: $t"
	ok "$period by station: each station's row is its own yizhan stats; the district's is their sum"
done
[ "$(own 1 --year "$year")" != "$(own 2 --year "$year")" ] ||
	fail "the two stations' figures are alike: the test proves little"

# --- by line, by month ---------------------------------------------------------------
t=$(hs --year "$year" --by line --format tsv) || fail "by line: $t"
"$yz" stats --year "$year" --by line --format tsv --home "$home/st1" >"$home/l1" || fail "st1 by line"
"$yz" stats --year "$year" --by line --format tsv --home "$home/st2" >"$home/l2" || fail "st2 by line"
echo "$t" >"$home/lh"
# Each line's counts at the hub are the sum of the stations' rows of that line
# (the block after the group heading, its subtotal left out).
lines=$(/usr/bin/python3 - "$home/l1" "$home/l2" "$home/lh" <<'PY'
import sys
COUNTS = [1, 2, 3, 5, 6, 8, 10, 11, 13, 14]
def block(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")]
    out = {}
    for r in rows[2:]:
        if len(r) == 1:
            break
        out[r[0]] = [int(r[i]) for i in COUNTS]
    out.pop(list(out)[-1])  # the subtotal
    return out
a, b, h = block(sys.argv[1]), block(sys.argv[2]), block(sys.argv[3])
zero = [0] * len(COUNTS)
if not h or set(h) != set(a) | set(b):
    sys.exit("lines: hub %s, stations %s %s" % (sorted(h), sorted(a), sorted(b)))
for k, v in h.items():
    want = [x + y for x, y in zip(a.get(k, zero), b.get(k, zero))]
    if v != want:
        sys.exit("line %s: hub %s, the stations' sum %s" % (k, v, want))
print(len(h))
PY
) || fail "by line: $lines"
ok "--by line: each of $lines lines is the sum of the stations' rows of that line"

t=$(hs --year "$year" --by month --format tsv) || fail "by month: $t"
[ "$(echo "$t" | awk -F '\t' 'NR > 2 && NF > 1' | wc -l)" -ge 13 ] || fail "by month: not 12 months: $t"
acc=$(echo "$t" | awk -F '\t' 'NR > 2 && NF > 1 { n++; if (n <= 12) s += $2; else { print s, $2; exit } }')
set -- $acc
[ "$1" = "$2" ] && [ "$1" -gt 0 ] || fail "by month: months' accepted $1, the year's $2"
ok "--by month: twelve months whose accepted add up to the year's ($1)"

# --- a department's answer at the hub, not yet synced ------------------------------
# One station asked for (--station) is that station's own figures, whole:
# the departments' and the ratings' blocks too.
one() { hs --year "$year" --station DEMO01 --format tsv; }
mine() { "$yz" stats --year "$year" --format tsv --home "$home/st1"; }
before=$(mine)
[ "$(one)" = "$before" ] || fail "--station DEMO01: $(one) / its own: $before"
fw=$(sqlite3 "$home/st1/station.db" "SELECT c.number, f.department, f.sent_date
	FROM case_forwards f JOIN cases c ON c.id = f.case_id
	WHERE f.result = '' AND f.sent_date >= '$year-01-01' ORDER BY f.id LIMIT 1")
case_no=$(echo "$fw" | cut -d '|' -f 1)
dept=$(echo "$fw" | cut -d '|' -f 2)
sent=$(echo "$fw" | cut -d '|' -f 3)
[ -n "$case_no" ] && [ -n "$dept" ] || fail "no open forward of this year at station 1"
mkdir "$home/dept"
"$yz" hub dept add JDSW "$dept" --url "$YZ_PG_URL" --home "$home/admin" >"$home/dept/yizhan.conf" ||
	fail "hub dept add"
# answered the day it was sent: 0 days, on time — the figures must move
"$yz" hub answer DEMO01 "$case_no" "已办结" --date "$sent" --home "$home/dept" >/dev/null ||
	fail "hub answer"
at_hub=$(one)
[ "$(mine)" = "$before" ] || fail "station 1 changed without a sync"
[ "$at_hub" != "$before" ] || fail "the hub's figures did not count the answer: $at_hub"
"$yz" sync --home "$home/st1" >/dev/null || fail "sync after the answer"
[ "$(mine)" = "$at_hub" ] || fail "after the sync station 1 says $(mine), the hub said $at_hub"
[ "$(one)" = "$at_hub" ] || fail "the hub's figures moved with the sync: $(one)"
ok "--station DEMO01 is its own yizhan stats; an answer at the hub counts before the sync, as the station counts it after"

# --- who sees what ------------------------------------------------------------------
# a station's hub login (its password is in the station's yizhan.conf) is
# no way round the station's head-only, audited figures; nor a department's
for who in st1 dept; do
	set +e
	msg=$("$yz" hub stats --year "$year" --by station --format tsv --home "$home/$who" 2>&1)
	rc=$?
	set -e
	[ "$rc" = 2 ] && echo "$msg" | grep -q "for the hub's admin login only" ||
		fail "the $who login: $rc $msg"
done
ok "a station's and a department's hub logins are refused (the hub's admin only)"

# --- xlsx ------------------------------------------------------------------------------
x=$home/district.xlsx
hs --year "$year" --by station --format xlsx --out "$x" >/dev/null || fail "xlsx"
[ "$(stat -c %a "$x")" = 640 ] || fail "xlsx mode $(stat -c %a "$x")"
t=$(hs --year "$year" --by station --format tsv)
want=$(printf '%s\n' "$t" | awk -F '\t' '/^DEMO/ { print $1 "\t" $2 "\t" $3 }')
got=$(/usr/bin/python3 - "$x" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
for r in ws.iter_rows(values_only=True):
    if r and isinstance(r[0], str) and r[0].startswith("DEMO"):
        print("%s\t%d\t%d" % (r[0], r[1], r[2]))
PY
) || fail "openpyxl: $got"
[ "$got" = "$want" ] || fail "xlsx cells: $got / tsv: $want"
ok "xlsx (0640) opens with openpyxl: station, accepted, finished as the tsv"

# --- refused -----------------------------------------------------------------------
set +e
msg=$(hs --year "$year" --by clerk 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] && echo "$msg" | grep -q "cannot be split by clerk" || fail "--by clerk: $rc $msg"
set +e
msg=$(hs --year "$year" --by grid 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] && echo "$msg" | grep -q "cannot be split by grid" || fail "--by grid: $rc $msg"
ok "--by clerk and --by grid refused in words, exit 2"

echo "1..$n"
