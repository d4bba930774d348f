#!/bin/sh
# deploy-backup: yizhan-backup.service's command (its ExecStart= with the built
# yizhan for /usr/bin/yizhan, its Environment= with a demo station for
# /var/lib/yizhan) while a counter is in the middle of a write (a transaction
# holding the write lock): the copy is taken at once, without the unfinished
# change, as one checked file for the owner and group only, in the folder the
# station's setting backup_dir names; `yizhan audit verify` accepts it as a
# station; once the change is committed the next copy has it; a folder
# without a station is refused in plain words. The retired script
# (data/deploy/yizhan-backup, sqlite3 .backup) is gone.
#
#   backup.sh DEPLOY_DIR YIZHAN
set -u
deploy=$1
yz=$2
fail() {
	echo "deploy-backup: $*" >&2
	exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deploy-backup.XXXXXX") || exit 1
writer=
cleanup() {
	[ -n "$writer" ] && kill "$writer" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export LANGUAGE=en LC_ALL=C.UTF-8

unit=$deploy/yizhan-backup.service
[ ! -e "$deploy/yizhan-backup" ] || fail "the retired script data/deploy/yizhan-backup is still shipped"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ "$exec_start" = "/usr/bin/yizhan backup" ] ||
	fail "the service runs \"$exec_start\", not /usr/bin/yizhan backup"
home=$(sed -n 's/^Environment=YIZHAN_HOME=//p' "$unit")
[ "$home" = /var/lib/yizhan ] || fail "the service's YIZHAN_HOME is \"$home\""

# The unit's command on a test station: its YIZHAN_HOME, the built program.
run_unit() { # HOME
	YIZHAN_HOME=$1 timeout 60 "$yz" ${exec_start#/usr/bin/yizhan }
}

st=$tmp/station
db=$st/station.db
"$yz" init --demo --residents 50 --home "$st" >/dev/null || fail "yizhan init --demo failed"
echo "backup_dir = $tmp/b" >>"$st/yizhan.conf"

# A counter's write in progress: sqlite3 reading its SQL from a FIFO.
mkfifo "$tmp/w"
sqlite3 "$db" <"$tmp/w" >"$tmp/w.out" 2>&1 &
writer=$!
exec 3>"$tmp/w"
# The writer waits for the lock (.timeout): the probe below takes it briefly,
# and a writer without a busy timeout failed when the two met (a loaded machine).
printf '.timeout 30000\n' >&3
echo "BEGIN IMMEDIATE; CREATE TABLE backup_probe(x); INSERT INTO backup_probe VALUES (1);" >&3
i=0
while sqlite3 "$db" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the writer never took the write lock: $(cat "$tmp/w.out")"
	sleep 0.1
done

# The copy is made while the writer holds the lock; the backup's own audit
# row waits for the lock, so the change is committed once the copy is there.
run_unit "$st" >"$tmp/out" 2>&1 &
backup=$!
i=0
until set -- "$tmp"/b/station-2*.db && [ -f "$1" ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "no copy while a counter was writing: $(cat "$tmp/out")"
	kill -0 $backup 2>/dev/null || [ $i -lt 3 ] || fail "backup during a write: $(cat "$tmp/out")"
	sleep 0.1
done
echo "COMMIT;" >&3
exec 3>&-
wait "$writer" || fail "the writer: $(cat "$tmp/w.out")"
writer=
wait $backup || fail "backup during a write: $(cat "$tmp/out")"
cat "$tmp/out"
set -- "$tmp"/b/station-2*.db
[ $# = 1 ] && [ -f "$1" ] || fail "expected one new copy, found: $*"
copy=$1
[ "$(stat -c %a "$copy")" = 640 ] || fail "copy mode $(stat -c %a "$copy"), not 640"
[ "$(stat -c %a "$tmp/b")" = 750 ] || fail "backup folder mode $(stat -c %a "$tmp/b"), not 750"
[ ! -e "$copy-wal" ] && [ "$(sqlite3 "$copy" 'PRAGMA journal_mode;')" = delete ] ||
	fail "the copy is not a single file"
[ "$(sqlite3 "$copy" 'PRAGMA integrity_check;')" = ok ] || fail "the copy fails integrity_check"
[ -z "$(sqlite3 "$copy" "SELECT name FROM sqlite_master WHERE name = 'backup_probe';")" ] ||
	fail "the copy holds a change that was never committed"
n_db=$(sqlite3 "$db" 'SELECT count(*) FROM residents;')
n_copy=$(sqlite3 "$copy" 'SELECT count(*) FROM residents;')
[ "$n_db" = "$n_copy" ] && [ "$n_copy" -gt 0 ] || fail "residents: $n_db in the station, $n_copy in the copy"
mkdir "$tmp/restore"
cp "$copy" "$tmp/restore/station.db"
[ -f "$st/station.key" ] && cp -p "$st/station.key" "$tmp/restore/"
"$yz" audit verify --home "$tmp/restore" || fail "audit verify of the restored copy"

# The change committed: the next copy has it.
sleep 1 # a new second: a new file name
run_unit "$st" >"$tmp/out" 2>&1 || fail "second backup: $(cat "$tmp/out")"
cat "$tmp/out"
set -- "$tmp"/b/station-2*.db
[ $# = 2 ] || fail "expected two copies, found: $*"
[ "$(sqlite3 "$2" 'SELECT x FROM backup_probe;')" = 1 ] || fail "the committed change is not in the next copy"

if run_unit "$tmp/none" >"$tmp/out" 2>&1; then
	fail "a folder without a station was backed up"
fi
grep -q "no station" "$tmp/out" || fail "no station: $(cat "$tmp/out")"
[ ! -e "$tmp/none" ] || fail "backup of no station made $tmp/none"
echo "deploy-backup: the service's yizhan backup during a write, checked; audit verify of the copy"
