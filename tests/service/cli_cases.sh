#!/bin/sh
# The case lifecycle on the command line (issue 4): cases list filters, cases
# show with the deadline computation and timeline, staff set/absent/list.
# Usage: cli_cases.sh PATH/TO/yizhan
set -eu
yz=$1
home=$(mktemp -d "${TMPDIR:-/tmp}/yzcases.XXXXXX")
trap 'rm -rf "$home"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
unset LC_ALL || true
n=0
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }

"$yz" init --demo --home "$home" >/dev/null || fail "init --demo"
# Issue 14: this test's OS account acts as the station's admin (os_accounts).
printf 'os_accounts = %s:admin\n' "$(id -un)" >>"$home/yizhan.conf"
all=$("$yz" cases list --home "$home" | wc -l)
open=$("$yz" cases list --status open --home "$home" | wc -l)
closed=$("$yz" cases list --status closed --home "$home" | wc -l)
[ $((open + closed)) -eq "$all" ] || fail "open $open + closed $closed != all $all"
[ "$open" -gt 0 ] && [ "$closed" -gt 0 ] || fail "demo has no open or no closed cases"
ok "cases list --status open/closed partition the $all cases"

"$yz" cases list --status paused --home "$home" | grep -q 'waiting for materials' || fail "no paused demo case"
"$yz" cases list --status forwarded --home "$home" | grep -q 'at a department' || fail "no forwarded case"
if "$yz" cases list --status bogus --home "$home" 2>/dev/null; then fail "bad --status accepted"; fi
ok "cases list --status paused/forwarded; a bad status is refused"

today=$(date +%F)
"$yz" cases list --overdue --home "$home" | awk -v t="$today" '$0 !~ /at a department/ && $(NF-1) >= t {bad=1} END {exit bad}' \
  || fail "--overdue lists a case not yet due"
[ "$("$yz" cases list --overdue --home "$home" | wc -l)" -gt 0 ] || fail "no overdue demo case"
"$yz" cases list --owner wangfang --home "$home" | awk '$NF != "wangfang" {bad=1} END {exit bad}' || fail "--owner"
"$yz" cases list --due-within 5 --home "$home" | awk -v t="$today" '$(NF-1) < t {bad=1} END {exit bad}' || fail "--due-within lists overdue"
ok "cases list --overdue, --owner, --due-within"

no=$("$yz" cases list --status paused --home "$home" | head -1 | cut -d' ' -f1)
out=$("$yz" cases show "$no" --home "$home")
echo "$out" | grep -q "promised: accepted 20[0-9-]* + [0-9]* working days + [0-9]* paused + 0 extension = 20" \
  || fail "no deadline computation in: $out"
echo "$out" | grep -q "legal:" || fail "no legal deadline"
echo "$out" | grep -q " paused" || fail "no pause in the timeline"
if "$yz" cases show DEMO01-1999-000001 --home "$home" 2>/dev/null; then fail "unknown case shown"; fi
ok "cases show: deadline computation and timeline"

"$yz" staff set 志愿服务 zhangli wangfang --home "$home" || fail "staff set"
if "$yz" staff set 志愿服务 ghost --home "$home" 2>/dev/null; then fail "unknown clerk accepted"; fi
"$yz" staff absent zhangli 2026-01-05 2026-01-09 --home "$home" || fail "staff absent"
if "$yz" staff absent zhangli 2026-01-09 2026-01-05 --home "$home" 2>/dev/null; then fail "reversed absence"; fi
"$yz" staff sensitive 志愿服务 yes --home "$home" || fail "staff sensitive"
"$yz" staff list --home "$home" | grep -q "志愿服务.*A zhangli.*B wangfang.*sensitive" || fail "staff list"
ok "staff set / absent / sensitive / list"
