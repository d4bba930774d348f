#!/bin/sh
# Issue 16: every shipped ledger (forms/ledgers/*.ledger) exports in every
# format from a fresh demo station, and what the files say is what the store
# holds. As the station head (zhaozhan, --as with the demo password):
# `yizhan ledger export NAME --year Y --format F --out FILE` for xlsx, csv
# (GB18030), csv-utf8 and pdf. Then:
# - the .xlsx is read by an independent reader (tests/lib/xlsx_read.py, Debian's
#   python3-openpyxl) and ledgers16_check.py compares it with the station.db:
#   the data rows are exactly the rows the ledger's rules give (worked out from
#   the database with SQL, not by yizhan), a sample of cells per row equals the
#   store (ID numbers and phones as text, dates as dates, money as numbers, the
#   minimum allowance's amount by its formula), the total row's cached values
#   equal SQL counts and sums; the GB18030 CSV decoded by iconv and the UTF-8
#   CSV hold the workbook's cells row by row;
# - the PDF through pdftotext: the title, the header row on every page, the
#   page numbers, the signature labels;
# - every shipped ledger has rows in the demo (the demo makes them);
# - a clerk is refused (exit code, no file, an audit row "ledger_denied").
# Usage: cli_ledgers16.sh PATH/TO/yizhan SOURCE_ROOT
set -eu
yz=$1
src=$2
home=$(mktemp -d "${TMPDIR:-/tmp}/yzledgers16.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }
db=$home/station.db
out=$home/out
mkdir "$out"
# The demo password on file descriptor 3.
as() {
	who=$1
	shift
	"$yz" "$@" --home "$home" --as "$who" --password-fd 3 3<<EOF
demo1234
EOF
}
py=/usr/bin/python3 # Debian's, with python3-openpyxl (the python3 on PATH may lack it)
[ -x "$py" ] && "$py" -c 'import openpyxl' 2>/dev/null || fail "$py with python3-openpyxl is missing"
command -v pdftotext >/dev/null || fail "pdftotext (poppler-utils) is missing"

"$yz" init --demo --home "$home" >/dev/null || fail "init --demo"
year=$(date +%Y)
ledgers=$(ls "$src/forms/ledgers" | sed -n 's/\.ledger$//p')
[ "$(echo "$ledgers" | wc -l)" -ge 13 ] || fail "only $(echo "$ledgers" | wc -l) shipped ledgers"

# ---- 1. the shipped ledgers pass forms check and are listed ----------------------------
"$yz" forms check "$src/forms" --home "$home" >"$home/check" 2>&1 ||
	fail "forms check: $(cat "$home/check")"
as zhaozhan ledger list >"$home/list" 2>&1 || fail "ledger list: $(cat "$home/list")"
for l in $ledgers; do
	grep -q "$l" "$home/list" || fail "ledger list does not name $l: $(cat "$home/list")"
done
ok "forms check passes forms/ with its $(echo "$ledgers" | wc -l) ledgers; ledger list names each"

# ---- 2. every ledger in every format, as the head -----------------------------------------
for l in $ledgers; do
	for f in xlsx csv csv-utf8 pdf; do
		file=$out/$l.$f
		as zhaozhan ledger export "$l" --year "$year" --format "$f" --out "$file" \
			>"$home/msg" 2>&1 || fail "export $l --format $f: $(cat "$home/msg")"
		[ -s "$file" ] || fail "export $l --format $f wrote no file"
		mode=$(stat -c %a "$file")
		case $mode in 600 | 640 | 400 | 440) ;; *) fail "$file has mode $mode" ;; esac
	done
done
ok "$(echo "$ledgers" | wc -w) ledgers exported as xlsx, csv, csv-utf8 and pdf (files 0640 or stricter)"

# ---- 3. the workbook and the CSV files against the store ------------------------------
for l in $ledgers; do
	iconv -f GB18030 -t UTF-8 "$out/$l.csv" >"$out/$l.csv.txt" || fail "$l.csv is not GB18030"
	if head -c 3 "$out/$l.csv" | od -An -tx1 | grep -q 'ef bb bf'; then
		fail "$l.csv (GB18030) starts with a UTF-8 BOM"
	fi
	"$py" "$src/tests/service/ledgers16_check.py" "$src" "$db" "$l" "$year" "$out/$l.xlsx" \
		"$out/$l.csv.txt" "$out/$l.csv-utf8" >"$home/res" 2>&1 || fail "$(cat "$home/res")"
	rows=$(sed -n 's/.*"rows": \([0-9]*\)}$/\1/p' "$home/res")
	[ "${rows:-0}" -gt 0 ] || fail "$l has no rows in the demo's $year"
	sed -n 1p "$home/res"
done
ok "xlsx cells, totals and both CSV encodings equal the store for every ledger"

# ---- 4. the PDF pages -----------------------------------------------------------------
# pdftotext -raw keeps each table cell's text together (a label wrapped in a
# narrow column comes out as its lines one after the other): with white space
# taken out, every column's label is found on every page the table is on (up
# to the page with its total, 合计).
squeeze() { awk -v p="$2" 'BEGIN{RS="\f"} NR == p {gsub(/[ \t\n]/, ""); print}' "$1"; }
for l in $ledgers; do
	def=$src/forms/ledgers/$l.ledger
	pdftotext -raw "$out/$l.pdf" "$out/$l.raw" || fail "pdftotext $l.pdf"
	pages=$(pdfinfo "$out/$l.pdf" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 1 ] || fail "$l.pdf has no pages"
	title=$(sed -n 's/^    title //p' "$def")
	squeeze "$out/$l.raw" 1 | grep -q "$title" || fail "$l.pdf: no title $title on page 1"
	last=0
	i=1
	while [ "$i" -le "$pages" ]; do
		squeeze "$out/$l.raw" "$i" | grep -q '合计' && last=$i
		i=$((i + 1))
	done
	[ "$last" -ge 1 ] || fail "$l.pdf has no total row"
	i=1
	while [ "$i" -le "$pages" ]; do
		page=$(squeeze "$out/$l.raw" "$i")
		if [ "$i" -le "$last" ]; then
			for label in $(sed -n 's/^    label //p' "$def"); do # labels have no spaces
				case $page in *"$label"*) ;; *) fail "$l.pdf page $i lacks the header $label" ;; esac
			done
		fi
		case $page in *"第${i}页共${pages}页"*) ;; *) fail "$l.pdf page $i lacks 第 $i 页 共 $pages 页" ;; esac
		i=$((i + 1))
	done
	signs=$(sed -n 's/^    sign //p' "$def")
	tail=$(i=$last; while [ "$i" -le "$pages" ]; do squeeze "$out/$l.raw" "$i"; i=$((i + 1)); done)
	tail=${tail#*合计} # after the table
	if [ "$signs" = none ]; then # a notice: no lines to sign, the seal lines instead
		for s in 制表人 审核人; do
			case $tail in *"$s"*) fail "$l.pdf: a signature label $s under a notice" ;; esac
		done
		case $tail in *保密。演示社区党群服务中心*（盖章）*) ;; *) fail "$l.pdf: no seal lines under the notice" ;; esac
		continue
	fi
	for s in ${signs:-制表人 审核人 日期}; do
		case $tail in *"$s"*) ;; *) fail "$l.pdf: no signature label $s after the table" ;; esac
	done
done
ok "PDF: title, every column's label on every page of the table, 第 i 页 共 N 页, signature labels"

# ---- 5. a clerk is refused ----------------------------------------------------------
before=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'ledger_denied'")
if as zhangli ledger export case_register --year "$year" --format xlsx \
	--out "$out/clerk.xlsx" >"$home/msg" 2>&1; then
	fail "a clerk exported a ledger"
fi
[ ! -e "$out/clerk.xlsx" ] || fail "the clerk's refused export left a file"
[ -s "$home/msg" ] || fail "the clerk was refused without a word"
after=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'ledger_denied'")
[ "$after" -eq $((before + 1)) ] || fail "no ledger_denied audit row ($before -> $after)"
ok "a clerk is refused: $(head -1 "$home/msg")"
