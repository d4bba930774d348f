#!/bin/sh
# The program knows only its install paths: without the environment that points
# it at a build tree (YIZHAN_DATADIR, YIZHAN_LOCALEDIR, YIZHAN_RENDER_MODULE,
# set for every test by the top meson.build), the built binary does not find
# the tree it was built from. It says in plain words, in the clerk's language
# when its catalogue is there, that its own files are missing — never crashes.
# yizhan.conf's forms_dir and calendar_file are written empty by init (they
# follow the installed program); a path written there still wins.
#
# Usage: no-tree.sh PATH/TO/yizhan INSTALLED-DATADIR
# (run by meson test, whose setup exports the three variables)
set -eu
yz=$1
datadir=$2
tree=${YIZHAN_DATADIR:?run under meson test}
po=${YIZHAN_LOCALEDIR:?run under meson test}
module=${YIZHAN_RENDER_MODULE:?run under meson test}
if [ -d "$datadir/forms" ]; then
	echo "yizhan is installed in $datadir on this machine: nothing to show here"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yznotree.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL LC_MESSAGES YIZHAN_HOME || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }
# Runs yizhan with none of the three variables, plus the NAME=VALUE given
# before the arguments; its exit status in $rc, stdout+stderr in $tmp/out.
bare() {
	set +e
	env -u YIZHAN_DATADIR -u YIZHAN_LOCALEDIR -u YIZHAN_RENDER_MODULE -u YIZHAN_HUB_MODULE "$@" \
		>"$tmp/out" 2>&1 </dev/null
	rc=$?
	set -e
}
# The run ended with exit status 1, no signal, and said $1.
said() {
	[ "$rc" -eq 1 ] || fail "exit status $rc (want 1): $(cat "$tmp/out")"
	grep -qF -- "$1" "$tmp/out" || fail "no \"$1\" in: $(cat "$tmp/out")"
}

# Nothing found: no catalogue either, so the message is the English original.
bare "$yz" init --demo --home "$tmp/a"
said "yizhan's own files are missing: the forms folder $datadir/forms cannot be read"
said "Reinstall yizhan"
grep -qF "$tree" "$tmp/out" && fail "the source tree was found: $(cat "$tmp/out")"
[ -f "$tmp/a/station.db" ] && fail "init made a station without forms"
ok "init with no tree: the installed forms folder is missing, plainly, in English"

# With the catalogue (as an installed program has it): in Chinese.
bare YIZHAN_LOCALEDIR="$po" "$yz" init --demo --home "$tmp/b"
said "一站的程序文件缺失：无法读取表单文件夹 $datadir/forms"
said "请重新安装一站"
ok "init with no tree, catalogue found: the same in Chinese"

bare YIZHAN_LOCALEDIR="$po" "$yz" forms check --home "$tmp/b"
said "无法读取表单文件夹 $datadir/forms"
ok "forms check with no tree: the same message"

# A station made with the tree: its yizhan.conf leaves the paths empty …
"$yz" init --demo --home "$tmp/st" >/dev/null || fail "init --demo with the tree"
# Issue 14: cases list and print run as a named account: this OS account
# stands for the demo's admin.
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$tmp/st/yizhan.conf"
grep -qx 'forms_dir =' "$tmp/st/yizhan.conf" || fail "forms_dir is not empty: $(grep forms_dir "$tmp/st/yizhan.conf")"
grep -qx 'calendar_file =' "$tmp/st/yizhan.conf" || fail "calendar_file is not empty"
grep -B1 '^forms_dir =' "$tmp/st/yizhan.conf" | grep -q '留空则使用随一站安装的表单' ||
	fail "no comment above forms_dir: $(grep -B1 '^forms_dir' "$tmp/st/yizhan.conf")"
grep -qF "$tree" "$tmp/st/yizhan.conf" && fail "the source tree is written in yizhan.conf"
ok "init writes forms_dir and calendar_file empty, with a comment saying why"

# … so it follows the program's own data wherever that is (an upgrade).
mkdir -p "$tmp/v2/data"
cp -r "$tree/forms" "$tmp/v2/forms"
cp "$tree"/data/*.txt "$tmp/v2/data/"
cp -r "$tree/data/vocab" "$tmp/v2/data/" # the forms' kinds and lines, beside the calendar
rm "$tmp/v2/forms/volunteer_hours.form" "$tmp/v2/forms/ledgers/volunteers.ledger" # and its ledger
YIZHAN_DATADIR=$tmp/v2 "$yz" forms check --home "$tmp/st" >"$tmp/out" 2>&1 ||
	fail "forms check of a new version's forms: $(cat "$tmp/out")"
grep -qF "$tmp/v2/forms" "$tmp/out" || fail "another folder was checked: $(cat "$tmp/out")"
ok "an empty forms_dir follows the installed forms (a new version's folder)"

# The station's data folder is the owner's and the group's only.
[ "$(stat -c %a "$tmp/st")" = 750 ] || fail "station folder mode $(stat -c %a "$tmp/st")"
ok "init makes the station folder 0750"

# A path written in yizhan.conf wins: a station with its own forms and
# calendar needs no data folder of the program at all.
mkdir "$tmp/own"
{
	echo "forms_dir = $tmp/v2/forms"
	echo "calendar_file = $tmp/v2/data/calendar.txt"
} >"$tmp/own/yizhan.conf"
bare YIZHAN_LOCALEDIR="$po" "$yz" init --home "$tmp/own"
[ "$rc" -eq 0 ] || fail "init with the station's own paths: $(cat "$tmp/out")"
bare YIZHAN_LOCALEDIR="$po" "$yz" forms check --home "$tmp/own"
[ "$rc" -eq 0 ] || fail "forms check with the station's own paths: $(cat "$tmp/out")"
grep -qF "$tmp/v2/forms" "$tmp/out" || fail "another folder was checked: $(cat "$tmp/out")"
# (grid list opens the station as cases list did: forms, calendar; a new
# station's cases list needs the admin's own password first, issue 14)
bare YIZHAN_LOCALEDIR="$po" "$yz" grid list --home "$tmp/own"
[ "$rc" -eq 0 ] || fail "grid list with the station's own paths: $(cat "$tmp/out")"
ok "forms_dir and calendar_file written in yizhan.conf win over the program's own"

# The render module: only the installed one is looked for, and printing says
# so plainly (the case list and the station work without it).
case_no=$("$yz" cases list --home "$tmp/st" | head -1 | cut -d' ' -f1)
[ -n "$case_no" ] || fail "no demo case"
bare YIZHAN_DATADIR="$tree" YIZHAN_LOCALEDIR="$po" "$yz" print "$case_no" --doc receipt \
	--home "$tmp/st"
said "打印组件缺失"
grep -qF "$module" "$tmp/out" && fail "the build's module was named: $(cat "$tmp/out")"
ok "print with no module: printing components are missing, plainly"

# Issue 20: the hub's client is a module too; without it a hub command says
# so plainly (the counter never loads it).
bare YIZHAN_DATADIR="$tree" YIZHAN_LOCALEDIR="$po" "$yz" hub init "host=$tmp dbname=none" \
	--home "$tmp/st"
said "一站的区级汇聚部分缺失"
grep -qF "${YIZHAN_HUB_MODULE:-no-module}" "$tmp/out" && fail "the build's hub module was named"
ok "hub init with no hub module: the hub's part is missing, plainly"

echo "$n checks passed"
