#!/bin/sh
# Issue 16, `yizhan ledger` on a demo station: the list of ledgers; an export
# without --out named after the station, ledger and period in the current
# folder, saying where it went and how many rows (the station's cases, one
# row each); bad input refused in words with exit 2 (an unknown ledger lists
# the ledgers, an impossible date, --to before --from, an unknown format, no
# period); a clerk refused with an audit row.
# Usage: cli_ledger16.sh PATH/TO/yizhan
set -eu
yz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
home=$(mktemp -d "${TMPDIR:-/tmp}/yzledger.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

"$yz" init --demo --home "$home/st" >/dev/null || fail "init --demo"
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$home/st/yizhan.conf"

out=$("$yz" ledger list --home "$home/st") || fail "ledger list"
echo "$out" | grep -q '^case_register .*cases$' || fail "ledger list: $out"
echo "$out" | grep -q '^elderly .*residents$' || fail "ledger list: no elderly"
ok "ledger list: id, title, source"

mkdir "$home/out"
cases=$("$yz" cases list --home "$home/st" | wc -l)
msg=$(cd "$home/out" && "$yz" ledger export case_register --from 2000-01-01 --to 2099-12-31 \
	--format csv-utf8 --home "$home/st") || fail "export: $msg"
file=$(ls "$home/out")
case "$file" in
*-case_register-20000101-20991231.csv) ;;
*) fail "file name $file" ;;
esac
echo "$msg" | grep -q "^Written: .*case_register-20000101-20991231.csv ($cases rows)$" \
	|| fail "message: $msg (cases: $cases)"
# header + the cases + the total row (the number column is counted)
[ "$(wc -l <"$home/out/$file")" -eq $((cases + 2)) ] || fail "rows in $file"
[ "$(stat -c %a "$home/out/$file")" = 640 ] || fail "mode of $file"
ok "export without --out: $file, $cases rows, told"

expect2() {
	what=$1
	want=$2
	shift 2
	set +e
	err=$("$yz" ledger export "$@" --home "$home/st" 2>&1 >/dev/null)
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "$what: exit $rc ($err)"
	echo "$err" | grep -q -- "$want" || fail "$what: $err"
}
expect2 "unknown ledger" "no ledger nosuch. The ledgers are: case_register, " nosuch --month 2026-11
expect2 "impossible date" "2026-02-30 is not a date" case_register --from 2026-02-30 --to 2026-03-01
expect2 "--to before --from" "comes before --from" case_register --from 2026-03-02 --to 2026-03-01
expect2 "unknown format" "not docx" case_register --month 2026-11 --format docx
expect2 "bad month" "is not a period" case_register --month 2026-13
expect2 "no period" "which period" case_register
ok "bad input refused in words, exit 2"

before=$(sqlite3 "$home/st/station.db" "SELECT count(*) FROM audit WHERE action = 'ledger_denied'")
set +e
err=$(echo demo1234 | "$yz" ledger export case_register --month 2026-11 --as zhangli \
	--password-fd 0 --home "$home/st" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "clerk: exit $rc ($err)"
echo "$err" | grep -q "Only the station head or the admin" || fail "clerk: $err"
after=$(sqlite3 "$home/st/station.db" "SELECT count(*) FROM audit WHERE action = 'ledger_denied'")
[ "$after" -eq $((before + 1)) ] || fail "no audit row ($before -> $after)"
[ -z "$(ls "$home/out" | grep -v "$file")" ] || fail "a clerk's file was written"
ok "a clerk is refused, with an audit row"

saved=$(sqlite3 "$home/st/station.db" "SELECT count(*) FROM audit WHERE action = 'report_saved' AND detail LIKE 'case_register 20000101-20991231 rows $cases -> %'")
[ "$saved" -eq 1 ] || fail "audit row of the export"
ok "the export's audit row names the ledger, period and rows"
