#!/bin/sh
# Issue 16: a report saved to a full disk, for real (a 1 MB tmpfs in a private
# mount namespace, as cli_diskfull.sh does: no root needed). test_report16
# --diskfull DIR writes a 20,000-row report as xlsx and as CSV into DIR and
# checks that the clerk is told the disk is full and that no file (whole, half
# or temporary, nor libxlsxwriter's private folder) is left in DIR.
# Usage: report16_diskfull.sh PATH/TO/test_report16
set -eu
t=$1
if [ "${YZ_REPORTFULL_NS:-}" != 1 ]; then
	YZ_REPORTFULL_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/yzreportfull.XXXXXX")
disk="$work/disk"
mkdir "$disk"
mount -t tmpfs -o size=1m tmpfs "$disk" || fail "cannot mount a tmpfs in a mount namespace"
trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT
# leave 64 KB free: too little for the report, enough to start writing it
dd if=/dev/zero of="$disk/fill" bs=4k 2>/dev/null || true
size=$(stat -c %s "$disk/fill")
truncate -s $((size - 64 * 1024)) "$disk/fill"
"$t" --diskfull "$disk" || fail "a full disk was not told, or left files behind"
echo "ok 1 - a report on a full disk: the clerk is told; nothing is left behind"
