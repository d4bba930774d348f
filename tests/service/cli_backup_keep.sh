#!/bin/sh
# cli_backup_keep (issue 14): `yizhan backup` keeps backup_keep generations,
# removing only the oldest of its own station-YYYYmmdd-HHMMSS.db files (never
# another file, a link or its target, another name); copies are 0640 in a
# 0750 folder (made so, or tightened when it was open); `yizhan restore`
# refuses a damaged copy, a file that is no database, a database that is no
# yizhan station, a copy of another station (another station key) and a copy
# whose audit log was edited, in plain Chinese words, and leaves the live
# station untouched each time (nothing kept, nothing changed).
#
#   cli_backup_keep.sh YIZHAN
set -u
yz=$1
n=0
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli-backup-keep.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export LANGUAGE= LC_ALL=C.UTF-8 TZ=Asia/Shanghai

# The station's admin acts (--as, the password on descriptor 3).
as() {
	"$yz" "$@" --as admin --password-fd 3 3<<EOF
demo1234
EOF
}

st=$tmp/st
"$yz" init --demo --residents 30 --home "$st" >/dev/null || fail "init --demo"
other=$tmp/other
"$yz" init --demo --residents 30 --home "$other" >/dev/null || fail "init --demo (other)"

# ---- generations -----------------------------------------------------------
echo "backup_keep = 3" >>"$st/yizhan.conf"
b=$st/backups
mkdir -m 755 "$b"
for d in 20200101-000000 20200102-000000 20200103-000000; do
	echo old >"$b/station-$d.db"
done
echo victim >"$tmp/victim"
ln -s "$tmp/victim" "$b/station-20190101-000000.db"       # a link with our name
echo notes >"$b/notes.txt"
echo x >"$b/station-old.db"                                # not our name
echo x >"$b/station-20190101-000000.db.txt"
echo x >"$b/before-restore-20190101-000000.db"
mkdir "$b/station-20180101-000000.db"                      # a folder with our name
as backup --home "$st" >"$tmp/out" 2>&1 || fail "backup 1: $(cat "$tmp/out")"
cat "$tmp/out"
as backup --home "$st" >"$tmp/out" 2>&1 || fail "backup 2: $(cat "$tmp/out")"
cat "$tmp/out"
[ "$(stat -c %a "$b")" = 750 ] || fail "an open backup folder was not tightened: $(stat -c %a "$b")"
regs=$(find "$b" -maxdepth 1 -type f -name 'station-2*.db' | sort)
[ "$(echo "$regs" | wc -l)" = 3 ] || fail "backup_keep 3 kept: $regs"
[ ! -e "$b/station-20200101-000000.db" ] && [ ! -e "$b/station-20200102-000000.db" ] ||
	fail "the oldest copies were not removed: $(ls "$b")"
[ -f "$b/station-20200103-000000.db" ] || fail "the third newest copy was removed"
for f in station-20190101-000000.db notes.txt station-old.db station-20190101-000000.db.txt \
	before-restore-20190101-000000.db station-20180101-000000.db; do
	[ -e "$b/$f" ] || [ -L "$b/$f" ] || fail "$f was removed"
done
[ -L "$b/station-20190101-000000.db" ] && [ "$(cat "$tmp/victim")" = victim ] ||
	fail "the link or its target was touched"
grep -q "station-20200102-000000.db" "$tmp/out" || fail "the removal was not told: $(cat "$tmp/out")"
ok "backup_keep 3: the two oldest copies of ours removed; links, folders, other names kept"
for f in $(find "$b" -maxdepth 1 -type f -name 'station-202[1-9]*.db'); do
	[ "$(stat -c %a "$f")" = 640 ] || fail "$f: mode $(stat -c %a "$f")"
done
ok "copies 0640, folder 0750"

# A destination that is not a folder is refused.
if as backup "$tmp/victim" --home "$st" >"$tmp/out" 2>&1; then
	fail "a file as the backup folder was accepted"
fi
[ "$(cat "$tmp/victim")" = victim ] || fail "the file given as a folder was changed"
ok "a file given as the folder is refused, left as it was"

# A clerk may not, even on root's terminal: no copy, nothing restored.
if "$yz" --help 2>&1 | grep -q -- '--as'; then
	count=$(ls "$b" | wc -l)
	if "$yz" backup --home "$st" --as zhangli --password-fd 3 >"$tmp/out" 2>&1 3<<EOF
demo1234
EOF
	then
		fail "a clerk made a backup: $(cat "$tmp/out")"
	fi
	[ "$(ls "$b" | wc -l)" = "$count" ] || fail "a clerk's refused backup left a file"
	ok "a clerk's backup is refused: $(head -1 "$tmp/out")"
fi

# ---- restore refuses -------------------------------------------------------
set -- $(find "$b" -maxdepth 1 -type f -name 'station-202[1-9]*.db' | sort)
good=$1
state() {
	printf '%s|%s|%s\n' \
		"$(sqlite3 "$st/station.db" 'SELECT group_concat(number) FROM (SELECT number FROM cases ORDER BY id);')" \
		"$(sqlite3 "$st/station.db" "SELECT count(*) FROM audit WHERE action NOT LIKE 'login%';")" \
		"$(ls "$b" | sort | tr '\n' ' ')"
}
live=$(state)
refused() { # WHAT FILE WORDS: refused in Chinese, the station unchanged
	if LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 as restore "$2" --home "$st" >"$tmp/out" 2>&1; then
		fail "restore of $1 was accepted: $(cat "$tmp/out")"
	fi
	grep -q "$3" "$tmp/out" || fail "restore of $1: not the plain words \"$3\": $(cat "$tmp/out")"
	[ "$(state)" = "$live" ] || fail "restore of $1 changed the station"
	[ "$(sqlite3 "$st/station.db" 'PRAGMA integrity_check;')" = ok ] ||
		fail "restore of $1 damaged the station"
	ok "restore refuses $1, the station untouched: $(head -1 "$tmp/out")"
}

# Damaged: pages in the middle overwritten.
cp "$good" "$tmp/damaged.db"
pages=$(( $(stat -c %s "$tmp/damaged.db") / 4096 ))
dd if=/dev/urandom of="$tmp/damaged.db" bs=4096 seek=$((pages / 2)) count=4 conv=notrunc 2>/dev/null
refused "a damaged copy" "$tmp/damaged.db" "损坏"

# No database at all.
printf 'id,name\n1,x\n' >"$tmp/text.db"
refused "a text file" "$tmp/text.db" "损坏\|不是"

# A database, but no yizhan station.
sqlite3 "$tmp/foreign.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
refused "an SQLite file of another program" "$tmp/foreign.db" "不是一站"

# A copy of another station (its own station key).
as backup "$tmp/ob" --home "$other" >"$tmp/out" 2>&1 || fail "backup of the other station: $(cat "$tmp/out")"
set -- "$tmp"/ob/station-2*.db
refused "a copy of another station" "$1" "审计\\|密钥"

# A copy whose audit log was edited with sqlite3 (its guard dropped first).
cp "$good" "$tmp/edited.db"
sqlite3 "$tmp/edited.db" "DROP TRIGGER IF EXISTS audit_no_update;
	UPDATE audit SET detail = detail || ' ' WHERE id = (SELECT min(id) + 1 FROM audit);" ||
	fail "could not edit the copy's audit log"
refused "a copy whose audit log was edited" "$tmp/edited.db" "审计\\|密钥"

# A copy with a case edited with sqlite3.
cp "$good" "$tmp/case.db"
sqlite3 "$tmp/case.db" "UPDATE cases SET resident_name = resident_name || '甲' WHERE id = 1;" ||
	fail "could not edit a case of the copy"
refused "a copy with a case edited" "$tmp/case.db" "审计\\|密钥"

# A clerk.
if "$yz" --help 2>&1 | grep -q -- '--as'; then
	if "$yz" restore "$good" --home "$st" --as zhangli --password-fd 3 >"$tmp/out" 2>&1 3<<EOF
demo1234
EOF
	then
		fail "a clerk restored the station"
	fi
	[ "$(state)" = "$live" ] || fail "a clerk's refused restore changed the station"
	ok "a clerk's restore is refused, the station untouched"
fi

# A folder, and a file that does not exist.
refused "a folder" "$b" "不是"
refused "a missing file" "$tmp/none.db" "不是"

# The good copy is accepted (the same station, the same key).
as restore "$good" --home "$st" >"$tmp/out" 2>&1 || fail "restore of a good copy: $(cat "$tmp/out")"
ok "restore of this station's own copy is accepted"
echo "cli_backup_keep: $n checks passed"
