#!/bin/sh
# cli_backup (issue 14): `yizhan backup` while a counter commits cases without
# a pause (backup_writer: each case number written down only once its commit
# returned), then `yizhan restore` of that copy into a fresh copy of the
# station: every case acknowledged before the backup started is there, the
# restored station passes integrity_check and `audit verify`, the state it
# replaced is kept as before-restore-*.db, and the restore is in the audit log.
# The copy is one file (no -wal), 0640 in a 0750 folder.
#
#   cli_backup.sh YIZHAN BACKUP_WRITER
set -u
yz=$1
writer_exe=$2
n=0
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli-backup.XXXXXX") || exit 1
writer=
cleanup() {
	[ -n "$writer" ] && kill "$writer" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export LANGUAGE= LC_ALL=C.UTF-8 TZ=Asia/Shanghai

# The station's admin acts (--as, the password on descriptor 3).
as() {
	"$yz" "$@" --as admin --password-fd 3 3<<EOF
demo1234
EOF
}

st=$tmp/st
"$yz" init --demo --residents 50 --home "$st" >/dev/null || fail "init --demo"

# The counter that never stops.
"$writer_exe" "$st/station.db" "$tmp/acks" "$tmp/stop" 2>"$tmp/writer.err" &
writer=$!
i=0
while [ "$(wc -l 2>/dev/null <"$tmp/acks" || echo 0)" -lt 20 ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the writer committed nothing: $(cat "$tmp/writer.err")"
	sleep 0.1
done
cp "$tmp/acks" "$tmp/acked-before"
before=$(wc -l <"$tmp/acked-before")
as backup "$tmp/b" --home "$st" >"$tmp/out" 2>&1 || fail "backup during writes: $(cat "$tmp/out")"
cat "$tmp/out"
after=$(wc -l <"$tmp/acks")
kill -0 "$writer" 2>/dev/null || fail "the writer stopped during the backup: $(cat "$tmp/writer.err")"
touch "$tmp/stop"
wait "$writer" || fail "the writer failed: $(cat "$tmp/writer.err")"
writer=
[ "$after" -gt "$before" ] || fail "no case was committed while the backup ran ($before, $after)"
ok "backup while a counter committed cases ($before acknowledged before it, $after after)"

set -- "$tmp"/b/station-2*.db
[ $# = 1 ] && [ -f "$1" ] || fail "expected one copy station-*.db, found: $(ls -la "$tmp/b")"
copy=$1
case $(basename "$copy") in
station-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9].db) ;;
*) fail "copy name $(basename "$copy")" ;;
esac
[ "$(stat -c %a "$copy")" = 640 ] || fail "copy mode $(stat -c %a "$copy"), not 640"
[ "$(stat -c %a "$tmp/b")" = 750 ] || fail "backup folder mode $(stat -c %a "$tmp/b"), not 750"
[ -z "$(ls -A "$tmp/b" | grep -v '^station-2.*\.db$')" ] ||
	fail "the backup folder holds more: $(ls -A "$tmp/b")"
[ "$(sqlite3 "$copy" 'PRAGMA journal_mode;')" = delete ] || fail "the copy is not a single file"
[ "$(sqlite3 "$copy" 'PRAGMA integrity_check;')" = ok ] || fail "the copy fails integrity_check"
[ ! -e "$tmp/b/station.key" ] || fail "the station key went with the copy"
if [ -f "$st/station.key" ]; then
	for k in $(grep -v '^#' "$st/station.key" | awk '{ print $NF }'); do
		! grep -aqi "$k" "$copy" || fail "a key of station.key is in the copy"
	done
fi
ok "the copy: $(basename "$copy"), 0640 in a 0750 folder, one file, integrity ok"
sqlite3 "$st/station.db" "SELECT count(*) FROM audit WHERE action = 'backup';" | grep -qx 1 ||
	fail "the backup is not in the audit log"
ok "the backup is in the station's audit log"

# A fresh copy of the station (database, key, settings), then the backup put back.
fresh=$tmp/fresh
mkdir "$fresh"
sqlite3 "$st/station.db" ".backup '$fresh/station.db'" || fail "fresh copy"
cp "$st/yizhan.conf" "$fresh/"
[ -f "$st/station.key" ] && cp -p "$st/station.key" "$fresh/"
as restore "$copy" --home "$fresh" >"$tmp/out" 2>&1 || fail "restore: $(cat "$tmp/out")"
cat "$tmp/out"
set -- "$fresh"/backups/before-restore-2*.db
[ -f "$1" ] || fail "the replaced state was not kept: $(ls -la "$fresh" "$fresh/backups" 2>&1)"
grep -qF "$1" "$tmp/out" || fail "restore does not say where the replaced state is kept"
[ "$(sqlite3 "$1" 'SELECT count(*) FROM cases;')" = "$(sqlite3 "$st/station.db" 'SELECT count(*) FROM cases;')" ] ||
	fail "the kept state is not the state that was replaced"
ok "restore kept the replaced state in $(basename "$1") and said where"

sqlite3 "$fresh/station.db" "SELECT number FROM cases;" | sort >"$tmp/restored"
sort "$tmp/acked-before" >"$tmp/acked-sorted"
missing=$(comm -23 "$tmp/acked-sorted" "$tmp/restored" | wc -l)
[ "$missing" = 0 ] || fail "$missing acknowledged cases are missing after the restore: $(comm -23 "$tmp/acked-sorted" "$tmp/restored" | head -5)"
[ "$(sqlite3 "$fresh/station.db" 'SELECT count(*) FROM cases;')" = "$(sqlite3 "$copy" 'SELECT count(*) FROM cases;')" ] ||
	fail "the restored station is not the copy"
ok "all $before cases acknowledged before the backup are in the restored station"

[ "$(sqlite3 "$fresh/station.db" 'PRAGMA integrity_check;')" = ok ] || fail "restored: integrity_check"
"$yz" audit verify --home "$fresh" >"$tmp/out" 2>&1 || fail "restored: audit verify: $(cat "$tmp/out")"
sqlite3 "$fresh/station.db" "SELECT count(*) FROM audit WHERE action = 'restore';" | grep -qx 1 ||
	fail "the restore is not in the audit log"
ok "the restored station passes integrity_check and audit verify; the restore is audited"
echo "cli_backup: $n checks passed"
