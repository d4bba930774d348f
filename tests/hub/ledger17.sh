#!/bin/sh
# Issue 17, `yizhan hub ledger`: the stations' ledger files made at the
# district hub (run under tests/lib/with-postgres). Two demo stations (DEMO01
# and DEMO02) synced to a private hub; the hub's admin, on a workstation with
# no station, exports the case register of a month: each station's rows are
# there, station column first, with the same cells the station's own export
# has for what the stations share (number, dates, item, line, promised date,
# closing, result, on time, rating; the applicant when the form shares it);
# --station narrows to one; xlsx opens with openpyxl (Debian's
# python3-openpyxl) with the station column first; a residents ledger is
# refused in words (the registry stays at each station); a station's own
# hub login is refused. Ledgers the hub publishes (the stations' sync takes
# them; the hub's commands read them from the hub) at the stations and the
# hub alike: a form's shared fields and
# the forwards are the same cells at the hub; the dibao ledger's latest.* is
# answered at the hub by the applicant's ID number and lists the same
# households; a department's answer at the hub is in the hub's forwards
# ledger before the station syncs; a district ledger replaces the installed
# one of the same name.
# Usage: with-postgres sh ledger17.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/common.sh"
home=$(mktemp -d "${TMPDIR:-/tmp}/yzledger.XXXXXX")
trap 'rm -rf "$home"' EXIT
admin=$home/admin
mkdir "$admin"

# --- two stations, synced --------------------------------------------------------
demo_station "$home/st1"
code1=$code
mkdir "$home/st2"
# A yizhan.conf written first keeps its station code (init --demo leaves it).
printf 'station_code = DEMO02\nstation_name = 第二社区服务站\n' >"$home/st2/yizhan.conf"
demo_station "$home/st2"
code2=$code
[ "$code1" = DEMO01 ] && [ "$code2" = DEMO02 ] || fail "station codes $code1 $code2"

"$yz" hub init --url "$YZ_PG_URL" --home "$admin" >/dev/null || fail "hub init"
for i in 1 2; do
	c=$([ "$i" = 1 ] && echo "$code1" || echo "$code2")
	"$yz" hub station add "$c" "站$i" --url "$YZ_PG_URL" --home "$admin" >>"$home/st$i/yizhan.conf" ||
		fail "hub station add $c"
	out=$("$yz" sync --format tsv --home "$home/st$i") || fail "sync st$i: $out"
	[ "$(field "$out" waiting)" = 0 ] || fail "st$i still waits: $out"
done
ok "stations $code1 and $code2 synced to the hub"

# The month with the most cases at station 1.
month=$(sqlite3 "$home/st1/station.db" "SELECT substr(accepted_date, 1, 7) FROM cases
	GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
[ -n "$month" ] || fail "no month"

# --- the stations' own exports and the hub's ---------------------------------------
for i in 1 2; do
	"$yz" ledger export case_register --month "$month" --format csv-utf8 \
		--out "$home/st$i.csv" --home "$home/st$i" >/dev/null || fail "station $i's export"
done
out=$("$yz" hub ledger export case_register --month "$month" --format csv-utf8 \
	--out "$home/hub.csv" --url "$YZ_PG_URL" --home "$admin") || fail "hub export: $out"
echo "$out" | grep -q "^Written: $home/hub.csv (" || fail "hub export said: $out"

# Compare: the shared columns of each station's rows, station column first at
# the hub. The applicant's name and ID number must agree where the hub has
# them (a form that shares its applicant), and some must be there.
cat >"$home/cmp.py" <<'PY'
import csv, sys
def rows(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
shared = ['受理编号', '受理日期', '事项', '业务线', '承诺办结日期', '办结日期',
          '办理结果', '是否按时', '评价']
hh, hub = rows(sys.argv[1])
assert hh[0] == '服务站', 'first column: %r' % hh[0]
assert hh[1:] == rows(sys.argv[2])[0], 'hub header %r' % hh
named = 0
for code, path in [(sys.argv[3], sys.argv[2]), (sys.argv[5], sys.argv[4])]:
    sh, st = rows(path)
    st = [r for r in st if r[0].isdigit()]
    mine = [r[1:] for r in hub if r[0].startswith(code + ' ') and r[1].isdigit()]
    assert len(mine) == len(st), '%s: hub %d rows, station %d' % (code, len(mine), len(st))
    by_no = {r[sh.index('受理编号')]: r for r in st}
    for r in mine:
        s = by_no[r[sh.index('受理编号')]]
        for c in shared:
            i = sh.index(c)
            assert r[i] == s[i], '%s %s: %s hub %r station %r' % (code, s[1], c, r[i], s[i])
        for c in ('申请人', '身份证号'):
            i = sh.index(c)
            if r[i]:
                named += 1
                assert r[i] == s[i], '%s %s: %s %r %r' % (code, s[1], c, r[i], s[i])
    print(code, len(mine))
assert named > 0, 'no applicant at the hub'
others = [r for r in hub if r[1] and r[1].isdigit() and not (r[0].startswith(sys.argv[3] + ' ') or r[0].startswith(sys.argv[5] + ' '))]
assert not others, 'rows of no station: %r' % others[:2]
PY
counts=$(python3 "$home/cmp.py" "$home/hub.csv" "$home/st1.csv" "$code1" "$home/st2.csv" "$code2") ||
	fail "the hub's case register differs from the stations'"
n1=$(echo "$counts" | awk -v c="$code1" '$1 == c { print $2 }')
n2=$(echo "$counts" | awk -v c="$code2" '$1 == c { print $2 }')
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] || fail "rows: $counts"
ok "hub case register for $month: $n1 rows of $code1, $n2 of $code2, as each station's own"

# --- one station ------------------------------------------------------------------
"$yz" hub ledger export case_register --month "$month" --station "$code2" --format csv-utf8 \
	--out "$home/hub2.csv" --url "$YZ_PG_URL" --home "$admin" >/dev/null || fail "--station"
python3 - "$home/hub2.csv" "$code2" "$n2" <<'PY' || fail "--station $code2 is not only its rows"
import csv, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    r = [x for x in list(csv.reader(f))[1:] if x[1].isdigit()]
assert len(r) == int(sys.argv[3]), len(r)
assert all(x[0].startswith(sys.argv[2] + ' ') for x in r)
PY
set +e
msg=$("$yz" hub ledger export case_register --month "$month" --station NOSUCH \
	--url "$YZ_PG_URL" --home "$admin" 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] && echo "$msg" | grep -q "no station NOSUCH" || fail "unknown station: $rc $msg"
ok "--station $code2: its $n2 rows only; an unknown station is said so"

# --- xlsx ---------------------------------------------------------------------------
"$yz" hub ledger export case_register --month "$month" --out "$home/hub.xlsx" \
	--url "$YZ_PG_URL" --home "$admin" >/dev/null || fail "xlsx export"
/usr/bin/python3 - "$home/hub.xlsx" "$code1" "$code2" "$((n1 + n2))" <<'PY' || fail "the xlsx"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
head = next(i for i, r in enumerate(rows) if r[0] == '服务站')
assert rows[head][2] == '受理编号', rows[head]
data = [r for r in rows[head + 1:] if isinstance(r[1], (int, float))]
assert len(data) == int(sys.argv[4]), (len(data), sys.argv[4])
stations = [r[0].split(' ')[0] for r in data]
assert stations == sorted(stations) and set(stations) == {sys.argv[2], sys.argv[3]}, set(stations)
PY
ok "xlsx opens with openpyxl: header 服务站 first, $((n1 + n2)) rows by station"

# --- what the hub cannot make ----------------------------------------------------------
set +e
msg=$("$yz" hub ledger export disabled --month "$month" --url "$YZ_PG_URL" --home "$admin" 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] || fail "residents ledger: exit $rc ($msg)"
echo "$msg" | grep -q "registry" || fail "residents ledger refused without why: $msg"
[ ! -e "$admin/"*disabled* ] 2>/dev/null || fail "a file was written"
list=$("$yz" hub ledger list --url "$YZ_PG_URL" --home "$admin") || fail "hub ledger list"
echo "$list" | grep -q "^case_register .*at the hub$" || fail "list: $list"
echo "$list" | grep -q "^disabled .*stations only$" || fail "list: $list"
ok "a residents ledger is refused (the registry stays at each station); list says which"

# --- a station's login is refused ------------------------------------------------------
# (its password is in the station's yizhan.conf: no way round the station's
# head-only, audited ledgers)
set +e
msg=$("$yz" hub ledger export case_register --month "$month" --format csv-utf8 \
	--out "$home/own.csv" --home "$home/st1" 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] && echo "$msg" | grep -q "for the hub's admin login only" && [ ! -e "$home/own.csv" ] ||
	fail "a station's login: $rc $msg"
ok "$code1's own hub login is refused (the station's ledgers are yizhan ledger there)"

# --- shared fields and forwards: a ledger of the district's, at the stations too -----------
# The same file in each station's district folder (where the sync puts the
# district's ledgers) and the admin's: the fields the form shares are at the
# hub as at the station; forwards with their departments' answers.
cat >"$home/shared17.ledger" <<'LEDGER'
ledger shared17
    title 低保申请共享字段
    source cases
    forms subsistence_allowance
    period case.accepted
    sort number

column no
    label 序号
    format seq

column number
    label 受理编号
    value case.number
    format id

column hukou
    label 户口类型
    value hukou_type

column reason
    label 申请原因
    value reason

column size
    label 家庭人口
    value household_size
    format integer
    total sum

column per_capita
    label 人均月收入
    value per_capita
    format money

column vehicle
    label 机动车
    value vehicle
LEDGER
cat >"$home/fwd17.ledger" <<'LEDGER'
ledger fwd17
    title 移交台账
    source forwards
    sort number sent

column no
    label 序号
    format seq

column number
    label 受理编号
    value case.number
    format id

column dept
    label 部门
    value forward.department

column sent
    label 移交日期
    value forward.sent

column due
    label 答复期限
    value forward.due

column result
    label 部门意见
    value forward.result

column answered
    label 答复日期
    value forward.result_date
LEDGER
# published by the hub's admin; the stations take them with their sync
"$yz" hub publish "$home/shared17.ledger" "$home/fwd17.ledger" --url "$YZ_PG_URL" \
	--home "$admin" >/dev/null || fail "publish the ledgers"
for i in 1 2; do
	"$yz" sync --home "$home/st$i" >/dev/null || fail "sync st$i takes the ledgers"
	[ -f "$home/st$i/district/forms/ledgers/fwd17.ledger" ] || fail "st$i has no fwd17.ledger"
done
year=${month%-*}
cat >"$home/cmp2.py" <<'PY'
import csv, sys
def rows(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        r = list(csv.reader(f))
    return r[0], [x for x in r[1:] if x[0].isdigit() or (len(x) > 1 and x[1].isdigit())]
hh, hub = rows(sys.argv[1])
total = 0
for code, path in [(sys.argv[3], sys.argv[2]), (sys.argv[5], sys.argv[4])]:
    sh, st = rows(path)
    mine = [r[1:] for r in hub if r[0].startswith(code + ' ')]
    # the seq column differs (numbered over the district): compare the rest
    a = sorted(r[1:] for r in mine)
    b = sorted(r[1:] for r in st)
    assert a == b, '%s:\nhub     %r\nstation %r' % (code, a[:3], b[:3])
    total += len(a)
# the first column after the number (a shared field, the department) is there
assert any(r[3] for r in hub), 'column %s empty at the hub' % hh[3]
print(total)
PY
for l in shared17 fwd17; do
	for i in 1 2; do
		"$yz" ledger export "$l" --year "$year" --format csv-utf8 --out "$home/$l-st$i.csv" \
			--home "$home/st$i" >/dev/null || fail "station $i's $l"
	done
	"$yz" hub ledger export "$l" --year "$year" --format csv-utf8 --out "$home/$l-hub.csv" \
		--url "$YZ_PG_URL" --home "$admin" >/dev/null || fail "hub $l"
	rows=$(python3 "$home/cmp2.py" "$home/$l-hub.csv" "$home/$l-st1.csv" "$code1" \
		"$home/$l-st2.csv" "$code2") || fail "$l: the hub's differs from the stations'"
	[ "$rows" -gt 0 ] || fail "$l: no rows"
	eval "rows_$l=$rows"
done
grep -q '[0-9]' "$home/shared17-hub.csv" || fail "no figures"
ok "$year: shared fields ($rows_shared17 rows) and forwards ($rows_fwd17 rows) at the hub as at the stations"

# latest.<form> at the hub: by the shared applicant's ID number within a
# station. The dibao ledger (where latest.subsistence_allowance = "批准")
# lists at the hub the households each station lists, with the same cells
# for what the form shares.
for i in 1 2; do
	"$yz" ledger export dibao --year "$year" --format csv-utf8 --out "$home/dibao-st$i.csv" \
		--home "$home/st$i" >/dev/null || fail "station $i's dibao"
done
"$yz" hub ledger export dibao --year "$year" --format csv-utf8 --out "$home/dibao-hub.csv" \
	--url "$YZ_PG_URL" --home "$admin" >/dev/null || fail "hub dibao"
dibao=$(python3 - "$home/dibao-hub.csv" "$home/dibao-st1.csv" "$code1" "$home/dibao-st2.csv" \
	"$code2" <<'PY'
import csv, sys
def rows(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
cols = ['户主姓名', '身份证号', '困难原因', '家庭人口', '人均月收入', '批准日期', '办件编号']
hh, hub = rows(sys.argv[1])
total = 0
for code, path in [(sys.argv[3], sys.argv[2]), (sys.argv[5], sys.argv[4])]:
    sh, st = rows(path)
    st = [r for r in st if r[0].isdigit()]
    mine = [r[1:] for r in hub if r[0].startswith(code + ' ') and r[1].isdigit()]
    pick = lambda r: [r[sh.index(c)] for c in cols]
    a, b = sorted(map(pick, mine)), sorted(map(pick, st))
    assert a == b, '%s:\nhub     %r\nstation %r' % (code, a[:2], b[:2])
    total += len(a)
print(total)
PY
) || fail "dibao: the hub's differs from the stations'"
[ "$dibao" -gt 0 ] || fail "dibao: no household in $year"
ok "latest.* at the hub: the dibao ledger lists the stations' $dibao households, as they do"

# A department's answer made at the hub counts before the station syncs it.
row=$(sqlite3 "$home/st1/station.db" "SELECT c.number, f.department FROM case_forwards f
	JOIN cases c ON c.id = f.case_id WHERE f.result = '' AND f.sent_date LIKE '$year-%'
	ORDER BY f.id LIMIT 1")
case_no=${row%%|*}
dept=${row#*|}
[ -n "$case_no" ] || fail "no open forward in $year"
"$yz" hub dept add JDSW "$dept" --url "$YZ_PG_URL" --home "$admin" >"$home/dept.conf" ||
	fail "hub dept add"
mkdir "$home/dept" && mv "$home/dept.conf" "$home/dept/yizhan.conf"
"$yz" hub answer "$code1" "$case_no" "已办结，符合条件" --date "$year-12-01" --home "$home/dept" ||
	fail "hub answer"
"$yz" hub ledger export fwd17 --year "$year" --station "$code1" --format csv-utf8 \
	--out "$home/fwd-answered.csv" --url "$YZ_PG_URL" --home "$admin" >/dev/null || fail "fwd17 again"
# (a code's cell is written after a tab in CSV: Excel keeps it text)
grep -q "^$code1 [^,]*,[0-9]*,.\{0,1\}$case_no,.*,已办结，符合条件,$year-12-01" "$home/fwd-answered.csv" ||
	fail "the answer at the hub is not in the forwards ledger: $(grep "$case_no" "$home/fwd-answered.csv")"
ok "a department's answer at the hub ($case_no) is in the hub's forwards ledger before the station syncs"

# --- a ledger the district published replaces the station's ---------------------------
mkdir -p "$home/pub"
sed 's/title 办件登记簿/title 区汇总办件登记簿/' "$(dirname "$0")/../../forms/ledgers/case_register.ledger" \
	>"$home/pub/case_register.ledger"
"$yz" hub publish "$home/pub/case_register.ledger" --url "$YZ_PG_URL" --home "$admin" >/dev/null ||
	fail "publish case_register"
[ ! -e "$admin/district" ] || fail "the hub's commands wrote into the admin's district folder"
"$yz" hub ledger list --url "$YZ_PG_URL" --home "$admin" | grep -q "^case_register .*区汇总办件登记簿" ||
	fail "the district's ledger does not replace the installed one at the hub"
"$yz" sync --home "$home/st1" >/dev/null || fail "sync st1 takes case_register"
"$yz" ledger list --home "$home/st1" | grep -q "区汇总办件登记簿" ||
	fail "the district's ledger does not replace the installed one at the station"
ok "a ledger the district published replaces the installed one of the same name, at the hub and at the station"

echo "1..$n"
