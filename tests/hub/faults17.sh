#!/bin/sh
# Issue 17: the faults a station's sync survives, against a real private
# PostgreSQL 15 (run under tests/lib/with-postgres). A demo station joins the
# hub as `yizhan hub station add` tells it to; a department answers at the hub.
# Each fault ends with `yizhan sync` and `yizhan sync --verify`, and the hub is
# checked as its admin: no (station, seq) twice in `changes`, and the hub's
# rows of each kind are the station's (count and SHA-256, `hub digest` against
# `sync --digest`).
#
#   (a) the server stopped (pg_ctl stop -m immediate) while a large backlog
#       goes in small batches: the sync fails with a message, exit 1; the
#       server starts again and the next sync completes
#   (b) the station's sync killed -9 mid-sync
#   (c) the hub restarted between syncs (a clean restart, and a power cut)
#   (d) a case changes at the station while its department answers at the
#       hub: both facts kept, in order, for a case still at the department
#       (the answer moves it on) and one whose result came by phone meanwhile
#       (the answer is noted on its timeline)
#   (e) a station offline for a month: its changes made while the hub is down,
#       then one `yizhan sync` sends the whole backlog
#   (f) the link dropped mid-batch: the station's backend ended on the server
#       (pg_terminate_backend)
#
# Usage: with-postgres faults17.sh PATH/TO/yizhan PATH/TO/faults17_clerk
# Every command runs under timeout(1): the test never hangs.
set -eu
yz=$1
clerk=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/yzfaults.XXXXXX")
bg=
cleanup() {
	[ -n "$bg" ] && kill -KILL "$bg" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/common.sh"
unset YIZHAN_HOME || true
home=$work/station # the demo station
dept=$work/dept    # the department's workstation (民政所)
admin=$work/admin  # the hub's admin: no yizhan.conf, the URL from the environment
mkdir -p "$dept" "$admin"
T() { timeout 120 "$@"; }
yzs() { T "$yz" --home "$home" "$@"; }        # at the station
yzd() { T "$yz" --home "$dept" "$@"; }        # at the department
yza() { T "$yz" --home "$admin" "$@"; }       # the hub's admin
sql() { T psql "$YZ_PG_URL" -XAtq -v ON_ERROR_STOP=1 -c "$1"; } # as the admin
export YIZHAN_HUB_URL="$YZ_PG_URL"

# pg_ctl as the cluster's owner (with-postgres: the postgres user under root).
pgctl() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$YZ_PG_DIR" && runuser -u postgres -- "$YZ_PG_BIN/pg_ctl" -D "$YZ_PG_DIR/data" "$@")
	else
		"$YZ_PG_BIN/pg_ctl" -D "$YZ_PG_DIR/data" "$@"
	fi
}

# A value of `yizhan sync --status` (last_sync, waiting, last_error).
status() { yzs sync --status | awk -F '\t' -v k="$1" '$1 == k { print $2 }'; }
# The highest change the hub holds for the station.
hub_seq() { sql "select coalesce(max(seq), 0) from changes where station = 'DEMO01'"; }

# After a fault: a sync and the verify all ok, nothing waiting, no duplicate at
# the hub, and every kind's rows at the hub the station's (as the admin sees them).
agree() {
	yzs sync --format tsv >"$work/sync.out" 2>"$work/sync.err" ||
		fail "$1: the sync after it failed: $(cat "$work/sync.err")"
	yzs sync --verify >"$work/verify.out" 2>"$work/verify.err" ||
		fail "$1: sync --verify: $(cat "$work/verify.out" "$work/verify.err")"
	[ "$(grep -c '	ok$' "$work/verify.out")" -eq 8 ] ||
		fail "$1: sync --verify does not say ok for the 8 kinds: $(cat "$work/verify.out")"
	! grep -q DIFFERS "$work/verify.out" || fail "$1: $(cat "$work/verify.out")"
	[ "$(status waiting)" = 0 ] || fail "$1: $(status waiting) changes still wait"
	[ -z "$(status last_error)" ] || fail "$1: last_error after a good sync: $(status last_error)"
	dups=$(sql "select count(*) - count(distinct (station, seq)) from changes")
	[ "$dups" = 0 ] || fail "$1: $dups changes twice at the hub"
	yzs sync --digest >"$work/here"
	yza hub digest DEMO01 >"$work/there" || fail "$1: hub digest DEMO01"
	cmp -s "$work/here" "$work/there" ||
		fail "$1: station and hub differ: $(diff "$work/here" "$work/there")"
	for kind in case applicant field event pause forward rating followup; do
		c=$(sql "select count(*) from h_$kind where station = 'DEMO01'")
		h=$(awk -F '\t' -v k="$kind" '$1 == k { print $2 }' "$work/here")
		[ "$c" = "$h" ] || fail "$1: h_$kind holds $c rows, the station $h"
	done
}

# Wait (at most 20 s) until the hub holds more than $1 of the station's changes.
wait_hub_past() {
	i=0
	while [ "$(hub_seq)" -le "$1" ]; do
		i=$((i + 1))
		[ $i -lt 400 ] || fail "the hub got nothing past $1 in 20 s"
		sleep 0.05
	done
}

# ---- the hub, the station and the department ----------------------------------

yza hub init >"$work/init.out" 2>&1 || fail "hub init: $(cat "$work/init.out")"
yzs init --demo >/dev/null || fail "init --demo"
yza hub station add DEMO01 演示社区党群服务中心 >"$work/station.conf" ||
	fail "hub station add"
grep -q '^hub = postgresql://yz_s_demo01@' "$work/station.conf" &&
	grep -q '^hub_password = ' "$work/station.conf" ||
	fail "hub station add printed: $(cat "$work/station.conf")"
cat "$work/station.conf" >>"$home/yizhan.conf"
yza hub dept add MZS 民政所 >"$dept/yizhan.conf" || fail "hub dept add"
grep -q '^hub_dept = MZS' "$dept/yizhan.conf" || fail "hub dept add printed: $(cat "$dept/yizhan.conf")"
agree "the first sync"
[ "$(status waiting)" = 0 ] && [ "$(hub_seq)" -gt 0 ] || fail "the first sync sent nothing"
ok "a demo station joins the hub; its first sync sends its past ($(hub_seq) changes)"

# ---- (a) the server stopped while a large backlog goes in small batches --------

T "$clerk" "$home" churn 1500 >/dev/null || fail "churn"
backlog=$(status waiting)
[ "$backlog" -ge 12000 ] || fail "(a) only $backlog changes wait"
before=$(hub_seq)
timeout 300 "$yz" --home "$home" sync --batch 50 --format tsv >"$work/a.out" 2>"$work/a.err" &
bg=$!
wait_hub_past "$before"
pgctl -m immediate -w -t 60 stop >/dev/null
rc=0
wait "$bg" || rc=$?
bg=
[ "$rc" -eq 1 ] || fail "(a) the sync cut off exited $rc: $(cat "$work/a.out" "$work/a.err")"
[ -s "$work/a.err" ] || fail "(a) the sync failed without a message"
left=$(status waiting)
[ "$left" -gt 0 ] && [ "$left" -lt "$backlog" ] ||
	fail "(a) $left of $backlog wait: the server did not stop mid-backlog"
[ -n "$(status last_error)" ] || fail "(a) last_error not recorded"
rc=0
yzs sync >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "(a) a sync with the server down exited $rc"
"$YZ_PG_CTL" start
agree "(a)"
ok "(a) server stopped at $((backlog - left)) of $backlog changes: exit 1 with \"$(head -n 1 "$work/a.err")\"; after it started again hub and station agree"

# ---- (b) the station's sync killed -9 mid-sync -----------------------------------

T "$clerk" "$home" churn 800 >/dev/null || fail "churn"
backlog=$(status waiting)
before=$(hub_seq)
timeout 300 "$yz" --home "$home" sync --batch 50 >/dev/null 2>&1 &
bg=$!
wait_hub_past "$before"
kill -KILL "$bg"
wait "$bg" 2>/dev/null || true
bg=
left=$(status waiting)
[ "$left" -gt 0 ] || fail "(b) the sync ended before it was killed"
agree "(b)"
ok "(b) sync killed -9 with $left of $backlog changes waiting: the next sync completes"

# ---- (c) the hub restarted between syncs ---------------------------------------------

T "$clerk" "$home" churn 50 >/dev/null || fail "churn"
"$YZ_PG_CTL" restart
agree "(c) restart"
T "$clerk" "$home" churn 50 >/dev/null || fail "churn"
"$YZ_PG_CTL" kill
"$YZ_PG_CTL" start
agree "(c) power cut"
ok "(c) the hub restarted, and killed (a power cut) and started, between syncs"

# ---- (d) a case changes at the station while its department answers at the hub -------

c1=$(T "$clerk" "$home" forward 民政所) || fail "forward"
c2=$(T "$clerk" "$home" forward 民政所) || fail "forward"
agree "(d) forwarded"
yzd hub inbox --format tsv >"$work/inbox" || fail "(d) hub inbox"
grep -q "	$c1	" "$work/inbox" && grep -q "	$c2	" "$work/inbox" ||
	fail "(d) the forwards are not in the department's inbox: $(cat "$work/inbox")"
# The station: c1 goes to another clerk, c2's result comes by phone …
own1=$(T "$clerk" "$home" state "$c1")
T "$clerk" "$home" handover "$c1" || fail "(d) hand over"
T "$clerk" "$home" result "$c2" "电话答复：同意" || fail "(d) result by phone"
# … while the department answers both at the hub.
today=$(date +%F)
yzd hub answer DEMO01 "$c1" "经审核，同意救助" --date "$today" || fail "(d) hub answer $c1"
yzd hub answer DEMO01 "$c2" "经审核，同意" --date "$today" || fail "(d) hub answer $c2"
[ "$(sql "select count(*) from answers where station = 'DEMO01' and case_no in ('$c1', '$c2')")" = 2 ] ||
	fail "(d) the hub does not hold the two answers"
agree "(d) answered"
T "$clerk" "$home" events "$c1" >"$work/ev1"
T "$clerk" "$home" events "$c2" >"$work/ev2"
h1=$(grep -n '^handed_over	' "$work/ev1" | tail -n 1 | cut -d: -f1)
r1=$(grep -n '^dept_result	hub	' "$work/ev1" | cut -d: -f1)
[ -n "$h1" ] && [ -n "$r1" ] && [ "$h1" -lt "$r1" ] ||
	fail "(d) $c1's timeline lacks the hand-over then the hub's result: $(cat "$work/ev1")"
p2=$(grep -n '^dept_result	zhaozhan	电话答复：同意' "$work/ev2" | cut -d: -f1)
a2=$(grep -n '^dept_answer	hub	.*经审核，同意' "$work/ev2" | cut -d: -f1)
[ -n "$p2" ] && [ -n "$a2" ] && [ "$p2" -lt "$a2" ] ||
	fail "(d) $c2's timeline lacks the phoned result then the hub's answer: $(cat "$work/ev2")"
[ "$(grep -c '^dept_result	' "$work/ev2")" -eq 1 ] || fail "(d) $c2's result recorded twice"
# The forwards' results as the station keeps them (the hub's rows are the
# station's: agree checked it): c1 the department's, c2 the phoned one.
res() { sql "select body->>'result' from h_forward where station = 'DEMO01' and case_no = '$1'"; }
[ "$(res "$c1")" = 经审核，同意救助 ] || fail "(d) $c1's forward result: $(res "$c1")"
[ "$(res "$c2")" = 电话答复：同意 ] || fail "(d) $c2's forward result: $(res "$c2")"
# The hub has the station's newer case row of c1: its new owner, past the
# department, as the station has it.
st1=$(T "$clerk" "$home" state "$c1")
[ "$(echo "$st1" | cut -f2)" = 0 ] || fail "(d) $c1 still waits on its forward: $st1"
[ "$(echo "$st1" | cut -f3)" != "$(echo "$own1" | cut -f3)" ] || fail "(d) $c1 kept its owner: $st1"
hub1=$(sql "select (body->>'state') || ' ' || (body->>'owner') from h_case where station = 'DEMO01' and key = '$c1'")
[ "$hub1" = "$(echo "$st1" | cut -f1) $(echo "$st1" | cut -f3)" ] ||
	fail "(d) the hub's row of $c1 is \"$hub1\", the station's $st1"
ok "(d) answered at the hub while the station worked: $c1 handed over then moved on by the answer, $c2's phoned result kept and the answer noted; the hub holds both answers and the newer cases"

# ---- (e) a station offline for a month -------------------------------------------

"$YZ_PG_CTL" stop
T "$clerk" "$home" churn 1200 >/dev/null || fail "churn"
c3=$(T "$clerk" "$home" forward 民政所) || fail "forward"
rc=0
yzs sync >/dev/null 2>"$work/e.err" || rc=$?
[ "$rc" -eq 1 ] && [ -s "$work/e.err" ] || fail "(e) a sync with the hub down exited $rc"
backlog=$(status waiting)
[ "$backlog" -ge 9600 ] || fail "(e) only $backlog changes wait"
"$YZ_PG_CTL" start
t0=$(date +%s%N)
yzs sync --format tsv >"$work/e.out" 2>"$work/e.err" || fail "(e) the sync: $(cat "$work/e.err")"
ms=$((($(date +%s%N) - t0) / 1000000))
sent=$(awk -F '\t' '$1 == "sent" { print $2 }' "$work/e.out")
[ "$sent" -gt 0 ] && [ "$(awk -F '\t' '$1 == "waiting" { print $2 }' "$work/e.out")" = 0 ] ||
	fail "(e) one sync left changes waiting: $(cat "$work/e.out")"
[ "$(sql "select count(*) from h_forward where station = 'DEMO01' and case_no = '$c3' and result is null")" = 1 ] ||
	fail "(e) the forward of $c3 made offline is not at the hub: $(sql "select key, raw from h_forward where station = 'DEMO01' and case_no = '$c3'")"
agree "(e)"
ok "(e) offline: $backlog changes made with the hub down, one sync sent them ($sent shared) in $ms ms"

# ---- (f) the link dropped mid-batch --------------------------------------------------

T "$clerk" "$home" churn 1500 >/dev/null || fail "churn"
backlog=$(status waiting)
before=$(hub_seq)
timeout 300 "$yz" --home "$home" sync --batch 50 >"$work/f.out" 2>"$work/f.err" &
bg=$!
wait_hub_past "$before"
ended=$(sql "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where usename = 'yz_s_demo01') t")
rc=0
wait "$bg" || rc=$?
bg=
[ "$ended" -ge 1 ] || fail "(f) no backend of the station to end (the sync was over)"
[ "$rc" -eq 1 ] && [ -s "$work/f.err" ] || fail "(f) the sync cut off exited $rc: $(cat "$work/f.err")"
left=$(status waiting)
[ "$left" -gt 0 ] || fail "(f) nothing waits after the link dropped"
agree "(f)"
ok "(f) the station's backend ended mid-batch: exit 1 with \"$(head -n 1 "$work/f.err")\"; the next sync completes"

echo "faults17: $n passed"
