#!/bin/sh
# Issue 17, `yizhan hub …` against the private PostgreSQL of
# tests/lib/with-postgres (YZ_PG_URL, PGPASSWORD for its admin): init and
# init again; station add and dept add print the lines of a yizhan.conf, and
# those lines work; status before and after a station's batch (pushed by
# hub_push_rows, through the hub module as `yizhan sync` does); the hub's
# digest equals sha256sum of the same rows; a department's inbox (by due
# date, overdue marked) read with its own yizhan.conf; its answer, once, and
# what the station's role then reads; refusals in words.
# Usage (from meson, under with-postgres): cli_hub17.sh PATH/TO/yizhan PATH/TO/hub_push_rows
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
push=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(dirname "$0")/common.sh"
home=$(mktemp -d "${TMPDIR:-/tmp}/yzhub.XXXXXX")
trap 'rm -rf "$home"' EXIT
mkdir "$home/admin" "$home/dh" "$home/mz"
# Runs yizhan; sets out, err and rc.
run() {
	set +e
	out=$("$yz" "$@" 2>"$home/err")
	rc=$?
	set -e
	err=$(cat "$home/err")
}

# ---- the admin -------------------------------------------------------------
run hub init --url "$YZ_PG_URL" --home "$home/admin"
[ $rc -eq 0 ] && [ "$out" = "Created the hub's schema, version 2." ] || fail "init: $rc $out $err"
run hub init "$YZ_PG_URL" --home "$home/admin"
[ $rc -eq 0 ] && [ "$out" = "The hub's schema is up to date, version 2." ] ||
	fail "init again: $rc $out $err"
ok "hub init creates the schema, then finds it up to date"

run hub status --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "which hub?" || fail "no hub: $rc $err"
run hub init --home "$home/admin" --nonsense
[ $rc -eq 2 ] && echo "$err" | grep -q 'unknown option "--nonsense"' || fail "option: $rc $err"
ok "no hub named, or a bad option: refused in words"

export YIZHAN_HUB_URL="$YZ_PG_URL"
run hub station add DH 东湖社区服务站 --home "$home/admin"
[ $rc -eq 0 ] || fail "station add: $rc $err"
echo "$out" | grep -q '^# yizhan.conf of station DH (东湖社区服务站)' || fail "comment: $out"
st_url=$(echo "$out" | sed -n 's/^hub = //p')
st_pw=$(echo "$out" | sed -n 's/^hub_password = //p')
case "$st_url" in postgresql://yz_s_dh@*yizhan_hub*) ;; *) fail "station URL: $out" ;; esac
echo "$st_pw" | grep -Eq '^[A-Za-z0-9]{24}$' || fail "password: $st_pw"
[ "$(echo "$out" | grep -vc '^#')" -eq 2 ] || fail "two lines: $out"
echo "$out" >"$home/dh/yizhan.conf"
ok "station add prints hub = and hub_password = for the station's yizhan.conf"

run hub dept add MZ 民政科 --home "$home/admin"
[ $rc -eq 0 ] || fail "dept add: $rc $err"
echo "$out" | grep -q '^hub = postgresql://yz_d_mz@' || fail "dept URL: $out"
echo "$out" | grep -q '^hub_dept = MZ$' || fail "hub_dept: $out"
echo "$out" >"$home/mz/yizhan.conf"
run hub dept add RS 人社所 --home "$home/admin"
[ $rc -eq 0 ] || fail "dept add RS: $rc $err"
ok "dept add prints hub =, hub_password = and hub_dept ="

run hub station add DH again --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "already has a station DH" || fail "twice: $rc $err"
run hub station add dh-1 x --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "capital letters and digits" || fail "bad code: $rc $err"
run hub station add DH --home "$home/admin"
[ $rc -eq 2 ] && echo "$err" | grep -q "Usage: yizhan hub station add" || fail "usage: $rc $err"
ok "a station twice, a bad code, a missing name: refused"

run hub status --format tsv --home "$home/admin"
[ $rc -eq 0 ] && [ "$out" = "$(printf 'DH\t东湖社区服务站\t\t0\t0')" ] || fail "status: $rc [$out] $err"
ok "status before any sync: never synced, nothing waiting"

# ---- a station's batch ---------------------------------------------------------
tab=$(printf '\t')
cat >"$home/rows" <<EOF
1${tab}case${tab}DH-2026-000001${tab}{"number":"DH-2026-000001","item":"低保申请"}
2${tab}case${tab}DH-2026-000002${tab}{"number":"DH-2026-000002","item":"高龄津贴"}
3${tab}case${tab}DH-2026-000003${tab}{"number":"DH-2026-000003","item":"临时救助"}
4${tab}forward${tab}DH-2026-000001/00000001${tab}{"case":"DH-2026-000001","id":1,"department":"民政科","sent":"2026-01-02","due":"2099-12-31","result":""}
5${tab}forward${tab}DH-2026-000002/00000002${tab}{"case":"DH-2026-000002","id":2,"department":"民政科","sent":"2019-12-20","due":"2020-01-01","result":""}
6${tab}forward${tab}DH-2026-000003/00000003${tab}{"case":"DH-2026-000003","id":3,"department":"人社所","sent":"2019-12-20","due":"2020-01-01","result":""}
7${tab}event${tab}DH-2026-000001/0000000001${tab}{"case":"DH-2026-000001","kind":"accepted"}
8${tab}event${tab}DH-2026-000001/0000000002${tab}\N
EOF
acked=$("$push" "$st_url" "$st_pw" DH 42 <"$home/rows") || fail "push"
[ "$acked" = 8 ] || fail "acked $acked"
run hub status --format tsv --home "$home/admin"
echo "$out" | grep -Eq "^DH${tab}东湖社区服务站${tab}20[0-9-]{8}T[0-9:]{8}Z${tab}8${tab}42\$" ||
	fail "status after: $out"
run hub status --home "$home/admin"
echo "$out" | head -n 1 | grep -q "^Station" && echo "$out" | grep -q "^DH " ||
	fail "status text: $out"
ok "status after a batch: last sync, last change 8, 42 waiting"

# The digest as the station computes it: key TAB body LF in key order.
sha() { printf "$1" | sha256sum | cut -d' ' -f1; }
run hub digest DH --home "$home/admin"
[ $rc -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 8 ] || fail "digest: $rc $out $err"
want_case=$(grep "${tab}case${tab}" "$home/rows" | cut -f3,4 | LC_ALL=C sort | sha256sum | cut -d' ' -f1)
echo "$out" | grep -qx "case${tab}3${tab}$want_case" || fail "case digest: $out (want $want_case)"
want_event=$(grep "${tab}event${tab}DH-2026-000001/0000000001" "$home/rows" | cut -f3,4 | sha256sum | cut -d' ' -f1)
echo "$out" | grep -qx "event${tab}1${tab}$want_event" || fail "event digest: $out"
echo "$out" | grep -qx "rating${tab}0${tab}$(sha '')" || fail "empty digest: $out"
ok "digest: per kind the count and sha256sum of the same rows (a deleted one gone)"

# The station's own conf (hub, hub_password) reads its own rows, not others'.
unset YIZHAN_HUB_URL
run hub digest DH --home "$home/dh"
[ $rc -eq 0 ] && echo "$out" | grep -qx "case${tab}3${tab}$want_case" || fail "station digest: $rc $out $err"
ok "the station's yizhan.conf lines connect it"

# ---- the department ------------------------------------------------------------
run hub inbox --format tsv --home "$home/mz"
[ $rc -eq 0 ] || fail "inbox: $rc $err"
want=$(printf 'DH\tDH-2026-000002\tDH-2026-000002/00000002\t高龄津贴\t2019-12-20\t2020-01-01\toverdue\nDH\tDH-2026-000001\tDH-2026-000001/00000001\t低保申请\t2026-01-02\t2099-12-31\topen')
[ "$out" = "$want" ] || fail "inbox: [$out]"
run hub inbox --home "$home/mz"
echo "$out" | grep -q "OVERDUE" && echo "$err" | grep -q "2 forwarded cases wait" ||
	fail "inbox text: $out $err"
ok "the department's inbox: its forwards only, by due date, overdue marked"

run hub answer DH DH-2026-000002 "同意，次月起发放" --date 2026-01-09 --home "$home/mz"
[ $rc -eq 0 ] && echo "$out" | grep -q "Answered case DH-2026-000002 of station DH" ||
	fail "answer: $rc $out $err"
run hub answer DH DH-2026-000002 again --home "$home/mz"
[ $rc -eq 1 ] && echo "$err" | grep -q "is already answered" || fail "answer twice: $rc $err"
run hub answer DH DH-2026-000003 x --home "$home/mz"
[ $rc -eq 1 ] && echo "$err" | grep -q "no open forward to 民政科" || fail "other dept: $rc $err"
run hub answer DH DH-2026-000001 x --date 2026-02-30 --home "$home/mz"
[ $rc -eq 2 ] && echo "$err" | grep -q "2026-02-30 is not a date" || fail "bad date: $rc $err"
ok "answer: once, only its own forwards, a real date"

run hub inbox --all --format tsv --home "$home/mz"
echo "$out" | grep -q "DH-2026-000002/00000002.*${tab}answered\$" || fail "inbox --all: $out"
run hub inbox --format tsv --home "$home/mz"
[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "inbox after answer: $out"
ok "inbox: the answered forward leaves the open list, --all shows it answered"

# The station's role reads the answer; the admin names the department.
got=$(PGPASSWORD=$st_pw psql "$st_url" -Atc "SELECT result || '|' || result_date || '|' || answered_by FROM answers")
[ "$got" = "同意，次月起发放|2026-01-09|yz_d_mz" ] || fail "station reads: $got"
run hub inbox --url "$YZ_PG_URL" --home "$home/admin"
[ $rc -eq 1 ] && echo "$err" | grep -q "not a department's" || fail "admin inbox: $rc $err"
run hub inbox --dept RS --format tsv --url "$YZ_PG_URL" --home "$home/admin"
[ $rc -eq 0 ] && echo "$out" | grep -q "DH-2026-000003/00000003" || fail "admin --dept RS: $rc $out $err"
ok "the station's role reads the answer; the admin reads a named department's inbox"

# A department's login may not register stations; a wrong password is told.
run hub station add XX x --home "$home/mz"
[ $rc -eq 1 ] && echo "$err" | grep -q "Could not register the station" || fail "dept adds station: $rc $err"
sed 's/^hub_password = .*/hub_password = wrong/' "$home/dh/yizhan.conf" >"$home/dh/bad.conf"
mv "$home/dh/bad.conf" "$home/dh/yizhan.conf"
run hub digest DH --home "$home/dh"
[ $rc -eq 1 ] && echo "$err" | grep -q "refused the login" || fail "wrong password: $rc $err"
ok "a department may not register stations; a wrong password is refused in words"

echo "1..$n"
