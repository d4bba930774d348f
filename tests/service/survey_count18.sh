#!/bin/sh
# Issue 18: a survey's report read back by independent readers. test_survey_count18
# --write DIR keys the hand-made papers of test_survey_count18.c on a fresh
# station and writes the report as report.xlsx, report.csv (UTF-8) and
# report.pdf into DIR. The workbook is read by Debian's python3-openpyxl: the
# first sheet (the overview) through tests/lib/xlsx_read.py, the others
# through openpyxl here: every sheet's name in order, the papers and their
# rates, a multiple choice's sheet (of respondents and of mentions, its other
# texts), a cross-tab's cells and column percentages, the raw answers of the
# 20 valid papers without the proxy's name. The CSV's rows and the PDF's text
# (pdftotext) carry the same figures. The figures are worked out by hand in
# test_survey_count18.c. Also written: waiting.xlsx, test_waiting's double-entry
# survey (valid 2 of 3 counted, one paper waiting): its valid rate must read
# back as exactly 0.6667, not 0.6667000000000001 (the float noise of dividing
# the hundredths twice).
# Usage: survey_count18.sh PATH/TO/test_survey_count18
set -eu
t=$1
here=$(cd "$(dirname "$0")" && pwd)
xlsx_read=$here/../lib/xlsx_read.py
dir=$(mktemp -d "${TMPDIR:-/tmp}/yzsurveyfiles.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8 LANGUAGE=zh_CN TZ=Asia/Shanghai
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

"$t" --write "$dir" || fail "the report was not written"
for f in report.xlsx report.csv report.pdf waiting.xlsx; do
	[ "$(stat -c %a "$dir/$f")" = 640 ] || fail "$f is not 0640"
done

# The overview, as the ledgers' workbooks are read.
/usr/bin/python3 "$xlsx_read" "$dir/report.xlsx" >"$dir/overview.txt" ||
	fail "openpyxl cannot read the workbook"
has() { grep -qx "$1" "$dir/overview.txt" || fail "overview: no '$1' in $(cat "$dir/overview.txt")"; }
has 'sheet 概况'
has 'cell A1 str "社区服务测试调查" fmt General bold'
has 'cell A5 str "发放" fmt General'
has 'cell B5 num 25 fmt 0'
has 'cell A6 str "回收" fmt General'
has 'cell B6 num 22 fmt 0'
has 'cell C6 num 0.88 fmt 0.00%'
has 'cell A10 str "有效" fmt General'
has 'cell B10 num 20 fmt 0'
has 'cell C10 num 0.9091 fmt 0.00%'
grep -q '^cell D6 str "回收率 = 回收 ÷ 发放"' "$dir/overview.txt" ||
	fail "the return rate's denominator is not named"
has 'cell D10 str "有效率 = 有效 ÷ 计入" fmt General'
ok "xlsx overview: issued 25, returned 22 (88.00%), valid 20 (90.91% of 22 counted), denominators named"

# The valid rate of the papers that count, exact: read back with openpyxl,
# the float itself (== 0.6667), its 0.00% format and the waiting paper named
# beside it; no percentage of either workbook carries float noise.
/usr/bin/python3 - "$dir/waiting.xlsx" "$dir/report.xlsx" <<'PY' || fail "waiting.xlsx: the valid rate is not exactly 0.6667"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
c = ws["C10"]
assert ws["A10"].value == "有效", ws["A10"].value
assert c.value == 0.6667, repr(c.value)
assert c.number_format == "0.00%", c.number_format
assert ws["D10"].value == "有效率 = 有效 ÷ 计入；另有 1 份问卷等待录入，尚未计入", ws["D10"].value
assert ws["B7"].value == 3 and ws["B8"].value == 1, (ws["B7"].value, ws["B8"].value)
for path in sys.argv[1:]:
    for s in openpyxl.load_workbook(path).worksheets:
        for row in s.iter_rows():
            for x in row:
                if isinstance(x.value, float) and "%" in x.number_format:
                    assert x.value == round(x.value, 4), (path, s.title, x.coordinate, repr(x.value))
PY
ok "xlsx: valid 2 of 3 counted = 0.6667 exactly (1 paper waiting, named); no float noise"

# Every other sheet, through openpyxl itself: "name!cell type value" lines.
/usr/bin/python3 - "$dir/report.xlsx" >"$dir/sheets.txt" <<'PY' || fail "openpyxl: sheets"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("sheets " + " ".join(ws.title for ws in wb.worksheets))
for ws in wb.worksheets[1:]:
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                v = c.value
                if isinstance(v, float) and v == int(v):
                    v = int(v)
                print("%s!%s %s %s" % (ws.title, c.coordinate, c.number_format, v))
PY
sh_has() { grep -qxF "$1" "$dir/sheets.txt" || fail "no '$1' in the workbook"; }
sh_has "sheets 概况 Q1 Q2 Q3 Q4 Q5.1 Q5.2 Q6 X1 X2 X3 X4 原始数据"
ok "xlsx: the sheets, one per question (a grid's per item), one per cross-tab, the raw answers"

# Q2, the multiple choice: of 18 respondents and of 30 mentions.
sh_has "Q2!A1 General 2. 您需要哪些服务"
sh_has "Q2!C4 General 占回答人数"
sh_has "Q2!D4 General 占回答次数"
sh_has "Q2!A5 General 养老"
sh_has "Q2!B5 0 11"
sh_has "Q2!C5 0.00% 0.6111"
sh_has "Q2!D5 0.00% 0.3667"
sh_has "Q2!A8 General 其他"
sh_has "Q2!B8 0 2"
sh_has "Q2!C8 0.00% 0.1111"
sh_has "Q2!D8 0.00% 0.0667"
sh_has "Q2!A10 General 修路"
sh_has "Q2!A11 General 家政"
grep -q '^Q2!A3 General .*18.*30' "$dir/sheets.txt" || fail "Q2 does not name its 18 respondents and 30 mentions"
ok "xlsx Q2: 养老 11 = 61.11% of respondents, 36.67% of mentions; other texts listed"

# Q4: skip logic, a base of 4. Q3: the scale's mean.
grep -q '^Q4!A3 General .* 4 .* 3 ' "$dir/sheets.txt" || fail "Q4's base is not 4 with 3 answered"
grep -q '^Q3!A3 General .*2\.32' "$dir/sheets.txt" || fail "Q3's mean score 2.32 is not said"
sh_has "Q3!B8 0 1"
sh_has "Q3!C8 0.00% 0.05"
ok "xlsx Q3, Q4: the no-answer line, the mean score 2.32, the base 4 of a question asked of few"

# X2: sat × sex, counts and column percentages, the papers of each column.
sh_has "X2!A1 General 3. 您对社区服务满意吗 × 您的性别"
sh_has "X2!B4 General 男"
sh_has "X2!D4 General 女"
sh_has "X2!F4 General 合计"
sh_has "X2!B5 0 4"
sh_has "X2!C5 0.00% 0.5"
sh_has "X2!D5 0 6"
sh_has "X2!E5 0.00% 0.5455"
sh_has "X2!F5 0 10"
sh_has "X2!G5 0.00% 0.5263"
sh_has "X2!D7 0 2"
sh_has "X2!E7 0.00% 0.1818"
sh_has "X2!B8 0 8"
sh_has "X2!D8 0 11"
sh_has "X2!F8 0 19"
sh_has "X2!C8 0.00% 1"
sh_has "X2!G8 0.00% 1"
ok "xlsx X2: 满意 男 4 (50.00%), 女 6 (54.55%), total 10 (52.63%); columns of 8, 11, 19 at 0.00%"

# The raw answers: the 20 valid papers (1-20), no proxy's name, no respondent;
# the serial as text, "0001", as on the paper.
rows=$(grep -c '^原始数据!A[0-9]* @ [0-9][0-9][0-9][0-9]$' "$dir/sheets.txt")
[ "$rows" -eq 20 ] || fail "raw answers: $rows papers, not 20"
sh_has "原始数据!A4 @ 0001"
sh_has "原始数据!A23 @ 0020"
grep -q '^原始数据!A[0-9]* @ 002[12]$' "$dir/sheets.txt" && fail "an invalid paper is in the raw answers"
grep -q '王芳' "$dir/sheets.txt" && fail "the proxy's name is in the workbook"
grep -q '^原始数据!.* 修路$' "$dir/sheets.txt" || fail "raw answers: no other text"
ok "xlsx raw answers: the 20 valid papers, serials 0001-0020 as text, no proxy's name"

# The CSV (UTF-8 with BOM): question, option, n, %, % of mentions, mean, by-columns.
csv=$dir/report.csv
head -c 3 "$csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "csv: no BOM"
tr -d '\r' <"$csv" >"$dir/csv.txt"
c_has() { grep -qxF "$1" "$dir/csv.txt" || fail "csv: no '$1' in $(cat "$dir/csv.txt")"; }
c_has "1. 您的性别,基数,20,,,,,,,,,"
c_has "2. 您需要哪些服务,基数,20,,,,7,,11,,18,"
c_has "3. 您对社区服务满意吗,基数,20,,,,8,,11,,19,"
c_has "2. 您需要哪些服务,养老,11,61.11%,36.67%,,5,71.43%,6,54.55%,11,61.11%"
c_has "3. 您对社区服务满意吗,满意,10,50.00%,,,4,50.00%,6,54.55%,10,52.63%"
c_has "3. 您对社区服务满意吗,平均,19,,,2.32,,,,,,"
c_has "4. 不满意的原因,基数,4,,,,,,,,,"
c_has "4. 不满意的原因,已回答,3,75.00%,,,,,,,,"
c_has "4. 不满意的原因,未回答,1,25.00%,,,,,,,,"
c_has "6. 家中儿童人数,已回答,18,90.00%,,,,,,,,"
c_has "6. 家中儿童人数,平均,18,,,1.17,,,,,,"
ok "csv: the same figures, each column's base on the base row, a text's answered / not answered, the cross-tab's cells after each line"

# The PDF's text.
pdftotext -layout "$dir/report.pdf" "$dir/pdf.txt" || fail "pdftotext"
for w in 社区服务测试调查 回收率 有效率 61.11% 36.67% 88.00% 90.91% 修路 太远 2.32; do
	grep -q -- "$w" "$dir/pdf.txt" || fail "pdf: no $w"
done
pages=$(pdfinfo "$dir/report.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 2 ] || fail "pdf: $pages pages"
ok "pdf: title, rates with their names, percentages, other texts, means ($pages pages)"
