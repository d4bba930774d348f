#!/bin/sh
# `yizhan residents import` and `export` as the clerk runs them (issue 13), in
# Chinese: a rejects file with the file's own columns and the reasons, which
# imports once corrected as the message says; --update with the registry's
# history; an export whose ID numbers stay text and whose formula-like values
# are quoted, which imports back. Usage: cli_import13.sh PATH/TO/yizhan
set -eu
yz=$1
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL || true
. "$(dirname "$0")/cli_common.sh"

home=$(mktemp -d "${TMPDIR:-/tmp}/yzimp13.XXXXXX")
trap 'rm -rf "$home"' EXIT
new_station "$home/st"

a=$(idno 33010619800102101)
b=$(idno 33010619810203102)
c=$(idno 33010619820304103)
head='户编号,身份证号,姓名,民族,联系电话,人员类别,就业状况,户籍地址,居住地址,与户主关系,备注'
printf '\357\273\277%s\r\n' "$head" >"$home/in.csv"
printf 'H1,%s,张三,汉族,13900000001,,,,杭州市,户主,\r\n' "$a" >>"$home/in.csv"
printf 'H1,%s,李四,汉族,12ab,,,,杭州市,配偶,=1+1\r\n' "$b" >>"$home/in.csv"
printf ',%s,王五,汉族,,,,,,,\r\n' "$c" >>"$home/in.csv"

set +e
out=$("$yz" residents import "$home/in.csv" --home "$home/st")
rc=$?
set -e
[ $rc -eq 3 ] || fail "import with a reject exited $rc: $out"
echo "$out" | grep -q '读取 3 行，导入 2 行，退回 1 行' || fail "import said: $out"
echo "$out" | grep -q "$home/in.csv.rejects.csv" || fail "the rejects file is not named: $out"
rej="$home/in.csv.rejects.csv"
[ "$(head -1 "$rej" | tr -d '\r')" = "$(printf '\357\273\277')$head,退回原因" ] ||
	fail "the rejects file's headings: $(head -1 "$rej")"
grep -q "^	H1,	$b,李四,汉族,	12ab,,,,杭州市,配偶,'=1+1,第 3 行，联系电话：" "$rej" ||
	fail "the rejected row: $(cat "$rej")"
ok "rejects file: the import's columns, the row's cells, the reason in Chinese with row and column"

sed -i 's/12ab/13900000002/' "$rej"
out=$("$yz" residents import "$rej" --home "$home/st") || fail "corrected rejects file: $out"
echo "$out" | grep -q '读取 1 行，导入 1 行，退回 0 行' || fail "re-import said: $out"
ok "the corrected rejects file imports as it is"

printf '\357\273\277%s\r\n,%s,张三,,13900000009,,,,,,已搬家\r\n' "$head" "$a" >"$home/up.csv"
set +e
out=$("$yz" residents import "$home/up.csv" --home "$home/st")
rc=$?
set -e
[ $rc -eq 3 ] || fail "an update without --update exited $rc: $out"
grep -q '已在居民库中登记.*--update' "$home/up.csv.rejects.csv" ||
	fail "no --update hint: $(cat "$home/up.csv.rejects.csv")"
out=$("$yz" residents import "$home/up.csv" --update --home "$home/st") || fail "--update: $out"
echo "$out" | grep -q '读取 1 行，新增 0 行，更新 1 行，无变化 0 行，退回 0 行' || fail "--update said: $out"
hist=$(sqlite3 "$home/st/station.db" "SELECT field || ':' || old || '>' || new FROM resident_history
	WHERE resident_id = (SELECT id FROM residents WHERE idno = '$a') ORDER BY field")
[ "$hist" = "$(printf 'notes:>已搬家\nphone:13900000001>13900000009')" ] || fail "history: $hist"
sqlite3 "$home/st/station.db" "SELECT household_id IS NOT NULL AND address = '' FROM residents
	WHERE idno = '$a'" | grep -qx 1 || fail "an empty cell did not keep the household"
if "$yz" residents export "$home/x.csv" --update --home "$home/st" 2>/dev/null; then
	fail "export --update accepted"
fi
ok "--update: a registered resident is updated, each change in the history; empty cells keep"

"$yz" residents export "$home/e.csv" --home "$home/st" >/dev/null || fail "export"
grep -q "^	H1,	$b,李四,.*,'=1+1$(printf '\r')\$" "$home/e.csv" || fail "export: $(cat "$home/e.csv")"
if tr -d '"' <"$home/e.csv" | grep -Eq '(^|,)[-=+@]'; then
	fail "a cell starts like a formula: $(cat "$home/e.csv")"
fi
new_station "$home/st2"
"$yz" residents import "$home/e.csv" --home "$home/st2" >/dev/null || fail "import of the export"
"$yz" residents export "$home/e2.csv" --home "$home/st2" >/dev/null
cmp -s "$home/e.csv" "$home/e2.csv" || fail "export -> import -> export differs"
ok "export: ID numbers after a tab, formulas quoted; it imports back to the same file"
