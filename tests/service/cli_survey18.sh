#!/bin/sh
# Issue 18, `yizhan survey` on a demo station, through the real binary:
# - list: the shipped surveys with their period, anonymity, double entry and
#   the papers counted;
# - print: numbered questionnaires, each paper on its own pages with its
#   serial at the head of every page, numbered boxes, the skip instructions
#   in words, the dai tian box (read back with pdftotext), recorded as issued
#   and audited; the next print run goes on from the next serial; --count 0
#   prints a paper with an empty number box and records nothing;
# - issue: papers numbered by hand recorded, a serial never counted twice;
# - report pdf/xlsx/csv after papers keyed through the service's enter()
#   (survey_key18, as the entry screen keys them; the workbook read back with
#   openpyxl), the head may, a clerk is refused with an audit row;
# - diff: a double-entry paper's planted difference, question by question;
# - a reprint said and not counted again, two prints at once never overlapping,
#   at most 2000 papers a call; void: the head's, audited with its reason;
# - bad arguments refused in words, exit 2.
# Usage: cli_survey18.sh PATH/TO/yizhan PATH/TO/survey_key18
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
key=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
home=$(mktemp -d "${TMPDIR:-/tmp}/yzsurvey.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
st=$home/st
db=$st/station.db
sql() { sqlite3 "$db" "$1"; }

"$yz" init --demo --home "$st" >/dev/null || fail "init --demo"
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$st/yizhan.conf"

# ---- list --------------------------------------------------------------------------
out=$("$yz" survey list --home "$st") || fail "survey list"
echo "$out" | head -1 | grep -q '^ID .*TITLE .*PERIOD .*COUNTED$' || fail "list header: $out"
echo "$out" | grep -q '^needs  *居民服务需求调查  *2026-12-01\.\.2026-12-31  *yes  *yes  *0$' ||
	fail "list: needs: $out"
for s in employment environment satisfaction; do
	echo "$out" | grep -q "^$s " || fail "list: no $s: $out"
done
ok "survey list: id, title, period, anonymous, keyed twice, counted"

# ---- print -------------------------------------------------------------------------
mkdir "$home/out"
msg=$("$yz" survey print needs --count 3 --out "$home/out/p.pdf" --home "$st") ||
	fail "print: $msg"
echo "$msg" | grep -q "^Papers 0001 to 0003 of survey needs, recorded as issued.$" ||
	fail "print message: $msg"
[ "$(stat -c %a "$home/out/p.pdf")" = 640 ] || fail "mode of the PDF"
pages=$(pdfinfo "$home/out/p.pdf" | sed -n 's/^Pages: *//p')
[ $((pages % 3)) -eq 0 ] && [ "$pages" -ge 3 ] || fail "pages: $pages"
per=$((pages / 3))
p=1
while [ "$p" -le "$pages" ]; do
	want=$(printf '%04d' $(((p - 1) / per + 1)))
	text=$(pdftotext -enc UTF-8 -f "$p" -l "$p" "$home/out/p.pdf" -)
	heads=$(echo "$text" | grep -c '问卷编号：[0-9]') || true
	[ "$heads" -eq 1 ] || fail "page $p: $heads serial heads"
	echo "$text" | grep -q "问卷编号：$want" || fail "page $p: not paper $want: $text"
	p=$((p + 1))
done
ok "print 3 papers: $pages pages, the paper's serial at the head of every page"

all=$(pdftotext -enc UTF-8 "$home/out/p.pdf" -)
first=$(pdftotext -enc UTF-8 -f 1 -l "$per" "$home/out/p.pdf" -)
echo "$first" | grep -q '居民服务需求调查' || fail "no title"
echo "$first" | grep -q '请在选项前的方框内打' || fail "no instructions"
echo "$first" | grep -q '□1 男' || fail "no numbered boxes: $first"
echo "$first" | grep -q '□18 其他（请注明）' || fail "no other option"
echo "$first" | grep -q '多选，最多选5项' || fail "no most-choices note"
echo "$first" | tr -d '\n' | grep -q '第9题选“不满意”或“非常不满意”的回答' ||
	fail "no skip instruction in words"
echo "$first" | grep -q '代填人签名' || fail "no dai tian box"
echo "$first" | grep -q '与被调查人关系' || fail "no relation line"
[ "$(echo "$all" | grep -c '代填人签名')" -eq 3 ] || fail "a dai tian box per paper"
pdftoppm -png -r 60 -f 1 -l 1 "$home/out/p.pdf" "$home/out/page" ||
	fail "pdftoppm"
[ -s "$home/out/page-1.png" ] || [ -s "$home/out/page-01.png" ] || fail "no PNG"
ok "the paper: title, instructions, boxes, other, skip logic in words, dai tian box"

[ "$(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")" -eq 3 ] ||
	fail "issued rows"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'survey_issued' AND detail LIKE 'survey needs serials 1-3%'")" -eq 1 ] ||
	fail "audit of the issue"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'survey_print'")" -eq 1 ] ||
	fail "audit of the print"
msg=$("$yz" survey print needs --count 2 --out "$home/out/p2.pdf" --home "$st") ||
	fail "print 2: $msg"
echo "$msg" | grep -q "Papers 0004 to 0005 " || fail "next run: $msg"
pdftotext -enc UTF-8 -f 1 -l 1 "$home/out/p2.pdf" - | grep -q '问卷编号：0004' ||
	fail "next run's first paper"
msg=$("$yz" survey print needs --count 0 --out "$home/out/blank.pdf" --home "$st") ||
	fail "blank: $msg"
pdftotext -enc UTF-8 -f 1 -l 1 "$home/out/blank.pdf" - | grep -q '问卷编号：__' ||
	fail "blank paper's number box"
[ "$(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")" -eq 5 ] ||
	fail "a blank paper was recorded"
ok "issue recorded and audited; the next run from 0004; --count 0 records nothing"

# ---- issue -------------------------------------------------------------------------
msg=$("$yz" survey issue needs --count 10 --home "$st") || fail "issue: $msg"
echo "$msg" | grep -q "^Papers 0006 to 0015 of survey needs, recorded as issued.$" ||
	fail "issue message: $msg"
"$yz" survey issue needs --count 4 --from 3 --home "$st" >/dev/null || fail "issue again"
[ "$(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")" -eq 15 ] ||
	fail "a serial counted twice"
ok "issue: hand-numbered papers recorded, none twice"

# ---- keying, then the report ---------------------------------------------------------
# satisfaction: single entry; 4 papers, one of them not asked 8 and 9
k() { "$key" "$st" "$@" >/dev/null || fail "keying $*"; }
k satisfaction zhangli 1 self sex=1 age=2 education=3 years=2 overall=1 visited=1 \
	attitude=1 trips=1 recommend=1 improve="1 2"
k satisfaction zhangli 2 self sex=2 age=4 education=2 years=4 overall=2 visited=1 \
	attitude=2 trips=2 recommend=2 improve="2"
k satisfaction wangfang 3 proxy proxy=李四 sex=2 age=6 education=1 years=4 overall=3 \
	visited=2 recommend=2 improve="1"
k satisfaction wangfang 500000004 counter sex=1 age=1 education=5 years=1 overall=2 visited=1 \
	attitude=1 trips=1 recommend=1 improve="3"
"$yz" survey list --home "$st" | grep -q '^satisfaction .* 4$' ||
	fail "list: counted papers"

cd "$home/out"
msg=$("$yz" survey report satisfaction --by sex --home "$st") || fail "report: $msg"
pdf=$(ls ./*-survey-satisfaction-*.pdf)
# (papers came back and no issue was recorded: issued is unknown, 0)
echo "$msg" | grep -q "^Written: .*-survey-satisfaction-.*\.pdf (issued 0, returned 4, valid 4; [0-9]* questions)$" ||
	fail "report message: $msg"
[ "$(stat -c %a "$pdf")" = 640 ] || fail "mode of the report"
pdftotext -enc UTF-8 "$pdf" - | grep -q '居民满意度调查' || fail "report title"
msg=$("$yz" survey report satisfaction --format xlsx --out r.xlsx --by sex --home "$st") ||
	fail "xlsx: $msg"
sheets=$(/usr/bin/python3 -c 'import openpyxl, sys; print("\n".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' r.xlsx) ||
	fail "openpyxl"
[ "$(echo "$sheets" | wc -l)" -ge 4 ] || fail "sheets: $sheets"
echo "$sheets" | grep -q '^概况$' || fail "no overview sheet: $sheets"
"$yz" survey report satisfaction --format csv-utf8 --out r.csv --home "$st" >/dev/null ||
	fail "csv"
grep -q '男' r.csv || fail "csv: $(head -3 r.csv)"
"$yz" survey report satisfaction --format csv --out r-gb.csv --home "$st" >/dev/null ||
	fail "csv gb18030"
iconv -f GB18030 -t UTF-8 r-gb.csv | grep -q '男' || fail "csv in GB18030"
cd "$home"
ok "report pdf (named, 0640), xlsx ($(echo "$sheets" | wc -l) sheets), csv, csv GB18030"

out=$(echo demo1234 | "$yz" survey report satisfaction --as zhaozhan --password-fd 0 \
	--out "$home/out/head.pdf" --home "$st") || fail "head's report: $out"
before=$(sql "SELECT count(*) FROM audit WHERE action = 'survey_denied'")
set +e
err=$(echo demo1234 | "$yz" survey report satisfaction --as zhangli --password-fd 0 \
	--out "$home/out/clerk.pdf" --home "$st" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "clerk: exit $rc ($err)"
echo "$err" | grep -q "Only the station head or the admin" || fail "clerk: $err"
after=$(sql "SELECT count(*) FROM audit WHERE action = 'survey_denied'")
[ "$after" -eq $((before + 1)) ] || fail "no audit row ($before -> $after)"
[ ! -e "$home/out/clerk.pdf" ] || fail "a clerk's report was written"
ok "the head may report; a clerk is refused, with an audit row"

# ---- diff ----------------------------------------------------------------------------
k needs zhangli 1 self sex=1 age=2 education=3 employment=1 household=2 services="1 3" \
	used=2 channel=1 satisfy=4 why=太远 time=3
k needs wangfang 1 self sex=1 age=2 education=4 employment=1 household=2 services="1 3" \
	used=2 channel=1 satisfy=4 why=太远 time=3
k needs zhangli 2 self sex=2 age=1 education=1 employment=3 household=1 services="2" \
	used=1 channel=2 satisfy=1 time=1
out=$("$yz" survey diff needs --home "$st") || fail "diff: $out"
echo "$out" | head -1 | grep -q '^SERIAL .*QUESTION .*FIRST .*SECOND .*CLERKS$' ||
	fail "diff header: $out"
echo "$out" | grep -q '^0001  *3\. 您的文化程度  *高中/中专/技校  *大专  *张丽 / 王芳$' ||
	fail "diff row: $out"
[ "$(echo "$out" | grep -c '^000')" -eq 1 ] || fail "diff: one difference only: $out"
echo "$out" | grep -q "^Papers with differences: 1 (answers: 1). Keyed once, waiting for the second keying: 1.$" ||
	fail "diff summary: $out"
out=$("$yz" survey diff needs --serial 2 --home "$st") || fail "diff --serial: $out"
echo "$out" | grep -q '^000' && fail "diff --serial 2 lists: $out"
ok "diff: the planted difference with both values and clerks; exit 0"

# ---- every construct on paper -------------------------------------------------------
# tests/form/surveys/all.survey in a copy of the forms folder: a grid, a number with
# its range, a date, a text, skip logic by an answered question, by two choices of one
# question and by a multiple choice's option, a non-anonymous survey's respondent line
cp -r "$here/../../forms" "$home/forms"
cp "$here/../form/surveys/all.survey" "$home/forms/surveys/"
sed -i "s|^forms_dir =.*|forms_dir = $home/forms|" "$st/yizhan.conf"
"$yz" survey print all --count 0 --out "$home/out/all.pdf" --home "$st" >/dev/null ||
	fail "print all"
sed -i "s|^forms_dir =.*|forms_dir =|" "$st/yizhan.conf"
t=$(pdftotext -enc UTF-8 "$home/out/all.pdf" - | tr -d '\n')
for want in '（第5题已作答的回答）' '（第5题选“不满意”或“非常不满意”的回答）' \
	'（第3题选了“乙”的回答）' '（每行选一项）' '（多选，最多选2项）' \
	'答：__________（填数字，0～10）' '答：________年____月____日' '被调查人姓名' \
	'□4 其他（请注明）' '绿化□1□2□3'; do
	echo "$t" | grep -q -- "$want" || fail "all.survey's paper: no $want"
done
ok "every construct of all.survey on paper, the skip logic in words"

# ---- bad arguments ---------------------------------------------------------------------
expect2() {
	what=$1
	want=$2
	shift 2
	set +e
	err=$("$yz" survey "$@" --home "$st" 2>&1 >/dev/null)
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "$what: exit $rc ($err)"
	echo "$err" | grep -q -- "$want" || fail "$what: $err"
}
expect2 "unknown survey" \
	"there is no survey nosuch. The surveys are: employment, environment, needs, satisfaction" \
	print nosuch --out "$home/out/x.pdf"
expect2 "no survey" "which survey" report
expect2 "bad count" "--count is a whole number from 0 to 2000, not many" print needs --count many
expect2 "count too big" "not 2001" print needs --count 2001 --out "$home/out/x.pdf"
expect2 "bad from" "--from is a whole number" print needs --from 0 --out "$home/out/x.pdf"
expect2 "blank with --from" "no --from" print needs --count 0 --from 3 --out "$home/out/x.pdf"
expect2 "out and printer" "either --out FILE or --printer P" print needs --out a.pdf --printer x
expect2 "issue without count" "Give --count N" issue needs
expect2 "unknown format" "not docx" report needs --format docx
expect2 "unknown question" "survey needs has no question nosuch" report needs --by nosuch
expect2 "unknown option" "unknown argument --bogus" diff needs --bogus
expect2 "bad serial" "--serial is a whole number" diff needs --serial x
expect2 "list takes no name" "unknown argument needs" list needs
[ ! -e "$home/out/x.pdf" ] || fail "a refused print wrote a file"
[ "$(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")" -eq 15 ] ||
	fail "a refused command recorded papers"
ok "bad arguments refused in words, exit 2, nothing written"

# ---- reprints, two counters at once, the cap, void (mend18) ---------------------------
msg=$("$yz" survey print needs --count 2 --from 4 --out "$home/out/again.pdf" --home "$st") ||
	fail "reprint: $msg"
echo "$msg" | grep -q '^0004-0005 were issued already: this is a reprint, not counted again.$' ||
	fail "reprint message: $msg"
msg=$("$yz" survey issue needs --count 3 --from 14 --home "$st") || fail "issue 14: $msg"
echo "$msg" | grep -q '^2 of papers 0014-0016 were issued already' || fail "issue 14: $msg"
[ "$(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")" -eq 16 ] ||
	fail "a reprint counted again"
# two counters print at once: two batches that never overlap
"$yz" survey print needs --count 40 --out "$home/out/c1.pdf" --home "$st" >"$home/c1" 2>&1 &
p1=$!
"$yz" survey print needs --count 40 --out "$home/out/c2.pdf" --home "$st" >"$home/c2" 2>&1 &
p2=$!
wait "$p1" || fail "counter 1: $(cat "$home/c1")"
wait "$p2" || fail "counter 2: $(cat "$home/c2")"
r1=$(sed -n 's/^Papers \([0-9]*\) to \([0-9]*\) of survey needs.*/\1 \2/p' "$home/c1")
r2=$(sed -n 's/^Papers \([0-9]*\) to \([0-9]*\) of survey needs.*/\1 \2/p' "$home/c2")
[ -n "$r1" ] && [ -n "$r2" ] || fail "two counters: $(cat "$home/c1" "$home/c2")"
echo "$r1 $r2" | awk '{ a = $1 + 0; b = $2 + 0; c = $3 + 0; d = $4 + 0;
	exit !((b < c || d < a) && b - a == 39 && d - c == 39) }' ||
	fail "two counters overlap: $r1 / $r2"
[ "$(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")" -eq 96 ] ||
	fail "two counters: $(sql "SELECT count(*) FROM survey_issued WHERE survey = 'needs'")"
expect2 "issue too many" "--count is a whole number from 1 to 2000, not 2000000" \
	issue needs --count 2000000
ok "a reprint said and not counted again; two counters at once: $r1 / $r2; at most 2000"

before=$(sql "SELECT count(*) FROM audit WHERE action = 'survey_denied'")
set +e
err=$(echo demo1234 | "$yz" survey void needs 2 --reason 录错了 --as zhangli --password-fd 0 \
	--home "$st" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "clerk's void: exit $rc ($err)"
echo "$err" | grep -q "Only the station head or the admin can void" || fail "clerk's void: $err"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'survey_denied'")" -eq $((before + 1)) ] ||
	fail "clerk's void not audited"
expect2 "void without a reason" "say why with --reason" void needs 2
expect2 "void of a paper not keyed" "Paper 77 of" void needs 77 --reason x
msg=$("$yz" survey void needs 2 --reason 录错了 --home "$st") || fail "void: $msg"
echo "$msg" | grep -q '^Paper 0002 of survey needs voided' || fail "void: $msg"
[ "$(sql "SELECT count(*) FROM survey_papers WHERE survey = 'needs' AND serial = 2")" -eq 0 ] ||
	fail "the voided paper is still there"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'survey_voided' AND detail = 'survey needs reason: 录错了'")" -eq 1 ] ||
	fail "void audit: $(sql "SELECT detail FROM audit WHERE action = 'survey_voided'")"
k needs zhangli 2 self sex=2 age=1 education=1 employment=3 household=1 services="2" \
	used=1 channel=2 satisfy=1 time=1
ok "void: the head only (a clerk refused and audited), with its reason; keyed again"

echo "1..$n"
