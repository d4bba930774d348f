#!/bin/sh
# A full disk, for real: the station lives on a 2 MB tmpfs mounted in a private
# mount namespace (unshare: no root needed), and the disk is filled up. A
# write then fails with the clerk's message ("磁盘已满…"), nothing is half
# saved (the import is one transaction; the audit chain holds), and after space
# is freed the same command succeeds. Two ways a disk fills: before the station
# is opened (the WAL index cannot be made) and while it works (the WAL cannot
# grow). Usage: cli_diskfull.sh PATH/TO/yizhan
set -eu
yz=$1
if [ "${YZ_DISKFULL_NS:-}" != 1 ]; then
	YZ_DISKFULL_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/yzfull.XXXXXX")
disk="$work/disk"
mkdir "$disk"
mount -t tmpfs -o size=2m tmpfs "$disk" || fail "cannot mount a tmpfs in a mount namespace"
trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT
home="$disk/station"
"$yz" init --demo --home "$home" >/dev/null || fail "init"
# Issue 14: this test's OS account acts as the station's admin (os_accounts).
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$home/yizhan.conf"
count() { sqlite3 "$home/station.db" "SELECT count(*) FROM residents"; }
before=$(count)

# 200 new people: the demo's, with ID numbers of another district (check digit
# recomputed) and households of their own (the tabs the export puts before
# numbers for Excel taken off).
"$yz" residents export "$work/demo.csv" --home "$home" >/dev/null
awk -F, 'BEGIN { OFS = ","; split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
                 m = "10X98765432" }
NR == 1 { print; next }
{ gsub(/\t/, ""); body = "330183" substr($2, 7, 11); s = 0
  for (i = 1; i <= 17; i++) s += substr(body, i, 1) * w[i]
  $2 = body substr(m, s % 11 + 1, 1); $1 = "9" substr($1, 2); print }' \
	"$work/demo.csv" >"$work/new.csv"

fill() { # leave $1 KB free
	dd if=/dev/zero of="$disk/fill" bs=4k 2>/dev/null || true
	size=$(stat -c %s "$disk/fill")
	truncate -s $((size - $1 * 1024)) "$disk/fill"
}
import() {
	"$yz" residents import "$work/new.csv" --home "$home" >"$work/out" 2>"$work/err"
}

for free in 0 64; do
	fill "$free"
	if import; then fail "import on a full disk ($free KB free) succeeded"; fi
	grep -q '磁盘已满' "$work/err" || fail "$free KB free: said $(cat "$work/err")"
	rm "$disk/fill"
	[ "$(count)" = "$before" ] || fail "$free KB free: $(count) residents, not $before"
	"$yz" audit verify --home "$home" >/dev/null || fail "audit chain after a full disk"
	ok "full disk ($free KB free): the clerk is told the disk is full; nothing is imported"
done

import || fail "import after freeing space: $(cat "$work/err")"
[ "$(count)" = $((before + 200)) ] || fail "after freeing space: $(count) residents"
ok "space freed: the same import succeeds and the audit chain holds"
