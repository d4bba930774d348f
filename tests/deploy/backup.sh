#!/bin/sh
# deploy-backup: data/deploy/yizhan-backup on a demo station while a counter is
# in the middle of a write (a transaction holding the write lock): the copy is
# taken at once, without the unfinished change, as one checked file for the
# owner and group only, that `yizhan audit verify` accepts as a station; old
# copies go after KEEP_DAYS, other files stay; once the change is committed the
# next copy has it; a folder without a station is refused in plain words.
#
#   backup.sh DEPLOY_DIR YIZHAN
set -u
script=$1/yizhan-backup
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
db=$tmp/station/station.db
"$yz" init --demo --residents 50 --home "$tmp/station" >/dev/null || fail "yizhan init --demo failed"

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

YIZHAN_HOME=$tmp/station BACKUP_DIR=$tmp/b timeout 30 sh "$script" >"$tmp/out" 2>&1 ||
	fail "backup during a write: $(cat "$tmp/out")"
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
"$yz" audit verify --home "$tmp/restore" || fail "audit verify of the restored copy"

# The change committed: the next copy has it.
echo "COMMIT;" >&3
exec 3>&-
wait "$writer" || fail "the writer: $(cat "$tmp/w.out")"
writer=
sleep 1 # a new second: a new file name
touch -d '40 days ago' "$tmp/b/station-20000101-000000.db"
echo keep >"$tmp/b/notes.txt"
YIZHAN_HOME=$tmp/station BACKUP_DIR=$tmp/b KEEP_DAYS=30 sh "$script" >"$tmp/out" 2>&1 ||
	fail "second backup: $(cat "$tmp/out")"
cat "$tmp/out"
[ ! -e "$tmp/b/station-20000101-000000.db" ] || fail "a copy older than KEEP_DAYS was kept"
[ -f "$tmp/b/notes.txt" ] || fail "a file that is not a copy was deleted"
set -- "$tmp"/b/station-2*.db
[ $# = 2 ] || fail "expected two copies, found: $*"
[ "$(sqlite3 "$2" 'SELECT x FROM backup_probe;')" = 1 ] || fail "the committed change is not in the next copy"

if YIZHAN_HOME=$tmp/none BACKUP_DIR=$tmp/b sh "$script" 2>"$tmp/err"; then
	fail "a folder without a station was backed up"
fi
grep -q "no station database" "$tmp/err" || fail "no station: $(cat "$tmp/err")"
echo "deploy-backup: copy during a write, retention, audit verify of the copy checked"
