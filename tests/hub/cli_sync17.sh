#!/bin/sh
# Issue 17, `yizhan sync` between a demo station and a private hub (run under
# tests/lib/with-postgres: YZ_PG_URL is the hub's admin, PGPASSWORD his
# password). The hub is made and the station registered with `yizhan hub`;
# the two lines it prints, appended to the station's yizhan.conf, are all the
# station needs. The first sync sends the demo's whole past (as many changes
# as the station's digests count), the second sends nothing, --verify finds
# hub and station alike kind by kind; a field no form shares and the
# applicant of a form that does not share it are not at the hub; a department
# registered at the hub answers the demo's open forwarded case and the next
# sync brings the answer onto the case (its forward's result, a dept_result
# event by "hub", no longer waiting for the department), once only.
# Usage: with-postgres sh cli_sync17.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/common.sh"
home=$(mktemp -d "${TMPDIR:-/tmp}/yzsync.XXXXXX")
trap 'rm -rf "$home"' EXIT
st=$home/st
db=$st/station.db
q() { sqlite3 "$db" "$1"; }

# cases show needs an account; sync itself needs none.
demo_station "$st"

# --- the station before it has a hub -------------------------------------------
set +e
msg=$("$yz" sync --home "$st" 2>&1)
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "sync without a hub: exit $rc ($msg)"
echo "$msg" | grep -q "hub station add" || fail "sync without a hub: $msg"
status=$("$yz" sync --status --home "$st") || fail "status: $status"
echo "$status" | grep -q "^last_error	.*no district hub" || fail "status keeps the failure: $status"
[ "$(field "$status" last_sync)" = "" ] || fail "status: a last sync before any: $status"
ok "no hub: sync refused in words, exit 1, the failure kept for --status"

# --- the hub, the station registered ------------------------------------------------
mkdir "$home/admin"
"$yz" hub init --url "$YZ_PG_URL" --home "$home/admin" >/dev/null || fail "hub init"
"$yz" hub station add "$code" "演示社区服务站" --url "$YZ_PG_URL" --home "$home/admin" \
	>"$home/station-lines" || fail "hub station add"
grep -q "^hub = postgres" "$home/station-lines" || fail "no hub line: $(cat "$home/station-lines")"
grep -q "^hub_password = ." "$home/station-lines" || fail "no password line"
cat "$home/station-lines" >>"$st/yizhan.conf"
ok "hub init, station $code added, its lines appended to yizhan.conf"

# --- the demo's past, sent once --------------------------------------------------
digest=$("$yz" sync --digest --home "$st") || fail "digest: $digest"
[ "$(echo "$digest" | wc -l)" -eq 8 ] || fail "digest: 8 kinds: $digest"
shared=$(echo "$digest" | awk -F '\t' '{ s += $2 } END { print s }')
[ "$shared" -gt 100 ] || fail "digest counts only $shared rows: $digest"
out=$("$yz" sync --format tsv --home "$st") || fail "first sync: $out"
[ "$(field "$out" sent)" = "$shared" ] || fail "first sync sent $(field "$out" sent), not $shared"
[ "$(field "$out" batches)" -ge 1 ] || fail "first sync: batches: $out"
[ "$(field "$out" waiting)" = 0 ] || fail "first sync: waiting: $out"
[ "$(field "$out" answers)" = 0 ] || fail "first sync: answers: $out"
ok "first sync sent the demo's $shared shared rows, nothing waits"

out=$("$yz" sync --format tsv --batch 7 --home "$st") || fail "second sync: $out"
[ "$(printf 'sent\t0\nbatches\t0\nanswers\t0\nwaiting\t0')" = "$out" ] || fail "second sync: $out"
status=$("$yz" sync --status --home "$st") || fail "status"
[ -n "$(field "$status" last_sync)" ] || fail "no last sync: $status"
[ "$(field "$status" waiting)" = 0 ] || fail "status waiting: $status"
[ "$(field "$status" last_error)" = "" ] || fail "status error: $status"
ok "second sync sends nothing; --status: last sync, 0 waiting, no error"

# The hub's own count of the station's rows is the station's.
hub_rows=$(hq "SELECT count(*) FROM changes WHERE station = '$code'")
[ "$hub_rows" = "$shared" ] || fail "hub holds $hub_rows changes, not $shared"
verify=$("$yz" sync --verify --home "$st") || fail "verify: $verify"
[ "$(echo "$verify" | grep -c '	ok$')" -eq 8 ] || fail "verify: $verify"
echo "$verify" | awk -F '\t' '$2 != $3 { exit 1 }' || fail "verify counts: $verify"
ok "--verify: the 8 kinds alike, count and digest"

# --- what does not leave the station -----------------------------------------------
phones=$(q "SELECT count(*) FROM case_fields WHERE key = 'phone'")
[ "$phones" -gt 0 ] || fail "the demo has no phone fields"
[ "$(hq "SELECT count(*) FROM h_field WHERE body->>'key' = 'phone'")" = 0 ] ||
	fail "phone numbers (no form shares them) are at the hub"
[ "$(hq "SELECT count(*) FROM h_field WHERE station = '$code'")" -gt 0 ] ||
	fail "no shared field at the hub"
cert=$(q "SELECT number FROM cases WHERE form_id = 'residence_certificate' LIMIT 1")
[ -n "$cert" ] || fail "the demo has no residence certificate"
[ "$(hq "SELECT count(*) FROM h_applicant WHERE key = '$cert'")" = 0 ] ||
	fail "the applicant of $cert (residence_certificate shares none) is at the hub"
[ "$(hq "SELECT count(*) FROM h_case WHERE key = '$cert'")" = 1 ] || fail "case $cert not at the hub"
ok "not shared: $phones phone fields and a certificate's applicant stay at the station"

# --- a department answers at the hub --------------------------------------------------
row=$(q "SELECT c.number, f.department, c.state FROM case_forwards f JOIN cases c ON c.id = f.case_id
	WHERE f.result = '' ORDER BY f.id LIMIT 1")
case_no=$(echo "$row" | cut -d '|' -f 1)
dept=$(echo "$row" | cut -d '|' -f 2)
state_before=$(echo "$row" | cut -d '|' -f 3)
[ -n "$case_no" ] && [ -n "$dept" ] || fail "the demo has no open forwarded case"
events_before=$(q "SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id
	WHERE c.number = '$case_no'")
mkdir "$home/dept"
"$yz" hub dept add JDSW "$dept" --url "$YZ_PG_URL" --home "$home/admin" >"$home/dept/yizhan.conf" ||
	fail "hub dept add"
grep -q "^hub_dept = JDSW" "$home/dept/yizhan.conf" || fail "dept lines: $(cat "$home/dept/yizhan.conf")"
inbox=$("$yz" hub inbox --format tsv --home "$home/dept") || fail "inbox: $inbox"
echo "$inbox" | grep -q "^$code	$case_no	" || fail "$case_no not in the department's inbox: $inbox"
"$yz" hub answer "$code" "$case_no" "已核实，符合条件" --date 2026-12-01 --home "$home/dept" ||
	fail "hub answer"
# The applicant of a form that shares it went with the case.
[ "$(hq "SELECT count(*) FROM h_applicant WHERE key = '$case_no' AND body->>'name' <> ''
	AND length(body->>'idno') = 18")" = 1 ] || fail "the applicant of $case_no is not at the hub"
ok "department $dept added at the hub, answered $case_no from its inbox"

out=$("$yz" sync --format tsv --home "$st") || fail "sync after the answer: $out"
[ "$(field "$out" answers)" = 1 ] || fail "answer not received: $out"
# The answer's own changes (the forward's result, the event) went back too.
[ "$(field "$out" waiting)" = 0 ] || fail "waiting after the answer: $out"
fw=$(q "SELECT f.result, f.result_date FROM case_forwards f JOIN cases c ON c.id = f.case_id
	WHERE c.number = '$case_no' ORDER BY f.id DESC LIMIT 1")
[ "$fw" = "已核实，符合条件|2026-12-01" ] || fail "the forward's result: $fw"
ev=$(q "SELECT e.kind, e.actor, e.note FROM case_events e JOIN cases c ON c.id = e.case_id
	WHERE c.number = '$case_no' ORDER BY e.id DESC LIMIT 1")
case "$ev" in
"dept_result|hub|"*"$dept"*) ;;
*) fail "the case's last event: $ev" ;;
esac
[ "$(q "SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id
	WHERE c.number = '$case_no'")" = $((events_before + 1)) ] || fail "not one new event"
state_after=$(q "SELECT state FROM cases WHERE number = '$case_no'")
ok "the answer is on $case_no: result, dept_result by hub naming $dept (state $state_before → $state_after)"

# The clerk sees it: the case no longer waits for the department.
show=$("$yz" cases show "$case_no" --home "$st" 2>&1) || true
echo "$show" | grep -q "已核实，符合条件" || fail "cases show lacks the answer: $show"
open_fw=$(q "SELECT count(*) FROM case_forwards f JOIN cases c ON c.id = f.case_id
	WHERE c.number = '$case_no' AND f.result = ''")
[ "$open_fw" = 0 ] || fail "$case_no still waits for the department"
ok "cases show tells the answer; $case_no waits for no department"

out=$("$yz" sync --format tsv --home "$st") || fail "sync again: $out"
[ "$(field "$out" answers)" = 0 ] || fail "the answer applied twice: $out"
[ "$(q "SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id
	WHERE c.number = '$case_no' AND e.kind = 'dept_result'")" = 1 ] || fail "two dept_result events"
verify=$("$yz" sync --verify --home "$st") || fail "verify after the answer: $verify"
ok "the answer is applied once; hub and station still alike"

# --- a hub that lost what it acknowledged --------------------------------------
# The hub put back from a backup older than the station's last sync (here the
# oldest: the station's rows and answers gone, its last change 0): the next
# sync sends the station's present state again, says so, and takes the hub's
# answers from the start again (answer_id lowered, nothing applied twice).
before=$(q "SELECT acked_seq FROM sync_state")
for t in changes h_case h_applicant h_field h_event h_pause h_forward h_rating h_followup answers; do
	hq "DELETE FROM $t WHERE station = '$code'" >/dev/null || fail "emptying $t"
done
hq "UPDATE stations SET last_seq = 0 WHERE code = '$code'" >/dev/null
out=$("$yz" sync --format tsv --home "$st" 2>"$home/behind.err") || fail "sync after the hub lost its rows: $(cat "$home/behind.err")"
grep -q "fewer than it had acknowledged" "$home/behind.err" || fail "not said: $(cat "$home/behind.err")"
[ "$(field "$out" sent)" -gt 0 ] || fail "nothing sent again: $out"
[ "$(q "SELECT answer_id FROM sync_state")" = 0 ] || fail "answer_id not taken back"
[ "$(q "SELECT acked_seq FROM sync_state")" -gt "$before" ] || fail "numbering not moved on"
verify=$("$yz" sync --verify --home "$st") || fail "verify after the hub lost its rows: $verify"
[ "$(q "SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id
	WHERE c.number = '$case_no' AND e.kind = 'dept_result'")" = 1 ] || fail "an answer applied twice"
ok "a hub that lost its rows gets the station's present state again; answers taken from its start"

echo "1..$n"
