#!/bin/sh
# The audit trail and the verification codes are keyed with the station key,
# which is not in station.db (issue 14). With the sqlite3 program on a demo
# station:
#   - audit rows rewritten and the SHA-256 chain recomputed (which passed
#     `audit verify` before) are found;
#   - a case, a case field, an event, a rating, a resident edited, a case
#     deleted: `audit verify` names what was changed;
#   - the log's last rows cut off together with meta's head: the anchor that
#     `audit anchor` printed (and noted beside the key) finds it;
#   - a verification code made from what the database holds does not check,
#     and the key's bytes are nowhere in the file;
#   - an older station (the schema-5 fixture) keeps the codes it printed, and
#     its secret leaves the database;
#   - without its key file a station is refused by name and left untouched.
# Usage: cli_audit14.sh PATH/TO/yizhan FIXTURE_DIR
set -eu
yz=$1
fixtures=$2
. "$(dirname "$0")/cli_common.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yzaudit14.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
q() { sqlite3 -batch "$1" "$2"; }

# A copy of the pristine station in a folder of its own (database and key).
fresh() {
	rm -rf "$tmp/$1"
	mkdir -m 0750 "$tmp/$1"
	q "$tmp/demo/station.db" ".backup '$tmp/$1/station.db'"
	cp -p "$tmp/demo/yizhan.conf" "$tmp/$1/"
	[ ! -f "$tmp/demo/station.key" ] || cp -p "$tmp/demo/station.key" "$tmp/$1/"
	sed -i "s#$tmp/demo#$tmp/$1#g" "$tmp/$1/yizhan.conf"
	db="$tmp/$1/station.db"
}
# audit verify of station $1 must fail and say $2.
caught() {
	if out=$("$yz" audit verify --home "$tmp/$1" 2>&1); then fail "$1: audit verify passed: $out"; fi
	echo "$out" | grep -qF -- "$2" || fail "$1: audit verify does not say \"$2\": $out"
}

mkdir -m 0750 "$tmp/demo"
"$yz" init --demo --residents 40 --home "$tmp/demo" >/dev/null || fail "init --demo"
out=$("$yz" audit verify --home "$tmp/demo" 2>&1) || fail "a new demo station: $out"
echo "$out" | grep -q "intact" || fail "a new demo station: $out"
ok "a demo station (stamped at past times) passes audit verify"

# 1. The attack of the review: edit a row, then recompute the chain as the
# code of schema 5 did (SHA-256 over prev US at US actor US action US detail).
fresh chain
last=$(q "$db" "SELECT max(id) FROM audit")
from=$((last - 2))
q "$db" "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing happened' WHERE id = $from"
prev=$(q "$db" "SELECT prev_hash FROM audit WHERE id = $from")
id=$from
while [ "$id" -le "$last" ]; do
	h=$(q "$db" "SELECT at || char(31) || actor || char(31) || action || char(31) || detail FROM audit WHERE id = $id" |
		{ printf '%s\037' "$prev"; cat; } | head -c -1 | sha256sum | cut -d' ' -f1)
	q "$db" "UPDATE audit SET prev_hash = '$prev', hash = '$h' WHERE id = $id"
	prev=$h
	id=$((id + 1))
done
q "$db" "UPDATE meta SET value = '$last:$prev' WHERE key = 'audit_head'"
caught chain "chain breaks at row $from"
ok "audit rows rewritten with their SHA-256 chain recomputed: found"

# 2. The data the log does not hold itself.
c=$(q "$tmp/demo/station.db" "SELECT number FROM cases ORDER BY id LIMIT 1 OFFSET 2")
fresh case_edit
q "$db" "UPDATE cases SET item = 'another item', updated_at = updated_at WHERE number = '$c'"
caught case_edit "case $c changed outside yizhan"
fresh field_edit
q "$db" "UPDATE case_fields SET value = value || '1' WHERE case_id = (SELECT id FROM cases WHERE number = '$c') AND ord = (SELECT min(ord) FROM case_fields WHERE case_id = (SELECT id FROM cases WHERE number = '$c'))"
caught field_edit "case $c: a field changed outside yizhan"
fresh event_edit
q "$db" "UPDATE case_events SET note = 'seen' WHERE id = (SELECT min(id) FROM case_events WHERE case_id = (SELECT id FROM cases WHERE number = '$c'))"
caught event_edit "case $c: an event of its timeline changed outside yizhan"
fresh event_delete
q "$db" "DELETE FROM case_events WHERE id = (SELECT max(id) FROM case_events)"
caught event_delete "case events: 1 deleted outside yizhan"
rated=$(q "$tmp/demo/station.db" "SELECT c.number FROM ratings r JOIN cases c ON c.id = r.case_id ORDER BY c.id LIMIT 1")
[ -n "$rated" ] || fail "the demo station has no rating"
fresh rating_edit
q "$db" "UPDATE ratings SET score = 6 - score WHERE case_id = (SELECT id FROM cases WHERE number = '$rated')"
caught rating_edit "case $rated: its rating changed outside yizhan"
fresh resident_edit
rid=$(q "$db" "SELECT min(id) FROM residents")
q "$db" "UPDATE residents SET idno = substr(idno, 1, 17) || CASE substr(idno, 18) WHEN '1' THEN '2' ELSE '1' END WHERE id = $rid"
caught resident_edit "(record $rid) changed outside yizhan"
fresh resident_name
q "$db" "UPDATE residents SET name = '王五' WHERE id = $rid"
caught resident_name "resident 王五 (record $rid) changed outside yizhan"
ok "a case, a case field, an event (edited, deleted), a rating, a resident's ID number and name changed with sqlite3: each named"

gone=$(q "$tmp/demo/station.db" "SELECT number FROM cases ORDER BY id LIMIT 1 OFFSET 5")
fresh case_delete
q "$db" "DELETE FROM case_fields WHERE case_id = (SELECT id FROM cases WHERE number = '$gone');
DELETE FROM case_materials WHERE case_id = (SELECT id FROM cases WHERE number = '$gone');
DELETE FROM case_events WHERE case_id = (SELECT id FROM cases WHERE number = '$gone');
DELETE FROM print_jobs WHERE case_id = (SELECT id FROM cases WHERE number = '$gone');
DELETE FROM ratings WHERE case_id = (SELECT id FROM cases WHERE number = '$gone');
DELETE FROM cases WHERE number = '$gone'"
caught case_delete "case $gone was deleted outside yizhan"
caught case_delete "cases: 1 deleted outside yizhan"
ok "a case deleted with its fields and events: named"

# Dropping the program's triggers is no way round: the file has none to drop
# (they are the connection's own), and one planted in the file is reported.
fresh planted
q "$db" "CREATE TRIGGER keep_quiet AFTER INSERT ON case_events BEGIN SELECT 1; END"
caught planted "a trigger keep_quiet was added"
ok "a trigger planted in the database is reported"

# 3. Cutting the log back: the anchor written into the ledger finds it.
fresh cut
out=$("$yz" audit anchor --home "$tmp/cut") || fail "audit anchor: $out"
anchor=$(echo "$out" | sed -n 's/^Head of the audit log: //p')
echo "$anchor" | grep -Eq '^[0-9]+ [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$' ||
	fail "audit anchor printed: $out"
arow=${anchor%% *}
[ "$(q "$db" "SELECT action FROM audit WHERE id = $arow")" = audit_anchor ] || fail "no audit row for the anchor"
out=$("$yz" audit verify --anchor "$anchor" --home "$tmp/cut" 2>&1) || fail "verify --anchor: $out"
echo "$out" | grep -q "holds the anchor" || fail "verify --anchor said: $out"
"$yz" audit anchor --home "$tmp/cut" >/dev/null # more rows after the ledger's anchor
keep=$((arow - 1))
head=$(q "$db" "SELECT hash FROM audit WHERE id = $keep")
q "$db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > $keep;
UPDATE meta SET value = '$keep:$head' WHERE key = 'audit_head'"
caught cut "The audit log was cut back: row $((arow + 1)) of the anchor"
mv "$tmp/cut/station.key.anchors" "$tmp/anchors.kept" # the file beside the key gone too
out=$("$yz" audit verify --home "$tmp/cut" 2>&1) || fail "the cut log without an anchor: $out"
if out=$("$yz" audit verify --anchor "$anchor" --home "$tmp/cut" 2>&1); then fail "cut log passed with the ledger's anchor: $out"; fi
echo "$out" | grep -q "row $arow of the anchor $anchor is gone" || fail "verify --anchor said: $out"
if "$yz" audit verify --anchor "12 nonsense" --home "$tmp/cut" >/dev/null 2>&1; then fail "a malformed anchor passed"; fi
ok "the log cut back with meta's head: found by the anchor (noted beside the key, or from the ledger)"

# 4. Verification codes. code KEYHEX CASE DOC STATION: the code as schema 5's
# verify.c made it (HMAC-SHA256, 30 bits, Crockford's alphabet).
mac30() {
	set -- $(printf '%s' "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -binary |
		head -c 4 | od -An -tu1)
	echo $((($1 << 22 | $2 << 14 | $3 << 6 | $4 >> 2) & 1073741823))
}
enc30() {
	v=$1 s=""
	for _ in 1 2 3 4 5 6; do
		s=$(echo 0123456789ABCDEFGHJKMNPQRSTVWXYZ | cut -c$((v % 32 + 1)))$s
		v=$((v / 32))
	done
	echo "$s"
}
code() {
	year=$(echo "$2" | cut -d- -f2)
	seq=$(echo "$2" | cut -d- -f3 | sed 's/^0*//')
	payload=$(((year - 2000) << 20 | seq))
	payload=$((payload ^ $(mac30 "$1" payload-mask)))
	mac=$(mac30 "$1" "$(printf '%s\n%s\n%s' "$4" "$2" "$3")")
	raw=$(enc30 "$payload")$(enc30 "$mac")
	echo "$raw" | sed 's/^\(....\)\(....\)\(....\)$/\1-\2-\3/'
}
fresh codes
"$yz" verify 0000-0000-0000 --home "$tmp/codes" >/dev/null 2>&1 || true # schema 5 made its secret here
secret=$(q "$db" "SELECT value FROM meta WHERE key = 'verify_secret'")
forged=$(code "${secret:-00}" "$c" receipt DEMO01)
if out=$("$yz" verify "$forged" --home "$tmp/codes" 2>&1); then fail "a code made from the database's meta checks: $out"; fi
echo "$out" | grep -q "^Genuine" && fail "a code made from the database's meta is genuine: $out"
for k in $(sed -n 's/^\(master\|verify\) //p' "$tmp/codes/station.key"); do
	# The keys, as the text meta kept a secret in, are nowhere in the database.
	! grep -qi "$k" "$db" || fail "the station key is in station.db"
done
[ "$(stat -c %a "$tmp/codes/station.key")" = 640 ] || fail "station.key is $(stat -c %a "$tmp/codes/station.key")"
ok "a verification code made from the database alone does not check; the key (0640) is not in station.db"

# 5. An older station keeps the codes it printed: the schema-5 fixture's secret.
home="$tmp/v5"
mkdir -m 0750 "$home"
sqlite3 -batch "$home/station.db" <"$fixtures/schema-v5.sql" || fail "loading the schema-5 fixture"
sed -e "s#@DATADIR@#$YIZHAN_DATADIR#g" -e "s#@HOME@#$home#g" "$fixtures/schema-v5.conf" >"$home/yizhan.conf"
old=$(q "$home/station.db" "SELECT value FROM meta WHERE key = 'verify_secret'")
[ -n "$old" ] || fail "the schema-5 fixture has no verification secret"
v5case=$(q "$home/station.db" "SELECT number FROM cases ORDER BY id LIMIT 1")
printed=$(code "$old" "$v5case" receipt DEMO01)
out=$("$yz" verify "$printed" --home "$home" 2>&1) || fail "a code printed by schema 5 after the upgrade: $out"
echo "$out" | grep -q "^Genuine: .* $v5case" || fail "a code printed by schema 5: $out"
[ -z "$(q "$home/station.db" "SELECT value FROM meta WHERE key = 'verify_secret'")" ] ||
	fail "the upgraded database still holds the secret"
grep -q "^verify $old\$" "$home/station.key" || fail "the secret did not move into station.key"
q "$home/station.db" "SELECT detail FROM audit WHERE action = 'audit_keyed'" | grep -q "was intact" ||
	fail "the upgrade recorded no check of the old chain"
out=$("$yz" audit verify --home "$home" 2>&1) || fail "the upgraded station: $out"
ok "an upgraded schema-5 station: its printed code still checks, the secret moved out of the database"

# 6. The key file gone or damaged: refused by name, nothing written.
fresh nokey
sum=$(md5sum <"$db")
mv "$tmp/nokey/station.key" "$tmp/nokey.key"
if out=$("$yz" audit verify --home "$tmp/nokey" 2>&1); then fail "opened without its key: $out"; fi
echo "$out" | grep -qF "$tmp/nokey/station.key" || fail "the message does not name the key file: $out"
echo "$out" | grep -q "missing" || fail "the message does not say the key is missing: $out"
[ ! -e "$tmp/nokey/station.key" ] || fail "a new key was made for a keyed station"
[ "$(md5sum <"$db")" = "$sum" ] || fail "the database changed"
head -c 40 "$tmp/nokey.key" >"$tmp/nokey/station.key"
if out=$("$yz" audit verify --home "$tmp/nokey" 2>&1); then fail "opened with a damaged key: $out"; fi
echo "$out" | grep -q "station.key is damaged" || fail "a damaged key: $out"
cp -p "$tmp/demo/station.key" "$tmp/nokey/station.key.demo"
mkdir -m 0750 "$tmp/other"
"$yz" init --home "$tmp/other" >/dev/null
cp -p "$tmp/other/station.key" "$tmp/nokey/station.key"
if out=$("$yz" audit verify --home "$tmp/nokey" 2>&1); then fail "opened with another station's key: $out"; fi
echo "$out" | grep -q "another station" || fail "another station's key: $out"
[ "$(md5sum <"$db")" = "$sum" ] || fail "the database changed"
# key_file: the key kept elsewhere.
mkdir -m 0750 "$tmp/etc"
mv "$tmp/nokey.key" "$tmp/etc/station.key"
printf 'key_file = %s\n' "$tmp/etc/station.key" >>"$tmp/nokey/yizhan.conf"
out=$("$yz" audit verify --home "$tmp/nokey" 2>&1) || fail "with key_file: $out"
ok "a missing, damaged or foreign key file is refused by name and nothing is written; key_file names another place"

echo "cli_audit14: $n checks passed"
