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
# Issue 14: the commands that show personal data run as a named account: this
# test's OS account stands for the station's admin (os_accounts, yizhan.conf).
map_admin() { printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$1/yizhan.conf"; }
# A new (not demo) station: the admin's one-time password changed first.
new_station() {
	pw=$(LANGUAGE=en "$yz" init --home "$1" | sed -n 's/.* with password \([a-z0-9]*\) .*/\1/p')
	printf 'Station-Admin-1\n' | "$yz" user passwd admin --home "$1" --as admin --password-fd 3 \
		3<<EOF >/dev/null || fail "the new station's admin password"
$pw
EOF
	map_admin "$1"
}

out=$("$yz" init --demo --home "$home")
echo "$out" | grep -q '演示服务站已创建' || fail "init --demo said: $out"
[ -f "$home/station.db" ] && [ -f "$home/yizhan.conf" ] || fail "init made no station"
map_admin "$home"
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

if out=$("$yz" --home "$home" </dev/null 2>&1); then fail "UI without a terminal started"; fi
echo "$out" | grep -q '需要终端' || fail "no terminal said: $out"
ok "the counter UI without a terminal says so in Chinese and exits"

if "$yz" cases list --home "$home/none" 2>"$home/err"; then fail "missing station passed"; fi
grep -q 'yizhan init' "$home/err" || fail "missing station message: $(cat "$home/err")"
ok "a missing station names yizhan init"

# ---- the resident registry (issue 5) ----
rh=$(mktemp -d "${TMPDIR:-/tmp}/yzreg.XXXXXX")
"$yz" init --demo --residents 60 --home "$rh" | grep -Eq '6[0-9]' || fail "init --demo --residents 60"
map_admin "$rh"
[ "$("$yz" residents export "$rh/a.csv" --home "$rh" | grep -c '')" -eq 1 ] || fail "export said more"
[ "$(sed -n '2,$p' "$rh/a.csv" | grep -c '')" -ge 60 ] || fail "export has too few rows"
ok "init --demo --residents N, residents export"

# The export puts a tab before ID numbers (Excel keeps them as text).
line=$(sed -n 2p "$rh/a.csv" | tr -d '\r\t')
idno=$(echo "$line" | cut -d, -f2)
name=$(echo "$line" | cut -d, -f3)
out=$("$yz" residents find "$(echo "$idno" | cut -c13-18)" --home "$rh")
echo "$out" | head -1 | grep -q "$name" || fail "find by ID suffix: $out"
echo "$out" | grep -Eq '[0-9]{18}' && fail "an unmasked ID number in: $out"
"$yz" residents find "$idno" --home "$rh" | grep -Eq "^[0-9]{6}\*{8}[0-9]{3}[0-9X] +$name " ||
	fail "find by full ID"
"$yz" residents find "$name" --limit 1 --home "$rh" | grep -q "$name" || fail "find by name"
[ "$("$yz" residents find zh --limit 3 --home "$rh" | grep -c '')" -le 3 ] || fail "--limit"
if "$yz" residents find qqqqqqqq --home "$rh" 2>/dev/null; then fail "no match exits 0"; fi
ok "residents find: ID suffix, full ID (masked), name, --limit"

rm -rf "$rh/b"
new_station "$rh/b"
"$yz" residents export "$rh/g.csv" --encoding gb18030 --home "$rh" >/dev/null
out=$("$yz" residents import "$rh/g.csv" --home "$rh/b")
echo "$out" | grep -q 'GB18030' || fail "import did not detect GB18030: $out"
"$yz" residents export "$rh/b.csv" --home "$rh/b" >/dev/null
cmp -s "$rh/a.csv" "$rh/b.csv" || fail "export -> import -> export differs"
ok "residents import (GB18030 detected) round-trips byte for byte"

printf '\357\273\277%s\r\n' "$(head -1 "$rh/a.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" > "$rh/bad.csv"
printf 'H9,110101199001011234,,,,,,,,,\r\n' >> "$rh/bad.csv"
set +e
"$yz" residents import "$rh/bad.csv" --home "$rh/b" > "$rh/out" 2>&1
rc=$?
set -e
[ $rc -eq 3 ] || fail "import with rejects exited $rc: $(cat "$rh/out")"
[ -f "$rh/bad.csv.rejects.csv" ] || fail "no reject report"
grep -q '^	H9,.*第 2 行' "$rh/bad.csv.rejects.csv" || fail "reject report: $(cat "$rh/bad.csv.rejects.csv")"
ok "residents import writes a reject report and exits 3"
rm -rf "$rh"

# ---- verification codes (issue 6) ----
vh=$(mktemp -d "${TMPDIR:-/tmp}/yzver.XXXXXX")
"$yz" init --demo --home "$vh" >/dev/null
map_admin "$vh"
case_no=$("$yz" cases list --home "$vh" | head -1 | cut -d' ' -f1)
before=$(ls "$YZ_CAPTURE_DIR" | grep -c '^receipt-.*\.bin$' || true)
"$yz" print "$case_no" --doc receipt --home "$vh" >/dev/null || fail "print for verify"
for _ in $(seq 50); do
	[ "$(ls "$YZ_CAPTURE_DIR" | grep -c '^receipt-.*\.bin$')" -gt "$before" ] && break
	sleep 0.1
done
f=$(ls -t "$YZ_CAPTURE_DIR"/receipt-*.bin | head -1)
code=$(LC_ALL=C grep -aoE '[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}' "$f" | head -1)
[ -n "$code" ] || fail "no verification code on the receipt of $case_no"
out=$("$yz" verify "$code" --home "$vh") || fail "genuine code rejected: $out"
echo "$out" | grep -q "$case_no" || fail "verify does not name the case: $out"
echo "$out" | grep -Eq '[0-9]{17}[0-9X]|[0-9]{6}\*{8}' && fail "verify shows an ID number: $out"
lower=$(echo "$code" | tr 'A-Z' 'a-z' | tr -d '-')
"$yz" verify "$lower" --home "$vh" >/dev/null || fail "lower case without dashes rejected"
ok "verify: a receipt's code is genuine and names its case, no ID number"

last=$(echo "$code" | cut -c14)
swap=Z; [ "$last" = Z ] && swap=Y
forged="$(echo "$code" | cut -c1-13)$swap$(echo "$code" | cut -c15)"
set +e
"$yz" verify "$forged" --home "$vh" >"$vh/out" 2>&1; rc=$?
set -e
[ $rc -eq 3 ] || fail "forged code exited $rc: $(cat "$vh/out")"
set +e
"$yz" verify 0000-0000-0000 --home "$vh" >"$vh/out" 2>&1; rc=$?
set -e
[ $rc -eq 4 ] || fail "unknown code exited $rc: $(cat "$vh/out")"
ok "verify: a forged code exits 3, an unknown one 4"
rm -rf "$vh"
# ---- registry documents (issue 5): household sheet and grid book
rd=$(mktemp -d "${TMPDIR:-/tmp}/yzdocs.XXXXXX")
"$yz" init --demo --residents 80 --home "$rd" >/dev/null
map_admin "$rd"
"$yz" residents sheet 000001 --pdf "$rd/s.pdf" --home "$rd" >/dev/null || fail "residents sheet --pdf"
t=$(pdftotext -layout "$rd/s.pdf" -)
"$yz" residents export "$rd/e.csv" --home "$rd" >/dev/null
head_name=$("$yz" residents find "$(echo "$t" | grep -Eo '[0-9]{17}[0-9X]' | head -1)" --home "$rd" | awk '{print $2}')
[ -n "$head_name" ] && echo "$t" | grep -q "$head_name" || fail "sheet lacks the head: $t"
echo "$t" | grep -Eq '[0-9]{17}[0-9X]' || fail "the internal sheet has no full ID number"
"$yz" residents sheet 000001 --masked --pdf "$rd/m.pdf" --home "$rd" >/dev/null
pdftotext "$rd/m.pdf" - | grep -Eq '[0-9]{17}[0-9X]' && fail "a masked sheet shows a full ID number"
grid=$("$yz" grid list --home "$rd" | head -1 | awk '{print $1}')
leader=$("$yz" grid list --home "$rd" | head -1 | awk '{print $2}')
"$yz" grid book "$grid" --pdf "$rd/g.pdf" --home "$rd" >/dev/null || fail "grid book --pdf"
pdftotext -layout "$rd/g.pdf" - | grep -q "$leader" || fail "grid book lacks the grid leader $leader"
if "$yz" residents sheet 999999 --pdf "$rd/x.pdf" --home "$rd" 2>/dev/null; then fail "unknown household exits 0"; fi
n0=$(ls "$YZ_CAPTURE_DIR" | grep -c '^a4-' || true)
"$yz" residents sheet 000001 --printer a4 --home "$rd" | grep -q a4 || fail "sheet to printer a4"
for i in $(seq 50); do [ "$(ls "$YZ_CAPTURE_DIR" | grep -c '^a4-' || true)" -gt "$n0" ] && break; sleep 0.1; done
sleep 0.3
cap=$(ls -t "$YZ_CAPTURE_DIR"/a4-* | head -1)
pdftotext -layout "$cap" - | grep -q "$head_name" || fail "the printed sheet lacks the head"
ok "residents sheet (full and masked, to a4), grid list, grid book with the grid leader"
rm -rf "$rd"
# ---- end registry docs
