#!/bin/sh
# Issue 14, files and access, with the real binary:
#  1. everything a station writes is closed to other users, whatever the
#     shell's umask and though its folders were made 0755 beforehand (mkdir, a
#     package): the station's folder, station.db, -wal, -shm, yizhan.conf,
#     station.key, saved documents, exports, rejects, --pdf files; and the
#     demo's private print server folder, made the way ./run makes it;
#  2. a name given to yizhan never destroys a file: a device, a symbolic link,
#     a folder, a FIFO and another user's file are refused in Chinese and left
#     as they were; an own file is replaced whole; a write that fails (a full
#     disk) leaves the old file and no temporary;
#  3. yizhan.conf and the calendar file are read only when they are regular
#     files of a settings file's size (calendar_file = /dev/zero once read
#     2 GB): every command here runs under a timeout, so a regression fails
#     instead of hanging the suite.
# Usage: cli_files14.sh PATH/TO/yizhan PATH/TO/with-cupsd
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
with_cupsd=$2
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL || true
umask 022 # an admin's shell: yizhan must not depend on it
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }
skip() { echo "skip - $*"; }
idno() {
	echo "$1" | awk '{ split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); s = 0
		for (i = 1; i <= 17; i++) s += substr($1, i, 1) * w[i]
		print $1 substr("10X98765432", s % 11 + 1, 1) }'
}

work=$(mktemp -d "${TMPDIR:-/tmp}/yzfiles14.XXXXXX")
holder=
cleanup() {
	rm -f "$work/hold"
	[ -z "$holder" ] || wait "$holder" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
home="$work/station"
out="$work/out"
mkdir "$home" "$out" "$work/in" # 0755, as mkdir or a package leaves them
[ "$(stat -c %a "$home")" = 755 ] || fail "the test's station folder is not 0755"
T() { timeout 30 "$yz" "$@" --home "$home"; } # a hang fails, never blocks the suite
count() { sqlite3 "$home/station.db" "SELECT count(*) FROM residents"; }

# ---- 1. modes ------------------------------------------------------------------------------

T init --demo >/dev/null || fail "init --demo in a folder made 0755"
# This test's OS account stands for the admin (issue 14: personal data needs
# a named account); the demo's printers blank, so documents are saved.
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$home/yizhan.conf"
sed -i -e 's/^printer_receipt = .*/printer_receipt =/' -e 's/^printer_a4 = .*/printer_a4 =/' \
	"$home/yizhan.conf"
# A station of an older version: its files 0644, its documents' folder 0755.
chmod 0644 "$home/yizhan.conf" "$home/station.db"
mkdir "$home/printed"

# Another program (sqlite3, a backup) keeps the database open: -wal and -shm
# stay, made by it with station.db's 0644 of then.
: >"$work/hold"
python3 - "$home/station.db" "$work/hold" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM sqlite_master").fetchall()
open(sys.argv[2] + ".ready", "w").close()
t = time.time()
while os.path.exists(sys.argv[2]) and time.time() - t < 100:
    time.sleep(0.05)
PY
holder=$!
i=0
until [ -e "$work/hold.ready" ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "the holder did not open the database"
	sleep 0.05
done
[ -e "$home/station.db-wal" ] && [ -e "$home/station.db-shm" ] ||
	fail "no -wal/-shm while the database is open: $(ls "$home")"

case_no=$(T cases list | head -1 | cut -d' ' -f1)
[ -n "$case_no" ] || fail "the demo has no case"
said=$(T print "$case_no" --doc receipt) || fail "print with no printer: $said"
[ -f "$home/printed/$case_no-receipt.bin" ] || fail "no saved receipt: $said"
T residents export "$out/residents.csv" >/dev/null || fail "residents export"
T residents sheet 000001 --pdf "$out/sheet.pdf" >/dev/null || fail "residents sheet --pdf"
T grid book 第一网格 --pdf "$out/book.pdf" >/dev/null || fail "grid book --pdf"
head='户编号,身份证号,姓名,民族,联系电话,人员类别,就业状况,户籍地址,居住地址,与户主关系,备注'
{
	printf '\357\273\277%s\r\n' "$head"
	printf 'F1,%s,甲一,汉族,13900000001,,,,杭州市,户主,\r\n' "$(idno 33010619800102101)"
	printf 'F1,%s,乙二,汉族,12ab,,,,杭州市,配偶,\r\n' "$(idno 33010619810203102)"
} >"$work/in/new.csv"
set +e
said=$(T residents import "$work/in/new.csv" --rejects "$out/rejects.csv")
rc=$?
set -e
[ $rc -eq 3 ] && [ -f "$out/rejects.csv" ] || fail "import with a rejected row ($rc): $said"
for f in station.db station.db-wal station.db-shm yizhan.conf station.key; do
	[ -f "$home/$f" ] || fail "$f is missing: $(ls "$home")"
done
open=$(find "$home" -perm /o=rwx -printf '%m %p\n'; find "$out" -mindepth 1 -perm /o=rwx -printf '%m %p\n')
[ -z "$open" ] || fail "open to other users:
$open"
for d in "$home" "$home/printed"; do
	[ "$(stat -c %a "$d")" = 750 ] || fail "$d is $(stat -c %a "$d"), not 750"
done
for f in "$out"/* "$home/printed"/*; do
	[ "$(stat -c %a "$f")" = 640 ] || fail "$f is $(stat -c %a "$f"), not 640"
done
ok "umask 022, folders made 0755, files of an older version 0644: nothing under the station, no export, rejects file, PDF or saved document is open to other users"
rm -f "$work/hold"
wait "$holder" || true
holder=

# ---- 2. a name never destroys a file -------------------------------------------------------

# Each kind of name the three paths must refuse, made in this test's folder
# (never a real /dev node): its kind and what to say it is, and a way to
# see it is as it was.
cands="link dir fifo"
echo "the target" >"$work/target"
ln -s "$work/target" "$work/link"
mkdir "$work/dir"
mkfifo "$work/fifo"
if mknod "$work/dev" c 1 3 2>/dev/null; then # /dev/null's numbers
	cands="dev $cands"
else
	skip "mknod needs root: no device case"
fi
if echo "another user's" >"$work/other" && chown nobody "$work/other" 2>/dev/null; then
	cands="$cands other"
else
	skip "chown needs root: no other user's file case"
fi
state() { # NAME → what it is, to compare before and after
	case $1 in
	link) echo "$(readlink "$work/link") $(cat "$work/target")" ;;
	dir) echo "$(stat -c %F "$work/dir") $(ls -A "$work/dir" | wc -l)" ;;
	*) stat -c '%F %t:%T %U %s' "$work/$1" ;;
	esac
}
phrase() {
	case $1 in
	dev) echo '是设备，不是文件' ;;
	link) echo '是符号链接' ;;
	dir) echo '是文件夹，不是文件' ;;
	fifo) echo '是管道或套接字，不是文件' ;;
	other) echo '属于另一个用户（nobody）' ;;
	esac
}
before=$(count)
for c in $cands; do
	was=$(state "$c")
	for how in export rejects pdf; do
		set +e
		case $how in
		export) T residents export "$work/$c" >/dev/null 2>"$work/err" ;;
		rejects) T residents import "$work/in/new.csv" --rejects "$work/$c" \
			>/dev/null 2>"$work/err" ;;
		pdf) T residents sheet 000001 --pdf "$work/$c" >/dev/null 2>"$work/err" ;;
		esac
		rc=$?
		set -e
		[ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "$how to a $c: exit $rc"
		grep -q "$work/$c $(phrase "$c")" "$work/err" ||
			fail "$how to a $c said: $(cat "$work/err")"
		[ "$(state "$c")" = "$was" ] || fail "$how changed the $c: $was -> $(state "$c")"
	done
done
[ "$(count)" = "$before" ] || fail "an import with a refused rejects file imported rows"
left=$(ls -A "$work" | grep '^\.' || true)
[ -z "$left" ] || fail "temporary files left: $left"
ok "export, --rejects and --pdf refuse ($cands) in Chinese, leave each as it was, import nothing"

echo old >"$out/residents.csv"
chmod 0644 "$out/residents.csv"
T residents export "$out/residents.csv" >/dev/null || fail "export over an own file"
[ "$(wc -l <"$out/residents.csv")" -gt 100 ] || fail "the own file was not replaced"
[ "$(stat -c %a "$out/residents.csv")" = 640 ] || fail "the replaced file is not 0640"
ok "an own regular file is replaced whole, 0640"

# A full disk: the output folder a 64 KB tmpfs in a private mount namespace
# (as cli_diskfull.sh), an old export in it, the rest filled.
cat >"$work/full.sh" <<'EOF'
set -eu
small=$1
mount -t tmpfs -o size=64k tmpfs "$small"
echo "the old export" >"$small/residents.csv"
dd if=/dev/zero of="$small/fill" bs=4k 2>/dev/null || true
set +e
timeout 30 "$yz" residents export "$small/residents.csv" --home "$home" 2>"$small/../full.err"
rc=$?
set -e
echo "rc=$rc"
echo "old=$(cat "$small/residents.csv")"
echo "files=$(ls -A "$small" | tr '\n' ' ')"
EOF
mkdir "$work/small"
if res=$(yz=$yz home=$home unshare --user --map-root-user --mount sh "$work/full.sh" "$work/small" 2>&1); then
	echo "$res" | grep -q '^rc=[1-9]' || fail "an export to a full disk: $res"
	echo "$res" | grep -qx 'old=the old export' || fail "the old export changed: $res"
	echo "$res" | grep -qx 'files=fill residents.csv ' || fail "a temporary was left: $res"
	grep -q '磁盘已满' "$work/full.err" || fail "full disk said: $(cat "$work/full.err")"
	ok "a write to a full disk: the clerk is told, the old file is as it was, no temporary"
else
	fail "cannot make a small disk: $res"
fi

# ---- 3. settings and calendar read with a limit --------------------------------------------

cp -p "$home/yizhan.conf" "$work/conf.orig"
conf_refused() { # WHAT PHRASE: a command refuses the settings as they are now
	set +e
	T cases list >/dev/null 2>"$work/err"
	rc=$?
	set -e
	[ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "$1: exit $rc"
	grep -q "$2" "$work/err" || fail "$1 said: $(cat "$work/err")"
}
echo 'calendar_file = /dev/zero' >>"$home/yizhan.conf"
conf_refused "calendar_file = /dev/zero" '/dev/zero 不是普通文件'
cp -p "$work/conf.orig" "$home/yizhan.conf"
mkfifo "$work/cal.fifo"
echo "calendar_file = $work/cal.fifo" >>"$home/yizhan.conf"
conf_refused "a FIFO calendar" "$work/cal.fifo 不是普通文件"
cp -p "$work/conf.orig" "$home/yizhan.conf"
yes '# a comment line, as a calendar has' | head -c 2000000 >"$work/cal.big"
echo "calendar_file = $work/cal.big" >>"$home/yizhan.conf"
conf_refused "a 2 MB calendar" "$work/cal.big 大于 1024 KB"
cp -p "$work/conf.orig" "$home/yizhan.conf"
ok "calendar_file: /dev/zero, a FIFO, a 2 MB file refused by name (and the limit), nothing read"

yes '# a comment line, as yizhan.conf has' | head -c 10000000 >>"$home/yizhan.conf"
conf_refused "a 10 MB yizhan.conf" "$home/yizhan.conf 大于 1024 KB"
rm "$home/yizhan.conf"
mkfifo -m 0640 "$home/yizhan.conf"
conf_refused "a FIFO yizhan.conf" "$home/yizhan.conf 不是普通文件"
rm "$home/yizhan.conf"
cp -p "$work/conf.orig" "$home/yizhan.conf"
T cases list >/dev/null || fail "the station with its own yizhan.conf again"
ok "yizhan.conf: 10 MB and a FIFO refused by name (and the limit), without hanging"

# ---- 4. the demo's print server, as ./run starts it ----------------------------------------

sed -i -e 's/^printer_receipt =.*/printer_receipt = receipt/' \
	-e 's/^printer_a4 =.*/printer_a4 = a4/' "$home/yizhan.conf"
mkdir -p "$home/cups"
CUPS_TEST_DIR=$home/cups YZ_KEEP_CUPS=1 YZ_DEMO_PRINTERS=1 timeout 60 "$with_cupsd" \
	sh -c '"$1" print "$2" --doc receipt --home "$3" >/dev/null || exit 1
	i=0
	until ls "$YZ_CAPTURE_DIR"/receipt-*.bin >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -lt 100 ] || exit 1; sleep 0.1
	done' sh "$yz" "$case_no" "$home" 2>"$work/err" ||
	fail "a receipt through the demo's print server: $(cat "$work/err")"
ls "$home/cups/capture"/receipt-*.bin >/dev/null || fail "no captured receipt"
# Symbolic links and the socket: their own bits guard nothing (the folder does).
open=$(find "$home/cups" ! -type l ! -type s -perm /o=rwx -printf '%m %p\n')
[ -z "$open" ] || fail "the demo's print server folder is open to other users:
$open"
[ "$(stat -c %a "$home/cups")" = 750 ] || fail "cups folder is $(stat -c %a "$home/cups")"
ok "the demo's print server folder, its captured receipts and logs: closed to other users"
