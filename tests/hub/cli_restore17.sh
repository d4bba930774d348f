#!/bin/sh
# Issue 17, a station restored from an older backup, and a sync killed midway
# (run under tests/lib/with-postgres: YZ_PG_URL is the hub's admin, PGPASSWORD
# his password, YZ_PG_PID the server).
#
# The station syncs, a backup is taken, a clerk's change is synced, the backup
# is restored (that change is lost at the station, not at the hub), another
# clerk's change is made and synced. The restored station numbers its changes
# from where the backup stood, numbers the hub already holds for it; the sync
# must see that the hub is ahead of anything the station ever numbered, move
# its numbering above the hub's and send its present state again, so that
# the new change is at the hub (nothing ignored) and the hub takes the
# station's state as the newest. What the hub got after the backup and the
# station lost stays at the hub: --verify shows that difference, the sync
# says it in words, the audit log notes both the start of district sync and
# the renumbering.
#
# Then a sync killed -9 while it waits for the hub (the server stopped with
# SIGSTOP) leaves "a sync started ... has not finished" for `sync --status`;
# the next sync clears it.
# Usage: with-postgres sh cli_restore17.sh PATH/TO/yizhan PATH/TO/faults17_clerk
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
clerk=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
. "$(dirname "$0")/common.sh"
: "${YZ_PG_PID:?run under tests/lib/with-postgres}"
home=$(mktemp -d "${TMPDIR:-/tmp}/yzrestore.XXXXXX")
stopped=""
bg=""
cleanup() {
	[ -z "$stopped" ] || kill -CONT "$stopped" 2>/dev/null || true
	[ -z "$bg" ] || kill -9 "$bg" 2>/dev/null || true
	rm -rf "$home"
}
trap cleanup EXIT
st=$home/st
db=$st/station.db
q() { sqlite3 "$db" "$1"; }
highest() { q "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)"; }
hub_last() { hq "SELECT last_seq FROM stations WHERE code = '$code'"; }
# The case's newest event's outbox key, "<number>/<id as %010d>".
event_key() { q "SELECT c.number || '/' || printf('%010d', max(e.id)) FROM case_events e
	JOIN cases c ON c.id = e.case_id WHERE c.number = '$1'"; }

demo_station "$st"
mkdir "$home/admin"
"$yz" hub init --url "$YZ_PG_URL" --home "$home/admin" >/dev/null || fail "hub init"
"$yz" hub station add "$code" "演示社区服务站" --url "$YZ_PG_URL" --home "$home/admin" \
	>>"$st/yizhan.conf" || fail "hub station add"

# --- district sync begins: noted in the audit log ----------------------------------
out=$("$yz" sync --format tsv --home "$st") || fail "first sync: $out"
[ "$(field "$out" waiting)" = 0 ] || fail "first sync: $out"
seeded=$(q "SELECT detail FROM audit WHERE action = 'sync_enabled' AND actor = 'admin'")
case "$seeded" in
seeded=[1-9]*) ;;
*) fail "no audit row of sync enabled: '$seeded'" ;;
esac
[ "${seeded#seeded=}" = "$(highest)" ] || fail "$seeded, but the outbox numbered $(highest)"
"$yz" audit verify --home "$st" >/dev/null 2>&1 || fail "audit verify after enabling"
ok "first sync: audit row sync_enabled by admin (os_accounts), $seeded; the chain intact"

# --- synced, backed up, a change synced, then the backup restored ------------------
"$yz" backup "$home/bk" --home "$st" >/dev/null || fail "backup"
copy=$(ls "$home/bk"/*.db | head -n 1)
[ -f "$copy" ] || fail "no backup in $home/bk"
at_backup=$(highest)

open_cases=$(q "SELECT number FROM cases WHERE status = 'accepted' AND paused_since = ''
	AND forward_id IS NULL ORDER BY number LIMIT 2")
lost=$(echo "$open_cases" | sed -n 1p)
kept=$(echo "$open_cases" | sed -n 2p)
[ -n "$lost" ] && [ -n "$kept" ] || fail "the demo has no two open cases: $open_cases"
owner_before=$(q "SELECT owner FROM cases WHERE number = '$lost'")
"$clerk" "$st" handover "$lost" || fail "hand over $lost"
lost_key=$(event_key "$lost")
out=$("$yz" sync --format tsv --home "$st") || fail "sync after the hand-over: $out"
[ "$(field "$out" sent)" -gt 0 ] || fail "the hand-over was not sent: $out"
hub_before=$(hub_last)
[ "$hub_before" -gt "$at_backup" ] || fail "hub at $hub_before, the backup at $at_backup"
[ "$(hq "SELECT body->>'kind' FROM h_event WHERE station = '$code' AND key = '$lost_key'")" = handed_over ] ||
	fail "the hand-over of $lost is not at the hub"
ok "backup at change $at_backup; $lost handed over and synced (hub at $hub_before)"

"$yz" restore "$copy" --home "$st" >/dev/null || fail "restore"
[ "$(q "SELECT owner FROM cases WHERE number = '$lost'")" = "$owner_before" ] ||
	fail "restore did not bring $lost back"
[ "$(highest)" = "$at_backup" ] || fail "restored numbering $(highest), not $at_backup"
ok "restored: the station numbers from $at_backup again, the hub is at $hub_before"

# --- one more change, and the sync that must not lose it --------------------------
"$clerk" "$st" handover "$kept" || fail "hand over $kept"
new_key=$(event_key "$kept")
new_owner=$(q "SELECT owner FROM cases WHERE number = '$kept'")
[ "$(highest)" -le "$hub_before" ] || fail "the test needs numbers the hub already holds"
out=$("$yz" sync --format tsv --home "$st" 2>"$home/err") || fail "sync after restore: $out $(cat "$home/err")"
[ "$(field "$out" waiting)" = 0 ] || fail "waiting after the sync: $out"
[ "$(hq "SELECT body->>'kind' FROM h_event WHERE station = '$code' AND key = '$new_key'")" = handed_over ] ||
	fail "the new change ($new_key) was ignored by the hub"
[ "$(hq "SELECT body->>'owner' FROM h_case WHERE station = '$code' AND key = '$kept'")" = "$new_owner" ] ||
	fail "the hub does not have $kept's new owner $new_owner"
[ "$(hq "SELECT body->>'owner' FROM h_case WHERE station = '$code' AND key = '$lost'")" = "$owner_before" ] ||
	fail "the hub does not take the station's present state of $lost"
grep -q "put back from an older backup" "$home/err" || fail "the sync said nothing: $(cat "$home/err")"
grep -q "sync --verify" "$home/err" || fail "the sync does not point to --verify: $(cat "$home/err")"
[ "$(hub_last)" = "$(highest)" ] || fail "hub at $(hub_last), the station numbered $(highest)"
[ "$(hq "SELECT count(*) FROM changes WHERE station = '$code' AND seq > $hub_before")" = "$(field "$out" sent)" ] ||
	fail "the hub took $(hq "SELECT count(*) FROM changes WHERE station = '$code' AND seq > $hub_before") of $(field "$out" sent) sent"
renum=$(q "SELECT detail FROM audit WHERE action = 'sync_renumbered'")
case "$renum" in
"hub_seq=$hub_before station_seq="*" from=$((hub_before + 1)) seeded="*) ;;
*) fail "audit row of the renumbering: '$renum'" ;;
esac
"$yz" audit verify --home "$st" >/dev/null 2>&1 || fail "audit verify after the renumbering"
ok "the sync after restore: the new change and the station's present state at the hub, said in words and in the audit log"

set +e
verify=$("$yz" sync --verify --home "$st" 2>/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] || fail "--verify: exit $rc: $verify"
[ "$(echo "$verify" | grep -c '	ok$')" = 7 ] || fail "--verify: $verify"
ev=$(echo "$verify" | awk -F '\t' '$1 == "event"')
[ "$(echo "$ev" | cut -f 4)" = DIFFERS ] || fail "--verify event: $ev"
[ "$(($(echo "$ev" | cut -f 3) - $(echo "$ev" | cut -f 2)))" = 1 ] ||
	fail "the hub should hold exactly the lost hand-over more: $ev"
[ "$(hq "SELECT count(*) FROM h_event WHERE station = '$code' AND key = '$lost_key'")" = 1 ] ||
	fail "the lost change was deleted at the hub"
out=$("$yz" sync --format tsv --home "$st" 2>"$home/err") || fail "sync again: $out"
[ "$(printf 'sent\t0\nbatches\t0\nanswers\t0\nwaiting\t0')" = "$out" ] || fail "sync again: $out"
[ ! -s "$home/err" ] || fail "sync again: $(cat "$home/err")"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'sync_renumbered'")" = 1 ] || fail "renumbered twice"
ok "--verify: 7 kinds alike, the lost hand-over ($lost_key) stays at the hub only; the next sync is quiet"

# --- a sync killed midway leaves a trace ------------------------------------------------
status=$("$yz" sync --status --home "$st") || fail "status"
[ "$(field "$status" last_error)" = "" ] || fail "status before: $status"
pg=$($YZ_PG_CTL pid 2>/dev/null || echo "$YZ_PG_PID")
kill -STOP "$pg"
stopped=$pg
"$yz" sync --home "$st" >/dev/null 2>&1 &
bg=$!
i=0
until [ "$(q "SELECT running FROM sync_state")" = 1 ]; do
	i=$((i + 1))
	[ "$i" -le 50 ] || fail "no trace of the sync under way: '$(q "SELECT running, last_error FROM sync_state")'"
	sleep 0.1
done
kill -9 "$bg"
wait "$bg" 2>/dev/null || true
bg=""
kill -CONT "$pg"
stopped=""
status=$("$yz" sync --status --home "$st") || fail "status after the kill"
case "$(field "$status" last_error)" in
"A sync started at 20"*" and has not finished"*) ;;
*) fail "status after a sync killed -9: $status" ;;
esac
out=$("$yz" sync --format tsv --home "$st") || fail "sync after the kill: $out"
status=$("$yz" sync --status --home "$st") || fail "status"
[ "$(field "$status" last_error)" = "" ] || fail "status after a good sync: $status"
ok "a sync killed -9 midway shows in sync --status; the next good sync clears it"

echo "1..$n"
