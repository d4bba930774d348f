#!/bin/sh
# The command line as an admin or a script uses it: init (twice), forms check,
# cases list, print (to the private cupsd of tests/lib/with-cupsd), audit verify,
# help in Chinese and English. Usage: cli.sh PATH/TO/yizhan (run under with-cupsd).
set -eu
yz=$1
home=$(mktemp -d "${TMPDIR:-/tmp}/yzcli.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=zh_CN.UTF-8
unset LANGUAGE LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

out=$("$yz" init --demo --home "$home")
echo "$out" | grep -q '演示服务站已创建' || fail "init --demo said: $out"
[ -f "$home/station.db" ] && [ -f "$home/yizhan.conf" ] || fail "init made no station"
ok "init --demo creates a station"

out=$("$yz" init --demo --home "$home")
echo "$out" | grep -q '已有服务站' || fail "second init said: $out"
ok "init is idempotent"

grep -q '^station_code = DEMO01$' "$home/yizhan.conf" || fail "config lacks station_code"
grep -q '^# ' "$home/yizhan.conf" || fail "config has no comments"
ok "yizhan.conf is written with comments"

"$yz" forms check --home "$home" >/dev/null || fail "forms check of forms/ failed"
bad=$(mktemp -d "${TMPDIR:-/tmp}/yzforms.XXXXXX")
printf 'form broken\n  title\n' > "$bad/broken.form"
if "$yz" forms check "$bad" --home "$home" 2>"$bad/err"; then fail "broken form passed"; fi
grep -q "broken.form:[0-9]*:[0-9]*: " "$bad/err" || fail "no file:line:col in: $(cat "$bad/err")"
rm -rf "$bad"
ok "forms check passes forms/ and reports file:line:col for a broken file"

lines=$("$yz" cases list --home "$home" | wc -l)
[ "$lines" -ge 30 ] || fail "demo has only $lines cases"
"$yz" cases list --home "$home" | grep -Eq '^DEMO01-20[0-9]{2}-[0-9]{6} ' || fail "case number format"
"$yz" cases list --home "$home" | grep -Eq '[0-9]{6}\*{8}[0-9]{3}[0-9X]' || fail "masked ID"
"$yz" cases list --home "$home" | grep -Eq '[0-9]{18}' && fail "an unmasked ID number"
ok "cases list: $lines demo cases, masked ID numbers"

case_no=$("$yz" cases list --home "$home" | head -1 | cut -d' ' -f1)
before=$(ls "$YZ_CAPTURE_DIR" | wc -l)
"$yz" print "$case_no" --doc receipt --home "$home" >/dev/null || fail "print receipt"
after=$(ls "$YZ_CAPTURE_DIR" | wc -l)
[ "$after" -eq $((before + 1)) ] || fail "no job captured ($before → $after)"
ok "print CASE --doc receipt reaches the printer"

if "$yz" print DEMO01-1999-000999 --doc receipt --home "$home" 2>/dev/null; then
	fail "printing a missing case succeeded"
fi
"$yz" print "$case_no" --doc receipt --printer nosuchprinter --home "$home" 2>"$home/err" &&
	fail "printing to a missing printer succeeded"
grep -q '重打列表' "$home/err" || fail "no reprint-list message: $(cat "$home/err")"
ok "print failures are reported and exit 1"

"$yz" audit verify --home "$home" | grep -q '完整' || fail "audit verify"
ok "audit verify"

"$yz" --help | grep -q '用法' || fail "Chinese help"
LANG=en_US.UTF-8 "$yz" --help | grep -q 'Usage' || fail "English help"
"$yz" --version | grep -Eq '^yizhan [0-9]' || fail "--version"
ok "help in Chinese by default, English under an English locale"

if "$yz" cases list --home "$home/none" 2>"$home/err"; then fail "missing station passed"; fi
grep -q 'yizhan init' "$home/err" || fail "missing station message: $(cat "$home/err")"
ok "a missing station names yizhan init"
