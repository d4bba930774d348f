#!/bin/sh
# Issue 14: saving a document to a full disk, for real. No printer is set, so
# documents are saved as files, into a folder on a 1 MB tmpfs (mounted in a
# private mount namespace, as cli_diskfull.sh does: no root needed) that is
# filled up. `yizhan print` then ends in words, not an abort (it used to be
# `free(): double free`, exit 134): the clerk is told the disk is full, the
# case is untouched, the job waits in the reprint list, and no file (whole,
# partial or temporary) is left in the folder. With space freed the same
# document is saved whole. Usage: cli_savefull14.sh PATH/TO/yizhan
set -eu
yz=$1
if [ "${YZ_SAVEFULL_NS:-}" != 1 ]; then
	YZ_SAVEFULL_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/yzsavefull.XXXXXX")
disk="$work/disk"
mkdir "$disk"
mount -t tmpfs -o size=1m tmpfs "$disk" || fail "cannot mount a tmpfs in a mount namespace"
trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT
home="$work/station"
"$yz" init --demo --home "$home" >/dev/null || fail "init"
# No printer: documents go to files, in a folder on the small disk.
sed -i -e 's|^printer_receipt *=.*|printer_receipt =|' -e 's|^printer_a4 *=.*|printer_a4 =|' \
	-e "s|^save_dir *=.*|save_dir = $disk/papers|" "$home/yizhan.conf"
db="$home/station.db"
no=$(sqlite3 "$db" "SELECT number FROM cases ORDER BY id LIMIT 1")
[ -n "$no" ] || fail "the demo has no case"
case_row() { sqlite3 "$db" "SELECT number, status, updated_at FROM cases WHERE number = '$no'"; }
before=$(case_row)
jobs() { sqlite3 "$db" "SELECT count(*) FROM print_jobs WHERE state = '$1'"; }
failed=$(jobs failed)

print() { # print document $1 of case $2 (the first case) as the admin
	"$yz" print "${2:-$no}" --doc "$1" --home "$home" --as admin --password-fd 3 \
		>"$work/out" 2>"$work/err" 3<<EOF
demo1234
EOF
}

mkdir "$disk/papers"
dd if=/dev/zero of="$disk/fill" bs=4k 2>/dev/null || true
set +e
print receipt
rc=$?
set -e
[ $rc -ne 134 ] || fail "print on a full disk aborted (exit 134): $(cat "$work/err")"
[ $rc -ne 0 ] || fail "print on a full disk said it saved: $(cat "$work/out")"
[ $rc -lt 128 ] || fail "print on a full disk died of signal $((rc - 128)): $(cat "$work/err")"
grep -q '磁盘.*满' "$work/err" || fail "the clerk was not told the disk is full: $(cat "$work/err")"
grep -q '重新打印\|重打' "$work/err" || fail "the reprint list is not named: $(cat "$work/err")"
ok "a full disk: exit $rc, the clerk told the disk is full and the job waits"

[ -z "$(ls -A "$disk/papers")" ] || fail "files left in the folder: $(ls -la "$disk/papers")"
ok "no file, partial or temporary, left under the folder"

[ "$(case_row)" = "$before" ] || fail "the case changed: $(case_row), was $before"
[ "$(jobs failed)" = $((failed + 1)) ] || fail "failed jobs: $(jobs failed), not $((failed + 1))"
ok "the case stays as it was; its job is in the reprint list"

# A certificate (a PDF of some 50 KB) with 8 KB free: written in part, then
# the disk is full. Nothing of it stays, under its name or any other.
cert=$(sqlite3 "$db" "SELECT number FROM cases WHERE form_id = 'residence_certificate'
	ORDER BY id LIMIT 1")
[ -n "$cert" ] || fail "the demo has no residence certificate"
size=$(stat -c %s "$disk/fill")
truncate -s $((size - 8192)) "$disk/fill"
set +e
print certificate "$cert"
rc=$?
set -e
[ $rc -ne 0 ] && [ $rc -lt 128 ] || fail "the certificate on a full disk: exit $rc: $(cat "$work/err")"
grep -q '磁盘.*满' "$work/err" || fail "the certificate: $(cat "$work/err")"
[ -z "$(ls -A "$disk/papers")" ] || fail "part of the certificate left: $(ls -la "$disk/papers")"
ok "a certificate cut off by a full disk: exit $rc, no partial file"

rm "$disk/fill"
print receipt || fail "print after freeing space: $(cat "$work/err")"
f=$(ls "$disk/papers")
[ "$(echo "$f" | wc -l)" = 1 ] && [ -s "$disk/papers/$f" ] || fail "saved: $(ls -la "$disk/papers")"
sqlite3 "$db" "SELECT count(*) FROM print_jobs WHERE state = 'saved'" | grep -qv '^0$' ||
	fail "no saved job"
ok "space freed: the document is saved whole ($f)"
