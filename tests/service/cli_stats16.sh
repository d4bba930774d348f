#!/bin/sh
# Issue 16: `yizhan stats` through the real binary on a demo station. The text
# output ends with the summary sentence, whose figures equal what sqlite3
# counts in the station's file; --format xlsx writes a workbook that an
# independent reader (Debian's python3-openpyxl, tests/lib/xlsx_read.py) opens,
# its station total row equal to the same counts; CSV and PDF are written; a
# clerk is refused with an audit row; every file written (--out or the
# station-named default) leaves a "stats_saved" audit row; a wrong period,
# split or format is refused before anything is read.
# Usage: cli_stats16.sh PATH/TO/yizhan PATH/TO/xlsx_read.py
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # the PDF is written in another folder
xlsx_read=$2
home=$(mktemp -d "${TMPDIR:-/tmp}/yzstats.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en TZ=Asia/Shanghai
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

"$yz" init --demo --home "$home" >/dev/null || fail "init --demo"
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$home/yizhan.conf"
db=$home/station.db
q() { sqlite3 "$db" "$1"; }

# The year the demo's cases are in (the demo dates them back from today).
year=$(date +%Y)
from=$year-01-01
to=$year-12-31
accepted=$(q "SELECT count(*) FROM cases WHERE accepted_date BETWEEN '$from' AND '$to'")
finished=$(q "SELECT count(*) FROM cases WHERE closed_at <> ''
  AND date(closed_at, 'localtime') BETWEEN '$from' AND '$to'")
open_end=$(q "SELECT count(*) FROM cases WHERE accepted_date <= '$to'
  AND (closed_at = '' OR date(closed_at, 'localtime') > '$to')")
rated=$(q "SELECT count(*) FROM ratings WHERE date(at, 'localtime') BETWEEN '$from' AND '$to'")
[ "$accepted" -gt 0 ] && [ "$finished" -gt 0 ] && [ "$rated" -gt 0 ] ||
	fail "the demo has no cases or ratings in $year"

out=$("$yz" stats --year "$year" --by line --home "$home") || fail "stats --year $year"
echo "$out" | grep -q "^本年度受理各类事项 $accepted 项，已办结 $finished 项，按时办结率 [0-9.]*%，期末在办 $open_end 项；群众评价 $rated 次，满意率 [0-9.]*%" ||
	fail "the summary sentence does not say $accepted accepted, $finished finished, $open_end open, $rated rated: $out"
echo "$out" | grep -q "全站合计" || fail "no station total row: $out"
echo "$out" | grep -q "按时办结率" || fail "no on-time rate column: $out"
ok "stats --year: the sentence's figures are the station file's ($accepted accepted, $finished finished)"

# The table is aligned by display width: every data line of the split is as
# wide as the header line (a Chinese character counts two columns).
width() { printf '%s\n' "$1" | python3 -c 'import sys, unicodedata as u
for l in sys.stdin: print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")))'; }
head=$(echo "$out" | sed -n 3p)
total=$(echo "$out" | grep "^全站合计")
[ "$(width "$head")" -eq "$(width "$total")" ] || fail "the total row is not as wide as the header"
ok "stats: the text table is aligned by display width"

"$yz" stats --year "$year" --by clerk --format xlsx --out "$home/s.xlsx" --home "$home" >/dev/null ||
	fail "stats --format xlsx"
/usr/bin/python3 "$xlsx_read" "$home/s.xlsx" >"$home/s.txt" || fail "openpyxl cannot read the workbook"
row=$(grep 'str "全站合计"' "$home/s.txt" | sed 's/^cell A\([0-9]*\) .*/\1/')
[ -n "$row" ] || fail "no station total row in the workbook"
cached() { grep "^cell $1$row " "$home/s.txt" | sed 's/.* cached \([0-9.]*\) .*/\1/;s/^cell [A-Z0-9]* num \([0-9.]*\) .*/\1/'; }
[ "$(cached B)" = "$accepted" ] || fail "xlsx accepted $(cached B), sqlite3 $accepted"
[ "$(cached C)" = "$finished" ] || fail "xlsx finished $(cached C), sqlite3 $finished"
[ "$(cached G)" = "$open_end" ] || fail "xlsx open at the end $(cached G), sqlite3 $open_end"
[ "$(cached L)" = "$rated" ] || fail "xlsx ratings $(cached L), sqlite3 $rated"
grep -q '^cell B4 str "受理"' "$home/s.txt" || fail "no header row"
grep -q "^cell E$row .*fmt 0.0%" "$home/s.txt" || fail "the on-time rate is no percentage"
ok "stats --format xlsx: openpyxl reads it; its totals are sqlite3's counts"

"$yz" stats --year "$year" --format csv-utf8 --out "$home/s.csv" --home "$home" >/dev/null ||
	fail "stats --format csv-utf8"
grep -q "全站合计,$accepted,$finished," "$home/s.csv" || fail "csv: $(cat "$home/s.csv")"
# Every file written is in the audit, as a saved ledger: who (the OS account
# signs in as admin), which figures, where.
saved=$(q "SELECT actor || ' ' || detail FROM audit WHERE action = 'stats_saved' ORDER BY id")
echo "$saved" | grep -qx "admin stats $year by clerk -> $home/s.xlsx" ||
	fail "no audit row for the workbook written: $saved"
echo "$saved" | grep -qx "admin stats $year by station -> $home/s.csv" ||
	fail "no audit row for the CSV written: $saved"
(cd "$home" && "$yz" stats --month "$year-$(date +%m)" --format pdf --home "$home" >/dev/null 2>"$home/err") ||
	fail "stats --format pdf: $(cat "$home/err")"
pdf=$(ls "$home"/*-stats-"$year-$(date +%m)".pdf) || fail "no PDF named after the station and period"
pdftotext -enc UTF-8 "$pdf" - | grep -q "本月受理各类事项" || fail "the PDF lacks the summary"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'stats_saved'")" -eq 3 ] ||
	fail "the PDF written has no audit row"
ok "stats --format csv-utf8 and pdf (named <station>-stats-<period>.pdf); each file written has an audit row"

before=$(q "SELECT count(*) FROM audit WHERE action = 'stats_denied'")
if "$yz" stats --home "$home" --as zhangli --password-fd 3 >"$home/out" 2>&1 3<<EOF
demo1234
EOF
then
	fail "a clerk saw the station's statistics"
fi
grep -q "station head" "$home/out" || fail "the clerk is not told why: $(cat "$home/out")"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'stats_denied'")" -eq $((before + 1)) ] ||
	fail "no audit row for the refusal"
ok "a clerk is refused, with an audit row"

for bad in "--month 2026-13" "--month 2026Q4" "--quarter 2026Q5" "--year 26" "--by street" \
	"--format doc" "--month 2026-11 --year 2026"; do
	# shellcheck disable=SC2086
	if "$yz" stats $bad --home "$home" >/dev/null 2>&1; then fail "stats $bad accepted"; fi
done
"$yz" stats --help | grep -q "Average working days" || fail "--help does not explain the figures"
ok "wrong periods, splits and formats are refused; --help explains the figures"
