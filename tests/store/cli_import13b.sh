#!/bin/sh
# The review of `yizhan residents import` (issue 13), as the clerk runs it:
# a rejects file named like the file being imported is refused and the file
# stays; the rejects file of an earlier import, imported again, is kept and
# its own rejects go elsewhere; on the demo station, moving the head of
# 000001 into 000002 by --update is a reject naming 000002's head, and moved
# as a child he leaves 000001 without a head and 000002 with one; counts in
# English are in the singular or plural. Usage: cli_import13b.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # the test works in its own folder
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL || true
. "$(dirname "$0")/cli_common.sh"

home=$(mktemp -d "${TMPDIR:-/tmp}/yzimp13b.XXXXXX")
trap 'rm -rf "$home"' EXIT
new_station "$home/st"
cd "$home"

a=$(idno 33010619800102101)
b=$(idno 33010619810203102)
head='户编号,身份证号,姓名,民族,联系电话,人员类别,就业状况,户籍地址,居住地址,与户主关系,备注'
printf '\357\273\277%s\r\n' "$head" >self.csv
printf ',%s,张三,汉族,13900000001,,,,,,\r\n' "$a" >>self.csv
printf ',%s,李四,汉族,12ab,,,,,,\r\n' "$b" >>self.csv
cp self.csv self.orig

set +e
out=$("$yz" residents import self.csv --rejects self.csv --home "$home/st" 2>&1)
rc=$?
set -e
[ $rc -eq 1 ] || fail "import self.csv --rejects self.csv exited $rc: $out"
echo "$out" | grep -q 'self.csv 就是要导入的文件' || fail "the refusal said: $out"
cmp -s self.csv self.orig || fail "self.csv changed or is gone"
[ "$(sqlite3 st/station.db 'SELECT count(*) FROM residents')" = 0 ] || fail "rows went in"
ok "--rejects naming the file being imported: refused in plain words, the file kept"

set +e
out=$("$yz" residents import self.csv --home "$home/st")
rc=$?
set -e
[ $rc -eq 3 ] || fail "import with a reject exited $rc: $out"
mode=$(stat -c %a self.csv.rejects.csv)
[ "$mode" = 640 ] || fail "the rejects file is mode $mode"
cp self.csv.rejects.csv rej.orig
set +e
out=$("$yz" residents import self.csv.rejects.csv --rejects self.csv.rejects.csv \
	--home "$home/st" 2>&1)
rc=$?
set -e
[ $rc -eq 1 ] || fail "re-import with itself as rejects exited $rc: $out"
cmp -s self.csv.rejects.csv rej.orig || fail "the rejects file changed or is gone"

# Without --rejects the rejects of a rejects file go beside it, not over it.
set +e
out=$("$yz" residents import self.csv.rejects.csv --home "$home/st")
rc=$?
set -e
[ $rc -eq 3 ] || fail "re-import of the uncorrected rejects exited $rc: $out"
echo "$out" | grep -q 'self.csv.rejects.csv.rejects.csv' || fail "rejects named: $out"
cmp -s self.csv.rejects.csv rej.orig || fail "the imported rejects file changed"
grep -q '第 2 行，联系电话' self.csv.rejects.csv.rejects.csv || fail "its rejects: $(cat self.csv.rejects.csv.rejects.csv)"
[ -z "$(ls | grep -v -e '^st$' -e '^self' -e '^rej.orig$')" ] || fail "stray files: $(ls)"
[ "$(ls | grep -c '^self')" = 4 ] || fail "files: $(ls)"
ok "the rejects file imported again is kept; its own rejects go to FILE.rejects.csv"

# An import that fails before reading keeps the old rejects file.
set +e
"$yz" residents import self.csv --encoding latin1 --home "$home/st" >/dev/null 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || fail "an unknown encoding exited $rc"
cmp -s self.csv.rejects.csv rej.orig || fail "a failed import removed the rejects file"
ok "a failed import keeps the old rejects file"

# The review's case on the demo station.
"$yz" --home "$home/demo" init --demo >/dev/null || fail "init --demo"
map_admin "$home/demo"
"$yz" --home "$home/demo" residents export e.csv >/dev/null
db=demo/station.db
shi=$(sqlite3 $db "SELECT id FROM residents WHERE name = '石华博'")
mao=$(sqlite3 $db "SELECT id FROM residents WHERE name = '毛立铭'")
[ "$(sqlite3 $db "SELECT head_id FROM households WHERE code = '000001'")" = "$shi" ] ||
	fail "the demo's 000001 is not headed by 石华博"
[ "$(sqlite3 $db "SELECT head_id FROM households WHERE code = '000002'")" = "$mao" ] ||
	fail "the demo's 000002 is not headed by 毛立铭"
grep '石华博' e.csv | sed 's/^	000001,/	000002,/' >moved.body
{ head -1 e.csv; cat moved.body; } >moved.csv
set +e
out=$("$yz" --home "$home/demo" residents import moved.csv --update)
rc=$?
set -e
[ $rc -eq 3 ] || fail "moving the head exited $rc: $out"
grep -q '第 2 行，户编号：户编号 000002 已有户主 毛立铭' moved.csv.rejects.csv ||
	fail "the reject: $(cat moved.csv.rejects.csv)"
[ "$(sqlite3 $db "SELECT head_id FROM households WHERE code = '000001'")" = "$shi" ] ||
	fail "000001 lost its head"
ok "--update: a second head for a household is a reject naming its head"

{ head -1 e.csv; sed 's/,户主,/,子女,/' moved.body; } >moved.csv
out=$("$yz" --home "$home/demo" residents import moved.csv --update) || fail "moved as a child: $out"
[ "$(sqlite3 $db "SELECT coalesce(head_id, 'none') FROM households WHERE code = '000001'")" = none ] ||
	fail "000001 is still headed by a resident who left"
[ "$(sqlite3 $db "SELECT head_id FROM households WHERE code = '000002'")" = "$mao" ] ||
	fail "000002 changed head"
[ "$(sqlite3 $db "SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id
	WHERE h.code = '000002' AND r.relation = '户主'")" = 1 ] || fail "000002 has two heads"
[ "$(sqlite3 $db "SELECT old || '>' || new FROM registry_history WHERE entity = 'household'
	AND field = 'head_id' ORDER BY id DESC LIMIT 1")" = "$shi>0" ] || fail "no history of the head"
ok "--update: a head who moves out leaves the household without one, in the history"

# English counts: one row, two rows.
export LANG=C.UTF-8 LANGUAGE=en
printf '\357\273\277%s\r\n,%s,王五,汉族,13900000003,,,,,,\r\n' "$head" "$(idno 33010619820304103)" >one.csv
out=$("$yz" residents import one.csv --home "$home/st") || fail "one row: $out"
echo "$out" | grep -q ': 1 row read, 1 imported, 0 rejected' || fail "one row said: $out"
set +e
out=$("$yz" residents import self.csv --home "$home/st")
set -e
echo "$out" | grep -q ': 2 rows read, 0 imported, 2 rejected' || fail "two rows said: $out"
out=$("$yz" residents import one.csv --update --home "$home/st") || fail "one row --update: $out"
echo "$out" | grep -q ': 1 row read, 0 added, 0 updated, 1 unchanged, 0 rejected' ||
	fail "one row --update said: $out"
out=$("$yz" residents export x.csv --home "$home/st") || fail "export: $out"
echo "$out" | grep -q '^2 residents written' || fail "export said: $out"
new_station "$home/st3"
"$yz" residents import one.csv --home "$home/st3" >/dev/null || fail "one row into st3"
out=$("$yz" residents export y.csv --home "$home/st3") || fail "export: $out"
echo "$out" | grep -q '^1 resident written' || fail "export of one said: $out"
ok "English counts: 1 row, 2 rows; 1 resident, 2 residents"
